/*
 * benchmark.c: `jcs selfanalysis share` and `jcs selfanalysis benchmark`,
 * the national benchmark from the command line (selfanalysis/benchmark.h).
 * The figures are benchmark_load()'s and the JSON benchmark_json()'s, the
 * same the page and the API show, so scripts and people read alike.
 */
#include <stdio.h>
#include <string.h>

#include "audit/audit.h"
#include "cli/cli.h"
#include "partnership/partnership.h"
#include "selfanalysis/benchmark.h"
#include "selfanalysis/round.h"

int cmd_selfanalysis_share(int argc, char **argv)
{
	static const char cmd[] = "selfanalysis share";
	const char *db_flag = NULL, *slug = NULL, *name = NULL;
	int undo = 0;
	const struct cli_option opts[] = {
		{"db", .text = &db_flag},
		{"partnership", .text = &slug, .required = 1},
		{"round", .text = &name, .required = 1},
		{"undo", .flag = &undo},
		{0},
	};
	struct cli_ctx c;
	struct partnership p;
	struct round r;
	int rc = cli_options(cmd, argc, argv, opts);
	if (rc)
		return rc;
	if ((rc = cli_open(&c, cmd, db_flag)) || (rc = cli_find_round(&c, slug, name, &p, &r)))
		return cli_close(&c, rc);
	enum err e = undo ? benchmark_unshare(c.db, &actor_cli, p.id, r.id)
			  : benchmark_share(c.db, &actor_cli, p.id, r.id);
	if (e == E_RANGE) {
		int k = ANONYMITY_K_DEFAULT;
		selfanalysis_k_get(c.db, p.id, &k);
		cli_error("%s: \"%s\" cannot be shared: an interview round needs at least %d responses "
			  "(the partnership's anonymity threshold) and standards that many people scored; "
			  "a group round needs a score", cmd, name, k);
		return cli_close(&c, EXIT_FAIL);
	}
	if (e)
		return cli_close(&c, cli_store_error(&c, e));
	printf(undo ? "Withdrew \"%s\" from the national benchmark\n"
		    : "Shared \"%s\" with the national benchmark\n", name);
	return cli_close(&c, 0);
}

/* A number with two decimals, or "" when absent. */
static const char *figure(struct cli_ctx *c, int has, double v, int csv)
{
	return has ? pool_printf(&c->pool, csv ? "%.3f" : "%.2f", v) : "";
}

int cmd_selfanalysis_benchmark(int argc, char **argv)
{
	static const char cmd[] = "selfanalysis benchmark";
	const char *db_flag = NULL, *slug = NULL, *format = "text";
	const struct cli_option opts[] = {
		{"db", .text = &db_flag},
		{"partnership", .text = &slug, .required = 1},
		{"format", .text = &format},
		{0},
	};
	struct cli_ctx c;
	struct partnership p;
	struct benchmark b;
	int rc = cli_options(cmd, argc, argv, opts);
	if (rc)
		return rc;
	int json = strcmp(format, "json") == 0, csv = strcmp(format, "csv") == 0;
	if (!json && !csv && strcmp(format, "text") != 0) {
		cli_error("%s: --format is text, csv or json, not '%s'", cmd, format);
		return EXIT_USAGE;
	}
	if ((rc = cli_open(&c, cmd, db_flag)) || (rc = cli_find_partnership(&c, slug, &p)))
		return cli_close(&c, rc);
	enum err e = benchmark_load(c.db, &c.pool, p.id, &b);
	if (e)
		return cli_close(&c, cli_store_error(&c, e));
	if (json) {
		json_t *j = benchmark_json(&b);
		if (!j)
			return cli_close(&c, cli_store_error(&c, E_NOMEM));
		int bad = json_dumpf(j, stdout, JSON_INDENT(2) | JSON_REAL_PRECISION(10)) ||
			  fputc('\n', stdout) == EOF || fflush(stdout);
		json_decref(j);
		if (bad) {
			cli_error("%s: cannot write the output", cmd);
			rc = EXIT_FAIL;
		}
		return cli_close(&c, rc);
	}
	enum { COLS = 9 };
	const char **cells = cli_table_cells(&c, E_OK, b.n, COLS);
	if (!cells)
		return cli_close(&c, EXIT_FAIL);
	for (size_t i = 0; i < b.n; i++) {
		const struct benchmark_standard *s = &b.standards[i];
		const char **row = cells + i * COLS;
		int q = !s->suppressed;
		row[0] = s->key;
		row[1] = pool_printf(&c.pool, "%zu", s->partnerships);
		row[2] = q ? (csv ? "false" : "") : (csv ? "true" : "yes");
		row[3] = figure(&c, q, s->q1, csv);
		row[4] = figure(&c, q, s->median, csv);
		row[5] = figure(&c, q, s->q3, csv);
		row[6] = figure(&c, s->has_own, s->own_mean, csv);
		row[7] = s->has_own ? pool_printf(&c.pool, "%lld", (long long)s->own_n) : "";
		row[8] = !q || !s->has_own ? "" : csv ? benchmark_position_code(s->position)
						      : benchmark_position_text(s->position);
		for (size_t k = 0; k < COLS; k++)
			if (!row[k])
				return cli_close(&c, cli_store_error(&c, E_NOMEM));
	}
	static const char *const head[COLS] = {"key", "partnerships", "suppressed", "q1", "median",
					       "q3", "own_mean", "own_n", "position"};
	rc = cli_print_table(stdout, head, COLS, cells, b.n, csv);
	if (rc == 0 && !csv && b.n_shared == 0)
		printf("%s has not shared a round: its own position is not shown.\n", slug);
	return cli_close(&c, rc);
}
