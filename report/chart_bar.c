/* SPDX-License-Identifier: MIT */
#include <math.h>
#include <stdio.h>

#include "report/internal.h"

/* Bars: the score bar of the category table, and grouped bar charts. */

void
chart_scorebar_draw(struct canvas *cv, double x, double y, double w, double h,
		    double value, double marker, double max, uint32_t color)
{
	double v;

	if (max <= 0)
		max = 100;
	rounded_rect(cv, x, y, w, h, h / 2);
	set_rgb(cv, 0xe4e8ee);
	cv_fill(cv);
	if (value != REPORT_NONE && value > 0) {
		v = value > max ? max : value;
		rounded_rect(cv, x, y, fmax(w * v / max, h), h, h / 2);
		set_rgb(cv, color);
		cv_fill(cv);
	}
	if (marker != REPORT_NONE && marker >= 0) {
		v = marker > max ? max : marker;
		cv_rectangle(cv, x + w * v / max - 0.9, y - 2.2, 1.8,
				h + 4.4);
		set_rgb(cv, C_CMP);
		cv_fill(cv);
	}
}

static void
swatch(struct canvas *cv, const struct chart_series *s, double x, double sy)
{
	double d[2];

	if (s->fill > 0) {
		cv_rectangle(cv, x, sy - 4, 14, 8);
		set_rgba(cv, s->color, s->fill);
		cv_fill(cv);
	}
	cv_move_to(cv, x, sy);
	cv_line_to(cv, x + 14, sy);
	set_rgb(cv, s->color);
	cv_set_line_width(cv, s->width > 0 ? s->width : 1);
	if (s->dash == 1) {
		d[0] = 3;
		d[1] = 1.6;
		cv_set_dash(cv, d, 2, 0);
	} else if (s->dash == 2) {
		d[0] = 0.01;
		d[1] = 2.2;
		cv_set_line_cap(cv, CAIRO_LINE_CAP_ROUND);
		cv_set_dash(cv, d, 2, 0);
	}
	cv_stroke(cv);
	cv_set_dash(cv, NULL, 0, 0);
	cv_set_line_cap(cv, CAIRO_LINE_CAP_BUTT);
}

#define SWATCH_W 18.0		/* swatch and the gap after it */
#define ITEM_GAP 12.0		/* between items */

double
chart_legend(struct rctx *c, const struct chart_series *s, size_t n,
	     double x, double y, double w, double size, bool draw)
{
	struct tstyle st = { .size = size, .color = C_MUTED, .lines = 1 };
	double rowh = text_line_height(c, size) + 3, y0 = y;
	size_t i = 0, j, end;

	while (i < n) {
		double rw = 0, iw, tx;

		/* items [i, end) fill this row; one item always fits */
		for (end = i; end < n; end++) {
			iw = SWATCH_W + text_width(c, s[end].name, &st);
			if (end > i && rw + ITEM_GAP + iw > w)
				break;
			rw += (end > i ? ITEM_GAP : 0) + iw;
		}
		tx = x + fmax(0, (w - rw) / 2);
		for (j = i; draw && j < end; j++) {
			iw = fmin(text_width(c, s[j].name, &st),
				  x + w - tx - SWATCH_W);
			swatch(c->cv, &s[j], tx, y + rowh / 2 - 1);
			text_draw(c, s[j].name, tx + SWATCH_W, y, iw + 0.5,
				  rowh, &st);
			tx += SWATCH_W + iw + ITEM_GAP;
		}
		i = end;
		y += rowh;
	}
	return y - y0;
}

static void
grid_draw(struct rctx *c, const struct chart_bars *ch, double max, double bx,
	  double bw, double y, double h, double size)
{
	struct tstyle tick = { .size = size * 0.8, .color = C_FAINT,
			       .raw = true, .lines = 1,
			       .align = PANGO_ALIGN_CENTER };
	double v, gx;
	char buf[32];

	cv_set_line_width(c->cv, 0.4);
	for (v = ch->grid; v <= max + 1e-9; v += ch->grid) {
		gx = bx + bw * v / max;
		cv_move_to(c->cv, gx, y);
		cv_line_to(c->cv, gx, y + h);
		set_rgb(c->cv, 0xe6eaf0);
		cv_stroke(c->cv);
	}
	for (v = 0; v <= max + 1e-9; v += ch->grid) {
		gx = bx + bw * v / max;
		snprintf(buf, sizeof(buf), "%g", v);
		text_draw(c, buf, gx - 15, y + h + 1, 30, size, &tick);
	}
}

void
chart_bars_draw(struct rctx *c, const struct chart_bars *ch, double x,
		double y, double w, double h)
{
	struct canvas *cv = c->cv;
	double size = ch->size > 0 ? ch->size : 8;
	struct tstyle label = { .size = size, .min = size * 0.8,
				.color = C_INK, .lines = 2, .middle = true,
				.align = PANGO_ALIGN_RIGHT };
	struct tstyle num = { .size = size * 0.9, .color = C_MUTED,
			      .raw = true, .middle = true };
	double lw = ch->label_w > 0 ? ch->label_w : w * 0.35;
	double vw = ch->value_w > 0 ? ch->value_w : size * 4;
	double max = ch->max, rowh, barh, bx, bw, gap;
	char buf[32];
	size_t i, k;

	if (ch->label_lines > 0)
		label.lines = ch->label_lines;
	if (ch->label_left)
		label.align = PANGO_ALIGN_LEFT;
	label.raw = ch->label_raw;

	if (!ch->n || !ch->nseries || h <= 0)
		return;
	if (max <= 0)
		for (k = 0; k < ch->nseries; k++)
			for (i = 0; i < ch->n; i++)
				if (ch->series[k].v[i] > max)
					max = ch->series[k].v[i];
	if (max <= 0)
		max = 1;
	if (ch->grid > 0)
		h -= size;	/* the tick labels */
	rowh = h / (double)ch->n;
	gap = rowh * 0.25;
	barh = (rowh - gap) / (double)ch->nseries;
	bx = x + lw + 6;
	bw = w - lw - 6 - vw;	/* room for the value label */
	if (bw < 10)
		return;
	if (ch->grid > 0)
		grid_draw(c, ch, max, bx, bw, y, h, size);
	cv_set_line_width(cv, 0.5);
	cv_move_to(cv, bx, y);
	cv_line_to(cv, bx, y + h);
	set_rgb(cv, C_RULE);
	cv_stroke(cv);
	for (i = 0; i < ch->n; i++) {
		double ry = y + rowh * (double)i;

		text_draw(c, ch->labels[i], x, ry, lw, rowh, &label);
		for (k = 0; k < ch->nseries; k++) {
			double v = ch->series[k].v[i], by, bar;
			const char *val = ch->values ?
				ch->values[i * ch->nseries + k] : NULL;

			by = ry + gap / 2 + barh * (double)k;
			if (ch->track) {
				cv_rectangle(cv, bx, by + barh * 0.1, bw,
						barh * 0.8);
				set_rgb(cv, C_TINT);
				cv_fill(cv);
			}
			if (v == REPORT_NONE)
				continue;
			bar = bw * fmax(0, fmin(v, max)) / max;
			cv_rectangle(cv, bx, by + barh * 0.1, bar,
					barh * 0.8);
			set_rgb(cv, k == 0 && ch->colors ? ch->colors[i] :
				ch->series[k].color);
			cv_fill(cv);
			if (!val) {
				snprintf(buf, sizeof(buf), "%.*f%s",
					 ch->decimals, v,
					 ch->unit ? ch->unit : "");
				val = buf;
			}
			text_draw(c, val, bx + bar + 3, by, vw, barh, &num);
		}
	}
}
