/*
 * testapp.h: an app on a fresh demo database, signed-in users of any role,
 * and requests run in-process through app_handle() with their cookies and
 * CSRF tokens, for page, API and isolation tests.  Sessions are made with
 * the real session store (no sign-in form, no Argon2 per user), so a test
 * can have every role at once cheaply.
 */
#ifndef JCS_TESTAPP_H
#define JCS_TESTAPP_H

#include <jansson.h>
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
	struct pool pool;           /* the tests' own strings; freed by testapp_stop() */
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
 * is bound to the partnership's first organisation that provides
 * services), signed in.  The email
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

/*
 * Helpers the page and API tests share, so that each file states only
 * what it checks.  Each fails the test, naming the request, when the
 * answer is not what it expects.
 */

/* cmocka fixtures for files whose every test wants an app of its own: a
 * started testapp in *state, stopped and freed by testapp_teardown(). */
int testapp_setup(void **state);
int testapp_teardown(void **state);
/* Group fixtures for files whose tests share one app, testapp_group (each
 * test working in a partnership of its own, or on rows of its own). */
extern struct testapp testapp_group;
int testapp_group_setup(void **state);
int testapp_group_teardown(void **state);

/* A new partnership named after slug and, when admin is not NULL, an
 * administrator of it signed in; its id. */
int64_t testapp_partnership(struct testapp *t, const char *slug, struct testuser *admin);

/* testapp_run(), with the answer's status required to be status. */
struct texchange *testapp_expect(struct testapp *t, const struct testuser *u, const char *method,
				 const char *target, const char *form, int status);
/* The same, for a 303 to location; the answer is freed. */
void testapp_expect_redirect(struct testapp *t, const struct testuser *u, const char *method,
			     const char *target, const char *form, const char *location);
/* testapp_run(), answering the status; *body (when body is not NULL) gets
 * a copy of the body from t->pool, which outlives the exchange. */
int testapp_fetch(struct testapp *t, const struct testuser *u, const char *method,
		  const char *target, const char *form, const char **body);

/*
 * A multipart/form-data POST as u: its CSRF token, and csv as the "file"
 * field (a file named upload.csv); csv NULL sends no file, as a form
 * submitted with none chosen does.
 */
struct texchange *testapp_upload(struct testapp *t, const struct testuser *u, const char *target,
				 const char *csv);
/* The same with any file parts: each named field, sent as a text/csv file
 * called filename holding data. */
struct upload_file {
	const char *field;
	const char *filename;
	const char *data;
};
struct texchange *testapp_upload_files(struct testapp *t, const struct testuser *u, const char *target,
				       const struct upload_file *files, size_t n);

/*
 * GET target from the API with "Authorization: Bearer token" (token NULL:
 * no such header): the status must be status and the body JSON, which is
 * answered (the caller decrefs it).  A 401 must say WWW-Authenticate.
 */
json_t *testapp_api_get(struct testapp *t, const char *target, const char *token, int status);
/* The object in j's "data" array whose "name" is name, or NULL. */
json_t *testapp_data_named(json_t *j, const char *name);

/* Tables of cases: each request's status, or each page's texts. */
struct request_check {
	const char *method;
	const char *target;
	const char *form;       /* may be NULL */
	int status;
};
void testapp_check_requests(struct testapp *t, const struct testuser *u,
			    const struct request_check *c, size_t n);

/*
 * The routes a kind of record that is retired rather than deleted has
 * (areas, organisations): its list at base, base/new, base/import with a
 * CSV file, and base/ID with /edit, /retire and /reinstate.
 */
struct record_routes {
	const char *base;       /* "/areas" */
	const char *form;       /* a good form for base/new and base/ID/edit */
	const char *csv;        /* a good file for base/import */
};
/* A reader: the list and record id shown, every form and write 403. */
void testapp_check_read_only(struct testapp *t, const struct testuser *u,
			     const struct record_routes *r, int64_t id);
/* Another partnership's record id: its page, its form and every write 404. */
void testapp_check_not_found(struct testapp *t, const struct testuser *u,
			     const struct record_routes *r, int64_t id);

#define PAGE_CHECK_TEXTS 12
struct page_check {
	const char *target;                    /* fetched with GET */
	int status;
	const char *has[PAGE_CHECK_TEXTS];     /* each must be in the body; NULL ends */
	const char *lacks[PAGE_CHECK_TEXTS];   /* none may be */
};
void testapp_check_pages(struct testapp *t, const struct testuser *u, const struct page_check *c,
			 size_t n);

#endif
