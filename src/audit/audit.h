/*
 * audit.h: the audit trail.  Every write to a partnership's records adds
 * one audit event in the same transaction as the write: who (a user, or the
 * command line), when (UTC, to the second), which partnership, which record
 * (entity and id), what happened (action) and the record's values before
 * and after as JSON objects.  Secrets never enter it: store functions pass
 * only the fields people see (never a password hash, session id or token).
 *
 * Events are read back scoped to one partnership, newest first.
 */
#ifndef JCS_AUDIT_H
#define JCS_AUDIT_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "core/err.h"

struct db;
struct pool;

/* Who did it: a signed-in user, or the command line (user_id 0). */
struct actor {
	int64_t user_id;
	const char *label;   /* the user's email, or "command line" */
};

/* The actor for CLI commands. */
extern const struct actor actor_cli;

/*
 * Record one event.  partnership_id 0 for events of no partnership (a
 * national user).  action: "create", "update", "retire", "reinstate",
 * "disable", "enable", "reset_password", "change_password", "add_member",
 * "remove_member", "create_token", "revoke_token", "add_response", "clear_responses",
 * "share", "unshare" (a round with the national benchmark), "issue_invitations",
 * "withdraw_invitations" (a round's invitation links, with their count).
 * entity: "partnership", "organisation", "area", "board", "board_member",
 * "user", "api_token", "sa_framework", "sa_round", "sa_comment", "action".
 * before/after are JSON objects or NULL; they are not stolen.
 */
enum err audit_record(struct db *db, const struct actor *who, int64_t partnership_id,
		      const char *action, const char *entity, int64_t entity_id,
		      const json_t *before, const json_t *after);

struct audit_event {
	int64_t id;
	const char *at;       /* "2026-11-22T06:30:00Z" */
	int64_t actor_user_id;
	const char *actor;
	const char *action;
	const char *entity;
	int64_t entity_id;
	const char *before;   /* JSON text, or NULL */
	const char *after;
};

/* Filters for the audit page; NULL or 0 fields do not filter. */
struct audit_filter {
	const char *entity;
	const char *action;
	const char *actor;       /* exact email, or "command line" */
	const char *from_day;    /* "2026-11-01": events on or after that day */
	const char *to_day;      /* events on or before that day */
	int64_t entity_id;
	int64_t before_id;       /* paging: events older than this id */
	size_t limit;            /* at most AUDIT_PAGE_MAX; 0 means 50 */
};
#define AUDIT_PAGE_MAX 500

/* Events of one partnership, newest first; *more says whether older ones
 * match too (the next page starts before (*out)[*n - 1].id). */
enum err audit_list(struct db *db, struct pool *pool, int64_t partnership_id,
		    const struct audit_filter *f, struct audit_event **out, size_t *n,
		    int *more);
/* Every event of a partnership, oldest first, as CSV with the header
 * id,at,actor,action,entity,entity_id,before,after (RFC 4180 quoting). */
enum err audit_export_csv(struct db *db, int64_t partnership_id, FILE *out);

#endif
