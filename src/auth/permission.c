/*
 * permission.c: the one table of who may read and write what.
 *
 * ARCHITECTURE.md prints this table; tests/auth/test_permission.c checks
 * that the document and this file say the same thing.  Later modules add a
 * resource (a column) and fill in its row for each role here, nowhere else.
 */
#include "auth/auth.h"

#include <string.h>

enum { NO = 0, R = 1, RW = 2 };

static const unsigned char table[ROLE_COUNT][RES_COUNT] = {
	/*                     structure users audit national selfanalysis actions settings */
	[ROLE_NONE]         = {NO, NO, NO, NO, NO, NO, NO},
	[ROLE_ADMIN]        = {RW, RW, R,  NO, RW, RW, RW},
	[ROLE_COMMISSIONER] = {RW, NO, NO, NO, RW, RW, R},
	[ROLE_ANALYST]      = {R,  NO, NO, NO, RW, RW, R},
	[ROLE_BOARD_MEMBER] = {R,  NO, NO, NO, R,  R,  R},
	[ROLE_PROVIDER]     = {R,  NO, NO, NO, NO, R,  R},
	[ROLE_VIEWER]       = {R,  NO, NO, NO, R,  R,  R},
	[ROLE_NATIONAL]     = {NO, NO, NO, R,  NO, NO, NO},
};

static const struct {
	const char *code;
	const char *label;
} roles[ROLE_COUNT] = {
	[ROLE_NONE] = {"", "Not signed in"},
	[ROLE_ADMIN] = {"admin", "Administrator"},
	[ROLE_COMMISSIONER] = {"commissioner", "Commissioner"},
	[ROLE_ANALYST] = {"analyst", "Analyst"},
	[ROLE_BOARD_MEMBER] = {"board_member", "Board member"},
	[ROLE_PROVIDER] = {"provider", "Provider"},
	[ROLE_VIEWER] = {"viewer", "Viewer"},
	[ROLE_NATIONAL] = {"national", "National analyst"},
};

static const char *const resources[RES_COUNT] = {
	[RES_STRUCTURE] = "Partnership structure (organisations, areas, boards)",
	[RES_USERS] = "People and roles",
	[RES_AUDIT] = "Audit trail",
	[RES_NATIONAL] = "Aggregated national views",
	[RES_SELFANALYSIS] = "Self-analysis",
	[RES_ACTIONS] = "Action plans",
	[RES_SETTINGS] = "Partnership settings",
};

const char *role_code(enum role r)
{
	return (unsigned)r < ROLE_COUNT ? roles[r].code : "";
}

const char *role_label(enum role r)
{
	return (unsigned)r < ROLE_COUNT ? roles[r].label : roles[ROLE_NONE].label;
}

enum role role_parse(const char *code)
{
	for (int r = ROLE_NONE + 1; code && r < ROLE_COUNT; r++)
		if (strcmp(code, roles[r].code) == 0)
			return (enum role)r;
	return ROLE_NONE;
}

const char *resource_label(enum resource res)
{
	return (unsigned)res < RES_COUNT ? resources[res] : "";
}

int permission_allows(enum role role, enum resource res, enum action act)
{
	if ((unsigned)role >= ROLE_COUNT || (unsigned)res >= RES_COUNT)
		return 0;
	unsigned char p = table[role][res];
	return act == ACT_READ ? p >= R : p == RW;
}

const char *permission_describe(enum role role, enum resource res)
{
	if (permission_allows(role, res, ACT_WRITE))
		return "Read and write";
	return permission_allows(role, res, ACT_READ) ? "Read" : "None";
}

int access_allows(int access, enum role role)
{
	if (access == ACCESS_PUBLIC || access == ACCESS_OPTIONAL)
		return 1;
	if (role == ROLE_NONE)
		return 0;
	if (access == ACCESS_SIGNED_IN)
		return 1;
	int p = access - ACCESS_PERM_BASE;
	if (p < 0 || p >= RES_COUNT * 2)
		return 0;
	return permission_allows(role, (enum resource)(p / 2), (enum action)(p % 2));
}
