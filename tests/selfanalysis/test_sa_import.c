/*
 * test_sa_import.c: importing a round's scores and comments from CSV
 * (selfanalysis/import.h), and the demo's rounds, on whichever backend
 * ctest chose.
 *
 * The parser is checked on the Oxfordshire annex (tests/selfanalysis/
 * seed_scores.h, typed from the seed independently of the demo's copy),
 * and on files with every kind of mistake: each problem must come back
 * with its row (the line in the file) and its column (the header's name),
 * all at once.  The import is checked to write everything or nothing,
 * even when a write fails midway, and to fill or refuse existing rounds
 * as import.h says.  The demo's rounds are read back through
 * round_data_load and compared cell by cell with the seeds' tables.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit/audit.h"
#include "core/alloc.h"
#include "core/buf.h"
#include "core/pool.h"
#include "db/db.h"
#include "selfanalysis/demo_rounds.h"
#include "selfanalysis/framework.h"
#include "selfanalysis/import.h"
#include "selfanalysis/results.h"
#include "selfanalysis/round.h"
#include "selfanalysis/seed_csv.h"
#include "support/teststore.h"

static int64_t p, q;
static struct import_result res;
static struct sa_import_result ires;
static struct framework fw12, fw13;

static int setup(void **state)
{
	if (teststore_setup_pair(state, &p, &q))
		return -1;
	assert_int_equal(framework_builtin("csp-2009-12", &testpool, &fw12), E_OK);
	assert_int_equal(framework_builtin("csp-2009-13", &testpool, &fw13), E_OK);
	return 0;
}

/* The Oxfordshire annex as a scores file, with its stated averages. */
static const char *oxon_csv(void)
{
	struct buf b;
	buf_init(&b, 1u << 16);
	seed_oxon_csv(&b);
	assert_false(b.failed);
	char *s = pool_strdup(&testpool, b.data);
	buf_free(&b);
	return s;
}

static enum err parse_scores(const struct framework *f, const char *csv,
			     struct sa_import_scores *out)
{
	return sa_import_parse_scores(&testpool, f, csv, strlen(csv), out, &res);
}

static enum err parse_comments(const char *csv, struct sa_import_comments *out)
{
	return sa_import_parse_comments(&testpool, &fw12, csv, strlen(csv), out, &res);
}

/* Error i is at row and column (NULL: none) with exactly this message. */
static void check_error(const struct import_result *r, size_t i, size_t row, const char *column,
			const char *message)
{
	if (i >= r->nerrors)
		fail_msg("expected error %zu (%s), have %zu", i, message, r->nerrors);
	if (r->errors[i].row != row || !r->errors[i].column != !column ||
	    (column && strcmp(r->errors[i].column, column) != 0) ||
	    strcmp(r->errors[i].message, message) != 0)
		fail_msg("error %zu: row %zu, column %s: %s\nwanted row %zu, column %s: %s", i,
			 r->errors[i].row, r->errors[i].column ? r->errors[i].column : "(none)",
			 r->errors[i].message, row, column ? column : "(none)", message);
}

/* The score a seed cell means, parsed independently of the importer. */
static struct score seed_cell(const char *text, const struct framework *f)
{
	struct scale sc;
	struct score s;
	char err[SCORE_ERR_SIZE];
	framework_scale(f, &sc);
	assert_int_equal(score_parse(text, &sc, &s, err, sizeof err), E_OK);
	return s;
}

static void assert_same_score(struct score a, struct score b)
{
	assert_int_equal(a.kind, b.kind);
	assert_int_equal(a.lo, b.lo);
	assert_int_equal(a.hi, b.hi);
}

/* ---- the scores parser ---- */

static void test_parse_oxfordshire(void **state)
{
	struct sa_import_scores sc;
	assert_int_equal(parse_scores(&fw12, oxon_csv(), &sc), E_OK);
	assert_int_equal(res.nerrors, 0);
	assert_int_equal(sc.n_respondents, OXON_INTERVIEWS);
	assert_int_equal(sc.n_standards, OXON_STATEMENTS);
	assert_string_equal(sc.labels[0], "1");
	assert_string_equal(sc.labels[9], "10");
	for (int s = 0; s < OXON_STATEMENTS; s++) {
		assert_string_equal(sc.stated[s], oxon_stated[s]);
		for (int r = 0; r < OXON_INTERVIEWS; r++)
			assert_same_score(sc.cells[r * OXON_STATEMENTS + s], seed_cell(oxon[s][r], &fw12));
	}
	assert_int_equal(sc.n_stated, OXON_STATEMENTS);
	/* Statement 6, interview 3: "Don't know"; interview 1: 2.5. */
	assert_int_equal(sc.cells[2 * OXON_STATEMENTS + 5].kind, SCORE_DONT_KNOW);
	assert_int_equal(sc.cells[0 * OXON_STATEMENTS + 5].kind, SCORE_VALUE);
	assert_int_equal(sc.cells[0 * OXON_STATEMENTS + 5].lo, 5);
}

/* Rows in any order, blank rows, CRLF, a byte order mark, spaces around
 * labels, no stated averages, "DK" and empty cells. */
static void test_parse_layout(void **state)
{
	struct sa_import_scores sc;
	const char *csv =
		"\xEF\xBB\xBF standard , A ,B\r\n"
		"3,1 / 2,DK\r\n"
		"\r\n"
		",,\r\n"
		"1,4,\r\n"
		"2, 3.5 ,2\r\n"
		"4,1,1\r\n5,1,1\r\n6,1,1\r\n7,1,1\r\n8,1,1\r\n9,1,1\r\n10,1,1\r\n11,1,1\r\n12,1,1\r\n";
	assert_int_equal(parse_scores(&fw12, csv, &sc), E_OK);
	assert_int_equal(sc.n_respondents, 2);
	assert_string_equal(sc.labels[0], "A");
	assert_string_equal(sc.labels[1], "B");
	assert_int_equal(sc.n_stated, 0);
	assert_null(sc.stated[0]);
	const struct score *a = sc.cells, *b = sc.cells + 12;
	assert_int_equal(a[0].kind, SCORE_VALUE);
	assert_int_equal(a[0].lo, 8);
	assert_int_equal(b[0].kind, SCORE_NONE);
	assert_int_equal(a[1].lo, 7);
	assert_int_equal(a[2].kind, SCORE_RANGE);
	assert_int_equal(a[2].lo, 2);
	assert_int_equal(a[2].hi, 4);
	assert_int_equal(b[2].kind, SCORE_DONT_KNOW);
}

/* Every mistake in the rows, each named by row and column, in row order. */
static void test_parse_row_errors(void **state)
{
	struct sa_import_scores sc;
	const char *csv =
		"standard,1,2,stated_average\n"   /* row 1 */
		"1,4,6,3\n"                       /* 2: 6 is off the scale */
		"2,3,abc,3\n"                     /* 3: not a score */
		"2,3,3,3\n"                       /* 4: standard 2 again */
		"13,1,1,\n"                       /* 5: no such standard */
		"x,1,1,\n"                        /* 6: not a number */
		"3,3.25,1,2,5\n"                  /* 7: five fields */
		"4,3.25,1,two\n"                  /* 8: not a half point; stated */
		"5,2 / 1,Don't know,\n";          /* 9: a range upside down */
	assert_int_equal(parse_scores(&fw12, csv, &sc), E_INVAL);
	check_error(&res, 0, 2, "C (respondent 2)", "'6' is outside the scale 1 to 5");
	check_error(&res, 1, 3, "C (respondent 2)", "'abc' is not a score");
	check_error(&res, 2, 4, "standard", "standard 2 is already on row 3");
	check_error(&res, 3, 5, "standard",
		    "csp-2009-12 has no standard 13: its standards are numbered 1 to 12");
	check_error(&res, 4, 6, "standard",
		    "\"x\" is not a standard number: write the number alone, as numbered in"
		    " csp-2009-12 (1 to 12)");
	check_error(&res, 5, 7, NULL, "this row has 5 fields but the header has 4");
	check_error(&res, 6, 8, "B (respondent 1)", "'3.25' is not a whole or half point");
	check_error(&res, 7, 8, "stated_average",
		    "\"two\" is not an average: write it as a number, such as 2.35, or leave it"
		    " empty");
	check_error(&res, 8, 9, "B (respondent 1)",
		    "'2 / 1' is not a range: write the lower score first, as in \"1 / 2\"");
	assert_int_equal(res.nerrors, 9);
}

static void test_parse_header_errors(void **state)
{
	struct sa_import_scores sc;
	assert_int_equal(parse_scores(&fw12, "number,1,2\n1,1,1\n", &sc), E_INVAL);
	check_error(&res, 0, 1, "A",
		    "the first column must be standard (the standard's number), then one column"
		    " per respondent");
	assert_int_equal(res.nerrors, 1);

	assert_int_equal(parse_scores(&fw12, "standard,a,,b,a,stated_average,standard,c\n"
				      "1,1,1,1,1,1,1,1\n", &sc), E_INVAL);
	check_error(&res, 0, 1, "C",
		    "this column has no label: head each respondent's column with its label,"
		    " such as its interview number");
	check_error(&res, 1, 1, "F", "stated_average must be the last column");
	check_error(&res, 2, 1, "G",
		    "standard is the first column only: give this respondent another label");
	check_error(&res, 3, 1, "E (respondent a)",
		    "two respondents are labelled \"a\" (columns B and E): give each its own label");
	assert_int_equal(res.nerrors, 4);

	assert_int_equal(parse_scores(&fw12, "standard,stated_average\n1,3\n", &sc), E_INVAL);
	check_error(&res, 0, 1, NULL,
		    "the file has no respondent columns: after standard, give one column per"
		    " respondent, headed by its label (such as 1, 2, 3 ...)");

	/* Past Z, columns are lettered as spreadsheets do. */
	assert_int_equal(parse_scores(&fw12, "standard,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,"
				      "17,18,19,20,21,22,23,24,25,26,,28\n1,1\n", &sc), E_INVAL);
	check_error(&res, 0, 1, "AB",
		    "this column has no label: head each respondent's column with its label,"
		    " such as its interview number");

	char label[SA_IMPORT_LABEL_MAX + 20];
	memset(label, 'x', sizeof label - 1);
	label[sizeof label - 1] = '\0';
	const char *csv = pool_printf(&testpool, "standard,%s\n1,1\n", label);
	assert_int_equal(parse_scores(&fw12, csv, &sc), E_INVAL);
	check_error(&res, 0, 1, "B",
		    "a respondent's label is at most 100 characters, without line breaks");
}

/* A standard without a row is named; so is a respondent without answers. */
static void test_parse_missing(void **state)
{
	struct sa_import_scores sc;
	struct buf b;
	buf_init(&b, 1u << 16);
	buf_puts(&b, "standard,1,2\n");
	for (int s = 1; s <= 12; s++)
		if (s != 7 && s != 9)
			buf_printf(&b, "%d,3,\n", s);
	assert_int_equal(parse_scores(&fw12, b.data, &sc), E_INVAL);
	check_error(&res, 0, 0, "standard",
		    "standard 7 has no row: add one (with empty cells if nobody scored it)");
	check_error(&res, 1, 0, "standard",
		    "standard 9 has no row: add one (with empty cells if nobody scored it)");
	assert_int_equal(res.nerrors, 2);

	buf_reset(&b);
	buf_puts(&b, "standard,1,2\n");
	for (int s = 1; s <= 12; s++)
		buf_printf(&b, "%d,3,\n", s);
	assert_int_equal(parse_scores(&fw12, b.data, &sc), E_INVAL);
	check_error(&res, 0, 1, "C (respondent 2)", "this respondent has no answer to any standard: remove the"
		    " column");
	assert_int_equal(res.nerrors, 1);
	buf_free(&b);

	assert_int_equal(parse_scores(&fw12, "", &sc), E_INVAL);
	check_error(&res, 0, 0, NULL, "the file is empty: its first row must be the header,"
		    " standard, then one column per respondent (its label), and optionally"
		    " stated_average last");
	assert_int_equal(parse_scores(&fw12, "standard,1\n", &sc), E_INVAL);
	check_error(&res, 0, 0, NULL, "the file has no rows under its header: one row per"
		    " standard");
	assert_int_equal(parse_scores(&fw12, "standard,1\n1,\"3\n", &sc), E_INVAL);
	assert_int_equal(res.errors[0].row, 0);
	assert_non_null(strstr(res.errors[0].message, "line 2"));
}

/* The 13-standard scale: whole points and ranges, no half points, no
 * "Don't know". */
static void test_parse_scale_of_framework(void **state)
{
	struct sa_import_scores sc;
	struct buf b;
	buf_init(&b, 1u << 16);
	seed_nyorks_csv(&b);
	assert_int_equal(parse_scores(&fw13, b.data, &sc), E_OK);
	for (int s = 0; s < NYORKS_STANDARDS; s++)
		assert_same_score(sc.cells[s], seed_cell(nyorks[s], &fw13));
	assert_int_equal(sc.cells[2].kind, SCORE_RANGE);
	buf_reset(&b);
	buf_puts(&b, "standard,Group\n1,3.5\n2,DK\n");
	for (int s = 3; s <= 13; s++)
		buf_printf(&b, "%d,2\n", s);
	assert_int_equal(parse_scores(&fw13, b.data, &sc), E_INVAL);
	check_error(&res, 0, 2, "B (respondent Group)", "'3.5' is a half point, which this scale does not allow");
	check_error(&res, 1, 3, "B (respondent Group)", "\"Don't know\" is not allowed on this scale");
	buf_free(&b);
}

static void test_parse_limits(void **state)
{
	struct sa_import_scores sc;
	struct buf b;
	buf_init(&b, SA_IMPORT_BYTES_MAX + 10);
	/* One respondent too many. */
	buf_puts(&b, "standard");
	for (int r = 0; r <= ROUND_RESPONSES_MAX; r++)
		buf_printf(&b, ",%d", r + 1);
	buf_puts(&b, "\n1");
	for (int r = 0; r <= ROUND_RESPONSES_MAX; r++)
		buf_puts(&b, ",1");
	buf_puts(&b, "\n");
	assert_int_equal(parse_scores(&fw12, b.data, &sc), E_INVAL);
	check_error(&res, 0, 1, NULL, "the file has 2001 respondent columns: a round holds at"
		    " most 2000");
	/* Exactly the most is fine as far as the header goes. */
	buf_reset(&b);
	buf_puts(&b, "standard");
	for (int r = 0; r < ROUND_RESPONSES_MAX; r++)
		buf_printf(&b, ",%d", r + 1);
	buf_puts(&b, "\n");
	for (int s = 1; s <= 12; s++) {
		buf_printf(&b, "%d", s);
		for (int r = 0; r < ROUND_RESPONSES_MAX; r++)
			buf_puts(&b, ",2");
		buf_puts(&b, "\n");
	}
	assert_int_equal(parse_scores(&fw12, b.data, &sc), E_OK);
	assert_int_equal(sc.n_respondents, ROUND_RESPONSES_MAX);
	/* Too many rows, too many bytes. */
	buf_reset(&b);
	buf_puts(&b, "standard,1\n");
	for (int s = 0; s <= SA_IMPORT_SCORE_ROWS_MAX; s++)
		buf_puts(&b, "1,1\n");
	assert_int_equal(parse_scores(&fw12, b.data, &sc), E_TOOBIG);
	check_error(&res, 0, 0, NULL, "the file has more than 400 rows under its header");
	assert_int_equal(sa_import_parse_scores(&testpool, &fw12, b.data, SA_IMPORT_BYTES_MAX + 1,
						&sc, &res), E_TOOBIG);
	check_error(&res, 0, 0, NULL, "the file is larger than 5 MB: is it the right file?");
	buf_free(&b);
}

/* ---- the comments parser ---- */

static void test_parse_comments(void **state)
{
	struct sa_import_comments cm;
	assert_int_equal(parse_comments("comment,standard\n"
					"\"We need, in short, \"\"teeth\"\"\",7\n"
					",\n"
					"\"Two\nlines\",12\n", &cm), E_OK);
	assert_int_equal(cm.n, 2);
	assert_int_equal(cm.items[0].standard, 7);
	assert_string_equal(cm.items[0].body, "We need, in short, \"teeth\"");
	assert_int_equal(cm.items[1].standard, 12);
	assert_string_equal(cm.items[1].body, "Two\nlines");

	char *longest = pool_zalloc(&testpool, COMMENT_MAX + 2);
	memset(longest, 'y', COMMENT_MAX + 1);
	const char *csv = pool_printf(&testpool, "standard,comment\n"
				      "0,a\n"     /* 2 */
				      "3,\n"      /* 3 */
				      "4,%s\n"    /* 4 */
				      "5,ok\n"
				      "6,a,b\n",  /* 6 */
				      longest);
	assert_int_equal(parse_comments(csv, &cm), E_INVAL);
	check_error(&res, 0, 2, "standard",
		    "csp-2009-12 has no standard 0: its standards are numbered 1 to 12");
	check_error(&res, 1, 3, "comment", "enter the comment, or remove the row");
	check_error(&res, 2, 4, "comment",
		    "a comment is at most 2000 bytes of text, without control characters");
	check_error(&res, 3, 6, NULL, "this row has 3 fields but the header has 2");
	assert_int_equal(res.nerrors, 4);

	assert_int_equal(parse_comments("standard,text\n1,a\n", &cm), E_INVAL);
	check_error(&res, 0, 1, NULL, "the header must be standard,comment: the standard's"
		    " number, then the comment");
	assert_int_equal(parse_comments("standard,comment\n", &cm), E_INVAL);
	check_error(&res, 0, 0, NULL, "the file has no comments under its header");
}

/* ---- the import ---- */

static int64_t count(const char *sql, int64_t partnership)
{
	return teststore_i64(sql, partnership, NULL);
}

static int64_t n_rounds(int64_t partnership)
{
	return count("SELECT COUNT(*) FROM sa_round WHERE partnership_id = $1", partnership);
}

static int64_t n_written(int64_t partnership)
{
	return count("SELECT (SELECT COUNT(*) FROM sa_round WHERE partnership_id = $1)"
		     " + (SELECT COUNT(*) FROM sa_response WHERE partnership_id = $1)"
		     " + (SELECT COUNT(*) FROM sa_score WHERE partnership_id = $1)"
		     " + (SELECT COUNT(*) FROM sa_stated WHERE partnership_id = $1)"
		     " + (SELECT COUNT(*) FROM sa_comment WHERE partnership_id = $1)"
		     " + (SELECT COUNT(*) FROM audit_event WHERE partnership_id = $1"
		     "    AND entity <> 'partnership')", partnership);
}

static const char oxon_comments[] =
	"standard,comment\n"
	"1,There has been significant progress since the restructure\n"
	"6,\"Early days - we don't influence the market yet\"\n"
	"6,We need to understand the total resource base\n";

static enum err import(int64_t partnership, const char *fw, const char *name, int mode,
		       const char *scores, const char *comments)
{
	const struct sa_import_file s = {scores, strlen(scores)};
	const struct sa_import_file c = {comments, comments ? strlen(comments) : 0};
	return selfanalysis_import(testdb, &testpool, &actor_cli, partnership, fw, name, mode, &s,
				   comments ? &c : NULL, &ires);
}

static void load(int64_t partnership, int64_t round_id, struct round_data *d)
{
	assert_int_equal(round_data_load(testdb, &testpool, partnership, round_id, d), E_OK);
}

static void test_import_oxfordshire(void **state)
{
	assert_int_equal(import(p, "csp-2009-12", " Interviews 2009 ", -1, oxon_csv(),
				oxon_comments), E_OK);
	assert_null(ires.problem);
	assert_true(ires.round_created);
	assert_int_equal(ires.respondents, 10);
	assert_int_equal(ires.stated, 12);
	assert_int_equal(ires.comments_added, 3);

	struct round r;
	assert_int_equal(round_find(testdb, &testpool, p, "Interviews 2009", &r), E_OK);
	assert_int_equal(r.id, ires.round_id);
	assert_int_equal(r.mode, ROUND_INTERVIEWS);
	assert_string_equal(r.framework, "csp-2009-12");
	assert_int_equal(r.responses, 10);

	struct round_data d;
	load(p, r.id, &d);
	assert_int_equal(d.n_responses, 10);
	for (int s = 0; s < OXON_STATEMENTS; s++) {
		assert_string_equal(d.stated[s], oxon_stated[s]);
		for (int i = 0; i < OXON_INTERVIEWS; i++)
			assert_same_score(d.cells[i * OXON_STATEMENTS + s], seed_cell(oxon[s][i], &fw12));
	}
	assert_int_equal(d.n_comments, 3);
	assert_int_equal(d.comments[0].standard, 1);
	assert_int_equal(d.comments[2].standard, 6);
	assert_int_equal(count("SELECT COUNT(*) FROM sa_response WHERE partnership_id = $1"
			       " AND source = 'import' AND respondent IS NOT NULL", p), 10);
	/* Audited: the round's creation and each response, never a score. */
	assert_int_equal(count("SELECT COUNT(*) FROM audit_event WHERE partnership_id = $1"
			       " AND action = 'add_response'", p), 10);
	assert_int_equal(count("SELECT COUNT(*) FROM audit_event WHERE partnership_id = $1"
			       " AND after_json LIKE '%Don''t know%'", p), 0);
	/* Nothing reached the other partnership. */
	assert_int_equal(n_written(q), 0);

	/* Group mode, one column. */
	assert_int_equal(import(p, "csp-2009-12", "Group", ROUND_GROUP,
				"standard,Board\n1,3\n2,3\n3,3\n4,3\n5,3\n6,3\n7,3\n8,3\n9,3\n10,3\n"
				"11,3\n12,\n", NULL), E_OK);
	assert_int_equal(round_find(testdb, &testpool, p, "Group", &r), E_OK);
	assert_int_equal(r.mode, ROUND_GROUP);
	assert_int_equal(r.responses, 1);
	assert_int_equal(ires.stated, 0);
	assert_int_equal(ires.comments_added, 0);

	/* A group round holds one response: a file with two columns is
	 * refused at the second, whether the mode is asked for or is the
	 * existing round's, and nothing is written. */
	int64_t before = n_written(p);
	const char *two = "standard,Board,Council\n1,3,3\n2,3,3\n3,3,3\n4,3,3\n5,3,3\n6,3,3\n"
			  "7,3,3\n8,3,3\n9,3,3\n10,3,3\n11,3,3\n12,3,3\n";
	const char *message = "a group round holds one response, the scores the group agreed,"
			      " but the file has 2 respondent columns: keep the group's column"
			      " only, or import into an interviews round";
	assert_int_equal(import(p, "csp-2009-12", "Group two", ROUND_GROUP, two, NULL), E_INVAL);
	check_error(&ires.scores, 0, 1, "C (respondent Council)", message);
	assert_int_equal(ires.scores.nerrors, 1);
	assert_int_equal(n_written(p), before);
	struct round g = {.framework = "csp-2009-12", .name = "Empty group", .mode = ROUND_GROUP};
	assert_int_equal(round_add(testdb, &actor_cli, p, &g, &g.id), E_OK);
	before = n_written(p);
	assert_int_equal(import(p, "csp-2009-12", "Empty group", -1, two, NULL), E_INVAL);
	check_error(&ires.scores, 0, 1, "C (respondent Council)", message);
	assert_int_equal(selfanalysis_import_into(testdb, &testpool, &actor_cli, p, g.id,
						  &(struct sa_import_file){two, strlen(two)}, NULL,
						  &ires), E_INVAL);
	check_error(&ires.scores, 0, 1, "C (respondent Council)", message);
	assert_int_equal(n_written(p), before);
	/* The same file makes an interview round. */
	assert_int_equal(import(p, "csp-2009-12", "Two interviews", -1, two, NULL), E_OK);
	assert_int_equal(ires.respondents, 2);
}

/* One bad cell in either file: nothing at all is written, and every
 * problem of both files is listed. */
static void test_import_all_or_nothing(void **state)
{
	const char *bad = "standard,1,2\n1,3,3\n2,3,9\n3,3,3\n4,3,3\n5,3,3\n6,3,3\n7,3,3\n8,3,3\n"
			  "9,3,3\n10,3,3\n11,3,3\n12,3,3\n";
	assert_int_equal(import(p, "csp-2009-12", "R", -1, bad, oxon_comments), E_INVAL);
	assert_null(ires.problem);
	check_error(&ires.scores, 0, 3, "C (respondent 2)", "'9' is outside the scale 1 to 5");
	assert_int_equal(ires.scores.nerrors, 1);
	assert_int_equal(ires.comments.nerrors, 0);
	assert_int_equal(ires.round_id, 0);
	assert_int_equal(n_written(p), 0);

	assert_int_equal(import(p, "csp-2009-12", "R", -1, oxon_csv(), "standard,comment\n99,x\n"),
			 E_INVAL);
	check_error(&ires.comments, 0, 2, "standard",
		    "csp-2009-12 has no standard 99: its standards are numbered 1 to 12");
	assert_int_equal(ires.scores.nerrors, 0);
	assert_int_equal(n_written(p), 0);

	assert_int_equal(import(p, "csp-2009-12", "R", -1, bad, "standard,comment\n99,x\n"),
			 E_INVAL);
	assert_int_equal(ires.scores.nerrors, 1);
	assert_int_equal(ires.comments.nerrors, 1);
	assert_int_equal(n_written(p), 0);
}

/* The request's own problems: no framework, no name, a round that is
 * not empty, on another framework or of another mode. */
static void test_import_round_rules(void **state)
{
	assert_int_equal(import(p, "csp-2010", "R", -1, oxon_csv(), NULL), E_INVAL);
	assert_string_equal(ires.problem, "there is no framework \"csp-2010\": use the id of a"
			    " shipped or imported one");
	assert_int_equal(import(p, "csp-2009-12", " \t", -1, oxon_csv(), NULL), E_INVAL);
	assert_string_equal(ires.problem, "enter a name for the round: 1 to 255 characters"
			    " without line breaks");
	assert_int_equal(n_written(p), 0);

	/* An empty round of the same framework is filled. */
	struct round r = {.framework = "csp-2009-12", .name = "Autumn", .mode = ROUND_INTERVIEWS,
			  .opens_on = "2009-08-01"};
	assert_int_equal(round_add(testdb, &actor_cli, p, &r, &r.id), E_OK);
	assert_int_equal(import(p, "csp-2009-12", "Autumn", -1, oxon_csv(), NULL), E_OK);
	assert_false(ires.round_created);
	assert_int_equal(ires.round_id, r.id);
	assert_int_equal(n_rounds(p), 1);

	/* Now it holds responses: refused, nothing added. */
	int64_t before = n_written(p);
	assert_int_equal(import(p, "csp-2009-12", "Autumn", -1, oxon_csv(), NULL), E_INVAL);
	assert_string_equal(ires.problem, "the round \"Autumn\" already holds 10 responses:"
			    " nothing was imported (import into a new round, or clear this one's"
			    " responses first)");
	assert_int_equal(n_written(p), before);
	assert_int_equal(selfanalysis_import_into(testdb, &testpool, &actor_cli, p, r.id,
						  &(struct sa_import_file){"x", 1}, NULL, &ires),
			 E_INVAL);
	assert_non_null(strstr(ires.problem, "already holds 10 responses"));
	/* The round's problem and the file's come back together. */
	assert_int_equal(import(p, "csp-2009-12", "Autumn", -1, "standard,1\n1,7\n", NULL),
			 E_INVAL);
	assert_non_null(strstr(ires.problem, "already holds 10 responses"));
	check_error(&ires.scores, 0, 2, "B (respondent 1)", "'7' is outside the scale 1 to 5");
	assert_int_equal(n_written(p), before);

	/* Another framework's round, or another mode. */
	struct round g = {.framework = "csp-2009-13", .name = "Group", .mode = ROUND_GROUP};
	assert_int_equal(round_add(testdb, &actor_cli, p, &g, &g.id), E_OK);
	assert_int_equal(import(p, "csp-2009-12", "Group", -1, oxon_csv(), NULL), E_INVAL);
	assert_string_equal(ires.problem, "the round \"Group\" uses the framework csp-2009-13,"
			    " not csp-2009-12: choose another name for a new round");
	const char *group = "standard,G\n1,2\n2,2\n3,2\n4,2\n5,2\n6,2\n7,2\n8,2\n9,2\n10,2\n11,2\n"
			    "12,2\n13,2\n";
	assert_int_equal(import(p, "csp-2009-13", "Group", ROUND_INTERVIEWS, group, NULL), E_INVAL);
	assert_string_equal(ires.problem, "the round \"Group\" is a group round, not interviews");
	assert_int_equal(n_written(p), before + 2); /* the two rounds added here, audited */
	assert_int_equal(import(p, "csp-2009-13", "Group", ROUND_GROUP, group, NULL), E_OK);
	assert_int_equal(ires.round_id, g.id);
}

/* Into a round by id: the import page's way; another partnership's round
 * is not found. */
static void test_import_into(void **state)
{
	struct round r = {.framework = "csp-2009-12", .name = "Autumn", .mode = ROUND_INTERVIEWS};
	assert_int_equal(round_add(testdb, &actor_cli, p, &r, &r.id), E_OK);
	const char *csv = oxon_csv();
	const struct sa_import_file f = {csv, strlen(csv)};
	assert_int_equal(selfanalysis_import_into(testdb, &testpool, &actor_cli, q, r.id, &f, NULL,
						  &ires), E_NOTFOUND);
	assert_int_equal(n_written(q), 0);
	assert_int_equal(selfanalysis_import_into(testdb, &testpool, &actor_cli, p, r.id, &f, NULL,
						  &ires), E_OK);
	assert_int_equal(ires.respondents, 10);
	assert_false(ires.round_created);
	/* The same name in another partnership is another round. */
	assert_int_equal(import(q, "csp-2009-12", "Autumn", -1, csv, NULL), E_OK);
	assert_true(ires.round_created);
	assert_int_equal(n_rounds(p), 1);
	assert_int_equal(n_rounds(q), 1);
}

/* A failure at any allocation midway leaves nothing behind. */
static void test_import_failure_midway(void **state)
{
	/* Small, so that failing at each allocation in turn stays quick. */
	const char *csv = "standard,1,2,stated_average\n1,3,DK,3\n2,3,2,\n3,1 / 2,,\n4,1,1,\n"
			  "5,1,1,\n6,1,1,\n7,1,1,\n8,1,1,\n9,1,1,\n10,1,1,\n11,1,1,\n12,1,1,\n";
	int failed = 0;
	for (long k = 0; k < 100000; k++) {
		alloc_fail_after(k);
		enum err rc = import(p, "csp-2009-12", "R", -1, csv, oxon_comments);
		alloc_fail_reset();
		assert_false(db_in_transaction(testdb));
		if (rc == E_OK)
			break;
		failed++;
		assert_int_equal(n_written(p), 0);
	}
	assert_true(failed > 0);
	assert_int_equal(count("SELECT COUNT(*) FROM sa_response WHERE partnership_id = $1", p), 2);
	assert_int_equal(count("SELECT COUNT(*) FROM sa_stated WHERE partnership_id = $1", p), 1);
	assert_int_equal(count("SELECT COUNT(*) FROM sa_comment WHERE partnership_id = $1", p), 3);
}

/* ---- the demo ---- */

static void test_demo_rounds(void **state)
{
	assert_int_equal(db_begin(testdb), E_OK);
	assert_int_equal(demo_rounds_add(testdb, p), E_OK);
	assert_int_equal(db_commit(testdb), E_OK);
	assert_int_equal(n_written(q), 0);

	struct round ox, ny;
	assert_int_equal(round_find(testdb, &testpool, p, DEMO_ROUND_OXFORDSHIRE, &ox), E_OK);
	assert_int_equal(round_find(testdb, &testpool, p, DEMO_ROUND_NORTH_YORKSHIRE, &ny), E_OK);
	assert_true(ox.closed);
	assert_true(ny.closed);
	assert_int_equal(ox.mode, ROUND_INTERVIEWS);
	assert_int_equal(ny.mode, ROUND_GROUP);
	assert_string_equal(ox.opens_on, "2009-08-01");
	assert_string_equal(ny.opens_on, "2009-03-23");
	assert_non_null(strstr(ox.key_messages, "a real strength"));
	assert_non_null(strstr(ny.key_messages, "early stages of the journey"));

	/* Oxfordshire: the annex, cell by cell, its stated averages, and the
	 * quotations (48 in the annex). */
	struct round_data d;
	load(p, ox.id, &d);
	assert_string_equal(d.fw.id, "csp-2009-12");
	assert_int_equal(d.n_responses, OXON_INTERVIEWS);
	for (int s = 0; s < OXON_STATEMENTS; s++) {
		assert_string_equal(d.stated[s], oxon_stated[s]);
		for (int i = 0; i < OXON_INTERVIEWS; i++)
			assert_same_score(d.cells[i * OXON_STATEMENTS + s], seed_cell(oxon[s][i], &fw12));
	}
	assert_int_equal(d.n_comments, 48);
	/* The annex's quotations are the paper's selected comments: all are
	 * selected for the demo's board paper, which ten people allow. */
	for (size_t c = 0; c < d.n_comments; c++)
		assert_true(d.comments[c].selected);
	/* Statement 6's 2.35 counts "Don't know" as zero: flagged, explained. */
	struct round_results rr;
	assert_int_equal(round_results_compute(&d, &testpool, &rr), E_OK);
	assert_true(rr.comments_allowed);
	assert_true(rr.standards[5].check.mismatch);
	assert_true(rr.standards[5].check.explained);
	for (int s = 0; s < OXON_STATEMENTS; s++)
		if (s != 5)
			assert_false(rr.standards[s].check.mismatch);

	/* North Yorkshire: Appendix B, one column, no stated averages. */
	load(p, ny.id, &d);
	assert_string_equal(d.fw.id, "csp-2009-13");
	assert_int_equal(d.n_responses, 1);
	for (int s = 0; s < NYORKS_STANDARDS; s++) {
		assert_same_score(d.cells[s], seed_cell(nyorks[s], &fw13));
		assert_null(d.stated[s]);
	}
	assert_int_equal(d.n_comments, 26); /* two passages per standard */
	for (size_t c = 0; c < d.n_comments; c++) /* the minutes select none */
		assert_false(d.comments[c].selected);
	/* No officer's name from the minutes reached a comment. */
	static const char *const names[] = {"Bird", "McGee", "Yeadon", "Burdett", "O'Brien",
					    "Brien", "Curry", "Cox", "Dunn",
					    "Smith", "Chapman", "Welbourn"};
	for (size_t c = 0; c < d.n_comments; c++)
		for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
			if (strstr(d.comments[c].body, names[i]))
				fail_msg("comment %zu names %s", c, names[i]);
	/* The earlier round is the later one's previous: they compare. */
	struct round prev;
	assert_int_equal(round_previous(testdb, &testpool, p, ox.id, &prev), E_OK);
	assert_int_equal(prev.id, ny.id);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_parse_oxfordshire, setup, teststore_teardown),
		cmocka_unit_test_setup_teardown(test_parse_layout, setup, teststore_teardown),
		cmocka_unit_test_setup_teardown(test_parse_row_errors, setup, teststore_teardown),
		cmocka_unit_test_setup_teardown(test_parse_header_errors, setup, teststore_teardown),
		cmocka_unit_test_setup_teardown(test_parse_missing, setup, teststore_teardown),
		cmocka_unit_test_setup_teardown(test_parse_scale_of_framework, setup,
						teststore_teardown),
		cmocka_unit_test_setup_teardown(test_parse_limits, setup, teststore_teardown),
		cmocka_unit_test_setup_teardown(test_parse_comments, setup, teststore_teardown),
		cmocka_unit_test_setup_teardown(test_import_oxfordshire, setup, teststore_teardown),
		cmocka_unit_test_setup_teardown(test_import_all_or_nothing, setup, teststore_teardown),
		cmocka_unit_test_setup_teardown(test_import_round_rules, setup, teststore_teardown),
		cmocka_unit_test_setup_teardown(test_import_into, setup, teststore_teardown),
		cmocka_unit_test_setup_teardown(test_import_failure_midway, setup, teststore_teardown),
		cmocka_unit_test_setup_teardown(test_demo_rounds, setup, teststore_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
