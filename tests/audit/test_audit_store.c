/*
 * test_audit_store.c: the audit trail in a real, migrated database on
 * whichever backend ctest chose: recording (values as sorted compact JSON,
 * NULLs, refusals), listing with every filter, paging, the CSV export, and
 * scoping: another partnership's events are never listed or exported.
 *
 * Partnerships and users are made in SQL rather than through their store
 * functions, which record events of their own: these tests count events.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit/audit.h"
#include "core/csv.h"
#include "core/pool.h"
#include "db/db.h"
#include "support/teststore.h"

static int64_t make_partnership(const char *slug)
{
	int64_t id = teststore_i64("INSERT INTO partnership (slug, name, created_at)"
				   " VALUES ($1, $1, '2026-01-01T00:00:00Z') RETURNING id", 0, slug);
	assert_true(id > 0);
	return id;
}

static int64_t make_user(int64_t partnership_id, const char *email)
{
	int64_t id = teststore_i64("INSERT INTO app_user (partnership_id, email, name, role, password_hash, created_at)"
				   " VALUES ($1, $2, $2, 'admin', 'x', '2026-01-01T00:00:00Z') RETURNING id",
				   partnership_id, email);
	assert_true(id > 0);
	return id;
}

static void set_at(int64_t event_id, const char *at)
{
	struct db_stmt *st = NULL;
	assert_int_equal(db_prepare(testdb, "UPDATE audit_event SET at = $2 WHERE id = $1", &st), E_OK);
	assert_int_equal(db_bind_i64(st, 1, event_id), E_OK);
	assert_int_equal(db_bind_text(st, 2, at), E_OK);
	assert_int_equal(db_step(st), DB_DONE);
	db_finish(st);
}

/* Record one event with after = {"name": name} and return its id. */
static int64_t record(const struct actor *who, int64_t p, const char *action,
		      const char *entity, int64_t entity_id, const char *name)
{
	json_t *after = json_pack("{s:s}", "name", name);
	assert_non_null(after);
	assert_int_equal(audit_record(testdb, who, p, action, entity, entity_id, NULL, after), E_OK);
	json_decref(after);
	struct audit_event *e = NULL;
	size_t n = 0;
	int more = 0;
	struct audit_filter f = {.limit = 1};
	if (!p)
		return 0;
	assert_int_equal(audit_list(testdb, &testpool, p, &f, &e, &n, &more), E_OK);
	assert_int_equal(n, 1);
	return e[0].id;
}

static void test_record_and_read_back(void **state)
{
	int64_t p = make_partnership("alpha");
	int64_t uid = make_user(p, "ann@example.org");
	const struct actor ann = {uid, "ann@example.org"};

	json_t *before = json_pack("{s:s,s:s,s:n}", "type", "nhs", "name", "Old \"name\"",
				   "identifier");
	json_t *after = json_pack("{s:s,s:s,s:s}", "type", "nhs", "name", "New, name",
				  "identifier", "RNU");
	assert_int_equal(audit_record(testdb, &ann, p, "update", "organisation", 42, before, after),
			 E_OK);
	assert_int_equal(audit_record(testdb, &actor_cli, p, "create", "partnership", p, NULL, after),
			 E_OK);
	assert_int_equal(audit_record(testdb, &actor_cli, p, "retire", "area", 0, NULL, NULL), E_OK);
	/* An event of no partnership (a national user's) is stored but is in
	 * no partnership's trail. */
	assert_int_equal(audit_record(testdb, &actor_cli, 0, "create", "user", 7, NULL, NULL), E_OK);
	json_decref(before);
	json_decref(after);
	assert_int_equal(teststore_i64("SELECT COUNT(*) FROM audit_event", 0, NULL), 4);

	struct audit_event *e = NULL;
	size_t n = 0;
	int more = -1;
	assert_int_equal(audit_list(testdb, &testpool, p, NULL, &e, &n, &more), E_OK);
	assert_int_equal(n, 3);
	assert_int_equal(more, 0);
	/* Newest first. */
	assert_true(e[0].id > e[1].id && e[1].id > e[2].id);
	assert_string_equal(e[0].action, "retire");
	assert_string_equal(e[0].entity, "area");
	assert_int_equal(e[0].entity_id, 0);
	assert_null(e[0].before);
	assert_null(e[0].after);
	assert_string_equal(e[0].actor, "command line");
	assert_int_equal(e[0].actor_user_id, 0);

	assert_string_equal(e[1].action, "create");
	assert_string_equal(e[1].entity, "partnership");
	assert_int_equal(e[1].entity_id, p);

	assert_string_equal(e[2].action, "update");
	assert_string_equal(e[2].entity, "organisation");
	assert_int_equal(e[2].entity_id, 42);
	assert_int_equal(e[2].actor_user_id, uid);
	assert_string_equal(e[2].actor, "ann@example.org");
	/* Compact, keys sorted, JSON null kept. */
	assert_string_equal(e[2].before,
			    "{\"identifier\":null,\"name\":\"Old \\\"name\\\"\",\"type\":\"nhs\"}");
	assert_string_equal(e[2].after,
			    "{\"identifier\":\"RNU\",\"name\":\"New, name\",\"type\":\"nhs\"}");
	/* "2026-11-22T06:30:00Z": UTC to the second. */
	assert_int_equal(strlen(e[2].at), 20);
	assert_int_equal(e[2].at[10], 'T');
	assert_int_equal(e[2].at[19], 'Z');
}

static void test_refusals_write_nothing(void **state)
{
	int64_t p = make_partnership("alpha");
	json_t *obj = json_pack("{s:i}", "a", 1);
	json_t *arr = json_pack("[i]", 1);
	assert_int_equal(audit_record(testdb, &actor_cli, p, "delete", "area", 1, NULL, NULL), E_INVAL);
	assert_int_equal(audit_record(testdb, &actor_cli, p, "create", "widget", 1, NULL, NULL), E_INVAL);
	assert_int_equal(audit_record(testdb, &actor_cli, p, NULL, "area", 1, NULL, NULL), E_INVAL);
	assert_int_equal(audit_record(testdb, &actor_cli, p, "create", NULL, 1, NULL, NULL), E_INVAL);
	assert_int_equal(audit_record(testdb, &actor_cli, p, "Create", "area", 1, NULL, NULL), E_INVAL);
	assert_int_equal(audit_record(testdb, NULL, p, "create", "area", 1, NULL, NULL), E_INVAL);
	assert_int_equal(audit_record(testdb, &actor_cli, p, "create", "area", 1, arr, NULL), E_INVAL);
	assert_int_equal(audit_record(testdb, &actor_cli, p, "create", "area", 1, NULL, arr), E_INVAL);

	/* Each JSON text is capped at 64 KiB. */
	static char big[65 * 1024];
	memset(big, 'x', sizeof big - 1);
	json_t *huge = json_pack("{s:s}", "purpose", big);
	assert_non_null(huge);
	assert_int_equal(audit_record(testdb, &actor_cli, p, "create", "board", 1, NULL, huge), E_TOOBIG);
	assert_int_equal(audit_record(testdb, &actor_cli, p, "create", "board", 1, huge, obj), E_TOOBIG);
	/* 64 KiB exactly is allowed: {"purpose":"..."} is 14 bytes of frame. */
	big[64 * 1024 - 14] = '\0';
	json_object_set_new(huge, "purpose", json_string(big));
	assert_int_equal(audit_record(testdb, &actor_cli, p, "create", "board", 1, NULL, huge), E_OK);
	assert_int_equal(teststore_i64("SELECT COUNT(*) FROM audit_event", 0, NULL), 1);

	/* Every action and entity the header names is known. */
	const char *actions[] = {"create", "update", "retire", "reinstate", "disable", "enable",
				 "reset_password", "change_password", "add_member",
				 "remove_member", "create_token", "revoke_token"};
	const char *entities[] = {"partnership", "organisation", "area", "board", "board_member",
				  "user", "api_token"};
	for (size_t i = 0; i < sizeof actions / sizeof actions[0]; i++)
		assert_int_equal(audit_record(testdb, &actor_cli, p, actions[i], "user", 1, NULL, obj),
				 E_OK);
	for (size_t i = 0; i < sizeof entities / sizeof entities[0]; i++)
		assert_int_equal(audit_record(testdb, &actor_cli, p, "update", entities[i], 1, obj, obj),
				 E_OK);
	assert_int_equal(teststore_i64("SELECT COUNT(*) FROM audit_event", 0, NULL), 1 + 12 + 7);
	json_decref(obj);
	json_decref(arr);
	json_decref(huge);
}

/* The entity ids of the listed events, newest first, as "3,2,1". */
static const char *ids_of(int64_t p, const struct audit_filter *f, enum err want_rc)
{
	struct audit_event *e = NULL;
	size_t n = 0;
	int more = 0;
	assert_int_equal(audit_list(testdb, &testpool, p, f, &e, &n, &more), want_rc);
	char *s = pool_strdup(&testpool, "");
	for (size_t i = 0; i < n; i++)
		s = pool_printf(&testpool, "%s%s%lld", s, i ? "," : "", (long long)e[i].entity_id);
	return s;
}

static void test_filters(void **state)
{
	int64_t p = make_partnership("alpha");
	int64_t uid = make_user(p, "ann@example.org");
	const struct actor ann = {uid, "ann@example.org"};
	int64_t e1 = record(&actor_cli, p, "create", "organisation", 1, "one");
	int64_t e2 = record(&ann, p, "update", "organisation", 1, "two");
	int64_t e3 = record(&ann, p, "create", "area", 3, "three");
	int64_t e4 = record(&actor_cli, p, "retire", "area", 4, "four");
	int64_t e5 = record(&ann, p, "create", "board", 5, "five");
	set_at(e1, "2026-02-28T23:59:59Z");
	set_at(e2, "2026-03-01T00:00:00Z");
	set_at(e3, "2026-03-31T23:59:59Z");
	set_at(e4, "2026-04-01T00:00:00Z");
	set_at(e5, "2028-02-29T12:00:00Z");

	struct audit_filter f = {0};
	assert_string_equal(ids_of(p, &f, E_OK), "5,4,3,1,1");
	f = (struct audit_filter){.entity = "area"};
	assert_string_equal(ids_of(p, &f, E_OK), "4,3");
	f = (struct audit_filter){.action = "create"};
	assert_string_equal(ids_of(p, &f, E_OK), "5,3,1");
	f = (struct audit_filter){.actor = "ann@example.org"};
	assert_string_equal(ids_of(p, &f, E_OK), "5,3,1");
	f = (struct audit_filter){.actor = "command line"};
	assert_string_equal(ids_of(p, &f, E_OK), "4,1");
	f = (struct audit_filter){.actor = "ANN@example.org"};
	assert_string_equal(ids_of(p, &f, E_OK), "");
	f = (struct audit_filter){.entity = "organisation", .entity_id = 1};
	assert_string_equal(ids_of(p, &f, E_OK), "1,1");
	f = (struct audit_filter){.entity_id = 3};
	assert_string_equal(ids_of(p, &f, E_OK), "3");
	f = (struct audit_filter){.entity = "area", .action = "create", .actor = "ann@example.org"};
	assert_string_equal(ids_of(p, &f, E_OK), "3");
	/* Empty strings do not filter (an empty form field). */
	f = (struct audit_filter){.entity = "", .action = "", .actor = "", .from_day = "",
				  .to_day = ""};
	assert_string_equal(ids_of(p, &f, E_OK), "5,4,3,1,1");

	/* Days are whole days, both ends included. */
	f = (struct audit_filter){.from_day = "2026-03-01"};
	assert_string_equal(ids_of(p, &f, E_OK), "5,4,3,1");
	f = (struct audit_filter){.to_day = "2026-03-31"};
	assert_string_equal(ids_of(p, &f, E_OK), "3,1,1");
	f = (struct audit_filter){.from_day = "2026-03-01", .to_day = "2026-03-31"};
	assert_string_equal(ids_of(p, &f, E_OK), "3,1");
	f = (struct audit_filter){.to_day = "2026-02-28"};
	assert_string_equal(ids_of(p, &f, E_OK), "1");
	f = (struct audit_filter){.from_day = "2028-02-29", .to_day = "2028-02-29"};
	assert_string_equal(ids_of(p, &f, E_OK), "5");
	f = (struct audit_filter){.from_day = "2026-04-02", .to_day = "2026-04-01"};
	assert_string_equal(ids_of(p, &f, E_OK), "");

	const char *bad[] = {"2026-02-29", "2026-02-30", "2026-13-01", "2026-00-10", "2026-04-31",
			     "26-01-01", "2026-1-01", "2026-01-1", "2026/01/01", "abcd-ef-gh",
			     "2026-01-01T00:00:00Z", " 2026-01-01", "9999-12-31", "0999-01-01"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		f = (struct audit_filter){.from_day = bad[i]};
		assert_string_equal(ids_of(p, &f, E_INVAL), "");
		f = (struct audit_filter){.to_day = bad[i]};
		assert_string_equal(ids_of(p, &f, E_INVAL), "");
	}
	f = (struct audit_filter){.to_day = "2026-12-31"};
	assert_string_equal(ids_of(p, &f, E_OK), "4,3,1,1");
}

/* Insert n events for p in one statement, entity_id 1..n. */
static void bulk_events(int64_t p, int64_t n)
{
	teststore_exec("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $2)"
		       " INSERT INTO audit_event (partnership_id, at, actor, action, entity, entity_id,"
		       " after_json)"
		       " SELECT $1, '2026-05-01T10:00:00Z', 'command line', 'create', 'area', i,"
		       " '{\"n\":' || i || '}' FROM n ORDER BY i", p, n);
}

static void test_paging(void **state)
{
	int64_t p = make_partnership("alpha");
	int64_t q = make_partnership("beta");
	for (int64_t i = 1; i <= 7; i++) {
		record(&actor_cli, p, "create", "area", i, "x");
		record(&actor_cli, q, "create", "area", 100 + i, "y");
	}
	struct audit_event *e = NULL;
	size_t n = 0;
	int more = 0;
	struct audit_filter f = {.limit = 3};
	assert_int_equal(audit_list(testdb, &testpool, p, &f, &e, &n, &more), E_OK);
	assert_int_equal(n, 3);
	assert_int_equal(more, 1);
	assert_int_equal(e[0].entity_id, 7);
	assert_int_equal(e[2].entity_id, 5);
	f.before_id = e[2].id;
	assert_int_equal(audit_list(testdb, &testpool, p, &f, &e, &n, &more), E_OK);
	assert_int_equal(n, 3);
	assert_int_equal(more, 1);
	assert_int_equal(e[0].entity_id, 4);
	assert_int_equal(e[2].entity_id, 2);
	f.before_id = e[2].id;
	assert_int_equal(audit_list(testdb, &testpool, p, &f, &e, &n, &more), E_OK);
	assert_int_equal(n, 1);
	assert_int_equal(more, 0);
	assert_int_equal(e[0].entity_id, 1);
	/* Exactly a page left: no "more". */
	f = (struct audit_filter){.limit = 7};
	assert_int_equal(audit_list(testdb, &testpool, p, &f, &e, &n, &more), E_OK);
	assert_int_equal(n, 7);
	assert_int_equal(more, 0);

	/* The default page is 50 and no page is over AUDIT_PAGE_MAX. */
	bulk_events(p, AUDIT_PAGE_MAX + 10);
	f = (struct audit_filter){0};
	assert_int_equal(audit_list(testdb, &testpool, p, &f, &e, &n, &more), E_OK);
	assert_int_equal(n, 50);
	assert_int_equal(more, 1);
	f.limit = 100000;
	assert_int_equal(audit_list(testdb, &testpool, p, &f, &e, &n, &more), E_OK);
	assert_int_equal(n, AUDIT_PAGE_MAX);
	assert_int_equal(more, 1);

	/* A pool too small for the page: out of memory, nothing returned. */
	struct pool tiny;
	pool_init(&tiny, 2048);
	f.limit = 0;
	assert_int_equal(audit_list(testdb, &tiny, p, &f, &e, &n, &more), E_NOMEM);
	assert_int_equal(n, 0);
	assert_null(e);
	pool_free(&tiny);
}

static void test_scoping(void **state)
{
	int64_t p = make_partnership("alpha");
	int64_t q = make_partnership("beta");
	record(&actor_cli, p, "create", "organisation", 10, "alpha org");
	int64_t qe = record(&actor_cli, q, "create", "organisation", 20, "beta org");
	record(&actor_cli, 0, "create", "user", 30, "national user");

	struct audit_filter f = {0};
	assert_string_equal(ids_of(p, &f, E_OK), "10");
	assert_string_equal(ids_of(q, &f, E_OK), "20");
	assert_string_equal(ids_of(q + 1000, &f, E_OK), "");
	/* Filters never reach across: not by entity id, nor by paging past
	 * another partnership's event id. */
	f = (struct audit_filter){.entity_id = 20};
	assert_string_equal(ids_of(p, &f, E_OK), "");
	f = (struct audit_filter){.before_id = qe + 1};
	assert_string_equal(ids_of(p, &f, E_OK), "10");
	f = (struct audit_filter){.entity = "user"};
	assert_string_equal(ids_of(p, &f, E_OK), "");
}

static char *export_text(int64_t p, size_t *len)
{
	char *text = NULL;
	FILE *f = open_memstream(&text, len);
	assert_non_null(f);
	assert_int_equal(audit_export_csv(testdb, p, f), E_OK);
	assert_int_equal(fclose(f), 0);
	return text;
}

static void test_export_csv(void **state)
{
	int64_t p = make_partnership("alpha");
	int64_t q = make_partnership("beta");
	int64_t uid = make_user(p, "=cmd@example.org");
	const struct actor odd = {uid, "=cmd@example.org"};
	json_t *before = json_pack("{s:s}", "name", "A \"quoted\", name");
	json_t *after = json_pack("{s:s,s:i}", "name", "Line\nbreak", "imd_decile", 2);
	assert_int_equal(audit_record(testdb, &odd, p, "update", "area", 5, before, after), E_OK);
	assert_int_equal(audit_record(testdb, &actor_cli, p, "retire", "area", 0, NULL, NULL), E_OK);
	assert_int_equal(audit_record(testdb, &actor_cli, q, "create", "area", 9, NULL, after), E_OK);
	assert_int_equal(audit_record(testdb, &actor_cli, 0, "create", "user", 9, NULL, after), E_OK);
	json_decref(before);
	json_decref(after);

	struct audit_event *e = NULL;
	size_t n = 0;
	int more = 0;
	assert_int_equal(audit_list(testdb, &testpool, p, NULL, &e, &n, &more), E_OK);
	assert_int_equal(n, 2);
	char *want = NULL;
	assert_true(asprintf(&want,
		"id,at,actor,action,entity,entity_id,before,after\r\n"
		"%lld,%s,\"'=cmd@example.org\",update,area,5,"
		"\"{\"\"name\"\":\"\"A \\\"\"quoted\\\"\", name\"\"}\","
		"\"{\"\"imd_decile\"\":2,\"\"name\"\":\"\"Line\\nbreak\"\"}\"\r\n"
		"%lld,%s,command line,retire,area,,,\r\n",
		(long long)e[1].id, e[1].at, (long long)e[0].id, e[0].at) > 0);
	size_t len = 0;
	char *text = export_text(p, &len);
	assert_string_equal(text, want);
	free(want);

	/* It reads back with the strict reader, values intact. */
	struct csv c;
	char err[200];
	assert_int_equal(csv_parse(&testpool, text, len, 100, 10, &c, err, sizeof err), E_OK);
	assert_int_equal(c.n, 3);
	assert_string_equal(c.rows[1].fields[2], "'=cmd@example.org");
	assert_string_equal(c.rows[1].fields[6], e[1].before);
	assert_string_equal(c.rows[1].fields[7], e[1].after);
	free(text);

	/* Another partnership's export has only its own event; an unknown one
	 * only the header. */
	text = export_text(q, &len);
	assert_int_equal(csv_parse(&testpool, text, len, 100, 10, &c, err, sizeof err), E_OK);
	assert_int_equal(c.n, 2);
	assert_string_equal(c.rows[1].fields[5], "9");
	free(text);
	text = export_text(q + 1000, &len);
	assert_string_equal(text, "id,at,actor,action,entity,entity_id,before,after\r\n");
	free(text);
}

static void test_export_reads_in_pages(void **state)
{
	int64_t p = make_partnership("alpha");
	int64_t q = make_partnership("beta");
	bulk_events(q, 3);
	bulk_events(p, 1203);
	bulk_events(q, 3);
	size_t len = 0;
	char *text = export_text(p, &len);
	struct csv c;
	char err[200];
	assert_int_equal(csv_parse(&testpool, text, len, 2000, 10, &c, err, sizeof err), E_OK);
	assert_int_equal(c.n, 1204);
	/* Oldest first, none missing or repeated across page boundaries. */
	for (size_t i = 1; i < c.n; i++) {
		char want[32];
		snprintf(want, sizeof want, "%zu", i);
		assert_string_equal(c.rows[i].fields[5], want);
		snprintf(want, sizeof want, "{\"n\":%zu}", i);
		assert_string_equal(c.rows[i].fields[7], want);
		if (i > 1)
			assert_true(strtoll(c.rows[i].fields[0], NULL, 10) >
				    strtoll(c.rows[i - 1].fields[0], NULL, 10));
	}
	free(text);

	/* A stream that cannot be written is an I/O error. */
	FILE *ro = fopen("/dev/null", "r");
	assert_non_null(ro);
	assert_int_equal(audit_export_csv(testdb, p, ro), E_IO);
	fclose(ro);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_record_and_read_back, teststore_setup, teststore_teardown),
		cmocka_unit_test_setup_teardown(test_refusals_write_nothing, teststore_setup, teststore_teardown),
		cmocka_unit_test_setup_teardown(test_filters, teststore_setup, teststore_teardown),
		cmocka_unit_test_setup_teardown(test_paging, teststore_setup, teststore_teardown),
		cmocka_unit_test_setup_teardown(test_scoping, teststore_setup, teststore_teardown),
		cmocka_unit_test_setup_teardown(test_export_csv, teststore_setup, teststore_teardown),
		cmocka_unit_test_setup_teardown(test_export_reads_in_pages, teststore_setup, teststore_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
