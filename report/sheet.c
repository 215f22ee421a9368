/* SPDX-License-Identifier: MIT */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "report/internal.h"

/*
 * The A4 health-check page. Rows from the top: header band, summary
 * (grade stamp, sentence, radar), category table, "do first", then
 * SECURITY ACTION beside the network check, then "to check next time"
 * beside the service desk, and the footer. Heights of the upper rows
 * follow their content; the rows below share what is left, and lists
 * that do not fit end with "and N more".
 */

#define ML 34.0				/* left and right margin */
#define CW (PAGE_W - 2 * ML)		/* content width */
#define BAND_H 62.0			/* header band */
#define FOOT_Y (PAGE_H - 24.0)		/* footer rule */
#define GAP 9.0			/* between sections */

/* ---- drawing helpers ---- */

void
set_rgb(struct canvas *cv, uint32_t rgb)
{
	set_rgba(cv, rgb, 1.0);
}

void
set_rgba(struct canvas *cv, uint32_t rgb, double alpha)
{
	cv_set_rgba(cv, ((rgb >> 16) & 0xff) / 255.0,
		    ((rgb >> 8) & 0xff) / 255.0, (rgb & 0xff) / 255.0, alpha);
}

void
rounded_rect(struct canvas *cv, double x, double y, double w, double h, double r)
{
	if (r > h / 2)
		r = h / 2;
	if (r > w / 2)
		r = w / 2;
	cv_new_sub_path(cv);
	cv_arc(cv, x + w - r, y + r, r, -M_PI / 2, 0);
	cv_arc(cv, x + w - r, y + h - r, r, 0, M_PI / 2);
	cv_arc(cv, x + r, y + h - r, r, M_PI / 2, M_PI);
	cv_arc(cv, x + r, y + r, r, M_PI, 3 * M_PI / 2);
	cv_close_path(cv);
}

void
band_draw(struct canvas *cv, double h)
{
	cv_rectangle(cv, 0, 0, PAGE_W, h);
	set_rgb(cv, C_NAVY);
	cv_fill(cv);
	cv_rectangle(cv, 0, h, PAGE_W, 3);
	set_rgb(cv, C_ACCENT);
	cv_fill(cv);
}

uint32_t
tint(uint32_t rgb, double t)
{
	uint32_t out = 0;
	int shift;

	for (shift = 16; shift >= 0; shift -= 8) {
		double v = (rgb >> shift) & 0xff;

		out |= (uint32_t)(255 - (255 - v) * t + 0.5) << shift;
	}
	return out;
}

uint32_t
grade_color(int i)
{
	static const uint32_t colors[] = {
		0x23915a,	/* A green */
		0x5f9a22,	/* B yellow-green */
		0xd98200,	/* C amber */
		0xcf3a2c,	/* D red */
	};

	if (i < 0)
		return C_MUTED;
	return colors[i < 4 ? i : 3];
}

static uint32_t
cost_color(enum report_cost cost)
{
	switch (cost) {
	case REPORT_COST_FREE:
		return 0x23915a;
	case REPORT_COST_LOW:
		return 0x2f6fc4;
	case REPORT_COST_PAID:
		return 0xc25f12;
	default:
		return C_MUTED;
	}
}

static const char *
num1(char buf[24], double v)
{
	if (v == REPORT_NONE)
		snprintf(buf, 24, "—");
	else
		snprintf(buf, 24, "%.1f", osk_round1(v));
	return buf;
}

static const char *
num0(char buf[24], long v)
{
	snprintf(buf, 24, "%ld", v);
	return buf;
}

double
pill(struct rctx *c, const char *text, double x, double y, double h,
     uint32_t bg, uint32_t fg, double size, bool right)
{
	struct tstyle st = { .size = size, .bold = true, .color = fg,
			     .raw = true, .middle = true,
			     .align = PANGO_ALIGN_CENTER };
	double w = text_width(c, text, &st) + h;

	if (right)
		x -= w;
	rounded_rect(c->cv, x, y, w, h, h / 2);
	set_rgb(c->cv, bg);
	cv_fill(c->cv);
	text_draw(c, text, x, y, w, h, &st);
	return w;
}

double
section_heading(struct rctx *c, const char *text, double x, double y,
		double w)
{
	struct tstyle st = { .size = 10.5, .min = 8, .bold = true,
			     .color = C_NAVY, .lines = 1 };
	struct canvas *cv = c->cv;

	cv_rectangle(cv, x, y + 2.5, 3, 11);
	set_rgb(cv, C_ACCENT);
	cv_fill(cv);
	text_draw(c, text, x + 8, y, w - 8, 16, &st);
	cv_rectangle(cv, x, y + 17.5, w, 0.6);
	set_rgb(cv, C_NAVY);
	cv_fill(cv);
	return 23;
}

/* "and N more" under a cut list. */
static double
more_line(struct rctx *c, size_t n, double x, double y, double w)
{
	struct tstyle st = { .size = 7, .color = C_MUTED, .raw = true,
			     .lines = 1 };
	char buf[24];

	return text_draw(c, TF(c, RT_MORE, "n", num0(buf, (long)n), NULL),
			 x, y, w, 10, &st);
}

/* ---- header band ---- */

static void
draw_header(struct rctx *c, const struct report_sheet *s,
	    const struct report_page *p)
{
	struct canvas *cv = c->cv;
	struct tstyle title = { .size = 19, .min = 13, .bold = true,
				.color = C_WHITE, .lines = 1 };
	struct tstyle sub = { .size = 8, .color = 0xb8c7e0, .lines = 1,
			      .raw = true };
	struct tstyle company = { .size = 12.5, .min = 8, .bold = true,
				  .color = C_WHITE, .lines = 1, .raw = true,
				  .align = PANGO_ALIGN_RIGHT };
	struct tstyle meta = { .size = 8, .min = 6.5, .color = 0xdfe7f3,
			       .lines = 1, .raw = true,
			       .align = PANGO_ALIGN_RIGHT };
	struct sbuf line = SBUF_INIT;
	double lw = 270, rx = ML + lw + 12, rw = CW - lw - 12;

	band_draw(cv, BAND_H);

	text_draw(c, T(c, RT_TITLE), ML, 13, lw, 26, &title);
	text_draw(c, T(c, RT_SUBTITLE), ML, 39, lw, 12, &sub);

	text_draw(c, TF(c, RT_TO_COMPANY, "company", s->company ?
			s->company : "", NULL), rx, 11, rw, 18, &company);
	if (sbuf_adds(&line, TF(c, RT_DATE, "date", p->date ? p->date :
				s->date ? s->date : "", NULL)) < 0 ||
	    (s->consultant && *s->consultant &&
	     (sbuf_adds(&line, "　") < 0 ||
	      sbuf_adds(&line, TF(c, RT_CONSULTANT, "name", s->consultant,
				  NULL)) < 0)))
		c->status = -OSK_ENOMEM;
	text_draw(c, line.buf, rx, 31, rw, 11, &meta);
	text_draw(c, TF(c, RT_SCOPE, "env", p->env ? p->env : "", NULL), rx,
		  43, rw, 11, &meta);
	sbuf_release(&line);
}

/* ---- summary: stamp, score, sentence; radar ---- */

static void
draw_stamp(struct rctx *c, double cx, double cy, double r,
	   const struct rt_grade *g, int gi)
{
	struct canvas *cv = c->cv;
	uint32_t col = grade_color(gi);
	struct tstyle letter = { .size = 38, .bold = true, .color = col,
				 .raw = true, .align = PANGO_ALIGN_CENTER };
	struct tstyle label = { .size = 8.5, .min = 6, .bold = true,
				.color = col, .lines = 1, .raw = true,
				.align = PANGO_ALIGN_CENTER };

	cv_save(cv);
	cv_translate(cv, cx, cy);
	cv_rotate(cv, -8 * M_PI / 180);
	cv_new_path(cv);
	cv_arc(cv, 0, 0, r, 0, 2 * M_PI);
	set_rgb(cv, tint(col, 0.08));
	cv_fill_preserve(cv);
	set_rgb(cv, col);
	cv_set_line_width(cv, 2.4);
	cv_stroke(cv);
	cv_arc(cv, 0, 0, r - 4, 0, 2 * M_PI);
	cv_set_line_width(cv, 0.8);
	cv_stroke(cv);
	cv_move_to(cv, -r + 12, r * 0.36);
	cv_line_to(cv, r - 12, r * 0.36);
	cv_set_line_width(cv, 0.6);
	cv_stroke(cv);
	text_draw(c, g ? g->id : "—", -r, -r * 0.78, 2 * r, r * 1.1, &letter);
	if (g)
		text_draw(c, g->label[c->lang == OSK_LANG_JA], -r + 8,
			  r * 0.40, 2 * r - 16, 12, &label);
	cv_restore(cv);
}

/* The comparison's source as printed: "同業種平均（製造業）n=7". */
static const char *
cmp_source(struct rctx *c, const struct report_page *p, char nbuf[24])
{
	num0(nbuf, p->cmp_n);
	switch (p->cmp) {
	case REPORT_CMP_INDUSTRY:
		if (p->cmp_name && *p->cmp_name)
			return TF(c, RT_CMP_INDUSTRY, "name", p->cmp_name,
				  "n", nbuf, NULL);
		return TF(c, RT_CMP_INDUSTRY_NONAME, "n", nbuf, NULL);
	case REPORT_CMP_REFERENCE:
		if (p->cmp_n > 0)
			return TF(c, RT_CMP_REFERENCE_N, "name", p->cmp_name ?
				  p->cmp_name : "", "n", nbuf, NULL);
		return TF(c, RT_CMP_REFERENCE, "name", p->cmp_name ?
			  p->cmp_name : "", NULL);
	case REPORT_CMP_ALL:
		return TF(c, RT_CMP_ALL, "n", nbuf, NULL);
	default:
		return T(c, RT_CMP_NONE);
	}
}

static void
draw_summary(struct rctx *c, const struct report_page *p, double y,
	     double h)
{
	struct canvas *cv = c->cv;
	const struct rt_grade *g = texts_grade(c->texts, p->grade);
	int gi = texts_grade_index(c->texts, p->grade);
	uint32_t col = grade_color(gi);
	double pw = 250, tx = ML + 120, tw = pw - 126, ty;
	struct tstyle cap = { .size = 9, .bold = true, .color = C_MUTED,
			      .lines = 1 };
	struct tstyle big = { .size = 32, .bold = true, .color = C_INK,
			      .raw = true, .lines = 1 };
	struct tstyle unit = { .size = 9, .color = C_MUTED, .raw = true,
			       .lines = 1 };
	struct tstyle line = { .size = 7.5, .min = 6, .color = C_MUTED,
			       .lines = 2 };
	struct tstyle sentence = { .size = 9.5, .min = 7.5, .color = C_INK,
				   .spacing = 1.2 };
	char b1[24], b2[24];
	const char *src;
	double w;

	/* left panel */
	rounded_rect(cv, ML, y, pw, h, 6);
	set_rgb(cv, C_TINT);
	cv_fill(cv);
	text_draw(c, T(c, RT_OVERALL), ML + 12, y + 10, pw - 24, 14, &cap);
	draw_stamp(c, ML + 62, y + 70, 41, g, gi);

	ty = y + 30;
	if (p->score == REPORT_NONE) {
		text_draw(c, T(c, RT_NO_SCORE), tx, ty + 10, tw, 16, &unit);
	} else {
		num1(b1, p->score);
		big.color = col;
		w = text_width(c, b1, &big);
		if (w > tw - 40)
			w = tw - 40;
		text_draw(c, b1, tx, ty, w + 1, 40, &big);
		text_draw(c, T(c, RT_OF_100), tx + w + 4, ty + 20, tw - w - 4,
			  14, &unit);
	}
	ty += 44;
	src = cmp_source(c, p, b2);
	if (p->cmp != REPORT_CMP_NONE && p->cmp_score != REPORT_NONE) {
		struct sbuf tmp = SBUF_INIT;

		if (sbuf_adds(&tmp, src) < 0)
			c->status = -OSK_ENOMEM;
		ty += text_draw(c, TF(c, RT_CMP_SCORE, "source", tmp.buf,
				      "score", num1(b1, p->cmp_score), NULL),
				tx, ty, tw, 20, &line) + 2;
		sbuf_release(&tmp);
	} else {
		ty += text_draw(c, src, tx, ty, tw, 20, &line) + 2;
	}
	if (p->prev_date && p->prev_score != REPORT_NONE)
		ty += text_draw(c, TF(c, RT_PREV_SCORE, "date", p->prev_date,
				      "score", num1(b1, p->prev_score), NULL),
				tx, ty, tw, 20, &line) + 2;
	if (p->selfcheck != REPORT_NO_SELFCHECK)
		text_draw(c, TF(c, RT_SELFCHECK, "score",
				num0(b1, p->selfcheck), NULL),
			  tx, ty, tw, 20, &line);

	/* the plain sentence, with a bar in the grade's colour */
	ty = y + 122;
	if (g) {
		w = text_draw(c, g->sentence[c->lang == OSK_LANG_JA], ML + 22,
			      ty, pw - 34, h - (ty - y) - 8, &sentence);
		cv_rectangle(cv, ML + 12, ty + 1, 3, w - 2);
		set_rgb(cv, col);
		cv_fill(cv);
	}
}

static void
draw_radar(struct rctx *c, const struct report_page *p, double x, double y,
	   double w, double h)
{
	struct tstyle cap = { .size = 9, .bold = true, .color = C_MUTED,
			      .lines = 1 };
	const char *labels[32];
	double you[32], cmp[32], prev[32];
	struct chart_series series[3];
	struct chart_radar ch = { 0 };
	size_t i, n = 0, ns = 0;
	bool has_cmp = false, has_prev = false;
	char nb[24];
	struct sbuf name = SBUF_INIT;
	double lh;

	text_draw(c, T(c, RT_CHART_TITLE), x, y, w, 14, &cap);
	for (i = 0; i < p->ncategories && n < 32; i++) {
		const struct report_category *k = &p->categories[i];

		if (k->score == REPORT_NONE)
			continue;
		labels[n] = k->label ? k->label : k->name;
		you[n] = k->score;
		cmp[n] = k->comparison;
		prev[n] = k->previous;
		has_cmp |= k->comparison != REPORT_NONE;
		has_prev |= k->previous != REPORT_NONE;
		n++;
	}
	series[ns++] = (struct chart_series){ you, T(c, RT_YOU), C_ACCENT,
					       0.22, 1.6, 0, true };
	if (has_cmp && p->cmp != REPORT_CMP_NONE) {
		if (sbuf_adds(&name, cmp_source(c, p, nb)) < 0)
			c->status = -OSK_ENOMEM;
		series[ns++] = (struct chart_series){ cmp, name.buf, C_CMP,
						       0.06, 1.3, 1, false };
	}
	if (has_prev)
		series[ns++] = (struct chart_series){ prev, T(c, RT_PREVIOUS),
						       C_PREV, 0, 1.1, 2,
						       false };
	ch.labels = labels;
	ch.n = n;
	ch.series = series;
	ch.nseries = ns;
	ch.max = 100;
	ch.step = 20;
	ch.label_size = 7.5;
	lh = chart_legend(c, series, ns, x, 0, w, 7, false);
	if (n >= 3) {
		chart_radar_draw(c, &ch, x, y + 14, w, h - 20 - lh);
	} else {
		struct chart_bars bars = {
			.labels = labels, .n = n, .series = series,
			.nseries = ns, .max = 100, .decimals = 1,
			.label_w = w * 0.35, .size = 8,
		};

		chart_bars_draw(c, &bars, x, y + 24, w,
				fmin(h - 30 - lh, 30.0 * n));
	}
	chart_legend(c, series, ns, x, y + h - lh, w, 7, true);
	sbuf_release(&name);
}

/* ---- category table ---- */

struct cols {
	double area, score, cmp, grade, comment;	/* x of each */
	double area_w, score_w, cmp_w, grade_w, comment_w;
};

static void
table_cols(struct cols *k)
{
	k->area_w = 152;
	k->score_w = 104;
	k->cmp_w = 40;
	k->grade_w = 66;
	k->comment_w = CW - k->area_w - k->score_w - k->cmp_w - k->grade_w;
	k->area = ML;
	k->score = k->area + k->area_w;
	k->cmp = k->score + k->score_w;
	k->grade = k->cmp + k->cmp_w;
	k->comment = k->grade + k->grade_w;
}

#define ROW_H 21.5
#define THEAD_H 16.0
#define KEY_H 15.0		/* the grade key */

static const struct tstyle cell_area = {
	.size = 8, .min = 6.5, .color = C_INK, .lines = 3, .middle = true
};
static const struct tstyle cell_comment = {
	.size = 7.5, .min = 6.5, .color = C_INK, .lines = 3, .middle = true
};

/* Two lines fit the usual row; a long name or comment gets a third. */
static double
row_height(struct rctx *c, const char *area, const char *comment,
	   const struct cols *k)
{
	double a = text_height(c, area, k->area_w - 14, &cell_area);
	double m = text_height(c, comment, k->comment_w - 8, &cell_comment);

	if (a <= ROW_H - 2 && m <= ROW_H - 2)
		return ROW_H;
	return fmax(ROW_H, fmin(fmax(a, m),
				3 * text_line_height(c, 7.2)) + 3);
}

static void
comment_for(struct rctx *c, const struct report_category *k,
	    const struct rt_grade *g, struct sbuf *out)
{
	char b[24];
	double d;
	int r = 0;

	if (k->comment && *k->comment) {
		r = sbuf_adds(out, k->comment);
	} else if (g) {
		r = sbuf_adds(out, g->comment[c->lang == OSK_LANG_JA]);
		if (r == 0 && k->score != REPORT_NONE &&
		    k->comparison != REPORT_NONE) {
			d = osk_round1(k->score) - osk_round1(k->comparison);
			if (fabs(d) >= 0.05) {
				r = sbuf_adds(out, c->lang == OSK_LANG_JA ?
					      "（" : " (");
				if (r == 0)
					r = sbuf_adds(out, TF(c, d > 0 ?
						RT_ABOVE_AVG : RT_BELOW_AVG,
						"d", num1(b, fabs(d)), NULL));
				if (r == 0)
					r = sbuf_adds(out, c->lang ==
						      OSK_LANG_JA ? "）" : ")");
			}
		}
	}
	if (r < 0)
		c->status = r;
}

static double
draw_table(struct rctx *c, const struct report_page *p, double y)
{
	struct canvas *cv = c->cv;
	struct cols k;
	struct tstyle th = { .size = 7.5, .min = 6, .bold = true,
			     .color = C_WHITE, .lines = 1, .middle = true };
	struct tstyle score = { .size = 9, .bold = true, .color = C_INK,
				.raw = true, .middle = true, .lines = 1,
				.align = PANGO_ALIGN_RIGHT };
	struct tstyle cmp = { .size = 8, .color = C_MUTED, .raw = true,
			      .middle = true, .lines = 1,
			      .align = PANGO_ALIGN_CENTER };
	struct tstyle glabel = { .size = 7.5, .min = 6, .bold = true,
				 .lines = 1, .middle = true, .raw = true };
	struct sbuf text = SBUF_INIT;
	char b[24];
	size_t i;
	double y0 = y, rh;

	table_cols(&k);
	rounded_rect(cv, ML, y, CW, THEAD_H, 2);
	set_rgb(cv, C_NAVY);
	cv_fill(cv);
	text_draw(c, T(c, RT_COL_AREA), k.area + 8, y, k.area_w - 8, THEAD_H,
		  &th);
	th.align = PANGO_ALIGN_CENTER;
	text_draw(c, T(c, RT_COL_SCORE), k.score, y, k.score_w, THEAD_H, &th);
	text_draw(c, T(c, RT_COL_CMP), k.cmp, y, k.cmp_w, THEAD_H, &th);
	text_draw(c, T(c, RT_COL_GRADE), k.grade, y, k.grade_w, THEAD_H, &th);
	th.align = PANGO_ALIGN_LEFT;
	text_draw(c, T(c, RT_COL_COMMENT), k.comment + 6, y,
		  k.comment_w - 6, THEAD_H, &th);
	y += THEAD_H;

	for (i = 0; i < p->ncategories; i++) {
		const struct report_category *cat = &p->categories[i];
		const struct rt_grade *g = texts_grade(c->texts, cat->grade);
		int gi = texts_grade_index(c->texts, cat->grade);
		uint32_t col = grade_color(gi);
		double bx = k.score + 32, bw = k.score_w - 40;

		sbuf_reset(&text);
		comment_for(c, cat, g, &text);
		rh = row_height(c, cat->name, text.buf, &k);
		if (i % 2) {
			cv_rectangle(cv, ML, y, CW, rh);
			set_rgb(cv, C_TINT);
			cv_fill(cv);
		}
		text_draw(c, cat->name, k.area + 8, y + 1, k.area_w - 14,
			  rh - 2, &cell_area);
		text_draw(c, num1(b, cat->score), k.score, y, 28, ROW_H,
			  &score);
		chart_scorebar_draw(cv, bx, y + ROW_H / 2 - 3, bw, 6,
				    cat->score, cat->comparison, 100,
				    cat->score == REPORT_NONE ? C_FAINT :
				    C_ACCENT);
		text_draw(c, num1(b, cat->comparison), k.cmp, y, k.cmp_w,
			  ROW_H, &cmp);

		/* grade cell: tinted, a dot with the letter, the label */
		cv_rectangle(cv, k.grade + 1, y + 1, k.grade_w - 2,
				ROW_H - 2);
		set_rgb(cv, gi < 0 ? C_TINT : tint(col, 0.13));
		cv_fill(cv);
		if (cat->grade) {
			struct tstyle letter = { .size = 7.5, .bold = true,
						 .color = C_WHITE, .raw = true,
						 .middle = true,
						 .align = PANGO_ALIGN_CENTER };

			cv_arc(cv, k.grade + 11, y + ROW_H / 2, 6.5, 0,
				  2 * M_PI);
			set_rgb(cv, col);
			cv_fill(cv);
			text_draw(c, cat->grade, k.grade + 4.5, y, 13, ROW_H,
				  &letter);
			glabel.color = col;
			if (g)
				text_draw(c, g->label[c->lang == OSK_LANG_JA],
					  k.grade + 20, y, k.grade_w - 22,
					  ROW_H, &glabel);
		}
		text_draw(c, text.buf, k.comment + 6, y + 1, k.comment_w - 8,
			  rh - 2, &cell_comment);
		y += rh;
	}
	cv_rectangle(cv, ML, y, CW, 0.6);
	set_rgb(cv, C_RULE);
	cv_fill(cv);
	sbuf_release(&text);
	return y - y0;
}

/* "判定の目安: (A) 良好 80点以上 (B) ..." under the table. */
static void
draw_key(struct rctx *c, const struct report_page *p, double y)
{
	struct canvas *cv = c->cv;
	struct tstyle cap = { .size = 7, .bold = true, .color = C_MUTED,
			      .lines = 1, .middle = true };
	struct tstyle lab = { .size = 7, .color = C_MUTED, .lines = 1,
			      .middle = true, .raw = true };
	struct tstyle letter = { .size = 6.5, .bold = true, .color = C_WHITE,
				 .raw = true, .middle = true,
				 .align = PANGO_ALIGN_CENTER };
	struct sbuf t = SBUF_INIT;
	double x = ML + CW, w, cw;
	char b[24];
	size_t i;

	/* right-aligned: measure from the last band backwards */
	for (i = p->nbands; i-- > 0;) {
		const struct report_band *band = &p->bands[i];
		const struct rt_grade *g = texts_grade(c->texts, band->grade);
		int gi = texts_grade_index(c->texts, band->grade), r;

		sbuf_reset(&t);
		r = sbuf_adds(&t, g ? g->label[c->lang == OSK_LANG_JA] : "");
		if (r == 0)
			r = sbuf_adds(&t, " ");
		if (r == 0 && (band->min > 0 || i == 0))
			r = sbuf_adds(&t, TF(c, RT_BAND, "min",
					     num0(b, (long)band->min), NULL));
		else if (r == 0)
			r = sbuf_adds(&t, TF(c, RT_BAND_BELOW, "max", num0(b,
					     (long)p->bands[i - 1].min), NULL));
		if (r < 0)
			c->status = r;
		w = text_width(c, t.buf, &lab);
		x -= w;
		text_draw(c, t.buf, x, y, w + 1, KEY_H, &lab);
		x -= 13;
		cv_new_path(cv);
		cv_arc(cv, x + 5.5, y + KEY_H / 2, 5, 0, 2 * M_PI);
		set_rgb(cv, grade_color(gi));
		cv_fill(cv);
		text_draw(c, band->grade, x + 0.5, y, 10, KEY_H, &letter);
		x -= 10;
	}
	cw = text_width(c, T(c, RT_GRADE_KEY), &cap);
	text_draw(c, T(c, RT_GRADE_KEY), x - cw - 2, y, cw + 1, KEY_H, &cap);
	sbuf_release(&t);
}

/* ---- do first ---- */

#define ACTIONS_SHOWN 3
#define ACTION_SIZE 8.5

/* The area's name, set in front of the action's first line. */
static double
area_width(struct rctx *c, const struct report_action *a)
{
	struct tstyle area = { .size = 7.5, .bold = true };

	if (!a->area || !*a->area)
		return 0;
	return fmin(text_width(c, a->area, &area), 120) + 8;
}

static double
action_height(struct rctx *c, const struct report_action *a, double w)
{
	struct tstyle text = { .size = ACTION_SIZE, .spacing = 1,
			       .indent = area_width(c, a) };
	double h = text_height(c, a->text, w, &text);
	double two = 2 * text_line_height(c, ACTION_SIZE) + 1;

	return fmax(fmin(h, two), 16) + 7;
}

static double
first_height(struct rctx *c, const struct report_page *p)
{
	double h = 23, tw = CW - 30 - 64;
	size_t i;

	if (!p->nactions)
		return h + 16;
	for (i = 0; i < p->nactions && i < ACTIONS_SHOWN; i++)
		h += action_height(c, &p->actions[i], tw);
	return h;
}

static void
draw_first(struct rctx *c, const struct report_page *p, double y)
{
	struct canvas *cv = c->cv;
	struct tstyle num = { .size = 9, .bold = true, .color = C_WHITE,
			      .raw = true, .middle = true,
			      .align = PANGO_ALIGN_CENTER };
	struct tstyle area = { .size = 7.5, .bold = true, .color = C_ACCENT,
			       .lines = 1 };
	struct tstyle text = { .size = ACTION_SIZE, .min = 7, .color = C_INK,
			       .lines = 2, .spacing = 1 };
	struct tstyle none = { .size = 8.5, .color = C_INK, .lines = 2 };
	double tx = ML + 24, tw = CW - 30 - 64, h, aw;
	char b[24];
	size_t i;

	y += section_heading(c, T(c, RT_SEC_FIRST), ML, y, CW);
	if (!p->nactions) {
		text_draw(c, T(c, RT_FIRST_NONE), ML + 8, y, CW - 16, 14,
			  &none);
		return;
	}
	for (i = 0; i < p->nactions && i < ACTIONS_SHOWN; i++) {
		const struct report_action *a = &p->actions[i];

		h = action_height(c, a, tw);
		cv_new_path(cv);
		cv_arc(cv, ML + 9, y + 8, 8, 0, 2 * M_PI);
		set_rgb(cv, C_NAVY);
		cv_fill(cv);
		snprintf(b, sizeof(b), "%zu", i + 1);
		text_draw(c, b, ML + 1, y, 16, 16, &num);
		aw = area_width(c, a);
		if (aw > 0)
			text_draw(c, a->area, tx, y + text_baseline(c,
				  ACTION_SIZE) - text_baseline(c, 7.5), aw - 8,
				  11, &area);
		text.indent = aw;
		text_draw(c, a->text, tx, y, tw, h - 7, &text);
		if (a->cost != REPORT_COST_NONE)
			pill(c, c->texts->cost[a->cost][c->lang == OSK_LANG_JA],
			     ML + CW - 2, y + 1, 15, cost_color(a->cost),
			     C_WHITE, 7.5, true);
		y += h;
		if (i + 1 < p->nactions && i + 1 < ACTIONS_SHOWN) {
			cv_rectangle(cv, tx, y - 4, CW - 24, 0.4);
			set_rgb(cv, C_RULE);
			cv_fill(cv);
		}
	}
}

/* ---- SECURITY ACTION ---- */

static void
star(struct canvas *cv, double cx, double cy, double r, uint32_t col)
{
	int i;

	cv_new_path(cv);
	for (i = 0; i < 10; i++) {
		double a = -M_PI / 2 + M_PI * i / 5;
		double rr = i % 2 ? r * 0.45 : r;

		cv_line_to(cv, cx + rr * cos(a), cy + rr * sin(a));
	}
	cv_close_path(cv);
	set_rgb(cv, col);
	cv_fill(cv);
}

/* The missing steps as one paragraph: "a ／ b ／ c". */
static void
steps_text(struct rctx *c, const struct report_sa_step *steps, size_t n,
	   struct sbuf *out)
{
	size_t i;
	int r = 0;

	for (i = 0; i < n && r == 0; i++) {
		if (i)
			r = sbuf_adds(out, c->lang == OSK_LANG_JA ? "／" :
				      " / ");
		if (r == 0)
			r = sbuf_adds(out, steps[i].text ? steps[i].text : "");
	}
	if (r < 0)
		c->status = r;
}

#define SA_STEP_SIZE 7.5

/* One ★ level: stars, name, a status pill, then the missing steps. */
static double
sa_level(struct rctx *c, int stars, const char *name, bool ready,
	 const struct report_sa_step *steps, size_t n, double x, double y,
	 double w, double h)
{
	struct tstyle label = { .size = 8.5, .bold = true, .color = C_INK,
				.lines = 1, .middle = true };
	struct tstyle step = { .size = SA_STEP_SIZE, .min = 6.5,
			       .color = C_INK, .spacing = 0.8 };
	struct sbuf text = SBUF_INIT;
	char b[24];
	const char *nm = name;
	double y0 = y;
	int s;

	/* the name without its leading stars: they are drawn */
	while (!strncmp(nm, "★", strlen("★")))
		nm += strlen("★");
	while (*nm == ' ')
		nm++;
	for (s = 0; s < stars; s++)
		star(c->cv, x + 5 + s * 11, y + 7, 5.2,
		     ready ? 0xe0a400 : 0xb9c2ce);
	text_draw(c, nm, x + 6 + stars * 11, y, w * 0.5, 14, &label);
	if (ready)
		pill(c, T(c, RT_SA_READY), x + w, y + 0.5, 13, 0x23915a,
		     C_WHITE, 7, true);
	else
		pill(c, TF(c, RT_SA_TODO, "n", num0(b, (long)n), NULL), x + w,
		     y + 0.5, 13, 0xd98200, C_WHITE, 7, true);
	y += 16;
	if (n) {
		steps_text(c, steps, n, &text);
		y += text_draw(c, text.buf, x + 8, y, w - 8, h - (y - y0),
			       &step);
	}
	sbuf_release(&text);
	return y - y0 + 4;
}

static double
sa_level_height(struct rctx *c, const struct report_sa_step *steps,
		size_t n, double w)
{
	struct tstyle step = { .size = SA_STEP_SIZE, .spacing = 0.8 };
	struct sbuf text = SBUF_INIT;
	double h = 16 + 4;

	if (n) {
		steps_text(c, steps, n, &text);
		h += text_height(c, text.buf, w - 8, &step);
	}
	sbuf_release(&text);
	return h;
}

static const struct tstyle sa_what = {
	.size = 6.8, .min = 6, .color = C_MUTED, .lines = 2
};

static double
sa_height(struct rctx *c, const struct report_sa *sa, double w)
{
	double h = 23 + 4 + fmin(text_height(c, T(c, RT_SA_WHAT), w, &sa_what),
				 2 * text_line_height(c, 6.8));

	if (sa->one_star && sa->two_star)
		return h + 24;
	return h + sa_level_height(c, sa->missing1, sa->nmissing1, w) +
	       sa_level_height(c, sa->missing2, sa->nmissing2, w);
}

static double
draw_sa(struct rctx *c, const struct report_sa *sa, double x, double y,
	double w, double h)
{
	struct tstyle done = { .size = 8, .color = C_INK, .lines = 3 };
	double ymax = y + h, h1, h2;

	y += section_heading(c, T(c, RT_SEC_SA), x, y, w);
	y += text_draw(c, T(c, RT_SA_WHAT), x, y, w,
		       2 * text_line_height(c, 6.8), &sa_what) + 4;
	if (sa->one_star && sa->two_star) {
		star(c->cv, x + 5, y + 7, 5.2, 0xe0a400);
		star(c->cv, x + 16, y + 7, 5.2, 0xe0a400);
		return y + text_draw(c, T(c, RT_SA_ALL_DONE), x + 26, y,
				     w - 26, ymax - y, &done);
	}
	/* share the room in proportion to need, ★ first */
	h1 = sa_level_height(c, sa->missing1, sa->nmissing1, w);
	h2 = sa_level_height(c, sa->missing2, sa->nmissing2, w);
	if (h1 + h2 > ymax - y) {
		double room = ymax - y;

		h1 = fmax(20 + text_line_height(c, SA_STEP_SIZE),
			  room * h1 / (h1 + h2));
		h2 = room - h1;
	}
	y += sa_level(c, 1, T(c, RT_SA_ONE), sa->one_star, sa->missing1,
		      sa->nmissing1, x, y, w, h1 - 4);
	return y + sa_level(c, 2, T(c, RT_SA_TWO), sa->two_star,
			    sa->missing2, sa->nmissing2, x, y, w,
			    fmin(h2, ymax - y) - 4);
}

/* ---- network check ---- */

#define NET_SIZE 7.5
#define NET_MAX 64		/* events considered on one sheet */

struct net_item {
	const struct report_net_event *e;
	size_t phase;
	double h;		/* its height, devices line included */
	bool shown;
};

static const struct tstyle net_phase = {
	.size = 8, .min = 7, .bold = true, .color = C_NAVY, .lines = 2
};
static const struct tstyle net_event = {
	.size = NET_SIZE, .min = 6.5, .color = C_INK, .lines = 2
};
static const struct tstyle net_dev = {
	.size = 6.8, .min = 6, .color = C_MUTED, .lines = 1
};

static double
phase_height(struct rctx *c, const struct report_net_phase *ph, double w)
{
	return fmin(text_height(c, ph->name, w - 60, &net_phase),
		    2 * text_line_height(c, 8)) + 3;
}

static double
event_height(struct rctx *c, const struct report_net_event *e, double w)
{
	double lh = text_line_height(c, NET_SIZE);
	double h = fmin(text_height(c, e->title, w - 50, &net_event), 2 * lh);

	if (e->ndevices)
		h += text_line_height(c, 6.8);
	return h + 2.5;
}

/*
 * "関係する機器：経理PC（山田）、NAS-01ほか2台": as many whole device names
 * as fit on one line of width w, so that a name and the plain words the
 * glossary adds to it are never cut off. The text is built in sb.
 */
static const char *
devices_text(struct rctx *c, const struct report_net_event *e, double w,
	     struct sbuf *sb)
{
	bool ja = c->lang == OSK_LANG_JA;
	struct sbuf list = SBUF_INIT;
	size_t k, i;

	for (k = e->ndevices; k >= 1; k--) {
		long more = e->devices_other + (long)(e->ndevices - k);
		int r = 0;

		sbuf_reset(&list);
		for (i = 0; i < k && !r; i++)
			r = sbuf_addf(&list, "%s%s", i ? (ja ? "、" : ", ") :
				      "", e->devices[i]);
		if (more > 0 && !r) {
			char n[32];

			snprintf(n, sizeof(n), "%ld", more);
			r = sbuf_addf(&list, "%s%s", ja ? "" : " ",
				      TF(c, RT_NET_DEV_MORE, "n", n, NULL));
		}
		sbuf_reset(sb);
		if (r < 0 || sbuf_adds(sb, TF(c, RT_NET_DEVICES, "list",
					      list.buf, NULL)) < 0) {
			c->status = -OSK_ENOMEM;
			break;
		}
		if (k == 1 || text_width(c, sb->buf, &net_dev) <= w)
			break;
	}
	sbuf_release(&list);
	return sb->buf;
}

/* Worse first: severity, then count; ties keep catalog order. */
static bool
worse(const struct net_item *a, const struct net_item *b)
{
	if (a->e->severity != b->e->severity)
		return a->e->severity > b->e->severity;
	return a->e->count > b->e->count;
}

/*
 * Pick the events that fit in h, worst first, counting a phase's heading
 * with its first event. Returns how many were left out.
 */
static size_t
net_pick(struct rctx *c, const struct report_network *net,
	 struct net_item *it, size_t n, double w, double h)
{
	bool phase_in[NET_MAX] = { false };
	double used = 0, more = 12, need;
	size_t i, j, best, left = n;

	for (;;) {
		best = n;
		for (i = 0; i < n; i++)
			if (!it[i].shown && (best == n || worse(&it[i],
								&it[best])))
				best = i;
		if (best == n)
			break;
		j = it[best].phase;
		need = it[best].h;
		if (j < NET_MAX && !phase_in[j])
			need += phase_height(c, &net->phases[j], w);
		if (used + need + (left > 1 ? more : 0) > h)
			break;
		used += need;
		it[best].shown = true;
		if (j < NET_MAX)
			phase_in[j] = true;
		left--;
	}
	return left;
}

static double
incidents_draw(struct rctx *c, const struct report_network *net, double x,
	       double y, double w, double h, bool draw)
{
	struct tstyle ih = { .size = 7.5, .bold = true, .color = 0xcf3a2c,
			     .lines = 1 };
	struct tstyle it = { .size = NET_SIZE, .min = 6.5, .color = C_INK,
			     .lines = 3 };
	double y0 = y, ymax = y + h, lh = text_line_height(c, NET_SIZE), ih_h;
	bool ja = c->lang == OSK_LANG_JA;
	struct sbuf tmp = SBUF_INIT;
	size_t i;
	int r;

	if (!net->nincidents)
		return 0;
	ih_h = text_line_height(c, 7.5) + 1;
	if (draw)
		text_draw(c, T(c, RT_NET_INCIDENTS), x, y, w, ih_h, &ih);
	y += ih_h;
	for (i = 0; i < net->nincidents; i++) {
		const struct report_incident *in = &net->incidents[i];
		double th;

		sbuf_reset(&tmp);
		r = sbuf_adds(&tmp, in->title ? in->title : "");
		if (r == 0 && in->opened)
			r = sbuf_addf(&tmp, ja ? "（%s）" : " (%s)",
				      TF(c, RT_NET_OPENED, "date", in->opened,
					 NULL));
		if (r == 0 && in->todo)
			r = sbuf_addf(&tmp, "\n%s", TF(c, RT_NET_TODO,
				      "todo", in->todo, NULL));
		if (r < 0)
			c->status = r;
		th = fmin(text_height(c, tmp.buf, w - 10, &it), 3 * lh) + 2;
		if (draw && (y + th > ymax ||
			     (i + 1 < net->nincidents && y + th + 12 > ymax))) {
			y += more_line(c, net->nincidents - i, x + 10, y,
				       w - 10);
			break;
		}
		if (draw) {
			cv_new_path(c->cv);
			cv_arc(c->cv, x + 5, y + lh / 2, 1.8, 0, 2 * M_PI);
			set_rgb(c->cv, 0xcf3a2c);
			cv_fill(c->cv);
			text_draw(c, tmp.buf, x + 10, y, w - 10, th, &it);
		}
		y += th;
	}
	sbuf_release(&tmp);
	return y - y0;
}

static double
draw_network(struct rctx *c, const struct report_network *net, double x,
	     double y, double w, double h)
{
	struct canvas *cv = c->cv;
	struct tstyle meta = { .size = 7.5, .color = C_MUTED, .lines = 1,
			       .raw = true };
	struct tstyle count = { .size = 8, .bold = true, .color = C_NAVY,
				.lines = 1, .raw = true,
				.align = PANGO_ALIGN_RIGHT };
	struct tstyle evn = { .size = NET_SIZE, .color = C_MUTED, .lines = 1,
			      .raw = true, .align = PANGO_ALIGN_RIGHT };
	struct tstyle msg = { .size = 8, .color = C_INK, .lines = 3 };
	struct net_item items[NET_MAX];
	double ymax = y + h, lh = text_line_height(c, NET_SIZE), inc, ph;
	char b[24];
	size_t i, j, n = 0, left;
	bool ja = c->lang == OSK_LANG_JA;
	struct sbuf dev = SBUF_INIT;

	y += section_heading(c, T(c, RT_SEC_NET), x, y, w);
	if (!net->has_data) {
		return y + text_draw(c, T(c, RT_NET_NODATA), x + 4, y, w - 8,
				     ymax - y, &msg);
	}
	if (net->from && net->to) {
		struct sbuf tmp = SBUF_INIT;

		if (sbuf_adds(&tmp, TF(c, RT_NET_PERIOD, "from", net->from,
				       "to", net->to, NULL)) < 0 ||
		    sbuf_adds(&tmp, ja ? "　" : "   ") < 0 ||
		    sbuf_adds(&tmp, TF(c, RT_NET_TOTAL, "n",
				       num0(b, net->total), NULL)) < 0)
			c->status = -OSK_ENOMEM;
		text_draw(c, tmp.buf, x, y, w, 11, &meta);
		sbuf_release(&tmp);
		y += 14;
	}
	if (net->total == 0)
		y += text_draw(c, T(c, RT_NET_QUIET), x + 4, y, w - 8, 24,
			       &msg) + 4;

	/* incidents come first for room: they say what to do now */
	inc = fmin(incidents_draw(c, net, x, 0, w, 1e9, false),
		   (ymax - y) * 0.45);
	for (i = 0; i < net->nphases; i++)
		for (j = 0; j < net->phases[i].nevents && n < NET_MAX; j++) {
			const struct report_net_event *e =
				&net->phases[i].events[j];

			if (e->count <= 0)
				continue;
			items[n].e = e;
			items[n].phase = i;
			items[n].h = event_height(c, e, w);
			items[n].shown = false;
			n++;
		}
	left = net->total ? net_pick(c, net, items, n, w,
				     ymax - y - inc - (inc ? 4 : 0)) : 0;

	for (i = 0, j = (size_t)-1; i < n; i++) {
		const struct report_net_event *e = items[i].e;

		if (!items[i].shown)
			continue;
		if (items[i].phase != j) {
			const struct report_net_phase *p =
				&net->phases[items[i].phase];

			j = items[i].phase;
			ph = phase_height(c, p, w);
			cv_rectangle(cv, x, y, w, ph - 1);
			set_rgb(cv, C_TINT);
			cv_fill(cv);
			text_draw(c, p->name, x + 4, y + 1, w - 60, ph - 2,
				  &net_phase);
			text_draw(c, TF(c, RT_NET_COUNT, "n",
					num0(b, p->total), NULL),
				  x + w - 56, y + 1, 52, 11, &count);
			y += ph + 1;
		}
		cv_new_path(cv);
		cv_arc(cv, x + 5, y + lh / 2, 1.6, 0, 2 * M_PI);
		set_rgb(cv, e->severity >= 2 ? 0xcf3a2c :
			e->severity == 1 ? 0xd98200 : C_FAINT);
		cv_fill(cv);
		text_draw(c, TF(c, RT_NET_COUNT, "n", num0(b, e->count),
				NULL), x + w - 40, y, 36, lh, &evn);
		y += text_draw(c, e->title, x + 10, y, w - 50, 2 * lh,
			       &net_event);
		if (e->ndevices)
			y += text_draw(c, devices_text(c, e, w - 14, &dev),
				       x + 10, y, w - 14,
				       text_line_height(c, 6.8), &net_dev);
		y += 2.5;
	}
	if (left)
		y += more_line(c, left, x + 10, y, w - 10) + 2;
	if (inc > 0)
		y += 2 + incidents_draw(c, net, x, y + 2, w, ymax - y - 2,
					true);
	sbuf_release(&dev);
	return y;
}

/* ---- to check next time, service desk ---- */

static const struct tstyle next_item = {
	.size = 7.5, .min = 6.5, .color = C_INK, .lines = 2
};
static const struct tstyle next_intro = {
	.size = 7, .min = 6, .color = C_MUTED, .lines = 2
};

static double
next_item_height(struct rctx *c, const char *text, double w)
{
	return fmin(text_height(c, text, w - 12, &next_item),
		    2 * text_line_height(c, 7.5)) + 1.5;
}

static double
next_height(struct rctx *c, const struct report_page *p, double w)
{
	double h = 23 + 14;
	size_t i;

	if (!p->nunknown)
		return h;
	h += fmin(text_height(c, T(c, RT_NEXT_INTRO), w, &next_intro),
		  2 * text_line_height(c, 7)) + 2;
	for (i = 0; i < p->nunknown; i++)
		h += next_item_height(c, p->unknown[i], w);
	return h;
}

static double
draw_next(struct rctx *c, const struct report_page *p, double x, double y,
	  double w, double h)
{
	double ymax = y + h, ih;
	size_t i;

	y += section_heading(c, T(c, RT_SEC_NEXT), x, y, w);
	if (!p->nunknown) {
		return y + text_draw(c, T(c, RT_NEXT_NONE), x + 4, y, w - 8,
				     ymax - y, &next_item);
	}
	y += text_draw(c, T(c, RT_NEXT_INTRO), x, y, w,
		       2 * text_line_height(c, 7), &next_intro) + 2;
	for (i = 0; i < p->nunknown; i++) {
		ih = next_item_height(c, p->unknown[i], w);
		if (y + ih > ymax ||
		    (i + 1 < p->nunknown && y + ih + 11 > ymax)) {
			y += more_line(c, p->nunknown - i, x + 12, y, w - 12);
			break;
		}
		cv_rectangle(c->cv, x + 2.5, y + 2.5, 5, 5);
		set_rgb(c->cv, C_MUTED);
		cv_set_line_width(c->cv, 0.6);
		cv_stroke(c->cv);
		text_draw(c, p->unknown[i], x + 12, y, w - 12, ih, &next_item);
		y += ih;
	}
	return y;
}

/* "How to read this page", where a page has room to spare. */
static double
guide_height(struct rctx *c, double w)
{
	struct tstyle st = { .size = 7.5, .spacing = 1 };
	double h = 26 + 8;	/* heading, bottom padding */
	int k;

	for (k = 0; k < 3; k++)
		h += text_height(c, T(c, (enum rt_key)(RT_GUIDE_1 + k)),
				 w - 36, &st) + 3;
	return h;
}

static void
draw_guide(struct rctx *c, double x, double y, double w, double h)
{
	struct canvas *cv = c->cv;
	struct tstyle cap = { .size = 8.5, .bold = true, .color = C_NAVY,
			      .lines = 1 };
	struct tstyle st = { .size = 7.5, .min = 6.5, .color = C_INK,
			     .spacing = 1, .lines = 3 };
	double ymax = y + h - 8, th;
	int k;

	rounded_rect(cv, x, y, w, h, 5);
	set_rgb(cv, C_TINT);
	cv_fill(cv);
	text_draw(c, T(c, RT_GUIDE_TITLE), x + 12, y + 8, w - 24, 14, &cap);
	y += 26;
	for (k = 0; k < 3 && y < ymax; k++) {
		const char *s = T(c, (enum rt_key)(RT_GUIDE_1 + k));

		cv_new_path(cv);
		cv_arc(cv, x + 20, y + 5, 1.8, 0, 2 * M_PI);
		set_rgb(cv, C_ACCENT);
		cv_fill(cv);
		th = text_draw(c, s, x + 28, y, w - 36, ymax - y, &st);
		y += th + 3;
	}
}

static void
draw_desk(struct rctx *c, const struct report_desk *d, double x, double y,
	  double w, double h)
{
	struct canvas *cv = c->cv;
	struct tstyle cap = { .size = 9, .bold = true, .color = C_WHITE,
			      .lines = 2, .middle = true,
			      .align = PANGO_ALIGN_CENTER };
	struct tstyle name = { .size = 8.5, .min = 7, .bold = true,
			       .color = C_INK, .lines = 1, .raw = true };
	struct tstyle line = { .size = 7.5, .min = 6, .color = C_MUTED,
			       .lines = 1, .raw = true };
	struct tstyle phone = { .size = 13, .min = 9, .bold = true,
				.color = C_NAVY, .lines = 1, .raw = true,
				.align = PANGO_ALIGN_RIGHT, .middle = true };
	struct tstyle key = { .size = 7, .color = C_MUTED, .lines = 1,
			      .middle = true, .align = PANGO_ALIGN_RIGHT };
	struct tstyle unset = { .size = 8, .color = C_MUTED, .lines = 2,
				.middle = true };
	const char *keys[3] = { T(c, RT_DESK_HOURS), T(c, RT_DESK_EMAIL),
				T(c, RT_DESK_URL) };
	const char *vals[3] = { d->hours, d->email, d->url };
	struct sbuf info = SBUF_INIT;
	double tab = 78, pw = 0, tx, tw;
	int i, r = 0;

	rounded_rect(cv, x, y, w, h, 5);
	set_rgb(cv, C_WHITE);
	cv_fill_preserve(cv);
	set_rgb(cv, C_NAVY);
	cv_set_line_width(cv, 0.9);
	cv_stroke(cv);
	cv_save(cv);
	rounded_rect(cv, x, y, w, h, 5);
	cv_clip(cv);
	cv_rectangle(cv, x, y, tab, h);
	set_rgb(cv, C_NAVY);
	cv_fill(cv);
	cv_restore(cv);
	text_draw(c, T(c, RT_SEC_DESK), x + 4, y, tab - 8, h, &cap);
	tx = x + tab + 10;
	tw = w - tab - 20;
	if (!d->name && !d->phone && !d->email && !d->url) {
		text_draw(c, T(c, RT_DESK_UNSET), tx, y, tw, h, &unset);
		return;
	}
	if (d->phone) {
		double kw;

		pw = fmin(text_width(c, d->phone, &phone), tw * 0.45);
		text_draw(c, d->phone, x + w - 10 - pw, y, pw, h, &phone);
		kw = text_width(c, T(c, RT_DESK_PHONE), &key);
		text_draw(c, T(c, RT_DESK_PHONE), x + w - 10 - pw - kw - 5, y,
			  kw + 1, h, &key);
		tw -= pw + kw + 14;
	}
	for (i = 0; i < 3 && r == 0; i++) {
		if (!vals[i])
			continue;
		if (info.len)
			r = sbuf_adds(&info, "　");
		if (r == 0)
			r = sbuf_addf(&info, "%s %s", keys[i], vals[i]);
	}
	if (r < 0)
		c->status = r;
	if (d->name && info.len) {
		text_draw(c, d->name, tx, y + h / 2 - 11, tw, 12, &name);
		text_draw(c, info.buf, tx, y + h / 2 + 1, tw, 11, &line);
	} else {
		name.middle = true;
		text_draw(c, d->name ? d->name : info.buf, tx, y, tw, h,
			  &name);
	}
	sbuf_release(&info);
}

static void
draw_footer(struct rctx *c, const struct report_sheet *s, size_t i)
{
	struct tstyle note = { .size = 6.5, .min = 5.5, .color = C_FAINT,
			       .lines = 1 };
	struct tstyle page = { .size = 7, .color = C_FAINT, .lines = 1,
			       .raw = true, .align = PANGO_ALIGN_RIGHT };
	char a[24], b[24];

	cv_rectangle(c->cv, ML, FOOT_Y, CW, 0.5);
	set_rgb(c->cv, C_RULE);
	cv_fill(c->cv);
	text_draw(c, T(c, RT_FOOTER), ML, FOOT_Y + 5, CW - 60, 10, &note);
	text_draw(c, TF(c, RT_PAGE, "page", num0(a, (long)i + 1), "pages",
			num0(b, (long)s->npages), NULL),
		  ML + CW - 60, FOOT_Y + 5, 60, 10, &page);
}

/* ---- the page ---- */

#define DESK_H 34.0
#define SUMMARY_H 158.0

void
sheet_page_draw(struct rctx *c, const struct report_sheet *s, size_t i)
{
	const struct report_page *p = &s->pages[i];
	struct tstyle info = { .size = 7.5, .color = C_MUTED, .lines = 1,
			       .raw = true };
	double y, bottom, colw, lx, lw, rx, rw, sah, lend, rend, gh;

	draw_header(c, s, p);
	y = BAND_H + 3 + 6;
	if (s->company_info && *s->company_info)
		text_draw(c, s->company_info, ML, y, CW, 11, &info);
	y += 14;

	draw_summary(c, p, y, SUMMARY_H);
	draw_radar(c, p, ML + 258, y, CW - 258, SUMMARY_H);
	y += SUMMARY_H + GAP;

	if (p->nbands)
		draw_key(c, p, y + 1);
	y += section_heading(c, T(c, RT_SEC_AREAS), ML, y, CW);
	y += draw_table(c, p, y) + GAP;

	draw_first(c, p, y);
	y += first_height(c, p) + 4;

	/*
	 * The rest, above the service desk: SECURITY ACTION and "to check
	 * next time" on the left, the network check on the right; either
	 * column takes the full width when the other is empty.
	 */
	bottom = FOOT_Y - 8 - DESK_H - GAP;
	colw = (CW - 16) / 2;
	lx = ML;
	lw = p->network ? colw : CW;
	rx = ML + colw + 16;
	rw = CW - colw - 16;
	if (p->sa) {
		/* SA as needed, but "next time" keeps room for two items */
		sah = sa_height(c, p->sa, lw);
		sah = fmin(sah, bottom - y - fmin(next_height(c, p, lw),
						   23 + 14 + 44));
		draw_sa(c, p->sa, lx, y, lw, sah);
		lend = draw_next(c, p, lx, y + sah + 4, lw,
				 bottom - y - sah - 4);
	} else {
		lend = draw_next(c, p, lx, y, lw, bottom - y);
	}
	rend = p->network ? draw_network(c, p->network, rx, y, rw,
					 bottom - y) : lend;
	/* room to spare under both columns: how to read this page */
	gh = guide_height(c, CW);
	if (bottom - fmax(lend, rend) - GAP >= gh)
		draw_guide(c, ML, bottom - gh, CW, gh);
	draw_desk(c, &s->desk, ML, FOOT_Y - 8 - DESK_H, CW, DESK_H);
	draw_footer(c, s, i);
}
