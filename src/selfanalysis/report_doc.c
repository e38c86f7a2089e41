/*
 * report_doc.c: the pieces every board paper document is built from, and
 * the one place its numbers become text.
 *
 * The text of a number must read the same in the HTML, the PDF and the
 * XLSX, where the spreadsheet shows the stored number through a number
 * format ("0.00", "+0.00;-0.00;0.00", General).  Spreadsheets round half
 * away from zero on the decimal value; printf rounds the binary value, so
 * 2.675 (107/40, a mean that 40 respondents can give) would print 2.67
 * where the spreadsheet shows 2.68.  report_num_text therefore rounds
 * itself, nudging by far less than any score can differ, and takes the
 * sign of a change from the unrounded value as the "+0.00;-0.00;0.00"
 * format does.
 */
#include "selfanalysis/report_doc.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/pool.h"

/* Scores are multiples of 0.25 over at most a few thousand respondents,
 * so no real value lies within this of a rounding boundary. */
#define NUDGE 1e-7

static double round_2dp(double v)
{
	return round(v * 100.0 + (v < 0 ? -NUDGE : NUDGE)) / 100.0;
}

const char *report_num_text(struct pool *pool, double v, enum report_numfmt f)
{
	char b[64];
	double r;

	switch (f) {
	case NUMFMT_INT:
		snprintf(b, sizeof b, "%.0f", round(v));
		break;
	case NUMFMT_2DP:
		r = round_2dp(v);
		snprintf(b, sizeof b, "%.2f", r == 0 ? 0.0 : r);
		break;
	case NUMFMT_SIGNED:
		r = fabs(round_2dp(v));
		snprintf(b, sizeof b, "%s%.2f", v > 0 ? "+" : v < 0 ? "-" : "", r);
		break;
	case NUMFMT_SCORE: {
		/* As short as it is exact, as General shows it: 3, 3.5, 1.75. */
		r = round_2dp(v);
		snprintf(b, sizeof b, "%.2f", r == 0 ? 0.0 : r);
		size_t n = strlen(b);
		while (n > 0 && b[n - 1] == '0')
			b[--n] = '\0';
		if (n > 0 && b[n - 1] == '.')
			b[--n] = '\0';
		break;
	}
	default:
		b[0] = '\0';
	}
	return pool_strdup(pool, b);
}

enum err report_doc_add(struct pool *pool, struct report_doc *d, struct report_block b)
{
	if (d->n >= REPORT_MAX_BLOCKS)
		return E_TOOBIG;
	if (d->n == d->cap) {
		size_t cap = d->cap ? 2 * d->cap : 32;
		struct report_block *nb = pool_alloc(pool, cap * sizeof *nb);
		if (!nb)
			return E_NOMEM;
		if (d->n)
			memcpy(nb, d->blocks, d->n * sizeof *nb);
		d->blocks = nb;
		d->cap = cap;
	}
	d->blocks[d->n++] = b;
	return E_OK;
}

struct report_table *report_table_new(struct pool *pool, const char *caption, const char *sheet,
				      const struct report_column *cols, size_t ncols,
				      int row_header, size_t nrows)
{
	struct report_table *t = pool_zalloc(pool, sizeof *t);
	if (!t)
		return NULL;
	t->caption = caption;
	t->sheet = sheet;
	t->ncols = ncols;
	t->row_header = row_header;
	t->nrows = nrows;
	t->cols = pool_alloc(pool, ncols * sizeof *t->cols);
	t->rows = pool_zalloc(pool, (nrows ? nrows : 1) * sizeof *t->rows);
	if (!t->cols || !t->rows)
		return NULL;
	memcpy(t->cols, cols, ncols * sizeof *cols);
	for (size_t r = 0; r < nrows; r++) {
		t->rows[r].cells = pool_zalloc(pool, ncols * sizeof *t->rows[r].cells);
		if (!t->rows[r].cells)
			return NULL;
		for (size_t c = 0; c < ncols; c++)
			t->rows[r].cells[c] = (struct report_cell){.kind = CELL_EMPTY, .text = "–"};
	}
	return t;
}

void report_cell_text(struct report_table *t, size_t row, size_t col, const char *text)
{
	t->rows[row].cells[col] = (struct report_cell){.kind = CELL_TEXT, .text = text ? text : ""};
}

enum err report_cell_num(struct pool *pool, struct report_table *t, size_t row, size_t col,
			 double v, enum report_numfmt f)
{
	const char *s = report_num_text(pool, v, f);
	if (!s)
		return E_NOMEM;
	t->rows[row].cells[col] =
		(struct report_cell){.kind = CELL_NUMBER, .text = s, .num = v, .fmt = f};
	return E_OK;
}

enum err report_cell_range(struct pool *pool, struct report_table *t, size_t row, size_t col,
			   double lo, double hi)
{
	const char *a = report_num_text(pool, lo, NUMFMT_SCORE);
	const char *b = report_num_text(pool, hi, NUMFMT_SCORE);
	const char *s = a && b ? (strcmp(a, b) == 0 ? a : pool_printf(pool, "%s to %s", a, b)) : NULL;
	if (!s)
		return E_NOMEM;
	t->rows[row].cells[col] = (struct report_cell){
		.kind = CELL_RANGE, .text = s, .num = lo, .num2 = hi, .fmt = NUMFMT_SCORE};
	return E_OK;
}
