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
#include <stdint.h>

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
	int plain_http;          /* development over plain HTTP: cookies not Secure */
	unsigned session_idle_s; /* a session ends after this long unused */
	unsigned session_max_s;  /* ... and this long after sign-in, whatever */
	const char *trusted_proxy; /* the reverse proxy's address: its requests'
	                            * client is the last X-Forwarded-For hop */
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
	/* Added to the wall clock for sessions and throttles: tests move time
	 * forward with it instead of sleeping.  Always 0 in production. */
	atomic_llong clock_skew;
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

/*
 * Sign-in plumbing (web/app_auth.c).  app_handle() runs it before the body
 * is even decoded, so nobody signed out can make the server parse an
 * upload: it finds the principal from the session cookie (pages) or the
 * bearer token (/api/), checks the route's access (auth.h) and sends people
 * who must change their password to do so.  Returns 0 to go on, or 1 when it
 * has answered.
 */
int app_authenticate(struct app *app, struct request *req, struct response *res);
/* After the body is decoded: a state-changing request must carry the CSRF
 * token (the session's, or before sign-in the double-submit cookie's);
 * bearer-token requests carry none.  0 to go on, 1 when refused (403). */
int app_check_csrf(struct request *req, struct response *res);
/* For pages no route answers (404, 405): who is signed in, if anyone, so
 * the error page keeps their navigation.  Checks nothing and refuses
 * nothing; without a cookie or token it does not touch the database. */
void app_identify(struct app *app, struct request *req);
/* Unix seconds as sessions see them (wall clock + clock_skew). */
int64_t app_now(struct app *app);
/* The CSRF token for forms on this page: the session's, or, before
 * sign-in, a random one also set as a cookie (double submit). */
const char *app_csrf_token(struct request *req, struct response *res);
/* Sign the user in: a new session (a new id, never one the client chose)
 * and its cookie; the old session, if any, ends. */
enum err app_session_start(struct request *req, struct response *res, int64_t user_id);
/* Sign out: end the session on the server and clear the cookie. */
void app_session_end(struct request *req, struct response *res);
/* The actor for audit records of this request's writes. */
struct actor;
void app_actor(const struct request *req, struct actor *out);
/* The names of the cookies, which depend on plain_http. */
const char *app_session_cookie_name(const struct app *app);

/* Zero a response and give it a body buffer and a fresh CSP nonce. */
void response_init(struct response *res, struct pool *pool);
void response_free(struct response *res);

#endif
