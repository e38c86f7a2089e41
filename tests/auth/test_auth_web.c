/*
 * test_auth_web.c: signing in and out through the real form, as a browser
 * would (GET /login for the CSRF cookie and field, POST both back), and the
 * account pages: session ids, expiry, CSRF refusal, throttling, password
 * changes and resets, disabled users, API tokens.  Every answer is checked
 * for secrets: no body or header but Set-Cookie ever carries a password, a
 * token or a session id.  Runs on both backends (testapp_setup).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "audit/audit.h"
#include "auth/password.h"
#include "auth/session.h"
#include "auth/token.h"
#include "auth/user.h"
#include "db/db.h"
#include "http/urlencoded.h"
#include "support/page_asserts.h"
#include "support/testapp.h"

#define LOCKED "Too many failed sign-in attempts. Wait 15 minutes and try again."
#define FAILED "Enter a correct email address and password"
#define PASSWORD "plum-violet-harbour-91"
#define PASSWORD2 "quiet-lantern-meadow-37"

/* What a browser keeps of one answer; the exchange itself is freed. */
struct reply {
	int status;
	char location[512];
	char session[128];      /* jcs_session from Set-Cookie, "" when none */
	int session_cleared;    /* Set-Cookie jcs_session with Max-Age=0 */
	char csrf_cookie[128];  /* jcs_csrf from Set-Cookie */
	int no_store;
	char *body;
	char *headers;          /* every header but Set-Cookie, "name: value\n" */
};

static void reply_free(struct reply *r)
{
	free(r->body);
	free(r->headers);
	memset(r, 0, sizeof *r);
}

static void cookie_value(const char *set_cookie, const char *name, char *out, size_t n)
{
	size_t len = strlen(name);
	if (strncmp(set_cookie, name, len) != 0 || set_cookie[len] != '=')
		return;
	const char *v = set_cookie + len + 1;
	size_t m = strcspn(v, ";");
	snprintf(out, n, "%.*s", (int)m, v);
}

static struct reply take(struct texchange *ex)
{
	struct reply r = {.status = ex->res.status};
	size_t cap = 1, used = 0;
	for (size_t i = 0; i < ex->res.nheaders; i++)
		cap += strlen(ex->res.headers[i].name) + strlen(ex->res.headers[i].value) + 3;
	r.headers = calloc(1, cap);
	assert_non_null(r.headers);
	for (size_t i = 0; i < ex->res.nheaders; i++) {
		const struct param *h = &ex->res.headers[i];
		if (strcasecmp(h->name, "Set-Cookie") == 0) {
			char v[128] = "";
			cookie_value(h->value, "jcs_session", v, sizeof v);
			if (strstr(h->value, "Max-Age=0"))
				r.session_cleared = *v != '\0';
			else if (*v)
				snprintf(r.session, sizeof r.session, "%s", v);
			cookie_value(h->value, "jcs_csrf", r.csrf_cookie, sizeof r.csrf_cookie);
			continue;
		}
		used += (size_t)snprintf(r.headers + used, cap - used, "%s: %s\n", h->name, h->value);
		if (strcasecmp(h->name, "Location") == 0)
			snprintf(r.location, sizeof r.location, "%s", h->value);
		if (strcasecmp(h->name, "Cache-Control") == 0 && strstr(h->value, "no-store"))
			r.no_store = 1;
	}
	r.body = strdup(texchange_body(ex));
	assert_non_null(r.body);
	texchange_free(ex);
	return r;
}

/* u's session id, the value of its cookie. */
static const char *session_of(const struct testuser *u)
{
	return strchr(u->cookie, '=') + 1;
}

/* One request.  session: a jcs_session value or NULL; more_cookies is
 * appended to the Cookie header; body: urlencoded, sent as it is. */
static struct reply run(struct testapp *t, const char *method, const char *target,
			const char *session, const char *more_cookies, const char *body)
{
	char cookie[512];
	const char *h[6];
	size_t n = 0;
	snprintf(cookie, sizeof cookie, "%s%s%s%s", session ? "jcs_session=" : "",
		 session ? session : "", session && more_cookies ? "; " : "",
		 more_cookies ? more_cookies : "");
	if (*cookie) {
		h[n++] = "Cookie";
		h[n++] = cookie;
	}
	if (body) {
		h[n++] = "Content-Type";
		h[n++] = "application/x-www-form-urlencoded";
	}
	struct texchange *ex = testapp_run_raw(t, method, target, h, n, body);
	/* Headers and body were on this stack: nothing reads them again. */
	ex->req.body = NULL;
	memset(&ex->req.headers, 0, sizeof ex->req.headers);
	return take(ex);
}

/* The value of the first hidden field name in a page. */
static void hidden_field(const char *body, const char *name, char *out, size_t n)
{
	char pat[96];
	snprintf(pat, sizeof pat, "name=\"%s\" value=\"", name);
	const char *p = strstr(body, pat);
	assert_non_null(p);
	p += strlen(pat);
	const char *e = strchr(p, '"');
	assert_non_null(e);
	snprintf(out, n, "%.*s", (int)(e - p), p);
}

/* A form body "a=1&b=2" from name/value pairs, percent-encoded. */
static void form(char *out, size_t n, const char *const *kv, size_t nkv)
{
	struct pool p;
	size_t used = 0;
	pool_init(&p, 1 << 16);
	out[0] = '\0';
	for (size_t i = 0; i + 1 < nkv; i += 2) {
		const char *v = url_query_encode(&p, kv[i + 1]);
		assert_non_null(v);
		used += (size_t)snprintf(out + used, n - used, "%s%s=%s", i ? "&" : "", kv[i], v);
		assert_true(used < n);
	}
	pool_free(&p);
}

/* Sign in through the form: GET /login for the CSRF cookie and field
 * (which must agree), then POST them with the credentials. */
static struct reply sign_in(struct testapp *t, const char *old_session, const char *email,
			    const char *password, const char *next)
{
	char field[128], cookie[192], body[1024];
	struct reply g = run(t, "GET", "/login", NULL, NULL, NULL);
	assert_int_equal(g.status, 200);
	assert_true(*g.csrf_cookie);
	hidden_field(g.body, "csrf_token", field, sizeof field);
	assert_string_equal(field, g.csrf_cookie);
	snprintf(cookie, sizeof cookie, "jcs_csrf=%s", g.csrf_cookie);
	const char *kv[] = {"email", email, "password", password, "csrf_token", field,
			    "next", next};
	form(body, sizeof body, kv, next ? 8 : 6);
	reply_free(&g);
	return run(t, "POST", "/login", old_session, cookie, body);
}

/* The session's CSRF token, from a page's hidden field. */
static void page_csrf(struct testapp *t, const char *session, char *out, size_t n)
{
	struct reply r = run(t, "GET", "/account", session, NULL, NULL);
	assert_int_equal(r.status, 200);
	hidden_field(r.body, "csrf_token", out, n);
	reply_free(&r);
}

/* POST a form with a session and its CSRF token. */
static struct reply post(struct testapp *t, const char *session, const char *target,
			 const char *const *kv, size_t nkv)
{
	char csrf[128], body[2048];
	const char *all[16];
	assert_true(nkv + 2 <= 16);
	page_csrf(t, session, csrf, sizeof csrf);
	for (size_t i = 0; i < nkv; i++)
		all[i] = kv[i];
	all[nkv] = "csrf_token";
	all[nkv + 1] = csrf;
	form(body, sizeof body, all, nkv + 2);
	return run(t, "POST", target, session, NULL, body);
}

/* 1 when the session still signs in (a page, not the way to /login). */
static int session_works(struct testapp *t, const char *session)
{
	struct reply r = run(t, "GET", "/account", session, NULL, NULL);
	int ok = r.status == 200;
	if (!ok) {
		assert_int_equal(r.status, 303);
		assert_string_equal(r.location, "/login?next=/account");
	}
	reply_free(&r);
	return ok;
}

/* Neither body nor headers other than Set-Cookie hold secret. */
static void assert_absent(const struct reply *r, const char *secret)
{
	assert_true(*secret);
	if (strstr(r->body, secret) || strstr(r->headers, secret))
		fail_msg("a secret leaked into a response (status %d)", r->status);
}

/* The text of the error summary's list, for comparing two answers. */
static void error_summary(const char *body, char *out, size_t n)
{
	const char *b = strstr(body, "govuk-error-summary__list");
	assert_non_null(b);
	const char *e = strstr(b, "</ul>");
	assert_non_null(e);
	snprintf(out, n, "%.*s", (int)(e - b), b);
}

static int64_t add_user(struct testapp *t, const char *email, enum role role,
			char pw[PASSWORD_GENERATED_SIZE])
{
	int64_t id;
	assert_int_equal(user_add(app_db(&t->app), &actor_cli, t->partnership_id, email,
				  "Pat Example", role, 0, pw, &id), E_OK);
	return id;
}

/* A user who has chosen their own password already. */
static int64_t make_user(struct testapp *t, const char *email, const char *password)
{
	char pw[PASSWORD_GENERATED_SIZE];
	const char *why = NULL;
	int64_t id = add_user(t, email, ROLE_COMMISSIONER, pw);
	assert_int_equal(user_change_password(app_db(&t->app), &actor_cli, id, pw, password, NULL,
					      &why), E_OK);
	return id;
}

/* No audit record of the partnership holds secret. */
static void assert_not_audited(struct testapp *t, const char *secret)
{
	struct audit_event *ev;
	size_t n;
	int more;
	assert_int_equal(audit_list(app_db(&t->app), &t->pool, t->partnership_id,
				    &(struct audit_filter){.limit = AUDIT_PAGE_MAX}, &ev, &n, &more),
			 E_OK);
	assert_true(n > 0);
	for (size_t i = 0; i < n; i++) {
		assert_null(ev[i].before ? strstr(ev[i].before, secret) : NULL);
		assert_null(ev[i].after ? strstr(ev[i].after, secret) : NULL);
	}
}

static void test_login_form(void **state)
{
	struct testapp *t = *state;
	struct reply r = run(t, "GET", "/login?next=/areas", NULL, NULL, NULL);
	assert_int_equal(r.status, 200);
	assert_contains(r.body, "<title>Sign in");
	assert_contains(r.body, "name=\"email\" type=\"email\"");
	assert_contains(r.body, "autocomplete=\"username\"");
	assert_contains(r.body, "name=\"password\" type=\"password\"");
	assert_contains(r.body, "autocomplete=\"current-password\"");
	char csrf[128], next[128];
	hidden_field(r.body, "csrf_token", csrf, sizeof csrf);
	assert_string_equal(csrf, r.csrf_cookie);
	hidden_field(r.body, "next", next, sizeof next);
	assert_string_equal(next, "/areas");
	reply_free(&r);

	/* Only local paths are kept. */
	const char *bad[] = {"/login?next=//evil.example", "/login?next=https://evil.example",
			     "/login?next=/%5Cevil.example"};
	for (size_t i = 0; i < 3; i++) {
		r = run(t, "GET", bad[i], NULL, NULL, NULL);
		assert_int_equal(r.status, 200);
		assert_lacks(r.body, "name=\"next\"");
		reply_free(&r);
	}

	/* Signed in already: home. */
	struct testuser u;
	testapp_user(t, t->partnership_id, ROLE_VIEWER, &u);
	struct texchange *ex = testapp_run(t, &u, "GET", "/login", NULL);
	assert_int_equal(ex->res.status, 303);
	assert_string_equal(texchange_header(ex, "Location"), "/");
	texchange_free(ex);
}

static void test_sign_in(void **state)
{
	struct testapp *t = *state;
	make_user(t, "pat@example.org", PASSWORD);
	/* Any case, surrounding spaces: the same account. */
	struct reply r = sign_in(t, NULL, "  Pat@Example.ORG ", PASSWORD, NULL);
	assert_int_equal(r.status, 303);
	assert_string_equal(r.location, "/");
	assert_int_equal(strlen(r.session), SESSION_TOKEN_SIZE - 1);
	assert_absent(&r, PASSWORD);
	assert_absent(&r, r.session);
	char session[128];
	snprintf(session, sizeof session, "%s", r.session);
	reply_free(&r);

	r = run(t, "GET", "/", session, NULL, NULL);
	assert_int_equal(r.status, 200);
	assert_contains(r.body, "Pat Example");
	assert_absent(&r, session);
	assert_absent(&r, PASSWORD);
	reply_free(&r);

	/* Back to the page asked for; never to another site. */
	r = sign_in(t, NULL, "pat@example.org", PASSWORD, "/organisations?q=x");
	assert_int_equal(r.status, 303);
	assert_string_equal(r.location, "/organisations?q=x");
	reply_free(&r);
	r = sign_in(t, NULL, "pat@example.org", PASSWORD, "//evil.example/");
	assert_int_equal(r.status, 303);
	assert_string_equal(r.location, "/");
	reply_free(&r);
}

static void test_wrong_password_and_unknown_account(void **state)
{
	struct testapp *t = *state;
	make_user(t, "pat@example.org", PASSWORD);
	char a[512], b[512];

	struct reply wrong = sign_in(t, NULL, "pat@example.org", "not-the-password-at-all", NULL);
	assert_int_equal(wrong.status, 400);
	assert_contains(wrong.body, FAILED);
	assert_contains(wrong.body, "<title>Error: Sign in");
	assert_string_equal(wrong.session, "");
	assert_absent(&wrong, "not-the-password-at-all");
	/* The email is kept; the password never is. */
	assert_contains(wrong.body, "value=\"pat@example.org\"");

	struct reply unknown = sign_in(t, NULL, "nobody@example.org", "not-the-password-at-all", NULL);
	assert_int_equal(unknown.status, wrong.status);
	assert_string_equal(unknown.session, "");
	error_summary(wrong.body, a, sizeof a);
	error_summary(unknown.body, b, sizeof b);
	assert_string_equal(a, b);
	reply_free(&wrong);
	reply_free(&unknown);

	/* Missing fields. */
	struct reply empty = sign_in(t, NULL, "", "", NULL);
	assert_int_equal(empty.status, 400);
	assert_contains(empty.body, "Enter your email address");
	assert_contains(empty.body, "Enter your password");
	assert_string_equal(empty.session, "");
	reply_free(&empty);
}

static void test_new_session_id_at_sign_in(void **state)
{
	struct testapp *t = *state;
	make_user(t, "pat@example.org", PASSWORD);

	/* A session id the client chose (fixation) is never adopted. */
	char chosen[SESSION_TOKEN_SIZE];
	memset(chosen, 'A', sizeof chosen - 1);
	chosen[sizeof chosen - 1] = '\0';
	struct reply r = sign_in(t, chosen, "pat@example.org", PASSWORD, NULL);
	assert_int_equal(r.status, 303);
	assert_true(*r.session);
	assert_string_not_equal(r.session, chosen);
	assert_false(session_works(t, chosen));
	assert_true(session_works(t, r.session));
	reply_free(&r);

	/* Signed in already as someone else: that session ends, a new one
	 * starts (the form carries that session's own CSRF token). */
	struct testuser u;
	testapp_user(t, t->partnership_id, ROLE_VIEWER, &u);
	const char *old = session_of(&u);
	char body[512];
	const char *kv[] = {"email", "pat@example.org", "password", PASSWORD, "csrf_token", u.csrf};
	form(body, sizeof body, kv, 6);
	r = run(t, "POST", "/login", old, NULL, body);
	assert_int_equal(r.status, 303);
	assert_true(*r.session);
	assert_string_not_equal(r.session, old);
	assert_false(session_works(t, old));
	assert_true(session_works(t, r.session));
	reply_free(&r);
}

static void test_sign_out(void **state)
{
	struct testapp *t = *state;
	make_user(t, "pat@example.org", PASSWORD);
	struct reply r = sign_in(t, NULL, "pat@example.org", PASSWORD, NULL);
	char session[128];
	snprintf(session, sizeof session, "%s", r.session);
	reply_free(&r);
	assert_true(session_works(t, session));

	r = post(t, session, "/logout", NULL, 0);
	assert_int_equal(r.status, 303);
	assert_string_equal(r.location, "/login?signed_out=1");
	assert_true(r.session_cleared);
	reply_free(&r);
	/* Ended on the server: the old cookie, sent again, signs nobody in. */
	assert_false(session_works(t, session));

	r = run(t, "GET", "/login?signed_out=1", NULL, NULL, NULL);
	assert_int_equal(r.status, 200);
	assert_contains(r.body, "You have signed out");
	assert_contains(r.body, "govuk-notification-banner--success");
	reply_free(&r);
}

static void test_idle_and_absolute_expiry(void **state)
{
	struct testapp *t = *state;
	long long idle = t->app.cfg.session_idle_s, max = t->app.cfg.session_max_s;
	assert_true(idle > 120 && max > 4 * idle);

	struct testuser u;
	testapp_user(t, t->partnership_id, ROLE_VIEWER, &u);
	const char *sid = session_of(&u);
	/* Used within the idle time: it lives on, counted from the last use. */
	atomic_store(&t->app.clock_skew, idle - 60);
	assert_true(session_works(t, sid));
	atomic_store(&t->app.clock_skew, 2 * (idle - 60));
	assert_true(session_works(t, sid));
	atomic_store(&t->app.clock_skew, 2 * (idle - 60) + idle + 1);
	assert_false(session_works(t, sid));
	/* Deleted, not just refused: going back in time does not revive it. */
	atomic_store(&t->app.clock_skew, 0);
	assert_false(session_works(t, sid));

	/* Busy all the time, it still ends max seconds after sign-in. */
	testapp_user(t, t->partnership_id, ROLE_VIEWER, &u);
	sid = session_of(&u);
	long long step = idle / 2, at = 0;
	for (at = step; at < max; at += step) {
		atomic_store(&t->app.clock_skew, at);
		assert_true(session_works(t, sid));
	}
	atomic_store(&t->app.clock_skew, max + 1);
	assert_false(session_works(t, sid));
	atomic_store(&t->app.clock_skew, 0);
}

static size_t token_count(struct testapp *t, int64_t user_id)
{
	struct api_token *tokens;
	size_t n;
	assert_int_equal(token_list(app_db(&t->app), &t->pool, user_id, &tokens, &n), E_OK);
	return n;
}

static int user_disabled(struct testapp *t, int64_t id)
{
	struct user u;
	assert_int_equal(user_get(app_db(&t->app), &t->pool, t->partnership_id, id, &u), E_OK);
	return u.disabled_at != NULL;
}

static void test_csrf_refused(void **state)
{
	struct testapp *t = *state;
	struct testuser u, admin;
	testapp_user(t, t->partnership_id, ROLE_COMMISSIONER, &u);
	testapp_user(t, t->partnership_id, ROLE_ADMIN, &admin);
	const char *sid = session_of(&u);

	/* Without the token, and with a wrong one: 403, nothing made. */
	struct reply r = run(t, "POST", "/account/tokens", sid, NULL, "name=nightly");
	assert_int_equal(r.status, 403);
	reply_free(&r);
	r = run(t, "POST", "/account/tokens", sid, NULL, "name=nightly&csrf_token=wrong");
	assert_int_equal(r.status, 403);
	reply_free(&r);
	assert_int_equal(token_count(t, u.id), 0);

	/* Sign-out needs it too (else any site could sign people out). */
	r = run(t, "POST", "/logout", sid, NULL, "");
	assert_int_equal(r.status, 403);
	assert_false(r.session_cleared);
	reply_free(&r);
	assert_true(session_works(t, sid));

	/* An administrator's action. */
	char target[64], body[512];
	snprintf(target, sizeof target, "/users/%lld/disable", (long long)u.id);
	r = run(t, "POST", target, session_of(&admin), NULL, "csrf_token=");
	assert_int_equal(r.status, 403);
	reply_free(&r);
	assert_false(user_disabled(t, u.id));

	/* The sign-in form: the cookie and the field must both be there and
	 * agree. */
	make_user(t, "pat@example.org", PASSWORD);
	struct reply g = run(t, "GET", "/login", NULL, NULL, NULL);
	char cookie[192];
	snprintf(cookie, sizeof cookie, "jcs_csrf=%s", g.csrf_cookie);
	snprintf(body, sizeof body, "email=pat%%40example.org&password=%s&csrf_token=%s", PASSWORD,
		 g.csrf_cookie);
	r = run(t, "POST", "/login", NULL, NULL, body); /* no cookie */
	assert_int_equal(r.status, 403);
	assert_string_equal(r.session, "");
	reply_free(&r);
	snprintf(body, sizeof body, "email=pat%%40example.org&password=%s&csrf_token=%s", PASSWORD,
		 "Zm9yZ2VkLXRva2VuLW9mLXRoZS1yaWdodC1sZW5ndGgtYWFh");
	r = run(t, "POST", "/login", NULL, cookie, body); /* wrong field */
	assert_int_equal(r.status, 403);
	assert_string_equal(r.session, "");
	reply_free(&r);
	snprintf(body, sizeof body, "email=pat%%40example.org&password=%s", PASSWORD);
	r = run(t, "POST", "/login", NULL, cookie, body); /* no field */
	assert_int_equal(r.status, 403);
	assert_string_equal(r.session, "");
	reply_free(&r);
	reply_free(&g);
}

static void test_throttling(void **state)
{
	struct testapp *t = *state;
	make_user(t, "pat@example.org", PASSWORD);
	make_user(t, "sam@example.org", PASSWORD2);
	char a[512], b[512];

	for (int i = 0; i < THROTTLE_ACCOUNT_FAILURES; i++) {
		struct reply r = sign_in(t, NULL, "pat@example.org", "wrong-guess-number-x", NULL);
		assert_int_equal(r.status, 400);
		assert_contains(r.body, FAILED);
		reply_free(&r);
	}
	/* Locked: even the right password is not accepted (nor checked). */
	struct reply locked = sign_in(t, NULL, "pat@example.org", PASSWORD, NULL);
	assert_int_equal(locked.status, 429);
	assert_contains(locked.body, LOCKED);
	assert_string_equal(locked.session, "");

	/* An account that does not exist locks the same way, with the same
	 * words: the lock does not tell whether an account exists. */
	for (int i = 0; i < THROTTLE_ACCOUNT_FAILURES; i++) {
		struct reply r = sign_in(t, NULL, "nobody@example.org", "wrong-guess-number-x", NULL);
		assert_int_equal(r.status, 400);
		reply_free(&r);
	}
	struct reply ghost = sign_in(t, NULL, "nobody@example.org", "wrong-guess-number-x", NULL);
	assert_int_equal(ghost.status, 429);
	error_summary(locked.body, a, sizeof a);
	error_summary(ghost.body, b, sizeof b);
	assert_string_equal(a, b);
	reply_free(&locked);
	reply_free(&ghost);

	/* Another account from the same address is not affected. */
	struct reply r = sign_in(t, NULL, "sam@example.org", PASSWORD2, NULL);
	assert_int_equal(r.status, 303);
	assert_true(*r.session);
	reply_free(&r);

	/* Once the lock has passed, the right password works. */
	atomic_store(&t->app.clock_skew, THROTTLE_LOCK_S + 1);
	r = sign_in(t, NULL, "pat@example.org", PASSWORD, NULL);
	assert_int_equal(r.status, 303);
	assert_true(*r.session);
	reply_free(&r);
	atomic_store(&t->app.clock_skew, 0);
}

static void test_address_throttling(void **state)
{
	struct testapp *t = *state;
	make_user(t, "sam@example.org", PASSWORD2);
	/* Many accounts, few tries each, one address: the address locks. */
	char email[64];
	for (int i = 0; i < THROTTLE_ADDRESS_FAILURES; i++) {
		snprintf(email, sizeof email, "guess%d@example.org", i % 10);
		struct reply r = sign_in(t, NULL, email, "wrong-guess-number-x", NULL);
		assert_int_equal(r.status, 400);
		reply_free(&r);
	}
	struct reply r = sign_in(t, NULL, "sam@example.org", PASSWORD2, NULL);
	assert_int_equal(r.status, 429);
	assert_contains(r.body, LOCKED);
	assert_string_equal(r.session, "");
	reply_free(&r);
}

static void test_must_change_password(void **state)
{
	struct testapp *t = *state;
	char pw[PASSWORD_GENERATED_SIZE];
	add_user(t, "new@example.org", ROLE_VIEWER, pw);
	struct reply r = sign_in(t, NULL, "new@example.org", pw, "/areas");
	assert_int_equal(r.status, 303);
	assert_string_equal(r.location, "/account/password");
	char session[128];
	snprintf(session, sizeof session, "%s", r.session);
	reply_free(&r);

	/* Nothing else until it is done. */
	r = run(t, "GET", "/", session, NULL, NULL);
	assert_int_equal(r.status, 303);
	assert_string_equal(r.location, "/account/password");
	reply_free(&r);
	r = run(t, "GET", "/account/password", session, NULL, NULL);
	assert_int_equal(r.status, 200);
	assert_contains(r.body, "govuk-inset-text");
	assert_contains(r.body, "You must choose your own password");
	char csrf[128], body[512];
	hidden_field(r.body, "csrf_token", csrf, sizeof csrf);
	reply_free(&r);

	const char *kv[] = {"current_password", pw, "new_password", PASSWORD,
			    "confirm_password", PASSWORD, "csrf_token", csrf};
	form(body, sizeof body, kv, 8);
	r = run(t, "POST", "/account/password", session, NULL, body);
	assert_int_equal(r.status, 303);
	assert_string_equal(r.location, "/?done=password");
	assert_absent(&r, pw);
	assert_absent(&r, PASSWORD);
	reply_free(&r);
	r = run(t, "GET", "/", session, NULL, NULL);
	assert_int_equal(r.status, 200);
	reply_free(&r);
	r = run(t, "GET", "/account/password", session, NULL, NULL);
	assert_lacks(r.body, "You must choose your own password");
	reply_free(&r);
}

static void test_change_password(void **state)
{
	struct testapp *t = *state;
	make_user(t, "pat@example.org", PASSWORD);
	struct reply s1 = sign_in(t, NULL, "pat@example.org", PASSWORD, NULL);
	struct reply s2 = sign_in(t, NULL, "pat@example.org", PASSWORD, NULL);
	assert_string_not_equal(s1.session, s2.session);

	struct {
		const char *current, *fresh, *confirm, *message;
	} bad[] = {
		{"", "", "", "Enter your current password"},
		{PASSWORD, "", PASSWORD2, "Enter a new password"},
		{PASSWORD, PASSWORD2, "", "Confirm your new password"},
		{PASSWORD, PASSWORD2, "quiet-lantern-meadow-38", "The passwords do not match"},
		{PASSWORD, "short", "short", "Enter a password of at least 12 characters"},
		{PASSWORD, "password1234", "password1234", "Choose a password that is harder to guess"},
		{PASSWORD, PASSWORD, PASSWORD, "different from your current password"},
		{"not-my-password-x", PASSWORD2, PASSWORD2, "The current password you entered is not correct"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		const char *kv[] = {"current_password", bad[i].current, "new_password", bad[i].fresh,
				    "confirm_password", bad[i].confirm};
		struct reply r = post(t, s1.session, "/account/password", kv, 6);
		assert_int_equal(r.status, 400);
		if (!strstr(r.body, bad[i].message))
			fail_msg("case %zu: no \"%s\"", i, bad[i].message);
		assert_contains(r.body, "<title>Error: Change your password");
		assert_absent(&r, PASSWORD);
		assert_absent(&r, PASSWORD2);
		reply_free(&r);
	}

	const char *kv[] = {"current_password", PASSWORD, "new_password", PASSWORD2,
			    "confirm_password", PASSWORD2};
	struct reply r = post(t, s1.session, "/account/password", kv, 6);
	assert_int_equal(r.status, 303);
	assert_string_equal(r.location, "/?done=password");
	reply_free(&r);
	/* This session goes on; the others end. */
	assert_true(session_works(t, s1.session));
	assert_false(session_works(t, s2.session));
	r = sign_in(t, NULL, "pat@example.org", PASSWORD, NULL);
	assert_int_equal(r.status, 400);
	reply_free(&r);
	r = sign_in(t, NULL, "pat@example.org", PASSWORD2, NULL);
	assert_int_equal(r.status, 303);
	reply_free(&r);
	assert_not_audited(t, PASSWORD2);

	/* Guessing the current password behind a session is throttled like
	 * sign-in. */
	const char *guess[] = {"current_password", "guess-guess-guess-1", "new_password", PASSWORD,
			       "confirm_password", PASSWORD};
	for (int i = 0; i < THROTTLE_ACCOUNT_FAILURES; i++) {
		r = post(t, s1.session, "/account/password", guess, 6);
		assert_int_equal(r.status, 400);
		reply_free(&r);
	}
	r = post(t, s1.session, "/account/password", kv, 6);
	assert_int_equal(r.status, 429);
	assert_contains(r.body, LOCKED);
	reply_free(&r);
	reply_free(&s1);
	reply_free(&s2);
}

/* The one-time password a page shows in its <code class="app-secret">. */
static void shown_secret(const char *body, char *out, size_t n)
{
	const char *p = strstr(body, "<code class=\"app-secret\">");
	assert_non_null(p);
	p += strlen("<code class=\"app-secret\">");
	const char *e = strstr(p, "</code>");
	assert_non_null(e);
	snprintf(out, n, "%.*s", (int)(e - p), p);
}

static void test_admin_reset(void **state)
{
	struct testapp *t = *state;
	struct testuser admin;
	testapp_user(t, t->partnership_id, ROLE_ADMIN, &admin);
	int64_t id = make_user(t, "pat@example.org", PASSWORD);
	struct reply s = sign_in(t, NULL, "pat@example.org", PASSWORD, NULL);

	char target[64], once[64];
	snprintf(target, sizeof target, "/users/%lld/reset-password", (long long)id);
	struct reply r = post(t, session_of(&admin), target, NULL, 0);
	assert_int_equal(r.status, 200);
	assert_true(r.no_store);
	assert_contains(r.body, "will not be shown again");
	shown_secret(r.body, once, sizeof once);
	assert_int_equal(strlen(once), PASSWORD_GENERATED_SIZE - 1);
	assert_lacks(r.headers, once);
	reply_free(&r);
	assert_not_audited(t, once);

	/* Their sessions ended; the old password no longer works; the
	 * one-time one does, once, and sends them to choose their own. */
	assert_false(session_works(t, s.session));
	r = sign_in(t, NULL, "pat@example.org", PASSWORD, NULL);
	assert_int_equal(r.status, 400);
	reply_free(&r);
	r = sign_in(t, NULL, "pat@example.org", once, NULL);
	assert_int_equal(r.status, 303);
	assert_string_equal(r.location, "/account/password");
	assert_absent(&r, once);
	reply_free(&r);
	/* The person's page does not show it again. */
	snprintf(target, sizeof target, "/users/%lld", (long long)id);
	r = run(t, "GET", target, session_of(&admin), NULL, NULL);
	assert_int_equal(r.status, 200);
	assert_absent(&r, once);
	reply_free(&r);
	reply_free(&s);
}

static void test_disabled_user_cannot_sign_in(void **state)
{
	struct testapp *t = *state;
	struct testuser admin;
	testapp_user(t, t->partnership_id, ROLE_ADMIN, &admin);
	const char *asid = session_of(&admin);
	int64_t id = make_user(t, "pat@example.org", PASSWORD);
	struct reply s = sign_in(t, NULL, "pat@example.org", PASSWORD, NULL);

	char target[64];
	snprintf(target, sizeof target, "/users/%lld/disable", (long long)id);
	struct reply r = post(t, asid, target, NULL, 0);
	assert_int_equal(r.status, 303);
	reply_free(&r);
	assert_false(session_works(t, s.session));
	r = sign_in(t, NULL, "pat@example.org", PASSWORD, NULL);
	assert_int_equal(r.status, 400);
	assert_contains(r.body, FAILED);
	assert_string_equal(r.session, "");
	reply_free(&r);

	snprintf(target, sizeof target, "/users/%lld/enable", (long long)id);
	r = post(t, asid, target, NULL, 0);
	assert_int_equal(r.status, 303);
	reply_free(&r);
	r = sign_in(t, NULL, "pat@example.org", PASSWORD, NULL);
	assert_int_equal(r.status, 303);
	reply_free(&r);
	reply_free(&s);
}

static struct reply api_get(struct testapp *t, const char *token)
{
	char auth[128];
	snprintf(auth, sizeof auth, "Bearer %s", token);
	const char *h[] = {"Authorization", auth};
	struct texchange *ex = testapp_run_raw(t, "GET", "/api/v1/organisations", h, 2, NULL);
	memset(&ex->req.headers, 0, sizeof ex->req.headers);
	return take(ex);
}

static void test_api_token(void **state)
{
	struct testapp *t = *state;
	struct testuser u, other;
	testapp_user(t, t->partnership_id, ROLE_COMMISSIONER, &u);
	testapp_user(t, t->partnership_id, ROLE_COMMISSIONER, &other);
	const char *sid = session_of(&u);

	const char *blank[] = {"name", "  "};
	struct reply r = post(t, sid, "/account/tokens", blank, 2);
	assert_int_equal(r.status, 400);
	assert_contains(r.body, "Enter what the token is for");
	reply_free(&r);
	assert_int_equal(token_count(t, u.id), 0);

	const char *kv[] = {"name", "nightly export"};
	r = post(t, sid, "/account/tokens", kv, 2);
	assert_int_equal(r.status, 200);
	assert_true(r.no_store);
	assert_string_equal(r.location, "");
	assert_contains(r.body, "It will not be shown again");
	char token[TOKEN_SIZE + 16];
	shown_secret(r.body, token, sizeof token);
	assert_int_equal(strlen(token), TOKEN_SIZE - 1);
	assert_memory_equal(token, "jcs_", 4);
	assert_lacks(r.headers, token);
	reply_free(&r);
	assert_not_audited(t, token);

	r = api_get(t, token);
	assert_int_equal(r.status, 200);
	assert_contains(r.body, "\"name\"");
	assert_absent(&r, token);
	reply_free(&r);

	/* Listed, but never shown again. */
	r = run(t, "GET", "/account", sid, NULL, NULL);
	assert_int_equal(r.status, 200);
	assert_contains(r.body, "nightly export");
	assert_contains(r.body, "Active");
	assert_absent(&r, token);
	reply_free(&r);

	struct api_token *tokens;
	size_t n;
	assert_int_equal(token_list(app_db(&t->app), &t->pool, u.id, &tokens, &n), E_OK);
	assert_int_equal(n, 1);
	char target[64];
	snprintf(target, sizeof target, "/account/tokens/%lld/revoke", (long long)tokens[0].id);

	/* Someone else cannot revoke it: not theirs, so not found. */
	r = post(t, session_of(&other), target, NULL, 0);
	assert_int_equal(r.status, 404);
	reply_free(&r);
	r = api_get(t, token);
	assert_int_equal(r.status, 200);
	reply_free(&r);

	r = post(t, sid, target, NULL, 0);
	assert_int_equal(r.status, 303);
	assert_string_equal(r.location, "/account?done=token_revoked");
	reply_free(&r);
	r = api_get(t, token);
	assert_int_equal(r.status, 401);
	reply_free(&r);
	r = run(t, "GET", "/account?done=token_revoked", sid, NULL, NULL);
	assert_contains(r.body, "The API token has been revoked");
	assert_contains(r.body, "Revoked");
	reply_free(&r);
}

static void test_account_page(void **state)
{
	struct testapp *t = *state;
	struct testuser u;
	testapp_user(t, t->partnership_id, ROLE_PROVIDER, &u);
	struct texchange *ex = testapp_run(t, &u, "GET", "/account", NULL);
	assert_int_equal(ex->res.status, 200);
	const char *body = texchange_body(ex);
	assert_contains(body, u.email);
	assert_contains(body, "Provider");
	assert_contains(body, "Organisation");
	assert_contains(body, "href=\"/account/password\"");
	assert_contains(body, "You have no API tokens.");
	assert_contains(body, "action=\"/account/tokens\"");
	texchange_free(ex);

	/* A national user has an account page too (no partnership). */
	struct testuser national;
	testapp_user(t, 0, ROLE_NATIONAL, &national);
	ex = testapp_run(t, &national, "GET", "/account", NULL);
	assert_int_equal(ex->res.status, 200);
	assert_contains(texchange_body(ex), "National analyst");
	texchange_free(ex);

	/* Not signed in: to the sign-in page, and back here afterwards. */
	ex = testapp_run(t, NULL, "GET", "/account", NULL);
	assert_int_equal(ex->res.status, 303);
	assert_string_equal(texchange_header(ex, "Location"), "/login?next=/account");
	texchange_free(ex);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_login_form, testapp_setup, testapp_teardown),
		cmocka_unit_test_setup_teardown(test_sign_in, testapp_setup, testapp_teardown),
		cmocka_unit_test_setup_teardown(test_wrong_password_and_unknown_account, testapp_setup, testapp_teardown),
		cmocka_unit_test_setup_teardown(test_new_session_id_at_sign_in, testapp_setup, testapp_teardown),
		cmocka_unit_test_setup_teardown(test_sign_out, testapp_setup, testapp_teardown),
		cmocka_unit_test_setup_teardown(test_idle_and_absolute_expiry, testapp_setup, testapp_teardown),
		cmocka_unit_test_setup_teardown(test_csrf_refused, testapp_setup, testapp_teardown),
		cmocka_unit_test_setup_teardown(test_throttling, testapp_setup, testapp_teardown),
		cmocka_unit_test_setup_teardown(test_address_throttling, testapp_setup, testapp_teardown),
		cmocka_unit_test_setup_teardown(test_must_change_password, testapp_setup, testapp_teardown),
		cmocka_unit_test_setup_teardown(test_change_password, testapp_setup, testapp_teardown),
		cmocka_unit_test_setup_teardown(test_admin_reset, testapp_setup, testapp_teardown),
		cmocka_unit_test_setup_teardown(test_disabled_user_cannot_sign_in, testapp_setup, testapp_teardown),
		cmocka_unit_test_setup_teardown(test_api_token, testapp_setup, testapp_teardown),
		cmocka_unit_test_setup_teardown(test_account_page, testapp_setup, testapp_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
