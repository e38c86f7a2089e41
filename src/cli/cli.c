/*
 * cli.c: command dispatch, help and the option helpers every command uses.
 * The usage texts live beside the table so `jcs help` and `jcs CMD --help`
 * can never disagree.
 */
#include "cli/cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/migrate.h"

const struct command cli_commands[] = {
	{"serve", "Serve the web application",
	 "Usage: jcs serve [--db DB] [--listen HOST:PORT] [options]\n"
	 "\n"
	 "Serve the web application.  On first start the database is created, its\n"
	 "schema migrated and a demo partnership added.  SIGTERM or SIGINT stops it\n"
	 "gracefully: requests in flight finish, then it exits 0.\n"
	 "\n"
	 "Options:\n"
	 "  --db DB              SQLite file path or postgresql:// URL\n"
	 "                       (env JCS_DB; default var/jcs.db)\n"
	 "  --listen HOST:PORT   address to listen on (env JCS_LISTEN; default\n"
	 "                       127.0.0.1:8080; [::1]:8080 for IPv6; port 0 = any)\n"
	 "  --threads N          worker threads (env JCS_THREADS; default: one per core)\n"
	 "  --max-body BYTES     largest request body, else 413 (env JCS_MAX_BODY;\n"
	 "                       default 10485760)\n"
	 "  --max-buffered BYTES all request bodies being received at once; past\n"
	 "                       it uploads are answered 503 (default 268435456)\n"
	 "  --max-connections N  open connections at most (default 4096)\n"
	 "  --max-per-ip N       open connections from one address (default 256)\n"
	 "  --timeout SECONDS    idle connection time-out (default 30)\n"
	 "  --hsts               send Strict-Transport-Security (env JCS_HSTS=1);\n"
	 "                       use when a TLS proxy fronts jcs\n"
	 "  --quiet              no access log (errors are still logged)\n"
	 "  --no-demo            do not create the demo partnership on an empty database\n"
	 "  -h, --help           this text\n",
	 cmd_serve},
	{"migrate", "Bring the database schema up to date",
	 "Usage: jcs migrate [--db DB] [--status]\n"
	 "\n"
	 "Apply every schema migration this jcs knows that the database lacks, each\n"
	 "in its own transaction.  A database newer than this jcs is refused.\n"
	 "\n"
	 "Options:\n"
	 "  --db DB      SQLite file path or postgresql:// URL (env JCS_DB)\n"
	 "  --status     print the database's version and the latest, change nothing\n"
	 "  -h, --help   this text\n",
	 cmd_migrate},
	{"version", "Print the version",
	 "Usage: jcs version\n\nPrint jcs's version and the newest schema version it knows.\n",
	 cmd_version},
	{"help", "List the commands, or explain one",
	 "Usage: jcs help [COMMAND]\n\nList the commands, or print COMMAND's help.\n",
	 cmd_help},
};

const size_t cli_commands_count = sizeof cli_commands / sizeof cli_commands[0];

void cli_error(const char *fmt, ...)
{
	va_list ap;
	fputs("jcs: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int cli_wants_help(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			return 0;
		if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0)
			return 1;
	}
	return 0;
}

const char *cli_db_url(const char *flag)
{
	if (flag && *flag)
		return flag;
	const char *env = getenv("JCS_DB");
	return env && *env ? env : "var/jcs.db";
}

int cli_parse_uint(const char *what, const char *s, unsigned long min, unsigned long max,
		   unsigned long *out)
{
	char *end;
	errno = 0;
	if (!s || !*s || *s == '-' || *s == '+') {
		cli_error("%s: expected a whole number, got '%s'", what, s ? s : "");
		return -1;
	}
	unsigned long v = strtoul(s, &end, 10);
	if (errno || *end) {
		cli_error("%s: expected a whole number, got '%s'", what, s);
		return -1;
	}
	if (v < min || v > max) {
		cli_error("%s: %lu is outside %lu to %lu", what, v, min, max);
		return -1;
	}
	*out = v;
	return 0;
}

int cli_unknown_option(const char *cmd, char **argv, int opt)
{
	cli_error("%s: unknown option '%s' (run `jcs %s --help`)", cmd, argv[opt], cmd);
	return EXIT_USAGE;
}

int cli_no_arguments(const char *cmd, int argc, char **argv, int optind_)
{
	if (optind_ >= argc)
		return 0;
	cli_error("%s: unexpected argument '%s'", cmd, argv[optind_]);
	return EXIT_USAGE;
}

static void print_overview(FILE *f)
{
	fputs("jcs: the joint commissioning system for children's services\n"
	      "\n"
	      "Usage: jcs COMMAND [options]\n"
	      "\n"
	      "Commands:\n", f);
	for (size_t i = 0; i < cli_commands_count; i++)
		fprintf(f, "  %-10s %s\n", cli_commands[i].name, cli_commands[i].summary);
	fputs("\nRun `jcs COMMAND --help` for a command's options.\n"
	      "Exit codes: 0 success, 1 failure, 2 usage error.\n", f);
}

static const struct command *find(const char *name)
{
	for (size_t i = 0; i < cli_commands_count; i++)
		if (strcmp(cli_commands[i].name, name) == 0)
			return &cli_commands[i];
	return NULL;
}

int cmd_help(int argc, char **argv)
{
	if (argc < 2) {
		print_overview(stdout);
		return EXIT_OK;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)
		argv[1] = "help";
	const struct command *c = find(argv[1]);
	if (!c) {
		cli_error("no such command '%s' (run `jcs help`)", argv[1]);
		return EXIT_USAGE;
	}
	fputs(c->usage, stdout);
	return EXIT_OK;
}

int cmd_version(int argc, char **argv)
{
	if (argc > 1) {
		cli_error("version takes no arguments");
		return EXIT_USAGE;
	}
	printf("jcs %s (schema %d)\n", JCS_VERSION, migrate_latest());
	return EXIT_OK;
}

int cli_main(int argc, char **argv)
{
	if (argc < 2) {
		print_overview(stderr);
		return EXIT_USAGE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		print_overview(stdout);
		return EXIT_OK;
	}
	if (strcmp(argv[1], "--version") == 0)
		return cmd_version(1, argv);
	const struct command *c = find(argv[1]);
	if (!c) {
		cli_error("no such command '%s' (run `jcs help`)", argv[1]);
		return EXIT_USAGE;
	}
	if (c->run != cmd_help && cli_wants_help(argc - 1, argv + 1)) {
		fputs(c->usage, stdout);
		return EXIT_OK;
	}
	return c->run(argc - 1, argv + 1);
}
