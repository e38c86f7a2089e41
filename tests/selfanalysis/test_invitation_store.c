/*
 * test_invitation_store.c: invitation links in a migrated database on both
 * backends: issuing (only hashes stored, limits, closed rounds, the audit
 * event with counts and no token), finding by token, drafts, submitting
 * once (the response with the invitation's group, no audit event, the
 * invitation's draft and day cleared, all or nothing), withdrawing, the
 * counts, isolation between partnerships, and the draft codec.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <stdio.h>
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
	assert_int_equal(find(t[0]).status, INVITATION_OPEN);
	assert_non_null(find(t[0]).draft);
	assert_int_equal(responses(round_a), 0);
	/* Another partnership cannot submit through it. */
	assert_int_equal(invitation_submit(testdb, pb, inv.id, cells, comments, NSTD), E_NOTFOUND);

	assert_int_equal(invitation_submit(testdb, pa, inv.id, cells, comments, NSTD), E_OK);
	assert_int_equal(responses(round_a), 1);
	inv = find(t[0]);
	assert_int_equal(inv.status, INVITATION_SUBMITTED);
	assert_null(inv.draft);
	assert_null(inv.saved_on); /* no day left to match with the response's */
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
	/* Neither the submit nor the response is audited. */
	assert_int_equal(teststore_events(pa), events);

	/* Once only. */
	assert_int_equal(invitation_submit(testdb, pa, inv.id, cells, comments, NSTD), E_CONFLICT);
	assert_int_equal(invitation_save_draft(testdb, pa, inv.id, "{}"), E_CONFLICT);
	assert_int_equal(responses(round_a), 1);

	struct invitation_counts c;
	assert_int_equal(invitation_counts(testdb, pa, round_a, &c), E_OK);
	assert_true(c.issued == 2 && c.unused == 1 && c.started == 0 && c.submitted == 1);

	/* A closed round refuses, and the invitation stays open. */
	close_round(pa, round_a);
	inv = find(t[1]);
	assert_int_equal(invitation_submit(testdb, pa, inv.id, cells, comments, NSTD), E_CONFLICT);
	assert_int_equal(find(t[1]).status, INVITATION_OPEN);
	assert_int_equal(responses(round_a), 1);
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

	struct invitation_counts c;
	assert_int_equal(invitation_counts(testdb, pa, round_a, &c), E_OK);
	assert_true(c.issued == 3 && c.unused == 0 && c.started == 0 && c.submitted == 1 &&
		    c.withdrawn == 2);
	assert_int_equal(invitation_submit(testdb, pa, w.id, cells, comments, NSTD), E_CONFLICT);
	assert_int_equal(invitation_save_draft(testdb, pa, w.id, "{}"), E_CONFLICT);
	assert_int_equal(responses(round_a), 1);

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
		cmocka_unit_test_setup_teardown(test_withdraw, setup, teststore_teardown),
		cmocka_unit_test_setup_teardown(test_draft_codec, setup, teststore_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
