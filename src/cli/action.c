/*
 * action.c: `jcs action add` and `jcs action list`, a partnership's
 * actions from the command line (action/action.h).  What people type is
 * checked here so that each mistake is named (an organisation or round
 * that does not exist, a key the round's framework lacks, a day that is
 * not one); the store checks every reference again.
 */
#include <stdio.h>
#include <string.h>

#include "action/action.h"
#include "audit/audit.h"
#include "cli/cli.h"
#include "core/clock.h"
#include "partnership/partnership.h"
#include "selfanalysis/framework.h"
#include "selfanalysis/round.h"

/* The options' checks that need no database; EXIT_USAGE after a line. */
static int check_input(const char *cmd, const char *due, const char *status, const char *round,
		       size_t nstandards)
{
	if (due && (strlen(due) != 10 || !clock_day_valid(due))) {
		cli_error("%s: --due is a day written YYYY-MM-DD, not '%s'", cmd, due);
		return EXIT_USAGE;
	}
	if (status && !action_status_valid(status)) {
		cli_error("%s: --status is not_started, in_progress, done or dropped, not '%s'", cmd, status);
		return EXIT_USAGE;
	}
	if (nstandards && !round)
		return cli_require(cmd, "--round (for --standard)", NULL);
	if (round && !nstandards)
		return cli_require(cmd, "--standard (for --round)", NULL);
	return 0;
}

/* The standards keys of round r as links; EXIT_FAIL after naming a key
 * the round's framework does not have. */
static int round_links(struct cli_ctx *c, int64_t partnership_id, const struct round *r,
		       const char *const *keys, size_t n, struct action_link *out)
{
	struct framework fw;
	enum err e = framework_load(c->db, &c->pool, partnership_id, r->framework, &fw);
	if (e)
		return cli_store_error(c, e);
	for (size_t i = 0; i < n; i++) {
		if (!framework_find_key(&fw, keys[i])) {
			cli_error("%s: the framework of \"%s\" (%s) has no standard with the key '%s'",
				  c->cmd, r->name, fw.id, keys[i]);
			return EXIT_FAIL;
		}
		out[i] = (struct action_link){.kind = ACTION_LINK_SA_STANDARD, .ref_id = r->id,
					      .ref_key = keys[i]};
	}
	return 0;
}

int cmd_action_add(int argc, char **argv)
{
	static const char cmd[] = "action add";
	const char *db_flag = NULL, *slug = NULL, *title = NULL, *owner = NULL, *lead = NULL;
	const char *due = NULL, *status = NULL, *round = NULL;
	const char *keys[ACTION_LINKS_MAX];
	size_t nkeys = 0;
	const struct cli_option opts[] = {
		{"db", .text = &db_flag},
		{"partnership", .text = &slug, .required = 1},
		{"title", .text = &title, .required = 1},
		{"owner", .text = &owner},
		{"lead", .text = &lead},
		{"due", .text = &due},
		{"status", .text = &status},
		{"round", .text = &round},
		{"standard", .many = keys, .count = &nkeys, .max = ACTION_LINKS_MAX},
		{0},
	};
	struct cli_ctx c;
	struct partnership p;
	struct round r;
	struct action_link links[ACTION_LINKS_MAX];
	int rc = cli_options(cmd, argc, argv, opts);
	if (rc || (rc = check_input(cmd, due, status, round, nkeys)))
		return rc;
	if ((rc = cli_open(&c, cmd, db_flag)) || (rc = cli_find_partnership(&c, slug, &p)))
		return cli_close(&c, rc);
	struct action_item a = {.title = title, .lead = lead ? lead : "", .due_on = due,
				.status = status, .links = links, .n_links = nkeys};
	if (owner) {
		struct organisation o;
		enum err e = organisation_find_by_name(c.db, &c.pool, p.id, owner, &o);
		if (e == E_NOTFOUND || (e == E_OK && o.retired_at)) {
			cli_error("%s: %s has no current organisation called \"%s\"", cmd, slug, owner);
			return cli_close(&c, EXIT_FAIL);
		}
		if (e)
			return cli_close(&c, cli_store_error(&c, e));
		a.owner_id = o.id;
	}
	if (round && ((rc = cli_find_round(&c, slug, round, &p, &r)) ||
		      (rc = round_links(&c, p.id, &r, keys, nkeys, links))))
		return cli_close(&c, rc);
	int64_t id = 0;
	enum err e = action_add(c.db, &actor_cli, p.id, &a, &id);
	if (e == E_INVAL) {
		cli_error("%s: --title must be 1 to %d characters and --lead at most %d, as plain text",
			  cmd, ACTION_TITLE_MAX, ACTION_LEAD_MAX);
		return cli_close(&c, EXIT_FAIL);
	}
	if (e)
		return cli_close(&c, cli_store_error(&c, e));
	printf("Added action %lld\n", (long long)id);
	return cli_close(&c, 0);
}

int cmd_action_list(int argc, char **argv)
{
	static const char cmd[] = "action list";
	const char *db_flag = NULL, *slug = NULL, *round = NULL;
	int csv = 0;
	const struct cli_option opts[] = {
		{"db", .text = &db_flag},
		{"partnership", .text = &slug, .required = 1},
		{"round", .text = &round},
		{"format", .csv = &csv},
		{0},
	};
	struct cli_ctx c;
	struct partnership p;
	struct round r = {0};
	int rc = cli_options(cmd, argc, argv, opts);
	if (rc)
		return rc;
	if ((rc = cli_open(&c, cmd, db_flag)) ||
	    (rc = round ? cli_find_round(&c, slug, round, &p, &r) : cli_find_partnership(&c, slug, &p)))
		return cli_close(&c, rc);
	struct action_item *a = NULL;
	size_t n = 0;
	enum err e = action_list(c.db, &c.pool, p.id, &(struct action_query){.round_id = r.id}, &a, &n);
	enum { COLS = 8 };
	const char **cells = cli_table_cells(&c, e, n, COLS);
	if (!cells)
		return cli_close(&c, EXIT_FAIL);
	char today[ACTION_DAY_SIZE];
	action_today(today);
	for (size_t i = 0; i < n; i++) {
		const char **row = cells + i * COLS;
		const char *standards = "";
		for (size_t k = 0; standards && k < a[i].n_links; k++)
			standards = pool_printf(&c.pool, "%s%s%s: %s", standards, k ? "; " : "",
						a[i].links[k].ref_name ? a[i].links[k].ref_name : "?",
						a[i].links[k].ref_key);
		row[0] = pool_printf(&c.pool, "%lld", (long long)a[i].id);
		row[1] = a[i].title;
		row[2] = a[i].owner_name;
		row[3] = a[i].lead;
		row[4] = a[i].due_on;
		row[5] = a[i].status;
		row[6] = action_overdue(&a[i], today) ? "yes" : "no";
		row[7] = standards;
		if (!row[0] || !standards)
			return cli_close(&c, cli_store_error(&c, E_NOMEM));
	}
	static const char *const head[COLS] = {"id", "title", "owner", "lead", "due", "status",
					       "overdue", "standards"};
	return cli_close(&c, cli_print_table(stdout, head, COLS, cells, n, csv));
}
