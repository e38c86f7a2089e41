/*
 * settings_web.c: the partnership's settings page, which holds one
 * setting so far: the anonymity threshold k (round.h), the fewest
 * respondents behind any per-respondent annex, comment or group breakdown
 * the results show.  Everyone in the partnership may read it and what it
 * does; only administrators (WRITE RES_SETTINGS) change it.
 */
#include "selfanalysis/selfanalysis_web.h"

#include "audit/audit.h"
#include "auth/auth.h"
#include "core/pool.h"
#include "html/govuk.h"
#include "html/html.h"
#include "html/page.h"
#include "http/request.h"
#include "partnership/partnership.h"
#include "selfanalysis/round.h"
#include "selfanalysis/selfanalysis_page.h"
#include "web/app.h"
#include "web/respond.h"

static const char settings_explained[] =
	"Results never show one person's answers where they could be recognised. The scores of each "
	"respondent (the annex), the comments and any breakdown by respondent group are shown only when "
	"at least this many people are behind them; below that they are left out, with the reason.";

static void settings_page(struct request *req, struct response *res, const char *value,
			  const struct form_errors *errs)
{
	int k = ANONYMITY_K_DEFAULT;
	enum err rc = selfanalysis_k_get(req->db, req->user->partnership_id, &k);
	if (!respond_store_ok(req, res, rc))
		return;
	int admin = permission_allows(req->user->role, RES_SETTINGS, ACT_WRITE);
	const struct crumb crumbs[] = {{"Home", "/"}, {"Settings", NULL}};
	struct page pg = {.title = "Settings", .crumbs = crumbs, .ncrumbs = 2, .error = errs && errs->n};
	struct html h;
	respond_page_begin(req, res, &h, &pg);
	if (errs && errs->n)
		res->status = 400;
	html_lit(&h, "<div class=\"govuk-grid-row\">\n<div class=\"govuk-grid-column-two-thirds\">\n");
	govuk_error_summary(&h, errs);
	if (!(errs && errs->n))
		sa_done_banner(req, &h, (const struct code_label[]){{"changed", "Anonymity threshold changed"}}, 1);
	html_lit(&h, "<h1 class=\"govuk-heading-l\">Settings</h1>\n"
		     "<h2 class=\"govuk-heading-m\">Anonymity threshold</h2>\n<p class=\"govuk-body\">");
	html_text(&h, settings_explained);
	html_lit(&h, "</p>\n");
	if (!admin) {
		govuk_summary_list(&h, &(struct govuk_summary_list){
			.rows = &(struct govuk_summary_row){.key = "Fewest respondents shown",
							     .value = pool_printf(req->pool, "%d", k)},
			.nrows = 1});
		html_lit(&h, "<p class=\"govuk-body\">Only an administrator can change it.</p>\n");
	} else {
		html_lit(&h, "<form method=\"post\" action=\"/settings\" novalidate>\n");
		respond_csrf_field(req, res, &h);
		govuk_input(&h, &(struct govuk_input){
			.name = "anonymity_k", .label = "Fewest respondents shown", .label_class = "govuk-label--s",
			.hint = pool_printf(req->pool, "A whole number from %d to %d. %d unless changed.",
					    ANONYMITY_K_MIN, ANONYMITY_K_MAX, ANONYMITY_K_DEFAULT),
			.value = value ? value : pool_printf(req->pool, "%d", k), .inputmode = "numeric",
			.classes = "govuk-input--width-3", .spellcheck_off = 1,
			.error = form_error_for(errs, "anonymity_k")});
		govuk_button(&h, &(struct govuk_button){.text = "Save", .prevent_double_click = 1});
		html_lit(&h, "</form>\n");
	}
	html_lit(&h, "</div>\n</div>\n");
	respond_page_end(res, &h, &pg);
}

void selfanalysis_settings_form(struct request *req, struct response *res)
{
	settings_page(req, res, NULL, NULL);
}

void selfanalysis_settings(struct request *req, struct response *res)
{
	const char *value = form_text(req, "anonymity_k");
	int64_t k = record_id_parse(value);
	struct form_errors errs = {0};
	if (k < ANONYMITY_K_MIN || k > ANONYMITY_K_MAX) {
		form_errors_add(&errs, "anonymity_k",
				pool_printf(req->pool, "Enter a whole number from %d to %d",
					    ANONYMITY_K_MIN, ANONYMITY_K_MAX));
		settings_page(req, res, value, &errs);
		return;
	}
	struct actor a;
	app_actor(req, &a);
	enum err rc = selfanalysis_k_set(req->db, &a, req->user->partnership_id, (int)k);
	respond_after_write(req, res, rc, "/settings?done=changed");
}
