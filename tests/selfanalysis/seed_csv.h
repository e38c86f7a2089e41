/*
 * seed_csv.h: the seeds' scores tables (seed_scores.h) written as the
 * scores files `jcs selfanalysis import` reads, for the import tests and
 * the command-line tests, so both import the same text.
 */
#ifndef JCS_TESTS_SEED_CSV_H
#define JCS_TESTS_SEED_CSV_H

#include "core/buf.h"
#include "selfanalysis/seed_scores.h"

/* Oxfordshire's annex: interviews 1..10 and the stated averages. */
static inline void seed_oxon_csv(struct buf *b)
{
	buf_puts(b, "standard,1,2,3,4,5,6,7,8,9,10,stated_average\n");
	for (int s = 0; s < OXON_STATEMENTS; s++) {
		buf_printf(b, "%d", s + 1);
		for (int i = 0; i < OXON_INTERVIEWS; i++)
			buf_printf(b, ",%s", oxon[s][i]);
		buf_printf(b, ",%s\n", oxon_stated[s]);
	}
}

/* North Yorkshire's Appendix B: one column, the group's scores. */
static inline void seed_nyorks_csv(struct buf *b)
{
	buf_puts(b, "standard,Task and finish group\n");
	for (int s = 0; s < NYORKS_STANDARDS; s++)
		buf_printf(b, "%d,%s\n", s + 1, nyorks[s]);
}

#endif
