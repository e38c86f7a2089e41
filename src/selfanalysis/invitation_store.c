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
 * submit clears saved_on, so the invitation row keeps no day that could
 * be matched with its response's.
 *
 * Submitted answers wait on their invitation (the draft) until a batch of
 * k is released (invitation.h).  Every writer of a round's pending answers
 * takes the round's lock first (round_lock), then invitation rows, so on
 * PostgreSQL two submits cannot both release the same batch or both pass
 * the round's limits, and a submit and a close cannot deadlock.  The
 * release takes the pending answers one invitation at a time in the
 * shuffled order, so the order of the writes, and of the rows they leave,
 * is the shuffle's.
 */
#include "selfanalysis/invitation.h"

#include <jansson.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "audit/audit.h"
#include "core/clock.h"
#include "core/pool.h"
#include "db/db.h"
#include "db/store.h"
#include "selfanalysis/results.h"

#define DAY_LEN 10 /* "YYYY-MM-DD" */
/* A submitted invitation whose answers wait for a release. */
#define PENDING "status = 'submitted' AND draft IS NOT NULL"

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
	/* The round's lock first, as every writer of its invitations takes
	 * it: two issues at once cannot both pass the count of links. */
	if (rc == E_OK && ((rc = round_lock(db, partnership_id, round_id)) ||
			   (rc = round_get(db, pool, partnership_id, round_id, r))))
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
		" COALESCE(SUM(CASE WHEN status = 'withdrawn' THEN 1 ELSE 0 END), 0),"
		" COALESCE(SUM(CASE WHEN " PENDING " THEN 1 ELSE 0 END), 0)"
		" FROM sa_invitation WHERE partnership_id = $1 AND round_id = $2", &st);
	if (!rc && !(rc = db_bind_i64(st, 1, partnership_id)) &&
	    !(rc = db_bind_i64(st, 2, round_id)) && !(rc = store_step_row(st))) {
		out->issued = db_col_i64(st, 0);
		out->unused = db_col_i64(st, 1);
		out->started = db_col_i64(st, 2);
		out->submitted = db_col_i64(st, 3);
		out->withdrawn = db_col_i64(st, 4);
		out->pending = db_col_i64(st, 5);
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

/* The round of an invitation of the partnership, and whether it is still
 * open.  E_NOTFOUND when there is none. */
static enum err invitation_round(struct db *db, int64_t partnership_id, int64_t id,
				 int64_t *round_id, bool *open)
{
	struct db_stmt *st = NULL;
	enum err rc = db_prepare(db, "SELECT round_id, status FROM sa_invitation"
				     " WHERE partnership_id = $1 AND id = $2", &st);
	if (!rc && !(rc = db_bind_i64(st, 1, partnership_id)) && !(rc = db_bind_i64(st, 2, id)) &&
	    !(rc = store_step_row(st))) {
		*round_id = db_col_i64(st, 0);
		*open = status_parse(db_col_text(st, 1)) == INVITATION_OPEN;
	}
	db_finish(st);
	return rc;
}

/*
 * The draft kept for submitted answers: exactly them, as
 * invitation_draft_encode writes them, after the checks response_add will
 * make when they are released, so a release never fails on them: n the
 * framework's, each cell one the form offers (read back unchanged from
 * the draft: no range, nothing off the scale), each comment text the
 * store takes.  E_INVAL otherwise.
 */
static enum err submitted_draft(const struct framework *fw, struct pool *pool,
				const struct score *cells, const char *const *comments, size_t n,
				const char **draft)
{
	struct invitation_answers a, back;
	enum err rc;
	if (n != fw->n_standards || (n && !cells))
		return E_INVAL;
	if ((rc = invitation_answers_init(fw, pool, &a)))
		return rc;
	char *clean = pool_alloc(pool, COMMENT_MAX + 1);
	if (!clean)
		return E_NOMEM;
	for (size_t i = 0; i < n; i++) {
		a.cells[i] = cells[i];
		if (comments && comments[i])
			a.comments[i] = comments[i];
		if (store_text_clean(a.comments[i], COMMENT_MAX, 1, clean) < 0)
			return E_INVAL;
	}
	if ((rc = invitation_draft_encode(fw, &a, pool, draft)) ||
	    (rc = invitation_draft_decode(fw, *draft, pool, &back)))
		return rc;
	for (size_t i = 0; i < n; i++)
		if (back.cells[i].kind != a.cells[i].kind ||
		    (a.cells[i].kind != SCORE_NONE &&
		     (back.cells[i].lo != a.cells[i].lo || back.cells[i].hi != a.cells[i].hi)))
			return E_INVAL;
	return E_OK;
}

/* Marks the invitation submitted with its answers kept as draft, day
 * cleared.  E_NOTFOUND when the invitation is not open. */
static enum err claim(struct db *db, int64_t partnership_id, int64_t id, const char *draft)
{
	struct db_stmt *st = NULL;
	enum err rc = db_prepare(db,
		"UPDATE sa_invitation SET status = 'submitted', draft = $3, saved_on = NULL"
		" WHERE partnership_id = $1 AND id = $2 AND status = 'issued' RETURNING id", &st);
	if (!rc && !(rc = db_bind_i64(st, 1, partnership_id)) && !(rc = db_bind_i64(st, 2, id)) &&
	    !(rc = db_bind_text(st, 3, draft)))
		rc = store_step_row(st);
	db_finish(st);
	return rc;
}

/*
 * E_CONFLICT when the round, with its pending answers (this one
 * included), would hold more responses or comments than it may once they
 * are released.  A pending draft's comments are counted as written, so
 * any that cleaning empties are counted too: the check errs on the safe
 * side of response_add's.
 */
static enum err room(struct db *db, int64_t partnership_id, const struct round *r)
{
	struct db_stmt *st = NULL;
	int64_t pending = 0, comments = 0;
	enum err rc = db_prepare(db, "SELECT draft FROM sa_invitation WHERE partnership_id = $1"
				     " AND round_id = $2 AND " PENDING, &st);
	if (!rc && !(rc = db_bind_i64(st, 1, partnership_id)) &&
	    !(rc = db_bind_i64(st, 2, r->id)))
		while (store_next(st, &rc)) {
			const char *d = db_col_text(st, 0);
			json_t *o = d ? json_loads(d, 0, NULL) : NULL;
			pending++;
			comments += (int64_t)json_object_size(json_object_get(o, "comments"));
			json_decref(o);
		}
	db_finish(st);
	if (rc)
		return rc;
	if (r->responses + pending > ROUND_RESPONSES_MAX)
		return E_CONFLICT;
	const int64_t args[] = {partnership_id, r->id};
	int64_t have = 0;
	rc = store_count(db, "SELECT COUNT(*) FROM sa_comment WHERE partnership_id = $1"
			     " AND round_id = $2", args, 2, &have);
	return rc ? rc : have + comments > ROUND_COMMENTS_MAX ? E_CONFLICT : E_OK;
}

/* The pool of a submit: the round, its framework, the answers twice
 * (encoded and read back) and the draft. */
#define SUBMIT_POOL_LIMIT \
	(4 * FRAMEWORK_MAX_JSON + 3 * INVITATION_DRAFT_MAX + (64u << 10))

enum err invitation_submit(struct db *db, int64_t partnership_id, int64_t id,
			   const struct score *cells, const char *const *comments, size_t n)
{
	struct pool tmp;
	struct round r;
	struct framework fw;
	const char *draft = NULL;
	int64_t round_id = 0;
	bool open = false;
	int owned = 0;
	pool_init(&tmp, SUBMIT_POOL_LIMIT);
	enum err rc = db_begin_owned(db, &owned);
	if (rc)
		goto done;
	/* The round's lock before the invitation's row, as every writer of
	 * pending answers takes them. */
	if ((rc = invitation_round(db, partnership_id, id, &round_id, &open)))
		goto out;
	if (!open) {
		rc = E_CONFLICT;
		goto out;
	}
	if ((rc = round_lock(db, partnership_id, round_id)) ||
	    (rc = round_get(db, &tmp, partnership_id, round_id, &r)) ||
	    (rc = framework_load(db, &tmp, partnership_id, r.framework, &fw)))
		goto out;
	/* A group round holds the group's agreed scores, never a person's
	 * answers given online (round.h). */
	if (r.mode == ROUND_GROUP || invitation_round_open(&r, NULL) > 0) {
		rc = E_CONFLICT;
		goto out;
	}
	if ((rc = submitted_draft(&fw, &tmp, cells, comments, n, &draft)))
		goto out;
	rc = claim(db, partnership_id, id, draft);
	if (rc == E_NOTFOUND)
		rc = not_open(db, partnership_id, id);
	if (rc == E_OK && (rc = room(db, partnership_id, &r)) == E_OK)
		rc = invitation_release(db, partnership_id, round_id, 0);
out:
	rc = db_end_owned(db, owned, rc);
done:
	pool_free(&tmp);
	return rc;
}

static uint32_t sodium_uniform(uint32_t upper)
{
	if (sodium_init() < 0)
		abort(); /* no source of randomness: an order that says who came first is worse */
	return randombytes_uniform(upper);
}

void invitation_shuffle(int64_t *ids, size_t n, invitation_random_fn uniform)
{
	if (!uniform)
		uniform = sodium_uniform;
	for (size_t i = n; i > 1; i--) {
		size_t j = uniform((uint32_t)i);
		int64_t t = ids[i - 1];
		ids[i - 1] = ids[j];
		ids[j] = t;
	}
}

/* The round's pending answers (at most INVITATION_ROUND_MAX: a round has
 * no more links than that): ids, and each one's group ("" for none),
 * grouped (by group, then id). */
static enum err pending_ids(struct db *db, struct pool *pool, int64_t partnership_id,
			    int64_t round_id, int64_t **ids, const char ***grps, size_t *n)
{
	struct db_stmt *st = NULL;
	*n = 0;
	*ids = pool_alloc(pool, INVITATION_ROUND_MAX * sizeof **ids);
	*grps = pool_alloc(pool, INVITATION_ROUND_MAX * sizeof **grps);
	if (!*ids || !*grps)
		return E_NOMEM;
	enum err rc = db_prepare(db, "SELECT id, COALESCE(grp, '') FROM sa_invitation"
				     " WHERE partnership_id = $1 AND round_id = $2 AND " PENDING
				     " ORDER BY COALESCE(grp, ''), id", &st);
	if (!rc && !(rc = db_bind_i64(st, 1, partnership_id)) &&
	    !(rc = db_bind_i64(st, 2, round_id)))
		while (store_next(st, &rc)) {
			if (*n == INVITATION_ROUND_MAX) {
				rc = E_TOOBIG;
				break;
			}
			(*ids)[*n] = db_col_i64(st, 0);
			if ((rc = store_col_str(st, 1, pool, &(*grps)[*n])))
				break;
			(*n)++;
		}
	db_finish(st);
	return rc;
}

/* Drops a pending answer that can no longer be added safely. */
static enum err discard_one(struct db *db, int64_t partnership_id, int64_t id)
{
	struct db_stmt *st = NULL;
	enum err rc = db_prepare(db, "UPDATE sa_invitation SET draft = NULL"
				     " WHERE partnership_id = $1 AND id = $2", &st);
	if (!rc && !(rc = db_bind_i64(st, 1, partnership_id)) && !(rc = db_bind_i64(st, 2, id)))
		rc = store_step_done(st);
	db_finish(st);
	return rc;
}

/* A pool for one pending answer: its draft, group and decoded answers. */
#define RELEASE_POOL_LIMIT (3 * INVITATION_DRAFT_MAX + (64u << 10))

/* Takes one pending answer and adds it as an online response with its
 * invitation's group, then clears its draft.  Read first and cleared
 * after (RETURNING gives the row as updated): the round's lock keeps any
 * other writer of pending answers out in between. */
static enum err release_one(struct db *db, int64_t partnership_id, int64_t round_id,
			    const struct framework *fw, int64_t id)
{
	struct pool tmp;
	struct db_stmt *st = NULL;
	const char *grp = NULL, *draft = NULL;
	struct invitation_answers a;
	pool_init(&tmp, RELEASE_POOL_LIMIT);
	enum err rc = db_prepare(db, "SELECT grp, draft FROM sa_invitation WHERE partnership_id = $1"
				     " AND id = $2 AND " PENDING, &st);
	if (!rc && !(rc = db_bind_i64(st, 1, partnership_id)) && !(rc = db_bind_i64(st, 2, id)) &&
	    !(rc = store_step_row(st)) && !(rc = store_col_str(st, 0, &tmp, &grp)))
		rc = store_col_str(st, 1, &tmp, &draft);
	db_finish(st);
	st = NULL;
	if (rc == E_OK)
		rc = invitation_draft_decode(fw, draft, &tmp, &a);
	if (rc == E_OK) {
		const struct response_in in = {.grp = grp, .source = RESPONSE_ONLINE,
					       .cells = a.cells, .comments = a.comments, .n = a.n};
		rc = response_add(db, &respondent, partnership_id, round_id, &in);
	}
	if (rc == E_OK)
		rc = db_prepare(db, "UPDATE sa_invitation SET draft = NULL"
				    " WHERE partnership_id = $1 AND id = $2", &st);
	if (rc == E_OK && !(rc = db_bind_i64(st, 1, partnership_id)) &&
	    !(rc = db_bind_i64(st, 2, id)))
		rc = store_step_done(st);
	db_finish(st);
	pool_free(&tmp);
	return rc;
}

enum err invitation_release(struct db *db, int64_t partnership_id, int64_t round_id, int force)
{
	struct pool tmp;
	struct round r;
	struct framework fw;
	int64_t *ids = NULL, *go = NULL;
	const char **grps = NULL;
	size_t n = 0, ngo = 0;
	int owned = 0, k = ANONYMITY_K_DEFAULT;
	pool_init(&tmp, 4 * FRAMEWORK_MAX_JSON + INVITATION_ROUND_MAX * (2 * sizeof *ids + 64) +
				(64u << 10));
	enum err rc = db_begin_owned(db, &owned);
	if (rc)
		goto done;
	if ((rc = round_lock(db, partnership_id, round_id)) ||
	    (rc = pending_ids(db, &tmp, partnership_id, round_id, &ids, &grps, &n)) ||
	    (rc = selfanalysis_k_get(db, partnership_id, &k)))
		goto out;
	if (n == 0)
		goto out;
	k = results_k(k);
	if ((rc = round_get(db, &tmp, partnership_id, round_id, &r)))
		goto out;
	if (!(go = pool_alloc(&tmp, n * sizeof *go))) {
		rc = E_NOMEM;
		goto out;
	}
	/*
	 * Each group's answers join together once that group has k waiting,
	 * so every figure, the round's and each group's, changes by at least
	 * k answers at a time.  Closing a round whose figures were never shown
	 * (fewer than k responses) adds everything: there is no earlier view
	 * to compare with.  Closing one whose figures were shown drops what
	 * is left of a group below k: adding it would show those answers one
	 * by one against the earlier view.
	 */
	int all = force && r.responses < k;
	for (size_t i = 0, start = 0; i < n; i++) {
		if (i + 1 < n && strcmp(grps[i + 1], grps[i]) == 0)
			continue;
		size_t run = i + 1 - start;
		for (size_t j = start; j <= i; j++) {
			if (all || run >= (size_t)k)
				go[ngo++] = ids[j];
			else if (force && (rc = discard_one(db, partnership_id, ids[j])))
				goto out;
		}
		start = i + 1;
	}
	if (ngo == 0)
		goto out; /* not yet a batch: they wait */
	if ((rc = framework_load(db, &tmp, partnership_id, r.framework, &fw)))
		goto out;
	invitation_shuffle(go, ngo, NULL);
	for (size_t i = 0; i < ngo && rc == E_OK; i++)
		rc = release_one(db, partnership_id, round_id, &fw, go[i]);
out:
	rc = db_end_owned(db, owned, rc);
done:
	pool_free(&tmp);
	return rc;
}
