/*
 * multipart.h: a multipart/form-data parser (RFC 7578) for uploads.
 *
 * The whole body is already in memory (the server caps its size).  The
 * boundary comes from the Content-Type parameter (quoted or not, at most 70
 * characters).  Each part must have a Content-Disposition of form-data with
 * a name; filename and Content-Type are optional.  Part data points into the
 * body (no copy); names and headers are copied into the pool.
 * Refused with E_INVAL: no or bad boundary, a part without the closing
 * delimiter, a header line over 1024 bytes or more than 8 header lines in a
 * part, a missing name.  E_TOOBIG: more than max_parts parts.
 */
#ifndef JCS_MULTIPART_H
#define JCS_MULTIPART_H

#include <stddef.h>

#include "core/err.h"

struct pool;

struct part {
	const char *name;
	const char *filename;     /* NULL when the part is not a file */
	const char *content_type; /* NULL when the part did not say */
	const char *data;         /* points into the body */
	size_t len;
};

struct parts {
	struct part *v;
	size_t n;
};

enum err multipart_parse(struct pool *pool, const char *content_type,
			 const char *body, size_t len, size_t max_parts,
			 struct parts *out);

/* The first part called name, or NULL. */
const struct part *parts_get(const struct parts *p, const char *name);

#endif
