/*
 * import.c: `jcs org import` and `jcs area import`, one code path for both:
 * they differ only in the store function they call and the word they
 * print.  The file is read whole (at most IMPORT_FILE_MAX, so a wrong file
 * cannot exhaust memory) and handed to import.h, which checks every row
 * before writing any; its problems are printed one line each, prefixed by
 * the file's name so they read like a compiler's.  Reading the file and
 * printing the problems are shared with `jcs selfanalysis import`.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "audit/audit.h"
#include "cli/cli.h"
#include "core/buf.h"
#include "core/pool.h"
#include "partnership/import.h"
#include "partnership/partnership.h"

#define IMPORT_FILE_MAX (5u << 20)

typedef enum err (*import_fn)(struct db *db, struct pool *pool, const struct actor *who,
			      int64_t partnership_id, const char *data, size_t len,
			      struct import_result *result);

struct import_kind {
	const char *cmd;      /* "org import" */
	const char *one;      /* "organisation" */
	const char *many;     /* "organisations" */
	import_fn fn;
};

int cli_read_file(const char *path, struct buf *b)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		cli_error("%s: %s", path, strerror(errno));
		return EXIT_FAIL;
	}
	char chunk[65536];
	int rc = 0;
	for (;;) {
		size_t got = fread(chunk, 1, sizeof chunk, f);
		if (got && buf_append(b, chunk, got)) {
			if (b->max >= (1u << 20))
				cli_error("%s: larger than %zu MiB: split it into smaller files",
					  path, b->max >> 20);
			else
				cli_error("%s: larger than %zu KiB", path, b->max >> 10);
			rc = EXIT_FAIL;
			break;
		}
		if (got < sizeof chunk) {
			if (ferror(f)) {
				cli_error("%s: %s", path, strerror(errno));
				rc = EXIT_FAIL;
			}
			break;
		}
	}
	fclose(f);
	return rc;
}

int cli_import_problems(const char *path, struct pool *pool, const struct import_result *r)
{
	for (size_t i = 0; i < r->nerrors; i++) {
		const char *text = import_error_text(pool, &r->errors[i]);
		cli_error("%s: %s", path, text ? text : r->errors[i].message);
	}
	if (r->more_errors)
		cli_error("%s: nothing imported (more than %zu problems; the first %zu are listed)",
			  path, r->nerrors, r->nerrors);
	else
		cli_error("%s: nothing imported (%zu problem%s)", path, r->nerrors,
			  r->nerrors == 1 ? "" : "s");
	return EXIT_FAIL;
}

static int run_import(const struct import_kind *k, int argc, char **argv)
{
	const char *db_flag = NULL, *slug = NULL, *path = NULL;
	const struct cli_option opts[] = {
		{"db", .text = &db_flag},
		{"partnership", .text = &slug, .required = 1},
		{0},
	};
	int rc = cli_options_and_arg(k->cmd, argc, argv, opts, "FILE.csv", &path);
	if (rc)
		return rc;

	struct buf data;
	buf_init(&data, IMPORT_FILE_MAX);
	if ((rc = cli_read_file(path, &data))) {
		buf_free(&data);
		return rc;
	}
	struct cli_ctx c;
	struct partnership p;
	struct import_result result;
	memset(&result, 0, sizeof result);
	if ((rc = cli_open(&c, k->cmd, db_flag)) || (rc = cli_find_partnership(&c, slug, &p)))
		goto out;
	enum err e = k->fn(c.db, &c.pool, &actor_cli, p.id, data.data ? data.data : "", data.len,
			   &result);
	if (e == E_INVAL && result.nerrors)
		rc = cli_import_problems(path, &c.pool, &result);
	else if (e)
		rc = cli_store_error(&c, e);
	else
		printf("Imported %zu %s from %s\n", result.added,
		       result.added == 1 ? k->one : k->many, path);
out:
	buf_free(&data);
	return cli_close(&c, rc);
}

int cmd_org_import(int argc, char **argv)
{
	static const struct import_kind k = {"org import", "organisation", "organisations",
					     import_organisations};
	return run_import(&k, argc, argv);
}

int cmd_area_import(int argc, char **argv)
{
	static const struct import_kind k = {"area import", "area", "areas", import_areas};
	return run_import(&k, argc, argv);
}
