/*
 * area_web.c: the areas pages (a tree: county > district > locality >
 * ward) and their JSON API.
 *
 * The list is the store's tree order, each name indented by its depth
 * with GOV.UK spacing classes (no CSS of our own); a "Part of" column says
 * the same thing in words, so the structure does not depend on seeing the
 * indentation.  The whole tree is one page: a partnership has tens or
 * hundreds of areas, not thousands, and the store bounds it.
 *
 * As for organisations, the form is checked field by field before the
 * store sees it; the store is the authority on the rules that need the
 * database (a name taken, a parent of the wrong level, an area that still
 * has areas within it), and its refusals are turned into messages that
 * name the rule.  Every store call is scoped to the user's partnership.
 * The type codes, labels and levels are the store's table (area.h); this
 * file adds only the words beside them.
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
#include "partnership/area.h"
#include "partnership/import.h"
#include "partnership/partnership.h"
#include "partnership/structure_web.h"
#include "web/app.h"
#include "web/respond.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* The largest population accepted: import.c's limit, so a form and a file
 * accept the same numbers. */
#define POPULATION_MAX AREA_POPULATION_MAX

/* What each type of area is (code -> hint). */
static const struct code_label type_hints[] = {
	{"county", "A county or unitary authority's whole area"},
	{"district", "A district council's area"},
	{"locality", "A town or a group of wards served together"},
	{"ward", "An electoral ward"},
};

/* The level rule, for a parent the store refuses (code -> rule). */
static const struct code_label parent_rules[] = {
	{"county", "A county cannot sit under another area: choose None – top level"},
	{"district", "A district must sit under a county, or at the top level"},
	{"locality", "A locality must sit under a county or district, or at the top level"},
	{"ward", "A ward must sit under a county, district or locality, or at the top level"},
};

static const struct crumb list_crumb = {"Areas", "/areas"};

static const char *area_href(struct pool *pool, int64_t id, const char *suffix)
{
	return pool_printf(pool, "/areas/%lld%s", (long long)id, suffix);
}

static const char *type_hint(const char *type)
{
	return code_label_find(type_hints, NELEM(type_hints), type);
}

/* 12500 -> "12,500". */
static const char *with_commas(struct pool *pool, int64_t v)
{
	char digits[24], out[32];
	int n = 0, k = 0;
	if (v < 0)
		return NULL;
	do {
		digits[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v && n < (int)sizeof digits);
	while (n) {
		out[k++] = digits[--n];
		if (n && n % 3 == 0)
			out[k++] = ',';
	}
	out[k] = '\0';
	return pool_strdup(pool, out);
}

static const char *population_text(struct pool *pool, int64_t v)
{
	return v < 0 ? "Not known" : with_commas(pool, v);
}

static const char *decile_text(struct pool *pool, int d)
{
	if (d < 1 || d > 10)
		return "Not known";
	if (area_is_deprived(d))
		return pool_printf(pool, "%d – deprived (among the most deprived 20%% of areas in England)", d);
	return pool_printf(pool, "%d", d);
}

/* ---- The list ---- */

/* The name cell's indentation by depth: GOV.UK spacing units 0, 4, 7, 9
 * (0, 20, 40, 60 pixels). */
static void name_cell_open(struct html *h, int depth)
{
	switch (depth) {
	case 0:
		html_lit(h, "<td class=\"govuk-table__cell\">");
		break;
	case 1:
		html_lit(h, "<td class=\"govuk-table__cell govuk-!-padding-left-4\">");
		break;
	case 2:
		html_lit(h, "<td class=\"govuk-table__cell govuk-!-padding-left-7\">");
		break;
	default:
		html_lit(h, "<td class=\"govuk-table__cell govuk-!-padding-left-9\">");
		break;
	}
}

static void area_table(struct request *req, struct html *h, const struct area *a, size_t n,
		       int include_retired)
{
	html_lit(h, "<table class=\"govuk-table\">\n"
		    "<caption class=\"govuk-table__caption govuk-visually-hidden\">Areas, each under the area it is part of</caption>\n"
		    "<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">"
		    "<th scope=\"col\" class=\"govuk-table__header\">Name</th>"
		    "<th scope=\"col\" class=\"govuk-table__header\">Type</th>"
		    "<th scope=\"col\" class=\"govuk-table__header\">Part of</th>"
		    "<th scope=\"col\" class=\"govuk-table__header govuk-table__header--numeric\">Population aged 0 to 19</th>"
		    "<th scope=\"col\" class=\"govuk-table__header govuk-table__header--numeric\">IMD decile</th>");
	if (include_retired)
		html_lit(h, "<th scope=\"col\" class=\"govuk-table__header\">Status</th>");
	html_lit(h, "</tr></thead>\n<tbody class=\"govuk-table__body\">\n");
	for (size_t i = 0; i < n; i++) {
		html_lit(h, "<tr class=\"govuk-table__row\">");
		name_cell_open(h, a[i].depth);
		html_lit(h, "<a class=\"govuk-link\"");
		html_url(h, "href", area_href(req->pool, a[i].id, ""));
		html_lit(h, ">");
		html_text(h, a[i].name);
		html_lit(h, "</a></td><td class=\"govuk-table__cell\">");
		html_text(h, area_type_label(a[i].type));
		html_lit(h, "</td><td class=\"govuk-table__cell\">");
		html_text(h, a[i].parent_name);
		html_lit(h, "</td><td class=\"govuk-table__cell govuk-table__cell--numeric\">");
		if (a[i].population_0_19 >= 0)
			html_text(h, with_commas(req->pool, a[i].population_0_19));
		html_lit(h, "</td><td class=\"govuk-table__cell govuk-table__cell--numeric\">");
		if (a[i].imd_decile >= 1 && a[i].imd_decile <= 10) {
			html_i64(h, a[i].imd_decile);
			if (area_is_deprived(a[i].imd_decile)) {
				html_lit(h, " ");
				govuk_tag(h, "Deprived", GOVUK_TAG_ORANGE);
			}
		}
		html_lit(h, "</td>");
		if (include_retired) {
			html_lit(h, "<td class=\"govuk-table__cell\">");
			if (a[i].retired_at)
				govuk_tag(h, "Retired", GOVUK_TAG_GREY);
			html_lit(h, "</td>");
		}
		html_lit(h, "</tr>\n");
	}
	html_lit(h, "</tbody>\n</table>\n");
}

static const struct structure_import area_import;

void areas_list(struct request *req, struct response *res)
{
	const char *q = params_get(&req->query, "q");
	int include_retired = structure_include_retired(req);
	struct area *areas = NULL;
	size_t n = 0;
	enum err rc = area_list(req->db, req->pool, req->user->partnership_id, include_retired, q,
				&areas, &n);
	if (rc == E_INVAL) { /* words the store cannot search for */
		q = NULL;
		rc = area_list(req->db, req->pool, req->user->partnership_id, include_retired, NULL,
			       &areas, &n);
	}
	if (!respond_store_ok(req, res, rc))
		return;
	size_t deprived = 0;
	for (size_t i = 0; i < n; i++)
		deprived += area_is_deprived(areas[i].imd_decile) && !areas[i].retired_at;

	struct crumb crumbs[] = {{"Home", "/"}, {list_crumb.text, NULL}};
	struct page pg = {.title = "Areas", .nav_active = "/areas", .crumbs = crumbs, .ncrumbs = 2};
	struct html h;
	respond_page_begin(req, res, &h, &pg);
	structure_done_banner(req, &h, "Area", NULL, 0);
	structure_import_banner(req, &h, &area_import);
	html_lit(&h, "<h1 class=\"govuk-heading-l\">Areas</h1>\n"
		     "<p class=\"govuk-body\">The places this partnership serves: counties, districts, localities "
		     "and wards, each within the one above it. An area in the most deprived 20% of England "
		     "(index of multiple deprivation decile 1 or 2) is marked as deprived.</p>\n");
	structure_list_actions(req, &h, "Add an area", "/areas/new", "/areas/import");
	html_lit(&h, "<form method=\"get\" action=\"/areas\" novalidate>\n");
	govuk_input(&h, &(struct govuk_input){.name = "q", .label = "Search by name", .value = q,
					      .type = "search", .classes = "govuk-input--width-20",
					      .label_class = "govuk-label--s"});
	structure_retired_checkbox(&h, "Include retired areas", include_retired);
	govuk_button(&h, &(struct govuk_button){.text = "Search", .variant = GOVUK_BUTTON_SECONDARY});
	html_lit(&h, "</form>\n");
	if (n == 0) {
		html_lit(&h, "<p class=\"govuk-body\">No areas match your search.</p>\n");
	} else {
		html_lit(&h, "<p class=\"govuk-body\">");
		html_text(&h, pool_printf(req->pool, "%zu %s, of which %zu deprived", n, n == 1 ? "area" : "areas",
					  deprived));
		html_lit(&h, "</p>\n");
		area_table(req, &h, areas, n, include_retired);
	}
	respond_page_end(res, &h, &pg);
}

/* ---- Add and change ---- */

struct area_form {
	const char *name, *type, *parent, *population, *decile; /* as sent */
};

/* The parent choices: "None – top level", then the current areas in tree
 * order, leaving out self and the areas within it (which could never be
 * its parent).  keep (may be 0) is added if retired, so an edit shows the
 * parent the area has. */
static enum err parent_options(struct request *req, int64_t self, int64_t keep,
			       struct govuk_option **out, size_t *nout)
{
	struct area *all = NULL;
	size_t n = 0;
	enum err rc = area_list(req->db, req->pool, req->user->partnership_id, 0, NULL, &all, &n);
	if (rc)
		return rc;
	struct govuk_option *o = pool_alloc(req->pool, (n + 2) * sizeof *o);
	if (!o)
		return E_NOMEM;
	size_t k = 0;
	int kept = keep == 0;
	o[k++] = (struct govuk_option){"", "None – top level", 0};
	for (size_t i = 0; i < n; i++) {
		if (all[i].id == self) {
			int d = all[i].depth;
			while (i + 1 < n && all[i + 1].depth > d)
				i++;
			continue;
		}
		kept |= all[i].id == keep;
		o[k++] = (struct govuk_option){form_option_value(req->pool, all[i].id),
					       pool_printf(req->pool, "%s (%s)", all[i].name,
							   area_type_label(all[i].type)), 0};
	}
	if (!kept) {
		struct area p;
		if (area_get(req->db, req->pool, req->user->partnership_id, keep, &p) == E_OK)
			o[k++] = (struct govuk_option){form_option_value(req->pool, p.id),
						       pool_printf(req->pool, "%s (%s, retired)", p.name,
								   area_type_label(p.type)), 0};
	}
	*out = o;
	*nout = k;
	return E_OK;
}

/* The form page: a NULL adds, else changes a (the stored record). */
static void form_page(struct request *req, struct response *res, const struct area *a,
		      const struct area_form *f, const struct form_errors *errs)
{
	struct govuk_option *parents = NULL;
	size_t nparents = 0;
	enum err rc = parent_options(req, a ? a->id : 0, a ? a->parent_id : 0, &parents, &nparents);
	struct govuk_choice *types = structure_code_choices(req->pool, area_type_table, area_type_count,
							    type_hints, NELEM(type_hints));
	if (!rc && !types)
		rc = E_NOMEM;
	if (!respond_store_ok(req, res, rc))
		return;
	struct govuk_option deciles[11] = {{"", "Not known", 0}};
	for (int d = 1; d <= 10; d++)
		deciles[d] = (struct govuk_option){pool_printf(req->pool, "%d", d),
						   d == 1 ? "1 – most deprived" : d == 10 ? "10 – least deprived"
										   : pool_printf(req->pool, "%d", d), 0};
	const struct structure_form sf = {
		.list_text = list_crumb.text, .list_href = list_crumb.href,
		.title = a ? "Change area details" : "Add an area",
		.name = a ? a->name : NULL, .self = a ? area_href(req->pool, a->id, "") : NULL,
		.submit = "Add area", .errs = errs};
	struct html h;
	struct page pg;
	structure_form_begin(req, res, &h, &pg, &sf);
	govuk_input(&h, &(struct govuk_input){.name = "name", .label = "Name", .label_class = "govuk-label--s",
					      .value = f->name, .error = form_error_for(errs, "name")});
	govuk_radios(&h, &(struct govuk_choices){.name = "type", .legend = "Type of area",
						 .legend_class = "govuk-fieldset__legend--s",
						 .value = f->type, .items = types, .nitems = area_type_count,
						 .error = form_error_for(errs, "type")});
	govuk_select(&h, &(struct govuk_select){.name = "parent", .label = "Part of",
						.label_class = "govuk-label--s",
						.hint = "The larger area it sits within: a ward within a locality, "
							"district or county, for example",
						.value = f->parent, .options = parents, .noptions = nparents,
						.error = form_error_for(errs, "parent")});
	govuk_input(&h, &(struct govuk_input){.name = "population_0_19",
					      .label = "Population aged 0 to 19 (optional)",
					      .label_class = "govuk-label--s",
					      .hint = "Children and young people living in the area, for example 12500",
					      .value = f->population, .inputmode = "numeric",
					      .classes = "govuk-input--width-10", .spellcheck_off = 1,
					      .error = form_error_for(errs, "population_0_19")});
	govuk_select(&h, &(struct govuk_select){.name = "imd_decile", .label = "Index of multiple deprivation decile",
						.label_class = "govuk-label--s",
						.hint = "Decile 1 is the most deprived 10% of areas in England. "
							"Areas in decile 1 or 2 are marked as deprived.",
						.value = f->decile, .options = deciles, .noptions = NELEM(deciles),
						.error = form_error_for(errs, "imd_decile")});
	structure_form_end(res, &h, &pg, &sf);
}

static void read_form(struct request *req, struct area_form *f)
{
	f->name = params_get(&req->form, "name");
	f->type = params_get(&req->form, "type");
	f->parent = params_get(&req->form, "parent");
	f->population = params_get(&req->form, "population_0_19");
	f->decile = params_get(&req->form, "imd_decile");
}

/* What the form says, checked. */
struct area_fields {
	const char *name;
	int64_t parent_id;
	int64_t population;
	int decile;
};

/* A whole number of at most 18 digits (commas and spaces between digits
 * allowed, as people write them), else -1. */
static int64_t whole_number(const char *s)
{
	int64_t v = 0;
	int digits = 0;
	for (; *s; s++) {
		if (*s == ',' || *s == ' ')
			continue;
		if (*s < '0' || *s > '9' || ++digits > 18)
			return -1;
		v = v * 10 + (*s - '0');
	}
	return digits ? v : -1;
}

static size_t check_form(struct request *req, const struct area_form *f, struct form_errors *errs,
			 struct area_fields *out)
{
	out->name = form_text(req, "name");
	if (!*out->name)
		form_errors_add(errs, "name", "Enter the area's name");
	else if (strlen(out->name) > STORE_NAME_MAX)
		form_errors_add(errs, "name", "Name must be 255 characters or fewer");
	if (!area_type_valid(f->type))
		form_errors_add(errs, "type", "Select the type of area");
	out->parent_id = form_option_id(req, "parent");
	if (out->parent_id < 0)
		form_errors_add(errs, "parent", "Select the area it is part of from the list");
	const char *pop = form_text(req, "population_0_19");
	out->population = *pop ? whole_number(pop) : -1;
	if (*pop && out->population < 0)
		form_errors_add(errs, "population_0_19",
				"Population aged 0 to 19 must be a whole number, like 12500");
	else if (out->population > POPULATION_MAX)
		form_errors_add(errs, "population_0_19", "Population aged 0 to 19 must be 100,000,000 or fewer");
	int64_t d = form_option_id(req, "imd_decile");
	if (d < 0 || d > 10)
		form_errors_add(errs, "imd_decile", "Select the IMD decile from the list, or Not known");
	out->decile = (int)(d > 0 && d <= 10 ? d : 0);
	return errs->n;
}

/* The level rule a parent of type broke. */
static const char *parent_rule(const char *type)
{
	const char *rule = code_label_find(parent_rules, NELEM(parent_rules), type);
	return rule ? rule : "Select the area it is part of from the list";
}

/*
 * A store refusal as a form error; 0 when rc is not one a person can fix.
 * self is NULL when adding.  E_RANGE is the hierarchy's rule, broken either
 * by the parent (missing, retired, or not of a higher level) or, when a
 * change of type lowers the area, by the areas within it: the parent is
 * looked at again to say which.
 */
static int store_form_error(struct request *req, enum err rc, const struct area_form *f,
			    const struct area_fields *v, const struct area *self,
			    struct form_errors *errs)
{
	struct area parent;
	enum err prc;
	const char *order; /* the types, highest first */
	switch (rc) {
	case E_CONFLICT:
		form_errors_add(errs, "name", pool_printf(req->pool,
			"There is already an area called %s in this partnership", v->name));
		return 1;
	case E_RANGE:
		prc = v->parent_id ? area_get(req->db, req->pool, req->user->partnership_id, v->parent_id, &parent)
				   : E_NOTFOUND;
		if (v->parent_id && (prc != E_OK || (self && v->parent_id == self->id)))
			form_errors_add(errs, "parent", "Select the area it is part of from the list");
		else if (v->parent_id && parent.retired_at && (!self || self->parent_id != parent.id))
			form_errors_add(errs, "parent", pool_printf(req->pool,
				"%s is retired: choose an area that is current", parent.name));
		else if (!self || (v->parent_id && area_type_level(parent.type) >= area_type_level(f->type)))
			form_errors_add(errs, "parent", parent_rule(f->type));
		else if ((order = code_label_codes(req->pool, area_type_table, area_type_count, ", ")))
			form_errors_add(errs, "type", pool_printf(req->pool,
				"The areas within it must all sit below a %s (%s, highest first): move them "
				"or change their type first", f->type, order));
		else
			form_errors_add(errs, "type", "Change the type of the areas within it first");
		return 1;
	case E_INVAL: /* only control characters get this far */
		form_errors_add(errs, "name", "Name must not contain control characters");
		return 1;
	default:
		return 0;
	}
}

void area_new_form(struct request *req, struct response *res)
{
	form_page(req, res, NULL, &(struct area_form){0}, NULL);
}

/* The area named by the URL, in the user's partnership; answers 404 (or
 * the store's error) and returns 0 when there is none. */
static int load(struct request *req, struct response *res, struct area *a)
{
	enum err rc = area_get(req->db, req->pool, req->user->partnership_id, request_id(req, "id"), a);
	return respond_store_ok(req, res, rc);
}

/* Adds (a NULL) or changes a as the form says: the form again with its
 * errors, else the list or the area's page with a banner. */
static void save(struct request *req, struct response *res, const struct area *a)
{
	struct area_form f;
	struct area_fields v;
	struct form_errors errs = {0};
	enum err rc = E_OK;
	read_form(req, &f);
	if (!check_form(req, &f, &errs, &v)) {
		struct actor who;
		int64_t pid = req->user->partnership_id;
		app_actor(req, &who);
		rc = a ? area_update(req->db, &who, pid, a->id, v.name, f.type, v.parent_id, v.population,
				     v.decile)
		       : area_add(req->db, &who, pid, v.name, f.type, v.parent_id, v.population, v.decile,
				  NULL);
		store_form_error(req, rc, &f, &v, a, &errs);
	}
	if (errs.n) {
		form_page(req, res, a, &f, &errs);
		return;
	}
	respond_after_write(req, res, rc, a ? area_href(req->pool, a->id, "?done=changed") : "/areas?done=added");
}

void area_create(struct request *req, struct response *res)
{
	save(req, res, NULL);
}

void area_edit_form(struct request *req, struct response *res)
{
	struct area a;
	if (!load(req, res, &a))
		return;
	struct area_form f = {
		.name = a.name, .type = a.type,
		.parent = form_option_value(req->pool, a.parent_id),
		.population = a.population_0_19 >= 0 ? pool_printf(req->pool, "%lld", (long long)a.population_0_19) : "",
		.decile = a.imd_decile ? pool_printf(req->pool, "%d", a.imd_decile) : "",
	};
	form_page(req, res, &a, &f, NULL);
}

void area_edit(struct request *req, struct response *res)
{
	struct area a;
	if (load(req, res, &a))
		save(req, res, &a);
}

/* ---- One area ---- */

/* The page; retire_error says why retiring was refused (status 409). */
static void show_page(struct request *req, struct response *res, const struct area *a,
		      const char *retire_error)
{
	struct area *all = NULL;
	size_t n = 0;
	enum err rc = area_list(req->db, req->pool, req->user->partnership_id, 0, NULL, &all, &n);
	if (!respond_store_ok(req, res, rc))
		return;
	int w = structure_can_write(req);
	const char *self = area_href(req->pool, a->id, "");
	const char *edit = area_href(req->pool, a->id, "/edit");
	struct crumb crumbs[] = {{"Home", "/"}, list_crumb, {a->name, NULL}};
	struct page pg = {.title = a->name, .nav_active = "/areas", .crumbs = crumbs, .ncrumbs = 3,
			  .error = retire_error != NULL};
	struct html h;
	respond_page_begin(req, res, &h, &pg);
	struct form_errors errs = {0};
	if (retire_error) {
		res->status = 409;
		form_errors_add(&errs, "children", retire_error);
	}
	html_lit(&h, "<div class=\"govuk-grid-row\">\n<div class=\"govuk-grid-column-two-thirds\">\n");
	govuk_error_summary(&h, &errs);
	structure_done_banner(req, &h, "Area", NULL, 0);
	html_lit(&h, "<span class=\"govuk-caption-l\">");
	html_text(&h, area_type_label(a->type));
	html_lit(&h, "</span>\n<h1 class=\"govuk-heading-l\">");
	html_text(&h, a->name);
	html_lit(&h, "</h1>\n");
	if (a->retired_at || area_is_deprived(a->imd_decile)) {
		html_lit(&h, "<p class=\"govuk-body\">");
		if (a->retired_at)
			govuk_tag(&h, "Retired", GOVUK_TAG_GREY);
		if (a->retired_at && area_is_deprived(a->imd_decile))
			html_lit(&h, " ");
		if (area_is_deprived(a->imd_decile))
			govuk_tag(&h, "Deprived", GOVUK_TAG_ORANGE);
		html_lit(&h, "</p>\n");
	}
#define CHANGE(field) (w ? pool_printf(req->pool, "%s#%s", edit, field) : NULL)
	struct govuk_summary_row rows[] = {
		{.key = "Name", .value = a->name, .action_href = CHANGE("name"), .action_hidden = "name"},
		{.key = "Type", .value = area_type_label(a->type), .action_href = CHANGE("type"),
		 .action_hidden = "type"},
		{.key = "Part of", .value = a->parent_name ? a->parent_name : "None – top level",
		 .action_href = CHANGE("parent"), .action_hidden = "the area it is part of"},
		{.key = "Population aged 0 to 19", .value = population_text(req->pool, a->population_0_19),
		 .action_href = CHANGE("population_0_19"), .action_hidden = "population aged 0 to 19"},
		{.key = "IMD decile", .value = decile_text(req->pool, a->imd_decile),
		 .action_href = CHANGE("imd_decile"), .action_hidden = "IMD decile"},
		{.key = "Status", .value = structure_status(req->pool, a->retired_at)},
	};
#undef CHANGE
	govuk_summary_list(&h, &(struct govuk_summary_list){.rows = rows, .nrows = NELEM(rows)});

	size_t nchildren = 0;
	for (size_t i = 0; i < n; i++)
		nchildren += all[i].parent_id == a->id;
	html_lit(&h, "<h2 class=\"govuk-heading-m\" id=\"children\">Areas within it</h2>\n");
	if (!nchildren) {
		html_lit(&h, "<p class=\"govuk-body\">None.</p>\n");
	} else {
		html_lit(&h, "<ul class=\"govuk-list\">\n");
		for (size_t i = 0; i < n; i++) {
			if (all[i].parent_id != a->id)
				continue;
			html_lit(&h, "<li><a class=\"govuk-link\"");
			html_url(&h, "href", area_href(req->pool, all[i].id, ""));
			html_lit(&h, ">");
			html_text(&h, all[i].name);
			html_lit(&h, "</a> (");
			html_text(&h, area_type_label(all[i].type));
			html_lit(&h, ")</li>\n");
		}
		html_lit(&h, "</ul>\n");
	}
	if (w)
		structure_retire_form(req, res, &h, self, "area", a->retired_at != NULL);
	html_lit(&h, "</div>\n</div>\n");
	respond_page_end(res, &h, &pg);
}

void area_show(struct request *req, struct response *res)
{
	struct area a;
	if (load(req, res, &a))
		show_page(req, res, &a, NULL);
}

static void set_retired(struct request *req, struct response *res, int retired)
{
	struct area a;
	if (!load(req, res, &a))
		return;
	struct actor who;
	app_actor(req, &who);
	enum err rc = area_set_retired(req->db, &who, req->user->partnership_id, a.id, retired);
	if (rc == E_CONFLICT && retired) {
		show_page(req, res, &a, pool_printf(req->pool,
			"%s cannot be retired while areas within it are current: retire them or move "
			"them to another area first", a.name));
		return;
	}
	if (rc == E_CONFLICT && !retired) { /* the area it is part of is retired */
		show_page(req, res, &a, pool_printf(req->pool,
			"%s cannot be reinstated while the area it is part of is retired: reinstate %s first",
			a.name, a.parent_name ? a.parent_name : "that area"));
		return;
	}
	respond_after_write(req, res, rc,
			    area_href(req->pool, a.id, retired ? "?done=retired" : "?done=reinstated"));
}

void area_retire(struct request *req, struct response *res)
{
	set_retired(req, res, 1);
}

void area_reinstate(struct request *req, struct response *res)
{
	set_retired(req, res, 0);
}

/* ---- Import ---- */

static const struct structure_import_column area_columns[] = {
	{.name = "name", .text = "The area's name, different from every other in the partnership"},
	{.name = "type", .codes = &area_type_table, .ncodes = &area_type_count, .code_text = type_hint},
	{.name = "parent",
	 .text = "The name of the area it is part of: an area already here or one on an earlier line "
		 "of the file. Leave it empty for a top-level area. A parent must be of a higher level: a "
		 "ward within a locality, district or county; a locality within a district or county; a "
		 "district within a county."},
	{.name = "population_0_19",
	 .text = "Children and young people aged 0 to 19 living there, as a whole number; empty when "
		 "not known"},
	{.name = "imd_decile",
	 .text = "Index of multiple deprivation decile, 1 (most deprived) to 10 (least deprived); empty "
		 "when not known"},
};

static const struct structure_import area_import = {
	.path = "/areas/import",
	.list_href = "/areas",
	.list_title = "Areas",
	.title = "Import areas from a CSV file",
	.one = "area",
	.many = "areas",
	.optional = "The population_0_19 and imd_decile columns are optional.",
	.columns = area_columns,
	.ncolumns = NELEM(area_columns),
	.run = import_areas,
};

void areas_import_form(struct request *req, struct response *res)
{
	structure_import_form(req, res, &area_import);
}

void areas_import(struct request *req, struct response *res)
{
	structure_import_post(req, res, &area_import);
}

/* ---- JSON API ---- */

static json_t *area_json(const struct area *a)
{
	json_t *j = json_object();
	if (!j)
		return NULL;
	int known_decile = a->imd_decile >= 1 && a->imd_decile <= 10;
	json_object_set_new(j, "id", json_integer(a->id));
	json_object_set_new(j, "name", json_string(a->name));
	json_object_set_new(j, "type", json_string(a->type));
	json_object_set_new(j, "parent_id", a->parent_id ? json_integer(a->parent_id) : json_null());
	json_object_set_new(j, "parent_name", a->parent_name ? json_string(a->parent_name) : json_null());
	json_object_set_new(j, "depth", json_integer(a->depth));
	json_object_set_new(j, "population_0_19",
			    a->population_0_19 >= 0 ? json_integer(a->population_0_19) : json_null());
	json_object_set_new(j, "imd_decile", known_decile ? json_integer(a->imd_decile) : json_null());
	json_object_set_new(j, "deprived", json_boolean(area_is_deprived(a->imd_decile)));
	json_object_set_new(j, "retired", json_boolean(a->retired_at != NULL));
	json_object_set_new(j, "retired_at", a->retired_at ? json_string(a->retired_at) : json_null());
	return j;
}

void api_areas(struct request *req, struct response *res)
{
	const char *type = params_get(&req->query, "type");
	int include_retired;
	struct structure_api_page page;
	if (!structure_api_code(req, res, "type", type, area_type_table, area_type_count) ||
	    (include_retired = structure_api_include_retired(req, res)) < 0 ||
	    !structure_api_paging(req, res, &page))
		return;
	if (type && !*type)
		type = NULL;
	struct area *areas = NULL;
	size_t n = 0, total = 0;
	enum err rc = area_list(req->db, req->pool, req->user->partnership_id, include_retired,
				params_get(&req->query, "q"), &areas, &n);
	if (rc) {
		structure_api_error(req, res, rc);
		return;
	}
	/* The tree is built whole (areas are hundreds at most), so the page is
	 * cut from its order here: total counts every match of the type. */
	json_t *data = json_array();
	for (size_t i = 0; data && i < n; i++) {
		if (type && strcmp(areas[i].type, type) != 0)
			continue;
		if (total++ < page.offset || total > page.offset + page.limit)
			continue;
		if (json_array_append_new(data, area_json(&areas[i]))) {
			json_decref(data);
			data = NULL;
		}
	}
	structure_api_list(res, data, total, &page);
}
