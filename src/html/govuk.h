/*
 * govuk.h: GOV.UK Design System components (govuk-frontend 6), written
 * through struct html so every runtime string is escaped.
 *
 * Each component writes the markup govuk-frontend's Nunjucks template
 * writes: the same elements, classes, ids, ARIA attributes and data-module
 * hooks, so govuk-frontend's CSS and JavaScript apply unchanged.  Options
 * are small structs meant for designated initialisers; a zero field means
 * "not set" and takes the template's default:
 *
 *	govuk_input(h, &(struct govuk_input){ .name = "email",
 *		.label = "Email address", .type = "email",
 *		.autocomplete = "email", .value = v,
 *		.error = form_error_for(&errs, "email") });
 *
 * No string is copied or kept: each is written when the call is made.
 * Every "classes" option adds classes to the component's own (for example
 * "govuk-input--width-10"); it is escaped like any other value.
 *
 * Errors.  A handler collects errors in a struct form_errors while it
 * validates, then renders govuk_error_summary() at the top of the page and
 * passes form_error_for(errs, id) as each field's .error.  The summary links
 * to "#<field>", so a field's entry must be named after the control's id:
 * the id defaults to the name, and for radios and checkboxes the first item
 * carries the bare id prefix (which defaults to the name), so the name works
 * for every component unless an explicit id is given.  A field with an error
 * gets the --error classes, an error message ("Error:" for screen readers)
 * with id "<id>-error", and aria-describedby listing "<id>-hint" (when it
 * has a hint) then "<id>-error".
 */
#ifndef JCS_GOVUK_H
#define JCS_GOVUK_H

#include <stddef.h>

#include "core/err.h"

struct html;

/* ---- Form errors ---- */

#define FORM_ERRORS_MAX 64

struct form_error {
	const char *field;   /* id of the control, without '#' */
	const char *message; /* shown in the summary and above the field */
};

struct form_errors {
	struct form_error entries[FORM_ERRORS_MAX];
	size_t n;
};

/* Zero errors: "struct form_errors errs = {0};" does the same. */
void form_errors_init(struct form_errors *e);
/*
 * Record an error for field.  Only the first error for a field is kept (a
 * validator checks the most basic problem first), and at most
 * FORM_ERRORS_MAX are kept; others are dropped.  Returns E_OK if recorded,
 * E_CONFLICT for a field that already has one, E_TOOBIG when full.  Neither
 * string is copied: both must outlive the rendering (request pool memory).
 */
enum err form_errors_add(struct form_errors *e, const char *field,
			 const char *message);
/* The message for field, or NULL (also when e is NULL). */
const char *form_error_for(const struct form_errors *e, const char *field);

/*
 * The error summary "There is a problem" with a link per entry; writes
 * nothing when there are no errors (so it can be called unconditionally).
 */
void govuk_error_summary(struct html *h, const struct form_errors *e);

/* ---- Form controls ---- */

struct govuk_input {
	const char *name;
	const char *id;           /* default: name */
	const char *label;
	const char *label_class;  /* e.g. "govuk-label--l" */
	int label_heading;        /* wrap the label in <h1> */
	const char *hint;
	const char *error;
	const char *value;
	const char *type;         /* default "text" */
	const char *autocomplete;
	const char *inputmode;    /* e.g. "numeric" */
	const char *prefix;       /* e.g. "£" */
	const char *suffix;       /* e.g. "per item" */
	const char *classes;      /* e.g. "govuk-input--width-10" */
	int spellcheck_off;       /* spellcheck="false" (ids, emails, codes) */
	int disabled;
};
void govuk_input(struct html *h, const struct govuk_input *o);

struct govuk_textarea {
	const char *name;
	const char *id;           /* default: name */
	const char *label;
	const char *label_class;
	int label_heading;
	const char *hint;
	const char *error;
	const char *value;
	int rows;                 /* default 5 */
	const char *autocomplete;
	const char *classes;
	int spellcheck_off;
	int disabled;
};
void govuk_textarea(struct html *h, const struct govuk_textarea *o);

struct govuk_option {
	const char *value;        /* NULL: the text is the value */
	const char *text;
	int disabled;
};

struct govuk_select {
	const char *name;
	const char *id;           /* default: name */
	const char *label;
	const char *label_class;
	int label_heading;
	const char *hint;
	const char *error;
	const char *value;        /* the option with this value is selected */
	const struct govuk_option *options;
	size_t noptions;
	const char *classes;
	int disabled;
};
void govuk_select(struct html *h, const struct govuk_select *o);

struct govuk_file_upload {
	const char *name;
	const char *id;           /* default: name */
	const char *label;
	const char *label_class;
	int label_heading;
	const char *hint;
	const char *error;
	const char *accept;       /* e.g. ".csv,text/csv" */
	int multiple;
	int javascript;           /* govuk-frontend's enhanced drop zone */
	const char *classes;
	int disabled;
};
void govuk_file_upload(struct html *h, const struct govuk_file_upload *o);

/* An item of radios or checkboxes. */
struct govuk_choice {
	const char *value;
	const char *text;
	const char *hint;
	int checked;              /* radios: also checked when value matches */
	int disabled;
	const char *divider;      /* set: this item is a divider ("or") */
	const char *id;           /* default: id prefix, then "-2", "-3"... */
};

/*
 * Radios and checkboxes share one option struct.  With a legend the items
 * sit in a fieldset described by the hint and error; without one (a single
 * checkbox, say) there is no fieldset and checkbox items are described
 * directly.
 */
struct govuk_choices {
	const char *name;
	const char *id_prefix;    /* default: name */
	const char *legend;
	const char *legend_class; /* e.g. "govuk-fieldset__legend--l" */
	int legend_heading;       /* wrap the legend text in <h1> */
	const char *hint;
	const char *error;
	const char *value;        /* radios: the checked value */
	const struct govuk_choice *items;
	size_t nitems;
	const char *classes;      /* e.g. "govuk-radios--inline", "--small" */
};
void govuk_radios(struct html *h, const struct govuk_choices *o);
void govuk_checkboxes(struct html *h, const struct govuk_choices *o);

/* ---- Buttons ---- */

enum govuk_button_variant {
	GOVUK_BUTTON_PRIMARY = 0,
	GOVUK_BUTTON_SECONDARY,
	GOVUK_BUTTON_WARNING,
	GOVUK_BUTTON_INVERSE,
};

/*
 * A <button>, or with href a link styled as a button (role="button").
 * Wrap several in html_lit(h, "<div class=\"govuk-button-group\">").
 */
struct govuk_button {
	const char *text;
	const char *href;         /* set: a link button */
	enum govuk_button_variant variant;
	const char *type;         /* default "submit" */
	const char *name;
	const char *value;
	const char *id;
	const char *classes;
	int prevent_double_click; /* data-prevent-double-click="true" */
	int disabled;
	int start;                /* start button, with the arrow */
};
void govuk_button(struct html *h, const struct govuk_button *o);

/* ---- Tables and lists ---- */

struct govuk_cell {
	const char *text;
	const char *href;         /* wrap the text in a govuk-link */
	int numeric;              /* right-aligned, for numbers and money */
	int header;               /* body cell as <th scope="row"> */
	int colspan;
};

struct govuk_table {
	const char *caption;
	const char *caption_class; /* e.g. "govuk-table__caption--m" */
	const struct govuk_cell *head; /* column headings; may be NULL */
	size_t ncols;
	const struct govuk_cell *cells; /* nrows * ncols, row by row */
	size_t nrows;
	const char *classes;
};
/* A whole table from arrays. */
void govuk_table(struct html *h, const struct govuk_table *t);
/*
 * The same in pieces, for rows produced in a loop: begin writes the table,
 * caption and head (cells and nrows are ignored), then one
 * govuk_table_row() per row, then govuk_table_end().
 */
void govuk_table_begin(struct html *h, const struct govuk_table *t);
void govuk_table_row(struct html *h, const struct govuk_cell *cells,
		     size_t n);
void govuk_table_end(struct html *h);

struct govuk_summary_row {
	const char *key;
	const char *value;
	const char *action_href;  /* optional "Change" link */
	const char *action_text;  /* default "Change" */
	const char *action_hidden; /* visually hidden end, e.g. "name" */
};

struct govuk_summary_list {
	const struct govuk_summary_row *rows;
	size_t nrows;
	const char *classes;      /* e.g. "govuk-summary-list--no-border" */
};
void govuk_summary_list(struct html *h, const struct govuk_summary_list *l);
/*
 * In pieces: any_actions says whether any row will have an action, since
 * rows without one then need the --no-actions class.
 */
void govuk_summary_list_begin(struct html *h, const char *classes);
void govuk_summary_list_row(struct html *h, const struct govuk_summary_row *r,
			    int any_actions);
void govuk_summary_list_end(struct html *h);

/* ---- Navigation ---- */

/*
 * Numbered pagination for pages 1..pages: page 1, the last page and the
 * pages either side of the current one, with ellipses for gaps, plus
 * Previous/Next links.  Each link is href_prefix followed by the page
 * number ("/contracts?q=x&page=").  Writes nothing for fewer than 2 pages.
 */
struct govuk_pagination {
	long page;                /* current, 1-based */
	long pages;
	const char *href_prefix;
	const char *label;        /* landmark label, default "Pagination" */
};
void govuk_pagination(struct html *h, const struct govuk_pagination *o);

/* Breadcrumbs; the last crumb is the current page and has href NULL. */
struct crumb {
	const char *text;
	const char *href;
};
void govuk_breadcrumbs(struct html *h, const struct crumb *crumbs, size_t n);

/* text NULL: "Back". */
void govuk_back_link(struct html *h, const char *href, const char *text);

/* ---- Content ---- */

enum govuk_tag_colour {
	GOVUK_TAG_BLUE = 0,       /* the default tag */
	GOVUK_TAG_GREY,
	GOVUK_TAG_GREEN,
	GOVUK_TAG_TEAL,
	GOVUK_TAG_PURPLE,
	GOVUK_TAG_MAGENTA,
	GOVUK_TAG_RED,
	GOVUK_TAG_ORANGE,
	GOVUK_TAG_YELLOW,
};
void govuk_tag(struct html *h, const char *text, enum govuk_tag_colour c);

/*
 * Notification banner: an "Important" region, or with success a "Success"
 * alert.  text is the banner's heading line; a link may follow it.
 */
struct govuk_notification {
	const char *title;        /* default "Important" / "Success" */
	const char *text;
	const char *link_text;
	const char *link_href;
	int success;
};
void govuk_notification_banner(struct html *h,
			       const struct govuk_notification *o);

/* The phase banner, e.g. tag "Alpha", text "This is a new service." */
void govuk_phase_banner(struct html *h, const char *tag, const char *text);
void govuk_inset_text(struct html *h, const char *text);
void govuk_warning_text(struct html *h, const char *text);
/*
 * Details ("show more"): a summary line that opens to reveal what is
 * written between begin and end (a list, paragraphs), so any content
 * can go inside.  id may be NULL.
 */
void govuk_details_begin(struct html *h, const char *summary, const char *id);
void govuk_details_end(struct html *h);

#endif
