/*
 * audit_web.h: the audit trail page for administrators: filters by record
 * kind, action, person and dates, newest first, paged.
 */
#ifndef JCS_AUDIT_WEB_H
#define JCS_AUDIT_WEB_H

struct request;
struct response;

void audit_page(struct request *req, struct response *res); /* GET /audit */

#endif
