/*
 * selfanalysis_web.h: the self-analysis pages and API.  As everywhere, the
 * partnership comes from the signed-in user (req->user), never the URL,
 * and the app has checked the route's access before these run.
 *
 * Files: rounds_web.c (home, rounds), settings_web.c, frameworks_web.c,
 * entry_web.c (entry and import of responses), results_web.c (results,
 * board paper download, comment selection), compare_web.c, results_chart.c
 * (the SVG dot plot), selfanalysis_page.c (what they share),
 * selfanalysis_api.c (JSON API).
 */
#ifndef JCS_SELFANALYSIS_WEB_H
#define JCS_SELFANALYSIS_WEB_H

struct request;
struct response;

/* rounds_web.c, frameworks_web.c, entry_web.c, settings_web.c */
void selfanalysis_home(struct request *req, struct response *res);      /* GET /selfanalysis */
void frameworks_page(struct request *req, struct response *res);        /* GET /selfanalysis/frameworks */
void framework_import_form(struct request *req, struct response *res);  /* GET /selfanalysis/frameworks/import */
void framework_import(struct request *req, struct response *res);       /* POST /selfanalysis/frameworks/import */
void round_new_form(struct request *req, struct response *res);         /* GET /selfanalysis/rounds/new */
void round_create(struct request *req, struct response *res);           /* POST /selfanalysis/rounds/new */
void round_show(struct request *req, struct response *res);             /* GET /selfanalysis/rounds/{round} */
void round_edit_form(struct request *req, struct response *res);        /* GET /selfanalysis/rounds/{round}/edit */
void round_edit(struct request *req, struct response *res);             /* POST /selfanalysis/rounds/{round}/edit */
void round_entry_form(struct request *req, struct response *res);       /* GET /selfanalysis/rounds/{round}/entry */
void round_entry(struct request *req, struct response *res);            /* POST /selfanalysis/rounds/{round}/entry */
void round_import_form(struct request *req, struct response *res);      /* GET /selfanalysis/rounds/{round}/import */
void round_import(struct request *req, struct response *res);           /* POST /selfanalysis/rounds/{round}/import */
void selfanalysis_settings_form(struct request *req, struct response *res); /* GET /settings */
void selfanalysis_settings(struct request *req, struct response *res);  /* POST /settings */

/* results_web.c, compare_web.c */
void round_results_page(struct request *req, struct response *res);     /* GET /selfanalysis/rounds/{round}/results */
void round_compare_page(struct request *req, struct response *res);     /* GET /selfanalysis/rounds/{round}/compare?with=ID */
void round_report(struct request *req, struct response *res);           /* GET /selfanalysis/rounds/{round}/report?format=html|pdf|xlsx */
void round_comment_select(struct request *req, struct response *res);   /* POST /selfanalysis/rounds/{round}/comments/{comment}/select */

/* selfanalysis_api.c */
void api_rounds(struct request *req, struct response *res);             /* GET /api/v1/selfanalysis/rounds */
void api_round_results(struct request *req, struct response *res);      /* GET /api/v1/selfanalysis/rounds/{round}/results */
void api_round_compare(struct request *req, struct response *res);      /* GET /api/v1/selfanalysis/rounds/{round}/compare?with=ID */

#endif
