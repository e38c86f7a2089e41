/*
 * test_user_web.c: the administrator's pages for people: the list, adding
 * a person (validation, the one-time password shown once), a person's page
 * with reset, disable and enable, who may use them, and scoping (another
 * partnership's people are not found).  Runs on both backends.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit/audit.h"
#include "auth/password.h"
#include "auth/user.h"
#include "db/db.h"
#include "partnership/partnership.h"
#include "support/testapp.h"

static int setup(void **state)
{
	struct testapp *t = calloc(1, sizeof *t);
	assert_non_null(t);
	testapp_start(t, NULL, 0);
	*state = t;
	return 0;
}

static int teardown(void **state)
{
	testapp_stop(*state);
	free(*state);
	return 0;
}

static int status_of(struct testapp *t, const struct testuser *u, const char *method,
		     const char *target, const char *form)
{
	struct texchange *ex = testapp_run(t, u, method, target, form);
	int s = ex->res.status;
	texchange_free(ex);
	return s;
}

static void assert_body_has(const struct texchange *ex, const char *text)
{
	if (!strstr(texchange_body(ex), text))
		fail_msg("page (status %d) lacks \"%s\"", ex->res.status, text);
}

static size_t user_count(struct testapp *t, int64_t partnership_id)
{
	struct pool p;
	struct user *users;
	size_t n;
	pool_init(&p, 1 << 20);
	assert_int_equal(user_list(app_db(&t->app), &p, partnership_id, &users, &n), E_OK);
	pool_free(&p);
	return n;
}

/* The partnership's first organisation (providers are bound to one). */
static int64_t first_organisation(struct testapp *t, int64_t partnership_id, char *name, size_t n)
{
	struct pool p;
	struct organisation *orgs;
	size_t count;
	pool_init(&p, 1 << 20);
	assert_int_equal(organisation_list(app_db(&t->app), &p, partnership_id, &orgs, &count), E_OK);
	assert_true(count > 0);
	int64_t id = orgs[0].id;
	if (name)
		snprintf(name, n, "%s", orgs[0].name);
	pool_free(&p);
	return id;
}

static int64_t other_partnership(struct testapp *t)
{
	int64_t id;
	struct db *db = app_db(&t->app);
	assert_int_equal(partnership_create(db, &actor_cli, "other", "Other", &id), E_OK);
	assert_int_equal(organisation_add(db, &actor_cli, id, "Other Council", "county_council",
					  "commissioner", NULL, NULL), E_OK);
	return id;
}

static void test_people_list(void **state)
{
	struct testapp *t = *state;
	struct testuser admin, provider, other;
	char pw[PASSWORD_GENERATED_SIZE], orgname[256];
	int64_t disabled_id;
	testapp_user(t, t->partnership_id, ROLE_ADMIN, &admin);
	testapp_user(t, t->partnership_id, ROLE_PROVIDER, &provider);
	first_organisation(t, t->partnership_id, orgname, sizeof orgname);
	struct db *db = app_db(&t->app);
	assert_int_equal(user_add(db, &actor_cli, t->partnership_id, "fresh@example.org", "Fresh Person",
				  ROLE_ANALYST, 0, pw, NULL), E_OK);
	assert_int_equal(user_add(db, &actor_cli, t->partnership_id, "gone@example.org", "Gone Person",
				  ROLE_VIEWER, 0, pw, &disabled_id), E_OK);
	assert_int_equal(user_set_disabled(db, &actor_cli, t->partnership_id, disabled_id, 1), E_OK);
	testapp_user(t, other_partnership(t), ROLE_ADMIN, &other);

	struct texchange *ex = testapp_run(t, &admin, "GET", "/users", NULL);
	assert_int_equal(ex->res.status, 200);
	assert_body_has(ex, "<h1 class=\"govuk-heading-l\">People</h1>");
	assert_body_has(ex, "href=\"/users/new\"");
	assert_body_has(ex, admin.email);
	assert_body_has(ex, "Administrator");
	assert_body_has(ex, "Analyst");
	assert_body_has(ex, orgname);
	assert_body_has(ex, "Must change password");
	assert_body_has(ex, "Disabled");
	assert_body_has(ex, "Active");
	assert_body_has(ex, "Fresh Person");
	char href[64];
	snprintf(href, sizeof href, "href=\"/users/%lld\"", (long long)disabled_id);
	assert_body_has(ex, href);
	/* Nobody of the other partnership. */
	assert_null(strstr(texchange_body(ex), other.email));
	texchange_free(ex);
}

static void test_only_administrators(void **state)
{
	struct testapp *t = *state;
	struct testuser admin;
	testapp_user(t, t->partnership_id, ROLE_ADMIN, &admin);
	char page[64], reset[64];
	snprintf(page, sizeof page, "/users/%lld", (long long)admin.id);
	snprintf(reset, sizeof reset, "/users/%lld/reset-password", (long long)admin.id);
	enum role others[] = {ROLE_COMMISSIONER, ROLE_ANALYST, ROLE_BOARD_MEMBER, ROLE_PROVIDER,
			      ROLE_VIEWER, ROLE_NATIONAL};
	size_t before = user_count(t, t->partnership_id);
	for (size_t i = 0; i < sizeof others / sizeof others[0]; i++) {
		struct testuser u;
		testapp_user(t, others[i] == ROLE_NATIONAL ? 0 : t->partnership_id, others[i], &u);
		assert_int_equal(status_of(t, &u, "GET", "/users", NULL), 403);
		assert_int_equal(status_of(t, &u, "GET", "/users/new", NULL), 403);
		assert_int_equal(status_of(t, &u, "GET", page, NULL), 403);
		assert_int_equal(status_of(t, &u, "POST", "/users/new",
					   "name=X&email=x%40example.org&role=admin"), 403);
		assert_int_equal(status_of(t, &u, "POST", reset, NULL), 403);
		/* No link to a page they cannot use. */
		struct texchange *ex = testapp_run(t, &u, "GET", "/account", NULL);
		assert_null(strstr(texchange_body(ex), "href=\"/users\""));
		texchange_free(ex);
	}
	assert_int_equal(user_count(t, t->partnership_id), before + 5);
}

static void test_new_form(void **state)
{
	struct testapp *t = *state;
	struct testuser admin;
	char orgname[256], opt[64];
	testapp_user(t, t->partnership_id, ROLE_ADMIN, &admin);
	int64_t org = first_organisation(t, t->partnership_id, orgname, sizeof orgname);
	struct texchange *ex = testapp_run(t, &admin, "GET", "/users/new", NULL);
	assert_int_equal(ex->res.status, 200);
	assert_body_has(ex, "name=\"name\"");
	assert_body_has(ex, "name=\"email\" type=\"email\"");
	const char *roles[] = {"admin", "commissioner", "analyst", "board_member", "provider", "viewer"};
	for (size_t i = 0; i < 6; i++) {
		char radio[64];
		snprintf(radio, sizeof radio, "type=\"radio\" value=\"%s\"", roles[i]);
		assert_body_has(ex, radio);
	}
	/* The national role is not a partnership's to give. */
	assert_null(strstr(texchange_body(ex), "value=\"national\""));
	snprintf(opt, sizeof opt, "<option value=\"%lld\"", (long long)org);
	assert_body_has(ex, opt);
	assert_body_has(ex, "name=\"csrf_token\"");
	texchange_free(ex);
}

static void test_create_validation(void **state)
{
	struct testapp *t = *state;
	struct testuser admin;
	testapp_user(t, t->partnership_id, ROLE_ADMIN, &admin);
	int64_t other = other_partnership(t);
	int64_t their_org = first_organisation(t, other, NULL, 0);
	size_t before = user_count(t, t->partnership_id);

	struct texchange *ex = testapp_run(t, &admin, "POST", "/users/new", "name=+&email=&role=");
	assert_int_equal(ex->res.status, 400);
	assert_body_has(ex, "<title>Error: Add a person");
	assert_body_has(ex, "There is a problem");
	assert_body_has(ex, "Enter the person&#39;s full name");
	assert_body_has(ex, "Enter their email address");
	assert_body_has(ex, "Select a role");
	texchange_free(ex);

	ex = testapp_run(t, &admin, "POST", "/users/new", "name=Alex+Jones&email=alex.example.org&role=national");
	assert_int_equal(ex->res.status, 400);
	assert_body_has(ex, "Enter an email address in the correct format, like name@example.com");
	assert_body_has(ex, "Select a role");
	assert_body_has(ex, "value=\"Alex Jones\"");        /* kept */
	assert_body_has(ex, "value=\"alex.example.org\"");
	texchange_free(ex);

	/* A provider needs an organisation, and one of this partnership. */
	ex = testapp_run(t, &admin, "POST", "/users/new",
			 "name=Alex&email=alex%40example.org&role=provider&organisation=");
	assert_int_equal(ex->res.status, 400);
	assert_body_has(ex, "Select the provider&#39;s organisation");
	texchange_free(ex);
	char form[256];
	snprintf(form, sizeof form, "name=Alex&email=alex%%40example.org&role=provider&organisation=%lld",
		 (long long)their_org);
	ex = testapp_run(t, &admin, "POST", "/users/new", form);
	assert_int_equal(ex->res.status, 400);
	assert_body_has(ex, "Select the provider&#39;s organisation");
	texchange_free(ex);

	/* An email already taken, in any case, in any partnership. */
	struct testuser elsewhere;
	testapp_user(t, other, ROLE_VIEWER, &elsewhere);
	char shouted[128];
	snprintf(shouted, sizeof shouted, "%s", elsewhere.email);
	for (char *c = shouted; *c; c++)
		if (*c >= 'a' && *c <= 'z')
			*c = (char)(*c - 'a' + 'A');
	snprintf(form, sizeof form, "name=Alex&email=%s&role=viewer", shouted);
	ex = testapp_run(t, &admin, "POST", "/users/new", form);
	assert_int_equal(ex->res.status, 400);
	assert_body_has(ex, "There is already an account with this email address");
	assert_null(strstr(texchange_body(ex), "app-secret"));
	texchange_free(ex);

	assert_int_equal(user_count(t, t->partnership_id), before);
}

static void test_create(void **state)
{
	struct testapp *t = *state;
	struct testuser admin;
	char orgname[256], form[256];
	testapp_user(t, t->partnership_id, ROLE_ADMIN, &admin);
	int64_t org = first_organisation(t, t->partnership_id, orgname, sizeof orgname);
	snprintf(form, sizeof form,
		 "name=Alex+Jones&email=Alex.Jones%%40Example.org&role=provider&organisation=%lld",
		 (long long)org);
	struct texchange *ex = testapp_run(t, &admin, "POST", "/users/new", form);
	assert_int_equal(ex->res.status, 200);
	assert_null(texchange_header(ex, "Location"));
	assert_string_equal(texchange_header(ex, "Cache-Control"), "no-store");
	assert_body_has(ex, "Account created");
	assert_body_has(ex, "will not be shown again");
	assert_body_has(ex, "govuk-warning-text");
	assert_body_has(ex, orgname);
	const char *code = strstr(texchange_body(ex), "<code class=\"app-secret\">");
	assert_non_null(code);
	char pw[PASSWORD_GENERATED_SIZE];
	code += strlen("<code class=\"app-secret\">");
	assert_int_equal(strcspn(code, "<"), PASSWORD_GENERATED_SIZE - 1);
	memcpy(pw, code, PASSWORD_GENERATED_SIZE - 1);
	pw[PASSWORD_GENERATED_SIZE - 1] = '\0';
	for (size_t i = 0; i < ex->res.nheaders; i++)
		assert_null(strstr(ex->res.headers[i].value, pw));
	texchange_free(ex);

	struct pool p;
	struct user u;
	const char *hash;
	pool_init(&p, 1 << 20);
	assert_int_equal(user_find_by_email(app_db(&t->app), &p, "alex.jones@example.org", &u, &hash),
			 E_OK);
	assert_string_equal(u.name, "Alex Jones");
	assert_int_equal(u.role, ROLE_PROVIDER);
	assert_int_equal(u.organisation_id, org);
	assert_int_equal(u.partnership_id, t->partnership_id);
	assert_true(u.must_change_password);
	assert_true(password_verify(hash, pw));
	/* Never in the audit trail. */
	struct audit_event *ev;
	size_t n;
	int more;
	assert_int_equal(audit_list(app_db(&t->app), &p, t->partnership_id,
				    &(struct audit_filter){.entity = "user", .entity_id = u.id}, &ev, &n,
				    &more), E_OK);
	assert_int_equal(n, 1);
	assert_string_equal(ev[0].actor, admin.email);
	assert_null(strstr(ev[0].after, pw));
	pool_free(&p);

	/* An organisation sent with another role is not kept. */
	snprintf(form, sizeof form, "name=Bo&email=bo%%40example.org&role=viewer&organisation=%lld",
		 (long long)org);
	assert_int_equal(status_of(t, &admin, "POST", "/users/new", form), 200);
	pool_init(&p, 1 << 20);
	assert_int_equal(user_find_by_email(app_db(&t->app), &p, "bo@example.org", &u, NULL), E_OK);
	assert_int_equal(u.role, ROLE_VIEWER);
	assert_int_equal(u.organisation_id, 0);
	pool_free(&p);
}

static int disabled(struct testapp *t, int64_t partnership_id, int64_t id)
{
	struct pool p;
	struct user u;
	pool_init(&p, 1 << 16);
	assert_int_equal(user_get(app_db(&t->app), &p, partnership_id, id, &u), E_OK);
	int d = u.disabled_at != NULL;
	pool_free(&p);
	return d;
}

static void test_show_disable_enable(void **state)
{
	struct testapp *t = *state;
	struct testuser admin, u;
	char target[96];
	testapp_user(t, t->partnership_id, ROLE_ADMIN, &admin);
	testapp_user(t, t->partnership_id, ROLE_VIEWER, &u);

	snprintf(target, sizeof target, "/users/%lld", (long long)u.id);
	struct texchange *ex = testapp_run(t, &admin, "GET", target, NULL);
	assert_int_equal(ex->res.status, 200);
	assert_body_has(ex, u.email);
	assert_body_has(ex, "Viewer");
	assert_body_has(ex, "Active");
	assert_body_has(ex, "/reset-password\"");
	assert_body_has(ex, "/disable\"");
	assert_body_has(ex, "Reset password");
	texchange_free(ex);

	snprintf(target, sizeof target, "/users/%lld/disable", (long long)u.id);
	ex = testapp_run(t, &admin, "POST", target, NULL);
	assert_int_equal(ex->res.status, 303);
	char done[96];
	snprintf(done, sizeof done, "/users/%lld?done=disabled", (long long)u.id);
	assert_string_equal(texchange_header(ex, "Location"), done);
	texchange_free(ex);
	assert_true(disabled(t, t->partnership_id, u.id));
	/* Their session ended with it. */
	assert_int_equal(status_of(t, &u, "GET", "/account", NULL), 303);

	ex = testapp_run(t, &admin, "GET", done, NULL);
	assert_body_has(ex, "govuk-notification-banner--success");
	assert_body_has(ex, "Account disabled");
	assert_body_has(ex, "Disabled");
	assert_body_has(ex, "/enable\"");
	texchange_free(ex);

	snprintf(target, sizeof target, "/users/%lld/enable", (long long)u.id);
	ex = testapp_run(t, &admin, "POST", target, NULL);
	assert_int_equal(ex->res.status, 303);
	snprintf(done, sizeof done, "/users/%lld?done=enabled", (long long)u.id);
	assert_string_equal(texchange_header(ex, "Location"), done);
	texchange_free(ex);
	assert_false(disabled(t, t->partnership_id, u.id));
	ex = testapp_run(t, &admin, "GET", done, NULL);
	assert_body_has(ex, "Account enabled");
	texchange_free(ex);
}

static void test_not_oneself(void **state)
{
	struct testapp *t = *state;
	struct testuser admin;
	char target[96];
	testapp_user(t, t->partnership_id, ROLE_ADMIN, &admin);

	snprintf(target, sizeof target, "/users/%lld", (long long)admin.id);
	struct texchange *ex = testapp_run(t, &admin, "GET", target, NULL);
	assert_int_equal(ex->res.status, 200);
	assert_null(strstr(texchange_body(ex), "/disable\""));
	assert_body_has(ex, "This is your own account");
	texchange_free(ex);

	snprintf(target, sizeof target, "/users/%lld/disable", (long long)admin.id);
	ex = testapp_run(t, &admin, "POST", target, NULL);
	assert_int_equal(ex->res.status, 400);
	assert_body_has(ex, "You cannot disable your own account");
	texchange_free(ex);
	assert_false(disabled(t, t->partnership_id, admin.id));

	snprintf(target, sizeof target, "/users/%lld/reset-password", (long long)admin.id);
	ex = testapp_run(t, &admin, "POST", target, NULL);
	assert_int_equal(ex->res.status, 400);
	assert_body_has(ex, "You cannot reset your own password here");
	assert_null(strstr(texchange_body(ex), "app-secret"));
	texchange_free(ex);
	/* Still signed in. */
	assert_int_equal(status_of(t, &admin, "GET", "/users", NULL), 200);
}

static void test_other_partnership_not_found(void **state)
{
	struct testapp *t = *state;
	struct testuser admin, theirs;
	char target[96];
	testapp_user(t, t->partnership_id, ROLE_ADMIN, &admin);
	int64_t other = other_partnership(t);
	testapp_user(t, other, ROLE_VIEWER, &theirs);

	const char *actions[] = {"", "/reset-password", "/disable", "/enable"};
	for (size_t i = 0; i < 4; i++) {
		snprintf(target, sizeof target, "/users/%lld%s", (long long)theirs.id, actions[i]);
		assert_int_equal(status_of(t, &admin, i ? "POST" : "GET", target, NULL), 404);
	}
	/* Nothing changed: still enabled, still signed in, same password. */
	assert_false(disabled(t, other, theirs.id));
	assert_int_equal(status_of(t, &theirs, "GET", "/account", NULL), 200);
	assert_int_equal(status_of(t, &admin, "GET", "/users/0", NULL), 404);
	assert_int_equal(status_of(t, &admin, "GET", "/users/abc", NULL), 404);
	assert_int_equal(status_of(t, &admin, "GET", "/users/99999999", NULL), 404);
}

static void test_reset(void **state)
{
	struct testapp *t = *state;
	struct testuser admin, u;
	char target[96];
	testapp_user(t, t->partnership_id, ROLE_ADMIN, &admin);
	testapp_user(t, t->partnership_id, ROLE_ANALYST, &u);
	snprintf(target, sizeof target, "/users/%lld/reset-password", (long long)u.id);
	struct texchange *ex = testapp_run(t, &admin, "POST", target, NULL);
	assert_int_equal(ex->res.status, 200);
	assert_string_equal(texchange_header(ex, "Cache-Control"), "no-store");
	assert_body_has(ex, "Password reset");
	assert_body_has(ex, "<code class=\"app-secret\">");
	assert_body_has(ex, "will not be shown again");
	texchange_free(ex);
	/* Their session ended, and they must choose a password next time. */
	assert_int_equal(status_of(t, &u, "GET", "/account", NULL), 303);
	struct pool p;
	struct user got;
	pool_init(&p, 1 << 16);
	assert_int_equal(user_get(app_db(&t->app), &p, t->partnership_id, u.id, &got), E_OK);
	assert_true(got.must_change_password);
	pool_free(&p);
	ex = testapp_run(t, &admin, "GET", "/users", NULL);
	assert_body_has(ex, "Must change password");
	texchange_free(ex);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_people_list, setup, teardown),
		cmocka_unit_test_setup_teardown(test_only_administrators, setup, teardown),
		cmocka_unit_test_setup_teardown(test_new_form, setup, teardown),
		cmocka_unit_test_setup_teardown(test_create_validation, setup, teardown),
		cmocka_unit_test_setup_teardown(test_create, setup, teardown),
		cmocka_unit_test_setup_teardown(test_show_disable_enable, setup, teardown),
		cmocka_unit_test_setup_teardown(test_not_oneself, setup, teardown),
		cmocka_unit_test_setup_teardown(test_other_partnership_not_found, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reset, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
