/*
 * testround.h: a struct round_data built by hand, as round_data_load()
 * would fill it, for the tests of the results, the comparison and the
 * board paper: pure computation needs no database.
 *
 * The seeds' tables are laid out by standard, one column per respondent,
 * so the cells are given that way: cells[s * n_responses + r] is response
 * r's answer to fw->standards[s], as text ("3.5", "1 / 2", "Don't know",
 * "" for no answer).  A cell the scale refuses fails the test.
 */
#ifndef JCS_TESTROUND_H
#define JCS_TESTROUND_H

#include <jansson.h>
#include <stddef.h>

#include "core/pool.h"
#include "selfanalysis/results.h"

/* A pool for a test program's rounds: testround_setup and
 * testround_teardown are its cmocka group fixtures. */
extern struct pool testround_pool;
int testround_setup(void **state);
int testround_teardown(void **state);

/* Fails the test unless object o has exactly these n keys, in this order
 * (the order a JSON contract documents them in). */
void testround_assert_keys(json_t *o, const char *const *keys, size_t n);

/* Fills d from fw (copied) and the cells, with anonymity threshold k; no
 * stated averages, groups or comments (set d->stated, d->grp after). */
void testround_build(struct pool *pool, const struct framework *fw, const char *const *cells,
		     size_t n_responses, int k, struct round_data *d);

/* The same for a shipped framework, by id. */
void testround_builtin(struct pool *pool, const char *fw_id, const char *const *cells,
		       size_t n_responses, int k, struct round_data *d);

#endif
