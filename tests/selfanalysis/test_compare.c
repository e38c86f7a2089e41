/*
 * test_compare.c: two rounds compared standard by standard
 * (selfanalysis/results.h round_compare, comparison_json): matching by key
 * across the two CSP framework versions, the figures, and the words, which
 * must never claim a change the numbers cannot support.  p-values are
 * worked out by hand where the splits are few, and otherwise checked
 * against an independent enumeration (the fraction is given).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "selfanalysis/results.h"
#include "support/testround.h"

#include "seed_scores.h"

#define NEAR(a, b) assert_true(fabs((a) - (b)) < 1e-9)

static const struct standard_comparison *row_of(const struct round_comparison *c,
						 const char *key)
{
	for (size_t i = 0; i < c->n; i++)
		if (strcmp(c->rows[i].key, key) == 0)
			return &c->rows[i];
	fail_msg("no row %s", key);
	return NULL;
}

/* North Yorkshire's round: one set of scores the group agreed. */
static void nyorks_group(struct round_data *d)
{
	testround_builtin(&testround_pool, "csp-2009-13", nyorks, 1, 5, d);
	d->round.mode = ROUND_GROUP;
}

static void test_oxon_to_nyorks_by_key(void **state)
{
	(void)state;
	struct round_data a, b;
	struct round_comparison c;
	const struct standard_comparison *r;

	/* Earlier: Oxfordshire's ten interviews on the 12 statements; later:
	 * North Yorkshire's group scores on the 13 standards. */
	testround_builtin(&testround_pool, "csp-2009-12", &oxon[0][0], OXON_INTERVIEWS, 5, &a);
	nyorks_group(&b);
	assert_int_equal(round_compare(&a, &b, &testround_pool, &c), E_OK);
	assert_ptr_equal(c.a, &a);
	assert_ptr_equal(c.b, &b);
	/* Every statement's key is among the 13 standards: 13 rows, in the
	 * later framework's order. */
	assert_int_equal(c.n, 13);
	for (size_t i = 0; i < 13; i++) {
		assert_int_equal(c.rows[i].number_b, (int)i + 1);
		assert_string_equal(c.rows[i].title, b.fw.standards[i].title);
		/* Standards 1-3 are statements 1-3; 5-13 are statements 4-12. */
		assert_int_equal(c.rows[i].number_a, i < 3 ? (int)i + 1 : i == 3 ? 0 : (int)i);
	}

	/* Standard 4 is new in the 13-standard version. */
	r = &c.rows[3];
	assert_string_equal(r->key, "joint-commissioning-arrangements");
	assert_false(r->compared);
	assert_string_equal(r->words, "Not in the earlier framework.");
	NEAR(r->b.mean, 1.5);

	/*
	 * Outcomes: earlier 4 3 1.5 3.5 3.5 4.5 3.5 3.5 3.5 3.5, later 4.
	 * Pairs where 4 is higher: 1.5, 3 and six 3.5s = 8, one tie (4):
	 * superiority 8.5 / 10 = 0.85, mean change 4 - 3.4 = 0.6.
	 * Splits: which of the 11 pooled scores is the later one.  Observed
	 * |2U - 10| = 7; as the later score 4.5 gives U 10 (dev 10), either
	 * 4 gives 8.5 (7), a 3.5 gives 2 + 2.5 = 4.5 (1), 3 gives 1 (8), 1.5
	 * gives 0 (10): 5 of 11 at least as far, p = 5/11 = 0.4545.
	 */
	r = row_of(&c, "outcomes");
	assert_true(r->compared);
	assert_int_equal(r->cmp.na, 10);
	assert_int_equal(r->cmp.nb, 1);
	NEAR(r->cmp.superiority, 0.85);
	NEAR(r->cmp.mean_change, 0.6);
	NEAR(r->cmp.p_value, 5.0 / 11);
	assert_int_equal(r->cmp.method, COMPARE_EXACT);
	assert_int_equal(r->cmp.permutations, 11);
	/* Higher, but one group score cannot show a change. */
	assert_string_equal(r->words, "No clear change: the difference could be chance "
				      "(p = 0.454). Few scores (10 and 1): read with care.");

	/*
	 * Stakeholder support (statement 4, standard 5): earlier 3 3 2 3.5 4
	 * 2 1 2.5 2 3.5, later 1 / 2 (1.5).  Only the 1 is below it:
	 * superiority 1 / 10 = 0.1.  Observed dev |2 - 10| = 8; as the later
	 * score 1 (U 0) and 4 (U 10) and 1.5 itself are as far: p = 3/11
	 * = 0.2727, truncated to 0.272.
	 */
	r = row_of(&c, "stakeholder-support");
	assert_int_equal(r->number_a, 4);
	assert_int_equal(r->number_b, 5);
	NEAR(r->cmp.superiority, 0.1);
	NEAR(r->cmp.p_value, 3.0 / 11);
	assert_string_equal(r->words, "No clear change: the difference could be chance "
				      "(p = 0.272). Few scores (10 and 1): read with care.");
	/* The statement with "Don't know" answers compares its 8 scores. */
	r = row_of(&c, "market");
	assert_int_equal(r->a.n, 8);
	assert_int_equal(r->a.dont_know, 2);
	assert_int_equal(r->cmp.na, 8);
	/* No row claims a change. */
	for (size_t i = 0; i < c.n; i++)
		assert_null(strstr(c.rows[i].words, "unlikely"));
}

static void test_earlier_only_key(void **state)
{
	(void)state;
	struct round_data a, b;
	struct round_comparison c;

	/* The other way round: the 13-standard round first.  Its standard 4
	 * comes after the 12 statements, with its own title. */
	nyorks_group(&a);
	testround_builtin(&testround_pool, "csp-2009-12", &oxon[0][0], OXON_INTERVIEWS, 5, &b);
	assert_int_equal(round_compare(&a, &b, &testround_pool, &c), E_OK);
	assert_int_equal(c.n, 13);
	for (size_t i = 0; i < 12; i++)
		assert_int_equal(c.rows[i].number_b, (int)i + 1);
	assert_string_equal(c.rows[12].key, "joint-commissioning-arrangements");
	assert_int_equal(c.rows[12].number_a, 4);
	assert_int_equal(c.rows[12].number_b, 0);
	assert_string_equal(c.rows[12].title, a.fw.standards[3].title);
	assert_false(c.rows[12].compared);
	assert_string_equal(c.rows[12].words, "Not in the later framework.");
}

/* The Oxfordshire round with statement 10's scores replaced by statement
 * 5's: the same people, much happier with leadership. */
static void oxon_better_leadership(struct round_data *d)
{
	const char *cells[OXON_STATEMENTS * OXON_INTERVIEWS];

	memcpy(cells, &oxon[0][0], sizeof cells);
	memcpy(&cells[9 * OXON_INTERVIEWS], oxon[4], OXON_INTERVIEWS * sizeof cells[0]);
	testround_builtin(&testround_pool, "csp-2009-12", cells, OXON_INTERVIEWS, 5, d);
}

static void test_significant_change(void **state)
{
	(void)state;
	struct round_data a, b;
	struct round_comparison c;
	const struct standard_comparison *r;

	/*
	 * Leadership: earlier 3 2 1 3.5 3 1 1.5 3.5 DK 3.5 (9 scores, mean
	 * 22/9), later 4 4 3 3.5 4 5 3.5 4 3 5 (mean 3.9).  C(19, 9) = 92378
	 * splits; superiority 79/90 and p = 311/92378 = 0.0034 (enumerated
	 * independently): a change unlikely to be chance.
	 */
	testround_builtin(&testround_pool, "csp-2009-12", &oxon[0][0], OXON_INTERVIEWS, 5, &a);
	oxon_better_leadership(&b);
	assert_int_equal(round_compare(&a, &b, &testround_pool, &c), E_OK);
	assert_int_equal(c.n, 12);
	r = row_of(&c, "leadership");
	assert_true(r->compared);
	assert_int_equal(r->cmp.permutations, 92378);
	NEAR(r->cmp.superiority, 79.0 / 90);
	NEAR(r->cmp.p_value, 311.0 / 92378);
	NEAR(r->cmp.mean_change, 3.9 - 22.0 / 9);
	assert_string_equal(r->words,
			    "Higher in the later round, and unlikely to be chance (p = 0.003).");
	/* Every other statement is the same in both rounds: superiority
	 * one half, every split as far from it, p = 1. */
	r = row_of(&c, "outcomes");
	NEAR(r->cmp.superiority, 0.5);
	NEAR(r->cmp.p_value, 1);
	assert_string_equal(r->words,
			    "No clear change: the difference could be chance (p = 1.000).");

	/* Reversed, the same p says lower. */
	assert_int_equal(round_compare(&b, &a, &testround_pool, &c), E_OK);
	r = row_of(&c, "leadership");
	NEAR(r->cmp.superiority, 11.0 / 90);
	assert_string_equal(r->words,
			    "Lower in the later round, and unlikely to be chance (p = 0.003).");
}

/* Two rounds of n responses on the 13 standards where every standard has
 * the scores given, a and b. */
static void rounds_of(const char *const *sa, size_t na, const char *const *sb, size_t nb,
		      struct round_data *a, struct round_data *b)
{
	const char *ca[NYORKS_STANDARDS * 12], *cb[NYORKS_STANDARDS * 12];

	assert_true(na <= 12 && nb <= 12);
	for (size_t s = 0; s < NYORKS_STANDARDS; s++) {
		memcpy(&ca[s * na], sa, na * sizeof *sa);
		memcpy(&cb[s * nb], sb, nb * sizeof *sb);
	}
	testround_builtin(&testround_pool, "csp-2009-13", ca, na, ANONYMITY_K_MIN, a);
	testround_builtin(&testround_pool, "csp-2009-13", cb, nb, ANONYMITY_K_MIN, b);
}

static void test_small_n_and_p_display(void **state)
{
	(void)state;
	struct round_data a, b;
	struct round_comparison c;

	/*
	 * 1 1 2 2 against 4 4 5 5: every later score is higher, and of the
	 * C(8, 4) = 70 splits only this one and its mirror are as extreme:
	 * p = 2/70 = 0.0286.  Unlikely to be chance, but on four scores each.
	 */
	rounds_of((const char *[]){"1", "1", "2", "2"}, 4,
		  (const char *[]){"4", "4", "5", "5"}, 4, &a, &b);
	assert_int_equal(round_compare(&a, &b, &testround_pool, &c), E_OK);
	NEAR(c.rows[0].cmp.p_value, 2.0 / 70);
	assert_string_equal(c.rows[0].words,
			    "Higher in the later round, and unlikely to be chance (p = 0.028). "
			    "Few scores (4 and 4): read with care.");

	/*
	 * 1 2 2 3 against 3 3 4 5 5: superiority 19/20, and p = 6/126 = 1/21
	 * = 0.0476 (enumerated independently), which rounding to two decimals
	 * would show as 0.05, the other side of the line: truncated to three.
	 */
	rounds_of((const char *[]){"1", "2", "2", "3"}, 4,
		  (const char *[]){"3", "3", "4", "5", "5"}, 5, &a, &b);
	assert_int_equal(round_compare(&a, &b, &testround_pool, &c), E_OK);
	NEAR(c.rows[0].cmp.superiority, 19.0 / 20);
	NEAR(c.rows[0].cmp.p_value, 1.0 / 21);
	assert_string_equal(c.rows[0].words,
			    "Higher in the later round, and unlikely to be chance (p = 0.047). "
			    "Few scores (4 and 5): read with care.");

	/*
	 * Ten scores of 1 or 2 against ten of 4 or 5: C(20, 10) = 184756
	 * splits, exact; only the observed one and its mirror as extreme,
	 * p = 2/184756, shown as below 0.001.  Five or more each: no caution.
	 */
	rounds_of((const char *[]){"1", "2", "1", "2", "1", "2", "1", "2", "1", "2"}, 10,
		  (const char *[]){"4", "5", "4", "5", "4", "5", "4", "5", "4", "5"}, 10, &a, &b);
	assert_int_equal(round_compare(&a, &b, &testround_pool, &c), E_OK);
	assert_int_equal(c.rows[0].cmp.method, COMPARE_EXACT);
	NEAR(c.rows[0].cmp.p_value, 2.0 / 184756);
	assert_string_equal(c.rows[0].words,
			    "Higher in the later round, and unlikely to be chance (p < 0.001).");

	/* Two against two can never be unlikely to be chance: p >= 2/6.
	 * Two interviews are below any k: two groups' agreed scores each. */
	rounds_of((const char *[]){"1", "1"}, 2, (const char *[]){"5", "5"}, 2, &a, &b);
	a.round.mode = b.round.mode = ROUND_GROUP;
	assert_int_equal(round_compare(&a, &b, &testround_pool, &c), E_OK);
	assert_string_equal(c.rows[0].words,
			    "No clear change: the difference could be chance (p = 0.333). "
			    "Few scores (2 and 2): read with care.");
}

static void test_permutation_seed(void **state)
{
	(void)state;
	struct round_data a, b;
	struct round_comparison c;
	struct comparison direct;
	const char *sa[12] = {"1", "2", "3", "4", "5", "1", "2", "3", "4", "5", "2", "3"};
	const char *sb[12] = {"2", "3", "4", "5", "5", "2", "3", "4", "4", "5", "3", "4"};
	double va[12], vb[12];

	/* C(24, 12) > 200000: random permutations, seeded with
	 * RESULTS_COMPARE_SEED, so the p-value is the one stats_compare gives
	 * with that seed, on every run. */
	rounds_of(sa, 12, sb, 12, &a, &b);
	assert_int_equal(round_compare(&a, &b, &testround_pool, &c), E_OK);
	for (size_t i = 0; i < 12; i++) {
		va[i] = strtod(sa[i], NULL);
		vb[i] = strtod(sb[i], NULL);
	}
	assert_int_equal(stats_compare(va, 12, vb, 12, RESULTS_COMPARE_SEED, &direct), E_OK);
	assert_int_equal(c.rows[0].cmp.method, COMPARE_PERMUTATION);
	assert_int_equal(c.rows[0].cmp.permutations, STATS_PERMUTATIONS);
	assert_true(c.rows[0].cmp.p_value == direct.p_value);
	assert_int_equal(round_compare(&a, &b, &testround_pool, &c), E_OK);
	assert_true(c.rows[12].cmp.p_value == direct.p_value);
}

static void test_not_compared(void **state)
{
	(void)state;
	struct round_data a, b;
	struct round_comparison c;
	struct framework three;
	char err[FRAMEWORK_ERR_SIZE];
	static const char json[] =
		"{\"id\": \"maturity\", \"title\": \"Maturity\", \"source\": \"Test\","
		" \"version\": \"1\", \"scale\": {\"points\": [{\"value\": 1}, {\"value\": 2},"
		" {\"value\": 3}], \"half_points\": false, \"dont_know\": true},"
		" \"standards\": [{\"number\": 1, \"key\": \"outcomes\", \"title\": \"Outcomes\"}]}";
	const char *three_scores[] = {"2", "3", "2"};
	const char *ox_none[OXON_STATEMENTS * 3];

	/* No scores in one round or the other, or either. */
	for (size_t i = 0; i < OXON_STATEMENTS * 3; i++)
		ox_none[i] = i < 3 ? "DK" : "3";
	testround_builtin(&testround_pool, "csp-2009-12", ox_none, 3, ANONYMITY_K_MIN, &a);
	testround_builtin(&testround_pool, "csp-2009-12", &oxon[0][0], OXON_INTERVIEWS, 5, &b);
	assert_int_equal(round_compare(&a, &b, &testround_pool, &c), E_OK);
	assert_false(c.rows[0].compared);
	assert_string_equal(c.rows[0].words, "No scores in the earlier round.");
	NEAR(c.rows[0].b.mean, 3.4);
	assert_true(c.rows[1].compared);
	assert_int_equal(round_compare(&b, &a, &testround_pool, &c), E_OK);
	assert_string_equal(c.rows[0].words, "No scores in the later round.");
	assert_int_equal(round_compare(&a, &a, &testround_pool, &c), E_OK);
	assert_string_equal(c.rows[0].words, "No scores in either round.");

	/* A 3 on a 1-3 scale is not a 3 on a 1-5 scale. */
	assert_int_equal(framework_parse(json, strlen(json), &testround_pool, &three, err, sizeof err),
			 E_OK);
	testround_build(&testround_pool, &three, three_scores, 3, ANONYMITY_K_MIN, &a);
	assert_int_equal(round_compare(&a, &b, &testround_pool, &c), E_OK);
	assert_false(row_of(&c, "outcomes")->compared);
	assert_string_equal(row_of(&c, "outcomes")->words,
			    "Not compared: the two rounds use different scales.");
}

static void assert_keys(json_t *o)
{
	static const char *const keys[] = {
		"key", "title", "standard_a", "standard_b", "n_a", "n_b", "mean_a",
		"mean_b", "mean_change", "superiority", "p_value", "method",
		"permutations", "words"};

	testround_assert_keys(o, keys, sizeof keys / sizeof keys[0]);
}

#define GET(o, k) json_object_get(o, k)

static void test_json(void **state)
{
	(void)state;
	struct round_data a, b;
	struct round_comparison c;
	json_t *j, *o;

	testround_builtin(&testround_pool, "csp-2009-12", &oxon[0][0], OXON_INTERVIEWS, 5, &a);
	nyorks_group(&b);
	assert_int_equal(round_compare(&a, &b, &testround_pool, &c), E_OK);
	j = comparison_json(&c);
	assert_non_null(j);
	assert_int_equal(json_array_size(j), 13);
	for (size_t i = 0; i < 13; i++)
		assert_keys(json_array_get(j, i));

	/* Outcomes, compared: the figures worked out above. */
	o = json_array_get(j, 0);
	assert_string_equal(json_string_value(GET(o, "key")), "outcomes");
	assert_int_equal(json_integer_value(GET(o, "standard_a")), 1);
	assert_int_equal(json_integer_value(GET(o, "standard_b")), 1);
	assert_int_equal(json_integer_value(GET(o, "n_a")), 10);
	assert_int_equal(json_integer_value(GET(o, "n_b")), 1);
	NEAR(json_real_value(GET(o, "mean_a")), 3.4);
	NEAR(json_real_value(GET(o, "mean_b")), 4);
	NEAR(json_real_value(GET(o, "mean_change")), 0.6);
	NEAR(json_real_value(GET(o, "superiority")), 0.85);
	NEAR(json_real_value(GET(o, "p_value")), 5.0 / 11);
	assert_string_equal(json_string_value(GET(o, "method")), "exact");
	assert_int_equal(json_integer_value(GET(o, "permutations")), 11);
	assert_string_equal(json_string_value(GET(o, "words")), c.rows[0].words);

	/* Standard 4, only in the later framework: nulls for the earlier
	 * round and the comparison, the later round's own figures. */
	o = json_array_get(j, 3);
	assert_true(json_is_null(GET(o, "standard_a")));
	assert_int_equal(json_integer_value(GET(o, "standard_b")), 4);
	assert_true(json_is_null(GET(o, "n_a")));
	assert_int_equal(json_integer_value(GET(o, "n_b")), 1);
	assert_true(json_is_null(GET(o, "mean_a")));
	NEAR(json_real_value(GET(o, "mean_b")), 1.5);
	static const char *const none[] = {"mean_change", "superiority", "p_value", "method",
					   "permutations"};
	for (size_t i = 0; i < sizeof none / sizeof none[0]; i++)
		assert_true(json_is_null(GET(o, none[i])));
	assert_string_equal(json_string_value(GET(o, "words")), "Not in the earlier framework.");
	json_decref(j);
}

/* p for people: below 0.001 as such, else three decimals truncated, so
 * the figure never crosses 0.05 the other way from the verdict. */
static void test_p_text(void **state)
{
	(void)state;
	char b[RESULTS_P_SIZE];

	assert_string_equal(results_p_text(0.0009, b), "p < 0.001");
	assert_string_equal(results_p_text(2.0 / 184756, b), "p < 0.001");
	assert_string_equal(results_p_text(0.001, b), "p = 0.001");
	assert_string_equal(results_p_text(1.0 / 21, b), "p = 0.047");
	assert_string_equal(results_p_text(0.0499, b), "p = 0.049");
	assert_string_equal(results_p_text(0.05 - 1e-13, b), "p = 0.049");
	assert_string_equal(results_p_text(0.05, b), "p = 0.050");
	assert_string_equal(results_p_text(0.29, b), "p = 0.290");
	assert_string_equal(results_p_text(5.0 / 11, b), "p = 0.454");
	assert_string_equal(results_p_text(1.0, b), "p = 1.000");
	assert_ptr_equal(results_p_text(0.5, b), b);
	/* Every p a count of splits can give: never above the true value,
	 * never a whole 0.001 below it, and on the verdict's side of 0.05. */
	for (unsigned m = 1; m <= 400; m++)
		for (unsigned k = 1; k <= m; k++) {
			double p = (double)k / m, shown;
			results_p_text(p, b);
			if (p < 0.001) {
				assert_string_equal(b, "p < 0.001");
				continue;
			}
			assert_int_equal(strncmp(b, "p = ", 4), 0);
			shown = strtod(b + 4, NULL);
			assert_true(shown <= p + 1e-12);
			assert_true(shown > p - 0.001);
			assert_true((shown < 0.05) == (p < 0.05));
		}
}

/* A round of fewer than k interviews shows no figure, so none is compared
 * and none of its statistics reach the rows or the JSON. */
static void test_round_below_k(void **state)
{
	(void)state;
	struct round_data a, b;
	struct round_comparison c;
	json_t *j;

	testround_builtin(&testround_pool, "csp-2009-12", &oxon[0][0], OXON_INTERVIEWS, 5, &a);
	a.n_responses = 2;
	testround_builtin(&testround_pool, "csp-2009-12", &oxon[0][0], OXON_INTERVIEWS, 5, &b);
	assert_int_equal(round_compare(&a, &b, &testround_pool, &c), E_OK);
	assert_false(c.a_allowed);
	assert_true(c.b_allowed);
	assert_null(c.caveat);
	assert_int_equal(c.n, OXON_STATEMENTS);
	for (size_t i = 0; i < c.n; i++) {
		assert_false(c.rows[i].compared);
		assert_false(c.rows[i].a.has_mean);
		assert_int_equal(c.rows[i].a.n + c.rows[i].a.dont_know + c.rows[i].a.no_answer, 0);
		assert_true(c.rows[i].b.has_mean);
		assert_string_equal(c.rows[i].words,
				    "Not compared: the earlier round's results are shown once at least 5 "
				    "people have responded (2 so far), so that no one's answers can be "
				    "picked out.");
	}
	j = comparison_json(&c);
	assert_non_null(j);
	assert_true(json_is_null(GET(json_array_get(j, 0), "n_a")));
	assert_true(json_is_null(GET(json_array_get(j, 0), "mean_a")));
	assert_int_equal(json_integer_value(GET(json_array_get(j, 0), "n_b")), 10);
	json_decref(j);

	/* The later round below k; then both. */
	assert_int_equal(round_compare(&b, &a, &testround_pool, &c), E_OK);
	assert_true(c.a_allowed);
	assert_false(c.b_allowed);
	assert_false(c.rows[0].b.has_mean);
	assert_non_null(strstr(c.rows[0].words, "the later round's results are shown once at "
						"least 5 people have responded (2 so far)"));
	assert_int_equal(round_compare(&a, &a, &testround_pool, &c), E_OK);
	assert_string_equal(c.rows[0].words,
			    "Not compared: each round's results are shown once at least 5 people "
			    "have responded (2 and 2 so far), so that no one's answers can be picked "
			    "out.");
	/* At k the round is compared again. */
	a.n_responses = 5;
	assert_int_equal(round_compare(&a, &b, &testround_pool, &c), E_OK);
	assert_true(c.a_allowed);
	assert_true(c.rows[0].compared);
}

/* Many standards at p < 0.05 flag some by chance: the comparison says so. */
static void test_caveat(void **state)
{
	(void)state;
	struct round_data a, b;
	struct round_comparison c;

	testround_builtin(&testround_pool, "csp-2009-12", &oxon[0][0], OXON_INTERVIEWS, 5, &a);
	oxon_better_leadership(&b);
	assert_int_equal(round_compare(&a, &b, &testround_pool, &c), E_OK);
	assert_non_null(c.caveat);
	assert_string_equal(c.caveat,
			    "12 standards were compared. At p < 0.05, about 1 in 20 standards would "
			    "show a difference by chance alone, so read a single standard's result "
			    "with care.");
	/* Counting only the standards compared: the group round's standard 4
	 * is new, so 12 of its 13. */
	nyorks_group(&b);
	assert_int_equal(round_compare(&a, &b, &testround_pool, &c), E_OK);
	assert_non_null(strstr(c.caveat, "12 standards were compared."));
	/* One standard compared: no multiple testing to warn of. */
	struct framework one;
	char err[FRAMEWORK_ERR_SIZE];
	static const char json[] =
		"{\"id\": \"one\", \"title\": \"One\", \"source\": \"Test\","
		" \"version\": \"1\", \"scale\": {\"points\": [{\"value\": 1}, {\"value\": 2},"
		" {\"value\": 3}], \"half_points\": false, \"dont_know\": true},"
		" \"standards\": [{\"number\": 1, \"key\": \"outcomes\", \"title\": \"Outcomes\"}]}";
	assert_int_equal(framework_parse(json, strlen(json), &testround_pool, &one, err, sizeof err),
			 E_OK);
	testround_build(&testround_pool, &one, (const char *[]){"1", "2", "1"}, 3, 3, &a);
	testround_build(&testround_pool, &one, (const char *[]){"3", "2", "3"}, 3, 3, &b);
	assert_int_equal(round_compare(&a, &b, &testround_pool, &c), E_OK);
	assert_int_equal(c.n, 1);
	assert_true(c.rows[0].compared);
	assert_null(c.caveat);
}

static void test_no_memory(void **state)
{
	(void)state;
	struct round_data a, b;
	struct round_comparison c;
	struct pool tiny;

	testround_builtin(&testround_pool, "csp-2009-12", &oxon[0][0], OXON_INTERVIEWS, 5, &a);
	nyorks_group(&b);
	for (size_t limit = 0; limit < 8192; limit += 128) {
		enum err rc;
		pool_init(&tiny, limit);
		rc = round_compare(&a, &b, &tiny, &c);
		assert_true(rc == E_OK || rc == E_NOMEM);
		pool_free(&tiny);
	}
	pool_init(&tiny, 0);
	assert_int_equal(round_compare(&a, &b, &tiny, &c), E_NOMEM);
	pool_free(&tiny);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_oxon_to_nyorks_by_key),
		cmocka_unit_test(test_earlier_only_key),
		cmocka_unit_test(test_significant_change),
		cmocka_unit_test(test_small_n_and_p_display),
		cmocka_unit_test(test_permutation_seed),
		cmocka_unit_test(test_not_compared),
		cmocka_unit_test(test_json),
		cmocka_unit_test(test_p_text),
		cmocka_unit_test(test_round_below_k),
		cmocka_unit_test(test_caveat),
		cmocka_unit_test(test_no_memory),
	};
	return cmocka_run_group_tests(tests, testround_setup, testround_teardown);
}
