/*
 * framework.h: a self-assessment framework (its standards and its scale),
 * read from the JSON format documented in docs/frameworks.md.
 *
 * Frameworks are data, not code, so a partnership can adopt another
 * self-assessment without a new release: the shipped ones (the two versions
 * of the 2009 Commissioning Support Programme self-analysis) are the same
 * JSON files, embedded in the binary at build time, and go through the same
 * parser and validation as an imported one.  A parsed framework is never
 * modified afterwards: an imported one lives in the caller's pool, a
 * shipped one is parsed once per process and shared (framework_builtin).
 */
#ifndef JCS_SELFANALYSIS_FRAMEWORK_H
#define JCS_SELFANALYSIS_FRAMEWORK_H

#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"
#include "core/pool.h"

/* Limits on what a framework file may hold (docs/frameworks.md). */
#define FRAMEWORK_MAX_JSON (256u * 1024u) /* bytes of JSON text */
#define FRAMEWORK_MAX_STANDARDS 200
#define FRAMEWORK_MAX_POINTS 20
#define FRAMEWORK_MAX_EXCELLENCE 20
#define FRAMEWORK_MAX_ID 64      /* also the longest standard key */
#define FRAMEWORK_MAX_NUMBER 999 /* standards are numbered 1..999 */
#define FRAMEWORK_MAX_VALUE 100  /* scale values lie in 0..100 */
/* Long enough for every message framework_parse writes. */
#define FRAMEWORK_ERR_SIZE 200

struct framework_point {
	int value;
	const char *label; /* NULL when the framework gives none */
};

struct framework_standard {
	int number;          /* as printed in the framework's source */
	const char *key;     /* stable across versions: rounds compare by key */
	const char *title;   /* the standard as stated */
	const char *text;    /* further explanation, or NULL */
	const char *section; /* or NULL */
	const char **excellence; /* statements of excellence, NULL-terminated */
	size_t n_excellence;
};

struct framework {
	const char *id;
	const char *title;
	const char *source;
	const char *version;
	struct framework_point *points; /* ascending by one whole point */
	size_t n_points;
	bool half_points; /* 3.5 is a score */
	bool dont_know;   /* "Don't know" is an answer */
	struct framework_standard *standards; /* in file order */
	size_t n_standards;
};

/*
 * Parses and validates one framework.  On refusal returns E_INVAL (or
 * E_TOOBIG for a limit) and writes a message naming the field, such as
 * "standards[3].key: must be lower-case letters, digits and hyphens",
 * to err (FRAMEWORK_ERR_SIZE is enough).  E_NOMEM when the pool is full.
 */
enum err framework_parse(const char *json, size_t len, struct pool *p,
			 struct framework *out, char *err, size_t errlen);

/* The ids of the shipped frameworks, NULL-terminated, in id order. */
const char *const *framework_builtin_list(void);

/*
 * A shipped framework by id: E_NOTFOUND when there is no such one.  The
 * first call parses it into memory that lives until the process exits;
 * every call (from any thread) gets that same read-only framework, so p
 * is not used.
 */
enum err framework_builtin(const char *id, struct pool *p,
			   struct framework *out);

/* The embedded JSON text of a shipped framework (for export), or NULL. */
const char *framework_builtin_json(const char *id, size_t *len);

/* Lookups; NULL when absent. */
const struct framework_standard *
framework_find_number(const struct framework *f, int number);
const struct framework_standard *
framework_find_key(const struct framework *f, const char *key);

#endif
