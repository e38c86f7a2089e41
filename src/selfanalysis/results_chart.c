/*
 * results_chart.c: see results_chart.h.  Positions are whole SVG units
 * computed in integers: a score's place is its value in quarter points
 * (a range "3.5 / 4" sits at its midpoint 3.75, which is lo + hi in
 * half-point units), so equal scores land on exactly the same spot and
 * stack, and the same data always gives the same bytes.
 */
#include "selfanalysis/results_chart.h"

#include "core/pool.h"
#include "html/govuk.h"
#include "html/html.h"

#define WIDTH 640
#define LABEL_X 118   /* right edge of the row labels */
#define PLOT_X0 140   /* the scale's lowest point */
#define PLOT_X1 616   /* its highest */
#define TOP 12
#define DOT 10        /* between stacked dots */
#define RADIUS 4
#define ROW_MIN 24
#define COUNT_SPACE 14 /* above a stack too tall to draw whole */
#define GROUP_GAP 10
#define AXIS_SPACE 46

#define ATTR_I(h, name, v)                     \
	do {                                   \
		html_lit((h), " " name "=\""); \
		html_i64((h), (v));            \
		html_lit((h), "\"");           \
	} while (0)

/* Quarter points from the scale's minimum to its maximum. */
static int quarters(const struct chart *c)
{
	return c->max > c->min ? 4 * (c->max - c->min) : 0;
}

/* The x of a place in quarter points from the minimum. */
static int x_at(const struct chart *c, long q)
{
	int nq = quarters(c);
	if (nq == 0)
		return (PLOT_X0 + PLOT_X1) / 2;
	return PLOT_X0 + (int)(q * (PLOT_X1 - PLOT_X0) / nq);
}

/* Counts of row's scores per quarter-point place, into count (nq + 1);
 * the tallest stack. */
static size_t count_places(const struct chart *c, const struct chart_row *row, size_t *count)
{
	int nq = quarters(c);
	size_t tallest = 0;
	for (int q = 0; q <= nq; q++)
		count[q] = 0;
	for (size_t i = 0; i < row->n; i++) {
		const struct score *s = &row->cells[i];
		if (!score_counts(s))
			continue;
		long q = (long)s->lo + s->hi - 4L * c->min;
		if (q < 0 || q > nq)
			continue;
		if (++count[q] > tallest)
			tallest = count[q];
	}
	return tallest;
}

static int row_height(size_t tallest)
{
	size_t shown = tallest > CHART_STACK_MAX ? CHART_STACK_MAX : tallest;
	int h = (int)shown * DOT + 10 + (tallest > CHART_STACK_MAX ? COUNT_SPACE : 0);
	return h < ROW_MIN ? ROW_MIN : h;
}

/* One row with its baseline at y. */
static void draw_row(struct html *h, const struct chart *c, const struct chart_row *row,
		     const size_t *count, int rh, int y)
{
	int nq = quarters(c);
	html_lit(h, "<g class=\"app-chart__row\">\n<text class=\"app-chart__label\" text-anchor=\"end\"");
	ATTR_I(h, "x", LABEL_X);
	ATTR_I(h, "y", y - 2);
	html_lit(h, ">");
	html_text(h, row->label);
	html_lit(h, "</text>\n<line class=\"app-chart__baseline\"");
	ATTR_I(h, "x1", PLOT_X0);
	ATTR_I(h, "x2", PLOT_X1);
	ATTR_I(h, "y1", y);
	ATTR_I(h, "y2", y);
	html_lit(h, "/>\n");
	for (int q = 0; q <= nq; q++) {
		size_t shown = count[q] > CHART_STACK_MAX ? CHART_STACK_MAX : count[q];
		int x = x_at(c, q);
		for (size_t k = 0; k < shown; k++) {
			if (row->hollow)
				html_lit(h, "<circle class=\"app-chart__dot app-chart__dot--hollow\"");
			else
				html_lit(h, "<circle class=\"app-chart__dot\"");
			ATTR_I(h, "cx", x);
			ATTR_I(h, "cy", y - RADIUS - 1 - (int)k * DOT);
			ATTR_I(h, "r", RADIUS);
			html_lit(h, "/>\n");
		}
		if (count[q] > CHART_STACK_MAX) {
			html_lit(h, "<text class=\"app-chart__count\" text-anchor=\"middle\"");
			ATTR_I(h, "x", x);
			ATTR_I(h, "y", y - CHART_STACK_MAX * DOT - 4);
			html_lit(h, ">");
			html_i64(h, (int64_t)count[q]);
			html_lit(h, "</text>\n");
		}
	}
	if (row->has_mean && nq > 0 && row->mean >= c->min && row->mean <= c->max) {
		/* In quarter points, rounded to the nearest. */
		long q = (long)((row->mean - c->min) * 4.0 * 16.0 + 0.5);
		int x = PLOT_X0 + (int)(q * (PLOT_X1 - PLOT_X0) / (nq * 16L));
		html_lit(h, "<line class=\"app-chart__mean\"");
		ATTR_I(h, "x1", x);
		ATTR_I(h, "x2", x);
		ATTR_I(h, "y1", y + 4);
		ATTR_I(h, "y2", y - rh + 8);
		html_lit(h, "/>\n");
	}
	html_lit(h, "</g>\n");
}

void chart_svg(struct html *h, struct pool *pool, const struct chart *c)
{
	size_t nrows = c->nrows > CHART_ROWS_MAX ? CHART_ROWS_MAX : c->nrows;
	size_t group = c->group ? c->group : 1;
	int nq = quarters(c);
	size_t *count = pool_alloc(pool, (size_t)(nq + 1) * sizeof *count);
	int *heights = pool_alloc(pool, (nrows ? nrows : 1) * sizeof *heights);
	if (!count || !heights)
		return; /* the pool is full: the page fails as a whole */
	int height = TOP;
	for (size_t i = 0; i < nrows; i++) {
		heights[i] = row_height(count_places(c, &c->rows[i], count));
		height += heights[i] + ((i + 1) % group == 0 ? GROUP_GAP : 0);
	}
	int axis_y = height;
	height += AXIS_SPACE;

	html_lit(h, "<svg class=\"app-chart__svg\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" focusable=\"false\"");
	html_attr(h, "aria-labelledby", c->labelledby);
	html_attr(h, "aria-describedby", c->describedby);
	html_lit(h, " viewBox=\"0 0 ");
	html_i64(h, WIDTH);
	html_lit(h, " ");
	html_i64(h, height);
	html_lit(h, "\"");
	ATTR_I(h, "width", WIDTH);
	ATTR_I(h, "height", height);
	html_lit(h, ">\n");
	/* The scale: a line and a label at each whole point. */
	for (int p = c->min; p <= c->max; p++) {
		int x = x_at(c, 4L * (p - c->min));
		html_lit(h, "<line class=\"app-chart__grid\"");
		ATTR_I(h, "x1", x);
		ATTR_I(h, "x2", x);
		ATTR_I(h, "y1", TOP - 4);
		ATTR_I(h, "y2", axis_y);
		html_lit(h, "/>\n<text class=\"app-chart__tick\" text-anchor=\"middle\"");
		ATTR_I(h, "x", x);
		ATTR_I(h, "y", axis_y + 18);
		html_lit(h, ">");
		html_i64(h, p);
		html_lit(h, "</text>\n");
	}
	html_lit(h, "<text class=\"app-chart__axis-title\" text-anchor=\"middle\"");
	ATTR_I(h, "x", (PLOT_X0 + PLOT_X1) / 2);
	ATTR_I(h, "y", axis_y + 38);
	html_lit(h, ">Score</text>\n");
	int y = TOP;
	for (size_t i = 0; i < nrows; i++) {
		y += heights[i];
		count_places(c, &c->rows[i], count);
		draw_row(h, c, &c->rows[i], count, heights[i], y);
		if ((i + 1) % group == 0)
			y += GROUP_GAP;
	}
	html_lit(h, "</svg>\n");
}

/* A place's value as people write it: "3", "3.5", "3.25". */
static const char *place_label(struct pool *pool, const struct chart *c, int q)
{
	int whole = c->min + q / 4, part = q % 4;
	static const char *const frac[4] = {"", ".25", ".5", ".75"};
	return pool_printf(pool, "%d%s", whole, frac[part]);
}

void chart_table(struct html *h, struct pool *pool, const struct chart *c, const char *id,
		 const char *caption)
{
	int nq = quarters(c);
	size_t *count = pool_zalloc(pool, (size_t)(nq + 1) * sizeof *count);
	unsigned char *used = pool_zalloc(pool, (size_t)(nq + 1));
	size_t nrows = c->nrows;
	if (!count || !used)
		return;
	/* Columns: every whole point, and any other place a score sits at. */
	for (int q = 0; q <= nq; q += 4)
		used[q] = 1;
	for (size_t r = 0; r < nrows; r++) {
		count_places(c, &c->rows[r], count);
		for (int q = 0; q <= nq; q++)
			used[q] |= count[q] > 0;
	}
	html_lit(h, "<table class=\"govuk-table\"");
	html_attr(h, "id", id);
	html_lit(h, ">\n<caption class=\"govuk-table__caption govuk-table__caption--s\">");
	html_text(h, caption);
	html_lit(h, "</caption>\n<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">"
		    "<th scope=\"col\" class=\"govuk-table__header\">Standard</th>");
	for (int q = 0; q <= nq; q++) {
		if (!used[q])
			continue;
		html_lit(h, "<th scope=\"col\" class=\"govuk-table__header govuk-table__header--numeric\">");
		html_text(h, place_label(pool, c, q));
		html_lit(h, "</th>");
	}
	html_lit(h, "</tr></thead>\n<tbody class=\"govuk-table__body\">\n");
	for (size_t r = 0; r < nrows; r++) {
		count_places(c, &c->rows[r], count);
		html_lit(h, "<tr class=\"govuk-table__row\"><th scope=\"row\" class=\"govuk-table__header\">");
		html_text(h, c->rows[r].label);
		html_lit(h, "</th>");
		for (int q = 0; q <= nq; q++) {
			if (!used[q])
				continue;
			html_lit(h, "<td class=\"govuk-table__cell govuk-table__cell--numeric\">");
			html_i64(h, (int64_t)count[q]);
			html_lit(h, "</td>");
		}
		html_lit(h, "</tr>\n");
	}
	html_lit(h, "</tbody>\n</table>\n");
}

void chart_details_table(struct html *h, struct pool *pool, const struct chart *c)
{
	govuk_details_begin(h, "The chart as a table: how many scores at each point", NULL);
	html_lit(h, "<div class=\"app-table-scroll\" role=\"region\" tabindex=\"0\""
		    " aria-label=\"The chart as a table\">\n");
	chart_table(h, pool, c, c->describedby, "Number of scores at each point");
	html_lit(h, "</div>\n");
	govuk_details_end(h);
}
