/*
 * import.c (selfanalysis): the scores and comments CSV files of a round
 * (import.h).
 *
 * Parsing checks everything before anything is written and lists every
 * problem at once, each with the line it is on and the column it is in,
 * named by its header, so a person can fix a whole spreadsheet in one go.
 * Cells are read by score_parse against the framework's own scale, so a
 * file is refused with the same words the entry form uses.  Rows may come
 * in any order; the result is in the framework's order, which is what
 * response_add wants.  Respondents are matched by label through a sorted
 * index, so a 2,000-column file costs n log n.
 *
 * Writing happens only for files without problems, in one transaction
 * that the store functions join (db_begin_owned): the round, one response
 * per column, the stated averages, the comments.  Any failure rolls all of
 * it back.  Whether an existing round may be filled is decided inside that
 * transaction, so a round that gained responses since it was looked at is
 * not filled twice on SQLite, whose transactions take the write lock.
 */
#include "selfanalysis/import.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/csv.h"
#include "core/pool.h"
#include "db/db.h"
#include "db/store.h"
#include "selfanalysis/stats.h"

#define CSV_ERR_SIZE 256
#define SHOWN_MAX 40      /* longest value quoted back in a message */
#define NUMBER_TEXT_MAX 16 /* a standard number's field, trimmed */

struct parse {
	struct pool *pool;
	const struct framework *fw;
	struct import_result *res;
	int nomem;
};

/* Adds a problem; message NULL means the pool ran out. */
static void problem(struct parse *p, size_t row, const char *column, const char *message)
{
	if (!message) {
		p->nomem = 1;
		return;
	}
	if (p->res->nerrors == IMPORT_ERRORS_MAX) {
		p->res->more_errors = 1;
		return;
	}
	p->res->errors[p->res->nerrors++] = (struct import_error){row, column, message};
}

static enum err outcome(const struct parse *p, enum err rc)
{
	if (p->nomem)
		return E_NOMEM;
	if (rc)
		return rc;
	return p->res->nerrors ? E_INVAL : E_OK;
}

/* s quoted for a message, or a stand-in when it is too long to show. */
static const char *shown(struct parse *p, const char *s)
{
	if (strlen(s) > SHOWN_MAX)
		return "this value";
	return pool_printf(p->pool, "\"%s\"", s);
}

/* A field trimmed (single line) into the pool; NULL when it holds control
 * characters or is longer than max, "" when empty. */
static const char *cleaned(struct parse *p, const char *field, size_t max)
{
	char buf[SA_IMPORT_LABEL_MAX + 1];
	if (max > SA_IMPORT_LABEL_MAX)
		max = SA_IMPORT_LABEL_MAX;
	if (store_text_clean(field, max, 0, buf) < 0)
		return NULL;
	const char *s = pool_strdup(p->pool, buf);
	if (!s)
		p->nomem = 1;
	return s;
}

/* The whole file as CSV, its limits checked: E_OK with a header row. */
static enum err read_csv(struct parse *p, const char *data, size_t len, size_t max_rows,
			 size_t max_cols, const char *header_text, struct csv *out)
{
	char err[CSV_ERR_SIZE];
	if (len > SA_IMPORT_BYTES_MAX) {
		problem(p, 0, NULL, pool_printf(p->pool, "the file is larger than %u MB: is it"
						" the right file?", SA_IMPORT_BYTES_MAX >> 20));
		return E_TOOBIG;
	}
	enum err rc = csv_parse(p->pool, data ? data : "", len, max_rows + 1, max_cols, out, err,
				sizeof err);
	if (rc == E_NOMEM) {
		p->nomem = 1;
		return E_NOMEM;
	}
	if (rc == E_TOOBIG && strstr(err, " rows")) {
		problem(p, 0, NULL, pool_printf(p->pool, "the file has more than %zu rows under"
						" its header", max_rows));
		return E_TOOBIG;
	}
	if (rc == E_TOOBIG && strstr(err, " fields")) {
		problem(p, 0, NULL, pool_printf(p->pool, "%s: a round holds at most %d"
						" respondents", err, ROUND_RESPONSES_MAX));
		return E_TOOBIG;
	}
	if (rc) {
		problem(p, 0, NULL, pool_strdup(p->pool, err));
		return rc;
	}
	if (out->n == 0) {
		problem(p, 0, NULL, pool_printf(p->pool, "the file is empty: its first row must"
						" be the header, %s", header_text));
		return E_INVAL;
	}
	return E_OK;
}

static int row_blank(const struct csv_row *row)
{
	for (size_t k = 0; k < row->n; k++) {
		size_t n;
		store_trim(row->fields[k], &n);
		if (n)
			return 0;
	}
	return 1;
}

/* The field count matches the header's (else a problem). */
static int row_shape(struct parse *p, const struct csv_row *row, size_t header_n)
{
	if (row->n == header_n)
		return 1;
	problem(p, row->line, NULL,
		pool_printf(p->pool, "this row has %zu field%s but the header has %zu", row->n,
			    row->n == 1 ? "" : "s", header_n));
	return 0;
}

/*
 * The framework standard a row's standard field names: its index, or -1
 * after adding a problem at (row, "standard").
 */
static long standard_index(struct parse *p, const struct csv_row *row, const char *field)
{
	const struct framework *fw = p->fw;
	char buf[NUMBER_TEXT_MAX + 1];
	long n = store_text_clean(field, NUMBER_TEXT_MAX, 0, buf);
	int number = 0;
	long k = 0;
	for (; k < n && buf[k] >= '0' && buf[k] <= '9'; k++)
		if (number <= FRAMEWORK_MAX_NUMBER) /* more digits are refused below */
			number = number * 10 + (buf[k] - '0');
	const int first = fw->n_standards ? fw->standards[0].number : 0;
	const int last = fw->n_standards ? fw->standards[fw->n_standards - 1].number : 0;
	if (n == 0) {
		problem(p, row->line, "standard",
			pool_printf(p->pool, "enter the standard's number (%d to %d)", first, last));
		return -1;
	}
	if (n < 0 || k != n || k > 3) {
		const char *s = n < 0 ? "this value" : shown(p, buf);
		problem(p, row->line, "standard",
			pool_printf(p->pool, "%s is not a standard number: write the number alone,"
				    " as numbered in %s (%d to %d)", s ? s : "", fw->id, first,
				    last));
		return -1;
	}
	for (size_t s = 0; s < fw->n_standards; s++)
		if (fw->standards[s].number == number)
			return (long)s;
	problem(p, row->line, "standard",
		pool_printf(p->pool, "%s has no standard %d: its standards are numbered %d to %d",
			    fw->id, number, first, last));
	return -1;
}

/* ---- scores ---- */

/* A column as spreadsheets letter it (0 is A, 26 is AA): how people find
 * a header cell that has no usable name of its own. */
static const char *column_letters(struct pool *pool, size_t index)
{
	char buf[8];
	size_t n = sizeof buf - 1;
	buf[n] = '\0';
	for (size_t i = index + 1; i > 0 && n > 0; i = (i - 1) / 26)
		buf[--n] = (char)('A' + (i - 1) % 26);
	return pool_strdup(pool, buf + n);
}

/* A respondent's column as people find it: its spreadsheet letter and
 * its label, "B (respondent 1)", so that "column 1" is never read as
 * spreadsheet column A.  j counts respondents from 0 (column B). */
static const char *respondent_column(struct pool *pool, size_t j, const char *label)
{
	const char *letters = column_letters(pool, j + 1);
	if (!letters)
		return NULL;
	return label ? pool_printf(pool, "%s (respondent %s)", letters, label) : letters;
}

struct label_ref {
	const char *label;
	size_t col; /* field index in the header */
};

static int by_label_then_col(const void *a, const void *b)
{
	const struct label_ref *x = a, *y = b;
	int d = strcmp(x->label, y->label);
	return d ? d : (x->col > y->col) - (x->col < y->col);
}

#define SCORES_HEADER "standard, then one column per respondent (its label),"\
	" and optionally stated_average last"

/*
 * The header: "standard", the respondents' labels, optionally
 * "stated_average" last.  Fills out->labels and *columns (how problems
 * name each respondent's column); 0 when it has problems.
 */
static int scores_header(struct parse *p, const struct csv_row *h, int *has_stated,
			 struct sa_import_scores *out, const char ***columns)
{
	const size_t before = p->res->nerrors;
	const char *first = cleaned(p, h->fields[0], SA_IMPORT_LABEL_MAX);
	if (p->nomem)
		return 0;
	if (!first || strcasecmp(first, "standard") != 0) {
		problem(p, h->line, "A", "the first column must be standard (the standard's"
			" number), then one column per respondent");
		return 0;
	}
	const char *lastf = cleaned(p, h->fields[h->n - 1], SA_IMPORT_LABEL_MAX);
	*has_stated = h->n > 1 && lastf && strcasecmp(lastf, "stated_average") == 0;
	const size_t n = h->n - 1 - (size_t)*has_stated;
	if (n == 0) {
		problem(p, h->line, NULL, "the file has no respondent columns: after standard, give"
			" one column per respondent, headed by its label (such as 1, 2, 3 ...)");
		return 0;
	}
	if (n > ROUND_RESPONSES_MAX) {
		problem(p, h->line, NULL,
			pool_printf(p->pool, "the file has %zu respondent columns: a round holds at"
				    " most %d", n, ROUND_RESPONSES_MAX));
		return 0;
	}
	out->n_respondents = n;
	out->labels = pool_zalloc(p->pool, n * sizeof *out->labels);
	*columns = pool_zalloc(p->pool, n * sizeof **columns);
	struct label_ref *refs = pool_alloc(p->pool, n * sizeof *refs);
	if (!out->labels || !*columns || !refs) {
		p->nomem = 1;
		return 0;
	}
	size_t nrefs = 0;
	for (size_t j = 0; j < n; j++) {
		const char *label = cleaned(p, h->fields[j + 1], SA_IMPORT_LABEL_MAX);
		const char *col = column_letters(p->pool, j + 1);
		if (p->nomem || !col) {
			p->nomem = 1;
			return 0;
		}
		if (!label)
			problem(p, h->line, col,
				pool_printf(p->pool, "a respondent's label is at most %d characters,"
					    " without line breaks", SA_IMPORT_LABEL_MAX));
		else if (!*label)
			problem(p, h->line, col, "this column has no label: head each respondent's"
				" column with its label, such as its interview number");
		else if (strcasecmp(label, "standard") == 0)
			problem(p, h->line, col, "standard is the first column only: give this"
				" respondent another label");
		else if (strcasecmp(label, "stated_average") == 0)
			problem(p, h->line, col, "stated_average must be the last column");
		else {
			out->labels[j] = label;
			refs[nrefs++] = (struct label_ref){label, j + 1};
		}
		if (!((*columns)[j] = respondent_column(p->pool, j, out->labels[j]))) {
			p->nomem = 1;
			return 0;
		}
	}
	qsort(refs, nrefs, sizeof *refs, by_label_then_col);
	for (size_t i = 1; i < nrefs; i++)
		if (strcmp(refs[i].label, refs[i - 1].label) == 0)
			problem(p, h->line, (*columns)[refs[i].col - 1],
				pool_printf(p->pool, "two respondents are labelled %s (columns %s and"
					    " %s): give each its own label", shown(p, refs[i].label),
					    column_letters(p->pool, refs[i - 1].col),
					    column_letters(p->pool, refs[i].col)));
	return p->res->nerrors == before && !p->nomem;
}

/* One data row: its standard, its cells, its stated average. */
static void scores_row(struct parse *p, const struct csv_row *row, const struct scale *sc,
		       int has_stated, const char *const *columns, size_t *row_of,
		       struct sa_import_scores *out)
{
	const size_t n_std = out->n_standards;
	long s = standard_index(p, row, row->fields[0]);
	if (s >= 0 && row_of[s]) {
		problem(p, row->line, "standard",
			pool_printf(p->pool, "standard %d is already on row %zu",
				    p->fw->standards[s].number, row_of[s]));
		s = -1;
	}
	if (s >= 0)
		row_of[s] = row->line;
	for (size_t j = 0; j < out->n_respondents; j++) {
		struct score cell;
		char err[SCORE_ERR_SIZE];
		if (score_parse(row->fields[j + 1], sc, &cell, err, sizeof err)) {
			problem(p, row->line, columns[j], pool_strdup(p->pool, err));
			continue;
		}
		if (s >= 0)
			out->cells[j * n_std + (size_t)s] = cell;
	}
	if (!has_stated)
		return;
	const char *raw = row->fields[row->n - 1];
	const char *stated = cleaned(p, raw, SA_IMPORT_STATED_MAX);
	double v;
	int decimals;
	if (p->nomem || (stated && !*stated))
		return;
	if (!stated || stats_stated_parse(stated, &v, &decimals) || v < 0) {
		const char *q = stated ? shown(p, stated) : "this value";
		problem(p, row->line, "stated_average",
			pool_printf(p->pool, "%s is not an average: write it as a number, such as"
				    " 2.35, or leave it empty", q ? q : ""));
		return;
	}
	if (s >= 0) {
		out->stated[s] = stated;
		out->n_stated++;
	}
}

enum err sa_import_parse_scores(struct pool *pool, const struct framework *fw, const char *data,
				size_t len, struct sa_import_scores *out,
				struct import_result *res)
{
	struct parse p = {.pool = pool, .fw = fw, .res = res};
	struct csv csv;
	struct scale sc;
	int has_stated = 0;
	const char **columns = NULL;
	memset(res, 0, sizeof *res);
	memset(out, 0, sizeof *out);
	enum err rc = read_csv(&p, data, len, SA_IMPORT_SCORE_ROWS_MAX, ROUND_RESPONSES_MAX + 2,
			       SCORES_HEADER, &csv);
	if (rc || !scores_header(&p, &csv.rows[0], &has_stated, out, &columns))
		return outcome(&p, rc ? rc : E_INVAL);
	const size_t n_std = fw->n_standards, n_resp = out->n_respondents;
	framework_scale(fw, &sc);
	out->n_standards = n_std;
	const size_t n_cells = n_resp * n_std;
	out->cells = pool_zalloc(pool, (n_cells ? n_cells : 1) * sizeof *out->cells);
	out->stated = pool_zalloc(pool, (n_std ? n_std : 1) * sizeof *out->stated);
	size_t *row_of = pool_zalloc(pool, (n_std ? n_std : 1) * sizeof *row_of);
	if (!out->cells || !out->stated || !row_of)
		return E_NOMEM;
	size_t rows = 0;
	for (size_t r = 1; r < csv.n && !p.nomem; r++) {
		const struct csv_row *row = &csv.rows[r];
		if (row_blank(row) || !row_shape(&p, row, csv.rows[0].n))
			continue;
		rows++;
		scores_row(&p, row, &sc, has_stated, columns, row_of, out);
	}
	if (rows == 0 && !res->nerrors) {
		problem(&p, 0, NULL, "the file has no rows under its header: one row per standard");
		return outcome(&p, E_INVAL);
	}
	/* Only a file whose rows are all good can say what is missing: a row
	 * refused for its number would show up here too. */
	const bool rows_ok = res->nerrors == 0;
	for (size_t s = 0; s < n_std && rows_ok; s++)
		if (!row_of[s])
			problem(&p, 0, "standard",
				pool_printf(pool, "standard %d has no row: add one (with empty cells"
					    " if nobody scored it)", fw->standards[s].number));
	/* A column without a single answer is most likely a spreadsheet's
	 * leftover, and would count as a respondent towards anonymity. */
	for (size_t j = 0; j < n_resp && !res->nerrors; j++) {
		size_t s = 0;
		while (s < n_std && out->cells[j * n_std + s].kind == SCORE_NONE)
			s++;
		if (s == n_std)
			problem(&p, csv.rows[0].line, columns[j],
				"this respondent has no answer to any standard: remove the column");
	}
	return outcome(&p, E_OK);
}

/* ---- comments ---- */

#define COMMENTS_HEADER "standard,comment"

enum err sa_import_parse_comments(struct pool *pool, const struct framework *fw,
				  const char *data, size_t len, struct sa_import_comments *out,
				  struct import_result *res)
{
	struct parse p = {.pool = pool, .fw = fw, .res = res};
	struct csv csv;
	memset(res, 0, sizeof *res);
	memset(out, 0, sizeof *out);
	enum err rc = read_csv(&p, data, len, SA_IMPORT_COMMENT_ROWS_MAX, 8, COMMENTS_HEADER, &csv);
	if (rc)
		return outcome(&p, rc);
	const struct csv_row *h = &csv.rows[0];
	int col_std = csv_column(h, "standard"), col_body = csv_column(h, "comment");
	if (col_std < 0 || col_body < 0 || h->n != 2) {
		problem(&p, h->line, NULL, "the header must be " COMMENTS_HEADER ": the standard's"
			" number, then the comment");
		return outcome(&p, E_INVAL);
	}
	out->items = pool_alloc(pool, (csv.n ? csv.n : 1) * sizeof *out->items);
	char *body = pool_alloc(pool, COMMENT_MAX + 1);
	if (!out->items || !body)
		return E_NOMEM;
	for (size_t r = 1; r < csv.n && !p.nomem; r++) {
		const struct csv_row *row = &csv.rows[r];
		if (row_blank(row) || !row_shape(&p, row, h->n))
			continue;
		long s = standard_index(&p, row, row->fields[col_std]);
		long n = store_text_clean(row->fields[col_body], COMMENT_MAX, 1, body);
		if (n == 0)
			problem(&p, row->line, "comment", "enter the comment, or remove the row");
		else if (n < 0)
			problem(&p, row->line, "comment",
				pool_printf(pool, "a comment is at most %d bytes of text, without"
					    " control characters", COMMENT_MAX));
		if (s < 0 || n <= 0)
			continue;
		const char *copy = pool_strndup(pool, body, (size_t)n);
		if (!copy)
			return E_NOMEM;
		out->items[out->n++] = (struct sa_import_comment){fw->standards[s].number, copy};
	}
	if (out->n == 0 && !res->nerrors)
		problem(&p, 0, NULL, "the file has no comments under its header");
	return outcome(&p, E_OK);
}

/* ---- writing ---- */

struct job {
	struct db *db;
	struct pool *pool;
	const struct actor *who;
	int64_t partnership_id;
	struct sa_import_result *res;
	struct framework fw;
	struct sa_import_scores scores;
	struct sa_import_comments comments;
	enum round_mode mode; /* the round's, to be or as it is */
};

/*
 * A group round holds one response, the group's agreed scores
 * (round.h): a file with more respondent columns is refused at the
 * header's second one, naming how many there are.
 */
static enum err group_columns(struct job *j)
{
	const struct sa_import_scores *sc = &j->scores;
	if (j->mode != ROUND_GROUP || sc->n_respondents < 2)
		return E_OK;
	struct parse p = {.pool = j->pool, .fw = &j->fw, .res = &j->res->scores};
	problem(&p, 1, respondent_column(j->pool, 1, sc->labels ? sc->labels[1] : NULL),
		pool_printf(j->pool, "a group round holds one response, the scores the group"
			    " agreed, but the file has %zu respondent columns: keep the"
			    " group's column only, or import into an interviews round",
			    sc->n_respondents));
	return p.nomem ? E_NOMEM : E_INVAL;
}

static enum err parse_files(struct job *j, const struct sa_import_file *scores,
			    const struct sa_import_file *comments)
{
	enum err rc = sa_import_parse_scores(j->pool, &j->fw, scores ? scores->data : NULL,
					     scores ? scores->len : 0, &j->scores, &j->res->scores);
	if (rc == E_NOMEM)
		return rc;
	enum err rc1 = group_columns(j);
	if (rc1 == E_NOMEM)
		return rc1;
	if (!rc)
		rc = rc1;
	if (comments && comments->data) {
		enum err rc2 = sa_import_parse_comments(j->pool, &j->fw, comments->data,
							comments->len, &j->comments,
							&j->res->comments);
		if (rc2 == E_NOMEM)
			return rc2;
		if (!rc)
			rc = rc2;
	}
	return rc ? E_INVAL : E_OK;
}

/* Why round r cannot be filled, or NULL when it can. */
static const char *cannot_fill(struct job *j, const struct round *r, int mode)
{
	if (strcmp(r->framework, j->fw.id) != 0)
		return pool_printf(j->pool, "the round \"%s\" uses the framework %s, not %s: choose"
				   " another name for a new round", r->name, r->framework, j->fw.id);
	if (r->responses > 0)
		return pool_printf(j->pool, "the round \"%s\" already holds %lld response%s:"
				   " nothing was imported (import into a new round, or clear"
				   " this one's responses first)", r->name, (long long)r->responses,
				   r->responses == 1 ? "" : "s");
	if (mode >= 0 && (enum round_mode)mode != r->mode)
		return pool_printf(j->pool, "the round \"%s\" is a %s round, not %s", r->name,
				   round_mode_code(r->mode), round_mode_code((enum round_mode)mode));
	return NULL;
}

/* The responses, stated averages and comments, into round_id. */
static enum err write_contents(struct job *j, int64_t round_id)
{
	const struct sa_import_scores *sc = &j->scores;
	enum err rc = E_OK;
	for (size_t r = 0; r < sc->n_respondents && !rc; r++) {
		struct response_in in = {
			.respondent = sc->labels[r],
			.source = RESPONSE_IMPORT,
			.cells = sc->cells + r * sc->n_standards,
			.n = sc->n_standards,
		};
		rc = response_add(j->db, j->who, j->partnership_id, round_id, &in);
	}
	for (size_t s = 0; s < sc->n_standards && !rc; s++)
		if (sc->stated[s])
			rc = round_set_stated(j->db, j->partnership_id, round_id,
					      j->fw.standards[s].number, sc->stated[s]);
	for (size_t c = 0; c < j->comments.n && !rc; c++)
		rc = round_add_comment(j->db, j->partnership_id, round_id,
				       j->comments.items[c].standard, j->comments.items[c].body);
	if (!rc) {
		j->res->respondents = sc->n_respondents;
		j->res->stated = sc->n_stated;
		j->res->comments_added = j->comments.n;
	}
	return rc;
}

/*
 * In one transaction: find the round (by id, or by name), decide whether
 * it may be filled or must be created, and write.  round_id 0: by name.
 */
static enum err write_all(struct job *j, int64_t round_id, const char *name, int mode)
{
	struct round r;
	int owned = 0;
	enum err rc = db_begin_owned(j->db, &owned);
	if (rc)
		return rc;
	rc = round_id ? round_get(j->db, j->pool, j->partnership_id, round_id, &r)
		      : round_find(j->db, j->pool, j->partnership_id, name, &r);
	if (rc == E_OK) {
		j->res->problem = cannot_fill(j, &r, mode);
		if (j->res->problem)
			rc = E_INVAL;
	} else if (rc == E_NOTFOUND && !round_id) {
		r = (struct round){.framework = j->fw.id, .name = name,
				   .mode = mode < 0 ? ROUND_INTERVIEWS : (enum round_mode)mode};
		rc = round_add(j->db, j->who, j->partnership_id, &r, &r.id);
		if (rc == E_CONFLICT)
			j->res->problem = pool_printf(j->pool, "a round called \"%s\" was added by"
						      " someone else meanwhile: nothing was"
						      " imported", name);
		j->res->round_created = rc == E_OK;
	}
	if (!rc)
		rc = write_contents(j, r.id);
	if (rc == E_CONFLICT && !j->res->problem)
		j->res->problem = "the round was closed or filled by someone else meanwhile:"
				  " nothing was imported";
	rc = db_end_owned(j->db, owned, rc);
	if (rc) {
		j->res->round_id = 0;
		j->res->round_created = false;
		j->res->respondents = j->res->stated = j->res->comments_added = 0;
		if (j->res->problem || rc == E_CONFLICT)
			return E_INVAL;
		return rc;
	}
	j->res->round_id = r.id;
	return E_OK;
}

static void job_start(struct job *j, struct db *db, struct pool *pool, const struct actor *who,
		      int64_t partnership_id, struct sa_import_result *result)
{
	memset(result, 0, sizeof *result);
	memset(j, 0, sizeof *j);
	j->db = db;
	j->pool = pool;
	j->who = who;
	j->partnership_id = partnership_id;
	j->res = result;
}

enum err selfanalysis_import(struct db *db, struct pool *pool, const struct actor *who,
			     int64_t partnership_id, const char *framework_id,
			     const char *round_name, int mode, const struct sa_import_file *scores,
			     const struct sa_import_file *comments,
			     struct sa_import_result *result)
{
	struct job j;
	char name[STORE_NAME_MAX + 1];
	job_start(&j, db, pool, who, partnership_id, result);
	if (mode != -1 && mode != ROUND_INTERVIEWS && mode != ROUND_GROUP)
		return E_INVAL;
	enum err rc = framework_load(db, pool, partnership_id, framework_id ? framework_id : "",
				     &j.fw);
	if (rc == E_NOTFOUND) {
		const char *id = framework_id && strlen(framework_id) <= FRAMEWORK_MAX_ID
					 ? framework_id : "";
		result->problem = pool_printf(pool, "there is no framework \"%s\": use the id of"
					      " a shipped or imported one", id);
		return result->problem ? E_INVAL : E_NOMEM;
	}
	if (rc)
		return rc;
	if (store_text_clean(round_name, STORE_NAME_MAX, 0, name) <= 0) {
		result->problem = pool_printf(pool, "enter a name for the round: 1 to %d characters"
					      " without line breaks", STORE_NAME_MAX);
		return result->problem ? E_INVAL : E_NOMEM;
	}
	/* Looked at now so that the files' problems and the round's are
	 * listed together; decided again in the transaction that writes. */
	struct round r;
	j.mode = mode < 0 ? ROUND_INTERVIEWS : (enum round_mode)mode;
	rc = round_find(db, pool, partnership_id, name, &r);
	if (rc == E_OK) {
		result->problem = cannot_fill(&j, &r, mode);
		j.mode = r.mode;
	} else if (rc != E_NOTFOUND) {
		return rc;
	}
	rc = parse_files(&j, scores, comments);
	if (rc || result->problem)
		return rc == E_NOMEM ? rc : E_INVAL;
	return write_all(&j, 0, name, mode);
}

enum err selfanalysis_import_into(struct db *db, struct pool *pool, const struct actor *who,
				  int64_t partnership_id, int64_t round_id,
				  const struct sa_import_file *scores,
				  const struct sa_import_file *comments,
				  struct sa_import_result *result)
{
	struct job j;
	struct round r;
	job_start(&j, db, pool, who, partnership_id, result);
	enum err rc = round_get(db, pool, partnership_id, round_id, &r);
	if (rc)
		return rc;
	if ((rc = framework_load(db, pool, partnership_id, r.framework, &j.fw)))
		return rc;
	result->problem = cannot_fill(&j, &r, -1);
	j.mode = r.mode;
	rc = parse_files(&j, scores, comments);
	if (rc || result->problem)
		return rc == E_NOMEM ? rc : E_INVAL;
	return write_all(&j, round_id, NULL, -1);
}
