/*
 * report_pdf.c: the board paper as an A4 PDF, laid out with pango and
 * drawn with cairo.
 *
 * Text is drawn as text (pango through cairo's PDF surface embeds the
 * fonts with their Unicode mapping), so the paper can be searched, copied
 * and read aloud, and pdftotext gets the words back.  Headings are tagged
 * H1/H2 and listed in the PDF's outline; paragraphs are tagged P.
 *
 * "Page N of M" needs M before page 1 is drawn, so the layout runs twice
 * over the same code: once measuring only (no cairo context: nothing is
 * drawn), to count the pages, then drawing.  Both passes measure with one
 * pango context whose resolution (72, so a pango unit is a point) and
 * font options (no hinting of metrics) are fixed here rather than taken
 * from a surface, so both break pages in exactly the same places.
 *
 * Fonts come from fontconfig through a font map made for this paper and
 * freed with it (Liberation Sans, metric-compatible with Arial, else
 * DejaVu Sans).  Tables break between rows, never inside one, and every
 * page a table continues on starts with its header row again.  A row
 * taller than a whole page (a very long comment) is drawn on a page of
 * its own and cut at the bottom margin.
 */
#include "selfanalysis/report_doc.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <string.h>

#define MM (72.0 / 25.4)
#define PAGE_W (210.0 * MM)
#define PAGE_H (297.0 * MM)
#define MARGIN_X (18.0 * MM)
#define MARGIN_TOP (18.0 * MM)
#define MARGIN_BOTTOM (20.0 * MM) /* the footer sits inside it */
#define BODY_W (PAGE_W - 2 * MARGIN_X)
#define BODY_BOTTOM (PAGE_H - MARGIN_BOTTOM)

#define FAMILY "Liberation Sans,Arial,DejaVu Sans,Sans"
#define CELL_PAD_X 3.0
#define CELL_PAD_Y 2.5
#define FACT_LABEL_W (36.0 * MM)
/* A heading keeps at least this much of what follows on its page. */
#define KEEP_WITH_NEXT 60.0

enum font { F_BODY, F_BOLD, F_H1, F_H2, F_H3, F_CELL, F_CELL_BOLD, F_FOOT, F_COUNT };

static const struct {
	double size;
	bool bold;
} fonts[F_COUNT] = {
	[F_BODY] = {10, false}, [F_BOLD] = {10, true},      [F_H1] = {18, true},
	[F_H2] = {14, true},    [F_H3] = {11.5, true},      [F_CELL] = {8.5, false},
	[F_CELL_BOLD] = {8.5, true}, [F_FOOT] = {8, false},
};

struct pdf {
	const struct report_doc *doc;
	PangoFontMap *fontmap;
	PangoContext *pc;
	PangoFontDescription *font[F_COUNT];
	cairo_surface_t *surface; /* drawing pass only */
	cairo_t *cr;              /* NULL while measuring */
	struct buf *out;
	double y;
	int page;                 /* 1-based */
	int pages;                /* the total, from the measuring pass */
	bool failed;              /* no memory for a layout */
};

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define JCS_LSAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define JCS_LSAN 1
#endif
#ifdef JCS_LSAN
/*
 * Fontconfig (2.14 in Debian 12) loses 288 bytes while parsing its own
 * configuration, once per process, in the thread pango starts to load it
 * (FcInitLoadConfigAndFonts).  Not ours to free.  The library has no frame
 * pointers, so the leak's stack ends in it and only its name can match.
 * LeakSanitizer reads this hook in every binary that draws a PDF; leaks of
 * our own, or of pango and cairo objects we fail to release, still show.
 */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
	return "leak:libfontconfig.so\n";
}
/* ...and says nothing of it on stderr, which CLI tests read. */
const char *__lsan_default_options(void);
const char *__lsan_default_options(void)
{
	return "print_suppressions=0";
}
#endif

static cairo_status_t write_out(void *closure, const unsigned char *data, unsigned int len)
{
	struct buf *b = closure;
	return buf_append(b, data, len) == E_OK ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

static PangoLayout *layout(struct pdf *p, const char *text, enum font f, double width,
			   PangoAlignment align)
{
	PangoLayout *l = pango_layout_new(p->pc);
	if (!l) {
		p->failed = true;
		return NULL;
	}
	pango_layout_set_font_description(l, p->font[f]);
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_width(l, (int)(width * PANGO_SCALE));
	pango_layout_set_alignment(l, align);
	pango_layout_set_text(l, text ? text : "", -1);
	return l;
}

static double layout_height(PangoLayout *l)
{
	PangoRectangle logical;
	pango_layout_get_extents(l, NULL, &logical);
	return (double)logical.height / PANGO_SCALE;
}

static void draw_layout(struct pdf *p, PangoLayout *l, double x, double y)
{
	if (!p->cr)
		return;
	cairo_move_to(p->cr, x, y);
	pango_cairo_show_layout(p->cr, l);
}

static void footer(struct pdf *p)
{
	if (!p->cr)
		return;
	char text[64];
	snprintf(text, sizeof text, "Page %d of %d", p->page, p->pages);
	double y = BODY_BOTTOM + 6.0 * MM;
	cairo_set_source_rgb(p->cr, 0.31, 0.35, 0.36);
	PangoLayout *l = layout(p, p->doc->running, F_FOOT, BODY_W * 0.7, PANGO_ALIGN_LEFT);
	if (l) {
		pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
		draw_layout(p, l, MARGIN_X, y);
		g_object_unref(l);
	}
	l = layout(p, text, F_FOOT, BODY_W, PANGO_ALIGN_RIGHT);
	if (l) {
		draw_layout(p, l, MARGIN_X, y);
		g_object_unref(l);
	}
	cairo_set_source_rgb(p->cr, 0.04, 0.05, 0.05);
}

static void new_page(struct pdf *p)
{
	footer(p);
	if (p->cr)
		cairo_show_page(p->cr);
	p->page++;
	p->y = MARGIN_TOP;
}

/* Starts a new page unless h fits below y (or y is already at the top,
 * where nothing would fit better). */
static void ensure(struct pdf *p, double h)
{
	if (p->y + h > BODY_BOTTOM && p->y > MARGIN_TOP)
		new_page(p);
}

static void tag_begin(struct pdf *p, const char *tag)
{
	if (p->cr)
		cairo_tag_begin(p->cr, tag, "");
}

static void tag_end(struct pdf *p, const char *tag)
{
	if (p->cr)
		cairo_tag_end(p->cr, tag);
}

/* Text that may run over a page: drawn line by line, breaking between
 * lines. */
static void text_block(struct pdf *p, const char *text, enum font f, double x, double width,
		       double space_after)
{
	PangoLayout *l = layout(p, text, f, width, PANGO_ALIGN_LEFT);
	if (!l)
		return;
	PangoLayoutIter *it = pango_layout_get_iter(l);
	do {
		PangoRectangle logical;
		pango_layout_iter_get_line_extents(it, NULL, &logical);
		double top = (double)logical.y / PANGO_SCALE;
		double h = (double)logical.height / PANGO_SCALE;
		double baseline = (double)pango_layout_iter_get_baseline(it) / PANGO_SCALE;
		ensure(p, h);
		if (p->cr) {
			cairo_move_to(p->cr, x + (double)logical.x / PANGO_SCALE,
				      p->y + baseline - top);
			pango_cairo_show_layout_line(p->cr, pango_layout_iter_get_line_readonly(it));
		}
		p->y += h;
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	g_object_unref(l);
	p->y += space_after;
}

static void heading(struct pdf *p, const char *text, int level)
{
	enum font f = level <= 1 ? F_H1 : level == 2 ? F_H2 : F_H3;
	const char *tag = level <= 1 ? "H1" : level == 2 ? "H2" : "H3";
	PangoLayout *l = layout(p, text, f, BODY_W, PANGO_ALIGN_LEFT);
	if (!l)
		return;
	double h = layout_height(l);
	if (level > 1) {
		p->y += 8.0;
		ensure(p, h + KEEP_WITH_NEXT);
	}
	if (p->cr) {
		char attrs[96];
		snprintf(attrs, sizeof attrs, "page=%d pos=[%.1f %.1f]", p->page, MARGIN_X, p->y);
		cairo_pdf_surface_add_outline(p->surface, CAIRO_PDF_OUTLINE_ROOT, text ? text : "",
					      attrs, 0);
	}
	tag_begin(p, tag);
	draw_layout(p, l, MARGIN_X, p->y);
	tag_end(p, tag);
	g_object_unref(l);
	p->y += h + (level <= 1 ? 10.0 : 5.0);
}

static void fact(struct pdf *p, const char *label, const char *text)
{
	/* The space keeps label and value two words for text extraction and
	 * screen readers; it takes no room at the end of the label. */
	char *spaced = g_strconcat(label ? label : "", " ", NULL);
	PangoLayout *a = layout(p, spaced, F_BOLD, FACT_LABEL_W - 6.0, PANGO_ALIGN_LEFT);
	g_free(spaced);
	PangoLayout *b = layout(p, text, F_BODY, BODY_W - FACT_LABEL_W, PANGO_ALIGN_LEFT);
	if (a && b) {
		double ha = layout_height(a), hb = layout_height(b);
		double h = ha > hb ? ha : hb;
		ensure(p, h);
		tag_begin(p, "P");
		draw_layout(p, a, MARGIN_X, p->y);
		draw_layout(p, b, MARGIN_X + FACT_LABEL_W, p->y);
		tag_end(p, "P");
		p->y += h + 2.0;
	}
	if (a)
		g_object_unref(a);
	if (b)
		g_object_unref(b);
}

/* ---- tables ---- */

static void column_geometry(const struct report_table *t, double *x, double *w)
{
	double total = 0, at = MARGIN_X;
	for (size_t c = 0; c < t->ncols; c++)
		total += t->cols[c].width > 0 ? t->cols[c].width : 1.0;
	for (size_t c = 0; c < t->ncols; c++) {
		w[c] = BODY_W * (t->cols[c].width > 0 ? t->cols[c].width : 1.0) / total;
		x[c] = at;
		at += w[c];
	}
}

/* Lays out one row's cells (header when cells is NULL) and returns its
 * height; ls holds ncols layouts for the caller to draw and free. */
static double row_layouts(struct pdf *p, const struct report_table *t,
			  const struct report_row *row, const double *w, PangoLayout **ls)
{
	double h = 0;
	for (size_t c = 0; c < t->ncols; c++) {
		const char *text = row ? row->cells[c].text : t->cols[c].header;
		enum font f = !row || row->strong ? F_CELL_BOLD : F_CELL;
		ls[c] = layout(p, text, f, w[c] - 2 * CELL_PAD_X,
			       t->cols[c].numeric ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
		if (ls[c]) {
			double ch = layout_height(ls[c]);
			if (ch > h)
				h = ch;
		}
	}
	return h + 2 * CELL_PAD_Y;
}

/* One row; tagged TR with TH or TD cells, except a header repeated on a
 * later page, which is only what the eye needs. */
static void draw_row(struct pdf *p, const struct report_table *t, PangoLayout **ls,
		     const double *x, double h, bool header, bool tagged)
{
	if (p->cr) {
		if (header) {
			cairo_set_source_rgb(p->cr, 0.953, 0.949, 0.945);
			cairo_rectangle(p->cr, MARGIN_X, p->y, BODY_W, h);
			cairo_fill(p->cr);
			cairo_set_source_rgb(p->cr, 0.04, 0.05, 0.05);
		}
		cairo_save(p->cr);
		cairo_rectangle(p->cr, MARGIN_X, p->y, BODY_W, BODY_BOTTOM - p->y);
		cairo_clip(p->cr);
		if (tagged)
			tag_begin(p, "TR");
		for (size_t c = 0; c < t->ncols; c++) {
			const char *tag = header || (int)c == t->row_header ? "TH" : "TD";
			if (tagged)
				tag_begin(p, tag);
			if (ls[c])
				draw_layout(p, ls[c], x[c] + CELL_PAD_X, p->y + CELL_PAD_Y);
			if (tagged)
				tag_end(p, tag);
		}
		if (tagged)
			tag_end(p, "TR");
		cairo_restore(p->cr);
		cairo_set_line_width(p->cr, header ? 1.0 : 0.5);
		if (!header)
			cairo_set_source_rgb(p->cr, 0.69, 0.71, 0.71);
		cairo_move_to(p->cr, MARGIN_X, p->y + h);
		cairo_line_to(p->cr, MARGIN_X + BODY_W, p->y + h);
		cairo_stroke(p->cr);
		cairo_set_source_rgb(p->cr, 0.04, 0.05, 0.05);
	}
	p->y += h;
}

static void free_layouts(PangoLayout **ls, size_t n)
{
	for (size_t c = 0; c < n; c++)
		if (ls[c])
			g_object_unref(ls[c]);
}

static void header_row(struct pdf *p, const struct report_table *t, PangoLayout **ls,
		       const double *x, const double *w, bool tagged)
{
	double h = row_layouts(p, t, NULL, w, ls);
	draw_row(p, t, ls, x, h, true, tagged);
	free_layouts(ls, t->ncols);
}

static void table(struct pdf *p, const struct report_table *t)
{
	double *x = g_new(double, t->ncols), *w = g_new(double, t->ncols);
	PangoLayout **ls = g_new0(PangoLayout *, t->ncols);

	column_geometry(t, x, w);
	PangoLayout *cap = layout(p, t->caption, F_BOLD, BODY_W, PANGO_ALIGN_LEFT);
	double ch = cap ? layout_height(cap) + 4.0 : 0;
	/* The caption, the header and the first row stay together. */
	double hh = row_layouts(p, t, NULL, w, ls);
	free_layouts(ls, t->ncols);
	double first = 0;
	if (t->nrows) {
		first = row_layouts(p, t, &t->rows[0], w, ls);
		free_layouts(ls, t->ncols);
	}
	p->y += 4.0;
	ensure(p, ch + hh + first);
	tag_begin(p, "Table");
	if (cap) {
		tag_begin(p, "Caption");
		draw_layout(p, cap, MARGIN_X, p->y);
		tag_end(p, "Caption");
		g_object_unref(cap);
	}
	p->y += ch;
	header_row(p, t, ls, x, w, true);
	for (size_t r = 0; r < t->nrows; r++) {
		double h = row_layouts(p, t, &t->rows[r], w, ls);
		if (p->y + h > BODY_BOTTOM) {
			/* A table always has its header above its first row, so
			 * here y is below it: move on and repeat the header. */
			new_page(p);
			PangoLayout **hl = g_new0(PangoLayout *, t->ncols);
			header_row(p, t, hl, x, w, false);
			g_free(hl);
		}
		draw_row(p, t, ls, x, h, false, true);
		free_layouts(ls, t->ncols);
	}
	tag_end(p, "Table");
	p->y += 10.0;
	g_free(ls);
	g_free(x);
	g_free(w);
}

/* ---- the document ---- */

static void lay_out(struct pdf *p)
{
	const struct report_doc *d = p->doc;

	p->page = 1;
	p->y = MARGIN_TOP;
	heading(p, d->title, 1);
	for (size_t i = 0; i < d->n; i++) {
		const struct report_block *b = &d->blocks[i];
		switch (b->kind) {
		case BLOCK_HEADING:
			heading(p, b->text, b->level);
			break;
		case BLOCK_PARA:
			tag_begin(p, "P");
			text_block(p, b->text, F_BODY, MARGIN_X, BODY_W, 6.0);
			tag_end(p, "P");
			break;
		case BLOCK_FACT:
			fact(p, b->label, b->text);
			if (i + 1 == d->n || d->blocks[i + 1].kind != BLOCK_FACT)
				p->y += 6.0;
			break;
		case BLOCK_TABLE:
			table(p, b->table);
			break;
		}
	}
	footer(p);
}

static bool fonts_init(struct pdf *p)
{
	p->fontmap = pango_cairo_font_map_new();
	if (!p->fontmap)
		return false;
	p->pc = pango_font_map_create_context(p->fontmap);
	if (!p->pc)
		return false;
	pango_cairo_context_set_resolution(p->pc, 72.0);
	cairo_font_options_t *fo = cairo_font_options_create();
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	pango_cairo_context_set_font_options(p->pc, fo);
	cairo_font_options_destroy(fo);
	pango_context_set_language(p->pc, pango_language_from_string("en-gb"));
	for (int f = 0; f < F_COUNT; f++) {
		p->font[f] = pango_font_description_new();
		pango_font_description_set_family(p->font[f], FAMILY);
		pango_font_description_set_size(p->font[f], (gint)(fonts[f].size * PANGO_SCALE));
		pango_font_description_set_weight(p->font[f], fonts[f].bold ? PANGO_WEIGHT_BOLD
									    : PANGO_WEIGHT_NORMAL);
	}
	return true;
}

static void fonts_free(struct pdf *p)
{
	for (int f = 0; f < F_COUNT; f++)
		if (p->font[f])
			pango_font_description_free(p->font[f]);
	if (p->pc)
		g_object_unref(p->pc);
	if (p->fontmap)
		g_object_unref(p->fontmap);
}

enum err report_pdf(const struct report_doc *d, struct buf *out, char *err, size_t errlen)
{
	struct pdf p = {.doc = d, .out = out};
	enum err rc = E_OK;

	if (!fonts_init(&p)) {
		snprintf(err, errlen, "the PDF's fonts could not be set up");
		rc = E_NOMEM;
		goto out;
	}
	/* Pass 1: measure only, to count the pages. */
	lay_out(&p);
	p.pages = p.page;

	/* Pass 2: draw. */
	p.surface = cairo_pdf_surface_create_for_stream(write_out, out, PAGE_W, PAGE_H);
	p.cr = cairo_create(p.surface);
	cairo_pdf_surface_set_metadata(p.surface, CAIRO_PDF_METADATA_TITLE, d->title ? d->title : "");
	cairo_pdf_surface_set_metadata(p.surface, CAIRO_PDF_METADATA_CREATOR, "jcs");
	cairo_set_source_rgb(p.cr, 0.04, 0.05, 0.05);
	tag_begin(&p, "Document");
	lay_out(&p);
	tag_end(&p, "Document");
	cairo_show_page(p.cr);
	cairo_status_t st = cairo_status(p.cr);
	cairo_surface_finish(p.surface);
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_status(p.surface);
	if (p.failed || st == CAIRO_STATUS_NO_MEMORY) {
		snprintf(err, errlen, "no memory to draw the PDF");
		rc = E_NOMEM;
	} else if (st == CAIRO_STATUS_WRITE_ERROR || out->failed) {
		snprintf(err, errlen, "the PDF is larger than the most a paper may be");
		rc = E_TOOBIG;
	} else if (st != CAIRO_STATUS_SUCCESS) {
		snprintf(err, errlen, "the PDF could not be drawn: %s", cairo_status_to_string(st));
		rc = E_IO;
	} else if (p.page != p.pages) {
		/* Both passes run the same code on the same measures. */
		snprintf(err, errlen, "the PDF's pages were counted wrongly");
		rc = E_IO;
	}
out:
	if (p.cr)
		cairo_destroy(p.cr);
	if (p.surface)
		cairo_surface_destroy(p.surface);
	fonts_free(&p);
	return rc;
}
