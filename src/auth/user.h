/*
 * user.h: the people who sign in, one partnership and one role each.
 *
 * Emails are stored lower-cased and trimmed; they are unique across the
 * whole database (one account, one partnership).  Queries that list or
 * fetch users for a page take the partnership id: a user of another
 * partnership is E_NOTFOUND.  Every write records an audit event in the
 * same transaction (audit.h); the password hash never enters an audit
 * record, a log or a struct user.
 *
 * A provider works for one current organisation of their partnership
 * that provides services (its role provider or both).  A partnership
 * always keeps at least one active administrator: a change that would
 * leave it none is refused.
 *
 * Errors: E_INVAL for a bad email, name, role or organisation (or a
 * provider without an organisation), E_CONFLICT for an email already
 * taken or the last active administrator, E_NOTFOUND, E_NOMEM, E_DB.
 */
#ifndef JCS_USER_H
#define JCS_USER_H

#include <stddef.h>
#include <stdint.h>

#include "auth/auth.h"
#include "auth/password.h"
#include "core/err.h"

struct actor;
struct db;
struct pool;

struct user {
	int64_t id;
	int64_t partnership_id;      /* 0 for national users */
	const char *email;
	const char *name;
	enum role role;
	int64_t organisation_id;     /* providers only, else 0 */
	const char *organisation_name; /* NULL when none */
	int must_change_password;
	const char *disabled_at;     /* NULL while active */
	const char *created_at;
};

#define USER_LIST_MAX 10000
#define USER_EMAIL_MAX 254
/* A person's name: 1..200 bytes once trimmed (store_text_clean's rule). */
#define USER_NAME_MAX 200
/* Search and paging for the people page. */
struct user_query {
	const char *q;          /* words in the name or email, any case; NULL: all */
	enum role role;         /* one role, or ROLE_NONE for any */
	size_t offset;
	size_t limit;           /* 0: USER_LIST_MAX */
};

/*
 * user_update()'s answer when who is the user and the change would take
 * away their own administrator role: distinct from every other refusal,
 * so the page can say "You cannot change your own role".
 */
#define E_USER_OWN_ROLE E_RANGE

/* 1 when an organisation whose role (struct organisation's) is this may
 * employ providers: one that provides services, "provider" or "both". */
int user_organisation_provides(const char *organisation_role);

/* Trim and lower-case an email into the pool; NULL when it is not an
 * address (no single '@' with text either side, spaces, too long). */
const char *user_email_normalise(struct pool *pool, const char *email);

/*
 * Add a user with a generated password, written to password_out (shown to
 * the person once; they must change it at first sign-in).  partnership_id
 * is 0 only for ROLE_NATIONAL; organisation_id is required for
 * ROLE_PROVIDER and must belong to the partnership.
 */
enum err user_add(struct db *db, const struct actor *who, int64_t partnership_id,
		  const char *email, const char *name, enum role role,
		  int64_t organisation_id, char password_out[PASSWORD_GENERATED_SIZE],
		  int64_t *id);

/* Scoped: only a user of this partnership. */
enum err user_get(struct db *db, struct pool *pool, int64_t partnership_id, int64_t id,
		  struct user *out);
/* Any partnership (the CLI, sign-in).  *hash (may be NULL) gets the
 * password hash in the pool, for password_verify() only. */
enum err user_find_by_email(struct db *db, struct pool *pool, const char *email,
			    struct user *out, const char **hash);
/* partnership_id 0: every user (the CLI); ordered by email. */
enum err user_list(struct db *db, struct pool *pool, int64_t partnership_id,
		   struct user **out, size_t *n);
/* The partnership's users matching q, by email; *total (may be NULL)
 * counts every match for paging.  E_INVAL for search words that could not
 * be a name (store_like_pattern), or a role that is no partnership's. */
enum err user_search(struct db *db, struct pool *pool, int64_t partnership_id,
		     const struct user_query *q, struct user **out, size_t *n, size_t *total);

/*
 * Change a user's name, role and organisation, audited as "update" (the
 * email stays: it is how they sign in).  Scoped to partnership_id, which
 * must be the user's: a partnership's user stays in it and is never made
 * national.  organisation_id as for user_add().  Refused: taking away
 * who's own administrator role (E_USER_OWN_ROLE), and demoting the
 * partnership's last active administrator (E_CONFLICT).  A save that
 * changes nothing writes and records nothing.
 */
enum err user_update(struct db *db, const struct actor *who, int64_t partnership_id,
		     int64_t user_id, const char *name, enum role role, int64_t organisation_id);

/*
 * The user's own change: checks the current password (E_INVAL when wrong:
 * *why says so) and the policy for the new one, clears must_change_password
 * and ends the user's other sessions (keep_session_hash: the caller's own
 * session id hash, kept; NULL ends all).
 */
enum err user_change_password(struct db *db, const struct actor *who, int64_t user_id,
			      const char *current, const char *new_password,
			      const char *keep_session_hash, const char **why);
/*
 * An administrator's reset (scoped to partnership_id; 0 = any, for the
 * CLI): a one-time password in password_out, must be changed at next
 * sign-in; every session and API token of the user ends.
 */
enum err user_reset_password(struct db *db, const struct actor *who, int64_t partnership_id,
			     int64_t user_id, char password_out[PASSWORD_GENERATED_SIZE]);
/* Disable (or enable again): a disabled user cannot sign in and every
 * session and API token ends.  Scoped like user_reset_password.
 * Disabling the partnership's last active administrator is E_CONFLICT. */
enum err user_set_disabled(struct db *db, const struct actor *who, int64_t partnership_id,
			   int64_t user_id, int disabled);

#endif
