/*
 * test_page.c: the page chrome: document head, the single nonce'd inline
 * script, the header without GOV.UK branding, navigation state,
 * breadcrumbs, skip link and footer.
 */
#include "check.h"
#include "html/page.h"

static void render(const struct page *p)
{
	buf_reset(&out);
	page_begin(&h, p);
	html_lit(&h, "<h1 class=\"govuk-heading-l\">Content</h1>\n");
	page_end(&h, p);
	assert_false(out.failed);
}

/* The text from the first a up to the first b after it, copied to dst. */
static const char *between(const char *a, const char *b, char *dst, size_t n)
{
	const char *s = strstr(written(), a);
	assert_non_null(s);
	const char *e = strstr(s, b);
	assert_non_null(e);
	size_t len = (size_t)(e - s);
	assert_true(len < n);
	memcpy(dst, s, len);
	dst[len] = '\0';
	return dst;
}

static void test_document(void **state)
{
	(void)state;
	render(&(struct page){ .title = "Partners", .nonce = "abc123" });
	const char *s = written();
	static const char start[] = "<!DOCTYPE html>\n<html lang=\"en\" class=\"govuk-template\">\n"
				    "<head>\n<meta charset=\"utf-8\">\n<title>";
	assert_memory_equal(s, start, sizeof start - 1);
	assert_has("<title>Partners \u2013 Joint commissioning system</title>");
	assert_has("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1, viewport-fit=cover\">");
	assert_has("<meta name=\"theme-color\" content=\"#1d70b8\">");
	assert_has("<link rel=\"icon\" sizes=\"48x48\" href=\"/assets/images/favicon.ico\">");
	assert_has("<link rel=\"icon\" sizes=\"any\" href=\"/assets/images/favicon.svg\" type=\"image/svg+xml\">");
	assert_has("<link rel=\"mask-icon\" href=\"/assets/images/govuk-icon-mask.svg\" color=\"#1d70b8\">");
	assert_has("<link rel=\"apple-touch-icon\" href=\"/assets/images/govuk-icon-180.png\">");
	assert_has("<link rel=\"stylesheet\" href=\"/assets/app.css\">\n</head>\n<body class=\"govuk-template__body\">\n");
	assert_has("<main class=\"govuk-main-wrapper\" id=\"main-content\">\n<h1 class=\"govuk-heading-l\">Content</h1>\n</main>\n</div>\n");
	size_t len = strlen(s);
	assert_true(len > 16);
	assert_string_equal(s + len - 16, "</body>\n</html>\n");
}

static void test_title_escaped_and_error_prefix(void **state)
{
	(void)state;
	render(&(struct page){ .title = "<Round 2> & more", .error = 1 });
	assert_has("<title>Error: &lt;Round 2&gt; &amp; more \u2013 Joint commissioning system</title>");
	render(&(struct page){ .title = NULL });
	assert_has("<title>Joint commissioning system</title>");
}

static void test_only_inline_script_has_nonce(void **state)
{
	(void)state;
	render(&(struct page){ .title = "T", .nonce = "n0nce+/=" });
	assert_count("<script", 2);
	assert_count("nonce", 1);
	assert_has("<body class=\"govuk-template__body\">\n<script nonce=\"n0nce+/=\">document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '');</script>\n");
	assert_has("<script type=\"module\" src=\"/assets/app.js\"></script>\n</body>");
	/* No inline styles: the CSP forbids them. */
	assert_lacks(" style=");
	assert_lacks("<style");

	render(&(struct page){ .title = "T", .nonce = "a\"><script>x" });
	assert_has("<script nonce=\"a&quot;&gt;&lt;script&gt;x\">document.body");
	assert_count("<script", 2);

	render(&(struct page){ .title = "T" });
	assert_lacks("nonce");
}

static void test_no_gov_uk_branding(void **state)
{
	(void)state;
	render(&(struct page){ .title = "T", .phase = "Alpha" });
	assert_null(strcasestr(written(), "crown"));
	assert_null(strcasestr(written(), "GDS Transport"));
	assert_null(strcasestr(written(), "licence"));
	assert_lacks("govuk-header");
	assert_lacks("govuk-logo");
	assert_lacks("<svg");
	char header[4096];
	assert_null(strstr(between("<header", "</header>", header, sizeof header), "GOV.UK"));
}

static void test_header_and_navigation(void **state)
{
	(void)state;
	static const struct nav_item nav[] = {{"Home", "/"}, {"Organisations", "/organisations"}};
	render(&(struct page){ .title = "Home", .nav_active = "/", .nav = nav, .nnav = 2 });
	assert_has("<a href=\"#main-content\" class=\"govuk-skip-link\" data-module=\"govuk-skip-link\">Skip to main content</a>\n<header class=\"govuk-template__header\">\n");
	assert_has("<div class=\"govuk-generic-header\">\n<div class=\"govuk-generic-header__container govuk-width-container\">\n"
		   "<div class=\"govuk-generic-header__logo\">\n"
		   "<a href=\"/\" class=\"govuk-generic-header__homepage-link\">Joint commissioning system</a>\n");
	assert_has("<div class=\"govuk-service-navigation\" data-module=\"govuk-service-navigation\">");
	assert_has("<nav aria-label=\"Menu\" class=\"govuk-service-navigation__wrapper\">");
	assert_has("<ul class=\"govuk-service-navigation__list\" id=\"navigation\">");
	assert_has("<li class=\"govuk-service-navigation__item govuk-service-navigation__item--active\">\n"
		   "<a class=\"govuk-service-navigation__link\" href=\"/\" aria-current=\"page\">"
		   "<strong class=\"govuk-service-navigation__active-fallback\">Home</strong></a>\n</li>");
	assert_has("<a class=\"govuk-service-navigation__link\" href=\"/organisations\">Organisations</a>");
	assert_count("aria-current", 1);
	/* Two items or more: the mobile menu toggle. */
	assert_has("govuk-js-service-navigation-toggle");
	assert_lacks("Sign out");

	render(&(struct page){ .title = "Elsewhere", .nav_active = "/nowhere", .nav = nav, .nnav = 2 });
	assert_has("<li class=\"govuk-service-navigation__item\">\n<a class=\"govuk-service-navigation__link\" href=\"/\">Home</a>");
	assert_lacks("aria-current");
	assert_lacks("--active");

	/* Signed in: the person's name links to their account, and signing
	 * out is a POST form carrying the CSRF token, not a link. */
	render(&(struct page){ .title = "T", .nav = nav, .nnav = 1, .user_name = "Ann <Admin>",
			       .csrf_token = "tok\"en" });
	assert_has("href=\"/account\"><span class=\"govuk-visually-hidden\">Your account: </span>Ann &lt;Admin&gt;</a>");
	assert_has("<form method=\"post\" action=\"/logout\" class=\"app-sign-out\">\n"
		   "<input type=\"hidden\" name=\"csrf_token\" value=\"tok&quot;en\">");
	assert_has(">Sign out</button>");

	/* Signed out, no items: no list items and no toggle. */
	render(&(struct page){ .title = "T" });
	assert_lacks("govuk-service-navigation");
}

static void test_breadcrumbs_and_phase(void **state)
{
	(void)state;
	static const struct crumb crumbs[] = {
		{ "Home", "/" }, { "Partners", "/partners" }, { "Oxfordshire & Oxford", NULL },
	};
	static const struct nav_item nav[] = {{"Home", "/"}};
	render(&(struct page){ .title = "T", .crumbs = crumbs, .ncrumbs = 3, .phase = "Alpha", .nav = nav, .nnav = 1 });
	/* Inside the header landmark, not between it and main. */
	assert_has("</ul>\n</nav>\n</div>\n</div>\n</div>\n<div class=\"govuk-phase-banner govuk-width-container\">");
	assert_true(strstr(out.data, "govuk-phase-banner") < strstr(out.data, "</header>"));
	assert_has("<strong class=\"govuk-tag govuk-phase-banner__content__tag\">Alpha</strong>\n"
		   "<span class=\"govuk-phase-banner__text\">This is a new service.</span>");
	assert_has("<nav class=\"govuk-breadcrumbs\" aria-label=\"Breadcrumb\">");
	assert_has("<a class=\"govuk-breadcrumbs__link\" href=\"/partners\">Partners</a>");
	assert_has("<li class=\"govuk-breadcrumbs__list-item\" aria-current=\"page\">Oxfordshire &amp; Oxford</li>\n</ol>\n</nav>\n"
		   "<main class=\"govuk-main-wrapper\" id=\"main-content\">");

	render(&(struct page){ .title = "T" });
	assert_lacks("govuk-breadcrumbs");
	assert_lacks("govuk-phase-banner");
	assert_has("</header>\n<div class=\"govuk-width-container\">\n<main class=\"govuk-main-wrapper\" id=\"main-content\">");
}

static void test_footer(void **state)
{
	(void)state;
	render(&(struct page){ .title = "T" });
	assert_has("</main>\n</div>\n<footer class=\"govuk-template__footer\">\n<div class=\"govuk-footer\">\n<div class=\"govuk-width-container\">\n<div class=\"govuk-footer__meta\">\n");
	assert_has("<div class=\"govuk-footer__meta-custom\">Joint commissioning system</div>");
	assert_has("Built with the <a class=\"govuk-footer__link\" href=\"https://design-system.service.gov.uk/\">GOV.UK Design System</a>");
	assert_lacks("Accessibility");
	assert_lacks("Privacy");
}

static void test_small_buffer_fails(void **state)
{
	(void)state;
	struct buf small;
	struct html sh;
	buf_init(&small, 512);
	html_init(&sh, &small);
	page_begin(&sh, &(struct page){ .title = "T" });
	page_end(&sh, &(struct page){ .title = "T" });
	assert_true(small.failed);
	assert_true(small.len <= 512);
	buf_free(&small);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(test_document),
		TEST(test_title_escaped_and_error_prefix),
		TEST(test_only_inline_script_has_nonce),
		TEST(test_no_gov_uk_branding),
		TEST(test_header_and_navigation),
		TEST(test_breadcrumbs_and_phase),
		TEST(test_footer),
		TEST(test_small_buffer_fails),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
