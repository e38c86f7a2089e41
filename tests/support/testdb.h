/*
 * testdb.h: a fresh database for one test, on the backend ctest chose.
 *
 * CMake registers every test that calls testdb_open() twice, with
 * JCS_TEST_BACKEND=sqlite and JCS_TEST_BACKEND=postgresql.  For SQLite a new
 * file in a temporary folder; for PostgreSQL a new database created on the
 * server named by JCS_TEST_PG (started by scripts/test.sh).  A PostgreSQL run
 * without JCS_TEST_PG fails with a message saying so: it never passes
 * silently.
 */
#ifndef JCS_TESTDB_H
#define JCS_TESTDB_H

#include <stddef.h>

struct db;

/* "sqlite" or "postgresql", from JCS_TEST_BACKEND (default sqlite). */
const char *testdb_backend(void);
/* Open a new, empty database; its URL (or path) is written to url. */
struct db *testdb_open(char *url, size_t urllen);
/* Another connection to the database at url (a test's, or one a command
 * wrote); exits the test when it cannot be opened. */
struct db *testdb_connect(const char *url);
/* Close db (may be NULL) and remove the database named by url. */
void testdb_drop(struct db *db, const char *url);

/*
 * cmocka fixtures for files whose every test wants a fresh database of its
 * own (storage, migration and store tests), so that each file does not
 * carry its own copy: testdb_setup() opens an empty one into testdb, with
 * its URL in testdb_url for tests that open a second connection;
 * testdb_setup_migrated() also applies every compiled-in migration (a
 * failure is reported and fails the test); testdb_teardown() drops it.
 */
#define TESTDB_URL_MAX 1024
extern struct db *testdb;
extern char testdb_url[TESTDB_URL_MAX];
int testdb_setup(void **state);
int testdb_setup_migrated(void **state);
int testdb_teardown(void **state);

/*
 * A new database with the schema and the demo partnership, closed again,
 * for tests that start an app or a server on it.  Its URL goes to url;
 * remove it with testdb_drop(NULL, url).
 */
void testdb_create_demo(char *url, size_t urllen);

#endif
