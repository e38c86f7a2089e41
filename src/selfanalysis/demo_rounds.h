/*
 * demo_rounds.h: the self-analysis rounds of the demonstration partnership
 * (partnership/demo.c calls this when it creates the demo).
 */
#ifndef JCS_SELFANALYSIS_DEMO_ROUNDS_H
#define JCS_SELFANALYSIS_DEMO_ROUNDS_H

#include <stdint.h>

#include "core/err.h"

struct db;

/* The two rounds' names, for tests and documentation. */
#define DEMO_ROUND_OXFORDSHIRE "Oxfordshire interviews, August to September 2009"
#define DEMO_ROUND_NORTH_YORKSHIRE "North Yorkshire group self-evaluation, 23 March 2009"

/*
 * Adds the two rounds the seed board papers report, each with its scores,
 * stated averages, comments (Oxfordshire's, the quotations its annex
 * printed, selected for the board paper) and key messages, closed (they
 * are history):
 * Oxfordshire's ten anonymised interviews on the 12 statements
 * (csp-2009-12) and North Yorkshire's group scores on the 13 standards
 * (csp-2009-13).  Written through selfanalysis_import as the command line
 * would, in the caller's transaction when it holds one.
 */
enum err demo_rounds_add(struct db *db, int64_t partnership_id);

#endif
