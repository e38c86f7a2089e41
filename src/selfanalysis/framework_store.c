/*
 * framework_store.c: the frameworks a round may name (round.h): the
 * shipped ones, compiled in, and those a partnership imported.
 *
 * An imported framework is kept as the JSON it came as and parsed again
 * by framework_parse whenever it is used, so a stored framework and a
 * shipped one go through the same validation and can never differ in
 * shape.  Its id (the code column) is unique per partnership and may not
 * be a shipped id, so framework_load() can look in the binary first and
 * never be shadowed.  Imported frameworks are never changed or removed:
 * rounds name them.
 */
#include "selfanalysis/round.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "core/clock.h"
#include "core/pool.h"
#include "db/db.h"
#include "db/store.h"

/* An imported framework as the store writes it: its JSON stays out of
 * the audit trail (it can be long; id and title say which). */
struct framework_row {
	const char *code;
	const char *title;
	const char *json;
};

static json_t *framework_row_json(const void *row)
{
	const struct framework_row *f = row;
	return json_pack("{s:s, s:s}", "id", f->code, "title", f->title);
}

static enum err bind_framework_row(struct db_stmt *st, const void *row)
{
	const struct framework_row *f = row;
	enum err rc;
	if ((rc = db_bind_text(st, 3, f->code)) || (rc = db_bind_text(st, 4, f->title)) ||
	    (rc = db_bind_text(st, 5, f->json)))
		return rc;
	return E_OK;
}

static const struct store_entity framework_entity = {
	.name = "sa_framework",
	.json = framework_row_json,
	.bind = bind_framework_row,
	.insert_sql = "INSERT INTO sa_framework (partnership_id, created_at, code, title, json)"
		      " VALUES ($1, $2, $3, $4, $5) RETURNING id",
};

void framework_scale(const struct framework *f, struct scale *out)
{
	memset(out, 0, sizeof *out);
	if (f->n_points) {
		out->min = f->points[0].value;
		out->max = f->points[f->n_points - 1].value;
	}
	out->half_points_allowed = f->half_points;
	out->dont_know_allowed = f->dont_know;
}

/* One list entry from a parsed framework, its text copied into pool. */
static enum err entry_from(struct pool *pool, const struct framework *f, bool shipped,
			   const char *created_at, struct framework_entry *e)
{
	e->id = pool_strdup(pool, f->id);
	e->title = pool_strdup(pool, f->title);
	e->n_standards = f->n_standards;
	e->shipped = shipped;
	e->created_at = created_at ? pool_strdup(pool, created_at) : NULL;
	return e->id && e->title && (!created_at || e->created_at) ? E_OK : E_NOMEM;
}

/*
 * The shipped frameworks into list[0..], parsed in a pool of their own
 * (only the entries' text reaches the caller's pool).
 */
static enum err list_shipped(struct pool *pool, struct framework_entry *list, size_t cap,
			     size_t *n)
{
	const char *const *ids = framework_builtin_list();
	enum err rc = E_OK;
	for (size_t i = 0; ids[i] && rc == E_OK; i++) {
		struct pool tmp;
		struct framework f;
		if (*n == cap)
			return E_TOOBIG;
		pool_init(&tmp, 4 * FRAMEWORK_MAX_JSON);
		rc = framework_builtin(ids[i], &tmp, &f);
		if (rc == E_OK)
			rc = entry_from(pool, &f, true, NULL, &list[(*n)++]);
		pool_free(&tmp);
	}
	return rc;
}

/* The partnership's imported frameworks, by id, after the shipped ones. */
static enum err list_imported(struct db *db, struct pool *pool, int64_t partnership_id,
			      struct framework_entry *list, size_t cap, size_t *n)
{
	struct db_stmt *st = NULL;
	enum err rc = db_prepare(db,
		"SELECT json, created_at FROM sa_framework WHERE partnership_id = $1"
		" ORDER BY code COLLATE \"C\" LIMIT $2", &st);
	if (rc == E_OK && (rc = db_bind_i64(st, 1, partnership_id)) == E_OK)
		rc = db_bind_i64(st, 2, (int64_t)(cap - *n) + 1);
	while (rc == E_OK && store_next(st, &rc)) {
		struct pool tmp;
		struct framework f;
		const char *json = db_col_text(st, 0);
		char err[FRAMEWORK_ERR_SIZE];
		if (*n == cap) {
			rc = E_TOOBIG;
			break;
		}
		pool_init(&tmp, 4 * FRAMEWORK_MAX_JSON);
		/* Stored only after the same parse succeeded: failing now means the
		 * row was changed behind jcs. */
		rc = framework_parse(json ? json : "", json ? strlen(json) : 0, &tmp, &f, err,
				     sizeof err);
		if (rc == E_OK)
			rc = entry_from(pool, &f, false, db_col_text(st, 1), &list[(*n)++]);
		else
			rc = E_DB;
		pool_free(&tmp);
	}
	db_finish(st);
	return rc;
}

enum err framework_store_list(struct db *db, struct pool *pool, int64_t partnership_id,
			      struct framework_entry **out, size_t *n)
{
	struct framework_entry *list = pool_zalloc(pool, FRAMEWORK_LIST_MAX * sizeof *list);
	size_t count = 0;
	enum err rc;
	*out = NULL;
	*n = 0;
	if (!list)
		return E_NOMEM;
	rc = list_shipped(pool, list, FRAMEWORK_LIST_MAX, &count);
	if (rc == E_OK && partnership_id)
		rc = list_imported(db, pool, partnership_id, list, FRAMEWORK_LIST_MAX, &count);
	if (rc)
		return rc;
	*out = list;
	*n = count;
	return E_OK;
}

enum err framework_store_import(struct db *db, const struct actor *who, int64_t partnership_id,
				const char *json, size_t len, char *err, size_t errlen)
{
	struct pool tmp;
	struct framework f, shipped;
	struct framework_row row;
	int64_t id = 0;
	int owned = 0;
	enum err rc;
	if (errlen)
		err[0] = '\0';
	if (!json)
		return E_INVAL;
	pool_init(&tmp, 4 * FRAMEWORK_MAX_JSON + 4096);
	rc = framework_parse(json, len, &tmp, &f, err, errlen);
	if (rc)
		goto done;
	/* Stored as text: the parse refuses a NUL byte inside the JSON, and
	 * this copy adds the one the database needs. */
	row.json = pool_strndup(&tmp, json, len);
	if (!row.json) {
		rc = E_NOMEM;
		goto done;
	}
	if (strlen(row.json) != len) {
		snprintf(err, errlen, "the framework must be text without NUL bytes");
		rc = E_INVAL;
		goto done;
	}
	if (framework_builtin(f.id, &tmp, &shipped) == E_OK) {
		snprintf(err, errlen, "id: '%s' is a framework shipped with jcs; choose another id",
			 f.id);
		rc = E_CONFLICT;
		goto done;
	}
	row.code = f.id;
	row.title = f.title;
	rc = db_begin_owned(db, &owned);
	if (rc)
		goto done;
	rc = store_add(db, who, &framework_entity, partnership_id, "create", &row, &id);
	if (rc == E_CONFLICT)
		snprintf(err, errlen,
			 "id: a framework '%s' is already imported; an imported framework never"
			 " changes, so give a new version another id", f.id);
	rc = db_end_owned(db, owned, rc);
done:
	pool_free(&tmp);
	return rc;
}

enum err framework_load(struct db *db, struct pool *pool, int64_t partnership_id,
			const char *id, struct framework *out)
{
	struct db_stmt *st = NULL;
	char err[FRAMEWORK_ERR_SIZE];
	enum err rc;
	if (!id)
		return E_NOTFOUND;
	rc = framework_builtin(id, pool, out);
	if (rc != E_NOTFOUND || !partnership_id)
		return rc;
	rc = db_prepare(db, "SELECT json FROM sa_framework WHERE partnership_id = $1 AND code = $2",
			&st);
	if (rc == E_OK && (rc = db_bind_i64(st, 1, partnership_id)) == E_OK &&
	    (rc = db_bind_text(st, 2, id)) == E_OK && (rc = store_step_row(st)) == E_OK) {
		const char *json = db_col_text(st, 0);
		rc = framework_parse(json ? json : "", json ? strlen(json) : 0, pool, out, err,
				     sizeof err);
		if (rc && rc != E_NOMEM)
			rc = E_DB; /* stored after this same parse passed: changed behind jcs */
	}
	db_finish(st);
	return rc;
}
