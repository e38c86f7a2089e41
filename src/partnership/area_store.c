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

#include "core/pool.h"
#include "db/db.h"
#include "db/store.h"
#include "partnership/partnership.h"

/* In level order: the index is the level. */
static const struct code_label area_types[] = {
	{"county", "County"},
	{"district", "District"},
	{"locality", "Locality"},
	{"ward", "Ward"},
};

#define NTYPES (sizeof area_types / sizeof area_types[0])
/* The table as area.h exports it, for pages and imports. */
const struct code_label *const area_type_table = area_types;
const size_t area_type_count = NTYPES;

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
#define AREA_GET AREA_SELECT " AND a.id = $2"

static enum err read_area(struct db_stmt *st, struct pool *pool, void *row)
{
	struct area *a = row;
	enum err rc;
	a->id = db_col_i64(st, 0);
	a->partnership_id = db_col_i64(st, 1);
	a->parent_id = store_col_opt(st, 4);
	a->population_0_19 = db_col_is_null(st, 6) ? -1 : db_col_i64(st, 6);
	a->imd_decile = (int)store_col_opt(st, 7);
	a->depth = 0;
	if ((rc = store_col_str(st, 2, pool, &a->name)) ||
	    (rc = store_col_str(st, 3, pool, &a->type)) ||
	    (rc = store_col_str(st, 5, pool, &a->parent_name)) ||
	    (rc = store_col_str(st, 8, pool, &a->retired_at)))
		return rc;
	return E_OK;
}

/* What people see of an area, for the audit trail. */
static json_t *area_json(const void *row)
{
	const struct area *a = row;
	return json_pack("{s:s, s:s, s:o, s:s?, s:o, s:o, s:s?}", "name", a->name,
			 "type", a->type,
			 "parent_id", a->parent_id ? json_integer(a->parent_id) : json_null(),
			 "parent", a->parent_name,
			 "population_0_19", a->population_0_19 >= 0 ?
				json_integer(a->population_0_19) : json_null(),
			 "imd_decile", a->imd_decile ? json_integer(a->imd_decile) : json_null(),
			 "retired_at", a->retired_at);
}

/* The columns a person edits, as $3 .. $7 (area_entity); each unknown
 * one as NULL. */
static enum err bind_area(struct db_stmt *st, const void *row)
{
	const struct area *a = row;
	enum err rc;
	if ((rc = db_bind_text(st, 3, a->name)) || (rc = db_bind_text(st, 4, a->type)) ||
	    (rc = store_bind_opt(st, 5, a->parent_id)) ||
	    (rc = a->population_0_19 >= 0 ? db_bind_i64(st, 6, a->population_0_19)
					  : db_bind_null(st, 6)) ||
	    (rc = store_bind_opt(st, 7, a->imd_decile)))
		return rc;
	return E_OK;
}

/* What keeps an area from being retired: current areas within it. */
static const char *const area_children[] = {
	"SELECT COUNT(*) FROM area"
	" WHERE partnership_id = $1 AND parent_id = $2 AND retired_at IS NULL",
	NULL,
};

static const struct store_entity area_entity = {
	.name = "area",
	.json = area_json,
	.bind = bind_area,
	.insert_sql = "INSERT INTO area (partnership_id, created_at, name, type, parent_id,"
		      " population_0_19, imd_decile) VALUES ($1, $2, $3, $4, $5, $6, $7)"
		      " RETURNING id",
	.update_sql = "UPDATE area SET name = $3, type = $4, parent_id = $5, population_0_19 = $6,"
		      " imd_decile = $7 WHERE partnership_id = $1 AND id = $2",
	.get_sql = AREA_GET,
	.read = read_area,
	.size = sizeof(struct area),
	.retired_off = offsetof(struct area, retired_at),
	.retire_sql = "UPDATE area SET retired_at = $3 WHERE partnership_id = $1 AND id = $2",
	.parent_off = offsetof(struct area, parent_id),
	.in_use_sql = area_children,
	.tree = 1,
};

enum err area_get(struct db *db, struct pool *pool, int64_t partnership_id, int64_t id,
		  struct area *out)
{
	const int64_t args[] = {partnership_id, id};
	return store_get(db, pool, AREA_GET, args, 2, read_area, out);
}

enum err area_find_by_name(struct db *db, struct pool *pool, int64_t partnership_id,
			   const char *name, struct area *out)
{
	return store_get_by_name(db, pool, AREA_SELECT " AND a.name = $2", partnership_id, name,
				 read_area, out);
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
	while (store_next(st, &rc)) {
		if (area_type_level(db_col_text(st, 0)) <= level) {
			rc = E_RANGE;
			goto out;
		}
	}
out:
	db_finish(st);
	return rc;
}

enum err area_add(struct db *db, const struct actor *who, int64_t partnership_id,
		  const char *name, const char *type, int64_t parent_id,
		  int64_t population_0_19, int imd_decile, int64_t *id)
{
	struct pool tmp;
	char clean[STORE_NAME_MAX + 1];
	int64_t new_id = 0;
	int owned = 0;
	enum err rc = area_fields(name, type, population_0_19, imd_decile, clean);
	if (rc)
		return rc;
	pool_init(&tmp, STORE_POOL_LIMIT);
	rc = db_begin_owned(db, &owned);
	if (rc)
		goto done;
	struct area a = {0, partnership_id, clean, type, parent_id, NULL, population_0_19,
			 imd_decile, NULL, 0};
	rc = check_parent(db, &tmp, partnership_id, parent_id, area_type_level(type), 0,
			  &a.parent_name);
	if (rc == E_OK)
		rc = store_add(db, who, &area_entity, partnership_id, "create", &a, &new_id);
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
	struct pool tmp;
	struct area old, a;
	char clean[STORE_NAME_MAX + 1];
	int owned = 0;
	enum err rc = area_fields(name, type, population_0_19, imd_decile, clean);
	if (rc)
		return rc;
	pool_init(&tmp, STORE_POOL_LIMIT);
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
	rc = store_update(db, who, &area_entity, partnership_id, id, &old, &a);
out:
	rc = db_end_owned(db, owned, rc);
done:
	pool_free(&tmp);
	return rc;
}

enum err area_set_retired(struct db *db, const struct actor *who, int64_t partnership_id,
			  int64_t id, int retired)
{
	return store_set_retired(db, who, &area_entity, partnership_id, id, retired);
}

enum err area_list(struct db *db, struct pool *pool, int64_t partnership_id,
		   int include_retired, const char *q, struct area **out, size_t *n)
{
	char needle[STORE_NAME_MAX + 1];
	const int64_t args[] = {partnership_id, include_retired ? 1 : 0};
	void *rows = NULL;
	struct area *list;
	size_t count = 0;
	*out = NULL;
	*n = 0;
	long qlen = store_text_clean(q, STORE_NAME_MAX, 0, needle);
	if (qlen < 0)
		return E_INVAL;
	enum err rc = store_list(db, pool,
		AREA_SELECT " AND ($2 = 1 OR a.retired_at IS NULL)"
		" ORDER BY a.name COLLATE \"C\", a.id LIMIT $3",
		args, 2, sizeof *list, AREA_LIST_MAX, read_area, &rows, &count);
	if (rc)
		return rc;
	list = rows;
	rc = store_tree_order(list, count, sizeof *list, offsetof(struct area, id),
			      offsetof(struct area, parent_id), offsetof(struct area, depth));
	if (rc)
		return rc;
	if (qlen > 0) {
		size_t kept = 0;
		for (size_t i = 0; i < count; i++)
			if (strcasestr(list[i].name, needle))
				list[kept++] = list[i];
		count = kept;
	}
	*out = count ? list : NULL;
	*n = count;
	return E_OK;
}
