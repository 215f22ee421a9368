/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cairo-svg.h>

#include "core/qset.h"
#include "report/internal.h"
#include "report/pdf.h"

/*
 * One renderer, several surfaces: the sheet is drawn by the same code on
 * the PDF writer (points), a cairo SVG surface (points) and a cairo image
 * surface scaled to 150 dpi.
 */

/* ---- the renderer ---- */

struct report_renderer *
report_renderer_new(const char *datadir, struct osk_error *err)
{
	struct report_renderer *r = calloc(1, sizeof(*r));
	struct sbuf path = SBUF_INIT;

	if (!r) {
		osk_fail(err, OSK_ENOMEM, "out of memory");
		return NULL;
	}
	if (!datadir)
		datadir = osk_datadir();
	if (sbuf_addf(&path, "%s/report.yaml", datadir) < 0) {
		osk_fail(err, OSK_ENOMEM, "out of memory");
		goto fail;
	}
	if (texts_load(&r->texts, path.buf, err) < 0)
		goto fail;
	if (fonts_init(&r->fonts, err) < 0)
		goto fail;
	if (!(r->pdf = pdf_cache_new())) {
		osk_fail(err, OSK_ENOMEM, "out of memory");
		goto fail;
	}
	sbuf_release(&path);
	return r;
fail:
	sbuf_release(&path);
	report_renderer_free(r);
	return NULL;
}

void
report_renderer_free(struct report_renderer *r)
{
	if (!r)
		return;
	pdf_cache_free(r->pdf);
	fonts_release(&r->fonts);
	texts_release(&r->texts);
	free(r);
}

char *
report_plain(const struct report_renderer *r, enum osk_lang lang,
	     const char *text)
{
	struct sbuf sb = SBUF_INIT;

	if (texts_plain(&r->texts, lang, text ? text : "", &sb) < 0) {
		sbuf_release(&sb);
		return NULL;
	}
	return sbuf_detach(&sb, NULL);
}

/* ---- formats ---- */

int
report_fmt_from_path(const char *path, enum report_fmt *out)
{
	const char *dot = strrchr(path, '.'), *slash = strrchr(path, '/');

	if (!dot || (slash && dot < slash))
		return -1;
	if (!strcasecmp(dot, ".pdf"))
		*out = REPORT_FMT_PDF;
	else if (!strcasecmp(dot, ".png"))
		*out = REPORT_FMT_PNG;
	else if (!strcasecmp(dot, ".svg"))
		*out = REPORT_FMT_SVG;
	else
		return -1;
	return 0;
}

const char *
report_fmt_name(enum report_fmt fmt)
{
	switch (fmt) {
	case REPORT_FMT_PNG:
		return "png";
	case REPORT_FMT_SVG:
		return "svg";
	default:
		return "pdf";
	}
}

/* ---- drawing onto a surface ---- */

struct sink {
	int (*write)(void *closure, const void *data, size_t len);
	void *closure;
	bool failed;
};

static cairo_status_t
sink_write(void *closure, const unsigned char *data, unsigned int len)
{
	struct sink *k = closure;

	if (k->failed || k->write(k->closure, data, len)) {
		k->failed = true;
		return CAIRO_STATUS_WRITE_ERROR;
	}
	return CAIRO_STATUS_SUCCESS;
}

static void
rctx_init(struct rctx *c, struct report_renderer *r, enum osk_lang lang)
{
	memset(c, 0, sizeof(*c));
	c->r = r;
	c->fonts = &r->fonts;
	c->texts = &r->texts;
	c->lang = lang == OSK_LANG_JA ? OSK_LANG_JA : OSK_LANG_EN;
	c->plain = (struct sbuf)SBUF_INIT;
	c->fmt = (struct sbuf)SBUF_INIT;
	c->flat = (struct sbuf)SBUF_INIT;
}

static void
rctx_release(struct rctx *c)
{
	sbuf_release(&c->plain);
	sbuf_release(&c->fmt);
	sbuf_release(&c->flat);
}

static int
cairo_error(cairo_status_t st, struct sink *k, struct osk_error *err)
{
	if (st == CAIRO_STATUS_NO_MEMORY)
		return osk_fail(err, OSK_ENOMEM, "out of memory");
	if (st == CAIRO_STATUS_WRITE_ERROR || k->failed)
		return osk_fail(err, OSK_EIO, "write error: %s",
				strerror(errno ? errno : EIO));
	return osk_fail(err, OSK_EINTERNAL, "cairo: %s",
			cairo_status_to_string(st));
}

/* Start page i on c->cv; scale: points to output units. */
static void
page_begin(struct rctx *c, double scale)
{
	if (c->cv->pdf)
		pdf_page_begin(c->cv->pdf);
	cv_save(c->cv);
	if (scale != 1.0)
		cv_scale(c->cv, scale, scale);
	fonts_begin(c);
}

static void
page_end(struct rctx *c)
{
	cv_restore(c->cv);
	if (c->cv->pdf)
		pdf_page_end(c->cv->pdf);
	else
		cairo_show_page(c->cv->cr);
}

/* Draw pages [first, last) of n, one output page each. */
static int
draw_pages(struct rctx *c, const struct report_doc *d, size_t first,
	   size_t last, size_t n, double scale)
{
	size_t i;

	for (i = first; i < last; i++) {
		page_begin(c, scale);
		d->draw(c, d->data, i, n);
		page_end(c);
		if (c->status < 0)
			return c->status;
	}
	return 0;
}

/* The number of pages of d, laid out with c. */
static int
plan(struct rctx *c, const struct report_doc *d, double scale)
{
	int n;

	if (!d->plan)
		return (int)d->npages;
	cv_save(c->cv);
	if (scale != 1.0)
		cv_scale(c->cv, scale, scale);
	fonts_begin(c);
	n = d->plan(c, d->data);
	cv_restore(c->cv);
	if (n >= 0 && c->status < 0)
		n = c->status;
	return n;
}

/* d as PDF: the writer of report/pdf.c. */
static int
render_pdf(struct rctx *c, const struct report_doc *d,
	   int (*write)(void *closure, const void *data, size_t len),
	   void *closure, struct osk_error *err)
{
	struct pdf_doc *pdf = pdf_doc_new(c->r->pdf, PAGE_W, PAGE_H);
	struct canvas cv = { NULL, pdf };
	int n, ret;

	if (!pdf)
		return osk_fail(err, OSK_ENOMEM, "out of memory");
	c->cv = &cv;
	pdf_doc_info(pdf, d->title, d->author, d->created);
	n = plan(c, d, 1.0);
	if (n < 0) {
		ret = osk_fail(err, -n, "out of memory");
		goto out;
	}
	if (!n) {
		ret = osk_fail(err, OSK_EUSAGE, "nothing to draw: there is no "
			       "page 1");
		goto out;
	}
	ret = draw_pages(c, d, 0, (size_t)n, (size_t)n, 1.0);
	if (ret < 0) {
		osk_fail(err, -ret, "out of memory");
		goto out;
	}
	ret = pdf_doc_finish(pdf, write, closure, err);
	if (ret == -OSK_EIO)
		ret = osk_fail(err, OSK_EIO, "write error: %s",
			       strerror(errno ? errno : EIO));
	if (ret == 0)
		ret = n;
out:
	c->cv = NULL;
	pdf_doc_free(pdf);
	return ret;
}

int
doc_render_to(struct report_renderer *r, const struct report_doc *d,
	      enum report_fmt fmt, size_t page,
	      int (*write)(void *closure, const void *data, size_t len),
	      void *closure, struct osk_error *err)
{
	struct sink k = { write, closure, false };
	cairo_surface_t *sf = NULL;
	struct canvas cv = { NULL, NULL };
	struct rctx c;
	double scale = 1.0;
	cairo_status_t st;
	int ret, n;

	rctx_init(&c, r, d->lang);
	if (fmt == REPORT_FMT_PDF) {
		ret = render_pdf(&c, d, write, closure, err);
		rctx_release(&c);
		return ret;
	}
	if (fmt == REPORT_FMT_SVG) {
		sf = cairo_svg_surface_create_for_stream(sink_write, &k,
							 PAGE_W, PAGE_H);
		cairo_svg_surface_restrict_to_version(sf,
						      CAIRO_SVG_VERSION_1_1);
	} else {
		scale = PNG_DPI / 72.0;
		sf = cairo_image_surface_create(CAIRO_FORMAT_RGB24,
						(int)(PAGE_W * scale + 0.5),
						(int)(PAGE_H * scale + 0.5));
	}
	cv.cr = cairo_create(sf);
	c.cv = &cv;
	n = plan(&c, d, scale);
	if (n < 0) {
		ret = osk_fail(err, -n, "out of memory");
		goto out;
	}
	if (!n || page >= (size_t)n) {
		ret = osk_fail(err, OSK_EUSAGE, "nothing to draw: there is no "
			       "page %zu", page + 1);
		goto out;
	}
	if (fmt == REPORT_FMT_PNG) {
		cairo_set_source_rgb(cv.cr, 1, 1, 1);
		cairo_paint(cv.cr);
	}
	ret = draw_pages(&c, d, page, page + 1, (size_t)n, scale);
	if (ret < 0) {
		osk_fail(err, -ret, "out of memory");
		goto out;
	}
	st = cairo_status(cv.cr);
	if (st == CAIRO_STATUS_SUCCESS && fmt == REPORT_FMT_PNG)
		st = cairo_surface_write_to_png_stream(sf, sink_write, &k);
	cairo_destroy(cv.cr);
	cv.cr = NULL;
	cairo_surface_finish(sf);
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_status(sf);
	if (st != CAIRO_STATUS_SUCCESS || k.failed) {
		ret = cairo_error(st, &k, err);
		goto out;
	}
	ret = 1;
out:
	if (cv.cr)
		cairo_destroy(cv.cr);
	cairo_surface_destroy(sf);
	rctx_release(&c);
	return ret;
}

/* ---- the health-check sheet as a document ---- */

static void
sheet_draw(struct rctx *c, void *data, size_t i, size_t n)
{
	(void)n;
	sheet_page_draw(c, data, i);
}

/* d for sheet s; title is the buffer of its PDF title. */
static int
sheet_doc(struct report_renderer *r, const struct report_sheet *s,
	  struct report_doc *d, struct sbuf *title)
{
	enum osk_lang lang = s->lang == OSK_LANG_JA ? OSK_LANG_JA :
		OSK_LANG_EN;

	memset(d, 0, sizeof(*d));
	d->lang = lang;
	d->created = s->created;
	d->author = s->consultant;
	d->npages = s->npages;
	d->draw = sheet_draw;
	d->data = (void *)s;
	if (sbuf_addf(title, "%s - %s", texts_get(&r->texts, RT_TITLE, lang),
		      s->company ? s->company : "") < 0)
		return -OSK_ENOMEM;
	d->title = title->buf;
	return 0;
}

int
report_renderer_render_to(struct report_renderer *r,
			  const struct report_sheet *s, enum report_fmt fmt,
			  size_t page,
			  int (*write)(void *closure, const void *data,
				       size_t len),
			  void *closure, struct osk_error *err)
{
	struct sbuf title = SBUF_INIT;
	struct report_doc d;
	int ret;

	if (!s->npages || (fmt != REPORT_FMT_PDF && page >= s->npages))
		return osk_fail(err, OSK_EUSAGE, "the sheet has no page %zu",
				page + 1);
	if (sheet_doc(r, s, &d, &title) < 0)
		ret = osk_fail(err, OSK_ENOMEM, "out of memory");
	else
		ret = doc_render_to(r, &d, fmt, page, write, closure, err);
	sbuf_release(&title);
	return ret;
}

/* ---- files: written under a temporary name, then renamed ---- */

static int
file_write(void *closure, const void *data, size_t len)
{
	return fwrite(data, 1, len, closure) == len ? 0 : -1;
}

/* The file name of page i: path itself, or "<stem>-<i+1><ext>". */
static int
page_path(struct sbuf *out, const char *path, size_t i)
{
	const char *dot = strrchr(path, '.'), *slash = strrchr(path, '/');

	sbuf_reset(out);
	if (i == 0)
		return sbuf_adds(out, path);
	if (!dot || (slash && dot < slash))
		dot = path + strlen(path);
	if (sbuf_add(out, path, (size_t)(dot - path)) < 0)
		return -OSK_ENOMEM;
	return sbuf_addf(out, "-%zu%s", i + 1, dot);
}

static int
render_file(struct report_renderer *r, const struct report_doc *d,
	    enum report_fmt fmt, size_t page, const char *path,
	    struct osk_error *err)
{
	struct sbuf tmp = SBUF_INIT;
	FILE *f = NULL;
	mode_t mask;
	int fd = -1, ret;

	if (sbuf_addf(&tmp, "%s.tmpXXXXXX", path) < 0) {
		ret = osk_fail(err, OSK_ENOMEM, "out of memory");
		goto out;
	}
	fd = mkstemp(tmp.buf);
	if (fd < 0) {
		ret = osk_fail(err, OSK_ECANTCREAT, "cannot create '%s': %s",
			       path, strerror(errno));
		sbuf_reset(&tmp);
		goto out;
	}
	/* mkstemp makes 0600: give the file the usual mode. */
	mask = umask(0);
	umask(mask);
	if (fchmod(fd, 0666 & ~mask) < 0 || !(f = fdopen(fd, "wb"))) {
		ret = osk_fail(err, OSK_ECANTCREAT, "cannot create '%s': %s",
			       path, strerror(errno));
		goto out;
	}
	fd = -1;
	errno = 0;
	ret = doc_render_to(r, d, fmt, page, file_write, f, err);
	if (ret < 0) {
		if (ret == -OSK_EIO)
			osk_fail(err, OSK_EIO, "cannot write '%s': %s", path,
				 strerror(errno ? errno : EIO));
		goto out;
	}
	if (fflush(f) || ferror(f)) {
		ret = osk_fail(err, OSK_EIO, "cannot write '%s': %s", path,
			       strerror(errno));
		goto out;
	}
	if (fclose(f)) {
		f = NULL;
		ret = osk_fail(err, OSK_EIO, "cannot write '%s': %s", path,
			       strerror(errno));
		goto out;
	}
	f = NULL;
	if (rename(tmp.buf, path) < 0) {
		ret = osk_fail(err, OSK_ECANTCREAT, "cannot create '%s': %s",
			       path, strerror(errno));
		goto out;
	}
	sbuf_reset(&tmp);
out:
	if (f)
		fclose(f);
	if (fd >= 0)
		close(fd);
	if (tmp.len)
		unlink(tmp.buf);
	sbuf_release(&tmp);
	return ret;
}

int
doc_render(struct report_renderer *r, const struct report_doc *d,
	   enum report_fmt fmt, const char *path, struct osk_error *err)
{
	struct sbuf name = SBUF_INIT;
	size_t i;
	int ret, n;

	ret = render_file(r, d, fmt, 0, path, err);
	if (ret < 0 || fmt == REPORT_FMT_PDF)
		return ret;
	/* PNG, SVG: page 1 told how many there are */
	n = d->plan ? -1 : (int)d->npages;
	for (i = 1; n < 0 || i < (size_t)n; i++) {
		if (page_path(&name, path, i) < 0) {
			ret = osk_fail(err, OSK_ENOMEM, "out of memory");
			goto out;
		}
		ret = render_file(r, d, fmt, i, name.buf, err);
		if (ret == -OSK_EUSAGE && n < 0) {
			osk_error_clear(err);
			break;		/* past the last page */
		}
		if (ret < 0)
			goto out;
	}
	ret = (int)i;
out:
	sbuf_release(&name);
	return ret;
}

int
report_renderer_render(struct report_renderer *r,
		       const struct report_sheet *s, enum report_fmt fmt,
		       const char *path, struct osk_error *err)
{
	struct sbuf title = SBUF_INIT;
	struct report_doc d;
	int ret;

	if (!s->npages)
		return osk_fail(err, OSK_EUSAGE, "nothing to draw: the sheet "
				"has no page");
	if (sheet_doc(r, s, &d, &title) < 0)
		ret = osk_fail(err, OSK_ENOMEM, "out of memory");
	else
		ret = doc_render(r, &d, fmt, path, err);
	sbuf_release(&title);
	return ret;
}

int
report_sheet_render(const struct report_sheet *s, enum report_fmt fmt,
		    const char *path, struct osk_error *err)
{
	struct report_renderer *r = report_renderer_new(NULL, err);
	int ret;

	if (!r)
		return -(err ? err->code : OSK_EINTERNAL);
	ret = report_renderer_render(r, s, fmt, path, err);
	report_renderer_free(r);
	return ret;
}
