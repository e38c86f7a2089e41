/*
 * app.c: struct app.  The request lifecycle after the server has read the
 * request: match a route, decode the body, call the handler, then add the
 * headers every response carries.  Security headers are added here, after
 * the handler, so no handler can forget them.
 *
 * Database connections are per worker thread (thread-local), opened on the
 * first request a thread serves: libmicrohttpd owns the threads, so there is
 * no thread start hook to open them in.  Each connection is also kept in a
 * list so app_free() can close them all after the server has stopped.
 */
#include "web/app.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "core/alloc.h"
#include "core/log.h"
#include "db/db.h"
#include "db/migrate.h"
#include "http/json_body.h"
#include "http/multipart.h"
#include "http/request.h"
#include "http/urlencoded.h"
#include "web/respond.h"

/* Most fields a form or query may have.  The largest form is a
 * self-analysis response: a score and a comment for each of up to
 * FRAMEWORK_MAX_STANDARDS (200) standards, plus a few hidden fields. */
#define MAX_FIELDS 512
#define MAX_PARTS 64
#define MAX_JSON_DEPTH 32
/* JSON costs far more memory parsed than sent: its own, smaller cap. */
#define MAX_JSON_BODY (1u << 20)

static _Thread_local struct db *tls_db;
static _Thread_local struct app *tls_app;

void app_config_defaults(struct app_config *cfg)
{
	memset(cfg, 0, sizeof *cfg);
	cfg->db_url = "var/jcs.db";
	cfg->body_max = 10u << 20;
	cfg->bodies_max = 256u << 20;
	cfg->threads = 0;
	cfg->conn_limit = 4096;
	cfg->per_ip_limit = 256;
	cfg->timeout_s = 30;
	cfg->conn_memory = 16u << 10;
	cfg->hsts = 0;
	cfg->access_log = 1;
	cfg->plain_http = 0;
	cfg->session_idle_s = 30 * 60;
	cfg->session_max_s = 12 * 60 * 60;
}

enum err app_init(struct app *app, const struct app_config *cfg,
		  const struct route *routes, size_t nroutes, int migrate,
		  char *errbuf, size_t errlen)
{
	enum err rc;
	memset(app, 0, sizeof *app);
	app->cfg = *cfg;
	app->routes = routes;
	app->nroutes = nroutes;
	pthread_mutex_init(&app->lock, NULL);
	if (sodium_init() < 0) {
		snprintf(errbuf, errlen, "libsodium failed to initialise");
		return E_IO;
	}
	rc = router_check(routes, nroutes, errbuf, errlen);
	if (rc)
		return rc;

	const char **names = xcalloc(nroutes ? nroutes : 1, sizeof *names);
	if (!names)
		return E_NOMEM;
	for (size_t i = 0; i < nroutes; i++)
		names[i] = routes[i].name;
	int m = metrics_init(&app->metrics, names, nroutes);
	xfree(names);
	if (m)
		return E_NOMEM;

	struct db *db;
	rc = db_open(cfg->db_url, &db, errbuf, errlen);
	if (rc)
		return rc;
	if (migrate) {
		rc = migrate_up(db, NULL, errbuf, errlen);
	} else {
		int have;
		rc = migrate_current(db, &have);
		if (!rc && have != migrate_latest()) {
			snprintf(errbuf, errlen, "database schema is at version %d, this jcs needs %d: run `jcs migrate`",
				 have, migrate_latest());
			rc = E_RANGE;
		}
	}
	db_close(db);
	return rc;
}

void app_free(struct app *app)
{
	for (size_t i = 0; i < app->ndbs; i++)
		db_close(app->dbs[i]);
	xfree(app->dbs);
	app->dbs = NULL;
	app->ndbs = 0;
	metrics_free(&app->metrics);
	pthread_mutex_destroy(&app->lock);
	if (tls_app == app) {
		tls_db = NULL;
		tls_app = NULL;
	}
}

struct db *app_db(struct app *app)
{
	if (tls_db && tls_app == app)
		return tls_db;
	char err[256];
	struct db *db;
	if (db_open(app->cfg.db_url, &db, err, sizeof err)) {
		log_error("database: %s", err);
		return NULL;
	}
	pthread_mutex_lock(&app->lock);
	if (app->ndbs == app->dbs_cap) {
		size_t cap = app->dbs_cap ? app->dbs_cap * 2 : 8;
		struct db **d = xrealloc(app->dbs, cap * sizeof *d);
		if (!d) {
			pthread_mutex_unlock(&app->lock);
			db_close(db);
			return NULL;
		}
		app->dbs = d;
		app->dbs_cap = cap;
	}
	app->dbs[app->ndbs++] = db;
	pthread_mutex_unlock(&app->lock);
	tls_db = db;
	tls_app = app;
	return db;
}

void response_init(struct response *res, struct pool *pool)
{
	memset(res, 0, sizeof *res);
	res->status = 200;
	buf_init(&res->body, RESPONSE_MAX_BODY);
	/* 16 random bytes: an unguessable nonce for the one inline script. */
	unsigned char raw[16];
	char b64[sodium_base64_ENCODED_LEN(sizeof raw, sodium_base64_VARIANT_ORIGINAL)];
	randombytes_buf(raw, sizeof raw);
	sodium_bin2base64(b64, sizeof b64, raw, sizeof raw, sodium_base64_VARIANT_ORIGINAL);
	res->nonce = pool_strdup(pool, b64);
}

void response_free(struct response *res)
{
	buf_free(&res->body);
}

/* Decode the body by Content-Type.  Returns 0, or an HTTP status to answer.
 * GET and HEAD bodies carry no meaning (RFC 9110): they are never decoded,
 * so a request to a read-only route cannot make the server parse anything. */
static int decode_body(struct request *req, struct response *res)
{
	if (!req->body_len || strcmp(req->method, "GET") == 0 || strcmp(req->method, "HEAD") == 0)
		return 0;
	const char *ct = request_header(req, "Content-Type");
	if (!ct)
		return 0;
	if (strncasecmp(ct, "application/x-www-form-urlencoded", 33) == 0) {
		enum err rc = form_parse(req->pool, ct, req->body, req->body_len, MAX_FIELDS, &req->form);
		if (rc) {
			respond_error(req, res, rc == E_NOMEM ? 500 : 400,
				      rc == E_TOOBIG ? "The form has too many fields." :
				      "The form could not be read: its encoding is not valid.");
			return res->status;
		}
	} else if (strncasecmp(ct, "multipart/form-data", 19) == 0) {
		struct parts *parts = pool_zalloc(req->pool, sizeof *parts);
		enum err rc = parts ? multipart_parse(req->pool, ct, req->body, req->body_len, MAX_PARTS, parts)
				    : E_NOMEM;
		if (rc) {
			respond_error(req, res, rc == E_NOMEM ? 500 : 400,
				      rc == E_TOOBIG ? "The upload has too many parts." :
				      "The upload could not be read: it is not valid multipart/form-data.");
			return res->status;
		}
		req->parts = parts;
	} else if (strncasecmp(ct, "application/json", 16) == 0) {
		if (req->body_len > MAX_JSON_BODY) {
			respond_error(req, res, 413, "The JSON body is larger than this service accepts (1 MiB).");
			return res->status;
		}
		char err[200];
		json_t *j;
		enum err rc = json_body_parse(ct, req->body, req->body_len, MAX_JSON_DEPTH, &j, err, sizeof err);
		if (rc) {
			respond_error(req, res, rc == E_NOMEM ? 500 : 400,
				      pool_printf(req->pool, "The JSON body is not valid: %s", err));
			return res->status;
		}
		req->json = j;
	}
	return 0;
}

/* The policy with this response's nonce: built by concatenation, not
 * printf, because it runs on every response. */
static const char *csp_header(struct pool *pool, const char *nonce)
{
	static const char head[] = "default-src 'self'; script-src 'self' 'nonce-";
	static const char tail[] = "'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
				   "connect-src 'self'; object-src 'none'; base-uri 'none'; "
				   "form-action 'self'; frame-ancestors 'none'";
	size_t n = strlen(nonce);
	char *csp = pool_alloc(pool, sizeof head - 1 + n + sizeof tail);
	if (csp) {
		memcpy(csp, head, sizeof head - 1);
		memcpy(csp + sizeof head - 1, nonce, n);
		memcpy(csp + sizeof head - 1 + n, tail, sizeof tail);
	}
	return csp;
}

/* The headers every response carries, added after the handler ran. */
void app_finish(struct app *app, struct request *req, struct response *res)
{
	const char *csp = csp_header(req->pool, res->nonce ? res->nonce : "");
	if (csp)
		response_header_final(res, "Content-Security-Policy", csp);
	response_header_final(res, "X-Content-Type-Options", "nosniff");
	response_header_final(res, "X-Frame-Options", "DENY");
	response_header_final(res, "Referrer-Policy", res->no_referrer ? "no-referrer" : "same-origin");
	response_header_final(res, "Cross-Origin-Opener-Policy", "same-origin");
	response_header_final(res, "Permissions-Policy", "camera=(), microphone=(), geolocation=()");
	if (app->cfg.hsts)
		response_header_final(res, "Strict-Transport-Security", "max-age=31536000; includeSubDomains");
	if (res->no_store)
		response_header_final(res, "Cache-Control", "no-store");
	if (atomic_load(&app->stopping))
		response_header_final(res, "Connection", "close");
}

/*
 * Behind the TLS proxy every connection comes from the proxy: the client is
 * the address the proxy appended last to X-Forwarded-For (earlier entries
 * are whatever the client claimed, so they are never believed).  Sign-in
 * throttling per address and the loopback-only /metrics depend on it.
 */
static void client_behind_proxy(struct app *app, struct request *req)
{
	if (!app->cfg.trusted_proxy || !req->client_ip ||
	    strcmp(req->client_ip, app->cfg.trusted_proxy) != 0)
		return;
	const char *xff = request_header(req, "X-Forwarded-For");
	if (!xff)
		return;
	const char *last = strrchr(xff, ',');
	last = last ? last + 1 : xff;
	while (*last == ' ' || *last == '\t')
		last++;
	size_t n = strcspn(last, " \t");
	if (n == 0 || n > 45 || strspn(last, "0123456789abcdefABCDEF:.") < n)
		return;
	const char *ip = pool_strndup(req->pool, last, n);
	if (ip)
		req->client_ip = ip;
}

void app_handle(struct app *app, struct request *req, struct response *res)
{
	req->app = app;
	client_behind_proxy(app, req);
	req->is_api = request_path_is_api(req->path);
	if (!res->content_type)
		res->content_type = "text/html; charset=utf-8";

	const char *allow;
	/* Route on the path as sent: decoding first would let %2F act as a
	 * separator and decode captures twice. */
	req->matched = router_match(app->routes, app->nroutes, req->pool, req->method,
				    req->raw_path ? req->raw_path : req->path, &req->route, &allow);
	if (!req->matched) {
		if (!req->is_api)
			app_identify(app, req);
		if (allow) {
			response_header(res, "Allow", allow);
			respond_error(req, res, 405, NULL);
		} else {
			respond_error(req, res, 404, NULL);
		}
	} else {
		/* Who is asking and whether they may, before anything in the
		 * body is parsed; the CSRF token is in the body, so after. */
		req->db = app_db(app);
		if (!req->db)
			respond_error(req, res, 503, "The database is not available. Try again shortly.");
		else if (!app_authenticate(app, req, res) && !decode_body(req, res) &&
			 !app_check_csrf(req, res))
			req->matched->handler(req, res);
		if (req->db && db_in_transaction(req->db)) {
			/* A handler's error path left a transaction open: never
			 * let the next request on this thread inherit it. */
			log_error("%s %s left a transaction open; rolled back", req->method, req->path);
			db_rollback(req->db);
		}
	}
	if (res->body.failed) {
		/* The page outgrew its buffer or memory ran out: say so plainly. */
		log_error("response for %s %s could not be built", req->method, req->path);
		buf_reset(&res->body);
		res->body.max = RESPONSE_MAX_BODY;
		res->static_body = NULL;
		res->nheaders = 0;
		respond_error(req, res, 500, NULL);
	}
	app_finish(app, req, res);
}
