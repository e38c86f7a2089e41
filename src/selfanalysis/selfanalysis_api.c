/*
 * selfanalysis_api.c: the self-analysis JSON API (openapi.json describes
 * it): the partnership's rounds, a round's results, two rounds compared.
 *
 * The figures are results.h's JSON, the same the CLI prints, wrapped with
 * the round they belong to, so a script reading the API and one reading
 * `jcs selfanalysis results --format json` see the same numbers.  Ids that
 * are not the partnership's answer 404, as everywhere: never 403.
 */
#include "selfanalysis/selfanalysis_web.h"

#include <jansson.h>

#include "auth/auth.h"
#include "core/pool.h"
#include "http/request.h"
#include "partnership/structure_web.h"
#include "selfanalysis/results.h"
#include "selfanalysis/round.h"
#include "selfanalysis/selfanalysis_page.h"
#include "web/respond.h"

static json_t *text_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

/* A round as the API shows it (NULL on no memory). */
static json_t *round_json(const struct round *r)
{
	return json_pack("{s:I, s:s, s:s, s:s, s:o, s:o, s:b, s:b, s:o, s:I, s:s, s:o}",
			 "id", (json_int_t)r->id, "name", r->name, "framework", r->framework,
			 "mode", round_mode_code(r->mode), "opens_on", text_or_null(r->opens_on),
			 "closes_on", text_or_null(r->closes_on), "closed", (int)r->closed,
			 "shared", r->shared_at != NULL, "shared_at", text_or_null(r->shared_at),
			 "responses", (json_int_t)r->responses, "created_at", r->created_at ? r->created_at : "",
			 "key_messages", text_or_null(r->key_messages && *r->key_messages ? r->key_messages : NULL));
}

void api_rounds(struct request *req, struct response *res)
{
	struct structure_api_page page;
	if (!structure_api_paging(req, res, &page))
		return;
	struct round *r = NULL;
	size_t n = 0;
	enum err rc = round_list(req->db, req->pool, req->user->partnership_id, &r, &n);
	if (!respond_store_ok(req, res, rc))
		return;
	json_t *data = json_array();
	for (size_t i = page.offset; data && i < n && i < page.offset + page.limit; i++)
		if (json_array_append_new(data, round_json(&r[i]))) {
			json_decref(data);
			data = NULL;
		}
	structure_api_list(res, data, n, &page);
}

/* Why the figures, the annex and the comments are withheld: a reason
 * each, or null for what is shown (NULL on no memory). */
static json_t *suppressed_json(struct pool *pool, const struct round_results *rr)
{
	const struct round_data *d = rr->data;
	return json_pack("{s:o, s:o, s:o}",
			 "figures", text_or_null(rr->figures_reason),
			 "annex", text_or_null(rr->annex_allowed ? NULL
					       : results_suppressed_text(pool, d->n_responses, d->k)),
			 "comments", text_or_null(rr->comments_allowed ? NULL
						  : results_comments_suppressed_text(pool, d->n_responses,
										     d->k)));
}

void api_round_results(struct request *req, struct response *res)
{
	struct round_data d;
	struct round_results rr;
	if (!sa_results_load(req, res, &d, &rr))
		return;
	/* "o" steals each reference, even when json_pack fails; a NULL
	 * among them makes it fail, answering 500. */
	respond_json(res, 200, json_pack("{s:o, s:s, s:I, s:I, s:b, s:b, s:b, s:o, s:o, s:o, s:o}",
					 "round", round_json(&d.round), "framework_title", d.fw.title,
					 "respondents", (json_int_t)d.n_responses,
					 "anonymity_k", (json_int_t)d.k,
					 "figures_allowed", (int)rr.figures_allowed,
					 "annex_allowed", (int)rr.annex_allowed,
					 "comments_allowed", (int)rr.comments_allowed,
					 "suppressed", suppressed_json(req->pool, &rr),
					 "data", results_json(&rr), "annex", results_annex_json(&rr),
					 "comments", results_comments_json(&rr)));
}

void api_round_compare(struct request *req, struct response *res)
{
	int64_t with = record_id_parse(params_get(&req->query, "with"));
	int64_t id = request_id(req, "round");
	/* The round named in the path first: another partnership's is 404
	 * whatever the query says, as one that does not exist. */
	struct round own;
	if (!respond_store_ok(req, res, round_get(req->db, req->pool, req->user->partnership_id, id, &own)))
		return;
	if (with < 0) {
		respond_error(req, res, 400, "with must be the id of the round to compare with: a whole number");
		return;
	}
	if (with == id) {
		respond_error(req, res, 400, "with must be a different round from the one compared");
		return;
	}
	struct round_data a, b;
	struct round_comparison cmp;
	enum err rc = sa_compare_load(req, id, with, &a, &b, &cmp);
	if (!respond_store_ok(req, res, rc))
		return;
	json_t *data = comparison_json(&cmp);
	json_t *ja = round_json(&a.round), *jb = round_json(&b.round);
	if (!data || !ja || !jb) {
		json_decref(data);
		json_decref(ja);
		json_decref(jb);
		respond_json(res, 500, NULL);
		return;
	}
	respond_json(res, 200, json_pack("{s:o, s:o, s:o, s:o}", "earlier", ja, "later", jb, "data", data,
					 "caveat", text_or_null(cmp.caveat)));
}
