/*
 * routes.c: the one route table.  Every page and API endpoint is a line
 * here with the access it needs (auth/auth.h); the app checks that access
 * before the handler runs, and the isolation test (tests/web/
 * test_isolation.c) runs every line for every role of two partnerships.
 * More specific patterns come before captures ("/organisations/new" before
 * "/organisations/{id}").
 */
#include "audit/audit_web.h"
#include "auth/auth.h"
#include "auth/auth_web.h"
#include "partnership/partnership_web.h"
#include "web/app.h"
#include "web/system.h"

#define PUBLIC ACCESS_PUBLIC
#define SIGNED_IN ACCESS_SIGNED_IN
#define READ(res) ACCESS_PERM(res, ACT_READ)
#define WRITE(res) ACCESS_PERM(res, ACT_WRITE)

const struct route app_routes[] = {
	{"GET", "/healthz", system_healthz, "healthz", PUBLIC},
	{"GET", "/metrics", system_metrics, "metrics", PUBLIC}, /* loopback only */
	{"GET", "/assets/{path*}", system_asset, "assets", PUBLIC},
	{"GET", "/api/v1/version", system_version, "api_version", PUBLIC},

	/* Signing in and the user's own account. */
	{"GET", "/login", auth_login_form, "login_form", ACCESS_OPTIONAL},
	{"POST", "/login", auth_login, "login", ACCESS_OPTIONAL},
	/* Optional: signing out after the session has timed out still works. */
	{"POST", "/logout", auth_logout, "logout", ACCESS_OPTIONAL},
	{"GET", "/account", account_show, "account", SIGNED_IN},
	{"GET", "/account/password", account_password_form, "account_password_form", SIGNED_IN},
	{"POST", "/account/password", account_password, "account_password", SIGNED_IN},
	{"POST", "/account/tokens", account_token_create, "account_token_create", SIGNED_IN},
	{"POST", "/account/tokens/{id}/revoke", account_token_revoke, "account_token_revoke", SIGNED_IN},

	{"GET", "/", partnership_home, "home", SIGNED_IN},

	/* Partner organisations. */
	{"GET", "/organisations", organisations_list, "organisations", READ(RES_STRUCTURE)},
	{"GET", "/organisations/new", organisation_new_form, "organisation_new_form", WRITE(RES_STRUCTURE)},
	{"POST", "/organisations/new", organisation_create, "organisation_create", WRITE(RES_STRUCTURE)},
	{"GET", "/organisations/import", organisations_import_form, "organisations_import_form", WRITE(RES_STRUCTURE)},
	{"POST", "/organisations/import", organisations_import, "organisations_import", WRITE(RES_STRUCTURE)},
	{"GET", "/organisations/{id}", organisation_show, "organisation", READ(RES_STRUCTURE)},
	{"GET", "/organisations/{id}/edit", organisation_edit_form, "organisation_edit_form", WRITE(RES_STRUCTURE)},
	{"POST", "/organisations/{id}/edit", organisation_edit, "organisation_edit", WRITE(RES_STRUCTURE)},
	{"POST", "/organisations/{id}/retire", organisation_retire, "organisation_retire", WRITE(RES_STRUCTURE)},
	{"POST", "/organisations/{id}/reinstate", organisation_reinstate, "organisation_reinstate", WRITE(RES_STRUCTURE)},

	/* Areas. */
	{"GET", "/areas", areas_list, "areas", READ(RES_STRUCTURE)},
	{"GET", "/areas/new", area_new_form, "area_new_form", WRITE(RES_STRUCTURE)},
	{"POST", "/areas/new", area_create, "area_create", WRITE(RES_STRUCTURE)},
	{"GET", "/areas/import", areas_import_form, "areas_import_form", WRITE(RES_STRUCTURE)},
	{"POST", "/areas/import", areas_import, "areas_import", WRITE(RES_STRUCTURE)},
	{"GET", "/areas/{id}", area_show, "area", READ(RES_STRUCTURE)},
	{"GET", "/areas/{id}/edit", area_edit_form, "area_edit_form", WRITE(RES_STRUCTURE)},
	{"POST", "/areas/{id}/edit", area_edit, "area_edit", WRITE(RES_STRUCTURE)},
	{"POST", "/areas/{id}/retire", area_retire, "area_retire", WRITE(RES_STRUCTURE)},
	{"POST", "/areas/{id}/reinstate", area_reinstate, "area_reinstate", WRITE(RES_STRUCTURE)},

	/* Boards and groups. */
	{"GET", "/boards", boards_list, "boards", READ(RES_STRUCTURE)},
	{"GET", "/boards/new", board_new_form, "board_new_form", WRITE(RES_STRUCTURE)},
	{"POST", "/boards/new", board_create, "board_create", WRITE(RES_STRUCTURE)},
	{"GET", "/boards/{id}", board_show, "board", READ(RES_STRUCTURE)},
	{"GET", "/boards/{id}/edit", board_edit_form, "board_edit_form", WRITE(RES_STRUCTURE)},
	{"POST", "/boards/{id}/edit", board_edit, "board_edit", WRITE(RES_STRUCTURE)},
	{"POST", "/boards/{id}/retire", board_retire, "board_retire", WRITE(RES_STRUCTURE)},
	{"POST", "/boards/{id}/reinstate", board_reinstate, "board_reinstate", WRITE(RES_STRUCTURE)},
	{"POST", "/boards/{id}/members", board_member_add_post, "board_member_add", WRITE(RES_STRUCTURE)},
	{"POST", "/boards/{id}/members/{member}/remove", board_member_remove_post, "board_member_remove", WRITE(RES_STRUCTURE)},

	/* People (administrators). */
	{"GET", "/users", users_list, "users", READ(RES_USERS)},
	{"GET", "/users/new", user_new_form, "user_new_form", WRITE(RES_USERS)},
	{"POST", "/users/new", user_create, "user_create", WRITE(RES_USERS)},
	{"GET", "/users/{id}", user_show, "user", READ(RES_USERS)},
	{"GET", "/users/{id}/edit", user_edit_form, "user_edit_form", WRITE(RES_USERS)},
	{"POST", "/users/{id}/edit", user_edit, "user_edit", WRITE(RES_USERS)},
	{"POST", "/users/{id}/reset-password", user_reset, "user_reset", WRITE(RES_USERS)},
	{"POST", "/users/{id}/disable", user_disable, "user_disable", WRITE(RES_USERS)},
	{"POST", "/users/{id}/enable", user_enable, "user_enable", WRITE(RES_USERS)},

	{"GET", "/audit", audit_page, "audit", READ(RES_AUDIT)},

	/* JSON API: bearer token (or the browser's session for GET). */
	{"GET", "/api/v1/organisations", api_organisations, "api_organisations", READ(RES_STRUCTURE)},
	{"GET", "/api/v1/areas", api_areas, "api_areas", READ(RES_STRUCTURE)},
};

const size_t app_routes_count = sizeof app_routes / sizeof app_routes[0];
