/*
 * buf.h: struct buf, a growable byte buffer with a hard maximum size.
 *
 * Every buffer that grows with input has a ceiling (curl's rule), so no
 * request can make the server allocate without bound.  Appending past the
 * maximum fails with E_TOOBIG and leaves the buffer as it was; a failed
 * append also sets buf->failed, so a writer can append many pieces and check
 * once at the end.  The contents are always NUL-terminated for convenience;
 * the terminator is not counted in len.
 */
#ifndef JCS_BUF_H
#define JCS_BUF_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

struct buf {
	char *data;   /* NULL until the first append */
	size_t len;   /* bytes used, excluding the NUL terminator */
	size_t cap;   /* bytes allocated */
	size_t max;   /* len may never exceed this */
	int failed;   /* sticky: set by the first failed append */
};

/* An empty buffer that may hold at most max bytes. */
void buf_init(struct buf *b, size_t max);
void buf_free(struct buf *b);
/* Forget the contents but keep the allocation and the maximum. */
void buf_reset(struct buf *b);

enum err buf_append(struct buf *b, const void *data, size_t n);
enum err buf_puts(struct buf *b, const char *s);
enum err buf_putc(struct buf *b, char c);
enum err buf_put_i64(struct buf *b, int64_t v);
/* Formatted append for trusted, non-HTML output (logs, metrics, headers). */
enum err buf_printf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
enum err buf_vprintf(struct buf *b, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));

/* Append s as the body of a JSON string (without the quotes). */
enum err buf_json_str(struct buf *b, const char *s);

#endif
