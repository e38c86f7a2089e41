/*
 * invite.c: `jcs selfanalysis invite`, invitation links for a round's
 * online collection, for owners who send them by mail merge.
 *
 * The links, and only the links, go to standard output, one a line, so a
 * script can capture them; what they are goes to standard error.  They are
 * printed once: only the tokens' hashes are stored (invitation.h), and
 * the token buffers are wiped once printed.
 *
 * --base-url is the service's address as respondents reach it; without
 * it the links are printed as paths (/respond?t=...), which the command
 * cannot complete on its own since only the proxy in front of jcs knows
 * the public name.
 */
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "audit/audit.h"
#include "cli/cli.h"
#include "core/pool.h"
#include "db/store.h"
#include "partnership/partnership.h"
#include "selfanalysis/invitation.h"
#include "selfanalysis/round.h"

#define BASE_URL_MAX 200

/* The base URL without its trailing slashes, or NULL after a usage line:
 * http or https, a host, no query, fragment, space or control character. */
static const char *base_url(const char *cmd, struct pool *pool, const char *s)
{
	size_t n = strlen(s);
	size_t scheme = strncmp(s, "https://", 8) == 0 ? 8 : strncmp(s, "http://", 7) == 0 ? 7 : 0;
	int bad = scheme == 0 || n > BASE_URL_MAX;
	for (size_t i = 0; i < n && !bad; i++)
		bad = (unsigned char)s[i] <= 0x20 || s[i] == 0x7f || s[i] == '?' || s[i] == '#' ||
		      s[i] == '"' || s[i] == '\\';
	while (!bad && n > scheme && s[n - 1] == '/')
		n--;
	if (bad || n == scheme || s[scheme] == '/') {
		cli_error("%s: --base-url must be an http:// or https:// address of at most %d "
			  "characters, such as https://jcs.example.org, not '%s'",
			  cmd, BASE_URL_MAX, s);
		return NULL;
	}
	return pool_strndup(pool, s, n);
}

int cmd_selfanalysis_invite(int argc, char **argv)
{
	static const char cmd[] = "selfanalysis invite";
	const char *db_flag = NULL, *slug = NULL, *name = NULL, *count_text = "1";
	const char *grp = NULL, *base_flag = NULL;
	const struct cli_option opts[] = {
		{"db", .text = &db_flag},
		{"partnership", .text = &slug, .required = 1},
		{"round", .text = &name, .required = 1},
		{"count", .text = &count_text},
		{"group", .text = &grp},
		{"base-url", .text = &base_flag},
		{0},
	};
	unsigned long count;
	int rc = cli_options(cmd, argc, argv, opts);
	if (rc)
		return rc;
	if (cli_parse_uint("--count", count_text, 1, INVITATION_ISSUE_MAX, &count))
		return EXIT_USAGE;
	char clean[INVITATION_GROUP_MAX + 1];
	if (grp && store_text_clean(grp, INVITATION_GROUP_MAX, 0, clean) < 0) {
		cli_error("%s: --group must be one line of at most %d bytes", cmd,
			  INVITATION_GROUP_MAX);
		return EXIT_USAGE;
	}
	struct cli_ctx c;
	cli_start(&c, cmd);
	const char *base = base_flag ? base_url(cmd, &c.pool, base_flag) : "";
	if (!base)
		return cli_close(&c, EXIT_USAGE);
	struct partnership p;
	struct round r;
	if ((rc = cli_open_db(&c, db_flag)) || (rc = cli_find_partnership(&c, slug, &p)))
		return cli_close(&c, rc);
	enum err e = round_find(c.db, &c.pool, p.id, name, &r);
	if (e == E_NOTFOUND) {
		cli_error("%s: %s has no round called \"%s\"", cmd, slug, name);
		return cli_close(&c, EXIT_FAIL);
	}
	if (e)
		return cli_close(&c, cli_store_error(&c, e));
	char (*tokens)[INVITATION_TOKEN_SIZE] = pool_alloc(&c.pool, count * INVITATION_TOKEN_SIZE);
	if (!tokens)
		return cli_close(&c, cli_store_error(&c, E_NOMEM));
	e = invitation_issue(c.db, &actor_cli, p.id, r.id, (int)count, grp, tokens);
	if (e == E_INVAL && r.mode == ROUND_GROUP) {
		cli_error("%s: \"%s\" is a group round: it holds one response, the scores the group "
			  "agreed, entered on its page or imported; links are for interview rounds",
			  cmd, r.name);
		return cli_close(&c, EXIT_FAIL);
	}
	if (e == E_CONFLICT) {
		cli_error("%s: the round \"%s\" is closed: reopen it to collect more answers", cmd,
			  r.name);
		return cli_close(&c, EXIT_FAIL);
	}
	if (e == E_TOOBIG) {
		cli_error("%s: a round can have at most %d links, withdrawn ones included", cmd,
			  INVITATION_ROUND_MAX);
		return cli_close(&c, EXIT_FAIL);
	}
	if (e)
		return cli_close(&c, cli_store_error(&c, e));
	for (unsigned long i = 0; i < count; i++)
		printf("%s/respond?t=%s\n", base, tokens[i]);
	int failed = fflush(stdout) != 0 || ferror(stdout);
	sodium_memzero(tokens, count * INVITATION_TOKEN_SIZE);
	if (failed) {
		cli_error("%s: cannot write the links; they are issued but lost: withdraw them on "
			  "the round's invitations page", cmd);
		return cli_close(&c, EXIT_FAIL);
	}
	fprintf(stderr, "Created %lu invitation link%s for the round \"%s\", shown once above.\n",
		count, count == 1 ? "" : "s", r.name);
	return cli_close(&c, EXIT_OK);
}
