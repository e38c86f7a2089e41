/*
 * board_web.c: the pages for boards and groups: the reporting tree, a page
 * per group (its details, the groups reporting to it, its members), add and
 * edit forms, retire and reinstate, and adding and removing members.
 *
 * The handler checks what it can say something useful about before the
 * store sees the form: a missing name or kind, a purpose too long, and ids
 * in the selects that are not among the partnership's own current groups,
 * areas and organisations (so a forged id, another partnership's too,
 * reads as "not on the list").  The store's E_RANGE covers both a bad
 * reference and a reporting loop; with references checked first, an
 * E_RANGE here is the loop, and the page names the two groups.  Retire and
 * reinstate refusals (E_CONFLICT: a current group would sit under a
 * retired one) re-display the group's page, which one function renders for
 * its plain view, the member form's errors and those refusals alike.
 *
 * The tree is nested lists rather than an indented table: any depth
 * indents without CSS, and a screen reader announces the nesting.  A
 * search shows a flat table instead, by name with whom each reports to:
 * a match's parents are often not matches, so the tree would have gaps.
 */
#include "partnership/partnership_web.h"

#include <string.h>

#include "audit/audit.h"
#include "auth/auth.h"
#include "core/pool.h"
#include "db/store.h"
#include "html/govuk.h"
#include "html/html.h"
#include "html/page.h"
#include "http/request.h"
#include "partnership/area.h"
#include "partnership/board.h"
#include "partnership/partnership.h"
#include "partnership/structure_web.h"
#include "web/app.h"
#include "web/respond.h"

/* The kinds in the order the form offers them (board.h lists the codes). */
static const char *const kinds[] = {
	"trust_board", "joint_commissioning_group", "performance_group",
	"partnership_board", "area_board", "other",
};
#define NKINDS (sizeof kinds / sizeof kinds[0])

static const char *board_href(struct pool *pool, int64_t id, const char *suffix)
{
	return pool_printf(pool, "/boards/%lld%s", (long long)id, suffix);
}

/* The success banners for ?done=... beside the ones every record has. */
static const struct code_label member_done[] = {
	{"member_added", "Member added"},
	{"member_removed", "Member removed"},
};

static void done_banner(const struct request *req, struct html *h)
{
	structure_done_banner(req, h, "Board or group", member_done,
			      sizeof member_done / sizeof member_done[0]);
}

/* ---- The list ---- */

/* One group in the tree: its name, then what it is, whom it reports to
 * and the area it covers. */
static void tree_item(struct request *req, struct html *h, const struct board *b)
{
	html_lit(h, "<li>\n<p class=\"govuk-body govuk-!-margin-bottom-0\"><a class=\"govuk-link\"");
	html_url(h, "href", board_href(req->pool, b->id, ""));
	html_lit(h, ">");
	html_text(h, b->name);
	html_lit(h, "</a>");
	if (b->retired_at) {
		html_lit(h, " ");
		govuk_tag(h, "Retired", GOVUK_TAG_GREY);
	}
	html_lit(h, "</p>\n<p class=\"govuk-body-s govuk-!-margin-bottom-2\">");
	html_text(h, board_kind_label(b->kind));
	if (b->reports_to_name) {
		html_lit(h, ". Reports to ");
		html_text(h, b->reports_to_name);
	}
	if (b->area_name) {
		html_lit(h, ". Area: ");
		html_text(h, b->area_name);
	}
	html_lit(h, "</p>\n");
}

/*
 * The rows come in tree order with their depth; nested lists carry the
 * indentation, so the tree reads the same to a screen reader as it looks.
 */
static void tree(struct request *req, struct html *h, const struct board *b, size_t n)
{
	int cur = -1; /* depth of the open <li>; lists open: cur + 1 */
	for (size_t i = 0; i < n; i++) {
		int d = b[i].depth < 0 ? 0 : b[i].depth;
		if (d > cur + 1)
			d = cur + 1;
		if (d == cur + 1) {
			if (cur < 0)
				html_lit(h, "<ul class=\"govuk-list\">\n");
			else
				html_lit(h, "<ul class=\"govuk-list govuk-list--bullet\">\n");
		} else {
			html_lit(h, "</li>\n");
			for (; cur > d; cur--)
				html_lit(h, "</ul>\n</li>\n");
		}
		tree_item(req, h, &b[i]);
		cur = d;
	}
	if (cur < 0)
		return;
	html_lit(h, "</li>\n");
	for (; cur > 0; cur--)
		html_lit(h, "</ul>\n</li>\n");
	html_lit(h, "</ul>\n");
}

/* Search results: a flat table by name, each with whom it reports to,
 * since a match's place in the tree is not among the matches. */
static void results_table(struct request *req, struct html *h, const struct board *b, size_t n)
{
	const struct govuk_cell head[] = {{.text = "Name"}, {.text = "Kind"}, {.text = "Reports to"}};
	govuk_table_begin(h, &(struct govuk_table){.caption = "Boards and groups that match",
						   .caption_class = "govuk-visually-hidden",
						   .head = head, .ncols = 3});
	for (size_t i = 0; i < n; i++) {
		const struct govuk_cell row[] = {
			{.text = b[i].retired_at ? pool_printf(req->pool, "%s (retired)", b[i].name) : b[i].name,
			 .href = board_href(req->pool, b[i].id, "")},
			{.text = board_kind_label(b[i].kind)},
			{.text = b[i].reports_to_name ? b[i].reports_to_name : "Does not report to another group",
			 .href = b[i].reports_to_id ? board_href(req->pool, b[i].reports_to_id, "") : NULL},
		};
		govuk_table_row(h, row, 3);
	}
	govuk_table_end(h);
}

void boards_list(struct request *req, struct response *res)
{
	int retired = structure_include_retired(req);
	const char *q = params_get(&req->query, "q");
	char clean[STORE_NAME_MAX + 1];
	/* Words the store cannot search for (too long, control characters)
	 * are no search, as on the organisations page. */
	long qlen = store_text_clean(q, STORE_NAME_MAX, 0, clean);
	if (qlen < 0)
		q = NULL;
	struct board *b;
	size_t n;
	enum err rc = qlen > 0 ? board_search(req->db, req->pool, req->user->partnership_id, retired, q, &b, &n)
			       : board_list(req->db, req->pool, req->user->partnership_id, retired, &b, &n);
	if (!respond_store_ok(req, res, rc))
		return;
	struct html h;
	const struct crumb crumbs[] = {{"Home", "/"}, {"Boards and groups", NULL}};
	struct page pg = {.title = "Boards and groups", .nav_active = "/boards",
			  .crumbs = crumbs, .ncrumbs = 2};
	respond_page_begin(req, res, &h, &pg);
	done_banner(req, &h);
	html_lit(&h, "<h1 class=\"govuk-heading-l\">Boards and groups</h1>\n"
		     "<p class=\"govuk-body\">The partnership's boards and groups, each under the group it reports to.</p>\n");
	structure_list_actions(req, &h, "Add a board or group", "/boards/new", NULL);
	html_lit(&h, "<form method=\"get\" action=\"/boards\" novalidate>\n");
	govuk_input(&h, &(struct govuk_input){.name = "q", .label = "Name or purpose", .value = q,
					      .type = "search", .classes = "govuk-!-width-two-thirds",
					      .spellcheck_off = 1});
	structure_retired_checkbox(&h, "Include retired groups", retired);
	govuk_button(&h, &(struct govuk_button){.text = "Search", .variant = GOVUK_BUTTON_SECONDARY});
	html_lit(&h, "</form>\n");
	if (qlen > 0) {
		html_lit(&h, "<p class=\"govuk-body\">");
		html_text(&h, n == 0 ? "No boards or groups match your search."
				     : pool_printf(req->pool, "%zu %s your search.", n,
						   n == 1 ? "board or group matches" : "boards and groups match"));
		html_lit(&h, " <a class=\"govuk-link\" href=\"/boards\">Show every group</a></p>\n");
		if (n)
			results_table(req, &h, b, n);
	} else if (n == 0) {
		html_lit(&h, "<p class=\"govuk-body\">There are no boards or groups yet.</p>\n");
	} else {
		tree(req, &h, b, n);
	}
	respond_page_end(res, &h, &pg);
}

/* ---- The group's page ---- */

/* What the member form sent, to show again with its errors. */
struct member_input {
	const char *organisation;
	const char *position;
};

static void members_table(struct request *req, struct response *res, struct html *h,
			  const struct board *b,
			  const struct board_member *m, size_t n, int writer)
{
	html_lit(h, "<h2 class=\"govuk-heading-m\" id=\"members\">Members</h2>\n");
	if (n == 0) {
		html_lit(h, "<p class=\"govuk-body\">No organisations are members yet.</p>\n");
		return;
	}
	const struct govuk_cell head[] = {{.text = "Organisation"}, {.text = "Position"}, {.text = "Action"}};
	govuk_table_begin(h, &(struct govuk_table){.caption = "Member organisations and their positions",
						   .caption_class = "govuk-visually-hidden",
						   .head = head, .ncols = writer ? 3 : 2});
	for (size_t i = 0; i < n; i++) {
		html_lit(h, "<tr class=\"govuk-table__row\">\n<td class=\"govuk-table__cell\"><a class=\"govuk-link\"");
		html_url(h, "href", pool_printf(req->pool, "/organisations/%lld", (long long)m[i].organisation_id));
		html_lit(h, ">");
		html_text(h, m[i].organisation_name);
		html_lit(h, "</a></td>\n<td class=\"govuk-table__cell\">");
		html_text(h, m[i].position);
		html_lit(h, "</td>\n");
		if (writer) {
			html_lit(h, "<td class=\"govuk-table__cell\"><form method=\"post\"");
			html_url(h, "action", pool_printf(req->pool, "/boards/%lld/members/%lld/remove",
							  (long long)b->id, (long long)m[i].id));
			html_lit(h, " novalidate>\n");
			respond_csrf_field(req, res, h);
			html_lit(h, "<button type=\"submit\" class=\"govuk-button govuk-button--secondary govuk-!-margin-bottom-0\" data-module=\"govuk-button\">Remove<span class=\"govuk-visually-hidden\"> ");
			html_text(h, m[i].organisation_name);
			html_lit(h, " (");
			html_text(h, m[i].position);
			html_lit(h, ")</span></button>\n</form></td>\n");
		}
		html_lit(h, "</tr>\n");
	}
	govuk_table_end(h);
}

static void member_form(struct request *req, struct response *res, struct html *h,
			const struct board *b, const struct organisation *orgs, size_t norgs,
			const struct member_input *in, const struct form_errors *errs)
{
	html_lit(h, "<h2 class=\"govuk-heading-m\">Add a member</h2>\n<form method=\"post\"");
	html_url(h, "action", board_href(req->pool, b->id, "/members"));
	html_lit(h, " novalidate>\n");
	respond_csrf_field(req, res, h);
	struct govuk_option *opts = structure_organisation_options(req->pool, orgs, norgs);
	if (!opts)
		return; /* the pool is full: the page fails as a whole */
	govuk_select(h, &(struct govuk_select){.name = "organisation", .label = "Organisation",
					       .value = in->organisation, .options = opts,
					       .noptions = norgs + 1,
					       .error = form_error_for(errs, "organisation")});
	govuk_input(h, &(struct govuk_input){.name = "position", .label = "Position on the board",
					     .hint = "For example, Chair or Director of Children's Services",
					     .value = in->position, .classes = "govuk-!-width-two-thirds",
					     .error = form_error_for(errs, "position")});
	govuk_button(h, &(struct govuk_button){.text = "Add member", .variant = GOVUK_BUTTON_SECONDARY,
					       .prevent_double_click = 1});
	html_lit(h, "</form>\n");
}

/*
 * The group's page.  errs (may be NULL) holds the member form's errors or
 * the retire refusal, shown at the top with status (400 or 409).
 */
static void board_page(struct request *req, struct response *res, int64_t id,
		       const struct member_input *in, const struct form_errors *errs, int status)
{
	int64_t pid = req->user->partnership_id;
	int writer = structure_can_write(req);
	struct board b, *all = NULL;
	struct board_member *m = NULL;
	struct organisation *orgs = NULL;
	size_t nall = 0, nm = 0, norgs = 0;
	enum err rc = board_get(req->db, req->pool, pid, id, &b);
	if (!rc)
		rc = board_list(req->db, req->pool, pid, 0, &all, &nall);
	if (!rc)
		rc = board_member_list(req->db, req->pool, pid, id, &m, &nm);
	if (!rc && writer && !b.retired_at)
		rc = organisation_list(req->db, req->pool, pid, &orgs, &norgs);
	if (!respond_store_ok(req, res, rc))
		return;
	int has_errors = errs && errs->n > 0;
	struct html h;
	const struct crumb crumbs[] = {{"Home", "/"}, {"Boards and groups", "/boards"}, {b.name, NULL}};
	struct page pg = {.title = b.name, .nav_active = "/boards", .crumbs = crumbs, .ncrumbs = 3,
			  .error = has_errors};
	respond_page_begin(req, res, &h, &pg);
	if (has_errors)
		res->status = status;
	html_lit(&h, "<div class=\"govuk-grid-row\">\n<div class=\"govuk-grid-column-two-thirds\">\n");
	govuk_error_summary(&h, errs);
	if (!has_errors)
		done_banner(req, &h);
	html_lit(&h, "<span class=\"govuk-caption-l\">");
	html_text(&h, board_kind_label(b.kind));
	html_lit(&h, "</span>\n<h1 class=\"govuk-heading-l\">");
	html_text(&h, b.name);
	if (b.retired_at) {
		html_lit(&h, " ");
		govuk_tag(&h, "Retired", GOVUK_TAG_GREY);
	}
	html_lit(&h, "</h1>\n");

	int show_area = b.area_id || strcmp(b.kind, "area_board") == 0;
#define CHANGE(field) (writer ? board_href(req->pool, id, "/edit#" field) : NULL)
	const struct govuk_summary_row rows[] = {
		{.key = "Name", .value = b.name, .action_href = CHANGE("name"), .action_hidden = "name"},
		{.key = "Kind", .value = board_kind_label(b.kind), .action_href = CHANGE("kind"),
		 .action_hidden = "kind"},
		{.key = "Purpose", .value = b.purpose && *b.purpose ? b.purpose : "Not given",
		 .action_href = CHANGE("purpose"), .action_hidden = "purpose"},
		{.key = "Reports to", .value = b.reports_to_name ? b.reports_to_name : "Does not report to another group",
		 .action_href = CHANGE("reports_to"), .action_hidden = "the group it reports to"},
		{.key = "Area", .value = b.area_name ? b.area_name : "Not given", .action_href = CHANGE("area"),
		 .action_hidden = "area"},
		{.key = "Status", .value = structure_status(req->pool, b.retired_at)},
	};
#undef CHANGE
	govuk_summary_list_begin(&h, NULL);
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
		if (i != 4 || show_area)
			govuk_summary_list_row(&h, &rows[i], writer);
	govuk_summary_list_end(&h);

	html_lit(&h, "<h2 class=\"govuk-heading-m\" id=\"reports-to-it\">Reports to it</h2>\n");
	size_t nchildren = 0;
	for (size_t i = 0; i < nall; i++) {
		if (all[i].reports_to_id != id)
			continue;
		if (nchildren++ == 0)
			html_lit(&h, "<ul class=\"govuk-list\">\n");
		html_lit(&h, "<li><a class=\"govuk-link\"");
		html_url(&h, "href", board_href(req->pool, all[i].id, ""));
		html_lit(&h, ">");
		html_text(&h, all[i].name);
		html_lit(&h, "</a></li>\n");
	}
	if (nchildren)
		html_lit(&h, "</ul>\n");
	else
		html_lit(&h, "<p class=\"govuk-body\">No current groups report to it.</p>\n");

	members_table(req, res, &h, &b, m, nm, writer);
	if (writer && !b.retired_at)
		member_form(req, res, &h, &b, orgs, norgs, in ? in : &(struct member_input){0}, errs);
	if (writer)
		structure_retire_form(req, res, &h, board_href(req->pool, id, ""), "group", b.retired_at != NULL);
	html_lit(&h, "</div>\n</div>\n");
	respond_page_end(res, &h, &pg);
}

void board_show(struct request *req, struct response *res)
{
	board_page(req, res, request_id(req, "id"), NULL, NULL, 200);
}

/* ---- Add and edit ---- */

struct board_input {
	const char *name, *kind, *purpose, *reports_to, *area; /* as sent */
	const char *name_trimmed, *purpose_trimmed;            /* to check */
	int64_t reports_to_id, area_id;
};

static void board_input_read(struct request *req, struct board_input *in)
{
	in->name_trimmed = form_text(req, "name");
	in->purpose_trimmed = form_text(req, "purpose");
	in->name = params_get(&req->form, "name");
	in->kind = params_get(&req->form, "kind");
	in->purpose = params_get(&req->form, "purpose");
	in->reports_to = params_get(&req->form, "reports_to");
	in->area = params_get(&req->form, "area");
	in->reports_to_id = form_option_id(req, "reports_to");
	in->area_id = form_option_id(req, "area");
}

/* What the selects offer: current groups and areas, plus the ones the
 * group already points at even if retired since, so an edit keeps them. */
struct board_choices {
	struct board *boards;
	size_t nboards;
	struct area *areas;
	size_t nareas;
};

static enum err choices_load(struct request *req, struct board_choices *c)
{
	int64_t pid = req->user->partnership_id;
	enum err rc = board_list(req->db, req->pool, pid, 1, &c->boards, &c->nboards);
	if (!rc)
		rc = area_list(req->db, req->pool, pid, 1, NULL, &c->areas, &c->nareas);
	return rc;
}

static const struct board *choice_board(const struct board_choices *c, int64_t id, int64_t keep)
{
	for (size_t i = 0; i < c->nboards; i++)
		if (c->boards[i].id == id && (!c->boards[i].retired_at || id == keep))
			return &c->boards[i];
	return NULL;
}

static const struct area *choice_area(const struct board_choices *c, int64_t id, int64_t keep)
{
	for (size_t i = 0; i < c->nareas; i++)
		if (c->areas[i].id == id && (!c->areas[i].retired_at || id == keep))
			return &c->areas[i];
	return NULL;
}

/* The form's own checks; old (NULL when adding) is the group as stored. */
static void board_input_check(struct request *req, const struct board_input *in,
			      const struct board *old, const struct board_choices *c,
			      struct form_errors *errs)
{
	int64_t self = old ? old->id : 0;
	if (!*in->name_trimmed)
		form_errors_add(errs, "name", "Enter the name of the board or group");
	else if (strlen(in->name_trimmed) > STORE_NAME_MAX)
		form_errors_add(errs, "name", pool_printf(req->pool, "Name must be %d characters or fewer",
							  STORE_NAME_MAX));
	int kind_ok = in->kind && board_kind_valid(in->kind);
	if (!kind_ok)
		form_errors_add(errs, "kind", "Select what kind of group it is");
	if (strlen(in->purpose_trimmed) > BOARD_PURPOSE_MAX)
		form_errors_add(errs, "purpose", pool_printf(req->pool, "Purpose must be %d characters or fewer",
							     BOARD_PURPOSE_MAX));
	if (in->reports_to_id && self && in->reports_to_id == self)
		form_errors_add(errs, "reports_to", "A group cannot report to itself");
	else if (in->reports_to_id &&
		 (in->reports_to_id < 0 ||
		  !choice_board(c, in->reports_to_id, old ? old->reports_to_id : 0)))
		form_errors_add(errs, "reports_to", "Select a group from the list");
	if (in->area_id && (in->area_id < 0 || !choice_area(c, in->area_id, old ? old->area_id : 0)))
		form_errors_add(errs, "area", "Select an area from the list");
	else if (kind_ok && in->area_id && strcmp(in->kind, "area_board") != 0)
		form_errors_add(errs, "area", "Choose \xe2\x80\x98Not an area board\xe2\x80\x99, or make this an area board");
	else if (kind_ok && !in->area_id && strcmp(in->kind, "area_board") == 0)
		form_errors_add(errs, "area", "Select the area this board covers");
}

/* The add or edit form; old NULL when adding. */
static void board_form(struct request *req, struct response *res, const struct board *old,
		       const struct board_input *in, const struct board_choices *c,
		       const struct form_errors *errs)
{
	int64_t self = old ? old->id : 0;
	struct govuk_option *bopts = pool_alloc(req->pool, (c->nboards + 1) * sizeof *bopts);
	struct govuk_option *aopts = pool_alloc(req->pool, (c->nareas + 1) * sizeof *aopts);
	struct govuk_choice items[NKINDS];
	if (!bopts || !aopts) {
		respond_store_error(req, res, E_NOMEM);
		return;
	}
	size_t nb = 0, na = 0;
	bopts[nb++] = (struct govuk_option){.value = "", .text = "Does not report to another group"};
	/* In tree order, the groups under self follow it, deeper than it: they
	 * (and self) would make a loop, so they are not offered. */
	int under = -1; /* self's depth while inside its subtree */
	for (size_t i = 0; i < c->nboards; i++) {
		if (under >= 0 && c->boards[i].depth <= under)
			under = -1;
		if (c->boards[i].id == self)
			under = c->boards[i].depth;
		if (under < 0 && choice_board(c, c->boards[i].id, old ? old->reports_to_id : 0))
			bopts[nb++] = (struct govuk_option){.value = form_option_value(req->pool, c->boards[i].id),
							    .text = c->boards[i].name};
	}
	aopts[na++] = (struct govuk_option){.value = "", .text = "Not an area board"};
	for (size_t i = 0; i < c->nareas; i++)
		if (choice_area(c, c->areas[i].id, old ? old->area_id : 0))
			aopts[na++] = (struct govuk_option){.value = form_option_value(req->pool, c->areas[i].id),
							    .text = c->areas[i].name};
	for (size_t i = 0; i < NKINDS; i++)
		items[i] = (struct govuk_choice){.value = kinds[i], .text = board_kind_label(kinds[i])};

	const struct structure_form sf = {
		.list_text = "Boards and groups", .list_href = "/boards",
		.title = old ? "Change board or group" : "Add a board or group",
		.name = old ? old->name : NULL, .self = old ? board_href(req->pool, self, "") : NULL,
		.submit = "Add board or group", .errs = errs};
	struct html h;
	struct page pg;
	structure_form_begin(req, res, &h, &pg, &sf);
	govuk_input(&h, &(struct govuk_input){.name = "name", .label = "Name", .label_class = "govuk-label--s",
					      .value = in->name, .error = form_error_for(errs, "name")});
	govuk_radios(&h, &(struct govuk_choices){.name = "kind", .legend = "Kind of group",
						 .legend_class = "govuk-fieldset__legend--s", .value = in->kind,
						 .items = items, .nitems = NKINDS,
						 .error = form_error_for(errs, "kind")});
	govuk_textarea(&h, &(struct govuk_textarea){.name = "purpose", .label = "Purpose (optional)",
						    .label_class = "govuk-label--s",
						    .hint = "What the group is for and what it decides",
						    .value = in->purpose, .error = form_error_for(errs, "purpose")});
	govuk_select(&h, &(struct govuk_select){.name = "reports_to", .label = "Reports to",
						.label_class = "govuk-label--s", .value = in->reports_to,
						.options = bopts, .noptions = nb,
						.error = form_error_for(errs, "reports_to")});
	govuk_select(&h, &(struct govuk_select){.name = "area", .label = "Area",
						.label_class = "govuk-label--s",
						.hint = "Only for area boards: the area the board covers",
						.value = in->area, .options = aopts, .noptions = na,
						.error = form_error_for(errs, "area")});
	structure_form_end(res, &h, &pg, &sf);
}

/* A store refusal as a form error; 0 when rc is not one the form explains. */
static int store_refusal(struct request *req, enum err rc, const struct board_input *in,
			 const struct board *old, const struct board_choices *c,
			 struct form_errors *errs)
{
	const struct board *to;
	switch (rc) {
	case E_CONFLICT:
		form_errors_add(errs, "name", "There is already a board or group with this name");
		return 1;
	case E_RANGE:
		to = choice_board(c, in->reports_to_id, old ? old->reports_to_id : 0);
		form_errors_add(errs, "reports_to",
				to ? pool_printf(req->pool, "%s cannot report to %s: %s already reports to %s, "
							    "directly or through other groups",
						 in->name_trimmed, to->name, to->name, in->name_trimmed)
				   : "This would make a group report to itself, directly or through other groups");
		return 1;
	case E_INVAL:
		form_errors_add(errs, "name", "Use plain text for the name and purpose, without control characters");
		return 1;
	default:
		return 0;
	}
}

/* The group named by the URL, in the user's partnership; answers 404 (or
 * the store's error) and returns 0 when there is none. */
static int load(struct request *req, struct response *res, struct board *b)
{
	enum err rc = board_get(req->db, req->pool, req->user->partnership_id, request_id(req, "id"), b);
	return respond_store_ok(req, res, rc);
}

/* Adds (old NULL) or changes old as the form says: the form again with its
 * errors, else the list or the group's page with a banner. */
static void save(struct request *req, struct response *res, const struct board *old)
{
	struct board_input in;
	struct board_choices c;
	struct form_errors errs = {0};
	int64_t pid = req->user->partnership_id;
	enum err rc = choices_load(req, &c);
	if (!respond_store_ok(req, res, rc))
		return;
	board_input_read(req, &in);
	board_input_check(req, &in, old, &c, &errs);
	if (errs.n == 0) {
		struct actor a;
		const char *purpose = in.purpose ? in.purpose : "";
		app_actor(req, &a);
		rc = old ? board_update(req->db, &a, pid, old->id, in.name, in.kind, purpose,
					in.reports_to_id, in.area_id)
			 : board_add(req->db, &a, pid, in.name, in.kind, purpose, in.reports_to_id,
				     in.area_id, NULL);
		store_refusal(req, rc, &in, old, &c, &errs);
	}
	if (errs.n) {
		board_form(req, res, old, &in, &c, &errs);
		return;
	}
	respond_after_write(req, res, rc, old ? board_href(req->pool, old->id, "?done=changed") : "/boards?done=added");
}

void board_new_form(struct request *req, struct response *res)
{
	struct board_choices c;
	enum err rc = choices_load(req, &c);
	if (!respond_store_ok(req, res, rc))
		return;
	board_form(req, res, NULL, &(struct board_input){0}, &c, NULL);
}

void board_create(struct request *req, struct response *res)
{
	save(req, res, NULL);
}

void board_edit_form(struct request *req, struct response *res)
{
	struct board b;
	struct board_choices c;
	if (!load(req, res, &b))
		return;
	enum err rc = choices_load(req, &c);
	if (!respond_store_ok(req, res, rc))
		return;
	struct board_input in = {.name = b.name, .kind = b.kind, .purpose = b.purpose,
				 .reports_to = form_option_value(req->pool, b.reports_to_id),
				 .area = form_option_value(req->pool, b.area_id)};
	board_form(req, res, &b, &in, &c, NULL);
}

void board_edit(struct request *req, struct response *res)
{
	struct board b;
	if (load(req, res, &b))
		save(req, res, &b);
}

/* ---- Retire and reinstate ---- */

static void set_retired(struct request *req, struct response *res, int retired)
{
	struct actor a;
	struct board b;
	if (!load(req, res, &b))
		return;
	app_actor(req, &a);
	enum err rc = board_set_retired(req->db, &a, req->user->partnership_id, b.id, retired);
	if (rc == E_CONFLICT) {
		/* Retiring: groups still report to it.  Reinstating: the group it
		 * reports to is retired.  Either way the tree would have a current
		 * group under a retired one. */
		struct form_errors errs = {0};
		form_errors_add(&errs, retired ? "reports-to-it" : NULL,
				retired ? pool_printf(req->pool,
						      "%s cannot be retired while current groups report to it: "
						      "change the group they report to, or retire them, first",
						      b.name)
					: pool_printf(req->pool,
						      "%s cannot be reinstated while the group it reports to is "
						      "retired: reinstate %s first, or change who %s reports to",
						      b.name, b.reports_to_name ? b.reports_to_name : "that group",
						      b.name));
		board_page(req, res, b.id, NULL, &errs, 409);
		return;
	}
	respond_after_write(req, res, rc, board_href(req->pool, b.id, retired ? "?done=retired" : "?done=reinstated"));
}

void board_retire(struct request *req, struct response *res)
{
	set_retired(req, res, 1);
}

void board_reinstate(struct request *req, struct response *res)
{
	set_retired(req, res, 0);
}

/* ---- Members ---- */

void board_member_add_post(struct request *req, struct response *res)
{
	int64_t pid = req->user->partnership_id;
	int64_t id = request_id(req, "id");
	struct board b;
	struct organisation *orgs;
	size_t norgs;
	struct form_errors errs = {0};
	struct member_input in = {params_get(&req->form, "organisation"), params_get(&req->form, "position")};
	enum err rc = board_get(req->db, req->pool, pid, id, &b);
	if (!rc)
		rc = organisation_list(req->db, req->pool, pid, &orgs, &norgs);
	if (!respond_store_ok(req, res, rc))
		return;
	int64_t org = form_option_id(req, "organisation");
	int found = 0;
	for (size_t i = 0; org > 0 && i < norgs; i++)
		found |= orgs[i].id == org;
	if (b.retired_at)
		form_errors_add(&errs, "organisation", "Reinstate this group before adding members");
	else if (!org)
		form_errors_add(&errs, "organisation", "Select the member organisation");
	else if (!found)
		form_errors_add(&errs, "organisation", "Select an organisation from the list");
	if (!*form_text(req, "position"))
		form_errors_add(&errs, "position", "Enter the position the organisation holds on the board");
	if (errs.n == 0) {
		struct actor a;
		app_actor(req, &a);
		rc = board_member_add(req->db, &a, pid, id, org, in.position, NULL);
		/* The store's reasons, once the checks above have passed: the text,
		 * a duplicate, or the organisation retired since the page was shown. */
		if (rc == E_INVAL)
			form_errors_add(&errs, "position", "Position is too long or has characters that cannot be used: shorten it or remove them");
		else if (rc == E_CONFLICT)
			form_errors_add(&errs, "position", "This organisation already holds this position on the board");
		else if (rc == E_RANGE)
			form_errors_add(&errs, "organisation", "Select an organisation from the list");
		else if (rc) {
			respond_store_error(req, res, rc);
			return;
		}
	}
	if (errs.n) {
		board_page(req, res, id, &in, &errs, 400);
		return;
	}
	respond_redirect(req, res, board_href(req->pool, id, "?done=member_added#members"));
}

void board_member_remove_post(struct request *req, struct response *res)
{
	int64_t id = request_id(req, "id");
	struct actor a;
	app_actor(req, &a);
	enum err rc = board_member_remove(req->db, &a, req->user->partnership_id, id,
					  request_id(req, "member"));
	respond_after_write(req, res, rc, board_href(req->pool, id, "?done=member_removed#members"));
}
