/*
 * api_paging.h: the checks of the structure API's paging (?limit and
 * ?offset) that the organisations' and areas' tests share.  Static
 * functions in a header because only test_*.c files are built here, each
 * as its own program; tests/support would be their home if more modules
 * page their lists this way.
 */
#ifndef JCS_TEST_API_PAGING_H
#define JCS_TEST_API_PAGING_H

#include <jansson.h>
#include <string.h>

#include "core/pool.h"
#include "support/page_asserts.h"
#include "support/testapp.h"

/* A page of an API list: its total, limit and offset, and its names in
 * order, comma-separated ("" for none). */
struct api_page {
	const char *target;
	json_int_t total, limit, offset;
	const char *names;
};

static void api_check_pages(struct testapp *app, const char *tok, const struct api_page *c, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		json_t *j = testapp_api_get(app, c[i].target, tok, 200);
		const char *names = "";
		json_t *row;
		size_t k;
		json_array_foreach(json_object_get(j, "data"), k, row)
			names = pool_printf(&app->pool, "%s%s%s", names, k ? "," : "",
					    json_string_value(json_object_get(row, "name")));
		if (strcmp(names, c[i].names) != 0 ||
		    json_integer_value(json_object_get(j, "total")) != c[i].total ||
		    json_integer_value(json_object_get(j, "limit")) != c[i].limit ||
		    json_integer_value(json_object_get(j, "offset")) != c[i].offset)
			fail_msg("%s: got names [%s] total %lld limit %lld offset %lld", c[i].target, names,
				 (long long)json_integer_value(json_object_get(j, "total")),
				 (long long)json_integer_value(json_object_get(j, "limit")),
				 (long long)json_integer_value(json_object_get(j, "offset")));
		json_decref(j);
	}
}

/* Every bad limit or offset is a JSON 400 naming the parameter. */
static void api_check_bad_paging(struct testapp *app, const char *tok, const char *base)
{
	static const char *const bad[] = {
		"limit=0", "limit=1001", "limit=-1", "limit=", "limit=ten", "limit=1.5", "limit=+5",
		"limit=%205", "limit=99999999999999999999", "offset=-1", "offset=", "offset=x",
		"offset=1e3", "offset=1000000000", "offset=99999999999999999999",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		const char *target = pool_printf(&app->pool, "%s?%s", base, bad[i]);
		json_t *j = testapp_api_get(app, target, tok, 400);
		json_t *e = json_object_get(j, "error");
		const char *msg = json_string_value(json_object_get(e, "message"));
		assert_string_equal(json_string_value(json_object_get(e, "code")), "bad_request");
		assert_non_null(msg);
		assert_int_equal(strncmp(msg, bad[i], 5), 0); /* "limit ..." or "offse..." */
		assert_contains(msg, "must be a whole number from ");
		assert_null(json_object_get(j, "data"));
		json_decref(j);
	}
}

#endif
