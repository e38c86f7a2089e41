/*
 * fuzz_sa_import.c: the self-analysis import parsers (selfanalysis/
 * import.h), the scores file and the comments file.  Beyond "did not
 * crash", it checks what the writer relies on: an accepted file has no
 * problems, at least one respondent, non-empty labels and every cell
 * within the framework's scale; an accepted comment names a standard the
 * framework has and is 1..COMMENT_MAX bytes; a refusal always lists at
 * least one problem, each with a message.  The first byte picks the
 * parser (bit 0) and the framework (bit 1: the 12 statements, whose scale
 * has half points and "Don't know", or the 13 standards, which have
 * neither).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/pool.h"
#include "selfanalysis/framework.h"
#include "selfanalysis/import.h"
#include "selfanalysis/round.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct pool fw_pool;
static struct framework frameworks[2];
static int loaded;

static void load_frameworks(void)
{
	pool_init(&fw_pool, 1u << 20);
	if (framework_builtin("csp-2009-12", &fw_pool, &frameworks[0]) ||
	    framework_builtin("csp-2009-13", &fw_pool, &frameworks[1]))
		abort();
	loaded = 1;
}

static void check_refusal(const struct import_result *res)
{
	if (res->nerrors == 0)
		abort();
	for (size_t i = 0; i < res->nerrors; i++)
		if (!res->errors[i].message || !res->errors[i].message[0])
			abort();
}

static void check_scores(const struct framework *fw, const struct sa_import_scores *sc)
{
	struct scale scale;
	framework_scale(fw, &scale);
	if (sc->n_respondents == 0 || sc->n_respondents > ROUND_RESPONSES_MAX ||
	    sc->n_standards != fw->n_standards)
		abort();
	for (size_t r = 0; r < sc->n_respondents; r++) {
		size_t answered = 0;
		if (!sc->labels[r] || !sc->labels[r][0])
			abort();
		for (size_t s = 0; s < sc->n_standards; s++) {
			const struct score *c = &sc->cells[r * sc->n_standards + s];
			if (c->kind == SCORE_NONE)
				continue;
			answered++;
			if (c->kind == SCORE_DONT_KNOW) {
				if (!scale.dont_know_allowed)
					abort();
				continue;
			}
			if (c->lo < scale.min * 2 || c->hi > scale.max * 2 || c->lo > c->hi)
				abort();
		}
		if (answered == 0)
			abort();
	}
}

static void check_comments(const struct framework *fw, const struct sa_import_comments *cm)
{
	if (cm->n == 0)
		abort();
	for (size_t i = 0; i < cm->n; i++) {
		size_t len = strlen(cm->items[i].body);
		if (len == 0 || len > COMMENT_MAX || !framework_find_number(fw, cm->items[i].standard))
			abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct import_result res;
	struct pool pool;
	if (size == 0 || size > 1u << 16)
		return 0;
	if (!loaded)
		load_frameworks();
	const struct framework *fw = &frameworks[(data[0] >> 1) & 1];
	const char *text = (const char *)data + 1;
	pool_init(&pool, 64u << 20);
	if (data[0] & 1) {
		struct sa_import_comments cm;
		enum err rc = sa_import_parse_comments(&pool, fw, text, size - 1, &cm, &res);
		if (rc == E_OK)
			check_comments(fw, &cm);
		else if (rc != E_NOMEM)
			check_refusal(&res);
	} else {
		struct sa_import_scores sc;
		enum err rc = sa_import_parse_scores(&pool, fw, text, size - 1, &sc, &res);
		if (rc == E_OK && res.nerrors == 0)
			check_scores(fw, &sc);
		else if (rc == E_OK || rc == E_NOMEM)
			abort();
		else
			check_refusal(&res);
	}
	pool_free(&pool);
	return 0;
}
