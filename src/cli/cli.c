/*
 * cli.c: command dispatch, help and the helpers every command uses.  The
 * usage texts live beside the table so `jcs help` and `jcs CMD --help` can
 * never disagree.  The commands' shared steps (read the options by a
 * table, open and migrate the database, find a partnership or user by what
 * people type, word a store error, print a table) are here rather than in
 * each command, so they all behave alike.
 */
#include "cli/cli.h"

#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/user.h"
#include "core/buf.h"
#include "core/csv.h"
#include "db/db.h"
#include "db/migrate.h"
#include "partnership/partnership.h"
#include "selfanalysis/round.h"

/*
 * The administration commands' usage texts.  Each subcommand's text is
 * written once, here, and used twice: alone for `jcs CMD SUB --help`, and
 * joined with its siblings' for `jcs CMD --help` and `jcs help CMD`.
 * Options start at column 2 and their descriptions at column 24.
 */
#define DB_OPTION \
	"  --db DB               SQLite file path or postgresql:// URL\n" \
	"                        (env JCS_DB; default var/jcs.db)\n"
#define HELP_OPTION "  -h, --help            this text\n"
#define FORMAT_OPTION "  --format FORMAT       text (aligned columns, the default) or csv\n"

#define USAGE_PARTNERSHIP_CREATE \
	"Usage: jcs partnership create --slug SLUG --name NAME [--db DB]\n" \
	"\n" \
	"Create a partnership: one area's joint commissioning arrangement.  Its\n" \
	"organisations, areas, boards and people are added to it afterwards.\n" \
	"\n" \
	"Options:\n" \
	"  --slug SLUG           its short name in commands and URLs: 1 to 63\n" \
	"                        lower-case letters, digits and hyphens, not\n" \
	"                        starting or ending with a hyphen\n" \
	"  --name NAME           its full name, as people see it\n" \
	DB_OPTION HELP_OPTION

#define USAGE_PARTNERSHIP_LIST \
	"Usage: jcs partnership list [--format text|csv] [--db DB]\n" \
	"\n" \
	"List every partnership by slug: its slug and name.\n" \
	"\n" \
	"Options:\n" \
	FORMAT_OPTION DB_OPTION HELP_OPTION

#define USAGE_USER_ADD \
	"Usage: jcs user add --partnership SLUG --email EMAIL --role ROLE\n" \
	"                    [--name NAME] [--organisation NAME] [--db DB]\n" \
	"\n" \
	"Add a person who signs in to jcs, with one role in one partnership.  A\n" \
	"password is generated and printed once on standard output; they must\n" \
	"change it when they first sign in.\n" \
	"\n" \
	"Options:\n" \
	"  --partnership SLUG    the partnership they belong to (every role but\n" \
	"                        national)\n" \
	"  --email EMAIL         the address they sign in with (one account each)\n" \
	"  --role ROLE           one of:\n" \
	"                          admin         runs the partnership in jcs:\n" \
	"                                        people, structure, audit\n" \
	"                          commissioner  writes the partnership's records\n" \
	"                          analyst       reads everything\n" \
	"                          board_member  reads what boards see\n" \
	"                          provider      a provider organisation's staff\n" \
	"                                        (needs --organisation)\n" \
	"                          viewer        reads only\n" \
	"                          national      aggregated views across\n" \
	"                                        partnerships, no records (takes\n" \
	"                                        no --partnership)\n" \
	"  --name NAME           their name (default: the email before the @)\n" \
	"  --organisation NAME   for providers: their organisation, by its exact\n" \
	"                        name in the partnership; it must provide services\n" \
	"                        (its role provider or both)\n" \
	DB_OPTION HELP_OPTION

#define USAGE_USER_LIST \
	"Usage: jcs user list [--partnership SLUG] [--format text|csv] [--db DB]\n" \
	"\n" \
	"List the people who sign in, by email: name, role, partnership,\n" \
	"organisation and status.  Passwords are never shown.\n" \
	"\n" \
	"Options:\n" \
	"  --partnership SLUG    only this partnership's people (default: everyone,\n" \
	"                        national users too)\n" \
	FORMAT_OPTION DB_OPTION HELP_OPTION

#define USAGE_USER_RESET_PASSWORD \
	"Usage: jcs user reset-password --email EMAIL [--db DB]\n" \
	"\n" \
	"Give a user a new one-time password, printed once on standard output.\n" \
	"They must change it when they next sign in; their sessions and API\n" \
	"tokens end now.\n" \
	"\n" \
	"Options:\n" \
	"  --email EMAIL         the user\n" \
	DB_OPTION HELP_OPTION

#define USAGE_USER_DISABLE \
	"Usage: jcs user disable --email EMAIL [--enable] [--db DB]\n" \
	"\n" \
	"Stop a user signing in: their sessions and API tokens end now.  Nothing\n" \
	"is deleted, and what they did stays in the audit trail.\n" \
	"\n" \
	"Options:\n" \
	"  --email EMAIL         the user\n" \
	"  --enable              undo: let a disabled user sign in again\n" \
	DB_OPTION HELP_OPTION

#define USAGE_USER_SET_ROLE \
	"Usage: jcs user set-role --email EMAIL --role ROLE [--organisation NAME]\n" \
	"                         [--db DB]\n" \
	"\n" \
	"Change a user's role in their partnership (and, for a provider, their\n" \
	"organisation).  They keep their email, name, password and partnership.\n" \
	"A partnership's user cannot be made national, and the last active admin\n" \
	"of a partnership cannot be given another role.\n" \
	"\n" \
	"Options:\n" \
	"  --email EMAIL         the user\n" \
	"  --role ROLE           admin, commissioner, analyst, board_member,\n" \
	"                        provider (needs --organisation) or viewer\n" \
	"  --organisation NAME   for providers: their organisation, by its exact\n" \
	"                        name in the partnership; it must provide services\n" \
	"                        (its role provider or both)\n" \
	DB_OPTION HELP_OPTION

/* What both imports say about the file. */
#define IMPORT_FILE_TEXT \
	"The file is CSV (UTF-8, comma separated, fields with commas or quotes in\n" \
	"double quotes), a header row first, at most 5 MiB.  All or nothing: every\n" \
	"row is checked and every problem listed as \"FILE: row R, column C: ...\"\n" \
	"(the header is row 1); only a file without problems is imported, in one\n" \
	"transaction, each record with its audit event.\n"

#define USAGE_ORG_IMPORT \
	"Usage: jcs org import --partnership SLUG [--db DB] FILE.csv\n" \
	"\n" \
	"Add partner organisations to a partnership from a CSV file.\n" \
	"\n" \
	IMPORT_FILE_TEXT \
	"\n" \
	"Columns (any order; name, type and role required):\n" \
	"  name                  the organisation's name, unique in the partnership\n" \
	"  type                  county_council, unitary_council, district_council,\n" \
	"                        nhs, school, police, voluntary, private or other\n" \
	"  role                  commissioner, provider or both\n" \
	"  identifier            optional: Companies House or charity number, or\n" \
	"                        ODS code\n" \
	"\n" \
	"Example:\n" \
	"  name,type,role,identifier\n" \
	"  Oxfordshire County Council,county_council,commissioner,\n" \
	"  Banbury Youth Trust,voluntary,provider,1234567\n" \
	"\n" \
	"Options:\n" \
	"  --partnership SLUG    the partnership to add them to\n" \
	DB_OPTION HELP_OPTION

#define USAGE_AREA_IMPORT \
	"Usage: jcs area import --partnership SLUG [--db DB] FILE.csv\n" \
	"\n" \
	"Add areas to a partnership from a CSV file.\n" \
	"\n" \
	IMPORT_FILE_TEXT \
	"\n" \
	"Columns (any order; name, type and parent required):\n" \
	"  name                  the area's name, unique in the partnership\n" \
	"  type                  county, district, locality or ward\n" \
	"  parent                the area it lies in, by name: an existing area or\n" \
	"                        an earlier row, of a higher level (county >\n" \
	"                        district > locality > ward); empty at the top\n" \
	"  population_0_19       optional: children and young people aged 0-19, a\n" \
	"                        whole number; empty when not known\n" \
	"  imd_decile            optional: index of multiple deprivation decile,\n" \
	"                        1 (most deprived 10%) to 10; empty when not known\n" \
	"\n" \
	"Example:\n" \
	"  name,type,parent,population_0_19,imd_decile\n" \
	"  Oxfordshire,county,,152000,\n" \
	"  Cherwell,district,Oxfordshire,35000,\n" \
	"  Banbury Ruscote,ward,Cherwell,2100,2\n" \
	"\n" \
	"Options:\n" \
	"  --partnership SLUG    the partnership to add them to\n" \
	DB_OPTION HELP_OPTION

#define USAGE_TOKEN_CREATE \
	"Usage: jcs token create --user EMAIL [--name NAME] [--db DB]\n" \
	"\n" \
	"Create an API token for scripts.  It acts as the user, with their role\n" \
	"and partnership, on /api/v1/...: send it as \"Authorization: Bearer TOKEN\".\n" \
	"The token alone is printed once on standard output, so a script can\n" \
	"capture it (TOKEN=$(jcs token create --user ...)); only its hash is kept.\n" \
	"It stops working when revoked, when the user is disabled or when their\n" \
	"password is reset.\n" \
	"\n" \
	"Options:\n" \
	"  --user EMAIL          the user it acts as\n" \
	"  --name NAME           what it is for, up to 100 bytes (default\n" \
	"                        \"command line\")\n" \
	DB_OPTION HELP_OPTION

#define USAGE_TOKEN_LIST \
	"Usage: jcs token list --user EMAIL [--format text|csv] [--db DB]\n" \
	"\n" \
	"List a user's API tokens, newest first: id, name, when created and last\n" \
	"used, and whether revoked.  The tokens themselves are never shown.\n" \
	"\n" \
	"Options:\n" \
	"  --user EMAIL          the user\n" \
	FORMAT_OPTION DB_OPTION HELP_OPTION

#define USAGE_TOKEN_REVOKE \
	"Usage: jcs token revoke --user EMAIL --id N [--db DB]\n" \
	"\n" \
	"Revoke one of a user's API tokens, at once and for good.\n" \
	"\n" \
	"Options:\n" \
	"  --user EMAIL          the user\n" \
	"  --id N                the token's id (see `jcs token list`)\n" \
	DB_OPTION HELP_OPTION

#define USAGE_AUDIT_EXPORT \
	"Usage: jcs audit export --partnership SLUG [-o FILE] [--db DB]\n" \
	"\n" \
	"Write a partnership's audit trail, oldest first, as CSV with the header\n" \
	"id,at,actor,action,entity,entity_id,before,after: who changed which record\n" \
	"when, with its values before and after as JSON.  Passwords, sessions and\n" \
	"tokens are never in it, but names and emails are: keep the file safe.\n" \
	"\n" \
	"Options:\n" \
	"  --partnership SLUG    the partnership\n" \
	"  -o, --output FILE     write to FILE (replaced whole, readable by its\n" \
	"                        owner only) instead of standard output\n" \
	DB_OPTION HELP_OPTION

static const struct subcommand partnership_subs[] = {
	{"create", USAGE_PARTNERSHIP_CREATE, cmd_partnership_create},
	{"list", USAGE_PARTNERSHIP_LIST, cmd_partnership_list},
};
static const struct subcommand user_subs[] = {
	{"add", USAGE_USER_ADD, cmd_user_add},
	{"list", USAGE_USER_LIST, cmd_user_list},
	{"reset-password", USAGE_USER_RESET_PASSWORD, cmd_user_reset_password},
	{"disable", USAGE_USER_DISABLE, cmd_user_disable},
	{"set-role", USAGE_USER_SET_ROLE, cmd_user_set_role},
};
static const struct subcommand org_subs[] = {
	{"import", USAGE_ORG_IMPORT, cmd_org_import},
};
static const struct subcommand area_subs[] = {
	{"import", USAGE_AREA_IMPORT, cmd_area_import},
};
static const struct subcommand token_subs[] = {
	{"create", USAGE_TOKEN_CREATE, cmd_token_create},
	{"list", USAGE_TOKEN_LIST, cmd_token_list},
	{"revoke", USAGE_TOKEN_REVOKE, cmd_token_revoke},
};
static const struct subcommand audit_subs[] = {
	{"export", USAGE_AUDIT_EXPORT, cmd_audit_export},
};

#define USAGE_SELFANALYSIS_FRAMEWORKS \
	"Usage: jcs selfanalysis frameworks [--partnership SLUG] [--format text|csv]\n" \
	"                                   [--db DB]\n" \
	"\n" \
	"List the self-analysis frameworks jcs knows, with the ids that imports\n" \
	"and rounds name: the Commissioning Support Programme's 12 statements\n" \
	"(csp-2009-12) and 13 standards (csp-2009-13).  Their format is described\n" \
	"in docs/frameworks.md.\n" \
	"\n" \
	"Options:\n" \
	"  --partnership SLUG    the partnership's imported frameworks as well\n" \
	"                        (default: the shipped ones only)\n" \
	FORMAT_OPTION \
	DB_OPTION HELP_OPTION

#define USAGE_SELFANALYSIS_FRAMEWORK_IMPORT \
	"Usage: jcs selfanalysis framework-import --partnership SLUG [--db DB]\n" \
	"                                         FILE.json\n" \
	"\n" \
	"Import a self-assessment framework (JSON, format in docs/frameworks.md)\n" \
	"into a partnership, so its rounds can use it.  Its id must be new: an\n" \
	"imported framework never changes, since rounds name it.\n" \
	"\n" \
	"Options:\n" \
	"  --partnership SLUG    the partnership\n" \
	DB_OPTION HELP_OPTION

#define USAGE_SELFANALYSIS_ROUNDS \
	"Usage: jcs selfanalysis rounds --partnership SLUG [--format text|csv]\n" \
	"                               [--db DB]\n" \
	"\n" \
	"List a partnership's self-analysis rounds, newest first: name, framework,\n" \
	"mode, dates, number of responses, open or closed, and whether shared with\n" \
	"the national benchmark.\n" \
	"\n" \
	"Options:\n" \
	"  --partnership SLUG    the partnership\n" \
	FORMAT_OPTION DB_OPTION HELP_OPTION

#define USAGE_SELFANALYSIS_IMPORT \
	"Usage: jcs selfanalysis import --partnership SLUG --framework ID --round NAME\n" \
	"                               [--mode interviews|group] [--comments FILE.csv]\n" \
	"                               [--db DB] FILE.csv\n" \
	"\n" \
	"Import a round's scores from CSV (UTF-8, at most 5 MiB): a header row\n" \
	"standard,<respondent>,<respondent>,... with an optional last column\n" \
	"stated_average, then one row per standard, numbered as in the framework.\n" \
	"Each respondent's column is headed by its label (an interview number, a\n" \
	"group's name); a cell is a score (3, 3.5), a range (1 / 2), Don't know\n" \
	"(or DK) or empty (no answer).  stated_average is the average the source\n" \
	"document printed, if any: the results check it.  The round is created,\n" \
	"or an existing round of the same framework with no responses is filled.\n" \
	"All or nothing: every problem is listed as \"FILE: row R, column C: ...\"\n" \
	"(the header is row 1) and only files without problems are imported.\n" \
	"\n" \
	"Example:\n" \
	"  standard,1,2,3,stated_average\n" \
	"  1,4,3,1.5,2.83\n" \
	"  2,3,Don't know,3.5,3.25\n" \
	"\n" \
	"Options:\n" \
	"  --partnership SLUG    the partnership\n" \
	"  --framework ID        the framework (see `jcs selfanalysis frameworks`)\n" \
	"  --round NAME          the round's name, unique in the partnership\n" \
	"  --mode MODE           interviews (each respondent scores each standard,\n" \
	"                        the default) or group (one agreed score each)\n" \
	"  --comments FILE.csv   comments, header standard,comment: one a row,\n" \
	"                        stored without saying whose they are\n" \
	DB_OPTION HELP_OPTION

#define RESULTS_FORMAT_OPTION \
	"  --format FORMAT       table (for people, the default), csv or json\n"

#define USAGE_SELFANALYSIS_RESULTS \
	"Usage: jcs selfanalysis results --partnership SLUG --round NAME\n" \
	"                                [--format table|csv|json] [--db DB]\n" \
	"\n" \
	"A round's results, standard by standard: n (scores), Don't know, no answer,\n" \
	"mean, median, quartiles, minimum, maximum, standard deviation, agreement\n" \
	"(rwg), rank, and any stated average with a note when it does not match.\n" \
	"The table is sorted highest mean first with the highest and lowest marked;\n" \
	"csv and json are in the framework's order.  json is an array of objects\n" \
	"with standard, key, title, n, dont_know, no_answer, mean, median, q1, q3,\n" \
	"min, max, sd, rwg, rank, highest, lowest, stated_average, stated_mismatch\n" \
	"and note (null where there is none); csv has the same columns.\n" \
	"\n" \
	"Options:\n" \
	"  --partnership SLUG    the partnership\n" \
	"  --round NAME          the round\n" \
	RESULTS_FORMAT_OPTION DB_OPTION HELP_OPTION

#define USAGE_SELFANALYSIS_COMPARE \
	"Usage: jcs selfanalysis compare --partnership SLUG --round A --round B\n" \
	"                                [--format table|csv|json] [--db DB]\n" \
	"\n" \
	"Compare two rounds standard by standard (matched by key, so the two\n" \
	"versions of the CSP framework compare): n and mean in each, the change,\n" \
	"the probability that a score in B exceeds one in A (ties half), its\n" \
	"p-value (exact, or 10,000 permutations with a fixed seed) and what the\n" \
	"figures support in words.  json keys: key, title, standard_a,\n" \
	"standard_b, n_a, n_b, mean_a, mean_b, mean_change, superiority, p_value,\n" \
	"method, permutations, words.\n" \
	"\n" \
	"Options:\n" \
	"  --partnership SLUG    the partnership\n" \
	"  --round NAME          twice, in either order: the round that opened\n" \
	"                        first (by its opening date, else the day it was\n" \
	"                        made) is the earlier (A), the other the later (B)\n" \
	RESULTS_FORMAT_OPTION DB_OPTION HELP_OPTION

#define USAGE_SELFANALYSIS_REPORT \
	"Usage: jcs selfanalysis report --partnership SLUG --round NAME\n" \
	"                               [--format html|pdf|xlsx] -o FILE [--db DB]\n" \
	"\n" \
	"Write a round's board paper: the summary sorted highest to lowest, the key\n" \
	"messages, the anonymised annex and selected comments when enough people\n" \
	"responded, and the comparison with the previous round.  The file is\n" \
	"replaced whole, never left half written.\n" \
	"\n" \
	"Options:\n" \
	"  --partnership SLUG    the partnership\n" \
	"  --round NAME          the round\n" \
	"  --format FORMAT       html (the default), pdf (A4) or xlsx\n" \
	"  -o, --output FILE     where to write it\n" \
	DB_OPTION HELP_OPTION

#define USAGE_SELFANALYSIS_SHARE \
	"Usage: jcs selfanalysis share --partnership SLUG --round NAME [--undo]\n" \
	"                              [--db DB]\n" \
	"\n" \
	"Share a round's aggregated results with the national benchmark: for each\n" \
	"standard, the number of scores and their mean, nothing else.  An interview\n" \
	"round is shared only when at least as many people responded as the\n" \
	"partnership's anonymity threshold, and only the standards that many people\n" \
	"scored.  Sharing again replaces what the round shared.\n" \
	"\n" \
	"Options:\n" \
	"  --partnership SLUG    the partnership\n" \
	"  --round NAME          the round\n" \
	"  --undo                withdraw the round from the benchmark\n" \
	DB_OPTION HELP_OPTION

#define USAGE_SELFANALYSIS_BENCHMARK \
	"Usage: jcs selfanalysis benchmark --partnership SLUG\n" \
	"                                  [--format text|csv|json] [--db DB]\n" \
	"\n" \
	"Where a partnership stands among the partnerships that share, standard by\n" \
	"standard (by key): how many share it, the quartiles of their mean scores\n" \
	"(each partnership counted once, by its latest shared round), and the\n" \
	"partnership's own latest shared mean and where it stands.  A standard\n" \
	"fewer than 5 partnerships share is suppressed.  No partnership is named.\n" \
	"json: {\"min_partnerships\", \"shared\": [round_id, round, shared_at],\n" \
	"\"data\": [key, title, partnerships, suppressed, q1, median, q3, own_mean,\n" \
	"own_n, position]} (null where suppressed or absent).\n" \
	"\n" \
	"Options:\n" \
	"  --partnership SLUG    the partnership\n" \
	"  --format FORMAT       text (aligned columns, the default), csv or json\n" \
	DB_OPTION HELP_OPTION

#define USAGE_SELFANALYSIS_INVITE \
	"Usage: jcs selfanalysis invite --partnership SLUG --round NAME [--count N]\n" \
	"                               [--group LABEL] [--base-url URL] [--db DB]\n" \
	"\n" \
	"Create invitation links for a round's online collection and print them,\n" \
	"one a line, on standard output: BASE-URL/respond?t=TOKEN.  Send each\n" \
	"person one link: through it they answer, save and come back, and submit\n" \
	"once, with no account.  The links are printed once; only their hashes are\n" \
	"kept, so jcs cannot show them again.  Answers are stored without their\n" \
	"link.  Withdraw unused links on the round's invitations page.\n" \
	"\n" \
	"Options:\n" \
	"  --partnership SLUG    the partnership\n" \
	"  --round NAME          the round, which must not be closed\n" \
	"  --count N             how many links, 1 to 200 (default 1)\n" \
	"  --group LABEL         the respondents' group, for results by group\n" \
	"                        (such as Health or Schools)\n" \
	"  --base-url URL        the service's address as respondents reach it,\n" \
	"                        such as https://jcs.example.org (default: links\n" \
	"                        are printed as paths, /respond?t=...)\n" \
	DB_OPTION HELP_OPTION

static const struct subcommand selfanalysis_subs[] = {
	{"frameworks", USAGE_SELFANALYSIS_FRAMEWORKS, cmd_selfanalysis_frameworks},
	{"framework-import", USAGE_SELFANALYSIS_FRAMEWORK_IMPORT, cmd_selfanalysis_framework_import},
	{"rounds", USAGE_SELFANALYSIS_ROUNDS, cmd_selfanalysis_rounds},
	{"import", USAGE_SELFANALYSIS_IMPORT, cmd_selfanalysis_import},
	{"results", USAGE_SELFANALYSIS_RESULTS, cmd_selfanalysis_results},
	{"compare", USAGE_SELFANALYSIS_COMPARE, cmd_selfanalysis_compare},
	{"report", USAGE_SELFANALYSIS_REPORT, cmd_selfanalysis_report},
	{"invite", USAGE_SELFANALYSIS_INVITE, cmd_selfanalysis_invite},
	{"share", USAGE_SELFANALYSIS_SHARE, cmd_selfanalysis_share},
	{"benchmark", USAGE_SELFANALYSIS_BENCHMARK, cmd_selfanalysis_benchmark},
};

#define USAGE_ACTION_ADD \
	"Usage: jcs action add --partnership SLUG --title TITLE [--owner ORG]\n" \
	"                      [--lead LEAD] [--due YYYY-MM-DD] [--status STATUS]\n" \
	"                      [--round NAME --standard KEY ...] [--db DB]\n" \
	"\n" \
	"Add an action to a partnership's action plan, linked to the standards of a\n" \
	"self-analysis round it addresses, and print its id.\n" \
	"\n" \
	"Options:\n" \
	"  --partnership SLUG    the partnership\n" \
	"  --title TITLE         what will be done (1 to 300 characters)\n" \
	"  --owner ORG           the owner organisation, by its exact name: a current\n" \
	"                        organisation of the partnership\n" \
	"  --lead LEAD           the person or role who leads it\n" \
	"  --due YYYY-MM-DD      the day it is due\n" \
	"  --status STATUS       not_started (the default), in_progress, done or\n" \
	"                        dropped\n" \
	"  --round NAME          the self-analysis round whose standards it addresses\n" \
	"  --standard KEY        a standard of that round, by its key (see the\n" \
	"                        framework in `jcs selfanalysis frameworks`); repeat\n" \
	"                        it for several, at most 50\n" \
	DB_OPTION HELP_OPTION

#define USAGE_ACTION_LIST \
	"Usage: jcs action list --partnership SLUG [--round NAME]\n" \
	"                       [--format text|csv] [--db DB]\n" \
	"\n" \
	"List a partnership's actions by due day (those without one last): id,\n" \
	"title, owner, lead, due day, status, whether overdue (past its day and\n" \
	"neither done nor dropped) and the standards it addresses, as ROUND: KEY\n" \
	"separated by \"; \".\n" \
	"\n" \
	"Options:\n" \
	"  --partnership SLUG    the partnership\n" \
	"  --round NAME          only the actions linked to this round's standards\n" \
	FORMAT_OPTION DB_OPTION HELP_OPTION

static const struct subcommand action_subs[] = {
	{"add", USAGE_ACTION_ADD, cmd_action_add},
	{"list", USAGE_ACTION_LIST, cmd_action_list},
};

#define SUBS(a) (a), sizeof(a) / sizeof((a)[0])
/* The text before a command's subcommands' own. */
#define COMMAND_HEAD(cmd, subs, what) \
	"Usage: jcs " cmd " " subs " [options]\n\n" what "\n" \
	"Run `jcs " cmd " SUBCOMMAND --help` for one of them.\n\n"

const struct command cli_commands[] = {
	{"serve", "Serve the web application",
	 "Usage: jcs serve [--db DB] [--listen HOST:PORT] [options]\n"
	 "\n"
	 "Serve the web application.  On first start the database is created and\n"
	 "its schema migrated (with --demo, a demo partnership added).  SIGTERM or\n"
	 "SIGINT stops it gracefully: requests in flight finish, then it exits 0.\n"
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
	 "  --plain-http         development over plain HTTP: cookies without Secure\n"
	 "                       and without the __Host- prefix (env JCS_PLAIN_HTTP=1);\n"
	 "                       never in production\n"
	 "  --trusted-proxy ADDR the TLS proxy's address: for its requests the client\n"
	 "                       is the last X-Forwarded-For hop (env JCS_TRUSTED_PROXY)\n"
	 "  --session-idle SECONDS  sign out after this long unused (default 1800)\n"
	 "  --session-max SECONDS   sign out this long after sign-in (default 43200)\n"
	 "  --quiet              no access log (errors are still logged)\n"
	 "  --demo               on an empty database, create the demo partnership and\n"
	 "                       an administrator whose password is printed once\n"
	 "                       (env JCS_DEMO=1; `make run` does; never in production)\n"
	 "  -h, --help           this text\n",
	 cmd_serve, NULL, 0},
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
	 cmd_migrate, NULL, 0},
	{"partnership", "Create and list partnerships",
	 COMMAND_HEAD("partnership", "create|list", "Create and list partnerships.")
	 USAGE_PARTNERSHIP_CREATE "\n" USAGE_PARTNERSHIP_LIST,
	 NULL, SUBS(partnership_subs)},
	{"user", "Add, list, change, reset and disable the people who sign in",
	 COMMAND_HEAD("user", "add|list|reset-password|disable|set-role",
		      "Manage the people who sign in to jcs.")
	 USAGE_USER_ADD "\n" USAGE_USER_LIST "\n" USAGE_USER_RESET_PASSWORD "\n"
	 USAGE_USER_DISABLE "\n" USAGE_USER_SET_ROLE,
	 NULL, SUBS(user_subs)},
	{"org", "Import a partnership's organisations from CSV",
	 COMMAND_HEAD("org", "import", "Set up a partnership's partner organisations in bulk.")
	 USAGE_ORG_IMPORT,
	 NULL, SUBS(org_subs)},
	{"area", "Import a partnership's areas from CSV",
	 COMMAND_HEAD("area", "import", "Set up a partnership's areas in bulk.")
	 USAGE_AREA_IMPORT,
	 NULL, SUBS(area_subs)},
	{"token", "Create, list and revoke API tokens",
	 COMMAND_HEAD("token", "create|list|revoke", "Manage API tokens for scripts.")
	 USAGE_TOKEN_CREATE "\n" USAGE_TOKEN_LIST "\n" USAGE_TOKEN_REVOKE,
	 NULL, SUBS(token_subs)},
	{"audit", "Export a partnership's audit trail as CSV",
	 COMMAND_HEAD("audit", "export", "Read a partnership's audit trail.")
	 USAGE_AUDIT_EXPORT,
	 NULL, SUBS(audit_subs)},
	{"selfanalysis", "Self-analysis against the commissioning standards",
	 COMMAND_HEAD("selfanalysis",
		      "frameworks|framework-import|rounds|import|results|compare|report|invite|"
		      "share|benchmark",
		      "Self-analysis: frameworks, rounds, imports, results and board papers.")
	 USAGE_SELFANALYSIS_FRAMEWORKS "\n" USAGE_SELFANALYSIS_FRAMEWORK_IMPORT "\n"
	 USAGE_SELFANALYSIS_ROUNDS "\n" USAGE_SELFANALYSIS_IMPORT "\n"
	 USAGE_SELFANALYSIS_RESULTS "\n" USAGE_SELFANALYSIS_COMPARE "\n"
	 USAGE_SELFANALYSIS_REPORT "\n" USAGE_SELFANALYSIS_INVITE "\n"
	 USAGE_SELFANALYSIS_SHARE "\n" USAGE_SELFANALYSIS_BENCHMARK,
	 NULL, SUBS(selfanalysis_subs)},
	{"action", "Add and list a partnership's actions",
	 COMMAND_HEAD("action", "add|list", "Action plans: what a partnership means to do.")
	 USAGE_ACTION_ADD "\n" USAGE_ACTION_LIST,
	 NULL, SUBS(action_subs)},
	{"version", "Print the version",
	 "Usage: jcs version\n\nPrint jcs's version and the newest schema version it knows.\n",
	 cmd_version, NULL, 0},
	{"help", "List the commands, or explain one",
	 "Usage: jcs help [COMMAND [SUBCOMMAND]]\n\nList the commands, or print a command's or\n"
	 "subcommand's help.\n",
	 cmd_help, NULL, 0},
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

/* An option given without its value (getopt returned ':'). */
static int cli_missing_value(const char *cmd, char **argv, int opt)
{
	cli_error("%s: option '%s' needs a value (run `jcs %s --help`)", cmd, argv[opt], cmd);
	return EXIT_USAGE;
}

int cli_require(const char *cmd, const char *option, const char *value)
{
	if (value && *value)
		return 0;
	cli_error("%s: %s is required (run `jcs %s --help`)", cmd, option, cmd);
	return EXIT_USAGE;
}

/* --format: "text" (0) or "csv" (1) into *csv; EXIT_USAGE (with a message) else 0. */
static int cli_parse_format(const char *cmd, const char *value, int *csv)
{
	if (strcmp(value, "text") == 0 || strcmp(value, "csv") == 0) {
		*csv = value[0] == 'c';
		return 0;
	}
	cli_error("%s: --format is text or csv, not '%s'", cmd, value);
	return EXIT_USAGE;
}

/* ---- options ---- */

/* getopt_long's code for option i: its letter when it has one, so -o and
 * --output are one option; else past every character. */
static int option_code(const struct cli_option *o, size_t i)
{
	return o->letter ? o->letter : 256 + (int)i;
}

/*
 * One getopt_long loop for every command.  The option string starts with
 * ':' so a missing value is told apart from an unknown option; with "+"
 * (a command without an argument) the options stop at the first argument,
 * which is then refused, else they may come on either side of it.
 */
static int read_options(const char *cmd, int argc, char **argv, const struct cli_option *opts,
			int permute)
{
	struct option table[CLI_OPTIONS_MAX + 1];
	char letters[2 + 2 * CLI_OPTIONS_MAX + 1];
	size_t n = 0, nl = 0;
	if (!permute)
		letters[nl++] = '+';
	letters[nl++] = ':';
	for (; opts[n].name; n++) {
		if (n == CLI_OPTIONS_MAX) {
			cli_error("%s: too many options", cmd); /* a programming error */
			return EXIT_FAIL;
		}
		int has_arg = opts[n].flag ? no_argument : required_argument;
		table[n] = (struct option){opts[n].name, has_arg, NULL, option_code(&opts[n], n)};
		if (opts[n].letter) {
			letters[nl++] = opts[n].letter;
			if (has_arg)
				letters[nl++] = ':';
		}
	}
	table[n] = (struct option){0};
	letters[nl] = '\0';

	optind = 0;
	opterr = 0;
	int c;
	while ((c = getopt_long(argc, argv, letters, table, NULL)) != -1) {
		if (c == ':')
			return cli_missing_value(cmd, argv, optind - 1);
		size_t i = 0;
		while (i < n && option_code(&opts[i], i) != c)
			i++;
		if (i == n)
			return cli_unknown_option(cmd, argv, optind - 1);
		if (opts[i].flag) {
			*opts[i].flag = 1;
		} else if (opts[i].many) {
			if (*opts[i].count == opts[i].max) {
				cli_error("%s: --%s is given at most %zu times", cmd, opts[i].name,
					  opts[i].max);
				return EXIT_USAGE;
			}
			opts[i].many[(*opts[i].count)++] = optarg;
		} else if (opts[i].csv) {
			if (cli_parse_format(cmd, optarg, opts[i].csv))
				return EXIT_USAGE;
		} else {
			*opts[i].text = optarg;
		}
	}
	return 0;
}

static int check_required(const char *cmd, const struct cli_option *opts)
{
	for (const struct cli_option *o = opts; o->name; o++) {
		if (!o->required || !o->text)
			continue;
		char option[64];
		snprintf(option, sizeof option, "--%s", o->name);
		if (cli_require(cmd, option, *o->text))
			return EXIT_USAGE;
	}
	return 0;
}

int cli_options(const char *cmd, int argc, char **argv, const struct cli_option *opts)
{
	int rc = read_options(cmd, argc, argv, opts, 0);
	if (rc)
		return rc;
	if (cli_no_arguments(cmd, argc, argv, optind))
		return EXIT_USAGE;
	return check_required(cmd, opts);
}

int cli_options_and_arg(const char *cmd, int argc, char **argv, const struct cli_option *opts,
			const char *name, const char **arg)
{
	int rc = read_options(cmd, argc, argv, opts, 1);
	if (rc || (rc = check_required(cmd, opts)))
		return rc;
	*arg = optind < argc ? argv[optind] : NULL;
	if (cli_require(cmd, name, *arg) || cli_no_arguments(cmd, argc, argv, optind + 1))
		return EXIT_USAGE;
	return 0;
}

/* ---- shared by the administration commands ---- */

void cli_start(struct cli_ctx *c, const char *cmd)
{
	c->cmd = cmd;
	c->db = NULL;
	pool_init(&c->pool, CLI_POOL_LIMIT);
}

int cli_open_db(struct cli_ctx *c, const char *db_flag)
{
	char err[512] = "";
	if (db_open(cli_db_url(db_flag), &c->db, err, sizeof err)) {
		c->db = NULL;
		cli_error("%s", err[0] ? err : "cannot open the database");
		return EXIT_FAIL;
	}
	if (migrate_up(c->db, NULL, err, sizeof err)) {
		cli_error("%s", err[0] ? err : "cannot bring the database schema up to date");
		return EXIT_FAIL;
	}
	return 0;
}

int cli_open(struct cli_ctx *c, const char *cmd, const char *db_flag)
{
	cli_start(c, cmd);
	return cli_open_db(c, db_flag);
}

int cli_close(struct cli_ctx *c, int rc)
{
	db_close(c->db);
	c->db = NULL;
	pool_free(&c->pool);
	return rc;
}

int cli_store_error(struct cli_ctx *c, enum err rc)
{
	const char *why;
	switch (rc) {
	case E_DB: why = db_errmsg(c->db); break;
	case E_NOMEM: why = "out of memory"; break;
	case E_TOOBIG: why = "too many records"; break;
	case E_NOTFOUND: why = "no such record"; break;
	case E_CONFLICT: why = "that already exists"; break;
	case E_IO: why = "input or output failed"; break;
	default: why = "refused: a value is not valid"; break;
	}
	cli_error("%s: %s", c->cmd, why && *why ? why : "the database failed");
	return EXIT_FAIL;
}

const char *cli_email(struct cli_ctx *c, const char *email)
{
	const char *norm = user_email_normalise(&c->pool, email);
	if (!norm)
		cli_error("%s: '%s' is not an email address", c->cmd, email);
	return norm;
}

int cli_find_partnership(struct cli_ctx *c, const char *slug, struct partnership *out)
{
	enum err rc = partnership_find_by_slug(c->db, &c->pool, slug, out);
	if (rc == E_NOTFOUND) {
		cli_error("%s: no partnership with the slug '%s' (see `jcs partnership list`)",
			  c->cmd, slug);
		return EXIT_FAIL;
	}
	return rc ? cli_store_error(c, rc) : 0;
}

int cli_find_user(struct cli_ctx *c, const char *email, struct user *out)
{
	const char *norm = cli_email(c, email);
	if (!norm)
		return EXIT_FAIL;
	enum err rc = user_find_by_email(c->db, &c->pool, norm, out, NULL);
	if (rc == E_NOTFOUND) {
		cli_error("%s: no user with the email %s (see `jcs user list`)", c->cmd, norm);
		return EXIT_FAIL;
	}
	return rc ? cli_store_error(c, rc) : 0;
}

int cli_find_round(struct cli_ctx *c, const char *slug, const char *name, struct partnership *p,
		   struct round *r)
{
	int rc = cli_find_partnership(c, slug, p);
	if (rc)
		return rc;
	enum err e = round_find(c->db, &c->pool, p->id, name, r);
	if (e == E_NOTFOUND) {
		cli_error("%s: %s has no round called \"%s\" (see `jcs selfanalysis rounds"
			  " --partnership %s`)", c->cmd, slug, name, slug);
		return EXIT_FAIL;
	}
	return e ? cli_store_error(c, e) : 0;
}

const char **cli_table_cells(struct cli_ctx *c, enum err e, size_t nrows, size_t ncols)
{
	/* At least one row, so an empty list is not mistaken for no memory. */
	const char **cells = e ? NULL : pool_zalloc(&c->pool, (nrows ? nrows : 1) * ncols *
								  sizeof *cells);
	if (!cells)
		cli_store_error(c, e ? e : E_NOMEM);
	return cells;
}

/* Characters, not bytes, so names with accents line up. */
static size_t text_width(const char *s)
{
	size_t w = 0;
	for (; *s; s++)
		w += ((unsigned char)*s & 0xC0) != 0x80;
	return w;
}

/* Text cells are never empty, so columns stay readable. */
static const char *text_cell(const char *s)
{
	return s && *s ? s : "-";
}

static int print_text(FILE *out, const char *const *head, size_t ncols, const char *const *cells,
		      size_t nrows)
{
	size_t width[CLI_TABLE_COLS_MAX] = {0};
	if (ncols > CLI_TABLE_COLS_MAX)
		return -1;
	for (size_t c = 0; c < ncols; c++) {
		width[c] = text_width(head[c]);
		for (size_t r = 0; r < nrows; r++) {
			size_t w = text_width(text_cell(cells[r * ncols + c]));
			if (w > width[c])
				width[c] = w;
		}
	}
	for (size_t r = 0; r <= nrows; r++) {
		const char *const *row = r == 0 ? head : cells + (r - 1) * ncols;
		for (size_t c = 0; c < ncols; c++) {
			const char *s = text_cell(row[c]);
			fputs(s, out);
			if (c + 1 < ncols)
				fprintf(out, "%*s", (int)(width[c] - text_width(s) + 2), "");
		}
		fputc('\n', out);
	}
	return 0;
}

static int print_csv(FILE *out, const char *const *head, size_t ncols, const char *const *cells,
		     size_t nrows)
{
	struct buf line;
	int rc = 0;
	buf_init(&line, 1u << 20);
	for (size_t r = 0; r <= nrows && rc == 0; r++) {
		const char *const *row = r == 0 ? head : cells + (r - 1) * ncols;
		buf_reset(&line);
		for (size_t c = 0; c < ncols; c++) {
			if (c)
				buf_putc(&line, ',');
			csv_write_field(&line, row[c]);
		}
		buf_puts(&line, "\r\n");
		if (line.failed || fwrite(line.data, 1, line.len, out) != line.len)
			rc = -1;
	}
	buf_free(&line);
	return rc;
}

int cli_print_table(FILE *out, const char *const *head, size_t ncols, const char *const *cells,
		    size_t nrows, int csv)
{
	errno = 0;
	int rc = csv ? print_csv(out, head, ncols, cells, nrows)
		     : print_text(out, head, ncols, cells, nrows);
	if (rc || fflush(out) != 0 || ferror(out)) {
		cli_error("cannot write the list: %s", errno ? strerror(errno) : "output failed");
		return EXIT_FAIL;
	}
	return 0;
}

static void print_overview(FILE *f)
{
	fputs("jcs: the joint commissioning system for children's services\n"
	      "\n"
	      "Usage: jcs COMMAND [options]\n"
	      "\n"
	      "Commands:\n", f);
	for (size_t i = 0; i < cli_commands_count; i++)
		fprintf(f, "  %-12s %s\n", cli_commands[i].name, cli_commands[i].summary);
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

static const struct subcommand *find_sub(const struct command *c, const char *name)
{
	for (size_t i = 0; i < c->nsubs; i++)
		if (strcmp(c->subs[i].name, name) == 0)
			return &c->subs[i];
	return NULL;
}

static int is_help(const char *arg)
{
	return strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0;
}

static int no_such_sub(const struct command *c, const char *name)
{
	cli_error("%s: no such subcommand '%s' (run `jcs %s --help`)", c->name, name, c->name);
	return EXIT_USAGE;
}

int cmd_help(int argc, char **argv)
{
	if (argc < 2) {
		print_overview(stdout);
		return EXIT_OK;
	}
	if (is_help(argv[1]))
		argv[1] = "help";
	const struct command *c = find(argv[1]);
	if (!c) {
		cli_error("no such command '%s' (run `jcs help`)", argv[1]);
		return EXIT_USAGE;
	}
	if (argc > 2 && c->subs) {
		const struct subcommand *s = find_sub(c, argv[2]);
		if (!s)
			return no_such_sub(c, argv[2]);
		fputs(s->usage, stdout);
		return EXIT_OK;
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

/* argv[0] is the command's name, argv[1] the subcommand's. */
static int run_subcommand(const struct command *c, int argc, char **argv)
{
	if (argc < 2) {
		fputs(c->usage, stderr);
		return EXIT_USAGE;
	}
	if (is_help(argv[1])) {
		fputs(c->usage, stdout);
		return EXIT_OK;
	}
	const struct subcommand *s = find_sub(c, argv[1]);
	if (!s)
		return no_such_sub(c, argv[1]);
	if (cli_wants_help(argc - 1, argv + 1)) {
		fputs(s->usage, stdout);
		return EXIT_OK;
	}
	return s->run(argc - 1, argv + 1);
}

int cli_main(int argc, char **argv)
{
	if (argc < 2) {
		print_overview(stderr);
		return EXIT_USAGE;
	}
	if (is_help(argv[1])) {
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
	if (c->subs)
		return run_subcommand(c, argc - 1, argv + 1);
	if (c->run != cmd_help && cli_wants_help(argc - 1, argv + 1)) {
		fputs(c->usage, stdout);
		return EXIT_OK;
	}
	return c->run(argc - 1, argv + 1);
}
