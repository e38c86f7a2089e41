/*
 * partnership.h: partnerships and the organisations that belong to them.
 *
 * A partnership is one area's joint commissioning arrangement (a children's
 * trust: the council, the NHS, districts, schools, police, the voluntary
 * sector).  Every other record in jcs belongs to exactly one partnership,
 * and every query here is scoped by its id: one partnership's rows are
 * never visible through another's.
 *
 * Functions that return records copy their strings into the caller's pool,
 * so the results live until the pool is freed.  Errors: E_NOTFOUND when
 * there is no such record, E_INVAL for a type or role jcs does not know,
 * E_CONFLICT for a slug or organisation name already taken, E_TOOBIG for a
 * list over its bound, E_NOMEM when the pool is full, E_DB otherwise
 * (db_errmsg() has the database's words).
 */
#ifndef JCS_PARTNERSHIP_H
#define JCS_PARTNERSHIP_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

struct db;
struct pool;

struct partnership {
	int64_t id;
	const char *slug; /* in URLs: lower case, unique */
	const char *name;
};

struct organisation {
	int64_t id;
	int64_t partnership_id;
	const char *name;       /* unique within the partnership */
	const char *type;       /* see organisation_type_valid() */
	const char *role;       /* "commissioner", "provider" or "both" */
	const char *identifier; /* e.g. an ODS or Companies House code; may be NULL */
};

/* The most organisations organisation_list() returns before E_TOOBIG. */
#define ORGANISATION_LIST_MAX 10000

enum err partnership_find_by_slug(struct db *db, struct pool *pool, const char *slug,
                                  struct partnership *out);
/* The partnership with the lowest id (the default one); E_NOTFOUND if none. */
enum err partnership_first(struct db *db, struct pool *pool, struct partnership *out);
enum err partnership_create(struct db *db, const char *slug, const char *name, int64_t *id);

/* identifier may be NULL.  *id (may be NULL) receives the new row's id. */
enum err organisation_add(struct db *db, int64_t partnership_id, const char *name,
                          const char *type, const char *role, const char *identifier,
                          int64_t *id);
/*
 * The partnership's current (not retired) organisations, ordered by name
 * (byte order, the same on both backends).  *out is a pool array of *n.
 */
enum err organisation_list(struct db *db, struct pool *pool, int64_t partnership_id,
                           struct organisation **out, size_t *n);

/*
 * Organisation types: county_council, unitary_council, district_council,
 * nhs, school, police, voluntary, private, other.
 */
int organisation_type_valid(const char *type);
/* For people: "County council", "NHS body" ...; "Other" for unknown types. */
const char *organisation_type_label(const char *type);
int organisation_role_valid(const char *role);
/* "Commissioner", "Provider", "Commissioner and provider"; "Other" if unknown. */
const char *organisation_role_label(const char *role);

/*
 * demo.c: if the database has no partnership yet, create the demonstration
 * one (Oxfordshire, with four partner organisations) in one transaction.
 * *created (may be NULL) says whether it did.  Safe to run from several
 * processes at once: the one that loses the race creates nothing.
 */
enum err demo_ensure(struct db *db, int *created);

#endif
