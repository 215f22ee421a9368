/* SPDX-License-Identifier: MIT */
/*
 * SECURITY ACTION readiness: ★ and ★★ of the self-declaration, with each
 * missing step. Never called a certification anywhere in otasuke.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag/internal.h"

const char *
diag_why_name(enum diag_why why)
{
	switch (why) {
	case DIAG_WHY_NOT_DONE: return "not-done";
	case DIAG_WHY_UNANSWERED: return "unanswered";
	case DIAG_WHY_UNKNOWN: return "unknown";
	case DIAG_WHY_NO_QUESTION: return "no-question";
	default: return "one-star-not-ready";
	}
}

/* The question tagged with kind/number, or QSET_NONE. */
static size_t
tagged(const struct qset *q, enum diag_step_kind kind, int number)
{
	size_t i;

	for (i = 0; i < q->nquestions; i++) {
		const struct qset_question *qq = &q->questions[i];

		switch (kind) {
		case DIAG_STEP_SA:
			if (qq->sa == number)
				return i;
			break;
		case DIAG_STEP_SELFCHECK:
			if (qq->selfcheck == number)
				return i;
			break;
		case DIAG_STEP_POLICY_WRITTEN:
			if (qq->policy && !strcmp(qq->policy, "written"))
				return i;
			break;
		case DIAG_STEP_POLICY_PUBLISHED:
			if (qq->policy && !strcmp(qq->policy, "published"))
				return i;
			break;
		default:
			break;
		}
	}
	return QSET_NONE;
}

static void
add_step(struct diag_star *star, enum diag_step_kind kind, int number,
	 size_t question, enum diag_why why, const struct qset_option *o)
{
	struct diag_step *st = &star->missing[star->nmissing++];

	st->option = o;
	st->kind = kind;
	st->number = number;
	st->question = question;
	st->why = why;
	switch (kind) {
	case DIAG_STEP_SA:
		snprintf(st->id, sizeof(st->id), "sa-%d", number);
		break;
	case DIAG_STEP_SELFCHECK:
		snprintf(st->id, sizeof(st->id), "selfcheck-%d", number);
		break;
	case DIAG_STEP_POLICY_WRITTEN:
		snprintf(st->id, sizeof(st->id), "policy-written");
		break;
	case DIAG_STEP_POLICY_PUBLISHED:
		snprintf(st->id, sizeof(st->id), "policy-published");
		break;
	case DIAG_STEP_ONE_STAR:
		snprintf(st->id, sizeof(st->id), "one-star");
		break;
	}
}

/* A step that needs the top option (sa, policy). */
static void
need_top(const struct qset *q, const struct diag_answer *items,
	 const bool *asked, struct diag_star *star, enum diag_step_kind kind,
	 int number)
{
	size_t i = tagged(q, kind, number);
	const struct qset_option *o;

	if (i == QSET_NONE) {
		add_step(star, kind, number, i, DIAG_WHY_NO_QUESTION, NULL);
		return;
	}
	o = asked[i] ? items[i].option : NULL;
	if (diag_option_is_top(&q->questions[i], o))
		return;
	add_step(star, kind, number, i, !o ? DIAG_WHY_UNANSWERED :
		 o->unknown ? DIAG_WHY_UNKNOWN : DIAG_WHY_NOT_DONE, o);
}

/*
 * A self-check topic: any answer. "Don't know" is one of the self-check's
 * own answers (it scores -1), so the check was done; the topic is on the
 * "to check next time" list instead.
 */
static void
need_answer(const struct qset *q, const struct diag_answer *items,
	    const bool *asked, struct diag_star *star, int number)
{
	size_t i = tagged(q, DIAG_STEP_SELFCHECK, number);
	const struct qset_option *o;

	if (i == QSET_NONE) {
		add_step(star, DIAG_STEP_SELFCHECK, number, i,
			 DIAG_WHY_NO_QUESTION, NULL);
		return;
	}
	if (!asked[i])
		return;
	o = items[i].option;
	if (!o)
		add_step(star, DIAG_STEP_SELFCHECK, number, i,
			 DIAG_WHY_UNANSWERED, NULL);
}

int
diag_action_fill(const struct qset *q, const struct diag_answer *items,
		 const bool *asked, struct diag_action *out,
		 struct osk_error *err)
{
	int k;

	memset(out, 0, sizeof(*out));
	out->q = q;
	out->one_star.missing = calloc(5, sizeof(struct diag_step));
	out->two_star.missing = calloc(1 + 25 + 2, sizeof(struct diag_step));
	if (!out->one_star.missing || !out->two_star.missing) {
		diag_action_release(out);
		return osk_fail(err, OSK_ENOMEM, "out of memory");
	}
	for (k = 1; k <= 5; k++)
		need_top(q, items, asked, &out->one_star, DIAG_STEP_SA, k);
	out->one_star.ready = out->one_star.nmissing == 0;
	if (!out->one_star.ready)
		add_step(&out->two_star, DIAG_STEP_ONE_STAR, 0, QSET_NONE,
			 DIAG_WHY_NOT_READY, NULL);
	for (k = 1; k <= 25; k++)
		need_answer(q, items, asked, &out->two_star, k);
	need_top(q, items, asked, &out->two_star, DIAG_STEP_POLICY_WRITTEN,
		 0);
	need_top(q, items, asked, &out->two_star, DIAG_STEP_POLICY_PUBLISHED,
		 0);
	out->two_star.ready = out->two_star.nmissing == 0;
	return 0;
}

int
diag_action_compute(const struct diag_answers *a, struct diag_action *out,
		    struct osk_error *err)
{
	bool *asked = calloc(a->q->nquestions + 1, sizeof(*asked));
	int r;

	if (!asked) {
		memset(out, 0, sizeof(*out));
		return osk_fail(err, OSK_ENOMEM, "out of memory");
	}
	diag_asked(a->q, a->items, asked);
	r = diag_action_fill(a->q, a->items, asked, out, err);
	free(asked);
	return r;
}

void
diag_action_release(struct diag_action *act)
{
	free(act->one_star.missing);
	free(act->two_star.missing);
	act->one_star.missing = act->two_star.missing = NULL;
	act->one_star.nmissing = act->two_star.nmissing = 0;
}
