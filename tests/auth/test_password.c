/*
 * test_password.c: Argon2id hashing and verification, the password policy
 * (characters counted as code points, the common list in any case, the
 * account's own email, one character repeated) and generated passwords.
 *
 * The common list is checked from its source file (JCS_SOURCE_DIR, set by
 * CMake): every entry must be found by password_is_common(), which fails
 * for entries out of order because the lookup is a binary search, and
 * every entry must be lower case and at least 12 characters long.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/password.h"

static void test_hash_and_verify(void **state)
{
	char a[PASSWORD_HASH_MAX], b[PASSWORD_HASH_MAX];
	assert_int_equal(password_hash("plum tree at dusk", a), E_OK);
	assert_int_equal(password_hash("plum tree at dusk", b), E_OK);
	assert_int_equal(strncmp(a, "$argon2id$", 10), 0);
	assert_null(strstr(a, "plum"));
	/* A fresh salt each time. */
	assert_string_not_equal(a, b);
	assert_true(password_verify(a, "plum tree at dusk"));
	assert_true(password_verify(b, "plum tree at dusk"));
	assert_false(password_verify(a, "plum tree at dusk "));
	assert_false(password_verify(a, "Plum tree at dusk"));
	assert_false(password_verify(a, ""));
	assert_false(password_verify(a, NULL));
}

static void test_malformed_hash(void **state)
{
	char h[PASSWORD_HASH_MAX];
	assert_int_equal(password_hash("plum tree at dusk", h), E_OK);
	assert_false(password_verify("", "plum tree at dusk"));
	assert_false(password_verify(NULL, "plum tree at dusk"));
	assert_false(password_verify("$argon2id$v=19$garbage", "plum tree at dusk"));
	assert_false(password_verify("plum tree at dusk", "plum tree at dusk"));
	h[strlen(h) - 2] = h[strlen(h) - 2] == 'A' ? 'B' : 'A';
	assert_false(password_verify(h, "plum tree at dusk"));
	/* Not NUL-terminated within PASSWORD_HASH_MAX: refused, not read past. */
	char unterminated[PASSWORD_HASH_MAX];
	memset(unterminated, 'a', sizeof unterminated);
	assert_false(password_verify(unterminated, "plum tree at dusk"));
	/* Runs without an account; nothing to assert but that it returns. */
	password_verify_dummy("plum tree at dusk");
	password_verify_dummy(NULL);
}

static void test_hash_too_long(void **state)
{
	char h[PASSWORD_HASH_MAX], pw[PASSWORD_MAX_BYTES + 2];
	memset(pw, 'x', sizeof pw - 1);
	pw[sizeof pw - 1] = '\0';
	assert_int_equal(password_hash(pw, h), E_INVAL);
	assert_int_equal(password_hash(NULL, h), E_INVAL);
	pw[PASSWORD_MAX_BYTES] = '\0';
	assert_int_equal(password_hash(pw, h), E_OK);
	assert_true(password_verify(h, pw));
}

static void test_policy_length(void **state)
{
	assert_string_equal(password_policy_check(NULL, NULL), "Enter a password");
	assert_string_equal(password_policy_check("", NULL), "Enter a password");
	assert_string_equal(password_policy_check("plumtreedus", NULL),
			    "Enter a password of at least 12 characters");
	assert_null(password_policy_check("plumtreedusk", NULL));
	/* 11 Japanese characters are 33 bytes, still 11 characters; 12 pass. */
	const char *eleven = "日本語のパスワードです";
	assert_int_equal(strlen(eleven), 33);
	assert_string_equal(password_policy_check(eleven, NULL),
			    "Enter a password of at least 12 characters");
	assert_null(password_policy_check("日本語のパスワードです!", NULL));
	/* 11 two-byte characters: 22 bytes, too short. */
	assert_string_equal(password_policy_check("àéîõüçñøåßæ", NULL),
			    "Enter a password of at least 12 characters");
	assert_null(password_policy_check("àéîõüçñøåßæœ", NULL));

	char pw[PASSWORD_MAX_BYTES + 2];
	for (size_t i = 0; i < sizeof pw - 1; i++)
		pw[i] = (char)('a' + i % 26);
	pw[PASSWORD_MAX_BYTES] = '\0';
	assert_null(password_policy_check(pw, NULL));
	pw[PASSWORD_MAX_BYTES] = 'x';
	pw[PASSWORD_MAX_BYTES + 1] = '\0';
	assert_string_equal(password_policy_check(pw, NULL),
			    "Enter a shorter password: this one is too long");
}

static void test_policy_common_any_case(void **state)
{
	const char *msg = "Choose a password that is harder to guess: "
			  "this one is on a list of common passwords";
	assert_string_equal(password_policy_check("password1234", NULL), msg);
	assert_string_equal(password_policy_check("Password1234", NULL), msg);
	assert_string_equal(password_policy_check("QWERTYUIOP123", NULL), msg);
	assert_string_equal(password_policy_check("CorrectHorseBatteryStaple", NULL), msg);
	assert_true(password_is_common("iLoveYou1234"));
	assert_true(password_is_common("123456789012"));
	assert_true(password_is_common("passwordpassword"));
	assert_false(password_is_common("password1234x"));
	assert_false(password_is_common("plumtreedusk"));
	assert_false(password_is_common(""));
	assert_false(password_is_common(NULL));
	/* Short classics are below the minimum length, so never listed. */
	assert_false(password_is_common("password"));
}

static void test_policy_email_and_repeats(void **state)
{
	const char *email = "jane.smithson@example.org";
	const char *msg = "Choose a password that is not your email address";
	assert_string_equal(password_policy_check("jane.smithson@example.org", email), msg);
	assert_string_equal(password_policy_check("Jane.Smithson@Example.ORG", email), msg);
	assert_string_equal(password_policy_check("JANE.SMITHSON", email), msg);
	assert_null(password_policy_check("jane.smithson1", email));
	assert_null(password_policy_check("JANE.SMITHSON", "other@example.org"));
	assert_null(password_policy_check("JANE.SMITHSON", NULL));

	const char *rep = "Choose a password that is harder to guess: "
			  "this one is a single character repeated";
	assert_string_equal(password_policy_check("aaaaaaaaaaaa", NULL), rep);
	assert_string_equal(password_policy_check("éééééééééééééé", NULL), rep);
	assert_null(password_policy_check("abababababab", NULL));
	assert_null(password_policy_check("aaaaaaaaaaab", NULL));
}

static int in_alphabet(char c)
{
	return c && strchr("23456789abcdefghjkmnpqrstuvwxyz", c) != NULL;
}

static void test_generate(void **state)
{
	char seen[50][PASSWORD_GENERATED_SIZE];
	for (int i = 0; i < 50; i++) {
		char *pw = seen[i];
		password_generate(pw);
		assert_int_equal(strlen(pw), PASSWORD_GENERATED_SIZE - 1);
		for (int j = 0; j < PASSWORD_GENERATED_SIZE - 1; j++) {
			if (j % 6 == 5)
				assert_int_equal(pw[j], '-');
			else
				assert_true(in_alphabet(pw[j]));
		}
		assert_null(password_policy_check(pw, "someone@example.org"));
		for (int k = 0; k < i; k++)
			assert_string_not_equal(pw, seen[k]);
	}
}

static void test_common_list_source(void **state)
{
	const char *dir = getenv("JCS_SOURCE_DIR");
	char path[4096], line[512], prev[512] = "";
	size_t entries = 0;
	if (!dir)
		dir = ".";
	snprintf(path, sizeof path, "%s/src/auth/common_passwords.c", dir);
	FILE *f = fopen(path, "r");
	assert_non_null(f);
	while (fgets(line, sizeof line, f)) {
		/* Entries are the lines of the form <tab>"....",  */
		size_t n = strlen(line);
		if (n < 5 || line[0] != '\t' || line[1] != '"' || strcmp(line + n - 3, "\",\n") != 0)
			continue;
		line[n - 3] = '\0';
		const char *e = line + 2;
		assert_true(strlen(e) >= 12);
		for (const char *p = e; *p; p++)
			assert_false(*p >= 'A' && *p <= 'Z');
		if (entries)
			assert_true(strcmp(prev, e) < 0);
		assert_true(password_is_common(e));
		snprintf(prev, sizeof prev, "%s", e);
		entries++;
	}
	fclose(f);
	assert_true(entries >= 300 && entries <= 1000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hash_and_verify),
		cmocka_unit_test(test_malformed_hash),
		cmocka_unit_test(test_hash_too_long),
		cmocka_unit_test(test_policy_length),
		cmocka_unit_test(test_policy_common_any_case),
		cmocka_unit_test(test_policy_email_and_repeats),
		cmocka_unit_test(test_generate),
		cmocka_unit_test(test_common_list_source),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
