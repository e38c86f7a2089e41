/*
 * user_web.c: the administrator's pages for the partnership's people: the
 * list (searched by name or email and filtered by role, paged in the
 * database), adding a person, changing their name, role and organisation,
 * and one person's page with reset, disable and enable.
 *
 * Every store call is scoped to the signed-in administrator's partnership,
 * so another partnership's user id is simply not found (404).  Generated
 * passwords (a new account, a reset) are shown once, in the body of the
 * answer to the POST that made them, with no-store: never in a redirect,
 * a query string or a log line, and the page says it will not show them
 * again.  An administrator cannot disable or reset their own account here:
 * either would end the session they are using.  The store refuses taking
 * away one's own administrator role and leaving the partnership without an
 * active administrator; this file only words those refusals.  The add and
 * change forms and the list look like the structure pages' because they
 * are built from the same pieces (structure_web.h).
 */
#include "auth/auth_web.h"

#include <sodium.h>
#include <string.h>

#include "audit/audit.h"
#include "auth/auth.h"
#include "auth/password.h"
#include "auth/user.h"
#include "core/pool.h"
#include "db/store.h" /* store_text_clean: names checked as the store will */
#include "html/govuk.h"
#include "html/html.h"
#include "html/page.h"
#include "http/request.h"
#include "http/urlencoded.h"
#include "partnership/partnership.h"
#include "partnership/structure_web.h" /* lists, forms and banners shared with the structure pages */
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

/* The partnership's roles (the national role belongs to no partnership),
 * in the pool as the options of a select after "Any role", or NULL. */
static struct govuk_option *role_options(struct pool *pool)
{
	struct govuk_option *o = pool_alloc(pool, (ROLE_NATIONAL - ROLE_ADMIN + 1) * sizeof *o);
	if (!o)
		return NULL;
	o[0] = (struct govuk_option){.value = "", .text = "Any role"};
	for (int r = ROLE_ADMIN; r < ROLE_NATIONAL; r++)
		o[r - ROLE_ADMIN + 1] = (struct govuk_option){.value = role_code((enum role)r),
							      .text = role_label((enum role)r)};
	return o;
}

/* The list's URL with the current filters, ending "page=" for paging. */
static const char *page_prefix(struct request *req, const char *q, enum role role)
{
	const char *s = "/users?";
	const char *eq = q && *q ? url_query_encode(req->pool, q) : NULL;
	if (eq)
		s = pool_printf(req->pool, "%sq=%s&", s, eq);
	if (s && role != ROLE_NONE)
		s = pool_printf(req->pool, "%srole=%s&", s, role_code(role));
	return s ? pool_printf(req->pool, "%spage=", s) : NULL;
}

static void search_form(struct html *h, const char *q, enum role role,
			const struct govuk_option *roles)
{
	html_lit(h, "<form method=\"get\" action=\"/users\" novalidate>\n"
		    "<h2 class=\"govuk-heading-m\">Search</h2>\n");
	govuk_input(h, &(struct govuk_input){.name = "q", .label = "Name or email address", .value = q,
					     .type = "search", .spellcheck_off = 1});
	govuk_select(h, &(struct govuk_select){.name = "role", .label = "Role",
					       .value = role == ROLE_NONE ? "" : role_code(role),
					       .options = roles, .noptions = ROLE_NATIONAL - ROLE_ADMIN + 1});
	govuk_button(h, &(struct govuk_button){.text = "Search", .variant = GOVUK_BUTTON_SECONDARY});
	html_lit(h, "</form>\n");
}

static void users_table(struct request *req, struct html *h, const struct user *users, size_t n)
{
	static const struct govuk_cell head[] = {
		{.text = "Name"}, {.text = "Email address"}, {.text = "Role"},
		{.text = "Organisation"}, {.text = "Status"}};
	govuk_table_begin(h, &(struct govuk_table){
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
		govuk_table_row(h, row, 5);
	}
	govuk_table_end(h);
}

void users_list(struct request *req, struct response *res)
{
	const char *q = params_get(&req->query, "q");
	enum role role = role_parse(params_get(&req->query, "role"));
	/* A filter this page did not offer is no filter, not an error page. */
	if (role == ROLE_NATIONAL)
		role = ROLE_NONE;
	long page = structure_page_number(req);
	struct user_query uq = {.q = q, .role = role,
				.offset = (size_t)(page - 1) * STRUCTURE_PAGE_SIZE,
				.limit = STRUCTURE_PAGE_SIZE};
	struct user *users = NULL;
	size_t n = 0, total = 0;
	int64_t pid = req->user->partnership_id;
	enum err rc = user_search(req->db, req->pool, pid, &uq, &users, &n, &total);
	if (rc == E_INVAL) { /* words the store cannot search for (control characters) */
		q = NULL;
		uq.q = NULL;
		rc = user_search(req->db, req->pool, pid, &uq, &users, &n, &total);
	}
	struct govuk_option *roles = role_options(req->pool);
	if (!rc && !roles)
		rc = E_NOMEM;
	if (!respond_store_ok(req, res, rc))
		return;
	long pages = (long)((total + STRUCTURE_PAGE_SIZE - 1) / STRUCTURE_PAGE_SIZE);

	static const struct crumb crumbs[] = {{"Home", "/"}, {"People", NULL}};
	struct html h;
	struct page pg = {.title = "People", .nav_active = "/users", .crumbs = crumbs, .ncrumbs = 2};
	respond_page_begin(req, res, &h, &pg);
	html_lit(&h, "<h1 class=\"govuk-heading-l\">People</h1>\n"
		     "<p class=\"govuk-body\">Everyone who can sign in to this partnership, with their role.</p>\n");
	if (can_write(req))
		govuk_button(&h, &(struct govuk_button){.text = "Add a person", .href = "/users/new"});
	html_lit(&h, "<div class=\"govuk-grid-row\">\n<div class=\"govuk-grid-column-one-third\">\n");
	search_form(&h, q, role, roles);
	html_lit(&h, "</div>\n<div class=\"govuk-grid-column-two-thirds\">\n");
	if (total == 0) {
		html_lit(&h, "<p class=\"govuk-body\">No people match your search.</p>\n");
	} else if (n == 0) {
		html_lit(&h, "<p class=\"govuk-body\">There are no more people: go back to the first page.</p>\n");
	} else {
		html_lit(&h, "<p class=\"govuk-body\">");
		html_text(&h, total == n ? pool_printf(req->pool, "%zu %s", total, total == 1 ? "person" : "people")
					 : pool_printf(req->pool, "Showing %zu to %zu of %zu people",
						       uq.offset + 1, uq.offset + n, total));
		html_lit(&h, "</p>\n");
		users_table(req, &h, users, n);
	}
	govuk_pagination(&h, &(struct govuk_pagination){
		.page = page, .pages = pages, .href_prefix = page_prefix(req, q, role)});
	html_lit(&h, "</div>\n</div>\n");
	respond_page_end(res, &h, &pg);
}

/* ---- Adding and changing a person ---- */

/* What the form sent, as sent, for re-display. */
struct person_form {
	const char *name, *email, *role, *organisation;
};

/* The partnership's current organisations that provide services: the
 * ones a provider may work for, and all the form offers. */
static enum err provider_organisations(struct request *req, struct organisation **out, size_t *n)
{
	struct organisation *orgs;
	size_t all, k = 0;
	enum err rc = organisation_list(req->db, req->pool, req->user->partnership_id, &orgs, &all);
	*out = NULL;
	*n = 0;
	if (rc || all == 0)
		return rc;
	struct organisation *kept = pool_alloc(req->pool, all * sizeof *kept);
	if (!kept)
		return E_NOMEM;
	for (size_t i = 0; i < all; i++)
		if (user_organisation_provides(orgs[i].role))
			kept[k++] = orgs[i];
	*out = kept;
	*n = k;
	return E_OK;
}

/* The add page (u NULL) or the change page for u, with the form's values
 * and errors (status 400 when there are any). */
static void form_page(struct request *req, struct response *res, const struct user *u,
		      const struct person_form *v, const struct form_errors *errs)
{
	struct organisation *orgs = NULL;
	size_t norgs = 0;
	enum err rc = provider_organisations(req, &orgs, &norgs);
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

	const struct structure_form sf = {
		.list_text = "People", .list_href = "/users",
		.title = u ? "Change a person's details" : "Add a person",
		.name = u ? u->name : NULL, .self = u ? user_href(req, u->id) : NULL,
		.submit = "Add person", .errs = errs};
	struct html h;
	struct page pg;
	structure_form_begin(req, res, &h, &pg, &sf);
	govuk_input(&h, &(struct govuk_input){
		.name = "name", .label = "Full name", .autocomplete = "off", .spellcheck_off = 1,
		.value = v->name, .error = form_error_for(errs, "name")});
	if (u) {
		/* The address they sign in with names the account: it stays. */
		html_lit(&h, "<p class=\"govuk-body\">They sign in with ");
		html_text(&h, u->email);
		html_lit(&h, ". An email address cannot be changed.</p>\n");
	} else {
		govuk_input(&h, &(struct govuk_input){
			.name = "email", .label = "Email address", .type = "email", .autocomplete = "off",
			.spellcheck_off = 1, .hint = "They sign in with this address",
			.value = v->email, .error = form_error_for(errs, "email")});
	}
	govuk_radios(&h, &(struct govuk_choices){
		.name = "role", .legend = "Role", .legend_class = "govuk-fieldset__legend--m",
		.value = v->role, .items = roles, .nitems = nroles,
		.error = form_error_for(errs, "role")});
	govuk_select(&h, &(struct govuk_select){
		.name = "organisation", .label = "Organisation",
		.hint = "Only for providers: the organisations that provide services",
		.value = v->organisation, .options = opts, .noptions = norgs + 1,
		.error = form_error_for(errs, "organisation")});
	structure_form_end(res, &h, &pg, &sf);
}

void user_new_form(struct request *req, struct response *res)
{
	struct form_errors errs = {0};
	form_page(req, res, NULL, &(struct person_form){0}, &errs);
}

/*
 * The organisation chosen for a provider, when it is one the form offers
 * (a current organisation of the partnership that provides services);
 * else 0 with the form error that says why.
 */
static int64_t organisation_choice(struct request *req, struct form_errors *errs, enum err *rc)
{
	struct organisation *orgs = NULL;
	size_t n = 0;
	int64_t id = form_option_id(req, "organisation");
	*rc = E_OK;
	if (id > 0 && (*rc = organisation_list(req->db, req->pool, req->user->partnership_id,
					       &orgs, &n)))
		return 0;
	for (size_t i = 0; i < n; i++) {
		if (orgs[i].id != id)
			continue;
		if (user_organisation_provides(orgs[i].role))
			return id;
		form_errors_add(errs, "organisation", "Select an organisation that provides services");
		return 0;
	}
	form_errors_add(errs, "organisation", "Select the provider's organisation");
	return 0;
}

/*
 * Checks what the form sent, field by field and as the store will, so
 * each mistake gets its message beside its field (in the form's order):
 * the name (trimmed into *name), the email when adding (new), the role
 * and the organisation (*role and *org: what to store).  0 on a store
 * failure (answered), else 1.
 */
static int check_person(struct request *req, struct response *res, struct form_errors *errs,
			const struct person_form *v, int new, const char **name, enum role *role,
			int64_t *org)
{
	char clean[USER_NAME_MAX + 1];
	enum err rc = E_OK;
	*name = form_text(req, "name");
	*role = role_parse(v->role);
	*org = 0;
	if (!**name)
		form_errors_add(errs, "name", "Enter the person's full name");
	else if (strlen(*name) > USER_NAME_MAX)
		form_errors_add(errs, "name", "Full name must be 200 characters or fewer");
	else if (store_text_clean(*name, USER_NAME_MAX, 0, clean) < 0)
		form_errors_add(errs, "name", "Full name must not contain control characters");
	if (new && !*form_text(req, "email"))
		form_errors_add(errs, "email", "Enter their email address");
	else if (new && !user_email_normalise(req->pool, v->email))
		form_errors_add(errs, "email",
				"Enter an email address in the correct format, like name@example.com");
	if (*role == ROLE_NONE || *role == ROLE_NATIONAL)
		form_errors_add(errs, "role", "Select a role");
	if (*role == ROLE_PROVIDER)
		*org = organisation_choice(req, errs, &rc);
	return respond_store_ok(req, res, rc);
}

/* The store's refusal of a form the page checked, as a form error: the
 * organisation changed in between (E_INVAL); 0 for any other. */
static int organisation_refused(enum err rc, struct form_errors *errs)
{
	if (rc != E_INVAL)
		return 0;
	form_errors_add(errs, "organisation", "Select an organisation that provides services");
	return 1;
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
	struct person_form v = {
		.name = params_get(&req->form, "name"),
		.email = params_get(&req->form, "email"),
		.role = params_get(&req->form, "role"),
		.organisation = params_get(&req->form, "organisation"),
	};
	const char *name;
	enum role role;
	int64_t org;
	if (!check_person(req, res, &errs, &v, 1, &name, &role, &org))
		return;
	if (errs.n) {
		form_page(req, res, NULL, &v, &errs);
		return;
	}

	struct actor a;
	char password[PASSWORD_GENERATED_SIZE];
	int64_t id = 0;
	struct user u;
	app_actor(req, &a);
	enum err rc = user_add(req->db, &a, req->user->partnership_id, v.email, name, role, org,
			       password, &id);
	if (rc == E_CONFLICT)
		form_errors_add(&errs, "email", "There is already an account with this email address");
	if (rc == E_CONFLICT || organisation_refused(rc, &errs)) {
		form_page(req, res, NULL, &v, &errs);
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

/* The banners after a change on the person's page (?done=CODE). */
static const struct code_label done_banners[] = {
	{"updated", "Person's details changed"},
	{"disabled", "Account disabled: they cannot sign in, and their sessions and API tokens have ended"},
	{"enabled", "Account enabled: they can sign in again"},
};

static void user_page(struct request *req, struct response *res, const struct user *u,
		      const struct form_errors *errs, int status)
{
	const struct crumb crumbs[] = {{"Home", "/"}, {"People", "/users"}, {u->name, NULL}};
	int self = u->id == req->user->user_id;
	const char *edit = can_write(req) ? pool_printf(req->pool, "/users/%lld/edit", (long long)u->id)
					  : NULL;
	struct html h;
	struct page pg = {.title = u->name, .nav_active = "/users", .crumbs = crumbs, .ncrumbs = 3,
			  .error = errs->n > 0};
	respond_page_begin(req, res, &h, &pg);
	res->status = status;
	govuk_error_summary(&h, errs);
	if (errs->n == 0)
		structure_done_banner(req, &h, "Person", done_banners,
				      sizeof done_banners / sizeof done_banners[0]);
	html_lit(&h, "<span class=\"govuk-caption-l\">Person</span>\n<h1 class=\"govuk-heading-l\">");
	html_text(&h, u->name);
	html_lit(&h, "</h1>\n");
	struct govuk_summary_row rows[5] = {
		{.key = "Name", .value = u->name, .action_href = edit, .action_hidden = "name"},
		{.key = "Email address", .value = u->email},
		{.key = "Role", .value = role_label(u->role), .action_href = edit,
		 .action_hidden = "role"},
		{.key = "Status", .value = status_text(u)},
		{.key = "Organisation", .value = u->organisation_name, .action_href = edit,
		 .action_hidden = "organisation"},
	};
	govuk_summary_list(&h, &(struct govuk_summary_list){
		.rows = rows, .nrows = u->organisation_name ? 5 : 4});
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

/* What the partnership must keep, said where a change would break it. */
#define LAST_ADMIN_MESSAGE \
	"The partnership must keep at least one active administrator: make someone else an administrator first"

void user_edit_form(struct request *req, struct response *res)
{
	struct user u;
	struct form_errors errs = {0};
	if (!load(req, res, &u))
		return;
	const struct person_form v = {
		.name = u.name,
		.role = role_code(u.role),
		.organisation = form_option_value(req->pool, u.organisation_id),
	};
	form_page(req, res, &u, &v, &errs);
}

void user_edit(struct request *req, struct response *res)
{
	struct user u;
	struct form_errors errs = {0};
	struct person_form v = {
		.name = params_get(&req->form, "name"),
		.role = params_get(&req->form, "role"),
		.organisation = params_get(&req->form, "organisation"),
	};
	const char *name;
	enum role role;
	int64_t org;
	if (!load(req, res, &u) || !check_person(req, res, &errs, &v, 0, &name, &role, &org))
		return;
	if (errs.n == 0) {
		struct actor a;
		app_actor(req, &a);
		enum err rc = user_update(req->db, &a, req->user->partnership_id, u.id, name, role, org);
		if (rc == E_USER_OWN_ROLE)
			form_errors_add(&errs, "role", "You cannot change your own role");
		else if (rc == E_CONFLICT)
			form_errors_add(&errs, "role", LAST_ADMIN_MESSAGE);
		else if (!organisation_refused(rc, &errs)) {
			respond_after_write(req, res, rc, pool_printf(req->pool, "/users/%lld?done=updated",
								      (long long)u.id));
			return;
		}
	}
	form_page(req, res, &u, &v, &errs);
}

/* Refuse an action, saying why on the person's page. */
static void refuse(struct request *req, struct response *res, const struct user *u,
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
		refuse(req, res, &u,
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
		refuse(req, res, &u, "You cannot disable your own account");
		return;
	}
	app_actor(req, &a);
	enum err rc = user_set_disabled(req->db, &a, req->user->partnership_id, u.id, disabled);
	if (rc == E_CONFLICT) {
		refuse(req, res, &u, LAST_ADMIN_MESSAGE);
		return;
	}
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
