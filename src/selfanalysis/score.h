/*
 * score.h: one cell of a self-analysis scores table.
 *
 * Scores are kept as integer half-points (3.5 is 7) so that equality,
 * sorting and re-formatting are exact; doubles appear only in statistics.
 * A cell is one of four kinds, because the seeds' tables hold all four and
 * statistics must treat them differently: a value, a range written "1 / 2"
 * (kept as entered, counted as its midpoint), "Don't know" (never a score)
 * and no answer (an empty cell).
 */
#ifndef JCS_SELFANALYSIS_SCORE_H
#define JCS_SELFANALYSIS_SCORE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"

/* min and max are WHOLE points (1 and 5 for the CSP scale). */
struct scale {
	int min;
	int max;
	bool half_points_allowed;
	bool dont_know_allowed;
};

enum score_kind {
	SCORE_NONE = 0,  /* empty cell: no answer */
	SCORE_VALUE,     /* lo == hi */
	SCORE_RANGE,     /* "lo / hi": neighbouring whole points, hi = lo + 2 */
	SCORE_DONT_KNOW,
};

/* lo and hi are half-points (score 3.5 = 7). */
struct score {
	enum score_kind kind;
	int lo;
	int hi;
};

/* Long enough for any canonical cell text: "10 / 11" ... "Don't know". */
#define SCORE_TEXT_SIZE 32
/* Long enough for every message score_parse writes. */
#define SCORE_ERR_SIZE 160

/*
 * Parses one cell: "" (no answer), "3", "3.5", "3.0", "1 / 2", "1/2",
 * "Don't know" / "Don’t know" / "Dont know" / "DK" in any case, with
 * surrounding spaces ignored.  A range is between two neighbouring whole
 * points ("1 / 2", "3 / 4"); "1 / 3" and "2 / 2.5" are refused (E_INVAL).  On refusal returns E_INVAL (not a score)
 * or E_RANGE (outside what the scale allows) and writes a plain-words
 * message such as "'6' is outside the scale 1 to 5" to err.
 */
enum err score_parse(const char *cell, const struct scale *sc,
		     struct score *out, char *err, size_t errlen);

/*
 * The canonical text: "3", "3.5", "1 / 2", "Don't know", "" for no answer.
 * Parsing it gives back the same score.  E_TOOBIG if len is too small.
 */
enum err score_format(const struct score *s, char *buf, size_t len);

/* True for the kinds that count as a score (value or range). */
bool score_counts(const struct score *s);

/* The score in points for statistics: a range counts as its midpoint. */
double score_value(const struct score *s);

#endif
