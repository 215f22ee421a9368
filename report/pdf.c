/* SPDX-License-Identifier: MIT */
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <fontconfig/fontconfig.h>
#include <hb.h>
#include <pango/pangofc-font.h>
#include <libdeflate.h>

#include "core/sbuf.h"
#include "core/sha256.h"
#include "core/text.h"
#include "report/pdf.h"
#include "report/ttf.h"

/*
 * Layout of the file: object 1 the catalog, 2 the page tree, 3 the one
 * resource dictionary every page shares, 4 the document information; then
 * each page's content stream and page object as the page ends, and the
 * fonts when the document ends. Coordinates in content streams are
 * cairo's: y grows down from the top-left corner (each page starts with
 * a flipping "cm"), in points; paths arrive already transformed by the
 * canvas's transformation, as cairo does it.
 */

enum { OBJ_CATALOG = 1, OBJ_PAGES, OBJ_RESOURCES, OBJ_INFO, OBJ_FIRST };

#ifndef ZLEVEL
#define ZLEVEL 4		/* libdeflate's: fast, as small as zlib's 6 */
#endif
#define MAX_DASH 8
#define MAX_CID 0xffff

/* ---- fonts and the compressor, kept across documents ---- */

struct pdf_face {
	hb_face_t *hb;			/* the key; referenced */
	hb_blob_t *blob;		/* the font file */
	struct ttf ttf;
	bool truetype;			/* embedded; else drawn as outlines */
};

struct pdf_font {			/* one PangoFont */
	PangoFont *font;		/* referenced */
	hb_font_t *hb;
	size_t face;
	double size;			/* points */
	bool bold;			/* fontconfig's synthetic bold */
};

struct pdf_cache {
	struct pdf_face *faces;
	size_t nfaces;
	struct pdf_font *fonts;
	size_t nfonts;
	hb_draw_funcs_t *draw;
	struct libdeflate_compressor *z;
	struct sbuf zbuf;		/* compressed stream scratch */
};

/* ---- one document ---- */

struct pdf_used {			/* a TrueType face used in the document */
	size_t face;
	uint16_t *cid;			/* by glyph id; 0: not used yet */
	uint16_t *gid;			/* by CID */
	uint32_t *text;			/* by CID: start in texts; [n] = end */
	size_t n, alloc;
	struct sbuf texts;		/* UTF-8 of each CID, in CID order */
};

/* What the PDF graphics state holds (PDF's q/Q keep it with ours). */
struct pstate {
	int fill[3], stroke[3];		/* thousandths */
	int alpha;			/* thousandths */
	long lw;			/* thousandths of a point */
	int cap, join, tr;
	char dash[2 + (MAX_DASH + 1) * 16 + 4];	/* "[a b ] c " */
};

struct gstate {
	double m[6];			/* user space to page space */
	double rgba[4];
	double lw;
	double dash[MAX_DASH], dash_off;
	int ndash;
	int cap, join;
	struct pstate p;
};

struct pdf_doc {
	struct pdf_cache *cache;
	double w, h;
	int status;
	struct sbuf out;		/* the file so far */
	uint32_t *xref;			/* offset by object number */
	size_t nobj, aobj;
	uint32_t *pages;		/* page object numbers */
	size_t npages, apages;
	bool in_page;
	struct sbuf page;		/* content of the page being drawn */
	struct sbuf path;		/* the current path, as operators */
	bool has_point;
	double cx, cy, sx, sy;		/* current point, sub-path start (page) */
	struct gstate *gs;		/* gs[ngs - 1]: current */
	size_t ngs, ags;
	struct pdf_used *used;
	size_t nused;
	int *alphas;			/* thousandths, /A0.. in resources */
	size_t nalphas;
	struct span { int off, len; } *gtext;	/* scratch: glyph_texts() */
	size_t agtext;
	char *title, *author;
	long long created;
};

static void
oom(struct pdf_doc *d)
{
	if (!d->status)
		d->status = -OSK_ENOMEM;
}

static void
add(struct pdf_doc *d, struct sbuf *sb, const char *s, size_t n)
{
	if (sbuf_add(sb, s, n) < 0)
		oom(d);
}

#define ADDS(d, sb, lit) add(d, sb, lit, sizeof(lit) - 1)

static void __attribute__((format(printf, 3, 4)))
addf(struct pdf_doc *d, struct sbuf *sb, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = sbuf_vaddf(sb, fmt, ap);
	va_end(ap);
	if (r < 0)
		oom(d);
}

/*
 * A number with at most three decimals and a space after it: enough for
 * a thousandth of a point, and far cheaper than printf's %f.
 */
static void
num(struct pdf_doc *d, struct sbuf *sb, double v)
{
	char buf[32], *p = buf + sizeof(buf);
	long long n;
	bool neg;
	int frac, i;

	if (!(v > -1e9 && v < 1e9))	/* NaN too */
		v = 0;
	n = llround(v * 1000);
	neg = n < 0;
	if (neg)
		n = -n;
	*--p = ' ';
	frac = (int)(n % 1000);
	n /= 1000;
	if (frac) {
		char digits[3];
		int k = 3;

		for (i = 2; i >= 0; i--, frac /= 10)
			digits[i] = (char)('0' + frac % 10);
		while (digits[k - 1] == '0')
			k--;
		while (k > 0)
			*--p = digits[--k];
		*--p = '.';
	}
	do {
		*--p = (char)('0' + n % 10);
		n /= 10;
	} while (n);
	if (neg && (p[0] != '0' || p[1] != ' '))
		*--p = '-';
	add(d, sb, p, (size_t)(buf + sizeof(buf) - p));
}

static int
thousandths(double v)
{
	return (int)lround(v * 1000);
}

/* ---- matrices (PDF's row-vector order: p' = p x m) ---- */

static void
mat_mul(double out[6], const double a[6], const double b[6])
{
	double r[6];

	r[0] = a[0] * b[0] + a[1] * b[2];
	r[1] = a[0] * b[1] + a[1] * b[3];
	r[2] = a[2] * b[0] + a[3] * b[2];
	r[3] = a[2] * b[1] + a[3] * b[3];
	r[4] = a[4] * b[0] + a[5] * b[2] + b[4];
	r[5] = a[4] * b[1] + a[5] * b[3] + b[5];
	memcpy(out, r, sizeof(r));
}

static void
to_page(const struct gstate *g, double x, double y, double *px, double *py)
{
	*px = x * g->m[0] + y * g->m[2] + g->m[4];
	*py = x * g->m[1] + y * g->m[3] + g->m[5];
}

/* How much the transformation scales lengths (line widths, dashes). */
static double
mat_scale(const double m[6])
{
	return sqrt(fabs(m[0] * m[3] - m[1] * m[2]));
}

/* ---- the cache ---- */

struct pdf_cache *
pdf_cache_new(void)
{
	struct pdf_cache *c = calloc(1, sizeof(*c));

	if (!c)
		return NULL;
	c->zbuf = (struct sbuf)SBUF_INIT;
	if (!(c->z = libdeflate_alloc_compressor(ZLEVEL))) {
		free(c);
		return NULL;
	}
	return c;
}

void
pdf_cache_free(struct pdf_cache *c)
{
	size_t i;

	if (!c)
		return;
	for (i = 0; i < c->nfonts; i++)
		g_object_unref(c->fonts[i].font);
	for (i = 0; i < c->nfaces; i++) {
		hb_blob_destroy(c->faces[i].blob);
		hb_face_destroy(c->faces[i].hb);
	}
	free(c->fonts);
	free(c->faces);
	if (c->draw)
		hb_draw_funcs_destroy(c->draw);
	libdeflate_free_compressor(c->z);
	sbuf_release(&c->zbuf);
	free(c);
}

static size_t
face_of(struct pdf_cache *c, hb_face_t *hb)
{
	struct pdf_face *f;
	const char *data;
	unsigned len;
	struct osk_error err;
	size_t i;

	for (i = 0; i < c->nfaces; i++)
		if (c->faces[i].hb == hb)
			return i;
	f = realloc(c->faces, (c->nfaces + 1) * sizeof(*f));
	if (!f)
		return SIZE_MAX;
	c->faces = f;
	f = &c->faces[c->nfaces];
	memset(f, 0, sizeof(*f));
	f->hb = hb_face_reference(hb);
	f->blob = hb_face_reference_blob(hb);
	data = hb_blob_get_data(f->blob, &len);
	f->truetype = data && ttf_parse(&f->ttf, data, len,
					hb_face_get_index(hb), &err) == 0;
	return c->nfaces++;
}

static struct pdf_font *
font_of(struct pdf_doc *d, PangoFont *pf)
{
	struct pdf_cache *c = d->cache;
	struct pdf_font *f;
	int xs, ys;
	size_t i, face;

	for (i = 0; i < c->nfonts; i++)
		if (c->fonts[i].font == pf)
			return &c->fonts[i];
	f = realloc(c->fonts, (c->nfonts + 1) * sizeof(*f));
	if (!f)
		goto nomem;
	c->fonts = f;
	f = &c->fonts[c->nfonts];
	memset(f, 0, sizeof(*f));
	f->hb = pango_font_get_hb_font(pf);
	if (!f->hb)
		return NULL;
	face = face_of(c, hb_font_get_face(f->hb));
	if (face == SIZE_MAX)
		goto nomem;
	f->face = face;
	hb_font_get_scale(f->hb, &xs, &ys);
	f->size = (double)ys / PANGO_SCALE;
	if (PANGO_IS_FC_FONT(pf)) {
		FcPattern *pat = pango_fc_font_get_pattern(PANGO_FC_FONT(pf));
		FcBool b = FcFalse;

		if (pat && FcPatternGetBool(pat, FC_EMBOLDEN, 0, &b) ==
		    FcResultMatch)
			f->bold = b == FcTrue;
	}
	f->font = g_object_ref(pf);
	c->nfonts++;
	return f;
nomem:
	oom(d);
	return NULL;
}

/* ---- objects and streams ---- */

static uint32_t
new_obj(struct pdf_doc *d)
{
	if (d->nobj == d->aobj) {
		size_t n = d->aobj ? d->aobj * 2 : 64;
		uint32_t *x = realloc(d->xref, n * sizeof(*x));

		if (!x) {
			oom(d);
			return 0;
		}
		d->xref = x;
		d->aobj = n;
	}
	d->xref[d->nobj] = 0;
	return (uint32_t)d->nobj++;
}

static void
begin_obj(struct pdf_doc *d, uint32_t obj)
{
	if (obj < d->nobj)
		d->xref[obj] = (uint32_t)d->out.len;
	addf(d, &d->out, "%u 0 obj\n", obj);
}

/* obj as a stream of data, compressed; dict: extra entries or "". */
static void
stream_obj(struct pdf_doc *d, uint32_t obj, const void *data, size_t len,
	   const char *dict)
{
	struct pdf_cache *c = d->cache;
	size_t bound = libdeflate_zlib_compress_bound(c->z, len);

	sbuf_reset(&c->zbuf);
	if (sbuf_grow(&c->zbuf, bound) < 0) {
		oom(d);
		return;
	}
	c->zbuf.len = libdeflate_zlib_compress(c->z, data, len, c->zbuf.buf,
					       bound);
	if (!c->zbuf.len) {		/* cannot happen with the bound */
		oom(d);
		return;
	}
	begin_obj(d, obj);
	addf(d, &d->out, "<< /Length %zu /Filter /FlateDecode%s >>\nstream\n",
	     c->zbuf.len, dict);
	add(d, &d->out, c->zbuf.buf, c->zbuf.len);
	ADDS(d, &d->out, "\nendstream\nendobj\n");
}

/* ---- documents ---- */

static void gstate_init(struct gstate *g);

struct pdf_doc *
pdf_doc_new(struct pdf_cache *cache, double w, double h)
{
	struct pdf_doc *d = calloc(1, sizeof(*d));

	if (!d)
		return NULL;
	d->cache = cache;
	d->w = w;
	d->h = h;
	d->created = -1;
	d->out = d->page = d->path = (struct sbuf)SBUF_INIT;
	d->nobj = OBJ_FIRST;
	d->aobj = 64;
	d->xref = calloc(d->aobj, sizeof(*d->xref));
	d->ags = 8;
	d->gs = calloc(d->ags, sizeof(*d->gs));
	if (!d->xref || !d->gs) {
		pdf_doc_free(d);
		return NULL;
	}
	/* a state to measure in before the first page (layout planning) */
	d->ngs = 1;
	gstate_init(&d->gs[0]);
	ADDS(d, &d->out, "%PDF-1.5\n%\xb5\xed\xae\xfb\n");
	return d;
}

void
pdf_doc_free(struct pdf_doc *d)
{
	size_t i;

	if (!d)
		return;
	for (i = 0; i < d->nused; i++) {
		free(d->used[i].cid);
		free(d->used[i].gid);
		free(d->used[i].text);
		sbuf_release(&d->used[i].texts);
	}
	free(d->used);
	free(d->alphas);
	free(d->gtext);
	free(d->xref);
	free(d->pages);
	free(d->gs);
	free(d->title);
	free(d->author);
	sbuf_release(&d->out);
	sbuf_release(&d->page);
	sbuf_release(&d->path);
	free(d);
}

void
pdf_doc_info(struct pdf_doc *d, const char *title, const char *author,
	     long long created)
{
	free(d->title);
	free(d->author);
	d->title = title ? strdup(title) : NULL;
	d->author = author ? strdup(author) : NULL;
	if ((title && !d->title) || (author && !d->author))
		oom(d);
	d->created = created;
}

static void
gstate_init(struct gstate *g)
{
	static const struct pstate pdf_default = {
		.lw = 1000, .alpha = 1000, .cap = 0, .join = 0, .tr = 0,
	};

	memset(g, 0, sizeof(*g));
	/* the page's "cm" flips y: user space starts as page space */
	g->m[0] = 1;
	g->m[3] = 1;
	g->rgba[3] = 1;
	g->lw = 2;			/* cairo's default */
	g->cap = 0;
	g->join = 0;
	g->p = pdf_default;
}

void
pdf_page_begin(struct pdf_doc *d)
{
	if (d->in_page)
		pdf_page_end(d);
	d->in_page = true;
	d->ngs = 1;
	gstate_init(&d->gs[0]);
	sbuf_reset(&d->page);
	sbuf_reset(&d->path);
	d->has_point = false;
	ADDS(d, &d->page, "1 0 0 -1 0 ");
	num(d, &d->page, d->h);
	ADDS(d, &d->page, "cm\n");
}

void
pdf_page_end(struct pdf_doc *d)
{
	uint32_t content, page;

	if (!d->in_page)
		return;
	d->in_page = false;
	while (d->ngs > 1) {
		ADDS(d, &d->page, "Q\n");
		d->ngs--;
	}
	content = new_obj(d);
	page = new_obj(d);
	if (d->status)
		return;
	stream_obj(d, content, d->page.buf, d->page.len, "");
	begin_obj(d, page);
	addf(d, &d->out, "<< /Type /Page /Parent %d 0 R /MediaBox [0 0 ",
	     OBJ_PAGES);
	num(d, &d->out, d->w);
	num(d, &d->out, d->h);
	addf(d, &d->out, "] /Contents %u 0 R /Resources %d 0 R >>\nendobj\n",
	     content, OBJ_RESOURCES);
	if (d->npages == d->apages) {
		size_t n = d->apages ? d->apages * 2 : 8;
		uint32_t *p = realloc(d->pages, n * sizeof(*p));

		if (!p) {
			oom(d);
			return;
		}
		d->pages = p;
		d->apages = n;
	}
	d->pages[d->npages++] = page;
}

/* ---- graphics state ---- */

static struct gstate *
G(struct pdf_doc *d)
{
	return &d->gs[d->ngs - 1];
}

void
pdf_save(struct pdf_doc *d)
{
	if (d->ngs == d->ags) {
		struct gstate *g = realloc(d->gs, 2 * d->ags * sizeof(*g));

		if (!g) {
			oom(d);
			return;
		}
		d->gs = g;
		d->ags *= 2;
	}
	d->gs[d->ngs] = d->gs[d->ngs - 1];
	d->ngs++;
	ADDS(d, &d->page, "q\n");
}

void
pdf_restore(struct pdf_doc *d)
{
	if (d->ngs <= 1)
		return;
	d->ngs--;
	ADDS(d, &d->page, "Q\n");
}

void
pdf_transform(struct pdf_doc *d, const double m[6])
{
	struct gstate *g = G(d);

	mat_mul(g->m, m, g->m);
}

void
pdf_set_rgba(struct pdf_doc *d, double r, double g, double b, double a)
{
	double *c = G(d)->rgba;

	c[0] = r;
	c[1] = g;
	c[2] = b;
	c[3] = a;
}

void
pdf_set_line_width(struct pdf_doc *d, double w)
{
	G(d)->lw = w;
}

void
pdf_set_line_cap(struct pdf_doc *d, cairo_line_cap_t cap)
{
	G(d)->cap = cap == CAIRO_LINE_CAP_ROUND ? 1 :
		cap == CAIRO_LINE_CAP_SQUARE ? 2 : 0;
}

void
pdf_set_line_join(struct pdf_doc *d, cairo_line_join_t join)
{
	G(d)->join = join == CAIRO_LINE_JOIN_ROUND ? 1 :
		join == CAIRO_LINE_JOIN_BEVEL ? 2 : 0;
}

void
pdf_set_dash(struct pdf_doc *d, const double *dashes, int n, double offset)
{
	struct gstate *g = G(d);
	int i;

	if (n < 0 || n > MAX_DASH)
		n = 0;
	for (i = 0; i < n; i++)
		g->dash[i] = dashes[i];
	g->ndash = n;
	g->dash_off = offset;
}

/* The index of alpha a (thousandths) among the document's /A names. */
static int
alpha_name(struct pdf_doc *d, int a)
{
	size_t i;
	int *p;

	for (i = 0; i < d->nalphas; i++)
		if (d->alphas[i] == a)
			return (int)i;
	p = realloc(d->alphas, (d->nalphas + 1) * sizeof(*p));
	if (!p) {
		oom(d);
		return 0;
	}
	d->alphas = p;
	p[d->nalphas] = a;
	return (int)d->nalphas++;
}

static void
emit_alpha(struct pdf_doc *d, struct gstate *g)
{
	int a = thousandths(g->rgba[3]);

	if (a < 0)
		a = 0;
	if (a > 1000)
		a = 1000;
	if (a != g->p.alpha) {
		addf(d, &d->page, "/A%d gs\n", alpha_name(d, a));
		g->p.alpha = a;
	}
}

static void
emit_color(struct pdf_doc *d, struct gstate *g, bool stroke)
{
	int *have = stroke ? g->p.stroke : g->p.fill;
	int c[3], i;

	for (i = 0; i < 3; i++) {
		c[i] = thousandths(g->rgba[i]);
		c[i] = c[i] < 0 ? 0 : c[i] > 1000 ? 1000 : c[i];
	}
	if (!memcmp(c, have, sizeof(c)))
		return;
	for (i = 0; i < 3; i++)
		num(d, &d->page, c[i] / 1000.0);
	add(d, &d->page, stroke ? "RG\n" : "rg\n", 3);
	memcpy(have, c, sizeof(c));
}

static void
emit_line(struct pdf_doc *d, struct gstate *g)
{
	double k = mat_scale(g->m);
	long lw = lround(g->lw * k * 1000);
	char dash[sizeof(g->p.dash)];
	struct sbuf sb = SBUF_INIT;
	int i;

	if (lw != g->p.lw) {
		num(d, &d->page, lw / 1000.0);
		ADDS(d, &d->page, "w\n");
		g->p.lw = lw;
	}
	if (g->cap != g->p.cap) {
		addf(d, &d->page, "%d J\n", g->cap);
		g->p.cap = g->cap;
	}
	if (g->join != g->p.join) {
		addf(d, &d->page, "%d j\n", g->join);
		g->p.join = g->join;
	}
	ADDS(d, &sb, "[");
	for (i = 0; i < g->ndash; i++)
		num(d, &sb, g->dash[i] * k);
	ADDS(d, &sb, "] ");
	num(d, &sb, g->ndash ? g->dash_off * k : 0);
	snprintf(dash, sizeof(dash), "%s", sb.buf);
	sbuf_release(&sb);
	if (strcmp(dash, g->p.dash)) {
		addf(d, &d->page, "%sd\n", dash);
		memcpy(g->p.dash, dash, sizeof(dash));
	}
}

/* ---- paths ---- */

static void
point(struct pdf_doc *d, double x, double y, const char *op, size_t oplen)
{
	double px, py;

	to_page(G(d), x, y, &px, &py);
	num(d, &d->path, px);
	num(d, &d->path, py);
	add(d, &d->path, op, oplen);
	d->cx = px;
	d->cy = py;
}

void
pdf_new_path(struct pdf_doc *d)
{
	sbuf_reset(&d->path);
	d->has_point = false;
}

void
pdf_new_sub_path(struct pdf_doc *d)
{
	d->has_point = false;
}

void
pdf_move_to(struct pdf_doc *d, double x, double y)
{
	point(d, x, y, "m\n", 2);
	d->sx = d->cx;
	d->sy = d->cy;
	d->has_point = true;
}

void
pdf_line_to(struct pdf_doc *d, double x, double y)
{
	if (!d->has_point) {
		pdf_move_to(d, x, y);
		return;
	}
	point(d, x, y, "l\n", 2);
}

void
pdf_curve_to(struct pdf_doc *d, double x1, double y1, double x2, double y2,
	     double x3, double y3)
{
	if (!d->has_point)
		pdf_move_to(d, x1, y1);
	point(d, x1, y1, "", 0);
	point(d, x2, y2, "", 0);
	point(d, x3, y3, "c\n", 2);
}

/* As cairo_arc: pieces of at most a quarter turn, each one Bezier. */
void
pdf_arc(struct pdf_doc *d, double xc, double yc, double r, double a1,
	double a2)
{
	double step, a, b, h;
	int n, i;

	if (!(r >= 0) || !isfinite(a1) || !isfinite(a2))
		return;
	while (a2 < a1)
		a2 += 2 * M_PI;
	if (a2 - a1 > 4 * M_PI)
		a2 = a1 + 4 * M_PI;
	pdf_line_to(d, xc + r * cos(a1), yc + r * sin(a1));
	n = (int)ceil((a2 - a1) / (M_PI / 2) - 1e-9);
	if (n < 1)
		return;
	step = (a2 - a1) / n;
	h = 4.0 / 3.0 * tan(step / 4);
	for (i = 0, a = a1; i < n; i++, a = b) {
		double ca, sa, cb, sb;

		b = i == n - 1 ? a2 : a + step;
		ca = cos(a);
		sa = sin(a);
		cb = cos(b);
		sb = sin(b);
		pdf_curve_to(d, xc + r * (ca - h * sa), yc + r * (sa + h * ca),
			     xc + r * (cb + h * sb), yc + r * (sb - h * cb),
			     xc + r * cb, yc + r * sb);
	}
}

void
pdf_close_path(struct pdf_doc *d)
{
	if (!d->has_point)
		return;
	ADDS(d, &d->path, "h\n");
	d->cx = d->sx;
	d->cy = d->sy;
}

/* Paint the path with op; keep it when preserve. */
static void
paint_path(struct pdf_doc *d, const char *op, size_t oplen, bool preserve)
{
	if (d->path.len) {
		add(d, &d->page, d->path.buf, d->path.len);
		add(d, &d->page, op, oplen);
	}
	if (!preserve)
		pdf_new_path(d);
}

void
pdf_fill(struct pdf_doc *d, int preserve)
{
	struct gstate *g = G(d);

	if (d->path.len) {
		emit_alpha(d, g);
		emit_color(d, g, false);
	}
	paint_path(d, "f\n", 2, preserve);
}

void
pdf_stroke(struct pdf_doc *d)
{
	struct gstate *g = G(d);

	if (d->path.len) {
		emit_alpha(d, g);
		emit_color(d, g, true);
		emit_line(d, g);
	}
	paint_path(d, "S\n", 2, false);
}

void
pdf_clip(struct pdf_doc *d)
{
	if (!d->path.len)
		ADDS(d, &d->path, "0 0 0 0 re\n");	/* clip to nothing */
	paint_path(d, "W n\n", 4, false);
}

void
pdf_paint(struct pdf_doc *d)
{
	struct gstate *g = G(d);

	emit_alpha(d, g);
	emit_color(d, g, false);
	ADDS(d, &d->page, "0 0 ");
	num(d, &d->page, d->w);
	num(d, &d->page, d->h);
	ADDS(d, &d->page, "re f\n");
}

/* ---- text ---- */

static struct pdf_used *
used_of(struct pdf_doc *d, size_t face)
{
	struct pdf_used *u;
	size_t i;

	for (i = 0; i < d->nused; i++)
		if (d->used[i].face == face)
			return &d->used[i];
	u = realloc(d->used, (d->nused + 1) * sizeof(*u));
	if (!u)
		goto nomem;
	d->used = u;
	u = &d->used[d->nused];
	memset(u, 0, sizeof(*u));
	u->face = face;
	u->texts = (struct sbuf)SBUF_INIT;
	u->cid = calloc(d->cache->faces[face].ttf.num_glyphs + 1u,
			sizeof(*u->cid));
	u->alloc = 256;
	u->gid = malloc(u->alloc * sizeof(*u->gid));
	u->text = malloc((u->alloc + 1) * sizeof(*u->text));
	if (!u->cid || !u->gid || !u->text) {
		free(u->cid);
		free(u->gid);
		free(u->text);
		goto nomem;
	}
	u->gid[0] = 0;			/* CID 0 is .notdef */
	u->text[0] = 0;
	u->text[1] = 0;
	u->n = 1;
	d->nused++;
	return u;
nomem:
	oom(d);
	return NULL;
}

/* The CID of glyph gid, given the text it shows when new. */
static unsigned
cid_of(struct pdf_doc *d, struct pdf_used *u, unsigned gid, const char *text,
       size_t len)
{
	if (gid >= d->cache->faces[u->face].ttf.num_glyphs)
		return 0;
	if (u->cid[gid] || !gid)
		return u->cid[gid];
	if (u->n >= MAX_CID)
		return 0;
	if (u->n == u->alloc) {
		size_t n = u->alloc * 2;
		uint16_t *g = realloc(u->gid, n * sizeof(*g));
		uint32_t *t;

		if (!g)
			goto nomem;
		u->gid = g;
		t = realloc(u->text, (n + 1) * sizeof(*t));
		if (!t)
			goto nomem;
		u->text = t;
		u->alloc = n;
	}
	if (sbuf_add(&u->texts, text, len) < 0)
		goto nomem;
	u->gid[u->n] = (uint16_t)gid;
	u->text[u->n + 1] = (uint32_t)u->texts.len;
	u->cid[gid] = (uint16_t)u->n;
	return u->n++;
nomem:
	oom(d);
	return 0;
}

struct outline {
	struct pdf_doc *d;
	double x, y;			/* glyph origin, user space */
};

static void
ol_move(hb_draw_funcs_t *f, void *p, hb_draw_state_t *st, float x, float y,
	void *u)
{
	struct outline *o = p;

	(void)f, (void)st, (void)u;
	pdf_move_to(o->d, o->x + x / PANGO_SCALE, o->y - y / PANGO_SCALE);
}

static void
ol_line(hb_draw_funcs_t *f, void *p, hb_draw_state_t *st, float x, float y,
	void *u)
{
	struct outline *o = p;

	(void)f, (void)st, (void)u;
	pdf_line_to(o->d, o->x + x / PANGO_SCALE, o->y - y / PANGO_SCALE);
}

static void
ol_cubic(hb_draw_funcs_t *f, void *p, hb_draw_state_t *st, float x1,
	 float y1, float x2, float y2, float x, float y, void *u)
{
	struct outline *o = p;

	(void)f, (void)st, (void)u;
	pdf_curve_to(o->d, o->x + x1 / PANGO_SCALE, o->y - y1 / PANGO_SCALE,
		     o->x + x2 / PANGO_SCALE, o->y - y2 / PANGO_SCALE,
		     o->x + x / PANGO_SCALE, o->y - y / PANGO_SCALE);
}

static void
ol_quad(hb_draw_funcs_t *f, void *p, hb_draw_state_t *st, float cx,
	float cy, float x, float y, void *u)
{
	float x0 = st->current_x, y0 = st->current_y;

	ol_cubic(f, p, st, x0 + 2.0f / 3 * (cx - x0), y0 + 2.0f / 3 * (cy - y0),
		 x + 2.0f / 3 * (cx - x), y + 2.0f / 3 * (cy - y), x, y, u);
}

static void
ol_close(hb_draw_funcs_t *f, void *p, hb_draw_state_t *st, void *u)
{
	struct outline *o = p;

	(void)f, (void)st, (void)u;
	pdf_close_path(o->d);
}

static hb_draw_funcs_t *
draw_funcs(struct pdf_cache *c)
{
	if (!c->draw) {
		hb_draw_funcs_t *f = hb_draw_funcs_create();

		hb_draw_funcs_set_move_to_func(f, ol_move, NULL, NULL);
		hb_draw_funcs_set_line_to_func(f, ol_line, NULL, NULL);
		hb_draw_funcs_set_quadratic_to_func(f, ol_quad, NULL, NULL);
		hb_draw_funcs_set_cubic_to_func(f, ol_cubic, NULL, NULL);
		hb_draw_funcs_set_close_path_func(f, ol_close, NULL, NULL);
		hb_draw_funcs_make_immutable(f);
		c->draw = f;
	}
	return c->draw;
}

/*
 * The pen that makes f's outlines bold as fontconfig's embolden does
 * (FreeType widens a glyph by 1/24 em): solid, mitred, whatever dash or
 * join the drawing had set.
 */
static void
bold_pen(struct gstate *g, const struct pdf_font *f)
{
	g->lw = f->size / 24;
	g->ndash = 0;
	g->join = 0;
}

/* A font that cannot be embedded: its glyphs as filled outlines. */
static void
run_outlines(struct pdf_doc *d, struct pdf_font *f, PangoGlyphString *gs,
	     double x, double y)
{
	struct outline o = { d, 0, 0 };
	double pen = x;
	int i;

	pdf_new_path(d);
	for (i = 0; i < gs->num_glyphs; i++) {
		PangoGlyphInfo *gi = &gs->glyphs[i];

		if (!(gi->glyph & PANGO_GLYPH_UNKNOWN_FLAG) &&
		    gi->glyph != PANGO_GLYPH_EMPTY) {
			o.x = pen + (double)gi->geometry.x_offset / PANGO_SCALE;
			o.y = y + (double)gi->geometry.y_offset / PANGO_SCALE;
#if HB_VERSION_ATLEAST(7, 0, 0)
			hb_font_draw_glyph(f->hb, gi->glyph,
					   draw_funcs(d->cache), &o);
#else
			hb_font_get_glyph_shape(f->hb, gi->glyph,
						draw_funcs(d->cache), &o);
#endif
		}
		pen += (double)gi->geometry.width / PANGO_SCALE;
	}
	if (f->bold) {
		struct gstate keep = *G(d);

		pdf_fill(d, 1);
		bold_pen(G(d), f);
		pdf_stroke(d);
		G(d)->lw = keep.lw;
		G(d)->ndash = keep.ndash;
		G(d)->join = keep.join;
	} else {
		pdf_fill(d, 0);
	}
}

/* Start a text line at user (x, y): the text matrix with the font size. */
static void
text_at(struct pdf_doc *d, const struct pdf_font *f, double x, double y)
{
	double fm[6] = { f->size, 0, 0, -f->size, x, y }, tm[6];
	int i;

	mat_mul(tm, fm, G(d)->m);
	for (i = 0; i < 6; i++)
		num(d, &d->page, tm[i]);
	ADDS(d, &d->page, "Tm\n");
}

static const char hex[] = "0123456789abcdef";

/*
 * The text of each glyph of run, into d->gtext, for ToUnicode: a
 * cluster's text goes with one glyph of it, nothing with the others (a
 * ligature is one glyph for two characters; a character can take several
 * glyphs; right-to-left runs list glyphs in the reverse order).
 */
static bool
glyph_texts(struct pdf_doc *d, PangoGlyphItem *run, const char *text)
{
	size_t n = (size_t)run->glyphs->num_glyphs;
	PangoGlyphItemIter it;
	gboolean more;

	if (n > d->agtext) {
		struct span *p = realloc(d->gtext, n * sizeof(*p));

		if (!p) {
			oom(d);
			return false;
		}
		d->gtext = p;
		d->agtext = n;
	}
	memset(d->gtext, 0, n * sizeof(*d->gtext));
	for (more = pango_glyph_item_iter_init_start(&it, run, text); more;
	     more = pango_glyph_item_iter_next_cluster(&it))
		if (it.start_glyph >= 0 && (size_t)it.start_glyph < n)
			d->gtext[it.start_glyph] = (struct span){
				it.start_index, it.end_index - it.start_index };
	return true;
}

static void
end_tj(struct pdf_doc *d, bool in_hex)
{
	if (in_hex)
		ADDS(d, &d->page, ">]TJ\n");
	else
		ADDS(d, &d->page, "]TJ\n");
}

static void
run_text(struct pdf_doc *d, struct pdf_font *f, PangoGlyphItem *run,
	 const char *text, double x, double y)
{
	const struct ttf *t = &d->cache->faces[f->face].ttf;
	PangoGlyphString *gs = run->glyphs;
	PangoItem *item = run->item;
	struct pdf_used *u = used_of(d, f->face);
	struct gstate *g = G(d);
	double pen = x, pdf_pen = 0, line_y = 0, k = f->size / 1000.0;
	bool ellipsis = item->analysis.flags & PANGO_ANALYSIS_FLAG_IS_ELLIPSIS;
	bool open = false, in_hex = false, started = false;
	int i;

	if (!u || !glyph_texts(d, run, text))
		return;
	emit_alpha(d, g);
	emit_color(d, g, false);
	ADDS(d, &d->page, "BT\n");
	addf(d, &d->page, "/F%zu 1 Tf\n", (size_t)(u - d->used));
	if (f->bold) {
		struct gstate keep = *g;

		emit_color(d, g, true);
		bold_pen(g, f);
		emit_line(d, g);
		g->lw = keep.lw;
		g->ndash = keep.ndash;
		g->join = keep.join;
	}
	if ((f->bold ? 2 : 0) != g->p.tr) {
		g->p.tr = f->bold ? 2 : 0;
		addf(d, &d->page, "%d Tr\n", g->p.tr);
	}
	for (i = 0; i < gs->num_glyphs; i++) {
		PangoGlyphInfo *gi = &gs->glyphs[i];
		double gx = pen + (double)gi->geometry.x_offset / PANGO_SCALE;
		double gy = y + (double)gi->geometry.y_offset / PANGO_SCALE;
		unsigned glyph = gi->glyph, cid, w;

		pen += (double)gi->geometry.width / PANGO_SCALE;
		if (glyph == PANGO_GLYPH_EMPTY)
			continue;
		if (glyph & PANGO_GLYPH_UNKNOWN_FLAG) {
			cid = 0;
		} else if (ellipsis) {
			cid = cid_of(d, u, glyph, "\xe2\x80\xa6", 3);
		} else {
			cid = cid_of(d, u, glyph, text + d->gtext[i].off,
				     (size_t)d->gtext[i].len);
		}
		if (!started || gy != line_y) {
			if (open)
				end_tj(d, in_hex);
			text_at(d, f, gx, gy);
			started = true;
			open = in_hex = false;
			line_y = gy;
			pdf_pen = gx;
		}
		if (!open) {
			ADDS(d, &d->page, "[");
			open = true;
		}
		if (fabs(gx - pdf_pen) > k * 0.5) {
			if (in_hex)
				ADDS(d, &d->page, ">");
			num(d, &d->page, (pdf_pen - gx) / k);
			in_hex = false;
		}
		if (!in_hex) {
			ADDS(d, &d->page, "<");
			in_hex = true;
		}
		{
			char h4[4] = { hex[cid >> 12 & 15], hex[cid >> 8 & 15],
				       hex[cid >> 4 & 15], hex[cid & 15] };

			add(d, &d->page, h4, 4);
		}
		w = t->units_per_em ? (unsigned)lround(ttf_advance(t,
			u->gid[cid]) * 1000.0 / t->units_per_em) : 0;
		pdf_pen = gx + w * k;
	}
	if (open)
		end_tj(d, in_hex);
	ADDS(d, &d->page, "ET\n");
}

void
pdf_show_layout(struct pdf_doc *d, PangoLayout *l, double x, double y)
{
	PangoLayoutIter *it = pango_layout_get_iter(l);
	const char *text = pango_layout_get_text(l);

	do {
		PangoLayoutRun *run = pango_layout_iter_get_run_readonly(it);
		PangoRectangle log;
		struct pdf_font *f;
		double rx, ry;

		if (!run)
			continue;
		f = font_of(d, run->item->analysis.font);
		if (!f)
			continue;
		pango_layout_iter_get_run_extents(it, NULL, &log);
		rx = x + (double)log.x / PANGO_SCALE;
		ry = y + (double)pango_layout_iter_get_baseline(it) / PANGO_SCALE;
		if (d->cache->faces[f->face].truetype)
			run_text(d, f, run, text, rx, ry);
		else
			run_outlines(d, f, run->glyphs, rx, ry);
	} while (pango_layout_iter_next_run(it));
	pango_layout_iter_free(it);
}

/* ---- the end of the document ---- */

/* UTF-8 s[0..n) as UTF-16BE in hex digits; bad bytes become U+FFFD. */
static void
utf16_hex(struct pdf_doc *d, struct sbuf *sb, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t k;
	uint32_t cp;

	while (n) {
		k = utf8_decode(p, n, &cp);
		if (!k) {
			cp = 0xfffd;
			k = 1;
		}
		p += k;
		n -= k;
		if (cp >= 0x10000) {
			cp -= 0x10000;
			addf(d, sb, "%04x%04x", 0xd800 + (cp >> 10),
			     0xdc00 + (cp & 0x3ff));
		} else {
			addf(d, sb, "%04x", cp);
		}
	}
}

/* s as a PDF text string: UTF-16BE in hex with a byte-order mark. */
static void
text_string(struct pdf_doc *d, struct sbuf *sb, const char *s)
{
	ADDS(d, sb, "<feff");
	utf16_hex(d, sb, s, strlen(s));
	ADDS(d, sb, ">");
}

static void
write_info(struct pdf_doc *d)
{
	begin_obj(d, OBJ_INFO);
	ADDS(d, &d->out, "<< /Creator (otasuke) /Producer (otasuke)");
	if (d->title) {
		ADDS(d, &d->out, " /Title ");
		text_string(d, &d->out, d->title);
	}
	if (d->author) {
		ADDS(d, &d->out, " /Author ");
		text_string(d, &d->out, d->author);
	}
	if (d->created >= 0) {
		time_t t = (time_t)d->created;
		struct tm tm;
		char buf[32];

		if (gmtime_r(&t, &tm) &&
		    strftime(buf, sizeof(buf), "%Y%m%d%H%M%S", &tm))
			addf(d, &d->out, " /CreationDate (D:%sZ)", buf);
	}
	ADDS(d, &d->out, " >>\nendobj\n");
}

static void
to_unicode(struct pdf_doc *d, const struct pdf_used *u, struct sbuf *sb)
{
	size_t i, n = 0, block = 0;

	ADDS(d, sb, "/CIDInit /ProcSet findresource begin\n"
	     "12 dict begin\nbegincmap\n"
	     "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) "
	     "/Supplement 0 >> def\n/CMapName /Adobe-Identity-UCS def\n"
	     "/CMapType 2 def\n1 begincodespacerange\n<0000> <ffff>\n"
	     "endcodespacerange\n");
	for (i = 1; i < u->n; i++)
		n += u->text[i + 1] > u->text[i];
	for (i = 1; i < u->n; i++) {
		size_t len = u->text[i + 1] - u->text[i];

		if (!len)
			continue;
		if (!block) {
			block = n > 100 ? 100 : n;
			n -= block;
			addf(d, sb, "%zu beginbfchar\n", block);
		}
		addf(d, sb, "<%04zx> <", i);
		utf16_hex(d, sb, u->texts.buf + u->text[i], len);
		ADDS(d, sb, ">\n");
		if (!--block)
			ADDS(d, sb, "endbfchar\n");
	}
	ADDS(d, sb, "endcmap\nCMapName currentdict /CMap defineresource pop\n"
	     "end\nend\n");
}

/* The face's objects; returns the Type0 font's object number. */
static uint32_t
write_font(struct pdf_doc *d, const struct pdf_used *u,
	   struct osk_error *err)
{
	const struct ttf *t = &d->cache->faces[u->face].ttf;
	uint32_t type0 = new_obj(d), cidf = new_obj(d), desc = new_obj(d);
	uint32_t file = new_obj(d), tu = new_obj(d);
	struct sbuf sb = SBUF_INIT;
	struct sha256 h;
	unsigned char digest[SHA256_DIGEST_SIZE];
	char tag[8], len1[48];
	double k = t->units_per_em ? 1000.0 / t->units_per_em : 1;
	size_t i, total;
	int r;

	r = ttf_subset(t, u->gid, u->n, TTF_NO_HINTING, &sb, &total, err);
	if (r < 0) {
		sbuf_release(&sb);
		if (!d->status)
			d->status = r;
		return 0;
	}
	snprintf(len1, sizeof(len1), " /Length1 %zu", sb.len);
	stream_obj(d, file, sb.buf, sb.len, len1);

	/* The subset tag: six letters from the glyphs in it. */
	sha256_init(&h);
	sha256_update(&h, u->gid, u->n * sizeof(*u->gid));
	sha256_final(&h, digest);
	for (i = 0; i < 6; i++)
		tag[i] = (char)('A' + digest[i] % 26);
	tag[6] = '\0';

	sbuf_reset(&sb);
	to_unicode(d, u, &sb);
	stream_obj(d, tu, sb.buf, sb.len, "");
	sbuf_release(&sb);

	begin_obj(d, type0);
	addf(d, &d->out, "<< /Type /Font /Subtype /Type0 /BaseFont /%s+%s "
	     "/Encoding /Identity-H /DescendantFonts [%u 0 R] "
	     "/ToUnicode %u 0 R >>\nendobj\n", tag,
	     t->psname[0] ? t->psname : "Font", cidf, tu);

	begin_obj(d, cidf);
	addf(d, &d->out, "<< /Type /Font /Subtype /CIDFontType2 /BaseFont "
	     "/%s+%s /CIDSystemInfo << /Registry (Adobe) /Ordering "
	     "(Identity) /Supplement 0 >> /FontDescriptor %u 0 R "
	     "/CIDToGIDMap /Identity /W [0 [", tag,
	     t->psname[0] ? t->psname : "Font", desc);
	for (i = 0; i < u->n; i++)
		addf(d, &d->out, "%s%ld", i % 16 ? " " : "\n",
		     lround(ttf_advance(t, u->gid[i]) * k));
	ADDS(d, &d->out, "]] >>\nendobj\n");

	begin_obj(d, desc);
	addf(d, &d->out, "<< /Type /FontDescriptor /FontName /%s+%s /Flags 4 "
	     "/FontBBox [%ld %ld %ld %ld] /ItalicAngle 0 /Ascent %ld "
	     "/Descent %ld /CapHeight %ld /StemV 80 /FontFile2 %u 0 R >>\n"
	     "endobj\n", tag, t->psname[0] ? t->psname : "Font",
	     lround(t->xmin * k), lround(t->ymin * k), lround(t->xmax * k),
	     lround(t->ymax * k), lround(t->ascender * k),
	     lround(t->descender * k), lround(t->cap_height * k), file);
	return type0;
}

int
pdf_doc_finish(struct pdf_doc *d,
	       int (*write)(void *closure, const void *data, size_t len),
	       void *closure, struct osk_error *err)
{
	uint32_t *fonts = NULL;
	struct sha256 h;
	unsigned char digest[SHA256_DIGEST_SIZE];
	size_t i, xref_at;
	int r;

	if (d->in_page)
		pdf_page_end(d);
	if (d->status == -OSK_ENOMEM)
		return osk_fail(err, OSK_ENOMEM, "out of memory");
	if (d->nused && !(fonts = calloc(d->nused, sizeof(*fonts))))
		return osk_fail(err, OSK_ENOMEM, "out of memory");
	for (i = 0; i < d->nused && !d->status; i++)
		fonts[i] = write_font(d, &d->used[i], err);
	if (d->status) {
		free(fonts);
		if (d->status == -OSK_ENOMEM)
			return osk_fail(err, OSK_ENOMEM, "out of memory");
		return d->status;	/* err set by ttf_subset() */
	}

	begin_obj(d, OBJ_RESOURCES);
	ADDS(d, &d->out, "<< /Font <<");
	for (i = 0; i < d->nused; i++)
		addf(d, &d->out, " /F%zu %u 0 R", i, fonts[i]);
	ADDS(d, &d->out, " >> /ExtGState <<");
	for (i = 0; i < d->nalphas; i++) {
		addf(d, &d->out, " /A%zu << /CA ", i);
		num(d, &d->out, d->alphas[i] / 1000.0);
		ADDS(d, &d->out, "/ca ");
		num(d, &d->out, d->alphas[i] / 1000.0);
		ADDS(d, &d->out, ">>");
	}
	ADDS(d, &d->out, " >> >>\nendobj\n");
	free(fonts);

	begin_obj(d, OBJ_PAGES);
	ADDS(d, &d->out, "<< /Type /Pages /Kids [");
	for (i = 0; i < d->npages; i++)
		addf(d, &d->out, "%s%u 0 R", i ? " " : "", d->pages[i]);
	addf(d, &d->out, "] /Count %zu >>\nendobj\n", d->npages);
	begin_obj(d, OBJ_CATALOG);
	addf(d, &d->out, "<< /Type /Catalog /Pages %d 0 R >>\nendobj\n",
	     OBJ_PAGES);
	write_info(d);

	/* The file identifier: a digest of everything above. */
	sha256_init(&h);
	sha256_update(&h, d->out.buf, d->out.len);
	sha256_final(&h, digest);

	xref_at = d->out.len;
	addf(d, &d->out, "xref\n0 %zu\n0000000000 65535 f \n", d->nobj);
	for (i = 1; i < d->nobj; i++)
		addf(d, &d->out, "%010u 00000 n \n", d->xref[i]);
	addf(d, &d->out, "trailer\n<< /Size %zu /Root %d 0 R /Info %d 0 R "
	     "/ID [<", d->nobj, OBJ_CATALOG, OBJ_INFO);
	for (i = 0; i < 16; i++)
		addf(d, &d->out, "%02x", digest[i]);
	ADDS(d, &d->out, "> <");
	for (i = 0; i < 16; i++)
		addf(d, &d->out, "%02x", digest[i]);
	addf(d, &d->out, ">] >>\nstartxref\n%zu\n%%%%EOF\n", xref_at);
	if (d->status)
		return osk_fail(err, OSK_ENOMEM, "out of memory");
	r = write(closure, d->out.buf, d->out.len);
	if (r)
		return osk_fail(err, OSK_EIO, "write error");
	return 0;
}
