/* SPDX-License-Identifier: MIT */
#include <math.h>
#include <stdio.h>

#include "report/internal.h"

/*
 * A radar (spider) chart: one axis per category, clockwise from the top;
 * grid rings every `step`; each series a closed polygon. Axis labels are
 * set in boxes around the rim and shrink rather than leave the chart's
 * box.
 */

#define LABEL_W 78.0		/* width of an axis label box */
#define LABEL_GAP 6.0		/* between the rim and a label */

static void
axis_point(double cx, double cy, double radius, size_t i, size_t n,
	   double *x, double *y)
{
	double a = -M_PI / 2 + 2 * M_PI * (double)i / (double)n;

	*x = cx + radius * cos(a);
	*y = cy + radius * sin(a);
}

static void
polygon(struct canvas *cv, double cx, double cy, double radius, size_t n)
{
	double x, y;
	size_t i;

	for (i = 0; i < n; i++) {
		axis_point(cx, cy, radius, i, n, &x, &y);
		if (i == 0)
			cv_move_to(cv, x, y);
		else
			cv_line_to(cv, x, y);
	}
	cv_close_path(cv);
}

static void
set_dash(struct canvas *cv, int dash, double width)
{
	double d[2];

	if (dash == 1) {
		d[0] = 4 * width;
		d[1] = 2.2 * width;
		cv_set_dash(cv, d, 2, 0);
	} else if (dash == 2) {
		d[0] = 0.01;
		d[1] = 2.4 * width;
		cv_set_line_cap(cv, CAIRO_LINE_CAP_ROUND);
		cv_set_dash(cv, d, 2, 0);
	} else {
		cv_set_dash(cv, NULL, 0, 0);
	}
}

static double
clamp_value(double v, double max)
{
	if (v == REPORT_NONE || v < 0)
		return 0;
	return v > max ? max : v;
}

static void
draw_series(struct canvas *cv, const struct chart_series *s, double cx, double cy,
	    double radius, size_t n, double max)
{
	double x, y;
	size_t i;

	for (i = 0; i < n; i++) {
		axis_point(cx, cy, radius * clamp_value(s->v[i], max) / max,
			   i, n, &x, &y);
		if (i == 0)
			cv_move_to(cv, x, y);
		else
			cv_line_to(cv, x, y);
	}
	cv_close_path(cv);
	if (s->fill > 0) {
		set_rgba(cv, s->color, s->fill);
		cv_fill_preserve(cv);
	}
	set_rgb(cv, s->color);
	cv_set_line_width(cv, s->width > 0 ? s->width : 1);
	cv_set_line_join(cv, CAIRO_LINE_JOIN_ROUND);
	set_dash(cv, s->dash, s->width > 0 ? s->width : 1);
	cv_stroke(cv);
	cv_set_dash(cv, NULL, 0, 0);
	cv_set_line_cap(cv, CAIRO_LINE_CAP_BUTT);
	if (!s->dots)
		return;
	for (i = 0; i < n; i++) {
		if (s->v[i] == REPORT_NONE)
			continue;
		axis_point(cx, cy, radius * clamp_value(s->v[i], max) / max,
			   i, n, &x, &y);
		cv_new_sub_path(cv);
		cv_arc(cv, x, y, 2.1, 0, 2 * M_PI);
		set_rgb(cv, C_WHITE);
		cv_fill_preserve(cv);
		set_rgb(cv, s->color);
		cv_set_line_width(cv, 1.2);
		cv_stroke(cv);
	}
}

/* A label of at most two lines, measured once. */
struct label {
	const char *text;
	double w, h;		/* as set, at most LABEL_W wide */
};

/* Largest radius that keeps label l of axis i inside the box. */
static double
radius_for(const struct label *l, size_t i, size_t n, double x, double y,
	   double w, double h)
{
	double a = -M_PI / 2 + 2 * M_PI * (double)i / (double)n;
	double ca = cos(a), sa = sin(a), cx = x + w / 2, cy = y + h / 2;
	double r = fmin(w, h) / 2;

	if (ca > 0.25)
		r = fmin(r, (x + w - cx - l->w) / ca - LABEL_GAP);
	else if (ca < -0.25)
		r = fmin(r, (cx - x - l->w) / -ca - LABEL_GAP);
	else if (fabs(ca) > 0.01)
		r = fmin(r, (w / 2 - l->w / 2) / fabs(ca) - LABEL_GAP);
	if (sa > 0.4)
		r = fmin(r, (y + h - cy - l->h) / sa - LABEL_GAP);
	else if (sa < -0.4)
		r = fmin(r, (cy - y - l->h) / -sa - LABEL_GAP);
	else if (fabs(sa) > 0.01)
		r = fmin(r, (h / 2 - l->h / 2) / fabs(sa) - LABEL_GAP);
	return r;
}

/* The label of axis i beside the rim, aligned away from the centre. */
static void
draw_label(struct rctx *c, const struct label *l, double cx, double cy,
	   double radius, size_t i, size_t n, double size, double lw)
{
	struct tstyle st = { .size = size, .color = C_INK, .lines = 2 };
	double a = -M_PI / 2 + 2 * M_PI * (double)i / (double)n;
	double ca = cos(a), sa = sin(a), x, y;

	axis_point(cx, cy, radius + LABEL_GAP, i, n, &x, &y);
	if (ca > 0.25) {
		st.align = PANGO_ALIGN_LEFT;
	} else if (ca < -0.25) {
		st.align = PANGO_ALIGN_RIGHT;
		x -= lw;
	} else {
		st.align = PANGO_ALIGN_CENTER;
		x -= lw / 2;
	}
	if (sa > 0.4)
		;			/* below the centre: top at the rim */
	else if (sa < -0.4)
		y -= l->h;		/* above: bottom at the rim */
	else
		y -= l->h / 2;
	text_draw(c, l->text, x, y, lw, l->h + 0.5, &st);
}

void
chart_radar_draw(struct rctx *c, const struct chart_radar *ch, double x,
		 double y, double w, double h)
{
	struct canvas *cv = c->cv;
	double size = ch->label_size > 0 ? ch->label_size : 7.5;
	double max = ch->max > 0 ? ch->max : 100;
	double step = ch->step > 0 ? ch->step : max / 5;
	double lw = LABEL_W, cx = x + w / 2, cy = y + h / 2, radius, v;
	struct tstyle tick = { .size = 5.5, .color = C_FAINT, .raw = true };
	struct tstyle st = { .size = size };
	struct label labels[64];
	char buf[16];
	size_t i, n = ch->n < 64 ? ch->n : 64;

	if (n < 3)
		return;
	if (lw > w * 0.3)
		lw = w * 0.3;
	radius = fmin(w, h) / 2;
	for (i = 0; i < n; i++) {
		struct label *l = &labels[i];
		double two = 2 * text_line_height(c, size);

		l->text = ch->labels[i];
		l->w = fmin(text_width(c, l->text, &st), lw);
		l->h = fmin(text_height(c, l->text, lw, &st), two);
		radius = fmin(radius, radius_for(l, i, n, x, y, w, h));
	}
	if (radius < 10)
		return;

	/* grid: a tinted disc, rings, spokes */
	cv_save(cv);
	cv_new_path(cv);
	polygon(cv, cx, cy, radius, n);
	set_rgb(cv, 0xf7f9fb);
	cv_fill(cv);
	cv_set_line_width(cv, 0.5);
	for (v = step; v <= max + 1e-9; v += step) {
		polygon(cv, cx, cy, radius * v / max, n);
		set_rgb(cv, v >= max - 1e-9 ? 0xb9c2ce : C_RULE);
		cv_stroke(cv);
	}
	for (i = 0; i < n; i++) {
		double px, py;

		axis_point(cx, cy, radius, i, n, &px, &py);
		cv_move_to(cv, cx, cy);
		cv_line_to(cv, px, py);
	}
	set_rgb(cv, C_RULE);
	cv_stroke(cv);

	/* series, the first on top */
	for (i = ch->nseries; i-- > 0;)
		draw_series(cv, &ch->series[i], cx, cy, radius, n, max);

	/* ring values along the first spoke, on top of the series */
	for (v = step; v <= max + 1e-9; v += step * 2) {
		snprintf(buf, sizeof(buf), "%.0f", v);
		text_draw(c, buf, cx + 2, cy - radius * v / max - 3.5, 20, 8,
			  &tick);
	}
	cv_restore(cv);

	for (i = 0; i < n; i++)
		draw_label(c, &labels[i], cx, cy, radius, i, n, size, lw);
}
