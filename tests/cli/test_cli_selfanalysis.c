/*
 * test_cli_selfanalysis.c: `jcs selfanalysis ...` as a script runs it,
 * through the real binary on a fresh database each test, on both
 * backends: importing the Oxfordshire interview scores (typed from the
 * seed in tests/selfanalysis/seed_scores.h), the results in all three
 * formats with the contract's keys and the seed's figures worked out by
 * hand, the comparison of two rounds, the board paper, frameworks, and
 * refused imports, which must name row and column and write nothing.
 * What a command wrote is checked in-process through the stores.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "audit/audit.h"
#include "core/buf.h"
#include "core/pool.h"
#include "db/db.h"
#include "partnership/partnership.h"
#include "selfanalysis/demo_rounds.h"
#include "selfanalysis/round.h"
#include "selfanalysis/seed_csv.h"
#include "support/spawn.h"
#include "support/testdb.h"

static char url[TESTDB_URL_MAX];
static char dir[] = "/tmp/jcs-cli-sa-XXXXXX";
static struct spawn_result r; /* two 64 KiB buffers: not on the stack */
static struct pool pool;

#define OXON_ROUND "Interviews 2009"
#define NYORKS_ROUND "Group 2009"

static int setup(void **state)
{
	db_close(testdb_open(url, sizeof url));
	pool_init(&pool, 16u << 20);
	strcpy(dir, "/tmp/jcs-cli-sa-XXXXXX");
	assert_non_null(mkdtemp(dir));
	return 0;
}

static int teardown(void **state)
{
	char cmd[200];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
	pool_free(&pool);
	testdb_drop(NULL, url);
	return 0;
}

/* Run `jcs ARGS... --db URL` (args end with NULL) into r. */
#define run(...) spawn_jcs_db(&r, url, __VA_ARGS__)

/* A file in the test's folder holding text; its path. */
static const char *file(const char *name, const char *text)
{
	const char *path = pool_printf(&pool, "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	assert_int_equal(fputs(text, f) >= 0, 1);
	assert_int_equal(fclose(f), 0);
	return path;
}

/* A scores file in the test's folder, written by fill. */
static const char *scores_file(const char *name, void (*fill)(struct buf *))
{
	struct buf b;
	buf_init(&b, 1u << 16);
	fill(&b);
	assert_false(b.failed);
	const char *path = file(name, b.data);
	buf_free(&b);
	return path;
}

static const char *oxon_file(void)
{
	return scores_file("oxon.csv", seed_oxon_csv);
}

static const char *nyorks_file(void)
{
	return scores_file("nyorks.csv", seed_nyorks_csv);
}

static void create_partnership(const char *slug)
{
	run("partnership", "create", "--slug", slug, "--name", "A Trust", NULL);
	assert_int_equal(r.status, 0);
}

/* The Oxfordshire round imported into "trust", with two comments. */
static void import_oxon(void)
{
	create_partnership("trust");
	const char *comments = file("comments.csv", "standard,comment\n"
				    "6,\"Early days - we don't, yet\"\n"
				    "5,We're getting quite good at the data\n");
	run("selfanalysis", "import", "--partnership", "trust", "--framework", "csp-2009-12",
	    "--round", OXON_ROUND, "--comments", comments, oxon_file(), NULL);
	if (r.status != 0)
		fail_msg("import: %s", r.err);
	assert_string_equal(r.out, "Imported 10 respondents, 12 stated averages and 2 comments"
			    " into the new round \"" OXON_ROUND "\"\n");
	assert_string_equal(r.err, "");
}

/* How many responses the partnership called slug holds, and whether it
 * has a round called name (-1 when not). */
static int64_t stored_responses(const char *slug, const char *name)
{
	struct db *db = testdb_connect(url);
	struct partnership p;
	struct round rd;
	assert_int_equal(partnership_find_by_slug(db, &pool, slug, &p), E_OK);
	enum err e = round_find(db, &pool, p.id, name, &rd);
	db_close(db);
	if (e == E_NOTFOUND)
		return -1;
	assert_int_equal(e, E_OK);
	return rd.responses;
}

/* Sets when round name of the partnership slug opened (in-process). */
static void set_opens_on(const char *slug, const char *name, const char *day)
{
	struct db *db = testdb_connect(url);
	struct partnership p;
	struct round rd;
	assert_int_equal(partnership_find_by_slug(db, &pool, slug, &p), E_OK);
	assert_int_equal(round_find(db, &pool, p.id, name, &rd), E_OK);
	rd.opens_on = day;
	assert_int_equal(round_update(db, &actor_cli, p.id, rd.id, &rd), E_OK);
	db_close(db);
}

/* The compare table's heading: which round is A (earlier) and B. */
static void expect_heading(const char *a, const char *b)
{
	const char *want = pool_printf(&pool, "A: %s\nB: %s\n", a, b);
	assert_memory_equal(r.out, want, strlen(want));
}

static json_t *parse_json_out(void)
{
	json_error_t err;
	json_t *j = json_loads(r.out, 0, &err);
	if (!j)
		fail_msg("not JSON (%s): %s", err.text, r.out);
	return j;
}

static double real(const json_t *o, const char *key)
{
	const json_t *v = json_object_get(o, key);
	if (!json_is_number(v))
		fail_msg("%s is not a number", key);
	return json_number_value(v);
}

static void test_results_json(void **state)
{
	import_oxon();
	assert_int_equal(stored_responses("trust", OXON_ROUND), 10);
	run("selfanalysis", "results", "--partnership", "trust", "--round", OXON_ROUND,
	    "--format", "json", NULL);
	assert_int_equal(r.status, 0);
	json_t *a = parse_json_out();
	assert_true(json_is_array(a));
	assert_int_equal(json_array_size(a), OXON_STATEMENTS);
	static const char *const keys[] = {"standard", "key", "title", "n", "dont_know",
					   "no_answer", "mean", "median", "q1", "q3", "min",
					   "max", "sd", "rwg", "rank", "stated_average",
					   "stated_mismatch", "note"};
	for (size_t i = 0; i < json_array_size(a); i++) {
		const json_t *o = json_array_get(a, i);
		for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++)
			if (!json_object_get(o, keys[k]))
				fail_msg("standard %zu has no %s", i + 1, keys[k]);
		assert_int_equal(json_integer_value(json_object_get(o, "standard")), (json_int_t)i + 1);
		/* Only statement 6's stated average is wrong. */
		assert_int_equal(json_is_true(json_object_get(o, "stated_mismatch")), i == 5);
		assert_int_equal(json_is_null(json_object_get(o, "note")), i != 5);
	}
	/* Statement 6: eight scores summing to 23.5 and two "Don't know";
	 * the paper's 2.35 is 23.5 / 10, "Don't know" counted as zero. */
	const json_t *six = json_array_get(a, 5);
	assert_string_equal(json_string_value(json_object_get(six, "key")), "market");
	assert_int_equal(json_integer_value(json_object_get(six, "n")), 8);
	assert_int_equal(json_integer_value(json_object_get(six, "dont_know")), 2);
	assert_int_equal(json_integer_value(json_object_get(six, "no_answer")), 0);
	assert_true(fabs(real(six, "mean") - 2.9375) < 1e-9);
	assert_true(fabs(real(six, "stated_average") - 2.35) < 1e-9);
	const char *note = json_string_value(json_object_get(six, "note"));
	assert_non_null(note);
	assert_non_null(strstr(note, "\"Don't know\" answers as zero"));
	assert_non_null(strstr(note, "2.35"));
	/* Statement 5 is the highest (39 / 10 = 3.9), statement 10 the lowest
	 * (22 / 9). */
	const json_t *five = json_array_get(a, 4), *ten = json_array_get(a, 9);
	assert_int_equal(json_integer_value(json_object_get(five, "rank")), 1);
	assert_true(fabs(real(five, "mean") - 3.9) < 1e-9);
	assert_int_equal(json_integer_value(json_object_get(ten, "rank")), 12);
	assert_true(fabs(real(ten, "mean") - 22.0 / 9) < 1e-9);
	assert_true(json_is_true(json_object_get(ten, "lowest")));
	json_decref(a);
}

static void test_results_table_and_csv(void **state)
{
	import_oxon();
	run("selfanalysis", "results", "--partnership", "trust", "--round", OXON_ROUND,
	    "--format", "csv", NULL);
	assert_int_equal(r.status, 0);
	static const char head[] =
		"standard,key,title,n,dont_know,no_answer,mean,median,q1,q3,min,max,sd,rwg,rank,"
		"highest,lowest,stated_average,stated_mismatch,note\r\n";
	assert_memory_equal(r.out, head, strlen(head));
	/* Framework order: statement 1 first; statement 6 with its figures. */
	assert_memory_equal(r.out + strlen(head), "1,outcomes,", 11);
	assert_non_null(strstr(r.out, "\r\n6,market,\"We invest wisely and influence the market"
			       " effectively to improve outcomes for children, young people and"
			       " their families.\",8,2,0,2.9375,3,2.875,3.5,1.5,3.5,"));
	assert_non_null(strstr(r.out, ",2.35,true,\"The stated average 2.35 does not match"));

	/* The table: highest first and marked, lowest last, notes below. */
	run("selfanalysis", "results", "--partnership", "trust", "--round", OXON_ROUND, NULL);
	assert_int_equal(r.status, 0);
	const char *first = strchr(r.out, '\n') + 1;
	assert_memory_equal(first, "1     highest  5 ", 17);
	assert_non_null(strstr(r.out, "\n12    lowest   10 "));
	assert_non_null(strstr(r.out, "\nStandard 6: The stated average 2.35 does not match the"
			       " mean of the 8 scores, 2.94."));
	assert_null(strstr(r.out, "Standard 5:"));

	/* Usage and lookups. */
	run("selfanalysis", "results", "--partnership", "trust", "--round", OXON_ROUND,
	    "--format", "xml", NULL);
	assert_int_equal(r.status, 2);
	assert_string_equal(r.err, "jcs: selfanalysis results: --format is table, csv or json,"
			    " not 'xml'\n");
	run("selfanalysis", "results", "--partnership", "trust", "--round", "Nope", NULL);
	assert_int_equal(r.status, 1);
	assert_string_equal(r.err, "jcs: selfanalysis results: trust has no round called \"Nope\""
			    " (see `jcs selfanalysis rounds --partnership trust`)\n");
	run("selfanalysis", "results", "--partnership", "trust", NULL);
	assert_int_equal(r.status, 2);
}

static void test_compare(void **state)
{
	import_oxon();
	run("selfanalysis", "import", "--partnership", "trust", "--framework", "csp-2009-13",
	    "--round", NYORKS_ROUND, "--mode", "group", nyorks_file(), NULL);
	assert_int_equal(r.status, 0);
	/* North Yorkshire's round opened first, though it was made second. */
	set_opens_on("trust", NYORKS_ROUND, "2009-03-23");
	set_opens_on("trust", OXON_ROUND, "2009-08-01");
	run("selfanalysis", "compare", "--partnership", "trust", "--round", NYORKS_ROUND,
	    "--round", OXON_ROUND, "--format", "json", NULL);
	assert_int_equal(r.status, 0);
	json_t *a = parse_json_out();
	/* The 12 keys the versions share, then the one only A's has. */
	assert_int_equal(json_array_size(a), 13);
	static const char *const keys[] = {"key", "title", "standard_a", "standard_b", "n_a",
					   "n_b", "mean_a", "mean_b", "mean_change",
					   "superiority", "p_value", "words"};
	for (size_t i = 0; i < json_array_size(a); i++)
		for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++)
			assert_non_null(json_object_get(json_array_get(a, i), keys[k]));
	/* market: standard 7 in A (1 / 2, counted 1.5), 6 in B (mean 2.9375). */
	const json_t *m = json_array_get(a, 5);
	assert_string_equal(json_string_value(json_object_get(m, "key")), "market");
	assert_int_equal(json_integer_value(json_object_get(m, "standard_a")), 7);
	assert_int_equal(json_integer_value(json_object_get(m, "standard_b")), 6);
	assert_int_equal(json_integer_value(json_object_get(m, "n_a")), 1);
	assert_int_equal(json_integer_value(json_object_get(m, "n_b")), 8);
	assert_true(fabs(real(m, "mean_change") - (2.9375 - 1.5)) < 1e-9);
	const json_t *last = json_array_get(a, 12);
	assert_string_equal(json_string_value(json_object_get(last, "key")),
			    "joint-commissioning-arrangements");
	assert_true(json_is_null(json_object_get(last, "standard_b")));
	json_decref(a);

	run("selfanalysis", "compare", "--partnership", "trust", "--round", NYORKS_ROUND,
	    "--round", OXON_ROUND, "--format", "csv", NULL);
	assert_int_equal(r.status, 0);
	assert_memory_equal(r.out, "key,title,standard_a,standard_b,n_a,n_b,mean_a,mean_b,"
			    "mean_change,superiority,p_value,method,permutations,words\r\n", 95);
	run("selfanalysis", "compare", "--partnership", "trust", "--round", NYORKS_ROUND,
	    "--round", OXON_ROUND, NULL);
	assert_int_equal(r.status, 0);
	expect_heading(NYORKS_ROUND " (csp-2009-13)", OXON_ROUND " (csp-2009-12)");
	assert_non_null(strstr(r.out, "\nmarket "));
	assert_non_null(strstr(r.out, "Few scores (1 and 8): read with care."));
	/* The rounds in the other order: the same comparison, the earlier
	 * found by date, as the pages, the API and the paper find it. */
	char *table = pool_strdup(&pool, r.out);
	run("selfanalysis", "compare", "--partnership", "trust", "--round", OXON_ROUND,
	    "--round", NYORKS_ROUND, NULL);
	assert_int_equal(r.status, 0);
	assert_string_equal(r.out, table);
	/* Dated the other way round, Oxfordshire's is the earlier. */
	set_opens_on("trust", OXON_ROUND, "2009-01-01");
	run("selfanalysis", "compare", "--partnership", "trust", "--round", NYORKS_ROUND,
	    "--round", OXON_ROUND, NULL);
	assert_int_equal(r.status, 0);
	expect_heading(OXON_ROUND " (csp-2009-12)", NYORKS_ROUND " (csp-2009-13)");

	/* Two rounds, no more and no fewer. */
	run("selfanalysis", "compare", "--partnership", "trust", "--round", OXON_ROUND, NULL);
	assert_int_equal(r.status, 2);
	assert_non_null(strstr(r.err, "give two rounds: --round A --round B"));
	run("selfanalysis", "compare", "--partnership", "trust", "--round", "a", "--round", "b",
	    "--round", "c", NULL);
	assert_int_equal(r.status, 2);
	assert_string_equal(r.err, "jcs: selfanalysis compare: --round is given at most 2 times\n");
}

/* Refused imports: each problem as "FILE: row R, column C: ...", exit 1,
 * nothing written. */
static void test_import_refused(void **state)
{
	create_partnership("trust");
	const char *bad = file("bad.csv", "standard,1,2,stated_average\n"
			       "1,4,6,3\n"
			       "2,3,abc,2.5\n"
			       "2,1,1,x\n");
	const char *badc = file("badc.csv", "standard,comment\n13,Too far\n");
	run("selfanalysis", "import", "--partnership", "trust", "--framework", "csp-2009-12",
	    "--round", "R", "--comments", badc, bad, NULL);
	assert_int_equal(r.status, 1);
	assert_string_equal(r.out, "");
	const char *want = pool_printf(&pool,
		"jcs: %s: row 2, column C (respondent 2): '6' is outside the scale 1 to 5\n"
		"jcs: %s: row 3, column C (respondent 2): 'abc' is not a score\n"
		"jcs: %s: row 4, column standard: standard 2 is already on row 3\n"
		"jcs: %s: row 4, column stated_average: \"x\" is not an average: write it as a"
		" number, such as 2.35, or leave it empty\n"
		"jcs: %s: nothing imported (4 problems)\n"
		"jcs: %s: row 2, column standard: csp-2009-12 has no standard 13: its standards"
		" are numbered 1 to 12\n"
		"jcs: %s: nothing imported (1 problem)\n", bad, bad, bad, bad, bad, badc, badc);
	assert_string_equal(r.err, want);
	assert_int_equal(stored_responses("trust", "R"), -1);

	/* A group round takes one column, the group's agreed scores. */
	run("selfanalysis", "import", "--partnership", "trust", "--framework", "csp-2009-12",
	    "--round", "G", "--mode", "group", oxon_file(), NULL);
	assert_int_equal(r.status, 1);
	assert_string_equal(r.err, pool_printf(&pool, "jcs: %s: row 1, column C (respondent 2):"
					       " a group round holds one response, the scores the"
					       " group agreed, but the file has 10 respondent"
					       " columns: keep the group's column only, or import"
					       " into an interviews round\njcs: %s: nothing"
					       " imported (1 problem)\n", oxon_file(), oxon_file()));
	assert_int_equal(stored_responses("trust", "G"), -1);

	/* A good file into a round that already holds responses. */
	run("selfanalysis", "import", "--partnership", "trust", "--framework", "csp-2009-12",
	    "--round", OXON_ROUND, oxon_file(), NULL);
	assert_int_equal(r.status, 0);
	run("selfanalysis", "import", "--partnership", "trust", "--framework", "csp-2009-12",
	    "--round", OXON_ROUND, oxon_file(), NULL);
	assert_int_equal(r.status, 1);
	assert_string_equal(r.err, "jcs: selfanalysis import: the round \"" OXON_ROUND "\" already"
			    " holds 10 responses: nothing was imported (import into a new round, or"
			    " clear this one's responses first)\n");
	assert_int_equal(stored_responses("trust", OXON_ROUND), 10);

	run("selfanalysis", "import", "--partnership", "trust", "--framework", "csp-2010",
	    "--round", "S", oxon_file(), NULL);
	assert_int_equal(r.status, 1);
	assert_string_equal(r.err, "jcs: selfanalysis import: there is no framework \"csp-2010\":"
			    " use the id of a shipped or imported one\n");
	run("selfanalysis", "import", "--partnership", "nobody", "--framework", "csp-2009-12",
	    "--round", "S", oxon_file(), NULL);
	assert_int_equal(r.status, 1);
	run("selfanalysis", "import", "--partnership", "trust", "--framework", "csp-2009-12",
	    "--round", "S", "--mode", "panel", oxon_file(), NULL);
	assert_int_equal(r.status, 2);
	assert_string_equal(r.err, "jcs: selfanalysis import: --mode is interviews or group, not"
			    " 'panel'\n");
	run("selfanalysis", "import", "--partnership", "trust", "--framework", "csp-2009-12",
	    oxon_file(), NULL);
	assert_int_equal(r.status, 2);
	run("selfanalysis", "import", "--partnership", "trust", "--framework", "csp-2009-12",
	    "--round", "S", NULL);
	assert_int_equal(r.status, 2);
	run("selfanalysis", "import", "--partnership", "trust", "--framework", "csp-2009-12",
	    "--round", "S", pool_printf(&pool, "%s/missing.csv", dir), NULL);
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "missing.csv: No such file or directory"));
	assert_int_equal(stored_responses("trust", "S"), -1);
}

static const char maturity[] =
	"{\"id\": \"partnership-maturity\", \"title\": \"Partnership maturity check\","
	" \"source\": \"Written by the partnership\", \"version\": \"1\","
	" \"scale\": {\"points\": [{\"value\": 1, \"label\": \"Emerging\"},"
	" {\"value\": 2, \"label\": \"Established\"}, {\"value\": 3, \"label\": \"Advanced\"}],"
	" \"half_points\": false, \"dont_know\": true},"
	" \"standards\": [{\"number\": 1, \"key\": \"needs-assessment\","
	" \"title\": \"We understand the needs of children and families in our area\"},"
	" {\"number\": 2, \"key\": \"pooled-budgets\", \"title\": \"We pool budgets\"}]}";

static void test_frameworks(void **state)
{
	create_partnership("trust");
	create_partnership("other");
	const char *path = file("maturity.json", maturity);
	run("selfanalysis", "framework-import", "--partnership", "trust", path, NULL);
	assert_int_equal(r.status, 0);
	assert_string_equal(r.out, "Imported the framework partnership-maturity (Partnership"
			    " maturity check) into trust\n");
	run("selfanalysis", "framework-import", "--partnership", "trust", path, NULL);
	assert_int_equal(r.status, 1);
	assert_memory_equal(r.err, pool_printf(&pool, "jcs: %s: ", path), strlen(path) + 7);

	run("selfanalysis", "frameworks", "--partnership", "trust", "--format", "csv", NULL);
	assert_int_equal(r.status, 0);
	assert_string_equal(r.out,
		"id,title,standards,scale,source\r\n"
		"csp-2009-12,Commissioning self-analysis: 12 statements,12,"
		"\"1-5, half points, don't know\",shipped\r\n"
		"csp-2009-13,Commissioning self-analysis: 13 standards,13,1-5,shipped\r\n"
		"partnership-maturity,Partnership maturity check,2,\"1-3, don't know\",imported\r\n");
	/* Without a partnership, or for another one: the shipped ones only. */
	run("selfanalysis", "frameworks", "--format", "csv", NULL);
	assert_int_equal(r.status, 0);
	assert_null(strstr(r.out, "partnership-maturity"));
	run("selfanalysis", "frameworks", "--partnership", "other", NULL);
	assert_int_equal(r.status, 0);
	assert_null(strstr(r.out, "partnership-maturity"));
	assert_non_null(strstr(r.out, "csp-2009-13"));

	/* Its 3-level scale holds imports to it. */
	const char *scores = file("m.csv", "standard,A,B\n1,3,DK\n2,4,1\n");
	run("selfanalysis", "import", "--partnership", "trust", "--framework",
	    "partnership-maturity", "--round", "M", scores, NULL);
	assert_int_equal(r.status, 1);
	assert_string_equal(r.err, pool_printf(&pool, "jcs: %s: row 3, column B (respondent A): '4' is"
					       " outside the scale 1 to 3\njcs: %s: nothing imported"
					       " (1 problem)\n", scores, scores));
	run("selfanalysis", "import", "--partnership", "other", "--framework",
	    "partnership-maturity", "--round", "M", scores, NULL);
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "there is no framework \"partnership-maturity\""));
	scores = file("m2.csv", "standard,A,B\n1,3,DK\n2,2,1\n");
	run("selfanalysis", "import", "--partnership", "trust", "--framework",
	    "partnership-maturity", "--round", "M", scores, NULL);
	assert_int_equal(r.status, 0);
	assert_int_equal(stored_responses("trust", "M"), 2);

	run("selfanalysis", "rounds", "--partnership", "trust", "--format", "csv", NULL);
	assert_int_equal(r.status, 0);
	assert_string_equal(r.out, "name,framework,mode,opens_on,closes_on,responses,status,shared\r\n"
			    "M,partnership-maturity,interviews,,,2,open,no\r\n");
}

static void test_report(void **state)
{
	import_oxon();
	const char *out = pool_printf(&pool, "%s/paper.html", dir);
	run("selfanalysis", "report", "--partnership", "trust", "--round", OXON_ROUND, "--format",
	    "html", "-o", out, NULL);
	assert_int_equal(r.status, 0);
	assert_string_equal(r.out, pool_printf(&pool, "Wrote the board paper of \"" OXON_ROUND
					       "\" to %s\n", out));
	FILE *f = fopen(out, "r");
	assert_non_null(f);
	static char html[1 << 20];
	size_t n = fread(html, 1, sizeof html - 1, f);
	fclose(f);
	html[n] = '\0';
	assert_non_null(strstr(html, OXON_ROUND));
	assert_non_null(strstr(html, "We really understand the needs of children"));

	run("selfanalysis", "report", "--partnership", "trust", "--round", OXON_ROUND, "--format",
	    "docx", "-o", out, NULL);
	assert_int_equal(r.status, 2);
	assert_string_equal(r.err, "jcs: selfanalysis report: --format is html, pdf or xlsx, not"
			    " 'docx'\n");
	run("selfanalysis", "report", "--partnership", "trust", "--round", OXON_ROUND, NULL);
	assert_int_equal(r.status, 2);
}

/* The demo partnership's rounds, as `make run` starts it, through the CLI. */
static void test_demo(void **state)
{
	testdb_drop(NULL, url);
	testdb_create_demo(url, sizeof url);
	run("selfanalysis", "rounds", "--partnership", "oxfordshire", "--format", "csv", NULL);
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "\r\n\"" DEMO_ROUND_OXFORDSHIRE "\",csp-2009-12,interviews,"
			       "2009-08-01,2009-09-30,10,closed,no\r\n"));
	assert_non_null(strstr(r.out, "\r\n\"" DEMO_ROUND_NORTH_YORKSHIRE "\",csp-2009-13,group,"
			       "2009-03-23,2009-03-23,1,closed,no\r\n"));
	run("selfanalysis", "results", "--partnership", "oxfordshire", "--round",
	    DEMO_ROUND_OXFORDSHIRE, "--format", "json", NULL);
	assert_int_equal(r.status, 0);
	json_t *a = parse_json_out();
	const json_t *six = json_array_get(a, 5);
	assert_true(json_is_true(json_object_get(six, "stated_mismatch")));
	assert_true(fabs(real(six, "mean") - 2.9375) < 1e-9);
	json_decref(a);
	run("selfanalysis", "results", "--partnership", "oxfordshire", "--round",
	    DEMO_ROUND_NORTH_YORKSHIRE, "--format", "csv", NULL);
	assert_int_equal(r.status, 0);
	/* Standard 3, "1 / 2", counts as 1.5. */
	assert_non_null(strstr(r.out, "\r\n3,governance,"));
	assert_non_null(strstr(r.out, ",1,0,0,1.5,1.5,1.5,1.5,1.5,1.5,,,"));
}

/* A round of two interviews prints no figure in any format, only why; a
 * group round's one response prints them all; the comparison's table
 * gives p as every format does and the caveat after it. */
static void test_anonymity_and_caveat(void **state)
{
	import_oxon();
	const char *why = "Results are shown once at least 5 people have responded (2 so far), so "
			  "that no one's answers can be picked out.";
	const char *csv = "standard,1,2\n";
	for (int s = 1; s <= 12; s++)
		csv = pool_printf(&pool, "%s%d,%d,%d\n", csv, s, 1 + s % 5, 1 + (s + 2) % 5);
	run("selfanalysis", "import", "--partnership", "trust", "--framework", "csp-2009-12",
	    "--round", "Two", file("two.csv", csv), NULL);
	assert_int_equal(r.status, 0);
	run("selfanalysis", "results", "--partnership", "trust", "--round", "Two", NULL);
	assert_int_equal(r.status, 0);
	assert_string_equal(r.out, pool_printf(&pool, "%s\n", why));
	run("selfanalysis", "results", "--partnership", "trust", "--round", "Two", "--format", "json",
	    NULL);
	assert_int_equal(r.status, 0);
	json_t *a = parse_json_out();
	assert_int_equal(json_array_size(a), 12);
	for (size_t i = 0; i < 12; i++) {
		const json_t *o = json_array_get(a, i);
		static const char *const nulls[] = {"n", "mean", "median", "min", "max", "sd", "rank"};
		for (size_t k = 0; k < sizeof nulls / sizeof nulls[0]; k++)
			assert_true(json_is_null(json_object_get(o, nulls[k])));
		assert_string_equal(json_string_value(json_object_get(o, "note")), why);
	}
	json_decref(a);

	/* The group's agreed scores: figures, and no talk of too few people. */
	run("selfanalysis", "import", "--partnership", "trust", "--framework", "csp-2009-13",
	    "--round", NYORKS_ROUND, "--mode", "group", nyorks_file(), NULL);
	assert_int_equal(r.status, 0);
	run("selfanalysis", "results", "--partnership", "trust", "--round", NYORKS_ROUND, NULL);
	assert_int_equal(r.status, 0);
	assert_null(strstr(r.out, "Results are shown once"));
	assert_null(strstr(r.out, "fewer than"));
	assert_non_null(strstr(r.out, "highest"));

	/* Twelve standards compared: p as people read it, then the caveat. */
	set_opens_on("trust", NYORKS_ROUND, "2009-03-23");
	set_opens_on("trust", OXON_ROUND, "2009-08-01");
	run("selfanalysis", "compare", "--partnership", "trust", "--round", NYORKS_ROUND,
	    "--round", OXON_ROUND, NULL);
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "  p = 0."));
	const char *caveat = "\n\n12 standards were compared. At p < 0.05, about 1 in 20 standards "
			     "would show a difference by chance alone, so read a single standard's "
			     "result with care.\n";
	size_t n = strlen(r.out), m = strlen(caveat);
	assert_true(n > m);
	assert_string_equal(r.out + n - m, caveat);
	/* JSON stays the array of rows. */
	run("selfanalysis", "compare", "--partnership", "trust", "--round", NYORKS_ROUND,
	    "--round", OXON_ROUND, "--format", "json", NULL);
	assert_int_equal(r.status, 0);
	a = parse_json_out();
	assert_true(json_is_array(a));
	json_decref(a);
	/* A round below k is not compared. */
	run("selfanalysis", "compare", "--partnership", "trust", "--round", OXON_ROUND,
	    "--round", "Two", NULL);
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "Not compared: the later round's results are shown once"));
	assert_null(strstr(r.out, "standards were compared"));
	(void)state;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_results_json, setup, teardown),
		cmocka_unit_test_setup_teardown(test_results_table_and_csv, setup, teardown),
		cmocka_unit_test_setup_teardown(test_compare, setup, teardown),
		cmocka_unit_test_setup_teardown(test_import_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_frameworks, setup, teardown),
		cmocka_unit_test_setup_teardown(test_report, setup, teardown),
		cmocka_unit_test_setup_teardown(test_demo, setup, teardown),
		cmocka_unit_test_setup_teardown(test_anonymity_and_caveat, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
