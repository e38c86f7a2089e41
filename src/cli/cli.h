/*
 * cli.h: the command line.  `jcs COMMAND [options]`, each command a struct
 * command in one table (cli.c).  Exit codes: 0 success, 1 failure, 2 usage.
 * Every error is one line on stderr starting "jcs: ".
 *
 * A command with subcommands (`jcs user add`) lists them in a table of its
 * own; cli_main dispatches to them, so `jcs user add --help` prints that
 * subcommand's usage and `jcs user` alone is a usage error.  Every command
 * reads its options through one table-driven getopt loop (cli_options), so
 * usage errors are worded alike; the administration commands also share a
 * context (struct cli_ctx: open and migrate the database, find a
 * partnership or a user, report a store error, print a table), so each
 * reports the same thing the same way.
 */
#ifndef JCS_CLI_H
#define JCS_CLI_H

#include <stddef.h>
#include <stdio.h>

#include "core/err.h"
#include "core/pool.h"

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
/* EXIT_USAGE (with a message) when arguments remain after the options, else 0. */
int cli_no_arguments(const char *cmd, int argc, char **argv, int optind_);
/* EXIT_USAGE (with "CMD: OPTION is required") when value is NULL or "", else 0. */
int cli_require(const char *cmd, const char *option, const char *value);

/*
 * One option of a command, for cli_options(): a table of these, ended by
 * {0}, says what the command takes and where each value goes.  Exactly one
 * of text, flag, csv and many is set:
 *   text  --name VALUE; *text = VALUE (the caller starts it at NULL or a default)
 *   flag  --name, no value; *flag = 1
 *   csv   --format text|csv; *csv = 1 for csv, checked as it is read
 *   many  --name VALUE, repeatable (`compare --round A --round B`):
 *         many[(*count)++] = VALUE, in order; more than max times is a
 *         usage error (the caller starts *count at 0 and checks how many)
 */
struct cli_option {
	const char *name;  /* the long form without "--" */
	const char **text;
	int *flag;
	int *csv;
	char letter;       /* a short form as well (-o), or 0 */
	int required;      /* text only: a usage error when missing or empty */
	const char **many;
	size_t *count;
	size_t max;
};
#define CLI_OPTIONS_MAX 16

/*
 * Read argv's options by the table, then check the command takes no
 * arguments and has every required option, in that order.  0, or
 * EXIT_USAGE after one line saying what is wrong (cli_unknown_option and
 * the others above), so every command words its usage errors alike.
 */
int cli_options(const char *cmd, int argc, char **argv, const struct cli_option *opts);
/*
 * The same for a command that takes one argument, called name in its usage
 * ("FILE.csv"), before, among or after the options: its required options
 * are checked first, then the argument (into *arg), then that no other
 * follows.
 */
int cli_options_and_arg(const char *cmd, int argc, char **argv, const struct cli_option *opts,
			const char *name, const char **arg);

/* ---- for the administration commands (partnership, user, org, area, token, audit) ---- */

struct db;
struct partnership;
struct user;

/* The pool a command's store calls copy their strings into. */
#define CLI_POOL_LIMIT (64u << 20)

/*
 * What an administration command works with: its name (which starts each
 * of its error lines), the database and the pool its store calls copy
 * strings into.  cli_open() it, and cli_close() it however the command
 * ends; the helpers below take it, so each command reports the same thing
 * the same way.
 */
struct cli_ctx {
	const char *cmd;  /* "user add" */
	struct db *db;    /* NULL until opened */
	struct pool pool;
};

/* The pool alone, for a command that checks its input before it opens the
 * database. */
void cli_start(struct cli_ctx *c, const char *cmd);
/*
 * Open the database (cli_db_url(db_flag)) and apply any missing migration,
 * as `jcs serve` does at start, so commands work on a fresh database.
 * EXIT_FAIL (the reason already printed) on failure, else 0.
 */
int cli_open_db(struct cli_ctx *c, const char *db_flag);
/* cli_start() and cli_open_db(): the usual start. */
int cli_open(struct cli_ctx *c, const char *cmd, const char *db_flag);
/* Close the database and free the pool; returns rc, the command's exit code. */
int cli_close(struct cli_ctx *c, int rc);
/*
 * One line for a failed store call: "jcs: CMD: <what went wrong>" (the
 * database's own words for E_DB); returns EXIT_FAIL.  Callers report the
 * errors they can name better (not found, conflict) themselves first.
 */
int cli_store_error(struct cli_ctx *c, enum err rc);
/* email trimmed and lower-cased into the pool, or NULL after "jcs: CMD:
 * 'X' is not an email address". */
const char *cli_email(struct cli_ctx *c, const char *email);
/* The partnership with this slug, or EXIT_FAIL after "jcs: CMD: no
 * partnership with the slug X"; 0 when found. */
int cli_find_partnership(struct cli_ctx *c, const char *slug, struct partnership *out);
/* The user with this email (any partnership), or EXIT_FAIL after a line
 * saying there is none (or that it is not an email address); 0 when found. */
int cli_find_user(struct cli_ctx *c, const char *email, struct user *out);
struct round;
/* The partnership with this slug and its round called name, or EXIT_FAIL
 * after a line saying which is missing; 0 when found. */
int cli_find_round(struct cli_ctx *c, const char *slug, const char *name, struct partnership *p,
		   struct round *r);

/*
 * Print nrows rows of ncols cells (row-major in cells) under the header
 * head: aligned columns for people, or CSV (RFC 4180, spreadsheet formulas
 * defused) when csv is set.  NULL cells print empty.  At most
 * CLI_TABLE_COLS_MAX columns.  EXIT_FAIL (with a message) when out cannot
 * be written, else 0.
 */
#define CLI_TABLE_COLS_MAX 24
int cli_print_table(FILE *out, const char *const *head, size_t ncols, const char *const *cells,
		    size_t nrows, int csv);
/*
 * The cells for a list of nrows rows of ncols, zeroed, from the pool: NULL
 * after reporting e (the list's own store call failed) or running out of
 * memory.
 */
const char **cli_table_cells(struct cli_ctx *c, enum err e, size_t nrows, size_t ncols);

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
int cmd_user_set_role(int argc, char **argv);
/* import.c */
int cmd_org_import(int argc, char **argv);
int cmd_area_import(int argc, char **argv);
struct buf;
/* The whole of path into b (at most b->max bytes); EXIT_FAIL after a line
 * naming the file when it cannot be read or is too large, else 0. */
int cli_read_file(const char *path, struct buf *b);
struct import_result;
/* An import's problems, one line each as "jcs: PATH: row R, column C: ...",
 * then "jcs: PATH: nothing imported (N problems)"; returns EXIT_FAIL. */
int cli_import_problems(const char *path, struct pool *pool, const struct import_result *r);
/* token.c */
int cmd_token_create(int argc, char **argv);
int cmd_token_list(int argc, char **argv);
int cmd_token_revoke(int argc, char **argv);
/* audit.c */
int cmd_audit_export(int argc, char **argv);
/* selfanalysis.c */
int cmd_selfanalysis_frameworks(int argc, char **argv);
int cmd_selfanalysis_framework_import(int argc, char **argv);
int cmd_selfanalysis_rounds(int argc, char **argv);
int cmd_selfanalysis_import(int argc, char **argv);
int cmd_selfanalysis_results(int argc, char **argv);
int cmd_selfanalysis_compare(int argc, char **argv);
int cmd_selfanalysis_report(int argc, char **argv);
/* invite.c */
int cmd_selfanalysis_invite(int argc, char **argv);
/* benchmark.c */
int cmd_selfanalysis_share(int argc, char **argv);
int cmd_selfanalysis_benchmark(int argc, char **argv);
/* action.c */
int cmd_action_add(int argc, char **argv);
int cmd_action_list(int argc, char **argv);

#endif
