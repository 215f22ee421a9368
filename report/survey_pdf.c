/* SPDX-License-Identifier: MIT */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/internal.h"

/*
 * The survey tally as an A4 PDF: a title page (responses, how the
 * percentages are worked out, contents), then the questions, one or two
 * a page, each with horizontal bars per choice (percent of those who
 * answered, and the count) drawn by the sheet's chart code, and with a
 * grouping the percentages per group as a shaded table.
 */

#define Q_GAP 22.0		/* between two questions on a page */
#define BAR_ROW 15.0		/* one bar with a one-line label */
#define BAR_ROW2 20.0		/* labels of two lines */
#define LABEL_W 215.0
#define VALUE_W 64.0
#define TEXT_SIZE 7.8		/* bar labels */
#define XT_LABEL_W 150.0	/* cross-table: choice column */
#define XT_COL_W 46.0		/* cross-table: one group, at least */
#define XT_SIZE 6.8
#define LIST_MAX 14		/* written answers listed at most */

struct sv {
	const struct survey_tally *t;
	const struct report_programme_opts *o;
	char *made;		/* "作成日 …" */
	char *title;		/* the PDF title */
	size_t *first, *count;	/* per question page */
	size_t nqpages;
	size_t *qpage;		/* page (0-based) of each question */
	int status;
};

static const char *
qtext(const struct osk_text *t, enum osk_lang lang)
{
	const char *s = osk_text_get(t, lang);

	return s ? s : "";
}

/* ---- one question ---- */

static const char *
type_name(struct rctx *c, const struct qset_question *qq)
{
	char n[16];

	switch (qq->type) {
	case QSET_MULTI:
		if (qq->max_choices > 0) {
			snprintf(n, sizeof(n), "%d", qq->max_choices);
			return TF(c, RT_SV_MULTI_MAX, "n", n, NULL);
		}
		return T(c, RT_SV_MULTI);
	case QSET_NUMBER:
		return T(c, RT_SV_NUMBER);
	case QSET_TEXT:
		return T(c, RT_SV_TEXT);
	default:
		return T(c, RT_SV_SINGLE);
	}
}

/* "問3" for question qi. */
static const char *
qnum(struct rctx *c, size_t qi)
{
	char n[24];

	snprintf(n, sizeof(n), "%zu", qi + 1);
	return TF(c, RT_SV_Q, "n", n, NULL);
}

/* The "asked only if" line of qq into out; nothing without `when`. */
static int
when_text(struct rctx *c, const struct qset *q, const struct qset_question *qq,
	  struct sbuf *out)
{
	const struct qset_question *prev;
	struct sbuf list = SBUF_INIT, num = SBUF_INIT;
	size_t i;
	int r = 0;

	if (!qq->when || qq->when->question >= q->nquestions)
		return 0;
	prev = &q->questions[qq->when->question];
	for (i = 0; i < qq->when->nchoices && !r; i++) {
		const struct qset_option *o =
			qset_option_find(prev, qq->when->choices[i]);

		if (i)
			r = sbuf_adds(&list, T(c, RT_SV_LIST_SEP));
		if (!r)
			r = sbuf_adds(&list, o ? qtext(&o->label, c->lang)
					       : qq->when->choices[i]);
	}
	if (!r)
		r = sbuf_adds(&num, qnum(c, qq->when->question));
	if (!r)
		r = sbuf_adds(out, TF(c, RT_SV_WHEN, "q", num.buf, "choices",
				      list.buf, NULL));
	sbuf_release(&list);
	sbuf_release(&num);
	return r;
}

/* Shown groups, in order. */
static size_t
shown_groups(const struct survey_tally *t, size_t *idx)
{
	size_t g, n = 0;

	for (g = 0; g < t->ngroups; g++)
		if (!t->groups[g].suppressed && t->groups[g].questions)
			idx[n++] = g;
	return n;
}

/* Group columns of a cross-table chunk ("all" is one of them). */
static size_t
xt_per(void)
{
	return (size_t)((DOC_CW - XT_LABEL_W) / XT_COL_W);
}

/* The columns of a cross-table chunk: "all" (first chunk), then groups. */
static size_t
xt_heads(struct rctx *c, const struct survey_tally *t, size_t qi,
	 const size_t *idx, size_t start, size_t end, struct sbuf *heads,
	 struct doc_col *cols)
{
	double cw = (DOC_CW - XT_LABEL_W) / (double)xt_per();
	const struct survey_qtally *qt = &t->questions[qi];
	size_t k, nc = 0;
	const char *p;
	char nb[32];

	sbuf_reset(heads);
	if (start == 0 && sbuf_addf(heads, "%s\n%s%c", T(c, RT_SV_ALL),
				    TF(c, RT_SV_GROUP_N, "n",
				       doc_count(nb, qt->answered), NULL),
				    0) < 0)
		c->status = -OSK_ENOMEM;
	for (k = start; k < end; k++) {
		const struct survey_group *g = &t->groups[idx[k]];

		if (sbuf_addf(heads, "%s\n%s%c", qtext(&g->label, c->lang),
			      TF(c, RT_SV_GROUP_N, "n",
				 doc_count(nb, g->questions[qi].answered),
				 NULL), 0) < 0)
			c->status = -OSK_ENOMEM;
	}
	cols[nc++] = (struct doc_col){ "", XT_LABEL_W, PANGO_ALIGN_LEFT,
				       true };
	if (c->status)
		return nc;
	p = heads->buf;
	for (k = start == 0 ? start : start + 1; k <= end; k++) {
		cols[nc++] = (struct doc_col){ p, cw, PANGO_ALIGN_CENTER,
					       true };
		p += strlen(p) + 1;
	}
	return nc;
}

/*
 * The shaded table of percentages per group for a choice question (the
 * mean for a number question), in chunks as wide as the page. Returns
 * its height; draws when draw.
 */
static double
crosstab(struct rctx *c, const struct sv *sv, size_t qi, double y,
	 double avail, bool draw)
{
	const struct survey_tally *t = sv->t;
	const struct survey_qtally *qt = &t->questions[qi];
	bool number = qt->qq->type == QSET_NUMBER;
	struct doc_col cols[16];
	const char *cells[16];
	uint32_t fills[16];
	struct sbuf heads = SBUF_INIT, vals = SBUF_INIT;
	struct tstyle cap = { .size = 7.5, .bold = true, .color = C_MUTED,
			      .lines = 1 };
	size_t *idx, ng, per, start, k, i, rows, nc;
	const char *by;
	double y0 = y;
	char nb[32], qb[64];

	if (!(idx = calloc(t->ngroups + 1, sizeof(*idx)))) {
		c->status = -OSK_ENOMEM;
		return 0;
	}
	ng = shown_groups(t, idx);
	rows = number ? 1 : qt->nchoices;
	if (!ng || !rows || qt->qq->type == QSET_TEXT) {
		free(idx);
		return 0;
	}
	if (t->by == SURVEY_BY_QUESTION && t->by_id &&
	    qset_question_index(t->set, t->by_id) >= 0)
		snprintf(qb, sizeof(qb), "%s", qnum(c, (size_t)
			 qset_question_index(t->set, t->by_id)));
	else
		snprintf(qb, sizeof(qb), "%s", t->by_id ? t->by_id : "");
	by = t->by == SURVEY_BY_INDUSTRY ? T(c, RT_SV_BY_INDUSTRY) :
	     t->by == SURVEY_BY_SIZE ? T(c, RT_SV_BY_SIZE) : qb;
	if (draw)
		text_draw(c, TF(c, number ? RT_SV_BY_GROUP_MEAN :
				RT_SV_BY_GROUP, "by", by, NULL), DOC_ML, y,
			  DOC_CW, 12, &cap);
	y += 14;
	per = xt_per() - 1;
	for (start = 0; start < ng && !c->status; start += per) {
		size_t end = start + per < ng ? start + per : ng;
		double need;

		nc = xt_heads(c, t, qi, idx, start, end, &heads, cols);
		if (c->status)
			break;
		/* a chunk that does not fit is left out, and said so */
		need = doc_table_head_height(c, cols, nc, XT_SIZE) +
		       12.5 * (double)rows + 6;
		if (start > 0 && y - y0 + need + 12 > avail) {
			struct tstyle more = { .size = 7, .color = C_MUTED,
					       .raw = true, .lines = 1 };

			snprintf(nb, sizeof(nb), "%zu", ng - start);
			if (draw)
				text_draw(c, TF(c, RT_MORE, "n", nb, NULL),
					  DOC_ML, y, DOC_CW, 10, &more);
			y += 12;
			break;
		}
		y += draw ? doc_table_head(c, cols, nc, DOC_ML, y, XT_SIZE) :
			doc_table_head_height(c, cols, nc, XT_SIZE);
		for (i = 0; i < rows && !c->status; i++) {
			struct doc_row row = { .min_h = 12.5,
					       .fills = fills };
			const char *p;
			size_t n = 1;

			sbuf_reset(&vals);
			cells[0] = number ? T(c, RT_SV_MEAN) :
				qtext(&qt->choices[i].opt->label, c->lang);
			fills[0] = 0;
			for (k = start == 0 ? start : start + 1; k <= end;
			     k++, n++) {
				const struct survey_qtally *gq = k == 0 ? qt :
					&t->groups[idx[k - 1]].questions[qi];
				double v = number ? gq->mean :
					gq->choices[i].percent;

				if (number && !gq->answered)
					v = NAN;
				if (sbuf_addf(&vals, "%s%c",
					      doc_num(nb, v, 1), 0) < 0)
					c->status = -OSK_ENOMEM;
				fills[n] = number || isnan(v) ? 0 :
					tint(C_ACCENT,
					     fmin(v, 100) / 100 * 0.55);
			}
			for (p = vals.buf, k = 1; k < n && !c->status; k++) {
				cells[k] = p;
				p += strlen(p) + 1;
			}
			if (c->status)
				break;
			y += draw ? doc_table_row(c, cols, n, cells, DOC_ML, y,
						  XT_SIZE, &row) :
				doc_table_row_height(c, cols, n, cells,
						     XT_SIZE, 12.5, false);
		}
		y += 6;
	}
	sbuf_release(&heads);
	sbuf_release(&vals);
	free(idx);
	return y - y0;
}

static double
bars(struct rctx *c, const struct survey_qtally *qt, double y, double avail,
     bool draw)
{
	const char **labels = NULL, **values = NULL;
	double *v = NULL, rowh = BAR_ROW, h;
	struct sbuf vals = SBUF_INIT;
	struct tstyle lst = { .size = TEXT_SIZE, .raw = true };
	struct chart_series s = { NULL, "", C_ACCENT, 0, 0, 0, false };
	struct chart_bars ch = { 0 };
	size_t i, n = qt->nchoices;
	char pb[32], cb[32];

	if (!n)
		return 0;
	for (i = 0; i < n; i++)
		if (text_height(c, qtext(&qt->choices[i].opt->label, c->lang),
				LABEL_W, &lst) > text_line_height(c,
								  TEXT_SIZE) *
		    1.5)
			rowh = BAR_ROW2;
	if (rowh * (double)n > avail)	/* a great many choices */
		rowh = fmax(8, avail / (double)n);
	h = rowh * (double)n;
	if (!draw)
		return h;
	labels = calloc(n, sizeof(*labels));
	values = calloc(n, sizeof(*values));
	v = calloc(n, sizeof(*v));
	if (!labels || !values || !v) {
		c->status = -OSK_ENOMEM;
		goto out;
	}
	for (i = 0; i < n; i++) {
		const struct survey_choice_count *cc = &qt->choices[i];

		labels[i] = qtext(&cc->opt->label, c->lang);
		v[i] = cc->percent;
		if (sbuf_addf(&vals, "%s%c", TF(c, RT_SV_VALUE, "p",
						doc_num(pb, cc->percent, 1),
						"n", doc_count(cb, cc->count),
						NULL), 0) < 0)
			c->status = -OSK_ENOMEM;
	}
	if (c->status)
		goto out;
	{
		const char *p = vals.buf;

		for (i = 0; i < n; i++) {
			values[i] = p;
			p += strlen(p) + 1;
		}
	}
	s.v = v;
	ch.labels = labels;
	ch.n = n;
	ch.series = &s;
	ch.nseries = 1;
	ch.max = 100;
	ch.label_w = LABEL_W;
	ch.size = TEXT_SIZE;
	ch.values = values;
	ch.value_w = VALUE_W;
	ch.track = true;
	ch.label_left = true;
	ch.label_raw = true;	/* the choices as they were asked */
	chart_bars_draw(c, &ch, DOC_ML, y, DOC_CW, h);
out:
	free(labels);
	free(values);
	free(v);
	sbuf_release(&vals);
	return h;
}

/* Written answers (or "other" texts) as a list; returns its height. */
static double
text_list(struct rctx *c, const char *title, const char *const *items,
	  size_t n, double y, double avail, bool draw)
{
	struct tstyle cap = { .size = 7.5, .bold = true, .color = C_MUTED,
			      .lines = 1 };
	struct tstyle item = { .size = 7.5, .min = 6.5, .color = C_INK,
			       .lines = 2, .raw = true };
	struct tstyle more = { .size = 7, .color = C_MUTED, .raw = true,
			       .lines = 1 };
	double y0 = y, ih;
	size_t i;
	char nb[32];

	if (!n)
		return 0;
	if (draw)
		text_draw(c, title, DOC_ML, y, DOC_CW, 12, &cap);
	y += 14;
	for (i = 0; i < n && i < LIST_MAX; i++) {
		ih = fmin(text_height(c, items[i], DOC_CW - 12, &item),
			  2 * text_line_height(c, 7.5)) + 2;
		if (y - y0 + ih + 12 > avail)
			break;
		if (draw) {
			cv_rectangle(c->cv, DOC_ML + 2, y + 4, 3, 3);
			set_rgb(c->cv, C_FAINT);
			cv_fill(c->cv);
			text_draw(c, items[i], DOC_ML + 10, y, DOC_CW - 12, ih,
				  &item);
		}
		y += ih;
	}
	if (i < n) {
		snprintf(nb, sizeof(nb), "%zu", n - i);
		if (draw)
			text_draw(c, TF(c, RT_MORE, "n", nb, NULL),
				  DOC_ML + 10, y, DOC_CW - 12, 10, &more);
		y += 11;
	}
	return y - y0;
}

static double
number_stats(struct rctx *c, const struct survey_qtally *qt, double y,
	     bool draw)
{
	struct tstyle st = { .size = 9, .color = C_INK, .raw = true,
			     .lines = 2 };
	char a[32], b[32], m1[32], m2[32];
	const char *s;

	if (!qt->answered)
		return 0;
	s = TF(c, RT_SV_STATS, "mean", doc_num(a, qt->mean, 1), "median",
	       doc_num(b, qt->median, 1), "min", doc_num(m1, qt->min, 1),
	       "max", doc_num(m2, qt->max, 1), NULL);
	if (draw) {
		rounded_rect(c->cv, DOC_ML, y, DOC_CW, 24, 4);
		set_rgb(c->cv, C_TINT);
		cv_fill(c->cv);
		st.middle = true;
		text_draw(c, s, DOC_ML + 10, y, DOC_CW - 20, 24, &st);
	}
	return 28;
}

/* One question: its height, drawn at y when draw. */
static double
qblock(struct rctx *c, const struct sv *sv, size_t qi, double y,
       double avail, bool draw)
{
	const struct survey_tally *t = sv->t;
	const struct survey_qtally *qt = &t->questions[qi];
	const struct qset_question *qq = qt->qq;
	struct tstyle qst = { .size = 10, .min = 8.5, .bold = true,
			      .color = C_INK, .spacing = 1, .lines = 4,
			      .raw = true };
	struct tstyle meta = { .size = 7.5, .min = 6.5, .color = C_MUTED,
			       .lines = 2 };
	struct tstyle none = { .size = 8, .color = C_MUTED, .lines = 1 };
	struct tstyle tag = { .size = 6.8, .bold = true, .color = C_ACCENT,
			      .lines = 1, .middle = true,
			      .align = PANGO_ALIGN_CENTER };
	struct sbuf line = SBUF_INIT, num = SBUF_INIT;
	char a[32], b[32], d[32];
	double y0 = y, pw, tw, h;

	/* number pill and the question */
	if (sbuf_adds(&num, qnum(c, qi)) < 0)
		c->status = -OSK_ENOMEM;
	if (draw) {
		pw = pill(c, num.buf, DOC_ML, y + 1, 16, C_NAVY, C_WHITE, 8,
			  false);
	} else {
		struct tstyle pst = { .size = 8, .bold = true, .raw = true };

		pw = text_width(c, num.buf, &pst) + 16;
	}
	tw = DOC_CW - pw - 8;
	h = text_height(c, qtext(&qq->text, c->lang), tw, &qst);
	h = fmin(h, 4 * text_line_height(c, 10) + 3);
	if (draw)
		text_draw(c, qtext(&qq->text, c->lang), DOC_ML + pw + 8, y,
			  tw, h + 1, &qst);
	y += fmax(h, 18) + 4;

	/* what kind of question, and its base */
	{
		struct tstyle tw_st = tag;
		double tgw;

		tw_st.raw = false;
		tgw = text_width(c, type_name(c, qq), &tw_st) + 12;
		if (draw) {
			rounded_rect(c->cv, DOC_ML, y, tgw, 13, 6.5);
			set_rgb(c->cv, C_ACCENT);
			cv_set_line_width(c->cv, 0.7);
			cv_stroke(c->cv);
			text_draw(c, type_name(c, qq), DOC_ML, y, tgw, 13,
				  &tw_st);
		}
		if (sbuf_adds(&line, TF(c, RT_SV_BASE_N, "n",
					doc_count(a, qt->answered), "asked",
					doc_count(b, qt->asked), "none",
					doc_count(d, qt->no_answer), NULL))
		    < 0 || (qq->when && sbuf_adds(&line, c->lang ==
						   OSK_LANG_JA ? "　" :
						   "  ") < 0) ||
		    when_text(c, t->set, qq, &line) < 0)
			c->status = -OSK_ENOMEM;
		meta.middle = true;
		h = fmax(13, text_height(c, line.buf, DOC_CW - tgw - 8,
					 &meta));
		if (draw)
			text_draw(c, line.buf, DOC_ML + tgw + 8, y,
				  DOC_CW - tgw - 8, h, &meta);
		y += h + 8;
	}

	if (!qt->answered) {
		if (draw)
			text_draw(c, T(c, RT_SV_NO_ANSWERS), DOC_ML, y, DOC_CW,
				  12, &none);
		y += 16;
	} else if (qq->type == QSET_SINGLE || qq->type == QSET_MULTI) {
		y += bars(c, qt, y, avail - (y - y0), draw) + 6;
	} else if (qq->type == QSET_NUMBER) {
		y += number_stats(c, qt, y, draw);
	} else {
		y += text_list(c, T(c, RT_SV_TEXTS), qt->texts, qt->ntexts,
			       y, avail - (y - y0), draw);
	}
	if (t->by != SURVEY_BY_NONE && qt->answered)
		y += crosstab(c, sv, qi, y, avail - (y - y0), draw);
	if (qt->nother)
		y += text_list(c, T(c, RT_SV_OTHER), qt->other, qt->nother, y,
			       avail - (y - y0), draw);
	sbuf_release(&line);
	sbuf_release(&num);
	return y - y0;
}

/* ---- pages ---- */

static void
header(struct rctx *c, const struct sv *sv, bool title_page)
{
	const struct survey_tally *t = sv->t;
	struct sbuf ev = SBUF_INIT, resp = SBUF_INIT;
	struct doc_head h = { 0 };
	char nb[32];

	if (sbuf_adds(&ev, t->event ? TF(c, RT_SV_EVENT, "event", t->event,
					 NULL) : T(c, RT_SV_ALL_EVENTS)) < 0 ||
	    sbuf_addf(&resp, "%s %s", T(c, RT_SV_RESPONSES),
		      TF(c, RT_SV_N_RESP, "n", doc_count(nb, t->responses),
			 NULL)) < 0)
		c->status = -OSK_ENOMEM;
	h.title = T(c, RT_SV_TITLE);
	h.subtitle = T(c, RT_SV_SUBTITLE);
	h.name = qtext(&t->set->title, c->lang);
	h.meta1 = title_page ? sv->made : ev.buf;
	h.meta2 = ev.buf;
	if (!title_page && sbuf_addf(&ev, c->lang == OSK_LANG_JA ? "　%s" :
				     " · %s", resp.buf) < 0)
		c->status = -OSK_ENOMEM;
	h.meta1 = title_page ? sv->made : ev.buf;
	doc_header(c, &h, title_page);
	sbuf_release(&ev);
	sbuf_release(&resp);
}

/* "業種" / "問4 …" for the grouping. */
static void
grouping_text(struct rctx *c, const struct survey_tally *t, struct sbuf *sb)
{
	long qi;
	int r;

	switch (t->by) {
	case SURVEY_BY_NONE:
		r = sbuf_adds(sb, T(c, RT_SV_NO_GROUPING));
		break;
	case SURVEY_BY_INDUSTRY:
		r = sbuf_adds(sb, T(c, RT_SV_BY_INDUSTRY));
		break;
	case SURVEY_BY_SIZE:
		r = sbuf_adds(sb, T(c, RT_SV_BY_SIZE));
		break;
	default:
		qi = qset_question_index(t->set, t->by_id);
		r = qi < 0 ? sbuf_adds(sb, t->by_id) :
			sbuf_addf(sb, "%s %s", qnum(c, (size_t)qi),
				  qtext(&t->set->questions[qi].text,
					c->lang));
		break;
	}
	if (r < 0)
		c->status = -OSK_ENOMEM;
}

static double
base_box(struct rctx *c, const struct sv *sv, double y, bool draw)
{
	const struct survey_tally *t = sv->t;
	struct sbuf l4 = SBUF_INIT, l5 = SBUF_INIT, l6 = SBUF_INIT;
	const char *lines[6];
	size_t n = 0, g;
	char nb[32];
	double h;
	bool first = true;

	lines[n++] = T(c, RT_SV_BASE_1);
	lines[n++] = T(c, RT_SV_BASE_2);
	lines[n++] = T(c, RT_SV_BASE_3);
	if (t->by != SURVEY_BY_NONE) {
		snprintf(nb, sizeof(nb), "%d", t->min_group);
		if (sbuf_adds(&l4, TF(c, RT_SV_BASE_GROUPS, "n", nb, NULL)) <
		    0)
			c->status = -OSK_ENOMEM;
		lines[n++] = l4.buf;
		for (g = 0; g < t->ngroups; g++) {
			if (!t->groups[g].suppressed)
				continue;
			if (sbuf_addf(&l6, "%s%s", first ? "" :
				      c->lang == OSK_LANG_JA ? "、" : ", ",
				      qtext(&t->groups[g].label, c->lang)) <
			    0)
				c->status = -OSK_ENOMEM;
			first = false;
		}
		if (!first) {
			if (sbuf_adds(&l5, TF(c, RT_SV_SUPPRESSED, "list",
					      l6.buf, NULL)) < 0)
				c->status = -OSK_ENOMEM;
			lines[n++] = l5.buf;
		}
		if (t->ungrouped > 0) {
			sbuf_reset(&l6);
			if (sbuf_adds(&l6, TF(c, RT_SV_UNGROUPED, "n",
					      doc_count(nb, t->ungrouped),
					      NULL)) < 0)
				c->status = -OSK_ENOMEM;
			lines[n++] = l6.buf;
		}
	}
	h = doc_note_box(c, T(c, RT_SV_BASE_TITLE), lines, n, DOC_ML, y,
			 DOC_CW, draw);
	sbuf_release(&l4);
	sbuf_release(&l5);
	sbuf_release(&l6);
	return h;
}

static void
contents(struct rctx *c, const struct sv *sv, double y)
{
	const struct survey_tally *t = sv->t;
	struct tstyle num = { .size = 7.8, .bold = true, .color = C_NAVY,
			      .lines = 1, .raw = true };
	struct tstyle q = { .size = 7.8, .color = C_INK, .lines = 1,
			    .raw = true };
	struct tstyle pg = { .size = 7.8, .color = C_MUTED, .lines = 1,
			     .raw = true, .align = PANGO_ALIGN_RIGHT };
	size_t i, ncol, per;
	double colw, rowh = 14.5, left;
	char nb[32];

	y += section_heading(c, T(c, RT_PG_CONTENTS), DOC_ML, y, DOC_CW);
	ncol = (double)t->nquestions * rowh > DOC_BOTTOM - y ? 2 : 1;
	per = (t->nquestions + ncol - 1) / ncol;
	colw = (DOC_CW - (ncol - 1) * 16) / (double)ncol;
	left = DOC_BOTTOM - y;
	if (per * rowh > left)
		rowh = left / (double)per;
	for (i = 0; i < t->nquestions; i++) {
		double x = DOC_ML + (double)(i / per) * (colw + 16);
		double ry = y + (double)(i % per) * rowh;

		if (i % per % 2 == 0) {
			cv_rectangle(c->cv, x, ry, colw, rowh);
			set_rgb(c->cv, C_TINT);
			cv_fill(c->cv);
		}
		num.middle = q.middle = pg.middle = true;
		text_draw(c, qnum(c, i), x + 4, ry, 34, rowh, &num);
		text_draw(c, qtext(&t->questions[i].qq->text, c->lang),
			  x + 38, ry, colw - 38 - 28, rowh, &q);
		snprintf(nb, sizeof(nb), "%zu", sv->qpage[i] + 1);
		text_draw(c, nb, x + colw - 26, ry, 22, rowh, &pg);
	}
}

static void
title_page(struct rctx *c, const struct sv *sv, size_t npages)
{
	const struct survey_tally *t = sv->t;
	struct tstyle big = { .size = 22, .min = 14, .bold = true,
			      .color = C_NAVY, .lines = 2 };
	struct tstyle ev = { .size = 10, .color = C_MUTED, .lines = 1,
			     .raw = true };
	struct sbuf grp = SBUF_INIT;
	char nb[32], qb[32];
	double y, tw = (DOC_CW - 2 * 10) / 3, th = 62;

	header(c, sv, true);
	y = 62 + 3 + 26;
	y += text_draw(c, qtext(&t->set->title, c->lang), DOC_ML, y, DOC_CW,
		       64, &big) + 4;
	text_draw(c, t->event ? TF(c, RT_SV_EVENT, "event", t->event, NULL) :
		  T(c, RT_SV_ALL_EVENTS), DOC_ML, y, DOC_CW, 14, &ev);
	y += 26;
	grouping_text(c, t, &grp);
	snprintf(qb, sizeof(qb), "%zu", t->nquestions);
	doc_tile(c, DOC_ML, y, tw, th, T(c, RT_SV_RESPONSES),
		 TF(c, RT_SV_N_RESP, "n", doc_count(nb, t->responses), NULL),
		 NULL, C_ACCENT);
	doc_tile(c, DOC_ML + tw + 10, y, tw, th, T(c, RT_SV_QUESTIONS),
		 TF(c, RT_SV_N_Q, "n", qb, NULL), NULL, C_NAVY);
	{
		struct tstyle gv = { .size = 11, .min = 7.5, .bold = true,
				     .color = C_NAVY, .lines = 2,
				     .middle = true };
		double gx = DOC_ML + 2 * (tw + 10);

		doc_tile(c, gx, y, tw, th, T(c, RT_SV_GROUPING), "", NULL,
			 0x5f6b7a);
		text_draw(c, grp.buf, gx + 10, y + 22, tw - 16, th - 28, &gv);
	}
	y += th + 16;
	y += base_box(c, sv, y, true) + 18;
	contents(c, sv, y);
	doc_footer(c, T(c, RT_SV_FOOTER), 0, npages);
	sbuf_release(&grp);
}

static void
draw(struct rctx *c, void *data, size_t page, size_t npages)
{
	struct sv *sv = data;
	size_t i, p;
	double y;

	if (page == 0) {
		title_page(c, sv, npages);
		return;
	}
	p = page - 1;
	header(c, sv, false);
	y = 40 + 3 + 18;
	for (i = 0; i < sv->count[p]; i++) {
		size_t qi = sv->first[p] + i;

		if (i > 0) {
			cv_rectangle(c->cv, DOC_ML, y - Q_GAP / 2, DOC_CW,
					0.5);
			set_rgb(c->cv, C_RULE);
			cv_fill(c->cv);
		}
		y += qblock(c, sv, qi, y, DOC_BOTTOM - y, true) + Q_GAP;
	}
	doc_footer(c, T(c, RT_SV_FOOTER), page, npages);
}

/* One or two questions a page: a second one when it fits. */
static int
plan(struct rctx *c, void *data)
{
	struct sv *sv = data;
	const struct survey_tally *t = sv->t;
	double top = 40 + 3 + 18, avail = DOC_BOTTOM - top, used = 0;
	size_t i, p = 0;

	free(sv->first);
	free(sv->count);
	free(sv->qpage);
	sv->first = calloc(t->nquestions + 1, sizeof(*sv->first));
	sv->count = calloc(t->nquestions + 1, sizeof(*sv->count));
	sv->qpage = calloc(t->nquestions + 1, sizeof(*sv->qpage));
	if (!sv->first || !sv->count || !sv->qpage)
		return -OSK_ENOMEM;
	for (i = 0; i < t->nquestions; i++) {
		double h = qblock(c, sv, i, top, avail, false);

		if (sv->count[p] == 1 && used + Q_GAP + h <= avail) {
			sv->count[p]++;
			sv->qpage[i] = p + 1;
			used = avail;	/* two is the most */
			continue;
		}
		if (sv->count[p])
			p++;
		sv->first[p] = i;
		sv->count[p] = 1;
		sv->qpage[i] = p + 1;
		used = h;
	}
	sv->nqpages = t->nquestions ? p + 1 : 0;
	return c->status < 0 ? c->status : (int)sv->nqpages + 1;
}

int
report_survey_pdf_write(struct report_renderer *r,
			const struct survey_tally *t,
			const struct report_programme_opts *o,
			const char *path, struct osk_error *err)
{
	struct report_doc d = { 0 };
	struct sv sv = { 0 };
	struct sbuf title = SBUF_INIT;
	enum osk_lang lang = o->lang == OSK_LANG_JA ? OSK_LANG_JA :
		OSK_LANG_EN;
	int ret;

	sv.t = t;
	sv.o = o;
	if (doc_made(&r->texts, lang, o->created, &sv.made) < 0 ||
	    sbuf_addf(&title, "%s - %s", texts_get(&r->texts, RT_SV_TITLE,
						   lang),
		      qtext(&t->set->title, lang)) < 0) {
		ret = osk_fail(err, OSK_ENOMEM, "out of memory");
		goto out;
	}
	d.lang = lang;
	d.created = o->created;
	d.title = title.buf;
	d.plan = plan;
	d.draw = draw;
	d.data = &sv;
	ret = doc_render(r, &d, REPORT_FMT_PDF, path, err);
out:
	free(sv.made);
	free(sv.first);
	free(sv.count);
	free(sv.qpage);
	sbuf_release(&title);
	return ret;
}
