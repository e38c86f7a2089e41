/*
 * html.c: struct html.  One escaper serves element text and attribute
 * values alike: escaping all five of & < > " ' is safe in both places, so
 * no caller has to know which context it is writing into.  Runs of plain
 * bytes are copied in one append, so escaping costs a scan, not a call per
 * byte.
 *
 * The URL filter is an allow-list, not a deny-list of bad schemes: anything
 * that is not plainly a same-site path or an http(s)/mailto URL becomes "#".
 * Control characters are refused anywhere in a URL because browsers delete
 * tabs and newlines before parsing, so "/\t/evil.example" would otherwise
 * slip through as the protocol-relative "//evil.example"; a backslash after
 * the first slash is refused because browsers read "/\" as "//".
 */
#include "html/html.h"

#include <string.h>
#include <strings.h>

#include "core/buf.h"

void html_init(struct html *h, struct buf *out)
{
	h->out = out;
}

void html_raw_(struct html *h, const char *s, size_t n)
{
	buf_append(h->out, s, n);
}

void html_text(struct html *h, const char *s)
{
	if (!s)
		return;
	const char *run = s;
	for (; *s; s++) {
		const char *ent;
		size_t n;
		switch (*s) {
		case '&': ent = "&amp;"; n = 5; break;
		case '<': ent = "&lt;"; n = 4; break;
		case '>': ent = "&gt;"; n = 4; break;
		case '"': ent = "&quot;"; n = 6; break;
		case '\'': ent = "&#39;"; n = 5; break;
		default: continue;
		}
		if (s > run)
			buf_append(h->out, run, (size_t)(s - run));
		buf_append(h->out, ent, n);
		run = s + 1;
	}
	if (s > run)
		buf_append(h->out, run, (size_t)(s - run));
}

void html_attr_(struct html *h, const char *name, const char *value)
{
	buf_putc(h->out, ' ');
	buf_puts(h->out, name);
	buf_append(h->out, "=\"", 2);
	html_text(h, value);
	buf_putc(h->out, '"');
}

void html_url_(struct html *h, const char *name, const char *url)
{
	html_attr_(h, name, html_url_safe(url) ? url : "#");
}

void html_i64(struct html *h, int64_t v)
{
	buf_put_i64(h->out, v);
}

int html_url_safe(const char *url)
{
	if (!url)
		return 0;
	for (const unsigned char *p = (const unsigned char *)url; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			return 0;
	switch (url[0]) {
	case '/':
		return url[1] != '/' && url[1] != '\\';
	case '#':
	case '?':
		return 1;
	}
	static const char *const schemes[] = { "http:", "https:", "mailto:" };
	for (size_t i = 0; i < sizeof schemes / sizeof schemes[0]; i++)
		if (strncasecmp(url, schemes[i], strlen(schemes[i])) == 0)
			return 1;
	return 0;
}
