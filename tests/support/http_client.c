/*
 * http_client.c: the tests' HTTP client.  Reads are bounded by a deadline
 * so a server bug shows as a failed test, never a hung one.
 */
#include "support/http_client.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

int tcp_connect(const char *src_ip, int port)
{
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	if (src_ip) {
		struct sockaddr_in src = {.sin_family = AF_INET};
		inet_pton(AF_INET, src_ip, &src.sin_addr);
		if (bind(fd, (struct sockaddr *)&src, sizeof src) < 0) {
			close(fd);
			return -1;
		}
	}
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
	inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
	if (connect(fd, (struct sockaddr *)&a, sizeof a) < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

int tcp_send(int fd, const void *data, size_t len)
{
	const char *p = data;
	while (len) {
		ssize_t w = send(fd, p, len, MSG_NOSIGNAL);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		len -= (size_t)w;
	}
	return 0;
}

static long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Decode a chunked body in place; returns its length or -1 if incomplete. */
static long dechunk(char *b, size_t len)
{
	size_t in = 0, out = 0;
	for (;;) {
		char *eol = memmem(b + in, len - in, "\r\n", 2);
		if (!eol)
			return -1;
		unsigned long n = strtoul(b + in, NULL, 16);
		in = (size_t)(eol - b) + 2;
		if (n == 0)
			return (long)out;
		if (len - in < n + 2)
			return -1;
		memmove(b + out, b + in, n);
		out += n;
		in += n + 2;
	}
}

int http_read(int fd, struct http_reply *out, int timeout_ms)
{
	memset(out, 0, sizeof *out);
	size_t cap = 1 << 16, len = 0;
	char *b = malloc(cap + 1);
	long deadline = now_ms() + timeout_ms;
	int done = 0;
	while (!done) {
		long left = deadline - now_ms();
		if (left <= 0)
			break;
		struct pollfd pfd = {fd, POLLIN, 0};
		if (poll(&pfd, 1, (int)left) <= 0)
			break;
		if (len == cap) {
			cap *= 2;
			b = realloc(b, cap + 1);
		}
		ssize_t r = recv(fd, b + len, cap - len, 0);
		if (r <= 0)
			break; /* EOF or reset: whatever arrived is the reply */
		len += (size_t)r;
		b[len] = '\0';
		char *end = strstr(b, "\r\n\r\n");
		if (!end)
			continue;
		size_t hlen = (size_t)(end - b) + 4;
		*end = '\0';
		struct http_reply probe = {.head = b};
		char *cl = http_header(&probe, "Content-Length");
		char *te = http_header(&probe, "Transfer-Encoding");
		int head_only = strncmp(b, "HTTP/1.1 304", 12) == 0 || strncmp(b, "HTTP/1.1 204", 12) == 0;
		if (head_only || (cl && len - hlen >= strtoul(cl, NULL, 10)))
			done = 1;
		else if (te && strstr(te, "chunked")) {
			char *copy = malloc(len - hlen + 1);
			memcpy(copy, b + hlen, len - hlen);
			done = dechunk(copy, len - hlen) >= 0;
			free(copy);
		}
		*end = '\r';
		free(cl);
		free(te);
	}
	b[len] = '\0';
	char *end = strstr(b, "\r\n\r\n");
	if (!end) {
		out->head = b;
		out->body = strdup("");
		return len ? 0 : -1;
	}
	*end = '\0';
	out->head = b;
	char *body = end + 4;
	size_t blen = len - (size_t)(body - b);
	out->body = malloc(blen + 1);
	memcpy(out->body, body, blen);
	out->body[blen] = '\0';
	out->body_len = blen;
	char *te = http_header(out, "Transfer-Encoding");
	if (te && strstr(te, "chunked")) {
		long n = dechunk(out->body, blen);
		if (n >= 0) {
			out->body_len = (size_t)n;
			out->body[n] = '\0';
		}
	}
	free(te);
	if (strncmp(b, "HTTP/1.", 7) == 0)
		out->status = (int)strtol(b + 9, NULL, 10);
	return 0;
}

int http_raw(int port, const char *raw, struct http_reply *out)
{
	memset(out, 0, sizeof *out);
	int fd = tcp_connect(NULL, port);
	if (fd < 0)
		return -1;
	int rc = tcp_send(fd, raw, strlen(raw)) == 0 ? http_read(fd, out, 10000) : -1;
	close(fd);
	return rc;
}

int http_get(int port, const char *path, struct http_reply *out)
{
	size_t n = strlen(path) + 128;
	char *req = malloc(n);
	snprintf(req, n, "GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", path);
	int rc = http_raw(port, req, out);
	free(req);
	return rc;
}

char *http_header(const struct http_reply *r, const char *name)
{
	size_t n = strlen(name);
	for (const char *line = strstr(r->head, "\r\n"); line; line = strstr(line + 2, "\r\n")) {
		const char *l = line + 2;
		if (strncasecmp(l, name, n) == 0 && l[n] == ':') {
			const char *v = l + n + 1;
			while (*v == ' ')
				v++;
			const char *e = strstr(v, "\r\n");
			return strndup(v, e ? (size_t)(e - v) : strlen(v));
		}
	}
	return NULL;
}

void http_reply_free(struct http_reply *r)
{
	free(r->head);
	free(r->body);
	memset(r, 0, sizeof *r);
}

int free_port(void)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a = {.sin_family = AF_INET};
	inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
	socklen_t al = sizeof a;
	if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof a) < 0 ||
	    getsockname(fd, (struct sockaddr *)&a, &al) < 0) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	close(fd);
	return ntohs(a.sin_port);
}
