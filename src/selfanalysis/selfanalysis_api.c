/* selfanalysis_api.c: NOT BUILT YET (issue 4 in progress): every handler answers 501.
 * Its owner replaces this file whole. */
#include "web/respond.h"
#include "selfanalysis/selfanalysis_web.h"

#define STUB(fn) \
	void fn(struct request *req, struct response *res) \
	{ \
		respond_error(req, res, 501, "This page is not built yet."); \
	}

STUB(api_rounds)
STUB(api_round_results)
STUB(api_round_compare)
