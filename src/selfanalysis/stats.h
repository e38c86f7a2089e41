/*
 * stats.h: per-standard statistics of one round, the stated-average check,
 * and the comparison of two rounds.
 *
 * Pure functions over parsed cells, so the page, CLI, JSON API and board
 * paper all show the same figures and tests can check them by hand.
 *
 * Definitions (chosen to match what board papers made in Excel show):
 * - n counts scores only; a range "1 / 2" is one score at its midpoint.
 *   "Don't know" and no answer are counted separately, never as scores.
 * - median, q1, q3: Excel's QUARTILE.INC / R type 7: for sorted x[0..n-1]
 *   and p in {.25, .5, .75}, h = (n-1)p, q = x[floor h] +
 *   (h - floor h)(x[floor h + 1] - x[floor h]).
 * - sd: sample standard deviation (divisor n-1); absent when n < 2.
 * - rwg = 1 - s²/σ²_EU, σ²_EU = (A²-1)/12 where A = max - min + 1 is the
 *   number of WHOLE points of the scale (James, Demaree & Wolf 1984).
 *   Half points and range midpoints enter s² as the values they are, but
 *   do not add categories to the uniform null: the scale's labelled points
 *   are what a respondent answering at random would choose among.
 *   Truncated to 0..1; absent when n < 2 or the scale has one point.
 */
#ifndef JCS_SELFANALYSIS_STATS_H
#define JCS_SELFANALYSIS_STATS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "selfanalysis/score.h"

struct standard_stats {
	size_t n;          /* scores (values and ranges) */
	size_t dont_know;
	size_t no_answer;
	double sum;        /* of the scores, ranges at their midpoints */
	bool has_mean;     /* n >= 1: mean, median, q1, q3, min, max valid */
	double mean, median, q1, q3, min, max;
	bool has_sd;       /* n >= 2 */
	double sd;
	bool has_rwg;      /* n >= 2 and the scale has at least two points */
	double rwg;
};

void stats_compute(const struct score *cells, size_t n, const struct scale *sc,
		   struct standard_stats *out);

/* QUARTILE.INC / R type 7 of sorted[0..n-1] (n >= 1) at p in 0..1, as
 * above, for values that are not score cells (the benchmark's means). */
double stats_quantile(const double *sorted, size_t n, double p);

/*
 * Ranks standards by mean, highest first; equal means share a rank and the
 * next rank skips ("1, 2, 2, 4").  Means within 1e-9 are equal.  A standard
 * with no scores gets rank 0 (unranked) and does not take a place.
 */
void stats_rank(const struct standard_stats *st, size_t n, int *rank);

#define STATS_NOTE_SIZE 320

struct stated_check {
	bool mismatch; /* differs from the recomputed mean by more than rounding */
	bool explained; /* a common mistake reproduces the stated figure */
	char note[STATS_NOTE_SIZE]; /* plain words; "" when it matches */
};

/*
 * Compares a stated average, written with `decimals` decimals, with the
 * recomputed mean: a mismatch is |stated - mean| > 0.5*10^-decimals + 1e-9.
 * When it mismatches, tries the common spreadsheet mistakes in turn —
 * "Don't know" counted as zero, no answer counted as zero, the total divided
 * by all respondents — and says which one reproduces the stated figure.
 */
void stats_check_stated(const struct standard_stats *st, double stated,
			int decimals, struct stated_check *out);

/*
 * Reads a stated average as written ("2.35", "3", " 3.40 ") and the number
 * of decimals it was given to.  E_INVAL if it is not a plain decimal number.
 */
enum err stats_stated_parse(const char *text, double *value, int *decimals);

/* Exact enumeration up to this many splits; random permutations above. */
#define STATS_EXACT_MAX 200000
#define STATS_PERMUTATIONS 10000
/* Per round: a bound on the work a comparison may do. */
#define STATS_COMPARE_MAX 100000

enum compare_method { COMPARE_EXACT, COMPARE_PERMUTATION };

struct comparison {
	size_t na, nb;
	double mean_a, mean_b;
	double mean_change;   /* mean_b - mean_a */
	double superiority;   /* P(B > A) + 0.5 P(B = A) over all pairs */
	double p_value;       /* two-sided, for |superiority - 0.5| */
	enum compare_method method;
	uint64_t permutations; /* splits enumerated, or random permutations */
};

/*
 * Compares round A (earlier) with round B (later) for one standard.  The
 * p-value counts splits of the pooled scores into groups of na and nb whose
 * superiority is at least as far from 0.5 as the observed one: all
 * C(na+nb, na) splits when that is at most STATS_EXACT_MAX, else
 * STATS_PERMUTATIONS random ones from a splitmix64 generator seeded with
 * `seed` (so every machine gets the same p), reported as (k+1)/(m+1)
 * (Phipson & Smyth 2010) so it is never 0.
 * E_INVAL when either round has no scores, E_TOOBIG above
 * STATS_COMPARE_MAX, E_NOMEM.
 */
enum err stats_compare(const double *a, size_t na, const double *b, size_t nb,
		       uint64_t seed, struct comparison *out);

#endif
