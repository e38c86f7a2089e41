/*
 * testround.c: see testround.h.
 */
#include "support/testround.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <string.h>

struct pool testround_pool;

int testround_setup(void **state)
{
	(void)state;
	pool_init(&testround_pool, 64u << 20);
	return 0;
}

int testround_teardown(void **state)
{
	(void)state;
	pool_free(&testround_pool);
	return 0;
}

void testround_assert_keys(json_t *o, const char *const *keys, size_t n)
{
	const char *k;
	json_t *v;
	size_t i = 0;

	assert_non_null(o);
	assert_int_equal(json_object_size(o), n);
	json_object_foreach(o, k, v) {
		(void)v;
		assert_string_equal(k, keys[i++]);
	}
}

void testround_build(struct pool *pool, const struct framework *fw, const char *const *cells,
		     size_t n_responses, int k, struct round_data *d)
{
	size_t ns = fw->n_standards;
	char err[SCORE_ERR_SIZE];

	memset(d, 0, sizeof *d);
	d->round.id = 1;
	d->round.framework = fw->id;
	d->round.name = "Test round";
	d->round.responses = (int64_t)n_responses;
	d->fw = *fw;
	framework_scale(fw, &d->scale);
	d->k = k;
	d->n_responses = n_responses;
	d->cells = pool_zalloc(pool, n_responses * ns * sizeof *d->cells);
	assert_non_null(d->cells);
	for (size_t s = 0; s < ns; s++)
		for (size_t r = 0; r < n_responses; r++) {
			enum err rc = score_parse(cells[s * n_responses + r], &d->scale,
						  &d->cells[r * ns + s], err, sizeof err);
			if (rc != E_OK)
				fail_msg("standard %zu, response %zu: %s", s + 1, r + 1, err);
		}
}

void testround_builtin(struct pool *pool, const char *fw_id, const char *const *cells,
		       size_t n_responses, int k, struct round_data *d)
{
	struct framework fw;

	assert_int_equal(framework_builtin(fw_id, pool, &fw), E_OK);
	testround_build(pool, &fw, cells, n_responses, k, d);
}
