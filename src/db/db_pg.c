/*
 * db_pg.c: the PostgreSQL backend (libpq).
 *
 * Each cached statement is a server-side prepared statement with its own
 * name ("s1", "s2", ... per connection), parsed once per connection; after
 * that a request costs one round trip (PQexecPrepared).  The number of
 * parameters comes from the server (PQdescribePrepared), so binding a
 * parameter the statement does not have fails here as it does on SQLite.
 * Values travel as text: an int64 as its decimal digits, which PostgreSQL
 * converts to the parameter's inferred type.
 *
 * db_step() executes on its first call and then walks the PGresult's rows.
 * The whole result is held in memory, which is why every list query in the
 * stores carries a bound on its size.
 *
 * Prepared statements outlive transactions on PostgreSQL (a ROLLBACK does
 * not unprepare them), so the cache stays valid across errors.  A statement
 * evicted while its transaction is failed cannot be DEALLOCATEd (the server
 * refuses every command but ROLLBACK); it stays on the server until the
 * connection closes, which is harmless since names are never reused.
 *
 * A lost connection (a server restart, a failover) is re-made on the next
 * call, and cached statements are prepared again on the new session when
 * next used (each remembers the session generation it was prepared in).
 * The call that finds the connection broken fails; so does everything
 * after a loss in the middle of a transaction, until db_rollback(): the
 * server has already thrown the transaction away, and carrying on in
 * autocommit would commit half of it.
 *
 * The connection URL may carry a password.  No error message from here ever
 * contains it: libpq quotes parts of a malformed URL back, so the message is
 * scrubbed of the password before anyone sees it.
 */
#include <inttypes.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/hex.h"
#include "db/db_impl.h"

struct pg_db {
	struct db base;
	PGconn *conn;
	unsigned next_id;    /* for statement names */
	unsigned generation; /* counts sessions: bumped on every reconnect */
	/* The transaction state last seen while connected. */
	PGTransactionStatusType last_tx;
	int lost_tx;         /* connection lost inside a transaction */
};

struct pg_stmt {
	struct db_stmt base;
	char name[24];
	unsigned generation; /* the session it is prepared in */
	int nparams;
	const char **values; /* what PQexecPrepared sends; NULL is SQL NULL */
	char **owned;        /* copies of bound text, freed on rebind and reset */
	char (*nums)[24];    /* decimal text of bound integers */
	PGresult *res;
	int executed;
	enum err err;        /* the execution's error, repeated by later steps */
	int row, nrows;
};

static PGconn *conn_of(struct db *db) { return ((struct pg_db *)db)->conn; }
static struct pg_db *pdb(struct db *db) { return (struct pg_db *)db; }
static struct pg_stmt *pst(struct db_stmt *st) { return (struct pg_stmt *)st; }

static enum err map_sqlstate(const char *state)
{
	if (!state)
		return E_DB;
	if (strcmp(state, "23505") == 0) /* unique_violation */
		return E_CONFLICT;
	/* not_null, foreign_key and check violations: the caller's input. */
	if (strcmp(state, "23502") == 0 || strcmp(state, "23503") == 0 ||
	    strcmp(state, "23514") == 0)
		return E_INVAL;
	if (strcmp(state, "22003") == 0) /* numeric_value_out_of_range */
		return E_RANGE;
	if (strncmp(state, "22", 2) == 0) /* other data exceptions */
		return E_INVAL;
	if (strcmp(state, "53200") == 0) /* out_of_memory */
		return E_NOMEM;
	return E_DB;
}

/* Record res's error (or the connection's) as one line; return its enum err. */
static enum err fail_result(struct db *db, const PGresult *res)
{
	const char *primary = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
	const char *detail = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_DETAIL) : NULL;
	if (primary) {
		char line[512];
		snprintf(line, sizeof line, "%s%s%s", primary, detail ? ": " : "",
		         detail ? detail : "");
		db_set_error(db, line);
	} else {
		/* Not from the server (a lost connection): libpq's own text. */
		const char *msg = PQerrorMessage(conn_of(db));
		size_t n = strcspn(msg, "\n");
		char line[512];
		snprintf(line, sizeof line, "%.*s", (int)n, msg);
		db_set_error(db, line);
	}
	return map_sqlstate(res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL);
}

static void note_tx(struct pg_db *d)
{
	PGTransactionStatusType t = PQtransactionStatus(d->conn);
	if (t != PQTRANS_UNKNOWN)
		d->last_tx = t;
}

/* Make sure there is a usable session before talking to the server. */
static enum err ready(struct db *db)
{
	struct pg_db *d = pdb(db);
	if (d->lost_tx) {
		db_set_error(db, "the connection to PostgreSQL was lost during a transaction;"
		                 " it must be rolled back");
		return E_DB;
	}
	if (PQstatus(d->conn) == CONNECTION_OK)
		return E_OK;
	int was_in_tx = d->last_tx == PQTRANS_INTRANS || d->last_tx == PQTRANS_INERROR;
	PQreset(d->conn);
	if (PQstatus(d->conn) != CONNECTION_OK) {
		const char *msg = PQerrorMessage(d->conn);
		char line[512];
		snprintf(line, sizeof line, "lost the connection to PostgreSQL: %.*s",
		         (int)strcspn(msg, "\n"), msg);
		db_set_error(db, line);
		return E_DB;
	}
	d->generation++;
	d->last_tx = PQTRANS_IDLE;
	PQclear(PQexec(d->conn, "SET client_min_messages = warning"));
	if (was_in_tx) {
		d->lost_tx = 1;
		return ready(db);
	}
	return E_OK;
}

static void pg_close(struct db *db)
{
	PQfinish(conn_of(db));
	xfree(db);
}

static enum err pg_exec(struct db *db, const char *sql)
{
	enum err rc = ready(db);
	if (rc)
		return rc;
	PGresult *res = PQexec(conn_of(db), sql);
	note_tx(pdb(db));
	ExecStatusType t = PQresultStatus(res);
	if (t != PGRES_COMMAND_OK && t != PGRES_TUPLES_OK && t != PGRES_EMPTY_QUERY)
		rc = fail_result(db, res);
	PQclear(res);
	return rc;
}

/* A session that died mid-transaction still counts as in one until it is
 * rolled back, so the caller's rollback is not skipped as a no-op. */
static int lost_mid_transaction(struct pg_db *d)
{
	return d->lost_tx || (PQstatus(d->conn) != CONNECTION_OK &&
			      (d->last_tx == PQTRANS_INTRANS || d->last_tx == PQTRANS_INERROR));
}

static int pg_in_transaction(struct db *db)
{
	PGTransactionStatusType t = PQtransactionStatus(conn_of(db));
	return lost_mid_transaction(pdb(db)) || t == PQTRANS_INTRANS || t == PQTRANS_INERROR;
}

static enum err pg_rollback(struct db *db)
{
	struct pg_db *d = pdb(db);
	if (lost_mid_transaction(d)) {
		/* The server rolled it back when the session died; the next
		 * statement reconnects with a clean slate. */
		d->lost_tx = 0;
		d->last_tx = PQTRANS_IDLE;
		return E_OK;
	}
	return pg_exec(db, "ROLLBACK");
}

static void clear_params(struct pg_stmt *s)
{
	if (!s->owned || !s->values)
		return;
	for (int i = 0; i < s->nparams; i++) {
		xfree(s->owned[i]);
		s->owned[i] = NULL;
		s->values[i] = NULL;
	}
}

static void pg_reset(struct db_stmt *st)
{
	struct pg_stmt *s = pst(st);
	PQclear(s->res);
	s->res = NULL;
	s->executed = 0;
	s->err = E_OK;
	s->row = s->nrows = 0;
	clear_params(s);
}

static void pg_stmt_free(struct db_stmt *st, int closing)
{
	struct pg_stmt *s = pst(st);
	PGconn *c = conn_of(st->db);
	pg_reset(st);
	if (!closing && s->generation == pdb(st->db)->generation &&
	    PQstatus(c) == CONNECTION_OK && PQtransactionStatus(c) != PQTRANS_INERROR) {
		/* The name is ours ("s" and digits), not a value: safe to splice. */
		char sql[48];
		snprintf(sql, sizeof sql, "DEALLOCATE %s", s->name);
		PQclear(PQexec(c, sql));
	}
	xfree(s->values);
	xfree(s->owned);
	xfree(s->nums);
	xfree(s);
}

static enum err pg_prepare(struct db *db, const char *sql, struct db_stmt **out)
{
	struct pg_db *d = pdb(db);
	PGresult *res = NULL;
	int prepared = 0;
	enum err rc = ready(db);
	if (rc)
		return rc;
	struct pg_stmt *s = xcalloc(1, sizeof *s);
	if (!s) {
		rc = E_NOMEM;
		goto out;
	}
	snprintf(s->name, sizeof s->name, "s%u", ++d->next_id);
	s->generation = d->generation;

	res = PQprepare(d->conn, s->name, sql, 0, NULL);
	note_tx(d);
	if (PQresultStatus(res) != PGRES_COMMAND_OK) {
		rc = fail_result(db, res);
		goto out;
	}
	prepared = 1;
	PQclear(res);
	res = PQdescribePrepared(d->conn, s->name);
	if (PQresultStatus(res) != PGRES_COMMAND_OK) {
		rc = fail_result(db, res);
		goto out;
	}
	s->nparams = PQnparams(res);
	size_t n = (size_t)(s->nparams > 0 ? s->nparams : 1);
	s->values = xcalloc(n, sizeof *s->values);
	s->owned = xcalloc(n, sizeof *s->owned);
	s->nums = xcalloc(n, sizeof *s->nums);
	if (!s->values || !s->owned || !s->nums)
		rc = E_NOMEM;
out:
	PQclear(res);
	if (rc == E_NOMEM)
		db_set_error(db, "out of memory");
	if (rc) {
		if (s) {
			s->base.db = db;
			if (prepared)
				pg_stmt_free(&s->base, 0);
			else
				xfree(s);
		}
		return rc;
	}
	*out = &s->base;
	return E_OK;
}

static int param_ok(struct db_stmt *st, int idx)
{
	if (idx >= 1 && idx <= pst(st)->nparams)
		return 1;
	db_set_error(st->db, "no such parameter in the statement");
	return 0;
}

static enum err pg_bind_i64(struct db_stmt *st, int idx, int64_t v)
{
	struct pg_stmt *s = pst(st);
	if (!param_ok(st, idx))
		return E_RANGE;
	int i = idx - 1;
	xfree(s->owned[i]);
	s->owned[i] = NULL;
	snprintf(s->nums[i], sizeof s->nums[i], "%" PRId64, v);
	s->values[i] = s->nums[i];
	return E_OK;
}

static enum err pg_bind_text(struct db_stmt *st, int idx, const char *text)
{
	struct pg_stmt *s = pst(st);
	if (!param_ok(st, idx))
		return E_RANGE;
	int i = idx - 1;
	char *copy = NULL;
	if (text) {
		copy = xstrdup(text);
		if (!copy) {
			db_set_error(st->db, "out of memory");
			return E_NOMEM;
		}
	}
	xfree(s->owned[i]);
	s->owned[i] = copy;
	s->values[i] = copy;
	return E_OK;
}

static int pg_step(struct db_stmt *st)
{
	struct pg_stmt *s = pst(st);
	struct pg_db *d = pdb(st->db);
	if (!s->executed) {
		s->executed = 1;
		s->err = ready(st->db);
		if (!s->err && s->generation != d->generation) {
			/* Prepared in a session that has since been lost. */
			PGresult *p = PQprepare(d->conn, s->name, st->sql, 0, NULL);
			note_tx(d);
			if (PQresultStatus(p) == PGRES_COMMAND_OK)
				s->generation = d->generation;
			else
				s->err = fail_result(st->db, p);
			PQclear(p);
		}
		if (s->err)
			return (int)s->err;
		s->res = PQexecPrepared(d->conn, s->name, s->nparams, s->values, NULL, NULL, 0);
		note_tx(d);
		ExecStatusType t = PQresultStatus(s->res);
		if (t != PGRES_TUPLES_OK && t != PGRES_COMMAND_OK) {
			s->err = fail_result(st->db, s->res);
			PQclear(s->res);
			s->res = NULL;
			return (int)s->err;
		}
		s->nrows = PQntuples(s->res);
		s->row = 0;
	} else if (s->err) {
		return (int)s->err;
	} else if (s->row < s->nrows) {
		s->row++;
	}
	return s->row < s->nrows ? DB_ROW : DB_DONE;
}

/* The current row's value in col, or NULL when there is none or it is NULL. */
static const char *value(struct db_stmt *st, int col)
{
	struct pg_stmt *s = pst(st);
	if (!s->res || s->row >= s->nrows || col < 0 || col >= PQnfields(s->res))
		return NULL;
	if (PQgetisnull(s->res, s->row, col))
		return NULL;
	return PQgetvalue(s->res, s->row, col);
}

static int pg_col_is_null(struct db_stmt *st, int col) { return value(st, col) == NULL; }

static int64_t pg_col_i64(struct db_stmt *st, int col)
{
	const char *v = value(st, col);
	if (!v)
		return 0;
	/* A boolean reads as 1 or 0, as SQLite's comparisons do. */
	if (strcmp(v, "t") == 0)
		return 1;
	if (strcmp(v, "f") == 0)
		return 0;
	return strtoll(v, NULL, 10);
}

static const char *pg_col_text(struct db_stmt *st, int col) { return value(st, col); }

static const struct db_ops pg_ops = {
	.kind = DB_POSTGRES,
	.name = "postgresql",
	.tok_id = "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY",
	.tok_i64 = "BIGINT",
	.tok_strict = "",
	.tok_strict_norowid = "",
	.begin_sql = "BEGIN",
	/* The key is "jcs" in ASCII; it only has to differ from other apps'. */
	.lock_schema_sql = "SELECT pg_advisory_xact_lock(6972275)",
	.table_exists_sql = "SELECT 1 FROM pg_catalog.pg_tables"
	                    " WHERE schemaname = current_schema() AND tablename = $1",
	.close = pg_close,
	.exec = pg_exec,
	.in_transaction = pg_in_transaction,
	.rollback = pg_rollback,
	.prepare = pg_prepare,
	.reset = pg_reset,
	.stmt_free = pg_stmt_free,
	.bind_i64 = pg_bind_i64,
	.bind_text = pg_bind_text,
	.step = pg_step,
	.col_is_null = pg_col_is_null,
	.col_i64 = pg_col_i64,
	.col_text = pg_col_text,
};

/* --- Opening, and keeping the password out of messages. */

#define MAX_SECRETS 4

struct secrets {
	char *s[MAX_SECRETS];
	int n;
};

static void secret_add(struct secrets *sec, char *s)
{
	if (s && *s && sec->n < MAX_SECRETS)
		sec->s[sec->n++] = s;
	else
		xfree(s);
}

static char *percent_decode(const char *s, size_t n)
{
	char *d = xmalloc(n + 1);
	if (!d)
		return NULL;
	size_t j = 0;
	for (size_t i = 0; i < n; i++) {
		int hi, lo;
		if (s[i] == '%' && i + 2 < n &&
		    (hi = hex_digit((unsigned char)s[i + 1])) >= 0 &&
		    (lo = hex_digit((unsigned char)s[i + 2])) >= 0) {
			d[j++] = (char)(hi * 16 + lo);
			i += 2;
		} else {
			d[j++] = s[i];
		}
	}
	d[j] = '\0';
	return d;
}

/*
 * Every form the password may take in a message: as written in the URL's
 * user:password@ part, percent-decoded, and as libpq parsed it (which also
 * covers ?password=).  Over-collecting is harmless: it only hides more.
 */
static void collect_secrets(const char *url, struct secrets *sec)
{
	const char *p = strstr(url, "://");
	if (p) {
		p += 3;
		const char *end = p + strcspn(p, "?#");
		const char *at = NULL;
		for (const char *q = p; q < end; q++)
			if (*q == '@')
				at = q;
		const char *colon = at ? memchr(p, ':', (size_t)(at - p)) : NULL;
		if (colon) {
			size_t n = (size_t)(at - colon - 1);
			secret_add(sec, xstrndup(colon + 1, n));
			secret_add(sec, percent_decode(colon + 1, n));
		}
	}
	PQconninfoOption *opts = PQconninfoParse(url, NULL);
	for (PQconninfoOption *o = opts; o && o->keyword; o++)
		if (strcmp(o->keyword, "password") == 0 && o->val)
			secret_add(sec, xstrdup(o->val));
	PQconninfoFree(opts);
}

/* Write msg into errbuf with every secret replaced by "***". */
static void scrub_into(const char *msg, const struct secrets *sec, char *errbuf, size_t errlen)
{
	struct buf b;
	buf_init(&b, 4096);
	const char *p = msg;
	while (*p) {
		const char *best = NULL;
		size_t blen = 0;
		for (int i = 0; i < sec->n; i++) {
			const char *f = strstr(p, sec->s[i]);
			size_t len = strlen(sec->s[i]);
			/* The earliest match; at one place, the longest. */
			if (f && (!best || f < best || (f == best && len > blen))) {
				best = f;
				blen = len;
			}
		}
		if (!best) {
			buf_puts(&b, p);
			break;
		}
		buf_append(&b, p, (size_t)(best - p));
		buf_puts(&b, "***");
		p = best + blen;
	}
	/* On failure say less rather than risk printing the raw message. */
	snprintf(errbuf, errlen, "%s",
	         b.failed || !b.data ? "cannot connect to PostgreSQL" : b.data);
	buf_free(&b);
}

enum err db_pg_open(const char *url, struct db **out, char *errbuf, size_t errlen)
{
	struct secrets sec = {0};
	struct pg_db *d = NULL;
	enum err rc = E_OK;

	d = xcalloc(1, sizeof *d);
	if (!d) {
		snprintf(errbuf, errlen, "out of memory");
		rc = E_NOMEM;
		goto out;
	}
	d->base.ops = &pg_ops;
	d->last_tx = PQTRANS_IDLE;
	/*
	 * connect_timeout comes before dbname so the URL can override it; the
	 * application name shows up in pg_stat_activity.
	 */
	const char *keys[] = {"connect_timeout", "dbname", "fallback_application_name", NULL};
	const char *vals[] = {"10", url, "jcs", NULL};
	d->conn = PQconnectdbParams(keys, vals, 1);
	if (!d->conn) {
		snprintf(errbuf, errlen, "out of memory");
		rc = E_NOMEM;
		goto out;
	}
	if (PQstatus(d->conn) != CONNECTION_OK) {
		const char *msg = PQerrorMessage(d->conn);
		char line[1024];
		snprintf(line, sizeof line, "cannot connect to PostgreSQL: %.*s",
		         (int)strcspn(msg, "\n"), msg);
		collect_secrets(url, &sec);
		scrub_into(line, &sec, errbuf, errlen);
		rc = E_DB;
		goto out;
	}
	/* Notices ("table already exists, skipping") would go to stderr. */
	PGresult *res = PQexec(d->conn, "SET client_min_messages = warning");
	if (PQresultStatus(res) != PGRES_COMMAND_OK) {
		const char *msg = PQresultErrorMessage(res);
		snprintf(errbuf, errlen, "cannot set up the PostgreSQL session: %.*s",
		         (int)strcspn(msg, "\n"), msg);
		rc = E_DB;
	}
	PQclear(res);
out:
	for (int i = 0; i < sec.n; i++)
		xfree(sec.s[i]);
	if (rc) {
		if (d) {
			PQfinish(d->conn);
			xfree(d);
		}
		return rc;
	}
	*out = &d->base;
	return E_OK;
}
