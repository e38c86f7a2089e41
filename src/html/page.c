/*
 * page.c: the page chrome, following govuk-frontend 6's template.njk.
 *
 * The header is govuk-frontend's generic header (a plain service-name
 * header for services that are not on GOV.UK) followed by the service
 * navigation without a second service name.  The footer keeps the
 * govuk-footer layout but drops the crown, the Open Government Licence and
 * the crown copyright link, which belong to GOV.UK.  The navigation items
 * come from the caller (they depend on who is signed in: web/respond.c);
 * the signed-in person's name and the sign-out button close the list, the
 * button in a form because signing out changes state (POST with the CSRF
 * token, never a link a third party could make the browser follow).
 */
#include "html/page.h"

#include <string.h>

#include "html/html.h"


static void head(struct html *h, const struct page *p)
{
	html_lit(h, "<!DOCTYPE html>\n"
		    "<html lang=\"en\" class=\"govuk-template\">\n"
		    "<head>\n"
		    "<meta charset=\"utf-8\">\n"
		    "<title>");
	if (p->error)
		html_lit(h, "Error: ");
	if (p->title && *p->title) {
		html_text(h, p->title);
		html_lit(h, " \u2013 ");
	}
	html_lit(h, PAGE_SERVICE_NAME "</title>\n"
		    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1, viewport-fit=cover\">\n"
		    "<meta name=\"theme-color\" content=\"#1d70b8\">\n"
		    "<link rel=\"icon\" sizes=\"48x48\" href=\"/assets/images/favicon.ico\">\n"
		    "<link rel=\"icon\" sizes=\"any\" href=\"/assets/images/favicon.svg\" type=\"image/svg+xml\">\n"
		    "<link rel=\"mask-icon\" href=\"/assets/images/govuk-icon-mask.svg\" color=\"#1d70b8\">\n"
		    "<link rel=\"apple-touch-icon\" href=\"/assets/images/govuk-icon-180.png\">\n"
		    "<link rel=\"stylesheet\" href=\"/assets/app.css\">\n"
		    "</head>\n");
}

static void service_navigation(struct html *h, const struct page *p)
{
	/* Signed out there is nowhere to go: no empty navigation landmark. */
	if (!p->nnav && !p->user_name)
		return;
	html_lit(h, "<div class=\"govuk-service-navigation\" data-module=\"govuk-service-navigation\">\n"
		    "<div class=\"govuk-width-container\">\n"
		    "<div class=\"govuk-service-navigation__container\">\n"
		    "<nav aria-label=\"Menu\" class=\"govuk-service-navigation__wrapper\">\n");
	/* As in the template: a menu toggle on mobile only for two or more items. */
	if (p->nnav + (p->user_name ? 2 : 0) > 1)
		html_lit(h, "<button type=\"button\" class=\"govuk-service-navigation__toggle govuk-js-service-navigation-toggle\" aria-controls=\"navigation\" hidden aria-hidden=\"true\">Menu</button>\n");
	html_lit(h, "<ul class=\"govuk-service-navigation__list\" id=\"navigation\">\n");
	for (size_t i = 0; i < p->nnav; i++) {
		const struct nav_item *nav = p->nav;
		int active = p->nav_active && strcmp(p->nav_active, nav[i].href) == 0;
		html_lit(h, "<li class=\"govuk-service-navigation__item");
		if (active)
			html_lit(h, " govuk-service-navigation__item--active");
		html_lit(h, "\">\n<a class=\"govuk-service-navigation__link\"");
		html_url(h, "href", nav[i].href);
		if (active) {
			/* The <strong> keeps the active item visible when users override colours. */
			html_lit(h, " aria-current=\"page\"><strong class=\"govuk-service-navigation__active-fallback\">");
			html_text(h, nav[i].text);
			html_lit(h, "</strong>");
		} else {
			html_lit(h, ">");
			html_text(h, nav[i].text);
		}
		html_lit(h, "</a>\n</li>\n");
	}
	if (p->user_name) {
		int active = p->nav_active && strcmp(p->nav_active, "/account") == 0;
		html_lit(h, "<li class=\"govuk-service-navigation__item app-account");
		if (active)
			html_lit(h, " govuk-service-navigation__item--active");
		html_lit(h, "\">\n<a class=\"govuk-service-navigation__link\" href=\"/account\"");
		if (active)
			html_lit(h, " aria-current=\"page\"");
		html_lit(h, "><span class=\"govuk-visually-hidden\">Your account: </span>");
		html_text(h, p->user_name);
		html_lit(h, "</a>\n</li>\n<li class=\"govuk-service-navigation__item\">\n"
			    "<form method=\"post\" action=\"/logout\" class=\"app-sign-out\">\n"
			    "<input type=\"hidden\" name=\"csrf_token\"");
		html_attr(h, "value", p->csrf_token ? p->csrf_token : "");
		html_lit(h, ">\n<button type=\"submit\" class=\"app-sign-out__button govuk-service-navigation__link\">Sign out</button>\n</form>\n</li>\n");
	}
	html_lit(h, "</ul>\n</nav>\n</div>\n</div>\n</div>\n");
}

void page_begin(struct html *h, const struct page *p)
{
	head(h, p);
	html_lit(h, "<body class=\"govuk-template__body\">\n<script");
	if (p->nonce && *p->nonce)
		html_attr(h, "nonce", p->nonce);
	html_lit(h, ">document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '');</script>\n"
		    "<a href=\"#main-content\" class=\"govuk-skip-link\" data-module=\"govuk-skip-link\">Skip to main content</a>\n"
		    "<header class=\"govuk-template__header\">\n"
		    "<div class=\"govuk-generic-header\">\n"
		    "<div class=\"govuk-generic-header__container govuk-width-container\">\n"
		    "<div class=\"govuk-generic-header__logo\">\n"
		    "<a href=\"/\" class=\"govuk-generic-header__homepage-link\">" PAGE_SERVICE_NAME "</a>\n"
		    "</div>\n</div>\n</div>\n");
	service_navigation(h, p);
	/* Inside the header: outside every landmark it would be missed by
	 * people who move through a page by its landmarks (axe "region"). */
	if (p->phase && *p->phase)
		govuk_phase_banner(h, p->phase, "This is a new service.");
	html_lit(h, "</header>\n<div class=\"govuk-width-container\">\n");
	if (p->ncrumbs)
		govuk_breadcrumbs(h, p->crumbs, p->ncrumbs);
	html_lit(h, "<main class=\"govuk-main-wrapper\" id=\"main-content\">\n");
}

void page_end(struct html *h, const struct page *p)
{
	(void)p;
	html_lit(h, "</main>\n</div>\n"
		    "<footer class=\"govuk-template__footer\">\n"
		    "<div class=\"govuk-footer\">\n"
		    "<div class=\"govuk-width-container\">\n"
		    "<div class=\"govuk-footer__meta\">\n"
		    "<div class=\"govuk-footer__meta-item govuk-footer__meta-item--grow\">\n"
		    "<div class=\"govuk-footer__meta-custom\">" PAGE_SERVICE_NAME "</div>\n"
		    "</div>\n"
		    "<div class=\"govuk-footer__meta-item\">Built with the "
		    "<a class=\"govuk-footer__link\" href=\"https://design-system.service.gov.uk/\">GOV.UK Design System</a></div>\n"
		    "</div>\n</div>\n</div>\n"
		    "</footer>\n"
		    "<script type=\"module\" src=\"/assets/app.js\"></script>\n"
		    "</body>\n</html>\n");
}
