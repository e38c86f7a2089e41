/*
 * test_invitation_web.c: the invitations page and the respondent's pages,
 * in-process through the production route table on a demo database (both
 * backends).  The owner issues links (shown once, absolute when the Host
 * is a plain name), sees counts and withdraws; readers cannot; another
 * partnership's round is not found.  A respondent, with no session and
 * only the CSRF cookie, sees every standard, saves and comes back to the
 * same answers, is told what is wrong, checks and submits once; the
 * answers wait until k are submitted or the round is closed (the pages
 * say so), and the response carries the invitation's group and nothing
 * else of it.  Used,
 * withdrawn, unknown links and closed rounds say so and show no form.
 * What a page claims is checked against the store.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "audit/audit.h"
#include "selfanalysis/invitation.h"
#include "selfanalysis/round.h"
#include "support/page_asserts.h"
#include "support/testapp.h"

static struct testapp *const t = &testapp_group;
static struct testuser admin, analyst, viewer, other_admin;
static int64_t other_pid;

/* Any 43 characters of base64url do as the double-submit CSRF cookie. */
#define CSRF "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"
#define CSRF_COOKIE "jcs_csrf=" CSRF

static int group_setup(void **state)
{
	testapp_group_setup(state);
	testapp_user(t, t->partnership_id, ROLE_ADMIN, &admin);
	testapp_user(t, t->partnership_id, ROLE_ANALYST, &analyst);
	testapp_user(t, t->partnership_id, ROLE_VIEWER, &viewer);
	other_pid = testapp_partnership(t, "other-invite", &other_admin);
	return 0;
}

#define path1(fmt, a) pool_printf(&t->pool, fmt, (long long)(a))

static int64_t add_round(int64_t pid, const char *name, const char *fw, const char *opens_on)
{
	struct round r = {.framework = fw, .name = name, .mode = ROUND_INTERVIEWS,
			  .opens_on = opens_on};
	int64_t id = 0;
	assert_int_equal(round_add(app_db(&t->app), &actor_cli, pid, &r, &id), E_OK);
	return id;
}

static void close_round(int64_t pid, int64_t id)
{
	struct round r;
	assert_int_equal(round_get(app_db(&t->app), &t->pool, pid, id, &r), E_OK);
	r.closed = true;
	assert_int_equal(round_update(app_db(&t->app), &actor_cli, pid, id, &r), E_OK);
}

static struct invitation_counts counts(int64_t pid, int64_t round)
{
	struct invitation_counts c;
	assert_int_equal(invitation_counts(app_db(&t->app), pid, round, &c), E_OK);
	return c;
}

static int64_t responses(int64_t pid, int64_t round)
{
	struct round r;
	assert_int_equal(round_get(app_db(&t->app), &t->pool, pid, round, &r), E_OK);
	return r.responses;
}

/* n links issued through the store, in the pool. */
static char (*issue(int64_t pid, int64_t round, int n, const char *grp))[INVITATION_TOKEN_SIZE]
{
	char (*tok)[INVITATION_TOKEN_SIZE] = pool_alloc(&t->pool, (size_t)n * INVITATION_TOKEN_SIZE);
	assert_non_null(tok);
	assert_int_equal(invitation_issue(app_db(&t->app), &actor_cli, pid, round, n, grp, tok), E_OK);
	return tok;
}

static struct invitation find(const char *token)
{
	struct invitation inv;
	assert_int_equal(invitation_find(app_db(&t->app), &t->pool, token, &inv), E_OK);
	return inv;
}

/* ---- a respondent's browser: no session, the CSRF cookie only ---- */

struct answer {
	int status;
	const char *body;
	const char *location;
};

static struct answer take(struct texchange *ex)
{
	const char *loc = texchange_header(ex, "Location");
	struct answer a = {.status = ex->res.status,
			   .body = pool_strdup(&t->pool, texchange_body(ex)),
			   .location = loc ? pool_strdup(&t->pool, loc) : NULL};
	texchange_free(ex);
	return a;
}

static struct answer respond_get(const char *token, const char *more)
{
	const char *h[] = {"Cookie", CSRF_COOKIE};
	return take(testapp_run_raw(t, "GET", pool_printf(&t->pool, "/respond?t=%s%s", token, more),
				    h, 2, NULL));
}

static struct answer respond_post(const char *token, const char *form)
{
	const char *h[] = {"Cookie", CSRF_COOKIE, "Content-Type",
			   "application/x-www-form-urlencoded"};
	return take(testapp_run_raw(t, "POST", "/respond", h, 4,
				    pool_printf(&t->pool, "csrf_token=" CSRF "&token=%s&%s", token,
						form)));
}

/* ---- the owner's page ---- */

static void test_owner_access(void **state)
{
	(void)state;
	int64_t r = add_round(t->partnership_id, "Invite access", "csp-2009-12", NULL);
	const char *page = path1("/selfanalysis/rounds/%lld/invitations", r);
	const char *body;
	assert_int_equal(testapp_fetch(t, &admin, "GET", page, NULL, &body), 200);
	assert_contains(body, "<h1 class=\"govuk-heading-l\">Invitation links</h1>");
	assert_contains(body, "No links have been issued for this round yet.");
	assert_contains(body, "name=\"count\"");
	assert_lacks(body, "Withdraw links not yet submitted"); /* nothing to withdraw */
	assert_int_equal(testapp_fetch(t, &analyst, "GET", page, NULL, NULL), 200);
	/* Readers may not issue, or see the counts. */
	assert_int_equal(testapp_fetch(t, &viewer, "GET", page, NULL, NULL), 403);
	assert_int_equal(testapp_fetch(t, &viewer, "POST", page, "action=issue&count=1", NULL), 403);
	/* Another partnership's round is not found, and gets no links. */
	assert_int_equal(testapp_fetch(t, &other_admin, "GET", page, NULL, NULL), 404);
	assert_int_equal(testapp_fetch(t, &other_admin, "POST", page, "action=issue&count=2", NULL), 404);
	assert_int_equal(testapp_fetch(t, &other_admin, "POST", page, "action=withdraw", NULL), 404);
	assert_true(counts(t->partnership_id, r).issued == 0);
	assert_int_equal(testapp_fetch(t, &admin, "GET", "/selfanalysis/rounds/0/invitations", NULL,
				       NULL), 404);
}

/* The tokens of the links on a page, into tok (at most max); how many. */
static size_t links_on(const char *body, char (*tok)[INVITATION_TOKEN_SIZE], size_t max)
{
	size_t n = 0;
	for (const char *p = strstr(body, "/respond?t="); p && n < max;
	     p = strstr(p + 1, "/respond?t=")) {
		snprintf(tok[n], INVITATION_TOKEN_SIZE, "%.*s", INVITATION_TOKEN_SIZE - 1, p + 11);
		assert_true(invitation_token_valid(tok[n]));
		n++;
	}
	return n;
}

static void test_issue_and_withdraw(void **state)
{
	(void)state;
	int64_t r = add_round(t->partnership_id, "Invite issue", "csp-2009-12", NULL);
	const char *page = path1("/selfanalysis/rounds/%lld/invitations", r);
	const char *body;
	assert_int_equal(testapp_fetch(t, &admin, "POST", page, "action=issue&count=3&group=+Health+",
				       &body), 200);
	assert_contains(body, "3 invitation links created for Health");
	assert_contains(body, "shown only once");
	assert_contains(body, "Put this service's web address in front of each one.");
	char tok[8][INVITATION_TOKEN_SIZE];
	assert_int_equal(links_on(body, tok, 8), 3);
	for (int i = 0; i < 3; i++) {
		struct invitation inv = find(tok[i]);
		assert_true(inv.round_id == r && inv.partnership_id == t->partnership_id);
		assert_string_equal(inv.grp, "Health");
	}
	assert_contains(body, "<strong>0 submitted</strong> of 3 links issued");
	/* Shown once: never again. */
	assert_int_equal(testapp_fetch(t, &admin, "GET", page, NULL, &body), 200);
	assert_lacks(body, "/respond?t=");
	assert_lacks(body, tok[0]);
	assert_contains(body, "<strong>0 submitted</strong> of 3 links issued");

	/* With a plain Host, links are whole addresses; an odd one is not used. */
	const char *host_form = pool_printf(&t->pool, "action=issue&count=1&csrf_token=%s", admin.csrf);
	const char *h[] = {"Cookie", admin.cookie, "Content-Type", "application/x-www-form-urlencoded",
			   "Host", "jcs.example.org:8080"};
	struct answer a = take(testapp_run_raw(t, "POST", page, h, 6, host_form));
	assert_int_equal(a.status, 200);
	assert_contains(a.body, "http://jcs.example.org:8080/respond?t=");
	assert_lacks(a.body, "Put this service");
	h[5] = "evil.example\"><script>";
	a = take(testapp_run_raw(t, "POST", page, h, 6, host_form));
	assert_int_equal(a.status, 200);
	assert_lacks(a.body, "evil.example");
	assert_contains(a.body, ">/respond?t=");

	/* Mistakes: named, linked to their field, values kept, nothing issued. */
	assert_true(counts(t->partnership_id, r).issued == 5);
	static const struct {
		const char *form, *message;
	} bad[] = {
		{"action=issue&count=", "href=\"#count\">Enter how many links to create</a>"},
		{"action=issue&count=0", "href=\"#count\">How many links must be a whole number from 1 to 200</a>"},
		{"action=issue&count=201", "How many links must be a whole number from 1 to 200"},
		{"action=issue&count=2x", "How many links must be a whole number from 1 to 200"},
		{"action=issue&count=-1", "How many links must be a whole number from 1 to 200"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		assert_int_equal(testapp_fetch(t, &admin, "POST", page, bad[i].form, &body), 400);
		assert_contains(body, "<title>Error: ");
		assert_contains(body, bad[i].message);
	}
	char group[INVITATION_GROUP_MAX + 2];
	memset(group, 'g', sizeof group - 1);
	group[sizeof group - 1] = '\0';
	assert_int_equal(testapp_fetch(t, &admin, "POST", page,
				       pool_printf(&t->pool, "action=issue&count=7&group=%s", group),
				       &body), 400);
	assert_contains(body, "href=\"#group\">Respondent group must be 100 characters or fewer");
	assert_contains(body, "value=\"7\"");
	assert_int_equal(testapp_fetch(t, &admin, "POST", page, "count=1", NULL), 400);
	assert_true(counts(t->partnership_id, r).issued == 5);

	/* One started, one submitted: withdrawing takes the other three. */
	struct invitation started = find(tok[0]), done = find(tok[1]);
	assert_int_equal(invitation_save_draft(app_db(&t->app), t->partnership_id, started.id, "{}"), E_OK);
	struct score cells[12] = {{SCORE_VALUE, 6, 6}};
	assert_int_equal(invitation_submit(app_db(&t->app), t->partnership_id, done.id, cells, NULL, 12),
			 E_OK);
	assert_int_equal(testapp_fetch(t, &admin, "GET", page, NULL, &body), 200);
	assert_contains(body, "<strong>1 submitted</strong> of 5 links issued");
	assert_contains(body, "1 answer submitted online is waiting to be added to the results. "
			      "Answers are added in groups of at least 5 from the same respondent group");
	assert_contains(body, "4 links have not been submitted.");
	testapp_expect_redirect(t, &admin, "POST", page, "action=withdraw",
				path1("/selfanalysis/rounds/%lld/invitations?done=withdrawn", r));
	struct invitation_counts c = counts(t->partnership_id, r);
	assert_true(c.withdrawn == 4 && c.submitted == 1 && c.pending == 1 && c.started == 0 &&
		    c.unused == 0);
	assert_int_equal(testapp_fetch(t, &admin, "GET", pool_printf(&t->pool, "%s?done=withdrawn", page),
				       NULL, &body), 200);
	assert_contains(body, "Links not yet submitted have been withdrawn");
	assert_lacks(body, "Withdraw links not yet submitted");

	/* A closed round: no form, and a forged POST is refused. */
	close_round(t->partnership_id, r);
	assert_int_equal(testapp_fetch(t, &admin, "GET", page, NULL, &body), 200);
	assert_contains(body, "This round is closed, so no more links can be created.");
	assert_lacks(body, "name=\"count\"");
	assert_int_equal(testapp_fetch(t, &admin, "POST", page, "action=issue&count=1", &body), 409);
	assert_contains(body, "This round is closed, so no more links can be created</a>");
	assert_true(counts(t->partnership_id, r).issued == 5);
}

/* ---- the respondent ---- */

static void test_respondent_page(void **state)
{
	(void)state;
	int64_t r = add_round(t->partnership_id, "Invite page", "csp-2009-12", NULL);
	char (*tok)[INVITATION_TOKEN_SIZE] = issue(t->partnership_id, r, 1, NULL);

	/* A fresh browser: one cookie only, the CSRF one; private, not indexed. */
	struct texchange *ex = testapp_run(t, NULL, "GET", pool_printf(&t->pool, "/respond?t=%s", tok[0]),
					   NULL);
	assert_int_equal(ex->res.status, 200);
	size_t cookies = 0;
	for (size_t i = 0; i < ex->res.nheaders; i++)
		if (strcasecmp(ex->res.headers[i].name, "Set-Cookie") == 0) {
			cookies++;
			assert_true(strncmp(ex->res.headers[i].value, "jcs_csrf=", 9) == 0);
		}
	assert_int_equal(cookies, 1);
	assert_string_equal(texchange_header(ex, "X-Robots-Tag"), "noindex, nofollow");
	assert_string_equal(texchange_header(ex, "Cache-Control"), "no-store");
	/* The address holds the token: no Referer leaves the page with it. */
	assert_string_equal(texchange_header(ex, "Referrer-Policy"), "no-referrer");
	const char *body = pool_strdup(&t->pool, texchange_body(ex));
	texchange_free(ex);

	/* Every standard, its scale with labels, half points and Don't know,
	 * a comment box each; the token in a hidden field. */
	assert_contains(body, "<h1 class=\"govuk-heading-l\">Invite page</h1>");
	for (int n = 1; n <= 12; n++) {
		assert_contains(body, pool_printf(&t->pool, "id=\"standard-%d\"", n));
		assert_contains(body, pool_printf(&t->pool, "name=\"score-%d\"", n));
		assert_contains(body, pool_printf(&t->pool, "name=\"comment-%d\"", n));
		assert_contains(body, pool_printf(&t->pool, "Your score for standard %d", n));
	}
	assert_int_equal(page_count(body, "value=\"4.5\""), 12);
	assert_int_equal(page_count(body, "value=\"Don&#39;t know\""), 12);
	assert_lacks(body, "value=\"5.5\"");
	assert_contains(body, "We have no clear agreement about what is needed to meet the standard");
	assert_contains(body, pool_printf(&t->pool, "name=\"token\" value=\"%s\"", tok[0]));
	assert_contains(body, "name=\"csrf_token\"");
	assert_contains(body, "value=\"save\"");
	assert_contains(body, "value=\"submit\"");
	/* No account: no menu, no sign-out, whoever opens it. */
	assert_lacks(body, "Sign out");
	assert_lacks(body, "href=\"/organisations\"");
	assert_int_equal(testapp_fetch(t, &admin, "GET", pool_printf(&t->pool, "/respond?t=%s", tok[0]),
				       NULL, &body), 200);
	assert_lacks(body, "Sign out");
	assert_lacks(body, "href=\"/organisations\"");

	/* The 13-standard framework: its statements of excellence, no half
	 * points and no Don't know. */
	int64_t r13 = add_round(t->partnership_id, "Invite page 13", "csp-2009-13", NULL);
	char (*tok13)[INVITATION_TOKEN_SIZE] = issue(t->partnership_id, r13, 1, NULL);
	struct answer a = respond_get(tok13[0], "");
	assert_int_equal(a.status, 200);
	assert_contains(a.body, "name=\"score-13\"");
	assert_contains(a.body, "govuk-details__summary-text\">Statements of excellence</span>");
	assert_lacks(a.body, "value=\"3.5\"");
	assert_lacks(a.body, "Don&#39;t know");
	assert_contains(a.body, "value=\"none\"");

	/* Links that do not work: nothing of the round is shown. */
	char unknown[SESSION_TOKEN_SIZE];
	session_random_token(unknown);
	const char *bad[] = {unknown, "short", ""};
	for (size_t i = 0; i < 3; i++) {
		a = respond_get(bad[i], "");
		assert_int_equal(a.status, 404);
		assert_contains(a.body, "This link does not work");
		assert_lacks(a.body, "Invite page");
		a = respond_post(bad[i], "action=save&score-1=3");
		assert_int_equal(a.status, 404);
	}
	assert_int_equal(testapp_fetch(t, NULL, "GET", "/respond", NULL, NULL), 404);
}

static void test_save_and_return(void **state)
{
	(void)state;
	int64_t r = add_round(t->partnership_id, "Invite save", "csp-2009-12", NULL);
	char (*tok)[INVITATION_TOKEN_SIZE] = issue(t->partnership_id, r, 1, NULL);
	const char *back = pool_printf(&t->pool, "/respond?t=%s&saved=1", tok[0]);

	/* Without the CSRF token nothing is saved. */
	const char *h[] = {"Content-Type", "application/x-www-form-urlencoded"};
	struct answer a = take(testapp_run_raw(t, "POST", "/respond", h, 2,
		pool_printf(&t->pool, "token=%s&action=save&score-1=4", tok[0])));
	assert_int_equal(a.status, 403);
	assert_null(find(tok[0]).draft);

	a = respond_post(tok[0], "action=save&score-1=4&score-2=3.5&score-3=Don%27t+know"
				 "&score-4=none&comment-1=Agreed+%3Cpriorities%3E%0D%0Aacross+partners"
				 "&comment-2=&comment-5=+++");
	assert_int_equal(a.status, 303);
	assert_string_equal(a.location, back);
	struct invitation inv = find(tok[0]);
	assert_non_null(inv.draft);
	assert_non_null(inv.saved_on);
	assert_true(counts(t->partnership_id, r).started == 1);
	assert_int_equal(responses(t->partnership_id, r), 0);

	/* Coming back shows the same answers. */
	a = respond_get(tok[0], "&saved=1");
	assert_int_equal(a.status, 200);
	assert_contains(a.body, "Your answers have been saved");
	assert_contains(a.body, "You last saved your answers on");
	assert_contains(a.body, "id=\"score-1-");
	assert_contains(a.body, "name=\"score-1\" type=\"radio\" value=\"4\" checked");
	assert_contains(a.body, "name=\"score-2\" type=\"radio\" value=\"3.5\" checked");
	assert_contains(a.body, "name=\"score-3\" type=\"radio\" value=\"Don&#39;t know\" checked");
	assert_int_equal(page_count(a.body, "checked"), 3);
	assert_contains(a.body, "Agreed &lt;priorities&gt;\r\nacross partners</textarea>");
	a = respond_get(tok[0], "");
	assert_lacks(a.body, "Your answers have been saved");

	/* Saving again replaces the draft: an answer can be taken back. */
	a = respond_post(tok[0], "action=save&score-1=none&score-2=2");
	assert_int_equal(a.status, 303);
	a = respond_get(tok[0], "");
	assert_contains(a.body, "name=\"score-2\" type=\"radio\" value=\"2\" checked");
	assert_int_equal(page_count(a.body, "checked"), 1);
	assert_lacks(a.body, "Agreed &lt;priorities&gt;");
}

static void test_mistakes(void **state)
{
	(void)state;
	int64_t r = add_round(t->partnership_id, "Invite mistakes", "csp-2009-13", NULL);
	char (*tok)[INVITATION_TOKEN_SIZE] = issue(t->partnership_id, r, 1, NULL);
	assert_int_equal(respond_post(tok[0], "action=save&score-5=4").status, 303);
	const char *saved = find(tok[0]).draft;

	/* Scores the radios do not offer, a comment too long: each named
	 * and linked, what was typed kept, nothing saved. */
	size_t n = COMMENT_MAX + 1;
	char *long_comment = pool_alloc(&t->pool, n + 1);
	memset(long_comment, 'a', n);
	long_comment[n] = '\0';
	struct answer a = respond_post(tok[0], pool_printf(&t->pool,
		"action=save&score-1=6&score-2=3.5&score-3=Don%%27t+know&score-4=1+%%2F+2&score-6=3"
		"&comment-6=Kept+text&comment-7=%s", long_comment));
	assert_int_equal(a.status, 400);
	assert_contains(a.body, "<title>Error: ");
	for (int k = 1; k <= 4; k++) /* 6, 3.5, Don't know, 1 / 2: none offered */
		assert_contains(a.body, pool_printf(&t->pool, "href=\"#score-%d\">Choose a score for "
							      "standard %d from the list</a>", k, k));
	assert_contains(a.body, "href=\"#comment-7\">Your comment on standard 7 is too long: it can be at most "
				"2000 bytes, which is 2000 plain letters, fewer if it has accented letters or "
				"symbols</a>");
	assert_contains(a.body, "name=\"score-6\" type=\"radio\" value=\"3\" checked");
	assert_contains(a.body, "Kept text</textarea>");
	assert_string_equal(find(tok[0]).draft, saved);

	/* Submitting nothing at all. */
	a = respond_post(tok[0], "action=submit&score-1=none&comment-2=Only+a+comment");
	assert_int_equal(a.status, 400);
	assert_contains(a.body, "href=\"#score-1\">Answer at least one standard before you submit");
	assert_contains(a.body, "Only a comment</textarea>");
	/* A form that does not say what to do. */
	assert_int_equal(respond_post(tok[0], "score-1=3").status, 400);
	assert_int_equal(respond_post(tok[0], "action=delete").status, 400);
	assert_string_equal(find(tok[0]).draft, saved);
	assert_int_equal(responses(t->partnership_id, r), 0);

	/* Confirming with nothing saved is refused too. */
	assert_int_equal(respond_post(tok[0], "action=save&score-5=none").status, 303);
	a = respond_post(tok[0], "action=confirm");
	assert_int_equal(a.status, 400);
	assert_contains(a.body, "Answer at least one standard before you submit");
	assert_int_equal(responses(t->partnership_id, r), 0);
	assert_int_equal(find(tok[0]).status, INVITATION_OPEN);
}

static void test_submit(void **state)
{
	(void)state;
	int64_t r = add_round(t->partnership_id, "Invite submit", "csp-2009-12", NULL);
	char (*tok)[INVITATION_TOKEN_SIZE] = issue(t->partnership_id, r, 2, "Schools");

	/* Submit shows the answers to check, saved; nothing is sent yet. */
	struct answer a = respond_post(tok[0], "action=submit&score-1=5&score-2=4.5"
					       "&score-12=Don%27t+know&comment-12=Thin+market");
	assert_int_equal(a.status, 200);
	assert_contains(a.body, "Check your answers before submitting");
	assert_contains(a.body, "<dd class=\"govuk-summary-list__value\">5: The standard is fully achieved");
	assert_contains(a.body, "<dd class=\"govuk-summary-list__value\">4.5</dd>");
	assert_contains(a.body, "<dd class=\"govuk-summary-list__value\">No answer</dd>");
	assert_contains(a.body, "Don&#39;t know");
	assert_contains(a.body, "Thin market");
	assert_contains(a.body, "value=\"confirm\"");
	assert_contains(a.body, pool_printf(&t->pool, "href=\"/respond?t=%s#score-12\"", tok[0]));
	assert_int_equal(responses(t->partnership_id, r), 0);
	assert_non_null(find(tok[0]).draft);

	a = respond_post(tok[0], "action=confirm");
	assert_int_equal(a.status, 303);
	assert_string_equal(a.location, pool_printf(&t->pool, "/respond?t=%s", tok[0]));
	/* Submitted, and waiting for a batch of k (5) before it is added. */
	assert_int_equal(responses(t->partnership_id, r), 0);
	struct invitation inv = find(tok[0]);
	assert_int_equal(inv.status, INVITATION_SUBMITTED);
	assert_non_null(inv.draft);
	assert_null(inv.saved_on);
	assert_int_equal(counts(t->partnership_id, r).pending, 1);

	/* The link now says so, and nothing more goes in through it. */
	a = respond_get(tok[0], "");
	assert_int_equal(a.status, 200);
	assert_contains(a.body, "Your answers have been submitted");
	assert_lacks(a.body, "name=\"score-1\"");
	assert_lacks(a.body, "Thin market");
	a = respond_post(tok[0], "action=confirm");
	assert_contains(a.body, "Your answers have been submitted");
	a = respond_post(tok[0], "action=save&score-1=2");
	assert_contains(a.body, "Your answers have been submitted");
	assert_int_equal(counts(t->partnership_id, r).pending, 1);

	/* The owner sees the count, not the answers, and that one waits. */
	const char *body;
	const char *page = path1("/selfanalysis/rounds/%lld/invitations", r);
	const char *waiting = "1 answer submitted online is waiting to be added to the results.";
	assert_int_equal(testapp_fetch(t, &admin, "GET", page, NULL, &body), 200);
	assert_contains(body, "<strong>1 submitted</strong> of 2 links issued");
	assert_contains(body, waiting);
	assert_lacks(body, "/edit\">Close the round</a>"); /* not past its closing day */
	assert_lacks(body, "Thin market");
	assert_lacks(body, tok[0]);
	assert_int_equal(testapp_fetch(t, &admin, "GET", path1("/selfanalysis/rounds/%lld", r), NULL,
				       &body), 200);
	assert_contains(body, waiting);
	assert_int_equal(testapp_fetch(t, &viewer, "GET", path1("/selfanalysis/rounds/%lld/results", r),
				       NULL, &body), 200);
	assert_contains(body, waiting);
	assert_contains(body, "There are no responses yet");

	/* Its closing day passes: the answer still waits, and the page says
	 * that closing the round is what adds it. */
	struct round rr;
	assert_int_equal(round_get(app_db(&t->app), &t->pool, t->partnership_id, r, &rr), E_OK);
	rr.opens_on = "2020-01-01";
	rr.closes_on = "2020-01-31";
	assert_int_equal(round_update(app_db(&t->app), &actor_cli, t->partnership_id, r, &rr), E_OK);
	assert_int_equal(responses(t->partnership_id, r), 0);
	assert_int_equal(testapp_fetch(t, &admin, "GET", page, NULL, &body), 200);
	assert_contains(body, waiting);
	assert_contains(body, path1("href=\"/selfanalysis/rounds/%lld/edit\">Close the round</a>"
				    " to add them", r));
	assert_int_equal(testapp_fetch(t, &viewer, "GET", path1("/selfanalysis/rounds/%lld/results", r),
				       NULL, &body), 200);
	assert_contains(body, "waiting are added only when the round is closed.");
	assert_lacks(body, "Close the round</a>"); /* not theirs to close */

	/* Closing adds it, whatever the count. */
	close_round(t->partnership_id, r);
	assert_int_equal(responses(t->partnership_id, r), 1);
	assert_null(find(tok[0]).draft);
	assert_int_equal(testapp_fetch(t, &admin, "GET", page, NULL, &body), 200);
	assert_contains(body, "<strong>1 submitted</strong> of 2 links issued");
	assert_lacks(body, "id=\"invitation-pending\"");
}

/* k submissions through the pages: the k-th adds all k at once. */
static void test_submit_batch(void **state)
{
	(void)state;
	int64_t r = add_round(t->partnership_id, "Invite batch", "csp-2009-12", NULL);
	char (*tok)[INVITATION_TOKEN_SIZE] = issue(t->partnership_id, r, 5, NULL);
	for (int i = 0; i < 5; i++) {
		assert_int_equal(respond_post(tok[i], pool_printf(&t->pool, "action=submit&score-1=%d",
								  1 + i % 5)).status, 200);
		assert_int_equal(respond_post(tok[i], "action=confirm").status, 303);
		assert_int_equal(responses(t->partnership_id, r), i < 4 ? 0 : 5);
		assert_int_equal(counts(t->partnership_id, r).pending, i < 4 ? i + 1 : 0);
	}
	assert_int_equal(respond_get(tok[4], "").status, 200);
	const char *body;
	assert_int_equal(testapp_fetch(t, &admin, "GET", path1("/selfanalysis/rounds/%lld/invitations", r),
				       NULL, &body), 200);
	assert_contains(body, "<strong>5 submitted</strong> of 5 links issued");
	assert_lacks(body, "id=\"invitation-pending\"");
}

/* A group round holds the group's agreed scores: its invitations page
 * says so instead of offering links, an issue is refused, and its round
 * page offers no invitations. */
static void test_group_round_no_links(void **state)
{
	(void)state;
	struct round g = {.framework = "csp-2009-13", .name = "Invite group", .mode = ROUND_GROUP};
	assert_int_equal(round_add(app_db(&t->app), &actor_cli, t->partnership_id, &g, &g.id), E_OK);
	int64_t r = add_round(t->partnership_id, "Invite interviews", "csp-2009-13", NULL);
	const char *page = path1("/selfanalysis/rounds/%lld/invitations", g.id);
	const char *body = NULL;
	assert_int_equal(testapp_fetch(t, &admin, "GET", page, NULL, &body), 200);
	assert_contains(body, "This is a group round: it holds one response");
	assert_lacks(body, "name=\"count\"");
	assert_int_equal(testapp_fetch(t, &admin, "POST", page, "action=issue&count=3", &body), 409);
	assert_contains(body, "This is a group round: it holds one response");
	assert_true(counts(t->partnership_id, g.id).issued == 0);
	/* The round pages: links offered for interviews only. */
	assert_int_equal(testapp_fetch(t, &admin, "GET", path1("/selfanalysis/rounds/%lld", g.id),
				       NULL, &body), 200);
	assert_contains(body, "Enter a response");
	assert_lacks(body, "/invitations\"");
	assert_int_equal(testapp_fetch(t, &admin, "GET", path1("/selfanalysis/rounds/%lld", r),
				       NULL, &body), 200);
	assert_contains(body, path1("/selfanalysis/rounds/%lld/invitations\"", r));
}

static void test_closed_withdrawn_early(void **state)
{
	(void)state;
	int64_t r = add_round(t->partnership_id, "Invite closed", "csp-2009-12", NULL);
	char (*tok)[INVITATION_TOKEN_SIZE] = issue(t->partnership_id, r, 2, NULL);
	assert_int_equal(respond_post(tok[0], "action=save&score-1=4").status, 303);
	assert_int_equal(respond_post(tok[0], "action=submit&score-1=4").status, 200);

	/* The round closes between the check page and the confirm. */
	close_round(t->partnership_id, r);
	struct answer a = respond_post(tok[0], "action=confirm");
	assert_int_equal(a.status, 410);
	assert_contains(a.body, "This self-analysis has closed");
	assert_int_equal(responses(t->partnership_id, r), 0);
	assert_int_equal(find(tok[0]).status, INVITATION_OPEN);
	a = respond_get(tok[0], "");
	assert_int_equal(a.status, 410);
	assert_lacks(a.body, "name=\"score-1\"");
	a = respond_post(tok[1], "action=save&score-1=2");
	assert_int_equal(a.status, 410);
	assert_null(find(tok[1]).draft);

	/* A withdrawn link. */
	int64_t r2 = add_round(t->partnership_id, "Invite withdrawn", "csp-2009-12", NULL);
	char (*tok2)[INVITATION_TOKEN_SIZE] = issue(t->partnership_id, r2, 1, NULL);
	assert_int_equal(invitation_withdraw_open(app_db(&t->app), &actor_cli, t->partnership_id, r2,
						  NULL), E_OK);
	a = respond_get(tok2[0], "");
	assert_int_equal(a.status, 410);
	assert_contains(a.body, "This link has been withdrawn");
	assert_int_equal(respond_post(tok2[0], "action=save&score-1=2").status, 410);

	/* A round that has not opened yet. */
	int64_t r3 = add_round(t->partnership_id, "Invite early", "csp-2009-12", "9000-01-01");
	char (*tok3)[INVITATION_TOKEN_SIZE] = issue(t->partnership_id, r3, 1, NULL);
	a = respond_get(tok3[0], "");
	assert_contains(a.body, "This self-analysis has not opened yet");
	assert_contains(a.body, "1 January 9000");
	assert_lacks(a.body, "name=\"score-1\"");
	a = respond_post(tok3[0], "action=save&score-1=2");
	assert_contains(a.body, "This self-analysis has not opened yet");
	assert_null(find(tok3[0]).draft);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_owner_access),
		cmocka_unit_test(test_issue_and_withdraw),
		cmocka_unit_test(test_respondent_page),
		cmocka_unit_test(test_save_and_return),
		cmocka_unit_test(test_mistakes),
		cmocka_unit_test(test_submit),
		cmocka_unit_test(test_submit_batch),
		cmocka_unit_test(test_group_round_no_links),
		cmocka_unit_test(test_closed_withdrawn_early),
	};
	return cmocka_run_group_tests(tests, group_setup, testapp_group_teardown);
}
