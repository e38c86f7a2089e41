/*
 * test_clock.c: the stored-time helpers pages use to show days
 * (core/clock.h), with the edges a page can meet: leap years, short or
 * odd text (shown as it is), and a buffer too small.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <string.h>

#include "core/clock.h"

static void test_day_valid(void **state)
{
	(void)state;
	assert_true(clock_day_valid("2026-11-22"));
	assert_true(clock_day_valid("2026-11-22T06:30:00Z"));
	assert_true(clock_day_valid("2024-02-29"));
	assert_true(clock_day_valid("2000-02-29"));
	assert_false(clock_day_valid("1900-02-29"));
	assert_false(clock_day_valid("2026-02-29"));
	assert_false(clock_day_valid("2026-04-31"));
	assert_false(clock_day_valid("2026-13-01"));
	assert_false(clock_day_valid("2026-00-10"));
	assert_false(clock_day_valid("2026-01-00"));
	assert_false(clock_day_valid("0000-01-01"));
	assert_false(clock_day_valid("0500-01-01"));
	assert_true(clock_day_valid("1000-01-01"));
	assert_false(clock_day_valid("2026-1-01"));
	assert_false(clock_day_valid("2026-01-0"));
	assert_false(clock_day_valid("2026/01/01"));
	assert_false(clock_day_valid(""));
	assert_false(clock_day_valid(NULL));
}

static void test_day_label(void **state)
{
	(void)state;
	char out[CLOCK_DAY_SIZE];
	assert_string_equal(clock_day_label("2026-11-22T06:30:00Z", out, sizeof out), "22 November 2026");
	assert_string_equal(clock_day_label("2026-01-05", out, sizeof out), "5 January 2026");
	/* The longest label fits CLOCK_DAY_SIZE. */
	assert_string_equal(clock_day_label("2026-09-30", out, sizeof out), "30 September 2026");
	/* Not a day: the text itself comes back, so a page shows it as it is. */
	const char *odd = "yesterday";
	assert_ptr_equal(clock_day_label(odd, out, sizeof out), odd);
	const char *feb30 = "2026-02-30";
	assert_ptr_equal(clock_day_label(feb30, out, sizeof out), feb30);
	assert_null(clock_day_label(NULL, out, sizeof out));
	/* Too small a buffer: the text, never a cut label. */
	char small[8];
	const char *day = "2026-11-22";
	assert_ptr_equal(clock_day_label(day, small, sizeof small), day);
}

static void test_iso_round_trip(void **state)
{
	(void)state;
	char iso[CLOCK_ISO_SIZE], out[CLOCK_DAY_SIZE];
	clock_iso(1795329000, iso); /* 2026-11-22T06:30:00Z */
	assert_string_equal(iso, "2026-11-22T06:30:00Z");
	assert_string_equal(clock_day_label(iso, out, sizeof out), "22 November 2026");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_day_valid),
		cmocka_unit_test(test_day_label),
		cmocka_unit_test(test_iso_round_trip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
