/*
 * fuzz_router.c: the router against arbitrary methods and paths, on the
 * production route table.  Input: method, a newline, then the path.
 */
#include <stdint.h>
#include <string.h>

#include "core/pool.h"
#include "http/router.h"
#include "web/app.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pool pool;
	pool_init(&pool, 1 << 20);
	char *s = pool_strndup(&pool, (const char *)data, size);
	if (s && strlen(s) == size) {
		char *nl = strchr(s, '\n');
		const char *method = "GET", *path = s;
		if (nl) {
			*nl = '\0';
			method = s;
			path = nl + 1;
		}
		struct params caps;
		const char *allow;
		const struct route *r = router_match(app_routes, app_routes_count, &pool, method,
						     path, &caps, &allow);
		for (size_t i = 0; r && i < caps.n; i++)
			if (!caps.v[i].name || !caps.v[i].value)
				__builtin_trap();
	}
	pool_free(&pool);
	return 0;
}
