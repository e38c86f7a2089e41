/*
 * test_action_web.c: the action pages and API in-process through the
 * production route table on a demo database (both backends): adding an
 * action from a round's standard, the form's mistakes with nothing
 * written, offering another round's standards without losing what was
 * typed, changing an action, overdue in words, the list's filters, a
 * round's action plan in the framework's order, read-only roles, and
 * another partnership's actions, rounds and organisations answering 404
 * or "not on the list" and staying as they were.  What a page claims is
 * checked against the store.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "action/action.h"
#include "audit/audit.h"
#include "auth/token.h"
#include "db/db.h"
#include "partnership/partnership.h"
#include "selfanalysis/round.h"
#include "support/page_asserts.h"
#include "support/testapp.h"

static struct testapp *const t = &testapp_group;
static struct testuser admin, commissioner, viewer;
static int64_t round12, round13, org;
/* Another partnership's round, organisation and action. */
static int64_t other, their_round, their_org, their_action;

#define DB app_db(&t->app)
#define path1(fmt, a) pool_printf(&t->pool, fmt, (long long)(a))
#define path2(fmt, a, b) pool_printf(&t->pool, fmt, (long long)(a), (long long)(b))

static int64_t add_round(int64_t p, const char *framework, const char *name)
{
	struct round r = {.framework = framework, .name = name, .mode = ROUND_GROUP};
	int64_t id = 0;
	assert_int_equal(round_add(DB, &actor_cli, p, &r, &id), E_OK);
	return id;
}

/* A partnership of its own for a test, a user of it with role, and a
 * round on the 12-statement framework called round_name (its id in *round). */
static int64_t own_partnership(const char *slug, enum role role, struct testuser *u,
			       const char *round_name, int64_t *round)
{
	int64_t p = testapp_partnership(t, slug, NULL);
	testapp_user(t, p, role, u);
	*round = add_round(p, "csp-2009-12", round_name);
	return p;
}

static int group_setup(void **state)
{
	testapp_group_setup(state);
	testapp_user(t, t->partnership_id, ROLE_ADMIN, &admin);
	testapp_user(t, t->partnership_id, ROLE_COMMISSIONER, &commissioner);
	testapp_user(t, t->partnership_id, ROLE_VIEWER, &viewer);
	round12 = add_round(t->partnership_id, "csp-2009-12", "Plan round 2009");
	round13 = add_round(t->partnership_id, "csp-2009-13", "Plan round 2010");
	assert_int_equal(organisation_add(DB, &actor_cli, t->partnership_id, "Plan Owner Council",
					  "county_council", "both", NULL, &org), E_OK);
	other = testapp_partnership(t, "actionweb-other", NULL);
	their_round = add_round(other, "csp-2009-12", "Elsewhere round");
	assert_int_equal(organisation_add(DB, &actor_cli, other, "Elsewhere Council", "county_council",
					  "both", NULL, &their_org), E_OK);
	struct action_link l = {.kind = ACTION_LINK_SA_STANDARD, .ref_id = their_round, .ref_key = "market"};
	assert_int_equal(action_add(DB, &actor_cli, other, &(struct action_item){
		.title = "Elsewhere action", .owner_id = their_org, .links = &l, .n_links = 1}, &their_action), E_OK);
	return 0;
}

static struct action_item get(int64_t id)
{
	struct action_item a;
	assert_int_equal(action_get(DB, &t->pool, t->partnership_id, id, &a), E_OK);
	return a;
}

static size_t count(void)
{
	struct action_item *a;
	size_t n;
	assert_int_equal(action_list(DB, &t->pool, t->partnership_id, NULL, &a, &n), E_OK);
	return n;
}

/* How many audit events the test partnership has. */
static int64_t events(void)
{
	struct db_stmt *st = NULL;
	int64_t n = -1;
	assert_int_equal(db_prepare(DB, "SELECT COUNT(*) FROM audit_event WHERE partnership_id = $1", &st), E_OK);
	assert_int_equal(db_bind_i64(st, 1, t->partnership_id), E_OK);
	assert_int_equal(db_step(st), DB_ROW);
	n = db_col_i64(st, 0);
	db_finish(st);
	return n;
}

/* POST /actions/new as u; answers the new action's id (the highest). */
static int64_t add_action(const struct testuser *u, const char *form)
{
	struct texchange *ex = testapp_expect(t, u, "POST", "/actions/new", form, 303);
	const char *loc = texchange_header(ex, "Location");
	long long id = 0;
	assert_non_null(loc);
	assert_int_equal(sscanf(loc, "/actions/%lld?done=added", &id), 1);
	texchange_free(ex);
	assert_true(id > 0);
	return id;
}

static void test_new_from_a_standard(void **state)
{
	(void)state;
	const char *body;
	assert_int_equal(testapp_fetch(t, &admin, "GET", path1("/actions/new?round=%lld&standard=market", round12),
				       NULL, &body), 200);
	assert_contains(body, "<h1 class=\"govuk-heading-l\">Add an action</h1>");
	assert_contains(body, "Standards of Plan round 2009 it addresses");
	assert_contains(body, path1("value=\"%lld:market\" checked", round12));
	assert_contains(body, path1("value=\"%lld:outcomes\">", round12));
	assert_contains(body, "6. We invest wisely");
	assert_contains(body, path1("name=\"shown_round\" value=\"%lld\"", round12));
	assert_contains(body, "value=\"not_started\" checked");
	assert_contains(body, ">Plan Owner Council</option>");
	/* The other round is offered, this one not again; Cancel goes back to the plan. */
	assert_contains(body, path1("<option value=\"%lld\">Plan round 2010</option>", round13));
	assert_lacks(body, path1("<option value=\"%lld\">Plan round 2009</option>", round12));
	assert_contains(body, path1("href=\"/selfanalysis/rounds/%lld/actions\">Cancel</a>", round12));
	/* A key the framework lacks ticks nothing; another partnership's
	 * round, or none, is not found. */
	assert_int_equal(testapp_fetch(t, &admin, "GET", path1("/actions/new?round=%lld&standard=nope", round12),
				       NULL, &body), 200);
	assert_lacks(body, "\" checked>\n<label class=\"govuk-label govuk-checkboxes__label");
	const struct request_check c[] = {
		{"GET", path1("/actions/new?round=%lld", their_round), NULL, 404},
		{"GET", "/actions/new?round=987654", NULL, 404},
		{"GET", "/actions/new?round=abc", NULL, 404},
		{"GET", "/actions/new", NULL, 200},
	};
	testapp_check_requests(t, &admin, c, sizeof c / sizeof c[0]);
}

static void test_add_mistakes(void **state)
{
	(void)state;
	const char *body;
	size_t before = count();
	assert_int_equal(testapp_fetch(t, &admin, "POST", "/actions/new", "title=+&status=", &body), 400);
	assert_contains(body, "<title>Error: ");
	assert_contains(body, "href=\"#title\">Enter what the action is</a>");
	assert_contains(body, "href=\"#status\">Select the action&#39;s status</a>");

	const struct {
		const char *form, *field, *message;
	} cases[] = {
		{"title=Kept+Title&status=done&due=31%2F03%2F2027", "due",
		 "Enter the due date as year-month-day, for example 2027-03-31"},
		{"title=Kept+Title&status=done&due=2027-02-30", "due", "Due date must be a real date"},
		{"title=Kept+Title&status=finished", "status", "Select the action&#39;s status"},
		{"title=Kept+Title&status=done&owner=987654", "owner", "Select an organisation from the list"},
		{"title=Kept+Title&status=done&owner=x", "owner", "Select an organisation from the list"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		assert_int_equal(testapp_fetch(t, &admin, "POST", "/actions/new", cases[i].form, &body), 400);
		assert_contains(body, pool_printf(&t->pool, "href=\"#%s\">%s</a>", cases[i].field, cases[i].message));
		assert_contains(body, "value=\"Kept Title\"");
	}
	/* Another partnership's organisation, round and standard are not on the lists. */
	assert_int_equal(testapp_fetch(t, &admin, "POST", "/actions/new",
				       path1("title=Reach&status=done&owner=%lld", their_org), &body), 400);
	assert_contains(body, "Select an organisation from the list");
	assert_int_equal(testapp_fetch(t, &admin, "POST", "/actions/new",
				       path2("title=Reach&status=done&shown_round=%lld&standard=%lld%%3Amarket",
					     their_round, their_round), &body), 400);
	assert_contains(body, "Select standards from the list");
	assert_lacks(body, "Elsewhere");
	assert_int_equal(testapp_fetch(t, &admin, "POST", "/actions/new",
				       path2("title=Reach&status=done&shown_round=%lld&standard=%lld%%3Amarket",
					     round12, their_round), &body), 400);
	assert_contains(body, path1("href=\"#standard-%lld\">Select standards from the list</a>", round12));
	assert_int_equal(testapp_fetch(t, &admin, "POST", "/actions/new",
				       path2("title=Reach&status=done&shown_round=%lld&standard=%lld%%3Anope",
					     round12, round12), &body), 400);
	assert_contains(body, "Select standards from the list");
	assert_int_equal(count(), before);
}

static void test_add_and_show(void **state)
{
	(void)state;
	const char *body;
	int64_t id = add_action(&commissioner, pool_printf(&t->pool,
		"title=Publish+a+market+position+statement&owner=%lld&lead=Head+of+Commissioning&due=2027-03-31"
		"&status=in_progress&shown_round=%lld&standard=%lld%%3Amarket&standard=%lld%%3Aoutcomes",
		(long long)org, (long long)round12, (long long)round12, (long long)round12));
	struct action_item a = get(id);
	assert_string_equal(a.title, "Publish a market position statement");
	assert_int_equal(a.owner_id, org);
	assert_string_equal(a.lead, "Head of Commissioning");
	assert_string_equal(a.due_on, "2027-03-31");
	assert_string_equal(a.status, "in_progress");
	assert_int_equal(a.n_links, 2);
	assert_true(action_links_standard(&a, round12, "market"));
	assert_true(action_links_standard(&a, round12, "outcomes"));
	struct audit_filter f = {.limit = 1};
	struct audit_event *ev;
	size_t n;
	int more;
	assert_int_equal(audit_list(DB, &t->pool, t->partnership_id, &f, &ev, &n, &more), E_OK);
	assert_string_equal(ev[0].entity, "action");
	assert_string_equal(ev[0].action, "create");
	assert_string_equal(ev[0].actor, commissioner.email);
	assert_int_equal(ev[0].entity_id, id);

	assert_int_equal(testapp_fetch(t, &viewer, "GET", path1("/actions/%lld?done=added", id), NULL, &body), 200);
	assert_contains(body, "Action added");
	assert_contains(body, "<h1 class=\"govuk-heading-l\">Publish a market position statement</h1>");
	assert_contains(body, "Plan Owner Council");
	assert_contains(body, "Head of Commissioning");
	assert_contains(body, "31 March 2027");
	assert_contains(body, "In progress");
	assert_contains(body, path1("href=\"/selfanalysis/rounds/%lld/actions\">Plan round 2009: action plan</a>", round12));
	assert_contains(body, "1. We are clear and agreed about the outcome improvements");
	assert_contains(body, "6. We invest wisely");
	assert_lacks(body, "/edit");
	assert_int_equal(testapp_fetch(t, &admin, "GET", path1("/actions/%lld", id), NULL, &body), 200);
	assert_contains(body, path1("href=\"/actions/%lld/edit#due\"", id));
	assert_lacks(body, "govuk-notification-banner");
}

static void test_edit(void **state)
{
	(void)state;
	const char *body;
	int64_t id = add_action(&admin, pool_printf(&t->pool,
		"title=Agree+outcomes&status=not_started&shown_round=%lld&standard=%lld%%3Aoutcomes",
		(long long)round12, (long long)round12));
	assert_int_equal(testapp_fetch(t, &admin, "GET", path1("/actions/%lld/edit", id), NULL, &body), 200);
	assert_contains(body, "<h1 class=\"govuk-heading-l\">Change action</h1>");
	assert_contains(body, "value=\"Agree outcomes\"");
	assert_contains(body, path1("value=\"%lld:outcomes\" checked", round12));
	assert_contains(body, path1("action=\"/actions/%lld/edit\"", id));
	assert_contains(body, "Save changes");

	/* Another round's standards, offered: what was typed is kept and
	 * nothing is saved. */
	int64_t before = events();
	assert_int_equal(testapp_fetch(t, &admin, "POST", path1("/actions/%lld/edit", id), pool_printf(&t->pool,
		"title=Agree+outcomes+with+schools&status=in_progress&shown_round=%lld&standard=%lld%%3Aoutcomes"
		"&round_to_add=%lld&add_round=1", (long long)round12, (long long)round12, (long long)round13),
		&body), 200);
	assert_contains(body, "value=\"Agree outcomes with schools\"");
	assert_contains(body, "value=\"in_progress\" checked");
	assert_contains(body, path1("value=\"%lld:outcomes\" checked", round12));
	assert_contains(body, "Standards of Plan round 2010 it addresses");
	assert_contains(body, path1("value=\"%lld:joint-commissioning-arrangements\">", round13));
	assert_lacks(body, "There is a problem");
	assert_int_equal(events(), before);
	assert_string_equal(get(id).title, "Agree outcomes");
	/* Offering another partnership's round is refused. */
	assert_int_equal(testapp_fetch(t, &admin, "POST", path1("/actions/%lld/edit", id), pool_printf(&t->pool,
		"title=X&status=done&round_to_add=%lld&add_round=1", (long long)their_round), &body), 400);
	assert_contains(body, "href=\"#round_to_add\">Select a round from the list</a>");
	assert_lacks(body, "Elsewhere");

	/* Saved with a standard of each round. */
	testapp_expect_redirect(t, &admin, "POST", path1("/actions/%lld/edit", id), pool_printf(&t->pool,
		"title=Agree+outcomes+with+schools&status=done&due=2026-09-30&owner=%lld"
		"&shown_round=%lld&shown_round=%lld&standard=%lld%%3Agovernance"
		"&standard=%lld%%3Ajoint-commissioning-arrangements", (long long)org, (long long)round12,
		(long long)round13, (long long)round12, (long long)round13), path1("/actions/%lld?done=changed", id));
	struct action_item a = get(id);
	assert_string_equal(a.title, "Agree outcomes with schools");
	assert_string_equal(a.status, "done");
	assert_string_equal(a.due_on, "2026-09-30");
	assert_int_equal(a.owner_id, org);
	assert_int_equal(a.n_links, 2);
	assert_false(action_links_standard(&a, round12, "outcomes"));
	assert_true(action_links_standard(&a, round12, "governance"));
	assert_true(action_links_standard(&a, round13, "joint-commissioning-arrangements"));
	assert_int_equal(events(), before + 1);

	/* The same again changes nothing and records nothing. */
	testapp_expect_redirect(t, &admin, "POST", path1("/actions/%lld/edit", id), pool_printf(&t->pool,
		"title=Agree+outcomes+with+schools&status=done&due=2026-09-30&owner=%lld"
		"&shown_round=%lld&shown_round=%lld&standard=%lld%%3Agovernance"
		"&standard=%lld%%3Ajoint-commissioning-arrangements", (long long)org, (long long)round12,
		(long long)round13, (long long)round12, (long long)round13), path1("/actions/%lld?done=changed", id));
	assert_int_equal(events(), before + 1);

	/* Edit shows both rounds' fieldsets, ticked. */
	assert_int_equal(testapp_fetch(t, &admin, "GET", path1("/actions/%lld/edit", id), NULL, &body), 200);
	assert_contains(body, path1("value=\"%lld:governance\" checked", round12));
	assert_contains(body, path1("value=\"%lld:joint-commissioning-arrangements\" checked", round13));
	assert_contains(body, "value=\"2026-09-30\"");
	assert_contains(body, pool_printf(&t->pool, "<option value=\"%lld\" selected>Plan Owner Council</option>",
					  (long long)org));
}

static void test_overdue_and_filters(void **state)
{
	(void)state;
	const char *body;
	struct testuser u;
	int64_t r, p = own_partnership("actionweb-filters", ROLE_ANALYST, &u, "Filter round", &r);
	struct action_link l = {.kind = ACTION_LINK_SA_STANDARD, .ref_id = r, .ref_key = "learning"};
	int64_t late, done;
	assert_int_equal(action_add(DB, &actor_cli, p, &(struct action_item){.title = "Late one",
		.due_on = "2001-01-01", .links = &l, .n_links = 1}, &late), E_OK);
	assert_int_equal(action_add(DB, &actor_cli, p, &(struct action_item){.title = "Done one",
		.due_on = "2001-01-01", .status = "done"}, &done), E_OK);
	assert_int_equal(action_add(DB, &actor_cli, p, &(struct action_item){.title = "Future one",
		.due_on = "9000-01-01"}, NULL), E_OK);

	/* Overdue is said in words, and only of what is still open. */
	assert_int_equal(testapp_fetch(t, &u, "GET", "/actions", NULL, &body), 200);
	assert_contains(body, "3 actions, 1 overdue.");
	assert_contains(body, "Overdue: due 1 January 2001");
	assert_int_equal(page_count(body, "Overdue: due"), 1);
	assert_contains(body, ">Overdue</strong>");
	assert_contains(body, "1 January 9000");
	assert_contains(body, path1("href=\"/selfanalysis/rounds/%lld/actions\">Filter round, standard 12</a>", r));
	assert_contains(body, "href=\"/actions/new\"");

	const struct page_check pages[] = {
		{"/actions?status=done", 200, {"1 action matches, 0 overdue.", ">Done one</a>"}, {">Late one</a>"}},
		{path1("/actions?round=%lld", r), 200, {">Late one</a>", "1 action matches, 1 overdue."}, {">Done one</a>"}},
		{"/actions?status=dropped", 200, {"No actions match."}, {"<table"}},
		/* Filters no select offers are no filter. */
		{"/actions?status=gone&round=abc", 200, {"3 actions, 1 overdue."}, {NULL}},
		{path1("/actions?round=%lld", their_round), 200, {"3 actions, 1 overdue."}, {"Elsewhere"}},
	};
	testapp_check_pages(t, &u, pages, sizeof pages / sizeof pages[0]);
	assert_int_equal(testapp_fetch(t, &u, "GET", path1("/actions/%lld", late), NULL, &body), 200);
	assert_contains(body, "Overdue: due 1 January 2001");
	assert_int_equal(testapp_fetch(t, &u, "GET", path1("/actions/%lld", done), NULL, &body), 200);
	assert_lacks(body, "Overdue");
}

static void test_round_plan(void **state)
{
	(void)state;
	const char *body;
	int64_t p = testapp_partnership(t, "actionweb-plan", NULL);
	struct testuser w, v;
	testapp_user(t, p, ROLE_COMMISSIONER, &w);
	testapp_user(t, p, ROLE_BOARD_MEMBER, &v);
	int64_t r = add_round(p, "csp-2009-13", "Plan 13"), r2 = add_round(p, "csp-2009-12", "Plan 12");
	struct action_link both[] = {
		{.kind = ACTION_LINK_SA_STANDARD, .ref_id = r, .ref_key = "market"},
		{.kind = ACTION_LINK_SA_STANDARD, .ref_id = r, .ref_key = "outcomes"},
	};
	struct action_link elsewhere = {.kind = ACTION_LINK_SA_STANDARD, .ref_id = r2, .ref_key = "workforce"};
	assert_int_equal(action_add(DB, &actor_cli, p, &(struct action_item){.title = "Twice linked",
		.links = both, .n_links = 2}, NULL), E_OK);
	assert_int_equal(action_add(DB, &actor_cli, p, &(struct action_item){.title = "Other round's",
		.links = &elsewhere, .n_links = 1}, NULL), E_OK);

	assert_int_equal(testapp_fetch(t, &w, "GET", path1("/selfanalysis/rounds/%lld/actions", r), NULL, &body), 200);
	assert_contains(body, "<h1 class=\"govuk-heading-l\">Action plan</h1>");
	assert_contains(body, "1 action is linked to this round&#39;s standards, 0 overdue.");
	/* Standards in the framework's order, the action under each of its two. */
	const char *s1 = strstr(body, "id=\"standard-outcomes\">Standard 1</h2>");
	const char *s4 = strstr(body, "id=\"standard-joint-commissioning-arrangements\">Standard 4</h2>");
	const char *s7 = strstr(body, "id=\"standard-market\">Standard 7</h2>");
	const char *s13 = strstr(body, "id=\"standard-learning\">Standard 13</h2>");
	assert_true(s1 && s4 && s7 && s13 && s1 < s4 && s4 < s7 && s7 < s13);
	assert_int_equal(page_count(body, ">Twice linked</a>"), 2);
	const char *first = strstr(body, ">Twice linked</a>");
	assert_true(first > s1 && first < s4);
	assert_true(strstr(first + 1, ">Twice linked</a>") > s7);
	assert_lacks(body, "Other round&#39;s");
	assert_contains(body, path1("href=\"/actions/new?round=%lld&amp;standard=market\">Add an action", r));
	assert_int_equal(page_count(body, ">Add an action<span"), 13);

	assert_int_equal(testapp_fetch(t, &v, "GET", path1("/selfanalysis/rounds/%lld/actions", r), NULL, &body), 200);
	assert_lacks(body, "Add an action");
	assert_contains(body, ">Twice linked</a>");
	const struct request_check c[] = {
		{"GET", path1("/selfanalysis/rounds/%lld/actions", their_round), NULL, 404},
		{"GET", "/selfanalysis/rounds/987654/actions", NULL, 404},
	};
	testapp_check_requests(t, &w, c, sizeof c / sizeof c[0]);
}

static void test_api(void **state)
{
	(void)state;
	struct testuser u;
	int64_t r, p = own_partnership("actionweb-api", ROLE_VIEWER, &u, "Api round", &r);
	struct action_link l = {.kind = ACTION_LINK_SA_STANDARD, .ref_id = r, .ref_key = "governance"};
	int64_t a1, a2;
	assert_int_equal(action_add(DB, &actor_cli, p, &(struct action_item){.title = "Api first",
		.lead = "Chair", .due_on = "2001-02-03", .links = &l, .n_links = 1}, &a1), E_OK);
	assert_int_equal(action_add(DB, &actor_cli, p, &(struct action_item){.title = "Api second",
		.status = "done"}, &a2), E_OK);
	char tok[TOKEN_SIZE];
	assert_int_equal(token_create(DB, &actor_cli, u.id, "script", tok, NULL), E_OK);

	json_t *j = testapp_api_get(t, "/api/v1/actions", tok, 200);
	assert_int_equal(json_integer_value(json_object_get(j, "total")), 2);
	json_t *d = json_object_get(j, "data");
	assert_int_equal(json_array_size(d), 2);
	json_t *o = json_array_get(d, 0);
	assert_int_equal(json_integer_value(json_object_get(o, "id")), a1);
	assert_string_equal(json_string_value(json_object_get(o, "title")), "Api first");
	assert_string_equal(json_string_value(json_object_get(o, "lead")), "Chair");
	assert_string_equal(json_string_value(json_object_get(o, "due_on")), "2001-02-03");
	assert_string_equal(json_string_value(json_object_get(o, "status")), "not_started");
	assert_true(json_is_true(json_object_get(o, "overdue")));
	assert_true(json_is_null(json_object_get(o, "owner_organisation_id")));
	json_t *link = json_array_get(json_object_get(o, "links"), 0);
	assert_string_equal(json_string_value(json_object_get(link, "kind")), "sa_standard");
	assert_int_equal(json_integer_value(json_object_get(link, "round_id")), r);
	assert_string_equal(json_string_value(json_object_get(link, "round")), "Api round");
	assert_string_equal(json_string_value(json_object_get(link, "standard")), "governance");
	assert_true(json_is_false(json_object_get(json_array_get(d, 1), "overdue")));
	json_decref(j);

	j = testapp_api_get(t, "/api/v1/actions?status=done", tok, 200);
	assert_int_equal(json_integer_value(json_object_get(j, "total")), 1);
	assert_int_equal(json_integer_value(json_object_get(json_array_get(json_object_get(j, "data"), 0), "id")), a2);
	json_decref(j);
	j = testapp_api_get(t, path1("/api/v1/actions?round=%lld", r), tok, 200);
	assert_int_equal(json_integer_value(json_object_get(j, "total")), 1);
	json_decref(j);
	j = testapp_api_get(t, "/api/v1/actions?limit=1&offset=1", tok, 200);
	assert_int_equal(json_integer_value(json_object_get(j, "total")), 2);
	assert_int_equal(json_array_size(json_object_get(j, "data")), 1);
	assert_string_equal(json_string_value(json_object_get(json_array_get(json_object_get(j, "data"), 0),
							       "title")), "Api second");
	json_decref(j);
	/* Another partnership's round: nothing, as for a round that does not exist. */
	j = testapp_api_get(t, path1("/api/v1/actions?round=%lld", their_round), tok, 200);
	assert_int_equal(json_integer_value(json_object_get(j, "total")), 0);
	json_decref(j);
	const char *bad[] = {"/api/v1/actions?status=gone", "/api/v1/actions?round=abc",
			     "/api/v1/actions?round=", "/api/v1/actions?limit=0"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		j = testapp_api_get(t, bad[i], tok, 400);
		assert_string_equal(json_string_value(json_object_get(json_object_get(j, "error"), "code")),
				    "bad_request");
		json_decref(j);
	}
	json_decref(testapp_api_get(t, "/api/v1/actions", NULL, 401));
}

static void test_read_only_roles(void **state)
{
	(void)state;
	int64_t id = add_action(&admin, "title=Read+only+action&status=not_started");
	const enum role roles[] = {ROLE_BOARD_MEMBER, ROLE_PROVIDER, ROLE_VIEWER};
	for (size_t r = 0; r < sizeof roles / sizeof roles[0]; r++) {
		struct testuser u;
		testapp_user(t, t->partnership_id, roles[r], &u);
		const struct request_check c[] = {
			{"GET", "/actions", NULL, 200},
			{"GET", path1("/actions/%lld", id), NULL, 200},
			{"GET", path1("/selfanalysis/rounds/%lld/actions", round12), NULL, 200},
			{"GET", "/actions/new", NULL, 403},
			{"POST", "/actions/new", "title=Sneaky&status=done", 403},
			{"GET", path1("/actions/%lld/edit", id), NULL, 403},
			{"POST", path1("/actions/%lld/edit", id), "title=Sneaky&status=done", 403},
		};
		testapp_check_requests(t, &u, c, sizeof c / sizeof c[0]);
	}
	struct testuser national;
	testapp_user(t, 0, ROLE_NATIONAL, &national);
	testapp_check_requests(t, &national, (const struct request_check[]){{"GET", "/actions", NULL, 403}}, 1);
	assert_string_equal(get(id).title, "Read only action");
}

static void test_other_partnership(void **state)
{
	(void)state;
	const struct request_check c[] = {
		{"GET", path1("/actions/%lld", their_action), NULL, 404},
		{"GET", path1("/actions/%lld/edit", their_action), NULL, 404},
		{"POST", path1("/actions/%lld/edit", their_action), "title=Taken+over&status=done", 404},
		{"GET", "/actions/987654", NULL, 404},
		{"GET", "/actions/abc", NULL, 404},
	};
	testapp_check_requests(t, &admin, c, sizeof c / sizeof c[0]);
	const struct page_check pages[] = {
		{"/actions", 200, {NULL}, {"Elsewhere"}},
		{"/actions/new", 200, {NULL}, {"Elsewhere"}},
	};
	testapp_check_pages(t, &admin, pages, 2);
	struct action_item a;
	assert_int_equal(action_get(DB, &t->pool, other, their_action, &a), E_OK);
	assert_string_equal(a.title, "Elsewhere action");
	assert_int_equal(a.owner_id, their_org);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_new_from_a_standard),
		cmocka_unit_test(test_add_mistakes),
		cmocka_unit_test(test_add_and_show),
		cmocka_unit_test(test_edit),
		cmocka_unit_test(test_overdue_and_filters),
		cmocka_unit_test(test_round_plan),
		cmocka_unit_test(test_api),
		cmocka_unit_test(test_read_only_roles),
		cmocka_unit_test(test_other_partnership),
	};
	return cmocka_run_group_tests(tests, group_setup, testapp_group_teardown);
}
