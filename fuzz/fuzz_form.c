/*
 * fuzz_form.c: form bodies with their Content-Type.  The first line of the
 * input is the header value, the rest the body, so the fuzzer explores the
 * media-type parameter parser and the body decoder together.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/pool.h"
#include "http/urlencoded.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *nl = memchr(data, '\n', size);
	size_t ctlen = nl ? (size_t)(nl - (const char *)data) : size;
	const char *body = nl ? nl + 1 : "";
	size_t blen = nl ? size - ctlen - 1 : 0;
	char *ct = xstrndup((const char *)data, ctlen);
	if (!ct)
		return 0;

	struct pool pool;
	struct params p;
	pool_init(&pool, 1 << 20);
	if (form_parse(&pool, ct, body, blen, 64, &p) == E_OK) {
		for (size_t i = 0; i < p.n; i++) {
			const char *v = p.v[i].value;
			if (p.v[i].name[0] == '\0' || !utf8_valid(v, strlen(v)))
				abort();
		}
	}
	pool_free(&pool);
	xfree(ct);
	return 0;
}
