/*
 * test_html.c: struct html's escaping and URL filter, and that the page
 * buffer's maximum holds however the bytes arrive.
 */
#include "check.h"

static void test_text_escapes_every_special(void **state)
{
	(void)state;
	html_text(&h, "a&b<c>d\"e'f");
	assert_string_equal(written(), "a&amp;b&lt;c&gt;d&quot;e&#39;f");
}

static void test_text_plain_and_edges(void **state)
{
	(void)state;
	html_text(&h, NULL);
	assert_int_equal(out.len, 0);
	html_text(&h, "");
	assert_int_equal(out.len, 0);
	html_text(&h, "<<");
	html_text(&h, "plain text, £ and é");
	html_text(&h, "&");
	assert_string_equal(written(), "&lt;&lt;plain text, £ and é&amp;");
}

static void test_lit_and_i64(void **state)
{
	(void)state;
	html_lit(&h, "<p>");
	html_i64(&h, 0);
	html_lit(&h, " ");
	html_i64(&h, -42);
	html_lit(&h, " ");
	html_i64(&h, INT64_MIN);
	html_lit(&h, "</p>");
	assert_string_equal(written(), "<p>0 -42 -9223372036854775808</p>");
}

static void test_attr_escapes_value(void **state)
{
	(void)state;
	html_attr(&h, "title", "x\" onmouseover='alert(1)'><script>&");
	assert_string_equal(written(),
		" title=\"x&quot; onmouseover=&#39;alert(1)&#39;&gt;&lt;script&gt;&amp;\"");
}

static void test_attr_null_is_empty(void **state)
{
	(void)state;
	html_attr(&h, "value", NULL);
	assert_string_equal(written(), " value=\"\"");
}

static void refused(const char *url)
{
	buf_reset(&out);
	html_url(&h, "href", url);
	assert_string_equal(written(), " href=\"#\"");
	assert_false(html_url_safe(url));
}

static void passes(const char *url, const char *expect)
{
	buf_reset(&out);
	html_url(&h, "href", url);
	assert_string_equal(written(), expect);
	assert_true(html_url_safe(url));
}

static void test_url_refuses_scripts_and_foreign_hosts(void **state)
{
	(void)state;
	refused("javascript:alert(1)");
	refused("JAVASCRIPT:alert(1)");
	refused("JavaScript:alert(1)");
	refused(" javascript:alert(1)");
	refused("\tjavascript:alert(1)");
	refused("vbscript:msgbox");
	refused("data:text/html,<script>alert(1)</script>");
	refused("//evil.example/");
	refused("/\\evil.example/");
	refused("/\t/evil.example/");
	refused("/ok\nbad");
	refused("https\n://evil.example/");
	refused("ftp://example.org/");
	refused("evil.example");
	refused("");
	refused(NULL);
}

static void test_url_passes_relative_and_web(void **state)
{
	(void)state;
	passes("/", " href=\"/\"");
	passes("/partners?a=1&b=2", " href=\"/partners?a=1&amp;b=2\"");
	passes("#main-content", " href=\"#main-content\"");
	passes("#", " href=\"#\"");
	passes("?page=2", " href=\"?page=2\"");
	passes("https://example.org/x?y=\"z\"", " href=\"https://example.org/x?y=&quot;z&quot;\"");
	passes("HTTPS://EXAMPLE.ORG/", " href=\"HTTPS://EXAMPLE.ORG/\"");
	passes("http://example.org/", " href=\"http://example.org/\"");
	passes("mailto:team@example.org", " href=\"mailto:team@example.org\"");
	passes("MailTo:team@example.org", " href=\"MailTo:team@example.org\"");
	/* Not stripped: a URL passes whole or not at all. */
	passes("/a b<c>", " href=\"/a b&lt;c&gt;\"");
}

static void test_buffer_maximum_holds(void **state)
{
	(void)state;
	struct buf small;
	struct html sh;
	buf_init(&small, 8);
	html_init(&sh, &small);
	html_text(&sh, "12345");
	assert_false(small.failed);
	/* Escaped bytes overflow even though the source is short. */
	html_text(&sh, "&&");
	assert_true(small.failed);
	assert_true(small.len <= 8);
	html_lit(&sh, "x");
	assert_true(small.failed); /* sticky */
	assert_true(small.len <= 8);
	buf_free(&small);

	buf_init(&small, 4);
	html_init(&sh, &small);
	html_attr(&sh, "title", "long value");
	assert_true(small.failed);
	assert_true(small.len <= 4);
	buf_free(&small);

	buf_init(&small, 3);
	html_init(&sh, &small);
	html_lit(&sh, "<p>long</p>");
	html_i64(&sh, 1234567);
	assert_true(small.failed);
	assert_true(small.len <= 3);
	buf_free(&small);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(test_text_escapes_every_special),
		TEST(test_text_plain_and_edges),
		TEST(test_lit_and_i64),
		TEST(test_attr_escapes_value),
		TEST(test_attr_null_is_empty),
		TEST(test_url_refuses_scripts_and_foreign_hosts),
		TEST(test_url_passes_relative_and_web),
		TEST(test_buffer_maximum_holds),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
