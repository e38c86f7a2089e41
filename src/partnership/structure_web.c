/*
 * structure_web.c: see structure_web.h.  The import page lists every
 * problem in the file in one GOV.UK error summary, each linking to the
 * file field; form_errors keeps only one error per field (right for
 * forms, wrong here), so this file writes that summary itself.
 */
#include "partnership/structure_web.h"

#include <string.h>

#include "audit/audit.h"
#include "auth/auth.h"
#include "core/clock.h"
#include "core/pool.h"
#include "html/govuk.h"
#include "html/html.h"
#include "html/page.h"
#include "http/multipart.h"
#include "http/request.h"
#include "partnership/import.h"
#include "partnership/partnership.h"
#include "web/app.h"
#include "web/respond.h"

int structure_can_write(const struct request *req)
{
	return req->user && permission_allows(req->user->role, RES_STRUCTURE, ACT_WRITE);
}

/* A whole number of at most 9 digits, else -1. */
static long small_number(const char *s)
{
	long v = 0;
	size_t k = 0;
	if (!s || !*s)
		return -1;
	for (; s[k]; k++) {
		if (s[k] < '0' || s[k] > '9' || k >= 9)
			return -1;
		v = v * 10 + (s[k] - '0');
	}
	return v;
}

long structure_page_number(const struct request *req)
{
	long v = small_number(params_get(&req->query, "page"));
	return v >= 1 ? v : 1;
}

int structure_include_retired(const struct request *req)
{
	const char *v = params_get(&req->query, "include_retired");
	return v && strcmp(v, "true") == 0;
}

const char *structure_status(struct pool *pool, const char *retired_at)
{
	char day[CLOCK_DAY_SIZE];
	if (!retired_at)
		return "Current";
	return pool_printf(pool, "Retired on %s", clock_day_label(retired_at, day, sizeof day));
}

/* ---- Lists ---- */

void structure_done_banner(const struct request *req, struct html *h, const char *noun,
			   const struct code_label *extra, size_t n)
{
	static const struct code_label standard[] = {
		{"added", " added"},
		{"changed", " details changed"},
		{"retired", " retired"},
		{"reinstated", " reinstated"},
	};
	const char *done = params_get(&req->query, "done");
	const char *end = code_label_find(standard, sizeof standard / sizeof standard[0], done);
	const char *msg = end ? pool_printf(req->pool, "%s%s", noun, end) : code_label_find(extra, n, done);
	if (msg)
		govuk_notification_banner(h, &(struct govuk_notification){.success = 1, .text = msg});
}

void structure_list_actions(const struct request *req, struct html *h, const char *add_text,
			    const char *add_href, const char *import_href)
{
	if (!structure_can_write(req))
		return;
	if (!import_href) {
		govuk_button(h, &(struct govuk_button){.text = add_text, .href = add_href});
		return;
	}
	html_lit(h, "<div class=\"govuk-button-group\">\n");
	govuk_button(h, &(struct govuk_button){.text = add_text, .href = add_href});
	govuk_button(h, &(struct govuk_button){.text = "Import from CSV", .href = import_href,
					       .variant = GOVUK_BUTTON_SECONDARY});
	html_lit(h, "</div>\n");
}

void structure_retired_checkbox(struct html *h, const char *text, int checked)
{
	struct govuk_choice retired = {.value = "true", .text = text, .checked = checked};
	govuk_checkboxes(h, &(struct govuk_choices){.name = "include_retired", .items = &retired,
						    .nitems = 1, .classes = "govuk-checkboxes--small"});
}

/* ---- A record's page ---- */

void structure_retire_form(struct request *req, struct response *res, struct html *h,
			   const char *base, const char *noun, int retired)
{
	html_lit(h, "<form method=\"post\" novalidate");
	html_url(h, "action", pool_printf(req->pool, "%s/%s", base, retired ? "reinstate" : "retire"));
	html_lit(h, ">\n");
	respond_csrf_field(req, res, h);
	if (retired) {
		html_lit(h, "<h2 class=\"govuk-heading-m\">Reinstate</h2>\n<p class=\"govuk-body\">");
		html_text(h, pool_printf(req->pool,
					 "This %s is retired. Reinstating it shows it in lists and choices again.",
					 noun));
		html_lit(h, "</p>\n");
		govuk_button(h, &(struct govuk_button){
			.text = pool_printf(req->pool, "Reinstate %s", noun),
			.variant = GOVUK_BUTTON_SECONDARY, .prevent_double_click = 1});
	} else {
		html_lit(h, "<h2 class=\"govuk-heading-m\">Retire</h2>\n");
		govuk_warning_text(h, pool_printf(req->pool,
						  "Retiring this %s hides it from lists and choices. "
						  "Its history is kept and you can reinstate it later.",
						  noun));
		govuk_button(h, &(struct govuk_button){
			.text = pool_printf(req->pool, "Retire %s", noun),
			.variant = GOVUK_BUTTON_WARNING, .prevent_double_click = 1});
	}
	html_lit(h, "</form>\n");
}

struct govuk_option *structure_code_options(struct pool *pool, const struct code_label *t,
					    size_t n, const char *any)
{
	struct govuk_option *o = pool_alloc(pool, (n + 1) * sizeof *o);
	size_t k = 0;
	if (!o)
		return NULL;
	if (any)
		o[k++] = (struct govuk_option){.value = "", .text = any};
	for (size_t i = 0; i < n; i++)
		o[k++] = (struct govuk_option){.value = t[i].code, .text = t[i].label};
	return o;
}

struct govuk_choice *structure_code_choices(struct pool *pool, const struct code_label *t,
					    size_t n, const struct code_label *hints,
					    size_t nhints)
{
	struct govuk_choice *c = pool_zalloc(pool, (n ? n : 1) * sizeof *c);
	if (!c)
		return NULL;
	for (size_t i = 0; i < n; i++)
		c[i] = (struct govuk_choice){.value = t[i].code, .text = t[i].label,
					     .hint = code_label_find(hints, nhints, t[i].code)};
	return c;
}

struct govuk_option *structure_organisation_options(struct pool *pool,
						    const struct organisation *orgs, size_t n)
{
	struct govuk_option *o = pool_alloc(pool, (n + 1) * sizeof *o);
	if (!o)
		return NULL;
	o[0] = (struct govuk_option){.value = "", .text = "Choose an organisation"};
	for (size_t i = 0; i < n; i++)
		o[i + 1] = (struct govuk_option){.value = form_option_value(pool, orgs[i].id),
						 .text = orgs[i].name};
	return o;
}

/* ---- Add and change ---- */

void structure_form_begin(struct request *req, struct response *res, struct html *h,
			  struct page *pg, const struct structure_form *f)
{
	int errors = f->errs && f->errs->n;
	struct crumb *crumbs = pool_alloc(req->pool, 4 * sizeof *crumbs);
	size_t nc = 0;
	if (crumbs) {
		crumbs[nc++] = (struct crumb){"Home", "/"};
		crumbs[nc++] = (struct crumb){f->list_text, f->list_href};
		if (f->name)
			crumbs[nc++] = (struct crumb){f->name, f->self};
		crumbs[nc++] = (struct crumb){f->name ? "Change" : "Add", NULL};
	}
	*pg = (struct page){.title = f->title, .nav_active = f->list_href, .crumbs = crumbs,
			    .ncrumbs = nc, .error = errors};
	respond_page_begin(req, res, h, pg);
	if (errors)
		res->status = 400;
	html_lit(h, "<div class=\"govuk-grid-row\">\n<div class=\"govuk-grid-column-two-thirds\">\n");
	govuk_error_summary(h, f->errs);
	if (f->name) {
		html_lit(h, "<span class=\"govuk-caption-l\">");
		html_text(h, f->name);
		html_lit(h, "</span>\n");
	}
	html_lit(h, "<h1 class=\"govuk-heading-l\">");
	html_text(h, f->title);
	html_lit(h, "</h1>\n<form method=\"post\" novalidate");
	html_url(h, "action", f->name ? pool_printf(req->pool, "%s/edit", f->self)
				     : pool_printf(req->pool, "%s/new", f->list_href));
	html_lit(h, ">\n");
	respond_csrf_field(req, res, h);
}

void structure_form_end(struct response *res, struct html *h, struct page *pg,
			const struct structure_form *f)
{
	html_lit(h, "<div class=\"govuk-button-group\">\n");
	govuk_button(h, &(struct govuk_button){.text = f->name ? "Save changes" : f->submit,
					       .prevent_double_click = 1});
	html_lit(h, "<a class=\"govuk-link\"");
	html_url(h, "href", f->name ? f->self : f->list_href);
	html_lit(h, ">Cancel</a>\n</div>\n</form>\n</div>\n</div>\n");
	respond_page_end(res, h, pg);
}

/* ---- JSON API ---- */

int structure_api_include_retired(struct request *req, struct response *res)
{
	const char *v = params_get(&req->query, "include_retired");
	if (v && strcmp(v, "true") != 0 && strcmp(v, "false") != 0) {
		respond_error(req, res, 400, "include_retired must be true or false");
		return -1;
	}
	return v && strcmp(v, "true") == 0;
}

int structure_api_code(struct request *req, struct response *res, const char *name,
		       const char *value, const struct code_label *t, size_t n)
{
	if (!value || !*value || code_label_find(t, n, value))
		return 1;
	const char *codes = code_label_codes(req->pool, t, n, ", ");
	respond_error(req, res, 400, codes ? pool_printf(req->pool, "%s must be one of %s", name, codes) : NULL);
	return 0;
}

void structure_api_error(struct request *req, struct response *res, enum err rc)
{
	if (rc == E_INVAL)
		respond_error(req, res, 400, "q must be at most 255 characters, without control characters");
	else
		respond_store_error(req, res, rc);
}

/* A query parameter that must be a whole number from min to max: 1 with
 * *out (def when missing), else answers 400 and returns 0. */
static int api_number(struct request *req, struct response *res, const char *name, long def,
		      long min, long max, size_t *out)
{
	const char *s = params_get(&req->query, name);
	long v = s ? small_number(s) : def;
	if (v < min || v > max) {
		respond_error(req, res, 400, pool_printf(req->pool, "%s must be a whole number from %ld to %ld",
							 name, min, max));
		return 0;
	}
	*out = (size_t)v;
	return 1;
}

int structure_api_paging(struct request *req, struct response *res, struct structure_api_page *pg)
{
	return api_number(req, res, "limit", STRUCTURE_API_LIMIT_DEFAULT, 1, STRUCTURE_API_LIMIT_MAX,
			  &pg->limit) &&
	       api_number(req, res, "offset", 0, 0, STRUCTURE_API_OFFSET_MAX, &pg->offset);
}

void structure_api_list(struct response *res, json_t *data, size_t total,
			const struct structure_api_page *pg)
{
	/* No object (no memory) leaves the body failed: a 500. */
	respond_json(res, 200, data ? json_pack("{s:o, s:I, s:I, s:I}", "data", data,
						 "total", (json_int_t)total, "limit", (json_int_t)pg->limit,
						 "offset", (json_int_t)pg->offset)
				    : NULL);
}

/* ---- CSV import ---- */

/* "Row 3, column type: ...": the store's wording with a capital. */
static const char *error_line(struct pool *pool, const struct import_error *e)
{
	char *s = (char *)import_error_text(pool, e);
	if (!s)
		return e->message;
	if (*s >= 'a' && *s <= 'z')
		*s = (char)(*s - 'a' + 'A');
	return s;
}

/* The GOV.UK error summary, one entry per problem, each linking to the
 * file field (the one place the person can put it right). */
static void import_error_summary(struct html *h, struct pool *pool, const struct import_result *r,
				 const char *only)
{
	html_lit(h, "<div class=\"govuk-error-summary\" data-module=\"govuk-error-summary\">\n"
		    "<div role=\"alert\">\n"
		    "<h2 class=\"govuk-error-summary__title\">There is a problem</h2>\n"
		    "<div class=\"govuk-error-summary__body\">\n");
	if (r && r->nerrors)
		html_lit(h, "<p class=\"govuk-body\">Nothing was imported. Correct these problems in the file and upload it again.</p>\n");
	html_lit(h, "<ul class=\"govuk-list govuk-error-summary__list\">\n");
	size_t n = r ? r->nerrors : 0;
	for (size_t i = 0; i < n; i++) {
		html_lit(h, "<li><a href=\"#file\">");
		html_text(h, error_line(pool, &r->errors[i]));
		html_lit(h, "</a></li>\n");
	}
	if (r && r->more_errors)
		html_lit(h, "<li>There are more problems than these. Correct these first, then upload the file again to see the rest.</li>\n");
	if (!n) {
		html_lit(h, "<li><a href=\"#file\">");
		html_text(h, only);
		html_lit(h, "</a></li>\n");
	}
	html_lit(h, "</ul>\n</div>\n</div>\n</div>\n");
}

/* What the file must hold: the header line, then each column in a summary
 * list, with the codes a column takes. */
static void import_explain(struct request *req, struct html *h, const struct structure_import *im)
{
	const char *header = "";
	for (size_t i = 0; header && i < im->ncolumns; i++)
		header = pool_printf(req->pool, "%s%s%s", header, i ? "," : "", im->columns[i].name);
	html_lit(h, "<h2 class=\"govuk-heading-m\">What the file must contain</h2>\n"
		    "<p class=\"govuk-body\">The first line names the columns:</p>\n"
		    "<pre class=\"govuk-body govuk-!-font-weight-bold\">");
	html_text(h, header);
	html_lit(h, "</pre>\n<p class=\"govuk-body\">");
	html_text(h, pool_printf(req->pool, "%s Then one line for each %s.", im->optional, im->one));
	html_lit(h, "</p>\n<dl class=\"govuk-summary-list\">\n");
	for (size_t i = 0; i < im->ncolumns; i++) {
		const struct structure_import_column *c = &im->columns[i];
		html_lit(h, "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">");
		html_text(h, c->name);
		html_lit(h, "</dt><dd class=\"govuk-summary-list__value\">");
		html_text(h, c->text);
		if (c->codes) {
			const struct code_label *t = *c->codes;
			html_lit(h, "<ul class=\"govuk-list\">\n");
			for (size_t k = 0; k < *c->ncodes; k++) {
				html_lit(h, "<li><code>");
				html_text(h, t[k].code);
				html_lit(h, "</code> – ");
				html_text(h, c->code_text ? c->code_text(t[k].code) : t[k].label);
				html_lit(h, "</li>\n");
			}
			html_lit(h, "</ul>");
		}
		html_lit(h, "</dd></div>\n");
	}
	html_lit(h, "</dl>\n");
}

/* The page, with its errors when file_error is set (r may be NULL). */
static void import_page(struct request *req, struct response *res, const struct structure_import *im,
			const struct import_result *r, const char *file_error)
{
	struct crumb crumbs[] = {{"Home", "/"}, {im->list_title, im->list_href}, {"Import", NULL}};
	struct page pg = {.title = im->title, .nav_active = im->list_href, .crumbs = crumbs,
			  .ncrumbs = 3, .error = file_error != NULL};
	struct html h;
	respond_page_begin(req, res, &h, &pg);
	if (file_error)
		res->status = 400;
	html_lit(&h, "<div class=\"govuk-grid-row\">\n<div class=\"govuk-grid-column-two-thirds\">\n");
	if (file_error)
		import_error_summary(&h, req->pool, r, file_error);
	html_lit(&h, "<h1 class=\"govuk-heading-l\">");
	html_text(&h, im->title);
	html_lit(&h, "</h1>\n<p class=\"govuk-body\">");
	html_text(&h, pool_printf(req->pool,
				  "Use a CSV file to add many %s at once. Every row is checked first: if any "
				  "row has a problem, nothing is added and you will see a list of what to correct.",
				  im->many));
	html_lit(&h, "</p>\n");
	import_explain(req, &h, im);
	html_lit(&h, "<form method=\"post\" enctype=\"multipart/form-data\" novalidate");
	html_url(&h, "action", im->path);
	html_lit(&h, ">\n");
	respond_csrf_field(req, res, &h);
	govuk_file_upload(&h, &(struct govuk_file_upload){
		.name = "file", .label = "Upload a CSV file", .label_class = "govuk-label--m",
		.accept = ".csv,text/csv", .error = file_error});
	govuk_button(&h, &(struct govuk_button){.text = pool_printf(req->pool, "Import %s", im->many),
						.prevent_double_click = 1});
	html_lit(&h, "</form>\n</div>\n</div>\n");
	respond_page_end(res, &h, &pg);
}

void structure_import_form(struct request *req, struct response *res,
			   const struct structure_import *im)
{
	import_page(req, res, im, NULL, NULL);
}

void structure_import_post(struct request *req, struct response *res,
			   const struct structure_import *im)
{
	const struct part *p = req->parts ? parts_get(req->parts, "file") : NULL;
	if (!p || !p->filename || (!*p->filename && p->len == 0)) {
		import_page(req, res, im, NULL, "Select a CSV file");
		return;
	}
	if (p->len == 0) {
		import_page(req, res, im, NULL, "The selected file is empty");
		return;
	}
	struct import_result *r = pool_zalloc(req->pool, sizeof *r);
	if (!r) {
		respond_store_error(req, res, E_NOMEM);
		return;
	}
	struct actor a;
	app_actor(req, &a);
	enum err rc = im->run(req->db, req->pool, &a, req->user->partnership_id, p->data, p->len, r);
	if (rc == E_INVAL) {
		import_page(req, res, im, r, r->nerrors ? "The file has problems: nothing was imported"
							: "The selected file could not be imported");
		return;
	}
	if (!respond_store_ok(req, res, rc))
		return;
	respond_redirect(req, res, pool_printf(req->pool, "%s?done=imported&n=%zu", im->list_href, r->added));
}

void structure_import_banner(const struct request *req, struct html *h,
			     const struct structure_import *im)
{
	const char *done = params_get(&req->query, "done");
	long n = small_number(params_get(&req->query, "n"));
	if (!done || strcmp(done, "imported") != 0 || n < 0)
		return;
	const char *text = n == 0 ? pool_printf(req->pool, "The file had no rows, so no %s were added", im->many)
				  : pool_printf(req->pool, "%ld %s added", n, n == 1 ? im->one : im->many);
	if (text)
		govuk_notification_banner(h, &(struct govuk_notification){.success = 1, .text = text});
}
