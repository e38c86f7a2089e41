/*
 * results_web.c: a round's results page, the selection of comments for
 * the board paper, and the board paper's download.  The comparison of two
 * rounds is in compare_web.c.
 *
 * Every figure and every word comes from results.h, so the page says what
 * the CLI, the API and the board paper say.  The page shows, in order: the
 * chart of every score (an image described by the summary table, which is
 * its accessible alternative), the summary table highest mean first with
 * the highest and lowest named in words, any stated averages that do not
 * match, the breakdown by group, the per-respondent annex and the
 * comments.  The last three appear only when results.h says enough people
 * are behind them; otherwise the page says why, in its words.  An
 * interview round with fewer than k responses shows none of it: only the
 * count and results.h's reason.  A group round's annex is its agreed
 * scores as entered ("1 / 2"), which the summary's midpoint cannot show.
 */
#include "selfanalysis/selfanalysis_web.h"

#include <string.h>

#include "audit/audit.h"
#include "auth/auth.h"
#include "core/pool.h"
#include "html/govuk.h"
#include "html/html.h"
#include "html/page.h"
#include "http/request.h"
#include "partnership/partnership.h"
#include "selfanalysis/invitation.h"
#include "selfanalysis/invitation_web.h"
#include "selfanalysis/report.h"
#include "selfanalysis/results.h"
#include "selfanalysis/results_chart.h"
#include "selfanalysis/selfanalysis_page.h"
#include "web/app.h"
#include "web/respond.h"

#define HIDDEN_NO_ANSWER "<span class=\"govuk-visually-hidden\">No answer</span>"

/* A body cell of figures, right-aligned. */
static void td(struct html *h, const char *text)
{
	html_lit(h, "<td class=\"govuk-table__cell govuk-table__cell--numeric\">");
	html_text(h, text);
	html_lit(h, "</td>\n");
}

static const char *standard_label(struct pool *pool, const struct framework_standard *s)
{
	return pool_printf(pool, "%d. %s", s->number, s->title);
}

/* ---- The chart and the summary table ---- */

static void results_chart(struct request *req, struct html *h, const struct round_results *rr)
{
	const struct round_data *d = rr->data;
	struct chart_row *rows = pool_zalloc(req->pool, (rr->n ? rr->n : 1) * sizeof *rows);
	if (!rows)
		return;
	for (size_t i = 0; i < rr->n; i++) {
		size_t s = rr->order[i];
		struct score *col = pool_alloc(req->pool, (d->n_responses ? d->n_responses : 1) * sizeof *col);
		if (!col)
			return;
		round_data_column(d, s, col);
		const struct standard_stats *st = &rr->standards[s].stats;
		rows[i] = (struct chart_row){.label = pool_printf(req->pool, "Standard %d", rr->standards[s].standard->number),
					     .cells = col, .n = d->n_responses, .has_mean = st->has_mean,
					     .mean = st->mean};
	}
	html_lit(h, "<figure class=\"app-chart\">\n<figcaption id=\"chart-caption\" class=\"govuk-body\">");
	html_text(h, "Every score given to each standard, highest mean first: each dot is one score, "
		     "dots at the same score are stacked, and the vertical line marks the mean. "
		     "\xe2\x80\x9c" "Don't know\xe2\x80\x9d and no answer are not scores, so they are not drawn. "
		     "The table under it counts the same dots; the summary table gives the figures.");
	html_lit(h, "</figcaption>\n");
	const struct chart c = {.labelledby = "chart-caption", .describedby = "chart-table",
				.min = d->scale.min, .max = d->scale.max, .rows = rows, .nrows = rr->n,
				.group = 1};
	chart_svg(h, req->pool, &c);
	chart_details_table(h, req->pool, &c);
	html_lit(h, "</figure>\n");
}

static void summary_table(struct request *req, struct html *h, const struct round_results *rr)
{
	int actions = permission_allows(req->user->role, RES_ACTIONS, ACT_WRITE);
	const struct govuk_cell head[] = {
		{.text = "Rank", .numeric = 1}, {.text = "Standard"}, {.text = "Scores (n)", .numeric = 1},
		{.text = "Don't know", .numeric = 1}, {.text = "No answer", .numeric = 1},
		{.text = "Mean", .numeric = 1}, {.text = "Median", .numeric = 1},
		{.text = "Quartiles", .numeric = 1}, {.text = "Range", .numeric = 1},
		{.text = "Standard deviation", .numeric = 1}, {.text = "Agreement (rwg)", .numeric = 1},
		{.text = "Action"},
	};
	sa_table_begin(h, "summary-table", &(struct govuk_table){
		.caption = "Scores for each standard, highest mean first", .head = head, .ncols = actions ? 12 : 11});
	for (size_t i = 0; i < rr->n; i++) {
		const struct standard_result *sr = &rr->standards[rr->order[i]];
		struct sa_stats_text t;
		sa_stats_text(req->pool, &sr->stats, &t);
		html_lit(h, "<tr class=\"govuk-table__row\">\n");
		td(h, sr->rank ? pool_printf(req->pool, "%d", sr->rank) : "Not ranked");
		html_lit(h, "<th scope=\"row\" class=\"govuk-table__header app-results-table__standard\">");
		html_text(h, standard_label(req->pool, sr->standard));
		if (sr->highest) {
			html_lit(h, " ");
			govuk_tag(h, "Highest", GOVUK_TAG_GREEN);
		}
		if (sr->lowest) {
			html_lit(h, " ");
			govuk_tag(h, "Lowest", GOVUK_TAG_ORANGE);
		}
		html_lit(h, "</th>\n");
		td(h, pool_printf(req->pool, "%zu", sr->stats.n));
		td(h, pool_printf(req->pool, "%zu", sr->stats.dont_know));
		td(h, pool_printf(req->pool, "%zu", sr->stats.no_answer));
		td(h, t.mean);
		td(h, t.median);
		td(h, t.quartiles);
		td(h, t.range);
		td(h, t.sd);
		td(h, t.rwg);
		if (actions) {
			html_lit(h, "<td class=\"govuk-table__cell\"><a class=\"govuk-link\"");
			html_url(h, "href", pool_printf(req->pool, "/actions/new?round=%lld&standard=%s",
							 (long long)rr->data->round.id, sr->standard->key));
			html_lit(h, ">Add an action<span class=\"govuk-visually-hidden\"> for standard ");
			html_i64(h, sr->standard->number);
			html_lit(h, "</span></a></td>\n");
		}
		html_lit(h, "</tr>\n");
	}
	sa_table_end(h);
	govuk_details_begin(h, "What the columns mean", NULL);
	html_lit(h, "<p class=\"govuk-body\">Scores (n) counts the scores given; \xe2\x80\x9c" "Don't know\xe2\x80\x9d "
		    "and no answer are counted apart and never as scores. A score between two points, such as "
		    "2 / 3, counts as its midpoint. The median and quartiles are the middle score and the scores "
		    "a quarter and three quarters of the way up, as a spreadsheet's QUARTILE.INC gives them; the "
		    "range is the lowest and the highest score.</p>\n"
		    "<p class=\"govuk-body\">Agreement (rwg) is 1 when everyone gave the same score and 0 when "
		    "the scores are as spread as they would be if people answered at random. It needs at least "
		    "two scores. Equal means share a rank.</p>\n");
	govuk_details_end(h);
}

/* Stated averages, where the source gave them. */
static void stated_table(struct request *req, struct html *h, const struct round_results *rr)
{
	size_t n = 0, mismatches = 0;
	for (size_t s = 0; s < rr->n; s++)
		if (rr->standards[s].stated) {
			n++;
			mismatches += rr->standards[s].check.mismatch;
		}
	if (n == 0)
		return;
	html_lit(h, "<h2 class=\"govuk-heading-m\" id=\"stated\">Stated averages</h2>\n<p class=\"govuk-body\">");
	html_text(h, mismatches == 0
			     ? "Every average the imported paper stated matches the mean worked out again from its scores."
			     : pool_printf(req->pool, "%zu of the averages the imported paper stated %s not match the mean "
						      "worked out again from its scores.",
					   mismatches, mismatches == 1 ? "does" : "do"));
	html_lit(h, "</p>\n");
	const struct govuk_cell head[] = {{.text = "Standard"}, {.text = "Stated", .numeric = 1},
					  {.text = "Worked out again", .numeric = 1}, {.text = "Check"}};
	govuk_table_begin(h, &(struct govuk_table){.caption = "Stated averages and the means worked out again",
						   .caption_class = "govuk-visually-hidden", .head = head, .ncols = 4});
	for (size_t s = 0; s < rr->n; s++) {
		const struct standard_result *sr = &rr->standards[s];
		if (!sr->stated)
			continue;
		struct sa_stats_text t;
		sa_stats_text(req->pool, &sr->stats, &t);
		const struct govuk_cell row[] = {
			{.text = standard_label(req->pool, sr->standard), .header = 1},
			{.text = sr->stated, .numeric = 1},
			{.text = t.mean, .numeric = 1},
			{.text = sr->check.mismatch ? pool_printf(req->pool, "Does not match. %s", sr->check.note)
						    : "Matches"},
		};
		govuk_table_row(h, row, 4);
	}
	govuk_table_end(h);
}

/* ---- What only k respondents may show ---- */

static void groups_section(struct request *req, struct html *h, const struct round_results *rr)
{
	const struct round_data *d = rr->data;
	struct group_result *g = NULL;
	size_t n = 0, suppressed = 0;
	if (results_groups(d, req->pool, &g, &n, &suppressed) || (n == 0 && suppressed == 0))
		return;
	html_lit(h, "<h2 class=\"govuk-heading-m\" id=\"groups\">By respondent group</h2>\n");
	if (suppressed) {
		html_lit(h, "<p class=\"govuk-body\">");
		html_text(h, results_groups_suppressed_text(req->pool, suppressed, d->k));
		html_lit(h, "</p>\n");
	}
	if (n == 0)
		return;
	struct govuk_cell *head = pool_zalloc(req->pool, (n + 1) * sizeof *head);
	if (!head)
		return;
	head[0] = (struct govuk_cell){.text = "Standard"};
	for (size_t i = 0; i < n; i++)
		head[i + 1] = (struct govuk_cell){
			.text = pool_printf(req->pool, "%s (%zu people)", g[i].grp, g[i].n_respondents), .numeric = 1};
	sa_table_begin(h, "groups-table", &(struct govuk_table){.caption = "Mean score of each group", .head = head,
							      .ncols = n + 1});
	struct govuk_cell *row = pool_zalloc(req->pool, (n + 1) * sizeof *row);
	for (size_t s = 0; row && s < d->fw.n_standards; s++) {
		row[0] = (struct govuk_cell){.text = standard_label(req->pool, &d->fw.standards[s]), .header = 1};
		for (size_t i = 0; i < n; i++) {
			struct sa_stats_text t;
			sa_stats_text(req->pool, &g[i].stats[s], &t);
			row[i + 1] = (struct govuk_cell){.text = t.mean, .numeric = 1};
		}
		govuk_table_row(h, row, n + 1);
	}
	sa_table_end(h);
}

/* Every respondent's scores, by anonymous number; a group's agreed
 * scores as entered. */
static void annex_section(struct request *req, struct html *h, const struct round_results *rr)
{
	const struct round_data *d = rr->data;
	int group = d->round.mode == ROUND_GROUP;
	html_lit(h, "<h2 class=\"govuk-heading-m\" id=\"annex\">");
	html_text(h, group ? "Agreed scores as entered" : "Scores of each respondent");
	html_lit(h, "</h2>\n");
	if (!rr->annex_allowed) {
		html_lit(h, "<p class=\"govuk-body\">");
		html_text(h, results_suppressed_text(req->pool, d->n_responses, d->k));
		html_lit(h, "</p>\n");
		return;
	}
	html_lit(h, "<p class=\"govuk-body\">");
	html_text(h, group ? "The scores the group agreed, as they were entered: a score between two points, "
			     "such as 1 / 2, is shown as it was agreed, while the summary counts it as its midpoint."
			   : "Respondents are numbered in an order that says nothing about who they are or when "
			     "they answered.");
	html_lit(h, "</p>\n");
	struct govuk_cell *head = pool_zalloc(req->pool, (d->fw.n_standards + 1) * sizeof *head);
	if (!head)
		return;
	head[0] = (struct govuk_cell){.text = group ? "Response" : "Respondent"};
	for (size_t s = 0; s < d->fw.n_standards; s++)
		head[s + 1] = (struct govuk_cell){.text = pool_printf(req->pool, "%d", d->fw.standards[s].number),
						  .numeric = 1};
	sa_table_begin(h, "annex-table", &(struct govuk_table){
		.caption = group ? "The group's agreed score for each standard, the columns numbered as the standards"
				 : "Each respondent's score for each standard, the columns numbered as the standards",
		.head = head, .ncols = d->fw.n_standards + 1});
	for (size_t r = 0; r < d->n_responses; r++) {
		html_lit(h, "<tr class=\"govuk-table__row\">\n<th scope=\"row\" class=\"govuk-table__header\">");
		html_i64(h, (int64_t)r + 1);
		html_lit(h, "</th>\n");
		for (size_t s = 0; s < d->fw.n_standards; s++) {
			char text[SCORE_TEXT_SIZE];
			const struct score *c = &d->cells[r * d->fw.n_standards + s];
			if (c->kind == SCORE_NONE || score_format(c, text, sizeof text)) {
				html_lit(h, "<td class=\"govuk-table__cell govuk-table__cell--numeric\">" HIDDEN_NO_ANSWER "</td>\n");
				continue;
			}
			td(h, text);
		}
		html_lit(h, "</tr>\n");
	}
	sa_table_end(h);
}

/* One comment's select or unselect button. */
static void select_form(struct request *req, struct response *res, struct html *h, int64_t round_id,
			const struct round_comment *c)
{
	html_lit(h, "<form method=\"post\" class=\"app-comment__form\" novalidate");
	html_url(h, "action", pool_printf(req->pool, "/selfanalysis/rounds/%lld/comments/%lld/select",
					  (long long)round_id, (long long)c->id));
	html_lit(h, ">\n");
	respond_csrf_field(req, res, h);
	html_lit(h, "<input type=\"hidden\" name=\"selected\"");
	html_attr(h, "value", c->selected ? "0" : "1");
	html_lit(h, ">\n<button type=\"submit\" class=\"govuk-button govuk-button--secondary govuk-!-margin-bottom-0\" data-module=\"govuk-button\">");
	html_text(h, c->selected ? "Leave out of the board paper" : "Select for the board paper");
	html_lit(h, "<span class=\"govuk-visually-hidden\"> (comment on standard ");
	html_i64(h, c->standard);
	html_lit(h, ")</span></button>\n</form>\n");
}

static void comments_section(struct request *req, struct response *res, struct html *h,
			     const struct round_results *rr)
{
	const struct round_data *d = rr->data;
	html_lit(h, "<h2 class=\"govuk-heading-m\" id=\"comments\">Comments</h2>\n");
	if (!rr->comments_allowed) {
		html_lit(h, "<p class=\"govuk-body\">");
		html_text(h, results_comments_suppressed_text(req->pool, d->n_responses, d->k));
		html_lit(h, "</p>\n");
		return;
	}
	if (d->n_comments == 0) {
		html_lit(h, "<p class=\"govuk-body\">No comments were made.</p>\n");
		return;
	}
	int writer = sa_can_write(req);
	html_lit(h, "<p class=\"govuk-body\">Comments are shown without who made them.");
	if (writer)
		html_lit(h, " Those selected appear in the board paper.");
	html_lit(h, "</p>\n");
	int current = -1;
	for (size_t i = 0; i < d->n_comments; i++) {
		const struct round_comment *c = &d->comments[i];
		if (c->standard != current) {
			if (current >= 0)
				html_lit(h, "</ul>\n");
			const struct framework_standard *s = framework_find_number(&d->fw, c->standard);
			html_lit(h, "<h3 class=\"govuk-heading-s\">");
			html_text(h, s ? standard_label(req->pool, s) : pool_printf(req->pool, "Standard %d", c->standard));
			html_lit(h, "</h3>\n<ul class=\"govuk-list app-comments\">\n");
			current = c->standard;
		}
		html_lit(h, "<li class=\"app-comment\"");
		html_attr(h, "id", pool_printf(req->pool, "comment-%lld", (long long)c->id));
		html_lit(h, ">\n<p class=\"govuk-body app-pre-line\">");
		html_text(h, c->body);
		html_lit(h, "</p>\n");
		if (c->selected)
			govuk_tag(h, "Selected for the board paper", GOVUK_TAG_BLUE);
		if (writer)
			select_form(req, res, h, d->round.id, c);
		html_lit(h, "</li>\n");
	}
	html_lit(h, "</ul>\n");
}

/* ---- The page ---- */

static const struct code_label results_done[] = {
	{"selected", "Comment selected for the board paper"},
	{"unselected", "Comment left out of the board paper"},
};

void round_results_page(struct request *req, struct response *res)
{
	struct round_data d;
	struct round_results rr;
	if (!sa_results_load(req, res, &d, &rr))
		return;
	/* Answers submitted online but not yet added (invitation.h). */
	struct invitation_counts ic;
	if (!respond_store_ok(req, res, invitation_counts(req->db, req->user->partnership_id,
							  d.round.id, &ic)))
		return;
	struct html h;
	struct page pg;
	sa_page_begin(req, res, &h, &pg, pool_printf(req->pool, "Results: %s", d.round.name), &d.round, "Results", 0);
	sa_done_banner(req, &h, results_done, sizeof results_done / sizeof results_done[0]);
	html_lit(&h, "<span class=\"govuk-caption-l\">");
	html_text(&h, d.round.name);
	html_lit(&h, "</span>\n<h1 class=\"govuk-heading-l\">Results</h1>\n<p class=\"govuk-body\">");
	html_text(&h, pool_printf(req->pool, "%s. %zu %s, scored from %d to %d.", d.fw.title, d.n_responses,
				  d.n_responses == 1 ? "response" : "responses", d.scale.min, d.scale.max));
	html_lit(&h, "</p>\n<ul class=\"govuk-list\">\n<li><a class=\"govuk-link\"");
	html_url(&h, "href", sa_round_href(req->pool, d.round.id, "/compare"));
	html_lit(&h, ">Compare with another round</a></li>\n<li><a class=\"govuk-link\"");
	html_url(&h, "href", sa_round_href(req->pool, d.round.id, "/report?format=html"));
	html_lit(&h, ">Download the board paper (HTML)</a></li>\n</ul>\n");
	invitation_pending_note(req, &h, &d.round, d.k, ic.pending);
	if (d.n_responses == 0) {
		html_lit(&h, "<p class=\"govuk-body\">There are no responses yet, so there are no results to show.</p>\n");
		respond_page_end(res, &h, &pg);
		return;
	}
	if (!rr.figures_allowed) {
		/* The count above and why: no figure, chart, annex or comment. */
		html_lit(&h, "<div class=\"govuk-inset-text\" id=\"figures-withheld\">");
		html_text(&h, rr.figures_reason);
		html_lit(&h, "</div>\n");
		respond_page_end(res, &h, &pg);
		return;
	}
	results_chart(req, &h, &rr);
	summary_table(req, &h, &rr);
	stated_table(req, &h, &rr);
	groups_section(req, &h, &rr);
	annex_section(req, &h, &rr);
	comments_section(req, res, &h, &rr);
	respond_page_end(res, &h, &pg);
}

void round_comment_select(struct request *req, struct response *res)
{
	struct round r;
	if (!sa_round_load(req, res, &r))
		return;
	const char *v = params_get(&req->form, "selected");
	if (!v || (strcmp(v, "1") != 0 && strcmp(v, "0") != 0)) {
		respond_error(req, res, 400, "Choose whether to select the comment (selected=1) or not (selected=0).");
		return;
	}
	int selected = v[0] == '1';
	struct actor a;
	app_actor(req, &a);
	enum err rc = round_select_comment(req->db, &a, req->user->partnership_id, r.id,
					   request_id(req, "comment"), selected);
	respond_after_write(req, res, rc,
			    sa_round_href(req->pool, r.id, selected ? "/results?done=selected#comments"
								     : "/results?done=unselected#comments"));
}

/* ---- The board paper ---- */

/* The round's name as a file name: letters, digits and hyphens only, so
 * the header needs no quoting rules and no path can hide in it. */
static const char *file_stem(struct pool *pool, const char *name)
{
	size_t n = strlen(name);
	char *s = pool_alloc(pool, (n > 60 ? 60 : n) + 1);
	size_t k = 0;
	if (!s)
		return "board-paper";
	for (size_t i = 0; i < n && k < 60; i++) {
		char c = name[i];
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
			s[k++] = c;
		else if (c >= 'A' && c <= 'Z')
			s[k++] = (char)(c - 'A' + 'a');
		else if (k > 0 && s[k - 1] != '-')
			s[k++] = '-';
	}
	while (k > 0 && s[k - 1] == '-')
		k--;
	s[k] = '\0';
	return k ? s : "board-paper";
}

void round_report(struct request *req, struct response *res)
{
	struct round r;
	if (!sa_round_load(req, res, &r))
		return;
	const char *fmt = params_get(&req->query, "format");
	int f = report_format_parse(fmt ? fmt : "html");
	if (f < 0) {
		respond_error(req, res, 400, "The board paper comes as html, pdf or xlsx.");
		return;
	}
	char err[REPORT_ERR_SIZE] = "";
	buf_reset(&res->body);
	enum err rc = report_render(req->db, req->pool, req->user->partnership_id, r.id, (enum report_format)f,
				    &res->body, err, sizeof err);
	if (rc) {
		buf_reset(&res->body);
		res->body.failed = 0;
		if (rc == E_TOOBIG)
			respond_error(req, res, 413, "The board paper is too large to download.");
		else
			respond_store_error(req, res, rc);
		return;
	}
	res->status = 200;
	res->content_type = report_content_type((enum report_format)f);
	res->no_store = 1;
	response_header(res, "Content-Disposition",
			pool_printf(req->pool, "attachment; filename=\"%s.%s\"", file_stem(req->pool, r.name),
				    report_format_code((enum report_format)f)));
}
