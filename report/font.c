/* SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <string.h>

#include "report/internal.h"

/*
 * One font map, one context and a few layouts per renderer: creating them
 * is the slow part of Pango (fontconfig matching, shaping caches), so a
 * batch worker makes them once and every text of every sheet reuses them.
 */

#define FONT_FAMILY "IPAexGothic"

int
fonts_init(struct report_fonts *f, struct osk_error *err)
{
	PangoFont *font = NULL;
	PangoFontDescription *got = NULL;
	const char *family;
	int r = 0;

	memset(f, 0, sizeof(*f));
	f->map = pango_cairo_font_map_new();
	if (!f->map)
		return osk_fail(err, OSK_ENOMEM, "cannot create a font map");
	f->ctx = pango_font_map_create_context(f->map);
	f->opts = cairo_font_options_create();
	f->desc = pango_font_description_from_string(FONT_FAMILY " 10");
	if (!f->ctx || !f->desc ||
	    cairo_font_options_status(f->opts) != CAIRO_STATUS_SUCCESS) {
		r = osk_fail(err, OSK_ENOMEM, "out of memory");
		goto fail;
	}
	/*
	 * Unhinted metrics and unrounded positions: the layout is the same
	 * on a PDF page and on a 150 dpi bitmap, so PNG previews show what
	 * the PDF prints.
	 */
	cairo_font_options_set_hint_metrics(f->opts, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(f->opts, CAIRO_HINT_STYLE_NONE);
	cairo_font_options_set_antialias(f->opts, CAIRO_ANTIALIAS_GRAY);
	pango_cairo_context_set_font_options(f->ctx, f->opts);
	pango_cairo_context_set_resolution(f->ctx, 72.0);
	pango_context_set_round_glyph_positions(f->ctx, FALSE);
	f->lang = OSK_LANG_JA;
	pango_context_set_language(f->ctx, pango_language_from_string("ja"));

	font = pango_font_map_load_font(f->map, f->ctx, f->desc);
	if (font)
		got = pango_font_describe(font);
	family = got ? pango_font_description_get_family(got) : NULL;
	if (!family || (strcasecmp(family, FONT_FAMILY) &&
			strcmp(family, "IPAexゴシック"))) {
		r = osk_fail(err, OSK_EIO, "font '%s' not found (got '%s'): "
			     "install fonts-ipaexfont-gothic", FONT_FAMILY,
			     family ? family : "none");
		goto fail;
	}
	pango_font_description_free(got);
	g_object_unref(font);
	return 0;
fail:
	if (got)
		pango_font_description_free(got);
	if (font)
		g_object_unref(font);
	fonts_release(f);
	return r;
}

void
fonts_release(struct report_fonts *f)
{
	size_t i;

	for (i = 0; i < LAYOUT_SLOTS; i++) {
		if (f->slots[i].layout)
			g_object_unref(f->slots[i].layout);
		free(f->slots[i].text);
	}
	if (f->desc)
		pango_font_description_free(f->desc);
	if (f->opts)
		cairo_font_options_destroy(f->opts);
	if (f->ctx)
		g_object_unref(f->ctx);
	if (f->map)
		g_object_unref(f->map);
	memset(f, 0, sizeof(*f));
}

void
fonts_begin(struct rctx *c)
{
	struct report_fonts *f = c->fonts;

	/*
	 * A cairo context sets Pango's transformation (150 dpi PNG pages
	 * are scaled); the PDF writer draws in points, untransformed.
	 */
	if (c->cv->cr) {
		pango_cairo_update_context(c->cv->cr, f->ctx);
		f->on_cairo = true;
	} else if (f->on_cairo) {
		pango_context_set_matrix(f->ctx, NULL);
		f->on_cairo = false;
	}
	if (f->lang != c->lang) {
		f->lang = c->lang;
		pango_context_set_language(f->ctx, pango_language_from_string(
			c->lang == OSK_LANG_JA ? "ja" : "en"));
	}
	/*
	 * The layouts stay: Pango lays one out again by itself when the
	 * context changed (language, font options, transformation).
	 */
}

/* ---- texts ---- */

const char *
T(struct rctx *c, enum rt_key k)
{
	return texts_get(c->texts, k, c->lang);
}

const char *
TF(struct rctx *c, enum rt_key k, ...)
{
	const char *names[8], *vals[8];
	size_t n = 0;
	va_list ap;
	const char *name;
	int r;

	va_start(ap, k);
	while (n < 8 && (name = va_arg(ap, const char *))) {
		names[n] = name;
		vals[n++] = va_arg(ap, const char *);
	}
	va_end(ap);
	while (n < 8)
		names[n] = vals[n] = NULL, n++;
	sbuf_reset(&c->fmt);
	r = texts_format(&c->fmt, T(c, k), names[0], vals[0], names[1],
			 vals[1], names[2], vals[2], names[3], vals[3],
			 names[4], vals[4], names[5], vals[5], names[6],
			 vals[6], names[7], vals[7], (const char *)NULL);
	if (r < 0) {
		c->status = r;
		return "";
	}
	return c->fmt.buf;
}

/* ---- layout ---- */

/* The text as drawn: through the glossary unless raw. */
static const char *
prepare(struct rctx *c, const char *text, const struct tstyle *st)
{
	int r;

	if (!text)
		return "";
	if (st->raw)
		return text;
	sbuf_reset(&c->plain);
	r = texts_plain(c->texts, c->lang, text, &c->plain);
	if (r < 0) {
		c->status = r;
		return text;
	}
	return c->plain.buf;
}

/* FNV-1a of the text and the settings of its layout. */
static uint32_t
slot_hash(const char *s, const int *v, size_t n)
{
	uint32_t h = 2166136261u;
	size_t i;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	for (i = 0; i < n; i++)
		h = (h ^ (uint32_t)v[i]) * 16777619u;
	return h;
}

/*
 * The layout of s as st sets it at size, wrapped to w (none if w <= 0):
 * one laid out before with the same text and settings, or the least
 * recently used slot of its set laid out anew.
 */
static struct layout_slot *
setup(struct rctx *c, const char *s, double w, const struct tstyle *st,
      double size)
{
	struct report_fonts *f = c->fonts;
	struct layout_slot *slot = NULL, *k;
	PangoLayout *l;
	int isize = (int)(size * PANGO_SCALE + 0.5);
	int width = w > 0 ? (int)(w * PANGO_SCALE) : -1;
	int spacing = (int)(st->spacing * PANGO_SCALE);
	int indent = (int)(st->indent * PANGO_SCALE);
	int key[] = { isize, width, spacing, indent, st->bold, st->align };
	uint32_t hash = slot_hash(s, key, sizeof(key) / sizeof(key[0]));
	struct layout_slot *set = &f->slots[hash % LAYOUT_SETS * LAYOUT_WAYS];
	size_t i;

	for (i = 0; i < LAYOUT_WAYS; i++) {
		k = &set[i];
		if (k->text && k->hash == hash && k->size == isize &&
		    k->width == width &&
		    k->bold == st->bold && k->align == st->align &&
		    k->spacing == spacing && k->indent == indent &&
		    !strcmp(k->text, s)) {
			k->used = ++f->tick;
			return k;
		}
		if (!slot || k->used < slot->used)
			slot = k;
	}
	if (!slot->layout) {
		slot->layout = pango_layout_new(f->ctx);
		pango_layout_set_wrap(slot->layout, PANGO_WRAP_WORD_CHAR);
	}
	free(slot->text);
	slot->text = strdup(s);		/* NULL: used once, never found */
	slot->hash = hash;
	slot->size = isize;
	slot->width = width;
	slot->spacing = spacing;
	slot->indent = indent;
	slot->bold = st->bold;
	slot->align = st->align;
	slot->used = ++f->tick;
	l = slot->layout;
	pango_font_description_set_size(f->desc, isize);
	pango_font_description_set_weight(f->desc, st->bold ?
					  PANGO_WEIGHT_BOLD :
					  PANGO_WEIGHT_NORMAL);
	pango_layout_set_font_description(l, f->desc);
	pango_layout_set_width(l, width);
	pango_layout_set_height(l, -1);
	pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_NONE);
	pango_layout_set_alignment(l, st->align);
	pango_layout_set_spacing(l, spacing);
	pango_layout_set_indent(l, indent);
	pango_layout_set_text(l, s, -1);
	return slot;
}

/* Forget slot's text: its layout was changed (cut with "…"). */
static void
forget(struct layout_slot *slot)
{
	free(slot->text);
	slot->text = NULL;
}

static double
layout_height(PangoLayout *l)
{
	PangoRectangle log;

	pango_layout_get_extents(l, NULL, &log);
	return (double)log.height / PANGO_SCALE;
}

/* How many lines of the layout fit in height h. */
static int
lines_in(PangoLayout *l, double h)
{
	PangoLayoutIter *it = pango_layout_get_iter(l);
	int n = 0;

	do {
		int y0, y1;

		pango_layout_iter_get_line_yrange(it, &y0, &y1);
		if ((double)y1 / PANGO_SCALE > h + 0.01)
			break;
		n++;
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	return n;
}

static void
show(struct rctx *c, PangoLayout *l, double x, double y, uint32_t color)
{
	set_rgb(c->cv, color);
	cv_show_layout(c->cv, l, x, y);
}

double
text_draw(struct rctx *c, const char *text, double x, double y, double w,
	  double h, const struct tstyle *st)
{
	struct layout_slot *slot = NULL;
	PangoLayout *l;
	const char *s = prepare(c, text, st);
	double size = st->size, min = st->min > 0 ? st->min : st->size;
	double height;
	int lines, fit;

	if (!*s || h <= 0)
		return 0;
	for (;;) {
		slot = setup(c, s, w, st, size);
		l = slot->layout;
		height = layout_height(l);
		lines = pango_layout_get_line_count(l);
		if (height <= h + 0.01 && (!st->lines || lines <= st->lines))
			goto draw;
		if (size <= min)
			break;
		size -= size * 0.06 > 0.25 ? size * 0.06 : 0.25;
		if (size < min)
			size = min;
	}
	/*
	 * Still too big at the smallest size: cut the last line that fits
	 * with "…". Pango limits lines per paragraph, so the text is made
	 * one paragraph first.
	 */
	if (strchr(s, '\n')) {
		char *p;

		sbuf_reset(&c->flat);
		if (sbuf_adds(&c->flat, s) < 0) {
			c->status = -OSK_ENOMEM;
			return 0;
		}
		for (p = c->flat.buf; (p = strchr(p, '\n'));)
			*p = ' ';
		s = c->flat.buf;
		slot = setup(c, s, w, st, size);
		l = slot->layout;
	}
	forget(slot);
	fit = lines_in(l, h);
	if (st->lines && fit > st->lines)
		fit = st->lines;
	if (fit <= 0)
		return 0;
	pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
	pango_layout_set_height(l, -fit);
	if (w <= 0) {
		/* One line with no width has nothing to cut at: give it one. */
		pango_layout_set_width(l, (int)(PAGE_W * PANGO_SCALE));
	}
	height = layout_height(l);
	if (height > h + 0.01)
		return 0;
draw:
	if (st->middle && height < h)
		y += (h - height) / 2;
	show(c, l, x, y, st->color);
	return height;
}

double
text_height(struct rctx *c, const char *text, double w,
	    const struct tstyle *st)
{
	const char *s = prepare(c, text, st);

	if (!*s)
		return 0;
	return layout_height(setup(c, s, w, st, st->size)->layout);
}

double
text_width(struct rctx *c, const char *text, const struct tstyle *st)
{
	const char *s = prepare(c, text, st);
	PangoRectangle log;

	if (!*s)
		return 0;
	pango_layout_get_extents(setup(c, s, -1, st, st->size)->layout, NULL,
				 &log);
	return (double)log.width / PANGO_SCALE;
}

double
text_line_height(struct rctx *c, double size)
{
	struct tstyle st = { .size = size, .raw = true };

	return text_height(c, "あ", -1, &st);
}

double
text_baseline(struct rctx *c, double size)
{
	struct tstyle st = { .size = size, .raw = true };

	return (double)pango_layout_get_baseline(setup(c, "あ", -1, &st,
							 size)->layout) /
	       PANGO_SCALE;
}
