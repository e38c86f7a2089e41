/*
 * serve.c: `jcs serve`.  Signals are blocked in every thread before the
 * server starts (threads inherit the mask) and taken by sigwait() in the main
 * thread, so shutdown runs as ordinary code, not in a signal handler.
 */
#include <getopt.h>
#include <sodium.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "auth/user.h"
#include "cli/cli.h"
#include "core/pool.h"
#include "core/log.h"
#include "db/db.h"
#include "http/server.h"
#include "partnership/partnership.h"
#include "web/app.h"

/* Requests in flight get this long to finish after SIGTERM. */
#define GRACE_MS 10000

/* Split "host:port" or "[v6]:port" into host and port. */
static int parse_listen(const char *s, char *host, size_t hostlen, int *port)
{
	const char *colon;
	const char *h = s;
	size_t hl;
	if (s[0] == '[') {
		const char *close = strchr(s, ']');
		if (!close || close[1] != ':')
			return -1;
		h = s + 1;
		hl = (size_t)(close - h);
		colon = close + 1;
	} else {
		colon = strrchr(s, ':');
		if (!colon)
			return -1;
		hl = (size_t)(colon - s);
	}
	if (hl == 0 || hl >= hostlen)
		return -1;
	memcpy(host, h, hl);
	host[hl] = '\0';
	unsigned long p;
	if (cli_parse_uint("--listen port", colon + 1, 0, 65535, &p))
		return -1;
	*port = (int)p;
	return 0;
}

/* 1000 idle clients need 1000 descriptors: take the hard limit. */
static void raise_fd_limit(void)
{
	struct rlimit rl;
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
}

static int env_flag(const char *name)
{
	const char *v = getenv(name);
	return v && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0 || strcmp(v, "yes") == 0);
}

/*
 * On later starts the printed password is long gone: say how to get in
 * when nobody could sign in yet (no users at all, or the demo
 * administrator never chose a password).
 */
static void sign_in_hint(struct db *db)
{
	struct pool pool;
	pool_init(&pool, 1 << 20);
	struct user *users;
	size_t n;
	if (user_list(db, &pool, 0, &users, &n) == E_OK) {
		int demo_unused = 0;
		for (size_t i = 0; i < n; i++)
			demo_unused |= strcmp(users[i].email, DEMO_ADMIN_EMAIL) == 0 &&
				       users[i].must_change_password && !users[i].disabled_at;
		if (n == 0)
			printf("Nobody can sign in yet: add an administrator with\n"
			       "  jcs user add --partnership SLUG --email EMAIL --role admin\n");
		else if (demo_unused)
			printf("The demo administrator %s has not signed in yet. Lost the printed password?\n"
			       "  jcs user reset-password --email %s\n", DEMO_ADMIN_EMAIL, DEMO_ADMIN_EMAIL);
		fflush(stdout);
	}
	pool_free(&pool);
}

int cmd_serve(int argc, char **argv)
{
	struct app_config cfg;
	app_config_defaults(&cfg);
	const char *db_flag = NULL;
	const char *listen = getenv("JCS_LISTEN");
	int demo = env_flag("JCS_DEMO");
	unsigned long v;
	if (!listen || !*listen)
		listen = "127.0.0.1:8080";
	if (getenv("JCS_THREADS") && cli_parse_uint("JCS_THREADS", getenv("JCS_THREADS"), 1, 256, &v) == 0)
		cfg.threads = (unsigned)v;
	if (getenv("JCS_MAX_BODY") && cli_parse_uint("JCS_MAX_BODY", getenv("JCS_MAX_BODY"), 1024, 1ul << 30, &v) == 0)
		cfg.body_max = v;
	cfg.hsts = env_flag("JCS_HSTS");
	cfg.plain_http = env_flag("JCS_PLAIN_HTTP");
	if (getenv("JCS_TRUSTED_PROXY") && *getenv("JCS_TRUSTED_PROXY"))
		cfg.trusted_proxy = getenv("JCS_TRUSTED_PROXY");

	enum { O_DB = 1, O_LISTEN, O_THREADS, O_BODY, O_BODIES, O_CONNS, O_PERIP, O_TIMEOUT, O_HSTS, O_QUIET, O_DEMO,
	       O_PLAIN, O_IDLE, O_MAXAGE, O_PROXY };
	static const struct option opts[] = {
		{"db", required_argument, NULL, O_DB},
		{"listen", required_argument, NULL, O_LISTEN},
		{"threads", required_argument, NULL, O_THREADS},
		{"max-body", required_argument, NULL, O_BODY},
		{"max-buffered", required_argument, NULL, O_BODIES},
		{"max-connections", required_argument, NULL, O_CONNS},
		{"max-per-ip", required_argument, NULL, O_PERIP},
		{"timeout", required_argument, NULL, O_TIMEOUT},
		{"hsts", no_argument, NULL, O_HSTS},
		{"quiet", no_argument, NULL, O_QUIET},
		{"demo", no_argument, NULL, O_DEMO},
		{"trusted-proxy", required_argument, NULL, O_PROXY},
		{"plain-http", no_argument, NULL, O_PLAIN},
		{"session-idle", required_argument, NULL, O_IDLE},
		{"session-max", required_argument, NULL, O_MAXAGE},
		{0},
	};
	optind = 0;
	opterr = 0;
	int c;
	while ((c = getopt_long(argc, argv, "+", opts, NULL)) != -1) {
		switch (c) {
		case O_DB: db_flag = optarg; break;
		case O_LISTEN: listen = optarg; break;
		case O_THREADS:
			if (cli_parse_uint("--threads", optarg, 1, 256, &v))
				return EXIT_USAGE;
			cfg.threads = (unsigned)v;
			break;
		case O_BODY:
			if (cli_parse_uint("--max-body", optarg, 1024, 1ul << 30, &v))
				return EXIT_USAGE;
			cfg.body_max = v;
			break;
		case O_BODIES:
			if (cli_parse_uint("--max-buffered", optarg, 1024, 1ul << 34, &v))
				return EXIT_USAGE;
			cfg.bodies_max = v;
			break;
		case O_CONNS:
			if (cli_parse_uint("--max-connections", optarg, 1, 65536, &v))
				return EXIT_USAGE;
			cfg.conn_limit = (unsigned)v;
			break;
		case O_PERIP:
			if (cli_parse_uint("--max-per-ip", optarg, 1, 65536, &v))
				return EXIT_USAGE;
			cfg.per_ip_limit = (unsigned)v;
			break;
		case O_TIMEOUT:
			if (cli_parse_uint("--timeout", optarg, 1, 3600, &v))
				return EXIT_USAGE;
			cfg.timeout_s = (unsigned)v;
			break;
		case O_HSTS: cfg.hsts = 1; break;
		case O_QUIET: cfg.access_log = 0; break;
		case O_DEMO: demo = 1; break;
		case O_PLAIN: cfg.plain_http = 1; break;
		case O_PROXY: cfg.trusted_proxy = optarg; break;
		case O_IDLE:
			if (cli_parse_uint("--session-idle", optarg, 60, 7 * 86400, &v))
				return EXIT_USAGE;
			cfg.session_idle_s = (unsigned)v;
			break;
		case O_MAXAGE:
			if (cli_parse_uint("--session-max", optarg, 60, 30 * 86400, &v))
				return EXIT_USAGE;
			cfg.session_max_s = (unsigned)v;
			break;
		default:
			return cli_unknown_option("serve", argv, optind - 1);
		}
	}
	if (cli_no_arguments("serve", argc, argv, optind))
		return EXIT_USAGE;
	char host[64];
	int port;
	if (parse_listen(listen, host, sizeof host, &port)) {
		cli_error("serve: --listen wants HOST:PORT, got '%s'", listen);
		return EXIT_USAGE;
	}
	cfg.db_url = cli_db_url(db_flag);

	raise_fd_limit();
	sigset_t stop;
	sigemptyset(&stop);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &stop, NULL);
	signal(SIGPIPE, SIG_IGN);

	char err[512];
	struct app app;
	if (app_init(&app, &cfg, app_routes, app_routes_count, 1, err, sizeof err)) {
		cli_error("%s", err);
		app_free(&app);
		return EXIT_FAIL;
	}
	struct db *db = app_db(&app);
	if (!db) {
		/* The URL may hold a password: the reason was logged above. */
		cli_error("cannot open the database");
		app_free(&app);
		return EXIT_FAIL;
	}
	int created = 0;
	char admin_pw[24] = "";
	if (demo && demo_ensure(db, &created, admin_pw)) {
		cli_error("could not create the demo partnership: %s", db_errmsg(db));
		app_free(&app);
		return EXIT_FAIL;
	}
	if (created) {
		/* Printed once, on the console only: never logged, never stored. */
		printf("Created the demo partnership (Oxfordshire Children and Young People's Trust).\n"
		       "Sign in as %s with the password %s\n"
		       "(shown this once; you will choose your own at first sign-in).\n",
		       DEMO_ADMIN_EMAIL, admin_pw);
		fflush(stdout);
		sodium_memzero(admin_pw, sizeof admin_pw);
	}
	else
		sign_in_hint(db);

	struct server *srv;
	if (server_start(&app, host, port, &srv, err, sizeof err)) {
		cli_error("%s", err);
		app_free(&app);
		return EXIT_FAIL;
	}
	int v6 = strchr(host, ':') != NULL;
	printf("jcs %s serving http://%s%s%s:%d/", JCS_VERSION, v6 ? "[" : "", host, v6 ? "]" : "",
	       server_port(srv));
	if (db_kind(db) == DB_SQLITE)
		printf(" on SQLite (%s). Stop with Ctrl-C.\n", cfg.db_url);
	else
		printf(" on PostgreSQL. Stop with Ctrl-C.\n");
	fflush(stdout);
	log_info("listening on %s port %d", host, server_port(srv));

	int sig = 0;
	sigwait(&stop, &sig);
	log_info("received %s: finishing requests in flight", sig == SIGTERM ? "SIGTERM" : "SIGINT");
	server_stop(srv, GRACE_MS);
	app_free(&app);
	log_info("stopped");
	return EXIT_OK;
}
