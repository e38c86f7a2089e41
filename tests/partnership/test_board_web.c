/*
 * test_board_web.c: the boards and groups pages, in-process through the
 * production route table on a demo database (both backends): the add and
 * edit forms with their mistakes, reporting loops refused with nothing
 * changed, members added and removed, the retire rule, searching by name
 * or purpose, read-only roles,
 * and another partnership's groups and members answering 404 and staying
 * as they were.  What a page claims is checked against the store.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit/audit.h"
#include "partnership/area.h"
#include "partnership/board.h"
#include "partnership/partnership.h"
#include "support/page_asserts.h"
#include "support/testapp.h"

static struct testapp *const t = &testapp_group;
static struct testuser admin, commissioner, viewer;

static int group_setup(void **state)
{
	testapp_group_setup(state);
	testapp_user(t, t->partnership_id, ROLE_ADMIN, &admin);
	testapp_user(t, t->partnership_id, ROLE_COMMISSIONER, &commissioner);
	testapp_user(t, t->partnership_id, ROLE_VIEWER, &viewer);
	return 0;
}

/* POST /boards/new as u; answers the new group's id (the highest). */
static int64_t add_board(const struct testuser *u, const char *form)
{
	testapp_expect_redirect(t, u, "POST", "/boards/new", form, "/boards?done=added");
	struct board *all;
	size_t n;
	int64_t id = 0;
	assert_int_equal(board_list(app_db(&t->app), &t->pool, u->partnership_id, 1, &all, &n), E_OK);
	for (size_t i = 0; i < n; i++)
		if (all[i].id > id)
			id = all[i].id;
	assert_true(id > 0);
	return id;
}

static struct board get(int64_t pid, int64_t id)
{
	struct board b;
	assert_int_equal(board_get(app_db(&t->app), &t->pool, pid, id, &b), E_OK);
	return b;
}

static size_t members(int64_t pid, int64_t board)
{
	struct board_member *m;
	size_t n;
	assert_int_equal(board_member_list(app_db(&t->app), &t->pool, pid, board, &m, &n), E_OK);
	return n;
}

static int64_t first_org(int64_t pid)
{
	struct organisation *o;
	size_t n;
	assert_int_equal(organisation_list(app_db(&t->app), &t->pool, pid, &o, &n), E_OK);
	assert_true(n > 0);
	return o[0].id;
}

/* A pool string from a format with one or two ids. */
#define path1(fmt, a) pool_printf(&t->pool, fmt, (long long)(a))
#define path2(fmt, a, b) pool_printf(&t->pool, fmt, (long long)(a), (long long)(b))

static void test_add_mistakes(void **state)
{
	(void)state;
	const char *body;
	assert_int_equal(testapp_fetch(t, &admin, "GET", "/boards/new", NULL, &body), 200);
	assert_contains(body, "name=\"reports_to\"");
	assert_contains(body, "Does not report to another group");
	assert_contains(body, "Not an area board");
	assert_contains(body, board_kind_label("joint_commissioning_group"));

	/* Nothing given: each mistake named, in the summary and at its field. */
	assert_int_equal(testapp_fetch(t, &admin, "POST", "/boards/new", "name=+&kind=&purpose=", &body), 400);
	assert_contains(body, "<title>Error: ");
	assert_contains(body, "There is a problem");
	assert_contains(body, "href=\"#name\">Enter the name of the board or group</a>");
	assert_contains(body, "href=\"#kind\">Select what kind of group it is</a>");

	/* A purpose over the limit, with the other values kept. */
	size_t n = BOARD_PURPOSE_MAX + 1;
	char *form = malloc(n + 64);
	assert_non_null(form);
	int len = snprintf(form, n + 64, "name=Kept+Name&kind=other&purpose=");
	memset(form + len, 'a', n);
	form[len + n] = '\0';
	assert_int_equal(testapp_fetch(t, &admin, "POST", "/boards/new", form, &body), 400);
	free(form);
	assert_contains(body, "href=\"#purpose\">Purpose must be 2000 characters or fewer</a>");
	assert_contains(body, "value=\"Kept Name\"");
	assert_contains(body, "value=\"other\" checked");

	/* An area board needs its area; other kinds take none. */
	assert_int_equal(testapp_fetch(t, &admin, "POST", "/boards/new", "name=No+Area&kind=area_board", &body), 400);
	assert_contains(body, "Select the area this board covers");
	struct area *areas;
	size_t na;
	assert_int_equal(area_list(app_db(&t->app), &t->pool, t->partnership_id, 0, NULL, &areas, &na), E_OK);
	assert_true(na > 0);
	assert_int_equal(testapp_fetch(t, &admin, "POST", "/boards/new",
				       path1("name=Wrong+Kind&kind=other&area=%lld", areas[0].id), &body), 400);
	assert_contains(body, "make this an area board");

	/* A name already taken (the store's E_CONFLICT). */
	add_board(&admin, "name=Taken+Name&kind=other");
	assert_int_equal(testapp_fetch(t, &admin, "POST", "/boards/new", "name=Taken+Name&kind=trust_board", &body), 400);
	assert_contains(body, "There is already a board or group with this name");

	/* None of these added anything. */
	struct board *all;
	size_t nall;
	assert_int_equal(board_list(app_db(&t->app), &t->pool, t->partnership_id, 1, &all, &nall), E_OK);
	for (size_t i = 0; i < nall; i++) {
		assert_string_not_equal(all[i].name, "Kept Name");
		assert_string_not_equal(all[i].name, "No Area");
		assert_string_not_equal(all[i].name, "Wrong Kind");
	}
}

static void test_add_and_list(void **state)
{
	(void)state;
	struct area *areas;
	size_t na;
	const char *body;
	assert_int_equal(area_list(app_db(&t->app), &t->pool, t->partnership_id, 0, NULL, &areas, &na), E_OK);
	assert_true(na > 0);

	int64_t top = add_board(&commissioner, "name=Tree+Top&kind=trust_board&purpose=Sets+the+plan");
	int64_t mid = add_board(&admin, path1("name=Tree+Middle&kind=joint_commissioning_group&reports_to=%lld", top));
	int64_t leaf = add_board(&admin, pool_printf(&t->pool, "name=Tree+Leaf&kind=area_board&reports_to=%lld&area=%lld",
						     (long long)mid, (long long)areas[0].id));
	struct board b = get(t->partnership_id, leaf);
	assert_string_equal(b.name, "Tree Leaf");
	assert_string_equal(b.kind, "area_board");
	assert_int_equal(b.reports_to_id, mid);
	assert_int_equal(b.area_id, areas[0].id);
	b = get(t->partnership_id, top);
	assert_string_equal(b.purpose, "Sets the plan");
	assert_int_equal(b.reports_to_id, 0);

	/* The list nests each group under the one it reports to. */
	assert_int_equal(testapp_fetch(t, &viewer, "GET", "/boards", NULL, &body), 200);
	assert_contains(body, "<h1 class=\"govuk-heading-l\">Boards and groups</h1>");
	assert_lacks(body, "Add a board or group");
	const char *ptop = strstr(body, ">Tree Top</a>");
	const char *pmid = strstr(body, ">Tree Middle</a>");
	const char *pleaf = strstr(body, ">Tree Leaf</a>");
	assert_non_null(ptop);
	assert_non_null(pmid);
	assert_non_null(pleaf);
	assert_true(ptop < pmid && pmid < pleaf);
	/* Between the top and the middle a nested list opens, and again
	 * before the leaf. */
	const char *nest = strstr(ptop, "govuk-list--bullet");
	assert_true(nest && nest < pmid);
	nest = strstr(pmid, "govuk-list--bullet");
	assert_true(nest && nest < pleaf);
	assert_contains(body, "Reports to Tree Middle. Area: ");
	assert_contains(body, areas[0].name);
	assert_contains(body, board_kind_label("area_board"));

	assert_int_equal(testapp_fetch(t, &admin, "GET", "/boards", NULL, &body), 200);
	assert_contains(body, "href=\"/boards/new\"");

	/* The group's page: details, change links for writers, who reports to it. */
	assert_int_equal(testapp_fetch(t, &admin, "GET", "/boards?done=added", NULL, &body), 200);
	assert_contains(body, "Board or group added");
	assert_int_equal(testapp_fetch(t, &admin, "GET", path1("/boards/%lld", top), NULL, &body), 200);
	assert_contains(body, "Sets the plan");
	assert_contains(body, path1("href=\"/boards/%lld/edit#purpose\"", top));
	assert_contains(body, path1("href=\"/boards/%lld\">Tree Middle</a>", mid));
	assert_int_equal(testapp_fetch(t, &viewer, "GET", path1("/boards/%lld", top), NULL, &body), 200);
	assert_lacks(body, "/edit#");
	assert_lacks(body, "/retire\"");
	assert_lacks(body, "Add a member");
	/* A banner never echoes what is not one of its own words. */
	assert_int_equal(testapp_fetch(t, &admin, "GET", path1("/boards/%lld?done=%%3Cb%%3E", top), NULL, &body), 200);
	assert_lacks(body, "govuk-notification-banner");

	/* The edit form shows the stored values. */
	assert_int_equal(testapp_fetch(t, &admin, "GET", path1("/boards/%lld/edit", leaf), NULL, &body), 200);
	assert_contains(body, "value=\"Tree Leaf\"");
	assert_contains(body, "value=\"area_board\" checked");
	assert_contains(body, path1("<option value=\"%lld\" selected>Tree Middle</option>", mid));
	/* A group is not offered as reporting to itself. */
	assert_lacks(body, ">Tree Leaf</option>");
}

static void test_edit_loop(void **state)
{
	(void)state;
	const char *body;
	int64_t a = add_board(&admin, "name=Loop+A&kind=partnership_board");
	int64_t b = add_board(&admin, path1("name=Loop+B&kind=other&reports_to=%lld", a));
	int64_t c = add_board(&admin, path1("name=Loop+C&kind=other&reports_to=%lld", b));

	/* The form does not offer the groups under A. */
	assert_int_equal(testapp_fetch(t, &admin, "GET", path1("/boards/%lld/edit", a), NULL, &body), 200);
	assert_lacks(body, ">Loop B</option>");
	assert_lacks(body, ">Loop C</option>");
	assert_int_equal(testapp_fetch(t, &admin, "GET", path1("/boards/%lld/edit", c), NULL, &body), 200);
	assert_contains(body, ">Loop A</option>");

	/* A under C: C reports to A through B. */
	assert_int_equal(testapp_fetch(t, &admin, "POST", path1("/boards/%lld/edit", a),
				       path1("name=Loop+A&kind=partnership_board&purpose=Changed&reports_to=%lld", c), &body),
				       400);
	assert_contains(body, "Loop A cannot report to Loop C: Loop C already reports to Loop A, directly or through other groups");
	assert_contains(body, "href=\"#reports_to\"");
	assert_contains(body, ">\nChanged</textarea>");
	struct board got = get(t->partnership_id, a);
	assert_int_equal(got.reports_to_id, 0);
	assert_string_equal(got.purpose, "");

	/* Itself, directly. */
	assert_int_equal(testapp_fetch(t, &admin, "POST", path1("/boards/%lld/edit", a),
				       path1("name=Loop+A&kind=partnership_board&reports_to=%lld", a), &body), 400);
	assert_contains(body, "A group cannot report to itself");
	assert_int_equal(get(t->partnership_id, a).reports_to_id, 0);

	/* A good edit: renamed, and C moved up to report to A. */
	testapp_expect_redirect(t, &admin, "POST", path1("/boards/%lld/edit", c),
				path1("name=Loop+C+renamed&kind=performance_group&purpose=Checks&reports_to=%lld", a),
				path1("/boards/%lld?done=changed", c));
	got = get(t->partnership_id, c);
	assert_string_equal(got.name, "Loop C renamed");
	assert_string_equal(got.kind, "performance_group");
	assert_string_equal(got.purpose, "Checks");
	assert_int_equal(got.reports_to_id, a);

	/* Renaming onto another group's name is refused. */
	assert_int_equal(testapp_fetch(t, &admin, "POST", path1("/boards/%lld/edit", c), "name=Loop+B&kind=other", &body), 400);
	assert_contains(body, "There is already a board or group with this name");
	assert_string_equal(get(t->partnership_id, c).name, "Loop C renamed");
}

static void test_members(void **state)
{
	(void)state;
	const char *body;
	int64_t b = add_board(&admin, "name=Member+Board&kind=other");
	int64_t org = first_org(t->partnership_id);
	assert_int_equal(members(t->partnership_id, b), 0);

	assert_int_equal(testapp_fetch(t, &admin, "GET", path1("/boards/%lld", b), NULL, &body), 200);
	assert_contains(body, "Add a member");
	assert_contains(body, path1("action=\"/boards/%lld/members\"", b));

	/* Mistakes: nothing chosen, no position; the board page again with 400. */
	assert_int_equal(testapp_fetch(t, &admin, "POST", path1("/boards/%lld/members", b), "organisation=&position=", &body), 400);
	assert_contains(body, "<title>Error: ");
	assert_contains(body, "href=\"#organisation\">Select the member organisation</a>");
	assert_contains(body, "href=\"#position\">Enter the position the organisation holds on the board</a>");
	assert_int_equal(testapp_fetch(t, &admin, "POST", path1("/boards/%lld/members", b),
				       path1("organisation=%lld&position=", org), &body), 400);
	assert_contains(body, path1("<option value=\"%lld\" selected>", org));
	assert_int_equal(members(t->partnership_id, b), 0);

	texchange_free(testapp_expect(t, &admin, "POST", path1("/boards/%lld/members", b),
				      path1("organisation=%lld&position=Vice+chair", org), 303));
	struct board_member *m;
	size_t n;
	assert_int_equal(board_member_list(app_db(&t->app), &t->pool, t->partnership_id, b, &m, &n), E_OK);
	assert_int_equal(n, 1);
	assert_int_equal(m[0].organisation_id, org);
	assert_string_equal(m[0].position, "Vice chair");

	assert_int_equal(testapp_fetch(t, &viewer, "GET", path1("/boards/%lld", b), NULL, &body), 200);
	assert_contains(body, m[0].organisation_name);
	assert_contains(body, "Vice chair");
	assert_lacks(body, "/remove\"");
	assert_int_equal(testapp_fetch(t, &admin, "GET", path1("/boards/%lld?done=member_added", b), NULL, &body), 200);
	assert_contains(body, "Member added");
	assert_contains(body, path2("action=\"/boards/%lld/members/%lld/remove\"", b, m[0].id));

	/* Removing it through another board's address finds nothing. */
	int64_t other = add_board(&admin, "name=Member+Other&kind=other");
	assert_int_equal(testapp_fetch(t, &admin, "POST", path2("/boards/%lld/members/%lld/remove", other, m[0].id), "", NULL), 404);
	assert_int_equal(members(t->partnership_id, b), 1);

	assert_int_equal(testapp_fetch(t, &admin, "POST", path2("/boards/%lld/members/%lld/remove", b, m[0].id), "", NULL), 303);
	assert_int_equal(members(t->partnership_id, b), 0);
	/* Twice changes nothing more (a double click is harmless). */
	assert_int_equal(testapp_fetch(t, &admin, "POST", path2("/boards/%lld/members/%lld/remove", b, m[0].id), "", NULL), 303);
	assert_int_equal(members(t->partnership_id, b), 0);
}

static void test_retire(void **state)
{
	(void)state;
	const char *body;
	int64_t parent = add_board(&admin, "name=Retire+Parent&kind=other");
	int64_t child = add_board(&admin, path1("name=Retire+Child&kind=other&reports_to=%lld", parent));

	/* Not while a current group reports to it: explained, nothing changed. */
	assert_int_equal(testapp_fetch(t, &admin, "POST", path1("/boards/%lld/retire", parent), "", &body), 409);
	assert_contains(body, "There is a problem");
	assert_contains(body, "Retire Parent cannot be retired while current groups report to it");
	assert_contains(body, "href=\"#reports-to-it\"");
	assert_null(get(t->partnership_id, parent).retired_at);

	testapp_expect_redirect(t, &admin, "POST", path1("/boards/%lld/retire", child), "",
				path1("/boards/%lld?done=retired", child));
	assert_non_null(get(t->partnership_id, child).retired_at);
	assert_int_equal(testapp_fetch(t, &admin, "POST", path1("/boards/%lld/retire", parent), "", NULL), 303);
	assert_non_null(get(t->partnership_id, parent).retired_at);

	/* Retired groups leave the list unless asked for. */
	assert_int_equal(testapp_fetch(t, &admin, "GET", path1("/boards/%lld?done=retired", child), NULL, &body), 200);
	assert_contains(body, "Board or group retired");
	assert_int_equal(testapp_fetch(t, &admin, "GET", "/boards", NULL, &body), 200);
	assert_lacks(body, ">Retire Parent</a>");
	assert_int_equal(testapp_fetch(t, &admin, "GET", "/boards?include_retired=true", NULL, &body), 200);
	assert_contains(body, ">Retire Parent</a>");
	assert_contains(body, "Retired</strong>");

	/* A retired group takes no new members and offers reinstating. */
	assert_int_equal(testapp_fetch(t, &admin, "GET", path1("/boards/%lld", parent), NULL, &body), 200);
	assert_lacks(body, "Add a member");
	assert_contains(body, path1("action=\"/boards/%lld/reinstate\"", parent));
	assert_int_equal(testapp_fetch(t, &admin, "POST", path1("/boards/%lld/members", parent),
				       path1("organisation=%lld&position=Chair", first_org(t->partnership_id)), &body), 400);
	assert_contains(body, "Reinstate this group before adding members");
	assert_int_equal(members(t->partnership_id, parent), 0);

	/* Nor is it offered to report to. */
	assert_int_equal(testapp_fetch(t, &admin, "GET", "/boards/new", NULL, &body), 200);
	assert_lacks(body, ">Retire Parent</option>");
	assert_int_equal(testapp_fetch(t, &admin, "POST", "/boards/new",
				       path1("name=Under+Retired&kind=other&reports_to=%lld", parent), &body), 400);
	assert_contains(body, "Select a group from the list");

	/* The child cannot come back before the group it reports to. */
	assert_int_equal(testapp_fetch(t, &admin, "POST", path1("/boards/%lld/reinstate", child), "", &body), 409);
	assert_contains(body, "Retire Child cannot be reinstated while the group it reports to is retired: "
		       "reinstate Retire Parent first");
	assert_non_null(get(t->partnership_id, child).retired_at);

	testapp_expect_redirect(t, &admin, "POST", path1("/boards/%lld/reinstate", parent), "",
				path1("/boards/%lld?done=reinstated", parent));
	assert_null(get(t->partnership_id, parent).retired_at);
	assert_int_equal(testapp_fetch(t, &admin, "POST", path1("/boards/%lld/reinstate", child), "", NULL), 303);
	assert_null(get(t->partnership_id, child).retired_at);
}

/* The row of the results table that links to group id. */
static const char *result_row(const char *body, int64_t id)
{
	const char *link = strstr(body, path1("<a class=\"govuk-link\" href=\"/boards/%lld\">", id));
	if (!link)
		fail_msg("no result for group %lld", (long long)id);
	const char *start = link;
	while (start > body && strncmp(start, "<tr", 3) != 0)
		start--;
	const char *end = strstr(link, "</tr>");
	assert_non_null(end);
	return pool_strndup(&t->pool, start, (size_t)(end - start));
}

static void test_search(void **state)
{
	(void)state;
	struct db *db = app_db(&t->app);
	const char *body;
	int64_t parent = add_board(&admin, "name=Quokka+Parent+Board&kind=trust_board");
	int64_t child = add_board(&admin, path1("name=Wombat+Forum&kind=other&purpose=Plans+QUOKKA+crossings"
						"&reports_to=%lld", parent));
	int64_t old = add_board(&admin, "name=Old+Quokka+Group&kind=other");
	assert_int_equal(testapp_fetch(t, &admin, "POST", path1("/boards/%lld/retire", old), "", NULL), 303);
	int64_t other;
	assert_int_equal(partnership_create(db, &actor_cli, "boardweb-search", "Search Trust", &other), E_OK);
	assert_int_equal(board_add(db, &actor_cli, other, "Their Quokka Board", "trust_board", "", 0, 0, NULL),
			 E_OK);

	/* The search box, always there, keeps what was typed. */
	assert_int_equal(testapp_fetch(t, &viewer, "GET", "/boards", NULL, &body), 200);
	assert_contains(body, "name=\"q\" type=\"search\"");
	assert_contains(body, "govuk-list--bullet"); /* no words: the tree */

	/* Words in the name or the purpose, any case: a flat table by name,
	 * each with the group it reports to; retired and others' groups not. */
	assert_int_equal(testapp_fetch(t, &viewer, "GET", "/boards?q=qUOKKa", NULL, &body), 200);
	assert_contains(body, "value=\"qUOKKa\"");
	assert_contains(body, "2 boards and groups match your search.");
	assert_lacks(body, "govuk-list--bullet");
	const char *prow = strstr(body, ">Quokka Parent Board</a>");
	const char *crow = strstr(body, ">Wombat Forum</a>");
	assert_true(prow && crow && prow < crow);
	const char *row = result_row(body, child);
	assert_contains(row, path1("href=\"/boards/%lld\">Quokka Parent Board</a>", parent));
	assert_contains(row, board_kind_label("other"));
	assert_contains(result_row(body, parent), "Does not report to another group");
	assert_lacks(body, "Old Quokka Group");
	assert_lacks(body, "Their Quokka Board");

	assert_int_equal(testapp_fetch(t, &viewer, "GET", "/boards?q=quokka&include_retired=true", NULL, &body), 200);
	assert_contains(body, "3 boards and groups match your search.");
	assert_contains(result_row(body, old), ">Old Quokka Group (retired)</a>");
	assert_lacks(body, "Their Quokka Board");

	/* One match; none; LIKE's own characters are plain text. */
	assert_int_equal(testapp_fetch(t, &viewer, "GET", "/boards?q=+wombat+", NULL, &body), 200);
	assert_contains(body, "1 board or group matches your search.");
	assert_contains(body, ">Wombat Forum</a>");
	assert_int_equal(page_count(body, ">Quokka Parent Board</a>"), 1); /* only as whom it reports to */
	const struct page_check pages[] = {
		{"/boards?q=no+such+group+anywhere", 200, {"No boards or groups match your search.",
		  "href=\"/boards\">Show every group</a>"}, {"<table"}},
		{"/boards?q=%25", 200, {"No boards or groups match your search."}, {"<table"}},
		{"/boards?q=Quokka_Parent", 200, {"No boards or groups match your search."}, {"<table"}},
		/* Blank words are no search; words no name could hold are none either. */
		{"/boards?q=+++", 200, {"govuk-list--bullet", ">Quokka Parent Board</a>"}, {"match your search"}},
		{"/boards?q=%01", 200, {"govuk-list--bullet"}, {"match your search"}},
	};
	testapp_check_pages(t, &viewer, pages, sizeof pages / sizeof pages[0]);
}

static void test_read_only_roles(void **state)
{
	(void)state;
	int64_t b = add_board(&admin, "name=Read+Only&kind=other");
	int64_t org = first_org(t->partnership_id);
	const enum role roles[] = {ROLE_ANALYST, ROLE_BOARD_MEMBER, ROLE_PROVIDER, ROLE_VIEWER};
	for (size_t r = 0; r < sizeof roles / sizeof roles[0]; r++) {
		struct testuser u;
		testapp_user(t, t->partnership_id, roles[r], &u);
		const struct request_check c[] = {
			{"GET", "/boards", NULL, 200},
			{"GET", path1("/boards/%lld", b), NULL, 200},
			{"GET", "/boards/new", NULL, 403},
			{"POST", "/boards/new", "name=Sneaky&kind=other", 403},
			{"GET", path1("/boards/%lld/edit", b), NULL, 403},
			{"POST", path1("/boards/%lld/edit", b), "name=Sneaky&kind=other", 403},
			{"POST", path1("/boards/%lld/retire", b), "", 403},
			{"POST", path1("/boards/%lld/members", b), path1("organisation=%lld&position=Chair", org), 403},
		};
		testapp_check_requests(t, &u, c, sizeof c / sizeof c[0]);
	}
	struct board got = get(t->partnership_id, b);
	assert_string_equal(got.name, "Read Only");
	assert_null(got.retired_at);
	assert_int_equal(members(t->partnership_id, b), 0);
}

static void test_other_partnership(void **state)
{
	(void)state;
	struct db *db = app_db(&t->app);
	const char *body;
	int64_t other, their_org, their_board, their_member;
	assert_int_equal(partnership_create(db, &actor_cli, "boardweb-other", "Other Trust", &other), E_OK);
	assert_int_equal(organisation_add(db, &actor_cli, other, "Elsewhere Council", "county_council",
					  "commissioner", NULL, &their_org), E_OK);
	assert_int_equal(board_add(db, &actor_cli, other, "Elsewhere Board", "trust_board", "Theirs", 0, 0,
				   &their_board), E_OK);
	assert_int_equal(board_member_add(db, &actor_cli, other, their_board, their_org, "Chair", &their_member),
			 E_OK);
	int64_t mine = add_board(&admin, "name=Mine+Only&kind=other");

	const struct request_check c[] = {
		{"GET", path1("/boards/%lld", their_board), NULL, 404},
		{"GET", path1("/boards/%lld/edit", their_board), NULL, 404},
		{"POST", path1("/boards/%lld/edit", their_board), "name=Taken+Over&kind=other", 404},
		{"POST", path1("/boards/%lld/retire", their_board), "", 404},
		{"POST", path1("/boards/%lld/reinstate", their_board), "", 404},
		{"POST", path1("/boards/%lld/members", their_board),
		 path1("organisation=%lld&position=Chair", first_org(t->partnership_id)), 404},
		{"POST", path2("/boards/%lld/members/%lld/remove", their_board, their_member), "", 404},
		{"POST", path2("/boards/%lld/members/%lld/remove", mine, their_member), "", 404},
	};
	testapp_check_requests(t, &admin, c, sizeof c / sizeof c[0]);

	/* Their ids in my forms are not on the lists. */
	assert_int_equal(testapp_fetch(t, &admin, "POST", "/boards/new",
				       path1("name=Reaching+Over&kind=other&reports_to=%lld", their_board), &body), 400);
	assert_contains(body, "Select a group from the list");
	assert_int_equal(testapp_fetch(t, &admin, "POST", path1("/boards/%lld/members", mine),
				       path1("organisation=%lld&position=Chair", their_org), &body), 400);
	assert_contains(body, "Select an organisation from the list");
	assert_int_equal(members(t->partnership_id, mine), 0);

	/* Nothing of theirs shows, and nothing of theirs changed. */
	const struct page_check pages[] = {
		{"/boards?include_retired=true", 200, {NULL}, {"Elsewhere"}},
		{"/boards/new", 200, {NULL}, {"Elsewhere"}},
		{path1("/boards/%lld", mine), 200, {NULL}, {"Elsewhere"}},
	};
	testapp_check_pages(t, &admin, pages, 3);
	struct board got = get(other, their_board);
	assert_string_equal(got.name, "Elsewhere Board");
	assert_string_equal(got.purpose, "Theirs");
	assert_null(got.retired_at);
	assert_int_equal(members(other, their_board), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_add_mistakes),
		cmocka_unit_test(test_add_and_list),
		cmocka_unit_test(test_edit_loop),
		cmocka_unit_test(test_members),
		cmocka_unit_test(test_retire),
		cmocka_unit_test(test_search),
		cmocka_unit_test(test_read_only_roles),
		cmocka_unit_test(test_other_partnership),
	};
	return cmocka_run_group_tests(tests, group_setup, testapp_group_teardown);
}
