/*
 * test_action_store.c: actions (action/action.h) in a migrated database on
 * both backends: what an action may hold and what is refused, links to a
 * round's standards (checked against the round's framework, duplicates
 * once, replaced on save), the audit trail with the links in it, an
 * unchanged save recording nothing, dropped rather than deleted, the
 * list's order and filters, overdue, and isolation: another partnership's
 * actions are never found, changed or listed, and its rounds and
 * organisations can never be linked.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <string.h>

#include "action/action.h"
#include "audit/audit.h"
#include "core/pool.h"
#include "partnership/partnership.h"
#include "selfanalysis/round.h"
#include "support/teststore.h"

static const struct actor *cli = &actor_cli;
static int64_t pa, pb;            /* two partnerships */
static int64_t org_a, org_a2, org_b, round_a, round_a13, round_b;

static int64_t add_round(int64_t p, const char *framework, const char *name)
{
	struct round r = {.framework = framework, .name = name, .mode = ROUND_GROUP};
	int64_t id = 0;
	assert_int_equal(round_add(testdb, cli, p, &r, &id), E_OK);
	return id;
}

static int setup(void **state)
{
	if (teststore_setup_pair(state, &pa, &pb) ||
	    organisation_add(testdb, cli, pa, "Alpha Council", "county_council", "both", NULL, &org_a) ||
	    organisation_add(testdb, cli, pa, "Alpha NHS", "nhs", "commissioner", NULL, &org_a2) ||
	    organisation_add(testdb, cli, pb, "Beta Council", "county_council", "both", NULL, &org_b))
		return -1;
	round_a = add_round(pa, "csp-2009-12", "Alpha 2009");
	round_a13 = add_round(pa, "csp-2009-13", "Alpha 2010");
	round_b = add_round(pb, "csp-2009-12", "Beta 2009");
	return 0;
}

static struct action_link std(int64_t round, const char *key)
{
	return (struct action_link){.kind = ACTION_LINK_SA_STANDARD, .ref_id = round, .ref_key = key};
}

static struct action_item get(int64_t p, int64_t id)
{
	struct action_item a;
	assert_int_equal(action_get(testdb, &testpool, p, id, &a), E_OK);
	return a;
}

static int64_t add(int64_t p, const struct action_item *a)
{
	int64_t id = 0;
	assert_int_equal(action_add(testdb, cli, p, a, &id), E_OK);
	assert_true(id > 0);
	return id;
}

static void test_statuses(void **state)
{
	(void)state;
	const char *codes[][2] = {{"not_started", "Not started"}, {"in_progress", "In progress"},
				  {"done", "Done"}, {"dropped", "Dropped"}};
	assert_int_equal(action_status_count, 4);
	for (size_t i = 0; i < 4; i++) {
		assert_true(action_status_valid(codes[i][0]));
		assert_string_equal(action_status_label(codes[i][0]), codes[i][1]);
		assert_string_equal(action_status_table[i].code, codes[i][0]);
	}
	assert_false(action_status_valid("deleted"));
	assert_false(action_status_valid(""));
	assert_false(action_status_valid(NULL));

	/* Overdue: open and past its day; never done, dropped or undated. */
	struct action_item a = {.status = "in_progress", .due_on = "2026-03-01"};
	assert_true(action_overdue(&a, "2026-03-02"));
	assert_false(action_overdue(&a, "2026-03-01"));
	assert_false(action_overdue(&a, "2026-02-28"));
	a.status = "not_started";
	assert_true(action_overdue(&a, "2027-01-01"));
	a.status = "done";
	assert_false(action_overdue(&a, "2027-01-01"));
	a.status = "dropped";
	assert_false(action_overdue(&a, "2027-01-01"));
	a.status = "not_started";
	a.due_on = NULL;
	assert_false(action_overdue(&a, "2027-01-01"));
	char today[ACTION_DAY_SIZE];
	action_today(today);
	assert_int_equal(strlen(today), 10);
	assert_true(today[4] == '-' && today[7] == '-');
}

static void test_add_and_get(void **state)
{
	(void)state;
	/* Out of order and once twice: kept once, in canonical order. */
	struct action_link links[] = {std(round_a, "market"), std(round_a, "outcomes"),
				      std(round_a13, "joint-commissioning-arrangements"),
				      std(round_a, "market")};
	struct action_item in = {.title = "  Review the market position statement ", .owner_id = org_a,
				 .lead = " Head of Commissioning ", .due_on = "2027-03-31",
				 .status = "in_progress", .links = links, .n_links = 4};
	size_t events = teststore_events(pa);
	int64_t id = add(pa, &in);
	struct action_item a = get(pa, id);
	assert_int_equal(a.id, id);
	assert_string_equal(a.title, "Review the market position statement");
	assert_int_equal(a.owner_id, org_a);
	assert_string_equal(a.owner_name, "Alpha Council");
	assert_string_equal(a.lead, "Head of Commissioning");
	assert_string_equal(a.due_on, "2027-03-31");
	assert_string_equal(a.status, "in_progress");
	assert_non_null(a.created_at);
	assert_int_equal(a.n_links, 3);
	assert_int_equal(a.links[0].ref_id, round_a);
	assert_string_equal(a.links[0].ref_key, "market");
	assert_string_equal(a.links[0].ref_name, "Alpha 2009");
	assert_string_equal(a.links[0].framework, "csp-2009-12");
	assert_string_equal(a.links[1].ref_key, "outcomes");
	assert_int_equal(a.links[2].ref_id, round_a13);
	assert_string_equal(a.links[2].framework, "csp-2009-13");
	assert_true(action_links_standard(&a, round_a, "market"));
	assert_true(action_links_standard(&a, round_a13, "joint-commissioning-arrangements"));
	assert_false(action_links_standard(&a, round_a13, "market"));

	/* One audit event, with the links in it. */
	assert_int_equal(teststore_events(pa), events + 1);
	json_t *before, *after;
	teststore_expect_event(pa, "create", "action", id, &before, &after);
	assert_null(before);
	assert_string_equal(jstr(after, "title"), "Review the market position statement");
	assert_string_equal(jstr(after, "owner"), "Alpha Council");
	assert_string_equal(jstr(after, "status"), "in_progress");
	json_t *jl = json_object_get(after, "links");
	assert_int_equal(json_array_size(jl), 3);
	assert_string_equal(jstr(json_array_get(jl, 0), "standard"), "market");
	assert_string_equal(jstr(json_array_get(jl, 0), "round"), "Alpha 2009");
	json_decref(after);

	/* The least an action needs: a title (status not_started). */
	id = add(pa, &(struct action_item){.title = "Bare"});
	a = get(pa, id);
	assert_string_equal(a.status, "not_started");
	assert_int_equal(a.owner_id, 0);
	assert_null(a.owner_name);
	assert_string_equal(a.lead, "");
	assert_null(a.due_on);
	assert_int_equal(a.n_links, 0);
}

static void test_refused(void **state)
{
	(void)state;
	char long_title[ACTION_TITLE_MAX + 2];
	memset(long_title, 'x', sizeof long_title - 1);
	long_title[sizeof long_title - 1] = '\0';
	char long_lead[ACTION_LEAD_MAX + 2];
	memset(long_lead, 'y', sizeof long_lead - 1);
	long_lead[sizeof long_lead - 1] = '\0';
	struct action_link bad_kind = {.kind = "contract", .ref_id = round_a, .ref_key = "market"};
	struct action_link no_key = std(round_a, "no-such-standard");
	struct action_link only13 = std(round_a, "joint-commissioning-arrangements");
	struct action_link no_round = std(987654, "market");
	struct action_link zero_round = std(0, "market");
	int64_t retired;
	assert_int_equal(organisation_add(testdb, cli, pa, "Alpha Retired", "other", "both", NULL, &retired),
			 E_OK);
	assert_int_equal(organisation_set_retired(testdb, cli, pa, retired, 1), E_OK);
	const struct {
		struct action_item a;
		enum err rc;
	} cases[] = {
		{{.title = ""}, E_INVAL},
		{{.title = "   "}, E_INVAL},
		{{.title = NULL}, E_INVAL},
		{{.title = long_title}, E_INVAL},
		{{.title = "Bad\x01title"}, E_INVAL},
		{{.title = "Long lead", .lead = long_lead}, E_INVAL},
		{{.title = "Status", .status = "finished"}, E_INVAL},
		{{.title = "Day", .due_on = "2027-02-30"}, E_INVAL},
		{{.title = "Day", .due_on = "2027-2-3"}, E_INVAL},
		{{.title = "Day", .due_on = "2027-03-31T00:00:00Z"}, E_INVAL},
		{{.title = "Kind", .links = &bad_kind, .n_links = 1}, E_INVAL},
		{{.title = "Key", .links = &no_key, .n_links = 1}, E_RANGE},
		{{.title = "Version", .links = &only13, .n_links = 1}, E_RANGE},
		{{.title = "Round", .links = &no_round, .n_links = 1}, E_RANGE},
		{{.title = "Round", .links = &zero_round, .n_links = 1}, E_RANGE},
		{{.title = "Owner", .owner_id = 987654}, E_RANGE},
		{{.title = "Owner", .owner_id = -1}, E_RANGE},
		{{.title = "Owner", .owner_id = retired}, E_RANGE},
	};
	size_t events = teststore_events(pa);
	int64_t before = teststore_i64("SELECT COUNT(*) FROM action WHERE partnership_id = $1", pa, NULL);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		enum err rc = action_add(testdb, cli, pa, &cases[i].a, NULL);
		if (rc != cases[i].rc)
			fail_msg("case %zu (%s): %d, expected %d", i, cases[i].a.title ? cases[i].a.title : "NULL",
				 rc, cases[i].rc);
	}
	/* Nothing of these was written or recorded. */
	assert_int_equal(teststore_i64("SELECT COUNT(*) FROM action WHERE partnership_id = $1", pa, NULL), before);
	assert_int_equal(teststore_events(pa), events);

	/* At most ACTION_LINKS_MAX standards (the 12 x 2 rounds are 25 fewer,
	 * so repeat across more rounds). */
	struct action_link many[ACTION_LINKS_MAX + 1];
	const char *keys[] = {"outcomes", "commissioning-arrangements", "governance", "stakeholder-support",
			      "needs-assessment", "market", "performance", "commissioners-together",
			      "reconfiguration", "leadership", "workforce", "learning"};
	int64_t rounds[5];
	for (size_t r = 0; r < 5; r++)
		rounds[r] = add_round(pa, "csp-2009-12", pool_printf(&testpool, "Many links %zu", r));
	for (size_t i = 0; i <= ACTION_LINKS_MAX; i++)
		many[i] = std(rounds[i / 12], keys[i % 12]);
	assert_int_equal(action_add(testdb, cli, pa, &(struct action_item){.title = "Many", .links = many,
									 .n_links = ACTION_LINKS_MAX + 1},
				    NULL), E_TOOBIG);
	int64_t id = add(pa, &(struct action_item){.title = "Many", .links = many, .n_links = ACTION_LINKS_MAX});
	assert_int_equal(get(pa, id).n_links, ACTION_LINKS_MAX);
}

static void test_update(void **state)
{
	(void)state;
	struct action_link l1[] = {std(round_a, "outcomes"), std(round_a, "governance")};
	int64_t id = add(pa, &(struct action_item){.title = "Agree outcomes", .owner_id = org_a2,
						   .links = l1, .n_links = 2});
	size_t events = teststore_events(pa);

	/* Saved as it is: nothing written, nothing recorded. */
	struct action_item same = {.title = "Agree outcomes ", .owner_id = org_a2, .lead = "",
				   .status = "not_started", .links = l1, .n_links = 2};
	assert_int_equal(action_update(testdb, cli, pa, id, &same), E_OK);
	assert_int_equal(teststore_events(pa), events);

	/* Everything changed, the links replaced. */
	struct action_link l2[] = {std(round_a13, "joint-commissioning-arrangements"), std(round_a, "outcomes")};
	struct action_item changed = {.title = "Agree outcomes with schools", .owner_id = org_a,
				      .lead = "Chair of the trust board", .due_on = "2026-12-01",
				      .status = "done", .links = l2, .n_links = 2};
	assert_int_equal(action_update(testdb, cli, pa, id, &changed), E_OK);
	struct action_item a = get(pa, id);
	assert_string_equal(a.title, "Agree outcomes with schools");
	assert_int_equal(a.owner_id, org_a);
	assert_string_equal(a.lead, "Chair of the trust board");
	assert_string_equal(a.due_on, "2026-12-01");
	assert_string_equal(a.status, "done");
	assert_int_equal(a.n_links, 2);
	assert_true(action_links_standard(&a, round_a, "outcomes"));
	assert_false(action_links_standard(&a, round_a, "governance"));
	assert_true(action_links_standard(&a, round_a13, "joint-commissioning-arrangements"));
	assert_int_equal(teststore_i64("SELECT COUNT(*) FROM action_link WHERE action_id = $1", id, NULL), 2);
	json_t *before, *after;
	teststore_expect_event(pa, "update", "action", id, &before, &after);
	assert_string_equal(jstr(before, "title"), "Agree outcomes");
	assert_string_equal(jstr(after, "status"), "done");
	assert_int_equal(json_array_size(json_object_get(before, "links")), 2);
	assert_string_equal(jstr(json_array_get(json_object_get(before, "links"), 1), "standard"), "outcomes");
	json_decref(before);
	json_decref(after);

	/* Only the links change: still an update. */
	events = teststore_events(pa);
	changed.n_links = 1;
	assert_int_equal(action_update(testdb, cli, pa, id, &changed), E_OK);
	assert_int_equal(teststore_events(pa), events + 1);
	assert_int_equal(get(pa, id).n_links, 1);

	/* A refused save changes nothing, links included. */
	struct action_link bad = std(round_a, "nope");
	changed.links = &bad;
	assert_int_equal(action_update(testdb, cli, pa, id, &changed), E_RANGE);
	assert_int_equal(get(pa, id).n_links, 1);
	assert_int_equal(teststore_events(pa), events + 1);

	/* An owner retired since it was chosen may stay, not be chosen anew. */
	int64_t old_org;
	assert_int_equal(organisation_add(testdb, cli, pa, "Alpha Old", "other", "both", NULL, &old_org), E_OK);
	int64_t kept = add(pa, &(struct action_item){.title = "Kept owner", .owner_id = old_org});
	assert_int_equal(organisation_set_retired(testdb, cli, pa, old_org, 1), E_OK);
	assert_int_equal(action_update(testdb, cli, pa, kept, &(struct action_item){
		.title = "Kept owner, renamed", .owner_id = old_org}), E_OK);
	assert_int_equal(get(pa, kept).owner_id, old_org);
	assert_int_equal(action_update(testdb, cli, pa, id, &(struct action_item){
		.title = "Taking the retired owner", .owner_id = old_org}), E_RANGE);

	/* No such action. */
	assert_int_equal(action_update(testdb, cli, pa, 987654, &changed), E_NOTFOUND);
	struct action_item none;
	assert_int_equal(action_get(testdb, &testpool, pa, 987654, &none), E_NOTFOUND);
}

/* The titles of a list, comma-separated. */
static const char *titles(const struct action_item *a, size_t n)
{
	const char *s = "";
	for (size_t i = 0; i < n; i++)
		s = pool_printf(&testpool, "%s%s%s", s, i ? "," : "", a[i].title);
	return s;
}

static void test_list(void **state)
{
	(void)state;
	int64_t p = teststore_partnership("listing");
	int64_t r1 = add_round(p, "csp-2009-12", "List 1"), r2 = add_round(p, "csp-2009-13", "List 2");
	struct action_link a1[] = {std(r1, "market")}, a2[] = {std(r1, "outcomes"), std(r2, "outcomes")};
	struct action_link a3[] = {std(r2, "learning")};
	add(p, &(struct action_item){.title = "C undated", .links = a1, .n_links = 1});
	add(p, &(struct action_item){.title = "B late", .due_on = "2027-06-01", .links = a2, .n_links = 2});
	add(p, &(struct action_item){.title = "A early", .due_on = "2026-01-15", .status = "done"});
	int64_t dropped = add(p, &(struct action_item){.title = "D dropped", .due_on = "2026-05-01",
						       .status = "dropped", .links = a3, .n_links = 1});
	struct action_item *a;
	size_t n;
	assert_int_equal(action_list(testdb, &testpool, p, NULL, &a, &n), E_OK);
	/* By due day, undated last; dropped ones stay (nothing is deleted). */
	assert_string_equal(titles(a, n), "A early,D dropped,B late,C undated");
	assert_int_equal(a[0].n_links, 0);
	assert_int_equal(a[1].n_links, 1);
	assert_int_equal(a[1].id, dropped);
	assert_int_equal(a[2].n_links, 2);
	assert_int_equal(a[2].links[0].ref_id, r1);
	assert_int_equal(a[2].links[1].ref_id, r2);
	assert_string_equal(a[3].links[0].ref_key, "market");

	assert_int_equal(action_list(testdb, &testpool, p, &(struct action_query){.round_id = r1}, &a, &n), E_OK);
	assert_string_equal(titles(a, n), "B late,C undated");
	/* The links of those actions come whole, those to other rounds too. */
	assert_int_equal(a[0].n_links, 2);
	assert_int_equal(action_list(testdb, &testpool, p, &(struct action_query){.round_id = r2}, &a, &n), E_OK);
	assert_string_equal(titles(a, n), "D dropped,B late");
	assert_int_equal(action_list(testdb, &testpool, p, &(struct action_query){.status = "done"}, &a, &n), E_OK);
	assert_string_equal(titles(a, n), "A early");
	assert_int_equal(action_list(testdb, &testpool, p,
				     &(struct action_query){.status = "not_started", .round_id = r2}, &a, &n), E_OK);
	assert_string_equal(titles(a, n), "B late");
	assert_int_equal(action_list(testdb, &testpool, p, &(struct action_query){.status = ""}, &a, &n), E_OK);
	assert_int_equal(n, 4);
	assert_int_equal(action_list(testdb, &testpool, p, &(struct action_query){.status = "gone"}, &a, &n),
			 E_INVAL);
	assert_int_equal(action_list(testdb, &testpool, p, &(struct action_query){.round_id = 987654}, &a, &n),
			 E_OK);
	assert_int_equal(n, 0);
	assert_null(a);

	/* Bounded: one more than ACTION_LIST_MAX is E_TOOBIG. */
	int64_t big = teststore_partnership("listing-big");
	static const char many[] =
		"WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < $2)"
		" INSERT INTO action (partnership_id, title, created_at)"
		" SELECT $1, 'Many', '2026-01-01T00:00:00Z' FROM k";
	teststore_exec(many, big, ACTION_LIST_MAX);
	assert_int_equal(action_list(testdb, &testpool, big, NULL, &a, &n), E_OK);
	assert_int_equal(n, ACTION_LIST_MAX);
	teststore_exec(many, big, 1);
	assert_int_equal(action_list(testdb, &testpool, big, NULL, &a, &n), E_TOOBIG);
}

static void test_isolation(void **state)
{
	(void)state;
	struct action_link la[] = {std(round_a, "market")};
	int64_t theirs = add(pa, &(struct action_item){.title = "Alpha's own", .owner_id = org_a,
						       .links = la, .n_links = 1});
	size_t events_a = teststore_events(pa), events_b = teststore_events(pb);

	/* Not found, not changed. */
	struct action_item a;
	assert_int_equal(action_get(testdb, &testpool, pb, theirs, &a), E_NOTFOUND);
	assert_int_equal(action_update(testdb, cli, pb, theirs, &(struct action_item){.title = "Taken"}),
			 E_NOTFOUND);
	assert_string_equal(get(pa, theirs).title, "Alpha's own");

	/* Alpha's round and organisation cannot be linked from Beta. */
	assert_int_equal(action_add(testdb, cli, pb, &(struct action_item){.title = "Reach", .links = la,
									 .n_links = 1}, NULL), E_RANGE);
	assert_int_equal(action_add(testdb, cli, pb, &(struct action_item){.title = "Reach", .owner_id = org_a},
				    NULL), E_RANGE);
	struct action_link lb[] = {std(round_b, "market")};
	int64_t mine = add(pb, &(struct action_item){.title = "Beta's own", .owner_id = org_b, .links = lb,
						     .n_links = 1});
	assert_int_equal(action_update(testdb, cli, pb, mine, &(struct action_item){.title = "Beta's own",
		.owner_id = org_a}), E_RANGE);
	assert_int_equal(action_update(testdb, cli, pb, mine, &(struct action_item){.title = "Beta's own",
		.links = la, .n_links = 1}), E_RANGE);

	/* Never listed, whatever the filter. */
	struct action_item *list;
	size_t n;
	assert_int_equal(action_list(testdb, &testpool, pb, NULL, &list, &n), E_OK);
	for (size_t i = 0; i < n; i++)
		assert_int_not_equal(list[i].id, theirs);
	assert_int_equal(action_list(testdb, &testpool, pb, &(struct action_query){.round_id = round_a}, &list, &n),
			 E_OK);
	assert_int_equal(n, 0);
	assert_int_equal(teststore_events(pa), events_a);
	assert_int_equal(teststore_events(pb), events_b + 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_statuses),
		cmocka_unit_test(test_add_and_get),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_update),
		cmocka_unit_test(test_list),
		cmocka_unit_test(test_isolation),
	};
	return cmocka_run_group_tests(tests, setup, teststore_teardown);
}
