/*
 * demo.c: the demonstration partnership a fresh jcs starts with.
 *
 * Oxfordshire's Children and Young People's Trust is one of the board
 * papers in the seeds; its structure here follows what those papers
 * describe: the Trust board with its joint commissioning and performance
 * management sub-groups, Area Trust Boards, the partners the papers name,
 * and the areas they single out as deprived (Oxford City, Banbury and
 * south Abingdon).  Partners appear by organisation and boards' members by
 * position only: no officer's name or contact detail from the seeds.
 *
 * It also holds the two self-analysis rounds the seed papers report
 * (selfanalysis/demo_rounds.c): Oxfordshire's interviews and North
 * Yorkshire's group scores.
 *
 * Everything is written through the store functions, so the demo obeys the
 * same rules as any user (levels, reporting lines, audit), and the tables
 * refer to each other by index rather than by id, so the data reads as a
 * description.
 *
 * The check and the inserts share one transaction.  On SQLite that
 * transaction holds the write lock, so a second process waits and then
 * sees the partnership.  On PostgreSQL two processes can both see an empty
 * table; the second one's insert then waits on the unique slug and fails
 * with E_CONFLICT once the first commits, which here means "already done".
 */
#include "partnership/partnership.h"

#include <string.h>

#include "audit/audit.h"
#include "auth/user.h"
#include "db/db.h"
#include "partnership/area.h"
#include "partnership/board.h"
#include "selfanalysis/demo_rounds.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))
#define NO (-1)

/* The first four are the original demo's; the rest are named in the seeds:
 * the other districts, the GPs' practice-based consortia and the school
 * partnerships (with whom local commissioning is to be worked out), the
 * further education colleges (settings for jointly commissioned sexual
 * health services) and the regional partnership that commissions places
 * for young people with special educational needs. */
enum {
	ORG_COUNTY, ORG_NHS, ORG_CHERWELL, ORG_VCS, ORG_OXFORD, ORG_SOUTH, ORG_VALE, ORG_WEST,
	ORG_GPS, ORG_SCHOOLS, ORG_COLLEGES, ORG_REGION, ORG_COUNT
};

static const struct {
	const char *name;
	const char *type;
	const char *role;
} demo_orgs[ORG_COUNT] = {
	[ORG_COUNTY] = {"Oxfordshire County Council", "county_council", "both"},
	[ORG_NHS] = {"NHS Oxfordshire", "nhs", "commissioner"},
	[ORG_CHERWELL] = {"Cherwell District Council", "district_council", "commissioner"},
	[ORG_VCS] = {"Oxfordshire Voluntary and Community Sector Forum", "voluntary", "provider"},
	[ORG_OXFORD] = {"Oxford City Council", "district_council", "commissioner"},
	[ORG_SOUTH] = {"South Oxfordshire District Council", "district_council", "commissioner"},
	[ORG_VALE] = {"Vale of White Horse District Council", "district_council", "commissioner"},
	[ORG_WEST] = {"West Oxfordshire District Council", "district_council", "commissioner"},
	[ORG_GPS] = {"Oxfordshire GP practice-based commissioning consortia", "nhs", "commissioner"},
	[ORG_SCHOOLS] = {"Oxfordshire school partnerships", "school", "both"},
	[ORG_COLLEGES] = {"Oxfordshire further education colleges", "school", "provider"},
	[ORG_REGION] = {"South Central Region Partnership", "other", "commissioner"},
};

/*
 * Populations of children and young people aged 0-19 are our estimates for
 * the time of the seeds (about 2009), not figures from them: each
 * district's total population then, times the share aged 0-19 (about a
 * quarter), rounded to the nearest 5,000 because the estimate is no finer
 * than that; the county is the sum of its districts.  Below district
 * level no figure is given rather than a guess.
 *
 * Deprivation: the index of multiple deprivation is published for small
 * neighbourhoods (with summaries for whole councils), not for wards or
 * localities.  The wards marked here are
 * those holding the neighbourhoods the seeds mean by "Oxford City,
 * Banbury and South Abingdon", which fall in England's most deprived 20%
 * (our reading of the IMD 2007 and 2010 small-area figures); decile 2
 * records that band, not a measured ward decile.  Rural deprivation, which
 * the seeds also mention, names no place, so none is marked.  Other areas
 * are left unknown.
 */
enum {
	AREA_COUNTY, AREA_CHERWELL, AREA_OXFORD, AREA_SOUTH, AREA_VALE, AREA_WEST,
	AREA_BANBURY, AREA_BICESTER, AREA_DIDCOT, AREA_ABINGDON, AREA_WITNEY,
	AREA_RUSCOTE, AREA_NEITHROP, AREA_GRIMSBURY, AREA_BLACKBIRD, AREA_NORTHFIELD,
	AREA_ROSEHILL, AREA_BARTON, AREA_CALDECOTT, AREA_COUNT
};

static const struct {
	const char *name;
	const char *type;
	int parent;              /* index in this table, NO for none */
	int64_t population_0_19; /* -1: not known */
	int imd_decile;          /* 0: not known */
} demo_areas[AREA_COUNT] = {
	[AREA_COUNTY] = {"Oxfordshire", "county", NO, 155000, 0},
	[AREA_CHERWELL] = {"Cherwell", "district", AREA_COUNTY, 35000, 0},
	[AREA_OXFORD] = {"Oxford City", "district", AREA_COUNTY, 35000, 0},
	[AREA_SOUTH] = {"South Oxfordshire", "district", AREA_COUNTY, 30000, 0},
	[AREA_VALE] = {"Vale of White Horse", "district", AREA_COUNTY, 30000, 0},
	[AREA_WEST] = {"West Oxfordshire", "district", AREA_COUNTY, 25000, 0},
	[AREA_BANBURY] = {"Banbury", "locality", AREA_CHERWELL, -1, 0},
	[AREA_BICESTER] = {"Bicester", "locality", AREA_CHERWELL, -1, 0},
	[AREA_DIDCOT] = {"Didcot", "locality", AREA_SOUTH, -1, 0},
	[AREA_ABINGDON] = {"Abingdon", "locality", AREA_VALE, -1, 0},
	[AREA_WITNEY] = {"Witney", "locality", AREA_WEST, -1, 0},
	[AREA_RUSCOTE] = {"Banbury Ruscote", "ward", AREA_BANBURY, -1, 2},
	[AREA_NEITHROP] = {"Banbury Neithrop", "ward", AREA_BANBURY, -1, 2},
	[AREA_GRIMSBURY] = {"Banbury Grimsbury and Castle", "ward", AREA_BANBURY, -1, 2},
	/* Oxford's wards sit straight under the city: the seeds name no
	 * localities there. */
	[AREA_BLACKBIRD] = {"Blackbird Leys", "ward", AREA_OXFORD, -1, 2},
	[AREA_NORTHFIELD] = {"Northfield Brook", "ward", AREA_OXFORD, -1, 2},
	[AREA_ROSEHILL] = {"Rose Hill and Iffley", "ward", AREA_OXFORD, -1, 2},
	[AREA_BARTON] = {"Barton and Sandhills", "ward", AREA_OXFORD, -1, 2},
	/* "South Abingdon". */
	[AREA_CALDECOTT] = {"Abingdon Caldecott", "ward", AREA_ABINGDON, -1, 2},
};

#define AREA_BOARD_PURPOSE \
	"Brings the partners working in this area together around local needs and" \
	" locality working, and gives the area a voice in the Trust's decisions. Whether" \
	" some commissioning decisions should be taken here rather than county-wide is" \
	" still being agreed."

enum {
	BOARD_TRUST, BOARD_JCG, BOARD_PERF, BOARD_CHERWELL, BOARD_OXFORD, BOARD_SOUTH,
	BOARD_VALE, BOARD_WEST, BOARD_HWB, BOARD_SAFEGUARDING, BOARD_COUNT
};

/* In an order where each group comes after the one it reports to. */
static const struct {
	const char *name;
	const char *kind;
	const char *purpose;
	int reports_to; /* index in this table, NO for none */
	int area;       /* index in demo_areas, NO for none */
} demo_boards[BOARD_COUNT] = {
	[BOARD_TRUST] = {"Oxfordshire Children and Young People's Trust Board", "trust_board",
		"Leads the partners' joint work for children, young people and families. It"
		" agrees the partnership commissioning strategy and its priorities from the"
		" Children and Young People's Plan, aims to decide as one partnership rather"
		" than as separate organisations, and holds commissioners and providers to"
		" account for outcomes.", NO, NO},
	[BOARD_JCG] = {"Joint Commissioning Sub-Group", "joint_commissioning_group",
		"Develops the partnership commissioning strategy on the Trust's behalf and"
		" oversees joint commissioning between the county council and the NHS, keeping"
		" it tied to the priorities of the Children and Young People's Plan. Reports"
		" regularly to the Trust board.", BOARD_TRUST, NO},
	[BOARD_PERF] = {"Performance Management Sub-Group", "performance_group",
		"Monitors the impact and performance of services against the plan's outcomes,"
		" looks at data broken down by place and group, and makes sure providers are"
		" held to account for what they deliver.", BOARD_TRUST, NO},
	[BOARD_CHERWELL] = {"Cherwell Area Trust Board", "area_board", AREA_BOARD_PURPOSE,
		BOARD_TRUST, AREA_CHERWELL},
	[BOARD_OXFORD] = {"Oxford City Area Trust Board", "area_board", AREA_BOARD_PURPOSE,
		BOARD_TRUST, AREA_OXFORD},
	[BOARD_SOUTH] = {"South Oxfordshire Area Trust Board", "area_board", AREA_BOARD_PURPOSE,
		BOARD_TRUST, AREA_SOUTH},
	[BOARD_VALE] = {"Vale of White Horse Area Trust Board", "area_board", AREA_BOARD_PURPOSE,
		BOARD_TRUST, AREA_VALE},
	[BOARD_WEST] = {"West Oxfordshire Area Trust Board", "area_board", AREA_BOARD_PURPOSE,
		BOARD_TRUST, AREA_WEST},
	[BOARD_HWB] = {"Health and Wellbeing Partnership", "partnership_board",
		"A wider partnership with its own part in commissioning for health and"
		" wellbeing. The joint commissioning strategy is to set out how its work and"
		" the Trust's fit together.", NO, NO},
	[BOARD_SAFEGUARDING] = {"Oxfordshire Safeguarding Children Board", "other",
		"The county's board for safeguarding children. The Trust means to share"
		" learning with it more than it has.", NO, NO},
};

/* Positions, not people.  The seeds note that the voluntary sector has no
 * seat on the commissioning sub-group, so it has none here either. */
static const struct {
	int board;
	int org;
	const char *position;
} demo_members[] = {
	{BOARD_TRUST, ORG_COUNTY, "Cabinet member for children, young people and families"},
	{BOARD_TRUST, ORG_COUNTY, "Director for children, young people and families"},
	{BOARD_TRUST, ORG_NHS, "Director of commissioning"},
	{BOARD_TRUST, ORG_CHERWELL, "District council representative"},
	{BOARD_TRUST, ORG_OXFORD, "District council representative"},
	{BOARD_TRUST, ORG_SOUTH, "District council representative"},
	{BOARD_TRUST, ORG_VALE, "District council representative"},
	{BOARD_TRUST, ORG_WEST, "District council representative"},
	{BOARD_TRUST, ORG_VCS, "Voluntary and community sector representative"},
	{BOARD_TRUST, ORG_SCHOOLS, "Schools representative"},
	{BOARD_JCG, ORG_COUNTY, "Strategic lead for commissioning"},
	{BOARD_JCG, ORG_NHS, "Children's commissioning lead"},
	{BOARD_PERF, ORG_COUNTY, "Performance and information lead"},
	{BOARD_PERF, ORG_NHS, "Performance lead"},
	{BOARD_CHERWELL, ORG_CHERWELL, "District council representative"},
	{BOARD_CHERWELL, ORG_COUNTY, "Area lead for children's services"},
	{BOARD_CHERWELL, ORG_SCHOOLS, "Local schools representative"},
	{BOARD_OXFORD, ORG_OXFORD, "District council representative"},
	{BOARD_OXFORD, ORG_COUNTY, "Area lead for children's services"},
	{BOARD_OXFORD, ORG_SCHOOLS, "Local schools representative"},
	{BOARD_SOUTH, ORG_SOUTH, "District council representative"},
	{BOARD_SOUTH, ORG_COUNTY, "Area lead for children's services"},
	{BOARD_VALE, ORG_VALE, "District council representative"},
	{BOARD_VALE, ORG_COUNTY, "Area lead for children's services"},
	{BOARD_WEST, ORG_WEST, "District council representative"},
	{BOARD_WEST, ORG_COUNTY, "Area lead for children's services"},
	{BOARD_HWB, ORG_COUNTY, "County council representative"},
	{BOARD_HWB, ORG_NHS, "NHS representative"},
	{BOARD_SAFEGUARDING, ORG_COUNTY, "County council representative"},
	{BOARD_SAFEGUARDING, ORG_NHS, "NHS representative"},
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

/* The partnership's structure, in the caller's transaction. */
static enum err demo_structure(struct db *db, int64_t p)
{
	const struct actor *who = &actor_cli;
	int64_t org[ORG_COUNT], area[AREA_COUNT], board[BOARD_COUNT];
	enum err rc;
	for (size_t i = 0; i < ORG_COUNT; i++)
		if ((rc = organisation_add(db, who, p, demo_orgs[i].name, demo_orgs[i].type,
		                           demo_orgs[i].role, NULL, &org[i])))
			return rc;
	for (size_t i = 0; i < AREA_COUNT; i++) {
		int parent = demo_areas[i].parent;
		if ((rc = area_add(db, who, p, demo_areas[i].name, demo_areas[i].type,
		                   parent == NO ? 0 : area[parent], demo_areas[i].population_0_19,
		                   demo_areas[i].imd_decile, &area[i])))
			return rc;
	}
	for (size_t i = 0; i < BOARD_COUNT; i++) {
		int up = demo_boards[i].reports_to, in = demo_boards[i].area;
		if ((rc = board_add(db, who, p, demo_boards[i].name, demo_boards[i].kind,
		                    demo_boards[i].purpose, up == NO ? 0 : board[up],
		                    in == NO ? 0 : area[in], &board[i])))
			return rc;
	}
	for (size_t i = 0; i < NELEM(demo_members); i++)
		if ((rc = board_member_add(db, who, p, board[demo_members[i].board],
		                           org[demo_members[i].org], demo_members[i].position,
		                           NULL)))
			return rc;
	return E_OK;
}

enum err demo_ensure(struct db *db, int *created, char admin_password[24])
{
	char password[PASSWORD_GENERATED_SIZE] = "";
	int any = 0;
	int64_t id = 0;
	_Static_assert(PASSWORD_GENERATED_SIZE == 24, "demo_ensure's admin_password size");
	if (created)
		*created = 0;
	if (admin_password)
		admin_password[0] = '\0';
	enum err rc = db_begin(db);
	if (rc)
		goto out;
	rc = any_partnership(db, &any);
	if (rc || any)
		goto out;
	rc = partnership_create(db, &actor_cli, "oxfordshire",
	                        "Oxfordshire Children and Young People's Trust", &id);
	if (rc)
		goto out;
	if ((rc = demo_structure(db, id)) || (rc = demo_rounds_add(db, id)))
		goto out;
	rc = user_add(db, &actor_cli, id, DEMO_ADMIN_EMAIL, "Demo administrator", ROLE_ADMIN, 0,
	              password, NULL);
	if (rc)
		goto out;
	rc = db_commit(db);
	if (rc)
		goto out;
	if (created)
		*created = 1;
	if (admin_password)
		memcpy(admin_password, password, PASSWORD_GENERATED_SIZE);
	explicit_bzero(password, sizeof password);
	return E_OK;
out:
	explicit_bzero(password, sizeof password);
	db_rollback(db);
	/* Lost the race to another process: the demo exists, which is the goal. */
	if (rc == E_CONFLICT)
		rc = E_OK;
	return rc;
}
