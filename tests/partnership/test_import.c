/*
 * test_import.c: CSV imports of organisations and areas on whichever
 * backend ctest chose.  What a person exports from a spreadsheet imports;
 * every problem is reported with its row (the line in the file) and column
 * (the header name), all of them at once, in row order; and nothing is
 * written unless the whole file is good, even when a write fails midway.
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
#include "core/pool.h"
#include "db/db.h"
#include "partnership/area.h"
#include "partnership/import.h"
#include "partnership/partnership.h"
#include "support/teststore.h"

#define TYPES "county_council, unitary_council, district_council, nhs, school, police," \
	" voluntary, private, other"

static struct import_result res;
static int64_t p, q;

static int setup(void **state)
{
	return teststore_setup_pair(state, &p, &q);
}

static enum err orgs(int64_t partnership, const char *csv)
{
	return import_organisations(testdb, &testpool, &actor_cli, partnership, csv, strlen(csv), &res);
}

static enum err areas(int64_t partnership, const char *csv)
{
	return import_areas(testdb, &testpool, &actor_cli, partnership, csv, strlen(csv), &res);
}

static int64_t n_orgs(int64_t partnership)
{
	return teststore_i64("SELECT COUNT(*) FROM organisation WHERE partnership_id = $1", partnership, NULL);
}

static int64_t n_areas(int64_t partnership)
{
	return teststore_i64("SELECT COUNT(*) FROM area WHERE partnership_id = $1", partnership, NULL);
}

static int64_t n_events(int64_t partnership)
{
	return teststore_i64("SELECT COUNT(*) FROM audit_event WHERE partnership_id = $1"
			     " AND entity IN ('organisation', 'area')", partnership, NULL);
}

/* Error i is at row and column with exactly this message. */
static void check_error(size_t i, size_t row, const char *column, const char *message)
{
	assert_true(i < res.nerrors);
	assert_int_equal(res.errors[i].row, row);
	if (column)
		assert_string_equal(res.errors[i].column, column);
	else
		assert_null(res.errors[i].column);
	assert_string_equal(res.errors[i].message, message);
}

static void check_nothing_written(void)
{
	assert_int_equal(res.added, 0);
	assert_int_equal(n_orgs(p), 0);
	assert_int_equal(n_areas(p), 0);
	assert_int_equal(n_events(p), 0);
	assert_false(db_in_transaction(testdb));
}

static void test_organisations_every_code(void **state)
{
	/* As a spreadsheet saves it: a byte order mark, CRLF, columns in its
	 * own order, quoted cells, spaces around values, a blank line and
	 * trailing empty rows. */
	assert_int_equal(orgs(p,
		"\xEF\xBB\xBFrole, name ,identifier,type\r\n"
		"both,Oxfordshire County Council,,county_council\r\n"
		"commissioner,Milton Keynes Council,E06000042,unitary_council\r\n"
		"commissioner,Cherwell District Council,,district_council\r\n"
		"\r\n"
		"provider,\"Oxford Health NHS Foundation Trust\",RNU, nhs \r\n"
		"provider,\"Cheney School, Oxford\",,school\r\n"
		"commissioner,Thames Valley Police,,police\r\n"
		"provider,Action for Children,1097940,voluntary\r\n"
		"provider,\"\"\"Bright\"\" Futures Ltd\",07654321,private\r\n"
		"both,  South Central Region Partnership  ,,other\r\n"
		",,,\r\n"
		",,,"), E_OK);
	assert_int_equal(res.nerrors, 0);
	assert_int_equal(res.more_errors, 0);
	assert_int_equal(res.added, 9);
	assert_int_equal(n_orgs(p), 9);
	assert_int_equal(n_orgs(q), 0);

	struct organisation o;
	assert_int_equal(organisation_find_by_name(testdb, &testpool, p, "Oxford Health NHS Foundation Trust",
						   &o), E_OK);
	assert_string_equal(o.type, "nhs");
	assert_string_equal(o.role, "provider");
	assert_string_equal(o.identifier, "RNU");
	assert_int_equal(organisation_find_by_name(testdb, &testpool, p, "Oxfordshire County Council", &o),
			 E_OK);
	assert_string_equal(o.type, "county_council");
	assert_string_equal(o.role, "both");
	assert_null(o.identifier);
	assert_int_equal(organisation_find_by_name(testdb, &testpool, p, "\"Bright\" Futures Ltd", &o), E_OK);
	assert_string_equal(o.type, "private");
	assert_string_equal(o.identifier, "07654321");
	assert_int_equal(organisation_find_by_name(testdb, &testpool, p, "South Central Region Partnership",
						   &o), E_OK);
	assert_string_equal(o.type, "other");
	assert_int_equal(organisation_find_by_name(testdb, &testpool, p, "Cheney School, Oxford", &o), E_OK);
	assert_string_equal(o.type, "school");

	/* Each row has its audit event, by the command line. */
	struct audit_event *e = NULL;
	size_t n = 0;
	int more = 0;
	struct audit_filter f = {.entity = "organisation", .action = "create"};
	assert_int_equal(audit_list(testdb, &testpool, p, &f, &e, &n, &more), E_OK);
	assert_int_equal(n, 9);
	assert_string_equal(e[0].actor, "command line");
	assert_non_null(strstr(e[0].after, "South Central Region Partnership"));
}

static void test_one_bad_row_writes_nothing(void **state)
{
	assert_int_equal(orgs(p,
		"name,type,role\n"
		"Oxfordshire County Council,county_council,both\n"
		"NHS Oxfordshire,nhs,commissioner\n"
		"Oxford City Council,council,commissioner\n"
		"Thames Valley Police,police,commissioner\n"), E_INVAL);
	assert_int_equal(res.nerrors, 1);
	check_error(0, 4, "type", "\"council\" is not a type: use one of " TYPES);
	assert_string_equal(import_error_text(&testpool, &res.errors[0]),
			    "row 4, column type: \"council\" is not a type: use one of " TYPES);
	check_nothing_written();

	/* Fixed, the same file imports. */
	assert_int_equal(orgs(p,
		"name,type,role\n"
		"Oxfordshire County Council,county_council,both\n"
		"NHS Oxfordshire,nhs,commissioner\n"
		"Oxford City Council,district_council,commissioner\n"
		"Thames Valley Police,police,commissioner\n"), E_OK);
	assert_int_equal(res.added, 4);
	assert_int_equal(n_orgs(p), 4);
}

static void test_organisation_errors_all_listed(void **state)
{
	int64_t old = 0;
	assert_int_equal(organisation_add(testdb, &actor_cli, p, "Existing Trust", "nhs", "provider",
					  NULL, NULL), E_OK);
	assert_int_equal(organisation_add(testdb, &actor_cli, p, "Old Charity", "voluntary",
					  "provider", NULL, &old), E_OK);
	assert_int_equal(organisation_set_retired(testdb, &actor_cli, p, old, 1), E_OK);
	/* The same name in another partnership is no conflict. */
	assert_int_equal(organisation_add(testdb, &actor_cli, q, "Elsewhere", "nhs", "provider",
					  NULL, NULL), E_OK);
	const int64_t events = n_events(p);

	assert_int_equal(orgs(p,
		"name,type,role,identifier\n"          /* 1 */
		",nhs,provider,\n"                      /* 2 */
		"Good One,,owner,\n"                    /* 3 */
		"Good One,NHS,both,\n"                  /* 4 */
		"Existing Trust,nhs,provider,\n"        /* 5 */
		"Old Charity,voluntary,provider,\n"     /* 6 */
		"Short,nhs\n"                           /* 7 */
		"Tabbed,nhs,both,\"a\tb\"\n"            /* 8 */
		"Elsewhere,nhs,both,\n"), E_INVAL);     /* 9: fine */
	assert_int_equal(res.nerrors, 9);
	assert_int_equal(res.more_errors, 0);
	check_error(0, 2, "name", "enter a name");
	check_error(1, 3, "type", "enter a type: one of " TYPES);
	check_error(2, 3, "role", "\"owner\" is not a role: use one of commissioner, provider, both");
	check_error(3, 4, "name", "the name \"Good One\" is already on row 3");
	check_error(4, 4, "type", "\"NHS\" is not a type: use one of " TYPES);
	check_error(5, 5, "name", "there is already an organisation called \"Existing Trust\"");
	check_error(6, 6, "name", "there is already an organisation called \"Old Charity\""
		    " (retired: reinstate it instead)");
	check_error(7, 7, NULL, "this row has 2 fields but the header has 4");
	check_error(8, 8, "identifier", "identifier is too long (at most 255 bytes) or holds a tab,"
		    " line break or other control character");
	assert_int_equal(n_orgs(p), 2);
	assert_int_equal(n_events(p), events);

	char name[300];
	memset(name, 'n', 256);
	snprintf(name + 256, sizeof name - 256, ",nhs,both\n");
	char *file = pool_printf(&testpool, "name,type,role\n%s", name);
	assert_int_equal(orgs(p, file), E_INVAL);
	check_error(0, 2, "name", "name is too long (at most 255 bytes) or holds a tab,"
		    " line break or other control character");
	assert_int_equal(n_orgs(p), 2);
}

static void test_header_errors(void **state)
{
	const char *cols = "the columns are name, type, role and optionally identifier";
	assert_int_equal(orgs(p, "name,type,role,email\nA,nhs,both,a@example.org\n"), E_INVAL);
	assert_int_equal(res.nerrors, 1);
	check_error(0, 1, "email", pool_printf(&testpool, "unknown column: %s", cols));
	assert_string_equal(import_error_text(&testpool, &res.errors[0]),
			    pool_printf(&testpool, "row 1, column email: unknown column: %s", cols));

	/* Rows are not checked against a header that is wrong. */
	assert_int_equal(orgs(p, "name,Type,name,role,\nA,bogus,A,bogus,\n"), E_INVAL);
	assert_int_equal(res.nerrors, 4);
	check_error(0, 1, "Type", pool_printf(&testpool, "unknown column: %s", cols));
	check_error(1, 1, "name", "the header has the name column more than once");
	check_error(2, 1, NULL, pool_printf(&testpool, "an empty column name in the header (field 5): %s",
					    cols));
	check_error(3, 1, "type", pool_printf(&testpool, "the header has no type column: %s", cols));

	assert_int_equal(areas(p, "name,type\nOxfordshire,county\n"), E_INVAL);
	assert_int_equal(res.nerrors, 1);
	check_error(0, 1, "parent", "the header has no parent column: the columns are name, type,"
		    " parent and optionally population_0_19, imd_decile");
	/* identifier is not an area column. */
	assert_int_equal(areas(p, "name,type,parent,identifier\n"), E_INVAL);
	check_error(0, 1, "identifier", "unknown column: the columns are name, type, parent and"
		    " optionally population_0_19, imd_decile");
	check_nothing_written();
}

static void test_file_errors(void **state)
{
	/* A CSV syntax error names its line and column. */
	assert_int_equal(orgs(p, "name,type,role\nA,nhs,both\nB\"x,nhs,both\n"), E_INVAL);
	assert_int_equal(res.nerrors, 1);
	check_error(0, 0, NULL, "line 3, column 2: a quote inside a field that does not start with a"
		    " quote (put the whole field in quotes and write the quote twice)");
	assert_string_equal(import_error_text(&testpool, &res.errors[0]), res.errors[0].message);

	assert_int_equal(orgs(p, ""), E_INVAL);
	check_error(0, 0, NULL, "the file is empty: its first row must be the header, with the"
		    " columns name, type, role and optionally identifier");
	assert_int_equal(orgs(p, "\xEF\xBB\xBF\r\n\r\n"), E_INVAL);
	assert_int_equal(res.nerrors, 1);
	assert_int_equal(orgs(p, "name,type,role\r\n,,\r\n"), E_INVAL);
	check_error(0, 0, NULL, "the file has no rows under its header");
	assert_int_equal(orgs(p, "name,type,role\nA,nhs,\xff\n"), E_INVAL);
	check_error(0, 0, NULL, "line 2, column 7: the text is not valid UTF-8 (save the file as CSV"
		    " UTF-8)");

	/* Over 5 MB: refused before reading. */
	size_t big = 5u * 1024 * 1024 + 1;
	char *data = xmalloc(big + 1);
	assert_non_null(data);
	memset(data, 'a', big);
	data[big] = '\0';
	assert_int_equal(import_organisations(testdb, &testpool, &actor_cli, p, data, big, &res),
			 E_TOOBIG);
	check_error(0, 0, NULL, "the file is larger than 5 MB: split it into smaller files");
	xfree(data);

	/* IMPORT_ROWS_MAX rows under the header, and one more. */
	const size_t rows = IMPORT_ROWS_MAX + 1, head = strlen("name,type,role\n");
	const size_t len = head + rows * 2;
	char *many = xmalloc(len);
	assert_non_null(many);
	memcpy(many, "name,type,role\n", head);
	for (size_t i = 0; i < rows; i++)
		memcpy(many + head + 2 * i, "x\n", 2);
	assert_int_equal(import_organisations(testdb, &testpool, &actor_cli, p, many, len, &res),
			 E_TOOBIG);
	assert_int_equal(res.nerrors, 1);
	check_error(0, 0, NULL, "the file has more than 20000 rows under its header: split it into"
		    " smaller files");
	/* At the limit the rows are read (and then checked). */
	assert_int_equal(import_organisations(testdb, &testpool, &actor_cli, p, many, len - 2, &res),
			 E_INVAL);
	check_error(0, 2, NULL, "this row has 1 field but the header has 3");
	assert_int_equal(res.more_errors, 1);
	xfree(many);
	check_nothing_written();
}

static void test_errors_are_capped(void **state)
{
	char *file = pool_strdup(&testpool, "name,type,role\n");
	for (int i = 0; i < 150; i++)
		file = pool_printf(&testpool, "%sOrg %d,nhs,owner\n", file, i);
	assert_int_equal(orgs(p, file), E_INVAL);
	assert_int_equal(res.nerrors, IMPORT_ERRORS_MAX);
	assert_int_equal(res.more_errors, 1);
	check_error(0, 2, "role", "\"owner\" is not a role: use one of commissioner, provider, both");
	check_error(IMPORT_ERRORS_MAX - 1, IMPORT_ERRORS_MAX + 1, "role",
		    "\"owner\" is not a role: use one of commissioner, provider, both");
	check_nothing_written();
}

static void test_areas_hierarchy(void **state)
{
	int64_t existing = 0;
	assert_int_equal(area_add(testdb, &actor_cli, p, "Oxfordshire", "county", 0, 140000, 0,
				  &existing), E_OK);
	const int64_t events = n_events(p);
	assert_int_equal(areas(p,
		"name,type,parent,population_0_19,imd_decile\r\n"
		"Cherwell,district,Oxfordshire,33000,6\r\n"
		"Banbury,locality,Cherwell,,\r\n"
		"Ruscote,ward,Banbury,2900,1\r\n"
		"Grimsbury,ward, Banbury ,2100,2\r\n"
		"Bicester,locality,Cherwell, 8000 ,3\r\n"
		"Kidlington,ward,Cherwell,0,10\r\n"
		"Buckinghamshire,county,,,\r\n"), E_OK);
	assert_int_equal(res.nerrors, 0);
	assert_int_equal(res.added, 7);
	assert_int_equal(n_areas(p), 8);
	assert_int_equal(n_events(p), events + 7);

	struct area cherwell, banbury, ruscote, kidlington, bucks, bicester;
	assert_int_equal(area_find_by_name(testdb, &testpool, p, "Cherwell", &cherwell), E_OK);
	assert_int_equal(area_find_by_name(testdb, &testpool, p, "Banbury", &banbury), E_OK);
	assert_int_equal(area_find_by_name(testdb, &testpool, p, "Ruscote", &ruscote), E_OK);
	assert_int_equal(area_find_by_name(testdb, &testpool, p, "Kidlington", &kidlington), E_OK);
	assert_int_equal(area_find_by_name(testdb, &testpool, p, "Buckinghamshire", &bucks), E_OK);
	assert_int_equal(area_find_by_name(testdb, &testpool, p, "Bicester", &bicester), E_OK);
	assert_int_equal(cherwell.parent_id, existing);
	assert_string_equal(cherwell.type, "district");
	assert_int_equal(cherwell.population_0_19, 33000);
	assert_int_equal(cherwell.imd_decile, 6);
	assert_int_equal(banbury.parent_id, cherwell.id);
	assert_string_equal(banbury.type, "locality");
	assert_int_equal(banbury.population_0_19, -1);
	assert_int_equal(banbury.imd_decile, 0);
	assert_int_equal(ruscote.parent_id, banbury.id);
	assert_string_equal(ruscote.type, "ward");
	assert_int_equal(ruscote.imd_decile, 1);
	assert_true(area_is_deprived(ruscote.imd_decile));
	/* A ward may sit straight under a district. */
	assert_int_equal(kidlington.parent_id, cherwell.id);
	assert_int_equal(kidlington.population_0_19, 0);
	assert_int_equal(kidlington.imd_decile, 10);
	assert_int_equal(bicester.population_0_19, 8000);
	assert_int_equal(bucks.parent_id, 0);
	assert_int_equal(bucks.population_0_19, -1);

	/* A later file may hang areas under any of these. */
	assert_int_equal(areas(p, "name,type,parent\nNeithrop,ward,Banbury\n"), E_OK);
	assert_int_equal(res.added, 1);
}

static void test_area_errors_all_listed(void **state)
{
	int64_t old = 0;
	assert_int_equal(area_add(testdb, &actor_cli, p, "Oxfordshire", "county", 0, -1, 0, NULL),
			 E_OK);
	assert_int_equal(area_add(testdb, &actor_cli, p, "Old Ward", "ward", 0, -1, 0, &old), E_OK);
	assert_int_equal(area_set_retired(testdb, &actor_cli, p, old, 1), E_OK);
	assert_int_equal(area_add(testdb, &actor_cli, q, "Elsewhere", "county", 0, -1, 0, NULL), E_OK);
	const int64_t areas_before = n_areas(p), events = n_events(p);

	assert_int_equal(areas(p,
		"name,type,parent,population_0_19,imd_decile\n"   /* 1 */
		"Cherwell,district,Oxfordshire,,\n"                /* 2: fine */
		"Banbury,locality,Bicester,,\n"                    /* 3 */
		"Bicester,locality,Cherwell,,\n"                   /* 4: fine */
		"Twin,district,Cherwell,,\n"                       /* 5 */
		"Wessex,county,Oxfordshire,,\n"                    /* 6 */
		"Loop,ward,Loop,,\n"                               /* 7 */
		"Stray,ward,Nowhere,,\n"                           /* 8 */
		"Orphan,ward,Old Ward,,\n"                         /* 9 */
		"Away,ward,Elsewhere,,\n"                          /* 10 */
		"Oxfordshire,county,,,\n"                          /* 11 */
		"Counted,ward,Bicester,\"12,000\",0\n"             /* 12 */
		"Signed,ward,Bicester,-5,11\n"                     /* 13 */
		"Decimal,ward,Bicester,1.5,x\n"                    /* 14 */
		"Huge,ward,Bicester,100000001,3\n"                 /* 15 */
		"Typed,region,Bicester,,\n"                        /* 16 */
		"Cherwell,district,Oxfordshire,,\n"), E_INVAL);    /* 17 */
	const char *pop = "population_0_19 must be a whole number from 0 to 100000000 (no commas),"
			  " or empty when not known";
	const char *dec = "imd_decile must be a whole number from 1 to 10, or empty when not known";
	size_t i = 0;
	check_error(i++, 3, "parent", "the parent \"Bicester\" is on a later row (4): put each area"
		    " after its parent");
	check_error(i++, 5, "parent", "the parent of a district must be a county, but \"Cherwell\" is"
		    " a district");
	check_error(i++, 6, "parent", "a county has no parent: leave parent empty");
	check_error(i++, 7, "parent", "an area cannot be its own parent");
	check_error(i++, 8, "parent", "there is no area called \"Nowhere\" in this partnership or on"
		    " an earlier row");
	check_error(i++, 9, "parent", "the parent \"Old Ward\" is retired");
	check_error(i++, 10, "parent", "there is no area called \"Elsewhere\" in this partnership or"
		    " on an earlier row");
	check_error(i++, 11, "name", "there is already an area called \"Oxfordshire\"");
	check_error(i++, 12, "population_0_19", pool_printf(&testpool, "%s (not \"12,000\")", pop));
	check_error(i++, 12, "imd_decile", pool_printf(&testpool, "%s (not \"0\")", dec));
	check_error(i++, 13, "population_0_19", pool_printf(&testpool, "%s (not \"-5\")", pop));
	check_error(i++, 13, "imd_decile", pool_printf(&testpool, "%s (not \"11\")", dec));
	check_error(i++, 14, "population_0_19", pool_printf(&testpool, "%s (not \"1.5\")", pop));
	check_error(i++, 14, "imd_decile", pool_printf(&testpool, "%s (not \"x\")", dec));
	check_error(i++, 15, "population_0_19", pool_printf(&testpool, "%s (not \"100000001\")", pop));
	check_error(i++, 16, "type", "\"region\" is not a type: use one of county, district,"
		    " locality, ward");
	check_error(i++, 17, "name", "the name \"Cherwell\" is already on row 2");
	assert_int_equal(res.nerrors, i);
	assert_string_equal(import_error_text(&testpool, &res.errors[1]),
			    "row 5, column parent: the parent of a district must be a county, but"
			    " \"Cherwell\" is a district");
	assert_int_equal(res.added, 0);
	assert_int_equal(n_areas(p), areas_before);
	assert_int_equal(n_events(p), events);
	assert_int_equal(n_areas(q), 1);

	/* The level rule names every higher level, and an existing parent's
	 * type counts as a row's would. */
	assert_int_equal(areas(p, "name,type,parent\nA,district,Oxfordshire\nB,ward,A\nC,ward,B\n"
				  "D,locality,Old Ward\n"), E_INVAL);
	assert_int_equal(res.nerrors, 2);
	check_error(0, 4, "parent", "the parent of a ward must be a county, district or locality, but"
		    " \"B\" is a ward");
	check_error(1, 5, "parent", "the parent \"Old Ward\" is retired");
	assert_int_equal(areas(p, "name,type,parent\nE,county,Oxfordshire\n"), E_INVAL);
	check_error(0, 2, "parent", "a county has no parent: leave parent empty");
	assert_int_equal(areas(p, "name,type,parent\nE,locality,Old Ward\nF,district,Oxfordshire\n"
				  "G,locality,F\nH,district,G\n"), E_INVAL);
	check_error(1, 5, "parent", "the parent of a district must be a county, but \"G\" is a"
		    " locality");
	assert_int_equal(n_areas(p), areas_before);
}

static void test_partnerships_are_separate(void **state)
{
	assert_int_equal(orgs(p, "name,type,role\nShared Name,nhs,both\n"), E_OK);
	assert_int_equal(areas(p, "name,type,parent\nAlpha County,county,\n"), E_OK);
	/* The same names in another partnership are new there, and its areas
	 * cannot hang under another partnership's. */
	assert_int_equal(orgs(q, "name,type,role\nShared Name,school,provider\n"), E_OK);
	assert_int_equal(areas(q, "name,type,parent\nBeta District,district,Alpha County\n"), E_INVAL);
	check_error(0, 2, "parent", "there is no area called \"Alpha County\" in this partnership or on"
		    " an earlier row");
	assert_int_equal(n_orgs(p), 1);
	assert_int_equal(n_orgs(q), 1);
	assert_int_equal(n_areas(q), 0);
	struct organisation o;
	assert_int_equal(organisation_find_by_name(testdb, &testpool, p, "Shared Name", &o), E_OK);
	assert_string_equal(o.type, "nhs");
}

/*
 * All or nothing when a write fails midway: with every allocation failing
 * in turn, the import either succeeds whole or leaves nothing behind (no
 * row, no audit event, no open transaction).
 */
static void test_failure_midway_writes_nothing(void **state)
{
	const char *file =
		"name,type,parent,population_0_19,imd_decile\n"
		"Shire,county,,1000,\n"
		"North,district,Shire,400,2\n"
		"Middle,locality,North,,\n"
		"Top Ward,ward,Middle,50,1\n";
	int failed = 0;
	for (long k = 0; k < 5000; k++) {
		alloc_fail_after(k);
		enum err rc = areas(p, file);
		alloc_fail_reset();
		assert_false(db_in_transaction(testdb));
		if (rc == E_OK) {
			assert_int_equal(res.added, 4);
			assert_int_equal(n_areas(p), 4);
			assert_int_equal(n_events(p), 4);
			break;
		}
		failed++;
		assert_int_equal(res.added, 0);
		assert_int_equal(n_areas(p), 0);
		assert_int_equal(n_events(p), 0);
	}
	assert_true(failed > 0);
	assert_int_equal(n_areas(p), 4);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_organisations_every_code, setup, teststore_teardown),
		cmocka_unit_test_setup_teardown(test_one_bad_row_writes_nothing, setup, teststore_teardown),
		cmocka_unit_test_setup_teardown(test_organisation_errors_all_listed, setup, teststore_teardown),
		cmocka_unit_test_setup_teardown(test_header_errors, setup, teststore_teardown),
		cmocka_unit_test_setup_teardown(test_file_errors, setup, teststore_teardown),
		cmocka_unit_test_setup_teardown(test_errors_are_capped, setup, teststore_teardown),
		cmocka_unit_test_setup_teardown(test_areas_hierarchy, setup, teststore_teardown),
		cmocka_unit_test_setup_teardown(test_area_errors_all_listed, setup, teststore_teardown),
		cmocka_unit_test_setup_teardown(test_partnerships_are_separate, setup, teststore_teardown),
		cmocka_unit_test_setup_teardown(test_failure_midway_writes_nothing, setup, teststore_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
