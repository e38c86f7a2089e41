/*
 * http_client.h: a deliberately simple HTTP/1.1 client for tests, on raw
 * loopback sockets, so tests can send exactly the bytes they mean
 * (malformed requests, partial bodies, idle connections).
 */
#ifndef JCS_HTTP_CLIENT_H
#define JCS_HTTP_CLIENT_H

#include <stddef.h>

struct http_reply {
	int status;      /* 0 when no status line arrived */
	char *head;      /* status line and headers, NUL-terminated */
	char *body;      /* NUL-terminated */
	size_t body_len;
};

/* A TCP connection to 127.0.0.1:port, from src_ip (NULL: any).  -1 on failure. */
int tcp_connect(const char *src_ip, int port);
/* Send all of data; 0 or -1. */
int tcp_send(int fd, const void *data, size_t len);
/* Read one response (Content-Length, chunked, or to EOF) within timeout_ms. */
int http_read(int fd, struct http_reply *out, int timeout_ms);
/* Connect, send a raw request, read the reply, close.  0 or -1. */
int http_raw(int port, const char *raw, struct http_reply *out);
/* GET path with Connection: close. */
int http_get(int port, const char *path, struct http_reply *out);
/* A header's value (case-insensitive name), malloc'd; NULL when absent. */
char *http_header(const struct http_reply *r, const char *name);
void http_reply_free(struct http_reply *r);
/* A free TCP port on 127.0.0.1 (bound and released). */
int free_port(void);

#endif
