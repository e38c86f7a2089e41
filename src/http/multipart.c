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
#include "http/urlencoded.h"

#define MAX_BOUNDARY 70
#define MAX_HEADER_LINE 1024
#define MAX_HEADERS 8

/* One ";name=value" header parameter, value still as written. */
struct hparam {
	const char *name;
	size_t nlen;
	const char *raw; /* inside the quotes when quoted */
	size_t rawlen;
	int quoted;
};

static int is_tchar(unsigned char c)
{
	if (c >= 'a' && c <= 'z')
		return 1;
	if (c >= 'A' && c <= 'Z')
		return 1;
	if (c >= '0' && c <= '9')
		return 1;
	return c != '\0' && strchr("!#$%&'*+-.^_`|~", c) != NULL;
}

static size_t skip_ows(const char *s, size_t len, size_t i)
{
	while (i < len && (s[i] == ' ' || s[i] == '\t'))
		i++;
	return i;
}

/*
 * The next parameter of s[*pos..len): 1 with p filled in, 0 at the end, -1
 * when malformed.  An unquoted value is taken up to the next blank or ';'
 * rather than as a strict token, because mail-style boundaries such as
 * "=_Part_1" are common and the boundary is validated on its own later.
 */
static int next_param(const char *s, size_t len, size_t *pos, struct hparam *p)
{
	size_t i = *pos;

	for (;;) {
		i = skip_ows(s, len, i);
		if (i == len)
			return 0;
		if (s[i] != ';')
			return -1;
		i = skip_ows(s, len, i + 1);
		if (i == len)
			return 0;
		if (s[i] != ';')
			break;
	}

	p->name = s + i;
	while (i < len && is_tchar((unsigned char)s[i]))
		i++;
	p->nlen = (size_t)(s + i - p->name);
	if (p->nlen == 0 || i == len || s[i] != '=')
		return -1;
	i++;

	if (i < len && s[i] == '"') {
		i++;
		p->raw = s + i;
		p->quoted = 1;
		while (i < len && s[i] != '"') {
			if (s[i] == '\\')
				i++;
			i++;
		}
		if (i >= len)
			return -1;
		p->rawlen = (size_t)(s + i - p->raw);
		i++;
	} else {
		p->raw = s + i;
		p->quoted = 0;
		while (i < len && (unsigned char)s[i] > ' ' && s[i] != 0x7f &&
		       s[i] != ';' && s[i] != '"')
			i++;
		p->rawlen = (size_t)(s + i - p->raw);
		if (p->rawlen == 0)
			return -1;
	}
	*pos = i;
	return 1;
}

static int param_is(const struct hparam *p, const char *name)
{
	return strlen(name) == p->nlen && strncasecmp(p->name, name, p->nlen) == 0;
}

/*
 * The value of p with quoted-pair escapes removed, into dst[0..cap) and
 * terminated: its length, or SIZE_MAX when it does not fit.
 */
static size_t param_value(const struct hparam *p, char *dst, size_t cap)
{
	size_t o = 0;
	for (size_t i = 0; i < p->rawlen; i++) {
		if (p->quoted && p->raw[i] == '\\' && i + 1 < p->rawlen)
			i++;
		if (o + 1 >= cap)
			return SIZE_MAX;
		dst[o++] = p->raw[i];
	}
	if (o >= cap)
		return SIZE_MAX;
	dst[o] = '\0';
	return o;
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
	static const char type[] = "multipart/form-data";
	size_t tl = sizeof type - 1;
	int found = 0;

	if (!ct)
		return E_INVAL;
	size_t len = strlen(ct);
	size_t pos = skip_ows(ct, len, 0);
	if (len - pos < tl || strncasecmp(ct + pos, type, tl) != 0)
		return E_INVAL;
	pos += tl;

	struct hparam p;
	int r;
	while ((r = next_param(ct, len, &pos, &p)) == 1) {
		if (!param_is(&p, "boundary"))
			continue;
		if (found)
			return E_INVAL;
		found = 1;
		*blen = param_value(&p, bnd, MAX_BOUNDARY + 1);
		if (*blen == SIZE_MAX || !boundary_valid(bnd, *blen))
			return E_INVAL;
	}
	if (r < 0 || !found)
		return E_INVAL;
	return E_OK;
}

/* A parameter value copied into the pool, refused unless UTF-8. */
static enum err pool_value(struct pool *pool, const struct hparam *p,
			   const char **out)
{
	char *d = pool_alloc(pool, p->rawlen + 1);
	if (!d)
		return E_NOMEM;
	size_t n = param_value(p, d, p->rawlen + 1);
	if (n == SIZE_MAX || !utf8_valid(d, n))
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

	struct hparam p;
	int r;
	while ((r = next_param(v, len, &pos, &p)) == 1) {
		if (param_is(&p, "name")) {
			if (name)
				return E_INVAL;
			rc = pool_value(pool, &p, &name);
			if (rc)
				return rc;
		} else if (param_is(&p, "filename")) {
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
	while (i < len && is_tchar((unsigned char)s[i]))
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
