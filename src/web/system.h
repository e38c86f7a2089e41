/*
 * system.h: handlers that belong to the service rather than a module:
 * health check, metrics, embedded assets.
 */
#ifndef JCS_SYSTEM_H
#define JCS_SYSTEM_H

struct request;
struct response;

/* GET /healthz: 200 {"status":"ok",...} when the database answers, else 503. */
void system_healthz(struct request *req, struct response *res);
/* GET /metrics: Prometheus text. */
void system_metrics(struct request *req, struct response *res);
/* GET /assets/{path*}: embedded files with ETag and long-lived caching. */
void system_asset(struct request *req, struct response *res);
/* GET /api/v1/version: the binary's and the schema's versions. */
void system_version(struct request *req, struct response *res);

#endif
