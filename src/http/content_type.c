/*
 * content_type.c: one walk over header parameters for every body parser.
 *
 * The form, JSON and multipart parsers each need the media type and a
 * parameter or two (charset, boundary), and multipart needs the same
 * parameter grammar again for each part's Content-Disposition.  Keeping a
 * single walker means a quoting or whitespace rule is fixed once.
 *
 * Everything is walked over an explicit length rather than as a C string,
 * because a part's Content-Disposition value sits inside the body and is
 * not terminated.  Nothing is copied until a caller asks for a value, so
 * checking a header costs no allocation.
 *
 * The walker accepts the wider unquoted values multipart needs (see the
 * header); the RFC 9110 token rule that form and JSON bodies have always
 * applied is an extra check in content_type_is_utf8(), so their behaviour
 * is unchanged: what a token stops at (a '/', a ',') the wider rule takes
 * in, and the extra check then refuses it.
 */
#include "http/content_type.h"

#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "core/pool.h"

int header_tchar(unsigned char c)
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

static size_t skip_token(const char *s, size_t len, size_t i)
{
	while (i < len && header_tchar((unsigned char)s[i]))
		i++;
	return i;
}

static int is_token(const char *s, size_t len)
{
	return len > 0 && skip_token(s, len, 0) == len;
}

int header_param_next(const char *s, size_t len, size_t *pos,
		      struct header_param *p)
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
	i = skip_token(s, len, i);
	p->name_len = (size_t)(s + i - p->name);
	if (p->name_len == 0 || i == len || s[i] != '=')
		return -1;
	i++;

	if (i < len && s[i] == '"') {
		i++;
		p->value = s + i;
		p->quoted = 1;
		while (i < len && s[i] != '"') {
			if (s[i] == '\\')
				i++;
			i++;
		}
		/* Also catches a backslash escaping the end of the text. */
		if (i >= len)
			return -1;
		p->value_len = (size_t)(s + i - p->value);
		i++;
	} else {
		p->value = s + i;
		p->quoted = 0;
		while (i < len && (unsigned char)s[i] > ' ' && s[i] != 0x7f &&
		       s[i] != ';' && s[i] != '"')
			i++;
		p->value_len = (size_t)(s + i - p->value);
		if (p->value_len == 0)
			return -1;
	}
	*pos = i;
	return 1;
}

int header_param_is(const struct header_param *p, const char *name)
{
	return strlen(name) == p->name_len &&
	       strncasecmp(p->name, name, p->name_len) == 0;
}

size_t header_param_copy(const struct header_param *p, char *dst, size_t cap)
{
	size_t o = 0;
	for (size_t i = 0; i < p->value_len; i++) {
		if (p->quoted && p->value[i] == '\\' && i + 1 < p->value_len)
			i++;
		if (o + 1 >= cap)
			return SIZE_MAX;
		dst[o++] = p->value[i];
	}
	if (o >= cap)
		return SIZE_MAX;
	dst[o] = '\0';
	return o;
}

enum err header_param_dup(struct pool *pool, const struct header_param *p,
			  char **out, size_t *len)
{
	/* Unescaping only shortens, so value_len + 1 always fits. */
	char *d = pool_alloc(pool, p->value_len + 1);
	if (!d)
		return E_NOMEM;
	*len = header_param_copy(p, d, p->value_len + 1);
	*out = d;
	return E_OK;
}

enum err content_type_parse(const char *s, size_t len, struct content_type *out)
{
	memset(out, 0, sizeof *out);
	if (!s)
		return E_INVAL;

	size_t start = skip_ows(s, len, 0);
	size_t i = skip_token(s, len, start);
	if (i == start || i == len || s[i] != '/')
		return E_INVAL;
	size_t sub = i + 1;
	i = skip_token(s, len, sub);
	if (i == sub)
		return E_INVAL;

	/* Walked once here so that a parsed value is known to be well formed. */
	struct header_param p;
	size_t pos = 0;
	int r;
	while ((r = header_param_next(s + i, len - i, &pos, &p)) == 1)
		continue;
	if (r < 0)
		return E_INVAL;
	out->type = s + start;
	out->type_len = i - start;
	out->params = s + i;
	out->params_len = len - i;
	return E_OK;
}

int content_type_is(const struct content_type *ct, const char *type)
{
	return ct->type && strlen(type) == ct->type_len &&
	       strncasecmp(ct->type, type, ct->type_len) == 0;
}

enum err content_type_param(const struct content_type *ct, const char *name,
			    char *dst, size_t cap, size_t *len)
{
	struct header_param p;
	size_t pos = 0;
	int found = 0;
	int r;

	while ((r = header_param_next(ct->params, ct->params_len, &pos, &p)) == 1) {
		if (!header_param_is(&p, name))
			continue;
		/* Two values for one name: neither can be trusted. */
		if (found)
			return E_INVAL;
		found = 1;
		*len = header_param_copy(&p, dst, cap);
		if (*len == SIZE_MAX)
			return E_INVAL;
	}
	if (r < 0)
		return E_INVAL;
	return found ? E_OK : E_NOTFOUND;
}

int content_type_is_utf8(const char *ct, const char *type)
{
	struct content_type t;

	if (!ct || content_type_parse(ct, strlen(ct), &t) != E_OK ||
	    !content_type_is(&t, type))
		return 0;

	struct header_param p;
	size_t pos = 0;
	while (header_param_next(t.params, t.params_len, &pos, &p) == 1) {
		if (!p.quoted && !is_token(p.value, p.value_len))
			return 0;
		if (header_param_is(&p, "charset")) {
			/* One byte more than "utf-8" needs, so longer values fail. */
			char v[6];
			if (header_param_copy(&p, v, sizeof v) != 5 ||
			    strncasecmp(v, "utf-8", 5) != 0)
				return 0;
		}
	}
	return 1;
}
