/*
 * test_cli_invite.c: `jcs selfanalysis invite` through the real binary on
 * a fresh database, on both backends.  The links printed must open the
 * invitations the store holds (with their group), appear once and only on
 * standard output; usage mistakes exit 2 and refusals 1, each issuing
 * nothing.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit/audit.h"
#include "core/pool.h"
#include "db/db.h"
#include "partnership/partnership.h"
#include "selfanalysis/invitation.h"
#include "selfanalysis/round.h"
#include "support/spawn.h"
#include "support/testdb.h"

static char url[TESTDB_URL_MAX];
static struct spawn_result r; /* two 64 KiB buffers: not on the stack */
static struct pool pool;
static int64_t pid, round_id;

/* Run `jcs selfanalysis invite ARGS... --db URL` (args end with NULL). */
#define invite(...) spawn_jcs_db(&r, url, "selfanalysis", "invite", __VA_ARGS__)

static int setup(void **state)
{
	(void)state;
	db_close(testdb_open(url, sizeof url));
	pool_init(&pool, 16u << 20);
	spawn_jcs_db(&r, url, "partnership", "create", "--slug", "north", "--name", "North", NULL);
	assert_int_equal(r.status, 0);
	struct db *db = testdb_connect(url);
	struct partnership p;
	assert_int_equal(partnership_find_by_slug(db, &pool, "north", &p), E_OK);
	pid = p.id;
	struct round rd = {.framework = "csp-2009-12", .name = "Spring 2026", .mode = ROUND_INTERVIEWS};
	assert_int_equal(round_add(db, &actor_cli, pid, &rd, &round_id), E_OK);
	db_close(db);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	pool_free(&pool);
	testdb_drop(NULL, url);
	return 0;
}

static int64_t issued(void)
{
	struct db *db = testdb_connect(url);
	struct invitation_counts c;
	assert_int_equal(invitation_counts(db, pid, round_id, &c), E_OK);
	db_close(db);
	return c.issued;
}

/* The invitation a printed link opens. */
static struct invitation opened(const char *link, const char *base)
{
	size_t b = strlen(base);
	assert_true(strncmp(link, base, b) == 0);
	assert_true(strncmp(link + b, "/respond?t=", 11) == 0);
	struct db *db = testdb_connect(url);
	struct invitation inv;
	assert_int_equal(invitation_find(db, &pool, link + b + 11, &inv), E_OK);
	db_close(db);
	return inv;
}

static void test_invite(void **state)
{
	(void)state;
	invite("--partnership", "north", "--round", "Spring 2026", "--count", "3", "--group",
	       "Health", "--base-url", "https://jcs.example.org//", NULL);
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.err, "Created 3 invitation links for the round \"Spring 2026\""));
	char *line = r.out, *links[4] = {0};
	size_t n = 0;
	for (char *nl; (nl = strchr(line, '\n')); line = nl + 1) {
		*nl = '\0';
		assert_true(n < 3);
		links[n++] = line;
		assert_int_equal(strlen(line), strlen("https://jcs.example.org/respond?t=") +
						 INVITATION_TOKEN_SIZE - 1);
		struct invitation inv = opened(line, "https://jcs.example.org");
		assert_true(inv.round_id == round_id && inv.partnership_id == pid);
		assert_string_equal(inv.grp, "Health");
		assert_int_equal(inv.status, INVITATION_OPEN);
		/* The token is on standard output only. */
		assert_null(strstr(r.err, line + strlen("https://jcs.example.org/respond?t=")));
	}
	assert_int_equal(n, 3);
	assert_string_not_equal(links[0], links[1]);
	assert_int_equal(issued(), 3);

	/* Defaults: one link, printed as a path, no group. */
	invite("--partnership", "north", "--round", "Spring 2026", NULL);
	assert_int_equal(r.status, 0);
	char *nl = strchr(r.out, '\n');
	assert_non_null(nl);
	assert_string_equal(nl + 1, "");
	*nl = '\0';
	assert_null(opened(r.out, "").grp);
	assert_int_equal(issued(), 4);
}

static void test_refused(void **state)
{
	(void)state;
	static const struct {
		const char *args[6];
		int status;
		const char *err;
	} cases[] = {
		{{"--round", "Spring 2026"}, 2, "--partnership"},
		{{"--partnership", "north"}, 2, "--round"},
		{{"--partnership", "north", "--round", "Spring 2026", "--count", "0"}, 2, "--count"},
		{{"--partnership", "north", "--round", "Spring 2026", "--count", "201"}, 2, "--count"},
		{{"--partnership", "north", "--round", "Spring 2026", "--count", "2x"}, 2, "--count"},
		{{"--partnership", "north", "--round", "Spring 2026", "--base-url", "ftp://x.org"}, 2,
		 "--base-url must be an http:// or https:// address"},
		{{"--partnership", "north", "--round", "Spring 2026", "--base-url", "https://a b"}, 2,
		 "--base-url"},
		{{"--partnership", "north", "--round", "Spring 2026", "--base-url", "https://x.org/?q"}, 2,
		 "--base-url"},
		{{"--partnership", "north", "--round", "Spring 2026", "--base-url", "https://"}, 2,
		 "--base-url"},
		{{"--partnership", "north", "--round", "Spring 2026", "--group", "two\nlines"}, 2,
		 "--group must be one line"},
		{{"--partnership", "south", "--round", "Spring 2026"}, 1, "no partnership with the slug 'south'"},
		{{"--partnership", "north", "--round", "Autumn"}, 1, "north has no round called \"Autumn\""},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *const *a = cases[i].args;
		invite(a[0], a[1], a[2], a[3], a[4], a[5], NULL);
		if (r.status != cases[i].status || !strstr(r.err, cases[i].err))
			fail_msg("case %zu: exit %d, stderr %s", i, r.status, r.err);
		assert_true(strncmp(r.err, "jcs: ", 5) == 0);
		assert_string_equal(r.out, "");
	}
	assert_int_equal(issued(), 0);

	/* A closed round. */
	struct db *db = testdb_connect(url);
	struct round rd;
	assert_int_equal(round_get(db, &pool, pid, round_id, &rd), E_OK);
	rd.closed = true;
	assert_int_equal(round_update(db, &actor_cli, pid, round_id, &rd), E_OK);
	db_close(db);
	invite("--partnership", "north", "--round", "Spring 2026", NULL);
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "the round \"Spring 2026\" is closed"));
	assert_string_equal(r.out, "");
	assert_int_equal(issued(), 0);

	/* A group round: the group's agreed scores are entered, never
	 * invited. */
	db = testdb_connect(url);
	struct round g = {.framework = "csp-2009-13", .name = "Group", .mode = ROUND_GROUP};
	int64_t group_id = 0;
	assert_int_equal(round_add(db, &actor_cli, pid, &g, &group_id), E_OK);
	db_close(db);
	invite("--partnership", "north", "--round", "Group", NULL);
	assert_int_equal(r.status, 1);
	assert_string_equal(r.err, "jcs: selfanalysis invite: \"Group\" is a group round: it holds"
			    " one response, the scores the group agreed, entered on its page or"
			    " imported; links are for interview rounds\n");
	assert_string_equal(r.out, "");
	db = testdb_connect(url);
	struct invitation_counts c;
	assert_int_equal(invitation_counts(db, pid, group_id, &c), E_OK);
	db_close(db);
	assert_int_equal(c.issued, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_invite, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refused, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
