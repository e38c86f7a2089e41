/*
 * csv.h: a strict RFC 4180 reader for imports.
 *
 * Accepts comma-separated fields, double-quoted fields with "" for a quote
 * (and line breaks inside quotes), CRLF or LF line ends, a UTF-8 byte order
 * mark at the start, a missing final line end.  Refuses, with the line and
 * column of the problem: a quote inside an unquoted field, text after a
 * closing quote, an unterminated quote, a NUL byte, invalid UTF-8, more
 * than max_rows rows or max_cols fields in a row, a field over
 * CSV_FIELD_MAX bytes.  Blank lines are skipped.  Everything is copied into
 * the pool.
 */
#ifndef JCS_CSV_H
#define JCS_CSV_H

#include <stddef.h>

#include "core/err.h"

struct buf;
struct pool;

#define CSV_FIELD_MAX 4096

struct csv_row {
	const char **fields;
	size_t n;
	size_t line;   /* line in the file where the row starts, from 1 */
};

struct csv {
	struct csv_row *rows; /* rows[0] is the header row when there is one */
	size_t n;
};

/*
 * Parse data.  On error returns E_INVAL (or E_TOOBIG for a limit, E_NOMEM)
 * and writes "line L, column C: what is wrong" into err.
 */
enum err csv_parse(struct pool *pool, const char *data, size_t len, size_t max_rows,
		   size_t max_cols, struct csv *out, char *err, size_t errlen);

/* The index of the header field equal to name (exact, after trimming
 * spaces), or -1. */
int csv_column(const struct csv_row *header, const char *name);

/* Write s as one CSV field (quoted when it holds a comma, quote, CR or LF,
 * or starts with = + - @ or a tab, which spreadsheets would run as a
 * formula: those get a leading apostrophe inside the quotes). */
void csv_write_field(struct buf *out, const char *s);

#endif
