/*
 * metrics.c: struct metrics.  A status slot is claimed with a
 * compare-and-swap the first time a route answers with that status, so the
 * table needs no lock and no allocation after start.
 */
#include "http/metrics.h"

#include <string.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "db/db.h"

/* Upper bounds of the latency buckets, in microseconds and as printed. */
static const uint64_t bucket_us[METRICS_BUCKETS] = {
	250, 500, 1000, 2500, 5000, 10000, 25000, 50000, 100000, 250000, 500000, 1000000};
static const char *const bucket_le[METRICS_BUCKETS] = {
	"0.00025", "0.0005", "0.001", "0.0025", "0.005", "0.01",
	"0.025", "0.05", "0.1", "0.25", "0.5", "1"};

int metrics_init(struct metrics *m, const char *const *names, size_t n)
{
	memset(m, 0, sizeof *m);
	m->routes = xcalloc(n + 1, sizeof *m->routes);
	if (!m->routes)
		return -1;
	/* Several routes may share a name (GET and POST of one page). */
	for (size_t i = 0; i < n; i++) {
		int seen = 0;
		for (size_t k = 0; k < m->nroutes; k++)
			seen |= strcmp(m->routes[k].name, names[i]) == 0;
		if (!seen)
			m->routes[m->nroutes++].name = names[i];
	}
	m->routes[m->nroutes++].name = "unmatched";
	return 0;
}

void metrics_free(struct metrics *m)
{
	xfree(m->routes);
	m->routes = NULL;
	m->nroutes = 0;
}

size_t metrics_route_index(const struct metrics *m, const char *name)
{
	if (name)
		for (size_t i = 0; i + 1 < m->nroutes; i++)
			if (strcmp(m->routes[i].name, name) == 0)
				return i;
	return m->nroutes - 1;
}

void metrics_record(struct metrics *m, size_t route, int status, uint64_t micros)
{
	if (route >= m->nroutes)
		route = m->nroutes - 1;
	struct metrics_route *r = &m->routes[route];
	size_t slot = METRICS_STATUS_SLOTS;
	for (size_t i = 0; i < METRICS_STATUS_SLOTS; i++) {
		int cur = atomic_load_explicit(&r->status[i], memory_order_acquire);
		if (cur == status) {
			slot = i;
			break;
		}
		if (cur == 0) {
			int expected = 0;
			if (atomic_compare_exchange_strong(&r->status[i], &expected, status) ||
			    expected == status) {
				slot = i;
				break;
			}
		}
	}
	atomic_fetch_add_explicit(&r->count[slot], 1, memory_order_relaxed);

	size_t b = 0;
	while (b < METRICS_BUCKETS && micros > bucket_us[b])
		b++;
	atomic_fetch_add_explicit(&m->bucket[b], 1, memory_order_relaxed);
	atomic_fetch_add_explicit(&m->sum_us, micros, memory_order_relaxed);
	atomic_fetch_add_explicit(&m->count, 1, memory_order_relaxed);
}

void metrics_write(struct metrics *m, struct buf *out)
{
	buf_puts(out, "# HELP jcs_http_requests_total HTTP requests answered, by route and status.\n"
		      "# TYPE jcs_http_requests_total counter\n");
	for (size_t i = 0; i < m->nroutes; i++) {
		struct metrics_route *r = &m->routes[i];
		for (size_t s = 0; s <= METRICS_STATUS_SLOTS; s++) {
			uint64_t c = atomic_load(&r->count[s]);
			if (!c)
				continue;
			if (s < METRICS_STATUS_SLOTS)
				buf_printf(out, "jcs_http_requests_total{route=\"%s\",status=\"%d\"} %llu\n",
					   r->name, atomic_load(&r->status[s]), (unsigned long long)c);
			else
				buf_printf(out, "jcs_http_requests_total{route=\"%s\",status=\"other\"} %llu\n",
					   r->name, (unsigned long long)c);
		}
	}
	buf_puts(out, "# HELP jcs_http_request_duration_seconds Time from request start to response queued.\n"
		      "# TYPE jcs_http_request_duration_seconds histogram\n");
	uint64_t cum = 0;
	for (size_t b = 0; b < METRICS_BUCKETS; b++) {
		cum += atomic_load(&m->bucket[b]);
		buf_printf(out, "jcs_http_request_duration_seconds_bucket{le=\"%s\"} %llu\n",
			   bucket_le[b], (unsigned long long)cum);
	}
	cum += atomic_load(&m->bucket[METRICS_BUCKETS]);
	uint64_t sum = atomic_load(&m->sum_us);
	buf_printf(out, "jcs_http_request_duration_seconds_bucket{le=\"+Inf\"} %llu\n"
			"jcs_http_request_duration_seconds_sum %llu.%06llu\n"
			"jcs_http_request_duration_seconds_count %llu\n",
		   (unsigned long long)cum, (unsigned long long)(sum / 1000000),
		   (unsigned long long)(sum % 1000000), (unsigned long long)atomic_load(&m->count));
	uint64_t ns, stmts;
	db_stats(&ns, &stmts);
	buf_printf(out, "# HELP jcs_db_seconds_total Time spent in the database.\n"
			"# TYPE jcs_db_seconds_total counter\n"
			"jcs_db_seconds_total %llu.%09llu\n"
			"# HELP jcs_db_statements_total Statements executed.\n"
			"# TYPE jcs_db_statements_total counter\n"
			"jcs_db_statements_total %llu\n"
			"# HELP jcs_http_requests_in_flight Requests being answered now.\n"
			"# TYPE jcs_http_requests_in_flight gauge\n"
			"jcs_http_requests_in_flight %llu\n",
		   (unsigned long long)(ns / 1000000000), (unsigned long long)(ns % 1000000000),
		   (unsigned long long)stmts, (unsigned long long)atomic_load(&m->in_flight));
}
