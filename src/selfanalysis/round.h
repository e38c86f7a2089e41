/*
 * round.h: the self-analysis store: imported frameworks, rounds, their
 * responses (scores and comments), stated averages, and the partnership's
 * anonymity threshold.
 *
 * A round belongs to a partnership and names its framework by id (a shipped
 * one or one the partnership imported).  A response is one respondent's
 * scores (interviews) or the group's agreed scores (group mode: exactly one
 * response, never an online one).  What a response may carry is limited on purpose: no account,
 * no invitation, no time finer than the day, and a random id, so neither
 * the id nor the order rows are stored in says who answered or when.
 * Comments are stored apart from responses, so they cannot be attributed.
 *
 * Scoping, audit and errors as in partnership.h: every function takes the
 * partnership id and puts it in its WHERE; writes record an audit event in
 * the same transaction (db_begin_owned), except online submissions, which
 * are not audited at all (an event's time would date the answers);
 * E_NOTFOUND for a record not in the partnership, E_CONFLICT for a name in
 * use, E_INVAL for a value the rules refuse.
 */
#ifndef JCS_SELFANALYSIS_ROUND_H
#define JCS_SELFANALYSIS_ROUND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "selfanalysis/framework.h"
#include "selfanalysis/score.h"

struct actor;
struct db;
struct pool;

/* ---- the partnership's anonymity threshold (k) ---- */

#define ANONYMITY_K_DEFAULT 5
#define ANONYMITY_K_MIN 3
#define ANONYMITY_K_MAX 50

enum err selfanalysis_k_get(struct db *db, int64_t partnership_id, int *k);
/* E_RANGE outside ANONYMITY_K_MIN..MAX.  Audited as "update" of the
 * partnership. */
enum err selfanalysis_k_set(struct db *db, const struct actor *who, int64_t partnership_id,
			    int k);

/* ---- frameworks: the shipped ones and the partnership's imported ones ---- */

struct framework_entry {
	const char *id;
	const char *title;
	size_t n_standards;
	bool shipped;          /* compiled in; else imported by the partnership */
	const char *created_at; /* imported: when; shipped: NULL */
};

#define FRAMEWORK_LIST_MAX 500

/*
 * The shipped frameworks, then the partnership's imported ones, by id.
 * partnership_id 0: the shipped ones only.
 */
enum err framework_store_list(struct db *db, struct pool *pool, int64_t partnership_id,
			      struct framework_entry **out, size_t *n);
/*
 * Imports a framework (JSON, docs/frameworks.md) into the partnership.
 * E_INVAL/E_TOOBIG with framework_parse's message in err; E_CONFLICT
 * (message in err) when the id is a shipped framework's or one already
 * imported: an imported framework never changes, since rounds name it.
 */
enum err framework_store_import(struct db *db, const struct actor *who, int64_t partnership_id,
				const char *json, size_t len, char *err, size_t errlen);
/* A framework by id, shipped or the partnership's: E_NOTFOUND if neither. */
enum err framework_load(struct db *db, struct pool *pool, int64_t partnership_id,
			const char *id, struct framework *out);
/* The scale a framework's points and flags describe, for score_parse. */
void framework_scale(const struct framework *f, struct scale *out);

/* ---- rounds ---- */

enum round_mode { ROUND_INTERVIEWS = 0, ROUND_GROUP };

struct round {
	int64_t id;
	const char *framework;   /* framework id */
	const char *name;
	enum round_mode mode;
	const char *opens_on;    /* "YYYY-MM-DD" or NULL */
	const char *closes_on;   /* "YYYY-MM-DD" or NULL */
	bool closed;             /* no more responses or invitations */
	const char *key_messages; /* for the board paper; "" when none */
	const char *shared_at;   /* shared with the national benchmark, or NULL */
	const char *created_at;
	int64_t responses;       /* how many responses it holds */
};

#define ROUND_LIST_MAX 1000
#define ROUND_KEY_MESSAGES_MAX 5000
#define ROUND_RESPONSES_MAX 2000 /* per round */
#define COMMENT_MAX 2000         /* bytes per comment */
#define ROUND_COMMENTS_MAX 10000 /* per round: what its results can read back */

/* "interviews" / "group" and back (-1 for neither); a label for pages. */
const char *round_mode_code(enum round_mode m);
int round_mode_parse(const char *code);
const char *round_mode_label(enum round_mode m);

/*
 * Adds a round: name 1..STORE_NAME_MAX bytes once trimmed, unique in the
 * partnership (E_CONFLICT); framework must load (E_NOTFOUND otherwise);
 * dates valid days or NULL, opens_on <= closes_on (E_INVAL).  The fields
 * used are framework, name, mode, opens_on, closes_on.
 */
enum err round_add(struct db *db, const struct actor *who, int64_t partnership_id,
		   const struct round *r, int64_t *id);
/* Saves name, opens_on, closes_on, closed and key_messages (the framework
 * and mode never change once a round exists). */
enum err round_update(struct db *db, const struct actor *who, int64_t partnership_id,
		      int64_t id, const struct round *r);
enum err round_get(struct db *db, struct pool *pool, int64_t partnership_id, int64_t id,
		   struct round *out);
enum err round_find(struct db *db, struct pool *pool, int64_t partnership_id, const char *name,
		    struct round *out);
/* Newest first (by created_at, then id). */
enum err round_list(struct db *db, struct pool *pool, int64_t partnership_id,
		    struct round **out, size_t *n);

/*
 * The round before this one, to compare with: the partnership's latest
 * round that opened (opens_on, else created_at) before it and holds
 * responses.  E_NOTFOUND when there is none.
 */
enum err round_previous(struct db *db, struct pool *pool, int64_t partnership_id,
			int64_t round_id, struct round *out);

/*
 * 1 when round a opened before round b, so a is the earlier of the two
 * whatever order they were asked in: by the day it opened (opens_on, else
 * the day of created_at), then created_at, then id, the order
 * round_previous uses.  Comparisons everywhere (pages, API, paper, CLI)
 * order their two rounds by this.
 */
int round_opened_before(const struct round *a, const struct round *b);

/* ---- responses ---- */

enum response_source { RESPONSE_IMPORT = 0, RESPONSE_ENTRY, RESPONSE_ONLINE };

/*
 * One response to add: cells[i] and comments[i] answer the framework's
 * standards[i] (file order), n of them = the framework's n_standards.
 * comments may be NULL, and any comments[i] NULL or "" (none).
 */
struct response_in {
	const char *respondent;   /* the import's column label, or NULL (online: must be) */
	const char *grp;          /* respondent group for breakdowns, or NULL */
	enum response_source source;
	const struct score *cells;
	const char *const *comments;
	size_t n;
};

/*
 * Adds a response (random id; submitted_on today) with its scores and
 * comments, in the caller's transaction or its own.  E_INVAL when n does
 * not match the framework, a cell is outside its scale, or a comment is
 * over COMMENT_MAX bytes or not text; E_CONFLICT when the round is closed
 * (online and entry only: imports may fill a closed round's history) or
 * already holds ROUND_RESPONSES_MAX (or its comments would pass
 * ROUND_COMMENTS_MAX), and for a group round (ROUND_GROUP), which holds
 * exactly one response, the group's agreed scores: E_CONFLICT for an
 * online response to it or for a second one.  Online responses are not audited;
 * others record "add_response" with the round's name only, never scores.
 */
enum err response_add(struct db *db, const struct actor *who, int64_t partnership_id,
		      int64_t round_id, const struct response_in *in);
/* Removes every response, comment and stated average of a round (before a
 * re-import); audited with the count.  E_CONFLICT if it has invitations
 * that were answered online. */
enum err round_clear_responses(struct db *db, const struct actor *who, int64_t partnership_id,
			       int64_t round_id);

/*
 * Takes the round's row lock for the rest of the caller's transaction (a
 * write that changes nothing), so that on PostgreSQL two writers cannot
 * both pass the checks made on the round before either writes: the count
 * against ROUND_RESPONSES_MAX, the closed flag, the online answers a
 * clearing must keep, the pending answers an invitation release takes.
 * SQLite has one writer at a time already.  E_NOTFOUND when the round is
 * not the partnership's.
 */
enum err round_lock(struct db *db, int64_t partnership_id, int64_t round_id);

/* The stated average a source gave for a standard (by number), as written
 * (NULL or "" removes it); E_INVAL for a number not in the framework. */
enum err round_set_stated(struct db *db, int64_t partnership_id, int64_t round_id,
			  int standard, const char *stated);
/* A comment on a standard (by number) with no response behind it;
 * E_CONFLICT when the round holds ROUND_COMMENTS_MAX. */
enum err round_add_comment(struct db *db, int64_t partnership_id, int64_t round_id,
			   int standard, const char *body);
/* Marks a comment for the board paper (selected 1) or not. */
enum err round_select_comment(struct db *db, const struct actor *who, int64_t partnership_id,
			      int64_t round_id, int64_t comment_id, int selected);

#endif
