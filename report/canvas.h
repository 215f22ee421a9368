/* SPDX-License-Identifier: MIT */
#ifndef REPORT_CANVAS_H
#define REPORT_CANVAS_H

/*
 * What the report drawing code draws on: a cairo context (PNG, SVG) or
 * otasuke's own PDF writer (report/pdf.c). The calls keep cairo's
 * meaning, so drawing code reads as cairo code: a path is built in user
 * space under the current transformation, then filled, stroked or made
 * the clip; cv_save()/cv_restore() keep colour, line settings, clip and
 * transformation.
 *
 * Why a PDF writer of our own: cairo's PDF surface spends most of a
 * sheet's time on work that is the same for every document (for each new
 * glyph a linear reverse search of IPAex's 57 KB cmap, synthetic bold as
 * a CFF outline font, level-6 deflate of every stream). The writer here
 * embeds the one TrueType subset directly, draws bold as filled and
 * stroked outlines, and writes a sheet several times faster.
 */

#include <stdbool.h>
#include <stdint.h>

#include <cairo.h>
#include <pango/pango.h>

struct pdf_doc;

struct canvas {
	cairo_t *cr;			/* cairo backend, or NULL */
	struct pdf_doc *pdf;		/* PDF backend, or NULL */
};

void cv_save(struct canvas *cv);
void cv_restore(struct canvas *cv);
void cv_translate(struct canvas *cv, double x, double y);
void cv_scale(struct canvas *cv, double sx, double sy);
void cv_rotate(struct canvas *cv, double radians);

void cv_set_rgba(struct canvas *cv, double r, double g, double b, double a);
void cv_set_line_width(struct canvas *cv, double w);
void cv_set_line_cap(struct canvas *cv, cairo_line_cap_t cap);
void cv_set_line_join(struct canvas *cv, cairo_line_join_t join);
/* n dashes (at most 8); n 0: solid. */
void cv_set_dash(struct canvas *cv, const double *dashes, int n,
		 double offset);

void cv_new_path(struct canvas *cv);
void cv_new_sub_path(struct canvas *cv);
void cv_move_to(struct canvas *cv, double x, double y);
void cv_line_to(struct canvas *cv, double x, double y);
void cv_curve_to(struct canvas *cv, double x1, double y1, double x2,
		 double y2, double x3, double y3);
/* As cairo_arc: a line from the current point, if any, to the start. */
void cv_arc(struct canvas *cv, double xc, double yc, double r, double a1,
	    double a2);
void cv_rectangle(struct canvas *cv, double x, double y, double w, double h);
void cv_close_path(struct canvas *cv);

void cv_fill(struct canvas *cv);
void cv_fill_preserve(struct canvas *cv);
void cv_stroke(struct canvas *cv);
void cv_clip(struct canvas *cv);
void cv_paint(struct canvas *cv);

/* The layout with its top-left corner at (x, y), in the source colour. */
void cv_show_layout(struct canvas *cv, PangoLayout *l, double x, double y);

#endif
