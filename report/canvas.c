/* SPDX-License-Identifier: MIT */
#include <math.h>

#include <pango/pangocairo.h>

#include "report/canvas.h"
#include "report/pdf.h"

/* Each call goes to cairo or to the PDF writer, with cairo's meaning. */

void
cv_save(struct canvas *cv)
{
	if (cv->cr)
		cairo_save(cv->cr);
	else
		pdf_save(cv->pdf);
}

void
cv_restore(struct canvas *cv)
{
	if (cv->cr)
		cairo_restore(cv->cr);
	else
		pdf_restore(cv->pdf);
}

void
cv_translate(struct canvas *cv, double x, double y)
{
	double m[6] = { 1, 0, 0, 1, x, y };

	if (cv->cr)
		cairo_translate(cv->cr, x, y);
	else
		pdf_transform(cv->pdf, m);
}

void
cv_scale(struct canvas *cv, double sx, double sy)
{
	double m[6] = { sx, 0, 0, sy, 0, 0 };

	if (cv->cr)
		cairo_scale(cv->cr, sx, sy);
	else
		pdf_transform(cv->pdf, m);
}

void
cv_rotate(struct canvas *cv, double a)
{
	double m[6] = { cos(a), sin(a), -sin(a), cos(a), 0, 0 };

	if (cv->cr)
		cairo_rotate(cv->cr, a);
	else
		pdf_transform(cv->pdf, m);
}

void
cv_set_rgba(struct canvas *cv, double r, double g, double b, double a)
{
	if (cv->cr)
		cairo_set_source_rgba(cv->cr, r, g, b, a);
	else
		pdf_set_rgba(cv->pdf, r, g, b, a);
}

void
cv_set_line_width(struct canvas *cv, double w)
{
	if (cv->cr)
		cairo_set_line_width(cv->cr, w);
	else
		pdf_set_line_width(cv->pdf, w);
}

void
cv_set_line_cap(struct canvas *cv, cairo_line_cap_t cap)
{
	if (cv->cr)
		cairo_set_line_cap(cv->cr, cap);
	else
		pdf_set_line_cap(cv->pdf, cap);
}

void
cv_set_line_join(struct canvas *cv, cairo_line_join_t join)
{
	if (cv->cr)
		cairo_set_line_join(cv->cr, join);
	else
		pdf_set_line_join(cv->pdf, join);
}

void
cv_set_dash(struct canvas *cv, const double *dashes, int n, double offset)
{
	if (cv->cr)
		cairo_set_dash(cv->cr, dashes, n, offset);
	else
		pdf_set_dash(cv->pdf, dashes, n, offset);
}

void
cv_new_path(struct canvas *cv)
{
	if (cv->cr)
		cairo_new_path(cv->cr);
	else
		pdf_new_path(cv->pdf);
}

void
cv_new_sub_path(struct canvas *cv)
{
	if (cv->cr)
		cairo_new_sub_path(cv->cr);
	else
		pdf_new_sub_path(cv->pdf);
}

void
cv_move_to(struct canvas *cv, double x, double y)
{
	if (cv->cr)
		cairo_move_to(cv->cr, x, y);
	else
		pdf_move_to(cv->pdf, x, y);
}

void
cv_line_to(struct canvas *cv, double x, double y)
{
	if (cv->cr)
		cairo_line_to(cv->cr, x, y);
	else
		pdf_line_to(cv->pdf, x, y);
}

void
cv_curve_to(struct canvas *cv, double x1, double y1, double x2, double y2,
	    double x3, double y3)
{
	if (cv->cr)
		cairo_curve_to(cv->cr, x1, y1, x2, y2, x3, y3);
	else
		pdf_curve_to(cv->pdf, x1, y1, x2, y2, x3, y3);
}

void
cv_arc(struct canvas *cv, double xc, double yc, double r, double a1,
       double a2)
{
	if (cv->cr)
		cairo_arc(cv->cr, xc, yc, r, a1, a2);
	else
		pdf_arc(cv->pdf, xc, yc, r, a1, a2);
}

void
cv_rectangle(struct canvas *cv, double x, double y, double w, double h)
{
	if (cv->cr) {
		cairo_rectangle(cv->cr, x, y, w, h);
		return;
	}
	pdf_move_to(cv->pdf, x, y);
	pdf_line_to(cv->pdf, x + w, y);
	pdf_line_to(cv->pdf, x + w, y + h);
	pdf_line_to(cv->pdf, x, y + h);
	pdf_close_path(cv->pdf);
}

void
cv_close_path(struct canvas *cv)
{
	if (cv->cr)
		cairo_close_path(cv->cr);
	else
		pdf_close_path(cv->pdf);
}

void
cv_fill(struct canvas *cv)
{
	if (cv->cr)
		cairo_fill(cv->cr);
	else
		pdf_fill(cv->pdf, 0);
}

void
cv_fill_preserve(struct canvas *cv)
{
	if (cv->cr)
		cairo_fill_preserve(cv->cr);
	else
		pdf_fill(cv->pdf, 1);
}

void
cv_stroke(struct canvas *cv)
{
	if (cv->cr)
		cairo_stroke(cv->cr);
	else
		pdf_stroke(cv->pdf);
}

void
cv_clip(struct canvas *cv)
{
	if (cv->cr)
		cairo_clip(cv->cr);
	else
		pdf_clip(cv->pdf);
}

void
cv_paint(struct canvas *cv)
{
	if (cv->cr)
		cairo_paint(cv->cr);
	else
		pdf_paint(cv->pdf);
}

void
cv_show_layout(struct canvas *cv, PangoLayout *l, double x, double y)
{
	if (cv->cr) {
		cairo_move_to(cv->cr, x, y);
		pango_cairo_show_layout(cv->cr, l);
		cairo_new_path(cv->cr);
	} else {
		pdf_show_layout(cv->pdf, l, x, y);
	}
}
