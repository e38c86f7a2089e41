/*
 * fuzz_cookie.c: Cookie header values.  The input is split at its first
 * NUL-free newline into a cookie name and a header.  Whatever cookie_get()
 * returns must be cookie-octets only, no longer than COOKIE_VALUE_MAX and
 * found in the header, and formatting it back into Set-Cookie must work:
 * the promises app_auth.c relies on when it compares and stores them.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/pool.h"
#include "http/cookie.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = xstrndup((const char *)data, size);
	if (!s)
		return 0;
	char *nl = strchr(s, '\n');
	const char *name = "jcs_session", *header = s;
	if (nl) {
		*nl = 0;
		name = s;
		header = nl + 1;
	}
	struct pool pool;
	pool_init(&pool, 1 << 20);
	const char *v = cookie_get(&pool, header, name);
	if (v) {
		size_t n = strlen(v);
		if (n > COOKIE_VALUE_MAX || !strstr(header, v))
			abort();
		for (size_t i = 0; i < n; i++) {
			unsigned char c = (unsigned char)v[i];
			if (c <= 0x20 || c >= 0x7f || c == '"' || c == ',' || c == ';' || c == '\\')
				abort();
		}
		struct cookie_attrs a = {.secure = 1, .http_only = 1, .same_site = "Lax"};
		if (!cookie_format(&pool, "x", v, &a))
			abort();
	}
	pool_free(&pool);
	xfree(s);
	return 0;
}
