/*
 * testapp.h: an app on a fresh demo database, signed-in users of any role,
 * and requests run in-process through app_handle() with their cookies and
 * CSRF tokens, for page, API and isolation tests.  Sessions are made with
 * the real session store (no sign-in form, no Argon2 per user), so a test
 * can have every role at once cheaply.
 */
#ifndef JCS_TESTAPP_H
#define JCS_TESTAPP_H

#include <stddef.h>
#include <stdint.h>

#include "auth/auth.h"
#include "core/pool.h"
#include "http/request.h"
#include "support/testdb.h"
#include "web/app.h"

struct testapp {
	struct app app;
	char url[TESTDB_URL_MAX];
	int64_t partnership_id;     /* the demo partnership */
};

/* A demo database and an app on it (plain HTTP cookies); routes NULL means
 * the production table. */
void testapp_start(struct testapp *t, const struct route *routes, size_t n);
void testapp_stop(struct testapp *t);

struct testuser {
	int64_t id;
	int64_t partnership_id;
	enum role role;
	char email[128];
	char cookie[128];           /* "jcs_session=..." */
	char csrf[64];
};

/*
 * A new user with role in partnership_id (0 for ROLE_NATIONAL; a provider
 * is bound to the partnership's first organisation), signed in.  The email
 * is made unique by a counter.
 */
void testapp_user(struct testapp *t, int64_t partnership_id, enum role role,
		  struct testuser *u);

struct texchange {
	struct pool pool;
	struct request req;
	struct response res;
};

/*
 * Run one request.  target is a path with an optional query.  u NULL: not
 * signed in.  form (may be NULL) is an urlencoded body; when u is given and
 * the method is not GET, "csrf_token=<u's token>" is added to it.
 */
struct texchange *testapp_run(struct testapp *t, const struct testuser *u, const char *method,
			      const char *target, const char *form);
/* The same with every header and the body given as they are: nothing added. */
struct texchange *testapp_run_raw(struct testapp *t, const char *method, const char *target,
				  const char *const *headers, size_t nheaders,
				  const char *body);
const char *texchange_header(const struct texchange *ex, const char *name);
const char *texchange_body(const struct texchange *ex);
void texchange_free(struct texchange *ex);

#endif
