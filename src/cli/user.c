/*
 * user.c: `jcs user add|list|reset-password|disable`, how the first admin
 * of a partnership is made and how a locked-out admin gets back in.
 *
 * A generated password goes to standard output once and nowhere else: not
 * stderr (which may be logged), not the audit trail; the buffer is wiped
 * after printing.  People type a partnership's slug, an organisation's
 * name and an email, so each is looked up here and a miss is one clear
 * line (exit 1) before the store is asked to write.
 */
#include <getopt.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "audit/audit.h"
#include "auth/user.h"
#include "cli/cli.h"
#include "core/pool.h"
#include "db/db.h"
#include "partnership/partnership.h"

static void print_password(const char *email, char password[PASSWORD_GENERATED_SIZE])
{
	printf("Password for %s: %s (shown once; they must change it at first sign-in)\n", email,
	       password);
	fflush(stdout);
	sodium_memzero(password, PASSWORD_GENERATED_SIZE);
}

/* The options add checks before it opens the database. */
struct add_args {
	const char *db_flag, *slug, *email, *role_code, *name, *org;
	enum role role;
};

static int add_usage_check(const char *cmd, struct add_args *a)
{
	if (cli_require(cmd, "--email", a->email) || cli_require(cmd, "--role", a->role_code))
		return EXIT_USAGE;
	a->role = role_parse(a->role_code);
	if (a->role == ROLE_NONE) {
		cli_error("%s: no role '%s': one of admin, commissioner, analyst, board_member, "
			  "provider, viewer, national",
			  cmd, a->role_code);
		return EXIT_FAIL;
	}
	if (a->role == ROLE_NATIONAL && a->slug) {
		cli_error("%s: national users belong to no partnership: leave out --partnership", cmd);
		return EXIT_USAGE;
	}
	if (a->role != ROLE_NATIONAL && cli_require(cmd, "--partnership", a->slug))
		return EXIT_USAGE;
	if (a->role == ROLE_PROVIDER && !(a->org && *a->org)) {
		cli_error("%s: a provider needs --organisation, the name of their organisation", cmd);
		return EXIT_USAGE;
	}
	if (a->role != ROLE_PROVIDER && a->org) {
		cli_error("%s: only providers belong to an organisation: leave out --organisation",
			  cmd);
		return EXIT_USAGE;
	}
	return 0;
}

/* The organisation a provider belongs to, by its exact name. */
static int find_organisation(const char *cmd, struct db *db, struct pool *pool,
			     const struct partnership *p, const char *name, int64_t *id)
{
	struct organisation o;
	enum err e = organisation_find_by_name(db, pool, p->id, name, &o);
	if (e == E_NOTFOUND) {
		cli_error("%s: no organisation named '%s' in the partnership %s", cmd, name, p->slug);
		return EXIT_FAIL;
	}
	if (e)
		return cli_store_error(cmd, db, e);
	if (o.retired_at) {
		cli_error("%s: the organisation '%s' is retired", cmd, o.name);
		return EXIT_FAIL;
	}
	*id = o.id;
	return 0;
}

int cmd_user_add(int argc, char **argv)
{
	static const char cmd[] = "user add";
	struct add_args a = {0};
	static const struct option opts[] = {
		{"db", required_argument, NULL, 'd'},
		{"partnership", required_argument, NULL, 'p'},
		{"email", required_argument, NULL, 'e'},
		{"role", required_argument, NULL, 'r'},
		{"name", required_argument, NULL, 'n'},
		{"organisation", required_argument, NULL, 'o'},
		{0},
	};
	optind = 0;
	opterr = 0;
	int c;
	while ((c = getopt_long(argc, argv, "+:", opts, NULL)) != -1) {
		switch (c) {
		case 'd': a.db_flag = optarg; break;
		case 'p': a.slug = optarg; break;
		case 'e': a.email = optarg; break;
		case 'r': a.role_code = optarg; break;
		case 'n': a.name = optarg; break;
		case 'o': a.org = optarg; break;
		case ':': return cli_missing_value(cmd, argv, optind - 1);
		default: return cli_unknown_option(cmd, argv, optind - 1);
		}
	}
	int rc = cli_no_arguments(cmd, argc, argv, optind);
	if (rc || (rc = add_usage_check(cmd, &a)))
		return rc;

	struct pool pool;
	pool_init(&pool, CLI_POOL_LIMIT);
	const char *email = user_email_normalise(&pool, a.email);
	if (!email) {
		cli_error("%s: '%s' is not an email address", cmd, a.email);
		pool_free(&pool);
		return EXIT_FAIL;
	}
	struct db *db = cli_open_db(a.db_flag);
	if (!db) {
		pool_free(&pool);
		return EXIT_FAIL;
	}
	struct partnership p = {0};
	int64_t org_id = 0, id = 0;
	if (a.slug && (rc = cli_find_partnership(cmd, db, &pool, a.slug, &p)))
		goto out;
	if (a.org && (rc = find_organisation(cmd, db, &pool, &p, a.org, &org_id)))
		goto out;
	const char *name = a.name;
	if (!name) {
		name = pool_strndup(&pool, email, (size_t)(strchr(email, '@') - email));
		if (!name) {
			rc = cli_store_error(cmd, db, E_NOMEM);
			goto out;
		}
	}
	char password[PASSWORD_GENERATED_SIZE];
	enum err e = user_add(db, &actor_cli, p.id, email, name, a.role, org_id, password, &id);
	if (e == E_CONFLICT) {
		cli_error("%s: there is already a user with the email %s", cmd, email);
		rc = EXIT_FAIL;
	} else if (e == E_INVAL) {
		/* Everything else was checked above. */
		cli_error("%s: the name must be plain text, not empty and not too long", cmd);
		rc = EXIT_FAIL;
	} else if (e) {
		rc = cli_store_error(cmd, db, e);
	} else {
		printf("Added %s as %s%s%s (user id %lld)\n", email, role_label(a.role),
		       p.slug ? " in " : "", p.slug ? p.slug : "", (long long)id);
		print_password(email, password);
	}
out:
	db_close(db);
	pool_free(&pool);
	return rc;
}

static const char *user_status(const struct user *u)
{
	if (u->disabled_at)
		return "disabled";
	return u->must_change_password ? "must change password" : "active";
}

int cmd_user_list(int argc, char **argv)
{
	static const char cmd[] = "user list";
	const char *db_flag = NULL, *slug = NULL;
	int csv = 0;
	static const struct option opts[] = {
		{"db", required_argument, NULL, 'd'},
		{"partnership", required_argument, NULL, 'p'},
		{"format", required_argument, NULL, 'f'},
		{0},
	};
	optind = 0;
	opterr = 0;
	int c;
	while ((c = getopt_long(argc, argv, "+:", opts, NULL)) != -1) {
		switch (c) {
		case 'd': db_flag = optarg; break;
		case 'p': slug = optarg; break;
		case 'f':
			if (cli_parse_format(cmd, optarg, &csv))
				return EXIT_USAGE;
			break;
		case ':': return cli_missing_value(cmd, argv, optind - 1);
		default: return cli_unknown_option(cmd, argv, optind - 1);
		}
	}
	if (cli_no_arguments(cmd, argc, argv, optind))
		return EXIT_USAGE;
	struct db *db = cli_open_db(db_flag);
	if (!db)
		return EXIT_FAIL;
	struct pool pool;
	pool_init(&pool, CLI_POOL_LIMIT);
	struct partnership p = {0}, *parts = NULL;
	struct user *users = NULL;
	size_t n = 0, nparts = 0;
	int rc = 0;
	if (slug && (rc = cli_find_partnership(cmd, db, &pool, slug, &p)))
		goto out;
	/* The slugs to show beside each user. */
	enum err e = partnership_list(db, &pool, &parts, &nparts);
	if (!e)
		e = user_list(db, &pool, p.id, &users, &n);
	enum { COLS = 6 };
	const char **cells = e ? NULL : pool_zalloc(&pool, (n ? n : 1) * COLS * sizeof *cells);
	if (e || !cells) {
		rc = cli_store_error(cmd, db, e ? e : E_NOMEM);
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		const struct user *u = &users[i];
		const char **row = cells + i * COLS;
		row[0] = u->email;
		row[1] = u->name;
		row[2] = role_code(u->role);
		for (size_t j = 0; j < nparts; j++)
			if (parts[j].id == u->partnership_id)
				row[3] = parts[j].slug;
		row[4] = u->organisation_name;
		row[5] = user_status(u);
	}
	static const char *const head[COLS] = {"email", "name", "role", "partnership",
					       "organisation", "status"};
	rc = cli_print_table(stdout, head, COLS, cells, n, csv);
out:
	pool_free(&pool);
	db_close(db);
	return rc;
}

/* The --email option and --db, which reset-password and disable share. */
static int email_options(const char *cmd, int argc, char **argv, const char **db_flag,
			 const char **email, int *enable)
{
	static const struct option opts[] = {
		{"db", required_argument, NULL, 'd'},
		{"email", required_argument, NULL, 'e'},
		{"enable", no_argument, NULL, 'E'},
		{0},
	};
	optind = 0;
	opterr = 0;
	int c;
	while ((c = getopt_long(argc, argv, "+:", opts, NULL)) != -1) {
		switch (c) {
		case 'd': *db_flag = optarg; break;
		case 'e': *email = optarg; break;
		case 'E':
			if (!enable)
				return cli_unknown_option(cmd, argv, optind - 1);
			*enable = 1;
			break;
		case ':': return cli_missing_value(cmd, argv, optind - 1);
		default: return cli_unknown_option(cmd, argv, optind - 1);
		}
	}
	if (cli_no_arguments(cmd, argc, argv, optind) || cli_require(cmd, "--email", *email))
		return EXIT_USAGE;
	return 0;
}

int cmd_user_reset_password(int argc, char **argv)
{
	static const char cmd[] = "user reset-password";
	const char *db_flag = NULL, *email = NULL;
	int rc = email_options(cmd, argc, argv, &db_flag, &email, NULL);
	if (rc)
		return rc;
	struct db *db = cli_open_db(db_flag);
	if (!db)
		return EXIT_FAIL;
	struct pool pool;
	pool_init(&pool, CLI_POOL_LIMIT);
	struct user u;
	char password[PASSWORD_GENERATED_SIZE];
	if ((rc = cli_find_user(cmd, db, &pool, email, &u)))
		goto out;
	enum err e = user_reset_password(db, &actor_cli, 0, u.id, password);
	if (e) {
		rc = cli_store_error(cmd, db, e);
		goto out;
	}
	fprintf(stderr, "Reset the password of %s; their sessions and API tokens have ended.\n",
		u.email);
	print_password(u.email, password);
out:
	pool_free(&pool);
	db_close(db);
	return rc;
}

int cmd_user_disable(int argc, char **argv)
{
	static const char cmd[] = "user disable";
	const char *db_flag = NULL, *email = NULL;
	int enable = 0;
	int rc = email_options(cmd, argc, argv, &db_flag, &email, &enable);
	if (rc)
		return rc;
	struct db *db = cli_open_db(db_flag);
	if (!db)
		return EXIT_FAIL;
	struct pool pool;
	pool_init(&pool, CLI_POOL_LIMIT);
	struct user u;
	if ((rc = cli_find_user(cmd, db, &pool, email, &u)))
		goto out;
	if ((u.disabled_at != NULL) == !enable) {
		printf("%s is already %s\n", u.email, enable ? "enabled" : "disabled");
		goto out;
	}
	enum err e = user_set_disabled(db, &actor_cli, 0, u.id, !enable);
	if (e) {
		rc = cli_store_error(cmd, db, e);
		goto out;
	}
	if (enable)
		printf("Enabled %s: they can sign in again\n", u.email);
	else
		printf("Disabled %s: their sessions and API tokens have ended\n", u.email);
out:
	pool_free(&pool);
	db_close(db);
	return rc;
}
