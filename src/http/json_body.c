/*
 * json_body.c: JSON request bodies through jansson, under our limits.
 *
 * jansson's parser recurses once per nesting level with its own limit of
 * 2048, which is far more than any API body needs and still a lot of stack
 * on a worker thread.  So a cheap pass first counts brackets outside
 * strings and refuses a body nested deeper than max_depth before jansson
 * sees a byte.  That pass tokenises strings the same way jansson does (a
 * '"' not escaped by '\\' opens or closes one), so up to the first syntax
 * error the two agree, and jansson can never reach a depth the pass did
 * not count.  Syntax is left entirely to jansson: one grammar, one set of
 * messages.
 *
 * Messages say "line L, column C: ..." with the column in characters, as
 * jansson counts them, so an API client can point at the mistake.
 */
#include "http/json_body.h"

#include <stdio.h>

#include "http/content_type.h"

static void set_error(char *errbuf, size_t errlen, size_t line, size_t col,
		      const char *msg)
{
	if (!errbuf || errlen == 0)
		return;
	if (line)
		snprintf(errbuf, errlen, "line %zu, column %zu: %s", line, col, msg);
	else
		snprintf(errbuf, errlen, "%s", msg);
}

/* E_TOOBIG, with the position of the offending bracket, past max_depth. */
static enum err depth_scan(const char *s, size_t len, int max_depth,
			   char *errbuf, size_t errlen)
{
	size_t line = 1, col = 0;
	long depth = 0;
	int in_string = 0, escaped = 0;

	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '\n') {
			line++;
			col = 0;
			continue;
		}
		if ((c & 0xC0) != 0x80)
			col++;
		if (in_string) {
			if (escaped)
				escaped = 0;
			else if (c == '\\')
				escaped = 1;
			else if (c == '"')
				in_string = 0;
			continue;
		}
		if (c == '"') {
			in_string = 1;
		} else if (c == '[' || c == '{') {
			if (++depth > max_depth) {
				char msg[64];
				snprintf(msg, sizeof msg,
					 "nested more than %d levels deep", max_depth);
				set_error(errbuf, errlen, line, col, msg);
				return E_TOOBIG;
			}
		} else if ((c == ']' || c == '}') && depth > 0) {
			depth--;
		}
	}
	return E_OK;
}

enum err json_body_parse(const char *content_type, const char *body,
			 size_t len, int max_depth, json_t **out,
			 char *errbuf, size_t errlen)
{
	json_error_t e;
	enum err rc;

	*out = NULL;
	if (errbuf && errlen)
		errbuf[0] = '\0';
	/* RFC 8259 section 8.1: JSON is UTF-8, so no other charset is taken. */
	if (!content_type_is_utf8(content_type, "application/json")) {
		set_error(errbuf, errlen, 0, 0,
			  "Content-Type must be application/json");
		return E_INVAL;
	}
	if (!body)
		body = "";
	rc = depth_scan(body, len, max_depth, errbuf, errlen);
	if (rc)
		return rc;

	json_t *j = json_loadb(body, len, JSON_REJECT_DUPLICATES, &e);
	if (!j) {
		/*
		 * jansson names every syntax error; a failure it did not name
		 * (json_error_unknown) is a failed allocation.  Some of its
		 * allocation failures come out as syntax errors instead, so
		 * E_NOMEM is best effort; either way nothing is returned.
		 */
		switch (json_error_code(&e)) {
		case json_error_out_of_memory:
		case json_error_unknown:
			set_error(errbuf, errlen, 0, 0, "out of memory");
			return E_NOMEM;
		case json_error_stack_overflow:
			rc = E_TOOBIG;
			break;
		default:
			rc = E_INVAL;
			break;
		}
		set_error(errbuf, errlen, e.line > 0 ? (size_t)e.line : 1,
			  e.column > 0 ? (size_t)e.column : 0, e.text);
		return rc;
	}
	*out = j;
	return E_OK;
}
