/*
 * report_html.c: the board paper as one self-contained HTML file.
 *
 * The file is meant to be saved, mailed and printed, so it stands alone:
 * no script, no image, no link to any other resource; its few styles sit
 * in the head (a download is opened from disk, where the server's CSP does
 * not apply, and the paper reads the same unstyled).  Accessibility comes
 * from the markup: lang, one h1 and h2 sections, tables with captions and
 * th scope on both axes, the highest and lowest named in words.  Print
 * styles repeat each table's header row on every page (thead as a header
 * group) and keep rows whole.
 */
#include "selfanalysis/report_doc.h"

#include "html/html.h"

/* A macro, so html_lit can prove it a literal. */
#define STYLE \
	"body{font-family:Arial,\"Liberation Sans\",Helvetica,sans-serif;font-size:16px;" \
	"line-height:1.4;color:#0b0c0c;margin:2em auto;max-width:60em;padding:0 1em}" \
	"h1{font-size:2em;margin:0 0 .6em}h2{font-size:1.5em;margin:1.6em 0 .5em}" \
	"dl{display:grid;grid-template-columns:max-content auto;gap:.2em 1.5em;margin:0 0 1em}" \
	"dt{font-weight:bold}dd{margin:0}" \
	"table{border-collapse:collapse;width:100%;margin:0 0 1.5em;font-size:.9em}" \
	"caption{text-align:left;font-weight:bold;padding:0 0 .4em}" \
	"th,td{text-align:left;vertical-align:top;padding:.35em .5em;border-bottom:1px solid #b1b4b6}" \
	"thead th{border-bottom:2px solid #0b0c0c;background:#f3f2f1}" \
	"tbody th{font-weight:normal}.num{text-align:right;white-space:nowrap}" \
	"tr.mark th,tr.mark td{font-weight:bold}" \
	"@media print{body{margin:0;max-width:none;font-size:11pt}@page{size:A4;margin:18mm}" \
	"thead{display:table-header-group}tr{break-inside:avoid}h2{break-after:avoid}}"

enum cell_kind { TD, TH_COL, TH_ROW };

/* One cell: a column header, a row header or data; numbers right-aligned. */
static void cell(struct html *h, enum cell_kind kind, bool numeric, const char *text)
{
	if (kind == TD)
		html_lit(h, "<td");
	else if (kind == TH_COL)
		html_lit(h, "<th scope=\"col\"");
	else
		html_lit(h, "<th scope=\"row\"");
	if (numeric)
		html_lit(h, " class=\"num\"");
	html_lit(h, ">");
	html_text(h, text);
	if (kind == TD)
		html_lit(h, "</td>");
	else
		html_lit(h, "</th>");
}

static void table(struct html *h, const struct report_table *t)
{
	html_lit(h, "<table><caption>");
	html_text(h, t->caption);
	html_lit(h, "</caption><thead><tr>");
	for (size_t c = 0; c < t->ncols; c++)
		cell(h, TH_COL, t->cols[c].numeric, t->cols[c].header);
	html_lit(h, "</tr></thead><tbody>\n");
	for (size_t r = 0; r < t->nrows; r++) {
		html_lit(h, "<tr");
		if (t->rows[r].strong)
			html_lit(h, " class=\"mark\"");
		html_lit(h, ">");
		for (size_t c = 0; c < t->ncols; c++)
			cell(h, (int)c == t->row_header ? TH_ROW : TD, t->cols[c].numeric,
			     t->rows[r].cells[c].text);
		html_lit(h, "</tr>\n");
	}
	html_lit(h, "</tbody></table>\n");
}

enum err report_html(const struct report_doc *d, struct buf *out)
{
	struct html h;
	int in_facts = 0;

	html_init(&h, out);
	html_lit(&h, "<!DOCTYPE html>\n<html lang=\"en-GB\"><head><meta charset=\"utf-8\">"
		     "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
		     "<title>");
	html_text(&h, d->title);
	html_lit(&h, "</title><style>");
	html_lit(&h, STYLE);
	html_lit(&h, "</style></head>\n<body><main><h1>");
	html_text(&h, d->title);
	html_lit(&h, "</h1>\n");
	for (size_t i = 0; i < d->n; i++) {
		const struct report_block *b = &d->blocks[i];
		if (in_facts && b->kind != BLOCK_FACT) {
			html_lit(&h, "</dl>\n");
			in_facts = 0;
		}
		switch (b->kind) {
		case BLOCK_FACT:
			if (!in_facts)
				html_lit(&h, "<dl>");
			in_facts = 1;
			html_lit(&h, "<dt>");
			html_text(&h, b->label);
			html_lit(&h, "</dt><dd>");
			html_text(&h, b->text);
			html_lit(&h, "</dd>");
			break;
		case BLOCK_HEADING:
			if (b->level >= 3) {
				html_lit(&h, "<h3>");
				html_text(&h, b->text);
				html_lit(&h, "</h3>\n");
			} else {
				html_lit(&h, "<h2>");
				html_text(&h, b->text);
				html_lit(&h, "</h2>\n");
			}
			break;
		case BLOCK_PARA:
			html_lit(&h, "<p>");
			html_text(&h, b->text);
			html_lit(&h, "</p>\n");
			break;
		case BLOCK_TABLE:
			table(&h, b->table);
			break;
		}
	}
	if (in_facts)
		html_lit(&h, "</dl>\n");
	html_lit(&h, "</main></body></html>\n");
	return out->failed ? E_TOOBIG : E_OK;
}
