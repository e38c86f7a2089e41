/*
 * import.c: CSV imports of organisations and areas (import.h).
 *
 * Two phases, so that an import is all or nothing and its errors are all
 * listed at once: first every row is checked against the header, the
 * codes, the numbers, the other rows and the records already stored,
 * collecting errors for people (row = the line in the file, column = the
 * header name); only when there is none are the rows written, in one
 * transaction that the store functions join, each writing its own audit
 * event.  Any failure while writing rolls the whole file back.
 *
 * Values are trimmed and checked with store_text_clean(), the same rule
 * the store applies, so a row that passes here is not refused there.
 * Names are compared after cleaning, as stored.  Rows are matched by name
 * through one sorted index (duplicates, and parents named by an earlier
 * row), so a 20,000-row file costs n log n, not n squared.  A row whose
 * every field is empty is skipped, as spreadsheets leave such rows at the
 * end of an export.
 */
#include "partnership/import.h"

#include <stdlib.h>
#include <string.h>

#include "audit/audit.h"
#include "core/alloc.h"
#include "core/csv.h"
#include "core/pool.h"
#include "db/db.h"
#include "db/store.h"
#include "partnership/area.h"
#include "partnership/partnership.h"

#define IMPORT_BYTES_MAX (5u * 1024 * 1024)
#define IMPORT_COLS_MAX 64
#define POPULATION_MAX AREA_POPULATION_MAX
#define SHOWN_MAX 60 /* longest value quoted back in a message */
#define CSV_ERR_SIZE 256

struct column_spec {
	const char *name;
	int required;
};

static const struct column_spec org_columns[] = {
	{"name", 1}, {"type", 1}, {"role", 1}, {"identifier", 0},
};
static const struct column_spec area_columns[] = {
	{"name", 1}, {"type", 1}, {"parent", 1}, {"population_0_19", 0}, {"imd_decile", 0},
};
#define ORG_HEADER "name, type, role and optionally identifier"
#define AREA_HEADER "name, type, parent and optionally population_0_19, imd_decile"

enum { COL_NAME, COL_TYPE, COL_ROLE, COL_IDENTIFIER };
enum { COL_PARENT = 2, COL_POPULATION, COL_DECILE };
#define MAX_SPEC 5

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* One data row once checked: cleaned values (in the pool). */
struct row_info {
	int skip;              /* blank, or the wrong number of fields */
	const char *name;      /* NULL when missing or invalid */
	const char *type;
	const char *role;      /* organisations */
	const char *identifier;
	const char *parent;    /* areas: "" for top level */
	size_t parent_row;     /* index + 1 of a parent row in this file, or 0 */
	int64_t parent_id;     /* an existing parent area */
	int64_t population;    /* -1: not known */
	int decile;            /* 0: not known */
	int64_t id;            /* once written */
};

struct name_ref {
	const char *name;
	size_t row; /* index into csv.rows */
};

struct ctx {
	struct db *db;
	struct pool *pool;
	struct import_result *res;
	int64_t partnership_id;
	struct csv csv;
	const struct column_spec *spec;
	size_t nspec;
	const char *header_text;
	int col[MAX_SPEC];        /* field index of each spec column, or -1 */
	struct row_info *info;    /* per csv row; [0] is the header */
	struct name_ref *names;   /* sorted by name, then row */
	size_t nnames;
	int nomem;
};

/* Adds an error; message may be NULL only when out of memory. */
static void add_error(struct ctx *c, size_t row, const char *column, const char *message)
{
	struct import_result *r = c->res;
	if (!message) {
		c->nomem = 1;
		return;
	}
	if (r->nerrors == IMPORT_ERRORS_MAX) {
		r->more_errors = 1;
		return;
	}
	r->errors[r->nerrors++] = (struct import_error){row, column, message};
}

static int full(const struct ctx *c)
{
	return c->res->more_errors || c->nomem;
}

/* A value quoted for a message, or a stand-in when it is too long to show. */
static const char *shown(struct ctx *c, const char *s)
{
	if (strlen(s) > SHOWN_MAX)
		return "this value";
	return pool_printf(c->pool, "\"%s\"", s);
}

/* The raw field of spec column k in row r ("" when the column is absent). */
static const char *field(const struct ctx *c, size_t r, int k)
{
	return c->col[k] < 0 ? "" : c->csv.rows[r].fields[c->col[k]];
}

/*
 * The field trimmed and checked as the store checks text, copied into the
 * pool; NULL (with an error added) when it is too long or holds control
 * characters or invalid text.
 */
static const char *clean(struct ctx *c, size_t r, int k)
{
	char buf[STORE_NAME_MAX + 1];
	const char *raw = field(c, r, k);
	long n = store_text_clean(raw, STORE_NAME_MAX, 0, buf);
	if (n < 0) {
		add_error(c, c->csv.rows[r].line, c->spec[k].name,
			  pool_printf(c->pool, "%s is too long (at most %d bytes) or holds a tab,"
				      " line break or other control character", c->spec[k].name,
				      STORE_NAME_MAX));
		return NULL;
	}
	const char *s = pool_strdup(c->pool, buf);
	if (!s)
		c->nomem = 1;
	return s;
}

static int row_blank(const struct csv_row *row)
{
	for (size_t k = 0; k < row->n; k++) {
		char buf[STORE_NAME_MAX + 1];
		if (store_text_clean(row->fields[k], STORE_NAME_MAX, 0, buf) != 0)
			return 0;
	}
	return 1;
}

/* Header: known columns, each once, the required ones present. */
static int check_header(struct ctx *c)
{
	const struct csv_row *h = &c->csv.rows[0];
	size_t before = c->res->nerrors;
	int seen[MAX_SPEC] = {0};
	for (size_t f = 0; f < h->n; f++) {
		char buf[STORE_NAME_MAX + 1];
		long n = store_text_clean(h->fields[f], STORE_NAME_MAX, 0, buf);
		size_t k = 0;
		while (k < c->nspec && (n < 0 || strcmp(buf, c->spec[k].name) != 0))
			k++;
		if (k == c->nspec && n > 0 && n <= SHOWN_MAX) {
			add_error(c, h->line, pool_strdup(c->pool, buf),
				  pool_printf(c->pool, "unknown column: the columns are %s",
					      c->header_text));
		} else if (k == c->nspec) {
			add_error(c, h->line, NULL,
				  pool_printf(c->pool, "%s in the header (field %zu): the columns are %s",
					      n == 0 ? "an empty column name" : "an unknown column",
					      f + 1, c->header_text));
		} else if (seen[k]++ == 1) {
			add_error(c, h->line, c->spec[k].name,
				  pool_printf(c->pool, "the header has the %s column more than once",
					      c->spec[k].name));
		}
	}
	for (size_t k = 0; k < c->nspec; k++) {
		c->col[k] = csv_column(h, c->spec[k].name);
		if (c->spec[k].required && !seen[k])
			add_error(c, h->line, c->spec[k].name,
				  pool_printf(c->pool, "the header has no %s column: the columns are %s",
					      c->spec[k].name, c->header_text));
	}
	return c->res->nerrors == before && !c->nomem;
}

static int by_name_then_row(const void *a, const void *b)
{
	const struct name_ref *x = a, *y = b;
	int d = strcmp(x->name, y->name);
	return d ? d : (x->row > y->row) - (x->row < y->row);
}

/* The first row of the file with that name, or NULL. */
static const struct name_ref *file_row_named(const struct ctx *c, const char *name)
{
	size_t lo = 0, hi = c->nnames;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(c->names[mid].name, name) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < c->nnames && strcmp(c->names[lo].name, name) == 0 ? &c->names[lo] : NULL;
}

/*
 * Pass one, silent (pass two reports, in row order): blank rows, field
 * counts, and the index of valid names.
 */
static enum err index_names(struct ctx *c)
{
	const size_t header_n = c->csv.rows[0].n;
	c->names = xcalloc(c->csv.n, sizeof *c->names);
	if (!c->names)
		return E_NOMEM;
	for (size_t r = 1; r < c->csv.n; r++) {
		const struct csv_row *row = &c->csv.rows[r];
		struct row_info *in = &c->info[r];
		char buf[STORE_NAME_MAX + 1];
		if (row_blank(row)) {
			in->skip = 1;
			continue;
		}
		if (row->n != header_n)
			continue;
		if (store_text_clean(row->fields[c->col[COL_NAME]], STORE_NAME_MAX, 0, buf) <= 0)
			continue;
		if (!(in->name = pool_strdup(c->pool, buf)))
			return E_NOMEM;
		c->names[c->nnames++] = (struct name_ref){in->name, r};
	}
	qsort(c->names, c->nnames, sizeof *c->names, by_name_then_row);
	return E_OK;
}

/* The row has the header's number of fields and a name (else errors). */
static int check_shape_and_name(struct ctx *c, size_t r)
{
	const struct csv_row *row = &c->csv.rows[r];
	struct row_info *in = &c->info[r];
	const size_t header_n = c->csv.rows[0].n;
	if (row->n != header_n) {
		in->skip = 1;
		add_error(c, row->line, NULL,
			  pool_printf(c->pool, "this row has %zu field%s but the header has %zu",
				      row->n, row->n == 1 ? "" : "s", header_n));
		return 0;
	}
	if (in->name)
		return 1;
	const char *v = clean(c, r, COL_NAME);
	if (v && !*v)
		add_error(c, row->line, "name", "enter a name");
	return 1;
}

/* A name already used by an earlier row of the file, or by a stored record. */
static enum err check_name_free(struct ctx *c, size_t r, const char *what, int area)
{
	struct row_info *in = &c->info[r];
	const struct name_ref *first = file_row_named(c, in->name);
	if (first && first->row != r) {
		add_error(c, c->csv.rows[r].line, "name",
			  pool_printf(c->pool, "the name \"%s\" is already on row %zu", in->name,
				      c->csv.rows[first->row].line));
		return E_OK;
	}
	struct pool tmp;
	struct organisation o;
	struct area a;
	const char *retired = NULL;
	pool_init(&tmp, 64u << 10);
	enum err rc = area ? area_find_by_name(c->db, &tmp, c->partnership_id, in->name, &a) :
		organisation_find_by_name(c->db, &tmp, c->partnership_id, in->name, &o);
	if (rc == E_OK) {
		retired = area ? a.retired_at : o.retired_at;
		add_error(c, c->csv.rows[r].line, "name",
			  pool_printf(c->pool, "there is already %s called \"%s\"%s", what, in->name,
				      retired ? " (retired: reinstate it instead)" : ""));
	}
	pool_free(&tmp);
	return rc == E_NOTFOUND ? E_OK : rc;
}

/* A code column: required, and one of t's codes (the store's table, so
 * the message lists exactly the codes the store accepts). */
static const char *check_code(struct ctx *c, size_t r, int k, const struct code_label *t, size_t n)
{
	const char *v = clean(c, r, k);
	const char *col = c->spec[k].name;
	if (!v)
		return NULL;
	if (*v && code_label_find(t, n, v))
		return v;
	/* Only a row in error spends pool on the list of codes. */
	const char *codes = code_label_codes(c->pool, t, n, ", ");
	const char *s = *v ? shown(c, v) : NULL;
	if (!codes)
		add_error(c, c->csv.rows[r].line, col, NULL);
	else if (!*v)
		add_error(c, c->csv.rows[r].line, col,
			  pool_printf(c->pool, "enter a %s: one of %s", col, codes));
	else
		add_error(c, c->csv.rows[r].line, col,
			  pool_printf(c->pool, "%s is not a %s: use one of %s", s ? s : "", col, codes));
	return NULL;
}

/*
 * A whole number in [min, max] (digits only); "" is unknown (*known = 0).
 * 0 with an error added when it is not.
 */
static int check_number(struct ctx *c, size_t r, int k, int64_t min, int64_t max,
			const char *rule, int64_t *out, int *known)
{
	const char *v = clean(c, r, k);
	int64_t n = 0;
	*known = 0;
	if (!v)
		return 0;
	if (!*v)
		return 1;
	size_t i = 0;
	for (; v[i] >= '0' && v[i] <= '9' && n <= max; i++)
		n = n * 10 + (v[i] - '0');
	if (v[i] || n < min || n > max) {
		const char *s = shown(c, v);
		add_error(c, c->csv.rows[r].line, c->spec[k].name,
			  pool_printf(c->pool, "%s must be %s, or empty when not known (not %s)",
				      c->spec[k].name, rule, s ? s : ""));
		return 0;
	}
	*out = n;
	*known = 1;
	return 1;
}

static enum err check_org_row(struct ctx *c, size_t r)
{
	struct row_info *in = &c->info[r];
	enum err rc;
	if (in->name && (rc = check_name_free(c, r, "an organisation", 0)))
		return rc;
	in->type = check_code(c, r, COL_TYPE, organisation_type_table, organisation_type_count);
	in->role = check_code(c, r, COL_ROLE, organisation_role_table, organisation_role_count);
	in->identifier = clean(c, r, COL_IDENTIFIER);
	return E_OK;
}

/*
 * The parent: an earlier row of the file, else a current area already
 * stored (a later row is named as such, since moving it up is the fix),
 * of a higher level than the row's own type.
 */
static enum err check_parent(struct ctx *c, size_t r)
{
	struct row_info *in = &c->info[r];
	const size_t line = c->csv.rows[r].line;
	const int level = area_type_level(in->type);
	const char *parent_type = NULL, *problem = NULL;
	enum err rc = E_OK;
	if (level == 0)
		problem = "a county has no parent: leave parent empty";
	else if (in->name && strcmp(in->parent, in->name) == 0)
		problem = "an area cannot be its own parent";
	if (problem) {
		add_error(c, line, "parent", problem);
		return E_OK;
	}
	const struct name_ref *ref = file_row_named(c, in->parent);
	if (ref && ref->row < r) {
		in->parent_row = ref->row + 1;
		parent_type = c->info[ref->row].type;
	} else {
		struct pool tmp;
		struct area a;
		pool_init(&tmp, 64u << 10);
		rc = area_find_by_name(c->db, &tmp, c->partnership_id, in->parent, &a);
		if (rc == E_OK && a.retired_at) {
			problem = pool_printf(c->pool, "the parent \"%s\" is retired", in->parent);
		} else if (rc == E_OK) {
			in->parent_id = a.id;
			parent_type = pool_strdup(c->pool, a.type);
		} else if (rc == E_NOTFOUND && ref) {
			problem = pool_printf(c->pool, "the parent \"%s\" is on a later row (%zu):"
					      " put each area after its parent", in->parent,
					      c->csv.rows[ref->row].line);
		} else if (rc == E_NOTFOUND) {
			problem = pool_printf(c->pool, "there is no area called \"%s\" in this"
					      " partnership or on an earlier row", in->parent);
		}
		pool_free(&tmp);
		if (rc != E_OK && rc != E_NOTFOUND)
			return rc;
	}
	const int parent_level = area_type_level(parent_type);
	if (!problem && level > 0 && parent_level >= level) {
		/* The types above the row's: "county or district". */
		const char *higher = code_label_codes(c->pool, area_type_table, (size_t)level, " or ");
		problem = higher ? pool_printf(c->pool, "the parent of a %s must be a %s, but \"%s\" is a %s",
					       in->type, higher, in->parent, parent_type)
				 : NULL;
		if (!problem)
			c->nomem = 1;
	}
	if (problem || rc == E_NOTFOUND)
		add_error(c, line, "parent", problem);
	return E_OK;
}

static enum err check_area_row(struct ctx *c, size_t r)
{
	struct row_info *in = &c->info[r];
	int64_t v = 0;
	int known = 0;
	enum err rc;
	if (in->name && (rc = check_name_free(c, r, "an area", 1)))
		return rc;
	in->type = check_code(c, r, COL_TYPE, area_type_table, area_type_count);
	in->parent = clean(c, r, COL_PARENT);
	if (in->parent && *in->parent && (rc = check_parent(c, r)))
		return rc;
	in->population = -1;
	if (check_number(c, r, COL_POPULATION, 0, POPULATION_MAX,
			 "a whole number from 0 to 100000000 (no commas)", &v, &known) && known)
		in->population = v;
	if (check_number(c, r, COL_DECILE, 1, 10, "a whole number from 1 to 10", &v, &known) &&
	    known)
		in->decile = (int)v;
	return E_OK;
}

/* Pass two: the rows, then (when none failed) the writes. */
static enum err check_rows(struct ctx *c, int area)
{
	enum err rc = index_names(c);
	for (size_t r = 1; !rc && r < c->csv.n && !full(c); r++) {
		if (c->info[r].skip || !check_shape_and_name(c, r))
			continue;
		rc = area ? check_area_row(c, r) : check_org_row(c, r);
	}
	return rc;
}

/*
 * One transaction for the file (or the caller's, which the caller then
 * rolls back on error, as db.h says); the store functions join it.
 */
static enum err write_rows(struct ctx *c, const struct actor *who, int area)
{
	int owned = 0;
	size_t added = 0;
	enum err rc = db_begin_owned(c->db, &owned);
	for (size_t r = 1; !rc && r < c->csv.n; r++) {
		struct row_info *in = &c->info[r];
		if (in->skip)
			continue;
		if (area) {
			int64_t parent = in->parent_row ? c->info[in->parent_row - 1].id : in->parent_id;
			rc = area_add(c->db, who, c->partnership_id, in->name, in->type, parent,
				      in->population, in->decile, &in->id);
		} else {
			rc = organisation_add(c->db, who, c->partnership_id, in->name, in->type, in->role,
					      *in->identifier ? in->identifier : NULL, &in->id);
		}
		if (rc) {
			/* Checked already: another writer got there between the check
			 * and this write, or the database failed. */
			add_error(c, c->csv.rows[r].line, NULL,
				  rc == E_CONFLICT ? "this name was taken by someone else while the file"
				  " was being imported: nothing was imported, try again" :
				  "this row could not be saved: nothing was imported");
			break;
		}
		added++;
	}
	rc = db_end_owned(c->db, owned, rc);
	if (rc) {
		if (!c->res->nerrors)
			add_error(c, 0, NULL, "the import could not be saved: nothing was imported");
		return rc == E_DB || rc == E_NOMEM ? rc : E_INVAL;
	}
	c->res->added = added;
	return E_OK;
}

static enum err import(struct db *db, struct pool *pool, const struct actor *who,
		       int64_t partnership_id, const char *data, size_t len,
		       struct import_result *result, int area)
{
	struct ctx c = {.db = db, .pool = pool, .res = result, .partnership_id = partnership_id,
			.spec = area ? area_columns : org_columns,
			.nspec = area ? NELEM(area_columns) : NELEM(org_columns),
			.header_text = area ? AREA_HEADER : ORG_HEADER};
	char csverr[CSV_ERR_SIZE];
	enum err rc;
	memset(result, 0, sizeof *result);
	if (len > IMPORT_BYTES_MAX) {
		add_error(&c, 0, NULL, "the file is larger than 5 MB: split it into smaller files");
		return E_TOOBIG;
	}
	rc = csv_parse(pool, data, len, IMPORT_ROWS_MAX + 1, IMPORT_COLS_MAX, &c.csv, csverr,
		       sizeof csverr);
	/* The reader counts the header as a row and says so; people count the
	 * rows under it. */
	if (rc == E_TOOBIG && strstr(csverr, " rows")) {
		add_error(&c, 0, NULL,
			  pool_printf(pool, "the file has more than %d rows under its header:"
				      " split it into smaller files", IMPORT_ROWS_MAX));
		return c.nomem ? E_NOMEM : E_TOOBIG;
	}
	if (rc) {
		add_error(&c, 0, NULL, pool_strdup(pool, csverr));
		return c.nomem || rc == E_NOMEM ? E_NOMEM : rc;
	}
	if (c.csv.n == 0) {
		add_error(&c, 0, NULL, pool_printf(pool, "the file is empty: its first row must be"
						   " the header, with the columns %s",
						   c.header_text));
		return c.nomem ? E_NOMEM : E_INVAL;
	}
	if (!check_header(&c))
		return c.nomem ? E_NOMEM : E_INVAL;
	c.info = xcalloc(c.csv.n, sizeof *c.info);
	if (!c.info)
		return E_NOMEM;
	rc = check_rows(&c, area);
	if (!rc && c.nomem)
		rc = E_NOMEM;
	if (!rc && !result->nerrors) {
		size_t rows = 0;
		for (size_t r = 1; r < c.csv.n; r++)
			rows += !c.info[r].skip;
		if (rows == 0)
			add_error(&c, 0, NULL, "the file has no rows under its header");
	}
	if (!rc && result->nerrors)
		rc = E_INVAL;
	if (!rc)
		rc = write_rows(&c, who, area);
	if (rc)
		result->added = 0;
	xfree(c.info);
	xfree(c.names);
	return rc;
}

enum err import_organisations(struct db *db, struct pool *pool, const struct actor *who,
			      int64_t partnership_id, const char *data, size_t len,
			      struct import_result *result)
{
	return import(db, pool, who, partnership_id, data, len, result, 0);
}

enum err import_areas(struct db *db, struct pool *pool, const struct actor *who,
		      int64_t partnership_id, const char *data, size_t len,
		      struct import_result *result)
{
	return import(db, pool, who, partnership_id, data, len, result, 1);
}

const char *import_error_text(struct pool *pool, const struct import_error *e)
{
	if (e->row && e->column)
		return pool_printf(pool, "row %zu, column %s: %s", e->row, e->column, e->message);
	if (e->row)
		return pool_printf(pool, "row %zu: %s", e->row, e->message);
	if (e->column)
		return pool_printf(pool, "column %s: %s", e->column, e->message);
	return pool_strdup(pool, e->message);
}
