/*
 * partnership_web.c: the home page, the signed-in user's partnership at a
 * glance: its name, and how many partner organisations, areas (and how
 * many of them deprived) and boards it has, each a way into its pages.
 * A national user belongs to no partnership and sees what their role is
 * for instead.
 */
#include "partnership/partnership_web.h"

#include <string.h>

#include "auth/auth.h"
#include "html/govuk.h"
#include "html/html.h"
#include "html/page.h"
#include "http/request.h"
#include "partnership/partnership.h"
#include "web/respond.h"

static void national_home(struct request *req, struct response *res)
{
	struct html h;
	struct page pg = {.title = "Home", .nav_active = "/"};
	respond_page_begin(req, res, &h, &pg);
	html_lit(&h, "<h1 class=\"govuk-heading-l\">National view</h1>\n"
		     "<p class=\"govuk-body\">Your role reads figures that partnerships choose to share, "
		     "combined across partnerships. It does not show any partnership's own records.</p>\n");
	respond_page_end(res, &h, &pg);
}

void partnership_home(struct request *req, struct response *res)
{
	if (req->user->role == ROLE_NATIONAL) {
		national_home(req, res);
		return;
	}
	struct partnership_summary sum;
	enum err rc = partnership_summary(req->db, req->pool, req->user->partnership_id, &sum);
	if (rc) {
		respond_store_error(req, res, rc);
		return;
	}
	const struct partnership *p = &sum.p;

	struct html h;
	struct page pg = {.title = p->name, .nav_active = "/"};
	respond_page_begin(req, res, &h, &pg);
	/* After choosing a password (the change-password page comes back here):
	 * a fixed message, never text from the URL. */
	const char *done = params_get(&req->query, "done");
	if (done && strcmp(done, "password") == 0)
		govuk_notification_banner(&h, &(struct govuk_notification){
			.success = 1, .text = "Your password has been changed"});
	html_lit(&h, "<span class=\"govuk-caption-l\">Partnership</span>\n<h1 class=\"govuk-heading-l\">");
	html_text(&h, p->name);
	html_lit(&h, "</h1>\n<p class=\"govuk-body-l\">The partners who plan, fund and review children's services here together.</p>\n");
	struct govuk_summary_row rows[3] = {
		{.key = "Partner organisations", .value = pool_printf(req->pool, "%lld", (long long)sum.organisations),
		 .action_href = "/organisations", .action_text = "View", .action_hidden = "partner organisations"},
		{.key = "Areas", .value = pool_printf(req->pool, "%lld, of which %lld deprived (IMD decile 1 or 2)",
					    (long long)sum.areas, (long long)sum.deprived_areas),
		 .action_href = "/areas", .action_text = "View", .action_hidden = "areas"},
		{.key = "Boards and groups", .value = pool_printf(req->pool, "%lld", (long long)sum.boards),
		 .action_href = "/boards", .action_text = "View", .action_hidden = "boards and groups"},
	};
	govuk_summary_list(&h, &(struct govuk_summary_list){.rows = rows, .nrows = 3});
	html_lit(&h, "<p class=\"govuk-body\">You are signed in as ");
	html_text(&h, role_label(req->user->role));
	html_lit(&h, ".</p>\n");
	respond_page_end(res, &h, &pg);
}
