/*
 * auth.h: who is asking, and what they may do.
 *
 * Every signed-in request carries a struct principal, built by the app layer
 * (web/app.c) from a session cookie or an API bearer token before any
 * handler runs.  Handlers never look at cookies or tokens themselves.
 *
 * Roles.  A user belongs to one partnership with one role there; the
 * national role belongs to no partnership and reads only aggregated views
 * across partnerships.  A provider is bound to one organisation.
 *
 * Permissions live in one table, permission.c, the same table that
 * ARCHITECTURE.md prints: role x resource -> none, read or read and write.
 * Routes name the access they need (struct route.access, an enum access
 * value), and the app checks it before calling the handler, so a handler
 * cannot forget.  Records of another partnership are not a permission
 * question: every store query is scoped to principal.partnership_id, so
 * they are simply not found (404).
 */
#ifndef JCS_AUTH_H
#define JCS_AUTH_H

#include <stdint.h>

enum role {
	ROLE_NONE = 0,       /* not signed in */
	ROLE_ADMIN,          /* runs the partnership in jcs: people, structure, audit */
	ROLE_COMMISSIONER,   /* commissions services: writes the partnership's records */
	ROLE_ANALYST,        /* reads everything, prepares analyses */
	ROLE_BOARD_MEMBER,   /* reads what boards see */
	ROLE_PROVIDER,       /* a provider organisation's staff */
	ROLE_VIEWER,         /* read-only */
	ROLE_NATIONAL,       /* aggregated views across partnerships, no records */
	ROLE_COUNT
};

/* "admin", "commissioner", ... and back; role_parse gives ROLE_NONE for
 * anything else. */
const char *role_code(enum role r);
enum role role_parse(const char *code);
/* For people: "Administrator", "Board member" ... */
const char *role_label(enum role r);

/* What a route or an action is about. */
enum resource {
	RES_STRUCTURE,   /* partner organisations, areas, boards and members */
	RES_USERS,       /* the partnership's people, their roles and passwords */
	RES_AUDIT,       /* the audit trail */
	RES_NATIONAL,    /* aggregated figures across partnerships */
	RES_SELFANALYSIS, /* self-analysis rounds, their responses and results */
	RES_ACTIONS,     /* action plans */
	RES_SETTINGS,    /* the partnership's settings (anonymity threshold) */
	RES_COUNT
};

enum action { ACT_READ, ACT_WRITE };

/* 1 when role may do act on res (write implies read). */
int permission_allows(enum role role, enum resource res, enum action act);
/* "Read and write", "Read" or "None": the table, for ARCHITECTURE.md and
 * the test that checks the two agree. */
const char *permission_describe(enum role role, enum resource res);
const char *resource_label(enum resource res);

/*
 * struct route.access: what a route needs.  The zero value is "signed in",
 * so a route that forgets to say is never public by accident.
 */
enum access {
	ACCESS_SIGNED_IN = 0,   /* any signed-in user (own account pages) */
	ACCESS_PUBLIC,          /* health, assets: no session looked up */
	ACCESS_OPTIONAL,        /* the sign-in page: the session is looked up
	                         * when there is one, but not required */
	ACCESS_PERM_BASE        /* + ACCESS_PERM(res, act) */
};
#define ACCESS_PERM(res, act) (ACCESS_PERM_BASE + (int)(res) * 2 + (int)(act))

/* 1 when a principal with role may use a route whose access is access. */
int access_allows(int access, enum role role);

/* The signed-in user, as handlers see them. */
struct principal {
	int64_t user_id;
	int64_t partnership_id;   /* 0 for the national role */
	int64_t organisation_id;  /* the provider's organisation, else 0 */
	enum role role;
	const char *email;
	const char *name;
	int must_change_password; /* only the change-password page until done */
	int via_token;            /* authenticated by an API token, not a session */
};

#endif
