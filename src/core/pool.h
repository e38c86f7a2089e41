/*
 * pool.h: struct pool, a per-request memory arena (h2o's pattern).
 *
 * Everything a request allocates (parsed parameters, route captures, page
 * text) comes from its pool and is released in one pool_free() when the
 * request ends, so handlers never free and cannot leak.  A pool has a total
 * byte limit: a request that would exceed it gets NULL, never an unbounded
 * allocation.  A pool is used by one thread at a time.
 */
#ifndef JCS_POOL_H
#define JCS_POOL_H

#include <stddef.h>

struct pool_chunk;

struct pool {
	struct pool_chunk *head; /* newest chunk first */
	size_t used;             /* bytes handed out, for the limit */
	size_t limit;            /* most bytes this pool may hand out */
};

void pool_init(struct pool *p, size_t limit);
/* Release every allocation made from p; p may be reused afterwards. */
void pool_free(struct pool *p);

/* n bytes aligned for any type, or NULL when out of memory or over the limit. */
void *pool_alloc(struct pool *p, size_t n);
void *pool_zalloc(struct pool *p, size_t n);
char *pool_strndup(struct pool *p, const char *s, size_t n);
char *pool_strdup(struct pool *p, const char *s);
/* A pool-allocated formatted string, or NULL. */
char *pool_printf(struct pool *p, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
