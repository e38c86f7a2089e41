/*
 * test_results.c: a round's results (selfanalysis/results.h): ranks, the
 * highest and lowest marks, the summary order, the stated-average check,
 * anonymity (annex, comments and group breakdowns) and the JSON of the
 * CLI contract, on rounds built from the seeds' tables (seed_scores.h)
 * with the figures worked out by hand in the comments.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <jansson.h>
#include <math.h>
#include <string.h>

#include "selfanalysis/results.h"
#include "support/testround.h"

#include "seed_scores.h"

#define NEAR(a, b) assert_true(fabs((a) - (b)) < 1e-9)

/* The Oxfordshire interviews with the paper's stated averages. */
static void oxon_round(int k, struct round_data *d)
{
	testround_builtin(&testround_pool, "csp-2009-12", &oxon[0][0], OXON_INTERVIEWS, k, d);
	d->stated = pool_zalloc(&testround_pool, OXON_STATEMENTS * sizeof *d->stated);
	assert_non_null(d->stated);
	for (size_t s = 0; s < OXON_STATEMENTS; s++)
		d->stated[s] = oxon_stated[s];
}

static const struct standard_result *by_number(const struct round_results *r, int number)
{
	for (size_t i = 0; i < r->n; i++)
		if (r->standards[i].standard->number == number)
			return &r->standards[i];
	fail_msg("no standard %d", number);
	return NULL;
}

static void test_oxon_ranks_marks_order(void **state)
{
	(void)state;
	struct round_data d;
	struct round_results r;
	/*
	 * Means (test_stats.c): 1: 3.4, 2: 2.75, 3: 2.8, 4: 2.65, 5: 3.9,
	 * 6: 2.9375, 7: 3.85, 8: 3.222, 9: 2.75, 10: 2.444, 11: 3.25, 12: 3.
	 * Highest first: 5, 7, 1, 11, 8, 12, 6, 3, then 2 and 9 share 9th
	 * (listed by number), then 4, then 10.
	 */
	static const int rank[12] = {3, 9, 8, 11, 1, 7, 2, 5, 9, 12, 4, 6};
	static const int order[12] = {5, 7, 1, 11, 8, 12, 6, 3, 2, 9, 4, 10};

	oxon_round(5, &d);
	assert_int_equal(round_results_compute(&d, &testround_pool, &r), E_OK);
	assert_ptr_equal(r.data, &d);
	assert_int_equal(r.n, 12);
	for (size_t i = 0; i < 12; i++) {
		const struct standard_result *sr = &r.standards[i];
		/* Framework order, with each standard's own statistics. */
		assert_int_equal(sr->standard->number, (int)i + 1);
		assert_int_equal(sr->rank, rank[i]);
		assert_int_equal(r.standards[r.order[i]].standard->number, order[i]);
		/* Only statement 5 is highest, only statement 10 lowest. */
		assert_true(sr->highest == (i + 1 == 5));
		assert_true(sr->lowest == (i + 1 == 10));
	}
	NEAR(by_number(&r, 6)->stats.mean, 2.9375);
	NEAR(by_number(&r, 10)->stats.mean, 22.0 / 9);
	assert_int_equal(by_number(&r, 10)->stats.dont_know, 1);
	/* Ten interviews: the annex and comments may be shown at k = 5. */
	assert_true(r.annex_allowed);
	assert_true(r.comments_allowed);
}

static void test_oxon_stated(void **state)
{
	(void)state;
	struct round_data d;
	struct round_results r;

	oxon_round(5, &d);
	assert_int_equal(round_results_compute(&d, &testround_pool, &r), E_OK);
	for (size_t i = 0; i < 12; i++) {
		const struct standard_result *sr = &r.standards[i];
		assert_string_equal(sr->stated, oxon_stated[i]);
		/* Statement 6 alone: 2.35 is 23.5 / 10, "Don't know" as 0. */
		assert_true(sr->check.mismatch == (i == 5));
	}
	assert_true(r.standards[5].check.explained);
	assert_string_equal(r.standards[5].check.note,
			    "The stated average 2.35 does not match the mean of the 8 scores, "
			    "2.94. It is what you get by counting the 2 \"Don't know\" answers "
			    "as zero (23.5 divided by 10).");
}

static void test_nyorks_group_round(void **state)
{
	(void)state;
	struct round_data d;
	struct round_results r;
	/*
	 * One agreed score per standard, 1 / 2 counting as 1.5: 4 (1, 6) rank
	 * 1; 3 (8) rank 3; 2 (2, 10, 11) rank 4; 1.5 (the other seven) rank 7.
	 * Highest 1 and 6; lowest the seven tied last.
	 */
	static const int order[13] = {1, 6, 8, 2, 10, 11, 3, 4, 5, 7, 9, 12, 13};
	static const int rank[13] = {1, 4, 7, 7, 7, 1, 7, 3, 7, 4, 4, 7, 7};

	testround_builtin(&testround_pool, "csp-2009-13", nyorks, 1, 5, &d);
	d.round.mode = ROUND_GROUP;
	assert_int_equal(round_results_compute(&d, &testround_pool, &r), E_OK);
	for (size_t i = 0; i < 13; i++) {
		const struct standard_result *sr = &r.standards[i];
		bool range = strcmp(nyorks[i], "1 / 2") == 0;
		assert_int_equal(r.standards[r.order[i]].standard->number, order[i]);
		assert_true(sr->highest == (i == 0 || i == 5));
		assert_true(sr->lowest == range);
		assert_int_equal(sr->rank, rank[i]);
		assert_null(sr->stated);
	}
	NEAR(by_number(&r, 3)->stats.mean, 1.5);
	assert_false(by_number(&r, 3)->stats.has_sd);
	/* The group's agreed scores are no one person's: k does not apply,
	 * so the figures, the annex (which shows "1 / 2" as agreed) and the
	 * comments are all shown, and nothing says why they are not. */
	assert_true(r.figures_allowed);
	assert_true(r.annex_allowed);
	assert_true(r.comments_allowed);
	assert_null(r.figures_reason);
	json_t *annex = results_annex_json(&r);
	assert_int_equal(json_array_size(annex), 1);
	assert_int_equal(json_array_size(json_array_get(annex, 0)), 13);
	assert_string_equal(json_string_value(json_array_get(json_array_get(annex, 0), 2)), "1 / 2");
	json_decref(annex);

	/* The same single response as an interview is one person's. */
	d.round.mode = ROUND_INTERVIEWS;
	assert_int_equal(round_results_compute(&d, &testround_pool, &r), E_OK);
	assert_false(r.figures_allowed);
	assert_false(r.annex_allowed);
	assert_false(r.comments_allowed);
}

static void test_all_equal_and_no_scores(void **state)
{
	(void)state;
	struct round_data d;
	struct round_results r;
	/* Three respondents; standards 2 and 4 have no scores at all, the
	 * rest share a mean of 3. */
	const char *cells[12 * 3] = {
		"3", "3", "3", "DK", "", "DK", "2", "4", "3", "", "", "",
		"3", "3", "3", "3", "3", "3", "3", "3", "3", "3", "3", "3",
		"3", "3", "3", "3", "3", "3", "3", "3", "3", "3", "3", "3",
	};

	testround_builtin(&testround_pool, "csp-2009-12", cells, 3, 3, &d);
	assert_int_equal(round_results_compute(&d, &testround_pool, &r), E_OK);
	for (size_t i = 0; i < 12; i++) {
		const struct standard_result *sr = &r.standards[i];
		bool none = i == 1 || i == 3;
		assert_int_equal(sr->rank, none ? 0 : 1);
		/* Every ranked standard ties for highest; none is lowest. */
		assert_true(sr->highest == !none);
		assert_false(sr->lowest);
	}
	/* Ranked by number, then the two without scores. */
	for (size_t i = 0; i < 10; i++)
		assert_int_equal(r.standards[r.order[i]].standard->number,
				 (int)(i < 1 ? 1 : i < 2 ? 3 : i + 3));
	assert_int_equal(r.standards[r.order[10]].standard->number, 2);
	assert_int_equal(r.standards[r.order[11]].standard->number, 4);
	/* k = 3 and three respondents: the annex may be shown. */
	assert_true(r.annex_allowed);

	/* One standard above the rest: it alone is highest, the rest lowest. */
	cells[12 * 3 - 1] = "5"; /* standard 12: 3, 3, 5 */
	testround_builtin(&testround_pool, "csp-2009-12", cells, 3, 3, &d);
	assert_int_equal(round_results_compute(&d, &testround_pool, &r), E_OK);
	assert_true(by_number(&r, 12)->highest);
	assert_false(by_number(&r, 12)->lowest);
	assert_true(by_number(&r, 1)->lowest);
	assert_int_equal(by_number(&r, 1)->rank, 2);
	assert_false(by_number(&r, 2)->lowest);
	assert_int_equal(r.standards[r.order[0]].standard->number, 12);
}

static void test_anonymity_threshold(void **state)
{
	(void)state;
	struct round_data d;
	struct round_results r;

	/* Ten respondents: allowed at k = 10, not at k = 11. */
	oxon_round(10, &d);
	assert_int_equal(round_results_compute(&d, &testround_pool, &r), E_OK);
	assert_true(r.annex_allowed && r.comments_allowed);
	oxon_round(11, &d);
	assert_int_equal(round_results_compute(&d, &testround_pool, &r), E_OK);
	assert_false(r.annex_allowed);
	assert_false(r.comments_allowed);

	/* A k never set (0) fails safe as the smallest k, 3: two
	 * respondents are too few. */
	testround_builtin(&testround_pool, "csp-2009-12", &oxon[0][0], OXON_INTERVIEWS, 0, &d);
	d.n_responses = 2;
	assert_int_equal(round_results_compute(&d, &testround_pool, &r), E_OK);
	assert_false(r.annex_allowed);
	d.n_responses = 3;
	assert_int_equal(round_results_compute(&d, &testround_pool, &r), E_OK);
	assert_true(r.annex_allowed);
}

static void test_suppressed_text(void **state)
{
	(void)state;

	assert_string_equal(results_suppressed_text(&testround_pool, 3, 5),
			    "The scores of each respondent are not shown because fewer than 5 "
			    "people responded (3).  This keeps individual answers anonymous.");
	assert_string_equal(results_suppressed_text(&testround_pool, 0, 5),
			    "No one has responded yet, so there are no individual scores to "
			    "show.");
	/* k below the minimum reads as the minimum, as the flags do. */
	assert_non_null(strstr(results_suppressed_text(&testround_pool, 1, 0), "fewer than 3 people"));
	assert_string_equal(results_groups_suppressed_text(&testround_pool, 0, 5), "");
	assert_string_equal(results_groups_suppressed_text(&testround_pool, 1, 5),
			    "1 group is not shown, because fewer than 5 people in it responded, "
			    "or because showing it would reveal the answers of fewer than 5 "
			    "people when compared with the whole round.  This keeps individual "
			    "answers anonymous.");
	assert_non_null(strstr(results_groups_suppressed_text(&testround_pool, 2, 5),
			       "2 groups are not shown, because fewer than 5 people in each"));
	/* Comments and figures have their own words. */
	assert_string_equal(results_comments_suppressed_text(&testround_pool, 3, 5),
			    "Comments are not shown because fewer than 5 people responded (3), so "
			    "a comment could say who made it.");
	assert_null(strstr(results_comments_suppressed_text(&testround_pool, 0, 5), "fewer"));
	assert_string_equal(results_figures_suppressed_text(&testround_pool, 2, 5),
			    "Results are shown once at least 5 people have responded (2 so far), "
			    "so that no one's answers can be picked out.");
	assert_non_null(strstr(results_figures_suppressed_text(&testround_pool, 0, 0),
			       "at least 3 people have responded (none so far)"));
}

/* Sets the group of responses [from, to) (1-based interview numbers). */
static void set_groups(struct round_data *d, const char *grp, size_t from, size_t to)
{
	if (!d->grp) {
		d->grp = pool_zalloc(&testround_pool, d->n_responses * sizeof *d->grp);
		assert_non_null(d->grp);
	}
	for (size_t r = from; r < to; r++)
		d->grp[r - 1] = grp;
}

static void test_groups(void **state)
{
	(void)state;
	struct round_data d;
	struct group_result *g;
	size_t n, hidden;

	/*
	 * Interviews 1-5 "Local authority", 6-10 "Health", k = 5: both shown,
	 * in name order.  Health on statement 1: 4.5, 3.5, 3.5, 3.5, 3.5 ->
	 * mean 18.5 / 5 = 3.7; local authority: 4, 3, 1.5, 3.5, 3.5 -> 3.1.
	 * Statement 2, local authority: 3, 2, DK, 3.5, 3 -> n 4, 11.5 / 4.
	 */
	oxon_round(5, &d);
	set_groups(&d, "Local authority", 1, 6);
	set_groups(&d, "Health", 6, 11);
	assert_int_equal(results_groups(&d, &testround_pool, &g, &n, &hidden), E_OK);
	assert_int_equal(n, 2);
	assert_int_equal(hidden, 0);
	assert_string_equal(g[0].grp, "Health");
	assert_int_equal(g[0].n_respondents, 5);
	NEAR(g[0].stats[0].mean, 3.7);
	assert_string_equal(g[1].grp, "Local authority");
	NEAR(g[1].stats[0].mean, 3.1);
	assert_int_equal(g[1].stats[1].n, 4);
	assert_int_equal(g[1].stats[1].dont_know, 1);
	NEAR(g[1].stats[1].mean, 2.875);

	/* 1-5 local authority, 6-8 health, 9-10 no group: health (3) is
	 * hidden; the five left out may be derived, and five is enough. */
	oxon_round(5, &d);
	set_groups(&d, "Local authority", 1, 6);
	set_groups(&d, "Health", 6, 9);
	assert_int_equal(results_groups(&d, &testround_pool, &g, &n, &hidden), E_OK);
	assert_int_equal(n, 1);
	assert_int_equal(hidden, 1);
	assert_string_equal(g[0].grp, "Local authority");

	/* 1-6 local authority, 7-8 health: showing the local authority
	 * would give away the other four by subtraction, so neither is
	 * shown. */
	oxon_round(5, &d);
	set_groups(&d, "Local authority", 1, 7);
	set_groups(&d, "Health", 7, 9);
	assert_int_equal(results_groups(&d, &testround_pool, &g, &n, &hidden), E_OK);
	assert_int_equal(n, 0);
	assert_null(g);
	assert_int_equal(hidden, 2);

	/* k = 3: A (1-5), B (6-8), C (9-10).  C is below k; the two left
	 * out are too few, so the smaller shown group, B, goes too. */
	oxon_round(3, &d);
	set_groups(&d, "A", 1, 6);
	set_groups(&d, "B", 6, 9);
	set_groups(&d, "C", 9, 11);
	assert_int_equal(results_groups(&d, &testround_pool, &g, &n, &hidden), E_OK);
	assert_int_equal(n, 1);
	assert_int_equal(hidden, 2);
	assert_string_equal(g[0].grp, "A");
	assert_int_equal(g[0].n_respondents, 5);

	/* No groups at all: nothing shown, nothing hidden. */
	oxon_round(5, &d);
	assert_int_equal(results_groups(&d, &testround_pool, &g, &n, &hidden), E_OK);
	assert_int_equal(n, 0);
	assert_int_equal(hidden, 0);
}

static void assert_keys(json_t *o)
{
	static const char *const keys[] = {
		"standard", "key", "title", "n", "dont_know", "no_answer", "mean",
		"median", "q1", "q3", "min", "max", "sd", "rwg", "rank", "highest",
		"lowest", "stated_average", "stated_mismatch", "note"};

	testround_assert_keys(o, keys, sizeof keys / sizeof keys[0]);
}

#define REAL(o, k) json_real_value(json_object_get(o, k))
#define INT(o, k) json_integer_value(json_object_get(o, k))

static void test_json(void **state)
{
	(void)state;
	struct round_data d;
	struct round_results r;
	json_t *j, *o;

	oxon_round(5, &d);
	assert_int_equal(round_results_compute(&d, &testround_pool, &r), E_OK);
	j = results_json(&r);
	assert_non_null(j);
	assert_true(json_is_array(j));
	assert_int_equal(json_array_size(j), 12);
	for (size_t i = 0; i < 12; i++) {
		o = json_array_get(j, i);
		assert_keys(o);
		assert_int_equal(INT(o, "standard"), (json_int_t)i + 1);
		assert_true(json_is_real(json_object_get(o, "mean")));
		assert_true(json_is_real(json_object_get(o, "stated_average")));
	}

	/*
	 * Statement 6 (market): 2.5 3 DK 3.5 DK 3 1.5 3.5 3 3.5.  n 8,
	 * mean 2.9375, median 3, q1 2.875, q3 3.5 (test_stats.c).  Sum of
	 * squares 72.25 - 8 * 2.9375² = 3.21875; s² = 3.21875 / 7;
	 * rwg = 1 - s² / 2.  Rank 7; stated 2.35, mismatched, explained.
	 */
	o = json_array_get(j, 5);
	assert_string_equal(json_string_value(json_object_get(o, "key")), "market");
	assert_string_equal(json_string_value(json_object_get(o, "title")),
			    d.fw.standards[5].title);
	assert_int_equal(INT(o, "n"), 8);
	assert_int_equal(INT(o, "dont_know"), 2);
	assert_int_equal(INT(o, "no_answer"), 0);
	NEAR(REAL(o, "mean"), 2.9375);
	NEAR(REAL(o, "median"), 3);
	NEAR(REAL(o, "q1"), 2.875);
	NEAR(REAL(o, "q3"), 3.5);
	NEAR(REAL(o, "min"), 1.5);
	NEAR(REAL(o, "max"), 3.5);
	NEAR(REAL(o, "sd"), sqrt(3.21875 / 7));
	NEAR(REAL(o, "rwg"), 1 - 3.21875 / 14);
	assert_int_equal(INT(o, "rank"), 7);
	assert_true(json_is_false(json_object_get(o, "highest")));
	assert_true(json_is_false(json_object_get(o, "lowest")));
	NEAR(REAL(o, "stated_average"), 2.35);
	assert_true(json_is_true(json_object_get(o, "stated_mismatch")));
	assert_string_equal(json_string_value(json_object_get(o, "note")),
			    r.standards[5].check.note);

	/* Statement 10: lowest, stated 2.4 for 22 / 9 = 2.44 is rounding. */
	o = json_array_get(j, 9);
	assert_int_equal(INT(o, "rank"), 12);
	assert_true(json_is_true(json_object_get(o, "lowest")));
	NEAR(REAL(o, "stated_average"), 2.4);
	assert_true(json_is_false(json_object_get(o, "stated_mismatch")));
	assert_true(json_is_null(json_object_get(o, "note")));
	/* Statement 5: highest. */
	assert_true(json_is_true(json_object_get(json_array_get(j, 4), "highest")));
	json_decref(j);
}

static void test_json_absent_figures(void **state)
{
	(void)state;
	struct round_data d;
	struct round_results r;
	json_t *j, *o;
	/* Standard 1: one score; 2: none; 3: two.  Stated averages for 2
	 * (nothing to check against) and 3 (text that is not a number). */
	const char *cells[12 * 2] = {"4", "DK", "DK", "", "2", "3"};
	const char *stated[12] = {NULL, "3", "about 3"};

	for (size_t i = 6; i < 24; i++)
		cells[i] = "3";
	/* Two groups' agreed scores: two interviews would be below any k. */
	testround_builtin(&testround_pool, "csp-2009-12", cells, 2, 5, &d);
	d.round.mode = ROUND_GROUP;
	d.stated = stated;
	assert_int_equal(round_results_compute(&d, &testround_pool, &r), E_OK);
	j = results_json(&r);
	assert_non_null(j);

	/* One score: a mean, but no sd and no rwg. */
	o = json_array_get(j, 0);
	assert_keys(o);
	NEAR(REAL(o, "mean"), 4);
	assert_true(json_is_null(json_object_get(o, "sd")));
	assert_true(json_is_null(json_object_get(o, "rwg")));
	assert_true(json_is_null(json_object_get(o, "stated_average")));
	assert_true(json_is_false(json_object_get(o, "stated_mismatch")));
	assert_true(json_is_null(json_object_get(o, "note")));

	/* No scores: every figure null, unranked, and the stated average
	 * cannot be checked. */
	o = json_array_get(j, 1);
	assert_keys(o);
	assert_int_equal(INT(o, "n"), 0);
	assert_int_equal(INT(o, "dont_know"), 1);
	assert_int_equal(INT(o, "no_answer"), 1);
	static const char *const figures[] = {"mean", "median", "q1", "q3", "min",
					      "max", "sd", "rwg", "rank"};
	for (size_t i = 0; i < sizeof figures / sizeof figures[0]; i++)
		assert_true(json_is_null(json_object_get(o, figures[i])));
	NEAR(REAL(o, "stated_average"), 3);
	assert_true(json_is_true(json_object_get(o, "stated_mismatch")));
	assert_non_null(strstr(json_string_value(json_object_get(o, "note")),
			       "cannot be checked: there are no scores"));

	/* Stated text that is not a number: flagged, with no number. */
	o = json_array_get(j, 2);
	assert_true(json_is_null(json_object_get(o, "stated_average")));
	assert_true(json_is_true(json_object_get(o, "stated_mismatch")));
	assert_non_null(strstr(json_string_value(json_object_get(o, "note")),
			       "is not a number"));
	json_decref(j);

	/* No scores and nothing stated: the note says so. */
	d.stated = NULL;
	assert_int_equal(round_results_compute(&d, &testround_pool, &r), E_OK);
	j = results_json(&r);
	assert_string_equal(json_string_value(json_object_get(json_array_get(j, 1), "note")),
			    "No scores");
	assert_true(json_is_false(json_object_get(json_array_get(j, 1), "stated_mismatch")));
	json_decref(j);
}

/*
 * An interview round below k: no figure of any standard survives the
 * computation (with one response the mean would be that person's score),
 * and the JSON gives nulls with the reason.
 */
static void test_figures_below_k(void **state)
{
	(void)state;
	struct round_data d;
	struct round_results r;
	json_t *j;
	static const char *const nulls[] = {"n", "dont_know", "no_answer", "mean", "median", "q1",
					    "q3", "min", "max", "sd", "rwg", "rank", "stated_average"};
	const char *why = "Results are shown once at least 11 people have responded (10 so far), "
			  "so that no one's answers can be picked out.";

	oxon_round(11, &d);
	assert_int_equal(round_results_compute(&d, &testround_pool, &r), E_OK);
	assert_false(r.figures_allowed);
	assert_string_equal(r.figures_reason, why);
	for (size_t s = 0; s < r.n; s++) {
		const struct standard_result *sr = &r.standards[s];
		assert_false(sr->stats.has_mean || sr->stats.has_sd || sr->stats.has_rwg);
		assert_int_equal(sr->stats.n + sr->stats.dont_know + sr->stats.no_answer, 0);
		assert_true(sr->stats.sum == 0 && sr->stats.mean == 0 && sr->stats.min == 0 &&
			    sr->stats.max == 0);
		assert_int_equal(sr->rank, 0);
		assert_false(sr->highest || sr->lowest);
		/* The paper's stated averages are means of the same answers. */
		assert_null(sr->stated);
		assert_false(sr->check.mismatch);
		/* No ranks: the order is the framework's. */
		assert_int_equal(r.order[s], s);
	}
	j = results_json(&r);
	assert_non_null(j);
	assert_int_equal(json_array_size(j), OXON_STATEMENTS);
	for (size_t s = 0; s < OXON_STATEMENTS; s++) {
		json_t *o = json_array_get(j, s);
		assert_keys(o);
		for (size_t i = 0; i < sizeof nulls / sizeof nulls[0]; i++)
			assert_true(json_is_null(json_object_get(o, nulls[i])));
		assert_true(json_is_false(json_object_get(o, "highest")));
		assert_true(json_is_false(json_object_get(o, "lowest")));
		assert_true(json_is_false(json_object_get(o, "stated_mismatch")));
		assert_string_equal(json_string_value(json_object_get(o, "note")), why);
	}
	json_decref(j);
	assert_true(json_is_null(j = results_annex_json(&r)));
	json_decref(j);
	assert_true(json_is_null(j = results_comments_json(&r)));
	json_decref(j);

	/* One interview: the figures would be that person's answers. */
	testround_builtin(&testround_pool, "csp-2009-12", &oxon[0][0], OXON_INTERVIEWS, 5, &d);
	d.n_responses = 1;
	assert_int_equal(round_results_compute(&d, &testround_pool, &r), E_OK);
	assert_false(r.figures_allowed);
	assert_false(r.standards[0].stats.has_mean);
	assert_string_equal(r.figures_reason,
			    "Results are shown once at least 5 people have responded (1 so far), "
			    "so that no one's answers can be picked out.");
	/* At k, everything. */
	d.n_responses = 5;
	assert_int_equal(round_results_compute(&d, &testround_pool, &r), E_OK);
	assert_true(r.figures_allowed);
	assert_null(r.figures_reason);
	assert_true(r.standards[0].stats.has_mean);
	assert_int_equal(r.standards[0].stats.n, 5);
}

/* The annex and the comments as the API gives them: cells as entered,
 * comments by standard with nothing to say who made them. */
static void test_annex_and_comments_json(void **state)
{
	(void)state;
	struct round_data d;
	struct round_results r;
	json_t *j, *o;
	char text[SCORE_TEXT_SIZE];
	struct round_comment comments[] = {
		{.id = 7, .standard = 1, .body = "Good start"},
		{.id = 3, .standard = 1, .body = "Needs work", .selected = true},
		{.id = 9, .standard = 12, .body = "Unclear"},
	};

	oxon_round(5, &d);
	d.comments = comments;
	d.n_comments = 3;
	assert_int_equal(round_results_compute(&d, &testround_pool, &r), E_OK);
	j = results_annex_json(&r);
	assert_int_equal(json_array_size(j), OXON_INTERVIEWS);
	for (size_t i = 0; i < OXON_INTERVIEWS; i++) {
		o = json_array_get(j, i);
		assert_int_equal(json_array_size(o), OXON_STATEMENTS);
		for (size_t s = 0; s < OXON_STATEMENTS; s++) {
			const struct score *c = &d.cells[i * OXON_STATEMENTS + s];
			assert_int_equal(score_format(c, text, sizeof text), E_OK);
			assert_string_equal(json_string_value(json_array_get(o, s)), text);
		}
	}
	json_decref(j);

	j = results_comments_json(&r);
	assert_int_equal(json_array_size(j), 2);
	o = json_array_get(j, 0);
	static const char *const keys[] = {"standard", "key", "comments"};
	testround_assert_keys(o, keys, 3);
	assert_int_equal(INT(o, "standard"), 1);
	assert_string_equal(json_string_value(json_object_get(o, "key")), d.fw.standards[0].key);
	assert_int_equal(json_array_size(json_object_get(o, "comments")), 2);
	assert_string_equal(json_string_value(json_array_get(json_object_get(o, "comments"), 1)),
			    "Needs work");
	o = json_array_get(j, 1);
	assert_int_equal(INT(o, "standard"), 12);
	assert_string_equal(json_string_value(json_array_get(json_object_get(o, "comments"), 0)),
			    "Unclear");
	json_decref(j);

	/* No answer is null, "Don't know" as written. */
	const char *cells[12 * 2] = {"4", "DK", "DK", "", "2", "1 / 2"};
	for (size_t i = 6; i < 24; i++)
		cells[i] = "3";
	testround_builtin(&testround_pool, "csp-2009-12", cells, 2, 5, &d);
	d.round.mode = ROUND_GROUP;
	assert_int_equal(round_results_compute(&d, &testround_pool, &r), E_OK);
	j = results_annex_json(&r);
	assert_string_equal(json_string_value(json_array_get(json_array_get(j, 0), 0)), "4");
	assert_string_equal(json_string_value(json_array_get(json_array_get(j, 0), 1)), "Don't know");
	assert_true(json_is_null(json_array_get(json_array_get(j, 1), 1)));
	assert_string_equal(json_string_value(json_array_get(json_array_get(j, 1), 2)), "1 / 2");
	json_decref(j);
	j = results_comments_json(&r);
	assert_int_equal(json_array_size(j), 0);
	json_decref(j);
}

static void test_column(void **state)
{
	(void)state;
	struct round_data d;
	struct score col[OXON_INTERVIEWS];
	char text[SCORE_TEXT_SIZE];

	/* Statement 9's column, in interview order, as in the annex. */
	oxon_round(5, &d);
	round_data_column(&d, 8, col);
	for (size_t r = 0; r < OXON_INTERVIEWS; r++) {
		assert_int_equal(score_format(&col[r], text, sizeof text), E_OK);
		assert_string_equal(text, oxon[8][r]);
	}
}

static void test_no_memory(void **state)
{
	(void)state;
	struct round_data d;
	struct round_results r;
	struct group_result *g;
	size_t n, hidden;
	struct pool tiny;

	oxon_round(5, &d);
	set_groups(&d, "A", 1, 11);
	/* Every limit up to what the results need: never a crash, E_NOMEM
	 * until the pool is big enough. */
	for (size_t limit = 0; limit < 16384; limit += 256) {
		enum err rc;
		pool_init(&tiny, limit);
		rc = round_results_compute(&d, &tiny, &r);
		assert_true(rc == E_OK || rc == E_NOMEM);
		rc = results_groups(&d, &tiny, &g, &n, &hidden);
		assert_true(rc == E_OK || rc == E_NOMEM);
		pool_free(&tiny);
	}
	pool_init(&tiny, 0);
	assert_int_equal(round_results_compute(&d, &tiny, &r), E_NOMEM);
	assert_int_equal(results_groups(&d, &tiny, &g, &n, &hidden), E_NOMEM);
	pool_free(&tiny);
	pool_init(&tiny, 16384);
	assert_int_equal(round_results_compute(&d, &tiny, &r), E_OK);
	assert_int_equal(results_groups(&d, &tiny, &g, &n, &hidden), E_OK);
	assert_int_equal(n, 1);
	pool_free(&tiny);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_oxon_ranks_marks_order),
		cmocka_unit_test(test_oxon_stated),
		cmocka_unit_test(test_nyorks_group_round),
		cmocka_unit_test(test_all_equal_and_no_scores),
		cmocka_unit_test(test_anonymity_threshold),
		cmocka_unit_test(test_suppressed_text),
		cmocka_unit_test(test_groups),
		cmocka_unit_test(test_json),
		cmocka_unit_test(test_json_absent_figures),
		cmocka_unit_test(test_figures_below_k),
		cmocka_unit_test(test_annex_and_comments_json),
		cmocka_unit_test(test_column),
		cmocka_unit_test(test_no_memory),
	};
	return cmocka_run_group_tests(tests, testround_setup, testround_teardown);
}
