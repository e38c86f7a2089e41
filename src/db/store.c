/*
 * store.c: the helpers behind store.h.
 *
 * Lists are built in a heap array and copied into the pool once at the
 * end, so the pool holds exactly n entries rather than every doubling of
 * a growing array.  The helpers that take sql and an array of integers
 * exist because most store queries are "this partnership, this id": they
 * turn five lines of prepare, bind, step and finish into one call while
 * the SQL stays a literal in the store file that owns the table.
 *
 * Writes go through a struct store_entity, one description of a kind of
 * record (its SQL, how it binds, how people see it), so that adding,
 * saving and retiring are written once: every change audited in the same
 * transaction, an unchanged save writing nothing, nothing retired twice
 * or while current records need it, trees kept whole.
 * store_set_retired() and store_tree_order() reach the caller's structs
 * through offsetof() values, as qsort() does, rather than one copy of the
 * rules per record type that could drift apart.
 */
#include "db/store.h"

#include <stdlib.h>
#include <string.h>

#include "audit/audit.h"
#include "core/alloc.h"
#include "core/clock.h"
#include "core/pool.h"
#include "core/utf8.h"
#include "db/db.h"

/* ---- text ---- */

static int is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

const char *store_trim(const char *s, size_t *len)
{
	size_t n;
	if (!s)
		s = "";
	n = strlen(s);
	while (n && is_space((unsigned char)*s)) {
		s++;
		n--;
	}
	while (n && is_space((unsigned char)s[n - 1]))
		n--;
	*len = n;
	return s;
}

long store_text_clean(const char *text, size_t max, int multiline, char *out)
{
	size_t len;
	const unsigned char *s = (const unsigned char *)store_trim(text, &len);
	if (len > max || !utf8_valid((const char *)s, len))
		return -1;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = s[i];
		if (multiline && (c == '\n' || c == '\r' || c == '\t'))
			continue;
		/* C0 controls, DEL, and C1 controls (U+0080..U+009F, C2 80..C2 9F). */
		if (c < 0x20 || c == 0x7f || (c == 0xc2 && i + 1 < len && s[i + 1] <= 0x9f))
			return -1;
	}
	memcpy(out, s, len);
	out[len] = '\0';
	return (long)len;
}

enum err store_like_pattern(struct pool *pool, const char *q, const char **out)
{
	char clean[STORE_NAME_MAX + 1];
	long len = store_text_clean(q, STORE_NAME_MAX, 0, clean);
	*out = NULL;
	if (len < 0)
		return E_INVAL;
	if (len == 0)
		return E_OK;
	char *p = pool_alloc(pool, 2 * (size_t)len + 3);
	if (!p)
		return E_NOMEM;
	size_t k = 0;
	p[k++] = '%';
	for (long i = 0; i < len; i++) {
		if (clean[i] == '%' || clean[i] == '_' || clean[i] == '\\')
			p[k++] = '\\';
		p[k++] = clean[i];
	}
	p[k++] = '%';
	p[k] = '\0';
	*out = p;
	return E_OK;
}

/* ---- columns and parameters ---- */

enum err store_col_str(struct db_stmt *st, int col, struct pool *pool, const char **out)
{
	const char *s = db_col_text(st, col);
	*out = NULL;
	if (!s)
		return E_OK;
	*out = pool_strdup(pool, s);
	return *out ? E_OK : E_NOMEM;
}

int64_t store_col_opt(struct db_stmt *st, int col)
{
	return db_col_is_null(st, col) ? 0 : db_col_i64(st, col);
}

enum err store_bind_opt(struct db_stmt *st, int idx, int64_t v)
{
	return v ? db_bind_i64(st, idx, v) : db_bind_null(st, idx);
}

/* Binds args as $1 .. $nargs. */
static enum err bind_args(struct db_stmt *st, const int64_t *args, size_t nargs)
{
	enum err rc = E_OK;
	for (size_t i = 0; i < nargs && rc == E_OK; i++)
		rc = db_bind_i64(st, (int)i + 1, args[i]);
	return rc;
}

/* ---- stepping ---- */

enum err store_insert_returning(struct db_stmt *st, int64_t *id)
{
	int r = db_step(st);
	if (r != DB_ROW)
		return r == DB_DONE ? E_DB : (enum err)r;
	if (id)
		*id = db_col_i64(st, 0);
	return E_OK;
}

enum err store_step_done(struct db_stmt *st)
{
	int r = db_step(st);
	if (r == DB_DONE)
		return E_OK;
	return r == DB_ROW ? E_DB : (enum err)r;
}

enum err store_step_i64(struct db_stmt *st, int64_t *v)
{
	int r = db_step(st);
	if (r != DB_ROW)
		return r == DB_DONE ? E_DB : (enum err)r;
	*v = db_col_i64(st, 0);
	return E_OK;
}

enum err store_step_row(struct db_stmt *st)
{
	int r = db_step(st);
	if (r == DB_ROW)
		return E_OK;
	return r == DB_DONE ? E_NOTFOUND : (enum err)r;
}

int store_next(struct db_stmt *st, enum err *rc)
{
	int r = db_step(st);
	*rc = r == DB_ROW || r == DB_DONE ? E_OK : (enum err)r;
	return r == DB_ROW;
}

/* ---- reading records ---- */

enum err store_read_one(struct db_stmt *st, struct pool *pool, store_row_fn fn, void *row)
{
	enum err rc = store_step_row(st);
	return rc ? rc : fn(st, pool, row);
}

enum err store_read_rows(struct db_stmt *st, struct pool *pool, size_t size, size_t max,
			 store_row_fn fn, void **out, size_t *n)
{
	unsigned char *rows = NULL;
	size_t count = 0, cap = 0;
	enum err rc = E_OK;
	*out = NULL;
	*n = 0;
	while (store_next(st, &rc)) {
		if (count == max) {
			rc = E_TOOBIG;
			goto out;
		}
		if (count == cap) {
			size_t ncap = cap ? cap * 2 : 16;
			unsigned char *grown = xrealloc(rows, ncap * size);
			if (!grown) {
				rc = E_NOMEM;
				goto out;
			}
			rows = grown;
			cap = ncap;
		}
		memset(rows + count * size, 0, size);
		rc = fn(st, pool, rows + count * size);
		if (rc)
			goto out;
		count++;
	}
	if (rc)
		goto out;
	if (count) {
		void *copy = pool_alloc(pool, count * size);
		if (!copy) {
			rc = E_NOMEM;
			goto out;
		}
		memcpy(copy, rows, count * size);
		*out = copy;
	}
	*n = count;
out:
	xfree(rows);
	return rc;
}

enum err store_get(struct db *db, struct pool *pool, const char *sql, const int64_t *args,
		   size_t nargs, store_row_fn fn, void *row)
{
	struct db_stmt *st = NULL;
	enum err rc = db_prepare(db, sql, &st);
	if (rc == E_OK && (rc = bind_args(st, args, nargs)) == E_OK)
		rc = store_read_one(st, pool, fn, row);
	db_finish(st);
	return rc;
}

enum err store_get_by_name(struct db *db, struct pool *pool, const char *sql,
			   int64_t partnership_id, const char *name, store_row_fn fn, void *row)
{
	struct db_stmt *st = NULL;
	char clean[STORE_NAME_MAX + 1];
	if (store_text_clean(name, STORE_NAME_MAX, 0, clean) <= 0)
		return E_NOTFOUND;
	enum err rc = db_prepare(db, sql, &st);
	if (rc == E_OK && (rc = db_bind_i64(st, 1, partnership_id)) == E_OK &&
	    (rc = db_bind_text(st, 2, clean)) == E_OK)
		rc = store_read_one(st, pool, fn, row);
	db_finish(st);
	return rc;
}

enum err store_list(struct db *db, struct pool *pool, const char *sql, const int64_t *args,
		    size_t nargs, size_t size, size_t max, store_row_fn fn, void **out,
		    size_t *n)
{
	struct db_stmt *st = NULL;
	*out = NULL;
	*n = 0;
	enum err rc = db_prepare(db, sql, &st);
	if (rc == E_OK && (rc = bind_args(st, args, nargs)) == E_OK &&
	    (rc = db_bind_i64(st, (int)nargs + 1, (int64_t)max + 1)) == E_OK)
		rc = store_read_rows(st, pool, size, max, fn, out, n);
	db_finish(st);
	return rc;
}

enum err store_count(struct db *db, const char *sql, const int64_t *args, size_t nargs,
		     int64_t *n)
{
	struct db_stmt *st = NULL;
	enum err rc = db_prepare(db, sql, &st);
	if (rc == E_OK && (rc = bind_args(st, args, nargs)) == E_OK)
		rc = store_step_i64(st, n);
	db_finish(st);
	return rc;
}

struct id_index {
	int64_t id;
	size_t idx;
};

static int id_index_cmp(const void *a, const void *b)
{
	const struct id_index *x = a, *y = b;
	return (x->id > y->id) - (x->id < y->id);
}

static int64_t field_i64(const unsigned char *row, size_t off)
{
	int64_t v;
	memcpy(&v, row + off, sizeof v);
	return v;
}

#define NONE ((size_t)-1)

enum err store_tree_order(void *rows, size_t n, size_t size, size_t id_off,
                          size_t parent_off, size_t depth_off)
{
	unsigned char *base = rows, *tmp = NULL, *seen = NULL;
	struct id_index *byid = NULL;
	/* first[i]: i's first child (consumed as the walk's cursor), last[i]
	 * its last, next[i] its next sibling; starts: the roots in sibling
	 * order; order and depth: the result. */
	size_t *first = NULL, *last, *next, *stack, *starts, *order;
	int *depth = NULL;
	enum err rc = E_NOMEM;
	if (n == 0)
		return E_OK;
	byid = xmalloc(n * sizeof *byid);
	first = xmalloc(6 * n * sizeof *first);
	depth = xmalloc(n * sizeof *depth);
	seen = xcalloc(n, 1);
	tmp = xmalloc(n * size);
	if (!byid || !first || !depth || !seen || !tmp)
		goto out;
	last = first + n;
	next = last + n;
	stack = next + n;
	starts = stack + n;
	order = starts + n;
	for (size_t i = 0; i < n; i++) {
		byid[i].id = field_i64(base + i * size, id_off);
		byid[i].idx = i;
		first[i] = last[i] = next[i] = NONE;
	}
	qsort(byid, n, sizeof *byid, id_index_cmp);
	size_t nstarts = 0;
	for (size_t i = 0; i < n; i++) {
		struct id_index key = {field_i64(base + i * size, parent_off), 0};
		struct id_index *p = key.id ? bsearch(&key, byid, n, sizeof *byid, id_index_cmp) : NULL;
		if (!p || p->idx == i) {
			starts[nstarts++] = i;
			continue;
		}
		if (last[p->idx] == NONE)
			first[p->idx] = i;
		else
			next[last[p->idx]] = i;
		last[p->idx] = i;
	}
	/* Depth-first from each root, then (second pass) from anything a
	 * cycle kept out of reach, so every row appears exactly once. */
	size_t k = 0;
	for (int pass = 0; pass < 2; pass++) {
		for (size_t s = 0; s < (pass ? n : nstarts); s++) {
			size_t root = pass ? s : starts[s], top = 0;
			if (seen[root])
				continue;
			seen[root] = 1;
			order[k] = root;
			depth[k++] = 0;
			stack[top++] = root;
			while (top) {
				size_t cur = stack[top - 1], c = first[cur];
				if (c == NONE) {
					top--;
					continue;
				}
				first[cur] = next[c];
				if (seen[c])
					continue;
				seen[c] = 1;
				order[k] = c;
				depth[k++] = (int)top;
				stack[top++] = c;
			}
		}
	}
	for (size_t j = 0; j < n; j++) {
		memcpy(tmp + j * size, base + order[j] * size, size);
		memcpy(tmp + j * size + depth_off, &depth[j], sizeof depth[j]);
	}
	memcpy(base, tmp, n * size);
	rc = E_OK;
out:
	xfree(byid);
	xfree(first);
	xfree(depth);
	xfree(seen);
	xfree(tmp);
	return rc;
}

/* ---- writing records, with their audit events ---- */

int store_unchanged(const struct store_entity *e, const void *before, const void *after)
{
	json_t *b = e->json(before), *a = e->json(after);
	int same = b && a && json_equal(b, a);
	json_decref(b);
	json_decref(a);
	return same;
}

enum err store_audit(struct db *db, const struct actor *who, const struct store_entity *e,
		     int64_t partnership_id, const char *action, int64_t id, const void *before,
		     const void *after)
{
	json_t *b = before ? e->json(before) : NULL;
	json_t *a = after ? e->json(after) : NULL;
	enum err rc = E_NOMEM;
	if ((!before || b) && (!after || a))
		rc = audit_record(db, who, partnership_id, action, e->name, id, b, a);
	json_decref(b);
	json_decref(a);
	return rc;
}

enum err store_add(struct db *db, const struct actor *who, const struct store_entity *e,
		   int64_t partnership_id, const char *action, const void *row, int64_t *id)
{
	struct db_stmt *st = NULL;
	char now[CLOCK_ISO_SIZE];
	clock_iso_now(now);
	enum err rc = db_prepare(db, e->insert_sql, &st);
	if (rc == E_OK && (rc = db_bind_i64(st, 1, partnership_id)) == E_OK &&
	    (rc = db_bind_text(st, 2, now)) == E_OK && (rc = e->bind(st, row)) == E_OK)
		rc = store_insert_returning(st, id);
	db_finish(st);
	if (rc)
		return rc;
	return store_audit(db, who, e, partnership_id, action, *id, NULL, row);
}

enum err store_update(struct db *db, const struct actor *who, const struct store_entity *e,
		      int64_t partnership_id, int64_t id, const void *before, const void *after)
{
	struct db_stmt *st = NULL;
	if (store_unchanged(e, before, after))
		return E_OK;
	enum err rc = db_prepare(db, e->update_sql, &st);
	if (rc == E_OK && (rc = db_bind_i64(st, 1, partnership_id)) == E_OK &&
	    (rc = db_bind_i64(st, 2, id)) == E_OK && (rc = e->bind(st, after)) == E_OK)
		rc = store_step_done(st);
	db_finish(st);
	if (rc)
		return rc;
	return store_audit(db, who, e, partnership_id, "update", id, before, after);
}

enum err store_write_retired(struct db *db, const struct actor *who,
			     const struct store_entity *e, int64_t partnership_id, int64_t id,
			     const char *retired_at, const char *action, const void *before,
			     const void *after)
{
	struct db_stmt *st = NULL;
	enum err rc = db_prepare(db, e->retire_sql, &st);
	if (rc == E_OK && (rc = db_bind_i64(st, 1, partnership_id)) == E_OK &&
	    (rc = db_bind_i64(st, 2, id)) == E_OK && (rc = db_bind_text(st, 3, retired_at)) == E_OK)
		rc = store_step_done(st);
	db_finish(st);
	if (rc)
		return rc;
	return store_audit(db, who, e, partnership_id, action, id, before, after);
}

static const char *field_str(const unsigned char *row, size_t off)
{
	const char *v;
	memcpy(&v, row + off, sizeof v);
	return v;
}

/*
 * Nothing current is left needing a retired record (below it in a tree,
 * or holding it, as a board seat holds an organisation): so retiring
 * record id while any of e->in_use_sql counts a record, or reinstating a
 * tree's record (row) below a retired parent, is E_CONFLICT.
 */
static enum err keep_whole(struct db *db, struct pool *pool, const struct store_entity *e,
			   int64_t partnership_id, int64_t id, const unsigned char *row, int retired)
{
	enum err rc = E_OK;
	if (retired) {
		const int64_t args[] = {partnership_id, id};
		for (const char *const *sql = e->in_use_sql; rc == E_OK && sql && *sql; sql++) {
			int64_t count = 0;
			rc = store_count(db, *sql, args, 2, &count);
			if (rc == E_OK && count > 0)
				rc = E_CONFLICT;
		}
	} else if (e->tree && field_i64(row, e->parent_off)) {
		const int64_t args[] = {partnership_id, field_i64(row, e->parent_off)};
		unsigned char *parent = pool_zalloc(pool, e->size);
		rc = parent ? store_get(db, pool, e->get_sql, args, 2, e->read, parent) : E_NOMEM;
		if (rc == E_OK && field_str(parent, e->retired_off))
			rc = E_CONFLICT;
	}
	return rc;
}

enum err store_set_retired(struct db *db, const struct actor *who, const struct store_entity *e,
			   int64_t partnership_id, int64_t id, int retired)
{
	const int64_t args[] = {partnership_id, id};
	struct pool tmp;
	char now[CLOCK_ISO_SIZE];
	const char *retired_at = NULL;
	int owned = 0;
	pool_init(&tmp, STORE_POOL_LIMIT);
	unsigned char *old = pool_zalloc(&tmp, e->size), *row = pool_zalloc(&tmp, e->size);
	enum err rc = old && row ? db_begin_owned(db, &owned) : E_NOMEM;
	if (rc)
		goto done;
	rc = store_get(db, &tmp, e->get_sql, args, 2, e->read, old);
	if (rc || (field_str(old, e->retired_off) != NULL) == (retired != 0))
		goto out; /* not found, or already so: nothing to do */
	if ((rc = keep_whole(db, &tmp, e, partnership_id, id, old, retired)))
		goto out;
	if (retired) {
		clock_iso_now(now);
		retired_at = now;
	}
	memcpy(row, old, e->size);
	memcpy(row + e->retired_off, &retired_at, sizeof retired_at);
	rc = store_write_retired(db, who, e, partnership_id, id, retired_at,
				 retired ? "retire" : "reinstate", old, row);
out:
	rc = db_end_owned(db, owned, rc);
done:
	pool_free(&tmp);
	return rc;
}
