/*
 * demo.c: the demonstration partnership a fresh jcs starts with.
 *
 * Oxfordshire's Children and Young People's Trust is one of the board
 * papers in the seeds; its partners appear here by organisation only (no
 * officers' names, which the seeds may not give away).
 *
 * The check and the inserts share one transaction.  On SQLite that
 * transaction holds the write lock, so a second process waits and then
 * sees the partnership.  On PostgreSQL two processes can both see an empty
 * table; the second one's insert then waits on the unique slug and fails
 * with E_CONFLICT once the first commits, which here means "already done".
 */
#include "partnership/partnership.h"

#include "db/db.h"

static const struct {
	const char *name;
	const char *type;
	const char *role;
} demo_orgs[] = {
	{"Oxfordshire County Council", "county_council", "both"},
	{"NHS Oxfordshire", "nhs", "commissioner"},
	{"Cherwell District Council", "district_council", "commissioner"},
	{"Oxfordshire Voluntary and Community Sector Forum", "voluntary", "provider"},
};

static enum err any_partnership(struct db *db, int *any)
{
	struct db_stmt *st = NULL;
	enum err rc = db_prepare(db, "SELECT id FROM partnership ORDER BY id LIMIT 1", &st);
	if (rc)
		goto out;
	int r = db_step(st);
	if (r == DB_ROW)
		*any = 1;
	else if (r == DB_DONE)
		*any = 0;
	else
		rc = (enum err)r;
out:
	db_finish(st);
	return rc;
}

enum err demo_ensure(struct db *db, int *created)
{
	int any = 0;
	int64_t id = 0;
	if (created)
		*created = 0;
	enum err rc = db_begin(db);
	if (rc)
		goto out;
	rc = any_partnership(db, &any);
	if (rc || any)
		goto out;
	rc = partnership_create(db, "oxfordshire",
	                        "Oxfordshire Children and Young People's Trust", &id);
	if (rc)
		goto out;
	for (size_t i = 0; i < sizeof demo_orgs / sizeof demo_orgs[0]; i++) {
		rc = organisation_add(db, id, demo_orgs[i].name, demo_orgs[i].type,
		                      demo_orgs[i].role, NULL, NULL);
		if (rc)
			goto out;
	}
	rc = db_commit(db);
	if (rc)
		goto out;
	if (created)
		*created = 1;
	return E_OK;
out:
	db_rollback(db);
	/* Lost the race to another process: the demo exists, which is the goal. */
	if (rc == E_CONFLICT)
		rc = E_OK;
	return rc;
}
