/*
 * invitation_web.c: the round owner's invitations page: issue links, see
 * how many have been answered, withdraw the ones not yet used.  The
 * respondent's own pages are in respond_web.c.
 *
 * Links are shown once, on the answer to the POST that issued them, and
 * never again (only their hashes are stored): so that answer is a page,
 * not a redirect, and carries Cache-Control: no-store like every page for
 * a signed-in person.  The counts say how many, never who: the page has
 * no list of invitations at all.
 *
 * A link is absolute so it can be pasted into an email: its scheme is
 * https unless the server runs --plain-http, its host the Host the owner's
 * own browser sent (checked to be a plain host name), which is the name
 * they reach jcs by.  An odd Host gives the path alone, with a hint.
 */
#include "selfanalysis/invitation_web.h"

#include <stdlib.h>
#include <string.h>

#include "audit/audit.h"
#include "auth/auth.h"
#include "core/pool.h"
#include "db/store.h"
#include "html/govuk.h"
#include "html/html.h"
#include "html/page.h"
#include "http/request.h"
#include "selfanalysis/invitation.h"
#include "selfanalysis/round.h"
#include "selfanalysis/selfanalysis_page.h"
#include "web/app.h"
#include "web/respond.h"

#define HOST_MAX 255
/* Why a group round has no links (invitation_issue refuses them). */
#define GROUP_NO_LINKS "This is a group round: it holds one response, the scores the group " \
	"agreed, which you enter from the round's page. Invitation links are for interview " \
	"rounds, where each person answers on their own."

/* What the issue form sent, to show again with its errors. */
struct issue_input {
	const char *count;
	const char *group;
};

/* The links issued by this request, shown once. */
struct issued {
	char (*tokens)[INVITATION_TOKEN_SIZE];
	int n;
	const char *group;
};

/* "https://host" for links, or "" when the Host header is not a plain
 * host name (then links are paths, and the page says so). */
static const char *link_base(struct request *req)
{
	const char *host = request_header(req, "Host");
	size_t n = host ? strlen(host) : 0;
	if (n == 0 || n > HOST_MAX ||
	    strspn(host, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-:[]") != n)
		return "";
	const char *base = pool_printf(req->pool, "%s://%s",
				       req->app->cfg.plain_http ? "http" : "https", host);
	return base ? base : "";
}

void invitation_pending_note(struct request *req, struct html *h, const struct round *r, int k,
			     int64_t pending)
{
	if (pending <= 0)
		return;
	html_lit(h, "<p class=\"govuk-body\" id=\"invitation-pending\">");
	html_text(h, pool_printf(req->pool,
				 "%lld %s submitted online %s waiting to be added to the results. "
				 "Answers are added in groups of at least %d from the same respondent "
				 "group, so no one's answers can be picked out. Closing the round adds "
				 "those still waiting only if no results have been shown yet (fewer "
				 "than %d responses); otherwise they are left out.",
				 (long long)pending, pending == 1 ? "answer" : "answers",
				 pending == 1 ? "is" : "are", k, k));
	html_lit(h, "</p>\n");
	if (r->closed || invitation_round_open(r, NULL) <= 0)
		return;
	html_lit(h, "<p class=\"govuk-body\">The round's closing date has passed, but answers "
		    "waiting are added only when the round is closed.");
	if (sa_can_write(req)) {
		html_lit(h, " <a class=\"govuk-link\"");
		html_url(h, "href", sa_round_href(req->pool, r->id, "/edit"));
		html_lit(h, ">Close the round</a> to add them.");
	}
	html_lit(h, "</p>\n");
}

static void counts_section(struct request *req, struct html *h, const struct round *r, int k,
			   const struct invitation_counts *c)
{
	html_lit(h, "<h2 class=\"govuk-heading-m\">Responses so far</h2>\n");
	if (c->issued == 0) {
		html_lit(h, "<p class=\"govuk-body\">No links have been issued for this round yet.</p>\n");
		return;
	}
	html_lit(h, "<p class=\"govuk-body\" id=\"invitation-summary\"><strong>");
	html_text(h, pool_printf(req->pool, "%lld submitted", (long long)c->submitted));
	html_lit(h, "</strong> of ");
	html_text(h, pool_printf(req->pool, "%lld %s issued", (long long)c->issued,
				 c->issued == 1 ? "link" : "links"));
	html_lit(h, ".</p>\n");
	invitation_pending_note(req, h, r, k, c->pending);
	html_lit(h, "<p class=\"govuk-body\">You can see how many people have answered, "
		    "never who answered what: answers are stored without their link.</p>\n");
	const struct govuk_summary_row rows[] = {
		{.key = "Links issued", .value = pool_printf(req->pool, "%lld", (long long)c->issued)},
		{.key = "Not started", .value = pool_printf(req->pool, "%lld", (long long)c->unused)},
		{.key = "Started (answers saved, not submitted)",
		 .value = pool_printf(req->pool, "%lld", (long long)c->started)},
		{.key = "Submitted", .value = pool_printf(req->pool, "%lld", (long long)c->submitted)},
		{.key = "Submitted, waiting to be added",
		 .value = pool_printf(req->pool, "%lld", (long long)c->pending)},
		{.key = "Withdrawn", .value = pool_printf(req->pool, "%lld", (long long)c->withdrawn)},
	};
	govuk_summary_list(h, &(struct govuk_summary_list){.rows = rows,
							    .nrows = sizeof rows / sizeof rows[0]});
}

/* The links just issued, once, in a read-only text area to copy from. */
static void issued_section(struct request *req, struct html *h, const struct issued *is)
{
	const char *base = link_base(req);
	govuk_notification_banner(h, &(struct govuk_notification){
		.success = 1,
		.text = pool_printf(req->pool, "%d invitation %s created%s%s", is->n,
				    is->n == 1 ? "link" : "links", is->group ? " for " : "",
				    is->group ? is->group : "")});
	govuk_warning_text(h, "Copy these links now. They are shown only once: jcs keeps no copy "
			      "it could show again.");
	html_lit(h, "<div class=\"govuk-form-group\">\n"
		    "<label class=\"govuk-label govuk-label--s\" for=\"links\">Invitation links, one per line</label>\n"
		    "<div id=\"links-hint\" class=\"govuk-hint\">Send each person one link. "
		    "Anyone with a link can answer once through it.");
	if (!*base)
		html_lit(h, " Put this service's web address in front of each one.");
	html_lit(h, "</div>\n<textarea class=\"govuk-textarea\" id=\"links\" name=\"links\" readonly"
		    " spellcheck=\"false\" aria-describedby=\"links-hint\"");
	html_attr(h, "rows", pool_printf(req->pool, "%d", is->n < 10 ? is->n + 1 : 10));
	html_lit(h, ">");
	for (int i = 0; i < is->n; i++) {
		html_text(h, base);
		html_lit(h, "/respond?t=");
		html_text(h, is->tokens[i]);
		html_lit(h, "\n");
	}
	html_lit(h, "</textarea>\n</div>\n");
}

/* The page's forms both post to it, saying what to do in "action". */
static void form_begin(struct request *req, struct response *res, struct html *h,
		       const struct round *r, const char *action)
{
	html_lit(h, "<form method=\"post\" novalidate");
	html_url(h, "action", pool_printf(req->pool, "/selfanalysis/rounds/%lld/invitations",
					  (long long)r->id));
	html_lit(h, ">\n");
	respond_csrf_field(req, res, h);
	html_lit(h, "<input type=\"hidden\" name=\"action\"");
	html_attr(h, "value", action);
	html_lit(h, ">\n");
}

static void issue_form(struct request *req, struct response *res, struct html *h,
		       const struct round *r, int k, const struct issue_input *in,
		       const struct form_errors *errs)
{
	html_lit(h, "<h2 class=\"govuk-heading-m\">Create links</h2>\n");
	if (r->mode == ROUND_GROUP) {
		html_lit(h, "<p class=\"govuk-body\">");
		html_text(h, GROUP_NO_LINKS);
		html_lit(h, "</p>\n");
		return;
	}
	if (invitation_round_open(r, NULL) > 0) {
		html_lit(h, "<p class=\"govuk-body\">This round is closed, so no more links can be "
			    "created. Reopen it from its page to collect more answers.</p>\n");
		return;
	}
	form_begin(req, res, h, r, "issue");
	govuk_input(h, &(struct govuk_input){
		.name = "count", .label = "How many links", .label_class = "govuk-label--s",
		.hint = pool_printf(req->pool, "One for each person you will ask, up to %d at a time.",
				    INVITATION_ISSUE_MAX),
		.value = in->count, .inputmode = "numeric", .classes = "govuk-input--width-4",
		.spellcheck_off = 1, .error = form_error_for(errs, "count")});
	govuk_input(h, &(struct govuk_input){
		.name = "group", .label = "Respondent group (optional)", .label_class = "govuk-label--s",
		.hint = pool_printf(req->pool,
				    "For example, Health or Schools. Results are broken down by "
				    "group only for groups of at least %d people who answered.", k),
		.value = in->group, .classes = "govuk-!-width-one-half",
		.error = form_error_for(errs, "group")});
	govuk_button(h, &(struct govuk_button){.text = "Create links", .prevent_double_click = 1});
	html_lit(h, "</form>\n");
}

static void withdraw_form(struct request *req, struct response *res, struct html *h,
			  const struct round *r, const struct invitation_counts *c)
{
	int64_t open = c->unused + c->started;
	if (open == 0)
		return;
	html_lit(h, "<h2 class=\"govuk-heading-m\">Withdraw links</h2>\n<p class=\"govuk-body\">");
	html_text(h, pool_printf(req->pool,
				 "%lld %s not been submitted. Withdrawing stops any more answers "
				 "through them and deletes answers saved but not submitted.",
				 (long long)open, open == 1 ? "link has" : "links have"));
	html_lit(h, "</p>\n");
	form_begin(req, res, h, r, "withdraw");
	govuk_button(h, &(struct govuk_button){.text = "Withdraw links not yet submitted",
					       .variant = GOVUK_BUTTON_WARNING});
	html_lit(h, "</form>\n");
}

/* The page, with what this request issued (or NULL), the issue form's
 * input and errors, answered with status when there are errors. */
static void invitations_page(struct request *req, struct response *res, const struct issued *is,
			     const struct issue_input *in, const struct form_errors *errs,
			     int status)
{
	int64_t pid = req->user->partnership_id;
	struct round r;
	struct invitation_counts c;
	int k = ANONYMITY_K_DEFAULT;
	enum err rc = round_get(req->db, req->pool, pid, request_id(req, "round"), &r);
	if (!rc)
		rc = invitation_counts(req->db, pid, r.id, &c);
	if (!rc)
		rc = selfanalysis_k_get(req->db, pid, &k);
	if (!respond_store_ok(req, res, rc))
		return;
	int has_errors = errs && errs->n > 0;
	const char *round_href = pool_printf(req->pool, "/selfanalysis/rounds/%lld", (long long)r.id);
	const struct crumb crumbs[] = {{"Home", "/"}, {"Self-analysis", "/selfanalysis"},
				       {r.name, round_href}, {"Invitation links", NULL}};
	struct page pg = {.title = pool_printf(req->pool, "Invitation links: %s", r.name),
			  .nav_active = "/selfanalysis", .crumbs = crumbs, .ncrumbs = 4,
			  .error = has_errors};
	struct html h;
	respond_page_begin(req, res, &h, &pg);
	if (has_errors)
		res->status = status;
	html_lit(&h, "<div class=\"govuk-grid-row\">\n<div class=\"govuk-grid-column-two-thirds\">\n");
	govuk_error_summary(&h, errs);
	const char *done = params_get(&req->query, "done");
	if (!has_errors && !is && done && strcmp(done, "withdrawn") == 0)
		govuk_notification_banner(&h, &(struct govuk_notification){
			.success = 1, .text = "Links not yet submitted have been withdrawn"});
	html_lit(&h, "<span class=\"govuk-caption-l\">");
	html_text(&h, r.name);
	html_lit(&h, "</span>\n<h1 class=\"govuk-heading-l\">Invitation links</h1>\n"
		     "<p class=\"govuk-body\">Each person you ask gets a link of their own. Through it "
		     "they answer every standard, can save and come back, and submit once. "
		     "No account is needed.</p>\n</div>\n</div>\n");
	if (is) {
		/* The full width, so that each link fits on its line. */
		html_lit(&h, "<div class=\"govuk-grid-row\">\n<div class=\"govuk-grid-column-full\">\n");
		issued_section(req, &h, is);
		html_lit(&h, "</div>\n</div>\n");
	}
	html_lit(&h, "<div class=\"govuk-grid-row\">\n<div class=\"govuk-grid-column-two-thirds\">\n");
	counts_section(req, &h, &r, k, &c);
	issue_form(req, res, &h, &r, k, in, errs);
	withdraw_form(req, res, &h, &r, &c);
	html_lit(&h, "</div>\n</div>\n");
	respond_page_end(res, &h, &pg);
}

void round_invitations_page(struct request *req, struct response *res)
{
	invitations_page(req, res, NULL, &(struct issue_input){0}, NULL, 200);
}

/* The count as a whole number 1..INVITATION_ISSUE_MAX, else 0. */
static int count_parse(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n > 3 || strspn(s, "0123456789") != n)
		return 0;
	int v = atoi(s);
	return v <= INVITATION_ISSUE_MAX ? v : 0;
}

static void withdraw(struct request *req, struct response *res)
{
	struct actor who;
	app_actor(req, &who);
	int64_t id = request_id(req, "round");
	enum err rc = invitation_withdraw_open(req->db, &who, req->user->partnership_id, id, NULL);
	respond_after_write(req, res, rc,
			    pool_printf(req->pool, "/selfanalysis/rounds/%lld/invitations?done=withdrawn",
					(long long)id));
}

void round_invitations_issue(struct request *req, struct response *res)
{
	/* Another partnership's round (or none) is 404 before anything about
	 * the form is judged, so the answer never depends on its existence. */
	struct round r;
	if (!respond_store_ok(req, res, round_get(req->db, req->pool, req->user->partnership_id,
						  request_id(req, "round"), &r)))
		return;
	const char *action = params_get(&req->form, "action");
	if (r.mode == ROUND_GROUP && action && strcmp(action, "issue") == 0) {
		respond_error(req, res, 409, GROUP_NO_LINKS);
		return;
	}
	if (action && strcmp(action, "withdraw") == 0) {
		withdraw(req, res);
		return;
	}
	if (!action || strcmp(action, "issue") != 0) {
		respond_error(req, res, 400, "The form did not say what to do. Go back and try again.");
		return;
	}
	struct issue_input in = {.count = form_text(req, "count"), .group = form_text(req, "group")};
	struct form_errors errs = {0};
	int count = count_parse(in.count);
	if (!*in.count)
		form_errors_add(&errs, "count", "Enter how many links to create");
	else if (!count)
		form_errors_add(&errs, "count",
				pool_printf(req->pool, "How many links must be a whole number from 1 to %d",
					    INVITATION_ISSUE_MAX));
	char clean[INVITATION_GROUP_MAX + 1];
	if (store_text_clean(in.group, INVITATION_GROUP_MAX, 0, clean) < 0)
		form_errors_add(&errs, "group",
				pool_printf(req->pool, "Respondent group must be %d characters or fewer, "
						       "on one line", INVITATION_GROUP_MAX));
	if (errs.n) {
		invitations_page(req, res, NULL, &in, &errs, 400);
		return;
	}
	struct issued is = {.n = count, .group = *clean ? clean : NULL,
			    .tokens = pool_alloc(req->pool, (size_t)count * INVITATION_TOKEN_SIZE)};
	if (!is.tokens) {
		respond_store_error(req, res, E_NOMEM);
		return;
	}
	struct actor who;
	app_actor(req, &who);
	enum err rc = invitation_issue(req->db, &who, req->user->partnership_id,
				       request_id(req, "round"), count, in.group, is.tokens);
	if (rc == E_CONFLICT || rc == E_TOOBIG) {
		form_errors_add(&errs, "count",
				rc == E_CONFLICT
					? "This round is closed, so no more links can be created"
					: pool_printf(req->pool, "A round can have at most %d links, "
								 "withdrawn ones included",
						      INVITATION_ROUND_MAX));
		invitations_page(req, res, NULL, &in, &errs, 409);
		return;
	}
	if (!respond_store_ok(req, res, rc))
		return;
	invitations_page(req, res, &is, &(struct issue_input){0}, NULL, 200);
}
