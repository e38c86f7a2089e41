/*
 * partnership_web.h: the partnership module's pages.
 */
#ifndef JCS_PARTNERSHIP_WEB_H
#define JCS_PARTNERSHIP_WEB_H

struct request;
struct response;

/* GET /: the partnership's home page, listing its partner organisations. */
void partnership_home(struct request *req, struct response *res);

#endif
