/*
 * board.h: boards and groups (the Trust board, the joint commissioning
 * group, the performance management group, partnership boards, area
 * boards), their purpose, the group each reports to, and their members.
 *
 * Reporting lines form a tree: a change that would make a group report to
 * itself, directly or through others, is refused with E_RANGE.  An area
 * board names the area it covers.  Members are partner organisations with
 * the position they hold on the board ("Chair", "Director of Children's
 * Services"); people's names are not needed and are not stored.
 *
 * Scoping, audit, retirement and errors as in partnership.h.
 */
#ifndef JCS_BOARD_H
#define JCS_BOARD_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

struct actor;
struct db;
struct pool;

struct board {
	int64_t id;
	int64_t partnership_id;
	const char *name;
	const char *kind;          /* see board_kind_valid() */
	const char *purpose;       /* "" when not given */
	int64_t reports_to_id;     /* 0: reports to no group */
	const char *reports_to_name;
	int64_t area_id;           /* 0: not an area's board */
	const char *area_name;
	const char *retired_at;
	int depth;                 /* in board_list(): reporting depth */
};

struct board_member {
	int64_t id;
	int64_t board_id;
	int64_t organisation_id;
	const char *organisation_name;
	const char *position;
	const char *retired_at;    /* NULL while a member */
};

#define BOARD_LIST_MAX 2000
#define BOARD_MEMBERS_MAX 500
#define BOARD_PURPOSE_MAX 2000
/* A member's position ("Chair"): 1..200 bytes once trimmed. */
#define BOARD_POSITION_MAX 200

/* trust_board, joint_commissioning_group, performance_group,
 * partnership_board, area_board, other. */
int board_kind_valid(const char *kind);
const char *board_kind_label(const char *kind);

enum err board_add(struct db *db, const struct actor *who, int64_t partnership_id,
		   const char *name, const char *kind, const char *purpose,
		   int64_t reports_to_id, int64_t area_id, int64_t *id);
enum err board_update(struct db *db, const struct actor *who, int64_t partnership_id,
		      int64_t id, const char *name, const char *kind, const char *purpose,
		      int64_t reports_to_id, int64_t area_id);
/* Retiring a group that current groups report to is E_CONFLICT. */
enum err board_set_retired(struct db *db, const struct actor *who, int64_t partnership_id,
			   int64_t id, int retired);
enum err board_get(struct db *db, struct pool *pool, int64_t partnership_id, int64_t id,
		   struct board *out);
/* In reporting-tree order (each group followed by those reporting to it). */
enum err board_list(struct db *db, struct pool *pool, int64_t partnership_id,
		    int include_retired, struct board **out, size_t *n);
/*
 * The groups whose name or purpose holds q (any case; NULL or "": every
 * group), by name rather than as a tree, since a match's parent may not
 * match; depth is 0.  E_INVAL when q is over STORE_NAME_MAX bytes or has
 * control characters.
 */
enum err board_search(struct db *db, struct pool *pool, int64_t partnership_id,
		      int include_retired, const char *q, struct board **out, size_t *n);

/* The same organisation in the same position twice at once is E_CONFLICT;
 * a retired board takes no new members (E_CONFLICT); a retired or unknown
 * organisation is E_RANGE. */
enum err board_member_add(struct db *db, const struct actor *who, int64_t partnership_id,
			  int64_t board_id, int64_t organisation_id, const char *position,
			  int64_t *id);
/* Ends a membership (kept, with retired_at). */
enum err board_member_remove(struct db *db, const struct actor *who, int64_t partnership_id,
			     int64_t board_id, int64_t member_id);
/* Current members, by organisation name. */
enum err board_member_list(struct db *db, struct pool *pool, int64_t partnership_id,
			   int64_t board_id, struct board_member **out, size_t *n);

#endif
