/*
 * respond_web.c: the respondent's pages behind an invitation link
 * (invitation_web.h): every standard of the round's framework as radios
 * with an optional comment, "Save and come back later", and "Submit",
 * which first shows the answers to check (GOV.UK's "check your answers":
 * pressing Enter in a form presses its first button, so one stray key
 * must not send answers that can never be changed) and then submits.
 *
 * The routes are public: no session is read or made, so the page has no
 * menu and sets no cookie but the CSRF one its forms need.  The token
 * travels in the query string of GET (paths are logged, queries are not)
 * and in a hidden field of POST; the invitation it opens names the
 * partnership, so nothing from the request chooses whose data is read.
 * Every answer is private: Cache-Control no-store, and robots are asked
 * not to index.
 *
 * Field names carry the standard's number (score-3, comment-3), so an
 * error summary links to the field it is about and a draft keeps each
 * answer with its standard.
 */
#include "selfanalysis/invitation_web.h"

#include <string.h>

#include "core/clock.h"
#include "core/pool.h"
#include "db/store.h"
#include "html/govuk.h"
#include "html/html.h"
#include "html/page.h"
#include "http/request.h"
#include "partnership/partnership.h"
#include "selfanalysis/invitation.h"
#include "selfanalysis/round.h"
#include "web/respond.h"

#define NONE_VALUE "none" /* the "No answer" radio */

/* Everything a respondent's page is about, found from the token. */
struct respondent {
	const char *token;
	struct invitation inv;
	struct round round;
	struct framework fw;
	struct scale sc;
	const char *partnership;
};

/* Per standard, in framework order: the texts to show in the fields. */
struct form_values {
	const char **score;
	const char **comment;
};

static void private_page(struct response *res)
{
	res->no_store = 1;
	/* The page's own address holds the token: its stylesheet and script
	 * requests must not carry it in Referer. */
	res->no_referrer = 1;
	response_header(res, "X-Robots-Tag", "noindex, nofollow");
}

/* A page that says one thing and offers no form. */
static void notice(struct request *req, struct response *res, int status, const char *title,
		   const char *text)
{
	struct page pg = {.title = title};
	struct html h;
	respond_page_begin(req, res, &h, &pg);
	res->status = status;
	private_page(res);
	html_lit(&h, "<div class=\"govuk-grid-row\">\n<div class=\"govuk-grid-column-two-thirds\">\n"
		     "<h1 class=\"govuk-heading-l\">");
	html_text(&h, title);
	html_lit(&h, "</h1>\n<p class=\"govuk-body\">");
	html_text(&h, text);
	html_lit(&h, "</p>\n</div>\n</div>\n");
	respond_page_end(res, &h, &pg);
}

static void not_found(struct request *req, struct response *res)
{
	notice(req, res, 404, "This link does not work",
	       "Check that you copied the whole link from your invitation. If it still does not "
	       "work, ask the person who sent it for a new one.");
}

/*
 * Finds what the token opens.  1 when the respondent may answer; 0 after
 * answering the request with the page that says why not.
 */
static int respondent_load(struct request *req, struct response *res, const char *token,
			   struct respondent *r)
{
	memset(r, 0, sizeof *r);
	r->token = token;
	enum err rc = invitation_find(req->db, req->pool, token, &r->inv);
	if (rc == E_NOTFOUND) {
		not_found(req, res);
		return 0;
	}
	if (!respond_store_ok(req, res, rc))
		return 0;
	if (r->inv.status == INVITATION_SUBMITTED) {
		notice(req, res, 200, "Your answers have been submitted",
		       "Thank you for taking part. Your answers are added to the results together "
		       "with other people's, without your name or this link, and cannot be changed "
		       "now.");
		return 0;
	}
	if (r->inv.status == INVITATION_WITHDRAWN) {
		notice(req, res, 410, "This link has been withdrawn",
		       "Answers are no longer collected through it. Ask the person who sent it if "
		       "you still want to take part.");
		return 0;
	}
	int64_t pid = r->inv.partnership_id;
	struct partnership_summary ps;
	rc = round_get(req->db, req->pool, pid, r->inv.round_id, &r->round);
	if (!rc)
		rc = framework_load(req->db, req->pool, pid, r->round.framework, &r->fw);
	if (!rc)
		rc = partnership_summary(req->db, req->pool, pid, &ps);
	if (!respond_store_ok(req, res, rc))
		return 0;
	r->partnership = ps.p.name;
	framework_scale(&r->fw, &r->sc);
	int open = invitation_round_open(&r->round, NULL);
	if (open > 0) {
		notice(req, res, 410, "This self-analysis has closed",
		       "It no longer takes answers. Answers saved but not submitted are not counted.");
		return 0;
	}
	if (open < 0) {
		char day[CLOCK_DAY_SIZE];
		notice(req, res, 200, "This self-analysis has not opened yet",
		       pool_printf(req->pool, "It opens on %s. Come back then with the same link.",
				   clock_day_label(r->round.opens_on, day, sizeof day)));
		return 0;
	}
	return 1;
}

/* ---- the form ---- */

/* The radios every standard offers: the scale's points (half points
 * between them when allowed), then "Don't know" when allowed and "No
 * answer" after a divider.  Values are score_format's text. */
static struct govuk_choice *scale_choices(struct pool *pool, const struct framework *f,
					  size_t *n)
{
	size_t max = 2 * f->n_points + 3;
	struct govuk_choice *c = pool_zalloc(pool, max * sizeof *c);
	if (!c)
		return NULL;
	size_t k = 0;
	for (size_t i = 0; i < f->n_points; i++) {
		int v = f->points[i].value;
		c[k].value = pool_printf(pool, "%d", v);
		c[k].text = c[k].value;
		c[k++].hint = f->points[i].label;
		if (f->half_points && i + 1 < f->n_points) {
			c[k].value = pool_printf(pool, "%d.5", v);
			c[k].text = c[k].value;
			k++;
		}
	}
	c[k++].divider = "or";
	if (f->dont_know) {
		c[k].value = "Don't know";
		c[k++].text = "Don't know";
	}
	c[k].value = NONE_VALUE;
	c[k++].text = "No answer";
	for (size_t i = 0; i < k; i++)
		if ((c[i].value && !c[i].text) || (!c[i].divider && !c[i].value))
			return NULL; /* the pool is full */
	*n = k;
	return c;
}

static void standard_fields(struct request *req, struct html *h, const struct respondent *r,
			    size_t i, const struct govuk_choice *items, size_t nitems,
			    const struct form_values *v, const struct form_errors *errs,
			    int subheading)
{
	const struct framework_standard *s = &r->fw.standards[i];
	const char *score_id = pool_printf(req->pool, "score-%d", s->number);
	const char *comment_id = pool_printf(req->pool, "comment-%d", s->number);
	if (!score_id || !comment_id)
		return; /* the pool is full: the page fails as a whole */
	if (subheading)
		html_lit(h, "<h3 class=\"govuk-heading-m\"");
	else
		html_lit(h, "<h2 class=\"govuk-heading-m\"");
	html_attr(h, "id", pool_printf(req->pool, "standard-%d", s->number));
	html_lit(h, ">");
	html_text(h, pool_printf(req->pool, "%d. %s", s->number, s->title));
	if (subheading)
		html_lit(h, "</h3>\n");
	else
		html_lit(h, "</h2>\n");
	if (s->text) {
		html_lit(h, "<p class=\"govuk-body\">");
		html_text(h, s->text);
		html_lit(h, "</p>\n");
	}
	if (s->n_excellence) {
		govuk_details_begin(h, "Statements of excellence", NULL);
		html_lit(h, "<ul class=\"govuk-list govuk-list--bullet\">\n");
		for (size_t e = 0; e < s->n_excellence; e++) {
			html_lit(h, "<li>");
			html_text(h, s->excellence[e]);
			html_lit(h, "</li>\n");
		}
		html_lit(h, "</ul>\n");
		govuk_details_end(h);
	}
	govuk_radios(h, &(struct govuk_choices){
		.name = score_id,
		.legend = pool_printf(req->pool, "Your score for standard %d", s->number),
		.legend_class = "govuk-fieldset__legend--s", .value = v->score[i], .items = items,
		.nitems = nitems, .classes = "govuk-radios--small",
		.error = form_error_for(errs, score_id)});
	govuk_textarea(h, &(struct govuk_textarea){
		.name = comment_id,
		.label = pool_printf(req->pool, "Comment on standard %d (optional)", s->number),
		.label_class = "govuk-label--s", .rows = 3, .value = v->comment[i],
		.error = form_error_for(errs, comment_id)});
}

static void intro(struct request *req, struct html *h, const struct respondent *r)
{
	const struct framework *f = &r->fw;
	int lo = f->n_points ? f->points[0].value : 0;
	int hi = f->n_points ? f->points[f->n_points - 1].value : 0;
	html_lit(h, "<p class=\"govuk-body\">");
	html_text(h, pool_printf(req->pool,
				 "For each standard, choose the score from %d to %d that best describes "
				 "the partnership now.%s%s Every question is optional.",
				 lo, hi, f->half_points ? " You can choose half points." : "",
				 f->dont_know ? " Choose \xE2\x80\x9c" "Don't know\xE2\x80\x9d if you cannot judge." : ""));
	html_lit(h, "</p>\n<p class=\"govuk-body\">Your answers are anonymous: they are stored "
		    "without your name and without this link, with only the day they are added. "
		    "Comments may be quoted, without your name, so do not name anyone in them.</p>\n"
		    "<p class=\"govuk-body\">You can save your answers and come back to them with the "
		    "same link. Once you submit, they cannot be changed.</p>\n");
	if (r->inv.saved_on) {
		char day[CLOCK_DAY_SIZE];
		govuk_inset_text(h, pool_printf(req->pool, "You last saved your answers on %s.",
						clock_day_label(r->inv.saved_on, day, sizeof day)));
	}
}

static void hidden_token(struct html *h, const struct respondent *r)
{
	html_lit(h, "<input type=\"hidden\" name=\"token\"");
	html_attr(h, "value", r->token);
	html_lit(h, ">\n");
}

static void page_heading(struct html *h, const struct respondent *r, const char *title)
{
	html_lit(h, "<span class=\"govuk-caption-l\">");
	html_text(h, r->partnership);
	html_lit(h, "</span>\n<h1 class=\"govuk-heading-l\">");
	html_text(h, title);
	html_lit(h, "</h1>\n");
}

static void answer_form(struct request *req, struct response *res, const struct respondent *r,
			const struct form_values *v, const struct form_errors *errs, int status)
{
	size_t nitems = 0;
	struct govuk_choice *items = scale_choices(req->pool, &r->fw, &nitems);
	if (!items) {
		respond_store_error(req, res, E_NOMEM);
		return;
	}
	int has_errors = errs && errs->n > 0;
	struct page pg = {.title = r->round.name, .error = has_errors};
	struct html h;
	respond_page_begin(req, res, &h, &pg);
	if (has_errors)
		res->status = status;
	private_page(res);
	html_lit(&h, "<div class=\"govuk-grid-row\">\n<div class=\"govuk-grid-column-two-thirds\">\n");
	govuk_error_summary(&h, errs);
	const char *saved = params_get(&req->query, "saved");
	if (!has_errors && saved && strcmp(saved, "1") == 0)
		govuk_notification_banner(&h, &(struct govuk_notification){
			.success = 1, .text = "Your answers have been saved"});
	page_heading(&h, r, r->round.name);
	intro(req, &h, r);
	html_lit(&h, "<form method=\"post\" action=\"/respond\" novalidate>\n");
	respond_csrf_field(req, res, &h);
	hidden_token(&h, r);
	int sections = 0;
	for (size_t i = 0; i < r->fw.n_standards; i++)
		sections |= r->fw.standards[i].section != NULL;
	const char *section = NULL;
	for (size_t i = 0; i < r->fw.n_standards; i++) {
		const char *s = r->fw.standards[i].section;
		if (s && (!section || strcmp(s, section) != 0)) {
			html_lit(&h, "<h2 class=\"govuk-heading-l\">");
			html_text(&h, s);
			html_lit(&h, "</h2>\n");
			section = s;
		}
		standard_fields(req, &h, r, i, items, nitems, v, errs, sections);
	}
	html_lit(&h, "<div class=\"govuk-button-group\">\n");
	govuk_button(&h, &(struct govuk_button){.text = "Submit", .name = "action", .value = "submit"});
	govuk_button(&h, &(struct govuk_button){.text = "Save and come back later", .name = "action",
						.value = "save", .variant = GOVUK_BUTTON_SECONDARY});
	html_lit(&h, "</div>\n</form>\n</div>\n</div>\n");
	respond_page_end(res, &h, &pg);
}

/* The fields' texts for answers as stored. */
static enum err values_from_answers(struct pool *pool, const struct invitation_answers *a,
				    struct form_values *v)
{
	v->score = pool_zalloc(pool, (a->n ? a->n : 1) * sizeof *v->score);
	v->comment = a->comments;
	if (!v->score)
		return E_NOMEM;
	for (size_t i = 0; i < a->n; i++) {
		char text[SCORE_TEXT_SIZE];
		if (score_format(&a->cells[i], text, sizeof text) ||
		    !(v->score[i] = pool_strdup(pool, text)))
			return E_NOMEM;
	}
	return E_OK;
}

void respond_form(struct request *req, struct response *res)
{
	struct respondent r;
	if (!respondent_load(req, res, params_get(&req->query, "t"), &r))
		return;
	struct invitation_answers a;
	struct form_values v;
	/* A draft that cannot be read (it never should) shows empty answers
	 * rather than lock the respondent out. */
	enum err rc = invitation_draft_decode(&r.fw, r.inv.draft, req->pool, &a);
	if (rc == E_INVAL)
		rc = invitation_answers_init(&r.fw, req->pool, &a);
	if (!rc)
		rc = values_from_answers(req->pool, &a, &v);
	if (!respond_store_ok(req, res, rc))
		return;
	answer_form(req, res, &r, &v, NULL, 200);
}

/* ---- reading, checking and submitting ---- */

/*
 * The answers the form sent, checked: a score must be one the radios
 * offer, a comment text the store takes.  The texts as sent go to v, to
 * show again; errors to errs.  E_NOMEM only.
 */
static enum err read_answers(struct request *req, const struct respondent *r,
			     struct invitation_answers *a, struct form_values *v,
			     struct form_errors *errs)
{
	size_t n = r->fw.n_standards;
	enum err rc = invitation_answers_init(&r->fw, req->pool, a);
	if (rc)
		return rc;
	v->score = pool_zalloc(req->pool, (n ? n : 1) * sizeof *v->score);
	v->comment = pool_zalloc(req->pool, (n ? n : 1) * sizeof *v->comment);
	if (!v->score || !v->comment)
		return E_NOMEM;
	for (size_t i = 0; i < n; i++) {
		int num = r->fw.standards[i].number;
		const char *sid = pool_printf(req->pool, "score-%d", num);
		const char *cid = pool_printf(req->pool, "comment-%d", num);
		if (!sid || !cid)
			return E_NOMEM;
		const char *s = params_get(&req->form, sid);
		const char *c = params_get(&req->form, cid);
		v->score[i] = s ? s : "";
		v->comment[i] = c ? c : "";
		char err[SCORE_ERR_SIZE];
		struct score cell;
		if (s && *s && strcmp(s, NONE_VALUE) != 0) {
			if (score_parse(s, &r->sc, &cell, err, sizeof err) == E_OK &&
			    cell.kind != SCORE_RANGE)
				a->cells[i] = cell;
			else
				form_errors_add(errs, sid, pool_printf(req->pool,
					"Choose a score for standard %d from the list", num));
		}
		if (!c || !*c)
			continue;
		char *clean = pool_alloc(req->pool, COMMENT_MAX + 1);
		if (!clean)
			return E_NOMEM;
		if (store_text_clean(c, COMMENT_MAX, 1, clean) < 0)
			form_errors_add(errs, cid, pool_printf(req->pool,
				strlen(c) > COMMENT_MAX
					? "Your comment on standard %d is too long: it can be at most %d bytes, "
					  "which is %d plain letters, fewer if it has accented letters or symbols"
					: "Your comment on standard %d has characters that cannot be stored",
				num, COMMENT_MAX, COMMENT_MAX));
		else
			a->comments[i] = clean;
	}
	return E_OK;
}

/* The error when nothing is answered, on the first standard's radios. */
static void nothing_answered(struct request *req, const struct respondent *r,
			     struct form_errors *errs)
{
	if (r->fw.n_standards)
		form_errors_add(errs, pool_printf(req->pool, "score-%d", r->fw.standards[0].number),
				"Answer at least one standard before you submit, or save your "
				"answers and come back later");
}

static const char *respond_href(struct request *req, const struct respondent *r,
				const char *suffix)
{
	return pool_printf(req->pool, "/respond?t=%s%s", r->token, suffix);
}

/* The answer to a standard as the check page shows it. */
static const char *answer_text(struct request *req, const struct framework *f,
			       const struct score *s)
{
	char text[SCORE_TEXT_SIZE];
	if (s->kind == SCORE_NONE)
		return "No answer";
	if (score_format(s, text, sizeof text))
		return "";
	for (size_t i = 0; i < f->n_points; i++)
		if (s->kind == SCORE_VALUE && s->lo == 2 * f->points[i].value && f->points[i].label)
			return pool_printf(req->pool, "%s: %s", text, f->points[i].label);
	return pool_strdup(req->pool, text);
}

static void check_page(struct request *req, struct response *res, const struct respondent *r,
		       const struct invitation_answers *a)
{
	struct page pg = {.title = "Check your answers before submitting"};
	struct html h;
	respond_page_begin(req, res, &h, &pg);
	private_page(res);
	html_lit(&h, "<div class=\"govuk-grid-row\">\n<div class=\"govuk-grid-column-two-thirds\">\n");
	page_heading(&h, r, "Check your answers before submitting");
	html_lit(&h, "<p class=\"govuk-body\">Your answers have been saved. Check them, then "
		     "submit.</p>\n");
	/* A heading per standard, as its title is too long for a key. */
	for (size_t i = 0; i < r->fw.n_standards; i++) {
		const struct framework_standard *s = &r->fw.standards[i];
		html_lit(&h, "<h2 class=\"govuk-heading-s\">");
		html_text(&h, pool_printf(req->pool, "%d. %s", s->number, s->title));
		html_lit(&h, "</h2>\n");
		govuk_summary_list_begin(&h, NULL);
		struct govuk_summary_row row = {
			.key = "Your score", .value = answer_text(req, &r->fw, &a->cells[i]),
			.action_href = respond_href(req, r, pool_printf(req->pool, "#score-%d", s->number)),
			.action_hidden = pool_printf(req->pool, "your score for standard %d", s->number)};
		govuk_summary_list_row(&h, &row, 1);
		struct govuk_summary_row crow = {
			.key = "Your comment", .value = *a->comments[i] ? a->comments[i] : "None",
			.action_href = respond_href(req, r, pool_printf(req->pool, "#comment-%d", s->number)),
			.action_hidden = pool_printf(req->pool, "your comment on standard %d", s->number)};
		govuk_summary_list_row(&h, &crow, 1);
		govuk_summary_list_end(&h);
	}
	html_lit(&h, "<h2 class=\"govuk-heading-m\">Now submit your answers</h2>\n"
		     "<p class=\"govuk-body\">Your answers will be stored without your name or this "
		     "link. You cannot change them after you submit.</p>\n"
		     "<form method=\"post\" action=\"/respond\" novalidate>\n");
	respond_csrf_field(req, res, &h);
	hidden_token(&h, r);
	html_lit(&h, "<div class=\"govuk-button-group\">\n");
	govuk_button(&h, &(struct govuk_button){.text = "Submit your answers", .name = "action",
						.value = "confirm", .prevent_double_click = 1});
	html_lit(&h, "<a class=\"govuk-link\"");
	html_url(&h, "href", respond_href(req, r, ""));
	html_lit(&h, ">Change your answers</a>\n</div>\n</form>\n</div>\n</div>\n");
	respond_page_end(res, &h, &pg);
}

/* Save (and, for submit, show the answers to check). */
static void save(struct request *req, struct response *res, const struct respondent *r,
		 int submit)
{
	struct invitation_answers a;
	struct form_values v;
	struct form_errors errs = {0};
	enum err rc = read_answers(req, r, &a, &v, &errs);
	if (!respond_store_ok(req, res, rc))
		return;
	if (submit && errs.n == 0 && invitation_answers_count(&a) == 0)
		nothing_answered(req, r, &errs);
	if (errs.n) {
		answer_form(req, res, r, &v, &errs, 400);
		return;
	}
	const char *draft = NULL;
	rc = invitation_draft_encode(&r->fw, &a, req->pool, &draft);
	if (!rc)
		rc = invitation_save_draft(req->db, r->inv.partnership_id, r->inv.id, draft);
	if (rc == E_CONFLICT && !respondent_load(req, res, r->token, &(struct respondent){0}))
		return; /* submitted or withdrawn meanwhile: that page is the answer */
	if (!respond_store_ok(req, res, rc))
		return;
	if (submit)
		check_page(req, res, r, &a);
	else
		respond_redirect(req, res, respond_href(req, r, "&saved=1"));
}

/* Submit the saved answers (what the check page showed). */
static void confirm(struct request *req, struct response *res, const struct respondent *r)
{
	struct invitation_answers a;
	enum err rc = invitation_draft_decode(&r->fw, r->inv.draft, req->pool, &a);
	if (rc == E_INVAL)
		rc = invitation_answers_init(&r->fw, req->pool, &a);
	if (!respond_store_ok(req, res, rc))
		return;
	if (invitation_answers_count(&a) == 0) {
		struct form_values v;
		struct form_errors errs = {0};
		if (!respond_store_ok(req, res, values_from_answers(req->pool, &a, &v)))
			return;
		nothing_answered(req, r, &errs);
		answer_form(req, res, r, &v, &errs, 400);
		return;
	}
	rc = invitation_submit(req->db, r->inv.partnership_id, r->inv.id, a.cells, a.comments, a.n);
	if (rc == E_CONFLICT) {
		/* Submitted, withdrawn or closed meanwhile: say which.  Still
		 * open, the round is full. */
		if (respondent_load(req, res, r->token, &(struct respondent){0}))
			notice(req, res, 409, "This self-analysis cannot take more answers",
			       "It already holds as many answers as a round can. Your answers are "
			       "saved but were not submitted.");
		return;
	}
	respond_after_write(req, res, rc, respond_href(req, r, ""));
}

void respond_post(struct request *req, struct response *res)
{
	struct respondent r;
	if (!respondent_load(req, res, params_get(&req->form, "token"), &r))
		return;
	const char *action = params_get(&req->form, "action");
	if (action && strcmp(action, "save") == 0)
		save(req, res, &r, 0);
	else if (action && strcmp(action, "submit") == 0)
		save(req, res, &r, 1);
	else if (action && strcmp(action, "confirm") == 0)
		confirm(req, res, &r);
	else
		respond_error(req, res, 400, "The form did not say what to do. Go back and try again.");
}
