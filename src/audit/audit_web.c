/*
 * audit_web.c: the audit trail page (administrators only, by the route
 * table): filters in a GET form, the partnership's events newest first, 50
 * to a page, and an "Older events" link that pages by event id (?before=),
 * which stays right while new events arrive, unlike an offset.
 *
 * The store keeps each record's values before and after as JSON; the page
 * shows only the fields that differ, as "field: before → after", parsed
 * here with jansson because what differs is a question of presentation.
 * Filter values are checked against the same tables that label them, so a
 * value the page cannot show (an unknown kind, a date that does not exist)
 * is an error on the page rather than an empty result.
 */
#include "audit/audit_web.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "audit/audit.h"
#include "auth/auth.h"
#include "auth/user.h"
#include "core/clock.h"
#include "core/pool.h"
#include "db/store.h" /* store_text_clean */
#include "html/govuk.h"
#include "html/html.h"
#include "html/page.h"
#include "http/request.h"
#include "http/urlencoded.h"
#include "partnership/partnership.h"
#include "web/respond.h"

#define AUDIT_PAGE_SIZE 50
/* Long values (a purpose) are cut in the table; the export has them whole. */
#define VALUE_SHOWN_MAX 200
#define PERSON_MAX 254

/* Record kinds, with the page each record has ("" when none). */
static const struct {
	const char *code, *label, *href;
} entities[] = {
	{"organisation", "Partner organisation", "/organisations/"},
	{"area", "Area", "/areas/"},
	{"board", "Board or group", "/boards/"},
	{"board_member", "Board membership", ""},
	{"user", "Person", "/users/"},
	{"api_token", "API token", ""},
	{"partnership", "Partnership", ""},
	{"sa_framework", "Self-analysis framework", ""},
	{"sa_round", "Self-analysis round", "/selfanalysis/rounds/"},
	{"sa_comment", "Self-analysis comment", ""},
	{"action", "Action", "/actions/"},
};
#define NENTITIES (sizeof entities / sizeof entities[0])

static const struct code_label actions[] = {
	{"create", "Added"},
	{"update", "Changed"},
	{"retire", "Retired"},
	{"reinstate", "Reinstated"},
	{"add_member", "Member added"},
	{"remove_member", "Member removed"},
	{"disable", "Disabled"},
	{"enable", "Enabled"},
	{"reset_password", "Password reset"},
	{"change_password", "Password changed"},
	{"create_token", "API token created"},
	{"revoke_token", "API token revoked"},
	{"add_response", "Response added"},
	{"clear_responses", "Responses cleared"},
	{"share", "Shared with the national benchmark"},
	{"unshare", "Withdrawn from the national benchmark"},
	{"issue_invitations", "Invitation links issued"},
	{"withdraw_invitations", "Invitation links withdrawn"},
};
#define NACTIONS (sizeof actions / sizeof actions[0])

static int entity_index(const char *code)
{
	for (size_t i = 0; code && i < NENTITIES; i++)
		if (strcmp(entities[i].code, code) == 0)
			return (int)i;
	return -1;
}

/* What the filter form sent, as sent ("" for not given). */
struct audit_query {
	const char *kind, *action, *person, *from, *to, *before;
};

static const char *query_get(const struct request *req, const char *name)
{
	const char *v = params_get(&req->query, name);
	return v ? v : "";
}

/* "YYYY-MM-DD" naming a day that exists, and nothing after it. */
static int day_valid(const char *s)
{
	return strlen(s) == 10 && clock_day_valid(s);
}

/*
 * The actor as the store records it: an email trimmed and lower-cased as
 * emails are stored (user_email_normalise), or "command line" in any case.
 * Anything else is matched as typed, trimmed and lower-cased too, so it
 * finds nothing rather than being an error.
 */
static const char *person_filter(struct pool *pool, const char *person)
{
	char clean[PERSON_MAX + 1];
	const char *email = user_email_normalise(pool, person);
	if (email)
		return email;
	if (store_text_clean(person, PERSON_MAX, 0, clean) < 0)
		return person;
	for (char *c = clean; *c; c++)
		if (*c >= 'A' && *c <= 'Z')
			*c = (char)(*c - 'A' + 'a');
	const char *out = pool_strdup(pool, clean);
	return out ? out : person;
}

/* Checks q and fills f (its strings in pool); problems go into errs. */
static void query_check(struct pool *pool, const struct audit_query *q, struct audit_filter *f,
			struct form_errors *errs)
{
	memset(f, 0, sizeof *f);
	f->limit = AUDIT_PAGE_SIZE;
	if (*q->kind && entity_index(q->kind) < 0)
		form_errors_add(errs, "kind", "Select a kind of record from the list");
	else if (*q->kind)
		f->entity = q->kind;
	if (*q->action && !code_label_find(actions, NACTIONS, q->action))
		form_errors_add(errs, "action", "Select an action from the list");
	else if (*q->action)
		f->action = q->action;
	if (strlen(q->person) > PERSON_MAX)
		form_errors_add(errs, "person", "Email address must be 254 characters or fewer");
	else if (*q->person)
		f->actor = person_filter(pool, q->person);
	if (*q->from && !day_valid(q->from))
		form_errors_add(errs, "from", "Enter the start date as a real date in the format YYYY-MM-DD, for example 2026-11-01");
	else if (*q->from)
		f->from_day = q->from;
	if (*q->to && !day_valid(q->to))
		form_errors_add(errs, "to", "Enter the end date as a real date in the format YYYY-MM-DD, for example 2026-11-30");
	else if (*q->to)
		f->to_day = q->to;
	if (f->from_day && f->to_day && strcmp(f->from_day, f->to_day) > 0)
		form_errors_add(errs, "to", "The end date must be the same as or after the start date");
	if (*q->before) {
		int64_t v = record_id_parse(q->before);
		if (v <= 0)
			form_errors_add(errs, NULL, "The link to older events is not valid: start again from the newest events");
		f->before_id = v > 0 ? v : 0;
	}
}

/* The filters as a query string for links ("kind=board&from=..."). */
static const char *query_string(struct pool *pool, const struct audit_query *q)
{
	const struct {
		const char *name, *value;
	} fields[] = {
		{"kind", q->kind}, {"action", q->action}, {"person", q->person},
		{"from", q->from}, {"to", q->to},
	};
	const char *s = "";
	for (size_t i = 0; s && i < sizeof fields / sizeof fields[0]; i++) {
		if (!*fields[i].value)
			continue;
		const char *v = url_query_encode(pool, fields[i].value);
		s = v ? pool_printf(pool, "%s%s%s=%s", s, *s ? "&" : "", fields[i].name, v) : NULL;
	}
	return s;
}

/* ---- Changes ---- */

/* A value as people read it; NULL (a field not there) and null are "not set". */
static const char *value_text(struct pool *pool, const json_t *v)
{
	const char *s;
	char *dumped = NULL;
	switch (v ? json_typeof(v) : JSON_NULL) {
	case JSON_STRING:
		s = json_string_value(v);
		break;
	case JSON_INTEGER:
		return pool_printf(pool, "%lld", (long long)json_integer_value(v));
	case JSON_REAL:
		return pool_printf(pool, "%g", json_real_value(v));
	case JSON_TRUE:
		return "yes";
	case JSON_FALSE:
		return "no";
	case JSON_NULL:
		return "not set";
	default:
		dumped = json_dumps(v, JSON_COMPACT);
		s = dumped ? dumped : "";
		break;
	}
	size_t n = strlen(s);
	const char *out;
	if (n <= VALUE_SHOWN_MAX) {
		out = pool_strdup(pool, s);
	} else {
		/* Cut on a character boundary, never inside a UTF-8 sequence. */
		n = VALUE_SHOWN_MAX;
		while (n && ((unsigned char)s[n] & 0xc0) == 0x80)
			n--;
		out = pool_printf(pool, "%.*s\xe2\x80\xa6", (int)n, s);
	}
	free(dumped);
	return out;
}

static void change_line(struct pool *pool, struct html *h, const char *key, const json_t *before,
			const json_t *after, int arrow)
{
	html_lit(h, "<li>");
	html_text(h, key);
	html_lit(h, ": ");
	if (arrow) {
		html_text(h, value_text(pool, before));
		html_lit(h, " \xe2\x86\x92 ");
	}
	html_text(h, value_text(pool, after));
	html_lit(h, "</li>\n");
}

/*
 * The fields that differ between before and after.  A new record (no
 * before) lists its values; a record that went lists what it was.
 */
static void changes(struct pool *pool, struct html *h, const json_t *before, const json_t *after)
{
	const char *key;
	const json_t *v;
	size_t n = 0;
	if (!json_is_object(before) && !json_is_object(after))
		return;
	html_lit(h, "<ul class=\"govuk-list govuk-!-font-size-16 govuk-!-margin-bottom-0\">\n");
	if (!json_is_object(before)) {
		json_object_foreach((json_t *)after, key, v) {
			change_line(pool, h, key, NULL, v, 0);
			n++;
		}
	} else if (!json_is_object(after)) {
		json_object_foreach((json_t *)before, key, v) {
			change_line(pool, h, key, NULL, v, 0);
			n++;
		}
	} else {
		json_object_foreach((json_t *)after, key, v) {
			const json_t *b = json_object_get(before, key);
			if (!b || !json_equal((json_t *)b, (json_t *)v)) {
				change_line(pool, h, key, b, v, 1);
				n++;
			}
		}
		json_object_foreach((json_t *)before, key, v) {
			if (!json_object_get(after, key)) {
				change_line(pool, h, key, v, NULL, 1);
				n++;
			}
		}
	}
	if (n == 0)
		html_lit(h, "<li>No fields changed</li>\n");
	html_lit(h, "</ul>\n");
}

/* The page of the event's record, or NULL when it has none.  A
 * membership's page is its board's. */
static const char *record_href(struct pool *pool, const struct audit_event *e, const json_t *before,
			       const json_t *after)
{
	int i = entity_index(e->entity);
	if (i < 0)
		return NULL;
	if (strcmp(e->entity, "board_member") == 0) {
		const json_t *b = json_object_get(after ? after : before, "board_id");
		return json_is_integer(b) && json_integer_value(b) > 0
			       ? pool_printf(pool, "/boards/%lld", (long long)json_integer_value(b))
			       : NULL;
	}
	if (!*entities[i].href || e->entity_id <= 0)
		return NULL;
	return pool_printf(pool, "%s%lld", entities[i].href, (long long)e->entity_id);
}

/* "2026-11-22T06:30:00Z" as "22 November 2026 06:30 UTC"; anything else as it is. */
static const char *when_text(struct pool *pool, const char *at)
{
	char day[CLOCK_DAY_SIZE];
	if (clock_day_label(at, day, sizeof day) != day || strlen(at) < 16 || at[10] != 'T')
		return at;
	return pool_printf(pool, "%s %.5s UTC", day, at + 11);
}

static void event_row(struct request *req, struct html *h, const struct audit_event *e)
{
	json_t *before = e->before ? json_loads(e->before, 0, NULL) : NULL;
	json_t *after = e->after ? json_loads(e->after, 0, NULL) : NULL;
	int ei = entity_index(e->entity);
	const char *action = code_label_find(actions, NACTIONS, e->action);
	const char *href = record_href(req->pool, e, before, after);

	html_lit(h, "<tr class=\"govuk-table__row\">\n<td class=\"govuk-table__cell\"><time");
	html_attr(h, "datetime", e->at);
	html_lit(h, ">");
	html_text(h, when_text(req->pool, e->at));
	html_lit(h, "</time></td>\n<td class=\"govuk-table__cell\">");
	html_text(h, e->actor);
	html_lit(h, "</td>\n<td class=\"govuk-table__cell\">");
	html_text(h, action ? action : e->action);
	html_lit(h, "</td>\n<td class=\"govuk-table__cell\">");
	if (href) {
		html_lit(h, "<a class=\"govuk-link\"");
		html_url(h, "href", href);
		html_lit(h, ">");
	}
	/* Named as it was after the event (before, for one that went; a
	 * membership by its organisation), else by number. */
	const json_t *name = json_object_get(after ? after : before, "name");
	if (!name)
		name = json_object_get(after ? after : before, "organisation");
	html_text(h, ei >= 0 ? entities[ei].label : e->entity);
	if (json_is_string(name)) {
		html_lit(h, ": ");
		html_text(h, json_string_value(name));
	} else if (e->entity_id > 0) {
		html_lit(h, " ");
		html_i64(h, e->entity_id);
	}
	if (href)
		html_lit(h, "</a>");
	html_lit(h, "</td>\n<td class=\"govuk-table__cell\">");
	changes(req->pool, h, before, after);
	html_lit(h, "</td>\n</tr>\n");
	json_decref(before);
	json_decref(after);
}

static void filter_form(struct html *h, const struct audit_query *q,
			const struct form_errors *errs)
{
	struct govuk_option kinds[NENTITIES + 1], acts[NACTIONS + 1];
	kinds[0] = (struct govuk_option){.value = "", .text = "Any kind"};
	for (size_t i = 0; i < NENTITIES; i++)
		kinds[i + 1] = (struct govuk_option){.value = entities[i].code, .text = entities[i].label};
	acts[0] = (struct govuk_option){.value = "", .text = "Any action"};
	for (size_t i = 0; i < NACTIONS; i++)
		acts[i + 1] = (struct govuk_option){.value = actions[i].code, .text = actions[i].label};

	html_lit(h, "<form method=\"get\" action=\"/audit\" novalidate>\n"
		    "<h2 class=\"govuk-heading-m\">Filter events</h2>\n"
		    "<div class=\"govuk-grid-row\">\n<div class=\"govuk-grid-column-one-half\">\n");
	govuk_select(h, &(struct govuk_select){.name = "kind", .label = "Kind of record", .value = q->kind,
					       .options = kinds, .noptions = NENTITIES + 1,
					       .error = form_error_for(errs, "kind")});
	govuk_select(h, &(struct govuk_select){.name = "action", .label = "Action", .value = q->action,
					       .options = acts, .noptions = NACTIONS + 1,
					       .error = form_error_for(errs, "action")});
	govuk_input(h, &(struct govuk_input){.name = "person", .label = "Person",
					     .hint = "Their email address, or \xe2\x80\x98" "command line\xe2\x80\x99 for changes made from the command line",
					     .value = q->person, .spellcheck_off = 1, .autocomplete = "off",
					     .error = form_error_for(errs, "person")});
	html_lit(h, "</div>\n<div class=\"govuk-grid-column-one-half\">\n");
	govuk_input(h, &(struct govuk_input){.name = "from", .label = "From date",
					     .hint = "YYYY-MM-DD, for example 2026-11-01",
					     .value = q->from, .classes = "govuk-input--width-10",
					     .spellcheck_off = 1, .autocomplete = "off",
					     .error = form_error_for(errs, "from")});
	govuk_input(h, &(struct govuk_input){.name = "to", .label = "To date",
					     .hint = "YYYY-MM-DD, for example 2026-11-30",
					     .value = q->to, .classes = "govuk-input--width-10",
					     .spellcheck_off = 1, .autocomplete = "off",
					     .error = form_error_for(errs, "to")});
	html_lit(h, "</div>\n</div>\n<div class=\"govuk-button-group\">\n");
	govuk_button(h, &(struct govuk_button){.text = "Apply filters", .variant = GOVUK_BUTTON_SECONDARY});
	html_lit(h, "<a class=\"govuk-link\" href=\"/audit\">Clear filters</a>\n</div>\n</form>\n");
}

void audit_page(struct request *req, struct response *res)
{
	struct audit_query q = {
		query_get(req, "kind"), query_get(req, "action"), query_get(req, "person"),
		query_get(req, "from"), query_get(req, "to"), query_get(req, "before"),
	};
	struct audit_filter f;
	struct form_errors errs = {0};
	struct audit_event *ev = NULL;
	size_t n = 0;
	int more = 0;
	query_check(req->pool, &q, &f, &errs);
	if (errs.n == 0) {
		enum err rc = audit_list(req->db, req->pool, req->user->partnership_id, &f, &ev, &n, &more);
		if (!respond_store_ok(req, res, rc))
			return;
	}
	const char *qs = query_string(req->pool, &q);
	if (!qs) {
		respond_store_error(req, res, E_NOMEM);
		return;
	}

	struct html h;
	const struct crumb crumbs[] = {{"Home", "/"}, {"Audit trail", NULL}};
	struct page pg = {.title = "Audit trail", .nav_active = "/audit", .crumbs = crumbs, .ncrumbs = 2,
			  .error = errs.n > 0};
	respond_page_begin(req, res, &h, &pg);
	if (errs.n)
		res->status = 400;
	govuk_error_summary(&h, &errs);
	html_lit(&h, "<h1 class=\"govuk-heading-l\">Audit trail</h1>\n"
		     "<p class=\"govuk-body\">Every change to the partnership's records: who made it, when, "
		     "and the values before and after. Times are in UTC.</p>\n");
	filter_form(&h, &q, &errs);
	if (errs.n) {
		respond_page_end(res, &h, &pg);
		return;
	}
	if (n == 0) {
		html_lit(&h, "<p class=\"govuk-body\">No events match these filters.</p>\n");
	} else {
		const struct govuk_cell head[] = {{.text = "When"}, {.text = "Who"}, {.text = "Action"},
						  {.text = "Record"}, {.text = "Changes"}};
		govuk_table_begin(&h, &(struct govuk_table){.caption = f.before_id ? "Older events, newest first"
										   : "Events, newest first",
							    .caption_class = "govuk-table__caption--m",
							    .head = head, .ncols = 5});
		for (size_t i = 0; i < n; i++)
			event_row(req, &h, &ev[i]);
		govuk_table_end(&h);
	}
	if (more || f.before_id) {
		html_lit(&h, "<nav class=\"govuk-body\" aria-label=\"More events\">\n<ul class=\"govuk-list\">\n");
		if (more) {
			html_lit(&h, "<li><a class=\"govuk-link\" rel=\"next\"");
			html_url(&h, "href", pool_printf(req->pool, "/audit?%s%sbefore=%lld", qs, *qs ? "&" : "",
							 (long long)ev[n - 1].id));
			html_lit(&h, ">Older events</a></li>\n");
		}
		if (f.before_id) {
			html_lit(&h, "<li><a class=\"govuk-link\"");
			html_url(&h, "href", pool_printf(req->pool, "/audit%s%s", *qs ? "?" : "", qs));
			html_lit(&h, ">Newest events</a></li>\n");
		}
		html_lit(&h, "</ul>\n</nav>\n");
	}
	respond_page_end(res, &h, &pg);
}
