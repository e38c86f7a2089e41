/*
 * test_content_type.c: the Content-Type and header-parameter walker on its
 * own.  The form, JSON and multipart tests check what each parser accepts;
 * these pin the grammar they share: case, quoting and escapes, where blanks
 * may and may not go, missing and repeated parameters, and garbage.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/pool.h"
#include "http/content_type.h"

static enum err parse(const char *s, struct content_type *ct)
{
	return content_type_parse(s, strlen(s), ct);
}

/* The parameter name of s, or "(absent)", or "(refused)", in buf. */
static const char *param(const char *s, const char *name, char *buf, size_t cap)
{
	struct content_type ct;
	size_t len = 0;
	assert_int_equal(parse(s, &ct), E_OK);
	switch (content_type_param(&ct, name, buf, cap, &len)) {
	case E_OK:
		assert_int_equal(len, strlen(buf));
		return buf;
	case E_NOTFOUND:
		return "(absent)";
	default:
		return "(refused)";
	}
}

static void test_media_type(void **state)
{
	struct content_type ct;

	assert_int_equal(parse("text/plain", &ct), E_OK);
	assert_int_equal(ct.type_len, 10);
	assert_memory_equal(ct.type, "text/plain", 10);
	assert_int_equal(ct.params_len, 0);
	assert_true(content_type_is(&ct, "text/plain"));
	assert_true(content_type_is(&ct, "TEXT/Plain"));
	assert_false(content_type_is(&ct, "text/plai"));
	assert_false(content_type_is(&ct, "text/plainer"));
	assert_false(content_type_is(&ct, "text/html"));

	/* Case as written is kept; only comparisons ignore it. */
	assert_int_equal(parse(" \tApplication/JSON \t", &ct), E_OK);
	assert_memory_equal(ct.type, "Application/JSON", ct.type_len);
	assert_true(content_type_is(&ct, "application/json"));

	/* Tokens allow more than letters. */
	assert_int_equal(parse("application/vnd.api+json", &ct), E_OK);
	assert_true(content_type_is(&ct, "application/vnd.api+json"));

	/* The length bounds the walk: what follows it is not looked at. */
	assert_int_equal(content_type_parse("text/plainXYZ", 10, &ct), E_OK);
	assert_true(content_type_is(&ct, "text/plain"));
}

static void test_parameter_case_and_quotes(void **state)
{
	char b[64];

	assert_string_equal(param("text/plain; Charset=UTF-8", "charset", b, sizeof b), "UTF-8");
	assert_string_equal(param("text/plain; charset=utf-8", "CHARSET", b, sizeof b), "utf-8");
	assert_string_equal(param("a/b; x=\"hello world\"", "x", b, sizeof b), "hello world");
	assert_string_equal(param("a/b; x=\"say \\\"hi\\\"\"", "x", b, sizeof b), "say \"hi\"");
	assert_string_equal(param("a/b; x=\"back\\\\slash\"", "x", b, sizeof b), "back\\slash");
	assert_string_equal(param("a/b; x=\"\\a\\b\"", "x", b, sizeof b), "ab");
	assert_string_equal(param("a/b; x=\"a;b=c\"", "x", b, sizeof b), "a;b=c");
	assert_string_equal(param("a/b; x=\"\"", "x", b, sizeof b), "");
	/* Unquoted values are wider than tokens, for mail-style boundaries. */
	assert_string_equal(param("a/b; boundary==_Part_1/x", "boundary", b, sizeof b),
			    "=_Part_1/x");
	assert_string_equal(param("a/b; x=caf\xC3\xA9", "x", b, sizeof b), "caf\xC3\xA9");
}

static void test_whitespace(void **state)
{
	char b[64];
	struct content_type ct;

	/* Blanks around ';' and at either end are allowed... */
	assert_string_equal(param(" a/b \t;\t x=1 ;  y=2\t ", "y", b, sizeof b), "2");
	assert_string_equal(param("a/b;x=1", "x", b, sizeof b), "1");
	/* ...and empty parameters skipped... */
	assert_string_equal(param("a/b;;; x=1;", "x", b, sizeof b), "1");
	assert_int_equal(parse("a/b;", &ct), E_OK);
	assert_int_equal(parse("a/b ; ; ", &ct), E_OK);
	/* ...but not around '=' or inside the media type. */
	assert_int_equal(parse("a/b; x =1", &ct), E_INVAL);
	assert_int_equal(parse("a/b; x= 1", &ct), E_INVAL);
	assert_int_equal(parse("a/b; x=1 2", &ct), E_INVAL);
	assert_int_equal(parse("a /b", &ct), E_INVAL);
	assert_int_equal(parse("a/ b", &ct), E_INVAL);
	/* Only space and tab are blanks. */
	assert_int_equal(parse("a/b\r\n; x=1", &ct), E_INVAL);
}

static void test_missing_and_repeated(void **state)
{
	char b[8];
	struct content_type ct;

	assert_string_equal(param("a/b", "x", b, sizeof b), "(absent)");
	assert_string_equal(param("a/b; xx=1", "x", b, sizeof b), "(absent)");
	assert_string_equal(param("a/b; x=1; X=2", "x", b, sizeof b), "(refused)");
	assert_string_equal(param("a/b; x=1; y=2; x=1", "x", b, sizeof b), "(refused)");
	/* Repeating some other parameter does not matter. */
	assert_string_equal(param("a/b; y=1; x=3; y=2", "x", b, sizeof b), "3");

	/* A value must fit with its terminator. */
	assert_string_equal(param("a/b; x=1234567", "x", b, sizeof b), "1234567");
	assert_string_equal(param("a/b; x=12345678", "x", b, sizeof b), "(refused)");
	assert_string_equal(param("a/b; x=\"123\\4567\"", "x", b, sizeof b), "1234567");

	/* A parameter needs a name, '=' and a value. */
	assert_int_equal(parse("a/b; x", &ct), E_INVAL);
	assert_int_equal(parse("a/b; x=", &ct), E_INVAL);
	assert_int_equal(parse("a/b; x=;y=1", &ct), E_INVAL);
	assert_int_equal(parse("a/b; =1", &ct), E_INVAL);
	assert_int_equal(parse("a/b; x==", &ct), E_OK);
}

static void test_garbage(void **state)
{
	static const char *bad[] = {
		"",
		"   ",
		"text",
		"text/",
		"/plain",
		"text/plain/x",
		"text/plain x",
		"text/plain,text/html",
		"te\"xt/plain",
		"text/plain; x=\"unterminated",
		"text/plain; x=\"escaped end\\\"",
		"text/plain; x=\"a\"b",
		"text/plain; x=a\"b\"",
		"text/plain; (comment)",
		"text/plain; x=\x7f",
		"text/plain; x=a\x01",
		"text/pl\xC3\xA1in",
		"; x=1",
	};
	struct content_type ct;

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		if (parse(bad[i], &ct) == E_OK)
			fail_msg("accepted: %s", bad[i]);
	assert_int_equal(content_type_parse(NULL, 0, &ct), E_INVAL);
	assert_false(content_type_is(&ct, "text/plain"));
	/* An embedded NUL is a byte like any other, and not a blank. */
	assert_int_equal(content_type_parse("a/b\0; x=1", 9, &ct), E_INVAL);
	assert_int_equal(content_type_parse("a/b; x=\"\0\"", 10, &ct), E_OK);
}

static void test_is_utf8(void **state)
{
	static const char *yes[] = {
		"application/json",
		"Application/Json",
		"application/json; charset=utf-8",
		"application/json;CHARSET=\"UTF-8\"",
		"application/json; charset=\"utf\\-8\"",
		"application/json; charset=utf-8; charset=UTF-8",
		"application/json ; v=1 ;; ",
		"application/json; v=\"a/b c\"",
	};
	static const char *no[] = {
		"application/jsonx",
		"application/json-seq",
		"text/json",
		"application/json; charset=latin1",
		"application/json; charset=utf8",
		"application/json; charset=utf-8-and-more",
		"application/json; charset=\"\"",
		"application/json; charset=utf-8; charset=latin1",
		"application/json; charset",
		/* Form and JSON bodies keep RFC 9110's tokens for unquoted values. */
		"application/json; v=a/b",
		"application/json; v=a,b",
		"application/json; v=\xC3\xA9",
		"application/json; x=\"open",
	};

	for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
		if (!content_type_is_utf8(yes[i], "application/json"))
			fail_msg("refused: %s", yes[i]);
	for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
		if (content_type_is_utf8(no[i], "application/json"))
			fail_msg("accepted: %s", no[i]);
	assert_false(content_type_is_utf8(NULL, "application/json"));
	assert_true(content_type_is_utf8("multipart/form-data; boundary=x",
					 "multipart/form-data"));
}

/* Content-Disposition: the same parameters after a bare disposition type. */
static void test_param_walk(void **state)
{
	static const char cd[] = "form-data; name=\"file\"; filename=\"a \\\"b\\\".txt\"";
	struct header_param p;
	size_t pos = strlen("form-data");
	char b[32];

	assert_int_equal(header_param_next(cd, strlen(cd), &pos, &p), 1);
	assert_true(header_param_is(&p, "NAME"));
	assert_false(header_param_is(&p, "nam"));
	assert_true(p.quoted);
	assert_int_equal(header_param_copy(&p, b, sizeof b), 4);
	assert_string_equal(b, "file");

	assert_int_equal(header_param_next(cd, strlen(cd), &pos, &p), 1);
	assert_true(header_param_is(&p, "filename"));
	/* As written, escapes kept; copied, escapes removed. */
	assert_int_equal(p.value_len, strlen("a \\\"b\\\".txt"));
	assert_int_equal(header_param_copy(&p, b, sizeof b), strlen("a \"b\".txt"));
	assert_string_equal(b, "a \"b\".txt");
	assert_int_equal(header_param_copy(&p, b, 9), SIZE_MAX);
	assert_int_equal(header_param_copy(&p, b, 0), SIZE_MAX);
	assert_int_equal(header_param_next(cd, strlen(cd), &pos, &p), 0);
	assert_int_equal(pos, strlen(cd));

	/* Without a leading ';' the text is not a parameter list. */
	pos = 0;
	assert_int_equal(header_param_next(cd, strlen(cd), &pos, &p), -1);
}

static void test_param_dup(void **state)
{
	static const char s[] = "; x=\"a\\\"b\"";
	struct header_param p;
	struct pool pool;
	size_t pos = 0, len = 0;
	char *out = NULL;

	assert_int_equal(header_param_next(s, strlen(s), &pos, &p), 1);
	pool_init(&pool, 1 << 16);
	assert_int_equal(header_param_dup(&pool, &p, &out, &len), E_OK);
	assert_string_equal(out, "a\"b");
	assert_int_equal(len, 3);
	pool_free(&pool);

	/* A pool at its limit: E_NOMEM, nothing written. */
	pool_init(&pool, 0);
	out = NULL;
	assert_int_equal(header_param_dup(&pool, &p, &out, &len), E_NOMEM);
	assert_null(out);
	pool_free(&pool);
}

static void test_tchar(void **state)
{
	const char *tokens = "azAZ09!#$%&'*+-.^_`|~";
	const char *not = " \t\"(),/:;<=>?@[\\]{}\x7f\x80\xff";

	for (const char *c = tokens; *c; c++)
		assert_true(header_tchar((unsigned char)*c));
	for (const char *c = not; *c; c++)
		assert_false(header_tchar((unsigned char)*c));
	assert_false(header_tchar('\0'));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_media_type),
		cmocka_unit_test(test_parameter_case_and_quotes),
		cmocka_unit_test(test_whitespace),
		cmocka_unit_test(test_missing_and_repeated),
		cmocka_unit_test(test_garbage),
		cmocka_unit_test(test_is_utf8),
		cmocka_unit_test(test_param_walk),
		cmocka_unit_test(test_param_dup),
		cmocka_unit_test(test_tchar),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
