/*
 * area.h: the places a partnership serves, as a hierarchy: county >
 * district > locality > ward.  A parent is always of a higher level than
 * its child (a ward's parent may be a locality, a district or the county),
 * so the tree can have no cycle.  Each area may carry its population of
 * children and young people aged 0-19 and its index of multiple
 * deprivation decile (1 = most deprived 10% in England), so that later
 * modules can target deprived areas.  Names are unique within a
 * partnership (imports name parents by name).
 *
 * Scoping, audit, retirement and errors as in partnership.h; E_RANGE for a
 * parent of the wrong level, E_CONFLICT also for retiring an area that
 * still has current children.
 */
#ifndef JCS_AREA_H
#define JCS_AREA_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

struct actor;
struct db;
struct pool;

struct area {
	int64_t id;
	int64_t partnership_id;
	const char *name;
	const char *type;          /* county, district, locality, ward */
	int64_t parent_id;         /* 0: top level */
	const char *parent_name;   /* NULL at top level */
	int64_t population_0_19;   /* -1: not known */
	int imd_decile;            /* 1..10, 0: not known */
	const char *retired_at;    /* NULL while current */
	int depth;                 /* in area_list(): 0 for top level */
};

#define AREA_LIST_MAX 10000
/* The largest population_0_19 a page or an import accepts: far above any
 * real area's, so a larger number is a typing error. */
#define AREA_POPULATION_MAX 100000000

extern const struct code_label *const area_type_table; /* level order, county first */
extern const size_t area_type_count;
int area_type_valid(const char *type);
/* "County", "District", "Locality", "Ward"; "Other" if unknown. */
const char *area_type_label(const char *type);
/* 0 county .. 3 ward, -1 unknown. */
int area_type_level(const char *type);
/* 1 when decile marks a deprived area (the most deprived 20%: decile 1-2). */
int area_is_deprived(int imd_decile);

enum err area_add(struct db *db, const struct actor *who, int64_t partnership_id,
		  const char *name, const char *type, int64_t parent_id,
		  int64_t population_0_19, int imd_decile, int64_t *id);
enum err area_update(struct db *db, const struct actor *who, int64_t partnership_id,
		     int64_t id, const char *name, const char *type, int64_t parent_id,
		     int64_t population_0_19, int imd_decile);
enum err area_set_retired(struct db *db, const struct actor *who, int64_t partnership_id,
			  int64_t id, int retired);
enum err area_get(struct db *db, struct pool *pool, int64_t partnership_id, int64_t id,
		  struct area *out);
enum err area_find_by_name(struct db *db, struct pool *pool, int64_t partnership_id,
			   const char *name, struct area *out);
/*
 * The partnership's areas in tree order (each parent followed by its
 * children, siblings by name), with depth set.  q (may be NULL) keeps only
 * areas whose name contains it (any case), then depth is still the tree
 * depth.
 */
enum err area_list(struct db *db, struct pool *pool, int64_t partnership_id,
		   int include_retired, const char *q, struct area **out, size_t *n);

#endif
