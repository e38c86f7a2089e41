/*
 * compare.c: two rounds compared standard by standard (results.h).
 *
 * Standards are matched by key, so a round on the 12-statement CSP
 * framework compares with one on the 13-standard version.  The figures
 * come from stats_compare (superiority and an exact or seeded permutation
 * p-value); the words are chosen here, once, from the table below, so the
 * page, the CLI and the board paper say the same thing.  They follow two
 * rules: a change is called higher or lower only when p < 0.05, and the
 * p-value is printed so that it never looks the other side of 0.05 from
 * the verdict (0.0496 is "p < 0.05", not "p = 0.05"); and a comparison
 * resting on fewer than 5 scores in either round says so.  Rounds whose
 * scales differ are not compared at all: a 3 on a 1-3 scale is not a 3 on
 * a 1-5 scale; nor is a round whose figures are not shown (fewer than k
 * interviews), whose statistics stay blank here as in its results.
 * Testing every standard at 0.05 flags about one in twenty by chance, so
 * a comparison of several standards carries a caveat saying so.
 */
#include "selfanalysis/results.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "core/pool.h"

#define SIGNIFICANT 0.05
#define SIGNIFICANT_THOUSANDTHS 50
#define FEW_SCORES 5

enum phrase {
	P_HIGHER,
	P_LOWER,
	P_NO_CLEAR,
	P_NOT_IN_EARLIER,
	P_NOT_IN_LATER,
	P_NONE_EARLIER,
	P_NONE_LATER,
	P_NONE_EITHER,
	P_SCALES,
	P_TOO_MANY,
};

/* Every word a comparison may say.  The verdicts are followed by the
 * p-value in brackets, and by FEW_WORDS when either round has few scores. */
static const char *const phrases[] = {
	[P_HIGHER] = "Higher in the later round, and unlikely to be chance",
	[P_LOWER] = "Lower in the later round, and unlikely to be chance",
	[P_NO_CLEAR] = "No clear change: the difference could be chance",
	[P_NOT_IN_EARLIER] = "Not in the earlier framework.",
	[P_NOT_IN_LATER] = "Not in the later framework.",
	[P_NONE_EARLIER] = "No scores in the earlier round.",
	[P_NONE_LATER] = "No scores in the later round.",
	[P_NONE_EITHER] = "No scores in either round.",
	[P_SCALES] = "Not compared: the two rounds use different scales.",
	[P_TOO_MANY] = "Not compared: too many scores.",
};
#define FEW_WORDS " Few scores (%zu and %zu): read with care."

/* Truncating p * 1000 must not turn 0.29 (289.99999...) into 0.289: p is
 * a ratio of counts far coarser than this. */
#define P_NUDGE 1e-9

const char *results_p_text(double p, char buf[RESULTS_P_SIZE])
{
	long thousandths;

	if (!(p >= 0.001)) { /* NaN too: never printed as a figure */
		snprintf(buf, RESULTS_P_SIZE, "p < 0.001");
		return buf;
	}
	if (p > 1)
		p = 1;
	thousandths = (long)(p * 1000.0 + P_NUDGE);
	if (p < SIGNIFICANT && thousandths >= SIGNIFICANT_THOUSANDTHS)
		thousandths = SIGNIFICANT_THOUSANDTHS - 1;
	/* 0 <= thousandths <= 1000: one digit before the point, three after. */
	snprintf(buf, RESULTS_P_SIZE, "p = %d.%03d", (int)(thousandths / 1000) % 10,
		 (int)(thousandths % 1000));
	return buf;
}

static const char *verdict(struct pool *pool, const struct comparison *c)
{
	char p[RESULTS_P_SIZE], few[80] = "";
	enum phrase w = P_NO_CLEAR;

	results_p_text(c->p_value, p);
	if (c->p_value < SIGNIFICANT && c->superiority > 0.5)
		w = P_HIGHER;
	else if (c->p_value < SIGNIFICANT && c->superiority < 0.5)
		w = P_LOWER;
	if (c->na < FEW_SCORES || c->nb < FEW_SCORES)
		snprintf(few, sizeof few, FEW_WORDS, c->na, c->nb);
	return pool_printf(pool, "%s (%s).%s", phrases[w], p, few);
}

/* The scores of standard s of round d as numbers; returns how many. */
static size_t values(const struct round_data *d, size_t s, struct score *column, double *out)
{
	size_t k = 0;

	round_data_column(d, s, column);
	for (size_t r = 0; r < d->n_responses; r++)
		if (score_counts(&column[r]))
			out[k++] = score_value(&column[r]);
	return k;
}

struct buffers {
	struct score *column;
	double *va, *vb;
	const char *hidden; /* why not compared, when a round's figures are not shown */
};

/* Fills one row whose standard is at index ia of a and ib of b (SIZE_MAX
 * when absent).  E_NOMEM only. */
static enum err compare_one(const struct round_data *a, size_t ia, const struct round_data *b,
			    size_t ib, struct buffers *buf, struct pool *pool,
			    struct standard_comparison *row)
{
	const struct framework_standard *sa = ia != SIZE_MAX ? &a->fw.standards[ia] : NULL;
	const struct framework_standard *sb = ib != SIZE_MAX ? &b->fw.standards[ib] : NULL;
	size_t na = 0, nb = 0;
	enum phrase why;

	memset(row, 0, sizeof *row);
	row->key = sb ? sb->key : sa->key;
	row->title = sb ? sb->title : sa->title;
	/* A round whose figures are not shown keeps its statistics blank. */
	if (sa) {
		row->number_a = sa->number;
		if (round_figures_allowed(a)) {
			na = values(a, ia, buf->column, buf->va);
			stats_compute(buf->column, a->n_responses, &a->scale, &row->a);
		}
	}
	if (sb) {
		row->number_b = sb->number;
		if (round_figures_allowed(b)) {
			nb = values(b, ib, buf->column, buf->vb);
			stats_compute(buf->column, b->n_responses, &b->scale, &row->b);
		}
	}
	if (!sa)
		why = P_NOT_IN_EARLIER;
	else if (!sb)
		why = P_NOT_IN_LATER;
	else if (buf->hidden) {
		row->words = buf->hidden;
		return E_OK;
	} else if (na == 0 || nb == 0)
		why = na ? P_NONE_LATER : nb ? P_NONE_EARLIER : P_NONE_EITHER;
	else if (a->scale.min != b->scale.min || a->scale.max != b->scale.max)
		why = P_SCALES;
	else {
		enum err rc = stats_compare(buf->va, na, buf->vb, nb, RESULTS_COMPARE_SEED, &row->cmp);
		if (rc == E_NOMEM)
			return E_NOMEM;
		if (rc == E_OK) {
			row->compared = true;
			row->words = verdict(pool, &row->cmp);
			return row->words ? E_OK : E_NOMEM;
		}
		memset(&row->cmp, 0, sizeof row->cmp);
		why = P_TOO_MANY;
	}
	row->words = phrases[why];
	return E_OK;
}

/* Why no standard is compared when a round's figures are not shown: the
 * same rule as its results page, in the same words. */
static const char *hidden_words(struct pool *pool, const struct round_comparison *c)
{
	const char *tail = "so that no one's answers can be picked out.";
	int k = results_k(c->b->k);

	if (!c->a_allowed && !c->b_allowed)
		return pool_printf(pool,
				   "Not compared: each round's results are shown once at least %d "
				   "people have responded (%zu and %zu so far), %s",
				   k, c->a->n_responses, c->b->n_responses, tail);
	return pool_printf(pool,
			   "Not compared: the %s round's results are shown once at least %d people "
			   "have responded (%zu so far), %s",
			   c->a_allowed ? "later" : "earlier", k,
			   c->a_allowed ? c->b->n_responses : c->a->n_responses, tail);
}

/* The caution that many tests at 0.05 flag some by chance (results.h). */
static enum err caveat(struct pool *pool, struct round_comparison *c)
{
	size_t n = 0;

	for (size_t i = 0; i < c->n; i++)
		n += c->rows[i].compared;
	if (n < 2)
		return E_OK;
	c->caveat = pool_printf(pool,
				"%zu standards were compared. At p < 0.05, about 1 in 20 standards "
				"would show a difference by chance alone, so read a single standard's "
				"result with care.",
				n);
	return c->caveat ? E_OK : E_NOMEM;
}

enum err round_compare(const struct round_data *a, const struct round_data *b,
		       struct pool *pool, struct round_comparison *out)
{
	size_t most = a->n_responses > b->n_responses ? a->n_responses : b->n_responses;
	size_t n = b->fw.n_standards;
	struct buffers buf = {
		.column = pool_zalloc(pool, most * sizeof *buf.column),
		.va = pool_zalloc(pool, a->n_responses * sizeof *buf.va),
		.vb = pool_zalloc(pool, b->n_responses * sizeof *buf.vb),
	};
	enum err rc;

	memset(out, 0, sizeof *out);
	out->a = a;
	out->b = b;
	out->a_allowed = round_figures_allowed(a);
	out->b_allowed = round_figures_allowed(b);
	if (!out->a_allowed || !out->b_allowed) {
		buf.hidden = hidden_words(pool, out);
		if (!buf.hidden)
			return E_NOMEM;
	}
	for (size_t i = 0; i < a->fw.n_standards; i++)
		if (!framework_find_key(&b->fw, a->fw.standards[i].key))
			n++;
	out->rows = pool_zalloc(pool, n * sizeof *out->rows);
	if (!buf.column || !buf.va || !buf.vb || !out->rows)
		return E_NOMEM;
	for (size_t i = 0; i < b->fw.n_standards; i++) {
		const struct framework_standard *in_a =
			framework_find_key(&a->fw, b->fw.standards[i].key);
		size_t ia = in_a ? (size_t)(in_a - a->fw.standards) : SIZE_MAX;
		rc = compare_one(a, ia, b, i, &buf, pool, &out->rows[out->n]);
		if (rc)
			return rc;
		out->n++;
	}
	for (size_t i = 0; i < a->fw.n_standards; i++) {
		if (framework_find_key(&b->fw, a->fw.standards[i].key))
			continue;
		rc = compare_one(a, i, b, SIZE_MAX, &buf, pool, &out->rows[out->n]);
		if (rc)
			return rc;
		out->n++;
	}
	return caveat(pool, out);
}

static bool put(json_t *o, const char *key, json_t *v)
{
	return json_object_set_new(o, key, v) == 0;
}

static json_t *int_or_null(bool has, json_int_t v)
{
	return has ? json_integer(v) : json_null();
}

static json_t *real_or_null(bool has, double v)
{
	return has ? json_real(v) : json_null();
}

static json_t *row_json(const struct standard_comparison *r, bool allowed_a, bool allowed_b)
{
	const struct comparison *c = &r->cmp;
	bool cmp = r->compared;
	json_t *o = json_object();
	bool ok;

	if (!o)
		return NULL;
	ok = put(o, "key", json_string(r->key)) && put(o, "title", json_string(r->title)) &&
	     put(o, "standard_a", int_or_null(r->number_a != 0, r->number_a)) &&
	     put(o, "standard_b", int_or_null(r->number_b != 0, r->number_b)) &&
	     put(o, "n_a", int_or_null(r->number_a != 0 && allowed_a, (json_int_t)r->a.n)) &&
	     put(o, "n_b", int_or_null(r->number_b != 0 && allowed_b, (json_int_t)r->b.n)) &&
	     put(o, "mean_a", real_or_null(r->a.has_mean, r->a.mean)) &&
	     put(o, "mean_b", real_or_null(r->b.has_mean, r->b.mean)) &&
	     put(o, "mean_change", real_or_null(cmp, c->mean_change)) &&
	     put(o, "superiority", real_or_null(cmp, c->superiority)) &&
	     put(o, "p_value", real_or_null(cmp, c->p_value)) &&
	     put(o, "method", !cmp ? json_null()
				   : json_string(c->method == COMPARE_EXACT ? "exact"
									    : "permutation")) &&
	     put(o, "permutations", int_or_null(cmp, (json_int_t)c->permutations)) &&
	     put(o, "words", json_string(r->words));
	if (!ok) {
		json_decref(o);
		return NULL;
	}
	return o;
}

json_t *comparison_json(const struct round_comparison *c)
{
	json_t *a = json_array();

	if (!a)
		return NULL;
	for (size_t i = 0; i < c->n; i++)
		if (json_array_append_new(a, row_json(&c->rows[i], c->a_allowed, c->b_allowed)) != 0) {
			json_decref(a);
			return NULL;
		}
	return a;
}
