/*
 * test_migrate.c: schema migrations on whichever backend ctest chose.
 *
 * The compiled-in list goes from nothing to the latest version once; test
 * lists given to migrate_apply() check the failure paths (a broken
 * migration, a database from a newer jcs) and several connections
 * migrating one database at the same moment, as servers starting together
 * behind a load balancer would.
 *
 * Each test gets a fresh, empty database from testdb_open() (through
 * testdb_setup()); naming testdb_open is also what makes CMake register
 * this file for both backends.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "db/db.h"
#include "db/db_impl.h"
#include "db/migrate.h"
#include "db/migrate_impl.h"
#include "support/testdb.h"

static int current(struct db *d)
{
	int v = -1;
	assert_int_equal(migrate_current(d, &v), E_OK);
	return v;
}

static int table_exists(const char *name)
{
	int exists = -1;
	assert_int_equal(db_table_exists(testdb, name, &exists), E_OK);
	return exists;
}

static void test_fresh_to_latest(void **state)
{
	char err[512];
	int applied = -1;
	assert_true(migrate_latest() >= 1);
	assert_int_equal(current(testdb), 0);
	assert_false(table_exists("schema_version"));

	assert_int_equal(migrate_up(testdb, &applied, err, sizeof err), E_OK);
	assert_string_equal(err, "");
	assert_int_equal(applied, migrate_latest());
	assert_int_equal(current(testdb), migrate_latest());
	assert_true(table_exists("partnership"));
	assert_true(table_exists("organisation"));

	/* Each version is recorded with its name and an ISO-8601 UTC time. */
	struct db_stmt *st = NULL;
	assert_int_equal(db_prepare(testdb,
		"SELECT name, applied_at FROM schema_version WHERE version = 1", &st), E_OK);
	assert_int_equal(db_step(st), DB_ROW);
	assert_string_equal(db_col_text(st, 0), "partnerships and organisations");
	const char *at = db_col_text(st, 1);
	assert_int_equal(strlen(at), 20);
	assert_int_equal(at[10], 'T');
	assert_int_equal(at[19], 'Z');
	db_finish(st);

	/* Again: nothing to do. */
	assert_int_equal(migrate_up(testdb, &applied, err, sizeof err), E_OK);
	assert_int_equal(applied, 0);
	assert_int_equal(migrate_up(testdb, NULL, err, sizeof err), E_OK);
	assert_int_equal(current(testdb), migrate_latest());
}

static void test_newer_database_refused(void **state)
{
	char err[512], want[512];
	int applied = -1;
	assert_int_equal(migrate_up(testdb, NULL, err, sizeof err), E_OK);

	struct db_stmt *st = NULL;
	assert_int_equal(db_prepare(testdb,
		"INSERT INTO schema_version (version, name, applied_at)"
		" VALUES ($1, 'from the future', '2030-01-01T00:00:00Z')", &st), E_OK);
	assert_int_equal(db_bind_i64(st, 1, migrate_latest() + 1), E_OK);
	assert_int_equal(db_step(st), DB_DONE);
	db_finish(st);

	assert_int_equal(migrate_up(testdb, &applied, err, sizeof err), E_RANGE);
	assert_int_equal(applied, 0);
	snprintf(want, sizeof want,
	         "database schema version %d is newer than this jcs (knows up to %d); upgrade jcs",
	         migrate_latest() + 1, migrate_latest());
	assert_string_equal(err, want);
	assert_int_equal(current(testdb), migrate_latest() + 1);
}

static const struct migration good[] = {
	{1, "first", "CREATE TABLE one (id {{ID}}, v {{I64}} NOT NULL){{STRICT}}"},
	{2, "second", "CREATE TABLE two (id {{ID}}, v TEXT){{STRICT}};"
	              "INSERT INTO two (v) VALUES ('seeded')"},
};

static const struct migration broken[] = {
	{1, "first", "CREATE TABLE one (id {{ID}}, v {{I64}} NOT NULL){{STRICT}}"},
	/* Half of it works before the error: none of it may stay. */
	{2, "second", "CREATE TABLE two (id {{ID}}, v TEXT){{STRICT}};"
	              "INSERT INTO two (v) VALUES ('seeded');"
	              "INSERT INTO no_such_table (v) VALUES (1)"},
};

static void test_failed_migration_changes_nothing(void **state)
{
	char err[512];
	int applied = -1;
	enum err rc = migrate_apply(testdb, broken, 2, &applied, err, sizeof err);
	assert_int_not_equal(rc, E_OK);
	assert_int_equal(applied, 1);
	assert_non_null(strstr(err, "migration 2 (second)"));
	assert_non_null(strstr(err, "no_such_table"));
	assert_int_equal(current(testdb), 1);
	assert_true(table_exists("one"));
	assert_false(table_exists("two"));

	/* The connection is usable and a corrected list carries on from 1. */
	assert_int_equal(migrate_apply(testdb, good, 2, &applied, err, sizeof err), E_OK);
	assert_int_equal(applied, 1);
	assert_int_equal(current(testdb), 2);
	struct db_stmt *st = NULL;
	assert_int_equal(db_prepare(testdb, "SELECT v FROM two", &st), E_OK);
	assert_int_equal(db_step(st), DB_ROW);
	assert_string_equal(db_col_text(st, 0), "seeded");
	assert_int_equal(db_step(st), DB_DONE);
	db_finish(st);

	/* A shorter list than the database knows is a newer database. */
	assert_int_equal(migrate_apply(testdb, good, 1, &applied, err, sizeof err), E_RANGE);
	assert_non_null(strstr(err, "version 2 is newer"));
}

static void test_list_out_of_order(void **state)
{
	const struct migration bad[] = {
		{2, "b", "CREATE TABLE b (x TEXT)"},
		{1, "a", "CREATE TABLE a (x TEXT)"},
	};
	char err[512];
	assert_int_equal(migrate_apply(testdb, bad, 2, NULL, err, sizeof err), E_INVAL);
	assert_true(strlen(err) > 0);
	assert_int_equal(current(testdb), 0);
}

/* --- Several connections migrating one database at once. */

#define RACERS 4

static const struct migration many[] = {
	{1, "m1", "CREATE TABLE m1 (id {{ID}}){{STRICT}}"},
	{2, "m2", "CREATE TABLE m2 (id {{ID}}){{STRICT}}"},
	{3, "m3", "CREATE TABLE m3 (id {{ID}}){{STRICT}}"},
	{4, "m4", "CREATE TABLE m4 (id {{ID}}){{STRICT}}"},
	{5, "m5", "CREATE TABLE m5 (id {{ID}}){{STRICT}};INSERT INTO m5 DEFAULT VALUES"},
};

struct racer {
	pthread_t thread;
	struct db *db;
	enum err rc;
	int applied;
	char err[512];
};

static pthread_barrier_t start_line;

static void *race(void *arg)
{
	struct racer *r = arg;
	pthread_barrier_wait(&start_line);
	r->rc = migrate_apply(r->db, many, 5, &r->applied, r->err, sizeof r->err);
	return NULL;
}

static void test_concurrent_migrations(void **state)
{
	struct racer racers[RACERS];
	memset(racers, 0, sizeof racers);
	for (int i = 0; i < RACERS; i++) {
		char err[512];
		assert_int_equal(db_open(testdb_url, &racers[i].db, err, sizeof err), E_OK);
	}
	pthread_barrier_init(&start_line, NULL, RACERS);
	for (int i = 0; i < RACERS; i++)
		assert_int_equal(pthread_create(&racers[i].thread, NULL, race, &racers[i]), 0);
	int total = 0;
	for (int i = 0; i < RACERS; i++) {
		pthread_join(racers[i].thread, NULL);
		if (racers[i].rc)
			print_error("racer %d: %s\n", i, racers[i].err);
		assert_int_equal(racers[i].rc, E_OK);
		total += racers[i].applied;
		db_close(racers[i].db);
	}
	pthread_barrier_destroy(&start_line);
	/* Each migration ran exactly once, whoever ran it. */
	assert_int_equal(total, 5);
	assert_int_equal(current(testdb), 5);
	struct db_stmt *st = NULL;
	assert_int_equal(db_prepare(testdb, "SELECT COUNT(*) FROM m5", &st), E_OK);
	assert_int_equal(db_step(st), DB_ROW);
	assert_int_equal(db_col_i64(st, 0), 1);
	db_finish(st);
	assert_int_equal(db_prepare(testdb, "SELECT COUNT(*) FROM schema_version", &st), E_OK);
	assert_int_equal(db_step(st), DB_ROW);
	assert_int_equal(db_col_i64(st, 0), 5);
	db_finish(st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_fresh_to_latest, testdb_setup, testdb_teardown),
		cmocka_unit_test_setup_teardown(test_newer_database_refused, testdb_setup, testdb_teardown),
		cmocka_unit_test_setup_teardown(test_failed_migration_changes_nothing, testdb_setup, testdb_teardown),
		cmocka_unit_test_setup_teardown(test_list_out_of_order, testdb_setup, testdb_teardown),
		cmocka_unit_test_setup_teardown(test_concurrent_migrations, testdb_setup, testdb_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
