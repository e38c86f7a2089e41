/*
 * token.c: API tokens behind token.h.
 *
 * A token is "jcs_" (so a leaked one is recognisable in a scanner or a
 * log) followed by a session-strength random token; only its hash is
 * stored, so the table cannot be replayed.  Revoking keeps the row with
 * revoked_at set: the owner's list and the audit trail still show it.
 *
 * last_used_at holds the day ("2026-11-22"), not the second, and is written
 * only when the day changes: a script calling the API in a loop must not
 * turn every read into a write, and the day is all its owner needs to see
 * whether a token is still in use.
 *
 * Creating and revoking are audited under the token owner's partnership
 * (entity "api_token"); the audit values hold the token's id, user and
 * name, never the token or its hash.
 */
#include "auth/token.h"

#include <jansson.h>
#include <string.h>

#include "auth/auth.h"
#include "auth/session.h"
#include "core/clock.h"
#include "core/pool.h"
#include "db/db.h"
#include "db/store.h"

#define TOKEN_PREFIX "jcs_"
#define TOKEN_PREFIX_LEN (sizeof TOKEN_PREFIX - 1)
/* One user's tokens that token_list returns before E_TOOBIG. */
#define TOKEN_LIST_MAX 1000
#define DAY_LEN 10 /* "YYYY-MM-DD" */

_Static_assert(TOKEN_SIZE == TOKEN_PREFIX_LEN + SESSION_TOKEN_SIZE,
	       "TOKEN_SIZE is the prefix, a random token and its NUL");

/* The partnership of user_id (0 for national users), for the audit row;
 * E_NOTFOUND when there is no such user, E_INVAL when disabled (a disabled
 * user's tokens would be refused anyway, so none are made). */
static enum err user_partnership(struct db *db, int64_t user_id, int64_t *partnership_id)
{
	struct db_stmt *st = NULL;
	enum err rc = db_prepare(db,
		"SELECT partnership_id, disabled_at FROM app_user WHERE id = $1", &st);
	if (rc)
		goto out;
	if ((rc = db_bind_i64(st, 1, user_id)) || (rc = store_step_row(st)))
		goto out;
	*partnership_id = store_col_opt(st, 0);
	if (!db_col_is_null(st, 1))
		rc = E_INVAL;
out:
	db_finish(st);
	return rc;
}

#define TOKEN_COLS "t.id, t.user_id, t.name, t.created_at, t.last_used_at, t.revoked_at"

/* One row of TOKEN_COLS. */
static enum err read_token(struct db_stmt *st, struct pool *pool, void *row)
{
	struct api_token *t = row;
	enum err rc;
	t->id = db_col_i64(st, 0);
	t->user_id = db_col_i64(st, 1);
	if ((rc = store_col_str(st, 2, pool, &t->name)) ||
	    (rc = store_col_str(st, 3, pool, &t->created_at)) ||
	    (rc = store_col_str(st, 4, pool, &t->last_used_at)))
		return rc;
	return store_col_str(st, 5, pool, &t->revoked_at);
}

/* What the audit trail keeps of a token: never the token or its hash. */
static json_t *token_json(const void *row)
{
	const struct api_token *t = row;
	return json_pack("{s:I, s:I, s:s, s:s?}", "id", (json_int_t)t->id, "user_id",
			 (json_int_t)t->user_id, "name", t->name, "revoked_at", t->revoked_at);
}

static const struct store_entity token_entity = {.name = "api_token", .json = token_json};

enum err token_create(struct db *db, const struct actor *who, int64_t user_id,
		      const char *name, char out[TOKEN_SIZE], int64_t *id)
{
	struct db_stmt *st = NULL;
	char hash[SESSION_HASH_SIZE], now[CLOCK_ISO_SIZE], clean[TOKEN_NAME_MAX + 1];
	int64_t partnership_id = 0, new_id = 0;
	int owned = 0;
	out[0] = '\0';
	if (store_text_clean(name, TOKEN_NAME_MAX, 0, clean) <= 0)
		return E_INVAL;
	memcpy(out, TOKEN_PREFIX, TOKEN_PREFIX_LEN);
	session_random_token(out + TOKEN_PREFIX_LEN);
	session_token_hash(out, hash);
	clock_iso_now(now);
	enum err rc = db_begin_owned(db, &owned);
	if (rc)
		goto done;
	if ((rc = user_partnership(db, user_id, &partnership_id)))
		goto out;
	rc = db_prepare(db,
		"INSERT INTO api_token (user_id, token_hash, name, created_at)"
		" VALUES ($1, $2, $3, $4) RETURNING id", &st);
	if (rc)
		goto out;
	if ((rc = db_bind_i64(st, 1, user_id)) || (rc = db_bind_text(st, 2, hash)) ||
	    (rc = db_bind_text(st, 3, clean)) || (rc = db_bind_text(st, 4, now)) ||
	    (rc = store_insert_returning(st, &new_id)))
		goto out;
	db_finish(st);
	st = NULL;
	struct api_token t = {.id = new_id, .user_id = user_id, .name = clean};
	rc = store_audit(db, who, &token_entity, partnership_id, "create_token", new_id, NULL, &t);
out:
	db_finish(st);
	rc = db_end_owned(db, owned, rc);
done:
	if (rc)
		memset(out, 0, TOKEN_SIZE);
	else if (id)
		*id = new_id;
	return rc;
}

enum err token_lookup(struct db *db, struct pool *pool, const char *token,
		      struct principal *out)
{
	struct db_stmt *st = NULL;
	char hash[SESSION_HASH_SIZE], today[CLOCK_ISO_SIZE];
	int64_t token_id = 0;
	int stale = 0;
	memset(out, 0, sizeof *out);
	if (!token || strlen(token) != TOKEN_SIZE - 1 ||
	    strncmp(token, TOKEN_PREFIX, TOKEN_PREFIX_LEN) != 0)
		return E_NOTFOUND;
	session_token_hash(token, hash);
	clock_iso_now(today);
	today[DAY_LEN] = '\0';
	enum err rc = db_prepare(db,
		"SELECT t.id, t.last_used_at, " SESSION_PRINCIPAL_COLS
		" FROM api_token t JOIN app_user u ON u.id = t.user_id"
		" WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND u.disabled_at IS NULL", &st);
	if (rc)
		goto out;
	if ((rc = db_bind_text(st, 1, hash)) || (rc = store_step_row(st)))
		goto out;
	token_id = db_col_i64(st, 0);
	const char *last = db_col_text(st, 1);
	stale = !last || strcmp(last, today) != 0;
	rc = session_principal_read(st, 2, pool, out);
	db_finish(st);
	st = NULL;
	if (rc || !stale)
		goto out;
	rc = db_prepare(db, "UPDATE api_token SET last_used_at = $1 WHERE id = $2", &st);
	if (rc)
		goto out;
	if ((rc = db_bind_text(st, 1, today)) || (rc = db_bind_i64(st, 2, token_id)))
		goto out;
	rc = store_step_done(st);
out:
	db_finish(st);
	if (rc)
		memset(out, 0, sizeof *out);
	else
		out->via_token = 1;
	return rc;
}

enum err token_list(struct db *db, struct pool *pool, int64_t user_id,
		    struct api_token **out, size_t *n)
{
	void *rows = NULL;
	enum err rc = store_list(db, pool,
		"SELECT " TOKEN_COLS " FROM api_token t WHERE t.user_id = $1"
		" ORDER BY t.id DESC LIMIT $2",
		&user_id, 1, sizeof **out, TOKEN_LIST_MAX, read_token, &rows, n);
	*out = rows;
	return rc;
}

/* A token and its owner's partnership, which its audit events go under. */
struct owned_token {
	struct api_token t;
	int64_t partnership_id;
};

static enum err read_owned_token(struct db_stmt *st, struct pool *pool, void *row)
{
	struct owned_token *o = row;
	o->partnership_id = store_col_opt(st, 6);
	return read_token(st, pool, &o->t);
}

enum err token_revoke(struct db *db, const struct actor *who, int64_t user_id, int64_t id)
{
	const int64_t args[] = {id, user_id};
	struct db_stmt *st = NULL;
	struct pool tmp;
	struct owned_token old;
	struct api_token revoked;
	char now[CLOCK_ISO_SIZE];
	int owned = 0;
	clock_iso_now(now);
	pool_init(&tmp, STORE_POOL_LIMIT);
	enum err rc = db_begin_owned(db, &owned);
	if (rc)
		goto done;
	rc = store_get(db, &tmp,
		"SELECT " TOKEN_COLS ", u.partnership_id FROM api_token t"
		" JOIN app_user u ON u.id = t.user_id WHERE t.id = $1 AND t.user_id = $2",
		args, 2, read_owned_token, &old);
	/* Revoking twice changes nothing, so there is nothing to audit. */
	if (rc || old.t.revoked_at)
		goto out;
	revoked = old.t;
	revoked.revoked_at = now;
	rc = db_prepare(db, "UPDATE api_token SET revoked_at = $1 WHERE id = $2 AND user_id = $3",
			&st);
	if (rc)
		goto out;
	if ((rc = db_bind_text(st, 1, now)) || (rc = db_bind_i64(st, 2, id)) ||
	    (rc = db_bind_i64(st, 3, user_id)) || (rc = store_step_done(st)))
		goto out;
	rc = store_audit(db, who, &token_entity, old.partnership_id, "revoke_token", id, &old.t,
			 &revoked);
out:
	db_finish(st);
	rc = db_end_owned(db, owned, rc);
done:
	pool_free(&tmp);
	return rc;
}

enum err token_revoke_user(struct db *db, int64_t user_id)
{
	struct db_stmt *st = NULL;
	char now[CLOCK_ISO_SIZE];
	clock_iso_now(now);
	enum err rc = db_prepare(db,
		"UPDATE api_token SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL",
		&st);
	if (rc)
		goto out;
	if ((rc = db_bind_text(st, 1, now)) || (rc = db_bind_i64(st, 2, user_id)))
		goto out;
	rc = store_step_done(st);
out:
	db_finish(st);
	return rc;
}
