/*
 * fuzz_query.c: query strings and URL paths.  The same bytes go to both
 * decoders; whatever they accept must be valid UTF-8 without NUL bytes,
 * which is what every handler downstream relies on, so that is checked
 * here rather than only "did not crash".
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/pool.h"
#include "http/urlencoded.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pool pool;
	struct params p;
	char *path;
	const char *s = (const char *)data;

	pool_init(&pool, 1 << 20);
	if (urlencoded_parse(&pool, s, size, 64, &p) == E_OK) {
		if (p.n > 64)
			abort();
		for (size_t i = 0; i < p.n; i++) {
			const char *n = p.v[i].name, *v = p.v[i].value;
			if (n[0] == '\0' || !utf8_valid(n, strlen(n)) ||
			    !utf8_valid(v, strlen(v)))
				abort();
		}
	}
	if (url_path_decode(&pool, s, size, &path) == E_OK) {
		if (strlen(path) > size || !utf8_valid(path, strlen(path)))
			abort();
	}
	pool_free(&pool);
	return 0;
}
