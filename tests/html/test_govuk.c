/*
 * test_govuk.c: each component against the markup govuk-frontend 6's
 * templates write (classes, ids, ARIA), values escaped, and the error
 * summary, field errors and aria-describedby agreeing on ids.
 */
#include <stdio.h>

#include "check.h"
#include "html/govuk.h"

/* ---- Form errors ---- */

static void test_form_errors_bound_and_first_wins(void **state)
{
	(void)state;
	static char names[FORM_ERRORS_MAX + 6][16];
	struct form_errors e = { .n = 0 };
	for (size_t i = 0; i < FORM_ERRORS_MAX + 6; i++) {
		snprintf(names[i], sizeof names[i], "f%zu", i);
		enum err rc = form_errors_add(&e, names[i], "msg");
		assert_int_equal(rc, i < FORM_ERRORS_MAX ? E_OK : E_TOOBIG);
	}
	assert_int_equal(e.n, FORM_ERRORS_MAX);
	assert_non_null(form_error_for(&e, names[FORM_ERRORS_MAX - 1]));
	assert_null(form_error_for(&e, names[FORM_ERRORS_MAX]));

	form_errors_init(&e);
	assert_int_equal(e.n, 0);
	assert_int_equal(form_errors_add(&e, "email", "Enter an email address"), E_OK);
	assert_int_equal(form_errors_add(&e, "email", "Second"), E_CONFLICT);
	assert_int_equal(e.n, 1);
	assert_string_equal(form_error_for(&e, "email"), "Enter an email address");
	assert_null(form_error_for(&e, "name"));
	assert_null(form_error_for(NULL, "email"));
	assert_null(form_error_for(&e, NULL));
}

static void test_error_summary(void **state)
{
	(void)state;
	struct form_errors e = { .n = 0 };
	govuk_error_summary(&h, &e);
	assert_int_equal(out.len, 0);

	form_errors_add(&e, "email", "Enter an email address");
	form_errors_add(&e, "role", "Select a <role> & team");
	form_errors_add(&e, "x\"y", "Odd id");
	form_errors_add(&e, NULL, "The file could not be read");
	govuk_error_summary(&h, &e);
	assert_has("<div class=\"govuk-error-summary\" data-module=\"govuk-error-summary\">\n<div role=\"alert\">\n"
		   "<h2 class=\"govuk-error-summary__title\">There is a problem</h2>\n"
		   "<div class=\"govuk-error-summary__body\">\n"
		   "<ul class=\"govuk-list govuk-error-summary__list\">\n");
	assert_has("<li><a href=\"#email\">Enter an email address</a></li>");
	assert_has("<li><a href=\"#role\">Select a &lt;role&gt; &amp; team</a></li>");
	assert_has("<li><a href=\"#x&quot;y\">Odd id</a></li>");
	assert_has("<li>The file could not be read</li>");
}

/* The summary's link target is the control's id; the control is described by its error. */
static void test_error_links_to_input(void **state)
{
	(void)state;
	struct form_errors e = { .n = 0 };
	form_errors_add(&e, "email", "Enter an email address");
	govuk_error_summary(&h, &e);
	govuk_input(&h, &(struct govuk_input){ .name = "email", .label = "Email address",
		.hint = "We'll only use this to contact you", .type = "email",
		.autocomplete = "email", .spellcheck_off = 1, .value = "a\"b<",
		.error = form_error_for(&e, "email") });
	assert_has("<a href=\"#email\">");
	assert_has("<div class=\"govuk-form-group govuk-form-group--error\">\n"
		   "<label class=\"govuk-label\" for=\"email\">Email address</label>\n"
		   "<div id=\"email-hint\" class=\"govuk-hint\">We&#39;ll only use this to contact you</div>\n"
		   "<p id=\"email-error\" class=\"govuk-error-message\"><span class=\"govuk-visually-hidden\">Error:</span> Enter an email address</p>\n"
		   "<input class=\"govuk-input govuk-input--error\" id=\"email\" name=\"email\" type=\"email\" spellcheck=\"false\" value=\"a&quot;b&lt;\" aria-describedby=\"email-hint email-error\" autocomplete=\"email\">\n"
		   "</div>\n");
}

static void test_input_plain_and_options(void **state)
{
	(void)state;
	govuk_input(&h, &(struct govuk_input){ .name = "name", .label = "Name" });
	assert_string_equal(written(),
		"<div class=\"govuk-form-group\">\n"
		"<label class=\"govuk-label\" for=\"name\">Name</label>\n"
		"<input class=\"govuk-input\" id=\"name\" name=\"name\" type=\"text\">\n"
		"</div>\n");

	buf_reset(&out);
	govuk_input(&h, &(struct govuk_input){ .name = "amount", .id = "budget-amount",
		.label = "Amount", .label_class = "govuk-label--l", .label_heading = 1,
		.hint = "In pounds", .prefix = "£", .suffix = "per year",
		.classes = "govuk-input--width-10", .inputmode = "numeric" });
	assert_has("<h1 class=\"govuk-label-wrapper\"><label class=\"govuk-label govuk-label--l\" for=\"budget-amount\">Amount</label></h1>");
	assert_has("<div id=\"budget-amount-hint\" class=\"govuk-hint\">In pounds</div>");
	assert_has("<div class=\"govuk-input__wrapper\">\n<div class=\"govuk-input__prefix\" aria-hidden=\"true\">£</div>\n"
		   "<input class=\"govuk-input govuk-input--width-10\" id=\"budget-amount\" name=\"amount\" type=\"text\" aria-describedby=\"budget-amount-hint\" inputmode=\"numeric\">\n"
		   "<div class=\"govuk-input__suffix\" aria-hidden=\"true\">per year</div>\n</div>\n");
	assert_lacks("--error");
}

static void test_textarea(void **state)
{
	(void)state;
	govuk_textarea(&h, &(struct govuk_textarea){ .name = "notes", .label = "Notes",
		.error = "Notes must be 500 characters or fewer", .value = "\n<b>", .rows = 8 });
	assert_has("<div class=\"govuk-form-group govuk-form-group--error\">");
	assert_has("<p id=\"notes-error\" class=\"govuk-error-message\"><span class=\"govuk-visually-hidden\">Error:</span> Notes must be 500 characters or fewer</p>");
	assert_has("<textarea class=\"govuk-textarea govuk-textarea--error\" id=\"notes\" name=\"notes\" rows=\"8\" aria-describedby=\"notes-error\">\n\n&lt;b&gt;</textarea>");
}

static void test_select(void **state)
{
	(void)state;
	static const struct govuk_option opts[] = {
		{ .value = "", .text = "Choose an area" },
		{ .value = "oxf", .text = "Oxford & district" },
		{ .value = "med", .text = "Medway" },
		{ .text = "Other" },
	};
	govuk_select(&h, &(struct govuk_select){ .name = "area", .label = "Area",
		.hint = "Where the service runs", .error = "Select an area",
		.options = opts, .noptions = 4, .value = "med" });
	assert_has("<select class=\"govuk-select govuk-select--error\" id=\"area\" name=\"area\" aria-describedby=\"area-hint area-error\">\n");
	assert_has("<option value=\"\">Choose an area</option>\n");
	assert_has("<option value=\"oxf\">Oxford &amp; district</option>\n");
	assert_has("<option value=\"med\" selected>Medway</option>\n");
	assert_has("<option>Other</option>\n");
	assert_count(" selected", 1);

	buf_reset(&out);
	govuk_select(&h, &(struct govuk_select){ .name = "area", .label = "Area",
		.options = opts, .noptions = 4, .value = "Other" });
	assert_has("<option selected>Other</option>");
	assert_lacks("aria-describedby");
}

static void test_file_upload(void **state)
{
	(void)state;
	govuk_file_upload(&h, &(struct govuk_file_upload){ .name = "file",
		.label = "Upload a spend file", .error = "The selected file must be a CSV",
		.accept = ".csv", .javascript = 1 });
	assert_has("<label class=\"govuk-label\" for=\"file\">Upload a spend file</label>");
	assert_has("<div class=\"govuk-file-upload-wrapper\" data-module=\"govuk-file-upload\">\n"
		   "<input class=\"govuk-file-upload govuk-file-upload--error\" id=\"file\" name=\"file\" type=\"file\" aria-describedby=\"file-error\" accept=\".csv\">\n</div>\n");
}

static void test_radios(void **state)
{
	(void)state;
	static const struct govuk_choice items[] = {
		{ .value = "pooled", .text = "Pooled" },
		{ .value = "aligned", .text = "Aligned", .hint = "Budgets stay with each partner" },
		{ .divider = "or" },
		{ .value = "neither", .text = "Neither <yet>" },
	};
	struct form_errors e = { .n = 0 };
	form_errors_add(&e, "budget", "Select how the budget is held");
	govuk_error_summary(&h, &e);
	govuk_radios(&h, &(struct govuk_choices){ .name = "budget",
		.legend = "How is the budget held?", .legend_class = "govuk-fieldset__legend--m",
		.hint = "Select one option", .error = form_error_for(&e, "budget"),
		.value = "aligned", .items = items, .nitems = 4,
		.classes = "govuk-radios--small" });
	assert_has("<a href=\"#budget\">Select how the budget is held</a>");
	assert_has("<div class=\"govuk-form-group govuk-form-group--error\">\n"
		   "<fieldset class=\"govuk-fieldset\" aria-describedby=\"budget-hint budget-error\">\n"
		   "<legend class=\"govuk-fieldset__legend govuk-fieldset__legend--m\">How is the budget held?</legend>\n"
		   "<div id=\"budget-hint\" class=\"govuk-hint\">Select one option</div>\n"
		   "<p id=\"budget-error\" class=\"govuk-error-message\"><span class=\"govuk-visually-hidden\">Error:</span> Select how the budget is held</p>\n"
		   "<div class=\"govuk-radios govuk-radios--small\" data-module=\"govuk-radios\">\n");
	assert_has("<div class=\"govuk-radios__item\">\n"
		   "<input class=\"govuk-radios__input\" id=\"budget\" name=\"budget\" type=\"radio\" value=\"pooled\">\n"
		   "<label class=\"govuk-label govuk-radios__label\" for=\"budget\">Pooled</label>\n</div>\n");
	assert_has("<input class=\"govuk-radios__input\" id=\"budget-2\" name=\"budget\" type=\"radio\" value=\"aligned\" checked aria-describedby=\"budget-2-item-hint\">\n"
		   "<label class=\"govuk-label govuk-radios__label\" for=\"budget-2\">Aligned</label>\n"
		   "<div id=\"budget-2-item-hint\" class=\"govuk-hint govuk-radios__hint\">Budgets stay with each partner</div>\n");
	assert_has("<div class=\"govuk-radios__divider\">or</div>\n");
	/* Dividers count in the numbering, as in the template's loop.index. */
	assert_has("id=\"budget-4\" name=\"budget\" type=\"radio\" value=\"neither\">\n"
		   "<label class=\"govuk-label govuk-radios__label\" for=\"budget-4\">Neither &lt;yet&gt;</label>");
	assert_has("</div>\n</fieldset>\n</div>\n");
	assert_count(" checked", 1);
}

static void test_radios_legend_heading(void **state)
{
	(void)state;
	static const struct govuk_choice items[] = {
		{ .value = "y", .text = "Yes", .id = "yes-option" },
		{ .value = "n", .text = "No", .disabled = 1 },
	};
	govuk_radios(&h, &(struct govuk_choices){ .name = "ok", .id_prefix = "ok-q",
		.legend = "Ready?", .legend_heading = 1, .items = items, .nitems = 2 });
	assert_has("<fieldset class=\"govuk-fieldset\">\n");
	assert_has("<legend class=\"govuk-fieldset__legend\"><h1 class=\"govuk-fieldset__heading\">Ready?</h1></legend>");
	assert_has("id=\"yes-option\" name=\"ok\"");
	assert_has("id=\"ok-q-2\" name=\"ok\" type=\"radio\" value=\"n\" disabled>");
	assert_lacks("checked");
	assert_lacks("aria-describedby");
}

static void test_checkboxes(void **state)
{
	(void)state;
	static const struct govuk_choice items[] = {
		{ .value = "council", .text = "Council", .checked = 1 },
		{ .value = "nhs", .text = "NHS", .hint = "Including the ICB", .checked = 1 },
		{ .value = "police", .text = "Police" },
	};
	govuk_checkboxes(&h, &(struct govuk_choices){ .name = "partners",
		.legend = "Which partners fund it?", .hint = "Select all that apply",
		.error = "Select at least one partner", .items = items, .nitems = 3 });
	assert_has("<fieldset class=\"govuk-fieldset\" aria-describedby=\"partners-hint partners-error\">");
	assert_has("<div class=\"govuk-checkboxes\" data-module=\"govuk-checkboxes\">\n<div class=\"govuk-checkboxes__item\">\n"
		   "<input class=\"govuk-checkboxes__input\" id=\"partners\" name=\"partners\" type=\"checkbox\" value=\"council\" checked>\n"
		   "<label class=\"govuk-label govuk-checkboxes__label\" for=\"partners\">Council</label>");
	/* In a fieldset an item is described by its own hint only. */
	assert_has("id=\"partners-2\" name=\"partners\" type=\"checkbox\" value=\"nhs\" checked aria-describedby=\"partners-2-item-hint\">");
	assert_has("<div id=\"partners-2-item-hint\" class=\"govuk-hint govuk-checkboxes__hint\">Including the ICB</div>");
	assert_has("id=\"partners-3\" name=\"partners\" type=\"checkbox\" value=\"police\">");
	assert_count(" checked", 2);
}

static void test_checkbox_without_fieldset(void **state)
{
	(void)state;
	static const struct govuk_choice items[] = {
		{ .value = "yes", .text = "I agree", .hint = "You can change this later" },
	};
	govuk_checkboxes(&h, &(struct govuk_choices){ .name = "consent",
		.hint = "Read the terms first", .error = "Agree to continue",
		.items = items, .nitems = 1 });
	assert_lacks("<fieldset");
	assert_has("<div class=\"govuk-form-group govuk-form-group--error\">\n"
		   "<div id=\"consent-hint\" class=\"govuk-hint\">Read the terms first</div>\n"
		   "<p id=\"consent-error\" class=\"govuk-error-message\">");
	assert_has("<input class=\"govuk-checkboxes__input\" id=\"consent\" name=\"consent\" type=\"checkbox\" value=\"yes\" aria-describedby=\"consent-hint consent-error consent-item-hint\">");
}

static void test_buttons(void **state)
{
	(void)state;
	govuk_button(&h, &(struct govuk_button){ .text = "Save & continue", .prevent_double_click = 1 });
	assert_has("<button type=\"submit\" data-prevent-double-click=\"true\" class=\"govuk-button\" data-module=\"govuk-button\">\nSave &amp; continue\n</button>\n");

	buf_reset(&out);
	govuk_button(&h, &(struct govuk_button){ .text = "Cancel", .variant = GOVUK_BUTTON_SECONDARY,
		.name = "action", .value = "cancel", .id = "cancel-button" });
	assert_has("<button type=\"submit\" value=\"cancel\" name=\"action\" class=\"govuk-button govuk-button--secondary\" data-module=\"govuk-button\" id=\"cancel-button\">\nCancel\n</button>");

	buf_reset(&out);
	govuk_button(&h, &(struct govuk_button){ .text = "Delete", .variant = GOVUK_BUTTON_WARNING, .disabled = 1 });
	assert_has("<button type=\"submit\" disabled aria-disabled=\"true\" class=\"govuk-button govuk-button--warning\" data-module=\"govuk-button\">");

	buf_reset(&out);
	govuk_button(&h, &(struct govuk_button){ .text = "Add a partner", .href = "/partners/new",
		.variant = GOVUK_BUTTON_SECONDARY });
	assert_has("<a href=\"/partners/new\" role=\"button\" draggable=\"false\" class=\"govuk-button govuk-button--secondary\" data-module=\"govuk-button\">\nAdd a partner\n</a>\n");

	buf_reset(&out);
	govuk_button(&h, &(struct govuk_button){ .text = "Start now", .href = "javascript:x()", .start = 1 });
	assert_has("<a href=\"#\" role=\"button\" draggable=\"false\" class=\"govuk-button govuk-button--start\"");
	assert_has("<svg class=\"govuk-button__start-icon\"");
}

static void test_table(void **state)
{
	(void)state;
	static const struct govuk_cell head[] = {
		{ .text = "Area" }, { .text = "Service" }, { .text = "Amount", .numeric = 1 },
	};
	static const struct govuk_cell cells[] = {
		{ .text = "Oxford", .header = 1 }, { .text = "Link <1>", .href = "/s?a=1&b=2" }, { .text = "£1,200", .numeric = 1 },
		{ .text = "Medway", .header = 1 }, { .text = "Total", .colspan = 2 }, { .text = "x" },
	};
	govuk_table(&h, &(struct govuk_table){ .caption = "Budgets & spend",
		.caption_class = "govuk-table__caption--m", .head = head, .ncols = 3,
		.cells = cells, .nrows = 2 });
	assert_has("<table class=\"govuk-table\">\n<caption class=\"govuk-table__caption govuk-table__caption--m\">Budgets &amp; spend</caption>\n"
		   "<thead class=\"govuk-table__head\">\n<tr class=\"govuk-table__row\">\n"
		   "<th scope=\"col\" class=\"govuk-table__header\">Area</th>\n");
	assert_has("<th scope=\"col\" class=\"govuk-table__header govuk-table__header--numeric\">Amount</th>\n</tr>\n</thead>\n<tbody class=\"govuk-table__body\">\n");
	assert_has("<tr class=\"govuk-table__row\">\n<th scope=\"row\" class=\"govuk-table__header\">Oxford</th>\n"
		   "<td class=\"govuk-table__cell\"><a class=\"govuk-link\" href=\"/s?a=1&amp;b=2\">Link &lt;1&gt;</a></td>\n"
		   "<td class=\"govuk-table__cell govuk-table__cell--numeric\">£1,200</td>\n</tr>\n");
	assert_has("<td class=\"govuk-table__cell\" colspan=\"2\">Total</td>");
	assert_has("</tbody>\n</table>\n");
	assert_count("<tr class=\"govuk-table__row\">", 3);
}

static void test_table_streamed_without_head(void **state)
{
	(void)state;
	govuk_table_begin(&h, &(struct govuk_table){ .classes = "app-table" });
	for (int i = 0; i < 3; i++)
		govuk_table_row(&h, (struct govuk_cell[]){ { .text = "a" }, { .text = "1", .numeric = 1 } }, 2);
	govuk_table_end(&h);
	assert_has("<table class=\"govuk-table app-table\">\n<tbody class=\"govuk-table__body\">\n");
	assert_lacks("<caption");
	assert_lacks("<thead");
	assert_count("govuk-table__cell--numeric", 3);
}

static void test_summary_list(void **state)
{
	(void)state;
	static const struct govuk_summary_row rows[] = {
		{ .key = "Name", .value = "A & B", .action_href = "/p/1/edit", .action_hidden = "name" },
		{ .key = "Sector", .value = "Voluntary" },
	};
	govuk_summary_list(&h, &(struct govuk_summary_list){ .rows = rows, .nrows = 2 });
	assert_has("<dl class=\"govuk-summary-list\">\n<div class=\"govuk-summary-list__row\">\n"
		   "<dt class=\"govuk-summary-list__key\">Name</dt>\n"
		   "<dd class=\"govuk-summary-list__value\">A &amp; B</dd>\n"
		   "<dd class=\"govuk-summary-list__actions\">\n"
		   "<a class=\"govuk-link\" href=\"/p/1/edit\">Change<span class=\"govuk-visually-hidden\"> name</span></a>\n</dd>\n</div>\n");
	assert_has("<div class=\"govuk-summary-list__row govuk-summary-list__row--no-actions\">\n<dt class=\"govuk-summary-list__key\">Sector</dt>");

	buf_reset(&out);
	govuk_summary_list(&h, &(struct govuk_summary_list){ .rows = rows + 1, .nrows = 1,
		.classes = "govuk-summary-list--no-border" });
	assert_has("<dl class=\"govuk-summary-list govuk-summary-list--no-border\">");
	assert_lacks("--no-actions");
}

static void test_pagination_middle(void **state)
{
	(void)state;
	govuk_pagination(&h, &(struct govuk_pagination){ .page = 5, .pages = 10,
		.href_prefix = "/contracts?q=a&page=" });
	assert_has("<nav class=\"govuk-pagination\" aria-label=\"Pagination\">\n<div class=\"govuk-pagination__prev\">\n"
		   "<a class=\"govuk-link govuk-pagination__link\" href=\"/contracts?q=a&amp;page=4\" rel=\"prev\">");
	assert_has("<span class=\"govuk-pagination__link-title\">Previous<span class=\"govuk-visually-hidden\"> page</span></span>");
	assert_has("<li class=\"govuk-pagination__item govuk-pagination__item--current\">\n"
		   "<a class=\"govuk-link govuk-pagination__link\" href=\"/contracts?q=a&amp;page=5\" aria-label=\"Page 5\" aria-current=\"page\">5</a>\n</li>");
	assert_has("<li class=\"govuk-pagination__item\">\n<a class=\"govuk-link govuk-pagination__link\" href=\"/contracts?q=a&amp;page=1\" aria-label=\"Page 1\">1</a>");
	assert_has("aria-label=\"Page 10\">10</a>");
	assert_has("<li class=\"govuk-pagination__item govuk-pagination__item--ellipsis\">&ctdot;</li>");
	assert_has("href=\"/contracts?q=a&amp;page=6\" rel=\"next\">\n<span class=\"govuk-pagination__link-title\">Next<span class=\"govuk-visually-hidden\"> page</span></span>");
	assert_count("aria-current", 1);
	assert_count("--ellipsis", 2);
	assert_lacks("aria-label=\"Page 3\"");
	assert_lacks("aria-label=\"Page 8\"");
}

static void test_pagination_edges(void **state)
{
	(void)state;
	govuk_pagination(&h, &(struct govuk_pagination){ .page = 1, .pages = 1 });
	assert_int_equal(out.len, 0);

	govuk_pagination(&h, &(struct govuk_pagination){ .page = 1, .pages = 3 });
	assert_lacks("govuk-pagination__prev");
	assert_has("href=\"?page=2\" rel=\"next\"");
	assert_has("href=\"?page=1\" aria-label=\"Page 1\" aria-current=\"page\">1</a>");

	/* A single hidden page is shown instead of an ellipsis. */
	buf_reset(&out);
	govuk_pagination(&h, &(struct govuk_pagination){ .page = 4, .pages = 7, .label = "Results pages" });
	assert_has("aria-label=\"Results pages\"");
	assert_lacks("--ellipsis");
	assert_count("<li class=\"govuk-pagination__item", 7);

	buf_reset(&out);
	govuk_pagination(&h, &(struct govuk_pagination){ .page = 99, .pages = 3,
		.href_prefix = "javascript:go(" });
	assert_lacks("govuk-pagination__next");
	assert_has("href=\"#\" aria-label=\"Page 3\" aria-current=\"page\">3</a>");
	assert_lacks("javascript");
}

static void test_tags(void **state)
{
	(void)state;
	govuk_tag(&h, "Active", GOVUK_TAG_GREEN);
	govuk_tag(&h, "New <draft>", GOVUK_TAG_BLUE);
	govuk_tag(&h, "Overdue", GOVUK_TAG_RED);
	govuk_tag(&h, "Closed", GOVUK_TAG_GREY);
	assert_has("<strong class=\"govuk-tag govuk-tag--green\">Active</strong>");
	assert_has("<strong class=\"govuk-tag\">New &lt;draft&gt;</strong>");
	assert_has("<strong class=\"govuk-tag govuk-tag--red\">Overdue</strong>");
	assert_has("<strong class=\"govuk-tag govuk-tag--grey\">Closed</strong>");
}

static void test_notification_banners(void **state)
{
	(void)state;
	govuk_notification_banner(&h, &(struct govuk_notification){ .text = "Returns are due on 1 May" });
	assert_has("<div class=\"govuk-notification-banner\" role=\"region\" aria-labelledby=\"govuk-notification-banner-title\" data-module=\"govuk-notification-banner\">\n"
		   "<div class=\"govuk-notification-banner__header\">\n"
		   "<h2 class=\"govuk-notification-banner__title\" id=\"govuk-notification-banner-title\">Important</h2>\n</div>\n"
		   "<div class=\"govuk-notification-banner__content\">\n"
		   "<p class=\"govuk-notification-banner__heading\">Returns are due on 1 May</p>\n</div>\n</div>\n");

	buf_reset(&out);
	govuk_notification_banner(&h, &(struct govuk_notification){ .success = 1,
		.text = "Partner \"NHS\" added", .link_text = "View partner", .link_href = "/partners/3" });
	assert_has("<div class=\"govuk-notification-banner govuk-notification-banner--success\" role=\"alert\" aria-labelledby=\"govuk-notification-banner-title\" data-module=\"govuk-notification-banner\">");
	assert_has(">Success</h2>");
	assert_has("<p class=\"govuk-notification-banner__heading\">Partner &quot;NHS&quot; added <a class=\"govuk-notification-banner__link\" href=\"/partners/3\">View partner</a></p>");
}

static void test_breadcrumbs_and_back_link(void **state)
{
	(void)state;
	static const struct crumb crumbs[] = {
		{ "Home", "/" }, { "Partners & areas", NULL },
	};
	govuk_breadcrumbs(&h, crumbs, 2);
	assert_string_equal(written(),
		"<nav class=\"govuk-breadcrumbs\" aria-label=\"Breadcrumb\">\n<ol class=\"govuk-breadcrumbs__list\">\n"
		"<li class=\"govuk-breadcrumbs__list-item\"><a class=\"govuk-breadcrumbs__link\" href=\"/\">Home</a></li>\n"
		"<li class=\"govuk-breadcrumbs__list-item\" aria-current=\"page\">Partners &amp; areas</li>\n"
		"</ol>\n</nav>\n");

	buf_reset(&out);
	govuk_back_link(&h, "/partners", NULL);
	govuk_back_link(&h, "javascript:history.back()", "Go <back>");
	assert_has("<a href=\"/partners\" class=\"govuk-back-link\">Back</a>");
	assert_has("<a href=\"#\" class=\"govuk-back-link\">Go &lt;back&gt;</a>");
}

static void test_banners_and_text(void **state)
{
	(void)state;
	govuk_phase_banner(&h, "Alpha", "This is a new service.");
	assert_has("<div class=\"govuk-phase-banner govuk-width-container\">\n<p class=\"govuk-phase-banner__content\">\n"
		   "<strong class=\"govuk-tag govuk-phase-banner__content__tag\">Alpha</strong>\n"
		   "<span class=\"govuk-phase-banner__text\">This is a new service.</span>\n</p>\n</div>\n");

	buf_reset(&out);
	govuk_inset_text(&h, "Scores use half points & \"Don't know\".");
	assert_string_equal(written(), "<div class=\"govuk-inset-text\">Scores use half points &amp; &quot;Don&#39;t know&quot;.</div>\n");

	buf_reset(&out);
	govuk_warning_text(&h, "Deleting a partner <cannot> be undone");
	assert_string_equal(written(),
		"<div class=\"govuk-warning-text\">\n<span class=\"govuk-warning-text__icon\" aria-hidden=\"true\">!</span>\n"
		"<strong class=\"govuk-warning-text__text\">\n<span class=\"govuk-visually-hidden\">Warning</span>\n"
		"Deleting a partner &lt;cannot&gt; be undone\n</strong>\n</div>\n");

	buf_reset(&out);
	govuk_details_begin(&h, "Statements of excellence <1>", "excellence-1");
	html_lit(&h, "<p>inside</p>\n");
	govuk_details_end(&h);
	assert_string_equal(written(),
		"<details id=\"excellence-1\" class=\"govuk-details\">\n<summary class=\"govuk-details__summary\">\n"
		"<span class=\"govuk-details__summary-text\">Statements of excellence &lt;1&gt;</span>\n</summary>\n"
		"<div class=\"govuk-details__text\">\n<p>inside</p>\n</div>\n</details>\n");

	buf_reset(&out);
	govuk_details_begin(&h, "More", NULL);
	govuk_details_end(&h);
	assert_string_equal(written(),
		"<details class=\"govuk-details\">\n<summary class=\"govuk-details__summary\">\n"
		"<span class=\"govuk-details__summary-text\">More</span>\n</summary>\n"
		"<div class=\"govuk-details__text\">\n</div>\n</details>\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(test_form_errors_bound_and_first_wins),
		TEST(test_error_summary),
		TEST(test_error_links_to_input),
		TEST(test_input_plain_and_options),
		TEST(test_textarea),
		TEST(test_select),
		TEST(test_file_upload),
		TEST(test_radios),
		TEST(test_radios_legend_heading),
		TEST(test_checkboxes),
		TEST(test_checkbox_without_fieldset),
		TEST(test_buttons),
		TEST(test_table),
		TEST(test_table_streamed_without_head),
		TEST(test_summary_list),
		TEST(test_pagination_middle),
		TEST(test_pagination_edges),
		TEST(test_tags),
		TEST(test_notification_banners),
		TEST(test_breadcrumbs_and_back_link),
		TEST(test_banners_and_text),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
