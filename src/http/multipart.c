/*
 * multipart.c: multipart/form-data bodies (RFC 7578 on RFC 2046).
 *
 * The whole body is in memory, so this is one forward walk with memmem for
 * each delimiter rather than a state machine for partial input, and part
 * data is a pointer into the body, so a large upload costs no copy.  Only
 * the small strings (name, filename, content type) are copied into the pool,
 * unquoted and checked to be UTF-8 without control characters, so handlers
 * can print and compare them as ordinary C strings.
 *
 * Every limit is checked before the work it bounds: a header line is looked
 * for in at most 1026 bytes, a part beyond max_parts is refused before its
 * headers are read.  The walk always moves forward by at least one
 * delimiter per part, so it ends within len / (boundary + 4) parts.
 *
 * Where browsers and the RFCs agree the parser is strict (CRLF line ends, a
 * delimiter must be followed by "--" or optional blanks and CRLF, no header
 * folding); what they leave open it tolerates (a preamble, an epilogue,
 * unknown headers and parameters, filename="" for an empty file input).
 */
#include "http/multipart.h"

#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "core/pool.h"
#include "core/utf8.h"
#include "http/content_type.h"

#define MAX_BOUNDARY 70
#define MAX_HEADER_LINE 1024
#define MAX_HEADERS 8

static size_t skip_ows(const char *s, size_t len, size_t i)
{
	while (i < len && (s[i] == ' ' || s[i] == '\t'))
		i++;
	return i;
}

/* RFC 2046 bchars: what a boundary may contain (a space, but not last). */
static int boundary_valid(const char *b, size_t len)
{
	if (len == 0 || len > MAX_BOUNDARY || b[len - 1] == ' ')
		return 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)b[i];
		int ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
			 (c >= 'A' && c <= 'Z') ||
			 (c != '\0' && strchr("'()+_,-./:=? ", c) != NULL);
		if (!ok)
			return 0;
	}
	return 1;
}

/* The boundary parameter of a multipart/form-data Content-Type into bnd. */
static enum err get_boundary(const char *ct, char bnd[MAX_BOUNDARY + 1],
			     size_t *blen)
{
	struct content_type t;

	if (!ct || content_type_parse(ct, strlen(ct), &t) != E_OK ||
	    !content_type_is(&t, "multipart/form-data"))
		return E_INVAL;
	/* Absent, repeated and too long are all refused alike. */
	if (content_type_param(&t, "boundary", bnd, MAX_BOUNDARY + 1, blen) != E_OK ||
	    !boundary_valid(bnd, *blen))
		return E_INVAL;
	return E_OK;
}

/* A parameter value copied into the pool, refused unless UTF-8. */
static enum err pool_value(struct pool *pool, const struct header_param *p,
			   const char **out)
{
	char *d;
	size_t n;
	enum err rc = header_param_dup(pool, p, &d, &n);
	if (rc)
		return rc;
	if (!utf8_valid(d, n))
		return E_INVAL;
	*out = d;
	return E_OK;
}

static enum err content_disposition(struct pool *pool, const char *v,
				    size_t len, struct part *pt)
{
	static const char type[] = "form-data";
	size_t tl = sizeof type - 1;
	const char *name = NULL, *filename = NULL;
	enum err rc;

	if (len < tl || strncasecmp(v, type, tl) != 0)
		return E_INVAL;
	size_t pos = tl;

	struct header_param p;
	int r;
	while ((r = header_param_next(v, len, &pos, &p)) == 1) {
		if (header_param_is(&p, "name")) {
			if (name)
				return E_INVAL;
			rc = pool_value(pool, &p, &name);
			if (rc)
				return rc;
		} else if (header_param_is(&p, "filename")) {
			if (filename)
				return E_INVAL;
			rc = pool_value(pool, &p, &filename);
			if (rc)
				return rc;
		}
	}
	if (r < 0 || !name || name[0] == '\0')
		return E_INVAL;
	pt->name = name;
	pt->filename = filename;
	return E_OK;
}

/* One header line (without its CRLF) of a part. */
static enum err header_line(struct pool *pool, const char *s, size_t len,
			    struct part *pt)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c < ' ' && c != '\t') || c == 0x7f)
			return E_INVAL;
	}

	size_t i = 0;
	while (i < len && header_tchar((unsigned char)s[i]))
		i++;
	size_t nlen = i;
	if (nlen == 0 || i == len || s[i] != ':')
		return E_INVAL;
	i = skip_ows(s, len, i + 1);
	size_t vend = len;
	while (vend > i && (s[vend - 1] == ' ' || s[vend - 1] == '\t'))
		vend--;
	const char *v = s + i;
	size_t vlen = vend - i;

	if (nlen == 19 && strncasecmp(s, "content-disposition", 19) == 0) {
		if (pt->name)
			return E_INVAL;
		return content_disposition(pool, v, vlen, pt);
	}
	if (nlen == 12 && strncasecmp(s, "content-type", 12) == 0) {
		if (pt->content_type || vlen == 0 || !utf8_valid(v, vlen))
			return E_INVAL;
		pt->content_type = pool_strndup(pool, v, vlen);
		return pt->content_type ? E_OK : E_NOMEM;
	}
	return E_OK;
}

/* The header block of a part, from *pos up to and past its empty line. */
static enum err part_headers(struct pool *pool, const char *body, size_t len,
			     size_t *pos, struct part *pt)
{
	memset(pt, 0, sizeof *pt);
	for (int lines = 0;; lines++) {
		size_t avail = len - *pos;
		size_t scan = avail < MAX_HEADER_LINE + 2 ? avail : MAX_HEADER_LINE + 2;
		const char *line = body + *pos;
		const char *crlf = memmem(line, scan, "\r\n", 2);
		if (!crlf)
			return E_INVAL;
		size_t ll = (size_t)(crlf - line);
		*pos += ll + 2;
		if (ll == 0)
			break;
		if (lines == MAX_HEADERS)
			return E_INVAL;
		enum err rc = header_line(pool, line, ll, pt);
		if (rc)
			return rc;
	}
	return pt->name ? E_OK : E_INVAL;
}

enum err multipart_parse(struct pool *pool, const char *content_type,
			 const char *body, size_t len, size_t max_parts,
			 struct parts *out)
{
	/* "\r\n--" and the boundary: a delimiter; without the CRLF at the start. */
	char delim[4 + MAX_BOUNDARY + 1];
	size_t blen = 0;
	enum err rc;

	out->v = NULL;
	out->n = 0;
	rc = get_boundary(content_type, delim + 4, &blen);
	if (rc)
		return rc;
	memcpy(delim, "\r\n--", 4);
	size_t dl = 4 + blen;
	if (!body)
		body = "";

	size_t pos;
	if (len >= dl - 2 && memcmp(body, delim + 2, dl - 2) == 0) {
		pos = dl - 2;
	} else {
		const char *f = memmem(body, len, delim, dl);
		if (!f)
			return E_INVAL;
		pos = (size_t)(f - body) + dl;
	}

	struct part *v = NULL;
	size_t n = 0, cap = 0;
	for (;;) {
		if (len - pos >= 2 && body[pos] == '-' && body[pos + 1] == '-')
			break;
		pos = skip_ows(body, len, pos);
		if (len - pos < 2 || body[pos] != '\r' || body[pos + 1] != '\n')
			return E_INVAL;
		pos += 2;

		if (n == max_parts)
			return E_TOOBIG;
		if (n == cap) {
			size_t ncap = cap ? cap * 2 : 4;
			if (ncap > max_parts)
				ncap = max_parts;
			if (ncap > SIZE_MAX / sizeof *v)
				return E_TOOBIG;
			struct part *nv = pool_alloc(pool, ncap * sizeof *nv);
			if (!nv)
				return E_NOMEM;
			if (n)
				memcpy(nv, v, n * sizeof *v);
			v = nv;
			cap = ncap;
		}

		struct part *pt = &v[n];
		rc = part_headers(pool, body, len, &pos, pt);
		if (rc)
			return rc;
		const char *f = memmem(body + pos, len - pos, delim, dl);
		if (!f)
			return E_INVAL;
		pt->data = body + pos;
		pt->len = (size_t)(f - pt->data);
		pos = (size_t)(f - body) + dl;
		n++;
	}
	out->v = v;
	out->n = n;
	return E_OK;
}

const struct part *parts_get(const struct parts *p, const char *name)
{
	for (size_t i = 0; i < p->n; i++)
		if (strcmp(p->v[i].name, name) == 0)
			return &p->v[i];
	return NULL;
}
