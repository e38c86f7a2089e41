/*
 * session.c: server-side sessions behind session.h.
 *
 * The cookie holds 32 random bytes (base64url); the table holds only their
 * BLAKE2b-256 hash, so reading the database does not let anyone sign in,
 * and a lookup is one indexed equality on the hash.  Expiry is checked here
 * against the caller's clock rather than in SQL, so tests pass explicit
 * times and both backends behave the same; an expired row is deleted when
 * it is found.  seen_at is written at most once a minute: a page with many
 * requests must not turn every read into a write.
 *
 * A disabled user's sessions are refused at lookup even though disabling
 * also deletes them: the join is the check that cannot be skipped.
 */
#include "auth/session.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "auth/auth.h"
#include "core/pool.h"
#include "db/db.h"
#include "db/store.h"

#define SESSION_RAW_BYTES 32
#define SEEN_AT_EVERY_S 60

_Static_assert(SESSION_TOKEN_SIZE ==
		       sodium_base64_ENCODED_LEN(SESSION_RAW_BYTES,
						 sodium_base64_VARIANT_URLSAFE_NO_PADDING),
	       "SESSION_TOKEN_SIZE fits base64url of the raw bytes");
_Static_assert(SESSION_HASH_SIZE == crypto_generichash_BYTES * 2 + 1,
	       "SESSION_HASH_SIZE fits the hex of the hash");

void session_token_hash(const char *token, char out[SESSION_HASH_SIZE])
{
	unsigned char h[crypto_generichash_BYTES];
	crypto_generichash(h, sizeof h, (const unsigned char *)token, strlen(token), NULL, 0);
	sodium_bin2hex(out, SESSION_HASH_SIZE, h, sizeof h);
}

void session_random_token(char out[SESSION_TOKEN_SIZE])
{
	unsigned char raw[SESSION_RAW_BYTES];
	/* Idempotent; here so the command line needs no start-up step.  It
	 * fails only without a source of randomness: no token is better than a
	 * guessable one. */
	if (sodium_init() < 0)
		abort();
	randombytes_buf(raw, sizeof raw);
	sodium_bin2base64(out, SESSION_TOKEN_SIZE, raw, sizeof raw,
			  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(raw, sizeof raw);
}

enum err session_principal_read(struct db_stmt *st, int col, struct pool *pool,
				struct principal *out)
{
	const char *role;
	enum err rc;
	memset(out, 0, sizeof *out);
	out->user_id = db_col_i64(st, col);
	out->partnership_id = store_col_opt(st, col + 1);
	out->organisation_id = store_col_opt(st, col + 2);
	role = db_col_text(st, col + 3);
	out->role = role_parse(role);
	out->must_change_password = db_col_i64(st, col + 6) != 0;
	if ((rc = store_col_str(st, col + 4, pool, &out->email)) ||
	    (rc = store_col_str(st, col + 5, pool, &out->name)))
		return rc;
	/* A role this binary does not know signs nobody in. */
	return out->role == ROLE_NONE ? E_NOTFOUND : E_OK;
}

/* 1 when token has the shape session_random_token() makes. */
static int token_shaped(const char *token)
{
	return token && strlen(token) == SESSION_TOKEN_SIZE - 1;
}

enum err session_create(struct db *db, int64_t user_id, int64_t now,
			char token_out[SESSION_TOKEN_SIZE])
{
	struct db_stmt *st = NULL;
	char hash[SESSION_HASH_SIZE], csrf[SESSION_TOKEN_SIZE];
	session_random_token(token_out);
	session_random_token(csrf);
	session_token_hash(token_out, hash);
	enum err rc = db_prepare(db,
		"INSERT INTO session (id_hash, user_id, csrf_token, created_at, seen_at)"
		" VALUES ($1, $2, $3, $4, $5)", &st);
	if (rc)
		goto out;
	if ((rc = db_bind_text(st, 1, hash)) || (rc = db_bind_i64(st, 2, user_id)) ||
	    (rc = db_bind_text(st, 3, csrf)) || (rc = db_bind_i64(st, 4, now)) ||
	    (rc = db_bind_i64(st, 5, now)))
		goto out;
	rc = store_step_done(st);
out:
	db_finish(st);
	if (rc)
		sodium_memzero(token_out, SESSION_TOKEN_SIZE);
	return rc;
}

enum err session_purge(struct db *db, int64_t now, int64_t idle_s, int64_t max_s)
{
	struct db_stmt *st = NULL;
	enum err rc = db_prepare(db,
		"DELETE FROM session WHERE id_hash IN (SELECT id_hash FROM session"
		" WHERE seen_at <= $1 OR created_at <= $2 LIMIT 100)", &st);
	if (rc)
		goto out;
	if ((rc = db_bind_i64(st, 1, now - idle_s)) || (rc = db_bind_i64(st, 2, now - max_s)))
		goto out;
	rc = store_step_done(st);
out:
	db_finish(st);
	return rc;
}

/* Runs a statement that takes the session hash as $1 and returns no rows;
 * $2 (when i64_2 is not NULL) is an integer. */
static enum err exec_hash(struct db *db, const char *sql, const char *hash,
			  const int64_t *i64_2)
{
	struct db_stmt *st = NULL;
	enum err rc = db_prepare(db, sql, &st);
	if (rc)
		goto out;
	if ((rc = db_bind_text(st, 1, hash)) || (i64_2 && (rc = db_bind_i64(st, 2, *i64_2))))
		goto out;
	rc = store_step_done(st);
out:
	db_finish(st);
	return rc;
}

/* The session row for hash and its user; *seen and *created in seconds. */
static enum err read_session(struct db *db, struct pool *pool, const char *hash,
			     struct principal *out, const char **csrf, int64_t *created,
			     int64_t *seen, int *disabled)
{
	struct db_stmt *st = NULL;
	enum err rc = db_prepare(db,
		"SELECT s.csrf_token, s.created_at, s.seen_at, u.disabled_at, "
		SESSION_PRINCIPAL_COLS
		" FROM session s JOIN app_user u ON u.id = s.user_id WHERE s.id_hash = $1", &st);
	if (rc)
		goto out;
	if ((rc = db_bind_text(st, 1, hash)) || (rc = store_step_row(st)))
		goto out;
	*created = db_col_i64(st, 1);
	*seen = db_col_i64(st, 2);
	*disabled = !db_col_is_null(st, 3);
	if ((rc = store_col_str(st, 0, pool, csrf)))
		goto out;
	rc = session_principal_read(st, 4, pool, out);
out:
	db_finish(st);
	return rc;
}

enum err session_lookup(struct db *db, struct pool *pool, const char *token, int64_t now,
			int64_t idle_s, int64_t max_s, struct principal *out,
			const char **csrf)
{
	char hash[SESSION_HASH_SIZE];
	int64_t created = 0, seen = 0;
	int disabled = 0;
	enum err rc = E_NOTFOUND;
	memset(out, 0, sizeof *out);
	*csrf = NULL;
	if (!token_shaped(token))
		return E_NOTFOUND;
	session_token_hash(token, hash);
	rc = read_session(db, pool, hash, out, csrf, &created, &seen, &disabled);
	if (rc == E_OK && disabled) {
		rc = E_NOTFOUND;
	} else if (rc == E_OK && (now - seen >= idle_s || now - created >= max_s)) {
		rc = exec_hash(db, "DELETE FROM session WHERE id_hash = $1", hash, NULL);
		if (rc == E_OK)
			rc = E_NOTFOUND;
	} else if (rc == E_OK && now - seen >= SEEN_AT_EVERY_S) {
		rc = exec_hash(db, "UPDATE session SET seen_at = $2 WHERE id_hash = $1", hash, &now);
	}
	if (rc) {
		memset(out, 0, sizeof *out);
		*csrf = NULL;
	}
	return rc;
}

enum err session_destroy(struct db *db, const char *token)
{
	char hash[SESSION_HASH_SIZE];
	if (!token_shaped(token))
		return E_OK;
	session_token_hash(token, hash);
	return exec_hash(db, "DELETE FROM session WHERE id_hash = $1", hash, NULL);
}

enum err session_destroy_user(struct db *db, int64_t user_id, const char *keep_hash)
{
	/* No stored hash is empty, so "" keeps nothing: one statement for both. */
	return exec_hash(db, "DELETE FROM session WHERE id_hash <> $1 AND user_id = $2",
			 keep_hash ? keep_hash : "", &user_id);
}
