/*
 * auth_web.h: sign-in, sign-out, the user's own account (password, API
 * tokens), and the administrator's pages for people.  Sessions, cookies
 * and CSRF checks are the app's (web/app.h: app_session_start and
 * friends); these handlers only decide.
 */
#ifndef JCS_AUTH_WEB_H
#define JCS_AUTH_WEB_H

struct request;
struct response;

/* auth_web.c */
void auth_login_form(struct request *req, struct response *res);   /* GET /login */
void auth_login(struct request *req, struct response *res);        /* POST /login */
void auth_logout(struct request *req, struct response *res);       /* POST /logout */
void account_show(struct request *req, struct response *res);      /* GET /account */
void account_password_form(struct request *req, struct response *res); /* GET /account/password */
void account_password(struct request *req, struct response *res);  /* POST /account/password */
void account_token_create(struct request *req, struct response *res);  /* POST /account/tokens */
void account_token_revoke(struct request *req, struct response *res);  /* POST /account/tokens/{id}/revoke */

/* user_web.c (administrators) */
void users_list(struct request *req, struct response *res);        /* GET /users */
void user_new_form(struct request *req, struct response *res);     /* GET /users/new */
void user_create(struct request *req, struct response *res);       /* POST /users/new */
void user_show(struct request *req, struct response *res);         /* GET /users/{id} */
void user_edit_form(struct request *req, struct response *res);    /* GET /users/{id}/edit */
void user_edit(struct request *req, struct response *res);         /* POST /users/{id}/edit */
void user_reset(struct request *req, struct response *res);        /* POST /users/{id}/reset-password */
void user_disable(struct request *req, struct response *res);      /* POST /users/{id}/disable */
void user_enable(struct request *req, struct response *res);       /* POST /users/{id}/enable */

#endif
