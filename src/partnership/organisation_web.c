/*
 * organisation_web.c: the partner organisations pages and their JSON API.
 *
 * Every store call takes the signed-in user's partnership, so another
 * partnership's organisation is simply not found (404).  The handlers
 * check what a person typed field by field first, so each mistake gets its
 * own message beside its field; the store checks again and stays the
 * authority (a name taken, say, is only known when it is saved).  Lists
 * are paged in the database (organisation_search with an offset), so a
 * page costs the same however many organisations there are.
 *
 * The type and role codes, their labels and their order come from the
 * store's tables (partnership.h), so the choices, the API's messages and
 * the import page can never offer a code the store refuses.  Adding,
 * changing, retiring and importing look like the areas' and boards' pages
 * because structure_web.c writes them for all three.
 *
 * An organisation's page shows what ties it to the partnership (its seats
 * on boards, the people acting for it), because those are what the store
 * refuses to retire it over: a refusal re-displays the page with each tie
 * named in the error summary, linking to where the page lists it.
 */
#include "partnership/partnership_web.h"

#include <jansson.h>
#include <string.h>

#include "audit/audit.h"
#include "auth/auth.h"
#include "core/pool.h"
#include "db/store.h"
#include "html/govuk.h"
#include "html/html.h"
#include "html/page.h"
#include "http/request.h"
#include "http/urlencoded.h"
#include "partnership/import.h"
#include "partnership/partnership.h"
#include "partnership/structure_web.h"
#include "web/app.h"
#include "web/respond.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* Words beside the role choices (code -> hint). */
static const struct code_label role_hints[] = {
	{"commissioner", "Plans and pays for services"},
	{"provider", "Runs services"},
};

static const struct crumb list_crumb = {"Partner organisations", "/organisations"};

static const char *org_href(struct pool *pool, int64_t id, const char *suffix)
{
	return pool_printf(pool, "/organisations/%lld%s", (long long)id, suffix);
}

/* ---- The list ---- */

/* The list's URL with the current filters, ending "page=" for paging. */
static const char *page_prefix(struct request *req, const char *q, const char *type,
			       const char *role, int include_retired)
{
	const char *s = "/organisations?";
	const char *eq = q && *q ? url_query_encode(req->pool, q) : NULL;
	if (eq)
		s = pool_printf(req->pool, "%sq=%s&", s, eq);
	if (s && type)
		s = pool_printf(req->pool, "%stype=%s&", s, type);
	if (s && role)
		s = pool_printf(req->pool, "%srole=%s&", s, role);
	if (s && include_retired)
		s = pool_printf(req->pool, "%sinclude_retired=true&", s);
	return s ? pool_printf(req->pool, "%spage=", s) : NULL;
}

/* types and roles: the selects' options, "Any ..." first. */
static void search_form(struct html *h, const char *q, const char *type, const char *role,
			int include_retired, const struct govuk_option *types,
			const struct govuk_option *roles)
{
	html_lit(h, "<form method=\"get\" action=\"/organisations\" novalidate>\n"
		    "<h2 class=\"govuk-heading-m\">Search</h2>\n");
	govuk_input(h, &(struct govuk_input){.name = "q", .label = "Name or identifier", .value = q,
					     .type = "search", .classes = "govuk-!-width-two-thirds",
					     .spellcheck_off = 1});
	govuk_select(h, &(struct govuk_select){.name = "type", .label = "Type", .value = type,
					       .options = types, .noptions = organisation_type_count + 1});
	govuk_select(h, &(struct govuk_select){.name = "role", .label = "Role", .value = role,
					       .options = roles, .noptions = organisation_role_count + 1});
	structure_retired_checkbox(h, "Include retired organisations", include_retired);
	govuk_button(h, &(struct govuk_button){.text = "Search", .variant = GOVUK_BUTTON_SECONDARY});
	html_lit(h, "</form>\n");
}

static void org_table(struct request *req, struct html *h, const struct organisation *o, size_t n,
		      int include_retired)
{
	html_lit(h, "<table class=\"govuk-table\">\n"
		    "<caption class=\"govuk-table__caption govuk-visually-hidden\">Partner organisations</caption>\n"
		    "<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">"
		    "<th scope=\"col\" class=\"govuk-table__header\">Name</th>"
		    "<th scope=\"col\" class=\"govuk-table__header\">Type</th>"
		    "<th scope=\"col\" class=\"govuk-table__header\">Role</th>"
		    "<th scope=\"col\" class=\"govuk-table__header\">Identifier</th>");
	if (include_retired)
		html_lit(h, "<th scope=\"col\" class=\"govuk-table__header\">Status</th>");
	html_lit(h, "</tr></thead>\n<tbody class=\"govuk-table__body\">\n");
	for (size_t i = 0; i < n; i++) {
		html_lit(h, "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\"><a class=\"govuk-link\"");
		html_url(h, "href", org_href(req->pool, o[i].id, ""));
		html_lit(h, ">");
		html_text(h, o[i].name);
		html_lit(h, "</a></td><td class=\"govuk-table__cell\">");
		html_text(h, organisation_type_label(o[i].type));
		html_lit(h, "</td><td class=\"govuk-table__cell\">");
		html_text(h, organisation_role_label(o[i].role));
		html_lit(h, "</td><td class=\"govuk-table__cell\">");
		html_text(h, o[i].identifier);
		html_lit(h, "</td>");
		if (include_retired) {
			html_lit(h, "<td class=\"govuk-table__cell\">");
			if (o[i].retired_at)
				govuk_tag(h, "Retired", GOVUK_TAG_GREY);
			html_lit(h, "</td>");
		}
		html_lit(h, "</tr>\n");
	}
	html_lit(h, "</tbody>\n</table>\n");
}

static const struct structure_import org_import;

void organisations_list(struct request *req, struct response *res)
{
	const char *q = params_get(&req->query, "q");
	const char *type = params_get(&req->query, "type");
	const char *role = params_get(&req->query, "role");
	/* A filter this page did not offer is no filter, not an error page. */
	if (!organisation_type_valid(type))
		type = NULL;
	if (!organisation_role_valid(role))
		role = NULL;
	int include_retired = structure_include_retired(req);
	long page = structure_page_number(req);
	struct organisation_query oq = {.q = q, .type = type, .role = role,
					.include_retired = include_retired,
					.offset = (size_t)(page - 1) * STRUCTURE_PAGE_SIZE,
					.limit = STRUCTURE_PAGE_SIZE};
	struct organisation *orgs = NULL;
	size_t n = 0, total = 0;
	enum err rc = organisation_search(req->db, req->pool, req->user->partnership_id, &oq, &orgs,
					  &n, &total);
	if (rc == E_INVAL) { /* words the store cannot search for (control characters) */
		q = NULL;
		oq.q = NULL;
		rc = organisation_search(req->db, req->pool, req->user->partnership_id, &oq, &orgs,
					 &n, &total);
	}
	struct govuk_option *types = structure_code_options(req->pool, organisation_type_table,
							    organisation_type_count, "Any type");
	struct govuk_option *roles = structure_code_options(req->pool, organisation_role_table,
							    organisation_role_count, "Any role");
	if (!rc && (!types || !roles))
		rc = E_NOMEM;
	if (!respond_store_ok(req, res, rc))
		return;
	long pages = (long)((total + STRUCTURE_PAGE_SIZE - 1) / STRUCTURE_PAGE_SIZE);

	struct crumb crumbs[] = {{"Home", "/"}, {list_crumb.text, NULL}};
	struct page pg = {.title = "Partner organisations", .nav_active = "/organisations",
			  .crumbs = crumbs, .ncrumbs = 2};
	struct html h;
	respond_page_begin(req, res, &h, &pg);
	structure_done_banner(req, &h, "Organisation", NULL, 0);
	structure_import_banner(req, &h, &org_import);
	html_lit(&h, "<h1 class=\"govuk-heading-l\">Partner organisations</h1>\n"
		     "<p class=\"govuk-body\">The councils, NHS bodies, schools, police and other organisations "
		     "that commission or provide children's services in this partnership.</p>\n");
	structure_list_actions(req, &h, "Add an organisation", "/organisations/new", "/organisations/import");
	html_lit(&h, "<div class=\"govuk-grid-row\">\n<div class=\"govuk-grid-column-one-third\">\n");
	search_form(&h, q, type, role, include_retired, types, roles);
	html_lit(&h, "</div>\n<div class=\"govuk-grid-column-two-thirds\">\n");
	if (total == 0) {
		html_lit(&h, "<p class=\"govuk-body\">No organisations match your search.</p>\n");
	} else if (n == 0) {
		html_lit(&h, "<p class=\"govuk-body\">There are no more organisations: go back to the first page.</p>\n");
	} else {
		size_t first = oq.offset + 1, last = oq.offset + n;
		html_lit(&h, "<p class=\"govuk-body\">");
		html_text(&h, total == n ? pool_printf(req->pool, "%zu %s", total, total == 1 ? "organisation" : "organisations")
					 : pool_printf(req->pool, "Showing %zu to %zu of %zu organisations", first, last, total));
		html_lit(&h, "</p>\n");
		org_table(req, &h, orgs, n, include_retired);
	}
	govuk_pagination(&h, &(struct govuk_pagination){
		.page = page, .pages = pages,
		.href_prefix = page_prefix(req, q, type, role, include_retired)});
	html_lit(&h, "</div>\n</div>\n");
	respond_page_end(res, &h, &pg);
}

/* ---- Add and change ---- */

struct org_form {
	const char *name, *type, *role, *identifier; /* as sent, for re-display */
};

/* The form page: o NULL adds, else changes o (the stored record). */
static void form_page(struct request *req, struct response *res, const struct organisation *o,
		      const struct org_form *f, const struct form_errors *errs)
{
	struct govuk_choice *types = structure_code_choices(req->pool, organisation_type_table,
							    organisation_type_count, NULL, 0);
	struct govuk_choice *roles = structure_code_choices(req->pool, organisation_role_table,
							    organisation_role_count, role_hints,
							    NELEM(role_hints));
	if (!types || !roles) {
		respond_store_error(req, res, E_NOMEM);
		return;
	}
	const struct structure_form sf = {
		.list_text = list_crumb.text, .list_href = list_crumb.href,
		.title = o ? "Change organisation details" : "Add a partner organisation",
		.name = o ? o->name : NULL, .self = o ? org_href(req->pool, o->id, "") : NULL,
		.submit = "Add organisation", .errs = errs};
	struct html h;
	struct page pg;
	structure_form_begin(req, res, &h, &pg, &sf);
	govuk_input(&h, &(struct govuk_input){.name = "name", .label = "Name", .label_class = "govuk-label--s",
					      .value = f->name, .error = form_error_for(errs, "name"),
					      .autocomplete = "organization"});
	govuk_radios(&h, &(struct govuk_choices){.name = "type", .legend = "Type of organisation",
						 .legend_class = "govuk-fieldset__legend--s",
						 .value = f->type, .items = types,
						 .nitems = organisation_type_count,
						 .error = form_error_for(errs, "type")});
	govuk_radios(&h, &(struct govuk_choices){.name = "role", .legend = "Does it commission or provide services?",
						 .legend_class = "govuk-fieldset__legend--s",
						 .value = f->role, .items = roles,
						 .nitems = organisation_role_count,
						 .error = form_error_for(errs, "role")});
	govuk_input(&h, &(struct govuk_input){.name = "identifier", .label = "Identifier (optional)",
					      .label_class = "govuk-label--s",
					      .hint = "Companies House or charity number, if it has one",
					      .value = f->identifier, .classes = "govuk-input--width-20",
					      .spellcheck_off = 1, .error = form_error_for(errs, "identifier")});
	structure_form_end(res, &h, &pg, &sf);
}

static void read_form(struct request *req, struct org_form *f)
{
	f->name = params_get(&req->form, "name");
	f->type = params_get(&req->form, "type");
	f->role = params_get(&req->form, "role");
	f->identifier = params_get(&req->form, "identifier");
}

/* Checks the form field by field; the trimmed name and identifier go to
 * *name and *ident.  Returns the number of errors. */
static size_t check_form(struct request *req, const struct org_form *f, struct form_errors *errs,
			 const char **name, const char **ident)
{
	*name = form_text(req, "name");
	*ident = form_text(req, "identifier");
	if (!**name)
		form_errors_add(errs, "name", "Enter the organisation's name");
	else if (strlen(*name) > STORE_NAME_MAX)
		form_errors_add(errs, "name", "Name must be 255 characters or fewer");
	if (!organisation_type_valid(f->type))
		form_errors_add(errs, "type", "Select the type of organisation");
	if (!organisation_role_valid(f->role))
		form_errors_add(errs, "role", "Select whether it commissions, provides or both");
	if (strlen(*ident) > STORE_NAME_MAX)
		form_errors_add(errs, "identifier", "Identifier must be 255 characters or fewer");
	return errs->n;
}

/* A store refusal as a form error; 0 when rc is not one a person can fix. */
static int store_form_error(struct request *req, enum err rc, const char *name,
			    struct form_errors *errs)
{
	if (rc == E_CONFLICT) {
		form_errors_add(errs, "name", pool_printf(req->pool,
			"There is already an organisation called %s in this partnership", name));
		return 1;
	}
	if (rc == E_INVAL) { /* only control characters get this far */
		form_errors_add(errs, "name", "Name and identifier must not contain control characters");
		return 1;
	}
	return 0;
}

void organisation_new_form(struct request *req, struct response *res)
{
	form_page(req, res, NULL, &(struct org_form){0}, NULL);
}

/* The organisation named by the URL, in the user's partnership; answers
 * 404 (or the store's error) and returns 0 when there is none. */
static int load(struct request *req, struct response *res, struct organisation *o)
{
	enum err rc = organisation_get(req->db, req->pool, req->user->partnership_id,
				       request_id(req, "id"), o);
	return respond_store_ok(req, res, rc);
}

/* Adds (o NULL) or changes o as the form says: the form again with its
 * errors, else the list or the organisation's page with a banner. */
static void save(struct request *req, struct response *res, const struct organisation *o)
{
	struct org_form f;
	struct form_errors errs = {0};
	const char *name, *ident;
	enum err rc = E_OK;
	read_form(req, &f);
	if (!check_form(req, &f, &errs, &name, &ident)) {
		struct actor a;
		int64_t pid = req->user->partnership_id;
		app_actor(req, &a);
		rc = o ? organisation_update(req->db, &a, pid, o->id, name, f.type, f.role, ident)
		       : organisation_add(req->db, &a, pid, name, f.type, f.role, ident, NULL);
		store_form_error(req, rc, name, &errs);
	}
	if (errs.n) {
		form_page(req, res, o, &f, &errs);
		return;
	}
	respond_after_write(req, res, rc,
			    o ? org_href(req->pool, o->id, "?done=changed") : "/organisations?done=added");
}

void organisation_create(struct request *req, struct response *res)
{
	save(req, res, NULL);
}

void organisation_edit_form(struct request *req, struct response *res)
{
	struct organisation o;
	if (!load(req, res, &o))
		return;
	struct org_form f = {o.name, o.type, o.role, o.identifier};
	form_page(req, res, &o, &f, NULL);
}

void organisation_edit(struct request *req, struct response *res)
{
	struct organisation o;
	if (load(req, res, &o))
		save(req, res, &o);
}

/* ---- One organisation ---- */

/* The board names of seats, each once (seats come by board name), for a
 * message: "A, B and C", the first SEATS_NAMED then "and N more". */
#define SEATS_NAMED 10
static const char *board_names(struct pool *pool, const struct organisation_ties *t)
{
	const char *s = "";
	size_t named = 0, more = 0;
	for (size_t i = 0; s && i < t->nseats; i++) {
		if (i && t->seats[i].board_id == t->seats[i - 1].board_id)
			continue;
		if (named == SEATS_NAMED) {
			more++;
			continue;
		}
		s = pool_printf(pool, "%s%s%s", s, named ? ", " : "", t->seats[i].board_name);
		named++;
	}
	return s && more ? pool_printf(pool, "%s and %zu more", s, more) : s;
}

/* Why retiring was refused, as the error summary's entries: each tie
 * named, linking to where the page shows it. */
static void ties_errors(struct request *req, const struct organisation *o,
			const struct organisation_ties *t, struct form_errors *errs)
{
	if (t->nseats)
		form_errors_add(errs, "boards", pool_printf(req->pool,
			"%s cannot be retired while it sits on boards or groups. Remove it from these "
			"boards first: %s", o->name, board_names(req->pool, t)));
	if (t->people)
		form_errors_add(errs, "people", pool_printf(req->pool,
			"%s cannot be retired while people act for it. Move or disable these people "
			"first: %lld %s", o->name, (long long)t->people,
			t->people == 1 ? "person who acts for it as a provider"
				       : "people who act for it as providers"));
	if (!errs->n) /* ended since the refusal: try again */
		form_errors_add(errs, "retire", pool_printf(req->pool,
			"%s could not be retired: try again", o->name));
}

/* The boards and groups it sits on, and the people who act for it. */
static void ties_section(struct request *req, struct html *h, const struct organisation_ties *t)
{
	html_lit(h, "<h2 class=\"govuk-heading-m\" id=\"boards\">Boards and groups</h2>\n");
	if (!t->nseats) {
		html_lit(h, "<p class=\"govuk-body\">It does not sit on any board or group.</p>\n");
	} else {
		const struct govuk_cell head[] = {{.text = "Board or group"}, {.text = "Position"}};
		govuk_table_begin(h, &(struct govuk_table){
			.caption = "The boards and groups it sits on, and its position on each",
			.caption_class = "govuk-visually-hidden", .head = head, .ncols = 2});
		for (size_t i = 0; i < t->nseats; i++) {
			const struct organisation_seat *s = &t->seats[i];
			const struct govuk_cell row[] = {
				{.text = s->board_retired_at ? pool_printf(req->pool, "%s (retired)", s->board_name)
							     : s->board_name,
				 .href = pool_printf(req->pool, "/boards/%lld#members", (long long)s->board_id)},
				{.text = s->position},
			};
			govuk_table_row(h, row, 2);
		}
		govuk_table_end(h);
	}
	if (t->people) {
		html_lit(h, "<h2 class=\"govuk-heading-m\" id=\"people\">People</h2>\n<p class=\"govuk-body\">");
		html_text(h, pool_printf(req->pool, "%lld %s.", (long long)t->people,
					 t->people == 1 ? "person acts for it as a provider"
						        : "people act for it as providers"));
		if (permission_allows(req->user->role, RES_USERS, ACT_READ))
			html_lit(h, " <a class=\"govuk-link\" href=\"/users\">Manage people</a>");
		html_lit(h, "</p>\n");
	}
}

/* The page; refused 1 when retiring it was just refused (status 409, the
 * ties to end first in the error summary). */
static void show_page(struct request *req, struct response *res, const struct organisation *o,
		      int refused)
{
	struct organisation_ties ties;
	enum err rc = organisation_ties(req->db, req->pool, req->user->partnership_id, o->id, &ties);
	if (!respond_store_ok(req, res, rc))
		return;
	struct form_errors errs = {0};
	if (refused)
		ties_errors(req, o, &ties, &errs);
	int w = structure_can_write(req);
	const char *self = org_href(req->pool, o->id, "");
	const char *edit = org_href(req->pool, o->id, "/edit");
	struct crumb crumbs[] = {{"Home", "/"}, list_crumb, {o->name, NULL}};
	struct page pg = {.title = o->name, .nav_active = "/organisations", .crumbs = crumbs, .ncrumbs = 3,
			  .error = refused};
	struct html h;
	respond_page_begin(req, res, &h, &pg);
	if (refused)
		res->status = 409;
	html_lit(&h, "<div class=\"govuk-grid-row\">\n<div class=\"govuk-grid-column-two-thirds\">\n");
	govuk_error_summary(&h, &errs);
	if (!refused)
		structure_done_banner(req, &h, "Organisation", NULL, 0);
	html_lit(&h, "<span class=\"govuk-caption-l\">Partner organisation</span>\n<h1 class=\"govuk-heading-l\">");
	html_text(&h, o->name);
	html_lit(&h, "</h1>\n");
	if (o->retired_at) {
		html_lit(&h, "<p class=\"govuk-body\">");
		govuk_tag(&h, "Retired", GOVUK_TAG_GREY);
		html_lit(&h, "</p>\n");
	}
	struct govuk_summary_row rows[] = {
		{.key = "Name", .value = o->name, .action_href = w ? pool_printf(req->pool, "%s#name", edit) : NULL,
		 .action_hidden = "name"},
		{.key = "Type", .value = organisation_type_label(o->type),
		 .action_href = w ? pool_printf(req->pool, "%s#type", edit) : NULL, .action_hidden = "type"},
		{.key = "Role", .value = organisation_role_label(o->role),
		 .action_href = w ? pool_printf(req->pool, "%s#role", edit) : NULL, .action_hidden = "role"},
		{.key = "Identifier", .value = o->identifier ? o->identifier : "Not given",
		 .action_href = w ? pool_printf(req->pool, "%s#identifier", edit) : NULL,
		 .action_hidden = "identifier"},
		{.key = "Status", .value = structure_status(req->pool, o->retired_at)},
	};
	govuk_summary_list(&h, &(struct govuk_summary_list){.rows = rows, .nrows = NELEM(rows)});
	ties_section(req, &h, &ties);
	if (w) {
		html_lit(&h, "<div id=\"retire\">\n");
		structure_retire_form(req, res, &h, self, "organisation", o->retired_at != NULL);
		html_lit(&h, "</div>\n");
	}
	html_lit(&h, "</div>\n</div>\n");
	respond_page_end(res, &h, &pg);
}

void organisation_show(struct request *req, struct response *res)
{
	struct organisation o;
	if (load(req, res, &o))
		show_page(req, res, &o, 0);
}

static void set_retired(struct request *req, struct response *res, int retired)
{
	struct organisation o;
	if (!load(req, res, &o))
		return;
	struct actor a;
	app_actor(req, &a);
	enum err rc = organisation_set_retired(req->db, &a, req->user->partnership_id, o.id, retired);
	if (rc == E_CONFLICT && retired) { /* it still has ties: say which */
		show_page(req, res, &o, 1);
		return;
	}
	respond_after_write(req, res, rc,
			    org_href(req->pool, o.id, retired ? "?done=retired" : "?done=reinstated"));
}

void organisation_retire(struct request *req, struct response *res)
{
	set_retired(req, res, 1);
}

void organisation_reinstate(struct request *req, struct response *res)
{
	set_retired(req, res, 0);
}

/* ---- Import ---- */

static const struct structure_import_column org_columns[] = {
	{.name = "name", .text = "The organisation's name, different from every other in the partnership"},
	{.name = "type", .codes = &organisation_type_table, .ncodes = &organisation_type_count},
	{.name = "role", .codes = &organisation_role_table, .ncodes = &organisation_role_count},
	{.name = "identifier", .text = "Companies House or charity number, if it has one; may be left empty"},
};

static const struct structure_import org_import = {
	.path = "/organisations/import",
	.list_href = "/organisations",
	.list_title = "Partner organisations",
	.title = "Import organisations from a CSV file",
	.one = "organisation",
	.many = "organisations",
	.optional = "The identifier column is optional.",
	.columns = org_columns,
	.ncolumns = NELEM(org_columns),
	.run = import_organisations,
};

void organisations_import_form(struct request *req, struct response *res)
{
	structure_import_form(req, res, &org_import);
}

void organisations_import(struct request *req, struct response *res)
{
	structure_import_post(req, res, &org_import);
}

/* ---- JSON API ---- */

static json_t *org_json(const struct organisation *o)
{
	json_t *j = json_object();
	if (!j)
		return NULL;
	json_object_set_new(j, "id", json_integer(o->id));
	json_object_set_new(j, "name", json_string(o->name));
	json_object_set_new(j, "type", json_string(o->type));
	json_object_set_new(j, "type_label", json_string(organisation_type_label(o->type)));
	json_object_set_new(j, "role", json_string(o->role));
	json_object_set_new(j, "identifier", o->identifier ? json_string(o->identifier) : json_null());
	json_object_set_new(j, "retired", json_boolean(o->retired_at != NULL));
	json_object_set_new(j, "retired_at", o->retired_at ? json_string(o->retired_at) : json_null());
	return j;
}

void api_organisations(struct request *req, struct response *res)
{
	const char *type = params_get(&req->query, "type");
	const char *role = params_get(&req->query, "role");
	int include_retired;
	struct structure_api_page page;
	if (!structure_api_code(req, res, "type", type, organisation_type_table, organisation_type_count) ||
	    !structure_api_code(req, res, "role", role, organisation_role_table, organisation_role_count) ||
	    (include_retired = structure_api_include_retired(req, res)) < 0 ||
	    !structure_api_paging(req, res, &page))
		return;
	struct organisation_query oq = {.q = params_get(&req->query, "q"), .type = type, .role = role,
					.include_retired = include_retired, .offset = page.offset,
					.limit = page.limit};
	struct organisation *orgs = NULL;
	size_t n = 0, total = 0;
	enum err rc = organisation_search(req->db, req->pool, req->user->partnership_id, &oq, &orgs,
					  &n, &total);
	if (rc) {
		structure_api_error(req, res, rc);
		return;
	}
	json_t *data = json_array();
	for (size_t i = 0; data && i < n; i++)
		if (json_array_append_new(data, org_json(&orgs[i]))) {
			json_decref(data);
			data = NULL;
		}
	structure_api_list(res, data, total, &page);
}
