/*
 * teststore.c: see teststore.h.  Failures inside a helper are cmocka
 * assertions, so they fail the test that called it.
 */
#include "support/teststore.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <string.h>

#include "auth/password.h"
#include "auth/user.h"
#include "db/db.h"
#include "partnership/partnership.h"

struct pool testpool;

int teststore_setup(void **state)
{
	if (testdb_setup_migrated(state) != 0)
		return -1;
	pool_init(&testpool, 256u << 20);
	return 0;
}

int teststore_setup_pair(void **state, int64_t *alpha, int64_t *beta)
{
	if (teststore_setup(state) != 0)
		return -1;
	*alpha = teststore_partnership("alpha");
	*beta = teststore_partnership("beta");
	return 0;
}

int teststore_teardown(void **state)
{
	pool_free(&testpool);
	return testdb_teardown(state);
}

int64_t teststore_partnership(const char *slug)
{
	int64_t id = 0;
	assert_int_equal(partnership_create(testdb, &actor_cli, slug, slug, &id), E_OK);
	return id;
}

int64_t teststore_user(int64_t p, const char *email, const char *name, enum role role)
{
	char pw[PASSWORD_GENERATED_SIZE];
	int64_t id = 0;
	assert_int_equal(user_add(testdb, &actor_cli, p, email, name, role, 0, pw, &id), E_OK);
	return id;
}

size_t teststore_events(int64_t p)
{
	struct audit_filter f = {.limit = AUDIT_PAGE_MAX};
	struct audit_event *ev = NULL;
	size_t n = 0;
	int more = 0;
	assert_int_equal(audit_list(testdb, &testpool, p, &f, &ev, &n, &more), E_OK);
	assert_false(more);
	return n;
}

struct audit_event teststore_last_event(int64_t p, json_t **before, json_t **after)
{
	struct audit_filter f = {.limit = 1};
	struct audit_event *ev = NULL;
	size_t n = 0;
	int more = 0;
	assert_int_equal(audit_list(testdb, &testpool, p, &f, &ev, &n, &more), E_OK);
	assert_int_equal(n, 1);
	*before = ev[0].before ? json_loads(ev[0].before, 0, NULL) : NULL;
	*after = ev[0].after ? json_loads(ev[0].after, 0, NULL) : NULL;
	assert_true(!ev[0].before || *before);
	assert_true(!ev[0].after || *after);
	return ev[0];
}

struct audit_event teststore_expect_event(int64_t p, const char *action, const char *entity,
					  int64_t entity_id, json_t **before, json_t **after)
{
	struct audit_event e = teststore_last_event(p, before, after);
	assert_string_equal(e.action, action);
	assert_string_equal(e.entity, entity);
	assert_int_equal(e.entity_id, entity_id);
	return e;
}

const char *jstr(const json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

int64_t teststore_i64(const char *sql, int64_t id, const char *text)
{
	struct db_stmt *st = NULL;
	int64_t v = -1;
	assert_int_equal(db_prepare(testdb, sql, &st), E_OK);
	if (strstr(sql, "$2")) {
		assert_int_equal(db_bind_i64(st, 1, id), E_OK);
		assert_int_equal(db_bind_text(st, 2, text), E_OK);
	} else if (text) {
		assert_int_equal(db_bind_text(st, 1, text), E_OK);
	} else if (strstr(sql, "$1")) {
		assert_int_equal(db_bind_i64(st, 1, id), E_OK);
	}
	int r = db_step(st);
	assert_true(r == DB_ROW || r == DB_DONE);
	if (r == DB_ROW)
		v = db_col_i64(st, 0);
	db_finish(st);
	return v;
}

void teststore_exec(const char *sql, int64_t a, int64_t b)
{
	struct db_stmt *st = NULL;
	assert_int_equal(db_prepare(testdb, sql, &st), E_OK);
	assert_int_equal(db_bind_i64(st, 1, a), E_OK);
	assert_int_equal(db_bind_i64(st, 2, b), E_OK);
	assert_int_equal(db_step(st), DB_DONE);
	db_finish(st);
}
