/*
 * teststore.h: what the store tests share: a fresh migrated database
 * (testdb) and a pool for each test, partnerships and people made through
 * their stores, the audit trail read back the way the audit page reads it,
 * and one-integer SQL queries for what no store function tells.
 *
 * The pool is a global beside testdb, for the same reason: every test of a
 * store file allocates from it, and one fixture sets both up and drops
 * both.  CMake registers a file that names teststore_setup for both
 * backends, as it does one that calls testdb_*().
 */
#ifndef JCS_TESTSTORE_H
#define JCS_TESTSTORE_H

#include <jansson.h>
#include <stdint.h>

#include "audit/audit.h"
#include "auth/auth.h"
#include "core/pool.h"
#include "support/testdb.h"

/* Emptied by teststore_teardown(); its limit is far above any test's need. */
extern struct pool testpool;

/* cmocka fixtures: testdb_setup_migrated() and testpool; both dropped. */
int teststore_setup(void **state);
int teststore_teardown(void **state);
/* teststore_setup() and two partnerships, "alpha" and "beta", for the
 * tests of isolation between them. */
int teststore_setup_pair(void **state, int64_t *alpha, int64_t *beta);

/* A partnership named after slug, added by the command line (so it leaves
 * its own audit event); fails the test on any error. */
int64_t teststore_partnership(const char *slug);
/* A person of partnership p with role (no organisation), added by the
 * command line with a generated password that must be changed. */
int64_t teststore_user(int64_t p, const char *email, const char *name, enum role role);

/* How many events p's trail holds (all of them on one page of
 * audit_list()). */
size_t teststore_events(int64_t p);
/* p's newest event, with its before and after parsed (NULL where it has
 * none; the caller decrefs them). */
struct audit_event teststore_last_event(int64_t p, json_t **before, json_t **after);
/* teststore_last_event(), which must be action on entity entity_id. */
struct audit_event teststore_expect_event(int64_t p, const char *action, const char *entity,
					  int64_t entity_id, json_t **before, json_t **after);
/* The string at key of a JSON object, or NULL. */
const char *jstr(const json_t *o, const char *key);

/*
 * The integer in the first column of sql's first row, -1 when there is no
 * row.  When sql has $2, $1 is id and $2 is text; otherwise $1, when sql
 * has one, is text, or id when text is NULL.
 */
int64_t teststore_i64(const char *sql, int64_t id, const char *text);
/*
 * Runs sql, which writes without answering rows, with $1 = a and $2 = b:
 * bounds tests make thousands of rows in one statement (WITH RECURSIVE),
 * where as many store calls would only slow them.
 */
void teststore_exec(const char *sql, int64_t a, int64_t b);

#endif
