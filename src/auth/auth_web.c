/*
 * auth_web.c: signing in and out, and the signed-in user's own account
 * (details, password, API tokens).  Sessions, cookies and the CSRF check
 * are the app's (web/app_auth.c); these handlers only decide.
 *
 * Sign-in says one thing for every failure ("Enter a correct email address
 * and password"), whether the account is unknown, disabled or the password
 * wrong, and spends an Argon2 verification either way, so neither the
 * words nor the time tell whether an account exists.  The throttle is
 * checked before the password, on the account and on the client address,
 * and a locked key answers 429 without looking at the password at all, so
 * guessing cannot continue behind the lock.
 *
 * Secrets are shown once and travel only in response bodies: a new API
 * token is rendered straight into the answer to the POST that made it
 * (no-store), never through a redirect or a query string, so it never
 * reaches a URL, a log line or a browser's history.  Redirects carry only
 * fixed flags (?done=...), never user text.
 */
#include "auth/auth_web.h"

#include <sodium.h>
#include <string.h>

#include "audit/audit.h"
#include "auth/auth.h"
#include "auth/password.h"
#include "auth/session.h"
#include "auth/token.h"
#include "auth/user.h"
#include "core/clock.h"
#include "core/pool.h"
#include "html/govuk.h"
#include "html/html.h"
#include "html/page.h"
#include "http/request.h"
#include "web/app.h"
#include "web/respond.h"

#define MSG_LOCKED "Too many failed sign-in attempts. Wait 15 minutes and try again."
#define MSG_SIGNIN_FAILED "Enter a correct email address and password"
/* The longest `next` kept: a path, not a document. */
#define NEXT_MAX 1024

static int empty(const char *s)
{
	return !s || !*s;
}

/* next when it is a local path ("/x", never "//host" or "/\host"), else
 * NULL.  respond_redirect refuses the others too; checking here as well
 * keeps them out of the page. */
static const char *local_next(const char *next)
{
	if (!next || next[0] != '/' || next[1] == '/' || next[1] == '\\' ||
	    strlen(next) > NEXT_MAX)
		return NULL;
	for (const char *c = next; *c; c++)
		if ((unsigned char)*c < 0x20 || *c == 0x7f || *c == '\\')
			return NULL;
	return next;
}

/* 1 when either key is locked now; -1 when the database failed. */
static int throttle_locked(struct request *req, const char *akey, const char *ikey, int64_t now)
{
	int64_t a = 0, i = 0;
	if (throttle_check(req->db, akey, now, &a) || (ikey && throttle_check(req->db, ikey, now, &i)))
		return -1;
	return a > now || i > now;
}

/* ---- Signing in and out ---- */

static void login_page(struct request *req, struct response *res, const struct form_errors *errs,
		       const char *email, const char *next, int status)
{
	struct html h;
	struct page pg = {.title = "Sign in", .error = errs->n > 0};
	respond_page_begin(req, res, &h, &pg);
	res->status = status;
	res->no_store = 1;
	html_lit(&h, "<div class=\"govuk-grid-row\">\n<div class=\"govuk-grid-column-two-thirds\">\n");
	if (errs->n == 0 && strcmp(req->method, "GET") == 0 &&
	    params_get(&req->query, "signed_out"))
		govuk_notification_banner(&h, &(struct govuk_notification){
			.success = 1, .text = "You have signed out"});
	govuk_error_summary(&h, errs);
	html_lit(&h, "<h1 class=\"govuk-heading-l\">Sign in</h1>\n"
		     "<form method=\"post\" action=\"/login\" novalidate>\n");
	respond_csrf_field(req, res, &h);
	if (next) {
		html_lit(&h, "<input type=\"hidden\" name=\"next\"");
		html_attr(&h, "value", next);
		html_lit(&h, ">\n");
	}
	govuk_input(&h, &(struct govuk_input){
		.name = "email", .label = "Email address", .type = "email",
		.autocomplete = "username", .spellcheck_off = 1, .value = email,
		.error = form_error_for(errs, "email")});
	govuk_input(&h, &(struct govuk_input){
		.name = "password", .label = "Password", .type = "password",
		.autocomplete = "current-password", .error = form_error_for(errs, "password")});
	govuk_button(&h, &(struct govuk_button){.text = "Sign in", .prevent_double_click = 1});
	html_lit(&h, "</form>\n<p class=\"govuk-body\">If you have forgotten your password, "
		     "ask an administrator of your partnership to reset it.</p>\n</div>\n</div>\n");
	respond_page_end(res, &h, &pg);
}

void auth_login_form(struct request *req, struct response *res)
{
	const char *next = local_next(params_get(&req->query, "next"));
	if (req->user) {
		respond_redirect(req, res, next ? next : "/");
		return;
	}
	struct form_errors errs = {0};
	login_page(req, res, &errs, NULL, next, 200);
}

void auth_login(struct request *req, struct response *res)
{
	struct form_errors errs = {0};
	const char *email = form_text(req, "email");
	const char *password = params_get(&req->form, "password");
	const char *next = local_next(params_get(&req->form, "next"));
	if (empty(email))
		form_errors_add(&errs, "email", "Enter your email address");
	if (empty(password))
		form_errors_add(&errs, "password", "Enter your password");
	if (errs.n) {
		login_page(req, res, &errs, email, next, 400);
		return;
	}

	int64_t now = app_now(req->app);
	const char *akey = throttle_account_key(req->pool, email);
	const char *ikey = throttle_address_key(req->pool, req->client_ip);
	if (!akey || !ikey) {
		respond_store_error(req, res, E_NOMEM);
		return;
	}
	int locked = throttle_locked(req, akey, ikey, now);
	if (locked < 0) {
		respond_store_error(req, res, E_DB);
		return;
	}
	if (locked) {
		form_errors_add(&errs, "email", MSG_LOCKED);
		login_page(req, res, &errs, email, next, 429);
		return;
	}

	/* The attempt counts against the account before the password is
	 * checked, so parallel requests cannot slip past the lock while
	 * Argon2id runs; a success clears it again. */
	enum err rc = throttle_fail(req->db, akey, now, THROTTLE_ACCOUNT_FAILURES);
	if (rc) {
		respond_store_error(req, res, rc);
		return;
	}
	struct user u;
	const char *hash = NULL;
	int ok = 0;
	rc = user_find_by_email(req->db, req->pool, email, &u, &hash);
	if (rc == E_OK) {
		/* Verified even when disabled: the same time as any other try. */
		ok = password_verify(hash, password) && !u.disabled_at;
	} else if (rc == E_NOTFOUND) {
		password_verify_dummy(password);
		rc = E_OK;
	}
	if (!respond_store_ok(req, res, rc))
		return;
	if (!ok) {
		if ((rc = throttle_fail(req->db, ikey, now, THROTTLE_ADDRESS_FAILURES))) {
			respond_store_error(req, res, rc);
			return;
		}
		form_errors_add(&errs, "email", MSG_SIGNIN_FAILED);
		login_page(req, res, &errs, email, next, 400);
		return;
	}
	if ((rc = throttle_clear(req->db, akey)) || (rc = app_session_start(req, res, u.id))) {
		respond_store_error(req, res, rc);
		return;
	}
	respond_redirect(req, res, u.must_change_password ? "/account/password" : next ? next : "/");
}

void auth_logout(struct request *req, struct response *res)
{
	app_session_end(req, res);
	respond_redirect(req, res, "/login?signed_out=1");
}

/* ---- The user's own account ---- */

static const struct crumb account_crumbs[] = {{"Home", "/"}, {"Your account", NULL}};

static void token_row(struct request *req, struct response *res, struct html *h,
		      const struct api_token *t)
{
	html_lit(h, "<tr class=\"govuk-table__row\">\n<td class=\"govuk-table__cell\">");
	html_text(h, t->name);
	html_lit(h, "</td>\n<td class=\"govuk-table__cell\">");
	char day[CLOCK_DAY_SIZE];
	html_text(h, clock_day_label(t->created_at, day, sizeof day));
	html_lit(h, "</td>\n<td class=\"govuk-table__cell\">");
	html_text(h, t->last_used_at ? clock_day_label(t->last_used_at, day, sizeof day) : "Never");
	html_lit(h, "</td>\n<td class=\"govuk-table__cell\">");
	if (t->revoked_at)
		govuk_tag(h, "Revoked", GOVUK_TAG_GREY);
	else
		govuk_tag(h, "Active", GOVUK_TAG_GREEN);
	html_lit(h, "</td>\n<td class=\"govuk-table__cell\">");
	if (!t->revoked_at) {
		html_lit(h, "<form method=\"post\"");
		html_url(h, "action", pool_printf(req->pool, "/account/tokens/%lld/revoke",
						  (long long)t->id));
		html_lit(h, ">\n");
		respond_csrf_field(req, res, h);
		html_lit(h, "<button type=\"submit\""
			    " class=\"govuk-button govuk-button--warning govuk-!-margin-bottom-0\""
			    " data-module=\"govuk-button\">Revoke<span class=\"govuk-visually-hidden\"> ");
		html_text(h, t->name);
		html_lit(h, "</span></button>\n</form>\n");
	}
	html_lit(h, "</td>\n</tr>\n");
}

static void tokens_section(struct request *req, struct response *res, struct html *h,
			   const struct api_token *tokens, size_t n,
			   const struct form_errors *errs, const char *name)
{
	html_lit(h, "<h2 class=\"govuk-heading-m\" id=\"tokens\">API tokens</h2>\n"
		    "<p class=\"govuk-body\">Scripts use a token to read the JSON API as you, with your role. "
		    "They send it in the Authorization header: <code>Bearer TOKEN</code>.</p>\n");
	if (n == 0) {
		html_lit(h, "<p class=\"govuk-body\">You have no API tokens.</p>\n");
	} else {
		static const struct govuk_cell head[] = {
			{.text = "Name"}, {.text = "Created"}, {.text = "Last used"},
			{.text = "Status"}, {.text = "Action"}};
		govuk_table_begin(h, &(struct govuk_table){
			.caption = "Your API tokens", .caption_class = "govuk-visually-hidden",
			.head = head, .ncols = 5});
		for (size_t i = 0; i < n; i++)
			token_row(req, res, h, &tokens[i]);
		govuk_table_end(h);
	}
	html_lit(h, "<form method=\"post\" action=\"/account/tokens\" novalidate>\n");
	respond_csrf_field(req, res, h);
	govuk_input(h, &(struct govuk_input){
		.name = "name", .label = "Create a token: what is it for?",
		.label_class = "govuk-label--s", .hint = "For example, nightly export to the dashboard",
		.value = name, .error = form_error_for(errs, "name"), .classes = "govuk-!-width-two-thirds"});
	govuk_button(h, &(struct govuk_button){.text = "Create token",
					      .variant = GOVUK_BUTTON_SECONDARY,
					      .prevent_double_click = 1});
	html_lit(h, "</form>\n");
}

/*
 * The account page.  new_token (may be NULL) is a token just created,
 * shown this once; errs and name re-display the create form.
 */
static void account_page(struct request *req, struct response *res,
			 const struct form_errors *errs, const char *name,
			 const char *new_token, int status)
{
	struct user u;
	struct api_token *tokens = NULL;
	size_t n = 0;
	enum err rc = user_find_by_email(req->db, req->pool, req->user->email, &u, NULL);
	if (!rc)
		rc = token_list(req->db, req->pool, req->user->user_id, &tokens, &n);
	if (!respond_store_ok(req, res, rc))
		return;
	const char *done = params_get(&req->query, "done");
	struct html h;
	struct page pg = {.title = "Your account", .nav_active = "/account", .crumbs = account_crumbs,
			  .ncrumbs = 2, .error = errs->n > 0};
	respond_page_begin(req, res, &h, &pg);
	res->status = status;
	res->no_store = 1;
	govuk_error_summary(&h, errs);
	if (new_token) {
		govuk_notification_banner(&h, &(struct govuk_notification){
			.success = 1, .text = "API token created"});
	} else if (errs->n == 0 && done && strcmp(done, "token_revoked") == 0) {
		govuk_notification_banner(&h, &(struct govuk_notification){
			.success = 1, .text = "The API token has been revoked"});
	}
	html_lit(&h, "<h1 class=\"govuk-heading-l\">Your account</h1>\n");
	if (new_token) {
		html_lit(&h, "<h2 class=\"govuk-heading-m\">Your new API token</h2>\n"
			     "<p class=\"govuk-body\"><code class=\"app-secret\">");
		html_text(&h, new_token);
		html_lit(&h, "</code></p>\n");
		govuk_warning_text(&h, "Copy this token now and keep it secret. It will not be shown again.");
	}
	struct govuk_summary_row rows[4] = {
		{.key = "Name", .value = u.name},
		{.key = "Email address", .value = u.email},
		{.key = "Role", .value = role_label(u.role)},
		{.key = "Organisation", .value = u.organisation_name},
	};
	govuk_summary_list(&h, &(struct govuk_summary_list){
		.rows = rows, .nrows = u.organisation_name ? 4 : 3});
	html_lit(&h, "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/account/password\">"
		     "Change your password</a></p>\n");
	tokens_section(req, res, &h, tokens, n, errs, name);
	respond_page_end(res, &h, &pg);
}

void account_show(struct request *req, struct response *res)
{
	struct form_errors errs = {0};
	account_page(req, res, &errs, NULL, NULL, 200);
}

void account_token_create(struct request *req, struct response *res)
{
	struct form_errors errs = {0};
	const char *name = form_text(req, "name");
	if (empty(name))
		form_errors_add(&errs, "name", "Enter what the token is for");
	else if (strlen(name) > TOKEN_NAME_MAX)
		form_errors_add(&errs, "name", "What the token is for must be 100 characters or fewer");
	if (errs.n) {
		account_page(req, res, &errs, name, NULL, 400);
		return;
	}
	struct actor a;
	char token[TOKEN_SIZE];
	app_actor(req, &a);
	enum err rc = token_create(req->db, &a, req->user->user_id, name, token, NULL);
	if (!respond_store_ok(req, res, rc))
		return;
	account_page(req, res, &errs, NULL, token, 200);
	sodium_memzero(token, sizeof token);
}

void account_token_revoke(struct request *req, struct response *res)
{
	struct actor a;
	int64_t id = request_id(req, "id");
	app_actor(req, &a);
	enum err rc = id ? token_revoke(req->db, &a, req->user->user_id, id) : E_NOTFOUND;
	respond_after_write(req, res, rc, "/account?done=token_revoked");
}

/* ---- Changing one's own password ---- */

static void password_page(struct request *req, struct response *res,
			  const struct form_errors *errs, int status)
{
	int must = req->user->must_change_password;
	static const struct crumb crumbs[] = {
		{"Home", "/"}, {"Your account", "/account"}, {"Change your password", NULL}};
	struct html h;
	struct page pg = {.title = "Change your password", .nav_active = "/account",
			  .crumbs = must ? NULL : crumbs, .ncrumbs = must ? 0 : 3,
			  .error = errs->n > 0};
	respond_page_begin(req, res, &h, &pg);
	res->status = status;
	res->no_store = 1;
	html_lit(&h, "<div class=\"govuk-grid-row\">\n<div class=\"govuk-grid-column-two-thirds\">\n");
	govuk_error_summary(&h, errs);
	html_lit(&h, "<h1 class=\"govuk-heading-l\">Change your password</h1>\n");
	if (must)
		govuk_inset_text(&h, "You must choose your own password before you can use the service. "
				     "Your current password is the one you were given.");
	html_lit(&h, "<form method=\"post\" action=\"/account/password\" novalidate>\n");
	respond_csrf_field(req, res, &h);
	govuk_input(&h, &(struct govuk_input){
		.name = "current_password", .label = "Current password", .type = "password",
		.autocomplete = "current-password", .error = form_error_for(errs, "current_password")});
	govuk_input(&h, &(struct govuk_input){
		.name = "new_password", .label = "New password", .type = "password",
		.autocomplete = "new-password",
		.hint = "Use at least 12 characters. A few words you will remember make a good password. "
			"Common passwords are not accepted.",
		.error = form_error_for(errs, "new_password")});
	govuk_input(&h, &(struct govuk_input){
		.name = "confirm_password", .label = "Confirm new password", .type = "password",
		.autocomplete = "new-password", .error = form_error_for(errs, "confirm_password")});
	govuk_button(&h, &(struct govuk_button){.text = "Change password", .prevent_double_click = 1});
	html_lit(&h, "</form>\n</div>\n</div>\n");
	respond_page_end(res, &h, &pg);
}

void account_password_form(struct request *req, struct response *res)
{
	struct form_errors errs = {0};
	password_page(req, res, &errs, 200);
}

void account_password(struct request *req, struct response *res)
{
	struct form_errors errs = {0};
	const char *current = params_get(&req->form, "current_password");
	const char *fresh = params_get(&req->form, "new_password");
	const char *confirm = params_get(&req->form, "confirm_password");
	const char *why;
	if (empty(current))
		form_errors_add(&errs, "current_password", "Enter your current password");
	if (empty(fresh))
		form_errors_add(&errs, "new_password", "Enter a new password");
	else if ((why = password_policy_check(fresh, req->user->email)))
		form_errors_add(&errs, "new_password", why);
	else if (!empty(current) && strcmp(current, fresh) == 0)
		form_errors_add(&errs, "new_password",
				"Enter a new password that is different from your current password");
	if (empty(confirm))
		form_errors_add(&errs, "confirm_password", "Confirm your new password");
	else if (!empty(fresh) && strcmp(fresh, confirm) != 0)
		form_errors_add(&errs, "confirm_password", "The passwords do not match");
	if (errs.n) {
		password_page(req, res, &errs, 400);
		return;
	}

	/* Whoever holds a session must not guess the password behind it:
	 * wrong current passwords count towards the sign-in lock. */
	int64_t now = app_now(req->app);
	const char *akey = throttle_account_key(req->pool, req->user->email);
	int locked = akey ? throttle_locked(req, akey, NULL, now) : -1;
	if (locked < 0) {
		respond_store_error(req, res, akey ? E_DB : E_NOMEM);
		return;
	}
	if (locked) {
		form_errors_add(&errs, "current_password", MSG_LOCKED);
		password_page(req, res, &errs, 429);
		return;
	}
	struct actor a;
	app_actor(req, &a);
	why = NULL;
	enum err rc = user_change_password(req->db, &a, req->user->user_id, current, fresh,
					   req->session_hash, &why);
	if (rc == E_INVAL) {
		/* The policy passed above, so what is wrong is the current one. */
		if ((rc = throttle_fail(req->db, akey, now, THROTTLE_ACCOUNT_FAILURES))) {
			respond_store_error(req, res, rc);
			return;
		}
		form_errors_add(&errs, "current_password",
				why ? why : "The current password you entered is not correct");
		password_page(req, res, &errs, 400);
		return;
	}
	respond_after_write(req, res, rc, "/?done=password");
}
