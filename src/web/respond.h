/*
 * respond.h: the ways a handler answers, so every page and API error looks
 * the same.  Pages get the GOV.UK chrome; anything under /api/ gets a JSON
 * error object {"error": {"status": 404, "code": "not_found", "message": ...}}.
 */
#ifndef JCS_RESPOND_H
#define JCS_RESPOND_H

#include <jansson.h>
#include <stdint.h>

#include "core/err.h"

struct html;
struct page;
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

/* A route capture ("id") as a record id: a positive whole number, else 0
 * (which no record has, so a bad id reads as "not found"). */
int64_t request_id(const struct request *req, const char *capture);

/* A store error as a page or JSON error: E_NOTFOUND 404, E_NOMEM/E_DB 500... */
void respond_store_error(struct request *req, struct response *res, enum err rc);

#endif
