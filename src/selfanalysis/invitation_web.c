/* invitation_web.c: NOT BUILT YET (issue 4 in progress): every handler answers 501.
 * Its owner replaces this file whole. */
#include "web/respond.h"
#include "selfanalysis/invitation_web.h"

#define STUB(fn) \
	void fn(struct request *req, struct response *res) \
	{ \
		respond_error(req, res, 501, "This page is not built yet."); \
	}

STUB(round_invitations_page)
STUB(round_invitations_issue)
STUB(respond_form)
STUB(respond_post)
