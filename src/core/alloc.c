/*
 * alloc.c: the allocation wrappers and their failure injection.
 *
 * The countdown is thread-local so that a unit test can fail its own
 * allocations while threads it does not own keep working.  -1 means "never".
 */
#include "core/alloc.h"

#include <stdlib.h>
#include <string.h>

static _Thread_local long fail_countdown = -1;

static int should_fail(void)
{
	if (fail_countdown < 0)
		return 0;
	if (fail_countdown == 0)
		return 1;
	fail_countdown--;
	return 0;
}

void alloc_fail_after(long n) { fail_countdown = n; }
void alloc_fail_reset(void) { fail_countdown = -1; }

void *xmalloc(size_t n)
{
	if (should_fail())
		return NULL;
	return malloc(n ? n : 1);
}

void *xcalloc(size_t count, size_t size)
{
	if (should_fail())
		return NULL;
	return calloc(count ? count : 1, size ? size : 1);
}

void *xrealloc(void *p, size_t n)
{
	if (should_fail())
		return NULL;
	return realloc(p, n ? n : 1);
}

void xfree(void *p) { free(p); }

char *xstrndup(const char *s, size_t n)
{
	char *d = xmalloc(n + 1);
	if (!d)
		return NULL;
	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

char *xstrdup(const char *s) { return xstrndup(s, strlen(s)); }
