/*
 * throttle.c: counting failed sign-ins per key (session.h).
 *
 * Account keys hold a hash of the normalised email, never the email: the
 * table says nothing about who tried to sign in, and an address that has
 * no account is throttled exactly like one that has, so the throttle does
 * not tell the two apart.
 *
 * A failure is one INSERT ... ON CONFLICT DO UPDATE (both backends accept
 * it) that makes sure the row exists and holds its lock (so a purge cannot
 * delete it between the two statements), then one UPDATE whose CASE
 * expressions restart an expired window, count the failure and lock the key
 * at the limit.  The arithmetic stays in a single statement so that two
 * failures racing on PostgreSQL (READ COMMITTED) both count: the second
 * UPDATE waits for the first and re-reads the row, where a SELECT followed
 * by an UPDATE would lose one.
 *
 * Rows are not kept for ever: every failure then deletes a bounded batch
 * of stale ones, whose window is over and whose lock (if any) has run out.
 * Such a row says nothing any more (a check finds no lock, and the next
 * failure would restart its window at one), so deleting it changes no
 * answer; a row with a live lock or an open window is never stale.  A
 * stream of failures from ever-new addresses thus cannot grow the table
 * without bound, and no failure pays for more than THROTTLE_PURGE_MAX rows.
 */
#include "auth/session.h"

#include "auth/user.h"
#include "core/pool.h"
#include "db/db.h"
#include "db/store.h"

/* The most stale rows one failure deletes: more than the one row it may
 * add, so the table shrinks back after a burst. */
#define THROTTLE_PURGE_MAX 100

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
	if (store_next(st, &rc)) {
		int64_t until = db_col_i64(st, 0);
		*locked_until = until > now ? until : 0;
	}
out:
	db_finish(st);
	return rc;
}

/*
 * Deletes up to THROTTLE_PURGE_MAX stale rows: the window is over ($1 is
 * now less the window, where throttle_fail restarts it) and no lock is
 * live (throttle_check counts one while until > now).  The conditions
 * stand outside the subquery too, so that on PostgreSQL a row another
 * failure changed meanwhile is checked again as it is now, and a lock set
 * since this statement began is never deleted.  Its own statement, after
 * the failure's transaction, so it holds no row lock that a concurrent
 * failure could be waiting on while this one waits for another.
 */
static enum err purge_stale(struct db *db, int64_t now)
{
	struct db_stmt *st = NULL;
	enum err rc = db_prepare(db,
		"DELETE FROM signin_throttle WHERE window_start <= $1 AND locked_until <= $2"
		" AND key IN (SELECT key FROM signin_throttle"
		" WHERE window_start <= $1 AND locked_until <= $2 LIMIT $3)", &st);
	if (rc)
		goto out;
	if ((rc = db_bind_i64(st, 1, now - THROTTLE_WINDOW_S)) || (rc = db_bind_i64(st, 2, now)) ||
	    (rc = db_bind_i64(st, 3, THROTTLE_PURGE_MAX)))
		goto out;
	rc = store_step_done(st);
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
		" VALUES ($1, 0, $2, 0)"
		" ON CONFLICT (key) DO UPDATE SET failures = signin_throttle.failures", &st);
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
	rc = db_end_owned(db, owned, rc);
	return rc ? rc : purge_stale(db, now);
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
