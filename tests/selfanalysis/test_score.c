/*
 * test_score.c: parsing and formatting scores-table cells (selfanalysis/
 * score.h), with the cells the seeds actually hold: "Don't know" in the
 * Oxfordshire annex (statement 2, interviews 3 and 9) and "1 / 2" in North
 * Yorkshire's Appendix B (standard 3), plus every refusal's message.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "selfanalysis/score.h"

static const struct scale csp = {1, 5, true, true};

static struct score ok(const char *cell)
{
	struct score s;
	char err[SCORE_ERR_SIZE];

	assert_int_equal(score_parse(cell, &csp, &s, err, sizeof err), E_OK);
	assert_string_equal(err, "");
	return s;
}

static void refused(const char *cell, const struct scale *sc, enum err rc,
		    const char *msg)
{
	struct score s;
	char err[SCORE_ERR_SIZE];

	assert_int_equal(score_parse(cell, sc, &s, err, sizeof err), rc);
	assert_string_equal(err, msg);
}

static void test_values(void **state)
{
	(void)state;
	struct score s = ok("3");
	assert_int_equal(s.kind, SCORE_VALUE);
	assert_int_equal(s.lo, 6);
	assert_int_equal(s.hi, 6);
	/* Oxfordshire statement 1, interview 3 scored 1.5. */
	s = ok(" 1.5 ");
	assert_int_equal(s.lo, 3);
	assert_true(score_counts(&s));
	assert_true(score_value(&s) == 1.5);
	s = ok("3.0");
	assert_int_equal(s.lo, 6);
	s = ok("4.50");
	assert_int_equal(s.lo, 9);
	assert_int_equal(ok("5").lo, 10);
	assert_int_equal(ok("1").lo, 2);
}

static void test_range(void **state)
{
	(void)state;
	/* North Yorkshire Appendix B, standard 3: "1 / 2", counted as 1.5. */
	struct score s = ok("1 / 2");
	assert_int_equal(s.kind, SCORE_RANGE);
	assert_int_equal(s.lo, 2);
	assert_int_equal(s.hi, 4);
	assert_true(score_counts(&s));
	assert_true(score_value(&s) == 1.5);
	s = ok("3/4");
	assert_int_equal(s.lo, 6);
	assert_int_equal(s.hi, 8);
	assert_true(score_value(&s) == 3.5);
}

static void test_dont_know_and_empty(void **state)
{
	(void)state;
	const char *dk[] = {"Don't know", "don't know", "DON'T KNOW",
			    "Don\xE2\x80\x99t know", "DK", "dk", " Dont know "};
	for (size_t i = 0; i < sizeof dk / sizeof dk[0]; i++) {
		struct score s = ok(dk[i]);
		assert_int_equal(s.kind, SCORE_DONT_KNOW);
		assert_false(score_counts(&s));
	}
	assert_int_equal(ok("").kind, SCORE_NONE);
	assert_int_equal(ok("  \t").kind, SCORE_NONE);
	assert_int_equal(ok(NULL).kind, SCORE_NONE);
	assert_false(score_counts(&(struct score){SCORE_NONE, 0, 0}));
}

static void test_refusals(void **state)
{
	(void)state;
	const struct scale whole = {1, 5, false, false};
	const struct scale three = {1, 3, false, true};

	refused("6", &csp, E_RANGE, "'6' is outside the scale 1 to 5");
	refused("0", &csp, E_RANGE, "'0' is outside the scale 1 to 5");
	refused("0.5", &csp, E_RANGE, "'0.5' is outside the scale 1 to 5");
	refused("5.5", &csp, E_RANGE, "'5.5' is outside the scale 1 to 5");
	refused("-1", &csp, E_RANGE, "'-1' is outside the scale 1 to 5");
	refused("3.25", &csp, E_RANGE, "'3.25' is not a whole or half point");
	refused("3.5", &whole, E_RANGE,
		"'3.5' is a half point, which this scale does not allow");
	refused("Don't know", &whole, E_RANGE,
		"\"Don't know\" is not allowed on this scale");
	refused("4", &three, E_RANGE, "'4' is outside the scale 1 to 3");
	refused("good", &csp, E_INVAL, "'good' is not a score");
	refused("3,5", &csp, E_INVAL, "'3,5' is not a score");
	refused("3.", &csp, E_INVAL, "'3.' is not a score");
	refused(".5", &csp, E_INVAL, "'.5' is not a score");
	refused("1e0", &csp, E_INVAL, "'1e0' is not a score");
	refused("2 / 1", &csp, E_INVAL,
		"'2 / 1' is not a range: write the lower score first, as in "
		"\"1 / 2\"");
	refused("2 / 2", &csp, E_INVAL,
		"'2 / 2' is not a range: write the lower score first, as in "
		"\"1 / 2\"");
	refused("1 / 7", &csp, E_RANGE, "'7' is outside the scale 1 to 5");
	/* A range is between two neighbouring whole points; a long cell is
	 * quoted cut at 30 bytes, and the message still fits. */
	static const char *const not_neighbours[][2] = {
		{"1 / 3", "'1 / 3'"},
		{"2/3.5", "'2/3.5'"},
		{"2.5 / 3.5", "'2.5 / 3.5'"},
		{"1 /                              3", "'1 /                           ...'"},
	};
	for (size_t i = 0; i < sizeof not_neighbours / sizeof not_neighbours[0]; i++) {
		char want[SCORE_ERR_SIZE];
		snprintf(want, sizeof want, "%s is not between two neighbouring points: write two "
			 "whole points next to each other, such as \"1 / 2\" or \"3 / 4\"",
			 not_neighbours[i][1]);
		refused(not_neighbours[i][0], &csp, E_INVAL, want);
	}
	refused("1 /", &csp, E_INVAL, "'' is not a score");
	refused("1 / 2 / 3", &csp, E_INVAL, "'2 / 3' is not a score");
	/* Long or invalid text is cut or not quoted at all. */
	refused("abcdefghijklmnopqrstuvwxyz0123456789", &csp, E_INVAL,
		"'abcdefghijklmnopqrstuvwxyz0123...' is not a score");
	refused("\xff\xfe", &csp, E_INVAL, "This cell is not a score");
	/* A cut never splits a UTF-8 character: 29 x 'a' then 'é'. */
	refused("aaaaaaaaaaaaaaaaaaaaaaaaaaaaa\xC3\xA9xyz", &csp, E_INVAL,
		"'aaaaaaaaaaaaaaaaaaaaaaaaaaaaa...' is not a score");
}

static void test_format_round_trip(void **state)
{
	(void)state;
	const char *in[] = {"3", "3.5", " 1 / 2 ", "4/5", "dk", "", "4.0"};
	const char *want[] = {"3", "3.5", "1 / 2", "4 / 5", "Don't know", "",
			      "4"};
	char buf[SCORE_TEXT_SIZE];

	for (size_t i = 0; i < sizeof in / sizeof in[0]; i++) {
		struct score s = ok(in[i]), t;
		assert_int_equal(score_format(&s, buf, sizeof buf), E_OK);
		assert_string_equal(buf, want[i]);
		t = ok(buf);
		assert_memory_equal(&s, &t, sizeof s);
	}
	struct score s = ok("1 / 2");
	assert_int_equal(score_format(&s, buf, 5), E_TOOBIG);
	assert_int_equal(score_format(&s, buf, 6), E_OK);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_range),
		cmocka_unit_test(test_dont_know_and_empty),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_format_round_trip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
