/* SPDX-License-Identifier: MIT */
#ifndef DIAG_INTERNAL_H
#define DIAG_INTERNAL_H

/* Shared inside diag/ only. */

#include "diag/diag.h"

/* Sums over the answered applicable scored questions of a category. */
struct diag_sum {
	int points, max;
	int answered, applicable;
};

/*
 * asked[i] for every question of q, in question order (a `when` always
 * points to an earlier question, so one pass is enough).
 */
void diag_asked(const struct qset *q, const struct diag_answer *items,
		bool *asked);

/*
 * Category sums (cats has q->ncategories entries, zeroed by the caller)
 * and the sum over all scored questions (total).
 */
void diag_sums(const struct qset *q, const struct diag_answer *items,
	       const bool *asked, struct diag_sum *cats,
	       struct diag_sum *total);

/* 100 x max(0, points) / max; false when nothing is answered. */
bool diag_sum_score(const struct diag_sum *s, double *score);

/* Whether option o is the top answer of qq (`done`). */
bool diag_option_is_top(const struct qset_question *qq,
			const struct qset_option *o);

/*
 * Fill the parts of s that need only the answers: categories (no
 * comparison), overall, self-check, unknown list, progress and the
 * SECURITY ACTION readiness. s->q must be set. 0 or -OSK_ENOMEM.
 */
int diag_score_base(struct diag_score *s, const struct diag_answer *items,
		    struct osk_error *err);

/*
 * After the comparison is filled in: weak flags and the priority list.
 * 0 or -OSK_ENOMEM.
 */
int diag_score_finish(struct diag_score *s, const struct diag_answer *items,
		      struct osk_error *err);

/* Free what s owns but not s itself. */
void diag_score_release(struct diag_score *s);

/* Fill the readiness from items (asked as from diag_asked()). */
int diag_action_fill(const struct qset *q, const struct diag_answer *items,
		     const bool *asked, struct diag_action *out,
		     struct osk_error *err);

/* The option ids of qq as "done, partly, no, unknown or na" into buf. */
void diag_option_list(const struct qset_question *qq, char *buf,
		      size_t size);

/*
 * diag_answers_load() / diag_answers_new() with a set the caller keeps
 * (borrowed: it must outlive *out); rowid is the set's row id.
 */
int diag_answers_load_set(struct store *st, const struct qset *q,
			  const struct diag_assessment *as,
			  struct diag_answers **out, struct osk_error *err);
int diag_answers_new_set(const struct qset *q, int64_t rowid,
			 int64_t company_id, struct diag_answers **out,
			 struct osk_error *err);

/* Copy src into dst (size bytes, NUL-terminated, cut when too long). */
void diag_strlcpy(char *dst, const char *src, size_t size);

/* The column as text, "" for NULL, into dst. */
void diag_column_text(char *dst, size_t size, sqlite3_stmt *stmt, int col);

/*
 * Load the newest version of set_id and check it is a diagnosis set:
 * -OSK_ENOTFOUND (no such set), -OSK_EDATA ("set 'X' is a survey, not a
 * diagnosis").
 */
struct qset *diag_set_get(struct store *st, const char *set_id,
			  int64_t *rowid, struct osk_error *err);

#endif
