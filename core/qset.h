/* SPDX-License-Identifier: MIT */
#ifndef CORE_QSET_H
#define CORE_QSET_H

#include <stdbool.h>
#include <stddef.h>

#include "core/error.h"
#include "core/sbuf.h"
#include "core/sha256.h"
#include "core/text.h"

/*
 * Question sets: the YAML files in questions/ (format: otasuke-questions(5)),
 * loaded, checked and turned into typed structs for the diagnosis, survey
 * and report code.
 *
 * A loaded set owns everything it points to (strings, arrays, the YAML
 * tree, the source text) in one pool; all of it is valid until qset_free().
 * Nothing in it is ever NULL unless the comment says so.
 */

/* ---- texts in two languages ---- */

/* enum osk_lang lives in core/text.h. */

/* Both NULL when the key was left out (an optional text), else both set. */
struct osk_text {
	const char *ja, *en;
};

/*
 * The text in lang; falls back to the other language, then to "" (never
 * NULL).
 */
const char *osk_text_get(const struct osk_text *t, int lang);

/* ---- the set ---- */

enum qset_kind {
	QSET_DIAGNOSIS,
	QSET_SURVEY,
};

enum qset_type {
	QSET_SCALE,		/* diagnosis: pick one option, scored */
	QSET_SINGLE,		/* survey: one choice */
	QSET_MULTI,		/* survey: up to max_choices choices */
	QSET_NUMBER,		/* survey: a number */
	QSET_TEXT,		/* survey: free text */
};

enum qset_cost {
	QSET_COST_FREE,
	QSET_COST_LOW,
	QSET_COST_PAID,
};

#define QSET_NONE ((size_t)-1)	/* "no index": no category, no question */

/* A scale entry, a question's own option, or a survey choice. */
struct qset_option {
	const char *id;
	int points;		/* 0 for na options and survey choices */
	bool unknown;		/* "don't know": scores, listed to check */
	bool na;		/* "not applicable": left out of the score */
	struct osk_text label;
	int line;
};

struct qset_grade {
	const char *id;
	double min;		/* lowest score (0-100) for this grade */
	struct osk_text label;
};

struct qset_category {
	const char *id;
	struct osk_text title;
	struct osk_text plain;	/* plain-words name; title when not given */
	int line;
};

/* Ask the question only if earlier question `question` got a listed choice. */
struct qset_when {
	size_t question;	/* index into qset.questions, always earlier */
	const char *const *choices;
	size_t nchoices;
};

struct qset_question {
	const char *id;
	size_t category;	/* index into qset.categories, or QSET_NONE */
	enum qset_type type;
	struct osk_text text;
	struct osk_text help;	/* optional: both NULL when not given */
	struct osk_text action;	/* optional: both NULL when not given */
	enum qset_cost cost;	/* default QSET_COST_FREE */
	double weight;		/* > 0, default 1 */
	bool scored;		/* default true (survey: false) */
	int sa;			/* tags.sa 1-5, 0 = none */
	int selfcheck;		/* tags.selfcheck 1-25, 0 = none */
	const char *policy;	/* tags.policy "written"/"published", or NULL */
	const char *sensor;	/* tags.sensor name, or NULL */
	/*
	 * Diagnosis: its own options if it has `options:`, else the set's
	 * scale. Survey single/multi: its choices. Number/text: none (NULL).
	 */
	const struct qset_option *options;
	size_t noptions;
	bool own_options;
	int max_points;		/* highest points of its non-na options */
	int max_choices;	/* multi: at most this many; 0 = no limit */
	bool other;		/* single/multi: free text beside "other" */
	const struct qset_when *when;	/* NULL = always asked */
	int line, col;
};

struct qset {
	const char *id;
	enum qset_kind kind;
	int version;
	struct osk_text title;
	const struct qset_option *scale;	/* diagnosis only */
	size_t nscale;
	const struct qset_grade *grades;	/* diagnosis only, best first */
	size_t ngrades;
	const struct qset_category *categories;
	size_t ncategories;
	const struct qset_question *questions;
	size_t nquestions;
	const char *path;		/* file name or the name given */
	const char *source;		/* the YAML text as loaded */
	size_t source_len;
	char sha256[SHA256_HEX_SIZE];	/* of the source, lowercase hex */
	struct qset_priv *priv;		/* private: pool, YAML tree, index */
};

/*
 * Load and check a question set. Every error found is added to errs (may
 * be NULL), each one line "path:line:col: message"; returns the set, to
 * free with qset_free(), or NULL if there was any error. Error codes:
 * OSK_ENOINPUT (cannot read), OSK_EDATA (bad YAML or bad set), OSK_ENOMEM.
 */
struct qset *qset_load_file(const char *path, struct osk_errlist *errs);

/* Same from len bytes of buf (copied); name stands for the path. */
struct qset *qset_load_mem(const char *name, const char *buf, size_t len,
			   struct osk_errlist *errs);

/* Free q and all it owns. NULL does nothing. */
void qset_free(struct qset *q);

/* Index of the question / category with that id, or -1. O(1). */
long qset_question_index(const struct qset *q, const char *id);
long qset_category_index(const struct qset *q, const char *id);

/* The option or choice of qq with that id, or NULL. */
const struct qset_option *qset_option_find(const struct qset_question *qq,
					   const char *id);

/* The grade for score (0-100): the first whose min <= score. */
const struct qset_grade *qset_grade_for(const struct qset *q, double score);

/*
 * Whether question qq of q is asked, given the earlier answers:
 * has_choice(ctx, question_index, choice_id) tells whether that question
 * was answered with that choice (false when it was not asked or not
 * answered). Questions without `when` are always asked.
 */
bool qset_when_applies(const struct qset *q, const struct qset_question *qq,
		       bool (*has_choice)(void *ctx, size_t question,
					  const char *choice),
		       void *ctx);

/*
 * Append the set as JSON to sb: the YAML as written, with its own keys
 * (see yaml_json_write()). flags: YAML_JSON_PRETTY. 0 or -OSK_ENOMEM.
 */
int qset_json_write(const struct qset *q, struct sbuf *sb, int flags);

/* Names as written in YAML: "diagnosis", "single", "low", ... */
const char *qset_kind_name(enum qset_kind kind);
const char *qset_type_name(enum qset_type type);
const char *qset_cost_name(enum qset_cost cost);

/*
 * Whether the YAML at path looks like a question set (its top level is a
 * mapping with a `set:` key), as opposed to the other files in questions/
 * (alerts.yaml, industries.yaml). Cheap; false if it cannot be read.
 */
bool qset_file_is_set(const char *path);

/*
 * The folder of the shipped YAML files: $OTASUKE_DATADIR if set and not
 * empty, else <folder of the running program>/questions when that exists
 * (running from the source tree), else <that folder>/../share/otasuke/
 * questions when that exists (installed under any PREFIX), else
 * OSK_DATADIR "/questions" (set by the Makefile). Borrowed: a static
 * string, computed once.
 */
const char *osk_datadir(void);

#endif
