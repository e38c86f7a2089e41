/*
 * partnership_web.h: the pages and API of a partnership's structure.  Every
 * handler reads the partnership from the signed-in user (req->user), never
 * from the URL, and passes it to the store, so another partnership's
 * records are never found.  Access (who may read or write) is checked by
 * the app from the route table before these run.
 *
 * Pages follow one pattern per kind of record: a list with search and
 * filters, a page per record, add and edit forms (GOV.UK error summary on
 * mistakes, values kept), retire and reinstate buttons (POST), and CSV
 * import with every problem listed by row and column.
 */
#ifndef JCS_PARTNERSHIP_WEB_H
#define JCS_PARTNERSHIP_WEB_H

struct request;
struct response;

/* GET / : the signed-in user's partnership at a glance. */
void partnership_home(struct request *req, struct response *res);

/* organisation_web.c */
void organisations_list(struct request *req, struct response *res);     /* GET /organisations */
void organisation_new_form(struct request *req, struct response *res);  /* GET /organisations/new */
void organisation_create(struct request *req, struct response *res);    /* POST /organisations/new */
void organisation_show(struct request *req, struct response *res);      /* GET /organisations/{id} */
void organisation_edit_form(struct request *req, struct response *res); /* GET /organisations/{id}/edit */
void organisation_edit(struct request *req, struct response *res);      /* POST /organisations/{id}/edit */
void organisation_retire(struct request *req, struct response *res);    /* POST /organisations/{id}/retire */
void organisation_reinstate(struct request *req, struct response *res); /* POST /organisations/{id}/reinstate */
void organisations_import_form(struct request *req, struct response *res); /* GET /organisations/import */
void organisations_import(struct request *req, struct response *res);   /* POST /organisations/import */
void api_organisations(struct request *req, struct response *res);      /* GET /api/v1/organisations */

/* area_web.c */
void areas_list(struct request *req, struct response *res);
void area_new_form(struct request *req, struct response *res);
void area_create(struct request *req, struct response *res);
void area_show(struct request *req, struct response *res);
void area_edit_form(struct request *req, struct response *res);
void area_edit(struct request *req, struct response *res);
void area_retire(struct request *req, struct response *res);
void area_reinstate(struct request *req, struct response *res);
void areas_import_form(struct request *req, struct response *res);
void areas_import(struct request *req, struct response *res);
void api_areas(struct request *req, struct response *res);             /* GET /api/v1/areas */

/* board_web.c */
void boards_list(struct request *req, struct response *res);
void board_new_form(struct request *req, struct response *res);
void board_create(struct request *req, struct response *res);
void board_show(struct request *req, struct response *res);
void board_edit_form(struct request *req, struct response *res);
void board_edit(struct request *req, struct response *res);
void board_retire(struct request *req, struct response *res);
void board_reinstate(struct request *req, struct response *res);
void board_member_add_post(struct request *req, struct response *res);   /* POST /boards/{id}/members */
void board_member_remove_post(struct request *req, struct response *res);/* POST /boards/{id}/members/{member}/remove */

#endif
