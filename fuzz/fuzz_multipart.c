/*
 * fuzz_multipart.c: multipart/form-data.  The first line of the input is
 * the Content-Type value, the rest the body.  Accepted parts are checked to
 * point inside the body and to carry a non-empty name, the two promises
 * handlers depend on.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/pool.h"
#include "http/multipart.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pool pool;
	struct parts p;
	const char *nl = memchr(data, '\n', size);
	size_t ctlen = nl ? (size_t)(nl - (const char *)data) : size;
	size_t blen = nl ? size - ctlen - 1 : 0;
	char *ct = xstrndup((const char *)data, ctlen);
	/* A copy of exactly blen bytes, so ASan sees any read past the body. */
	char *body = xmalloc(blen);
	if (!ct || !body)
		goto out;
	if (blen)
		memcpy(body, nl + 1, blen);

	pool_init(&pool, 1 << 20);
	if (multipart_parse(&pool, ct, body, blen, 32, &p) == E_OK) {
		if (p.n > 32)
			abort();
		for (size_t i = 0; i < p.n; i++) {
			const struct part *pt = &p.v[i];
			if (pt->name[0] == '\0' || pt->data < body ||
			    pt->len > blen || (size_t)(pt->data - body) > blen - pt->len)
				abort();
			if (parts_get(&p, pt->name) == NULL)
				abort();
		}
	}
	pool_free(&pool);
out:
	xfree(body);
	xfree(ct);
	return 0;
}
