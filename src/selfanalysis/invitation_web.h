/*
 * invitation_web.h: invitation links and the respondent's pages.
 *
 * The owner issues links on the round's invitations page and sees how many
 * have been answered, never who answered what.  A respondent opens
 * /respond?t=TOKEN (the token travels in the query string and then a
 * hidden field, never the path, because paths are logged and query
 * strings are not), answers every standard, saves and comes back, and
 * submits once.  The respondent routes are public: no account, no session.
 */
#ifndef JCS_INVITATION_WEB_H
#define JCS_INVITATION_WEB_H

struct request;
struct response;

void round_invitations_page(struct request *req, struct response *res);  /* GET /selfanalysis/rounds/{round}/invitations */
void round_invitations_issue(struct request *req, struct response *res); /* POST /selfanalysis/rounds/{round}/invitations */
void respond_form(struct request *req, struct response *res);            /* GET /respond?t=TOKEN */
void respond_post(struct request *req, struct response *res);            /* POST /respond */

#endif
