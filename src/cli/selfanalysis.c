/*
 * selfanalysis.c: `jcs selfanalysis ...`, the self-analysis module's
 * command line, the contract scripts rely on (issue 4): the frameworks
 * (shipped, and a partnership's imported ones), the rounds, importing a
 * round's scores and comments from CSV, its results, the comparison of two
 * rounds, and the board paper.
 *
 * Every figure comes from results.h, as the pages and the API do.  The
 * table and CSV forms are drawn from the very JSON the API returns
 * (results_json, comparison_json), by its keys, so the three formats
 * cannot disagree and a CSV column is named as its JSON key.  The table is
 * for people: the summary sorted highest to lowest with the marks, as the
 * board papers print it, and the notes below it; CSV and JSON keep the
 * framework's order, which is what scripts join on.
 */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "audit/audit.h"
#include "cli/cli.h"
#include "core/buf.h"
#include "core/pool.h"
#include "partnership/partnership.h"
#include "selfanalysis/framework.h"
#include "selfanalysis/import.h"
#include "selfanalysis/report.h"
#include "selfanalysis/results.h"
#include "selfanalysis/round.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

enum out_format { OUT_TABLE, OUT_CSV, OUT_JSON };

/* --format table|csv|json ("text" is table, as other commands call it). */
static int parse_out_format(const char *cmd, const char *s, enum out_format *out)
{
	if (strcmp(s, "table") == 0 || strcmp(s, "text") == 0)
		*out = OUT_TABLE;
	else if (strcmp(s, "csv") == 0)
		*out = OUT_CSV;
	else if (strcmp(s, "json") == 0)
		*out = OUT_JSON;
	else {
		cli_error("%s: --format is table, csv or json, not '%s'", cmd, s);
		return EXIT_USAGE;
	}
	return 0;
}

/* A round's data, loaded for results or a comparison. */
static int load_round(struct cli_ctx *c, int64_t partnership_id, const struct round *r,
		      struct round_data *d)
{
	enum err e = round_data_load(c->db, &c->pool, partnership_id, r->id, d);
	return e ? cli_store_error(c, e) : 0;
}

/* Prints j (an array or object) and a line end; EXIT_FAIL if it cannot. */
static int print_json(struct cli_ctx *c, json_t *j)
{
	if (!j)
		return cli_store_error(c, E_NOMEM);
	int rc = json_dumpf(j, stdout, JSON_INDENT(2) | JSON_REAL_PRECISION(15));
	json_decref(j);
	if (rc || fputc('\n', stdout) == EOF || fflush(stdout)) {
		cli_error("%s: cannot write the output", c->cmd);
		return EXIT_FAIL;
	}
	return 0;
}

/*
 * One column of a table drawn from JSON objects: its key, its heading
 * for people, and the decimals a real number is shown with in the table,
 * -1 for as few as it needs (CSV shows it to 6 significant figures, JSON
 * in full).
 */
struct json_col {
	const char *key;
	const char *head;
	int decimals;
};

/* The value at key as a cell: "" for null or absent. */
static const char *json_cell(struct pool *pool, const json_t *o, const struct json_col *col,
			     int csv)
{
	const json_t *v = json_object_get(o, col->key);
	if (json_is_string(v))
		return json_string_value(v);
	if (json_is_integer(v))
		return pool_printf(pool, "%lld", (long long)json_integer_value(v));
	if (json_is_real(v))
		return csv || col->decimals < 0 ? pool_printf(pool, "%.6g", json_real_value(v))
			   : pool_printf(pool, "%.*f", col->decimals, json_real_value(v));
	if (json_is_boolean(v))
		return json_is_true(v) ? (csv ? "true" : "yes") : (csv ? "false" : "");
	return "";
}

/*
 * Prints the objects of array a, in the order given by order (indices
 * into a; NULL for a's own order), as a table or CSV of cols.
 */
static int print_json_table(struct cli_ctx *c, const json_t *a, const size_t *order,
			    const struct json_col *cols, size_t ncols, int csv)
{
	const size_t n = json_array_size(a);
	const char *head[CLI_TABLE_COLS_MAX];
	const char **cells = cli_table_cells(c, E_OK, n, ncols);
	if (!cells || ncols > CLI_TABLE_COLS_MAX)
		return EXIT_FAIL;
	for (size_t k = 0; k < ncols; k++)
		head[k] = csv ? cols[k].key : cols[k].head;
	for (size_t i = 0; i < n; i++) {
		const json_t *o = json_array_get(a, order ? order[i] : i);
		for (size_t k = 0; k < ncols; k++)
			if (!(cells[i * ncols + k] = json_cell(&c->pool, o, &cols[k], csv)))
				return cli_store_error(c, E_NOMEM);
	}
	return cli_print_table(stdout, head, ncols, cells, n, csv);
}

/* ---- frameworks ---- */

int cmd_selfanalysis_frameworks(int argc, char **argv)
{
	static const char cmd[] = "selfanalysis frameworks";
	const char *db_flag = NULL, *slug = NULL;
	int csv = 0;
	const struct cli_option opts[] = {
		{"db", .text = &db_flag},
		{"partnership", .text = &slug},
		{"format", .csv = &csv},
		{0},
	};
	int rc = cli_options(cmd, argc, argv, opts);
	if (rc)
		return rc;
	struct cli_ctx c;
	struct partnership p = {0};
	if ((rc = cli_open(&c, cmd, db_flag)) || (slug && (rc = cli_find_partnership(&c, slug, &p))))
		return cli_close(&c, rc);
	struct framework_entry *list = NULL;
	size_t n = 0;
	enum err e = framework_store_list(c.db, &c.pool, p.id, &list, &n);
	enum { COLS = 5 };
	const char **cells = cli_table_cells(&c, e, n, COLS);
	if (!cells)
		return cli_close(&c, EXIT_FAIL);
	for (size_t i = 0; i < n; i++) {
		struct framework f;
		if ((e = framework_load(c.db, &c.pool, p.id, list[i].id, &f)))
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
		row[4] = list[i].shipped ? "shipped" : "imported";
		if (!row[2] || !row[3])
			return cli_close(&c, cli_store_error(&c, E_NOMEM));
	}
	static const char *const head[COLS] = {"id", "title", "standards", "scale", "source"};
	return cli_close(&c, cli_print_table(stdout, head, COLS, cells, n, csv));
}

int cmd_selfanalysis_framework_import(int argc, char **argv)
{
	static const char cmd[] = "selfanalysis framework-import";
	const char *db_flag = NULL, *slug = NULL, *path = NULL;
	const struct cli_option opts[] = {
		{"db", .text = &db_flag},
		{"partnership", .text = &slug, .required = 1},
		{0},
	};
	int rc = cli_options_and_arg(cmd, argc, argv, opts, "FILE.json", &path);
	if (rc)
		return rc;
	struct buf data;
	struct cli_ctx c;
	struct partnership p;
	char err[FRAMEWORK_ERR_SIZE] = "";
	buf_init(&data, FRAMEWORK_MAX_JSON);
	cli_start(&c, cmd);
	if ((rc = cli_read_file(path, &data)) || (rc = cli_open_db(&c, db_flag)) ||
	    (rc = cli_find_partnership(&c, slug, &p)))
		goto out;
	enum err e = framework_store_import(c.db, &actor_cli, p.id, data.data ? data.data : "",
					    data.len, err, sizeof err);
	if (e == E_INVAL || e == E_TOOBIG || (e == E_CONFLICT && err[0])) {
		cli_error("%s: %s", path, err[0] ? err : "not a framework (see docs/frameworks.md)");
		rc = EXIT_FAIL;
	} else if (e) {
		rc = cli_store_error(&c, e);
	} else {
		/* It parsed in the store, so it parses here: only for its id. */
		struct framework f;
		if (framework_parse(data.data, data.len, &c.pool, &f, err, sizeof err) == E_OK)
			printf("Imported the framework %s (%s) into %s\n", f.id, f.title, slug);
		else
			printf("Imported the framework in %s into %s\n", path, slug);
	}
out:
	buf_free(&data);
	return cli_close(&c, rc);
}

/* ---- rounds ---- */

int cmd_selfanalysis_rounds(int argc, char **argv)
{
	static const char cmd[] = "selfanalysis rounds";
	const char *db_flag = NULL, *slug = NULL;
	int csv = 0;
	const struct cli_option opts[] = {
		{"db", .text = &db_flag},
		{"partnership", .text = &slug, .required = 1},
		{"format", .csv = &csv},
		{0},
	};
	int rc = cli_options(cmd, argc, argv, opts);
	if (rc)
		return rc;
	struct cli_ctx c;
	struct partnership p;
	if ((rc = cli_open(&c, cmd, db_flag)) || (rc = cli_find_partnership(&c, slug, &p)))
		return cli_close(&c, rc);
	struct round *list = NULL;
	size_t n = 0;
	enum err e = round_list(c.db, &c.pool, p.id, &list, &n);
	enum { COLS = 8 };
	const char **cells = cli_table_cells(&c, e, n, COLS);
	if (!cells)
		return cli_close(&c, EXIT_FAIL);
	for (size_t i = 0; i < n; i++) {
		const char **row = cells + i * COLS;
		row[0] = list[i].name;
		row[1] = list[i].framework;
		row[2] = round_mode_code(list[i].mode);
		row[3] = list[i].opens_on;
		row[4] = list[i].closes_on;
		row[5] = pool_printf(&c.pool, "%lld", (long long)list[i].responses);
		row[6] = list[i].closed ? "closed" : "open";
		row[7] = list[i].shared_at ? "yes" : "no";
		if (!row[5])
			return cli_close(&c, cli_store_error(&c, E_NOMEM));
	}
	static const char *const head[COLS] = {"name", "framework", "mode", "opens_on",
					       "closes_on", "responses", "status", "shared"};
	return cli_close(&c, cli_print_table(stdout, head, COLS, cells, n, csv));
}

/* ---- import ---- */

/* The problems of a refused import: the request's, then each file's. */
static int import_problems(struct cli_ctx *c, const char *path, const char *comments_path,
			   const struct sa_import_result *res)
{
	if (res->problem)
		cli_error("%s: %s", c->cmd, res->problem);
	if (res->scores.nerrors)
		cli_import_problems(path, &c->pool, &res->scores);
	if (res->comments.nerrors)
		cli_import_problems(comments_path, &c->pool, &res->comments);
	if (!res->problem && !res->scores.nerrors && !res->comments.nerrors)
		cli_error("%s: nothing imported", c->cmd);
	return EXIT_FAIL;
}

int cmd_selfanalysis_import(int argc, char **argv)
{
	static const char cmd[] = "selfanalysis import";
	const char *db_flag = NULL, *slug = NULL, *fw = NULL, *name = NULL, *mode_flag = NULL;
	const char *comments_path = NULL, *path = NULL;
	const struct cli_option opts[] = {
		{"db", .text = &db_flag},
		{"partnership", .text = &slug, .required = 1},
		{"framework", .text = &fw, .required = 1},
		{"round", .text = &name, .required = 1},
		{"mode", .text = &mode_flag},
		{"comments", .text = &comments_path},
		{0},
	};
	int rc = cli_options_and_arg(cmd, argc, argv, opts, "FILE.csv", &path);
	if (rc)
		return rc;
	int mode = mode_flag ? round_mode_parse(mode_flag) : -1;
	if (mode_flag && mode < 0) {
		cli_error("%s: --mode is interviews or group, not '%s'", cmd, mode_flag);
		return EXIT_USAGE;
	}
	struct buf scores, comments;
	struct cli_ctx c;
	struct partnership p;
	struct sa_import_result *res = NULL;
	buf_init(&scores, SA_IMPORT_BYTES_MAX);
	buf_init(&comments, SA_IMPORT_BYTES_MAX);
	cli_start(&c, cmd);
	if ((rc = cli_read_file(path, &scores)) ||
	    (comments_path && (rc = cli_read_file(comments_path, &comments))) ||
	    (rc = cli_open_db(&c, db_flag)) || (rc = cli_find_partnership(&c, slug, &p)))
		goto out;
	if (!(res = pool_zalloc(&c.pool, sizeof *res))) { /* two error lists: not on the stack */
		rc = cli_store_error(&c, E_NOMEM);
		goto out;
	}
	const struct sa_import_file sf = {scores.data ? scores.data : "", scores.len};
	const struct sa_import_file cf = {comments.data ? comments.data : "", comments.len};
	enum err e = selfanalysis_import(c.db, &c.pool, &actor_cli, p.id, fw, name, mode, &sf,
					 comments_path ? &cf : NULL, res);
	if (e == E_INVAL)
		rc = import_problems(&c, path, comments_path, res);
	else if (e)
		rc = cli_store_error(&c, e);
	else
		printf("Imported %zu respondent%s, %zu stated average%s and %zu comment%s into"
		       " the %s round \"%s\"\n", res->respondents, res->respondents == 1 ? "" : "s",
		       res->stated, res->stated == 1 ? "" : "s", res->comments_added,
		       res->comments_added == 1 ? "" : "s", res->round_created ? "new" : "empty",
		       name);
out:
	buf_free(&scores);
	buf_free(&comments);
	return cli_close(&c, rc);
}

/* ---- results ---- */

static const struct json_col results_table_cols[] = {
	{"rank", "rank", 0},
	{"mark", "mark", 0}, /* filled by hand: "highest" / "lowest" */
	{"standard", "standard", 0},
	{"n", "n", 0},
	{"dont_know", "don't know", 0},
	{"no_answer", "no answer", 0},
	{"mean", "mean", 2},
	{"median", "median", 2},
	{"q1", "q1", 2},
	{"q3", "q3", 2},
	{"min", "min", -1},
	{"max", "max", -1},
	{"sd", "sd", 2},
	{"rwg", "agreement", 2},
	{"stated_average", "stated", -1},
	{"title", "title", 0},
};

static const struct json_col results_csv_cols[] = {
	{"standard", "", 0}, {"key", "", 0}, {"title", "", 0}, {"n", "", 0},
	{"dont_know", "", 0}, {"no_answer", "", 0}, {"mean", "", 0}, {"median", "", 0},
	{"q1", "", 0}, {"q3", "", 0}, {"min", "", 0}, {"max", "", 0},
	{"sd", "", 0}, {"rwg", "", 0}, {"rank", "", 0}, {"highest", "", 0},
	{"lowest", "", 0}, {"stated_average", "", 0}, {"stated_mismatch", "", 0},
	{"note", "", 0},
};

/* The summary for people: highest mean first, marked, the notes below;
 * only the reason when the round's figures are not shown. */
static int print_results_table(struct cli_ctx *c, const struct round_results *res, json_t *a)
{
	if (!res->figures_allowed) {
		printf("%s\n", res->figures_reason);
		return 0;
	}
	for (size_t i = 0; i < json_array_size(a); i++) {
		json_t *o = json_array_get(a, i);
		const char *mark = json_is_true(json_object_get(o, "highest")) ? "highest"
				   : json_is_true(json_object_get(o, "lowest")) ? "lowest" : "";
		if (json_object_set_new(o, "mark", json_string(mark)))
			return cli_store_error(c, E_NOMEM);
	}
	int rc = print_json_table(c, a, res->order, results_table_cols,
				  NELEM(results_table_cols), 0);
	for (size_t i = 0; i < res->n && !rc; i++) {
		const json_t *o = json_array_get(a, res->order[i]);
		const char *note = json_string_value(json_object_get(o, "note"));
		if (note)
			printf("\nStandard %lld: %s\n",
			       (long long)json_integer_value(json_object_get(o, "standard")), note);
	}
	if (!rc && !res->data->n_responses)
		printf("\nThis round has no responses yet.\n");
	return rc;
}

int cmd_selfanalysis_results(int argc, char **argv)
{
	static const char cmd[] = "selfanalysis results";
	const char *db_flag = NULL, *slug = NULL, *name = NULL, *format = "table";
	const struct cli_option opts[] = {
		{"db", .text = &db_flag},
		{"partnership", .text = &slug, .required = 1},
		{"round", .text = &name, .required = 1},
		{"format", .text = &format},
		{0},
	};
	enum out_format f;
	int rc = cli_options(cmd, argc, argv, opts);
	if (rc || (rc = parse_out_format(cmd, format, &f)))
		return rc;
	struct cli_ctx c;
	struct partnership p;
	struct round r;
	struct round_data d;
	struct round_results res;
	if ((rc = cli_open(&c, cmd, db_flag)) || (rc = cli_find_round(&c, slug, name, &p, &r)) ||
	    (rc = load_round(&c, p.id, &r, &d)))
		return cli_close(&c, rc);
	enum err e = round_results_compute(&d, &c.pool, &res);
	if (e)
		return cli_close(&c, cli_store_error(&c, e));
	json_t *a = results_json(&res);
	if (f == OUT_JSON)
		return cli_close(&c, print_json(&c, a));
	if (!a)
		return cli_close(&c, cli_store_error(&c, E_NOMEM));
	rc = f == OUT_CSV ? print_json_table(&c, a, NULL, results_csv_cols,
					     NELEM(results_csv_cols), 1)
			  : print_results_table(&c, &res, a);
	json_decref(a);
	return cli_close(&c, rc);
}

/* ---- compare ---- */

static const struct json_col compare_table_cols[] = {
	{"key", "key", 0},
	{"standard_a", "A", 0},
	{"standard_b", "B", 0},
	{"n_a", "n A", 0},
	{"n_b", "n B", 0},
	{"mean_a", "mean A", 2},
	{"mean_b", "mean B", 2},
	{"mean_change", "change", 2},
	{"superiority", "P(B > A)", 2},
	{"p_text", "p", 0}, /* filled by hand: results_p_text */
	{"words", "what the figures support", 0},
};

static const struct json_col compare_csv_cols[] = {
	{"key", "", 0}, {"title", "", 0}, {"standard_a", "", 0}, {"standard_b", "", 0},
	{"n_a", "", 0}, {"n_b", "", 0}, {"mean_a", "", 0}, {"mean_b", "", 0},
	{"mean_change", "", 0}, {"superiority", "", 0}, {"p_value", "", 0},
	{"method", "", 0}, {"permutations", "", 0}, {"words", "", 0},
};

/* The comparison for people: p as every format shows it, and the caveat
 * about testing many standards after the table. */
static int print_compare_table(struct cli_ctx *c, const struct round_comparison *cmp, json_t *j)
{
	for (size_t i = 0; i < json_array_size(j); i++) {
		json_t *o = json_array_get(j, i);
		const json_t *p = json_object_get(o, "p_value");
		char b[RESULTS_P_SIZE];
		if (json_object_set_new(o, "p_text", json_is_real(p) ? json_string(results_p_text(
										    json_real_value(p), b))
								   : json_null()))
			return cli_store_error(c, E_NOMEM);
	}
	int rc = print_json_table(c, j, NULL, compare_table_cols, NELEM(compare_table_cols), 0);
	if (!rc && cmp->caveat)
		printf("\n%s\n", cmp->caveat);
	return rc;
}

int cmd_selfanalysis_compare(int argc, char **argv)
{
	static const char cmd[] = "selfanalysis compare";
	const char *db_flag = NULL, *slug = NULL, *format = "table";
	const char *names[2] = {NULL, NULL};
	size_t nnames = 0;
	const struct cli_option opts[] = {
		{"db", .text = &db_flag},
		{"partnership", .text = &slug, .required = 1},
		{"round", .many = names, .count = &nnames, .max = 2},
		{"format", .text = &format},
		{0},
	};
	enum out_format f;
	int rc = cli_options(cmd, argc, argv, opts);
	if (rc || (rc = parse_out_format(cmd, format, &f)))
		return rc;
	if (nnames != 2 || !*names[0] || !*names[1]) {
		cli_error("%s: give two rounds: --round A --round B (run `jcs %s --help`)", cmd,
			  cmd);
		return EXIT_USAGE;
	}
	struct cli_ctx c;
	struct partnership p;
	struct round ra, rb;
	struct round_data a, b;
	struct round_comparison cmp;
	if ((rc = cli_open(&c, cmd, db_flag)) || (rc = cli_find_round(&c, slug, names[0], &p, &ra)) ||
	    (rc = cli_find_round(&c, slug, names[1], &p, &rb)))
		return cli_close(&c, rc);
	/* The earlier is the one that opened first, whatever the order the
	 * rounds were given in, as on the pages, the API and the paper. */
	if (round_opened_before(&rb, &ra)) {
		struct round t = ra;
		ra = rb;
		rb = t;
	}
	if ((rc = load_round(&c, p.id, &ra, &a)) || (rc = load_round(&c, p.id, &rb, &b)))
		return cli_close(&c, rc);
	enum err e = round_compare(&a, &b, &c.pool, &cmp);
	if (e)
		return cli_close(&c, cli_store_error(&c, e));
	json_t *j = comparison_json(&cmp);
	if (f == OUT_JSON)
		return cli_close(&c, print_json(&c, j));
	if (!j)
		return cli_close(&c, cli_store_error(&c, E_NOMEM));
	if (f == OUT_TABLE)
		printf("A: %s (%s)\nB: %s (%s)\n\n", ra.name, ra.framework, rb.name, rb.framework);
	rc = f == OUT_CSV ? print_json_table(&c, j, NULL, compare_csv_cols,
					     NELEM(compare_csv_cols), 1)
			  : print_compare_table(&c, &cmp, j);
	json_decref(j);
	return cli_close(&c, rc);
}

/* ---- report ---- */

int cmd_selfanalysis_report(int argc, char **argv)
{
	static const char cmd[] = "selfanalysis report";
	const char *db_flag = NULL, *slug = NULL, *name = NULL, *format = "html", *path = NULL;
	const struct cli_option opts[] = {
		{"db", .text = &db_flag},
		{"partnership", .text = &slug, .required = 1},
		{"round", .text = &name, .required = 1},
		{"format", .text = &format},
		{"output", .text = &path, .letter = 'o', .required = 1},
		{0},
	};
	int rc = cli_options(cmd, argc, argv, opts);
	if (rc)
		return rc;
	int f = report_format_parse(format);
	if (f < 0) {
		cli_error("%s: --format is html, pdf or xlsx, not '%s'", cmd, format);
		return EXIT_USAGE;
	}
	struct cli_ctx c;
	struct partnership p;
	struct round r;
	char err[REPORT_ERR_SIZE] = "";
	if ((rc = cli_open(&c, cmd, db_flag)) || (rc = cli_find_round(&c, slug, name, &p, &r)))
		return cli_close(&c, rc);
	enum err e = report_write_file(c.db, &c.pool, p.id, r.id, (enum report_format)f, path,
				       err, sizeof err);
	if (e && err[0]) {
		cli_error("%s: %s: %s", cmd, path, err);
		rc = EXIT_FAIL;
	} else if (e) {
		rc = cli_store_error(&c, e);
	} else {
		printf("Wrote the board paper of \"%s\" to %s\n", r.name, path);
	}
	return cli_close(&c, rc);
}
