/*
 * round_store.c: the SQL behind round.h's rounds and the partnership's
 * anonymity threshold k.
 *
 * A round is written through a struct store_entity, as boards are, so
 * that adding and saving one is audited the same way as every other
 * record and a save that changes nothing writes nothing.  The row read
 * back carries the number of responses (a COUNT over the round index) so
 * that pages need no second query; the audit view leaves it out, since it
 * is not something a person edits.  A round's framework and mode are
 * fixed once it exists: responses were scored against them.
 */
#include "selfanalysis/round.h"

#include <jansson.h>
#include <string.h>

#include "audit/audit.h"
#include "core/clock.h"
#include "core/pool.h"
#include "db/db.h"
#include "db/store.h"
#include "selfanalysis/benchmark.h"
#include "selfanalysis/invitation.h"

/* ---- k ---- */

enum err selfanalysis_k_get(struct db *db, int64_t partnership_id, int *k)
{
	const int64_t args[] = {partnership_id};
	struct db_stmt *st = NULL;
	enum err rc = db_prepare(db, "SELECT anonymity_k FROM partnership WHERE id = $1", &st);
	if (rc == E_OK && (rc = db_bind_i64(st, 1, args[0])) == E_OK &&
	    (rc = store_step_row(st)) == E_OK)
		*k = (int)db_col_i64(st, 0);
	db_finish(st);
	return rc;
}

/* The partnership's k as the audit trail shows it. */
static json_t *k_json(int k)
{
	return json_pack("{s:i}", "anonymity_k", k);
}

enum err selfanalysis_k_set(struct db *db, const struct actor *who, int64_t partnership_id,
			    int k)
{
	struct db_stmt *st = NULL;
	json_t *before = NULL, *after = NULL;
	int owned = 0, old = 0;
	enum err rc;
	if (k < ANONYMITY_K_MIN || k > ANONYMITY_K_MAX)
		return E_RANGE;
	rc = db_begin_owned(db, &owned);
	if (rc)
		return rc;
	rc = selfanalysis_k_get(db, partnership_id, &old);
	if (rc || old == k)
		goto out; /* not found, or unchanged: nothing written or recorded */
	rc = db_prepare(db, "UPDATE partnership SET anonymity_k = $2 WHERE id = $1", &st);
	if (rc == E_OK && (rc = db_bind_i64(st, 1, partnership_id)) == E_OK &&
	    (rc = db_bind_i64(st, 2, k)) == E_OK)
		rc = store_step_done(st);
	db_finish(st);
	if (rc)
		goto out;
	before = k_json(old);
	after = k_json(k);
	rc = before && after ? audit_record(db, who, partnership_id, "update", "partnership",
					    partnership_id, before, after)
			     : E_NOMEM;
out:
	json_decref(before);
	json_decref(after);
	return db_end_owned(db, owned, rc);
}

/* ---- modes ---- */

static const struct {
	const char *code;
	const char *label;
} modes[] = {
	[ROUND_INTERVIEWS] = {"interviews", "Interviews"},
	[ROUND_GROUP] = {"group", "Group session"},
};

#define NMODES (sizeof modes / sizeof modes[0])

const char *round_mode_code(enum round_mode m)
{
	return (size_t)m < NMODES ? modes[m].code : modes[ROUND_INTERVIEWS].code;
}

int round_mode_parse(const char *code)
{
	for (size_t i = 0; code && i < NMODES; i++)
		if (strcmp(code, modes[i].code) == 0)
			return (int)i;
	return -1;
}

const char *round_mode_label(enum round_mode m)
{
	return (size_t)m < NMODES ? modes[m].label : modes[ROUND_INTERVIEWS].label;
}

/* ---- rounds ---- */

/* A round with its number of responses, scoped by $1. */
#define ROUND_SELECT \
	"SELECT r.id, r.framework, r.name, r.mode, r.opens_on, r.closes_on, r.status," \
	" r.key_messages, r.shared_at, r.created_at," \
	" (SELECT COUNT(*) FROM sa_response s" \
	"  WHERE s.round_id = r.id AND s.partnership_id = r.partnership_id)" \
	" FROM sa_round r WHERE r.partnership_id = $1"
#define ROUND_GET ROUND_SELECT " AND r.id = $2"

static enum err read_round(struct db_stmt *st, struct pool *pool, void *row)
{
	struct round *r = row;
	const char *mode = db_col_text(st, 3), *status = db_col_text(st, 6);
	enum err rc;
	r->id = db_col_i64(st, 0);
	r->mode = round_mode_parse(mode) == ROUND_GROUP ? ROUND_GROUP : ROUND_INTERVIEWS;
	r->closed = status && strcmp(status, "closed") == 0;
	r->responses = db_col_i64(st, 10);
	if ((rc = store_col_str(st, 1, pool, &r->framework)) ||
	    (rc = store_col_str(st, 2, pool, &r->name)) ||
	    (rc = store_col_str(st, 4, pool, &r->opens_on)) ||
	    (rc = store_col_str(st, 5, pool, &r->closes_on)) ||
	    (rc = store_col_str(st, 7, pool, &r->key_messages)) ||
	    (rc = store_col_str(st, 8, pool, &r->shared_at)) ||
	    (rc = store_col_str(st, 9, pool, &r->created_at)))
		return rc;
	if (!r->key_messages)
		r->key_messages = "";
	return E_OK;
}

/* What people see of a round, for the audit trail (not its count of
 * responses, which no save changes). */
static json_t *round_json(const void *row)
{
	const struct round *r = row;
	return json_pack("{s:s, s:s, s:s, s:s?, s:s?, s:b, s:s}", "name", r->name, "framework",
			 r->framework, "mode", round_mode_code(r->mode), "opens_on", r->opens_on,
			 "closes_on", r->closes_on, "closed", r->closed, "key_messages",
			 r->key_messages ? r->key_messages : "");
}

/* $3 .. $9, for both the insert and the update: the update writes the
 * framework and mode back unchanged, so both statements bind alike. */
static enum err bind_round(struct db_stmt *st, const void *row)
{
	const struct round *r = row;
	enum err rc;
	if ((rc = db_bind_text(st, 3, r->framework)) || (rc = db_bind_text(st, 4, r->name)) ||
	    (rc = db_bind_text(st, 5, round_mode_code(r->mode))) ||
	    (rc = db_bind_text(st, 6, r->opens_on)) || (rc = db_bind_text(st, 7, r->closes_on)) ||
	    (rc = db_bind_text(st, 8, r->closed ? "closed" : "open")) ||
	    (rc = db_bind_text(st, 9, r->key_messages ? r->key_messages : "")))
		return rc;
	return E_OK;
}

static const struct store_entity round_entity = {
	.name = "sa_round",
	.json = round_json,
	.bind = bind_round,
	.insert_sql = "INSERT INTO sa_round (partnership_id, created_at, framework, name, mode,"
		      " opens_on, closes_on, status, key_messages)"
		      " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
	.update_sql = "UPDATE sa_round SET framework = $3, name = $4, mode = $5, opens_on = $6,"
		      " closes_on = $7, status = $8, key_messages = $9"
		      " WHERE partnership_id = $1 AND id = $2",
	.get_sql = ROUND_GET,
	.read = read_round,
	.size = sizeof(struct round),
};

/* A day "YYYY-MM-DD" or none (NULL or blank, given as NULL in *out). */
static enum err clean_day(const char *day, char out[11], const char **res)
{
	size_t len;
	const char *s = store_trim(day, &len);
	*res = NULL;
	if (len == 0)
		return E_OK;
	if (len != 10 || !clock_day_valid(s))
		return E_INVAL;
	memcpy(out, s, 10);
	out[10] = '\0';
	*res = out;
	return E_OK;
}

/* The text fields of r, checked and cleaned into the buffers: name,
 * dates (opens_on <= closes_on) and key messages. */
struct round_text {
	char name[STORE_NAME_MAX + 1];
	char opens[11], closes[11];
	char key_messages[ROUND_KEY_MESSAGES_MAX + 1];
};

static enum err round_fields(const struct round *in, struct round_text *t, struct round *r)
{
	if (store_text_clean(in->name, STORE_NAME_MAX, 0, t->name) <= 0 ||
	    store_text_clean(in->key_messages, ROUND_KEY_MESSAGES_MAX, 1, t->key_messages) < 0 ||
	    clean_day(in->opens_on, t->opens, &r->opens_on) ||
	    clean_day(in->closes_on, t->closes, &r->closes_on))
		return E_INVAL;
	if (r->opens_on && r->closes_on && strcmp(r->opens_on, r->closes_on) > 0)
		return E_INVAL;
	r->name = t->name;
	r->key_messages = t->key_messages;
	return E_OK;
}

enum err round_add(struct db *db, const struct actor *who, int64_t partnership_id,
		   const struct round *in, int64_t *id)
{
	struct pool tmp;
	struct framework fw;
	struct round_text *t;
	struct round r = {0}, given;
	int64_t new_id = 0;
	int owned = 0;
	enum err rc;
	if (!in || (in->mode != ROUND_INTERVIEWS && in->mode != ROUND_GROUP))
		return E_INVAL;
	/* A new round is open and has no key messages yet, whatever in says. */
	given = *in;
	given.key_messages = NULL;
	pool_init(&tmp, 4 * FRAMEWORK_MAX_JSON + sizeof *t);
	t = pool_alloc(&tmp, sizeof *t);
	rc = t ? round_fields(&given, t, &r) : E_NOMEM;
	if (rc)
		goto done;
	r.mode = in->mode;
	rc = db_begin_owned(db, &owned);
	if (rc)
		goto done;
	/* The framework must be one this partnership can use; its id as the
	 * framework gives it. */
	rc = framework_load(db, &tmp, partnership_id, in->framework, &fw);
	if (rc == E_OK) {
		r.framework = fw.id;
		rc = store_add(db, who, &round_entity, partnership_id, "create", &r, &new_id);
	}
	rc = db_end_owned(db, owned, rc);
done:
	pool_free(&tmp);
	if (rc == E_OK && id)
		*id = new_id;
	return rc;
}

/* Two optional texts alike (both NULL, or equal). */
static int same_text(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

enum err round_update(struct db *db, const struct actor *who, int64_t partnership_id,
		      int64_t id, const struct round *in)
{
	struct pool tmp;
	struct round_text *t;
	struct round old, r;
	int owned = 0;
	enum err rc;
	if (!in)
		return E_INVAL;
	pool_init(&tmp, STORE_POOL_LIMIT + sizeof *t);
	t = pool_alloc(&tmp, sizeof *t);
	rc = t ? db_begin_owned(db, &owned) : E_NOMEM;
	if (rc)
		goto done;
	/* The round's lock before reading it: two edits at once on
	 * PostgreSQL apply one after the other, neither lost. */
	if ((rc = round_lock(db, partnership_id, id)) ||
	    (rc = round_get(db, &tmp, partnership_id, id, &old)))
		goto out;
	r = old;
	if ((rc = round_fields(in, t, &r)))
		goto out;
	r.closed = in->closed;
	/* Closing releases the answers submitted online and still waiting for
	 * a batch of k (invitation.h), while the round still takes them. */
	if (r.closed && !old.closed &&
	    (rc = invitation_release(db, partnership_id, id, 1)))
		goto out;
	rc = store_update(db, who, &round_entity, partnership_id, id, &old, &r);
	/* A shared round's opening day decides whether it is its
	 * partnership's latest in the national benchmark. */
	if (rc == E_OK && old.shared_at && !same_text(old.opens_on, r.opens_on))
		rc = benchmark_refresh(db);
out:
	rc = db_end_owned(db, owned, rc);
done:
	pool_free(&tmp);
	return rc;
}

enum err round_get(struct db *db, struct pool *pool, int64_t partnership_id, int64_t id,
		   struct round *out)
{
	const int64_t args[] = {partnership_id, id};
	return store_get(db, pool, ROUND_GET, args, 2, read_round, out);
}

enum err round_find(struct db *db, struct pool *pool, int64_t partnership_id, const char *name,
		    struct round *out)
{
	return store_get_by_name(db, pool, ROUND_SELECT " AND r.name = $2", partnership_id, name,
				 read_round, out);
}

enum err round_list(struct db *db, struct pool *pool, int64_t partnership_id,
		    struct round **out, size_t *n)
{
	const int64_t args[] = {partnership_id};
	void *rows = NULL;
	enum err rc = store_list(db, pool,
		ROUND_SELECT " ORDER BY r.created_at COLLATE \"C\" DESC, r.id DESC LIMIT $2", args,
		1, sizeof **out, ROUND_LIST_MAX, read_round, &rows, n);
	*out = rows;
	return rc;
}

/*
 * When a round opened, for ordering rounds in time: its opening day, or
 * the day it was created when it has none; ties go by creation, then id.
 */
#define ROUND_OPENED(t) "COALESCE(" t ".opens_on, SUBSTR(" t ".created_at, 1, 10))"

/* The day a round opened, as ROUND_OPENED reads it: opens_on, else the
 * day of created_at ("" when neither is known). */
static const char *opened_day(const struct round *r)
{
	return r->opens_on ? r->opens_on : r->created_at ? r->created_at : "";
}

int round_opened_before(const struct round *a, const struct round *b)
{
	int c = strncmp(opened_day(a), opened_day(b), 10);
	if (c == 0)
		c = strcmp(a->created_at ? a->created_at : "", b->created_at ? b->created_at : "");
	return c < 0 || (c == 0 && a->id < b->id);
}

enum err round_previous(struct db *db, struct pool *pool, int64_t partnership_id,
			int64_t round_id, struct round *out)
{
	const int64_t args[] = {partnership_id, round_id};
	return store_get(db, pool,
		ROUND_SELECT
		" AND EXISTS (SELECT 1 FROM sa_response s"
		"  WHERE s.round_id = r.id AND s.partnership_id = r.partnership_id)"
		" AND EXISTS (SELECT 1 FROM sa_round t WHERE t.partnership_id = $1 AND t.id = $2"
		"  AND t.id <> r.id"
		"  AND (" ROUND_OPENED("r") " COLLATE \"C\" < " ROUND_OPENED("t")
		"   OR (" ROUND_OPENED("r") " = " ROUND_OPENED("t")
		"    AND (r.created_at COLLATE \"C\" < t.created_at"
		"     OR (r.created_at = t.created_at AND r.id < t.id)))))"
		" ORDER BY " ROUND_OPENED("r") " COLLATE \"C\" DESC,"
		" r.created_at COLLATE \"C\" DESC, r.id DESC LIMIT 1",
		args, 2, read_round, out);
}
