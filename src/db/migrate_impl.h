/*
 * migrate_impl.h: the migration list and the engine that applies one
 * (private to src/db/ and its tests).
 *
 * migrate_up() applies the list compiled into jcs (migrations.c);
 * migrate_apply() takes any list, so tests can check what a failing
 * migration leaves behind without shipping a broken one.
 */
#ifndef JCS_MIGRATE_IMPL_H
#define JCS_MIGRATE_IMPL_H

#include <stddef.h>

#include "core/err.h"

struct db;

struct migration {
	int version;     /* 1, 2, 3 ... in order, never reused */
	const char *name;
	const char *sql; /* schema text for db_exec(): tokens allowed */
};

extern const struct migration migrations[];
extern const size_t migrations_count;

/*
 * Apply every migration in list[0..n) newer than the database, each with its
 * schema_version row in one transaction.  list must be in version order.
 */
enum err migrate_apply(struct db *db, const struct migration *list, size_t n,
                       int *applied, char *errbuf, size_t errlen);

#endif
