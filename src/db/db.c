/*
 * db.c: the backend-independent half of the storage interface.
 *
 * db_open() picks the backend from the URL.  Every other call goes through
 * the connection's struct db_ops, with three things done here once for
 * both backends:
 *   - the statement cache: up to DB_STMT_CACHE prepared statements per
 *     connection, found by a hash of their SQL text and a string compare,
 *     evicting the least recently used idle one.  A statement that is still
 *     in use when the same SQL is prepared again (a nested loop) gets a
 *     second copy, so two callers never share bindings or a cursor;
 *   - the schema-token rewrite ({{ID}}, {{I64}}, {{STRICT}});
 *   - the timing counters for /metrics: relaxed atomics, because they are
 *     totals read for display and need no ordering with anything else.
 */
#include "db/db.h"

#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "db/db_impl.h"

/* Schema text is written by us, not by users; this only bounds a mistake. */
#define SQL_MAX ((size_t)16 << 20)

static _Atomic uint64_t stat_ns;
static _Atomic uint64_t stat_statements;

static uint64_t now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static void stat_add(uint64_t start, int statements)
{
	uint64_t end = now_ns();
	atomic_fetch_add_explicit(&stat_ns, end - start, memory_order_relaxed);
	if (statements)
		atomic_fetch_add_explicit(&stat_statements, (uint64_t)statements,
		                          memory_order_relaxed);
}

void db_stats(uint64_t *ns_total, uint64_t *statements)
{
	if (ns_total)
		*ns_total = atomic_load_explicit(&stat_ns, memory_order_relaxed);
	if (statements)
		*statements = atomic_load_explicit(&stat_statements, memory_order_relaxed);
}

static int is_pg_url(const char *url)
{
	return strncmp(url, "postgresql://", 13) == 0 ||
	       strncmp(url, "postgres://", 11) == 0;
}

enum err db_open(const char *url, struct db **out, char *errbuf, size_t errlen)
{
	*out = NULL;
	if (errlen)
		errbuf[0] = '\0';
	if (!url || !*url) {
		snprintf(errbuf, errlen, "no database given");
		return E_DB;
	}
	if (is_pg_url(url))
		return db_pg_open(url, out, errbuf, errlen);
	return db_sqlite_open(url, out, errbuf, errlen);
}

void db_close(struct db *db)
{
	if (!db)
		return;
	/* Statements still handed out are freed too: the connection owns them. */
	for (size_t i = 0; i < DB_STMT_CACHE; i++) {
		struct db_stmt *st = db->cache[i];
		if (!st)
			continue;
		char *sql = st->sql;
		db->ops->stmt_free(st, 1);
		xfree(sql);
		db->cache[i] = NULL;
	}
	db->ops->close(db);
}

enum db_kind db_kind(const struct db *db) { return db->ops->kind; }
const char *db_kind_name(const struct db *db) { return db->ops->name; }
const char *db_errmsg(const struct db *db) { return db->errmsg; }

void db_set_error(struct db *db, const char *msg)
{
	if (!msg || !*msg)
		msg = "unknown database error";
	size_t n = strlen(msg);
	while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		n--;
	if (n >= sizeof db->errmsg)
		n = sizeof db->errmsg - 1;
	memcpy(db->errmsg, msg, n);
	db->errmsg[n] = '\0';
}

char *db_rewrite_tokens(const struct db_ops *ops, const char *sql)
{
	const struct {
		const char *token;
		size_t len;
		const char *rep;
	} tokens[] = {
		{"{{ID}}", 6, ops->tok_id},
		{"{{I64}}", 7, ops->tok_i64},
		{"{{STRICT}}", 10, ops->tok_strict},
		{"{{STRICT_NOROWID}}", 18, ops->tok_strict_norowid},
	};
	struct buf b;
	buf_init(&b, SQL_MAX);
	const char *p = sql;
	for (;;) {
		const char *open = strstr(p, "{{");
		if (!open) {
			buf_puts(&b, p);
			break;
		}
		buf_append(&b, p, (size_t)(open - p));
		size_t i;
		for (i = 0; i < sizeof tokens / sizeof tokens[0]; i++)
			if (strncmp(open, tokens[i].token, tokens[i].len) == 0)
				break;
		if (i == sizeof tokens / sizeof tokens[0]) {
			/* Not one of ours: leave it for the database to judge. */
			buf_append(&b, open, 2);
			p = open + 2;
			continue;
		}
		buf_puts(&b, tokens[i].rep);
		p = open + tokens[i].len;
	}
	if (b.failed) {
		buf_free(&b);
		return NULL;
	}
	return b.data ? b.data : xstrdup("");
}

static enum err exec_raw(struct db *db, const char *sql)
{
	uint64_t t = now_ns();
	enum err rc = db->ops->exec(db, sql);
	stat_add(t, 1);
	return rc;
}

enum err db_exec(struct db *db, const char *sql)
{
	if (!strstr(sql, "{{"))
		return exec_raw(db, sql);
	char *text = db_rewrite_tokens(db->ops, sql);
	if (!text) {
		db_set_error(db, "out of memory");
		return E_NOMEM;
	}
	enum err rc = exec_raw(db, text);
	xfree(text);
	return rc;
}

enum err db_begin(struct db *db) { return exec_raw(db, db->ops->begin_sql); }
enum err db_commit(struct db *db) { return exec_raw(db, "COMMIT"); }

enum err db_rollback(struct db *db)
{
	/* Safe to call on any error path: nothing to undo is not an error. */
	if (!db->ops->in_transaction(db))
		return E_OK;
	uint64_t t = now_ns();
	enum err rc = db->ops->rollback(db);
	stat_add(t, 1);
	return rc;
}

int db_in_transaction(struct db *db)
{
	return db->ops->in_transaction(db);
}

enum err db_begin_owned(struct db *db, int *owned)
{
	*owned = !db->ops->in_transaction(db);
	return *owned ? db_begin(db) : E_OK;
}

enum err db_end_owned(struct db *db, int owned, enum err rc)
{
	if (!owned)
		return rc;
	if (rc) {
		db_rollback(db);
		return rc;
	}
	rc = db_commit(db);
	if (rc)
		db_rollback(db);
	return rc;
}

enum err db_lock_schema(struct db *db)
{
	if (!db->ops->lock_schema_sql)
		return E_OK;
	return exec_raw(db, db->ops->lock_schema_sql);
}

enum err db_table_exists(struct db *db, const char *name, int *exists)
{
	struct db_stmt *st = NULL;
	*exists = 0;
	enum err rc = db_prepare(db, db->ops->table_exists_sql, &st);
	if (rc)
		goto out;
	rc = db_bind_text(st, 1, name);
	if (rc)
		goto out;
	int r = db_step(st);
	if (r == DB_ROW)
		*exists = 1;
	else if (r != DB_DONE)
		rc = (enum err)r;
out:
	db_finish(st);
	return rc;
}

static uint64_t hash_sql(const char *s)
{
	/* FNV-1a: a cheap filter before strcmp, not a security boundary. */
	uint64_t h = 14695981039346656037u;
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211u;
	}
	return h;
}

enum err db_prepare(struct db *db, const char *sql, struct db_stmt **out)
{
	*out = NULL;
	uint64_t h = hash_sql(sql);
	size_t free_slot = DB_STMT_CACHE, lru = DB_STMT_CACHE;
	for (size_t i = 0; i < DB_STMT_CACHE; i++) {
		struct db_stmt *st = db->cache[i];
		if (!st) {
			if (free_slot == DB_STMT_CACHE)
				free_slot = i;
			continue;
		}
		if (st->busy)
			continue;
		if (st->hash == h && strcmp(st->sql, sql) == 0) {
			st->busy = 1;
			st->started = 0;
			st->last_used = ++db->tick;
			*out = st;
			return E_OK;
		}
		if (lru == DB_STMT_CACHE || st->last_used < db->cache[lru]->last_used)
			lru = i;
	}

	char *key = xstrdup(sql);
	if (!key) {
		db_set_error(db, "out of memory");
		return E_NOMEM;
	}
	struct db_stmt *st = NULL;
	uint64_t t = now_ns();
	enum err rc = db->ops->prepare(db, sql, &st);
	stat_add(t, 0);
	if (rc) {
		xfree(key);
		return rc;
	}
	st->db = db;
	st->sql = key;
	st->hash = h;
	st->busy = 1;
	st->started = 0;
	st->last_used = ++db->tick;

	size_t slot = free_slot;
	if (slot == DB_STMT_CACHE && lru != DB_STMT_CACHE) {
		struct db_stmt *old = db->cache[lru];
		char *oldsql = old->sql;
		db->ops->stmt_free(old, 0);
		xfree(oldsql);
		db->cache[lru] = NULL;
		slot = lru;
	}
	if (slot != DB_STMT_CACHE) {
		st->cached = 1;
		db->cache[slot] = st;
	}
	/* Otherwise every cached statement is in use: this one is freed on finish. */
	*out = st;
	return E_OK;
}

enum err db_bind_i64(struct db_stmt *st, int idx, int64_t v)
{
	return st->db->ops->bind_i64(st, idx, v);
}

enum err db_bind_text(struct db_stmt *st, int idx, const char *s)
{
	return st->db->ops->bind_text(st, idx, s);
}

enum err db_bind_null(struct db_stmt *st, int idx)
{
	return st->db->ops->bind_text(st, idx, NULL);
}

int db_step(struct db_stmt *st)
{
	uint64_t t = now_ns();
	int r = st->db->ops->step(st);
	stat_add(t, st->started ? 0 : 1);
	st->started = 1;
	return r;
}

int db_col_is_null(struct db_stmt *st, int col) { return st->db->ops->col_is_null(st, col); }
int64_t db_col_i64(struct db_stmt *st, int col) { return st->db->ops->col_i64(st, col); }
const char *db_col_text(struct db_stmt *st, int col) { return st->db->ops->col_text(st, col); }

void db_finish(struct db_stmt *st)
{
	if (!st)
		return;
	struct db *db = st->db;
	db->ops->reset(st);
	st->busy = 0;
	st->started = 0;
	if (!st->cached) {
		char *sql = st->sql;
		db->ops->stmt_free(st, 0);
		xfree(sql);
	}
}
