/*
 * benchmark.h: the national benchmark.  A partnership may share a round's
 * aggregated results; then, standard by standard (by key, so rounds on
 * either version of the framework count together), it sees where it
 * stands among the partnerships that share, and national analysts see the
 * spread.
 *
 * Only aggregates ever leave a partnership: sharing stores, per standard
 * key, the number of scores and their mean (x1000) with the day, and
 * nothing else; an interview round is shared only when at least k (the
 * partnership's anonymity threshold) people responded, and only the
 * standards that at least k of them scored, so no shared mean stands for
 * fewer people than the partnership lets its own pages show one by one.
 * A group round's agreed score is the group's, not a person's: its
 * standards need one score (a group round holds exactly one response,
 * round.h).  Only rounds on a shipped framework are shared: pooling is by
 * standard key, and an imported framework could reuse a key on another
 * scale.
 *
 * What comes back is aggregates too: quartiles of the partnerships' means,
 * how many partnerships, and the caller's own mean and position.  No other
 * partnership is named or identified, and a standard's figures are
 * suppressed while fewer than BENCHMARK_MIN_PARTNERSHIPS share it.
 * Each partnership counts once per key: its latest shared round with that
 * key (by the round's opening day, else its creation).
 */
#ifndef JCS_SELFANALYSIS_BENCHMARK_H
#define JCS_SELFANALYSIS_BENCHMARK_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

struct actor;
struct db;
struct pool;

#define BENCHMARK_MIN_PARTNERSHIPS 5
/* Keys a benchmark holds before E_TOOBIG (frameworks hold up to 200). */
#define BENCHMARK_KEYS_MAX 1000
/* Partnerships x keys a benchmark reads before E_TOOBIG. */
#define BENCHMARK_ROWS_MAX 200000

/*
 * Shares round round_id of the partnership: computes its results and
 * stores each standard's n and mean (replacing what the round shared
 * before), sets the round's shared_at, and records "share" (entity
 * "sa_round") with how many standards went.  E_NOTFOUND for no such
 * round; E_INVAL when the round is not on a shipped framework (keys pool
 * across partnerships only where they surely mean the same on the same
 * scale); E_RANGE when an interview round has fewer than k responses, or
 * no standard has enough scores to share.
 */
enum err benchmark_share(struct db *db, const struct actor *who, int64_t partnership_id,
			 int64_t round_id);
/* Withdraws it: deletes what it shared, clears shared_at, records
 * "unshare".  A round not shared is left as it is (E_OK). */
enum err benchmark_unshare(struct db *db, const struct actor *who, int64_t partnership_id,
			   int64_t round_id);

/*
 * Recomputes the national quartiles from every shared aggregate, in the
 * caller's transaction or its own: after a change that may alter which of
 * a partnership's shared rounds is its latest (a round's opening day).
 * benchmark_share and benchmark_unshare do it themselves.
 */
enum err benchmark_refresh(struct db *db);

/* Where a mean stands among the partnerships' means. */
enum benchmark_position {
	BENCHMARK_BOTTOM_QUARTER,  /* below the lower quartile */
	BENCHMARK_LOWER_MIDDLE,    /* from the lower quartile to below the median */
	BENCHMARK_UPPER_MIDDLE,    /* from the median to the upper quartile */
	BENCHMARK_TOP_QUARTER,     /* above the upper quartile */
};
/* "in the bottom quarter", "between the lower quartile and the median",
 * "between the median and the upper quartile", "in the top quarter". */
const char *benchmark_position_text(enum benchmark_position p);
/* The position of mean among quartiles q1 <= median <= q3. */
enum benchmark_position benchmark_position_of(double mean, double q1, double median, double q3);

struct benchmark_standard {
	const char *key;
	const char *title;        /* from a shipped framework, or NULL */
	size_t partnerships;      /* sharing this key */
	bool suppressed;          /* fewer than BENCHMARK_MIN_PARTNERSHIPS */
	double q1, median, q3;    /* of their means (QUARTILE.INC); when not suppressed */
	/* The caller's own latest shared mean (never with national views). */
	bool has_own;
	double own_mean;
	int64_t own_n;
	enum benchmark_position position; /* when has_own and not suppressed */
};

struct benchmark_shared_round {
	int64_t id;
	const char *name;
	const char *shared_at;
};

struct benchmark {
	/* Keys in the order of the shipped frameworks (the later version
	 * first: it holds every key of the earlier), then others by key. */
	struct benchmark_standard *standards;
	size_t n;
	/* The caller's shared rounds, newest first (none for national views). */
	struct benchmark_shared_round *shared;
	size_t n_shared;
};

/*
 * The benchmark as partnership_id sees it, or with partnership_id 0 as
 * national analysts see it (no own figures).  The one read across
 * partnerships in jcs: it returns aggregates only.
 */
enum err benchmark_load(struct db *db, struct pool *pool, int64_t partnership_id,
			struct benchmark *out);

/*
 * The benchmark as JSON (the API): {"min_partnerships": 5, "shared":
 * [{"round_id","round","shared_at"}], "data": [{"key","title",
 * "partnerships","suppressed","q1","median","q3","own_mean","own_n",
 * "position"}]} with nulls where suppressed or absent; position is
 * "bottom_quarter", "lower_middle", "upper_middle", "top_quarter" or null.
 * NULL when out of memory.
 */
json_t *benchmark_json(const struct benchmark *b);
/* The code benchmark_json() writes for a position. */
const char *benchmark_position_code(enum benchmark_position p);

#endif
