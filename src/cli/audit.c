/*
 * audit.c: `jcs audit export`, a partnership's audit trail as CSV.
 *
 * With -o the CSV is written to a temporary file beside FILE and renamed
 * over it only when complete, so a failed export never leaves a truncated
 * file that looks whole, nor destroys the previous one.  mkstemp() creates
 * it readable by its owner only: the trail holds names and emails.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "audit/audit.h"
#include "cli/cli.h"
#include "core/pool.h"
#include "partnership/partnership.h"

/* The export into path, atomically. */
static int export_to_file(struct cli_ctx *c, int64_t pid, const char *path)
{
	char *tmp = pool_printf(&c->pool, "%s.XXXXXX", path);
	if (!tmp)
		return cli_store_error(c, E_NOMEM);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		cli_error("%s: %s", path, strerror(errno));
		return EXIT_FAIL;
	}
	FILE *f = fdopen(fd, "w");
	if (!f) {
		cli_error("%s: %s", path, strerror(errno));
		close(fd);
		unlink(tmp);
		return EXIT_FAIL;
	}
	errno = 0;
	enum err e = audit_export_csv(c->db, pid, f);
	int saved = errno;
	int closed = fclose(f);
	if (!e && closed != 0) {
		e = E_IO;
		saved = errno;
	}
	if (!e && rename(tmp, path) != 0) {
		e = E_IO;
		saved = errno;
	}
	if (!e)
		return EXIT_OK;
	unlink(tmp);
	if (e == E_IO) {
		cli_error("%s: %s", path, saved ? strerror(saved) : "cannot write");
		return EXIT_FAIL;
	}
	return cli_store_error(c, e);
}

/* The export on standard output. */
static int export_to_stdout(struct cli_ctx *c, int64_t pid)
{
	errno = 0;
	enum err e = audit_export_csv(c->db, pid, stdout);
	if (e == E_IO) {
		cli_error("%s: cannot write to standard output: %s", c->cmd,
			  errno ? strerror(errno) : "output failed");
		return EXIT_FAIL;
	}
	return e ? cli_store_error(c, e) : EXIT_OK;
}

int cmd_audit_export(int argc, char **argv)
{
	static const char cmd[] = "audit export";
	const char *db_flag = NULL, *slug = NULL, *output = NULL;
	const struct cli_option opts[] = {
		{"db", .text = &db_flag},
		{"partnership", .text = &slug, .required = 1},
		{"output", .text = &output, .letter = 'o'},
		{0},
	};
	struct cli_ctx c;
	struct partnership p;
	int rc = cli_options(cmd, argc, argv, opts);
	if (rc || (output && (rc = cli_require(cmd, "-o", output))))
		return rc;
	if ((rc = cli_open(&c, cmd, db_flag)) || (rc = cli_find_partnership(&c, slug, &p)))
		return cli_close(&c, rc);
	rc = output ? export_to_file(&c, p.id, output) : export_to_stdout(&c, p.id);
	return cli_close(&c, rc);
}
