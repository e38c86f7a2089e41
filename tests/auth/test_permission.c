/*
 * test_permission.c: the permission table in code (auth/permission.c) and
 * the one printed in ARCHITECTURE.md say the same thing, cell by cell, and
 * route access follows it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/auth.h"

static char *read_architecture(void)
{
	const char *dir = getenv("JCS_SOURCE_DIR");
	char path[1024];
	snprintf(path, sizeof path, "%s/ARCHITECTURE.md", dir ? dir : ".");
	FILE *f = fopen(path, "rb");
	if (!f)
		fail_msg("cannot open %s", path);
	static char text[1 << 20];
	size_t n = fread(text, 1, sizeof text - 1, f);
	fclose(f);
	text[n] = 0;
	return text;
}

/* The cells of the table row that starts "| label |", or fail. */
static size_t row_cells(const char *doc, const char *label, char cells[][64], size_t max)
{
	char start[128];
	snprintf(start, sizeof start, "\n| %s |", label);
	const char *p = strstr(doc, start);
	if (!p)
		fail_msg("ARCHITECTURE.md has no permissions row for '%s'", label);
	p += strlen(start);
	size_t n = 0;
	while (*p && *p != '\n' && n < max) {
		const char *bar = strchr(p, '|');
		const char *nl = strchr(p, '\n');
		if (!bar || (nl && bar > nl))
			break;
		const char *s = p, *e = bar;
		while (s < e && *s == ' ')
			s++;
		while (e > s && e[-1] == ' ')
			e--;
		snprintf(cells[n++], 64, "%.*s", (int)(e - s), s);
		p = bar + 1;
	}
	return n;
}

static void test_document_matches_code(void **state)
{
	(void)state;
	const char *doc = read_architecture();
	char cells[RES_COUNT + 2][64];
	size_t n = row_cells(doc, "Role", cells, RES_COUNT + 2);
	assert_int_equal(n, RES_COUNT);
	for (int r = 0; r < RES_COUNT; r++)
		assert_string_equal(cells[r], resource_label((enum resource)r));
	for (int role = ROLE_NONE + 1; role < ROLE_COUNT; role++) {
		n = row_cells(doc, role_label((enum role)role), cells, RES_COUNT + 2);
		assert_int_equal(n, RES_COUNT);
		for (int r = 0; r < RES_COUNT; r++)
			if (strcmp(cells[r], permission_describe((enum role)role, (enum resource)r)) != 0)
				fail_msg("ARCHITECTURE.md says %s may '%s' %s; the code says '%s'",
					 role_label((enum role)role), cells[r], resource_label((enum resource)r),
					 permission_describe((enum role)role, (enum resource)r));
	}
}

static void test_rules(void **state)
{
	(void)state;
	/* Write implies read; nobody signed out may do anything. */
	for (int role = 0; role < ROLE_COUNT; role++)
		for (int r = 0; r < RES_COUNT; r++)
			if (permission_allows((enum role)role, (enum resource)r, ACT_WRITE))
				assert_true(permission_allows((enum role)role, (enum resource)r, ACT_READ));
	for (int r = 0; r < RES_COUNT; r++)
		assert_false(permission_allows(ROLE_NONE, (enum resource)r, ACT_READ));
	/* The national role reads no partnership's records. */
	assert_false(permission_allows(ROLE_NATIONAL, RES_STRUCTURE, ACT_READ));
	assert_false(permission_allows(ROLE_NATIONAL, RES_USERS, ACT_READ));
	assert_false(permission_allows(ROLE_NATIONAL, RES_AUDIT, ACT_READ));
	assert_true(permission_allows(ROLE_ADMIN, RES_USERS, ACT_WRITE));
	assert_false(permission_allows(ROLE_COMMISSIONER, RES_USERS, ACT_READ));
	assert_false(permission_allows(ROLE_VIEWER, RES_STRUCTURE, ACT_WRITE));
	assert_false(permission_allows(ROLE_COUNT, RES_STRUCTURE, ACT_READ));
}

static void test_access(void **state)
{
	(void)state;
	assert_true(access_allows(ACCESS_PUBLIC, ROLE_NONE));
	assert_true(access_allows(ACCESS_OPTIONAL, ROLE_NONE));
	assert_false(access_allows(ACCESS_SIGNED_IN, ROLE_NONE));
	assert_true(access_allows(ACCESS_SIGNED_IN, ROLE_VIEWER));
	assert_true(access_allows(ACCESS_PERM(RES_STRUCTURE, ACT_READ), ROLE_VIEWER));
	assert_false(access_allows(ACCESS_PERM(RES_STRUCTURE, ACT_WRITE), ROLE_VIEWER));
	assert_false(access_allows(ACCESS_PERM_BASE + RES_COUNT * 2, ROLE_ADMIN));
	assert_false(access_allows(-5, ROLE_ADMIN));
}

static void test_codes(void **state)
{
	(void)state;
	for (int role = ROLE_NONE + 1; role < ROLE_COUNT; role++)
		assert_int_equal(role_parse(role_code((enum role)role)), role);
	assert_int_equal(role_parse("root"), ROLE_NONE);
	assert_int_equal(role_parse(""), ROLE_NONE);
	assert_int_equal(role_parse(NULL), ROLE_NONE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_document_matches_code),
		cmocka_unit_test(test_rules),
		cmocka_unit_test(test_access),
		cmocka_unit_test(test_codes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
