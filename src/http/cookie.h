/*
 * cookie.h: reading the Cookie request header and writing Set-Cookie.
 *
 * Cookies are read by exact name; a value is returned only when it is made
 * of cookie-octets (RFC 6265 §4.1.1), so whatever a cookie carries can be
 * compared and looked up but never smuggles a separator into anything.
 * When a name appears twice the first wins (browsers send the most specific
 * path first).
 */
#ifndef JCS_COOKIE_H
#define JCS_COOKIE_H

#include <stddef.h>

struct pool;

/* Longest cookie value read; longer ones are ignored. */
#define COOKIE_VALUE_MAX 512

/* The value of cookie name in header (the whole Cookie header value), in
 * the pool, or NULL. */
const char *cookie_get(struct pool *pool, const char *header, const char *name);

struct cookie_attrs {
	int secure;          /* Secure (over TLS) */
	int http_only;       /* HttpOnly */
	const char *same_site; /* "Lax", "Strict" */
	long max_age;        /* seconds; 0: a browser-session cookie; <0: delete */
};

/* A Set-Cookie value in the pool ("name=value; Path=/; ...").  value must
 * be cookie-octets; NULL when it is not. */
const char *cookie_format(struct pool *pool, const char *name, const char *value,
			  const struct cookie_attrs *a);

#endif
