/*
 * test_cli_action.c: `jcs action add|list` and `jcs selfanalysis
 * share|benchmark` through the real binary, on both backends.  Rounds and
 * their responses are made in-process through the store; what a command
 * wrote is checked there too, so a command that prints success but writes
 * nothing, or writes after a mistake it reported, fails.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "action/action.h"
#include "audit/audit.h"
#include "core/pool.h"
#include "db/db.h"
#include "partnership/partnership.h"
#include "selfanalysis/benchmark.h"
#include "selfanalysis/round.h"
#include "support/page_asserts.h"
#include "support/spawn.h"
#include "support/testdb.h"

static char url[TESTDB_URL_MAX];
static struct spawn_result r; /* two 64 KiB buffers: not on the stack */
static struct pool pool;
static struct db *db;
static int64_t pid;

/* `jcs ARGS... --db URL` (args end with NULL) into r. */
#define run(...) spawn_jcs_db(&r, url, __VA_ARGS__)

/* A round of partnership p whose n responses score every standard half
 * (half-points). */
static int64_t uniform_round(int64_t p, const char *name, size_t n, int half)
{
	struct round rd = {.framework = "csp-2009-12", .name = name, .mode = ROUND_INTERVIEWS};
	int64_t id = 0;
	assert_int_equal(round_add(db, &actor_cli, p, &rd, &id), E_OK);
	for (size_t i = 0; i < n; i++) {
		struct score cells[12];
		for (size_t s = 0; s < 12; s++)
			cells[s] = (struct score){SCORE_VALUE, half, half};
		struct response_in in = {.source = RESPONSE_ENTRY, .cells = cells, .n = 12};
		assert_int_equal(response_add(db, &actor_cli, p, id, &in), E_OK);
	}
	return id;
}

static int setup(void **state)
{
	db_close(testdb_open(url, sizeof url));
	pool_init(&pool, 16u << 20);
	run("partnership", "create", "--slug", "clip", "--name", "CLI partnership", NULL);
	assert_int_equal(r.status, 0);
	db = testdb_connect(url);
	struct partnership p;
	assert_int_equal(partnership_find_by_slug(db, &pool, "clip", &p), E_OK);
	pid = p.id;
	assert_int_equal(organisation_add(db, &actor_cli, pid, "Owner Council", "county_council", "both",
					  NULL, NULL), E_OK);
	uniform_round(pid, "Autumn 2009", 5, 6);
	return 0;
}

static int teardown(void **state)
{
	db_close(db);
	pool_free(&pool);
	testdb_drop(NULL, url);
	return 0;
}

static size_t actions(void)
{
	struct action_item *a;
	size_t n;
	assert_int_equal(action_list(db, &pool, pid, NULL, &a, &n), E_OK);
	return n;
}

static void expect(int status, const char *err_has)
{
	if (r.status != status)
		fail_msg("exit %d, expected %d; stderr: %s", r.status, status, r.err);
	if (err_has)
		assert_contains(r.err, err_has);
}

static void test_action_add_and_list(void **state)
{
	(void)state;
	run("action", "add", "--partnership", "clip", "--title", "Publish the market position",
	    "--owner", "Owner Council", "--lead", "Head of Commissioning", "--due", "2001-03-31",
	    "--status", "in_progress", "--round", "Autumn 2009", "--standard", "outcomes",
	    "--standard", "market", NULL);
	expect(0, NULL);
	long long id = 0;
	assert_int_equal(sscanf(r.out, "Added action %lld", &id), 1);
	struct action_item a;
	assert_int_equal(action_get(db, &pool, pid, id, &a), E_OK);
	assert_string_equal(a.title, "Publish the market position");
	assert_string_equal(a.owner_name, "Owner Council");
	assert_string_equal(a.lead, "Head of Commissioning");
	assert_string_equal(a.due_on, "2001-03-31");
	assert_string_equal(a.status, "in_progress");
	assert_int_equal(a.n_links, 2);
	assert_string_equal(a.links[0].ref_key, "market");
	assert_string_equal(a.links[1].ref_key, "outcomes");
	run("action", "add", "--partnership", "clip", "--title", "No links", NULL);
	expect(0, "");

	run("action", "list", "--partnership", "clip", "--format", "csv", NULL);
	expect(0, NULL);
	assert_contains(r.out, "id,title,owner,lead,due,status,overdue,standards\r\n");
	assert_contains(r.out, pool_printf(&pool, "%lld,Publish the market position,Owner Council,"
					   "Head of Commissioning,2001-03-31,in_progress,yes,"
					   "Autumn 2009: market; Autumn 2009: outcomes\r\n", id));
	assert_contains(r.out, ",No links,,,,not_started,no,\r\n");
	run("action", "list", "--partnership", "clip", "--round", "Autumn 2009", NULL);
	expect(0, NULL);
	assert_contains(r.out, "Publish the market position");
	assert_lacks(r.out, "No links");
}

static void test_action_mistakes(void **state)
{
	(void)state;
	size_t before = actions();
	const struct {
		const char *args[6]; /* up to the first NULL */
		int status;
		const char *err;
	} cases[] = {
		{{"--title", "T", "--owner", "Nobody Council"}, 1, "has no current organisation called \"Nobody Council\""},
		{{"--title", "T", "--round", "No round", "--standard", "market"}, 1, "has no round called \"No round\""},
		{{"--title", "T", "--round", "Autumn 2009", "--standard", "nope"}, 1,
		 "(csp-2009-12) has no standard with the key 'nope'"},
		{{"--title", "T", "--standard", "market"}, 2, "--round (for --standard) is required"},
		{{"--title", "T", "--round", "Autumn 2009"}, 2, "--standard (for --round) is required"},
		{{"--title", "T", "--due", "2027-02-30"}, 2, "--due is a day written YYYY-MM-DD"},
		{{"--title", "T", "--status", "finished"}, 2, "--status is not_started, in_progress, done or dropped"},
		{{"--title", ""}, 2, "--title is required"},
		{{"--title", "Bad\x01title"}, 1, "--title must be 1 to 300 characters"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *const *a = cases[i].args;
		run("action", "add", "--partnership", "clip", a[0], a[1], a[2], a[3], a[4], a[5], NULL);
		expect(cases[i].status, cases[i].err);
		assert_int_equal(strncmp(r.err, "jcs: ", 5), 0);
	}
	assert_int_equal(actions(), before);
	run("action", "list", "--partnership", "nowhere", NULL);
	expect(1, "no partnership with the slug 'nowhere'");
}

static void test_share_and_benchmark(void **state)
{
	(void)state;
	/* Five more partnerships share rounds scoring 2.0 .. 4.0; ours 3.0. */
	for (int i = 0; i < 5; i++) {
		int64_t p;
		assert_int_equal(partnership_create(db, &actor_cli, pool_printf(&pool, "cli-other-%d", i),
						    "Other", &p), E_OK);
		assert_int_equal(benchmark_share(db, &actor_cli, p,
						 uniform_round(p, "Round", 5, i == 2 ? 5 : 4 + i)), E_OK);
	}
	run("selfanalysis", "benchmark", "--partnership", "clip", NULL);
	expect(0, NULL);
	assert_contains(r.out, "clip has not shared a round: its own position is not shown.");

	run("selfanalysis", "share", "--partnership", "clip", "--round", "Autumn 2009", NULL);
	expect(0, NULL);
	assert_contains(r.out, "Shared \"Autumn 2009\" with the national benchmark");
	/* Means 2.0 2.5 2.5 3.0 3.5 4.0: six partnerships, ours 3.0. */
	run("selfanalysis", "benchmark", "--partnership", "clip", "--format", "csv", NULL);
	expect(0, NULL);
	assert_contains(r.out, "key,partnerships,suppressed,q1,median,q3,own_mean,own_n,position\r\n");
	assert_contains(r.out, "market,6,false,");
	assert_contains(r.out, ",3.000,5,");
	run("selfanalysis", "benchmark", "--partnership", "clip", "--format", "json", NULL);
	expect(0, NULL);
	json_error_t jerr;
	json_t *j = json_loads(r.out, 0, &jerr);
	if (!j)
		fail_msg("not JSON: %s", jerr.text);
	json_t *o = json_array_get(json_object_get(j, "data"), 0);
	assert_string_equal(json_string_value(json_object_get(o, "key")), "outcomes");
	assert_int_equal(json_integer_value(json_object_get(o, "partnerships")), 6);
	assert_true(json_real_value(json_object_get(o, "own_mean")) == 3.0);
	assert_int_equal(json_array_size(json_object_get(j, "shared")), 1);
	json_decref(j);
	assert_lacks(r.out, "cli-other");

	run("selfanalysis", "share", "--partnership", "clip", "--round", "Autumn 2009", "--undo", NULL);
	expect(0, NULL);
	assert_contains(r.out, "Withdrew \"Autumn 2009\" from the national benchmark");
	assert_int_equal(benchmark_unshare(db, &actor_cli, pid, 987654), E_NOTFOUND);
	struct round rd;
	assert_int_equal(round_find(db, &pool, pid, "Autumn 2009", &rd), E_OK);
	assert_null(rd.shared_at);

	uniform_round(pid, "Too small", 2, 6);
	run("selfanalysis", "share", "--partnership", "clip", "--round", "Too small", NULL);
	expect(1, "\"Too small\" cannot be shared: an interview round needs at least 5 responses");
	run("selfanalysis", "benchmark", "--partnership", "clip", "--format", "xml", NULL);
	expect(2, "--format is text, csv or json, not 'xml'");
	run("selfanalysis", "share", "--partnership", "clip", NULL);
	expect(2, "--round is required");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_action_add_and_list),
		cmocka_unit_test(test_action_mistakes),
		cmocka_unit_test(test_share_and_benchmark),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
