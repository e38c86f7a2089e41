/*
 * action.h: actions, the small module other modules link to.
 *
 * An action is what a partnership means to do about something: a title,
 * an owner organisation (one of the partnership's current organisations,
 * or none), a lead person (free text: a name or a role), a due day and a
 * status.  What it is about is a link: a kind and a reference, so later
 * modules (the commissioning cycle) add kinds without changing this one.
 * The one kind today is ACTION_LINK_SA_STANDARD: a standard (its key) of
 * a self-analysis round (its id); an action may link several standards,
 * of one round or of several.
 *
 * Nothing is deleted: an action no longer wanted is "dropped".  Every
 * write records an audit event (entity "action") in the same transaction,
 * its before and after carrying the links, so the trail shows a standard
 * linked or unlinked.
 *
 * The struct is action_item because C gives struct and enum tags one
 * namespace, and auth.h's enum action (read, write) has the plain name.
 *
 * Scoping and errors as in partnership.h: every function takes the
 * partnership id and puts it in its WHERE; E_NOTFOUND for an action not in
 * the partnership; E_INVAL for text, a status, a day or a kind of link the
 * rules refuse; E_RANGE for a reference that is not the partnership's own
 * (an owner that is not one of its current organisations, a round it does
 * not have, a key the round's framework does not have), so another
 * partnership's records can never be linked; E_TOOBIG over a bound.
 */
#ifndef JCS_ACTION_H
#define JCS_ACTION_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

struct actor;
struct db;
struct pool;

/* Bytes, once trimmed: a title 1..ACTION_TITLE_MAX, a lead 0..ACTION_LEAD_MAX. */
#define ACTION_TITLE_MAX 300
#define ACTION_LEAD_MAX 200
/* Links per action, and actions a list returns before E_TOOBIG. */
#define ACTION_LINKS_MAX 50
#define ACTION_LIST_MAX 5000

/* A standard of a self-analysis round: ref_id the round, ref_key the
 * standard's key. */
#define ACTION_LINK_SA_STANDARD "sa_standard"

struct action_link {
	const char *kind;        /* ACTION_LINK_SA_STANDARD */
	int64_t ref_id;          /* the round */
	const char *ref_key;     /* the standard's key */
	/* Read back (and filled in by the writes, for the audit trail): the
	 * round's name and framework id; NULL if the round has gone. */
	const char *ref_name;
	const char *framework;
};

struct action_item {
	int64_t id;
	const char *title;
	int64_t owner_id;        /* the owner organisation; 0: none */
	const char *owner_name;  /* read back; NULL when none */
	const char *lead;        /* "" when not given */
	const char *due_on;      /* "YYYY-MM-DD", or NULL */
	const char *status;      /* a code of action_status_table */
	const char *created_at;
	struct action_link *links; /* by kind, round id, key (byte order) */
	size_t n_links;
};

/* The statuses in the order people choose from: not_started, in_progress,
 * done, dropped, with their labels ("Not started" ...). */
struct code_label;
extern const struct code_label *const action_status_table;
extern const size_t action_status_count;
int action_status_valid(const char *status);
/* The label of a status; "Not started" for an unknown one. */
const char *action_status_label(const char *status);

/* Today as action_overdue() takes it, "YYYY-MM-DD" (11 bytes with the NUL). */
#define ACTION_DAY_SIZE 11
void action_today(char out[ACTION_DAY_SIZE]);
/* 1 when the action is still open (not done, not dropped) and its due day
 * is before today ("YYYY-MM-DD"). */
int action_overdue(const struct action_item *a, const char *today);

/*
 * Adds an action: the fields used are title, owner_id, lead, due_on,
 * status (NULL: not_started) and links (duplicates count once).  *id (may
 * be NULL) gets its id.  In the caller's transaction, or its own.
 */
enum err action_add(struct db *db, const struct actor *who, int64_t partnership_id,
		    const struct action_item *in, int64_t *id);
/*
 * Saves the same fields, links included (they replace the action's links).
 * An owner that has been retired since it was chosen may stay.  A save that
 * changes nothing writes and records nothing.
 */
enum err action_update(struct db *db, const struct actor *who, int64_t partnership_id,
		       int64_t id, const struct action_item *in);
/* One action with its links. */
enum err action_get(struct db *db, struct pool *pool, int64_t partnership_id, int64_t id,
		    struct action_item *out);

/* What action_list() returns; NULL and 0 fields do not filter. */
struct action_query {
	const char *status;      /* one status */
	int64_t round_id;        /* only actions linked to a standard of this round */
};

/*
 * The partnership's actions with their links, by due day (those without
 * one last), then by id.  E_INVAL for a status that is not a code.
 */
enum err action_list(struct db *db, struct pool *pool, int64_t partnership_id,
		     const struct action_query *q, struct action_item **out, size_t *n);

/* 1 when a links standard key of round round_id. */
int action_links_standard(const struct action_item *a, int64_t round_id, const char *key);

#endif
