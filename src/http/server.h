/*
 * server.h: struct server, the HTTP front of struct app (libmicrohttpd).
 *
 * A thread pool on epoll (one thread per core by default); limits on
 * connections, connections per client address, idle time and per-connection
 * memory (which bounds request headers); our own cap on the body: a declared
 * Content-Length over the cap is answered 413 at once without reading the
 * body, and a chunked body that grows past it is discarded as it arrives and
 * answered 413, so memory stays bounded whatever a client sends.
 */
#ifndef JCS_SERVER_H
#define JCS_SERVER_H

#include <stddef.h>

#include "core/err.h"

struct app;
struct server;

/*
 * Listen on host ("127.0.0.1", "::1") and port (0: any free port) and serve
 * app until server_stop().  On failure, one line for people in errbuf.
 */
enum err server_start(struct app *app, const char *host, int port,
		      struct server **out, char *errbuf, size_t errlen);
/* The port actually bound (useful after asking for port 0). */
int server_port(const struct server *s);
/*
 * Graceful stop: stop accepting, let requests in flight finish (waiting at
 * most grace_ms), then close every connection and free the server.
 */
void server_stop(struct server *s, int grace_ms);

#endif
