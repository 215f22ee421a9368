/* SPDX-License-Identifier: MIT */
#include <math.h>
#include <stdio.h>

#include "report/internal.h"

/* Scatter chart of the programme report: PCs against warnings. */

double
chart_nice_step(double max, int ticks, double *top)
{
	double raw, mag, f, step;

	if (!(max > 0))
		max = 1;
	if (ticks < 1)
		ticks = 1;
	raw = max / ticks;
	mag = pow(10, floor(log10(raw)));
	f = raw / mag;
	step = (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
	if (step < 1 && max >= 1)
		step = 1;
	*top = ceil(max / step - 1e-9) * step;
	if (*top <= 0)
		*top = step;
	return step;
}

/* A tick value as printed: whole numbers plainly, else one decimal. */
static const char *
tick_text(char buf[32], double v)
{
	if (fabs(v - round(v)) < 1e-9)
		doc_count(buf, (long long)round(v));
	else
		snprintf(buf, 32, "%.1f", v);
	return buf;
}

void
chart_scatter_draw(struct rctx *c, const struct chart_scatter *ch, double x,
		   double y, double w, double h)
{
	struct canvas *cv = c->cv;
	double size = ch->size > 0 ? ch->size : 7.5;
	struct tstyle tick = { .size = size * 0.9, .color = C_MUTED,
			       .raw = true, .lines = 1 };
	struct tstyle axis = { .size = size, .bold = true, .color = C_MUTED,
			       .lines = 1, .align = PANGO_ALIGN_CENTER };
	double xmax = 0, ymax = 0, xtop, ytop, xstep, ystep, v;
	double left = size * 6, bottom = size * 3.6, px, py, pw, ph;
	char buf[32];
	size_t i;

	for (i = 0; i < ch->n; i++) {
		if (isnan(ch->x[i]) || isnan(ch->y[i]))
			continue;
		xmax = fmax(xmax, ch->x[i]);
		ymax = fmax(ymax, ch->y[i]);
	}
	xstep = chart_nice_step(xmax, 6, &xtop);
	ystep = chart_nice_step(ymax, 5, &ytop);
	px = x + left;
	py = y + size;
	pw = w - left - size;
	ph = h - bottom - size;
	if (pw < 20 || ph < 20)
		return;

	/* grid and ticks */
	cv_set_line_width(cv, 0.4);
	tick.align = PANGO_ALIGN_RIGHT;
	for (v = 0; v <= ytop + 1e-9; v += ystep) {
		double gy = py + ph - ph * v / ytop;

		cv_move_to(cv, px, gy);
		cv_line_to(cv, px + pw, gy);
		set_rgb(cv, v == 0 ? C_FAINT : 0xe6eaf0);
		cv_stroke(cv);
		text_draw(c, tick_text(buf, v), x, gy - size * 0.7,
			  left - 4, size * 1.4, &tick);
	}
	tick.align = PANGO_ALIGN_CENTER;
	for (v = 0; v <= xtop + 1e-9; v += xstep) {
		double gx = px + pw * v / xtop;

		cv_move_to(cv, gx, py);
		cv_line_to(cv, gx, py + ph);
		set_rgb(cv, v == 0 ? C_FAINT : 0xe6eaf0);
		cv_stroke(cv);
		text_draw(c, tick_text(buf, v), gx - 20, py + ph + 2, 40,
			  size * 1.4, &tick);
	}
	if (ch->xlabel)
		text_draw(c, ch->xlabel, px, py + ph + size * 2, pw,
			  size * 1.5, &axis);
	if (ch->ylabel) {
		cv_save(cv);
		cv_translate(cv, x, py + ph);
		cv_rotate(cv, -M_PI / 2);
		text_draw(c, ch->ylabel, 0, 0, ph, size * 1.5, &axis);
		cv_restore(cv);
	}

	/* the points, translucent so that piles show */
	for (i = 0; i < ch->n; i++) {
		if (isnan(ch->x[i]) || isnan(ch->y[i]))
			continue;
		cv_new_path(cv);
		cv_arc(cv, px + pw * ch->x[i] / xtop,
			  py + ph - ph * ch->y[i] / ytop, 2.6, 0, 2 * M_PI);
		set_rgba(cv, ch->color, 0.55);
		cv_fill_preserve(cv);
		set_rgb(cv, ch->color);
		cv_set_line_width(cv, 0.6);
		cv_stroke(cv);
	}
}
