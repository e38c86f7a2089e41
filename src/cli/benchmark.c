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

/*
 * What both commands are told and find: --db and --partnership, then the
 * options of one of them only (share's --round and --undo, benchmark's
 * --format), the partnership and, for share, its round.
 */
struct bench_args {
	const char *db_flag, *slug;
	const char *round;  /* share: --round */
	int undo;           /* share: --undo */
	const char *format; /* benchmark: --format, "text" by default; NULL for share */
	int json, csv;      /* benchmark: which --format */
	struct partnership p;
	struct round r;     /* share: the round called a->round */
};

/*
 * Both commands' start: read --db, --partnership and the command's own
 * options (more, ended by {0}), check --format before anything is opened,
 * open the database and find the partnership, and the round when the
 * command takes --round.  0 with c open, or the exit code with nothing
 * left open.
 */
static int start(struct cli_ctx *c, const char *cmd, int argc, char **argv, struct bench_args *a,
		 const struct cli_option *more)
{
	struct cli_option opts[CLI_OPTIONS_MAX + 1] = {
		{"db", .text = &a->db_flag},
		{"partnership", .text = &a->slug, .required = 1},
	};
	size_t n = 2;
	for (size_t i = 0; more[i].name; i++) {
		if (n == CLI_OPTIONS_MAX) {
			cli_error("%s: too many options", cmd); /* a programming error */
			return EXIT_FAIL;
		}
		opts[n++] = more[i];
	}
	int rc = cli_options(cmd, argc, argv, opts);
	if (rc)
		return rc;
	if (a->format) {
		a->json = strcmp(a->format, "json") == 0;
		a->csv = strcmp(a->format, "csv") == 0;
		if (!a->json && !a->csv && strcmp(a->format, "text") != 0) {
			cli_error("%s: --format is text, csv or json, not '%s'", cmd, a->format);
			return EXIT_USAGE;
		}
	}
	if ((rc = cli_open(c, cmd, a->db_flag)) ||
	    (rc = a->round ? cli_find_round(c, a->slug, a->round, &a->p, &a->r)
			   : cli_find_partnership(c, a->slug, &a->p)))
		return cli_close(c, rc);
	return 0;
}

int cmd_selfanalysis_share(int argc, char **argv)
{
	static const char cmd[] = "selfanalysis share";
	struct bench_args a = {0};
	const struct cli_option more[] = {
		{"round", .text = &a.round, .required = 1},
		{"undo", .flag = &a.undo},
		{0},
	};
	struct cli_ctx c;
	int rc = start(&c, cmd, argc, argv, &a, more);
	if (rc)
		return rc;
	enum err e = a.undo ? benchmark_unshare(c.db, &actor_cli, a.p.id, a.r.id)
			    : benchmark_share(c.db, &actor_cli, a.p.id, a.r.id);
	if (e == E_RANGE) {
		int k = ANONYMITY_K_DEFAULT;
		selfanalysis_k_get(c.db, a.p.id, &k);
		cli_error("%s: \"%s\" cannot be shared: an interview round needs at least %d responses "
			  "(the partnership's anonymity threshold) and standards that many people scored; "
			  "a group round needs a score", cmd, a.round, k);
		return cli_close(&c, EXIT_FAIL);
	}
	if (e)
		return cli_close(&c, cli_store_error(&c, e));
	printf(a.undo ? "Withdrew \"%s\" from the national benchmark\n"
		      : "Shared \"%s\" with the national benchmark\n", a.round);
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
	struct bench_args a = {.format = "text"};
	const struct cli_option more[] = {
		{"format", .text = &a.format},
		{0},
	};
	struct cli_ctx c;
	struct benchmark b;
	int rc = start(&c, cmd, argc, argv, &a, more);
	if (rc)
		return rc;
	enum err e = benchmark_load(c.db, &c.pool, a.p.id, &b);
	if (e)
		return cli_close(&c, cli_store_error(&c, e));
	if (a.json) {
		json_t *j = benchmark_json(&b);
		if (!j)
			return cli_close(&c, cli_store_error(&c, E_NOMEM));
		int bad = json_dumpf(j, stdout, JSON_INDENT(2) | JSON_REAL_PRECISION(15)) ||
			  fputc('\n', stdout) == EOF || fflush(stdout);
		json_decref(j);
		if (bad) {
			cli_error("%s: cannot write the output", cmd);
			rc = EXIT_FAIL;
		}
		return cli_close(&c, rc);
	}
	int csv = a.csv; /* else aligned text */
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
		printf("%s has not shared a round: its own position is not shown.\n", a.slug);
	return cli_close(&c, rc);
}
