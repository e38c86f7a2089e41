/*
 * test_benchmark.c: the national benchmark (selfanalysis/benchmark.h) in
 * a migrated database on both backends: sharing a round stores one row of
 * aggregates per standard and nothing individual, refuses rounds too
 * small to share, is audited, replaced when shared again and withdrawn
 * whole; the benchmark's quartiles are checked against figures worked out
 * by hand (QUARTILE.INC), each partnership counts once by its latest
 * shared round, rounds on both versions of the framework count together
 * by key, positions are worded, standards fewer than 5 partnerships share
 * are suppressed, and the national view has no partnership's own figures.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "audit/audit.h"
#include "core/pool.h"
#include "selfanalysis/benchmark.h"
#include "selfanalysis/round.h"
#include "support/teststore.h"

static const struct actor *cli = &actor_cli;

static int setup(void **state)
{
	return teststore_setup(state);
}

/*
 * A round of partnership p whose n responses each give every standard the
 * score half (half-points: 7 is 3.5), except that the first skip
 * responses answer "Don't know" to the framework's first standard.
 */
static int64_t uniform_round(int64_t p, const char *framework, const char *name, const char *opens,
			     enum round_mode mode, size_t n, int half, size_t skip)
{
	struct round r = {.framework = framework, .name = name, .mode = mode, .opens_on = opens};
	struct framework fw;
	int64_t id = 0;
	assert_int_equal(framework_load(testdb, &testpool, p, framework, &fw), E_OK);
	assert_int_equal(round_add(testdb, cli, p, &r, &id), E_OK);
	for (size_t i = 0; i < n; i++) {
		struct score cells[FRAMEWORK_MAX_STANDARDS];
		for (size_t s = 0; s < fw.n_standards; s++)
			cells[s] = (struct score){SCORE_VALUE, half, half};
		if (i < skip)
			cells[0] = (struct score){SCORE_DONT_KNOW, 0, 0};
		struct response_in in = {.source = RESPONSE_IMPORT, .cells = cells, .n = fw.n_standards,
					 .respondent = pool_printf(&testpool, "%zu", i + 1)};
		assert_int_equal(response_add(testdb, cli, p, id, &in), E_OK);
	}
	return id;
}

static int64_t rows_of(int64_t round)
{
	return teststore_i64("SELECT COUNT(*) FROM sa_benchmark WHERE round_id = $1", round, NULL);
}

static const struct benchmark_standard *key_of(const struct benchmark *b, const char *key)
{
	for (size_t i = 0; i < b->n; i++)
		if (strcmp(b->standards[i].key, key) == 0)
			return &b->standards[i];
	fail_msg("the benchmark has no key %s", key);
	return NULL;
}

static void assert_near(double got, double want)
{
	if (fabs(got - want) > 1e-9)
		fail_msg("got %.6f, expected %.6f", got, want);
}

static void test_positions(void **state)
{
	(void)state;
	/* q1 2.625, median 3.25, q3 3.875: the bounds belong to the middle. */
	const struct {
		double mean;
		enum benchmark_position p;
	} cases[] = {
		{2.0, BENCHMARK_BOTTOM_QUARTER}, {2.624, BENCHMARK_BOTTOM_QUARTER},
		{2.625, BENCHMARK_LOWER_MIDDLE}, {3.249, BENCHMARK_LOWER_MIDDLE},
		{3.25, BENCHMARK_UPPER_MIDDLE}, {3.875, BENCHMARK_UPPER_MIDDLE},
		{3.876, BENCHMARK_TOP_QUARTER}, {5.0, BENCHMARK_TOP_QUARTER},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		assert_int_equal(benchmark_position_of(cases[i].mean, 2.625, 3.25, 3.875), cases[i].p);
	assert_string_equal(benchmark_position_text(BENCHMARK_TOP_QUARTER), "in the top quarter");
	assert_string_equal(benchmark_position_text(BENCHMARK_UPPER_MIDDLE),
			    "between the median and the upper quartile");
	assert_string_equal(benchmark_position_text(BENCHMARK_LOWER_MIDDLE),
			    "between the lower quartile and the median");
	assert_string_equal(benchmark_position_text(BENCHMARK_BOTTOM_QUARTER), "in the bottom quarter");
	assert_string_equal(benchmark_position_code(BENCHMARK_BOTTOM_QUARTER), "bottom_quarter");
}

static void test_share_refused(void **state)
{
	(void)state;
	int64_t p = teststore_partnership("refused"), other = teststore_partnership("refused-other");
	/* Four interviews: fewer than k (5). */
	int64_t small = uniform_round(p, "csp-2009-12", "Four", NULL, ROUND_INTERVIEWS, 4, 6, 0);
	/* A group round with no scores at all. */
	int64_t empty = uniform_round(p, "csp-2009-12", "Empty group", NULL, ROUND_GROUP, 0, 6, 0);
	size_t events = teststore_events(p);
	assert_int_equal(benchmark_share(testdb, cli, p, small), E_RANGE);
	assert_int_equal(benchmark_share(testdb, cli, p, empty), E_RANGE);
	/* Another partnership's round, and none. */
	int64_t theirs = uniform_round(other, "csp-2009-12", "Theirs", NULL, ROUND_INTERVIEWS, 5, 6, 0);
	assert_int_equal(benchmark_share(testdb, cli, p, theirs), E_NOTFOUND);
	assert_int_equal(benchmark_unshare(testdb, cli, p, theirs), E_NOTFOUND);
	assert_int_equal(benchmark_share(testdb, cli, p, 987654), E_NOTFOUND);
	/* Nothing written, nothing recorded. */
	assert_int_equal(rows_of(small) + rows_of(empty) + rows_of(theirs), 0);
	assert_int_equal(teststore_i64("SELECT COUNT(*) FROM sa_round WHERE partnership_id = $1"
				       " AND shared_at IS NOT NULL", p, NULL), 0);
	assert_int_equal(teststore_events(p), events);

	/* A framework the partnership imported, reusing a CSP key on a
	 * 3-level scale: its means would skew the key's quartiles. */
	static const char three_levels[] =
		"{\"id\": \"maturity\", \"title\": \"Maturity\", \"source\": \"The partnership\","
		" \"version\": \"1\", \"scale\": {\"points\": [{\"value\": 1, \"label\": \"Emerging\"},"
		" {\"value\": 2, \"label\": \"Established\"}, {\"value\": 3, \"label\": \"Advanced\"}],"
		" \"half_points\": false, \"dont_know\": false},"
		" \"standards\": [{\"number\": 1, \"key\": \"outcomes\", \"title\": \"Outcomes\"}]}";
	char err[FRAMEWORK_ERR_SIZE];
	assert_int_equal(framework_store_import(testdb, cli, p, three_levels, strlen(three_levels),
						err, sizeof err), E_OK);
	int64_t imported = uniform_round(p, "maturity", "Imported", NULL, ROUND_INTERVIEWS, 6, 6, 0);
	events = teststore_events(p);
	assert_int_equal(benchmark_share(testdb, cli, p, imported), E_INVAL);
	assert_int_equal(rows_of(imported), 0);
	assert_int_equal(teststore_events(p), events);

	/* With the threshold lowered to 4, the four may share. */
	assert_int_equal(selfanalysis_k_set(testdb, cli, p, 4), E_OK);
	assert_int_equal(benchmark_share(testdb, cli, p, small), E_OK);
	assert_int_equal(rows_of(small), 12);
}

static void test_share_and_unshare(void **state)
{
	(void)state;
	int64_t p = teststore_partnership("sharing");
	/* Seven interviews scoring 3.5; three say "Don't know" to standard 1,
	 * leaving it four scores: fewer than k, so it stays home. */
	int64_t r = uniform_round(p, "csp-2009-12", "Sharing 2009", "2009-11-01", ROUND_INTERVIEWS, 7, 7, 3);
	assert_int_equal(benchmark_share(testdb, cli, p, r), E_OK);
	assert_int_equal(rows_of(r), 11);
	assert_int_equal(teststore_i64("SELECT COUNT(*) FROM sa_benchmark WHERE round_id = $1"
				       " AND standard_key = $2", r, "outcomes"), 0);
	assert_int_equal(teststore_i64("SELECT n FROM sa_benchmark WHERE round_id = $1 AND standard_key = $2",
				       r, "market"), 7);
	assert_int_equal(teststore_i64("SELECT mean_x1000 FROM sa_benchmark WHERE round_id = $1"
				       " AND standard_key = $2", r, "market"), 3500);
	assert_int_equal(teststore_i64("SELECT COUNT(*) FROM sa_benchmark WHERE round_id = $1"
				       " AND framework = $2", r, "csp-2009-12"), 11);
	/* Nothing individual: one row per standard, each standing for at
	 * least k people, and nothing else of the round leaves. */
	assert_int_equal(teststore_i64("SELECT MIN(n) FROM sa_benchmark WHERE round_id = $1", r, NULL), 7);
	assert_int_equal(teststore_i64("SELECT COUNT(DISTINCT standard_key) FROM sa_benchmark"
				       " WHERE round_id = $1", r, NULL), 11);
	struct round got;
	assert_int_equal(round_get(testdb, &testpool, p, r, &got), E_OK);
	assert_non_null(got.shared_at);
	json_t *before, *after;
	teststore_expect_event(p, "share", "sa_round", r, &before, &after);
	assert_string_equal(jstr(after, "name"), "Sharing 2009");
	assert_int_equal(json_integer_value(json_object_get(after, "standards")), 11);
	assert_non_null(jstr(after, "shared_at"));
	assert_null(json_object_get(before, "standards"));
	json_decref(before);
	json_decref(after);

	/* Shared again: replaced, not doubled. */
	assert_int_equal(benchmark_share(testdb, cli, p, r), E_OK);
	assert_int_equal(rows_of(r), 11);

	size_t events = teststore_events(p);
	assert_int_equal(benchmark_unshare(testdb, cli, p, r), E_OK);
	assert_int_equal(rows_of(r), 0);
	assert_int_equal(round_get(testdb, &testpool, p, r, &got), E_OK);
	assert_null(got.shared_at);
	teststore_expect_event(p, "unshare", "sa_round", r, &before, &after);
	assert_non_null(jstr(before, "shared_at"));
	assert_null(jstr(after, "shared_at"));
	json_decref(before);
	json_decref(after);
	/* Withdrawing what is not shared does nothing. */
	assert_int_equal(benchmark_unshare(testdb, cli, p, r), E_OK);
	assert_int_equal(teststore_events(p), events + 1);

	/* A group's agreed score needs no k: one response shares. */
	int64_t g = uniform_round(p, "csp-2009-13", "Sharing group", NULL, ROUND_GROUP, 1, 4, 0);
	assert_int_equal(benchmark_share(testdb, cli, p, g), E_OK);
	assert_int_equal(rows_of(g), 13);
	assert_int_equal(teststore_i64("SELECT mean_x1000 FROM sa_benchmark WHERE round_id = $1"
				       " AND standard_key = $2", g, "joint-commissioning-arrangements"), 2000);
}

/* Six partnerships whose interview rounds (csp-2009-12, 5 people each)
 * score every standard 2.0, 2.5, 3.0, 3.5, 4.0 and 4.5. */
static int64_t six[6], six_round[6];

static void share_six(void)
{
	static const int halves[6] = {4, 5, 6, 7, 8, 9};
	for (size_t i = 0; i < 6; i++) {
		six[i] = teststore_partnership(pool_printf(&testpool, "six-%zu", i));
		six_round[i] = uniform_round(six[i], "csp-2009-12", "First round", "2009-10-01",
					     ROUND_INTERVIEWS, 5, halves[i], 0);
		assert_int_equal(benchmark_share(testdb, cli, six[i], six_round[i]), E_OK);
	}
}

static void test_quartiles(void **state)
{
	(void)state;
	share_six();
	struct benchmark b;
	/* Means 2.0 2.5 3.0 3.5 4.0 4.5, QUARTILE.INC (n = 6):
	 * q1: h = 1.25, 2.5 + 0.25 x 0.5 = 2.625; median: h = 2.5, 3.25;
	 * q3: h = 3.75, 3.5 + 0.75 x 0.5 = 3.875. */
	const struct {
		size_t who;
		enum benchmark_position p;
	} seen[] = {
		{0, BENCHMARK_BOTTOM_QUARTER}, {2, BENCHMARK_LOWER_MIDDLE},
		{3, BENCHMARK_UPPER_MIDDLE}, {5, BENCHMARK_TOP_QUARTER},
	};
	for (size_t i = 0; i < sizeof seen / sizeof seen[0]; i++) {
		assert_int_equal(benchmark_load(testdb, &testpool, six[seen[i].who], &b), E_OK);
		assert_int_equal(b.n, 12);
		const struct benchmark_standard *s = key_of(&b, "market");
		assert_int_equal(s->partnerships, 6);
		assert_false(s->suppressed);
		assert_near(s->q1, 2.625);
		assert_near(s->median, 3.25);
		assert_near(s->q3, 3.875);
		assert_true(s->has_own);
		assert_near(s->own_mean, 2.0 + 0.5 * (double)seen[i].who);
		assert_int_equal(s->own_n, 5);
		assert_int_equal(s->position, seen[i].p);
		assert_int_equal(b.n_shared, 1);
		assert_string_equal(b.shared[0].name, "First round");
		assert_int_equal(b.shared[0].id, six_round[seen[i].who]);
	}

	/* The keys in the later framework's order, with its titles. */
	assert_string_equal(b.standards[0].key, "outcomes");
	assert_string_equal(b.standards[1].key, "commissioning-arrangements");
	assert_string_equal(b.standards[2].key, "governance");
	assert_string_equal(b.standards[3].key, "stakeholder-support");
	assert_string_equal(b.standards[11].key, "learning");
	assert_non_null(b.standards[0].title);
	assert_int_equal(strncmp(b.standards[0].title, "We are clear and agreed about the outcome priorities", 52), 0);

	/* The first partnership scores again later, 5.0: it counts once, by
	 * its latest round.  Means 2.5 3.0 3.5 4.0 4.5 5.0: q1 3.125, median
	 * 3.75, q3 4.375. */
	int64_t later = uniform_round(six[0], "csp-2009-12", "Second round", "2010-10-01",
				      ROUND_INTERVIEWS, 5, 10, 0);
	assert_int_equal(benchmark_share(testdb, cli, six[0], later), E_OK);
	assert_int_equal(benchmark_load(testdb, &testpool, six[0], &b), E_OK);
	const struct benchmark_standard *s = key_of(&b, "market");
	assert_int_equal(s->partnerships, 6);
	assert_near(s->q1, 3.125);
	assert_near(s->median, 3.75);
	assert_near(s->q3, 4.375);
	assert_near(s->own_mean, 5.0);
	assert_int_equal(s->position, BENCHMARK_TOP_QUARTER);
	assert_int_equal(b.n_shared, 2);
	/* An earlier round shared after it does not displace it. */
	int64_t older = uniform_round(six[0], "csp-2009-12", "Old round", "2008-10-01",
				      ROUND_INTERVIEWS, 5, 2, 0);
	assert_int_equal(benchmark_share(testdb, cli, six[0], older), E_OK);
	assert_int_equal(benchmark_load(testdb, &testpool, six[0], &b), E_OK);
	assert_near(key_of(&b, "market")->own_mean, 5.0);
	assert_near(key_of(&b, "market")->q1, 3.125);
	assert_int_equal(benchmark_unshare(testdb, cli, six[0], later), E_OK);
	assert_int_equal(benchmark_unshare(testdb, cli, six[0], older), E_OK);

	/* The national view: the same figures and no partnership's own. */
	assert_int_equal(benchmark_load(testdb, &testpool, 0, &b), E_OK);
	s = key_of(&b, "market");
	assert_int_equal(s->partnerships, 6);
	assert_near(s->q1, 2.625);
	assert_false(s->has_own);
	assert_int_equal(b.n_shared, 0);
	for (size_t i = 0; i < b.n; i++)
		assert_false(b.standards[i].has_own);
}

static void test_suppression_and_versions(void **state)
{
	(void)state;
	/* Five partnerships: 4 on the 12-statement version, one group on the
	 * 13; the 13's extra standard has one partnership behind it. */
	int64_t p[5], rounds[5];
	for (size_t i = 0; i < 5; i++) {
		p[i] = teststore_partnership(pool_printf(&testpool, "five-%zu", i));
		rounds[i] = i < 4 ? uniform_round(p[i], "csp-2009-12", "Round", NULL, ROUND_INTERVIEWS, 5,
						  (int)(2 + 2 * i), 0)
				  : uniform_round(p[i], "csp-2009-13", "Group", NULL, ROUND_GROUP, 1, 10, 0);
	}
	struct benchmark b;
	for (size_t i = 0; i < 4; i++)
		assert_int_equal(benchmark_share(testdb, cli, p[i], rounds[i]), E_OK);
	/* Four share: every standard suppressed, the own mean still known. */
	assert_int_equal(benchmark_load(testdb, &testpool, p[1], &b), E_OK);
	assert_int_equal(b.n, 12);
	for (size_t i = 0; i < b.n; i++) {
		assert_int_equal(b.standards[i].partnerships, 4);
		assert_true(b.standards[i].suppressed);
	}
	json_t *j = benchmark_json(&b);
	json_t *m = NULL, *row;
	size_t k;
	json_array_foreach(json_object_get(j, "data"), k, row)
		if (strcmp(jstr(row, "key"), "market") == 0)
			m = row;
	assert_non_null(m);
	assert_true(json_is_true(json_object_get(m, "suppressed")));
	assert_true(json_is_null(json_object_get(m, "q1")));
	assert_true(json_is_null(json_object_get(m, "median")));
	assert_true(json_is_null(json_object_get(m, "position")));
	assert_near(json_real_value(json_object_get(m, "own_mean")), 2.0);
	assert_int_equal(json_integer_value(json_object_get(j, "min_partnerships")), BENCHMARK_MIN_PARTNERSHIPS);
	json_decref(j);

	/* The fifth, on the other version: the shared keys reach 5 and show;
	 * its extra standard stays suppressed. */
	assert_int_equal(benchmark_share(testdb, cli, p[4], rounds[4]), E_OK);
	assert_int_equal(benchmark_load(testdb, &testpool, p[4], &b), E_OK);
	assert_int_equal(b.n, 13);
	const struct benchmark_standard *s = key_of(&b, "market");
	assert_int_equal(s->partnerships, 5);
	assert_false(s->suppressed);
	/* Means 1.0 2.0 3.0 4.0 5.0 (n = 5): q1 = x[1], median x[2], q3 x[3]. */
	assert_near(s->q1, 2.0);
	assert_near(s->median, 3.0);
	assert_near(s->q3, 4.0);
	assert_near(s->own_mean, 5.0);
	assert_int_equal(s->position, BENCHMARK_TOP_QUARTER);
	s = key_of(&b, "joint-commissioning-arrangements");
	assert_int_equal(s->partnerships, 1);
	assert_true(s->suppressed);
	assert_true(s->has_own);
	assert_string_equal(b.standards[3].key, "joint-commissioning-arrangements");

	j = benchmark_json(&b);
	json_array_foreach(json_object_get(j, "data"), k, row)
		if (strcmp(jstr(row, "key"), "market") == 0)
			m = row;
	assert_near(json_real_value(json_object_get(m, "q3")), 4.0);
	assert_string_equal(jstr(m, "position"), "top_quarter");
	assert_int_equal(json_integer_value(json_object_get(m, "partnerships")), 5);
	assert_int_equal(json_integer_value(json_object_get(m, "own_n")), 1);
	assert_int_equal(json_array_size(json_object_get(j, "shared")), 1);
	assert_string_equal(jstr(json_array_get(json_object_get(j, "shared"), 0), "round"), "Group");
	/* Nothing in it names a partnership. */
	char *text = json_dumps(j, 0);
	assert_non_null(text);
	assert_null(strstr(text, "five-"));
	free(text);
	json_decref(j);
	for (size_t i = 0; i < 5; i++)
		assert_int_equal(benchmark_unshare(testdb, cli, p[i], rounds[i]), E_OK);
	assert_int_equal(benchmark_load(testdb, &testpool, 0, &b), E_OK);
	assert_int_equal(b.n, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_positions),
		cmocka_unit_test_setup_teardown(test_share_refused, setup, teststore_teardown),
		cmocka_unit_test_setup_teardown(test_share_and_unshare, setup, teststore_teardown),
		cmocka_unit_test_setup_teardown(test_quartiles, setup, teststore_teardown),
		cmocka_unit_test_setup_teardown(test_suppression_and_versions, setup, teststore_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
