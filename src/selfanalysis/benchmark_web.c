/* benchmark_web.c: NOT BUILT YET (issue 4 in progress): every handler answers 501.
 * Its owner replaces this file whole. */
#include "web/respond.h"
#include "selfanalysis/benchmark_web.h"

#define STUB(fn) \
	void fn(struct request *req, struct response *res) \
	{ \
		respond_error(req, res, 501, "This page is not built yet."); \
	}

STUB(benchmark_page)
STUB(round_share)
STUB(round_unshare)
STUB(national_benchmark_page)
STUB(api_benchmark)
