/*
 * partnership_store.c: the SQL behind partnership.h, and the helpers the
 * module's other store files (area_store.c, board_store.c) share.
 *
 * Isolation lives here: every organisation query takes the partnership id
 * and puts it in its WHERE clause, so a handler cannot forget it.  Input is
 * checked (and trimmed) before it reaches the database, so callers get a
 * clear E_INVAL rather than a constraint message, and both backends refuse
 * the same things; the schema's CHECK constraints stay as the backstop.
 *
 * A write and its audit event share one transaction (db_begin_owned), so
 * there is never a change without its record.  A write that changes
 * nothing a person could see (the same values saved again) writes nothing
 * and records nothing: comparing the before and after JSON decides.
 *
 * Lists are read with LIMIT max+1, so "too many" is detected without
 * counting first, and are built in a heap array then copied into the pool
 * once, so the pool holds exactly n entries rather than every doubling.
 */
#include "partnership/partnership.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "audit/audit.h"
#include "core/alloc.h"
#include "core/clock.h"
#include "core/pool.h"
#include "db/db.h"
#include "http/urlencoded.h" /* utf8_valid() */

#define SLUG_MAX_BYTES 63
/* partnership_list(): the CLI's listing; far more than one server holds. */
#define PARTNERSHIP_LIST_MAX 1000

static const struct code_label types[] = {
	{"county_council", "County council"},
	{"unitary_council", "Unitary council"},
	{"district_council", "District council"},
	{"nhs", "NHS body"},
	{"school", "School or academy"},
	{"police", "Police"},
	{"voluntary", "Voluntary and community sector"},
	{"private", "Private sector"},
	{"other", "Other"},
};

static const struct code_label roles[] = {
	{"commissioner", "Commissioner"},
	{"provider", "Provider"},
	{"both", "Commissioner and provider"},
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

const char *code_label_find(const struct code_label *t, size_t n, const char *code)
{
	for (size_t i = 0; code && i < n; i++)
		if (strcmp(code, t[i].code) == 0)
			return t[i].label;
	return NULL;
}

int organisation_type_valid(const char *type) { return code_label_find(types, NELEM(types), type) != NULL; }
int organisation_role_valid(const char *role) { return code_label_find(roles, NELEM(roles), role) != NULL; }

const char *organisation_type_label(const char *type)
{
	const char *l = code_label_find(types, NELEM(types), type);
	return l ? l : "Other";
}

const char *organisation_role_label(const char *role)
{
	const char *l = code_label_find(roles, NELEM(roles), role);
	return l ? l : "Other";
}

/* ---- helpers shared by the module's store files ---- */

static int is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

long store_text_clean(const char *text, size_t max, int multiline, char *out)
{
	const unsigned char *s = (const unsigned char *)(text ? text : "");
	size_t len = strlen((const char *)s);
	while (len && is_space(*s)) {
		s++;
		len--;
	}
	while (len && is_space(s[len - 1]))
		len--;
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

enum err store_col_str(struct db_stmt *st, int col, struct pool *pool, const char **out)
{
	const char *s = db_col_text(st, col);
	*out = NULL;
	if (!s)
		return E_OK;
	*out = pool_strdup(pool, s);
	return *out ? E_OK : E_NOMEM;
}

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

enum err store_read_one(struct db_stmt *st, struct pool *pool, store_row_fn fn, void *row)
{
	int r = db_step(st);
	if (r == DB_DONE)
		return E_NOTFOUND;
	if (r != DB_ROW)
		return (enum err)r;
	return fn(st, pool, row);
}

enum err store_read_rows(struct db_stmt *st, struct pool *pool, size_t size, size_t max,
                         store_row_fn fn, void **out, size_t *n)
{
	unsigned char *rows = NULL;
	size_t count = 0, cap = 0;
	enum err rc = E_OK;
	*out = NULL;
	*n = 0;
	for (;;) {
		int r = db_step(st);
		if (r == DB_DONE)
			break;
		if (r != DB_ROW) {
			rc = (enum err)r;
			goto out;
		}
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

/* ---- partnerships ---- */

/* Lower-case letters, digits and inner hyphens: it appears in URLs. */
static int slug_ok(const char *s)
{
	size_t n = s ? strlen(s) : 0;
	if (n == 0 || n > SLUG_MAX_BYTES || s[0] == '-' || s[n - 1] == '-')
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
			return 0;
	return 1;
}

/* Reads one partnership from a statement selecting id, slug, name. */
static enum err read_partnership(struct db_stmt *st, struct pool *pool, void *row)
{
	struct partnership *out = row;
	enum err rc;
	out->id = db_col_i64(st, 0);
	if ((rc = store_col_str(st, 1, pool, &out->slug)) ||
	    (rc = store_col_str(st, 2, pool, &out->name)))
		return rc;
	return E_OK;
}

enum err partnership_find_by_slug(struct db *db, struct pool *pool, const char *slug,
                                  struct partnership *out)
{
	struct db_stmt *st = NULL;
	enum err rc = db_prepare(db, "SELECT id, slug, name FROM partnership WHERE slug = $1", &st);
	if (rc)
		goto out;
	rc = db_bind_text(st, 1, slug);
	if (rc)
		goto out;
	rc = store_read_one(st, pool, read_partnership, out);
out:
	db_finish(st);
	return rc;
}

enum err partnership_first(struct db *db, struct pool *pool, struct partnership *out)
{
	struct db_stmt *st = NULL;
	enum err rc = db_prepare(db,
		"SELECT id, slug, name FROM partnership ORDER BY id LIMIT 1", &st);
	if (rc)
		goto out;
	rc = store_read_one(st, pool, read_partnership, out);
out:
	db_finish(st);
	return rc;
}

enum err partnership_create(struct db *db, const struct actor *who, const char *slug,
                            const char *name, int64_t *id)
{
	struct db_stmt *st = NULL;
	char clean[STORE_NAME_MAX + 1], now[CLOCK_ISO_SIZE];
	json_t *after = NULL;
	int64_t new_id = 0;
	int owned = 0;
	if (!slug_ok(slug) || store_text_clean(name, STORE_NAME_MAX, 0, clean) <= 0)
		return E_INVAL;
	enum err rc = db_begin_owned(db, &owned);
	if (rc)
		return rc;
	clock_iso_now(now);
	rc = db_prepare(db,
		"INSERT INTO partnership (slug, name, created_at) VALUES ($1, $2, $3)"
		" RETURNING id", &st);
	if (rc)
		goto out;
	if ((rc = db_bind_text(st, 1, slug)) || (rc = db_bind_text(st, 2, clean)) ||
	    (rc = db_bind_text(st, 3, now)))
		goto out;
	rc = store_insert_returning(st, &new_id);
	db_finish(st);
	st = NULL;
	if (rc)
		goto out;
	after = json_pack("{s:s, s:s}", "slug", slug, "name", clean);
	if (!after) {
		rc = E_NOMEM;
		goto out;
	}
	rc = audit_record(db, who, new_id, "create", "partnership", new_id, NULL, after);
out:
	db_finish(st);
	json_decref(after);
	rc = db_end_owned(db, owned, rc);
	if (rc == E_OK && id)
		*id = new_id;
	return rc;
}

enum err partnership_list(struct db *db, struct pool *pool, struct partnership **out, size_t *n)
{
	struct db_stmt *st = NULL;
	void *rows = NULL;
	*out = NULL;
	*n = 0;
	enum err rc = db_prepare(db,
		"SELECT id, slug, name FROM partnership ORDER BY slug COLLATE \"C\" LIMIT $1", &st);
	if (rc)
		goto out;
	if ((rc = db_bind_i64(st, 1, PARTNERSHIP_LIST_MAX + 1)))
		goto out;
	rc = store_read_rows(st, pool, sizeof **out, PARTNERSHIP_LIST_MAX, read_partnership,
	                     &rows, n);
	*out = rows;
out:
	db_finish(st);
	return rc;
}

/* ---- organisations ---- */

#define ORG_COLUMNS "id, partnership_id, name, type, role, identifier, retired_at"

static enum err read_org(struct db_stmt *st, struct pool *pool, void *row)
{
	struct organisation *o = row;
	enum err rc;
	o->id = db_col_i64(st, 0);
	o->partnership_id = db_col_i64(st, 1);
	if ((rc = store_col_str(st, 2, pool, &o->name)) ||
	    (rc = store_col_str(st, 3, pool, &o->type)) ||
	    (rc = store_col_str(st, 4, pool, &o->role)) ||
	    (rc = store_col_str(st, 5, pool, &o->identifier)) ||
	    (rc = store_col_str(st, 6, pool, &o->retired_at)))
		return rc;
	return E_OK;
}

/* What people see of an organisation, for the audit trail. */
static json_t *org_json(const struct organisation *o)
{
	return json_pack("{s:s, s:s, s:s, s:s?, s:s?}", "name", o->name, "type", o->type,
	                 "role", o->role, "identifier", o->identifier,
	                 "retired_at", o->retired_at);
}

/* Checks and trims the fields a person enters; identifier "" becomes NULL. */
static enum err org_fields(const char *name, const char *type, const char *role,
                           const char *identifier, char name_out[STORE_NAME_MAX + 1],
                           char ident_out[STORE_NAME_MAX + 1], const char **ident)
{
	if (store_text_clean(name, STORE_NAME_MAX, 0, name_out) <= 0 ||
	    !organisation_type_valid(type) || !organisation_role_valid(role))
		return E_INVAL;
	long il = store_text_clean(identifier, STORE_NAME_MAX, 0, ident_out);
	if (il < 0)
		return E_INVAL;
	*ident = il ? ident_out : NULL;
	return E_OK;
}

enum err organisation_add(struct db *db, const struct actor *who, int64_t partnership_id,
                          const char *name, const char *type, const char *role,
                          const char *identifier, int64_t *id)
{
	struct db_stmt *st = NULL;
	char clean[STORE_NAME_MAX + 1], ident_buf[STORE_NAME_MAX + 1], now[CLOCK_ISO_SIZE];
	const char *ident = NULL;
	json_t *after = NULL;
	int64_t new_id = 0;
	int owned = 0;
	enum err rc = org_fields(name, type, role, identifier, clean, ident_buf, &ident);
	if (rc)
		return rc;
	rc = db_begin_owned(db, &owned);
	if (rc)
		return rc;
	clock_iso_now(now);
	rc = db_prepare(db,
		"INSERT INTO organisation"
		" (partnership_id, name, type, role, identifier, created_at)"
		" VALUES ($1, $2, $3, $4, $5, $6) RETURNING id", &st);
	if (rc)
		goto out;
	if ((rc = db_bind_i64(st, 1, partnership_id)) || (rc = db_bind_text(st, 2, clean)) ||
	    (rc = db_bind_text(st, 3, type)) || (rc = db_bind_text(st, 4, role)) ||
	    (rc = db_bind_text(st, 5, ident)) || (rc = db_bind_text(st, 6, now)))
		goto out;
	rc = store_insert_returning(st, &new_id);
	db_finish(st);
	st = NULL;
	if (rc)
		goto out;
	struct organisation o = {new_id, partnership_id, clean, type, role, ident, NULL};
	after = org_json(&o);
	if (!after) {
		rc = E_NOMEM;
		goto out;
	}
	rc = audit_record(db, who, partnership_id, "create", "organisation", new_id, NULL, after);
out:
	db_finish(st);
	json_decref(after);
	rc = db_end_owned(db, owned, rc);
	if (rc == E_OK && id)
		*id = new_id;
	return rc;
}

enum err organisation_get(struct db *db, struct pool *pool, int64_t partnership_id,
                          int64_t id, struct organisation *out)
{
	struct db_stmt *st = NULL;
	enum err rc = db_prepare(db,
		"SELECT " ORG_COLUMNS " FROM organisation WHERE partnership_id = $1 AND id = $2",
		&st);
	if (rc)
		goto out;
	if ((rc = db_bind_i64(st, 1, partnership_id)) || (rc = db_bind_i64(st, 2, id)))
		goto out;
	rc = store_read_one(st, pool, read_org, out);
out:
	db_finish(st);
	return rc;
}

enum err organisation_find_by_name(struct db *db, struct pool *pool, int64_t partnership_id,
                                   const char *name, struct organisation *out)
{
	struct db_stmt *st = NULL;
	char clean[STORE_NAME_MAX + 1];
	/* Stored names are trimmed, so a name that is not valid matches nothing. */
	if (store_text_clean(name, STORE_NAME_MAX, 0, clean) <= 0)
		return E_NOTFOUND;
	enum err rc = db_prepare(db,
		"SELECT " ORG_COLUMNS " FROM organisation WHERE partnership_id = $1 AND name = $2",
		&st);
	if (rc)
		goto out;
	if ((rc = db_bind_i64(st, 1, partnership_id)) || (rc = db_bind_text(st, 2, clean)))
		goto out;
	rc = store_read_one(st, pool, read_org, out);
out:
	db_finish(st);
	return rc;
}

enum err organisation_update(struct db *db, const struct actor *who, int64_t partnership_id,
                             int64_t id, const char *name, const char *type,
                             const char *role, const char *identifier)
{
	struct db_stmt *st = NULL;
	struct pool tmp;
	struct organisation old, now_org;
	char clean[STORE_NAME_MAX + 1], ident_buf[STORE_NAME_MAX + 1];
	const char *ident = NULL;
	json_t *before = NULL, *after = NULL;
	int owned = 0;
	enum err rc = org_fields(name, type, role, identifier, clean, ident_buf, &ident);
	if (rc)
		return rc;
	pool_init(&tmp, 64u << 10);
	rc = db_begin_owned(db, &owned);
	if (rc)
		goto done;
	rc = organisation_get(db, &tmp, partnership_id, id, &old);
	if (rc)
		goto out;
	now_org = old;
	now_org.name = clean;
	now_org.type = type;
	now_org.role = role;
	now_org.identifier = ident;
	before = org_json(&old);
	after = org_json(&now_org);
	if (!before || !after) {
		rc = E_NOMEM;
		goto out;
	}
	if (json_equal(before, after))
		goto out; /* saved unchanged: nothing to write or record */
	rc = db_prepare(db,
		"UPDATE organisation SET name = $3, type = $4, role = $5, identifier = $6"
		" WHERE partnership_id = $1 AND id = $2", &st);
	if (rc)
		goto out;
	if ((rc = db_bind_i64(st, 1, partnership_id)) || (rc = db_bind_i64(st, 2, id)) ||
	    (rc = db_bind_text(st, 3, clean)) || (rc = db_bind_text(st, 4, type)) ||
	    (rc = db_bind_text(st, 5, role)) || (rc = db_bind_text(st, 6, ident)))
		goto out;
	if ((rc = store_step_done(st)))
		goto out;
	rc = audit_record(db, who, partnership_id, "update", "organisation", id, before, after);
out:
	db_finish(st);
	json_decref(before);
	json_decref(after);
	rc = db_end_owned(db, owned, rc);
done:
	pool_free(&tmp);
	return rc;
}

enum err organisation_set_retired(struct db *db, const struct actor *who,
                                  int64_t partnership_id, int64_t id, int retired)
{
	struct db_stmt *st = NULL;
	struct pool tmp;
	struct organisation old, now_org;
	char now[CLOCK_ISO_SIZE];
	json_t *before = NULL, *after = NULL;
	int owned = 0;
	pool_init(&tmp, 64u << 10);
	enum err rc = db_begin_owned(db, &owned);
	if (rc)
		goto done;
	rc = organisation_get(db, &tmp, partnership_id, id, &old);
	if (rc || (old.retired_at != NULL) == (retired != 0))
		goto out; /* already so: nothing to do */
	clock_iso_now(now);
	now_org = old;
	now_org.retired_at = retired ? now : NULL;
	before = org_json(&old);
	after = org_json(&now_org);
	if (!before || !after) {
		rc = E_NOMEM;
		goto out;
	}
	rc = db_prepare(db,
		"UPDATE organisation SET retired_at = $3 WHERE partnership_id = $1 AND id = $2", &st);
	if (rc)
		goto out;
	if ((rc = db_bind_i64(st, 1, partnership_id)) || (rc = db_bind_i64(st, 2, id)) ||
	    (rc = db_bind_text(st, 3, now_org.retired_at)))
		goto out;
	if ((rc = store_step_done(st)))
		goto out;
	rc = audit_record(db, who, partnership_id, retired ? "retire" : "reinstate",
	                  "organisation", id, before, after);
out:
	db_finish(st);
	json_decref(before);
	json_decref(after);
	rc = db_end_owned(db, owned, rc);
done:
	pool_free(&tmp);
	return rc;
}

/*
 * One WHERE clause for the page and its count: $2 a LIKE pattern in lower
 * case (or NULL: every name), $3 a type, $4 a role (NULL: any), $5 1 to
 * include retired ones.  lower() on both sides because PostgreSQL's LIKE
 * is case-sensitive and SQLite's is not.  Each parameter is typed where
 * PostgreSQL first meets it: one seen first in "$2 IS NULL" would stay
 * untyped and the statement would be refused.
 */
#define ORG_SEARCH_WHERE \
	" WHERE partnership_id = $1" \
	" AND (CAST($2 AS TEXT) IS NULL" \
	"      OR lower(name) LIKE lower(CAST($2 AS TEXT)) ESCAPE '\\'" \
	"      OR lower(identifier) LIKE lower(CAST($2 AS TEXT)) ESCAPE '\\')" \
	" AND (CAST($3 AS TEXT) IS NULL OR type = $3)" \
	" AND (CAST($4 AS TEXT) IS NULL OR role = $4)" \
	" AND ($5 = 1 OR retired_at IS NULL)"

/* "%q%" with LIKE's own characters escaped, into the pool; NULL for no q. */
static enum err like_pattern(struct pool *pool, const char *q, const char **out)
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

static enum err bind_search(struct db_stmt *st, int64_t partnership_id, const char *pattern,
                            const char *type, const char *role, int include_retired)
{
	enum err rc;
	if ((rc = db_bind_i64(st, 1, partnership_id)) || (rc = db_bind_text(st, 2, pattern)) ||
	    (rc = db_bind_text(st, 3, type)) || (rc = db_bind_text(st, 4, role)) ||
	    (rc = db_bind_i64(st, 5, include_retired ? 1 : 0)))
		return rc;
	return E_OK;
}

enum err organisation_search(struct db *db, struct pool *pool, int64_t partnership_id,
                             const struct organisation_query *q,
                             struct organisation **out, size_t *n, size_t *total)
{
	struct db_stmt *st = NULL;
	const char *pattern = NULL;
	const char *type = q->type && *q->type ? q->type : NULL;
	const char *role = q->role && *q->role ? q->role : NULL;
	size_t limit = q->limit && q->limit < ORGANISATION_LIST_MAX ? q->limit : ORGANISATION_LIST_MAX;
	void *rows = NULL;
	enum err rc;
	*out = NULL;
	*n = 0;
	if (total)
		*total = 0;
	if ((type && !organisation_type_valid(type)) || (role && !organisation_role_valid(role)) ||
	    (uint64_t)q->offset > (uint64_t)INT64_MAX)
		return E_INVAL;
	rc = like_pattern(pool, q->q, &pattern);
	if (rc)
		return rc;
	if (total) {
		rc = db_prepare(db, "SELECT COUNT(*) FROM organisation" ORG_SEARCH_WHERE, &st);
		if (rc)
			goto out;
		if ((rc = bind_search(st, partnership_id, pattern, type, role, q->include_retired)))
			goto out;
		int64_t count = 0;
		if ((rc = store_step_i64(st, &count)))
			goto out;
		*total = (size_t)count;
		db_finish(st);
		st = NULL;
	}
	/* COLLATE "C": byte order on both backends, whatever the server's locale. */
	rc = db_prepare(db,
		"SELECT " ORG_COLUMNS " FROM organisation" ORG_SEARCH_WHERE
		" ORDER BY name COLLATE \"C\", id LIMIT $6 OFFSET $7", &st);
	if (rc)
		goto out;
	if ((rc = bind_search(st, partnership_id, pattern, type, role, q->include_retired)) ||
	    (rc = db_bind_i64(st, 6, (int64_t)limit)) ||
	    (rc = db_bind_i64(st, 7, (int64_t)q->offset)))
		goto out;
	rc = store_read_rows(st, pool, sizeof **out, limit, read_org, &rows, n);
	*out = rows;
out:
	db_finish(st);
	if (rc && total)
		*total = 0;
	return rc;
}

enum err organisation_list(struct db *db, struct pool *pool, int64_t partnership_id,
                           struct organisation **out, size_t *n)
{
	struct db_stmt *st = NULL;
	void *rows = NULL;
	*out = NULL;
	*n = 0;
	enum err rc = db_prepare(db,
		"SELECT " ORG_COLUMNS " FROM organisation"
		" WHERE partnership_id = $1 AND retired_at IS NULL"
		" ORDER BY name COLLATE \"C\", id LIMIT $2", &st);
	if (rc)
		goto out;
	if ((rc = db_bind_i64(st, 1, partnership_id)) ||
	    (rc = db_bind_i64(st, 2, ORGANISATION_LIST_MAX + 1)))
		goto out;
	rc = store_read_rows(st, pool, sizeof **out, ORGANISATION_LIST_MAX, read_org, &rows, n);
	*out = rows;
out:
	db_finish(st);
	return rc;
}
