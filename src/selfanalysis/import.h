/*
 * import.h (selfanalysis): a round's scores and comments from CSV, shared by
 * `jcs selfanalysis import`, the import page and the demo.
 *
 * The scores file is the table board papers print: a header row
 * "standard,<respondent>,<respondent>,...[,stated_average]", then one row
 * per standard, numbered as in the framework; each respondent column's
 * header is its label (an interview number, a group's name), each cell a
 * score as score.h reads it ("3", "3.5", "1 / 2", "Don't know", "DK",
 * empty for no answer), and the optional last column the average the
 * source document stated, kept as written so the results can check it.
 * The comments file is "standard,comment", one comment a row, any number
 * per standard; comments are stored apart from responses, unattributed.
 *
 * Two layers, like the organisation import: pure parsers (no database, so
 * they are fuzzed and unit-tested alone) that check everything and list
 * every problem as {row, column, message}, with row the line in the file
 * (the header is 1) and column the header's name ("standard",
 * "stated_average", "comment") or, for a respondent's column, its
 * spreadsheet letter and label, "B (respondent 1)", so that a label such
 * as 1 is not read as spreadsheet column A (a header cell with no usable
 * name is named by its letter alone, A, B, ... AA); and
 * selfanalysis_import(),
 * which writes a file without problems in one transaction: all or nothing.
 */
#ifndef JCS_SELFANALYSIS_IMPORT_H
#define JCS_SELFANALYSIS_IMPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "partnership/import.h" /* struct import_error, struct import_result */
#include "selfanalysis/framework.h"
#include "selfanalysis/round.h"
#include "selfanalysis/score.h"

struct actor;
struct db;
struct pool;

/* Limits: per file. */
#define SA_IMPORT_BYTES_MAX (5u << 20)
/* Rows under the scores file's header (one per standard, blank ones too). */
#define SA_IMPORT_SCORE_ROWS_MAX (FRAMEWORK_MAX_STANDARDS * 2)
/* Rows under the comments file's header. */
#define SA_IMPORT_COMMENT_ROWS_MAX 20000
/* A respondent's label (a column header), once trimmed. */
#define SA_IMPORT_LABEL_MAX 100
/* A stated average as written ("2.35"). */
#define SA_IMPORT_STATED_MAX 20

/* A parsed scores file: respondents in column order, standards in the
 * framework's order (whatever order the rows came in). */
struct sa_import_scores {
	size_t n_respondents;
	const char **labels;  /* per respondent: the column header, trimmed */
	size_t n_standards;   /* the framework's */
	struct score *cells;  /* cells[r * n_standards + s]: respondent r, standards[s] */
	const char **stated;  /* per standard: the stated average as written, or NULL */
	size_t n_stated;      /* how many are not NULL */
};

struct sa_import_comment {
	int standard;         /* the standard's number */
	const char *body;     /* trimmed, 1..COMMENT_MAX bytes, line breaks kept */
};

struct sa_import_comments {
	struct sa_import_comment *items; /* file order */
	size_t n;
};

/*
 * Parse a scores file against framework fw into out (in the pool).  E_OK,
 * or E_INVAL / E_TOOBIG with every problem in res (up to
 * IMPORT_ERRORS_MAX), or E_NOMEM.  res is cleared first.  Refused: a
 * header that does not start with "standard", an empty or repeated label,
 * stated_average anywhere but last, more than ROUND_RESPONSES_MAX
 * respondents, a standard number the framework lacks or given twice, a
 * standard with no row (named, row 0), a row with the wrong number of
 * fields, a cell outside the scale (the message names the scale), a
 * respondent column with no answer at all, a stated average that is not a
 * plain decimal number, a file with no respondent column, more than
 * SA_IMPORT_BYTES_MAX bytes or SA_IMPORT_SCORE_ROWS_MAX rows.
 */
enum err sa_import_parse_scores(struct pool *pool, const struct framework *fw, const char *data,
				size_t len, struct sa_import_scores *out,
				struct import_result *res);

/*
 * Parse a comments file (header standard,comment in either order) against
 * fw.  The same contract; refused: an unknown or missing column, a
 * standard the framework lacks, an empty comment, one over COMMENT_MAX
 * bytes or holding control characters other than line breaks and tabs.
 * Rows whose fields are all empty are skipped.
 */
enum err sa_import_parse_comments(struct pool *pool, const struct framework *fw,
				  const char *data, size_t len, struct sa_import_comments *out,
				  struct import_result *res);

/* A file's bytes; data NULL (or len 0 for comments) when there is none. */
struct sa_import_file {
	const char *data;
	size_t len;
};

struct sa_import_result {
	struct import_result scores;   /* problems in the scores file */
	struct import_result comments; /* problems in the comments file */
	/* A problem with neither file but the request: no such framework, a
	 * round name that cannot be used, a round that already holds
	 * responses or is on another framework.  NULL when none. */
	const char *problem;
	/* When it worked: */
	int64_t round_id;
	bool round_created;   /* else an existing round without responses was filled */
	size_t respondents;   /* responses added */
	size_t stated;        /* stated averages stored */
	size_t comments_added;
};

/*
 * Imports a round's scores (and comments, which may be NULL) for
 * partnership_id, as who, in one transaction (or the caller's, which is
 * left to the caller on failure):
 *   - the round called round_name is created on framework_id with mode
 *     (ROUND_INTERVIEWS or ROUND_GROUP, or -1 for interviews), or, when
 *     the partnership has one by that name on the same framework holding
 *     no responses, that round is filled (mode -1 or its own mode);
 *     anything else is refused with result->problem;
 *   - one response per respondent column (RESPONSE_IMPORT, labelled by
 *     its header), the stated averages, then the comments.
 * A group round takes one response (round.h): a file with more than one
 * respondent column is refused for one, with a problem in
 * result->scores at the header's second respondent column.
 * E_OK with the counts in result; E_INVAL with result's problem or the
 * files' errors (nothing written); E_DB or E_NOMEM (nothing written).
 * result is cleared first.
 */
enum err selfanalysis_import(struct db *db, struct pool *pool, const struct actor *who,
			     int64_t partnership_id, const char *framework_id,
			     const char *round_name, int mode, const struct sa_import_file *scores,
			     const struct sa_import_file *comments,
			     struct sa_import_result *result);

/*
 * The same into an existing round, by id (the import page's case): it must
 * hold no responses.  Its framework and mode are the round's own.
 */
enum err selfanalysis_import_into(struct db *db, struct pool *pool, const struct actor *who,
				  int64_t partnership_id, int64_t round_id,
				  const struct sa_import_file *scores,
				  const struct sa_import_file *comments,
				  struct sa_import_result *result);

#endif
