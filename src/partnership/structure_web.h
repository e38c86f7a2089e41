/*
 * structure_web.h: page pieces shared by the pages of a partnership's
 * structure (organisations, areas, boards), so that each kind of record
 * is listed, paged, retired and imported the same way and the words and
 * markup for those live in one place.
 *
 * The import page and its POST handler are shared whole: organisations
 * and areas differ only in their words, the columns they explain and the
 * store function that reads the file (import.h), so a struct
 * structure_import describes one and these functions do the rest.
 */
#ifndef JCS_STRUCTURE_WEB_H
#define JCS_STRUCTURE_WEB_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

struct actor;
struct code_label;
struct db;
struct html;
struct import_result;
struct pool;
struct request;
struct response;

/* Rows per page of a paged list. */
#define STRUCTURE_PAGE_SIZE 50

/* 1 when the signed-in user may change the partnership's structure (the
 * pages show "Add", "Change" and "Retire" only then). */
int structure_can_write(const struct request *req);

/*
 * A form field with white space trimmed from both ends, in the pool; ""
 * when the form does not have it.  For checking what a person typed: the
 * form is re-displayed with the value as sent.
 */
const char *structure_field(struct request *req, const char *name);

/* ?page=N: a number from 1; 1 when missing or not a positive number. */
long structure_page_number(const struct request *req);

/* ?include_retired=true (the checkbox on list pages, and the API). */
int structure_include_retired(const struct request *req);

/* "22 November 2026" from stored ISO-8601 text; the text as it is when it
 * is not a date. */
const char *structure_date(struct pool *pool, const char *iso);

/*
 * The success banner for ?done=CODE when t has CODE; the message comes
 * from t, never from the URL.
 */
void structure_done_banner(const struct request *req, struct html *h, const struct code_label *t,
			   size_t n);

/*
 * The retire or reinstate button of a record's page, posting to
 * "<base>/retire" or "<base>/reinstate", with a warning saying what
 * retiring does.  noun: "organisation", "area", "group".
 */
void structure_retire_form(struct request *req, struct response *res, struct html *h,
			   const char *base, const char *noun, int retired);

/* ---- CSV import ---- */

typedef enum err (*structure_import_fn)(struct db *db, struct pool *pool, const struct actor *who,
					int64_t partnership_id, const char *data, size_t len,
					struct import_result *result);

struct structure_import {
	const char *path;        /* "/organisations/import": the form posts here */
	const char *list_href;   /* "/organisations": crumbs, navigation, redirect */
	const char *list_title;  /* "Partner organisations" */
	const char *title;       /* "Import organisations from a CSV file" */
	const char *one;         /* "organisation": "1 organisation added" */
	const char *many;        /* "organisations" */
	void (*explain)(struct html *h); /* the columns and codes the file uses */
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
