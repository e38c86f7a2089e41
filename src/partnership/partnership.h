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
 * so the results live until the pool is freed.  Functions that write take
 * the actor and record an audit event (audit.h) in the same transaction;
 * they join the caller's transaction when one is open (imports), else use
 * their own (db_begin_owned).  Nothing referenced elsewhere is deleted:
 * records are retired (retired_at set) and can be reinstated.  Errors: E_NOTFOUND when
 * there is no such record, E_INVAL for a type or role jcs does not know,
 * E_CONFLICT for a slug or organisation name already taken (or retiring
 * an organisation something current still needs), E_TOOBIG for a
 * list over its bound, E_NOMEM when the pool is full, E_DB otherwise
 * (db_errmsg() has the database's words).
 */
#ifndef JCS_PARTNERSHIP_H
#define JCS_PARTNERSHIP_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

struct actor;
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
	const char *identifier; /* Companies House, charity or ODS code; may be NULL */
	const char *retired_at; /* NULL while current */
};

/* Search and paging for the organisations page and API. */
struct organisation_query {
	const char *q;          /* words in the name or identifier, any case; NULL: all */
	const char *type;       /* one type, or NULL */
	const char *role;       /* one role, or NULL */
	int include_retired;
	size_t offset;
	size_t limit;           /* 0: ORGANISATION_LIST_MAX */
};

/* The most organisations organisation_list() returns before E_TOOBIG. */
#define ORGANISATION_LIST_MAX 10000

enum err partnership_find_by_slug(struct db *db, struct pool *pool, const char *slug,
                                  struct partnership *out);
/* The partnership with the lowest id (the default one); E_NOTFOUND if none. */
enum err partnership_first(struct db *db, struct pool *pool, struct partnership *out);
enum err partnership_create(struct db *db, const struct actor *who, const char *slug,
                            const char *name, int64_t *id);
/* The partnership at a glance, for its home page: its name and how many
 * current organisations, areas (and deprived areas: IMD decile 1-2) and
 * boards it has, read in one statement. */
struct partnership_summary {
	struct partnership p;
	int64_t organisations, areas, deprived_areas, boards;
};
enum err partnership_summary(struct db *db, struct pool *pool, int64_t partnership_id,
                             struct partnership_summary *out);
/* Every partnership, by slug (the CLI). */
enum err partnership_list(struct db *db, struct pool *pool, struct partnership **out, size_t *n);

/* identifier may be NULL or "".  *id (may be NULL) receives the new row's id. */
enum err organisation_add(struct db *db, const struct actor *who, int64_t partnership_id,
                          const char *name, const char *type, const char *role,
                          const char *identifier, int64_t *id);
/* Retired ones too.  E_NOTFOUND for another partnership's id. */
enum err organisation_get(struct db *db, struct pool *pool, int64_t partnership_id,
                          int64_t id, struct organisation *out);
/* Exact name (current or retired). */
enum err organisation_find_by_name(struct db *db, struct pool *pool, int64_t partnership_id,
                                   const char *name, struct organisation *out);
enum err organisation_update(struct db *db, const struct actor *who, int64_t partnership_id,
                             int64_t id, const char *name, const char *type,
                             const char *role, const char *identifier);
/* retired 1: retire, 0: reinstate.  Retiring is E_CONFLICT while the
 * organisation has ties (organisation_ties): it sits on a board or group,
 * or people who are not disabled act for it as providers. */
enum err organisation_set_retired(struct db *db, const struct actor *who,
                                  int64_t partnership_id, int64_t id, int retired);

/* A current membership of a board or group, seen from the organisation. */
struct organisation_seat {
	int64_t member_id;
	int64_t board_id;
	const char *board_name;
	const char *position;
	const char *board_retired_at; /* NULL while the group is current */
};

/* What ties an organisation to the partnership, keeping it from being
 * retired until each has ended. */
struct organisation_ties {
	struct organisation_seat *seats; /* by board name, then position */
	size_t nseats;
	int64_t people;                  /* providers bound to it, not disabled */
};

/* The most seats organisation_ties() returns before E_TOOBIG. */
#define ORGANISATION_SEATS_MAX 1000

/* Organisation id's ties (an unknown id has none). */
enum err organisation_ties(struct db *db, struct pool *pool, int64_t partnership_id,
                           int64_t id, struct organisation_ties *out);
/* Matching organisations by name; *total (may be NULL) counts every match
 * for paging. */
enum err organisation_search(struct db *db, struct pool *pool, int64_t partnership_id,
                             const struct organisation_query *q,
                             struct organisation **out, size_t *n, size_t *total);
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

/* A stored code and the words people see for it (types, roles, kinds). */
struct code_label {
	const char *code;
	const char *label;
};
/* The label for code in t, or NULL when code is not in the table. */
const char *code_label_find(const struct code_label *t, size_t n, const char *code);

/*
 * The organisation types and roles (area.h: the area types), in the order
 * people choose from, for the pages, the API and imports to list, so that
 * a code added to the store's table shows everywhere.
 */
extern const struct code_label *const organisation_type_table;
extern const size_t organisation_type_count;
extern const struct code_label *const organisation_role_table;
extern const size_t organisation_role_count;
/*
 * The first n codes of t for a message, in the pool: "a, b, c", or with
 * last " or " "a, b or c" (last separates the final two).  NULL when the
 * pool is full.  Defined in code_label.c.
 */
const char *code_label_codes(struct pool *pool, const struct code_label *t, size_t n,
                             const char *last);

/*
 * demo.c: if the database has no partnership yet, create the demonstration
 * one (Oxfordshire: partner organisations, areas with deprived areas
 * marked, boards and groups from the seeds, and an administrator
 * "admin@demo.jcs.invalid") in one transaction.  *created (may be NULL)
 * says whether it did; when it did, admin_password (may be NULL) gets the
 * administrator's generated password, to print once.  Safe to run from
 * several processes at once: the one that loses the race creates nothing.
 */
#define DEMO_ADMIN_EMAIL "admin@demo.jcs.invalid"
enum err demo_ensure(struct db *db, int *created, char admin_password[24]);

#endif
