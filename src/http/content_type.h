/*
 * content_type.h: Content-Type header values and header parameters
 * (RFC 9110 sections 5.6.6 and 8.3), shared by the body parsers.
 *
 * A value is a media type "type/subtype" (two tokens, compared without
 * regard to case) followed by parameters:
 *
 *     value  = OWS type "/" subtype *( OWS ";" OWS [ param ] ) OWS
 *     param  = name "=" ( quoted-string / unquoted )
 *
 * Names are tokens, compared without regard to case.  No blank is allowed
 * around '='.  Empty parameters (";;", a trailing ';') are skipped.  A
 * quoted string may hold any byte; a backslash escapes the byte after it.
 * An unquoted value is a run of visible ASCII and non-ASCII bytes other than
 * ';' and '"': wider than RFC 9110's token because mail-style multipart
 * boundaries such as "=_Part_1" are common.  Callers that want RFC 9110's
 * strictness (form and JSON bodies) check for a token themselves, as
 * content_type_is_utf8() does.
 *
 * Nothing here allocates except header_param_dup(); parsed values point
 * into the header text, which must outlive them.
 */
#ifndef JCS_CONTENT_TYPE_H
#define JCS_CONTENT_TYPE_H

#include <stddef.h>

#include "core/err.h"

struct pool;

/* One "name=value" parameter as written. */
struct header_param {
	const char *name;
	size_t name_len;
	const char *value; /* inside the quotes when quoted, escapes kept */
	size_t value_len;
	int quoted;
};

/* A parsed Content-Type value; every part points into the header text. */
struct content_type {
	const char *type; /* "type/subtype" as written */
	size_t type_len;
	const char *params; /* the rest, for content_type_param() */
	size_t params_len;
};

/*
 * Parse s[0..len) into *out: E_OK, or E_INVAL when the media type or any
 * parameter is malformed (s may be NULL, which is E_INVAL too).
 */
enum err content_type_parse(const char *s, size_t len, struct content_type *out);

/* 1 when ct's media type is type ("application/json"), ignoring case. */
int content_type_is(const struct content_type *ct, const char *type);

/*
 * The parameter called name, unescaped into dst[0..cap) and terminated,
 * its length in *len: E_OK; E_NOTFOUND when there is none; E_INVAL when it
 * is given twice or does not fit (then dst holds nothing useful).
 */
enum err content_type_param(const struct content_type *ct, const char *name,
			    char *dst, size_t cap, size_t *len);

/*
 * 1 when the header value ct (may be NULL) is the media type type with
 * well-formed parameters, every unquoted value an RFC 9110 token, and every
 * charset parameter (if any) "utf-8" in any case: what form and JSON bodies
 * accept, since both are UTF-8 by definition and refusing beats guessing.
 */
int content_type_is_utf8(const char *ct, const char *type);

/*
 * The next parameter of s[*pos..len), where *pos is just past the media
 * type (or, for Content-Disposition, past the disposition type): 1 with *p
 * filled in and *pos moved past it, 0 at the end, -1 when malformed.
 */
int header_param_next(const char *s, size_t len, size_t *pos,
		      struct header_param *p);

/* 1 when p is called name, ignoring case. */
int header_param_is(const struct header_param *p, const char *name);

/*
 * p's value with quoted-pair escapes removed, into dst[0..cap) and
 * terminated: its length, or SIZE_MAX when it does not fit.
 */
size_t header_param_copy(const struct header_param *p, char *dst, size_t cap);

/* p's value unescaped into a terminated pool copy (*len its length). */
enum err header_param_dup(struct pool *pool, const struct header_param *p,
			  char **out, size_t *len);

/* 1 for an RFC 9110 tchar, the bytes of tokens such as header names. */
int header_tchar(unsigned char c);

#endif
