/*
 * invitation.h: invitation links for online collection, and a
 * respondent's answers while they work on them.
 *
 * The round owner issues links; each carries a random token (auth/session.h
 * strength) that is shown once and never stored: the table keeps only its
 * hash, so nobody, the owner included, can rebuild a link from the
 * database.  A respondent reaches their invitation by the token alone (the
 * public /respond route has no partnership to scope by: the token is the
 * credential, and the invitation row names its partnership).
 *
 * What an invitation may hold is limited on purpose.  While a respondent
 * works, their answers so far (the draft) and the day they last saved sit
 * on the invitation.  Submitting marks the invitation submitted, clears
 * the day, and keeps exactly the answers submitted as its draft: they are
 * pending, not yet a response.  Once a group of respondents (the
 * invitations' group label; none is a group too) has k pending answers
 * (the partnership's anonymity threshold), they are released together, in
 * the submitting transaction: added as ordinary online responses
 * (round.h response_add, each with its invitation's group) in a random
 * order, and their drafts cleared.  Closing the round adds what is left
 * only if the round's figures were never shown; otherwise a remainder
 * below k is dropped (invitation_release).  So responses arrive in batches of at least k
 * sharing one transaction (on PostgreSQL one xmin, in shuffled heap
 * order): a response can be tied only to a batch of k or more links, and
 * the results change only by whole batches, so watching them change never
 * singles out one person's scores.  Afterwards nothing joins a response
 * to its invitation or dates it finer than the day of its batch.  A round
 * whose closing day passes without anyone closing it keeps its pending
 * answers until it is closed.  Neither saving, submitting nor releasing is
 * audited (an event's time would date the answers); issuing and
 * withdrawing links are, with counts only, never tokens.
 *
 * Scoping and errors as in round.h: the owner's functions take the
 * partnership id and put it in their WHERE; E_NOTFOUND for a round or
 * invitation not in the partnership, E_CONFLICT for a closed round or an
 * invitation no longer open, E_INVAL/E_RANGE for values the rules refuse.
 */
#ifndef JCS_SELFANALYSIS_INVITATION_H
#define JCS_SELFANALYSIS_INVITATION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "auth/session.h"
#include "core/err.h"
#include "selfanalysis/framework.h"
#include "selfanalysis/round.h"
#include "selfanalysis/score.h"

struct actor;
struct db;
struct pool;

#define INVITATION_ISSUE_MAX 200  /* links issued at once */
#define INVITATION_GROUP_MAX 100  /* bytes of a group label */
/* Links a round may ever have (withdrawn ones included, so withdrawing
 * and issuing again cannot grow the table without bound). */
#define INVITATION_ROUND_MAX ROUND_RESPONSES_MAX
/* A token as issued: SESSION_TOKEN_SIZE - 1 characters of base64url. */
#define INVITATION_TOKEN_SIZE SESSION_TOKEN_SIZE
/* Bytes of a stored draft: room for every comment of the largest
 * framework with JSON's escaping. */
#define INVITATION_DRAFT_MAX (1u << 20)

/* ---- the owner's side ---- */

/*
 * Issues count (1..INVITATION_ISSUE_MAX, else E_RANGE) links for round
 * round_id, each with the group label grp (NULL or "" for none; cleaned
 * as a name, at most INVITATION_GROUP_MAX bytes, else E_INVAL).  tokens
 * (count of them) receive the tokens, which exist nowhere else afterwards.
 * E_NOTFOUND for a round not in the partnership; E_INVAL for a group
 * round (ROUND_GROUP), which holds only the group's agreed scores and so
 * takes no invitations; E_CONFLICT when the round
 * is closed (invitation_round_open); E_TOOBIG when the round would hold
 * more than INVITATION_ROUND_MAX links.  One transaction (or the
 * caller's), audited as "issue_invitations" on the round with the count
 * and group.
 */
enum err invitation_issue(struct db *db, const struct actor *who, int64_t partnership_id,
			  int64_t round_id, int count, const char *grp,
			  char (*tokens)[INVITATION_TOKEN_SIZE]);

/* How many of a round's links are in each state: how many have
 * responded, never who answered what. */
struct invitation_counts {
	int64_t issued;     /* every link ever issued */
	int64_t unused;     /* open, nothing saved yet */
	int64_t started;    /* open, answers saved */
	int64_t submitted;  /* pending ones included */
	int64_t pending;    /* submitted, waiting for a batch of k (or the close) */
	int64_t withdrawn;
};
enum err invitation_counts(struct db *db, int64_t partnership_id, int64_t round_id,
			   struct invitation_counts *out);

/*
 * Withdraws every link of the round not yet submitted (drafts are
 * dropped with them), so no more answers come through them; submitted
 * answers still pending are kept.  *n (may be NULL) gets how many.
 * E_NOTFOUND for a round not in the partnership.  Audited as
 * "withdraw_invitations" with the count, when there were any.
 */
enum err invitation_withdraw_open(struct db *db, const struct actor *who,
				  int64_t partnership_id, int64_t round_id, int64_t *n);

/* ---- the respondent's side ---- */

enum invitation_status { INVITATION_OPEN = 0, INVITATION_SUBMITTED, INVITATION_WITHDRAWN };

struct invitation {
	int64_t id;
	int64_t partnership_id;
	int64_t round_id;
	const char *grp;        /* or NULL */
	enum invitation_status status;
	const char *draft;      /* the answers saved so far (JSON), or NULL */
	const char *saved_on;   /* "YYYY-MM-DD" of the last save, or NULL */
};

/* 1 when token has the shape of an issued one (length and alphabet). */
bool invitation_token_valid(const char *token);
/*
 * The invitation a token opens: E_NOTFOUND for a token that is not one
 * (whatever its shape; nothing is looked up for a malformed one).
 */
enum err invitation_find(struct db *db, struct pool *pool, const char *token,
			 struct invitation *out);

/*
 * Whether round r takes answers on day ("YYYY-MM-DD"; NULL: today): 0
 * when open; else -1 before its opening day, 1 when closed or past its
 * closing day.
 */
int invitation_round_open(const struct round *r, const char *day);

/*
 * Saves a draft (at most INVITATION_DRAFT_MAX bytes, else E_TOOBIG) and
 * today as saved_on, for an invitation that is still open (E_CONFLICT
 * otherwise; E_NOTFOUND when there is none in the partnership).
 */
enum err invitation_save_draft(struct db *db, int64_t partnership_id, int64_t id,
			       const char *draft);

/*
 * Submits: in one transaction (or the caller's), marks the invitation
 * submitted, clears its day and keeps the answers, as
 * invitation_draft_encode writes them, as its pending draft; then
 * invitation_release(..., 0).  cells and comments (may be NULL) as
 * round.h's response_in, n the framework's number of standards; a range
 * is refused, since the form offers none.  E_CONFLICT when the invitation
 * is no longer open (submitted twice, withdrawn), its round is closed or
 * past its closing day, is a group round, or would then hold more than
 * ROUND_RESPONSES_MAX responses and pending answers (or more than
 * ROUND_COMMENTS_MAX comments); E_INVAL for answers the framework or the
 * store refuses.  Nothing is written unless all of it is.
 */
enum err invitation_submit(struct db *db, int64_t partnership_id, int64_t id,
			   const struct score *cells, const char *const *comments, size_t n);

/*
 * Releases the round's pending answers (submitted invitations whose
 * draft is kept), group by group (an invitation's group; none is a group
 * too): a group's answers are added once it has at least the
 * partnership's k of them, so every figure changes by at least k answers
 * at a time.  With force (closing the round): if the round has fewer than
 * k responses (its figures were never shown) everything pending is added;
 * otherwise groups with k or more are added and the rest are dropped
 * (their drafts cleared), since adding them would show them one by one.
 * Added answers become online responses with their group, in an order
 * shuffled by invitation_shuffle, their drafts cleared.  Takes the round's
 * lock (round_lock), in the caller's transaction or its own; not audited.
 * round_update calls it with force before it marks a round closed.
 * E_NOTFOUND for a round not in the partnership; response_add's errors.
 */
enum err invitation_release(struct db *db, int64_t partnership_id, int64_t round_id, int force);

/* A uniform integer in 0 .. upper - 1 (upper >= 1). */
typedef uint32_t (*invitation_random_fn)(uint32_t upper);
/*
 * Puts ids in a uniformly random order (Fisher-Yates) drawing from
 * uniform, or from libsodium's randombytes_uniform when it is NULL; a
 * fixed source makes the order testable.  n at most UINT32_MAX.
 */
void invitation_shuffle(int64_t *ids, size_t n, invitation_random_fn uniform);

/* ---- answers and drafts (pure) ---- */

/* A respondent's answers, in the framework's standard order: n cells
 * (SCORE_NONE: not answered) and n comments ("" for none). */
struct invitation_answers {
	size_t n;
	struct score *cells;
	const char **comments;
};

/* Empty answers for framework f, in the pool.  E_NOMEM. */
enum err invitation_answers_init(const struct framework *f, struct pool *pool,
				 struct invitation_answers *out);
/* How many standards have a score or "Don't know" (not comments). */
size_t invitation_answers_count(const struct invitation_answers *a);

/*
 * The draft text for answers: a JSON object {"scores": {"3": "3.5", ...},
 * "comments": {"3": "..."}} keyed by standard number, scores as
 * score_format writes them; unanswered standards are left out.  In the
 * pool; E_TOOBIG over INVITATION_DRAFT_MAX.
 */
enum err invitation_draft_encode(const struct framework *f, const struct invitation_answers *a,
				 struct pool *pool, const char **out);
/*
 * Answers from a draft (NULL: none) for framework f.  Forgiving, since a
 * draft was written by invitation_draft_encode: a standard the framework
 * lacks or a score its scale refuses is left unanswered.  E_INVAL only
 * when the text is not a JSON object (out is then empty answers).
 */
enum err invitation_draft_decode(const struct framework *f, const char *draft,
				 struct pool *pool, struct invitation_answers *out);

#endif
