/*
 * test_audit_web.c: the audit trail page, in-process through the
 * production route table on a demo database (both backends): a change made
 * through a page shows up with its fields before and after, each filter
 * narrows what is shown (a person in any case), bad filter values are a
 * 400 with an error summary, paging by event id reaches every event once,
 * only administrators get in, and another partnership's events never
 * appear.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit/audit.h"
#include "http/urlencoded.h"
#include "partnership/board.h"
#include "partnership/partnership.h"
#include "support/page_asserts.h"
#include "support/testapp.h"

static struct testapp *const t = &testapp_group;
static struct testuser admin;
static int64_t board_id;

#define ARROW " \xe2\x86\x92 "

/* A board added and then changed through the pages, so the trail has an
 * update by the admin with a before and an after. */
static int group_setup(void **state)
{
	testapp_group_setup(state);
	testapp_user(t, t->partnership_id, ROLE_ADMIN, &admin);
	texchange_free(testapp_expect(t, &admin, "POST", "/boards/new",
				      "name=Audit+Before&kind=other&purpose=Old+purpose", 303));
	struct board *all;
	size_t n;
	assert_int_equal(board_list(app_db(&t->app), &t->pool, t->partnership_id, 1, &all, &n), E_OK);
	for (size_t i = 0; i < n; i++)
		if (strcmp(all[i].name, "Audit Before") == 0)
			board_id = all[i].id;
	assert_true(board_id > 0);
	texchange_free(testapp_expect(t, &admin, "POST", pool_printf(&t->pool, "/boards/%lld/edit", (long long)board_id),
				      "name=Audit+After&kind=other&purpose=Old+purpose", 303));
	return 0;
}

static void test_shows_change(void **state)
{
	(void)state;
	const char *body;
	assert_int_equal(testapp_fetch(t, &admin, "GET", "/audit", NULL, &body), 200);
	assert_contains(body, "<h1 class=\"govuk-heading-l\">Audit trail</h1>");
	assert_contains(body, "name: Audit Before" ARROW "Audit After");
	/* Only the fields that differ: the purpose stayed the same. */
	assert_lacks(body, "purpose: Old purpose" ARROW);
	assert_contains(body, pool_printf(&t->pool, "href=\"/boards/%lld\">Board or group: Audit After</a>", (long long)board_id));
	assert_contains(body, admin.email);
	assert_contains(body, ">Changed</td>");
	/* The add shows the values it was made with. */
	assert_contains(body, "name: Audit Before</li>");
	assert_contains(body, ">Added</td>");
	/* Newest first: the change comes before the add. */
	assert_true(strstr(body, "name: Audit Before" ARROW) < strstr(body, "name: Audit Before</li>"));
}

/* A membership's event links to its board and names its organisation. */
static void test_membership(void **state)
{
	(void)state;
	struct organisation *orgs;
	size_t n;
	assert_int_equal(organisation_list(app_db(&t->app), &t->pool, t->partnership_id, &orgs, &n), E_OK);
	assert_true(n > 0);
	texchange_free(testapp_expect(t, &admin, "POST", pool_printf(&t->pool, "/boards/%lld/members", (long long)board_id),
				      pool_printf(&t->pool, "organisation=%lld&position=Audited+chair", (long long)orgs[0].id),
				      303));
	const char *body;
	assert_int_equal(testapp_fetch(t, &admin, "GET", "/audit?kind=board_member&action=add_member", NULL, &body), 200);
	assert_contains(body, pool_printf(&t->pool, "href=\"/boards/%lld\">Board membership: %s</a>", (long long)board_id,
				   orgs[0].name));
	assert_contains(body, "position: Audited chair</li>");
}

static void test_filters(void **state)
{
	(void)state;
	const char *change = "name: Audit Before" ARROW "Audit After";
	const struct page_check pages[] = {
		{"/audit?kind=board&action=update", 200,
		 {change, "<option value=\"board\" selected>", "<option value=\"update\" selected>"},
		 {">Added</td>"}},
		{"/audit?kind=organisation", 200, {NULL}, {change}},
		{"/audit?action=retire", 200, {NULL}, {change}},
		{pool_printf(&t->pool, "/audit?person=%s", url_query_encode(&t->pool, admin.email)), 200, {change}, {NULL}},
		{"/audit?person=nobody%40test.jcs.invalid", 200,
		 {"No events match these filters.", "value=\"nobody@test.jcs.invalid\""}, {change}},
		{"/audit?from=2000-01-01&to=2999-12-31", 200, {change}, {NULL}},
		{"/audit?to=2000-01-01", 200, {NULL}, {change}},
		{"/audit?from=2999-01-01", 200, {NULL}, {change}},
	};
	testapp_check_pages(t, &admin, pages, sizeof pages / sizeof pages[0]);
}

/* The person filter finds people as their emails are stored: trimmed and
 * in lower case, whatever the case typed; "command line" in any case. */
static void test_person_any_case(void **state)
{
	(void)state;
	const char *change = "name: Audit Before" ARROW "Audit After";
	char *shouted = pool_printf(&t->pool, "  %s ", admin.email);
	for (char *c = shouted; *c; c++)
		if (*c >= 'a' && *c <= 'z')
			*c = (char)(*c - 'a' + 'A');
	const char *target = pool_printf(&t->pool, "/audit?person=%s", url_query_encode(&t->pool, shouted));
	const char *body;
	assert_int_equal(testapp_fetch(t, &admin, "GET", target, NULL, &body), 200);
	assert_contains(body, change);
	/* The box keeps what was typed. */
	assert_contains(body, pool_printf(&t->pool, "value=\"%s\"", shouted));
	/* Only that person's events. */
	assert_lacks(body, ">command line</td>");

	const struct page_check pages[] = {
		{"/audit?person=+Command+LINE+", 200, {">command line</td>"}, {change}},
		{"/audit?person=NOBODY%40TEST.JCS.INVALID", 200, {"No events match these filters."}, {change}},
		{"/audit?person=Somebody", 200, {"No events match these filters."}, {change}},
	};
	testapp_check_pages(t, &admin, pages, sizeof pages / sizeof pages[0]);
}

static void test_bad_filters(void **state)
{
	(void)state;
	const struct page_check pages[] = {
		{"/audit?kind=password", 400,
		 {"<title>Error: ", "href=\"#kind\">Select a kind of record from the list</a>"}, {"name: Audit"}},
		{"/audit?action=drop", 400, {"href=\"#action\">"}, {NULL}},
		{"/audit?from=2026-02-30&to=next+week", 400,
		 {"href=\"#from\">Enter the start date as a real date", "href=\"#to\">Enter the end date as a real date",
		  "value=\"next week\""},
		 {NULL}},
		{"/audit?from=2026-11-02&to=2026-11-01", 400, {"The end date must be the same as or after the start date"},
		 {NULL}},
		{"/audit?before=-3", 400, {"The link to older events is not valid"}, {NULL}},
		/* 29 February only in leap years. */
		{"/audit?from=2023-02-29", 400, {NULL}, {NULL}},
		{"/audit?from=2024-02-29", 200, {NULL}, {NULL}},
	};
	testapp_check_pages(t, &admin, pages, sizeof pages / sizeof pages[0]);
}

/* The href of the "Older events" link, decoded from the attribute. */
static const char *older_link(const char *body)
{
	const char *p = strstr(body, "rel=\"next\" href=\"");
	if (!p)
		return NULL;
	p += strlen("rel=\"next\" href=\"");
	const char *end = strchr(p, '"');
	char *s = pool_strndup(&t->pool, p, (size_t)(end - p));
	for (char *a; (a = strstr(s, "&amp;"));)
		memmove(a + 1, a + 5, strlen(a + 5) + 1);
	return s;
}

static void test_paging(void **state)
{
	(void)state;
	struct db *db = app_db(&t->app);
	struct testuser pager;
	testapp_user(t, t->partnership_id, ROLE_ADMIN, &pager);
	const struct actor a = {.user_id = pager.id, .label = pager.email};
	int64_t b;
	assert_int_equal(board_add(db, &a, t->partnership_id, "Paged 0", "other", "", 0, 0, &b), E_OK);
	for (int i = 1; i <= 60; i++)
		assert_int_equal(board_update(db, &a, t->partnership_id, b, pool_printf(&t->pool, "Paged %d", i),
					      "other", "", 0, 0), E_OK);

	/* 61 events by this person: the newest 50, then the other 11. */
	const char *body;
	const char *first = pool_printf(&t->pool, "/audit?kind=board&person=%s", url_query_encode(&t->pool, pager.email));
	assert_int_equal(testapp_fetch(t, &admin, "GET", first, NULL, &body), 200);
	assert_int_equal(page_count(body, "<time "), 50);
	assert_contains(body, "name: Paged 59" ARROW "Paged 60<");
	assert_contains(body, "name: Paged 10" ARROW "Paged 11<");
	assert_lacks(body, "name: Paged 9" ARROW "Paged 10<");
	assert_lacks(body, ">Newest events</a>");
	const char *next = older_link(body);
	assert_non_null(next);
	assert_contains(next, "kind=board");
	assert_contains(next, "person=");

	assert_int_equal(testapp_fetch(t, &admin, "GET", next, NULL, &body), 200);
	assert_int_equal(page_count(body, "<time "), 11);
	assert_contains(body, "name: Paged 9" ARROW "Paged 10<");
	assert_contains(body, "name: Paged 0" ARROW "Paged 1<");
	assert_contains(body, "name: Paged 0</li>");
	assert_lacks(body, "name: Paged 10" ARROW);
	assert_contains(body, ">Newest events</a>");
	assert_null(older_link(body));
}

static void test_admins_only(void **state)
{
	(void)state;
	const enum role roles[] = {ROLE_COMMISSIONER, ROLE_ANALYST, ROLE_BOARD_MEMBER, ROLE_PROVIDER,
				   ROLE_VIEWER};
	for (size_t i = 0; i < sizeof roles / sizeof roles[0]; i++) {
		struct testuser u;
		testapp_user(t, t->partnership_id, roles[i], &u);
		const char *body;
		assert_int_equal(testapp_fetch(t, &u, "GET", "/audit", NULL, &body), 403);
		assert_lacks(body, "Audit Before");
	}
	struct testuser national;
	testapp_user(t, 0, ROLE_NATIONAL, &national);
	assert_int_equal(testapp_fetch(t, &national, "GET", "/audit", NULL, NULL), 403);
	/* Not signed in: sent to sign in, shown nothing. */
	const char *body;
	int status = testapp_fetch(t, NULL, "GET", "/audit", NULL, &body);
	assert_true(status == 303 || status == 401 || status == 403);
	assert_lacks(body, "Audit Before");
}

static void test_other_partnership(void **state)
{
	(void)state;
	struct db *db = app_db(&t->app);
	int64_t other, org;
	assert_int_equal(partnership_create(db, &actor_cli, "auditweb-other", "Other Trust", &other), E_OK);
	assert_int_equal(organisation_add(db, &actor_cli, other, "Hidden Marker Council", "county_council",
					  "commissioner", NULL, &org), E_OK);
	struct testuser theirs;
	testapp_user(t, other, ROLE_ADMIN, &theirs);

	const struct page_check mine[] = {
		{"/audit?kind=organisation", 200, {NULL}, {"Hidden Marker"}},
		{"/audit?person=command+line", 200, {NULL}, {"Hidden Marker"}},
	};
	testapp_check_pages(t, &admin, mine, 2);
	const struct page_check their = {"/audit", 200, {"name: Hidden Marker Council</li>"}, {"Audit After", "Paged"}};
	testapp_check_pages(t, &theirs, &their, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shows_change),
		cmocka_unit_test(test_membership),
		cmocka_unit_test(test_filters),
		cmocka_unit_test(test_person_any_case),
		cmocka_unit_test(test_bad_filters),
		cmocka_unit_test(test_paging),
		cmocka_unit_test(test_admins_only),
		cmocka_unit_test(test_other_partnership),
	};
	return cmocka_run_group_tests(tests, group_setup, testapp_group_teardown);
}
