/*
 * test_partnership_store.c: partnerships and organisations in a real,
 * migrated database on whichever backend ctest chose: creating and finding,
 * ordering, the isolation between partnerships, the schema's constraints
 * as a backstop, list bounds, and the demonstration data.
 *
 * Each test gets a fresh database from testdb_open() (through
 * testdb_setup_migrated()); naming testdb_open is also what makes CMake
 * register this file for both backends.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "core/pool.h"
#include "db/db.h"
#include "partnership/partnership.h"
#include "support/testdb.h"

static struct pool pool;

static int setup(void **state)
{
	if (testdb_setup_migrated(state) != 0)
		return -1;
	pool_init(&pool, 64u << 20);
	return 0;
}

static int teardown(void **state)
{
	pool_free(&pool);
	return testdb_teardown(state);
}

static void test_create_and_find(void **state)
{
	struct partnership p;
	int64_t a = 0, b = 0;
	assert_int_equal(partnership_first(testdb, &pool, &p), E_NOTFOUND);
	assert_int_equal(partnership_find_by_slug(testdb, &pool, "medway", &p), E_NOTFOUND);

	assert_int_equal(partnership_create(testdb, "medway", "Medway Children's Trust", &a), E_OK);
	assert_int_equal(partnership_create(testdb, "north-yorkshire", "North Yorkshire", &b), E_OK);
	assert_true(a > 0 && b > a);

	assert_int_equal(partnership_find_by_slug(testdb, &pool, "north-yorkshire", &p), E_OK);
	assert_true(p.id == b);
	assert_string_equal(p.slug, "north-yorkshire");
	assert_string_equal(p.name, "North Yorkshire");

	assert_int_equal(partnership_first(testdb, &pool, &p), E_OK);
	assert_true(p.id == a);
	assert_string_equal(p.name, "Medway Children's Trust");

	/* The slug is unique and URL-shaped. */
	assert_int_equal(partnership_create(testdb, "medway", "Another", NULL), E_CONFLICT);
	assert_int_equal(partnership_create(testdb, "Medway", "Capitals", NULL), E_INVAL);
	assert_int_equal(partnership_create(testdb, "a/b", "Slash", NULL), E_INVAL);
	assert_int_equal(partnership_create(testdb, "", "Empty", NULL), E_INVAL);
	assert_int_equal(partnership_create(testdb, "-x", "Hyphen", NULL), E_INVAL);
	assert_int_equal(partnership_create(testdb, "ok", "", NULL), E_INVAL);
	assert_int_equal(partnership_find_by_slug(testdb, &pool, "Medway", &p), E_NOTFOUND);
}

static void test_list_ordered(void **state)
{
	int64_t p = 0, id = 0;
	assert_int_equal(partnership_create(testdb, "bucks", "Buckinghamshire", &p), E_OK);
	struct organisation *o = NULL;
	size_t n = 99;
	assert_int_equal(organisation_list(testdb, &pool, p, &o, &n), E_OK);
	assert_int_equal(n, 0);

	assert_int_equal(organisation_add(testdb, p, "Wycombe District Council", "district_council",
	                                  "commissioner", NULL, NULL), E_OK);
	assert_int_equal(organisation_add(testdb, p, "Buckinghamshire County Council", "county_council",
	                                  "both", "E10000002", &id), E_OK);
	assert_true(id > 0);
	assert_int_equal(organisation_add(testdb, p, "NHS Buckinghamshire", "nhs", "commissioner",
	                                  NULL, NULL), E_OK);
	assert_int_equal(organisation_add(testdb, p, "Action for Children", "voluntary", "provider",
	                                  NULL, NULL), E_OK);

	assert_int_equal(organisation_list(testdb, &pool, p, &o, &n), E_OK);
	assert_int_equal(n, 4);
	assert_string_equal(o[0].name, "Action for Children");
	assert_string_equal(o[1].name, "Buckinghamshire County Council");
	assert_string_equal(o[2].name, "NHS Buckinghamshire");
	assert_string_equal(o[3].name, "Wycombe District Council");
	assert_true(o[1].id == id);
	assert_true(o[1].partnership_id == p);
	assert_string_equal(o[1].type, "county_council");
	assert_string_equal(o[1].role, "both");
	assert_string_equal(o[1].identifier, "E10000002");
	assert_null(o[0].identifier);

	/* A retired organisation leaves the list. */
	struct db_stmt *st = NULL;
	assert_int_equal(db_prepare(testdb,
		"UPDATE organisation SET retired_at = '2026-01-01T00:00:00Z' WHERE id = $1", &st), E_OK);
	assert_int_equal(db_bind_i64(st, 1, id), E_OK);
	assert_int_equal(db_step(st), DB_DONE);
	db_finish(st);
	assert_int_equal(organisation_list(testdb, &pool, p, &o, &n), E_OK);
	assert_int_equal(n, 3);
	assert_string_equal(o[1].name, "NHS Buckinghamshire");

	/* Names are unique within a partnership. */
	assert_int_equal(organisation_add(testdb, p, "NHS Buckinghamshire", "nhs", "provider", NULL, NULL),
	                 E_CONFLICT);
}

static void test_scoping(void **state)
{
	int64_t a = 0, b = 0;
	assert_int_equal(partnership_create(testdb, "alpha", "Alpha", &a), E_OK);
	assert_int_equal(partnership_create(testdb, "beta", "Beta", &b), E_OK);
	assert_int_equal(organisation_add(testdb, a, "Alpha Council", "unitary_council", "both", NULL, NULL), E_OK);
	assert_int_equal(organisation_add(testdb, a, "Alpha Police", "police", "commissioner", NULL, NULL), E_OK);
	assert_int_equal(organisation_add(testdb, b, "Beta School", "school", "provider", NULL, NULL), E_OK);
	/* The same name may exist in two partnerships. */
	assert_int_equal(organisation_add(testdb, b, "Alpha Council", "private", "provider", NULL, NULL), E_OK);

	struct organisation *o = NULL;
	size_t n = 0;
	assert_int_equal(organisation_list(testdb, &pool, a, &o, &n), E_OK);
	assert_int_equal(n, 2);
	for (size_t i = 0; i < n; i++) {
		assert_true(o[i].partnership_id == a);
		assert_null(strstr(o[i].name, "Beta"));
	}
	assert_string_equal(o[0].type, "unitary_council");

	assert_int_equal(organisation_list(testdb, &pool, b, &o, &n), E_OK);
	assert_int_equal(n, 2);
	for (size_t i = 0; i < n; i++)
		assert_true(o[i].partnership_id == b);
	assert_string_equal(o[0].name, "Alpha Council");
	assert_string_equal(o[0].type, "private");
	assert_string_equal(o[1].name, "Beta School");

	/* An unknown partnership has no organisations, and cannot get any. */
	assert_int_equal(organisation_list(testdb, &pool, b + 1000, &o, &n), E_OK);
	assert_int_equal(n, 0);
	assert_int_equal(organisation_add(testdb, b + 1000, "Orphan", "other", "provider", NULL, NULL),
	                 E_INVAL);
}

static void test_invalid_rejected(void **state)
{
	int64_t p = 0;
	assert_int_equal(partnership_create(testdb, "oxon", "Oxon", &p), E_OK);
	assert_int_equal(organisation_add(testdb, p, "X", "bogus", "provider", NULL, NULL), E_INVAL);
	assert_int_equal(organisation_add(testdb, p, "X", "nhs", "bogus", NULL, NULL), E_INVAL);
	assert_int_equal(organisation_add(testdb, p, "", "nhs", "provider", NULL, NULL), E_INVAL);
	assert_int_equal(organisation_add(testdb, p, NULL, "nhs", "provider", NULL, NULL), E_INVAL);
	assert_int_equal(organisation_add(testdb, p, "X", NULL, "provider", NULL, NULL), E_INVAL);

	/* Writing around the store: the CHECK constraints still refuse. */
	struct db_stmt *st = NULL;
	const char *sql = "INSERT INTO organisation (partnership_id, name, type, role, created_at)"
	                  " VALUES ($1, $2, $3, $4, '2026-01-01T00:00:00Z')";
	const char *bad[][2] = {{"bogus", "provider"}, {"nhs", "bogus"}};
	for (int i = 0; i < 2; i++) {
		assert_int_equal(db_prepare(testdb, sql, &st), E_OK);
		assert_int_equal(db_bind_i64(st, 1, p), E_OK);
		assert_int_equal(db_bind_text(st, 2, "Sneaky"), E_OK);
		assert_int_equal(db_bind_text(st, 3, bad[i][0]), E_OK);
		assert_int_equal(db_bind_text(st, 4, bad[i][1]), E_OK);
		assert_int_equal(db_step(st), E_INVAL);
		db_finish(st);
		assert_true(strlen(db_errmsg(testdb)) > 0);
	}
	struct organisation *o = NULL;
	size_t n = 9;
	assert_int_equal(organisation_list(testdb, &pool, p, &o, &n), E_OK);
	assert_int_equal(n, 0);
}

static void test_types_and_roles(void **state)
{
	const char *types[] = {"county_council", "unitary_council", "district_council", "nhs",
	                       "school", "police", "voluntary", "private", "other"};
	for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
		assert_true(organisation_type_valid(types[i]));
		assert_true(strlen(organisation_type_label(types[i])) > 0);
	}
	assert_false(organisation_type_valid("NHS"));
	assert_false(organisation_type_valid(""));
	assert_false(organisation_type_valid(NULL));
	assert_string_equal(organisation_type_label("county_council"), "County council");
	assert_string_equal(organisation_type_label("nhs"), "NHS body");
	assert_string_equal(organisation_type_label("district_council"), "District council");
	assert_string_equal(organisation_type_label("voluntary"), "Voluntary and community sector");
	assert_string_equal(organisation_type_label("nonsense"), "Other");
	assert_true(organisation_role_valid("both"));
	assert_false(organisation_role_valid("owner"));
	assert_string_equal(organisation_role_label("both"), "Commissioner and provider");
}

static void test_list_bound(void **state)
{
	int64_t p = 0;
	assert_int_equal(partnership_create(testdb, "big", "Big", &p), E_OK);
	/* Rows made in SQL: ten thousand calls would only slow the test. */
	struct db_stmt *st = NULL;
	assert_int_equal(db_prepare(testdb,
		"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $2)"
		" INSERT INTO organisation (partnership_id, name, type, role, created_at)"
		" SELECT $1, 'Org ' || i, 'other', 'provider', '2026-01-01T00:00:00Z' FROM n", &st),
		E_OK);
	assert_int_equal(db_bind_i64(st, 1, p), E_OK);
	assert_int_equal(db_bind_i64(st, 2, ORGANISATION_LIST_MAX), E_OK);
	assert_int_equal(db_step(st), DB_DONE);
	db_finish(st);

	struct organisation *o = NULL;
	size_t n = 0;
	assert_int_equal(organisation_list(testdb, &pool, p, &o, &n), E_OK);
	assert_int_equal(n, ORGANISATION_LIST_MAX);
	assert_string_equal(o[0].name, "Org 1");
	assert_string_equal(o[1].name, "Org 10");

	/* A pool too small for the answer: out of memory, not a crash. */
	struct pool tiny;
	pool_init(&tiny, 4096);
	assert_int_equal(organisation_list(testdb, &tiny, p, &o, &n), E_NOMEM);
	assert_int_equal(n, 0);
	pool_free(&tiny);

	assert_int_equal(organisation_add(testdb, p, "One too many", "other", "provider", NULL, NULL), E_OK);
	assert_int_equal(organisation_list(testdb, &pool, p, &o, &n), E_TOOBIG);
	assert_int_equal(n, 0);
	assert_null(o);
}

static void test_demo(void **state)
{
	int created = -1;
	assert_int_equal(demo_ensure(testdb, &created), E_OK);
	assert_int_equal(created, 1);
	assert_int_equal(demo_ensure(testdb, &created), E_OK);
	assert_int_equal(created, 0);
	assert_int_equal(demo_ensure(testdb, NULL), E_OK);

	struct partnership p;
	assert_int_equal(partnership_first(testdb, &pool, &p), E_OK);
	assert_string_equal(p.slug, "oxfordshire");
	assert_string_equal(p.name, "Oxfordshire Children and Young People's Trust");

	struct organisation *o = NULL;
	size_t n = 0;
	assert_int_equal(organisation_list(testdb, &pool, p.id, &o, &n), E_OK);
	assert_int_equal(n, 4);
	assert_string_equal(o[0].name, "Cherwell District Council");
	assert_string_equal(o[0].type, "district_council");
	assert_string_equal(o[1].name, "NHS Oxfordshire");
	assert_string_equal(o[1].role, "commissioner");
	assert_string_equal(o[2].name, "Oxfordshire County Council");
	assert_string_equal(o[2].role, "both");
	assert_string_equal(o[3].name, "Oxfordshire Voluntary and Community Sector Forum");
	assert_string_equal(o[3].type, "voluntary");

	struct db_stmt *st = NULL;
	assert_int_equal(db_prepare(testdb, "SELECT COUNT(*) FROM partnership", &st), E_OK);
	assert_int_equal(db_step(st), DB_ROW);
	assert_int_equal(db_col_i64(st, 0), 1);
	db_finish(st);
}

static void test_demo_skipped_when_data_exists(void **state)
{
	int created = -1;
	assert_int_equal(partnership_create(testdb, "medway", "Medway", NULL), E_OK);
	assert_int_equal(demo_ensure(testdb, &created), E_OK);
	assert_int_equal(created, 0);
	struct partnership p;
	assert_int_equal(partnership_find_by_slug(testdb, &pool, "oxfordshire", &p), E_NOTFOUND);
}

static void test_allocation_failures(void **state)
{
	int64_t p = 0;
	assert_int_equal(partnership_create(testdb, "alloc", "Alloc", &p), E_OK);
	for (int i = 0; i < 20; i++) {
		char name[32];
		snprintf(name, sizeof name, "Organisation %02d", i);
		assert_int_equal(organisation_add(testdb, p, name, "other", "provider", "X1", NULL), E_OK);
	}
	/* Fail the n-th allocation, for every n the calls make: each either
	 * works or says E_NOMEM, and ASan checks nothing leaks or dangles. */
	int worked = 0;
	for (long n = 0; n < 200 && !worked; n++) {
		struct db *d = NULL;
		char err[512];
		struct organisation *o = NULL;
		size_t count = 0;
		alloc_fail_after(n);
		enum err rc = db_open(testdb_url, &d, err, sizeof err);
		if (rc == E_OK) {
			rc = organisation_list(d, &pool, p, &o, &count);
			if (rc == E_OK)
				rc = organisation_add(d, p, "Added under pressure", "other",
				                      "provider", NULL, NULL);
		}
		alloc_fail_reset();
		if (rc == E_OK) {
			assert_int_equal(count, 20);
			worked = 1;
		} else {
			assert_true(rc == E_NOMEM || rc == E_DB);
		}
		db_close(d);
	}
	assert_true(worked);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_create_and_find, setup, teardown),
		cmocka_unit_test_setup_teardown(test_list_ordered, setup, teardown),
		cmocka_unit_test_setup_teardown(test_scoping, setup, teardown),
		cmocka_unit_test_setup_teardown(test_invalid_rejected, setup, teardown),
		cmocka_unit_test_setup_teardown(test_types_and_roles, setup, teardown),
		cmocka_unit_test_setup_teardown(test_list_bound, setup, teardown),
		cmocka_unit_test_setup_teardown(test_demo, setup, teardown),
		cmocka_unit_test_setup_teardown(test_demo_skipped_when_data_exists, setup, teardown),
		cmocka_unit_test_setup_teardown(test_allocation_failures, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
