/*
 * action_store.c: the SQL behind action.h.
 *
 * An action and its links are one record to people, so they are written
 * and audited as one: store_add()/store_update() write the action row and
 * record the event, whose JSON (action_json) carries the links, and the
 * links are written beside it in the same transaction.  Links are kept in
 * one canonical order (kind, round, key, in bytes) both when read and when
 * written, so an unchanged save compares equal and records nothing.
 *
 * References are checked here, not only in the pages: the owner must be a
 * current organisation of the partnership (one retired since may stay),
 * and a standard's round must be the partnership's with the key in its
 * framework.  A reference that fails is E_RANGE, whichever partnership it
 * belongs to, so a forged id learns nothing.  The composite foreign keys
 * of migration 3 back this up for the owner.
 *
 * Lists read the actions, then the links of those same actions, in two
 * statements whatever the count (the links are matched to their action by
 * a binary search on id).
 */
#include "action/action.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "core/pool.h"
#include "db/db.h"
#include "db/store.h"
#include "partnership/partnership.h"
#include "selfanalysis/framework.h"
#include "selfanalysis/round.h"

static const struct code_label statuses[] = {
	{"not_started", "Not started"},
	{"in_progress", "In progress"},
	{"done", "Done"},
	{"dropped", "Dropped"},
};
#define NSTATUSES (sizeof statuses / sizeof statuses[0])

const struct code_label *const action_status_table = statuses;
const size_t action_status_count = NSTATUSES;

int action_status_valid(const char *status)
{
	return code_label_find(statuses, NSTATUSES, status) != NULL;
}

const char *action_status_label(const char *status)
{
	const char *l = code_label_find(statuses, NSTATUSES, status);
	return l ? l : statuses[0].label;
}

void action_today(char out[ACTION_DAY_SIZE])
{
	char now[CLOCK_ISO_SIZE];
	clock_iso_now(now);
	memcpy(out, now, 10);
	out[10] = '\0';
}

int action_overdue(const struct action_item *a, const char *today)
{
	if (!a->due_on || !today || strcmp(a->status, "done") == 0 || strcmp(a->status, "dropped") == 0)
		return 0;
	return strncmp(a->due_on, today, 10) < 0;
}

int action_links_standard(const struct action_item *a, int64_t round_id, const char *key)
{
	for (size_t i = 0; i < a->n_links; i++)
		if (strcmp(a->links[i].kind, ACTION_LINK_SA_STANDARD) == 0 &&
		    a->links[i].ref_id == round_id && strcmp(a->links[i].ref_key, key) == 0)
			return 1;
	return 0;
}

/* ---- reading ---- */

#define ACTION_SELECT \
	"SELECT a.id, a.title, a.owner_organisation_id, o.name, a.lead, a.due_on, a.status," \
	" a.created_at FROM action a" \
	" LEFT JOIN organisation o" \
	" ON o.partnership_id = a.partnership_id AND o.id = a.owner_organisation_id" \
	" WHERE a.partnership_id = $1"

/* The links with their round's name and framework, scoped by $1. */
#define LINK_SELECT \
	"SELECT l.action_id, l.kind, l.ref_id, l.ref_key, r.name, r.framework" \
	" FROM action_link l" \
	" JOIN action a ON a.partnership_id = l.partnership_id AND a.id = l.action_id" \
	" LEFT JOIN sa_round r ON l.kind = 'sa_standard'" \
	" AND r.partnership_id = l.partnership_id AND r.id = l.ref_id" \
	" WHERE l.partnership_id = $1"
#define LINK_ORDER " ORDER BY l.action_id, l.kind COLLATE \"C\", l.ref_id, l.ref_key COLLATE \"C\""

/* action_list()'s filters on a: $2 a status or NULL, $3 a round or 0. */
#define LIST_FILTER \
	" AND (CAST($2 AS TEXT) IS NULL OR a.status = CAST($2 AS TEXT))" \
	" AND (CAST($3 AS BIGINT) = 0 OR EXISTS (SELECT 1 FROM action_link f" \
	" WHERE f.partnership_id = a.partnership_id AND f.action_id = a.id" \
	" AND f.kind = 'sa_standard' AND f.ref_id = CAST($3 AS BIGINT)))"

static enum err read_action(struct db_stmt *st, struct pool *pool, void *row)
{
	struct action_item *a = row;
	enum err rc;
	a->id = db_col_i64(st, 0);
	a->owner_id = store_col_opt(st, 2);
	a->links = NULL;
	a->n_links = 0;
	if ((rc = store_col_str(st, 1, pool, &a->title)) ||
	    (rc = store_col_str(st, 3, pool, &a->owner_name)) ||
	    (rc = store_col_str(st, 4, pool, &a->lead)) ||
	    (rc = store_col_str(st, 5, pool, &a->due_on)) ||
	    (rc = store_col_str(st, 6, pool, &a->status)) ||
	    (rc = store_col_str(st, 7, pool, &a->created_at)))
		return rc;
	if (!a->lead)
		a->lead = "";
	return E_OK;
}

/* A link row, with the id of its action (kept in the link list only). */
struct link_row {
	int64_t action_id;
	struct action_link link;
};

static enum err read_link(struct db_stmt *st, struct pool *pool, void *row)
{
	struct link_row *l = row;
	enum err rc;
	l->action_id = db_col_i64(st, 0);
	l->link.ref_id = db_col_i64(st, 2);
	if ((rc = store_col_str(st, 1, pool, &l->link.kind)) ||
	    (rc = store_col_str(st, 3, pool, &l->link.ref_key)) ||
	    (rc = store_col_str(st, 4, pool, &l->link.ref_name)) ||
	    (rc = store_col_str(st, 5, pool, &l->link.framework)))
		return rc;
	return E_OK;
}

/* An action's id and where it is in the list: the list is by due day,
 * the links by action id. */
struct id_index {
	int64_t id;
	size_t idx;
};

static int cmp_id_index(const void *x, const void *y)
{
	int64_t a = ((const struct id_index *)x)->id, b = ((const struct id_index *)y)->id;
	return (a > b) - (a < b);
}

/*
 * Gives each of actions (n) its links from rows (by action id, canonical
 * order within one): each action's links are a slice of one pool array.
 */
static enum err attach_links(struct pool *pool, struct action_item *actions, size_t n,
			     const struct link_row *rows, size_t nrows)
{
	if (nrows == 0)
		return E_OK;
	struct action_link *links = pool_alloc(pool, nrows * sizeof *links);
	struct id_index *byid = pool_alloc(pool, n * sizeof *byid);
	if (!links || !byid)
		return E_NOMEM;
	for (size_t i = 0; i < nrows; i++)
		links[i] = rows[i].link;
	for (size_t i = 0; i < n; i++)
		byid[i] = (struct id_index){actions[i].id, i};
	qsort(byid, n, sizeof *byid, cmp_id_index);
	for (size_t i = 0; i < nrows;) {
		size_t j = i;
		while (j < nrows && rows[j].action_id == rows[i].action_id)
			j++;
		struct id_index key = {rows[i].action_id, 0};
		const struct id_index *at = bsearch(&key, byid, n, sizeof *byid, cmp_id_index);
		if (at) {
			actions[at->idx].links = links + i;
			actions[at->idx].n_links = j - i;
		}
		i = j;
	}
	return E_OK;
}

enum err action_get(struct db *db, struct pool *pool, int64_t partnership_id, int64_t id,
		    struct action_item *out)
{
	const int64_t args[] = {partnership_id, id};
	void *rows = NULL;
	size_t n = 0;
	enum err rc = store_get(db, pool, ACTION_SELECT " AND a.id = $2", args, 2, read_action, out);
	if (rc)
		return rc;
	rc = store_list(db, pool, LINK_SELECT " AND l.action_id = $2" LINK_ORDER " LIMIT $3", args, 2,
			sizeof(struct link_row), ACTION_LINKS_MAX, read_link, &rows, &n);
	if (rc)
		return rc;
	return attach_links(pool, out, 1, rows, n);
}

enum err action_list(struct db *db, struct pool *pool, int64_t partnership_id,
		     const struct action_query *q, struct action_item **out, size_t *n)
{
	static const struct action_query none = {0};
	struct db_stmt *st = NULL;
	void *actions = NULL, *links = NULL;
	size_t count = 0, nlinks = 0;
	*out = NULL;
	*n = 0;
	if (!q)
		q = &none;
	const char *status = q->status && *q->status ? q->status : NULL;
	if ((status && !action_status_valid(status)) || q->round_id < 0)
		return E_INVAL;
	/* The same filters for both statements, so the links read are those
	 * of the actions read. */
	enum err rc = db_prepare(db,
		ACTION_SELECT LIST_FILTER
		" ORDER BY CASE WHEN a.due_on IS NULL THEN 1 ELSE 0 END, a.due_on COLLATE \"C\", a.id"
		" LIMIT $4", &st);
	if (rc == E_OK && (rc = db_bind_i64(st, 1, partnership_id)) == E_OK &&
	    (rc = db_bind_text(st, 2, status)) == E_OK && (rc = db_bind_i64(st, 3, q->round_id)) == E_OK &&
	    (rc = db_bind_i64(st, 4, (int64_t)ACTION_LIST_MAX + 1)) == E_OK)
		rc = store_read_rows(st, pool, sizeof(struct action_item), ACTION_LIST_MAX, read_action,
				     &actions, &count);
	db_finish(st);
	st = NULL;
	if (rc || count == 0)
		return rc;
	rc = db_prepare(db, LINK_SELECT LIST_FILTER LINK_ORDER " LIMIT $4", &st);
	if (rc == E_OK && (rc = db_bind_i64(st, 1, partnership_id)) == E_OK &&
	    (rc = db_bind_text(st, 2, status)) == E_OK && (rc = db_bind_i64(st, 3, q->round_id)) == E_OK &&
	    (rc = db_bind_i64(st, 4, (int64_t)ACTION_LIST_MAX * ACTION_LINKS_MAX + 1)) == E_OK)
		rc = store_read_rows(st, pool, sizeof(struct link_row),
				     (size_t)ACTION_LIST_MAX * ACTION_LINKS_MAX, read_link, &links, &nlinks);
	db_finish(st);
	if (rc == E_OK)
		rc = attach_links(pool, actions, count, links, nlinks);
	if (rc)
		return rc;
	*out = actions;
	*n = count;
	return E_OK;
}

/* ---- writing ---- */

/* What people see of an action, links included, for the audit trail. */
static json_t *action_json(const void *row)
{
	const struct action_item *a = row;
	json_t *links = json_array();
	for (size_t i = 0; links && i < a->n_links; i++) {
		const struct action_link *l = &a->links[i];
		if (json_array_append_new(links, json_pack("{s:s, s:I, s:s?, s:s}", "kind", l->kind,
							   "round_id", (json_int_t)l->ref_id,
							   "round", l->ref_name, "standard", l->ref_key))) {
			json_decref(links);
			return NULL;
		}
	}
	if (!links)
		return NULL;
	return json_pack("{s:s, s:o, s:s?, s:s, s:s?, s:s, s:o}", "title", a->title,
			 "owner_organisation_id", a->owner_id ? json_integer(a->owner_id) : json_null(),
			 "owner", a->owner_name, "lead", a->lead, "due_on", a->due_on,
			 "status", a->status, "links", links);
}

/* The columns a person edits, as $3 .. $7. */
static enum err bind_action(struct db_stmt *st, const void *row)
{
	const struct action_item *a = row;
	enum err rc;
	if ((rc = db_bind_text(st, 3, a->title)) || (rc = store_bind_opt(st, 4, a->owner_id)) ||
	    (rc = db_bind_text(st, 5, a->lead)) || (rc = db_bind_text(st, 6, a->due_on)) ||
	    (rc = db_bind_text(st, 7, a->status)))
		return rc;
	return E_OK;
}

static const struct store_entity action_entity = {
	.name = "action",
	.json = action_json,
	.bind = bind_action,
	.insert_sql = "INSERT INTO action (partnership_id, created_at, title, owner_organisation_id,"
		      " lead, due_on, status) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
	.update_sql = "UPDATE action SET title = $3, owner_organisation_id = $4, lead = $5,"
		      " due_on = $6, status = $7 WHERE partnership_id = $1 AND id = $2",
};

static int cmp_link(const void *x, const void *y)
{
	const struct action_link *a = x, *b = y;
	int c = strcmp(a->kind, b->kind);
	if (c)
		return c;
	if (a->ref_id != b->ref_id)
		return a->ref_id < b->ref_id ? -1 : 1;
	return strcmp(a->ref_key, b->ref_key);
}

/*
 * The links of in, checked and in canonical order without duplicates, in
 * out (pool memory) with their rounds' names and frameworks.  Each round
 * and framework is loaded once however many of its standards are linked.
 */
static enum err check_links(struct db *db, struct pool *pool, int64_t partnership_id,
			    const struct action_item *in, struct action_item *out)
{
	out->links = NULL;
	out->n_links = 0;
	if (in->n_links == 0)
		return E_OK;
	if (!in->links)
		return E_INVAL;
	struct action_link *l = pool_alloc(pool, in->n_links * sizeof *l);
	if (!l)
		return E_NOMEM;
	for (size_t i = 0; i < in->n_links; i++) {
		if (!in->links[i].kind || strcmp(in->links[i].kind, ACTION_LINK_SA_STANDARD) != 0 ||
		    !in->links[i].ref_key)
			return E_INVAL;
		l[i] = (struct action_link){.kind = ACTION_LINK_SA_STANDARD, .ref_id = in->links[i].ref_id,
					    .ref_key = in->links[i].ref_key};
	}
	qsort(l, in->n_links, sizeof *l, cmp_link);
	size_t n = 0;
	struct round r = {0};
	struct framework fw = {0};
	for (size_t i = 0; i < in->n_links; i++) {
		if (n && cmp_link(&l[n - 1], &l[i]) == 0)
			continue; /* the same standard twice counts once */
		if (n == ACTION_LINKS_MAX)
			return E_TOOBIG;
		if (!r.id || r.id != l[i].ref_id) {
			enum err rc = l[i].ref_id > 0 ? round_get(db, pool, partnership_id, l[i].ref_id, &r)
						      : E_NOTFOUND;
			if (rc == E_OK)
				rc = framework_load(db, pool, partnership_id, r.framework, &fw);
			if (rc)
				return rc == E_NOTFOUND ? E_RANGE : rc;
		}
		if (!framework_find_key(&fw, l[i].ref_key))
			return E_RANGE;
		l[n] = l[i];
		l[n].ref_name = r.name;
		l[n].framework = r.framework;
		n++;
	}
	out->links = l;
	out->n_links = n;
	return E_OK;
}

/*
 * The fields of in, cleaned and checked, into out (text in the pool):
 * keep_owner is the owner the action has now (0 when adding), which may
 * stay though retired since.
 */
static enum err check_action(struct db *db, struct pool *pool, int64_t partnership_id,
			     const struct action_item *in, int64_t keep_owner, struct action_item *out)
{
	char *title = pool_alloc(pool, ACTION_TITLE_MAX + 1);
	char *lead = pool_alloc(pool, ACTION_LEAD_MAX + 1);
	if (!title || !lead)
		return E_NOMEM;
	const char *status = in->status ? in->status : "not_started";
	if (store_text_clean(in->title, ACTION_TITLE_MAX, 0, title) <= 0 ||
	    store_text_clean(in->lead, ACTION_LEAD_MAX, 0, lead) < 0 || !action_status_valid(status) ||
	    (in->due_on && (strlen(in->due_on) != 10 || !clock_day_valid(in->due_on))))
		return E_INVAL;
	out->title = title;
	out->lead = lead;
	out->status = status;
	out->due_on = in->due_on;
	out->owner_id = in->owner_id;
	out->owner_name = NULL;
	if (in->owner_id < 0)
		return E_RANGE;
	if (in->owner_id) {
		struct organisation o;
		enum err rc = organisation_get(db, pool, partnership_id, in->owner_id, &o);
		if (rc)
			return rc == E_NOTFOUND ? E_RANGE : rc;
		if (o.retired_at && in->owner_id != keep_owner)
			return E_RANGE;
		out->owner_name = o.name;
	}
	return check_links(db, pool, partnership_id, in, out);
}

/* Writes a's links for action id (after any old ones are gone). */
static enum err insert_links(struct db *db, int64_t partnership_id, int64_t id,
			     const struct action_item *a)
{
	enum err rc = E_OK;
	for (size_t i = 0; rc == E_OK && i < a->n_links; i++) {
		struct db_stmt *st = NULL;
		rc = db_prepare(db, "INSERT INTO action_link (partnership_id, action_id, kind, ref_id, ref_key)"
				    " VALUES ($1, $2, $3, $4, $5)", &st);
		if (rc == E_OK && (rc = db_bind_i64(st, 1, partnership_id)) == E_OK &&
		    (rc = db_bind_i64(st, 2, id)) == E_OK && (rc = db_bind_text(st, 3, a->links[i].kind)) == E_OK &&
		    (rc = db_bind_i64(st, 4, a->links[i].ref_id)) == E_OK &&
		    (rc = db_bind_text(st, 5, a->links[i].ref_key)) == E_OK)
			rc = store_step_done(st);
		db_finish(st);
	}
	return rc;
}

enum err action_add(struct db *db, const struct actor *who, int64_t partnership_id,
		    const struct action_item *in, int64_t *id)
{
	struct pool tmp;
	struct action_item a = {0};
	int64_t new_id = 0;
	int owned = 0;
	pool_init(&tmp, STORE_POOL_LIMIT);
	enum err rc = db_begin_owned(db, &owned);
	if (rc)
		goto done;
	if ((rc = check_action(db, &tmp, partnership_id, in, 0, &a)) == E_OK &&
	    (rc = store_add(db, who, &action_entity, partnership_id, "create", &a, &new_id)) == E_OK)
		rc = insert_links(db, partnership_id, new_id, &a);
	rc = db_end_owned(db, owned, rc);
done:
	pool_free(&tmp);
	if (rc == E_OK && id)
		*id = new_id;
	return rc;
}

enum err action_update(struct db *db, const struct actor *who, int64_t partnership_id,
		       int64_t id, const struct action_item *in)
{
	const int64_t args[] = {partnership_id, id};
	struct pool tmp;
	struct action_item old, a = {0};
	int owned = 0;
	pool_init(&tmp, STORE_POOL_LIMIT);
	enum err rc = db_begin_owned(db, &owned);
	if (rc)
		goto done;
	if ((rc = action_get(db, &tmp, partnership_id, id, &old)) ||
	    (rc = check_action(db, &tmp, partnership_id, in, old.owner_id, &a)))
		goto out;
	a.id = id;
	a.created_at = old.created_at;
	if (store_unchanged(&action_entity, &old, &a))
		goto out;
	struct db_stmt *st = NULL;
	if ((rc = store_update(db, who, &action_entity, partnership_id, id, &old, &a)) == E_OK &&
	    (rc = db_prepare(db, "DELETE FROM action_link WHERE partnership_id = $1 AND action_id = $2",
			     &st)) == E_OK &&
	    (rc = db_bind_i64(st, 1, args[0])) == E_OK && (rc = db_bind_i64(st, 2, args[1])) == E_OK)
		rc = store_step_done(st);
	db_finish(st);
	if (rc == E_OK)
		rc = insert_links(db, partnership_id, id, &a);
out:
	rc = db_end_owned(db, owned, rc);
done:
	pool_free(&tmp);
	return rc;
}
