/*
 * csv.c: the strict RFC 4180 reader behind csv.h, and the one field writer.
 *
 * One pass over the bytes, a small state machine per field.  Strict because
 * what it reads becomes records: anything ambiguous (a stray quote, a bare
 * CR, bytes that are not UTF-8) is refused with the line and column where a
 * person would find it in a text editor, rather than guessed at.  Columns
 * count characters, not bytes, from 1; the byte order mark is not counted.
 *
 * Decoded text goes into one heap buffer and the field and row tables into
 * heap arrays; only at the end are they copied into the pool as three
 * blocks, so a file of many small fields costs the pool its text plus a
 * pointer per field, not a pool allocation (and its alignment) per field.
 * UTF-8 is checked with utf8_valid() (core/utf8.h), one character at
 * a time, so the reader knows where the bad byte is.
 */
#include "core/csv.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/pool.h"
#include "core/utf8.h"

#define BARE_CR "a carriage return that is not followed by a line feed"

struct row_span {
	size_t first; /* index of the row's first field in the field table */
	size_t n;
	size_t line;
};

struct reader {
	const unsigned char *p;
	size_t len;
	size_t i;          /* next byte */
	size_t line;       /* line of p[i], from 1 */
	size_t line_start; /* offset of the first byte of that line */
	struct buf text;   /* decoded fields, each NUL-terminated */
	size_t *fields;    /* offsets into text */
	size_t nfields, capfields;
	struct row_span *rows;
	size_t nrows, caprows;
	char *err;
	size_t errlen;
};

/* The column of byte offset pos on line, counting characters from 1:
 * UTF-8 continuation bytes do not start a character. */
static size_t column_of(const struct reader *r, size_t line_start, size_t pos)
{
	size_t col = 1;
	for (size_t k = line_start; k < pos; k++)
		if ((r->p[k] & 0xC0) != 0x80)
			col++;
	return col;
}

static enum err fail(struct reader *r, enum err rc, size_t line, size_t line_start,
		     size_t pos, const char *fmt, ...) __attribute__((format(printf, 6, 7)));

static enum err fail(struct reader *r, enum err rc, size_t line, size_t line_start,
		     size_t pos, const char *fmt, ...)
{
	if (r->err && r->errlen) {
		int k = snprintf(r->err, r->errlen, "line %zu, column %zu: ", line,
				 column_of(r, line_start, pos));
		if (k >= 0 && (size_t)k < r->errlen) {
			va_list ap;
			va_start(ap, fmt);
			vsnprintf(r->err + k, r->errlen - (size_t)k, fmt, ap);
			va_end(ap);
		}
	}
	return rc;
}

/* The length of the valid UTF-8 character at p[i] (1 to 4), or 0. */
static size_t char_len(const struct reader *r, size_t i)
{
	if (r->p[i] < 0x80)
		return 1;
	for (size_t n = 2; n <= 4 && n <= r->len - i; n++)
		if (utf8_valid((const char *)r->p + i, n))
			return n;
	return 0;
}

static enum err push_field(struct reader *r, size_t off)
{
	if (r->nfields == r->capfields) {
		size_t cap = r->capfields ? r->capfields * 2 : 64;
		size_t *grown = xrealloc(r->fields, cap * sizeof *grown);
		if (!grown)
			return E_NOMEM;
		r->fields = grown;
		r->capfields = cap;
	}
	r->fields[r->nfields++] = off;
	return E_OK;
}

static enum err push_row(struct reader *r, size_t first, size_t n, size_t line)
{
	if (r->nrows == r->caprows) {
		size_t cap = r->caprows ? r->caprows * 2 : 16;
		struct row_span *grown = xrealloc(r->rows, cap * sizeof *grown);
		if (!grown)
			return E_NOMEM;
		r->rows = grown;
		r->caprows = cap;
	}
	r->rows[r->nrows++] = (struct row_span){first, n, line};
	return E_OK;
}

static void next_line(struct reader *r)
{
	r->line++;
	r->line_start = r->i;
}

/*
 * One field starting at r->i, decoded into r->text and NUL-terminated.
 * Stops at the comma or line end that follows it (not consumed).
 */
static enum err read_field(struct reader *r)
{
	const size_t fline = r->line, fstart = r->line_start, fpos = r->i;
	const size_t base = r->text.len;
	const int quoted = r->i < r->len && r->p[r->i] == '"';

	if (quoted)
		r->i++;
	for (;;) {
		if (r->i >= r->len) {
			if (quoted)
				return fail(r, E_INVAL, fline, fstart, fpos,
					    "a quoted field is not closed (a closing \" is missing)");
			break;
		}
		unsigned char c = r->p[r->i];
		size_t n = 1;
		if (c == '"') {
			if (!quoted)
				return fail(r, E_INVAL, r->line, r->line_start, r->i,
					    "a quote inside a field that does not start with a quote"
					    " (put the whole field in quotes and write the quote twice)");
			if (r->i + 1 < r->len && r->p[r->i + 1] == '"') {
				r->i++; /* "" is one quote: keep the second */
			} else {
				r->i++;
				if (r->i < r->len && r->p[r->i] == '\r' &&
				    !(r->i + 1 < r->len && r->p[r->i + 1] == '\n'))
					return fail(r, E_INVAL, r->line, r->line_start, r->i, BARE_CR);
				if (r->i < r->len && r->p[r->i] != ',' && r->p[r->i] != '\n' &&
				    r->p[r->i] != '\r')
					return fail(r, E_INVAL, r->line, r->line_start, r->i,
						    "text after the closing quote of a field");
				break;
			}
		} else if (c == '\0') {
			return fail(r, E_INVAL, r->line, r->line_start, r->i, "a NUL byte");
		} else if (c == '\r' && !(r->i + 1 < r->len && r->p[r->i + 1] == '\n') && !quoted) {
			return fail(r, E_INVAL, r->line, r->line_start, r->i, BARE_CR);
		} else if (!quoted && (c == ',' || c == '\n' || c == '\r')) {
			break;
		} else if (c >= 0x80 && (n = char_len(r, r->i)) == 0) {
			return fail(r, E_INVAL, r->line, r->line_start, r->i,
				    "the text is not valid UTF-8 (save the file as CSV UTF-8)");
		}
		if (r->text.len - base + n > CSV_FIELD_MAX)
			return fail(r, E_TOOBIG, fline, fstart, fpos,
				    "a field is longer than %d bytes", CSV_FIELD_MAX);
		if (buf_append(&r->text, r->p + r->i, n))
			return E_NOMEM;
		r->i += n;
		if (c == '\n')
			next_line(r);
	}
	if (buf_putc(&r->text, '\0'))
		return E_NOMEM;
	return push_field(r, base);
}

static enum err read_all(struct reader *r, size_t max_rows, size_t max_cols)
{
	enum err rc;
	if (r->len >= 3 && memcmp(r->p, "\xEF\xBB\xBF", 3) == 0)
		r->i = r->line_start = 3;
	while (r->i < r->len) {
		/* Blank lines are skipped. */
		if (r->p[r->i] == '\n' || (r->p[r->i] == '\r' && r->i + 1 < r->len &&
					   r->p[r->i + 1] == '\n')) {
			r->i += r->p[r->i] == '\r' ? 2 : 1;
			next_line(r);
			continue;
		}
		if (r->nrows == max_rows)
			return fail(r, E_TOOBIG, r->line, r->line_start, r->i,
				    "more than %zu rows", max_rows);
		const size_t line = r->line, first = r->nfields;
		for (;;) {
			if (r->nfields - first == max_cols)
				return fail(r, E_TOOBIG, r->line, r->line_start, r->i,
					    "more than %zu fields in a row", max_cols);
			if ((rc = read_field(r)))
				return rc;
			if (r->i < r->len && r->p[r->i] == ',') {
				r->i++;
				continue;
			}
			if (r->i < r->len) { /* a line end: read_field stops at nothing else */
				r->i += r->p[r->i] == '\r' ? 2 : 1;
				next_line(r);
			}
			break;
		}
		if ((rc = push_row(r, first, r->nfields - first, line)))
			return rc;
	}
	return E_OK;
}

/* Copy the tables into the pool: the text once, then pointers into it. */
static enum err to_pool(struct reader *r, struct pool *pool, struct csv *out)
{
	if (r->nrows == 0)
		return E_OK;
	char *text = pool_alloc(pool, r->text.len);
	const char **fields = pool_alloc(pool, r->nfields * sizeof *fields);
	struct csv_row *rows = pool_alloc(pool, r->nrows * sizeof *rows);
	if (!text || !fields || !rows)
		return E_NOMEM;
	memcpy(text, r->text.data, r->text.len);
	for (size_t k = 0; k < r->nfields; k++)
		fields[k] = text + r->fields[k];
	for (size_t k = 0; k < r->nrows; k++)
		rows[k] = (struct csv_row){fields + r->rows[k].first, r->rows[k].n, r->rows[k].line};
	out->rows = rows;
	out->n = r->nrows;
	return E_OK;
}

enum err csv_parse(struct pool *pool, const char *data, size_t len, size_t max_rows,
		   size_t max_cols, struct csv *out, char *err, size_t errlen)
{
	struct reader r = {.p = (const unsigned char *)data, .len = len, .line = 1,
			   .err = err, .errlen = errlen};
	out->rows = NULL;
	out->n = 0;
	if (err && errlen)
		err[0] = '\0';
	/* Decoded text is never longer than the input, plus a NUL per field
	 * (at most one per input byte, and one more). */
	buf_init(&r.text, len <= (SIZE_MAX - 2) / 2 ? 2 * len + 2 : SIZE_MAX);
	enum err rc = read_all(&r, max_rows, max_cols);
	if (rc == E_NOMEM && err && errlen)
		snprintf(err, errlen, "out of memory reading the file");
	if (!rc && (rc = to_pool(&r, pool, out)) && err && errlen)
		snprintf(err, errlen, "out of memory reading the file");
	buf_free(&r.text);
	xfree(r.fields);
	xfree(r.rows);
	return rc;
}

int csv_column(const struct csv_row *header, const char *name)
{
	size_t nlen = strlen(name);
	for (size_t k = 0; header && k < header->n; k++) {
		const char *f = header->fields[k];
		size_t a = 0, b = strlen(f);
		while (a < b && f[a] == ' ')
			a++;
		while (b > a && f[b - 1] == ' ')
			b--;
		if (b - a == nlen && memcmp(f + a, name, nlen) == 0)
			return k <= INT32_MAX ? (int)k : -1;
	}
	return -1;
}

void csv_write_field(struct buf *out, const char *s)
{
	if (!s)
		s = "";
	/* OWASP's list of formula starters; a leading CR is quoted anyway. */
	const int formula = s[0] && strchr("=+-@\t\r", s[0]) != NULL;
	if (!formula && !strpbrk(s, ",\"\r\n")) {
		buf_puts(out, s);
		return;
	}
	buf_putc(out, '"');
	if (formula)
		buf_putc(out, '\'');
	for (const char *c = s; *c; c++) {
		if (*c == '"')
			buf_putc(out, '"');
		buf_putc(out, *c);
	}
	buf_putc(out, '"');
}
