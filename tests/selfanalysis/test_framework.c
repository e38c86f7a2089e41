/*
 * test_framework.c: the shipped frameworks against the seeds they were
 * transcribed from (counts, numbering, statements word for word, the keys
 * that let rounds on the two versions compare), the 3-level example of
 * docs/frameworks.md, and one refusal per rule with its exact message, so
 * a person importing a framework is told which field to fix.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "core/err.h"
#include "core/pool.h"
#include "selfanalysis/framework.h"

static struct pool pool;
static char err[FRAMEWORK_ERR_SIZE];

static int setup(void **state)
{
	pool_init(&pool, 4u << 20);
	err[0] = '\0';
	return 0;
}

static int teardown(void **state)
{
	pool_free(&pool);
	return 0;
}

static enum err parse(const char *json, struct framework *f)
{
	return framework_parse(json, strlen(json), &pool, f, err, sizeof err);
}

static void builtin_list(void **state)
{
	const char *const *ids = framework_builtin_list();
	assert_non_null(ids[0]);
	assert_string_equal(ids[0], "csp-2009-12");
	assert_string_equal(ids[1], "csp-2009-13");
	assert_null(ids[2]);

	struct framework f;
	size_t len = 1;
	assert_int_equal(framework_builtin("csp-2009-14", &pool, &f), E_NOTFOUND);
	assert_null(framework_builtin_json("nope", &len));
	const char *json = framework_builtin_json("csp-2009-12", &len);
	assert_non_null(json);
	assert_int_equal(strlen(json), len); /* NUL-terminated, no NUL inside */
	assert_int_equal(json[0], '{');
}

static void csp_12(void **state)
{
	struct framework f;
	assert_int_equal(framework_builtin("csp-2009-12", &pool, &f), E_OK);
	assert_string_equal(f.id, "csp-2009-12");
	assert_int_equal(f.n_standards, 12);
	for (size_t i = 0; i < f.n_standards; i++)
		assert_int_equal(f.standards[i].number, (int)i + 1);
	/* Oxfordshire's annex, word for word. */
	assert_string_equal(framework_find_number(&f, 1)->title,
			    "We are clear and agreed about the outcome improvements we need to "
			    "achieve for children, young people and families in our area.");
	assert_string_equal(framework_find_number(&f, 5)->title,
			    "We really understand the needs of children, young people and "
			    "families in our area.");
	assert_string_equal(framework_find_number(&f, 6)->key, "market");
	assert_string_equal(framework_find_number(&f, 12)->title,
			    "We have a culture of continuous learning and improvement involving "
			    "all commissioners, providers and stakeholders.");
	assert_null(framework_find_number(&f, 13));
	/* Interviewees gave 1.5, 3.5 and "Don't know"; only the ends were labelled. */
	assert_true(f.half_points);
	assert_true(f.dont_know);
	assert_int_equal(f.n_points, 5);
	assert_int_equal(f.points[0].value, 1);
	assert_int_equal(f.points[4].value, 5);
	assert_string_equal(f.points[4].label,
			    "The standard is fully achieved across the Children's Trust");
	assert_null(f.points[2].label);
	assert_int_equal(framework_find_number(&f, 7)->n_excellence, 0);
}

static void csp_13(void **state)
{
	struct framework f;
	assert_int_equal(framework_builtin("csp-2009-13", &pool, &f), E_OK);
	assert_string_equal(f.id, "csp-2009-13");
	assert_int_equal(f.n_standards, 13);
	for (size_t i = 0; i < f.n_standards; i++)
		assert_int_equal(f.standards[i].number, (int)i + 1);
	/* North Yorkshire's Appendix B, word for word. */
	assert_string_equal(framework_find_number(&f, 4)->title,
			    "We have clear, agreed and effective arrangements which support "
			    "joint commissioning");
	assert_string_equal(framework_find_number(&f, 8)->title,
			    "We successfully monitor the impact and manage the performance of "
			    "services");
	assert_string_equal(framework_find_number(&f, 12)->title,
			    "We have the right people with the right skills, knowledge and "
			    "expertise to commission effectively");
	assert_false(f.half_points);
	assert_false(f.dont_know);
	assert_int_equal(f.n_points, 5);
	assert_string_equal(f.points[1].label,
			    "We do agree what is needed, and have begun to move forward");
	assert_string_equal(f.points[3].label,
			    "We are making very good progress towards meeting the standard");
	const struct framework_standard *perf = framework_find_key(&f, "performance");
	assert_non_null(perf);
	assert_int_equal(perf->number, 8);
	assert_int_equal(perf->n_excellence, 5);
	assert_string_equal(perf->excellence[3],
			    "Systematically holds providers to account for the impact and "
			    "effectiveness of services");
}

/* The 12 <-> 13 table of docs/frameworks.md. */
static void shared_keys(void **state)
{
	static const struct { const char *key; int n12, n13; } map[] = {
		{"outcomes", 1, 1},
		{"commissioning-arrangements", 2, 2},
		{"governance", 3, 3},
		{"joint-commissioning-arrangements", 0, 4},
		{"stakeholder-support", 4, 5},
		{"needs-assessment", 5, 6},
		{"market", 6, 7},
		{"performance", 7, 8},
		{"commissioners-together", 8, 9},
		{"reconfiguration", 9, 10},
		{"leadership", 10, 11},
		{"workforce", 11, 12},
		{"learning", 12, 13},
	};
	struct framework a, b;
	assert_int_equal(framework_builtin("csp-2009-12", &pool, &a), E_OK);
	assert_int_equal(framework_builtin("csp-2009-13", &pool, &b), E_OK);
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++) {
		const struct framework_standard *s12 = framework_find_key(&a, map[i].key);
		const struct framework_standard *s13 = framework_find_key(&b, map[i].key);
		if (map[i].n12) {
			assert_non_null(s12);
			assert_int_equal(s12->number, map[i].n12);
		} else {
			assert_null(s12);
		}
		assert_non_null(s13);
		assert_int_equal(s13->number, map[i].n13);
	}
	/* Every key of the 12 is in the 13. */
	for (size_t i = 0; i < a.n_standards; i++)
		assert_non_null(framework_find_key(&b, a.standards[i].key));
}

/* The example in docs/frameworks.md, verbatim. */
static const char three_level[] =
	"{\n"
	"  \"id\": \"partnership-maturity\",\n"
	"  \"title\": \"Partnership maturity check\",\n"
	"  \"source\": \"Written by the partnership, 2025\",\n"
	"  \"version\": \"1\",\n"
	"  \"scale\": {\n"
	"    \"points\": [\n"
	"      {\"value\": 1, \"label\": \"Emerging\"},\n"
	"      {\"value\": 2, \"label\": \"Established\"},\n"
	"      {\"value\": 3, \"label\": \"Advanced\"}\n"
	"    ],\n"
	"    \"half_points\": false,\n"
	"    \"dont_know\": true\n"
	"  },\n"
	"  \"standards\": [\n"
	"    {\"number\": 1, \"key\": \"needs-assessment\", \"section\": \"Assess\",\n"
	"     \"title\": \"We understand the needs of children and families in our area\",\n"
	"     \"text\": \"Needs analysis draws on data and on what children and families tell us.\",\n"
	"     \"excellence\": [\"The needs assessment is refreshed every year\",\n"
	"                    \"Findings are broken down by area and by group\"]},\n"
	"    {\"number\": 2, \"key\": \"pooled-budgets\", \"section\": \"Do\",\n"
	"     \"title\": \"We pool budgets where that improves outcomes\"}\n"
	"  ]\n"
	"}\n";

static void three_level_example(void **state)
{
	struct framework f;
	assert_int_equal(parse(three_level, &f), E_OK);
	assert_int_equal(f.n_points, 3);
	assert_string_equal(f.points[0].label, "Emerging");
	assert_string_equal(f.points[2].label, "Advanced");
	assert_int_equal(f.n_standards, 2);
	assert_string_equal(f.standards[0].section, "Assess");
	assert_int_equal(f.standards[0].n_excellence, 2);
	assert_string_equal(f.standards[0].excellence[1],
			    "Findings are broken down by area and by group");
	assert_null(f.standards[1].text);
	assert_null(f.standards[1].excellence[0]);
}

/* three_level with the first occurrence of from replaced by to. */
static const char *edit(const char *from, const char *to)
{
	static char buf[4096];
	const char *at = strstr(three_level, from);
	assert_non_null(at);
	snprintf(buf, sizeof buf, "%.*s%s%s", (int)(at - three_level), three_level,
		 to, at + strlen(from));
	return buf;
}

static void expect(const char *json, enum err rc, const char *msg)
{
	struct framework f;
	err[0] = '\0';
	assert_int_equal(parse(json, &f), rc);
	assert_string_equal(err, msg);
	assert_null(f.standards);
}

static void refusals(void **state)
{
	expect("{", E_INVAL, "not valid JSON: line 1, column 1: string or '}' expected near end of file");
	expect("[]", E_INVAL, "the file must hold one JSON object");
	expect(edit("\"key\": \"pooled-budgets\"", "\"key\": \"Pooled budgets\""), E_INVAL,
	       "standards[1].key: must be lower-case letters, digits and hyphens, "
	       "starting with a letter");
	expect(edit("\"key\": \"pooled-budgets\"", "\"key\": \"needs-assessment\""), E_INVAL,
	       "standards[1].key: 'needs-assessment' is already the key of standards[0]");
	expect(edit("\"number\": 2", "\"number\": 1"), E_INVAL,
	       "standards[1].number: 1 is already the number of standards[0]");
	expect(edit("\"number\": 2", "\"number\": 0"), E_RANGE,
	       "standards[1].number: must be from 1 to 999");
	expect(edit("\"number\": 2", "\"number\": 2.5"), E_INVAL,
	       "standards[1].number: must be a whole number");
	expect(edit("{\"value\": 2", "{\"value\": 4"), E_INVAL,
	       "scale.points[1].value: must be one more than the point before (1)");
	expect(edit("{\"value\": 2", "{\"value\": 1"), E_INVAL,
	       "scale.points[1].value: must be one more than the point before (1)");
	expect(edit("\"half_points\": false", "\"half_points\": \"no\""), E_INVAL,
	       "scale.half_points: must be true or false");
	expect(edit("    \"dont_know\": true\n", "    \"dont_knwo\": true\n"), E_INVAL,
	       "scale.dont_knwo: unknown field");
	expect(edit("\"id\": \"partnership-maturity\"", "\"id\": \"x--y\""), E_INVAL,
	       "id: must be lower-case letters, digits and hyphens, starting with a letter");
	expect(edit("\"version\": \"1\",\n", ""), E_INVAL, "version: is required");
	expect(edit("\"title\": \"Partnership maturity check\"", "\"title\": \"\""), E_INVAL,
	       "title: must not be empty");
	expect(edit("\"title\": \"We pool", "\"title\": \"We\\u0007 pool"), E_INVAL,
	       "standards[1].title: must not contain control characters");
	expect(edit("\"Findings are", "3, \"Findings are"), E_INVAL,
	       "standards[0].excellence[1]: must be text");
	expect(edit("\"section\": \"Do\",", "\"sections\": \"Do\","), E_INVAL,
	       "standards[1].sections: unknown field");
	expect(edit("{\"value\": 2, \"label\": \"Established\"},\n"
		    "      {\"value\": 3, \"label\": \"Advanced\"}\n", ""),
	       E_INVAL, "not valid JSON: line 9, column 11: unexpected token near ']'");
	expect(edit("{\"value\": 1, \"label\": \"Emerging\"},\n"
		    "      {\"value\": 2, \"label\": \"Established\"},\n", ""),
	       E_INVAL, "scale.points: must have at least 2 entries");
	expect(edit("\"standards\": [", "\"standards\": [], \"x\": ["), E_INVAL,
	       "x: unknown field");
	expect(edit("\"label\": \"Emerging\"", "\"label\": \"Emerging\", \"label\": \"E\""),
	       E_INVAL, "not valid JSON: line 8, column 47: duplicate object key near '\"label\"'");
}

static void limits(void **state)
{
	/* 201 standards. */
	static char big[64 * 1024];
	size_t n = (size_t)snprintf(big, sizeof big,
		"{\"id\":\"big\",\"title\":\"t\",\"source\":\"s\",\"version\":\"1\","
		"\"scale\":{\"points\":[{\"value\":1},{\"value\":2}],"
		"\"half_points\":true,\"dont_know\":false},\"standards\":[");
	for (int i = 1; i <= FRAMEWORK_MAX_STANDARDS + 1; i++)
		n += (size_t)snprintf(big + n, sizeof big - n,
				      "%s{\"number\":%d,\"key\":\"k%d\",\"title\":\"T\"}",
				      i > 1 ? "," : "", i, i);
	snprintf(big + n, sizeof big - n, "]}");
	expect(big, E_TOOBIG, "standards: must have at most 200 entries");

	/* Exactly 200 is fine. */
	char *last = strstr(big, ",{\"number\":201");
	assert_non_null(last);
	strcpy(last, "]}");
	struct framework f;
	assert_int_equal(parse(big, &f), E_OK);
	assert_int_equal(f.n_standards, 200);
	assert_string_equal(framework_find_number(&f, 200)->key, "k200");

	char longtitle[700];
	memset(longtitle, 'a', 600);
	longtitle[600] = '\0';
	char doc[2048];
	snprintf(doc, sizeof doc, "\"title\": \"%s\"", longtitle);
	expect(edit("\"title\": \"Partnership maturity check\"", doc), E_TOOBIG,
	       "title: must be at most 500 bytes");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(builtin_list, setup, teardown),
		cmocka_unit_test_setup_teardown(csp_12, setup, teardown),
		cmocka_unit_test_setup_teardown(csp_13, setup, teardown),
		cmocka_unit_test_setup_teardown(shared_keys, setup, teardown),
		cmocka_unit_test_setup_teardown(three_level_example, setup, teardown),
		cmocka_unit_test_setup_teardown(refusals, setup, teardown),
		cmocka_unit_test_setup_teardown(limits, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
