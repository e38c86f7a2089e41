/*
 * system.c: health, metrics, assets and version.  /healthz runs a real query
 * so a load balancer takes a node out when its database is gone, not only
 * when the process is.
 */
#include "web/system.h"

#include <jansson.h>
#include <string.h>

#include "db/db.h"
#include "db/migrate.h"
#include "html/assets.h"
#include "http/request.h"
#include "web/app.h"
#include "web/respond.h"

void system_healthz(struct request *req, struct response *res)
{
	struct db_stmt *st;
	int ok = db_prepare(req->db, "SELECT 1", &st) == E_OK;
	if (ok) {
		ok = db_step(st) == DB_ROW && db_col_i64(st, 0) == 1;
		db_finish(st);
	}
	res->no_store = 1;
	respond_json(res, ok ? 200 : 503,
		     json_pack("{s:s,s:s}", "status", ok ? "ok" : "unavailable",
			       "database", db_kind_name(req->db)));
}

void system_metrics(struct request *req, struct response *res)
{
	/* For the machine's own scraper (or one behind the proxy), not for the
	 * world: figures about traffic are nobody else's business. */
	const char *ip = req->client_ip ? req->client_ip : "";
	if (strcmp(ip, "127.0.0.1") != 0 && strcmp(ip, "::1") != 0 &&
	    strncmp(ip, "::ffff:127.0.0.1", 16) != 0) {
		respond_error(req, res, 404, NULL);
		return;
	}
	res->content_type = "text/plain; version=0.0.4; charset=utf-8";
	res->no_store = 1;
	metrics_write(&req->app->metrics, &res->body);
}

void system_asset(struct request *req, struct response *res)
{
	const struct asset *a = asset_find(req->path);
	if (!a) {
		respond_error(req, res, 404, NULL);
		return;
	}
	response_header(res, "ETag", a->etag);
	/* Revalidate daily: asset URLs are not fingerprinted, ETags make it cheap. */
	response_header(res, "Cache-Control", "public, max-age=86400");
	res->content_type = a->content_type;
	const char *inm = request_header(req, "If-None-Match");
	if (inm && strstr(inm, a->etag)) {
		res->status = 304;
		return;
	}
	res->static_body = a->data;
	res->static_len = a->len;
}

void system_version(struct request *req, struct response *res)
{
	int schema = -1;
	if (migrate_current(req->db, &schema))
		schema = -1;
	respond_json(res, 200,
		     json_pack("{s:s,s:i,s:i,s:s}", "version", JCS_VERSION, "schema", schema,
			       "schema_latest", migrate_latest(), "database", db_kind_name(req->db)));
}
