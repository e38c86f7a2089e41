/*
 * test_token.c: API tokens on both backends: creating (shown once, only
 * the hash stored), looking up as the user with via_token set, the day of
 * last use, listing newest first, revoking, tokens ending when the user's
 * password is reset or the user is disabled, and the audit rows.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "audit/audit.h"
#include "auth/auth.h"
#include "auth/session.h"
#include "auth/token.h"
#include "auth/user.h"
#include "core/clock.h"
#include "core/pool.h"
#include "db/db.h"
#include "partnership/partnership.h"
#include "support/teststore.h"

static int64_t part, user_a, user_b;

static int setup(void **state)
{
	if (teststore_setup(state) != 0)
		return -1;
	part = teststore_partnership("test");
	user_a = teststore_user(part, "ann@example.org", "Ann", ROLE_COMMISSIONER);
	user_b = teststore_user(part, "bob@example.org", "Bob", ROLE_VIEWER);
	return 0;
}

static void test_create_and_lookup(void **state)
{
	char tok[TOKEN_SIZE], hash[SESSION_HASH_SIZE], today[CLOCK_ISO_SIZE];
	struct principal p;
	struct api_token *list = NULL;
	size_t n = 0;
	int64_t id = 0;
	assert_int_equal(token_create(testdb, &actor_cli, user_a, "nightly export", tok, &id), E_OK);
	assert_true(id > 0);
	assert_int_equal(strlen(tok), TOKEN_SIZE - 1);
	assert_int_equal(strncmp(tok, "jcs_", 4), 0);

	/* Only the hash is stored. */
	session_token_hash(tok, hash);
	assert_int_equal(teststore_i64("SELECT COUNT(*) FROM api_token WHERE token_hash = $1", 0, hash), 1);
	assert_int_equal(teststore_i64("SELECT COUNT(*) FROM api_token WHERE token_hash = $1", 0, tok), 0);
	assert_int_equal(teststore_i64("SELECT COUNT(*) FROM api_token WHERE token_hash LIKE $1", 0,
				       "%jcs_%"), 0);

	assert_int_equal(token_list(testdb, &testpool, user_a, &list, &n), E_OK);
	assert_int_equal(n, 1);
	assert_null(list[0].last_used_at);

	assert_int_equal(token_lookup(testdb, &testpool, tok, &p), E_OK);
	assert_true(p.user_id == user_a);
	assert_true(p.partnership_id == part);
	assert_int_equal(p.role, ROLE_COMMISSIONER);
	assert_string_equal(p.email, "ann@example.org");
	assert_string_equal(p.name, "Ann");
	assert_int_equal(p.via_token, 1);

	/* The day of last use, written once a day. */
	clock_iso_now(today);
	today[10] = '\0';
	assert_int_equal(token_list(testdb, &testpool, user_a, &list, &n), E_OK);
	assert_string_equal(list[0].last_used_at, today);
	assert_int_equal(db_exec(testdb, "UPDATE api_token SET last_used_at = '2000-01-01'"), E_OK);
	assert_int_equal(token_lookup(testdb, &testpool, tok, &p), E_OK);
	assert_int_equal(token_list(testdb, &testpool, user_a, &list, &n), E_OK);
	assert_string_equal(list[0].last_used_at, today);

	/* Unknown, malformed, or a session id without the prefix. */
	char other[TOKEN_SIZE];
	memcpy(other, tok, sizeof other);
	other[10] = other[10] == 'A' ? 'B' : 'A';
	assert_int_equal(token_lookup(testdb, &testpool, other, &p), E_NOTFOUND);
	assert_true(p.user_id == 0);
	assert_int_equal(token_lookup(testdb, &testpool, tok + 4, &p), E_NOTFOUND);
	memcpy(other, tok, sizeof other);
	memcpy(other, "xyz_", 4);
	assert_int_equal(token_lookup(testdb, &testpool, other, &p), E_NOTFOUND);
	assert_int_equal(token_lookup(testdb, &testpool, "jcs_", &p), E_NOTFOUND);
	assert_int_equal(token_lookup(testdb, &testpool, "", &p), E_NOTFOUND);
	assert_int_equal(token_lookup(testdb, &testpool, NULL, &p), E_NOTFOUND);
}

static void test_names_and_users(void **state)
{
	char tok[TOKEN_SIZE], name[TOKEN_NAME_MAX + 2];
	assert_int_equal(token_create(testdb, &actor_cli, user_a, "", tok, NULL), E_INVAL);
	assert_string_equal(tok, "");
	assert_int_equal(token_create(testdb, &actor_cli, user_a, "  ", tok, NULL), E_INVAL);
	assert_int_equal(token_create(testdb, &actor_cli, user_a, NULL, tok, NULL), E_INVAL);
	memset(name, 'n', sizeof name);
	name[TOKEN_NAME_MAX + 1] = '\0';
	assert_int_equal(token_create(testdb, &actor_cli, user_a, name, tok, NULL), E_INVAL);
	name[TOKEN_NAME_MAX] = '\0';
	assert_int_equal(token_create(testdb, &actor_cli, user_a, name, tok, NULL), E_OK);
	assert_int_equal(token_create(testdb, &actor_cli, user_a + user_b + 10, "x", tok, NULL),
			 E_NOTFOUND);
	assert_string_equal(tok, "");
	assert_int_equal(user_set_disabled(testdb, &actor_cli, part, user_b, 1), E_OK);
	assert_int_equal(token_create(testdb, &actor_cli, user_b, "x", tok, NULL), E_INVAL);
	assert_int_equal(teststore_i64("SELECT COUNT(*) FROM api_token", 0, NULL), 1);
}

static void test_list_newest_first(void **state)
{
	char tok[TOKEN_SIZE];
	int64_t ids[3];
	struct api_token *list = NULL;
	size_t n = 0;
	const char *names[] = {"first", "second", "third"};
	for (int i = 0; i < 3; i++)
		assert_int_equal(token_create(testdb, &actor_cli, user_a, names[i], tok, &ids[i]), E_OK);
	assert_int_equal(token_create(testdb, &actor_cli, user_b, "bob's", tok, NULL), E_OK);
	assert_int_equal(token_list(testdb, &testpool, user_a, &list, &n), E_OK);
	assert_int_equal(n, 3);
	for (int i = 0; i < 3; i++) {
		assert_true(list[i].id == ids[2 - i]);
		assert_true(list[i].user_id == user_a);
		assert_string_equal(list[i].name, names[2 - i]);
		assert_int_equal(strlen(list[i].created_at), 20);
		assert_null(list[i].revoked_at);
	}
	assert_int_equal(token_list(testdb, &testpool, user_b, &list, &n), E_OK);
	assert_int_equal(n, 1);
	assert_string_equal(list[0].name, "bob's");
	assert_int_equal(token_list(testdb, &testpool, user_a + user_b + 10, &list, &n), E_OK);
	assert_int_equal(n, 0);
	assert_null(list);
}

static void test_revoke(void **state)
{
	char t1[TOKEN_SIZE], t2[TOKEN_SIZE];
	int64_t id1 = 0, id2 = 0;
	struct principal p;
	struct api_token *list = NULL;
	size_t n = 0;
	assert_int_equal(token_create(testdb, &actor_cli, user_a, "one", t1, &id1), E_OK);
	assert_int_equal(token_create(testdb, &actor_cli, user_a, "two", t2, &id2), E_OK);
	/* Only through its own user. */
	assert_int_equal(token_revoke(testdb, &actor_cli, user_b, id1), E_NOTFOUND);
	assert_int_equal(token_revoke(testdb, &actor_cli, user_a, id2 + 10), E_NOTFOUND);
	assert_int_equal(token_lookup(testdb, &testpool, t1, &p), E_OK);

	assert_int_equal(token_revoke(testdb, &actor_cli, user_a, id1), E_OK);
	assert_int_equal(token_lookup(testdb, &testpool, t1, &p), E_NOTFOUND);
	assert_int_equal(token_lookup(testdb, &testpool, t2, &p), E_OK);
	assert_int_equal(token_list(testdb, &testpool, user_a, &list, &n), E_OK);
	assert_int_equal(n, 2);
	assert_true(list[1].id == id1);
	assert_non_null(list[1].revoked_at);
	assert_null(list[0].revoked_at);

	/* Again: no change, no second event. */
	assert_int_equal(token_revoke(testdb, &actor_cli, user_a, id1), E_OK);
	assert_int_equal(teststore_i64("SELECT COUNT(*) FROM audit_event WHERE action = 'revoke_token'", 0,
				       NULL), 1);

	/* token_revoke_user: every token of one user, nobody else's. */
	char b1[TOKEN_SIZE];
	assert_int_equal(token_create(testdb, &actor_cli, user_b, "b", b1, NULL), E_OK);
	assert_int_equal(token_revoke_user(testdb, user_a), E_OK);
	assert_int_equal(token_lookup(testdb, &testpool, t2, &p), E_NOTFOUND);
	assert_int_equal(token_lookup(testdb, &testpool, b1, &p), E_OK);
}

static void test_reset_and_disable_revoke(void **state)
{
	char t1[TOKEN_SIZE], t2[TOKEN_SIZE], t3[TOKEN_SIZE], pw[PASSWORD_GENERATED_SIZE];
	struct principal p;
	assert_int_equal(token_create(testdb, &actor_cli, user_a, "one", t1, NULL), E_OK);
	assert_int_equal(token_create(testdb, &actor_cli, user_a, "two", t2, NULL), E_OK);
	assert_int_equal(user_reset_password(testdb, &actor_cli, part, user_a, pw), E_OK);
	assert_int_equal(token_lookup(testdb, &testpool, t1, &p), E_NOTFOUND);
	assert_int_equal(token_lookup(testdb, &testpool, t2, &p), E_NOTFOUND);

	assert_int_equal(token_create(testdb, &actor_cli, user_a, "three", t3, NULL), E_OK);
	assert_int_equal(token_lookup(testdb, &testpool, t3, &p), E_OK);
	assert_int_equal(user_set_disabled(testdb, &actor_cli, part, user_a, 1), E_OK);
	assert_int_equal(token_lookup(testdb, &testpool, t3, &p), E_NOTFOUND);
	assert_int_equal(user_set_disabled(testdb, &actor_cli, part, user_a, 0), E_OK);
	assert_int_equal(token_lookup(testdb, &testpool, t3, &p), E_NOTFOUND);
}

static void test_disabled_user_refused(void **state)
{
	char tok[TOKEN_SIZE];
	struct principal p;
	assert_int_equal(token_create(testdb, &actor_cli, user_a, "one", tok, NULL), E_OK);
	/* Disabled behind the store's back: the lookup's own check refuses. */
	assert_int_equal(db_exec(testdb, "UPDATE app_user SET disabled_at = '2026-01-01T00:00:00Z'"),
			 E_OK);
	assert_int_equal(token_lookup(testdb, &testpool, tok, &p), E_NOTFOUND);
	assert_int_equal(db_exec(testdb, "UPDATE app_user SET disabled_at = NULL"), E_OK);
	assert_int_equal(token_lookup(testdb, &testpool, tok, &p), E_OK);
}

static void test_audit(void **state)
{
	char tok[TOKEN_SIZE], hash[SESSION_HASH_SIZE], pat[TOKEN_SIZE + 2];
	int64_t id = 0;
	const struct actor ann = {user_a, "ann@example.org"};
	assert_int_equal(token_create(testdb, &ann, user_a, "nightly export", tok, &id), E_OK);
	assert_int_equal(token_revoke(testdb, &ann, user_a, id), E_OK);
	assert_int_equal(teststore_i64("SELECT COUNT(*) FROM audit_event WHERE entity = 'api_token'"
				       " AND action IN ('create_token', 'revoke_token')"
				       " AND actor = 'ann@example.org' AND after_json LIKE $1",
				       0, "%nightly export%"), 2);
	char sql[200];
	snprintf(sql, sizeof sql,
		 "SELECT COUNT(*) FROM audit_event WHERE entity = 'api_token'"
		 " AND partnership_id = %lld AND entity_id = %lld",
		 (long long)part, (long long)id);
	assert_int_equal(teststore_i64(sql, 0, NULL), 2);
	/* Neither the token nor its hash. */
	const char *like = "SELECT COUNT(*) FROM audit_event"
			   " WHERE before_json LIKE $1 OR after_json LIKE $1";
	snprintf(pat, sizeof pat, "%%%s%%", tok + 4);
	assert_int_equal(teststore_i64(like, 0, pat), 0);
	session_token_hash(tok, hash);
	snprintf(pat, sizeof pat, "%%%.20s%%", hash);
	assert_int_equal(teststore_i64(like, 0, pat), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_create_and_lookup, setup, teststore_teardown),
		cmocka_unit_test_setup_teardown(test_names_and_users, setup, teststore_teardown),
		cmocka_unit_test_setup_teardown(test_list_newest_first, setup, teststore_teardown),
		cmocka_unit_test_setup_teardown(test_revoke, setup, teststore_teardown),
		cmocka_unit_test_setup_teardown(test_reset_and_disable_revoke, setup, teststore_teardown),
		cmocka_unit_test_setup_teardown(test_disabled_user_refused, setup, teststore_teardown),
		cmocka_unit_test_setup_teardown(test_audit, setup, teststore_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
