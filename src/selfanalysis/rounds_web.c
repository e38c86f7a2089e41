/* rounds_web.c: NOT BUILT YET (issue 4 in progress): every handler answers 501.
 * Its owner replaces this file whole. */
#include "web/respond.h"
#include "selfanalysis/selfanalysis_web.h"

#define STUB(fn) \
	void fn(struct request *req, struct response *res) \
	{ \
		respond_error(req, res, 501, "This page is not built yet."); \
	}

STUB(selfanalysis_home)
STUB(frameworks_page)
STUB(framework_import_form)
STUB(framework_import)
STUB(round_new_form)
STUB(round_create)
STUB(round_show)
STUB(round_edit_form)
STUB(round_edit)
STUB(round_entry_form)
STUB(round_entry)
STUB(round_import_form)
STUB(round_import)
STUB(selfanalysis_settings_form)
STUB(selfanalysis_settings)
