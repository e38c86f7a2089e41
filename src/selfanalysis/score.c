/*
 * score.c: parsing and formatting one scores-table cell.
 *
 * Hand-written rather than strtod: strtod accepts locales, hex, "inf" and
 * exponents, none of which a board's spreadsheet means, and we need to say
 * exactly why a cell is refused so the importer can name row and column.
 * Messages quote the cell only when it is valid UTF-8, cut at a character
 * boundary, so they are safe to show on a page.
 */
#include "selfanalysis/score.h"

#include <stdio.h>
#include <string.h>

#include "core/utf8.h"

#define QUOTE_MAX 30

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static int lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

static int eq_nocase(const char *s, size_t n, const char *lit)
{
	size_t m = strlen(lit);

	if (n != m)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (lower((unsigned char)s[i]) != (unsigned char)lit[i])
			return 0;
	return 1;
}

/* The cell as it can be shown in a message: quoted, short, valid UTF-8. */
static void quote(const char *s, size_t n, char *q, size_t qlen)
{
	size_t cut = n;

	if (!utf8_valid(s, n)) {
		snprintf(q, qlen, "This cell");
		return;
	}
	if (cut > QUOTE_MAX) {
		cut = QUOTE_MAX;
		while (cut > 0 && ((unsigned char)s[cut] & 0xC0) == 0x80)
			cut--;
	}
	snprintf(q, qlen, "'%.*s%s'", (int)cut, s, cut < n ? "..." : "");
}

static void fmt_half(int h, char *buf, size_t len)
{
	if (h % 2 == 0)
		snprintf(buf, len, "%d", h / 2);
	else
		snprintf(buf, len, "%s%d.5", h < 0 && h > -2 ? "-" : "",
			 h / 2);
}

/*
 * A number with at most one '-' and a fraction that is a whole or half
 * point.  Returns 0 = not a number, 1 = ok (*half set), 2 = a number but
 * not a whole or half point.
 */
static int parse_number(const char *s, size_t n, int *half)
{
	size_t i = 0;
	int neg = 0, whole = 0, digits = 0, frac_half = 0, frac_other = 0;

	if (i < n && s[i] == '-') {
		neg = 1;
		i++;
	}
	for (; i < n && s[i] >= '0' && s[i] <= '9'; i++, digits++)
		if (digits < 6)
			whole = whole * 10 + (s[i] - '0');
	if (digits == 0 || digits > 6)
		return 0;
	if (i < n && s[i] == '.') {
		size_t f = ++i;
		for (; i < n && s[i] >= '0' && s[i] <= '9'; i++) {
			if (i == f && s[i] == '5')
				frac_half = 1;
			else if (s[i] != '0')
				frac_other = 1;
		}
		if (i == f)
			return 0;
	}
	if (i != n)
		return 0;
	if (frac_other)
		return 2;
	*half = (neg ? -1 : 1) * (whole * 2 + frac_half);
	return 1;
}

/* One side of a value or range: checked against the scale. */
static enum err parse_point(const char *s, size_t n, const struct scale *sc,
			    int *half, char *err, size_t errlen)
{
	char q[QUOTE_MAX + 8];
	int r = parse_number(s, n, half);

	quote(s, n, q, sizeof q);
	if (r == 0) {
		snprintf(err, errlen, "%s is not a score", q);
		return E_INVAL;
	}
	if (r == 2) {
		snprintf(err, errlen, "%s is not a whole or half point", q);
		return E_RANGE;
	}
	if (*half < sc->min * 2 || *half > sc->max * 2) {
		snprintf(err, errlen, "%s is outside the scale %d to %d", q,
			 sc->min, sc->max);
		return E_RANGE;
	}
	if (*half % 2 != 0 && !sc->half_points_allowed) {
		snprintf(err, errlen,
			 "%s is a half point, which this scale does not allow",
			 q);
		return E_RANGE;
	}
	return E_OK;
}

static void trim(const char **s, size_t *n)
{
	while (*n > 0 && is_space(**s)) {
		(*s)++;
		(*n)--;
	}
	while (*n > 0 && is_space((*s)[*n - 1]))
		(*n)--;
}

static int is_dont_know(const char *s, size_t n)
{
	static const char curly[] = "don\xE2\x80\x99t know";

	return eq_nocase(s, n, "don't know") || eq_nocase(s, n, "dont know") ||
	       eq_nocase(s, n, "dk") || eq_nocase(s, n, curly);
}

enum err score_parse(const char *cell, const struct scale *sc,
		     struct score *out, char *err, size_t errlen)
{
	const char *s = cell ? cell : "";
	size_t n = strlen(s);
	const char *slash;
	char q[QUOTE_MAX + 8];
	enum err rc;

	if (errlen > 0)
		err[0] = '\0';
	memset(out, 0, sizeof *out);
	trim(&s, &n);
	if (n == 0) {
		out->kind = SCORE_NONE;
		return E_OK;
	}
	if (is_dont_know(s, n)) {
		if (!sc->dont_know_allowed) {
			snprintf(err, errlen,
				 "\"Don't know\" is not allowed on this scale");
			return E_RANGE;
		}
		out->kind = SCORE_DONT_KNOW;
		return E_OK;
	}
	slash = memchr(s, '/', n);
	if (slash) {
		const char *a = s, *b = slash + 1;
		size_t an = (size_t)(slash - s), bn = n - an - 1;
		int lo, hi;

		trim(&a, &an);
		trim(&b, &bn);
		if ((rc = parse_point(a, an, sc, &lo, err, errlen)) != E_OK ||
		    (rc = parse_point(b, bn, sc, &hi, err, errlen)) != E_OK)
			return rc;
		if (lo >= hi) {
			quote(s, n, q, sizeof q);
			snprintf(err, errlen,
				 "%s is not a range: write the lower score "
				 "first, as in \"1 / 2\"", q);
			return E_INVAL;
		}
		/* Between two neighbouring whole points, as the seeds'
		 * tables write it: "1 / 3" would hide a 2 that was not
		 * given, and "2 / 2.5" is a half point written oddly. */
		if (lo % 2 != 0 || hi - lo != 2) {
			quote(s, n, q, sizeof q);
			snprintf(err, errlen,
				 "%s is not between two neighbouring points: "
				 "write two whole points next to each other, "
				 "such as \"1 / 2\" or \"3 / 4\"", q);
			return E_INVAL;
		}
		out->kind = SCORE_RANGE;
		out->lo = lo;
		out->hi = hi;
		return E_OK;
	}
	if ((rc = parse_point(s, n, sc, &out->lo, err, errlen)) != E_OK)
		return rc;
	out->kind = SCORE_VALUE;
	out->hi = out->lo;
	return E_OK;
}

enum err score_format(const struct score *s, char *buf, size_t len)
{
	char a[16], b[16];
	int w;

	switch (s->kind) {
	case SCORE_VALUE:
		fmt_half(s->lo, a, sizeof a);
		w = snprintf(buf, len, "%s", a);
		break;
	case SCORE_RANGE:
		fmt_half(s->lo, a, sizeof a);
		fmt_half(s->hi, b, sizeof b);
		w = snprintf(buf, len, "%s / %s", a, b);
		break;
	case SCORE_DONT_KNOW:
		w = snprintf(buf, len, "Don't know");
		break;
	default:
		w = snprintf(buf, len, "%s", "");
		break;
	}
	return w < 0 || (size_t)w >= len ? E_TOOBIG : E_OK;
}

bool score_counts(const struct score *s)
{
	return s->kind == SCORE_VALUE || s->kind == SCORE_RANGE;
}

double score_value(const struct score *s)
{
	return (s->lo + s->hi) / 4.0;
}
