/*
 * benchmark.c: sharing a round with the national benchmark, and the
 * benchmark itself (benchmark.h).
 *
 * This is the one file in jcs whose SQL reads across partnerships: the
 * benchmark is by definition a comparison between them.  Its
 * cross-partnership statements read only sa_benchmark, which holds nothing
 * but per-standard aggregates a partnership chose to share (SHARED_SQL,
 * joined to their rounds for the rounds' days), and sa_benchmark_national,
 * the quartiles and counts made from them.  No partnership is named; only
 * whether a row is the caller's own.  Every other query here is scoped to
 * the caller's partnership, as everywhere else.
 *
 * Speed: the benchmark page is read far more often than rounds are shared,
 * so sharing or withdrawing a round recomputes the national quartiles per
 * standard key (reading every shared row: 150 partnerships x 3 rounds x
 * 13 standards is under 6,000) into sa_benchmark_national, and a page
 * reads that (a row per key) and the caller's own shared rows.
 */
#include "selfanalysis/benchmark.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "audit/audit.h"
#include "core/alloc.h"
#include "core/clock.h"
#include "core/pool.h"
#include "db/db.h"
#include "db/store.h"
#include "selfanalysis/framework.h"
#include "selfanalysis/results.h"
#include "selfanalysis/round.h"
#include "selfanalysis/stats.h"

/* Means are equal within this (they are stored to a thousandth). */
#define EPS 1e-9

static const char *const position_texts[] = {
	[BENCHMARK_BOTTOM_QUARTER] = "in the bottom quarter",
	[BENCHMARK_LOWER_MIDDLE] = "between the lower quartile and the median",
	[BENCHMARK_UPPER_MIDDLE] = "between the median and the upper quartile",
	[BENCHMARK_TOP_QUARTER] = "in the top quarter",
};

static const char *const position_codes[] = {
	[BENCHMARK_BOTTOM_QUARTER] = "bottom_quarter",
	[BENCHMARK_LOWER_MIDDLE] = "lower_middle",
	[BENCHMARK_UPPER_MIDDLE] = "upper_middle",
	[BENCHMARK_TOP_QUARTER] = "top_quarter",
};

const char *benchmark_position_text(enum benchmark_position p)
{
	return (unsigned)p <= BENCHMARK_TOP_QUARTER ? position_texts[p] : "";
}

const char *benchmark_position_code(enum benchmark_position p)
{
	return (unsigned)p <= BENCHMARK_TOP_QUARTER ? position_codes[p] : "";
}

enum benchmark_position benchmark_position_of(double mean, double q1, double median, double q3)
{
	if (mean > q3 + EPS)
		return BENCHMARK_TOP_QUARTER;
	if (mean >= median - EPS)
		return BENCHMARK_UPPER_MIDDLE;
	if (mean >= q1 - EPS)
		return BENCHMARK_LOWER_MIDDLE;
	return BENCHMARK_BOTTOM_QUARTER;
}

/* ---- sharing ---- */

/* The round as the audit trail shows a share: its name, when it was
 * shared, and (after a share) how many standards went. */
static json_t *share_json(const char *name, const char *shared_at, long standards)
{
	json_t *j = json_pack("{s:s, s:s?}", "name", name, "shared_at", shared_at);
	if (j && standards >= 0 && json_object_set_new(j, "standards", json_integer(standards))) {
		json_decref(j);
		return NULL;
	}
	return j;
}

static enum err audit_share(struct db *db, const struct actor *who, int64_t partnership_id,
			    const char *action, const struct round *r, const char *shared_at,
			    long standards)
{
	json_t *before = share_json(r->name, r->shared_at, -1);
	json_t *after = share_json(r->name, shared_at, standards);
	enum err rc = before && after ? audit_record(db, who, partnership_id, action, "sa_round", r->id,
						     before, after)
				      : E_NOMEM;
	json_decref(before);
	json_decref(after);
	return rc;
}

/* Runs sql with $1 the partnership, $2 the round and $3 text (may be
 * NULL), answering no rows. */
static enum err exec_round(struct db *db, const char *sql, int64_t partnership_id,
			   int64_t round_id, const char *text)
{
	struct db_stmt *st = NULL;
	enum err rc = db_prepare(db, sql, &st);
	if (rc == E_OK && (rc = db_bind_i64(st, 1, partnership_id)) == E_OK &&
	    (rc = db_bind_i64(st, 2, round_id)) == E_OK &&
	    (!strstr(sql, "$3") || (rc = db_bind_text(st, 3, text)) == E_OK))
		rc = store_step_done(st);
	db_finish(st);
	return rc;
}

static enum err recompute_national(struct db *db, struct pool *pool);

#define DELETE_SHARED "DELETE FROM sa_benchmark WHERE partnership_id = $1 AND round_id = $2"
#define SET_SHARED_AT "UPDATE sa_round SET shared_at = $3 WHERE partnership_id = $1 AND id = $2"

/* Inserts one standard's aggregates. */
static enum err insert_standard(struct db *db, int64_t partnership_id, const struct round_data *d,
				const struct standard_result *s, const char *day)
{
	struct db_stmt *st = NULL;
	enum err rc = db_prepare(db,
		"INSERT INTO sa_benchmark (partnership_id, round_id, framework, standard_key, n,"
		" mean_x1000, shared_on) VALUES ($1, $2, $3, $4, $5, $6, $7)", &st);
	if (rc == E_OK && (rc = db_bind_i64(st, 1, partnership_id)) == E_OK &&
	    (rc = db_bind_i64(st, 2, d->round.id)) == E_OK &&
	    (rc = db_bind_text(st, 3, d->fw.id)) == E_OK &&
	    (rc = db_bind_text(st, 4, s->standard->key)) == E_OK &&
	    (rc = db_bind_i64(st, 5, (int64_t)s->stats.n)) == E_OK &&
	    (rc = db_bind_i64(st, 6, (int64_t)llround(s->stats.mean * 1000.0))) == E_OK &&
	    (rc = db_bind_text(st, 7, day)) == E_OK)
		rc = store_step_done(st);
	db_finish(st);
	return rc;
}

enum err benchmark_share(struct db *db, const struct actor *who, int64_t partnership_id,
			 int64_t round_id)
{
	struct pool tmp;
	struct round_data d;
	struct round_results res;
	char now[CLOCK_ISO_SIZE], day[11];
	long shared = 0;
	int owned = 0;
	pool_init(&tmp, 16u << 20);
	enum err rc = db_begin_owned(db, &owned);
	if (rc)
		goto done;
	if ((rc = round_data_load(db, &tmp, partnership_id, round_id, &d)) ||
	    (rc = round_results_compute(&d, &tmp, &res)))
		goto out;
	/* Means are pooled by standard key: only the shipped frameworks'
	 * keys are known to mean the same on the same scale; an imported
	 * framework reusing a key on another scale would skew the
	 * quartiles. */
	if (!framework_builtin_json(d.fw.id, &(size_t){0})) {
		rc = E_INVAL;
		goto out;
	}
	/* A group round's one response is the group's agreed score, not a
	 * person's (response_add keeps group rounds to one); any other
	 * round's means must stand for at least k people, as the
	 * partnership's own pages require before showing answers one by one. */
	int group = d.round.mode == ROUND_GROUP && d.n_responses == 1;
	size_t min_n = group ? 1 : (size_t)results_k(d.k);
	if (!group && d.n_responses < min_n) {
		rc = E_RANGE;
		goto out;
	}
	clock_iso_now(now);
	memcpy(day, now, 10);
	day[10] = '\0';
	if ((rc = exec_round(db, DELETE_SHARED, partnership_id, round_id, NULL)))
		goto out;
	for (size_t i = 0; i < res.n; i++) {
		const struct standard_result *s = &res.standards[i];
		if (!s->stats.has_mean || s->stats.n < min_n)
			continue;
		if ((rc = insert_standard(db, partnership_id, &d, s, day)))
			goto out;
		shared++;
	}
	if (shared == 0) {
		rc = E_RANGE; /* nothing to share: rolled back */
		goto out;
	}
	if ((rc = exec_round(db, SET_SHARED_AT, partnership_id, round_id, now)) == E_OK &&
	    (rc = recompute_national(db, &tmp)) == E_OK)
		rc = audit_share(db, who, partnership_id, "share", &d.round, now, shared);
out:
	rc = db_end_owned(db, owned, rc);
done:
	pool_free(&tmp);
	return rc;
}

enum err benchmark_unshare(struct db *db, const struct actor *who, int64_t partnership_id,
			   int64_t round_id)
{
	struct pool tmp;
	struct round r;
	int owned = 0;
	pool_init(&tmp, 16u << 20); /* recompute_national reads every key */
	enum err rc = db_begin_owned(db, &owned);
	if (rc)
		goto done;
	if ((rc = round_get(db, &tmp, partnership_id, round_id, &r)) || !r.shared_at)
		goto out; /* not found, or not shared: nothing to undo */
	if ((rc = exec_round(db, DELETE_SHARED, partnership_id, round_id, NULL)) == E_OK &&
	    (rc = exec_round(db, SET_SHARED_AT, partnership_id, round_id, NULL)) == E_OK &&
	    (rc = recompute_national(db, &tmp)) == E_OK)
		rc = audit_share(db, who, partnership_id, "unshare", &r, NULL, -1);
out:
	rc = db_end_owned(db, owned, rc);
done:
	pool_free(&tmp);
	return rc;
}

/* ---- the benchmark ---- */

/*
 * Every shared row, grouped by partnership and within one its rounds
 * newest first: by the round's opening day, else its creation (a day
 * sorts before any time that day), then by id.  The database sorts only
 * the shared rounds (a few hundred) and reaches each round's rows by
 * sa_benchmark's key; the partnership's id comes back only so that each
 * partnership counts once, and own says which rows are the caller's ($1;
 * 0 matches none).  Taking each partnership's first row per key here is
 * several times faster on SQLite than ROW_NUMBER() over every row.  Read
 * only when a round is shared or withdrawn (recompute_national); pages
 * read the summary it leaves.
 */
#define SHARED_SQL \
	"SELECT r.partnership_id, b.standard_key, CASE WHEN r.partnership_id = $1 THEN 1 ELSE 0 END," \
	" b.mean_x1000, b.n FROM sa_round r" \
	" JOIN sa_benchmark b ON b.partnership_id = r.partnership_id AND b.round_id = r.id" \
	" WHERE r.shared_at IS NOT NULL" \
	" ORDER BY r.partnership_id, COALESCE(r.opens_on, r.created_at) COLLATE \"C\" DESC, r.id DESC"

/* Quartiles, own figures and position of one key, from its sorted means. */
static void finish_key(struct benchmark_standard *s, const double *means, size_t n)
{
	s->partnerships = n;
	s->suppressed = n < BENCHMARK_MIN_PARTNERSHIPS;
	if (s->suppressed)
		return;
	s->q1 = stats_quantile(means, n, 0.25);
	s->median = stats_quantile(means, n, 0.5);
	s->q3 = stats_quantile(means, n, 0.75);
	if (s->has_own)
		s->position = benchmark_position_of(s->own_mean, s->q1, s->median, s->q3);
}

/* A partnership's latest mean for a key (an index into the keys). */
struct pick {
	size_t key;
	double mean;
};

static int cmp_pick(const void *x, const void *y)
{
	const struct pick *a = x, *b = y;
	if (a->key != b->key)
		return a->key < b->key ? -1 : 1;
	return (a->mean > b->mean) - (a->mean < b->mean);
}

/* What reading SHARED_SQL builds: the keys met so far (in the pool), and
 * for each the partnership that last took it (so each counts once). */
struct reading {
	struct benchmark_standard *keys;
	int64_t *taken_by;
	size_t n, last;
	struct pick *picks;
	size_t npicks;
};

/* The index of key in r->keys, added when new; rows of a round come by
 * key and rounds of a framework share their keys, so the search starts
 * after the last key found. */
static enum err key_index(struct pool *pool, struct reading *r, const char *key, size_t *out)
{
	for (size_t k = 0; k < r->n; k++) {
		size_t i = (r->last + 1 + k) % r->n;
		if (strcmp(r->keys[i].key, key) == 0) {
			*out = r->last = i;
			return E_OK;
		}
	}
	if (r->n == BENCHMARK_KEYS_MAX)
		return E_TOOBIG;
	r->keys[r->n] = (struct benchmark_standard){.key = pool_strdup(pool, key)};
	r->taken_by[r->n] = 0;
	if (!r->keys[r->n].key)
		return E_NOMEM;
	*out = r->last = r->n++;
	return E_OK;
}

/* Reads SHARED_SQL, keeping each partnership's first (latest) row per key. */
static enum err read_shared(struct db *db, struct pool *pool, int64_t partnership_id,
			    struct reading *r)
{
	struct db_stmt *st = NULL;
	size_t cap = 0;
	enum err rc = db_prepare(db, SHARED_SQL, &st);
	if (rc == E_OK)
		rc = db_bind_i64(st, 1, partnership_id);
	while (rc == E_OK && store_next(st, &rc)) {
		int64_t pid = db_col_i64(st, 0);
		const char *key = db_col_text(st, 1);
		size_t k;
		if (!key) {
			rc = E_DB;
			break;
		}
		if ((rc = key_index(pool, r, key, &k)))
			break;
		if (r->taken_by[k] == pid)
			continue; /* an earlier round of a partnership already counted */
		r->taken_by[k] = pid;
		if (r->npicks == cap) {
			size_t ncap = cap ? 2 * cap : 1024;
			struct pick *grown = ncap <= BENCHMARK_ROWS_MAX ? xrealloc(r->picks, ncap * sizeof *grown) : NULL;
			if (!grown) {
				rc = ncap > BENCHMARK_ROWS_MAX ? E_TOOBIG : E_NOMEM;
				break;
			}
			r->picks = grown;
			cap = ncap;
		}
		double mean = (double)db_col_i64(st, 3) / 1000.0;
		r->picks[r->npicks++] = (struct pick){k, mean};
		if (db_col_i64(st, 2)) {
			r->keys[k].has_own = true;
			r->keys[k].own_mean = mean;
			r->keys[k].own_n = db_col_i64(st, 4);
		}
	}
	db_finish(st);
	return rc;
}

/* One entry per key (pool, in key order), with its figures. */
static enum err read_latest(struct db *db, struct pool *pool, int64_t partnership_id,
			    struct benchmark_standard **out, size_t *n)
{
	struct reading r = {
		.keys = pool_alloc(pool, BENCHMARK_KEYS_MAX * sizeof *r.keys),
		.taken_by = pool_alloc(pool, BENCHMARK_KEYS_MAX * sizeof *r.taken_by),
	};
	double *means = NULL;
	*out = NULL;
	*n = 0;
	enum err rc = r.keys && r.taken_by ? read_shared(db, pool, partnership_id, &r) : E_NOMEM;
	if (rc == E_OK && r.npicks && !(means = xmalloc(r.npicks * sizeof *means)))
		rc = E_NOMEM;
	if (rc || r.npicks == 0)
		goto out;
	/* By key, then mean: each key's means are a sorted run. */
	qsort(r.picks, r.npicks, sizeof *r.picks, cmp_pick);
	for (size_t i = 0, start = 0; i < r.npicks; i++) {
		means[i] = r.picks[i].mean;
		if (i + 1 == r.npicks || r.picks[i + 1].key != r.picks[i].key) {
			finish_key(&r.keys[r.picks[i].key], means + start, i + 1 - start);
			start = i + 1;
		}
	}
out:
	if (rc == E_OK) {
		*out = r.keys;
		*n = r.n;
	}
	xfree(r.picks);
	xfree(means);
	return rc;
}

/* A key with its place in the shipped frameworks (SIZE_MAX: in none). */
struct ranked_key {
	size_t rank;
	struct benchmark_standard s;
};

static int cmp_ranked(const void *x, const void *y)
{
	const struct ranked_key *a = x, *b = y;
	if (a->rank != b->rank)
		return a->rank < b->rank ? -1 : 1;
	return strcmp(a->s.key, b->s.key);
}

/*
 * Puts keys in the shipped frameworks' order with their titles: the later
 * versions first (the list is in id order, and a later version holds
 * every key of the earlier), then keys no shipped framework has, by key.
 */
static enum err order_keys(struct pool *pool, struct benchmark_standard *keys, size_t n)
{
	const char *const *ids = framework_builtin_list();
	size_t nids = 0, next = 0;
	struct ranked_key *r = pool_alloc(pool, (n ? n : 1) * sizeof *r);
	if (!r)
		return E_NOMEM;
	for (size_t i = 0; i < n; i++)
		r[i] = (struct ranked_key){SIZE_MAX, keys[i]};
	while (ids[nids])
		nids++;
	for (size_t f = nids; f-- > 0;) {
		struct framework fw;
		enum err rc = framework_builtin(ids[f], pool, &fw);
		if (rc)
			return rc;
		for (size_t s = 0; s < fw.n_standards; s++, next++)
			for (size_t i = 0; i < n; i++)
				if (r[i].rank == SIZE_MAX && strcmp(r[i].s.key, fw.standards[s].key) == 0) {
					r[i].rank = next;
					r[i].s.title = fw.standards[s].title;
				}
	}
	qsort(r, n, sizeof *r, cmp_ranked);
	for (size_t i = 0; i < n; i++)
		keys[i] = r[i].s;
	return E_OK;
}

static enum err read_shared_round(struct db_stmt *st, struct pool *pool, void *row)
{
	struct benchmark_shared_round *r = row;
	enum err rc;
	r->id = db_col_i64(st, 0);
	if ((rc = store_col_str(st, 1, pool, &r->name)) ||
	    (rc = store_col_str(st, 2, pool, &r->shared_at)))
		return rc;
	return E_OK;
}

/*
 * Recomputes sa_benchmark_national from every shared row, in the caller's
 * transaction (a share or a withdrawal).  The state row's update comes
 * first: on PostgreSQL it holds a row lock until commit, so two shares at
 * once recompute one after the other, the second seeing the first's rows.
 */
static enum err recompute_national(struct db *db, struct pool *pool)
{
	struct benchmark_standard *keys;
	size_t n;
	struct db_stmt *st = NULL;
	enum err rc = db_prepare(db, "UPDATE sa_benchmark_state SET version = version + 1 WHERE id = 1",
				 &st);
	if (rc == E_OK)
		rc = store_step_done(st);
	db_finish(st);
	if (rc || (rc = read_latest(db, pool, 0, &keys, &n)))
		return rc;
	if ((rc = db_prepare(db, "DELETE FROM sa_benchmark_national", &st)) == E_OK)
		rc = store_step_done(st);
	db_finish(st);
	for (size_t i = 0; rc == E_OK && i < n; i++) {
		const struct benchmark_standard *k = &keys[i];
		st = NULL;
		rc = db_prepare(db,
			"INSERT INTO sa_benchmark_national (standard_key, partnerships, q1_x1e6,"
			" median_x1e6, q3_x1e6) VALUES ($1, $2, $3, $4, $5)", &st);
		if (rc == E_OK && (rc = db_bind_text(st, 1, k->key)) == E_OK &&
		    (rc = db_bind_i64(st, 2, (int64_t)k->partnerships)) == E_OK &&
		    (rc = db_bind_i64(st, 3, k->suppressed ? 0 : llround(k->q1 * 1e6))) == E_OK &&
		    (rc = db_bind_i64(st, 4, k->suppressed ? 0 : llround(k->median * 1e6))) == E_OK &&
		    (rc = db_bind_i64(st, 5, k->suppressed ? 0 : llround(k->q3 * 1e6))) == E_OK)
			rc = store_step_done(st);
		db_finish(st);
	}
	return rc;
}

/* The national figures of every key, as recompute_national() left them. */
static enum err read_national(struct db *db, struct pool *pool, struct benchmark_standard **out,
			      size_t *n)
{
	struct benchmark_standard *keys = pool_alloc(pool, BENCHMARK_KEYS_MAX * sizeof *keys);
	struct db_stmt *st = NULL;
	*out = keys;
	*n = 0;
	if (!keys)
		return E_NOMEM;
	enum err rc = db_prepare(db,
		"SELECT standard_key, partnerships, q1_x1e6, median_x1e6, q3_x1e6"
		" FROM sa_benchmark_national", &st);
	while (rc == E_OK && store_next(st, &rc)) {
		if (*n == BENCHMARK_KEYS_MAX) {
			rc = E_TOOBIG;
			break;
		}
		struct benchmark_standard *k = &keys[(*n)++];
		*k = (struct benchmark_standard){.partnerships = (size_t)db_col_i64(st, 1)};
		if ((rc = store_col_str(st, 0, pool, &k->key)))
			break;
		k->suppressed = k->partnerships < BENCHMARK_MIN_PARTNERSHIPS;
		if (!k->suppressed) {
			k->q1 = (double)db_col_i64(st, 2) / 1e6;
			k->median = (double)db_col_i64(st, 3) / 1e6;
			k->q3 = (double)db_col_i64(st, 4) / 1e6;
		}
	}
	db_finish(st);
	return rc;
}

/* The partnership's own latest shared mean of each key, onto keys. */
static enum err read_own(struct db *db, int64_t partnership_id, struct benchmark_standard *keys,
			 size_t n)
{
	struct db_stmt *st = NULL;
	enum err rc = db_prepare(db,
		"SELECT b.standard_key, b.mean_x1000, b.n FROM sa_round r"
		" JOIN sa_benchmark b ON b.partnership_id = r.partnership_id AND b.round_id = r.id"
		" WHERE r.partnership_id = $1 AND r.shared_at IS NOT NULL"
		" ORDER BY COALESCE(r.opens_on, r.created_at) COLLATE \"C\" DESC, r.id DESC", &st);
	if (rc == E_OK)
		rc = db_bind_i64(st, 1, partnership_id);
	while (rc == E_OK && store_next(st, &rc)) {
		const char *key = db_col_text(st, 0);
		for (size_t i = 0; key && i < n; i++) {
			struct benchmark_standard *k = &keys[i];
			if (k->has_own || strcmp(k->key, key) != 0)
				continue; /* an earlier round's figure, or another key */
			k->has_own = true;
			k->own_mean = (double)db_col_i64(st, 1) / 1000.0;
			k->own_n = db_col_i64(st, 2);
			if (!k->suppressed)
				k->position = benchmark_position_of(k->own_mean, k->q1, k->median, k->q3);
			break;
		}
	}
	db_finish(st);
	return rc;
}

enum err benchmark_load(struct db *db, struct pool *pool, int64_t partnership_id,
			struct benchmark *out)
{
	memset(out, 0, sizeof *out);
	enum err rc = read_national(db, pool, &out->standards, &out->n);
	if (rc == E_OK && partnership_id)
		rc = read_own(db, partnership_id, out->standards, out->n);
	if (rc == E_OK)
		rc = order_keys(pool, out->standards, out->n);
	if (rc == E_OK && partnership_id) {
		const int64_t args[] = {partnership_id};
		void *rows = NULL;
		rc = store_list(db, pool,
			"SELECT id, name, shared_at FROM sa_round"
			" WHERE partnership_id = $1 AND shared_at IS NOT NULL"
			" ORDER BY shared_at DESC, id DESC LIMIT $2",
			args, 1, sizeof *out->shared, ROUND_LIST_MAX, read_shared_round, &rows, &out->n_shared);
		out->shared = rows;
	}
	return rc;
}

/* ---- JSON ---- */

/* A number, or null when absent. */
static json_t *opt_real(bool has, double v)
{
	return has ? json_real(v) : json_null();
}

json_t *benchmark_json(const struct benchmark *b)
{
	json_t *data = json_array(), *shared = json_array();
	for (size_t i = 0; data && shared && i < b->n; i++) {
		const struct benchmark_standard *s = &b->standards[i];
		bool q = !s->suppressed;
		json_t *o = json_pack("{s:s, s:s?, s:I, s:b, s:o, s:o, s:o, s:o, s:o, s:o}",
			"key", s->key, "title", s->title, "partnerships", (json_int_t)s->partnerships,
			"suppressed", s->suppressed, "q1", opt_real(q, s->q1),
			"median", opt_real(q, s->median), "q3", opt_real(q, s->q3),
			"own_mean", opt_real(s->has_own, s->own_mean),
			"own_n", s->has_own ? json_integer(s->own_n) : json_null(),
			"position", q && s->has_own ? json_string(benchmark_position_code(s->position))
						    : json_null());
		if (json_array_append_new(data, o))
			goto fail;
	}
	for (size_t i = 0; data && shared && i < b->n_shared; i++) {
		const struct benchmark_shared_round *r = &b->shared[i];
		if (json_array_append_new(shared, json_pack("{s:I, s:s, s:s?}", "round_id", (json_int_t)r->id,
							     "round", r->name, "shared_at", r->shared_at)))
			goto fail;
	}
	if (!data || !shared)
		goto fail;
	return json_pack("{s:i, s:o, s:o}", "min_partnerships", BENCHMARK_MIN_PARTNERSHIPS,
			 "shared", shared, "data", data);
fail:
	json_decref(data);
	json_decref(shared);
	return NULL;
}

enum err benchmark_refresh(struct db *db)
{
	struct pool tmp;
	int owned = 0;
	pool_init(&tmp, 16u << 20);
	enum err rc = db_begin_owned(db, &owned);
	if (rc == E_OK)
		rc = db_end_owned(db, owned, recompute_national(db, &tmp));
	pool_free(&tmp);
	return rc;
}
