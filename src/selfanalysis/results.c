/*
 * results.c: a round's results (results.h): statistics, ranks and marks,
 * the stated-average check, anonymity, group breakdowns and the JSON.
 *
 * Everything here is computed from struct round_data alone, so the page,
 * the API, the CLI and the board paper cannot disagree.  The summary order
 * follows the ranks rather than re-comparing means, so two standards that
 * share a rank are always listed by number, whoever sorts them.
 *
 * Anonymity fails safe: a k below the smallest the partnership may set
 * (a round_data built without one) counts as that smallest k, and group
 * breakdowns also hide groups whose figures, subtracted from the whole
 * round's, would give away the answers of fewer than k people.  An
 * interview round below k gets no figures at all: they are never computed
 * into the results, rather than computed and left to callers to hide.  A
 * group round's scores are the group's agreed ones, so k does not apply.
 */
#include "selfanalysis/results.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/pool.h"

int results_k(int k)
{
	return k < ANONYMITY_K_MIN ? ANONYMITY_K_MIN : k;
}

void round_data_column(const struct round_data *d, size_t s, struct score *out)
{
	for (size_t r = 0; r < d->n_responses; r++)
		out[r] = d->cells[r * d->fw.n_standards + s];
}

/* The stated average's check: its value is parsed again by results_json. */
static void check_stated(struct standard_result *sr)
{
	double v;
	int decimals;

	if (stats_stated_parse(sr->stated, &v, &decimals) != E_OK) {
		/* Imports refuse such text; a row stored otherwise is still
		 * flagged rather than trusted. */
		memset(&sr->check, 0, sizeof sr->check);
		sr->check.mismatch = true;
		snprintf(sr->check.note, sizeof sr->check.note,
			 "The stated average is not a number, so it cannot be checked.");
		return;
	}
	stats_check_stated(&sr->stats, v, decimals, &sr->check);
}

struct order_key {
	int rank;
	int number;
	size_t index;
};

/* Ranked first by rank, then unranked; equal ranks by number. */
static int cmp_order(const void *x, const void *y)
{
	const struct order_key *a = x, *b = y;

	if ((a->rank == 0) != (b->rank == 0))
		return a->rank == 0 ? 1 : -1;
	if (a->rank != b->rank)
		return a->rank < b->rank ? -1 : 1;
	return (a->number > b->number) - (a->number < b->number);
}

bool round_figures_allowed(const struct round_data *d)
{
	/* A group round's response is the group's agreed scores, not a
	 * person's (response_add keeps a group round to one). */
	return d->round.mode == ROUND_GROUP || d->n_responses >= (size_t)results_k(d->k);
}

enum err round_results_compute(const struct round_data *d, struct pool *pool,
			       struct round_results *out)
{
	size_t n = d->fw.n_standards;
	struct score *column = pool_zalloc(pool, d->n_responses * sizeof *column);
	struct standard_stats *st = pool_zalloc(pool, n * sizeof *st);
	int *rank = pool_zalloc(pool, n * sizeof *rank);
	struct order_key *keys = pool_zalloc(pool, n * sizeof *keys);
	int last = 0;
	bool allowed = round_figures_allowed(d);

	memset(out, 0, sizeof *out);
	out->data = d;
	out->standards = pool_zalloc(pool, n * sizeof *out->standards);
	out->order = pool_zalloc(pool, n * sizeof *out->order);
	out->figures_reason =
		allowed ? NULL : results_figures_suppressed_text(pool, d->n_responses, d->k);
	if (!column || !st || !rank || !keys || !out->standards || !out->order ||
	    (!allowed && !out->figures_reason))
		return E_NOMEM;
	out->n = n;
	/* Below k the statistics, ranks and stated checks stay zeroed: no
	 * standard is ranked, marked or checked, so nothing can leak. */
	for (size_t s = 0; allowed && s < n; s++) {
		round_data_column(d, s, column);
		stats_compute(column, d->n_responses, &d->scale, &st[s]);
	}
	if (allowed)
		stats_rank(st, n, rank);
	for (size_t s = 0; s < n; s++)
		if (rank[s] > last)
			last = rank[s];
	for (size_t s = 0; s < n; s++) {
		struct standard_result *sr = &out->standards[s];

		sr->standard = &d->fw.standards[s];
		sr->stats = st[s];
		sr->rank = rank[s];
		sr->highest = rank[s] == 1;
		/* When every ranked standard shares rank 1 none is lowest. */
		sr->lowest = rank[s] != 0 && rank[s] == last && last > 1;
		sr->stated = allowed && d->stated ? d->stated[s] : NULL;
		if (sr->stated)
			check_stated(sr);
		keys[s] = (struct order_key){rank[s], sr->standard->number, s};
	}
	qsort(keys, n, sizeof *keys, cmp_order);
	for (size_t s = 0; s < n; s++)
		out->order[s] = keys[s].index;
	out->figures_allowed = allowed;
	out->annex_allowed = allowed;
	out->comments_allowed = allowed;
	return E_OK;
}

/* "<what> not shown because fewer than k people responded (n)<why>", or
 * none when no one has: the annex's and the comments' reasons. */
static const char *below_k_text(struct pool *pool, size_t n_respondents, int k, const char *none,
				const char *what, const char *why)
{
	if (n_respondents == 0)
		return pool_strdup(pool, none);
	return pool_printf(pool, "%s not shown because fewer than %d people responded (%zu)%s", what,
			   results_k(k), n_respondents, why);
}

const char *results_suppressed_text(struct pool *pool, size_t n_respondents, int k)
{
	return below_k_text(pool, n_respondents, k,
			    "No one has responded yet, so there are no individual scores to show.",
			    "The scores of each respondent are",
			    ".  This keeps individual answers anonymous.");
}

const char *results_comments_suppressed_text(struct pool *pool, size_t n_respondents, int k)
{
	return below_k_text(pool, n_respondents, k,
			    "No one has responded yet, so there are no comments to show.",
			    "Comments are", ", so a comment could say who made it.");
}

const char *results_figures_suppressed_text(struct pool *pool, size_t n_respondents, int k)
{
	k = results_k(k);
	if (n_respondents == 0)
		return pool_printf(pool,
				   "Results are shown once at least %d people have responded (none "
				   "so far), so that no one's answers can be picked out.",
				   k);
	return pool_printf(pool,
			   "Results are shown once at least %d people have responded (%zu so "
			   "far), so that no one's answers can be picked out.",
			   k, n_respondents);
}

const char *results_groups_suppressed_text(struct pool *pool, size_t n_suppressed, int k)
{
	k = results_k(k);
	if (n_suppressed == 0)
		return pool_strdup(pool, "");
	return pool_printf(pool,
			   "%zu %s not shown, because fewer than %d people in %s responded, or "
			   "because showing %s would reveal the answers of fewer than %d people "
			   "when compared with the whole round.  This keeps individual answers "
			   "anonymous.",
			   n_suppressed, n_suppressed == 1 ? "group is" : "groups are", k,
			   n_suppressed == 1 ? "it" : "each", n_suppressed == 1 ? "it" : "them", k);
}

struct member {
	const char *grp;
	size_t response;
};

static int cmp_member(const void *x, const void *y)
{
	const struct member *a = x, *b = y;
	int c = strcmp(a->grp, b->grp);

	if (c)
		return c;
	return (a->response > b->response) - (a->response < b->response);
}

struct group_span {
	size_t first; /* into the sorted members */
	size_t count;
	bool shown;
};

/* Secondary suppression: see results.h.  Returns how many are hidden. */
static size_t suppress(struct group_span *g, size_t n_groups, size_t n_responses, size_t k)
{
	size_t left_out = n_responses, hidden = 0;

	for (size_t i = 0; i < n_groups; i++) {
		g[i].shown = g[i].count >= k;
		if (g[i].shown)
			left_out -= g[i].count;
		else
			hidden++;
	}
	while (left_out > 0 && left_out < k) {
		size_t smallest = n_groups;
		for (size_t i = 0; i < n_groups; i++)
			if (g[i].shown && (smallest == n_groups || g[i].count < g[smallest].count))
				smallest = i;
		if (smallest == n_groups)
			break; /* nothing shown: nothing to subtract from */
		g[smallest].shown = false;
		left_out += g[smallest].count;
		hidden++;
	}
	return hidden;
}

enum err results_groups(const struct round_data *d, struct pool *pool,
			struct group_result **out, size_t *n, size_t *n_suppressed)
{
	size_t ns = d->fw.n_standards, n_members = 0, n_groups = 0, j = 0;
	struct member *m = pool_zalloc(pool, d->n_responses * sizeof *m);
	struct group_span *g = pool_zalloc(pool, d->n_responses * sizeof *g);
	struct score *column = pool_zalloc(pool, d->n_responses * sizeof *column);

	*out = NULL;
	*n = 0;
	*n_suppressed = 0;
	if (!m || !g || !column)
		return E_NOMEM;
	for (size_t r = 0; r < d->n_responses; r++)
		if (d->grp && d->grp[r])
			m[n_members++] = (struct member){d->grp[r], r};
	qsort(m, n_members, sizeof *m, cmp_member);
	for (size_t i = 0; i < n_members; i++) {
		if (i == 0 || strcmp(m[i].grp, m[i - 1].grp) != 0)
			g[n_groups++] = (struct group_span){i, 0, false};
		g[n_groups - 1].count++;
	}
	*n_suppressed = suppress(g, n_groups, d->n_responses, (size_t)results_k(d->k));
	if (n_groups == *n_suppressed)
		return E_OK;
	*out = pool_zalloc(pool, (n_groups - *n_suppressed) * sizeof **out);
	if (!*out)
		return E_NOMEM;
	for (size_t i = 0; i < n_groups; i++) {
		struct group_result *gr;
		if (!g[i].shown)
			continue;
		gr = &(*out)[j++];
		gr->grp = m[g[i].first].grp;
		gr->n_respondents = g[i].count;
		gr->stats = pool_zalloc(pool, ns * sizeof *gr->stats);
		if (!gr->stats)
			return E_NOMEM;
		for (size_t s = 0; s < ns; s++) {
			for (size_t r = 0; r < g[i].count; r++)
				column[r] = d->cells[m[g[i].first + r].response * ns + s];
			stats_compute(column, g[i].count, &d->scale, &gr->stats[s]);
		}
	}
	*n = j;
	return E_OK;
}

/* Sets key to v, which may be NULL (no memory): false when it failed. */
static bool put(json_t *o, const char *key, json_t *v)
{
	return json_object_set_new(o, key, v) == 0;
}

static json_t *real_or_null(bool has, double v)
{
	return has ? json_real(v) : json_null();
}

/* A count, or null when the round's figures are not shown. */
static json_t *count_json(bool allowed, size_t n)
{
	return allowed ? json_integer((json_int_t)n) : json_null();
}

static json_t *standard_json(const struct round_results *r, const struct standard_result *sr)
{
	const struct standard_stats *st = &sr->stats;
	json_t *o = json_object();
	double stated = 0;
	int decimals;
	bool has_stated = sr->stated && stats_stated_parse(sr->stated, &stated, &decimals) == E_OK;
	const char *note = NULL;
	bool ok;

	if (!o)
		return NULL;
	if (!r->figures_allowed)
		note = r->figures_reason;
	else if (sr->stated && sr->check.mismatch)
		note = sr->check.note;
	else if (st->n == 0)
		note = "No scores";
	ok = put(o, "standard", json_integer(sr->standard->number)) &&
	     put(o, "key", json_string(sr->standard->key)) &&
	     put(o, "title", json_string(sr->standard->title)) &&
	     put(o, "n", count_json(r->figures_allowed, st->n)) &&
	     put(o, "dont_know", count_json(r->figures_allowed, st->dont_know)) &&
	     put(o, "no_answer", count_json(r->figures_allowed, st->no_answer)) &&
	     put(o, "mean", real_or_null(st->has_mean, st->mean)) &&
	     put(o, "median", real_or_null(st->has_mean, st->median)) &&
	     put(o, "q1", real_or_null(st->has_mean, st->q1)) &&
	     put(o, "q3", real_or_null(st->has_mean, st->q3)) &&
	     put(o, "min", real_or_null(st->has_mean, st->min)) &&
	     put(o, "max", real_or_null(st->has_mean, st->max)) &&
	     put(o, "sd", real_or_null(st->has_sd, st->sd)) &&
	     put(o, "rwg", real_or_null(st->has_rwg, st->rwg)) &&
	     put(o, "rank", sr->rank ? json_integer(sr->rank) : json_null()) &&
	     put(o, "highest", json_boolean(sr->highest)) &&
	     put(o, "lowest", json_boolean(sr->lowest)) &&
	     put(o, "stated_average", real_or_null(has_stated, stated)) &&
	     put(o, "stated_mismatch", json_boolean(sr->stated && sr->check.mismatch)) &&
	     put(o, "note", note ? json_string(note) : json_null());
	if (!ok) {
		json_decref(o);
		return NULL;
	}
	return o;
}

json_t *results_json(const struct round_results *r)
{
	json_t *a = json_array();

	if (!a)
		return NULL;
	for (size_t s = 0; s < r->n; s++)
		if (json_array_append_new(a, standard_json(r, &r->standards[s])) != 0) {
			json_decref(a);
			return NULL;
		}
	return a;
}

/* One cell as entered, or null for no answer; NULL on no memory. */
static json_t *cell_json(const struct score *c)
{
	char text[SCORE_TEXT_SIZE];

	if (c->kind == SCORE_NONE || score_format(c, text, sizeof text) != E_OK)
		return json_null();
	return json_string(text);
}

json_t *results_annex_json(const struct round_results *r)
{
	const struct round_data *d = r->data;
	size_t ns = d->fw.n_standards;
	json_t *a;

	if (!r->annex_allowed)
		return json_null();
	if (!(a = json_array()))
		return NULL;
	for (size_t i = 0; i < d->n_responses; i++) {
		json_t *row = json_array();
		if (json_array_append_new(a, row) != 0)
			goto fail;
		for (size_t s = 0; s < ns; s++)
			if (json_array_append_new(row, cell_json(&d->cells[i * ns + s])) != 0)
				goto fail;
	}
	return a;
fail:
	json_decref(a);
	return NULL;
}

json_t *results_comments_json(const struct round_results *r)
{
	const struct round_data *d = r->data;
	json_t *a, *texts = NULL;

	if (!r->comments_allowed)
		return json_null();
	if (!(a = json_array()))
		return NULL;
	/* Comments come by standard number, so each standard's are together. */
	for (size_t i = 0; i < d->n_comments; i++) {
		const struct round_comment *c = &d->comments[i];
		if (i == 0 || c->standard != d->comments[i - 1].standard) {
			const struct framework_standard *fs = framework_find_number(&d->fw, c->standard);
			json_t *o = json_object();
			if (json_array_append_new(a, o) != 0 ||
			    !put(o, "standard", json_integer(c->standard)) ||
			    !put(o, "key", fs ? json_string(fs->key) : json_null()) ||
			    !put(o, "comments", texts = json_array()))
				goto fail;
		}
		if (json_array_append_new(texts, json_string(c->body)) != 0)
			goto fail;
	}
	return a;
fail:
	json_decref(a);
	return NULL;
}
