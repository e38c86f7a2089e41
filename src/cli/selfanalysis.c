/*
 * selfanalysis.c: `jcs selfanalysis ...`, the self-analysis module's
 * command line.  Only `frameworks` exists yet (issue 4 is in progress): the
 * frameworks jcs ships, with the ids that imports and rounds name.  It
 * takes --db like every command, so that frameworks a partnership imports
 * can join the list without changing how scripts call it.
 */
#include <stdio.h>

#include "cli/cli.h"
#include "core/pool.h"
#include "selfanalysis/framework.h"

int cmd_selfanalysis_frameworks(int argc, char **argv)
{
	static const char cmd[] = "selfanalysis frameworks";
	const char *db_flag = NULL;
	int csv = 0;
	const struct cli_option opts[] = {
		{"db", .text = &db_flag},
		{"format", .csv = &csv},
		{0},
	};
	int rc = cli_options(cmd, argc, argv, opts);
	if (rc)
		return rc;
	struct cli_ctx c;
	if ((rc = cli_open(&c, cmd, db_flag)))
		return cli_close(&c, rc);
	const char *const *ids = framework_builtin_list();
	size_t n = 0;
	while (ids[n])
		n++;
	enum { COLS = 5 };
	const char **cells = cli_table_cells(&c, E_OK, n, COLS);
	if (!cells)
		return cli_close(&c, EXIT_FAIL);
	for (size_t i = 0; i < n; i++) {
		struct framework f;
		enum err e = framework_builtin(ids[i], &c.pool, &f);
		if (e)
			return cli_close(&c, cli_store_error(&c, e));
		const char **row = cells + i * COLS;
		row[0] = f.id;
		row[1] = f.title;
		row[2] = pool_printf(&c.pool, "%zu", f.n_standards);
		row[3] = f.n_points ? pool_printf(&c.pool, "%d-%d%s%s", f.points[0].value,
						  f.points[f.n_points - 1].value,
						  f.half_points ? ", half points" : "",
						  f.dont_know ? ", don't know" : "")
				    : "";
		row[4] = "shipped";
		if (!row[2] || !row[3])
			return cli_close(&c, cli_store_error(&c, E_NOMEM));
	}
	static const char *const head[COLS] = {"id", "title", "standards", "scale", "source"};
	return cli_close(&c, cli_print_table(stdout, head, COLS, cells, n, csv));
}
