/*
 * audit.c: `jcs audit export`, a partnership's audit trail as CSV.
 *
 * With -o the CSV is written to a temporary file beside FILE and renamed
 * over it only when complete, so a failed export never leaves a truncated
 * file that looks whole, nor destroys the previous one.  mkstemp() creates
 * it readable by its owner only: the trail holds names and emails.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "audit/audit.h"
#include "cli/cli.h"
#include "core/pool.h"
#include "db/db.h"
#include "partnership/partnership.h"

/* The export into path, atomically. */
static int export_to_file(const char *cmd, struct db *db, struct pool *pool, int64_t pid,
			  const char *path)
{
	char *tmp = pool_printf(pool, "%s.XXXXXX", path);
	if (!tmp)
		return cli_store_error(cmd, db, E_NOMEM);
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
	enum err e = audit_export_csv(db, pid, f);
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
	return cli_store_error(cmd, db, e);
}

int cmd_audit_export(int argc, char **argv)
{
	static const char cmd[] = "audit export";
	const char *db_flag = NULL, *slug = NULL, *output = NULL;
	static const struct option opts[] = {
		{"db", required_argument, NULL, 'd'},
		{"partnership", required_argument, NULL, 'p'},
		{"output", required_argument, NULL, 'o'},
		{0},
	};
	optind = 0;
	opterr = 0;
	int c;
	while ((c = getopt_long(argc, argv, "+:o:", opts, NULL)) != -1) {
		switch (c) {
		case 'd': db_flag = optarg; break;
		case 'p': slug = optarg; break;
		case 'o': output = optarg; break;
		case ':': return cli_missing_value(cmd, argv, optind - 1);
		default: return cli_unknown_option(cmd, argv, optind - 1);
		}
	}
	if (cli_no_arguments(cmd, argc, argv, optind) ||
	    cli_require(cmd, "--partnership", slug) ||
	    (output && cli_require(cmd, "-o", output)))
		return EXIT_USAGE;
	struct db *db = cli_open_db(db_flag);
	if (!db)
		return EXIT_FAIL;
	struct pool pool;
	pool_init(&pool, CLI_POOL_LIMIT);
	struct partnership p;
	int rc = cli_find_partnership(cmd, db, &pool, slug, &p);
	if (rc)
		goto out;
	if (output) {
		rc = export_to_file(cmd, db, &pool, p.id, output);
		goto out;
	}
	errno = 0;
	enum err e = audit_export_csv(db, p.id, stdout);
	if (e == E_IO) {
		cli_error("%s: cannot write to standard output: %s", cmd,
			  errno ? strerror(errno) : "output failed");
		rc = EXIT_FAIL;
	} else if (e) {
		rc = cli_store_error(cmd, db, e);
	}
out:
	pool_free(&pool);
	db_close(db);
	return rc;
}
