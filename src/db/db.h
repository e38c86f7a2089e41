/*
 * db.h: the one small storage interface, with two backends behind it.
 *
 * SQLite (the embedded default: one file, WAL, foreign keys, busy timeout,
 * STRICT tables) and PostgreSQL (libpq) run the same SQL text.  Parameters
 * are written PostgreSQL-style, $1 .. $N, in both: the SQLite backend binds
 * them by name.  Where the two dialects differ, the difference lives in the
 * backend, never in a module:
 *   - schema text passed to db_exec() may use three tokens, rewritten by the
 *     backend:  {{ID}}     an auto-assigned 64-bit integer primary key
 *               {{I64}}    a 64-bit integer column type (money in pence)
 *               {{STRICT}} the table option that makes SQLite check types
 *   - errors map onto enum err (a unique violation is E_CONFLICT; a check,
 *     not-null, foreign-key or type violation is E_INVAL);
 *   - ORDER BY text COLLATE "C" sorts by bytes on both (SQLite gets a "C"
 *     collation), whatever the PostgreSQL server's locale.
 * After an error inside a transaction, roll it back: PostgreSQL refuses
 * everything else until then.  db_rollback() outside a transaction is a
 * harmless no-op, so error paths may always call it.
 *
 * A struct db is one connection, used by one thread at a time; the server
 * opens one per worker thread.  Prepared statements are cached per
 * connection and keyed by their SQL text, so preparing the same statement on
 * every request costs a lookup, not a parse.
 */
#ifndef JCS_DB_H
#define JCS_DB_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

enum db_kind { DB_SQLITE, DB_POSTGRES };

/* What db_step() returns besides an enum err. */
enum { DB_ROW = 100, DB_DONE = 101 };

struct db;
struct db_stmt;

/*
 * Open a connection.  url is a postgresql:// or postgres:// URL, or else a
 * file path for SQLite (its folder is created if missing).  On failure
 * returns E_DB or E_IO and writes one line for people into errbuf.
 */
enum err db_open(const char *url, struct db **out, char *errbuf, size_t errlen);
void db_close(struct db *db);
enum db_kind db_kind(const struct db *db);
/* The backend's message for the last error on this connection ("" if none). */
const char *db_errmsg(const struct db *db);
/* "sqlite" or "postgresql", for logs and /healthz. */
const char *db_kind_name(const struct db *db);

/* Run one or more statements that take no parameters (schema, pragmas). */
enum err db_exec(struct db *db, const char *sql);
/*
 * A transaction that may write.  On SQLite it takes the write lock at once
 * (BEGIN IMMEDIATE), waiting up to the busy timeout for other writers,
 * rather than failing midway when a read turns into a write.
 */
enum err db_begin(struct db *db);
enum err db_commit(struct db *db);
enum err db_rollback(struct db *db);
/* 1 while a transaction is open (or was lost and not yet rolled back). */
int db_in_transaction(struct db *db);
/*
 * For a store function that writes a record and its audit row together:
 * begin a transaction unless the caller already holds one (an import that
 * must be all or nothing), and *owned says which.  db_end_owned() then
 * commits (rc == E_OK) or rolls back only a transaction this call began,
 * and returns rc or the commit's error.  A caller's own transaction is left
 * to the caller, who rolls everything back on any error.
 */
enum err db_begin_owned(struct db *db, int *owned);
enum err db_end_owned(struct db *db, int owned, enum err rc);

/*
 * A prepared statement from the connection's cache.  It belongs to the
 * connection: the caller binds, steps, and calls db_finish() when done
 * (which clears bindings and results and returns it to the cache).
 */
enum err db_prepare(struct db *db, const char *sql, struct db_stmt **out);
/* idx counts from 1, like $1. */
enum err db_bind_i64(struct db_stmt *st, int idx, int64_t v);
/* s == NULL binds SQL NULL.  The text is copied. */
enum err db_bind_text(struct db_stmt *st, int idx, const char *s);
enum err db_bind_null(struct db_stmt *st, int idx);
/* DB_ROW with a row to read, DB_DONE at the end, or an enum err. */
int db_step(struct db_stmt *st);
/* Columns count from 0.  Text is valid until the next step or finish. */
int db_col_is_null(struct db_stmt *st, int col);
int64_t db_col_i64(struct db_stmt *st, int col);
const char *db_col_text(struct db_stmt *st, int col); /* NULL for SQL NULL */
void db_finish(struct db_stmt *st);

/*
 * Time spent inside the database by all connections since start, for
 * /metrics: total nanoseconds and number of statements executed.
 */
void db_stats(uint64_t *ns_total, uint64_t *statements);

#endif
