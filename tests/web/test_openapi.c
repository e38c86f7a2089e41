/*
 * test_openapi.c: openapi.json stays true to the route table.  Every JSON
 * route (under /api/, and /healthz) is described with its method, and every
 * path described exists, so the file cannot drift from the code.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "web/app.h"

static json_t *load(void)
{
	const char *src = getenv("JCS_SOURCE_DIR");
	char path[1024];
	snprintf(path, sizeof path, "%s/openapi.json", src ? src : ".");
	json_error_t err;
	json_t *j = json_load_file(path, JSON_REJECT_DUPLICATES, &err);
	if (!j)
		fail_msg("%s:%d:%d: %s", path, err.line, err.column, err.text);
	return j;
}

static int documented(const char *pattern)
{
	return strncmp(pattern, "/api/", 5) == 0 || strcmp(pattern, "/healthz") == 0;
}

static void test_every_api_route_is_described(void **state)
{
	json_t *j = load();
	json_t *paths = json_object_get(j, "paths");
	assert_non_null(paths);
	for (size_t i = 0; i < app_routes_count; i++) {
		const struct route *r = &app_routes[i];
		if (!documented(r->pattern))
			continue;
		json_t *p = json_object_get(paths, r->pattern);
		if (!p)
			fail_msg("openapi.json lacks path %s", r->pattern);
		char method[16];
		size_t k = 0;
		for (; r->method[k] && k < sizeof method - 1; k++)
			method[k] = (char)(r->method[k] | 0x20);
		method[k] = '\0';
		if (!json_object_get(p, method))
			fail_msg("openapi.json lacks %s %s", r->method, r->pattern);
	}
	json_decref(j);
}

static void test_every_described_path_exists(void **state)
{
	json_t *j = load();
	const char *path;
	json_t *ops;
	json_object_foreach(json_object_get(j, "paths"), path, ops) {
		const char *method;
		json_t *op;
		json_object_foreach(ops, method, op) {
			int found = 0;
			for (size_t i = 0; i < app_routes_count; i++)
				found |= strcmp(app_routes[i].pattern, path) == 0 &&
					 strcasecmp(app_routes[i].method, method) == 0;
			if (!found)
				fail_msg("openapi.json describes %s %s, which no route serves", method, path);
		}
	}
	assert_string_equal(json_string_value(json_object_get(j, "openapi")), "3.1.0");
	json_decref(j);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_api_route_is_described),
		cmocka_unit_test(test_every_described_path_exists),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
