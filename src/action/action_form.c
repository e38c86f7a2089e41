/*
 * action_form.c: adding and changing an action.
 *
 * The standards an action addresses are checkboxes, one fieldset per
 * self-analysis round the form offers: the round the page was opened from
 * (/actions/new?round=ID&standard=KEY ticks that standard), the rounds the
 * action already links, and any round added with "Show its standards",
 * which posts the form back to itself and shows it again with that round's
 * standards and everything typed so far.  A checkbox's value is
 * "ROUND:KEY"; the rounds on offer travel in hidden shown_round fields,
 * each loaded again through the partnership, so a forged round or key is
 * "not on the list" and nothing of another partnership is ever shown.
 *
 * The handler checks what it can name a field for before the store sees
 * the action (action_store.c checks every reference again).
 */
#include "action/action_web.h"

#include <string.h>

#include "action/action.h"
#include "action/action_page.h"
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
#include "partnership/structure_web.h"
#include "selfanalysis/framework.h"
#include "selfanalysis/round.h"
#include "web/app.h"
#include "web/respond.h"

/* A round whose standards the form offers. */
struct offered_round {
	struct round r;
	struct framework fw;
};

struct action_form {
	const struct action_item *old;    /* NULL when adding */
	const char *title, *owner, *lead, *due, *status; /* as sent, or as stored */
	struct organisation *orgs;   /* current ones, and the present owner */
	size_t norgs;
	struct round *rounds;        /* every round, for "Show its standards" */
	size_t nrounds;
	struct offered_round *offered;
	size_t noffered;
	const char **checked;        /* "ROUND:KEY" of the ticked standards */
	size_t nchecked;
	const char *cancel;          /* where Cancel goes */
};

#define OFFERED_MAX ACTION_LINKS_MAX

static const char *standard_value(struct pool *pool, int64_t round_id, const char *key)
{
	return pool_printf(pool, "%lld:%s", (long long)round_id, key);
}

/* The id of the first checkbox, where the standards' errors link. */
static const char *standards_field(struct request *req, const struct action_form *f)
{
	return f->noffered ? pool_printf(req->pool, "standard-%lld", (long long)f->offered[0].r.id)
			   : "round_to_add";
}

/* Adds round id to the offer: E_NOTFOUND when it is not the partnership's.
 * A round already offered is not offered twice. */
static enum err offer_round(struct request *req, struct action_form *f, int64_t id)
{
	for (size_t i = 0; i < f->noffered; i++)
		if (f->offered[i].r.id == id)
			return E_OK;
	if (f->noffered == OFFERED_MAX)
		return E_TOOBIG;
	struct offered_round *o = &f->offered[f->noffered];
	enum err rc = id > 0 ? round_get(req->db, req->pool, req->user->partnership_id, id, &o->r)
			     : E_NOTFOUND;
	if (rc == E_OK)
		rc = framework_load(req->db, req->pool, req->user->partnership_id, o->r.framework, &o->fw);
	if (rc == E_OK)
		f->noffered++;
	return rc;
}

/* What every form needs: the organisations (and the owner an action keeps
 * though retired since) and the rounds. */
static enum err form_load(struct request *req, struct action_form *f, const struct action_item *old)
{
	int64_t pid = req->user->partnership_id;
	memset(f, 0, sizeof *f);
	f->old = old;
	f->offered = pool_alloc(req->pool, OFFERED_MAX * sizeof *f->offered);
	f->checked = pool_alloc(req->pool, (OFFERED_MAX * FRAMEWORK_MAX_STANDARDS) * sizeof *f->checked);
	if (!f->offered || !f->checked)
		return E_NOMEM;
	enum err rc = organisation_list(req->db, req->pool, pid, &f->orgs, &f->norgs);
	if (rc == E_OK)
		rc = round_list(req->db, req->pool, pid, &f->rounds, &f->nrounds);
	if (rc || !old || !old->owner_id)
		return rc;
	for (size_t i = 0; i < f->norgs; i++)
		if (f->orgs[i].id == old->owner_id)
			return E_OK;
	struct organisation *more = pool_alloc(req->pool, (f->norgs + 1) * sizeof *more);
	if (!more)
		return E_NOMEM;
	if (f->norgs)
		memcpy(more, f->orgs, f->norgs * sizeof *more);
	more[f->norgs] = (struct organisation){.id = old->owner_id, .name = old->owner_name};
	f->orgs = more;
	f->norgs++;
	return E_OK;
}

static int is_checked(const struct action_form *f, const char *value)
{
	for (size_t i = 0; i < f->nchecked; i++)
		if (strcmp(f->checked[i], value) == 0)
			return 1;
	return 0;
}

/* ---- the page ---- */

static void offered_fieldsets(struct request *req, struct html *h, const struct action_form *f,
			      const struct form_errors *errs)
{
	for (size_t i = 0; i < f->noffered; i++) {
		const struct offered_round *o = &f->offered[i];
		struct govuk_choice *items = pool_zalloc(req->pool, (o->fw.n_standards + 1) * sizeof *items);
		if (!items)
			return; /* the pool is full: the page fails as a whole */
		for (size_t s = 0; s < o->fw.n_standards; s++) {
			const char *value = standard_value(req->pool, o->r.id, o->fw.standards[s].key);
			items[s] = (struct govuk_choice){
				.value = value,
				.text = pool_printf(req->pool, "%d. %s", o->fw.standards[s].number,
						    o->fw.standards[s].title),
				.checked = is_checked(f, value)};
		}
		const char *prefix = pool_printf(req->pool, "standard-%lld", (long long)o->r.id);
		govuk_checkboxes(h, &(struct govuk_choices){
			.name = "standard", .id_prefix = prefix,
			.legend = pool_printf(req->pool, "Standards of %s it addresses", o->r.name),
			.legend_class = "govuk-fieldset__legend--s",
			.hint = "Select all that apply", .items = items, .nitems = o->fw.n_standards,
			.classes = "govuk-checkboxes--small",
			.error = i == 0 ? form_error_for(errs, prefix) : NULL});
		html_lit(h, "<input type=\"hidden\" name=\"shown_round\"");
		html_attr(h, "value", form_option_value(req->pool, o->r.id));
		html_lit(h, ">\n");
	}
}

/* The rounds not on offer yet, for "Show its standards". */
static void round_chooser(struct request *req, struct html *h, const struct action_form *f,
			  const struct form_errors *errs)
{
	struct govuk_option *opts = pool_alloc(req->pool, (f->nrounds + 1) * sizeof *opts);
	size_t n = 0;
	if (!opts)
		return;
	opts[n++] = (struct govuk_option){.value = "", .text = "Choose a round"};
	for (size_t i = 0; i < f->nrounds; i++) {
		int offered = 0;
		for (size_t k = 0; k < f->noffered; k++)
			offered |= f->offered[k].r.id == f->rounds[i].id;
		if (!offered)
			opts[n++] = (struct govuk_option){.value = form_option_value(req->pool, f->rounds[i].id),
							  .text = f->rounds[i].name};
	}
	if (n == 1)
		return;
	html_lit(h, "<h2 class=\"govuk-heading-m\">Standards of another round</h2>\n");
	govuk_select(h, &(struct govuk_select){
		.name = "round_to_add", .label = "Self-analysis round",
		.hint = "Its standards are added to this form, and what you have entered is kept",
		.options = opts, .noptions = n, .error = form_error_for(errs, "round_to_add")});
	govuk_button(h, &(struct govuk_button){.text = "Show its standards", .name = "add_round",
					       .value = "1", .variant = GOVUK_BUTTON_SECONDARY});
}

static void form_page(struct request *req, struct response *res, const struct action_form *f,
		      const struct form_errors *errs)
{
	const struct action_item *old = f->old;
	struct govuk_option *oopts = structure_organisation_options(req->pool, f->orgs, f->norgs);
	struct govuk_choice *sitems = structure_code_choices(req->pool, action_status_table,
							     action_status_count, NULL, 0);
	if (!oopts || !sitems) {
		respond_store_error(req, res, E_NOMEM);
		return;
	}
	oopts[0].text = "No owner organisation";
	const struct structure_form sf = {
		.list_text = "Actions", .list_href = "/actions",
		.title = old ? "Change action" : "Add an action",
		.name = old ? old->title : NULL, .self = old ? action_href(req->pool, old->id, "") : NULL,
		.errs = errs};
	struct html h;
	struct page pg;
	structure_form_begin(req, res, &h, &pg, &sf);
	govuk_input(&h, &(struct govuk_input){.name = "title", .label = "Action", .label_class = "govuk-label--s",
					      .hint = "What will be done, in a sentence", .value = f->title,
					      .error = form_error_for(errs, "title")});
	govuk_select(&h, &(struct govuk_select){.name = "owner", .label = "Owner organisation (optional)",
						.label_class = "govuk-label--s",
						.hint = "The partner organisation responsible for it",
						.value = f->owner, .options = oopts, .noptions = f->norgs + 1,
						.error = form_error_for(errs, "owner")});
	govuk_input(&h, &(struct govuk_input){.name = "lead", .label = "Lead (optional)",
					      .label_class = "govuk-label--s",
					      .hint = "The person or role who leads it, for example Head of Commissioning",
					      .value = f->lead, .classes = "govuk-!-width-two-thirds",
					      .error = form_error_for(errs, "lead")});
	govuk_input(&h, &(struct govuk_input){.name = "due", .label = "Due date (optional)",
					      .label_class = "govuk-label--s",
					      .hint = "As year-month-day, for example 2027-03-31",
					      .value = f->due, .classes = "govuk-input--width-10",
					      .spellcheck_off = 1, .error = form_error_for(errs, "due")});
	govuk_radios(&h, &(struct govuk_choices){.name = "status", .legend = "Status",
						 .legend_class = "govuk-fieldset__legend--s", .value = f->status,
						 .items = sitems, .nitems = action_status_count,
						 .classes = "govuk-radios--small",
						 .error = form_error_for(errs, "status")});
	offered_fieldsets(req, &h, f, errs);
	html_lit(&h, "<div class=\"govuk-button-group\">\n");
	govuk_button(&h, &(struct govuk_button){.text = old ? "Save changes" : "Add action",
						.prevent_double_click = 1});
	html_lit(&h, "<a class=\"govuk-link\"");
	html_url(&h, "href", f->cancel);
	html_lit(&h, ">Cancel</a>\n</div>\n");
	/* After the save button, so that Enter in a field saves. */
	round_chooser(req, &h, f, errs);
	html_lit(&h, "</form>\n</div>\n</div>\n");
	respond_page_end(res, &h, &pg);
}

/* ---- reading the form ---- */

/* The form as posted: its fields, the rounds it offered and the ticked
 * standards.  A round that is not the partnership's is an error. */
static void form_read(struct request *req, struct action_form *f, struct form_errors *errs)
{
	f->title = params_get(&req->form, "title");
	f->owner = params_get(&req->form, "owner");
	f->lead = params_get(&req->form, "lead");
	f->due = params_get(&req->form, "due");
	f->status = params_get(&req->form, "status");
	int bad = 0;
	for (size_t i = 0; i < req->form.n; i++) {
		const struct param *p = &req->form.v[i];
		if (strcmp(p->name, "shown_round") == 0) {
			enum err rc = offer_round(req, f, record_id_parse(p->value));
			bad |= rc != E_OK;
		} else if (strcmp(p->name, "standard") == 0 &&
			   f->nchecked < OFFERED_MAX * FRAMEWORK_MAX_STANDARDS) {
			f->checked[f->nchecked++] = p->value;
		}
	}
	if (bad)
		form_errors_add(errs, standards_field(req, f), "Select standards from the list");
}

/* The ticked standards as links; an error when one is not on offer. */
static struct action_link *form_links(struct request *req, const struct action_form *f,
				      size_t *n, struct form_errors *errs)
{
	struct action_link *links = pool_alloc(req->pool, (f->nchecked ? f->nchecked : 1) * sizeof *links);
	*n = 0;
	if (!links)
		return NULL;
	for (size_t i = 0; i < f->nchecked; i++) {
		const struct offered_round *found = NULL;
		const char *colon = strchr(f->checked[i], ':');
		int64_t id = colon ? record_id_parse(pool_strndup(req->pool, f->checked[i],
								  (size_t)(colon - f->checked[i]))) : -1;
		for (size_t k = 0; k < f->noffered; k++)
			if (f->offered[k].r.id == id)
				found = &f->offered[k];
		if (!found || !framework_find_key(&found->fw, colon + 1)) {
			form_errors_add(errs, standards_field(req, f), "Select standards from the list");
			continue;
		}
		links[(*n)++] = (struct action_link){.kind = ACTION_LINK_SA_STANDARD, .ref_id = id,
						     .ref_key = colon + 1};
	}
	return links;
}

/* The fields' own checks; the action to save goes into a. */
static void form_check(struct request *req, const struct action_form *f, struct action_item *a,
		       struct form_errors *errs)
{
	const char *title = form_text(req, "title"), *lead = form_text(req, "lead");
	const char *due = form_text(req, "due");
	if (!*title)
		form_errors_add(errs, "title", "Enter what the action is");
	else if (strlen(title) > ACTION_TITLE_MAX)
		form_errors_add(errs, "title", pool_printf(req->pool, "Action must be %d characters or fewer",
							   ACTION_TITLE_MAX));
	int64_t owner = form_option_id(req, "owner");
	int found = 0;
	for (size_t i = 0; owner > 0 && i < f->norgs; i++)
		found |= f->orgs[i].id == owner;
	if (owner && !found)
		form_errors_add(errs, "owner", "Select an organisation from the list");
	if (strlen(lead) > ACTION_LEAD_MAX)
		form_errors_add(errs, "lead", pool_printf(req->pool, "Lead must be %d characters or fewer",
							  ACTION_LEAD_MAX));
	if (*due && (strlen(due) != 10 || due[4] != '-' || due[7] != '-'))
		form_errors_add(errs, "due", "Enter the due date as year-month-day, for example 2027-03-31");
	else if (*due && !clock_day_valid(due))
		form_errors_add(errs, "due", "Due date must be a real date");
	if (!f->status || !action_status_valid(f->status))
		form_errors_add(errs, "status", "Select the action's status");
	*a = (struct action_item){.title = title, .owner_id = owner > 0 ? owner : 0, .lead = lead,
			     .due_on = *due ? due : NULL, .status = f->status};
	a->links = form_links(req, f, &a->n_links, errs);
	if (!a->links)
		form_errors_add(errs, "title", "The form could not be read: try again");
}

/* A store refusal as a form error; 0 when rc is not one the form explains. */
static int store_refusal(struct request *req, const struct action_form *f, enum err rc,
			 struct form_errors *errs)
{
	switch (rc) {
	case E_INVAL:
		form_errors_add(errs, "title", "Use plain text, without control characters");
		return 1;
	case E_RANGE:
		/* The checks above passed: something was retired or changed since. */
		form_errors_add(errs, "owner", "Select an organisation and standards from the lists");
		return 1;
	case E_TOOBIG:
		form_errors_add(errs, standards_field(req, f),
				pool_printf(req->pool, "Select at most %d standards", ACTION_LINKS_MAX));
		return 1;
	default:
		return 0;
	}
}

/* ---- handlers ---- */

/* The action named by the URL, in the user's partnership; 0 having
 * answered 404 (or the store's error) when there is none. */
static int load(struct request *req, struct response *res, struct action_item *a)
{
	enum err rc = action_get(req->db, req->pool, req->user->partnership_id,
				 request_id(req, "action"), a);
	return respond_store_ok(req, res, rc);
}

/* ?round=ID offers that round's standards (404 when it is not the
 * partnership's); with ?standard=KEY that one is ticked. */
static int offer_query_round(struct request *req, struct response *res, struct action_form *f)
{
	const char *round = params_get(&req->query, "round");
	if (!round)
		return 1;
	int64_t id = record_id_parse(round);
	enum err rc = offer_round(req, f, id);
	if (!respond_store_ok(req, res, rc))
		return 0;
	const struct offered_round *o = NULL;
	for (size_t i = 0; i < f->noffered; i++)
		if (f->offered[i].r.id == id)
			o = &f->offered[i];
	const char *key = params_get(&req->query, "standard");
	if (key && framework_find_key(&o->fw, key) &&
	    !is_checked(f, standard_value(req->pool, id, key)))
		f->checked[f->nchecked++] = standard_value(req->pool, id, key);
	f->cancel = action_plan_href(req->pool, o->r.id);
	return 1;
}

void action_new_form(struct request *req, struct response *res)
{
	struct action_form f;
	if (!respond_store_ok(req, res, form_load(req, &f, NULL)))
		return;
	f.status = "not_started";
	f.cancel = "/actions";
	if (offer_query_round(req, res, &f))
		form_page(req, res, &f, NULL);
}

void action_edit_form(struct request *req, struct response *res)
{
	struct action_item a;
	struct action_form f;
	if (!load(req, res, &a) || !respond_store_ok(req, res, form_load(req, &f, &a)))
		return;
	f.title = a.title;
	f.owner = form_option_value(req->pool, a.owner_id);
	f.lead = a.lead;
	f.due = a.due_on;
	f.status = a.status;
	for (size_t i = 0; i < a.n_links; i++) {
		/* A linked round that cannot load (none can vanish today) is
		 * left off rather than failing the page. */
		if (offer_round(req, &f, a.links[i].ref_id) == E_OK)
			f.checked[f.nchecked++] = standard_value(req->pool, a.links[i].ref_id, a.links[i].ref_key);
	}
	if (offer_query_round(req, res, &f)) {
		f.cancel = action_href(req->pool, a.id, "");
		form_page(req, res, &f, NULL);
	}
}

/* Adds (old NULL) or changes old as the form says, or shows the form
 * again: with another round's standards, or with its errors. */
static void save(struct request *req, struct response *res, const struct action_item *old)
{
	struct action_form f;
	struct form_errors errs = {0};
	struct action_item a;
	if (!respond_store_ok(req, res, form_load(req, &f, old)))
		return;
	f.cancel = old ? action_href(req->pool, old->id, "") : "/actions";
	form_read(req, &f, &errs);
	if (params_get(&req->form, "add_round")) {
		int64_t id = form_option_id(req, "round_to_add");
		int own = 0;
		for (size_t i = 0; id > 0 && i < f.nrounds; i++)
			own |= f.rounds[i].id == id;
		if (!own || offer_round(req, &f, id) != E_OK)
			form_errors_add(&errs, "round_to_add", "Select a round from the list");
		form_page(req, res, &f, &errs);
		return;
	}
	form_check(req, &f, &a, &errs);
	enum err rc = E_OK;
	int64_t id = old ? old->id : 0;
	if (errs.n == 0) {
		struct actor who;
		app_actor(req, &who);
		rc = old ? action_update(req->db, &who, req->user->partnership_id, old->id, &a)
			 : action_add(req->db, &who, req->user->partnership_id, &a, &id);
		store_refusal(req, &f, rc, &errs);
	}
	if (errs.n) {
		form_page(req, res, &f, &errs);
		return;
	}
	respond_after_write(req, res, rc, action_href(req->pool, id, old ? "?done=changed" : "?done=added"));
}

void action_create(struct request *req, struct response *res)
{
	save(req, res, NULL);
}

void action_edit(struct request *req, struct response *res)
{
	struct action_item a;
	if (load(req, res, &a))
		save(req, res, &a);
}
