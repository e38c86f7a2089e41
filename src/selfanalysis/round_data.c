/*
 * round_data.c: round_data_load(), everything a round's results need,
 * read in a fixed number of statements whatever the number of
 * respondents: the round, its framework (none for a shipped one), k, the
 * responses, every score of the round in one join, the stated averages
 * and the comments.  At national scale (hundreds of rounds of forty
 * respondents) a statement per response would be most of the page's time.
 *
 * Annex order is decided here, in C, because no SQL both backends share
 * sorts "R2" before "R10": responses with a respondent label (an import's
 * column heading, or a facilitator's label) come first, in natural order
 * (runs of digits compared by value, so "2" < "10" and "R2" < "R10"), then
 * the rest by their random id.  Neither the order nor the numbering that
 * follows from it says when anyone answered.
 */
#include "selfanalysis/results.h"

#include <stdlib.h>
#include <string.h>

#include "core/pool.h"
#include "db/db.h"
#include "db/store.h"

/* One response as the annex orders it. */
struct response_ref {
	int64_t id;
	const char *respondent;
	const char *grp;
};

static enum err read_response_ref(struct db_stmt *st, struct pool *pool, void *row)
{
	struct response_ref *r = row;
	enum err rc;
	r->id = db_col_i64(st, 0);
	if ((rc = store_col_str(st, 1, pool, &r->respondent)) ||
	    (rc = store_col_str(st, 2, pool, &r->grp)))
		return rc;
	return E_OK;
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Compares a run of digits at *a and *b by value, moving both past it. */
static int digits_cmp(const char **a, const char **b)
{
	const char *x = *a, *y = *b;
	size_t nx, ny;
	int c;
	while (*x == '0' && is_digit(x[1]))
		x++;
	while (*y == '0' && is_digit(y[1]))
		y++;
	for (nx = 0; is_digit(x[nx]); nx++)
		;
	for (ny = 0; is_digit(y[ny]); ny++)
		;
	c = nx != ny ? (nx < ny ? -1 : 1) : memcmp(x, y, nx);
	*a = x + nx;
	*b = y + ny;
	return c;
}

/* Natural order: digit runs by value, everything else by bytes. */
static int natural_cmp(const char *a, const char *b)
{
	while (*a && *b) {
		int c;
		if (is_digit(*a) && is_digit(*b)) {
			if ((c = digits_cmp(&a, &b)))
				return c;
			continue;
		}
		if (*a != *b)
			return (unsigned char)*a < (unsigned char)*b ? -1 : 1;
		a++;
		b++;
	}
	return *a ? 1 : *b ? -1 : 0;
}

static int annex_cmp(const void *pa, const void *pb)
{
	const struct response_ref *a = pa, *b = pb;
	int c;
	if (!a->respondent != !b->respondent)
		return a->respondent ? -1 : 1;
	if (a->respondent && (c = natural_cmp(a->respondent, b->respondent)))
		return c;
	return (a->id > b->id) - (a->id < b->id);
}

/* Response id -> its place in the annex, for the scores' lookup. */
struct id_place {
	int64_t id;
	size_t place;
};

static int id_place_cmp(const void *pa, const void *pb)
{
	const struct id_place *a = pa, *b = pb;
	return (a->id > b->id) - (a->id < b->id);
}

/* The responses in annex order, with their groups. */
static enum err load_responses(struct db *db, struct pool *pool, int64_t partnership_id,
			       int64_t round_id, struct round_data *out,
			       struct id_place **places)
{
	const int64_t args[] = {partnership_id, round_id};
	struct response_ref *refs = NULL;
	void *rows = NULL;
	size_t n = 0;
	enum err rc = store_list(db, pool,
		"SELECT id, respondent, grp FROM sa_response WHERE partnership_id = $1"
		" AND round_id = $2 LIMIT $3",
		args, 2, sizeof *refs, ROUND_RESPONSES_MAX, read_response_ref, &rows, &n);
	if (rc)
		return rc;
	refs = rows;
	if (n)
		qsort(refs, n, sizeof *refs, annex_cmp);
	out->n_responses = n;
	out->grp = pool_zalloc(pool, (n + 1) * sizeof *out->grp);
	*places = pool_alloc(pool, (n + 1) * sizeof **places);
	if (!out->grp || !*places)
		return E_NOMEM;
	for (size_t i = 0; i < n; i++) {
		out->grp[i] = refs[i].grp;
		(*places)[i].id = refs[i].id;
		(*places)[i].place = i;
	}
	if (n)
		qsort(*places, n, sizeof **places, id_place_cmp);
	return E_OK;
}

static enum score_kind kind_parse(const char *s)
{
	if (s && strcmp(s, "value") == 0)
		return SCORE_VALUE;
	if (s && strcmp(s, "range") == 0)
		return SCORE_RANGE;
	if (s && strcmp(s, "dont_know") == 0)
		return SCORE_DONT_KNOW;
	return SCORE_NONE;
}

/*
 * Every score of the round into out->cells, in one statement.  by_number
 * maps a standard's number to its index + 1 (0: not in the framework, a
 * row that cannot have been written through this store, and is skipped).
 */
static enum err load_scores(struct db *db, int64_t partnership_id, int64_t round_id,
			    struct round_data *out, const struct id_place *places,
			    const size_t *by_number)
{
	struct db_stmt *st = NULL;
	size_t ns = out->fw.n_standards;
	enum err rc = db_prepare(db,
		"SELECT s.response_id, s.standard, s.kind, s.lo, s.hi"
		" FROM sa_response r JOIN sa_score s"
		"  ON s.partnership_id = r.partnership_id AND s.response_id = r.id"
		" WHERE r.partnership_id = $1 AND r.round_id = $2", &st);
	if (rc == E_OK && (rc = db_bind_i64(st, 1, partnership_id)) == E_OK)
		rc = db_bind_i64(st, 2, round_id);
	while (rc == E_OK && store_next(st, &rc)) {
		struct id_place key = {db_col_i64(st, 0), 0};
		int64_t number = db_col_i64(st, 1);
		const struct id_place *p =
			out->n_responses ? bsearch(&key, places, out->n_responses, sizeof key,
						   id_place_cmp)
					 : NULL;
		if (!p || number < 1 || number > FRAMEWORK_MAX_NUMBER || !by_number[number])
			continue;
		struct score *c = &out->cells[p->place * ns + by_number[number] - 1];
		c->kind = kind_parse(db_col_text(st, 2));
		c->lo = (int)db_col_i64(st, 3);
		c->hi = (int)db_col_i64(st, 4);
	}
	db_finish(st);
	return rc;
}

/* The stated averages, per standard in framework order. */
static enum err load_stated(struct db *db, struct pool *pool, int64_t partnership_id,
			    int64_t round_id, struct round_data *out, const size_t *by_number)
{
	struct db_stmt *st = NULL;
	enum err rc = db_prepare(db,
		"SELECT standard, stated FROM sa_stated"
		" WHERE partnership_id = $1 AND round_id = $2", &st);
	if (rc == E_OK && (rc = db_bind_i64(st, 1, partnership_id)) == E_OK)
		rc = db_bind_i64(st, 2, round_id);
	while (rc == E_OK && store_next(st, &rc)) {
		int64_t number = db_col_i64(st, 0);
		if (number < 1 || number > FRAMEWORK_MAX_NUMBER || !by_number[number])
			continue;
		rc = store_col_str(st, 1, pool, &out->stated[by_number[number] - 1]);
	}
	db_finish(st);
	return rc;
}

static enum err read_comment(struct db_stmt *st, struct pool *pool, void *row)
{
	struct round_comment *c = row;
	c->id = db_col_i64(st, 0);
	c->standard = (int)db_col_i64(st, 1);
	c->selected = db_col_i64(st, 3) != 0;
	return store_col_str(st, 2, pool, &c->body);
}

enum err round_data_load(struct db *db, struct pool *pool, int64_t partnership_id,
			 int64_t round_id, struct round_data *out)
{
	const int64_t args[] = {partnership_id, round_id};
	struct id_place *places = NULL;
	size_t *by_number = NULL;
	void *comments = NULL;
	enum err rc;
	memset(out, 0, sizeof *out);
	if ((rc = round_get(db, pool, partnership_id, round_id, &out->round)) ||
	    (rc = framework_load(db, pool, partnership_id, out->round.framework, &out->fw)) ||
	    (rc = selfanalysis_k_get(db, partnership_id, &out->k)))
		return rc;
	framework_scale(&out->fw, &out->scale);
	if ((rc = load_responses(db, pool, partnership_id, round_id, out, &places)))
		return rc;
	size_t ns = out->fw.n_standards;
	out->cells = pool_zalloc(pool, (out->n_responses * ns + 1) * sizeof *out->cells);
	out->stated = pool_zalloc(pool, (ns + 1) * sizeof *out->stated);
	by_number = pool_zalloc(pool, (FRAMEWORK_MAX_NUMBER + 1) * sizeof *by_number);
	if (!out->cells || !out->stated || !by_number)
		return E_NOMEM;
	for (size_t s = 0; s < ns; s++) {
		int number = out->fw.standards[s].number;
		if (number >= 1 && number <= FRAMEWORK_MAX_NUMBER)
			by_number[number] = s + 1;
	}
	if ((rc = load_scores(db, partnership_id, round_id, out, places, by_number)) ||
	    (rc = load_stated(db, pool, partnership_id, round_id, out, by_number)))
		return rc;
	rc = store_list(db, pool,
		"SELECT id, standard, body, selected FROM sa_comment WHERE partnership_id = $1"
		" AND round_id = $2 ORDER BY standard, id LIMIT $3",
		args, 2, sizeof *out->comments, ROUND_COMMENTS_MAX, read_comment, &comments,
		&out->n_comments);
	out->comments = comments;
	return rc;
}
