/*
 * fuzz_csv.c: the CSV reader, and the writer against it.  Beyond not
 * crashing, what it accepts must keep the header's promises (no field over
 * CSV_FIELD_MAX, no NUL, valid UTF-8, the row and field limits, rows in
 * line order), and writing the rows back with csv_write_field() and reading
 * them again must give the same fields, with the formula guard's
 * apostrophe where the writer adds one.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/csv.h"
#include "core/pool.h"
#include "core/utf8.h"

#define MAX_ROWS 200
#define MAX_COLS 32

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int guarded(const char *s)
{
	return s[0] && strchr("=+-@\t\r", s[0]) != NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pool pool;
	struct csv c, again;
	struct buf out;
	char err[200];
	int maxed = 0;

	pool_init(&pool, 64u << 20);
	buf_init(&out, 8 * size + 64);
	enum err rc = csv_parse(&pool, (const char *)data, size, MAX_ROWS, MAX_COLS, &c,
				err, sizeof err);
	if (rc != E_OK) {
		/* Every refusal says where; nothing is half-returned. */
		if ((rc != E_NOMEM && strncmp(err, "line ", 5) != 0) ||
		    c.n != 0 || c.rows != NULL)
			abort();
		goto out;
	}
	if (c.n > MAX_ROWS)
		abort();
	/* A byte order mark first, so a field that starts with one is not
	 * taken for the file's own mark when read again. */
	buf_puts(&out, "\xEF\xBB\xBF");
	for (size_t r = 0; r < c.n; r++) {
		const struct csv_row *row = &c.rows[r];
		if (row->n == 0 || row->n > MAX_COLS || row->line == 0 ||
		    (r && row->line <= c.rows[r - 1].line))
			abort();
		for (size_t k = 0; k < row->n; k++) {
			size_t len = strlen(row->fields[k]);
			if (len > CSV_FIELD_MAX || !utf8_valid(row->fields[k], len))
				abort();
			if (len == CSV_FIELD_MAX && guarded(row->fields[k]))
				maxed = 1; /* the apostrophe takes it past the limit */
			if (k)
				buf_putc(&out, ',');
			csv_write_field(&out, row->fields[k]);
		}
		/* A lone empty field would write a blank line, which is skipped. */
		if (row->n == 1 && row->fields[0][0] == '\0')
			buf_puts(&out, "\"\"");
		buf_puts(&out, "\r\n");
	}
	if (out.failed)
		abort();
	rc = csv_parse(&pool, out.data, out.len, MAX_ROWS, MAX_COLS, &again, err, sizeof err);
	if (maxed && rc == E_TOOBIG)
		goto out;
	if (rc != E_OK || again.n != c.n)
		abort();
	for (size_t r = 0; r < c.n; r++) {
		if (again.rows[r].n != c.rows[r].n)
			abort();
		for (size_t k = 0; k < c.rows[r].n; k++) {
			const char *was = c.rows[r].fields[k], *now = again.rows[r].fields[k];
			if (guarded(was) && (*now++ != '\''))
				abort();
			if (strcmp(was, now) != 0)
				abort();
		}
	}
out:
	buf_free(&out);
	pool_free(&pool);
	return 0;
}
