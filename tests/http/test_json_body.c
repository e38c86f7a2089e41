/*
 * test_json_body.c: JSON bodies under our limits.  jansson's grammar is not
 * retested; what is tested is what json_body adds: the content type, the
 * depth limit before parsing, duplicate keys, one value only, messages with
 * line and column, and out-of-memory reported as E_NOMEM.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "http/json_body.h"

#define CT "application/json"

static enum err parse(const char *ct, const char *body, int depth, json_t **out,
		      char *err, size_t errlen)
{
	return json_body_parse(ct, body, strlen(body), depth, out, err, errlen);
}

static void test_valid_object(void **state)
{
	json_t *j = NULL;
	char err[200] = "stale";
	const char *body =
		"{\n"
		"  \"child\": \"Si\xC3\xA2n\",\n"
		"  \"cost_pence\": 125000,\n"
		"  \"needs\": [\"housing\", {\"school\": true}],\n"
		"  \"note\": \"a \\\"quoted\\\" [not nesting] {\\\\\"\n"
		"}\n";
	assert_int_equal(parse(CT, body, 3, &j, err, sizeof err), E_OK);
	assert_non_null(j);
	assert_string_equal(err, "");
	assert_string_equal(json_string_value(json_object_get(j, "child")), "Si\xC3\xA2n");
	assert_int_equal(json_integer_value(json_object_get(j, "cost_pence")), 125000);
	assert_int_equal(json_array_size(json_object_get(j, "needs")), 2);
	assert_string_equal(json_string_value(json_object_get(j, "note")),
			    "a \"quoted\" [not nesting] {\\");
	json_decref(j);

	assert_int_equal(parse(CT, "[]", 1, &j, err, sizeof err), E_OK);
	assert_true(json_is_array(j));
	json_decref(j);
}

static void test_content_types(void **state)
{
	static const char *good[] = {
		"application/json",
		"Application/JSON",
		"application/json; charset=utf-8",
		"application/json;charset=\"UTF-8\"",
		" application/json ; v=1 ",
	};
	static const char *bad[] = {
		"application/json; charset=latin1",
		"application/json; charset=utf-16",
		"application/jsonx",
		"application/json-patch+json",
		"text/json",
		"text/plain",
		"application/x-www-form-urlencoded",
		"application/json; charset",
		"",
	};
	json_t *j;
	char err[200];
	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
		assert_int_equal(parse(good[i], "{\"a\":1}", 4, &j, err, sizeof err), E_OK);
		json_decref(j);
	}
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		j = (json_t *)err;
		assert_int_equal(parse(bad[i], "{\"a\":1}", 4, &j, err, sizeof err), E_INVAL);
		assert_null(j);
		assert_non_null(strstr(err, "application/json"));
	}
	assert_int_equal(parse(NULL, "{}", 4, &j, err, sizeof err), E_INVAL);
	assert_null(j);
}

static void test_trailing_garbage(void **state)
{
	json_t *j;
	char err[200];
	assert_int_equal(parse(CT, "{\"a\":1} x", 4, &j, err, sizeof err), E_INVAL);
	assert_null(j);
	assert_non_null(strstr(err, "line 1, column"));
	/* One value only. */
	assert_int_equal(parse(CT, "{}{}", 4, &j, err, sizeof err), E_INVAL);
	assert_int_equal(parse(CT, "[1] [2]", 4, &j, err, sizeof err), E_INVAL);
	/* Trailing white space is fine. */
	assert_int_equal(parse(CT, "{}\r\n\t ", 4, &j, err, sizeof err), E_OK);
	json_decref(j);
}

static void test_duplicate_keys(void **state)
{
	json_t *j;
	char err[200];
	assert_int_equal(parse(CT, "{\"a\":1,\"b\":2,\"a\":3}", 4, &j, err, sizeof err), E_INVAL);
	assert_null(j);
	assert_non_null(strstr(err, "duplicate"));
	/* Also deeper down. */
	assert_int_equal(parse(CT, "[{\"x\":{\"k\":1,\"k\":1}}]", 4, &j, err, sizeof err), E_INVAL);
	/* Equal keys in different objects are not duplicates. */
	assert_int_equal(parse(CT, "[{\"k\":1},{\"k\":2}]", 4, &j, err, sizeof err), E_OK);
	json_decref(j);
}

static void test_depth_limit(void **state)
{
	json_t *j;
	char err[200];
	assert_int_equal(parse(CT, "[[[1]]]", 3, &j, err, sizeof err), E_OK);
	json_decref(j);
	assert_int_equal(parse(CT, "[[[[1]]]]", 3, &j, err, sizeof err), E_TOOBIG);
	assert_null(j);
	assert_string_equal(err, "line 1, column 4: nested more than 3 levels deep");
	/* Siblings do not add up; only nesting counts. */
	assert_int_equal(parse(CT, "[[1],[2],{\"a\":[3]},[[4]]]", 3, &j, err, sizeof err), E_OK);
	json_decref(j);
	/* Brackets inside strings, escaped quotes included, do not count. */
	assert_int_equal(parse(CT, "[\"[[[[\\\"{{{{\", {\"k\\\"[\": \"]]]\"}]", 2, &j, err, sizeof err), E_OK);
	json_decref(j);
	/* The position is reported in characters, on the right line. */
	assert_int_equal(parse(CT, "{\"\xC3\xA9\xC3\xA9\":\n  {\"b\": [1]}}", 2, &j, err, sizeof err), E_TOOBIG);
	assert_string_equal(err, "line 2, column 9: nested more than 2 levels deep");

	/* A body deep enough to overflow a naive recursive parser's stack. */
	struct buf b;
	buf_init(&b, 1 << 22);
	for (int i = 0; i < 1000000; i++)
		buf_putc(&b, '[');
	assert_false(b.failed);
	assert_int_equal(json_body_parse(CT, b.data, b.len, 32, &j, err, sizeof err), E_TOOBIG);
	assert_null(j);
	/* And one past jansson's own limit, with ours set higher. */
	buf_reset(&b);
	for (int i = 0; i < 3000; i++)
		buf_putc(&b, '[');
	for (int i = 0; i < 3000; i++)
		buf_putc(&b, ']');
	assert_int_equal(json_body_parse(CT, b.data, b.len, 5000, &j, err, sizeof err), E_TOOBIG);
	assert_null(j);
	buf_free(&b);
}

static void test_error_position(void **state)
{
	json_t *j;
	char err[200];
	assert_int_equal(parse(CT, "{\n  \"a\": 1,\n  \"b\" 2\n}", 4, &j, err, sizeof err), E_INVAL);
	assert_null(j);
	assert_true(strncmp(err, "line 3, column ", 15) == 0);
	assert_non_null(strstr(err, ": "));

	/* Empty body, bad UTF-8, a scalar on its own, a NUL escape. */
	static const char *bad[] = { "", "   ", "{\"a\":\"\xC0\xAF\"}", "42", "{\"a\":\"\\u0000\"}", "{\"a\":}" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		assert_int_equal(parse(CT, bad[i], 4, &j, err, sizeof err), E_INVAL);
		assert_null(j);
		assert_true(strncmp(err, "line ", 5) == 0);
	}
	assert_int_equal(json_body_parse(CT, NULL, 0, 4, &j, err, sizeof err), E_INVAL);

	/* A short or missing error buffer is fine. */
	char tiny[8];
	assert_int_equal(parse(CT, "{", 4, &j, tiny, sizeof tiny), E_INVAL);
	assert_int_equal(strlen(tiny), sizeof tiny - 1);
	assert_int_equal(parse(CT, "{", 4, &j, NULL, 0), E_INVAL);
	assert_int_equal(parse("text/plain", "{", 4, &j, NULL, 0), E_INVAL);
	assert_int_equal(parse(CT, "[[", 1, &j, NULL, 0), E_TOOBIG);
}

static void *test_json_malloc(size_t n) { return xmalloc(n); }
static void test_json_free(void *p) { xfree(p); }

static void test_alloc_failure(void **state)
{
	json_malloc_t old_malloc;
	json_free_t old_free;
	json_get_alloc_funcs(&old_malloc, &old_free);
	json_set_alloc_funcs(test_json_malloc, test_json_free);

	/*
	 * jansson turns some failed allocations (a string's copy) into a
	 * syntax error, so E_INVAL is allowed here too; what must hold is no
	 * crash, no leak (ASan checks at exit) and no value on failure.  The
	 * strings are kept under jansson's 16-byte initial token buffer: a
	 * failure to grow that buffer is ignored by jansson 2.14 itself.
	 */
	const char *body = "{\"a\": [1, 2, {\"b\": \"c\"}], \"d\": \"\xC3\xA9\", \"e\": null}";
	int saw_ok = 0, saw_nomem = 0;
	for (long n = 0; n < 40; n++) {
		json_t *j = NULL;
		char err[200];
		alloc_fail_after(n);
		enum err rc = parse(CT, body, 4, &j, err, sizeof err);
		alloc_fail_reset();
		assert_true(rc == E_OK || rc == E_NOMEM || rc == E_INVAL);
		if (rc == E_OK) {
			assert_non_null(j);
			saw_ok = 1;
		} else {
			assert_null(j);
			saw_nomem = 1;
		}
		json_decref(j);
	}
	assert_true(saw_ok);
	assert_true(saw_nomem);
	json_set_alloc_funcs(old_malloc, old_free);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid_object),
		cmocka_unit_test(test_content_types),
		cmocka_unit_test(test_trailing_garbage),
		cmocka_unit_test(test_duplicate_keys),
		cmocka_unit_test(test_depth_limit),
		cmocka_unit_test(test_error_position),
		cmocka_unit_test(test_alloc_failure),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
