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

#include <stdint.h>

struct html;
struct request;
struct response;
struct round;

/*
 * A paragraph saying that pending (of invitation_counts) answers
 * submitted online are waiting to be added to round r, and why (batches
 * of at least k, or the close); on a round past its closing day but not
 * closed, that closing it is what adds them, with the link to do so for
 * those who may.
 * Nothing when pending is 0.  For the invitations page and the round's.
 */
void invitation_pending_note(struct request *req, struct html *h, const struct round *r, int k,
			     int64_t pending);

void round_invitations_page(struct request *req, struct response *res);  /* GET /selfanalysis/rounds/{round}/invitations */
void round_invitations_issue(struct request *req, struct response *res); /* POST /selfanalysis/rounds/{round}/invitations */
void respond_form(struct request *req, struct response *res);            /* GET /respond?t=TOKEN */
void respond_post(struct request *req, struct response *res);            /* POST /respond */

#endif
