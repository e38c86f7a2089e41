/*
 * testapp.c: see testapp.h.  Requests are filled the way http/server.c
 * fills them (raw path, decoded path, parsed query, headers), so what runs
 * here is what runs behind a socket.
 */
#include "support/testapp.h"

#include <jansson.h>
#include <setjmp.h>
#include <stdarg.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "audit/audit.h"
#include "auth/session.h"
#include "auth/user.h"
#include "db/db.h"
#include "http/urlencoded.h"
#include "partnership/partnership.h"
#include "support/page_asserts.h"

void testapp_start(struct testapp *t, const struct route *routes, size_t n)
{
	char err[256];
	memset(t, 0, sizeof *t);
	testdb_create_demo(t->url, sizeof t->url);
	struct app_config cfg;
	app_config_defaults(&cfg);
	cfg.db_url = t->url;
	cfg.plain_http = 1;
	cfg.access_log = 0;
	if (!routes) {
		routes = app_routes;
		n = app_routes_count;
	}
	if (app_init(&t->app, &cfg, routes, n, 0, err, sizeof err))
		fail_msg("app_init: %s", err);
	struct pool pool;
	pool_init(&pool, 1 << 16);
	struct partnership p;
	struct db *db = app_db(&t->app);
	assert_non_null(db);
	assert_int_equal(partnership_first(db, &pool, &p), E_OK);
	t->partnership_id = p.id;
	pool_free(&pool);
	pool_init(&t->pool, 64u << 20);
}

void testapp_stop(struct testapp *t)
{
	pool_free(&t->pool);
	app_free(&t->app);
	testdb_drop(NULL, t->url);
}

void testapp_user(struct testapp *t, int64_t partnership_id, enum role role,
		  struct testuser *u)
{
	static int counter;
	struct db *db = app_db(&t->app);
	struct pool pool;
	pool_init(&pool, 1 << 16);
	memset(u, 0, sizeof *u);
	int64_t org = 0;
	if (role == ROLE_PROVIDER) {
		struct organisation *orgs;
		size_t n;
		assert_int_equal(organisation_list(db, &pool, partnership_id, &orgs, &n), E_OK);
		/* The first that may employ providers (it provides services). */
		for (size_t i = 0; i < n && !org; i++)
			if (user_organisation_provides(orgs[i].role))
				org = orgs[i].id;
		assert_true(org > 0);
	}
	snprintf(u->email, sizeof u->email, "%s%d.p%lld@test.jcs.invalid", role_code(role),
		 ++counter, (long long)partnership_id);
	char pw[PASSWORD_GENERATED_SIZE];
	enum err rc = user_add(db, &actor_cli, partnership_id, u->email, u->email, role, org, pw, &u->id);
	if (rc)
		fail_msg("user_add %s: %s", u->email, db_errmsg(db));
	/* Tests act as a user who has already chosen their own password. */
	struct db_stmt *st;
	assert_int_equal(db_prepare(db, "UPDATE app_user SET must_change_password = 0 WHERE id = $1", &st), E_OK);
	db_bind_i64(st, 1, u->id);
	assert_int_equal(db_step(st), DB_DONE);
	db_finish(st);
	char tok[SESSION_TOKEN_SIZE];
	int64_t now = app_now(&t->app);
	assert_int_equal(session_create(db, u->id, now, tok), E_OK);
	struct principal p;
	const char *csrf;
	assert_int_equal(session_lookup(db, &pool, tok, now, 3600, 3600, &p, &csrf), E_OK);
	snprintf(u->cookie, sizeof u->cookie, "%s=%s", app_session_cookie_name(&t->app), tok);
	snprintf(u->csrf, sizeof u->csrf, "%s", csrf);
	u->partnership_id = partnership_id;
	u->role = role;
	pool_free(&pool);
}

struct texchange *testapp_run_raw(struct testapp *t, const char *method, const char *target,
				  const char *const *headers, size_t nheaders,
				  const char *body)
{
	struct texchange *ex = calloc(1, sizeof *ex);
	assert_non_null(ex);
	pool_init(&ex->pool, 4 << 20);
	struct request *req = &ex->req;
	req->pool = &ex->pool;
	req->method = method;
	req->client_ip = "127.0.0.1";
	const char *q = strchr(target, '?');
	size_t plen = q ? (size_t)(q - target) : strlen(target);
	char *path;
	req->raw_path = pool_strndup(&ex->pool, target, plen);
	if (url_path_decode(&ex->pool, target, plen, &path))
		path = (char *)req->raw_path;
	req->path = path;
	req->raw_query = q ? q + 1 : "";
	if (q)
		urlencoded_parse(&ex->pool, q + 1, strlen(q + 1), 256, &req->query);
	req->headers.v = pool_alloc(&ex->pool, (nheaders / 2 + 1) * sizeof(struct param));
	for (size_t i = 0; i + 1 < nheaders; i += 2)
		req->headers.v[req->headers.n++] = (struct param){headers[i], headers[i + 1]};
	if (body) {
		req->body = body;
		req->body_len = strlen(body);
	}
	response_init(&ex->res, &ex->pool);
	app_handle(&t->app, req, &ex->res);
	return ex;
}

struct texchange *testapp_run(struct testapp *t, const struct testuser *u, const char *method,
			      const char *target, const char *form)
{
	const char *h[6];
	size_t n = 0;
	char *body = NULL;
	if (u) {
		h[n++] = "Cookie";
		h[n++] = u->cookie;
	}
	int safe = strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0;
	if (!safe && (form || u)) {
		size_t len = (form ? strlen(form) : 0) + 80;
		body = malloc(len);
		snprintf(body, len, "%s%s%s%s", form ? form : "", form && *form && u ? "&" : "",
			 u ? "csrf_token=" : "", u ? u->csrf : "");
		h[n++] = "Content-Type";
		h[n++] = "application/x-www-form-urlencoded";
	}
	struct texchange *ex = testapp_run_raw(t, method, target, h, n, body);
	/* The handler has run: nothing reads the body after this. */
	ex->req.body = NULL;
	free(body);
	return ex;
}

const char *texchange_header(const struct texchange *ex, const char *name)
{
	for (size_t i = 0; i < ex->res.nheaders; i++)
		if (strcasecmp(ex->res.headers[i].name, name) == 0)
			return ex->res.headers[i].value;
	return NULL;
}

const char *texchange_body(const struct texchange *ex)
{
	if (ex->res.static_body)
		return (const char *)ex->res.static_body;
	return ex->res.body.data ? ex->res.body.data : "";
}

void texchange_free(struct texchange *ex)
{
	json_decref(ex->req.json);
	response_free(&ex->res);
	pool_free(&ex->pool);
	free(ex);
}

int testapp_setup(void **state)
{
	struct testapp *t = calloc(1, sizeof *t);
	assert_non_null(t);
	testapp_start(t, NULL, 0);
	*state = t;
	return 0;
}

int testapp_teardown(void **state)
{
	testapp_stop(*state);
	free(*state);
	return 0;
}

struct testapp testapp_group;

int testapp_group_setup(void **state)
{
	(void)state;
	testapp_start(&testapp_group, NULL, 0);
	return 0;
}

int testapp_group_teardown(void **state)
{
	(void)state;
	testapp_stop(&testapp_group);
	return 0;
}

int64_t testapp_partnership(struct testapp *t, const char *slug, struct testuser *admin)
{
	int64_t id = 0;
	assert_int_equal(partnership_create(app_db(&t->app), &actor_cli, slug, slug, &id), E_OK);
	if (admin)
		testapp_user(t, id, ROLE_ADMIN, admin);
	return id;
}

struct texchange *testapp_expect(struct testapp *t, const struct testuser *u, const char *method,
				 const char *target, const char *form, int status)
{
	struct texchange *ex = testapp_run(t, u, method, target, form);
	if (ex->res.status != status)
		fail_msg("%s %s: status %d, expected %d", method, target, ex->res.status, status);
	return ex;
}

void testapp_expect_redirect(struct testapp *t, const struct testuser *u, const char *method,
			     const char *target, const char *form, const char *location)
{
	struct texchange *ex = testapp_expect(t, u, method, target, form, 303);
	const char *got = texchange_header(ex, "Location");
	if (!got || strcmp(got, location) != 0)
		fail_msg("%s %s: to %s, expected %s", method, target, got ? got : "(no Location)", location);
	texchange_free(ex);
}

int testapp_fetch(struct testapp *t, const struct testuser *u, const char *method,
		  const char *target, const char *form, const char **body)
{
	struct texchange *ex = testapp_run(t, u, method, target, form);
	int status = ex->res.status;
	if (body) {
		*body = pool_strdup(&t->pool, texchange_body(ex));
		assert_non_null(*body);
	}
	texchange_free(ex);
	return status;
}

struct texchange *testapp_upload_files(struct testapp *t, const struct testuser *u, const char *target,
				       const struct upload_file *files, size_t n)
{
	size_t cap = strlen(u->csrf) + 512;
	for (size_t i = 0; i < n; i++)
		cap += strlen(files[i].field) + strlen(files[i].filename) + strlen(files[i].data) + 256;
	char *body = malloc(cap);
	assert_non_null(body);
	int len = snprintf(body, cap,
			   "--XyZ\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n%s\r\n",
			   u->csrf);
	for (size_t i = 0; i < n; i++)
		len += snprintf(body + len, cap - (size_t)len,
				"--XyZ\r\nContent-Disposition: form-data; name=\"%s\"; filename=\"%s\"\r\n"
				"Content-Type: text/csv\r\n\r\n%s\r\n",
				files[i].field, files[i].filename, files[i].data);
	snprintf(body + len, cap - (size_t)len, "--XyZ--\r\n");
	const char *h[] = {"Cookie", u->cookie, "Content-Type", "multipart/form-data; boundary=XyZ"};
	struct texchange *ex = testapp_run_raw(t, "POST", target, h, 4, body);
	/* The handler has run: nothing reads the body or headers after this. */
	ex->req.body = NULL;
	memset(&ex->req.headers, 0, sizeof ex->req.headers);
	free(body);
	return ex;
}

struct texchange *testapp_upload(struct testapp *t, const struct testuser *u, const char *target,
				 const char *csv)
{
	const struct upload_file f = {"file", "upload.csv", csv};
	return testapp_upload_files(t, u, target, &f, csv ? 1 : 0);
}

json_t *testapp_api_get(struct testapp *t, const char *target, const char *token, int status)
{
	char auth[128];
	snprintf(auth, sizeof auth, "Bearer %s", token ? token : "");
	const char *h[] = {"Authorization", auth};
	struct texchange *ex = testapp_run_raw(t, "GET", target, h, token ? 2 : 0, NULL);
	if (ex->res.status != status)
		fail_msg("GET %s: status %d, expected %d", target, ex->res.status, status);
	assert_string_equal(ex->res.content_type, "application/json");
	json_error_t err;
	json_t *j = json_loads(texchange_body(ex), 0, &err);
	if (!j)
		fail_msg("GET %s: not JSON: %s", target, err.text);
	if (status == 401 && !texchange_header(ex, "WWW-Authenticate"))
		fail_msg("GET %s: a 401 without WWW-Authenticate", target);
	memset(&ex->req.headers, 0, sizeof ex->req.headers);
	texchange_free(ex);
	return j;
}

json_t *testapp_data_named(json_t *j, const char *name)
{
	size_t i;
	json_t *v;
	json_array_foreach(json_object_get(j, "data"), i, v) {
		const char *s = json_string_value(json_object_get(v, "name"));
		if (s && strcmp(s, name) == 0)
			return v;
	}
	return NULL;
}

void testapp_check_requests(struct testapp *t, const struct testuser *u,
			    const struct request_check *c, size_t n)
{
	for (size_t i = 0; i < n; i++)
		texchange_free(testapp_expect(t, u, c[i].method, c[i].target, c[i].form, c[i].status));
}

void testapp_check_read_only(struct testapp *t, const struct testuser *u,
			     const struct record_routes *r, int64_t id)
{
	const char *one = pool_printf(&t->pool, "%s/%lld", r->base, (long long)id);
	const struct request_check c[] = {
		{"GET", r->base, NULL, 200},
		{"GET", one, NULL, 200},
		{"GET", pool_printf(&t->pool, "%s/new", r->base), NULL, 403},
		{"POST", pool_printf(&t->pool, "%s/new", r->base), r->form, 403},
		{"GET", pool_printf(&t->pool, "%s/edit", one), NULL, 403},
		{"POST", pool_printf(&t->pool, "%s/edit", one), r->form, 403},
		{"POST", pool_printf(&t->pool, "%s/retire", one), NULL, 403},
		{"POST", pool_printf(&t->pool, "%s/reinstate", one), NULL, 403},
		{"GET", pool_printf(&t->pool, "%s/import", r->base), NULL, 403},
	};
	testapp_check_requests(t, u, c, sizeof c / sizeof c[0]);
	const char *import = pool_printf(&t->pool, "%s/import", r->base);
	struct texchange *ex = testapp_upload(t, u, import, r->csv);
	if (ex->res.status != 403)
		fail_msg("POST %s: status %d, expected 403", import, ex->res.status);
	texchange_free(ex);
}

void testapp_check_not_found(struct testapp *t, const struct testuser *u,
			     const struct record_routes *r, int64_t id)
{
	const char *one = pool_printf(&t->pool, "%s/%lld", r->base, (long long)id);
	const struct request_check c[] = {
		{"GET", one, NULL, 404},
		{"GET", pool_printf(&t->pool, "%s/edit", one), NULL, 404},
		{"POST", pool_printf(&t->pool, "%s/edit", one), r->form, 404},
		{"POST", pool_printf(&t->pool, "%s/retire", one), NULL, 404},
		{"POST", pool_printf(&t->pool, "%s/reinstate", one), NULL, 404},
	};
	testapp_check_requests(t, u, c, sizeof c / sizeof c[0]);
}

void testapp_check_pages(struct testapp *t, const struct testuser *u, const struct page_check *c,
			 size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct texchange *ex = testapp_expect(t, u, "GET", c[i].target, NULL, c[i].status);
		const char *b = texchange_body(ex);
		for (size_t k = 0; k < PAGE_CHECK_TEXTS && c[i].has[k]; k++)
			if (!strstr(b, c[i].has[k])) {
				print_error("GET %s: ", c[i].target);
				page_assert_contains(b, c[i].has[k], __FILE__, __LINE__);
			}
		for (size_t k = 0; k < PAGE_CHECK_TEXTS && c[i].lacks[k]; k++)
			if (strstr(b, c[i].lacks[k])) {
				print_error("GET %s: ", c[i].target);
				page_assert_lacks(b, c[i].lacks[k], __FILE__, __LINE__);
			}
		texchange_free(ex);
	}
}
