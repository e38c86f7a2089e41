/*
 * test_cookie.c: reading Cookie headers and writing Set-Cookie values.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <string.h>

#include "core/pool.h"
#include "http/cookie.h"

static struct pool pool;

static int setup(void **state)
{
	(void)state;
	pool_init(&pool, 1 << 16);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	pool_free(&pool);
	return 0;
}

static void test_get(void **state)
{
	(void)state;
	assert_string_equal(cookie_get(&pool, "a=1; jcs_session=abc; b=2", "jcs_session"), "abc");
	assert_string_equal(cookie_get(&pool, "jcs_session=abc", "jcs_session"), "abc");
	assert_string_equal(cookie_get(&pool, "a=1;jcs_session=abc ;b", "jcs_session"), "abc");
	/* First wins, exact names only, quotes are not part of the value. */
	assert_string_equal(cookie_get(&pool, "x=1; x=2", "x"), "1");
	assert_null(cookie_get(&pool, "xx=1; x_=2", "x"));
	assert_string_equal(cookie_get(&pool, "x=\"q\"", "x"), "q");
	assert_string_equal(cookie_get(&pool, "x=", "x"), "");
	assert_null(cookie_get(&pool, "", "x"));
	assert_null(cookie_get(&pool, "x", "x"));
}

static void test_refuses_bad_values(void **state)
{
	(void)state;
	assert_null(cookie_get(&pool, "x=a b", "x"));
	assert_null(cookie_get(&pool, "x=a\\b", "x"));
	assert_null(cookie_get(&pool, "x=a\"b", "x"));
	assert_null(cookie_get(&pool, "x=a,b", "x"));
	assert_null(cookie_get(&pool, "x=\x01", "x"));
	char big[COOKIE_VALUE_MAX + 10] = "x=";
	memset(big + 2, 'a', COOKIE_VALUE_MAX + 1);
	big[COOKIE_VALUE_MAX + 3] = 0;
	assert_null(cookie_get(&pool, big, "x"));
	big[COOKIE_VALUE_MAX + 2] = 0;
	assert_non_null(cookie_get(&pool, big, "x"));
}

static void test_format(void **state)
{
	(void)state;
	struct cookie_attrs a = {.secure = 1, .http_only = 1, .same_site = "Lax"};
	assert_string_equal(cookie_format(&pool, "__Host-s", "v1", &a),
			    "__Host-s=v1; Path=/; Secure; HttpOnly; SameSite=Lax");
	struct cookie_attrs d = {.http_only = 1, .same_site = "Strict", .max_age = -1};
	assert_string_equal(cookie_format(&pool, "s", "x", &d),
			    "s=x; Path=/; Max-Age=0; HttpOnly; SameSite=Strict");
	struct cookie_attrs m = {.max_age = 60};
	assert_string_equal(cookie_format(&pool, "s", "x", &m), "s=x; Path=/; Max-Age=60");
	assert_null(cookie_format(&pool, "s", "a;b", &a));
	assert_null(cookie_format(&pool, "s", "a\r\nSet-Cookie: evil=1", &a));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_get),
		cmocka_unit_test(test_refuses_bad_values),
		cmocka_unit_test(test_format),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
