/*
 * token.h: API tokens for scripts.  A token is "jcs_" + 43 base64url
 * characters (32 random bytes); it is shown once and only its hash is
 * stored (session_token_hash).  A token acts as its user, with the user's
 * role and partnership; disabling the user or resetting their password
 * revokes their tokens.
 */
#ifndef JCS_TOKEN_H
#define JCS_TOKEN_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

struct actor;
struct db;
struct pool;
struct principal;

#define TOKEN_SIZE 48 /* "jcs_" + 43 + NUL */
#define TOKEN_NAME_MAX 100

struct api_token {
	int64_t id;
	int64_t user_id;
	const char *name;
	const char *created_at;
	const char *last_used_at; /* NULL: never */
	const char *revoked_at;   /* NULL: in force */
};

/* A new token for user_id (name: what it is for); the token goes to out. */
enum err token_create(struct db *db, const struct actor *who, int64_t user_id,
		      const char *name, char out[TOKEN_SIZE], int64_t *id);
/* The principal for a bearer token; E_NOTFOUND when unknown, revoked or its
 * user disabled.  Records the day it was last used. */
enum err token_lookup(struct db *db, struct pool *pool, const char *token,
		      struct principal *out);
/* A user's tokens, newest first. */
enum err token_list(struct db *db, struct pool *pool, int64_t user_id,
		    struct api_token **out, size_t *n);
enum err token_revoke(struct db *db, const struct actor *who, int64_t user_id, int64_t id);
/* Revoke every token of a user (in the caller's transaction, no audit). */
enum err token_revoke_user(struct db *db, int64_t user_id);

#endif
