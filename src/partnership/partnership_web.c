/*
 * partnership_web.c: the partnership's home page.  Until sign-in exists
 * (issue 3) the home page shows the first partnership in the database, the
 * demo one on a fresh install.
 */
#include "partnership/partnership_web.h"

#include "html/govuk.h"
#include "html/html.h"
#include "html/page.h"
#include "http/request.h"
#include "partnership/partnership.h"
#include "web/respond.h"

void partnership_home(struct request *req, struct response *res)
{
	struct partnership p;
	struct organisation *orgs = NULL;
	size_t n = 0;
	enum err rc = partnership_first(req->db, req->pool, &p);
	if (rc == E_NOTFOUND) {
		respond_error(req, res, 404, "There is no partnership in this database yet.");
		return;
	}
	if (!rc)
		rc = organisation_list(req->db, req->pool, p.id, &orgs, &n);
	if (rc) {
		respond_error(req, res, 500, NULL);
		return;
	}

	struct html h;
	struct page pg = {.title = p.name, .nav_active = "/"};
	respond_page_begin(res, &h, &pg);
	res->no_store = 1;
	html_lit(&h, "<span class=\"govuk-caption-l\">Partnership</span>\n<h1 class=\"govuk-heading-l\">");
	html_text(&h, p.name);
	html_lit(&h, "</h1>\n<p class=\"govuk-body-l\">The partners who plan, fund and review children's services here together.</p>\n");
	static const struct govuk_cell head[] = {{.text = "Organisation"}, {.text = "Type"}, {.text = "Role"}};
	govuk_table_begin(&h, &(struct govuk_table){.caption = "Partner organisations",
						   .caption_class = "govuk-table__caption--m",
						   .head = head, .ncols = 3});
	for (size_t i = 0; i < n; i++)
		govuk_table_row(&h, (struct govuk_cell[]){
			{.text = orgs[i].name},
			{.text = organisation_type_label(orgs[i].type)},
			{.text = organisation_role_label(orgs[i].role)},
		}, 3);
	govuk_table_end(&h);
	respond_page_end(res, &h, &pg);
}
