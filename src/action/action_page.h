/*
 * action_page.h: what the action pages (action_web.c, which reads, and
 * action_form.c, which adds and changes) share: who may write, addresses,
 * how a due day, a status and a linked standard are shown, and the table
 * of actions that the list and a round's action plan both use.
 */
#ifndef JCS_ACTION_PAGE_H
#define JCS_ACTION_PAGE_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "selfanalysis/framework.h"

struct action_item;
struct action_link;
struct html;
struct pool;
struct request;

/* 1 when the signed-in user may add and change actions. */
int action_can_write(const struct request *req);
/* "/actions/ID<suffix>" and "/selfanalysis/rounds/ID/actions", in the pool. */
const char *action_href(struct pool *pool, int64_t id, const char *suffix);
const char *action_plan_href(struct pool *pool, int64_t round_id);

/* "No due date", "3 March 2027", or "Overdue: due 3 March 2026". */
const char *action_due_text(struct pool *pool, const struct action_item *a, const char *today);
/* The status as a tag with its words, and an "Overdue" tag when it is. */
void action_status_tag(struct html *h, const struct action_item *a, const char *today);

/* The frameworks a page has loaded, by id, so each loads once. */
#define ACTION_FRAMEWORKS_CACHED 8
struct action_frameworks {
	const char *ids[ACTION_FRAMEWORKS_CACHED];
	struct framework fw[ACTION_FRAMEWORKS_CACHED];
	size_t n;
};
/* The partnership's framework id (loaded once per cache), or NULL. */
const struct framework *action_framework(struct request *req, struct action_frameworks *c,
					 const char *id);
/* A linked standard as "3. <its title>" (its key when the framework lacks it). */
const char *action_standard_text(struct request *req, struct action_frameworks *c,
				 const struct action_link *l);

/* The success banner for ?done=added or changed. */
void action_done_banner(const struct request *req, struct html *h);
/* A table of actions: title (linked), owner, lead, due, status, and the
 * standards each links when show_links; caption_class as govuk_table's
 * (a heading above it: "govuk-visually-hidden"). */
void action_table(struct request *req, struct html *h, const char *caption,
		  const char *caption_class, const struct action_item *a, size_t n, int show_links);

/* An action as the API shows it. */
json_t *action_to_json(const struct action_item *a, const char *today);

#endif
