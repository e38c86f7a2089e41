/*
 * test_selfanalysis_web.c: the self-analysis pages, in-process through the
 * production route table (both backends).  Each test works in a
 * partnership of its own, with rounds it makes through the pages
 * themselves (the form, the entry form, the import page), and checks what
 * a page claims against the store: the round's fields, its responses, its
 * comments' selection, the partnership's k.  The results page is checked
 * against the Oxfordshire seed's figures (statement 5 highest at 3.90,
 * statement 10 lowest at 2.44, the stated 2.35 of statement 6 explained),
 * the chart by its dots (one per score), anonymity by a round of three,
 * and access by role: readers see no write buttons and are refused the
 * writes; another partnership's round is not found.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "selfanalysis/results.h"
#include "selfanalysis/round.h"
#include "seed_scores.h"
#include "support/page_asserts.h"
#include "support/testapp.h"

static struct testapp *const t = &testapp_group;

#define path1(fmt, a) pool_printf(&t->pool, fmt, (long long)(a))
#define path2(fmt, a, b) pool_printf(&t->pool, fmt, (long long)(a), (long long)(b))

/* A partnership of the test's own with an administrator, and optionally
 * a viewer. */
static int64_t partnership(const char *slug, struct testuser *admin, struct testuser *viewer)
{
	int64_t pid = testapp_partnership(t, slug, admin);
	if (viewer)
		testapp_user(t, pid, ROLE_VIEWER, viewer);
	return pid;
}

/* POST /selfanalysis/rounds/new as u: the new round's id, from where the
 * page sends its maker. */
static int64_t add_round(const struct testuser *u, const char *form)
{
	struct texchange *ex = testapp_expect(t, u, "POST", "/selfanalysis/rounds/new", form, 303);
	const char *loc = texchange_header(ex, "Location");
	long long id = 0;
	char tail[32] = "";
	assert_non_null(loc);
	assert_int_equal(sscanf(loc, "/selfanalysis/rounds/%lld%31s", &id, tail), 2);
	assert_string_equal(tail, "?done=added");
	texchange_free(ex);
	assert_true(id > 0);
	return id;
}

static struct round get_round(int64_t pid, int64_t id)
{
	struct round r;
	assert_int_equal(round_get(app_db(&t->app), &t->pool, pid, id, &r), E_OK);
	return r;
}

/* The import page's POST with a scores file and, when not NULL, a
 * comments file, each a file part of its own. */
static struct texchange *upload(const struct testuser *u, const char *target, const char *scores,
				const char *comments)
{
	struct upload_file f[2];
	size_t n = 0;
	if (scores)
		f[n++] = (struct upload_file){"scores", "scores.csv", scores};
	if (comments)
		f[n++] = (struct upload_file){"comments", "comments.csv", comments};
	return testapp_upload_files(t, u, target, f, n);
}

/* The Oxfordshire table as a scores file: the first `respondents`
 * interviews, with the stated averages when stated. */
static const char *oxon_csv(int respondents, int stated)
{
	const char *csv = "standard";
	for (int r = 0; r < respondents; r++)
		csv = pool_printf(&t->pool, "%s,%d", csv, r + 1);
	csv = pool_printf(&t->pool, "%s%s\n", csv, stated ? ",stated_average" : "");
	for (int s = 0; s < OXON_STATEMENTS; s++) {
		csv = pool_printf(&t->pool, "%s%d", csv, s + 1);
		for (int r = 0; r < respondents; r++)
			csv = pool_printf(&t->pool, "%s,%s", csv, oxon[s][r]);
		csv = pool_printf(&t->pool, "%s%s%s\n", csv, stated ? "," : "", stated ? oxon_stated[s] : "");
	}
	return csv;
}

static const char oxon_comments[] =
	"standard,comment\n"
	"5,Joint planning is strong across the partnership\n"
	"10,\"Commissioners rarely ask children, young people and families\"\n";

/* A csp-2009-12 round of u's partnership filled with the first
 * `respondents` Oxfordshire interviews through the import page. */
static int64_t oxon_round(const struct testuser *u, const char *name, const char *opens_on, int respondents)
{
	int64_t id = add_round(u, pool_printf(&t->pool, "name=%s&framework=csp-2009-12&mode=interviews&opens_on=%s",
					      name, opens_on));
	struct texchange *ex = upload(u, path1("/selfanalysis/rounds/%lld/import", id), oxon_csv(respondents, 1),
				      oxon_comments);
	if (ex->res.status != 303)
		fail_msg("import: status %d: %s", ex->res.status, texchange_body(ex));
	assert_string_equal(texchange_header(ex, "Location"),
			    pool_printf(&t->pool, "/selfanalysis/rounds/%lld?done=imported&n=%d", (long long)id,
					respondents));
	texchange_free(ex);
	return id;
}

/* Text as html_text writes it, to find it in a page. */
static const char *escaped(const char *s)
{
	const char *out = "";
	for (; *s; s++)
		out = pool_printf(&t->pool, "%s%s", out,
				  *s == '\'' ? "&#39;" : *s == '&' ? "&amp;" : *s == '"' ? "&quot;"
				  : pool_printf(&t->pool, "%c", *s));
	return out;
}

/* The text from needle's first occurrence to the end of its table row. */
static const char *row_of(const char *body, const char *needle)
{
	const char *at = strstr(body, needle);
	if (!at)
		fail_msg("no row with %s", needle);
	const char *end = strstr(at, "</tr>");
	assert_non_null(end);
	return pool_strndup(&t->pool, at, (size_t)(end - at));
}

/* ---- Navigation ---- */

static void test_navigation_by_role(void **state)
{
	(void)state;
	struct testuser admin, provider, national;
	/* The demo partnership: a provider needs an organisation that provides. */
	testapp_user(t, t->partnership_id, ROLE_ADMIN, &admin);
	testapp_user(t, t->partnership_id, ROLE_PROVIDER, &provider);
	testapp_user(t, 0, ROLE_NATIONAL, &national);
	const char *body;
	assert_int_equal(testapp_fetch(t, &admin, "GET", "/", NULL, &body), 200);
	assert_contains(body, "href=\"/selfanalysis\">Self-analysis</a>");
	assert_contains(body, "href=\"/actions\">Actions</a>");
	assert_lacks(body, "href=\"/national/benchmark\"");
	/* Providers read action plans but not self-analysis. */
	assert_int_equal(testapp_fetch(t, &provider, "GET", "/", NULL, &body), 200);
	assert_lacks(body, "href=\"/selfanalysis\"");
	assert_contains(body, "href=\"/actions\">Actions</a>");
	assert_int_equal(testapp_fetch(t, &national, "GET", "/", NULL, &body), 200);
	assert_contains(body, "href=\"/national/benchmark\">Benchmark</a>");
	assert_lacks(body, "href=\"/selfanalysis\"");
	assert_lacks(body, "href=\"/actions\"");
}

/* ---- Rounds: add, change, list ---- */

static void test_round_form_mistakes(void **state)
{
	(void)state;
	struct testuser admin;
	partnership("sa-form", &admin, NULL);
	const char *body;
	assert_int_equal(testapp_fetch(t, &admin, "GET", "/selfanalysis/rounds/new", NULL, &body), 200);
	assert_contains(body, "value=\"csp-2009-12\"");
	assert_contains(body, "value=\"csp-2009-13\"");
	assert_contains(body, "name=\"csrf_token\"");

	/* Nothing chosen: each mistake in the summary, linked to its field. */
	assert_int_equal(testapp_fetch(t, &admin, "POST", "/selfanalysis/rounds/new", "name=+&framework=&mode=", &body), 400);
	assert_contains(body, "<title>Error: ");
	assert_contains(body, "href=\"#name\">Enter a name for the round</a>");
	assert_contains(body, "href=\"#framework\">Select the framework the round uses</a>");
	assert_contains(body, "href=\"#mode\">Select how the round is scored</a>");

	/* A framework not on the list, days that are not days, values kept. */
	assert_int_equal(testapp_fetch(t, &admin, "POST", "/selfanalysis/rounds/new",
				       "name=Kept+name&framework=nope&mode=group&opens_on=2009-02-30&closes_on=soon", &body), 400);
	assert_contains(body, "href=\"#framework\">Select a framework from the list</a>");
	assert_contains(body, "href=\"#opens_on\">The opening date must be a real day");
	assert_contains(body, "href=\"#closes_on\">The closing date must be a real day");
	assert_contains(body, "value=\"Kept name\"");
	assert_contains(body, "value=\"group\" checked");
	assert_contains(body, "value=\"soon\"");

	/* Closing before opening. */
	assert_int_equal(testapp_fetch(t, &admin, "POST", "/selfanalysis/rounds/new",
				       "name=Backwards&framework=csp-2009-12&mode=group&opens_on=2009-03-31&closes_on=2009-03-01",
				       &body), 400);
	assert_contains(body, "The closing date must be the same as or after the opening date");

	/* Nothing above was saved; a good form is, and its name is then taken. */
	struct round *r;
	size_t n;
	assert_int_equal(round_list(app_db(&t->app), &t->pool, admin.partnership_id, &r, &n), E_OK);
	assert_int_equal(n, 0);
	int64_t id = add_round(&admin, "name=March+2009&framework=csp-2009-13&mode=group&opens_on=2009-03-01&closes_on=2009-03-31");
	struct round got = get_round(admin.partnership_id, id);
	assert_string_equal(got.name, "March 2009");
	assert_string_equal(got.framework, "csp-2009-13");
	assert_int_equal(got.mode, ROUND_GROUP);
	assert_string_equal(got.opens_on, "2009-03-01");
	assert_string_equal(got.closes_on, "2009-03-31");
	assert_int_equal(testapp_fetch(t, &admin, "POST", "/selfanalysis/rounds/new",
				       "name=March+2009&framework=csp-2009-12&mode=interviews", &body), 400);
	assert_contains(body, "There is already a round with this name");
}

static void test_round_edit_and_list(void **state)
{
	(void)state;
	struct testuser admin, viewer;
	int64_t pid = partnership("sa-edit", &admin, &viewer);
	int64_t first = add_round(&admin, "name=First+round&framework=csp-2009-12&mode=interviews");
	int64_t second = add_round(&admin, "name=Second+round&framework=csp-2009-13&mode=group");
	const char *body;

	/* Newest first, with framework, mode and counts. */
	assert_int_equal(testapp_fetch(t, &admin, "GET", "/selfanalysis", NULL, &body), 200);
	const char *a = strstr(body, ">Second round<"), *b = strstr(body, ">First round<");
	assert_non_null(a);
	assert_non_null(b);
	assert_true(a < b);
	assert_contains(body, "Commissioning self-analysis: 13 standards");
	assert_contains(body, "href=\"/selfanalysis/rounds/new\"");
	assert_contains(body, "href=\"/selfanalysis/frameworks\"");
	assert_contains(body, "href=\"/selfanalysis/benchmark\"");
	assert_contains(body, "href=\"/settings\"");
	assert_int_equal(testapp_fetch(t, &viewer, "GET", "/selfanalysis", NULL, &body), 200);
	assert_lacks(body, "href=\"/selfanalysis/rounds/new\"");

	/* The change form: framework and mode are facts, not fields. */
	assert_int_equal(testapp_fetch(t, &admin, "GET", path1("/selfanalysis/rounds/%lld/edit", first), NULL, &body), 200);
	assert_lacks(body, "name=\"framework\"");
	assert_contains(body, "name=\"key_messages\"");
	assert_contains(body, "name=\"closed\"");
	assert_int_equal(testapp_fetch(t, &admin, "POST", path1("/selfanalysis/rounds/%lld/edit", first),
				       "name=Second+round", &body), 400);
	assert_contains(body, "There is already a round with this name");
	testapp_expect_redirect(t, &admin, "POST", path1("/selfanalysis/rounds/%lld/edit", first),
				"name=Renamed&opens_on=2009-08-01&closes_on=2009-09-30&closed=true"
				"&key_messages=Partnership+working+is+strong.%0D%0A%0D%0AEngagement+is+weak.",
				path1("/selfanalysis/rounds/%lld?done=changed", first));
	struct round r = get_round(pid, first);
	assert_string_equal(r.name, "Renamed");
	assert_true(r.closed);
	assert_string_equal(r.closes_on, "2009-09-30");
	assert_non_null(strstr(r.key_messages, "Engagement is weak."));
	assert_string_equal(r.framework, "csp-2009-12");

	/* The round's page: what it is and what can be done. */
	assert_int_equal(testapp_fetch(t, &admin, "GET", path1("/selfanalysis/rounds/%lld?done=changed", first), NULL, &body), 200);
	assert_contains(body, "Round details changed");
	assert_contains(body, "<p class=\"govuk-body app-pre-line\">Partnership working is strong.</p>\n"
			      "<p class=\"govuk-body app-pre-line\">Engagement is weak.</p>");
	assert_contains(body, "1 August 2009 to 30 September 2009");
	assert_contains(body, "Closed");
	assert_contains(body, path1("/selfanalysis/rounds/%lld/results", first));
	assert_contains(body, path1("/selfanalysis/rounds/%lld/compare", first));
	assert_contains(body, path1("/selfanalysis/rounds/%lld/actions", first));
	assert_contains(body, path1("/selfanalysis/rounds/%lld/report?format=pdf", first));
	assert_contains(body, path1("/selfanalysis/rounds/%lld/report?format=xlsx", first));
	assert_contains(body, path1("/selfanalysis/rounds/%lld/import", first));
	assert_contains(body, path1("action=\"/selfanalysis/rounds/%lld/share\"", first));
	/* Closed: no entry, no invitations. */
	assert_lacks(body, path1("/selfanalysis/rounds/%lld/entry", first));
	assert_lacks(body, path1("/selfanalysis/rounds/%lld/invitations", first));
	assert_int_equal(testapp_fetch(t, &admin, "GET", path1("/selfanalysis/rounds/%lld", second), NULL, &body), 200);
	assert_contains(body, path1("/selfanalysis/rounds/%lld/entry", second));
	/* A group round: its agreed scores are entered, never invited. */
	assert_lacks(body, path1("/selfanalysis/rounds/%lld/invitations", second));
	assert_int_equal(testapp_fetch(t, &admin, "GET", path1("/selfanalysis/rounds/%lld?done=shared", second), NULL, &body), 200);
	assert_contains(body, "shared with the national benchmark");
	assert_int_equal(testapp_fetch(t, &admin, "GET", path1("/selfanalysis/rounds/%lld?done=unshared", second), NULL, &body), 200);
	assert_contains(body, "no longer shared");

	/* A reader sees the round but no way to change it. */
	assert_int_equal(testapp_fetch(t, &viewer, "GET", path1("/selfanalysis/rounds/%lld", second), NULL, &body), 200);
	assert_contains(body, path1("/selfanalysis/rounds/%lld/results", second));
	assert_lacks(body, "/edit");
	assert_lacks(body, "/entry");
	assert_lacks(body, "/import");
	assert_lacks(body, "/share\"");
	const struct request_check c[] = {
		{"GET", "/selfanalysis/rounds/new", NULL, 403},
		{"POST", "/selfanalysis/rounds/new", "name=X&framework=csp-2009-12&mode=group", 403},
		{"GET", path1("/selfanalysis/rounds/%lld/edit", second), NULL, 403},
		{"POST", path1("/selfanalysis/rounds/%lld/edit", second), "name=X", 403},
		{"GET", path1("/selfanalysis/rounds/%lld/entry", second), NULL, 403},
		{"POST", path1("/selfanalysis/rounds/%lld/entry", second), "score-1=3", 403},
		{"GET", path1("/selfanalysis/rounds/%lld/import", second), NULL, 403},
	};
	testapp_check_requests(t, &viewer, c, sizeof c / sizeof c[0]);
	assert_string_equal(get_round(pid, second).name, "Second round");
}

/* ---- Entry ---- */

static void test_entry(void **state)
{
	(void)state;
	struct testuser admin;
	int64_t pid = partnership("sa-entry", &admin, NULL);
	int64_t id = add_round(&admin, "name=Interviews&framework=csp-2009-12&mode=interviews");
	const char *target = path1("/selfanalysis/rounds/%lld/entry", id);
	const char *body;
	assert_int_equal(testapp_fetch(t, &admin, "GET", target, NULL, &body), 200);
	assert_contains(body, "name=\"score-1\"");
	assert_contains(body, "name=\"score-12\"");
	assert_contains(body, "name=\"comment-12\"");
	assert_contains(body, "DK for");

	/* Nothing entered. */
	assert_int_equal(testapp_fetch(t, &admin, "POST", target, "score-1=&score-2=", &body), 400);
	assert_contains(body, "href=\"#score-1\">Enter a score for at least one standard");

	/* Cells the scale refuses, each named, every value kept. */
	assert_int_equal(testapp_fetch(t, &admin, "POST", target,
				       "group=Health&score-1=6&score-2=abc&score-3=2+%2F+3&score-4=DK&comment-4=Kept+comment",
				       &body), 400);
	assert_contains(body, "href=\"#score-1\">Standard 1: ");
	assert_contains(body, "href=\"#score-2\">Standard 2: ");
	assert_lacks(body, "href=\"#score-3\"");
	assert_contains(body, "value=\"6\"");
	assert_contains(body, "value=\"abc\"");
	assert_contains(body, "value=\"2 / 3\"");
	assert_contains(body, "value=\"Health\"");
	assert_contains(body, "Kept comment</textarea>");
	assert_int_equal(get_round(pid, id).responses, 0);

	/* A comment over the limit. */
	size_t n = COMMENT_MAX + 1;
	char *form = malloc(n + 64);
	assert_non_null(form);
	int len = snprintf(form, n + 64, "score-1=3&comment-1=");
	memset(form + len, 'a', n);
	form[len + n] = '\0';
	assert_int_equal(testapp_fetch(t, &admin, "POST", target, form, &body), 400);
	free(form);
	assert_contains(body, "href=\"#comment-1\">Comment on standard 1 must be at most 2000 bytes: 2000 plain "
			      "letters, fewer with accented letters or symbols");

	/* A good response: its scores and comment are the round's. */
	testapp_expect_redirect(t, &admin, "POST", target,
				"score-1=3.5&score-2=2+%2F+3&score-3=dk&comment-3=We+do+not+know+yet",
				path1("/selfanalysis/rounds/%lld?done=entered", id));
	struct round_data d;
	assert_int_equal(round_data_load(app_db(&t->app), &t->pool, pid, id, &d), E_OK);
	assert_int_equal(d.n_responses, 1);
	assert_int_equal(d.cells[0].kind, SCORE_VALUE);
	assert_int_equal(d.cells[0].lo, 7);
	assert_int_equal(d.cells[1].kind, SCORE_RANGE);
	assert_int_equal(d.cells[1].lo, 4);
	assert_int_equal(d.cells[1].hi, 6);
	assert_int_equal(d.cells[2].kind, SCORE_DONT_KNOW);
	assert_int_equal(d.cells[3].kind, SCORE_NONE);
	assert_int_equal(d.n_comments, 1);
	assert_string_equal(d.comments[0].body, "We do not know yet");
	assert_int_equal(d.comments[0].standard, 3);

	/* Closed: the page says so and a POST changes nothing. */
	testapp_expect_redirect(t, &admin, "POST", path1("/selfanalysis/rounds/%lld/edit", id),
				"name=Interviews&closed=true", path1("/selfanalysis/rounds/%lld?done=changed", id));
	assert_int_equal(testapp_fetch(t, &admin, "GET", target, NULL, &body), 200);
	assert_contains(body, "This round is closed");
	assert_lacks(body, "name=\"score-1\"");
	assert_int_equal(testapp_fetch(t, &admin, "POST", target, "score-1=3", &body), 409);
	assert_contains(body, "This round is closed");
	assert_int_equal(get_round(pid, id).responses, 1);

	/* A group round takes one response, the group's agreed scores: once
	 * it has it, the page says so and another is refused. */
	int64_t g = add_round(&admin, "name=Group&framework=csp-2009-13&mode=group");
	const char *group_entry = path1("/selfanalysis/rounds/%lld/entry", g);
	testapp_expect_redirect(t, &admin, "POST", group_entry, "score-1=3&score-2=1+%2F+2",
				path1("/selfanalysis/rounds/%lld?done=entered", g));
	assert_int_equal(testapp_fetch(t, &admin, "GET", group_entry, NULL, &body), 200);
	assert_contains(body, "This group round already holds the scores the group agreed");
	assert_lacks(body, "name=\"score-1\"");
	assert_int_equal(testapp_fetch(t, &admin, "POST", group_entry, "score-1=4", &body), 409);
	assert_contains(body, "A group round holds one response");
	assert_int_equal(get_round(pid, g).responses, 1);
}

/* ---- Import ---- */

static void test_import(void **state)
{
	(void)state;
	struct testuser admin;
	int64_t pid = partnership("sa-import", &admin, NULL);
	int64_t id = add_round(&admin, "name=Imported&framework=csp-2009-12&mode=interviews");
	const char *target = path1("/selfanalysis/rounds/%lld/import", id);
	const char *body;
	assert_int_equal(testapp_fetch(t, &admin, "GET", target, NULL, &body), 200);
	assert_contains(body, "enctype=\"multipart/form-data\"");
	assert_contains(body, "name=\"scores\"");
	assert_contains(body, "name=\"comments\"");

	/* No file. */
	struct texchange *ex = upload(&admin, target, NULL, NULL);
	assert_int_equal(ex->res.status, 400);
	assert_contains(texchange_body(ex), "href=\"#scores\">Select a scores file</a>");
	texchange_free(ex);

	/* Problems in both files: each named by file, row and column, nothing imported. */
	const char *bad = pool_printf(&t->pool, "%s", oxon_csv(3, 0));
	char *six = strstr((char *)bad, "\n2,");
	assert_non_null(six);
	six[3] = '9'; /* standard 2, respondent 1: "3" becomes "9" */
	ex = upload(&admin, target, bad, "standard,comment\n99,No such standard\n");
	assert_int_equal(ex->res.status, 400);
	body = texchange_body(ex);
	assert_contains(body, "Nothing was imported");
	assert_contains(body, "href=\"#scores\">Scores file, row 3");
	assert_contains(body, "href=\"#comments\">Comments file, row 2");
	texchange_free(ex);
	assert_int_equal(get_round(pid, id).responses, 0);

	/* A good pair of files. */
	ex = upload(&admin, target, oxon_csv(OXON_INTERVIEWS, 1), oxon_comments);
	assert_int_equal(ex->res.status, 303);
	assert_string_equal(texchange_header(ex, "Location"),
			    path1("/selfanalysis/rounds/%lld?done=imported&n=10", id));
	texchange_free(ex);
	assert_int_equal(get_round(pid, id).responses, OXON_INTERVIEWS);
	assert_int_equal(testapp_fetch(t, &admin, "GET", path1("/selfanalysis/rounds/%lld?done=imported&n=10", id), NULL,
				       &body), 200);
	assert_contains(body, "10 responses imported");

	/* A round holding responses takes no second import. */
	ex = upload(&admin, target, oxon_csv(2, 0), NULL);
	assert_int_equal(ex->res.status, 400);
	assert_contains(texchange_body(ex), "Nothing was imported");
	texchange_free(ex);
	assert_int_equal(get_round(pid, id).responses, OXON_INTERVIEWS);
}

/* ---- Results ---- */

static void test_results_page(void **state)
{
	(void)state;
	struct testuser admin, viewer;
	int64_t pid = partnership("sa-results", &admin, &viewer);
	int64_t id = oxon_round(&admin, "Oxfordshire", "2009-08-01", OXON_INTERVIEWS);
	const char *target = path1("/selfanalysis/rounds/%lld/results", id);
	const char *body;
	assert_int_equal(testapp_fetch(t, &admin, "GET", target, NULL, &body), 200);

	/* Highest and lowest in words, the order highest first. */
	struct framework fw;
	assert_int_equal(framework_builtin("csp-2009-12", &t->pool, &fw), E_OK);
	const char *s5 = pool_printf(&t->pool, ">5. %s", escaped(fw.standards[4].title));
	const char *s10 = pool_printf(&t->pool, ">10. %s", escaped(fw.standards[9].title));
	const char *top = row_of(body, s5), *bottom = row_of(body, s10);
	assert_contains(top, "Highest");
	assert_contains(top, "3.90");
	assert_contains(bottom, "Lowest");
	assert_contains(bottom, "2.44");
	assert_lacks(bottom, "Highest");
	const char *summary = strstr(body, "id=\"summary-table\"");
	assert_non_null(summary);
	assert_true(strstr(summary, s5) < strstr(summary, s10));
	assert_contains(body, "Agreement (rwg)");

	/* The stated 2.35 of statement 6 does not match, and why. */
	const char *stated = row_of(strstr(body, "id=\"stated\""), ">6. ");
	assert_contains(stated, "2.35");
	assert_contains(stated, "2.94");
	assert_contains(stated, "Does not match");
	assert_contains(stated, "Don");

	/* The chart: an image named by its caption and described by the
	 * table, with one dot per score (110 of the 120 cells; 10 are
	 * "Don't know"). */
	assert_contains(body, "<figure class=\"app-chart\">");
	assert_contains(body, "role=\"img\"");
	assert_contains(body, "aria-labelledby=\"chart-caption\"");
	assert_contains(body, "aria-describedby=\"chart-table\"");
	assert_contains(body, "id=\"chart-caption\"");
	assert_int_equal(page_count(body, "<circle "), 110);
	/* Its text equivalent counts the same 110 dots, standard by standard. */
	const char *ct = strstr(body, "id=\"chart-table\"");
	assert_non_null(ct);
	const char *ct_end = strstr(ct, "</table>");
	assert_non_null(ct_end);
	long dots = 0;
	for (const char *td = strstr(ct, "<td "); td && td < ct_end; td = strstr(td + 1, "<td "))
		dots += strtol(strchr(td, '>') + 1, NULL, 10);
	assert_int_equal(dots, 110);
	assert_int_equal(page_count(body, "class=\"app-chart__mean\""), OXON_STATEMENTS);
	assert_lacks(body, "style=");

	/* Ten respondents: the annex and the comments, with their buttons. */
	assert_contains(body, "Each respondent&#39;s score for each standard");
	const char *annex = strstr(body, "id=\"annex-table\"");
	assert_int_equal(page_count(annex, "<th scope=\"row\""), OXON_INTERVIEWS);
	/* In the file's column order (numbered labels by value: 10 last). */
	for (int r = 0; r < OXON_INTERVIEWS; r++)
		assert_contains(annex, pool_printf(&t->pool, "<th scope=\"row\" class=\"govuk-table__header\">%d</th>\n"
						       "<td class=\"govuk-table__cell govuk-table__cell--numeric\">%s</td>\n"
						       "<td class=\"govuk-table__cell govuk-table__cell--numeric\">%s</td>",
						   r + 1, escaped(oxon[0][r]), escaped(oxon[1][r])));
	assert_contains(body, "Joint planning is strong across the partnership");
	assert_contains(body, "Select for the board paper");
	assert_contains(body, "/actions/new?round=");

	/* A reader: the same figures, no write buttons. */
	assert_int_equal(testapp_fetch(t, &viewer, "GET", target, NULL, &body), 200);
	assert_contains(body, "Joint planning is strong across the partnership");
	assert_lacks(body, "Select for the board paper");
	assert_lacks(body, "/actions/new");
	assert_lacks(body, "/comments/");
	(void)pid;
}

static void test_results_anonymity(void **state)
{
	(void)state;
	struct testuser admin;
	int64_t pid = partnership("sa-anon", &admin, NULL);
	int64_t id = oxon_round(&admin, "Three+people", "2009-08-01", 3);
	const char *target = path1("/selfanalysis/rounds/%lld/results", id);
	const char *body;
	assert_int_equal(testapp_fetch(t, &admin, "GET", target, NULL, &body), 200);
	/* Three interviews: only the count and why, no figure at all. */
	assert_contains(body, "3 responses");
	assert_contains(body, "Results are shown once at least 5 people have responded (3 so far), so "
			      "that no one&#39;s answers can be picked out.");
	assert_lacks(body, "id=\"summary-table\"");
	assert_lacks(body, "<svg");
	assert_lacks(body, "id=\"annex-table\"");
	assert_lacks(body, "Joint planning is strong");
	/* Lowering k to 3 shows them. */
	testapp_expect_redirect(t, &admin, "POST", "/settings", "anonymity_k=3", "/settings?done=changed");
	assert_int_equal(testapp_fetch(t, &admin, "GET", target, NULL, &body), 200);
	assert_contains(body, "id=\"annex-table\"");
	assert_contains(body, "Joint planning is strong");
	(void)pid;

	/* An empty round has no results yet. */
	int64_t empty = add_round(&admin, "name=Empty&framework=csp-2009-13&mode=group");
	assert_int_equal(testapp_fetch(t, &admin, "GET", path1("/selfanalysis/rounds/%lld/results", empty), NULL, &body), 200);
	assert_contains(body, "There are no responses yet");
	assert_lacks(body, "<svg");
}

/* Responses entered with a group each: only groups with k people behind
 * them are shown, and never one whose figures could be worked out. */
static void test_results_groups(void **state)
{
	(void)state;
	struct testuser admin;
	partnership("sa-groups", &admin, NULL);
	testapp_expect_redirect(t, &admin, "POST", "/settings", "anonymity_k=3", "/settings?done=changed");
	int64_t id = add_round(&admin, "name=Grouped&framework=csp-2009-12&mode=interviews");
	const char *entry = path1("/selfanalysis/rounds/%lld/entry", id);
	const char *done = path1("/selfanalysis/rounds/%lld?done=entered", id);
	static const char *const forms[] = {
		"group=Health&score-1=4", "group=Health&score-1=4", "group=Health&score-1=5",
		"group=Schools&score-1=2", "group=Schools&score-1=2", "group=Schools&score-1=3",
	};
	for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++)
		testapp_expect_redirect(t, &admin, "POST", entry, forms[i], done);
	const char *body;
	const char *target = path1("/selfanalysis/rounds/%lld/results", id);
	assert_int_equal(testapp_fetch(t, &admin, "GET", target, NULL, &body), 200);
	const char *groups = strstr(body, "id=\"groups-table\"");
	assert_non_null(groups);
	assert_contains(groups, "Health (3 people)");
	assert_contains(groups, "Schools (3 people)");
	assert_contains(row_of(groups, ">1. "), ">4.33</td>");
	assert_contains(row_of(groups, ">1. "), ">2.33</td>");

	/* One more, alone in its group: it is not shown, and neither is a
	 * group that would give it away. */
	testapp_expect_redirect(t, &admin, "POST", entry, "group=Police&score-1=1", done);
	assert_int_equal(testapp_fetch(t, &admin, "GET", target, NULL, &body), 200);
	assert_contains(body, "By respondent group");
	assert_lacks(body, "Police");
	assert_contains(body, "not shown");
}

static void test_comment_select(void **state)
{
	(void)state;
	struct testuser admin, viewer;
	int64_t pid = partnership("sa-select", &admin, &viewer);
	int64_t id = oxon_round(&admin, "Selecting", "2009-08-01", OXON_INTERVIEWS);
	struct round_data d;
	assert_int_equal(round_data_load(app_db(&t->app), &t->pool, pid, id, &d), E_OK);
	assert_int_equal(d.n_comments, 2);
	int64_t c = d.comments[0].id;
	assert_false(d.comments[0].selected);
	const char *target = path2("/selfanalysis/rounds/%lld/comments/%lld/select", id, c);
	const char *body;
	assert_int_equal(testapp_fetch(t, &admin, "POST", target, "selected=maybe", &body), 400);
	texchange_free(testapp_expect(t, &viewer, "POST", target, "selected=1", 403));
	texchange_free(testapp_expect(t, &admin, "POST", path2("/selfanalysis/rounds/%lld/comments/%lld/select", id, c + 1000000),
				       "selected=1", 404));
	testapp_expect_redirect(t, &admin, "POST", target, "selected=1",
				path1("/selfanalysis/rounds/%lld/results?done=selected#comments", id));
	assert_int_equal(round_data_load(app_db(&t->app), &t->pool, pid, id, &d), E_OK);
	assert_true(d.comments[0].selected);
	assert_false(d.comments[1].selected);
	assert_int_equal(testapp_fetch(t, &admin, "GET", path1("/selfanalysis/rounds/%lld/results?done=selected", id), NULL,
				       &body), 200);
	assert_contains(body, "Comment selected for the board paper");
	assert_contains(body, "Leave out of the board paper");
	testapp_expect_redirect(t, &admin, "POST", target, "selected=0",
				path1("/selfanalysis/rounds/%lld/results?done=unselected#comments", id));
	assert_int_equal(round_data_load(app_db(&t->app), &t->pool, pid, id, &d), E_OK);
	assert_false(d.comments[0].selected);
}

/* ---- Comparing and the board paper ---- */

static void test_compare_page(void **state)
{
	(void)state;
	struct testuser admin;
	partnership("sa-compare", &admin, NULL);
	/* Made in the opposite order to the one they opened in. */
	int64_t later = oxon_round(&admin, "Later+round", "2010-06-01", OXON_INTERVIEWS);
	int64_t earlier = oxon_round(&admin, "Earlier+round", "2009-06-01", 6);
	const char *body;

	/* Without ?with, the previous round; the earlier comes first. */
	const char *first = path1("Earlier round</dt>\n<dd class=\"govuk-summary-list__value\"><a class=\"govuk-link\" "
				  "href=\"/selfanalysis/rounds/%lld/results\">", earlier);
	const char *second = path1("Later round</dt>\n<dd class=\"govuk-summary-list__value\"><a class=\"govuk-link\" "
				   "href=\"/selfanalysis/rounds/%lld/results\">", later);
	assert_int_equal(testapp_fetch(t, &admin, "GET", path1("/selfanalysis/rounds/%lld/compare", later), NULL, &body), 200);
	assert_contains(body, first);
	assert_contains(body, second);
	assert_true(strstr(body, first) < strstr(body, second));
	/* The chart is described by its own table of counts, both rounds'
	 * rows in it; the figures have their table. */
	assert_contains(body, "aria-describedby=\"chart-table\"");
	assert_contains(body, "id=\"chart-table\"");
	assert_contains(body, "id=\"compare-table\"");
	assert_contains(body, "could be chance");
	assert_contains(body, "app-chart__dot--hollow");

	/* Asked from the earlier round: still earlier first. */
	assert_int_equal(testapp_fetch(t, &admin, "GET", path2("/selfanalysis/rounds/%lld/compare?with=%lld", earlier, later),
				       NULL, &body), 200);
	assert_contains(body, first);
	assert_contains(body, second);

	/* None chosen, or itself: a mistake; a round that is not the
	 * partnership's: not found. */
	assert_int_equal(testapp_fetch(t, &admin, "GET", path1("/selfanalysis/rounds/%lld/compare?with=", later),
				       NULL, &body), 400);
	assert_contains(body, "href=\"#with\">Select a round to compare with");
	assert_lacks(body, "id=\"compare-table\"");
	assert_int_equal(testapp_fetch(t, &admin, "GET", path2("/selfanalysis/rounds/%lld/compare?with=%lld", later, later),
				       NULL, &body), 400);
	assert_contains(body, "href=\"#with\">Choose a different round");
	struct testuser other;
	partnership("sa-compare-other", &other, NULL);
	int64_t theirs = add_round(&other, "name=Theirs&framework=csp-2009-12&mode=group");
	assert_int_equal(testapp_fetch(t, &admin, "GET", path2("/selfanalysis/rounds/%lld/compare?with=%lld", later, theirs),
				       NULL, &body), 404);
	assert_int_equal(testapp_fetch(t, &admin, "GET", path1("/selfanalysis/rounds/%lld/compare?with=abc", later),
				       NULL, &body), 404);
}

static void test_report_download(void **state)
{
	(void)state;
	struct testuser admin, viewer;
	partnership("sa-report", &admin, &viewer);
	int64_t id = oxon_round(&admin, "Board+paper+round", "2009-08-01", OXON_INTERVIEWS);
	struct texchange *ex = testapp_expect(t, &viewer, "GET", path1("/selfanalysis/rounds/%lld/report?format=html", id),
					      NULL, 200);
	assert_string_equal(ex->res.content_type, "text/html; charset=utf-8");
	assert_string_equal(texchange_header(ex, "Content-Disposition"),
			    "attachment; filename=\"board-paper-round.html\"");
	assert_contains(texchange_body(ex), "Board paper round");
	texchange_free(ex);
	ex = testapp_expect(t, &viewer, "GET", path1("/selfanalysis/rounds/%lld/report?format=xlsx", id), NULL, 200);
	assert_string_equal(texchange_header(ex, "Content-Disposition"),
			    "attachment; filename=\"board-paper-round.xlsx\"");
	assert_true(ex->res.body.len > 4 && memcmp(ex->res.body.data, "PK", 2) == 0);
	texchange_free(ex);
	texchange_free(testapp_expect(t, &viewer, "GET", path1("/selfanalysis/rounds/%lld/report?format=doc", id), NULL, 400));
}

/* ---- Frameworks ---- */

static const char small_framework[] =
	"{\"id\": \"three-levels\", \"title\": \"Three levels\", \"source\": \"A test\", \"version\": \"1\","
	" \"scale\": {\"points\": [{\"value\": 1, \"label\": \"Emerging\"}, {\"value\": 2, \"label\": \"Established\"},"
	" {\"value\": 3, \"label\": \"Advanced\"}], \"half_points\": false, \"dont_know\": true},"
	" \"standards\": [{\"number\": 1, \"key\": \"outcomes\", \"title\": \"Outcomes are agreed\", \"section\": \"Plan\"}]}";

static void test_frameworks(void **state)
{
	(void)state;
	struct testuser admin, viewer;
	partnership("sa-frameworks", &admin, &viewer);
	const char *body;
	assert_int_equal(testapp_fetch(t, &viewer, "GET", "/selfanalysis/frameworks", NULL, &body), 200);
	assert_contains(body, "csp-2009-12");
	assert_contains(body, "csp-2009-13");
	assert_contains(body, "Its scale and 13 standards");
	assert_contains(body, "govuk-details");
	assert_lacks(body, "/selfanalysis/frameworks/import");

	struct texchange *ex = testapp_upload(t, &admin, "/selfanalysis/frameworks/import", "{\"id\": 3}");
	assert_int_equal(ex->res.status, 400);
	assert_contains(texchange_body(ex), "href=\"#file\">The framework was not imported: ");
	texchange_free(ex);
	ex = testapp_upload(t, &admin, "/selfanalysis/frameworks/import", NULL);
	assert_int_equal(ex->res.status, 400);
	assert_contains(texchange_body(ex), "href=\"#file\">Select a framework file</a>");
	texchange_free(ex);
	ex = testapp_upload(t, &admin, "/selfanalysis/frameworks/import", small_framework);
	assert_int_equal(ex->res.status, 303);
	texchange_free(ex);
	assert_int_equal(testapp_fetch(t, &admin, "GET", "/selfanalysis/frameworks?done=imported", NULL, &body), 200);
	assert_contains(body, "Framework imported");
	assert_contains(body, "Three levels");
	assert_contains(body, "Advanced");
	assert_contains(body, "Outcomes are agreed");
	assert_contains(body, "Imported by the partnership on");
	/* The same id again is refused, with the store's words. */
	ex = testapp_upload(t, &admin, "/selfanalysis/frameworks/import", small_framework);
	assert_int_equal(ex->res.status, 400);
	texchange_free(ex);
	/* It can be used for a round. */
	add_round(&admin, "name=On+three+levels&framework=three-levels&mode=group");
	ex = testapp_upload(t, &viewer, "/selfanalysis/frameworks/import", small_framework);
	assert_int_equal(ex->res.status, 403);
	texchange_free(ex);
}

/* ---- Settings ---- */

static void test_settings(void **state)
{
	(void)state;
	struct testuser admin, viewer, commissioner;
	int64_t pid = partnership("sa-settings", &admin, &viewer);
	testapp_user(t, pid, ROLE_COMMISSIONER, &commissioner);
	const char *body;
	assert_int_equal(testapp_fetch(t, &admin, "GET", "/settings", NULL, &body), 200);
	assert_contains(body, "name=\"anonymity_k\"");
	assert_contains(body, "value=\"5\"");
	assert_int_equal(testapp_fetch(t, &admin, "POST", "/settings", "anonymity_k=2", &body), 400);
	assert_contains(body, "href=\"#anonymity_k\">Enter a whole number from 3 to 50</a>");
	assert_contains(body, "value=\"2\"");
	assert_int_equal(testapp_fetch(t, &admin, "POST", "/settings", "anonymity_k=ten", &body), 400);
	int k = 0;
	assert_int_equal(selfanalysis_k_get(app_db(&t->app), pid, &k), E_OK);
	assert_int_equal(k, 5);
	testapp_expect_redirect(t, &admin, "POST", "/settings", "anonymity_k=7", "/settings?done=changed");
	assert_int_equal(selfanalysis_k_get(app_db(&t->app), pid, &k), E_OK);
	assert_int_equal(k, 7);
	/* Others see it, and what it does, but cannot change it. */
	assert_int_equal(testapp_fetch(t, &commissioner, "GET", "/settings", NULL, &body), 200);
	assert_contains(body, "Fewest respondents shown");
	assert_contains(body, ">7<");
	assert_lacks(body, "name=\"anonymity_k\"");
	texchange_free(testapp_expect(t, &viewer, "POST", "/settings", "anonymity_k=9", 403));
	assert_int_equal(selfanalysis_k_get(app_db(&t->app), pid, &k), E_OK);
	assert_int_equal(k, 7);
}

/* ---- API ---- */

static json_t *api(const struct testuser *u, const char *target, int status)
{
	const char *body;
	assert_int_equal(testapp_fetch(t, u, "GET", target, NULL, &body), status);
	json_error_t err;
	json_t *j = json_loads(body, 0, &err);
	if (!j)
		fail_msg("GET %s: not JSON: %s", target, err.text);
	return j;
}

static void test_api(void **state)
{
	(void)state;
	struct testuser admin, viewer;
	partnership("sa-api", &admin, &viewer);
	int64_t later = oxon_round(&admin, "API+later", "2010-01-01", OXON_INTERVIEWS);
	int64_t earlier = oxon_round(&admin, "API+earlier", "2009-01-01", 5);

	json_t *j = api(&viewer, "/api/v1/selfanalysis/rounds", 200);
	assert_int_equal(json_integer_value(json_object_get(j, "total")), 2);
	json_t *first = json_array_get(json_object_get(j, "data"), 0);
	assert_string_equal(json_string_value(json_object_get(first, "name")), "API earlier");
	assert_string_equal(json_string_value(json_object_get(first, "mode")), "interviews");
	assert_int_equal(json_integer_value(json_object_get(first, "responses")), 5);
	json_decref(j);
	j = api(&viewer, "/api/v1/selfanalysis/rounds?limit=1&offset=1", 200);
	assert_int_equal(json_array_size(json_object_get(j, "data")), 1);
	assert_string_equal(json_string_value(json_object_get(json_array_get(json_object_get(j, "data"), 0), "name")),
			    "API later");
	json_decref(j);
	json_decref(api(&viewer, "/api/v1/selfanalysis/rounds?limit=0", 400));

	j = api(&viewer, path1("/api/v1/selfanalysis/rounds/%lld/results", later), 200);
	assert_int_equal(json_integer_value(json_object_get(json_object_get(j, "round"), "id")), later);
	assert_int_equal(json_integer_value(json_object_get(j, "respondents")), 10);
	json_t *data = json_object_get(j, "data");
	assert_int_equal(json_array_size(data), OXON_STATEMENTS);
	json_t *s6 = json_array_get(data, 5);
	assert_int_equal(json_integer_value(json_object_get(s6, "standard")), 6);
	assert_int_equal(json_integer_value(json_object_get(s6, "dont_know")), 2);
	assert_true(json_is_true(json_object_get(s6, "stated_mismatch")));
	assert_true(json_is_true(json_object_get(json_array_get(data, 4), "highest")));
	json_decref(j);

	j = api(&viewer, path2("/api/v1/selfanalysis/rounds/%lld/compare?with=%lld", later, earlier), 200);
	assert_string_equal(json_string_value(json_object_get(json_object_get(j, "earlier"), "name")), "API earlier");
	assert_string_equal(json_string_value(json_object_get(json_object_get(j, "later"), "name")), "API later");
	assert_int_equal(json_array_size(json_object_get(j, "data")), OXON_STATEMENTS);
	assert_non_null(json_string_value(json_object_get(json_array_get(json_object_get(j, "data"), 0), "words")));
	json_decref(j);

	/* Bad ids answer JSON errors. */
	j = api(&viewer, "/api/v1/selfanalysis/rounds/abc/results", 404);
	assert_string_equal(json_string_value(json_object_get(json_object_get(j, "error"), "code")), "not_found");
	json_decref(j);
	json_decref(api(&viewer, path1("/api/v1/selfanalysis/rounds/%lld/compare", later), 400));
	json_decref(api(&viewer, path1("/api/v1/selfanalysis/rounds/%lld/compare?with=x", later), 400));
	json_decref(api(&viewer, path2("/api/v1/selfanalysis/rounds/%lld/compare?with=%lld", later, later), 400));
	json_decref(api(&viewer, path2("/api/v1/selfanalysis/rounds/%lld/compare?with=%lld", later, later + 100000), 404));
}

/* ---- Another partnership's round ---- */

static void test_other_partnership(void **state)
{
	(void)state;
	struct testuser owner, stranger;
	partnership("sa-owner", &owner, NULL);
	int64_t pid = partnership("sa-stranger", &stranger, NULL);
	int64_t id = oxon_round(&owner, "Private", "2009-08-01", OXON_INTERVIEWS);
	struct round_data d;
	assert_int_equal(round_data_load(app_db(&t->app), &t->pool, owner.partnership_id, id, &d), E_OK);
	const char *base = path1("/selfanalysis/rounds/%lld", id);
	const struct request_check c[] = {
		{"GET", base, NULL, 404},
		{"GET", pool_printf(&t->pool, "%s/edit", base), NULL, 404},
		{"POST", pool_printf(&t->pool, "%s/edit", base), "name=Stolen", 404},
		{"GET", pool_printf(&t->pool, "%s/entry", base), NULL, 404},
		{"POST", pool_printf(&t->pool, "%s/entry", base), "score-1=1", 404},
		{"GET", pool_printf(&t->pool, "%s/import", base), NULL, 404},
		{"GET", pool_printf(&t->pool, "%s/results", base), NULL, 404},
		{"GET", pool_printf(&t->pool, "%s/compare", base), NULL, 404},
		{"GET", pool_printf(&t->pool, "%s/report?format=html", base), NULL, 404},
		{"POST", pool_printf(&t->pool, "%s/comments/%lld/select", base, (long long)d.comments[0].id), "selected=1", 404},
		{"GET", pool_printf(&t->pool, "/api/v1/selfanalysis/rounds/%lld/results", (long long)id), NULL, 404},
	};
	testapp_check_requests(t, &stranger, c, sizeof c / sizeof c[0]);
	struct texchange *ex = upload(&stranger, pool_printf(&t->pool, "%s/import", base), oxon_csv(2, 0), NULL);
	assert_int_equal(ex->res.status, 404);
	texchange_free(ex);
	/* Nothing changed, and the stranger's own lists hold none of it. */
	struct round r = get_round(owner.partnership_id, id);
	assert_string_equal(r.name, "Private");
	assert_int_equal(r.responses, OXON_INTERVIEWS);
	assert_int_equal(round_data_load(app_db(&t->app), &t->pool, owner.partnership_id, id, &d), E_OK);
	assert_false(d.comments[0].selected);
	json_t *j = api(&stranger, "/api/v1/selfanalysis/rounds", 200);
	assert_int_equal(json_integer_value(json_object_get(j, "total")), 0);
	json_decref(j);
	(void)pid;
}

/* ---- Anonymity everywhere: a round below k, a group round ---- */

/* Two interviews (k 5): no page, API or paper gives a figure, a chart dot,
 * a comment or an annex, and a comparison does not compare them. */
static void test_below_k_everywhere(void **state)
{
	(void)state;
	struct testuser admin, viewer;
	partnership("sa-below-k", &admin, &viewer);
	int64_t earlier = oxon_round(&admin, "Ten+people", "2009-01-01", OXON_INTERVIEWS);
	int64_t two = oxon_round(&admin, "Two+people", "2010-01-01", 2);
	const char *why = "Results are shown once at least 5 people have responded (2 so far), so that "
			  "no one's answers can be picked out.";
	const char *body;

	assert_int_equal(testapp_fetch(t, &viewer, "GET", path1("/selfanalysis/rounds/%lld/results", two), NULL,
				       &body), 200);
	assert_contains(body, "2 responses");
	assert_contains(body, escaped(why));
	assert_lacks(body, "id=\"summary-table\"");
	assert_lacks(body, "app-chart__dot");
	assert_lacks(body, "id=\"annex-table\"");
	assert_lacks(body, "id=\"comments\"");
	assert_lacks(body, "Joint planning is strong");
	assert_lacks(body, "fewer than 5 people responded (2)");

	json_t *j = api(&viewer, path1("/api/v1/selfanalysis/rounds/%lld/results", two), 200);
	assert_true(json_is_false(json_object_get(j, "figures_allowed")));
	assert_true(json_is_false(json_object_get(j, "annex_allowed")));
	assert_true(json_is_false(json_object_get(j, "comments_allowed")));
	assert_true(json_is_null(json_object_get(j, "annex")));
	assert_true(json_is_null(json_object_get(j, "comments")));
	json_t *why_json = json_object_get(j, "suppressed");
	assert_string_equal(json_string_value(json_object_get(why_json, "figures")), why);
	assert_non_null(strstr(json_string_value(json_object_get(why_json, "annex")), "fewer than 5 people"));
	assert_non_null(strstr(json_string_value(json_object_get(why_json, "comments")), "Comments are not shown"));
	json_t *data = json_object_get(j, "data");
	assert_int_equal(json_array_size(data), OXON_STATEMENTS);
	for (size_t i = 0; i < OXON_STATEMENTS; i++) {
		json_t *o = json_array_get(data, i);
		static const char *const nulls[] = {"n", "mean", "median", "min", "max", "rank", "stated_average"};
		for (size_t k = 0; k < sizeof nulls / sizeof nulls[0]; k++)
			assert_true(json_is_null(json_object_get(o, nulls[k])));
		assert_string_equal(json_string_value(json_object_get(o, "note")), why);
	}
	json_decref(j);

	/* Compared with a round of ten: not compared, no dot or count of its
	 * own, the reason in each row; the API likewise. */
	assert_int_equal(testapp_fetch(t, &viewer, "GET", path2("/selfanalysis/rounds/%lld/compare?with=%lld", two,
								earlier), NULL, &body), 200);
	assert_contains(body, escaped("Not compared: the later round's results are shown once at least 5 people "
				      "have responded (2 so far)"));
	assert_contains(body, "app-chart__dot app-chart__dot--hollow");
	assert_lacks(body, "<circle class=\"app-chart__dot\"");
	assert_lacks(body, "could be chance");
	assert_lacks(body, "id=\"compare-caveat\"");
	j = api(&viewer, path2("/api/v1/selfanalysis/rounds/%lld/compare?with=%lld", two, earlier), 200);
	json_t *row = json_array_get(json_object_get(j, "data"), 0);
	assert_int_equal(json_integer_value(json_object_get(row, "n_a")), 10);
	assert_true(json_is_null(json_object_get(row, "n_b")));
	assert_true(json_is_null(json_object_get(row, "mean_b")));
	assert_true(json_is_null(json_object_get(row, "p_value")));
	assert_true(json_is_null(json_object_get(j, "caveat")));
	json_decref(j);

	/* The board paper: the reason instead of the summary. */
	assert_int_equal(testapp_fetch(t, &viewer, "GET", path1("/selfanalysis/rounds/%lld/report?format=html", two),
				       NULL, &body), 200);
	assert_contains(body, escaped(why));
	assert_lacks(body, "Mean score of each standard");
	assert_lacks(body, "Joint planning is strong");
}

/* A group round's one response is the group's agreed scores: shown as
 * entered, with every figure, and never called too few people. */
static void test_group_round_results(void **state)
{
	(void)state;
	struct testuser admin, viewer;
	partnership("sa-group-results", &admin, &viewer);
	int64_t g = add_round(&admin, "name=Agreed&framework=csp-2009-12&mode=group");
	testapp_expect_redirect(t, &admin, "POST", path1("/selfanalysis/rounds/%lld/entry", g),
				"score-1=3&score-2=1+%2F+2&score-3=DK",
				path1("/selfanalysis/rounds/%lld?done=entered", g));
	const char *body;
	assert_int_equal(testapp_fetch(t, &viewer, "GET", path1("/selfanalysis/rounds/%lld/results", g), NULL, &body),
			 200);
	assert_lacks(body, "fewer than");
	assert_lacks(body, "Results are shown once");
	assert_contains(body, "id=\"summary-table\"");
	assert_contains(body, "Agreed scores as entered");
	const char *annex = strstr(body, "id=\"annex-table\"");
	assert_non_null(annex);
	assert_contains(annex, "<td class=\"govuk-table__cell govuk-table__cell--numeric\">1 / 2</td>");

	json_t *j = api(&viewer, path1("/api/v1/selfanalysis/rounds/%lld/results", g), 200);
	assert_true(json_is_true(json_object_get(j, "figures_allowed")));
	assert_true(json_is_null(json_object_get(json_object_get(j, "suppressed"), "figures")));
	assert_true(json_is_null(json_object_get(json_object_get(j, "suppressed"), "annex")));
	json_t *cells = json_array_get(json_object_get(j, "annex"), 0);
	assert_int_equal(json_array_size(json_object_get(j, "annex")), 1);
	assert_string_equal(json_string_value(json_array_get(cells, 0)), "3");
	assert_string_equal(json_string_value(json_array_get(cells, 1)), "1 / 2");
	assert_string_equal(json_string_value(json_array_get(cells, 2)), "Don't know");
	assert_true(json_is_null(json_array_get(cells, 3)));
	assert_int_equal(json_array_size(json_object_get(j, "comments")), 0);
	json_t *s2 = json_array_get(json_object_get(j, "data"), 1);
	assert_true(json_real_value(json_object_get(s2, "mean")) == 1.5);
	json_decref(j);

	assert_int_equal(testapp_fetch(t, &viewer, "GET", path1("/selfanalysis/rounds/%lld/report?format=html", g),
				       NULL, &body), 200);
	assert_lacks(body, "fewer than");
	assert_contains(body, "<td class=\"num\">1 / 2</td>");
	assert_contains(body, "Mean score of each standard");
}

/* Comments and the annex from the API when allowed; the caveat about
 * testing many standards on the compare page and in the API. */
static void test_api_annex_comments_caveat(void **state)
{
	(void)state;
	struct testuser admin, viewer;
	partnership("sa-api-annex", &admin, &viewer);
	int64_t earlier = oxon_round(&admin, "Six", "2009-01-01", 6);
	int64_t later = oxon_round(&admin, "Ten", "2010-01-01", OXON_INTERVIEWS);
	json_t *j = api(&viewer, path1("/api/v1/selfanalysis/rounds/%lld/results", later), 200);
	json_t *annex = json_object_get(j, "annex");
	assert_int_equal(json_array_size(annex), OXON_INTERVIEWS);
	/* Imported columns in their order: respondent 1's statement 1. */
	assert_string_equal(json_string_value(json_array_get(json_array_get(annex, 0), 0)), oxon[0][0]);
	json_t *comments = json_object_get(j, "comments");
	assert_int_equal(json_array_size(comments), 2);
	assert_int_equal(json_integer_value(json_object_get(json_array_get(comments, 0), "standard")), 5);
	assert_string_equal(json_string_value(json_array_get(json_object_get(json_array_get(comments, 0), "comments"), 0)),
			    "Joint planning is strong across the partnership");
	assert_null(json_object_get(json_array_get(comments, 0), "id"));
	json_decref(j);

	const char *caveat = "12 standards were compared. At p < 0.05, about 1 in 20 standards would show a "
			     "difference by chance alone, so read a single standard's result with care.";
	j = api(&viewer, path2("/api/v1/selfanalysis/rounds/%lld/compare?with=%lld", later, earlier), 200);
	assert_string_equal(json_string_value(json_object_get(j, "caveat")), caveat);
	json_decref(j);
	const char *body;
	assert_int_equal(testapp_fetch(t, &viewer, "GET", path2("/selfanalysis/rounds/%lld/compare?with=%lld", later,
								earlier), NULL, &body), 200);
	assert_contains(body, "id=\"compare-caveat\">12 standards were compared. At p &lt; 0.05, about 1 in 20 "
			      "standards would show a difference by chance alone, so read a single "
			      "standard&#39;s result with care.");
	/* p as every format gives it, "p = " and three decimals or below
	 * 0.001, in the table as in the words. */
	assert_contains(body, "<td class=\"govuk-table__cell govuk-table__cell--numeric\">p ");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_navigation_by_role),
		cmocka_unit_test(test_round_form_mistakes),
		cmocka_unit_test(test_round_edit_and_list),
		cmocka_unit_test(test_entry),
		cmocka_unit_test(test_import),
		cmocka_unit_test(test_results_page),
		cmocka_unit_test(test_results_anonymity),
		cmocka_unit_test(test_results_groups),
		cmocka_unit_test(test_comment_select),
		cmocka_unit_test(test_compare_page),
		cmocka_unit_test(test_report_download),
		cmocka_unit_test(test_frameworks),
		cmocka_unit_test(test_settings),
		cmocka_unit_test(test_api),
		cmocka_unit_test(test_other_partnership),
		cmocka_unit_test(test_below_k_everywhere),
		cmocka_unit_test(test_group_round_results),
		cmocka_unit_test(test_api_annex_comments_caveat),
	};
	return cmocka_run_group_tests(tests, testapp_group_setup, testapp_group_teardown);
}
