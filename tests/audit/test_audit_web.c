/*
 * test_audit_web.c: the audit trail page, in-process through the
 * production route table on a demo database (both backends): a change made
 * through a page shows up with its fields before and after, each filter
 * narrows what is shown, bad filter values are a 400 with an error summary,
 * paging by event id reaches every event once, only administrators get in,
 * and another partnership's events never appear.
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
#include "support/testapp.h"

static struct testapp t;
static struct testuser admin;
static struct pool pool;
static int64_t board_id;

#define ARROW " \xe2\x86\x92 "

static int run(const struct testuser *u, const char *method, const char *target, const char *form,
	       const char **body)
{
	struct texchange *ex = testapp_run(&t, u, method, target, form);
	int status = ex->res.status;
	if (body)
		*body = pool_strdup(&pool, texchange_body(ex));
	texchange_free(ex);
	return status;
}

static void contains(const char *body, const char *needle)
{
	if (!strstr(body, needle))
		fail_msg("expected \"%s\" in:\n%s", needle, body);
}

static void lacks(const char *body, const char *needle)
{
	if (strstr(body, needle))
		fail_msg("did not expect \"%s\" in:\n%s", needle, body);
}

static size_t count(const char *body, const char *needle)
{
	size_t n = 0;
	for (const char *p = strstr(body, needle); p; p = strstr(p + 1, needle))
		n++;
	return n;
}

/* A board added and then changed through the pages, so the trail has an
 * update by the admin with a before and an after. */
static int group_setup(void **state)
{
	(void)state;
	testapp_start(&t, NULL, 0);
	testapp_user(&t, t.partnership_id, ROLE_ADMIN, &admin);
	pool_init(&pool, 16 << 20);
	struct texchange *ex = testapp_run(&t, &admin, "POST", "/boards/new",
					   "name=Audit+Before&kind=other&purpose=Old+purpose");
	assert_int_equal(ex->res.status, 303);
	texchange_free(ex);
	struct board *all;
	size_t n;
	assert_int_equal(board_list(app_db(&t.app), &pool, t.partnership_id, 1, &all, &n), E_OK);
	for (size_t i = 0; i < n; i++)
		if (strcmp(all[i].name, "Audit Before") == 0)
			board_id = all[i].id;
	assert_true(board_id > 0);
	ex = testapp_run(&t, &admin, "POST", pool_printf(&pool, "/boards/%lld/edit", (long long)board_id),
			 "name=Audit+After&kind=other&purpose=Old+purpose");
	assert_int_equal(ex->res.status, 303);
	texchange_free(ex);
	return 0;
}

static int group_teardown(void **state)
{
	(void)state;
	pool_free(&pool);
	testapp_stop(&t);
	return 0;
}

static void test_shows_change(void **state)
{
	(void)state;
	const char *body;
	assert_int_equal(run(&admin, "GET", "/audit", NULL, &body), 200);
	contains(body, "<h1 class=\"govuk-heading-l\">Audit trail</h1>");
	contains(body, "name: Audit Before" ARROW "Audit After");
	/* Only the fields that differ: the purpose stayed the same. */
	lacks(body, "purpose: Old purpose" ARROW);
	contains(body, pool_printf(&pool, "href=\"/boards/%lld\">Board or group: Audit After</a>", (long long)board_id));
	contains(body, admin.email);
	contains(body, ">Changed</td>");
	/* The add shows the values it was made with. */
	contains(body, "name: Audit Before</li>");
	contains(body, ">Added</td>");
	/* Newest first: the change comes before the add. */
	assert_true(strstr(body, "name: Audit Before" ARROW) < strstr(body, "name: Audit Before</li>"));
}

/* A membership's event links to its board and names its organisation. */
static void test_membership(void **state)
{
	(void)state;
	struct organisation *orgs;
	size_t n;
	assert_int_equal(organisation_list(app_db(&t.app), &pool, t.partnership_id, &orgs, &n), E_OK);
	assert_true(n > 0);
	struct texchange *ex = testapp_run(&t, &admin, "POST",
					   pool_printf(&pool, "/boards/%lld/members", (long long)board_id),
					   pool_printf(&pool, "organisation=%lld&position=Audited+chair",
						       (long long)orgs[0].id));
	assert_int_equal(ex->res.status, 303);
	texchange_free(ex);
	const char *body;
	assert_int_equal(run(&admin, "GET", "/audit?kind=board_member&action=add_member", NULL, &body), 200);
	contains(body, pool_printf(&pool, "href=\"/boards/%lld\">Board membership: %s</a>", (long long)board_id,
				   orgs[0].name));
	contains(body, "position: Audited chair</li>");
}

static void test_filters(void **state)
{
	(void)state;
	const char *body;
	const char *change = "name: Audit Before" ARROW "Audit After";

	assert_int_equal(run(&admin, "GET", "/audit?kind=board&action=update", NULL, &body), 200);
	contains(body, change);
	lacks(body, ">Added</td>");
	contains(body, "<option value=\"board\" selected>");
	contains(body, "<option value=\"update\" selected>");

	assert_int_equal(run(&admin, "GET", "/audit?kind=organisation", NULL, &body), 200);
	lacks(body, change);
	assert_int_equal(run(&admin, "GET", "/audit?action=retire", NULL, &body), 200);
	lacks(body, change);

	const char *q = url_query_encode(&pool, admin.email);
	assert_int_equal(run(&admin, "GET", pool_printf(&pool, "/audit?person=%s", q), NULL, &body), 200);
	contains(body, change);
	assert_int_equal(run(&admin, "GET", "/audit?person=nobody%40test.jcs.invalid", NULL, &body), 200);
	lacks(body, change);
	contains(body, "No events match these filters.");
	contains(body, "value=\"nobody@test.jcs.invalid\"");

	assert_int_equal(run(&admin, "GET", "/audit?from=2000-01-01&to=2999-12-31", NULL, &body), 200);
	contains(body, change);
	assert_int_equal(run(&admin, "GET", "/audit?to=2000-01-01", NULL, &body), 200);
	lacks(body, change);
	assert_int_equal(run(&admin, "GET", "/audit?from=2999-01-01", NULL, &body), 200);
	lacks(body, change);
}

static void test_bad_filters(void **state)
{
	(void)state;
	const char *body;
	assert_int_equal(run(&admin, "GET", "/audit?kind=password", NULL, &body), 400);
	contains(body, "<title>Error: ");
	contains(body, "href=\"#kind\">Select a kind of record from the list</a>");
	lacks(body, "name: Audit");

	assert_int_equal(run(&admin, "GET", "/audit?action=drop", NULL, &body), 400);
	contains(body, "href=\"#action\">");

	assert_int_equal(run(&admin, "GET", "/audit?from=2026-02-30&to=next+week", NULL, &body), 400);
	contains(body, "href=\"#from\">Enter the start date as a real date");
	contains(body, "href=\"#to\">Enter the end date as a real date");
	contains(body, "value=\"next week\"");

	assert_int_equal(run(&admin, "GET", "/audit?from=2026-11-02&to=2026-11-01", NULL, &body), 400);
	contains(body, "The end date must be the same as or after the start date");

	assert_int_equal(run(&admin, "GET", "/audit?before=-3", NULL, &body), 400);
	contains(body, "The link to older events is not valid");

	/* 29 February only in leap years. */
	assert_int_equal(run(&admin, "GET", "/audit?from=2023-02-29", NULL, NULL), 400);
	assert_int_equal(run(&admin, "GET", "/audit?from=2024-02-29", NULL, NULL), 200);
}

/* The href of the "Older events" link, decoded from the attribute. */
static const char *older_link(const char *body)
{
	const char *p = strstr(body, "rel=\"next\" href=\"");
	if (!p)
		return NULL;
	p += strlen("rel=\"next\" href=\"");
	const char *end = strchr(p, '"');
	char *s = pool_strndup(&pool, p, (size_t)(end - p));
	for (char *a; (a = strstr(s, "&amp;"));)
		memmove(a + 1, a + 5, strlen(a + 5) + 1);
	return s;
}

static void test_paging(void **state)
{
	(void)state;
	struct db *db = app_db(&t.app);
	struct testuser pager;
	testapp_user(&t, t.partnership_id, ROLE_ADMIN, &pager);
	const struct actor a = {.user_id = pager.id, .label = pager.email};
	int64_t b;
	assert_int_equal(board_add(db, &a, t.partnership_id, "Paged 0", "other", "", 0, 0, &b), E_OK);
	for (int i = 1; i <= 60; i++)
		assert_int_equal(board_update(db, &a, t.partnership_id, b, pool_printf(&pool, "Paged %d", i),
					      "other", "", 0, 0), E_OK);

	/* 61 events by this person: the newest 50, then the other 11. */
	const char *body;
	const char *first = pool_printf(&pool, "/audit?kind=board&person=%s", url_query_encode(&pool, pager.email));
	assert_int_equal(run(&admin, "GET", first, NULL, &body), 200);
	assert_int_equal(count(body, "<time "), 50);
	contains(body, "name: Paged 59" ARROW "Paged 60<");
	contains(body, "name: Paged 10" ARROW "Paged 11<");
	lacks(body, "name: Paged 9" ARROW "Paged 10<");
	lacks(body, ">Newest events</a>");
	const char *next = older_link(body);
	assert_non_null(next);
	contains(next, "kind=board");
	contains(next, "person=");

	assert_int_equal(run(&admin, "GET", next, NULL, &body), 200);
	assert_int_equal(count(body, "<time "), 11);
	contains(body, "name: Paged 9" ARROW "Paged 10<");
	contains(body, "name: Paged 0" ARROW "Paged 1<");
	contains(body, "name: Paged 0</li>");
	lacks(body, "name: Paged 10" ARROW);
	contains(body, ">Newest events</a>");
	assert_null(older_link(body));
}

static void test_admins_only(void **state)
{
	(void)state;
	const enum role roles[] = {ROLE_COMMISSIONER, ROLE_ANALYST, ROLE_BOARD_MEMBER, ROLE_PROVIDER,
				   ROLE_VIEWER};
	for (size_t i = 0; i < sizeof roles / sizeof roles[0]; i++) {
		struct testuser u;
		testapp_user(&t, t.partnership_id, roles[i], &u);
		const char *body;
		assert_int_equal(run(&u, "GET", "/audit", NULL, &body), 403);
		lacks(body, "Audit Before");
	}
	struct testuser national;
	testapp_user(&t, 0, ROLE_NATIONAL, &national);
	assert_int_equal(run(&national, "GET", "/audit", NULL, NULL), 403);
	/* Not signed in: sent to sign in, shown nothing. */
	const char *body;
	int status = run(NULL, "GET", "/audit", NULL, &body);
	assert_true(status == 303 || status == 401 || status == 403);
	lacks(body, "Audit Before");
}

static void test_other_partnership(void **state)
{
	(void)state;
	struct db *db = app_db(&t.app);
	int64_t other, org;
	assert_int_equal(partnership_create(db, &actor_cli, "auditweb-other", "Other Trust", &other), E_OK);
	assert_int_equal(organisation_add(db, &actor_cli, other, "Hidden Marker Council", "county_council",
					  "commissioner", NULL, &org), E_OK);
	struct testuser theirs;
	testapp_user(&t, other, ROLE_ADMIN, &theirs);

	const char *body;
	assert_int_equal(run(&admin, "GET", "/audit?kind=organisation", NULL, &body), 200);
	lacks(body, "Hidden Marker");
	assert_int_equal(run(&admin, "GET", "/audit?person=command+line", NULL, &body), 200);
	lacks(body, "Hidden Marker");

	assert_int_equal(run(&theirs, "GET", "/audit", NULL, &body), 200);
	contains(body, "name: Hidden Marker Council</li>");
	lacks(body, "Audit After");
	lacks(body, "Paged");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shows_change),
		cmocka_unit_test(test_membership),
		cmocka_unit_test(test_filters),
		cmocka_unit_test(test_bad_filters),
		cmocka_unit_test(test_paging),
		cmocka_unit_test(test_admins_only),
		cmocka_unit_test(test_other_partnership),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
