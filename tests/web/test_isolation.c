/*
 * test_isolation.c: one partnership can never see or change another's
 * records, through any route.
 *
 * The route table is the source: every route in app_routes[] is requested
 * by every role of one partnership, with the other partnership's record ids
 * in its captures and in every form field that names a record.  A route
 * added later joins automatically; a capture under a path prefix this test
 * does not know fails the test, so nobody can add one without saying which
 * record it names.
 *
 * For each request:
 *   - nothing of the other partnership appears in the body (every one of
 *     its names carries a marker word);
 *   - a route naming another partnership's record answers exactly as it
 *     does for an id that does not exist (404, or the 403 its role gets
 *     anyway), so the answer never confirms the record exists;
 *   - the same route with the user's own record in the URL but the other
 *     partnership's ids in the form (a parent, a board, an organisation)
 *     may succeed or fail, but never reaches the other partnership;
 * and after all of them the other partnership's rows, sessions and audit
 * trail are byte-for-byte what they were.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "action/action.h"
#include "audit/audit.h"
#include "auth/token.h"
#include "auth/user.h"
#include "core/buf.h"
#include "db/db.h"
#include "partnership/area.h"
#include "partnership/board.h"
#include "partnership/partnership.h"
#include "selfanalysis/round.h"
#include "support/testapp.h"

static struct testapp t;

/* One partnership's records, as the other side will aim at them. */
struct side {
	int64_t pid;
	const char *marker;      /* in every name of this partnership */
	int64_t org, area, board, member, user, token;
	int64_t round, comment, action; /* a self-analysis round, a comment on it, an action */
	/* user and token belong to a spare viewer who never makes requests,
	 * so a route that disables or resets them cannot end a session the
	 * run still needs. */
	struct testuser users[ROLE_COUNT];
};

static struct side a, b;
static struct testuser national;

static const enum role partnership_roles[] = {
	ROLE_ADMIN, ROLE_COMMISSIONER, ROLE_ANALYST, ROLE_BOARD_MEMBER, ROLE_PROVIDER, ROLE_VIEWER,
};
#define NROLES (sizeof partnership_roles / sizeof partnership_roles[0])

static void fill_side(struct side *s, int64_t pid, const char *marker)
{
	struct db *db = app_db(&t.app);
	char name[128];
	s->pid = pid;
	s->marker = marker;
	snprintf(name, sizeof name, "%s Health Trust", marker);
	assert_int_equal(organisation_add(db, &actor_cli, pid, name, "nhs", "both", NULL, &s->org), E_OK);
	snprintf(name, sizeof name, "%s County", marker);
	assert_int_equal(area_add(db, &actor_cli, pid, name, "county", 0, 1000, 2, &s->area), E_OK);
	snprintf(name, sizeof name, "%s Board", marker);
	assert_int_equal(board_add(db, &actor_cli, pid, name, "trust_board", "Purpose", 0, 0, &s->board), E_OK);
	snprintf(name, sizeof name, "%s Chair", marker);
	assert_int_equal(board_member_add(db, &actor_cli, pid, s->board, s->org, name, &s->member), E_OK);
	for (size_t i = 0; i < NROLES; i++)
		testapp_user(&t, pid, partnership_roles[i], &s->users[partnership_roles[i]]);
	struct testuser spare;
	testapp_user(&t, pid, ROLE_VIEWER, &spare);
	s->user = spare.id;
	char tok[TOKEN_SIZE];
	assert_int_equal(token_create(db, &actor_cli, s->user, "script", tok, &s->token), E_OK);

	snprintf(name, sizeof name, "%s Round", marker);
	struct round r = {.framework = "csp-2009-12", .name = name, .mode = ROUND_INTERVIEWS};
	assert_int_equal(round_add(db, &actor_cli, pid, &r, &s->round), E_OK);
	struct score cells[12];
	const char *comments[12] = {0};
	char comment[128];
	snprintf(comment, sizeof comment, "%s comment", marker);
	for (size_t i = 0; i < 12; i++)
		cells[i] = (struct score){SCORE_VALUE, 6, 6};
	comments[0] = comment;
	struct response_in in = {.respondent = "1", .source = RESPONSE_IMPORT, .cells = cells,
				 .comments = comments, .n = 12};
	assert_int_equal(response_add(db, &actor_cli, pid, s->round, &in), E_OK);
	struct db_stmt *st;
	assert_int_equal(db_prepare(db, "SELECT id FROM sa_comment WHERE round_id = $1", &st), E_OK);
	db_bind_i64(st, 1, s->round);
	assert_int_equal(db_step(st), DB_ROW);
	s->comment = db_col_i64(st, 0);
	db_finish(st);
	snprintf(name, sizeof name, "%s Action", marker);
	struct action_link link = {.kind = ACTION_LINK_SA_STANDARD, .ref_id = s->round,
				   .ref_key = "outcomes"};
	struct action_item act = {.title = name, .owner_id = s->org, .lead = "", .links = &link,
				  .n_links = 1};
	assert_int_equal(action_add(db, &actor_cli, pid, &act, &s->action), E_OK);
}

static int setup(void **state)
{
	(void)state;
	testapp_start(&t, NULL, 0);
	int64_t other;
	assert_int_equal(partnership_create(app_db(&t.app), &actor_cli, "zanzibar", "Zanzibar Trust", &other), E_OK);
	fill_side(&a, t.partnership_id, "Oxfordshire");
	fill_side(&b, other, "Zanzibar");
	testapp_user(&t, 0, ROLE_NATIONAL, &national);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	testapp_stop(&t);
	return 0;
}

/*
 * Everything a partnership owns, as text: rows of every table with a
 * partnership, its users (with their password hashes), their sessions and
 * tokens, and its audit trail.  Any change shows as a difference.
 */
static const char *const snapshot_sql[] = {
	"SELECT id, name, type, role, coalesce(identifier,''), coalesce(retired_at,'') FROM organisation WHERE partnership_id = $1 ORDER BY id",
	"SELECT id, name, type, coalesce(parent_id,0), coalesce(population_0_19,-1), coalesce(imd_decile,0), coalesce(retired_at,'') FROM area WHERE partnership_id = $1 ORDER BY id",
	"SELECT id, name, kind, purpose, coalesce(reports_to_id,0), coalesce(area_id,0), coalesce(retired_at,'') FROM board WHERE partnership_id = $1 ORDER BY id",
	"SELECT id, board_id, organisation_id, position, coalesce(retired_at,'') FROM board_member WHERE partnership_id = $1 ORDER BY id",
	"SELECT id, email, name, role, coalesce(organisation_id,0), password_hash, must_change_password, coalesce(disabled_at,'') FROM app_user WHERE partnership_id = $1 ORDER BY id",
	"SELECT s.id_hash, s.csrf_token, s.created_at FROM session s JOIN app_user u ON u.id = s.user_id WHERE u.partnership_id = $1 ORDER BY s.id_hash",
	"SELECT k.id, k.token_hash, coalesce(k.revoked_at,'') FROM api_token k JOIN app_user u ON u.id = k.user_id WHERE u.partnership_id = $1 ORDER BY k.id",
	"SELECT id, action, entity, coalesce(entity_id,0), coalesce(before_json,''), coalesce(after_json,'') FROM audit_event WHERE partnership_id = $1 ORDER BY id",
	"SELECT id, slug, name, anonymity_k FROM partnership WHERE id = $1",
	"SELECT id, code, title, json FROM sa_framework WHERE partnership_id = $1 ORDER BY id",
	"SELECT id, framework, name, mode, coalesce(opens_on,''), coalesce(closes_on,''), status, key_messages, coalesce(shared_at,'') FROM sa_round WHERE partnership_id = $1 ORDER BY id",
	"SELECT round_id, standard, stated FROM sa_stated WHERE partnership_id = $1 ORDER BY round_id, standard",
	"SELECT id, round_id, coalesce(respondent,''), coalesce(grp,''), source, submitted_on FROM sa_response WHERE partnership_id = $1 ORDER BY id",
	"SELECT response_id, standard, kind, lo, hi FROM sa_score WHERE partnership_id = $1 ORDER BY response_id, standard",
	"SELECT id, round_id, standard, body, selected FROM sa_comment WHERE partnership_id = $1 ORDER BY id",
	"SELECT id, round_id, token_hash, coalesce(grp,''), status, coalesce(draft,''), coalesce(saved_on,'') FROM sa_invitation WHERE partnership_id = $1 ORDER BY id",
	"SELECT round_id, framework, standard_key, n, mean_x1000, shared_on FROM sa_benchmark WHERE partnership_id = $1 ORDER BY round_id, standard_key",
	"SELECT id, title, coalesce(owner_organisation_id,0), lead, coalesce(due_on,''), status FROM action WHERE partnership_id = $1 ORDER BY id",
	"SELECT action_id, kind, ref_id, ref_key FROM action_link WHERE partnership_id = $1 ORDER BY action_id, kind, ref_id, ref_key",
};

static char *snapshot(int64_t pid)
{
	struct db *db = app_db(&t.app);
	struct buf out;
	buf_init(&out, 64u << 20);
	for (size_t q = 0; q < sizeof snapshot_sql / sizeof snapshot_sql[0]; q++) {
		struct db_stmt *st;
		assert_int_equal(db_prepare(db, snapshot_sql[q], &st), E_OK);
		db_bind_i64(st, 1, pid);
		int r, cols = 0;
		/* Column counts are known from the SQL text: count the commas. */
		for (const char *c = snapshot_sql[q]; *c && strncmp(c, " FROM ", 6); c++)
			cols += *c == ',';
		cols += 1;
		while ((r = db_step(st)) == DB_ROW) {
			for (int c = 0; c < cols; c++) {
				const char *v = db_col_text(st, c);
				buf_printf(&out, "%s|", v ? v : "NULL");
			}
			buf_puts(&out, "\n");
		}
		assert_int_equal(r, DB_DONE);
		db_finish(st);
		buf_puts(&out, "--\n");
	}
	assert_false(out.failed);
	return out.data;
}

/* The victim's id for a capture of this route, or 0 when the test does not
 * know the kind of record (the test then fails, naming the route). */
static int64_t victim_id(const struct side *v, const char *pattern, const char *capture)
{
	if (strcmp(capture, "member") == 0)
		return v->member;
	if (strncmp(pattern, "/organisations/", 15) == 0)
		return v->org;
	if (strncmp(pattern, "/areas/", 7) == 0)
		return v->area;
	if (strncmp(pattern, "/boards/", 8) == 0)
		return v->board;
	if (strncmp(pattern, "/users/", 7) == 0)
		return v->user;
	if (strncmp(pattern, "/account/tokens/", 16) == 0)
		return v->token;
	if (strcmp(capture, "round") == 0)
		return v->round;
	if (strcmp(capture, "comment") == 0)
		return v->comment;
	if (strcmp(capture, "action") == 0)
		return v->action;
	return 0;
}

/* The route's pattern with its captures filled: ids from victim, or the
 * id no record has when victim is NULL.  *has_id says whether it names a
 * record. */
static char *fill_pattern(const struct route *r, const struct side *victim, int *has_id)
{
	static char out[512];
	size_t o = 0;
	*has_id = 0;
	for (const char *p = r->pattern; *p;) {
		if (*p != '{') {
			out[o++] = *p++;
			continue;
		}
		const char *end = strchr(p, '}');
		char cap[64];
		snprintf(cap, sizeof cap, "%.*s", (int)(end - p - 1), p + 1);
		p = end + 1;
		if (cap[strlen(cap) - 1] == '*') {
			o += (size_t)snprintf(out + o, sizeof out - o, "app.css");
			continue;
		}
		int64_t id = victim_id(victim ? victim : &b, r->pattern, cap);
		if (!id)
			fail_msg("test_isolation does not know which record {%s} names in %s: add it to victim_id()",
				 cap, r->pattern);
		*has_id = 1;
		o += (size_t)snprintf(out + o, sizeof out - o, "%lld", victim ? (long long)id : 987654321LL);
	}
	out[o] = 0;
	return out;
}

/* A form naming the victim's records in every field a form might use to
 * point at one, with values that would change things if accepted. */
static char *hostile_form(const struct side *v)
{
	static char f[2048];
	snprintf(f, sizeof f,
		 "name=Hijacked&type=nhs&role=both&kind=other&purpose=x&position=Chair"
		 "&identifier=1&email=hijack%lld%%40example.com&new_password=averylongpassword9"
		 "&confirm_password=averylongpassword9&current_password=x"
		 "&parent_id=%lld&parent=%lld&reports_to_id=%lld&reports_to=%lld&area_id=%lld&area=%lld"
		 "&organisation_id=%lld&organisation=%lld&board_id=%lld&user_id=%lld&id=%lld"
		 "&round=%lld&round_id=%lld&round_to_add=%lld&with=%lld&owner=%lld&comment=%lld"
		 "&title=Hijacked&framework=csp-2009-12&mode=group&count=1&anonymity_k=3&selected=1"
		 "&standard=outcomes&status=done&lead=x&key_messages=x",
		 (long long)v->pid, (long long)v->area, (long long)v->area, (long long)v->board,
		 (long long)v->board, (long long)v->area, (long long)v->area, (long long)v->org,
		 (long long)v->org, (long long)v->board, (long long)v->user, (long long)v->org,
		 (long long)v->round, (long long)v->round, (long long)v->round, (long long)v->round,
		 (long long)v->org, (long long)v->comment);
	return f;
}

/* The query a GET carries: the victim's records where pages take a record
 * from the query string (?round= to pre-fill an action, ?with= to compare). */
static const char *hostile_query(const struct side *v)
{
	static char q[256];
	snprintf(q, sizeof q, "?round=%lld&with=%lld&standard=outcomes&status=done", (long long)v->round,
		 (long long)v->round);
	return q;
}

static void check_body_clean(const struct texchange *ex, const struct side *victim,
			     const char *who, const char *method, const char *path)
{
	const char *body = texchange_body(ex);
	if (strstr(body, victim->marker))
		fail_msg("%s %s %s as %s shows the other partnership's '%s'", method, path,
			 "(body)", who, victim->marker);
	for (size_t i = 0; i < ex->res.nheaders; i++)
		if (strstr(ex->res.headers[i].value, victim->marker))
			fail_msg("%s %s as %s: header %s names the other partnership", method, path, who,
				 ex->res.headers[i].name);
}

/* Every route, as each user in users (of partnership own, NULL for the
 * national role), against victim. */
static void attack(const struct testuser *const *users, size_t nusers, const struct side *own,
		   const struct side *victim)
{
	char *before = snapshot(victim->pid);
	for (size_t ui = 0; ui < nusers; ui++) {
		const struct testuser *u = users[ui];
		const char *who = role_code(u->role);
		for (size_t i = 0; i < app_routes_count; i++) {
			const struct route *r = &app_routes[i];
			/* Signing out would end the session the rest of the run uses. */
			if (strcmp(r->pattern, "/logout") == 0)
				continue;
			int has_id;
			char path[512], missing[512];
			const char *form = strcmp(r->method, "GET") ? hostile_form(victim) : NULL;
			const char *query = form ? "" : hostile_query(victim);
			snprintf(path, sizeof path, "%s%s", fill_pattern(r, victim, &has_id), query);
			snprintf(missing, sizeof missing, "%s%s", fill_pattern(r, NULL, &has_id), query);
			struct texchange *ex = testapp_run(&t, u, r->method, path, form);
			int status = ex->res.status;
			check_body_clean(ex, victim, who, r->method, path);
			texchange_free(ex);
			if (!has_id)
				continue;
			struct texchange *ex2 = testapp_run(&t, u, r->method, missing, form);
			int status_missing = ex2->res.status;
			texchange_free(ex2);
			if (status != status_missing || (status != 404 && status != 403))
				fail_msg("%s %s as %s: %d for the other partnership's record, %d for none "
					 "(both must be 404, or the same 403)", r->method, path, who, status,
					 status_missing);
			if (!own)
				continue;
			char mine[512];
			snprintf(mine, sizeof mine, "%s%s", fill_pattern(r, own, &has_id), query);
			struct texchange *ex3 = testapp_run(&t, u, r->method, mine, form);
			check_body_clean(ex3, victim, who, r->method, mine);
			texchange_free(ex3);
		}
	}
	char *after = snapshot(victim->pid);
	if (strcmp(before, after) != 0)
		fail_msg("the other partnership's records changed:\nbefore:\n%s\nafter:\n%s", before, after);
	free(before);
	free(after);
}

static void test_partnership_a_cannot_reach_b(void **state)
{
	(void)state;
	const struct testuser *users[NROLES];
	for (size_t i = 0; i < NROLES; i++)
		users[i] = &a.users[partnership_roles[i]];
	attack(users, NROLES, &a, &b);
}

static void test_partnership_b_cannot_reach_a(void **state)
{
	(void)state;
	const struct testuser *users[NROLES];
	for (size_t i = 0; i < NROLES; i++)
		users[i] = &b.users[partnership_roles[i]];
	attack(users, NROLES, &b, &a);
}

static void test_national_role_reaches_no_partnership(void **state)
{
	(void)state;
	const struct testuser *users[] = {&national};
	attack(users, 1, NULL, &a);
	attack(users, 1, NULL, &b);
}

/* Not signed in: every route that is not public sends people to sign in
 * (pages) or answers 401 (API); none answers with content. */
static void test_signed_out_reaches_nothing(void **state)
{
	(void)state;
	char *before_a = snapshot(a.pid), *before_b = snapshot(b.pid);
	for (size_t i = 0; i < app_routes_count; i++) {
		const struct route *r = &app_routes[i];
		int has_id;
		char path[512];
		snprintf(path, sizeof path, "%s", fill_pattern(r, &b, &has_id));
		const char *form = strcmp(r->method, "GET") ? hostile_form(&b) : NULL;
		struct texchange *ex = testapp_run(&t, NULL, r->method, path, form);
		int st = ex->res.status;
		check_body_clean(ex, &b, "nobody", r->method, path);
		check_body_clean(ex, &a, "nobody", r->method, path);
		if (r->access != ACCESS_PUBLIC && r->access != ACCESS_OPTIONAL) {
			int ok = strncmp(r->pattern, "/api/", 5) == 0 ? st == 401
				 : strcmp(r->method, "GET") == 0 ? st == 303 : st == 403;
			if (!ok)
				fail_msg("%s %s signed out: %d", r->method, path, st);
		}
		texchange_free(ex);
	}
	char *after_a = snapshot(a.pid), *after_b = snapshot(b.pid);
	assert_string_equal(before_a, after_a);
	assert_string_equal(before_b, after_b);
	free(before_a);
	free(before_b);
	free(after_a);
	free(after_b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_partnership_a_cannot_reach_b),
		cmocka_unit_test(test_partnership_b_cannot_reach_a),
		cmocka_unit_test(test_national_role_reaches_no_partnership),
		cmocka_unit_test(test_signed_out_reaches_nothing),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
