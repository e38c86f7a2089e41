/*
 * db_impl.h: what db.c shares with its two backends (private to src/db/).
 *
 * db.c owns everything both backends have in common: the URL dispatch, the
 * schema-token rewrite, the statement cache, the error text and the timing
 * counters.  A backend fills in a struct db_ops and embeds struct db (and
 * struct db_stmt) as the first member of its own connection (and statement)
 * struct, so db.c can hand the same pointer to either.  Where the SQL
 * dialects differ, the backend says so with data (the token replacements, the
 * statement that starts a transaction) rather than with code in db.c.
 */
#ifndef JCS_DB_IMPL_H
#define JCS_DB_IMPL_H

#include <stddef.h>
#include <stdint.h>

#include "db/db.h"

struct db_ops {
	enum db_kind kind;
	const char *name;          /* "sqlite" or "postgresql" */
	/* What the schema tokens {{ID}}, {{I64}} and {{STRICT}} become. */
	const char *tok_id;
	const char *tok_i64;
	const char *tok_strict;
	/* A table whose storage order must not follow insertion order (no
	 * hidden rowid counting up); nothing on PostgreSQL. */
	const char *tok_strict_norowid;
	/* Starts a transaction that may write. */
	const char *begin_sql;
	/*
	 * Run inside a transaction to serialise schema changes across
	 * processes; NULL when begin_sql already takes the write lock.
	 */
	const char *lock_schema_sql;
	/* One parameter ($1, a table name); returns a row if the table exists. */
	const char *table_exists_sql;

	void (*close)(struct db *db);
	/* Runs SQL that has already had its tokens rewritten. */
	enum err (*exec)(struct db *db, const char *sql);
	int (*in_transaction)(struct db *db);
	/* Called only when in_transaction() says there is one. */
	enum err (*rollback)(struct db *db);

	/* A new statement (the shared header zeroed), or an error. */
	enum err (*prepare)(struct db *db, const char *sql, struct db_stmt **out);
	/* Forget bindings and results, ready to bind and step again. */
	void (*reset)(struct db_stmt *st);
	/*
	 * Free a statement; closing says the connection is about to close, so
	 * anything held on the server goes with it anyway.
	 */
	void (*stmt_free)(struct db_stmt *st, int closing);
	enum err (*bind_i64)(struct db_stmt *st, int idx, int64_t v);
	/* s == NULL binds SQL NULL. */
	enum err (*bind_text)(struct db_stmt *st, int idx, const char *s);
	int (*step)(struct db_stmt *st);
	int (*col_is_null)(struct db_stmt *st, int col);
	int64_t (*col_i64)(struct db_stmt *st, int col);
	const char *(*col_text)(struct db_stmt *st, int col);
};

/* Prepared statements kept per connection; the least recently used goes. */
#define DB_STMT_CACHE 64

struct db {
	const struct db_ops *ops;
	struct db_stmt *cache[DB_STMT_CACHE]; /* NULL slots are free */
	uint64_t tick;                        /* for least-recently-used */
	char errmsg[512];
};

struct db_stmt {
	struct db *db;
	char *sql;          /* the cache key (owned) */
	uint64_t hash;      /* of sql, to skip most string compares */
	uint64_t last_used; /* db->tick when last handed out */
	int busy;           /* handed out and not yet finished */
	int cached;         /* in db->cache (else freed by db_finish) */
	int started;        /* stepped since it was handed out (for stats) */
};

/* The backends' constructors, called by db_open(). */
enum err db_sqlite_open(const char *path, struct db **out, char *errbuf, size_t errlen);
enum err db_pg_open(const char *url, struct db **out, char *errbuf, size_t errlen);

/* Record the backend's message for db_errmsg() (a trailing newline is cut). */
void db_set_error(struct db *db, const char *msg);

/* sql with the schema tokens replaced for ops' dialect, or NULL (no memory). */
char *db_rewrite_tokens(const struct db_ops *ops, const char *sql);

/*
 * For migrate.c: inside a transaction, wait until no other process is
 * changing the schema (pg_advisory_xact_lock on PostgreSQL; on SQLite the
 * transaction already holds the write lock).
 */
enum err db_lock_schema(struct db *db);
/* *exists = whether a table of that name exists in the current schema. */
enum err db_table_exists(struct db *db, const char *name, int *exists);

#endif
