/*
 * respond.h: the ways a handler answers, so every page and API error looks
 * the same.  Pages get the GOV.UK chrome; anything under /api/ gets a JSON
 * error object {"error": {"status": 404, "code": "not_found", "message": ...}}.
 */
#ifndef JCS_RESPOND_H
#define JCS_RESPOND_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

struct html;
struct page;
struct pool;
struct request;
struct response;

/* An error page (or JSON error under /api/) with status and a message for
 * people.  message may be NULL for the status's standard wording. */
void respond_error(struct request *req, struct response *res, int status, const char *message);
/* A JSON body; takes the reference to j. */
void respond_json(struct response *res, int status, json_t *j);
/* 303 See Other to a local path (post/redirect/get). */
void respond_redirect(struct request *req, struct response *res, const char *location);
/* Start an HTML page: sets status 200 and content type, writes the chrome
 * up to <main>: p->nonce from the response, and the navigation for the
 * signed-in user (only what their role may see).  Finish with
 * respond_page_end. */
void respond_page_begin(struct request *req, struct response *res, struct html *h,
			struct page *p);
void respond_page_end(struct response *res, struct html *h, struct page *p);

/* The hidden csrf_token field every form carries (web/app_auth.c). */
void respond_csrf_field(struct request *req, struct response *res, struct html *h);

/* Text as a record id: a positive whole number of at most 18 digits (so
 * it fits int64_t), else -1.  The one parser for ids in URLs and forms. */
int64_t record_id_parse(const char *s);
/* A route capture ("id") as a record id: a positive whole number, else 0
 * (which no record has, so a bad id reads as "not found"). */
int64_t request_id(const struct request *req, const char *capture);

/*
 * A form field with white space trimmed from both ends, in the pool; ""
 * when the form does not have it (or the pool is full).  For checking what
 * a person typed: a form is re-displayed with the value as sent.
 */
const char *form_text(struct request *req, const char *name);
/*
 * A select's value as a record id (or another positive number a select
 * offers, such as a decile): 0 when nothing is chosen (the field is absent
 * or ""), the number when it is a positive whole number of at most 18
 * digits, else -1 (no list offers it).  Not trimmed: a select sends back
 * exactly what the page wrote, which form_option_value writes.
 */
int64_t form_option_id(const struct request *req, const char *name);
/* An id as a select's value: "" for 0 (nothing chosen), else its digits,
 * in the pool. */
const char *form_option_value(struct pool *pool, int64_t id);

/* A store error as a page or JSON error: E_NOTFOUND 404, E_NOMEM/E_DB 500... */
void respond_store_error(struct request *req, struct response *res, enum err rc);
/*
 * For straight-line handlers: 1 when rc is E_OK; else answers rc as
 * respond_store_error does and returns 0.
 *	if (!respond_store_ok(req, res, rc))
 *		return;
 */
int respond_store_ok(struct request *req, struct response *res, enum err rc);
/* The end of a handler that writes: the store error for rc, or on E_OK
 * 303 See Other to location (post/redirect/get). */
void respond_after_write(struct request *req, struct response *res, enum err rc,
			 const char *location);

#endif
