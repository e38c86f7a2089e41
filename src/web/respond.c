/*
 * respond.c: error pages, JSON answers and redirects.  Error pages follow
 * the GOV.UK Design System's patterns for "page not found" and "there is a
 * problem with the service": a plain heading and what the user can do next.
 */
#include "web/respond.h"

#include <string.h>

#include "auth/auth.h"
#include "core/log.h"
#include "core/pool.h"
#include "db/db.h"
#include "db/store.h"
#include "html/html.h"
#include "html/page.h"
#include "http/request.h"
#include "web/app.h"

struct status_text {
	int status;
	const char *reason; /* HTTP reason phrase, also the JSON code source */
	const char *code;   /* stable machine-readable code */
	const char *title;  /* the page's heading */
	const char *advice; /* what a person can do */
};

static const struct status_text statuses[] = {
	{400, "Bad Request", "bad_request", "Sorry, there is a problem with what was sent",
	 "The request could not be understood. Go back and try again."},
	{401, "Unauthorized", "unauthorized", "Sign in to continue",
	 "Send an API token in the Authorization header: Bearer TOKEN."},
	{403, "Forbidden", "forbidden", "You cannot do that",
	 "You do not have permission to do this."},
	{404, "Not Found", "not_found", "Page not found",
	 "If you typed the web address, check it is correct. If you pasted the web address, check you copied the entire address."},
	{405, "Method Not Allowed", "method_not_allowed", "Sorry, that cannot be done here",
	 "This page does not accept that kind of request."},
	{413, "Content Too Large", "too_large", "What you sent is too large",
	 "The file or form you sent is larger than this service accepts. Send a smaller file, or split it into parts."},
	{429, "Too Many Requests", "too_many_requests", "Too many attempts",
	 "Wait a few minutes and try again."},
	{500, "Internal Server Error", "internal_error", "Sorry, there is a problem with the service",
	 "Try again later."},
	{501, "Not Implemented", "not_implemented", "Sorry, that cannot be done here",
	 "The request used something this service does not support."},
	{503, "Service Unavailable", "unavailable", "Sorry, the service is unavailable",
	 "Try again later."},
};

static const struct status_text *status_find(int status)
{
	const struct status_text *fallback = NULL;
	for (size_t i = 0; i < sizeof statuses / sizeof statuses[0]; i++) {
		if (statuses[i].status == status)
			return &statuses[i];
		if (statuses[i].status == 500)
			fallback = &statuses[i];
	}
	return fallback; /* anything unknown is a server error */
}

void respond_json(struct response *res, int status, json_t *j)
{
	res->status = status;
	res->content_type = "application/json";
	res->static_body = NULL;
	buf_reset(&res->body);
	/* 15 significant digits, as the CLI prints them: a stated 2.35 comes
	 * back as 2.35, not 2.3500000000000001. */
	char *s = j ? json_dumps(j, JSON_COMPACT | JSON_REAL_PRECISION(15)) : NULL;
	if (s) {
		buf_puts(&res->body, s);
		free(s);
	} else {
		res->body.failed = 1;
	}
	json_decref(j);
}

void respond_error(struct request *req, struct response *res, int status, const char *message)
{
	const struct status_text *st = status_find(status);
	res->no_store = 1;
	if (req->is_api) {
		json_t *j = json_pack("{s:{s:i,s:s,s:s}}", "error", "status", status, "code", st->code,
				      "message", message ? message : st->advice);
		respond_json(res, status, j);
		return;
	}
	res->static_body = NULL;
	buf_reset(&res->body);
	struct html h;
	struct page p = {.title = st->title};
	respond_page_begin(req, res, &h, &p);
	res->status = status;
	html_lit(&h, "<h1 class=\"govuk-heading-l\">");
	html_text(&h, st->title);
	html_lit(&h, "</h1>\n<p class=\"govuk-body\">");
	html_text(&h, message ? message : st->advice);
	html_lit(&h, "</p>\n<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/\">Go to the home page</a></p>\n");
	respond_page_end(res, &h, &p);
}

void respond_redirect(struct request *req, struct response *res, const char *location)
{
	/* Only local paths: never an open redirect.  Browsers drop tabs and
	 * newlines and read '\\' as '/', so "/\t/evil" would become "//evil". */
	if (!location || location[0] != '/' || location[1] == '/')
		location = "/";
	for (const char *c = location; *c; c++)
		if ((unsigned char)*c < 0x20 || *c == 0x7f || *c == '\\')
			location = "/";
	res->status = 303;
	response_header(res, "Location", pool_strdup(req->pool, location));
}

/* The service navigation: each entry shows only to roles whose access
 * allows its page, so nobody is offered a link that would answer 403. */
static const struct {
	struct nav_item item;
	int access;
} nav[] = {
	{{"Home", "/"}, ACCESS_SIGNED_IN},
	{{"Organisations", "/organisations"}, ACCESS_PERM(RES_STRUCTURE, ACT_READ)},
	{{"Areas", "/areas"}, ACCESS_PERM(RES_STRUCTURE, ACT_READ)},
	{{"Boards and groups", "/boards"}, ACCESS_PERM(RES_STRUCTURE, ACT_READ)},
	{{"Self-analysis", "/selfanalysis"}, ACCESS_PERM(RES_SELFANALYSIS, ACT_READ)},
	{{"Actions", "/actions"}, ACCESS_PERM(RES_ACTIONS, ACT_READ)},
	{{"Benchmark", "/national/benchmark"}, ACCESS_PERM(RES_NATIONAL, ACT_READ)},
	{{"People", "/users"}, ACCESS_PERM(RES_USERS, ACT_READ)},
	{{"Audit", "/audit"}, ACCESS_PERM(RES_AUDIT, ACT_READ)},
};
#define NNAV (sizeof nav / sizeof nav[0])

void respond_page_begin(struct request *req, struct response *res, struct html *h,
			struct page *p)
{
	res->status = 200;
	res->content_type = "text/html; charset=utf-8";
	p->nonce = res->nonce;
	const struct principal *u = req->user;
	if (u && !u->must_change_password) {
		struct nav_item *items = pool_alloc(req->pool, NNAV * sizeof *items);
		size_t n = 0;
		for (size_t i = 0; items && i < NNAV; i++)
			if (access_allows(nav[i].access, u->role))
				items[n++] = nav[i].item;
		p->nav = items;
		p->nnav = n;
	}
	if (u) {
		p->user_name = u->name;
		p->csrf_token = app_csrf_token(req, res);
		res->no_store = 1; /* pages for one person are never cached */
	}
	/* Every page says the service is new until it leaves alpha. */
	if (!p->phase)
		p->phase = "Alpha";
	html_init(h, &res->body);
	page_begin(h, p);
}

void respond_page_end(struct response *res, struct html *h, struct page *p)
{
	(void)res;
	page_end(h, p);
}

void respond_csrf_field(struct request *req, struct response *res, struct html *h)
{
	html_lit(h, "<input type=\"hidden\" name=\"csrf_token\"");
	html_attr(h, "value", app_csrf_token(req, res));
	html_lit(h, ">\n");
}

int64_t record_id_parse(const char *s)
{
	int64_t v = 0;
	if (!s || !*s || strlen(s) > 18)
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		v = v * 10 + (*s - '0');
	}
	return v > 0 ? v : -1;
}

int64_t request_id(const struct request *req, const char *capture)
{
	int64_t v = record_id_parse(params_get(&req->route, capture));
	return v > 0 ? v : 0;
}

int64_t form_option_id(const struct request *req, const char *name)
{
	const char *s = params_get(&req->form, name);
	return s && *s ? record_id_parse(s) : 0;
}

const char *form_option_value(struct pool *pool, int64_t id)
{
	return id ? pool_printf(pool, "%lld", (long long)id) : "";
}

const char *form_text(struct request *req, const char *name)
{
	/* Trimmed as the store trims (store_text_clean), so a field that
	 * passes here is not refused there for its white space. */
	size_t len;
	const char *s = store_trim(params_get(&req->form, name), &len);
	const char *out = pool_strndup(req->pool, s, len);
	return out ? out : "";
}

void respond_store_error(struct request *req, struct response *res, enum err rc)
{
	switch (rc) {
	case E_NOTFOUND:
		respond_error(req, res, 404, NULL);
		break;
	case E_TOOBIG:
		respond_error(req, res, 413, "There are more records than one page can show. Narrow the search.");
		break;
	case E_DB:
		log_error("%s %s: database error: %s", req->method, req->path, db_errmsg(req->db));
		respond_error(req, res, 500, NULL);
		break;
	default:
		respond_error(req, res, 500, NULL);
		break;
	}
}

int respond_store_ok(struct request *req, struct response *res, enum err rc)
{
	if (rc)
		respond_store_error(req, res, rc);
	return rc == E_OK;
}

void respond_after_write(struct request *req, struct response *res, enum err rc,
			 const char *location)
{
	if (rc)
		respond_store_error(req, res, rc);
	else
		respond_redirect(req, res, location);
}
