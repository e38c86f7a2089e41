/*
 * test_user_store.c: people in a real, migrated database on both backends:
 * adding (emails normalised, a generated password that must be changed),
 * getting, finding and listing scoped to a partnership, duplicate emails,
 * the role, partnership and provider-organisation rules (an organisation
 * that provides services), searching, changing a name, role and
 * organisation (never one's own administrator role, never the last active
 * administrator's), changing and resetting passwords and disabling (each
 * ending sessions, and tokens where it should), and the audit rows each
 * write leaves, which never hold a password hash or a password.
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
#include "auth/auth.h"
#include "auth/session.h"
#include "auth/token.h"
#include "auth/user.h"
#include "core/pool.h"
#include "db/db.h"
#include "partnership/partnership.h"
#include "support/teststore.h"

static int64_t part, other;     /* two partnerships */
static int64_t org, other_org;  /* a provider organisation in each */
static int64_t council, both;   /* in part: one that only commissions, one that does both */

static int setup(void **state)
{
	if (teststore_setup(state) != 0)
		return -1;
	if (partnership_create(testdb, &actor_cli, "test", "Test", &part) ||
	    partnership_create(testdb, &actor_cli, "other", "Other", &other) ||
	    organisation_add(testdb, &actor_cli, part, "Acme Care", "private", "provider", NULL,
			     &org) ||
	    organisation_add(testdb, &actor_cli, other, "Elsewhere Care", "private", "provider",
			     NULL, &other_org) ||
	    organisation_add(testdb, &actor_cli, part, "Test Council", "county_council",
			     "commissioner", NULL, &council) ||
	    organisation_add(testdb, &actor_cli, part, "Test Schools", "school", "both", NULL,
			     &both))
		return -1;
	return 0;
}

/* The after (or before) JSON of the newest audit event for a user. */
static json_t *audit_json(int64_t user_id, const char *action, const char *column)
{
	char sql[256];
	struct db_stmt *st = NULL;
	json_t *j = NULL;
	snprintf(sql, sizeof sql,
		 "SELECT %s FROM audit_event WHERE entity = 'user' AND entity_id = $1"
		 " AND action = $2 ORDER BY id DESC", column);
	assert_int_equal(db_prepare(testdb, sql, &st), E_OK);
	assert_int_equal(db_bind_i64(st, 1, user_id), E_OK);
	assert_int_equal(db_bind_text(st, 2, action), E_OK);
	assert_int_equal(db_step(st), DB_ROW);
	j = json_loads(db_col_text(st, 0), 0, NULL);
	db_finish(st);
	assert_non_null(j);
	return j;
}

static int64_t add(int64_t p, const char *email, enum role role, int64_t o,
		   char pw[PASSWORD_GENERATED_SIZE])
{
	int64_t id = 0;
	assert_int_equal(user_add(testdb, &actor_cli, p, email, "A Person", role, o, pw, &id), E_OK);
	assert_true(id > 0);
	return id;
}

static void test_add_get_find_list(void **state)
{
	char pw[PASSWORD_GENERATED_SIZE];
	int64_t id = 0;
	struct user u;
	const char *hash = NULL;
	assert_int_equal(user_add(testdb, &actor_cli, part, "  Jane.Smith@Example.ORG ",
				  "Jane Smith", ROLE_ADMIN, 0, pw, &id), E_OK);
	assert_int_equal(strlen(pw), PASSWORD_GENERATED_SIZE - 1);
	assert_null(password_policy_check(pw, "jane.smith@example.org"));

	assert_int_equal(user_get(testdb, &testpool, part, id, &u), E_OK);
	assert_true(u.id == id && u.partnership_id == part);
	assert_string_equal(u.email, "jane.smith@example.org");
	assert_string_equal(u.name, "Jane Smith");
	assert_int_equal(u.role, ROLE_ADMIN);
	assert_true(u.organisation_id == 0);
	assert_null(u.organisation_name);
	assert_int_equal(u.must_change_password, 1);
	assert_null(u.disabled_at);
	assert_non_null(u.created_at);
	assert_int_equal(strlen(u.created_at), 20);

	/* Scoped: not through another partnership, nor through none. */
	assert_int_equal(user_get(testdb, &testpool, other, id, &u), E_NOTFOUND);
	assert_int_equal(user_get(testdb, &testpool, 0, id, &u), E_NOTFOUND);
	assert_int_equal(user_get(testdb, &testpool, part, id + 100, &u), E_NOTFOUND);

	/* Found in any case and spacing, with the hash for verification only. */
	assert_int_equal(user_find_by_email(testdb, &testpool, "JANE.smith@example.org ", &u, &hash),
			 E_OK);
	assert_true(u.id == id);
	assert_non_null(hash);
	assert_true(password_verify(hash, pw));
	assert_int_equal(user_find_by_email(testdb, &testpool, "jane.smith@example.org", &u, NULL),
			 E_OK);
	assert_int_equal(user_find_by_email(testdb, &testpool, "nobody@example.org", &u, &hash),
			 E_NOTFOUND);
	assert_null(hash);
	assert_int_equal(user_find_by_email(testdb, &testpool, "not an email", &u, &hash), E_NOTFOUND);

	/* Lists: by email in byte order, scoped; 0 lists everyone. */
	add(part, "adam@example.org", ROLE_VIEWER, 0, pw);
	int64_t prov = add(part, "Zed@example.org", ROLE_PROVIDER, org, pw);
	add(other, "olive@example.org", ROLE_ANALYST, 0, pw);
	add(0, "nat@example.org", ROLE_NATIONAL, 0, pw);
	struct user *list = NULL;
	size_t n = 0;
	assert_int_equal(user_list(testdb, &testpool, part, &list, &n), E_OK);
	assert_int_equal(n, 3);
	assert_string_equal(list[0].email, "adam@example.org");
	assert_string_equal(list[1].email, "jane.smith@example.org");
	assert_string_equal(list[2].email, "zed@example.org");
	assert_true(list[2].id == prov);
	assert_int_equal(list[2].role, ROLE_PROVIDER);
	assert_true(list[2].organisation_id == org);
	assert_string_equal(list[2].organisation_name, "Acme Care");
	assert_int_equal(user_list(testdb, &testpool, other, &list, &n), E_OK);
	assert_int_equal(n, 1);
	assert_string_equal(list[0].email, "olive@example.org");
	assert_int_equal(user_list(testdb, &testpool, 0, &list, &n), E_OK);
	assert_int_equal(n, 5);
	assert_string_equal(list[3].email, "olive@example.org");
	assert_int_equal(list[2].role, ROLE_NATIONAL);
	assert_true(list[2].partnership_id == 0);
	int64_t empty = 0;
	assert_int_equal(partnership_create(testdb, &actor_cli, "empty", "Empty", &empty), E_OK);
	assert_int_equal(user_list(testdb, &testpool, empty, &list, &n), E_OK);
	assert_int_equal(n, 0);
	assert_null(list);

	assert_int_equal(user_get(testdb, &testpool, part, prov, &u), E_OK);
	assert_string_equal(u.organisation_name, "Acme Care");
}

static void test_duplicate_email(void **state)
{
	char pw[PASSWORD_GENERATED_SIZE];
	add(part, "jane@example.org", ROLE_VIEWER, 0, pw);
	assert_int_equal(user_add(testdb, &actor_cli, part, "jane@example.org", "Again",
				  ROLE_VIEWER, 0, pw, NULL), E_CONFLICT);
	assert_string_equal(pw, "");
	/* Unique across partnerships and in any case. */
	assert_int_equal(user_add(testdb, &actor_cli, other, "JANE@example.org", "Again",
				  ROLE_VIEWER, 0, pw, NULL), E_CONFLICT);
	assert_int_equal(teststore_i64("SELECT COUNT(*) FROM app_user", 0, NULL), 1);
	assert_int_equal(teststore_i64("SELECT COUNT(*) FROM audit_event WHERE entity = 'user'", 0, NULL),
			 1);
}

static void test_email_normalise(void **state)
{
	assert_string_equal(user_email_normalise(&testpool, " A.B@Example.COM\t"), "a.b@example.com");
	assert_string_equal(user_email_normalise(&testpool, "x@y"), "x@y");
	assert_null(user_email_normalise(&testpool, NULL));
	assert_null(user_email_normalise(&testpool, ""));
	assert_null(user_email_normalise(&testpool, "   "));
	assert_null(user_email_normalise(&testpool, "jane"));
	assert_null(user_email_normalise(&testpool, "@example.org"));
	assert_null(user_email_normalise(&testpool, "jane@"));
	assert_null(user_email_normalise(&testpool, "jane@@example.org"));
	assert_null(user_email_normalise(&testpool, "ja@ne@example.org"));
	assert_null(user_email_normalise(&testpool, "jane smith@example.org"));
	assert_null(user_email_normalise(&testpool, "jane\n@example.org"));
	char longest[USER_EMAIL_MAX + 2];
	memset(longest, 'a', sizeof longest);
	longest[10] = '@';
	longest[USER_EMAIL_MAX] = '\0';
	assert_non_null(user_email_normalise(&testpool, longest));
	longest[USER_EMAIL_MAX] = 'a';
	longest[USER_EMAIL_MAX + 1] = '\0';
	assert_null(user_email_normalise(&testpool, longest));
}

static void test_add_rules(void **state)
{
	char pw[PASSWORD_GENERATED_SIZE], name[202];
	int64_t id = 0;
	struct user u;
#define ADD(p, email, nm, role, o) user_add(testdb, &actor_cli, p, email, nm, role, o, pw, &id)
	assert_int_equal(ADD(part, "not-an-email", "N", ROLE_VIEWER, 0), E_INVAL);
	assert_int_equal(ADD(part, "a@example.org", "", ROLE_VIEWER, 0), E_INVAL);
	assert_int_equal(ADD(part, "a@example.org", "   ", ROLE_VIEWER, 0), E_INVAL);
	assert_int_equal(ADD(part, "a@example.org", NULL, ROLE_VIEWER, 0), E_INVAL);
	memset(name, 'n', sizeof name);
	name[201] = '\0';
	assert_int_equal(ADD(part, "a@example.org", name, ROLE_VIEWER, 0), E_INVAL);
	assert_int_equal(ADD(part, "a@example.org", "N", ROLE_NONE, 0), E_INVAL);
	assert_int_equal(ADD(part, "a@example.org", "N", ROLE_COUNT, 0), E_INVAL);
	/* National iff no partnership. */
	assert_int_equal(ADD(part, "a@example.org", "N", ROLE_NATIONAL, 0), E_INVAL);
	assert_int_equal(ADD(0, "a@example.org", "N", ROLE_ADMIN, 0), E_INVAL);
	/* A provider needs an organisation of its own partnership; nobody else
	 * has one. */
	assert_int_equal(ADD(part, "a@example.org", "N", ROLE_PROVIDER, 0), E_INVAL);
	assert_int_equal(ADD(part, "a@example.org", "N", ROLE_PROVIDER, other_org), E_INVAL);
	assert_int_equal(ADD(part, "a@example.org", "N", ROLE_PROVIDER, org + other_org + 10),
			 E_INVAL);
	/* Only at an organisation that provides services. */
	assert_int_equal(ADD(part, "a@example.org", "N", ROLE_PROVIDER, council), E_INVAL);
	assert_int_equal(ADD(part, "a@example.org", "N", ROLE_VIEWER, org), E_INVAL);
	assert_int_equal(ADD(0, "a@example.org", "N", ROLE_NATIONAL, org), E_INVAL);
	/* A partnership that does not exist. */
	assert_int_equal(ADD(part + other + 10, "a@example.org", "N", ROLE_VIEWER, 0), E_INVAL);
	assert_int_equal(teststore_i64("SELECT COUNT(*) FROM app_user", 0, NULL), 0);
	assert_int_equal(teststore_i64("SELECT COUNT(*) FROM audit_event WHERE entity = 'user'", 0, NULL),
			 0);

	name[200] = '\0';
	assert_int_equal(ADD(part, "a@example.org", name, ROLE_VIEWER, 0), E_OK);
	assert_int_equal(ADD(part, "b@example.org", "  Trimmed  ", ROLE_PROVIDER, org), E_OK);
	assert_int_equal(user_get(testdb, &testpool, part, id, &u), E_OK);
	assert_string_equal(u.name, "Trimmed");
	assert_true(u.organisation_id == org);
	assert_int_equal(ADD(part, "d@example.org", "Both", ROLE_PROVIDER, both), E_OK);
	assert_int_equal(ADD(0, "c@example.org", "National", ROLE_NATIONAL, 0), E_OK);
	assert_int_equal(user_find_by_email(testdb, &testpool, "c@example.org", &u, NULL), E_OK);
	assert_int_equal(u.role, ROLE_NATIONAL);
	assert_true(u.partnership_id == 0);
#undef ADD
}

static void test_search(void **state)
{
	char pw[PASSWORD_GENERATED_SIZE];
	struct user *list = NULL;
	size_t n = 0, total = 0;
	int64_t jane = 0;
	assert_int_equal(user_add(testdb, &actor_cli, part, "jane.smith@example.org", "Jane Smith",
				  ROLE_ANALYST, 0, pw, &jane), E_OK);
	add(part, "bob@example.org", ROLE_VIEWER, 0, pw);
	add(part, "under_score@example.org", ROLE_VIEWER, 0, pw);
	add(part, "pat@care.example", ROLE_PROVIDER, org, pw);
	add(other, "jane@other.example", ROLE_VIEWER, 0, pw);
#define SEARCH(...) user_search(testdb, &testpool, part, &(struct user_query){__VA_ARGS__}, \
				&list, &n, &total)
	/* Name or email, any case; only this partnership's. */
	assert_int_equal(SEARCH(.q = "  JANE "), E_OK);
	assert_int_equal(n, 1);
	assert_int_equal(total, 1);
	assert_true(list[0].id == jane);
	assert_string_equal(list[0].name, "Jane Smith");
	assert_int_equal(SEARCH(.q = "sMiTh@"), E_OK);
	assert_int_equal(n, 1);
	assert_int_equal(SEARCH(.q = "Care"), E_OK); /* email only */
	assert_int_equal(n, 1);
	assert_string_equal(list[0].organisation_name, "Acme Care");
	/* LIKE's characters are only themselves. */
	assert_int_equal(SEARCH(.q = "_"), E_OK);
	assert_int_equal(n, 1);
	assert_string_equal(list[0].email, "under_score@example.org");
	assert_int_equal(SEARCH(.q = "%"), E_OK);
	assert_int_equal(n, 0);
	assert_null(list);
	assert_int_equal(SEARCH(.q = "\\"), E_OK);
	assert_int_equal(n, 0);
	/* A role; words and role together. */
	assert_int_equal(SEARCH(.role = ROLE_VIEWER), E_OK);
	assert_int_equal(n, 2);
	assert_string_equal(list[0].email, "bob@example.org");
	assert_string_equal(list[1].email, "under_score@example.org");
	assert_int_equal(SEARCH(.q = "bob", .role = ROLE_ANALYST), E_OK);
	assert_int_equal(n, 0);
	/* Pages: by email, total counting every match. */
	assert_int_equal(SEARCH(.q = "", .offset = 1, .limit = 2), E_OK);
	assert_int_equal(n, 2);
	assert_int_equal(total, 4);
	assert_string_equal(list[0].email, "jane.smith@example.org");
	assert_string_equal(list[1].email, "pat@care.example");
	assert_int_equal(SEARCH(.offset = 4), E_OK);
	assert_int_equal(n, 0);
	assert_int_equal(total, 4);
	/* What cannot be searched for. */
	assert_int_equal(SEARCH(.q = "a\x01"), E_INVAL);
	assert_int_equal(SEARCH(.role = ROLE_NATIONAL), E_INVAL);
	assert_int_equal(SEARCH(.role = ROLE_COUNT), E_INVAL);
	assert_int_equal(total, 0);
	assert_int_equal(user_search(testdb, &testpool, other, &(struct user_query){.q = "jane"},
				     &list, &n, NULL), E_OK);
	assert_int_equal(n, 1);
	assert_string_equal(list[0].email, "jane@other.example");
#undef SEARCH
}

/* The number of audit events for a user. */
static int64_t user_events(int64_t id)
{
	return teststore_i64("SELECT COUNT(*) FROM audit_event WHERE entity = 'user' AND entity_id = $1",
			     id, NULL);
}

static void test_update(void **state)
{
	char pw[PASSWORD_GENERATED_SIZE];
	struct user u;
	int64_t id = add(part, "kim@example.org", ROLE_VIEWER, 0, pw);
	int64_t theirs = add(other, "olive@example.org", ROLE_VIEWER, 0, pw);
	int64_t nat = add(0, "nat@example.org", ROLE_NATIONAL, 0, pw);
	const struct actor admin = {add(part, "someone@example.org", ROLE_ADMIN, 0, pw),
				    "someone@example.org"};

	assert_int_equal(user_update(testdb, &admin, part, id, "  Kim Lee ", ROLE_PROVIDER, org), E_OK);
	assert_int_equal(user_get(testdb, &testpool, part, id, &u), E_OK);
	assert_string_equal(u.name, "Kim Lee");
	assert_int_equal(u.role, ROLE_PROVIDER);
	assert_true(u.organisation_id == org);
	assert_string_equal(u.email, "kim@example.org");
	assert_true(u.partnership_id == part);
	assert_int_equal(u.must_change_password, 1);
	json_t *before = audit_json(id, "update", "before_json");
	json_t *after = audit_json(id, "update", "after_json");
	assert_string_equal(json_string_value(json_object_get(before, "role")), "viewer");
	assert_string_equal(json_string_value(json_object_get(before, "name")), "A Person");
	assert_true(json_is_null(json_object_get(before, "organisation_id")));
	assert_string_equal(json_string_value(json_object_get(after, "role")), "provider");
	assert_string_equal(json_string_value(json_object_get(after, "name")), "Kim Lee");
	assert_int_equal(json_integer_value(json_object_get(after, "organisation_id")), org);
	assert_int_equal(json_object_size(after), 7);
	json_decref(before);
	json_decref(after);
	/* In the user's partnership, by the actor. */
	assert_int_equal(teststore_i64("SELECT COUNT(*) FROM audit_event WHERE action = 'update'"
				       " AND entity = 'user' AND partnership_id = $1"
				       " AND actor = 'someone@example.org'", part, NULL), 1);

	/* Unchanged: nothing written, nothing recorded. */
	int64_t events = user_events(id);
	assert_int_equal(user_update(testdb, &admin, part, id, "Kim Lee", ROLE_PROVIDER, org), E_OK);
	assert_int_equal(user_events(id), events);
	/* An organisation that does both will do. */
	assert_int_equal(user_update(testdb, &admin, part, id, "Kim Lee", ROLE_PROVIDER, both), E_OK);
	assert_int_equal(user_events(id), events + 1);

	/* Refused, and nothing changes. */
	events = user_events(id);
	assert_int_equal(user_update(testdb, &admin, part, id, "", ROLE_VIEWER, 0), E_INVAL);
	assert_int_equal(user_update(testdb, &admin, part, id, NULL, ROLE_VIEWER, 0), E_INVAL);
	assert_int_equal(user_update(testdb, &admin, part, id, "K\x01", ROLE_VIEWER, 0), E_INVAL);
	assert_int_equal(user_update(testdb, &admin, part, id, "K", ROLE_NONE, 0), E_INVAL);
	assert_int_equal(user_update(testdb, &admin, part, id, "K", ROLE_COUNT, 0), E_INVAL);
	assert_int_equal(user_update(testdb, &admin, part, id, "K", ROLE_NATIONAL, 0), E_INVAL);
	assert_int_equal(user_update(testdb, &admin, part, id, "K", ROLE_PROVIDER, 0), E_INVAL);
	assert_int_equal(user_update(testdb, &admin, part, id, "K", ROLE_PROVIDER, council), E_INVAL);
	assert_int_equal(user_update(testdb, &admin, part, id, "K", ROLE_PROVIDER, other_org), E_INVAL);
	assert_int_equal(user_update(testdb, &admin, part, id, "K", ROLE_VIEWER, org), E_INVAL);
	assert_int_equal(organisation_set_retired(testdb, &actor_cli, part, org, 1), E_OK);
	assert_int_equal(user_update(testdb, &admin, part, id, "K", ROLE_PROVIDER, org), E_INVAL);
	/* Scoped: not through another partnership, nor none; national users
	 * belong to none, so are never found. */
	assert_int_equal(user_update(testdb, &admin, other, id, "K", ROLE_VIEWER, 0), E_NOTFOUND);
	assert_int_equal(user_update(testdb, &admin, 0, id, "K", ROLE_VIEWER, 0), E_NOTFOUND);
	assert_int_equal(user_update(testdb, &admin, part, theirs, "K", ROLE_VIEWER, 0), E_NOTFOUND);
	assert_int_equal(user_update(testdb, &admin, part, nat, "K", ROLE_VIEWER, 0), E_NOTFOUND);
	assert_int_equal(user_update(testdb, &admin, 0, nat, "K", ROLE_NATIONAL, 0), E_NOTFOUND);
	assert_int_equal(user_update(testdb, &admin, part, id + theirs + nat, "K", ROLE_VIEWER, 0),
			 E_NOTFOUND);
	assert_int_equal(user_events(id), events);
	assert_int_equal(user_get(testdb, &testpool, part, id, &u), E_OK);
	assert_string_equal(u.name, "Kim Lee");
	assert_true(u.organisation_id == both);
	assert_int_equal(user_get(testdb, &testpool, other, theirs, &u), E_OK);
	assert_string_equal(u.name, "A Person");
	assert_int_equal(u.role, ROLE_VIEWER);
	assert_int_equal(user_find_by_email(testdb, &testpool, "nat@example.org", &u, NULL), E_OK);
	assert_int_equal(u.role, ROLE_NATIONAL);

	/* Back to a viewer: the organisation goes. */
	assert_int_equal(user_update(testdb, &admin, part, id, "Kim Lee", ROLE_VIEWER, 0), E_OK);
	assert_int_equal(user_get(testdb, &testpool, part, id, &u), E_OK);
	assert_true(u.organisation_id == 0);
	assert_null(u.organisation_name);
}

static void test_own_role(void **state)
{
	char pw[PASSWORD_GENERATED_SIZE];
	struct user u;
	int64_t a = add(part, "a@example.org", ROLE_ADMIN, 0, pw);
	int64_t b = add(part, "b@example.org", ROLE_ADMIN, 0, pw);
	const struct actor as_a = {a, "a@example.org"};
	/* Not even with another administrator left; the code says which refusal. */
	assert_int_equal(user_update(testdb, &as_a, part, a, "A", ROLE_VIEWER, 0), E_USER_OWN_ROLE);
	assert_true(E_USER_OWN_ROLE != E_INVAL && E_USER_OWN_ROLE != E_CONFLICT &&
		    E_USER_OWN_ROLE != E_NOTFOUND && E_USER_OWN_ROLE != E_OK);
	assert_int_equal(user_get(testdb, &testpool, part, a, &u), E_OK);
	assert_int_equal(u.role, ROLE_ADMIN);
	assert_string_equal(u.name, "A Person");
	/* Their own name, yes; another's role, yes. */
	assert_int_equal(user_update(testdb, &as_a, part, a, "Ann", ROLE_ADMIN, 0), E_OK);
	assert_int_equal(user_update(testdb, &as_a, part, b, "Bea", ROLE_ANALYST, 0), E_OK);
	assert_int_equal(user_get(testdb, &testpool, part, b, &u), E_OK);
	assert_int_equal(u.role, ROLE_ANALYST);
	/* Someone who is not an administrator is not refused this (the pages
	 * keep them out). */
	const struct actor as_b = {b, "b@example.org"};
	assert_int_equal(user_update(testdb, &as_b, part, b, "Bea", ROLE_VIEWER, 0), E_OK);
}

static void test_last_admin(void **state)
{
	char pw[PASSWORD_GENERATED_SIZE];
	struct user u;
	int64_t a = add(part, "a@example.org", ROLE_ADMIN, 0, pw);
	int64_t b = add(part, "b@example.org", ROLE_ADMIN, 0, pw);
	int64_t c = add(part, "c@example.org", ROLE_ADMIN, 0, pw);
	int64_t elsewhere = add(other, "o@example.org", ROLE_ADMIN, 0, pw);
	/* Three, then two: each may go while another is left. */
	assert_int_equal(user_update(testdb, &actor_cli, part, a, "A", ROLE_VIEWER, 0), E_OK);
	assert_int_equal(user_set_disabled(testdb, &actor_cli, part, c, 1), E_OK);
	/* b is the last active one: neither demoted nor disabled (another
	 * partnership's administrator does not count, nor a disabled one). */
	int64_t events = teststore_i64("SELECT COUNT(*) FROM audit_event", 0, NULL);
	assert_int_equal(user_update(testdb, &actor_cli, part, b, "B", ROLE_PROVIDER, org), E_CONFLICT);
	assert_int_equal(user_set_disabled(testdb, &actor_cli, part, b, 1), E_CONFLICT);
	assert_int_equal(user_set_disabled(testdb, &actor_cli, 0, b, 1), E_CONFLICT);
	assert_int_equal(teststore_i64("SELECT COUNT(*) FROM audit_event", 0, NULL), events);
	assert_int_equal(user_get(testdb, &testpool, part, b, &u), E_OK);
	assert_int_equal(u.role, ROLE_ADMIN);
	assert_null(u.disabled_at);
	/* Their name may still change, and a disabled administrator may be
	 * demoted. */
	assert_int_equal(user_update(testdb, &actor_cli, part, b, "Bea", ROLE_ADMIN, 0), E_OK);
	assert_int_equal(user_update(testdb, &actor_cli, part, c, "C", ROLE_VIEWER, 0), E_OK);
	/* The other partnership's last one is its own. */
	assert_int_equal(user_set_disabled(testdb, &actor_cli, other, elsewhere, 1), E_CONFLICT);
	/* With another active again, b may go. */
	assert_int_equal(user_update(testdb, &actor_cli, part, a, "A", ROLE_ADMIN, 0), E_OK);
	assert_int_equal(user_set_disabled(testdb, &actor_cli, part, b, 1), E_OK);
	assert_int_equal(user_update(testdb, &actor_cli, part, b, "Bea", ROLE_VIEWER, 0), E_OK);
	assert_int_equal(user_update(testdb, &actor_cli, part, a, "A", ROLE_VIEWER, 0), E_CONFLICT);
	/* Enabling is never refused. */
	assert_int_equal(user_set_disabled(testdb, &actor_cli, part, b, 0), E_OK);
}

/* 1 while the session still signs its user in. */
static int live_session(const char *token)
{
	struct principal p;
	const char *csrf;
	return session_lookup(testdb, &testpool, token, 1000, 3600, 7200, &p, &csrf) == E_OK;
}

static void test_change_password(void **state)
{
	char pw[PASSWORD_GENERATED_SIZE], s1[SESSION_TOKEN_SIZE], s2[SESSION_TOKEN_SIZE];
	char keep[SESSION_HASH_SIZE];
	const char *why = "unset", *hash = NULL;
	struct user u;
	int64_t id = add(part, "jane.smithson@example.org", ROLE_ADMIN, 0, pw);
	assert_int_equal(session_create(testdb, id, 1000, s1), E_OK);
	assert_int_equal(session_create(testdb, id, 1000, s2), E_OK);
	session_token_hash(s1, keep);

	assert_int_equal(user_change_password(testdb, &actor_cli, id, "wrong password",
					      "plum tree at dusk", keep, &why), E_INVAL);
	assert_string_equal(why, "The current password you entered is not correct");
	assert_int_equal(user_change_password(testdb, &actor_cli, id, pw, "short", keep, &why),
			 E_INVAL);
	assert_string_equal(why, "Enter a password of at least 12 characters");
	assert_int_equal(user_change_password(testdb, &actor_cli, id, pw, "Password1234", keep,
					      &why), E_INVAL);
	assert_string_equal(why, "Choose a password that is harder to guess: "
				 "this one is on a list of common passwords");
	assert_int_equal(user_change_password(testdb, &actor_cli, id, pw, "JANE.SMITHSON", keep,
					      &why), E_INVAL);
	assert_string_equal(why, "Choose a password that is not your email address");
	assert_true(live_session(s2));
	assert_int_equal(user_change_password(testdb, &actor_cli, id + 100, pw,
					      "plum tree at dusk", keep, &why), E_NOTFOUND);

	assert_int_equal(user_change_password(testdb, &actor_cli, id, pw, "plum tree at dusk", keep,
					      &why), E_OK);
	assert_null(why);
	assert_int_equal(user_find_by_email(testdb, &testpool, "jane.smithson@example.org", &u, &hash),
			 E_OK);
	assert_int_equal(u.must_change_password, 0);
	assert_true(password_verify(hash, "plum tree at dusk"));
	assert_false(password_verify(hash, pw));
	/* The session it was changed from stays; the others end. */
	assert_true(live_session(s1));
	assert_false(live_session(s2));

	json_t *before = audit_json(id, "change_password", "before_json");
	json_t *after = audit_json(id, "change_password", "after_json");
	assert_true(json_is_true(json_object_get(before, "must_change_password")));
	assert_true(json_is_false(json_object_get(after, "must_change_password")));
	json_decref(before);
	json_decref(after);

	/* NULL keeps none. */
	assert_int_equal(user_change_password(testdb, &actor_cli, id, "plum tree at dusk",
					      "apple blossom in may", NULL, NULL), E_OK);
	assert_false(live_session(s1));
}

static void test_reset_password(void **state)
{
	char pw[PASSWORD_GENERATED_SIZE], fresh[PASSWORD_GENERATED_SIZE];
	char s1[SESSION_TOKEN_SIZE], tok[TOKEN_SIZE];
	const char *hash = NULL;
	struct user u;
	struct principal p;
	int64_t id = add(part, "jane@example.org", ROLE_VIEWER, 0, pw);
	assert_int_equal(user_change_password(testdb, &actor_cli, id, pw, "plum tree at dusk", NULL,
					      NULL), E_OK);
	assert_int_equal(session_create(testdb, id, 1000, s1), E_OK);
	assert_int_equal(token_create(testdb, &actor_cli, id, "script", tok, NULL), E_OK);

	/* Scoped: not from another partnership, and nothing changes. */
	assert_int_equal(user_reset_password(testdb, &actor_cli, other, id, fresh), E_NOTFOUND);
	assert_string_equal(fresh, "");
	assert_true(live_session(s1));
	assert_int_equal(token_lookup(testdb, &testpool, tok, &p), E_OK);

	assert_int_equal(user_reset_password(testdb, &actor_cli, part, id, fresh), E_OK);
	assert_int_equal(strlen(fresh), PASSWORD_GENERATED_SIZE - 1);
	assert_int_equal(user_find_by_email(testdb, &testpool, "jane@example.org", &u, &hash), E_OK);
	assert_int_equal(u.must_change_password, 1);
	assert_true(password_verify(hash, fresh));
	assert_false(password_verify(hash, "plum tree at dusk"));
	assert_false(live_session(s1));
	assert_int_equal(token_lookup(testdb, &testpool, tok, &p), E_NOTFOUND);

	/* 0: any partnership (the command line). */
	assert_int_equal(user_reset_password(testdb, &actor_cli, 0, id, pw), E_OK);
	assert_int_equal(user_find_by_email(testdb, &testpool, "jane@example.org", &u, &hash), E_OK);
	assert_true(password_verify(hash, pw));
	assert_int_equal(user_reset_password(testdb, &actor_cli, 0, id + 100, pw), E_NOTFOUND);
}

static void test_disable(void **state)
{
	char pw[PASSWORD_GENERATED_SIZE], s1[SESSION_TOKEN_SIZE], tok[TOKEN_SIZE];
	struct user u;
	struct principal p;
	int64_t id = add(part, "jane@example.org", ROLE_VIEWER, 0, pw);
	int64_t bob = add(part, "bob@example.org", ROLE_VIEWER, 0, pw);
	char bob_s[SESSION_TOKEN_SIZE];
	assert_int_equal(session_create(testdb, id, 1000, s1), E_OK);
	assert_int_equal(session_create(testdb, bob, 1000, bob_s), E_OK);
	assert_int_equal(token_create(testdb, &actor_cli, id, "script", tok, NULL), E_OK);

	assert_int_equal(user_set_disabled(testdb, &actor_cli, other, id, 1), E_NOTFOUND);
	assert_true(live_session(s1));

	assert_int_equal(user_set_disabled(testdb, &actor_cli, part, id, 1), E_OK);
	assert_int_equal(user_get(testdb, &testpool, part, id, &u), E_OK);
	assert_non_null(u.disabled_at);
	assert_false(live_session(s1));
	assert_int_equal(token_lookup(testdb, &testpool, tok, &p), E_NOTFOUND);
	assert_true(live_session(bob_s));
	int64_t events = teststore_i64("SELECT COUNT(*) FROM audit_event", 0, NULL);
	/* Disabling again changes nothing and records nothing. */
	assert_int_equal(user_set_disabled(testdb, &actor_cli, part, id, 1), E_OK);
	assert_int_equal(teststore_i64("SELECT COUNT(*) FROM audit_event", 0, NULL), events);

	assert_int_equal(user_set_disabled(testdb, &actor_cli, 0, id, 0), E_OK);
	assert_int_equal(user_get(testdb, &testpool, part, id, &u), E_OK);
	assert_null(u.disabled_at);
	json_t *before = audit_json(id, "disable", "before_json");
	json_t *after = audit_json(id, "disable", "after_json");
	assert_true(json_is_false(json_object_get(before, "disabled")));
	assert_true(json_is_true(json_object_get(after, "disabled")));
	json_decref(before);
	json_decref(after);
	after = audit_json(id, "enable", "after_json");
	assert_true(json_is_false(json_object_get(after, "disabled")));
	json_decref(after);
	/* Enabling does not bring a revoked token back. */
	assert_int_equal(token_lookup(testdb, &testpool, tok, &p), E_NOTFOUND);
}

static void test_audit_rows(void **state)
{
	char pw[PASSWORD_GENERATED_SIZE], fresh[PASSWORD_GENERATED_SIZE];
	char nat_pw[PASSWORD_GENERATED_SIZE];
	int64_t id = add(part, "jane@example.org", ROLE_PROVIDER, org, pw);
	int64_t nat = add(0, "nat@example.org", ROLE_NATIONAL, 0, nat_pw);
	const struct actor admin = {id, "jane@example.org"};

	json_t *after = audit_json(id, "create", "after_json");
	assert_int_equal(json_integer_value(json_object_get(after, "id")), id);
	assert_string_equal(json_string_value(json_object_get(after, "email")), "jane@example.org");
	assert_string_equal(json_string_value(json_object_get(after, "name")), "A Person");
	assert_string_equal(json_string_value(json_object_get(after, "role")), "provider");
	assert_int_equal(json_integer_value(json_object_get(after, "organisation_id")), org);
	assert_true(json_is_false(json_object_get(after, "disabled")));
	assert_true(json_is_true(json_object_get(after, "must_change_password")));
	assert_int_equal(json_object_size(after), 7);
	json_decref(after);
	after = audit_json(nat, "create", "after_json");
	assert_true(json_is_null(json_object_get(after, "organisation_id")));
	json_decref(after);

	assert_int_equal(user_change_password(testdb, &admin, id, pw, "plum tree at dusk", NULL,
					      NULL), E_OK);
	assert_int_equal(user_reset_password(testdb, &admin, part, id, fresh), E_OK);
	assert_int_equal(user_set_disabled(testdb, &admin, part, id, 1), E_OK);

	/* One event per write, in the user's partnership (none for national),
	 * and the actor recorded. */
	assert_int_equal(teststore_i64("SELECT COUNT(*) FROM audit_event WHERE entity = 'user'"
				       " AND entity_id = $1", id, NULL), 4);
	assert_int_equal(teststore_i64("SELECT COUNT(*) FROM audit_event WHERE entity = 'user'"
				       " AND partnership_id = $1", part, NULL), 4);
	assert_int_equal(teststore_i64("SELECT COUNT(*) FROM audit_event WHERE entity = 'user'"
				       " AND entity_id = $1 AND partnership_id IS NULL", nat, NULL), 1);
	assert_int_equal(teststore_i64("SELECT COUNT(*) FROM audit_event WHERE actor_user_id = $1"
				       " AND actor = 'jane@example.org'", id, NULL), 3);

	/* Secrets never: no hash, no password, old or new. */
	const char *like = "SELECT COUNT(*) FROM audit_event"
			   " WHERE before_json LIKE $1 OR after_json LIKE $1";
	char pat[64];
	assert_int_equal(teststore_i64(like, 0, "%$argon2%"), 0);
	assert_int_equal(teststore_i64(like, 0, "%password_hash%"), 0);
	snprintf(pat, sizeof pat, "%%%s%%", pw);
	assert_int_equal(teststore_i64(like, 0, pat), 0);
	snprintf(pat, sizeof pat, "%%%s%%", fresh);
	assert_int_equal(teststore_i64(like, 0, pat), 0);
	assert_int_equal(teststore_i64(like, 0, "%plum tree%"), 0);
	assert_true(teststore_i64("SELECT COUNT(*) FROM audit_event", 0, NULL) >= 5);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_add_get_find_list, setup, teststore_teardown),
		cmocka_unit_test_setup_teardown(test_duplicate_email, setup, teststore_teardown),
		cmocka_unit_test_setup_teardown(test_email_normalise, setup, teststore_teardown),
		cmocka_unit_test_setup_teardown(test_add_rules, setup, teststore_teardown),
		cmocka_unit_test_setup_teardown(test_search, setup, teststore_teardown),
		cmocka_unit_test_setup_teardown(test_update, setup, teststore_teardown),
		cmocka_unit_test_setup_teardown(test_own_role, setup, teststore_teardown),
		cmocka_unit_test_setup_teardown(test_last_admin, setup, teststore_teardown),
		cmocka_unit_test_setup_teardown(test_change_password, setup, teststore_teardown),
		cmocka_unit_test_setup_teardown(test_reset_password, setup, teststore_teardown),
		cmocka_unit_test_setup_teardown(test_disable, setup, teststore_teardown),
		cmocka_unit_test_setup_teardown(test_audit_rows, setup, teststore_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
