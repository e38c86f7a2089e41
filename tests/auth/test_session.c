/*
 * test_session.c: server-side sessions and the sign-in throttle, on both
 * backends (teststore_setup): creating and looking up, what is
 * stored (a hash, never the session id), idle and absolute expiry with
 * explicit clocks, seen_at written at most once a minute, sign-out, ending
 * a user's other sessions, disabled users refused; the throttle locking an
 * account key after five failures, its window restarting, clearing, and
 * stale rows deleted by later failures without touching a live lock.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "audit/audit.h"
#include "auth/auth.h"
#include "auth/session.h"
#include "auth/user.h"
#include "core/pool.h"
#include "db/db.h"
#include "partnership/partnership.h"
#include "support/teststore.h"

#define IDLE 600
#define MAX 1800

static int64_t partnership, user_a, user_b;

static void exec_sql(const char *sql)
{
	assert_int_equal(db_exec(testdb, sql), E_OK);
}

static int setup(void **state)
{
	if (teststore_setup(state) != 0)
		return -1;
	partnership = teststore_partnership("test");
	user_a = teststore_user(partnership, "ann@example.org", "Ann", ROLE_ANALYST);
	user_b = teststore_user(partnership, "bob@example.org", "Bob", ROLE_VIEWER);
	return 0;
}

static enum err lookup(const char *token, int64_t now, struct principal *p, const char **csrf)
{
	return session_lookup(testdb, &testpool, token, now, IDLE, MAX, p, csrf);
}

static void test_create_and_lookup(void **state)
{
	char token[SESSION_TOKEN_SIZE], hash[SESSION_HASH_SIZE];
	struct principal p;
	const char *csrf = NULL;
	assert_int_equal(session_create(testdb, user_a, 1000, token), E_OK);
	assert_int_equal(strlen(token), SESSION_TOKEN_SIZE - 1);
	assert_null(strpbrk(token, "+/="));

	assert_int_equal(lookup(token, 1000, &p, &csrf), E_OK);
	assert_true(p.user_id == user_a);
	assert_true(p.partnership_id == partnership);
	assert_true(p.organisation_id == 0);
	assert_int_equal(p.role, ROLE_ANALYST);
	assert_string_equal(p.email, "ann@example.org");
	assert_string_equal(p.name, "Ann");
	assert_int_equal(p.must_change_password, 1);
	assert_int_equal(p.via_token, 0);
	assert_non_null(csrf);
	assert_int_equal(strlen(csrf), SESSION_TOKEN_SIZE - 1);
	assert_string_not_equal(csrf, token);

	/* Stored: the hash, never the id itself. */
	session_token_hash(token, hash);
	assert_int_equal(strlen(hash), SESSION_HASH_SIZE - 1);
	assert_int_equal(teststore_i64("SELECT COUNT(*) FROM session WHERE id_hash = $1", 0, hash), 1);
	assert_int_equal(teststore_i64("SELECT COUNT(*) FROM session WHERE id_hash = $1", 0, token), 0);
	assert_int_equal(teststore_i64("SELECT COUNT(*) FROM session WHERE csrf_token = $1", 0, token), 0);

	/* Each session its own id and CSRF token. */
	char other[SESSION_TOKEN_SIZE];
	const char *csrf2 = NULL;
	assert_int_equal(session_create(testdb, user_a, 1000, other), E_OK);
	assert_string_not_equal(other, token);
	assert_int_equal(lookup(other, 1000, &p, &csrf2), E_OK);
	assert_string_not_equal(csrf2, csrf);

	/* Unknown and malformed ids. */
	char unknown[SESSION_TOKEN_SIZE];
	session_random_token(unknown);
	assert_int_equal(lookup(unknown, 1000, &p, &csrf), E_NOTFOUND);
	assert_null(csrf);
	assert_true(p.user_id == 0);
	assert_int_equal(lookup("abc", 1000, &p, &csrf), E_NOTFOUND);
	assert_int_equal(lookup("", 1000, &p, &csrf), E_NOTFOUND);
	assert_int_equal(lookup(NULL, 1000, &p, &csrf), E_NOTFOUND);
}

static void test_seen_at_once_a_minute(void **state)
{
	char token[SESSION_TOKEN_SIZE], hash[SESSION_HASH_SIZE];
	struct principal p;
	const char *csrf;
	const char *seen = "SELECT seen_at FROM session WHERE id_hash = $1";
	assert_int_equal(session_create(testdb, user_a, 1000, token), E_OK);
	session_token_hash(token, hash);
	assert_int_equal(lookup(token, 1059, &p, &csrf), E_OK);
	assert_int_equal(teststore_i64(seen, 0, hash), 1000);
	assert_int_equal(lookup(token, 1060, &p, &csrf), E_OK);
	assert_int_equal(teststore_i64(seen, 0, hash), 1060);
	assert_int_equal(lookup(token, 1100, &p, &csrf), E_OK);
	assert_int_equal(teststore_i64(seen, 0, hash), 1060);
}

static void test_idle_expiry(void **state)
{
	char token[SESSION_TOKEN_SIZE], hash[SESSION_HASH_SIZE];
	struct principal p;
	const char *csrf;
	assert_int_equal(session_create(testdb, user_a, 1000, token), E_OK);
	session_token_hash(token, hash);
	/* Each request keeps it alive for another IDLE seconds ... */
	assert_int_equal(lookup(token, 1000 + IDLE - 1, &p, &csrf), E_OK);
	assert_int_equal(lookup(token, 1000 + 2 * IDLE - 2, &p, &csrf), E_OK);
	/* ... and IDLE seconds without one end it, deleting the row. */
	assert_int_equal(lookup(token, 1000 + 3 * IDLE - 2, &p, &csrf), E_NOTFOUND);
	assert_null(csrf);
	assert_int_equal(teststore_i64("SELECT COUNT(*) FROM session WHERE id_hash = $1", 0, hash), 0);
	assert_int_equal(lookup(token, 1000 + 2 * IDLE - 1, &p, &csrf), E_NOTFOUND);
}

static void test_absolute_expiry(void **state)
{
	char token[SESSION_TOKEN_SIZE], hash[SESSION_HASH_SIZE];
	struct principal p;
	const char *csrf;
	assert_int_equal(session_create(testdb, user_a, 1000, token), E_OK);
	session_token_hash(token, hash);
	for (int64_t t = 1000 + IDLE / 2; t < 1000 + MAX; t += IDLE / 2)
		assert_int_equal(lookup(token, t, &p, &csrf), E_OK);
	assert_int_equal(lookup(token, 1000 + MAX - 1, &p, &csrf), E_OK);
	/* In use all along, but MAX seconds after sign-in it ends. */
	assert_int_equal(lookup(token, 1000 + MAX, &p, &csrf), E_NOTFOUND);
	assert_int_equal(teststore_i64("SELECT COUNT(*) FROM session WHERE id_hash = $1", 0, hash), 0);
}

static void test_destroy(void **state)
{
	char token[SESSION_TOKEN_SIZE], other[SESSION_TOKEN_SIZE];
	struct principal p;
	const char *csrf;
	assert_int_equal(session_create(testdb, user_a, 1000, token), E_OK);
	assert_int_equal(session_create(testdb, user_a, 1000, other), E_OK);
	assert_int_equal(session_destroy(testdb, token), E_OK);
	assert_int_equal(lookup(token, 1001, &p, &csrf), E_NOTFOUND);
	assert_int_equal(lookup(other, 1001, &p, &csrf), E_OK);
	/* Signing out twice, or without a session, is not an error. */
	assert_int_equal(session_destroy(testdb, token), E_OK);
	assert_int_equal(session_destroy(testdb, NULL), E_OK);
	assert_int_equal(session_destroy(testdb, "garbage"), E_OK);
	assert_int_equal(lookup(other, 1001, &p, &csrf), E_OK);
}

static void test_destroy_user_keeps_one(void **state)
{
	char a1[SESSION_TOKEN_SIZE], a2[SESSION_TOKEN_SIZE], a3[SESSION_TOKEN_SIZE];
	char b1[SESSION_TOKEN_SIZE], keep[SESSION_HASH_SIZE];
	struct principal p;
	const char *csrf;
	assert_int_equal(session_create(testdb, user_a, 1000, a1), E_OK);
	assert_int_equal(session_create(testdb, user_a, 1000, a2), E_OK);
	assert_int_equal(session_create(testdb, user_a, 1000, a3), E_OK);
	assert_int_equal(session_create(testdb, user_b, 1000, b1), E_OK);
	session_token_hash(a2, keep);
	assert_int_equal(session_destroy_user(testdb, user_a, keep), E_OK);
	assert_int_equal(lookup(a1, 1001, &p, &csrf), E_NOTFOUND);
	assert_int_equal(lookup(a2, 1001, &p, &csrf), E_OK);
	assert_true(p.user_id == user_a);
	assert_int_equal(lookup(a3, 1001, &p, &csrf), E_NOTFOUND);
	assert_int_equal(lookup(b1, 1001, &p, &csrf), E_OK);
	assert_true(p.user_id == user_b);

	assert_int_equal(session_destroy_user(testdb, user_a, NULL), E_OK);
	assert_int_equal(lookup(a2, 1001, &p, &csrf), E_NOTFOUND);
	assert_int_equal(lookup(b1, 1001, &p, &csrf), E_OK);
}

static void test_disabled_user_refused(void **state)
{
	char token[SESSION_TOKEN_SIZE];
	struct principal p;
	const char *csrf;
	assert_int_equal(session_create(testdb, user_a, 1000, token), E_OK);
	/* Disabled behind the store's back (user_set_disabled also deletes
	 * the sessions): the lookup's own check refuses it. */
	exec_sql("UPDATE app_user SET disabled_at = '2026-01-01T00:00:00Z'");
	assert_int_equal(lookup(token, 1001, &p, &csrf), E_NOTFOUND);
	assert_true(p.user_id == 0);
	exec_sql("UPDATE app_user SET disabled_at = NULL");
	assert_int_equal(lookup(token, 1001, &p, &csrf), E_OK);

	/* Through the store: the session ends for good. */
	assert_int_equal(user_set_disabled(testdb, &actor_cli, partnership, user_a, 1), E_OK);
	assert_int_equal(lookup(token, 1002, &p, &csrf), E_NOTFOUND);
	assert_int_equal(user_set_disabled(testdb, &actor_cli, partnership, user_a, 0), E_OK);
	assert_int_equal(lookup(token, 1002, &p, &csrf), E_NOTFOUND);
}

static void test_throttle_keys(void **state)
{
	const char *a = throttle_account_key(&testpool, "  Jane.Smith@Example.ORG ");
	const char *b = throttle_account_key(&testpool, "jane.smith@example.org");
	const char *c = throttle_account_key(&testpool, "john@example.org");
	assert_non_null(a);
	assert_string_equal(a, b);
	assert_string_not_equal(a, c);
	assert_int_equal(strncmp(a, "account:", 8), 0);
	assert_int_equal(strlen(a), 8 + SESSION_HASH_SIZE - 1);
	assert_null(strstr(a, "jane"));
	/* Not an address at all: still a key, so it is throttled too. */
	const char *bad = throttle_account_key(&testpool, "not an address");
	assert_int_equal(strncmp(bad, "account:", 8), 0);
	assert_string_not_equal(bad, a);
	assert_string_equal(throttle_address_key(&testpool, "192.0.2.1"), "address:192.0.2.1");
}

static void test_throttle_locks_after_five(void **state)
{
	const char *key = throttle_account_key(&testpool, "jane@example.org");
	const char *other = throttle_account_key(&testpool, "john@example.org");
	int64_t until = -1;
	assert_int_equal(throttle_check(testdb, key, 1000, &until), E_OK);
	assert_true(until == 0);
	for (int i = 0; i < THROTTLE_ACCOUNT_FAILURES - 1; i++) {
		assert_int_equal(throttle_fail(testdb, key, 1000 + i, THROTTLE_ACCOUNT_FAILURES), E_OK);
		assert_int_equal(throttle_check(testdb, key, 1000 + i, &until), E_OK);
		assert_true(until == 0);
	}
	assert_int_equal(throttle_fail(testdb, key, 1010, THROTTLE_ACCOUNT_FAILURES), E_OK);
	assert_int_equal(throttle_check(testdb, key, 1010, &until), E_OK);
	assert_true(until == 1010 + THROTTLE_LOCK_S);
	assert_int_equal(throttle_check(testdb, key, 1010 + THROTTLE_LOCK_S - 1, &until), E_OK);
	assert_true(until == 1010 + THROTTLE_LOCK_S);
	assert_int_equal(throttle_check(testdb, key, 1010 + THROTTLE_LOCK_S, &until), E_OK);
	assert_true(until == 0);
	/* Another account is not affected, and no email is stored. */
	assert_int_equal(throttle_check(testdb, other, 1010, &until), E_OK);
	assert_true(until == 0);
	assert_int_equal(teststore_i64("SELECT COUNT(*) FROM signin_throttle WHERE key LIKE $1", 0,
				       "%example%"), 0);
	assert_int_equal(teststore_i64("SELECT failures FROM signin_throttle WHERE key = $1", 0, key),
			 THROTTLE_ACCOUNT_FAILURES);

	/* Addresses have their own, higher limit. */
	const char *addr = throttle_address_key(&testpool, "192.0.2.1");
	for (int i = 0; i < THROTTLE_ADDRESS_FAILURES - 1; i++)
		assert_int_equal(throttle_fail(testdb, addr, 2000, THROTTLE_ADDRESS_FAILURES), E_OK);
	assert_int_equal(throttle_check(testdb, addr, 2000, &until), E_OK);
	assert_true(until == 0);
	assert_int_equal(throttle_fail(testdb, addr, 2000, THROTTLE_ADDRESS_FAILURES), E_OK);
	assert_int_equal(throttle_check(testdb, addr, 2000, &until), E_OK);
	assert_true(until == 2000 + THROTTLE_LOCK_S);
}

static void test_throttle_window_restarts(void **state)
{
	const char *key = throttle_account_key(&testpool, "jane@example.org");
	const char *failures = "SELECT failures FROM signin_throttle WHERE key = $1";
	int64_t until = -1;
	for (int i = 0; i < 4; i++)
		assert_int_equal(throttle_fail(testdb, key, 1000, 5), E_OK);
	assert_int_equal(teststore_i64(failures, 0, key), 4);
	/* A window later the count starts again at one ... */
	assert_int_equal(throttle_fail(testdb, key, 1000 + THROTTLE_WINDOW_S, 5), E_OK);
	assert_int_equal(teststore_i64(failures, 0, key), 1);
	assert_int_equal(throttle_check(testdb, key, 1000 + THROTTLE_WINDOW_S, &until), E_OK);
	assert_true(until == 0);
	/* ... and the window runs from that failure. */
	for (int i = 0; i < 3; i++)
		assert_int_equal(throttle_fail(testdb, key, 1000 + THROTTLE_WINDOW_S + 10, 5), E_OK);
	assert_int_equal(throttle_check(testdb, key, 1000 + THROTTLE_WINDOW_S + 10, &until), E_OK);
	assert_true(until == 0);
	assert_int_equal(throttle_fail(testdb, key, 1000 + 2 * THROTTLE_WINDOW_S - 1, 5), E_OK);
	assert_int_equal(throttle_check(testdb, key, 1000 + 2 * THROTTLE_WINDOW_S - 1, &until), E_OK);
	assert_true(until == 1000 + 2 * THROTTLE_WINDOW_S - 1 + THROTTLE_LOCK_S);
}

static void test_throttle_clear(void **state)
{
	const char *key = throttle_account_key(&testpool, "jane@example.org");
	int64_t until = -1;
	for (int i = 0; i < 4; i++)
		assert_int_equal(throttle_fail(testdb, key, 1000, 5), E_OK);
	assert_int_equal(throttle_clear(testdb, key), E_OK);
	assert_int_equal(teststore_i64("SELECT COUNT(*) FROM signin_throttle WHERE key = $1", 0, key), 0);
	for (int i = 0; i < 4; i++)
		assert_int_equal(throttle_fail(testdb, key, 1001, 5), E_OK);
	assert_int_equal(throttle_check(testdb, key, 1001, &until), E_OK);
	assert_true(until == 0);
	assert_int_equal(throttle_clear(testdb, "account:none"), E_OK);
	/* Inside a caller's transaction it joins it. */
	assert_int_equal(db_begin(testdb), E_OK);
	assert_int_equal(throttle_fail(testdb, key, 1001, 5), E_OK);
	assert_int_equal(db_rollback(testdb), E_OK);
	assert_int_equal(teststore_i64("SELECT failures FROM signin_throttle WHERE key = $1", 0, key), 4);
}

/*
 * A failure deletes stale rows (window over, no live lock), at most 100 at
 * a time, and nothing that still counts: a live lock whose window is over,
 * or an open window.
 */
static void test_throttle_forgets_stale_rows(void **state)
{
	const char *count = "SELECT COUNT(*) FROM signin_throttle WHERE key = $1";
	const char *old = throttle_address_key(&testpool, "192.0.2.1");
	const char *lock_over = throttle_account_key(&testpool, "ann@example.org");
	const char *lock_live = throttle_account_key(&testpool, "bob@example.org");
	const char *open = throttle_address_key(&testpool, "192.0.2.2");
	const char *trigger = throttle_address_key(&testpool, "192.0.2.3");
	const int64_t now = 1000 + THROTTLE_WINDOW_S + 50; /* every window from 1000 is over */
	int64_t until = -1;
	assert_int_equal(throttle_fail(testdb, old, 1000, 5), E_OK);
	for (int i = 0; i < 5; i++)
		assert_int_equal(throttle_fail(testdb, lock_over, 1000, 5), E_OK);
	for (int i = 0; i < 4; i++)
		assert_int_equal(throttle_fail(testdb, lock_live, 1000, 5), E_OK);
	/* The fifth failure, late in the same window: locked until long after now. */
	assert_int_equal(throttle_fail(testdb, lock_live, now - 100, 5), E_OK);
	assert_int_equal(throttle_fail(testdb, open, 1500, 5), E_OK);
	assert_int_equal(teststore_i64("SELECT COUNT(*) FROM signin_throttle", 0, NULL), 4);

	assert_int_equal(throttle_fail(testdb, trigger, now, 5), E_OK);
	assert_int_equal(teststore_i64(count, 0, old), 0);
	assert_int_equal(teststore_i64(count, 0, lock_over), 0);
	assert_int_equal(teststore_i64(count, 0, lock_live), 1);
	assert_int_equal(throttle_check(testdb, lock_live, now, &until), E_OK);
	assert_true(until == now - 100 + THROTTLE_LOCK_S);
	assert_int_equal(teststore_i64("SELECT failures FROM signin_throttle WHERE key = $1", 0, open),
			 1);
	assert_int_equal(teststore_i64(count, 0, trigger), 1);

	/* A flood of stale rows goes 100 at a time, and the live ones stay. */
	teststore_exec("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $2)"
		       " INSERT INTO signin_throttle (key, failures, window_start, locked_until)"
		       " SELECT 'address:198.51.100.' || i, 1, CAST($1 AS BIGINT), 0 FROM n", 1000, 250);
	const char *stale = "SELECT COUNT(*) FROM signin_throttle WHERE key LIKE 'address:198.51.100.%'";
	assert_int_equal(teststore_i64(stale, 0, NULL), 250);
	assert_int_equal(throttle_fail(testdb, trigger, now, 5), E_OK);
	assert_int_equal(teststore_i64(stale, 0, NULL), 150);
	assert_int_equal(throttle_fail(testdb, trigger, now, 5), E_OK);
	assert_int_equal(throttle_fail(testdb, trigger, now, 5), E_OK);
	assert_int_equal(teststore_i64(stale, 0, NULL), 0);
	assert_int_equal(teststore_i64("SELECT COUNT(*) FROM signin_throttle", 0, NULL), 3);
	assert_int_equal(throttle_check(testdb, lock_live, now, &until), E_OK);
	assert_true(until == now - 100 + THROTTLE_LOCK_S);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_create_and_lookup, setup, teststore_teardown),
		cmocka_unit_test_setup_teardown(test_seen_at_once_a_minute, setup, teststore_teardown),
		cmocka_unit_test_setup_teardown(test_idle_expiry, setup, teststore_teardown),
		cmocka_unit_test_setup_teardown(test_absolute_expiry, setup, teststore_teardown),
		cmocka_unit_test_setup_teardown(test_destroy, setup, teststore_teardown),
		cmocka_unit_test_setup_teardown(test_destroy_user_keeps_one, setup, teststore_teardown),
		cmocka_unit_test_setup_teardown(test_disabled_user_refused, setup, teststore_teardown),
		cmocka_unit_test_setup_teardown(test_throttle_keys, setup, teststore_teardown),
		cmocka_unit_test_setup_teardown(test_throttle_locks_after_five, setup, teststore_teardown),
		cmocka_unit_test_setup_teardown(test_throttle_window_restarts, setup, teststore_teardown),
		cmocka_unit_test_setup_teardown(test_throttle_clear, setup, teststore_teardown),
		cmocka_unit_test_setup_teardown(test_throttle_forgets_stale_rows, setup,
						teststore_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
