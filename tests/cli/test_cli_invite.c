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
static const char *jcs;
static struct spawn_result r; /* two 64 KiB buffers: not on the stack */
static struct pool pool;
static int64_t pid, round_id;

static struct db *open_db(void)
{
	char err[256];
	struct db *db = NULL;
	if (db_open(url, &db, err, sizeof err))
		fail_msg("db_open: %s", err);
	return db;
}

/* Run `jcs selfanalysis invite ARGS... --db URL` (args end with NULL). */
static void invite(const char *arg, ...)
{
	const char *args[32] = {jcs, "selfanalysis", "invite"};
	size_t n = 3;
	va_list ap;
	va_start(ap, arg);
	for (const char *a = arg; a; a = va_arg(ap, const char *)) {
		assert_true(n < 28);
		args[n++] = a;
	}
	va_end(ap);
	args[n++] = "--db";
	args[n++] = url;
	args[n] = NULL;
	spawn_run(&r, args);
}

static int setup(void **state)
{
	(void)state;
	jcs = spawn_jcs();
	db_close(testdb_open(url, sizeof url));
	pool_init(&pool, 16u << 20);
	const char *args[] = {jcs, "partnership", "create", "--slug", "north", "--name", "North",
			      "--db", url, NULL};
	spawn_run(&r, args);
	assert_int_equal(r.status, 0);
	struct db *db = open_db();
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
	struct db *db = open_db();
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
	struct db *db = open_db();
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
	struct db *db = open_db();
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
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_invite, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refused, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
