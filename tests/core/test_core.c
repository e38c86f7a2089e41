/*
 * test_core.c: struct buf, struct pool and the allocation wrappers: limits
 * hold, failures are reported and sticky, nothing leaks (ASan checks).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdint.h>
#include <string.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/pool.h"

static void test_buf_grows_to_its_max_and_no_further(void **state)
{
	struct buf b;
	buf_init(&b, 10);
	assert_int_equal(buf_puts(&b, "hello"), E_OK);
	assert_int_equal(buf_puts(&b, "world"), E_OK);
	assert_int_equal(b.len, 10);
	assert_string_equal(b.data, "helloworld");
	assert_int_equal(buf_putc(&b, '!'), E_TOOBIG);
	assert_true(b.failed);
	assert_string_equal(b.data, "helloworld"); /* unchanged */
	buf_reset(&b);
	assert_false(b.failed);
	assert_int_equal(buf_printf(&b, "%d-%s", 42, "x"), E_OK);
	assert_string_equal(b.data, "42-x");
	assert_int_equal(buf_printf(&b, "%s", "123456789"), E_TOOBIG);
	buf_free(&b);
}

static void test_buf_large_appends(void **state)
{
	struct buf b;
	buf_init(&b, 1 << 20);
	char chunk[1000];
	memset(chunk, 'a', sizeof chunk);
	for (int i = 0; i < 1000; i++)
		assert_int_equal(buf_append(&b, chunk, sizeof chunk), E_OK);
	assert_int_equal(b.len, 1000000);
	assert_int_equal(buf_append(&b, chunk, 100000), E_TOOBIG);
	assert_int_equal(buf_put_i64(&b, INT64_MIN), E_OK);
	assert_string_equal(b.data + 1000000, "-9223372036854775808");
	buf_free(&b);
}

static void test_buf_json_escaping(void **state)
{
	struct buf b;
	buf_init(&b, 100);
	buf_json_str(&b, "a\"b\\c\n\x01");
	assert_string_equal(b.data, "a\\\"b\\\\c\\n\\u0001");
	buf_free(&b);
}

static void test_buf_allocation_failure(void **state)
{
	struct buf b;
	buf_init(&b, 100);
	alloc_fail_after(0);
	assert_int_equal(buf_puts(&b, "x"), E_NOMEM);
	alloc_fail_reset();
	assert_true(b.failed);
	buf_reset(&b);
	assert_int_equal(buf_puts(&b, "x"), E_OK);
	buf_free(&b);
}

static void test_pool_alignment_and_limit(void **state)
{
	struct pool p;
	pool_init(&p, 64 * 1024);
	for (int i = 1; i < 100; i++) {
		void *x = pool_alloc(&p, (size_t)i);
		assert_non_null(x);
		assert_int_equal((uintptr_t)x % _Alignof(max_align_t), 0);
		memset(x, 0xab, (size_t)i);
	}
	void *big = pool_alloc(&p, 20000); /* its own chunk */
	assert_non_null(big);
	memset(big, 1, 20000);
	assert_null(pool_alloc(&p, 64 * 1024)); /* over the limit */
	assert_null(pool_alloc(&p, SIZE_MAX));
	char *s = pool_printf(&p, "%s-%d", "n", 7);
	assert_string_equal(s, "n-7");
	assert_string_equal(pool_strndup(&p, "abcdef", 3), "abc");
	pool_free(&p);
	assert_int_equal(p.used, 0);
	assert_non_null(pool_alloc(&p, 10)); /* reusable after free */
	pool_free(&p);
}

static void test_pool_allocation_failure(void **state)
{
	struct pool p;
	pool_init(&p, 1 << 20);
	alloc_fail_after(0);
	assert_null(pool_alloc(&p, 10));
	assert_null(pool_strdup(&p, "x"));
	alloc_fail_reset();
	assert_non_null(pool_alloc(&p, 10));
	pool_free(&p);
}

static void test_err_names(void **state)
{
	assert_string_equal(err_name(E_OK), "ok");
	assert_string_equal(err_name(E_TOOBIG), "too_big");
	assert_string_equal(err_name((enum err)999), "unknown");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_buf_grows_to_its_max_and_no_further),
		cmocka_unit_test(test_buf_large_appends),
		cmocka_unit_test(test_buf_json_escaping),
		cmocka_unit_test(test_buf_allocation_failure),
		cmocka_unit_test(test_pool_alignment_and_limit),
		cmocka_unit_test(test_pool_allocation_failure),
		cmocka_unit_test(test_err_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
