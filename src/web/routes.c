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
#include "action/action_web.h"
#include "partnership/partnership_web.h"
#include "selfanalysis/benchmark_web.h"
#include "selfanalysis/invitation_web.h"
#include "selfanalysis/selfanalysis_web.h"
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

	/* Partnership settings. */
	{"GET", "/settings", selfanalysis_settings_form, "settings_form", READ(RES_SETTINGS)},
	{"POST", "/settings", selfanalysis_settings, "settings", WRITE(RES_SETTINGS)},

	/* Self-analysis. */
	{"GET", "/selfanalysis", selfanalysis_home, "selfanalysis", READ(RES_SELFANALYSIS)},
	{"GET", "/selfanalysis/frameworks", frameworks_page, "frameworks", READ(RES_SELFANALYSIS)},
	{"GET", "/selfanalysis/frameworks/import", framework_import_form, "framework_import_form", WRITE(RES_SELFANALYSIS)},
	{"POST", "/selfanalysis/frameworks/import", framework_import, "framework_import", WRITE(RES_SELFANALYSIS)},
	{"GET", "/selfanalysis/benchmark", benchmark_page, "benchmark", READ(RES_SELFANALYSIS)},
	{"GET", "/selfanalysis/rounds/new", round_new_form, "round_new_form", WRITE(RES_SELFANALYSIS)},
	{"POST", "/selfanalysis/rounds/new", round_create, "round_create", WRITE(RES_SELFANALYSIS)},
	{"GET", "/selfanalysis/rounds/{round}", round_show, "round", READ(RES_SELFANALYSIS)},
	{"GET", "/selfanalysis/rounds/{round}/edit", round_edit_form, "round_edit_form", WRITE(RES_SELFANALYSIS)},
	{"POST", "/selfanalysis/rounds/{round}/edit", round_edit, "round_edit", WRITE(RES_SELFANALYSIS)},
	{"GET", "/selfanalysis/rounds/{round}/results", round_results_page, "round_results", READ(RES_SELFANALYSIS)},
	{"GET", "/selfanalysis/rounds/{round}/compare", round_compare_page, "round_compare", READ(RES_SELFANALYSIS)},
	{"GET", "/selfanalysis/rounds/{round}/report", round_report, "round_report", READ(RES_SELFANALYSIS)},
	{"GET", "/selfanalysis/rounds/{round}/entry", round_entry_form, "round_entry_form", WRITE(RES_SELFANALYSIS)},
	{"POST", "/selfanalysis/rounds/{round}/entry", round_entry, "round_entry", WRITE(RES_SELFANALYSIS)},
	{"GET", "/selfanalysis/rounds/{round}/import", round_import_form, "round_import_form", WRITE(RES_SELFANALYSIS)},
	{"POST", "/selfanalysis/rounds/{round}/import", round_import, "round_import", WRITE(RES_SELFANALYSIS)},
	{"GET", "/selfanalysis/rounds/{round}/invitations", round_invitations_page, "round_invitations", WRITE(RES_SELFANALYSIS)},
	{"POST", "/selfanalysis/rounds/{round}/invitations", round_invitations_issue, "round_invitations_issue", WRITE(RES_SELFANALYSIS)},
	{"POST", "/selfanalysis/rounds/{round}/share", round_share, "round_share", WRITE(RES_SELFANALYSIS)},
	{"POST", "/selfanalysis/rounds/{round}/unshare", round_unshare, "round_unshare", WRITE(RES_SELFANALYSIS)},
	{"POST", "/selfanalysis/rounds/{round}/comments/{comment}/select", round_comment_select, "round_comment_select", WRITE(RES_SELFANALYSIS)},
	{"GET", "/selfanalysis/rounds/{round}/actions", round_actions_page, "round_actions", READ(RES_ACTIONS)},

	/* A respondent's invitation link: public, no account, no session. */
	{"GET", "/respond", respond_form, "respond_form", PUBLIC},
	{"POST", "/respond", respond_post, "respond", PUBLIC},

	/* Action plans. */
	{"GET", "/actions", actions_list, "actions", READ(RES_ACTIONS)},
	{"GET", "/actions/new", action_new_form, "action_new_form", WRITE(RES_ACTIONS)},
	{"POST", "/actions/new", action_create, "action_create", WRITE(RES_ACTIONS)},
	{"GET", "/actions/{action}", action_show, "action", READ(RES_ACTIONS)},
	{"GET", "/actions/{action}/edit", action_edit_form, "action_edit_form", WRITE(RES_ACTIONS)},
	{"POST", "/actions/{action}/edit", action_edit, "action_edit", WRITE(RES_ACTIONS)},

	/* Aggregated views for national analysts. */
	{"GET", "/national/benchmark", national_benchmark_page, "national_benchmark", READ(RES_NATIONAL)},

	/* JSON API: bearer token (or the browser's session for GET). */
	{"GET", "/api/v1/organisations", api_organisations, "api_organisations", READ(RES_STRUCTURE)},
	{"GET", "/api/v1/areas", api_areas, "api_areas", READ(RES_STRUCTURE)},
	{"GET", "/api/v1/selfanalysis/rounds", api_rounds, "api_rounds", READ(RES_SELFANALYSIS)},
	{"GET", "/api/v1/selfanalysis/rounds/{round}/results", api_round_results, "api_round_results", READ(RES_SELFANALYSIS)},
	{"GET", "/api/v1/selfanalysis/rounds/{round}/compare", api_round_compare, "api_round_compare", READ(RES_SELFANALYSIS)},
	{"GET", "/api/v1/selfanalysis/benchmark", api_benchmark, "api_benchmark", READ(RES_SELFANALYSIS)},
	{"GET", "/api/v1/actions", api_actions, "api_actions", READ(RES_ACTIONS)},
};

const size_t app_routes_count = sizeof app_routes / sizeof app_routes[0];
