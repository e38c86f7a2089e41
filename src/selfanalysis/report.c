/*
 * report.c: the board paper's API (report.h): format codes, loading the
 * round, its results and the comparison with the previous round, and
 * writing the paper to a file without ever leaving half of one.
 *
 * All the work happens in a pool of the paper's own, freed before
 * returning: the annex of a large round (ROUND_RESPONSES_MAX respondents
 * by FRAMEWORK_MAX_STANDARDS standards) needs more than a request's pool
 * holds, and none of it outlives the call.  The paper is rendered into a
 * buffer bounded by REPORT_MAX_BYTES and only then appended to out (or
 * written to the file), so a failure leaves out as it was.
 */
#include "selfanalysis/report.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/alloc.h"
#include "core/pool.h"
#include "partnership/partnership.h"
#include "selfanalysis/report_doc.h"
#include "selfanalysis/results.h"

/* Enough for the largest round's data, results and document. */
#define REPORT_POOL_LIMIT (256u << 20)

static const struct {
	const char *code;
	const char *type;
} formats[] = {
	[REPORT_HTML] = {"html", "text/html; charset=utf-8"},
	[REPORT_PDF] = {"pdf", "application/pdf"},
	[REPORT_XLSX] = {"xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
};

#define NFORMATS (sizeof formats / sizeof formats[0])

int report_format_parse(const char *s)
{
	for (size_t i = 0; s && i < NFORMATS; i++)
		if (strcmp(s, formats[i].code) == 0)
			return (int)i;
	return -1;
}

const char *report_format_code(enum report_format f)
{
	return (size_t)f < NFORMATS ? formats[f].code : NULL;
}

const char *report_content_type(enum report_format f)
{
	return (size_t)f < NFORMATS ? formats[f].type : NULL;
}

/* The comparison with the previous round, or *out NULL when there is none. */
static enum err previous(struct db *db, struct pool *pool, int64_t partnership_id,
			 const struct round_data *d, const struct round_comparison **out)
{
	struct round prev;
	struct round_data *pd = pool_zalloc(pool, sizeof *pd);
	struct round_comparison *cmp = pool_zalloc(pool, sizeof *cmp);
	enum err rc;

	*out = NULL;
	if (!pd || !cmp)
		return E_NOMEM;
	rc = round_previous(db, pool, partnership_id, d->round.id, &prev);
	if (rc == E_NOTFOUND)
		return E_OK;
	if (rc || (rc = round_data_load(db, pool, partnership_id, prev.id, pd)) ||
	    (rc = round_compare(pd, d, pool, cmp)))
		return rc;
	*out = cmp;
	return E_OK;
}

static enum err render(struct db *db, struct pool *pool, int64_t partnership_id,
		       int64_t round_id, enum report_format f, struct buf *out, char *err,
		       size_t errlen)
{
	struct partnership_summary ps;
	struct round_data d;
	struct round_results res;
	struct report_doc doc;
	struct report_input in = {.annex_columns = f == REPORT_XLSX ? 0 : REPORT_ANNEX_COLUMNS};
	enum err rc;

	if ((size_t)f >= NFORMATS) {
		snprintf(err, errlen, "no such format");
		return E_INVAL;
	}
	if ((rc = partnership_summary(db, pool, partnership_id, &ps)) ||
	    (rc = round_data_load(db, pool, partnership_id, round_id, &d))) {
		snprintf(err, errlen, rc == E_NOTFOUND ? "no such round" : "the round could not be read");
		return rc;
	}
	if ((rc = round_results_compute(&d, pool, &res))) {
		snprintf(err, errlen, "the round's results could not be worked out");
		return rc;
	}
	if ((rc = previous(db, pool, partnership_id, &d, &in.cmp))) {
		snprintf(err, errlen, "the previous round could not be compared");
		return rc;
	}
	in.partnership = ps.p.name;
	in.results = &res;
	if ((rc = report_paper_build(pool, &in, &doc))) {
		snprintf(err, errlen, rc == E_TOOBIG ? "the paper has too many parts"
						     : "no memory to build the paper");
		return rc;
	}
	switch (f) {
	case REPORT_HTML:
		rc = report_html(&doc, out);
		if (rc)
			snprintf(err, errlen, "the paper is larger than the most a paper may be");
		return rc;
	case REPORT_PDF:
		return report_pdf(&doc, out, err, errlen);
	case REPORT_XLSX:
		return report_xlsx(&doc, out, err, errlen);
	}
	return E_INVAL;
}

enum err report_render(struct db *db, struct pool *pool, int64_t partnership_id,
		       int64_t round_id, enum report_format f, struct buf *out, char *err,
		       size_t errlen)
{
	struct pool work;
	struct buf paper;
	enum err rc;

	(void)pool; /* the work needs a pool of its own: see the top */
	if (errlen)
		err[0] = '\0';
	pool_init(&work, REPORT_POOL_LIMIT);
	buf_init(&paper, REPORT_MAX_BYTES);
	rc = render(db, &work, partnership_id, round_id, f, &paper, err, errlen);
	if (!rc && paper.len && (rc = buf_append(out, paper.data, paper.len)))
		snprintf(err, errlen, "the paper does not fit where it is going");
	if (rc == E_NOMEM && errlen && !err[0])
		snprintf(err, errlen, "no memory to build the paper");
	buf_free(&paper);
	pool_free(&work);
	return rc;
}

enum err report_write_file(struct db *db, struct pool *pool, int64_t partnership_id,
			   int64_t round_id, enum report_format f, const char *path, char *err,
			   size_t errlen)
{
	struct buf paper;
	char *tmp = NULL;
	int fd = -1;
	FILE *fp = NULL;
	enum err rc;

	buf_init(&paper, REPORT_MAX_BYTES);
	if ((rc = report_render(db, pool, partnership_id, round_id, f, &paper, err, errlen)))
		goto out;
	/* Beside the target, so the rename stays on one file system. */
	size_t n = strlen(path);
	tmp = xmalloc(n + 16);
	if (!tmp) {
		snprintf(err, errlen, "no memory");
		rc = E_NOMEM;
		goto out;
	}
	snprintf(tmp, n + 16, "%s.tmp-XXXXXX", path);
	fd = mkstemp(tmp);
	if (fd < 0 || fchmod(fd, 0644) || !(fp = fdopen(fd, "wb"))) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		rc = E_IO;
		goto out;
	}
	fd = -1; /* fp owns it */
	size_t wrote = paper.len ? fwrite(paper.data, 1, paper.len, fp) : 0;
	int failed = wrote != paper.len || fflush(fp) || fsync(fileno(fp));
	int closed = fclose(fp);
	fp = NULL;
	if (failed || closed || rename(tmp, path)) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		rc = E_IO;
		goto out;
	}
	xfree(tmp);
	tmp = NULL;
out:
	if (fp)
		fclose(fp);
	if (fd >= 0)
		close(fd);
	if (tmp) {
		unlink(tmp);
		xfree(tmp);
	}
	buf_free(&paper);
	return rc;
}
