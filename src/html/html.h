/*
 * html.h: struct html, the only way text reaches an HTML page.
 *
 * Markup comes from string literals (html_lit, which refuses anything but a
 * literal at compile time); every other string is escaped for where it goes:
 * element text, attribute value, or URL.  There is no function that writes a
 * runtime string unescaped, so no raw string reaches HTML.  Writes go to a
 * struct buf whose maximum bounds the page size; a failure is sticky in the
 * buf and checked once when the response is sent.
 */
#ifndef JCS_HTML_H
#define JCS_HTML_H

#include <stddef.h>
#include <stdint.h>

struct buf;

struct html {
	struct buf *out;
};

void html_init(struct html *h, struct buf *out);

/* Trusted markup: only a string literal compiles here. */
#define html_lit(h, s) html_raw_((h), "" s "", sizeof(s) - 1)
void html_raw_(struct html *h, const char *s, size_t n);

/* Element text: escapes & < > " ' (NULL writes nothing). */
void html_text(struct html *h, const char *s);
/* ` name="value"` with the value escaped; name must be a literal. */
#define html_attr(h, name, value) html_attr_((h), "" name "", (value))
void html_attr_(struct html *h, const char *name, const char *value);
/*
 * ` name="url"` for href/src/action: only relative URLs (starting with '/',
 * '#' or '?') and http, https and mailto URLs pass; anything else (for
 * example javascript:) is written as "#".  The URL is escaped as an attribute.
 */
#define html_url(h, name, url) html_url_((h), "" name "", (url))
void html_url_(struct html *h, const char *name, const char *url);
/* A decimal integer. */
void html_i64(struct html *h, int64_t v);

/* 1 when url would pass html_url unchanged. */
int html_url_safe(const char *url);

#endif
