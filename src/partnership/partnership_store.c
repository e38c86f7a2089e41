/*
 * partnership_store.c: the SQL behind partnership.h.
 *
 * Isolation lives here: every organisation query takes the partnership id
 * and puts it in its WHERE clause, so a handler cannot forget it.  Input is
 * checked (and trimmed) before it reaches the database, so callers get a
 * clear E_INVAL rather than a constraint message, and both backends refuse
 * the same things; the schema's CHECK constraints stay as the backstop.
 *
 * An organisation is retired only once nothing current needs it: no seat
 * on a board or group, no provider acting for it who can still sign in.
 * Those are counted by the same retirement rule that keeps areas' and
 * boards' trees whole (store_entity's in_use_sql), not by a check of its
 * own here, and listed by organisation_ties() so a page can say what to
 * end first.
 *
 * A write and its audit event share one transaction (db_begin_owned), so
 * there is never a change without its record.  A write that changes
 * nothing a person could see (the same values saved again) writes nothing
 * and records nothing: comparing the before and after JSON decides.
 *
 * The steps every store file shares (reading rows and bounded lists;
 * adding, saving and retiring with the audit event) are in db/store.c;
 * this file says what partnerships and organisations are.
 */
#include "partnership/partnership.h"

#include <jansson.h>
#include <stddef.h>
#include <string.h>

#include "core/clock.h"
#include "core/pool.h"
#include "db/db.h"
#include "db/store.h"

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

/* The tables as partnership.h exports them, for pages and imports. */
const struct code_label *const organisation_type_table = types;
const size_t organisation_type_count = sizeof types / sizeof types[0];
const struct code_label *const organisation_role_table = roles;
const size_t organisation_role_count = sizeof roles / sizeof roles[0];

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

/* What people see of a partnership, for the audit trail. */
static json_t *partnership_json(const void *row)
{
	const struct partnership *p = row;
	return json_pack("{s:s, s:s}", "slug", p->slug, "name", p->name);
}

static const struct store_entity partnership_entity = {.name = "partnership",
                                                        .json = partnership_json};

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
	return store_get(db, pool, "SELECT id, slug, name FROM partnership ORDER BY id LIMIT 1",
	                 NULL, 0, read_partnership, out);
}

enum err partnership_create(struct db *db, const struct actor *who, const char *slug,
                            const char *name, int64_t *id)
{
	struct db_stmt *st = NULL;
	char clean[STORE_NAME_MAX + 1], now[CLOCK_ISO_SIZE];
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
	struct partnership p = {new_id, slug, clean};
	rc = store_audit(db, who, &partnership_entity, new_id, "create", new_id, NULL, &p);
out:
	db_finish(st);
	rc = db_end_owned(db, owned, rc);
	if (rc == E_OK && id)
		*id = new_id;
	return rc;
}

enum err partnership_list(struct db *db, struct pool *pool, struct partnership **out, size_t *n)
{
	void *rows = NULL;
	enum err rc = store_list(db, pool,
		"SELECT id, slug, name FROM partnership ORDER BY slug COLLATE \"C\" LIMIT $1",
		NULL, 0, sizeof **out, PARTNERSHIP_LIST_MAX, read_partnership, &rows, n);
	*out = rows;
	return rc;
}

static enum err read_summary(struct db_stmt *st, struct pool *pool, void *row)
{
	struct partnership_summary *s = row;
	enum err rc = read_partnership(st, pool, &s->p);
	s->organisations = db_col_i64(st, 3);
	s->areas = db_col_i64(st, 4);
	s->deprived_areas = db_col_i64(st, 5);
	s->boards = db_col_i64(st, 6);
	return rc;
}

enum err partnership_summary(struct db *db, struct pool *pool, int64_t partnership_id,
                             struct partnership_summary *out)
{
	/* One statement, not four: the home page is the most visited page. */
	const int64_t args[] = {partnership_id};
	return store_get(db, pool,
		"SELECT p.id, p.slug, p.name,"
		" (SELECT count(*) FROM organisation o WHERE o.partnership_id = p.id AND o.retired_at IS NULL),"
		" (SELECT count(*) FROM area a WHERE a.partnership_id = p.id AND a.retired_at IS NULL),"
		" (SELECT count(*) FROM area a WHERE a.partnership_id = p.id AND a.retired_at IS NULL"
		"  AND a.imd_decile BETWEEN 1 AND 2),"
		" (SELECT count(*) FROM board b WHERE b.partnership_id = p.id AND b.retired_at IS NULL)"
		" FROM partnership p WHERE p.id = $1",
		args, 1, read_summary, out);
}

/* ---- organisations ---- */

#define ORG_COLUMNS "id, partnership_id, name, type, role, identifier, retired_at"
#define ORG_GET "SELECT " ORG_COLUMNS " FROM organisation WHERE partnership_id = $1 AND id = $2"

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
static json_t *org_json(const void *row)
{
	const struct organisation *o = row;
	return json_pack("{s:s, s:s, s:s, s:s?, s:s?}", "name", o->name, "type", o->type,
	                 "role", o->role, "identifier", o->identifier,
	                 "retired_at", o->retired_at);
}

/* The columns a person edits, as $3 .. $6 (org_entity). */
static enum err bind_org(struct db_stmt *st, const void *row)
{
	const struct organisation *o = row;
	enum err rc;
	if ((rc = db_bind_text(st, 3, o->name)) || (rc = db_bind_text(st, 4, o->type)) ||
	    (rc = db_bind_text(st, 5, o->role)) || (rc = db_bind_text(st, 6, o->identifier)))
		return rc;
	return E_OK;
}

/*
 * What ties an organisation to the partnership: its current seats on
 * boards and groups (on retired groups too, which may be reinstated with
 * their members), and the people not disabled who act for it as
 * providers.  One definition each, for the rule that refuses retirement
 * and for organisation_ties(), which shows people what to end first.
 */
#define ORG_SEATS_FROM \
	" FROM board_member WHERE partnership_id = $1 AND organisation_id = $2" \
	" AND retired_at IS NULL"
#define ORG_PEOPLE_FROM \
	" FROM app_user WHERE partnership_id = $1 AND organisation_id = $2" \
	" AND disabled_at IS NULL"

static const char *const org_in_use[] = {
	"SELECT COUNT(*)" ORG_SEATS_FROM,
	"SELECT COUNT(*)" ORG_PEOPLE_FROM,
	NULL,
};

static const struct store_entity org_entity = {
	.name = "organisation",
	.json = org_json,
	.bind = bind_org,
	.insert_sql = "INSERT INTO organisation"
	              " (partnership_id, created_at, name, type, role, identifier)"
	              " VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
	.update_sql = "UPDATE organisation SET name = $3, type = $4, role = $5, identifier = $6"
	              " WHERE partnership_id = $1 AND id = $2",
	.get_sql = ORG_GET,
	.read = read_org,
	.size = sizeof(struct organisation),
	.retired_off = offsetof(struct organisation, retired_at),
	.retire_sql = "UPDATE organisation SET retired_at = $3 WHERE partnership_id = $1 AND id = $2",
	.in_use_sql = org_in_use,
};

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
	char clean[STORE_NAME_MAX + 1], ident_buf[STORE_NAME_MAX + 1];
	const char *ident = NULL;
	int64_t new_id = 0;
	int owned = 0;
	enum err rc = org_fields(name, type, role, identifier, clean, ident_buf, &ident);
	if (rc)
		return rc;
	rc = db_begin_owned(db, &owned);
	if (rc)
		return rc;
	struct organisation o = {0, partnership_id, clean, type, role, ident, NULL};
	rc = store_add(db, who, &org_entity, partnership_id, "create", &o, &new_id);
	rc = db_end_owned(db, owned, rc);
	if (rc == E_OK && id)
		*id = new_id;
	return rc;
}

enum err organisation_get(struct db *db, struct pool *pool, int64_t partnership_id,
                          int64_t id, struct organisation *out)
{
	const int64_t args[] = {partnership_id, id};
	return store_get(db, pool, ORG_GET, args, 2, read_org, out);
}

enum err organisation_find_by_name(struct db *db, struct pool *pool, int64_t partnership_id,
                                   const char *name, struct organisation *out)
{
	return store_get_by_name(db, pool,
		"SELECT " ORG_COLUMNS " FROM organisation WHERE partnership_id = $1 AND name = $2",
		partnership_id, name, read_org, out);
}

enum err organisation_update(struct db *db, const struct actor *who, int64_t partnership_id,
                             int64_t id, const char *name, const char *type,
                             const char *role, const char *identifier)
{
	struct pool tmp;
	struct organisation old, now_org;
	char clean[STORE_NAME_MAX + 1], ident_buf[STORE_NAME_MAX + 1];
	const char *ident = NULL;
	int owned = 0;
	enum err rc = org_fields(name, type, role, identifier, clean, ident_buf, &ident);
	if (rc)
		return rc;
	pool_init(&tmp, STORE_POOL_LIMIT);
	rc = db_begin_owned(db, &owned);
	if (rc)
		goto done;
	rc = organisation_get(db, &tmp, partnership_id, id, &old);
	if (rc == E_OK) {
		now_org = old;
		now_org.name = clean;
		now_org.type = type;
		now_org.role = role;
		now_org.identifier = ident;
		rc = store_update(db, who, &org_entity, partnership_id, id, &old, &now_org);
	}
	rc = db_end_owned(db, owned, rc);
done:
	pool_free(&tmp);
	return rc;
}

enum err organisation_set_retired(struct db *db, const struct actor *who,
                                  int64_t partnership_id, int64_t id, int retired)
{
	return store_set_retired(db, who, &org_entity, partnership_id, id, retired);
}

static enum err read_seat(struct db_stmt *st, struct pool *pool, void *row)
{
	struct organisation_seat *s = row;
	enum err rc;
	s->member_id = db_col_i64(st, 0);
	s->board_id = db_col_i64(st, 1);
	if ((rc = store_col_str(st, 2, pool, &s->board_name)) ||
	    (rc = store_col_str(st, 3, pool, &s->position)) ||
	    (rc = store_col_str(st, 4, pool, &s->board_retired_at)))
		return rc;
	return E_OK;
}

enum err organisation_ties(struct db *db, struct pool *pool, int64_t partnership_id,
                           int64_t id, struct organisation_ties *out)
{
	const int64_t args[] = {partnership_id, id};
	void *rows = NULL;
	*out = (struct organisation_ties){0};
	enum err rc = store_list(db, pool,
		"SELECT m.id, m.board_id, b.name, m.position, b.retired_at"
		" FROM (SELECT id, board_id, position" ORG_SEATS_FROM ") m"
		" JOIN board b ON b.partnership_id = $1 AND b.id = m.board_id"
		" ORDER BY b.name COLLATE \"C\", m.position COLLATE \"C\", m.id LIMIT $3",
		args, 2, sizeof *out->seats, ORGANISATION_SEATS_MAX, read_seat, &rows, &out->nseats);
	out->seats = rows;
	if (rc == E_OK)
		rc = store_count(db, "SELECT COUNT(*)" ORG_PEOPLE_FROM, args, 2, &out->people);
	if (rc)
		*out = (struct organisation_ties){0};
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
	rc = store_like_pattern(pool, q->q, &pattern);
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
	void *rows = NULL;
	enum err rc = store_list(db, pool,
		"SELECT " ORG_COLUMNS " FROM organisation"
		" WHERE partnership_id = $1 AND retired_at IS NULL"
		" ORDER BY name COLLATE \"C\", id LIMIT $2",
		&partnership_id, 1, sizeof **out, ORGANISATION_LIST_MAX, read_org, &rows, n);
	*out = rows;
	return rc;
}
