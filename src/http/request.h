/*
 * request.h: struct request and struct response, the two things a handler
 * sees.  The server (server.c) fills a request from libmicrohttpd; tests fill
 * one by hand and call app_handle() directly, so every handler runs
 * in-process without a socket.
 *
 * Ownership: everything in a request, and every string a handler puts in its
 * response, lives in the request's pool and is freed when the request ends.
 * A response body is a struct buf with a maximum, or a pointer to static
 * bytes (embedded assets) that are never copied.
 */
#ifndef JCS_REQUEST_H
#define JCS_REQUEST_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/pool.h"
#include "http/params.h"

struct app;
struct db;
struct route;
struct parts;
struct principal;
struct json_t;

struct request {
	struct pool *pool;
	struct app *app;
	struct db *db;             /* this worker thread's connection */
	const char *method;        /* "GET", "POST", ... */
	const char *path;          /* percent-decoded, without the query */
	const char *raw_path;      /* as sent, for routing; NULL: use path */
	const char *raw_query;     /* after '?', or "" */
	struct params query;       /* parsed raw_query */
	struct params headers;     /* request headers, looked up case-insensitively */
	struct params route;       /* captures from the matched route pattern */
	const char *body;          /* the whole body (capped by the server), or NULL */
	size_t body_len;
	const char *client_ip;
	const struct route *matched; /* NULL when nothing matched */
	int is_api;                /* path starts with /api/: errors answer JSON */
	/* The body, decoded by its Content-Type before the handler runs. */
	struct params form;        /* application/x-www-form-urlencoded */
	struct parts *parts;       /* multipart/form-data, or NULL */
	struct json_t *json;       /* application/json, or NULL; freed with the request */
	/* Who is asking, set by the app before the handler (auth/auth.h): NULL
	 * when nobody is signed in. */
	const struct principal *user;
	const char *session_hash;  /* the session id's hash (sign-out, password change) */
	const char *session_token; /* the session id itself, or NULL; never log it */
	const char *csrf_token;    /* the token forms must carry, once known */
};

/* Handlers may add RESPONSE_HANDLER_HEADERS; the rest are kept for the
 * headers every response carries, so a handler can never crowd them out. */
#define RESPONSE_HANDLER_HEADERS 12
#define RESPONSE_MAX_HEADERS 24

struct response {
	int status;
	const char *content_type;
	struct buf body;              /* dynamic bodies */
	const unsigned char *static_body; /* or: static bytes, not copied */
	size_t static_len;
	struct param headers[RESPONSE_MAX_HEADERS]; /* extra headers */
	size_t nheaders;
	const char *nonce;            /* CSP nonce for this response */
	int no_store;                 /* Cache-Control: no-store */
	int no_referrer;              /* Referrer-Policy: no-referrer (a secret in the URL) */
};

/* Largest dynamic response body: pages are far smaller. */
#define RESPONSE_MAX_BODY (8u << 20)

/* Add a header to the response; the strings must outlive the response
 * (literals or pool strings).  Past RESPONSE_HANDLER_HEADERS the response
 * fails (body.failed), so it becomes a 500 rather than silently lose one. */
void response_header(struct response *res, const char *name, const char *value);
/* The same for the server's own headers, which may use every slot. */
void response_header_final(struct response *res, const char *name, const char *value);

/* 1 when path is under /api/, whose errors answer JSON rather than pages. */
int request_path_is_api(const char *path);

/* A request header, case-insensitive, or NULL. */
const char *request_header(const struct request *req, const char *name);

#endif
