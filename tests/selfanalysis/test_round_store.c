/*
 * test_round_store.c: the self-analysis store (round.h) and
 * round_data_load() in a migrated database on both backends: the
 * anonymity threshold, imported frameworks, rounds (validation, audit,
 * the previous round), responses (cells checked against the scale,
 * random ids, the day only, no audit online and no scores in any audit),
 * stated averages, comments, clearing a round, limits, annex order, and
 * isolation: another partnership's rounds are never found, changed,
 * listed or answered.
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
#include "core/clock.h"
#include "core/pool.h"
#include "db/db.h"
#include "db/store.h"
#include "selfanalysis/results.h"
#include "selfanalysis/round.h"
#include "support/teststore.h"

static const struct actor *cli = &actor_cli;
static int64_t pa, pb; /* two partnerships */

static int setup(void **state)
{
	return teststore_setup_pair(state, &pa, &pb);
}

/* A framework of the kind a partnership writes itself: 3 levels. */
static const char maturity_json[] =
	"{\"id\": \"partnership-maturity\", \"title\": \"Partnership maturity check\","
	" \"source\": \"Written by the partnership\", \"version\": \"1\","
	" \"scale\": {\"points\": [{\"value\": 1, \"label\": \"Emerging\"},"
	"  {\"value\": 2, \"label\": \"Established\"}, {\"value\": 3, \"label\": \"Advanced\"}],"
	"  \"half_points\": false, \"dont_know\": true},"
	" \"standards\": [{\"number\": 1, \"key\": \"needs-assessment\", \"title\": \"Needs\"},"
	"  {\"number\": 7, \"key\": \"pooled-budgets\", \"title\": \"Pooled budgets\"}]}";

static int64_t add_round(int64_t p, const char *framework, const char *name,
			 enum round_mode mode, const char *opens)
{
	struct round r = {.framework = framework, .name = name, .mode = mode, .opens_on = opens};
	int64_t id = 0;
	assert_int_equal(round_add(testdb, cli, p, &r, &id), E_OK);
	assert_true(id > 0);
	return id;
}

static struct score val(int half)
{
	return (struct score){SCORE_VALUE, half, half};
}

/* A response whose every cell is the score half (a half-point value). */
static enum err add_uniform(int64_t p, int64_t round, const char *label,
			    enum response_source source, int half, size_t n)
{
	struct score cells[FRAMEWORK_MAX_STANDARDS];
	for (size_t i = 0; i < n; i++)
		cells[i] = val(half);
	struct response_in in = {.respondent = label, .source = source, .cells = cells, .n = n};
	return response_add(testdb, cli, p, round, &in);
}

static int64_t count_where_round(const char *sql, int64_t round)
{
	return teststore_i64(sql, round, NULL);
}

/* ---- modes and k ---- */

static void test_modes(void **state)
{
	(void)state;
	assert_string_equal(round_mode_code(ROUND_INTERVIEWS), "interviews");
	assert_string_equal(round_mode_code(ROUND_GROUP), "group");
	assert_int_equal(round_mode_parse("interviews"), ROUND_INTERVIEWS);
	assert_int_equal(round_mode_parse("group"), ROUND_GROUP);
	assert_int_equal(round_mode_parse("Group"), -1);
	assert_int_equal(round_mode_parse(""), -1);
	assert_int_equal(round_mode_parse(NULL), -1);
	assert_string_equal(round_mode_label(ROUND_INTERVIEWS), "Interviews");
	assert_string_equal(round_mode_label(ROUND_GROUP), "Group session");
}

static void test_k(void **state)
{
	(void)state;
	int k = 0;
	json_t *before = NULL, *after = NULL;
	assert_int_equal(selfanalysis_k_get(testdb, pa, &k), E_OK);
	assert_int_equal(k, ANONYMITY_K_DEFAULT);

	assert_int_equal(selfanalysis_k_set(testdb, cli, pa, 7), E_OK);
	assert_int_equal(selfanalysis_k_get(testdb, pa, &k), E_OK);
	assert_int_equal(k, 7);
	assert_int_equal(selfanalysis_k_get(testdb, pb, &k), E_OK);
	assert_int_equal(k, ANONYMITY_K_DEFAULT);
	teststore_expect_event(pa, "update", "partnership", pa, &before, &after);
	assert_int_equal(json_integer_value(json_object_get(before, "anonymity_k")), 5);
	assert_int_equal(json_integer_value(json_object_get(after, "anonymity_k")), 7);
	assert_int_equal(json_object_size(before), 1);
	assert_int_equal(json_object_size(after), 1);
	json_decref(before);
	json_decref(after);

	/* The same value again: nothing written or recorded. */
	size_t n0 = teststore_events(pa);
	assert_int_equal(selfanalysis_k_set(testdb, cli, pa, 7), E_OK);
	assert_int_equal(teststore_events(pa), n0);

	/* The bounds, and just outside them. */
	assert_int_equal(selfanalysis_k_set(testdb, cli, pa, ANONYMITY_K_MIN - 1), E_RANGE);
	assert_int_equal(selfanalysis_k_set(testdb, cli, pa, ANONYMITY_K_MAX + 1), E_RANGE);
	assert_int_equal(selfanalysis_k_set(testdb, cli, pa, -5), E_RANGE);
	assert_int_equal(teststore_events(pa), n0);
	assert_int_equal(selfanalysis_k_set(testdb, cli, pa, ANONYMITY_K_MIN), E_OK);
	assert_int_equal(selfanalysis_k_set(testdb, cli, pa, ANONYMITY_K_MAX), E_OK);
	assert_int_equal(selfanalysis_k_get(testdb, pa, &k), E_OK);
	assert_int_equal(k, ANONYMITY_K_MAX);

	assert_int_equal(selfanalysis_k_get(testdb, pb + 1000, &k), E_NOTFOUND);
	assert_int_equal(selfanalysis_k_set(testdb, cli, pb + 1000, 6), E_NOTFOUND);
}

/* ---- frameworks ---- */

static void test_frameworks(void **state)
{
	(void)state;
	struct framework_entry *list = NULL;
	size_t n = 0;
	char err[FRAMEWORK_ERR_SIZE];
	json_t *before = NULL, *after = NULL;

	assert_int_equal(framework_store_list(testdb, &testpool, 0, &list, &n), E_OK);
	assert_int_equal(n, 2);
	assert_string_equal(list[0].id, "csp-2009-12");
	assert_int_equal(list[0].n_standards, 12);
	assert_true(list[0].shipped);
	assert_null(list[0].created_at);
	assert_string_equal(list[1].id, "csp-2009-13");
	assert_int_equal(list[1].n_standards, 13);

	assert_int_equal(framework_store_import(testdb, cli, pa, maturity_json,
						strlen(maturity_json), err, sizeof err), E_OK);
	struct audit_event ev = teststore_last_event(pa, &before, &after);
	assert_string_equal(ev.action, "create");
	assert_string_equal(ev.entity, "sa_framework");
	assert_null(before);
	assert_string_equal(jstr(after, "id"), "partnership-maturity");
	assert_string_equal(jstr(after, "title"), "Partnership maturity check");
	assert_int_equal(json_object_size(after), 2); /* no JSON body in the trail */
	json_decref(after);

	/* Shipped first, then the partnership's own; the other sees none. */
	assert_int_equal(framework_store_list(testdb, &testpool, pa, &list, &n), E_OK);
	assert_int_equal(n, 3);
	assert_true(list[0].shipped && list[1].shipped);
	assert_string_equal(list[2].id, "partnership-maturity");
	assert_string_equal(list[2].title, "Partnership maturity check");
	assert_int_equal(list[2].n_standards, 2);
	assert_false(list[2].shipped);
	assert_non_null(list[2].created_at);
	assert_int_equal(framework_store_list(testdb, &testpool, pb, &list, &n), E_OK);
	assert_int_equal(n, 2);

	/* Refusals, each with words for people and no event. */
	size_t n0 = teststore_events(pa);
	assert_int_equal(framework_store_import(testdb, cli, pa, maturity_json,
						strlen(maturity_json), err, sizeof err),
			 E_CONFLICT);
	assert_non_null(strstr(err, "already imported"));
	char shipped[sizeof maturity_json + 16];
	const char *rest = strchr(maturity_json, ',');
	snprintf(shipped, sizeof shipped, "{\"id\": \"csp-2009-12\"%s", rest);
	assert_int_equal(framework_store_import(testdb, cli, pa, shipped, strlen(shipped), err,
						sizeof err), E_CONFLICT);
	assert_non_null(strstr(err, "shipped"));
	assert_int_equal(framework_store_import(testdb, cli, pa, "{\"id\": ", 7, err, sizeof err),
			 E_INVAL);
	assert_true(err[0] != '\0');
	assert_int_equal(framework_store_import(testdb, cli, pa, "{\"id\": \"x\"}", 11, err,
						sizeof err), E_INVAL);
	assert_true(err[0] != '\0');
	char with_nul[sizeof maturity_json + 1];
	memcpy(with_nul, maturity_json, sizeof maturity_json);
	with_nul[sizeof maturity_json - 1] = '\0'; /* a NUL inside the length given */
	assert_int_equal(framework_store_import(testdb, cli, pa, with_nul, sizeof maturity_json,
						err, sizeof err), E_INVAL);
	assert_int_equal(teststore_events(pa), n0);
	assert_int_equal(teststore_i64("SELECT COUNT(*) FROM sa_framework", 0, NULL), 1);

	/* The same id in another partnership is that partnership's own. */
	assert_int_equal(framework_store_import(testdb, cli, pb, maturity_json,
						strlen(maturity_json), err, sizeof err), E_OK);

	/* Loading: shipped anywhere, imported only in its partnership. */
	struct framework fw;
	struct scale sc;
	assert_int_equal(framework_load(testdb, &testpool, 0, "csp-2009-13", &fw), E_OK);
	assert_int_equal(fw.n_standards, 13);
	framework_scale(&fw, &sc);
	assert_int_equal(sc.min, 1);
	assert_int_equal(sc.max, 5);
	assert_false(sc.half_points_allowed);
	assert_false(sc.dont_know_allowed);
	assert_int_equal(framework_load(testdb, &testpool, pa, "csp-2009-12", &fw), E_OK);
	framework_scale(&fw, &sc);
	assert_true(sc.half_points_allowed && sc.dont_know_allowed);
	assert_int_equal(framework_load(testdb, &testpool, pa, "partnership-maturity", &fw), E_OK);
	assert_int_equal(fw.n_standards, 2);
	assert_int_equal(fw.standards[1].number, 7);
	framework_scale(&fw, &sc);
	assert_int_equal(sc.min, 1);
	assert_int_equal(sc.max, 3);
	assert_false(sc.half_points_allowed);
	assert_true(sc.dont_know_allowed);
	assert_int_equal(framework_load(testdb, &testpool, 0, "partnership-maturity", &fw),
			 E_NOTFOUND);
	assert_int_equal(framework_load(testdb, &testpool, pa, "nothing-like-it", &fw),
			 E_NOTFOUND);
	assert_int_equal(framework_load(testdb, &testpool, pa, NULL, &fw), E_NOTFOUND);
}

/* A framework near the size limit imports, lists and loads whole. */
static void test_framework_large(void **state)
{
	(void)state;
	size_t cap = FRAMEWORK_MAX_JSON, len = 0;
	char *json = pool_alloc(&testpool, cap + 1), err[FRAMEWORK_ERR_SIZE];
	char text[1100];
	memset(text, 't', sizeof text - 1);
	text[sizeof text - 1] = '\0';
	len += (size_t)snprintf(json + len, cap - len,
		"{\"id\": \"big\", \"title\": \"Big\", \"source\": \"Test\", \"version\": \"1\","
		" \"scale\": {\"points\": [{\"value\": 0}, {\"value\": 1}, {\"value\": 2}],"
		" \"half_points\": true, \"dont_know\": false}, \"standards\": [");
	for (int i = 1; i <= FRAMEWORK_MAX_STANDARDS; i++)
		len += (size_t)snprintf(json + len, cap - len,
			"%s{\"number\": %d, \"key\": \"s%d\", \"title\": \"Standard %d\","
			" \"text\": \"%s\"}", i > 1 ? ", " : "", i, i, i, text);
	len += (size_t)snprintf(json + len, cap - len, "]}");
	assert_true(len < cap && len > cap * 3 / 4);
	assert_int_equal(framework_store_import(testdb, cli, pa, json, len, err, sizeof err), E_OK);
	struct framework_entry *list = NULL;
	size_t n = 0;
	assert_int_equal(framework_store_list(testdb, &testpool, pa, &list, &n), E_OK);
	assert_int_equal(n, 3);
	assert_int_equal(list[2].n_standards, FRAMEWORK_MAX_STANDARDS);
	int64_t round = add_round(pa, "big", "Big round", ROUND_INTERVIEWS, NULL);
	struct score cells[FRAMEWORK_MAX_STANDARDS];
	for (size_t i = 0; i < FRAMEWORK_MAX_STANDARDS; i++)
		cells[i] = (struct score){i % 2 ? SCORE_VALUE : SCORE_RANGE, (int)(i % 2),
					  (int)(i % 2) + 2 * (int)(i % 2 == 0)};
	struct response_in in = {.source = RESPONSE_ENTRY, .cells = cells,
				 .n = FRAMEWORK_MAX_STANDARDS};
	assert_int_equal(response_add(testdb, cli, pa, round, &in), E_OK);
	struct round_data d;
	assert_int_equal(round_data_load(testdb, &testpool, pa, round, &d), E_OK);
	assert_int_equal(d.fw.n_standards, FRAMEWORK_MAX_STANDARDS);
	assert_int_equal(d.scale.min, 0);
	assert_int_equal(d.scale.max, 2);
	for (size_t i = 0; i < FRAMEWORK_MAX_STANDARDS; i++) {
		assert_int_equal(d.cells[i].kind, cells[i].kind);
		assert_int_equal(d.cells[i].lo, cells[i].lo);
		assert_int_equal(d.cells[i].hi, cells[i].hi);
	}
	/* One byte over the limit: refused with the parser's words. */
	char *over = pool_alloc(&testpool, cap + 2);
	memset(over, ' ', cap + 1);
	over[cap + 1] = '\0';
	memcpy(over, json, len);
	assert_int_equal(framework_store_import(testdb, cli, pb, over, cap + 1, err, sizeof err),
			 E_TOOBIG);
	assert_true(err[0] != '\0');
}

/* ---- rounds ---- */

static void test_rounds(void **state)
{
	(void)state;
	json_t *before = NULL, *after = NULL;
	struct round r;
	int64_t one = add_round(pa, "csp-2009-12", "  Interviews 2009 ", ROUND_INTERVIEWS,
				"2009-08-01");
	assert_int_equal(round_get(testdb, &testpool, pa, one, &r), E_OK);
	assert_string_equal(r.name, "Interviews 2009");
	assert_string_equal(r.framework, "csp-2009-12");
	assert_int_equal(r.mode, ROUND_INTERVIEWS);
	assert_string_equal(r.opens_on, "2009-08-01");
	assert_null(r.closes_on);
	assert_false(r.closed);
	assert_string_equal(r.key_messages, "");
	assert_null(r.shared_at);
	assert_non_null(r.created_at);
	assert_int_equal(r.responses, 0);
	teststore_expect_event(pa, "create", "sa_round", one, &before, &after);
	assert_null(before);
	assert_string_equal(jstr(after, "name"), "Interviews 2009");
	assert_string_equal(jstr(after, "framework"), "csp-2009-12");
	assert_string_equal(jstr(after, "mode"), "interviews");
	json_decref(after);

	/* Key messages and closed are not taken on add. */
	struct round g = {.framework = "csp-2009-13", .name = "Group 2009", .mode = ROUND_GROUP,
			  .opens_on = "2009-03-01", .closes_on = "2009-03-31",
			  .key_messages = "ignored", .closed = true};
	int64_t two = 0;
	assert_int_equal(round_add(testdb, cli, pa, &g, &two), E_OK);
	assert_int_equal(round_find(testdb, &testpool, pa, " Group 2009", &r), E_OK);
	assert_true(r.id == two);
	assert_int_equal(r.mode, ROUND_GROUP);
	assert_string_equal(r.closes_on, "2009-03-31");
	assert_false(r.closed);
	assert_string_equal(r.key_messages, "");
	assert_int_equal(round_find(testdb, &testpool, pa, "Group", &r), E_NOTFOUND);
	assert_int_equal(round_find(testdb, &testpool, pa, "", &r), E_NOTFOUND);

	/* Refused: each rule, with no event. */
	size_t n0 = teststore_events(pa);
	char longname[STORE_NAME_MAX + 2];
	memset(longname, 'n', sizeof longname - 1);
	longname[sizeof longname - 1] = '\0';
	struct round bad[] = {
		{.framework = "csp-2009-12", .name = "", .mode = ROUND_GROUP},
		{.framework = "csp-2009-12", .name = "   ", .mode = ROUND_GROUP},
		{.framework = "csp-2009-12", .name = longname, .mode = ROUND_GROUP},
		{.framework = "csp-2009-12", .name = "Bell\a", .mode = ROUND_GROUP},
		{.framework = "csp-2009-12", .name = "X", .mode = (enum round_mode)7},
		{.framework = "csp-2009-12", .name = "X", .mode = ROUND_GROUP, .opens_on = "2009-02-30"},
		{.framework = "csp-2009-12", .name = "X", .mode = ROUND_GROUP, .opens_on = "2009-02-01x"},
		{.framework = "csp-2009-12", .name = "X", .mode = ROUND_GROUP, .closes_on = "March"},
		{.framework = "csp-2009-12", .name = "X", .mode = ROUND_GROUP,
		 .opens_on = "2009-04-01", .closes_on = "2009-03-31"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_int_equal(round_add(testdb, cli, pa, &bad[i], NULL), E_INVAL);
	struct round dup = {.framework = "csp-2009-12", .name = "Interviews 2009"};
	assert_int_equal(round_add(testdb, cli, pa, &dup, NULL), E_CONFLICT);
	struct round nofw = {.framework = "csp-2010", .name = "X"};
	assert_int_equal(round_add(testdb, cli, pa, &nofw, NULL), E_NOTFOUND);
	assert_int_equal(round_add(testdb, cli, pa, NULL, NULL), E_INVAL);
	assert_int_equal(teststore_events(pa), n0);

	/* The same name in another partnership is fine. */
	add_round(pb, "csp-2009-12", "Interviews 2009", ROUND_INTERVIEWS, NULL);

	/* An imported framework: its partnership's rounds only. */
	char err[FRAMEWORK_ERR_SIZE];
	assert_int_equal(framework_store_import(testdb, cli, pa, maturity_json,
						strlen(maturity_json), err, sizeof err), E_OK);
	add_round(pa, "partnership-maturity", "Maturity", ROUND_INTERVIEWS, NULL);
	struct round theirs = {.framework = "partnership-maturity", .name = "Maturity"};
	assert_int_equal(round_add(testdb, cli, pb, &theirs, NULL), E_NOTFOUND);

	/* Update: name, dates, closed, key messages; framework and mode kept. */
	struct round u = {.framework = "csp-2009-13", .mode = ROUND_GROUP,
			  .name = "Interviews (Aug 2009)", .opens_on = "2009-08-01",
			  .closes_on = "2009-09-30", .closed = true,
			  .key_messages = "  Strong governance.\nWeak market management.  "};
	assert_int_equal(round_update(testdb, cli, pa, one, &u), E_OK);
	assert_int_equal(round_get(testdb, &testpool, pa, one, &r), E_OK);
	assert_string_equal(r.name, "Interviews (Aug 2009)");
	assert_string_equal(r.framework, "csp-2009-12");
	assert_int_equal(r.mode, ROUND_INTERVIEWS);
	assert_string_equal(r.closes_on, "2009-09-30");
	assert_true(r.closed);
	assert_string_equal(r.key_messages, "Strong governance.\nWeak market management.");
	teststore_expect_event(pa, "update", "sa_round", one, &before, &after);
	assert_string_equal(jstr(before, "name"), "Interviews 2009");
	assert_false(json_is_true(json_object_get(before, "closed")));
	assert_true(json_is_true(json_object_get(after, "closed")));
	assert_string_equal(jstr(after, "key_messages"),
			    "Strong governance.\nWeak market management.");
	json_decref(before);
	json_decref(after);

	/* An unchanged save records nothing; dates may be cleared. */
	n0 = teststore_events(pa);
	u.key_messages = "Strong governance.\nWeak market management.";
	assert_int_equal(round_update(testdb, cli, pa, one, &u), E_OK);
	assert_int_equal(teststore_events(pa), n0);
	u.opens_on = "";
	u.closes_on = NULL;
	assert_int_equal(round_update(testdb, cli, pa, one, &u), E_OK);
	assert_int_equal(round_get(testdb, &testpool, pa, one, &r), E_OK);
	assert_null(r.opens_on);
	assert_null(r.closes_on);

	/* Update refusals. */
	n0 = teststore_events(pa);
	char longmsg[ROUND_KEY_MESSAGES_MAX + 2];
	memset(longmsg, 'm', sizeof longmsg - 1);
	longmsg[sizeof longmsg - 1] = '\0';
	struct round ub = u;
	ub.name = "Group 2009";
	assert_int_equal(round_update(testdb, cli, pa, one, &ub), E_CONFLICT);
	ub = u;
	ub.key_messages = longmsg;
	assert_int_equal(round_update(testdb, cli, pa, one, &ub), E_INVAL);
	ub = u;
	ub.opens_on = "2009-10-01";
	ub.closes_on = "2009-09-01";
	assert_int_equal(round_update(testdb, cli, pa, one, &ub), E_INVAL);
	ub = u;
	ub.name = "";
	assert_int_equal(round_update(testdb, cli, pa, one, &ub), E_INVAL);
	assert_int_equal(round_update(testdb, cli, pa, one + 1000, &u), E_NOTFOUND);
	assert_int_equal(round_update(testdb, cli, pa, one, NULL), E_INVAL);
	assert_int_equal(teststore_events(pa), n0);

	/* The list: newest first, this partnership's only. */
	struct round *list = NULL;
	size_t n = 0;
	assert_int_equal(round_list(testdb, &testpool, pa, &list, &n), E_OK);
	assert_int_equal(n, 3);
	assert_string_equal(list[0].name, "Maturity");
	assert_string_equal(list[1].name, "Group 2009");
	assert_string_equal(list[2].name, "Interviews (Aug 2009)");
	assert_int_equal(round_list(testdb, &testpool, pb, &list, &n), E_OK);
	assert_int_equal(n, 1);
	assert_int_equal(round_list(testdb, &testpool, pb + 1000, &list, &n), E_OK);
	assert_int_equal(n, 0);
}

/* ---- responses ---- */

static void test_responses(void **state)
{
	(void)state;
	json_t *before = NULL, *after = NULL;
	int64_t round = add_round(pa, "csp-2009-12", "Interviews", ROUND_INTERVIEWS, NULL);
	struct score cells[12];
	for (size_t i = 0; i < 12; i++)
		cells[i] = val(6);
	cells[1] = (struct score){SCORE_RANGE, 2, 4};       /* "1 / 2" */
	cells[2] = (struct score){SCORE_DONT_KNOW, 0, 0};
	cells[3] = (struct score){SCORE_NONE, 0, 0};
	cells[4] = val(7);                                 /* 3.5 */
	const char *comments[12] = {[0] = "  Outcomes are agreed.  ", [5] = "",
				    [11] = "Learning\nis shared."};
	struct response_in in = {.respondent = "3", .grp = "Council", .source = RESPONSE_IMPORT,
				 .cells = cells, .comments = comments, .n = 12};
	assert_int_equal(response_add(testdb, cli, pa, round, &in), E_OK);

	/* The audit event: the round's name and its count, never a score. */
	struct audit_event ev = teststore_expect_event(pa, "add_response", "sa_round", round,
						       &before, &after);
	assert_null(before);
	assert_int_equal(json_object_size(after), 2);
	assert_string_equal(jstr(after, "round"), "Interviews");
	assert_int_equal(json_integer_value(json_object_get(after, "responses")), 1);
	json_decref(after);
	assert_null(strstr(ev.after, "3.5"));
	assert_null(strstr(ev.after, "Outcomes"));

	/* The rows: one score per answered standard, by standard number. */
	int64_t rid = teststore_i64("SELECT id FROM sa_response WHERE round_id = $1", round, NULL);
	assert_true(rid > 0 && rid < (INT64_C(1) << 53));
	assert_int_equal(count_where_round("SELECT COUNT(*) FROM sa_score s JOIN sa_response r"
					   " ON r.id = s.response_id WHERE r.round_id = $1", round),
			 11);
	assert_int_equal(teststore_i64("SELECT COUNT(*) FROM sa_score WHERE response_id = $1"
				       " AND standard = 4", rid, NULL), 0);
	assert_int_equal(teststore_i64("SELECT hi FROM sa_score WHERE response_id = $1"
				       " AND standard = 2 AND kind = 'range'", rid, NULL), 4);
	assert_int_equal(teststore_i64("SELECT lo + hi FROM sa_score WHERE response_id = $1"
				       " AND standard = 3 AND kind = 'dont_know'", rid, NULL), 0);
	assert_int_equal(teststore_i64("SELECT lo FROM sa_score WHERE response_id = $1"
				       " AND standard = 5 AND kind = 'value'", rid, NULL), 7);
	/* The day only, and no link from a comment to its response. */
	assert_int_equal(teststore_i64("SELECT COUNT(*) FROM sa_response WHERE id = $1"
				       " AND LENGTH(submitted_on) = 10", rid, NULL), 1);
	assert_int_equal(count_where_round("SELECT COUNT(*) FROM sa_comment WHERE round_id = $1",
					   round), 2);
	assert_int_equal(teststore_i64("SELECT COUNT(*) FROM sa_comment WHERE round_id = $1"
				       " AND standard = 12 AND body = $2", round,
				       "Learning\nis shared."), 1);
	assert_int_equal(teststore_i64("SELECT COUNT(*) FROM sa_comment WHERE round_id = $1"
				       " AND standard = 1 AND body = $2", round,
				       "Outcomes are agreed."), 1);

	/* Online: stored alike, but no audit event at all. */
	size_t n0 = teststore_events(pa);
	in.respondent = NULL;
	in.source = RESPONSE_ONLINE;
	assert_int_equal(response_add(testdb, NULL, pa, round, &in), E_OK);
	assert_int_equal(teststore_events(pa), n0);
	assert_int_equal(count_where_round("SELECT COUNT(*) FROM sa_response WHERE round_id = $1"
					   " AND source = 'online' AND respondent IS NULL", round),
			 1);
	/* Entry: audited, with the count. */
	in.source = RESPONSE_ENTRY;
	in.comments = NULL;
	assert_int_equal(response_add(testdb, cli, pa, round, &in), E_OK);
	teststore_expect_event(pa, "add_response", "sa_round", round, &before, &after);
	assert_int_equal(json_integer_value(json_object_get(after, "responses")), 3);
	json_decref(after);

	/* Ids are random, not a sequence: three draws below a million would
	 * happen about once in 10^22 runs. */
	assert_true(teststore_i64("SELECT MAX(id) FROM sa_response WHERE round_id = $1", round,
				  NULL) > 1000000);
	assert_true(teststore_i64("SELECT MAX(id) FROM sa_comment WHERE round_id = $1", round,
				  NULL) > 1000000);
	assert_true(teststore_i64("SELECT MAX(id) FROM sa_response WHERE round_id = $1", round,
				  NULL) < (INT64_C(1) << 53));

	struct round r;
	assert_int_equal(round_get(testdb, &testpool, pa, round, &r), E_OK);
	assert_int_equal(r.responses, 3);
}

/* Every way a response is refused, with nothing written. */
static void test_response_refusals(void **state)
{
	(void)state;
	int64_t round = add_round(pa, "csp-2009-12", "Interviews", ROUND_INTERVIEWS, NULL);
	int64_t group = add_round(pa, "csp-2009-13", "Group", ROUND_GROUP, NULL);
	size_t n0 = teststore_events(pa);
	struct score cells[13];
	for (size_t i = 0; i < 13; i++)
		cells[i] = val(6);
	struct response_in in = {.source = RESPONSE_ENTRY, .cells = cells, .n = 12};
	struct score badcells[] = {
		{SCORE_VALUE, 1, 1},   /* 0.5: below the scale */
		{SCORE_VALUE, 12, 12}, /* 6 */
		{SCORE_VALUE, 6, 8},   /* a value with two ends */
		{SCORE_RANGE, 4, 4},   /* a range that is not one */
		{SCORE_RANGE, 6, 4},
		{SCORE_RANGE, 2, 12},
		{SCORE_DONT_KNOW, 2, 2},
		{(enum score_kind)9, 6, 6},
	};
	for (size_t i = 0; i < sizeof badcells / sizeof badcells[0]; i++) {
		cells[5] = badcells[i];
		assert_int_equal(response_add(testdb, cli, pa, round, &in), E_INVAL);
	}
	cells[5] = val(6);
	/* The 13-standard scale: whole points, no "Don't know". */
	in.n = 13;
	cells[0] = val(7);
	assert_int_equal(response_add(testdb, cli, pa, group, &in), E_INVAL);
	cells[0] = (struct score){SCORE_DONT_KNOW, 0, 0};
	assert_int_equal(response_add(testdb, cli, pa, group, &in), E_INVAL);
	cells[0] = (struct score){SCORE_RANGE, 2, 6}; /* "1 / 3": not neighbours */
	assert_int_equal(response_add(testdb, cli, pa, group, &in), E_INVAL);
	cells[0] = (struct score){SCORE_RANGE, 2, 4};
	/* n must match the framework. */
	in.n = 12;
	assert_int_equal(response_add(testdb, cli, pa, group, &in), E_INVAL);
	in.n = 13;
	assert_int_equal(response_add(testdb, cli, pa, group, &in), E_OK); /* "1 / 2" is whole */
	cells[0] = val(6);
	assert_int_equal(response_add(testdb, cli, pa, round, &in), E_INVAL);
	in.n = 0;
	in.cells = NULL;
	assert_int_equal(response_add(testdb, cli, pa, round, &in), E_INVAL);
	in.cells = cells;
	in.n = 12;
	/* Comments: too long, control characters, not UTF-8. */
	char longc[COMMENT_MAX + 2];
	memset(longc, 'c', sizeof longc - 1);
	longc[sizeof longc - 1] = '\0';
	const char *comments[12] = {0};
	in.comments = comments;
	const char *badc[] = {longc, "bell\a", "\xff\xfe", "nul\x7f"};
	for (size_t i = 0; i < sizeof badc / sizeof badc[0]; i++) {
		comments[3] = badc[i];
		assert_int_equal(response_add(testdb, cli, pa, round, &in), E_INVAL);
	}
	longc[COMMENT_MAX] = '\0'; /* exactly the most allowed */
	comments[3] = longc;
	in.source = RESPONSE_IMPORT;
	/* Labels that could not be names. */
	in.respondent = "tab\tbed";
	assert_int_equal(response_add(testdb, cli, pa, round, &in), E_INVAL);
	in.respondent = "1";
	in.grp = "\x01";
	assert_int_equal(response_add(testdb, cli, pa, round, &in), E_INVAL);
	in.grp = NULL;
	in.source = RESPONSE_ONLINE; /* a label online could say who answered */
	assert_int_equal(response_add(testdb, NULL, pa, round, &in), E_INVAL);
	in.source = (enum response_source)5;
	assert_int_equal(response_add(testdb, cli, pa, round, &in), E_INVAL);
	in.source = RESPONSE_IMPORT;
	assert_int_equal(response_add(testdb, cli, pa, round, NULL), E_INVAL);
	assert_int_equal(response_add(testdb, cli, pa, round + 1000, &in), E_NOTFOUND);
	assert_int_equal(count_where_round("SELECT COUNT(*) FROM sa_response WHERE round_id = $1",
					   round), 0);
	assert_int_equal(teststore_i64("SELECT COUNT(*) FROM sa_comment", 0, NULL), 0);
	assert_int_equal(teststore_events(pa), n0 + 1); /* only the group's "1 / 2" */
	assert_int_equal(response_add(testdb, cli, pa, round, &in), E_OK);
	assert_int_equal(teststore_i64("SELECT LENGTH(body) FROM sa_comment WHERE round_id = $1",
				       round, NULL), COMMENT_MAX);

	/* A closed round: imports fill its history; nobody else adds. */
	struct round r;
	assert_int_equal(round_get(testdb, &testpool, pa, round, &r), E_OK);
	r.closed = true;
	assert_int_equal(round_update(testdb, cli, pa, round, &r), E_OK);
	in.comments = NULL;
	in.respondent = NULL;
	in.source = RESPONSE_ONLINE;
	assert_int_equal(response_add(testdb, NULL, pa, round, &in), E_CONFLICT);
	in.source = RESPONSE_ENTRY;
	assert_int_equal(response_add(testdb, cli, pa, round, &in), E_CONFLICT);
	in.source = RESPONSE_IMPORT;
	assert_int_equal(response_add(testdb, cli, pa, round, &in), E_OK);
	assert_int_equal(count_where_round("SELECT COUNT(*) FROM sa_response WHERE round_id = $1",
					   round), 2);
}

/* A group round holds one response, the group's agreed scores: never a
 * second, from any source, and never one given online. */
static void test_group_round_one_response(void **state)
{
	(void)state;
	int64_t group = add_round(pa, "csp-2009-13", "Group", ROUND_GROUP, NULL);
	int64_t online = add_round(pa, "csp-2009-13", "Group online", ROUND_GROUP, NULL);
	/* Online first: refused even in an empty group round. */
	assert_int_equal(add_uniform(pa, online, NULL, RESPONSE_ONLINE, 6, 13), E_CONFLICT);
	assert_int_equal(add_uniform(pa, group, NULL, RESPONSE_ENTRY, 6, 13), E_OK);
	size_t n0 = teststore_events(pa);
	assert_int_equal(add_uniform(pa, group, NULL, RESPONSE_ENTRY, 8, 13), E_CONFLICT);
	assert_int_equal(add_uniform(pa, group, "2", RESPONSE_IMPORT, 8, 13), E_CONFLICT);
	assert_int_equal(add_uniform(pa, group, NULL, RESPONSE_ONLINE, 8, 13), E_CONFLICT);
	assert_int_equal(count_where_round("SELECT COUNT(*) FROM sa_response WHERE round_id = $1",
					   group), 1);
	assert_int_equal(count_where_round("SELECT COUNT(*) FROM sa_response WHERE round_id = $1",
					   online), 0);
	assert_int_equal(teststore_events(pa), n0);
	/* Cleared (before a re-import), it takes its one response again. */
	assert_int_equal(round_clear_responses(testdb, cli, pa, group), E_OK);
	assert_int_equal(add_uniform(pa, group, "Group", RESPONSE_IMPORT, 8, 13), E_OK);
	assert_int_equal(add_uniform(pa, group, "Group", RESPONSE_IMPORT, 8, 13), E_CONFLICT);
	/* An interview round takes many. */
	int64_t interviews = add_round(pa, "csp-2009-13", "Interviews", ROUND_INTERVIEWS, NULL);
	assert_int_equal(add_uniform(pa, interviews, NULL, RESPONSE_ONLINE, 6, 13), E_OK);
	assert_int_equal(add_uniform(pa, interviews, NULL, RESPONSE_ENTRY, 6, 13), E_OK);
}

/* A response in the caller's transaction rolls back with it. */
static void test_response_in_transaction(void **state)
{
	(void)state;
	int64_t round = add_round(pa, "csp-2009-12", "Interviews", ROUND_INTERVIEWS, NULL);
	assert_int_equal(db_begin(testdb), E_OK);
	assert_int_equal(add_uniform(pa, round, "1", RESPONSE_IMPORT, 6, 12), E_OK);
	assert_int_equal(add_uniform(pa, round, "2", RESPONSE_IMPORT, 6, 12), E_OK);
	assert_int_equal(add_uniform(pa, round, "3", RESPONSE_IMPORT, 6, 11), E_INVAL);
	assert_true(db_in_transaction(testdb));
	assert_int_equal(db_rollback(testdb), E_OK);
	assert_int_equal(count_where_round("SELECT COUNT(*) FROM sa_response WHERE round_id = $1",
					   round), 0);
	assert_int_equal(teststore_i64("SELECT COUNT(*) FROM sa_score", 0, NULL), 0);
}

/* ---- round_data_load ---- */

static void test_round_data(void **state)
{
	(void)state;
	int64_t round = add_round(pa, "csp-2009-12", "Interviews", ROUND_INTERVIEWS, NULL);
	/* Added out of order; online and entered ones have no label. */
	assert_int_equal(add_uniform(pa, round, "10", RESPONSE_IMPORT, 10, 12), E_OK);
	assert_int_equal(add_uniform(pa, round, NULL, RESPONSE_ONLINE, 3, 12), E_OK);
	assert_int_equal(add_uniform(pa, round, "2", RESPONSE_IMPORT, 4, 12), E_OK);
	assert_int_equal(add_uniform(pa, round, NULL, RESPONSE_ENTRY, 5, 12), E_OK);
	assert_int_equal(add_uniform(pa, round, "1", RESPONSE_IMPORT, 2, 12), E_OK);
	assert_int_equal(add_uniform(pa, round, "R10", RESPONSE_IMPORT, 9, 12), E_OK);
	assert_int_equal(add_uniform(pa, round, "R9", RESPONSE_IMPORT, 8, 12), E_OK);
	assert_int_equal(add_uniform(pa, round, NULL, RESPONSE_ONLINE, 7, 12), E_OK);
	assert_int_equal(round_set_stated(testdb, pa, round, 6, " 2.35 "), E_OK);
	assert_int_equal(round_set_stated(testdb, pa, round, 1, "3.1"), E_OK);
	assert_int_equal(round_set_stated(testdb, pa, round, 1, "3.10"), E_OK); /* replaces */
	assert_int_equal(round_add_comment(testdb, pa, round, 12, "Last standard"), E_OK);
	assert_int_equal(round_add_comment(testdb, pa, round, 2, "Second standard"), E_OK);
	assert_int_equal(round_add_comment(testdb, pa, round, 2, "Second again"), E_OK);
	assert_int_equal(selfanalysis_k_set(testdb, cli, pa, 6), E_OK);

	struct round_data d;
	assert_int_equal(round_data_load(testdb, &testpool, pa, round, &d), E_OK);
	assert_int_equal(d.round.id, round);
	assert_string_equal(d.round.name, "Interviews");
	assert_string_equal(d.fw.id, "csp-2009-12");
	assert_int_equal(d.fw.n_standards, 12);
	assert_int_equal(d.scale.min, 1);
	assert_int_equal(d.scale.max, 5);
	assert_true(d.scale.half_points_allowed);
	assert_int_equal(d.k, 6);
	assert_int_equal(d.n_responses, 8);
	/* Labels in natural order, then the unlabelled by random id. */
	const int labelled[] = {2, 4, 10, 8, 9};
	for (size_t r = 0; r < 5; r++)
		for (size_t s = 0; s < 12; s++) {
			assert_int_equal(d.cells[r * 12 + s].kind, SCORE_VALUE);
			assert_int_equal(d.cells[r * 12 + s].lo, labelled[r]);
		}
	int seen = 0;
	for (size_t r = 5; r < 8; r++)
		seen |= 1 << d.cells[r * 12].lo;
	assert_int_equal(seen, (1 << 3) | (1 << 5) | (1 << 7));
	/* The unlabelled ones in id order: what the annex numbering follows. */
	struct db_stmt *st = NULL;
	assert_int_equal(db_prepare(testdb, "SELECT s.lo FROM sa_response r JOIN sa_score s"
				    " ON s.response_id = r.id WHERE r.round_id = $1"
				    " AND r.respondent IS NULL AND s.standard = 1 ORDER BY r.id", &st),
			 E_OK);
	assert_int_equal(db_bind_i64(st, 1, round), E_OK);
	for (size_t r = 5; r < 8; r++) {
		assert_int_equal(db_step(st), DB_ROW);
		assert_int_equal(db_col_i64(st, 0), d.cells[r * 12].lo);
	}
	db_finish(st);

	assert_string_equal(d.stated[0], "3.10");
	assert_string_equal(d.stated[5], "2.35");
	for (size_t s = 0; s < 12; s++)
		if (s != 0 && s != 5)
			assert_null(d.stated[s]);
	assert_int_equal(d.n_comments, 3);
	assert_int_equal(d.comments[0].standard, 2);
	assert_int_equal(d.comments[1].standard, 2);
	assert_true(d.comments[0].id < d.comments[1].id);
	assert_int_equal(d.comments[2].standard, 12);
	assert_string_equal(d.comments[2].body, "Last standard");
	assert_false(d.comments[2].selected);

	/* No stated given: it is forgotten. */
	assert_int_equal(round_set_stated(testdb, pa, round, 6, ""), E_OK);
	assert_int_equal(round_set_stated(testdb, pa, round, 1, NULL), E_OK);
	assert_int_equal(round_data_load(testdb, &testpool, pa, round, &d), E_OK);
	assert_null(d.stated[0]);
	assert_null(d.stated[5]);

	/* Refusals of the stated and comment writers. */
	assert_int_equal(round_set_stated(testdb, pa, round, 13, "3"), E_INVAL);
	assert_int_equal(round_set_stated(testdb, pa, round, 0, "3"), E_INVAL);
	assert_int_equal(round_set_stated(testdb, pa, round, 1, "\x01"), E_INVAL);
	assert_int_equal(round_set_stated(testdb, pa, round, 1,
					  "1234567890123456789012345678901234567890"), E_INVAL);
	assert_int_equal(round_set_stated(testdb, pa, round + 1000, 1, "3"), E_NOTFOUND);
	assert_int_equal(round_add_comment(testdb, pa, round, 13, "x"), E_INVAL);
	assert_int_equal(round_add_comment(testdb, pa, round, 1, "   "), E_INVAL);
	assert_int_equal(round_add_comment(testdb, pa, round, 1, NULL), E_INVAL);
	assert_int_equal(round_add_comment(testdb, pa, round + 1000, 1, "x"), E_NOTFOUND);

	assert_int_equal(round_data_load(testdb, &testpool, pa, round + 1000, &d), E_NOTFOUND);
}

/* The statements round_data_load() runs, counted by the database layer. */
static uint64_t statements_to_load(int64_t p, int64_t round, size_t *n_responses)
{
	struct round_data d;
	uint64_t ns, before, after;
	db_stats(&ns, &before);
	assert_int_equal(round_data_load(testdb, &testpool, p, round, &d), E_OK);
	db_stats(&ns, &after);
	*n_responses = d.n_responses;
	return after - before;
}

/* A fixed handful of statements, however many respondents: never one per
 * response (the national benchmark loads hundreds of rounds). */
static void test_round_data_statements(void **state)
{
	(void)state;
	int64_t small = add_round(pa, "csp-2009-13", "Small", ROUND_GROUP, NULL);
	int64_t big = add_round(pa, "csp-2009-13", "Big", ROUND_INTERVIEWS, NULL);
	assert_int_equal(add_uniform(pa, small, NULL, RESPONSE_ENTRY, 6, 13), E_OK);
	assert_int_equal(db_begin(testdb), E_OK);
	for (int i = 0; i < 40; i++) {
		char label[8];
		snprintf(label, sizeof label, "%d", i + 1);
		assert_int_equal(add_uniform(pa, big, label, RESPONSE_IMPORT, 2 + 2 * (i % 5), 13),
				 E_OK);
	}
	assert_int_equal(db_commit(testdb), E_OK);
	size_t n_small = 0, n_big = 0;
	uint64_t s_small = statements_to_load(pa, small, &n_small);
	uint64_t s_big = statements_to_load(pa, big, &n_big);
	assert_int_equal(n_small, 1);
	assert_int_equal(n_big, 40);
	assert_true(s_big == s_small);
	assert_true(s_big <= 7);
}

/* Cells come back as stored, on an imported framework with gaps in its
 * numbering, in a round with groups. */
static void test_round_data_imported(void **state)
{
	(void)state;
	char err[FRAMEWORK_ERR_SIZE];
	assert_int_equal(framework_store_import(testdb, cli, pa, maturity_json,
						strlen(maturity_json), err, sizeof err), E_OK);
	int64_t round = add_round(pa, "partnership-maturity", "Maturity", ROUND_INTERVIEWS, NULL);
	struct score a[2] = {{SCORE_DONT_KNOW, 0, 0}, {SCORE_RANGE, 2, 4}};
	struct score b[2] = {{SCORE_NONE, 0, 0}, {SCORE_VALUE, 6, 6}};
	struct response_in in = {.respondent = "Group A", .grp = "Council",
				 .source = RESPONSE_ENTRY, .cells = a, .n = 2};
	assert_int_equal(response_add(testdb, cli, pa, round, &in), E_OK);
	in.respondent = "Group B";
	in.grp = NULL;
	in.cells = b;
	assert_int_equal(response_add(testdb, cli, pa, round, &in), E_OK);
	b[1] = (struct score){SCORE_VALUE, 7, 7}; /* 3.5: no half points here */
	assert_int_equal(response_add(testdb, cli, pa, round, &in), E_INVAL);
	b[1] = (struct score){SCORE_VALUE, 8, 8}; /* 4: above the scale */
	assert_int_equal(response_add(testdb, cli, pa, round, &in), E_INVAL);

	struct round_data d;
	assert_int_equal(round_data_load(testdb, &testpool, pa, round, &d), E_OK);
	assert_int_equal(d.round.mode, ROUND_INTERVIEWS);
	assert_int_equal(d.scale.max, 3);
	assert_int_equal(d.n_responses, 2);
	assert_string_equal(d.grp[0], "Council");
	assert_null(d.grp[1]);
	assert_int_equal(d.cells[0].kind, SCORE_DONT_KNOW);
	assert_int_equal(d.cells[1].kind, SCORE_RANGE);
	assert_int_equal(d.cells[1].lo, 2);
	assert_int_equal(d.cells[1].hi, 4);
	assert_int_equal(d.cells[2].kind, SCORE_NONE);
	assert_int_equal(d.cells[3].kind, SCORE_VALUE);
	assert_int_equal(d.cells[3].lo, 6);
	assert_int_equal(d.cells[3].hi, 6);
	/* Standard 7 is the second: stated and comments go by number. */
	assert_int_equal(round_set_stated(testdb, pa, round, 7, "2"), E_OK);
	assert_int_equal(round_set_stated(testdb, pa, round, 2, "2"), E_INVAL);
	assert_int_equal(round_data_load(testdb, &testpool, pa, round, &d), E_OK);
	assert_null(d.stated[0]);
	assert_string_equal(d.stated[1], "2");
	assert_int_equal(d.k, ANONYMITY_K_DEFAULT);
}

/* ---- comments chosen for the board paper ---- */

static void test_select_comment(void **state)
{
	(void)state;
	json_t *before = NULL, *after = NULL;
	int64_t round = add_round(pa, "csp-2009-12", "Interviews", ROUND_INTERVIEWS, NULL);
	assert_int_equal(round_add_comment(testdb, pa, round, 4, "Partners are supportive"), E_OK);
	struct round_data d;
	assert_int_equal(round_data_load(testdb, &testpool, pa, round, &d), E_OK);
	assert_int_equal(d.n_comments, 1);
	int64_t cid = d.comments[0].id;

	assert_int_equal(round_select_comment(testdb, cli, pa, round, cid, 1), E_OK);
	teststore_expect_event(pa, "update", "sa_comment", cid, &before, &after);
	assert_false(json_is_true(json_object_get(before, "selected")));
	assert_true(json_is_true(json_object_get(after, "selected")));
	assert_null(json_object_get(after, "body"));
	json_decref(before);
	json_decref(after);
	assert_int_equal(round_data_load(testdb, &testpool, pa, round, &d), E_OK);
	assert_true(d.comments[0].selected);

	size_t n0 = teststore_events(pa);
	assert_int_equal(round_select_comment(testdb, cli, pa, round, cid, 1), E_OK);
	assert_int_equal(teststore_events(pa), n0);
	assert_int_equal(round_select_comment(testdb, cli, pa, round, cid, 2), E_INVAL);
	assert_int_equal(round_select_comment(testdb, cli, pa, round, cid + 1, 0), E_NOTFOUND);
	int64_t other = add_round(pa, "csp-2009-12", "Other", ROUND_INTERVIEWS, NULL);
	assert_int_equal(round_select_comment(testdb, cli, pa, other, cid, 0), E_NOTFOUND);
	assert_int_equal(round_select_comment(testdb, cli, pa, round, cid, 0), E_OK);
	assert_int_equal(round_data_load(testdb, &testpool, pa, round, &d), E_OK);
	assert_false(d.comments[0].selected);
}

/* ---- clearing a round ---- */

static void test_clear(void **state)
{
	(void)state;
	json_t *before = NULL, *after = NULL;
	int64_t round = add_round(pa, "csp-2009-12", "Interviews", ROUND_INTERVIEWS, NULL);
	int64_t keep = add_round(pa, "csp-2009-12", "Kept", ROUND_INTERVIEWS, NULL);
	const char *comments[12] = {[2] = "A comment"};
	struct score cells[12];
	for (size_t i = 0; i < 12; i++)
		cells[i] = val(6);
	struct response_in in = {.respondent = "1", .source = RESPONSE_IMPORT, .cells = cells,
				 .comments = comments, .n = 12};
	assert_int_equal(response_add(testdb, cli, pa, round, &in), E_OK);
	in.respondent = "2";
	assert_int_equal(response_add(testdb, cli, pa, round, &in), E_OK);
	assert_int_equal(response_add(testdb, cli, pa, keep, &in), E_OK);
	assert_int_equal(round_set_stated(testdb, pa, round, 1, "3"), E_OK);
	assert_int_equal(round_add_comment(testdb, pa, round, 1, "Loose"), E_OK);

	assert_int_equal(round_clear_responses(testdb, cli, pa, round), E_OK);
	teststore_expect_event(pa, "clear_responses", "sa_round", round, &before, &after);
	assert_int_equal(json_integer_value(json_object_get(before, "responses")), 2);
	assert_int_equal(json_integer_value(json_object_get(after, "responses")), 0);
	json_decref(before);
	json_decref(after);
	assert_int_equal(count_where_round("SELECT COUNT(*) FROM sa_response WHERE round_id = $1",
					   round), 0);
	assert_int_equal(count_where_round("SELECT COUNT(*) FROM sa_comment WHERE round_id = $1",
					   round), 0);
	assert_int_equal(count_where_round("SELECT COUNT(*) FROM sa_stated WHERE round_id = $1",
					   round), 0);
	/* Only the cleared round's scores went. */
	assert_int_equal(teststore_i64("SELECT COUNT(*) FROM sa_score", 0, NULL), 12);
	assert_int_equal(count_where_round("SELECT COUNT(*) FROM sa_comment WHERE round_id = $1",
					   keep), 1);

	/* Answers given online are never cleared. */
	in.source = RESPONSE_ONLINE;
	in.respondent = NULL;
	assert_int_equal(response_add(testdb, NULL, pa, keep, &in), E_OK);
	size_t n0 = teststore_events(pa);
	assert_int_equal(round_clear_responses(testdb, cli, pa, keep), E_CONFLICT);
	assert_int_equal(teststore_events(pa), n0);
	assert_int_equal(count_where_round("SELECT COUNT(*) FROM sa_response WHERE round_id = $1",
					   keep), 2);
	/* Nor when an invitation was answered. */
	teststore_exec("INSERT INTO sa_invitation (partnership_id, round_id, token_hash, status,"
		       " created_on) VALUES ($1, $2, 'h', 'submitted', '2009-01-01')", pa, round);
	assert_int_equal(round_clear_responses(testdb, cli, pa, round), E_CONFLICT);
	assert_int_equal(round_clear_responses(testdb, cli, pa, round + 1000), E_NOTFOUND);
}

/* ---- the previous round ---- */

static void test_previous(void **state)
{
	(void)state;
	struct round r;
	int64_t early = add_round(pa, "csp-2009-12", "Early, empty", ROUND_INTERVIEWS, "2008-01-01");
	int64_t march = add_round(pa, "csp-2009-13", "March", ROUND_GROUP, "2009-03-01");
	int64_t august = add_round(pa, "csp-2009-12", "August", ROUND_INTERVIEWS, "2009-08-01");
	int64_t undated = add_round(pa, "csp-2009-12", "Undated", ROUND_INTERVIEWS, NULL);
	int64_t beta = add_round(pb, "csp-2009-12", "Beta", ROUND_INTERVIEWS, "2009-01-01");
	assert_int_equal(add_uniform(pa, march, NULL, RESPONSE_ENTRY, 6, 13), E_OK);
	assert_int_equal(add_uniform(pa, august, "1", RESPONSE_IMPORT, 6, 12), E_OK);
	assert_int_equal(add_uniform(pa, undated, "1", RESPONSE_IMPORT, 6, 12), E_OK);
	assert_int_equal(add_uniform(pb, beta, "1", RESPONSE_IMPORT, 6, 12), E_OK);

	assert_int_equal(round_previous(testdb, &testpool, pa, august, &r), E_OK);
	assert_true(r.id == march);
	assert_int_equal(r.responses, 1);
	/* An undated round opened the day it was made: after 2009. */
	assert_int_equal(round_previous(testdb, &testpool, pa, undated, &r), E_OK);
	assert_true(r.id == august);
	/* The earlier round holds no responses: none to compare with. */
	assert_int_equal(round_previous(testdb, &testpool, pa, march, &r), E_NOTFOUND);
	assert_int_equal(round_previous(testdb, &testpool, pa, early, &r), E_NOTFOUND);
	assert_int_equal(add_uniform(pa, early, "1", RESPONSE_IMPORT, 6, 12), E_OK);
	assert_int_equal(round_previous(testdb, &testpool, pa, march, &r), E_OK);
	assert_true(r.id == early);
	/* Another partnership's earlier round is never the previous one. */
	assert_int_equal(round_previous(testdb, &testpool, pa, early, &r), E_NOTFOUND);
	assert_int_equal(round_previous(testdb, &testpool, pb, beta, &r), E_NOTFOUND);
	assert_int_equal(round_previous(testdb, &testpool, pb, august, &r), E_NOTFOUND);
	/* Two rounds opening the same day: the one made first is earlier. */
	int64_t same = add_round(pa, "csp-2009-12", "August too", ROUND_INTERVIEWS, "2009-08-01");
	assert_int_equal(round_previous(testdb, &testpool, pa, same, &r), E_OK);
	assert_true(r.id == august);
	assert_int_equal(add_uniform(pa, same, "1", RESPONSE_IMPORT, 6, 12), E_OK);
	assert_int_equal(round_previous(testdb, &testpool, pa, august, &r), E_OK);
	assert_true(r.id == march);

	/* round_opened_before orders any two as round_previous does. */
	const int64_t ids[] = {early, march, august, same, undated};
	struct round rs[5];
	for (size_t i = 0; i < 5; i++)
		assert_int_equal(round_get(testdb, &testpool, pa, ids[i], &rs[i]), E_OK);
	for (size_t i = 0; i < 5; i++)
		for (size_t j = 0; j < 5; j++)
			assert_int_equal(round_opened_before(&rs[i], &rs[j]), i < j);
	/* Made the same second and opening the same day: by id. */
	struct round x = rs[2], y = rs[2];
	y.id = x.id + 1;
	assert_true(round_opened_before(&x, &y));
	assert_false(round_opened_before(&y, &x));
	/* No opening day: the day it was made, even if made earlier in time. */
	x.opens_on = NULL;
	x.created_at = "2009-09-01T00:00:00Z";
	y.opens_on = "2009-08-31";
	y.created_at = "2010-01-01T00:00:00Z";
	assert_true(round_opened_before(&y, &x));
	assert_false(round_opened_before(&x, &y));
}

/* ---- isolation ---- */

static void test_isolation(void **state)
{
	(void)state;
	struct round r;
	struct round_data d;
	int64_t theirs = add_round(pa, "csp-2009-12", "Alpha only", ROUND_INTERVIEWS, NULL);
	assert_int_equal(add_uniform(pa, theirs, "1", RESPONSE_IMPORT, 6, 12), E_OK);
	assert_int_equal(round_add_comment(testdb, pa, theirs, 1, "Alpha's words"), E_OK);
	int64_t cid = teststore_i64("SELECT id FROM sa_comment WHERE round_id = $1", theirs, NULL);
	size_t na = teststore_events(pa), nb = teststore_events(pb);

	struct round u = {.name = "Taken over", .closed = true};
	assert_int_equal(round_get(testdb, &testpool, pb, theirs, &r), E_NOTFOUND);
	assert_int_equal(round_find(testdb, &testpool, pb, "Alpha only", &r), E_NOTFOUND);
	assert_int_equal(round_update(testdb, cli, pb, theirs, &u), E_NOTFOUND);
	assert_int_equal(add_uniform(pb, theirs, "2", RESPONSE_IMPORT, 6, 12), E_NOTFOUND);
	assert_int_equal(add_uniform(pb, theirs, NULL, RESPONSE_ONLINE, 6, 12), E_NOTFOUND);
	assert_int_equal(round_clear_responses(testdb, cli, pb, theirs), E_NOTFOUND);
	assert_int_equal(round_set_stated(testdb, pb, theirs, 1, "3"), E_NOTFOUND);
	assert_int_equal(round_add_comment(testdb, pb, theirs, 1, "x"), E_NOTFOUND);
	assert_int_equal(round_select_comment(testdb, cli, pb, theirs, cid, 1), E_NOTFOUND);
	assert_int_equal(round_data_load(testdb, &testpool, pb, theirs, &d), E_NOTFOUND);
	assert_int_equal(round_previous(testdb, &testpool, pb, theirs, &r), E_NOTFOUND);
	struct round *list = NULL;
	size_t n = 0;
	assert_int_equal(round_list(testdb, &testpool, pb, &list, &n), E_OK);
	assert_int_equal(n, 0);

	assert_int_equal(teststore_events(pa), na);
	assert_int_equal(teststore_events(pb), nb);
	assert_int_equal(round_get(testdb, &testpool, pa, theirs, &r), E_OK);
	assert_string_equal(r.name, "Alpha only");
	assert_false(r.closed);
	assert_int_equal(r.responses, 1);
	assert_int_equal(teststore_i64("SELECT COUNT(*) FROM sa_comment WHERE round_id = $1"
				       " AND selected = 0", theirs, NULL), 1);
}

/* ---- limits ---- */

static void test_limits(void **state)
{
	(void)state;
	int64_t round = add_round(pa, "csp-2009-12", "Full", ROUND_INTERVIEWS, NULL);
	/* ROUND_RESPONSES_MAX responses (no scores), made in one statement. */
	teststore_exec("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)"
		       " INSERT INTO sa_response (id, partnership_id, round_id, source, submitted_on)"
		       " SELECT i, CAST($1 AS BIGINT), CAST($2 AS BIGINT), 'entry', '2009-01-01'"
		       " FROM n", pa, round);
	assert_int_equal(ROUND_RESPONSES_MAX, 2000);
	assert_int_equal(add_uniform(pa, round, "x", RESPONSE_IMPORT, 6, 12), E_CONFLICT);
	struct round_data d;
	assert_int_equal(round_data_load(testdb, &testpool, pa, round, &d), E_OK);
	assert_int_equal(d.n_responses, ROUND_RESPONSES_MAX);
	/* One too many (written behind the store) is refused, not cut. */
	teststore_exec("INSERT INTO sa_response (id, partnership_id, round_id, source, submitted_on)"
		       " VALUES (2001, $1, $2, 'entry', '2009-01-01')", pa, round);
	assert_int_equal(round_data_load(testdb, &testpool, pa, round, &d), E_TOOBIG);

	/* ROUND_COMMENTS_MAX comments. */
	int64_t other = add_round(pa, "csp-2009-12", "Talkative", ROUND_INTERVIEWS, NULL);
	assert_int_equal(ROUND_COMMENTS_MAX, 10000);
	teststore_exec("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 9999)"
		       " INSERT INTO sa_comment (id, partnership_id, round_id, standard, body)"
		       " SELECT i, CAST($1 AS BIGINT), CAST($2 AS BIGINT), 1, 'c' FROM n", pa, other);
	assert_int_equal(round_add_comment(testdb, pa, other, 1, "the last one"), E_OK);
	assert_int_equal(round_add_comment(testdb, pa, other, 1, "one more"), E_CONFLICT);
	const char *comments[12] = {[0] = "one more"};
	struct score cells[12];
	for (size_t i = 0; i < 12; i++)
		cells[i] = val(6);
	struct response_in in = {.source = RESPONSE_ENTRY, .cells = cells, .comments = comments,
				 .n = 12};
	assert_int_equal(response_add(testdb, cli, pa, other, &in), E_CONFLICT);
	in.comments = NULL; /* scores without comments still fit */
	assert_int_equal(response_add(testdb, cli, pa, other, &in), E_OK);
	assert_int_equal(round_data_load(testdb, &testpool, pa, other, &d), E_OK);
	assert_int_equal(d.n_comments, ROUND_COMMENTS_MAX);

	/* ROUND_LIST_MAX rounds listed; one more is E_TOOBIG. */
	teststore_exec("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $2)"
		       " INSERT INTO sa_round (partnership_id, framework, name, mode, created_at)"
		       " SELECT CAST($1 AS BIGINT), 'csp-2009-12', 'Round ' || i, 'group',"
		       " '2009-01-01T00:00:00Z'"
		       " FROM n", pb, ROUND_LIST_MAX);
	struct round *list = NULL;
	size_t n = 0;
	assert_int_equal(round_list(testdb, &testpool, pb, &list, &n), E_OK);
	assert_int_equal(n, ROUND_LIST_MAX);
	add_round(pb, "csp-2009-12", "One too many", ROUND_GROUP, NULL);
	assert_int_equal(round_list(testdb, &testpool, pb, &list, &n), E_TOOBIG);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_modes),
		cmocka_unit_test_setup_teardown(test_k, setup, teststore_teardown),
		cmocka_unit_test_setup_teardown(test_frameworks, setup, teststore_teardown),
		cmocka_unit_test_setup_teardown(test_framework_large, setup, teststore_teardown),
		cmocka_unit_test_setup_teardown(test_rounds, setup, teststore_teardown),
		cmocka_unit_test_setup_teardown(test_responses, setup, teststore_teardown),
		cmocka_unit_test_setup_teardown(test_response_refusals, setup, teststore_teardown),
		cmocka_unit_test_setup_teardown(test_group_round_one_response, setup,
						teststore_teardown),
		cmocka_unit_test_setup_teardown(test_response_in_transaction, setup,
						teststore_teardown),
		cmocka_unit_test_setup_teardown(test_round_data, setup, teststore_teardown),
		cmocka_unit_test_setup_teardown(test_round_data_statements, setup,
						teststore_teardown),
		cmocka_unit_test_setup_teardown(test_round_data_imported, setup, teststore_teardown),
		cmocka_unit_test_setup_teardown(test_select_comment, setup, teststore_teardown),
		cmocka_unit_test_setup_teardown(test_clear, setup, teststore_teardown),
		cmocka_unit_test_setup_teardown(test_previous, setup, teststore_teardown),
		cmocka_unit_test_setup_teardown(test_isolation, setup, teststore_teardown),
		cmocka_unit_test_setup_teardown(test_limits, setup, teststore_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
