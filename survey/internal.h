/* SPDX-License-Identifier: MIT */
#ifndef SURVEY_INTERNAL_H
#define SURVEY_INTERNAL_H

/* Shared inside survey/ only. */

#include <stddef.h>

#include "core/sbuf.h"
#include "survey/survey.h"

/* ---- string pool (pool.c) ---- */

/* Strings that live as long as a tally: freed all at once. */
struct survey_pool;

struct survey_pool *survey_pool_new(void);
void survey_pool_free(struct survey_pool *p);
/* A NUL-terminated copy of n bytes at s, or NULL when out of memory. */
const char *survey_pool_strndup(struct survey_pool *p, const char *s,
				size_t n);

/* ---- matching (norm.c) ---- */

/*
 * Append the matching key of n bytes at s to out: surrounding spaces
 * dropped, inner runs of spaces made one, full-width ASCII and the
 * ideographic space made half-width, ASCII lower case, and the characters
 * that CP932 conversion swaps (wave dash and full-width tilde, the minus
 * signs and dashes, yen signs) made one. Returns 0 or -OSK_ENOMEM.
 */
int survey_norm(const char *s, size_t n, struct sbuf *out);

/* s without surrounding ASCII spaces, tabs, CR, LF and U+3000. */
void survey_trim(const char **s, size_t *n);

/* ---- values (response.c) ---- */

/* The option index of qq with that id, or (size_t)-1. */
size_t survey_option_index(const struct qset_question *qq, const char *id,
			   size_t n);

/* The index of qq's "other" choice, or (size_t)-1. */
size_t survey_other_index(const struct qset_question *qq);

/*
 * Add option index i to v (kept ascending and unique); the caller sets
 * v->answered. 0 or -OSK_ENOMEM.
 */
int survey_value_add_choice(struct survey_value *v, size_t i);

/* Make v "not answered", keeping its memory. */
void survey_value_reset(struct survey_value *v);

/*
 * Add one stored survey_answer row (choice, value) of question qq to v.
 * Returns 0, 1 when the row means nothing to qq (an unknown choice), or
 * -OSK_ENOMEM.
 */
int survey_value_load_row(const struct qset_question *qq,
			  struct survey_value *v, const char *choice,
			  const char *value);

/* ---- groups of a cross-tabulation (crosstab.c) ---- */

struct survey_grouping {
	enum survey_by by;
	size_t n;			/* groups */
	const char **ids;
	struct osk_text *labels;
	/* bands for employee counts of linked companies (SURVEY_BY_SIZE) */
	long *min, *max;		/* max -1: no upper bound */
	size_t qi;			/* question that answers it, or -1 */
};

/*
 * Set up the groups of o->by for set q; strings live in pool. Returns 0
 * or a negative error (OSK_EUSAGE: unknown or unusable --by question).
 */
int survey_grouping_init(struct survey_grouping *g, const struct qset *q,
			 const struct survey_tally_opts *o,
			 struct survey_pool *pool, struct osk_error *err);
void survey_grouping_release(struct survey_grouping *g);

/*
 * The groups (indexes into g) a response belongs to, into out (room for
 * g->n); returns how many. industry (NULL: no linked company) and
 * employees (-1: unknown) come from the linked company and win over the
 * answers.
 */
size_t survey_grouping_of(const struct survey_grouping *g,
			  const struct qset *q,
			  const struct survey_value *vals,
			  const char *industry, long employees, size_t *out);

#endif
