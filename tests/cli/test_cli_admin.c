/*
 * test_cli_admin.c: the administration commands as an operator runs them
 * (partnership, user, org and area import, token, audit), through the real
 * binary on a fresh, unmigrated database each test, on both backends.
 * What a command printed is checked on its streams; what it wrote is
 * checked in-process through the stores, so a command that prints success
 * but writes nothing (or writes part of a bad file) fails.  Secrets are
 * checked never to reach stderr.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "audit/audit.h"
#include "auth/auth.h"
#include "auth/token.h"
#include "auth/user.h"
#include "core/pool.h"
#include "db/db.h"
#include "partnership/area.h"
#include "partnership/partnership.h"
#include "support/spawn.h"
#include "support/testdb.h"

static char url[TESTDB_URL_MAX];
static const char *jcs;
static struct spawn_result r; /* two 64 KiB buffers: not on the stack */
static struct pool pool;

static int setup(void **state)
{
	jcs = spawn_jcs();
	db_close(testdb_open(url, sizeof url));
	pool_init(&pool, 16u << 20);
	return 0;
}

static int teardown(void **state)
{
	pool_free(&pool);
	testdb_drop(NULL, url);
	return 0;
}

/* Run `jcs ARGS... --db URL` (args end with NULL) into r. */
#define admin(...) spawn_jcs_db(&r, url, __VA_ARGS__)

static int64_t partnership_id(const char *slug)
{
	struct db *db = testdb_connect(url);
	struct partnership p;
	assert_int_equal(partnership_find_by_slug(db, &pool, slug, &p), E_OK);
	db_close(db);
	return p.id;
}

/* The user with this email as the store has it (and its password hash when
 * hash is not NULL), read in-process after a command wrote it. */
static enum err stored_user(const char *email, struct user *u, const char **hash)
{
	struct db *db = testdb_connect(url);
	enum err e = user_find_by_email(db, &pool, email, u, hash);
	db_close(db);
	return e;
}

/* `jcs partnership create`, which must succeed; the new partnership's id. */
static int64_t create_partnership(const char *slug)
{
	admin("partnership", "create", "--slug", slug, "--name", "A Trust", NULL);
	assert_int_equal(r.status, 0);
	return partnership_id(slug);
}

/* The password printed by `user add` or `reset-password`, from r.out. */
static const char *printed_password(const char *email)
{
	char prefix[300];
	snprintf(prefix, sizeof prefix, "Password for %s: ", email);
	const char *p = strstr(r.out, prefix);
	assert_non_null(p);
	p += strlen(prefix);
	size_t n = strcspn(p, " \n");
	assert_int_equal(n, PASSWORD_GENERATED_SIZE - 1);
	char *pw = pool_strndup(&pool, p, n);
	assert_string_equal(p + n, " (shown once; they must change it at first sign-in)\n");
	/* Shown once: on stdout a single time, never on stderr. */
	assert_null(strstr(p + n, pw));
	assert_ptr_equal(strstr(r.out, pw), p);
	assert_null(strstr(r.err, pw));
	return pw;
}

static const char *write_file(const char *name, const char *text)
{
	char *path = pool_printf(&pool, "/tmp/jcs-cli-admin-%d-%s", (int)getpid(), name);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	return path;
}

/* Every line of text (each ends in '\n'), as an array ending in NULL. */
static char **lines(const char *text)
{
	size_t n = 0;
	for (const char *c = text; *c; c++)
		n += *c == '\n';
	char **out = pool_zalloc(&pool, (n + 1) * sizeof *out);
	size_t i = 0;
	for (const char *c = text; *c; i++) {
		const char *e = strchr(c, '\n');
		assert_non_null(e);
		out[i] = pool_strndup(&pool, c, (size_t)(e - c));
		c = e + 1;
	}
	return out;
}

static void test_partnership_create_and_list(void **state)
{
	/* A fresh database: the command migrates it first. */
	admin("partnership", "create", "--slug", "north", "--name", "North Trust", NULL);
	assert_int_equal(r.status, 0);
	int64_t id = partnership_id("north");
	char want[80];
	snprintf(want, sizeof want, "Created partnership north (id %lld)\n", (long long)id);
	assert_string_equal(r.out, want);
	assert_string_equal(r.err, "");

	admin("partnership", "create", "--slug", "south", "--name", "South, \"Trust\"", NULL);
	assert_int_equal(r.status, 0);

	admin("partnership", "list", NULL);
	assert_int_equal(r.status, 0);
	assert_string_equal(r.out, "slug   name\n"
				   "north  North Trust\n"
				   "south  South, \"Trust\"\n");
	admin("partnership", "list", "--format", "csv", NULL);
	assert_int_equal(r.status, 0);
	assert_string_equal(r.out, "slug,name\r\n"
				   "north,North Trust\r\n"
				   "south,\"South, \"\"Trust\"\"\"\r\n");

	/* JCS_DB stands in for --db. */
	setenv("JCS_DB", url, 1);
	const char *args[] = {jcs, "partnership", "list", "--format", "csv", NULL};
	spawn_run(&r, args);
	unsetenv("JCS_DB");
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "north,North Trust"));

	admin("partnership", "create", "--slug", "north", "--name", "Again", NULL);
	assert_int_equal(r.status, 1);
	assert_string_equal(r.err,
			    "jcs: partnership create: a partnership with the slug 'north' already exists\n");
	admin("partnership", "create", "--slug", "Not A Slug", "--name", "X", NULL);
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "the slug must be"));
	admin("partnership", "create", "--slug", "west", NULL);
	assert_int_equal(r.status, 2);
	assert_string_equal(r.err, "jcs: partnership create: --name is required "
				   "(run `jcs partnership create --help`)\n");
	admin("partnership", "create", "--slug", "west", "--name", "W", "extra", NULL);
	assert_int_equal(r.status, 2);
	admin("partnership", "list", "--format", "xml", NULL);
	assert_int_equal(r.status, 2);
	admin("partnership", "list", "--bogus", NULL);
	assert_int_equal(r.status, 2);
	assert_non_null(strstr(r.err, "unknown option '--bogus'"));
	const char *missing[] = {jcs, "partnership", "create", "--slug", NULL};
	spawn_run(&r, missing);
	assert_int_equal(r.status, 2);
	assert_non_null(strstr(r.err, "option '--slug' needs a value"));

	/* Nothing more was created by the refused commands. */
	admin("partnership", "list", "--format", "csv", NULL);
	assert_int_equal(r.status, 0);
	assert_int_equal(strlen(r.out), strlen("slug,name\r\nnorth,North Trust\r\n"
					       "south,\"South, \"\"Trust\"\"\"\r\n"));
}

static void test_user_add_and_rules(void **state)
{
	int64_t pid = create_partnership("north");
	struct db *db = testdb_connect(url);
	int64_t org_id = 0;
	assert_int_equal(organisation_add(db, &actor_cli, pid, "Banbury Youth Trust", "voluntary",
					  "provider", NULL, &org_id),
			 E_OK);
	db_close(db);

	admin("user", "add", "--partnership", "north", "--email", " Ann.Admin@Example.TEST ",
	      "--role", "admin", NULL);
	assert_int_equal(r.status, 0);
	const char *pw = printed_password("ann.admin@example.test");
	assert_non_null(strstr(r.out, "Added ann.admin@example.test as "));

	struct user u;
	const char *hash = NULL;
	assert_int_equal(stored_user("ann.admin@example.test", &u, &hash), E_OK);
	assert_int_equal(u.partnership_id, pid);
	assert_int_equal(u.role, ROLE_ADMIN);
	assert_string_equal(u.name, "ann.admin"); /* the email's local part */
	assert_int_equal(u.must_change_password, 1);
	assert_true(password_verify(hash, pw));

	/* Providers need an organisation of the partnership, by exact name. */
	admin("user", "add", "--partnership", "north", "--email", "p@example.test", "--role",
	      "provider", NULL);
	assert_int_equal(r.status, 2);
	assert_non_null(strstr(r.err, "needs --organisation"));
	admin("user", "add", "--partnership", "north", "--email", "p@example.test", "--role",
	      "provider", "--organisation", "Banbury Youth", NULL);
	assert_int_equal(r.status, 1);
	assert_string_equal(r.err, "jcs: user add: no organisation named 'Banbury Youth' in "
				   "the partnership north\n");
	admin("user", "add", "--partnership", "north", "--email", "p@example.test", "--role",
	      "provider", "--organisation", "Banbury Youth Trust", "--name", "Pat Provider", NULL);
	assert_int_equal(r.status, 0);
	printed_password("p@example.test");
	admin("user", "add", "--partnership", "north", "--email", "v@example.test", "--role",
	      "viewer", "--organisation", "Banbury Youth Trust", NULL);
	assert_int_equal(r.status, 2);

	assert_int_equal(stored_user("p@example.test", &u, NULL), E_OK);
	assert_int_equal(u.role, ROLE_PROVIDER);
	assert_int_equal(u.organisation_id, org_id);
	assert_string_equal(u.name, "Pat Provider");
	assert_int_equal(stored_user("v@example.test", &u, NULL), E_NOTFOUND);

	/* Unknown role, slug, a taken email: one line, exit 1. */
	admin("user", "add", "--partnership", "north", "--email", "w@example.test", "--role",
	      "wizard", NULL);
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "jcs: user add: no role 'wizard'"));
	assert_non_null(strchr(r.err, '\n'));
	assert_null(strchr(strchr(r.err, '\n') + 1, '\n')); /* one line */
	assert_string_equal(r.out, "");
	admin("user", "add", "--partnership", "nowhere", "--email", "w@example.test", "--role",
	      "viewer", NULL);
	assert_int_equal(r.status, 1);
	assert_string_equal(r.err, "jcs: user add: no partnership with the slug 'nowhere' "
				   "(see `jcs partnership list`)\n");
	admin("user", "add", "--partnership", "north", "--email", "ANN.admin@example.test",
	      "--role", "viewer", NULL);
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "already a user with the email ann.admin@example.test"));
	admin("user", "add", "--partnership", "north", "--email", "not-an-email", "--role",
	      "viewer", NULL);
	assert_int_equal(r.status, 1);
	admin("user", "add", "--partnership", "north", "--role", "viewer", NULL);
	assert_int_equal(r.status, 2);

	/* National users belong to no partnership. */
	admin("user", "add", "--partnership", "north", "--email", "n@example.test", "--role",
	      "national", NULL);
	assert_int_equal(r.status, 2);
	admin("user", "add", "--email", "n@example.test", "--role", "national", NULL);
	assert_int_equal(r.status, 0);
	printed_password("n@example.test");
	admin("user", "add", "--email", "x@example.test", "--role", "viewer", NULL);
	assert_int_equal(r.status, 2); /* every other role needs --partnership */

	admin("user", "list", NULL);
	assert_int_equal(r.status, 0);
	char **l = lines(r.out);
	assert_non_null(strstr(l[0], "email"));
	assert_non_null(strstr(l[0], "status"));
	assert_non_null(strstr(l[1], "ann.admin@example.test"));
	assert_non_null(strstr(l[1], "must change password"));
	assert_non_null(strstr(l[2], "n@example.test"));
	assert_non_null(strstr(l[2], "national"));
	assert_non_null(strstr(l[3], "p@example.test"));
	assert_non_null(strstr(l[3], "Banbury Youth Trust"));
	assert_null(l[4]);

	admin("user", "list", "--partnership", "north", "--format", "csv", NULL);
	assert_int_equal(r.status, 0);
	assert_string_equal(r.out,
			    "email,name,role,partnership,organisation,status\r\n"
			    "ann.admin@example.test,ann.admin,admin,north,,must change password\r\n"
			    "p@example.test,Pat Provider,provider,north,Banbury Youth Trust,"
			    "must change password\r\n");
	admin("user", "list", "--partnership", "nowhere", NULL);
	assert_int_equal(r.status, 1);
}

static void test_reset_password_and_disable(void **state)
{
	create_partnership("north");
	admin("user", "add", "--partnership", "north", "--email", "a@example.test", "--role",
	      "analyst", NULL);
	assert_int_equal(r.status, 0);
	const char *first = printed_password("a@example.test");

	admin("user", "reset-password", "--email", "A@example.test", NULL);
	assert_int_equal(r.status, 0);
	const char *second = printed_password("a@example.test");
	assert_string_not_equal(first, second);

	struct user u;
	const char *hash = NULL;
	assert_int_equal(stored_user("a@example.test", &u, &hash), E_OK);
	assert_true(password_verify(hash, second));
	assert_false(password_verify(hash, first));
	assert_int_equal(u.must_change_password, 1);
	assert_null(u.disabled_at);

	admin("user", "reset-password", "--email", "nobody@example.test", NULL);
	assert_int_equal(r.status, 1);
	assert_string_equal(r.err, "jcs: user reset-password: no user with the email "
				   "nobody@example.test (see `jcs user list`)\n");
	admin("user", "reset-password", NULL);
	assert_int_equal(r.status, 2);

	admin("user", "disable", "--email", "a@example.test", NULL);
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "Disabled a@example.test"));
	assert_int_equal(stored_user("a@example.test", &u, NULL), E_OK);
	assert_non_null(u.disabled_at);
	admin("user", "list", "--format", "csv", NULL);
	assert_non_null(strstr(r.out, "a@example.test,a,analyst,north,,disabled\r\n"));

	admin("user", "disable", "--email", "a@example.test", "--enable", NULL);
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "Enabled a@example.test"));
	assert_int_equal(stored_user("a@example.test", &u, NULL), E_OK);
	assert_null(u.disabled_at);
	admin("user", "disable", "--email", "nobody@example.test", NULL);
	assert_int_equal(r.status, 1);
	admin("user", "reset-password", "--email", "a@example.test", "--enable", NULL);
	assert_int_equal(r.status, 2); /* --enable belongs to disable only */
}

/* The organisations' names, in the list's order, joined by '|'. */
static const char *org_names(int64_t pid)
{
	struct db *db = testdb_connect(url);
	struct organisation *o;
	size_t n;
	assert_int_equal(organisation_list(db, &pool, pid, &o, &n), E_OK);
	db_close(db);
	char *s = pool_strdup(&pool, "");
	for (size_t i = 0; i < n; i++)
		s = pool_printf(&pool, "%s%s%s", s, i ? "|" : "", o[i].name);
	return s;
}

/* `jcs KIND import --partnership north PATH`, which must succeed saying
 * "Imported WHAT from PATH" and nothing else. */
static void import_ok(const char *kind, const char *path, const char *what)
{
	admin(kind, "import", "--partnership", "north", path, NULL);
	assert_int_equal(r.status, 0);
	char want[300];
	snprintf(want, sizeof want, "Imported %s from %s\n", what, path);
	assert_string_equal(r.out, want);
	assert_string_equal(r.err, "");
}

/*
 * `jcs KIND import --partnership north PATH` refused a file with the n
 * problems where[] ("row 3, column type"): one line each, in that order,
 * then the count, exit 1 and nothing on stdout.  Its lines, for more checks.
 */
static char **import_refused(const char *kind, const char *path, const char *const *where,
			     size_t n)
{
	admin(kind, "import", "--partnership", "north", path, NULL);
	assert_int_equal(r.status, 1);
	assert_string_equal(r.out, "");
	char **l = lines(r.err);
	char want[300];
	for (size_t i = 0; i < n; i++) {
		snprintf(want, sizeof want, "jcs: %s: %s: ", path, where[i]);
		assert_non_null(l[i]);
		assert_memory_equal(l[i], want, strlen(want));
	}
	snprintf(want, sizeof want, "jcs: %s: nothing imported (%zu problem%s)", path, n,
		 n == 1 ? "" : "s");
	assert_string_equal(l[n], want);
	assert_null(l[n + 1]);
	return l;
}

/* `jcs user set-role`, which must fail with exit status and stderr err
 * (one line) and print nothing. */
static void set_role_refused(int status, const char *err, const char *email, const char *role,
			     const char *org)
{
	if (org)
		admin("user", "set-role", "--email", email, "--role", role, "--organisation", org, NULL);
	else
		admin("user", "set-role", "--email", email, "--role", role, NULL);
	assert_int_equal(r.status, status);
	assert_string_equal(r.out, "");
	if (strcmp(r.err, err) != 0)
		fail_msg("stderr '%s', expected '%s'", r.err, err);
}

static void test_set_role(void **state)
{
	int64_t pid = create_partnership("north");
	struct db *db = testdb_connect(url);
	int64_t care = 0;
	assert_int_equal(organisation_add(db, &actor_cli, pid, "Banbury Youth Trust", "voluntary",
					  "provider", NULL, &care), E_OK);
	assert_int_equal(organisation_add(db, &actor_cli, pid, "North Council", "county_council",
					  "commissioner", NULL, NULL), E_OK);
	db_close(db);
	const char *emails[] = {"a@example.test", "b@example.test"};
	const char *roles[] = {"admin", "analyst"};
	for (size_t i = 0; i < 2; i++) {
		admin("user", "add", "--partnership", "north", "--email", emails[i], "--role", roles[i],
		      "--name", "Bo Brown", NULL);
		assert_int_equal(r.status, 0);
	}
	admin("user", "add", "--email", "n@example.test", "--role", "national", NULL);
	assert_int_equal(r.status, 0);

	admin("user", "set-role", "--email", " B@Example.TEST", "--role", "viewer", NULL);
	assert_int_equal(r.status, 0);
	assert_string_equal(r.out, "b@example.test is now Viewer in north\n");
	assert_string_equal(r.err, "");
	struct user u;
	assert_int_equal(stored_user("b@example.test", &u, NULL), E_OK);
	assert_int_equal(u.role, ROLE_VIEWER);
	assert_string_equal(u.name, "Bo Brown"); /* kept */
	assert_int_equal(u.partnership_id, pid);

	admin("user", "set-role", "--email", "b@example.test", "--role", "provider", "--organisation",
	      "Banbury Youth Trust", NULL);
	assert_int_equal(r.status, 0);
	assert_string_equal(r.out, "b@example.test is now Provider at Banbury Youth Trust in north\n");
	assert_int_equal(stored_user("b@example.test", &u, NULL), E_OK);
	assert_int_equal(u.role, ROLE_PROVIDER);
	assert_int_equal(u.organisation_id, care);

	/* Audited as the command line, before and after. */
	admin("audit", "export", "--partnership", "north", NULL);
	assert_int_equal(r.status, 0);
	char **l = lines(r.out);
	size_t n = 0;
	while (l[n])
		n++;
	assert_non_null(strstr(l[n - 1], ",command line,update,user,"));
	assert_non_null(strstr(l[n - 1], "\"\"role\"\":\"\"viewer\"\""));
	assert_non_null(strstr(l[n - 1], "\"\"role\"\":\"\"provider\"\""));
	assert_non_null(strstr(l[n - 2], ",command line,update,user,"));

	/* Usage errors: exit 2, before the database is opened. */
	set_role_refused(2, "jcs: user set-role: a provider needs --organisation, the name of their "
			    "organisation\n", "b@example.test", "provider", NULL);
	set_role_refused(2, "jcs: user set-role: only providers belong to an organisation: leave out "
			    "--organisation\n", "b@example.test", "viewer", "Banbury Youth Trust");
	set_role_refused(2, "jcs: user set-role: national users belong to no partnership, so a "
			    "partnership's user cannot be made national\n", "b@example.test", "national", NULL);
	admin("user", "set-role", "--email", "b@example.test", NULL);
	assert_int_equal(r.status, 2);
	assert_string_equal(r.err, "jcs: user set-role: --role is required (run `jcs user set-role --help`)\n");
	admin("user", "set-role", "--role", "viewer", NULL);
	assert_int_equal(r.status, 2);

	/* Refusals: exit 1, one line, nothing changed. */
	set_role_refused(1, "jcs: user set-role: no role 'wizard': one of admin, commissioner, analyst, "
			    "board_member, provider, viewer, national\n", "b@example.test", "wizard", NULL);
	set_role_refused(1, "jcs: user set-role: the organisation 'North Council' does not provide "
			    "services (its role is commissioner): a provider works for one whose role is "
			    "provider or both\n", "b@example.test", "provider", "North Council");
	set_role_refused(1, "jcs: user set-role: no organisation named 'Nowhere' in the partnership "
			    "north\n", "b@example.test", "provider", "Nowhere");
	set_role_refused(1, "jcs: user set-role: no user with the email nobody@example.test (see "
			    "`jcs user list`)\n", "nobody@example.test", "viewer", NULL);
	set_role_refused(1, "jcs: user set-role: n@example.test is a national user: they belong to no "
			    "partnership and have no other role\n", "n@example.test", "viewer", NULL);
	/* The partnership's only admin stays one, and stays enabled. */
	set_role_refused(1, "jcs: user set-role: a@example.test is the partnership's last active admin: "
			    "make another user admin first\n", "a@example.test", "viewer", NULL);
	admin("user", "disable", "--email", "a@example.test", NULL);
	assert_int_equal(r.status, 1);
	assert_string_equal(r.err, "jcs: user disable: a@example.test is the partnership's last active "
				   "admin: make another user admin first\n");
	assert_int_equal(stored_user("a@example.test", &u, NULL), E_OK);
	assert_int_equal(u.role, ROLE_ADMIN);
	assert_null(u.disabled_at);
	assert_int_equal(stored_user("b@example.test", &u, NULL), E_OK);
	assert_int_equal(u.role, ROLE_PROVIDER);
	assert_int_equal(u.organisation_id, care);
	assert_int_equal(stored_user("n@example.test", &u, NULL), E_OK);
	assert_int_equal(u.role, ROLE_NATIONAL);

	/* With another admin, the first may become something else. */
	admin("user", "set-role", "--email", "b@example.test", "--role", "admin", NULL);
	assert_int_equal(r.status, 0);
	admin("user", "set-role", "--email", "a@example.test", "--role", "commissioner", NULL);
	assert_int_equal(r.status, 0);
	assert_string_equal(r.out, "a@example.test is now Commissioner in north\n");
	assert_int_equal(stored_user("a@example.test", &u, NULL), E_OK);
	assert_int_equal(u.role, ROLE_COMMISSIONER);
	assert_int_equal(u.organisation_id, 0);

	/* user add refuses such an organisation too. */
	admin("user", "add", "--partnership", "north", "--email", "p@example.test", "--role",
	      "provider", "--organisation", "North Council", NULL);
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "jcs: user add: the organisation 'North Council' does not provide services"));
	assert_int_equal(stored_user("p@example.test", &u, NULL), E_NOTFOUND);
}

static void test_org_import(void **state)
{
	int64_t pid = create_partnership("north");
	const char *good = write_file("orgs.csv",
		"name,type,role,identifier\n"
		"Oxfordshire County Council,county_council,commissioner,\n"
		"\"Banbury Youth Trust, Ltd\",voluntary,provider,1234567\n"
		"Thames Valley Police,police,both,\n");
	import_ok("org", good, "3 organisations");
	const char *before = org_names(pid);
	assert_string_equal(before, "Banbury Youth Trust, Ltd|Oxfordshire County Council|"
				    "Thames Valley Police");

	/* Rows 3 and 4 are wrong (the header is row 1): nothing is written,
	 * not even the good rows 2 and 5. */
	const char *bad = write_file("bad-orgs.csv",
		"name,type,role\n"
		"Cherwell District Council,district_council,commissioner\n"
		"Some School,academy,provider\n"
		"Some Charity,voluntary,\n"
		"NHS Trust,nhs,provider\n");
	static const char *const bad_where[] = {"row 3, column type", "row 4, column role"};
	char **l = import_refused("org", bad, bad_where, 2);
	assert_non_null(strstr(l[0], "county_council")); /* says what is allowed */
	assert_string_equal(org_names(pid), before);

	/* A name already taken is a problem of its row too. */
	const char *dup = write_file("dup-orgs.csv", "name,type,role\n"
						     "Thames Valley Police,police,both\n");
	static const char *const dup_where[] = {"row 2, column name"};
	import_refused("org", dup, dup_where, 1);
	assert_string_equal(org_names(pid), before);
	/* The file may come before the options as well as after them. */
	char *said = pool_strdup(&pool, r.err);
	admin("org", "import", dup, "--partnership", "north", NULL);
	assert_int_equal(r.status, 1);
	assert_string_equal(r.err, said);

	/* The file itself. */
	admin("org", "import", "--partnership", "north", "/no/such/file.csv", NULL);
	assert_int_equal(r.status, 1);
	assert_string_equal(r.err, "jcs: /no/such/file.csv: No such file or directory\n");
	char *big = pool_printf(&pool, "/tmp/jcs-cli-admin-%d-big.csv", (int)getpid());
	FILE *f = fopen(big, "w");
	assert_non_null(f);
	assert_int_equal(ftruncate(fileno(f), (5 << 20) + 1), 0);
	fclose(f);
	admin("org", "import", "--partnership", "north", big, NULL);
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "larger than 5 MiB"));
	admin("org", "import", "--partnership", "nowhere", good, NULL);
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "no partnership with the slug 'nowhere'"));
	admin("org", "import", "--partnership", "north", NULL);
	assert_int_equal(r.status, 2);
	admin("org", "import", good, NULL);
	assert_int_equal(r.status, 2);
	admin("org", "import", "--partnership", "north", good, good, NULL);
	assert_int_equal(r.status, 2);
	assert_string_equal(org_names(pid), before);
	unlink(good);
	unlink(bad);
	unlink(dup);
	unlink(big);
}

static void test_area_import_with_parents(void **state)
{
	int64_t pid = create_partnership("north");
	/* A parent may be a row above; the ward names the district. */
	const char *good = write_file("areas.csv",
		"name,type,parent,population_0_19,imd_decile\n"
		"Oxfordshire,county,,152000,\n"
		"Cherwell,district,Oxfordshire,35000,\n"
		"Banbury Ruscote,ward,Cherwell,2100,2\n");
	import_ok("area", good, "3 areas");

	/* A later file may name an area already stored as a parent. */
	const char *more = write_file("more-areas.csv", "name,type,parent\n"
							"Bicester,locality,Cherwell\n");
	import_ok("area", more, "1 area");

	struct db *db = testdb_connect(url);
	struct area county, district, ward, locality;
	assert_int_equal(area_find_by_name(db, &pool, pid, "Oxfordshire", &county), E_OK);
	assert_int_equal(area_find_by_name(db, &pool, pid, "Cherwell", &district), E_OK);
	assert_int_equal(area_find_by_name(db, &pool, pid, "Banbury Ruscote", &ward), E_OK);
	assert_int_equal(area_find_by_name(db, &pool, pid, "Bicester", &locality), E_OK);
	assert_int_equal(county.parent_id, 0);
	assert_int_equal(county.population_0_19, 152000);
	assert_int_equal(county.imd_decile, 0);
	assert_int_equal(district.parent_id, county.id);
	assert_int_equal(ward.parent_id, district.id);
	assert_int_equal(ward.imd_decile, 2);
	assert_int_equal(ward.population_0_19, 2100);
	assert_int_equal(locality.parent_id, district.id);
	assert_int_equal(locality.population_0_19, -1);
	struct area *all;
	size_t n;
	assert_int_equal(area_list(db, &pool, pid, 1, NULL, &all, &n), E_OK);
	assert_int_equal(n, 4);
	db_close(db);

	const char *bad = write_file("bad-areas.csv",
		"name,type,parent,imd_decile\n"
		"Kidlington,ward,Nowhere,3\n"
		"Witney,district,Oxfordshire,11\n");
	static const char *const bad_where[] = {"row 2, column parent", "row 3, column imd_decile"};
	import_refused("area", bad, bad_where, 2);
	db = testdb_connect(url);
	assert_int_equal(area_list(db, &pool, pid, 1, NULL, &all, &n), E_OK);
	assert_int_equal(n, 4);
	db_close(db);
	unlink(good);
	unlink(more);
	unlink(bad);
}

static void test_tokens(void **state)
{
	int64_t pid = create_partnership("north");
	admin("user", "add", "--partnership", "north", "--email", "s@example.test", "--role",
	      "analyst", NULL);
	assert_int_equal(r.status, 0);

	admin("token", "create", "--user", "s@example.test", "--name", "nightly report", NULL);
	assert_int_equal(r.status, 0);
	/* stdout is the token alone, for $(...); stderr explains, without it. */
	assert_int_equal(strlen(r.out), TOKEN_SIZE - 1 + 1);
	assert_memory_equal(r.out, "jcs_", 4);
	assert_int_equal(r.out[TOKEN_SIZE - 1], '\n');
	char *token = pool_strndup(&pool, r.out, TOKEN_SIZE - 1);
	assert_null(strstr(r.err, token));
	assert_null(strstr(r.err, "jcs_"));
	assert_non_null(strstr(r.err, "Authorization: Bearer"));

	struct user u;
	assert_int_equal(stored_user("s@example.test", &u, NULL), E_OK);
	struct db *db = testdb_connect(url);
	struct principal who;
	assert_int_equal(token_lookup(db, &pool, token, &who), E_OK);
	assert_int_equal(who.user_id, u.id);
	assert_int_equal(who.partnership_id, pid);
	assert_int_equal(who.role, ROLE_ANALYST);
	assert_true(who.via_token);
	struct api_token *t;
	size_t n;
	assert_int_equal(token_list(db, &pool, u.id, &t, &n), E_OK);
	assert_int_equal(n, 1);
	assert_string_equal(t[0].name, "nightly report");
	int64_t id = t[0].id;
	db_close(db);

	admin("token", "list", "--user", "s@example.test", "--format", "csv", NULL);
	assert_int_equal(r.status, 0);
	char **l = lines(r.out);
	assert_string_equal(l[0], "id,name,created,last_used,status\r");
	char *row = pool_printf(&pool, "%lld,nightly report,", (long long)id);
	assert_memory_equal(l[1], row, strlen(row));
	assert_non_null(strstr(l[1], ",active\r"));
	assert_null(l[2]);
	assert_null(strstr(r.out, token));

	admin("token", "revoke", "--user", "s@example.test", "--id", "999999", NULL);
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "has no API token 999999"));
	char *idtext = pool_printf(&pool, "%lld", (long long)id);
	admin("token", "revoke", "--user", "s@example.test", "--id", idtext, NULL);
	assert_int_equal(r.status, 0);
	admin("token", "list", "--user", "s@example.test", NULL);
	assert_non_null(strstr(r.out, "revoked "));
	db = testdb_connect(url);
	assert_int_equal(token_lookup(db, &pool, token, &who), E_NOTFOUND);
	db_close(db);

	admin("token", "create", "--user", "nobody@example.test", NULL);
	assert_int_equal(r.status, 1);
	assert_string_equal(r.out, "");
	admin("token", "create", NULL);
	assert_int_equal(r.status, 2);
	admin("token", "revoke", "--user", "s@example.test", "--id", "x", NULL);
	assert_int_equal(r.status, 2);

	/* A disabled user gets no token. */
	admin("user", "disable", "--email", "s@example.test", NULL);
	assert_int_equal(r.status, 0);
	admin("token", "create", "--user", "s@example.test", NULL);
	assert_int_equal(r.status, 1);
	assert_string_equal(r.out, "");
}

/* The shipped frameworks, with the ids imports will name. */
static void test_selfanalysis_frameworks(void **state)
{
	admin("selfanalysis", "frameworks", "--format", "csv", NULL);
	assert_int_equal(r.status, 0);
	assert_string_equal(r.err, "");
	char **l = lines(r.out);
	assert_string_equal(l[0], "id,title,standards,scale,source\r");
	assert_non_null(strstr(l[1], "csp-2009-12,"));
	assert_non_null(strstr(l[1], ",12,\"1-5, half points, don't know\",shipped\r"));
	assert_non_null(strstr(l[2], "csp-2009-13,"));
	assert_non_null(strstr(l[2], ",13,"));
	assert_null(l[3]);
	admin("selfanalysis", "frameworks", "--format", "xml", NULL);
	assert_int_equal(r.status, 2);
	admin("selfanalysis", NULL);
	assert_int_equal(r.status, 2);
}

static void test_audit_export(void **state)
{
	create_partnership("north");
	const char *orgs = write_file("audit-orgs.csv", "name,type,role\n"
							"Oxfordshire County Council,county_council,both\n"
							"Thames Valley Police,police,both\n");
	admin("org", "import", "--partnership", "north", orgs, NULL);
	assert_int_equal(r.status, 0);
	unlink(orgs);

	admin("audit", "export", "--partnership", "north", NULL);
	assert_int_equal(r.status, 0);
	assert_string_equal(r.err, "");
	char **l = lines(r.out);
	assert_string_equal(l[0], "id,at,actor,action,entity,entity_id,before,after\r");
	assert_non_null(strstr(l[1], ",command line,create,partnership,"));
	assert_non_null(strstr(l[2], ",command line,create,organisation,"));
	assert_non_null(strstr(l[2], "Oxfordshire County Council"));
	assert_non_null(strstr(l[3], ",command line,create,organisation,"));
	assert_non_null(strstr(l[3], "Thames Valley Police"));
	assert_null(l[4]);
	char *stdout_copy = pool_strdup(&pool, r.out);

	char *path = pool_printf(&pool, "/tmp/jcs-cli-admin-%d-audit.csv", (int)getpid());
	admin("audit", "export", "--partnership", "north", "-o", path, NULL);
	assert_int_equal(r.status, 0);
	assert_string_equal(r.out, "");
	FILE *f = fopen(path, "r");
	assert_non_null(f);
	static char file[65536];
	size_t got = fread(file, 1, sizeof file - 1, f);
	file[got] = '\0';
	fclose(f);
	assert_string_equal(file, stdout_copy);
	struct stat sb;
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	unlink(path);

	admin("audit", "export", "--partnership", "nowhere", NULL);
	assert_int_equal(r.status, 1);
	admin("audit", "export", "--partnership", "north", "-o", "/no/such/dir/audit.csv", NULL);
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "jcs: /no/such/dir/audit.csv: "));
	admin("audit", "export", NULL);
	assert_int_equal(r.status, 2);
}

struct help_case {
	const char *cmd, *sub;
	const char *mentions[24];
};

static void test_help(void **state)
{
	static const struct help_case cases[] = {
		{"partnership", "create", {"--slug SLUG", "--name NAME", "--db DB", "--help"}},
		{"partnership", "list", {"--format", "csv", "--db DB"}},
		{"user", "add", {"--partnership SLUG", "--email EMAIL", "--role ROLE",
				 "--name NAME", "--organisation NAME", "--db DB", "admin",
				 "commissioner", "analyst", "board_member", "provider", "viewer",
				 "national"}},
		{"user", "list", {"--partnership SLUG", "--format", "--db DB"}},
		{"user", "reset-password", {"--email EMAIL", "--db DB"}},
		{"user", "disable", {"--email EMAIL", "--enable", "--db DB"}},
		{"user", "set-role", {"--email EMAIL", "--role ROLE", "--organisation NAME", "--db DB",
				      "admin", "commissioner", "analyst", "board_member", "provider",
				      "viewer", "provider or both"}},
		{"org", "import", {"--partnership SLUG", "FILE.csv", "--db DB", "name", "type",
				   "role", "identifier", "county_council", "unitary_council",
				   "district_council", "nhs", "school", "police", "voluntary",
				   "private", "other"}},
		{"area", "import", {"--partnership SLUG", "FILE.csv", "--db DB", "parent",
				    "population_0_19", "imd_decile", "county", "district",
				    "locality", "ward", "whole number", "1 (most deprived"}},
		{"token", "create", {"--user EMAIL", "--name NAME", "--db DB"}},
		{"token", "list", {"--user EMAIL", "--format", "--db DB"}},
		{"token", "revoke", {"--user EMAIL", "--id N", "--db DB"}},
		{"audit", "export", {"--partnership SLUG", "-o, --output FILE", "--db DB",
				     "id,at,actor,action,entity,entity_id,before,after"}},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const struct help_case *c = &cases[i];
		char usage[100];
		snprintf(usage, sizeof usage, "Usage: jcs %s %s ", c->cmd, c->sub);
		const char *forms[][5] = {
			{jcs, c->cmd, c->sub, "--help", NULL},
			{jcs, c->cmd, c->sub, "-h", NULL},
			{jcs, "help", c->cmd, c->sub, NULL},
		};
		for (size_t f = 0; f < 3; f++) {
			spawn_run(&r, forms[f]);
			assert_int_equal(r.status, 0);
			assert_memory_equal(r.out, usage, strlen(usage));
			for (size_t m = 0; c->mentions[m]; m++)
				if (!strstr(r.out, c->mentions[m]))
					fail_msg("`jcs %s %s --help` does not mention %s", c->cmd,
						 c->sub, c->mentions[m]);
		}
		/* The command's own help includes every subcommand's. */
		spawn_run(&r, (const char *const[]){jcs, c->cmd, "--help", NULL});
		assert_int_equal(r.status, 0);
		assert_non_null(strstr(r.out, usage));
		spawn_run(&r, (const char *const[]){jcs, "help", NULL});
		assert_non_null(strstr(r.out, c->cmd));
	}

	spawn_run(&r, (const char *const[]){jcs, "user", NULL});
	assert_int_equal(r.status, 2);
	assert_string_equal(r.out, "");
	assert_memory_equal(r.err, "Usage: jcs user ", 16);
	spawn_run(&r, (const char *const[]){jcs, "user", "frob", NULL});
	assert_int_equal(r.status, 2);
	assert_string_equal(r.err, "jcs: user: no such subcommand 'frob' (run `jcs user --help`)\n");
	spawn_run(&r, (const char *const[]){jcs, "help", "user", "frob", NULL});
	assert_int_equal(r.status, 2);
}

/* The example file each import's --help shows, as a file. */
static const char *help_example(const char *cmd, const char *name)
{
	spawn_run(&r, (const char *const[]){jcs, cmd, "import", "--help", NULL});
	assert_int_equal(r.status, 0);
	const char *p = strstr(r.out, "\nExample:\n");
	assert_non_null(p);
	p += strlen("\nExample:\n");
	char *text = pool_strdup(&pool, "");
	/* Its lines are indented by two spaces; a blank line ends it. */
	while (strncmp(p, "  ", 2) == 0) {
		const char *e = strchr(p, '\n');
		assert_non_null(e);
		text = pool_printf(&pool, "%s%.*s", text, (int)(e + 1 - (p + 2)), p + 2);
		p = e + 1;
	}
	assert_true(strlen(text) > 0);
	return write_file(name, text);
}

/* What the help says is a good file is one. */
static void test_help_examples_import(void **state)
{
	create_partnership("north");
	const char *orgs = help_example("org", "example-orgs.csv");
	import_ok("org", orgs, "2 organisations");
	const char *areas = help_example("area", "example-areas.csv");
	import_ok("area", areas, "3 areas");
	unlink(orgs);
	unlink(areas);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_partnership_create_and_list, setup, teardown),
		cmocka_unit_test_setup_teardown(test_user_add_and_rules, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reset_password_and_disable, setup, teardown),
		cmocka_unit_test_setup_teardown(test_set_role, setup, teardown),
		cmocka_unit_test_setup_teardown(test_org_import, setup, teardown),
		cmocka_unit_test_setup_teardown(test_area_import_with_parents, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tokens, setup, teardown),
		cmocka_unit_test_setup_teardown(test_selfanalysis_frameworks, setup, teardown),
		cmocka_unit_test_setup_teardown(test_audit_export, setup, teardown),
		cmocka_unit_test_setup_teardown(test_help, setup, teardown),
		cmocka_unit_test_setup_teardown(test_help_examples_import, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
