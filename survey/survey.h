/* SPDX-License-Identifier: MIT */
#ifndef SURVEY_SURVEY_H
#define SURVEY_SURVEY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/csv.h"
#include "core/error.h"
#include "core/industry.h"
#include "core/qset.h"
#include "core/sbuf.h"
#include "core/store.h"

/*
 * Seminar survey: responses to a question set of kind "survey", entered
 * one at a time or imported from a spreadsheet, and their tallies and
 * cross-tabulations.
 *
 * Storage (tables survey_response and survey_answer of schema v1):
 * - one survey_response row per response, pointing to the version of the
 *   set it was given under;
 * - single, number and text questions: one survey_answer row with choice
 *   '' and value = the choice id (single), the number, or the text; a
 *   single "other" choice with free text is stored as "other:TEXT";
 * - multi questions: one row per chosen choice (choice = its id), value =
 *   the free text of "other" or NULL.
 * A question without rows was not answered.
 */

#define SURVEY_DEFAULT_SET "survey-seminar"

/* Longest cell accepted on import, in bytes. */
#define SURVEY_CELL_MAX (64u * 1024)

/* ---- one answer ---- */

/*
 * One question's answer in canonical form. Reused across calls: init
 * once, survey_value_parse() as often as needed, release at the end.
 */
struct survey_value {
	bool answered;
	size_t *chosen;		/* single/multi: option indexes, ascending */
	size_t nchosen, alloc;
	struct sbuf other;	/* free text given with "other" ("" = none) */
	struct sbuf text;	/* number: normalised; text: the text */
	double number;
	struct survey_keys *keys;	/* private: one question's label keys */
};

void survey_value_init(struct survey_value *v);
void survey_value_release(struct survey_value *v);

/*
 * Parse the answer to qq given as s (a spreadsheet cell or an interview
 * answer). Empty (or only spaces) means not answered. single/multi: choice
 * ids or their ja or en labels, separated by ';' (multi), matched ignoring
 * ASCII case, surrounding spaces and full-width/half-width forms;
 * "other:TEXT" (or the other choice's label, ':' and TEXT) keeps TEXT.
 * As spreadsheets give them: a number picks its band among choices that
 * are bands ("12" -> "6-20", "301+"), a band Excel made a date ("1月5日",
 * "5-Jan") is the band, and a multi cell whose ';' pieces are not all
 * choices is read again split at line ends, ',', '，' and '、' (labels
 * holding those stay whole; at most 64 such separators).
 * number: a decimal number. text: any text.
 * Returns 0, or -OSK_EDATA with err->msg saying what is wrong (no path,
 * no position: the caller adds them), or -OSK_ENOMEM.
 */
int survey_value_parse(const struct qset_question *qq, const char *s,
		       struct survey_value *v, struct osk_error *err);

/*
 * Append v as the interview answer string to sb: single -> the choice id
 * (other with text -> "other:TEXT"), multi -> ids joined by ';' with
 * "other:TEXT", number/text -> the value. Nothing when not answered.
 * Returns 0 or -OSK_ENOMEM.
 */
int survey_value_format(const struct qset_question *qq,
			const struct survey_value *v, struct sbuf *sb);

/* Whether v holds the choice with that id. */
bool survey_value_has(const struct qset_question *qq,
		      const struct survey_value *v, const char *choice);

/* ---- storing responses ---- */

/* One response row. Strings are borrowed; NULL = none. */
struct survey_response {
	int64_t id;		/* set by survey_writer_response() */
	int64_t qset_id;	/* row of the set version (qstore_get) */
	int64_t company_id;	/* 0 = none */
	int64_t import_id;	/* 0 = entered by hand */
	const char *respondent;
	const char *event;
	const char *submitted_at;
	const char *digest;	/* for import de-duplication; see import */
};

/*
 * Prepared statements for writing responses and answers. The caller
 * holds the transaction. Free with survey_writer_free().
 */
struct survey_writer;

struct survey_writer *survey_writer_new(struct store *st,
					struct osk_error *err);
void survey_writer_free(struct survey_writer *w);

/*
 * Insert r (r->id is set). Returns 0, 1 when r->digest is already stored
 * (nothing was inserted), or a negative error.
 */
int survey_writer_response(struct survey_writer *w, struct survey_response *r,
			   struct osk_error *err);

/*
 * Store the answer v to question qq of response rid. With replace, the
 * question's earlier answer is deleted first (entry by hand); without,
 * the response must have none (import). A value that is not answered
 * stores nothing. Returns 0 or a negative error.
 */
int survey_writer_answer(struct survey_writer *w, int64_t rid,
			 const struct qset_question *qq,
			 const struct survey_value *v, bool replace,
			 struct osk_error *err);

/*
 * Store the answers vals[0..q->nquestions) of the new response rid, in
 * few statements (import). Returns 0 or a negative error.
 */
int survey_writer_answers(struct survey_writer *w, int64_t rid,
			  const struct qset *q,
			  const struct survey_value *vals,
			  struct osk_error *err);

/*
 * Delete the answers of response rid to the questions whose `when` does
 * not apply given its other answers (after an answer was changed on the
 * way back), and mark them not answered in vals (the stored answers, as
 * read by survey_response_load()). *removed (may be NULL) receives how
 * many questions.
 */
int survey_writer_prune(struct survey_writer *w, int64_t rid,
			const struct qset *q, struct survey_value *vals,
			size_t *removed, struct osk_error *err);

/*
 * Read the stored answers of response rid into vals[0..q->nquestions),
 * each initialised by the caller. Rows for questions or choices that q
 * does not know are ignored.
 */
int survey_response_load(struct store *st, int64_t rid, const struct qset *q,
			 struct survey_value *vals, struct osk_error *err);

/* Delete response rid and its answers (an interview left empty). */
int survey_response_delete(struct store *st, int64_t rid,
			   struct osk_error *err);

/*
 * Whether question qi of q is asked given the answers vals (its `when`,
 * if any, holds).
 */
bool survey_asked(const struct qset *q, size_t qi,
		  const struct survey_value *vals);

/*
 * Load the newest version of the survey set set_id (NULL: the default)
 * from the database; *qset_id receives its row. A set of kind diagnosis
 * is refused (-OSK_EDATA). Free with qset_free().
 */
struct qset *survey_set_load(struct store *st, const char *set_id,
			     int64_t *qset_id, struct osk_error *err);

/* ---- import ---- */

struct survey_import {
	/* in */
	const char *set_id;	/* NULL: SURVEY_DEFAULT_SET */
	const char *event;	/* NULL: none */
	enum csv_encoding enc;
	/* out */
	bool already;		/* imported before: nothing was done */
	int64_t import_id;	/* the import row (the earlier one, if so) */
	char imported_at[32];	/* when it was imported (with already) */
	int set_version;
	size_t rows;		/* data rows read (empty ones included) */
	size_t added;		/* responses stored */
	size_t duplicates;	/* rows already stored from another file */
	size_t empty;		/* rows without any answer (skipped) */
	struct sbuf missing;	/* question ids without a column: "'a', 'b'" */
	enum csv_encoding used;
};

/* Set imp to its defaults (auto encoding, default set). */
void survey_import_init(struct survey_import *imp);
void survey_import_release(struct survey_import *imp);

/*
 * Import responses from a CSV with a header row (path "-" is stdin): one
 * row per response, one column per question id, optional columns
 * respondent, company (id or exact name of a registered company) and
 * submitted_at (YYYY-MM-DD or YYYY/MM/DD, optional time HH:MM[:SS]).
 *
 * All or nothing: every problem is added to errs as
 * "FILE:LINE:COLUMN: reason" (the error's path holds "FILE:LINE:COLUMN",
 * its line is 0) and nothing is stored; returns -OSK_EDATA then. Problems
 * in the CSV itself (encoding, quotes) end the reading with err filled.
 * Rows without any answer are skipped with a warning in warns.
 *
 * De-duplication: a file with the same SHA-256 as an earlier survey
 * import sets imp->already and stores nothing. Each row also gets a
 * digest of its content (set, event, respondent, company, submitted_at
 * and the answers in canonical form, so a label and its id are the same)
 * and of how many identical rows came before it in the same file; a row
 * whose digest is stored already is counted in imp->duplicates and not
 * stored again. Files that overlap therefore add each response once,
 * while identical anonymous answers within one file stay separate
 * responses. survey_response.digest is "<32 hex digits>-<n>": the
 * 128-bit MurmurHash3 of the canonical row and its occurrence n.
 * Standard input is copied to an unlinked temporary file (for its hash).
 *
 * Memory stays flat apart from 24 to 48 bytes per distinct row for the
 * occurrence counts and SQLite's page cache, raised to 32 MiB for the
 * import. Foreign keys are checked by this function rather than by
 * SQLite while it runs (on again before it returns). The caller holds no
 * transaction.
 */
int survey_import_file(struct store *st, const char *path,
		       struct survey_import *imp, struct osk_errlist *errs,
		       struct osk_errlist *warns, struct osk_error *err);

/* ---- tallies ---- */

enum survey_by {
	SURVEY_BY_NONE,
	SURVEY_BY_INDUSTRY,	/* linked company's industry, else the answer */
	SURVEY_BY_SIZE,		/* linked company's head count, else answer */
	SURVEY_BY_QUESTION,	/* the choices of a single or multi question */
};

struct survey_tally_opts {
	const char *set_id;	/* NULL: SURVEY_DEFAULT_SET */
	const char *event;	/* NULL: every event */
	enum survey_by by;
	const char *by_question;	/* with SURVEY_BY_QUESTION */
	int min_group;		/* smaller groups are suppressed (peers.min) */
	/* Industry names and size bands (may be NULL: the set's labels). */
	const struct industries *ind;
};

struct survey_choice_count {
	const struct qset_option *opt;	/* borrowed from the set */
	int64_t count;
	double percent;		/* 100 * count / answered, one decimal */
};

/* The tally of one question, over all responses or one group. */
struct survey_qtally {
	const struct qset_question *qq;	/* borrowed from the set */
	int64_t asked;		/* responses the question applied to */
	int64_t answered;
	int64_t no_answer;	/* asked - answered */
	struct survey_choice_count *choices;	/* one per option, in order */
	size_t nchoices;
	const char **other;	/* texts given with "other", in order */
	size_t nother;
	const char **texts;	/* text questions: the answers, in order */
	size_t ntexts;
	/* number questions (n = answered) */
	double mean, median, min, max;
};

struct survey_group {
	const char *id;		/* industry letter, size band or choice id */
	struct osk_text label;
	int64_t n;		/* responses in the group */
	bool suppressed;	/* n < min_group: questions is NULL */
	struct survey_qtally *questions;	/* nquestions, or NULL */
};

struct survey_tally {
	struct qset *set;	/* newest version of the set (owned) */
	const char *event;	/* NULL: every event */
	int64_t responses;
	struct survey_qtally *questions;	/* one per question of set */
	size_t nquestions;
	enum survey_by by;
	const char *by_id;	/* "industry", "size" or the question id */
	int min_group;
	struct survey_group *groups;	/* groups with n > 0, in order */
	size_t ngroups;
	int64_t ungrouped;	/* responses in no group */
	int64_t dropped;	/* answers the newest version does not know */
	struct survey_pool *pool;	/* private: strings */
};

/*
 * Count the stored responses of the set (all its versions, tallied with
 * the newest version's questions). Errors: OSK_ENOTFOUND (no such set),
 * OSK_EUSAGE (by_question unknown or not single/multi), OSK_EDATA (not a
 * survey set). Free the result with survey_tally_free().
 */
struct survey_tally *survey_tally_run(struct store *st,
				      const struct survey_tally_opts *o,
				      struct osk_error *err);
void survey_tally_free(struct survey_tally *t);

/* Number of groups shown (not suppressed). */
size_t survey_tally_shown(const struct survey_tally *t);

/*
 * The tally as JSON (DESIGN.md): {"set", "version", "event",
 * "responses", "questions": [...]} and with a grouping "by", "groups":
 * [{"id", "n", "questions"}], "suppressed": [ids], "ungrouped". Ends with
 * a newline. Returns 0 or -OSK_ENOMEM.
 */
int survey_tally_json(const struct survey_tally *t, struct sbuf *sb);

/*
 * The tally as CSV (UTF-8, CRLF), one row per question and choice:
 * group,group_n,question,type,asked,answered,no_answer,choice,label,
 * count,percent,mean,median,min,max (group empty for all responses;
 * labels in lang). Returns 0 or -OSK_ENOMEM.
 */
int survey_tally_csv(const struct survey_tally *t, enum osk_lang lang,
		     struct sbuf *sb);

#endif
