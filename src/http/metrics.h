/*
 * metrics.h: struct metrics, the counters behind /metrics.
 *
 * Requests by route and status, a latency histogram, and the database time
 * reported by db_stats(), written in the Prometheus text format.  Counters
 * are lock-free atomics so recording a request costs no lock on the hot
 * path.  Each route has a fixed number of status slots; a status beyond
 * them is counted under the route's "other" slot rather than dropped.
 */
#ifndef JCS_METRICS_H
#define JCS_METRICS_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

struct buf;

#define METRICS_STATUS_SLOTS 8
#define METRICS_BUCKETS 12

struct metrics_route {
	const char *name;
	atomic_int status[METRICS_STATUS_SLOTS];   /* 0 = free slot */
	atomic_uint_fast64_t count[METRICS_STATUS_SLOTS + 1]; /* last: other */
};

struct metrics {
	struct metrics_route *routes; /* one per route name, plus "unmatched" */
	size_t nroutes;
	atomic_uint_fast64_t bucket[METRICS_BUCKETS + 1]; /* last: +Inf */
	atomic_uint_fast64_t sum_us;
	atomic_uint_fast64_t count;
	atomic_uint_fast64_t in_flight;
};

/* names: the route table's names; "unmatched" is added.  Returns 0 or -1. */
int metrics_init(struct metrics *m, const char *const *names, size_t n);
void metrics_free(struct metrics *m);
/* Index of a route name for metrics_record (the "unmatched" index for NULL). */
size_t metrics_route_index(const struct metrics *m, const char *name);
void metrics_record(struct metrics *m, size_t route, int status, uint64_t micros);
/* Append the Prometheus text exposition. */
void metrics_write(struct metrics *m, struct buf *out);

#endif
