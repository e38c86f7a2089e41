/* migrate.c: `jcs migrate`, the same migrations `jcs serve` applies at start. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "db/db.h"
#include "db/migrate.h"

int cmd_migrate(int argc, char **argv)
{
	const char *db_flag = NULL;
	int status = 0;
	const struct cli_option opts[] = {
		{"db", .text = &db_flag},
		{"status", .flag = &status},
		{0},
	};
	int rc = cli_options("migrate", argc, argv, opts);
	if (rc)
		return rc;
	const char *url = cli_db_url(db_flag);
	char err[512];
	struct db *db;
	if (db_open(url, &db, err, sizeof err)) {
		cli_error("%s", err);
		return EXIT_FAIL;
	}
	int have = 0, applied = 0;
	if (status) {
		if (migrate_current(db, &have)) {
			cli_error("cannot read the schema version: %s", db_errmsg(db));
			rc = EXIT_FAIL;
		} else {
			printf("schema version %d (latest %d)%s\n", have, migrate_latest(),
			       have < migrate_latest() ? ": run `jcs migrate`" : "");
		}
	} else if (migrate_up(db, &applied, err, sizeof err)) {
		cli_error("%s", err);
		rc = EXIT_FAIL;
	} else {
		migrate_current(db, &have);
		printf("applied %d migration%s; schema version %d\n", applied, applied == 1 ? "" : "s", have);
	}
	db_close(db);
	return rc;
}
