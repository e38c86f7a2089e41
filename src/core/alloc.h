/*
 * alloc.h: every heap allocation in jcs goes through these wrappers.
 *
 * One place to allocate means tests can make the N-th allocation fail
 * (alloc_fail_after) and check that every caller handles NULL, as curl does.
 * The wrappers never abort: they return NULL and the caller returns E_NOMEM.
 */
#ifndef JCS_ALLOC_H
#define JCS_ALLOC_H

#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t n);
void xfree(void *p);
/* A copy of s (or of its first n bytes, NUL-terminated), or NULL. */
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/*
 * For tests: after n more successful allocations, every allocation fails
 * until alloc_fail_reset().  Counted per thread, so a test can inject failure
 * into its own thread without disturbing a server's worker threads.
 */
void alloc_fail_after(long n);
void alloc_fail_reset(void);

#endif
