/*
 * structure_web.h: page pieces shared by the pages of a partnership's
 * structure (organisations, areas, boards), so that each kind of record
 * is listed, added, changed, retired and imported the same way and the
 * words and markup for those live in one place.  Each module's file keeps
 * only what is its own: its fields, its rules and its store calls.
 *
 * The import page and its POST handler are shared whole: organisations
 * and areas differ only in their words, the columns they explain and the
 * store function that reads the file (import.h), so a struct
 * structure_import describes one and these functions do the rest.
 */
#ifndef JCS_STRUCTURE_WEB_H
#define JCS_STRUCTURE_WEB_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

struct actor;
struct code_label;
struct db;
struct form_errors;
struct govuk_choice;
struct govuk_option;
struct html;
struct import_result;
struct organisation;
struct page;
struct pool;
struct request;
struct response;

/* Rows per page of a paged list. */
#define STRUCTURE_PAGE_SIZE 50

/* 1 when the signed-in user may change the partnership's structure (the
 * pages show "Add", "Change" and "Retire" only then). */
int structure_can_write(const struct request *req);

/* ?page=N: a number from 1; 1 when missing or not a positive number. */
long structure_page_number(const struct request *req);

/* ?include_retired=true (the checkbox on list pages, and the API). */
int structure_include_retired(const struct request *req);

/* A record's status for its summary list: "Current", or "Retired on 22
 * November 2026" (in the pool). */
const char *structure_status(struct pool *pool, const char *retired_at);

/* ---- Lists ---- */

/*
 * The success banner for ?done=CODE.  added, changed, retired and
 * reinstated say "<noun> added", "<noun> details changed" ... (noun:
 * "Organisation"); extra (n entries, may be NULL) has the module's own
 * codes.  The message comes from here, never from the URL.
 */
void structure_done_banner(const struct request *req, struct html *h, const char *noun,
			   const struct code_label *extra, size_t n);

/* A list page's buttons, for those who may write: "Add ..." to add_href
 * and, when import_href is not NULL, "Import from CSV" beside it. */
void structure_list_actions(const struct request *req, struct html *h, const char *add_text,
			    const char *add_href, const char *import_href);

/* The "Include retired ..." checkbox of a list's GET form. */
void structure_retired_checkbox(struct html *h, const char *text, int checked);

/* ---- A record's page ---- */

/*
 * The retire or reinstate button of a record's page, posting to
 * "<base>/retire" or "<base>/reinstate", with a warning saying what
 * retiring does.  noun: "organisation", "area", "group".
 */
void structure_retire_form(struct request *req, struct response *res, struct html *h,
			   const char *base, const char *noun, int retired);

/*
 * A code table (types, roles) as the options of a select, after a first
 * option "" saying any ("Any type"; NULL: none), or as radios, each with
 * its hint from hints (code -> hint, may be NULL).  In the pool; NULL when
 * it is full.
 */
struct govuk_option *structure_code_options(struct pool *pool, const struct code_label *t,
					    size_t n, const char *any);
struct govuk_choice *structure_code_choices(struct pool *pool, const struct code_label *t,
					    size_t n, const struct code_label *hints,
					    size_t nhints);

/* "Choose an organisation", then orgs by id and name: the options of a
 * select of organisations (members of a group, a provider's employer).
 * In the pool; NULL when it is full. */
struct govuk_option *structure_organisation_options(struct pool *pool,
						    const struct organisation *orgs, size_t n);

/* ---- Add and change ---- */

struct structure_form {
	const char *list_text;  /* "Partner organisations": the list's crumb */
	const char *list_href;  /* "/organisations": crumb, navigation, "<list_href>/new" */
	const char *title;      /* the page's title and heading */
	const char *name;       /* the record's name when changing; NULL when adding */
	const char *self;       /* the record's page when changing */
	const char *submit;     /* the button when adding ("Add organisation");
				 * changing says "Save changes" */
	const struct form_errors *errs; /* may be NULL */
};

/*
 * The add or change page up to its fields: crumbs (Home, the list, the
 * record when changing, "Add" or "Change"), status 400 with the error
 * summary when errs has any, the record's name as a caption, the heading,
 * and the form (posting to "<self>/edit" or "<list_href>/new") with its
 * CSRF field.  The caller writes the fields into h, then calls
 * structure_form_end (the button, a Cancel link back, the page's end).
 */
void structure_form_begin(struct request *req, struct response *res, struct html *h,
			  struct page *pg, const struct structure_form *f);
void structure_form_end(struct response *res, struct html *h, struct page *pg,
			const struct structure_form *f);

/* ---- JSON API ---- */

/* ?include_retired for the API: 1 or 0, or -1 when it is neither "true"
 * nor "false" (answered 400). */
int structure_api_include_retired(struct request *req, struct response *res);
/* A filter that must be one of t's codes: 1 when value is NULL, "" or a
 * code of t; else answers 400 naming the codes ("type must be one of
 * ...") and returns 0. */
int structure_api_code(struct request *req, struct response *res, const char *name,
		       const char *value, const struct code_label *t, size_t n);
/* A list's store error for the API: E_INVAL is the search words (400),
 * the rest as respond_store_error. */
void structure_api_error(struct request *req, struct response *res, enum err rc);

/* An API list's page: ?limit, 1..STRUCTURE_API_LIMIT_MAX records
 * (STRUCTURE_API_LIMIT_DEFAULT when missing), from ?offset, 0 or more
 * (0 when missing). */
#define STRUCTURE_API_LIMIT_DEFAULT 100
#define STRUCTURE_API_LIMIT_MAX 1000
#define STRUCTURE_API_OFFSET_MAX 999999999L
struct structure_api_page {
	size_t limit;
	size_t offset;
};
/* Reads ?limit and ?offset into *pg: 1, or 0 having answered 400 naming
 * the parameter and what it takes. */
int structure_api_paging(struct request *req, struct response *res, struct structure_api_page *pg);
/* Answers 200 {"data": data, "total": total, "limit", "offset"}: data (a
 * JSON array, NULL when it could not be built: a 500) is the page's
 * records, total every match.  Takes data's reference. */
void structure_api_list(struct response *res, json_t *data, size_t total,
			const struct structure_api_page *pg);

/* ---- CSV import ---- */

typedef enum err (*structure_import_fn)(struct db *db, struct pool *pool, const struct actor *who,
					int64_t partnership_id, const char *data, size_t len,
					struct import_result *result);

/*
 * One column of the file, as the import page explains it.  A column of
 * codes points at the store's exported table and its count (variables,
 * so that a static description can name them).
 */
struct structure_import_column {
	const char *name;               /* "type": the header's word */
	const char *text;               /* what it holds; NULL when codes lists it */
	const struct code_label *const *codes; /* &organisation_type_table, or NULL */
	const size_t *ncodes;           /* &organisation_type_count */
	/* the words beside each code; NULL: the code's label */
	const char *(*code_text)(const char *code);
};

struct structure_import {
	const char *path;        /* "/organisations/import": the form posts here */
	const char *list_href;   /* "/organisations": crumbs, navigation, redirect */
	const char *list_title;  /* "Partner organisations" */
	const char *title;       /* "Import organisations from a CSV file" */
	const char *one;         /* "organisation": "1 organisation added" */
	const char *many;        /* "organisations" */
	const char *optional;    /* "The identifier column is optional." */
	const struct structure_import_column *columns; /* in the header's order */
	size_t ncolumns;
	structure_import_fn run;
};

/* GET: the upload form. */
void structure_import_form(struct request *req, struct response *res,
			   const struct structure_import *im);
/*
 * POST: reads the "file" part and imports it.  Every problem is listed in
 * the error summary (status 400, nothing written); on success redirects
 * to the list with ?done=imported&n=N.
 */
void structure_import_post(struct request *req, struct response *res,
			   const struct structure_import *im);
/* On the list page: "12 organisations added" after an import. */
void structure_import_banner(const struct request *req, struct html *h,
			     const struct structure_import *im);

#endif
