/*
 * rounds_web.c: the self-analysis home page (the partnership's rounds),
 * adding and changing a round, and a round's own page (what it is and
 * everything that can be done with it).  Frameworks are in
 * frameworks_web.c, entry and import of responses in entry_web.c, results
 * in results_web.c, the anonymity setting in settings_web.c.
 *
 * The round form checks what it can explain before the store sees it (a
 * missing name, a framework not on the list, dates that are not days or
 * that close before they open), so the store's own refusals are left for
 * what only it can know: a name already in use.  A round's framework and
 * mode never change once it exists (its responses answer that framework),
 * so the change form shows them as facts rather than fields.
 */
#include "selfanalysis/selfanalysis_web.h"

#include <string.h>

#include "audit/audit.h"
#include "auth/auth.h"
#include "core/clock.h"
#include "core/pool.h"
#include "db/store.h"
#include "html/govuk.h"
#include "html/html.h"
#include "html/page.h"
#include "http/request.h"
#include "partnership/partnership.h"
#include "selfanalysis/invitation.h"
#include "selfanalysis/invitation_web.h"
#include "selfanalysis/round.h"
#include "selfanalysis/selfanalysis_page.h"
#include "web/app.h"
#include "web/respond.h"

/* The success banners of the round's page (?done=...); the words come
 * from here, never from the URL.  "shared" and "unshared" come back from
 * benchmark_web.c, "imported" and "entered" from entry_web.c. */
static const struct code_label round_done[] = {
	{"added", "Round added. Next, collect its responses: invite respondents, enter them or import a file."},
	{"changed", "Round details changed"},
	{"entered", "Response added"},
	{"imported", "Responses imported"},
	{"shared", "The round's results are shared with the national benchmark"},
	{"unshared", "The round's results are no longer shared with the national benchmark"},
};

/* The title of framework id among the listed ones, else the id itself. */
static const char *framework_title(const struct framework_entry *f, size_t n, const char *id)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(f[i].id, id) == 0)
			return f[i].title;
	return id;
}

/* ---- The home page: the rounds ---- */

void selfanalysis_home(struct request *req, struct response *res)
{
	int64_t pid = req->user->partnership_id;
	struct round *r = NULL;
	struct framework_entry *fw = NULL;
	size_t n = 0, nfw = 0;
	enum err rc = round_list(req->db, req->pool, pid, &r, &n);
	if (!rc)
		rc = framework_store_list(req->db, req->pool, pid, &fw, &nfw);
	if (!respond_store_ok(req, res, rc))
		return;
	struct html h;
	struct page pg;
	sa_page_begin(req, res, &h, &pg, "Self-analysis", NULL, NULL, 0);
	html_lit(&h, "<h1 class=\"govuk-heading-l\">Self-analysis</h1>\n"
		     "<p class=\"govuk-body\">The partnership scores itself against a framework's standards in a "
		     "round: by interviews, where each respondent scores every standard, or by a group that agrees "
		     "one score for each. The results show strengths and weaknesses, and comparing rounds shows "
		     "progress.</p>\n");
	if (sa_can_write(req))
		govuk_button(&h, &(struct govuk_button){.text = "Start a new round", .href = "/selfanalysis/rounds/new"});
	html_lit(&h, "<ul class=\"govuk-list\">\n"
		     "<li><a class=\"govuk-link\" href=\"/selfanalysis/frameworks\">Frameworks and their standards</a></li>\n"
		     "<li><a class=\"govuk-link\" href=\"/selfanalysis/benchmark\">National benchmark</a></li>\n"
		     "<li><a class=\"govuk-link\" href=\"/settings\">Anonymity setting</a></li>\n"
		     "</ul>\n");
	if (n == 0) {
		html_lit(&h, "<p class=\"govuk-body\">There are no rounds yet.</p>\n");
		respond_page_end(res, &h, &pg);
		return;
	}
	const struct govuk_cell head[] = {
		{.text = "Round"}, {.text = "Framework"}, {.text = "Mode"}, {.text = "Dates"},
		{.text = "Responses", .numeric = 1}, {.text = "Status"},
	};
	govuk_table_begin(&h, &(struct govuk_table){.caption = "Rounds, newest first",
						    .caption_class = "govuk-table__caption--m",
						    .head = head, .ncols = 6});
	for (size_t i = 0; i < n; i++) {
		const char *status = sa_round_status(&r[i]);
		if (r[i].shared_at)
			status = pool_printf(req->pool, "%s, shared with the benchmark", status);
		const struct govuk_cell row[] = {
			{.text = r[i].name, .href = sa_round_href(req->pool, r[i].id, "")},
			{.text = framework_title(fw, nfw, r[i].framework)},
			{.text = round_mode_label(r[i].mode)},
			{.text = sa_dates(req->pool, &r[i])},
			{.text = pool_printf(req->pool, "%lld", (long long)r[i].responses), .numeric = 1},
			{.text = status},
		};
		govuk_table_row(&h, row, 6);
	}
	govuk_table_end(&h);
	respond_page_end(res, &h, &pg);
}

/* ---- Add and change ---- */

/* What the form sent, as sent, to show again with its errors. */
struct round_input {
	const char *name, *framework, *mode, *opens_on, *closes_on, *key_messages;
	int closed;
};

static void round_input_read(struct request *req, struct round_input *in)
{
	in->name = form_text(req, "name");
	in->framework = form_text(req, "framework");
	in->mode = form_text(req, "mode");
	in->opens_on = form_text(req, "opens_on");
	in->closes_on = form_text(req, "closes_on");
	in->key_messages = form_text(req, "key_messages");
	const char *closed = params_get(&req->form, "closed");
	in->closed = closed && strcmp(closed, "true") == 0;
}

/* A day field: "" (none) or a real day written YYYY-MM-DD. */
static int day_ok(const char *s)
{
	return !*s || (strlen(s) == 10 && clock_day_valid(s));
}

/* The form's own checks; adding says whether framework and mode are asked. */
static void round_input_check(struct request *req, const struct round_input *in, int adding,
			      const struct framework_entry *fw, size_t nfw, struct form_errors *errs)
{
	char clean[ROUND_KEY_MESSAGES_MAX + 1];
	if (!*in->name)
		form_errors_add(errs, "name", "Enter a name for the round");
	else if (store_text_clean(in->name, STORE_NAME_MAX, 0, clean) < 0)
		form_errors_add(errs, "name", pool_printf(req->pool, "Name must be %d characters or fewer, "
							  "without line breaks or control characters",
							  STORE_NAME_MAX));
	if (adding) {
		int found = 0;
		for (size_t i = 0; i < nfw; i++)
			found |= strcmp(fw[i].id, in->framework) == 0;
		if (!*in->framework)
			form_errors_add(errs, "framework", "Select the framework the round uses");
		else if (!found)
			form_errors_add(errs, "framework", "Select a framework from the list");
		if (round_mode_parse(in->mode) < 0)
			form_errors_add(errs, "mode", "Select how the round is scored");
	}
	if (!day_ok(in->opens_on))
		form_errors_add(errs, "opens_on", "The opening date must be a real day, written like 2009-03-31");
	if (!day_ok(in->closes_on))
		form_errors_add(errs, "closes_on", "The closing date must be a real day, written like 2009-04-30");
	else if (*in->opens_on && *in->closes_on && day_ok(in->opens_on) &&
		 strcmp(in->closes_on, in->opens_on) < 0)
		form_errors_add(errs, "closes_on", "The closing date must be the same as or after the opening date");
	if (store_text_clean(in->key_messages, ROUND_KEY_MESSAGES_MAX, 1, clean) < 0)
		form_errors_add(errs, "key_messages",
				pool_printf(req->pool, "Key messages must be %d characters or fewer, without control characters",
					    ROUND_KEY_MESSAGES_MAX));
}

static const struct govuk_choice mode_items[] = {
	{.value = "interviews", .text = "Interviews",
	 .hint = "Each respondent scores every standard; the results show how far they agree"},
	{.value = "group", .text = "Group",
	 .hint = "A group agrees one score for each standard"},
};

/* The add (old NULL) or change form. */
static void round_form(struct request *req, struct response *res, const struct round *old,
		       const struct round_input *in, const struct framework_entry *fw, size_t nfw,
		       const struct form_errors *errs)
{
	struct html h;
	struct page pg;
	const char *title = old ? "Change the round" : "Start a new round";
	sa_page_begin(req, res, &h, &pg, title, old, old ? "Change" : "New round", errs && errs->n);
	html_lit(&h, "<div class=\"govuk-grid-row\">\n<div class=\"govuk-grid-column-two-thirds\">\n");
	govuk_error_summary(&h, errs);
	if (old) {
		html_lit(&h, "<span class=\"govuk-caption-l\">");
		html_text(&h, old->name);
		html_lit(&h, "</span>\n");
	}
	html_lit(&h, "<h1 class=\"govuk-heading-l\">");
	html_text(&h, title);
	html_lit(&h, "</h1>\n<form method=\"post\" novalidate");
	html_url(&h, "action", old ? sa_round_href(req->pool, old->id, "/edit") : "/selfanalysis/rounds/new");
	html_lit(&h, ">\n");
	respond_csrf_field(req, res, &h);
	govuk_input(&h, &(struct govuk_input){.name = "name", .label = "Name", .label_class = "govuk-label--s",
					      .hint = "For example, Self-analysis March 2009",
					      .value = in->name, .error = form_error_for(errs, "name")});
	if (old) {
		govuk_summary_list(&h, &(struct govuk_summary_list){
			.rows = (const struct govuk_summary_row[]){
				{.key = "Framework", .value = framework_title(fw, nfw, old->framework)},
				{.key = "Mode", .value = round_mode_label(old->mode)},
			},
			.nrows = 2});
	} else {
		struct govuk_option *opts = pool_alloc(req->pool, (nfw + 1) * sizeof *opts);
		if (!opts) {
			respond_store_error(req, res, E_NOMEM);
			return;
		}
		opts[0] = (struct govuk_option){.value = "", .text = "Choose a framework"};
		for (size_t i = 0; i < nfw; i++)
			opts[i + 1] = (struct govuk_option){.value = fw[i].id,
							    .text = pool_printf(req->pool, "%s (%zu standards)",
										fw[i].title, fw[i].n_standards)};
		govuk_select(&h, &(struct govuk_select){.name = "framework", .label = "Framework",
							.label_class = "govuk-label--s",
							.hint = "The standards the partnership scores itself against. "
								"It cannot be changed once the round exists.",
							.value = in->framework, .options = opts, .noptions = nfw + 1,
							.error = form_error_for(errs, "framework")});
		govuk_radios(&h, &(struct govuk_choices){.name = "mode", .legend = "How the round is scored",
							 .legend_class = "govuk-fieldset__legend--s",
							 .value = in->mode, .items = mode_items, .nitems = 2,
							 .error = form_error_for(errs, "mode")});
	}
	govuk_input(&h, &(struct govuk_input){.name = "opens_on", .label = "Opening date (optional)",
					      .label_class = "govuk-label--s",
					      .hint = "Written year-month-day, for example 2009-03-01",
					      .value = in->opens_on, .classes = "govuk-input--width-10",
					      .spellcheck_off = 1, .error = form_error_for(errs, "opens_on")});
	govuk_input(&h, &(struct govuk_input){.name = "closes_on", .label = "Closing date (optional)",
					      .label_class = "govuk-label--s",
					      .hint = "Written year-month-day, for example 2009-03-31",
					      .value = in->closes_on, .classes = "govuk-input--width-10",
					      .spellcheck_off = 1, .error = form_error_for(errs, "closes_on")});
	if (old) {
		govuk_textarea(&h, &(struct govuk_textarea){
			.name = "key_messages", .label = "Key messages (optional)", .label_class = "govuk-label--s",
			.hint = "What the board should take from the results. They open the board paper; "
				"leave a blank line between paragraphs.",
			.value = in->key_messages, .rows = 8, .error = form_error_for(errs, "key_messages")});
		struct govuk_choice closed = {.value = "true", .text = "The round is closed",
					      .hint = "No more responses can be entered or submitted online, "
						      "and no more invitations issued",
					      .checked = in->closed};
		govuk_checkboxes(&h, &(struct govuk_choices){.name = "closed", .legend = "Status",
							     .legend_class = "govuk-fieldset__legend--s",
							     .items = &closed, .nitems = 1});
	}
	html_lit(&h, "<div class=\"govuk-button-group\">\n");
	govuk_button(&h, &(struct govuk_button){.text = old ? "Save changes" : "Start the round",
						.prevent_double_click = 1});
	html_lit(&h, "<a class=\"govuk-link\"");
	html_url(&h, "href", old ? sa_round_href(req->pool, old->id, "") : "/selfanalysis");
	html_lit(&h, ">Cancel</a>\n</div>\n</form>\n</div>\n</div>\n");
	respond_page_end(res, &h, &pg);
}

/* Adds (old NULL) or changes old as the form says. */
static void round_save(struct request *req, struct response *res, const struct round *old)
{
	int64_t pid = req->user->partnership_id;
	struct framework_entry *fw = NULL;
	size_t nfw = 0;
	struct round_input in;
	struct form_errors errs = {0};
	enum err rc = framework_store_list(req->db, req->pool, pid, &fw, &nfw);
	if (!respond_store_ok(req, res, rc))
		return;
	round_input_read(req, &in);
	round_input_check(req, &in, old == NULL, fw, nfw, &errs);
	int64_t id = old ? old->id : 0;
	if (errs.n == 0) {
		struct actor a;
		struct round r = {.name = in.name, .opens_on = *in.opens_on ? in.opens_on : NULL,
				  .closes_on = *in.closes_on ? in.closes_on : NULL};
		app_actor(req, &a);
		if (old) {
			r.closed = in.closed;
			r.key_messages = in.key_messages;
			rc = round_update(req->db, &a, pid, id, &r);
		} else {
			r.framework = in.framework;
			r.mode = (enum round_mode)round_mode_parse(in.mode);
			rc = round_add(req->db, &a, pid, &r, &id);
		}
		if (rc == E_CONFLICT)
			form_errors_add(&errs, "name", "There is already a round with this name");
		else if (rc == E_NOTFOUND && !old)
			form_errors_add(&errs, "framework", "Select a framework from the list");
		else if (rc == E_INVAL)
			form_errors_add(&errs, "name", "The round could not be saved as written: check the name and dates");
	}
	if (errs.n) {
		round_form(req, res, old, &in, fw, nfw, &errs);
		return;
	}
	respond_after_write(req, res, rc, sa_round_href(req->pool, id, old ? "?done=changed" : "?done=added"));
}

void round_new_form(struct request *req, struct response *res)
{
	struct framework_entry *fw = NULL;
	size_t nfw = 0;
	enum err rc = framework_store_list(req->db, req->pool, req->user->partnership_id, &fw, &nfw);
	if (!respond_store_ok(req, res, rc))
		return;
	struct round_input in = {.name = "", .framework = "", .mode = "interviews", .opens_on = "",
				 .closes_on = "", .key_messages = ""};
	round_form(req, res, NULL, &in, fw, nfw, NULL);
}

void round_create(struct request *req, struct response *res)
{
	round_save(req, res, NULL);
}

/* The round {round} names and the frameworks (for their titles): 1, or 0
 * having answered. */
static int round_and_frameworks(struct request *req, struct response *res, struct round *r,
				struct framework_entry **fw, size_t *nfw)
{
	if (!sa_round_load(req, res, r))
		return 0;
	enum err rc = framework_store_list(req->db, req->pool, req->user->partnership_id, fw, nfw);
	return respond_store_ok(req, res, rc);
}

void round_edit_form(struct request *req, struct response *res)
{
	struct round r;
	struct framework_entry *fw = NULL;
	size_t nfw = 0;
	if (!round_and_frameworks(req, res, &r, &fw, &nfw))
		return;
	struct round_input in = {.name = r.name, .opens_on = r.opens_on ? r.opens_on : "",
				 .closes_on = r.closes_on ? r.closes_on : "",
				 .key_messages = r.key_messages ? r.key_messages : "", .closed = r.closed};
	round_form(req, res, &r, &in, fw, nfw, NULL);
}

void round_edit(struct request *req, struct response *res)
{
	struct round r;
	if (sa_round_load(req, res, &r))
		round_save(req, res, &r);
}

/* ---- The round's page ---- */

/* A link as an item of a list. */
static void link_item(struct html *h, const char *href, const char *text)
{
	html_lit(h, "<li><a class=\"govuk-link\"");
	html_url(h, "href", href);
	html_lit(h, ">");
	html_text(h, text);
	html_lit(h, "</a></li>\n");
}

/* Share with the national benchmark, or stop (benchmark_web.c handles both). */
static void share_form(struct request *req, struct response *res, struct html *h, const struct round *r)
{
	html_lit(h, "<h2 class=\"govuk-heading-m\" id=\"benchmark\">National benchmark</h2>\n<p class=\"govuk-body\">");
	if (r->shared_at)
		html_text(h, pool_printf(req->pool, "This round's results have been shared since %s.",
					 sa_day(req->pool, r->shared_at, "")));
	else
		html_text(h, "This round's results are not shared.");
	html_lit(h, " Sharing sends only each standard's number of scores and mean to the national "
		    "benchmark, where partnerships see where they stand among those that share. No "
		    "individual answer or comment ever leaves the partnership.</p>\n");
	if (!sa_can_write(req))
		return;
	html_lit(h, "<form method=\"post\" novalidate");
	html_url(h, "action", sa_round_href(req->pool, r->id, r->shared_at ? "/unshare" : "/share"));
	html_lit(h, ">\n");
	respond_csrf_field(req, res, h);
	govuk_button(h, &(struct govuk_button){
		.text = r->shared_at ? "Stop sharing" : "Share with the national benchmark",
		.variant = GOVUK_BUTTON_SECONDARY, .prevent_double_click = 1});
	html_lit(h, "</form>\n");
}

void round_show(struct request *req, struct response *res)
{
	struct round r;
	struct framework_entry *fw = NULL;
	size_t nfw = 0;
	if (!round_and_frameworks(req, res, &r, &fw, &nfw))
		return;
	/* Answers submitted online but not yet added (invitation.h). */
	struct invitation_counts ic;
	int k = ANONYMITY_K_DEFAULT;
	enum err rc = invitation_counts(req->db, req->user->partnership_id, r.id, &ic);
	if (!rc)
		rc = selfanalysis_k_get(req->db, req->user->partnership_id, &k);
	if (!respond_store_ok(req, res, rc))
		return;
	int writer = sa_can_write(req);
	struct html h;
	struct page pg;
	sa_page_begin(req, res, &h, &pg, r.name, &r, NULL, 0);
	html_lit(&h, "<div class=\"govuk-grid-row\">\n<div class=\"govuk-grid-column-two-thirds\">\n");
	int64_t imported = record_id_parse(params_get(&req->query, "n"));
	const char *done = params_get(&req->query, "done");
	if (done && strcmp(done, "imported") == 0 && imported > 0)
		govuk_notification_banner(&h, &(struct govuk_notification){
			.success = 1, .text = pool_printf(req->pool, "%lld %s imported", (long long)imported,
							  imported == 1 ? "response" : "responses")});
	else
		sa_done_banner(req, &h, round_done, sizeof round_done / sizeof round_done[0]);
	html_lit(&h, "<span class=\"govuk-caption-l\">Self-analysis round</span>\n<h1 class=\"govuk-heading-l\">");
	html_text(&h, r.name);
	html_lit(&h, "</h1>\n");
#define CHANGE(field) (writer ? sa_round_href(req->pool, r.id, "/edit#" field) : NULL)
	const struct govuk_summary_row rows[] = {
		{.key = "Framework", .value = framework_title(fw, nfw, r.framework)},
		{.key = "Mode", .value = round_mode_label(r.mode)},
		{.key = "Dates", .value = sa_dates(req->pool, &r), .action_href = CHANGE("opens_on"),
		 .action_hidden = "dates"},
		{.key = "Status", .value = sa_round_status(&r), .action_href = CHANGE("closed"),
		 .action_hidden = "status"},
		{.key = "Responses", .value = pool_printf(req->pool, "%lld", (long long)r.responses)},
	};
	govuk_summary_list_begin(&h, NULL);
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
		govuk_summary_list_row(&h, &rows[i], writer);
	govuk_summary_list_end(&h);
	invitation_pending_note(req, &h, &r, k, ic.pending);

	html_lit(&h, "<h2 class=\"govuk-heading-m\" id=\"key-messages\">Key messages</h2>\n");
	if (r.key_messages && *r.key_messages)
		sa_paragraphs(&h, req->pool, r.key_messages);
	else
		html_lit(&h, "<p class=\"govuk-body\">None yet. They open the board paper.</p>\n");
	if (writer) {
		html_lit(&h, "<p class=\"govuk-body\"><a class=\"govuk-link\"");
		html_url(&h, "href", CHANGE("key_messages"));
		html_lit(&h, ">Change the key messages</a></p>\n");
	}
#undef CHANGE

	html_lit(&h, "<h2 class=\"govuk-heading-m\">Results</h2>\n<ul class=\"govuk-list\">\n");
	link_item(&h, sa_round_href(req->pool, r.id, "/results"), "See the results");
	link_item(&h, sa_round_href(req->pool, r.id, "/compare"), "Compare with another round");
	if (permission_allows(req->user->role, RES_ACTIONS, ACT_READ))
		link_item(&h, sa_round_href(req->pool, r.id, "/actions"), "Action plan");
	html_lit(&h, "</ul>\n<h2 class=\"govuk-heading-m\">Board paper</h2>\n"
		     "<p class=\"govuk-body\">The summary table, the key messages, the anonymised annex and "
		     "selected comments (when enough people responded) and the comparison with the previous "
		     "round.</p>\n<ul class=\"govuk-list\">\n");
	link_item(&h, sa_round_href(req->pool, r.id, "/report?format=html"), "Download the board paper as a web page (HTML)");
	link_item(&h, sa_round_href(req->pool, r.id, "/report?format=pdf"), "Download the board paper as a PDF");
	link_item(&h, sa_round_href(req->pool, r.id, "/report?format=xlsx"), "Download the board paper as a spreadsheet (XLSX)");
	html_lit(&h, "</ul>\n");
	/* Collecting responses: online and by entry while open; an import
	 * fills a round that has none yet, even a closed one (its history). */
	int open = writer && !r.closed, empty = writer && r.responses == 0;
	/* A group round holds one response, its agreed scores: once entered,
	 * there is nothing more to collect. */
	if (r.mode == ROUND_GROUP && !empty)
		open = 0;
	if (open || empty) {
		html_lit(&h, "<h2 class=\"govuk-heading-m\">Collect responses</h2>\n<ul class=\"govuk-list\">\n");
		if (open) {
			if (r.mode != ROUND_GROUP) /* a group's scores are entered, not invited */
				link_item(&h, sa_round_href(req->pool, r.id, "/invitations"), "Invite respondents online");
			link_item(&h, sa_round_href(req->pool, r.id, "/entry"), "Enter a response");
		}
		if (empty)
			link_item(&h, sa_round_href(req->pool, r.id, "/import"), "Import scores from a CSV file");
		html_lit(&h, "</ul>\n");
	}
	share_form(req, res, &h, &r);
	html_lit(&h, "</div>\n</div>\n");
	respond_page_end(res, &h, &pg);
}
