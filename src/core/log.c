/*
 * log.c: JSON-lines logging.  Lines are built in a stack-bounded buffer and
 * written whole; a message too long for it is truncated, never split.
 */
#include "core/log.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/buf.h"

static int verbose = 1;

void log_set_verbose(int on) { verbose = on; }
int log_verbose(void) { return verbose; }

/*
 * gmtime_r takes a process-wide lock in glibc, and every access log line
 * needs a timestamp: each thread formats the date and time once per second.
 */
void log_timestamp(char *out, unsigned long size)
{
	static _Thread_local time_t cached_sec = -1;
	static _Thread_local char cached[24];
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	if (ts.tv_sec != cached_sec) {
		struct tm tm;
		gmtime_r(&ts.tv_sec, &tm);
		strftime(cached, sizeof cached, "%Y-%m-%dT%H:%M:%S", &tm);
		cached_sec = ts.tv_sec;
	}
	/* "...:SS" + ".mmmZ": digits by hand, this runs for every request. */
	if (size < sizeof cached + 6) {
		if (size)
			out[0] = '\0';
		return;
	}
	size_t n = strlen(cached);
	long ms = ts.tv_nsec / 1000000;
	memcpy(out, cached, n);
	out[n] = '.';
	out[n + 1] = (char)('0' + ms / 100);
	out[n + 2] = (char)('0' + ms / 10 % 10);
	out[n + 3] = (char)('0' + ms % 10);
	out[n + 4] = 'Z';
	out[n + 5] = '\0';
}

void log_line(struct buf *line)
{
	if (line->failed || !line->data)
		return;
	buf_putc(line, '\n');
	ssize_t off = 0, n = (ssize_t)line->len;
	while (off < n) {
		ssize_t w = write(STDERR_FILENO, line->data + off, (size_t)(n - off));
		if (w <= 0)
			break;
		off += w;
	}
}

__attribute__((format(printf, 2, 0)))
static void vlog(const char *level, const char *fmt, va_list ap)
{
	char msg[1024], ts[40];
	vsnprintf(msg, sizeof msg, fmt, ap);
	log_timestamp(ts, sizeof ts);
	struct buf b;
	buf_init(&b, 8192); /* room for the 1 KiB message escaped six-fold */
	buf_printf(&b, "{\"ts\":\"%s\",\"level\":\"%s\",\"msg\":\"", ts, level);
	buf_json_str(&b, msg);
	buf_puts(&b, "\"}");
	log_line(&b);
	buf_free(&b);
}

void log_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vlog("error", fmt, ap);
	va_end(ap);
}

void log_info(const char *fmt, ...)
{
	if (!verbose)
		return;
	va_list ap;
	va_start(ap, fmt);
	vlog("info", fmt, ap);
	va_end(ap);
}
