/*
 * urlencoded.c: query strings, form bodies and URL paths.
 *
 * The input is counted before anything is allocated, so an input with too
 * many pairs costs one pass and no memory.  Decoding never lengthens text,
 * so all names and values of one input are decoded into a single pool block
 * of len + 2 * pairs bytes (the 2 for each pair's terminators): one
 * allocation per call however many pairs there are.  Everything handed back
 * is valid UTF-8 without NUL bytes, so handlers and templates can treat
 * names and values as ordinary C strings.
 *
 * An empty segment ("a=1&&b=2", a trailing '&') is skipped rather than
 * refused, as browsers and the WHATWG URL standard do, because hand-written
 * links often end in '&'; "=v", a pair whose name is empty, is refused.
 */
#include "http/urlencoded.h"

#include <stdint.h>
#include <string.h>

#include "core/hex.h"
#include "core/pool.h"
#include "http/content_type.h"

/*
 * Decode s[0..len) into dst (room for len + 1 bytes), terminate it and set
 * *dlen.  plus says whether '+' means a space (forms and queries, not paths).
 */
static enum err decode(const char *s, size_t len, int plus, char *dst,
		       size_t *dlen)
{
	size_t o = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '%') {
			if (len - i < 3)
				return E_INVAL;
			int hi = hex_digit((unsigned char)s[i + 1]);
			int lo = hex_digit((unsigned char)s[i + 2]);
			if (hi < 0 || lo < 0)
				return E_INVAL;
			c = (unsigned char)(hi << 4 | lo);
			i += 2;
		} else if (c == '+' && plus) {
			c = ' ';
		}
		if (c == '\0')
			return E_INVAL;
		dst[o++] = (char)c;
	}
	dst[o] = '\0';
	*dlen = o;
	return utf8_valid(dst, o) ? E_OK : E_INVAL;
}

enum err urlencoded_parse(struct pool *pool, const char *s, size_t len,
			  size_t max_params, struct params *out)
{
	out->v = NULL;
	out->n = 0;

	size_t n = 0;
	for (size_t i = 0; i < len; i++) {
		if (s[i] != '&' && (i == 0 || s[i - 1] == '&'))
			n++;
	}
	if (n == 0)
		return E_OK;
	if (n > max_params)
		return E_TOOBIG;
	/* n <= len, so the block size only overflows for absurd len. */
	if (n > SIZE_MAX / sizeof(struct param) || len > SIZE_MAX - 2 * n)
		return E_TOOBIG;

	struct param *v = pool_alloc(pool, n * sizeof *v);
	char *text = pool_alloc(pool, len + 2 * n);
	if (!v || !text)
		return E_NOMEM;

	size_t k = 0;
	size_t i = 0;
	while (i < len) {
		const char *seg = s + i;
		const char *amp = memchr(seg, '&', len - i);
		size_t seglen = amp ? (size_t)(amp - seg) : len - i;
		i += seglen + 1;
		if (seglen == 0)
			continue;

		const char *eq = memchr(seg, '=', seglen);
		size_t nlen = eq ? (size_t)(eq - seg) : seglen;
		if (nlen == 0)
			return E_INVAL;
		size_t dlen;
		enum err rc = decode(seg, nlen, 1, text, &dlen);
		if (rc)
			return rc;
		v[k].name = text;
		text += dlen + 1;

		dlen = 0;
		if (eq)
			rc = decode(eq + 1, seglen - nlen - 1, 1, text, &dlen);
		else
			*text = '\0';
		if (rc)
			return rc;
		v[k].value = text;
		text += dlen + 1;
		k++;
	}
	out->v = v;
	out->n = k;
	return E_OK;
}

enum err form_parse(struct pool *pool, const char *content_type,
		    const char *body, size_t len, size_t max_params,
		    struct params *out)
{
	out->v = NULL;
	out->n = 0;
	if (!content_type_is_utf8(content_type, "application/x-www-form-urlencoded"))
		return E_INVAL;
	return urlencoded_parse(pool, body, len, max_params, out);
}

enum err url_path_decode(struct pool *pool, const char *s, size_t len, char **out)
{
	*out = NULL;
	if (len == SIZE_MAX)
		return E_TOOBIG;
	char *d = pool_alloc(pool, len + 1);
	if (!d)
		return E_NOMEM;
	size_t dlen;
	enum err rc = decode(s, len, 0, d, &dlen);
	if (rc)
		return rc;
	*out = d;
	return E_OK;
}

char *url_query_encode(struct pool *pool, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t n = strlen(s);
	if (n > (SIZE_MAX - 1) / 3)
		return NULL;
	char *out = pool_alloc(pool, n * 3 + 1), *o = out;
	if (!out)
		return NULL;
	for (const unsigned char *c = (const unsigned char *)s; *c; c++) {
		if ((*c >= 'A' && *c <= 'Z') || (*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') ||
		    *c == '-' || *c == '.' || *c == '_' || *c == '~' || *c == '/') {
			*o++ = (char)*c;
		} else {
			*o++ = '%';
			*o++ = hex[*c >> 4];
			*o++ = hex[*c & 15];
		}
	}
	*o = 0;
	return out;
}
