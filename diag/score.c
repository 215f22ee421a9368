/* SPDX-License-Identifier: MIT */
/*
 * Scores from answers (DESIGN.md "Scoring"): category and overall scores,
 * grades, self-check total, the "to check next time" list and the
 * prioritized actions. No SQL here: peers.c loads the answers and fills
 * in the comparison between diag_score_base() and diag_score_finish().
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "diag/internal.h"

const char *
diag_source_name(enum diag_source s)
{
	switch (s) {
	case DIAG_CMP_INDUSTRY: return "industry";
	case DIAG_CMP_REFERENCE: return "reference";
	case DIAG_CMP_ALL: return "all";
	default: return "none";
	}
}

void
diag_sums(const struct qset *q, const struct diag_answer *items,
	  const bool *asked, struct diag_sum *cats, struct diag_sum *total)
{
	size_t i;

	for (i = 0; i < q->nquestions; i++) {
		const struct qset_question *qq = &q->questions[i];
		const struct qset_option *o = items[i].option;
		struct diag_sum *c = qq->category == QSET_NONE ? NULL
				     : &cats[qq->category];

		if (!qq->scored || !asked[i] || (o && o->na))
			continue;
		total->applicable++;
		if (c)
			c->applicable++;
		if (!o)
			continue;
		total->answered++;
		total->points += o->points;
		total->max += qq->max_points;
		if (c) {
			c->answered++;
			c->points += o->points;
			c->max += qq->max_points;
		}
	}
}

bool
diag_sum_score(const struct diag_sum *s, double *score)
{
	if (!s->answered || s->max <= 0)
		return false;
	*score = 100.0 * (s->points > 0 ? s->points : 0) / s->max;
	return true;
}

static const struct qset_grade *
grade_of(const struct qset *q, double score)
{
	return qset_grade_for(q, osk_round1(score));
}

/* Whether category c of q has a scored question. */
static bool
category_scored(const struct qset *q, size_t c)
{
	size_t i;

	for (i = 0; i < q->nquestions; i++)
		if (q->questions[i].scored && q->questions[i].category == c)
			return true;
	return false;
}

static int
fill_categories(struct diag_score *s, const struct diag_sum *sums)
{
	const struct qset *q = s->q;
	size_t c, n = 0;

	s->cats = calloc(q->ncategories + 1, sizeof(*s->cats));
	if (!s->cats)
		return -OSK_ENOMEM;
	for (c = 0; c < q->ncategories; c++) {
		struct diag_category_score *cs = &s->cats[n];

		if (!category_scored(q, c))
			continue;
		cs->category = c;
		cs->points = sums[c].points;
		cs->max = sums[c].max;
		cs->answered = sums[c].answered;
		cs->applicable = sums[c].applicable;
		cs->has_score = diag_sum_score(&sums[c], &cs->score);
		if (cs->has_score)
			cs->grade = grade_of(q, cs->score);
		n++;
	}
	s->ncats = n;
	return 0;
}

static int
fill_unknown(struct diag_score *s, const struct diag_answer *items,
	     const bool *asked)
{
	const struct qset *q = s->q;
	size_t i;

	s->unknown = calloc(q->nquestions + 1, sizeof(*s->unknown));
	if (!s->unknown)
		return -OSK_ENOMEM;
	for (i = 0; i < q->nquestions; i++)
		if (asked[i] && items[i].option && items[i].option->unknown)
			s->unknown[s->nunknown++] = i;
	return 0;
}

static void
fill_selfcheck(struct diag_score *s, const struct diag_answer *items,
	       const bool *asked)
{
	const struct qset *q = s->q;
	size_t i;

	for (i = 0; i < q->nquestions; i++) {
		const struct qset_option *o = items[i].option;

		if (!q->questions[i].selfcheck)
			continue;
		s->has_selfcheck = true;
		if (!asked[i] || !o)
			continue;
		s->selfcheck_answered++;
		if (!o->na)
			s->selfcheck += o->points;
	}
}

int
diag_score_base(struct diag_score *s, const struct diag_answer *items,
		struct osk_error *err)
{
	const struct qset *q = s->q;
	struct diag_sum *sums, total = { 0, 0, 0, 0 };
	bool *asked;
	int r = -OSK_ENOMEM;

	sums = calloc(q->ncategories + 1, sizeof(*sums));
	asked = calloc(q->nquestions + 1, sizeof(*asked));
	if (!sums || !asked)
		goto out;
	diag_asked(q, items, asked);
	diag_sums(q, items, asked, sums, &total);
	s->answered = total.answered;
	s->asked = total.applicable;
	/* na answers count as answered for progress */
	for (size_t i = 0; i < q->nquestions; i++)
		if (q->questions[i].scored && asked[i] && items[i].option &&
		    items[i].option->na) {
			s->answered++;
			s->asked++;
		}
	s->has_overall = diag_sum_score(&total, &s->overall);
	if (s->has_overall)
		s->grade = grade_of(q, s->overall);
	fill_selfcheck(s, items, asked);
	if (fill_categories(s, sums) || fill_unknown(s, items, asked))
		goto out;
	if ((r = diag_action_fill(q, items, asked, &s->action, err)))
		goto out;
	r = 0;
out:
	if (r == -OSK_ENOMEM)
		osk_fail(err, OSK_ENOMEM, "out of memory");
	free(sums);
	free(asked);
	return r;
}

/* ---- priorities ---- */

static double
cost_factor(enum qset_cost c)
{
	switch (c) {
	case QSET_COST_LOW: return 0.8;
	case QSET_COST_PAID: return 0.5;
	default: return 1.0;
	}
}

/* Graded C/D: the third grade of the set's list or a lower one. */
static bool
weak_grade(const struct qset *q, const struct qset_grade *g)
{
	return g && g - q->grades >= 2;
}

static int
by_priority(const void *pa, const void *pb)
{
	const struct diag_priority *a = pa, *b = pb;

	if (fabs(a->priority - b->priority) > 1e-9)
		return a->priority > b->priority ? -1 : 1;
	return a->question < b->question ? -1 : a->question > b->question;
}

int
diag_score_finish(struct diag_score *s, const struct diag_answer *items,
		  struct osk_error *err)
{
	const struct qset *q = s->q;
	bool *weak, *asked;
	size_t c, i;
	int r = 0;

	weak = calloc(q->ncategories + 1, sizeof(*weak));
	asked = calloc(q->nquestions + 1, sizeof(*asked));
	s->priorities = calloc(q->nquestions + 1, sizeof(*s->priorities));
	if (!weak || !asked || !s->priorities) {
		r = osk_fail(err, OSK_ENOMEM, "out of memory");
		goto out;
	}
	for (c = 0; c < s->ncats; c++) {
		struct diag_category_score *cs = &s->cats[c];

		cs->weak = cs->has_score &&
			   (weak_grade(q, cs->grade) ||
			    (cs->has_comparison &&
			     osk_round1(cs->score) <
			     osk_round1(cs->comparison)));
		weak[cs->category] = cs->weak;
	}
	diag_asked(q, items, asked);
	for (i = 0; i < q->nquestions; i++) {
		const struct qset_question *qq = &q->questions[i];
		const struct qset_option *o = items[i].option;
		struct diag_priority *p;
		bool w;

		if (!qq->scored || !asked[i] || !o || o->na ||
		    o->points >= qq->max_points)
			continue;
		w = qq->category != QSET_NONE && weak[qq->category];
		p = &s->priorities[s->npriorities++];
		p->question = i;
		p->points = o->points;
		p->max = qq->max_points;
		p->weak = w;
		p->priority = (qq->max_points - o->points) * qq->weight *
			      (w ? 1.5 : 1.0) * cost_factor(qq->cost);
	}
	qsort(s->priorities, s->npriorities, sizeof(*s->priorities),
	      by_priority);
out:
	free(weak);
	free(asked);
	return r;
}

void
diag_score_release(struct diag_score *s)
{
	free(s->company_name);
	free(s->cats);
	free(s->priorities);
	free(s->unknown);
	diag_action_release(&s->action);
	s->company_name = NULL;
	s->cats = NULL;
	s->priorities = NULL;
	s->unknown = NULL;
}
