/*
 * test_organisation_web.c: the partner organisations pages and API run
 * in-process on a demo database (both backends): list, search and paging,
 * adding with mistakes and without, changing, retiring and reinstating,
 * CSV import (a bad file writes nothing, a good one adds every row), who
 * may write, another partnership's records answering 404, and the JSON
 * API with and without a bearer token.
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
#include "core/pool.h"
#include "partnership/partnership.h"
#include "support/testapp.h"

static struct testapp t;
static struct pool pool;

static int setup_group(void **state)
{
	(void)state;
	testapp_start(&t, NULL, 0);
	pool_init(&pool, 64u << 20);
	return 0;
}

static int teardown_group(void **state)
{
	(void)state;
	pool_free(&pool);
	testapp_stop(&t);
	return 0;
}

#define DB app_db(&t.app)

#define assert_contains(hay, needle)                                                     \
	do {                                                                             \
		if (!strstr((hay), (needle)))                                            \
			fail_msg("expected to find \"%s\" in the response", (needle));   \
	} while (0)
#define assert_lacks(hay, needle)                                                        \
	do {                                                                             \
		if (strstr((hay), (needle)))                                             \
			fail_msg("did not expect \"%s\" in the response", (needle));     \
	} while (0)

/* A partnership of the test's own, with an administrator signed in. */
static int64_t own_partnership(const char *slug, struct testuser *admin)
{
	int64_t id = 0;
	assert_int_equal(partnership_create(DB, &actor_cli, slug, slug, &id), E_OK);
	if (admin)
		testapp_user(&t, id, ROLE_ADMIN, admin);
	return id;
}

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
	assert_int_equal(organisation_search(DB, &pool, pid, &q, &o, &n, &total), E_OK);
	return total;
}

static struct texchange *run(const struct testuser *u, const char *method, const char *target,
			     const char *form, int status)
{
	struct texchange *ex = testapp_run(&t, u, method, target, form);
	if (ex->res.status != status)
		fail_msg("%s %s: status %d, expected %d", method, target, ex->res.status, status);
	return ex;
}

static void expect(const struct testuser *u, const char *method, const char *target,
		   const char *form, int status)
{
	texchange_free(run(u, method, target, form, status));
}

static void expect_location(const struct testuser *u, const char *method, const char *target,
			    const char *form, const char *location)
{
	struct texchange *ex = run(u, method, target, form, 303);
	assert_non_null(texchange_header(ex, "Location"));
	assert_string_equal(texchange_header(ex, "Location"), location);
	texchange_free(ex);
}

/* A multipart upload of csv as the "file" field, with u's CSRF token. */
static struct texchange *upload(const struct testuser *u, const char *target, const char *csv)
{
	char body[8192];
	snprintf(body, sizeof body,
		 "--XyZ\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n%s\r\n"
		 "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"upload.csv\"\r\n"
		 "Content-Type: text/csv\r\n\r\n%s\r\n--XyZ--\r\n",
		 u->csrf, csv);
	const char *h[] = {"Cookie", u->cookie, "Content-Type", "multipart/form-data; boundary=XyZ"};
	return testapp_run_raw(&t, "POST", target, h, 4, body);
}

static const char *path_of(int64_t id, const char *suffix)
{
	return pool_printf(&pool, "/organisations/%lld%s", (long long)id, suffix);
}

/* ---- The list ---- */

static void test_list_search_and_paging(void **state)
{
	(void)state;
	struct testuser admin, viewer;
	int64_t pid = own_partnership("org-list", &admin);
	testapp_user(&t, pid, ROLE_VIEWER, &viewer);
	char name[64];
	for (int i = 1; i <= 60; i++) {
		snprintf(name, sizeof name, "Org %03d", i);
		add_org(pid, name, i <= 5 ? "nhs" : "school", i % 2 ? "provider" : "commissioner",
			i == 7 ? "CH0007" : NULL);
	}
	int64_t old = add_org(pid, "Org 999 Retired", "police", "both", NULL);
	assert_int_equal(organisation_set_retired(DB, &actor_cli, pid, old, 1), E_OK);

	struct texchange *ex = run(&admin, "GET", "/organisations", NULL, 200);
	const char *b = texchange_body(ex);
	assert_contains(b, "<h1 class=\"govuk-heading-l\">Partner organisations</h1>");
	assert_contains(b, "Showing 1 to 50 of 60 organisations");
	assert_contains(b, ">Org 001</a>");
	assert_contains(b, ">Org 050</a>");
	assert_lacks(b, ">Org 051</a>");
	assert_lacks(b, "Org 999 Retired");
	assert_contains(b, "NHS body");
	assert_contains(b, "School or academy");
	assert_contains(b, "CH0007");
	assert_contains(b, "href=\"/organisations?page=2\"");
	assert_contains(b, "Add an organisation");
	assert_contains(b, "Import from CSV");
	texchange_free(ex);

	ex = run(&admin, "GET", "/organisations?page=2", NULL, 200);
	b = texchange_body(ex);
	assert_contains(b, "Showing 51 to 60 of 60 organisations");
	assert_contains(b, ">Org 051</a>");
	assert_contains(b, ">Org 060</a>");
	assert_lacks(b, ">Org 001</a>");
	texchange_free(ex);

	/* Search by name words in any case, by identifier, by type and role. */
	ex = run(&admin, "GET", "/organisations?q=org+05", NULL, 200);
	b = texchange_body(ex);
	assert_contains(b, "10 organisations");
	assert_contains(b, ">Org 059</a>");
	assert_lacks(b, ">Org 049</a>");
	texchange_free(ex);
	ex = run(&admin, "GET", "/organisations?q=ch0007", NULL, 200);
	b = texchange_body(ex);
	assert_contains(b, "1 organisation<");
	assert_contains(b, ">Org 007</a>");
	texchange_free(ex);
	ex = run(&admin, "GET", "/organisations?type=nhs&role=provider", NULL, 200);
	b = texchange_body(ex);
	assert_contains(b, "3 organisations"); /* 1, 3, 5 */
	assert_contains(b, ">Org 003</a>");
	assert_lacks(b, ">Org 002</a>");
	assert_contains(b, "<option value=\"nhs\" selected>");
	texchange_free(ex);
	ex = run(&admin, "GET", "/organisations?q=nothing+like+this", NULL, 200);
	assert_contains(texchange_body(ex), "No organisations match your search.");
	texchange_free(ex);

	/* Retired ones only when asked for, with their tag; paging keeps the filters. */
	ex = run(&admin, "GET", "/organisations?include_retired=true&type=police", NULL, 200);
	b = texchange_body(ex);
	assert_contains(b, ">Org 999 Retired</a>");
	assert_contains(b, ">Retired</strong>");
	texchange_free(ex);
	ex = run(&admin, "GET", "/organisations?q=Org&include_retired=true", NULL, 200);
	b = texchange_body(ex);
	assert_contains(b, "Showing 1 to 50 of 61 organisations");
	assert_contains(b, "href=\"/organisations?q=Org&amp;include_retired=true&amp;page=2\"");
	texchange_free(ex);

	/* A reader sees the list but not the buttons that change it. */
	ex = run(&viewer, "GET", "/organisations", NULL, 200);
	b = texchange_body(ex);
	assert_contains(b, ">Org 001</a>");
	assert_lacks(b, "Add an organisation");
	assert_lacks(b, "Import from CSV");
	texchange_free(ex);
}

/* ---- Adding ---- */

static void test_add_with_mistakes(void **state)
{
	(void)state;
	struct testuser admin;
	int64_t pid = own_partnership("org-mistakes", &admin);
	add_org(pid, "Taken Trust", "nhs", "both", NULL);
	size_t before = count_orgs(pid);

	struct texchange *ex = run(&admin, "POST", "/organisations/new",
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
	ex = run(&admin, "POST", "/organisations/new", form, 400);
	b = texchange_body(ex);
	assert_contains(b, "Name must be 255 characters or fewer");
	assert_contains(b, "value=\"police\" checked");
	assert_contains(b, "value=\"provider\" checked");
	assert_lacks(b, "Select the type of organisation");
	texchange_free(ex);

	ex = run(&admin, "POST", "/organisations/new", "name=Lost&type=spaceship&role=both", 400);
	assert_contains(texchange_body(ex), "Select the type of organisation");
	assert_contains(texchange_body(ex), "value=\"Lost\"");
	texchange_free(ex);

	/* A name taken in this partnership: the store's conflict, by name. */
	ex = run(&admin, "POST", "/organisations/new", "name=+Taken+Trust+&type=nhs&role=both", 400);
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
	int64_t pid = own_partnership("org-add", &admin);

	struct texchange *ex = run(&admin, "GET", "/organisations/new", NULL, 200);
	const char *b = texchange_body(ex);
	/* Every type and role the issue names is offered, with its label. */
	static const char *const codes[] = {"county_council", "unitary_council", "district_council",
					    "nhs", "school", "police", "voluntary", "private", "other",
					    "commissioner", "provider", "both"};
	for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++)
		assert_contains(b, pool_printf(&pool, "value=\"%s\"", codes[i]));
	assert_contains(b, "Companies House or charity number, if it has one");
	assert_contains(b, "name=\"csrf_token\"");
	texchange_free(ex);

	expect_location(&admin, "POST", "/organisations/new",
			"name=Bicester+Youth+Club&type=voluntary&role=provider&identifier=+1234567+",
			"/organisations?done=added");
	struct organisation o;
	assert_int_equal(organisation_find_by_name(DB, &pool, pid, "Bicester Youth Club", &o), E_OK);
	assert_string_equal(o.type, "voluntary");
	assert_string_equal(o.role, "provider");
	assert_string_equal(o.identifier, "1234567");
	assert_null(o.retired_at);

	ex = run(&admin, "GET", "/organisations?done=added", NULL, 200);
	b = texchange_body(ex);
	assert_contains(b, "govuk-notification-banner--success");
	assert_contains(b, "Organisation added");
	assert_contains(b, ">Bicester Youth Club</a>");
	assert_contains(b, "Voluntary and community sector");
	texchange_free(ex);

	/* An empty identifier is none. */
	expect_location(&admin, "POST", "/organisations/new", "name=No+Number&type=other&role=both&identifier=",
			"/organisations?done=added");
	assert_int_equal(organisation_find_by_name(DB, &pool, pid, "No Number", &o), E_OK);
	assert_null(o.identifier);
}

/* ---- One organisation: show, change, retire ---- */

static void test_show_and_edit(void **state)
{
	(void)state;
	struct testuser admin, viewer;
	int64_t pid = own_partnership("org-edit", &admin);
	testapp_user(&t, pid, ROLE_VIEWER, &viewer);
	int64_t id = add_org(pid, "Banbury Academy", "school", "provider", NULL);
	add_org(pid, "Other School", "school", "provider", NULL);

	struct texchange *ex = run(&admin, "GET", path_of(id, ""), NULL, 200);
	const char *b = texchange_body(ex);
	assert_contains(b, "<h1 class=\"govuk-heading-l\">Banbury Academy</h1>");
	assert_contains(b, "School or academy");
	assert_contains(b, "Not given");
	assert_contains(b, pool_printf(&pool, "href=\"/organisations/%lld/edit#name\"", (long long)id));
	assert_contains(b, pool_printf(&pool, "action=\"/organisations/%lld/retire\"", (long long)id));
	assert_contains(b, "Retire organisation");
	texchange_free(ex);

	ex = run(&viewer, "GET", path_of(id, ""), NULL, 200);
	b = texchange_body(ex);
	assert_contains(b, "Banbury Academy");
	assert_lacks(b, "/edit");
	assert_lacks(b, "Retire organisation");
	texchange_free(ex);

	ex = run(&admin, "GET", path_of(id, "/edit"), NULL, 200);
	b = texchange_body(ex);
	assert_contains(b, "value=\"Banbury Academy\"");
	assert_contains(b, "value=\"school\" checked");
	assert_contains(b, pool_printf(&pool, "action=\"/organisations/%lld/edit\"", (long long)id));
	texchange_free(ex);

	/* A mistake changes nothing and keeps what was typed. */
	ex = run(&admin, "POST", path_of(id, "/edit"), "name=&type=nhs&role=both&identifier=X1", 400);
	b = texchange_body(ex);
	assert_contains(b, "Enter the organisation&#39;s name");
	assert_contains(b, "value=\"X1\"");
	assert_contains(b, "value=\"nhs\" checked");
	texchange_free(ex);
	ex = run(&admin, "POST", path_of(id, "/edit"), "name=Other+School&type=nhs&role=both", 400);
	assert_contains(texchange_body(ex), "There is already an organisation called Other School in this partnership");
	texchange_free(ex);
	struct organisation o;
	assert_int_equal(organisation_get(DB, &pool, pid, id, &o), E_OK);
	assert_string_equal(o.name, "Banbury Academy");
	assert_string_equal(o.type, "school");

	expect_location(&admin, "POST", path_of(id, "/edit"),
			"name=Banbury+Academy+Trust&type=school&role=both&identifier=08123456",
			path_of(id, "?done=changed"));
	assert_int_equal(organisation_get(DB, &pool, pid, id, &o), E_OK);
	assert_string_equal(o.name, "Banbury Academy Trust");
	assert_string_equal(o.role, "both");
	assert_string_equal(o.identifier, "08123456");
	ex = run(&admin, "GET", path_of(id, "?done=changed"), NULL, 200);
	b = texchange_body(ex);
	assert_contains(b, "Organisation details changed");
	assert_contains(b, "Commissioner and provider");
	assert_contains(b, "08123456");
	texchange_free(ex);

	expect(&admin, "GET", "/organisations/0", NULL, 404);
	expect(&admin, "GET", "/organisations/abc", NULL, 404);
	expect(&admin, "GET", "/organisations/99999999/edit", NULL, 404);
}

static void test_retire_and_reinstate(void **state)
{
	(void)state;
	struct testuser admin;
	int64_t pid = own_partnership("org-retire", &admin);
	int64_t id = add_org(pid, "Thame Partnership", "voluntary", "provider", NULL);

	expect_location(&admin, "POST", path_of(id, "/retire"), NULL, path_of(id, "?done=retired"));
	struct organisation o;
	assert_int_equal(organisation_get(DB, &pool, pid, id, &o), E_OK);
	assert_non_null(o.retired_at);
	struct texchange *ex = run(&admin, "GET", path_of(id, "?done=retired"), NULL, 200);
	const char *b = texchange_body(ex);
	assert_contains(b, "Organisation retired");
	assert_contains(b, ">Retired</strong>");
	assert_contains(b, "Retired on ");
	assert_contains(b, "Reinstate organisation");
	assert_lacks(b, "Retire organisation");
	texchange_free(ex);
	ex = run(&admin, "GET", "/organisations", NULL, 200);
	assert_lacks(texchange_body(ex), "Thame Partnership");
	texchange_free(ex);

	expect_location(&admin, "POST", path_of(id, "/reinstate"), NULL, path_of(id, "?done=reinstated"));
	assert_int_equal(organisation_get(DB, &pool, pid, id, &o), E_OK);
	assert_null(o.retired_at);
	ex = run(&admin, "GET", "/organisations", NULL, 200);
	assert_contains(texchange_body(ex), "Thame Partnership");
	texchange_free(ex);
}

/* ---- Import ---- */

static void test_import(void **state)
{
	(void)state;
	struct testuser admin;
	int64_t pid = own_partnership("org-import", &admin);
	add_org(pid, "Already Here", "nhs", "both", NULL);

	struct texchange *ex = run(&admin, "GET", "/organisations/import", NULL, 200);
	const char *b = texchange_body(ex);
	assert_contains(b, "enctype=\"multipart/form-data\"");
	assert_contains(b, "name,type,role,identifier");
	assert_contains(b, "district_council");
	assert_contains(b, "type=\"file\"");
	texchange_free(ex);

	/* A bad row: nothing at all is written, every problem is listed. */
	ex = upload(&admin, "/organisations/import",
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
	assert_int_equal(organisation_find_by_name(DB, &pool, pid, "Good One", &o), E_NOTFOUND);

	/* No file chosen. */
	char body[512];
	snprintf(body, sizeof body,
		 "--XyZ\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n%s\r\n--XyZ--\r\n",
		 admin.csrf);
	const char *h[] = {"Cookie", admin.cookie, "Content-Type", "multipart/form-data; boundary=XyZ"};
	ex = testapp_run_raw(&t, "POST", "/organisations/import", h, 4, body);
	assert_int_equal(ex->res.status, 400);
	assert_contains(texchange_body(ex), "Select a CSV file");
	texchange_free(ex);

	/* A good file: every row added, and the list says how many. */
	ex = upload(&admin, "/organisations/import",
		    "name,type,role,identifier\n"
		    "Kidlington Youth,voluntary,provider,1100001\n"
		    "Thames Valley Police,police,commissioner,\n");
	assert_int_equal(ex->res.status, 303);
	assert_string_equal(texchange_header(ex, "Location"), "/organisations?done=imported&n=2");
	texchange_free(ex);
	assert_int_equal(count_orgs(pid), 3);
	assert_int_equal(organisation_find_by_name(DB, &pool, pid, "Kidlington Youth", &o), E_OK);
	assert_string_equal(o.identifier, "1100001");
	ex = run(&admin, "GET", "/organisations?done=imported&n=2", NULL, 200);
	b = texchange_body(ex);
	assert_contains(b, "2 organisations added");
	assert_contains(b, ">Thames Valley Police</a>");
	texchange_free(ex);
}

/* ---- Who may write ---- */

static void test_readers_cannot_write(void **state)
{
	(void)state;
	int64_t pid = own_partnership("org-readers", NULL);
	int64_t id = add_org(pid, "Fixed Name", "nhs", "both", NULL);
	enum role readers[] = {ROLE_VIEWER, ROLE_ANALYST, ROLE_BOARD_MEMBER, ROLE_PROVIDER};
	for (size_t i = 0; i < sizeof readers / sizeof readers[0]; i++) {
		struct testuser u;
		testapp_user(&t, pid, readers[i], &u);
		expect(&u, "GET", "/organisations", NULL, 200);
		expect(&u, "GET", path_of(id, ""), NULL, 200);
		expect(&u, "GET", "/organisations/new", NULL, 403);
		expect(&u, "POST", "/organisations/new", "name=Sneaky&type=nhs&role=both", 403);
		expect(&u, "GET", path_of(id, "/edit"), NULL, 403);
		expect(&u, "POST", path_of(id, "/edit"), "name=Changed&type=nhs&role=both", 403);
		expect(&u, "POST", path_of(id, "/retire"), NULL, 403);
		expect(&u, "POST", path_of(id, "/reinstate"), NULL, 403);
		expect(&u, "GET", "/organisations/import", NULL, 403);
		struct texchange *ex = upload(&u, "/organisations/import", "name,type,role\nSneaky,nhs,both\n");
		assert_int_equal(ex->res.status, 403);
		texchange_free(ex);
	}
	/* A commissioner writes the structure. */
	struct testuser c;
	testapp_user(&t, pid, ROLE_COMMISSIONER, &c);
	expect(&c, "GET", "/organisations/new", NULL, 200);

	assert_int_equal(count_orgs(pid), 1);
	struct organisation o;
	assert_int_equal(organisation_get(DB, &pool, pid, id, &o), E_OK);
	assert_string_equal(o.name, "Fixed Name");
	assert_null(o.retired_at);

	/* Not signed in: pages go to sign-in, posts are refused. */
	expect(NULL, "GET", "/organisations", NULL, 303);
	expect(NULL, "POST", "/organisations/new", "name=Anon&type=nhs&role=both", 403);
}

/* ---- Another partnership's records ---- */

static void test_other_partnership_is_not_found(void **state)
{
	(void)state;
	struct testuser admin;
	own_partnership("org-mine", &admin);
	int64_t theirs = own_partnership("org-theirs", NULL);
	int64_t id = add_org(theirs, "Their Secret Org", "private", "provider", "SECRET1");

	expect(&admin, "GET", path_of(id, ""), NULL, 404);
	expect(&admin, "GET", path_of(id, "/edit"), NULL, 404);
	expect(&admin, "POST", path_of(id, "/edit"), "name=Taken+Over&type=nhs&role=both", 404);
	expect(&admin, "POST", path_of(id, "/retire"), NULL, 404);
	expect(&admin, "POST", path_of(id, "/reinstate"), NULL, 404);
	struct texchange *ex = run(&admin, "GET", "/organisations?include_retired=true&q=secret", NULL, 200);
	assert_lacks(texchange_body(ex), "Their Secret Org");
	texchange_free(ex);

	/* The same name is free in this partnership. */
	expect_location(&admin, "POST", "/organisations/new", "name=Their+Secret+Org&type=nhs&role=both",
			"/organisations?done=added");

	struct organisation o;
	assert_int_equal(organisation_get(DB, &pool, theirs, id, &o), E_OK);
	assert_string_equal(o.name, "Their Secret Org");
	assert_string_equal(o.type, "private");
	assert_null(o.retired_at);
}

/* ---- JSON API ---- */

static json_t *api_get(const char *target, const char *token, int status)
{
	char auth[128];
	snprintf(auth, sizeof auth, "Bearer %s", token ? token : "");
	const char *h[] = {"Authorization", auth};
	struct texchange *ex = testapp_run_raw(&t, "GET", target, h, token ? 2 : 0, NULL);
	if (ex->res.status != status)
		fail_msg("GET %s: status %d, expected %d", target, ex->res.status, status);
	assert_string_equal(ex->res.content_type, "application/json");
	json_error_t err;
	json_t *j = json_loads(texchange_body(ex), 0, &err);
	if (!j)
		fail_msg("GET %s: not JSON: %s", target, err.text);
	if (status == 401)
		assert_non_null(texchange_header(ex, "WWW-Authenticate"));
	texchange_free(ex);
	return j;
}

/* The object in data whose name is name, or NULL. */
static json_t *find_named(json_t *j, const char *name)
{
	size_t i;
	json_t *v;
	json_array_foreach(json_object_get(j, "data"), i, v)
		if (strcmp(json_string_value(json_object_get(v, "name")), name) == 0)
			return v;
	return NULL;
}

static void test_api(void **state)
{
	(void)state;
	struct testuser admin, viewer;
	int64_t pid = own_partnership("org-api", &admin);
	testapp_user(&t, pid, ROLE_VIEWER, &viewer);
	int64_t theirs = own_partnership("org-api-theirs", NULL);
	add_org(theirs, "Elsewhere Council", "county_council", "both", NULL);
	int64_t a = add_org(pid, "Alpha NHS", "nhs", "commissioner", "RXX");
	add_org(pid, "Beta School", "school", "provider", NULL);
	int64_t c = add_org(pid, "Gamma Police", "police", "both", NULL);
	assert_int_equal(organisation_set_retired(DB, &actor_cli, pid, c, 1), E_OK);

	char tok[TOKEN_SIZE];
	assert_int_equal(token_create(DB, &actor_cli, viewer.id, "test script", tok, NULL), E_OK);

	json_t *j = api_get("/api/v1/organisations", tok, 200);
	assert_int_equal(json_integer_value(json_object_get(j, "total")), 2);
	assert_int_equal(json_array_size(json_object_get(j, "data")), 2);
	json_t *o = find_named(j, "Alpha NHS");
	assert_non_null(o);
	assert_int_equal(json_integer_value(json_object_get(o, "id")), a);
	assert_string_equal(json_string_value(json_object_get(o, "type")), "nhs");
	assert_string_equal(json_string_value(json_object_get(o, "type_label")), "NHS body");
	assert_string_equal(json_string_value(json_object_get(o, "role")), "commissioner");
	assert_string_equal(json_string_value(json_object_get(o, "identifier")), "RXX");
	assert_true(json_is_false(json_object_get(o, "retired")));
	o = find_named(j, "Beta School");
	assert_non_null(o);
	assert_true(json_is_null(json_object_get(o, "identifier")));
	assert_null(find_named(j, "Gamma Police"));
	assert_null(find_named(j, "Elsewhere Council"));
	json_decref(j);

	j = api_get("/api/v1/organisations?include_retired=true", tok, 200);
	assert_int_equal(json_integer_value(json_object_get(j, "total")), 3);
	o = find_named(j, "Gamma Police");
	assert_non_null(o);
	assert_true(json_is_true(json_object_get(o, "retired")));
	assert_true(json_is_string(json_object_get(o, "retired_at")));
	json_decref(j);

	j = api_get("/api/v1/organisations?type=school", tok, 200);
	assert_int_equal(json_integer_value(json_object_get(j, "total")), 1);
	assert_non_null(find_named(j, "Beta School"));
	json_decref(j);
	j = api_get("/api/v1/organisations?q=alpha", tok, 200);
	assert_int_equal(json_integer_value(json_object_get(j, "total")), 1);
	assert_non_null(find_named(j, "Alpha NHS"));
	json_decref(j);
	j = api_get("/api/v1/organisations?q=elsewhere", tok, 200);
	assert_int_equal(json_integer_value(json_object_get(j, "total")), 0);
	json_decref(j);

	j = api_get("/api/v1/organisations?type=spaceship", tok, 400);
	assert_string_equal(json_string_value(json_object_get(json_object_get(j, "error"), "code")),
			    "bad_request");
	json_decref(j);
	json_decref(api_get("/api/v1/organisations?include_retired=yes", tok, 400));

	/* No token, or a wrong one: 401 and no records. */
	j = api_get("/api/v1/organisations", NULL, 401);
	assert_null(json_object_get(j, "data"));
	assert_string_equal(json_string_value(json_object_get(json_object_get(j, "error"), "code")),
			    "unauthorized");
	json_decref(j);
	json_decref(api_get("/api/v1/organisations", "jcs_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", 401));

	/* The browser's session reads it too. */
	struct texchange *ex = run(&admin, "GET", "/api/v1/organisations", NULL, 200);
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
		cmocka_unit_test(test_import),
		cmocka_unit_test(test_readers_cannot_write),
		cmocka_unit_test(test_other_partnership_is_not_found),
		cmocka_unit_test(test_api),
	};
	return cmocka_run_group_tests(tests, setup_group, teardown_group);
}
