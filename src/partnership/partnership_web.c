/*
 * partnership_web.c: the partnership's home page.  Until sign-in exists
 * (issue 3) the home page shows the first partnership in the database, the
 * demo one on a fresh install.
 */
#include "partnership/partnership_web.h"

#include "html/html.h"
#include "html/page.h"
#include "http/request.h"
#include "partnership/partnership.h"
#include "web/respond.h"

#include <string.h>

static const char *role_label(const char *role)
{
	if (strcmp(role, "commissioner") == 0)
		return "Commissioner";
	if (strcmp(role, "provider") == 0)
		return "Provider";
	return "Commissioner and provider";
}

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
	html_lit(&h, "</h1>\n<p class=\"govuk-body-l\">The partners who plan, fund and review children's services here together.</p>\n"
		     "<table class=\"govuk-table\">\n<caption class=\"govuk-table__caption govuk-table__caption--m\">Partner organisations</caption>\n"
		     "<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">"
		     "<th scope=\"col\" class=\"govuk-table__header\">Organisation</th>"
		     "<th scope=\"col\" class=\"govuk-table__header\">Type</th>"
		     "<th scope=\"col\" class=\"govuk-table__header\">Role</th></tr></thead>\n"
		     "<tbody class=\"govuk-table__body\">\n");
	for (size_t i = 0; i < n; i++) {
		html_lit(&h, "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\">");
		html_text(&h, orgs[i].name);
		html_lit(&h, "</td><td class=\"govuk-table__cell\">");
		html_text(&h, organisation_type_label(orgs[i].type));
		html_lit(&h, "</td><td class=\"govuk-table__cell\">");
		html_text(&h, role_label(orgs[i].role));
		html_lit(&h, "</td></tr>\n");
	}
	html_lit(&h, "</tbody>\n</table>\n");
	respond_page_end(res, &h, &pg);
}
