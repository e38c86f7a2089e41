/*
 * fuzz_invitation_draft.c: a respondent's saved draft read back
 * (selfanalysis/invitation.h).  Drafts are written by jcs itself, but one
 * that cannot be read must never crash the page or lock a respondent out,
 * so beyond "did not crash" this checks that whatever is read holds only
 * answers the form offers (a point of the scale, a half point where
 * allowed, "Don't know" where allowed), comments are always text, and
 * what is read writes back and reads again to the same answers.  The
 * first byte picks the framework, so both scales are reached.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/pool.h"
#include "selfanalysis/framework.h"
#include "selfanalysis/invitation.h"
#include "selfanalysis/round.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* The frameworks are parsed once: they never change. */
	static struct pool fw_pool;
	static struct framework fws[2];
	static int ready;
	struct pool pool;
	struct scale sc;
	struct invitation_answers a, b;
	const char *text = NULL;

	if (size == 0 || size > 65536)
		return 0;
	if (!ready) {
		pool_init(&fw_pool, 4u << 20);
		if (framework_builtin("csp-2009-12", &fw_pool, &fws[0]) != E_OK ||
		    framework_builtin("csp-2009-13", &fw_pool, &fws[1]) != E_OK)
			abort();
		ready = 1;
	}
	const struct framework f = fws[data[0] & 1];
	framework_scale(&f, &sc);
	pool_init(&pool, 4u << 20);
	char *draft = pool_strndup(&pool, (const char *)data + 1, size - 1);
	if (!draft)
		abort();
	enum err rc = invitation_draft_decode(&f, draft, &pool, &a);
	if (rc != E_OK && rc != E_INVAL)
		abort();
	if (a.n != f.n_standards)
		abort();
	for (size_t i = 0; i < a.n; i++) {
		const struct score *s = &a.cells[i];
		if (!a.comments[i] || s->kind == SCORE_RANGE)
			abort();
		if (s->kind == SCORE_VALUE &&
		    (s->lo != s->hi || s->lo < 2 * sc.min || s->hi > 2 * sc.max ||
		     (!sc.half_points_allowed && s->lo % 2 != 0)))
			abort();
		if (s->kind == SCORE_DONT_KNOW && !sc.dont_know_allowed)
			abort();
		if (rc == E_INVAL && (s->kind != SCORE_NONE || *a.comments[i]))
			abort();
	}
	/* What was read writes back to the same answers (a comment that is
	 * not UTF-8 cannot be written: JSON text always is, so none is). */
	if (invitation_draft_encode(&f, &a, &pool, &text) != E_OK)
		abort();
	if (invitation_draft_decode(&f, text, &pool, &b) != E_OK || b.n != a.n)
		abort();
	for (size_t i = 0; i < a.n; i++)
		if (memcmp(&a.cells[i], &b.cells[i], sizeof a.cells[i]) != 0 ||
		    strcmp(a.comments[i], b.comments[i]) != 0)
			abort();
	pool_free(&pool);
	return 0;
}
