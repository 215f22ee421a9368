/* SPDX-License-Identifier: MIT */
/* The tally for programs: JSON (the stable interface of DESIGN.md), CSV. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/csv.h"
#include "core/out.h"
#include "survey/internal.h"

/* ---- JSON ---- */

/*
 * Whole numbers as integers: jw_num() picks the shortest form that reads
 * back, which for 10 is "1e+01".
 */
static void
json_number(struct jw *w, double v)
{
	if (v == floor(v) && fabs(v) < 1e15)
		jw_int(w, (int64_t)v);
	else
		jw_num(w, v);
}

static void
json_strings(struct jw *w, const char *key, const char *const *s, size_t n)
{
	size_t i;

	jw_key(w, key);
	jw_arr_begin(w);
	for (i = 0; i < n; i++)
		jw_str(w, s[i]);
	jw_arr_end(w);
}

static void
json_question(struct jw *w, const struct survey_qtally *qt)
{
	const struct qset_question *qq = qt->qq;
	size_t i;

	jw_obj_begin(w);
	jw_key(w, "id"), jw_str(w, qq->id);
	jw_key(w, "type"), jw_str(w, qset_type_name(qq->type));
	jw_key(w, "asked"), jw_int(w, qt->asked);
	jw_key(w, "answered"), jw_int(w, qt->answered);
	jw_key(w, "no_answer"), jw_int(w, qt->no_answer);
	if (qq->type == QSET_SINGLE || qq->type == QSET_MULTI) {
		jw_key(w, "choices");
		jw_arr_begin(w);
		for (i = 0; i < qt->nchoices; i++) {
			jw_obj_begin(w);
			jw_key(w, "id"), jw_str(w, qt->choices[i].opt->id);
			jw_key(w, "count"), jw_int(w, qt->choices[i].count);
			jw_key(w, "percent");
			jw_num1(w, qt->choices[i].percent);
			jw_obj_end(w);
		}
		jw_arr_end(w);
		if (qq->other || qt->nother)
			json_strings(w, "other", qt->other, qt->nother);
	} else if (qq->type == QSET_NUMBER) {
		jw_key(w, "n"), jw_int(w, qt->answered);
		if (qt->answered) {
			jw_key(w, "mean"), jw_num1(w, qt->mean);
			jw_key(w, "median"), json_number(w, qt->median);
			jw_key(w, "min"), json_number(w, qt->min);
			jw_key(w, "max"), json_number(w, qt->max);
		} else {
			jw_key(w, "mean"), jw_null(w);
			jw_key(w, "median"), jw_null(w);
			jw_key(w, "min"), jw_null(w);
			jw_key(w, "max"), jw_null(w);
		}
	} else {
		json_strings(w, "texts", qt->texts, qt->ntexts);
	}
	jw_obj_end(w);
}

static void
json_questions(struct jw *w, const struct survey_qtally *qt, size_t nq)
{
	size_t i;

	jw_key(w, "questions");
	jw_arr_begin(w);
	for (i = 0; i < nq; i++)
		json_question(w, &qt[i]);
	jw_arr_end(w);
}

int
survey_tally_json(const struct survey_tally *t, struct sbuf *sb)
{
	struct jw w;
	size_t i;

	jw_init(&w, sb);
	jw_obj_begin(&w);
	jw_key(&w, "set"), jw_str(&w, t->set->id);
	jw_key(&w, "version"), jw_int(&w, t->set->version);
	jw_key(&w, "event"), jw_str(&w, t->event);
	jw_key(&w, "responses"), jw_int(&w, t->responses);
	jw_key(&w, "dropped"), jw_int(&w, t->dropped);
	json_questions(&w, t->questions, t->nquestions);
	if (t->by != SURVEY_BY_NONE) {
		jw_key(&w, "by"), jw_str(&w, t->by_id);
		jw_key(&w, "min_group"), jw_int(&w, t->min_group);
		jw_key(&w, "groups");
		jw_arr_begin(&w);
		for (i = 0; i < t->ngroups; i++) {
			const struct survey_group *g = &t->groups[i];

			if (g->suppressed)
				continue;
			jw_obj_begin(&w);
			jw_key(&w, "id"), jw_str(&w, g->id);
			jw_key(&w, "n"), jw_int(&w, g->n);
			json_questions(&w, g->questions, t->nquestions);
			jw_obj_end(&w);
		}
		jw_arr_end(&w);
		jw_key(&w, "suppressed");
		jw_arr_begin(&w);
		for (i = 0; i < t->ngroups; i++)
			if (t->groups[i].suppressed)
				jw_str(&w, t->groups[i].id);
		jw_arr_end(&w);
		jw_key(&w, "ungrouped"), jw_int(&w, t->ungrouped);
	}
	jw_obj_end(&w);
	if (w.err)
		return w.err;
	return sbuf_addch(sb, '\n');
}

/* ---- CSV ---- */

#define NCSV 15

static int
csv_row(struct sbuf *sb, const char *const *f)
{
	return csv_write_row(sb, f, NULL, NCSV);
}

static void
fmt_num(char *buf, size_t size, double v, bool round)
{
	if (round)
		snprintf(buf, size, "%.1f", osk_round1(v) + 0.0);
	else
		snprintf(buf, size, "%.15g", v);
}

static int
csv_question(struct sbuf *sb, const char *group, int64_t n,
	     const struct survey_qtally *qt, enum osk_lang lang)
{
	const struct qset_question *qq = qt->qq;
	char gn[24], asked[24], ans[24], no[24], count[24], pct[32];
	char mean[40], median[40], min[40], max[40];
	const char *f[NCSV];
	size_t i;
	int r;

	snprintf(gn, sizeof(gn), "%lld", (long long)n);
	snprintf(asked, sizeof(asked), "%lld", (long long)qt->asked);
	snprintf(ans, sizeof(ans), "%lld", (long long)qt->answered);
	snprintf(no, sizeof(no), "%lld", (long long)qt->no_answer);
	memset(f, 0, sizeof(f));
	f[0] = group;
	f[1] = gn;
	f[2] = qq->id;
	f[3] = qset_type_name(qq->type);
	f[4] = asked;
	f[5] = ans;
	f[6] = no;
	if (qq->type == QSET_NUMBER && qt->answered) {
		fmt_num(mean, sizeof(mean), qt->mean, true);
		fmt_num(median, sizeof(median), qt->median, false);
		fmt_num(min, sizeof(min), qt->min, false);
		fmt_num(max, sizeof(max), qt->max, false);
		f[11] = mean;
		f[12] = median;
		f[13] = min;
		f[14] = max;
	}
	if (!qt->nchoices)
		return csv_row(sb, f);
	for (i = 0; i < qt->nchoices; i++) {
		const struct survey_choice_count *c = &qt->choices[i];

		snprintf(count, sizeof(count), "%lld", (long long)c->count);
		snprintf(pct, sizeof(pct), "%.1f", c->percent + 0.0);
		f[7] = c->opt->id;
		f[8] = osk_text_get(&c->opt->label, lang);
		f[9] = count;
		f[10] = pct;
		if ((r = csv_row(sb, f)))
			return r;
	}
	return 0;
}

int
survey_tally_csv(const struct survey_tally *t, enum osk_lang lang,
		 struct sbuf *sb)
{
	static const char *const head[NCSV] = {
		"group", "group_n", "question", "type", "asked", "answered",
		"no_answer", "choice", "label", "count", "percent", "mean",
		"median", "min", "max",
	};
	size_t i, g;
	int r;

	if ((r = csv_row(sb, head)))
		return r;
	for (i = 0; i < t->nquestions; i++)
		if ((r = csv_question(sb, "", t->responses, &t->questions[i],
				      lang)))
			return r;
	for (g = 0; g < t->ngroups; g++) {
		const struct survey_group *gr = &t->groups[g];

		if (gr->suppressed)
			continue;
		for (i = 0; i < t->nquestions; i++)
			if ((r = csv_question(sb, gr->id, gr->n,
					      &gr->questions[i], lang)))
				return r;
	}
	return 0;
}
