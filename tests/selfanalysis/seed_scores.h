/*
 * seed_scores.h: the scores tables of the seed board papers, as printed,
 * shared by the statistics and results tests so that both check their
 * figures against the same cells.
 *
 * Oxfordshire (seed 000), Annex A: ten anonymised interviews scoring the
 * 12 statements (framework csp-2009-12), with the paper's "Average score"
 * column.  North Yorkshire (seed 003), Appendix B: one score per standard
 * agreed by a multi-agency group on the 13 standards (csp-2009-13).
 */
#ifndef JCS_TESTS_SEED_SCORES_H
#define JCS_TESTS_SEED_SCORES_H

#define OXON_STATEMENTS 12
#define OXON_INTERVIEWS 10
#define NYORKS_STANDARDS 13

/* Oxfordshire Annex A, one row per statement, interviews 1..10. */
static const char *const oxon[OXON_STATEMENTS][OXON_INTERVIEWS] = {
	{"4", "3", "1.5", "3.5", "3.5", "4.5", "3.5", "3.5", "3.5", "3.5"},
	{"3", "2", "Don't know", "3.5", "3", "3", "1", "3", "Don't know", "3.5"},
	{"1", "2", "2", "3.5", "3", "3", "3.5", "3", "2", "5"},
	{"3", "3", "2", "3.5", "4", "2", "1", "2.5", "2", "3.5"},
	{"4", "4", "3", "3.5", "4", "5", "3.5", "4", "3", "5"},
	{"2.5", "3", "Don't know", "3.5", "Don't know", "3", "1.5", "3.5", "3", "3.5"},
	{"4", "3", "3.5", "4", "2", "5", "3.5", "4.5", "4", "5"},
	{"2.5", "2", "Don't know", "4", "3", "3", "3.5", "4", "3.5", "3.5"},
	{"3", "2", "Don't know", "3.5", "Don't know", "3", "1.5", "3.5", "2", "3.5"},
	{"3", "2", "1", "3.5", "3", "1", "1.5", "3.5", "Don't know", "3.5"},
	{"2", "2", "Don't know", "3.5", "4", "3", "3.5", "3.5", "Don't know", "4.5"},
	{"1.5", "3", "3", "3.5", "3", "3", "3.5", "3.5", "3", "3"},
};

/* The "Average score" column, as printed. */
static const char *const oxon_stated[OXON_STATEMENTS] = {
	"3.4", "2.75", "2.8", "2.65", "3.9", "2.35",
	"3.85", "3.2", "2.75", "2.4", "3.25", "3"};

/* North Yorkshire Appendix B, standards 1..13; "1 / 2" as printed. */
static const char *const nyorks[NYORKS_STANDARDS] = {
	"4", "2", "1 / 2", "1 / 2", "1 / 2", "4", "1 / 2", "3", "1 / 2", "2", "2", "1 / 2",
	"1 / 2"};

#endif
