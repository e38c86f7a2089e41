/*
 * user_store.c: the SQL behind user.h (table app_user).
 *
 * Input is checked here before it reaches the database, so callers get a
 * clear E_INVAL; the schema's CHECKs (national iff no partnership, provider
 * iff an organisation) and the composite foreign key (an organisation of
 * the same partnership) stay as the backstop.
 *
 * Argon2id takes a tenth of a second and tens of megabytes, so passwords
 * are hashed before the transaction begins: SQLite has one writer, and no
 * other write should wait for a hash.  Each write and its audit row then
 * commit together (db_begin_owned), and the audit values are built from
 * struct user, which has no field for the hash, so a hash cannot reach the
 * audit trail by accident.
 *
 * Functions without a caller's pool (the writes) use a small pool of their
 * own for the record's before-state.
 *
 * The rule that a partnership keeps an active administrator is checked by
 * counting the others inside the write's transaction, after locking the
 * partnership's row (keep_an_admin): without the lock, PostgreSQL's READ
 * COMMITTED would let two administrators demote each other at once, each
 * counting the other as still there.
 */
#include "auth/user.h"

#include <jansson.h>
#include <sodium.h>
#include <string.h>

#include "audit/audit.h"
#include "auth/session.h"
#include "auth/token.h"
#include "core/clock.h"
#include "core/pool.h"
#include "db/db.h"
#include "db/store.h"

/* The columns read_user() reads, from app_user u and organisation o; the
 * hash only where it is wanted, so lists never carry it. */
#define USER_COLS \
	"u.id, u.partnership_id, u.email, u.name, u.role, u.organisation_id, o.name," \
	" u.must_change_password, u.disabled_at, u.created_at"
#define USER_COLS_HASH USER_COLS ", u.password_hash"
#define USER_FROM \
	" FROM app_user u LEFT JOIN organisation o" \
	" ON o.partnership_id = u.partnership_id AND o.id = u.organisation_id"

const char *user_email_normalise(struct pool *pool, const char *email)
{
	size_t n, ats = 0, at = 0;
	const char *s = store_trim(email, &n);
	if (n == 0 || n > USER_EMAIL_MAX)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c <= ' ' || c == 0x7f)
			return NULL;
		if (c == '@') {
			ats++;
			at = i;
		}
	}
	if (ats != 1 || at == 0 || at == n - 1)
		return NULL;
	char *out = pool_strndup(pool, s, n);
	if (!out)
		return NULL;
	for (char *p = out; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return out;
}

/* One row of USER_COLS; *hash (may be NULL) gets the password hash from a
 * row of USER_COLS_HASH. */
static enum err read_user(struct db_stmt *st, struct pool *pool, struct user *out,
			  const char **hash)
{
	enum err rc;
	memset(out, 0, sizeof *out);
	out->id = db_col_i64(st, 0);
	out->partnership_id = store_col_opt(st, 1);
	out->role = role_parse(db_col_text(st, 4));
	out->organisation_id = store_col_opt(st, 5);
	out->must_change_password = db_col_i64(st, 7) != 0;
	if ((rc = store_col_str(st, 2, pool, &out->email)) ||
	    (rc = store_col_str(st, 3, pool, &out->name)) ||
	    (rc = store_col_str(st, 6, pool, &out->organisation_name)) ||
	    (rc = store_col_str(st, 8, pool, &out->disabled_at)) ||
	    (rc = store_col_str(st, 9, pool, &out->created_at)))
		return rc;
	if (hash)
		return store_col_str(st, 10, pool, hash);
	return E_OK;
}

/* read_user() as a store_row_fn, for lists. */
static enum err read_user_row(struct db_stmt *st, struct pool *pool, void *row)
{
	return read_user(st, pool, row, NULL);
}

/* Where a row of USER_COLS_HASH goes: the user, and the hash when wanted
 * (hash NULL: it is not read, so it never reaches the pool). */
struct user_found {
	struct user *user;
	const char **hash;
};

static enum err read_user_found(struct db_stmt *st, struct pool *pool, void *row)
{
	struct user_found *f = row;
	return read_user(st, pool, f->user, f->hash);
}

/* A user by id: of partnership_id, or of any partnership when it is 0. */
static enum err load_user(struct db *db, struct pool *pool, int64_t partnership_id,
			  int64_t id, struct user *out, const char **hash)
{
	struct user_found f = {out, hash};
	if (partnership_id) {
		const int64_t args[] = {partnership_id, id};
		return store_get(db, pool, "SELECT " USER_COLS_HASH USER_FROM
				 " WHERE u.partnership_id = $1 AND u.id = $2", args, 2,
				 read_user_found, &f);
	}
	return store_get(db, pool, "SELECT " USER_COLS_HASH USER_FROM " WHERE u.id = $1", &id, 1,
			 read_user_found, &f);
}

/* What the audit trail keeps of a user: never the hash. */
static json_t *user_json(const void *row)
{
	const struct user *u = row;
	return json_pack("{s:I, s:s, s:s, s:s, s:o, s:b, s:b}", "id", (json_int_t)u->id,
			 "email", u->email, "name", u->name, "role", role_code(u->role),
			 "organisation_id",
			 u->organisation_id ? json_integer(u->organisation_id) : json_null(),
			 "disabled", u->disabled_at != NULL, "must_change_password",
			 u->must_change_password);
}

/* Binds what user_update() changes, as store_update() wants them. */
static enum err bind_user(struct db_stmt *st, const void *row)
{
	const struct user *u = row;
	enum err rc;
	if ((rc = db_bind_text(st, 3, u->name)) || (rc = db_bind_text(st, 4, role_code(u->role))))
		return rc;
	return store_bind_opt(st, 5, u->organisation_id);
}

static const struct store_entity user_entity = {
	.name = "user",
	.json = user_json,
	.bind = bind_user,
	.update_sql = "UPDATE app_user SET name = $3, role = $4, organisation_id = $5"
		      " WHERE partnership_id = $1 AND id = $2",
};

/* Audits the change from before to after (either may be NULL). */
static enum err audit_user(struct db *db, const struct actor *who, const char *action,
			   const struct user *before, const struct user *after)
{
	const struct user *u = after ? after : before;
	return store_audit(db, who, &user_entity, u->partnership_id, action, u->id, before, after);
}

int user_organisation_provides(const char *organisation_role)
{
	return organisation_role &&
	       (strcmp(organisation_role, "provider") == 0 || strcmp(organisation_role, "both") == 0);
}

/* E_OK when organisation_id is a current organisation of partnership_id
 * that provides services (a provider's employer), else E_INVAL. */
static enum err organisation_in(struct db *db, int64_t partnership_id, int64_t organisation_id)
{
	struct db_stmt *st = NULL;
	enum err rc = db_prepare(db,
		"SELECT role FROM organisation WHERE partnership_id = $1 AND id = $2"
		" AND retired_at IS NULL", &st);
	if (rc)
		goto out;
	if ((rc = db_bind_i64(st, 1, partnership_id)) || (rc = db_bind_i64(st, 2, organisation_id)))
		goto out;
	if ((rc = store_step_row(st)) == E_NOTFOUND ||
	    (rc == E_OK && !user_organisation_provides(db_col_text(st, 0))))
		rc = E_INVAL;
out:
	db_finish(st);
	return rc;
}

/*
 * E_CONFLICT when user_id, an active administrator of partnership_id, is
 * the last one: so they may not be demoted or disabled.  In the caller's
 * transaction, which this locks against other such changes in the
 * partnership (see the top of the file); SQLite's writer holds the whole
 * database already.
 */
static enum err keep_an_admin(struct db *db, int64_t partnership_id, int64_t user_id)
{
	struct db_stmt *st = NULL;
	const int64_t args[] = {partnership_id, user_id};
	int64_t others = 0;
	enum err rc = db_prepare(db, "UPDATE partnership SET name = name WHERE id = $1", &st);
	if (rc == E_OK && (rc = db_bind_i64(st, 1, partnership_id)) == E_OK)
		rc = store_step_done(st);
	db_finish(st);
	if (rc == E_OK)
		rc = store_count(db, "SELECT COUNT(*) FROM app_user WHERE partnership_id = $1"
				 " AND id <> $2 AND role = 'admin' AND disabled_at IS NULL",
				 args, 2, &others);
	if (rc == E_OK && others == 0)
		rc = E_CONFLICT;
	return rc;
}

/* 1 when before is an active administrator whom after no longer is. */
static int leaves_admins(const struct user *before, const struct user *after)
{
	return before->role == ROLE_ADMIN && !before->disabled_at &&
	       (after->role != ROLE_ADMIN || after->disabled_at);
}

/* The role, partnership and organisation fit together (the organisation's
 * partnership is checked in the database). */
static int user_fields_ok(int64_t partnership_id, enum role role, int64_t organisation_id)
{
	if (role <= ROLE_NONE || role >= ROLE_COUNT || partnership_id < 0)
		return 0;
	if ((role == ROLE_NATIONAL) != (partnership_id == 0))
		return 0;
	return role == ROLE_PROVIDER ? organisation_id > 0 : organisation_id == 0;
}

enum err user_add(struct db *db, const struct actor *who, int64_t partnership_id,
		  const char *email, const char *name, enum role role,
		  int64_t organisation_id, char password_out[PASSWORD_GENERATED_SIZE],
		  int64_t *id)
{
	struct pool pool;
	struct db_stmt *st = NULL;
	char hash[PASSWORD_HASH_MAX], now[CLOCK_ISO_SIZE], clean[USER_NAME_MAX + 1];
	int64_t new_id = 0;
	int owned = 0;
	enum err rc = E_INVAL;
	pool_init(&pool, STORE_POOL_LIMIT);
	hash[0] = '\0';
	password_out[0] = '\0';
	const char *norm = user_email_normalise(&pool, email);
	if (!norm || store_text_clean(name, USER_NAME_MAX, 0, clean) <= 0 ||
	    !user_fields_ok(partnership_id, role, organisation_id))
		goto done;
	password_generate(password_out);
	if ((rc = password_hash(password_out, hash)))
		goto done;
	clock_iso_now(now);
	if ((rc = db_begin_owned(db, &owned)))
		goto done;
	if (role == ROLE_PROVIDER && (rc = organisation_in(db, partnership_id, organisation_id)))
		goto out;
	rc = db_prepare(db,
		"INSERT INTO app_user (partnership_id, email, name, role, organisation_id,"
		" password_hash, must_change_password, created_at)"
		" VALUES ($1, $2, $3, $4, $5, $6, 1, $7) RETURNING id", &st);
	if (rc)
		goto out;
	if ((rc = store_bind_opt(st, 1, partnership_id)) ||
	    (rc = db_bind_text(st, 2, norm)) || (rc = db_bind_text(st, 3, clean)) ||
	    (rc = db_bind_text(st, 4, role_code(role))) ||
	    (rc = store_bind_opt(st, 5, organisation_id)) ||
	    (rc = db_bind_text(st, 6, hash)) || (rc = db_bind_text(st, 7, now)) ||
	    (rc = store_insert_returning(st, &new_id)))
		goto out;
	db_finish(st);
	st = NULL;
	struct user after = {
		.id = new_id,
		.partnership_id = partnership_id,
		.email = norm,
		.name = clean,
		.role = role,
		.organisation_id = organisation_id,
		.must_change_password = 1,
	};
	rc = audit_user(db, who, "create", NULL, &after);
out:
	db_finish(st);
	rc = db_end_owned(db, owned, rc);
	if (rc == E_OK && id)
		*id = new_id;
done:
	sodium_memzero(hash, sizeof hash);
	if (rc)
		sodium_memzero(password_out, PASSWORD_GENERATED_SIZE);
	pool_free(&pool);
	return rc;
}

enum err user_get(struct db *db, struct pool *pool, int64_t partnership_id, int64_t id,
		  struct user *out)
{
	/* 0 would mean "any partnership" to load_user; here it finds nobody. */
	if (partnership_id <= 0)
		return E_NOTFOUND;
	return load_user(db, pool, partnership_id, id, out, NULL);
}

enum err user_find_by_email(struct db *db, struct pool *pool, const char *email,
			    struct user *out, const char **hash)
{
	struct db_stmt *st = NULL;
	const char *norm = user_email_normalise(pool, email);
	if (hash)
		*hash = NULL;
	if (!norm)
		return E_NOTFOUND;
	enum err rc = db_prepare(db, "SELECT " USER_COLS_HASH USER_FROM " WHERE u.email = $1",
				 &st);
	if (rc)
		goto out;
	if ((rc = db_bind_text(st, 1, norm)))
		goto out;
	struct user_found f = {out, hash};
	rc = store_read_one(st, pool, read_user_found, &f);
out:
	db_finish(st);
	return rc;
}

enum err user_list(struct db *db, struct pool *pool, int64_t partnership_id,
		   struct user **out, size_t *n)
{
	void *rows = NULL;
	enum err rc;
	/* COLLATE "C": byte order on both backends, whatever the server's locale. */
	if (partnership_id)
		rc = store_list(db, pool, "SELECT " USER_COLS USER_FROM " WHERE u.partnership_id = $1"
				" ORDER BY u.email COLLATE \"C\" LIMIT $2", &partnership_id, 1,
				sizeof **out, USER_LIST_MAX, read_user_row, &rows, n);
	else
		rc = store_list(db, pool, "SELECT " USER_COLS USER_FROM
				" ORDER BY u.email COLLATE \"C\" LIMIT $1", NULL, 0,
				sizeof **out, USER_LIST_MAX, read_user_row, &rows, n);
	*out = rows;
	return rc;
}

/*
 * One WHERE clause for the people page and its count: $2 a LIKE pattern
 * (store_like_pattern; NULL: everyone), $3 a role code (NULL: any).
 * lower() on both sides because PostgreSQL's LIKE is case-sensitive and
 * SQLite's is not (emails are stored lower-cased).  Each parameter is
 * typed where PostgreSQL first meets it.
 */
#define USER_SEARCH_WHERE \
	" WHERE u.partnership_id = $1" \
	" AND (CAST($2 AS TEXT) IS NULL" \
	"      OR lower(u.name) LIKE lower(CAST($2 AS TEXT)) ESCAPE '\\'" \
	"      OR u.email LIKE lower(CAST($2 AS TEXT)) ESCAPE '\\')" \
	" AND (CAST($3 AS TEXT) IS NULL OR u.role = $3)"

static enum err bind_user_search(struct db_stmt *st, int64_t partnership_id, const char *pattern,
				 const char *role)
{
	enum err rc;
	if ((rc = db_bind_i64(st, 1, partnership_id)) || (rc = db_bind_text(st, 2, pattern)))
		return rc;
	return db_bind_text(st, 3, role);
}

enum err user_search(struct db *db, struct pool *pool, int64_t partnership_id,
		     const struct user_query *q, struct user **out, size_t *n, size_t *total)
{
	struct db_stmt *st = NULL;
	const char *pattern = NULL;
	size_t limit = q->limit && q->limit < USER_LIST_MAX ? q->limit : USER_LIST_MAX;
	void *rows = NULL;
	enum err rc;
	*out = NULL;
	*n = 0;
	if (total)
		*total = 0;
	if ((unsigned)q->role >= (unsigned)ROLE_NATIONAL || (uint64_t)q->offset > (uint64_t)INT64_MAX)
		return E_INVAL;
	const char *role = q->role == ROLE_NONE ? NULL : role_code(q->role);
	if ((rc = store_like_pattern(pool, q->q, &pattern)))
		return rc;
	if (total) {
		int64_t count = 0;
		if ((rc = db_prepare(db, "SELECT COUNT(*) FROM app_user u" USER_SEARCH_WHERE, &st)) ||
		    (rc = bind_user_search(st, partnership_id, pattern, role)) ||
		    (rc = store_step_i64(st, &count)))
			goto out;
		*total = (size_t)count;
		db_finish(st);
		st = NULL;
	}
	/* COLLATE "C": byte order on both backends, whatever the server's locale. */
	rc = db_prepare(db, "SELECT " USER_COLS USER_FROM USER_SEARCH_WHERE
			" ORDER BY u.email COLLATE \"C\" LIMIT $4 OFFSET $5", &st);
	if (rc || (rc = bind_user_search(st, partnership_id, pattern, role)) ||
	    (rc = db_bind_i64(st, 4, (int64_t)limit)) ||
	    (rc = db_bind_i64(st, 5, (int64_t)q->offset)))
		goto out;
	rc = store_read_rows(st, pool, sizeof **out, limit, read_user_row, &rows, n);
	*out = rows;
out:
	db_finish(st);
	if (rc && total)
		*total = 0;
	return rc;
}

enum err user_update(struct db *db, const struct actor *who, int64_t partnership_id,
		     int64_t user_id, const char *name, enum role role, int64_t organisation_id)
{
	struct pool pool;
	struct user before, after;
	char clean[USER_NAME_MAX + 1];
	int owned = 0;
	enum err rc = E_INVAL;
	pool_init(&pool, STORE_POOL_LIMIT);
	/* A partnership's user only: 0 would mean "any" to load_user, and
	 * user_fields_ok refuses the national role here. */
	if (partnership_id <= 0) {
		rc = E_NOTFOUND;
		goto done;
	}
	if (store_text_clean(name, USER_NAME_MAX, 0, clean) <= 0 ||
	    !user_fields_ok(partnership_id, role, organisation_id))
		goto done;
	if ((rc = db_begin_owned(db, &owned)))
		goto done;
	if ((rc = load_user(db, &pool, partnership_id, user_id, &before, NULL)))
		goto out;
	after = before;
	after.name = clean;
	after.role = role;
	after.organisation_id = organisation_id;
	after.organisation_name = NULL;
	if (leaves_admins(&before, &after) && who && who->user_id == user_id) {
		rc = E_USER_OWN_ROLE;
		goto out;
	}
	if ((leaves_admins(&before, &after) && (rc = keep_an_admin(db, partnership_id, user_id))) ||
	    (role == ROLE_PROVIDER && (rc = organisation_in(db, partnership_id, organisation_id))))
		goto out;
	rc = store_update(db, who, &user_entity, partnership_id, user_id, &before, &after);
out:
	rc = db_end_owned(db, owned, rc);
done:
	pool_free(&pool);
	return rc;
}

/*
 * A new password hash for the user before and what follows from it, in one
 * transaction: must_change_password as given, the user's sessions ended
 * (but keep_session_hash's), their API tokens revoked when revoke_tokens,
 * and the change audited as action.
 */
static enum err replace_password(struct db *db, const struct actor *who,
				 const struct user *before, const char *hash, int must_change,
				 const char *keep_session_hash, int revoke_tokens,
				 const char *action)
{
	struct db_stmt *st = NULL;
	struct user after = *before;
	int owned = 0;
	enum err rc = db_begin_owned(db, &owned);
	if (rc)
		return rc;
	after.must_change_password = must_change;
	rc = db_prepare(db,
		"UPDATE app_user SET password_hash = $1, must_change_password = $2 WHERE id = $3",
		&st);
	if (rc)
		goto out;
	if ((rc = db_bind_text(st, 1, hash)) || (rc = db_bind_i64(st, 2, must_change)) ||
	    (rc = db_bind_i64(st, 3, before->id)) || (rc = store_step_done(st)))
		goto out;
	db_finish(st);
	st = NULL;
	if ((rc = session_destroy_user(db, before->id, keep_session_hash)) ||
	    (revoke_tokens && (rc = token_revoke_user(db, before->id))))
		goto out;
	rc = audit_user(db, who, action, before, &after);
out:
	db_finish(st);
	return db_end_owned(db, owned, rc);
}

enum err user_change_password(struct db *db, const struct actor *who, int64_t user_id,
			      const char *current, const char *new_password,
			      const char *keep_session_hash, const char **why)
{
	struct pool pool;
	struct user before;
	const char *old_hash = NULL, *reason = NULL;
	char hash[PASSWORD_HASH_MAX];
	pool_init(&pool, STORE_POOL_LIMIT);
	hash[0] = '\0';
	enum err rc = load_user(db, &pool, 0, user_id, &before, &old_hash);
	if (rc)
		goto done;
	rc = E_INVAL;
	if (!password_verify(old_hash, current)) {
		reason = "The current password you entered is not correct";
		goto done;
	}
	if ((reason = password_policy_check(new_password, before.email)))
		goto done;
	if ((rc = password_hash(new_password, hash)))
		goto done;
	rc = replace_password(db, who, &before, hash, 0, keep_session_hash, 0, "change_password");
done:
	if (why)
		*why = reason;
	sodium_memzero(hash, sizeof hash);
	pool_free(&pool);
	return rc;
}

enum err user_reset_password(struct db *db, const struct actor *who, int64_t partnership_id,
			     int64_t user_id, char password_out[PASSWORD_GENERATED_SIZE])
{
	struct pool pool;
	struct user before;
	char hash[PASSWORD_HASH_MAX];
	pool_init(&pool, STORE_POOL_LIMIT);
	hash[0] = '\0';
	password_out[0] = '\0';
	enum err rc = load_user(db, &pool, partnership_id, user_id, &before, NULL);
	if (rc)
		goto done;
	password_generate(password_out);
	if ((rc = password_hash(password_out, hash)))
		goto done;
	rc = replace_password(db, who, &before, hash, 1, NULL, 1, "reset_password");
done:
	sodium_memzero(hash, sizeof hash);
	if (rc)
		sodium_memzero(password_out, PASSWORD_GENERATED_SIZE);
	pool_free(&pool);
	return rc;
}

enum err user_set_disabled(struct db *db, const struct actor *who, int64_t partnership_id,
			   int64_t user_id, int disabled)
{
	struct pool pool;
	struct db_stmt *st = NULL;
	struct user before, after;
	char now[CLOCK_ISO_SIZE];
	int owned = 0;
	pool_init(&pool, STORE_POOL_LIMIT);
	clock_iso_now(now);
	enum err rc = db_begin_owned(db, &owned);
	if (rc)
		goto done;
	if ((rc = load_user(db, &pool, partnership_id, user_id, &before, NULL)))
		goto out;
	/* Already so: nothing changes, so there is nothing to audit. */
	if ((before.disabled_at != NULL) == (disabled != 0))
		goto out;
	after = before;
	after.disabled_at = disabled ? now : NULL;
	if (leaves_admins(&before, &after) &&
	    (rc = keep_an_admin(db, before.partnership_id, user_id)))
		goto out;
	rc = db_prepare(db, "UPDATE app_user SET disabled_at = $1 WHERE id = $2", &st);
	if (rc)
		goto out;
	if ((rc = db_bind_text(st, 1, after.disabled_at)) || (rc = db_bind_i64(st, 2, user_id)) ||
	    (rc = store_step_done(st)))
		goto out;
	db_finish(st);
	st = NULL;
	if (disabled && ((rc = session_destroy_user(db, user_id, NULL)) ||
			 (rc = token_revoke_user(db, user_id))))
		goto out;
	rc = audit_user(db, who, disabled ? "disable" : "enable", &before, &after);
out:
	db_finish(st);
	rc = db_end_owned(db, owned, rc);
done:
	pool_free(&pool);
	return rc;
}
