/*
 * results_chart.h: a dot plot of scores as inline SVG: one row per
 * standard (or, comparing rounds, one per standard and round), one dot per
 * score on a horizontal scale, dots at the same value stacked, the mean a
 * vertical line.  Small groups answering on a 1-5 scale are best shown as
 * every score rather than a bar of the mean, which hides how far people
 * agree.
 *
 * The chart is an image (role="img") named by the figure's caption and
 * described by the table it draws: the table is the accessible
 * alternative and holds every figure, so the chart carries no text a
 * reader needs.  Markup only: classes (web/app.scss) give it colour, and
 * the earlier round of a comparison is drawn with open circles, so no
 * meaning rests on colour.
 */
#ifndef JCS_RESULTS_CHART_H
#define JCS_RESULTS_CHART_H

#include <stdbool.h>
#include <stddef.h>

#include "selfanalysis/score.h"

struct html;
struct pool;

/* Past this many dots at one value a row shows this many and the count. */
#define CHART_STACK_MAX 12
/* At most this many rows are drawn (a framework's standards, twice). */
#define CHART_ROWS_MAX 400

struct chart_row {
	const char *label;         /* at the left: "3", "3, earlier" */
	const struct score *cells; /* n cells; those that are not scores are skipped */
	size_t n;
	bool hollow;               /* open circles: the earlier round */
	bool has_mean;
	double mean;
};

struct chart {
	const char *labelledby;    /* id of the figure's caption */
	const char *describedby;   /* id of the table with the same figures */
	int min, max;              /* the scale's whole points */
	const struct chart_row *rows;
	size_t nrows;
	size_t group;              /* rows per standard (1, or 2 comparing); a gap after each */
};

/* Writes <svg ...>...</svg>.  Rows past CHART_ROWS_MAX are left out (the
 * table still has them). */
void chart_svg(struct html *h, struct pool *pool, const struct chart *c);

/*
 * Writes the chart's own figures as a table (id, caption): for each row,
 * how many scores sit at each point of the scale (every whole point, and
 * any half or quarter point a score sits at).  The chart draws exactly
 * these dots, so this is its text equivalent.
 */
void chart_table(struct html *h, struct pool *pool, const struct chart *c, const char *id,
		 const char *caption);
/* chart_table in a details component ("The chart as a table"), in a
 * region that scrolls sideways, with the chart's describedby as its id. */
void chart_details_table(struct html *h, struct pool *pool, const struct chart *c);

#endif
