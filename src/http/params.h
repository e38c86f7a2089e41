/*
 * params.h: struct params, an ordered list of name/value pairs.
 *
 * Query strings, form bodies, route captures and headers all become params,
 * allocated from the request's pool.  Lookup is linear: the lists are short
 * (bounded by the parsers' count limits).
 */
#ifndef JCS_PARAMS_H
#define JCS_PARAMS_H

#include <stddef.h>

struct param {
	const char *name;
	const char *value;
};

struct params {
	struct param *v;
	size_t n;
};

/* The first value for name, or NULL. */
const char *params_get(const struct params *p, const char *name);
/* The same, with an ASCII case-insensitive name (for headers). */
const char *params_get_ci(const struct params *p, const char *name);

#endif
