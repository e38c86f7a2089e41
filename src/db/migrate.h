/*
 * migrate.h: versioned, forward-only schema migrations compiled into jcs.
 *
 * Each migration runs in its own transaction and records its version in
 * schema_version.  A database whose version is newer than the newest
 * migration this binary knows is refused (E_RANGE) with a clear message, so
 * an old binary never writes to a schema it does not understand.
 */
#ifndef JCS_MIGRATE_H
#define JCS_MIGRATE_H

#include <stddef.h>

#include "core/err.h"

struct db;

/* The newest schema version this binary knows. */
int migrate_latest(void);
/* The database's version (0 when it has no schema yet). */
enum err migrate_current(struct db *db, int *version);
/* Apply every missing migration; *applied counts them (may be NULL). */
enum err migrate_up(struct db *db, int *applied, char *errbuf, size_t errlen);

#endif
