/*
 * token.c: `jcs token create|list|revoke`, API tokens for scripts.
 *
 * create prints the token, and only the token, on standard output, so
 * TOKEN=$(jcs token create ...) captures it; what it is and how to use it
 * goes to standard error, which never carries the token.  The token buffer
 * is wiped once printed: only its hash is kept (token.h).
 */
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "audit/audit.h"
#include "auth/token.h"
#include "auth/user.h"
#include "cli/cli.h"
#include "core/pool.h"

#define DEFAULT_TOKEN_NAME "command line"

int cmd_token_create(int argc, char **argv)
{
	static const char cmd[] = "token create";
	const char *db_flag = NULL, *email = NULL, *name = DEFAULT_TOKEN_NAME;
	const struct cli_option opts[] = {
		{"db", .text = &db_flag},
		{"user", .text = &email, .required = 1},
		{"name", .text = &name},
		{0},
	};
	struct cli_ctx c;
	struct user u;
	int rc = cli_options(cmd, argc, argv, opts);
	if (rc)
		return rc;
	size_t len = strlen(name);
	if (len == 0 || len > TOKEN_NAME_MAX) {
		cli_error("%s: --name must be 1 to %d bytes", cmd, TOKEN_NAME_MAX);
		return EXIT_USAGE;
	}
	if ((rc = cli_open(&c, cmd, db_flag)) || (rc = cli_find_user(&c, email, &u)))
		return cli_close(&c, rc);
	if (u.disabled_at) {
		cli_error("%s: %s is disabled (`jcs user disable --enable` first)", cmd, u.email);
		return cli_close(&c, EXIT_FAIL);
	}
	char token[TOKEN_SIZE];
	int64_t id = 0;
	enum err e = token_create(c.db, &actor_cli, u.id, name, token, &id);
	if (e)
		return cli_close(&c, cli_store_error(&c, e));
	printf("%s\n", token);
	fflush(stdout);
	sodium_memzero(token, sizeof token);
	fprintf(stderr,
		"Created API token %lld for %s, shown once above.  Send it as the header\n"
		"\"Authorization: Bearer <token>\" on /api/v1/...; revoke it with\n"
		"`jcs token revoke --user %s --id %lld`.\n",
		(long long)id, u.email, u.email, (long long)id);
	return cli_close(&c, EXIT_OK);
}

int cmd_token_list(int argc, char **argv)
{
	static const char cmd[] = "token list";
	const char *db_flag = NULL, *email = NULL;
	int csv = 0;
	const struct cli_option opts[] = {
		{"db", .text = &db_flag},
		{"user", .text = &email, .required = 1},
		{"format", .csv = &csv},
		{0},
	};
	struct cli_ctx c;
	struct user u;
	int rc = cli_options(cmd, argc, argv, opts);
	if (rc)
		return rc;
	if ((rc = cli_open(&c, cmd, db_flag)) || (rc = cli_find_user(&c, email, &u)))
		return cli_close(&c, rc);
	struct api_token *tokens = NULL;
	size_t n = 0;
	enum err e = token_list(c.db, &c.pool, u.id, &tokens, &n);
	enum { COLS = 5 };
	const char **cells = cli_table_cells(&c, e, n, COLS);
	if (!cells)
		return cli_close(&c, EXIT_FAIL);
	for (size_t i = 0; i < n; i++) {
		const struct api_token *t = &tokens[i];
		const char **row = cells + i * COLS;
		row[0] = pool_printf(&c.pool, "%lld", (long long)t->id);
		row[1] = t->name;
		row[2] = t->created_at;
		row[3] = t->last_used_at;
		row[4] = t->revoked_at ? pool_printf(&c.pool, "revoked %s", t->revoked_at)
				       : "active";
		if (!row[0] || !row[4])
			return cli_close(&c, cli_store_error(&c, E_NOMEM));
	}
	static const char *const head[COLS] = {"id", "name", "created", "last_used", "status"};
	return cli_close(&c, cli_print_table(stdout, head, COLS, cells, n, csv));
}

int cmd_token_revoke(int argc, char **argv)
{
	static const char cmd[] = "token revoke";
	const char *db_flag = NULL, *email = NULL, *id_text = NULL;
	const struct cli_option opts[] = {
		{"db", .text = &db_flag},
		{"user", .text = &email, .required = 1},
		{"id", .text = &id_text, .required = 1},
		{0},
	};
	struct cli_ctx c;
	struct user u;
	unsigned long id;
	int rc = cli_options(cmd, argc, argv, opts);
	if (rc)
		return rc;
	if (cli_parse_uint("--id", id_text, 1, (unsigned long)INT64_MAX, &id))
		return EXIT_USAGE;
	if ((rc = cli_open(&c, cmd, db_flag)) || (rc = cli_find_user(&c, email, &u)))
		return cli_close(&c, rc);
	enum err e = token_revoke(c.db, &actor_cli, u.id, (int64_t)id);
	if (e == E_NOTFOUND) {
		cli_error("%s: %s has no API token %lu (see `jcs token list --user %s`)", cmd, u.email,
			  id, u.email);
		rc = EXIT_FAIL;
	} else if (e) {
		rc = cli_store_error(&c, e);
	} else {
		printf("Revoked API token %lu of %s\n", id, u.email);
	}
	return cli_close(&c, rc);
}
