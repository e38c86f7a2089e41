/*
 * entry_web.c: getting responses into a round by hand: the facilitator's
 * entry form (one response: a score and an optional comment per standard,
 * as noted in an interview or agreed by a group) and the import of a
 * scores file with an optional comments file (selfanalysis_import_into).
 *
 * Scores are typed as text rather than chosen from radios because a
 * facilitator copies them from notes, and notes hold what radios cannot:
 * "2 / 3" between two points, "DK".  Each cell is read by score_parse
 * against the framework's scale, so the page accepts exactly what an
 * import does, and every refusal names its standard and links to its
 * field with what was typed kept.  A closed round takes no entry (the
 * store refuses too); an import may still fill a closed round's history.
 */
#include "selfanalysis/selfanalysis_web.h"

#include <string.h>

#include "audit/audit.h"
#include "auth/auth.h"
#include "core/pool.h"
#include "db/store.h"
#include "html/govuk.h"
#include "html/html.h"
#include "html/page.h"
#include "http/multipart.h"
#include "http/request.h"
#include "selfanalysis/import.h"
#include "selfanalysis/round.h"
#include "selfanalysis/selfanalysis_page.h"
#include "web/app.h"
#include "web/respond.h"

/* ---- Entering one response ---- */

/* What the form sent (or will show), per standard in framework order. */
struct entry_input {
	const char **score;
	const char **comment;
	const char *grp;
};

/* The scale in words, for the top of the page. */
static const char *scale_words(struct pool *pool, const struct scale *sc)
{
	return pool_printf(pool, "Type each score as a number from %d to %d%s, a score between two points "
				 "like 2 / 3%s, or leave it empty for no answer.",
			   sc->min, sc->max, sc->half_points_allowed ? " (half points such as 3.5 are allowed)" : "",
			   sc->dont_know_allowed ? ", DK for \xe2\x80\x9c" "Don't know\xe2\x80\x9d" : "");
}

static const char *score_field(struct pool *pool, const struct framework_standard *s)
{
	return pool_printf(pool, "score-%d", s->number);
}

static const char *comment_field(struct pool *pool, const struct framework_standard *s)
{
	return pool_printf(pool, "comment-%d", s->number);
}

/* Why round r takes no entry now, or NULL when it does: closed, or a
 * group round that holds its one response already (round.h). */
static const char *no_entry(const struct round *r)
{
	if (r->closed)
		return "This round is closed, so no more responses can be entered. To add one, reopen "
		       "the round by changing its status.";
	if (r->mode == ROUND_GROUP && r->responses > 0)
		return "This group round already holds the scores the group agreed. A group round "
		       "holds one response, so no other can be entered. To record a new set of "
		       "agreed scores, add a new round.";
	return NULL;
}

/* The page: the form, or why there is none (no_entry); status when errs. */
static void entry_page(struct request *req, struct response *res, const struct round *r,
		       const struct framework *fw, const struct scale *sc, const struct entry_input *in,
		       const struct form_errors *errs, int status)
{
	int errors = errs && errs->n;
	struct html h;
	struct page pg;
	sa_page_begin(req, res, &h, &pg, "Enter a response", r, "Enter a response", errors);
	if (errors || status != 200)
		res->status = status;
	html_lit(&h, "<div class=\"govuk-grid-row\">\n<div class=\"govuk-grid-column-two-thirds\">\n");
	govuk_error_summary(&h, errs);
	html_lit(&h, "<span class=\"govuk-caption-l\">");
	html_text(&h, r->name);
	html_lit(&h, "</span>\n<h1 class=\"govuk-heading-l\">Enter a response</h1>\n");
	const char *why = no_entry(r);
	if (why) {
		html_lit(&h, "<p class=\"govuk-body\">");
		html_text(&h, why);
		html_lit(&h, "</p>\n<p class=\"govuk-body\"><a class=\"govuk-link\"");
		html_url(&h, "href", sa_round_href(req->pool, r->id, ""));
		html_lit(&h, ">Back to the round</a></p>\n</div>\n</div>\n");
		respond_page_end(res, &h, &pg);
		return;
	}
	html_lit(&h, "<p class=\"govuk-body\">");
	html_text(&h, r->mode == ROUND_GROUP
			      ? "Enter the scores the group agreed, with any comments it made."
			      : "Enter one respondent's scores, as noted in the interview, with any comments. "
				"Comments are kept apart from the scores, so they cannot be traced to whoever made them.");
	html_lit(&h, "</p>\n<p class=\"govuk-body\">");
	const char *words = scale_words(req->pool, sc);
	html_text(&h, words);
	html_lit(&h, "</p>\n<form method=\"post\" novalidate");
	html_url(&h, "action", sa_round_href(req->pool, r->id, "/entry"));
	html_lit(&h, ">\n");
	respond_csrf_field(req, res, &h);
	govuk_input(&h, &(struct govuk_input){
		.name = "group", .label = "Respondent group (optional)", .label_class = "govuk-label--s",
		.hint = "For a breakdown of results by group, for example Health or Schools. A group's "
			"results are shown only when enough people are in it.",
		.value = in->grp, .classes = "govuk-!-width-one-half", .error = form_error_for(errs, "group")});
	/* Each field's hint: the forms a score may take, in short. */
	const char *hint = pool_printf(req->pool, "%d to %d%s, 2 / 3%s, or empty", sc->min, sc->max,
				       sc->half_points_allowed ? ", 3.5" : "", sc->dont_know_allowed ? ", DK" : "");
	for (size_t i = 0; i < fw->n_standards; i++) {
		const struct framework_standard *s = &fw->standards[i];
		const char *sf = score_field(req->pool, s), *cf = comment_field(req->pool, s);
		html_lit(&h, "<div class=\"govuk-form-group\">\n<fieldset class=\"govuk-fieldset\">\n"
			     "<legend class=\"govuk-fieldset__legend govuk-fieldset__legend--s\">");
		html_text(&h, pool_printf(req->pool, "%d. %s", s->number, s->title));
		html_lit(&h, "</legend>\n");
		govuk_input(&h, &(struct govuk_input){
			.name = sf, .label = pool_printf(req->pool, "Score for standard %d", s->number),
			.hint = hint,
			.value = in->score[i], .classes = "govuk-input--width-5", .spellcheck_off = 1,
			.error = form_error_for(errs, sf)});
		govuk_textarea(&h, &(struct govuk_textarea){
			.name = cf, .label = pool_printf(req->pool, "Comment on standard %d (optional)", s->number),
			.value = in->comment[i], .rows = 2, .error = form_error_for(errs, cf)});
		html_lit(&h, "</fieldset>\n</div>\n");
	}
	html_lit(&h, "<div class=\"govuk-button-group\">\n");
	govuk_button(&h, &(struct govuk_button){.text = "Add response", .prevent_double_click = 1});
	html_lit(&h, "<a class=\"govuk-link\"");
	html_url(&h, "href", sa_round_href(req->pool, r->id, ""));
	html_lit(&h, ">Cancel</a>\n</div>\n</form>\n</div>\n</div>\n");
	respond_page_end(res, &h, &pg);
}

/* The round and its framework; 0 having answered when there is none. */
static int entry_load(struct request *req, struct response *res, struct round *r, struct framework *fw,
		      struct scale *sc, struct entry_input *in)
{
	if (!sa_round_load(req, res, r))
		return 0;
	enum err rc = framework_load(req->db, req->pool, req->user->partnership_id, r->framework, fw);
	if (!respond_store_ok(req, res, rc))
		return 0;
	framework_scale(fw, sc);
	size_t n = fw->n_standards ? fw->n_standards : 1;
	*in = (struct entry_input){.score = pool_zalloc(req->pool, n * sizeof *in->score),
				   .comment = pool_zalloc(req->pool, n * sizeof *in->comment), .grp = ""};
	if (!in->score || !in->comment) {
		respond_store_error(req, res, E_NOMEM);
		return 0;
	}
	return 1;
}

void round_entry_form(struct request *req, struct response *res)
{
	struct round r;
	struct framework fw;
	struct scale sc;
	struct entry_input in;
	if (entry_load(req, res, &r, &fw, &sc, &in))
		entry_page(req, res, &r, &fw, &sc, &in, NULL, 200);
}

void round_entry(struct request *req, struct response *res)
{
	struct round r;
	struct framework fw;
	struct scale sc;
	struct entry_input in;
	struct form_errors errs = {0};
	if (!entry_load(req, res, &r, &fw, &sc, &in))
		return;
	if (no_entry(&r)) {
		entry_page(req, res, &r, &fw, &sc, &in, NULL, 409);
		return;
	}
	size_t n = fw.n_standards;
	struct score *cells = pool_zalloc(req->pool, (n ? n : 1) * sizeof *cells);
	if (!cells) {
		respond_store_error(req, res, E_NOMEM);
		return;
	}
	_Static_assert(COMMENT_MAX >= STORE_NAME_MAX, "clean holds a group or a comment");
	char clean[COMMENT_MAX + 1];
	in.grp = form_text(req, "group");
	if (store_text_clean(in.grp, STORE_NAME_MAX, 0, clean) < 0)
		form_errors_add(&errs, "group", pool_printf(req->pool, "Respondent group must be %d characters or "
								       "fewer, without line breaks", STORE_NAME_MAX));
	size_t answered = 0;
	for (size_t i = 0; i < n; i++) {
		const struct framework_standard *s = &fw.standards[i];
		const char *sf = score_field(req->pool, s), *cf = comment_field(req->pool, s);
		char err[SCORE_ERR_SIZE];
		in.score[i] = form_text(req, sf);
		in.comment[i] = form_text(req, cf);
		if (score_parse(in.score[i], &sc, &cells[i], err, sizeof err))
			form_errors_add(&errs, sf, pool_printf(req->pool, "Standard %d: %s", s->number, err));
		else if (cells[i].kind != SCORE_NONE)
			answered++;
		if (store_text_clean(in.comment[i], COMMENT_MAX, 1, clean) < 0)
			form_errors_add(&errs, cf, pool_printf(req->pool, "Comment on standard %d must be at most %d "
									  "bytes: %d plain letters, fewer with accented "
									  "letters or symbols; and without control characters",
							       s->number, COMMENT_MAX, COMMENT_MAX));
	}
	if (errs.n == 0 && answered == 0 && n > 0)
		form_errors_add(&errs, score_field(req->pool, &fw.standards[0]),
				"Enter a score for at least one standard, or DK where the respondent did not know");
	if (errs.n == 0) {
		struct actor a;
		app_actor(req, &a);
		struct response_in rin = {.grp = *in.grp ? in.grp : NULL, .source = RESPONSE_ENTRY,
					  .cells = cells, .comments = in.comment, .n = n};
		enum err rc = response_add(req->db, &a, req->user->partnership_id, r.id, &rin);
		if (rc == E_CONFLICT) {
			/* Closed since the page was shown, full, or (a group
			 * round) given its response meanwhile. */
			form_errors_add(&errs, score_field(req->pool, &fw.standards[0]),
					r.responses >= ROUND_RESPONSES_MAX
						? "The round already holds as many responses as it can"
					: r.mode == ROUND_GROUP
						? "The group's agreed scores were entered by someone else while you were "
						  "entering, so these were not added: a group round holds one response"
						: "The round was closed while you were entering, so the response was not added");
		} else if (rc == E_INVAL) {
			form_errors_add(&errs, "group", "The response could not be saved as written: check the group and comments");
		} else if (!respond_store_ok(req, res, rc)) {
			return;
		}
	}
	if (errs.n) {
		entry_page(req, res, &r, &fw, &sc, &in, &errs, 400);
		return;
	}
	respond_redirect(req, res, sa_round_href(req->pool, r.id, "?done=entered"));
}

/* ---- Importing files ---- */

/* One file's problems as items of the error summary, linking to field. */
static void import_error_items(struct html *h, struct pool *pool, const struct import_result *r,
			       const char *field, const char *file)
{
	for (size_t i = 0; i < r->nerrors; i++) {
		html_lit(h, "<li><a");
		html_attr(h, "href", pool_printf(pool, "#%s", field));
		html_lit(h, ">");
		html_text(h, pool_printf(pool, "%s, %s", file, import_error_text(pool, &r->errors[i])));
		html_lit(h, "</a></li>\n");
	}
	if (r->more_errors)
		html_lit(h, "<li>There are more problems than these. Correct these first, then upload the "
			    "files again to see the rest.</li>\n");
}

/* The page; problem (a message for field, "scores" or "comments") or ir's
 * errors make it an error page, listing every problem of both files. */
static void import_page(struct request *req, struct response *res, const struct round *r,
			const struct sa_import_result *ir, const char *problem, const char *field)
{
	int errors = problem || (ir && (ir->scores.nerrors || ir->comments.nerrors));
	struct html h;
	struct page pg;
	sa_page_begin(req, res, &h, &pg, "Import scores", r, "Import scores", errors);
	html_lit(&h, "<div class=\"govuk-grid-row\">\n<div class=\"govuk-grid-column-two-thirds\">\n");
	if (errors) {
		html_lit(&h, "<div class=\"govuk-error-summary\" data-module=\"govuk-error-summary\">\n"
			     "<div role=\"alert\">\n<h2 class=\"govuk-error-summary__title\">There is a problem</h2>\n"
			     "<div class=\"govuk-error-summary__body\">\n<p class=\"govuk-body\">Nothing was imported.");
		if (!problem)
			html_lit(&h, " Correct these problems in the files and upload them again.");
		html_lit(&h, "</p>\n<ul class=\"govuk-list govuk-error-summary__list\">\n");
		if (problem) {
			html_lit(&h, "<li><a");
			html_attr(&h, "href", pool_printf(req->pool, "#%s", field));
			html_lit(&h, ">");
			html_text(&h, problem);
			html_lit(&h, "</a></li>\n");
		} else {
			import_error_items(&h, req->pool, &ir->scores, "scores", "Scores file");
			import_error_items(&h, req->pool, &ir->comments, "comments", "Comments file");
		}
		html_lit(&h, "</ul>\n</div>\n</div>\n</div>\n");
	}
	html_lit(&h, "<span class=\"govuk-caption-l\">");
	html_text(&h, r->name);
	html_lit(&h, "</span>\n<h1 class=\"govuk-heading-l\">Import scores</h1>\n"
		     "<p class=\"govuk-body\">Import the table of scores a board paper prints: one column for "
		     "each respondent (or the group), one row for each standard. Every cell is checked first: "
		     "if anything is wrong, nothing is imported and you will see a list of what to correct.</p>\n");
	if (r->responses > 0) {
		govuk_warning_text(&h, pool_printf(req->pool, "This round already holds %lld responses. Scores "
							      "can only be imported into a round that has none: start a "
							      "new round for them.",
						   (long long)r->responses));
	}
	html_lit(&h, "<h2 class=\"govuk-heading-m\">What the scores file must contain</h2>\n"
		     "<p class=\"govuk-body\">The first line names the columns:</p>\n"
		     "<pre class=\"govuk-body govuk-!-font-weight-bold\">standard,1,2,3,stated_average</pre>\n"
		     "<ul class=\"govuk-list govuk-list--bullet\">\n"
		     "<li><code>standard</code>: the standard's number, as in the framework; one line for every standard</li>\n"
		     "<li>one column for each respondent, headed with their label (an interview number, or the "
		     "group's name); each cell a score such as 3 or 3.5, a score between two points such as "
		     "2 / 3, DK or Don't know, or empty for no answer</li>\n"
		     "<li><code>stated_average</code> (optional, last): the average a paper stated, so the "
		     "results can check it</li>\n</ul>\n"
		     "<p class=\"govuk-body\">The comments file is optional. Its first line is "
		     "<code>standard,comment</code>, then one comment a line. Comments are kept without who "
		     "made them.</p>\n<form method=\"post\" enctype=\"multipart/form-data\" novalidate");
	html_url(&h, "action", sa_round_href(req->pool, r->id, "/import"));
	html_lit(&h, ">\n");
	respond_csrf_field(req, res, &h);
	int on_scores = problem && strcmp(field, "scores") == 0;
	const char *scores_error = on_scores ? problem
				   : ir && ir->scores.nerrors ? "The scores file has problems" : NULL;
	const char *comments_error = problem && !on_scores ? problem
				     : ir && ir->comments.nerrors ? "The comments file has problems" : NULL;
	govuk_file_upload(&h, &(struct govuk_file_upload){
		.name = "scores", .label = "Scores file (CSV)", .label_class = "govuk-label--s",
		.accept = ".csv,text/csv", .error = scores_error});
	govuk_file_upload(&h, &(struct govuk_file_upload){
		.name = "comments", .label = "Comments file (CSV, optional)", .label_class = "govuk-label--s",
		.accept = ".csv,text/csv",
		.error = comments_error});
	govuk_button(&h, &(struct govuk_button){.text = "Import scores", .prevent_double_click = 1});
	html_lit(&h, "</form>\n</div>\n</div>\n");
	respond_page_end(res, &h, &pg);
}

void round_import_form(struct request *req, struct response *res)
{
	struct round r;
	if (sa_round_load(req, res, &r))
		import_page(req, res, &r, NULL, NULL, NULL);
}

/* A file part: *f set (NULL data when none was chosen); 0 when it is
 * there but empty. */
static int file_part(const struct request *req, const char *name, struct sa_import_file *f)
{
	const struct part *p = req->parts ? parts_get(req->parts, name) : NULL;
	*f = (struct sa_import_file){0};
	if (!p || !p->filename || (!*p->filename && p->len == 0))
		return 1;
	*f = (struct sa_import_file){.data = p->data, .len = p->len};
	return p->len > 0;
}

void round_import(struct request *req, struct response *res)
{
	struct round r;
	if (!sa_round_load(req, res, &r))
		return;
	struct sa_import_file scores, comments;
	int scores_ok = file_part(req, "scores", &scores), comments_ok = file_part(req, "comments", &comments);
	if (!scores.data || !scores_ok) {
		import_page(req, res, &r, NULL,
			    scores.data ? "The selected scores file is empty" : "Select a scores file", "scores");
		return;
	}
	if (!comments_ok) {
		import_page(req, res, &r, NULL, "The selected comments file is empty", "comments");
		return;
	}
	struct sa_import_result *ir = pool_zalloc(req->pool, sizeof *ir);
	if (!ir) {
		respond_store_error(req, res, E_NOMEM);
		return;
	}
	struct actor a;
	app_actor(req, &a);
	enum err rc = selfanalysis_import_into(req->db, req->pool, &a, req->user->partnership_id, r.id, &scores,
					       comments.data ? &comments : NULL, ir);
	if (rc == E_INVAL || rc == E_TOOBIG) {
		int listed = ir->scores.nerrors || ir->comments.nerrors;
		import_page(req, res, &r, ir,
			    ir->problem ? ir->problem : listed ? NULL : "The files could not be imported", "scores");
		return;
	}
	if (!respond_store_ok(req, res, rc))
		return;
	respond_redirect(req, res, pool_printf(req->pool, "%s?done=imported&n=%zu", sa_round_href(req->pool, r.id, ""),
					       ir->respondents));
}
