/* SPDX-License-Identifier: MIT */
#ifndef REPORT_PDF_H
#define REPORT_PDF_H

/*
 * A small PDF 1.5 writer for the report canvas (report/canvas.h): paths,
 * colours with alpha, clips and Pango text, with each TrueType font
 * embedded once per document as a subset (CIDFontType2, Identity-H, a
 * ToUnicode map so that text can be searched and copied). Synthetic bold
 * (fontconfig's embolden) is drawn as outlines filled and stroked; glyphs
 * of fonts that are not TrueType are drawn as filled outlines.
 *
 * The whole file is built in memory and handed to a write callback at
 * the end; the same input gives the same bytes.
 */

#include <stddef.h>

#include <cairo.h>
#include <pango/pango.h>

#include "core/error.h"

struct pdf_cache;	/* fonts seen and a compressor, kept across documents */
struct pdf_doc;

struct pdf_cache *pdf_cache_new(void);
void pdf_cache_free(struct pdf_cache *c);

/* A document of pages w x h points; NULL when out of memory. */
struct pdf_doc *pdf_doc_new(struct pdf_cache *c, double w, double h);
void pdf_doc_free(struct pdf_doc *d);

/* Document information; created < 0: no creation date. */
void pdf_doc_info(struct pdf_doc *d, const char *title, const char *author,
		  long long created);

void pdf_page_begin(struct pdf_doc *d);
void pdf_page_end(struct pdf_doc *d);

/*
 * Write the document through write (0 or non-zero for a failed write).
 * Returns 0, or a negative OSK_E* code with err set.
 */
int pdf_doc_finish(struct pdf_doc *d,
		   int (*write)(void *closure, const void *data, size_t len),
		   void *closure, struct osk_error *err);

/* Drawing, as the cv_ calls of report/canvas.h. */
void pdf_save(struct pdf_doc *d);
void pdf_restore(struct pdf_doc *d);
void pdf_transform(struct pdf_doc *d, const double m[6]);
void pdf_set_rgba(struct pdf_doc *d, double r, double g, double b, double a);
void pdf_set_line_width(struct pdf_doc *d, double w);
void pdf_set_line_cap(struct pdf_doc *d, cairo_line_cap_t cap);
void pdf_set_line_join(struct pdf_doc *d, cairo_line_join_t join);
void pdf_set_dash(struct pdf_doc *d, const double *dashes, int n,
		  double offset);
void pdf_new_path(struct pdf_doc *d);
void pdf_new_sub_path(struct pdf_doc *d);
void pdf_move_to(struct pdf_doc *d, double x, double y);
void pdf_line_to(struct pdf_doc *d, double x, double y);
void pdf_curve_to(struct pdf_doc *d, double x1, double y1, double x2,
		  double y2, double x3, double y3);
void pdf_arc(struct pdf_doc *d, double xc, double yc, double r, double a1,
	     double a2);
void pdf_close_path(struct pdf_doc *d);
void pdf_fill(struct pdf_doc *d, int preserve);
void pdf_stroke(struct pdf_doc *d);
void pdf_clip(struct pdf_doc *d);
void pdf_paint(struct pdf_doc *d);
void pdf_show_layout(struct pdf_doc *d, PangoLayout *l, double x, double y);

#endif
