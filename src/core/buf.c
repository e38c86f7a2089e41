/*
 * buf.c: struct buf.  Capacity doubles, clamped to the buffer's maximum
 * (plus one byte for the terminator), so growth is amortised O(1).
 */
#include "core/buf.h"

#include <stdio.h>
#include <string.h>

#include "core/alloc.h"

void buf_init(struct buf *b, size_t max)
{
	memset(b, 0, sizeof *b);
	b->max = max;
}

void buf_free(struct buf *b)
{
	xfree(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
	b->failed = 0;
}

void buf_reset(struct buf *b)
{
	b->len = 0;
	b->failed = 0;
	if (b->data)
		b->data[0] = '\0';
}

static enum err reserve(struct buf *b, size_t extra)
{
	if (extra > b->max || b->len > b->max - extra) {
		b->failed = 1;
		return E_TOOBIG;
	}
	size_t need = b->len + extra + 1;
	if (need <= b->cap)
		return E_OK;
	size_t cap = b->cap ? b->cap : 256;
	while (cap < need)
		cap = cap > SIZE_MAX / 2 ? need : cap * 2;
	if (cap > b->max + 1)
		cap = b->max + 1;
	char *d = xrealloc(b->data, cap);
	if (!d) {
		b->failed = 1;
		return E_NOMEM;
	}
	b->data = d;
	b->cap = cap;
	return E_OK;
}

enum err buf_append(struct buf *b, const void *data, size_t n)
{
	enum err rc = reserve(b, n);
	if (rc)
		return rc;
	if (n)
		memcpy(b->data + b->len, data, n);
	b->len += n;
	b->data[b->len] = '\0';
	return E_OK;
}

enum err buf_puts(struct buf *b, const char *s) { return buf_append(b, s, strlen(s)); }
enum err buf_putc(struct buf *b, char c) { return buf_append(b, &c, 1); }

enum err buf_put_i64(struct buf *b, int64_t v)
{
	char tmp[24];
	int n = snprintf(tmp, sizeof tmp, "%lld", (long long)v);
	return buf_append(b, tmp, (size_t)n);
}

enum err buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0) {
		b->failed = 1;
		return E_INVAL;
	}
	enum err rc = reserve(b, (size_t)n);
	if (rc)
		return rc;
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
	return E_OK;
}

enum err buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	enum err rc = buf_vprintf(b, fmt, ap);
	va_end(ap);
	return rc;
}

enum err buf_json_str(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	enum err rc = E_OK;
	for (const unsigned char *p = (const unsigned char *)s; *p && !rc; p++) {
		switch (*p) {
		case '"': rc = buf_append(b, "\\\"", 2); break;
		case '\\': rc = buf_append(b, "\\\\", 2); break;
		case '\n': rc = buf_append(b, "\\n", 2); break;
		case '\r': rc = buf_append(b, "\\r", 2); break;
		case '\t': rc = buf_append(b, "\\t", 2); break;
		default:
			if (*p < 0x20 || *p == 0x7f) {
				char esc[6] = {'\\', 'u', '0', '0', hex[*p >> 4], hex[*p & 15]};
				rc = buf_append(b, esc, 6);
			} else {
				rc = buf_putc(b, (char)*p);
			}
		}
	}
	return rc;
}
