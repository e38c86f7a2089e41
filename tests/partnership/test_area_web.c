/*
 * test_area_web.c: the areas pages and API run in-process on a demo
 * database (both backends): the tree with its indentation, deprivation
 * tags and search, adding with mistakes (including the hierarchy's level
 * rule and a name taken) and without, changing, retiring (refused while
 * areas within it are current) and reinstating, CSV import, who may
 * write, another partnership's areas answering 404 or being refused as a
 * parent, and the JSON API (paging, bad parameters) with and without a
 * bearer token.
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
#include "partnership/area.h"
#include "partnership/partnership.h"
#include "support/page_asserts.h"
#include "support/testapp.h"

#include "api_paging.h"

static struct testapp *const t = &testapp_group;

#define DB app_db(&t->app)

static int64_t add_area(int64_t pid, const char *name, const char *type, int64_t parent,
			int64_t population, int decile)
{
	int64_t id = 0;
	assert_int_equal(area_add(DB, &actor_cli, pid, name, type, parent, population, decile, &id), E_OK);
	return id;
}

static size_t count_areas(int64_t pid)
{
	struct area *a;
	size_t n = 0;
	assert_int_equal(area_list(DB, &t->pool, pid, 1, NULL, &a, &n), E_OK);
	return n;
}

/* The pages every area has, for the checks of who may reach them. */
static const struct record_routes routes = {"/areas", "name=Sneaky&type=county", "name,type,parent\nSneaky,county,\n"};

static const char *path_of(int64_t id, const char *suffix)
{
	return pool_printf(&t->pool, "/areas/%lld%s", (long long)id, suffix);
}

/* The text of the table row that links to area id (up to "</tr>"). */
static const char *row_of(const char *body, int64_t id)
{
	const char *link = strstr(body, pool_printf(&t->pool, "href=\"/areas/%lld\"", (long long)id));
	if (!link)
		fail_msg("no row for area %lld", (long long)id);
	const char *start = link;
	while (start > body && strncmp(start, "<tr", 3) != 0)
		start--;
	const char *end = strstr(link, "</tr>");
	assert_non_null(end);
	return pool_strndup(&t->pool, start, (size_t)(end - start));
}

/* A small tree: Shire > Northdale (district) > Northtown (locality) >
 * Ward A (deprived), and Ward B directly in Northdale. */
struct tree {
	int64_t county, district, locality, ward_a, ward_b;
};

static void make_tree(int64_t pid, struct tree *tr)
{
	tr->county = add_area(pid, "Shire", "county", 0, 150000, 0);
	tr->district = add_area(pid, "Northdale", "district", tr->county, 40000, 6);
	tr->locality = add_area(pid, "Northtown", "locality", tr->district, -1, 0);
	tr->ward_a = add_area(pid, "Ward A", "ward", tr->locality, 1250, 1);
	tr->ward_b = add_area(pid, "Ward B", "ward", tr->district, 900, 5);
}

/* ---- The list ---- */

static void test_list_tree_and_search(void **state)
{
	(void)state;
	struct testuser admin, viewer;
	int64_t pid = testapp_partnership(t, "area-list", &admin);
	testapp_user(t, pid, ROLE_VIEWER, &viewer);
	struct tree tr;
	make_tree(pid, &tr);
	int64_t old = add_area(pid, "Old Ward", "ward", tr.district, -1, 2);
	assert_int_equal(area_set_retired(DB, &actor_cli, pid, old, 1), E_OK);

	struct texchange *ex = testapp_expect(t, &admin, "GET", "/areas", NULL, 200);
	const char *b = texchange_body(ex);
	assert_contains(b, "<h1 class=\"govuk-heading-l\">Areas</h1>");
	assert_contains(b, "5 areas, of which 1 deprived");
	/* Tree order: each area followed by the areas within it. */
	const char *pc = strstr(b, ">Shire</a>"), *pd = strstr(b, ">Northdale</a>"),
		   *pl = strstr(b, ">Northtown</a>"), *pa = strstr(b, ">Ward A</a>"),
		   *pb = strstr(b, ">Ward B</a>");
	assert_true(pc && pd && pl && pa && pb);
	assert_true(pc < pd && pd < pl && pl < pa && pa < pb);
	assert_lacks(b, "Old Ward");
	/* Indented by depth, with the parent in words too. */
	const char *r = row_of(b, tr.county);
	assert_contains(r, "<td class=\"govuk-table__cell\"><a");
	assert_contains(r, "150,000");
	r = row_of(b, tr.district);
	assert_contains(r, "govuk-!-padding-left-4");
	assert_contains(r, ">Shire<");
	assert_lacks(r, "Deprived");
	r = row_of(b, tr.ward_a);
	assert_contains(r, "govuk-!-padding-left-9");
	assert_contains(r, ">Northtown<");
	assert_contains(r, "1,250");
	assert_contains(r, ">Deprived</strong>");
	r = row_of(b, tr.ward_b);
	assert_contains(r, "govuk-!-padding-left-7");
	assert_lacks(r, "Deprived");
	assert_contains(b, "Add an area");
	texchange_free(ex);

	const struct page_check search = {"/areas?q=ward", 200, {">Ward A</a>", ">Ward B</a>", "2 areas"}, {">Shire</a>"}};
	testapp_check_pages(t, &admin, &search, 1);

	ex = testapp_expect(t, &admin, "GET", "/areas?include_retired=true", NULL, 200);
	b = texchange_body(ex);
	r = row_of(b, old);
	assert_contains(r, ">Retired</strong>");
	assert_contains(r, ">Deprived</strong>");
	texchange_free(ex);

	const struct page_check reader = {"/areas", 200, {">Ward A</a>"}, {"Add an area", "Import from CSV"}};
	testapp_check_pages(t, &viewer, &reader, 1);
}

/* ---- Adding ---- */

static void test_add_with_mistakes(void **state)
{
	(void)state;
	struct testuser admin;
	int64_t pid = testapp_partnership(t, "area-mistakes", &admin);
	struct tree tr;
	make_tree(pid, &tr);
	size_t before = count_areas(pid);

	struct texchange *ex = testapp_expect(t, &admin, "POST", "/areas/new",
					      "name=&type=&parent=&population_0_19=lots&imd_decile=11", 400);
	const char *b = texchange_body(ex);
	assert_contains(b, "<title>Error: Add an area");
	assert_contains(b, "<a href=\"#name\">Enter the area&#39;s name</a>");
	assert_contains(b, "<a href=\"#type\">Select the type of area</a>");
	assert_contains(b, "<a href=\"#population_0_19\">Population aged 0 to 19 must be a whole number");
	assert_contains(b, "<a href=\"#imd_decile\">Select the IMD decile");
	assert_contains(b, "value=\"lots\"");
	texchange_free(ex);

	/* The level rule, in words that name it; what was typed is kept. */
	char form[256];
	snprintf(form, sizeof form, "name=New+Ward&type=ward&parent=%lld&population_0_19=1%%2C200&imd_decile=3",
		 (long long)tr.ward_a);
	ex = testapp_expect(t, &admin, "POST", "/areas/new", form, 400);
	b = texchange_body(ex);
	assert_contains(b, "<a href=\"#parent\">A ward must sit under a county, district or locality");
	assert_contains(b, "value=\"New Ward\"");
	assert_contains(b, "value=\"1,200\"");
	assert_contains(b, "value=\"3\" selected");
	assert_contains(b, pool_printf(&t->pool, "value=\"%lld\" selected", (long long)tr.ward_a));
	texchange_free(ex);
	snprintf(form, sizeof form, "name=Second+County&type=county&parent=%lld", (long long)tr.county);
	ex = testapp_expect(t, &admin, "POST", "/areas/new", form, 400);
	assert_contains(texchange_body(ex), "A county cannot sit under another area");
	texchange_free(ex);

	/* A parent that is not an area of this partnership. */
	ex = testapp_expect(t, &admin, "POST", "/areas/new", "name=Floating&type=ward&parent=99999999", 400);
	assert_contains(texchange_body(ex), "Select the area it is part of from the list");
	texchange_free(ex);

	ex = testapp_expect(t, &admin, "POST", "/areas/new", "name=Northdale&type=district&parent=", 400);
	assert_contains(texchange_body(ex), "There is already an area called Northdale in this partnership");
	texchange_free(ex);

	ex = testapp_expect(t, &admin, "POST", "/areas/new", "name=Big&type=county&population_0_19=100000001", 400);
	assert_contains(texchange_body(ex), "Population aged 0 to 19 must be 100,000,000 or fewer");
	texchange_free(ex);

	assert_int_equal(count_areas(pid), before);
}

static void test_add_ok(void **state)
{
	(void)state;
	struct testuser admin;
	int64_t pid = testapp_partnership(t, "area-add", &admin);
	struct tree tr;
	make_tree(pid, &tr);

	struct texchange *ex = testapp_expect(t, &admin, "GET", "/areas/new", NULL, 200);
	const char *b = texchange_body(ex);
	assert_contains(b, "None – top level");
	assert_contains(b, pool_printf(&t->pool, "<option value=\"%lld\">Northtown (Locality)</option>",
				       (long long)tr.locality));
	assert_contains(b, "value=\"ward\"");
	assert_contains(b, "Not known");
	texchange_free(ex);

	char form[256];
	snprintf(form, sizeof form,
		 "name=Ward+C&type=ward&parent=%lld&population_0_19=2%%2C345&imd_decile=2",
		 (long long)tr.locality);
	testapp_expect_redirect(t, &admin, "POST", "/areas/new", form, "/areas?done=added");
	struct area a;
	assert_int_equal(area_find_by_name(DB, &t->pool, pid, "Ward C", &a), E_OK);
	assert_string_equal(a.type, "ward");
	assert_int_equal(a.parent_id, tr.locality);
	assert_int_equal(a.population_0_19, 2345);
	assert_int_equal(a.imd_decile, 2);

	/* Unknown population and decile, at the top level. */
	testapp_expect_redirect(t, &admin, "POST", "/areas/new",
				"name=Another+County&type=county&parent=&population_0_19=&imd_decile=",
				"/areas?done=added");
	assert_int_equal(area_find_by_name(DB, &t->pool, pid, "Another County", &a), E_OK);
	assert_int_equal(a.parent_id, 0);
	assert_int_equal(a.population_0_19, -1);
	assert_int_equal(a.imd_decile, 0);

	ex = testapp_expect(t, &admin, "GET", "/areas?done=added", NULL, 200);
	b = texchange_body(ex);
	assert_contains(b, "Area added");
	assert_contains(b, ">Ward C</a>");
	texchange_free(ex);
}

/* ---- One area: show, change, retire ---- */

static void test_show_and_edit(void **state)
{
	(void)state;
	struct testuser admin, viewer;
	int64_t pid = testapp_partnership(t, "area-edit", &admin);
	testapp_user(t, pid, ROLE_VIEWER, &viewer);
	struct tree tr;
	make_tree(pid, &tr);

	struct texchange *ex = testapp_expect(t, &admin, "GET", path_of(tr.ward_a, ""), NULL, 200);
	const char *b = texchange_body(ex);
	assert_contains(b, "<h1 class=\"govuk-heading-l\">Ward A</h1>");
	assert_contains(b, "Northtown");
	assert_contains(b, "1,250");
	assert_contains(b, "1 – deprived");
	assert_contains(b, pool_printf(&t->pool, "href=\"/areas/%lld/edit#parent\"", (long long)tr.ward_a));
	assert_contains(b, "Retire area");
	texchange_free(ex);
	ex = testapp_expect(t, &admin, "GET", path_of(tr.district, ""), NULL, 200);
	b = texchange_body(ex);
	assert_contains(b, "Areas within it");
	assert_contains(b, pool_printf(&t->pool, "href=\"/areas/%lld\">Northtown</a>", (long long)tr.locality));
	assert_contains(b, pool_printf(&t->pool, "href=\"/areas/%lld\">Ward B</a>", (long long)tr.ward_b));
	texchange_free(ex);
	ex = testapp_expect(t, &viewer, "GET", path_of(tr.ward_a, ""), NULL, 200);
	assert_lacks(texchange_body(ex), "/edit");
	assert_lacks(texchange_body(ex), "Retire area");
	texchange_free(ex);

	/* The edit form keeps the values, and offers neither the area itself
	 * nor the areas within it as its parent. */
	ex = testapp_expect(t, &admin, "GET", path_of(tr.district, "/edit"), NULL, 200);
	b = texchange_body(ex);
	assert_contains(b, "value=\"Northdale\"");
	assert_contains(b, "value=\"40000\"");
	assert_contains(b, pool_printf(&t->pool, "value=\"%lld\" selected", (long long)tr.county));
	assert_lacks(b, pool_printf(&t->pool, "<option value=\"%lld\"", (long long)tr.district));
	assert_lacks(b, pool_printf(&t->pool, "<option value=\"%lld\"", (long long)tr.ward_a));
	texchange_free(ex);

	/* Lowering a type past the areas within it is refused on the type. */
	char form[256];
	snprintf(form, sizeof form, "name=Northdale&type=ward&parent=%lld", (long long)tr.county);
	ex = testapp_expect(t, &admin, "POST", path_of(tr.district, "/edit"), form, 400);
	b = texchange_body(ex);
	assert_contains(b, "<a href=\"#type\">The areas within it must all sit below a ward");
	texchange_free(ex);
	snprintf(form, sizeof form, "name=Ward+B&type=ward&parent=%lld", (long long)tr.district);
	ex = testapp_expect(t, &admin, "POST", path_of(tr.ward_a, "/edit"), form, 400);
	assert_contains(texchange_body(ex), "There is already an area called Ward B in this partnership");
	texchange_free(ex);
	struct area a;
	assert_int_equal(area_get(DB, &t->pool, pid, tr.district, &a), E_OK);
	assert_string_equal(a.type, "district");
	assert_int_equal(area_get(DB, &t->pool, pid, tr.ward_a, &a), E_OK);
	assert_string_equal(a.name, "Ward A");

	/* A good change: moved, renamed, figures known. */
	snprintf(form, sizeof form, "name=Ward+A+East&type=ward&parent=%lld&population_0_19=1300&imd_decile=4",
		 (long long)tr.district);
	testapp_expect_redirect(t, &admin, "POST", path_of(tr.ward_a, "/edit"), form, path_of(tr.ward_a, "?done=changed"));
	assert_int_equal(area_get(DB, &t->pool, pid, tr.ward_a, &a), E_OK);
	assert_string_equal(a.name, "Ward A East");
	assert_int_equal(a.parent_id, tr.district);
	assert_int_equal(a.population_0_19, 1300);
	assert_int_equal(a.imd_decile, 4);
	ex = testapp_expect(t, &admin, "GET", path_of(tr.ward_a, "?done=changed"), NULL, 200);
	b = texchange_body(ex);
	assert_contains(b, "Area details changed");
	assert_lacks(b, ">Deprived</strong>");
	texchange_free(ex);

	texchange_free(testapp_expect(t, &admin, "GET", "/areas/0", NULL, 404));
	texchange_free(testapp_expect(t, &admin, "GET", "/areas/99999999/edit", NULL, 404));
}

static void test_retire_and_reinstate(void **state)
{
	(void)state;
	struct testuser admin;
	int64_t pid = testapp_partnership(t, "area-retire", &admin);
	struct tree tr;
	make_tree(pid, &tr);

	/* Refused while areas within it are current, saying so. */
	struct texchange *ex = testapp_expect(t, &admin, "POST", path_of(tr.locality, "/retire"), NULL, 409);
	const char *b = texchange_body(ex);
	assert_contains(b, "There is a problem");
	assert_contains(b, "Northtown cannot be retired while areas within it are current");
	texchange_free(ex);
	struct area a;
	assert_int_equal(area_get(DB, &t->pool, pid, tr.locality, &a), E_OK);
	assert_null(a.retired_at);

	testapp_expect_redirect(t, &admin, "POST", path_of(tr.ward_a, "/retire"), NULL, path_of(tr.ward_a, "?done=retired"));
	testapp_expect_redirect(t, &admin, "POST", path_of(tr.locality, "/retire"), NULL,
				path_of(tr.locality, "?done=retired"));
	assert_int_equal(area_get(DB, &t->pool, pid, tr.locality, &a), E_OK);
	assert_non_null(a.retired_at);
	ex = testapp_expect(t, &admin, "GET", path_of(tr.locality, "?done=retired"), NULL, 200);
	b = texchange_body(ex);
	assert_contains(b, "Area retired");
	assert_contains(b, "Reinstate area");
	texchange_free(ex);

	/* A ward cannot come back under a retired locality. */
	ex = testapp_expect(t, &admin, "POST", path_of(tr.ward_a, "/reinstate"), NULL, 409);
	assert_contains(texchange_body(ex), "reinstate Northtown first");
	texchange_free(ex);
	testapp_expect_redirect(t, &admin, "POST", path_of(tr.locality, "/reinstate"), NULL,
				path_of(tr.locality, "?done=reinstated"));
	testapp_expect_redirect(t, &admin, "POST", path_of(tr.ward_a, "/reinstate"), NULL,
				path_of(tr.ward_a, "?done=reinstated"));
	assert_int_equal(area_get(DB, &t->pool, pid, tr.ward_a, &a), E_OK);
	assert_null(a.retired_at);
}

/* ---- Import ---- */

static void test_import(void **state)
{
	(void)state;
	struct testuser admin;
	int64_t pid = testapp_partnership(t, "area-import", &admin);
	add_area(pid, "Shire", "county", 0, -1, 0);

	struct texchange *ex = testapp_expect(t, &admin, "GET", "/areas/import", NULL, 200);
	const char *b = texchange_body(ex);
	assert_contains(b, "name,type,parent,population_0_19,imd_decile");
	assert_contains(b, "<code>locality</code>");
	texchange_free(ex);

	ex = testapp_upload(t, &admin, "/areas/import",
			    "name,type,parent,population_0_19,imd_decile\n"
			    "Eastdale,district,Shire,5000,4\n"
			    "East Ward,ward,Eastdale,lots,2\n"
			    "Up Ward,ward,Nowhere,,\n");
	assert_int_equal(ex->res.status, 400);
	b = texchange_body(ex);
	assert_contains(b, "Row 3, column population_0_19:");
	assert_contains(b, "Row 4, column parent:");
	texchange_free(ex);
	assert_int_equal(count_areas(pid), 1);

	ex = testapp_upload(t, &admin, "/areas/import",
			    "name,type,parent,population_0_19,imd_decile\n"
			    "Eastdale,district,Shire,5000,4\n"
			    "East Ward,ward,Eastdale,800,1\n");
	assert_int_equal(ex->res.status, 303);
	assert_string_equal(texchange_header(ex, "Location"), "/areas?done=imported&n=2");
	texchange_free(ex);
	struct area a;
	assert_int_equal(area_find_by_name(DB, &t->pool, pid, "East Ward", &a), E_OK);
	assert_string_equal(a.parent_name, "Eastdale");
	assert_int_equal(a.imd_decile, 1);
	ex = testapp_expect(t, &admin, "GET", "/areas?done=imported&n=2", NULL, 200);
	b = texchange_body(ex);
	assert_contains(b, "2 areas added");
	assert_contains(b, ">East Ward</a>");
	texchange_free(ex);
}

/* ---- Who may write, and another partnership ---- */

static void test_readers_cannot_write(void **state)
{
	(void)state;
	int64_t pid = testapp_partnership(t, "area-readers", NULL);
	int64_t id = add_area(pid, "Fixed", "county", 0, -1, 0);
	enum role readers[] = {ROLE_VIEWER, ROLE_ANALYST, ROLE_BOARD_MEMBER};
	for (size_t i = 0; i < sizeof readers / sizeof readers[0]; i++) {
		struct testuser u;
		testapp_user(t, pid, readers[i], &u);
		testapp_check_read_only(t, &u, &routes, id);
	}
	assert_int_equal(count_areas(pid), 1);
	struct area a;
	assert_int_equal(area_get(DB, &t->pool, pid, id, &a), E_OK);
	assert_string_equal(a.name, "Fixed");
	assert_null(a.retired_at);
}

static void test_other_partnership_is_not_found(void **state)
{
	(void)state;
	struct testuser admin;
	int64_t mine = testapp_partnership(t, "area-mine", &admin);
	int64_t theirs = testapp_partnership(t, "area-theirs", NULL);
	int64_t id = add_area(theirs, "Their County", "county", 0, 777, 1);

	testapp_check_not_found(t, &admin, &routes, id);
	const struct page_check pages[] = {
		{"/areas?include_retired=true", 200, {NULL}, {"Their County"}},
		{"/areas/new", 200, {NULL}, {"Their County"}},
	};
	testapp_check_pages(t, &admin, pages, 2);

	/* Their area cannot be a parent here: the same words as for no area. */
	char form[128];
	snprintf(form, sizeof form, "name=My+District&type=district&parent=%lld", (long long)id);
	struct texchange *ex = testapp_expect(t, &admin, "POST", "/areas/new", form, 400);
	assert_contains(texchange_body(ex), "Select the area it is part of from the list");
	assert_lacks(texchange_body(ex), "Their County");
	texchange_free(ex);
	assert_int_equal(count_areas(mine), 0);

	struct area a;
	assert_int_equal(area_get(DB, &t->pool, theirs, id, &a), E_OK);
	assert_string_equal(a.name, "Their County");
	assert_null(a.retired_at);
}

/* ---- JSON API ---- */

static void test_api(void **state)
{
	(void)state;
	struct testuser admin, analyst;
	int64_t pid = testapp_partnership(t, "area-api", &admin);
	testapp_user(t, pid, ROLE_ANALYST, &analyst);
	int64_t theirs = testapp_partnership(t, "area-api-theirs", NULL);
	add_area(theirs, "Elsewhere", "county", 0, -1, 0);
	struct tree tr;
	make_tree(pid, &tr);
	int64_t old = add_area(pid, "Old Ward", "ward", tr.district, -1, 0);
	assert_int_equal(area_set_retired(DB, &actor_cli, pid, old, 1), E_OK);

	char tok[TOKEN_SIZE];
	assert_int_equal(token_create(DB, &actor_cli, analyst.id, "test script", tok, NULL), E_OK);

	json_t *j = testapp_api_get(t, "/api/v1/areas", tok, 200);
	assert_int_equal(json_integer_value(json_object_get(j, "total")), 5);
	json_t *data = json_object_get(j, "data");
	assert_int_equal(json_array_size(data), 5);
	/* Tree order, from the top. */
	assert_string_equal(json_string_value(json_object_get(json_array_get(data, 0), "name")), "Shire");
	json_t *a = testapp_data_named(j, "Shire");
	assert_true(json_is_null(json_object_get(a, "parent_id")));
	assert_true(json_is_null(json_object_get(a, "parent_name")));
	assert_true(json_is_null(json_object_get(a, "imd_decile")));
	assert_int_equal(json_integer_value(json_object_get(a, "population_0_19")), 150000);
	assert_true(json_is_false(json_object_get(a, "deprived")));
	a = testapp_data_named(j, "Ward A");
	assert_int_equal(json_integer_value(json_object_get(a, "id")), tr.ward_a);
	assert_string_equal(json_string_value(json_object_get(a, "type")), "ward");
	assert_int_equal(json_integer_value(json_object_get(a, "parent_id")), tr.locality);
	assert_string_equal(json_string_value(json_object_get(a, "parent_name")), "Northtown");
	assert_int_equal(json_integer_value(json_object_get(a, "imd_decile")), 1);
	assert_int_equal(json_integer_value(json_object_get(a, "depth")), 3);
	assert_true(json_is_true(json_object_get(a, "deprived")));
	assert_true(json_is_false(json_object_get(a, "retired")));
	a = testapp_data_named(j, "Northtown");
	assert_true(json_is_null(json_object_get(a, "population_0_19")));
	assert_null(testapp_data_named(j, "Old Ward"));
	assert_null(testapp_data_named(j, "Elsewhere"));
	json_decref(j);

	j = testapp_api_get(t, "/api/v1/areas?include_retired=true&type=ward", tok, 200);
	assert_int_equal(json_integer_value(json_object_get(j, "total")), 3);
	a = testapp_data_named(j, "Old Ward");
	assert_non_null(a);
	assert_true(json_is_true(json_object_get(a, "retired")));
	json_decref(j);
	j = testapp_api_get(t, "/api/v1/areas?q=north", tok, 200);
	assert_int_equal(json_integer_value(json_object_get(j, "total")), 2);
	json_decref(j);
	j = testapp_api_get(t, "/api/v1/areas?q=elsewhere&include_retired=true", tok, 200);
	assert_int_equal(json_integer_value(json_object_get(j, "total")), 0);
	json_decref(j);
	json_decref(testapp_api_get(t, "/api/v1/areas?type=parish", tok, 400));

	/* Paging cuts the tree order, after the filters; total counts every
	 * match and depth stays the tree's. */
	j = testapp_api_get(t, "/api/v1/areas?limit=2&offset=2", tok, 200);
	a = testapp_data_named(j, "Ward A");
	assert_int_equal(json_integer_value(json_object_get(a, "depth")), 3);
	json_decref(j);
	const struct api_page pages[] = {
		{"/api/v1/areas", 5, 100, 0, "Shire,Northdale,Northtown,Ward A,Ward B"},
		{"/api/v1/areas?limit=2", 5, 2, 0, "Shire,Northdale"},
		{"/api/v1/areas?limit=2&offset=2", 5, 2, 2, "Northtown,Ward A"},
		{"/api/v1/areas?limit=2&offset=4", 5, 2, 4, "Ward B"},
		{"/api/v1/areas?offset=5", 5, 100, 5, ""},
		{"/api/v1/areas?include_retired=true&offset=3&limit=3", 6, 3, 3, "Ward A,Old Ward,Ward B"},
		{"/api/v1/areas?type=ward&limit=1&offset=1", 2, 1, 1, "Ward B"},
		{"/api/v1/areas?q=north&limit=1000", 2, 1000, 0, "Northdale,Northtown"},
	};
	api_check_pages(t, tok, pages, sizeof pages / sizeof pages[0]);
	api_check_bad_paging(t, tok, "/api/v1/areas");

	j = testapp_api_get(t, "/api/v1/areas", NULL, 401);
	assert_null(json_object_get(j, "data"));
	json_decref(j);
	json_decref(testapp_api_get(t, "/api/v1/areas", "jcs_nottherightoneatallnottherightoneatallxx", 401));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_list_tree_and_search),
		cmocka_unit_test(test_add_with_mistakes),
		cmocka_unit_test(test_add_ok),
		cmocka_unit_test(test_show_and_edit),
		cmocka_unit_test(test_retire_and_reinstate),
		cmocka_unit_test(test_import),
		cmocka_unit_test(test_readers_cannot_write),
		cmocka_unit_test(test_other_partnership_is_not_found),
		cmocka_unit_test(test_api),
	};
	return cmocka_run_group_tests(tests, testapp_group_setup, testapp_group_teardown);
}
