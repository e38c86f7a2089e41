/*
 * json_body.h: JSON request bodies, parsed with jansson under our limits.
 *
 * The body must be application/json (charset UTF-8 if given), at most
 * max_depth levels of nesting (checked before jansson sees it, so a deeply
 * nested body cannot exhaust the stack), with no duplicate object keys and
 * one value only.  On failure returns E_INVAL (E_TOOBIG for depth) and
 * writes a message with line and column into errbuf.  The caller owns *out
 * and releases it with json_decref().
 */
#ifndef JCS_JSON_BODY_H
#define JCS_JSON_BODY_H

#include <jansson.h>
#include <stddef.h>

#include "core/err.h"

enum err json_body_parse(const char *content_type, const char *body,
			 size_t len, int max_depth, json_t **out,
			 char *errbuf, size_t errlen);

#endif
