/*
 * test_cli.c: the jcs binary as a user runs it.  Help and exit codes,
 * `jcs migrate`, and `jcs serve` end to end: it creates the demo partnership
 * on first start, serves the home page, and on SIGTERM stops accepting,
 * finishes the request in flight and exits 0.  Runs on both backends.
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
		execl(jcs, jcs, "serve", "--db", url, "--listen", listen, (char *)NULL);
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

	char log[65536];
	ssize_t n = pread(o, log, sizeof log - 1, 0);
	log[n > 0 ? n : 0] = '\0';
	close(o);
	unlink(outf);
	assert_non_null(strstr(log, "Created the demo partnership"));
	/* The administrator's password is printed once, on stdout, and appears
	 * in no log line. */
	const char *said = strstr(log, "Sign in as admin@demo.jcs.invalid with the password ");
	assert_non_null(said);
	char pw[32] = "";
	sscanf(said + strlen("Sign in as admin@demo.jcs.invalid with the password "), "%31s", pw);
	assert_int_equal(strlen(pw), 23);
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
		cmocka_unit_test(test_serve_demo_and_graceful_stop),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
