/* SPDX-License-Identifier: MIT */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "report/internal.h"

/*
 * The parts of the programme reports (survey, region): the same header
 * band, headings, colours and footer as the health-check sheet, key
 * figure tiles, note boxes and tables.
 */

#define BAND_TALL 62.0
#define BAND_SLIM 40.0
#define FOOT_Y (PAGE_H - 24.0)

double
doc_header(struct rctx *c, const struct doc_head *h, bool title_page)
{
	struct canvas *cv = c->cv;
	double bh = title_page ? BAND_TALL : BAND_SLIM;
	double lw = 270, rx = DOC_ML + lw + 12, rw = DOC_CW - lw - 12;
	struct tstyle title = { .size = title_page ? 19 : 13.5, .min = 10,
				.bold = true, .color = C_WHITE, .lines = 1 };
	struct tstyle sub = { .size = title_page ? 8 : 7, .color = 0xb8c7e0,
			      .lines = 1, .raw = true };
	struct tstyle name = { .size = title_page ? 12.5 : 9.5, .min = 7,
			       .bold = true, .color = C_WHITE, .lines = 1,
			       .raw = true, .align = PANGO_ALIGN_RIGHT };
	struct tstyle meta = { .size = title_page ? 8 : 7, .min = 6,
			       .color = 0xdfe7f3, .lines = 1, .raw = true,
			       .align = PANGO_ALIGN_RIGHT };

	band_draw(cv, bh);
	if (title_page) {
		text_draw(c, h->title, DOC_ML, 13, lw, 26, &title);
		text_draw(c, h->subtitle, DOC_ML, 39, lw, 12, &sub);
		text_draw(c, h->name, rx, 11, rw, 18, &name);
		text_draw(c, h->meta1, rx, 31, rw, 11, &meta);
		text_draw(c, h->meta2, rx, 43, rw, 11, &meta);
	} else {
		text_draw(c, h->title, DOC_ML, 8, lw, 19, &title);
		text_draw(c, h->subtitle, DOC_ML, 26, lw, 10, &sub);
		text_draw(c, h->name, rx, 8, rw, 14, &name);
		text_draw(c, h->meta1, rx, 24, rw, 10, &meta);
	}
	return bh + 3;
}

void
doc_footer(struct rctx *c, const char *note, size_t page, size_t pages)
{
	struct tstyle st = { .size = 6.5, .min = 5.5, .color = C_FAINT,
			     .lines = 1 };
	struct tstyle num = { .size = 7, .color = C_FAINT, .lines = 1,
			      .raw = true, .align = PANGO_ALIGN_RIGHT };
	char a[24], b[24];

	cv_rectangle(c->cv, DOC_ML, FOOT_Y, DOC_CW, 0.5);
	set_rgb(c->cv, C_RULE);
	cv_fill(c->cv);
	text_draw(c, note, DOC_ML, FOOT_Y + 5, DOC_CW - 60, 10, &st);
	snprintf(a, sizeof(a), "%zu", page + 1);
	snprintf(b, sizeof(b), "%zu", pages);
	text_draw(c, TF(c, RT_PAGE, "page", a, "pages", b, NULL),
		  DOC_ML + DOC_CW - 60, FOOT_Y + 5, 60, 10, &num);
}

void
doc_tile(struct rctx *c, double x, double y, double w, double h,
	 const char *caption, const char *value, const char *note,
	 uint32_t color)
{
	struct tstyle cap = { .size = 7.5, .min = 6, .bold = true,
			      .color = C_MUTED, .lines = 1 };
	struct tstyle big = { .size = 20, .min = 11, .bold = true,
			      .color = color ? color : C_NAVY, .lines = 1,
			      .raw = true };
	struct tstyle small = { .size = 7, .min = 6, .color = C_MUTED,
				.lines = 1 };

	rounded_rect(c->cv, x, y, w, h, 5);
	set_rgb(c->cv, C_TINT);
	cv_fill(c->cv);
	cv_rectangle(c->cv, x, y + 8, 2.5, h - 16);
	set_rgb(c->cv, color ? color : C_ACCENT);
	cv_fill(c->cv);
	text_draw(c, caption, x + 10, y + 7, w - 16, 12, &cap);
	text_draw(c, value, x + 10, y + 19, w - 16, 28, &big);
	if (note)
		text_draw(c, note, x + 10, y + h - 15, w - 16, 11, &small);
}

#define BOX_PAD 9.0
#define BULLET_W 9.0

static const struct tstyle box_title = {
	.size = 8.5, .bold = true, .color = C_NAVY, .lines = 1
};
static const struct tstyle box_line = {
	.size = 7.8, .min = 6.5, .color = C_INK, .spacing = 1
};

double
doc_note_box(struct rctx *c, const char *title, const char *const *lines,
	     size_t n, double x, double y, double w, bool draw)
{
	double h = BOX_PAD + (title ? 16 : 0), ty, lh;
	size_t i;

	for (i = 0; i < n; i++)
		h += text_height(c, lines[i], w - 2 * BOX_PAD - BULLET_W,
				 &box_line) + 3;
	h += BOX_PAD - 3;
	if (!draw)
		return h;
	rounded_rect(c->cv, x, y, w, h, 5);
	set_rgb(c->cv, 0xf6f8fb);
	cv_fill_preserve(c->cv);
	set_rgb(c->cv, C_RULE);
	cv_set_line_width(c->cv, 0.6);
	cv_stroke(c->cv);
	ty = y + BOX_PAD;
	if (title) {
		text_draw(c, title, x + BOX_PAD, ty, w - 2 * BOX_PAD, 14,
			  &box_title);
		ty += 16;
	}
	for (i = 0; i < n; i++) {
		cv_new_path(c->cv);
		cv_arc(c->cv, x + BOX_PAD + 2.5, ty + 5.2, 1.6, 0,
			  2 * M_PI);
		set_rgb(c->cv, C_ACCENT);
		cv_fill(c->cv);
		lh = text_draw(c, lines[i], x + BOX_PAD + BULLET_W, ty,
			       w - 2 * BOX_PAD - BULLET_W, y + h - ty,
			       &box_line);
		ty += lh + 3;
	}
	return h;
}

/* ---- tables ---- */

#define CELL_PAD 4.0

static struct tstyle
cell_style(const struct doc_col *col, double size, bool bold,
	   uint32_t color)
{
	struct tstyle st = { .size = size, .min = size * 0.85,
			     .color = color ? color : C_INK, .bold = bold,
			     .lines = 3, .middle = true, .raw = col->raw,
			     .align = col->align };

	return st;
}

/* Four lines: a long industry name in three, and its "n=" below. */
static const struct tstyle head_style = {
	.size = 7, .bold = true, .color = C_WHITE, .lines = 4, .middle = true
};

double
doc_table_head_height(struct rctx *c, const struct doc_col *cols, size_t n,
		      double size)
{
	struct tstyle st = head_style;
	double h = size * 2.3, line = text_line_height(c, size), t;
	size_t i;

	st.size = size;
	for (i = 0; i < n; i++) {
		st.raw = cols[i].raw;
		t = fmin(text_height(c, cols[i].head,
				     cols[i].w - 2 * CELL_PAD, &st),
			 4 * line) + 5;
		if (t > h)
			h = t;
	}
	return h;
}

double
doc_table_head(struct rctx *c, const struct doc_col *cols, size_t n,
	       double x, double y, double size)
{
	struct tstyle st = head_style;
	double h = doc_table_head_height(c, cols, n, size), cx = x, w = 0;
	size_t i;

	st.size = size;
	st.min = size * 0.8;
	for (i = 0; i < n; i++)
		w += cols[i].w;
	rounded_rect(c->cv, x, y, w, h, 2);
	set_rgb(c->cv, C_NAVY);
	cv_fill(c->cv);
	for (i = 0; i < n; i++) {
		st.align = cols[i].align;
		st.raw = cols[i].raw;
		text_draw(c, cols[i].head, cx + CELL_PAD, y,
			  cols[i].w - 2 * CELL_PAD, h, &st);
		cx += cols[i].w;
	}
	return h;
}

double
doc_table_row_height(struct rctx *c, const struct doc_col *cols, size_t n,
		     const char *const *cells, double size, double min,
		     bool bold)
{
	double h = min;
	size_t i;

	for (i = 0; i < n; i++) {
		struct tstyle st = cell_style(&cols[i], size, bold, 0);
		double t;

		if (!cells[i] || !*cells[i])
			continue;
		t = text_height(c, cells[i], cols[i].w - 2 * CELL_PAD, &st);
		t = fmin(t, 3 * text_line_height(c, size)) + 4;
		if (t > h)
			h = t;
	}
	return h;
}

double
doc_table_row(struct rctx *c, const struct doc_col *cols, size_t n,
	      const char *const *cells, double x, double y, double size,
	      const struct doc_row *r)
{
	struct doc_col first;
	double h;

	/* the first cell is measured as narrow as its indent makes it */
	first = cols[0];
	first.w -= r->indent;
	h = doc_table_row_height(c, cols, n, cells, size, r->min_h, r->bold);
	if (r->indent > 0)
		h = fmax(h, doc_table_row_height(c, &first, 1, cells, size,
						 r->min_h, r->bold));
	double cx = x, w = 0;
	size_t i;

	for (i = 0; i < n; i++)
		w += cols[i].w;
	if (r->stripe) {
		cv_rectangle(c->cv, x, y, w, h);
		set_rgb(c->cv, C_TINT);
		cv_fill(c->cv);
	}
	for (i = 0; i < n; i++) {
		struct tstyle st = cell_style(&cols[i], size, r->bold,
					      r->colors ? r->colors[i] : 0);

		if (r->fills && r->fills[i]) {
			cv_rectangle(c->cv, cx + 1, y + 1, cols[i].w - 2,
					h - 2);
			set_rgb(c->cv, r->fills[i]);
			cv_fill(c->cv);
		}
		if (cells[i] && *cells[i])
			text_draw(c, cells[i], cx + CELL_PAD + (i ? 0 :
								r->indent),
				  y, cols[i].w - 2 * CELL_PAD - (i ? 0 :
								 r->indent),
				  h, &st);
		cx += cols[i].w;
	}
	cv_rectangle(c->cv, x, y + h - 0.4, w, 0.4);
	set_rgb(c->cv, C_RULE);
	cv_fill(c->cv);
	return h;
}

/* ---- numbers as printed ---- */

const char *
doc_num(char buf[32], double v, int decimals)
{
	if (isnan(v) || v == REPORT_NONE)
		snprintf(buf, 32, "—");
	else if (decimals == 1)
		snprintf(buf, 32, "%.1f", osk_round1(v));
	else
		snprintf(buf, 32, "%.*f", decimals, v);
	return buf;
}

const char *
doc_count(char buf[32], long long v)
{
	char tmp[32];
	size_t n, i, o = 0;

	snprintf(tmp, sizeof(tmp), "%lld", v < 0 ? -v : v);
	n = strlen(tmp);
	if (v < 0)
		buf[o++] = '-';
	for (i = 0; i < n && o < 30; i++) {
		if (i && (n - i) % 3 == 0)
			buf[o++] = ',';
		buf[o++] = tmp[i];
	}
	buf[o] = '\0';
	return buf;
}

/* ---- dates ---- */

int
doc_made(const struct report_texts *tx, enum osk_lang lang,
	  long long created, char **out)
{
	struct sbuf day = SBUF_INIT, sb = SBUF_INIT;
	char y[16], m[16], d[16], mm[16], dd[16];
	time_t tt = created >= 0 ? (time_t)created : time(NULL);
	struct tm tm;
	int r;

	if (!gmtime_r(&tt, &tm))
		memset(&tm, 0, sizeof(tm));
	snprintf(y, sizeof(y), "%d", tm.tm_year + 1900);
	snprintf(m, sizeof(m), "%d", tm.tm_mon + 1);
	snprintf(d, sizeof(d), "%d", tm.tm_mday);
	snprintf(mm, sizeof(mm), "%02d", tm.tm_mon + 1);
	snprintf(dd, sizeof(dd), "%02d", tm.tm_mday);
	r = texts_format(&day, texts_get(tx, RT_DAY, lang), "y", y, "m", m,
			 "d", d, "mm", mm, "dd", dd, (const char *)NULL);
	if (!r)
		r = texts_format(&sb, texts_get(tx, RT_PG_MADE, lang), "date",
				 day.buf, (const char *)NULL);
	sbuf_release(&day);
	if (r < 0) {
		sbuf_release(&sb);
		return r;
	}
	*out = sbuf_detach(&sb, NULL);
	return 0;
}
