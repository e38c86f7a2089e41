/*
 * check.h: what the html tests share: one output buffer per test and
 * substring assertions that print the markup when they fail, since a bare
 * "strstr returned NULL" says nothing about what was written instead.
 */
#ifndef JCS_TEST_HTML_CHECK_H
#define JCS_TEST_HTML_CHECK_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/buf.h"
#include "html/html.h"

static struct buf out;
static struct html h;

static inline int setup(void **state)
{
	(void)state;
	buf_init(&out, 1 << 20);
	html_init(&h, &out);
	return 0;
}

static inline int teardown(void **state)
{
	(void)state;
	buf_free(&out);
	return 0;
}

/* What has been written so far ("" before the first write). */
static inline const char *written(void)
{
	return out.data ? out.data : "";
}

static inline size_t count(const char *hay, const char *needle)
{
	size_t n = 0, len = strlen(needle);
	for (const char *p = strstr(hay, needle); p; p = strstr(p + len, needle))
		n++;
	return n;
}

static inline void has_(const char *needle, const char *file, int line)
{
	if (!strstr(written(), needle))
		fail_msg("%s:%d: missing\n  %s\nin\n%s", file, line, needle, written());
}

static inline void lacks_(const char *needle, const char *file, int line)
{
	if (strstr(written(), needle))
		fail_msg("%s:%d: unexpected\n  %s\nin\n%s", file, line, needle, written());
}

#define assert_has(s) has_((s), __FILE__, __LINE__)
#define assert_lacks(s) lacks_((s), __FILE__, __LINE__)
#define assert_count(s, n) assert_int_equal(count(written(), (s)), (n))

#define TEST(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

#endif
