/*
 * pool.c: struct pool.  Chunks of 4 KiB (or larger for big requests) are
 * carved with a bump pointer; an allocation larger than a quarter chunk gets
 * a chunk of its own so it does not waste the current chunk's tail.
 */
#include "core/pool.h"

#include <stdarg.h>
#include <stdalign.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"

#define CHUNK_SIZE 4096

struct pool_chunk {
	struct pool_chunk *next;
	size_t size; /* usable bytes in data */
	size_t off;  /* next free byte */
	alignas(max_align_t) unsigned char data[];
};

void pool_init(struct pool *p, size_t limit)
{
	p->head = NULL;
	p->used = 0;
	p->limit = limit;
}

void pool_free(struct pool *p)
{
	struct pool_chunk *c = p->head;
	while (c) {
		struct pool_chunk *next = c->next;
		xfree(c);
		c = next;
	}
	p->head = NULL;
	p->used = 0;
}

static struct pool_chunk *chunk_new(size_t size)
{
	struct pool_chunk *c = xmalloc(sizeof *c + size);
	if (!c)
		return NULL;
	c->next = NULL;
	c->size = size;
	c->off = 0;
	return c;
}

void *pool_alloc(struct pool *p, size_t n)
{
	const size_t align = alignof(max_align_t);
	if (n == 0)
		n = 1;
	if (n > SIZE_MAX - align)
		return NULL;
	n = (n + align - 1) & ~(align - 1);
	if (n > p->limit || p->used > p->limit - n)
		return NULL;

	struct pool_chunk *c = p->head;
	if (!c || c->size - c->off < n) {
		if (n > CHUNK_SIZE / 4) {
			/* A big block gets its own chunk, kept behind the current one. */
			struct pool_chunk *big = chunk_new(n);
			if (!big)
				return NULL;
			big->off = n;
			if (c) {
				big->next = c->next;
				c->next = big;
			} else {
				p->head = big;
			}
			p->used += n;
			return big->data;
		}
		c = chunk_new(CHUNK_SIZE);
		if (!c)
			return NULL;
		c->next = p->head;
		p->head = c;
	}
	void *r = c->data + c->off;
	c->off += n;
	p->used += n;
	return r;
}

void *pool_zalloc(struct pool *p, size_t n)
{
	void *r = pool_alloc(p, n);
	if (r)
		memset(r, 0, n);
	return r;
}

char *pool_strndup(struct pool *p, const char *s, size_t n)
{
	char *d = pool_alloc(p, n + 1);
	if (!d)
		return NULL;
	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

char *pool_strdup(struct pool *p, const char *s) { return pool_strndup(p, s, strlen(s)); }

char *pool_printf(struct pool *p, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return NULL;
	char *d = pool_alloc(p, (size_t)n + 1);
	if (!d)
		return NULL;
	va_start(ap, fmt);
	vsnprintf(d, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return d;
}
