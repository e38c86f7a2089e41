/*
 * benchmark_web.h: sharing a round with the national benchmark, and where
 * a partnership stands among those that share.  Only aggregates (per
 * standard n and mean) ever leave a partnership; positions are suppressed
 * while fewer than BENCHMARK_MIN_PARTNERSHIPS share.
 */
#ifndef JCS_BENCHMARK_WEB_H
#define JCS_BENCHMARK_WEB_H

struct request;
struct response;

void benchmark_page(struct request *req, struct response *res);          /* GET /selfanalysis/benchmark */
void round_share(struct request *req, struct response *res);             /* POST /selfanalysis/rounds/{round}/share */
void round_unshare(struct request *req, struct response *res);           /* POST /selfanalysis/rounds/{round}/unshare */
void national_benchmark_page(struct request *req, struct response *res); /* GET /national/benchmark */
void api_benchmark(struct request *req, struct response *res);           /* GET /api/v1/selfanalysis/benchmark */

#endif
