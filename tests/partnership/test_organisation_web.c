/*
 * test_organisation_web.c: the partner organisations pages and API run
 * in-process on a demo database (both backends): list, search and paging,
 * adding with mistakes and without, changing, retiring and reinstating,
 * the boards it sits on and the people acting for it (which keep it from
 * being retired, the page saying so),
 * CSV import (a bad file writes nothing, a good one adds every row), who
 * may write, another partnership's records answering 404, and the JSON
 * API (paging, bad parameters) with and without a bearer token.
 *
 * One app serves the whole file; each test works in a partnership of its
 * own (a new slug), so tests neither see nor disturb each other's rows.
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
#include "auth/token.h"
#include "auth/user.h"
#include "core/pool.h"
#include "partnership/board.h"
#include "partnership/partnership.h"
#include "support/page_asserts.h"
#include "support/testapp.h"

#include "api_paging.h"

static struct testapp *const t = &testapp_group;

#define DB app_db(&t->app)

static int64_t add_org(int64_t pid, const char *name, const char *type, const char *role,
		       const char *ident)
{
	int64_t id = 0;
	assert_int_equal(organisation_add(DB, &actor_cli, pid, name, type, role, ident, &id), E_OK);
	return id;
}

/* Every organisation of a partnership, retired ones too. */
static size_t count_orgs(int64_t pid)
{
	struct organisation_query q = {.include_retired = 1, .limit = 1};
	struct organisation *o;
	size_t n, total = 0;
	assert_int_equal(organisation_search(DB, &t->pool, pid, &q, &o, &n, &total), E_OK);
	return total;
}

/* The pages every organisation has, for the checks of who may reach them. */
static const struct record_routes routes = {"/organisations", "name=Sneaky&type=nhs&role=both",
					    "name,type,role\nSneaky,nhs,both\n"};

static const char *path_of(int64_t id, const char *suffix)
{
	return pool_printf(&t->pool, "/organisations/%lld%s", (long long)id, suffix);
}

/* ---- The list ---- */

static void test_list_search_and_paging(void **state)
{
	(void)state;
	struct testuser admin, viewer;
	int64_t pid = testapp_partnership(t, "org-list", &admin);
	testapp_user(t, pid, ROLE_VIEWER, &viewer);
	char name[64];
	for (int i = 1; i <= 60; i++) {
		snprintf(name, sizeof name, "Org %03d", i);
		add_org(pid, name, i <= 5 ? "nhs" : "school", i % 2 ? "provider" : "commissioner",
			i == 7 ? "CH0007" : NULL);
	}
	int64_t old = add_org(pid, "Org 999 Retired", "police", "both", NULL);
	assert_int_equal(organisation_set_retired(DB, &actor_cli, pid, old, 1), E_OK);

	const struct page_check pages[] = {
		{"/organisations", 200,
		 {"<h1 class=\"govuk-heading-l\">Partner organisations</h1>", "Showing 1 to 50 of 60 organisations",
		  ">Org 001</a>", ">Org 050</a>", "NHS body", "School or academy", "CH0007",
		  "href=\"/organisations?page=2\"", "Add an organisation", "Import from CSV"},
		 {">Org 051</a>", "Org 999 Retired"}},
		{"/organisations?page=2", 200,
		 {"Showing 51 to 60 of 60 organisations", ">Org 051</a>", ">Org 060</a>"}, {">Org 001</a>"}},
		/* Search by name words in any case, by identifier, by type and role. */
		{"/organisations?q=org+05", 200, {"10 organisations", ">Org 059</a>"}, {">Org 049</a>"}},
		{"/organisations?q=ch0007", 200, {"1 organisation<", ">Org 007</a>"}, {NULL}},
		{"/organisations?type=nhs&role=provider", 200, /* 1, 3, 5 */
		 {"3 organisations", ">Org 003</a>", "<option value=\"nhs\" selected>"}, {">Org 002</a>"}},
		{"/organisations?q=nothing+like+this", 200, {"No organisations match your search."}, {NULL}},
		/* Retired ones only when asked for, with their tag; paging keeps the filters. */
		{"/organisations?include_retired=true&type=police", 200, {">Org 999 Retired</a>", ">Retired</strong>"}, {NULL}},
		{"/organisations?q=Org&include_retired=true", 200,
		 {"Showing 1 to 50 of 61 organisations",
		  "href=\"/organisations?q=Org&amp;include_retired=true&amp;page=2\""},
		 {NULL}},
	};
	testapp_check_pages(t, &admin, pages, sizeof pages / sizeof pages[0]);

	/* A reader sees the list but not the buttons that change it. */
	const struct page_check reader = {"/organisations", 200, {">Org 001</a>"}, {"Add an organisation", "Import from CSV"}};
	testapp_check_pages(t, &viewer, &reader, 1);
}

/* ---- Adding ---- */

static void test_add_with_mistakes(void **state)
{
	(void)state;
	struct testuser admin;
	int64_t pid = testapp_partnership(t, "org-mistakes", &admin);
	add_org(pid, "Taken Trust", "nhs", "both", NULL);
	size_t before = count_orgs(pid);

	struct texchange *ex = testapp_expect(t, &admin, "POST", "/organisations/new",
					      "name=++&type=&role=&identifier=CH123", 400);
	const char *b = texchange_body(ex);
	assert_contains(b, "<title>Error: Add a partner organisation");
	assert_contains(b, "There is a problem");
	assert_contains(b, "<a href=\"#name\">Enter the organisation&#39;s name</a>");
	assert_contains(b, "<a href=\"#type\">Select the type of organisation</a>");
	assert_contains(b, "<a href=\"#role\">Select whether it commissions, provides or both</a>");
	assert_contains(b, "id=\"name-error\"");
	assert_contains(b, "value=\"CH123\"");
	texchange_free(ex);

	/* Each field's value is kept; only what is wrong is reported. */
	char form[600];
	char longname[300];
	memset(longname, 'a', 256);
	longname[256] = '\0';
	snprintf(form, sizeof form, "name=%s&type=police&role=provider", longname);
	ex = testapp_expect(t, &admin, "POST", "/organisations/new", form, 400);
	b = texchange_body(ex);
	assert_contains(b, "Name must be 255 characters or fewer");
	assert_contains(b, "value=\"police\" checked");
	assert_contains(b, "value=\"provider\" checked");
	assert_lacks(b, "Select the type of organisation");
	texchange_free(ex);

	ex = testapp_expect(t, &admin, "POST", "/organisations/new", "name=Lost&type=spaceship&role=both", 400);
	assert_contains(texchange_body(ex), "Select the type of organisation");
	assert_contains(texchange_body(ex), "value=\"Lost\"");
	texchange_free(ex);

	/* A name taken in this partnership: the store's conflict, by name. */
	ex = testapp_expect(t, &admin, "POST", "/organisations/new", "name=+Taken+Trust+&type=nhs&role=both", 400);
	b = texchange_body(ex);
	assert_contains(b, "There is already an organisation called Taken Trust in this partnership");
	assert_contains(b, "value=\" Taken Trust \"");
	texchange_free(ex);

	assert_int_equal(count_orgs(pid), before);
}

static void test_add_ok(void **state)
{
	(void)state;
	struct testuser admin;
	int64_t pid = testapp_partnership(t, "org-add", &admin);

	struct texchange *ex = testapp_expect(t, &admin, "GET", "/organisations/new", NULL, 200);
	const char *b = texchange_body(ex);
	/* Every type and role the issue names is offered, with its label. */
	static const char *const codes[] = {"county_council", "unitary_council", "district_council",
					    "nhs", "school", "police", "voluntary", "private", "other",
					    "commissioner", "provider", "both"};
	for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++)
		assert_contains(b, pool_printf(&t->pool, "value=\"%s\"", codes[i]));
	assert_contains(b, "Companies House or charity number, if it has one");
	assert_contains(b, "name=\"csrf_token\"");
	texchange_free(ex);

	testapp_expect_redirect(t, &admin, "POST", "/organisations/new",
				"name=Bicester+Youth+Club&type=voluntary&role=provider&identifier=+1234567+",
				"/organisations?done=added");
	struct organisation o;
	assert_int_equal(organisation_find_by_name(DB, &t->pool, pid, "Bicester Youth Club", &o), E_OK);
	assert_string_equal(o.type, "voluntary");
	assert_string_equal(o.role, "provider");
	assert_string_equal(o.identifier, "1234567");
	assert_null(o.retired_at);

	ex = testapp_expect(t, &admin, "GET", "/organisations?done=added", NULL, 200);
	b = texchange_body(ex);
	assert_contains(b, "govuk-notification-banner--success");
	assert_contains(b, "Organisation added");
	assert_contains(b, ">Bicester Youth Club</a>");
	assert_contains(b, "Voluntary and community sector");
	texchange_free(ex);

	/* An empty identifier is none. */
	testapp_expect_redirect(t, &admin, "POST", "/organisations/new", "name=No+Number&type=other&role=both&identifier=",
				"/organisations?done=added");
	assert_int_equal(organisation_find_by_name(DB, &t->pool, pid, "No Number", &o), E_OK);
	assert_null(o.identifier);
}

/* ---- One organisation: show, change, retire ---- */

static void test_show_and_edit(void **state)
{
	(void)state;
	struct testuser admin, viewer;
	int64_t pid = testapp_partnership(t, "org-edit", &admin);
	testapp_user(t, pid, ROLE_VIEWER, &viewer);
	int64_t id = add_org(pid, "Banbury Academy", "school", "provider", NULL);
	add_org(pid, "Other School", "school", "provider", NULL);

	struct texchange *ex = testapp_expect(t, &admin, "GET", path_of(id, ""), NULL, 200);
	const char *b = texchange_body(ex);
	assert_contains(b, "<h1 class=\"govuk-heading-l\">Banbury Academy</h1>");
	assert_contains(b, "School or academy");
	assert_contains(b, "Not given");
	assert_contains(b, pool_printf(&t->pool, "href=\"/organisations/%lld/edit#name\"", (long long)id));
	assert_contains(b, pool_printf(&t->pool, "action=\"/organisations/%lld/retire\"", (long long)id));
	assert_contains(b, "Retire organisation");
	texchange_free(ex);

	ex = testapp_expect(t, &viewer, "GET", path_of(id, ""), NULL, 200);
	b = texchange_body(ex);
	assert_contains(b, "Banbury Academy");
	assert_lacks(b, "/edit");
	assert_lacks(b, "Retire organisation");
	texchange_free(ex);

	ex = testapp_expect(t, &admin, "GET", path_of(id, "/edit"), NULL, 200);
	b = texchange_body(ex);
	assert_contains(b, "value=\"Banbury Academy\"");
	assert_contains(b, "value=\"school\" checked");
	assert_contains(b, pool_printf(&t->pool, "action=\"/organisations/%lld/edit\"", (long long)id));
	texchange_free(ex);

	/* A mistake changes nothing and keeps what was typed. */
	ex = testapp_expect(t, &admin, "POST", path_of(id, "/edit"), "name=&type=nhs&role=both&identifier=X1", 400);
	b = texchange_body(ex);
	assert_contains(b, "Enter the organisation&#39;s name");
	assert_contains(b, "value=\"X1\"");
	assert_contains(b, "value=\"nhs\" checked");
	texchange_free(ex);
	ex = testapp_expect(t, &admin, "POST", path_of(id, "/edit"), "name=Other+School&type=nhs&role=both", 400);
	assert_contains(texchange_body(ex), "There is already an organisation called Other School in this partnership");
	texchange_free(ex);
	struct organisation o;
	assert_int_equal(organisation_get(DB, &t->pool, pid, id, &o), E_OK);
	assert_string_equal(o.name, "Banbury Academy");
	assert_string_equal(o.type, "school");

	testapp_expect_redirect(t, &admin, "POST", path_of(id, "/edit"),
				"name=Banbury+Academy+Trust&type=school&role=both&identifier=08123456",
				path_of(id, "?done=changed"));
	assert_int_equal(organisation_get(DB, &t->pool, pid, id, &o), E_OK);
	assert_string_equal(o.name, "Banbury Academy Trust");
	assert_string_equal(o.role, "both");
	assert_string_equal(o.identifier, "08123456");
	ex = testapp_expect(t, &admin, "GET", path_of(id, "?done=changed"), NULL, 200);
	b = texchange_body(ex);
	assert_contains(b, "Organisation details changed");
	assert_contains(b, "Commissioner and provider");
	assert_contains(b, "08123456");
	texchange_free(ex);

	const struct request_check none[] = {
		{"GET", "/organisations/0", NULL, 404},
		{"GET", "/organisations/abc", NULL, 404},
		{"GET", "/organisations/99999999/edit", NULL, 404},
	};
	testapp_check_requests(t, &admin, none, sizeof none / sizeof none[0]);
}

static void test_retire_and_reinstate(void **state)
{
	(void)state;
	struct testuser admin;
	int64_t pid = testapp_partnership(t, "org-retire", &admin);
	int64_t id = add_org(pid, "Thame Partnership", "voluntary", "provider", NULL);

	testapp_expect_redirect(t, &admin, "POST", path_of(id, "/retire"), NULL, path_of(id, "?done=retired"));
	struct organisation o;
	assert_int_equal(organisation_get(DB, &t->pool, pid, id, &o), E_OK);
	assert_non_null(o.retired_at);
	struct texchange *ex = testapp_expect(t, &admin, "GET", path_of(id, "?done=retired"), NULL, 200);
	const char *b = texchange_body(ex);
	assert_contains(b, "Organisation retired");
	assert_contains(b, ">Retired</strong>");
	assert_contains(b, "Retired on ");
	assert_contains(b, "Reinstate organisation");
	assert_lacks(b, "Retire organisation");
	texchange_free(ex);
	ex = testapp_expect(t, &admin, "GET", "/organisations", NULL, 200);
	assert_lacks(texchange_body(ex), "Thame Partnership");
	texchange_free(ex);

	testapp_expect_redirect(t, &admin, "POST", path_of(id, "/reinstate"), NULL, path_of(id, "?done=reinstated"));
	assert_int_equal(organisation_get(DB, &t->pool, pid, id, &o), E_OK);
	assert_null(o.retired_at);
	ex = testapp_expect(t, &admin, "GET", "/organisations", NULL, 200);
	assert_contains(texchange_body(ex), "Thame Partnership");
	texchange_free(ex);
}

/* ---- What ties an organisation ---- */

/* How many times organisation id's retirement was recorded. */
static size_t retire_events(int64_t pid, int64_t id)
{
	struct audit_filter f = {.entity = "organisation", .action = "retire", .entity_id = id};
	struct audit_event *ev;
	size_t n = 0;
	int more = 0;
	assert_int_equal(audit_list(DB, &t->pool, pid, &f, &ev, &n, &more), E_OK);
	return n;
}

static void test_ties_shown_and_retire_refused(void **state)
{
	(void)state;
	struct testuser admin, commissioner, viewer;
	int64_t pid = testapp_partnership(t, "org-ties", &admin);
	testapp_user(t, pid, ROLE_COMMISSIONER, &commissioner);
	testapp_user(t, pid, ROLE_VIEWER, &viewer);
	int64_t id = add_org(pid, "Thame Partnership", "voluntary", "provider", NULL);
	int64_t trust = 0, locality = 0, chair = 0, seat = 0, pat = 0;
	assert_int_equal(board_add(DB, &actor_cli, pid, "Trust Board", "trust_board", "", 0, 0, &trust), E_OK);
	assert_int_equal(board_add(DB, &actor_cli, pid, "Locality Group", "other", "", 0, 0, &locality), E_OK);
	assert_int_equal(board_member_add(DB, &actor_cli, pid, trust, id, "Chair", &chair), E_OK);
	assert_int_equal(board_member_add(DB, &actor_cli, pid, locality, id, "Member", &seat), E_OK);
	assert_int_equal(board_set_retired(DB, &actor_cli, pid, locality, 1), E_OK);
	char pw[PASSWORD_GENERATED_SIZE];
	assert_int_equal(user_add(DB, &actor_cli, pid, "pat@thame.invalid", "Pat", ROLE_PROVIDER, id, pw, &pat), E_OK);

	/* Its page lists the boards it sits on, with its position, and the
	 * people acting for it; managing them is offered to those who may. */
	struct texchange *ex = testapp_expect(t, &viewer, "GET", path_of(id, ""), NULL, 200);
	const char *b = texchange_body(ex);
	assert_contains(b, "<h2 class=\"govuk-heading-m\" id=\"boards\">Boards and groups</h2>");
	assert_contains(b, "<th scope=\"col\" class=\"govuk-table__header\">Position</th>");
	assert_contains(b, pool_printf(&t->pool, "href=\"/boards/%lld#members\">Trust Board</a>", (long long)trust));
	assert_contains(b, pool_printf(&t->pool, "href=\"/boards/%lld#members\">Locality Group (retired)</a>",
				       (long long)locality));
	assert_contains(b, "<td class=\"govuk-table__cell\">Chair</td>");
	assert_true(strstr(b, ">Locality Group (retired)</a>") < strstr(b, ">Trust Board</a>"));
	assert_contains(b, "1 person acts for it as a provider.");
	assert_lacks(b, "Manage people");
	texchange_free(ex);
	ex = testapp_expect(t, &admin, "GET", path_of(id, ""), NULL, 200);
	assert_contains(texchange_body(ex), "href=\"/users\">Manage people</a>");
	texchange_free(ex);

	/* Retiring is refused, saying what to end first, and changes nothing. */
	ex = testapp_expect(t, &commissioner, "POST", path_of(id, "/retire"), NULL, 409);
	b = texchange_body(ex);
	assert_contains(b, "<title>Error: Thame Partnership");
	assert_contains(b, "There is a problem");
	assert_contains(b, "href=\"#boards\">Thame Partnership cannot be retired while it sits on boards or "
		       "groups. Remove it from these boards first: Locality Group, Trust Board</a>");
	assert_contains(b, "href=\"#people\">Thame Partnership cannot be retired while people act for it. "
		       "Move or disable these people first: 1 person who acts for it as a provider</a>");
	assert_contains(b, "id=\"people\"");
	assert_contains(b, "Retire organisation");
	assert_lacks(b, "govuk-notification-banner");
	texchange_free(ex);
	struct organisation o;
	assert_int_equal(organisation_get(DB, &t->pool, pid, id, &o), E_OK);
	assert_null(o.retired_at);
	assert_int_equal(retire_events(pid, id), 0);

	/* With its seats ended, only the people are left to see to. */
	assert_int_equal(board_member_remove(DB, &actor_cli, pid, trust, chair), E_OK);
	assert_int_equal(board_member_remove(DB, &actor_cli, pid, locality, seat), E_OK);
	ex = testapp_expect(t, &admin, "POST", path_of(id, "/retire"), NULL, 409);
	b = texchange_body(ex);
	assert_lacks(b, "Remove it from these boards first");
	assert_contains(b, "Move or disable these people first: 1 person who acts for it as a provider");
	assert_contains(b, "It does not sit on any board or group.");
	texchange_free(ex);

	/* Nothing left: it retires. */
	assert_int_equal(user_set_disabled(DB, &actor_cli, pid, pat, 1), E_OK);
	testapp_expect_redirect(t, &admin, "POST", path_of(id, "/retire"), NULL, path_of(id, "?done=retired"));
	assert_int_equal(organisation_get(DB, &t->pool, pid, id, &o), E_OK);
	assert_non_null(o.retired_at);
	assert_int_equal(retire_events(pid, id), 1);
	ex = testapp_expect(t, &admin, "GET", path_of(id, ""), NULL, 200);
	assert_lacks(texchange_body(ex), "id=\"people\"");
	texchange_free(ex);
}

/* Many seats: each board named once, the rest counted. */
static void test_refusal_names_boards_once(void **state)
{
	(void)state;
	struct testuser admin;
	int64_t pid = testapp_partnership(t, "org-many-seats", &admin);
	int64_t id = add_org(pid, "Busy Council", "county_council", "both", NULL);
	for (int i = 1; i <= 12; i++) {
		int64_t board = 0;
		char name[32];
		snprintf(name, sizeof name, "Board %02d", i);
		assert_int_equal(board_add(DB, &actor_cli, pid, name, "other", "", 0, 0, &board), E_OK);
		assert_int_equal(board_member_add(DB, &actor_cli, pid, board, id, "Chair", NULL), E_OK);
		if (i == 1)
			assert_int_equal(board_member_add(DB, &actor_cli, pid, board, id, "Vice chair", NULL), E_OK);
	}
	struct texchange *ex = testapp_expect(t, &admin, "POST", path_of(id, "/retire"), NULL, 409);
	const char *b = texchange_body(ex);
	assert_contains(b, "Remove it from these boards first: Board 01, Board 02, Board 03, Board 04, "
		       "Board 05, Board 06, Board 07, Board 08, Board 09, Board 10 and 2 more</a>");
	assert_lacks(b, "Move or disable these people");
	assert_int_equal(page_count(b, ">Board 01</a>"), 2); /* both positions in the table */
	assert_contains(b, "Vice chair");
	texchange_free(ex);
}

/* ---- Import ---- */

static void test_import(void **state)
{
	(void)state;
	struct testuser admin;
	int64_t pid = testapp_partnership(t, "org-import", &admin);
	add_org(pid, "Already Here", "nhs", "both", NULL);

	struct texchange *ex = testapp_expect(t, &admin, "GET", "/organisations/import", NULL, 200);
	const char *b = texchange_body(ex);
	assert_contains(b, "enctype=\"multipart/form-data\"");
	assert_contains(b, "name,type,role,identifier");
	assert_contains(b, "district_council");
	assert_contains(b, "type=\"file\"");
	texchange_free(ex);

	/* A bad row: nothing at all is written, every problem is listed. */
	ex = testapp_upload(t, &admin, "/organisations/import",
			    "name,type,role,identifier\r\n"
			    "Good One,nhs,commissioner,\r\n"
			    "Bad One,spaceship,provider,\r\n"
			    "Already Here,police,both,\r\n");
	assert_int_equal(ex->res.status, 400);
	b = texchange_body(ex);
	assert_contains(b, "<title>Error: Import organisations");
	assert_contains(b, "There is a problem");
	assert_contains(b, "Row 3, column type:");
	assert_contains(b, "Row 4, column name:");
	assert_contains(b, "href=\"#file\"");
	assert_contains(b, "nothing was imported");
	texchange_free(ex);
	assert_int_equal(count_orgs(pid), 1);
	struct organisation o;
	assert_int_equal(organisation_find_by_name(DB, &t->pool, pid, "Good One", &o), E_NOTFOUND);

	/* No file chosen. */
	ex = testapp_upload(t, &admin, "/organisations/import", NULL);
	assert_int_equal(ex->res.status, 400);
	assert_contains(texchange_body(ex), "Select a CSV file");
	texchange_free(ex);

	/* A good file: every row added, and the list says how many. */
	ex = testapp_upload(t, &admin, "/organisations/import",
			    "name,type,role,identifier\n"
			    "Kidlington Youth,voluntary,provider,1100001\n"
			    "Thames Valley Police,police,commissioner,\n");
	assert_int_equal(ex->res.status, 303);
	assert_string_equal(texchange_header(ex, "Location"), "/organisations?done=imported&n=2");
	texchange_free(ex);
	assert_int_equal(count_orgs(pid), 3);
	assert_int_equal(organisation_find_by_name(DB, &t->pool, pid, "Kidlington Youth", &o), E_OK);
	assert_string_equal(o.identifier, "1100001");
	ex = testapp_expect(t, &admin, "GET", "/organisations?done=imported&n=2", NULL, 200);
	b = texchange_body(ex);
	assert_contains(b, "2 organisations added");
	assert_contains(b, ">Thames Valley Police</a>");
	texchange_free(ex);
}

/* ---- Who may write ---- */

static void test_readers_cannot_write(void **state)
{
	(void)state;
	int64_t pid = testapp_partnership(t, "org-readers", NULL);
	int64_t id = add_org(pid, "Fixed Name", "nhs", "both", NULL);
	enum role readers[] = {ROLE_VIEWER, ROLE_ANALYST, ROLE_BOARD_MEMBER, ROLE_PROVIDER};
	for (size_t i = 0; i < sizeof readers / sizeof readers[0]; i++) {
		struct testuser u;
		testapp_user(t, pid, readers[i], &u);
		testapp_check_read_only(t, &u, &routes, id);
	}
	/* A commissioner writes the structure. */
	struct testuser c;
	testapp_user(t, pid, ROLE_COMMISSIONER, &c);
	texchange_free(testapp_expect(t, &c, "GET", "/organisations/new", NULL, 200));

	assert_int_equal(count_orgs(pid), 1);
	struct organisation o;
	assert_int_equal(organisation_get(DB, &t->pool, pid, id, &o), E_OK);
	assert_string_equal(o.name, "Fixed Name");
	assert_null(o.retired_at);

	/* Not signed in: pages go to sign-in, posts are refused. */
	const struct request_check anon[] = {
		{"GET", "/organisations", NULL, 303},
		{"POST", "/organisations/new", "name=Anon&type=nhs&role=both", 403},
	};
	testapp_check_requests(t, NULL, anon, 2);
}

/* ---- Another partnership's records ---- */

static void test_other_partnership_is_not_found(void **state)
{
	(void)state;
	struct testuser admin;
	testapp_partnership(t, "org-mine", &admin);
	int64_t theirs = testapp_partnership(t, "org-theirs", NULL);
	int64_t id = add_org(theirs, "Their Secret Org", "private", "provider", "SECRET1");

	testapp_check_not_found(t, &admin, &routes, id);
	const struct page_check list = {"/organisations?include_retired=true&q=secret", 200, {NULL}, {"Their Secret Org"}};
	testapp_check_pages(t, &admin, &list, 1);

	/* The same name is free in this partnership. */
	testapp_expect_redirect(t, &admin, "POST", "/organisations/new", "name=Their+Secret+Org&type=nhs&role=both",
				"/organisations?done=added");

	struct organisation o;
	assert_int_equal(organisation_get(DB, &t->pool, theirs, id, &o), E_OK);
	assert_string_equal(o.name, "Their Secret Org");
	assert_string_equal(o.type, "private");
	assert_null(o.retired_at);
}

/* ---- JSON API ---- */

static void test_api(void **state)
{
	(void)state;
	struct testuser admin, viewer;
	int64_t pid = testapp_partnership(t, "org-api", &admin);
	testapp_user(t, pid, ROLE_VIEWER, &viewer);
	int64_t theirs = testapp_partnership(t, "org-api-theirs", NULL);
	add_org(theirs, "Elsewhere Council", "county_council", "both", NULL);
	int64_t a = add_org(pid, "Alpha NHS", "nhs", "commissioner", "RXX");
	add_org(pid, "Beta School", "school", "provider", NULL);
	int64_t c = add_org(pid, "Gamma Police", "police", "both", NULL);
	assert_int_equal(organisation_set_retired(DB, &actor_cli, pid, c, 1), E_OK);

	char tok[TOKEN_SIZE];
	assert_int_equal(token_create(DB, &actor_cli, viewer.id, "test script", tok, NULL), E_OK);

	json_t *j = testapp_api_get(t, "/api/v1/organisations", tok, 200);
	assert_int_equal(json_integer_value(json_object_get(j, "total")), 2);
	assert_int_equal(json_array_size(json_object_get(j, "data")), 2);
	json_t *o = testapp_data_named(j, "Alpha NHS");
	assert_non_null(o);
	assert_int_equal(json_integer_value(json_object_get(o, "id")), a);
	assert_string_equal(json_string_value(json_object_get(o, "type")), "nhs");
	assert_string_equal(json_string_value(json_object_get(o, "type_label")), "NHS body");
	assert_string_equal(json_string_value(json_object_get(o, "role")), "commissioner");
	assert_string_equal(json_string_value(json_object_get(o, "identifier")), "RXX");
	assert_true(json_is_false(json_object_get(o, "retired")));
	o = testapp_data_named(j, "Beta School");
	assert_non_null(o);
	assert_true(json_is_null(json_object_get(o, "identifier")));
	assert_null(testapp_data_named(j, "Gamma Police"));
	assert_null(testapp_data_named(j, "Elsewhere Council"));
	json_decref(j);

	j = testapp_api_get(t, "/api/v1/organisations?include_retired=true", tok, 200);
	assert_int_equal(json_integer_value(json_object_get(j, "total")), 3);
	o = testapp_data_named(j, "Gamma Police");
	assert_non_null(o);
	assert_true(json_is_true(json_object_get(o, "retired")));
	assert_true(json_is_string(json_object_get(o, "retired_at")));
	json_decref(j);

	j = testapp_api_get(t, "/api/v1/organisations?type=school", tok, 200);
	assert_int_equal(json_integer_value(json_object_get(j, "total")), 1);
	assert_non_null(testapp_data_named(j, "Beta School"));
	json_decref(j);
	j = testapp_api_get(t, "/api/v1/organisations?q=alpha", tok, 200);
	assert_int_equal(json_integer_value(json_object_get(j, "total")), 1);
	assert_non_null(testapp_data_named(j, "Alpha NHS"));
	json_decref(j);
	j = testapp_api_get(t, "/api/v1/organisations?q=elsewhere", tok, 200);
	assert_int_equal(json_integer_value(json_object_get(j, "total")), 0);
	json_decref(j);

	j = testapp_api_get(t, "/api/v1/organisations?type=spaceship", tok, 400);
	assert_string_equal(json_string_value(json_object_get(json_object_get(j, "error"), "code")),
			    "bad_request");
	json_decref(j);
	json_decref(testapp_api_get(t, "/api/v1/organisations?include_retired=yes", tok, 400));

	/* Paging: limit and offset, echoed, with total counting every match. */
	j = testapp_api_get(t, "/api/v1/organisations", tok, 200);
	assert_int_equal(json_integer_value(json_object_get(j, "limit")), 100);
	assert_int_equal(json_integer_value(json_object_get(j, "offset")), 0);
	json_decref(j);
	const struct api_page pages[] = {
		{"/api/v1/organisations?limit=1", 2, 1, 0, "Alpha NHS"},
		{"/api/v1/organisations?limit=1&offset=1", 2, 1, 1, "Beta School"},
		{"/api/v1/organisations?offset=2", 2, 100, 2, ""},
		{"/api/v1/organisations?offset=999999999", 2, 100, 999999999, ""},
		{"/api/v1/organisations?include_retired=true&limit=2&offset=1", 3, 2, 1, "Beta School,Gamma Police"},
		{"/api/v1/organisations?limit=1000&offset=0", 2, 1000, 0, "Alpha NHS,Beta School"},
		{"/api/v1/organisations?limit=007", 2, 7, 0, "Alpha NHS,Beta School"},
	};
	api_check_pages(t, tok, pages, sizeof pages / sizeof pages[0]);
	api_check_bad_paging(t, tok, "/api/v1/organisations");

	/* No token, or a wrong one: 401 and no records. */
	j = testapp_api_get(t, "/api/v1/organisations", NULL, 401);
	assert_null(json_object_get(j, "data"));
	assert_string_equal(json_string_value(json_object_get(json_object_get(j, "error"), "code")),
			    "unauthorized");
	json_decref(j);
	json_decref(testapp_api_get(t, "/api/v1/organisations", "jcs_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", 401));

	/* The browser's session reads it too. */
	struct texchange *ex = testapp_expect(t, &admin, "GET", "/api/v1/organisations", NULL, 200);
	assert_contains(texchange_body(ex), "\"Alpha NHS\"");
	assert_lacks(texchange_body(ex), "Elsewhere");
	texchange_free(ex);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_list_search_and_paging),
		cmocka_unit_test(test_add_with_mistakes),
		cmocka_unit_test(test_add_ok),
		cmocka_unit_test(test_show_and_edit),
		cmocka_unit_test(test_retire_and_reinstate),
		cmocka_unit_test(test_ties_shown_and_retire_refused),
		cmocka_unit_test(test_refusal_names_boards_once),
		cmocka_unit_test(test_import),
		cmocka_unit_test(test_readers_cannot_write),
		cmocka_unit_test(test_other_partnership_is_not_found),
		cmocka_unit_test(test_api),
	};
	return cmocka_run_group_tests(tests, testapp_group_setup, testapp_group_teardown);
}
