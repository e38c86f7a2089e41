/*
 * server.c: libmicrohttpd glue.  An "exchange" is one request and its
 * response: created when the request line arrives (the URI log callback,
 * which also hands us the raw URI before libmicrohttpd decodes anything),
 * filled while the body arrives, answered by app_handle() once the body is
 * complete, and freed in the completion callback, which also records
 * metrics and writes the access log line.  We parse the query string and
 * decode the path ourselves (libmicrohttpd's unescaping is switched off), so
 * the same fuzzed parsers serve the in-process tests and the real server.
 */
#include "http/server.h"

#include <arpa/inet.h>
#include <errno.h>
#include <jansson.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "core/alloc.h"
#include "core/log.h"
#include "http/request.h"
#include "http/urlencoded.h"
#include "web/app.h"
#include "web/respond.h"

/* Bounds on what one request may make us hold. */
#define POOL_LIMIT (16u << 20)
#define MAX_HEADERS 100
#define MAX_QUERY_PARAMS 256
/* Paths longer than this are cut in the access log. */
#define LOG_PATH_MAX 1024

struct server {
	struct MHD_Daemon *daemon;
	struct app *app;
	int port;
};

struct exchange {
	struct pool pool;
	struct buf body;
	struct app *app;
	char *uri;            /* raw request target, from the pool */
	uint64_t start_us;
	size_t discarded;     /* body bytes dropped past the cap */
	int too_big;
	int too_busy;         /* all bodies together are over their budget */
	size_t budgeted;      /* body bytes counted in app->body_bytes */
	int started;          /* the first (headers-only) call has been seen */
	int in_flight;        /* counted in metrics.in_flight */
	int answered;
	int status;           /* for the access log and metrics */
	size_t bytes;
	const char *route;    /* matched route name, or NULL */
	const char *method;
	json_t *json;         /* decoded JSON body, released at the end */
};

static uint64_t now_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

static void *on_uri(void *cls, const char *uri, struct MHD_Connection *conn)
{
	struct app *app = cls;
	struct exchange *ex = xcalloc(1, sizeof *ex);
	if (!ex)
		return NULL;
	pool_init(&ex->pool, POOL_LIMIT);
	buf_init(&ex->body, app->cfg.body_max);
	ex->app = app;
	ex->start_us = now_us();
	ex->uri = pool_strdup(&ex->pool, uri ? uri : "");
	if (!ex->uri) {
		buf_free(&ex->body);
		pool_free(&ex->pool);
		xfree(ex);
		return NULL;
	}
	return ex;
}

/* libmicrohttpd must not decode anything: we parse the raw target. */
static size_t no_unescape(void *cls, struct MHD_Connection *c, char *s)
{
	return strlen(s);
}

__attribute__((format(printf, 2, 0)))
static void on_mhd_log(void *cls, const char *fmt, va_list ap)
{
	char msg[512];
	vsnprintf(msg, sizeof msg, fmt, ap);
	size_t n = strlen(msg);
	while (n && (msg[n - 1] == '\n' || msg[n - 1] == '\r'))
		msg[--n] = '\0';
	log_info("http: %s", msg);
}

struct header_ctx {
	struct pool *pool;
	struct params *out;
	size_t cap;
};

static enum MHD_Result collect_header(void *cls, enum MHD_ValueKind kind,
				      const char *key, const char *value)
{
	struct header_ctx *ctx = cls;
	if (ctx->out->n == ctx->cap)
		return MHD_NO; /* the rest are ignored: bounded */
	ctx->out->v[ctx->out->n].name = key;
	ctx->out->v[ctx->out->n].value = value ? value : "";
	ctx->out->n++;
	return MHD_YES;
}

static const char *client_ip(struct MHD_Connection *conn, struct pool *pool)
{
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	char tmp[INET6_ADDRSTRLEN] = "-";
	if (ci && ci->client_addr) {
		if (ci->client_addr->sa_family == AF_INET)
			inet_ntop(AF_INET, &((const struct sockaddr_in *)ci->client_addr)->sin_addr, tmp, sizeof tmp);
		else if (ci->client_addr->sa_family == AF_INET6)
			inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)ci->client_addr)->sin6_addr, tmp, sizeof tmp);
	}
	return pool_strdup(pool, tmp);
}

static enum MHD_Result send_response(struct MHD_Connection *conn, struct exchange *ex,
				     struct response *res)
{
	struct MHD_Response *r;
	size_t len;
	if (res->static_body) {
		len = res->static_len;
		r = MHD_create_response_from_buffer(len, (void *)res->static_body, MHD_RESPMEM_PERSISTENT);
	} else if (res->body.len) {
		/* Hand the buffer over: libmicrohttpd frees it when sent, no copy. */
		len = res->body.len;
		r = MHD_create_response_from_buffer_with_free_callback(len, res->body.data, xfree);
		if (r)
			res->body.data = NULL;
	} else {
		len = 0;
		r = MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
	}
	response_free(res);
	if (!r)
		return MHD_NO;
	if (res->content_type && res->status != 304)
		MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, res->content_type);
	for (size_t i = 0; i < res->nheaders; i++)
		MHD_add_response_header(r, res->headers[i].name, res->headers[i].value);
	enum MHD_Result ok = MHD_queue_response(conn, (unsigned)res->status, r);
	MHD_destroy_response(r);
	ex->answered = 1;
	ex->status = res->status;
	ex->bytes = len;
	return ok;
}

/* Answer without a handler (413 before the body, 400 for a bad target). */
static enum MHD_Result answer_error(struct MHD_Connection *conn, struct exchange *ex,
				    struct request *req, int status, const char *msg)
{
	struct response res;
	response_init(&res, &ex->pool);
	respond_error(req, &res, status, msg);
	app_finish(ex->app, req, &res);
	return send_response(conn, ex, &res);
}

struct framing {
	int content_length; /* how many Content-Length headers */
	int transfer_encoding;
	int te_other;       /* a transfer coding other than plain "chunked" */
	const char *first_cl;
	int cl_differs;
};

static enum MHD_Result count_framing(void *cls, enum MHD_ValueKind kind,
				     const char *key, const char *value)
{
	struct framing *f = cls;
	if (strcasecmp(key, MHD_HTTP_HEADER_CONTENT_LENGTH) == 0) {
		if (f->content_length++ && strcmp(f->first_cl, value ? value : "") != 0)
			f->cl_differs = 1;
		else
			f->first_cl = value ? value : "";
	} else if (strcasecmp(key, MHD_HTTP_HEADER_TRANSFER_ENCODING) == 0) {
		f->transfer_encoding++;
		if (!value || strcasecmp(value, "chunked") != 0)
			f->te_other = 1;
	}
	return MHD_YES;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn,
				  const char *url, const char *method,
				  const char *version, const char *upload_data,
				  size_t *upload_data_size, void **con_cls)
{
	struct app *app = cls;
	struct exchange *ex = *con_cls;
	if (!ex)
		return MHD_NO; /* out of memory at the request line */
	if (ex->answered)
		return MHD_YES;
	ex->method = method;
	if (!ex->in_flight) {
		/* From complete headers on: a client still dribbling its headers
		 * has no request in flight and must not hold up a shutdown. */
		ex->in_flight = 1;
		atomic_fetch_add(&app->metrics.in_flight, 1);
	}

	struct request req = {0};
	req.pool = &ex->pool;
	req.method = method;
	req.path = url;
	req.raw_query = "";
	req.is_api = request_path_is_api(url);

	if (*upload_data_size) {
		/* Body bytes: keep them up to the cap, then count and drop. */
		size_t n = *upload_data_size;
		*upload_data_size = 0;
		if (!ex->too_big && !ex->too_busy) {
			/* All connections' bodies share one budget, so many slow
			 * uploads together cannot exhaust memory either. */
			size_t total = atomic_fetch_add(&app->body_bytes, n) + n;
			if (total > app->cfg.bodies_max) {
				atomic_fetch_sub(&app->body_bytes, n);
				ex->too_busy = 1;
			} else if (buf_append(&ex->body, upload_data, n) != E_OK) {
				atomic_fetch_sub(&app->body_bytes, n);
				ex->too_big = 1;
			} else {
				ex->budgeted += n;
			}
		}
		if (ex->too_big || ex->too_busy) {
			ex->discarded += n;
			if (ex->discarded > 4 * app->cfg.body_max)
				return MHD_NO; /* a client that will not stop: hang up */
		}
		return MHD_YES;
	}

	if (!ex->started) {
		/* First call: headers only.  Refuse an announced oversize body
		 * before reading a byte of it. */
		ex->started = 1;
		/* Ambiguous framing is how requests are smuggled past a proxy:
		 * refuse it rather than pick one reading (RFC 9112 6.3). */
		struct framing f = {0};
		MHD_get_connection_values(conn, MHD_HEADER_KIND, count_framing, &f);
		if (f.cl_differs || (f.content_length && f.transfer_encoding) || f.transfer_encoding > 1)
			return answer_error(conn, ex, &req, 400, "The request's length is ambiguous.");
		/* libmicrohttpd would read an unknown coding to the end of the
		 * connection; RFC 9112 6.1 says answer 501. */
		if (f.te_other)
			return answer_error(conn, ex, &req, 501, "Only the chunked transfer coding is supported.");
		const char *cl = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
							     MHD_HTTP_HEADER_CONTENT_LENGTH);
		if (cl) {
			char *end;
			errno = 0;
			unsigned long long v = strtoull(cl, &end, 10);
			if (errno || *end || v > app->cfg.body_max)
				return answer_error(conn, ex, &req, 413, NULL);
		}
		/* Answer on the next call: libmicrohttpd keeps a connection alive
		 * only when the request was fully read before the answer. */
		return MHD_YES;
	}

	if (ex->too_big)
		return answer_error(conn, ex, &req, 413, NULL);
	if (ex->too_busy)
		return answer_error(conn, ex, &req, 503, "The service is busy receiving other uploads. Try again shortly.");

	/* The whole request is here: build it and let the app answer. */
	char *q = strchr(ex->uri, '?');
	size_t plen = q ? (size_t)(q - ex->uri) : strlen(ex->uri);
	char *path;
	if (url_path_decode(&ex->pool, ex->uri, plen, &path) || path[0] != '/')
		return answer_error(conn, ex, &req, 400, "The web address is not valid.");
	req.path = path;
	req.raw_path = pool_strndup(&ex->pool, ex->uri, plen);
	if (!req.raw_path)
		return MHD_NO;
	req.is_api = request_path_is_api(path);
	if (q) {
		req.raw_query = q + 1;
		if (urlencoded_parse(&ex->pool, q + 1, strlen(q + 1), MAX_QUERY_PARAMS, &req.query))
			return answer_error(conn, ex, &req, 400, "The web address has a query that is not valid.");
	}
	struct header_ctx hc = {&ex->pool, &req.headers, MAX_HEADERS};
	req.headers.v = pool_alloc(&ex->pool, MAX_HEADERS * sizeof *req.headers.v);
	if (!req.headers.v)
		return MHD_NO;
	MHD_get_connection_values(conn, MHD_HEADER_KIND, collect_header, &hc);
	req.body = ex->body.data;
	req.body_len = ex->body.len;
	req.client_ip = client_ip(conn, &ex->pool);

	struct response res;
	response_init(&res, &ex->pool);
	app_handle(app, &req, &res);
	ex->json = req.json;
	ex->route = req.matched ? req.matched->name : NULL;
	return send_response(conn, ex, &res);
}

static void access_log(struct exchange *ex, struct MHD_Connection *conn,
		       enum MHD_RequestTerminationCode toe, uint64_t us)
{
	char ts[40];
	log_timestamp(ts, sizeof ts);
	struct buf line;
	buf_init(&line, 8192);
	char *q = ex->uri ? strchr(ex->uri, '?') : NULL;
	if (q)
		*q = '\0'; /* the query may hold personal data: log the path only */
	/* Plain appends: this runs for every request. */
	buf_puts(&line, "{\"ts\":\"");
	buf_puts(&line, ts);
	buf_puts(&line, "\",\"type\":\"access\",\"ip\":\"");
	/* A respondent's pages (/respond, its answers) are logged without
	 * the client's address: a line with both would tie a person to the
	 * day and time their anonymous answers were submitted. */
	const char *path_only = ex->uri ? ex->uri : "";
	int respondent = strncmp(path_only, "/respond", 8) == 0 &&
			 (path_only[8] == '\0' || path_only[8] == '/');
	buf_puts(&line, respondent ? "-" : client_ip(conn, &ex->pool));
	buf_puts(&line, "\",\"method\":\"");
	buf_json_str(&line, ex->method ? ex->method : "-");
	buf_puts(&line, "\",\"path\":\"");
	/* A long path is cut, never the line: an oversized line would be
	 * dropped, and a request could hide itself from the log. */
	const char *path = ex->uri ? ex->uri : "";
	size_t plen = strlen(path);
	int cut = plen > LOG_PATH_MAX;
	if (cut) {
		plen = LOG_PATH_MAX;
		while (plen && ((unsigned char)path[plen] & 0xC0) == 0x80)
			plen--; /* not inside a UTF-8 sequence */
		char *shortened = pool_strndup(&ex->pool, path, plen);
		path = shortened ? shortened : "";
	}
	buf_json_str(&line, path);
	buf_puts(&line, "\",\"route\":\"");
	buf_puts(&line, ex->route ? ex->route : "-");
	buf_puts(&line, "\",\"status\":");
	buf_put_i64(&line, ex->status);
	buf_puts(&line, ",\"bytes\":");
	buf_put_i64(&line, (int64_t)ex->bytes);
	buf_puts(&line, ",\"us\":");
	buf_put_i64(&line, (int64_t)us);
	if (cut)
		buf_puts(&line, ",\"truncated\":true");
	buf_puts(&line, toe == MHD_REQUEST_TERMINATED_COMPLETED_OK ? "}" : ",\"aborted\":true}");
	log_line(&line);
	buf_free(&line);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
			 enum MHD_RequestTerminationCode toe)
{
	struct app *app = cls;
	struct exchange *ex = *con_cls;
	if (!ex)
		return;
	*con_cls = NULL;
	uint64_t us = now_us() - ex->start_us;
	if (ex->answered)
		metrics_record(&app->metrics, metrics_route_index(&app->metrics, ex->route),
			       ex->status, us);
	/* Requests libmicrohttpd refused itself (bad headers, 431...) are
	 * logged too, with status 0: nothing a client sends goes unrecorded. */
	if (app->cfg.access_log && log_verbose())
		access_log(ex, conn, toe, us);
	if (ex->budgeted)
		atomic_fetch_sub(&app->body_bytes, ex->budgeted);
	json_decref(ex->json);
	buf_free(&ex->body);
	pool_free(&ex->pool);
	if (ex->in_flight)
		atomic_fetch_sub(&app->metrics.in_flight, 1);
	xfree(ex);
}

enum err server_start(struct app *app, const char *host, int port,
		      struct server **out, char *errbuf, size_t errlen)
{
	struct sockaddr_in a4 = {0};
	struct sockaddr_in6 a6 = {0};
	struct sockaddr *sa;
	unsigned flags = MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ITC | MHD_USE_ERROR_LOG | MHD_USE_TURBO;
	if (inet_pton(AF_INET, host, &a4.sin_addr) == 1) {
		a4.sin_family = AF_INET;
		a4.sin_port = htons((uint16_t)port);
		sa = (struct sockaddr *)&a4;
	} else if (inet_pton(AF_INET6, host, &a6.sin6_addr) == 1) {
		a6.sin6_family = AF_INET6;
		a6.sin6_port = htons((uint16_t)port);
		sa = (struct sockaddr *)&a6;
		flags |= MHD_USE_IPv6;
	} else {
		snprintf(errbuf, errlen, "listen address %s is not an IP address", host);
		return E_INVAL;
	}
	unsigned threads = app->cfg.threads;
	if (!threads) {
		long n = sysconf(_SC_NPROCESSORS_ONLN);
		threads = n > 0 ? (unsigned)n : 2;
	}
	struct server *s = xcalloc(1, sizeof *s);
	if (!s)
		return E_NOMEM;
	s->app = app;
	s->daemon = MHD_start_daemon(
		flags, 0, NULL, NULL, on_request, app,
		MHD_OPTION_EXTERNAL_LOGGER, on_mhd_log, (void *)NULL,
		MHD_OPTION_SOCK_ADDR, sa,
		MHD_OPTION_THREAD_POOL_SIZE, threads,
		MHD_OPTION_CONNECTION_LIMIT, app->cfg.conn_limit,
		MHD_OPTION_PER_IP_CONNECTION_LIMIT, app->cfg.per_ip_limit,
		MHD_OPTION_CONNECTION_TIMEOUT, app->cfg.timeout_s,
		MHD_OPTION_CONNECTION_MEMORY_LIMIT, app->cfg.conn_memory,
		MHD_OPTION_LISTEN_BACKLOG_SIZE, 1024u,
		MHD_OPTION_STRICT_FOR_CLIENT, 1,
		MHD_OPTION_URI_LOG_CALLBACK, on_uri, app,
		MHD_OPTION_UNESCAPE_CALLBACK, no_unescape, (void *)NULL,
		MHD_OPTION_NOTIFY_COMPLETED, on_completed, app,
		MHD_OPTION_END);
	if (!s->daemon) {
		snprintf(errbuf, errlen, "cannot listen on %s port %d: %s", host, port,
			 errno ? strerror(errno) : "libmicrohttpd refused to start");
		xfree(s);
		return E_IO;
	}
	const union MHD_DaemonInfo *di = MHD_get_daemon_info(s->daemon, MHD_DAEMON_INFO_BIND_PORT);
	s->port = di ? di->port : port;
	*out = s;
	return E_OK;
}

int server_port(const struct server *s) { return s->port; }

void server_stop(struct server *s, int grace_ms)
{
	if (!s)
		return;
	atomic_store(&s->app->stopping, 1);
	/* The quiesced socket may still be in use by a worker until the daemon
	 * stops, so it is only shut down here (new clients are refused at
	 * once) and closed after MHD_stop_daemon. */
	MHD_socket lsock = MHD_quiesce_daemon(s->daemon);
	if (lsock != MHD_INVALID_SOCKET)
		shutdown(lsock, SHUT_RDWR);
	/* Requests in flight finish; idle keep-alive connections do not count. */
	for (int waited = 0; waited < grace_ms; waited += 10) {
		if (atomic_load(&s->app->metrics.in_flight) == 0)
			break;
		struct timespec ts = {0, 10 * 1000 * 1000};
		nanosleep(&ts, NULL);
	}
	MHD_stop_daemon(s->daemon);
	if (lsock != MHD_INVALID_SOCKET)
		close(lsock);
	xfree(s);
}
