/*
 * routes.c: the one route table.  Every page and API endpoint is a line
 * here; tests (and later the isolation test) read the same table.
 */
#include "partnership/partnership_web.h"
#include "web/app.h"
#include "web/system.h"

const struct route app_routes[] = {
	{"GET", "/", partnership_home, "home"},
	{"GET", "/healthz", system_healthz, "healthz"},
	{"GET", "/metrics", system_metrics, "metrics"},
	{"GET", "/assets/{path*}", system_asset, "assets"},
	{"GET", "/api/v1/version", system_version, "api_version"},
};

const size_t app_routes_count = sizeof app_routes / sizeof app_routes[0];
