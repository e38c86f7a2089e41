/*
 * import.h: bulk set-up from CSV, shared by `jcs org import`, `jcs area
 * import` and the import pages.
 *
 * Organisations: header name,type,role and optionally identifier.
 * Areas: header name,type,parent and optionally population_0_19,imd_decile;
 * a parent is named by its name and may be an existing area or an earlier
 * row of the same file.  Columns may come in any order; unknown columns are
 * refused.  All or nothing: every row is checked and every problem listed
 * (up to IMPORT_ERRORS_MAX); only when there is none are the rows written,
 * in one transaction, each with its audit event.
 */
#ifndef JCS_IMPORT_H
#define JCS_IMPORT_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

struct actor;
struct db;
struct pool;

#define IMPORT_ERRORS_MAX 100
#define IMPORT_ROWS_MAX 20000

struct import_error {
	size_t row;          /* line in the file, from 1 (the header is 1); 0: whole file */
	const char *column;  /* header name, or NULL */
	const char *message; /* for people: "enter a type: one of county_council, ..." */
};

struct import_result {
	size_t added;                    /* rows written (0 on any error) */
	struct import_error errors[IMPORT_ERRORS_MAX];
	size_t nerrors;
	int more_errors;                 /* past IMPORT_ERRORS_MAX */
};

/* E_OK with result->added, or E_INVAL with result->errors (nothing written),
 * or E_DB/E_NOMEM. */
enum err import_organisations(struct db *db, struct pool *pool, const struct actor *who,
			      int64_t partnership_id, const char *data, size_t len,
			      struct import_result *result);
enum err import_areas(struct db *db, struct pool *pool, const struct actor *who,
		      int64_t partnership_id, const char *data, size_t len,
		      struct import_result *result);

/* One error as "row 3, column type: ..." (no file name) into the pool. */
const char *import_error_text(struct pool *pool, const struct import_error *e);

#endif
