/*
 * page_asserts.c: see page_asserts.h.  cmocka's print_error() and _fail()
 * are its public hooks for reporting at a caller's file and line.
 */
#include "support/page_asserts.h"

#include <setjmp.h>
#include <stdarg.h>
#include <cmocka.h>
#include <string.h>

/* The part of body worth showing: its <main> element when it has one. */
static void show(const char *body)
{
	const char *start = strstr(body, "<main");
	const char *end = start ? strstr(start, "</main>") : NULL;
	if (start && end)
		print_error("in the page's main part:\n%.*s</main>\n", (int)(end - start), start);
	else
		print_error("in:\n%s\n", body);
}

void page_assert_contains(const char *body, const char *needle, const char *file, int line)
{
	if (body && strstr(body, needle))
		return;
	print_error("expected \"%s\" ", needle);
	show(body ? body : "(no body)");
	_fail(file, line);
}

void page_assert_lacks(const char *body, const char *needle, const char *file, int line)
{
	if (body && !strstr(body, needle))
		return;
	print_error("did not expect \"%s\" ", needle);
	show(body ? body : "(no body)");
	_fail(file, line);
}

size_t page_count(const char *body, const char *needle)
{
	size_t n = 0;
	for (const char *p = strstr(body, needle); p; p = strstr(p + 1, needle))
		n++;
	return n;
}
