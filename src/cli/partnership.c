/*
 * partnership.c: `jcs partnership create` and `jcs partnership list`.  A
 * partnership is the first thing set up on a new server, so these run on a
 * fresh database (cli_open_db migrates it first).
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "audit/audit.h"
#include "cli/cli.h"
#include "core/pool.h"
#include "db/db.h"
#include "partnership/partnership.h"

int cmd_partnership_create(int argc, char **argv)
{
	static const char cmd[] = "partnership create";
	const char *db_flag = NULL, *slug = NULL, *name = NULL;
	static const struct option opts[] = {
		{"db", required_argument, NULL, 'd'},
		{"slug", required_argument, NULL, 's'},
		{"name", required_argument, NULL, 'n'},
		{0},
	};
	optind = 0;
	opterr = 0;
	int c;
	while ((c = getopt_long(argc, argv, "+:", opts, NULL)) != -1) {
		switch (c) {
		case 'd': db_flag = optarg; break;
		case 's': slug = optarg; break;
		case 'n': name = optarg; break;
		case ':': return cli_missing_value(cmd, argv, optind - 1);
		default: return cli_unknown_option(cmd, argv, optind - 1);
		}
	}
	if (cli_no_arguments(cmd, argc, argv, optind) || cli_require(cmd, "--slug", slug) ||
	    cli_require(cmd, "--name", name))
		return EXIT_USAGE;
	struct db *db = cli_open_db(db_flag);
	if (!db)
		return EXIT_FAIL;
	int64_t id = 0;
	int rc = EXIT_OK;
	enum err e = partnership_create(db, &actor_cli, slug, name, &id);
	if (e == E_CONFLICT) {
		cli_error("%s: a partnership with the slug '%s' already exists", cmd, slug);
		rc = EXIT_FAIL;
	} else if (e == E_INVAL) {
		cli_error("%s: the slug must be 1 to 63 lower-case letters, digits and hyphens "
			  "(not first or last) and the name 1 to 255 characters of text",
			  cmd);
		rc = EXIT_FAIL;
	} else if (e) {
		rc = cli_store_error(cmd, db, e);
	} else {
		printf("Created partnership %s (id %lld)\n", slug, (long long)id);
	}
	db_close(db);
	return rc;
}

int cmd_partnership_list(int argc, char **argv)
{
	static const char cmd[] = "partnership list";
	const char *db_flag = NULL;
	int csv = 0;
	static const struct option opts[] = {
		{"db", required_argument, NULL, 'd'},
		{"format", required_argument, NULL, 'f'},
		{0},
	};
	optind = 0;
	opterr = 0;
	int c;
	while ((c = getopt_long(argc, argv, "+:", opts, NULL)) != -1) {
		switch (c) {
		case 'd': db_flag = optarg; break;
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
	struct partnership *list = NULL;
	size_t n = 0;
	int rc;
	enum err e = partnership_list(db, &pool, &list, &n);
	const char **cells = e ? NULL : pool_zalloc(&pool, (n ? n : 1) * 2 * sizeof *cells);
	if (e || !cells) {
		rc = cli_store_error(cmd, db, e ? e : E_NOMEM);
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		cells[i * 2] = list[i].slug;
		cells[i * 2 + 1] = list[i].name;
	}
	static const char *const head[] = {"slug", "name"};
	rc = cli_print_table(stdout, head, 2, cells, n, csv);
out:
	pool_free(&pool);
	db_close(db);
	return rc;
}
