/*
 * partnership_store.c: the SQL behind partnership.h.
 *
 * Isolation lives here: every organisation query takes the partnership id
 * and puts it in its WHERE clause, so a handler cannot forget it.  Input is
 * checked before it reaches the database (a clear E_INVAL rather than a
 * constraint message), and the schema's CHECK constraints stay as the
 * backstop for anything that writes without this file.
 *
 * Lists are read with LIMIT max+1, so "too many" is detected without
 * counting first, and are built in a heap array then copied into the pool
 * once, so the pool holds exactly n entries rather than every doubling.
 */
#include "partnership/partnership.h"

#include <string.h>
#include <time.h>

#include "core/alloc.h"
#include "core/pool.h"
#include "db/db.h"

#define NAME_MAX_BYTES 255
#define SLUG_MAX_BYTES 63

/* A stored code and the words people see for it. */
struct code_label {
	const char *code;
	const char *label;
};

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

/* The label for code, or NULL when code is not in the table. */
static const char *label_of(const struct code_label *t, size_t n, const char *code)
{
	for (size_t i = 0; code && i < n; i++)
		if (strcmp(code, t[i].code) == 0)
			return t[i].label;
	return NULL;
}

int organisation_type_valid(const char *type) { return label_of(types, NELEM(types), type) != NULL; }
int organisation_role_valid(const char *role) { return label_of(roles, NELEM(roles), role) != NULL; }

const char *organisation_type_label(const char *type)
{
	const char *l = label_of(types, NELEM(types), type);
	return l ? l : "Other";
}

const char *organisation_role_label(const char *role)
{
	const char *l = label_of(roles, NELEM(roles), role);
	return l ? l : "Other";
}

static void now_iso(char *out, size_t len)
{
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, len, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static int name_ok(const char *s)
{
	return s && *s && strlen(s) <= NAME_MAX_BYTES;
}

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

/* A string column copied into the pool; NULL stays NULL. */
static enum err col_str(struct db_stmt *st, int col, struct pool *pool, const char **out)
{
	const char *s = db_col_text(st, col);
	*out = NULL;
	if (!s)
		return E_OK;
	*out = pool_strdup(pool, s);
	return *out ? E_OK : E_NOMEM;
}

/* Reads one partnership from a statement selecting id, slug, name. */
static enum err read_partnership(struct db_stmt *st, struct pool *pool,
                                 struct partnership *out)
{
	enum err rc;
	int r = db_step(st);
	if (r == DB_DONE)
		return E_NOTFOUND;
	if (r != DB_ROW)
		return (enum err)r;
	out->id = db_col_i64(st, 0);
	if ((rc = col_str(st, 1, pool, &out->slug)) || (rc = col_str(st, 2, pool, &out->name)))
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
	rc = read_partnership(st, pool, out);
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
	rc = read_partnership(st, pool, out);
out:
	db_finish(st);
	return rc;
}

/* Steps an INSERT ... RETURNING id and stores the id (id may be NULL). */
static enum err insert_returning(struct db_stmt *st, int64_t *id)
{
	int r = db_step(st);
	if (r != DB_ROW)
		return r == DB_DONE ? E_DB : (enum err)r;
	if (id)
		*id = db_col_i64(st, 0);
	return E_OK;
}

enum err partnership_create(struct db *db, const char *slug, const char *name, int64_t *id)
{
	struct db_stmt *st = NULL;
	char now[32];
	enum err rc = E_INVAL;
	if (!slug_ok(slug) || !name_ok(name))
		goto out;
	now_iso(now, sizeof now);
	rc = db_prepare(db,
		"INSERT INTO partnership (slug, name, created_at) VALUES ($1, $2, $3)"
		" RETURNING id", &st);
	if (rc)
		goto out;
	if ((rc = db_bind_text(st, 1, slug)) || (rc = db_bind_text(st, 2, name)) ||
	    (rc = db_bind_text(st, 3, now)))
		goto out;
	rc = insert_returning(st, id);
out:
	db_finish(st);
	return rc;
}

enum err organisation_add(struct db *db, int64_t partnership_id, const char *name,
                          const char *type, const char *role, const char *identifier,
                          int64_t *id)
{
	struct db_stmt *st = NULL;
	char now[32];
	enum err rc = E_INVAL;
	if (!name_ok(name) || !organisation_type_valid(type) || !organisation_role_valid(role))
		goto out;
	if (identifier && strlen(identifier) > NAME_MAX_BYTES)
		goto out;
	now_iso(now, sizeof now);
	rc = db_prepare(db,
		"INSERT INTO organisation"
		" (partnership_id, name, type, role, identifier, created_at)"
		" VALUES ($1, $2, $3, $4, $5, $6) RETURNING id", &st);
	if (rc)
		goto out;
	if ((rc = db_bind_i64(st, 1, partnership_id)) || (rc = db_bind_text(st, 2, name)) ||
	    (rc = db_bind_text(st, 3, type)) || (rc = db_bind_text(st, 4, role)) ||
	    (rc = db_bind_text(st, 5, identifier)) || (rc = db_bind_text(st, 6, now)))
		goto out;
	rc = insert_returning(st, id);
out:
	db_finish(st);
	return rc;
}

enum err organisation_list(struct db *db, struct pool *pool, int64_t partnership_id,
                           struct organisation **out, size_t *n)
{
	struct db_stmt *st = NULL;
	struct organisation *rows = NULL;
	size_t count = 0, cap = 0;
	*out = NULL;
	*n = 0;
	/* COLLATE "C": byte order on both backends, whatever the server's locale. */
	enum err rc = db_prepare(db,
		"SELECT id, partnership_id, name, type, role, identifier FROM organisation"
		" WHERE partnership_id = $1 AND retired_at IS NULL"
		" ORDER BY name COLLATE \"C\", id LIMIT $2", &st);
	if (rc)
		goto out;
	if ((rc = db_bind_i64(st, 1, partnership_id)) ||
	    (rc = db_bind_i64(st, 2, ORGANISATION_LIST_MAX + 1)))
		goto out;
	for (;;) {
		int r = db_step(st);
		if (r == DB_DONE)
			break;
		if (r != DB_ROW) {
			rc = (enum err)r;
			goto out;
		}
		if (count == ORGANISATION_LIST_MAX) {
			rc = E_TOOBIG;
			goto out;
		}
		if (count == cap) {
			size_t ncap = cap ? cap * 2 : 16;
			struct organisation *grown = xrealloc(rows, ncap * sizeof *rows);
			if (!grown) {
				rc = E_NOMEM;
				goto out;
			}
			rows = grown;
			cap = ncap;
		}
		struct organisation *o = &rows[count++];
		o->id = db_col_i64(st, 0);
		o->partnership_id = db_col_i64(st, 1);
		if ((rc = col_str(st, 2, pool, &o->name)) || (rc = col_str(st, 3, pool, &o->type)) ||
		    (rc = col_str(st, 4, pool, &o->role)) ||
		    (rc = col_str(st, 5, pool, &o->identifier)))
			goto out;
	}
	if (count) {
		*out = pool_alloc(pool, count * sizeof **out);
		if (!*out) {
			rc = E_NOMEM;
			goto out;
		}
		memcpy(*out, rows, count * sizeof **out);
	}
	*n = count;
out:
	db_finish(st);
	xfree(rows);
	return rc;
}
