/*
 * partnership.c: `jcs partnership create` and `jcs partnership list`.  A
 * partnership is the first thing set up on a new server, so these run on a
 * fresh database (cli_open migrates it first).
 */
#include <stdio.h>

#include "audit/audit.h"
#include "cli/cli.h"
#include "partnership/partnership.h"

int cmd_partnership_create(int argc, char **argv)
{
	static const char cmd[] = "partnership create";
	const char *db_flag = NULL, *slug = NULL, *name = NULL;
	const struct cli_option opts[] = {
		{"db", .text = &db_flag},
		{"slug", .text = &slug, .required = 1},
		{"name", .text = &name, .required = 1},
		{0},
	};
	struct cli_ctx c;
	int rc = cli_options(cmd, argc, argv, opts);
	if (rc)
		return rc;
	if ((rc = cli_open(&c, cmd, db_flag)))
		return cli_close(&c, rc);
	int64_t id = 0;
	enum err e = partnership_create(c.db, &actor_cli, slug, name, &id);
	if (e == E_CONFLICT) {
		cli_error("%s: a partnership with the slug '%s' already exists", cmd, slug);
		rc = EXIT_FAIL;
	} else if (e == E_INVAL) {
		cli_error("%s: the slug must be 1 to 63 lower-case letters, digits and hyphens "
			  "(not first or last) and the name 1 to 255 characters of text",
			  cmd);
		rc = EXIT_FAIL;
	} else if (e) {
		rc = cli_store_error(&c, e);
	} else {
		printf("Created partnership %s (id %lld)\n", slug, (long long)id);
	}
	return cli_close(&c, rc);
}

int cmd_partnership_list(int argc, char **argv)
{
	static const char cmd[] = "partnership list";
	const char *db_flag = NULL;
	int csv = 0;
	const struct cli_option opts[] = {
		{"db", .text = &db_flag},
		{"format", .csv = &csv},
		{0},
	};
	struct cli_ctx c;
	int rc = cli_options(cmd, argc, argv, opts);
	if (rc)
		return rc;
	if ((rc = cli_open(&c, cmd, db_flag)))
		return cli_close(&c, rc);
	struct partnership *list = NULL;
	size_t n = 0;
	enum err e = partnership_list(c.db, &c.pool, &list, &n);
	const char **cells = cli_table_cells(&c, e, n, 2);
	if (!cells)
		return cli_close(&c, EXIT_FAIL);
	for (size_t i = 0; i < n; i++) {
		cells[i * 2] = list[i].slug;
		cells[i * 2 + 1] = list[i].name;
	}
	static const char *const head[] = {"slug", "name"};
	return cli_close(&c, cli_print_table(stdout, head, 2, cells, n, csv));
}
