/*
 * action_web.c: the action pages that read: the list (filtered by status
 * or round), an action's page, a round's action plan (its standards in the
 * framework's order, each with its actions and "Add an action") and the
 * JSON API.  The add and edit forms are in action_form.c.
 *
 * Overdue actions are said so in words ("Overdue: due 3 March 2026") and
 * statuses are tags with their words, so nothing relies on colour.  A
 * standard is shown by its number and title from its round's framework;
 * each framework is loaded once per page however many links name it.
 */
#include "action/action_web.h"

#include <string.h>

#include "action/action.h"
#include "action/action_page.h"
#include "auth/auth.h"
#include "core/clock.h"
#include "core/pool.h"
#include "html/govuk.h"
#include "html/html.h"
#include "html/page.h"
#include "http/request.h"
#include "partnership/partnership.h"
#include "partnership/structure_web.h"
#include "selfanalysis/framework.h"
#include "selfanalysis/round.h"
#include "web/app.h"
#include "web/respond.h"

/* ---- shared by the action pages (action_page.h) ---- */

int action_can_write(const struct request *req)
{
	return req->user && permission_allows(req->user->role, RES_ACTIONS, ACT_WRITE);
}

const char *action_href(struct pool *pool, int64_t id, const char *suffix)
{
	return pool_printf(pool, "/actions/%lld%s", (long long)id, suffix);
}

const char *action_plan_href(struct pool *pool, int64_t round_id)
{
	return pool_printf(pool, "/selfanalysis/rounds/%lld/actions", (long long)round_id);
}

const char *action_due_text(struct pool *pool, const struct action_item *a, const char *today)
{
	char day[CLOCK_DAY_SIZE];
	if (!a->due_on)
		return "No due date";
	const char *label = clock_day_label(a->due_on, day, sizeof day);
	return action_overdue(a, today) ? pool_printf(pool, "Overdue: due %s", label)
					: pool_strdup(pool, label);
}

void action_status_tag(struct html *h, const struct action_item *a, const char *today)
{
	static const struct {
		const char *status;
		enum govuk_tag_colour colour;
	} colours[] = {
		{"not_started", GOVUK_TAG_GREY}, {"in_progress", GOVUK_TAG_BLUE},
		{"done", GOVUK_TAG_GREEN}, {"dropped", GOVUK_TAG_ORANGE},
	};
	enum govuk_tag_colour c = GOVUK_TAG_GREY;
	for (size_t i = 0; i < sizeof colours / sizeof colours[0]; i++)
		if (strcmp(a->status, colours[i].status) == 0)
			c = colours[i].colour;
	govuk_tag(h, action_status_label(a->status), c);
	if (action_overdue(a, today)) {
		html_lit(h, " ");
		govuk_tag(h, "Overdue", GOVUK_TAG_RED);
	}
}

const struct framework *action_framework(struct request *req, struct action_frameworks *c,
					 const char *id)
{
	if (!id)
		return NULL;
	for (size_t i = 0; i < c->n; i++)
		if (strcmp(c->ids[i], id) == 0)
			return &c->fw[i];
	struct framework *fw = pool_alloc(req->pool, sizeof *fw);
	if (!fw || framework_load(req->db, req->pool, req->user->partnership_id, id, fw))
		return NULL;
	if (c->n < ACTION_FRAMEWORKS_CACHED) {
		c->ids[c->n] = id;
		c->fw[c->n++] = *fw;
	}
	return fw;
}

const char *action_standard_text(struct request *req, struct action_frameworks *c,
				 const struct action_link *l)
{
	const struct framework *fw = action_framework(req, c, l->framework);
	const struct framework_standard *s = fw ? framework_find_key(fw, l->ref_key) : NULL;
	return s ? pool_printf(req->pool, "%d. %s", s->number, s->title) : l->ref_key;
}

/* ---- the list ---- */

/* The links of a, one line each: "Round name, standard 3", linking to
 * the round's action plan. */
static void links_cell(struct request *req, struct html *h, struct action_frameworks *c,
		       const struct action_item *a)
{
	if (a->n_links == 0) {
		html_lit(h, "None");
		return;
	}
	html_lit(h, "<ul class=\"govuk-list govuk-!-margin-bottom-0\">");
	for (size_t i = 0; i < a->n_links; i++) {
		const struct action_link *l = &a->links[i];
		const struct framework *fw = action_framework(req, c, l->framework);
		const struct framework_standard *s = fw ? framework_find_key(fw, l->ref_key) : NULL;
		html_lit(h, "<li><a class=\"govuk-link\"");
		html_url(h, "href", action_plan_href(req->pool, l->ref_id));
		html_lit(h, ">");
		html_text(h, l->ref_name ? l->ref_name : "A round");
		html_text(h, s ? pool_printf(req->pool, ", standard %d", s->number)
			       : pool_printf(req->pool, ", %s", l->ref_key));
		html_lit(h, "</a></li>");
	}
	html_lit(h, "</ul>");
}

void action_table(struct request *req, struct html *h, const char *caption,
		  const char *caption_class, const struct action_item *a, size_t n, int show_links)
{
	char today[ACTION_DAY_SIZE];
	struct action_frameworks c = {0};
	action_today(today);
	const struct govuk_cell head[] = {{.text = "Action"}, {.text = "Owner"}, {.text = "Lead"},
					  {.text = "Due"}, {.text = "Status"}, {.text = "Standards"}};
	size_t ncols = show_links ? 6 : 5;
	govuk_table_begin(h, &(struct govuk_table){.caption = caption, .caption_class = caption_class,
						   .head = head, .ncols = ncols});
	for (size_t i = 0; i < n; i++) {
		html_lit(h, "<tr class=\"govuk-table__row\">\n<td class=\"govuk-table__cell\"><a class=\"govuk-link\"");
		html_url(h, "href", action_href(req->pool, a[i].id, ""));
		html_lit(h, ">");
		html_text(h, a[i].title);
		html_lit(h, "</a></td>\n<td class=\"govuk-table__cell\">");
		html_text(h, a[i].owner_name ? a[i].owner_name : "Not given");
		html_lit(h, "</td>\n<td class=\"govuk-table__cell\">");
		html_text(h, *a[i].lead ? a[i].lead : "Not given");
		html_lit(h, "</td>\n<td class=\"govuk-table__cell\">");
		html_text(h, action_due_text(req->pool, &a[i], today));
		html_lit(h, "</td>\n<td class=\"govuk-table__cell\">");
		action_status_tag(h, &a[i], today);
		html_lit(h, "</td>\n");
		if (show_links) {
			html_lit(h, "<td class=\"govuk-table__cell\">");
			links_cell(req, h, &c, &a[i]);
			html_lit(h, "</td>\n");
		}
		html_lit(h, "</tr>\n");
	}
	govuk_table_end(h);
}

static const struct code_label done_texts[] = {
	{"added", "Action added"},
	{"changed", "Action changed"},
};

void action_done_banner(const struct request *req, struct html *h)
{
	const char *text = code_label_find(done_texts, sizeof done_texts / sizeof done_texts[0],
					   params_get(&req->query, "done"));
	if (text)
		govuk_notification_banner(h, &(struct govuk_notification){.success = 1, .text = text});
}

void actions_list(struct request *req, struct response *res)
{
	int64_t pid = req->user->partnership_id;
	struct round *rounds = NULL;
	size_t nrounds = 0;
	enum err rc = round_list(req->db, req->pool, pid, &rounds, &nrounds);
	if (!respond_store_ok(req, res, rc))
		return;
	/* Filters people cannot have chosen from the selects are no filter. */
	const char *status = params_get(&req->query, "status");
	if (!status || !action_status_valid(status))
		status = NULL;
	int64_t round_id = record_id_parse(params_get(&req->query, "round"));
	const struct round *round = NULL;
	for (size_t i = 0; i < nrounds; i++)
		if (rounds[i].id == round_id)
			round = &rounds[i];
	struct action_item *a = NULL;
	size_t n = 0;
	rc = action_list(req->db, req->pool, pid,
			 &(struct action_query){.status = status, .round_id = round ? round->id : 0}, &a, &n);
	if (!respond_store_ok(req, res, rc))
		return;

	struct html h;
	const struct crumb crumbs[] = {{"Home", "/"}, {"Actions", NULL}};
	struct page pg = {.title = "Actions", .nav_active = "/actions", .crumbs = crumbs, .ncrumbs = 2};
	respond_page_begin(req, res, &h, &pg);
	action_done_banner(req, &h);
	html_lit(&h, "<h1 class=\"govuk-heading-l\">Actions</h1>\n"
		     "<p class=\"govuk-body\">What the partnership means to do, who leads it and when it is due. "
		     "Add an action from a self-analysis round's action plan to link it to the standards it addresses.</p>\n");
	if (action_can_write(req))
		govuk_button(&h, &(struct govuk_button){.text = "Add an action", .href = "/actions/new"});

	struct govuk_option *sopts = structure_code_options(req->pool, action_status_table,
							    action_status_count, "Any status");
	struct govuk_option *ropts = pool_alloc(req->pool, (nrounds + 1) * sizeof *ropts);
	if (!sopts || !ropts) {
		respond_store_error(req, res, E_NOMEM);
		return;
	}
	ropts[0] = (struct govuk_option){.value = "", .text = "Any round"};
	for (size_t i = 0; i < nrounds; i++)
		ropts[i + 1] = (struct govuk_option){.value = form_option_value(req->pool, rounds[i].id),
						     .text = rounds[i].name};
	html_lit(&h, "<form method=\"get\" action=\"/actions\" novalidate>\n");
	govuk_select(&h, &(struct govuk_select){.name = "status", .label = "Status", .value = status,
						.options = sopts, .noptions = action_status_count + 1});
	if (nrounds)
		govuk_select(&h, &(struct govuk_select){.name = "round", .label = "Self-analysis round",
							.value = round ? form_option_value(req->pool, round->id) : "",
							.options = ropts, .noptions = nrounds + 1});
	govuk_button(&h, &(struct govuk_button){.text = "Filter", .variant = GOVUK_BUTTON_SECONDARY});
	html_lit(&h, "</form>\n");

	char today[ACTION_DAY_SIZE];
	action_today(today);
	size_t overdue = 0;
	for (size_t i = 0; i < n; i++)
		overdue += (size_t)action_overdue(&a[i], today);
	html_lit(&h, "<p class=\"govuk-body\">");
	if (n == 0)
		html_text(&h, status || round ? "No actions match." : "There are no actions yet.");
	else
		html_text(&h, pool_printf(req->pool, "%zu %s, %zu overdue.", n,
					  status || round ? (n == 1 ? "action matches" : "actions match")
							  : (n == 1 ? "action" : "actions"),
					  overdue));
	html_lit(&h, "</p>\n");
	if (n)
		action_table(req, &h, "Actions", "govuk-visually-hidden", a, n, 1);
	respond_page_end(res, &h, &pg);
}

/* ---- an action's page ---- */

void action_show(struct request *req, struct response *res)
{
	struct action_item a;
	char today[ACTION_DAY_SIZE], created[CLOCK_DAY_SIZE];
	struct action_frameworks c = {0};
	enum err rc = action_get(req->db, req->pool, req->user->partnership_id, request_id(req, "action"), &a);
	if (!respond_store_ok(req, res, rc))
		return;
	action_today(today);
	int writer = action_can_write(req);
	struct html h;
	const struct crumb crumbs[] = {{"Home", "/"}, {"Actions", "/actions"}, {a.title, NULL}};
	struct page pg = {.title = a.title, .nav_active = "/actions", .crumbs = crumbs, .ncrumbs = 3};
	respond_page_begin(req, res, &h, &pg);
	html_lit(&h, "<div class=\"govuk-grid-row\">\n<div class=\"govuk-grid-column-two-thirds\">\n");
	action_done_banner(req, &h);
	html_lit(&h, "<span class=\"govuk-caption-l\">Action</span>\n<h1 class=\"govuk-heading-l\">");
	html_text(&h, a.title);
	html_lit(&h, "</h1>\n");
#define CHANGE(field) (writer ? action_href(req->pool, a.id, "/edit#" field) : NULL)
	const struct govuk_summary_row rows[] = {
		{.key = "Action", .value = a.title, .action_href = CHANGE("title"), .action_hidden = "action"},
		{.key = "Owner organisation", .value = a.owner_name ? a.owner_name : "Not given",
		 .action_href = CHANGE("owner"), .action_hidden = "owner organisation"},
		{.key = "Lead", .value = *a.lead ? a.lead : "Not given", .action_href = CHANGE("lead"),
		 .action_hidden = "lead"},
		{.key = "Due", .value = action_due_text(req->pool, &a, today), .action_href = CHANGE("due"),
		 .action_hidden = "due date"},
		{.key = "Status", .value = action_status_label(a.status), .action_href = CHANGE("status"),
		 .action_hidden = "status"},
		{.key = "Added", .value = clock_day_label(a.created_at, created, sizeof created)},
	};
#undef CHANGE
	govuk_summary_list(&h, &(struct govuk_summary_list){.rows = rows, .nrows = sizeof rows / sizeof rows[0]});

	html_lit(&h, "<h2 class=\"govuk-heading-m\" id=\"standards\">Standards it addresses</h2>\n");
	if (a.n_links == 0)
		html_lit(&h, "<p class=\"govuk-body\">This action is not linked to any standard.</p>\n");
	for (size_t i = 0; i < a.n_links;) {
		/* Links come by round: one list per round. */
		size_t j = i;
		while (j < a.n_links && a.links[j].ref_id == a.links[i].ref_id)
			j++;
		html_lit(&h, "<h3 class=\"govuk-heading-s\"><a class=\"govuk-link\"");
		html_url(&h, "href", action_plan_href(req->pool, a.links[i].ref_id));
		html_lit(&h, ">");
		html_text(&h, pool_printf(req->pool, "%s: action plan",
					  a.links[i].ref_name ? a.links[i].ref_name : "A round"));
		html_lit(&h, "</a></h3>\n<ul class=\"govuk-list govuk-list--bullet\">\n");
		for (; i < j; i++) {
			html_lit(&h, "<li>");
			html_text(&h, action_standard_text(req, &c, &a.links[i]));
			html_lit(&h, "</li>\n");
		}
		html_lit(&h, "</ul>\n");
	}
	if (writer)
		govuk_button(&h, &(struct govuk_button){.text = "Change this action",
							.href = action_href(req->pool, a.id, "/edit"),
							.variant = GOVUK_BUTTON_SECONDARY});
	html_lit(&h, "</div>\n</div>\n");
	respond_page_end(res, &h, &pg);
}

/* ---- a round's action plan ---- */

void round_actions_page(struct request *req, struct response *res)
{
	int64_t pid = req->user->partnership_id;
	struct round r;
	struct framework fw;
	struct action_item *a = NULL;
	size_t n = 0;
	enum err rc = round_get(req->db, req->pool, pid, request_id(req, "round"), &r);
	if (!rc)
		rc = framework_load(req->db, req->pool, pid, r.framework, &fw);
	if (!rc)
		rc = action_list(req->db, req->pool, pid, &(struct action_query){.round_id = r.id}, &a, &n);
	if (!respond_store_ok(req, res, rc))
		return;
	int writer = action_can_write(req);
	char today[ACTION_DAY_SIZE];
	action_today(today);
	const char *round_href = pool_printf(req->pool, "/selfanalysis/rounds/%lld", (long long)r.id);
	struct html h;
	const struct crumb crumbs[] = {{"Home", "/"}, {"Self-analysis", "/selfanalysis"},
				       {r.name, round_href}, {"Action plan", NULL}};
	struct page pg = {.title = pool_printf(req->pool, "Action plan: %s", r.name),
			  .nav_active = "/selfanalysis", .crumbs = crumbs, .ncrumbs = 4};
	respond_page_begin(req, res, &h, &pg);
	html_lit(&h, "<span class=\"govuk-caption-l\">");
	html_text(&h, r.name);
	html_lit(&h, "</span>\n<h1 class=\"govuk-heading-l\">Action plan</h1>\n<p class=\"govuk-body\">");
	size_t overdue = 0;
	for (size_t i = 0; i < n; i++)
		overdue += (size_t)action_overdue(&a[i], today);
	html_text(&h, n == 0 ? "No actions are linked to this round's standards yet."
			     : pool_printf(req->pool, "%zu %s linked to this round's standards, %zu overdue.", n,
					   n == 1 ? "action is" : "actions are", overdue));
	html_lit(&h, " <a class=\"govuk-link\"");
	html_url(&h, "href", pool_printf(req->pool, "%s/results", round_href));
	html_lit(&h, ">See the round's results</a></p>\n");

	/* Framework order; an action linked to several standards shows under each. */
	struct action_item *mine = pool_alloc(req->pool, (n ? n : 1) * sizeof *mine);
	if (!mine) {
		respond_store_error(req, res, E_NOMEM);
		return;
	}
	for (size_t s = 0; s < fw.n_standards; s++) {
		const struct framework_standard *st = &fw.standards[s];
		size_t k = 0;
		for (size_t i = 0; i < n; i++)
			if (action_links_standard(&a[i], r.id, st->key))
				mine[k++] = a[i];
		html_lit(&h, "<h2 class=\"govuk-heading-m\"");
		html_attr(&h, "id", pool_printf(req->pool, "standard-%s", st->key));
		html_lit(&h, ">");
		html_text(&h, pool_printf(req->pool, "Standard %d", st->number));
		html_lit(&h, "</h2>\n<p class=\"govuk-body\">");
		html_text(&h, st->title);
		html_lit(&h, "</p>\n");
		if (k)
			action_table(req, &h, pool_printf(req->pool, "Actions for standard %d", st->number),
				     "govuk-visually-hidden", mine, k, 0);
		else
			html_lit(&h, "<p class=\"govuk-body\">No actions yet.</p>\n");
		if (writer) {
			html_lit(&h, "<p class=\"govuk-body\"><a class=\"govuk-link\"");
			html_url(&h, "href", pool_printf(req->pool, "/actions/new?round=%lld&standard=%s",
							 (long long)r.id, st->key));
			html_lit(&h, ">Add an action<span class=\"govuk-visually-hidden\">");
			html_text(&h, pool_printf(req->pool, " for standard %d", st->number));
			html_lit(&h, "</span></a></p>\n");
		}
	}
	respond_page_end(res, &h, &pg);
}

/* ---- JSON API ---- */

json_t *action_to_json(const struct action_item *a, const char *today)
{
	json_t *links = json_array();
	for (size_t i = 0; links && i < a->n_links; i++) {
		const struct action_link *l = &a->links[i];
		if (json_array_append_new(links, json_pack("{s:s, s:I, s:s?, s:s}", "kind", l->kind,
							   "round_id", (json_int_t)l->ref_id, "round",
							   l->ref_name, "standard", l->ref_key))) {
			json_decref(links);
			return NULL;
		}
	}
	if (!links)
		return NULL;
	return json_pack("{s:I, s:s, s:o, s:s?, s:s, s:s?, s:s, s:b, s:s, s:o}", "id", (json_int_t)a->id,
			 "title", a->title,
			 "owner_organisation_id", a->owner_id ? json_integer(a->owner_id) : json_null(),
			 "owner", a->owner_name, "lead", a->lead, "due_on", a->due_on, "status", a->status,
			 "overdue", action_overdue(a, today), "created_at", a->created_at, "links", links);
}

void api_actions(struct request *req, struct response *res)
{
	const char *status = params_get(&req->query, "status");
	const char *round = params_get(&req->query, "round");
	struct structure_api_page page;
	if (!structure_api_code(req, res, "status", status, action_status_table, action_status_count) ||
	    !structure_api_paging(req, res, &page))
		return;
	int64_t round_id = round ? record_id_parse(round) : 0;
	if (round_id < 0) {
		respond_error(req, res, 400, "round must be a round's id: a whole number from 1");
		return;
	}
	struct action_item *a = NULL;
	size_t n = 0;
	/* Another partnership's round matches none of this partnership's
	 * actions: an empty list, as for a round that does not exist. */
	enum err rc = action_list(req->db, req->pool, req->user->partnership_id,
				  &(struct action_query){.status = status, .round_id = round_id}, &a, &n);
	if (!respond_store_ok(req, res, rc))
		return;
	char today[ACTION_DAY_SIZE];
	action_today(today);
	json_t *data = json_array();
	for (size_t i = page.offset; data && i < n && i < page.offset + page.limit; i++)
		if (json_array_append_new(data, action_to_json(&a[i], today))) {
			json_decref(data);
			data = NULL;
		}
	structure_api_list(res, data, n, &page);
}
