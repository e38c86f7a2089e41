/*
 * session.h: server-side sessions, and the sign-in throttle.
 *
 * A session id is 32 random bytes (base64url in the cookie); the database
 * keeps only its BLAKE2b-256 hash (hex), so a copy of the database cannot
 * be used to sign in.  Each session has its own CSRF token.  A session ends
 * after idle_s without a request or max_s after sign-in, whichever is first;
 * seen_at is written at most once a minute, not on every request.  Times
 * are Unix seconds passed in by the caller (tests pass their own clock).
 */
#ifndef JCS_SESSION_H
#define JCS_SESSION_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

struct db;
struct pool;
struct principal;

/* base64url of 32 bytes, without padding, and its NUL. */
#define SESSION_TOKEN_SIZE 44
/* hex of 32 bytes and its NUL. */
#define SESSION_HASH_SIZE 65

/* The hex hash of a token (session id or API token), as stored. */
void session_token_hash(const char *token, char out[SESSION_HASH_SIZE]);
/* A new random token (session ids, CSRF tokens, API tokens' body). */
void session_random_token(char out[SESSION_TOKEN_SIZE]);

/* Start a session for user_id: its id goes to token_out (for the cookie). */
enum err session_create(struct db *db, int64_t user_id, int64_t now,
			char token_out[SESSION_TOKEN_SIZE]);
/*
 * The principal for a session id, or E_NOTFOUND when there is no such
 * session, it has expired (and is then deleted), or its user is disabled.
 * *csrf gets the session's CSRF token, in the pool.
 */
enum err session_lookup(struct db *db, struct pool *pool, const char *token, int64_t now,
			int64_t idle_s, int64_t max_s, struct principal *out,
			const char **csrf);
/* Delete up to 100 sessions that have expired (idle or past max_s) but
 * were never presented again: abandoned sessions must not pile up.  Run at
 * every sign-in, so the table stays bounded by the sign-in rate. */
enum err session_purge(struct db *db, int64_t now, int64_t idle_s, int64_t max_s);
/* End one session (sign-out); no error when there is none. */
enum err session_destroy(struct db *db, const char *token);
/* End every session of a user, except the one whose hash is keep_hash
 * (NULL: all). */
enum err session_destroy_user(struct db *db, int64_t user_id, const char *keep_hash);

/*
 * Added for token.c (not part of the lead's first draft): session and token
 * lookups both join app_user as u and read a principal from the same
 * columns, written once here so the two cannot drift apart.  Select
 * SESSION_PRINCIPAL_COLS at column col; strings go to the pool.
 */
#define SESSION_PRINCIPAL_COLS \
	"u.id, u.partnership_id, u.organisation_id, u.role, u.email, u.name," \
	" u.must_change_password"
struct db_stmt;
enum err session_principal_read(struct db_stmt *st, int col, struct pool *pool,
				struct principal *out);

/*
 * Throttling of failed sign-ins.  Keys are "account:" + the hash of the
 * normalised email (whether or not the account exists) and "address:" + the
 * client address.  An account is locked for THROTTLE_LOCK_S after
 * THROTTLE_ACCOUNT_FAILURES failures within THROTTLE_WINDOW_S, an address
 * after THROTTLE_ADDRESS_FAILURES.
 */
#define THROTTLE_WINDOW_S (15 * 60)
#define THROTTLE_LOCK_S (15 * 60)
#define THROTTLE_ACCOUNT_FAILURES 5
#define THROTTLE_ADDRESS_FAILURES 30

/* The two keys for a sign-in attempt, in the pool. */
const char *throttle_account_key(struct pool *pool, const char *email);
const char *throttle_address_key(struct pool *pool, const char *address);
/* *locked_until > now when the key is locked (else 0). */
enum err throttle_check(struct db *db, const char *key, int64_t now, int64_t *locked_until);
/* Count a failure; locks the key when it reaches limit within the window. */
enum err throttle_fail(struct db *db, const char *key, int64_t now, int limit);
/* Forget a key's failures (after a successful sign-in to the account). */
enum err throttle_clear(struct db *db, const char *key);

#endif
