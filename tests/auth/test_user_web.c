/*
 * test_user_web.c: the administrator's pages for people: the list and its
 * search, adding a person (validation, the one-time password shown once),
 * changing a person (validation, one's own role, providers only at
 * organisations that provide services), a person's page with reset,
 * disable and enable, who may use them, and scoping (another
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
#include "support/page_asserts.h"
#include "support/testapp.h"

static size_t user_count(struct testapp *t, int64_t partnership_id)
{
	struct user *users;
	size_t n;
	assert_int_equal(user_list(app_db(&t->app), &t->pool, partnership_id, &users, &n), E_OK);
	return n;
}

/* The partnership's first organisation that provides services (provides
 * 1: a provider's employer) or only commissions them (provides 0). */
static int64_t organisation_that(struct testapp *t, int64_t partnership_id, int provides,
				 char *name, size_t n)
{
	struct organisation *orgs;
	size_t count;
	assert_int_equal(organisation_list(app_db(&t->app), &t->pool, partnership_id, &orgs, &count), E_OK);
	for (size_t i = 0; i < count; i++) {
		int commissions_only = strcmp(orgs[i].role, "commissioner") == 0;
		if (commissions_only == provides)
			continue;
		if (name)
			snprintf(name, n, "%s", orgs[i].name);
		return orgs[i].id;
	}
	fail_msg("no organisation that %s", provides ? "provides" : "only commissions");
	return 0;
}

/* The one providers are bound to (as testapp_user does). */
static int64_t first_organisation(struct testapp *t, int64_t partnership_id, char *name, size_t n)
{
	return organisation_that(t, partnership_id, 1, name, n);
}

static int64_t other_partnership(struct testapp *t)
{
	int64_t id;
	struct db *db = app_db(&t->app);
	assert_int_equal(partnership_create(db, &actor_cli, "other", "Other", &id), E_OK);
	assert_int_equal(organisation_add(db, &actor_cli, id, "Other Council", "county_council",
					  "commissioner", NULL, NULL), E_OK);
	assert_int_equal(organisation_add(db, &actor_cli, id, "Other Care", "private", "provider",
					  NULL, NULL), E_OK);
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

	char href[64];
	snprintf(href, sizeof href, "href=\"/users/%lld\"", (long long)disabled_id);
	const struct page_check list = {
		"/users", 200,
		{"<h1 class=\"govuk-heading-l\">People</h1>", "href=\"/users/new\"", admin.email, "Administrator",
		 "Analyst", orgname, "Must change password", "Disabled", "Active", "Fresh Person", href},
		{other.email}, /* nobody of the other partnership */
	};
	testapp_check_pages(t, &admin, &list, 1);
}

static void test_only_administrators(void **state)
{
	struct testapp *t = *state;
	struct testuser admin;
	testapp_user(t, t->partnership_id, ROLE_ADMIN, &admin);
	char page[64], reset[64], edit[64];
	snprintf(page, sizeof page, "/users/%lld", (long long)admin.id);
	snprintf(reset, sizeof reset, "/users/%lld/reset-password", (long long)admin.id);
	snprintf(edit, sizeof edit, "/users/%lld/edit", (long long)admin.id);
	enum role others[] = {ROLE_COMMISSIONER, ROLE_ANALYST, ROLE_BOARD_MEMBER, ROLE_PROVIDER,
			      ROLE_VIEWER, ROLE_NATIONAL};
	size_t before = user_count(t, t->partnership_id);
	for (size_t i = 0; i < sizeof others / sizeof others[0]; i++) {
		struct testuser u;
		testapp_user(t, others[i] == ROLE_NATIONAL ? 0 : t->partnership_id, others[i], &u);
		const struct request_check c[] = {
			{"GET", "/users", NULL, 403},
			{"GET", "/users/new", NULL, 403},
			{"GET", page, NULL, 403},
			{"POST", "/users/new", "name=X&email=x%40example.org&role=admin", 403},
			{"POST", reset, NULL, 403},
			{"GET", edit, NULL, 403},
			{"POST", edit, "name=X&role=viewer", 403},
		};
		testapp_check_requests(t, &u, c, sizeof c / sizeof c[0]);
		/* No link to a page they cannot use. */
		const struct page_check account = {"/account", 200, {NULL}, {"href=\"/users\""}};
		testapp_check_pages(t, &u, &account, 1);
	}
	assert_int_equal(user_count(t, t->partnership_id), before + 5);
	struct user got;
	assert_int_equal(user_get(app_db(&t->app), &t->pool, t->partnership_id, admin.id, &got), E_OK);
	assert_int_equal(got.role, ROLE_ADMIN);
	assert_string_equal(got.name, admin.email);
}

static void test_new_form(void **state)
{
	struct testapp *t = *state;
	struct testuser admin;
	char orgname[256], opt[64];
	testapp_user(t, t->partnership_id, ROLE_ADMIN, &admin);
	int64_t org = first_organisation(t, t->partnership_id, orgname, sizeof orgname);
	struct texchange *ex = testapp_expect(t, &admin, "GET", "/users/new", NULL, 200);
	assert_contains(texchange_body(ex), "name=\"name\"");
	assert_contains(texchange_body(ex), "name=\"email\" type=\"email\"");
	const char *roles[] = {"admin", "commissioner", "analyst", "board_member", "provider", "viewer"};
	for (size_t i = 0; i < 6; i++) {
		char radio[64];
		snprintf(radio, sizeof radio, "type=\"radio\" value=\"%s\"", roles[i]);
		assert_contains(texchange_body(ex), radio);
	}
	/* The national role is not a partnership's to give. */
	assert_lacks(texchange_body(ex), "value=\"national\"");
	snprintf(opt, sizeof opt, "<option value=\"%lld\"", (long long)org);
	assert_contains(texchange_body(ex), opt);
	/* Only organisations that provide services employ providers. */
	char council[256];
	int64_t commissioner = organisation_that(t, t->partnership_id, 0, council, sizeof council);
	snprintf(opt, sizeof opt, "<option value=\"%lld\"", (long long)commissioner);
	assert_lacks(texchange_body(ex), opt);
	assert_lacks(texchange_body(ex), council);
	assert_contains(texchange_body(ex), "name=\"csrf_token\"");
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

	struct texchange *ex = testapp_expect(t, &admin, "POST", "/users/new", "name=+&email=&role=", 400);
	assert_contains(texchange_body(ex), "<title>Error: Add a person");
	assert_contains(texchange_body(ex), "There is a problem");
	assert_contains(texchange_body(ex), "Enter the person&#39;s full name");
	assert_contains(texchange_body(ex), "Enter their email address");
	assert_contains(texchange_body(ex), "Select a role");
	texchange_free(ex);

	ex = testapp_expect(t, &admin, "POST", "/users/new", "name=Alex+Jones&email=alex.example.org&role=national", 400);
	assert_contains(texchange_body(ex), "Enter an email address in the correct format, like name@example.com");
	assert_contains(texchange_body(ex), "Select a role");
	assert_contains(texchange_body(ex), "value=\"Alex Jones\"");        /* kept */
	assert_contains(texchange_body(ex), "value=\"alex.example.org\"");
	texchange_free(ex);

	/* A provider needs an organisation, and one of this partnership. */
	ex = testapp_expect(t, &admin, "POST", "/users/new",
			    "name=Alex&email=alex%40example.org&role=provider&organisation=", 400);
	assert_contains(texchange_body(ex), "Select the provider&#39;s organisation");
	texchange_free(ex);
	char form[256];
	snprintf(form, sizeof form, "name=Alex&email=alex%%40example.org&role=provider&organisation=%lld",
		 (long long)their_org);
	ex = testapp_expect(t, &admin, "POST", "/users/new", form, 400);
	assert_contains(texchange_body(ex), "Select the provider&#39;s organisation");
	texchange_free(ex);
	int64_t council = organisation_that(t, t->partnership_id, 0, NULL, 0);
	snprintf(form, sizeof form, "name=Alex&email=alex%%40example.org&role=provider&organisation=%lld",
		 (long long)council);
	ex = testapp_expect(t, &admin, "POST", "/users/new", form, 400);
	assert_contains(texchange_body(ex), "href=\"#organisation\">Select an organisation that provides services</a>");
	assert_contains(texchange_body(ex), "value=\"alex@example.org\""); /* kept */
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
	ex = testapp_expect(t, &admin, "POST", "/users/new", form, 400);
	assert_contains(texchange_body(ex), "There is already an account with this email address");
	assert_lacks(texchange_body(ex), "app-secret");
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
	struct texchange *ex = testapp_expect(t, &admin, "POST", "/users/new", form, 200);
	assert_null(texchange_header(ex, "Location"));
	assert_string_equal(texchange_header(ex, "Cache-Control"), "no-store");
	assert_contains(texchange_body(ex), "Account created");
	assert_contains(texchange_body(ex), "will not be shown again");
	assert_contains(texchange_body(ex), "govuk-warning-text");
	assert_contains(texchange_body(ex), orgname);
	const char *code = strstr(texchange_body(ex), "<code class=\"app-secret\">");
	assert_non_null(code);
	char pw[PASSWORD_GENERATED_SIZE];
	code += strlen("<code class=\"app-secret\">");
	assert_int_equal(strcspn(code, "<"), PASSWORD_GENERATED_SIZE - 1);
	memcpy(pw, code, PASSWORD_GENERATED_SIZE - 1);
	pw[PASSWORD_GENERATED_SIZE - 1] = '\0';
	for (size_t i = 0; i < ex->res.nheaders; i++)
		assert_lacks(ex->res.headers[i].value, pw);
	texchange_free(ex);

	struct user u;
	const char *hash;
	assert_int_equal(user_find_by_email(app_db(&t->app), &t->pool, "alex.jones@example.org", &u, &hash),
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
	assert_int_equal(audit_list(app_db(&t->app), &t->pool, t->partnership_id,
				    &(struct audit_filter){.entity = "user", .entity_id = u.id}, &ev, &n,
				    &more), E_OK);
	assert_int_equal(n, 1);
	assert_string_equal(ev[0].actor, admin.email);
	assert_lacks(ev[0].after, pw);

	/* An organisation sent with another role is not kept. */
	snprintf(form, sizeof form, "name=Bo&email=bo%%40example.org&role=viewer&organisation=%lld",
		 (long long)org);
	texchange_free(testapp_expect(t, &admin, "POST", "/users/new", form, 200));
	assert_int_equal(user_find_by_email(app_db(&t->app), &t->pool, "bo@example.org", &u, NULL), E_OK);
	assert_int_equal(u.role, ROLE_VIEWER);
	assert_int_equal(u.organisation_id, 0);
}

/* Adds a person to the partnership through the store; their id. */
static int64_t person(struct testapp *t, int64_t partnership_id, const char *email, const char *name,
		      enum role role, int64_t org)
{
	char pw[PASSWORD_GENERATED_SIZE];
	int64_t id = 0;
	assert_int_equal(user_add(app_db(&t->app), &actor_cli, partnership_id, email, name, role, org,
				  pw, &id), E_OK);
	return id;
}

static void test_search(void **state)
{
	struct testapp *t = *state;
	struct testuser admin;
	testapp_user(t, t->partnership_id, ROLE_ADMIN, &admin);
	person(t, t->partnership_id, "jane.smith@example.org", "Jane Smith", ROLE_ANALYST, 0);
	person(t, t->partnership_id, "bob@example.org", "Bob Jones", ROLE_VIEWER, 0);
	person(t, t->partnership_id, "under_score@example.org", "Una Score", ROLE_VIEWER, 0);
	person(t, other_partnership(t), "jane@other.example.org", "Jane Other", ROLE_VIEWER, 0);
	/* The admin's row (their email is in every page's header). */
	char mine[64];
	snprintf(mine, sizeof mine, "href=\"/users/%lld\"", (long long)admin.id);

	const struct page_check pages[] = {
		/* Any case, name or email; the words kept in the box. */
		{"/users?q=JANE", 200,
		 {"Jane Smith", "1 person", "name=\"q\" type=\"search\"", "value=\"JANE\""},
		 {"Bob Jones", "Una Score", "Jane Other"}},
		{"/users?q=Smith%40Example", 200, {"Jane Smith"}, {"Bob Jones"}},
		{"/users?q=+example.ORG+&role=viewer", 200,
		 {"Bob Jones", "Una Score", "2 people", "<option value=\"viewer\" selected>"},
		 {"Jane Smith", "Jane Other", mine}},
		{"/users?role=analyst", 200, {"Jane Smith"}, {"Bob Jones", mine}},
		/* LIKE's own characters are only themselves. */
		{"/users?q=_", 200, {"Una Score"}, {"Bob Jones", "Jane Smith"}},
		{"/users?q=%25", 200, {"No people match your search."}, {"Bob Jones"}},
		/* Filters the page does not offer are no filter. */
		{"/users?role=national", 200, {"Bob Jones", "Jane Smith", mine}, {"Jane Other"}},
		{"/users?q=%01", 200, {"Bob Jones", "Jane Smith"}, {"Jane Other"}},
		{"/users?page=2", 200, {"There are no more people"}, {"Bob Jones"}},
	};
	testapp_check_pages(t, &admin, pages, sizeof pages / sizeof pages[0]);
}

static void test_edit_form(void **state)
{
	struct testapp *t = *state;
	struct testuser admin, u;
	char orgname[256], target[96], want[128];
	testapp_user(t, t->partnership_id, ROLE_ADMIN, &admin);
	testapp_user(t, t->partnership_id, ROLE_PROVIDER, &u);
	int64_t org = first_organisation(t, t->partnership_id, orgname, sizeof orgname);

	/* The person's page links to the form. */
	snprintf(target, sizeof target, "/users/%lld", (long long)u.id);
	snprintf(want, sizeof want, "href=\"/users/%lld/edit\">Change", (long long)u.id);
	const struct page_check shown = {target, 200, {want, "Change<span class=\"govuk-visually-hidden\"> role</span>"}, {NULL}};
	testapp_check_pages(t, &admin, &shown, 1);

	snprintf(target, sizeof target, "/users/%lld/edit", (long long)u.id);
	struct texchange *ex = testapp_expect(t, &admin, "GET", target, NULL, 200);
	const char *body = texchange_body(ex);
	assert_contains(body, "<title>Change a person&#39;s details");
	snprintf(want, sizeof want, "action=\"/users/%lld/edit\"", (long long)u.id);
	assert_contains(body, want);
	assert_contains(body, "name=\"csrf_token\"");
	/* Filled in with what is stored; the email is shown, not offered. */
	snprintf(want, sizeof want, "value=\"%s\"", u.email);
	assert_contains(body, want);
	assert_contains(body, "name=\"role\" type=\"radio\" value=\"provider\" checked");
	snprintf(want, sizeof want, "<option value=\"%lld\" selected>", (long long)org);
	assert_contains(body, want);
	assert_contains(body, "An email address cannot be changed");
	assert_lacks(body, "name=\"email\"");
	assert_lacks(body, "value=\"national\"");
	texchange_free(ex);
}

/* The newest audit event of user id in the partnership. */
static struct audit_event *newest_event(struct testapp *t, int64_t id)
{
	struct audit_event *ev;
	size_t n;
	int more;
	assert_int_equal(audit_list(app_db(&t->app), &t->pool, t->partnership_id,
				    &(struct audit_filter){.entity = "user", .entity_id = id}, &ev, &n, &more),
			 E_OK);
	assert_true(n > 0);
	return &ev[0];
}

static void test_edit(void **state)
{
	struct testapp *t = *state;
	struct testuser admin;
	char orgname[256], target[96], done[96], form[256];
	testapp_user(t, t->partnership_id, ROLE_ADMIN, &admin);
	int64_t org = first_organisation(t, t->partnership_id, orgname, sizeof orgname);
	int64_t id = person(t, t->partnership_id, "kim@example.org", "Kim Lee", ROLE_VIEWER, 0);
	snprintf(target, sizeof target, "/users/%lld/edit", (long long)id);
	snprintf(done, sizeof done, "/users/%lld?done=updated", (long long)id);

	/* A viewer becomes a provider with a new name; the email stays. */
	snprintf(form, sizeof form, "name=+Kim+Lee-Park+&role=provider&organisation=%lld&email=x%%40y.org",
		 (long long)org);
	testapp_expect_redirect(t, &admin, "POST", target, form, done);
	struct user u;
	assert_int_equal(user_get(app_db(&t->app), &t->pool, t->partnership_id, id, &u), E_OK);
	assert_string_equal(u.name, "Kim Lee-Park");
	assert_string_equal(u.email, "kim@example.org");
	assert_int_equal(u.role, ROLE_PROVIDER);
	assert_int_equal(u.organisation_id, org);
	const struct page_check after = {
		done, 200,
		{"govuk-notification-banner--success", "Person&#39;s details changed", "Kim Lee-Park", "Provider", orgname},
		{NULL},
	};
	testapp_check_pages(t, &admin, &after, 1);
	struct audit_event *e = newest_event(t, id);
	assert_string_equal(e->action, "update");
	assert_string_equal(e->actor, admin.email);
	assert_contains(e->before, "\"role\":\"viewer\"");
	assert_contains(e->after, "\"role\":\"provider\"");
	assert_contains(e->after, "Kim Lee-Park");

	/* Back to a viewer: an organisation sent along is not kept. */
	snprintf(form, sizeof form, "name=Kim+Lee-Park&role=viewer&organisation=%lld", (long long)org);
	testapp_expect_redirect(t, &admin, "POST", target, form, done);
	assert_int_equal(user_get(app_db(&t->app), &t->pool, t->partnership_id, id, &u), E_OK);
	assert_int_equal(u.role, ROLE_VIEWER);
	assert_int_equal(u.organisation_id, 0);
	int64_t event = newest_event(t, id)->id;
	/* Saving it unchanged records nothing. */
	testapp_expect_redirect(t, &admin, "POST", target, "name=Kim+Lee-Park&role=viewer", done);
	assert_true(newest_event(t, id)->id == event);
}

static void test_edit_errors(void **state)
{
	struct testapp *t = *state;
	struct testuser admin;
	char target[96], form[256];
	testapp_user(t, t->partnership_id, ROLE_ADMIN, &admin);
	int64_t council = organisation_that(t, t->partnership_id, 0, NULL, 0);
	int64_t theirs = organisation_that(t, other_partnership(t), 1, NULL, 0);
	int64_t id = person(t, t->partnership_id, "kim@example.org", "Kim Lee", ROLE_ANALYST, 0);
	snprintf(target, sizeof target, "/users/%lld/edit", (long long)id);
	int64_t events = newest_event(t, id)->id;

	struct texchange *ex = testapp_expect(t, &admin, "POST", target, "name=+&role=", 400);
	const char *body = texchange_body(ex);
	assert_contains(body, "<title>Error: Change a person&#39;s details");
	assert_contains(body, "There is a problem");
	assert_contains(body, "href=\"#name\">Enter the person&#39;s full name</a>");
	assert_contains(body, "href=\"#role\">Select a role</a>");
	assert_contains(body, "Kim Lee"); /* the caption: the stored name */
	texchange_free(ex);

	char longname[260];
	memset(longname, 'n', 201);
	longname[201] = '\0';
	snprintf(form, sizeof form, "name=%s&role=national", longname);
	ex = testapp_expect(t, &admin, "POST", target, form, 400);
	assert_contains(texchange_body(ex), "Full name must be 200 characters or fewer");
	assert_contains(texchange_body(ex), "Select a role");
	texchange_free(ex);

	ex = testapp_expect(t, &admin, "POST", target, "name=Kim+Park&role=provider&organisation=", 400);
	assert_contains(texchange_body(ex), "Select the provider&#39;s organisation");
	assert_contains(texchange_body(ex), "value=\"Kim Park\"");                    /* kept */
	assert_contains(texchange_body(ex), "type=\"radio\" value=\"provider\" checked");
	texchange_free(ex);
	snprintf(form, sizeof form, "name=Kim&role=provider&organisation=%lld", (long long)council);
	ex = testapp_expect(t, &admin, "POST", target, form, 400);
	assert_contains(texchange_body(ex), "href=\"#organisation\">Select an organisation that provides services</a>");
	texchange_free(ex);
	snprintf(form, sizeof form, "name=Kim&role=provider&organisation=%lld", (long long)theirs);
	ex = testapp_expect(t, &admin, "POST", target, form, 400);
	assert_contains(texchange_body(ex), "Select the provider&#39;s organisation");
	texchange_free(ex);

	/* Nothing changed, nothing recorded. */
	struct user u;
	assert_int_equal(user_get(app_db(&t->app), &t->pool, t->partnership_id, id, &u), E_OK);
	assert_string_equal(u.name, "Kim Lee");
	assert_int_equal(u.role, ROLE_ANALYST);
	assert_true(newest_event(t, id)->id == events);
}

static void test_edit_own_role(void **state)
{
	struct testapp *t = *state;
	struct testuser admin, other_admin;
	char target[96], done[96];
	testapp_user(t, t->partnership_id, ROLE_ADMIN, &admin);
	testapp_user(t, t->partnership_id, ROLE_ADMIN, &other_admin);
	snprintf(target, sizeof target, "/users/%lld/edit", (long long)admin.id);
	snprintf(done, sizeof done, "/users/%lld?done=updated", (long long)admin.id);

	/* Not even with another administrator left. */
	struct texchange *ex = testapp_expect(t, &admin, "POST", target, "name=Me&role=viewer", 400);
	assert_contains(texchange_body(ex), "href=\"#role\">You cannot change your own role</a>");
	texchange_free(ex);
	struct user u;
	assert_int_equal(user_get(app_db(&t->app), &t->pool, t->partnership_id, admin.id, &u), E_OK);
	assert_int_equal(u.role, ROLE_ADMIN);
	assert_string_equal(u.name, admin.email);

	/* Their own name they may change, and still use the pages. */
	testapp_expect_redirect(t, &admin, "POST", target, "name=Me+Myself&role=admin", done);
	assert_int_equal(user_get(app_db(&t->app), &t->pool, t->partnership_id, admin.id, &u), E_OK);
	assert_string_equal(u.name, "Me Myself");
	texchange_free(testapp_expect(t, &admin, "GET", "/users", NULL, 200));

	/* Another administrator can: then the page is closed to them at once. */
	testapp_expect_redirect(t, &other_admin, "POST", target, "name=Me+Myself&role=viewer", done);
	assert_int_equal(user_get(app_db(&t->app), &t->pool, t->partnership_id, admin.id, &u), E_OK);
	assert_int_equal(u.role, ROLE_VIEWER);
	texchange_free(testapp_expect(t, &admin, "GET", "/users", NULL, 403));
}

static int disabled(struct testapp *t, int64_t partnership_id, int64_t id)
{
	struct user u;
	assert_int_equal(user_get(app_db(&t->app), &t->pool, partnership_id, id, &u), E_OK);
	return u.disabled_at != NULL;
}

static void test_show_disable_enable(void **state)
{
	struct testapp *t = *state;
	struct testuser admin, u;
	testapp_user(t, t->partnership_id, ROLE_ADMIN, &admin);
	testapp_user(t, t->partnership_id, ROLE_VIEWER, &u);

	char page[64], disable[96], enable[96], disabled_page[96], enabled_page[96];
	snprintf(page, sizeof page, "/users/%lld", (long long)u.id);
	snprintf(disable, sizeof disable, "%s/disable", page);
	snprintf(enable, sizeof enable, "%s/enable", page);
	snprintf(disabled_page, sizeof disabled_page, "%s?done=disabled", page);
	snprintf(enabled_page, sizeof enabled_page, "%s?done=enabled", page);
	const struct page_check shown = {
		page, 200, {u.email, "Viewer", "Active", "/reset-password\"", "/disable\"", "Reset password"}, {NULL},
	};
	testapp_check_pages(t, &admin, &shown, 1);

	testapp_expect_redirect(t, &admin, "POST", disable, NULL, disabled_page);
	assert_true(disabled(t, t->partnership_id, u.id));
	/* Their session ended with it. */
	texchange_free(testapp_expect(t, &u, "GET", "/account", NULL, 303));
	const struct page_check after_disable = {
		disabled_page, 200,
		{"govuk-notification-banner--success", "Account disabled", "Disabled", "/enable\""}, {NULL},
	};
	testapp_check_pages(t, &admin, &after_disable, 1);

	testapp_expect_redirect(t, &admin, "POST", enable, NULL, enabled_page);
	assert_false(disabled(t, t->partnership_id, u.id));
	const struct page_check after_enable = {enabled_page, 200, {"Account enabled"}, {NULL}};
	testapp_check_pages(t, &admin, &after_enable, 1);
}

static void test_not_oneself(void **state)
{
	struct testapp *t = *state;
	struct testuser admin;
	char target[96];
	testapp_user(t, t->partnership_id, ROLE_ADMIN, &admin);

	snprintf(target, sizeof target, "/users/%lld", (long long)admin.id);
	struct texchange *ex = testapp_expect(t, &admin, "GET", target, NULL, 200);
	assert_lacks(texchange_body(ex), "/disable\"");
	assert_contains(texchange_body(ex), "This is your own account");
	texchange_free(ex);

	snprintf(target, sizeof target, "/users/%lld/disable", (long long)admin.id);
	ex = testapp_expect(t, &admin, "POST", target, NULL, 400);
	assert_contains(texchange_body(ex), "You cannot disable your own account");
	texchange_free(ex);
	assert_false(disabled(t, t->partnership_id, admin.id));

	snprintf(target, sizeof target, "/users/%lld/reset-password", (long long)admin.id);
	ex = testapp_expect(t, &admin, "POST", target, NULL, 400);
	assert_contains(texchange_body(ex), "You cannot reset your own password here");
	assert_lacks(texchange_body(ex), "app-secret");
	texchange_free(ex);
	/* Still signed in. */
	texchange_free(testapp_expect(t, &admin, "GET", "/users", NULL, 200));
}

static void test_other_partnership_not_found(void **state)
{
	struct testapp *t = *state;
	struct testuser admin, theirs;
	char target[96];
	testapp_user(t, t->partnership_id, ROLE_ADMIN, &admin);
	int64_t other = other_partnership(t);
	testapp_user(t, other, ROLE_VIEWER, &theirs);

	const char *actions[] = {"", "/reset-password", "/disable", "/enable", "/edit", "/edit"};
	const char *methods[] = {"GET", "POST", "POST", "POST", "GET", "POST"};
	for (size_t i = 0; i < 6; i++) {
		snprintf(target, sizeof target, "/users/%lld%s", (long long)theirs.id, actions[i]);
		texchange_free(testapp_expect(t, &admin, methods[i], target,
					      i == 5 ? "name=Taken&role=admin" : NULL, 404));
	}
	/* Nothing changed: still enabled, still a viewer, still signed in,
	 * same password. */
	assert_false(disabled(t, other, theirs.id));
	struct user u;
	assert_int_equal(user_get(app_db(&t->app), &t->pool, other, theirs.id, &u), E_OK);
	assert_int_equal(u.role, ROLE_VIEWER);
	assert_string_equal(u.name, theirs.email);
	texchange_free(testapp_expect(t, &theirs, "GET", "/account", NULL, 200));
	const struct request_check none[] = {
		{"GET", "/users/0", NULL, 404},
		{"GET", "/users/abc", NULL, 404},
		{"GET", "/users/99999999", NULL, 404},
		{"GET", "/users/99999999/edit", NULL, 404},
		{"POST", "/users/0/edit", "name=X&role=viewer", 404},
	};
	testapp_check_requests(t, &admin, none, sizeof none / sizeof none[0]);
}

static void test_reset(void **state)
{
	struct testapp *t = *state;
	struct testuser admin, u;
	char target[96];
	testapp_user(t, t->partnership_id, ROLE_ADMIN, &admin);
	testapp_user(t, t->partnership_id, ROLE_ANALYST, &u);
	snprintf(target, sizeof target, "/users/%lld/reset-password", (long long)u.id);
	struct texchange *ex = testapp_expect(t, &admin, "POST", target, NULL, 200);
	assert_string_equal(texchange_header(ex, "Cache-Control"), "no-store");
	assert_contains(texchange_body(ex), "Password reset");
	assert_contains(texchange_body(ex), "<code class=\"app-secret\">");
	assert_contains(texchange_body(ex), "will not be shown again");
	texchange_free(ex);
	/* Their session ended, and they must choose a password next time. */
	texchange_free(testapp_expect(t, &u, "GET", "/account", NULL, 303));
	struct user got;
	assert_int_equal(user_get(app_db(&t->app), &t->pool, t->partnership_id, u.id, &got), E_OK);
	assert_true(got.must_change_password);
	const struct page_check list = {"/users", 200, {"Must change password"}, {NULL}};
	testapp_check_pages(t, &admin, &list, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_people_list, testapp_setup, testapp_teardown),
		cmocka_unit_test_setup_teardown(test_only_administrators, testapp_setup, testapp_teardown),
		cmocka_unit_test_setup_teardown(test_new_form, testapp_setup, testapp_teardown),
		cmocka_unit_test_setup_teardown(test_create_validation, testapp_setup, testapp_teardown),
		cmocka_unit_test_setup_teardown(test_create, testapp_setup, testapp_teardown),
		cmocka_unit_test_setup_teardown(test_search, testapp_setup, testapp_teardown),
		cmocka_unit_test_setup_teardown(test_edit_form, testapp_setup, testapp_teardown),
		cmocka_unit_test_setup_teardown(test_edit, testapp_setup, testapp_teardown),
		cmocka_unit_test_setup_teardown(test_edit_errors, testapp_setup, testapp_teardown),
		cmocka_unit_test_setup_teardown(test_edit_own_role, testapp_setup, testapp_teardown),
		cmocka_unit_test_setup_teardown(test_show_disable_enable, testapp_setup, testapp_teardown),
		cmocka_unit_test_setup_teardown(test_not_oneself, testapp_setup, testapp_teardown),
		cmocka_unit_test_setup_teardown(test_other_partnership_not_found, testapp_setup, testapp_teardown),
		cmocka_unit_test_setup_teardown(test_reset, testapp_setup, testapp_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
