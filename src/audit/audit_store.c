/*
 * audit_store.c: the SQL behind audit.h.
 *
 * audit_record() runs inside whatever transaction the writing store
 * function holds, so a record and its event commit or vanish together; it
 * opens none of its own.  Values are stored as compact JSON with sorted
 * keys, so the same record always serialises to the same text and two
 * events can be compared as text.  Actions and entities are closed lists:
 * a typo in a store function fails its test instead of writing an event no
 * filter will ever find.
 *
 * Reads are scoped by partnership_id = $1 always.  The filters are one
 * statement whose unused conditions are switched off by binding NULL
 * (prepared once, cached, never built from input); days compare as text
 * on the ISO prefix, which sorts as time on both backends.  The export
 * reads in pages by id rather than one result set, so memory stays bounded
 * however long the trail (libpq would otherwise hold the whole result).
 */
#include "audit/audit.h"

#include <string.h>
#include <time.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/clock.h"
#include "core/csv.h"
#include "core/pool.h"
#include "db/db.h"
#include "db/store.h"

#define JSON_TEXT_MAX (64u * 1024)
#define DEFAULT_PAGE 50
#define EXPORT_PAGE 500

const struct actor actor_cli = {0, "command line"};

static const char *const actions[] = {
	"create", "update", "retire", "reinstate", "disable", "enable", "reset_password",
	"change_password", "add_member", "remove_member", "create_token", "revoke_token",
	"add_response", "clear_responses", "share", "unshare", "issue_invitations",
	"withdraw_invitations",
};
static const char *const entities[] = {
	"partnership", "organisation", "area", "board", "board_member", "user", "api_token",
	"sa_framework", "sa_round", "sa_comment", "action",
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static int in_list(const char *const *list, size_t n, const char *s)
{
	for (size_t i = 0; s && i < n; i++)
		if (strcmp(list[i], s) == 0)
			return 1;
	return 0;
}

/* j as compact, key-sorted JSON in a heap string (NULL for NULL). */
static enum err dump(const json_t *j, char **out)
{
	const size_t flags = JSON_COMPACT | JSON_SORT_KEYS;
	*out = NULL;
	if (!j)
		return E_OK;
	if (!json_is_object(j))
		return E_INVAL;
	size_t n = json_dumpb(j, NULL, 0, flags);
	if (n == 0)
		return E_INVAL;
	if (n > JSON_TEXT_MAX)
		return E_TOOBIG;
	*out = xmalloc(n + 1);
	if (!*out)
		return E_NOMEM;
	if (json_dumpb(j, *out, n, flags) != n) {
		xfree(*out);
		*out = NULL;
		return E_INVAL;
	}
	(*out)[n] = '\0';
	return E_OK;
}

enum err audit_record(struct db *db, const struct actor *who, int64_t partnership_id,
		      const char *action, const char *entity, int64_t entity_id,
		      const json_t *before, const json_t *after)
{
	struct db_stmt *st = NULL;
	char *bj = NULL, *aj = NULL;
	char now[CLOCK_ISO_SIZE];
	enum err rc = E_INVAL;
	if (!who || !who->label || !in_list(actions, NELEM(actions), action) ||
	    !in_list(entities, NELEM(entities), entity))
		goto out;
	if ((rc = dump(before, &bj)) || (rc = dump(after, &aj)))
		goto out;
	clock_iso_now(now);
	rc = db_prepare(db,
		"INSERT INTO audit_event (partnership_id, at, actor_user_id, actor, action,"
		" entity, entity_id, before_json, after_json)"
		" VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)", &st);
	if (rc)
		goto out;
	if ((rc = store_bind_opt(st, 1, partnership_id)) || (rc = db_bind_text(st, 2, now)) ||
	    (rc = store_bind_opt(st, 3, who->user_id)) || (rc = db_bind_text(st, 4, who->label)) ||
	    (rc = db_bind_text(st, 5, action)) || (rc = db_bind_text(st, 6, entity)) ||
	    (rc = store_bind_opt(st, 7, entity_id)) || (rc = db_bind_text(st, 8, bj)) ||
	    (rc = db_bind_text(st, 9, aj)))
		goto out;
	rc = store_step_done(st);
out:
	db_finish(st);
	xfree(bj);
	xfree(aj);
	return rc;
}

/*
 * "YYYY-MM-DD" that names a real day: the ISO prefix of that day (*from)
 * and of the day after (*next).  Checked by round trip through timegm(),
 * which normalises 2026-02-30 into March.
 */
static enum err day_bounds(const char *s, char from[11], char next[11])
{
	static const char shape[] = "dddd-dd-dd";
	if (strlen(s) != 10)
		return E_INVAL;
	for (int i = 0; i < 10; i++)
		if (shape[i] == 'd' ? !(s[i] >= '0' && s[i] <= '9') : s[i] != '-')
			return E_INVAL;
	struct tm tm = {0};
	tm.tm_year = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0') - 1900;
	tm.tm_mon = (s[5] - '0') * 10 + (s[6] - '0') - 1;
	tm.tm_mday = (s[8] - '0') * 10 + (s[9] - '0');
	/* Four-digit years both ways, so the day after stays one too. */
	if (tm.tm_year + 1900 < 1000 || tm.tm_year + 1900 > 9998)
		return E_INVAL;
	time_t t = timegm(&tm);
	char iso[CLOCK_ISO_SIZE];
	clock_iso((int64_t)t, iso);
	if (memcmp(iso, s, 10) != 0)
		return E_INVAL;
	memcpy(from, s, 10);
	from[10] = '\0';
	clock_iso((int64_t)t + 86400, iso);
	memcpy(next, iso, 10);
	next[10] = '\0';
	return E_OK;
}

static const char *nonempty(const char *s)
{
	return s && *s ? s : NULL;
}

#define EVENT_COLUMNS \
	"id, at, actor_user_id, actor, action, entity, entity_id, before_json, after_json"

static enum err read_event(struct db_stmt *st, struct pool *pool, void *row)
{
	struct audit_event *e = row;
	enum err rc;
	e->id = db_col_i64(st, 0);
	e->actor_user_id = store_col_opt(st, 2);
	e->entity_id = store_col_opt(st, 6);
	if ((rc = store_col_str(st, 1, pool, &e->at)) ||
	    (rc = store_col_str(st, 3, pool, &e->actor)) ||
	    (rc = store_col_str(st, 4, pool, &e->action)) ||
	    (rc = store_col_str(st, 5, pool, &e->entity)) ||
	    (rc = store_col_str(st, 7, pool, &e->before)) ||
	    (rc = store_col_str(st, 8, pool, &e->after)))
		return rc;
	return E_OK;
}

enum err audit_list(struct db *db, struct pool *pool, int64_t partnership_id,
		    const struct audit_filter *f, struct audit_event **out, size_t *n,
		    int *more)
{
	static const struct audit_filter none = {0};
	struct db_stmt *st = NULL;
	char from[11], to[11], skip[11];
	const char *from_p = NULL, *to_p = NULL;
	void *rows = NULL;
	enum err rc;
	*out = NULL;
	*n = 0;
	*more = 0;
	if (!f)
		f = &none;
	size_t limit = f->limit ? f->limit : DEFAULT_PAGE;
	if (limit > AUDIT_PAGE_MAX)
		limit = AUDIT_PAGE_MAX;
	if (nonempty(f->from_day)) {
		if ((rc = day_bounds(f->from_day, from, skip)))
			goto out;
		from_p = from;
	}
	if (nonempty(f->to_day)) {
		if ((rc = day_bounds(f->to_day, skip, to)))
			goto out;
		to_p = to;
	}
	/* A NULL parameter switches its condition off. */
	rc = db_prepare(db,
		"SELECT " EVENT_COLUMNS " FROM audit_event"
		" WHERE partnership_id = $1"
		" AND (CAST($2 AS TEXT) IS NULL OR entity = $2)"
		" AND (CAST($3 AS TEXT) IS NULL OR action = $3)"
		" AND (CAST($4 AS TEXT) IS NULL OR actor = $4)"
		" AND (CAST($5 AS TEXT) IS NULL OR at >= $5)"
		" AND (CAST($6 AS TEXT) IS NULL OR at < $6)"
		" AND (CAST($7 AS BIGINT) IS NULL OR entity_id = $7)"
		" AND (CAST($8 AS BIGINT) IS NULL OR id < $8)"
		" ORDER BY id DESC LIMIT $9", &st);
	if (rc)
		goto out;
	if ((rc = db_bind_i64(st, 1, partnership_id)) ||
	    (rc = db_bind_text(st, 2, nonempty(f->entity))) ||
	    (rc = db_bind_text(st, 3, nonempty(f->action))) ||
	    (rc = db_bind_text(st, 4, nonempty(f->actor))) || (rc = db_bind_text(st, 5, from_p)) ||
	    (rc = db_bind_text(st, 6, to_p)) || (rc = store_bind_opt(st, 7, f->entity_id)) ||
	    (rc = store_bind_opt(st, 8, f->before_id)) ||
	    (rc = db_bind_i64(st, 9, (int64_t)limit + 1)))
		goto out;
	/* The row past the page only says that there are more. */
	if ((rc = store_read_rows(st, pool, sizeof **out, limit + 1, read_event, &rows, n)))
		goto out;
	*out = rows;
	if (*n > limit) {
		*n = limit;
		*more = 1;
	}
out:
	db_finish(st);
	if (rc) {
		*out = NULL;
		*n = 0;
		*more = 0;
	}
	return rc;
}

static void write_id(struct buf *b, int64_t v)
{
	if (v)
		buf_put_i64(b, v);
}

enum err audit_export_csv(struct db *db, int64_t partnership_id, FILE *out)
{
	struct db_stmt *st = NULL;
	struct buf line;
	int64_t after = 0;
	enum err rc = E_OK;
	/* Two JSON texts at 64 KiB, every character a doubled quote at worst. */
	buf_init(&line, 4 * JSON_TEXT_MAX + 4096);
	if (fputs("id,at,actor,action,entity,entity_id,before,after\r\n", out) == EOF) {
		rc = E_IO;
		goto out;
	}
	for (;;) {
		size_t got = 0;
		rc = db_prepare(db,
			"SELECT " EVENT_COLUMNS " FROM audit_event"
			" WHERE partnership_id = $1 AND id > $2 ORDER BY id LIMIT $3", &st);
		if (rc)
			goto out;
		if ((rc = db_bind_i64(st, 1, partnership_id)) || (rc = db_bind_i64(st, 2, after)) ||
		    (rc = db_bind_i64(st, 3, EXPORT_PAGE)))
			goto out;
		while (store_next(st, &rc)) {
			got++;
			after = db_col_i64(st, 0);
			buf_reset(&line);
			buf_put_i64(&line, after);
			buf_putc(&line, ',');
			csv_write_field(&line, db_col_text(st, 1));
			buf_putc(&line, ',');
			csv_write_field(&line, db_col_text(st, 3));
			buf_putc(&line, ',');
			csv_write_field(&line, db_col_text(st, 4));
			buf_putc(&line, ',');
			csv_write_field(&line, db_col_text(st, 5));
			buf_putc(&line, ',');
			write_id(&line, store_col_opt(st, 6));
			buf_putc(&line, ',');
			csv_write_field(&line, db_col_text(st, 7));
			buf_putc(&line, ',');
			csv_write_field(&line, db_col_text(st, 8));
			buf_puts(&line, "\r\n");
			if (line.failed) {
				rc = E_NOMEM;
				goto out;
			}
			if (fwrite(line.data, 1, line.len, out) != line.len) {
				rc = E_IO;
				goto out;
			}
		}
		if (rc)
			goto out;
		db_finish(st);
		st = NULL;
		if (got < EXPORT_PAGE)
			break;
	}
	if (fflush(out) != 0)
		rc = E_IO;
out:
	db_finish(st);
	buf_free(&line);
	return rc;
}
