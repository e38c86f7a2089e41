/*
 * router.c: a linear scan of the route table.  Tables are small (tens of
 * routes) and matching is a segment-by-segment string compare, cheaper than
 * building a trie at start.  Matching runs on the raw path, so an encoded
 * slash (%2F) inside a capture stays inside it; each capture is then
 * percent-decoded on its own.
 */
#include "http/router.h"

#include <stdio.h>
#include <string.h>

#include "core/pool.h"
#include "http/urlencoded.h"

/* Length of the segment starting at s (up to '/' or the end). */
static size_t seglen(const char *s)
{
	const char *e = strchr(s, '/');
	return e ? (size_t)(e - s) : strlen(s);
}

/*
 * Match path against pattern.  Returns 1 on a match and fills caps (names
 * and raw values pointing into pattern and path, not NUL-terminated: the
 * lengths are kept in the parallel arrays).
 */
struct capture {
	const char *name;
	size_t name_len;
	const char *val;
	size_t val_len;
};

static int match(const char *pattern, const char *path, struct capture *caps, size_t *ncaps)
{
	const char *p = pattern, *s = path;
	*ncaps = 0;
	while (*p && *s) {
		if (*p != '/' || *s != '/')
			return 0;
		p++;
		s++;
		size_t pl = seglen(p), sl = seglen(s);
		if (pl >= 2 && p[0] == '{' && p[pl - 1] == '}') {
			if (*ncaps == ROUTER_MAX_CAPTURES)
				return 0;
			struct capture *c = &caps[(*ncaps)++];
			c->name = p + 1;
			c->name_len = pl - 2;
			if (p[pl - 2] == '*') {
				/* A tail capture takes the rest of the path. */
				c->name_len--;
				c->val = s;
				c->val_len = strlen(s);
				return c->val_len > 0;
			}
			if (sl == 0)
				return 0;
			c->val = s;
			c->val_len = sl;
		} else if (pl != sl || memcmp(p, s, pl) != 0) {
			return 0;
		}
		p += pl;
		s += sl;
	}
	return *p == '\0' && *s == '\0';
}

static int method_ok(const struct route *r, const char *method)
{
	return strcmp(r->method, method) == 0 ||
	       (strcmp(method, "HEAD") == 0 && strcmp(r->method, "GET") == 0);
}

const struct route *router_match(const struct route *table, size_t n,
				 struct pool *pool, const char *method,
				 const char *path, struct params *captures,
				 const char **allow)
{
	struct capture caps[ROUTER_MAX_CAPTURES];
	size_t ncaps;
	char allowed[128];
	size_t alen = 0;

	captures->v = NULL;
	captures->n = 0;
	*allow = NULL;
	allowed[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		const struct route *r = &table[i];
		if (!match(r->pattern, path, caps, &ncaps))
			continue;
		if (!method_ok(r, method)) {
			/* Remember the method for the 405's Allow header. */
			const char *m = r->method;
			if (!strstr(allowed, m)) {
				int w = snprintf(allowed + alen, sizeof allowed - alen, "%s%s%s",
						 alen ? ", " : "", m,
						 strcmp(m, "GET") == 0 ? ", HEAD" : "");
				if (w > 0 && (size_t)w < sizeof allowed - alen)
					alen += (size_t)w;
			}
			continue;
		}
		if (ncaps) {
			captures->v = pool_alloc(pool, ncaps * sizeof *captures->v);
			if (!captures->v)
				return NULL;
			for (size_t k = 0; k < ncaps; k++) {
				char *val;
				if (url_path_decode(pool, caps[k].val, caps[k].val_len, &val))
					return NULL; /* undecodable capture: no match */
				captures->v[k].name = pool_strndup(pool, caps[k].name, caps[k].name_len);
				captures->v[k].value = val;
				if (!captures->v[k].name)
					return NULL;
			}
			captures->n = ncaps;
		}
		return r;
	}
	if (alen)
		*allow = pool_strdup(pool, allowed);
	return NULL;
}

enum err router_check(const struct route *table, size_t n, char *errbuf, size_t errlen)
{
	for (size_t i = 0; i < n; i++) {
		const char *p = table[i].pattern;
		int caps = 0;
		if (p[0] != '/') {
			snprintf(errbuf, errlen, "route %s: pattern must start with '/'", table[i].name);
			return E_INVAL;
		}
		for (const char *s = p; *s; s++) {
			if (*s == '{') {
				const char *e = strchr(s, '}');
				if (!e || s[-1] != '/' || (e[1] && e[1] != '/') || e == s + 1 ||
				    (e[-1] == '*' && e[1])) {
					snprintf(errbuf, errlen, "route %s: bad capture in %s", table[i].name, p);
					return E_INVAL;
				}
				if (++caps > ROUTER_MAX_CAPTURES) {
					snprintf(errbuf, errlen, "route %s: too many captures", table[i].name);
					return E_INVAL;
				}
			}
		}
	}
	return E_OK;
}
