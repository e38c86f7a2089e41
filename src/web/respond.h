/*
 * respond.h: the ways a handler answers, so every page and API error looks
 * the same.  Pages get the GOV.UK chrome; anything under /api/ gets a JSON
 * error object {"error": {"status": 404, "code": "not_found", "message": ...}}.
 */
#ifndef JCS_RESPOND_H
#define JCS_RESPOND_H

#include <jansson.h>

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
 * up to <main>; fill p->nonce from the response.  Finish with respond_page_end. */
void respond_page_begin(struct response *res, struct html *h, struct page *p);
void respond_page_end(struct response *res, struct html *h, struct page *p);

#endif
