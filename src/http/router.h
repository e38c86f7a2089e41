/*
 * router.h: method + path pattern -> handler, driven by one route table.
 *
 * A pattern is a path whose segments are literal, a capture "{name}" (one
 * non-empty segment), or a final "{name*}" (the rest of the path, at least
 * one character).  Routes are tried in table order; the first match wins.
 * When a path matches some route but not with this method, the router says
 * so, and the caller answers 405 with an Allow header.  HEAD is answered by
 * GET routes.
 */
#ifndef JCS_ROUTER_H
#define JCS_ROUTER_H

#include <stddef.h>

#include "core/err.h"
#include "http/params.h"

struct pool;
struct request;
struct response;

typedef void (*handler_fn)(struct request *req, struct response *res);

struct route {
	const char *method;  /* "GET", "POST", ... */
	const char *pattern; /* "/organisations/{id}" */
	handler_fn handler;
	const char *name;    /* stable label for metrics and logs */
	int access;          /* who may use it: an enum access (auth/auth.h);
	                      * 0, the default, is "signed in" */
};

/* At most this many captures in one pattern. */
#define ROUTER_MAX_CAPTURES 8

/*
 * Find the route for method and path.  Returns the route, or NULL; when NULL
 * and *allow is not NULL on return, the path exists with other methods and
 * *allow lists them ("GET, HEAD") from the pool.  Captures go to *captures.
 */
const struct route *router_match(const struct route *table, size_t n,
				 struct pool *pool, const char *method,
				 const char *path, struct params *captures,
				 const char **allow);

/* E_OK when every pattern in the table is well formed (checked at start). */
enum err router_check(const struct route *table, size_t n, char *errbuf, size_t errlen);

#endif
