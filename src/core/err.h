/*
 * err.h: the one result enum every fallible jcs function returns.
 *
 * Like SQLite's result codes: 0 is success, everything else names a kind of
 * failure the caller can act on.  Details for people (file, row, column, the
 * database's own message) travel separately, in a caller-supplied buffer.
 */
#ifndef JCS_ERR_H
#define JCS_ERR_H

enum err {
	E_OK = 0,
	E_NOMEM,    /* an allocation failed */
	E_INVAL,    /* malformed input: the caller sent something we refuse */
	E_TOOBIG,   /* a size or count limit was exceeded */
	E_NOTFOUND, /* no such record or route */
	E_DB,       /* the database failed */
	E_IO,       /* a file or socket failed */
	E_CONFLICT, /* a uniqueness or version conflict */
	E_RANGE,    /* a number outside its allowed range */
};

/* A short lower-case name for logs and JSON errors ("invalid", "too_big"). */
const char *err_name(enum err e);

#endif
