/*
 * test_invitation_store.c: invitation links in a migrated database on both
 * backends: issuing (only hashes stored, limits, closed rounds, the audit
 * event with counts and no token), finding by token, drafts, submitting
 * once (the answers kept pending with the day cleared, all or nothing),
 * release in batches of k (fewer wait; the k-th adds them all with the
 * invitations' groups and clears their drafts; closing adds fewer; no
 * audit event; the round's limits counted with what is pending), the
 * shuffle, withdrawing (pending answers kept), the counts, isolation
 * between partnerships, and the draft codec.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit/audit.h"
#include "auth/session.h"
#include "core/pool.h"
#include "db/db.h"
#include "selfanalysis/framework.h"
#include "selfanalysis/invitation.h"
#include "selfanalysis/round.h"
#include "support/teststore.h"

static const struct actor *cli = &actor_cli;
static int64_t pa, pb;
static int64_t round_a, round_b; /* an open interviews round in each */

#define FW "csp-2009-12"
#define NSTD 12

static int64_t add_round(int64_t p, const char *name)
{
	struct round r = {.framework = FW, .name = name, .mode = ROUND_INTERVIEWS};
	int64_t id = 0;
	assert_int_equal(round_add(testdb, cli, p, &r, &id), E_OK);
	return id;
}

static int setup(void **state)
{
	if (teststore_setup_pair(state, &pa, &pb))
		return -1;
	round_a = add_round(pa, "Alpha 2026");
	round_b = add_round(pb, "Beta 2026");
	return 0;
}

static void close_round(int64_t p, int64_t id)
{
	struct round r;
	assert_int_equal(round_get(testdb, &testpool, p, id, &r), E_OK);
	r.closed = true;
	assert_int_equal(round_update(testdb, cli, p, id, &r), E_OK);
}

static int64_t responses(int64_t round_id)
{
	return teststore_i64("SELECT COUNT(*) FROM sa_response WHERE round_id = $1", round_id, NULL);
}

static struct invitation find(const char *token)
{
	struct invitation inv;
	assert_int_equal(invitation_find(testdb, &testpool, token, &inv), E_OK);
	return inv;
}

/* Twelve answers: 4, 3.5, Don't know, then none; two comments. */
static void answers(struct score cells[NSTD], const char *comments[NSTD])
{
	memset(cells, 0, NSTD * sizeof cells[0]);
	cells[0] = (struct score){SCORE_VALUE, 8, 8};
	cells[1] = (struct score){SCORE_VALUE, 7, 7};
	cells[2] = (struct score){SCORE_DONT_KNOW, 0, 0};
	for (size_t i = 0; i < NSTD; i++)
		comments[i] = NULL;
	comments[0] = "Outcomes are agreed.";
	comments[5] = "The market is thin.";
}

static void test_shapes(void **state)
{
	(void)state;
	char t[SESSION_TOKEN_SIZE];
	session_random_token(t);
	assert_true(invitation_token_valid(t));
	assert_false(invitation_token_valid(NULL));
	assert_false(invitation_token_valid(""));
	t[5] = '/';
	assert_false(invitation_token_valid(t));
	char longer[SESSION_TOKEN_SIZE + 1];
	memset(longer, 'a', SESSION_TOKEN_SIZE);
	longer[SESSION_TOKEN_SIZE] = '\0';
	assert_false(invitation_token_valid(longer));
	longer[SESSION_TOKEN_SIZE - 1] = '\0';
	assert_true(invitation_token_valid(longer));
	longer[SESSION_TOKEN_SIZE - 2] = '\0';
	assert_false(invitation_token_valid(longer));

	struct round r = {.opens_on = "2026-03-01", .closes_on = "2026-03-31"};
	assert_int_equal(invitation_round_open(&r, "2026-02-28"), -1);
	assert_int_equal(invitation_round_open(&r, "2026-03-01"), 0);
	assert_int_equal(invitation_round_open(&r, "2026-03-31"), 0);
	assert_int_equal(invitation_round_open(&r, "2026-04-01"), 1);
	r.closed = true;
	assert_int_equal(invitation_round_open(&r, "2026-03-15"), 1);
	struct round open = {0};
	assert_int_equal(invitation_round_open(&open, NULL), 0);
}

static void test_issue(void **state)
{
	(void)state;
	char tokens[3][INVITATION_TOKEN_SIZE];
	size_t events = teststore_events(pa);
	assert_int_equal(invitation_issue(testdb, cli, pa, round_a, 3, "  Health ", tokens), E_OK);
	assert_string_not_equal(tokens[0], tokens[1]);
	assert_string_not_equal(tokens[1], tokens[2]);
	for (int i = 0; i < 3; i++) {
		assert_true(invitation_token_valid(tokens[i]));
		char hash[SESSION_HASH_SIZE];
		session_token_hash(tokens[i], hash);
		/* Only the hash is stored. */
		assert_int_equal(teststore_i64("SELECT COUNT(*) FROM sa_invitation WHERE token_hash = $1",
					       0, hash), 1);
		assert_int_equal(teststore_i64("SELECT COUNT(*) FROM sa_invitation WHERE token_hash = $1"
					       " OR grp = $1 OR draft = $1", 0, tokens[i]), 0);
		struct invitation inv = find(tokens[i]);
		assert_true(inv.partnership_id == pa);
		assert_true(inv.round_id == round_a);
		assert_string_equal(inv.grp, "Health");
		assert_int_equal(inv.status, INVITATION_OPEN);
		assert_null(inv.draft);
		assert_null(inv.saved_on);
	}
	/* The day only. */
	assert_int_equal(teststore_i64("SELECT COUNT(*) FROM sa_invitation WHERE round_id = $1"
				       " AND length(created_on) = 10", round_a, NULL), 3);

	/* Audited once, with the count and group: never a token or hash. */
	assert_int_equal(teststore_events(pa), events + 1);
	json_t *before = NULL, *after = NULL;
	struct audit_event e = teststore_expect_event(pa, "issue_invitations", "sa_round", round_a,
						      &before, &after);
	assert_null(before);
	assert_int_equal(json_integer_value(json_object_get(after, "count")), 3);
	assert_string_equal(jstr(after, "group"), "Health");
	assert_string_equal(jstr(after, "round"), "Alpha 2026");
	for (int i = 0; i < 3; i++) {
		char hash[SESSION_HASH_SIZE];
		session_token_hash(tokens[i], hash);
		assert_null(strstr(e.after, tokens[i]));
		assert_null(strstr(e.after, hash));
	}
	json_decref(after);

	struct invitation_counts c;
	assert_int_equal(invitation_counts(testdb, pa, round_a, &c), E_OK);
	assert_true(c.issued == 3 && c.unused == 3 && c.started == 0 && c.submitted == 0 &&
		    c.withdrawn == 0);
	/* No group: NULL. */
	char one[1][INVITATION_TOKEN_SIZE];
	assert_int_equal(invitation_issue(testdb, cli, pa, round_a, 1, "", one), E_OK);
	assert_null(find(one[0]).grp);
}

static void test_issue_refused(void **state)
{
	(void)state;
	static char tokens[INVITATION_ISSUE_MAX + 1][INVITATION_TOKEN_SIZE];
	assert_int_equal(invitation_issue(testdb, cli, pa, round_a, 0, NULL, tokens), E_RANGE);
	assert_int_equal(invitation_issue(testdb, cli, pa, round_a, INVITATION_ISSUE_MAX + 1, NULL,
					  tokens), E_RANGE);
	char big[INVITATION_GROUP_MAX + 2];
	memset(big, 'g', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	assert_int_equal(invitation_issue(testdb, cli, pa, round_a, 1, big, tokens), E_INVAL);
	big[INVITATION_GROUP_MAX] = '\0';
	assert_int_equal(invitation_issue(testdb, cli, pa, round_a, 1, big, tokens), E_OK);
	assert_int_equal(invitation_issue(testdb, cli, pa, round_a, 1, "two\nlines", tokens), E_INVAL);
	/* Another partnership's round is not found. */
	assert_int_equal(invitation_issue(testdb, cli, pa, round_b, 1, NULL, tokens), E_NOTFOUND);
	assert_int_equal(invitation_issue(testdb, cli, pb, round_a, 1, NULL, tokens), E_NOTFOUND);
	assert_int_equal(teststore_i64("SELECT COUNT(*) FROM sa_invitation WHERE round_id = $1",
				       round_b, NULL), 0);

	/* The most a round may ever hold, withdrawn ones included. */
	teststore_exec("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $2)"
		       " INSERT INTO sa_invitation (partnership_id, round_id, token_hash, status,"
		       " created_on) SELECT r.partnership_id, r.id, 'bulk-' || n.i, 'withdrawn',"
		       " '2026-01-01' FROM n, sa_round r WHERE r.id = $1",
		       round_a, INVITATION_ROUND_MAX - 3);
	assert_int_equal(invitation_issue(testdb, cli, pa, round_a, 3, NULL, tokens), E_TOOBIG);
	assert_int_equal(invitation_issue(testdb, cli, pa, round_a, 2, NULL, tokens), E_OK);
	assert_int_equal(teststore_i64("SELECT COUNT(*) FROM sa_invitation WHERE round_id = $1",
				       round_a, NULL), INVITATION_ROUND_MAX);

	/* A group round holds the group's agreed scores: no links at all,
	 * and none issued before this rule can answer it. */
	struct round g = {.framework = FW, .name = "Group", .mode = ROUND_GROUP};
	int64_t group = 0;
	assert_int_equal(round_add(testdb, cli, pa, &g, &group), E_OK);
	assert_int_equal(invitation_issue(testdb, cli, pa, group, 1, NULL, tokens), E_INVAL);
	assert_int_equal(teststore_i64("SELECT COUNT(*) FROM sa_invitation WHERE round_id = $1",
				       group, NULL), 0);
	teststore_exec("INSERT INTO sa_invitation (partnership_id, round_id, token_hash,"
		       " created_on) VALUES ($1, $2, 'old-link', '2026-01-01')", pa, group);
	int64_t old = teststore_i64("SELECT id FROM sa_invitation WHERE round_id = $1", group, NULL);
	struct score cells[NSTD];
	const char *comments[NSTD];
	answers(cells, comments);
	assert_int_equal(invitation_submit(testdb, pa, old, cells, comments, NSTD), E_CONFLICT);
	assert_int_equal(teststore_i64("SELECT COUNT(*) FROM sa_response WHERE round_id = $1",
				       group, NULL), 0);

	/* A closed round takes no more. */
	close_round(pb, round_b);
	assert_int_equal(invitation_issue(testdb, cli, pb, round_b, 1, NULL, tokens), E_CONFLICT);
	assert_int_equal(teststore_i64("SELECT COUNT(*) FROM sa_invitation WHERE round_id = $1",
				       round_b, NULL), 0);
}

static void test_find_and_draft(void **state)
{
	(void)state;
	char t[2][INVITATION_TOKEN_SIZE];
	assert_int_equal(invitation_issue(testdb, cli, pa, round_a, 2, NULL, t), E_OK);
	struct invitation inv;
	char other[SESSION_TOKEN_SIZE];
	session_random_token(other);
	assert_int_equal(invitation_find(testdb, &testpool, other, &inv), E_NOTFOUND);
	assert_int_equal(invitation_find(testdb, &testpool, "short", &inv), E_NOTFOUND);
	/* The hash is not a token. */
	char hash[SESSION_HASH_SIZE];
	session_token_hash(t[0], hash);
	assert_int_equal(invitation_find(testdb, &testpool, hash, &inv), E_NOTFOUND);

	size_t events = teststore_events(pa);
	inv = find(t[0]);
	assert_int_equal(invitation_save_draft(testdb, pa, inv.id, "{\"scores\":{\"1\":\"4\"}}"),
			 E_OK);
	inv = find(t[0]);
	assert_string_equal(inv.draft, "{\"scores\":{\"1\":\"4\"}}");
	assert_non_null(inv.saved_on);
	assert_int_equal(strlen(inv.saved_on), 10); /* the day, no time */
	assert_int_equal(teststore_events(pa), events); /* saving is not audited */
	struct invitation_counts c;
	assert_int_equal(invitation_counts(testdb, pa, round_a, &c), E_OK);
	assert_true(c.issued == 2 && c.unused == 1 && c.started == 1);

	/* Another partnership's id is not found; limits. */
	assert_int_equal(invitation_save_draft(testdb, pb, inv.id, "{}"), E_NOTFOUND);
	assert_int_equal(invitation_save_draft(testdb, pa, inv.id + 1000000, "{}"), E_NOTFOUND);
	static char huge[INVITATION_DRAFT_MAX + 2];
	memset(huge, ' ', sizeof huge - 1);
	assert_int_equal(invitation_save_draft(testdb, pa, inv.id, huge), E_TOOBIG);
	assert_string_equal(find(t[0]).draft, "{\"scores\":{\"1\":\"4\"}}");
	/* Counts are the partnership's own. */
	assert_int_equal(invitation_counts(testdb, pb, round_a, &c), E_OK);
	assert_true(c.issued == 0);
}

static int64_t pending(int64_t round_id)
{
	return teststore_i64("SELECT COUNT(*) FROM sa_invitation WHERE round_id = $1"
			     " AND status = 'submitted' AND draft IS NOT NULL", round_id, NULL);
}

static void test_submit(void **state)
{
	(void)state;
	char t[2][INVITATION_TOKEN_SIZE];
	assert_int_equal(invitation_issue(testdb, cli, pa, round_a, 2, "Schools", t), E_OK);
	struct invitation inv = find(t[0]);
	assert_int_equal(invitation_save_draft(testdb, pa, inv.id, "{}"), E_OK);
	struct score cells[NSTD];
	const char *comments[NSTD];
	answers(cells, comments);
	size_t events = teststore_events(pa);

	/* Refused answers leave everything as it was. */
	assert_int_equal(invitation_submit(testdb, pa, inv.id, cells, comments, NSTD - 1), E_INVAL);
	struct score range[NSTD];
	memcpy(range, cells, sizeof range);
	range[4] = (struct score){SCORE_RANGE, 2, 4}; /* the form offers none */
	assert_int_equal(invitation_submit(testdb, pa, inv.id, range, comments, NSTD), E_INVAL);
	range[4] = (struct score){SCORE_VALUE, 11, 11}; /* 5.5: off the scale */
	assert_int_equal(invitation_submit(testdb, pa, inv.id, range, comments, NSTD), E_INVAL);
	const char *bad[NSTD] = {[3] = "bad \xff byte"};
	assert_int_equal(invitation_submit(testdb, pa, inv.id, cells, bad, NSTD), E_INVAL);
	assert_int_equal(find(t[0]).status, INVITATION_OPEN);
	assert_string_equal(find(t[0]).draft, "{}");
	assert_int_equal(pending(round_a), 0);
	/* Another partnership cannot submit through it. */
	assert_int_equal(invitation_submit(testdb, pb, inv.id, cells, comments, NSTD), E_NOTFOUND);

	/* Below k (5 by default) the answers wait on the invitation: exactly
	 * what was submitted, no day. */
	assert_int_equal(invitation_submit(testdb, pa, inv.id, cells, comments, NSTD), E_OK);
	assert_int_equal(responses(round_a), 0);
	inv = find(t[0]);
	assert_int_equal(inv.status, INVITATION_SUBMITTED);
	assert_null(inv.saved_on);
	struct framework f;
	struct invitation_answers kept;
	assert_int_equal(framework_builtin(FW, &testpool, &f), E_OK);
	assert_int_equal(invitation_draft_decode(&f, inv.draft, &testpool, &kept), E_OK);
	for (size_t i = 0; i < NSTD; i++) {
		assert_int_equal(kept.cells[i].kind, cells[i].kind);
		assert_int_equal(kept.cells[i].lo, cells[i].lo);
		assert_string_equal(kept.comments[i], comments[i] ? comments[i] : "");
	}
	/* Neither the submit nor the pending answers are audited. */
	assert_int_equal(teststore_events(pa), events);

	/* Once only. */
	assert_int_equal(invitation_submit(testdb, pa, inv.id, cells, comments, NSTD), E_CONFLICT);
	assert_int_equal(invitation_save_draft(testdb, pa, inv.id, "{}"), E_CONFLICT);
	assert_int_equal(pending(round_a), 1);

	struct invitation_counts c;
	assert_int_equal(invitation_counts(testdb, pa, round_a, &c), E_OK);
	assert_true(c.issued == 2 && c.unused == 1 && c.started == 0 && c.submitted == 1 &&
		    c.pending == 1);
	/* Answers given online, even pending, are never cleared. */
	assert_int_equal(round_clear_responses(testdb, cli, pa, round_a), E_CONFLICT);

	/* Closing adds what is pending, however few: the response with the
	 * invitation's group and nothing else of it. */
	close_round(pa, round_a);
	assert_int_equal(responses(round_a), 1);
	inv = find(t[0]);
	assert_int_equal(inv.status, INVITATION_SUBMITTED);
	assert_null(inv.draft);
	assert_int_equal(teststore_i64("SELECT COUNT(*) FROM sa_response WHERE round_id = $1"
				       " AND grp = 'Schools' AND source = 'online'"
				       " AND respondent IS NULL AND length(submitted_on) = 10",
				       round_a, NULL), 1);
	assert_int_equal(teststore_i64("SELECT COUNT(*) FROM sa_score s JOIN sa_response r"
				       " ON r.id = s.response_id WHERE r.round_id = $1", round_a, NULL), 3);
	assert_int_equal(teststore_i64("SELECT COUNT(*) FROM sa_score s JOIN sa_response r"
				       " ON r.id = s.response_id WHERE r.round_id = $1"
				       " AND s.standard = 2 AND s.lo = 7", round_a, NULL), 1);
	assert_int_equal(teststore_i64("SELECT COUNT(*) FROM sa_comment WHERE round_id = $1",
				       round_a, NULL), 2);
	assert_int_equal(invitation_counts(testdb, pa, round_a, &c), E_OK);
	assert_true(c.submitted == 1 && c.pending == 0);
	/* The close is the only event: nothing of the answers. */
	assert_int_equal(teststore_events(pa), events + 1);
	json_t *before = NULL, *after = NULL;
	teststore_expect_event(pa, "update", "sa_round", round_a, &before, &after);
	json_decref(before);
	json_decref(after);

	/* A closed round refuses, and the invitation stays open. */
	inv = find(t[1]);
	assert_int_equal(invitation_submit(testdb, pa, inv.id, cells, comments, NSTD), E_CONFLICT);
	assert_int_equal(find(t[1]).status, INVITATION_OPEN);
	assert_int_equal(responses(round_a), 1);
	/* So does one past its closing day, closed or not. */
	int64_t late = add_round(pa, "Late");
	struct round r;
	assert_int_equal(round_get(testdb, &testpool, pa, late, &r), E_OK);
	assert_int_equal(invitation_issue(testdb, cli, pa, late, 1, NULL, t), E_OK);
	r.opens_on = "2020-01-01";
	r.closes_on = "2020-01-31";
	assert_int_equal(round_update(testdb, cli, pa, late, &r), E_OK);
	assert_int_equal(invitation_submit(testdb, pa, find(t[0]).id, cells, comments, NSTD),
			 E_CONFLICT);
	assert_int_equal(find(t[0]).status, INVITATION_OPEN);
}

/* The round's online responses in group grp. */
static int64_t online_in(int64_t round_id, const char *grp)
{
	return teststore_i64("SELECT COUNT(*) FROM sa_response WHERE round_id = $1 AND grp = $2"
			     " AND source = 'online'", round_id, grp);
}

/* Submits the answers through n fresh links of round_id, with group grp. */
static void submit_n(int64_t p, int64_t round_id, int n, const char *grp)
{
	char (*t)[INVITATION_TOKEN_SIZE] = test_malloc((size_t)n * INVITATION_TOKEN_SIZE);
	struct score cells[NSTD];
	const char *comments[NSTD];
	answers(cells, comments);
	assert_int_equal(invitation_issue(testdb, cli, p, round_id, n, grp, t), E_OK);
	for (int i = 0; i < n; i++)
		assert_int_equal(invitation_submit(testdb, p, find(t[i]).id, cells, comments, NSTD),
				 E_OK);
	test_free(t);
}

static void test_batches(void **state)
{
	(void)state;
	assert_int_equal(selfanalysis_k_set(testdb, cli, pa, 3), E_OK);
	size_t events = teststore_events(pa);

	/* k - 1 submissions: no response, every answer pending. */
	submit_n(pa, round_a, 2, "Health");
	assert_int_equal(responses(round_a), 0);
	assert_int_equal(pending(round_a), 2);
	/* Not forced, fewer than k: they wait. */
	assert_int_equal(invitation_release(testdb, pa, round_a, 0), E_OK);
	assert_int_equal(responses(round_a), 0);

	/* Batches are by group: a third answer from another group is not
	 * one (the groups' figures would move by fewer than k). */
	submit_n(pa, round_a, 1, "Schools");
	assert_int_equal(responses(round_a), 0);
	assert_int_equal(pending(round_a), 3);
	/* The group's k-th adds its k, with their group, and clears their
	 * drafts; the other group's answer waits. */
	submit_n(pa, round_a, 1, "Health");
	assert_int_equal(responses(round_a), 3);
	assert_int_equal(pending(round_a), 1);
	assert_int_equal(teststore_i64("SELECT COUNT(*) FROM sa_invitation WHERE round_id = $1"
				       " AND draft IS NULL AND saved_on IS NULL"
				       " AND status = 'submitted'", round_a, NULL), 3);
	assert_int_equal(online_in(round_a, "Health"), 3);
	assert_int_equal(online_in(round_a, "Schools"), 0);
	assert_int_equal(teststore_i64("SELECT COUNT(*) FROM sa_comment WHERE round_id = $1",
				       round_a, NULL), 6);

	/* No group is a group too. */
	submit_n(pa, round_a, 2, NULL);
	assert_int_equal(responses(round_a), 3);
	assert_int_equal(pending(round_a), 3);
	struct invitation_counts c;
	assert_int_equal(invitation_counts(testdb, pa, round_a, &c), E_OK);
	assert_true(c.submitted == 6 && c.pending == 3);
	/* Withdrawing unused links leaves pending answers alone. */
	char spare[1][INVITATION_TOKEN_SIZE];
	assert_int_equal(invitation_issue(testdb, cli, pa, round_a, 1, NULL, spare), E_OK);
	int64_t n = 0;
	assert_int_equal(invitation_withdraw_open(testdb, cli, pa, round_a, &n), E_OK);
	assert_int_equal(n, 1);
	assert_int_equal(pending(round_a), 3);
	/* What closing does (a forced release) once the round's figures have
	 * been shown: groups below k are dropped, not added, since adding
	 * them would show them one by one against the earlier view. */
	assert_int_equal(invitation_release(testdb, pb, round_a, 1), E_NOTFOUND);
	assert_int_equal(pending(round_a), 3);
	assert_int_equal(invitation_release(testdb, pa, round_a, 1), E_OK);
	assert_int_equal(responses(round_a), 3);
	assert_int_equal(pending(round_a), 0);
	assert_int_equal(teststore_i64("SELECT COUNT(*) FROM sa_invitation WHERE round_id = $1"
				       " AND draft IS NOT NULL", round_a, NULL), 0);

	/* Lowering k: the next submission releases all that wait. */
	submit_n(pa, round_a, 2, NULL);
	assert_int_equal(selfanalysis_k_set(testdb, cli, pa, 5), E_OK);
	submit_n(pa, round_a, 2, NULL);
	assert_int_equal(responses(round_a), 3);
	assert_int_equal(pending(round_a), 4);
	submit_n(pa, round_a, 1, NULL);
	assert_int_equal(responses(round_a), 8);
	assert_int_equal(pending(round_a), 0);

	/* Nothing of it audited: the change of k, the issues and the
	 * withdrawal are all the events there are. */
	assert_int_equal(teststore_events(pa), events + 8 + 1 + 1);
	assert_int_equal(teststore_i64("SELECT COUNT(*) FROM audit_event WHERE partnership_id = $1"
				       " AND action NOT IN ('issue_invitations', 'withdraw_invitations',"
				       " 'update', 'create')", pa, NULL), 0);
	/* The other partnership's round saw none of it. */
	assert_int_equal(responses(round_b), 0);

	/* Closing a round whose figures were never shown (fewer than k
	 * responses) adds everything that waits, however few. */
	int64_t fresh = add_round(pa, "Fresh");
	submit_n(pa, fresh, 2, NULL);
	submit_n(pa, fresh, 1, "Schools");
	assert_int_equal(responses(fresh), 0);
	assert_int_equal(invitation_release(testdb, pa, fresh, 1), E_OK);
	assert_int_equal(responses(fresh), 3);
	assert_int_equal(pending(fresh), 0);
}

/* The round's limits count what is pending: a release never passes them. */
static void test_batch_limits(void **state)
{
	(void)state;
	assert_int_equal(selfanalysis_k_set(testdb, cli, pa, 3), E_OK);
	/* Two short of ROUND_RESPONSES_MAX, written behind the store. */
	teststore_exec("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $2)"
		       " INSERT INTO sa_response (id, partnership_id, round_id, source, submitted_on)"
		       " SELECT i, r.partnership_id, r.id, 'entry', '2026-01-01'"
		       " FROM n, sa_round r WHERE r.id = $1", round_a, ROUND_RESPONSES_MAX - 2);
	char t[3][INVITATION_TOKEN_SIZE];
	struct score cells[NSTD];
	const char *comments[NSTD];
	answers(cells, comments);
	assert_int_equal(invitation_issue(testdb, cli, pa, round_a, 3, NULL, t), E_OK);
	assert_int_equal(invitation_submit(testdb, pa, find(t[0]).id, cells, comments, NSTD), E_OK);
	assert_int_equal(invitation_submit(testdb, pa, find(t[1]).id, cells, comments, NSTD), E_OK);
	/* The third would make ROUND_RESPONSES_MAX + 1 once released. */
	assert_int_equal(invitation_submit(testdb, pa, find(t[2]).id, cells, comments, NSTD),
			 E_CONFLICT);
	assert_int_equal(find(t[2]).status, INVITATION_OPEN);
	assert_null(find(t[2]).draft);
	assert_int_equal(pending(round_a), 2);
	close_round(pa, round_a);
	/* Closing drops them: the round's figures were shown, and two are
	 * fewer than k. */
	assert_int_equal(responses(round_a), ROUND_RESPONSES_MAX - 2);
	assert_int_equal(pending(round_a), 0);

	/* Comments: two short of ROUND_COMMENTS_MAX; each answer has two. */
	teststore_exec("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $2)"
		       " INSERT INTO sa_comment (id, partnership_id, round_id, standard, body)"
		       " SELECT i, r.partnership_id, r.id, 1, 'c' FROM n, sa_round r WHERE r.id = $1",
		       round_b, ROUND_COMMENTS_MAX - 2);
	assert_int_equal(invitation_issue(testdb, cli, pb, round_b, 3, NULL, t), E_OK);
	assert_int_equal(invitation_submit(testdb, pb, find(t[0]).id, cells, comments, NSTD), E_OK);
	assert_int_equal(invitation_submit(testdb, pb, find(t[1]).id, cells, comments, NSTD),
			 E_CONFLICT);
	const char *none[NSTD] = {0};
	assert_int_equal(invitation_submit(testdb, pb, find(t[1]).id, cells, none, NSTD), E_OK);
	close_round(pb, round_b);
	assert_int_equal(responses(round_b), 2);
	assert_int_equal(teststore_i64("SELECT COUNT(*) FROM sa_comment WHERE round_id = $1",
				       round_b, NULL), ROUND_COMMENTS_MAX);
}

/* A source that always draws the first: Fisher-Yates swaps the last
 * unplaced id with the first each time. */
static uint32_t first(uint32_t upper)
{
	check_expected(upper);
	return 0;
}

static uint32_t last(uint32_t upper)
{
	return upper - 1;
}

static int by_value(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

static void test_shuffle(void **state)
{
	(void)state;
	int64_t ids[] = {10, 20, 30, 40};
	/* It asks for 0..3, 0..2, 0..1: one draw per place, uniform. */
	expect_value(first, upper, 4);
	expect_value(first, upper, 3);
	expect_value(first, upper, 2);
	invitation_shuffle(ids, 4, first);
	assert_true(ids[0] == 20 && ids[1] == 30 && ids[2] == 40 && ids[3] == 10);
	invitation_shuffle(ids, 4, last); /* each stays where it is */
	assert_true(ids[0] == 20 && ids[1] == 30 && ids[2] == 40 && ids[3] == 10);
	invitation_shuffle(ids, 0, first);
	invitation_shuffle(ids, 1, first);
	assert_int_equal(ids[0], 20);

	/* libsodium's: a permutation, and not the order given every time
	 * (all 20 in order has probability 1 / 10!^20). */
	int in_order = 0;
	for (int round = 0; round < 20; round++) {
		int64_t v[10];
		for (int i = 0; i < 10; i++)
			v[i] = i;
		invitation_shuffle(v, 10, NULL);
		int same = 1;
		for (int i = 0; i < 10; i++)
			same &= v[i] == i;
		in_order += same;
		qsort(v, 10, sizeof v[0], by_value);
		for (int i = 0; i < 10; i++)
			assert_int_equal(v[i], i);
	}
	assert_true(in_order < 20);
}

static void test_withdraw(void **state)
{
	(void)state;
	char t[3][INVITATION_TOKEN_SIZE];
	assert_int_equal(invitation_issue(testdb, cli, pa, round_a, 3, NULL, t), E_OK);
	struct invitation started = find(t[1]), submitted = find(t[2]);
	assert_int_equal(invitation_save_draft(testdb, pa, started.id, "{}"), E_OK);
	struct score cells[NSTD];
	const char *comments[NSTD];
	answers(cells, comments);
	assert_int_equal(invitation_submit(testdb, pa, submitted.id, cells, comments, NSTD), E_OK);

	int64_t n = -1;
	assert_int_equal(invitation_withdraw_open(testdb, cli, pb, round_a, &n), E_NOTFOUND);
	assert_int_equal(find(t[0]).status, INVITATION_OPEN);
	assert_int_equal(invitation_withdraw_open(testdb, cli, pa, round_a, &n), E_OK);
	assert_int_equal(n, 2);
	json_t *before = NULL, *after = NULL;
	teststore_expect_event(pa, "withdraw_invitations", "sa_round", round_a, &before, &after);
	assert_null(before);
	assert_int_equal(json_integer_value(json_object_get(after, "count")), 2);
	json_decref(after);
	assert_int_equal(find(t[0]).status, INVITATION_WITHDRAWN);
	struct invitation w = find(t[1]);
	assert_int_equal(w.status, INVITATION_WITHDRAWN);
	assert_null(w.draft); /* what was saved goes with it */
	assert_null(w.saved_on);
	assert_int_equal(find(t[2]).status, INVITATION_SUBMITTED);

	assert_non_null(find(t[2]).draft); /* its answers still wait for a batch */

	struct invitation_counts c;
	assert_int_equal(invitation_counts(testdb, pa, round_a, &c), E_OK);
	assert_true(c.issued == 3 && c.unused == 0 && c.started == 0 && c.submitted == 1 &&
		    c.pending == 1 && c.withdrawn == 2);
	assert_int_equal(invitation_submit(testdb, pa, w.id, cells, comments, NSTD), E_CONFLICT);
	assert_int_equal(invitation_save_draft(testdb, pa, w.id, "{}"), E_CONFLICT);
	assert_int_equal(pending(round_a), 1);
	assert_int_equal(responses(round_a), 0);

	/* Nothing left to withdraw: nothing recorded. */
	size_t events = teststore_events(pa);
	assert_int_equal(invitation_withdraw_open(testdb, cli, pa, round_a, &n), E_OK);
	assert_int_equal(n, 0);
	assert_int_equal(teststore_events(pa), events);
}

static void test_draft_codec(void **state)
{
	(void)state;
	struct framework f;
	assert_int_equal(framework_builtin(FW, &testpool, &f), E_OK);
	struct invitation_answers a, back;
	assert_int_equal(invitation_answers_init(&f, &testpool, &a), E_OK);
	assert_int_equal(a.n, NSTD);
	assert_int_equal(invitation_answers_count(&a), 0);
	const char *comments[NSTD];
	answers(a.cells, comments);
	a.comments[0] = "Outcomes \"agreed\"\nacross partners";
	a.comments[11] = "Last one";
	assert_int_equal(invitation_answers_count(&a), 3);

	const char *draft = NULL;
	assert_int_equal(invitation_draft_encode(&f, &a, &testpool, &draft), E_OK);
	assert_non_null(strstr(draft, "\"1\":\"4\""));
	assert_non_null(strstr(draft, "\"2\":\"3.5\""));
	assert_non_null(strstr(draft, "\"3\":\"Don't know\""));
	assert_null(strstr(draft, "\"4\":")); /* unanswered: left out */
	assert_int_equal(invitation_draft_decode(&f, draft, &testpool, &back), E_OK);
	assert_int_equal(back.n, NSTD);
	for (size_t i = 0; i < NSTD; i++) {
		assert_int_equal(back.cells[i].kind, a.cells[i].kind);
		assert_int_equal(back.cells[i].lo, a.cells[i].lo);
		assert_int_equal(back.cells[i].hi, a.cells[i].hi);
		assert_string_equal(back.comments[i], a.comments[i]);
	}

	/* Forgiving: what the framework does not offer is left unanswered. */
	assert_int_equal(invitation_draft_decode(&f,
		"{\"scores\":{\"1\":\"9\",\"2\":\"1 / 2\",\"3\":7,\"99\":\"4\",\"4\":\"2\"},"
		"\"comments\":{\"4\":\"kept\",\"5\":[1]}}", &testpool, &back), E_OK);
	assert_int_equal(invitation_answers_count(&back), 1);
	assert_int_equal(back.cells[3].kind, SCORE_VALUE);
	assert_int_equal(back.cells[3].lo, 4);
	assert_string_equal(back.comments[3], "kept");
	assert_string_equal(back.comments[4], "");
	assert_int_equal(invitation_draft_decode(&f, NULL, &testpool, &back), E_OK);
	assert_int_equal(invitation_answers_count(&back), 0);
	assert_int_equal(invitation_draft_decode(&f, "not json", &testpool, &back), E_INVAL);
	assert_int_equal(back.n, NSTD);
	assert_int_equal(invitation_answers_count(&back), 0);
	assert_int_equal(invitation_draft_decode(&f, "[1]", &testpool, &back), E_INVAL);

	/* Text that is not UTF-8 is not written. */
	a.comments[1] = "bad \xff byte";
	assert_int_equal(invitation_draft_encode(&f, &a, &testpool, &draft), E_INVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shapes),
		cmocka_unit_test_setup_teardown(test_issue, setup, teststore_teardown),
		cmocka_unit_test_setup_teardown(test_issue_refused, setup, teststore_teardown),
		cmocka_unit_test_setup_teardown(test_find_and_draft, setup, teststore_teardown),
		cmocka_unit_test_setup_teardown(test_submit, setup, teststore_teardown),
		cmocka_unit_test_setup_teardown(test_batches, setup, teststore_teardown),
		cmocka_unit_test_setup_teardown(test_batch_limits, setup, teststore_teardown),
		cmocka_unit_test(test_shuffle),
		cmocka_unit_test_setup_teardown(test_withdraw, setup, teststore_teardown),
		cmocka_unit_test_setup_teardown(test_draft_codec, setup, teststore_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
