/*
 * stats.c: see stats.h for the definitions.
 *
 * The comparison works on doubled mid-ranks of the pooled scores, which are
 * integers: the sum of B's doubled mid-ranks minus nb(nb+1) is exactly twice
 * the Mann-Whitney U (pairs with B > A plus half the ties), so every split
 * is judged in integer arithmetic and the exact p-value has no rounding.
 */
#include "selfanalysis/stats.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"

#define EQ_EPS 1e-9

static int cmp_double(const void *x, const void *y)
{
	double a = *(const double *)x, b = *(const double *)y;

	return (a > b) - (a < b);
}

/* QUARTILE.INC / R type 7 on sorted x. */
static double quantile(const double *x, size_t n, double p)
{
	double h = (double)(n - 1) * p;
	size_t i = (size_t)floor(h);

	if (i + 1 >= n)
		return x[n - 1];
	return x[i] + (h - (double)i) * (x[i + 1] - x[i]);
}

double stats_quantile(const double *sorted, size_t n, double p)
{
	return quantile(sorted, n, p);
}

void stats_compute(const struct score *cells, size_t n, const struct scale *sc,
		   struct standard_stats *out)
{
	double *x;
	size_t k = 0;

	memset(out, 0, sizeof *out);
	for (size_t i = 0; i < n; i++) {
		if (score_counts(&cells[i]))
			out->n++;
		else if (cells[i].kind == SCORE_DONT_KNOW)
			out->dont_know++;
		else
			out->no_answer++;
	}
	if (out->n == 0)
		return;
	/* Sorting needs a copy; with no memory we still give counts. */
	x = xmalloc(out->n * sizeof *x);
	if (!x)
		return;
	for (size_t i = 0; i < n; i++)
		if (score_counts(&cells[i])) {
			x[k] = score_value(&cells[i]);
			out->sum += x[k++];
		}
	qsort(x, k, sizeof *x, cmp_double);
	out->has_mean = true;
	out->mean = out->sum / (double)k;
	out->min = x[0];
	out->max = x[k - 1];
	out->median = quantile(x, k, 0.5);
	out->q1 = quantile(x, k, 0.25);
	out->q3 = quantile(x, k, 0.75);
	if (k >= 2) {
		double ss = 0, var, a = (double)(sc->max - sc->min + 1);
		for (size_t i = 0; i < k; i++)
			ss += (x[i] - out->mean) * (x[i] - out->mean);
		var = ss / (double)(k - 1);
		out->has_sd = true;
		out->sd = sqrt(var);
		if (a >= 2) {
			double r = 1.0 - var / ((a * a - 1.0) / 12.0);
			out->has_rwg = true;
			out->rwg = r < 0 ? 0 : r > 1 ? 1 : r;
		}
	}
	xfree(x);
}

void stats_rank(const struct standard_stats *st, size_t n, int *rank)
{
	for (size_t i = 0; i < n; i++) {
		int above = 0;
		if (!st[i].has_mean) {
			rank[i] = 0;
			continue;
		}
		for (size_t j = 0; j < n; j++)
			if (st[j].has_mean && st[j].mean > st[i].mean + EQ_EPS)
				above++;
		rank[i] = above + 1;
	}
}

static bool within(double stated, double value, int decimals)
{
	return fabs(stated - value) <= 0.5 * pow(10, -decimals) + EQ_EPS;
}

void stats_check_stated(const struct standard_stats *st, double stated,
			int decimals, struct stated_check *out)
{
	size_t dk = st->dont_know, na = st->no_answer;
	char why[200] = "";

	memset(out, 0, sizeof *out);
	if (decimals < 0)
		decimals = 0;
	if (!st->has_mean) {
		out->mismatch = true;
		snprintf(out->note, sizeof out->note,
			 "The stated average %.*f cannot be checked: there are "
			 "no scores for this standard.", decimals, stated);
		return;
	}
	if (within(stated, st->mean, decimals))
		return;
	out->mismatch = true;
	if (dk > 0 && within(stated, st->sum / (double)(st->n + dk), decimals))
		snprintf(why, sizeof why,
			 " It is what you get by counting the %zu \"Don't "
			 "know\" answer%s as zero (%g divided by %zu).",
			 dk, dk == 1 ? "" : "s", st->sum, st->n + dk);
	else if (na > 0 &&
		 within(stated, st->sum / (double)(st->n + na), decimals))
		snprintf(why, sizeof why,
			 " It is what you get by counting the %zu missing "
			 "answer%s as zero (%g divided by %zu).",
			 na, na == 1 ? "" : "s", st->sum, st->n + na);
	else if (dk > 0 && na > 0 &&
		 within(stated, st->sum / (double)(st->n + dk + na), decimals))
		snprintf(why, sizeof why,
			 " It is what you get by dividing the total by all "
			 "%zu respondents instead of the %zu who gave a score "
			 "(%g divided by %zu).",
			 st->n + dk + na, st->n, st->sum, st->n + dk + na);
	out->explained = why[0] != '\0';
	snprintf(out->note, sizeof out->note,
		 "The stated average %.*f does not match the mean of the %zu "
		 "score%s, %.2f.%s", decimals, stated, st->n,
		 st->n == 1 ? "" : "s", st->mean, why);
}

enum err stats_stated_parse(const char *text, double *value, int *decimals)
{
	const char *s = text, *e;
	int d = -1, digits = 0;
	char *end;

	if (!s)
		return E_INVAL;
	while (*s == ' ' || *s == '\t')
		s++;
	for (e = s; *e && *e != ' ' && *e != '\t' && *e != '\r'; e++) {
		if (*e == '.' && d < 0)
			d = 0;
		else if (*e >= '0' && *e <= '9') {
			digits++;
			if (d >= 0)
				d++;
		} else if (!(e == s && *e == '-'))
			return E_INVAL;
	}
	for (const char *t = e; *t; t++)
		if (*t != ' ' && *t != '\t' && *t != '\r' && *t != '\n')
			return E_INVAL;
	if (digits == 0 || d == 0 || digits > 15)
		return E_INVAL;
	*value = strtod(s, &end);
	*decimals = d < 0 ? 0 : d;
	return E_OK;
}

/* splitmix64 (Steele, Lea & Flood 2014): tiny, and the same everywhere. */
static uint64_t splitmix64(uint64_t *state)
{
	uint64_t z = (*state += 0x9E3779B97F4A7C15ULL);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

/* Uniform in [0, bound) without modulo bias. */
static uint64_t uniform(uint64_t *state, uint64_t bound)
{
	uint64_t limit = UINT64_MAX - UINT64_MAX % bound, r;

	do
		r = splitmix64(state);
	while (r >= limit);
	return r % bound;
}

struct pooled {
	double v;
	size_t from_b;
};

static int cmp_pooled(const void *x, const void *y)
{
	return cmp_double(&((const struct pooled *)x)->v,
			  &((const struct pooled *)y)->v);
}

/* C(n, k), or STATS_EXACT_MAX + 1 once it is larger. */
static uint64_t choose_capped(size_t n, size_t k)
{
	uint64_t c = 1;

	if (k > n - k)
		k = n - k;
	for (size_t i = 1; i <= k; i++) {
		c = c * (n - k + i) / i; /* exact: c*(n-k+i) is divisible by i */
		if (c > STATS_EXACT_MAX)
			return STATS_EXACT_MAX + 1;
	}
	return c;
}

static int64_t dev(int64_t t, size_t na, size_t nb)
{
	/* 2U - na*nb, with 2U = t - nb(nb+1). */
	int64_t d = t - (int64_t)(nb * (nb + 1)) - (int64_t)(na * nb);

	return d < 0 ? -d : d;
}

enum err stats_compare(const double *a, size_t na, const double *b, size_t nb,
		       uint64_t seed, struct comparison *out)
{
	size_t n = na + nb;
	struct pooled *p;
	int64_t *r2, t_obs = 0, total = 0, d_obs;
	uint64_t hits = 0, count;
	double sa = 0, sb = 0;

	memset(out, 0, sizeof *out);
	if (na == 0 || nb == 0)
		return E_INVAL;
	if (na > STATS_COMPARE_MAX || nb > STATS_COMPARE_MAX)
		return E_TOOBIG;
	p = xmalloc(n * sizeof *p);
	r2 = xmalloc(n * sizeof *r2);
	if (!p || !r2) {
		xfree(p);
		xfree(r2);
		return E_NOMEM;
	}
	for (size_t i = 0; i < na; i++) {
		p[i] = (struct pooled){a[i], 0};
		sa += a[i];
	}
	for (size_t i = 0; i < nb; i++) {
		p[na + i] = (struct pooled){b[i], 1};
		sb += b[i];
	}
	qsort(p, n, sizeof *p, cmp_pooled);
	/* Doubled mid-ranks: a tie group at 1-based ranks i..j gets i + j. */
	for (size_t i = 0; i < n;) {
		size_t j = i;
		while (j + 1 < n && fabs(p[j + 1].v - p[i].v) <= EQ_EPS)
			j++;
		for (size_t k = i; k <= j; k++) {
			r2[k] = (int64_t)(i + 1 + j + 1);
			total += r2[k];
			if (p[k].from_b)
				t_obs += r2[k];
		}
		i = j + 1;
	}
	out->na = na;
	out->nb = nb;
	out->mean_a = sa / (double)na;
	out->mean_b = sb / (double)nb;
	out->mean_change = out->mean_b - out->mean_a;
	out->superiority = (double)(t_obs - (int64_t)(nb * (nb + 1))) /
			   (2.0 * (double)na * (double)nb);
	d_obs = dev(t_obs, na, nb);

	count = choose_capped(n, na);
	if (count <= STATS_EXACT_MAX) {
		/* Every choice of k indices for the smaller group. */
		size_t k = na < nb ? na : nb, idx[64];
		size_t *c = k <= 64 ? idx : NULL;

		/* C(n,k) <= 200000 with k > 64 would need n > 2k: impossible. */
		if (!c) {
			xfree(p);
			xfree(r2);
			return E_TOOBIG;
		}
		for (size_t i = 0; i < k; i++)
			c[i] = i;
		for (;;) {
			int64_t t = 0, tb;
			for (size_t i = 0; i < k; i++)
				t += r2[c[i]];
			tb = k == nb ? t : total - t;
			if (dev(tb, na, nb) >= d_obs)
				hits++;
			out->permutations++;
			size_t i = k;
			while (i > 0 && c[i - 1] == n - k + i - 1)
				i--;
			if (i == 0)
				break;
			c[i - 1]++;
			for (size_t j = i; j < k; j++)
				c[j] = c[j - 1] + 1;
		}
		out->method = COMPARE_EXACT;
		out->p_value = (double)hits / (double)out->permutations;
	} else {
		uint64_t state = seed;
		/* Drawing the smaller group is enough (the other is the rest), so
		 * a round of 2,000 against one of 10 costs 10 draws, not 2,000. */
		size_t k = na < nb ? na : nb;
		for (uint64_t m = 0; m < STATS_PERMUTATIONS; m++) {
			int64_t t = 0, tb;
			/* Partial Fisher-Yates: the first k slots become the group. */
			for (size_t i = 0; i < k; i++) {
				size_t j = i + (size_t)uniform(&state, n - i);
				int64_t tmp = r2[i];
				r2[i] = r2[j];
				r2[j] = tmp;
				t += r2[i];
			}
			tb = k == nb ? t : total - t;
			if (dev(tb, na, nb) >= d_obs)
				hits++;
		}
		out->method = COMPARE_PERMUTATION;
		out->permutations = STATS_PERMUTATIONS;
		out->p_value = (double)(hits + 1) / (STATS_PERMUTATIONS + 1);
	}
	xfree(p);
	xfree(r2);
	return E_OK;
}
