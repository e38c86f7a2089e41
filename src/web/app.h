/*
 * app.h: struct app, the web application independent of any socket.
 *
 * app_handle() takes a filled struct request and produces a struct
 * response: it matches the route table, decodes the body by its
 * Content-Type, calls the handler, and adds the security headers every
 * response carries.  The HTTP server (http/server.c) is a thin layer over
 * it, and tests call it directly to run handlers in-process.
 */
#ifndef JCS_APP_H
#define JCS_APP_H

#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>

#include "core/err.h"
#include "http/metrics.h"
#include "http/router.h"

struct db;
struct request;
struct response;

struct app_config {
	const char *db_url;      /* SQLite path or postgresql:// URL */
	size_t body_max;         /* largest request body; larger gets 413 */
	size_t bodies_max;       /* all bodies being received at once; over: 503 */
	unsigned threads;        /* worker threads (0: one per core) */
	unsigned conn_limit;     /* open connections at most */
	unsigned per_ip_limit;   /* open connections from one address */
	unsigned timeout_s;      /* idle connection time-out */
	size_t conn_memory;      /* per-connection memory (bounds headers) */
	int hsts;                /* send Strict-Transport-Security (behind TLS) */
	int access_log;          /* JSON access log lines on stderr */
};

/* The defaults, overridden by flags and JCS_* environment variables. */
void app_config_defaults(struct app_config *cfg);

struct app {
	struct app_config cfg;
	const struct route *routes;
	size_t nroutes;
	struct metrics metrics;
	atomic_int stopping;     /* set at shutdown: answers say Connection: close */
	atomic_size_t body_bytes; /* request body bytes held by all connections */
	pthread_mutex_t lock;    /* guards dbs */
	struct db **dbs;         /* every per-thread connection, closed at the end */
	size_t ndbs, dbs_cap;
};

/* The production route table. */
extern const struct route app_routes[];
extern const size_t app_routes_count;

/*
 * Set up an app with a route table (app_routes, or a test's own).  Opens one
 * connection to check the database and applies migrations when migrate is
 * set.  On failure, one line for people in errbuf.
 */
enum err app_init(struct app *app, const struct app_config *cfg,
		  const struct route *routes, size_t nroutes, int migrate,
		  char *errbuf, size_t errlen);
/* Close every connection and free the app. */
void app_free(struct app *app);

/* This thread's database connection, opened on first use; NULL if it fails. */
struct db *app_db(struct app *app);

/* Fill res for req.  res must be zeroed by response_init first. */
void app_handle(struct app *app, struct request *req, struct response *res);

/* Add the headers every response carries (CSP with the response's nonce,
 * nosniff, framing, referrer, HSTS when configured).  app_handle calls it;
 * the server calls it for errors it answers before any handler. */
void app_finish(struct app *app, struct request *req, struct response *res);

/* Zero a response and give it a body buffer and a fresh CSP nonce. */
void response_init(struct response *res, struct pool *pool);
void response_free(struct response *res);

#endif
