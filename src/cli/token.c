/*
 * token.c: `jcs token create|list|revoke`, API tokens for scripts.
 *
 * create prints the token, and only the token, on standard output, so
 * TOKEN=$(jcs token create ...) captures it; what it is and how to use it
 * goes to standard error, which never carries the token.  The token buffer
 * is wiped once printed: only its hash is kept (token.h).
 */
#include <getopt.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "audit/audit.h"
#include "auth/token.h"
#include "auth/user.h"
#include "cli/cli.h"
#include "core/pool.h"
#include "db/db.h"

#define DEFAULT_TOKEN_NAME "command line"

/* Options the three subcommands share; only those given in opts are taken. */
struct token_args {
	const char *db_flag, *email, *name, *id_text;
	int csv;
};

static int token_options(const char *cmd, int argc, char **argv, const struct option *opts,
			 struct token_args *a)
{
	optind = 0;
	opterr = 0;
	int c;
	while ((c = getopt_long(argc, argv, "+:", opts, NULL)) != -1) {
		switch (c) {
		case 'd': a->db_flag = optarg; break;
		case 'u': a->email = optarg; break;
		case 'n': a->name = optarg; break;
		case 'i': a->id_text = optarg; break;
		case 'f':
			if (cli_parse_format(cmd, optarg, &a->csv))
				return EXIT_USAGE;
			break;
		case ':': return cli_missing_value(cmd, argv, optind - 1);
		default: return cli_unknown_option(cmd, argv, optind - 1);
		}
	}
	if (cli_no_arguments(cmd, argc, argv, optind) || cli_require(cmd, "--user", a->email))
		return EXIT_USAGE;
	return 0;
}

int cmd_token_create(int argc, char **argv)
{
	static const char cmd[] = "token create";
	static const struct option opts[] = {
		{"db", required_argument, NULL, 'd'},
		{"user", required_argument, NULL, 'u'},
		{"name", required_argument, NULL, 'n'},
		{0},
	};
	struct token_args a = {.name = DEFAULT_TOKEN_NAME};
	int rc = token_options(cmd, argc, argv, opts, &a);
	if (rc)
		return rc;
	size_t len = strlen(a.name);
	if (len == 0 || len > TOKEN_NAME_MAX) {
		cli_error("%s: --name must be 1 to %d bytes", cmd, TOKEN_NAME_MAX);
		return EXIT_USAGE;
	}
	struct db *db = cli_open_db(a.db_flag);
	if (!db)
		return EXIT_FAIL;
	struct pool pool;
	pool_init(&pool, CLI_POOL_LIMIT);
	struct user u;
	char token[TOKEN_SIZE];
	int64_t id = 0;
	if ((rc = cli_find_user(cmd, db, &pool, a.email, &u)))
		goto out;
	if (u.disabled_at) {
		cli_error("%s: %s is disabled (`jcs user disable --enable` first)", cmd, u.email);
		rc = EXIT_FAIL;
		goto out;
	}
	enum err e = token_create(db, &actor_cli, u.id, a.name, token, &id);
	if (e) {
		rc = cli_store_error(cmd, db, e);
		goto out;
	}
	printf("%s\n", token);
	fflush(stdout);
	sodium_memzero(token, sizeof token);
	fprintf(stderr,
		"Created API token %lld for %s, shown once above.  Send it as the header\n"
		"\"Authorization: Bearer <token>\" on /api/v1/...; revoke it with\n"
		"`jcs token revoke --user %s --id %lld`.\n",
		(long long)id, u.email, u.email, (long long)id);
out:
	pool_free(&pool);
	db_close(db);
	return rc;
}

int cmd_token_list(int argc, char **argv)
{
	static const char cmd[] = "token list";
	static const struct option opts[] = {
		{"db", required_argument, NULL, 'd'},
		{"user", required_argument, NULL, 'u'},
		{"format", required_argument, NULL, 'f'},
		{0},
	};
	struct token_args a = {0};
	int rc = token_options(cmd, argc, argv, opts, &a);
	if (rc)
		return rc;
	struct db *db = cli_open_db(a.db_flag);
	if (!db)
		return EXIT_FAIL;
	struct pool pool;
	pool_init(&pool, CLI_POOL_LIMIT);
	struct user u;
	struct api_token *tokens = NULL;
	size_t n = 0;
	if ((rc = cli_find_user(cmd, db, &pool, a.email, &u)))
		goto out;
	enum err e = token_list(db, &pool, u.id, &tokens, &n);
	enum { COLS = 5 };
	const char **cells = e ? NULL : pool_zalloc(&pool, (n ? n : 1) * COLS * sizeof *cells);
	if (e || !cells) {
		rc = cli_store_error(cmd, db, e ? e : E_NOMEM);
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		const struct api_token *t = &tokens[i];
		const char **row = cells + i * COLS;
		row[0] = pool_printf(&pool, "%lld", (long long)t->id);
		row[1] = t->name;
		row[2] = t->created_at;
		row[3] = t->last_used_at;
		row[4] = t->revoked_at ? pool_printf(&pool, "revoked %s", t->revoked_at) : "active";
		if (!row[0] || !row[4]) {
			rc = cli_store_error(cmd, db, E_NOMEM);
			goto out;
		}
	}
	static const char *const head[COLS] = {"id", "name", "created", "last_used", "status"};
	rc = cli_print_table(stdout, head, COLS, cells, n, a.csv);
out:
	pool_free(&pool);
	db_close(db);
	return rc;
}

int cmd_token_revoke(int argc, char **argv)
{
	static const char cmd[] = "token revoke";
	static const struct option opts[] = {
		{"db", required_argument, NULL, 'd'},
		{"user", required_argument, NULL, 'u'},
		{"id", required_argument, NULL, 'i'},
		{0},
	};
	struct token_args a = {0};
	unsigned long id;
	int rc = token_options(cmd, argc, argv, opts, &a);
	if (rc)
		return rc;
	if (cli_require(cmd, "--id", a.id_text) ||
	    cli_parse_uint("--id", a.id_text, 1, (unsigned long)INT64_MAX, &id))
		return EXIT_USAGE;
	struct db *db = cli_open_db(a.db_flag);
	if (!db)
		return EXIT_FAIL;
	struct pool pool;
	pool_init(&pool, CLI_POOL_LIMIT);
	struct user u;
	if ((rc = cli_find_user(cmd, db, &pool, a.email, &u)))
		goto out;
	enum err e = token_revoke(db, &actor_cli, u.id, (int64_t)id);
	if (e == E_NOTFOUND) {
		cli_error("%s: %s has no API token %lu (see `jcs token list --user %s`)", cmd, u.email,
			  id, u.email);
		rc = EXIT_FAIL;
	} else if (e) {
		rc = cli_store_error(cmd, db, e);
	} else {
		printf("Revoked API token %lu of %s\n", id, u.email);
	}
out:
	pool_free(&pool);
	db_close(db);
	return rc;
}
