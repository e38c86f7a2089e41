/*
 * area_store.c: the SQL behind area.h.
 *
 * The hierarchy cannot hold a cycle because every parent is of a strictly
 * higher level than its child: the parent check on every write keeps that
 * true upwards, and a change of type is checked against the area's
 * children (retired ones too, as they may be reinstated) downwards.  So no
 * walk up the tree is needed here, unlike boards.
 *
 * The list is one scoped SELECT ordered by name; the tree order is built
 * in C (store_tree_order) rather than with a recursive query, so that both
 * backends give the same order, siblings by bytes, and the depth comes for
 * free.  The search filter runs after the tree is built, so a match keeps
 * its real depth.
 *
 * Validation, audit and the unchanged-save rule as in partnership_store.c.
 */
#include "partnership/area.h"

#include <jansson.h>
#include <stddef.h>
#include <string.h>

#include "audit/audit.h"
#include "core/clock.h"
#include "core/pool.h"
#include "db/db.h"
#include "partnership/partnership.h"

/* In level order: the index is the level. */
static const struct code_label area_types[] = {
	{"county", "County"},
	{"district", "District"},
	{"locality", "Locality"},
	{"ward", "Ward"},
};

#define NTYPES (sizeof area_types / sizeof area_types[0])

int area_type_valid(const char *type)
{
	return code_label_find(area_types, NTYPES, type) != NULL;
}

const char *area_type_label(const char *type)
{
	const char *l = code_label_find(area_types, NTYPES, type);
	return l ? l : "Other";
}

int area_type_level(const char *type)
{
	for (size_t i = 0; type && i < NTYPES; i++)
		if (strcmp(type, area_types[i].code) == 0)
			return (int)i;
	return -1;
}

int area_is_deprived(int imd_decile)
{
	return imd_decile == 1 || imd_decile == 2;
}

/* The area and its parent's name, scoped by $1. */
#define AREA_SELECT \
	"SELECT a.id, a.partnership_id, a.name, a.type, a.parent_id, p.name," \
	" a.population_0_19, a.imd_decile, a.retired_at" \
	" FROM area a LEFT JOIN area p" \
	" ON p.partnership_id = a.partnership_id AND p.id = a.parent_id" \
	" WHERE a.partnership_id = $1"

static enum err read_area(struct db_stmt *st, struct pool *pool, void *row)
{
	struct area *a = row;
	enum err rc;
	a->id = db_col_i64(st, 0);
	a->partnership_id = db_col_i64(st, 1);
	a->parent_id = db_col_is_null(st, 4) ? 0 : db_col_i64(st, 4);
	a->population_0_19 = db_col_is_null(st, 6) ? -1 : db_col_i64(st, 6);
	a->imd_decile = db_col_is_null(st, 7) ? 0 : (int)db_col_i64(st, 7);
	a->depth = 0;
	if ((rc = store_col_str(st, 2, pool, &a->name)) ||
	    (rc = store_col_str(st, 3, pool, &a->type)) ||
	    (rc = store_col_str(st, 5, pool, &a->parent_name)) ||
	    (rc = store_col_str(st, 8, pool, &a->retired_at)))
		return rc;
	return E_OK;
}

enum err area_get(struct db *db, struct pool *pool, int64_t partnership_id, int64_t id,
		  struct area *out)
{
	struct db_stmt *st = NULL;
	enum err rc = db_prepare(db, AREA_SELECT " AND a.id = $2", &st);
	if (rc)
		goto out;
	if ((rc = db_bind_i64(st, 1, partnership_id)) || (rc = db_bind_i64(st, 2, id)))
		goto out;
	rc = store_read_one(st, pool, read_area, out);
out:
	db_finish(st);
	return rc;
}

enum err area_find_by_name(struct db *db, struct pool *pool, int64_t partnership_id,
			   const char *name, struct area *out)
{
	struct db_stmt *st = NULL;
	char clean[STORE_NAME_MAX + 1];
	if (store_text_clean(name, STORE_NAME_MAX, 0, clean) <= 0)
		return E_NOTFOUND;
	enum err rc = db_prepare(db, AREA_SELECT " AND a.name = $2", &st);
	if (rc)
		goto out;
	if ((rc = db_bind_i64(st, 1, partnership_id)) || (rc = db_bind_text(st, 2, clean)))
		goto out;
	rc = store_read_one(st, pool, read_area, out);
out:
	db_finish(st);
	return rc;
}

/* What people see of an area, for the audit trail. */
static json_t *area_json(const struct area *a)
{
	return json_pack("{s:s, s:s, s:o, s:s?, s:o, s:o, s:s?}", "name", a->name,
			 "type", a->type,
			 "parent_id", a->parent_id ? json_integer(a->parent_id) : json_null(),
			 "parent", a->parent_name,
			 "population_0_19", a->population_0_19 >= 0 ?
				json_integer(a->population_0_19) : json_null(),
			 "imd_decile", a->imd_decile ? json_integer(a->imd_decile) : json_null(),
			 "retired_at", a->retired_at);
}

static enum err area_fields(const char *name, const char *type, int64_t population,
			    int decile, char clean[STORE_NAME_MAX + 1])
{
	if (store_text_clean(name, STORE_NAME_MAX, 0, clean) <= 0 || !area_type_valid(type))
		return E_INVAL;
	if (population < -1 || decile < 0 || decile > 10)
		return E_RANGE;
	return E_OK;
}

/*
 * The parent must be an area of this partnership, current, and of a
 * higher level than level; keep is the area's present parent, which may
 * stay even if retired since then.  *name gets its name (in pool).
 */
static enum err check_parent(struct db *db, struct pool *pool, int64_t partnership_id,
			     int64_t parent_id, int level, int64_t keep, const char **name)
{
	struct area p;
	*name = NULL;
	if (parent_id == 0)
		return E_OK;
	if (parent_id < 0)
		return E_RANGE;
	enum err rc = area_get(db, pool, partnership_id, parent_id, &p);
	if (rc)
		return rc == E_NOTFOUND ? E_RANGE : rc;
	if ((p.retired_at && parent_id != keep) || area_type_level(p.type) >= level)
		return E_RANGE;
	*name = p.name;
	return E_OK;
}

/* Every child (current or retired) of id must stay below level. */
static enum err check_children(struct db *db, int64_t partnership_id, int64_t id, int level)
{
	struct db_stmt *st = NULL;
	enum err rc = db_prepare(db,
		"SELECT type FROM area WHERE partnership_id = $1 AND parent_id = $2", &st);
	if (rc)
		goto out;
	if ((rc = db_bind_i64(st, 1, partnership_id)) || (rc = db_bind_i64(st, 2, id)))
		goto out;
	for (;;) {
		int r = db_step(st);
		if (r == DB_DONE)
			break;
		if (r != DB_ROW) {
			rc = (enum err)r;
			goto out;
		}
		if (area_type_level(db_col_text(st, 0)) <= level) {
			rc = E_RANGE;
			goto out;
		}
	}
out:
	db_finish(st);
	return rc;
}

/* Binds $n a value, or NULL when it is not known (not positive for a
 * decile or an id, negative for a population). */
static enum err bind_opt(struct db_stmt *st, int idx, int64_t v, int known)
{
	return known ? db_bind_i64(st, idx, v) : db_bind_null(st, idx);
}

enum err area_add(struct db *db, const struct actor *who, int64_t partnership_id,
		  const char *name, const char *type, int64_t parent_id,
		  int64_t population_0_19, int imd_decile, int64_t *id)
{
	struct db_stmt *st = NULL;
	struct pool tmp;
	char clean[STORE_NAME_MAX + 1], now[CLOCK_ISO_SIZE];
	json_t *after = NULL;
	int64_t new_id = 0;
	int owned = 0;
	enum err rc = area_fields(name, type, population_0_19, imd_decile, clean);
	if (rc)
		return rc;
	pool_init(&tmp, 64u << 10);
	rc = db_begin_owned(db, &owned);
	if (rc)
		goto done;
	struct area a = {0, partnership_id, clean, type, parent_id, NULL, population_0_19,
			 imd_decile, NULL, 0};
	rc = check_parent(db, &tmp, partnership_id, parent_id, area_type_level(type), 0,
			  &a.parent_name);
	if (rc)
		goto out;
	clock_iso_now(now);
	rc = db_prepare(db,
		"INSERT INTO area (partnership_id, name, type, parent_id, population_0_19,"
		" imd_decile, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id", &st);
	if (rc)
		goto out;
	if ((rc = db_bind_i64(st, 1, partnership_id)) || (rc = db_bind_text(st, 2, clean)) ||
	    (rc = db_bind_text(st, 3, type)) || (rc = bind_opt(st, 4, parent_id, parent_id > 0)) ||
	    (rc = bind_opt(st, 5, population_0_19, population_0_19 >= 0)) ||
	    (rc = bind_opt(st, 6, imd_decile, imd_decile > 0)) || (rc = db_bind_text(st, 7, now)))
		goto out;
	rc = store_insert_returning(st, &new_id);
	db_finish(st);
	st = NULL;
	if (rc)
		goto out;
	a.id = new_id;
	after = area_json(&a);
	if (!after) {
		rc = E_NOMEM;
		goto out;
	}
	rc = audit_record(db, who, partnership_id, "create", "area", new_id, NULL, after);
out:
	db_finish(st);
	json_decref(after);
	rc = db_end_owned(db, owned, rc);
done:
	pool_free(&tmp);
	if (rc == E_OK && id)
		*id = new_id;
	return rc;
}

enum err area_update(struct db *db, const struct actor *who, int64_t partnership_id,
		     int64_t id, const char *name, const char *type, int64_t parent_id,
		     int64_t population_0_19, int imd_decile)
{
	struct db_stmt *st = NULL;
	struct pool tmp;
	struct area old, a;
	char clean[STORE_NAME_MAX + 1];
	json_t *before = NULL, *after = NULL;
	int owned = 0;
	enum err rc = area_fields(name, type, population_0_19, imd_decile, clean);
	if (rc)
		return rc;
	pool_init(&tmp, 64u << 10);
	rc = db_begin_owned(db, &owned);
	if (rc)
		goto done;
	rc = area_get(db, &tmp, partnership_id, id, &old);
	if (rc)
		goto out;
	int level = area_type_level(type);
	if (parent_id == id) {
		rc = E_RANGE;
		goto out;
	}
	a = old;
	a.name = clean;
	a.type = type;
	a.parent_id = parent_id;
	a.population_0_19 = population_0_19 < 0 ? -1 : population_0_19;
	a.imd_decile = imd_decile;
	rc = check_parent(db, &tmp, partnership_id, parent_id, level, old.parent_id,
			  &a.parent_name);
	if (rc)
		goto out;
	if (level > area_type_level(old.type) && (rc = check_children(db, partnership_id, id, level)))
		goto out;
	before = area_json(&old);
	after = area_json(&a);
	if (!before || !after) {
		rc = E_NOMEM;
		goto out;
	}
	if (json_equal(before, after))
		goto out; /* saved unchanged: nothing to write or record */
	rc = db_prepare(db,
		"UPDATE area SET name = $3, type = $4, parent_id = $5, population_0_19 = $6,"
		" imd_decile = $7 WHERE partnership_id = $1 AND id = $2", &st);
	if (rc)
		goto out;
	if ((rc = db_bind_i64(st, 1, partnership_id)) || (rc = db_bind_i64(st, 2, id)) ||
	    (rc = db_bind_text(st, 3, clean)) || (rc = db_bind_text(st, 4, type)) ||
	    (rc = bind_opt(st, 5, parent_id, parent_id > 0)) ||
	    (rc = bind_opt(st, 6, population_0_19, population_0_19 >= 0)) ||
	    (rc = bind_opt(st, 7, imd_decile, imd_decile > 0)))
		goto out;
	if ((rc = store_step_done(st)))
		goto out;
	rc = audit_record(db, who, partnership_id, "update", "area", id, before, after);
out:
	db_finish(st);
	json_decref(before);
	json_decref(after);
	rc = db_end_owned(db, owned, rc);
done:
	pool_free(&tmp);
	return rc;
}

/* *n: how many current areas have id as their parent. */
static enum err current_children(struct db *db, int64_t partnership_id, int64_t id, int64_t *n)
{
	struct db_stmt *st = NULL;
	enum err rc = db_prepare(db,
		"SELECT COUNT(*) FROM area"
		" WHERE partnership_id = $1 AND parent_id = $2 AND retired_at IS NULL", &st);
	if (rc)
		goto out;
	if ((rc = db_bind_i64(st, 1, partnership_id)) || (rc = db_bind_i64(st, 2, id)))
		goto out;
	rc = store_step_i64(st, n);
out:
	db_finish(st);
	return rc;
}

enum err area_set_retired(struct db *db, const struct actor *who, int64_t partnership_id,
			  int64_t id, int retired)
{
	struct db_stmt *st = NULL;
	struct pool tmp;
	struct area old, a, parent;
	char now[CLOCK_ISO_SIZE];
	json_t *before = NULL, *after = NULL;
	int64_t children = 0;
	int owned = 0;
	pool_init(&tmp, 64u << 10);
	enum err rc = db_begin_owned(db, &owned);
	if (rc)
		goto done;
	rc = area_get(db, &tmp, partnership_id, id, &old);
	if (rc || (old.retired_at != NULL) == (retired != 0))
		goto out; /* not found, or already so */
	/* A retired area may not leave current ones below it, and a current
	 * one may not sit below a retired one. */
	if (retired) {
		rc = current_children(db, partnership_id, id, &children);
		if (rc == E_OK && children > 0)
			rc = E_CONFLICT;
	} else if (old.parent_id) {
		rc = area_get(db, &tmp, partnership_id, old.parent_id, &parent);
		if (rc == E_OK && parent.retired_at)
			rc = E_CONFLICT;
	}
	if (rc)
		goto out;
	clock_iso_now(now);
	a = old;
	a.retired_at = retired ? now : NULL;
	before = area_json(&old);
	after = area_json(&a);
	if (!before || !after) {
		rc = E_NOMEM;
		goto out;
	}
	rc = db_prepare(db,
		"UPDATE area SET retired_at = $3 WHERE partnership_id = $1 AND id = $2", &st);
	if (rc)
		goto out;
	if ((rc = db_bind_i64(st, 1, partnership_id)) || (rc = db_bind_i64(st, 2, id)) ||
	    (rc = db_bind_text(st, 3, a.retired_at)))
		goto out;
	if ((rc = store_step_done(st)))
		goto out;
	rc = audit_record(db, who, partnership_id, retired ? "retire" : "reinstate", "area", id,
			  before, after);
out:
	db_finish(st);
	json_decref(before);
	json_decref(after);
	rc = db_end_owned(db, owned, rc);
done:
	pool_free(&tmp);
	return rc;
}

enum err area_list(struct db *db, struct pool *pool, int64_t partnership_id,
		   int include_retired, const char *q, struct area **out, size_t *n)
{
	struct db_stmt *st = NULL;
	char needle[STORE_NAME_MAX + 1];
	void *rows = NULL;
	struct area *list;
	size_t count = 0;
	*out = NULL;
	*n = 0;
	long qlen = store_text_clean(q, STORE_NAME_MAX, 0, needle);
	if (qlen < 0)
		return E_INVAL;
	enum err rc = db_prepare(db,
		AREA_SELECT " AND ($2 = 1 OR a.retired_at IS NULL)"
		" ORDER BY a.name COLLATE \"C\", a.id LIMIT $3", &st);
	if (rc)
		goto out;
	if ((rc = db_bind_i64(st, 1, partnership_id)) ||
	    (rc = db_bind_i64(st, 2, include_retired ? 1 : 0)) ||
	    (rc = db_bind_i64(st, 3, AREA_LIST_MAX + 1)))
		goto out;
	rc = store_read_rows(st, pool, sizeof *list, AREA_LIST_MAX, read_area, &rows, &count);
	if (rc)
		goto out;
	list = rows;
	rc = store_tree_order(list, count, sizeof *list, offsetof(struct area, id),
			      offsetof(struct area, parent_id), offsetof(struct area, depth));
	if (rc)
		goto out;
	if (qlen > 0) {
		size_t kept = 0;
		for (size_t i = 0; i < count; i++)
			if (strcasestr(list[i].name, needle))
				list[kept++] = list[i];
		count = kept;
	}
	*out = count ? list : NULL;
	*n = count;
out:
	db_finish(st);
	return rc;
}
