/*
 * test_store.c: the helpers every store file shares (db/store.h), on both
 * backends, for what the store tests of each module do not reach on their
 * own: trimming, search words as LIKE patterns, the stepping helpers'
 * answers at a row, at the end and on a statement that answers rows
 * where none were expected, the LIMIT
 * max+1 bound of store_list() at and past the bound, optional integers
 * as SQL NULL, names looked up as they are stored, and the audit helpers
 * (an unchanged save, a record that cannot be rendered).
 *
 * The real tables are used (partnership, audit_event) rather than test
 * tables, so the helpers run against the schema they serve.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <string.h>

#include "audit/audit.h"
#include "core/pool.h"
#include "db/db.h"
#include "db/store.h"
#include "partnership/partnership.h"
#include "support/teststore.h"

static void test_trim(void **state)
{
	size_t n = 99;
	const char *s = store_trim(" \t a b \r\n", &n);
	assert_int_equal(n, 3);
	assert_memory_equal(s, "a b", 3);
	assert_string_equal(store_trim(NULL, &n), "");
	assert_int_equal(n, 0);
	store_trim(" \f\v ", &n);
	assert_int_equal(n, 0);
	s = store_trim("x", &n);
	assert_int_equal(n, 1);
	assert_string_equal(s, "x");
}

/* Search words as a LIKE pattern: cleaned, LIKE's own characters plain
 * text, on both backends. */
static void test_like_pattern(void **state)
{
	const char *p = "unset";
	assert_int_equal(store_like_pattern(&testpool, "  50%_off\\ ", &p), E_OK);
	assert_string_equal(p, "%50\\%\\_off\\\\%");
	assert_int_equal(store_like_pattern(&testpool, " \t ", &p), E_OK);
	assert_null(p);
	assert_int_equal(store_like_pattern(&testpool, NULL, &p), E_OK);
	assert_null(p);
	assert_int_equal(store_like_pattern(&testpool, "a\001b", &p), E_INVAL);
	assert_null(p);
	char long_q[STORE_NAME_MAX + 2];
	memset(long_q, 'q', sizeof long_q - 1);
	long_q[sizeof long_q - 1] = '\0';
	assert_int_equal(store_like_pattern(&testpool, long_q, &p), E_INVAL);
	long_q[STORE_NAME_MAX] = '\0';
	assert_int_equal(store_like_pattern(&testpool, long_q, &p), E_OK);
	assert_int_equal(strlen(p), STORE_NAME_MAX + 2);

	static const char *const sql =
		"SELECT COUNT(*) FROM (SELECT 'Fifty 50% OFF' AS s UNION ALL SELECT 'fifty 50x off'"
		" UNION ALL SELECT 'a_b' UNION ALL SELECT 'axb') x"
		" WHERE lower(s) LIKE lower(CAST($1 AS TEXT)) ESCAPE '\\'";
	assert_int_equal(store_like_pattern(&testpool, "50% off", &p), E_OK);
	assert_int_equal(teststore_i64(sql, 0, p), 1);
	assert_int_equal(store_like_pattern(&testpool, "FIFTY", &p), E_OK);
	assert_int_equal(teststore_i64(sql, 0, p), 2);
	assert_int_equal(store_like_pattern(&testpool, "a_b", &p), E_OK);
	assert_int_equal(teststore_i64(sql, 0, p), 1);
}

static enum err read_slug(struct db_stmt *st, struct pool *pool, void *row)
{
	return store_col_str(st, 0, pool, row);
}

static void test_stepping(void **state)
{
	struct db_stmt *st = NULL;
	enum err rc = E_DB;
	teststore_partnership("alpha");
	teststore_partnership("beta");

	assert_int_equal(db_prepare(testdb, "SELECT slug FROM partnership ORDER BY slug", &st), E_OK);
	assert_int_equal(store_step_row(st), E_OK);
	assert_string_equal(db_col_text(st, 0), "alpha");
	db_finish(st);
	assert_int_equal(db_prepare(testdb, "SELECT slug FROM partnership WHERE slug = 'x'", &st),
			 E_OK);
	assert_int_equal(store_step_row(st), E_NOTFOUND);
	db_finish(st);

	/* store_next(): each row, then 0 with E_OK at the end. */
	int rows = 0;
	assert_int_equal(db_prepare(testdb, "SELECT slug FROM partnership ORDER BY slug", &st), E_OK);
	while (store_next(st, &rc))
		rows++;
	assert_int_equal(rc, E_OK);
	assert_int_equal(rows, 2);
	db_finish(st);

	/* A statement that answers a row where none was expected is an error. */
	assert_int_equal(db_prepare(testdb, "SELECT slug FROM partnership", &st), E_OK);
	assert_int_equal(store_step_done(st), E_DB);
	db_finish(st);

	int64_t n = -1;
	const int64_t none[] = {0};
	assert_int_equal(store_count(testdb, "SELECT COUNT(*) FROM partnership WHERE id > $1", none,
				     1, &n), E_OK);
	assert_int_equal(n, 2);
}

static void test_list_bound(void **state)
{
	void *rows = NULL;
	size_t n = 99;
	const char *sql = "SELECT slug FROM partnership ORDER BY slug LIMIT $1";
	teststore_partnership("alpha");
	teststore_partnership("beta");
	teststore_partnership("gamma");

	/* At the bound: every row. */
	assert_int_equal(store_list(testdb, &testpool, sql, NULL, 0, sizeof(const char *), 3,
				    read_slug, &rows, &n), E_OK);
	assert_int_equal(n, 3);
	const char **slugs = rows;
	assert_string_equal(slugs[0], "alpha");
	assert_string_equal(slugs[2], "gamma");
	/* One past it: E_TOOBIG and nothing handed back. */
	assert_int_equal(store_list(testdb, &testpool, sql, NULL, 0, sizeof(const char *), 2,
				    read_slug, &rows, &n), E_TOOBIG);
	assert_null(rows);
	assert_int_equal(n, 0);
	/* Arguments come before the LIMIT. */
	const int64_t args[] = {0};
	assert_int_equal(store_list(testdb, &testpool,
				    "SELECT slug FROM partnership WHERE id > $1 ORDER BY slug LIMIT $2",
				    args, 1, sizeof(const char *), 3, read_slug, &rows, &n), E_OK);
	assert_int_equal(n, 3);
	/* None: NULL and 0. */
	assert_int_equal(store_list(testdb, &testpool,
				    "SELECT slug FROM partnership WHERE slug = 'x' LIMIT $1", NULL, 0,
				    sizeof(const char *), 3, read_slug, &rows, &n), E_OK);
	assert_null(rows);
	assert_int_equal(n, 0);
}

static void test_get(void **state)
{
	const char *slug = NULL;
	int64_t id = teststore_partnership("alpha");
	const int64_t args[] = {id};
	assert_int_equal(store_get(testdb, &testpool, "SELECT slug FROM partnership WHERE id = $1",
				   args, 1, read_slug, &slug), E_OK);
	assert_string_equal(slug, "alpha");
	const int64_t missing[] = {id + 1000};
	assert_int_equal(store_get(testdb, &testpool, "SELECT slug FROM partnership WHERE id = $1",
				   missing, 1, read_slug, &slug), E_NOTFOUND);

	/* Names are looked up as they are stored: trimmed; one that could not
	 * be stored finds nothing. */
	const char *by_name = "SELECT slug FROM partnership WHERE id = $1 AND name = $2";
	assert_int_equal(store_get_by_name(testdb, &testpool, by_name, id, " alpha\t", read_slug,
					   &slug), E_OK);
	assert_int_equal(store_get_by_name(testdb, &testpool, by_name, id, "   ", read_slug, &slug),
			 E_NOTFOUND);
	assert_int_equal(store_get_by_name(testdb, &testpool, by_name, id, "al\x01pha", read_slug,
					   &slug), E_NOTFOUND);
	assert_int_equal(store_get_by_name(testdb, &testpool, by_name, id + 1000, "alpha", read_slug,
					   &slug), E_NOTFOUND);
}

static void test_optional_integers(void **state)
{
	struct db_stmt *st = NULL;
	const int64_t values[] = {0, 7, -1};
	for (size_t i = 0; i < 3; i++) {
		assert_int_equal(db_prepare(testdb, "SELECT CAST($1 AS BIGINT)", &st), E_OK);
		assert_int_equal(store_bind_opt(st, 1, values[i]), E_OK);
		assert_int_equal(store_step_row(st), E_OK);
		assert_int_equal(db_col_is_null(st, 0), values[i] == 0);
		assert_true(store_col_opt(st, 0) == values[i]);
		db_finish(st);
	}
}

struct thing {
	const char *name;
	int renderable;
};

static json_t *thing_json(const void *row)
{
	const struct thing *t = row;
	return t->renderable ? json_pack("{s:s}", "name", t->name) : NULL;
}

static void test_audit_helpers(void **state)
{
	static const struct store_entity thing = {.name = "area", .json = thing_json};
	int64_t p = teststore_partnership("alpha");
	size_t n0 = teststore_events(p);
	struct thing a = {"A", 1}, a2 = {"A", 1}, b = {"B", 1}, broken = {"B", 0};
	json_t *before = NULL, *after = NULL;

	assert_true(store_unchanged(&thing, &a, &a2));
	assert_false(store_unchanged(&thing, &a, &b));
	/* Cannot be compared: treated as changed, and the audit then fails. */
	assert_false(store_unchanged(&thing, &a, &broken));

	assert_int_equal(store_audit(testdb, &actor_cli, &thing, p, "create", 5, NULL, &a), E_OK);
	teststore_expect_event(p, "create", "area", 5, &before, &after);
	assert_null(before);
	assert_string_equal(jstr(after, "name"), "A");
	json_decref(after);
	assert_int_equal(store_audit(testdb, &actor_cli, &thing, p, "update", 5, &a, &b), E_OK);
	teststore_expect_event(p, "update", "area", 5, &before, &after);
	assert_string_equal(jstr(before, "name"), "A");
	assert_string_equal(jstr(after, "name"), "B");
	json_decref(before);
	json_decref(after);
	assert_int_equal(teststore_events(p), n0 + 2);

	assert_int_equal(store_audit(testdb, &actor_cli, &thing, p, "update", 5, &a, &broken),
			 E_NOMEM);
	assert_int_equal(store_audit(testdb, &actor_cli, &thing, p, "update", 5, &broken, &a),
			 E_NOMEM);
	assert_int_equal(teststore_events(p), n0 + 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_trim),
		cmocka_unit_test_setup_teardown(test_like_pattern, teststore_setup, teststore_teardown),
		cmocka_unit_test_setup_teardown(test_stepping, teststore_setup, teststore_teardown),
		cmocka_unit_test_setup_teardown(test_list_bound, teststore_setup, teststore_teardown),
		cmocka_unit_test_setup_teardown(test_get, teststore_setup, teststore_teardown),
		cmocka_unit_test_setup_teardown(test_optional_integers, teststore_setup,
						teststore_teardown),
		cmocka_unit_test_setup_teardown(test_audit_helpers, teststore_setup,
						teststore_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
