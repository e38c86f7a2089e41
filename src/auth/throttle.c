/*
 * throttle.c: counting failed sign-ins per key (session.h).
 *
 * Account keys hold a hash of the normalised email, never the email: the
 * table says nothing about who tried to sign in, and an address that has
 * no account is throttled exactly like one that has, so the throttle does
 * not tell the two apart.
 *
 * A failure is one INSERT ... ON CONFLICT DO NOTHING (both backends accept
 * it) that makes sure the row exists, then one UPDATE whose CASE
 * expressions restart an expired window, count the failure and lock the key
 * at the limit.  The arithmetic stays in a single statement so that two
 * failures racing on PostgreSQL (READ COMMITTED) both count: the second
 * UPDATE waits for the first and re-reads the row, where a SELECT followed
 * by an UPDATE would lose one.
 */
#include "auth/session.h"

#include "auth/user.h"
#include "core/pool.h"
#include "db/db.h"
#include "partnership/partnership.h"

const char *throttle_account_key(struct pool *pool, const char *email)
{
	char hash[SESSION_HASH_SIZE];
	const char *norm = user_email_normalise(pool, email ? email : "");
	/* Not an address: still counted, under its raw text. */
	session_token_hash(norm ? norm : email ? email : "", hash);
	return pool_printf(pool, "account:%s", hash);
}

const char *throttle_address_key(struct pool *pool, const char *address)
{
	return pool_printf(pool, "address:%s", address ? address : "");
}

enum err throttle_check(struct db *db, const char *key, int64_t now, int64_t *locked_until)
{
	struct db_stmt *st = NULL;
	*locked_until = 0;
	enum err rc = db_prepare(db, "SELECT locked_until FROM signin_throttle WHERE key = $1",
				 &st);
	if (rc)
		goto out;
	if ((rc = db_bind_text(st, 1, key)))
		goto out;
	int r = db_step(st);
	if (r == DB_ROW) {
		int64_t until = db_col_i64(st, 0);
		*locked_until = until > now ? until : 0;
	} else if (r != DB_DONE) {
		rc = (enum err)r;
	}
out:
	db_finish(st);
	return rc;
}

enum err throttle_fail(struct db *db, const char *key, int64_t now, int limit)
{
	struct db_stmt *st = NULL;
	int owned = 0;
	enum err rc = db_begin_owned(db, &owned);
	if (rc)
		return rc;
	rc = db_prepare(db,
		"INSERT INTO signin_throttle (key, failures, window_start, locked_until)"
		" VALUES ($1, 0, $2, 0) ON CONFLICT (key) DO NOTHING", &st);
	if (rc)
		goto out;
	if ((rc = db_bind_text(st, 1, key)) || (rc = db_bind_i64(st, 2, now)) ||
	    (rc = store_step_done(st)))
		goto out;
	db_finish(st);
	st = NULL;
	/* $2 now, $3 the window, $4 the limit, $5 the lock; SET reads the old row. */
	rc = db_prepare(db,
		"UPDATE signin_throttle SET"
		" failures = CASE WHEN $2 - window_start >= $3 THEN 1 ELSE failures + 1 END,"
		" window_start = CASE WHEN $2 - window_start >= $3 THEN $2 ELSE window_start END,"
		" locked_until = CASE WHEN"
		"  (CASE WHEN $2 - window_start >= $3 THEN 1 ELSE failures + 1 END) >= $4"
		"  THEN $2 + $5 ELSE locked_until END"
		" WHERE key = $1", &st);
	if (rc)
		goto out;
	if ((rc = db_bind_text(st, 1, key)) || (rc = db_bind_i64(st, 2, now)) ||
	    (rc = db_bind_i64(st, 3, THROTTLE_WINDOW_S)) || (rc = db_bind_i64(st, 4, limit)) ||
	    (rc = db_bind_i64(st, 5, THROTTLE_LOCK_S)))
		goto out;
	rc = store_step_done(st);
out:
	db_finish(st);
	return db_end_owned(db, owned, rc);
}

enum err throttle_clear(struct db *db, const char *key)
{
	struct db_stmt *st = NULL;
	enum err rc = db_prepare(db, "DELETE FROM signin_throttle WHERE key = $1", &st);
	if (rc)
		goto out;
	if ((rc = db_bind_text(st, 1, key)))
		goto out;
	rc = store_step_done(st);
out:
	db_finish(st);
	return rc;
}
