/*
 * test_csv.c: the strict CSV reader and the field writer.  What files from
 * spreadsheets really look like (a byte order mark, CRLF, line breaks and
 * quotes inside cells, no final line end) must read; everything ambiguous
 * must be refused with the exact line and column a person would look at;
 * limits hold; and whatever the writer produces reads back as itself, with
 * the formula guard's apostrophe.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/csv.h"
#include "core/err.h"
#include "core/pool.h"

static struct pool pool;
static char err[256];

static int setup(void **state)
{
	pool_init(&pool, 16u << 20);
	err[0] = '\0';
	return 0;
}

static int teardown(void **state)
{
	pool_free(&pool);
	return 0;
}

static enum err parse_n(const char *data, size_t len, size_t max_rows, size_t max_cols,
			struct csv *out)
{
	return csv_parse(&pool, data, len, max_rows, max_cols, out, err, sizeof err);
}

static enum err parse(const char *data, struct csv *out)
{
	return parse_n(data, strlen(data), 1000, 100, out);
}

/* Row r has exactly the given fields (NULL-terminated list). */
static void check_row(const struct csv *c, size_t r, size_t line, ...)
{
	va_list ap;
	size_t k = 0;
	assert_true(r < c->n);
	assert_int_equal(c->rows[r].line, line);
	va_start(ap, line);
	for (const char *want; (want = va_arg(ap, const char *)) != NULL; k++) {
		assert_true(k < c->rows[r].n);
		assert_string_equal(c->rows[r].fields[k], want);
	}
	va_end(ap);
	assert_int_equal(c->rows[r].n, k);
}

static void test_plain_lf_and_crlf(void **state)
{
	struct csv c;
	assert_int_equal(parse("name,type,role\nOxfordshire County Council,county_council,both\n",
			       &c), E_OK);
	assert_int_equal(c.n, 2);
	check_row(&c, 0, 1, "name", "type", "role", NULL);
	check_row(&c, 1, 2, "Oxfordshire County Council", "county_council", "both", NULL);

	assert_int_equal(parse("a,b\r\nc,d\r\n", &c), E_OK);
	assert_int_equal(c.n, 2);
	check_row(&c, 0, 1, "a", "b", NULL);
	check_row(&c, 1, 2, "c", "d", NULL);

	/* Mixed line ends and no final line end. */
	assert_int_equal(parse("a,b\nc,d\r\ne,f", &c), E_OK);
	assert_int_equal(c.n, 3);
	check_row(&c, 2, 3, "e", "f", NULL);
	assert_string_equal(err, "");
}

static void test_byte_order_mark(void **state)
{
	struct csv c;
	assert_int_equal(parse("\xEF\xBB\xBFname,type\r\nx,y\r\n", &c), E_OK);
	assert_int_equal(c.n, 2);
	check_row(&c, 0, 1, "name", "type", NULL);
	/* Only at the start: later it is text like any other. */
	assert_int_equal(parse("a\n\xEF\xBB\xBF" "b\n", &c), E_OK);
	check_row(&c, 1, 2, "\xEF\xBB\xBF" "b", NULL);
	/* A file that is only a mark (or nothing) has no rows. */
	assert_int_equal(parse("\xEF\xBB\xBF", &c), E_OK);
	assert_int_equal(c.n, 0);
	assert_null(c.rows);
	assert_int_equal(parse("", &c), E_OK);
	assert_int_equal(c.n, 0);
}

static void test_quoted_fields(void **state)
{
	struct csv c;
	assert_int_equal(parse("name,purpose\n"
			       "\"Board, joint\",\"Line one\nLine two\r\nLine three\"\n"
			       "\"He said \"\"hi\"\"\",\"\"\"\"\n"
			       "after,x\n", &c), E_OK);
	assert_int_equal(c.n, 4);
	check_row(&c, 1, 2, "Board, joint", "Line one\nLine two\r\nLine three", NULL);
	/* The row after a multi-line field knows its real line. */
	check_row(&c, 2, 5, "He said \"hi\"", "\"", NULL);
	check_row(&c, 3, 6, "after", "x", NULL);

	/* Quoted empty field and quoted text at the end of the file. */
	assert_int_equal(parse("\"\",\"z\"", &c), E_OK);
	check_row(&c, 0, 1, "", "z", NULL);
	/* A line holding only "" is a row with one empty field, not a blank. */
	assert_int_equal(parse("\"\"\n", &c), E_OK);
	assert_int_equal(c.n, 1);
	check_row(&c, 0, 1, "", NULL);
	/* A CR inside quotes is text. */
	assert_int_equal(parse("\"a\rb\"\n", &c), E_OK);
	check_row(&c, 0, 1, "a\rb", NULL);
}

static void test_empty_fields_and_blank_lines(void **state)
{
	struct csv c;
	assert_int_equal(parse(",,\na,,b\nc,\n,d", &c), E_OK);
	assert_int_equal(c.n, 4);
	check_row(&c, 0, 1, "", "", "", NULL);
	check_row(&c, 1, 2, "a", "", "b", NULL);
	check_row(&c, 2, 3, "c", "", NULL);
	check_row(&c, 3, 4, "", "d", NULL);

	assert_int_equal(parse("\n\r\nfirst\r\n\r\n\n\nsecond\n\n", &c), E_OK);
	assert_int_equal(c.n, 2);
	check_row(&c, 0, 3, "first", NULL);
	check_row(&c, 1, 7, "second", NULL);

	/* Spaces are kept: trimming is the caller's choice. */
	assert_int_equal(parse(" a , b \n", &c), E_OK);
	check_row(&c, 0, 1, " a ", " b ", NULL);

	assert_int_equal(parse("\n\n\r\n", &c), E_OK);
	assert_int_equal(c.n, 0);
}

static void test_utf8_text(void **state)
{
	struct csv c;
	assert_int_equal(parse("Café,naïve,日本,😀\n", &c), E_OK);
	check_row(&c, 0, 1, "Café", "naïve", "日本", "😀", NULL);
}

/* The refusal's code and its exact message. */
static void refused(const char *data, size_t len, enum err want, const char *msg)
{
	struct csv c = {(struct csv_row *)1, 99};
	assert_int_equal(parse_n(data, len, 1000, 100, &c), want);
	assert_string_equal(err, msg);
	assert_int_equal(c.n, 0);
	assert_null(c.rows);
}

#define REFUSED(lit, want, msg) refused(lit, sizeof(lit) - 1, want, msg)

static void test_refusals_name_line_and_column(void **state)
{
	REFUSED("name,type\nab,c\"d\n", E_INVAL,
		"line 2, column 5: a quote inside a field that does not start with a quote"
		" (put the whole field in quotes and write the quote twice)");
	REFUSED("\"ab\"c,d\n", E_INVAL,
		"line 1, column 5: text after the closing quote of a field");
	REFUSED("x\n\"abc", E_INVAL,
		"line 2, column 1: a quoted field is not closed (a closing \" is missing)");
	/* An unclosed quote is reported where it opened, lines before the end. */
	REFUSED("x,\"a\nb\nc\n", E_INVAL,
		"line 1, column 3: a quoted field is not closed (a closing \" is missing)");
	REFUSED("ab\0c\n", E_INVAL, "line 1, column 3: a NUL byte");
	REFUSED("\"a\0\"", E_INVAL, "line 1, column 3: a NUL byte");
	REFUSED("a\rb\n", E_INVAL,
		"line 1, column 2: a carriage return that is not followed by a line feed");
	REFUSED("ok\n\"a\"\rb", E_INVAL,
		"line 2, column 4: a carriage return that is not followed by a line feed");
	REFUSED("a\r", E_INVAL,
		"line 1, column 2: a carriage return that is not followed by a line feed");
	/* Columns count characters (é is one) and not the byte order mark. */
	REFUSED("\xEF\xBB\xBF" "é,\"x\"y", E_INVAL,
		"line 1, column 6: text after the closing quote of a field");
	/* A problem on a later line of a multi-line field names that line. */
	REFUSED("h\n\"one\ntwo\nt\"w\"\n", E_INVAL,
		"line 4, column 3: text after the closing quote of a field");
}

static void test_invalid_utf8(void **state)
{
	const char *bad = "the text is not valid UTF-8 (save the file as CSV UTF-8)";
	char want[200];
	snprintf(want, sizeof want, "line 1, column 3: %s", bad);
	REFUSED("é,\xFF", E_INVAL, want);           /* never valid */
	REFUSED("ab\xE9z", E_INVAL, want);           /* Latin-1 é */
	REFUSED("ab\xC0\x80", E_INVAL, want);       /* overlong NUL */
	REFUSED("ab\xED\xA0\x80", E_INVAL, want);   /* a surrogate */
	REFUSED("ab\xF4\x90\x80\x80", E_INVAL, want); /* past U+10FFFF */
	REFUSED("ab\xE2\x82", E_INVAL, want);       /* cut short at the end */
	REFUSED("ab\x80", E_INVAL, want);           /* a lone continuation byte */
	snprintf(want, sizeof want, "line 2, column 2: %s", bad);
	REFUSED("\"a\nb\xFF\"", E_INVAL, want);
}

static void test_limits(void **state)
{
	struct csv c;
	/* Rows: blank lines do not count; the next row's line is named. */
	assert_int_equal(parse_n("a\n\nb\n", 5, 2, 10, &c), E_OK);
	assert_int_equal(c.n, 2);
	assert_int_equal(parse_n("a\n\nb\n\nc\n", 8, 2, 10, &c), E_TOOBIG);
	assert_string_equal(err, "line 5, column 1: more than 2 rows");
	assert_int_equal(c.n, 0);

	/* Fields in a row. */
	assert_int_equal(parse_n("a,b,c\n", 6, 10, 3, &c), E_OK);
	assert_int_equal(parse_n("a,b,c\nd,e,f,g\n", 14, 10, 3, &c), E_TOOBIG);
	assert_string_equal(err, "line 2, column 7: more than 3 fields in a row");
	assert_int_equal(parse_n("a,b,c,\n", 7, 10, 3, &c), E_TOOBIG);
	assert_string_equal(err, "line 1, column 7: more than 3 fields in a row");

	/* Field length counts decoded bytes: 4096 is fine, 4097 is not. */
	static char data[2 * CSV_FIELD_MAX + 16];
	memcpy(data, "x,", 2);
	memset(data + 2, 'a', CSV_FIELD_MAX);
	assert_int_equal(parse_n(data, 2 + CSV_FIELD_MAX, 10, 10, &c), E_OK);
	assert_int_equal(strlen(c.rows[0].fields[1]), CSV_FIELD_MAX);
	data[2 + CSV_FIELD_MAX] = 'a';
	assert_int_equal(parse_n(data, 3 + CSV_FIELD_MAX, 10, 10, &c), E_TOOBIG);
	assert_string_equal(err, "line 1, column 3: a field is longer than 4096 bytes");
	/* 2048 doubled quotes inside quotes decode to 2048 bytes. */
	data[0] = '"';
	for (size_t k = 1; k <= CSV_FIELD_MAX; k++)
		data[k] = '"';
	data[CSV_FIELD_MAX + 1] = '"';
	assert_int_equal(parse_n(data, CSV_FIELD_MAX + 2, 10, 10, &c), E_OK);
	assert_int_equal(strlen(c.rows[0].fields[0]), CSV_FIELD_MAX / 2);
}

static void test_out_of_memory(void **state)
{
	struct csv c;
	const char *data = "name,type\nalpha,beta\ngamma,delta\n";
	struct pool tiny;
	pool_init(&tiny, 16);
	assert_int_equal(csv_parse(&tiny, data, strlen(data), 10, 10, &c, err, sizeof err), E_NOMEM);
	assert_int_equal(c.n, 0);
	pool_free(&tiny);

	/* Every heap allocation failing in turn is reported, never a crash or
	 * a leak (ASan). */
	for (long k = 0; k < 8; k++) {
		alloc_fail_after(k);
		enum err rc = parse(data, &c);
		alloc_fail_reset();
		assert_true(rc == E_NOMEM || rc == E_OK);
		if (rc == E_OK)
			assert_int_equal(c.n, 3);
	}
}

static void test_column_lookup(void **state)
{
	struct csv c;
	assert_int_equal(parse(" name , type,role  ,\n", &c), E_OK);
	assert_int_equal(csv_column(&c.rows[0], "name"), 0);
	assert_int_equal(csv_column(&c.rows[0], "type"), 1);
	assert_int_equal(csv_column(&c.rows[0], "role"), 2);
	assert_int_equal(csv_column(&c.rows[0], ""), 3);
	assert_int_equal(csv_column(&c.rows[0], "Name"), -1);
	assert_int_equal(csv_column(&c.rows[0], "identifier"), -1);
	assert_int_equal(csv_column(NULL, "name"), -1);
}

static const char *written(const char *s)
{
	struct buf b;
	buf_init(&b, 1000);
	csv_write_field(&b, s);
	char *out = pool_strdup(&pool, b.data ? b.data : "");
	buf_free(&b);
	return out;
}

static void test_write_field(void **state)
{
	assert_string_equal(written("plain text"), "plain text");
	assert_string_equal(written(""), "");
	assert_string_equal(written(NULL), "");
	assert_string_equal(written("a,b"), "\"a,b\"");
	assert_string_equal(written("say \"hi\""), "\"say \"\"hi\"\"\"");
	assert_string_equal(written("two\nlines"), "\"two\nlines\"");
	assert_string_equal(written("cr\rhere"), "\"cr\rhere\"");
	/* Formula starters get an apostrophe inside quotes. */
	assert_string_equal(written("=SUM(A1:A9)"), "\"'=SUM(A1:A9)\"");
	assert_string_equal(written("+44 1865"), "\"'+44 1865\"");
	assert_string_equal(written("-1"), "\"'-1\"");
	assert_string_equal(written("@cmd"), "\"'@cmd\"");
	assert_string_equal(written("\tx"), "\"'\tx\"");
	assert_string_equal(written("=\"x\",y"), "\"'=\"\"x\"\",y\"");
	/* Only the first character counts. */
	assert_string_equal(written("a=b-c"), "a=b-c");
	assert_string_equal(written("{\"a\":1}"), "\"{\"\"a\"\":1}\"");
}

static void test_written_rows_read_back(void **state)
{
	static const char *const in[] = {
		"plain", "", "a,b", "say \"hi\"", "multi\r\nline\n", "=1+2", "-5", "@x",
		"\tt", "Café 😀", "\"", ",", "'already",
	};
	static const char *const want[] = {
		"plain", "", "a,b", "say \"hi\"", "multi\r\nline\n", "'=1+2", "'-5", "'@x",
		"'\tt", "Café 😀", "\"", ",", "'already",
	};
	const size_t n = sizeof in / sizeof in[0];
	struct buf b;
	buf_init(&b, 10000);
	for (int row = 0; row < 3; row++) {
		for (size_t k = 0; k < n; k++) {
			if (k)
				buf_putc(&b, ',');
			csv_write_field(&b, in[k]);
		}
		buf_puts(&b, "\r\n");
	}
	assert_false(b.failed);
	struct csv c;
	assert_int_equal(parse_n(b.data, b.len, 10, 20, &c), E_OK);
	assert_int_equal(c.n, 3);
	for (size_t r = 0; r < 3; r++) {
		assert_int_equal(c.rows[r].n, n);
		assert_int_equal(c.rows[r].line, 1 + r * 3); /* each row has two LFs inside */
		for (size_t k = 0; k < n; k++)
			assert_string_equal(c.rows[r].fields[k], want[k]);
	}
	buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_plain_lf_and_crlf, setup, teardown),
		cmocka_unit_test_setup_teardown(test_byte_order_mark, setup, teardown),
		cmocka_unit_test_setup_teardown(test_quoted_fields, setup, teardown),
		cmocka_unit_test_setup_teardown(test_empty_fields_and_blank_lines, setup, teardown),
		cmocka_unit_test_setup_teardown(test_utf8_text, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refusals_name_line_and_column, setup, teardown),
		cmocka_unit_test_setup_teardown(test_invalid_utf8, setup, teardown),
		cmocka_unit_test_setup_teardown(test_limits, setup, teardown),
		cmocka_unit_test_setup_teardown(test_out_of_memory, setup, teardown),
		cmocka_unit_test_setup_teardown(test_column_lookup, setup, teardown),
		cmocka_unit_test_setup_teardown(test_write_field, setup, teardown),
		cmocka_unit_test_setup_teardown(test_written_rows_read_back, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
