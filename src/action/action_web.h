/*
 * action_web.h: action plans.  Actions are their own small module (other
 * modules link to them); a self-analysis round's action plan is the
 * actions linked to its standards.
 */
#ifndef JCS_ACTION_WEB_H
#define JCS_ACTION_WEB_H

struct request;
struct response;

void actions_list(struct request *req, struct response *res);       /* GET /actions */
void action_new_form(struct request *req, struct response *res);    /* GET /actions/new?round=ID&standard=KEY */
void action_create(struct request *req, struct response *res);      /* POST /actions/new */
void action_show(struct request *req, struct response *res);        /* GET /actions/{action} */
void action_edit_form(struct request *req, struct response *res);   /* GET /actions/{action}/edit */
void action_edit(struct request *req, struct response *res);        /* POST /actions/{action}/edit */
void round_actions_page(struct request *req, struct response *res); /* GET /selfanalysis/rounds/{round}/actions */
void api_actions(struct request *req, struct response *res);        /* GET /api/v1/actions */

#endif
