/*
 * test_multipart.c: multipart/form-data as browsers send it (the body below
 * is laid out byte for byte like Chrome's, boundary and all), then each
 * refusal the header lists, then allocation failure.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/pool.h"
#include "http/multipart.h"

#define POOL_LIMIT (1 << 20)
#define B "----WebKitFormBoundary7MA4YWxkTrZu0gW"
#define CT "multipart/form-data; boundary=" B

/* A form with a text field, a UTF-8 field, a file and an empty file input. */
static const char browser_body[] =
	"--" B "\r\n"
	"Content-Disposition: form-data; name=\"child_ref\"\r\n"
	"\r\n"
	"C-1042\r\n"
	"--" B "\r\n"
	"Content-Disposition: form-data; name=\"notes\"\r\n"
	"\r\n"
	"Si\xC3\xA2n's plan\r\nsecond line\r\n"
	"--" B "\r\n"
	"Content-Disposition: form-data; name=\"upload\"; filename=\"placements 2024.csv\"\r\n"
	"Content-Type: text/csv\r\n"
	"\r\n"
	"ref,cost\r\nC-1042,125000\r\n"
	"\r\n"
	"--" B "\r\n"
	"Content-Disposition: form-data; name=\"extra\"; filename=\"\"\r\n"
	"Content-Type: application/octet-stream\r\n"
	"\r\n"
	"\r\n"
	"--" B "--\r\n";

static enum err parse(struct pool *pool, const char *ct, const char *body,
		      size_t max, struct parts *out)
{
	return multipart_parse(pool, ct, body, strlen(body), max, out);
}

static void assert_data(const struct part *pt, const char *want)
{
	assert_non_null(pt);
	assert_int_equal(pt->len, strlen(want));
	assert_memory_equal(pt->data, want, pt->len);
}

static void test_browser_body(void **state)
{
	struct pool pool;
	struct parts p;
	pool_init(&pool, POOL_LIMIT);
	assert_int_equal(parse(&pool, CT, browser_body, 10, &p), E_OK);
	assert_int_equal(p.n, 4);

	assert_string_equal(p.v[0].name, "child_ref");
	assert_null(p.v[0].filename);
	assert_null(p.v[0].content_type);
	assert_data(&p.v[0], "C-1042");

	assert_data(parts_get(&p, "notes"), "Si\xC3\xA2n's plan\r\nsecond line");

	const struct part *f = parts_get(&p, "upload");
	assert_non_null(f);
	assert_string_equal(f->filename, "placements 2024.csv");
	assert_string_equal(f->content_type, "text/csv");
	assert_data(f, "ref,cost\r\nC-1042,125000\r\n");
	/* Data points into the body: no copy. */
	assert_true(f->data > browser_body && f->data < browser_body + sizeof browser_body);

	/* An empty file input: a filename of "" and no data. */
	const struct part *e = parts_get(&p, "extra");
	assert_non_null(e);
	assert_string_equal(e->filename, "");
	assert_int_equal(e->len, 0);

	assert_null(parts_get(&p, "missing"));
	pool_free(&pool);
}

static void test_boundary_forms(void **state)
{
	static const char body[] =
		"--" B "\r\n"
		"Content-Disposition: form-data; name=\"a\"\r\n\r\n"
		"1\r\n"
		"--" B "--";
	static const char *types[] = {
		CT,
		"multipart/form-data; boundary=\"" B "\"",
		"Multipart/Form-Data;Boundary=" B,
		"multipart/form-data; charset=utf-8; boundary=" B "; x=y",
		"multipart/form-data ; boundary=\"" B "\" ",
	};
	struct pool pool;
	struct parts p;
	pool_init(&pool, POOL_LIMIT);
	for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
		assert_int_equal(parse(&pool, types[i], body, 10, &p), E_OK);
		assert_int_equal(p.n, 1);
		assert_data(&p.v[0], "1");
	}

	/* A quoted boundary may hold characters a token may not, and a space. */
	static const char body2[] =
		"--a:b (c)=d?\r\n"
		"Content-Disposition: form-data; name=x\r\n\r\n"
		"v\r\n"
		"--a:b (c)=d?--\r\n";
	assert_int_equal(parse(&pool, "multipart/form-data; boundary=\"a:b (c)=d?\"",
			       body2, 10, &p), E_OK);
	assert_int_equal(p.n, 1);
	assert_string_equal(p.v[0].name, "x");
	assert_data(&p.v[0], "v");
	pool_free(&pool);
}

static void test_bad_boundaries(void **state)
{
	static const char body[] =
		"--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--x--\r\n";
	static const char *types[] = {
		"multipart/form-data",
		"multipart/form-data; boundary=",
		"multipart/form-data; boundary=\"\"",
		"multipart/form-data; boundary=\"x",
		"multipart/form-data; boundary=x; boundary=x",
		"multipart/form-data; boundary=\"x \"",
		"multipart/form-data; boundary=\"x\\\"y\"",
		"multipart/form-data; boundary=x{",
		"multipart/mixed; boundary=x",
		"multipart/form-datax; boundary=x",
		"application/x-www-form-urlencoded",
		"",
		/* 71 characters: one too many. */
		("multipart/form-data; boundary="
		 "12345678901234567890123456789012345678901234567890123456789012345678901"),
	};
	struct pool pool;
	struct parts p;
	pool_init(&pool, POOL_LIMIT);
	for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
		p.n = 99;
		assert_int_equal(parse(&pool, types[i], body, 10, &p), E_INVAL);
		assert_int_equal(p.n, 0);
	}
	assert_int_equal(parse(&pool, NULL, body, 10, &p), E_INVAL);
	pool_free(&pool);
}

static void test_longest_boundary(void **state)
{
	char b70[71];
	memset(b70, 'b', 70);
	b70[70] = '\0';
	char ct[128], body[256];
	snprintf(ct, sizeof ct, "multipart/form-data; boundary=%s", b70);
	snprintf(body, sizeof body,
		 "--%s\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nok\r\n--%s--\r\n",
		 b70, b70);
	struct pool pool;
	struct parts p;
	pool_init(&pool, POOL_LIMIT);
	assert_int_equal(parse(&pool, ct, body, 10, &p), E_OK);
	assert_int_equal(p.n, 1);
	assert_data(&p.v[0], "ok");
	pool_free(&pool);
}

static void test_near_boundary_data(void **state)
{
	/* Data holding CRLFs, dashes and the boundary minus its last byte. */
	static const char body[] =
		"--" B "\r\n"
		"Content-Disposition: form-data; name=\"f\"; filename=\"t.bin\"\r\n"
		"\r\n"
		"line\r\n--\r\n-- " B "\r\n--" "----WebKitFormBoundary7MA4YWxkTrZu0g" "\r\n"
		"--" B "x is not at a line start\r\n\r\n\r"
		"\r\n--" B "--\r\n";
	struct pool pool;
	struct parts p;
	pool_init(&pool, POOL_LIMIT);
	/*
	 * "\r\n--BOUNDARYx" inside the data is a delimiter followed by junk:
	 * the RFC forbids the boundary at a line start within data, so it is
	 * refused.  The same data without that line parses.
	 */
	assert_int_equal(parse(&pool, CT, body, 10, &p), E_INVAL);

	static const char body2[] =
		"--" B "\r\n"
		"Content-Disposition: form-data; name=\"f\"; filename=\"t.bin\"\r\n"
		"\r\n"
		"line\r\n--\r\n-- " B "\r\n--" "----WebKitFormBoundary7MA4YWxkTrZu0g" "\r\n"
		"x--" B "\r\n\r\n\r"
		"\r\n--" B "--\r\n";
	assert_int_equal(parse(&pool, CT, body2, 10, &p), E_OK);
	assert_int_equal(p.n, 1);
	assert_data(&p.v[0],
		    "line\r\n--\r\n-- " B "\r\n--" "----WebKitFormBoundary7MA4YWxkTrZu0g" "\r\n"
		    "x--" B "\r\n\r\n\r");

	/* Binary data with NUL bytes is kept whole. */
	static const char bin[] =
		"--" B "\r\nContent-Disposition: form-data; name=\"b\"\r\n\r\n"
		"\0\x01\xFF\r\0\n"
		"\r\n--" B "--";
	assert_int_equal(multipart_parse(&pool, CT, bin, sizeof bin - 1, 10, &p), E_OK);
	assert_int_equal(p.v[0].len, 6);
	assert_memory_equal(p.v[0].data, "\0\x01\xFF\r\0\n", 6);
	pool_free(&pool);
}

static void test_preamble_and_epilogue(void **state)
{
	static const char body[] =
		"This is a preamble, ignored.\r\n"
		"--not the boundary\r\n"
		"--" B "\r\n"
		"Content-Disposition: form-data; name=\"a\"\r\n"
		"X-Unknown: ignored\r\n"
		"\r\n"
		"1\r\n"
		"--" B "  \t\r\n"
		"content-disposition: FORM-DATA; NAME=\"b\"\r\n"
		"\r\n"
		"2\r\n"
		"--" B "--\r\n"
		"An epilogue, also ignored.\r\n"
		"--" B "\r\n";
	struct pool pool;
	struct parts p;
	pool_init(&pool, POOL_LIMIT);
	assert_int_equal(parse(&pool, CT, body, 10, &p), E_OK);
	assert_int_equal(p.n, 2);
	assert_data(parts_get(&p, "a"), "1");
	assert_data(parts_get(&p, "b"), "2");

	/* A form with no fields at all. */
	assert_int_equal(parse(&pool, CT, "--" B "--\r\n", 10, &p), E_OK);
	assert_int_equal(p.n, 0);
	pool_free(&pool);
}

static void test_unclosed(void **state)
{
	static const char *bodies[] = {
		"",
		"no delimiter at all",
		"--" B,
		"--" B "\r\n",
		"--" B "\r\nContent-Disposition: form-data; name=\"a\"\r\n",
		"--" B "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1",
		"--" B "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--" B "\r\n",
		"--" B "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--" B "-",
		"--" B "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--" B "x\r\n",
		/* The delimiter line must end in CRLF, not LF. */
		"--" B "\nContent-Disposition: form-data; name=\"a\"\n\n1\n--" B "--",
	};
	struct pool pool;
	struct parts p;
	pool_init(&pool, POOL_LIMIT);
	for (size_t i = 0; i < sizeof bodies / sizeof bodies[0]; i++) {
		p.n = 99;
		assert_int_equal(parse(&pool, CT, bodies[i], 10, &p), E_INVAL);
		assert_int_equal(p.n, 0);
	}
	assert_int_equal(multipart_parse(&pool, CT, NULL, 0, 10, &p), E_INVAL);
	pool_free(&pool);
}

static void make_parts(struct buf *b, int n)
{
	for (int i = 0; i < n; i++)
		buf_printf(b, "--" B "\r\nContent-Disposition: form-data; name=\"f%d\"\r\n\r\n%d\r\n", i, i);
	buf_puts(b, "--" B "--\r\n");
}

static void test_too_many_parts(void **state)
{
	struct buf b;
	struct pool pool;
	struct parts p;
	buf_init(&b, 1 << 20);
	make_parts(&b, 20);
	assert_false(b.failed);
	pool_init(&pool, POOL_LIMIT);
	assert_int_equal(multipart_parse(&pool, CT, b.data, b.len, 20, &p), E_OK);
	assert_int_equal(p.n, 20);
	assert_string_equal(p.v[19].name, "f19");
	assert_data(&p.v[19], "19");
	assert_data(parts_get(&p, "f7"), "7");
	assert_int_equal(multipart_parse(&pool, CT, b.data, b.len, 19, &p), E_TOOBIG);
	assert_int_equal(p.n, 0);
	assert_int_equal(multipart_parse(&pool, CT, b.data, b.len, 0, &p), E_TOOBIG);
	pool_free(&pool);
	buf_free(&b);
}

static void test_headers(void **state)
{
	struct pool pool;
	struct parts p;
	struct buf b;
	pool_init(&pool, POOL_LIMIT);

	/* A header line of exactly 1024 bytes is allowed, 1025 is not. */
	for (int extra = 0; extra <= 1; extra++) {
		buf_init(&b, 1 << 16);
		buf_puts(&b, "--" B "\r\n");
		const char *cd = "Content-Disposition: form-data; name=\"a\"; x=\"";
		size_t fill = 1024 - strlen(cd) - 1 + (size_t)extra;
		buf_puts(&b, cd);
		for (size_t i = 0; i < fill; i++)
			buf_putc(&b, 'y');
		buf_puts(&b, "\"\r\n\r\nv\r\n--" B "--\r\n");
		assert_false(b.failed);
		enum err rc = multipart_parse(&pool, CT, b.data, b.len, 10, &p);
		assert_int_equal(rc, extra ? E_INVAL : E_OK);
		buf_free(&b);
	}

	/* Eight header lines are allowed, nine are not. */
	for (int extra = 0; extra <= 1; extra++) {
		buf_init(&b, 1 << 16);
		buf_puts(&b, "--" B "\r\nContent-Disposition: form-data; name=\"a\"\r\n");
		for (int i = 0; i < 7 + extra; i++)
			buf_printf(&b, "X-H%d: %d\r\n", i, i);
		buf_puts(&b, "\r\nv\r\n--" B "--\r\n");
		assert_false(b.failed);
		enum err rc = multipart_parse(&pool, CT, b.data, b.len, 10, &p);
		assert_int_equal(rc, extra ? E_INVAL : E_OK);
		buf_free(&b);
	}

	static const char *bad[] = {
		/* No name, empty name, no disposition. */
		"Content-Disposition: form-data\r\n",
		"Content-Disposition: form-data; name=\"\"\r\n",
		"Content-Disposition: form-data; filename=\"a.txt\"\r\n",
		"Content-Type: text/plain\r\n",
		"",
		/* Wrong disposition type, or malformed. */
		"Content-Disposition: attachment; name=\"a\"\r\n",
		"Content-Disposition: form-data name=\"a\"\r\n",
		"Content-Disposition: form-data; name=\"a\r\n",
		"Content-Disposition: form-data; name=\r\n",
		"Content-Disposition: form-data; =\"a\"\r\n",
		/* Repeats. */
		"Content-Disposition: form-data; name=\"a\"; name=\"b\"\r\n",
		"Content-Disposition: form-data; name=\"a\"\r\nContent-Disposition: form-data; name=\"b\"\r\n",
		"Content-Disposition: form-data; name=\"a\"\r\nContent-Type: a/b\r\nContent-Type: c/d\r\n",
		/* Header syntax: no colon, space before colon, folding, bare CR. */
		"Content-Disposition: form-data; name=\"a\"\r\nNo colon here\r\n",
		"Content-Disposition : form-data; name=\"a\"\r\n",
		"Content-Disposition: form-data;\r\n name=\"a\"\r\n",
		"Content-Disposition: form-data; name=\"a\rb\"\r\n",
		/* Not UTF-8. */
		"Content-Disposition: form-data; name=\"\xC0\xAF\"\r\n",
		"Content-Disposition: form-data; name=\"a\"; filename=\"\xED\xA0\x80.txt\"\r\n",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		buf_init(&b, 1 << 16);
		buf_puts(&b, "--" B "\r\n");
		buf_puts(&b, bad[i]);
		buf_puts(&b, "\r\nv\r\n--" B "--\r\n");
		assert_false(b.failed);
		p.n = 99;
		assert_int_equal(multipart_parse(&pool, CT, b.data, b.len, 10, &p), E_INVAL);
		assert_int_equal(p.n, 0);
		buf_free(&b);
	}

	/* A NUL byte in a header line. */
	static const char nul[] =
		"--" B "\r\nContent-Disposition: form-data; name=\"a\0b\"\r\n\r\nv\r\n--" B "--";
	assert_int_equal(multipart_parse(&pool, CT, nul, sizeof nul - 1, 10, &p), E_INVAL);

	static const char good[] =
		"--" B "\r\n"
		"Content-Disposition: form-data; filename=\"C:\\\\dir\\\\a \\\"q\\\".txt\"; "
		"name=unquoted; filename*=UTF-8''ignored\r\n"
		"Content-Type:   text/plain; charset=utf-8  \r\n"
		"\r\nv\r\n--" B "--";
	assert_int_equal(parse(&pool, CT, good, 10, &p), E_OK);
	assert_int_equal(p.n, 1);
	assert_string_equal(p.v[0].name, "unquoted");
	assert_string_equal(p.v[0].filename, "C:\\dir\\a \"q\".txt");
	assert_string_equal(p.v[0].content_type, "text/plain; charset=utf-8");
	assert_data(&p.v[0], "v");
	pool_free(&pool);
}

static void test_alloc_failure(void **state)
{
	struct buf b;
	buf_init(&b, 1 << 16);
	make_parts(&b, 9);
	buf_puts(&b, browser_body);
	assert_false(b.failed);

	int saw_ok = 0;
	for (long n = 0; n < 30; n++) {
		struct pool pool;
		struct parts p;
		pool_init(&pool, POOL_LIMIT);
		alloc_fail_after(n);
		enum err rc = parse(&pool, CT, browser_body, 10, &p);
		assert_true(rc == E_OK || rc == E_NOMEM);
		if (rc == E_OK) {
			assert_int_equal(p.n, 4);
			saw_ok = 1;
		}
		rc = multipart_parse(&pool, CT, b.data, b.len, 20, &p);
		assert_true(rc == E_OK || rc == E_NOMEM);
		if (rc == E_OK)
			assert_int_equal(p.n, 9);
		alloc_fail_reset();
		pool_free(&pool);
	}
	assert_true(saw_ok);

	/* A pool limit too small for the parts gives E_NOMEM too. */
	for (size_t lim = 0; lim < 2048; lim += 64) {
		struct pool pool;
		struct parts p;
		pool_init(&pool, lim);
		enum err rc = parse(&pool, CT, browser_body, 10, &p);
		assert_true(rc == E_OK || rc == E_NOMEM);
		pool_free(&pool);
	}
	buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_browser_body),
		cmocka_unit_test(test_boundary_forms),
		cmocka_unit_test(test_bad_boundaries),
		cmocka_unit_test(test_longest_boundary),
		cmocka_unit_test(test_near_boundary_data),
		cmocka_unit_test(test_preamble_and_epilogue),
		cmocka_unit_test(test_unclosed),
		cmocka_unit_test(test_too_many_parts),
		cmocka_unit_test(test_headers),
		cmocka_unit_test(test_alloc_failure),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
