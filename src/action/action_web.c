/* action_web.c: NOT BUILT YET (issue 4 in progress): every handler answers 501.
 * Its owner replaces this file whole. */
#include "web/respond.h"
#include "action/action_web.h"

#define STUB(fn) \
	void fn(struct request *req, struct response *res) \
	{ \
		respond_error(req, res, 501, "This page is not built yet."); \
	}

STUB(actions_list)
STUB(action_new_form)
STUB(action_create)
STUB(action_show)
STUB(action_edit_form)
STUB(action_edit)
STUB(round_actions_page)
STUB(api_actions)
