/*
 * report_xlsx.c: the board paper as an XLSX workbook (libxlsxwriter).
 *
 * One sheet per kind of table, in the paper's order (Summary, Annex,
 * Comments, Comparison: only those the paper holds), then About with the
 * paper's text: its title, facts, key messages and every note, so a
 * spreadsheet reader loses nothing the PDF says.  Figures are numbers
 * with a number format that shows them as the other formats print them
 * (report_doc.c); a range becomes two number columns, from and to.  Each
 * sheet's first table has its caption in row 1 and its header in row 2,
 * bold and frozen with an autofilter; a further table on the same sheet
 * follows after a blank row.
 *
 * libxlsxwriter writes to a file, never to memory (1.1.4), so the
 * workbook goes to a private temporary file that is read back into out
 * and removed.
 */
#include "selfanalysis/report_doc.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "core/alloc.h"

#define SHEET_ABOUT "About"
/* Sheets in one workbook: the four table sheets and About. */
#define MAX_SHEETS 8

struct sheet {
	const char *name;
	lxw_worksheet *ws;
	lxw_row_t row;   /* the next free row */
	bool has_table;
};

struct xlsx {
	lxw_workbook *wb;
	struct sheet sheets[MAX_SHEETS];
	size_t nsheets;
	lxw_format *num[4][2]; /* [numfmt][bold] */
	lxw_format *text, *text_bold, *wrap, *wrap_bold, *header, *caption, *title;
};

static const char *const num_formats[4] = {
	[NUMFMT_INT] = "0",
	[NUMFMT_2DP] = "0.00",
	[NUMFMT_SIGNED] = "+0.00;-0.00;0.00",
	[NUMFMT_SCORE] = "General",
};

static void formats(struct xlsx *x)
{
	for (int f = 0; f < 4; f++)
		for (int b = 0; b < 2; b++) {
			x->num[f][b] = workbook_add_format(x->wb);
			format_set_num_format(x->num[f][b], num_formats[f]);
			format_set_align(x->num[f][b], LXW_ALIGN_VERTICAL_TOP);
			if (b)
				format_set_bold(x->num[f][b]);
		}
	x->text = workbook_add_format(x->wb);
	format_set_align(x->text, LXW_ALIGN_VERTICAL_TOP);
	x->text_bold = workbook_add_format(x->wb);
	format_set_bold(x->text_bold);
	format_set_align(x->text_bold, LXW_ALIGN_VERTICAL_TOP);
	x->wrap = workbook_add_format(x->wb);
	format_set_text_wrap(x->wrap);
	format_set_align(x->wrap, LXW_ALIGN_VERTICAL_TOP);
	x->wrap_bold = workbook_add_format(x->wb);
	format_set_text_wrap(x->wrap_bold);
	format_set_bold(x->wrap_bold);
	format_set_align(x->wrap_bold, LXW_ALIGN_VERTICAL_TOP);
	x->header = workbook_add_format(x->wb);
	format_set_bold(x->header);
	format_set_text_wrap(x->header);
	format_set_align(x->header, LXW_ALIGN_VERTICAL_TOP);
	format_set_bottom(x->header, LXW_BORDER_MEDIUM);
	format_set_bg_color(x->header, 0xF3F2F1);
	x->caption = workbook_add_format(x->wb);
	format_set_bold(x->caption);
	x->title = workbook_add_format(x->wb);
	format_set_bold(x->title);
	format_set_font_size(x->title, 16);
}

static struct sheet *sheet(struct xlsx *x, const char *name)
{
	for (size_t i = 0; i < x->nsheets; i++)
		if (strcmp(x->sheets[i].name, name) == 0)
			return &x->sheets[i];
	if (x->nsheets == MAX_SHEETS)
		return NULL;
	lxw_worksheet *ws = workbook_add_worksheet(x->wb, name);
	if (!ws)
		return NULL;
	x->sheets[x->nsheets] = (struct sheet){.name = name, .ws = ws};
	return &x->sheets[x->nsheets++];
}

/* True when column c holds a range anywhere: it takes two columns. */
static bool range_column(const struct report_table *t, size_t c)
{
	for (size_t r = 0; r < t->nrows; r++)
		if (t->rows[r].cells[c].kind == CELL_RANGE)
			return true;
	return false;
}

static lxw_error write_cell(struct xlsx *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
			    const struct report_cell *c, bool wide, bool bold)
{
	lxw_error e = LXW_NO_ERROR;
	switch (c->kind) {
	case CELL_EMPTY:
		break;
	case CELL_TEXT:
		if (c->text && *c->text)
			e = worksheet_write_string(ws, row, col, c->text,
						   wide ? (bold ? x->wrap_bold : x->wrap)
							: (bold ? x->text_bold : x->text));
		break;
	case CELL_NUMBER:
		e = worksheet_write_number(ws, row, col, c->num, x->num[c->fmt][bold]);
		break;
	case CELL_RANGE:
		e = worksheet_write_number(ws, row, col, c->num, x->num[c->fmt][bold]);
		if (!e)
			e = worksheet_write_number(ws, row, col + 1, c->num2,
						   x->num[c->fmt][bold]);
		break;
	}
	return e;
}

/* The table's caption, header and rows from the sheet's next free row;
 * two[c] when column c takes two columns (a range). */
static lxw_error write_table(struct xlsx *x, struct sheet *s, const struct report_table *t,
			     const bool *two)
{
	lxw_worksheet *ws = s->ws;
	lxw_error e;
	bool first = !s->has_table;

	if (!first)
		s->row++; /* a blank row between tables */
	if ((e = worksheet_write_string(ws, s->row, 0, t->caption, x->caption)))
		return e;
	lxw_row_t head = ++s->row;
	lxw_col_t col = 0;
	for (size_t c = 0; c < t->ncols; c++) {
		const struct report_column *rc = &t->cols[c];
		/* Width in characters from the PDF's relative width; text
		 * columns wrap. */
		double width = rc->width * 11.0;
		if (width < 9)
			width = 9;
		if (width > 70)
			width = 70;
		if (two[c]) {
			char from[128], to[128];
			snprintf(from, sizeof from, "%s from", rc->header);
			snprintf(to, sizeof to, "%s to", rc->header);
			if ((e = worksheet_write_string(ws, head, col, from, x->header)) ||
			    (e = worksheet_write_string(ws, head, col + 1, to, x->header)))
				return e;
		} else if ((e = worksheet_write_string(ws, head, col, rc->header, x->header))) {
			return e;
		}
		if (first)
			worksheet_set_column(ws, col, (lxw_col_t)(col + two[c]), two[c] ? 11 : width,
					     NULL);
		col = (lxw_col_t)(col + 1 + two[c]);
	}
	for (size_t r = 0; r < t->nrows; r++) {
		lxw_row_t row = ++s->row;
		col = 0;
		for (size_t c = 0; c < t->ncols; c++) {
			bool wide = !t->cols[c].numeric && t->cols[c].width >= 2;
			if ((e = write_cell(x, ws, row, col, &t->rows[r].cells[c], wide,
					    t->rows[r].strong)))
				return e;
			col = (lxw_col_t)(col + 1 + two[c]);
		}
	}
	if (first) {
		worksheet_freeze_panes(ws, head + 1, 0);
		if (col > 0 && (e = worksheet_autofilter(ws, head, 0, s->row, (lxw_col_t)(col - 1))))
			return e;
	}
	s->row++;
	s->has_table = true;
	return LXW_NO_ERROR;
}

static lxw_error table(struct xlsx *x, const struct report_table *t)
{
	struct sheet *s = sheet(x, t->sheet);
	if (!s)
		return LXW_ERROR_MEMORY_MALLOC_FAILED;
	bool *two = xcalloc(t->ncols ? t->ncols : 1, sizeof *two);
	if (!two)
		return LXW_ERROR_MEMORY_MALLOC_FAILED;
	for (size_t c = 0; c < t->ncols; c++)
		two[c] = range_column(t, c);
	lxw_error e = write_table(x, s, t, two);
	xfree(two);
	return e;
}

/* The paper's text, in order, on the About sheet; tables are named by
 * the sheet that holds them. */
static lxw_error about(struct xlsx *x, const struct report_doc *d, struct sheet *s)
{
	lxw_worksheet *ws = s->ws;
	lxw_error e;

	worksheet_set_column(ws, 0, 0, 22, NULL);
	worksheet_set_column(ws, 1, 1, 100, NULL);
	if ((e = worksheet_write_string(ws, s->row++, 0, d->title, x->title)))
		return e;
	for (size_t i = 0; i < d->n; i++) {
		const struct report_block *b = &d->blocks[i];
		char see[256];
		switch (b->kind) {
		case BLOCK_FACT:
			if ((e = worksheet_write_string(ws, s->row, 0, b->label, x->text_bold)) ||
			    (e = worksheet_write_string(ws, s->row, 1, b->text, x->wrap)))
				return e;
			break;
		case BLOCK_HEADING:
			s->row++;
			if ((e = worksheet_write_string(ws, s->row, 0, b->text, x->caption)))
				return e;
			break;
		case BLOCK_PARA:
			if ((e = worksheet_write_string(ws, s->row, 1, b->text, x->wrap)))
				return e;
			break;
		case BLOCK_TABLE:
			snprintf(see, sizeof see, "The table \"%s\" is on the sheet %s.",
				 b->table->caption, b->table->sheet);
			if ((e = worksheet_write_string(ws, s->row, 1, see, x->wrap)))
				return e;
			break;
		}
		s->row++;
	}
	return LXW_NO_ERROR;
}

static enum err read_back(const char *path, struct buf *out, char *err, size_t errlen)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		snprintf(err, errlen, "the workbook could not be read back: %s", strerror(errno));
		return E_IO;
	}
	enum err rc = E_OK;
	char b[65536];
	size_t n;
	while ((n = fread(b, 1, sizeof b, f)) > 0)
		if ((rc = buf_append(out, b, n))) {
			snprintf(err, errlen, "the workbook is larger than the most a paper may be");
			break;
		}
	if (!rc && ferror(f)) {
		snprintf(err, errlen, "the workbook could not be read back");
		rc = E_IO;
	}
	fclose(f);
	return rc;
}

enum err report_xlsx(const struct report_doc *d, struct buf *out, char *err, size_t errlen)
{
	const char *dir = getenv("TMPDIR");
	char path[4096];
	struct xlsx x = {0};
	lxw_error e = LXW_NO_ERROR;
	enum err rc;

	if (!dir || !*dir)
		dir = "/tmp";
	if (snprintf(path, sizeof path, "%s/jcs-paper-XXXXXX", dir) >= (int)sizeof path) {
		snprintf(err, errlen, "TMPDIR is too long");
		return E_IO;
	}
	int fd = mkstemp(path);
	if (fd < 0) {
		snprintf(err, errlen, "no temporary file for the workbook: %s", strerror(errno));
		return E_IO;
	}
	close(fd);

	lxw_workbook_options opt = {.constant_memory = LXW_FALSE, .tmpdir = (char *)dir};
	x.wb = workbook_new_opt(path, &opt);
	if (!x.wb) {
		unlink(path);
		snprintf(err, errlen, "no memory for the workbook");
		return E_NOMEM;
	}
	lxw_doc_properties props = {.title = (char *)d->title, .author = "jcs"};
	workbook_set_properties(x.wb, &props);
	formats(&x);
	for (size_t i = 0; i < d->n && !e; i++)
		if (d->blocks[i].kind == BLOCK_TABLE)
			e = table(&x, d->blocks[i].table);
	struct sheet *s = e ? NULL : sheet(&x, SHEET_ABOUT);
	if (!e && !s)
		e = LXW_ERROR_MEMORY_MALLOC_FAILED;
	if (!e)
		e = about(&x, d, s);
	lxw_error closed = workbook_close(x.wb); /* frees the workbook, writes it when whole */
	if (!e)
		e = closed;
	if (e) {
		snprintf(err, errlen, "the workbook could not be written: %s", lxw_strerror(e));
		rc = e == LXW_ERROR_MEMORY_MALLOC_FAILED ? E_NOMEM : E_IO;
	} else {
		rc = read_back(path, out, err, errlen);
	}
	unlink(path);
	return rc;
}
