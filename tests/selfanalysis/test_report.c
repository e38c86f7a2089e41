/*
 * test_report.c: the board paper (report.h) in all three formats, on both
 * backends, from rounds made through the store: Oxfordshire's ten
 * interviews (seed 000, Annex A) with its stated averages, comments and
 * key messages, a later round to compare with, a round too small to show
 * its annex, and one long enough that its annex runs over pages.
 *
 * Each format is read back by a real reader: the HTML as text, the PDF by
 * poppler (pdftotext for its words, pdftoppm for a picture of page 1, read
 * by cairo), the XLSX by openpyxl (Debian's python3-openpyxl, run with
 * Debian's own python3).  The expected order and means of the summary
 * table are worked out by hand from the seed's table:
 *
 *   statement  scores (Don't know left out)               n   mean
 *   5          4 4 3 3.5 4 5 3.5 4 3 5                     10  3.90
 *   7          4 3 3.5 4 2 5 3.5 4.5 4 5                   10  3.85
 *   1          4 3 1.5 3.5 3.5 4.5 3.5 3.5 3.5 3.5         10  3.40
 *   11         2 2 3.5 4 3 3.5 3.5 4.5                     8   3.25
 *   8          2.5 2 4 3 3 3.5 4 3.5 3.5                   9   3.22
 *   12         1.5 3 3 3.5 3 3 3.5 3.5 3 3                 10  3.00
 *   6          2.5 3 3.5 3 1.5 3.5 3 3.5                   8   2.94 (stated 2.35)
 *   3          1 2 2 3.5 3 3 3.5 3 2 5                     10  2.80
 *   2          3 2 3.5 3 3 1 3 3.5                         8   2.75
 *   9          3 2 3.5 3 1.5 3.5 2 3.5                     8   2.75
 *   4          3 3 2 3.5 4 2 1 2.5 2 3.5                   10  2.65
 *   10         3 2 1 3.5 3 1 1.5 3.5 3.5                   9   2.44
 *
 * Statement 6's printed 2.35 is its total over all ten interviews, "Don't
 * know" counted as nought; the paper's lowest is therefore statement 10,
 * not 6 as printed.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <cairo/cairo.h>
#include <dirent.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "audit/audit.h"
#include "core/buf.h"
#include "core/pool.h"
#include "selfanalysis/report.h"
#include "selfanalysis/report_doc.h"
#include "selfanalysis/results.h"
#include "selfanalysis/round.h"
#include "selfanalysis/seed_scores.h"
#include "support/spawn.h"
#include "support/teststore.h"

static const struct actor *cli = &actor_cli;
static int64_t pa, pb;
static char dir[256]; /* this test's temporary folder */

static int setup(void **state)
{
	int rc = teststore_setup_pair(state, &pa, &pb);
	snprintf(dir, sizeof dir, "/tmp/jcs-report-test-XXXXXX");
	assert_non_null(mkdtemp(dir));
	return rc;
}

static int teardown(void **state)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char path[512];
	while (d && (e = readdir(d)))
		if (e->d_name[0] != '.') {
			snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
			unlink(path);
		}
	if (d)
		closedir(d);
	rmdir(dir);
	return teststore_teardown(state);
}

/* ---- making rounds through the store ---- */

static const struct scale csp = {1, 5, true, true};

static int64_t add_round(int64_t p, const char *name, const char *opens)
{
	struct round r = {.framework = "csp-2009-12", .name = name, .mode = ROUND_INTERVIEWS,
			  .opens_on = opens};
	int64_t id = 0;
	assert_int_equal(round_add(testdb, cli, p, &r, &id), E_OK);
	return id;
}

static void add_response(int64_t p, int64_t round, const char *label, const char *const *cells)
{
	struct score s[OXON_STATEMENTS];
	char err[SCORE_ERR_SIZE];
	for (size_t i = 0; i < OXON_STATEMENTS; i++)
		assert_int_equal(score_parse(cells[i], &csp, &s[i], err, sizeof err), E_OK);
	struct response_in in = {.respondent = label, .source = RESPONSE_IMPORT, .cells = s,
				 .n = OXON_STATEMENTS};
	assert_int_equal(response_add(testdb, cli, p, round, &in), E_OK);
}

/* Oxfordshire's round as its paper gives it, with key messages, two
 * comments on statement 5 (one selected) and one on 12 (selected). */
static int64_t oxon_round(int64_t p)
{
	int64_t id = add_round(p, "Oxfordshire 2009", "2009-08-01");
	for (size_t r = 0; r < OXON_INTERVIEWS; r++) {
		const char *cells[OXON_STATEMENTS];
		char label[8];
		for (size_t s = 0; s < OXON_STATEMENTS; s++)
			cells[s] = oxon[s][r];
		snprintf(label, sizeof label, "%zu", r + 1);
		add_response(p, id, label, cells);
	}
	for (int s = 0; s < OXON_STATEMENTS; s++)
		assert_int_equal(round_set_stated(testdb, p, id, s + 1, oxon_stated[s]), E_OK);
	assert_int_equal(round_add_comment(testdb, p, id, 5, "Needs are now well understood."),
			 E_OK);
	assert_int_equal(round_add_comment(testdb, p, id, 5, "Left out of the paper."), E_OK);
	assert_int_equal(round_add_comment(testdb, p, id, 12, "More learning from <others> & peers."),
			 E_OK);
	struct round_data d;
	assert_int_equal(round_data_load(testdb, &testpool, p, id, &d), E_OK);
	assert_int_equal(d.n_comments, 3);
	for (size_t i = 0; i < d.n_comments; i++)
		if (strcmp(d.comments[i].body, "Left out of the paper.") != 0)
			assert_int_equal(round_select_comment(testdb, cli, p, id, d.comments[i].id, 1),
					 E_OK);
	struct round r = d.round;
	r.key_messages = "Understanding of needs has improved.\r\n\n  Data & performance: "
			 "more to do.  \n";
	assert_int_equal(round_update(testdb, cli, p, id, &r), E_OK);
	return id;
}

/* n respondents who all give every statement the half-point score half. */
static int64_t uniform_round(int64_t p, const char *name, const char *opens, size_t n,
			     const char *score)
{
	int64_t id = add_round(p, name, opens);
	const char *cells[OXON_STATEMENTS];
	for (size_t s = 0; s < OXON_STATEMENTS; s++)
		cells[s] = score;
	for (size_t r = 0; r < n; r++)
		add_response(p, id, NULL, cells);
	return id;
}

static struct buf render(int64_t p, int64_t round, enum report_format f)
{
	struct buf b;
	char err[REPORT_ERR_SIZE];
	buf_init(&b, REPORT_MAX_BYTES);
	enum err rc = report_render(testdb, &testpool, p, round, f, &b, err, sizeof err);
	if (rc)
		fail_msg("report_render: %s (%s)", err_name(rc), err);
	return b;
}

static const char *save(const struct buf *b, const char *name)
{
	static char path[512];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(b->data, 1, b->len, f), b->len);
	assert_int_equal(fclose(f), 0);
	return path;
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	struct buf b;
	buf_init(&b, 64u << 20);
	char chunk[8192];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		assert_int_equal(buf_append(&b, chunk, n), E_OK);
	fclose(f);
	char *s = strdup(b.data ? b.data : "");
	buf_free(&b);
	return s;
}

static size_t count(const char *hay, const char *needle)
{
	size_t n = 0;
	for (const char *s = hay; (s = strstr(s, needle)); s += strlen(needle))
		n++;
	return n;
}

/* ---- formats ---- */

static void test_format_codes(void **state)
{
	(void)state;
	for (int f = REPORT_HTML; f <= REPORT_XLSX; f++)
		assert_int_equal(report_format_parse(report_format_code(f)), f);
	assert_string_equal(report_format_code(REPORT_PDF), "pdf");
	assert_string_equal(report_content_type(REPORT_HTML), "text/html; charset=utf-8");
	assert_string_equal(report_content_type(REPORT_PDF), "application/pdf");
	assert_string_equal(report_content_type(REPORT_XLSX),
			    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
	assert_int_equal(report_format_parse("PDF"), -1);
	assert_int_equal(report_format_parse("docx"), -1);
	assert_int_equal(report_format_parse(""), -1);
	assert_int_equal(report_format_parse(NULL), -1);
}

/* The one formatting of numbers: spreadsheet rounding, signs of changes. */
static void test_number_text(void **state)
{
	(void)state;
	assert_string_equal(report_num_text(&testpool, 107.0 / 40, NUMFMT_2DP), "2.68");
	assert_string_equal(report_num_text(&testpool, 23.5 / 8, NUMFMT_2DP), "2.94");
	assert_string_equal(report_num_text(&testpool, 22.0 / 9, NUMFMT_2DP), "2.44");
	assert_string_equal(report_num_text(&testpool, 3.9, NUMFMT_2DP), "3.90");
	assert_string_equal(report_num_text(&testpool, -0.001, NUMFMT_2DP), "0.00");
	assert_string_equal(report_num_text(&testpool, 0.25, NUMFMT_SIGNED), "+0.25");
	assert_string_equal(report_num_text(&testpool, -0.1, NUMFMT_SIGNED), "-0.10");
	assert_string_equal(report_num_text(&testpool, 0, NUMFMT_SIGNED), "0.00");
	assert_string_equal(report_num_text(&testpool, 3, NUMFMT_SCORE), "3");
	assert_string_equal(report_num_text(&testpool, 3.5, NUMFMT_SCORE), "3.5");
	assert_string_equal(report_num_text(&testpool, 1.75, NUMFMT_SCORE), "1.75");
	assert_string_equal(report_num_text(&testpool, 10, NUMFMT_INT), "10");
}

/* ---- HTML ---- */

/* The text of each cell in column col of the first table's body. */
static size_t column_cells(const char *html, size_t col, char out[][64], size_t max)
{
	const char *body = strstr(html, "<tbody>");
	const char *end = body ? strstr(body, "</tbody>") : NULL;
	size_t n = 0;
	assert_non_null(end);
	for (const char *row = strstr(body, "<tr"); row && row < end && n < max;
	     row = strstr(row + 3, "<tr")) {
		const char *c = row;
		for (size_t i = 0; i <= col; i++) {
			c = strstr(c + 1, "<t");
			while (c && strncmp(c, "<td", 3) != 0 && strncmp(c, "<th", 3) != 0)
				c = strstr(c + 1, "<t");
			assert_non_null(c);
		}
		c = strchr(c, '>') + 1;
		size_t len = strcspn(c, "<");
		assert_true(len < 64);
		memcpy(out[n], c, len);
		out[n][len] = '\0';
		n++;
	}
	return n;
}

static void test_html(void **state)
{
	(void)state;
	int64_t id = oxon_round(pa);
	struct buf b = render(pa, id, REPORT_HTML);
	const char *h = b.data;

	assert_non_null(strstr(h, "<html lang=\"en-GB\">"));
	assert_non_null(strstr(h, "<h1>Commissioning self-analysis: Oxfordshire 2009</h1>"));
	assert_non_null(strstr(h, "<dt>Partnership</dt><dd>alpha"));
	assert_non_null(strstr(h, "<dt>Dates</dt><dd>From 1 August 2009</dd>"));
	assert_non_null(strstr(h, "<dt>Respondents</dt><dd>10</dd>"));
	/* Key messages: a paragraph per line, escaped, blank lines dropped. */
	assert_non_null(strstr(h, "<p>Understanding of needs has improved.</p>\n"
				  "<p>Data &amp; performance: more to do.</p>"));
	/* Self-contained: nothing fetched from anywhere. */
	assert_null(strstr(h, "<script"));
	assert_null(strstr(h, "<link"));
	assert_null(strstr(h, "src="));
	assert_null(strstr(h, "href="));

	/* The summary table, highest first, as worked out above. */
	assert_non_null(strstr(h, "<caption>Mean score of each standard, highest first</caption>"));
	assert_non_null(strstr(h, "<th scope=\"col\" class=\"num\">Rank</th>"));
	static const char *const numbers[] = {"5", "7", "1", "11", "8", "12",
					      "6", "3", "2", "9", "4", "10"};
	static const char *const means[] = {"3.90", "3.85", "3.40", "3.25", "3.22", "3.00",
					    "2.94", "2.80", "2.75", "2.75", "2.65", "2.44"};
	static const char *const ranks[] = {"1", "2", "3", "4", "5", "6",
					    "7", "8", "9", "9", "11", "12"};
	char cells[16][64];
	assert_int_equal(column_cells(h, 1, cells, 16), 12);
	for (size_t i = 0; i < 12; i++)
		assert_string_equal(cells[i], numbers[i]);
	assert_int_equal(column_cells(h, 4, cells, 16), 12);
	for (size_t i = 0; i < 12; i++)
		assert_string_equal(cells[i], means[i]);
	assert_int_equal(column_cells(h, 0, cells, 16), 12);
	for (size_t i = 0; i < 12; i++)
		assert_string_equal(cells[i], ranks[i]);
	/* Marked in words, and in bold: the first and last rows only. */
	assert_int_equal(column_cells(h, 3, cells, 16), 12);
	assert_string_equal(cells[0], "Highest score");
	assert_string_equal(cells[11], "Lowest score");
	for (size_t i = 1; i < 11; i++)
		assert_string_equal(cells[i], "");
	assert_int_equal(count(h, "<tr class=\"mark\">"), 2);
	/* The standard names its row. */
	assert_non_null(strstr(h, "<th scope=\"row\">We really understand the needs"));
	/* n, Don't know and the range of statement 6: 8, 2, 1.5 to 3.5. */
	assert_int_equal(column_cells(h, 6, cells, 16), 12);
	assert_string_equal(cells[6], "8");
	assert_int_equal(column_cells(h, 7, cells, 16), 12);
	assert_string_equal(cells[6], "2");
	assert_int_equal(column_cells(h, 8, cells, 16), 12);
	assert_string_equal(cells[6], "1.5 to 3.5");

	/* Statement 6's stated 2.35 does not match; the others do. */
	assert_non_null(strstr(h, "<h2>Stated averages that do not match the scores</h2>"));
	const char *stated = strstr(h, "Stated averages that differ from the recomputed mean");
	assert_non_null(stated);
	assert_non_null(strstr(stated, "<td class=\"num\">2.35</td><td class=\"num\">2.94</td>"));
	const char *stated_end = strstr(stated, "</table>");
	assert_non_null(stated_end);
	assert_int_equal(count(stated, "<tr>") - count(stated_end, "<tr>"), 2); /* header, row */

	/* Ten respondents, k = 5: the annex and the selected comments. */
	assert_non_null(strstr(h, "<caption>Scores by respondent and standard</caption>"));
	assert_non_null(strstr(h, "Needs are now well understood."));
	assert_non_null(strstr(h, "More learning from &lt;others&gt; &amp; peers."));
	assert_null(strstr(h, "Left out of the paper."));
	/* The first round has nothing before it. */
	assert_null(strstr(h, "Comparison with"));
	buf_free(&b);
}

/* ---- PDF ---- */

static void run(const char *const *args)
{
	static struct spawn_result r;
	spawn_run(&r, args);
	if (r.status != 0)
		fail_msg("%s exited %d: %s", args[0], r.status, r.err);
}

/* The words of pages first..last (0: to the end), by pdftotext. */
static char *pdf_text(const char *pdf, int first, int last)
{
	char out[600], f[16], l[16];
	snprintf(out, sizeof out, "%s.txt", pdf);
	snprintf(f, sizeof f, "%d", first);
	snprintf(l, sizeof l, "%d", last);
	if (last)
		run((const char *const[]){"/usr/bin/pdftotext", "-f", f, "-l", l, pdf, out, NULL});
	else
		run((const char *const[]){"/usr/bin/pdftotext", pdf, out, NULL});
	return slurp(out);
}

/* M of "Page 1 of M" in the PDF's first page. */
static int pdf_pages(const char *pdf)
{
	char *t = pdf_text(pdf, 1, 1);
	const char *s = strstr(t, "Page 1 of ");
	assert_non_null(s);
	int m = atoi(s + strlen("Page 1 of "));
	free(t);
	return m;
}

/* True when page p's text has a line that is exactly line. */
static int page_has_line(const char *pdf, int p, const char *line)
{
	char *t = pdf_text(pdf, p, p);
	size_t n = strlen(line);
	int found = 0;
	for (const char *s = t; (s = strstr(s, line)); s += n)
		if ((s == t || s[-1] == '\n') && (s[n] == '\n' || s[n] == '\0'))
			found = 1;
	free(t);
	return found;
}

static void test_pdf(void **state)
{
	(void)state;
	int64_t id = oxon_round(pa);
	struct buf b = render(pa, id, REPORT_PDF);
	assert_true(b.len > 1000);
	assert_memory_equal(b.data, "%PDF-", 5);
	const char *pdf = save(&b, "oxon.pdf");
	buf_free(&b);

	char *t = pdf_text(pdf, 0, 0);
	assert_non_null(strstr(t, "Commissioning self-analysis: Oxfordshire 2009"));
	assert_non_null(strstr(t, "Key messages"));
	assert_non_null(strstr(t, "Understanding of needs has improved."));
	assert_non_null(strstr(t, "Summary of scores"));
	assert_non_null(strstr(t, "Highest score"));
	assert_non_null(strstr(t, "Lowest score"));
	assert_non_null(strstr(t, "We really understand the needs"));
	assert_non_null(strstr(t, "3.90"));
	assert_non_null(strstr(t, "2.44"));
	assert_non_null(strstr(t, "Needs are now well understood."));
	assert_null(strstr(t, "Left out of the paper."));
	assert_non_null(strstr(t, "Page 1 of "));
	free(t);
	int pages = pdf_pages(pdf);
	assert_true(pages >= 2);
	/* Every page says which it is. */
	char want[32];
	snprintf(want, sizeof want, "Page %d of %d", pages, pages);
	t = pdf_text(pdf, pages, pages);
	assert_non_null(strstr(t, want));
	free(t);

	/* Page 1 drawn at 50 dpi: an A4-shaped picture with ink on it. */
	char prefix[600], png[620];
	snprintf(prefix, sizeof prefix, "%s/page", dir);
	snprintf(png, sizeof png, "%s.png", prefix);
	run((const char *const[]){"/usr/bin/pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1",
				  "-singlefile", pdf, prefix, NULL});
	cairo_surface_t *img = cairo_image_surface_create_from_png(png);
	assert_int_equal(cairo_surface_status(img), CAIRO_STATUS_SUCCESS);
	int w = cairo_image_surface_get_width(img), hgt = cairo_image_surface_get_height(img);
	assert_in_range(w, 410, 416);   /* 210 mm at 50 dpi: 413 */
	assert_in_range(hgt, 582, 588); /* 297 mm: 585 */
	cairo_surface_flush(img);
	const unsigned char *px = cairo_image_surface_get_data(img);
	int stride = cairo_image_surface_get_stride(img);
	long dark = 0, light = 0;
	for (int y = 0; y < hgt; y++)
		for (int x = 0; x < w; x++) {
			uint32_t v = *(const uint32_t *)(px + y * stride + 4 * x);
			int lum = (int)(((v >> 16) & 0xff) + ((v >> 8) & 0xff) + (v & 0xff)) / 3;
			if (lum < 128)
				dark++;
			else
				light++;
		}
	cairo_surface_destroy(img);
	/* Text covers a few per cent of a page; the rest is paper. */
	assert_true(dark > (long)w * hgt / 200);
	assert_true(light > (long)w * hgt / 2);
}

/* Sixty respondents: the annex runs over pages, its header on each. */
static void test_pdf_long_table(void **state)
{
	(void)state;
	int64_t id = uniform_round(pa, "Sixty", "2012-01-01", 60, "3.5");
	struct buf b = render(pa, id, REPORT_PDF);
	const char *pdf = save(&b, "sixty.pdf");
	buf_free(&b);

	int pages = pdf_pages(pdf);
	assert_true(pages >= 3);
	char *t = pdf_text(pdf, 2, 2);
	assert_non_null(strstr(t, "Page 2 of "));
	free(t);
	/* Respondent 60 is the annex's last row; every page from the
	 * caption's to that one starts its part of the table with the
	 * header. */
	int first = 0, last = 0;
	for (int p = 1; p <= pages; p++) {
		if (!first && page_has_line(pdf, p, "Scores by respondent and standard"))
			first = p;
		t = pdf_text(pdf, p, p);
		if (first && strstr(t, "\n60\n"))
			last = p;
		free(t);
	}
	assert_true(first >= 1);
	assert_true(last > first);
	for (int p = first; p <= last; p++)
		assert_true(page_has_line(pdf, p, "Respondent"));
}

/* A document built by hand: a table of 150 rows over several pages keeps
 * its rows in order and repeats its header on every page. */
static void test_pdf_table_breaks(void **state)
{
	(void)state;
	static const struct report_column cols[] = {
		{"Row label", 3, false}, {"Value heading", 1, true}};
	struct report_doc d = {.title = "Long table", .running = "Test"};
	struct report_table *t = report_table_new(&testpool, "A long table", "Summary", cols, 2, 0,
						  150);
	assert_non_null(t);
	for (size_t r = 0; r < 150; r++) {
		report_cell_text(t, r, 0, pool_printf(&testpool, "Row %zu", r + 1));
		assert_int_equal(report_cell_num(&testpool, t, r, 1, (double)r / 4, NUMFMT_2DP),
				 E_OK);
	}
	assert_int_equal(report_doc_add(&testpool, &d,
					(struct report_block){.kind = BLOCK_TABLE, .table = t}),
			 E_OK);
	struct buf b;
	char err[REPORT_ERR_SIZE];
	buf_init(&b, REPORT_MAX_BYTES);
	assert_int_equal(report_pdf(&d, &b, err, sizeof err), E_OK);
	const char *pdf = save(&b, "long.pdf");
	buf_free(&b);

	int pages = pdf_pages(pdf);
	assert_true(pages >= 3);
	int seen = 0; /* the last row number met so far */
	for (int p = 1; p <= pages; p++) {
		assert_true(page_has_line(pdf, p, "Row label"));
		assert_true(page_has_line(pdf, p, "Value heading"));
		char *txt = pdf_text(pdf, p, p);
		for (const char *s = txt; (s = strstr(s, "Row ")); s += 4)
			if (s[4] >= '1' && s[4] <= '9') {
				int n = atoi(s + 4);
				assert_int_equal(n, seen + 1);
				seen = n;
			}
		free(txt);
	}
	assert_int_equal(seen, 150);
}

/* ---- XLSX ---- */

/* openpyxl's view of a workbook: sheet names, values, frozen panes, the
 * number format of row 3 and which cells of rows 1-3 are bold. */
static const char reader[] =
	"import json, sys, openpyxl\n"
	"wb = openpyxl.load_workbook(sys.argv[1])\n"
	"out = {'sheets': wb.sheetnames, 'data': {}, 'frozen': {}, 'bold': {}, 'fmt': {}}\n"
	"for ws in wb.worksheets:\n"
	"    rows = list(ws.iter_rows())\n"
	"    out['data'][ws.title] = [[c.value for c in r] for r in rows]\n"
	"    out['frozen'][ws.title] = ws.freeze_panes\n"
	"    out['bold'][ws.title] = [[bool(c.font.b) for c in r] for r in rows[:3]]\n"
	"    out['fmt'][ws.title] = [c.number_format for c in rows[2]] if len(rows) > 2 else []\n"
	"json.dump(out, open(sys.argv[2], 'w'))\n";

static json_t *read_xlsx(const struct buf *b, const char *name)
{
	char json[600];
	const char *path = save(b, name);
	snprintf(json, sizeof json, "%s.json", path);
	run((const char *const[]){"/usr/bin/python3", "-c", reader, path, json, NULL});
	json_error_t e;
	json_t *o = json_load_file(json, 0, &e);
	if (!o)
		fail_msg("%s: %s", json, e.text);
	return o;
}

static json_t *cell(json_t *wb, const char *sheet, size_t row, size_t col)
{
	json_t *rows = json_object_get(json_object_get(wb, "data"), sheet);
	json_t *r = json_array_get(rows, row - 1);
	assert_non_null(r);
	return json_array_get(r, col - 1);
}

/* The workbook's sheets are want (NULL-terminated), in that order. */
static void assert_sheets(json_t *wb, const char *const *want)
{
	json_t *sheets = json_object_get(wb, "sheets");
	size_t n = 0;
	for (; want[n]; n++)
		assert_string_equal(json_string_value(json_array_get(sheets, n)), want[n]);
	assert_int_equal(json_array_size(sheets), n);
}

static void assert_number(json_t *v, double want)
{
	assert_true(json_is_number(v));
	assert_true(json_number_value(v) > want - 1e-9 && json_number_value(v) < want + 1e-9);
}

static void test_xlsx(void **state)
{
	(void)state;
	int64_t id = oxon_round(pa);
	struct buf b = render(pa, id, REPORT_XLSX);
	assert_memory_equal(b.data, "PK", 2);
	json_t *wb = read_xlsx(&b, "oxon.xlsx");
	buf_free(&b);

	assert_sheets(wb, (const char *const[]){"Summary", "Annex", "Comments", "About", NULL});

	/* Caption, then the header: bold and frozen. */
	assert_string_equal(json_string_value(cell(wb, "Summary", 1, 1)),
			    "Mean score of each standard, highest first");
	static const char *const header[] = {
		"Rank", "No.", "Standard", "Mark", "Mean", "Median", "n", "Don't know",
		"Range from", "Range to", "Agreement (rwg)"};
	for (size_t c = 0; c < 11; c++)
		assert_string_equal(json_string_value(cell(wb, "Summary", 2, c + 1)), header[c]);
	assert_string_equal(json_string_value(json_object_get(json_object_get(wb, "frozen"),
							      "Summary")),
			    "A3");
	json_t *bold = json_array_get(json_object_get(json_object_get(wb, "bold"), "Summary"), 1);
	for (size_t c = 0; c < 11; c++)
		assert_true(json_is_true(json_array_get(bold, c)));

	/* Row 3, statement 5, the highest: numbers stored as numbers. */
	assert_number(cell(wb, "Summary", 3, 1), 1);
	assert_number(cell(wb, "Summary", 3, 2), 5);
	assert_string_equal(json_string_value(cell(wb, "Summary", 3, 4)), "Highest score");
	assert_number(cell(wb, "Summary", 3, 5), 3.9);
	assert_number(cell(wb, "Summary", 3, 7), 10);
	assert_number(cell(wb, "Summary", 3, 8), 0);
	assert_number(cell(wb, "Summary", 3, 9), 3);
	assert_number(cell(wb, "Summary", 3, 10), 5);
	json_t *fmt = json_object_get(json_object_get(wb, "fmt"), "Summary");
	assert_string_equal(json_string_value(json_array_get(fmt, 4)), "0.00");
	/* Row 14, statement 10, the lowest: 22 / 9. */
	assert_number(cell(wb, "Summary", 14, 2), 10);
	assert_string_equal(json_string_value(cell(wb, "Summary", 14, 4)), "Lowest score");
	assert_number(cell(wb, "Summary", 14, 5), 22.0 / 9);
	/* After a blank row, the stated average that does not match. */
	assert_null(json_string_value(cell(wb, "Summary", 15, 1)));
	assert_string_equal(json_string_value(cell(wb, "Summary", 16, 1)),
			    "Stated averages that differ from the recomputed mean");
	assert_number(cell(wb, "Summary", 18, 1), 6);
	assert_number(cell(wb, "Summary", 18, 3), 2.35);
	assert_number(cell(wb, "Summary", 18, 4), 23.5 / 8);
	struct round_data d;
	struct round_results res;
	assert_int_equal(round_data_load(testdb, &testpool, pa, id, &d), E_OK);
	assert_int_equal(round_results_compute(&d, &testpool, &res), E_OK);
	assert_true(res.standards[5].check.mismatch);
	assert_string_equal(json_string_value(cell(wb, "Summary", 18, 5)),
			    res.standards[5].check.note);

	/* The annex: respondent 1 is interview 1, the seed's first column. */
	assert_string_equal(json_string_value(cell(wb, "Annex", 2, 1)), "Respondent");
	assert_string_equal(json_string_value(cell(wb, "Annex", 2, 13)), "12");
	assert_number(cell(wb, "Annex", 3, 1), 1);
	for (size_t s = 0; s < OXON_STATEMENTS; s++)
		assert_number(cell(wb, "Annex", 3, s + 2), atof(oxon[s][0]));
	/* Interview 3's "Don't know" on statement 2 is text, not nought. */
	assert_string_equal(json_string_value(cell(wb, "Annex", 5, 3)), "Don't know");
	assert_number(cell(wb, "Annex", 12, 1), 10);

	/* The selected comments only. */
	assert_string_equal(json_string_value(cell(wb, "Comments", 3, 3)),
			    "Needs are now well understood.");
	assert_string_equal(json_string_value(cell(wb, "Comments", 4, 3)),
			    "More learning from <others> & peers.");
	assert_int_equal(json_array_size(json_object_get(json_object_get(wb, "data"), "Comments")),
			 4);

	/* The paper's text on About. */
	assert_string_equal(json_string_value(cell(wb, "About", 1, 1)),
			    "Commissioning self-analysis: Oxfordshire 2009");
	assert_string_equal(json_string_value(cell(wb, "About", 2, 1)), "Partnership");
	assert_string_equal(json_string_value(cell(wb, "About", 2, 2)), "alpha");
	json_decref(wb);
}

/* ---- anonymity ---- */

static void test_suppressed(void **state)
{
	(void)state;
	int64_t id = uniform_round(pa, "Three", "2011-01-01", 3, "2");
	assert_int_equal(round_add_comment(testdb, pa, id, 1, "Only three of us."), E_OK);
	struct round_data d;
	assert_int_equal(round_data_load(testdb, &testpool, pa, id, &d), E_OK);
	assert_int_equal(round_select_comment(testdb, cli, pa, id, d.comments[0].id, 1), E_OK);
	const char *why = results_suppressed_text(&testpool, 3, ANONYMITY_K_DEFAULT);
	const char *why_comments = results_comments_suppressed_text(&testpool, 3, ANONYMITY_K_DEFAULT);
	const char *why_figures = results_figures_suppressed_text(&testpool, 3, ANONYMITY_K_DEFAULT);

	struct buf b = render(pa, id, REPORT_HTML);
	assert_non_null(strstr(b.data, why));
	assert_non_null(strstr(b.data, why_comments));
	assert_null(strstr(b.data, "Scores by respondent and standard"));
	assert_null(strstr(b.data, "Only three of us."));
	/* Three interviews: no summary either (it would be three people's
	 * answers), the reason instead. */
	assert_null(strstr(b.data, "Mean score of each standard"));
	assert_non_null(strstr(b.data, "<h2>Summary of scores</h2>"));
	assert_non_null(strstr(b.data, "Results are shown once at least 5 people have responded "
				       "(3 so far), so that no one&#39;s answers can be picked out."));
	assert_null(strstr(b.data, "Highest score"));
	buf_free(&b);

	b = render(pa, id, REPORT_PDF);
	const char *pdf = save(&b, "three.pdf");
	buf_free(&b);
	char *t = pdf_text(pdf, 0, 0);
	assert_non_null(strstr(t, "The scores of each respondent are not shown"));
	assert_non_null(strstr(t, "Comments are not shown because"));
	assert_non_null(strstr(t, "Results are shown once at least 5 people"));
	assert_null(strstr(t, "Only three of us."));
	free(t);

	b = render(pa, id, REPORT_XLSX);
	json_t *wb = read_xlsx(&b, "three.xlsx");
	buf_free(&b);
	/* No figure anywhere: no Summary sheet. */
	assert_sheets(wb, (const char *const[]){"About", NULL});
	json_t *about = json_object_get(json_object_get(wb, "data"), "About");
	int found = 0, found_comments = 0, found_figures = 0;
	for (size_t r = 0; r < json_array_size(about); r++) {
		const char *s = json_string_value(json_array_get(json_array_get(about, r), 1));
		found += s && strcmp(s, why) == 0;
		found_comments += s && strcmp(s, why_comments) == 0;
		found_figures += s && strcmp(s, why_figures) == 0;
	}
	assert_int_equal(found, 1);
	assert_int_equal(found_comments, 1);
	assert_int_equal(found_figures, 1);
	json_decref(wb);

	/* A lower k that the round meets shows them. */
	assert_int_equal(selfanalysis_k_set(testdb, cli, pa, 3), E_OK);
	b = render(pa, id, REPORT_HTML);
	assert_non_null(strstr(b.data, "Scores by respondent and standard"));
	assert_non_null(strstr(b.data, "Only three of us."));
	assert_non_null(strstr(b.data, "Mean score of each standard"));
	assert_null(strstr(b.data, "Results are shown once"));
	buf_free(&b);
}

/* ---- the comparison with the previous round ---- */

static void test_comparison(void **state)
{
	(void)state;
	int64_t earlier = oxon_round(pa);
	/* A year on, six respondents, 4 on every statement. */
	int64_t later = uniform_round(pa, "Oxfordshire 2010", "2010-08-01", 6, "4");
	/* The words are results.h's: the paper only carries them. */
	struct round_data da, db;
	struct round_comparison cmp;
	assert_int_equal(round_data_load(testdb, &testpool, pa, earlier, &da), E_OK);
	assert_int_equal(round_data_load(testdb, &testpool, pa, later, &db), E_OK);
	assert_int_equal(round_compare(&da, &db, &testpool, &cmp), E_OK);
	assert_int_equal(cmp.n, 12);
	assert_int_equal(cmp.rows[0].number_b, 1);

	struct buf b = render(pa, later, REPORT_HTML);
	const char *c = strstr(b.data, "<h2>Comparison with Oxfordshire 2009</h2>");
	assert_non_null(c);
	assert_non_null(strstr(c, "<caption>Oxfordshire 2010 compared with Oxfordshire 2009, by "
				  "standard</caption>"));
	/* Statement 1: 10 then 6 scores, 3.40 then 4.00, up 0.60. */
	assert_non_null(strstr(c, "<td class=\"num\">10</td><td class=\"num\">6</td>"
				  "<td class=\"num\">3.40</td><td class=\"num\">4.00</td>"
				  "<td class=\"num\">+0.60</td>"));
	/* Twelve standards at p < 0.05: the caveat after the table. */
	assert_non_null(cmp.caveat);
	assert_non_null(strstr(c, "</table>"));
	assert_non_null(strstr(strstr(c, "</table>"),
			       "<p>12 standards were compared. At p &lt; 0.05, about 1 in 20 "
			       "standards would show a difference by chance alone"));
	/* The first round has no previous one; this one is not its own. */
	buf_free(&b);
	b = render(pa, earlier, REPORT_HTML);
	assert_null(strstr(b.data, "Comparison with"));
	buf_free(&b);

	b = render(pa, later, REPORT_XLSX);
	json_t *wb = read_xlsx(&b, "later.xlsx");
	buf_free(&b);
	/* Six respondents: the annex; no comment selected: no Comments. */
	assert_sheets(wb, (const char *const[]){"Summary", "Annex", "Comparison", "About", NULL});
	static const char *const header[] = {"No.", "Standard", "n before", "n now",
					     "Mean before", "Mean now", "Change",
					     "What the figures say"};
	for (size_t i = 0; i < 8; i++)
		assert_string_equal(json_string_value(cell(wb, "Comparison", 2, i + 1)), header[i]);
	for (size_t s = 0; s < 12; s++) {
		const struct standard_comparison *r = &cmp.rows[s];
		assert_number(cell(wb, "Comparison", 3 + s, 1), r->number_b);
		assert_string_equal(json_string_value(cell(wb, "Comparison", 3 + s, 2)), r->title);
		assert_number(cell(wb, "Comparison", 3 + s, 3), (double)r->a.n);
		assert_number(cell(wb, "Comparison", 3 + s, 4), 6);
		assert_number(cell(wb, "Comparison", 3 + s, 5), r->a.mean);
		assert_number(cell(wb, "Comparison", 3 + s, 6), 4);
		assert_number(cell(wb, "Comparison", 3 + s, 7), 4 - r->a.mean);
		assert_string_equal(json_string_value(cell(wb, "Comparison", 3 + s, 8)), r->words);
	}
	assert_number(cell(wb, "Comparison", 3, 5), 3.4);
	assert_number(cell(wb, "Comparison", 3, 7), 0.6);
	json_t *fmt = json_object_get(json_object_get(wb, "fmt"), "Comparison");
	assert_string_equal(json_string_value(json_array_get(fmt, 6)), "+0.00;-0.00;0.00");
	json_decref(wb);
}

/* North Yorkshire's group score on the 13 standards after Oxfordshire's
 * 12 statements: the two versions compare by key, numbered as in the
 * later round, with the standards only the earlier one has at the end. */
static void test_comparison_versions(void **state)
{
	(void)state;
	int64_t earlier = oxon_round(pa);
	struct round r = {.framework = "csp-2009-13", .name = "Group 2010", .mode = ROUND_GROUP,
			  .opens_on = "2010-03-01"};
	int64_t later = 0;
	assert_int_equal(round_add(testdb, cli, pa, &r, &later), E_OK);
	struct score s[NYORKS_STANDARDS];
	char err[SCORE_ERR_SIZE];
	for (size_t i = 0; i < NYORKS_STANDARDS; i++)
		assert_int_equal(score_parse(nyorks[i], &csp, &s[i], err, sizeof err), E_OK);
	struct response_in in = {.source = RESPONSE_ENTRY, .cells = s, .n = NYORKS_STANDARDS};
	assert_int_equal(response_add(testdb, cli, pa, later, &in), E_OK);

	struct round_data da, db;
	struct round_comparison cmp;
	assert_int_equal(round_data_load(testdb, &testpool, pa, earlier, &da), E_OK);
	assert_int_equal(round_data_load(testdb, &testpool, pa, later, &db), E_OK);
	assert_int_equal(round_compare(&da, &db, &testpool, &cmp), E_OK);

	struct buf b = render(pa, later, REPORT_HTML);
	const char *c = strstr(b.data, "<h2>Comparison with Oxfordshire 2009</h2>");
	assert_non_null(c);
	c = strstr(c, "<table>");
	assert_non_null(c);
	char cells[64][64], n_before[64][64];
	assert_int_equal(column_cells(c, 0, cells, 64), cmp.n);
	assert_int_equal(column_cells(c, 2, n_before, 64), cmp.n);
	size_t only_b = 0;
	for (size_t i = 0; i < cmp.n; i++) {
		char want[16];
		snprintf(want, sizeof want, "%d", cmp.rows[i].number_b);
		assert_string_equal(cells[i], cmp.rows[i].number_b ? want : "–");
		/* The standard the 12 statements lack has no earlier n. */
		if (!cmp.rows[i].number_a) {
			assert_string_equal(n_before[i], "–");
			only_b++;
		} else {
			snprintf(want, sizeof want, "%zu", cmp.rows[i].a.n);
			assert_string_equal(n_before[i], want);
		}
	}
	assert_int_equal(only_b, 1);
	/* One group score: the group's, not a person's, so the summary and
	 * the agreed scores as entered, and never "fewer than 5 people". */
	assert_null(strstr(b.data, "fewer than"));
	assert_null(strstr(b.data, "Results are shown once"));
	assert_non_null(strstr(b.data, "Mean score of each standard"));
	const char *annex = strstr(b.data, "<h2>The group&#39;s agreed scores (annex)</h2>");
	assert_non_null(annex);
	assert_non_null(strstr(annex, "<th scope=\"col\" class=\"num\">Response</th>"));
	assert_non_null(strstr(annex, "<td class=\"num\">1 / 2</td>"));
	assert_non_null(strstr(b.data, "<dt>Mode</dt><dd>Group session</dd>"));
	buf_free(&b);
}

/* ---- errors ---- */

static void test_not_found(void **state)
{
	(void)state;
	int64_t theirs = uniform_round(pb, "Beta's", NULL, 5, "3");
	struct buf b;
	char err[REPORT_ERR_SIZE];
	buf_init(&b, REPORT_MAX_BYTES);
	for (int f = REPORT_HTML; f <= REPORT_XLSX; f++) {
		assert_int_equal(report_render(testdb, &testpool, pa, theirs, f, &b, err, sizeof err),
				 E_NOTFOUND);
		assert_int_equal(b.len, 0);
		assert_int_equal(report_render(testdb, &testpool, pa, theirs + 1000, f, &b, err,
					       sizeof err),
				 E_NOTFOUND);
		assert_int_equal(b.len, 0);
	}
	/* No such format. */
	int64_t id = uniform_round(pa, "Five", NULL, 5, "3");
	assert_int_equal(report_render(testdb, &testpool, pa, id, (enum report_format)3, &b, err,
				       sizeof err),
			 E_INVAL);
	assert_int_equal(b.len, 0);
	buf_free(&b);
	/* Too big for where it goes: out is left as it was. */
	buf_init(&b, 100);
	assert_int_equal(buf_puts(&b, "kept"), E_OK);
	assert_int_equal(report_render(testdb, &testpool, pa, id, REPORT_HTML, &b, err, sizeof err),
			 E_TOOBIG);
	assert_string_equal(b.data, "kept");
	assert_true(err[0] != '\0');
	buf_free(&b);
}

static void test_write_file(void **state)
{
	(void)state;
	int64_t id = uniform_round(pa, "Five", NULL, 5, "3");
	char path[600], err[REPORT_ERR_SIZE];
	struct stat st;

	snprintf(path, sizeof path, "%s/paper.pdf", dir);
	assert_int_equal(report_write_file(testdb, &testpool, pa, id, REPORT_PDF, path, err,
					   sizeof err),
			 E_OK);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0644);
	char *data = slurp(path);
	assert_memory_equal(data, "%PDF-", 5);
	free(data);
	/* A failure leaves the old file whole and no temporary file. */
	assert_int_equal(report_write_file(testdb, &testpool, pa, id + 1000, REPORT_PDF, path, err,
					   sizeof err),
			 E_NOTFOUND);
	assert_int_equal(stat(path, &st), 0);
	assert_true(st.st_size > 1000);
	size_t files = 0;
	DIR *dd = opendir(dir);
	struct dirent *e;
	while ((e = readdir(dd)))
		files += e->d_name[0] != '.';
	closedir(dd);
	assert_int_equal(files, 1);
	/* No such folder. */
	assert_int_equal(report_write_file(testdb, &testpool, pa, id, REPORT_HTML,
					   "/nonexistent-jcs-folder/paper.html", err, sizeof err),
			 E_IO);
	assert_non_null(strstr(err, "/nonexistent-jcs-folder/paper.html"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_format_codes),
		cmocka_unit_test_setup_teardown(test_number_text, setup, teardown),
		cmocka_unit_test_setup_teardown(test_html, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pdf, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pdf_long_table, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pdf_table_breaks, setup, teardown),
		cmocka_unit_test_setup_teardown(test_xlsx, setup, teardown),
		cmocka_unit_test_setup_teardown(test_suppressed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_comparison, setup, teardown),
		cmocka_unit_test_setup_teardown(test_comparison_versions, setup, teardown),
		cmocka_unit_test_setup_teardown(test_not_found, setup, teardown),
		cmocka_unit_test_setup_teardown(test_write_file, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
