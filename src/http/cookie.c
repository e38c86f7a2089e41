/*
 * cookie.c: the Cookie header is a list of "name=value" pairs separated by
 * "; " (RFC 6265 §4.2.1).  Browsers do not always keep to the grammar, so
 * the reader is lenient about spaces and skips pairs it cannot read rather
 * than giving up on the header; what it returns is always strict.
 */
#include "http/cookie.h"

#include <stdio.h>
#include <string.h>

#include "core/pool.h"

/* RFC 6265 cookie-octet: visible ASCII except " , ; and backslash. */
static int cookie_octet(unsigned char c)
{
	return c == 0x21 || (c >= 0x23 && c <= 0x2b) || (c >= 0x2d && c <= 0x3a) ||
	       (c >= 0x3c && c <= 0x5b) || (c >= 0x5d && c <= 0x7e);
}

static int value_ok(const char *v, size_t n)
{
	if (n > COOKIE_VALUE_MAX)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!cookie_octet((unsigned char)v[i]))
			return 0;
	return 1;
}

const char *cookie_get(struct pool *pool, const char *header, const char *name)
{
	size_t nlen = strlen(name);
	const char *p = header;
	while (p && *p) {
		while (*p == ' ' || *p == '\t' || *p == ';')
			p++;
		const char *end = strchr(p, ';');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		const char *eq = memchr(p, '=', len);
		if (eq && (size_t)(eq - p) == nlen && memcmp(p, name, nlen) == 0) {
			const char *v = eq + 1;
			size_t vlen = len - nlen - 1;
			while (vlen && (v[vlen - 1] == ' ' || v[vlen - 1] == '\t'))
				vlen--;
			/* A quoted value is allowed by the grammar; the quotes are not part of it. */
			if (vlen >= 2 && v[0] == '"' && v[vlen - 1] == '"') {
				v++;
				vlen -= 2;
			}
			if (value_ok(v, vlen))
				return pool_strndup(pool, v, vlen);
			return NULL;
		}
		p = end;
	}
	return NULL;
}

const char *cookie_format(struct pool *pool, const char *name, const char *value,
			  const struct cookie_attrs *a)
{
	if (!value_ok(value, strlen(value)))
		return NULL;
	char age[48] = "";
	if (a->max_age > 0)
		snprintf(age, sizeof age, "; Max-Age=%ld", a->max_age);
	else if (a->max_age < 0)
		snprintf(age, sizeof age, "; Max-Age=0");
	return pool_printf(pool, "%s=%s; Path=/%s%s%s%s%s", name, value, age,
			   a->secure ? "; Secure" : "", a->http_only ? "; HttpOnly" : "",
			   a->same_site ? "; SameSite=" : "", a->same_site ? a->same_site : "");
}
