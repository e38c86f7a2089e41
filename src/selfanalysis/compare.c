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
 * a 1-5 scale.
 */
#include "selfanalysis/results.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "core/pool.h"

#define SIGNIFICANT 0.05
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

/* "p = 0.40", "p = 0.004", "p < 0.001", "p < 0.05": never rounded across
 * the line the verdict is drawn at. */
static void format_p(double p, char *buf, size_t len)
{
	if (p < 0.001) {
		snprintf(buf, len, "p < 0.001");
		return;
	}
	snprintf(buf, len, p < 0.01 ? "p = %.3f" : "p = %.2f", p);
	if (p < SIGNIFICANT && strcmp(buf, "p = 0.05") == 0) {
		snprintf(buf, len, "p = %.3f", p);
		if (strcmp(buf, "p = 0.050") == 0)
			snprintf(buf, len, "p < 0.05");
	}
}

static const char *verdict(struct pool *pool, const struct comparison *c)
{
	char p[32], few[80] = "";
	enum phrase w = P_NO_CLEAR;

	format_p(c->p_value, p, sizeof p);
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
	if (sa) {
		row->number_a = sa->number;
		na = values(a, ia, buf->column, buf->va);
		stats_compute(buf->column, a->n_responses, &a->scale, &row->a);
	}
	if (sb) {
		row->number_b = sb->number;
		nb = values(b, ib, buf->column, buf->vb);
		stats_compute(buf->column, b->n_responses, &b->scale, &row->b);
	}
	if (!sa)
		why = P_NOT_IN_EARLIER;
	else if (!sb)
		why = P_NOT_IN_LATER;
	else if (na == 0 || nb == 0)
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

enum err round_compare(const struct round_data *a, const struct round_data *b,
		       struct pool *pool, struct round_comparison *out)
{
	size_t most = a->n_responses > b->n_responses ? a->n_responses : b->n_responses;
	size_t n = b->fw.n_standards;
	struct buffers buf = {
		pool_zalloc(pool, most * sizeof *buf.column),
		pool_zalloc(pool, a->n_responses * sizeof *buf.va),
		pool_zalloc(pool, b->n_responses * sizeof *buf.vb),
	};
	enum err rc;

	memset(out, 0, sizeof *out);
	out->a = a;
	out->b = b;
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
	return E_OK;
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

static json_t *row_json(const struct standard_comparison *r)
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
	     put(o, "n_a", int_or_null(r->number_a != 0, (json_int_t)r->a.n)) &&
	     put(o, "n_b", int_or_null(r->number_b != 0, (json_int_t)r->b.n)) &&
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
		if (json_array_append_new(a, row_json(&c->rows[i])) != 0) {
			json_decref(a);
			return NULL;
		}
	return a;
}
