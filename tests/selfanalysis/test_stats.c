/*
 * test_stats.c: per-standard statistics, ranking, the stated-average check
 * and the comparison of rounds (selfanalysis/stats.h), against figures
 * worked out by hand from the seeds' tables (Oxfordshire 000: Annex A,
 * ten interviews, 12 statements; North Yorkshire 003: Appendix B, one group
 * score per standard), with the working in the comments.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <math.h>
#include <string.h>

#include "selfanalysis/stats.h"

#include "seed_scores.h"

static const struct scale csp = {1, 5, true, true};

#define NEAR(a, b) assert_true(fabs((a) - (b)) < 1e-9)

static void row_stats(const char *const *cells, size_t n,
		      const struct scale *sc, struct standard_stats *st)
{
	struct score s[16];
	char err[SCORE_ERR_SIZE];

	assert_true(n <= 16);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(score_parse(cells[i], sc, &s[i], err,
					     sizeof err), E_OK);
	stats_compute(s, n, sc, st);
}

static void test_oxon_dont_know_row(void **state)
{
	(void)state;
	struct standard_stats st;

	/*
	 * Statement 2: 3, 2, DK, 3.5, 3, 3, 1, 3, DK, 3.5.
	 * n = 8, dont_know = 2; sum = 3+2+3.5+3+3+1+3+3.5 = 22; mean 2.75.
	 * Sorted: 1, 2, 3, 3, 3, 3, 3.5, 3.5.
	 * median: h = 7*.5 = 3.5 -> x3 + .5(x4-x3) = 3 + 0 = 3.
	 * q1: h = 1.75 -> x1 + .75(x2-x1) = 2 + .75*1 = 2.75.
	 * q3: h = 5.25 -> x5 + .25(x6-x5) = 3 + .25*.5 = 3.125.
	 * Deviations from 2.75: .25 -.75 .75 .25 .25 -1.75 .25 .75; squares
	 * .0625*4 + .5625*3 + 3.0625 = .25 + 1.6875 + 3.0625 = 5;
	 * s² = 5/7 = 0.714286..., sd = 0.845154...
	 * rwg = 1 - s²/2 (σ²_EU = (25-1)/12 = 2) = 1 - 5/14 = 0.642857...
	 */
	row_stats(oxon[1], 10, &csp, &st);
	assert_int_equal(st.n, 8);
	assert_int_equal(st.dont_know, 2);
	assert_int_equal(st.no_answer, 0);
	assert_true(st.has_mean && st.has_sd && st.has_rwg);
	NEAR(st.sum, 22);
	NEAR(st.mean, 2.75);
	NEAR(st.median, 3);
	NEAR(st.q1, 2.75);
	NEAR(st.q3, 3.125);
	NEAR(st.min, 1);
	NEAR(st.max, 3.5);
	NEAR(st.sd, sqrt(5.0 / 7));
	NEAR(st.rwg, 1 - 5.0 / 14);

	/*
	 * Statement 6: 2.5, 3, DK, 3.5, DK, 3, 1.5, 3.5, 3, 3.5.
	 * n = 8, sum = 2.5+3+3.5+3+1.5+3.5+3+3.5 = 23.5, mean 2.9375.
	 * Sorted: 1.5, 2.5, 3, 3, 3, 3.5, 3.5, 3.5.
	 * median: h 3.5 -> 3; q1: h 1.75 -> 2.5 + .75*.5 = 2.875;
	 * q3: h 5.25 -> 3.5 + 0 = 3.5.
	 */
	row_stats(oxon[5], 10, &csp, &st);
	assert_int_equal(st.n, 8);
	assert_int_equal(st.dont_know, 2);
	NEAR(st.mean, 2.9375);
	NEAR(st.median, 3);
	NEAR(st.q1, 2.875);
	NEAR(st.q3, 3.5);
	NEAR(st.min, 1.5);
}

static void test_oxon_full_row(void **state)
{
	(void)state;
	struct standard_stats st;

	/*
	 * Statement 1: 4, 3, 1.5, 3.5, 3.5, 4.5, 3.5, 3.5, 3.5, 3.5.
	 * sum = 34, n = 10, mean 3.4.  Sorted: 1.5 3 3.5 3.5 3.5 3.5 3.5 3.5 4
	 * 4.5.  median: h 4.5 -> 3.5; q1: h 2.25 -> 3.5; q3: h 6.75 -> 3.5.
	 * Deviations from 3.4: .6 -.4 -1.9 .1 .1 1.1 .1 .1 .1 .1; squares
	 * .36+.16+3.61+.01*6+1.21 = 5.4; s² = 5.4/9 = 0.6; rwg = 1 - .3 = .7.
	 */
	row_stats(oxon[0], 10, &csp, &st);
	assert_int_equal(st.n, 10);
	assert_int_equal(st.dont_know, 0);
	NEAR(st.mean, 3.4);
	NEAR(st.median, 3.5);
	NEAR(st.q1, 3.5);
	NEAR(st.q3, 3.5);
	NEAR(st.sd, sqrt(0.6));
	NEAR(st.rwg, 0.7);
}

static void test_nyorks_range_row(void **state)
{
	(void)state;
	struct standard_stats st;
	const char *cells[] = {"1 / 2"};

	/* Standard 3, one group score "1 / 2": n = 1 at 1.5, no sd, no rwg. */
	row_stats(cells, 1, &csp, &st);
	assert_int_equal(st.n, 1);
	NEAR(st.mean, 1.5);
	NEAR(st.median, 1.5);
	NEAR(st.q1, 1.5);
	NEAR(st.min, 1.5);
	NEAR(st.max, 1.5);
	assert_false(st.has_sd);
	assert_false(st.has_rwg);

	/* A range among values: 1 / 2 (1.5), 3, empty -> n 2, mean 2.25. */
	const char *mixed[] = {"1 / 2", "3", ""};
	row_stats(mixed, 3, &csp, &st);
	assert_int_equal(st.n, 2);
	assert_int_equal(st.no_answer, 1);
	NEAR(st.mean, 2.25);
	/* s² = (.75² + .75²)/1 = 1.125; rwg = 1 - 1.125/2 = 0.4375. */
	NEAR(st.rwg, 0.4375);

	/* Nothing but "Don't know" and blanks: counts only. */
	const char *none[] = {"DK", "", "Don't know"};
	row_stats(none, 3, &csp, &st);
	assert_int_equal(st.n, 0);
	assert_int_equal(st.dont_know, 2);
	assert_int_equal(st.no_answer, 1);
	assert_false(st.has_mean);
}

static void test_quartile_inc(void **state)
{
	(void)state;
	const struct scale wide = {0, 50, false, false};
	struct standard_stats st;
	/* Excel QUARTILE.INC({1,2,3,4}, 1..3) = 1.75, 2.5, 3.25. */
	const char *four[] = {"4", "1", "3", "2"};
	/* QUARTILE.INC({6,7,15,36,39,40,41,42,43,47,49}) = 25.5, 40, 42.5. */
	const char *eleven[] = {"6", "7", "15", "36", "39", "40",
				"41", "42", "43", "47", "49"};
	/* QUARTILE.INC({1,2,3,4,5}) = 2, 3, 4. */
	const char *five[] = {"5", "4", "3", "2", "1"};

	row_stats(four, 4, &wide, &st);
	NEAR(st.q1, 1.75);
	NEAR(st.median, 2.5);
	NEAR(st.q3, 3.25);
	row_stats(eleven, 11, &wide, &st);
	NEAR(st.q1, 25.5);
	NEAR(st.median, 40);
	NEAR(st.q3, 42.5);
	row_stats(five, 5, &wide, &st);
	NEAR(st.q1, 2);
	NEAR(st.median, 3);
	NEAR(st.q3, 4);
}

static void test_rwg_edges(void **state)
{
	(void)state;
	struct standard_stats st;
	const char *same[] = {"3", "3", "3", "3"};
	const char *apart[] = {"1", "5"};
	const char *one[] = {"4", "DK", ""};
	const struct scale single = {1, 1, false, false};
	const char *ones[] = {"1", "1"};

	row_stats(same, 4, &csp, &st);
	assert_true(st.has_rwg);
	NEAR(st.rwg, 1);
	NEAR(st.sd, 0);
	/* s² = (4+4)/1 = 8; 1 - 8/2 = -3, truncated to 0. */
	row_stats(apart, 2, &csp, &st);
	assert_true(st.has_rwg);
	NEAR(st.rwg, 0);
	row_stats(one, 3, &csp, &st);
	assert_int_equal(st.n, 1);
	assert_false(st.has_rwg);
	assert_false(st.has_sd);
	/* A one-point scale has no null variance: rwg absent. */
	row_stats(ones, 2, &single, &st);
	assert_true(st.has_sd);
	assert_false(st.has_rwg);
	/* Three-point scale: σ² = (9-1)/12 = 2/3; {1,2}: s² = .5; rwg .25. */
	const struct scale three = {1, 3, false, true};
	const char *onetwo[] = {"1", "2"};
	row_stats(onetwo, 2, &three, &st);
	NEAR(st.rwg, 0.25);
}

static void test_oxon_ranking(void **state)
{
	(void)state;
	struct standard_stats st[12];
	int rank[12];
	/*
	 * Recomputed means: 1: 3.4, 2: 2.75, 3: 2.8, 4: 2.65, 5: 3.9,
	 * 6: 2.9375, 7: 3.85, 8: 29/9 = 3.222, 9: 22/8 = 2.75, 10: 22/9 = 2.444,
	 * 11: 26/8 = 3.25, 12: 3.  Highest first: 5, 7, 1, 11, 8, 12, 6, 3,
	 * then 2 and 9 tie at 2.75 (rank 9, 9), then 4 (11), 10 (12).
	 * The paper puts 6 lowest (its stated 2.35); recomputed it is 7th.
	 */
	static const int want[12] = {3, 9, 8, 11, 1, 7, 2, 5, 9, 12, 4, 6};

	for (size_t i = 0; i < 12; i++)
		row_stats(oxon[i], 10, &csp, &st[i]);
	stats_rank(st, 12, rank);
	for (size_t i = 0; i < 12; i++)
		assert_int_equal(rank[i], want[i]);
}

static void test_nyorks_ranking(void **state)
{
	(void)state;
	/*
	 * Appendix B (nyorks), 1 / 2 counting as 1.5: 4, 4 -> 1, 1; 3 -> 3;
	 * 2, 2, 2 -> 4; seven at 1.5 -> 7.
	 */
	static const int want[13] = {1, 4, 7, 7, 7, 1, 7, 3, 7, 4, 4, 7, 7};
	struct standard_stats st[14];
	int rank[14];

	for (size_t i = 0; i < 13; i++)
		row_stats(&nyorks[i], 1, &csp, &st[i]);
	/* A standard with no scores is unranked and takes no place. */
	row_stats((const char *[]){"DK"}, 1, &csp, &st[13]);
	stats_rank(st, 14, rank);
	for (size_t i = 0; i < 13; i++)
		assert_int_equal(rank[i], want[i]);
	assert_int_equal(rank[13], 0);
}

static void test_oxon_stated_averages(void **state)
{
	(void)state;
	struct standard_stats st;
	struct stated_check ck;
	double v;
	int d;

	for (size_t i = 0; i < 12; i++) {
		row_stats(oxon[i], 10, &csp, &st);
		assert_int_equal(stats_stated_parse(oxon_stated[i], &v, &d),
				 E_OK);
		stats_check_stated(&st, v, d, &ck);
		if (i == 5) {
			/*
			 * Statement 6: printed 2.35, but 23.5 / 8 = 2.9375.
			 * 23.5 / 10 = 2.35: the two "Don't know" counted as 0.
			 */
			assert_true(ck.mismatch);
			assert_true(ck.explained);
			assert_string_equal(ck.note,
				"The stated average 2.35 does not match the "
				"mean of the 8 scores, 2.94. It is what you get "
				"by counting the 2 \"Don't know\" answers as "
				"zero (23.5 divided by 10).");
		} else {
			/*
			 * Within rounding: e.g. 8: 29/9 = 3.222 vs 3.2 and
			 * 10: 22/9 = 2.444 vs 2.4 (|diff| < 0.05).
			 */
			assert_false(ck.mismatch);
			assert_string_equal(ck.note, "");
		}
	}
}

static void test_stated_other_mistakes(void **state)
{
	(void)state;
	struct standard_stats st;
	struct stated_check ck;

	/* 4, 4, 2, empty: mean 10/3 = 3.33; 10/4 = 2.5 = blank as zero. */
	row_stats((const char *[]){"4", "4", "2", ""}, 4, &csp, &st);
	stats_check_stated(&st, 2.5, 1, &ck);
	assert_true(ck.mismatch && ck.explained);
	assert_non_null(strstr(ck.note, "1 missing answer as zero"));
	/* 4, 4, DK, empty: mean 4; DK as zero 8/3 = 2.67, all 8/4 = 2. */
	row_stats((const char *[]){"4", "4", "DK", ""}, 4, &csp, &st);
	stats_check_stated(&st, 2, 0, &ck);
	assert_true(ck.mismatch && ck.explained);
	assert_non_null(strstr(ck.note, "by all 4 respondents instead of "
					"the 2 who gave a score"));
	stats_check_stated(&st, 2.67, 2, &ck);
	assert_non_null(strstr(ck.note, "\"Don't know\" answer as zero"));
	/* Unexplained: 3.1 for a mean of 4. */
	stats_check_stated(&st, 3.1, 1, &ck);
	assert_true(ck.mismatch);
	assert_false(ck.explained);
	assert_string_equal(ck.note, "The stated average 3.1 does not match "
				     "the mean of the 2 scores, 4.00.");
	/* Rounding edge: 3.45 given to 1 decimal as 3.5 or 3.4 is fine. */
	row_stats((const char *[]){"3.5", "3.5", "3.5", "3", "3.5", "3.5",
				   "3.5", "3.5", "3.5", "3.5"}, 10, &csp, &st);
	NEAR(st.mean, 3.45);
	stats_check_stated(&st, 3.5, 1, &ck);
	assert_false(ck.mismatch);
	stats_check_stated(&st, 3.4, 1, &ck);
	assert_false(ck.mismatch);
	stats_check_stated(&st, 3.3, 1, &ck);
	assert_true(ck.mismatch);
}

static void test_stated_parse(void **state)
{
	(void)state;
	double v;
	int d;

	assert_int_equal(stats_stated_parse(" 2.35 ", &v, &d), E_OK);
	NEAR(v, 2.35);
	assert_int_equal(d, 2);
	assert_int_equal(stats_stated_parse("3", &v, &d), E_OK);
	assert_int_equal(d, 0);
	assert_int_equal(stats_stated_parse("3.40", &v, &d), E_OK);
	assert_int_equal(d, 2);
	assert_int_equal(stats_stated_parse("", &v, &d), E_INVAL);
	assert_int_equal(stats_stated_parse("3.", &v, &d), E_INVAL);
	assert_int_equal(stats_stated_parse("abc", &v, &d), E_INVAL);
	assert_int_equal(stats_stated_parse("1e3", &v, &d), E_INVAL);
	assert_int_equal(stats_stated_parse("3 4", &v, &d), E_INVAL);
}

static void test_compare_by_hand(void **state)
{
	(void)state;
	struct comparison c;
	const double a[] = {1, 2}, b[] = {3, 4};

	/*
	 * Every b exceeds every a: P = 1.  The 6 splits of {1,2,3,4} into B
	 * of two give U = #(b > a): {3,4} 4, {2,4} 3, {1,4} 2, {2,3} 2,
	 * {1,3} 1, {1,2} 0.  |U - 2| >= 2 for {3,4} and {1,2}: p = 2/6.
	 */
	assert_int_equal(stats_compare(a, 2, b, 2, 1, &c), E_OK);
	assert_int_equal(c.method, COMPARE_EXACT);
	assert_int_equal(c.permutations, 6);
	NEAR(c.superiority, 1);
	NEAR(c.p_value, 2.0 / 6);
	NEAR(c.mean_change, 2);
	NEAR(c.mean_a, 1.5);
	NEAR(c.mean_b, 3.5);

	/* Reversed: P = 0, same p. */
	assert_int_equal(stats_compare(b, 2, a, 2, 1, &c), E_OK);
	NEAR(c.superiority, 0);
	NEAR(c.p_value, 2.0 / 6);

	/* Identical samples: P = .5, p = 1. */
	const double s[] = {3, 3};
	assert_int_equal(stats_compare(s, 2, s, 2, 1, &c), E_OK);
	NEAR(c.superiority, 0.5);
	NEAR(c.p_value, 1);

	/*
	 * Ties: A = {2, 3}, B = {3}: pairs (3 vs 2) win, (3 vs 3) half:
	 * P = 1.5/2 = .75.  Splits (B single): {2} U=0, {3} U=1.5, {3} 1.5;
	 * |U - 1| >= .5 for all three: p = 1.
	 */
	const double ta[] = {2, 3}, tb[] = {3};
	assert_int_equal(stats_compare(ta, 2, tb, 1, 1, &c), E_OK);
	NEAR(c.superiority, 0.75);
	NEAR(c.p_value, 1);
	assert_int_equal(c.permutations, 3);

	assert_int_equal(stats_compare(a, 0, b, 2, 1, &c), E_INVAL);
}

static void test_compare_oxon_rounds(void **state)
{
	(void)state;
	struct comparison c;
	/*
	 * Oxfordshire statement 5 (10 scores) against statement 10 (9), as if
	 * they were two rounds: C(19, 9) = 92378 splits, exact.
	 */
	const double s10[] = {3, 2, 1, 3.5, 3, 1, 1.5, 3.5, 3.5};
	const double s5[] = {4, 4, 3, 3.5, 4, 5, 3.5, 4, 3, 5};

	assert_int_equal(stats_compare(s10, 9, s5, 10, 7, &c), E_OK);
	assert_int_equal(c.method, COMPARE_EXACT);
	assert_int_equal(c.permutations, 92378);
	NEAR(c.mean_change, 3.9 - 22.0 / 9);
	assert_true(c.superiority > 0.85);
	assert_true(c.p_value < 0.01);
}

static void test_compare_permutation_reproducible(void **state)
{
	(void)state;
	double a[15], b[15];
	struct comparison c1, c2, c3;

	/* C(30, 15) = 155117520 > 200000: random permutations. */
	for (size_t i = 0; i < 15; i++) {
		a[i] = 1 + (double)(i % 5);
		b[i] = 1 + (double)((i + 1) % 5) + (i % 3 == 0 ? 0.5 : 0);
		if (b[i] > 5)
			b[i] = 5;
	}
	assert_int_equal(stats_compare(a, 15, b, 15, 42, &c1), E_OK);
	assert_int_equal(stats_compare(a, 15, b, 15, 42, &c2), E_OK);
	assert_int_equal(c1.method, COMPARE_PERMUTATION);
	assert_int_equal(c1.permutations, STATS_PERMUTATIONS);
	assert_true(c1.p_value == c2.p_value);
	assert_true(c1.p_value > 0 && c1.p_value <= 1);
	/* Near-identical rounds: nowhere near significant. */
	assert_true(c1.p_value > 0.3);

	/* Clearly separated rounds: no random split is as extreme. */
	for (size_t i = 0; i < 15; i++) {
		a[i] = 1 + (i % 2) * 0.5;
		b[i] = 4 + (i % 3) * 0.5;
	}
	assert_int_equal(stats_compare(a, 15, b, 15, 42, &c3), E_OK);
	NEAR(c3.superiority, 1);
	NEAR(c3.p_value, 1.0 / (STATS_PERMUTATIONS + 1));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_oxon_dont_know_row),
		cmocka_unit_test(test_oxon_full_row),
		cmocka_unit_test(test_nyorks_range_row),
		cmocka_unit_test(test_quartile_inc),
		cmocka_unit_test(test_rwg_edges),
		cmocka_unit_test(test_oxon_ranking),
		cmocka_unit_test(test_nyorks_ranking),
		cmocka_unit_test(test_oxon_stated_averages),
		cmocka_unit_test(test_stated_other_mistakes),
		cmocka_unit_test(test_stated_parse),
		cmocka_unit_test(test_compare_by_hand),
		cmocka_unit_test(test_compare_oxon_rounds),
		cmocka_unit_test(test_compare_permutation_reproducible),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
