/* SPDX-License-Identifier: MIT */
#ifndef DIAG_DIAG_H
#define DIAG_DIAG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/csv.h"
#include "core/error.h"
#include "core/qset.h"
#include "core/sbuf.h"
#include "core/store.h"

/*
 * The simple security diagnosis: a company's answers to a diagnosis
 * question set (an "assessment"), their scores, the comparison with
 * similar companies, the prioritized actions and SECURITY ACTION
 * readiness. The rules are DESIGN.md's "Scoring"; where DESIGN.md leaves
 * a choice open, the choice is written down here, beside the field or the
 * function it concerns.
 *
 * Everything here returns plain structs: report/ and bin/ read them and
 * never run SQL. Functions return 0 (or a count) on success, or a
 * negative -OSK_E* with err filled. Nothing here prints or exits.
 *
 * Words used below:
 *   asked       a question whose `when` applies, given the earlier
 *               answers (a question without `when` is always asked).
 *   answered    an asked question with an option stored; a skipped
 *               question (stored with no option, perhaps with a note) or
 *               one never reached is not answered.
 *   applicable  an asked, scored question not answered `na`.
 *   complete    every asked scored question is answered (any option,
 *               `unknown` and `na` included). Unscored facts (the network
 *               questions) are not needed. This is the rule both the
 *               interview (after each answer, so a hearing quit after its
 *               last scored answer is completed too) and `diag import`
 *               use to mark an assessment completed.
 *
 * Which assessment: "the latest" is the one with the highest id (started
 * last), completed or not. Scores are of the latest (DIAG_COMPLETED: the
 * latest completed); peers are always other companies' latest completed
 * ones; "previous" is the latest completed one older than the one scored.
 *
 * Typical use:
 *   report/ for one sheet:  diag_score_get(st, id, "diag-office", 0, &s,
 *                           &err) ... diag_score_free(s);
 *   report/ for a batch:    diag_batch_score(st, "diag-office", 0, &b,
 *                           &err); diag_batch_find(b, id) per company;
 *                           diag_batch_free(b);
 *   alerts/:                diag_latest_answers() + diag_answers_sa_done()
 *   bin/ interview:         diag_assessment_latest(), diag_answers_load()
 *                           or diag_answers_new(), then for each answer
 *                           store_begin, diag_answers_put,
 *                           diag_answers_finish, store_commit.
 */

#define DIAG_DEFAULT_SET "diag-office"
#define DIAG_PEERS_MIN_DEFAULT 5

/* ---- assessments and answers ---- */

/* One diagnosis of one company under one version of a set. */
struct diag_assessment {
	int64_t id;		/* 0: not stored yet (see diag_answers_new) */
	int64_t company_id;
	int64_t qset_rowid;	/* the set version it was given under */
	char set_id[64];
	int version;
	char started_at[32];	/* "YYYY-MM-DDTHH:MM:SSZ" */
	char completed_at[32];	/* "" while in progress */
	char last_answer_at[32]; /* newest answered_at; "" when none */
	bool completed;
};

/* The stored answer of one question. */
struct diag_answer {
	const struct qset_option *option; /* NULL: not answered */
	bool stored;		/* a row exists: an answer, or a skip */
	const char *note;	/* NULL: no note */
};

/*
 * The answers of one assessment, indexed like q->questions. Strings and
 * the set are owned by the struct; free with diag_answers_free().
 */
struct diag_answers {
	const struct qset *q;
	struct diag_assessment a;
	struct diag_answer *items;	/* q->nquestions entries */
	struct diag_answers_priv *priv;
};

/*
 * The latest assessment (highest id) of company_id for set set_id (any
 * version); with completed_only, the latest completed one. Returns 0, or
 * -OSK_ENOTFOUND with err filled ("no 'diag-office' assessment for
 * company 3 yet").
 */
int diag_assessment_latest(struct store *st, int64_t company_id,
			   const char *set_id, bool completed_only,
			   struct diag_assessment *out, struct osk_error *err);

/*
 * Load the answers of assessment a (and the set version it was given
 * under). Free *out with diag_answers_free().
 */
int diag_answers_load(struct store *st, const struct diag_assessment *a,
		      struct diag_answers **out, struct osk_error *err);

/*
 * A new, empty assessment of company_id under the newest version of
 * set_id (which must be a diagnosis set: -OSK_ENOTFOUND / -OSK_EDATA
 * otherwise). Nothing is written until the first diag_answers_put(): a
 * hearing that is quit before the first answer leaves no trace.
 */
int diag_answers_new(struct store *st, int64_t company_id,
		     const char *set_id, struct diag_answers **out,
		     struct osk_error *err);

/*
 * For alerts/ and the report: the answers of company_id's latest
 * assessment of set_id (completed or not; with completed_only, the latest
 * completed one). Same as diag_assessment_latest() + diag_answers_load().
 * -OSK_ENOTFOUND when there is none.
 */
int diag_latest_answers(struct store *st, int64_t company_id,
			const char *set_id, bool completed_only,
			struct diag_answers **out, struct osk_error *err);

void diag_answers_free(struct diag_answers *a);

/*
 * Whether SECURITY ACTION principle sa (1 updates, 2 malware protection,
 * 3 passwords, 4 sharing settings, 5 knowing the threats) is done in a:
 * 1 when the question tagged `sa: N` is answered with its top option
 * (`done` in the shipped sets), 0 when it is answered otherwise or not
 * answered, -1 when the set has no question with that tag.
 * E.g. alerts/: diag_latest_answers(st, id, "diag-office", false, &a, &e)
 * then diag_answers_sa_done(a, 2) for malware protection.
 */
int diag_answers_sa_done(const struct diag_answers *a, int sa);

/* Whether question qi is asked, given the answers in a. */
bool diag_answers_asked(const struct diag_answers *a, size_t qi);

/*
 * Progress over the asked scored questions: *answered of *asked (either
 * may be NULL). Complete when they are equal (see "complete" above).
 */
void diag_answers_progress(const struct diag_answers *a, size_t *answered,
			   size_t *asked);
bool diag_answers_complete(const struct diag_answers *a);

/*
 * Store the answer of question qi: option is an option id of that
 * question, or NULL to record a skip; note NULL or "" keeps no note.
 * The caller holds the transaction (store_begin .. store_commit); on the
 * first put of a new assessment its row is created. Updates a in memory.
 * An assessment that was completed and is no longer complete (an answer
 * taken back) goes back to in progress. -OSK_EDATA for an option the
 * question does not have ("'maybe' is not an answer to 'basics-1'; use
 * done, partly, no, unknown or na").
 */
int diag_answers_put(struct store *st, struct diag_answers *a, size_t qi,
		     const char *option, const char *note,
		     struct osk_error *err);

/*
 * Mark the assessment completed (now) when it is complete and not yet
 * marked; *completed (may be NULL) tells the state afterwards. The caller
 * holds the transaction. Does nothing for an assessment never stored.
 */
int diag_answers_finish(struct store *st, struct diag_answers *a,
			bool *completed, struct osk_error *err);

/* ---- SECURITY ACTION (a self-declaration: never a certification) ---- */

enum diag_step_kind {
	DIAG_STEP_SA,			/* one principle, number 1-5 */
	DIAG_STEP_ONE_STAR,		/* two stars need one star first */
	DIAG_STEP_SELFCHECK,		/* one self-check topic, number 1-25 */
	DIAG_STEP_POLICY_WRITTEN,
	DIAG_STEP_POLICY_PUBLISHED,
};

/* Why a step is missing. */
enum diag_why {
	DIAG_WHY_NOT_DONE,	/* answered, not with the top option */
	DIAG_WHY_UNANSWERED,	/* skipped or not reached */
	DIAG_WHY_UNKNOWN,	/* answered "don't know" */
	DIAG_WHY_NO_QUESTION,	/* the set has no question with this tag */
	DIAG_WHY_NOT_READY,	/* DIAG_STEP_ONE_STAR: one star is not ready */
};

struct diag_step {
	enum diag_step_kind kind;
	int number;		/* sa 1-5, selfcheck 1-25, else 0 */
	char id[24];		/* "sa-3", "selfcheck-7", "policy-written",
				   "policy-published", "one-star" */
	size_t question;	/* index into q->questions, or QSET_NONE; the
				   question's `action` text is what to do */
	enum diag_why why;
	const struct qset_option *option;	/* the answer, or NULL */
};

struct diag_star {
	bool ready;
	struct diag_step *missing;	/* in step order */
	size_t nmissing;
};

/*
 * Readiness for the SECURITY ACTION self-declaration:
 * ★ (one star) when each of the five `sa` questions is answered with its
 *   top option (`done`).
 * ★★ (two stars) when ★ is ready, all 25 self-check topics are answered
 *   (with any option: `unknown` and `na` are answers of the self-check
 *   too; a topic whose question is not asked because of its `when`
 *   counts as answered), and both `policy` questions (written,
 *   published) are answered with their top option.
 * Missing steps: ★ lists sa-1..5; ★★ lists "one-star" (when ★ is not
 * ready), then selfcheck-1..25, policy-written, policy-published.
 */
struct diag_action {
	const struct qset *q;		/* borrowed from the owner */
	struct diag_star one_star, two_star;
};

/*
 * Compute the readiness from answers into out (release with
 * diag_action_release()). 0 or -OSK_ENOMEM.
 */
int diag_action_compute(const struct diag_answers *a, struct diag_action *out,
			struct osk_error *err);
void diag_action_release(struct diag_action *act);

/* "sa-3"-style step ids as in the JSON; see struct diag_step. */
const char *diag_why_name(enum diag_why why);	/* "not-done", ... */

/* ---- scores ---- */

/* Which comparison a score shows (DESIGN.md "Comparison"). */
enum diag_source {
	DIAG_CMP_NONE,		/* too few companies and no reference */
	DIAG_CMP_INDUSTRY,	/* peers of the same industry, n >= peers.min */
	DIAG_CMP_REFERENCE,	/* an imported published average */
	DIAG_CMP_ALL,		/* peers of all industries, n >= peers.min */
};

/* "none", "industry", "reference", "all" (the JSON values). */
const char *diag_source_name(enum diag_source s);

/*
 * One category. Score: 100 x max(0, points) / max over its answered
 * applicable questions; has_score false (JSON null, text "-") when no
 * applicable question is answered. The grade is taken on the score
 * rounded to one decimal, so a shown 80.0 is never a B.
 */
struct diag_category_score {
	size_t category;	/* index into q->categories */
	bool has_score;
	double score;		/* 0-100, not rounded */
	const struct qset_grade *grade;	/* NULL when !has_score */
	int points, max;	/* the sums behind score (points may be < 0) */
	int answered;		/* applicable questions answered */
	int applicable;		/* asked scored questions not answered na */
	/*
	 * The comparison value for this category: the mean of the peers'
	 * category scores (or the reference score). has_comparison false
	 * when there is none, or when fewer than peers.min peers have a
	 * score in this category (suppressed like the whole group).
	 */
	bool has_comparison;
	double comparison;
	int comparison_n;	/* peers (or reference n) behind it */
	enum diag_source source;	/* same as diag_score.source */
	/*
	 * Weak: the 1.5 priority factor applies. Its score (rounded to one
	 * decimal) is below the comparison (rounded), or it is graded C or D,
	 * which for any set means a grade third or lower in its `grades`.
	 */
	bool weak;
	/* the previous completed assessment, for the radar chart */
	bool has_previous;
	double previous;
};

/*
 * A question worth acting on: (max - points) x weight x (1.5 if its
 * category is weak) x (free 1.0, low 0.8, paid 0.5). Only answered scored
 * questions below their maximum (unknown: max + 1); highest first, ties
 * (equal to 1e-9) by question order.
 */
struct diag_priority {
	size_t question;	/* index into q->questions: id, text, action,
				   cost, category */
	double priority;
	int points, max;
	bool weak;		/* the 1.5 factor was applied */
};

struct diag_score {
	/* the company */
	int64_t company_id;
	char *company_name;
	char industry[2];
	/* the assessment scored and the set version it was given under */
	const struct qset *q;
	struct diag_assessment assessment;
	/* answered / asked scored questions (for "in progress 12/43"); na
	   answers count in both */
	int answered, asked;
	/*
	 * Overall: the pooled ratio 100 x max(0, sum of points) / sum of max
	 * over every answered applicable scored question of every category
	 * (not the mean of the category scores: a category with one question
	 * weighs less than one with ten). false when nothing is answered.
	 */
	bool has_overall;
	double overall;
	const struct qset_grade *grade;	/* NULL when !has_overall */
	/*
	 * Self-check: the sum of points over the `selfcheck`-tagged
	 * questions (-25..100 with the shipped scale); skipped and na add 0.
	 * has_selfcheck false when the set has no such question.
	 */
	bool has_selfcheck;
	int selfcheck;
	int selfcheck_answered;	/* topics answered (unknown included) */
	/*
	 * The comparison: which one, and n: the peer companies behind it
	 * (industry, all), the largest n of the reference rows (reference),
	 * or for none the number of peers of the same industry, which was
	 * below peers.min.
	 */
	enum diag_source source;
	int n;
	const char *reference;	/* DIAG_CMP_REFERENCE: its source text */
	bool has_overall_comparison;	/* peers' mean overall score, or */
	double overall_comparison;	/* a reference row "overall" */
	/* categories with at least one scored question, in set order */
	struct diag_category_score *cats;
	size_t ncats;
	struct diag_priority *priorities;
	size_t npriorities;
	/* questions answered with an `unknown` option: "to check next time" */
	size_t *unknown;
	size_t nunknown;
	/* the previous completed assessment (older than this one), if any */
	bool has_previous;
	struct diag_assessment previous;
	bool has_previous_overall;
	double previous_overall;
	/* SECURITY ACTION readiness of the same assessment */
	struct diag_action action;
	struct diag_score_priv *priv;
};

enum diag_score_flags {
	DIAG_NO_PEERS = 1 << 0,		/* skip the comparison (faster) */
	DIAG_COMPLETED = 1 << 1,	/* score the latest completed
					   assessment, not the latest */
};

/*
 * Score company_id's latest assessment of set_id (see flags), with its
 * comparison: peers are the other companies' latest completed assessments
 * of the same set (any version; categories matched by id) in the same
 * industry, shown when there are at least peers.min (config, default 5)
 * of them; else the imported reference average of the company's industry
 * (when any row exists for set and industry); else all industries (again
 * at least peers.min); else none. Returns 0, or -OSK_ENOTFOUND when the
 * company has no such assessment. Free *out with diag_score_free().
 */
int diag_score_get(struct store *st, int64_t company_id, const char *set_id,
		   int flags, struct diag_score **out, struct osk_error *err);
void diag_score_free(struct diag_score *s);

/*
 * Every company with an assessment of set_id, scored in one pass (all
 * answers are read with one query and the peer averages are sums per
 * industry and category, so 10,000 companies take well under a second).
 * scores are ordered by company id; companies without an assessment are
 * left out. Free with diag_batch_free().
 */
struct diag_batch {
	struct diag_score *scores;
	size_t n;
	struct diag_batch_priv *priv;	/* owns the set versions */
};

int diag_batch_score(struct store *st, const char *set_id, int flags,
		     struct diag_batch **out, struct osk_error *err);
/* The score of company_id in b, or NULL. O(log n). */
const struct diag_score *diag_batch_find(const struct diag_batch *b,
					 int64_t company_id);
void diag_batch_free(struct diag_batch *b);

/*
 * The JSON of `diag score --format json` / `diag action --format json`
 * (keys as DESIGN.md; scores rounded half-up to one decimal; extra keys:
 * texts in lang). Appended to sb. 0 or -OSK_ENOMEM.
 */
int diag_score_json(const struct diag_score *s, int lang, struct sbuf *sb);
int diag_action_json(const struct diag_action *act, int lang,
		     struct sbuf *sb);

/* ---- import ---- */

/* Longest cell diag_import_csv() accepts (a note), in bytes. */
#define DIAG_CELL_MAX (64u * 1024)

struct diag_import {
	enum csv_encoding enc;
	/*
	 * May be NULL. Receives "FILE:LINE: empty row; skipped" for rows
	 * whose cells are all blank, and "FILE: column 'X' is not used" for
	 * header cells that name no known column. bin/ prints them only
	 * when the import succeeded.
	 */
	struct osk_errlist *warns;
	/* results */
	size_t rows;		/* data rows read (blank ones not counted) */
	size_t empty;		/* blank rows skipped */
	size_t created;		/* new assessments */
	size_t updated;		/* open assessments added to */
	size_t completed;	/* assessments that became complete */
	enum csv_encoding used;
};

/*
 * Import answers from a CSV with a header row: company, set, question,
 * answer and optionally note (any order; ASCII case ignored; also 会社名,
 * セット, 質問, 回答, メモ). company is an id or exact name; answer an
 * option id of the question, or its ja or en label, or empty for a skip.
 * As typed in a spreadsheet: spaces, tabs and ideographic spaces around a
 * cell are ignored, and set, question and answer match ignoring ASCII case
 * and full-width/half-width forms ("ＢＡＳＩＣＳ-1", "Done", "実施して
 * いる"). Rows whose cells are all blank are skipped. Rows of one company and
 * set go into that company's open (latest, not completed) assessment of
 * the set, under its version, or into a new assessment under the newest
 * version; an assessment that is complete afterwards is marked completed.
 * All or nothing: every bad row goes into errs as "FILE:LINE: field N
 * (column X): ..." (unknown company, set, question or option; a question
 * whose `when` does not apply; a question given twice) and nothing is
 * kept. Runs its own transaction, written as the rows are read and rolled
 * back on any error; memory does not grow with the number of rows (a few
 * bytes per question of each company met). Returns 0, -OSK_EDATA when
 * errs has entries, or another error in err.
 */
int diag_import_csv(struct store *st, const char *path,
		    struct diag_import *imp, struct osk_errlist *errs,
		    struct osk_error *err);

/*
 * Import published averages from YAML (format in otasuke-diag(1)):
 *   source: "..."            # default for the entries (optional)
 *   set: diag-office         # default for the entries (optional)
 *   averages:
 *     - {set: S, industry: E, category: basics, score: 62.5, n: 120,
 *        source: "..."}
 * industry is a JSIC letter A-T or a division's ja or en name (from
 * osk_datadir()/industries.yaml); category a category id of the set's
 * newest version, or "overall"; score 0-100; n >= 1. A row for the same
 * set, industry and category replaces the stored one. All or nothing:
 * errors as "FILE:LINE:COL: ..." into errs. Runs its own transaction.
 * *rows receives the number of averages stored.
 */
int diag_reference_import(struct store *st, const char *path, size_t *rows,
			  struct osk_errlist *errs, struct osk_error *err);

/* ---- list ---- */

enum diag_state {
	DIAG_NOT_STARTED,
	DIAG_IN_PROGRESS,
	DIAG_COMPLETED_STATE,
};

/* "not-started", "in-progress", "completed" (the JSON values). */
const char *diag_state_name(enum diag_state s);

/* One company's diagnosis state for `diag list`. */
struct diag_list_item {
	int64_t company_id;
	const char *name;
	char industry[2];
	enum diag_state state;
	int answered, asked;	/* in progress: n / N */
	char date[11];		/* YYYY-MM-DD: completed, else last answer,
				   else started; "" when not started */
	bool has_overall;
	double overall;
	const char *grade;	/* grade id, NULL without a score */
};

struct diag_list {
	struct diag_list_item *items;	/* every company, by id */
	size_t n;
	struct diag_list_priv *priv;
};

/*
 * Every company with the state of its latest assessment of set_id. Free
 * with diag_list_free().
 */
int diag_list_get(struct store *st, const char *set_id,
		  struct diag_list **out, struct osk_error *err);
void diag_list_free(struct diag_list *l);

/* ---- many companies, one at a time (flat memory) ---- */

/*
 * Parsed question-set versions kept for many calls on one open database
 * (a set is parsed once, not once per company). Sets handed out are
 * borrowed until diag_sets_free(). diag_sets_new() returns NULL when out
 * of memory.
 */
struct diag_sets;

struct diag_sets *diag_sets_new(void);
void diag_sets_free(struct diag_sets *c);

/* The set version stored under rowid, parsed on first use. NULL + err. */
const struct qset *diag_sets_get(struct diag_sets *c, struct store *st,
				 int64_t rowid, struct osk_error *err);

/* The newest version of diagnosis set set_id (*rowid: its row). */
const struct qset *diag_sets_newest(struct diag_sets *c, struct store *st,
				    const char *set_id, int64_t *rowid,
				    struct osk_error *err);

/*
 * diag_latest_answers() with the set taken from c; the answers borrow it
 * (free them before c).
 */
int diag_sets_latest_answers(struct diag_sets *c, struct store *st,
			     int64_t company_id, const char *set_id,
			     bool completed_only, struct diag_answers **out,
			     struct osk_error *err);

/*
 * The comparison data of set_id computed once: the peer pools (every
 * company's latest completed assessment, summed per industry and over
 * all, read one assessment at a time), the reference averages and
 * peers.min. Memory grows with the categories, not the companies. sets
 * (borrowed, may be NULL: one of its own) keeps the set versions met.
 * Errors as diag_batch_score(). Free with diag_peers_free().
 */
struct diag_peers;

int diag_peers_load(struct store *st, const char *set_id,
		    struct diag_sets *sets, struct diag_peers **out,
		    struct osk_error *err);
void diag_peers_free(struct diag_peers *p);

/* The set id the peers were loaded for. */
const char *diag_peers_set(const struct diag_peers *p);

/*
 * Score company_id against p: the same numbers as diag_score_get(st,
 * company_id, set, flags) as long as the database has not changed since
 * diag_peers_load(). The score borrows its set and reference text from p:
 * free it with diag_score_free() before diag_peers_free(p). Errors as
 * diag_score_get().
 */
int diag_score_with_peers(struct store *st, struct diag_peers *p,
			  int64_t company_id, int flags,
			  struct diag_score **out, struct osk_error *err);

#endif
