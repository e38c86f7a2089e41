/*
 * migrate.c: bringing a database's schema up to this binary's.
 *
 * The version is the highest row in schema_version.  Each migration runs in
 * its own transaction together with its schema_version row, so a failure
 * leaves the database exactly at the previous version.
 *
 * Several jcs processes may start at once against one database (servers
 * behind a load balancer).  The version is first read without a lock, so
 * the usual start, nothing to do, costs one query.  Otherwise each
 * migration takes the schema lock inside its transaction (an advisory lock
 * on PostgreSQL; on SQLite BEGIN IMMEDIATE is the lock) and reads the
 * version again: whoever waited finds the work done and skips it.  The
 * schema_version table itself is created under that lock too, since two
 * concurrent CREATE TABLE IF NOT EXISTS can collide on PostgreSQL.
 */
#include "db/migrate.h"

#include <stdio.h>
#include <time.h>

#include "db/db.h"
#include "db/db_impl.h"
#include "db/migrate_impl.h"

static void now_iso(char *out, size_t len)
{
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, len, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

int migrate_latest(void)
{
	return migrations_count ? migrations[migrations_count - 1].version : 0;
}

static enum err max_version(struct db *db, int *version)
{
	struct db_stmt *st = NULL;
	enum err rc = db_prepare(db, "SELECT MAX(version) FROM schema_version", &st);
	if (rc)
		goto out;
	int r = db_step(st);
	if (r != DB_ROW) {
		rc = r == DB_DONE ? E_DB : (enum err)r;
		goto out;
	}
	int64_t v = db_col_is_null(st, 0) ? 0 : db_col_i64(st, 0);
	if (v < 0 || v > 1000000) {
		rc = E_RANGE;
		goto out;
	}
	*version = (int)v;
out:
	db_finish(st);
	return rc;
}

enum err migrate_current(struct db *db, int *version)
{
	*version = 0;
	int exists = 0;
	enum err rc = db_table_exists(db, "schema_version", &exists);
	if (rc || !exists)
		return rc;
	return max_version(db, version);
}

static enum err too_new(int current, int latest, char *errbuf, size_t errlen)
{
	snprintf(errbuf, errlen,
	         "database schema version %d is newer than this jcs (knows up to %d); upgrade jcs",
	         current, latest);
	return E_RANGE;
}

static enum err record(struct db *db, const struct migration *m)
{
	char now[32];
	now_iso(now, sizeof now);
	struct db_stmt *st = NULL;
	enum err rc = db_prepare(db,
		"INSERT INTO schema_version (version, name, applied_at) VALUES ($1, $2, $3)", &st);
	if (rc)
		goto out;
	if ((rc = db_bind_i64(st, 1, m->version)) || (rc = db_bind_text(st, 2, m->name)) ||
	    (rc = db_bind_text(st, 3, now)))
		goto out;
	int r = db_step(st);
	if (r != DB_DONE)
		rc = r == DB_ROW ? E_DB : (enum err)r;
out:
	db_finish(st);
	return rc;
}

/*
 * One migration, if the database still needs it: *done says whether it
 * ran.  On error errbuf names the migration and the database's complaint.
 */
static enum err apply_one(struct db *db, const struct migration *m, int latest,
                          int *done, char *errbuf, size_t errlen)
{
	int current = 0;
	const char *step = "start a transaction";
	*done = 0;
	enum err rc = db_begin(db);
	if (rc)
		goto out;
	step = "lock the schema";
	rc = db_lock_schema(db);
	if (rc)
		goto out;
	step = "create schema_version";
	rc = db_exec(db,
		"CREATE TABLE IF NOT EXISTS schema_version ("
		" version INTEGER PRIMARY KEY,"
		" name TEXT NOT NULL,"
		" applied_at TEXT NOT NULL){{STRICT}}");
	if (rc)
		goto out;
	step = "read the schema version";
	rc = max_version(db, &current);
	if (rc)
		goto out;
	if (current > latest) {
		db_rollback(db);
		return too_new(current, latest, errbuf, errlen);
	}
	if (current >= m->version) {
		/* Another process applied it while we waited for the lock. */
		return db_rollback(db);
	}
	step = "apply it";
	rc = db_exec(db, m->sql);
	if (rc)
		goto out;
	step = "record it";
	rc = record(db, m);
	if (rc)
		goto out;
	step = "commit it";
	rc = db_commit(db);
	if (rc)
		goto out;
	*done = 1;
out:
	if (rc) {
		snprintf(errbuf, errlen, "migration %d (%s): cannot %s: %s", m->version,
		         m->name, step, db_errmsg(db));
		db_rollback(db);
	}
	return rc;
}

enum err migrate_apply(struct db *db, const struct migration *list, size_t n,
                       int *applied, char *errbuf, size_t errlen)
{
	int count = 0, current = 0;
	int latest = n ? list[n - 1].version : 0;
	enum err rc = E_OK;
	if (errlen)
		errbuf[0] = '\0';

	for (size_t i = 0; i < n; i++) {
		if (list[i].version <= (i ? list[i - 1].version : 0)) {
			snprintf(errbuf, errlen, "migration %d is out of order", list[i].version);
			rc = E_INVAL;
			goto out;
		}
	}
	rc = migrate_current(db, &current);
	if (rc) {
		snprintf(errbuf, errlen, "cannot read the schema version: %s", db_errmsg(db));
		goto out;
	}
	if (current > latest) {
		rc = too_new(current, latest, errbuf, errlen);
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		if (list[i].version <= current)
			continue;
		int done = 0;
		rc = apply_one(db, &list[i], latest, &done, errbuf, errlen);
		if (rc)
			goto out;
		count += done;
	}
out:
	if (applied)
		*applied = count;
	return rc;
}

enum err migrate_up(struct db *db, int *applied, char *errbuf, size_t errlen)
{
	return migrate_apply(db, migrations, migrations_count, applied, errbuf, errlen);
}
