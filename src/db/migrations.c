/*
 * migrations.c: the schema, as the list of changes that built it.
 *
 * Forward only: a released migration is never edited, a later one changes
 * it.  The SQL is the same for both backends; {{ID}}, {{I64}} and {{STRICT}}
 * are filled in by db_exec().  Timestamps are ISO-8601 UTC text written by
 * jcs ("2026-11-22T06:30:00Z"), money is integer pence and scores are
 * integer half-points, so nothing depends on a backend's date or decimal
 * types.  Every domain table carries partnership_id.
 */
#include "db/migrate_impl.h"

const struct migration migrations[] = {
	{1, "partnerships and organisations",
	 "CREATE TABLE partnership ("
	 " id {{ID}},"
	 " slug TEXT NOT NULL UNIQUE,"
	 " name TEXT NOT NULL,"
	 " created_at TEXT NOT NULL"
	 "){{STRICT}};"
	 "CREATE TABLE organisation ("
	 " id {{ID}},"
	 " partnership_id {{I64}} NOT NULL REFERENCES partnership(id),"
	 " name TEXT NOT NULL,"
	 " type TEXT NOT NULL CHECK (type IN ('county_council','unitary_council',"
	 "'district_council','nhs','school','police','voluntary','private','other')),"
	 " role TEXT NOT NULL CHECK (role IN ('commissioner','provider','both')),"
	 " identifier TEXT,"
	 " retired_at TEXT,"
	 " created_at TEXT NOT NULL,"
	 " UNIQUE (partnership_id, name)"
	 "){{STRICT}};"
	 "CREATE INDEX organisation_partnership ON organisation(partnership_id);"},
};

const size_t migrations_count = sizeof migrations / sizeof migrations[0];
