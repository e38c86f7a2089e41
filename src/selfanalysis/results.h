/*
 * results.h: a round's results and the comparison of two rounds, computed
 * once here so that the results page, the JSON API, the CLI and the board
 * paper show the same figures, the same marks and the same words.
 *
 * round_data_load() reads everything a round's results need in a few
 * statements; the rest is pure computation over struct round_data (tests
 * build one by hand).  Anonymity is decided here too, from the
 * partnership's k: callers show the annex, groups and comments only when
 * the flags below allow it, and say why when they do not
 * (results_suppressed_text and its variants).
 *
 * A group round (ROUND_GROUP) holds the group's agreed scores, not any
 * person's, so k does not apply to it: its figures, annex and comments
 * are always shown.  An interview round with fewer than k responses shows
 * no per-standard figure at all: with one response its mean is that
 * person's score, and with the count on show successive views could be
 * differenced.  round_results_compute blanks those figures itself, so a
 * consumer that forgets to check figures_allowed still reveals nothing.
 */
#ifndef JCS_SELFANALYSIS_RESULTS_H
#define JCS_SELFANALYSIS_RESULTS_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "selfanalysis/framework.h"
#include "selfanalysis/round.h"
#include "selfanalysis/score.h"
#include "selfanalysis/stats.h"

struct db;
struct pool;

struct round_comment {
	int64_t id;
	int standard;        /* the standard's number */
	const char *body;
	bool selected;       /* chosen for the board paper */
};

struct round_data {
	struct round round;
	struct framework fw;
	struct scale scale;
	int k;                /* the partnership's anonymity threshold */
	size_t n_responses;
	/*
	 * cells[r * fw.n_standards + s]: response r's answer to fw.standards[s].
	 * Responses are in annex order: imported ones by their column (labels
	 * that are numbers by value), then the rest by their random id, so the
	 * order says nothing about when anyone answered.
	 */
	struct score *cells;
	const char **grp;     /* per response: its group, or NULL */
	const char **stated;  /* per standard: the stated average as written, or NULL */
	struct round_comment *comments; /* by standard number, then id */
	size_t n_comments;
};

/* Reads round id of the partnership with its framework, cells, stated
 * averages, comments and k.  E_NOTFOUND when there is no such round. */
enum err round_data_load(struct db *db, struct pool *pool, int64_t partnership_id,
			 int64_t round_id, struct round_data *out);

/* Standard s's column (fw.standards[s]): one cell per response, in annex
 * order, copied into out (n_responses of them).  For charts and the annex. */
void round_data_column(const struct round_data *d, size_t s, struct score *out);

struct standard_result {
	const struct framework_standard *standard;
	struct standard_stats stats;
	int rank;            /* stats_rank: 1 is the highest mean; 0 unranked */
	bool highest;        /* rank 1 (every standard tied for it) */
	bool lowest;         /* the last rank (ties too); never when all are equal */
	const char *stated;  /* as written, or NULL */
	struct stated_check check; /* meaningful when stated */
};

struct round_results {
	const struct round_data *data;
	struct standard_result *standards; /* framework order */
	size_t n;
	/* Indices into standards, highest mean first; equal means by number;
	 * standards without scores last. */
	size_t *order;
	/*
	 * Interview rounds: at least k respondents (a k below ANONYMITY_K_MIN
	 * counts as ANONYMITY_K_MIN, failing safe).  Group rounds: always.
	 * When figures_allowed is false every standard's statistics are
	 * blank (no mean, sd or rwg, counts 0, rank 0, neither highest nor
	 * lowest, no stated average or check) and figures_reason says why.
	 */
	bool figures_allowed;
	bool annex_allowed;    /* the per-respondent annex */
	bool comments_allowed;
	const char *figures_reason; /* NULL when figures_allowed */
};

/* The k that applies: one below ANONYMITY_K_MIN counts as the minimum. */
int results_k(int k);

/* True when round d's per-standard figures may be shown (as above). */
bool round_figures_allowed(const struct round_data *d);

enum err round_results_compute(const struct round_data *d, struct pool *pool,
			       struct round_results *out);

/*
 * The plain-words reason the annex (or a group) is not shown, such as
 * "The scores of each respondent are not shown because fewer than 5 people
 * responded (3).  This keeps individual answers anonymous."  In the pool.
 */
const char *results_suppressed_text(struct pool *pool, size_t n_respondents, int k);

/* The same for comments: "Comments are not shown because fewer than 5
 * people responded (3), so a comment could say who made it." */
const char *results_comments_suppressed_text(struct pool *pool, size_t n_respondents, int k);

/* The same for every per-standard figure: "Results are shown once at
 * least 5 people have responded (2 so far), so that no one's answers can
 * be picked out."  In the pool. */
const char *results_figures_suppressed_text(struct pool *pool, size_t n_respondents, int k);

/*
 * A breakdown by respondent group: one entry per group with at least k
 * respondents (mean per standard, framework order); groups below k are
 * counted in n_suppressed and never named with their figures.  So that no
 * one can subtract the shown groups from the whole round to learn the
 * answers of fewer than k people, the smallest shown groups are suppressed
 * too until the respondents left out number 0 or at least k.  Groups are
 * in name order.
 */
struct group_result {
	const char *grp;
	size_t n_respondents;
	struct standard_stats *stats; /* per standard */
};
enum err results_groups(const struct round_data *d, struct pool *pool,
			struct group_result **out, size_t *n, size_t *n_suppressed);
/* Why n_suppressed groups are not shown, in plain words, in the pool. */
const char *results_groups_suppressed_text(struct pool *pool, size_t n_suppressed, int k);

/*
 * The results as the JSON the CLI prints and the API returns: an array in
 * framework order, one object per standard with standard, key, title, n,
 * dont_know, no_answer, mean, median, q1, q3, min, max, sd, rwg (null when
 * absent), rank (null when unranked), highest, lowest, stated_average
 * (number as stated, or null), stated_mismatch (bool) and note (text or
 * null: the stated-average note when it does not match, "No scores" when
 * n is 0).  When figures are not allowed, n, dont_know, no_answer and
 * every figure are null and note is figures_reason.  NULL on no memory;
 * the caller owns the reference.
 */
json_t *results_json(const struct round_results *r);

/*
 * The annex as JSON: an array of respondents in annex order, each an
 * array of cells in framework order as entered ("3", "1 / 2", "Don't
 * know"; null for no answer).  json null when the annex is not allowed.
 */
json_t *results_annex_json(const struct round_results *r);

/*
 * The comments as JSON, unattributed: an array of {standard, key,
 * comments: [text...]} by standard number, for standards with comments.
 * json null when comments are not allowed.
 */
json_t *results_comments_json(const struct round_results *r);

/* ---- a p-value for people ---- */

#define RESULTS_P_SIZE 16

/*
 * "p < 0.001", else "p = " and three decimals, truncated rather than
 * rounded, so that a p below 0.05 never prints "0.050" and one at or
 * above it never prints below.  Every page, the CLI table, the board
 * paper and the words use it.  Returns buf.
 */
const char *results_p_text(double p, char buf[RESULTS_P_SIZE]);

/* ---- comparing two rounds ---- */

/* The seed every comparison's permutations use, so the p-value is the
 * same on every machine and every run. */
#define RESULTS_COMPARE_SEED 20091201u

struct standard_comparison {
	const char *key;
	const char *title;       /* as in round B's framework (A's if B lacks it) */
	int number_a, number_b;  /* 0 when that round's framework lacks it */
	struct standard_stats a, b;
	bool compared;           /* both have scores: cmp is filled */
	struct comparison cmp;
	/*
	 * What the figures support, in plain words that never claim more:
	 * "Higher in the later round, and unlikely to be chance (p = 0.01)",
	 * "No clear change: the difference could be chance (p = 0.40)",
	 * with "Few scores (3 and 4): read with care." added when either n < 5,
	 * or why it was not compared.
	 */
	const char *words;
};

struct round_comparison {
	const struct round_data *a, *b;  /* a the earlier */
	struct standard_comparison *rows; /* B's framework order, then A-only keys */
	size_t n;
	/* round_figures_allowed for each round: when false that round's
	 * statistics in every row are blank, and its scores must not be drawn. */
	bool a_allowed, b_allowed;
	/*
	 * When two or more standards were compared, a caution in plain words
	 * that testing many standards at p < 0.05 will flag some by chance:
	 * "13 standards were compared. At p < 0.05, about 1 in 20 ...".
	 * NULL otherwise.
	 */
	const char *caveat;
};

/* Compares a (earlier) with b (later) standard by standard, matching
 * standards by key, so the two versions of the CSP framework compare.  A
 * round whose figures are not allowed (round_figures_allowed) is not
 * compared: every row says why. */
enum err round_compare(const struct round_data *a, const struct round_data *b,
		       struct pool *pool, struct round_comparison *out);

/* The comparison as JSON: an array, one object per key with key, title,
 * standard_a, standard_b, n_a, n_b, mean_a, mean_b, mean_change,
 * superiority, p_value, method ("exact"/"permutation"), permutations,
 * words (nulls where not compared; n_a or n_b null too when that round's
 * figures are not allowed).  The array only: the API adds the caveat. */
json_t *comparison_json(const struct round_comparison *c);

#endif
