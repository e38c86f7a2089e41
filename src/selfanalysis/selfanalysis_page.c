/*
 * selfanalysis_page.c: see selfanalysis_page.h.  Figures are written with
 * two decimals everywhere (page, board paper) so that a reader comparing
 * them sees the same digits; a figure that cannot be computed (no scores,
 * or fewer than two for a spread) shows a dash, never a zero.
 */
#include "selfanalysis/selfanalysis_page.h"

#include <string.h>

#include "auth/auth.h"
#include "core/clock.h"
#include "core/pool.h"
#include "html/govuk.h"
#include "html/html.h"
#include "html/page.h"
#include "http/request.h"
#include "partnership/partnership.h"
#include "selfanalysis/results.h"
#include "selfanalysis/stats.h"
#include "web/respond.h"

#define NONE "\xe2\x80\x93" /* en dash: no figure */

int sa_can_write(const struct request *req)
{
	return req->user && permission_allows(req->user->role, RES_SELFANALYSIS, ACT_WRITE);
}

int sa_round_load(struct request *req, struct response *res, struct round *r)
{
	enum err rc = round_get(req->db, req->pool, req->user->partnership_id,
				request_id(req, "round"), r);
	return respond_store_ok(req, res, rc);
}

int sa_results_load(struct request *req, struct response *res, struct round_data *d,
		    struct round_results *rr)
{
	enum err rc = round_data_load(req->db, req->pool, req->user->partnership_id,
				      request_id(req, "round"), d);
	if (!rc)
		rc = round_results_compute(d, req->pool, rr);
	return respond_store_ok(req, res, rc);
}

const char *sa_round_href(struct pool *pool, int64_t id, const char *suffix)
{
	return pool_printf(pool, "/selfanalysis/rounds/%lld%s", (long long)id, suffix);
}

void sa_page_begin(struct request *req, struct response *res, struct html *h, struct page *pg,
		   const char *title, const struct round *r, const char *here, int errors)
{
	struct crumb *crumbs = pool_alloc(req->pool, 4 * sizeof *crumbs);
	size_t n = 0;
	if (crumbs) {
		crumbs[n++] = (struct crumb){"Home", "/"};
		crumbs[n++] = (struct crumb){"Self-analysis", here || r ? "/selfanalysis" : NULL};
		if (r)
			crumbs[n++] = (struct crumb){r->name, here ? sa_round_href(req->pool, r->id, "") : NULL};
		if (here)
			crumbs[n++] = (struct crumb){here, NULL};
	}
	*pg = (struct page){.title = title, .nav_active = "/selfanalysis", .crumbs = crumbs,
			    .ncrumbs = n, .error = errors};
	respond_page_begin(req, res, h, pg);
	if (errors)
		res->status = 400;
}

void sa_done_banner(const struct request *req, struct html *h, const struct code_label *t, size_t n)
{
	const char *msg = code_label_find(t, n, params_get(&req->query, "done"));
	if (msg)
		govuk_notification_banner(h, &(struct govuk_notification){.success = 1, .text = msg});
}

const char *sa_decimal(struct pool *pool, double v)
{
	/* -0.00 reads as a change downwards that is not there. */
	if (v > -0.005 && v < 0.005)
		v = 0;
	return pool_printf(pool, "%.2f", v);
}

const char *sa_points(struct pool *pool, double v)
{
	char *s = pool_printf(pool, "%.2f", v);
	if (!s)
		return "";
	size_t n = strlen(s);
	while (n > 0 && s[n - 1] == '0')
		s[--n] = '\0';
	if (n > 0 && s[n - 1] == '.')
		s[--n] = '\0';
	return s;
}

const char *sa_day(struct pool *pool, const char *day, const char *none)
{
	if (!day || !*day)
		return none;
	char label[CLOCK_DAY_SIZE];
	return pool_strdup(pool, clock_day_label(day, label, sizeof label));
}

const char *sa_dates(struct pool *pool, const struct round *r)
{
	const char *from = sa_day(pool, r->opens_on, NULL), *to = sa_day(pool, r->closes_on, NULL);
	if (from && to)
		return pool_printf(pool, "%s to %s", from, to);
	if (from)
		return pool_printf(pool, "From %s", from);
	if (to)
		return pool_printf(pool, "Until %s", to);
	return "Not set";
}

const char *sa_round_status(const struct round *r)
{
	return r->closed ? "Closed" : "Open";
}

void sa_table_begin(struct html *h, const char *id, const struct govuk_table *t)
{
	html_lit(h, "<div class=\"app-table-scroll\" role=\"region\" tabindex=\"0\"");
	html_attr(h, "id", id);
	html_attr(h, "aria-label", t->caption);
	html_lit(h, ">\n");
	struct govuk_table wide = *t;
	wide.caption_class = "govuk-table__caption--m";
	wide.classes = "app-results-table";
	govuk_table_begin(h, &wide);
}

void sa_table_end(struct html *h)
{
	govuk_table_end(h);
	html_lit(h, "</div>\n");
}

void sa_paragraphs(struct html *h, struct pool *pool, const char *text)
{
	const char *p = text ? text : "";
	while (*p) {
		while (*p == '\n' || *p == '\r')
			p++;
		if (!*p)
			break;
		/* The paragraph ends at a blank line: "\n\n" or "\n\r\n". */
		const char *end = p;
		while (*end && !(end[0] == '\n' && (end[1] == '\n' || (end[1] == '\r' && end[2] == '\n'))))
			end++;
		const char *last = end;
		while (last > p && (last[-1] == '\r' || last[-1] == ' '))
			last--;
		html_lit(h, "<p class=\"govuk-body app-pre-line\">");
		html_text(h, pool_strndup(pool, p, (size_t)(last - p)));
		html_lit(h, "</p>\n");
		p = end;
	}
}

void sa_stats_text(struct pool *pool, const struct standard_stats *st, struct sa_stats_text *out)
{
	*out = (struct sa_stats_text){NONE, NONE, NONE, NONE, NONE, NONE};
	if (st->has_mean) {
		out->mean = sa_decimal(pool, st->mean);
		out->median = sa_decimal(pool, st->median);
		out->quartiles = pool_printf(pool, "%s to %s", sa_decimal(pool, st->q1), sa_decimal(pool, st->q3));
		out->range = pool_printf(pool, "%s to %s", sa_points(pool, st->min), sa_points(pool, st->max));
	}
	if (st->has_sd)
		out->sd = sa_decimal(pool, st->sd);
	if (st->has_rwg)
		out->rwg = sa_decimal(pool, st->rwg);
}

/* ---- Two rounds ---- */

enum err sa_compare_load(struct request *req, int64_t id, int64_t with, struct round_data *a,
			 struct round_data *b, struct round_comparison *out)
{
	int64_t pid = req->user->partnership_id;
	struct round_data x, y;
	enum err rc = round_data_load(req->db, req->pool, pid, id, &x);
	if (!rc)
		rc = round_data_load(req->db, req->pool, pid, with, &y);
	if (rc)
		return rc;
	int x_first = round_opened_before(&x.round, &y.round);
	*a = x_first ? x : y;
	*b = x_first ? y : x;
	return round_compare(a, b, req->pool, out);
}
