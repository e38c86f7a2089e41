/*
 * report_paper.c: what a board paper holds, built once as a report_doc
 * (report_doc.h) that the HTML, PDF and XLSX renderers lay out.
 *
 * The order follows the seeds' papers: the facts of the round, the key
 * messages, the summary table highest to lowest with the highest and
 * lowest named in words, any stated average that the scores do not bear
 * out, the anonymised annex and the selected comments (or why they are
 * left out), and the comparison with the previous round.  Every figure,
 * mark and sentence about the results comes from results.h, so the paper
 * says what the results page says: an interview round below k gets its
 * reason instead of a summary, and a group round's annex is its agreed
 * scores as entered.
 */
#include <math.h>
#include <string.h>

#include "core/clock.h"
#include "core/pool.h"
#include "selfanalysis/report_doc.h"
#include "selfanalysis/results.h"

/* Sheet names in the XLSX (report_xlsx.c writes text blocks to its own). */
#define SHEET_SUMMARY "Summary"
#define SHEET_ANNEX "Annex"
#define SHEET_COMMENTS "Comments"
#define SHEET_COMPARISON "Comparison"

/* Differences of means smaller than this are rounding noise, not change. */
#define MEAN_EPSILON 1e-9

struct paper {
	struct pool *pool;
	struct report_doc *doc;
};

static enum err add(struct paper *p, enum report_block_kind kind, int level, const char *label,
		    const char *text, const struct report_table *t)
{
	if ((kind != BLOCK_TABLE && !text) || (kind == BLOCK_TABLE && !t))
		return E_NOMEM; /* a pool_printf that failed */
	return report_doc_add(p->pool, p->doc,
			      (struct report_block){.kind = kind, .level = level, .label = label,
						    .text = text, .table = t});
}

static enum err heading(struct paper *p, const char *text)
{
	return add(p, BLOCK_HEADING, 2, NULL, text, NULL);
}

static enum err para(struct paper *p, const char *text)
{
	return add(p, BLOCK_PARA, 0, NULL, text, NULL);
}

static enum err fact(struct paper *p, const char *label, const char *text)
{
	return add(p, BLOCK_FACT, 0, label, text, NULL);
}

static enum err table(struct paper *p, const struct report_table *t)
{
	return add(p, BLOCK_TABLE, 0, NULL, NULL, t);
}

static const char *day(struct pool *pool, const char *iso)
{
	char b[CLOCK_DAY_SIZE];
	return pool_strdup(pool, clock_day_label(iso, b, sizeof b));
}

static const char *dates_text(struct pool *pool, const struct round *r)
{
	if (r->opens_on && r->closes_on)
		return pool_printf(pool, "%s to %s", day(pool, r->opens_on), day(pool, r->closes_on));
	if (r->opens_on)
		return pool_printf(pool, "From %s", day(pool, r->opens_on));
	if (r->closes_on)
		return pool_printf(pool, "Until %s", day(pool, r->closes_on));
	return "Not set";
}

static enum err title_block(struct paper *p, const struct report_input *in)
{
	const struct round_data *d = in->results->data;
	const struct round *r = &d->round;
	struct pool *pool = p->pool;
	enum err rc;

	p->doc->title = pool_printf(pool, "Commissioning self-analysis: %s", r->name);
	p->doc->running = pool_printf(pool, "%s: %s", in->partnership, r->name);
	if (!p->doc->title || !p->doc->running)
		return E_NOMEM;
	if ((rc = fact(p, "Partnership", in->partnership)) || (rc = fact(p, "Round", r->name)) ||
	    (rc = fact(p, "Framework", pool_printf(pool, "%s (%s)", d->fw.title, d->fw.id))) ||
	    (rc = fact(p, "Dates", dates_text(pool, r))) ||
	    (rc = fact(p, "Mode", round_mode_label(r->mode))))
		return rc;
	return fact(p, "Respondents", pool_printf(pool, "%zu", d->n_responses));
}

/* One paragraph per non-blank line, as the owner typed them. */
static enum err key_messages(struct paper *p, const char *km)
{
	enum err rc;
	size_t n = 0;

	if ((rc = heading(p, "Key messages")))
		return rc;
	for (const char *s = km ? km : ""; *s;) {
		size_t len = strcspn(s, "\r\n");
		size_t a = 0, b = len;
		while (a < b && (s[a] == ' ' || s[a] == '\t'))
			a++;
		while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t'))
			b--;
		if (b > a) {
			if ((rc = para(p, pool_strndup(p->pool, s + a, b - a))))
				return rc;
			n++;
		}
		s += len;
		s += strspn(s, "\r\n");
	}
	return n ? E_OK : para(p, "No key messages have been entered for this round.");
}

static const char *scale_text(struct pool *pool, const struct framework *fw)
{
	if (fw->n_points == 0)
		return "";
	const struct framework_point *lo = &fw->points[0], *hi = &fw->points[fw->n_points - 1];
	if (lo->label && hi->label)
		return pool_printf(pool, " Scores run from %d (%s) to %d (%s).", lo->value, lo->label,
				   hi->value, hi->label);
	return pool_printf(pool, " Scores run from %d to %d.", lo->value, hi->value);
}

enum { S_RANK, S_NUMBER, S_STANDARD, S_MARK, S_MEAN, S_MEDIAN, S_N, S_DK, S_RANGE, S_RWG, S_COLS };

static const struct report_column summary_cols[S_COLS] = {
	[S_RANK] = {"Rank", 0.75, true},
	[S_NUMBER] = {"No.", 0.55, true},
	[S_STANDARD] = {"Standard", 3.4, false},
	[S_MARK] = {"Mark", 1.6, false},
	[S_MEAN] = {"Mean", 0.75, true},
	[S_MEDIAN] = {"Median", 0.85, true},
	[S_N] = {"n", 0.45, true},
	[S_DK] = {"Don't know", 0.8, true},
	[S_RANGE] = {"Range", 1.0, true},
	[S_RWG] = {"Agreement (rwg)", 1.25, true},
};

static enum err summary_row(struct pool *pool, struct report_table *t, size_t row,
			    const struct standard_result *sr)
{
	const struct standard_stats *st = &sr->stats;
	enum err rc;

	report_cell_text(t, row, S_STANDARD, sr->standard->title);
	report_cell_text(t, row, S_MARK, sr->highest  ? "Highest score"
					 : sr->lowest ? "Lowest score"
						      : "");
	t->rows[row].strong = sr->highest || sr->lowest;
	if ((rc = report_cell_num(pool, t, row, S_NUMBER, sr->standard->number, NUMFMT_INT)) ||
	    (rc = report_cell_num(pool, t, row, S_N, (double)st->n, NUMFMT_INT)) ||
	    (rc = report_cell_num(pool, t, row, S_DK, (double)st->dont_know, NUMFMT_INT)))
		return rc;
	if (sr->rank > 0 && (rc = report_cell_num(pool, t, row, S_RANK, sr->rank, NUMFMT_INT)))
		return rc;
	if (st->has_mean &&
	    ((rc = report_cell_num(pool, t, row, S_MEAN, st->mean, NUMFMT_2DP)) ||
	     (rc = report_cell_num(pool, t, row, S_MEDIAN, st->median, NUMFMT_2DP)) ||
	     (rc = report_cell_range(pool, t, row, S_RANGE, st->min, st->max))))
		return rc;
	if (st->has_rwg && (rc = report_cell_num(pool, t, row, S_RWG, st->rwg, NUMFMT_2DP)))
		return rc;
	return E_OK;
}

static enum err summary(struct paper *p, const struct round_results *res)
{
	struct pool *pool = p->pool;
	enum err rc;

	if (!res->figures_allowed)
		return (rc = heading(p, "Summary of scores")) ? rc : para(p, res->figures_reason);
	if ((rc = heading(p, "Summary of scores")) ||
	    (rc = para(p, pool_printf(pool,
				      "Each standard's mean score, highest first, with the highest and "
				      "lowest named in the Mark column.%s n is the number of scores: "
				      "\"Don't know\" and unanswered standards are not counted as "
				      "scores, and a score between two points counts as their "
				      "midpoint. Agreement (rwg) runs from 0, no more agreement than "
				      "answering at random, to 1, full agreement; it needs at least "
				      "2 scores.",
				      scale_text(pool, &res->data->fw)))))
		return rc;
	struct report_table *t =
		report_table_new(pool, "Mean score of each standard, highest first", SHEET_SUMMARY,
				 summary_cols, S_COLS, S_STANDARD, res->n);
	if (!t)
		return E_NOMEM;
	for (size_t i = 0; i < res->n; i++)
		if ((rc = summary_row(pool, t, i, &res->standards[res->order[i]])))
			return rc;
	return table(p, t);
}

enum { M_NUMBER, M_STANDARD, M_STATED, M_MEAN, M_NOTE, M_COLS };

static const struct report_column stated_cols[M_COLS] = {
	[M_NUMBER] = {"No.", 0.55, true},         [M_STANDARD] = {"Standard", 3.6, false},
	[M_STATED] = {"Stated average", 1.0, true}, [M_MEAN] = {"Recomputed mean", 1.35, true},
	[M_NOTE] = {"What explains it", 4.2, false},
};

/* The stated averages (from an imported paper) that the scores do not
 * bear out; nothing when all match. */
static enum err stated(struct paper *p, const struct round_results *res)
{
	struct pool *pool = p->pool;
	size_t n = 0, row = 0;
	enum err rc;

	for (size_t i = 0; i < res->n; i++)
		n += res->standards[i].stated && res->standards[i].check.mismatch;
	if (n == 0)
		return E_OK;
	if ((rc = heading(p, "Stated averages that do not match the scores")) ||
	    (rc = para(p, "The source of these scores stated averages that differ from the mean "
			  "of its own scores by more than rounding. Where a common spreadsheet "
			  "mistake gives the stated figure, the note says which.")))
		return rc;
	struct report_table *t =
		report_table_new(pool, "Stated averages that differ from the recomputed mean",
				 SHEET_SUMMARY, stated_cols, M_COLS, M_STANDARD, n);
	if (!t)
		return E_NOMEM;
	for (size_t i = 0; i < res->n; i++) {
		const struct standard_result *sr = &res->standards[i];
		double v;
		int dec;
		if (!sr->stated || !sr->check.mismatch)
			continue;
		report_cell_text(t, row, M_STANDARD, sr->standard->title);
		report_cell_text(t, row, M_NOTE, sr->check.note);
		rc = E_OK;
		if (stats_stated_parse(sr->stated, &v, &dec) == E_OK)
			rc = report_cell_num(pool, t, row, M_STATED, v, NUMFMT_SCORE);
		else
			report_cell_text(t, row, M_STATED, sr->stated);
		if (rc || (rc = report_cell_num(pool, t, row, M_NUMBER, sr->standard->number,
						NUMFMT_INT)) ||
		    (sr->stats.has_mean &&
		     (rc = report_cell_num(pool, t, row, M_MEAN, sr->stats.mean, NUMFMT_2DP))))
			return rc;
		row++;
	}
	return table(p, t);
}

/* The annex: one row per respondent (by number, never by name), one
 * column per standard, chunked to fit a page when asked. */
static enum err annex_table(struct paper *p, const struct round_data *d, size_t from, size_t to,
			    bool chunked)
{
	struct pool *pool = p->pool;
	size_t ncols = 1 + (to - from);
	struct report_column *cols = pool_alloc(pool, ncols * sizeof *cols);
	enum err rc;

	if (!cols)
		return E_NOMEM;
	cols[0] = (struct report_column){d->round.mode == ROUND_GROUP ? "Response" : "Respondent", 1.3,
					 true};
	for (size_t s = from; s < to; s++)
		cols[1 + s - from] = (struct report_column){
			pool_printf(pool, "%d", d->fw.standards[s].number), 0.75, true};
	const char *caption =
		chunked ? pool_printf(pool, "Scores by respondent, standards %d to %d",
				      d->fw.standards[from].number, d->fw.standards[to - 1].number)
			: "Scores by respondent and standard";
	struct report_table *t =
		caption ? report_table_new(pool, caption, SHEET_ANNEX, cols, ncols, 0, d->n_responses)
			: NULL;
	if (!t)
		return E_NOMEM;
	for (size_t c = 1; c < ncols; c++)
		if (!t->cols[c].header)
			return E_NOMEM;
	for (size_t r = 0; r < d->n_responses; r++) {
		if ((rc = report_cell_num(pool, t, r, 0, (double)(r + 1), NUMFMT_INT)))
			return rc;
		for (size_t s = from; s < to; s++) {
			const struct score *sc = &d->cells[r * d->fw.n_standards + s];
			char b[SCORE_TEXT_SIZE];
			/* A value is a number; a range stays as entered ("1 / 2"). */
			if (sc->kind == SCORE_VALUE) {
				if ((rc = report_cell_num(pool, t, r, 1 + s - from,
							  score_value(sc), NUMFMT_SCORE)))
					return rc;
			} else if (sc->kind != SCORE_NONE && score_format(sc, b, sizeof b) == E_OK) {
				report_cell_text(t, r, 1 + s - from, pool_strdup(pool, b));
			}
		}
	}
	return table(p, t);
}

static enum err annex(struct paper *p, const struct report_input *in)
{
	const struct round_results *res = in->results;
	const struct round_data *d = res->data;
	struct pool *pool = p->pool;
	enum err rc;

	bool group = d->round.mode == ROUND_GROUP;

	if ((rc = heading(p, group ? "The group's agreed scores (annex)"
				   : "Scores by respondent (anonymised annex)")))
		return rc;
	if (!res->annex_allowed || d->n_responses == 0)
		return para(p, results_suppressed_text(pool, d->n_responses, d->k));
	if ((rc = para(p, group ? "The scores the group agreed, as they were entered: a score "
				  "between two points, such as 1 / 2, is shown as agreed, where the "
				  "summary counts its midpoint. Columns are the standards by number, "
				  "as in the summary table."
				: "Each row is one respondent's scores. Respondents are numbered; the "
				  "numbers do not say who answered or when. Columns are the standards "
				  "by number, as in the summary table.")))
		return rc;
	size_t step = in->annex_columns ? in->annex_columns : d->fw.n_standards;
	if (step == 0)
		return E_OK;
	for (size_t from = 0; from < d->fw.n_standards; from += step) {
		size_t to = from + step < d->fw.n_standards ? from + step : d->fw.n_standards;
		if ((rc = annex_table(p, d, from, to, step < d->fw.n_standards)))
			return rc;
	}
	return E_OK;
}

enum { C_NUMBER, C_STANDARD, C_COMMENT, C_COLS };

static const struct report_column comment_cols[C_COLS] = {
	[C_NUMBER] = {"No.", 0.55, true},
	[C_STANDARD] = {"Standard", 3.2, false},
	[C_COMMENT] = {"Comment", 6.4, false},
};

static enum err comments(struct paper *p, const struct round_results *res)
{
	const struct round_data *d = res->data;
	struct pool *pool = p->pool;
	size_t n = 0, row = 0;
	enum err rc;

	if ((rc = heading(p, "Selected comments")))
		return rc;
	if (!res->comments_allowed)
		return para(p, results_comments_suppressed_text(pool, d->n_responses, d->k));
	for (size_t i = 0; i < d->n_comments; i++)
		n += d->comments[i].selected;
	if (n == 0)
		return para(p, "No comments have been selected for this paper.");
	if ((rc = para(p, "Comments chosen for this paper, by standard. They are not attributed "
			  "to anyone.")))
		return rc;
	struct report_table *t = report_table_new(pool, "Selected comments by standard",
						  SHEET_COMMENTS, comment_cols, C_COLS, -1, n);
	if (!t)
		return E_NOMEM;
	for (size_t i = 0; i < d->n_comments; i++) {
		const struct round_comment *c = &d->comments[i];
		if (!c->selected)
			continue;
		const struct framework_standard *fs = framework_find_number(&d->fw, c->standard);
		report_cell_text(t, row, C_STANDARD, fs ? fs->title : "");
		report_cell_text(t, row, C_COMMENT, c->body);
		if ((rc = report_cell_num(pool, t, row, C_NUMBER, c->standard, NUMFMT_INT)))
			return rc;
		row++;
	}
	return table(p, t);
}

enum { K_NUMBER, K_STANDARD, K_NA, K_NB, K_MA, K_MB, K_CHANGE, K_WORDS, K_COLS };

static const struct report_column compare_cols[K_COLS] = {
	[K_NUMBER] = {"No.", 0.55, true},      [K_STANDARD] = {"Standard", 2.9, false},
	[K_NA] = {"n before", 0.7, true},      [K_NB] = {"n now", 0.6, true},
	[K_MA] = {"Mean before", 0.85, true},  [K_MB] = {"Mean now", 0.8, true},
	[K_CHANGE] = {"Change", 1.0, true},    [K_WORDS] = {"What the figures say", 3.3, false},
};

static enum err compare_row(struct pool *pool, struct report_table *t, size_t row,
			    const struct round_comparison *cmp, const struct standard_comparison *c)
{
	enum err rc;

	report_cell_text(t, row, K_STANDARD, c->title);
	report_cell_text(t, row, K_WORDS, c->words);
	/* Numbered as in the later round; a standard only the earlier
	 * framework has is named by its title alone. */
	if (c->number_b && (rc = report_cell_num(pool, t, row, K_NUMBER, c->number_b, NUMFMT_INT)))
		return rc;
	/* A round whose figures are not shown has no counts either. */
	if (c->number_a && cmp->a_allowed &&
	    (rc = report_cell_num(pool, t, row, K_NA, (double)c->a.n, NUMFMT_INT)))
		return rc;
	if (c->number_b && cmp->b_allowed &&
	    (rc = report_cell_num(pool, t, row, K_NB, (double)c->b.n, NUMFMT_INT)))
		return rc;
	if (c->a.has_mean && (rc = report_cell_num(pool, t, row, K_MA, c->a.mean, NUMFMT_2DP)))
		return rc;
	if (c->b.has_mean && (rc = report_cell_num(pool, t, row, K_MB, c->b.mean, NUMFMT_2DP)))
		return rc;
	if (c->a.has_mean && c->b.has_mean) {
		double change = c->b.mean - c->a.mean;
		if (fabs(change) < MEAN_EPSILON)
			change = 0;
		if ((rc = report_cell_num(pool, t, row, K_CHANGE, change, NUMFMT_SIGNED)))
			return rc;
	}
	return E_OK;
}

static enum err comparison(struct paper *p, const struct round_comparison *cmp)
{
	struct pool *pool = p->pool;
	enum err rc;

	if (!cmp)
		return E_OK;
	const struct round *a = &cmp->a->round, *b = &cmp->b->round;
	if ((rc = heading(p, pool_printf(pool, "Comparison with %s", a->name))) ||
	    (rc = para(p, pool_printf(pool,
				      "Each standard in %s (now) beside %s (before), matched by "
				      "standard and numbered as in %s. The change is the later mean "
				      "less the earlier. The words say only what the figures "
				      "support: with few scores a difference can easily be chance.",
				      b->name, a->name, b->name))))
		return rc;
	struct report_table *t = report_table_new(
		pool, pool_printf(pool, "%s compared with %s, by standard", b->name, a->name),
		SHEET_COMPARISON, compare_cols, K_COLS, K_STANDARD, cmp->n);
	if (!t || !t->caption)
		return E_NOMEM;
	for (size_t i = 0; i < cmp->n; i++)
		if ((rc = compare_row(pool, t, i, cmp, &cmp->rows[i])))
			return rc;
	if ((rc = table(p, t)))
		return rc;
	return cmp->caveat ? para(p, cmp->caveat) : E_OK;
}

enum err report_paper_build(struct pool *pool, const struct report_input *in,
			    struct report_doc *out)
{
	struct paper p = {pool, out};
	enum err rc;

	memset(out, 0, sizeof *out);
	if ((rc = title_block(&p, in)) ||
	    (rc = key_messages(&p, in->results->data->round.key_messages)) ||
	    (rc = summary(&p, in->results)) || (rc = stated(&p, in->results)) ||
	    (rc = annex(&p, in)) || (rc = comments(&p, in->results)) ||
	    (rc = comparison(&p, in->cmp)))
		return rc;
	return E_OK;
}
