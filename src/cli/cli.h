/*
 * cli.h: the command line.  `jcs COMMAND [options]`, each command a struct
 * command in one table (cli.c).  Exit codes: 0 success, 1 failure, 2 usage.
 * Every error is one line on stderr starting "jcs: ".
 */
#ifndef JCS_CLI_H
#define JCS_CLI_H

#include <stddef.h>

enum { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_USAGE = 2 };

struct command {
	const char *name;
	const char *summary; /* one line for `jcs help` */
	const char *usage;   /* the full `jcs NAME --help` text */
	int (*run)(int argc, char **argv);
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
 * The two usage errors every command reports the same way; both return
 * EXIT_USAGE.  opt is the getopt index of the unknown option (optind - 1).
 */
int cli_unknown_option(const char *cmd, char **argv, int opt);
/* EXIT_USAGE (with a message) when arguments remain after the options, else 0. */
int cli_no_arguments(const char *cmd, int argc, char **argv, int optind_);

int cmd_serve(int argc, char **argv);
int cmd_migrate(int argc, char **argv);
int cmd_version(int argc, char **argv);
int cmd_help(int argc, char **argv);

#endif
