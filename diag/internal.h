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

/* ---- the comparison with peers (compare.c) ---- */

#define DIAG_NPOOLS 21		/* industries A-T, then all industries */
#define DIAG_POOL_ALL 20

/* One row of reference_avg. */
struct diag_ref {
	char industry[2];
	char *category, *source;
	double score;
	int n;
};

/* Sums of the latest completed assessments of a pool of companies. */
struct diag_pool {
	int companies;
	long double *sum;	/* per canonical category */
	int *cnt;
	long double osum;	/* overall */
	int ocnt;
};

/* The peer pools and reference averages of a set. */
struct diag_cmp {
	size_t ncats;		/* categories of the newest version */
	int peers_min;
	struct diag_pool pools[DIAG_NPOOLS];
	struct diag_ref *refs;
	size_t nrefs;
};

/* An assessment scored, categories in canonical (newest) order. */
struct diag_scored {
	bool has_overall;
	double overall;
	bool *has_cat;
	double *cat;
};

/*
 * For each category of q its index in canon (QSET_NONE when canon has no
 * such category; itself when canon is NULL). NULL when out of memory.
 */
size_t *diag_canon_map(const struct qset *canon, const struct qset *q);

/*
 * Score items of q into out (nc canonical categories, mapped by canon).
 * 0 or -OSK_ENOMEM; release out with diag_scored_release() either way.
 */
int diag_scored_fill(const struct qset *q, const size_t *canon, size_t nc,
		     const struct diag_answer *items, struct diag_scored *out,
		     struct osk_error *err);
void diag_scored_release(struct diag_scored *x);

/*
 * Industry (and, unless name is NULL, the name: the caller frees it) of
 * company id; -OSK_ENOTFOUND "no company N; ..." when there is none.
 */
int diag_company_read(struct store *st, int64_t id, char industry[2],
		      char **name, struct osk_error *err);

/*
 * Empty pools for ncats categories and peers.min from the config (c
 * zeroed by the caller). 0 or -OSK_ENOMEM; diag_cmp_release() either way.
 */
int diag_cmp_init(struct diag_cmp *c, struct store *st, size_t ncats,
		  struct osk_error *err);
void diag_cmp_release(struct diag_cmp *c);

/* Read the reference averages of set_id. */
int diag_cmp_read_refs(struct diag_cmp *c, struct store *st,
		       const char *set_id, struct osk_error *err);

/* Add a company of industry (its latest completed assessment a). */
void diag_cmp_add(struct diag_cmp *c, const char industry[2],
		  const struct diag_scored *a);

/* Whether there are reference averages for industry. */
bool diag_cmp_has_refs(const struct diag_cmp *c, const char industry[2]);

/* The peers of industry, not counting own (NULL: not in the pools). */
int diag_cmp_peers(const struct diag_cmp *c, const char industry[2],
		   const struct diag_scored *own);

/*
 * Fill the comparison of s (s->industry, s->q, s->cats set): own
 * industry when it has peers.min peers, else the reference averages,
 * else all industries when all_ok, else none. own is the company's latest
 * completed assessment (NULL if none), canon maps s->q's categories.
 */
void diag_cmp_apply(const struct diag_cmp *c, struct diag_score *s,
		    const struct diag_scored *own, const size_t *canon,
		    bool all_ok);

/*
 * The previous scores of s from prev (the caller sets s->previous).
 */
void diag_cmp_previous(struct diag_score *s, const struct diag_scored *prev,
		       const size_t *canon);

#endif
