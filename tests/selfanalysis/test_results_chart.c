/*
 * test_results_chart.c: the dot plot's markup (no database): one dot per
 * score and none for "Don't know" or no answer, equal scores stacked in
 * one column, a range at its midpoint, stacks past CHART_STACK_MAX cut
 * with their count written, the mean's line where the mean is, open
 * circles for the earlier round, the image's name and description, and
 * escaped labels.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/pool.h"
#include "html/html.h"
#include "selfanalysis/results_chart.h"
#include "support/page_asserts.h"

static struct pool pool;
static struct buf out;

static const char *draw(const struct chart_row *rows, size_t n, size_t group)
{
	struct html h;
	buf_reset(&out);
	html_init(&h, &out);
	chart_svg(&h, &pool, &(struct chart){.labelledby = "cap", .describedby = "tbl", .min = 1, .max = 5,
					     .rows = rows, .nrows = n, .group = group});
	assert_false(out.failed);
	return out.data;
}

static struct score value(int half_points)
{
	return (struct score){SCORE_VALUE, half_points, half_points};
}

/* The cx of every circle in svg, in order, into xs; how many. */
static size_t circle_xs(const char *svg, int *xs, size_t max)
{
	size_t n = 0;
	for (const char *p = svg; (p = strstr(p, "<circle ")) != NULL && n < max; p++) {
		const char *cx = strstr(p, " cx=\"");
		assert_non_null(cx);
		xs[n++] = atoi(cx + 5);
	}
	return n;
}

static void test_dots_and_stacks(void **state)
{
	(void)state;
	/* 3, 3, 3.5, "1 / 2", Don't know, no answer. */
	struct score cells[] = {value(6), value(6), value(7), {SCORE_RANGE, 2, 4}, {SCORE_DONT_KNOW, 0, 0},
				{SCORE_NONE, 0, 0}};
	struct chart_row row = {.label = "Standard <1>", .cells = cells, .n = 6, .has_mean = true, .mean = 2.625};
	const char *svg = draw(&row, 1, 1);
	assert_contains(svg, "role=\"img\"");
	assert_contains(svg, "aria-labelledby=\"cap\"");
	assert_contains(svg, "aria-describedby=\"tbl\"");
	assert_contains(svg, ">Standard &lt;1&gt;</text>");
	assert_lacks(svg, "style=");
	int xs[16];
	assert_int_equal(circle_xs(svg, xs, 16), 4);
	/* The scale runs from x 140 (1) to 616 (5): 119 a point. */
	assert_int_equal(xs[0], 140 + 119 / 2);          /* 1 / 2 at 1.5 */
	assert_int_equal(xs[1], 140 + 2 * 119);          /* the two 3s, stacked */
	assert_int_equal(xs[2], 140 + 2 * 119);
	assert_int_equal(xs[3], 140 + 2 * 119 + 119 / 2); /* 3.5 */
	/* Stacked: the same x, a different y. */
	char y1[16], y2[16];
	assert_int_equal(sscanf(strstr(strstr(svg, "cx=\"378\""), "cy=\""), "cy=\"%15[0-9]", y1), 1);
	assert_int_equal(sscanf(strstr(strstr(strstr(svg, "cx=\"378\"") + 1, "cx=\"378\""), "cy=\""), "cy=\"%15[0-9]", y2), 1);
	assert_string_not_equal(y1, y2);
	/* The mean, 2.625, is 1.625 points from 1. */
	assert_contains(svg, "<line class=\"app-chart__mean\" x1=\"333\" x2=\"333\"");
	/* A tick at each whole point. */
	for (int p = 1; p <= 5; p++) {
		char tick[32];
		snprintf(tick, sizeof tick, ">%d</text>", p);
		assert_contains(svg, tick);
	}
	assert_lacks(svg, "app-chart__dot--hollow");
	assert_lacks(svg, "app-chart__count");
}

static void test_tall_stack_is_counted(void **state)
{
	(void)state;
	struct score cells[CHART_STACK_MAX + 5];
	for (size_t i = 0; i < CHART_STACK_MAX + 5; i++)
		cells[i] = value(8);
	struct chart_row rows[] = {
		{.label = "earlier", .cells = cells, .n = 3, .hollow = true},
		{.label = "later", .cells = cells, .n = CHART_STACK_MAX + 5},
	};
	const char *svg = draw(rows, 2, 2);
	assert_int_equal(page_count(svg, "<circle "), 3 + CHART_STACK_MAX);
	assert_int_equal(page_count(svg, "app-chart__dot--hollow"), 3);
	char count[64];
	snprintf(count, sizeof count, ">%d</text>", CHART_STACK_MAX + 5);
	assert_contains(svg, count);
	assert_int_equal(page_count(svg, "app-chart__count"), 1);
	/* No mean, no line. */
	assert_lacks(svg, "app-chart__mean");
}

static void test_rows_without_cells(void **state)
{
	(void)state;
	struct chart_row rows[] = {{.label = "Not in earlier"}, {.label = "3, later", .cells = NULL, .n = 0}};
	const char *svg = draw(rows, 2, 2);
	assert_contains(svg, ">Not in earlier</text>");
	assert_lacks(svg, "<circle ");
	assert_contains(svg, "</svg>");
}

/* The chart's table: every whole point a column, other places only where
 * a score sits; counts per row; the label escaped. */
static void test_table_counts_the_dots(void **state)
{
	(void)state;
	struct score one[] = {value(6), value(6), value(7), {SCORE_RANGE, 2, 4}, {SCORE_DONT_KNOW, 0, 0}};
	struct score two[] = {value(10), {SCORE_NONE, 0, 0}};
	const struct chart_row rows[] = {{.label = "Standard <1>", .cells = one, .n = 5},
					 {.label = "Standard 2", .cells = two, .n = 2}};
	struct html h;
	buf_reset(&out);
	html_init(&h, &out);
	chart_table(&h, &pool, &(struct chart){.min = 1, .max = 5, .rows = rows, .nrows = 2}, "t", "Counts");
	assert_false(out.failed);
	const char *t = out.data;
	assert_contains(t, "<table class=\"govuk-table\" id=\"t\">");
	assert_contains(t, "Standard &lt;1&gt;");
	/* Columns 1, 1.5 (the range's midpoint), 2, 3, 3.5, 4, 5. */
	assert_int_equal(page_count(t, "<th scope=\"col\""), 8);
	assert_contains(t, ">1.5</th>");
	assert_contains(t, ">3.5</th>");
	assert_lacks(t, ">2.5</th>");
	/* Row one: 0, 1, 0, 2, 1, 0, 0; row two: a 5. */
	assert_contains(t, "Standard &lt;1&gt;</th><td class=\"govuk-table__cell govuk-table__cell--numeric\">0</td>"
			   "<td class=\"govuk-table__cell govuk-table__cell--numeric\">1</td>");
	assert_int_equal(page_count(t, "<td "), 14);
}

int main(void)
{
	pool_init(&pool, 1u << 20);
	buf_init(&out, 1u << 20);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dots_and_stacks),
		cmocka_unit_test(test_tall_stack_is_counted),
		cmocka_unit_test(test_rows_without_cells),
		cmocka_unit_test(test_table_counts_the_dots),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	buf_free(&out);
	pool_free(&pool);
	return rc;
}
