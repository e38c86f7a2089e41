/*
 * invitation_draft.c: a respondent's answers and the draft text they are
 * saved as between visits (invitation.h).  Pure: no I/O.
 *
 * Drafts are keyed by standard number, not position, so a draft read
 * against its framework finds each answer by what it answers.  Scores are
 * kept as score_format's canonical text, which is also what the form's
 * radios send, so a saved answer re-checks its radio by plain comparison.
 */
#include "selfanalysis/invitation.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/pool.h"

enum err invitation_answers_init(const struct framework *f, struct pool *pool,
				 struct invitation_answers *out)
{
	size_t n = f->n_standards;
	out->n = n;
	out->cells = pool_zalloc(pool, (n ? n : 1) * sizeof *out->cells);
	out->comments = pool_zalloc(pool, (n ? n : 1) * sizeof *out->comments);
	if (!out->cells || !out->comments)
		return E_NOMEM;
	for (size_t i = 0; i < n; i++)
		out->comments[i] = "";
	return E_OK;
}

size_t invitation_answers_count(const struct invitation_answers *a)
{
	size_t k = 0;
	for (size_t i = 0; i < a->n; i++)
		k += a->cells[i].kind != SCORE_NONE;
	return k;
}

/* A standard's number as a JSON key. */
static void number_key(int number, char out[16])
{
	snprintf(out, 16, "%d", number);
}

static enum err encode_into(const struct framework *f, const struct invitation_answers *a,
			    json_t *scores, json_t *comments)
{
	for (size_t i = 0; i < a->n && i < f->n_standards; i++) {
		char key[16], text[SCORE_TEXT_SIZE];
		number_key(f->standards[i].number, key);
		if (a->cells[i].kind != SCORE_NONE) {
			if (score_format(&a->cells[i], text, sizeof text))
				return E_INVAL;
			if (json_object_set_new(scores, key, json_string(text)))
				return E_NOMEM;
		}
		const char *c = a->comments[i];
		/* json_string refuses text that is not UTF-8: E_INVAL. */
		if (c && *c && json_object_set_new(comments, key, json_string(c)))
			return E_INVAL;
	}
	return E_OK;
}

enum err invitation_draft_encode(const struct framework *f, const struct invitation_answers *a,
				 struct pool *pool, const char **out)
{
	*out = NULL;
	json_t *scores = json_object(), *comments = json_object();
	json_t *o = scores && comments ? json_pack("{s:O, s:O}", "scores", scores,
						   "comments", comments) : NULL;
	enum err rc = o ? encode_into(f, a, scores, comments) : E_NOMEM;
	char *text = rc == E_OK ? json_dumps(o, JSON_COMPACT) : NULL;
	if (rc == E_OK && !text)
		rc = E_NOMEM;
	if (rc == E_OK && strlen(text) > INVITATION_DRAFT_MAX)
		rc = E_TOOBIG;
	if (rc == E_OK && !(*out = pool_strdup(pool, text)))
		rc = E_NOMEM;
	free(text);
	json_decref(o);
	json_decref(scores);
	json_decref(comments);
	return rc;
}

enum err invitation_draft_decode(const struct framework *f, const char *draft,
				 struct pool *pool, struct invitation_answers *out)
{
	enum err rc = invitation_answers_init(f, pool, out);
	if (rc || !draft)
		return rc;
	size_t len = strlen(draft);
	if (len > INVITATION_DRAFT_MAX)
		return E_INVAL;
	json_t *o = json_loadb(draft, len, 0, NULL);
	if (!json_is_object(o)) {
		json_decref(o);
		return E_INVAL;
	}
	struct scale sc;
	framework_scale(f, &sc);
	json_t *scores = json_object_get(o, "scores"), *comments = json_object_get(o, "comments");
	for (size_t i = 0; i < f->n_standards && rc == E_OK; i++) {
		char key[16], err[SCORE_ERR_SIZE];
		number_key(f->standards[i].number, key);
		const char *s = json_string_value(json_object_get(scores, key));
		const char *c = json_string_value(json_object_get(comments, key));
		struct score cell;
		/* Only what the form offers: a whole or half point, or
		 * "Don't know"; a range is for imports. */
		if (s && score_parse(s, &sc, &cell, err, sizeof err) == E_OK &&
		    cell.kind != SCORE_RANGE)
			out->cells[i] = cell;
		if (c && !(out->comments[i] = pool_strdup(pool, c)))
			rc = E_NOMEM;
	}
	json_decref(o);
	return rc;
}
