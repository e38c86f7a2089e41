/*
 * cli.h: the command line.  `jcs COMMAND [options]`, each command a struct
 * command in one table (cli.c).  Exit codes: 0 success, 1 failure, 2 usage.
 * Every error is one line on stderr starting "jcs: ".
 *
 * A command with subcommands (`jcs user add`) lists them in a table of its
 * own; cli_main dispatches to them, so `jcs user add --help` prints that
 * subcommand's usage and `jcs user` alone is a usage error.  The
 * administration commands share the helpers below (open and migrate the
 * database, find a partnership or a user, report a store error, print a
 * table), so each reports the same thing the same way.
 */
#ifndef JCS_CLI_H
#define JCS_CLI_H

#include <stddef.h>
#include <stdio.h>

#include "core/err.h"

enum { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_USAGE = 2 };

struct subcommand {
	const char *name;
	const char *usage;   /* the full `jcs COMMAND NAME --help` text */
	int (*run)(int argc, char **argv); /* argv[0] is the subcommand's name */
};

struct command {
	const char *name;
	const char *summary; /* one line for `jcs help` */
	const char *usage;   /* the full `jcs NAME --help` text */
	int (*run)(int argc, char **argv); /* NULL when subs dispatches */
	const struct subcommand *subs;     /* NULL: no subcommands */
	size_t nsubs;
};

extern const struct command cli_commands[];
extern const size_t cli_commands_count;

/* Entry point: dispatch argv[1]. */
int cli_main(int argc, char **argv);

/* "jcs: " + message on stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* 1 when argv holds -h or --help (before any "--"). */
int cli_wants_help(int argc, char **argv);
/* The database: --db value, else JCS_DB, else var/jcs.db. */
const char *cli_db_url(const char *flag);
/* Parse an unsigned number in [min, max]; 0 on success, -1 (with a message) else. */
int cli_parse_uint(const char *what, const char *s, unsigned long min, unsigned long max,
		   unsigned long *out);

/*
 * The usage errors every command reports the same way; each returns
 * EXIT_USAGE.  opt is the getopt index of the offending option (optind - 1).
 */
int cli_unknown_option(const char *cmd, char **argv, int opt);
/* An option given without its value (getopt returned ':'). */
int cli_missing_value(const char *cmd, char **argv, int opt);
/* EXIT_USAGE (with a message) when arguments remain after the options, else 0. */
int cli_no_arguments(const char *cmd, int argc, char **argv, int optind_);
/* EXIT_USAGE (with "CMD: OPTION is required") when value is NULL or "", else 0. */
int cli_require(const char *cmd, const char *option, const char *value);
/* --format: "text" (0) or "csv" (1) into *csv; EXIT_USAGE (with a message) else 0. */
int cli_parse_format(const char *cmd, const char *value, int *csv);

/* ---- for the administration commands (partnership, user, org, area, token, audit) ---- */

struct db;
struct partnership;
struct pool;
struct user;

/* The pool a command's store calls copy their strings into. */
#define CLI_POOL_LIMIT (64u << 20)

/*
 * Open the database (cli_db_url(db_flag)) and apply any missing migration,
 * as `jcs serve` does at start, so commands work on a fresh database.  NULL
 * (the reason already printed) on failure.
 */
struct db *cli_open_db(const char *db_flag);
/*
 * One line for a failed store call: "jcs: CMD: <what went wrong>" (the
 * database's own words for E_DB); returns EXIT_FAIL.  Callers report the
 * errors they can name better (not found, conflict) themselves first.
 */
int cli_store_error(const char *cmd, struct db *db, enum err rc);
/* The partnership with this slug, or EXIT_FAIL after "jcs: CMD: no
 * partnership with the slug X"; 0 when found. */
int cli_find_partnership(const char *cmd, struct db *db, struct pool *pool, const char *slug,
			 struct partnership *out);
/* The user with this email (any partnership), or EXIT_FAIL after a line
 * saying there is none (or that it is not an email address); 0 when found. */
int cli_find_user(const char *cmd, struct db *db, struct pool *pool, const char *email,
		  struct user *out);

/*
 * Print nrows rows of ncols cells (row-major in cells) under the header
 * head: aligned columns for people, or CSV (RFC 4180, spreadsheet formulas
 * defused) when csv is set.  NULL cells print empty.  At most
 * CLI_TABLE_COLS_MAX columns.  EXIT_FAIL (with a message) when out cannot
 * be written, else 0.
 */
#define CLI_TABLE_COLS_MAX 16
int cli_print_table(FILE *out, const char *const *head, size_t ncols, const char *const *cells,
		    size_t nrows, int csv);

int cmd_serve(int argc, char **argv);
int cmd_migrate(int argc, char **argv);
int cmd_version(int argc, char **argv);
int cmd_help(int argc, char **argv);

/* partnership.c */
int cmd_partnership_create(int argc, char **argv);
int cmd_partnership_list(int argc, char **argv);
/* user.c */
int cmd_user_add(int argc, char **argv);
int cmd_user_list(int argc, char **argv);
int cmd_user_reset_password(int argc, char **argv);
int cmd_user_disable(int argc, char **argv);
/* import.c */
int cmd_org_import(int argc, char **argv);
int cmd_area_import(int argc, char **argv);
/* token.c */
int cmd_token_create(int argc, char **argv);
int cmd_token_list(int argc, char **argv);
int cmd_token_revoke(int argc, char **argv);
/* audit.c */
int cmd_audit_export(int argc, char **argv);

#endif
