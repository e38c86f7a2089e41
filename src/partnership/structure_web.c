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

static int is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

const char *structure_field(struct request *req, const char *name)
{
	const char *s = params_get(&req->form, name);
	if (!s)
		return "";
	size_t len = strlen(s);
	while (len && is_space((unsigned char)*s)) {
		s++;
		len--;
	}
	while (len && is_space((unsigned char)s[len - 1]))
		len--;
	const char *out = pool_strndup(req->pool, s, len);
	return out ? out : "";
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

const char *structure_date(struct pool *pool, const char *iso)
{
	static const char *const months[] = {"January", "February", "March", "April",
					     "May", "June", "July", "August",
					     "September", "October", "November", "December"};
	if (!iso)
		return NULL;
	for (int i = 0; i < 10; i++) {
		int dash = i == 4 || i == 7;
		if (dash ? iso[i] != '-' : (iso[i] < '0' || iso[i] > '9'))
			return iso;
	}
	int month = (iso[5] - '0') * 10 + (iso[6] - '0');
	int day = (iso[8] - '0') * 10 + (iso[9] - '0');
	if (month < 1 || month > 12 || day < 1)
		return iso;
	const char *s = pool_printf(pool, "%d %s %.4s", day, months[month - 1], iso);
	return s ? s : iso;
}

void structure_done_banner(const struct request *req, struct html *h, const struct code_label *t,
			   size_t n)
{
	const char *msg = code_label_find(t, n, params_get(&req->query, "done"));
	if (msg)
		govuk_notification_banner(h, &(struct govuk_notification){.success = 1, .text = msg});
}

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
	im->explain(&h);
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
	if (rc) {
		respond_store_error(req, res, rc);
		return;
	}
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
