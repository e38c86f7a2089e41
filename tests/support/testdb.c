/*
 * testdb.c: fresh databases for tests, on the backend ctest chose.
 *
 * SQLite: a new folder from mkdtemp() under /tmp holding test.db.
 * PostgreSQL: a new database jcs_t_<pid>_<n> on the JCS_TEST_PG server, so
 * tests running in parallel (ctest -j) never share tables.  CREATE and DROP
 * DATABASE go through libpq directly: they are not something jcs itself
 * does, so struct db has no call for them.  A setup failure exits the test
 * program with a message; a test must never pass without its database.
 */
#include "support/testdb.h"

#include <libpq-fe.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db/db.h"
#include "db/migrate.h"
#include "partnership/partnership.h"

static const char *pg_admin_url(void)
{
	const char *url = getenv("JCS_TEST_PG");
	if (!url || !*url) {
		fprintf(stderr, "JCS_TEST_PG is not set: run the tests with `make test`,"
		                " which starts PostgreSQL\n");
		exit(1);
	}
	return url;
}

const char *testdb_backend(void)
{
	const char *b = getenv("JCS_TEST_BACKEND");
	if (b && strcmp(b, "postgresql") == 0)
		return "postgresql";
	return "sqlite";
}

static int is_pg(void) { return strcmp(testdb_backend(), "postgresql") == 0; }

/* Run one admin command on the server; exit on failure. */
static void pg_admin(const char *sql)
{
	PGconn *c = PQconnectdb(pg_admin_url());
	if (PQstatus(c) != CONNECTION_OK) {
		fprintf(stderr, "testdb: cannot connect to JCS_TEST_PG: %s", PQerrorMessage(c));
		PQfinish(c);
		exit(1);
	}
	PGresult *r = PQexec(c, "SET client_min_messages = warning");
	PQclear(r);
	r = PQexec(c, sql);
	if (PQresultStatus(r) != PGRES_COMMAND_OK) {
		fprintf(stderr, "testdb: %s: %s", sql, PQresultErrorMessage(r));
		PQclear(r);
		PQfinish(c);
		exit(1);
	}
	PQclear(r);
	PQfinish(c);
}

/*
 * The admin URL with its database replaced by name:
 * scheme://authority/name?query.
 */
static void pg_url_for(const char *admin, const char *name, char *url, size_t urllen)
{
	const char *auth = strstr(admin, "://");
	auth = auth ? auth + 3 : admin;
	size_t authlen = strcspn(auth, "/?");
	const char *query = strchr(auth + authlen, '?');
	int n = snprintf(url, urllen, "%.*s/%s%s", (int)(auth + authlen - admin), admin, name,
	                 query ? query : "");
	if (n < 0 || (size_t)n >= urllen) {
		fprintf(stderr, "testdb: url buffer too small\n");
		exit(1);
	}
}

/* The database name at the end of a URL made by pg_url_for(). */
static void pg_name_of(const char *url, char *name, size_t len)
{
	const char *auth = strstr(url, "://");
	auth = auth ? auth + 3 : url;
	const char *slash = strchr(auth, '/');
	const char *p = slash ? slash + 1 : "";
	size_t n = strcspn(p, "?");
	snprintf(name, len, "%.*s", (int)n, p);
}

/* Only names this file made may be spliced into CREATE/DROP DATABASE. */
static int our_name(const char *name)
{
	if (strncmp(name, "jcs_t_", 6) != 0)
		return 0;
	for (const char *p = name; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_'))
			return 0;
	return 1;
}

struct db *testdb_open(char *url, size_t urllen)
{
	static _Atomic unsigned counter;

	if (is_pg()) {
		const char *admin = pg_admin_url();
		char name[64], sql[128];
		snprintf(name, sizeof name, "jcs_t_%ld_%u", (long)getpid(),
		         atomic_fetch_add(&counter, 1) + 1);
		snprintf(sql, sizeof sql, "CREATE DATABASE %s", name);
		pg_admin(sql);
		pg_url_for(admin, name, url, urllen);
	} else {
		char dir[] = "/tmp/jcs-test-XXXXXX";
		if (!mkdtemp(dir)) {
			perror("testdb: mkdtemp");
			exit(1);
		}
		int n = snprintf(url, urllen, "%s/test.db", dir);
		if (n < 0 || (size_t)n >= urllen) {
			fprintf(stderr, "testdb: url buffer too small\n");
			exit(1);
		}
	}
	return testdb_connect(url);
}

struct db *testdb_connect(const char *url)
{
	char err[512];
	struct db *db = NULL;
	if (db_open(url, &db, err, sizeof err) != E_OK) {
		fprintf(stderr, "testdb: cannot open %s: %s\n", url, err);
		exit(1);
	}
	return db;
}

void testdb_drop(struct db *db, const char *url)
{
	db_close(db);
	if (!url || !*url)
		return;
	if (is_pg()) {
		char name[64], sql[128];
		pg_name_of(url, name, sizeof name);
		if (!our_name(name))
			return;
		snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s WITH (FORCE)", name);
		pg_admin(sql);
		return;
	}
	static const char *const suffixes[] = {"", "-wal", "-shm", "-journal"};
	char path[4096];
	for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
		snprintf(path, sizeof path, "%s%s", url, suffixes[i]);
		unlink(path);
	}
	/* The folder from mkdtemp(); rmdir() leaves it if a test put more in it. */
	const char *slash = strrchr(url, '/');
	if (slash && strncmp(url, "/tmp/jcs-test-", 14) == 0) {
		snprintf(path, sizeof path, "%.*s", (int)(slash - url), url);
		rmdir(path);
	}
}

struct db *testdb;
char testdb_url[TESTDB_URL_MAX];

int testdb_setup(void **state)
{
	testdb = testdb_open(testdb_url, sizeof testdb_url);
	return testdb ? 0 : -1;
}

int testdb_setup_migrated(void **state)
{
	char err[512];

	if (testdb_setup(state) != 0)
		return -1;
	if (migrate_up(testdb, NULL, err, sizeof err) != E_OK) {
		fprintf(stderr, "testdb: migrate: %s\n", err);
		return -1;
	}
	return 0;
}

int testdb_teardown(void **state)
{
	testdb_drop(testdb, testdb_url);
	testdb = NULL;
	return 0;
}

void testdb_create_demo(char *url, size_t urllen)
{
	struct db *db = testdb_open(url, urllen);
	char err[256];
	int created;
	if (migrate_up(db, NULL, err, sizeof err) != E_OK) {
		fprintf(stderr, "testdb: migrate: %s\n", err);
		exit(1);
	}
	if (demo_ensure(db, &created, NULL) != E_OK) {
		fprintf(stderr, "testdb: demo partnership: %s\n", db_errmsg(db));
		exit(1);
	}
	db_close(db);
}
