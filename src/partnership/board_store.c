/*
 * board_store.c: the SQL behind board.h.
 *
 * Unlike areas, boards have no level to keep reporting lines acyclic, so a
 * change of the group a board reports to walks up the chain from the
 * proposed group and refuses it if the walk comes back to the board.  The
 * walk is one indexed lookup per step and bounded by BOARD_LIST_MAX steps,
 * so a chain corrupted around this file cannot make it loop.  Creating a
 * board needs no walk: a new row has nothing reporting to it yet.
 *
 * Retirement keeps the tree whole: a group cannot be retired while current
 * groups report to it, nor reinstated under a retired one.  Memberships
 * are never deleted; removing one sets its retired_at.  A current
 * membership is unique (board, organisation, position) by a partial index
 * (board_member_current: ended ones may repeat), so a duplicate is refused
 * by the database as E_CONFLICT on both backends, even between two
 * requests racing, with no check here that could go stale.
 *
 * Validation, audit and the unchanged-save rule as in partnership_store.c.
 */
#include "partnership/board.h"

#include <jansson.h>
#include <stddef.h>

#include "core/clock.h"
#include "core/pool.h"
#include "db/db.h"
#include "db/store.h"
#include "partnership/area.h"
#include "partnership/partnership.h"

static const struct code_label kinds[] = {
	{"trust_board", "Trust board"},
	{"joint_commissioning_group", "Joint commissioning group"},
	{"performance_group", "Performance management group"},
	{"partnership_board", "Partnership board"},
	{"area_board", "Area board"},
	{"other", "Other group"},
};

#define NKINDS (sizeof kinds / sizeof kinds[0])

int board_kind_valid(const char *kind)
{
	return code_label_find(kinds, NKINDS, kind) != NULL;
}

const char *board_kind_label(const char *kind)
{
	const char *l = code_label_find(kinds, NKINDS, kind);
	return l ? l : "Other group";
}

/* The board with the names of the group it reports to and its area,
 * scoped by $1. */
#define BOARD_SELECT \
	"SELECT b.id, b.partnership_id, b.name, b.kind, b.purpose, b.reports_to_id, r.name," \
	" b.area_id, a.name, b.retired_at" \
	" FROM board b" \
	" LEFT JOIN board r ON r.partnership_id = b.partnership_id AND r.id = b.reports_to_id" \
	" LEFT JOIN area a ON a.partnership_id = b.partnership_id AND a.id = b.area_id" \
	" WHERE b.partnership_id = $1"
#define BOARD_GET BOARD_SELECT " AND b.id = $2"

static enum err read_board(struct db_stmt *st, struct pool *pool, void *row)
{
	struct board *b = row;
	enum err rc;
	b->id = db_col_i64(st, 0);
	b->partnership_id = db_col_i64(st, 1);
	b->reports_to_id = store_col_opt(st, 5);
	b->area_id = store_col_opt(st, 7);
	b->depth = 0;
	if ((rc = store_col_str(st, 2, pool, &b->name)) ||
	    (rc = store_col_str(st, 3, pool, &b->kind)) ||
	    (rc = store_col_str(st, 4, pool, &b->purpose)) ||
	    (rc = store_col_str(st, 6, pool, &b->reports_to_name)) ||
	    (rc = store_col_str(st, 8, pool, &b->area_name)) ||
	    (rc = store_col_str(st, 9, pool, &b->retired_at)))
		return rc;
	if (!b->purpose)
		b->purpose = "";
	return E_OK;
}

/* What people see of a board, for the audit trail. */
static json_t *board_json(const void *row)
{
	const struct board *b = row;
	return json_pack("{s:s, s:s, s:s, s:o, s:s?, s:o, s:s?, s:s?}", "name", b->name,
			 "kind", b->kind, "purpose", b->purpose,
			 "reports_to_id", b->reports_to_id ? json_integer(b->reports_to_id)
							   : json_null(),
			 "reports_to", b->reports_to_name,
			 "area_id", b->area_id ? json_integer(b->area_id) : json_null(),
			 "area", b->area_name, "retired_at", b->retired_at);
}

/* The columns a person edits, as $3 .. $7 (board_entity); no group or
 * area as NULL. */
static enum err bind_board(struct db_stmt *st, const void *row)
{
	const struct board *b = row;
	enum err rc;
	if ((rc = db_bind_text(st, 3, b->name)) || (rc = db_bind_text(st, 4, b->kind)) ||
	    (rc = db_bind_text(st, 5, b->purpose)) ||
	    (rc = store_bind_opt(st, 6, b->reports_to_id)) ||
	    (rc = store_bind_opt(st, 7, b->area_id)))
		return rc;
	return E_OK;
}

/* What keeps a group from being retired: current groups reporting to it. */
static const char *const board_children[] = {
	"SELECT COUNT(*) FROM board"
	" WHERE partnership_id = $1 AND reports_to_id = $2 AND retired_at IS NULL",
	NULL,
};

static const struct store_entity board_entity = {
	.name = "board",
	.json = board_json,
	.bind = bind_board,
	.insert_sql = "INSERT INTO board (partnership_id, created_at, name, kind, purpose,"
		      " reports_to_id, area_id) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
	.update_sql = "UPDATE board SET name = $3, kind = $4, purpose = $5, reports_to_id = $6,"
		      " area_id = $7 WHERE partnership_id = $1 AND id = $2",
	.get_sql = BOARD_GET,
	.read = read_board,
	.size = sizeof(struct board),
	.retired_off = offsetof(struct board, retired_at),
	.retire_sql = "UPDATE board SET retired_at = $3 WHERE partnership_id = $1 AND id = $2",
	.parent_off = offsetof(struct board, reports_to_id),
	.in_use_sql = board_children,
	.tree = 1,
};

enum err board_get(struct db *db, struct pool *pool, int64_t partnership_id, int64_t id,
		   struct board *out)
{
	const int64_t args[] = {partnership_id, id};
	return store_get(db, pool, BOARD_GET, args, 2, read_board, out);
}

static enum err board_fields(const char *name, const char *kind, const char *purpose,
			     char name_out[STORE_NAME_MAX + 1],
			     char purpose_out[BOARD_PURPOSE_MAX + 1])
{
	if (store_text_clean(name, STORE_NAME_MAX, 0, name_out) <= 0 || !board_kind_valid(kind) ||
	    store_text_clean(purpose, BOARD_PURPOSE_MAX, 1, purpose_out) < 0)
		return E_INVAL;
	return E_OK;
}

/*
 * The group reported to and the area must be current records of this
 * partnership (else E_RANGE); keep_* are the board's present ones, which
 * may stay even if retired since then.  Their names go into b.
 */
static enum err check_refs(struct db *db, struct pool *pool, int64_t partnership_id,
			   struct board *b, int64_t keep_reports_to, int64_t keep_area)
{
	enum err rc;
	b->reports_to_name = NULL;
	b->area_name = NULL;
	if (b->reports_to_id < 0 || b->area_id < 0)
		return E_RANGE;
	if (b->reports_to_id) {
		struct board r;
		rc = board_get(db, pool, partnership_id, b->reports_to_id, &r);
		if (rc)
			return rc == E_NOTFOUND ? E_RANGE : rc;
		if (r.retired_at && b->reports_to_id != keep_reports_to)
			return E_RANGE;
		b->reports_to_name = r.name;
	}
	if (b->area_id) {
		struct area a;
		rc = area_get(db, pool, partnership_id, b->area_id, &a);
		if (rc)
			return rc == E_NOTFOUND ? E_RANGE : rc;
		if (a.retired_at && b->area_id != keep_area)
			return E_RANGE;
		b->area_name = a.name;
	}
	return E_OK;
}

/* E_RANGE when id appears on the reporting chain that starts at parent. */
static enum err check_no_cycle(struct db *db, int64_t partnership_id, int64_t id, int64_t parent)
{
	struct db_stmt *st = NULL;
	enum err rc = E_OK;
	for (size_t steps = 0; parent; steps++) {
		if (parent == id || steps == BOARD_LIST_MAX)
			return E_RANGE;
		rc = db_prepare(db,
			"SELECT reports_to_id FROM board WHERE partnership_id = $1 AND id = $2", &st);
		if (rc)
			break;
		if ((rc = db_bind_i64(st, 1, partnership_id)) || (rc = db_bind_i64(st, 2, parent)))
			break;
		if (!store_next(st, &rc))
			break; /* an error, or the chain ends at a missing row: no cycle through id */
		parent = store_col_opt(st, 0);
		db_finish(st);
		st = NULL;
	}
	db_finish(st);
	return rc;
}

enum err board_add(struct db *db, const struct actor *who, int64_t partnership_id,
		   const char *name, const char *kind, const char *purpose,
		   int64_t reports_to_id, int64_t area_id, int64_t *id)
{
	struct pool tmp;
	char clean[STORE_NAME_MAX + 1], purpose_clean[BOARD_PURPOSE_MAX + 1];
	int64_t new_id = 0;
	int owned = 0;
	enum err rc = board_fields(name, kind, purpose, clean, purpose_clean);
	if (rc)
		return rc;
	pool_init(&tmp, STORE_POOL_LIMIT);
	rc = db_begin_owned(db, &owned);
	if (rc)
		goto done;
	struct board b = {.partnership_id = partnership_id, .name = clean, .kind = kind,
			  .purpose = purpose_clean, .reports_to_id = reports_to_id,
			  .area_id = area_id};
	rc = check_refs(db, &tmp, partnership_id, &b, 0, 0);
	if (rc == E_OK)
		rc = store_add(db, who, &board_entity, partnership_id, "create", &b, &new_id);
	rc = db_end_owned(db, owned, rc);
done:
	pool_free(&tmp);
	if (rc == E_OK && id)
		*id = new_id;
	return rc;
}

enum err board_update(struct db *db, const struct actor *who, int64_t partnership_id,
		      int64_t id, const char *name, const char *kind, const char *purpose,
		      int64_t reports_to_id, int64_t area_id)
{
	struct pool tmp;
	struct board old, b;
	char clean[STORE_NAME_MAX + 1], purpose_clean[BOARD_PURPOSE_MAX + 1];
	int owned = 0;
	enum err rc = board_fields(name, kind, purpose, clean, purpose_clean);
	if (rc)
		return rc;
	pool_init(&tmp, STORE_POOL_LIMIT);
	rc = db_begin_owned(db, &owned);
	if (rc)
		goto done;
	rc = board_get(db, &tmp, partnership_id, id, &old);
	if (rc)
		goto out;
	b = old;
	b.name = clean;
	b.kind = kind;
	b.purpose = purpose_clean;
	b.reports_to_id = reports_to_id;
	b.area_id = area_id;
	if ((rc = check_refs(db, &tmp, partnership_id, &b, old.reports_to_id, old.area_id)) ||
	    (rc = check_no_cycle(db, partnership_id, id, reports_to_id)))
		goto out;
	rc = store_update(db, who, &board_entity, partnership_id, id, &old, &b);
out:
	rc = db_end_owned(db, owned, rc);
done:
	pool_free(&tmp);
	return rc;
}

enum err board_set_retired(struct db *db, const struct actor *who, int64_t partnership_id,
			   int64_t id, int retired)
{
	return store_set_retired(db, who, &board_entity, partnership_id, id, retired);
}

enum err board_list(struct db *db, struct pool *pool, int64_t partnership_id,
		    int include_retired, struct board **out, size_t *n)
{
	const int64_t args[] = {partnership_id, include_retired ? 1 : 0};
	void *rows = NULL;
	size_t count = 0;
	*out = NULL;
	*n = 0;
	enum err rc = store_list(db, pool,
		BOARD_SELECT " AND ($2 = 1 OR b.retired_at IS NULL)"
		" ORDER BY b.name COLLATE \"C\", b.id LIMIT $3",
		args, 2, sizeof **out, BOARD_LIST_MAX, read_board, &rows, &count);
	if (rc)
		return rc;
	rc = store_tree_order(rows, count, sizeof **out, offsetof(struct board, id),
			      offsetof(struct board, reports_to_id), offsetof(struct board, depth));
	if (rc)
		return rc;
	*out = rows;
	*n = count;
	return E_OK;
}

enum err board_search(struct db *db, struct pool *pool, int64_t partnership_id,
		      int include_retired, const char *q, struct board **out, size_t *n)
{
	void *rows = NULL;
	const char *pattern = NULL;
	struct db_stmt *st = NULL;
	*out = NULL;
	*n = 0;
	enum err rc = store_like_pattern(pool, q, &pattern);
	if (rc)
		return rc;
	/* lower() on both sides as in organisation_search(); $3 typed where
	 * PostgreSQL first meets it. */
	rc = db_prepare(db,
		BOARD_SELECT " AND ($2 = 1 OR b.retired_at IS NULL)"
		" AND (CAST($3 AS TEXT) IS NULL"
		"      OR lower(b.name) LIKE lower(CAST($3 AS TEXT)) ESCAPE '\\'"
		"      OR lower(b.purpose) LIKE lower(CAST($3 AS TEXT)) ESCAPE '\\')"
		" ORDER BY b.name COLLATE \"C\", b.id LIMIT $4", &st);
	if (rc)
		goto out;
	if ((rc = db_bind_i64(st, 1, partnership_id)) ||
	    (rc = db_bind_i64(st, 2, include_retired ? 1 : 0)) ||
	    (rc = db_bind_text(st, 3, pattern)) ||
	    (rc = db_bind_i64(st, 4, (int64_t)BOARD_LIST_MAX + 1)))
		goto out;
	rc = store_read_rows(st, pool, sizeof **out, BOARD_LIST_MAX, read_board, &rows, n);
	*out = rows;
out:
	db_finish(st);
	return rc;
}

/* ---- members ---- */

#define MEMBER_SELECT \
	"SELECT m.id, m.board_id, m.organisation_id, o.name, m.position, m.retired_at" \
	" FROM board_member m JOIN organisation o" \
	" ON o.partnership_id = m.partnership_id AND o.id = m.organisation_id" \
	" WHERE m.partnership_id = $1 AND m.board_id = $2"

static enum err read_member(struct db_stmt *st, struct pool *pool, void *row)
{
	struct board_member *m = row;
	enum err rc;
	m->id = db_col_i64(st, 0);
	m->board_id = db_col_i64(st, 1);
	m->organisation_id = db_col_i64(st, 2);
	if ((rc = store_col_str(st, 3, pool, &m->organisation_name)) ||
	    (rc = store_col_str(st, 4, pool, &m->position)) ||
	    (rc = store_col_str(st, 5, pool, &m->retired_at)))
		return rc;
	return E_OK;
}

/* A membership and its board's name: what the audit trail shows of it. */
struct member_audit {
	struct board_member m;
	const char *board;
};

static json_t *member_json(const void *row)
{
	const struct member_audit *a = row;
	const struct board_member *m = &a->m;
	return json_pack("{s:I, s:s, s:I, s:s, s:s, s:s?}", "board_id", (json_int_t)m->board_id,
			 "board", a->board, "organisation_id", (json_int_t)m->organisation_id,
			 "organisation", m->organisation_name, "position", m->position,
			 "retired_at", m->retired_at);
}

/* The columns of a new membership, as $3 .. $5 (member_entity). */
static enum err bind_member(struct db_stmt *st, const void *row)
{
	const struct board_member *m = &((const struct member_audit *)row)->m;
	enum err rc;
	if ((rc = db_bind_i64(st, 3, m->board_id)) || (rc = db_bind_i64(st, 4, m->organisation_id)) ||
	    (rc = db_bind_text(st, 5, m->position)))
		return rc;
	return E_OK;
}

/* Memberships are added and ended (store_write_retired), never edited or
 * restored. */
static const struct store_entity member_entity = {
	.name = "board_member",
	.json = member_json,
	.bind = bind_member,
	/* A current duplicate breaks board_member_current: E_CONFLICT. */
	.insert_sql = "INSERT INTO board_member (partnership_id, created_at, board_id,"
		      " organisation_id, position) VALUES ($1, $2, $3, $4, $5) RETURNING id",
	.retire_sql = "UPDATE board_member SET retired_at = $3 WHERE partnership_id = $1 AND id = $2",
};

enum err board_member_add(struct db *db, const struct actor *who, int64_t partnership_id,
			  int64_t board_id, int64_t organisation_id, const char *position,
			  int64_t *id)
{
	struct pool tmp;
	struct board b;
	struct organisation o;
	char clean[BOARD_POSITION_MAX + 1];
	int64_t new_id = 0;
	int owned = 0;
	if (store_text_clean(position, BOARD_POSITION_MAX, 0, clean) <= 0)
		return E_INVAL;
	pool_init(&tmp, STORE_POOL_LIMIT);
	enum err rc = db_begin_owned(db, &owned);
	if (rc)
		goto done;
	rc = board_get(db, &tmp, partnership_id, board_id, &b);
	if (rc)
		goto out;
	if (b.retired_at) {
		rc = E_CONFLICT; /* a retired group takes no new members */
		goto out;
	}
	rc = organisation_get(db, &tmp, partnership_id, organisation_id, &o);
	if (rc == E_NOTFOUND || (rc == E_OK && o.retired_at))
		rc = E_RANGE;
	if (rc)
		goto out;
	struct member_audit m = {{0, board_id, organisation_id, o.name, clean, NULL}, b.name};
	rc = store_add(db, who, &member_entity, partnership_id, "add_member", &m, &new_id);
out:
	rc = db_end_owned(db, owned, rc);
done:
	pool_free(&tmp);
	if (rc == E_OK && id)
		*id = new_id;
	return rc;
}

enum err board_member_remove(struct db *db, const struct actor *who, int64_t partnership_id,
			     int64_t board_id, int64_t member_id)
{
	const int64_t args[] = {partnership_id, board_id, member_id};
	struct pool tmp;
	struct board b;
	struct member_audit old, m;
	char now[CLOCK_ISO_SIZE];
	int owned = 0;
	pool_init(&tmp, STORE_POOL_LIMIT);
	enum err rc = db_begin_owned(db, &owned);
	if (rc)
		goto done;
	if ((rc = board_get(db, &tmp, partnership_id, board_id, &b)) ||
	    (rc = store_get(db, &tmp, MEMBER_SELECT " AND m.id = $3", args, 3, read_member,
			    &old.m)) ||
	    old.m.retired_at)
		goto out; /* not found, or already ended */
	clock_iso_now(now);
	old.board = b.name;
	m = old;
	m.m.retired_at = now;
	rc = store_write_retired(db, who, &member_entity, partnership_id, member_id, now,
				 "remove_member", &old, &m);
out:
	rc = db_end_owned(db, owned, rc);
done:
	pool_free(&tmp);
	return rc;
}

enum err board_member_list(struct db *db, struct pool *pool, int64_t partnership_id,
			   int64_t board_id, struct board_member **out, size_t *n)
{
	const int64_t args[] = {partnership_id, board_id};
	struct pool tmp;
	struct board b;
	void *rows = NULL;
	*out = NULL;
	*n = 0;
	/* Another partnership's board is not found, rather than empty. */
	pool_init(&tmp, STORE_POOL_LIMIT);
	enum err rc = board_get(db, &tmp, partnership_id, board_id, &b);
	pool_free(&tmp);
	if (rc)
		return rc;
	rc = store_list(db, pool,
		MEMBER_SELECT " AND m.retired_at IS NULL"
		" ORDER BY o.name COLLATE \"C\", m.position COLLATE \"C\", m.id LIMIT $3",
		args, 2, sizeof **out, BOARD_MEMBERS_MAX, read_member, &rows, n);
	*out = rows;
	return rc;
}
