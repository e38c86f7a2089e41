/*
 * govuk.c: govuk-frontend 6 components, mirroring the Nunjucks templates in
 * node_modules/govuk-frontend/dist/govuk/components/.
 *
 * The templates share their form-field scaffolding (form group, label,
 * hint, error message, aria-describedby) through sub-macros; here one
 * struct field and four helpers play that part for every control, so the
 * ids the error summary links to and the ids aria-describedby lists are
 * built in one place and cannot drift apart.  Radios and checkboxes differ
 * only in class names and a few rules, so they share one writer too.
 *
 * Whitespace follows the templates where the browser renders it (between
 * inline elements); elsewhere markup is written compactly.  Internal
 * constants (class names, id suffixes) go through html_text like any other
 * string: they contain nothing to escape, so they come out unchanged.
 */
#include "html/govuk.h"

#include <string.h>

#include "html/html.h"

/* govuk-frontend treats empty options as absent; so do we. */
static int set(const char *s)
{
	return s && *s;
}

/* ---- Form errors ---- */

void form_errors_init(struct form_errors *e)
{
	e->n = 0;
}

enum err form_errors_add(struct form_errors *e, const char *field,
			 const char *message)
{
	if (field && form_error_for(e, field))
		return E_CONFLICT;
	if (e->n >= FORM_ERRORS_MAX)
		return E_TOOBIG;
	e->entries[e->n].field = field;
	e->entries[e->n].message = message;
	e->n++;
	return E_OK;
}

const char *form_error_for(const struct form_errors *e, const char *field)
{
	if (!e || !field)
		return NULL;
	for (size_t i = 0; i < e->n; i++)
		if (e->entries[i].field && strcmp(e->entries[i].field, field) == 0)
			return e->entries[i].message;
	return NULL;
}

void govuk_error_summary(struct html *h, const struct form_errors *e)
{
	if (!e || e->n == 0)
		return;
	html_lit(h, "<div class=\"govuk-error-summary\" data-module=\"govuk-error-summary\">\n"
		    "<div role=\"alert\">\n"
		    "<h2 class=\"govuk-error-summary__title\">There is a problem</h2>\n"
		    "<div class=\"govuk-error-summary__body\">\n"
		    "<ul class=\"govuk-list govuk-error-summary__list\">\n");
	for (size_t i = 0; i < e->n; i++) {
		const struct form_error *fe = &e->entries[i];
		html_lit(h, "<li>");
		if (set(fe->field)) {
			/* "#" + id is always a safe same-page URL: escape only. */
			html_lit(h, "<a href=\"#");
			html_text(h, fe->field);
			html_lit(h, "\">");
			html_text(h, fe->message);
			html_lit(h, "</a>");
		} else {
			html_text(h, fe->message);
		}
		html_lit(h, "</li>\n");
	}
	html_lit(h, "</ul>\n</div>\n</div>\n</div>\n");
}

/* ---- Shared field scaffolding ---- */

static void extra_class(struct html *h, const char *classes)
{
	if (set(classes)) {
		html_lit(h, " ");
		html_text(h, classes);
	}
}

/* What every labelled control has; filled from any option struct. */
struct field {
	const char *id;
	const char *label;
	const char *label_class;
	int label_heading;
	const char *hint;
	const char *error;
};

#define FIELD_OF(o) { \
	.id = set((o)->id) ? (o)->id : (o)->name, \
	.label = (o)->label, \
	.label_class = (o)->label_class, \
	.label_heading = (o)->label_heading, \
	.hint = set((o)->hint) ? (o)->hint : NULL, \
	.error = set((o)->error) ? (o)->error : NULL, \
}

static void group_begin(struct html *h, const char *error)
{
	html_lit(h, "<div class=\"govuk-form-group");
	if (error)
		html_lit(h, " govuk-form-group--error");
	html_lit(h, "\">\n");
}

static void label(struct html *h, const char *for_id, const char *text,
		  const char *classes, int heading)
{
	if (!set(text))
		return;
	if (heading)
		html_lit(h, "<h1 class=\"govuk-label-wrapper\">");
	html_lit(h, "<label class=\"govuk-label");
	extra_class(h, classes);
	html_lit(h, "\" for=\"");
	html_text(h, for_id);
	html_lit(h, "\">");
	html_text(h, text);
	html_lit(h, "</label>");
	if (heading)
		html_lit(h, "</h1>");
	html_lit(h, "\n");
}

/* <div id="<id><suffix>" class="govuk-hint ...">. */
static void hint(struct html *h, const char *id, const char *suffix,
		 const char *classes, const char *text)
{
	html_lit(h, "<div id=\"");
	html_text(h, id);
	html_text(h, suffix);
	html_lit(h, "\" class=\"govuk-hint");
	extra_class(h, classes);
	html_lit(h, "\">");
	html_text(h, text);
	html_lit(h, "</div>\n");
}

/* The field's own hint and error message, in the templates' order. */
static void hint_and_error(struct html *h, const struct field *f)
{
	if (f->hint)
		hint(h, f->id, "-hint", NULL, f->hint);
	if (f->error) {
		html_lit(h, "<p id=\"");
		html_text(h, f->id);
		html_lit(h, "-error\" class=\"govuk-error-message\">"
			    "<span class=\"govuk-visually-hidden\">Error:</span> ");
		html_text(h, f->error);
		html_lit(h, "</p>\n");
	}
}

/* The ids of the field's hint and error, space-separated, hint first. */
static void describedby_ids(struct html *h, const struct field *f)
{
	if (f->hint) {
		html_text(h, f->id);
		html_lit(h, "-hint");
	}
	if (f->error) {
		if (f->hint)
			html_lit(h, " ");
		html_text(h, f->id);
		html_lit(h, "-error");
	}
}

static void describedby(struct html *h, const struct field *f)
{
	if (!f->hint && !f->error)
		return;
	html_lit(h, " aria-describedby=\"");
	describedby_ids(h, f);
	html_lit(h, "\"");
}

/* Form group, label, hint and error: everything above the control. */
static void field_begin(struct html *h, const struct field *f)
{
	group_begin(h, f->error);
	label(h, f->id, f->label, f->label_class, f->label_heading);
	hint_and_error(h, f);
}

static void field_end(struct html *h)
{
	html_lit(h, "</div>\n");
}

/* The attributes every control carries after its class. */
static void id_name(struct html *h, const struct field *f, const char *name)
{
	html_attr(h, "id", f->id);
	html_attr(h, "name", name);
}

/* ---- Form controls ---- */

void govuk_input(struct html *h, const struct govuk_input *o)
{
	struct field f = FIELD_OF(o);
	int wrap = set(o->prefix) || set(o->suffix);

	field_begin(h, &f);
	if (wrap)
		html_lit(h, "<div class=\"govuk-input__wrapper\">\n");
	if (set(o->prefix)) {
		html_lit(h, "<div class=\"govuk-input__prefix\" aria-hidden=\"true\">");
		html_text(h, o->prefix);
		html_lit(h, "</div>\n");
	}
	html_lit(h, "<input class=\"govuk-input");
	extra_class(h, o->classes);
	if (f.error)
		html_lit(h, " govuk-input--error");
	html_lit(h, "\"");
	id_name(h, &f, o->name);
	html_attr(h, "type", set(o->type) ? o->type : "text");
	if (o->spellcheck_off)
		html_lit(h, " spellcheck=\"false\"");
	if (set(o->value))
		html_attr(h, "value", o->value);
	if (o->disabled)
		html_lit(h, " disabled");
	describedby(h, &f);
	if (set(o->autocomplete))
		html_attr(h, "autocomplete", o->autocomplete);
	if (set(o->inputmode))
		html_attr(h, "inputmode", o->inputmode);
	html_lit(h, ">\n");
	if (set(o->suffix)) {
		html_lit(h, "<div class=\"govuk-input__suffix\" aria-hidden=\"true\">");
		html_text(h, o->suffix);
		html_lit(h, "</div>\n");
	}
	if (wrap)
		html_lit(h, "</div>\n");
	field_end(h);
}

void govuk_textarea(struct html *h, const struct govuk_textarea *o)
{
	struct field f = FIELD_OF(o);

	field_begin(h, &f);
	html_lit(h, "<textarea class=\"govuk-textarea");
	if (f.error)
		html_lit(h, " govuk-textarea--error");
	extra_class(h, o->classes);
	html_lit(h, "\"");
	id_name(h, &f, o->name);
	html_lit(h, " rows=\"");
	html_i64(h, o->rows > 0 ? o->rows : 5);
	html_lit(h, "\"");
	if (o->spellcheck_off)
		html_lit(h, " spellcheck=\"false\"");
	if (o->disabled)
		html_lit(h, " disabled");
	describedby(h, &f);
	if (set(o->autocomplete))
		html_attr(h, "autocomplete", o->autocomplete);
	/*
	 * The parser drops one newline straight after <textarea>, so write one
	 * ourselves: a value that starts with a blank line keeps it on a
	 * round trip.
	 */
	html_lit(h, ">\n");
	html_text(h, o->value);
	html_lit(h, "</textarea>\n");
	field_end(h);
}

void govuk_select(struct html *h, const struct govuk_select *o)
{
	struct field f = FIELD_OF(o);

	field_begin(h, &f);
	html_lit(h, "<select class=\"govuk-select");
	extra_class(h, o->classes);
	if (f.error)
		html_lit(h, " govuk-select--error");
	html_lit(h, "\"");
	id_name(h, &f, o->name);
	if (o->disabled)
		html_lit(h, " disabled");
	describedby(h, &f);
	html_lit(h, ">\n");
	for (size_t i = 0; i < o->noptions; i++) {
		const struct govuk_option *opt = &o->options[i];
		/* As in the template, an option without a value is matched by its text. */
		const char *v = opt->value ? opt->value : opt->text;
		html_lit(h, "<option");
		if (opt->value)
			html_attr(h, "value", opt->value);
		if (set(o->value) && v && strcmp(v, o->value) == 0)
			html_lit(h, " selected");
		if (opt->disabled)
			html_lit(h, " disabled");
		html_lit(h, ">");
		html_text(h, opt->text);
		html_lit(h, "</option>\n");
	}
	html_lit(h, "</select>\n");
	field_end(h);
}

void govuk_file_upload(struct html *h, const struct govuk_file_upload *o)
{
	struct field f = FIELD_OF(o);

	field_begin(h, &f);
	if (o->javascript)
		html_lit(h, "<div class=\"govuk-file-upload-wrapper\" data-module=\"govuk-file-upload\">\n");
	html_lit(h, "<input class=\"govuk-file-upload");
	extra_class(h, o->classes);
	if (f.error)
		html_lit(h, " govuk-file-upload--error");
	html_lit(h, "\"");
	id_name(h, &f, o->name);
	html_lit(h, " type=\"file\"");
	if (o->disabled)
		html_lit(h, " disabled");
	if (o->multiple)
		html_lit(h, " multiple");
	describedby(h, &f);
	if (set(o->accept))
		html_attr(h, "accept", o->accept);
	html_lit(h, ">\n");
	if (o->javascript)
		html_lit(h, "</div>\n");
	field_end(h);
}

/* What tells radios and checkboxes apart. */
struct choice_kind {
	const char *block;   /* "govuk-radios" */
	const char *type;    /* "radio" */
	int radio;
};

static const struct choice_kind radios_kind = { "govuk-radios", "radio", 1 };
static const struct choice_kind checkboxes_kind = { "govuk-checkboxes", "checkbox", 0 };

/* The first item gets the bare prefix so the error summary can link to it. */
static void item_id(struct html *h, const char *prefix,
		    const struct govuk_choice *it, size_t index)
{
	if (set(it->id)) {
		html_text(h, it->id);
		return;
	}
	html_text(h, prefix);
	if (index > 0) {
		html_lit(h, "-");
		html_i64(h, (int64_t)index + 1);
	}
}

static void choice_item(struct html *h, const struct choice_kind *k,
			const struct govuk_choices *o, const struct field *f,
			int fieldset, size_t index)
{
	const struct govuk_choice *it = &o->items[index];
	int checked = it->checked || (k->radio && set(o->value) && it->value &&
				      strcmp(it->value, o->value) == 0);
	int has_hint = set(it->hint);

	html_lit(h, "<div class=\"");
	html_text(h, k->block);
	html_lit(h, "__item\">\n<input class=\"");
	html_text(h, k->block);
	html_lit(h, "__input\" id=\"");
	item_id(h, f->id, it, index);
	html_lit(h, "\"");
	html_attr(h, "name", o->name);
	html_attr(h, "type", k->type);
	html_attr(h, "value", it->value ? it->value : "");
	if (checked)
		html_lit(h, " checked");
	if (it->disabled)
		html_lit(h, " disabled");
	/*
	 * A checkbox outside a fieldset is described by the group's hint and
	 * error itself; radios never are (the templates differ here).
	 */
	int group = !k->radio && !fieldset && (f->hint || f->error);
	if (group || has_hint) {
		html_lit(h, " aria-describedby=\"");
		if (group)
			describedby_ids(h, f);
		if (group && has_hint)
			html_lit(h, " ");
		if (has_hint) {
			item_id(h, f->id, it, index);
			html_lit(h, "-item-hint");
		}
		html_lit(h, "\"");
	}
	html_lit(h, ">\n<label class=\"govuk-label ");
	html_text(h, k->block);
	html_lit(h, "__label\" for=\"");
	item_id(h, f->id, it, index);
	html_lit(h, "\">");
	html_text(h, it->text);
	html_lit(h, "</label>\n");
	if (has_hint) {
		html_lit(h, "<div id=\"");
		item_id(h, f->id, it, index);
		html_lit(h, "-item-hint\" class=\"govuk-hint ");
		html_text(h, k->block);
		html_lit(h, "__hint\">");
		html_text(h, it->hint);
		html_lit(h, "</div>\n");
	}
	html_lit(h, "</div>\n");
}

static void choices(struct html *h, const struct choice_kind *k,
		    const struct govuk_choices *o)
{
	struct field f = {
		.id = set(o->id_prefix) ? o->id_prefix : o->name,
		.hint = set(o->hint) ? o->hint : NULL,
		.error = set(o->error) ? o->error : NULL,
	};
	int fieldset = set(o->legend);

	group_begin(h, f.error);
	if (fieldset) {
		html_lit(h, "<fieldset class=\"govuk-fieldset\"");
		describedby(h, &f);
		html_lit(h, ">\n<legend class=\"govuk-fieldset__legend");
		extra_class(h, o->legend_class);
		html_lit(h, "\">");
		if (o->legend_heading)
			html_lit(h, "<h1 class=\"govuk-fieldset__heading\">");
		html_text(h, o->legend);
		if (o->legend_heading)
			html_lit(h, "</h1>");
		html_lit(h, "</legend>\n");
	}
	hint_and_error(h, &f);
	html_lit(h, "<div class=\"");
	html_text(h, k->block);
	extra_class(h, o->classes);
	html_lit(h, "\" data-module=\"");
	html_text(h, k->block);
	html_lit(h, "\">\n");
	for (size_t i = 0; i < o->nitems; i++) {
		if (o->items[i].divider) {
			html_lit(h, "<div class=\"");
			html_text(h, k->block);
			html_lit(h, "__divider\">");
			html_text(h, o->items[i].divider);
			html_lit(h, "</div>\n");
		} else {
			choice_item(h, k, o, &f, fieldset, i);
		}
	}
	html_lit(h, "</div>\n");
	if (fieldset)
		html_lit(h, "</fieldset>\n");
	field_end(h);
}

void govuk_radios(struct html *h, const struct govuk_choices *o)
{
	choices(h, &radios_kind, o);
}

void govuk_checkboxes(struct html *h, const struct govuk_choices *o)
{
	choices(h, &checkboxes_kind, o);
}

/* ---- Buttons ---- */

static void button_class(struct html *h, const struct govuk_button *o)
{
	static const char *const variants[] = {
		[GOVUK_BUTTON_PRIMARY] = NULL,
		[GOVUK_BUTTON_SECONDARY] = "govuk-button--secondary",
		[GOVUK_BUTTON_WARNING] = "govuk-button--warning",
		[GOVUK_BUTTON_INVERSE] = "govuk-button--inverse",
	};
	html_lit(h, " class=\"govuk-button");
	if ((size_t)o->variant < sizeof variants / sizeof variants[0])
		extra_class(h, variants[o->variant]);
	extra_class(h, o->classes);
	if (o->start)
		html_lit(h, " govuk-button--start");
	html_lit(h, "\" data-module=\"govuk-button\"");
	if (set(o->id))
		html_attr(h, "id", o->id);
	html_lit(h, ">\n");
	html_text(h, o->text);
	if (o->start)
		html_lit(h, "\n<svg class=\"govuk-button__start-icon\" xmlns=\"http://www.w3.org/2000/svg\" width=\"17.5\" height=\"19\" viewBox=\"0 0 33 40\" aria-hidden=\"true\" focusable=\"false\">"
			    "<path fill=\"currentColor\" d=\"M0 0h13l20 20-20 20H0l20-20z\"/></svg>");
	html_lit(h, "\n");
}

void govuk_button(struct html *h, const struct govuk_button *o)
{
	if (set(o->href)) {
		html_lit(h, "<a");
		html_url(h, "href", o->href);
		html_lit(h, " role=\"button\" draggable=\"false\"");
		button_class(h, o);
		html_lit(h, "</a>\n");
		return;
	}
	html_lit(h, "<button");
	html_attr(h, "type", set(o->type) ? o->type : "submit");
	if (set(o->value))
		html_attr(h, "value", o->value);
	if (set(o->name))
		html_attr(h, "name", o->name);
	if (o->disabled)
		html_lit(h, " disabled aria-disabled=\"true\"");
	if (o->prevent_double_click)
		html_lit(h, " data-prevent-double-click=\"true\"");
	button_class(h, o);
	html_lit(h, "</button>\n");
}

/* ---- Tables ---- */

static void cell_content(struct html *h, const struct govuk_cell *c)
{
	if (set(c->href)) {
		html_lit(h, "<a class=\"govuk-link\"");
		html_url(h, "href", c->href);
		html_lit(h, ">");
		html_text(h, c->text);
		html_lit(h, "</a>");
	} else {
		html_text(h, c->text);
	}
}

static void colspan(struct html *h, const struct govuk_cell *c)
{
	if (c->colspan > 1) {
		html_lit(h, " colspan=\"");
		html_i64(h, c->colspan);
		html_lit(h, "\"");
	}
}

void govuk_table_begin(struct html *h, const struct govuk_table *t)
{
	html_lit(h, "<table class=\"govuk-table");
	extra_class(h, t->classes);
	html_lit(h, "\">\n");
	if (set(t->caption)) {
		html_lit(h, "<caption class=\"govuk-table__caption");
		extra_class(h, t->caption_class);
		html_lit(h, "\">");
		html_text(h, t->caption);
		html_lit(h, "</caption>\n");
	}
	if (t->head) {
		html_lit(h, "<thead class=\"govuk-table__head\">\n<tr class=\"govuk-table__row\">\n");
		for (size_t i = 0; i < t->ncols; i++) {
			const struct govuk_cell *c = &t->head[i];
			html_lit(h, "<th scope=\"col\" class=\"govuk-table__header");
			if (c->numeric)
				html_lit(h, " govuk-table__header--numeric");
			html_lit(h, "\"");
			colspan(h, c);
			html_lit(h, ">");
			cell_content(h, c);
			html_lit(h, "</th>\n");
		}
		html_lit(h, "</tr>\n</thead>\n");
	}
	html_lit(h, "<tbody class=\"govuk-table__body\">\n");
}

void govuk_table_row(struct html *h, const struct govuk_cell *cells, size_t n)
{
	html_lit(h, "<tr class=\"govuk-table__row\">\n");
	for (size_t i = 0; i < n; i++) {
		const struct govuk_cell *c = &cells[i];
		if (c->header) {
			html_lit(h, "<th scope=\"row\" class=\"govuk-table__header\"");
			colspan(h, c);
			html_lit(h, ">");
			cell_content(h, c);
			html_lit(h, "</th>\n");
		} else {
			html_lit(h, "<td class=\"govuk-table__cell");
			if (c->numeric)
				html_lit(h, " govuk-table__cell--numeric");
			html_lit(h, "\"");
			colspan(h, c);
			html_lit(h, ">");
			cell_content(h, c);
			html_lit(h, "</td>\n");
		}
	}
	html_lit(h, "</tr>\n");
}

void govuk_table_end(struct html *h)
{
	html_lit(h, "</tbody>\n</table>\n");
}

void govuk_table(struct html *h, const struct govuk_table *t)
{
	govuk_table_begin(h, t);
	if (t->cells)
		for (size_t r = 0; r < t->nrows; r++)
			govuk_table_row(h, &t->cells[r * t->ncols], t->ncols);
	govuk_table_end(h);
}

/* ---- Summary list ---- */

void govuk_summary_list_begin(struct html *h, const char *classes)
{
	html_lit(h, "<dl class=\"govuk-summary-list");
	extra_class(h, classes);
	html_lit(h, "\">\n");
}

void govuk_summary_list_row(struct html *h, const struct govuk_summary_row *r,
			    int any_actions)
{
	int action = set(r->action_href);

	html_lit(h, "<div class=\"govuk-summary-list__row");
	if (any_actions && !action)
		html_lit(h, " govuk-summary-list__row--no-actions");
	html_lit(h, "\">\n<dt class=\"govuk-summary-list__key\">");
	html_text(h, r->key);
	html_lit(h, "</dt>\n<dd class=\"govuk-summary-list__value\">");
	html_text(h, r->value);
	html_lit(h, "</dd>\n");
	if (action) {
		html_lit(h, "<dd class=\"govuk-summary-list__actions\">\n<a class=\"govuk-link\"");
		html_url(h, "href", r->action_href);
		html_lit(h, ">");
		html_text(h, set(r->action_text) ? r->action_text : "Change");
		if (set(r->action_hidden)) {
			html_lit(h, "<span class=\"govuk-visually-hidden\"> ");
			html_text(h, r->action_hidden);
			html_lit(h, "</span>");
		}
		html_lit(h, "</a>\n</dd>\n");
	}
	html_lit(h, "</div>\n");
}

void govuk_summary_list_end(struct html *h)
{
	html_lit(h, "</dl>\n");
}

void govuk_summary_list(struct html *h, const struct govuk_summary_list *l)
{
	int any = 0;
	for (size_t i = 0; i < l->nrows; i++)
		any |= set(l->rows[i].action_href);
	govuk_summary_list_begin(h, l->classes);
	for (size_t i = 0; i < l->nrows; i++)
		govuk_summary_list_row(h, &l->rows[i], any);
	govuk_summary_list_end(h);
}

/* ---- Navigation ---- */

/* ` href="<prefix><page>"`, or "#" when the prefix is not a safe URL. */
static void page_href(struct html *h, const char *prefix, long page)
{
	if (!html_url_safe(prefix)) {
		html_lit(h, " href=\"#\"");
		return;
	}
	html_lit(h, " href=\"");
	html_text(h, prefix);
	html_i64(h, page);
	html_lit(h, "\"");
}

/* Which page numbers to show: the ends, and the current page's neighbours. */
static int page_shown(long p, long cur, long pages)
{
	return p == 1 || p == pages || (p >= cur - 1 && p <= cur + 1);
}

void govuk_pagination(struct html *h, const struct govuk_pagination *o)
{
	long pages = o->pages;
	if (pages < 2)
		return;
	long cur = o->page < 1 ? 1 : o->page > pages ? pages : o->page;
	const char *prefix = o->href_prefix ? o->href_prefix : "?page=";

	html_lit(h, "<nav class=\"govuk-pagination\"");
	html_attr(h, "aria-label", set(o->label) ? o->label : "Pagination");
	html_lit(h, ">\n");
	if (cur > 1) {
		html_lit(h, "<div class=\"govuk-pagination__prev\">\n"
			    "<a class=\"govuk-link govuk-pagination__link\"");
		page_href(h, prefix, cur - 1);
		html_lit(h, " rel=\"prev\">\n"
			    "<svg class=\"govuk-pagination__icon govuk-pagination__icon--prev\" xmlns=\"http://www.w3.org/2000/svg\" height=\"13\" width=\"15\" aria-hidden=\"true\" focusable=\"false\" viewBox=\"0 0 15 13\">"
			    "<path d=\"m6.5938-0.0078125-6.7266 6.7266 6.7441 6.4062 1.377-1.449-4.1856-3.9768h12.896v-2h-12.984l4.2931-4.293-1.414-1.414z\"></path></svg>\n"
			    "<span class=\"govuk-pagination__link-title\">Previous<span class=\"govuk-visually-hidden\"> page</span></span>\n"
			    "</a>\n</div>\n");
	}
	html_lit(h, "<ul class=\"govuk-pagination__list\">\n");
	int gap = 0;
	for (long p = 1; p <= pages; p++) {
		/* A gap of a single page shows that page: an ellipsis would hide nothing. */
		int show = page_shown(p, cur, pages) ||
			   (page_shown(p - 1, cur, pages) && page_shown(p + 1, cur, pages));
		if (!show) {
			if (!gap)
				html_lit(h, "<li class=\"govuk-pagination__item govuk-pagination__item--ellipsis\">&ctdot;</li>\n");
			gap = 1;
			continue;
		}
		gap = 0;
		html_lit(h, "<li class=\"govuk-pagination__item");
		if (p == cur)
			html_lit(h, " govuk-pagination__item--current");
		html_lit(h, "\">\n<a class=\"govuk-link govuk-pagination__link\"");
		page_href(h, prefix, p);
		html_lit(h, " aria-label=\"Page ");
		html_i64(h, p);
		html_lit(h, "\"");
		if (p == cur)
			html_lit(h, " aria-current=\"page\"");
		html_lit(h, ">");
		html_i64(h, p);
		html_lit(h, "</a>\n</li>\n");
	}
	html_lit(h, "</ul>\n");
	if (cur < pages) {
		html_lit(h, "<div class=\"govuk-pagination__next\">\n"
			    "<a class=\"govuk-link govuk-pagination__link\"");
		page_href(h, prefix, cur + 1);
		html_lit(h, " rel=\"next\">\n"
			    "<span class=\"govuk-pagination__link-title\">Next<span class=\"govuk-visually-hidden\"> page</span></span>\n"
			    "<svg class=\"govuk-pagination__icon govuk-pagination__icon--next\" xmlns=\"http://www.w3.org/2000/svg\" height=\"13\" width=\"15\" aria-hidden=\"true\" focusable=\"false\" viewBox=\"0 0 15 13\">"
			    "<path d=\"m8.107-0.0078125-1.4136 1.414 4.2926 4.293h-12.986v2h12.896l-4.1855 3.9766 1.377 1.4492 6.7441-6.4062-6.7246-6.7266z\"></path></svg>\n"
			    "</a>\n</div>\n");
	}
	html_lit(h, "</nav>\n");
}

void govuk_breadcrumbs(struct html *h, const struct crumb *crumbs, size_t n)
{
	html_lit(h, "<nav class=\"govuk-breadcrumbs\" aria-label=\"Breadcrumb\">\n"
		    "<ol class=\"govuk-breadcrumbs__list\">\n");
	for (size_t i = 0; i < n; i++) {
		if (set(crumbs[i].href)) {
			html_lit(h, "<li class=\"govuk-breadcrumbs__list-item\">"
				    "<a class=\"govuk-breadcrumbs__link\"");
			html_url(h, "href", crumbs[i].href);
			html_lit(h, ">");
			html_text(h, crumbs[i].text);
			html_lit(h, "</a></li>\n");
		} else {
			html_lit(h, "<li class=\"govuk-breadcrumbs__list-item\" aria-current=\"page\">");
			html_text(h, crumbs[i].text);
			html_lit(h, "</li>\n");
		}
	}
	html_lit(h, "</ol>\n</nav>\n");
}

void govuk_back_link(struct html *h, const char *href, const char *text)
{
	html_lit(h, "<a");
	html_url(h, "href", set(href) ? href : "#");
	html_lit(h, " class=\"govuk-back-link\">");
	html_text(h, set(text) ? text : "Back");
	html_lit(h, "</a>\n");
}

/* ---- Content ---- */

void govuk_tag(struct html *h, const char *text, enum govuk_tag_colour c)
{
	static const char *const colours[] = {
		[GOVUK_TAG_BLUE] = NULL,
		[GOVUK_TAG_GREY] = "govuk-tag--grey",
		[GOVUK_TAG_GREEN] = "govuk-tag--green",
		[GOVUK_TAG_TEAL] = "govuk-tag--teal",
		[GOVUK_TAG_PURPLE] = "govuk-tag--purple",
		[GOVUK_TAG_MAGENTA] = "govuk-tag--magenta",
		[GOVUK_TAG_RED] = "govuk-tag--red",
		[GOVUK_TAG_ORANGE] = "govuk-tag--orange",
		[GOVUK_TAG_YELLOW] = "govuk-tag--yellow",
	};
	html_lit(h, "<strong class=\"govuk-tag");
	if ((size_t)c < sizeof colours / sizeof colours[0])
		extra_class(h, colours[c]);
	html_lit(h, "\">");
	html_text(h, text);
	html_lit(h, "</strong>");
}

void govuk_notification_banner(struct html *h,
			       const struct govuk_notification *o)
{
	if (o->success)
		html_lit(h, "<div class=\"govuk-notification-banner govuk-notification-banner--success\" role=\"alert\"");
	else
		html_lit(h, "<div class=\"govuk-notification-banner\" role=\"region\"");
	html_lit(h, " aria-labelledby=\"govuk-notification-banner-title\" data-module=\"govuk-notification-banner\">\n"
		    "<div class=\"govuk-notification-banner__header\">\n"
		    "<h2 class=\"govuk-notification-banner__title\" id=\"govuk-notification-banner-title\">");
	html_text(h, set(o->title) ? o->title : o->success ? "Success" : "Important");
	html_lit(h, "</h2>\n</div>\n<div class=\"govuk-notification-banner__content\">\n");
	if (set(o->text) || set(o->link_text)) {
		html_lit(h, "<p class=\"govuk-notification-banner__heading\">");
		html_text(h, o->text);
		if (set(o->link_text)) {
			if (set(o->text))
				html_lit(h, " ");
			html_lit(h, "<a class=\"govuk-notification-banner__link\"");
			html_url(h, "href", o->link_href);
			html_lit(h, ">");
			html_text(h, o->link_text);
			html_lit(h, "</a>");
		}
		html_lit(h, "</p>\n");
	}
	html_lit(h, "</div>\n</div>\n");
}

void govuk_phase_banner(struct html *h, const char *tag, const char *text)
{
	html_lit(h, "<div class=\"govuk-phase-banner govuk-width-container\">\n"
		    "<p class=\"govuk-phase-banner__content\">\n"
		    "<strong class=\"govuk-tag govuk-phase-banner__content__tag\">");
	html_text(h, tag);
	html_lit(h, "</strong>\n<span class=\"govuk-phase-banner__text\">");
	html_text(h, text);
	html_lit(h, "</span>\n</p>\n</div>\n");
}

void govuk_inset_text(struct html *h, const char *text)
{
	html_lit(h, "<div class=\"govuk-inset-text\">");
	html_text(h, text);
	html_lit(h, "</div>\n");
}

void govuk_warning_text(struct html *h, const char *text)
{
	html_lit(h, "<div class=\"govuk-warning-text\">\n"
		    "<span class=\"govuk-warning-text__icon\" aria-hidden=\"true\">!</span>\n"
		    "<strong class=\"govuk-warning-text__text\">\n"
		    "<span class=\"govuk-visually-hidden\">Warning</span>\n");
	html_text(h, text);
	html_lit(h, "\n</strong>\n</div>\n");
}

void govuk_details_begin(struct html *h, const char *summary, const char *id)
{
	html_lit(h, "<details");
	if (id)
		html_attr(h, "id", id);
	html_lit(h, " class=\"govuk-details\">\n<summary class=\"govuk-details__summary\">\n"
		    "<span class=\"govuk-details__summary-text\">");
	html_text(h, summary);
	html_lit(h, "</span>\n</summary>\n<div class=\"govuk-details__text\">\n");
}

void govuk_details_end(struct html *h)
{
	html_lit(h, "</div>\n</details>\n");
}
