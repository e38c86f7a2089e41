/*
 * test_cli.c: the jcs binary as a user runs it.  Help and exit codes,
 * `jcs migrate`, and `jcs serve` end to end: it creates the demo partnership
 * on first start, serves the home page, and on SIGTERM stops accepting,
 * finishes the request in flight and exits 0.  The README's list of
 * commands is checked against their --help.  Runs on both backends.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "db/db.h"
#include "db/migrate.h"
#include "support/http_client.h"
#include "support/spawn.h"
#include "support/testdb.h"

static char url[512];
static const char *jcs;

static int setup(void **state)
{
	signal(SIGPIPE, SIG_IGN);
	jcs = spawn_jcs();
	struct db *db = testdb_open(url, sizeof url);
	db_close(db);
	return 0;
}

static int teardown(void **state)
{
	testdb_drop(NULL, url);
	return 0;
}

static void test_help_and_usage_errors(void **state)
{
	struct spawn_result r;
	spawn_run(&r, (const char *const[]){jcs, "help", NULL});
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "serve"));
	assert_non_null(strstr(r.out, "migrate"));

	static const char *cmds[] = {"serve", "migrate", "version", "help"};
	for (size_t i = 0; i < 4; i++) {
		spawn_run(&r, (const char *const[]){jcs, cmds[i], "--help", NULL});
		assert_int_equal(r.status, 0);
		assert_non_null(strstr(r.out, "Usage: jcs"));
	}

	spawn_run(&r, (const char *const[]){jcs, NULL});
	assert_int_equal(r.status, 2);
	spawn_run(&r, (const char *const[]){jcs, "frobnicate", NULL});
	assert_int_equal(r.status, 2);
	assert_non_null(strstr(r.err, "jcs: no such command 'frobnicate'"));
	spawn_run(&r, (const char *const[]){jcs, "serve", "--listen", "nowhere", NULL});
	assert_int_equal(r.status, 2);
	assert_non_null(strstr(r.err, "--listen"));
	spawn_run(&r, (const char *const[]){jcs, "serve", "--threads", "-3", NULL});
	assert_int_equal(r.status, 2);
	spawn_run(&r, (const char *const[]){jcs, "migrate", "--bogus", NULL});
	assert_int_equal(r.status, 2);

	spawn_run(&r, (const char *const[]){jcs, "version", NULL});
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "jcs "));
}

static void test_migrate(void **state)
{
	struct spawn_result r;
	spawn_run(&r, (const char *const[]){jcs, "migrate", "--db", url, "--status", NULL});
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "schema version 0"));

	spawn_run(&r, (const char *const[]){jcs, "migrate", "--db", url, NULL});
	assert_int_equal(r.status, 0);
	char want[64];
	snprintf(want, sizeof want, "schema version %d", migrate_latest());
	assert_non_null(strstr(r.out, want));

	spawn_run(&r, (const char *const[]){jcs, "migrate", "--db", url, NULL});
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "applied 0 migrations"));
}

static void test_bad_database_is_one_clear_line(void **state)
{
	struct spawn_result r;
	const char *bad = strcmp(testdb_backend(), "postgresql") == 0
				  ? "postgresql://nobody:secretpw@127.0.0.1:1/none"
				  : "/proc/no/such/place/jcs.db";
	spawn_run(&r, (const char *const[]){jcs, "migrate", "--db", bad, NULL});
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "jcs: "));
	assert_null(strstr(r.err, "secretpw")); /* never print a password */
	assert_non_null(strchr(r.err, '\n'));
	assert_null(strchr(strchr(r.err, '\n') + 1, '\n')); /* one line */
}

/* s with every run of white space made one space, without any at the ends. */
static void squeeze(char *s)
{
	char *w = s;
	for (const char *c = s; *c; c++) {
		if (*c == ' ' || *c == '\n') {
			if (w > s && w[-1] != ' ')
				*w++ = ' ';
		} else {
			*w++ = *c;
		}
	}
	if (w > s && w[-1] == ' ')
		w--;
	*w = '\0';
}

/* The usage line(s) of `jcs CMD [SUB] --help`, after "Usage: ", squeezed. */
static void usage_of(const char *cmd, const char *sub, char *out, size_t max)
{
	static struct spawn_result r;
	if (sub)
		spawn_run(&r, (const char *const[]){jcs, cmd, sub, "--help", NULL});
	else
		spawn_run(&r, (const char *const[]){jcs, cmd, "--help", NULL});
	assert_int_equal(r.status, 0);
	assert_memory_equal(r.out, "Usage: ", 7);
	const char *end = strstr(r.out, "\n\n");
	size_t n = end ? (size_t)(end - r.out) - 7 : strlen(r.out) - 7;
	assert_true(n < max);
	memcpy(out, r.out + 7, n);
	out[n] = '\0';
	squeeze(out);
}

#define README_ENTRIES_MAX 40
#define README_ENTRY_MAX 512

/* Exactly one of the README's entries is `jcs CMD [SUB] ...`. */
static void expect_entry(char (*entries)[README_ENTRY_MAX], size_t n, const char *cmd,
			 const char *sub)
{
	char want[200];
	snprintf(want, sizeof want, "jcs %s%s%s ", cmd, sub ? " " : "", sub ? sub : "");
	size_t found = 0;
	for (size_t i = 0; i < n; i++) {
		char entry[README_ENTRY_MAX + 1];
		snprintf(entry, sizeof entry, "%s ", entries[i]);
		found += strncmp(entry, want, strlen(want)) == 0;
	}
	if (found != 1)
		fail_msg("the README lists '%s...' %zu times, not once", want, found);
}

/*
 * The README's "Command line" block lists every command and subcommand
 * with exactly the usage its --help prints, and nothing else, so the two
 * cannot drift apart.
 */
static void test_readme_matches_help(void **state)
{
	const char *dir = getenv("JCS_SOURCE_DIR");
	assert_non_null(dir);
	char path[1024];
	snprintf(path, sizeof path, "%s/README.md", dir);
	FILE *f = fopen(path, "r");
	assert_non_null(f);
	static char readme[1 << 17];
	size_t len = fread(readme, 1, sizeof readme - 1, f);
	fclose(f);
	readme[len] = '\0';
	static const char start[] = "\n## Command line\n\n```\n";
	char *block = strstr(readme, start);
	assert_non_null(block);
	block += strlen(start);
	char *close = strstr(block, "\n```\n");
	assert_non_null(close);
	close[1] = '\0';

	/* Entries start with "jcs "; indented lines continue them. */
	static char entries[README_ENTRIES_MAX][README_ENTRY_MAX];
	size_t n = 0;
	for (char *line = block; *line;) {
		char *eol = strchr(line, '\n');
		*eol = '\0';
		if (strncmp(line, "jcs ", 4) == 0) {
			assert_true(n < README_ENTRIES_MAX);
			snprintf(entries[n++], sizeof entries[0], "%s", line);
		} else {
			assert_true(n > 0 && line[0] == ' ');
			size_t used = strlen(entries[n - 1]);
			snprintf(entries[n - 1] + used, sizeof entries[0] - used, " %s", line);
		}
		line = eol + 1;
	}

	/* Each is what --help says: `jcs CMD SUB --help` when its second word
	 * is a subcommand's name, else `jcs CMD --help`. */
	char usage[1024];
	for (size_t i = 0; i < n; i++) {
		squeeze(entries[i]);
		char cmd[64] = "", sub[64] = "";
		sscanf(entries[i], "jcs %63s %63s", cmd, sub);
		int has_sub = sub[0] && strspn(sub, "abcdefghijklmnopqrstuvwxyz-") == strlen(sub);
		usage_of(cmd, has_sub ? sub : NULL, usage, sizeof usage);
		if (strcmp(entries[i], usage) != 0)
			fail_msg("README says '%s' but --help says '%s'", entries[i], usage);
	}

	/* Every command in `jcs help`, and every subcommand, has its entry. */
	static struct spawn_result r;
	spawn_run(&r, (const char *const[]){jcs, "help", NULL});
	const char *list = strstr(r.out, "Commands:\n");
	assert_non_null(list);
	static char names[README_ENTRIES_MAX][64];
	size_t ncmds = 0, seen = 0;
	for (const char *c = list + 10; strncmp(c, "  ", 2) == 0; c = strchr(c, '\n') + 1) {
		assert_true(ncmds < README_ENTRIES_MAX);
		assert_int_equal(sscanf(c, " %63s", names[ncmds++]), 1);
	}
	for (size_t k = 0; k < ncmds; k++) {
		const char *cmd = names[k];
		spawn_run(&r, (const char *const[]){jcs, cmd, "--help", NULL});
		char pattern[80], subs[256];
		snprintf(pattern, sizeof pattern, "Run `jcs %s SUBCOMMAND --help`", cmd);
		if (!strstr(r.out, pattern)) {
			expect_entry(entries, n, cmd, NULL);
			seen++;
			continue;
		}
		/* "Usage: jcs CMD a|b|c [options]" */
		assert_int_equal(sscanf(r.out, "Usage: jcs %*s %255s", subs), 1);
		for (char *sub = strtok(subs, "|"); sub; sub = strtok(NULL, "|")) {
			expect_entry(entries, n, cmd, sub);
			seen++;
		}
	}
	assert_int_equal(seen, n); /* and nothing more */
}

static int wait_healthy(int port, pid_t pid)
{
	for (int i = 0; i < 300; i++) {
		struct http_reply r;
		if (http_get(port, "/healthz", &r) == 0 && r.status == 200) {
			http_reply_free(&r);
			return 0;
		}
		http_reply_free(&r);
		if (waitpid(pid, NULL, WNOHANG) == pid)
			return -1;
		usleep(50 * 1000);
	}
	return -1;
}

static void test_serve_demo_and_graceful_stop(void **state)
{
	int port = free_port();
	char listen[64];
	snprintf(listen, sizeof listen, "127.0.0.1:%d", port);
	char outf[] = "/tmp/jcs-serve-out.XXXXXX";
	int o = mkstemp(outf);
	pid_t pid = fork();
	if (pid == 0) {
		/* Dies with the test, even if an assertion ends it early. */
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		dup2(o, 1);
		dup2(o, 2);
		execl(jcs, jcs, "serve", "--db", url, "--listen", listen, "--demo", (char *)NULL);
		_exit(127);
	}
	assert_int_equal(wait_healthy(port, pid), 0);

	struct http_reply r;
	assert_int_equal(http_get(port, "/", &r), 0);
	assert_int_equal(r.status, 303);
	http_reply_free(&r);
	assert_int_equal(http_get(port, "/login", &r), 0);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "Sign in"));
	/* Over HTTPS (no --plain-http) the cookies carry __Host- and Secure. */
	char csrf[128] = "", session[128] = "", pw[32] = "";
	char *sc = http_header(&r, "Set-Cookie");
	assert_non_null(sc);
	assert_int_equal(sscanf(sc, "__Host-jcs_csrf=%127[^;]", csrf), 1);
	assert_non_null(strstr(sc, "; Secure"));
	assert_non_null(strstr(sc, "; HttpOnly"));
	free(sc);
	http_reply_free(&r);

	/* Sign in over the socket with the printed password. */
	char log[65536];
	ssize_t n = pread(o, log, sizeof log - 1, 0);
	log[n > 0 ? n : 0] = '\0';
	const char *said = strstr(log, "with the password ");
	assert_non_null(said);
	sscanf(said + strlen("with the password "), "%31s", pw);
	char req[1024], form[512];
	snprintf(form, sizeof form, "email=admin%%40demo.jcs.invalid&password=%s&csrf_token=%s", pw, csrf);
	snprintf(req, sizeof req, "POST /login HTTP/1.1\r\nHost: x\r\nCookie: __Host-jcs_csrf=%s\r\n"
		 "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: %zu\r\n"
		 "Connection: close\r\n\r\n%s", csrf, strlen(form), form);
	assert_int_equal(http_raw(port, req, &r), 0);
	assert_int_equal(r.status, 303);
	char *loc = http_header(&r, "Location");
	assert_string_equal(loc, "/account/password");
	free(loc);
	sc = http_header(&r, "Set-Cookie");
	assert_non_null(sc);
	assert_int_equal(sscanf(sc, "__Host-jcs_session=%127[^;]", session), 1);
	assert_non_null(strstr(sc, "; Secure; HttpOnly; SameSite=Lax"));
	free(sc);
	http_reply_free(&r);

	/* A very long path is logged cut short, never dropped. */
	static char longpath[6000];
	memset(longpath, 'p', sizeof longpath - 1);
	longpath[0] = '/';
	assert_int_equal(http_get(port, longpath, &r), 0);
	assert_int_equal(r.status, 404);
	http_reply_free(&r);

	/* A request in flight: headers and half its body sent. */
	int fd = tcp_connect(NULL, port);
	assert_true(fd >= 0);
	const char *head = "POST / HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"
			   "Content-Length: 10\r\nConnection: close\r\n\r\n12345";
	assert_int_equal(tcp_send(fd, head, strlen(head)), 0);
	usleep(200 * 1000);
	kill(pid, SIGTERM);
	usleep(500 * 1000);

	/* Still running for the request in flight, but no longer accepting. */
	assert_int_equal(waitpid(pid, NULL, WNOHANG), 0);
	int fd2 = tcp_connect(NULL, port);
	assert_true(fd2 < 0);

	assert_int_equal(tcp_send(fd, "67890", 5), 0);
	assert_int_equal(http_read(fd, &r, 5000), 0);
	assert_int_equal(r.status, 405); /* answered in full */
	http_reply_free(&r);
	close(fd);

	int st = -1;
	for (int i = 0; i < 200 && waitpid(pid, &st, WNOHANG) == 0; i++)
		usleep(50 * 1000);
	assert_true(WIFEXITED(st));
	assert_int_equal(WEXITSTATUS(st), 0);

	n = pread(o, log, sizeof log - 1, 0);
	log[n > 0 ? n : 0] = '\0';
	close(o);
	unlink(outf);
	assert_non_null(strstr(log, "Created the demo partnership"));
	/* The administrator's password is printed once, on stdout, and appears
	 * in no log line; nor do the session id or the CSRF token. */
	said = strstr(log, "Sign in as admin@demo.jcs.invalid with the password ");
	assert_non_null(said);
	assert_int_equal(strlen(pw), 23);
	assert_null(strstr(log, session));
	assert_null(strstr(log, csrf));
	assert_non_null(strstr(log, "\"path\":\"/login\""));
	assert_ptr_equal(strstr(log, pw), said + strlen("Sign in as admin@demo.jcs.invalid with the password "));
	assert_non_null(strstr(log, "\"type\":\"access\""));
	assert_non_null(strstr(log, "SIGTERM"));
	assert_non_null(strstr(log, "\"truncated\":true"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_help_and_usage_errors),
		cmocka_unit_test(test_migrate),
		cmocka_unit_test(test_bad_database_is_one_clear_line),
		cmocka_unit_test(test_readme_matches_help),
		cmocka_unit_test(test_serve_demo_and_graceful_stop),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
