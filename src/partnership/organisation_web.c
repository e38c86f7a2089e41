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
 * The type and role codes are listed here in the order people choose
 * from; their labels come from the store's one table, and a test checks
 * that every code listed here is one the store knows.
 */
#include "partnership/partnership_web.h"

#include <jansson.h>
#include <string.h>

#include "audit/audit.h"
#include "auth/auth.h"
#include "core/pool.h"
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

static const char *const org_types[] = {
	"county_council", "unitary_council", "district_council", "nhs", "school",
	"police", "voluntary", "private", "other",
};

static const struct {
	const char *code;
	const char *hint;
} org_roles[] = {
	{"commissioner", "Plans and pays for services"},
	{"provider", "Runs services"},
	{"both", NULL},
};

static const struct code_label done_messages[] = {
	{"added", "Organisation added"},
	{"changed", "Organisation details changed"},
	{"retired", "Organisation retired"},
	{"reinstated", "Organisation reinstated"},
};

static const struct crumb list_crumb = {"Partner organisations", "/organisations"};

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

static void search_form(struct html *h, const char *q, const char *type, const char *role,
			int include_retired)
{
	struct govuk_option types[NELEM(org_types) + 1] = {{"", "Any type", 0}};
	for (size_t i = 0; i < NELEM(org_types); i++)
		types[i + 1] = (struct govuk_option){org_types[i], organisation_type_label(org_types[i]), 0};
	struct govuk_option roles[NELEM(org_roles) + 1] = {{"", "Any role", 0}};
	for (size_t i = 0; i < NELEM(org_roles); i++)
		roles[i + 1] = (struct govuk_option){org_roles[i].code,
						     organisation_role_label(org_roles[i].code), 0};
	html_lit(h, "<form method=\"get\" action=\"/organisations\" novalidate>\n"
		    "<h2 class=\"govuk-heading-m\">Search</h2>\n");
	govuk_input(h, &(struct govuk_input){.name = "q", .label = "Name or identifier", .value = q,
					     .type = "search", .classes = "govuk-!-width-two-thirds",
					     .spellcheck_off = 1});
	govuk_select(h, &(struct govuk_select){.name = "type", .label = "Type", .value = type,
					       .options = types, .noptions = NELEM(types)});
	govuk_select(h, &(struct govuk_select){.name = "role", .label = "Role", .value = role,
					       .options = roles, .noptions = NELEM(roles)});
	struct govuk_choice retired = {.value = "true", .text = "Include retired organisations",
				       .checked = include_retired};
	govuk_checkboxes(h, &(struct govuk_choices){.name = "include_retired", .items = &retired,
						    .nitems = 1, .classes = "govuk-checkboxes--small"});
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
		html_url(h, "href", pool_printf(req->pool, "/organisations/%lld", (long long)o[i].id));
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
	if (rc) {
		respond_store_error(req, res, rc);
		return;
	}
	long pages = (long)((total + STRUCTURE_PAGE_SIZE - 1) / STRUCTURE_PAGE_SIZE);

	struct crumb crumbs[] = {{"Home", "/"}, {list_crumb.text, NULL}};
	struct page pg = {.title = "Partner organisations", .nav_active = "/organisations",
			  .crumbs = crumbs, .ncrumbs = 2};
	struct html h;
	respond_page_begin(req, res, &h, &pg);
	structure_done_banner(req, &h, done_messages, NELEM(done_messages));
	structure_import_banner(req, &h, &org_import);
	html_lit(&h, "<h1 class=\"govuk-heading-l\">Partner organisations</h1>\n"
		     "<p class=\"govuk-body\">The councils, NHS bodies, schools, police and other organisations "
		     "that commission or provide children's services in this partnership.</p>\n");
	if (structure_can_write(req)) {
		html_lit(&h, "<div class=\"govuk-button-group\">\n");
		govuk_button(&h, &(struct govuk_button){.text = "Add an organisation", .href = "/organisations/new"});
		govuk_button(&h, &(struct govuk_button){.text = "Import from CSV", .href = "/organisations/import",
							.variant = GOVUK_BUTTON_SECONDARY});
		html_lit(&h, "</div>\n");
	}
	html_lit(&h, "<div class=\"govuk-grid-row\">\n<div class=\"govuk-grid-column-one-third\">\n");
	search_form(&h, q, type, role, include_retired);
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

/* The form page: id 0 adds, else changes o (the stored record). */
static void form_page(struct request *req, struct response *res, const struct organisation *o,
		      const struct org_form *f, const struct form_errors *errs)
{
	int64_t id = o ? o->id : 0;
	const char *title = id ? "Change organisation details" : "Add a partner organisation";
	const char *self = id ? pool_printf(req->pool, "/organisations/%lld", (long long)id) : NULL;
	struct crumb crumbs[4] = {{"Home", "/"}, list_crumb};
	size_t nc = 2;
	if (id)
		crumbs[nc++] = (struct crumb){o->name, self};
	crumbs[nc++] = (struct crumb){id ? "Change" : "Add", NULL};
	struct page pg = {.title = title, .nav_active = "/organisations", .crumbs = crumbs,
			  .ncrumbs = nc, .error = errs && errs->n};
	struct html h;
	respond_page_begin(req, res, &h, &pg);
	if (errs && errs->n)
		res->status = 400;

	struct govuk_choice types[NELEM(org_types)];
	for (size_t i = 0; i < NELEM(org_types); i++)
		types[i] = (struct govuk_choice){.value = org_types[i],
						 .text = organisation_type_label(org_types[i])};
	struct govuk_choice roles[NELEM(org_roles)];
	for (size_t i = 0; i < NELEM(org_roles); i++)
		roles[i] = (struct govuk_choice){.value = org_roles[i].code,
						 .text = organisation_role_label(org_roles[i].code),
						 .hint = org_roles[i].hint};

	html_lit(&h, "<div class=\"govuk-grid-row\">\n<div class=\"govuk-grid-column-two-thirds\">\n");
	govuk_error_summary(&h, errs);
	if (id) {
		html_lit(&h, "<span class=\"govuk-caption-l\">");
		html_text(&h, o->name);
		html_lit(&h, "</span>\n");
	}
	html_lit(&h, "<h1 class=\"govuk-heading-l\">");
	html_text(&h, title);
	html_lit(&h, "</h1>\n<form method=\"post\" novalidate");
	html_url(&h, "action", id ? pool_printf(req->pool, "%s/edit", self) : "/organisations/new");
	html_lit(&h, ">\n");
	respond_csrf_field(req, res, &h);
	govuk_input(&h, &(struct govuk_input){.name = "name", .label = "Name", .label_class = "govuk-label--s",
					      .value = f->name, .error = form_error_for(errs, "name"),
					      .autocomplete = "organization"});
	govuk_radios(&h, &(struct govuk_choices){.name = "type", .legend = "Type of organisation",
						 .legend_class = "govuk-fieldset__legend--s",
						 .value = f->type, .items = types, .nitems = NELEM(types),
						 .error = form_error_for(errs, "type")});
	govuk_radios(&h, &(struct govuk_choices){.name = "role", .legend = "Does it commission or provide services?",
						 .legend_class = "govuk-fieldset__legend--s",
						 .value = f->role, .items = roles, .nitems = NELEM(roles),
						 .error = form_error_for(errs, "role")});
	govuk_input(&h, &(struct govuk_input){.name = "identifier", .label = "Identifier (optional)",
					      .label_class = "govuk-label--s",
					      .hint = "Companies House or charity number, if it has one",
					      .value = f->identifier, .classes = "govuk-input--width-20",
					      .spellcheck_off = 1, .error = form_error_for(errs, "identifier")});
	html_lit(&h, "<div class=\"govuk-button-group\">\n");
	govuk_button(&h, &(struct govuk_button){.text = id ? "Save changes" : "Add organisation",
						.prevent_double_click = 1});
	html_lit(&h, "<a class=\"govuk-link\"");
	html_url(&h, "href", id ? self : "/organisations");
	html_lit(&h, ">Cancel</a>\n</div>\n</form>\n</div>\n</div>\n");
	respond_page_end(res, &h, &pg);
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
	*name = structure_field(req, "name");
	*ident = structure_field(req, "identifier");
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

void organisation_create(struct request *req, struct response *res)
{
	struct org_form f;
	struct form_errors errs = {0};
	const char *name, *ident;
	read_form(req, &f);
	if (check_form(req, &f, &errs, &name, &ident)) {
		form_page(req, res, NULL, &f, &errs);
		return;
	}
	struct actor a;
	app_actor(req, &a);
	enum err rc = organisation_add(req->db, &a, req->user->partnership_id, name, f.type, f.role,
				       ident, NULL);
	if (store_form_error(req, rc, name, &errs)) {
		form_page(req, res, NULL, &f, &errs);
		return;
	}
	if (rc) {
		respond_store_error(req, res, rc);
		return;
	}
	respond_redirect(req, res, "/organisations?done=added");
}

/* The organisation named by the URL, in the user's partnership; answers
 * 404 (or the store's error) and returns 0 when there is none. */
static int load(struct request *req, struct response *res, struct organisation *o)
{
	enum err rc = organisation_get(req->db, req->pool, req->user->partnership_id,
				       request_id(req, "id"), o);
	if (rc)
		respond_store_error(req, res, rc);
	return rc == E_OK;
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
	if (!load(req, res, &o))
		return;
	struct org_form f;
	struct form_errors errs = {0};
	const char *name, *ident;
	read_form(req, &f);
	if (check_form(req, &f, &errs, &name, &ident)) {
		form_page(req, res, &o, &f, &errs);
		return;
	}
	struct actor a;
	app_actor(req, &a);
	enum err rc = organisation_update(req->db, &a, req->user->partnership_id, o.id, name, f.type,
					  f.role, ident);
	if (store_form_error(req, rc, name, &errs)) {
		form_page(req, res, &o, &f, &errs);
		return;
	}
	if (rc) {
		respond_store_error(req, res, rc);
		return;
	}
	respond_redirect(req, res, pool_printf(req->pool, "/organisations/%lld?done=changed", (long long)o.id));
}

/* ---- One organisation ---- */

void organisation_show(struct request *req, struct response *res)
{
	struct organisation o;
	if (!load(req, res, &o))
		return;
	int w = structure_can_write(req);
	const char *self = pool_printf(req->pool, "/organisations/%lld", (long long)o.id);
	const char *edit = pool_printf(req->pool, "%s/edit", self);
	struct crumb crumbs[] = {{"Home", "/"}, list_crumb, {o.name, NULL}};
	struct page pg = {.title = o.name, .nav_active = "/organisations", .crumbs = crumbs, .ncrumbs = 3};
	struct html h;
	respond_page_begin(req, res, &h, &pg);
	structure_done_banner(req, &h, done_messages, NELEM(done_messages));
	html_lit(&h, "<div class=\"govuk-grid-row\">\n<div class=\"govuk-grid-column-two-thirds\">\n"
		     "<span class=\"govuk-caption-l\">Partner organisation</span>\n<h1 class=\"govuk-heading-l\">");
	html_text(&h, o.name);
	html_lit(&h, "</h1>\n");
	if (o.retired_at) {
		html_lit(&h, "<p class=\"govuk-body\">");
		govuk_tag(&h, "Retired", GOVUK_TAG_GREY);
		html_lit(&h, "</p>\n");
	}
	struct govuk_summary_row rows[] = {
		{.key = "Name", .value = o.name, .action_href = w ? pool_printf(req->pool, "%s#name", edit) : NULL,
		 .action_hidden = "name"},
		{.key = "Type", .value = organisation_type_label(o.type),
		 .action_href = w ? pool_printf(req->pool, "%s#type", edit) : NULL, .action_hidden = "type"},
		{.key = "Role", .value = organisation_role_label(o.role),
		 .action_href = w ? pool_printf(req->pool, "%s#role", edit) : NULL, .action_hidden = "role"},
		{.key = "Identifier", .value = o.identifier ? o.identifier : "Not given",
		 .action_href = w ? pool_printf(req->pool, "%s#identifier", edit) : NULL,
		 .action_hidden = "identifier"},
		{.key = "Status",
		 .value = o.retired_at ? pool_printf(req->pool, "Retired on %s", structure_date(req->pool, o.retired_at))
				       : "Current"},
	};
	govuk_summary_list(&h, &(struct govuk_summary_list){.rows = rows, .nrows = NELEM(rows)});
	if (w)
		structure_retire_form(req, res, &h, self, "organisation", o.retired_at != NULL);
	html_lit(&h, "</div>\n</div>\n");
	respond_page_end(res, &h, &pg);
}

static void set_retired(struct request *req, struct response *res, int retired)
{
	int64_t id = request_id(req, "id");
	struct actor a;
	app_actor(req, &a);
	enum err rc = organisation_set_retired(req->db, &a, req->user->partnership_id, id, retired);
	if (rc) {
		respond_store_error(req, res, rc);
		return;
	}
	respond_redirect(req, res, pool_printf(req->pool, "/organisations/%lld?done=%s", (long long)id,
					       retired ? "retired" : "reinstated"));
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

static void import_explain(struct html *h)
{
	html_lit(h, "<h2 class=\"govuk-heading-m\">What the file must contain</h2>\n"
		    "<p class=\"govuk-body\">The first line names the columns:</p>\n"
		    "<pre class=\"govuk-body govuk-!-font-weight-bold\">name,type,role,identifier</pre>\n"
		    "<p class=\"govuk-body\">The identifier column is optional. Then one line for each organisation.</p>\n"
		    "<dl class=\"govuk-summary-list\">\n");
	html_lit(h, "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">name</dt>"
		    "<dd class=\"govuk-summary-list__value\">The organisation's name, different from every other in the partnership</dd></div>\n"
		    "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">type</dt>"
		    "<dd class=\"govuk-summary-list__value\"><ul class=\"govuk-list\">\n");
	for (size_t i = 0; i < NELEM(org_types); i++) {
		html_lit(h, "<li><code>");
		html_text(h, org_types[i]);
		html_lit(h, "</code> – ");
		html_text(h, organisation_type_label(org_types[i]));
		html_lit(h, "</li>\n");
	}
	html_lit(h, "</ul></dd></div>\n<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">role</dt>"
		    "<dd class=\"govuk-summary-list__value\"><ul class=\"govuk-list\">\n");
	for (size_t i = 0; i < NELEM(org_roles); i++) {
		html_lit(h, "<li><code>");
		html_text(h, org_roles[i].code);
		html_lit(h, "</code> – ");
		html_text(h, organisation_role_label(org_roles[i].code));
		html_lit(h, "</li>\n");
	}
	html_lit(h, "</ul></dd></div>\n<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">identifier</dt>"
		    "<dd class=\"govuk-summary-list__value\">Companies House or charity number, if it has one; may be left empty</dd></div>\n"
		    "</dl>\n");
}

static const struct structure_import org_import = {
	.path = "/organisations/import",
	.list_href = "/organisations",
	.list_title = "Partner organisations",
	.title = "Import organisations from a CSV file",
	.one = "organisation",
	.many = "organisations",
	.explain = import_explain,
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
	const char *ir = params_get(&req->query, "include_retired");
	if (type && *type && !organisation_type_valid(type)) {
		respond_error(req, res, 400, "type must be one of county_council, unitary_council, district_council, "
					     "nhs, school, police, voluntary, private, other");
		return;
	}
	if (role && *role && !organisation_role_valid(role)) {
		respond_error(req, res, 400, "role must be one of commissioner, provider, both");
		return;
	}
	if (ir && strcmp(ir, "true") != 0 && strcmp(ir, "false") != 0) {
		respond_error(req, res, 400, "include_retired must be true or false");
		return;
	}
	struct organisation_query oq = {.q = params_get(&req->query, "q"), .type = type, .role = role,
					.include_retired = structure_include_retired(req)};
	struct organisation *orgs = NULL;
	size_t n = 0, total = 0;
	enum err rc = organisation_search(req->db, req->pool, req->user->partnership_id, &oq, &orgs,
					  &n, &total);
	if (rc == E_INVAL) {
		respond_error(req, res, 400, "q must be at most 255 characters, without control characters");
		return;
	}
	if (rc) {
		respond_store_error(req, res, rc);
		return;
	}
	json_t *data = json_array();
	for (size_t i = 0; data && i < n; i++)
		if (json_array_append_new(data, org_json(&orgs[i]))) {
			json_decref(data);
			data = NULL;
		}
	json_t *j = data ? json_object() : NULL;
	if (j) {
		json_object_set_new(j, "data", data);
		json_object_set_new(j, "total", json_integer((json_int_t)total));
	} else {
		json_decref(data);
	}
	respond_json(res, 200, j);
}
