/*
 * fuzz_framework.c: framework JSON through framework_parse.  Whatever is
 * accepted must hold the invariants callers rely on without re-checking:
 * counts within the limits, scale values ascending by one, numbers and keys
 * unique, excellence lists NULL-terminated; whatever is refused must leave
 * a message and an empty framework.  A small pool limit makes the
 * out-of-memory paths run too.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/pool.h"
#include "selfanalysis/framework.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pool p;
	struct framework f;
	char err[FRAMEWORK_ERR_SIZE];

	pool_init(&p, size % 2 ? 64u << 10 : 4u << 20);
	enum err rc = framework_parse((const char *)data, size, &p, &f, err,
				      sizeof err);
	if (rc == E_OK) {
		if (!f.id || f.n_points < 2 || f.n_points > FRAMEWORK_MAX_POINTS ||
		    f.n_standards < 1 || f.n_standards > FRAMEWORK_MAX_STANDARDS)
			abort();
		for (size_t i = 1; i < f.n_points; i++)
			if (f.points[i].value != f.points[i - 1].value + 1)
				abort();
		for (size_t i = 0; i < f.n_standards; i++) {
			const struct framework_standard *s = &f.standards[i];
			if (framework_find_number(&f, s->number) != s ||
			    framework_find_key(&f, s->key) != s ||
			    s->excellence[s->n_excellence] != NULL)
				abort();
		}
	} else if (rc != E_NOMEM && (err[0] == '\0' || f.standards)) {
		abort();
	}
	pool_free(&p);
	return 0;
}
