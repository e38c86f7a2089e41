/*
 * test_benchmark_web.c: the national benchmark's pages and API in-process
 * through the production route table (both backends): sharing and
 * withdrawing a round by its buttons' routes (redirects, refusals, roles,
 * another partnership's round not found), the partnership's page with its
 * position in words and suppressed standards explained, a partnership
 * that has not shared, the national analysts' page, and that no page or
 * answer names another partnership.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "audit/audit.h"
#include "auth/token.h"
#include "db/db.h"
#include "selfanalysis/benchmark.h"
#include "selfanalysis/round.h"
#include "support/page_asserts.h"
#include "support/testapp.h"

static struct testapp *const t = &testapp_group;

#define DB app_db(&t->app)
#define path1(fmt, a) pool_printf(&t->pool, fmt, (long long)(a))

/* Six partnerships "benchweb-0" .. "benchweb-5" whose interview rounds
 * (5 people) score every standard 2.0, 2.5 ... 4.5, and an administrator
 * and a viewer of each. */
#define NP 6
static int64_t pid[NP], rid[NP];
static struct testuser admins[NP], viewers[NP], national;

static int64_t uniform_round(int64_t p, const char *framework, const char *name, enum round_mode mode,
			     size_t n, int half)
{
	struct round r = {.framework = framework, .name = name, .mode = mode};
	struct framework fw;
	int64_t id = 0;
	assert_int_equal(framework_builtin(framework, &t->pool, &fw), E_OK);
	assert_int_equal(round_add(DB, &actor_cli, p, &r, &id), E_OK);
	for (size_t i = 0; i < n; i++) {
		struct score cells[FRAMEWORK_MAX_STANDARDS];
		for (size_t s = 0; s < fw.n_standards; s++)
			cells[s] = (struct score){SCORE_VALUE, half, half};
		struct response_in in = {.source = RESPONSE_ENTRY, .cells = cells, .n = fw.n_standards};
		assert_int_equal(response_add(DB, &actor_cli, p, id, &in), E_OK);
	}
	return id;
}

static int64_t shared_rows(int64_t round)
{
	struct db_stmt *st = NULL;
	assert_int_equal(db_prepare(DB, "SELECT COUNT(*) FROM sa_benchmark WHERE round_id = $1", &st), E_OK);
	assert_int_equal(db_bind_i64(st, 1, round), E_OK);
	assert_int_equal(db_step(st), DB_ROW);
	int64_t n = db_col_i64(st, 0);
	db_finish(st);
	return n;
}

static int group_setup(void **state)
{
	testapp_group_setup(state);
	for (int i = 0; i < NP; i++) {
		pid[i] = testapp_partnership(t, pool_printf(&t->pool, "benchweb-%d", i), &admins[i]);
		testapp_user(t, pid[i], ROLE_VIEWER, &viewers[i]);
		rid[i] = uniform_round(pid[i], "csp-2009-12", pool_printf(&t->pool, "Bench round %d", i),
				       ROUND_INTERVIEWS, 5, 4 + i);
		/* The first shares through the page, in test_share. */
		if (i > 0)
			assert_int_equal(benchmark_share(DB, &actor_cli, pid[i], rid[i]), E_OK);
	}
	testapp_user(t, 0, ROLE_NATIONAL, &national);
	return 0;
}

/* No text names any of the benchmark's partnerships but own (-1: none). */
static void assert_names_none(const char *body, int own)
{
	for (int i = 0; i < NP; i++)
		if (i != own)
			assert_lacks(body, pool_printf(&t->pool, "benchweb-%d", i));
}

static void test_share(void **state)
{
	(void)state;
	const char *body;
	testapp_expect_redirect(t, &admins[0], "POST", path1("/selfanalysis/rounds/%lld/share", rid[0]), "",
				path1("/selfanalysis/rounds/%lld?done=shared", rid[0]));
	assert_int_equal(shared_rows(rid[0]), 12);
	testapp_expect_redirect(t, &admins[0], "POST", path1("/selfanalysis/rounds/%lld/unshare", rid[0]), "",
				path1("/selfanalysis/rounds/%lld?done=unshared", rid[0]));
	assert_int_equal(shared_rows(rid[0]), 0);
	/* Twice is harmless. */
	testapp_expect_redirect(t, &admins[0], "POST", path1("/selfanalysis/rounds/%lld/unshare", rid[0]), "",
				path1("/selfanalysis/rounds/%lld?done=unshared", rid[0]));

	/* Readers cannot; another partnership's round is not found. */
	const struct request_check c[] = {
		{"POST", path1("/selfanalysis/rounds/%lld/share", rid[0]), "", 403},
		{"POST", path1("/selfanalysis/rounds/%lld/unshare", rid[1]), "", 403},
	};
	testapp_check_requests(t, &viewers[0], c, 2);
	const struct request_check d[] = {
		{"POST", path1("/selfanalysis/rounds/%lld/share", rid[1]), "", 404},
		{"POST", path1("/selfanalysis/rounds/%lld/unshare", rid[1]), "", 404},
		{"POST", "/selfanalysis/rounds/987654/share", "", 404},
	};
	testapp_check_requests(t, &admins[0], d, 3);
	assert_int_equal(shared_rows(rid[1]), 12);

	/* Too few responses: refused with the reason, nothing shared. */
	int64_t small = uniform_round(pid[0], "csp-2009-12", "Too small", ROUND_INTERVIEWS, 2, 6);
	assert_int_equal(testapp_fetch(t, &admins[0], "POST", path1("/selfanalysis/rounds/%lld/share", small), "",
				       &body), 400);
	assert_contains(body, "This round cannot be shared yet");
	assert_contains(body, "anonymity threshold");
	assert_int_equal(shared_rows(small), 0);

	testapp_expect_redirect(t, &admins[0], "POST", path1("/selfanalysis/rounds/%lld/share", rid[0]), "",
				path1("/selfanalysis/rounds/%lld?done=shared", rid[0]));
}

static void test_partnership_page(void **state)
{
	(void)state;
	const char *body;
	/* Means 2.0 .. 4.5: q1 2.625, median 3.25, q3 3.875. */
	const struct {
		int who;
		const char *words;
	} seen[] = {
		{0, "You are in the bottom quarter"},
		{2, "You are between the lower quartile and the median"},
		{3, "You are between the median and the upper quartile"},
		{5, "You are in the top quarter"},
	};
	for (size_t i = 0; i < sizeof seen / sizeof seen[0]; i++) {
		int w = seen[i].who;
		assert_int_equal(testapp_fetch(t, &viewers[w], "GET", "/selfanalysis/benchmark", NULL, &body), 200);
		assert_contains(body, "<h1 class=\"govuk-heading-l\">National benchmark</h1>");
		assert_int_equal(page_count(body, seen[i].words), 12);
		assert_contains(body, ">3.25</td>");
		assert_contains(body, pool_printf(&t->pool, ">%.2f</td>", 2.0 + 0.5 * w));
		assert_contains(body, path1("href=\"/selfanalysis/rounds/%lld\">", rid[w]));
		assert_contains(body, pool_printf(&t->pool, "Bench round %d</a>, shared on ", w));
		assert_contains(body, "<caption class=\"govuk-table__caption govuk-table__caption--m\">");
		assert_contains(body, "<th scope=\"row\" class=\"govuk-table__header\">We influence the market effectively");
		assert_names_none(body, -1);
		for (int k = 0; k < NP; k++)
			if (k != w)
				assert_lacks(body, pool_printf(&t->pool, "Bench round %d", k));
	}

	/* A partnership that has not shared sees the quartiles only. */
	struct testuser none;
	testapp_partnership(t, "benchweb-none", &none);
	assert_int_equal(testapp_fetch(t, &none, "GET", "/selfanalysis/benchmark", NULL, &body), 200);
	assert_contains(body, "Your partnership has not shared a round");
	assert_contains(body, ">3.25</td>");
	assert_int_equal(page_count(body, "You have not shared this standard"), 12);
	assert_lacks(body, "You are ");
	assert_names_none(body, -1);
}

static void test_suppressed(void **state)
{
	(void)state;
	const char *body;
	/* One partnership shares a round on the 13-standard version: its
	 * twelve keys in common reach 7 partnerships, the thirteenth has 1. */
	int64_t r13 = uniform_round(pid[5], "csp-2009-13", "Bench group 2010", ROUND_GROUP, 1, 8);
	testapp_expect_redirect(t, &admins[5], "POST", path1("/selfanalysis/rounds/%lld/share", r13), "",
				path1("/selfanalysis/rounds/%lld?done=shared", r13));
	assert_int_equal(testapp_fetch(t, &viewers[5], "GET", "/selfanalysis/benchmark", NULL, &body), 200);
	assert_contains(body, "Not shown: fewer than 5 partnerships share this standard (1)");
	assert_int_equal(page_count(body, "Not shown: fewer than"), 1);
	assert_contains(body, "colspan=\"3\"");
	/* Its latest round now counts: 4.0, below its earlier 4.5. */
	assert_contains(body, ">4.00</td>");
	assert_contains(body, "Bench group 2010</a>, shared on ");
	assert_contains(body, "Bench round 5</a>, shared on ");
	/* Another partnership sees the count, not whose it is. */
	assert_int_equal(testapp_fetch(t, &viewers[1], "GET", "/selfanalysis/benchmark", NULL, &body), 200);
	assert_contains(body, "Not shown: fewer than 5 partnerships share this standard (1)");
	assert_lacks(body, "Bench group 2010");
	assert_names_none(body, -1);
	testapp_expect_redirect(t, &admins[5], "POST", path1("/selfanalysis/rounds/%lld/unshare", r13), "",
				path1("/selfanalysis/rounds/%lld?done=unshared", r13));
	assert_int_equal(testapp_fetch(t, &viewers[1], "GET", "/selfanalysis/benchmark", NULL, &body), 200);
	assert_lacks(body, "Not shown: fewer than");
}

static void test_national_page(void **state)
{
	(void)state;
	const char *body;
	assert_int_equal(testapp_fetch(t, &national, "GET", "/national/benchmark", NULL, &body), 200);
	assert_contains(body, "<h1 class=\"govuk-heading-l\">National benchmark</h1>");
	assert_contains(body, ">3.25</td>");
	assert_contains(body, "Partnerships sharing");
	assert_lacks(body, "Your mean score");
	assert_lacks(body, "You are ");
	assert_lacks(body, "Rounds you share");
	assert_lacks(body, "Bench round");
	assert_names_none(body, -1);
	/* Each reaches only its own view. */
	const struct request_check n[] = {
		{"GET", "/selfanalysis/benchmark", NULL, 403},
		{"GET", "/api/v1/selfanalysis/benchmark", NULL, 403},
	};
	testapp_check_requests(t, &national, n, 2);
	testapp_check_requests(t, &admins[1], (const struct request_check[]){
		{"GET", "/national/benchmark", NULL, 403}}, 1);
}

static void test_api(void **state)
{
	(void)state;
	char tok[TOKEN_SIZE];
	assert_int_equal(token_create(DB, &actor_cli, viewers[4].id, "script", tok, NULL), E_OK);
	json_t *j = testapp_api_get(t, "/api/v1/selfanalysis/benchmark", tok, 200);
	assert_int_equal(json_integer_value(json_object_get(j, "min_partnerships")), 5);
	json_t *d = json_object_get(j, "data");
	assert_int_equal(json_array_size(d), 12);
	json_t *o = json_array_get(d, 0);
	assert_string_equal(json_string_value(json_object_get(o, "key")), "outcomes");
	assert_int_equal(json_integer_value(json_object_get(o, "partnerships")), 6);
	assert_true(json_is_false(json_object_get(o, "suppressed")));
	assert_true(json_real_value(json_object_get(o, "median")) == 3.25);
	assert_true(json_real_value(json_object_get(o, "own_mean")) == 4.0);
	assert_string_equal(json_string_value(json_object_get(o, "position")), "top_quarter");
	json_t *sh = json_array_get(json_object_get(j, "shared"), 0);
	assert_int_equal(json_integer_value(json_object_get(sh, "round_id")), rid[4]);
	char *text = json_dumps(j, 0);
	assert_names_none(text, -1);
	free(text);
	json_decref(j);
	json_decref(testapp_api_get(t, "/api/v1/selfanalysis/benchmark", NULL, 401));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_share),
		cmocka_unit_test(test_partnership_page),
		cmocka_unit_test(test_suppressed),
		cmocka_unit_test(test_national_page),
		cmocka_unit_test(test_api),
	};
	return cmocka_run_group_tests(tests, group_setup, testapp_group_teardown);
}
