/*
 * test_urlencoded.c: query strings, form bodies, URL paths and the UTF-8
 * check they share.  Inputs are written as browsers send them; the refusals
 * are the header's list, one case each.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/alloc.h"
#include "core/pool.h"
#include "http/urlencoded.h"

#define POOL_LIMIT (1 << 20)

static enum err parse(struct pool *pool, const char *s, size_t max,
		      struct params *out)
{
	return urlencoded_parse(pool, s, strlen(s), max, out);
}

static void test_simple_pairs(void **state)
{
	struct pool pool;
	struct params p;
	pool_init(&pool, POOL_LIMIT);
	assert_int_equal(parse(&pool, "a=1&b=two&c=", 10, &p), E_OK);
	assert_int_equal(p.n, 3);
	assert_string_equal(p.v[0].name, "a");
	assert_string_equal(p.v[0].value, "1");
	assert_string_equal(p.v[1].name, "b");
	assert_string_equal(p.v[1].value, "two");
	assert_string_equal(p.v[2].name, "c");
	assert_string_equal(p.v[2].value, "");
	assert_string_equal(params_get(&p, "b"), "two");
	assert_null(params_get(&p, "d"));
	pool_free(&pool);
}

static void test_empty_input(void **state)
{
	struct pool pool;
	struct params p = { NULL, 99 };
	pool_init(&pool, POOL_LIMIT);
	assert_int_equal(urlencoded_parse(&pool, "", 0, 10, &p), E_OK);
	assert_int_equal(p.n, 0);
	assert_null(p.v);
	assert_int_equal(urlencoded_parse(&pool, NULL, 0, 10, &p), E_OK);
	assert_int_equal(p.n, 0);
	/* Nothing to hold means nothing allocated. */
	assert_int_equal(pool.used, 0);
	pool_free(&pool);
}

static void test_plus_and_percent(void **state)
{
	struct pool pool;
	struct params p;
	pool_init(&pool, POOL_LIMIT);
	assert_int_equal(parse(&pool, "q=hello+world&r=a%20b&s=%2B1&t=a%2b%26%3D", 10, &p), E_OK);
	assert_int_equal(p.n, 4);
	assert_string_equal(p.v[0].value, "hello world");
	assert_string_equal(p.v[1].value, "a b");
	assert_string_equal(p.v[2].value, "+1");
	assert_string_equal(p.v[3].value, "a+&=");
	/* Names are decoded too. */
	assert_int_equal(parse(&pool, "first+name=Jo&child%5Bage%5D=7", 10, &p), E_OK);
	assert_string_equal(p.v[0].name, "first name");
	assert_string_equal(p.v[1].name, "child[age]");
	assert_string_equal(p.v[1].value, "7");
	pool_free(&pool);
}

static void test_utf8_values(void **state)
{
	struct pool pool;
	struct params p;
	pool_init(&pool, POOL_LIMIT);
	/* "Siân Ó Súilleabháin", £5 and a 4-byte emoji, percent-encoded. */
	assert_int_equal(parse(&pool,
			       "name=Si%C3%A2n+%C3%93+S%C3%BAilleabh%C3%A1in"
			       "&fee=%C2%A35&mood=%F0%9F%98%80",
			       10, &p), E_OK);
	assert_int_equal(p.n, 3);
	assert_string_equal(p.v[0].value, "Si\xC3\xA2n \xC3\x93 S\xC3\xBAilleabh\xC3\xA1in");
	assert_string_equal(p.v[1].value, "\xC2\xA3" "5");
	assert_string_equal(p.v[2].value, "\xF0\x9F\x98\x80");
	/* Raw (unencoded) UTF-8 is accepted as well. */
	assert_int_equal(parse(&pool, "town=Ynys+M\xC3\xB4n", 10, &p), E_OK);
	assert_string_equal(p.v[0].value, "Ynys M\xC3\xB4n");
	pool_free(&pool);
}

static void test_missing_equals_and_empty(void **state)
{
	struct pool pool;
	struct params p;
	pool_init(&pool, POOL_LIMIT);
	assert_int_equal(parse(&pool, "flag&x=1&other", 10, &p), E_OK);
	assert_int_equal(p.n, 3);
	assert_string_equal(p.v[0].name, "flag");
	assert_string_equal(p.v[0].value, "");
	assert_string_equal(p.v[2].name, "other");
	assert_string_equal(p.v[2].value, "");
	/* Only the first '=' separates. */
	assert_int_equal(parse(&pool, "eq=a=b==", 10, &p), E_OK);
	assert_string_equal(p.v[0].value, "a=b==");
	/* Empty segments are skipped, not counted. */
	assert_int_equal(parse(&pool, "&a=1&&b=2&", 2, &p), E_OK);
	assert_int_equal(p.n, 2);
	assert_string_equal(p.v[0].name, "a");
	assert_string_equal(p.v[1].name, "b");
	assert_int_equal(parse(&pool, "&&&", 0, &p), E_OK);
	assert_int_equal(p.n, 0);
	pool_free(&pool);
}

static void test_repeated_names_in_order(void **state)
{
	struct pool pool;
	struct params p;
	pool_init(&pool, POOL_LIMIT);
	assert_int_equal(parse(&pool, "need=housing&x=0&need=school&need=health", 10, &p), E_OK);
	assert_int_equal(p.n, 4);
	assert_string_equal(p.v[0].value, "housing");
	assert_string_equal(p.v[2].value, "school");
	assert_string_equal(p.v[3].value, "health");
	assert_string_equal(params_get(&p, "need"), "housing");
	pool_free(&pool);
}

static void test_limits(void **state)
{
	struct pool pool;
	struct params p;
	pool_init(&pool, POOL_LIMIT);
	assert_int_equal(parse(&pool, "a=1&b=2&c=3", 3, &p), E_OK);
	assert_int_equal(p.n, 3);
	assert_int_equal(parse(&pool, "a=1&b=2&c=3&d=4", 3, &p), E_TOOBIG);
	assert_int_equal(p.n, 0);
	assert_int_equal(parse(&pool, "a", 0, &p), E_TOOBIG);
	pool_free(&pool);

	/* Refused for count before anything is allocated. */
	pool_init(&pool, POOL_LIMIT);
	assert_int_equal(parse(&pool, "a&b&c&d&e&f&g&h&i&j&k", 10, &p), E_TOOBIG);
	assert_int_equal(pool.used, 0);
	pool_free(&pool);

	/* A pool too small for the result gives E_NOMEM, not a crash. */
	pool_init(&pool, 16);
	assert_int_equal(parse(&pool, "a=1&b=2&c=3&d=4", 10, &p), E_NOMEM);
	pool_free(&pool);
}

static void test_bad_escapes(void **state)
{
	static const char *bad[] = {
		"a=%", "a=%4", "a=%G0", "a=%0G", "a=%%41", "a=x%", "%=1",
		"a=%2", "a=%-1", "a=% 1", "%zz=1",
	};
	struct pool pool;
	struct params p;
	pool_init(&pool, POOL_LIMIT);
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		p.n = 99;
		assert_int_equal(parse(&pool, bad[i], 10, &p), E_INVAL);
		assert_int_equal(p.n, 0);
	}
	/* Lower-case hex is fine. */
	assert_int_equal(parse(&pool, "a=%c3%a9", 10, &p), E_OK);
	assert_string_equal(p.v[0].value, "\xC3\xA9");
	pool_free(&pool);
}

static void test_nul_and_empty_name(void **state)
{
	struct pool pool;
	struct params p;
	pool_init(&pool, POOL_LIMIT);
	assert_int_equal(parse(&pool, "a=x%00y", 10, &p), E_INVAL);
	assert_int_equal(parse(&pool, "a%00b=1", 10, &p), E_INVAL);
	/* A literal NUL inside the counted input is refused too. */
	assert_int_equal(urlencoded_parse(&pool, "a=x\0y", 5, 10, &p), E_INVAL);
	assert_int_equal(parse(&pool, "=value", 10, &p), E_INVAL);
	assert_int_equal(parse(&pool, "a=1&=2", 10, &p), E_INVAL);
	assert_int_equal(parse(&pool, "=", 10, &p), E_INVAL);
	pool_free(&pool);
}

static void test_invalid_utf8_refused(void **state)
{
	static const char *bad[] = {
		"a=%C0%AF",             /* overlong '/' */
		"a=%E0%80%AF",          /* overlong, 3 bytes */
		"a=%F0%80%80%AF",       /* overlong, 4 bytes */
		"a=%ED%A0%80",          /* surrogate U+D800 */
		"a=%ED%BF%BF",          /* surrogate U+DFFF */
		"a=%F4%90%80%80",       /* past U+10FFFF */
		"a=%C3",                /* truncated */
		"a=%E2%82",             /* truncated */
		"a=%F0%9F%98",          /* truncated */
		"a=%80",                /* lone continuation */
		"a=%FF",                /* never valid */
		"a=%C3%28",             /* bad continuation */
		"n%C3=1",               /* in a name */
		"a=\xC3",               /* raw, truncated */
	};
	struct pool pool;
	struct params p;
	pool_init(&pool, POOL_LIMIT);
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_int_equal(parse(&pool, bad[i], 10, &p), E_INVAL);
	pool_free(&pool);
}

static void test_utf8_valid(void **state)
{
	assert_true(utf8_valid("", 0));
	assert_true(utf8_valid("plain ascii", 11));
	assert_true(utf8_valid("\xC2\x80", 2));             /* U+0080 */
	assert_true(utf8_valid("\xDF\xBF", 2));             /* U+07FF */
	assert_true(utf8_valid("\xE0\xA0\x80", 3));         /* U+0800 */
	assert_true(utf8_valid("\xED\x9F\xBF", 3));         /* U+D7FF */
	assert_true(utf8_valid("\xEE\x80\x80", 3));         /* U+E000 */
	assert_true(utf8_valid("\xEF\xBF\xBF", 3));         /* U+FFFF */
	assert_true(utf8_valid("\xF0\x90\x80\x80", 4));     /* U+10000 */
	assert_true(utf8_valid("\xF4\x8F\xBF\xBF", 4));     /* U+10FFFF */

	assert_false(utf8_valid("\xC0\x80", 2));
	assert_false(utf8_valid("\xC1\xBF", 2));
	assert_false(utf8_valid("\xE0\x9F\xBF", 3));
	assert_false(utf8_valid("\xED\xA0\x80", 3));
	assert_false(utf8_valid("\xF0\x8F\xBF\xBF", 4));
	assert_false(utf8_valid("\xF4\x90\x80\x80", 4));
	assert_false(utf8_valid("\xF5\x80\x80\x80", 4));
	assert_false(utf8_valid("\xFE", 1));
	assert_false(utf8_valid("\xE2\x82\xAC", 2));        /* cut by len */
	assert_false(utf8_valid("\xE2\x28\xAC", 3));
	assert_false(utf8_valid("\xE2\x82\x28", 3));
	assert_false(utf8_valid("\xF0\x9F\x98\x28", 4));
	/* NUL is valid UTF-8; the parsers refuse it separately. */
	assert_true(utf8_valid("a\0b", 3));
}

static void test_url_path_decode(void **state)
{
	struct pool pool;
	char *out;
	pool_init(&pool, POOL_LIMIT);
	const char *s = "/children/Si%C3%A2n+Jones/plan%20A";
	assert_int_equal(url_path_decode(&pool, s, strlen(s), &out), E_OK);
	/* '+' stays a plus in a path. */
	assert_string_equal(out, "/children/Si\xC3\xA2n+Jones/plan A");
	assert_int_equal(url_path_decode(&pool, "", 0, &out), E_OK);
	assert_string_equal(out, "");
	/* Only the given length is read. */
	assert_int_equal(url_path_decode(&pool, "/a%2Fb/ignored", 6, &out), E_OK);
	assert_string_equal(out, "/a/b");

	static const char *bad[] = { "/a%", "/a%2", "/a%zz", "/%00", "/%C0%AF", "/%ED%A0%80" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		out = (char *)"unchanged";
		assert_int_equal(url_path_decode(&pool, bad[i], strlen(bad[i]), &out), E_INVAL);
		assert_null(out);
	}
	pool_free(&pool);
}

static void test_form_content_types(void **state)
{
	static const char *good[] = {
		"application/x-www-form-urlencoded",
		"Application/X-WWW-Form-URLEncoded",
		"application/x-www-form-urlencoded; charset=UTF-8",
		"application/x-www-form-urlencoded;charset=utf-8",
		"application/x-www-form-urlencoded ; Charset=\"utf-8\"",
		"application/x-www-form-urlencoded; foo=bar",
		"application/x-www-form-urlencoded;",
		" application/x-www-form-urlencoded ",
	};
	static const char *bad[] = {
		"application/x-www-form-urlencoded; charset=latin1",
		"application/x-www-form-urlencoded; charset=ISO-8859-1",
		"application/x-www-form-urlencoded; charset=utf-8; charset=latin1",
		"application/x-www-form-urlencoded; charset=\"\"",
		"application/x-www-form-urlencoded; charset=utf-8-but-longer",
		"application/x-www-form-urlencoded; charset",
		"application/x-www-form-urlencoded; charset=\"utf-8",
		"application/x-www-form-urlencodedx",
		"application/x-www-form-urlencoded x",
		"application/json",
		"multipart/form-data; boundary=x",
		"text/plain",
		"",
	};
	struct pool pool;
	struct params p;
	const char *body = "name=Ann&age=9";
	pool_init(&pool, POOL_LIMIT);
	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
		assert_int_equal(form_parse(&pool, good[i], body, strlen(body), 10, &p), E_OK);
		assert_int_equal(p.n, 2);
		assert_string_equal(params_get(&p, "name"), "Ann");
	}
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		p.n = 99;
		assert_int_equal(form_parse(&pool, bad[i], body, strlen(body), 10, &p), E_INVAL);
		assert_int_equal(p.n, 0);
	}
	assert_int_equal(form_parse(&pool, NULL, body, strlen(body), 10, &p), E_INVAL);
	/* The body's own errors come through. */
	assert_int_equal(form_parse(&pool, good[0], "a=%zz", 5, 10, &p), E_INVAL);
	assert_int_equal(form_parse(&pool, good[0], "a&b", 3, 1, &p), E_TOOBIG);
	pool_free(&pool);
}

static void test_alloc_failure(void **state)
{
	const char *q = "a=1&b=%C3%A9&c&need=x&need=y";
	int saw_ok = 0;
	for (long n = 0; n < 20; n++) {
		struct pool pool;
		struct params p;
		char *path;
		pool_init(&pool, POOL_LIMIT);
		alloc_fail_after(n);
		enum err rc = urlencoded_parse(&pool, q, strlen(q), 10, &p);
		assert_true(rc == E_OK || rc == E_NOMEM);
		if (rc == E_OK) {
			assert_int_equal(p.n, 5);
			assert_string_equal(p.v[4].value, "y");
			saw_ok = 1;
		}
		rc = form_parse(&pool, "application/x-www-form-urlencoded", q,
				strlen(q), 10, &p);
		assert_true(rc == E_OK || rc == E_NOMEM);
		rc = url_path_decode(&pool, "/x%20y", 6, &path);
		assert_true(rc == E_OK || rc == E_NOMEM);
		if (rc == E_OK)
			assert_string_equal(path, "/x y");
		alloc_fail_reset();
		pool_free(&pool);
	}
	assert_true(saw_ok);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_simple_pairs),
		cmocka_unit_test(test_empty_input),
		cmocka_unit_test(test_plus_and_percent),
		cmocka_unit_test(test_utf8_values),
		cmocka_unit_test(test_missing_equals_and_empty),
		cmocka_unit_test(test_repeated_names_in_order),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_bad_escapes),
		cmocka_unit_test(test_nul_and_empty_name),
		cmocka_unit_test(test_invalid_utf8_refused),
		cmocka_unit_test(test_utf8_valid),
		cmocka_unit_test(test_url_path_decode),
		cmocka_unit_test(test_form_content_types),
		cmocka_unit_test(test_alloc_failure),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
