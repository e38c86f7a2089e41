/*
 * app_auth.c: sign-in plumbing for every request, in the app layer so that
 * no handler can skip it.
 *
 * Order matters.  The principal is found first (session cookie for pages,
 * bearer token or session for /api/); then the route's access is checked,
 * so a visitor who is not signed in is sent to the sign-in page before
 * anything else is said; then the CSRF token of a state-changing request is
 * checked, before the handler runs, so a forged request changes nothing.
 *
 * CSRF: signed in, the token is the session's own (stored server-side).
 * Before sign-in (the sign-in form itself) there is no session to hold it,
 * so the token is a random cookie that the form must repeat (double
 * submit); without it a third-party page could sign a victim into the
 * attacker's account.  Requests authenticated by an API token carry no
 * cookies and need no CSRF token.
 *
 * Cookie names carry the __Host- prefix over HTTPS: the browser then
 * refuses them from subdomains or without Secure.  In plain-HTTP
 * development the prefix is not allowed, so the bare names are used.
 */
#include "web/app.h"

#include <sodium.h>
#include <string.h>
#include <strings.h>

#include "audit/audit.h"
#include "auth/auth.h"
#include "auth/session.h"
#include "auth/token.h"
#include "core/clock.h"
#include "core/log.h"
#include "db/db.h"
#include "http/cookie.h"
#include "http/multipart.h"
#include "http/request.h"
#include "http/urlencoded.h"
#include "web/respond.h"

#define CSRF_FIELD "csrf_token"
#define CSRF_HEADER "X-CSRF-Token"
#define CSRF_REFUSED "This form has expired or did not come from this service. " \
	"Go back, reload the page and try again."

int64_t app_now(struct app *app)
{
	return clock_unix() + (int64_t)atomic_load(&app->clock_skew);
}

const char *app_session_cookie_name(const struct app *app)
{
	return app->cfg.plain_http ? "jcs_session" : "__Host-jcs_session";
}

static const char *csrf_cookie_name(const struct app *app)
{
	return app->cfg.plain_http ? "jcs_csrf" : "__Host-jcs_csrf";
}

static const char *cookie(struct request *req, const char *name)
{
	const char *h = request_header(req, "Cookie");
	return h ? cookie_get(req->pool, h, name) : NULL;
}

static void set_cookie(struct request *req, struct response *res, const char *name,
		       const char *value, const char *same_site, long max_age)
{
	struct cookie_attrs a = {.secure = !req->app->cfg.plain_http, .http_only = 1,
				 .same_site = same_site, .max_age = max_age};
	const char *v = cookie_format(req->pool, name, value, &a);
	if (v)
		response_header(res, "Set-Cookie", v);
	else
		res->body.failed = 1;
}

void app_actor(const struct request *req, struct actor *out)
{
	out->user_id = req->user ? req->user->user_id : 0;
	out->label = req->user ? req->user->email : "anonymous";
}

/* "Bearer TOKEN" (scheme case-insensitive, RFC 9110 §11.1). */
static const char *bearer(struct request *req)
{
	const char *h = request_header(req, "Authorization");
	if (!h || strncasecmp(h, "Bearer ", 7) != 0)
		return NULL;
	h += 7;
	while (*h == ' ')
		h++;
	return *h ? h : NULL;
}

/* Find the principal.  0 when nobody is signed in or someone is; -1 when
 * the database failed (the caller answers 503). */
static int find_principal(struct app *app, struct request *req)
{
	struct principal *p = pool_zalloc(req->pool, sizeof *p);
	if (!p)
		return -1;
	const char *tok = req->is_api ? bearer(req) : NULL;
	if (tok) {
		enum err rc = token_lookup(req->db, req->pool, tok, p);
		if (rc == E_OK)
			req->user = p;
		return rc == E_OK || rc == E_NOTFOUND ? 0 : -1;
	}
	const char *sid = cookie(req, app_session_cookie_name(app));
	if (!sid)
		return 0;
	const char *csrf = NULL;
	enum err rc = session_lookup(req->db, req->pool, sid, app_now(app), app->cfg.session_idle_s,
				     app->cfg.session_max_s, p, &csrf);
	if (rc == E_NOTFOUND)
		return 0;
	if (rc)
		return -1;
	char hash[SESSION_HASH_SIZE];
	session_token_hash(sid, hash);
	req->user = p;
	req->csrf_token = csrf;
	req->session_token = sid;
	req->session_hash = pool_strdup(req->pool, hash);
	return req->session_hash ? 0 : -1;
}

static int safe_method(const char *m)
{
	return strcmp(m, "GET") == 0 || strcmp(m, "HEAD") == 0 || strcmp(m, "OPTIONS") == 0;
}

/* The token the request carries: the form field, a multipart field, or
 * the header (scripts posting JSON with a session). */
static const char *sent_csrf(struct request *req)
{
	const char *t = params_get(&req->form, CSRF_FIELD);
	if (!t && req->parts) {
		const struct part *pt = parts_get(req->parts, CSRF_FIELD);
		if (pt && !pt->filename)
			t = pool_strndup(req->pool, pt->data, pt->len);
	}
	return t ? t : request_header(req, CSRF_HEADER);
}

static int csrf_ok(struct request *req)
{
	if (req->user && req->user->via_token)
		return 1;
	const char *want = req->user ? req->csrf_token : cookie(req, csrf_cookie_name(req->app));
	const char *got = sent_csrf(req);
	if (!want || !got || !*want)
		return 0;
	size_t n = strlen(want);
	return strlen(got) == n && sodium_memcmp(want, got, n) == 0;
}

/* Paths a user who must change their password may still use. */
static int allowed_before_password_change(const struct request *req)
{
	return req->matched->access == ACCESS_PUBLIC || req->matched->access == ACCESS_OPTIONAL ||
	       strcmp(req->matched->pattern, "/account/password") == 0 ||
	       strcmp(req->matched->pattern, "/logout") == 0;
}

void app_identify(struct app *app, struct request *req)
{
	if (!request_header(req, "Cookie") && !request_header(req, "Authorization"))
		return;
	req->db = app_db(app);
	/* Best effort: without the database the page just lacks the menu. */
	if (req->db && find_principal(app, req))
		req->user = NULL;
}

/* The page to come back to after signing in: the path and its query,
 * encoded as one query value. */
static const char *login_target(struct request *req)
{
	const char *back = req->raw_query && *req->raw_query
				   ? pool_printf(req->pool, "%s?%s", req->path, req->raw_query)
				   : req->path;
	const char *next = back ? url_query_encode(req->pool, back) : NULL;
	const char *target = next ? pool_printf(req->pool, "/login?next=%s", next) : NULL;
	return target ? target : "/login";
}

int app_authenticate(struct app *app, struct request *req, struct response *res)
{
	int access = req->matched->access;
	if (access == ACCESS_PUBLIC)
		return 0;
	if (find_principal(app, req)) {
		respond_error(req, res, 503, "The database is not available. Try again shortly.");
		return 1;
	}
	enum role role = req->user ? req->user->role : ROLE_NONE;
	if (!access_allows(access, role)) {
		if (req->user) {
			respond_error(req, res, 403, NULL);
		} else if (req->is_api) {
			response_header(res, "WWW-Authenticate", "Bearer realm=\"jcs\"");
			respond_error(req, res, 401, NULL);
		} else if (strcmp(req->method, "GET") == 0 || strcmp(req->method, "HEAD") == 0) {
			/* Back to this page after sign-in; the sign-in handler
			 * accepts only local paths. */
			respond_redirect(req, res, login_target(req));
		} else {
			respond_error(req, res, 403, "Your session has ended. Sign in and try again.");
		}
		return 1;
	}
	/* An API token is its own credential, issued on purpose for a script:
	 * the one-time password its user has not replaced does not stop it. */
	if (req->user && req->user->must_change_password && !req->user->via_token &&
	    !allowed_before_password_change(req)) {
		if (req->is_api)
			respond_error(req, res, 403, "This account must change its password before using the API.");
		else
			respond_redirect(req, res, "/account/password");
		return 1;
	}
	return 0;
}

int app_check_csrf(struct request *req, struct response *res)
{
	if (safe_method(req->method))
		return 0;
	/* Signing out with no session left (it timed out) ends nothing: let
	 * the handler say so rather than refuse a stale form. */
	if (!req->user && req->matched->access == ACCESS_OPTIONAL &&
	    strcmp(req->matched->pattern, "/logout") == 0)
		return 0;
	if (csrf_ok(req))
		return 0;
	respond_error(req, res, 403, CSRF_REFUSED);
	return 1;
}

const char *app_csrf_token(struct request *req, struct response *res)
{
	if (req->csrf_token)
		return req->csrf_token;
	const char *c = cookie(req, csrf_cookie_name(req->app));
	if (!c || strlen(c) != SESSION_TOKEN_SIZE - 1) {
		char t[SESSION_TOKEN_SIZE];
		session_random_token(t);
		c = pool_strdup(req->pool, t);
		if (!c) {
			res->body.failed = 1;
			return "";
		}
		set_cookie(req, res, csrf_cookie_name(req->app), c, "Strict", 0);
	}
	req->csrf_token = c;
	return c;
}

enum err app_session_start(struct request *req, struct response *res, int64_t user_id)
{
	char token[SESSION_TOKEN_SIZE];
	if (req->session_token)
		session_destroy(req->db, req->session_token);
	int64_t now = app_now(req->app);
	enum err rc = session_purge(req->db, now, req->app->cfg.session_idle_s,
				    req->app->cfg.session_max_s);
	if (!rc)
		rc = session_create(req->db, user_id, now, token);
	if (rc)
		return rc;
	const char *t = pool_strdup(req->pool, token);
	sodium_memzero(token, sizeof token);
	if (!t)
		return E_NOMEM;
	set_cookie(req, res, app_session_cookie_name(req->app), t, "Lax", 0);
	return E_OK;
}

void app_session_end(struct request *req, struct response *res)
{
	if (req->session_token)
		session_destroy(req->db, req->session_token);
	set_cookie(req, res, app_session_cookie_name(req->app), "x", "Lax", -1);
	req->user = NULL;
	req->csrf_token = NULL;
	req->session_token = NULL;
}
