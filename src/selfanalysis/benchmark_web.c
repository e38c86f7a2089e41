/*
 * benchmark_web.c: sharing a round with the national benchmark, the
 * partnership's benchmark page, the national analysts' page and the API.
 *
 * Everything shown comes from benchmark_load(), which returns aggregates
 * only, so no page here can name or single out another partnership.  A
 * standard shared by fewer than BENCHMARK_MIN_PARTNERSHIPS shows why it
 * is not shown rather than a blank.  Positions are words ("in the top
 * quarter"), never a colour.
 */
#include "selfanalysis/benchmark_web.h"

#include <string.h>

#include "audit/audit.h"
#include "auth/auth.h"
#include "core/clock.h"
#include "core/pool.h"
#include "html/govuk.h"
#include "html/html.h"
#include "html/page.h"
#include "http/request.h"
#include "selfanalysis/benchmark.h"
#include "web/app.h"
#include "web/respond.h"

/* A mean or quartile as pages show means: two decimals. */
static const char *figure(struct pool *pool, double v)
{
	return pool_printf(pool, "%.2f", v);
}

static const char *standard_name(const struct benchmark_standard *s)
{
	return s->title ? s->title : s->key;
}

static const char *suppressed_text(struct pool *pool, const struct benchmark_standard *s)
{
	return pool_printf(pool, "Not shown: fewer than %d partnerships share this standard (%zu)",
			   BENCHMARK_MIN_PARTNERSHIPS, s->partnerships);
}

/* What sharing means, on both pages. */
static void explain(struct html *h)
{
	html_lit(h, "<p class=\"govuk-body\">Partnerships may share a self-analysis round's results with the "
		    "national benchmark. Only each standard's number of scores and mean score leave the "
		    "partnership: never a response, a comment or a respondent.</p>\n"
		    "<p class=\"govuk-body\">For each standard the benchmark shows the quartiles of the "
		    "sharing partnerships' mean scores, counting each partnership once, by its latest "
		    "shared round. No partnership is named. A standard is shown only when at least ");
	html_i64(h, BENCHMARK_MIN_PARTNERSHIPS);
	html_lit(h, " partnerships share it.</p>\n");
}

/* The quartile columns of a row: three figures, or one cell saying why not. */
static size_t quartile_cells(struct pool *pool, const struct benchmark_standard *s,
			     struct govuk_cell *c)
{
	if (s->suppressed) {
		c[0] = (struct govuk_cell){.text = suppressed_text(pool, s), .colspan = 3};
		return 1;
	}
	c[0] = (struct govuk_cell){.text = figure(pool, s->q1), .numeric = 1};
	c[1] = (struct govuk_cell){.text = figure(pool, s->median), .numeric = 1};
	c[2] = (struct govuk_cell){.text = figure(pool, s->q3), .numeric = 1};
	return 3;
}

/* ---- the partnership's page ---- */

static void shared_rounds(struct request *req, struct html *h, const struct benchmark *b)
{
	if (b->n_shared == 0) {
		govuk_inset_text(h, "Your partnership has not shared a round, so its own position is not "
				    "shown. Share a round from its page to see where you stand.");
		return;
	}
	html_lit(h, "<h2 class=\"govuk-heading-m\">Rounds you share</h2>\n<ul class=\"govuk-list\">\n");
	for (size_t i = 0; i < b->n_shared; i++) {
		char day[CLOCK_DAY_SIZE];
		html_lit(h, "<li><a class=\"govuk-link\"");
		html_url(h, "href", pool_printf(req->pool, "/selfanalysis/rounds/%lld", (long long)b->shared[i].id));
		html_lit(h, ">");
		html_text(h, b->shared[i].name);
		html_lit(h, "</a>, shared on ");
		html_text(h, clock_day_label(b->shared[i].shared_at, day, sizeof day));
		html_lit(h, "</li>\n");
	}
	html_lit(h, "</ul>\n");
}

/* Where the partnership stands, in words. */
static const char *own_text(struct pool *pool, const struct benchmark_standard *s)
{
	if (!s->has_own)
		return "You have not shared this standard";
	if (s->suppressed)
		return "Not shown";
	return pool_printf(pool, "You are %s", benchmark_position_text(s->position));
}

/*
 * The page: the explanation, the partnership's shared rounds (own), and
 * the table, with the partnership's own mean and position when own.
 */
static void benchmark_view(struct request *req, struct response *res, const struct benchmark *b,
			   const struct page *chrome, int own)
{
	struct html h;
	struct page pg = *chrome;
	respond_page_begin(req, res, &h, &pg);
	html_lit(&h, "<h1 class=\"govuk-heading-l\">National benchmark</h1>\n");
	explain(&h);
	if (own)
		shared_rounds(req, &h, b);
	if (b->n == 0) {
		html_lit(&h, "<p class=\"govuk-body\">No partnership has shared a round yet.</p>\n");
		respond_page_end(res, &h, &pg);
		return;
	}
	const struct govuk_cell head[] = {
		{.text = "Standard"}, {.text = "Partnerships sharing", .numeric = 1},
		{.text = "Lower quartile", .numeric = 1}, {.text = "Median", .numeric = 1},
		{.text = "Upper quartile", .numeric = 1}, {.text = "Your mean score", .numeric = 1},
		{.text = "Where you stand"}};
	size_t ncols = own ? 7 : 5;
	govuk_table_begin(&h, &(struct govuk_table){
		.caption = "Mean scores of the sharing partnerships, standard by standard",
		.caption_class = "govuk-table__caption--m", .head = head, .ncols = ncols});
	for (size_t i = 0; i < b->n; i++) {
		const struct benchmark_standard *s = &b->standards[i];
		struct govuk_cell row[7];
		size_t k = 0;
		row[k++] = (struct govuk_cell){.text = standard_name(s), .header = 1};
		row[k++] = (struct govuk_cell){.text = pool_printf(req->pool, "%zu", s->partnerships), .numeric = 1};
		k += quartile_cells(req->pool, s, row + k);
		if (own) {
			row[k++] = (struct govuk_cell){.text = s->has_own ? figure(req->pool, s->own_mean) : "None",
						       .numeric = 1};
			row[k++] = (struct govuk_cell){.text = own_text(req->pool, s)};
		}
		govuk_table_row(&h, row, k);
	}
	govuk_table_end(&h);
	respond_page_end(res, &h, &pg);
}

void benchmark_page(struct request *req, struct response *res)
{
	struct benchmark b;
	enum err rc = benchmark_load(req->db, req->pool, req->user->partnership_id, &b);
	if (!respond_store_ok(req, res, rc))
		return;
	const struct crumb crumbs[] = {{"Home", "/"}, {"Self-analysis", "/selfanalysis"},
				       {"National benchmark", NULL}};
	benchmark_view(req, res, &b, &(struct page){.title = "National benchmark", .nav_active = "/selfanalysis",
						    .crumbs = crumbs, .ncrumbs = 3}, 1);
}

/* ---- sharing ---- */

static void share(struct request *req, struct response *res, int on)
{
	struct actor a;
	int64_t id = request_id(req, "round");
	app_actor(req, &a);
	enum err rc = on ? benchmark_share(req->db, &a, req->user->partnership_id, id)
			 : benchmark_unshare(req->db, &a, req->user->partnership_id, id);
	if (rc == E_INVAL) {
		respond_error(req, res, 400,
			      "This round cannot be shared: only rounds on one of the frameworks shipped with "
			      "jcs are shared, so that every partnership's scores for a standard mean the same "
			      "thing on the same scale. This round uses a framework the partnership imported.");
		return;
	}
	if (rc == E_RANGE) {
		respond_error(req, res, 400,
			      "This round cannot be shared yet. An interview round is shared only when at "
			      "least as many people responded as the partnership's anonymity threshold, and "
			      "only standards that that many people scored; a group round needs a score for "
			      "at least one standard.");
		return;
	}
	respond_after_write(req, res, rc,
			    pool_printf(req->pool, "/selfanalysis/rounds/%lld?done=%s", (long long)id,
					on ? "shared" : "unshared"));
}

void round_share(struct request *req, struct response *res)
{
	share(req, res, 1);
}

void round_unshare(struct request *req, struct response *res)
{
	share(req, res, 0);
}

/* ---- national analysts ---- */

void national_benchmark_page(struct request *req, struct response *res)
{
	struct benchmark b;
	/* Partnership 0: no partnership's own figures. */
	enum err rc = benchmark_load(req->db, req->pool, 0, &b);
	if (!respond_store_ok(req, res, rc))
		return;
	const struct crumb crumbs[] = {{"Home", "/"}, {"National benchmark", NULL}};
	benchmark_view(req, res, &b, &(struct page){.title = "National benchmark",
						    .nav_active = "/national/benchmark",
						    .crumbs = crumbs, .ncrumbs = 2}, 0);
}

/* ---- API ---- */

void api_benchmark(struct request *req, struct response *res)
{
	struct benchmark b;
	enum err rc = benchmark_load(req->db, req->pool, req->user->partnership_id, &b);
	if (!respond_store_ok(req, res, rc))
		return;
	respond_json(res, 200, benchmark_json(&b));
}
