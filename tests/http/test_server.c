/*
 * test_server.c: the real server on real loopback sockets.  Oversize bodies
 * (413, memory bounded), malformed requests (400), security headers over
 * the wire, /healthz and /metrics, per-address limits, and 1,000 idle
 * connections that must not stop a normal request from being served.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include "core/log.h"
#include "db/db.h"
#include "db/migrate.h"
#include "http/server.h"
#include "partnership/partnership.h"
#include "support/http_client.h"
#include "support/testdb.h"
#include "web/app.h"

#define BODY_MAX (1u << 20)
#define BODIES_MAX (BODY_MAX + BODY_MAX / 2)
#define PER_IP 64

static char url[512];
static struct app app;
static struct server *srv;
static int port;

static int setup(void **state)
{
	signal(SIGPIPE, SIG_IGN);
	struct rlimit rl;
	getrlimit(RLIMIT_NOFILE, &rl);
	rl.rlim_cur = rl.rlim_max;
	setrlimit(RLIMIT_NOFILE, &rl);
	log_set_verbose(0);

	char err[256];
	testdb_create_demo(url, sizeof url);

	struct app_config cfg;
	app_config_defaults(&cfg);
	cfg.db_url = url;
	cfg.body_max = BODY_MAX;
	cfg.bodies_max = BODIES_MAX;
	cfg.per_ip_limit = PER_IP;
	cfg.threads = 2;
	assert_int_equal(app_init(&app, &cfg, app_routes, app_routes_count, 0, err, sizeof err), E_OK);
	assert_int_equal(server_start(&app, "127.0.0.1", 0, &srv, err, sizeof err), E_OK);
	port = server_port(srv);
	assert_true(port > 0);
	return 0;
}

static int teardown(void **state)
{
	server_stop(srv, 1000);
	app_free(&app);
	testdb_drop(NULL, url);
	return 0;
}

static long rss_kib(void)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	long kib = -1;
	while (f && fgets(line, sizeof line, f))
		if (strncmp(line, "VmRSS:", 6) == 0)
			kib = strtol(line + 6, NULL, 10);
	if (f)
		fclose(f);
	return kib;
}

static void test_home_over_loopback(void **state)
{
	struct http_reply r;
	assert_int_equal(http_get(port, "/login", &r), 0);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "Sign in"));
	char *csp = http_header(&r, "Content-Security-Policy");
	char *nosniff = http_header(&r, "X-Content-Type-Options");
	char *ct = http_header(&r, "Content-Type");
	assert_non_null(csp);
	assert_non_null(strstr(csp, "frame-ancestors 'none'"));
	assert_string_equal(nosniff, "nosniff");
	assert_string_equal(ct, "text/html; charset=utf-8");
	free(csp);
	free(nosniff);
	free(ct);
	http_reply_free(&r);

	assert_int_equal(http_get(port, "/missing?x=1", &r), 0);
	assert_int_equal(r.status, 404);
	assert_non_null(strstr(r.body, "Page not found"));
	csp = http_header(&r, "Content-Security-Policy");
	assert_non_null(csp);
	free(csp);
	http_reply_free(&r);
}

/* The access log line of path (without its query) in log, or NULL. */
static const char *log_line_of(const char *log, const char *path)
{
	char want[128];
	snprintf(want, sizeof want, "\"path\":\"%s\"", path);
	const char *at = strstr(log, want);
	if (!at)
		return NULL;
	while (at > log && at[-1] != '\n')
		at--;
	return at;
}

/* A respondent's requests are logged without the client's address, so
 * the log cannot tie an address to an anonymous submission; every other
 * request keeps it. */
static void test_access_log_respondent_address(void **state)
{
	char path[] = "/tmp/jcs-access-log-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	fflush(stderr);
	int saved = dup(STDERR_FILENO);
	assert_true(saved >= 0);
	assert_true(dup2(fd, STDERR_FILENO) >= 0);
	log_set_verbose(1);
	struct http_reply r;
	assert_int_equal(http_get(port, "/respond?t=abc", &r), 0);
	http_reply_free(&r);
	assert_int_equal(http_get(port, "/login?from=log", &r), 0);
	http_reply_free(&r);
	/* The line is written when the connection's request completes,
	 * which may be just after the reply arrived: wait for both. */
	char log[16384];
	ssize_t n = 0;
	for (int tries = 0; tries < 100; tries++) {
		n = pread(fd, log, sizeof log - 1, 0);
		log[n > 0 ? n : 0] = '\0';
		if (log_line_of(log, "/respond") && log_line_of(log, "/login"))
			break;
		usleep(20000);
	}
	log_set_verbose(0);
	dup2(saved, STDERR_FILENO);
	close(saved);
	close(fd);
	unlink(path);
	const char *respond = log_line_of(log, "/respond"), *login = log_line_of(log, "/login");
	if (!respond || !login)
		fail_msg("access log lines missing: %s", log);
	assert_true(strncmp(strstr(respond, "\"ip\":"), "\"ip\":\"-\",", 9) == 0);
	assert_true(strncmp(strstr(login, "\"ip\":"), "\"ip\":\"127.0.0.1\",", 17) == 0);
	assert_null(strstr(log, "abc")); /* nor the token in its query */
}

static void test_healthz(void **state)
{
	struct http_reply r;
	assert_int_equal(http_get(port, "/healthz", &r), 0);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "\"status\":\"ok\""));
	http_reply_free(&r);
}

static void test_declared_oversize_body_is_413_unread(void **state)
{
	/* 100 MB announced, nothing sent: the answer must come at once. */
	struct http_reply r;
	assert_int_equal(http_raw(port, "POST / HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"
				  "Content-Length: 104857600\r\n\r\n", &r), 0);
	assert_int_equal(r.status, 413);
	assert_non_null(strstr(r.body, "too large"));
	http_reply_free(&r);

	assert_int_equal(http_raw(port, "POST /api/v1/version HTTP/1.1\r\nHost: x\r\n"
				  "Content-Length: 2000000\r\n\r\n", &r), 0);
	assert_int_equal(r.status, 413);
	assert_non_null(strstr(r.body, "\"too_large\""));
	http_reply_free(&r);
}

static void test_chunked_oversize_body_memory_bounded(void **state)
{
	int fd = tcp_connect(NULL, port);
	assert_true(fd >= 0);
	const char *head = "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n";
	assert_int_equal(tcp_send(fd, head, strlen(head)), 0);
	static char chunk[65536 + 16];
	int hl = snprintf(chunk, sizeof chunk, "10000\r\n");
	memset(chunk + hl, 'x', 65536);
	memcpy(chunk + hl + 65536, "\r\n", 2);
	long before = rss_kib();
	size_t sent = 0;
	/* Up to 64 MiB, 64 times the cap; the server may hang up earlier. */
	for (int i = 0; i < 1024; i++) {
		if (tcp_send(fd, chunk, (size_t)hl + 65536 + 2))
			break;
		sent += 65536;
	}
	tcp_send(fd, "0\r\n\r\n", 5);
	struct http_reply r;
	http_read(fd, &r, 10000);
	close(fd);
	long after = rss_kib();
	/* Either a 413, or the connection was cut once the client would not stop. */
	assert_true(r.status == 413 || r.status == 0);
	assert_true(sent >= 2 * BODY_MAX);
	/* Memory grew by far less than what was sent. */
	assert_true(after - before < 24 * 1024);
	http_reply_free(&r);
}

static void test_body_under_cap_is_read(void **state)
{
	static char req[BODY_MAX + 512];
	int hl = snprintf(req, sizeof req, "POST / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
			  "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: %u\r\n\r\n",
			  BODY_MAX - 10);
	memset(req + hl, 'a', BODY_MAX - 10);
	req[hl + BODY_MAX - 10] = '\0';
	struct http_reply r;
	assert_int_equal(http_raw(port, req, &r), 0);
	assert_int_equal(r.status, 405); /* read whole, then answered: / takes no POST */
	http_reply_free(&r);
}

static void test_malformed_requests_are_400(void **state)
{
	static const char *bad[] = {
		"GET / HTTP/1.1 extra\r\nHost: x\r\n\r\n",
		"GET relative HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
		"GET / HTTP/1.1\r\nHost: x\r\nBad Header Without Colon\r\n\r\n",
		"GET / HTTP/1.1\r\nHost: x\r\n X: obsolete folding\r\n\r\n",
		"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n",
		"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n12345",
		"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
		"POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nZZZ\r\n",
		"GET /%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
		"GET /?a=%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
		"GET /%00 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
		"GET / HTTP/1.1\r\nConnection: close\r\n\r\n", /* HTTP/1.1 without Host */
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct http_reply r;
		assert_int_equal(http_raw(port, bad[i], &r), 0);
		if (r.status != 400)
			fail_msg("request %zu answered %d, want 400", i, r.status);
		http_reply_free(&r);
	}
	/* A request line that is not HTTP at all: libmicrohttpd closes the
	 * connection without a word; it must not be served. */
	struct http_reply g;
	http_raw(port, "GARBAGE\r\n\r\n", &g);
	assert_true(g.status == 400 || g.status == 0);
	http_reply_free(&g);
	/* Headers larger than the per-connection memory: refused, not stored. */
	static char big[200000];
	int n = snprintf(big, sizeof big, "GET / HTTP/1.1\r\nHost: x\r\nX-Big: ");
	memset(big + n, 'b', sizeof big - (size_t)n - 5);
	memcpy(big + sizeof big - 5, "\r\n\r\n", 5);
	struct http_reply r;
	http_raw(port, big, &r);
	assert_true(r.status == 431 || r.status == 413 || r.status == 400 || r.status == 0);
	http_reply_free(&r);
	/* The server is fine afterwards. */
	assert_int_equal(http_get(port, "/healthz", &r), 0);
	assert_int_equal(r.status, 200);
	http_reply_free(&r);
}

static void test_unsupported_transfer_coding_is_501(void **state)
{
	struct http_reply r;
	assert_int_equal(http_raw(port, "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n"
				  "0\r\n\r\n", &r), 0);
	assert_int_equal(r.status, 501);
	http_reply_free(&r);
}

static void test_encoded_path_is_not_a_route(void **state)
{
	struct http_reply r;
	assert_int_equal(http_get(port, "/%68ealthz", &r), 0);
	assert_int_equal(r.status, 404);
	http_reply_free(&r);
	assert_int_equal(http_get(port, "/assets%2Fapp.css", &r), 0);
	assert_int_equal(r.status, 404);
	http_reply_free(&r);
}

static void test_bodies_share_one_budget(void **state)
{
	/* Two uploads, each under the per-request cap, together over the
	 * shared budget: the second is refused 503, the first still works. */
	size_t n = BODY_MAX - 1000;
	char *body = malloc(n);
	memset(body, 'a', n);
	char head[256];
	int hl = snprintf(head, sizeof head, "POST / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
			  "Content-Type: text/plain\r\nContent-Length: %zu\r\n\r\n", n);
	int first = tcp_connect(NULL, port);
	assert_true(first >= 0);
	assert_int_equal(tcp_send(first, head, (size_t)hl), 0);
	assert_int_equal(tcp_send(first, body, n - 1), 0); /* hold the last byte */
	usleep(300 * 1000);

	int second = tcp_connect(NULL, port);
	assert_true(second >= 0);
	assert_int_equal(tcp_send(second, head, (size_t)hl), 0);
	tcp_send(second, body, n);
	struct http_reply r;
	assert_int_equal(http_read(second, &r, 10000), 0);
	assert_int_equal(r.status, 503);
	http_reply_free(&r);
	close(second);

	assert_int_equal(tcp_send(first, body, 1), 0);
	assert_int_equal(http_read(first, &r, 10000), 0);
	assert_int_equal(r.status, 405); /* read in full and answered */
	http_reply_free(&r);
	close(first);
	free(body);
}

static void test_metrics(void **state)
{
	struct http_reply r;
	assert_int_equal(http_get(port, "/", &r), 0);
	http_reply_free(&r);
	assert_int_equal(http_get(port, "/login", &r), 0);
	http_reply_free(&r);
	assert_int_equal(http_get(port, "/metrics", &r), 0);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "jcs_http_requests_total{route=\"home\",status=\"303\"}"));
	assert_non_null(strstr(r.body, "jcs_http_requests_total{route=\"login_form\",status=\"200\"}"));
	assert_non_null(strstr(r.body, "jcs_http_requests_total{route=\"unmatched\",status=\"404\"}"));
	assert_non_null(strstr(r.body, "jcs_http_request_duration_seconds_bucket{le=\"+Inf\"}"));
	assert_non_null(strstr(r.body, "jcs_db_seconds_total"));
	assert_non_null(strstr(r.body, "jcs_db_statements_total"));
	http_reply_free(&r);
}

static void test_thousand_idle_connections(void **state)
{
	/* 1,000 connections that never send a byte, spread over loopback
	 * addresses so the per-address limit is not what refuses them. */
	enum { IDLE = 1000 };
	static int fds[IDLE];
	int open_ok = 0;
	for (int i = 0; i < IDLE; i++) {
		char ip[32];
		snprintf(ip, sizeof ip, "127.0.1.%d", 1 + i / 50);
		fds[i] = tcp_connect(ip, port);
		open_ok += fds[i] >= 0;
	}
	assert_int_equal(open_ok, IDLE);
	usleep(200 * 1000);
	struct http_reply r;
	assert_int_equal(http_get(port, "/login", &r), 0);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "Sign in"));
	http_reply_free(&r);
	/* Idle ones are still open (the server did not shed them to cope). */
	char probe;
	int still_open = 0;
	for (int i = 0; i < IDLE; i++)
		still_open += recv(fds[i], &probe, 1, MSG_DONTWAIT) < 0;
	assert_true(still_open > IDLE * 9 / 10);
	for (int i = 0; i < IDLE; i++)
		close(fds[i]);
}

static void test_per_address_limit(void **state)
{
	enum { N = PER_IP + 6 };
	int fds[N];
	for (int i = 0; i < N; i++)
		fds[i] = tcp_connect("127.0.2.1", port);
	usleep(200 * 1000);
	/* The last one is over the limit: the server closes it without answering. */
	const char *req = "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
	struct http_reply r;
	tcp_send(fds[N - 1], req, strlen(req));
	http_read(fds[N - 1], &r, 3000);
	assert_int_not_equal(r.status, 200);
	http_reply_free(&r);
	/* Another address is unaffected. */
	assert_int_equal(http_get(port, "/healthz", &r), 0);
	assert_int_equal(r.status, 200);
	http_reply_free(&r);
	for (int i = 0; i < N; i++)
		if (fds[i] >= 0)
			close(fds[i]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_home_over_loopback),
		cmocka_unit_test(test_healthz),
		cmocka_unit_test(test_access_log_respondent_address),
		cmocka_unit_test(test_declared_oversize_body_is_413_unread),
		cmocka_unit_test(test_chunked_oversize_body_memory_bounded),
		cmocka_unit_test(test_body_under_cap_is_read),
		cmocka_unit_test(test_malformed_requests_are_400),
		cmocka_unit_test(test_unsupported_transfer_coding_is_501),
		cmocka_unit_test(test_encoded_path_is_not_a_route),
		cmocka_unit_test(test_bodies_share_one_budget),
		cmocka_unit_test(test_metrics),
		cmocka_unit_test(test_thousand_idle_connections),
		cmocka_unit_test(test_per_address_limit),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
