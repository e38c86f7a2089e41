/*
 * store.h: the steps every module's store files share (partnerships and
 * organisations, areas, boards, people, sessions, API tokens, the audit
 * trail), written once so that those files differ only in their SQL and
 * their records.
 *
 * The conventions these helpers carry: text read from the database is
 * copied into the caller's pool; an id of 0 means "none" and is SQL NULL;
 * a list is read with LIMIT max+1, so "too many" (E_TOOBIG) is found
 * without counting first; a write and its audit event run in one
 * transaction, which the store function holds (db_begin_owned).  SQL is
 * always the caller's literal, never built from input: helpers that take
 * sql bind the integers of args as $1 .. $nargs.
 *
 * For store files only; handlers and importers may quote STORE_NAME_MAX
 * and clean text the way the store will (store_text_clean), nothing else.
 */
#ifndef JCS_STORE_H
#define JCS_STORE_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

struct actor;
struct db;
struct db_stmt;
struct pool;

/* Names of organisations, areas and boards: 1..255 bytes once trimmed. */
#define STORE_NAME_MAX 255
/* The pool a write keeps for the record's state before the change. */
#define STORE_POOL_LIMIT (64u << 10)

/* ---- text ---- */

/* s without white space at either end: its first byte, and *len bytes
 * from there.  NULL counts as "". */
const char *store_trim(const char *s, size_t *len);
/*
 * Trims white space from both ends of text and copies the rest into out
 * (max + 1 bytes).  Returns its length, or -1 when that is over max bytes,
 * is not UTF-8 or holds a control character (tabs and line breaks are
 * allowed when multiline).  NULL text gives "" (0).
 */
long store_text_clean(const char *text, size_t max, int multiline, char *out);

/*
 * The search words q as a LIKE pattern, "%q%" with LIKE's own characters
 * escaped (for "LIKE ... ESCAPE '\\'"), cleaned as names are, into the
 * pool: *out NULL when q is empty (no filter).  E_INVAL when q could not
 * be a name (too long, control characters).
 */
enum err store_like_pattern(struct pool *pool, const char *q, const char **out);

/* ---- columns and parameters ---- */

/* A text column copied into the pool; SQL NULL gives NULL. */
enum err store_col_str(struct db_stmt *st, int col, struct pool *pool, const char **out);
/* An integer column that may be NULL (an optional id, a decile): NULL
 * gives 0. */
int64_t store_col_opt(struct db_stmt *st, int col);
/* Binds $idx v, or SQL NULL for 0 (no id, no value): the reverse. */
enum err store_bind_opt(struct db_stmt *st, int idx, int64_t v);

/* ---- stepping ---- */

/* Steps an INSERT ... RETURNING id; id may be NULL. */
enum err store_insert_returning(struct db_stmt *st, int64_t *id);
/* Steps a statement that returns no rows (UPDATE): E_OK when done. */
enum err store_step_done(struct db_stmt *st);
/* Steps a statement that returns one integer (COUNT(*)) into *v. */
enum err store_step_i64(struct db_stmt *st, int64_t *v);
/* Steps to the first row: E_OK with a row to read, E_NOTFOUND with none. */
enum err store_step_row(struct db_stmt *st);
/*
 * For loops over rows: `while (store_next(st, &rc)) { read the row }`.
 * Returns 1 with a row to read; 0 at the end (*rc E_OK) or on an error
 * (*rc says which).
 */
int store_next(struct db_stmt *st, enum err *rc);

/* ---- reading records ---- */

/* Reads the current row of st into *row (an element of the caller's array). */
typedef enum err (*store_row_fn)(struct db_stmt *st, struct pool *pool, void *row);
/* Steps st once and reads its row with fn; E_NOTFOUND when there is none. */
enum err store_read_one(struct db_stmt *st, struct pool *pool, store_row_fn fn, void *row);
/*
 * Steps st to its end, reading each row with fn into an array of elements
 * of size bytes, which goes into the pool once (so the pool holds exactly
 * *n elements).  More than max rows is E_TOOBIG; *out is NULL when *n is 0
 * or on error.
 */
enum err store_read_rows(struct db_stmt *st, struct pool *pool, size_t size, size_t max,
			 store_row_fn fn, void **out, size_t *n);
/* The one row of sql (with args) read by fn into *row; E_NOTFOUND if none. */
enum err store_get(struct db *db, struct pool *pool, const char *sql, const int64_t *args,
		   size_t nargs, store_row_fn fn, void *row);
/*
 * The one row of sql whose $1 is the partnership and $2 a name, cleaned
 * as names are before they are stored (store_text_clean, STORE_NAME_MAX):
 * so a name that could not be stored matches nothing (E_NOTFOUND).
 */
enum err store_get_by_name(struct db *db, struct pool *pool, const char *sql,
			   int64_t partnership_id, const char *name, store_row_fn fn, void *row);
/*
 * Every row of sql (with args), read as store_read_rows() does.  sql ends
 * in "LIMIT $<nargs + 1>", which is bound to max + 1.
 */
enum err store_list(struct db *db, struct pool *pool, const char *sql, const int64_t *args,
		    size_t nargs, size_t size, size_t max, store_row_fn fn, void **out,
		    size_t *n);
/* The one integer sql (with args) returns, such as a COUNT(*). */
enum err store_count(struct db *db, const char *sql, const int64_t *args, size_t nargs,
		     int64_t *n);
/*
 * Rearranges rows (n elements of size bytes, siblings already in the order
 * wanted) into tree order: each row followed by its children, depth-first.
 * id_off and parent_off are the offsetof() of int64_t fields (parent 0: a
 * root), depth_off that of the int depth field, which is set.  A row whose
 * parent is missing, or that sits on a cycle, is treated as a root.
 */
enum err store_tree_order(void *rows, size_t n, size_t size, size_t id_off,
			  size_t parent_off, size_t depth_off);

/* ---- writing records, with their audit events ---- */

/* A record as people see it, for the audit trail: never a secret.  NULL
 * when it cannot be built (no memory). */
typedef json_t *(*store_json_fn)(const void *row);

/*
 * A kind of record, as the audit trail, writes and retirement see it.
 * name and json are for every kind; bind and the SQL beside it for those
 * written with store_add() and store_update(); the rest for records that
 * are retired rather than deleted (store_set_retired): in_use_sql for
 * those that current records need (a tree's children, an organisation's
 * board seats), tree and parent_off for trees, whose retirement must keep
 * them whole.
 */
struct store_entity {
	const char *name;          /* audit.h's entity: "organisation", "area" ... */
	store_json_fn json;
	/* Binds the columns a person edits, from a row, as $3, $4 ... */
	enum err (*bind)(struct db_stmt *st, const void *row);
	/* "INSERT INTO t (partnership_id, created_at, <columns>)
	 *  VALUES ($1, $2, $3 ...) RETURNING id" */
	const char *insert_sql;
	/* "UPDATE t SET <columns> = $3 ... WHERE partnership_id = $1 AND id = $2" */
	const char *update_sql;
	const char *get_sql;       /* one row: $1 the partnership, $2 the id */
	store_row_fn read;         /* reads a row of get_sql */
	size_t size;               /* of the row struct */
	size_t retired_off;        /* offsetof() its const char *retired_at */
	/* "UPDATE t SET retired_at = $3 WHERE partnership_id = $1 AND id = $2" */
	const char *retire_sql;
	/*
	 * What must end before the record is retired: COUNT(*) queries of the
	 * current records that need it ($1 the partnership, $2 its id), the
	 * list ended by NULL; retiring it while any counts more than 0 is
	 * E_CONFLICT.  A tree's first is its current children.  NULL: nothing
	 * needs it.
	 */
	const char *const *in_use_sql;
	/* 1 for a tree: reinstating a record below a retired one is
	 * E_CONFLICT. */
	int tree;
	size_t parent_off;         /* offsetof() its int64_t parent id (0: a root) */
};

/*
 * 1 when before and after look the same to people (e->json renders them
 * alike): a save that changes nothing writes nothing and records nothing.
 * 0 when they differ, or cannot be rendered (the audit that follows the
 * write then fails with E_NOMEM and the write is rolled back).
 */
int store_unchanged(const struct store_entity *e, const void *before, const void *after);
/*
 * Records action on record id of kind e: before and after (either may be
 * NULL: a creation has no before) rendered by e->json.  In the caller's
 * transaction; E_NOMEM when the JSON cannot be built.
 */
enum err store_audit(struct db *db, const struct actor *who, const struct store_entity *e,
		     int64_t partnership_id, const char *action, int64_t id, const void *before,
		     const void *after);
/*
 * Adds a record of kind e to the partnership (e->insert_sql, created now),
 * with its audit event (action, after: row, whose id is not read); *id
 * gets the new id.  In the caller's transaction.
 */
enum err store_add(struct db *db, const struct actor *who, const struct store_entity *e,
		   int64_t partnership_id, const char *action, const void *row, int64_t *id);
/*
 * Saves record id as after (e->update_sql) and records "update" from
 * before, unless the two look the same (store_unchanged): then nothing is
 * written or recorded.  In the caller's transaction.
 */
enum err store_update(struct db *db, const struct actor *who, const struct store_entity *e,
		      int64_t partnership_id, int64_t id, const void *before, const void *after);
/*
 * Writes record id's retired_at (NULL clears it) with e->retire_sql and
 * records action, before and after (the record as it was and as it is
 * now).  In the caller's transaction.
 */
enum err store_write_retired(struct db *db, const struct actor *who,
			     const struct store_entity *e, int64_t partnership_id, int64_t id,
			     const char *retired_at, const char *action, const void *before,
			     const void *after);
/*
 * Retires (retired 1) or reinstates (0) record id of kind e in its own
 * transaction, or the caller's: E_NOTFOUND when there is none in the
 * partnership; nothing is written or recorded when it is already so.
 * E_CONFLICT when retiring a record still in use (e->in_use_sql), or
 * reinstating a tree's record below a retired one.
 */
enum err store_set_retired(struct db *db, const struct actor *who, const struct store_entity *e,
			   int64_t partnership_id, int64_t id, int retired);

#endif
