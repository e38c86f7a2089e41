/*
 * test_area_store.c: the area hierarchy in a migrated database on both
 * backends: the level rules that keep it a tree, unknown population and
 * decile, editing and retiring with their audit events, the tree-ordered
 * list and its search, and isolation: another partnership's ids are not
 * found by any call and never listed.
 *
 * Audit events are read back through audit_list(), the reader the audit
 * page uses, so what is checked is what an administrator would see.
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
#include "core/pool.h"
#include "db/db.h"
#include "partnership/area.h"
#include "partnership/partnership.h"
#include "support/teststore.h"

static const struct actor *cli = &actor_cli;
static int64_t pa, pb; /* two partnerships */

static int setup(void **state)
{
	return teststore_setup_pair(state, &pa, &pb);
}

static void test_types(void **state)
{
	(void)state;
	assert_true(area_type_valid("county"));
	assert_true(area_type_valid("ward"));
	assert_false(area_type_valid("County"));
	assert_false(area_type_valid("region"));
	assert_false(area_type_valid(NULL));
	assert_string_equal(area_type_label("district"), "District");
	assert_string_equal(area_type_label("locality"), "Locality");
	assert_string_equal(area_type_label("nope"), "Other");
	assert_int_equal(area_type_level("county"), 0);
	assert_int_equal(area_type_level("district"), 1);
	assert_int_equal(area_type_level("locality"), 2);
	assert_int_equal(area_type_level("ward"), 3);
	assert_int_equal(area_type_level("x"), -1);
	assert_int_equal(area_type_level(NULL), -1);
	assert_true(area_is_deprived(1));
	assert_true(area_is_deprived(2));
	assert_false(area_is_deprived(3));
	assert_false(area_is_deprived(10));
	assert_false(area_is_deprived(0));
}

static void test_add_and_levels(void **state)
{
	int64_t county = 0, district = 0, locality = 0, ward = 0, id = 0, other = 0;
	assert_int_equal(area_add(testdb, cli, pa, "Kent", "county", 0, 300000, 0, &county), E_OK);
	assert_int_equal(area_add(testdb, cli, pa, " Medway ", "district", county, -1, 3, &district), E_OK);
	assert_int_equal(area_add(testdb, cli, pa, "Gillingham", "locality", district, 12000, 0, &locality), E_OK);
	assert_int_equal(area_add(testdb, cli, pa, "Gillingham North", "ward", locality, -1, 1, &ward), E_OK);
	/* A ward may sit under a district or the county directly. */
	assert_int_equal(area_add(testdb, cli, pa, "Rochester East", "ward", district, 0, 10, NULL), E_OK);
	assert_int_equal(area_add(testdb, cli, pa, "Countywide", "ward", county, -1, 0, NULL), E_OK);

	struct area a;
	assert_int_equal(area_get(testdb, &testpool, pa, district, &a), E_OK);
	assert_string_equal(a.name, "Medway");
	assert_string_equal(a.type, "district");
	assert_true(a.parent_id == county);
	assert_string_equal(a.parent_name, "Kent");
	assert_true(a.population_0_19 == -1);
	assert_int_equal(a.imd_decile, 3);
	assert_null(a.retired_at);
	assert_int_equal(area_get(testdb, &testpool, pa, county, &a), E_OK);
	assert_true(a.parent_id == 0);
	assert_null(a.parent_name);
	assert_true(a.population_0_19 == 300000);
	assert_int_equal(a.imd_decile, 0);
	/* Unknown is stored as NULL, not as -1 or 0. */
	assert_int_equal(area_find_by_name(testdb, &testpool, pa, "Gillingham North", &a), E_OK);
	assert_true(a.id == ward);
	assert_true(a.population_0_19 == -1);
	assert_true(area_is_deprived(a.imd_decile));
	assert_int_equal(area_find_by_name(testdb, &testpool, pa, "Rochester East", &a), E_OK);
	assert_true(a.population_0_19 == 0);
	assert_int_equal(a.imd_decile, 10);

	/* The parent must be of a higher level. */
	size_t before = teststore_events(pa);
	assert_int_equal(area_add(testdb, cli, pa, "X", "district", district, -1, 0, NULL), E_RANGE);
	assert_int_equal(area_add(testdb, cli, pa, "X", "county", county, -1, 0, NULL), E_RANGE);
	assert_int_equal(area_add(testdb, cli, pa, "X", "locality", ward, -1, 0, NULL), E_RANGE);
	assert_int_equal(area_add(testdb, cli, pa, "X", "ward", ward, -1, 0, NULL), E_RANGE);
	/* ...of this partnership, existing and current. */
	assert_int_equal(area_add(testdb, cli, pb, "Beta county", "county", 0, -1, 0, &other), E_OK);
	assert_int_equal(area_add(testdb, cli, pa, "X", "district", other, -1, 0, NULL), E_RANGE);
	assert_int_equal(area_add(testdb, cli, pb, "X", "district", county, -1, 0, NULL), E_RANGE);
	assert_int_equal(area_add(testdb, cli, pa, "X", "district", county + 1000, -1, 0, NULL), E_RANGE);
	assert_int_equal(area_add(testdb, cli, pa, "X", "district", -5, -1, 0, NULL), E_RANGE);
	/* Numbers in range; names and types as for organisations. */
	assert_int_equal(area_add(testdb, cli, pa, "X", "ward", county, -2, 0, NULL), E_RANGE);
	assert_int_equal(area_add(testdb, cli, pa, "X", "ward", county, -1, 11, NULL), E_RANGE);
	assert_int_equal(area_add(testdb, cli, pa, "X", "ward", county, -1, -1, NULL), E_RANGE);
	assert_int_equal(area_add(testdb, cli, pa, "X", "region", 0, -1, 0, NULL), E_INVAL);
	assert_int_equal(area_add(testdb, cli, pa, "", "county", 0, -1, 0, NULL), E_INVAL);
	assert_int_equal(area_add(testdb, cli, pa, "Tab\there", "county", 0, -1, 0, NULL), E_INVAL);
	assert_int_equal(area_add(testdb, cli, pa, "Medway", "county", 0, -1, 0, NULL), E_CONFLICT);
	assert_int_equal(area_find_by_name(testdb, &testpool, pa, "X", &a), E_NOTFOUND);
	assert_int_equal(teststore_events(pa), before);
	assert_false(db_in_transaction(testdb));

	/* The same name in another partnership is fine. */
	assert_int_equal(area_add(testdb, cli, pb, "Medway", "district", other, -1, 0, &id), E_OK);

	/* Adding is audited with what people see. */
	json_t *b = NULL, *f = NULL;
	assert_int_equal(area_add(testdb, cli, pa, "Chatham", "locality", district, 8000, 2, &id), E_OK);
	struct audit_event e = teststore_expect_event(pa, "create", "area", id, &b, &f);
	assert_string_equal(e.actor, actor_cli.label);
	assert_null(b);
	assert_string_equal(json_string_value(json_object_get(f, "name")), "Chatham");
	assert_string_equal(json_string_value(json_object_get(f, "type")), "locality");
	assert_string_equal(json_string_value(json_object_get(f, "parent")), "Medway");
	assert_int_equal(json_integer_value(json_object_get(f, "parent_id")), district);
	assert_int_equal(json_integer_value(json_object_get(f, "population_0_19")), 8000);
	assert_int_equal(json_integer_value(json_object_get(f, "imd_decile")), 2);
	json_decref(f);
	assert_int_equal(area_add(testdb, cli, pa, "Strood", "locality", district, -1, 0, &id), E_OK);
	e = teststore_last_event(pa, &b, &f);
	assert_true(json_is_null(json_object_get(f, "population_0_19")));
	assert_true(json_is_null(json_object_get(f, "imd_decile")));
	json_decref(f);
}

static void test_update(void **state)
{
	int64_t county = 0, d1 = 0, d2 = 0, loc = 0, ward = 0;
	assert_int_equal(area_add(testdb, cli, pa, "Shire", "county", 0, -1, 0, &county), E_OK);
	assert_int_equal(area_add(testdb, cli, pa, "North", "district", county, -1, 0, &d1), E_OK);
	assert_int_equal(area_add(testdb, cli, pa, "South", "district", county, -1, 0, &d2), E_OK);
	assert_int_equal(area_add(testdb, cli, pa, "Northtown", "locality", d1, -1, 0, &loc), E_OK);
	assert_int_equal(area_add(testdb, cli, pa, "Northtown East", "ward", loc, -1, 0, &ward), E_OK);

	size_t n0 = teststore_events(pa);
	assert_int_equal(area_update(testdb, cli, pa, loc, "North Town", "locality", d2, 5400, 2), E_OK);
	struct area a;
	assert_int_equal(area_get(testdb, &testpool, pa, loc, &a), E_OK);
	assert_string_equal(a.name, "North Town");
	assert_true(a.parent_id == d2);
	assert_string_equal(a.parent_name, "South");
	assert_true(a.population_0_19 == 5400);
	assert_int_equal(a.imd_decile, 2);
	assert_int_equal(teststore_events(pa), n0 + 1);
	json_t *b = NULL, *f = NULL;
	struct audit_event e = teststore_last_event(pa, &b, &f);
	assert_string_equal(e.action, "update");
	assert_true(e.entity_id == loc);
	assert_string_equal(json_string_value(json_object_get(b, "name")), "Northtown");
	assert_string_equal(json_string_value(json_object_get(b, "parent")), "North");
	assert_true(json_is_null(json_object_get(b, "population_0_19")));
	assert_string_equal(json_string_value(json_object_get(f, "name")), "North Town");
	assert_string_equal(json_string_value(json_object_get(f, "parent")), "South");
	assert_int_equal(json_integer_value(json_object_get(f, "imd_decile")), 2);
	json_decref(b);
	json_decref(f);

	/* Back to unknown; then the same values again: no change, no event. */
	assert_int_equal(area_update(testdb, cli, pa, loc, "North Town", "locality", d2, -1, 0), E_OK);
	assert_int_equal(area_get(testdb, &testpool, pa, loc, &a), E_OK);
	assert_true(a.population_0_19 == -1);
	assert_int_equal(a.imd_decile, 0);
	assert_int_equal(teststore_events(pa), n0 + 2);
	assert_int_equal(area_update(testdb, cli, pa, loc, " North Town ", "locality", d2, -1, 0), E_OK);
	assert_int_equal(teststore_events(pa), n0 + 2);

	/* No area can be its own parent or sink below its children. */
	assert_int_equal(area_update(testdb, cli, pa, loc, "North Town", "locality", loc, -1, 0), E_RANGE);
	assert_int_equal(area_update(testdb, cli, pa, county, "Shire", "ward", county, -1, 0), E_RANGE);
	assert_int_equal(area_update(testdb, cli, pa, loc, "North Town", "ward", d2, -1, 0), E_RANGE);
	assert_int_equal(area_update(testdb, cli, pa, d2, "South", "ward", county, -1, 0), E_RANGE);
	/* Under its own child: the child is not of a higher level. */
	assert_int_equal(area_update(testdb, cli, pa, d2, "South", "ward", ward, -1, 0), E_RANGE);
	assert_int_equal(area_update(testdb, cli, pa, loc, "North Town", "locality", ward, -1, 0), E_RANGE);
	/* Moving up is fine: a locality with a ward becomes a district. */
	assert_int_equal(area_update(testdb, cli, pa, loc, "North Town", "district", county, -1, 0), E_OK);
	/* A leaf may move down. */
	assert_int_equal(area_update(testdb, cli, pa, d1, "North", "ward", county, -1, 0), E_OK);
	assert_int_equal(area_update(testdb, cli, pa, loc, "North Town", "locality", d2, -2, 0), E_RANGE);
	assert_int_equal(area_update(testdb, cli, pa, loc, "South", "locality", d2, -1, 0), E_CONFLICT);
	assert_int_equal(area_update(testdb, cli, pa, loc + 1000, "X", "locality", d2, -1, 0), E_NOTFOUND);
	assert_int_equal(teststore_events(pa), n0 + 4);
	assert_false(db_in_transaction(testdb));
}

static void test_retire(void **state)
{
	int64_t county = 0, district = 0, ward = 0;
	assert_int_equal(area_add(testdb, cli, pa, "Shire", "county", 0, -1, 0, &county), E_OK);
	assert_int_equal(area_add(testdb, cli, pa, "Vale", "district", county, -1, 0, &district), E_OK);
	assert_int_equal(area_add(testdb, cli, pa, "Vale Central", "ward", district, -1, 0, &ward), E_OK);

	/* Not while current areas sit below it. */
	size_t n0 = teststore_events(pa);
	assert_int_equal(area_set_retired(testdb, cli, pa, district, 1), E_CONFLICT);
	assert_int_equal(area_set_retired(testdb, cli, pa, county, 1), E_CONFLICT);
	assert_int_equal(teststore_events(pa), n0);

	assert_int_equal(area_set_retired(testdb, cli, pa, ward, 1), E_OK);
	json_t *b = NULL, *f = NULL;
	struct audit_event e = teststore_expect_event(pa, "retire", "area", ward, &b, &f);
	assert_true(json_is_null(json_object_get(b, "retired_at")));
	assert_true(json_is_string(json_object_get(f, "retired_at")));
	json_decref(b);
	json_decref(f);
	assert_int_equal(area_set_retired(testdb, cli, pa, district, 1), E_OK);
	assert_int_equal(area_set_retired(testdb, cli, pa, district, 1), E_OK); /* already */
	assert_int_equal(teststore_events(pa), n0 + 2);

	/* A retired area cannot be a new parent... */
	assert_int_equal(area_add(testdb, cli, pa, "New ward", "ward", district, -1, 0, NULL), E_RANGE);
	/* ...nor can one be reinstated below a retired one. */
	assert_int_equal(area_set_retired(testdb, cli, pa, ward, 0), E_CONFLICT);
	/* A retired area keeps its retired parent when edited. */
	assert_int_equal(area_update(testdb, cli, pa, ward, "Vale Centre", "ward", district, -1, 0), E_OK);

	struct area *list = NULL;
	size_t n = 0;
	assert_int_equal(area_list(testdb, &testpool, pa, 0, NULL, &list, &n), E_OK);
	assert_int_equal(n, 1);
	assert_string_equal(list[0].name, "Shire");
	assert_int_equal(area_list(testdb, &testpool, pa, 1, NULL, &list, &n), E_OK);
	assert_int_equal(n, 3);
	assert_string_equal(list[2].name, "Vale Centre");
	assert_int_equal(list[2].depth, 2);
	assert_non_null(list[2].retired_at);

	assert_int_equal(area_set_retired(testdb, cli, pa, district, 0), E_OK);
	assert_int_equal(area_set_retired(testdb, cli, pa, ward, 0), E_OK);
	e = teststore_last_event(pa, &b, &f);
	assert_string_equal(e.action, "reinstate");
	json_decref(b);
	json_decref(f);
	assert_int_equal(area_list(testdb, &testpool, pa, 0, NULL, &list, &n), E_OK);
	assert_int_equal(n, 3);
	assert_int_equal(area_set_retired(testdb, cli, pa, ward + 1000, 1), E_NOTFOUND);
}

static void test_list_tree(void **state)
{
	int64_t county = 0, zed = 0, alpha = 0, loc = 0;
	/* Added out of order; names chosen so that byte order differs from
	 * dictionary order ("Zed" sorts before "alpha"). */
	assert_int_equal(area_add(testdb, cli, pa, "Shire", "county", 0, -1, 0, &county), E_OK);
	assert_int_equal(area_add(testdb, cli, pa, "alpha", "district", county, -1, 0, &alpha), E_OK);
	assert_int_equal(area_add(testdb, cli, pa, "Zed", "district", county, -1, 0, &zed), E_OK);
	assert_int_equal(area_add(testdb, cli, pa, "Zed Town", "locality", zed, -1, 0, &loc), E_OK);
	assert_int_equal(area_add(testdb, cli, pa, "Zed Town West", "ward", loc, -1, 2, NULL), E_OK);
	assert_int_equal(area_add(testdb, cli, pa, "Zed Town East", "ward", loc, -1, 2, NULL), E_OK);
	assert_int_equal(area_add(testdb, cli, pa, "Alpha Ward", "ward", alpha, -1, 0, NULL), E_OK);
	assert_int_equal(area_add(testdb, cli, pa, "Island", "county", 0, -1, 0, NULL), E_OK);
	assert_int_equal(area_add(testdb, cli, pb, "Beta only", "county", 0, -1, 0, NULL), E_OK);

	struct area *l = NULL;
	size_t n = 0;
	assert_int_equal(area_list(testdb, &testpool, pa, 0, NULL, &l, &n), E_OK);
	const char *want[] = {"Island", "Shire", "Zed", "Zed Town", "Zed Town East",
	                      "Zed Town West", "alpha", "Alpha Ward"};
	int depth[] = {0, 0, 1, 2, 3, 3, 1, 2};
	assert_int_equal(n, 8);
	for (size_t i = 0; i < n; i++) {
		assert_string_equal(l[i].name, want[i]);
		assert_int_equal(l[i].depth, depth[i]);
		assert_true(l[i].partnership_id == pa);
	}
	assert_string_equal(l[3].parent_name, "Zed");

	/* Search: any case, and the tree depth is kept. */
	assert_int_equal(area_list(testdb, &testpool, pa, 0, "town e", &l, &n), E_OK);
	assert_int_equal(n, 1);
	assert_string_equal(l[0].name, "Zed Town East");
	assert_int_equal(l[0].depth, 3);
	assert_int_equal(area_list(testdb, &testpool, pa, 0, " ALPHA ", &l, &n), E_OK);
	assert_int_equal(n, 2);
	assert_string_equal(l[0].name, "alpha");
	assert_string_equal(l[1].name, "Alpha Ward");
	assert_int_equal(l[1].depth, 2);
	assert_int_equal(area_list(testdb, &testpool, pa, 0, "beta", &l, &n), E_OK);
	assert_int_equal(n, 0);
	assert_null(l);
	assert_int_equal(area_list(testdb, &testpool, pa, 0, "", &l, &n), E_OK);
	assert_int_equal(n, 8);
	assert_int_equal(area_list(testdb, &testpool, pa, 0, "\x01", &l, &n), E_INVAL);
}

static void test_scoping(void **state)
{
	int64_t mine = 0, theirs = 0, their_child = 0;
	assert_int_equal(area_add(testdb, cli, pa, "Alpha county", "county", 0, -1, 0, &mine), E_OK);
	assert_int_equal(area_add(testdb, cli, pb, "Beta county", "county", 0, 100, 5, &theirs), E_OK);
	assert_int_equal(area_add(testdb, cli, pb, "Beta district", "district", theirs, -1, 0,
	                          &their_child), E_OK);

	struct area a;
	size_t before_a = teststore_events(pa), before_b = teststore_events(pb);
	assert_int_equal(area_get(testdb, &testpool, pa, theirs, &a), E_NOTFOUND);
	assert_int_equal(area_find_by_name(testdb, &testpool, pa, "Beta county", &a), E_NOTFOUND);
	assert_int_equal(area_update(testdb, cli, pa, theirs, "Taken", "county", 0, -1, 0), E_NOTFOUND);
	assert_int_equal(area_set_retired(testdb, cli, pa, their_child, 1), E_NOTFOUND);
	/* Nor may one of ours hang below theirs. */
	assert_int_equal(area_update(testdb, cli, pa, mine, "Alpha county", "district", theirs, -1, 0),
	                 E_RANGE);
	assert_int_equal(teststore_events(pa), before_a);
	assert_int_equal(teststore_events(pb), before_b);

	assert_int_equal(area_get(testdb, &testpool, pb, theirs, &a), E_OK);
	assert_string_equal(a.name, "Beta county");
	assert_null(a.retired_at);
	struct area *l = NULL;
	size_t n = 0;
	assert_int_equal(area_list(testdb, &testpool, pa, 1, NULL, &l, &n), E_OK);
	assert_int_equal(n, 1);
	assert_true(l[0].id == mine);
	assert_int_equal(area_list(testdb, &testpool, pb, 1, NULL, &l, &n), E_OK);
	assert_int_equal(n, 2);
	for (size_t i = 0; i < n; i++)
		assert_true(l[i].partnership_id == pb);
}

static void test_list_bound(void **state)
{
	teststore_exec("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $2)"
		       " INSERT INTO area (partnership_id, name, type, created_at)"
		       " SELECT $1, 'Ward ' || i, 'ward', '2026-01-01T00:00:00Z' FROM n", pa, AREA_LIST_MAX);
	struct area *l = NULL;
	size_t n = 0;
	assert_int_equal(area_list(testdb, &testpool, pa, 0, NULL, &l, &n), E_OK);
	assert_int_equal(n, AREA_LIST_MAX);
	assert_string_equal(l[0].name, "Ward 1");
	assert_int_equal(area_add(testdb, cli, pa, "One more", "county", 0, -1, 0, NULL), E_OK);
	assert_int_equal(area_list(testdb, &testpool, pa, 0, NULL, &l, &n), E_TOOBIG);
	assert_int_equal(n, 0);
	assert_null(l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_types),
		cmocka_unit_test_setup_teardown(test_add_and_levels, setup, teststore_teardown),
		cmocka_unit_test_setup_teardown(test_update, setup, teststore_teardown),
		cmocka_unit_test_setup_teardown(test_retire, setup, teststore_teardown),
		cmocka_unit_test_setup_teardown(test_list_tree, setup, teststore_teardown),
		cmocka_unit_test_setup_teardown(test_scoping, setup, teststore_teardown),
		cmocka_unit_test_setup_teardown(test_list_bound, setup, teststore_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
