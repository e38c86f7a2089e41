/*
 * response_store.c: the SQL behind round.h's responses, comments and
 * stated averages.
 *
 * What a response row can tell is kept to what the results need: ids are
 * random (a sequence, or SQLite's rowid order, would say who answered
 * first), the day is the finest time, and comments are rows of their own
 * with random ids and no response, so they cannot be attributed.  Online
 * answers leave no audit event, whose time would date them; other
 * additions record only the round's name and its count, never a score.
 *
 * A random id is drawn until the insert takes it (INSERT ... ON CONFLICT
 * DO NOTHING RETURNING answers no row for an id in use): a plain unique
 * violation would abort a PostgreSQL transaction, and an import adds its
 * responses inside one.
 *
 * Cells are checked against the framework's scale by formatting each and
 * parsing the text back (score_format, score_parse): callers have parsed
 * them already, but a cell the parser would not give back is refused here
 * too, without a second copy of the scale's rules.
 */
#include "selfanalysis/round.h"

#include <jansson.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "audit/audit.h"
#include "core/clock.h"
#include "core/pool.h"
#include "db/db.h"
#include "db/store.h"

/* How many ids to draw before giving up: with 2^53 of them, a second
 * draw is already rare; four failures mean something else is wrong. */
#define RANDOM_ID_TRIES 4
/* Longest stated average kept: "2.35" is what sources write. */
#define STATED_MAX 32

/* A random id in 1 .. 2^53 - 1, exact in a JSON number. */
static int64_t random_id(void)
{
	uint64_t v = 0;
	if (sodium_init() < 0)
		abort(); /* no source of randomness: a guessable id is worse than none */
	while (v == 0) {
		randombytes_buf(&v, sizeof v);
		v &= (UINT64_C(1) << 53) - 1;
	}
	return (int64_t)v;
}

/* Binds an insert's columns after its id ($2 ...). */
typedef enum err (*bind_rest_fn)(struct db_stmt *st, const void *arg);

/* Runs sql (an INSERT whose $1 is the id, ending "ON CONFLICT DO NOTHING
 * RETURNING id") with a fresh random id until one is free. */
static enum err insert_random_id(struct db *db, const char *sql, bind_rest_fn bind,
				 const void *arg, int64_t *id)
{
	enum err rc = E_CONFLICT;
	for (int i = 0; i < RANDOM_ID_TRIES && rc == E_CONFLICT; i++) {
		struct db_stmt *st = NULL;
		int64_t want = random_id();
		rc = db_prepare(db, sql, &st);
		if (rc == E_OK && (rc = db_bind_i64(st, 1, want)) == E_OK &&
		    (rc = bind(st, arg)) == E_OK) {
			rc = store_step_row(st);
			if (rc == E_NOTFOUND)
				rc = E_CONFLICT; /* the id was taken: draw again */
		}
		db_finish(st);
		if (rc == E_OK)
			*id = want;
	}
	return rc;
}

/* round.h: a write that changes nothing, for its row lock. */
enum err round_lock(struct db *db, int64_t partnership_id, int64_t round_id)
{
	struct db_stmt *st = NULL;
	enum err rc = db_prepare(db, "UPDATE sa_round SET status = status"
				     " WHERE partnership_id = $1 AND id = $2 RETURNING id", &st);
	if (rc == E_OK && (rc = db_bind_i64(st, 1, partnership_id)) == E_OK &&
	    (rc = db_bind_i64(st, 2, round_id)) == E_OK)
		rc = store_step_row(st);
	db_finish(st);
	return rc;
}

/* The round of the partnership and its framework, in pool. */
static enum err round_and_framework(struct db *db, struct pool *pool, int64_t partnership_id,
				    int64_t round_id, struct round *r, struct framework *fw)
{
	enum err rc = round_get(db, pool, partnership_id, round_id, r);
	if (rc == E_OK)
		rc = framework_load(db, pool, partnership_id, r->framework, fw);
	return rc;
}

/* A pool big enough for a framework and a response's cleaned comments. */
#define RESPONSE_POOL_LIMIT \
	(4 * FRAMEWORK_MAX_JSON + FRAMEWORK_MAX_STANDARDS * (COMMENT_MAX + 1) + (64u << 10))

/* 1 when the cell is one the scale's parser gives back as it is. */
static int cell_valid(const struct score *c, const struct scale *sc)
{
	char text[SCORE_TEXT_SIZE], err[SCORE_ERR_SIZE];
	struct score back;
	if (c->kind == SCORE_NONE)
		return 1;
	if (c->kind != SCORE_VALUE && c->kind != SCORE_RANGE && c->kind != SCORE_DONT_KNOW)
		return 0;
	if (score_format(c, text, sizeof text) || score_parse(text, sc, &back, err, sizeof err))
		return 0;
	return back.kind == c->kind && back.lo == c->lo && back.hi == c->hi;
}

/* A label (respondent, group): NULL for none; E_INVAL if it could not be
 * a name. */
static enum err clean_label(struct pool *pool, const char *in, const char **out)
{
	char buf[STORE_NAME_MAX + 1];
	long len = store_text_clean(in, STORE_NAME_MAX, 0, buf);
	*out = NULL;
	if (len < 0)
		return E_INVAL;
	if (len == 0)
		return E_OK;
	*out = pool_strndup(pool, buf, (size_t)len);
	return *out ? E_OK : E_NOMEM;
}

/* A comment's body cleaned into the pool; NULL for none. */
static enum err clean_comment(struct pool *pool, const char *in, const char **out)
{
	char *buf = pool_alloc(pool, COMMENT_MAX + 1);
	long len;
	*out = NULL;
	if (!buf)
		return E_NOMEM;
	len = store_text_clean(in, COMMENT_MAX, 1, buf);
	if (len < 0)
		return E_INVAL;
	*out = len ? buf : NULL;
	return E_OK;
}

/* E_CONFLICT when adding more comments would take the round past
 * ROUND_COMMENTS_MAX. */
static enum err comments_room(struct db *db, int64_t partnership_id, int64_t round_id,
			      size_t adding)
{
	const int64_t args[] = {partnership_id, round_id};
	int64_t have = 0;
	enum err rc;
	if (!adding)
		return E_OK;
	rc = store_count(db, "SELECT COUNT(*) FROM sa_comment WHERE partnership_id = $1"
			     " AND round_id = $2", args, 2, &have);
	if (rc == E_OK && have + (int64_t)adding > ROUND_COMMENTS_MAX)
		rc = E_CONFLICT;
	return rc;
}

/* The columns of a new comment after its id. */
struct comment_row {
	int64_t partnership_id, round_id;
	int standard;
	const char *body;
};

static enum err bind_comment(struct db_stmt *st, const void *arg)
{
	const struct comment_row *c = arg;
	enum err rc;
	if ((rc = db_bind_i64(st, 2, c->partnership_id)) ||
	    (rc = db_bind_i64(st, 3, c->round_id)) || (rc = db_bind_i64(st, 4, c->standard)) ||
	    (rc = db_bind_text(st, 5, c->body)))
		return rc;
	return E_OK;
}

static enum err insert_comment(struct db *db, const struct comment_row *c)
{
	int64_t id;
	return insert_random_id(db,
		"INSERT INTO sa_comment (id, partnership_id, round_id, standard, body)"
		" VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING id",
		bind_comment, c, &id);
}

/* ---- responses ---- */

static const char *const source_codes[] = {
	[RESPONSE_IMPORT] = "import",
	[RESPONSE_ENTRY] = "entry",
	[RESPONSE_ONLINE] = "online",
};

static const char *const kind_codes[] = {
	[SCORE_VALUE] = "value",
	[SCORE_RANGE] = "range",
	[SCORE_DONT_KNOW] = "dont_know",
};

/* The columns of a new response after its id. */
struct response_row {
	int64_t partnership_id, round_id;
	const char *respondent, *grp, *source;
	char day[11];
};

static enum err bind_response(struct db_stmt *st, const void *arg)
{
	const struct response_row *r = arg;
	enum err rc;
	if ((rc = db_bind_i64(st, 2, r->partnership_id)) ||
	    (rc = db_bind_i64(st, 3, r->round_id)) || (rc = db_bind_text(st, 4, r->respondent)) ||
	    (rc = db_bind_text(st, 5, r->grp)) || (rc = db_bind_text(st, 6, r->source)) ||
	    (rc = db_bind_text(st, 7, r->day)))
		return rc;
	return E_OK;
}

/* One sa_score row per answered standard. */
static enum err insert_scores(struct db *db, int64_t partnership_id, int64_t response_id,
			      const struct framework *fw, const struct score *cells)
{
	enum err rc = E_OK;
	for (size_t i = 0; i < fw->n_standards && rc == E_OK; i++) {
		struct db_stmt *st = NULL;
		const struct score *c = &cells[i];
		if (c->kind == SCORE_NONE)
			continue;
		rc = db_prepare(db, "INSERT INTO sa_score (partnership_id, response_id, standard,"
				    " kind, lo, hi) VALUES ($1, $2, $3, $4, $5, $6)", &st);
		if (rc == E_OK && (rc = db_bind_i64(st, 1, partnership_id)) == E_OK &&
		    (rc = db_bind_i64(st, 2, response_id)) == E_OK &&
		    (rc = db_bind_i64(st, 3, fw->standards[i].number)) == E_OK &&
		    (rc = db_bind_text(st, 4, kind_codes[c->kind])) == E_OK &&
		    (rc = db_bind_i64(st, 5, c->kind == SCORE_DONT_KNOW ? 0 : c->lo)) == E_OK &&
		    (rc = db_bind_i64(st, 6, c->kind == SCORE_DONT_KNOW ? 0 : c->hi)) == E_OK)
			rc = store_step_done(st);
		db_finish(st);
	}
	return rc;
}

/* The audit event of a change to a round's responses: its name and how
 * many it holds, nothing else. */
static json_t *responses_json(const char *round_name, int64_t count)
{
	return json_pack("{s:s, s:I}", "round", round_name, "responses", (json_int_t)count);
}

static enum err audit_responses(struct db *db, const struct actor *who, int64_t partnership_id,
				const char *action, const struct round *r, int64_t before_count,
				int64_t after_count)
{
	json_t *before = before_count >= 0 ? responses_json(r->name, before_count) : NULL;
	json_t *after = responses_json(r->name, after_count);
	enum err rc = E_NOMEM;
	if ((before_count < 0 || before) && after)
		rc = audit_record(db, who, partnership_id, action, "sa_round", r->id, before,
				  after);
	json_decref(before);
	json_decref(after);
	return rc;
}

/* The checks response_add makes before writing: the cells against the
 * scale, the comments and labels cleaned into pool (comments[i] NULL for
 * none), *ncomments those there are. */
static enum err response_check(struct pool *pool, const struct framework *fw,
			       const struct response_in *in, struct response_row *row,
			       const char **comments, size_t *ncomments)
{
	struct scale sc;
	enum err rc;
	if (in->n != fw->n_standards)
		return E_INVAL;
	framework_scale(fw, &sc);
	*ncomments = 0;
	for (size_t i = 0; i < in->n; i++) {
		if (!cell_valid(&in->cells[i], &sc))
			return E_INVAL;
		comments[i] = NULL;
		if (in->comments &&
		    (rc = clean_comment(pool, in->comments[i], &comments[i])))
			return rc;
		*ncomments += comments[i] != NULL;
	}
	if ((rc = clean_label(pool, in->respondent, &row->respondent)) ||
	    (rc = clean_label(pool, in->grp, &row->grp)))
		return rc;
	return E_OK;
}

enum err response_add(struct db *db, const struct actor *who, int64_t partnership_id,
		      int64_t round_id, const struct response_in *in)
{
	struct pool tmp;
	struct round r;
	struct framework fw;
	struct response_row row = {.partnership_id = partnership_id, .round_id = round_id};
	const char **comments = NULL;
	char now[CLOCK_ISO_SIZE];
	size_t ncomments = 0;
	int64_t response_id = 0;
	int owned = 0;
	enum err rc;
	/* An online answer carries no label: it could say who answered. */
	if (!in || in->n > FRAMEWORK_MAX_STANDARDS || (in->n && !in->cells) ||
	    (unsigned)in->source > RESPONSE_ONLINE ||
	    (in->source == RESPONSE_ONLINE && in->respondent))
		return E_INVAL;
	row.source = source_codes[in->source];
	clock_iso_now(now);
	memcpy(row.day, now, 10);
	row.day[10] = '\0';
	pool_init(&tmp, RESPONSE_POOL_LIMIT);
	rc = db_begin_owned(db, &owned);
	if (rc)
		goto done;
	if ((rc = round_lock(db, partnership_id, round_id)) ||
	    (rc = round_and_framework(db, &tmp, partnership_id, round_id, &r, &fw)))
		goto out;
	/* Imports may fill a closed round's history; nobody else may add.  A
	 * group round holds the group's agreed scores, once, never a
	 * person's answer given online. */
	if ((r.closed && in->source != RESPONSE_IMPORT) || r.responses >= ROUND_RESPONSES_MAX ||
	    (r.mode == ROUND_GROUP && (r.responses > 0 || in->source == RESPONSE_ONLINE))) {
		rc = E_CONFLICT;
		goto out;
	}
	/* Answers submitted online and waiting to be added keep their room:
	 * an entry or import may not take it, or closing the round could
	 * never add them. */
	if (in->source != RESPONSE_ONLINE) {
		const int64_t args[] = {partnership_id, round_id};
		int64_t waiting = 0;
		if ((rc = store_count(db, "SELECT COUNT(*) FROM sa_invitation WHERE partnership_id = $1"
					  " AND round_id = $2 AND status = 'submitted' AND draft IS NOT NULL",
				      args, 2, &waiting)))
			goto out;
		if (r.responses + waiting >= ROUND_RESPONSES_MAX) {
			rc = E_CONFLICT;
			goto out;
		}
	}
	comments = pool_zalloc(&tmp, (fw.n_standards + 1) * sizeof *comments);
	if (!comments) {
		rc = E_NOMEM;
		goto out;
	}
	if ((rc = response_check(&tmp, &fw, in, &row, comments, &ncomments)) ||
	    (rc = comments_room(db, partnership_id, round_id, ncomments)))
		goto out;
	rc = insert_random_id(db,
		"INSERT INTO sa_response (id, partnership_id, round_id, respondent, grp, source,"
		" submitted_on) VALUES ($1, $2, $3, $4, $5, $6, $7)"
		" ON CONFLICT DO NOTHING RETURNING id",
		bind_response, &row, &response_id);
	if (rc == E_OK)
		rc = insert_scores(db, partnership_id, response_id, &fw, in->cells);
	for (size_t i = 0; rc == E_OK && i < fw.n_standards; i++) {
		struct comment_row c = {partnership_id, round_id, fw.standards[i].number,
					comments[i]};
		if (comments[i])
			rc = insert_comment(db, &c);
	}
	if (rc == E_OK && in->source != RESPONSE_ONLINE)
		rc = audit_responses(db, who, partnership_id, "add_response", &r, -1,
				     r.responses + 1);
out:
	rc = db_end_owned(db, owned, rc);
done:
	pool_free(&tmp);
	return rc;
}

enum err round_clear_responses(struct db *db, const struct actor *who, int64_t partnership_id,
			       int64_t round_id)
{
	static const char *const deletes[] = {
		("DELETE FROM sa_score WHERE partnership_id = $1 AND response_id IN"
		 " (SELECT id FROM sa_response WHERE partnership_id = $1 AND round_id = $2)"),
		"DELETE FROM sa_response WHERE partnership_id = $1 AND round_id = $2",
		"DELETE FROM sa_comment WHERE partnership_id = $1 AND round_id = $2",
		"DELETE FROM sa_stated WHERE partnership_id = $1 AND round_id = $2",
	};
	const int64_t args[] = {partnership_id, round_id};
	struct pool tmp;
	struct round r;
	int64_t online = 0;
	int owned = 0;
	enum err rc;
	pool_init(&tmp, STORE_POOL_LIMIT);
	rc = db_begin_owned(db, &owned);
	if (rc)
		goto done;
	if ((rc = round_lock(db, partnership_id, round_id)) ||
	    (rc = round_get(db, &tmp, partnership_id, round_id, &r)))
		goto out;
	/* Answers given online cannot be given again: never clear them. */
	rc = store_count(db,
		"SELECT (SELECT COUNT(*) FROM sa_invitation WHERE partnership_id = $1"
		"  AND round_id = $2 AND status = 'submitted')"
		" + (SELECT COUNT(*) FROM sa_response WHERE partnership_id = $1"
		"  AND round_id = $2 AND source = 'online')", args, 2, &online);
	if (rc == E_OK && online > 0)
		rc = E_CONFLICT;
	for (size_t i = 0; rc == E_OK && i < sizeof deletes / sizeof deletes[0]; i++) {
		struct db_stmt *st = NULL;
		rc = db_prepare(db, deletes[i], &st);
		if (rc == E_OK && (rc = db_bind_i64(st, 1, partnership_id)) == E_OK &&
		    (rc = db_bind_i64(st, 2, round_id)) == E_OK)
			rc = store_step_done(st);
		db_finish(st);
	}
	if (rc == E_OK)
		rc = audit_responses(db, who, partnership_id, "clear_responses", &r, r.responses,
				     0);
out:
	rc = db_end_owned(db, owned, rc);
done:
	pool_free(&tmp);
	return rc;
}

/* ---- stated averages and comments without a response ---- */

/* E_INVAL unless standard is a number of the round's framework. */
static enum err check_standard(struct db *db, int64_t partnership_id, int64_t round_id,
			       int standard)
{
	struct pool tmp;
	struct round r;
	struct framework fw;
	enum err rc;
	pool_init(&tmp, 4 * FRAMEWORK_MAX_JSON + STORE_POOL_LIMIT);
	rc = round_and_framework(db, &tmp, partnership_id, round_id, &r, &fw);
	if (rc == E_OK && !framework_find_number(&fw, standard))
		rc = E_INVAL;
	pool_free(&tmp);
	return rc;
}

enum err round_set_stated(struct db *db, int64_t partnership_id, int64_t round_id,
			  int standard, const char *stated)
{
	struct db_stmt *st = NULL;
	char clean[STATED_MAX + 1];
	long len = store_text_clean(stated, STATED_MAX, 0, clean);
	enum err rc;
	if (len < 0)
		return E_INVAL;
	if ((rc = check_standard(db, partnership_id, round_id, standard)))
		return rc;
	if (len == 0) {
		/* None stated: forget any stated before. */
		const int64_t args[] = {partnership_id, round_id, standard};
		rc = db_prepare(db, "DELETE FROM sa_stated WHERE partnership_id = $1"
				    " AND round_id = $2 AND standard = $3", &st);
		for (int i = 0; rc == E_OK && i < 3; i++)
			rc = db_bind_i64(st, i + 1, args[i]);
	} else {
		rc = db_prepare(db, "INSERT INTO sa_stated (partnership_id, round_id, standard,"
				    " stated) VALUES ($1, $2, $3, $4)"
				    " ON CONFLICT (round_id, standard)"
				    " DO UPDATE SET stated = excluded.stated", &st);
		if (rc == E_OK && (rc = db_bind_i64(st, 1, partnership_id)) == E_OK &&
		    (rc = db_bind_i64(st, 2, round_id)) == E_OK &&
		    (rc = db_bind_i64(st, 3, standard)) == E_OK)
			rc = db_bind_text(st, 4, clean);
	}
	if (rc == E_OK)
		rc = store_step_done(st);
	db_finish(st);
	return rc;
}

enum err round_add_comment(struct db *db, int64_t partnership_id, int64_t round_id,
			   int standard, const char *body)
{
	char clean[COMMENT_MAX + 1];
	long len = store_text_clean(body, COMMENT_MAX, 1, clean);
	struct comment_row c = {partnership_id, round_id, standard, clean};
	enum err rc;
	if (len <= 0)
		return E_INVAL;
	if ((rc = check_standard(db, partnership_id, round_id, standard)) ||
	    (rc = comments_room(db, partnership_id, round_id, 1)))
		return rc;
	return insert_comment(db, &c);
}

enum err round_select_comment(struct db *db, const struct actor *who, int64_t partnership_id,
			      int64_t round_id, int64_t comment_id, int selected)
{
	struct db_stmt *st = NULL;
	json_t *before = NULL, *after = NULL;
	int64_t standard = 0, was = 0;
	int owned = 0;
	enum err rc;
	if (selected != 0 && selected != 1)
		return E_INVAL;
	rc = db_begin_owned(db, &owned);
	if (rc)
		return rc;
	rc = db_prepare(db, "SELECT standard, selected FROM sa_comment WHERE partnership_id = $1"
			    " AND round_id = $2 AND id = $3", &st);
	if (rc == E_OK && (rc = db_bind_i64(st, 1, partnership_id)) == E_OK &&
	    (rc = db_bind_i64(st, 2, round_id)) == E_OK &&
	    (rc = db_bind_i64(st, 3, comment_id)) == E_OK && (rc = store_step_row(st)) == E_OK) {
		standard = db_col_i64(st, 0);
		was = db_col_i64(st, 1);
	}
	db_finish(st);
	st = NULL;
	if (rc || was == selected)
		goto out; /* not found, or already so */
	rc = db_prepare(db, "UPDATE sa_comment SET selected = $4 WHERE partnership_id = $1"
			    " AND round_id = $2 AND id = $3", &st);
	if (rc == E_OK && (rc = db_bind_i64(st, 1, partnership_id)) == E_OK &&
	    (rc = db_bind_i64(st, 2, round_id)) == E_OK &&
	    (rc = db_bind_i64(st, 3, comment_id)) == E_OK &&
	    (rc = db_bind_i64(st, 4, selected)) == E_OK)
		rc = store_step_done(st);
	db_finish(st);
	if (rc)
		goto out;
	/* The comment's standard and the choice; never its words, which the
	 * round's pages show to those allowed to see them. */
	before = json_pack("{s:I, s:b}", "standard", (json_int_t)standard, "selected", (int)was);
	after = json_pack("{s:I, s:b}", "standard", (json_int_t)standard, "selected", selected);
	rc = before && after ? audit_record(db, who, partnership_id, "update", "sa_comment",
					    comment_id, before, after)
			     : E_NOMEM;
out:
	json_decref(before);
	json_decref(after);
	return db_end_owned(db, owned, rc);
}
