/*
 * test_board_store.c: boards and groups in a migrated database on both
 * backends: what a board may report to and cover, cycles refused, the
 * retirement rules that keep the reporting tree whole, the tree-ordered
 * list, memberships (duplicates, ending, the audit trail), and isolation:
 * another partnership's boards, members, organisations and areas are not
 * found by any call, cannot be linked to, and never listed.
 *
 * Audit events are read back through audit_list(), as the audit page does.
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
#include "partnership/board.h"
#include "partnership/partnership.h"
#include "support/teststore.h"

static const struct actor *cli = &actor_cli;
static int64_t pa, pb;           /* two partnerships */
static int64_t org_a, org_a2, org_b, area_a, area_b;

static int setup(void **state)
{
	if (teststore_setup_pair(state, &pa, &pb) ||
	    organisation_add(testdb, cli, pa, "Alpha Council", "county_council", "both", NULL, &org_a) ||
	    organisation_add(testdb, cli, pa, "Alpha NHS", "nhs", "commissioner", NULL, &org_a2) ||
	    organisation_add(testdb, cli, pb, "Beta Council", "county_council", "both", NULL, &org_b) ||
	    area_add(testdb, cli, pa, "Alpha district", "district", 0, -1, 0, &area_a) ||
	    area_add(testdb, cli, pb, "Beta district", "district", 0, -1, 0, &area_b))
		return -1;
	return 0;
}

static void test_kinds(void **state)
{
	(void)state;
	const char *kinds[][2] = {
		{"trust_board", "Trust board"},
		{"joint_commissioning_group", "Joint commissioning group"},
		{"performance_group", "Performance management group"},
		{"partnership_board", "Partnership board"},
		{"area_board", "Area board"},
		{"other", "Other group"},
	};
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
		assert_true(board_kind_valid(kinds[i][0]));
		assert_string_equal(board_kind_label(kinds[i][0]), kinds[i][1]);
	}
	assert_false(board_kind_valid("board"));
	assert_false(board_kind_valid(""));
	assert_false(board_kind_valid(NULL));
	assert_string_equal(board_kind_label("nonsense"), "Other group");
}

static void test_add(void **state)
{
	int64_t trust = 0, jcg = 0, ab = 0, theirs = 0;
	assert_int_equal(board_add(testdb, cli, pa, "Trust Board", "trust_board",
	                           "  Leads the partnership.\nMeets monthly.  ", 0, 0, &trust), E_OK);
	assert_int_equal(board_add(testdb, cli, pa, "Joint Commissioning Group",
	                           "joint_commissioning_group", NULL, trust, 0, &jcg), E_OK);
	assert_int_equal(board_add(testdb, cli, pa, "Alpha Area Board", "area_board", "Local",
	                           trust, area_a, &ab), E_OK);

	struct board b;
	assert_int_equal(board_get(testdb, &testpool, pa, trust, &b), E_OK);
	assert_string_equal(b.name, "Trust Board");
	assert_string_equal(b.kind, "trust_board");
	assert_string_equal(b.purpose, "Leads the partnership.\nMeets monthly.");
	assert_true(b.reports_to_id == 0);
	assert_null(b.reports_to_name);
	assert_true(b.area_id == 0);
	assert_null(b.area_name);
	assert_null(b.retired_at);
	assert_int_equal(board_get(testdb, &testpool, pa, jcg, &b), E_OK);
	assert_string_equal(b.purpose, "");
	assert_true(b.reports_to_id == trust);
	assert_string_equal(b.reports_to_name, "Trust Board");
	assert_int_equal(board_get(testdb, &testpool, pa, ab, &b), E_OK);
	assert_true(b.area_id == area_a);
	assert_string_equal(b.area_name, "Alpha district");

	json_t *before = NULL, *after = NULL;
	teststore_expect_event(pa, "create", "board", ab, &before, &after);
	assert_null(before);
	assert_string_equal(jstr(after, "name"), "Alpha Area Board");
	assert_string_equal(jstr(after, "kind"), "area_board");
	assert_string_equal(jstr(after, "purpose"), "Local");
	assert_string_equal(jstr(after, "reports_to"), "Trust Board");
	assert_string_equal(jstr(after, "area"), "Alpha district");
	assert_int_equal(json_integer_value(json_object_get(after, "area_id")), area_a);
	json_decref(after);

	/* Refused: bad fields, and links outside the partnership or retired. */
	size_t n0 = teststore_events(pa);
	char purpose[BOARD_PURPOSE_MAX + 2];
	memset(purpose, 'p', sizeof purpose - 1);
	purpose[sizeof purpose - 1] = '\0';
	assert_int_equal(board_add(testdb, cli, pa, "X", "group", NULL, 0, 0, NULL), E_INVAL);
	assert_int_equal(board_add(testdb, cli, pa, "", "other", NULL, 0, 0, NULL), E_INVAL);
	assert_int_equal(board_add(testdb, cli, pa, "X", "other", purpose, 0, 0, NULL), E_INVAL);
	assert_int_equal(board_add(testdb, cli, pa, "X", "other", "Bell\a", 0, 0, NULL), E_INVAL);
	assert_int_equal(board_add(testdb, cli, pb, "Beta Board", "trust_board", NULL, 0, 0, &theirs), E_OK);
	assert_int_equal(board_add(testdb, cli, pa, "X", "other", NULL, theirs, 0, NULL), E_RANGE);
	assert_int_equal(board_add(testdb, cli, pa, "X", "other", NULL, trust + 1000, 0, NULL), E_RANGE);
	assert_int_equal(board_add(testdb, cli, pa, "X", "area_board", NULL, 0, area_b, NULL), E_RANGE);
	assert_int_equal(board_add(testdb, cli, pa, "X", "area_board", NULL, 0, area_a + 1000, NULL), E_RANGE);
	assert_int_equal(board_add(testdb, cli, pa, "X", "other", NULL, -1, 0, NULL), E_RANGE);
	assert_int_equal(board_add(testdb, cli, pa, "Trust Board", "other", NULL, 0, 0, NULL), E_CONFLICT);
	assert_int_equal(area_set_retired(testdb, cli, pa, area_a, 1), E_OK);
	assert_int_equal(board_set_retired(testdb, cli, pa, jcg, 1), E_OK);
	n0 += 2;
	assert_int_equal(board_add(testdb, cli, pa, "X", "area_board", NULL, 0, area_a, NULL), E_RANGE);
	assert_int_equal(board_add(testdb, cli, pa, "X", "other", NULL, jcg, 0, NULL), E_RANGE);
	assert_int_equal(teststore_events(pa), n0);
	/* The longest purpose fits. */
	purpose[BOARD_PURPOSE_MAX] = '\0';
	assert_int_equal(board_add(testdb, cli, pa, "Long", "other", purpose, 0, 0, NULL), E_OK);
	assert_false(db_in_transaction(testdb));
}

static void test_update_and_cycles(void **state)
{
	int64_t a = 0, b = 0, c = 0, d = 0;
	/* a <- b <- c, and d on its own. */
	assert_int_equal(board_add(testdb, cli, pa, "A", "trust_board", NULL, 0, 0, &a), E_OK);
	assert_int_equal(board_add(testdb, cli, pa, "B", "partnership_board", NULL, a, 0, &b), E_OK);
	assert_int_equal(board_add(testdb, cli, pa, "C", "other", NULL, b, 0, &c), E_OK);
	assert_int_equal(board_add(testdb, cli, pa, "D", "performance_group", NULL, 0, 0, &d), E_OK);

	size_t n0 = teststore_events(pa);
	assert_int_equal(board_update(testdb, cli, pa, a, "A", "trust_board", NULL, a, 0), E_RANGE);
	assert_int_equal(board_update(testdb, cli, pa, a, "A", "trust_board", NULL, b, 0), E_RANGE);
	assert_int_equal(board_update(testdb, cli, pa, a, "A", "trust_board", NULL, c, 0), E_RANGE);
	assert_int_equal(board_update(testdb, cli, pa, b, "B", "partnership_board", NULL, c, 0), E_RANGE);
	assert_int_equal(teststore_events(pa), n0);
	struct board got;
	assert_int_equal(board_get(testdb, &testpool, pa, a, &got), E_OK);
	assert_true(got.reports_to_id == 0);

	/* Moves that keep a tree are fine. */
	assert_int_equal(board_update(testdb, cli, pa, a, "A", "trust_board", NULL, d, 0), E_OK);
	assert_int_equal(board_update(testdb, cli, pa, c, "C", "other", NULL, a, 0), E_OK);
	assert_int_equal(board_update(testdb, cli, pa, d, "D", "performance_group", NULL, c, 0), E_RANGE);
	assert_int_equal(board_update(testdb, cli, pa, b, "B2", "partnership_board", "Now with a purpose",
	                              c, area_a), E_OK);
	assert_int_equal(board_get(testdb, &testpool, pa, b, &got), E_OK);
	assert_string_equal(got.name, "B2");
	assert_string_equal(got.purpose, "Now with a purpose");
	assert_true(got.reports_to_id == c);
	assert_string_equal(got.reports_to_name, "C");
	assert_true(got.area_id == area_a);
	assert_int_equal(teststore_events(pa), n0 + 3);

	json_t *before = NULL, *after = NULL;
	struct audit_event e = teststore_last_event(pa, &before, &after);
	assert_string_equal(e.action, "update");
	assert_true(e.entity_id == b);
	assert_string_equal(jstr(before, "name"), "B");
	assert_string_equal(jstr(before, "purpose"), "");
	assert_string_equal(jstr(before, "reports_to"), "A");
	assert_true(json_is_null(json_object_get(before, "area_id")));
	assert_string_equal(jstr(after, "name"), "B2");
	assert_string_equal(jstr(after, "reports_to"), "C");
	assert_string_equal(jstr(after, "area"), "Alpha district");
	json_decref(before);
	json_decref(after);

	/* The same values again: nothing written, nothing recorded. */
	assert_int_equal(board_update(testdb, cli, pa, b, "B2", "partnership_board",
	                              "Now with a purpose\n", c, area_a), E_OK);
	assert_int_equal(teststore_events(pa), n0 + 3);
	/* Cutting a line is always fine. */
	assert_int_equal(board_update(testdb, cli, pa, b, "B2", "partnership_board", NULL, 0, 0), E_OK);
	assert_int_equal(board_update(testdb, cli, pa, b, "C", "partnership_board", NULL, 0, 0), E_CONFLICT);
	assert_int_equal(board_update(testdb, cli, pa, b, "B2", "nonsense", NULL, 0, 0), E_INVAL);
	assert_int_equal(board_update(testdb, cli, pa, b + 1000, "B2", "other", NULL, 0, 0), E_NOTFOUND);
	assert_int_equal(teststore_events(pa), n0 + 4);
	assert_false(db_in_transaction(testdb));
}

static void test_retire(void **state)
{
	int64_t top = 0, mid = 0, leaf = 0;
	assert_int_equal(board_add(testdb, cli, pa, "Top", "trust_board", NULL, 0, 0, &top), E_OK);
	assert_int_equal(board_add(testdb, cli, pa, "Mid", "joint_commissioning_group", NULL, top, 0, &mid), E_OK);
	assert_int_equal(board_add(testdb, cli, pa, "Leaf", "other", NULL, mid, 0, &leaf), E_OK);

	size_t n0 = teststore_events(pa);
	assert_int_equal(board_set_retired(testdb, cli, pa, top, 1), E_CONFLICT);
	assert_int_equal(board_set_retired(testdb, cli, pa, mid, 1), E_CONFLICT);
	assert_int_equal(teststore_events(pa), n0);
	assert_int_equal(board_set_retired(testdb, cli, pa, leaf, 1), E_OK);
	assert_int_equal(board_set_retired(testdb, cli, pa, mid, 1), E_OK);
	assert_int_equal(board_set_retired(testdb, cli, pa, mid, 1), E_OK); /* already */
	assert_int_equal(teststore_events(pa), n0 + 2);
	json_t *before = NULL, *after = NULL;
	struct audit_event e = teststore_expect_event(pa, "retire", "board", mid, &before, &after);
	assert_true(json_is_null(json_object_get(before, "retired_at")));
	assert_true(json_is_string(json_object_get(after, "retired_at")));
	json_decref(before);
	json_decref(after);

	/* Not back under a retired group; a retired one keeps its line when edited. */
	assert_int_equal(board_set_retired(testdb, cli, pa, leaf, 0), E_CONFLICT);
	assert_int_equal(board_update(testdb, cli, pa, leaf, "Leaf", "other", "Kept", mid, 0), E_OK);
	assert_int_equal(board_set_retired(testdb, cli, pa, top, 1), E_OK);

	struct board *l = NULL;
	size_t n = 0;
	assert_int_equal(board_list(testdb, &testpool, pa, 0, &l, &n), E_OK);
	assert_int_equal(n, 0);
	assert_int_equal(board_list(testdb, &testpool, pa, 1, &l, &n), E_OK);
	assert_int_equal(n, 3);
	assert_string_equal(l[2].name, "Leaf");
	assert_int_equal(l[2].depth, 2);

	assert_int_equal(board_set_retired(testdb, cli, pa, top, 0), E_OK);
	assert_int_equal(board_set_retired(testdb, cli, pa, mid, 0), E_OK);
	assert_int_equal(board_set_retired(testdb, cli, pa, leaf, 0), E_OK);
	e = teststore_last_event(pa, &before, &after);
	assert_string_equal(e.action, "reinstate");
	json_decref(before);
	json_decref(after);
	assert_int_equal(board_list(testdb, &testpool, pa, 0, &l, &n), E_OK);
	assert_int_equal(n, 3);
	assert_int_equal(board_set_retired(testdb, cli, pa, top + 1000, 1), E_NOTFOUND);
}

static void test_list_tree(void **state)
{
	int64_t trust = 0, jcg = 0, perf = 0;
	assert_int_equal(board_add(testdb, cli, pa, "Trust", "trust_board", NULL, 0, 0, &trust), E_OK);
	assert_int_equal(board_add(testdb, cli, pa, "Performance", "performance_group", NULL, trust, 0, &perf), E_OK);
	assert_int_equal(board_add(testdb, cli, pa, "Commissioning", "joint_commissioning_group", NULL, trust, 0, &jcg), E_OK);
	assert_int_equal(board_add(testdb, cli, pa, "Sexual health", "other", NULL, jcg, 0, NULL), E_OK);
	assert_int_equal(board_add(testdb, cli, pa, "Area East", "area_board", NULL, trust, area_a, NULL), E_OK);
	assert_int_equal(board_add(testdb, cli, pa, "Safeguarding", "other", NULL, 0, 0, NULL), E_OK);
	assert_int_equal(board_add(testdb, cli, pb, "Beta Trust", "trust_board", NULL, 0, 0, NULL), E_OK);

	struct board *l = NULL;
	size_t n = 0;
	assert_int_equal(board_list(testdb, &testpool, pa, 0, &l, &n), E_OK);
	const char *want[] = {"Safeguarding", "Trust", "Area East", "Commissioning",
	                      "Sexual health", "Performance"};
	int depth[] = {0, 0, 1, 1, 2, 1};
	assert_int_equal(n, 6);
	for (size_t i = 0; i < n; i++) {
		assert_string_equal(l[i].name, want[i]);
		assert_int_equal(l[i].depth, depth[i]);
		assert_true(l[i].partnership_id == pa);
	}
	assert_string_equal(l[2].area_name, "Alpha district");
	assert_string_equal(l[4].reports_to_name, "Commissioning");
}

static void test_members(void **state)
{
	int64_t board = 0, other_board = 0, m1 = 0, m2 = 0, m3 = 0, their_board = 0, theirs = 0;
	assert_int_equal(board_add(testdb, cli, pa, "Trust", "trust_board", NULL, 0, 0, &board), E_OK);
	assert_int_equal(board_add(testdb, cli, pa, "Other", "other", NULL, 0, 0, &other_board), E_OK);
	assert_int_equal(board_add(testdb, cli, pb, "Beta Trust", "trust_board", NULL, 0, 0, &their_board), E_OK);
	assert_int_equal(board_member_add(testdb, cli, pb, their_board, org_b, "Chair", &theirs), E_OK);

	assert_int_equal(board_member_add(testdb, cli, pa, board, org_a2, " Chair ", &m1), E_OK);
	assert_int_equal(board_member_add(testdb, cli, pa, board, org_a, "Director of Children's Services", &m2), E_OK);
	/* The same organisation may hold two positions. */
	assert_int_equal(board_member_add(testdb, cli, pa, board, org_a, "Cabinet member", &m3), E_OK);

	json_t *before = NULL, *after = NULL;
	teststore_expect_event(pa, "add_member", "board_member", m3, &before, &after);
	assert_null(before);
	assert_string_equal(jstr(after, "organisation"), "Alpha Council");
	assert_string_equal(jstr(after, "position"), "Cabinet member");
	assert_string_equal(jstr(after, "board"), "Trust");
	assert_int_equal(json_integer_value(json_object_get(after, "board_id")), board);
	json_decref(after);

	struct board_member *l = NULL;
	size_t n = 0;
	assert_int_equal(board_member_list(testdb, &testpool, pa, board, &l, &n), E_OK);
	assert_int_equal(n, 3);
	assert_string_equal(l[0].organisation_name, "Alpha Council");
	assert_string_equal(l[0].position, "Cabinet member");
	assert_string_equal(l[1].position, "Director of Children's Services");
	assert_string_equal(l[2].organisation_name, "Alpha NHS");
	assert_string_equal(l[2].position, "Chair");
	assert_true(l[2].id == m1 && l[2].board_id == board && l[2].organisation_id == org_a2);
	assert_null(l[2].retired_at);
	assert_int_equal(board_member_list(testdb, &testpool, pa, other_board, &l, &n), E_OK);
	assert_int_equal(n, 0);

	/* Refused: duplicates, bad positions, organisations not ours or retired. */
	size_t n0 = teststore_events(pa);
	char position[202];
	memset(position, 'x', 201);
	position[201] = '\0';
	assert_int_equal(board_member_add(testdb, cli, pa, board, org_a2, "Chair", NULL), E_CONFLICT);
	assert_int_equal(board_member_add(testdb, cli, pa, board, org_a2, "", NULL), E_INVAL);
	assert_int_equal(board_member_add(testdb, cli, pa, board, org_a2, NULL, NULL), E_INVAL);
	assert_int_equal(board_member_add(testdb, cli, pa, board, org_a2, position, NULL), E_INVAL);
	assert_int_equal(board_member_add(testdb, cli, pa, board, org_b, "Chair", NULL), E_RANGE);
	assert_int_equal(board_member_add(testdb, cli, pa, board, org_a + 1000, "Chair", NULL), E_RANGE);
	assert_int_equal(board_member_add(testdb, cli, pa, their_board, org_a, "Chair", NULL), E_NOTFOUND);
	assert_int_equal(board_member_add(testdb, cli, pa, board + 1000, org_a, "Chair", NULL), E_NOTFOUND);
	/* A member cannot be retired (partnership_store.c); one that is not can,
	 * and then takes no seat. */
	assert_int_equal(organisation_set_retired(testdb, cli, pa, org_a2, 1), E_CONFLICT);
	int64_t gone = 0;
	assert_int_equal(organisation_add(testdb, cli, pa, "Alpha Gone", "other", "provider", NULL, &gone), E_OK);
	assert_int_equal(organisation_set_retired(testdb, cli, pa, gone, 1), E_OK);
	assert_int_equal(board_member_add(testdb, cli, pa, other_board, gone, "Member", NULL), E_RANGE);
	assert_int_equal(board_set_retired(testdb, cli, pa, other_board, 1), E_OK);
	assert_int_equal(board_member_add(testdb, cli, pa, other_board, org_a2, "Member", NULL), E_CONFLICT);
	assert_int_equal(teststore_events(pa), n0 + 3);
	position[200] = '\0';
	assert_int_equal(board_member_add(testdb, cli, pa, board, org_a2, position, NULL), E_OK);

	/* Removing keeps the row, ended; the position can then be filled again. */
	n0 = teststore_events(pa);
	assert_int_equal(board_member_remove(testdb, cli, pa, board, m1), E_OK);
	teststore_expect_event(pa, "remove_member", "board_member", m1, &before, &after);
	assert_string_equal(jstr(before, "position"), "Chair");
	assert_true(json_is_null(json_object_get(before, "retired_at")));
	assert_true(json_is_string(json_object_get(after, "retired_at")));
	json_decref(before);
	json_decref(after);
	assert_int_equal(board_member_remove(testdb, cli, pa, board, m1), E_OK); /* already */
	assert_int_equal(teststore_events(pa), n0 + 1);
	assert_int_equal(board_member_list(testdb, &testpool, pa, board, &l, &n), E_OK);
	assert_int_equal(n, 3);
	for (size_t i = 0; i < n; i++)
		assert_true(l[i].id != m1);
	struct db_stmt *st = NULL;
	assert_int_equal(db_prepare(testdb, "SELECT retired_at FROM board_member WHERE id = $1", &st), E_OK);
	assert_int_equal(db_bind_i64(st, 1, m1), E_OK);
	assert_int_equal(db_step(st), DB_ROW);
	assert_non_null(db_col_text(st, 0));
	db_finish(st);
	assert_int_equal(board_member_add(testdb, cli, pa, board, org_a2, "Chair", NULL), E_OK);

	/* Another partnership's members and boards: not found, untouched. */
	assert_int_equal(board_member_remove(testdb, cli, pa, their_board, theirs), E_NOTFOUND);
	assert_int_equal(board_member_remove(testdb, cli, pa, board, theirs), E_NOTFOUND);
	assert_int_equal(board_member_remove(testdb, cli, pa, other_board, m2), E_NOTFOUND);
	assert_int_equal(board_member_list(testdb, &testpool, pa, their_board, &l, &n), E_NOTFOUND);
	assert_int_equal(board_member_list(testdb, &testpool, pb, their_board, &l, &n), E_OK);
	assert_int_equal(n, 1);
	assert_null(l[0].retired_at);
	assert_false(db_in_transaction(testdb));
}

static void test_scoping(void **state)
{
	int64_t mine = 0, theirs = 0, their_child = 0;
	assert_int_equal(board_add(testdb, cli, pa, "Alpha Trust", "trust_board", NULL, 0, 0, &mine), E_OK);
	assert_int_equal(board_add(testdb, cli, pb, "Beta Trust", "trust_board", "Theirs", 0, area_b, &theirs), E_OK);
	assert_int_equal(board_add(testdb, cli, pb, "Beta Group", "other", NULL, theirs, 0, &their_child), E_OK);

	size_t before_a = teststore_events(pa), before_b = teststore_events(pb);
	struct board b;
	assert_int_equal(board_get(testdb, &testpool, pa, theirs, &b), E_NOTFOUND);
	assert_int_equal(board_update(testdb, cli, pa, theirs, "Taken", "other", NULL, 0, 0), E_NOTFOUND);
	assert_int_equal(board_set_retired(testdb, cli, pa, their_child, 1), E_NOTFOUND);
	assert_int_equal(board_update(testdb, cli, pa, mine, "Alpha Trust", "trust_board", NULL, theirs, 0),
	                 E_RANGE);
	assert_int_equal(board_update(testdb, cli, pa, mine, "Alpha Trust", "trust_board", NULL, 0, area_b),
	                 E_RANGE);
	assert_int_equal(teststore_events(pa), before_a);
	assert_int_equal(teststore_events(pb), before_b);

	assert_int_equal(board_get(testdb, &testpool, pb, theirs, &b), E_OK);
	assert_string_equal(b.name, "Beta Trust");
	assert_string_equal(b.area_name, "Beta district");
	struct board *l = NULL;
	size_t n = 0;
	assert_int_equal(board_list(testdb, &testpool, pa, 1, &l, &n), E_OK);
	assert_int_equal(n, 1);
	assert_true(l[0].id == mine);
	assert_int_equal(board_list(testdb, &testpool, pb, 1, &l, &n), E_OK);
	assert_int_equal(n, 2);
	for (size_t i = 0; i < n; i++)
		assert_true(l[i].partnership_id == pb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kinds),
		cmocka_unit_test_setup_teardown(test_add, setup, teststore_teardown),
		cmocka_unit_test_setup_teardown(test_update_and_cycles, setup, teststore_teardown),
		cmocka_unit_test_setup_teardown(test_retire, setup, teststore_teardown),
		cmocka_unit_test_setup_teardown(test_list_tree, setup, teststore_teardown),
		cmocka_unit_test_setup_teardown(test_members, setup, teststore_teardown),
		cmocka_unit_test_setup_teardown(test_scoping, setup, teststore_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
