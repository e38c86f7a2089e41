/*
 * db_sqlite.c: the SQLite backend (the embedded default).
 *
 * One connection per thread, so the connection is opened NOMUTEX: SQLite's
 * own per-connection mutex would only cost time.  Concurrency between
 * connections and processes is WAL (readers never block the writer) plus a
 * five-second busy timeout.  Transactions start with BEGIN IMMEDIATE: a
 * deferred transaction that reads and then writes fails at once with
 * SQLITE_BUSY when another writer got in between (the busy handler cannot
 * help it), while an immediate one waits for the write lock up front.  That
 * also makes the schema lock for migrations free.
 *
 * Statements are prepared with SQLITE_PREPARE_PERSISTENT because db.c keeps
 * them for the life of the connection.  PostgreSQL-style $N parameters are
 * native SQLite syntax ("$" followed by a name); they are looked up by name,
 * so $2 used before $1 still binds correctly.
 *
 * A collation named "C" (byte order, like PostgreSQL's "C") is registered so
 * that ORDER BY x COLLATE "C" sorts the same on both backends.
 */
#include <errno.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "core/alloc.h"
#include "db/db_impl.h"

struct sq_db {
	struct db base;
	sqlite3 *h;
};

struct sq_stmt {
	struct db_stmt base;
	sqlite3_stmt *st;
};

static sqlite3 *handle(struct db *db) { return ((struct sq_db *)db)->h; }
static sqlite3_stmt *stmt(struct db_stmt *st) { return ((struct sq_stmt *)st)->st; }

static enum err map_error(int code)
{
	switch (code) {
	case SQLITE_CONSTRAINT_UNIQUE:
	case SQLITE_CONSTRAINT_PRIMARYKEY:
		return E_CONFLICT;
	case SQLITE_CONSTRAINT_CHECK:
	case SQLITE_CONSTRAINT_NOTNULL:
	case SQLITE_CONSTRAINT_FOREIGNKEY:
	case SQLITE_CONSTRAINT_DATATYPE:
		return E_INVAL;
	}
	switch (code & 0xff) {
	case SQLITE_NOMEM: return E_NOMEM;
	case SQLITE_TOOBIG: return E_TOOBIG;
	case SQLITE_RANGE: return E_RANGE;
	case SQLITE_CANTOPEN: return E_IO;
	}
	return E_DB;
}

static enum err fail(struct db *db, int code)
{
	db_set_error(db, sqlite3_errmsg(handle(db)));
	return map_error(code);
}

static int collate_c(void *arg, int la, const void *a, int lb, const void *b)
{
	int n = la < lb ? la : lb;
	int c = memcmp(a, b, (size_t)n);
	if (c)
		return c;
	return la < lb ? -1 : la > lb;
}

static void sq_close(struct db *db)
{
	sqlite3 *h = handle(db);
	/* Lets SQLite refresh its query planner statistics where worthwhile. */
	sqlite3_exec(h, "PRAGMA optimize", NULL, NULL, NULL);
	sqlite3_close_v2(h);
	xfree(db);
}

static enum err sq_exec(struct db *db, const char *sql)
{
	char *msg = NULL;
	int r = sqlite3_exec(handle(db), sql, NULL, NULL, &msg);
	if (r == SQLITE_OK)
		return E_OK;
	db_set_error(db, msg ? msg : sqlite3_errstr(r));
	sqlite3_free(msg);
	return map_error(r);
}

static int sq_in_transaction(struct db *db)
{
	return !sqlite3_get_autocommit(handle(db));
}

static enum err sq_rollback(struct db *db) { return sq_exec(db, "ROLLBACK"); }

static enum err sq_prepare(struct db *db, const char *sql, struct db_stmt **out)
{
	sqlite3_stmt *st = NULL;
	const char *tail = NULL;
	int r = sqlite3_prepare_v3(handle(db), sql, -1, SQLITE_PREPARE_PERSISTENT, &st, &tail);
	if (r != SQLITE_OK)
		return fail(db, r);
	/* PostgreSQL refuses several commands in one prepared statement: so do we. */
	while (tail && (*tail == ' ' || *tail == '\t' || *tail == '\n' ||
	                *tail == '\r' || *tail == ';'))
		tail++;
	if (!st || (tail && *tail)) {
		sqlite3_finalize(st);
		db_set_error(db, st ? "a prepared statement must be one SQL command"
		                    : "empty SQL statement");
		return E_INVAL;
	}
	struct sq_stmt *s = xcalloc(1, sizeof *s);
	if (!s) {
		sqlite3_finalize(st);
		db_set_error(db, "out of memory");
		return E_NOMEM;
	}
	s->st = st;
	*out = &s->base;
	return E_OK;
}

static void sq_reset(struct db_stmt *st)
{
	/* reset() repeats the last step's error, which was reported already. */
	sqlite3_reset(stmt(st));
	sqlite3_clear_bindings(stmt(st));
}

static void sq_stmt_free(struct db_stmt *st, int closing)
{
	sqlite3_finalize(stmt(st));
	xfree(st);
}

static int param_index(struct db_stmt *st, int idx)
{
	char name[16];
	snprintf(name, sizeof name, "$%d", idx);
	int i = sqlite3_bind_parameter_index(stmt(st), name);
	if (i == 0)
		db_set_error(st->db, "no such parameter in the statement");
	return i;
}

static enum err sq_bind_i64(struct db_stmt *st, int idx, int64_t v)
{
	int i = param_index(st, idx);
	if (i == 0)
		return E_RANGE;
	int r = sqlite3_bind_int64(stmt(st), i, v);
	return r == SQLITE_OK ? E_OK : fail(st->db, r);
}

static enum err sq_bind_text(struct db_stmt *st, int idx, const char *s)
{
	int i = param_index(st, idx);
	if (i == 0)
		return E_RANGE;
	int r = s ? sqlite3_bind_text(stmt(st), i, s, -1, SQLITE_TRANSIENT)
	          : sqlite3_bind_null(stmt(st), i);
	return r == SQLITE_OK ? E_OK : fail(st->db, r);
}

static int sq_step(struct db_stmt *st)
{
	int r = sqlite3_step(stmt(st));
	if (r == SQLITE_ROW)
		return DB_ROW;
	if (r == SQLITE_DONE)
		return DB_DONE;
	return (int)fail(st->db, r);
}

static int col_ok(struct db_stmt *st, int col)
{
	return col >= 0 && col < sqlite3_column_count(stmt(st));
}

static int sq_col_is_null(struct db_stmt *st, int col)
{
	return !col_ok(st, col) || sqlite3_column_type(stmt(st), col) == SQLITE_NULL;
}

static int64_t sq_col_i64(struct db_stmt *st, int col)
{
	return col_ok(st, col) ? sqlite3_column_int64(stmt(st), col) : 0;
}

static const char *sq_col_text(struct db_stmt *st, int col)
{
	if (!col_ok(st, col))
		return NULL;
	return (const char *)sqlite3_column_text(stmt(st), col);
}

static const struct db_ops sqlite_ops = {
	.kind = DB_SQLITE,
	.name = "sqlite",
	.tok_id = "INTEGER PRIMARY KEY",
	.tok_i64 = "INTEGER",
	.tok_strict = " STRICT",
	.tok_strict_norowid = " STRICT, WITHOUT ROWID",
	.begin_sql = "BEGIN IMMEDIATE",
	.lock_schema_sql = NULL,
	.table_exists_sql = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = $1",
	.close = sq_close,
	.exec = sq_exec,
	.in_transaction = sq_in_transaction,
	.rollback = sq_rollback,
	.prepare = sq_prepare,
	.reset = sq_reset,
	.stmt_free = sq_stmt_free,
	.bind_i64 = sq_bind_i64,
	.bind_text = sq_bind_text,
	.step = sq_step,
	.col_is_null = sq_col_is_null,
	.col_i64 = sq_col_i64,
	.col_text = sq_col_text,
};

/* Create every missing folder above the database file. */
static enum err make_parents(const char *path, char *errbuf, size_t errlen)
{
	const char *slash = strrchr(path, '/');
	if (!slash || slash == path)
		return E_OK;
	char *dir = xstrndup(path, (size_t)(slash - path));
	if (!dir) {
		snprintf(errbuf, errlen, "out of memory");
		return E_NOMEM;
	}
	enum err rc = E_OK;
	for (char *p = dir + 1;; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		char c = *p;
		*p = '\0';
		/* 0750: the database holds partners' data; no access for others. */
		if (mkdir(dir, 0750) != 0 && errno != EEXIST) {
			snprintf(errbuf, errlen, "cannot create folder %s for the database: %s",
			         dir, strerror(errno));
			rc = E_IO;
			goto out;
		}
		*p = c;
		if (c == '\0')
			break;
	}
out:
	xfree(dir);
	return rc;
}


/*
 * Memory statistics make every SQLite allocation take one global mutex, which
 * the worker threads then fight over; jcs never reads those statistics.
 * sqlite3_config() must run before SQLite initialises, hence once, here.
 */
static pthread_once_t configure_once = PTHREAD_ONCE_INIT;

static void configure_sqlite(void)
{
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

enum err db_sqlite_open(const char *path, struct db **out, char *errbuf, size_t errlen)
{
	struct sq_db *d = NULL;
	enum err rc = E_OK;

	if (strcmp(path, ":memory:") != 0) {
		rc = make_parents(path, errbuf, errlen);
		if (rc)
			goto out;
	}
	d = xcalloc(1, sizeof *d);
	if (!d) {
		snprintf(errbuf, errlen, "out of memory");
		rc = E_NOMEM;
		goto out;
	}
	d->base.ops = &sqlite_ops;

	pthread_once(&configure_once, configure_sqlite);
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
#ifdef SQLITE_OPEN_EXRESCODE
	flags |= SQLITE_OPEN_EXRESCODE;
#endif
	int r = sqlite3_open_v2(path, &d->h, flags, NULL);
	if (r != SQLITE_OK) {
		snprintf(errbuf, errlen, "cannot open SQLite database %s: %s", path,
		         d->h ? sqlite3_errmsg(d->h) : sqlite3_errstr(r));
		rc = map_error(r) == E_IO ? E_IO : E_DB;
		goto out;
	}
	sqlite3_extended_result_codes(d->h, 1);
	/* Before the pragmas: switching to WAL needs a lock another process may hold. */
	sqlite3_busy_timeout(d->h, 5000);
	r = sqlite3_create_collation_v2(d->h, "C", SQLITE_UTF8, NULL, collate_c, NULL);
	if (r == SQLITE_OK)
		r = sqlite3_exec(d->h,
		                 "PRAGMA journal_mode = WAL;"
		                 "PRAGMA synchronous = NORMAL;"
		                 "PRAGMA foreign_keys = ON;",
		                 NULL, NULL, NULL);
	if (r != SQLITE_OK) {
		/* Typically "file is not a database", seen at the first read. */
		snprintf(errbuf, errlen, "cannot open SQLite database %s: %s", path,
		         sqlite3_errmsg(d->h));
		rc = E_DB;
		goto out;
	}
out:
	if (rc) {
		if (d) {
			sqlite3_close_v2(d->h);
			xfree(d);
		}
		return rc;
	}
	*out = &d->base;
	return E_OK;
}
