/*
 * fuzz_score.c: scores-table cells (selfanalysis/score.h).  Every cell of
 * an imported file goes through score_parse, so beyond "did not crash" this
 * checks what the statistics rely on: an accepted score lies within the
 * scale, a range is ordered, a refusal always says why, and the canonical
 * text parses back to the same score.  The first byte picks the scale so
 * the refusals for half points and "Don't know" are reached too.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "selfanalysis/score.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct scale sc = {1, 5, true, true};
	struct score s, t;
	char err[SCORE_ERR_SIZE], text[SCORE_TEXT_SIZE];
	char *cell;
	enum err rc;

	if (size == 0 || size > 256)
		return 0;
	sc.half_points_allowed = (data[0] & 1) != 0;
	sc.dont_know_allowed = (data[0] & 2) != 0;
	if (data[0] & 4)
		sc.max = 3;
	cell = malloc(size);
	if (!cell)
		return 0;
	memcpy(cell, data + 1, size - 1);
	cell[size - 1] = '\0';

	rc = score_parse(cell, &sc, &s, err, sizeof err);
	if (rc != E_OK) {
		if (err[0] == '\0' || strlen(err) >= sizeof err - 1)
			abort();
	} else {
		if (s.kind == SCORE_VALUE || s.kind == SCORE_RANGE) {
			if (s.lo < sc.min * 2 || s.hi > sc.max * 2 ||
			    s.lo > s.hi ||
			    (s.kind == SCORE_RANGE &&
			     (s.lo % 2 != 0 || s.hi != s.lo + 2)) ||
			    (s.kind == SCORE_VALUE && s.lo != s.hi))
				abort();
			if (!sc.half_points_allowed &&
			    (s.lo % 2 != 0 || s.hi % 2 != 0))
				abort();
		}
		if (s.kind == SCORE_DONT_KNOW && !sc.dont_know_allowed)
			abort();
		if (score_format(&s, text, sizeof text) != E_OK)
			abort();
		if (score_parse(text, &sc, &t, err, sizeof err) != E_OK ||
		    memcmp(&s, &t, sizeof s) != 0)
			abort();
	}
	free(cell);
	return 0;
}
