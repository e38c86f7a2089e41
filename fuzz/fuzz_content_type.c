/*
 * fuzz_content_type.c: Content-Type values and header parameters.  The
 * whole input is the header value.  Beyond not crashing, it checks the
 * promises the body parsers build on: a parsed type is token/token inside
 * the input, every parameter the walk returns lies inside the input, its
 * unescaped copy is never longer than the value as written, and whatever
 * content_type_is_utf8() accepts, content_type_parse() accepts too.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "http/content_type.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int inside(const char *p, size_t n, const char *s, size_t len)
{
	return p >= s && n <= len && (size_t)(p - s) <= len - n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* An exact-size copy first, so ASan sees any read past the length. */
	char *exact = xmalloc(size ? size : 1);
	char *str = xstrndup((const char *)data, size);
	struct content_type ct;
	char buf[72];
	size_t len;

	if (!exact || !str)
		goto out;
	memcpy(exact, data, size);

	if (content_type_parse(exact, size, &ct) == E_OK) {
		const char *slash = memchr(ct.type, '/', ct.type_len);
		if (!inside(ct.type, ct.type_len, exact, size) || !slash ||
		    slash == ct.type || slash == ct.type + ct.type_len - 1 ||
		    !inside(ct.params, ct.params_len, exact, size))
			abort();
		struct header_param p;
		size_t pos = 0;
		int r;
		while ((r = header_param_next(ct.params, ct.params_len, &pos, &p)) == 1) {
			if (!inside(p.name, p.name_len, exact, size) || p.name_len == 0 ||
			    !inside(p.value, p.value_len, exact, size))
				abort();
			size_t n = header_param_copy(&p, buf, sizeof buf);
			if (n != SIZE_MAX && (n > p.value_len || buf[n] != '\0'))
				abort();
		}
		/* content_type_parse() walked the same parameters to the end. */
		if (r != 0)
			abort();
		enum err rc = content_type_param(&ct, "boundary", buf, sizeof buf, &len);
		if (rc == E_OK && (len >= sizeof buf || buf[len] != '\0'))
			abort();
	}

	/* The C-string entry point the form and JSON parsers use. */
	if (content_type_is_utf8(str, "application/json") &&
	    (content_type_parse(str, strlen(str), &ct) != E_OK ||
	     !content_type_is(&ct, "application/json")))
		abort();
	(void)content_type_is_utf8(str, "application/x-www-form-urlencoded");
out:
	xfree(str);
	xfree(exact);
	return 0;
}
