/*
 * report_doc.h: the board paper as one format-independent document, and
 * the three renderers that write it as HTML, PDF and XLSX.
 *
 * report.c builds the document once from the round's results (results.h),
 * formatting every number here, so the three formats cannot disagree: the
 * HTML and the PDF print the same text, and the XLSX writes the same
 * figure as a number with a format that shows it the same way.  The
 * renderers only lay the document out; they decide nothing about what a
 * board paper holds.  Everything lives in the caller's pool.
 *
 * Internal to the board paper (report*.c and its tests); other modules
 * use report.h.
 */
#ifndef JCS_SELFANALYSIS_REPORT_DOC_H
#define JCS_SELFANALYSIS_REPORT_DOC_H

#include <stdbool.h>
#include <stddef.h>

#include "core/buf.h"
#include "core/err.h"

struct pool;

/* How a number is shown: text here, the same as a number format in XLSX. */
enum report_numfmt {
	NUMFMT_INT = 0,  /* "7" */
	NUMFMT_2DP,      /* "3.40": means, medians, rwg */
	NUMFMT_SIGNED,   /* "+0.25", "-0.10", "0.00": a change */
	NUMFMT_SCORE,    /* a score or midpoint as short as exact: "3", "3.5", "1.75" */
};

enum report_cell_kind {
	CELL_EMPTY = 0, /* nothing to show: "–" in HTML and PDF, blank in XLSX */
	CELL_TEXT,
	CELL_NUMBER,    /* num, shown as text */
	CELL_RANGE,     /* num to num2 ("1.5 to 4.5"); two number columns in XLSX */
};

struct report_cell {
	enum report_cell_kind kind;
	const char *text;  /* what HTML and PDF show (set for every kind) */
	double num, num2;
	enum report_numfmt fmt;
};

struct report_column {
	const char *header;
	double width;   /* relative width of the column in the PDF */
	bool numeric;   /* right-aligned */
};

struct report_row {
	struct report_cell *cells; /* one per column */
	bool strong;               /* shown in bold (highest, lowest) */
};

struct report_table {
	const char *caption;
	const char *sheet;         /* the XLSX sheet that holds it */
	struct report_column *cols;
	size_t ncols;
	int row_header;            /* the column that names the row (th scope=row), or -1 */
	struct report_row *rows;
	size_t nrows;
};

enum report_block_kind {
	BLOCK_HEADING = 0, /* text at level 2 (a section) or 3 */
	BLOCK_PARA,        /* text */
	BLOCK_FACT,        /* label: text, as in the paper's title block */
	BLOCK_TABLE,
};

struct report_block {
	enum report_block_kind kind;
	int level;
	const char *label;
	const char *text;
	const struct report_table *table;
};

/* The most blocks a paper holds: every line of the longest key messages
 * (ROUND_KEY_MESSAGES_MAX) as a paragraph, and the rest. */
#define REPORT_MAX_BLOCKS 4096

struct report_doc {
	const char *title;       /* the heading at level 1 */
	const char *running;     /* short text for page footers */
	struct report_block *blocks;
	size_t n, cap;
};

/* ---- building (report_doc.c) ---- */

/* The document's text for a number: the one formatting all formats share.
 * NULL when the pool is full. */
const char *report_num_text(struct pool *pool, double v, enum report_numfmt f);

/* Appends a block (growing the array in the pool); E_TOOBIG past
 * REPORT_MAX_BLOCKS. */
enum err report_doc_add(struct pool *pool, struct report_doc *d, struct report_block b);

/* A table of nrows rows of the given columns, every cell CELL_EMPTY "–".
 * NULL when the pool is full. */
struct report_table *report_table_new(struct pool *pool, const char *caption, const char *sheet,
				      const struct report_column *cols, size_t ncols,
				      int row_header, size_t nrows);
/* Setting one cell; the text is copied from the pool by the caller. */
void report_cell_text(struct report_table *t, size_t row, size_t col, const char *text);
enum err report_cell_num(struct pool *pool, struct report_table *t, size_t row, size_t col,
			 double v, enum report_numfmt f);
enum err report_cell_range(struct pool *pool, struct report_table *t, size_t row, size_t col,
			   double lo, double hi);

/* ---- what the board paper holds (report_paper.c) ---- */

struct round_results;
struct round_comparison;

struct report_input {
	const char *partnership;             /* its name */
	const struct round_results *results;  /* the round's, with its data */
	const struct round_comparison *cmp;   /* with the previous round, or NULL */
	/* Standards per annex table: the PDF and HTML split a wide annex into
	 * tables that fit the page; 0 keeps one table (XLSX). */
	size_t annex_columns;
};

/* The annex columns that fit an A4 page beside the respondent's number. */
#define REPORT_ANNEX_COLUMNS 13

enum err report_paper_build(struct pool *pool, const struct report_input *in,
			    struct report_doc *out);

/* ---- the renderers: each appends the document to out ---- */

enum err report_html(const struct report_doc *d, struct buf *out);
enum err report_pdf(const struct report_doc *d, struct buf *out, char *err, size_t errlen);
enum err report_xlsx(const struct report_doc *d, struct buf *out, char *err, size_t errlen);

#endif
