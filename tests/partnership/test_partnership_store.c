/*
 * test_partnership_store.c: partnerships and organisations in a real,
 * migrated database on whichever backend ctest chose: creating, finding,
 * editing, retiring and searching; ordering; the isolation between
 * partnerships; the audit row every write leaves; the schema's constraints
 * as a backstop; list bounds; the helpers the module's store files share;
 * and the demonstration data.
 *
 * Each test gets a fresh migrated database from teststore_setup(), which
 * is also what makes CMake register this file for both backends.  Audit
 * rows are read straight from the table, so these tests do not lean on the
 * audit module's readers.
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
#include "auth/user.h"
#include "core/alloc.h"
#include "core/pool.h"
#include "db/db.h"
#include "db/store.h"
#include "partnership/area.h"
#include "partnership/board.h"
#include "partnership/partnership.h"
#include "support/teststore.h"

static const struct actor *cli = &actor_cli;

static int64_t audit_count(int64_t p)
{
	return teststore_i64("SELECT COUNT(*) FROM audit_event WHERE partnership_id = $1", p, NULL);
}

struct audit_row {
	char action[32], entity[32], actor[64];
	int64_t entity_id;
	json_t *before, *after; /* NULL for SQL NULL; caller decrefs */
};

/* The partnership's newest audit event. */
static void audit_last(int64_t p, struct audit_row *a)
{
	struct db_stmt *st = NULL;
	assert_int_equal(db_prepare(testdb,
		"SELECT action, entity, entity_id, before_json, after_json, actor"
		" FROM audit_event WHERE partnership_id = $1 ORDER BY id DESC LIMIT 1", &st), E_OK);
	assert_int_equal(db_bind_i64(st, 1, p), E_OK);
	assert_int_equal(db_step(st), DB_ROW);
	snprintf(a->action, sizeof a->action, "%s", db_col_text(st, 0));
	snprintf(a->entity, sizeof a->entity, "%s", db_col_text(st, 1));
	a->entity_id = db_col_i64(st, 2);
	const char *b = db_col_text(st, 3), *f = db_col_text(st, 4);
	a->before = b ? json_loads(b, 0, NULL) : NULL;
	a->after = f ? json_loads(f, 0, NULL) : NULL;
	assert_true(!b || a->before);
	assert_true(!f || a->after);
	snprintf(a->actor, sizeof a->actor, "%s", db_col_text(st, 5));
	db_finish(st);
}

static void audit_free(struct audit_row *a)
{
	json_decref(a->before);
	json_decref(a->after);
}

static void test_create_and_find(void **state)
{
	struct partnership p;
	int64_t a = 0, b = 0;
	assert_int_equal(partnership_first(testdb, &testpool, &p), E_NOTFOUND);
	assert_int_equal(partnership_find_by_slug(testdb, &testpool, "medway", &p), E_NOTFOUND);

	assert_int_equal(partnership_create(testdb, cli, "medway", "Medway Children's Trust", &a), E_OK);
	assert_int_equal(partnership_create(testdb, cli, "north-yorkshire", "  North Yorkshire ", &b), E_OK);
	assert_true(a > 0 && b > a);

	assert_int_equal(partnership_find_by_slug(testdb, &testpool, "north-yorkshire", &p), E_OK);
	assert_true(p.id == b);
	assert_string_equal(p.slug, "north-yorkshire");
	assert_string_equal(p.name, "North Yorkshire"); /* trimmed */

	assert_int_equal(partnership_first(testdb, &testpool, &p), E_OK);
	assert_true(p.id == a);
	assert_string_equal(p.name, "Medway Children's Trust");

	/* Creating one is audited, in its own partnership. */
	struct audit_row r;
	audit_last(b, &r);
	assert_string_equal(r.action, "create");
	assert_string_equal(r.entity, "partnership");
	assert_true(r.entity_id == b);
	assert_string_equal(r.actor, actor_cli.label);
	assert_null(r.before);
	assert_string_equal(jstr(r.after, "slug"), "north-yorkshire");
	assert_string_equal(jstr(r.after, "name"), "North Yorkshire");
	audit_free(&r);

	/* The slug is unique and URL-shaped; a refused one leaves no trace. */
	int64_t events = teststore_i64("SELECT COUNT(*) FROM audit_event", 0, NULL);
	assert_int_equal(partnership_create(testdb, cli, "medway", "Another", NULL), E_CONFLICT);
	assert_int_equal(partnership_create(testdb, cli, "Medway", "Capitals", NULL), E_INVAL);
	assert_int_equal(partnership_create(testdb, cli, "a/b", "Slash", NULL), E_INVAL);
	assert_int_equal(partnership_create(testdb, cli, "", "Empty", NULL), E_INVAL);
	assert_int_equal(partnership_create(testdb, cli, "-x", "Hyphen", NULL), E_INVAL);
	assert_int_equal(partnership_create(testdb, cli, "ok", "", NULL), E_INVAL);
	assert_int_equal(partnership_create(testdb, cli, "ok", "   ", NULL), E_INVAL);
	assert_int_equal(partnership_find_by_slug(testdb, &testpool, "Medway", &p), E_NOTFOUND);
	assert_int_equal(teststore_i64("SELECT COUNT(*) FROM audit_event", 0, NULL), events);
	assert_int_equal(teststore_i64("SELECT COUNT(*) FROM partnership", 0, NULL), 2);

	/* Listed by slug. */
	assert_int_equal(partnership_create(testdb, cli, "bucks", "Buckinghamshire", NULL), E_OK);
	struct partnership *list = NULL;
	size_t n = 0;
	assert_int_equal(partnership_list(testdb, &testpool, &list, &n), E_OK);
	assert_int_equal(n, 3);
	assert_string_equal(list[0].slug, "bucks");
	assert_string_equal(list[1].slug, "medway");
	assert_string_equal(list[2].slug, "north-yorkshire");
	assert_string_equal(list[2].name, "North Yorkshire");
}

static void test_list_ordered(void **state)
{
	int64_t p = 0, id = 0;
	assert_int_equal(partnership_create(testdb, cli, "bucks", "Buckinghamshire", &p), E_OK);
	struct organisation *o = NULL;
	size_t n = 99;
	assert_int_equal(organisation_list(testdb, &testpool, p, &o, &n), E_OK);
	assert_int_equal(n, 0);
	assert_null(o);

	assert_int_equal(organisation_add(testdb, cli, p, "Wycombe District Council", "district_council",
	                                  "commissioner", NULL, NULL), E_OK);
	assert_int_equal(organisation_add(testdb, cli, p, "Buckinghamshire County Council", "county_council",
	                                  "both", "E10000002", &id), E_OK);
	assert_true(id > 0);
	assert_int_equal(organisation_add(testdb, cli, p, "NHS Buckinghamshire", "nhs", "commissioner",
	                                  NULL, NULL), E_OK);
	assert_int_equal(organisation_add(testdb, cli, p, "Action for Children", "voluntary", "provider",
	                                  "", NULL), E_OK);

	assert_int_equal(organisation_list(testdb, &testpool, p, &o, &n), E_OK);
	assert_int_equal(n, 4);
	assert_string_equal(o[0].name, "Action for Children");
	assert_string_equal(o[1].name, "Buckinghamshire County Council");
	assert_string_equal(o[2].name, "NHS Buckinghamshire");
	assert_string_equal(o[3].name, "Wycombe District Council");
	assert_true(o[1].id == id);
	assert_true(o[1].partnership_id == p);
	assert_string_equal(o[1].type, "county_council");
	assert_string_equal(o[1].role, "both");
	assert_string_equal(o[1].identifier, "E10000002");
	assert_null(o[1].retired_at);
	assert_null(o[0].identifier); /* "" is stored as NULL */
	assert_int_equal(teststore_i64("SELECT COUNT(*) FROM organisation WHERE identifier = ''", 0, NULL), 0);

	/* Adding is audited with the values people see. */
	struct audit_row r;
	audit_last(p, &r);
	assert_string_equal(r.action, "create");
	assert_string_equal(r.entity, "organisation");
	assert_null(r.before);
	assert_string_equal(jstr(r.after, "name"), "Action for Children");
	assert_string_equal(jstr(r.after, "type"), "voluntary");
	assert_string_equal(jstr(r.after, "role"), "provider");
	assert_true(json_is_null(json_object_get(r.after, "identifier")));
	audit_free(&r);
	assert_int_equal(audit_count(p), 5); /* the partnership and four organisations */

	/* A retired organisation leaves the list. */
	assert_int_equal(organisation_set_retired(testdb, cli, p, id, 1), E_OK);
	assert_int_equal(organisation_list(testdb, &testpool, p, &o, &n), E_OK);
	assert_int_equal(n, 3);
	assert_string_equal(o[1].name, "NHS Buckinghamshire");

	/* Names are unique within a partnership, retired ones too. */
	assert_int_equal(organisation_add(testdb, cli, p, "NHS Buckinghamshire", "nhs", "provider", NULL, NULL),
	                 E_CONFLICT);
	assert_int_equal(organisation_add(testdb, cli, p, "Buckinghamshire County Council", "nhs",
	                                  "provider", NULL, NULL), E_CONFLICT);
	assert_int_equal(audit_count(p), 6);
}

static void test_scoping(void **state)
{
	int64_t a = 0, b = 0, a_org = 0, b_org = 0;
	assert_int_equal(partnership_create(testdb, cli, "alpha", "Alpha", &a), E_OK);
	assert_int_equal(partnership_create(testdb, cli, "beta", "Beta", &b), E_OK);
	assert_int_equal(organisation_add(testdb, cli, a, "Alpha Council", "unitary_council", "both", NULL, &a_org), E_OK);
	assert_int_equal(organisation_add(testdb, cli, a, "Alpha Police", "police", "commissioner", NULL, NULL), E_OK);
	assert_int_equal(organisation_add(testdb, cli, b, "Beta School", "school", "provider", NULL, NULL), E_OK);
	/* The same name may exist in two partnerships. */
	assert_int_equal(organisation_add(testdb, cli, b, "Alpha Council", "private", "provider", NULL, &b_org), E_OK);

	struct organisation *o = NULL;
	size_t n = 0;
	assert_int_equal(organisation_list(testdb, &testpool, a, &o, &n), E_OK);
	assert_int_equal(n, 2);
	for (size_t i = 0; i < n; i++) {
		assert_true(o[i].partnership_id == a);
		assert_null(strstr(o[i].name, "Beta"));
	}
	assert_string_equal(o[0].type, "unitary_council");

	assert_int_equal(organisation_list(testdb, &testpool, b, &o, &n), E_OK);
	assert_int_equal(n, 2);
	for (size_t i = 0; i < n; i++)
		assert_true(o[i].partnership_id == b);
	assert_string_equal(o[0].name, "Alpha Council");
	assert_string_equal(o[0].type, "private");
	assert_string_equal(o[1].name, "Beta School");

	/* Another partnership's id is not found by any call, and nothing changes. */
	struct organisation one;
	assert_int_equal(organisation_get(testdb, &testpool, a, b_org, &one), E_NOTFOUND);
	assert_int_equal(organisation_get(testdb, &testpool, b, a_org, &one), E_NOTFOUND);
	assert_int_equal(organisation_find_by_name(testdb, &testpool, a, "Beta School", &one), E_NOTFOUND);
	assert_int_equal(organisation_update(testdb, cli, a, b_org, "Stolen", "other", "provider", NULL),
	                 E_NOTFOUND);
	assert_int_equal(organisation_set_retired(testdb, cli, a, b_org, 1), E_NOTFOUND);
	assert_int_equal(organisation_get(testdb, &testpool, b, b_org, &one), E_OK);
	assert_string_equal(one.name, "Alpha Council");
	assert_null(one.retired_at);
	assert_int_equal(audit_count(a), 3);
	assert_int_equal(audit_count(b), 3);

	/* Search is scoped too. */
	struct organisation_query q = {.q = "alpha", .include_retired = 1};
	size_t total = 0;
	assert_int_equal(organisation_search(testdb, &testpool, a, &q, &o, &n, &total), E_OK);
	assert_int_equal(n, 2);
	assert_int_equal(total, 2);
	for (size_t i = 0; i < n; i++)
		assert_true(o[i].partnership_id == a);

	/* An unknown partnership has no organisations, and cannot get any. */
	assert_int_equal(organisation_list(testdb, &testpool, b + 1000, &o, &n), E_OK);
	assert_int_equal(n, 0);
	assert_int_equal(organisation_add(testdb, cli, b + 1000, "Orphan", "other", "provider", NULL, NULL),
	                 E_INVAL);
}

static void test_invalid_rejected(void **state)
{
	int64_t p = 0, id = 0;
	char long_name[300];
	assert_int_equal(partnership_create(testdb, cli, "oxon", "Oxon", &p), E_OK);
	assert_int_equal(organisation_add(testdb, cli, p, "X", "bogus", "provider", NULL, NULL), E_INVAL);
	assert_int_equal(organisation_add(testdb, cli, p, "X", "nhs", "bogus", NULL, NULL), E_INVAL);
	assert_int_equal(organisation_add(testdb, cli, p, "", "nhs", "provider", NULL, NULL), E_INVAL);
	assert_int_equal(organisation_add(testdb, cli, p, " \t ", "nhs", "provider", NULL, NULL), E_INVAL);
	assert_int_equal(organisation_add(testdb, cli, p, NULL, "nhs", "provider", NULL, NULL), E_INVAL);
	assert_int_equal(organisation_add(testdb, cli, p, "X", NULL, "provider", NULL, NULL), E_INVAL);
	assert_int_equal(organisation_add(testdb, cli, p, "Bell\a", "nhs", "provider", NULL, NULL), E_INVAL);
	assert_int_equal(organisation_add(testdb, cli, p, "Two\nlines", "nhs", "provider", NULL, NULL), E_INVAL);
	assert_int_equal(organisation_add(testdb, cli, p, "Bad \xff UTF-8", "nhs", "provider", NULL, NULL), E_INVAL);
	assert_int_equal(organisation_add(testdb, cli, p, "C1 \xc2\x85 control", "nhs", "provider", NULL, NULL), E_INVAL);
	assert_int_equal(organisation_add(testdb, cli, p, "X", "nhs", "provider", "Tab\tin", NULL), E_INVAL);
	memset(long_name, 'n', 256);
	long_name[256] = '\0';
	assert_int_equal(organisation_add(testdb, cli, p, long_name, "nhs", "provider", NULL, NULL), E_INVAL);
	assert_int_equal(organisation_add(testdb, cli, p, "X", "nhs", "provider", long_name, NULL), E_INVAL);
	/* 255 bytes is the most; surrounding spaces do not count. */
	long_name[255] = '\0';
	char padded[300];
	snprintf(padded, sizeof padded, "  %s  ", long_name);
	assert_int_equal(organisation_add(testdb, cli, p, padded, "nhs", "provider", " 12345678 ", &id), E_OK);
	struct organisation o;
	assert_int_equal(organisation_get(testdb, &testpool, p, id, &o), E_OK);
	assert_string_equal(o.name, long_name);
	assert_string_equal(o.identifier, "12345678");
	/* Non-ASCII text is fine. */
	assert_int_equal(organisation_add(testdb, cli, p, "Gofal Cymru \xe2\x80\x93 Plant", "voluntary",
	                                  "provider", NULL, NULL), E_OK);

	/* Writing around the store: the CHECK constraints still refuse. */
	struct db_stmt *st = NULL;
	const char *sql = "INSERT INTO organisation (partnership_id, name, type, role, created_at)"
	                  " VALUES ($1, $2, $3, $4, '2026-01-01T00:00:00Z')";
	const char *bad[][2] = {{"bogus", "provider"}, {"nhs", "bogus"}};
	for (int i = 0; i < 2; i++) {
		assert_int_equal(db_prepare(testdb, sql, &st), E_OK);
		assert_int_equal(db_bind_i64(st, 1, p), E_OK);
		assert_int_equal(db_bind_text(st, 2, "Sneaky"), E_OK);
		assert_int_equal(db_bind_text(st, 3, bad[i][0]), E_OK);
		assert_int_equal(db_bind_text(st, 4, bad[i][1]), E_OK);
		assert_int_equal(db_step(st), E_INVAL);
		db_finish(st);
		assert_true(strlen(db_errmsg(testdb)) > 0);
	}
	struct organisation *list = NULL;
	size_t n = 9;
	assert_int_equal(organisation_list(testdb, &testpool, p, &list, &n), E_OK);
	assert_int_equal(n, 2);
}

static void test_types_and_roles(void **state)
{
	const char *types[] = {"county_council", "unitary_council", "district_council", "nhs",
	                       "school", "police", "voluntary", "private", "other"};
	for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
		assert_true(organisation_type_valid(types[i]));
		assert_true(strlen(organisation_type_label(types[i])) > 0);
	}
	assert_false(organisation_type_valid("NHS"));
	assert_false(organisation_type_valid(""));
	assert_false(organisation_type_valid(NULL));
	assert_string_equal(organisation_type_label("county_council"), "County council");
	assert_string_equal(organisation_type_label("nhs"), "NHS body");
	assert_string_equal(organisation_type_label("district_council"), "District council");
	assert_string_equal(organisation_type_label("voluntary"), "Voluntary and community sector");
	assert_string_equal(organisation_type_label("nonsense"), "Other");
	assert_true(organisation_role_valid("both"));
	assert_false(organisation_role_valid("owner"));
	assert_string_equal(organisation_role_label("both"), "Commissioner and provider");

	static const struct code_label t[] = {{"a", "Alpha"}, {"b", "Bravo"}};
	assert_string_equal(code_label_find(t, 2, "b"), "Bravo");
	assert_string_equal(code_label_find(t, 2, "a"), "Alpha");
	assert_null(code_label_find(t, 2, "c"));
	assert_null(code_label_find(t, 1, "b"));
	assert_null(code_label_find(t, 2, NULL));
}

static void test_get_find_update(void **state)
{
	int64_t p = 0, id = 0, other = 0;
	assert_int_equal(partnership_create(testdb, cli, "medway", "Medway", &p), E_OK);
	assert_int_equal(organisation_add(testdb, cli, p, "Medway Council", "unitary_council", "both",
	                                  "E06000035", &id), E_OK);
	assert_int_equal(organisation_add(testdb, cli, p, "NHS Medway", "nhs", "commissioner", NULL,
	                                  &other), E_OK);

	struct organisation o;
	assert_int_equal(organisation_get(testdb, &testpool, p, id, &o), E_OK);
	assert_true(o.id == id && o.partnership_id == p);
	assert_string_equal(o.name, "Medway Council");
	assert_string_equal(o.identifier, "E06000035");
	assert_int_equal(organisation_get(testdb, &testpool, p, id + 1000, &o), E_NOTFOUND);
	assert_int_equal(organisation_find_by_name(testdb, &testpool, p, " NHS Medway ", &o), E_OK);
	assert_true(o.id == other);
	assert_int_equal(organisation_find_by_name(testdb, &testpool, p, "nhs medway", &o), E_NOTFOUND);
	assert_int_equal(organisation_find_by_name(testdb, &testpool, p, "", &o), E_NOTFOUND);

	/* An update changes the row and records before and after. */
	int64_t events = audit_count(p);
	assert_int_equal(organisation_update(testdb, cli, p, id, " Medway Council (Children) ",
	                                     "unitary_council", "commissioner", ""), E_OK);
	assert_int_equal(organisation_get(testdb, &testpool, p, id, &o), E_OK);
	assert_string_equal(o.name, "Medway Council (Children)");
	assert_string_equal(o.role, "commissioner");
	assert_null(o.identifier);
	assert_int_equal(audit_count(p), events + 1);
	struct audit_row r;
	audit_last(p, &r);
	assert_string_equal(r.action, "update");
	assert_string_equal(r.entity, "organisation");
	assert_true(r.entity_id == id);
	assert_string_equal(jstr(r.before, "name"), "Medway Council");
	assert_string_equal(jstr(r.before, "role"), "both");
	assert_string_equal(jstr(r.before, "identifier"), "E06000035");
	assert_string_equal(jstr(r.after, "name"), "Medway Council (Children)");
	assert_string_equal(jstr(r.after, "role"), "commissioner");
	assert_true(json_is_null(json_object_get(r.after, "identifier")));
	audit_free(&r);

	/* Saving the same values again writes and records nothing. */
	assert_int_equal(organisation_update(testdb, cli, p, id, "Medway Council (Children)",
	                                     "unitary_council", "commissioner", NULL), E_OK);
	assert_int_equal(audit_count(p), events + 1);

	/* A taken name, a bad type: refused, nothing changed or recorded. */
	assert_int_equal(organisation_update(testdb, cli, p, id, "NHS Medway", "nhs", "both", NULL),
	                 E_CONFLICT);
	assert_int_equal(organisation_update(testdb, cli, p, id, "Fine", "council", "both", NULL),
	                 E_INVAL);
	assert_int_equal(organisation_update(testdb, cli, p, id, "", "nhs", "both", NULL), E_INVAL);
	assert_int_equal(organisation_update(testdb, cli, p, id + 1000, "Fine", "nhs", "both", NULL),
	                 E_NOTFOUND);
	assert_int_equal(organisation_get(testdb, &testpool, p, id, &o), E_OK);
	assert_string_equal(o.name, "Medway Council (Children)");
	assert_int_equal(audit_count(p), events + 1);
	assert_false(db_in_transaction(testdb));
}

static void test_retire_reinstate(void **state)
{
	int64_t p = 0, id = 0;
	assert_int_equal(partnership_create(testdb, cli, "medway", "Medway", &p), E_OK);
	assert_int_equal(organisation_add(testdb, cli, p, "Medway Youth Trust", "voluntary", "provider",
	                                  NULL, &id), E_OK);
	int64_t events = audit_count(p);
	assert_int_equal(organisation_set_retired(testdb, cli, p, id, 1), E_OK);

	struct organisation o;
	assert_int_equal(organisation_get(testdb, &testpool, p, id, &o), E_OK);
	assert_non_null(o.retired_at);
	assert_int_equal(strlen(o.retired_at), 20); /* 2026-11-22T06:30:00Z */
	assert_int_equal(o.retired_at[19], 'Z');
	struct audit_row r;
	audit_last(p, &r);
	assert_string_equal(r.action, "retire");
	assert_true(r.entity_id == id);
	assert_true(json_is_null(json_object_get(r.before, "retired_at")));
	assert_string_equal(jstr(r.after, "retired_at"), o.retired_at);
	assert_string_equal(jstr(r.after, "name"), "Medway Youth Trust");
	audit_free(&r);

	/* Retiring again is no change. */
	assert_int_equal(organisation_set_retired(testdb, cli, p, id, 1), E_OK);
	assert_int_equal(audit_count(p), events + 1);

	assert_int_equal(organisation_set_retired(testdb, cli, p, id, 0), E_OK);
	assert_int_equal(organisation_get(testdb, &testpool, p, id, &o), E_OK);
	assert_null(o.retired_at);
	audit_last(p, &r);
	assert_string_equal(r.action, "reinstate");
	assert_true(json_is_null(json_object_get(r.after, "retired_at")));
	assert_true(json_is_string(json_object_get(r.before, "retired_at")));
	audit_free(&r);
	assert_int_equal(audit_count(p), events + 2);
	assert_int_equal(organisation_set_retired(testdb, cli, p, id + 99, 1), E_NOTFOUND);
}

/* Retiring waits until nothing current needs the organisation: its seats
 * on boards (retired boards' too) and the providers acting for it. */
static void test_retire_refused_while_tied(void **state)
{
	int64_t p = 0, other = 0, org = 0, spare = 0, jcg = 0, trust = 0, old_group = 0;
	int64_t chair = 0, member = 0, past = 0, seat_old = 0, prov = 0, prov2 = 0;
	char pw[PASSWORD_GENERATED_SIZE];
	assert_int_equal(partnership_create(testdb, cli, "medway", "Medway", &p), E_OK);
	assert_int_equal(partnership_create(testdb, cli, "kent", "Kent", &other), E_OK);
	assert_int_equal(organisation_add(testdb, cli, p, "Medway Council", "unitary_council", "both",
	                                  NULL, &org), E_OK);
	assert_int_equal(organisation_add(testdb, cli, p, "Spare Org", "other", "provider", NULL, &spare), E_OK);
	assert_int_equal(board_add(testdb, cli, p, "Trust Board", "trust_board", "", 0, 0, &trust), E_OK);
	assert_int_equal(board_add(testdb, cli, p, "Joint Commissioning Group", "joint_commissioning_group",
	                           "", trust, 0, &jcg), E_OK);
	assert_int_equal(board_add(testdb, cli, p, "Old Group", "other", "", 0, 0, &old_group), E_OK);
	assert_int_equal(board_member_add(testdb, cli, p, trust, org, "Chair", &chair), E_OK);
	assert_int_equal(board_member_add(testdb, cli, p, trust, org, "Member", &member), E_OK);
	assert_int_equal(board_member_add(testdb, cli, p, jcg, org, "Lead", &past), E_OK);
	assert_int_equal(board_member_remove(testdb, cli, p, jcg, past), E_OK); /* ended: no tie */
	assert_int_equal(board_member_add(testdb, cli, p, old_group, org, "Member", &seat_old), E_OK);
	assert_int_equal(board_set_retired(testdb, cli, p, old_group, 1), E_OK);
	assert_int_equal(board_member_add(testdb, cli, p, trust, spare, "Observer", NULL), E_OK);
	assert_int_equal(user_add(testdb, cli, p, "pat@medway.invalid", "Pat", ROLE_PROVIDER, org, pw,
	                          &prov), E_OK);
	assert_int_equal(user_add(testdb, cli, p, "sam@medway.invalid", "Sam", ROLE_PROVIDER, org, pw,
	                          &prov2), E_OK);
	assert_int_equal(user_set_disabled(testdb, cli, p, prov2, 1), E_OK); /* disabled: no tie */
	assert_int_equal(user_add(testdb, cli, p, "lee@medway.invalid", "Lee", ROLE_PROVIDER, spare, pw,
	                          NULL), E_OK);

	/* What ties it: current seats by board name then position, a retired
	 * board's included; the active provider only. */
	struct organisation_ties t;
	assert_int_equal(organisation_ties(testdb, &testpool, p, org, &t), E_OK);
	assert_int_equal(t.nseats, 3);
	assert_string_equal(t.seats[0].board_name, "Old Group");
	assert_non_null(t.seats[0].board_retired_at);
	assert_true(t.seats[0].member_id == seat_old && t.seats[0].board_id == old_group);
	assert_string_equal(t.seats[1].board_name, "Trust Board");
	assert_string_equal(t.seats[1].position, "Chair");
	assert_null(t.seats[1].board_retired_at);
	assert_true(t.seats[1].member_id == chair && t.seats[1].board_id == trust);
	assert_string_equal(t.seats[2].position, "Member");
	assert_int_equal(t.people, 1);
	/* Another partnership sees no ties (nor anything else) of it. */
	assert_int_equal(organisation_ties(testdb, &testpool, other, org, &t), E_OK);
	assert_int_equal(t.nseats, 0);
	assert_null(t.seats);
	assert_int_equal(t.people, 0);

	/* Refused, with nothing written, while any tie is left. */
	int64_t events = audit_count(p);
	struct organisation o;
	assert_int_equal(organisation_set_retired(testdb, cli, p, org, 1), E_CONFLICT);
	assert_int_equal(board_member_remove(testdb, cli, p, trust, chair), E_OK);
	assert_int_equal(board_member_remove(testdb, cli, p, trust, member), E_OK);
	assert_int_equal(organisation_set_retired(testdb, cli, p, org, 1), E_CONFLICT);
	assert_int_equal(board_member_remove(testdb, cli, p, old_group, seat_old), E_OK);
	/* Seats gone; the provider still acts for it. */
	assert_int_equal(organisation_ties(testdb, &testpool, p, org, &t), E_OK);
	assert_int_equal(t.nseats, 0);
	assert_int_equal(t.people, 1);
	assert_int_equal(organisation_set_retired(testdb, cli, p, org, 1), E_CONFLICT);
	assert_int_equal(organisation_get(testdb, &testpool, p, org, &o), E_OK);
	assert_null(o.retired_at);
	assert_int_equal(audit_count(p), events + 3); /* the three removals only */

	/* In the caller's transaction, a refusal leaves it open to roll back. */
	assert_int_equal(db_begin(testdb), E_OK);
	assert_int_equal(organisation_set_retired(testdb, cli, p, org, 1), E_CONFLICT);
	assert_true(db_in_transaction(testdb));
	assert_int_equal(db_rollback(testdb), E_OK);

	/* With the last tie ended it retires, and reinstates as before. */
	assert_int_equal(user_set_disabled(testdb, cli, p, prov, 1), E_OK);
	assert_int_equal(organisation_set_retired(testdb, cli, p, org, 1), E_OK);
	assert_int_equal(organisation_get(testdb, &testpool, p, org, &o), E_OK);
	assert_non_null(o.retired_at);
	struct audit_row r;
	audit_last(p, &r);
	assert_string_equal(r.action, "retire");
	assert_true(r.entity_id == org);
	audit_free(&r);
	assert_int_equal(organisation_set_retired(testdb, cli, p, org, 0), E_OK);
	/* The other organisation's ties were never its own. */
	assert_int_equal(organisation_set_retired(testdb, cli, p, spare, 1), E_CONFLICT);
}

/* One organisation_search() and what it must answer. */
struct search_case {
	struct organisation_query q;
	enum err rc;
	size_t n;
	int64_t total;          /* -1: called without a total */
	const char *names[6];   /* the rows' names in order; NULL where not checked */
	int no_rows;            /* the row pointer must be NULL */
	int first_retired;      /* the first row must be retired */
};

static void check_search(int64_t p, size_t i, const struct search_case *c)
{
	struct organisation *o = NULL;
	size_t n = 0, total = 0;
	enum err rc = organisation_search(testdb, &testpool, p, &c->q, &o, &n, c->total < 0 ? NULL : &total);
	if (rc != c->rc)
		fail_msg("case %zu: %s, expected %s", i, err_name(rc), err_name(c->rc));
	if (rc != E_OK)
		return;
	if (n != c->n || (c->total >= 0 && (int64_t)total != c->total))
		fail_msg("case %zu: %zu rows of %zu, expected %zu of %lld", i, n, total, c->n, (long long)c->total);
	for (size_t k = 0; k < n && k < 6; k++)
		if (c->names[k] && strcmp(o[k].name, c->names[k]) != 0)
			fail_msg("case %zu: row %zu is %s, expected %s", i, k, o[k].name, c->names[k]);
	if (c->no_rows && o)
		fail_msg("case %zu: rows given for none", i);
	if (c->first_retired && !o[0].retired_at)
		fail_msg("case %zu: the first row is not retired", i);
}

static void test_search(void **state)
{
	int64_t p = 0, retired = 0;
	assert_int_equal(partnership_create(testdb, cli, "kent", "Kent", &p), E_OK);
	struct {
		const char *name, *type, *role, *ident;
	} orgs[] = {
		{"Kent County Council", "county_council", "both", "E10000016"},
		{"NHS Eastern and Coastal Kent", "nhs", "commissioner", "5QA"},
		{"Kent Police", "police", "commissioner", NULL},
		{"Barnardo's", "voluntary", "provider", "216250"},
		{"100% Youth", "voluntary", "provider", NULL},
		{"Young_Kent", "voluntary", "provider", NULL},
		{"Canterbury City Council", "district_council", "commissioner", NULL},
	};
	for (size_t i = 0; i < sizeof orgs / sizeof orgs[0]; i++)
		assert_int_equal(organisation_add(testdb, cli, p, orgs[i].name, orgs[i].type, orgs[i].role,
		                                  orgs[i].ident, i == 2 ? &retired : NULL), E_OK);
	assert_int_equal(organisation_set_retired(testdb, cli, p, retired, 1), E_OK);

	const struct search_case cases[] = {
		/* No filter: the current ones, by name bytes. */
		{{0}, E_OK, 6, 6, {"100% Youth", "Barnardo's", NULL, NULL, NULL, "Young_Kent"}, 0, 0},
		/* Any case, in the name... */
		{{.q = "KENT"}, E_OK, 3, 3, {"Kent County Council", "NHS Eastern and Coastal Kent", "Young_Kent"}, 0, 0},
		/* ...or the identifier; no total asked for. */
		{{.q = "5qa"}, E_OK, 1, 1, {"NHS Eastern and Coastal Kent"}, 0, 0},
		{{.q = " 2162 "}, E_OK, 1, -1, {"Barnardo's"}, 0, 0},
		/* LIKE's own characters are taken literally. */
		{{.q = "%"}, E_OK, 1, 1, {"100% Youth"}, 0, 0},
		{{.q = "g_k"}, E_OK, 1, 1, {"Young_Kent"}, 0, 0},
		{{.q = "_"}, E_OK, 1, 1, {NULL}, 0, 0},
		{{.q = "\\"}, E_OK, 0, 0, {NULL}, 0, 0},
		{{.q = "nothing like it"}, E_OK, 0, 0, {NULL}, 1, 0},
		/* Retired ones only when asked. */
		{{.q = "police"}, E_OK, 0, 0, {NULL}, 0, 0},
		{{.q = "police", .include_retired = 1}, E_OK, 1, 1, {NULL}, 0, 1},
		/* Type and role filters, alone and with q. */
		{{.type = "voluntary"}, E_OK, 3, 3, {NULL}, 0, 0},
		{{.type = "voluntary", .q = "youth"}, E_OK, 1, 1, {NULL}, 0, 0},
		{{.role = "commissioner", .include_retired = 1}, E_OK, 3, 3, {NULL}, 0, 0},
		{{.role = "commissioner", .type = "nhs"}, E_OK, 1, 1, {NULL}, 0, 0},
		{{.type = "", .role = ""}, E_OK, 6, 6, {NULL}, 0, 0}, /* "" filters nothing */
		{{.type = "council"}, E_INVAL, 0, 0, {NULL}, 0, 0},
		{{.role = "owner"}, E_INVAL, 0, 0, {NULL}, 0, 0},
		/* Paging: total counts every match, the page holds limit from offset. */
		{{.limit = 2, .offset = 2}, E_OK, 2, 6, {"Canterbury City Council", "Kent County Council"}, 0, 0},
		{{.limit = 2, .offset = 5}, E_OK, 1, 6, {"Young_Kent"}, 0, 0},
		{{.limit = 2, .offset = 50}, E_OK, 0, 6, {NULL}, 0, 0},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		check_search(p, i, &cases[i]);
}

static void test_list_bound(void **state)
{
	int64_t p = 0;
	assert_int_equal(partnership_create(testdb, cli, "big", "Big", &p), E_OK);
	/* Rows made in SQL: ten thousand calls would only slow the test. */
	teststore_exec("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $2)"
		       " INSERT INTO organisation (partnership_id, name, type, role, created_at)"
		       " SELECT $1, 'Org ' || i, 'other', 'provider', '2026-01-01T00:00:00Z' FROM n",
		       p, ORGANISATION_LIST_MAX);

	struct organisation *o = NULL;
	size_t n = 0;
	assert_int_equal(organisation_list(testdb, &testpool, p, &o, &n), E_OK);
	assert_int_equal(n, ORGANISATION_LIST_MAX);
	assert_string_equal(o[0].name, "Org 1");
	assert_string_equal(o[1].name, "Org 10");

	/* A pool too small for the answer: out of memory, not a crash. */
	struct pool tiny;
	pool_init(&tiny, 4096);
	assert_int_equal(organisation_list(testdb, &tiny, p, &o, &n), E_NOMEM);
	assert_int_equal(n, 0);
	pool_free(&tiny);

	/* A search page is bounded by its limit, whatever is asked. */
	struct organisation_query q = {.limit = ORGANISATION_LIST_MAX * 10};
	size_t total = 0;
	assert_int_equal(organisation_search(testdb, &testpool, p, &q, &o, &n, &total), E_OK);
	assert_int_equal(n, ORGANISATION_LIST_MAX);

	assert_int_equal(organisation_add(testdb, cli, p, "One too many", "other", "provider", NULL, NULL), E_OK);
	assert_int_equal(organisation_list(testdb, &testpool, p, &o, &n), E_TOOBIG);
	assert_int_equal(n, 0);
	assert_null(o);
	assert_int_equal(organisation_search(testdb, &testpool, p, &q, &o, &n, &total), E_OK);
	assert_int_equal(n, ORGANISATION_LIST_MAX);
	assert_int_equal(total, ORGANISATION_LIST_MAX + 1);
}

struct node {
	int64_t id;
	int64_t parent;
	const char *name;
	int depth;
};

static void test_tree_order(void **state)
{
	(void)state;
	/* Siblings already in name order, as the SELECTs give them. */
	struct node t[] = {
		{5, 0, "Alpha", -1},  {3, 9, "Beta", -1}, {9, 5, "Child", -1},
		{2, 0, "Delta", -1},  {7, 5, "Echo", -1}, {8, 3, "Foxtrot", -1},
		{4, 77, "Orphan", -1},
	};
	size_t n = sizeof t / sizeof t[0];
	assert_int_equal(store_tree_order(t, n, sizeof t[0], offsetof(struct node, id),
	                                  offsetof(struct node, parent),
	                                  offsetof(struct node, depth)), E_OK);
	const char *want[] = {"Alpha", "Child", "Beta", "Foxtrot", "Echo", "Delta", "Orphan"};
	int depth[] = {0, 1, 2, 3, 1, 0, 0};
	for (size_t i = 0; i < n; i++) {
		assert_string_equal(t[i].name, want[i]);
		assert_int_equal(t[i].depth, depth[i]);
	}

	/* A cycle written around the store: every row still appears once. */
	struct node c[] = {{1, 2, "A", -1}, {2, 1, "B", -1}, {3, 3, "Self", -1}, {4, 1, "C", -1}};
	assert_int_equal(store_tree_order(c, 4, sizeof c[0], offsetof(struct node, id),
	                                  offsetof(struct node, parent),
	                                  offsetof(struct node, depth)), E_OK);
	int seen[5] = {0};
	for (size_t i = 0; i < 4; i++)
		seen[c[i].id]++;
	for (int i = 1; i <= 4; i++)
		assert_int_equal(seen[i], 1);
	assert_string_equal(c[0].name, "Self"); /* its own parent: a root */
	assert_int_equal(c[0].depth, 0);

	assert_int_equal(store_tree_order(NULL, 0, sizeof c[0], 0, 8, 24), E_OK);
	struct node one = {1, 0, "One", 7};
	assert_int_equal(store_tree_order(&one, 1, sizeof one, offsetof(struct node, id),
	                                  offsetof(struct node, parent),
	                                  offsetof(struct node, depth)), E_OK);
	assert_int_equal(one.depth, 0);
}

static void test_text_clean(void **state)
{
	(void)state;
	char out[16];
	assert_int_equal(store_text_clean("  a b \r\n", 10, 0, out), 3);
	assert_string_equal(out, "a b");
	assert_int_equal(store_text_clean(NULL, 10, 0, out), 0);
	assert_string_equal(out, "");
	assert_int_equal(store_text_clean("0123456789", 10, 0, out), 10);
	assert_int_equal(store_text_clean("0123456789x", 10, 0, out), -1);
	assert_int_equal(store_text_clean("  0123456789  ", 10, 0, out), 10);
	assert_int_equal(store_text_clean("a\nb", 10, 0, out), -1);
	assert_int_equal(store_text_clean("a\nb\tc", 10, 1, out), 5);
	assert_int_equal(store_text_clean("a\x01" "b", 10, 1, out), -1);
	assert_int_equal(store_text_clean("a\x7f", 10, 1, out), -1);
	assert_int_equal(store_text_clean("\xc2\x9f", 10, 1, out), -1);
	assert_int_equal(store_text_clean("\xc2\xa0x", 10, 0, out), 3); /* NBSP is text */
	assert_int_equal(store_text_clean("\xe2\x82", 10, 0, out), -1);
	assert_int_equal(store_text_clean("caf\xc3\xa9", 10, 0, out), 5);
}

static void test_demo(void **state)
{
	int created = -1;
	char pw[24] = "unchanged";
	assert_int_equal(demo_ensure(testdb, &created, pw), E_OK);
	assert_int_equal(created, 1);
	assert_true(strlen(pw) >= 12);
	char first_pw[24];
	memcpy(first_pw, pw, sizeof pw);
	assert_int_equal(demo_ensure(testdb, &created, pw), E_OK);
	assert_int_equal(created, 0);
	assert_string_equal(pw, ""); /* nothing to print the second time */
	assert_int_equal(demo_ensure(testdb, NULL, NULL), E_OK);
	assert_false(db_in_transaction(testdb));

	struct partnership p;
	assert_int_equal(partnership_first(testdb, &testpool, &p), E_OK);
	assert_string_equal(p.slug, "oxfordshire");
	assert_string_equal(p.name, "Oxfordshire Children and Young People's Trust");

	/* The original four partners are still there, with those the seeds add. */
	struct organisation o;
	assert_int_equal(organisation_find_by_name(testdb, &testpool, p.id, "Cherwell District Council", &o), E_OK);
	assert_string_equal(o.type, "district_council");
	assert_int_equal(organisation_find_by_name(testdb, &testpool, p.id, "NHS Oxfordshire", &o), E_OK);
	assert_string_equal(o.role, "commissioner");
	assert_int_equal(organisation_find_by_name(testdb, &testpool, p.id, "Oxfordshire County Council", &o), E_OK);
	assert_string_equal(o.role, "both");
	assert_int_equal(organisation_find_by_name(testdb, &testpool, p.id,
	                 "Oxfordshire Voluntary and Community Sector Forum", &o), E_OK);
	assert_string_equal(o.type, "voluntary");
	assert_int_equal(organisation_find_by_name(testdb, &testpool, p.id, "Oxford City Council", &o), E_OK);
	assert_string_equal(o.type, "district_council");
	struct organisation *orgs = NULL;
	size_t n = 0;
	assert_int_equal(organisation_list(testdb, &testpool, p.id, &orgs, &n), E_OK);
	assert_int_equal(n, 12);

	/* Areas: the county at the top, its five districts, deprived wards marked. */
	struct area *areas = NULL;
	assert_int_equal(area_list(testdb, &testpool, p.id, 0, NULL, &areas, &n), E_OK);
	assert_int_equal(n, 19);
	assert_string_equal(areas[0].name, "Oxfordshire");
	assert_string_equal(areas[0].type, "county");
	assert_int_equal(areas[0].depth, 0);

	/* The home page's summary counts what the lists hold, in one statement,
	 * and leaves out what is retired. */
	struct partnership_summary sum;
	assert_int_equal(partnership_summary(testdb, &testpool, p.id, &sum), E_OK);
	assert_string_equal(sum.p.name, p.name);
	assert_int_equal(sum.organisations, 12);
	assert_int_equal(sum.areas, 19);
	size_t marked = 0;
	for (size_t i = 0; i < n; i++)
		marked += area_is_deprived(areas[i].imd_decile);
	assert_int_equal(sum.deprived_areas, (int64_t)marked);
	assert_int_equal(sum.deprived_areas, 8);
	struct board *tree = NULL;
	size_t nb = 0;
	assert_int_equal(board_list(testdb, &testpool, p.id, 0, &tree, &nb), E_OK);
	assert_int_equal(sum.boards, (int64_t)nb);
	assert_int_equal(partnership_summary(testdb, &testpool, p.id + 1000, &sum), E_NOTFOUND);
	int districts = 0, deprived = 0;
	int64_t district_children = 0;
	for (size_t i = 0; i < n; i++) {
		if (strcmp(areas[i].type, "district") == 0) {
			districts++;
			assert_int_equal(areas[i].depth, 1);
			assert_true(areas[i].parent_id == areas[0].id);
			district_children += areas[i].population_0_19;
		}
		if (area_is_deprived(areas[i].imd_decile)) {
			deprived++;
			assert_string_equal(areas[i].type, "ward");
		}
	}
	assert_int_equal(districts, 5);
	assert_true(deprived >= 5);
	/* The county's estimate is the sum of its districts'. */
	assert_true(district_children == areas[0].population_0_19);
	struct area a;
	assert_int_equal(area_find_by_name(testdb, &testpool, p.id, "Banbury Ruscote", &a), E_OK);
	assert_true(area_is_deprived(a.imd_decile));
	assert_string_equal(a.parent_name, "Banbury");
	assert_int_equal(area_find_by_name(testdb, &testpool, p.id, "Blackbird Leys", &a), E_OK);
	assert_true(area_is_deprived(a.imd_decile));
	assert_string_equal(a.parent_name, "Oxford City");

	/* Boards: the Trust board at the top, the groups and area boards under it. */
	struct board *boards = NULL;
	assert_int_equal(board_list(testdb, &testpool, p.id, 0, &boards, &n), E_OK);
	assert_true(n >= 8);
	int64_t trust = 0;
	int area_boards = 0, kinds_seen = 0;
	const char *kinds[] = {"trust_board", "joint_commissioning_group", "performance_group",
	                       "partnership_board", "area_board"};
	for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++)
		for (size_t i = 0; i < n; i++)
			if (strcmp(boards[i].kind, kinds[k]) == 0) {
				kinds_seen++;
				break;
			}
	assert_int_equal(kinds_seen, 5);
	for (size_t i = 0; i < n; i++) {
		assert_true(strlen(boards[i].purpose) > 20);
		if (strcmp(boards[i].kind, "trust_board") == 0) {
			trust = boards[i].id;
			assert_int_equal(boards[i].depth, 0);
		}
		if (strcmp(boards[i].kind, "area_board") == 0) {
			area_boards++;
			assert_true(boards[i].area_id > 0);
			assert_int_equal(boards[i].depth, 1);
		}
	}
	assert_int_equal(area_boards, 5);
	struct board_member *members = NULL;
	assert_int_equal(board_member_list(testdb, &testpool, p.id, trust, &members, &n), E_OK);
	assert_true(n >= 5);

	/* People appear by position only: nothing from the seeds' contact lines. */
	assert_int_equal(teststore_i64(
		"SELECT (SELECT COUNT(*) FROM board_member WHERE position LIKE '%@%'"
		" OR position LIKE '%Breton%' OR position LIKE '%Scott%' OR position LIKE '%018%')"
		" + (SELECT COUNT(*) FROM board WHERE purpose LIKE '%@%' OR purpose LIKE '%018%')", 0, NULL), 0);

	/* The administrator, whose password was given once. */
	struct user u;
	const char *hash = NULL;
	assert_int_equal(user_find_by_email(testdb, &testpool, DEMO_ADMIN_EMAIL, &u, &hash), E_OK);
	assert_int_equal(u.role, ROLE_ADMIN);
	assert_true(u.partnership_id == p.id);
	assert_true(password_verify(hash, first_pw));

	/* Every record was audited as the command line's doing. */
	assert_true(audit_count(p.id) >= 1 + 12 + 19 + 8);
	assert_int_equal(teststore_i64("SELECT COUNT(*) FROM audit_event WHERE actor_user_id IS NOT NULL", 0, NULL), 0);
	assert_int_equal(teststore_i64("SELECT COUNT(*) FROM partnership", 0, NULL), 1);
}

static void test_demo_skipped_when_data_exists(void **state)
{
	int created = -1;
	assert_int_equal(partnership_create(testdb, cli, "medway", "Medway", NULL), E_OK);
	assert_int_equal(demo_ensure(testdb, &created, NULL), E_OK);
	assert_int_equal(created, 0);
	struct partnership p;
	assert_int_equal(partnership_find_by_slug(testdb, &testpool, "oxfordshire", &p), E_NOTFOUND);
	assert_int_equal(teststore_i64("SELECT COUNT(*) FROM app_user", 0, NULL), 0);
}

static void test_allocation_failures(void **state)
{
	int64_t p = 0;
	assert_int_equal(partnership_create(testdb, cli, "alloc", "Alloc", &p), E_OK);
	for (int i = 0; i < 20; i++) {
		char name[32];
		snprintf(name, sizeof name, "Organisation %02d", i);
		assert_int_equal(organisation_add(testdb, cli, p, name, "other", "provider", "X1", NULL), E_OK);
	}
	/* Fail the n-th allocation, for every n the calls make: each either
	 * works or says E_NOMEM, and ASan checks nothing leaks or dangles. */
	int worked = 0;
	for (long n = 0; n < 400 && !worked; n++) {
		struct db *d = NULL;
		char err[512];
		struct organisation *o = NULL;
		size_t count = 0;
		alloc_fail_after(n);
		enum err rc = db_open(testdb_url, &d, err, sizeof err);
		if (rc == E_OK) {
			rc = organisation_list(d, &testpool, p, &o, &count);
			if (rc == E_OK)
				rc = organisation_add(d, cli, p, "Added under pressure", "other",
				                      "provider", NULL, NULL);
		}
		alloc_fail_reset();
		if (rc == E_OK) {
			assert_int_equal(count, 20);
			worked = 1;
		} else {
			assert_true(rc == E_NOMEM || rc == E_DB);
			assert_false(d && db_in_transaction(d));
		}
		db_close(d);
	}
	assert_true(worked);
	/* Added once, with its audit row, however many attempts failed. */
	assert_int_equal(teststore_i64("SELECT COUNT(*) FROM organisation WHERE name = 'Added under pressure'", 0, NULL), 1);
	assert_int_equal(audit_count(p), 22);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_create_and_find, teststore_setup, teststore_teardown),
		cmocka_unit_test_setup_teardown(test_list_ordered, teststore_setup, teststore_teardown),
		cmocka_unit_test_setup_teardown(test_scoping, teststore_setup, teststore_teardown),
		cmocka_unit_test_setup_teardown(test_invalid_rejected, teststore_setup, teststore_teardown),
		cmocka_unit_test_setup_teardown(test_types_and_roles, teststore_setup, teststore_teardown),
		cmocka_unit_test_setup_teardown(test_get_find_update, teststore_setup, teststore_teardown),
		cmocka_unit_test_setup_teardown(test_retire_reinstate, teststore_setup, teststore_teardown),
		cmocka_unit_test_setup_teardown(test_retire_refused_while_tied, teststore_setup, teststore_teardown),
		cmocka_unit_test_setup_teardown(test_search, teststore_setup, teststore_teardown),
		cmocka_unit_test_setup_teardown(test_list_bound, teststore_setup, teststore_teardown),
		cmocka_unit_test(test_tree_order),
		cmocka_unit_test(test_text_clean),
		cmocka_unit_test_setup_teardown(test_demo, teststore_setup, teststore_teardown),
		cmocka_unit_test_setup_teardown(test_demo_skipped_when_data_exists, teststore_setup, teststore_teardown),
		cmocka_unit_test_setup_teardown(test_allocation_failures, teststore_setup, teststore_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
