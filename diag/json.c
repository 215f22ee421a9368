/* SPDX-License-Identifier: MIT */
/*
 * The JSON of `diag score` and `diag action`: a stable interface, keys as
 * in DESIGN.md ("Machine-readable output"). Keys may be added, never
 * renamed.
 */
#include "core/out.h"
#include "diag/internal.h"

static void
assessment_obj(struct jw *w, const struct diag_assessment *a)
{
	jw_obj_begin(w);
	jw_key(w, "id");
	jw_int(w, a->id);
	jw_key(w, "version");
	jw_int(w, a->version);
	jw_key(w, "started_at");
	jw_str(w, a->started_at);
	jw_key(w, "completed_at");
	jw_str(w, a->completed ? a->completed_at : NULL);
	jw_obj_end(w);
}

static void
num_or_null(struct jw *w, bool has, double v)
{
	if (has)
		jw_num1(w, v);
	else
		jw_null(w);
}

static void
categories(struct jw *w, const struct diag_score *s, int lang)
{
	size_t i;

	jw_key(w, "categories");
	jw_arr_begin(w);
	for (i = 0; i < s->ncats; i++) {
		const struct diag_category_score *cs = &s->cats[i];
		const struct qset_category *cat =
			&s->q->categories[cs->category];

		jw_obj_begin(w);
		jw_key(w, "id");
		jw_str(w, cat->id);
		jw_key(w, "score");
		num_or_null(w, cs->has_score, cs->score);
		jw_key(w, "grade");
		jw_str(w, cs->grade ? cs->grade->id : NULL);
		jw_key(w, "comparison");
		num_or_null(w, cs->has_comparison, cs->comparison);
		jw_key(w, "comparison_n");
		jw_int(w, cs->has_comparison ? cs->comparison_n : 0);
		jw_key(w, "answered");
		jw_int(w, cs->answered);
		jw_key(w, "applicable");
		jw_int(w, cs->applicable);
		jw_key(w, "weak");
		jw_bool(w, cs->weak);
		jw_key(w, "previous");
		num_or_null(w, cs->has_previous, cs->previous);
		jw_key(w, "title");
		jw_str(w, osk_text_get(&cat->title, lang));
		jw_obj_end(w);
	}
	jw_arr_end(w);
}

static void
priorities(struct jw *w, const struct diag_score *s, int lang)
{
	size_t i;

	jw_key(w, "priorities");
	jw_arr_begin(w);
	for (i = 0; i < s->npriorities; i++) {
		const struct diag_priority *p = &s->priorities[i];
		const struct qset_question *qq = &s->q->questions[p->question];

		jw_obj_begin(w);
		jw_key(w, "question");
		jw_str(w, qq->id);
		jw_key(w, "category");
		jw_str(w, qq->category == QSET_NONE ? NULL
			  : s->q->categories[qq->category].id);
		jw_key(w, "priority");
		jw_num1(w, p->priority);
		jw_key(w, "cost");
		jw_str(w, qset_cost_name(qq->cost));
		jw_key(w, "points");
		jw_int(w, p->points);
		jw_key(w, "max");
		jw_int(w, p->max);
		jw_key(w, "action");
		jw_str(w, osk_text_get(&qq->action, lang));
		jw_obj_end(w);
	}
	jw_arr_end(w);
}

static void
action_obj(struct jw *w, const struct diag_action *act, int lang)
{
	const struct diag_star *stars[2] = { &act->one_star, &act->two_star };
	static const char *const keys[2] = { "one_star", "two_star" };
	size_t k, i;

	jw_obj_begin(w);
	for (k = 0; k < 2; k++) {
		jw_key(w, keys[k]);
		jw_obj_begin(w);
		jw_key(w, "ready");
		jw_bool(w, stars[k]->ready);
		jw_key(w, "missing");
		jw_arr_begin(w);
		for (i = 0; i < stars[k]->nmissing; i++) {
			const struct diag_step *st = &stars[k]->missing[i];

			jw_obj_begin(w);
			jw_key(w, "step");
			jw_str(w, st->id);
			if (st->question != QSET_NONE) {
				const struct qset_question *qq =
					&act->q->questions[st->question];

				jw_key(w, "question");
				jw_str(w, qq->id);
				jw_key(w, "action");
				jw_str(w, osk_text_get(&qq->action, lang));
			}
			jw_key(w, "reason");
			jw_str(w, diag_why_name(st->why));
			jw_obj_end(w);
		}
		jw_arr_end(w);
		jw_obj_end(w);
	}
	jw_obj_end(w);
}

int
diag_action_json(const struct diag_action *act, int lang, struct sbuf *sb)
{
	struct jw w;

	jw_init(&w, sb);
	action_obj(&w, act, lang);
	if (!w.err)
		w.err = sbuf_addch(sb, '\n');
	return w.err;
}

int
diag_score_json(const struct diag_score *s, int lang, struct sbuf *sb)
{
	struct jw w;
	size_t i;

	jw_init(&w, sb);
	jw_obj_begin(&w);
	jw_key(&w, "company");
	jw_obj_begin(&w);
	jw_key(&w, "id");
	jw_int(&w, s->company_id);
	jw_key(&w, "name");
	jw_str(&w, s->company_name);
	jw_key(&w, "industry");
	jw_str(&w, s->industry);
	jw_obj_end(&w);
	jw_key(&w, "set");
	jw_str(&w, s->q->id);
	jw_key(&w, "version");
	jw_int(&w, s->q->version);
	jw_key(&w, "assessment");
	jw_int(&w, s->assessment.id);
	jw_key(&w, "completed");
	jw_bool(&w, s->assessment.completed);
	jw_key(&w, "answered");
	jw_int(&w, s->answered);
	jw_key(&w, "asked");
	jw_int(&w, s->asked);
	jw_key(&w, "overall");
	jw_obj_begin(&w);
	jw_key(&w, "score");
	num_or_null(&w, s->has_overall, s->overall);
	jw_key(&w, "grade");
	jw_str(&w, s->grade ? s->grade->id : NULL);
	jw_key(&w, "comparison");
	num_or_null(&w, s->has_overall_comparison, s->overall_comparison);
	jw_key(&w, "previous");
	num_or_null(&w, s->has_previous_overall, s->previous_overall);
	jw_obj_end(&w);
	jw_key(&w, "selfcheck");
	if (s->has_selfcheck)
		jw_int(&w, s->selfcheck);
	else
		jw_null(&w);
	jw_key(&w, "comparison");
	jw_obj_begin(&w);
	jw_key(&w, "source");
	jw_str(&w, diag_source_name(s->source));
	jw_key(&w, "n");
	jw_int(&w, s->n);
	if (s->source == DIAG_CMP_REFERENCE) {
		jw_key(&w, "reference");
		jw_str(&w, s->reference);
	}
	jw_obj_end(&w);
	categories(&w, s, lang);
	priorities(&w, s, lang);
	jw_key(&w, "unknown");
	jw_arr_begin(&w);
	for (i = 0; i < s->nunknown; i++)
		jw_str(&w, s->q->questions[s->unknown[i]].id);
	jw_arr_end(&w);
	jw_key(&w, "previous");
	if (s->has_previous)
		assessment_obj(&w, &s->previous);
	else
		jw_null(&w);
	jw_key(&w, "security_action");
	action_obj(&w, &s->action, lang);
	jw_obj_end(&w);
	if (!w.err)
		w.err = sbuf_addch(sb, '\n');
	return w.err;
}
