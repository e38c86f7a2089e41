/*
 * user_web.c: the administrator's pages for the partnership's people: the
 * list, adding a person, and one person's page with reset, disable and
 * enable.
 *
 * Every store call is scoped to the signed-in administrator's partnership,
 * so another partnership's user id is simply not found (404).  Generated
 * passwords (a new account, a reset) are shown once, in the body of the
 * answer to the POST that made them, with no-store: never in a redirect,
 * a query string or a log line, and the page says it will not show them
 * again.  An administrator cannot disable or reset their own account here:
 * either would end the session they are using, and disabling the last
 * administrator would leave the partnership with nobody to manage people.
 */
#include "auth/auth_web.h"

#include <sodium.h>
#include <string.h>

#include "audit/audit.h"
#include "auth/auth.h"
#include "auth/password.h"
#include "auth/user.h"
#include "core/pool.h"
#include "html/govuk.h"
#include "html/html.h"
#include "html/page.h"
#include "http/request.h"
#include "partnership/partnership.h"
#include "partnership/structure_web.h" /* the organisation select's options */
#include "web/app.h"
#include "web/respond.h"

static int can_write(const struct request *req)
{
	return permission_allows(req->user->role, RES_USERS, ACT_WRITE);
}

static const char *status_text(const struct user *u)
{
	if (u->disabled_at)
		return "Disabled";
	return u->must_change_password ? "Must change password" : "Active";
}

static const char *user_href(struct request *req, int64_t id)
{
	return pool_printf(req->pool, "/users/%lld", (long long)id);
}

/* ---- The list ---- */

void users_list(struct request *req, struct response *res)
{
	struct user *users;
	size_t n;
	enum err rc = user_list(req->db, req->pool, req->user->partnership_id, &users, &n);
	if (!respond_store_ok(req, res, rc))
		return;
	static const struct crumb crumbs[] = {{"Home", "/"}, {"People", NULL}};
	struct html h;
	struct page pg = {.title = "People", .nav_active = "/users", .crumbs = crumbs, .ncrumbs = 2};
	respond_page_begin(req, res, &h, &pg);
	html_lit(&h, "<h1 class=\"govuk-heading-l\">People</h1>\n"
		     "<p class=\"govuk-body\">Everyone who can sign in to this partnership, with their role.</p>\n");
	if (can_write(req))
		govuk_button(&h, &(struct govuk_button){.text = "Add a person", .href = "/users/new"});
	static const struct govuk_cell head[] = {
		{.text = "Name"}, {.text = "Email address"}, {.text = "Role"},
		{.text = "Organisation"}, {.text = "Status"}};
	govuk_table_begin(&h, &(struct govuk_table){
		.caption = "People", .caption_class = "govuk-visually-hidden", .head = head, .ncols = 5});
	for (size_t i = 0; i < n; i++) {
		const struct user *u = &users[i];
		struct govuk_cell row[5] = {
			{.text = u->name, .href = user_href(req, u->id)},
			{.text = u->email},
			{.text = role_label(u->role)},
			{.text = u->organisation_name ? u->organisation_name : ""},
			{.text = status_text(u)},
		};
		govuk_table_row(&h, row, 5);
	}
	govuk_table_end(&h);
	respond_page_end(res, &h, &pg);
}

/* ---- Adding a person ---- */

struct new_user {
	const char *name, *email, *role, *organisation;
};

static const struct crumb new_crumbs[] = {{"Home", "/"}, {"People", "/users"}, {"Add a person", NULL}};

static void new_page(struct request *req, struct response *res, const struct form_errors *errs,
		     const struct new_user *v, int status)
{
	struct organisation *orgs = NULL;
	size_t norgs = 0;
	enum err rc = organisation_list(req->db, req->pool, req->user->partnership_id, &orgs, &norgs);
	struct govuk_option *opts = rc ? NULL : structure_organisation_options(req->pool, orgs, norgs);
	if (!rc && !opts)
		rc = E_NOMEM;
	if (!respond_store_ok(req, res, rc))
		return;

	/* The partnership's roles; the national role belongs to no partnership. */
	struct govuk_choice roles[ROLE_NATIONAL - ROLE_ADMIN];
	size_t nroles = 0;
	for (int r = ROLE_ADMIN; r < ROLE_NATIONAL; r++)
		roles[nroles++] = (struct govuk_choice){
			.value = role_code((enum role)r), .text = role_label((enum role)r),
			.hint = r == ROLE_PROVIDER ? "Works for one partner organisation: choose it below" : NULL};

	struct html h;
	struct page pg = {.title = "Add a person", .nav_active = "/users", .crumbs = new_crumbs,
			  .ncrumbs = 3, .error = errs->n > 0};
	respond_page_begin(req, res, &h, &pg);
	res->status = status;
	html_lit(&h, "<div class=\"govuk-grid-row\">\n<div class=\"govuk-grid-column-two-thirds\">\n");
	govuk_error_summary(&h, errs);
	html_lit(&h, "<h1 class=\"govuk-heading-l\">Add a person</h1>\n"
		     "<form method=\"post\" action=\"/users/new\" novalidate>\n");
	respond_csrf_field(req, res, &h);
	govuk_input(&h, &(struct govuk_input){
		.name = "name", .label = "Full name", .autocomplete = "off", .spellcheck_off = 1,
		.value = v->name, .error = form_error_for(errs, "name")});
	govuk_input(&h, &(struct govuk_input){
		.name = "email", .label = "Email address", .type = "email", .autocomplete = "off",
		.spellcheck_off = 1, .hint = "They sign in with this address",
		.value = v->email, .error = form_error_for(errs, "email")});
	govuk_radios(&h, &(struct govuk_choices){
		.name = "role", .legend = "Role", .legend_class = "govuk-fieldset__legend--m",
		.value = v->role, .items = roles, .nitems = nroles,
		.error = form_error_for(errs, "role")});
	govuk_select(&h, &(struct govuk_select){
		.name = "organisation", .label = "Organisation", .hint = "Only for providers",
		.value = v->organisation, .options = opts, .noptions = norgs + 1,
		.error = form_error_for(errs, "organisation")});
	govuk_button(&h, &(struct govuk_button){.text = "Add person", .prevent_double_click = 1});
	html_lit(&h, "</form>\n</div>\n</div>\n");
	respond_page_end(res, &h, &pg);
}

void user_new_form(struct request *req, struct response *res)
{
	struct form_errors errs = {0};
	new_page(req, res, &errs, &(struct new_user){0}, 200);
}

/* The organisation the form chose, when it is one of the partnership's
 * current ones (as offered); else 0. */
static int64_t organisation_choice(struct request *req, enum err *rc)
{
	struct organisation *orgs;
	size_t n;
	int64_t id = form_option_id(req, "organisation");
	*rc = E_OK;
	if (id <= 0)
		return 0;
	if ((*rc = organisation_list(req->db, req->pool, req->user->partnership_id, &orgs, &n)))
		return 0;
	for (size_t i = 0; i < n; i++)
		if (orgs[i].id == id)
			return id;
	return 0;
}

/*
 * A page that shows a generated password once: the new account or the
 * reset one.  title says what happened; the password is zeroed by the
 * caller after this returns.
 */
static void password_shown_page(struct request *req, struct response *res, const char *title,
				const struct user *u, const char *password)
{
	const struct crumb crumbs[] = {
		{"Home", "/"}, {"People", "/users"}, {u->name, NULL}};
	struct html h;
	struct page pg = {.title = title, .nav_active = "/users", .crumbs = crumbs, .ncrumbs = 3};
	respond_page_begin(req, res, &h, &pg);
	res->status = 200;
	res->no_store = 1;
	govuk_notification_banner(&h, &(struct govuk_notification){.success = 1, .text = title});
	html_lit(&h, "<h1 class=\"govuk-heading-l\">");
	html_text(&h, u->name);
	html_lit(&h, "</h1>\n");
	struct govuk_summary_row rows[4] = {
		{.key = "Email address", .value = u->email},
		{.key = "Role", .value = role_label(u->role)},
		{.key = "Organisation", .value = u->organisation_name},
	};
	govuk_summary_list(&h, &(struct govuk_summary_list){
		.rows = rows, .nrows = u->organisation_name ? 3 : 2});
	html_lit(&h, "<h2 class=\"govuk-heading-m\">One-time password</h2>\n"
		     "<p class=\"govuk-body\"><code class=\"app-secret\">");
	html_text(&h, password);
	html_lit(&h, "</code></p>\n");
	govuk_warning_text(&h, "This password will not be shown again. Give it to the person "
			       "securely, not by email. They must choose their own password when "
			       "they sign in with it.");
	html_lit(&h, "<p class=\"govuk-body\"><a class=\"govuk-link\"");
	html_url(&h, "href", user_href(req, u->id));
	html_lit(&h, ">Go to this person's page</a></p>\n"
		     "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/users\">Go to people</a></p>\n");
	respond_page_end(res, &h, &pg);
}

void user_create(struct request *req, struct response *res)
{
	struct form_errors errs = {0};
	struct new_user v = {
		.name = params_get(&req->form, "name"),
		.email = params_get(&req->form, "email"),
		.role = params_get(&req->form, "role"),
		.organisation = params_get(&req->form, "organisation"),
	};
	enum role role = role_parse(v.role);
	enum err rc;
	int64_t org = 0;
	if (!*form_text(req, "name"))
		form_errors_add(&errs, "name", "Enter the person's full name");
	if (!*form_text(req, "email"))
		form_errors_add(&errs, "email", "Enter their email address");
	else if (!user_email_normalise(req->pool, v.email))
		form_errors_add(&errs, "email",
				"Enter an email address in the correct format, like name@example.com");
	if (role == ROLE_NONE || role == ROLE_NATIONAL)
		form_errors_add(&errs, "role", "Select a role");
	if (role == ROLE_PROVIDER) {
		org = organisation_choice(req, &rc);
		if (!respond_store_ok(req, res, rc))
			return;
		if (!org)
			form_errors_add(&errs, "organisation", "Select the provider's organisation");
	}
	if (errs.n) {
		new_page(req, res, &errs, &v, 400);
		return;
	}

	struct actor a;
	char password[PASSWORD_GENERATED_SIZE];
	int64_t id = 0;
	struct user u;
	app_actor(req, &a);
	rc = user_add(req->db, &a, req->user->partnership_id, v.email, v.name, role, org, password,
		      &id);
	if (rc == E_CONFLICT || rc == E_INVAL) {
		/* The email, role and organisation were checked above: an E_INVAL
		 * left is the name, too long for the store. */
		if (rc == E_CONFLICT)
			form_errors_add(&errs, "email", "There is already an account with this email address");
		else
			form_errors_add(&errs, "name", "Enter a shorter name");
		new_page(req, res, &errs, &v, 400);
		return;
	}
	if (!rc)
		rc = user_get(req->db, req->pool, req->user->partnership_id, id, &u);
	if (rc) {
		sodium_memzero(password, sizeof password);
		respond_store_error(req, res, rc);
		return;
	}
	password_shown_page(req, res, "Account created", &u, password);
	sodium_memzero(password, sizeof password);
}

/* ---- One person ---- */

static void user_page(struct request *req, struct response *res, const struct user *u,
		      const struct form_errors *errs, int status)
{
	const struct crumb crumbs[] = {{"Home", "/"}, {"People", "/users"}, {u->name, NULL}};
	const char *done = params_get(&req->query, "done");
	int self = u->id == req->user->user_id;
	struct html h;
	struct page pg = {.title = u->name, .nav_active = "/users", .crumbs = crumbs, .ncrumbs = 3,
			  .error = errs->n > 0};
	respond_page_begin(req, res, &h, &pg);
	res->status = status;
	govuk_error_summary(&h, errs);
	if (errs->n == 0 && done && strcmp(done, "disabled") == 0)
		govuk_notification_banner(&h, &(struct govuk_notification){
			.success = 1,
			.text = "Account disabled: they cannot sign in, and their sessions and API tokens have ended"});
	else if (errs->n == 0 && done && strcmp(done, "enabled") == 0)
		govuk_notification_banner(&h, &(struct govuk_notification){
			.success = 1, .text = "Account enabled: they can sign in again"});
	html_lit(&h, "<span class=\"govuk-caption-l\">Person</span>\n<h1 class=\"govuk-heading-l\">");
	html_text(&h, u->name);
	html_lit(&h, "</h1>\n");
	struct govuk_summary_row rows[4] = {
		{.key = "Email address", .value = u->email},
		{.key = "Role", .value = role_label(u->role)},
		{.key = "Status", .value = status_text(u)},
		{.key = "Organisation", .value = u->organisation_name},
	};
	govuk_summary_list(&h, &(struct govuk_summary_list){
		.rows = rows, .nrows = u->organisation_name ? 4 : 3});
	if (can_write(req) && self) {
		html_lit(&h, "<p class=\"govuk-body\">This is your own account. To change your password, go to "
			     "<a class=\"govuk-link\" href=\"/account/password\">your account</a>.</p>\n");
	} else if (can_write(req)) {
		html_lit(&h, "<div class=\"govuk-button-group\">\n<form method=\"post\"");
		html_url(&h, "action", pool_printf(req->pool, "/users/%lld/reset-password", (long long)u->id));
		html_lit(&h, ">\n");
		respond_csrf_field(req, res, &h);
		govuk_button(&h, &(struct govuk_button){.text = "Reset password",
						       .variant = GOVUK_BUTTON_SECONDARY,
						       .prevent_double_click = 1});
		html_lit(&h, "</form>\n<form method=\"post\"");
		html_url(&h, "action", pool_printf(req->pool, "/users/%lld/%s", (long long)u->id,
						   u->disabled_at ? "enable" : "disable"));
		html_lit(&h, ">\n");
		respond_csrf_field(req, res, &h);
		govuk_button(&h, &(struct govuk_button){
			.text = u->disabled_at ? "Enable" : "Disable",
			.variant = u->disabled_at ? GOVUK_BUTTON_SECONDARY : GOVUK_BUTTON_WARNING});
		html_lit(&h, "</form>\n</div>\n");
	}
	respond_page_end(res, &h, &pg);
}

/* The person named by the route, in the administrator's partnership;
 * answers 404 (or the store's error) and returns 0 when there is none. */
static int load(struct request *req, struct response *res, struct user *u)
{
	int64_t id = request_id(req, "id");
	enum err rc = id ? user_get(req->db, req->pool, req->user->partnership_id, id, u) : E_NOTFOUND;
	return respond_store_ok(req, res, rc);
}

void user_show(struct request *req, struct response *res)
{
	struct user u;
	struct form_errors errs = {0};
	if (!load(req, res, &u))
		return;
	user_page(req, res, &u, &errs, 200);
}

/* Refuse an action on one's own account, on the person's page. */
static void refuse_self(struct request *req, struct response *res, const struct user *u,
			const char *message)
{
	struct form_errors errs = {0};
	form_errors_add(&errs, NULL, message);
	user_page(req, res, u, &errs, 400);
}

void user_reset(struct request *req, struct response *res)
{
	struct user u;
	struct actor a;
	char password[PASSWORD_GENERATED_SIZE];
	if (!load(req, res, &u))
		return;
	if (u.id == req->user->user_id) {
		refuse_self(req, res, &u,
			    "You cannot reset your own password here. Change it on your account page.");
		return;
	}
	app_actor(req, &a);
	enum err rc = user_reset_password(req->db, &a, req->user->partnership_id, u.id, password);
	if (!respond_store_ok(req, res, rc))
		return;
	password_shown_page(req, res, "Password reset", &u, password);
	sodium_memzero(password, sizeof password);
}

static void set_disabled(struct request *req, struct response *res, int disabled)
{
	struct user u;
	struct actor a;
	if (!load(req, res, &u))
		return;
	if (disabled && u.id == req->user->user_id) {
		refuse_self(req, res, &u, "You cannot disable your own account");
		return;
	}
	app_actor(req, &a);
	enum err rc = user_set_disabled(req->db, &a, req->user->partnership_id, u.id, disabled);
	respond_after_write(req, res, rc, pool_printf(req->pool, "/users/%lld?done=%s", (long long)u.id,
						      disabled ? "disabled" : "enabled"));
}

void user_disable(struct request *req, struct response *res)
{
	set_disabled(req, res, 1);
}

void user_enable(struct request *req, struct response *res)
{
	set_disabled(req, res, 0);
}
