/*
 * fuzz_json.c: JSON bodies through the depth pre-scan and jansson.  A low
 * depth limit makes the fuzzer hit the pre-scan's refusal often; anything
 * accepted must be no deeper than that limit.
 */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>

#include "http/json_body.h"

#define MAX_DEPTH 8

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Levels of nesting: 0 for a scalar, 1 + the deepest member otherwise. */
static size_t depth(json_t *j)
{
	size_t max = 0, i;
	const char *k;
	json_t *v;

	if (json_is_object(j)) {
		json_object_foreach(j, k, v) {
			size_t d = depth(v);
			if (d > max)
				max = d;
		}
		return max + 1;
	}
	if (json_is_array(j)) {
		json_array_foreach(j, i, v) {
			size_t d = depth(v);
			if (d > max)
				max = d;
		}
		return max + 1;
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	json_t *j;
	char err[160];

	enum err rc = json_body_parse("application/json; charset=utf-8",
				      (const char *)data, size, MAX_DEPTH, &j,
				      err, sizeof err);
	if (rc == E_OK) {
		if (!j || depth(j) > MAX_DEPTH)
			abort();
		json_decref(j);
	} else if (j) {
		abort();
	}
	return 0;
}
