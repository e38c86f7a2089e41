/*
 * compare_web.c: two rounds of the partnership side by side, standard by
 * standard (round_compare in results.h matches standards by key, so the
 * two versions of the CSP framework compare).
 *
 * The round in the URL is compared with ?with=ID, a select of the
 * partnership's other rounds (the previous round when none is chosen).
 * Whichever opened first is the earlier round and comes first everywhere,
 * whatever the URL says, so "change" always reads forwards in time.  The
 * verdict in words, the p-value's text and the caveat about testing many
 * standards are results.h's, which never claim more than the figures
 * support.  A round whose figures are not shown (fewer than k interviews)
 * has no dots and no counts here either.
 */
#include "selfanalysis/selfanalysis_web.h"

#include <string.h>

#include "auth/auth.h"
#include "core/pool.h"
#include "html/govuk.h"
#include "html/html.h"
#include "html/page.h"
#include "http/request.h"
#include "selfanalysis/results.h"
#include "selfanalysis/results_chart.h"
#include "selfanalysis/selfanalysis_page.h"
#include "web/respond.h"

/* "p" as every format shows it (results_p_text), in the pool. */
static const char *p_text(struct pool *pool, double p)
{
	char b[RESULTS_P_SIZE];
	return pool_strdup(pool, results_p_text(p, b));
}

static const char *method_text(struct pool *pool, const struct comparison *c)
{
	if (c->method == COMPARE_EXACT)
		return "Exact";
	return pool_printf(pool, "Permutation (%llu)", (unsigned long long)c->permutations);
}

/* The column of round d's standard numbered number, or NULL when its
 * framework lacks it or the round's figures are not shown (allowed). */
static const struct score *column(struct pool *pool, const struct round_data *d, int number,
				  bool allowed)
{
	const struct framework_standard *s =
		number && allowed ? framework_find_number(&d->fw, number) : NULL;
	struct score *col = s ? pool_alloc(pool, (d->n_responses ? d->n_responses : 1) * sizeof *col) : NULL;
	if (col)
		round_data_column(d, (size_t)(s - d->fw.standards), col);
	return col;
}

static void compare_chart(struct request *req, struct html *h, const struct round_comparison *c)
{
	struct chart_row *rows = pool_zalloc(req->pool, (c->n ? 2 * c->n : 1) * sizeof *rows);
	if (!rows)
		return;
	for (size_t i = 0; i < c->n; i++) {
		const struct standard_comparison *sc = &c->rows[i];
		/* Labelled by the later framework's number, as the table is; a
		 * standard only one round has says so. */
		const struct score *ca = column(req->pool, c->a, sc->number_a, c->a_allowed);
		const struct score *cb = column(req->pool, c->b, sc->number_b, c->b_allowed);
		const char *la = !sc->number_a ? "Not in earlier"
				 : sc->number_b ? pool_printf(req->pool, "%d, earlier", sc->number_b)
				 : pool_printf(req->pool, "Earlier only: %d", sc->number_a);
		const char *lb = sc->number_b ? pool_printf(req->pool, "%d, later", sc->number_b) : "Not in later";
		rows[2 * i] = (struct chart_row){.label = la,
						 .cells = ca, .n = ca ? c->a->n_responses : 0, .hollow = true,
						 .has_mean = sc->a.has_mean, .mean = sc->a.mean};
		rows[2 * i + 1] = (struct chart_row){.label = lb,
						     .cells = cb, .n = cb ? c->b->n_responses : 0,
						     .has_mean = sc->b.has_mean, .mean = sc->b.mean};
	}
	html_lit(h, "<figure class=\"app-chart\">\n<figcaption id=\"chart-caption\" class=\"govuk-body\">");
	html_text(h, "Every score given to each standard in the two rounds: open circles are the earlier "
		     "round, filled circles the later; dots at the same score are stacked and the vertical "
		     "line marks the mean. The table under it counts the same dots; the table below "
		     "gives the figures.");
	html_lit(h, "</figcaption>\n");
	const struct chart chart = {.labelledby = "chart-caption", .describedby = "chart-table",
				    .min = c->b->scale.min, .max = c->b->scale.max, .rows = rows,
				    .nrows = 2 * c->n, .group = 2};
	chart_svg(h, req->pool, &chart);
	chart_details_table(h, req->pool, &chart);
	html_lit(h, "</figure>\n");
}

static void compare_table(struct request *req, struct html *h, const struct round_comparison *c)
{
	const struct govuk_cell head[] = {
		{.text = "Standard"}, {.text = "Scores earlier (n)", .numeric = 1},
		{.text = "Scores later (n)", .numeric = 1}, {.text = "Mean earlier", .numeric = 1},
		{.text = "Mean later", .numeric = 1}, {.text = "Change in mean", .numeric = 1},
		{.text = "Chance a later score is higher", .numeric = 1}, {.text = "p", .numeric = 1},
		{.text = "Method"}, {.text = "What it shows"},
	};
	sa_table_begin(h, "compare-table", &(struct govuk_table){
		.caption = "Each standard in the earlier and the later round", .head = head, .ncols = 10});
	for (size_t i = 0; i < c->n; i++) {
		const struct standard_comparison *r = &c->rows[i];
		struct sa_stats_text ta, tb;
		sa_stats_text(req->pool, &r->a, &ta);
		sa_stats_text(req->pool, &r->b, &tb);
		const char *dash = "\xe2\x80\x93";
		const char *numbers = r->number_a && r->number_b && r->number_a != r->number_b
					      ? pool_printf(req->pool, " (number %d earlier)", r->number_a)
					      : "";
		const struct govuk_cell row[] = {
			{.text = pool_printf(req->pool, "%d. %s%s", r->number_b ? r->number_b : r->number_a,
					     r->title, numbers), .header = 1},
			{.text = r->number_a && c->a_allowed ? pool_printf(req->pool, "%zu", r->a.n) : dash,
			 .numeric = 1},
			{.text = r->number_b && c->b_allowed ? pool_printf(req->pool, "%zu", r->b.n) : dash,
			 .numeric = 1},
			{.text = ta.mean, .numeric = 1},
			{.text = tb.mean, .numeric = 1},
			{.text = r->compared ? pool_printf(req->pool, "%s%s", r->cmp.mean_change > 0.005 ? "+" : "",
							   sa_decimal(req->pool, r->cmp.mean_change)) : dash,
			 .numeric = 1},
			{.text = r->compared ? sa_decimal(req->pool, r->cmp.superiority) : dash, .numeric = 1},
			{.text = r->compared ? p_text(req->pool, r->cmp.p_value) : dash, .numeric = 1},
			{.text = r->compared ? method_text(req->pool, &r->cmp) : dash},
			{.text = r->words},
		};
		govuk_table_row(h, row, 10);
	}
	sa_table_end(h);
	if (c->caveat) {
		html_lit(h, "<div class=\"govuk-inset-text\" id=\"compare-caveat\">");
		html_text(h, c->caveat);
		html_lit(h, "</div>\n");
	}
	govuk_details_begin(h, "How the rounds are compared", NULL);
	html_lit(h, "<p class=\"govuk-body\">For each standard, the chance a later score is higher is the share "
		    "of all pairs of one earlier and one later score in which the later score is higher, with "
		    "ties counted as half: 0.50 means no difference. The p figure says how often a difference at "
		    "least this large would arise by chance if nothing had changed: all the ways of splitting the "
		    "scores between the rounds are counted when there are few (exact), otherwise 10,000 random "
		    "splits, the same on every run (permutation). A change is called higher or lower only when p "
		    "is below 0.05.</p>\n");
	govuk_details_end(h);
}

void round_compare_page(struct request *req, struct response *res)
{
	int64_t pid = req->user->partnership_id;
	struct round r, prev, *all = NULL;
	size_t n = 0;
	if (!sa_round_load(req, res, &r))
		return;
	enum err rc = round_list(req->db, req->pool, pid, &all, &n);
	if (!respond_store_ok(req, res, rc))
		return;
	const char *with_text = params_get(&req->query, "with");
	int64_t with = with_text && *with_text ? record_id_parse(with_text) : 0;
	struct form_errors errs = {0};
	if (with == 0 && !with_text && round_previous(req->db, req->pool, pid, r.id, &prev) == E_OK)
		with = prev.id;
	int found = 0;
	for (size_t i = 0; with > 0 && i < n; i++)
		found |= all[i].id == with;
	if (with < 0 || (with > 0 && !found)) {
		respond_error(req, res, 404, NULL);
		return;
	}
	if (with_text && !*with_text && n > 1)
		form_errors_add(&errs, "with", "Select a round to compare with");
	if (with == r.id) {
		form_errors_add(&errs, "with", "Choose a different round to compare with");
		with = 0;
	}
	struct round_data a, b;
	struct round_comparison cmp;
	if (with > 0 && !respond_store_ok(req, res, sa_compare_load(req, r.id, with, &a, &b, &cmp)))
		return;

	struct govuk_option *opts = pool_alloc(req->pool, (n + 1) * sizeof *opts);
	if (!opts) {
		respond_store_error(req, res, E_NOMEM);
		return;
	}
	size_t no = 0;
	opts[no++] = (struct govuk_option){.value = "", .text = "Choose a round"};
	for (size_t i = 0; i < n; i++)
		if (all[i].id != r.id)
			opts[no++] = (struct govuk_option){.value = form_option_value(req->pool, all[i].id),
							   .text = all[i].name};
	struct html h;
	struct page pg;
	sa_page_begin(req, res, &h, &pg, pool_printf(req->pool, "Compare: %s", r.name), &r, "Compare", errs.n > 0);
	govuk_error_summary(&h, &errs);
	html_lit(&h, "<span class=\"govuk-caption-l\">");
	html_text(&h, r.name);
	html_lit(&h, "</span>\n<h1 class=\"govuk-heading-l\">Compare with another round</h1>\n");
	if (no == 1) {
		html_lit(&h, "<p class=\"govuk-body\">The partnership has no other round to compare with yet.</p>\n");
		respond_page_end(res, &h, &pg);
		return;
	}
	html_lit(&h, "<form method=\"get\" novalidate");
	html_url(&h, "action", sa_round_href(req->pool, r.id, "/compare"));
	html_lit(&h, ">\n");
	govuk_select(&h, &(struct govuk_select){.name = "with", .label = "Round to compare with",
						.label_class = "govuk-label--s",
						.hint = "Whichever round opened first is shown as the earlier one",
						.value = with > 0 ? form_option_value(req->pool, with) : "",
						.options = opts, .noptions = no, .error = form_error_for(&errs, "with")});
	govuk_button(&h, &(struct govuk_button){.text = "Compare", .variant = GOVUK_BUTTON_SECONDARY});
	html_lit(&h, "</form>\n");
	if (with > 0) {
		html_lit(&h, "<dl class=\"govuk-summary-list\">\n");
		const struct round_data *pair[2] = {&a, &b};
		for (int i = 0; i < 2; i++) {
			const struct round *x = &pair[i]->round;
			html_lit(&h, "<div class=\"govuk-summary-list__row\">\n<dt class=\"govuk-summary-list__key\">");
			html_text(&h, i == 0 ? "Earlier round" : "Later round");
			html_lit(&h, "</dt>\n<dd class=\"govuk-summary-list__value\"><a class=\"govuk-link\"");
			html_url(&h, "href", sa_round_href(req->pool, x->id, "/results"));
			html_lit(&h, ">");
			html_text(&h, x->name);
			html_lit(&h, "</a>");
			html_text(&h, pool_printf(req->pool, ": %s, %s, %zu %s", pair[i]->fw.title,
						  sa_dates(req->pool, x), pair[i]->n_responses,
						  pair[i]->n_responses == 1 ? "response" : "responses"));
			html_lit(&h, "</dd>\n</div>\n");
		}
		html_lit(&h, "</dl>\n");
		compare_chart(req, &h, &cmp);
		compare_table(req, &h, &cmp);
	}
	respond_page_end(res, &h, &pg);
}
