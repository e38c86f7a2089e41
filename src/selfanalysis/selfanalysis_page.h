/*
 * selfanalysis_page.h: what the self-analysis pages share, so that every
 * page finds its round the same way (in the signed-in user's partnership,
 * 404 otherwise), writes its crumbs, numbers and days alike, and offers
 * write buttons only to those who may use them.
 */
#ifndef JCS_SELFANALYSIS_PAGE_H
#define JCS_SELFANALYSIS_PAGE_H

#include <stddef.h>
#include <stdint.h>

#include "selfanalysis/round.h"

struct code_label;
struct govuk_table;
struct html;
struct page;
struct pool;
struct request;
struct response;
struct round_comparison;
struct round_data;
struct round_results;
struct standard_stats;

/* 1 when the signed-in user may change self-analysis rounds. */
int sa_can_write(const struct request *req);

/*
 * The round the URL's {round} names, in the user's partnership (never the
 * URL's): 1, or 0 having answered 404 (another partnership's round, or no
 * such round) or the store's error.
 */
int sa_round_load(struct request *req, struct response *res, struct round *r);

/* The results of the round {round} names (round_data_load in the user's
 * partnership, then round_results_compute): 1, or 0 having answered 404
 * or the store's error.  *rr points at *d. */
int sa_results_load(struct request *req, struct response *res, struct round_data *d,
		    struct round_results *rr);

/* "/selfanalysis/rounds/ID" followed by suffix ("", "/results"...). */
const char *sa_round_href(struct pool *pool, int64_t id, const char *suffix);

/*
 * Starts a self-analysis page: crumbs Home, Self-analysis, then the round
 * (linked) when r is not NULL, then here (the current page; NULL when the
 * page is the round's own or the home page); the navigation's
 * "Self-analysis" active; "Error: " in the title and status 400 when
 * errors.  Finish with respond_page_end.
 */
void sa_page_begin(struct request *req, struct response *res, struct html *h, struct page *pg,
		   const char *title, const struct round *r, const char *here, int errors);

/* The success banner for ?done=CODE, its words from t (never the URL);
 * nothing for a code t lacks. */
void sa_done_banner(const struct request *req, struct html *h, const struct code_label *t, size_t n);

/* A figure to 2 decimals ("2.94"), as every format of the results shows it. */
const char *sa_decimal(struct pool *pool, double v);
/* A score in points without needless zeros: "3", "3.5", "3.75". */
const char *sa_points(struct pool *pool, double v);
/* A stored day as people read it ("31 March 2009"), or none when NULL. */
const char *sa_day(struct pool *pool, const char *day, const char *none);
/* "31 March 2009 to 30 April 2009", "From ...", "Until ...", or "Not set". */
const char *sa_dates(struct pool *pool, const struct round *r);
/* "Open" or "Closed". */
const char *sa_round_status(const struct round *r);

/*
 * A wide table of figures (t's caption as a heading, smaller text) inside
 * a region that scrolls sideways, focusable so keyboard users can scroll
 * it too.  The region has id (a chart's aria-describedby points at it)
 * and takes the table's caption as its name.  Rows with govuk_table_row or
 * by hand, then sa_table_end.
 */
void sa_table_begin(struct html *h, const char *id, const struct govuk_table *t);
void sa_table_end(struct html *h);

/* Text typed with blank lines between paragraphs (key messages) as
 * <p> elements; line breaks within a paragraph are kept. */
void sa_paragraphs(struct html *h, struct pool *pool, const char *text);

/* The statistics of one standard as the table cells show them ("" when
 * absent): mean, median, "q1 to q3", "min to max", sd, rwg. */
struct sa_stats_text {
	const char *mean, *median, *quartiles, *range, *sd, *rwg;
};
void sa_stats_text(struct pool *pool, const struct standard_stats *st, struct sa_stats_text *out);

/*
 * Loads rounds id and with of the user's partnership and compares them,
 * the one that opened first (round_opened_before) as the earlier (*a)
 * whatever the order asked; out points at *a and *b.  E_NOTFOUND when either is not the
 * partnership's.
 */
enum err sa_compare_load(struct request *req, int64_t id, int64_t with, struct round_data *a,
			 struct round_data *b, struct round_comparison *out);

#endif
