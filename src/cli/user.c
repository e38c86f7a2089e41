/*
 * user.c: `jcs user add|list|reset-password|disable|set-role`, how the
 * first admin of a partnership is made, how a locked-out admin gets back
 * in, and how a role is changed without the web pages.
 *
 * A generated password goes to standard output once and nowhere else: not
 * stderr (which may be logged), not the audit trail; the buffer is wiped
 * after printing.  People type a partnership's slug, an organisation's
 * name and an email, so each is looked up here and a miss is one clear
 * line (exit 1) before the store is asked to write.
 */
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "audit/audit.h"
#include "auth/user.h"
#include "cli/cli.h"
#include "core/pool.h"
#include "partnership/partnership.h"

static void print_password(const char *email, char password[PASSWORD_GENERATED_SIZE])
{
	printf("Password for %s: %s (shown once; they must change it at first sign-in)\n", email,
	       password);
	fflush(stdout);
	sodium_memzero(password, PASSWORD_GENERATED_SIZE);
}

/*
 * What --role asks for (into *role) and whether --organisation fits it: a
 * provider needs one, nobody else has one.  cli_options has checked
 * --role is there.
 */
static int role_usage_check(const char *cmd, const char *code, const char *org, enum role *role)
{
	*role = role_parse(code);
	if (*role == ROLE_NONE) {
		cli_error("%s: no role '%s': one of admin, commissioner, analyst, board_member, "
			  "provider, viewer, national",
			  cmd, code);
		return EXIT_FAIL;
	}
	if (*role == ROLE_PROVIDER && !(org && *org)) {
		cli_error("%s: a provider needs --organisation, the name of their organisation", cmd);
		return EXIT_USAGE;
	}
	if (*role != ROLE_PROVIDER && org) {
		cli_error("%s: only providers belong to an organisation: leave out --organisation",
			  cmd);
		return EXIT_USAGE;
	}
	return 0;
}

/* The options add checks before it opens the database. */
struct add_args {
	const char *db_flag, *slug, *email, *role_code, *name, *org;
	enum role role;
};

/* The role and whether --partnership and --organisation fit it;
 * cli_options has checked --email and --role are there. */
static int add_usage_check(const char *cmd, struct add_args *a)
{
	int rc = role_usage_check(cmd, a->role_code, a->org, &a->role);
	if (rc)
		return rc;
	if (a->role == ROLE_NATIONAL && a->slug) {
		cli_error("%s: national users belong to no partnership: leave out --partnership", cmd);
		return EXIT_USAGE;
	}
	if (a->role != ROLE_NATIONAL && cli_require(cmd, "--partnership", a->slug))
		return EXIT_USAGE;
	return 0;
}

/* The organisation a provider works for, by its exact name: a current one
 * that provides services. */
static int find_organisation(struct cli_ctx *c, const struct partnership *p, const char *name,
			     int64_t *id)
{
	struct organisation o;
	enum err e = organisation_find_by_name(c->db, &c->pool, p->id, name, &o);
	if (e == E_NOTFOUND) {
		cli_error("%s: no organisation named '%s' in the partnership %s", c->cmd, name,
			  p->slug);
		return EXIT_FAIL;
	}
	if (e)
		return cli_store_error(c, e);
	if (o.retired_at) {
		cli_error("%s: the organisation '%s' is retired", c->cmd, o.name);
		return EXIT_FAIL;
	}
	if (!user_organisation_provides(o.role)) {
		cli_error("%s: the organisation '%s' does not provide services (its role is %s): "
			  "a provider works for one whose role is provider or both",
			  c->cmd, o.name, o.role);
		return EXIT_FAIL;
	}
	*id = o.id;
	return 0;
}

/* The refusal to leave a partnership without an active admin. */
static int last_admin(struct cli_ctx *c, const struct user *u)
{
	cli_error("%s: %s is the partnership's last active admin: make another user admin first",
		  c->cmd, u->email);
	return EXIT_FAIL;
}

int cmd_user_add(int argc, char **argv)
{
	static const char cmd[] = "user add";
	struct add_args a = {0};
	const struct cli_option opts[] = {
		{"db", .text = &a.db_flag},
		{"partnership", .text = &a.slug},
		{"email", .text = &a.email, .required = 1},
		{"role", .text = &a.role_code, .required = 1},
		{"name", .text = &a.name},
		{"organisation", .text = &a.org},
		{0},
	};
	int rc = cli_options(cmd, argc, argv, opts);
	if (rc || (rc = add_usage_check(cmd, &a)))
		return rc;

	/* The address is checked before the database is opened, as the options are. */
	struct cli_ctx c;
	cli_start(&c, cmd);
	const char *email = cli_email(&c, a.email);
	if (!email || cli_open_db(&c, a.db_flag))
		return cli_close(&c, EXIT_FAIL);
	struct partnership p = {0};
	int64_t org_id = 0, id = 0;
	if (a.slug && (rc = cli_find_partnership(&c, a.slug, &p)))
		return cli_close(&c, rc);
	if (a.org && (rc = find_organisation(&c, &p, a.org, &org_id)))
		return cli_close(&c, rc);
	const char *name = a.name;
	if (!name && !(name = pool_strndup(&c.pool, email, (size_t)(strchr(email, '@') - email))))
		return cli_close(&c, cli_store_error(&c, E_NOMEM));
	char password[PASSWORD_GENERATED_SIZE];
	enum err e = user_add(c.db, &actor_cli, p.id, email, name, a.role, org_id, password, &id);
	if (e == E_CONFLICT) {
		cli_error("%s: there is already a user with the email %s", cmd, email);
		rc = EXIT_FAIL;
	} else if (e == E_INVAL) {
		/* Everything else was checked above. */
		cli_error("%s: the name must be plain text, not empty and not too long", cmd);
		rc = EXIT_FAIL;
	} else if (e) {
		rc = cli_store_error(&c, e);
	} else {
		printf("Added %s as %s%s%s (user id %lld)\n", email, role_label(a.role),
		       p.slug ? " in " : "", p.slug ? p.slug : "", (long long)id);
		print_password(email, password);
	}
	return cli_close(&c, rc);
}

static const char *user_status(const struct user *u)
{
	if (u->disabled_at)
		return "disabled";
	return u->must_change_password ? "must change password" : "active";
}

/* The slug of the partnership with this id among parts, or NULL (national users). */
static const char *slug_of(const struct partnership *parts, size_t n, int64_t id)
{
	for (size_t i = 0; i < n; i++)
		if (parts[i].id == id)
			return parts[i].slug;
	return NULL;
}

int cmd_user_list(int argc, char **argv)
{
	static const char cmd[] = "user list";
	const char *db_flag = NULL, *slug = NULL;
	int csv = 0;
	const struct cli_option opts[] = {
		{"db", .text = &db_flag},
		{"partnership", .text = &slug},
		{"format", .csv = &csv},
		{0},
	};
	struct cli_ctx c;
	int rc = cli_options(cmd, argc, argv, opts);
	if (rc)
		return rc;
	if ((rc = cli_open(&c, cmd, db_flag)))
		return cli_close(&c, rc);
	struct partnership p = {0}, *parts = NULL;
	struct user *users = NULL;
	size_t n = 0, nparts = 0;
	if (slug && (rc = cli_find_partnership(&c, slug, &p)))
		return cli_close(&c, rc);
	/* The slugs to show beside each user. */
	enum err e = partnership_list(c.db, &c.pool, &parts, &nparts);
	if (!e)
		e = user_list(c.db, &c.pool, p.id, &users, &n);
	enum { COLS = 6 };
	const char **cells = cli_table_cells(&c, e, n, COLS);
	if (!cells)
		return cli_close(&c, EXIT_FAIL);
	for (size_t i = 0; i < n; i++) {
		const struct user *u = &users[i];
		const char **row = cells + i * COLS;
		row[0] = u->email;
		row[1] = u->name;
		row[2] = role_code(u->role);
		row[3] = slug_of(parts, nparts, u->partnership_id);
		row[4] = u->organisation_name;
		row[5] = user_status(u);
	}
	static const char *const head[COLS] = {"email", "name", "role", "partnership",
					       "organisation", "status"};
	return cli_close(&c, cli_print_table(stdout, head, COLS, cells, n, csv));
}

int cmd_user_reset_password(int argc, char **argv)
{
	static const char cmd[] = "user reset-password";
	const char *db_flag = NULL, *email = NULL;
	const struct cli_option opts[] = {
		{"db", .text = &db_flag},
		{"email", .text = &email, .required = 1},
		{0},
	};
	struct cli_ctx c;
	struct user u;
	int rc = cli_options(cmd, argc, argv, opts);
	if (rc)
		return rc;
	if ((rc = cli_open(&c, cmd, db_flag)) || (rc = cli_find_user(&c, email, &u)))
		return cli_close(&c, rc);
	char password[PASSWORD_GENERATED_SIZE];
	enum err e = user_reset_password(c.db, &actor_cli, 0, u.id, password);
	if (e)
		return cli_close(&c, cli_store_error(&c, e));
	fprintf(stderr, "Reset the password of %s; their sessions and API tokens have ended.\n",
		u.email);
	print_password(u.email, password);
	return cli_close(&c, EXIT_OK);
}

int cmd_user_disable(int argc, char **argv)
{
	static const char cmd[] = "user disable";
	const char *db_flag = NULL, *email = NULL;
	int enable = 0;
	const struct cli_option opts[] = {
		{"db", .text = &db_flag},
		{"email", .text = &email, .required = 1},
		{"enable", .flag = &enable},
		{0},
	};
	struct cli_ctx c;
	struct user u;
	int rc = cli_options(cmd, argc, argv, opts);
	if (rc)
		return rc;
	if ((rc = cli_open(&c, cmd, db_flag)) || (rc = cli_find_user(&c, email, &u)))
		return cli_close(&c, rc);
	if ((u.disabled_at != NULL) == !enable) {
		printf("%s is already %s\n", u.email, enable ? "enabled" : "disabled");
		return cli_close(&c, EXIT_OK);
	}
	enum err e = user_set_disabled(c.db, &actor_cli, 0, u.id, !enable);
	if (e == E_CONFLICT)
		return cli_close(&c, last_admin(&c, &u));
	if (e)
		return cli_close(&c, cli_store_error(&c, e));
	if (enable)
		printf("Enabled %s: they can sign in again\n", u.email);
	else
		printf("Disabled %s: their sessions and API tokens have ended\n", u.email);
	return cli_close(&c, EXIT_OK);
}

int cmd_user_set_role(int argc, char **argv)
{
	static const char cmd[] = "user set-role";
	const char *db_flag = NULL, *email = NULL, *code = NULL, *org = NULL;
	const struct cli_option opts[] = {
		{"db", .text = &db_flag},
		{"email", .text = &email, .required = 1},
		{"role", .text = &code, .required = 1},
		{"organisation", .text = &org},
		{0},
	};
	enum role role;
	int rc = cli_options(cmd, argc, argv, opts);
	if (rc || (rc = role_usage_check(cmd, code, org, &role)))
		return rc;
	if (role == ROLE_NATIONAL) {
		cli_error("%s: national users belong to no partnership, so a partnership's user "
			  "cannot be made national",
			  cmd);
		return EXIT_USAGE;
	}

	struct cli_ctx c;
	struct user u;
	if ((rc = cli_open(&c, cmd, db_flag)) || (rc = cli_find_user(&c, email, &u)))
		return cli_close(&c, rc);
	if (!u.partnership_id) {
		cli_error("%s: %s is a national user: they belong to no partnership and have no "
			  "other role", cmd, u.email);
		return cli_close(&c, EXIT_FAIL);
	}
	/* Their partnership's slug, for messages. */
	struct partnership *parts = NULL;
	size_t nparts = 0;
	enum err e = partnership_list(c.db, &c.pool, &parts, &nparts);
	if (e)
		return cli_close(&c, cli_store_error(&c, e));
	const struct partnership p = {.id = u.partnership_id,
				      .slug = slug_of(parts, nparts, u.partnership_id)};
	int64_t org_id = 0;
	if (org && (rc = find_organisation(&c, &p, org, &org_id)))
		return cli_close(&c, rc);
	e = user_update(c.db, &actor_cli, p.id, u.id, u.name, role, org_id);
	if (e == E_CONFLICT)
		return cli_close(&c, last_admin(&c, &u));
	if (e)
		return cli_close(&c, cli_store_error(&c, e));
	printf("%s is now %s%s%s in %s\n", u.email, role_label(role), org ? " at " : "",
	       org ? org : "", p.slug);
	return cli_close(&c, EXIT_OK);
}
