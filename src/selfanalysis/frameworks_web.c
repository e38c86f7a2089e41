/*
 * frameworks_web.c: the frameworks a partnership can use (the shipped
 * ones, then its own imports), each with its scale and standards folded
 * in a details component so the page stays short, and the page that
 * imports a framework from a JSON file (format in docs/frameworks.md).
 *
 * An import is refused whole, with framework_store_import's message (which
 * names the field, such as "standards[3].key: ...") in the error summary:
 * the file, not a form field, is what the person must correct.
 */
#include "selfanalysis/selfanalysis_web.h"

#include "audit/audit.h"
#include "auth/auth.h"
#include "core/pool.h"
#include "html/govuk.h"
#include "html/html.h"
#include "html/page.h"
#include "http/multipart.h"
#include "http/request.h"
#include "partnership/partnership.h"
#include "selfanalysis/framework.h"
#include "selfanalysis/round.h"
#include "selfanalysis/selfanalysis_page.h"
#include "web/app.h"
#include "web/respond.h"

/* One framework: where it comes from, its scale, its standards. */
static void framework_section(struct request *req, struct html *h, const struct framework_entry *e,
			      const struct framework *f)
{
	html_lit(h, "<h2 class=\"govuk-heading-m\">");
	html_text(h, e->title);
	html_lit(h, "</h2>\n<p class=\"govuk-body\">Identifier <code>");
	html_text(h, e->id);
	html_lit(h, "</code>. ");
	html_text(h, e->shipped ? "Shipped with the service."
				: pool_printf(req->pool, "Imported by the partnership on %s.",
					      sa_day(req->pool, e->created_at, "an unknown day")));
	html_lit(h, "</p>\n");
	if (f->source) {
		html_lit(h, "<p class=\"govuk-body-s\">");
		html_text(h, f->source);
		html_lit(h, "</p>\n");
	}
	govuk_details_begin(h, pool_printf(req->pool, "Its scale and %zu standards", f->n_standards), NULL);
	if (f->n_points > 0) {
		html_lit(h, "<p class=\"govuk-body\">");
		html_text(h, pool_printf(req->pool, "Scores from %d to %d%s%s.", f->points[0].value,
					 f->points[f->n_points - 1].value, f->half_points ? ", half points allowed" : "",
					 f->dont_know ? ", and \xe2\x80\x9c" "Don't know\xe2\x80\x9d" : ""));
		html_lit(h, "</p>\n");
	}
	html_lit(h, "<ul class=\"govuk-list\">\n");
	for (size_t i = 0; i < f->n_points; i++) {
		html_lit(h, "<li><strong>");
		html_i64(h, f->points[i].value);
		html_lit(h, "</strong>");
		if (f->points[i].label) {
			html_lit(h, ": ");
			html_text(h, f->points[i].label);
		}
		html_lit(h, "</li>\n");
	}
	html_lit(h, "</ul>\n");
	const struct govuk_cell head[] = {{.text = "Number", .numeric = 1}, {.text = "Standard"}, {.text = "Section"}};
	govuk_table_begin(h, &(struct govuk_table){
		.caption = pool_printf(req->pool, "The standards of %s", e->title),
		.caption_class = "govuk-visually-hidden", .head = head, .ncols = 3});
	for (size_t i = 0; i < f->n_standards; i++) {
		const struct framework_standard *s = &f->standards[i];
		const struct govuk_cell row[] = {
			{.text = pool_printf(req->pool, "%d", s->number), .numeric = 1},
			{.text = s->title},
			{.text = s->section ? s->section : ""},
		};
		govuk_table_row(h, row, 3);
	}
	govuk_table_end(h);
	govuk_details_end(h);
}

void frameworks_page(struct request *req, struct response *res)
{
	int64_t pid = req->user->partnership_id;
	struct framework_entry *fw = NULL;
	size_t n = 0;
	enum err rc = framework_store_list(req->db, req->pool, pid, &fw, &n);
	struct framework *f = pool_zalloc(req->pool, (n ? n : 1) * sizeof *f);
	if (!rc && !f)
		rc = E_NOMEM;
	for (size_t i = 0; !rc && i < n; i++)
		rc = framework_load(req->db, req->pool, pid, fw[i].id, &f[i]);
	if (!respond_store_ok(req, res, rc))
		return;
	struct html h;
	struct page pg;
	sa_page_begin(req, res, &h, &pg, "Frameworks", NULL, "Frameworks", 0);
	sa_done_banner(req, &h, (const struct code_label[]){{"imported", "Framework imported"}}, 1);
	html_lit(&h, "<h1 class=\"govuk-heading-l\">Frameworks</h1>\n"
		     "<p class=\"govuk-body\">A framework is the set of standards a round is scored against, "
		     "with its scale. Standards that mean the same in two frameworks share a key, so rounds on "
		     "either version of a framework can be compared.</p>\n");
	if (sa_can_write(req))
		govuk_button(&h, &(struct govuk_button){.text = "Import a framework",
							.href = "/selfanalysis/frameworks/import",
							.variant = GOVUK_BUTTON_SECONDARY});
	for (size_t i = 0; i < n; i++)
		framework_section(req, &h, &fw[i], &f[i]);
	respond_page_end(res, &h, &pg);
}

/* The import page, with the file's problem when error is set. */
static void import_page(struct request *req, struct response *res, const char *error)
{
	struct form_errors errs = {0};
	if (error)
		form_errors_add(&errs, "file", error);
	struct html h;
	struct page pg;
	sa_page_begin(req, res, &h, &pg, "Import a framework", NULL, "Import a framework", errs.n > 0);
	html_lit(&h, "<div class=\"govuk-grid-row\">\n<div class=\"govuk-grid-column-two-thirds\">\n");
	govuk_error_summary(&h, &errs);
	html_lit(&h, "<h1 class=\"govuk-heading-l\">Import a framework</h1>\n"
		     "<p class=\"govuk-body\">Another self-assessment the partnership adopts can be used for "
		     "rounds once it is imported. The file is JSON: the framework's identifier and title, its "
		     "scale (points with labels, whether half points and \xe2\x80\x9c" "Don't know\xe2\x80\x9d "
		     "are allowed) and its standards (number, key, title, and optionally a section, further "
		     "text and statements of excellence), as the service's documentation describes.</p>\n"
		     "<p class=\"govuk-body\">An imported framework cannot be changed afterwards, since rounds "
		     "name it: import a corrected file under a new identifier.</p>\n"
		     "<form method=\"post\" enctype=\"multipart/form-data\" action=\"/selfanalysis/frameworks/import\" novalidate>\n");
	respond_csrf_field(req, res, &h);
	govuk_file_upload(&h, &(struct govuk_file_upload){
		.name = "file", .label = "Upload a framework file (JSON)", .label_class = "govuk-label--m",
		.accept = ".json,application/json", .error = form_error_for(&errs, "file")});
	govuk_button(&h, &(struct govuk_button){.text = "Import framework", .prevent_double_click = 1});
	html_lit(&h, "</form>\n</div>\n</div>\n");
	respond_page_end(res, &h, &pg);
}

void framework_import_form(struct request *req, struct response *res)
{
	import_page(req, res, NULL);
}

void framework_import(struct request *req, struct response *res)
{
	const struct part *p = req->parts ? parts_get(req->parts, "file") : NULL;
	if (!p || !p->filename || p->len == 0) {
		import_page(req, res, p && p->filename && *p->filename ? "The selected file is empty"
								       : "Select a framework file");
		return;
	}
	if (p->len > FRAMEWORK_MAX_JSON) {
		import_page(req, res, pool_printf(req->pool, "The file must be smaller than %u KB",
						  FRAMEWORK_MAX_JSON / 1024));
		return;
	}
	char err[FRAMEWORK_ERR_SIZE] = "";
	struct actor a;
	app_actor(req, &a);
	enum err rc = framework_store_import(req->db, &a, req->user->partnership_id, p->data, p->len, err,
					     sizeof err);
	if (rc == E_INVAL || rc == E_TOOBIG || rc == E_CONFLICT) {
		import_page(req, res, *err ? pool_printf(req->pool, "The framework was not imported: %s", err)
					   : "The file is not a framework this service can read");
		return;
	}
	respond_after_write(req, res, rc, "/selfanalysis/frameworks?done=imported");
}
