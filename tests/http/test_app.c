/*
 * test_app.c: handlers run in-process through app_handle(), no socket:
 * routing, error pages (HTML and JSON), security headers, body decoding,
 * assets with ETags, the home page from a real database on both backends.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "db/db.h"
#include "db/migrate.h"
#include "http/multipart.h"
#include "http/request.h"
#include "partnership/partnership.h"
#include "support/testdb.h"
#include "web/app.h"
#include "web/respond.h"
#include "audit/audit.h"
#include "auth/session.h"
#include "auth/token.h"
#include "auth/user.h"

static char url[512];
static char session_cookie[128];
/* The double-submit token every POST of run() carries. */
#define CSRF "test-csrf-token"
static struct app app;

/* Test-only routes that echo what the app decoded from the body. */
static void echo_form(struct request *req, struct response *res)
{
	for (size_t i = 0; i < req->form.n; i++)
		buf_printf(&res->body, "%s=%s;", req->form.v[i].name, req->form.v[i].value);
}

static void echo_json(struct request *req, struct response *res)
{
	respond_json(res, 200, json_pack("{s:O}", "got", req->json ? req->json : json_null()));
}

static void echo_parts(struct request *req, struct response *res)
{
	buf_printf(&res->body, "%zu", req->parts ? req->parts->n : 0);
}

static void echo_id(struct request *req, struct response *res)
{
	buf_puts(&res->body, params_get(&req->route, "id"));
}

static void many_headers(struct request *req, struct response *res)
{
	for (int i = 0; i < RESPONSE_MAX_HEADERS; i++)
		response_header(res, "X-Thing", "1");
	buf_puts(&res->body, "never shown");
}

static void redirect_to(struct request *req, struct response *res)
{
	respond_redirect(req, res, params_get(&req->query, "to"));
}

static struct route routes[128];
static size_t nroutes;

static int setup(void **state)
{
	char err[256];
	testdb_create_demo(url, sizeof url);

	nroutes = 0;
	for (size_t i = 0; i < app_routes_count; i++)
		routes[nroutes++] = app_routes[i];
	/* Public, so they need no session; their POSTs still need the
	 * double-submit CSRF token, which run() always sends. */
	routes[nroutes++] = (struct route){"POST", "/echo/form", echo_form, "echo_form", ACCESS_PUBLIC};
	routes[nroutes++] = (struct route){"POST", "/api/v1/echo", echo_json, "echo_json", ACCESS_PUBLIC};
	routes[nroutes++] = (struct route){"POST", "/echo/parts", echo_parts, "echo_parts", ACCESS_PUBLIC};
	routes[nroutes++] = (struct route){"GET", "/things/{id}", echo_id, "thing", ACCESS_PUBLIC};
	routes[nroutes++] = (struct route){"GET", "/many-headers", many_headers, "many_headers", ACCESS_PUBLIC};
	routes[nroutes++] = (struct route){"GET", "/redirect", redirect_to, "redirect", ACCESS_PUBLIC};
	assert_true(nroutes <= sizeof routes / sizeof routes[0]);
	struct app_config cfg;
	app_config_defaults(&cfg);
	cfg.db_url = url;
	cfg.plain_http = 1;
	assert_int_equal(app_init(&app, &cfg, routes, nroutes, 0, err, sizeof err), E_OK);

	/* A signed-in administrator for the home page. */
	struct db *db = app_db(&app);
	struct pool pool;
	struct partnership p;
	pool_init(&pool, 1 << 16);
	assert_int_equal(partnership_first(db, &pool, &p), E_OK);
	char pw[PASSWORD_GENERATED_SIZE], tok[SESSION_TOKEN_SIZE];
	int64_t uid;
	assert_int_equal(user_add(db, &actor_cli, p.id, "home@test.jcs.invalid", "Home Tester",
				  ROLE_ADMIN, 0, pw, &uid), E_OK);
	struct db_stmt *st;
	assert_int_equal(db_prepare(db, "UPDATE app_user SET must_change_password = 0", &st), E_OK);
	assert_int_equal(db_step(st), DB_DONE);
	db_finish(st);
	assert_int_equal(session_create(db, uid, app_now(&app), tok), E_OK);
	snprintf(session_cookie, sizeof session_cookie, "jcs_session=%s", tok);
	pool_free(&pool);
	return 0;
}

static int teardown(void **state)
{
	app_free(&app);
	testdb_drop(NULL, url);
	return 0;
}

struct exchange {
	struct pool pool;
	struct request req;
	struct response res;
};

static struct exchange *run(const char *method, const char *path, const char *ctype,
			    const char *body, const char *extra_header, const char *extra_value)
{
	struct exchange *ex = calloc(1, sizeof *ex);
	pool_init(&ex->pool, 1 << 20);
	ex->req.pool = &ex->pool;
	ex->req.method = method;
	ex->req.path = path;
	ex->req.raw_query = "";
	ex->req.client_ip = "127.0.0.1";
	ex->req.headers.v = pool_alloc(&ex->pool, 6 * sizeof(struct param));
	ex->req.headers.v[ex->req.headers.n++] = (struct param){"Cookie", "jcs_csrf=" CSRF};
	ex->req.headers.v[ex->req.headers.n++] = (struct param){"X-CSRF-Token", CSRF};
	if (ctype)
		ex->req.headers.v[ex->req.headers.n++] = (struct param){"Content-Type", ctype};
	if (extra_header)
		ex->req.headers.v[ex->req.headers.n++] = (struct param){extra_header, extra_value};
	if (body) {
		ex->req.body = body;
		ex->req.body_len = strlen(body);
	}
	response_init(&ex->res, &ex->pool);
	app_handle(&app, &ex->req, &ex->res);
	return ex;
}

static const char *header(struct exchange *ex, const char *name)
{
	for (size_t i = 0; i < ex->res.nheaders; i++)
		if (strcasecmp(ex->res.headers[i].name, name) == 0)
			return ex->res.headers[i].value;
	return NULL;
}

static const char *body(struct exchange *ex)
{
	return ex->res.body.data ? ex->res.body.data : "";
}

static void done(struct exchange *ex)
{
	json_decref(ex->req.json);
	response_free(&ex->res);
	pool_free(&ex->pool);
	free(ex);
}

static void test_home_needs_sign_in(void **state)
{
	struct exchange *ex = run("GET", "/", NULL, NULL, NULL, NULL);
	assert_int_equal(ex->res.status, 303);
	assert_string_equal(header(ex, "Location"), "/login?next=/");
	done(ex);
}

static void test_home_shows_the_partnership(void **state)
{
	/* By hand: run() sends a Cookie header of its own. */
	struct exchange *ex = calloc(1, sizeof *ex);
	pool_init(&ex->pool, 1 << 20);
	ex->req = (struct request){.pool = &ex->pool, .method = "GET", .path = "/", .raw_query = ""};
	ex->req.headers.v = pool_alloc(&ex->pool, sizeof(struct param));
	ex->req.headers.v[ex->req.headers.n++] = (struct param){"Cookie", session_cookie};
	response_init(&ex->res, &ex->pool);
	app_handle(&app, &ex->req, &ex->res);
	assert_int_equal(ex->res.status, 200);
	assert_string_equal(ex->res.content_type, "text/html; charset=utf-8");
	const char *b = body(ex);
	assert_non_null(strstr(b, "Oxfordshire Children and Young People&#39;s Trust"));
	assert_non_null(strstr(b, "Partner organisations"));
	assert_non_null(strstr(b, "govuk-summary-list"));
	assert_non_null(strstr(b, "govuk-phase-banner"));
	assert_non_null(strstr(b, "Sign out"));
	assert_non_null(strstr(b, "Home Tester"));
	assert_string_equal(header(ex, "Cache-Control"), "no-store");
	done(ex);
}

static void test_security_headers_and_nonce(void **state)
{
	struct exchange *ex = run("GET", "/login", NULL, NULL, NULL, NULL);
	const char *csp = header(ex, "Content-Security-Policy");
	assert_non_null(csp);
	assert_non_null(strstr(csp, "default-src 'self'"));
	assert_non_null(strstr(csp, "frame-ancestors 'none'"));
	assert_non_null(strstr(csp, "object-src 'none'"));
	assert_null(strstr(csp, "unsafe-inline"));
	/* The nonce in the policy is the one on the page's inline script. */
	char want[128];
	snprintf(want, sizeof want, "'nonce-%s'", ex->res.nonce);
	assert_non_null(strstr(csp, want));
	snprintf(want, sizeof want, "nonce=\"%s\"", ex->res.nonce);
	assert_non_null(strstr(body(ex), want));
	assert_string_equal(header(ex, "X-Content-Type-Options"), "nosniff");
	assert_non_null(header(ex, "Referrer-Policy"));
	assert_null(header(ex, "Strict-Transport-Security"));
	char nonce1[64];
	snprintf(nonce1, sizeof nonce1, "%s", ex->res.nonce);
	done(ex);
	ex = run("GET", "/login", NULL, NULL, NULL, NULL);
	assert_string_not_equal(nonce1, ex->res.nonce); /* fresh per response */
	done(ex);

	app.cfg.hsts = 1;
	ex = run("GET", "/login", NULL, NULL, NULL, NULL);
	assert_non_null(header(ex, "Strict-Transport-Security"));
	app.cfg.hsts = 0;
	done(ex);
}

static void test_not_found_page_and_json(void **state)
{
	struct exchange *ex = run("GET", "/no/such/page", NULL, NULL, NULL, NULL);
	assert_int_equal(ex->res.status, 404);
	assert_non_null(strstr(body(ex), "Page not found"));
	assert_non_null(strstr(body(ex), "govuk-template__header"));
	assert_non_null(header(ex, "Content-Security-Policy"));
	done(ex);

	ex = run("GET", "/api/v1/nothing", NULL, NULL, NULL, NULL);
	assert_int_equal(ex->res.status, 404);
	assert_string_equal(ex->res.content_type, "application/json");
	json_t *j = json_loads(body(ex), 0, NULL);
	assert_non_null(j);
	assert_string_equal(json_string_value(json_object_get(json_object_get(j, "error"), "code")), "not_found");
	assert_int_equal(json_integer_value(json_object_get(json_object_get(j, "error"), "status")), 404);
	json_decref(j);
	done(ex);
}

static void test_method_not_allowed(void **state)
{
	struct exchange *ex = run("POST", "/", NULL, NULL, NULL, NULL);
	assert_int_equal(ex->res.status, 405);
	assert_string_equal(header(ex, "Allow"), "GET, HEAD");
	done(ex);
	ex = run("HEAD", "/healthz", NULL, NULL, NULL, NULL);
	assert_int_equal(ex->res.status, 200);
	done(ex);
}

static void test_healthz_and_version(void **state)
{
	struct exchange *ex = run("GET", "/healthz", NULL, NULL, NULL, NULL);
	assert_int_equal(ex->res.status, 200);
	json_t *j = json_loads(body(ex), 0, NULL);
	assert_string_equal(json_string_value(json_object_get(j, "status")), "ok");
	assert_string_equal(json_string_value(json_object_get(j, "database")), testdb_backend());
	json_decref(j);
	done(ex);

	ex = run("GET", "/api/v1/version", NULL, NULL, NULL, NULL);
	j = json_loads(body(ex), 0, NULL);
	assert_int_equal(json_integer_value(json_object_get(j, "schema")), migrate_latest());
	json_decref(j);
	done(ex);
}

static void test_assets_etag(void **state)
{
	struct exchange *ex = run("GET", "/assets/app.css", NULL, NULL, NULL, NULL);
	assert_int_equal(ex->res.status, 200);
	assert_string_equal(ex->res.content_type, "text/css; charset=utf-8");
	assert_true(ex->res.static_len > 10000);
	/* Arial, never GDS Transport (that font is for GOV.UK only). */
	assert_non_null(memmem(ex->res.static_body, ex->res.static_len, "arial", 5));
	assert_null(memmem(ex->res.static_body, ex->res.static_len, "GDS Transport", 13));
	char etag[64];
	snprintf(etag, sizeof etag, "%s", header(ex, "ETag"));
	assert_non_null(strstr(header(ex, "Cache-Control"), "max-age"));
	done(ex);

	ex = run("GET", "/assets/app.css", NULL, NULL, "If-None-Match", etag);
	assert_int_equal(ex->res.status, 304);
	assert_null(ex->res.static_body);
	done(ex);

	ex = run("GET", "/assets/nothing.css", NULL, NULL, NULL, NULL);
	assert_int_equal(ex->res.status, 404);
	done(ex);
	ex = run("GET", "/assets/govuk-frontend.min.js", NULL, NULL, NULL, NULL);
	assert_int_equal(ex->res.status, 200);
	assert_string_equal(ex->res.content_type, "text/javascript; charset=utf-8");
	done(ex);
}

static void test_body_decoding(void **state)
{
	struct exchange *ex = run("POST", "/echo/form", "application/x-www-form-urlencoded",
				  "a=1&b=caf%C3%A9+au+lait", NULL, NULL);
	assert_int_equal(ex->res.status, 200);
	assert_string_equal(body(ex), "a=1;b=café au lait;");
	done(ex);

	ex = run("POST", "/echo/form", "application/x-www-form-urlencoded", "a=%zz", NULL, NULL);
	assert_int_equal(ex->res.status, 400);
	assert_non_null(strstr(body(ex), "encoding is not valid"));
	done(ex);

	ex = run("POST", "/api/v1/echo", "application/json", "{\"x\": [1, 2]}", NULL, NULL);
	assert_int_equal(ex->res.status, 200);
	assert_string_equal(body(ex), "{\"got\":{\"x\":[1,2]}}");
	done(ex);

	ex = run("POST", "/api/v1/echo", "application/json", "{\"x\": [1, 2}", NULL, NULL);
	assert_int_equal(ex->res.status, 400);
	json_t *j = json_loads(body(ex), 0, NULL);
	assert_non_null(j);
	assert_string_equal(json_string_value(json_object_get(json_object_get(j, "error"), "code")), "bad_request");
	assert_non_null(strstr(json_string_value(json_object_get(json_object_get(j, "error"), "message")), "column"));
	json_decref(j);
	done(ex);

	ex = run("POST", "/echo/parts", "multipart/form-data; boundary=XyZ",
		 "--XyZ\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a.csv\"\r\n"
		 "Content-Type: text/csv\r\n\r\na,b\r\n1,2\r\n--XyZ--\r\n", NULL, NULL);
	assert_int_equal(ex->res.status, 200);
	assert_string_equal(body(ex), "1");
	done(ex);

	ex = run("POST", "/echo/parts", "multipart/form-data; boundary=XyZ", "--XyZ\r\nbroken", NULL, NULL);
	assert_int_equal(ex->res.status, 400);
	done(ex);
}

static void test_route_captures_are_decoded(void **state)
{
	struct exchange *ex = run("GET", "/things/a%2Fb", NULL, NULL, NULL, NULL);
	assert_int_equal(ex->res.status, 200);
	assert_string_equal(body(ex), "a/b");
	done(ex);
}

static void test_server_error_page(void **state)
{
	struct pool pool;
	pool_init(&pool, 1 << 20);
	struct request req = {.pool = &pool, .method = "GET", .path = "/x"};
	struct response res;
	response_init(&res, &pool);
	respond_error(&req, &res, 500, NULL);
	assert_int_equal(res.status, 500);
	assert_non_null(strstr(res.body.data, "Sorry, there is a problem with the service"));
	assert_non_null(strstr(res.body.data, "Try again later."));
	assert_true(res.no_store);
	response_free(&res);

	/* A page that outgrows its buffer becomes a 500, never a truncated page. */
	struct exchange *ex = calloc(1, sizeof *ex);
	pool_init(&ex->pool, 1 << 20);
	ex->req = (struct request){.pool = &ex->pool, .method = "GET", .path = "/login", .raw_query = ""};
	response_init(&ex->res, &ex->pool);
	ex->res.body.max = 100;
	app_handle(&app, &ex->req, &ex->res);
	assert_int_equal(ex->res.status, 500);
	assert_non_null(strstr(body(ex), "Sorry, there is a problem"));
	done(ex);
	pool_free(&pool);
}

static void test_get_bodies_are_never_decoded(void **state)
{
	/* A read-only route must not be made to parse anything. */
	struct exchange *ex = run("GET", "/healthz", "application/json", "[[[[[[[[not json", NULL, NULL);
	assert_int_equal(ex->res.status, 200);
	assert_null(ex->req.json);
	done(ex);
}

static void test_json_body_has_its_own_cap(void **state)
{
	size_t n = (1u << 20) + 10;
	char *big = malloc(n + 1);
	memset(big, ' ', n);
	big[0] = '[';
	big[n - 1] = ']';
	big[n] = '\0';
	struct exchange *ex = run("POST", "/api/v1/echo", "application/json", big, NULL, NULL);
	assert_int_equal(ex->res.status, 413);
	assert_null(ex->req.json);
	done(ex);
	free(big);
}

static void test_routing_uses_the_raw_path(void **state)
{
	/* An encoded slash or letter in the path is not a route separator or
	 * a route name: "/%68ealthz" is not "/healthz". */
	struct exchange *ex = calloc(1, sizeof *ex);
	pool_init(&ex->pool, 1 << 20);
	ex->req = (struct request){.pool = &ex->pool, .method = "GET", .path = "/healthz",
				   .raw_path = "/%68ealthz", .raw_query = ""};
	response_init(&ex->res, &ex->pool);
	app_handle(&app, &ex->req, &ex->res);
	assert_int_equal(ex->res.status, 404);
	done(ex);

	/* A capture is decoded exactly once: %2531 is "%31", not "1". */
	ex = calloc(1, sizeof *ex);
	pool_init(&ex->pool, 1 << 20);
	ex->req = (struct request){.pool = &ex->pool, .method = "GET", .path = "/things/%31",
				   .raw_path = "/things/%2531", .raw_query = ""};
	response_init(&ex->res, &ex->pool);
	app_handle(&app, &ex->req, &ex->res);
	assert_int_equal(ex->res.status, 200);
	assert_string_equal(body(ex), "%31");
	done(ex);
}

static void test_handlers_cannot_crowd_out_security_headers(void **state)
{
	struct exchange *ex = run("GET", "/many-headers", NULL, NULL, NULL, NULL);
	assert_int_equal(ex->res.status, 500);
	assert_null(strstr(body(ex), "never shown"));
	assert_non_null(header(ex, "Content-Security-Policy"));
	assert_non_null(header(ex, "X-Content-Type-Options"));
	assert_null(header(ex, "X-Thing"));
	done(ex);
}

static void test_redirects_stay_local(void **state)
{
	static const struct {
		const char *to, *want;
	} cases[] = {
		{"/organisations?page=2", "/organisations?page=2"},
		{"//evil.example", "/"},
		{"/\\evil.example", "/"},
		{"/\t/evil.example", "/"},
		{"/ok\r\nSet-Cookie: x=1", "/"},
		{"https://evil.example/", "/"},
		{"", "/"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct exchange *ex = calloc(1, sizeof *ex);
		pool_init(&ex->pool, 1 << 20);
		ex->req = (struct request){.pool = &ex->pool, .method = "GET", .path = "/redirect", .raw_query = ""};
		struct param q = {"to", cases[i].to};
		ex->req.query = (struct params){&q, 1};
		response_init(&ex->res, &ex->pool);
		app_handle(&app, &ex->req, &ex->res);
		assert_int_equal(ex->res.status, 303);
		assert_string_equal(header(ex, "Location"), cases[i].want);
		done(ex);
	}
}

static void test_html_is_escaped_in_error_message(void **state)
{
	struct pool pool;
	pool_init(&pool, 1 << 20);
	struct request req = {.pool = &pool, .method = "GET", .path = "/x"};
	struct response res;
	response_init(&res, &pool);
	respond_error(&req, &res, 400, "<script>alert(1)</script>");
	assert_null(strstr(res.body.data, "<script>alert"));
	assert_non_null(strstr(res.body.data, "&lt;script&gt;"));
	response_free(&res);
	pool_free(&pool);
}

/*
 * A user made by `jcs user add` has a one-time password it has not
 * replaced: its pages send it to choose one, but an API token issued for
 * it (`jcs token create`) works at once, being a credential of its own.
 * Behind a trusted proxy, the client is the proxy's last X-Forwarded-For hop.
 */
static void test_new_users_token_and_proxy(void **state)
{
	struct db *db = app_db(&app);
	struct pool pool;
	struct partnership p;
	pool_init(&pool, 1 << 16);
	assert_int_equal(partnership_first(db, &pool, &p), E_OK);
	char pw[PASSWORD_GENERATED_SIZE], tok[TOKEN_SIZE], sid[SESSION_TOKEN_SIZE];
	int64_t uid;
	assert_int_equal(user_add(db, &actor_cli, p.id, "script@test.jcs.invalid", "Script",
				  ROLE_VIEWER, 0, pw, &uid), E_OK);
	assert_int_equal(token_create(db, &actor_cli, uid, "nightly", tok, NULL), E_OK);
	char bearer[96];
	snprintf(bearer, sizeof bearer, "Bearer %s", tok);
	struct exchange *ex = run("GET", "/api/v1/organisations", NULL, NULL, "Authorization", bearer);
	assert_int_equal(ex->res.status, 200);
	assert_non_null(strstr(body(ex), "Oxfordshire County Council"));
	done(ex);

	assert_int_equal(session_create(db, uid, app_now(&app), sid), E_OK);
	char cookie[128];
	snprintf(cookie, sizeof cookie, "jcs_session=%s", sid);
	ex = calloc(1, sizeof *ex);
	pool_init(&ex->pool, 1 << 20);
	ex->req = (struct request){.pool = &ex->pool, .method = "GET", .path = "/organisations",
				   .raw_query = "q=county"};
	ex->req.headers.v = pool_alloc(&ex->pool, sizeof(struct param));
	ex->req.headers.v[ex->req.headers.n++] = (struct param){"Cookie", cookie};
	response_init(&ex->res, &ex->pool);
	app_handle(&app, &ex->req, &ex->res);
	assert_int_equal(ex->res.status, 303);
	assert_string_equal(header(ex, "Location"), "/account/password");
	done(ex);

	/* Signed out: back to the page after sign-in, query included. */
	ex = calloc(1, sizeof *ex);
	pool_init(&ex->pool, 1 << 20);
	ex->req = (struct request){.pool = &ex->pool, .method = "GET", .path = "/organisations",
				   .raw_query = "q=county&type=nhs"};
	response_init(&ex->res, &ex->pool);
	app_handle(&app, &ex->req, &ex->res);
	assert_int_equal(ex->res.status, 303);
	assert_string_equal(header(ex, "Location"), "/login?next=/organisations%3Fq%3Dcounty%26type%3Dnhs");
	done(ex);

	/* /metrics is for loopback: through a trusted proxy the real client counts. */
	app.cfg.trusted_proxy = "127.0.0.1";
	ex = run("GET", "/metrics", NULL, NULL, "X-Forwarded-For", "127.0.0.1, 203.0.113.9");
	assert_int_equal(ex->res.status, 404);
	done(ex);
	ex = run("GET", "/metrics", NULL, NULL, "X-Forwarded-For", "203.0.113.9, 127.0.0.1");
	assert_int_equal(ex->res.status, 200);
	done(ex);
	app.cfg.trusted_proxy = NULL;
	ex = run("GET", "/metrics", NULL, NULL, "X-Forwarded-For", "203.0.113.9");
	assert_int_equal(ex->res.status, 200);
	done(ex);
	pool_free(&pool);
}

/* A page no route answers still shows a signed-in person their menu. */
static void test_not_found_keeps_the_menu(void **state)
{
	struct exchange *ex = calloc(1, sizeof *ex);
	pool_init(&ex->pool, 1 << 20);
	ex->req = (struct request){.pool = &ex->pool, .method = "GET", .path = "/no/such/page", .raw_query = ""};
	ex->req.headers.v = pool_alloc(&ex->pool, sizeof(struct param));
	ex->req.headers.v[ex->req.headers.n++] = (struct param){"Cookie", session_cookie};
	response_init(&ex->res, &ex->pool);
	app_handle(&app, &ex->req, &ex->res);
	assert_int_equal(ex->res.status, 404);
	assert_non_null(strstr(body(ex), "Page not found"));
	assert_non_null(strstr(body(ex), "Sign out"));
	assert_non_null(strstr(body(ex), "href=\"/organisations\""));
	done(ex);
	ex = run("GET", "/no/such/page", NULL, NULL, NULL, NULL);
	assert_int_equal(ex->res.status, 404);
	assert_null(strstr(body(ex), "Sign out"));
	done(ex);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_home_needs_sign_in),
		cmocka_unit_test(test_home_shows_the_partnership),
		cmocka_unit_test(test_security_headers_and_nonce),
		cmocka_unit_test(test_not_found_page_and_json),
		cmocka_unit_test(test_not_found_keeps_the_menu),
		cmocka_unit_test(test_method_not_allowed),
		cmocka_unit_test(test_healthz_and_version),
		cmocka_unit_test(test_assets_etag),
		cmocka_unit_test(test_body_decoding),
		cmocka_unit_test(test_route_captures_are_decoded),
		cmocka_unit_test(test_server_error_page),
		cmocka_unit_test(test_get_bodies_are_never_decoded),
		cmocka_unit_test(test_json_body_has_its_own_cap),
		cmocka_unit_test(test_routing_uses_the_raw_path),
		cmocka_unit_test(test_handlers_cannot_crowd_out_security_headers),
		cmocka_unit_test(test_redirects_stay_local),
		cmocka_unit_test(test_html_is_escaped_in_error_message),
		cmocka_unit_test(test_new_users_token_and_proxy),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
