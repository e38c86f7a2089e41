/*
 * report.h: the board paper of a self-analysis round, as HTML, PDF (cairo
 * and pango: A4, headings, tables that break across pages with their
 * header row repeated, page numbers) or XLSX (libxlsxwriter).
 *
 * What it holds, in every format: the round and its framework; the key
 * messages the owner entered; the summary table sorted highest to lowest
 * with the highest and lowest marked and any stated average that does not
 * match explained; the anonymised annex (scores by respondent number) and
 * the selected comments when the round has at least k respondents, else
 * the reason they are left out; and the comparison with the previous
 * round (round_previous) when there is one.  The figures come from
 * results.h, so they are the page's figures.
 */
#ifndef JCS_SELFANALYSIS_REPORT_H
#define JCS_SELFANALYSIS_REPORT_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/err.h"

struct db;
struct pool;

enum report_format { REPORT_HTML = 0, REPORT_PDF, REPORT_XLSX };

/* "html", "pdf", "xlsx" and back (-1 for none of them). */
int report_format_parse(const char *s);
const char *report_format_code(enum report_format f);
/* "text/html; charset=utf-8", "application/pdf", the XLSX type. */
const char *report_content_type(enum report_format f);

#define REPORT_MAX_BYTES (32u << 20)
#define REPORT_ERR_SIZE 200

/*
 * Renders round_id's board paper into out (appended; out's own max bounds
 * it, and the paper itself is at most REPORT_MAX_BYTES).  E_NOTFOUND when
 * the partnership has no such round; other errors with a message in err,
 * and out as it was.  The work is done in a pool of the paper's own (a
 * large round's annex needs more than a request's pool), freed before
 * returning, so pool is not drawn on.
 */
enum err report_render(struct db *db, struct pool *pool, int64_t partnership_id,
		       int64_t round_id, enum report_format f, struct buf *out, char *err,
		       size_t errlen);

/*
 * The same written to path: to a temporary file beside it, then renamed,
 * so a failure never leaves half a paper (mode 0644).
 */
enum err report_write_file(struct db *db, struct pool *pool, int64_t partnership_id,
			   int64_t round_id, enum report_format f, const char *path, char *err,
			   size_t errlen);

#endif
