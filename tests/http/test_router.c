/*
 * test_router.c: pattern matching, captures, 405 detection, table checks,
 * and the metrics counters the server records per route.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <string.h>

#include "core/buf.h"
#include "core/pool.h"
#include "http/metrics.h"
#include "http/router.h"

static void h(struct request *req, struct response *res) {}

static const struct route table[] = {
	{"GET", "/", h, "home", 0},
	{"GET", "/orgs", h, "orgs", 0},
	{"POST", "/orgs", h, "orgs_add", 0},
	{"GET", "/orgs/{id}", h, "org", 0},
	{"GET", "/orgs/{id}/areas/{area}", h, "org_area", 0},
	{"GET", "/assets/{path*}", h, "assets", 0},
};
#define N (sizeof table / sizeof table[0])

static const struct route *m(struct pool *p, const char *method, const char *path,
			     struct params *caps, const char **allow)
{
	return router_match(table, N, p, method, path, caps, allow);
}

static void test_literal_and_captures(void **state)
{
	struct pool p;
	pool_init(&p, 1 << 16);
	struct params caps;
	const char *allow;
	assert_string_equal(m(&p, "GET", "/", &caps, &allow)->name, "home");
	assert_string_equal(m(&p, "GET", "/orgs", &caps, &allow)->name, "orgs");
	assert_string_equal(m(&p, "POST", "/orgs", &caps, &allow)->name, "orgs_add");
	const struct route *r = m(&p, "GET", "/orgs/42", &caps, &allow);
	assert_string_equal(r->name, "org");
	assert_string_equal(params_get(&caps, "id"), "42");
	r = m(&p, "GET", "/orgs/7/areas/Banbury%20Ruscote", &caps, &allow);
	assert_string_equal(r->name, "org_area");
	assert_string_equal(params_get(&caps, "id"), "7");
	assert_string_equal(params_get(&caps, "area"), "Banbury Ruscote");
	r = m(&p, "GET", "/assets/images/favicon.ico", &caps, &allow);
	assert_string_equal(r->name, "assets");
	assert_string_equal(params_get(&caps, "path"), "images/favicon.ico");
	assert_string_equal(m(&p, "HEAD", "/orgs", &caps, &allow)->name, "orgs");
	pool_free(&p);
}

static void test_no_match(void **state)
{
	struct pool p;
	pool_init(&p, 1 << 16);
	struct params caps;
	const char *allow;
	static const char *paths[] = {"/nope", "/orgs/", "/orgs//areas/x", "/orgs/1/areas",
				      "/assets/", "/orgs/1/extra", "", "//", "/orgs/%zz"};
	for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
		assert_null(m(&p, "GET", paths[i], &caps, &allow));
		assert_null(allow);
	}
	pool_free(&p);
}

static void test_method_not_allowed_lists_methods(void **state)
{
	struct pool p;
	pool_init(&p, 1 << 16);
	struct params caps;
	const char *allow;
	assert_null(m(&p, "DELETE", "/orgs", &caps, &allow));
	assert_string_equal(allow, "GET, HEAD, POST");
	assert_null(m(&p, "POST", "/", &caps, &allow));
	assert_string_equal(allow, "GET, HEAD");
	pool_free(&p);
}

static void test_table_check(void **state)
{
	char err[128];
	assert_int_equal(router_check(table, N, err, sizeof err), E_OK);
	static const struct route bad1[] = {{"GET", "orgs", h, "x", 0}};
	static const struct route bad2[] = {{"GET", "/orgs/{id", h, "x", 0}};
	static const struct route bad3[] = {{"GET", "/a/{rest*}/b", h, "x", 0}};
	static const struct route bad4[] = {{"GET", "/a/{}", h, "x", 0}};
	assert_int_equal(router_check(bad1, 1, err, sizeof err), E_INVAL);
	assert_int_equal(router_check(bad2, 1, err, sizeof err), E_INVAL);
	assert_int_equal(router_check(bad3, 1, err, sizeof err), E_INVAL);
	assert_int_equal(router_check(bad4, 1, err, sizeof err), E_INVAL);
	assert_non_null(strstr(err, "x"));
}

static void test_metrics_counts(void **state)
{
	static const char *const names[] = {"home", "orgs", "orgs"};
	struct metrics mt;
	assert_int_equal(metrics_init(&mt, names, 3), 0);
	assert_int_equal(mt.nroutes, 3); /* home, orgs, unmatched */
	size_t home = metrics_route_index(&mt, "home");
	size_t none = metrics_route_index(&mt, NULL);
	metrics_record(&mt, home, 200, 300);
	metrics_record(&mt, home, 200, 300);
	metrics_record(&mt, none, 404, 2000000);
	for (int s = 500; s < 520; s++) /* more statuses than slots */
		metrics_record(&mt, home, s, 10);
	struct buf b;
	buf_init(&b, 1 << 16);
	metrics_write(&mt, &b);
	assert_non_null(strstr(b.data, "jcs_http_requests_total{route=\"home\",status=\"200\"} 2\n"));
	assert_non_null(strstr(b.data, "jcs_http_requests_total{route=\"unmatched\",status=\"404\"} 1\n"));
	assert_non_null(strstr(b.data, "jcs_http_requests_total{route=\"home\",status=\"other\"}"));
	assert_non_null(strstr(b.data, "jcs_http_request_duration_seconds_bucket{le=\"0.00025\"} 20\n"));
	assert_non_null(strstr(b.data, "jcs_http_request_duration_seconds_bucket{le=\"0.0005\"} 22\n"));
	assert_non_null(strstr(b.data, "jcs_http_request_duration_seconds_bucket{le=\"1\"} 22\n"));
	assert_non_null(strstr(b.data, "jcs_http_request_duration_seconds_bucket{le=\"+Inf\"} 23\n"));
	assert_non_null(strstr(b.data, "jcs_http_request_duration_seconds_count 23\n"));
	buf_free(&b);
	metrics_free(&mt);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_literal_and_captures),
		cmocka_unit_test(test_no_match),
		cmocka_unit_test(test_method_not_allowed_lists_methods),
		cmocka_unit_test(test_table_check),
		cmocka_unit_test(test_metrics_counts),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
