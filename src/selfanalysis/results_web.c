/* results_web.c: NOT BUILT YET (issue 4 in progress): every handler answers 501.
 * Its owner replaces this file whole. */
#include "web/respond.h"
#include "selfanalysis/selfanalysis_web.h"

#define STUB(fn) \
	void fn(struct request *req, struct response *res) \
	{ \
		respond_error(req, res, 501, "This page is not built yet."); \
	}

STUB(round_results_page)
STUB(round_compare_page)
STUB(round_report)
STUB(round_comment_select)
