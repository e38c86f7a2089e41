/*
 * invitation_store.c: the SQL behind invitation.h.
 *
 * A respondent's request is found by the token's hash alone; everything
 * after that is scoped by the partnership the invitation row names, never
 * by anything the request says.  State changes are single UPDATEs guarded
 * by "AND status = 'issued'" with RETURNING: the row lock (PostgreSQL) or
 * the write lock (SQLite's BEGIN IMMEDIATE) makes a second submit of the
 * same link, even one racing the first, find no row and be refused, so a
 * link gives at most one response.
 *
 * Days, not times: created_on and saved_on are "YYYY-MM-DD", and a
 * submit clears saved_on with the draft, so the invitation row keeps no
 * day that could be matched with its response's.
 */
#include "selfanalysis/invitation.h"

#include <jansson.h>
#include <sodium.h>
#include <string.h>

#include "audit/audit.h"
#include "core/clock.h"
#include "core/pool.h"
#include "db/db.h"
#include "db/store.h"

#define DAY_LEN 10 /* "YYYY-MM-DD" */

/* Online answers have no actor: response_add records no event for them. */
static const struct actor respondent = {0, "online respondent"};

static void today(char out[CLOCK_ISO_SIZE])
{
	clock_iso_now(out);
	out[DAY_LEN] = '\0';
}

bool invitation_token_valid(const char *token)
{
	static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
				       "0123456789-_";
	if (!token)
		return false;
	size_t n = strspn(token, alphabet);
	return n == INVITATION_TOKEN_SIZE - 1 && token[n] == '\0';
}

int invitation_round_open(const struct round *r, const char *day)
{
	char now[CLOCK_ISO_SIZE];
	if (!day) {
		today(now);
		day = now;
	}
	if (r->closed || (r->closes_on && strncmp(day, r->closes_on, DAY_LEN) > 0))
		return 1;
	if (r->opens_on && strncmp(day, r->opens_on, DAY_LEN) < 0)
		return -1;
	return 0;
}

/* Begins the write (or joins the caller's) and reads the round, which
 * must be the partnership's; on an error nothing is left open. */
static enum err begin_on_round(struct db *db, struct pool *pool, int64_t partnership_id,
			       int64_t round_id, struct round *r, int *owned)
{
	enum err rc = db_begin_owned(db, owned);
	if (rc == E_OK && (rc = round_get(db, pool, partnership_id, round_id, r)))
		rc = db_end_owned(db, *owned, rc);
	return rc;
}

static enum err audit_count(struct db *db, const struct actor *who, int64_t partnership_id,
			    const char *action, const struct round *r, int64_t count,
			    const char *grp)
{
	json_t *after = json_pack("{s:s, s:I, s:s?}", "round", r->name, "count",
				  (json_int_t)count, "group", grp);
	if (!after)
		return E_NOMEM;
	enum err rc = audit_record(db, who, partnership_id, action, "sa_round", r->id, NULL, after);
	json_decref(after);
	return rc;
}

static enum err insert_one(struct db *db, int64_t partnership_id, int64_t round_id,
			   const char *grp, const char *day, char token[INVITATION_TOKEN_SIZE])
{
	char hash[SESSION_HASH_SIZE];
	struct db_stmt *st = NULL;
	session_random_token(token);
	session_token_hash(token, hash);
	enum err rc = db_prepare(db,
		"INSERT INTO sa_invitation (partnership_id, round_id, token_hash, grp, created_on)"
		" VALUES ($1, $2, $3, $4, $5)", &st);
	if (!rc && !(rc = db_bind_i64(st, 1, partnership_id)) &&
	    !(rc = db_bind_i64(st, 2, round_id)) && !(rc = db_bind_text(st, 3, hash)) &&
	    !(rc = db_bind_text(st, 4, grp)) && !(rc = db_bind_text(st, 5, day)))
		rc = store_step_done(st);
	db_finish(st);
	return rc;
}

enum err invitation_issue(struct db *db, const struct actor *who, int64_t partnership_id,
			  int64_t round_id, int count, const char *grp,
			  char (*tokens)[INVITATION_TOKEN_SIZE])
{
	char clean[INVITATION_GROUP_MAX + 1], day[CLOCK_ISO_SIZE];
	if (count < 1 || count > INVITATION_ISSUE_MAX)
		return E_RANGE;
	long glen = store_text_clean(grp, INVITATION_GROUP_MAX, 0, clean);
	if (glen < 0)
		return E_INVAL;
	const char *g = glen > 0 ? clean : NULL;
	struct pool tmp;
	struct round r;
	int owned = 0;
	int64_t existing = 0;
	int made = 0;
	pool_init(&tmp, STORE_POOL_LIMIT);
	enum err rc = begin_on_round(db, &tmp, partnership_id, round_id, &r, &owned);
	if (rc)
		goto done;
	/* A group round holds the group's agreed scores, entered by its
	 * facilitator: nobody answers it alone (round.h). */
	if (r.mode == ROUND_GROUP) {
		rc = E_INVAL;
		goto end;
	}
	today(day);
	if (invitation_round_open(&r, day) > 0) {
		rc = E_CONFLICT;
		goto end;
	}
	const int64_t args[] = {partnership_id, round_id};
	rc = store_count(db, "SELECT COUNT(*) FROM sa_invitation WHERE partnership_id = $1"
			     " AND round_id = $2", args, 2, &existing);
	if (rc)
		goto end;
	if (existing + count > INVITATION_ROUND_MAX) {
		rc = E_TOOBIG;
		goto end;
	}
	for (; made < count && rc == E_OK; made++)
		rc = insert_one(db, partnership_id, round_id, g, day, tokens[made]);
	if (rc == E_OK)
		rc = audit_count(db, who, partnership_id, "issue_invitations", &r, count, g);
end:
	rc = db_end_owned(db, owned, rc);
done:
	if (rc)
		sodium_memzero(tokens, (size_t)made * INVITATION_TOKEN_SIZE);
	pool_free(&tmp);
	return rc;
}

enum err invitation_counts(struct db *db, int64_t partnership_id, int64_t round_id,
			   struct invitation_counts *out)
{
	struct db_stmt *st = NULL;
	memset(out, 0, sizeof *out);
	enum err rc = db_prepare(db,
		"SELECT COUNT(*),"
		" COALESCE(SUM(CASE WHEN status = 'issued' AND saved_on IS NULL THEN 1 ELSE 0 END), 0),"
		" COALESCE(SUM(CASE WHEN status = 'issued' AND saved_on IS NOT NULL THEN 1 ELSE 0 END), 0),"
		" COALESCE(SUM(CASE WHEN status = 'submitted' THEN 1 ELSE 0 END), 0),"
		" COALESCE(SUM(CASE WHEN status = 'withdrawn' THEN 1 ELSE 0 END), 0)"
		" FROM sa_invitation WHERE partnership_id = $1 AND round_id = $2", &st);
	if (!rc && !(rc = db_bind_i64(st, 1, partnership_id)) &&
	    !(rc = db_bind_i64(st, 2, round_id)) && !(rc = store_step_row(st))) {
		out->issued = db_col_i64(st, 0);
		out->unused = db_col_i64(st, 1);
		out->started = db_col_i64(st, 2);
		out->submitted = db_col_i64(st, 3);
		out->withdrawn = db_col_i64(st, 4);
	}
	db_finish(st);
	return rc;
}

enum err invitation_withdraw_open(struct db *db, const struct actor *who,
				  int64_t partnership_id, int64_t round_id, int64_t *n)
{
	struct pool tmp;
	struct round r;
	struct db_stmt *st = NULL;
	int owned = 0;
	int64_t count = 0;
	pool_init(&tmp, STORE_POOL_LIMIT);
	enum err rc = begin_on_round(db, &tmp, partnership_id, round_id, &r, &owned);
	if (rc)
		goto done;
	/* RETURNING counts exactly the rows this statement changed, even
	 * with a submit racing it. */
	rc = db_prepare(db,
		"UPDATE sa_invitation SET status = 'withdrawn', draft = NULL, saved_on = NULL"
		" WHERE partnership_id = $1 AND round_id = $2 AND status = 'issued' RETURNING id",
		&st);
	if (!rc && !(rc = db_bind_i64(st, 1, partnership_id)) &&
	    !(rc = db_bind_i64(st, 2, round_id)))
		while (store_next(st, &rc))
			count++;
	db_finish(st);
	if (rc == E_OK && count > 0)
		rc = audit_count(db, who, partnership_id, "withdraw_invitations", &r, count, NULL);
	rc = db_end_owned(db, owned, rc);
done:
	pool_free(&tmp);
	if (rc == E_OK && n)
		*n = count;
	return rc;
}

static enum invitation_status status_parse(const char *s)
{
	if (s && strcmp(s, "submitted") == 0)
		return INVITATION_SUBMITTED;
	if (s && strcmp(s, "withdrawn") == 0)
		return INVITATION_WITHDRAWN;
	return INVITATION_OPEN;
}

enum err invitation_find(struct db *db, struct pool *pool, const char *token,
			 struct invitation *out)
{
	char hash[SESSION_HASH_SIZE];
	struct db_stmt *st = NULL;
	memset(out, 0, sizeof *out);
	if (!invitation_token_valid(token))
		return E_NOTFOUND;
	session_token_hash(token, hash);
	enum err rc = db_prepare(db,
		"SELECT id, partnership_id, round_id, grp, status, draft, saved_on"
		" FROM sa_invitation WHERE token_hash = $1", &st);
	if (!rc && !(rc = db_bind_text(st, 1, hash)) && !(rc = store_step_row(st))) {
		out->id = db_col_i64(st, 0);
		out->partnership_id = db_col_i64(st, 1);
		out->round_id = db_col_i64(st, 2);
		out->status = status_parse(db_col_text(st, 4));
		if (!(rc = store_col_str(st, 3, pool, &out->grp)) &&
		    !(rc = store_col_str(st, 5, pool, &out->draft)))
			rc = store_col_str(st, 6, pool, &out->saved_on);
	}
	db_finish(st);
	return rc;
}

/* After a guarded UPDATE found no open invitation: E_CONFLICT when the
 * invitation exists (it is no longer open), else E_NOTFOUND. */
static enum err not_open(struct db *db, int64_t partnership_id, int64_t id)
{
	const int64_t args[] = {partnership_id, id};
	int64_t n = 0;
	enum err rc = store_count(db, "SELECT COUNT(*) FROM sa_invitation"
				      " WHERE partnership_id = $1 AND id = $2", args, 2, &n);
	return rc ? rc : n ? E_CONFLICT : E_NOTFOUND;
}

enum err invitation_save_draft(struct db *db, int64_t partnership_id, int64_t id,
			       const char *draft)
{
	char day[CLOCK_ISO_SIZE];
	struct db_stmt *st = NULL;
	if (!draft || strlen(draft) > INVITATION_DRAFT_MAX)
		return draft ? E_TOOBIG : E_INVAL;
	today(day);
	enum err rc = db_prepare(db,
		"UPDATE sa_invitation SET draft = $3, saved_on = $4"
		" WHERE partnership_id = $1 AND id = $2 AND status = 'issued' RETURNING id", &st);
	if (!rc && !(rc = db_bind_i64(st, 1, partnership_id)) && !(rc = db_bind_i64(st, 2, id)) &&
	    !(rc = db_bind_text(st, 3, draft)) && !(rc = db_bind_text(st, 4, day)))
		rc = store_step_row(st);
	db_finish(st);
	return rc == E_NOTFOUND ? not_open(db, partnership_id, id) : rc;
}

/* Marks the invitation submitted (draft and day cleared); its round and
 * group come back.  E_NOTFOUND when the invitation is not open. */
static enum err claim(struct db *db, int64_t partnership_id, int64_t id, int64_t *round_id,
		      char grp[INVITATION_GROUP_MAX + 1], bool *has_grp)
{
	struct db_stmt *st = NULL;
	enum err rc = db_prepare(db,
		"UPDATE sa_invitation SET status = 'submitted', draft = NULL, saved_on = NULL"
		" WHERE partnership_id = $1 AND id = $2 AND status = 'issued'"
		" RETURNING round_id, grp", &st);
	if (!rc && !(rc = db_bind_i64(st, 1, partnership_id)) && !(rc = db_bind_i64(st, 2, id)) &&
	    !(rc = store_step_row(st))) {
		*round_id = db_col_i64(st, 0);
		const char *g = db_col_text(st, 1);
		*has_grp = g != NULL;
		if (g && strlen(g) > INVITATION_GROUP_MAX)
			rc = E_INVAL; /* not written by invitation_issue */
		else if (g)
			memcpy(grp, g, strlen(g) + 1);
	}
	db_finish(st);
	return rc;
}

enum err invitation_submit(struct db *db, int64_t partnership_id, int64_t id,
			   const struct score *cells, const char *const *comments, size_t n)
{
	char grp[INVITATION_GROUP_MAX + 1];
	bool has_grp = false;
	int64_t round_id = 0;
	int owned = 0;
	enum err rc = db_begin_owned(db, &owned);
	if (rc)
		return rc;
	rc = claim(db, partnership_id, id, &round_id, grp, &has_grp);
	if (rc == E_NOTFOUND)
		rc = not_open(db, partnership_id, id);
	if (rc == E_OK) {
		const struct response_in in = {.grp = has_grp ? grp : NULL,
					       .source = RESPONSE_ONLINE,
					       .cells = cells, .comments = comments, .n = n};
		rc = response_add(db, &respondent, partnership_id, round_id, &in);
	}
	return db_end_owned(db, owned, rc);
}
