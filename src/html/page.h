/*
 * page.h: the chrome around every HTML page: document head, skip link,
 * header with the service name and service navigation, optional phase
 * banner and breadcrumbs, footer and the one module script.
 *
 * A handler writes page_begin(), its content (inside <main>), page_end():
 *
 *	page_begin(h, &(struct page){ .title = "Partners", .nonce = nonce,
 *		.nav_active = "/partners", .crumbs = crumbs, .ncrumbs = 2 });
 *	...
 *	page_end(h, &pg);
 *
 * The only inline script (govuk-frontend's js-enabled marker) carries the
 * request's CSP nonce; nothing writes inline styles.  The header carries no
 * crown and no "GOV.UK": those are for GOV.UK services only.  struct crumb
 * comes from govuk.h (the breadcrumbs component).
 */
#ifndef JCS_PAGE_H
#define JCS_PAGE_H

#include <stddef.h>

#include "html/govuk.h"

struct html;

#define PAGE_SERVICE_NAME "Joint commissioning system"

/* One entry in the service navigation. */
struct nav_item {
	const char *text;
	const char *href;
};

struct page {
	const char *title;        /* "<title> – Joint commissioning system" */
	const char *nonce;        /* CSP nonce for the inline script */
	const struct crumb *crumbs; /* last crumb: the current page, href NULL */
	size_t ncrumbs;
	const char *nav_active;   /* href of the active navigation item */
	const char *phase;        /* e.g. "Alpha"; NULL: no phase banner */
	int error;                /* the form has errors: title gets "Error: " */
	const struct nav_item *nav; /* service navigation (none when NULL) */
	size_t nnav;
	const char *user_name;    /* signed in: name shown, sign-out button */
	const char *csrf_token;   /* for the sign-out form */
};

/* From <!DOCTYPE html> to the opening <main id="main-content">. */
void page_begin(struct html *h, const struct page *p);
/* Closes <main>, writes the footer and the script, closes the document. */
void page_end(struct html *h, const struct page *p);

#endif
