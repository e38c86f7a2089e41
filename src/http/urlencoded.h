/*
 * urlencoded.h: the application/x-www-form-urlencoded grammar, used for both
 * query strings and form bodies.
 *
 * Pairs are separated by '&', name from value by the first '='; '+' is a
 * space and %XX a byte.  Refused with E_INVAL: a '%' not followed by two hex
 * digits, a decoded NUL byte, text that is not valid UTF-8 after decoding,
 * an empty name.  Refused with E_TOOBIG: more than max_params pairs.  An
 * empty input gives an empty list.  A pair without '=' has the value "".
 * Everything is allocated from the pool.
 */
#ifndef JCS_URLENCODED_H
#define JCS_URLENCODED_H

#include <stddef.h>

#include "core/err.h"
#include "core/utf8.h" /* utf8_valid(), which the decoders apply */
#include "http/params.h"

struct pool;

enum err urlencoded_parse(struct pool *pool, const char *s, size_t len,
			  size_t max_params, struct params *out);

/*
 * Decode a form body: content_type must be application/x-www-form-urlencoded
 * (parameters such as "; charset=UTF-8" allowed, any other charset refused),
 * else E_INVAL.
 */
enum err form_parse(struct pool *pool, const char *content_type,
		    const char *body, size_t len, size_t max_params,
		    struct params *out);

/* Percent-decode a URL path (no '+' rule); E_INVAL as above. */
enum err url_path_decode(struct pool *pool, const char *s, size_t len, char **out);

/* Percent-encode s for a query value: everything but A-Z a-z 0-9 - . _ ~ /
 * is escaped.  In the pool; NULL when it is full. */
char *url_query_encode(struct pool *pool, const char *s);

#endif
