/*
 * demo_rounds.c: the demonstration partnership's self-analysis rounds,
 * taken from two of the seed board papers (demo_rounds.h).
 *
 * Oxfordshire (seed 000): ten structured interviews with members of the
 * Children and Young People's Trust in August and early September 2009 on
 * the 12 statements; Annex A of the paper prints each anonymised
 * interview's scores, the "Average score" it stated for each statement
 * (statement 6's 2.35 counts "Don't know" as zero: the results say so)
 * and selected quotations.  North Yorkshire (seed 003): the scores a
 * multi-agency task and finish group agreed on the 13 standards at its
 * March 2009 workshop (Appendix B), several of them written "1 / 2", with
 * the minutes' account of the group's view of each standard.  The report
 * dates that workshop 26 March and the minutes 23 March; the round takes
 * the minutes' own date.
 *
 * Scores and stated averages are as printed.  Comments are the papers'
 * words, unedited but for the quotation marks around each interview
 * quotation; from the minutes only sentences that name nobody are taken,
 * since the project never holds officers' names.  The key messages are
 * the Oxfordshire paper's section 3 and the North Yorkshire report's 4.3.
 *
 * The data is CSV text, imported through selfanalysis_import exactly as
 * `jcs selfanalysis import` would, so the demo exercises the same checks.
 */
#include "selfanalysis/demo_rounds.h"

#include <string.h>

#include "audit/audit.h"
#include "core/pool.h"
#include "selfanalysis/import.h"
#include "selfanalysis/results.h"
#include "selfanalysis/round.h"

#define DEMO_POOL_LIMIT (4u << 20)

static const char oxfordshire_scores[] =
	"standard,1,2,3,4,5,6,7,8,9,10,stated_average\n"
	"1,4,3,1.5,3.5,3.5,4.5,3.5,3.5,3.5,3.5,3.4\n"
	"2,3,2,Don't know,3.5,3,3,1,3,Don't know,3.5,2.75\n"
	"3,1,2,2,3.5,3,3,3.5,3,2,5,2.8\n"
	"4,3,3,2,3.5,4,2,1,2.5,2,3.5,2.65\n"
	"5,4,4,3,3.5,4,5,3.5,4,3,5,3.9\n"
	"6,2.5,3,Don't know,3.5,Don't know,3,1.5,3.5,3,3.5,2.35\n"
	"7,4,3,3.5,4,2,5,3.5,4.5,4,5,3.85\n"
	"8,2.5,2,Don't know,4,3,3,3.5,4,3.5,3.5,3.2\n"
	"9,3,2,Don't know,3.5,Don't know,3,1.5,3.5,2,3.5,2.75\n"
	"10,3,2,1,3.5,3,1,1.5,3.5,Don't know,3.5,2.4\n"
	"11,2,2,Don't know,3.5,4,3,3.5,3.5,Don't know,4.5,3.25\n"
	"12,1.5,3,3,3.5,3,3,3.5,3.5,3,3,3\n";

/* One column: the group's agreed score; the paper states no averages. */
static const char north_yorkshire_scores[] =
	"standard,Task and finish group\n"
	"1,4\n"
	"2,2\n"
	"3,1 / 2\n"
	"4,1 / 2\n"
	"5,1 / 2\n"
	"6,4\n"
	"7,1 / 2\n"
	"8,3\n"
	"9,1 / 2\n"
	"10,2\n"
	"11,2\n"
	"12,1 / 2\n"
	"13,1 / 2\n";

static const char oxfordshire_comments[] =
	"standard,comment\n"
	"1,The Trust is clear about groups of interest but doesn't disaggregate enough by "
		"geography – so particularly the city gets lost\n"
	"1,\"The Trust is clear about the outcomes for some parts of the population, though less "
		"so about others\"\n"
	"1,There has been significant progress since the restrucutre\n"
	"2,\"There is a commissioning team that works across OCC and the PCT, need to review now "
		"to ensure it is fit for purpose\"\n"
	"2,We don't have robust arrangements at the moment\n"
	"2,I don't understand the current approach; more communications are needed\n"
	"3,\"We have a commissioning sub-group, reporting regularly to the Trust - so we have "
		"the governance but now need to get on and deliver\"\n"
	"3,\"Not sure – the Children's trust is doing the right things, eg locality working, but "
		"not sure about what it is doing on commissioning\"\n"
	"3,There is a lack of accountability at the meetings and I don't think that there is "
		"true integration between partners\n"
	"3,\"We do have governance about commissioning within the Trust, but I'm not sure it "
		"works – there is no clear commissioner / provider split so it is a bit of a fudge at "
		"the moment.\"\n"
	"3,Board members still seem to guard their own patch rather than taking a truly "
		"corporate perspective\n"
	"4,Governance is clear to the Trust but not to all partners and stakeholder - a "
		"consultation and communication plan is required\n"
	"4,The Trust consistently engage children and young people really well\n"
	"4,There is no firm understanding in terms of our approach to commissioning\n"
	"4,At the moment I don't think that the Trust Board makes any decisions about "
		"commissioning and I don't think that I have anything to do with it\n"
	"5,\"Our children and young people's plan reflects everything that children and young "
		"people tell us and reflects the JSNA, CYPP needs assessment, DPH Annual Reports\"\n"
	"5,We understand generally but don't break down the information enough by geography or "
		"ethnicity (in the city and Banbury especially) and don't act on the needs as we should\n"
	"5,I think we have significantly improved at this in the last 12 months\n"
	"5,\"We're getting quite good at the data, now much better than we were\"\n"
	"6,There is evidence of this around individual care groups but lack of strategic "
		"overview for 'total resource pot'\n"
	"6,We need to understand the total resource base\n"
	"6,Early days- we don't influence the market yet\n"
	"6,\"Commissioning tends to be backward looking, we need to do more to identify "
		"tomorrow's problems\"\n"
	"6,\"Joint team is in place, not afraid to decommission if needed\"\n"
	"7,I don't see enough of a link between conversation and action – the scorecards on "
		"targets are useful but it is unclear how these are used to lever performance improvement\n"
	"7,\"Information is collected and available but not used – we review performance but "
		"don't seem to really drive it, for example by holding providers really to account or "
		"taking commissioning decisions\"\n"
	"7,The Trust struggles with who is holding who to account – I think that the Trust is "
		"uncomfortable with the idea of having 'teeth' and doesn't do this effectively at the "
		"moment\n"
	"7,\"We have good data, but don't hold people accountable and therefore don't "
		"sufficiently drive action. For example there isn't regular enough reporting back about "
		"what happened as a result of a conversation we've had at the last meeting, when we do "
		"this (eg teenage pregnancy) I really think that it works\"\n"
	"7,We should be more thoughtful in what we look at and how – particularly taking a "
		"longer term view – eg tracking outcomes of care leavers over many years to identify "
		"what works and what doesn't\n"
	"7,Performance management sub-group of Trust does this well\n"
	"8,Complex interfaces need more clarity e.g. adult services\n"
	"8,I'm not sure that the Trust should be taking decisions when service delivery is owned "
		"by one organisation\n"
	"8,There are some joint posts but we are not 'there' yet. We need to be more joined up "
		"and linked to priorities\n"
	"8,\"We are getting better at joint commissioning between OCC / PCT but other partners "
		"have important role to play eg VCS and districts. Lack of resources shouldn't stop "
		"their involvement, they need a greater voice\"\n"
	"9,I don't know yet – I think it is too early to tell\n"
	"9,\"I am not clear that we have been radical enough in major reconfiguration, or what "
		"this really means. Connexions contract was not about reconfiguration but a procurement "
		"exercise. We get the same delivery, just a different provider\"\n"
	"10,It can be hard for Trust Board members to take corporate responsibility beyond their "
		"individual responsibilities – the Trust needs to mature so that this is the case in "
		"order to commission effectively.\n"
	"10,\"The Trust is evolving and developing, it is still not well embedded. I am hopeful "
		"that we will be able to work better together in the future, like the Oxfordshire Waste "
		"Partnership now does\"\n"
	"10,I am not as sighted about commissioning as I should be\n"
	"10,\"I don't think that the voluntary sector has had any input to commissioning – for "
		"example there is no voluntary sector rep on the commissioning sub-group. We need to be "
		"involved at the start of the process, not just the end. But it is hard to have someone "
		"without their own agenda who can represent the sector\"\n"
	"10,Different organisations don't agree on a definition of commissioning\n"
	"10,Senior leaders understand but not those lower down the organisation\n"
	"10,The PCT and OCC are main players and we are well aligned\n"
	"11,There is a small core team with a specialist function. But there is also significant "
		"other commissioning activity across other teams who may not have the best skills.\n"
	"11,The membership of the Trust is right to be able to do this\n"
	"11,The lack of a proper commissioner / provider split hampers ability to do "
		"commissioning well as some people are doing both\n"
	"12,We don't share learning enough with other Trusts or the Safeguarding Board\n"
	"12,We need to do more horizon scanning to get ahead of the game – the trust should be "
		"more forward looking\n";

static const char north_yorkshire_comments[] =
	"standard,comment\n"
	"1,\"The group felt that there was evidence to support progress against this standard "
		"and identified the shared multi-agency priorities at the centre of the Joint Strategic "
		"Needs Assessment, CYPP and the Sexual Health Commissioning Group as good examples of "
		"this. However, there were concerns that, although partners had agreed on priorities, "
		"actual service planning was likely to be organisationally limited and different "
		"depending on the organisation in question.\"\n"
	"1,\"Although partners were already clear about priorities, a consistent approach was "
		"needed to join up these agendas. It was also stressed that this new commissioning "
		"framework should use the CYPP as a continuous reference point, in addition to other "
		"national tools like the Child Health Strategy. Questions concerning how the Partnership "
		"Board currently asked for feedback from partners were raised and how this impacted on "
		"commissioning plans. It was agreed that accountability was required and that assessment "
		"arrangements needed to be included in the commissioning strategy, in order to "
		"effectively indicate progress.\"\n"
	"2,It was felt that this standard directly related to the work with which the group had "
		"been tasked to do and that the current situation reflected a clear need for "
		"improvements in this area. The group noted that commissioning arrangements existed for "
		"outcome priorities but that the rigour and effectiveness of these arrangements was "
		"difficult to assess.\n"
	"2,\"It was agreed that a commissioning framework based around joint planning was "
		"required and that this framework was to be incorporated into the commissioning strategy "
		"handbook. It was agreed that the arrangements needed to reflect the different "
		"approaches of the various partner organisations, whilst also ensuring that it related "
		"to national frameworks. In order to ensure that all agencies were able to fully adopt "
		"the framework, it was agreed that extensive partner consultation would need to be "
		"included, and that effective communication was key to the sign-up process.\"\n"
	"3,\"The group felt that there were reasonably clear and legal arrangements and "
		"reporting structures in place, but were unsure how far this was implemented within "
		"partner organisations. It was noted that a good evidence base existed and was utilised "
		"for service improvement and change, but not necessarily with reference to commissioning "
		"itself. Overall, this area of work was deemed to be good but in need of further "
		"development and it was felt that a commissioning strategy would allow greater "
		"integration between services and organisations.\"\n"
	"3,It was felt that a key part of taking this work forward was the successful "
		"implementation of regular monitoring of the commissioning strategy by the CYPSPB and "
		"effective communication amongst partners.\n"
	"4,\"The group agreed that there were no clear, agreed and effective arrangements that "
		"supported joint commissioning and that the current situation relied to a large degree "
		"on interpersonal arrangements to move work forward. These arrangements were not "
		"suitably consistent or robust and had no “organisational memory”, in that they were "
		"heavily dependant on specific people and failed to remain in place following "
		"restructures or changes in post. Certain members of the group also expressed concerns "
		"that there was no evidence to support this standard and that there was very little "
		"evidence of actual joint commissioning, with one agency often taking the lead role at "
		"the expense of others. It was felt that improvements against this standard would result "
		"from the development and implementation of the commissioning strategy itself.\"\n"
	"4,\"The group felt that this standard was aspirational at present and that the "
		"establishment of an officer-level integrated group could be used to investigate "
		"arrangements in more detail, before reporting to the Strategic Board. The group "
		"discussed various methods for taking this work forward and agreed that active "
		"engagement in the process was to be aligned with a formalised review process, in order "
		"to drive continuous improvement. It was also agreed that any shared commissioning "
		"framework would need to be clear, concise and accessible to all partners at all levels "
		"for improvements to be made.\"\n"
	"5,\"The group commented that, without a shared and consistent approach to commissioning "
		"across the partnership, it would be difficult to score highly against this standard. "
		"Currently, the group felt that there was no clear and understood approach to "
		"commissioning and, consequently, that partners/stakeholders were likely to be unclear "
		"about their roles in effective commissioning. In order to improve against this "
		"standard, the group stressed the importance of effective communication and equity "
		"across partners and stakeholders in the form of shared agreements and measures, both of "
		"which would need to be key elements within the commissioning strategy.\"\n"
	"5,The group felt that the commissioning strategy would need to be shared with all "
		"agencies and stakeholders via an effective communication and consultation process. "
		"Equity of treatment was essential and that a shared set of standards and performance "
		"measures would allow consistency and trust to be established.\n"
	"6,\"There were good arrangements in place to identify the needs of children, young "
		"people and their families and this information was regularly and systematic reviewed. "
		"However, there were concerns about how much this good practice was currently applicable "
		"in terms of commissioning.\"\n"
	"6,The group stated that it was important to ensure that services and commissioning "
		"continued to be based around research and evidence-based practice and that the needs of "
		"users remained at the centre of the decision-making process. Any improvements against "
		"this standard would need to be mindful of this fact.\n"
	"7,\"It was felt that scoring against this standard was currently very low and that "
		"there was no consistent influencing of the market across all services and partner "
		"organisations, although certain areas (i.e. childcare) provided exceptions to this "
		"rule. The group also discussed issues relating to the rurality of North Yorkshire, "
		"which led to limited choice in certain areas – it was felt that dangers existed in the "
		"installation of strict performance and quality checks, as the risk of excluding weaker "
		"providers could allow gaps in the procurement of services to appear. The group agreed "
		"that any progress against this standard would require careful management and that the "
		"commissioning process would need to be flexible in its approach to these problems.\"\n"
	"7,\"The group discussed the implications of this standard and what was actually meant "
		"by “influencing the market”, including the impact of training, development, support and "
		"regulation. It was agreed that the commissioning strategy should contain and clarify "
		"its operational ethos, in that it should make explicit its method and approach to "
		"commissioning decisions.\"\n"
	"8,\"The group felt that the monitoring arrangements were excellent for the shared "
		"priorities contained with the CYP and evidence was available to support this, but "
		"expressed uncertainty as to how individual partner agencies monitored performance "
		"internally and how systematic this process was across the partnership.\"\n"
	"8,It was agreed that the most productive way to ensure progress against this standard "
		"would be to develop the Children’s Trust’s performance arrangements in accordance with "
		"the 5 listed actions denoting excellence in the Commissioning Support Programme "
		"Self-Analysis Tool.\n"
	"9,The group agreed that there were currently no arrangements in place with reference to "
		"this standard and that this was a priority area for improvement.\n"
	"9,\"The group stated that improvements against this standard were linked to elements of "
		"Standard 4 and that the establishment of a joint-commissioning strategic group, along "
		"with the development of a shared commissioning and communication strategy, would enable "
		"swift progress in this area.\"\n"
	"10,\"The group scored progress against this standard as being very low and identified "
		"that a great deal of work was required in order to improve on the current situation. "
		"Although, aside from commissioning, the situation was positive, it was felt that the "
		"work undertaken by the group would allow improvements to be realised.\"\n"
	"10,The group agreed that progress against this target was linked to Standard 3 and that "
		"the endorsement of a clear statement of process for commissioning by the Strategic "
		"Board would enable a greater commissioning focus in their work.\n"
	"11,\"With reference to this standard, the group stated that there was a great deal to "
		"do to improve the current situation.\"\n"
	"11,\"It was also noted that a common commissioning strategy should engage with and "
		"involve contracting managers, to ensure that a clear message was received by all "
		"parties.\"\n"
	"12,\"Although people had the right skills, knowledge and expertise, it was felt that "
		"improvements could be made with reference to commissioning, in that a clear and shared "
		"approach to commissioning needed to be implemented and utilised across the workforce.\"\n"
	"12,\"Discussions also focused on the impact of the 2020 Children and Young People's "
		"Workforce Strategy and how this would need to be accommodated in the commissioning "
		"strategy framework. The group agreed that they needed to align their actions and felt "
		"that coherence was also required between CYPS and Adult Services, as well as with "
		"external partners.\"\n"
	"13,\"It was felt that this standard was directly linked to Standard 12 and that "
		"arrangements were already in place to drive this work forward, in the form of the "
		"Workforce Development Group.\"\n"
	"13,\"It was agreed that, in order to move forward, clarity was required on how people "
		"could contribute to this work, including how best to engage with and utilise "
		"consultation information from commissioners, providers and stakeholders. It was "
		"suggested that feedback and engagement could be fed back to the commissioning strategy "
		"working group and that they in turn could inform the Strategic Board of progress "
		"against this standard. It was also noted that York were currently involved in work of "
		"this nature, which might be of use, and that the Self-Analysis tool itself would also "
		"provide evidence of progress in this area.\"\n";

static const char oxfordshire_key_messages[] =
	"a) Many respondents felt that the Trust's understanding of needs had dramatically "
	"improved over the past year, and this came across as a real strength.\n\n"
	"b) Approximately half of respondents felt that the Trust needs to do more to use data "
	"to drive performance – for example by ensuring that providers are adequately held to "
	"account for their performance. Several people mentioned the need for more disaggregated "
	"data and data that enables longer term tracking of particular cohorts.\n\n"
	"c) Several respondents talked about the need to ensure that the Board takes a more "
	"strategic view, with members taking a corporate, rather than organisational "
	"perspective. Some felt that more clarity is needed about why they are on the Board and "
	"what their role is.\n\n"
	"d) Some members knew little about current commissioning activity, others knew a lot. "
	"The need for better communications on commissioning came up several times.\n\n"
	"e) Several respondents talked about the need for the Board to become more forward "
	"looking in order to ensure that commissioning decisions will meet future needs rather "
	"than just reflecting historical performance.\n\n"
	"f) There were differing views on whether the Trust should take responsibility for "
	"commissioning services that fall to a single organisation, or just those where there "
	"are partnership requirements.\n\n"
	"g) Several people talked about current confusion about roles as providers / "
	"commissioners and felt that resolving this was important to enable progress to be made.\n\n"
	"h) There were different views about the future commissioning role of Area Trust Boards, "
	"and whether commissioning decisions should always be taken at the county rather than "
	"area level.\n\n"
	"i) Several respondents raised the need to ensure that sufficient support is provided to "
	"the voluntary sector to enable them to engage in the opportunity that a new approach to "
	"commissioning would provide.";

static const char north_yorkshire_key_messages[] =
	"The scores allocated against some of the standards are relatively low. This reflects "
	"the fact that North Yorkshire Children's Trust is in the early stages of the journey "
	"towards mature joint commissioning arrangements. Amongst the Children's Trust partners "
	"there are many instances of good commissioning and good joint commissioning. However, "
	"the task-and-finish group concluded that joint commissioning is neither consistent nor "
	"systematic, and is relatively under-developed at trust level, hence the need for a "
	"joint commissioning strategy.";

struct demo_round {
	const char *framework;
	const char *name;
	enum round_mode mode;
	const char *opens_on, *closes_on;
	const char *scores, *comments, *key_messages;
	/* Every comment is one the paper printed as a selected quotation:
	 * chosen for the board paper, as the paper chose them. */
	bool comments_selected;
};

static const struct demo_round demo_rounds[] = {
	/* The earlier first, so that the Oxfordshire round's previous round
	 * (round_previous) is North Yorkshire's, on the other version of the
	 * framework: the demo shows a comparison across versions. */
	{"csp-2009-13", DEMO_ROUND_NORTH_YORKSHIRE, ROUND_GROUP, "2009-03-23", "2009-03-23",
	 north_yorkshire_scores, north_yorkshire_comments, north_yorkshire_key_messages, false},
	/* Annex A: "Anonymised scores and selected comments from interviews";
	 * every Oxfordshire comment here is one of its quotations. */
	{"csp-2009-12", DEMO_ROUND_OXFORDSHIRE, ROUND_INTERVIEWS, "2009-08-01", "2009-09-30",
	 oxfordshire_scores, oxfordshire_comments, oxfordshire_key_messages, true},
};

/* Selects every comment of the round for the board paper. */
static enum err select_comments(struct db *db, struct pool *pool, int64_t partnership_id,
				int64_t round_id)
{
	struct round_data *data = pool_alloc(pool, sizeof *data);
	enum err rc = data ? round_data_load(db, pool, partnership_id, round_id, data) : E_NOMEM;
	for (size_t i = 0; !rc && i < data->n_comments; i++)
		rc = round_select_comment(db, &actor_cli, partnership_id, round_id,
					  data->comments[i].id, 1);
	return rc;
}

/* One round: created with its dates, filled by the import, its comments
 * selected when the paper selected them, then closed with its key
 * messages. */
static enum err add_round(struct db *db, struct pool *pool, int64_t partnership_id,
			  const struct demo_round *d)
{
	struct sa_import_result *res = pool_zalloc(pool, sizeof *res);
	struct round r = {.framework = d->framework, .name = d->name, .mode = d->mode,
			  .opens_on = d->opens_on, .closes_on = d->closes_on};
	const struct sa_import_file scores = {d->scores, strlen(d->scores)};
	const struct sa_import_file comments = {d->comments, strlen(d->comments)};
	enum err rc = res ? round_add(db, &actor_cli, partnership_id, &r, &r.id) : E_NOMEM;
	if (!rc)
		rc = selfanalysis_import(db, pool, &actor_cli, partnership_id, d->framework, d->name,
					 (int)d->mode, &scores, &comments, res);
	if (!rc && d->comments_selected)
		rc = select_comments(db, pool, partnership_id, r.id);
	if (!rc) {
		r.closed = true;
		r.key_messages = d->key_messages;
		rc = round_update(db, &actor_cli, partnership_id, r.id, &r);
	}
	return rc;
}

enum err demo_rounds_add(struct db *db, int64_t partnership_id)
{
	struct pool pool;
	enum err rc = E_OK;
	pool_init(&pool, DEMO_POOL_LIMIT);
	for (size_t i = 0; i < sizeof demo_rounds / sizeof demo_rounds[0] && !rc; i++)
		rc = add_round(db, &pool, partnership_id, &demo_rounds[i]);
	pool_free(&pool);
	return rc;
}
