/* SPDX-License-Identifier: MIT */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libdeflate.h>
#include <pango/pangocairo.h>

#include "core/error.h"
#include "core/sbuf.h"
#include "report/internal.h"
#include "report/pdf.h"

/*
 * The PDF writer on its own: the file's structure (every cross-reference
 * offset lands on its object, the trailer names root and info), what the
 * content streams say, the text that can be copied out (ToUnicode), equal
 * bytes for equal input, and a failing write.
 */

static struct report_renderer *renderer;	/* its Pango context */
static PangoContext *context;

static int
group_setup(void **state)
{
	struct osk_error err;

	(void)state;
	renderer = report_renderer_new(NULL, &err);
	if (!renderer) {
		print_error("renderer: %s\n", err.msg);
		return -1;
	}
	context = renderer->fonts.ctx;
	return 0;
}

static int
group_teardown(void **state)
{
	(void)state;
	report_renderer_free(renderer);
	return 0;
}

/* needle in the bytes of sb, which may hold NULs: the first match. */
static const char *
find(const struct sbuf *sb, const char *from, const char *needle)
{
	if (!from)
		from = sb->buf;
	return memmem(from, (size_t)(sb->buf + sb->len - from), needle,
		      strlen(needle));
}

static int
to_sbuf(void *closure, const void *data, size_t len)
{
	return sbuf_add(closure, data, len) < 0;
}

static int
fail_write(void *closure, const void *data, size_t len)
{
	(void)closure, (void)data, (void)len;
	errno = ENOSPC;
	return 1;
}

static PangoLayout *
layout(const char *font, const char *text)
{
	PangoLayout *l = pango_layout_new(context);
	PangoFontDescription *d = pango_font_description_from_string(font);

	pango_layout_set_font_description(l, d);
	pango_layout_set_text(l, text, -1);
	pango_font_description_free(d);
	return l;
}

/* Two pages: shapes with alpha, dashes, a clip, text regular and bold. */
static void
draw(struct pdf_doc *d)
{
	static const double dash[] = { 3, 1.5 };
	double rot[6] = { 0, 1, -1, 0, 0, 0 };
	PangoLayout *l;

	pdf_page_begin(d);
	pdf_set_rgba(d, 0.2, 0.4, 0.6, 1);
	pdf_move_to(d, 10, 10);
	pdf_line_to(d, 100, 10.25);
	pdf_line_to(d, 100, -20.5);
	pdf_close_path(d);
	pdf_fill(d, 1);
	pdf_set_rgba(d, 1, 0, 0, 0.5);
	pdf_set_line_width(d, 0.75);
	pdf_set_dash(d, dash, 2, 0);
	pdf_stroke(d);
	l = layout("IPAexGothic Bold 12", "太字");	/* dash still set */
	pdf_show_layout(d, l, 20, 300);
	g_object_unref(l);
	pdf_save(d);
	pdf_arc(d, 200, 200, 50, 0, 2 * M_PI);
	pdf_clip(d);
	pdf_transform(d, rot);
	pdf_set_rgba(d, 0, 0, 0, 1);
	l = layout("IPAexGothic 12", "情報セキュリティ ABC");
	pdf_show_layout(d, l, 20, 30);
	g_object_unref(l);
	pdf_restore(d);
	pdf_page_end(d);

	pdf_page_begin(d);
	l = layout("IPAexGothic Bold 20", "健康診断");
	pdf_show_layout(d, l, 50, 50);
	g_object_unref(l);
	pdf_page_end(d);
}

static void
render(struct pdf_cache *c, struct sbuf *out)
{
	struct pdf_doc *d = pdf_doc_new(c, 595.28, 841.89);
	struct osk_error err;

	assert_non_null(d);
	pdf_doc_info(d, "健康診断書 - テスト", "Yamada (山田)", 1700000000);
	draw(d);
	assert_int_equal(pdf_doc_finish(d, to_sbuf, out, &err), 0);
	pdf_doc_free(d);
}

/* The decompressed streams of f, one after another. */
static void
streams(const struct sbuf *f, struct sbuf *all)
{
	struct libdeflate_decompressor *z = libdeflate_alloc_decompressor();
	const char *p = f->buf;

	while ((p = find(f, p, "stream\n"))) {
		const char *end;
		size_t got = 0;
		char *buf;

		if (p > f->buf && p[-1] == 'd') {	/* "endstream" */
			p += 7;
			continue;
		}
		p += 7;
		end = find(f, p, "\nendstream");
		assert_non_null(end);
		buf = malloc(1 << 22);
		assert_int_equal(libdeflate_zlib_decompress(z, p,
			(size_t)(end - p), buf, 1 << 22, &got),
			LIBDEFLATE_SUCCESS);
		sbuf_add(all, buf, got);
		sbuf_addch(all, '\n');
		free(buf);
		p = end;
	}
	libdeflate_free_decompressor(z);
}

static void
test_pdf_structure(void **state)
{
	struct pdf_cache *c = pdf_cache_new();
	struct sbuf f = SBUF_INIT;
	const char *x, *p;
	char want[32];
	size_t nobj, i, startxref;

	(void)state;
	render(c, &f);
	assert_memory_equal(f.buf, "%PDF-1.5\n", 9);
	assert_string_equal(f.buf + f.len - 6, "%%EOF\n");

	/* startxref names the table; each entry lands on "N 0 obj" */
	p = find(&f, NULL, "startxref\n");
	assert_non_null(p);
	startxref = strtoul(p + 10, NULL, 10);
	assert_memory_equal(f.buf + startxref, "xref\n0 ", 7);
	x = f.buf + startxref + 7;
	nobj = strtoul(x, NULL, 10);
	assert_true(nobj > 10);
	x = strchr(x, '\n') + 1;
	assert_memory_equal(x, "0000000000 65535 f \n", 20);
	for (i = 1; i < nobj; i++) {
		size_t off;

		x += 20;
		assert_memory_equal(x + 10, " 00000 n \n", 10);
		off = strtoul(x, NULL, 10);
		snprintf(want, sizeof(want), "%zu 0 obj\n", i);
		assert_memory_equal(f.buf + off, want, strlen(want));
	}
	assert_non_null(find(&f, NULL, "/Root 1 0 R /Info 4 0 R /ID [<"));
	assert_non_null(find(&f, NULL, "/Type /Pages /Kids ["));
	assert_non_null(find(&f, NULL, "/Count 2 >>"));
	assert_non_null(find(&f, NULL, "/Subtype /CIDFontType2"));
	assert_non_null(find(&f, NULL, "+IPAexGothic"));
	assert_non_null(find(&f, NULL, "/FontFile2 "));
	/* the title as UTF-16BE: 健 U+5065, the date in UTC */
	assert_non_null(find(&f, NULL, "/Title <feff5065"));
	assert_non_null(find(&f, NULL, "/CreationDate (D:20231114221320Z)"));
	assert_non_null(find(&f, NULL, "/A0 << /CA 0.5 /ca 0.5 >>"));
	sbuf_release(&f);
	pdf_cache_free(c);
}

static void
test_pdf_content(void **state)
{
	struct pdf_cache *c = pdf_cache_new();
	struct sbuf f = SBUF_INIT, s = SBUF_INIT;
	const char *p;

	(void)state;
	render(c, &f);
	streams(&f, &s);
	/* y flipped once per page; numbers with three decimals at most */
	assert_non_null(find(&s, NULL, "1 0 0 -1 0 841.89 cm\n"));
	assert_non_null(find(&s, NULL, "10 10 m\n100 10.25 l\n100 -20.5 l\nh\n"
			       "f\n"));
	assert_non_null(find(&s, NULL, "0.2 0.4 0.6 rg\n"));
	assert_non_null(find(&s, NULL, "/A0 gs\n1 0 0 RG\n0.75 w\n[3 1.5 ] 0 d"));
	assert_non_null(find(&s, NULL, "W n\n"));
	assert_null(find(&s, NULL, "-0 "));
	/* rotated text: the text matrix carries the quarter turn */
	assert_non_null(find(&s, NULL, "0 12 12 0 "));
	/* bold: filled and stroked outlines, 1/24 em wide, never dashed */
	assert_non_null(find(&s, NULL, "0.5 w\n[] 0 d\n2 Tr\n"));
	assert_non_null(find(&s, NULL, "0.833 w\n"));
	/* ToUnicode: 情 U+60C5, 報 U+5831, A; .notdef unmapped */
	assert_non_null(find(&s, NULL, "<60c5>"));
	assert_non_null(find(&s, NULL, "<5831>"));
	assert_non_null(find(&s, NULL, "<0041>"));
	p = find(&s, NULL, "<0000> <");
	assert_non_null(p);
	assert_memory_equal(p + 8, "ffff>", 5);	/* the code space */
	assert_null(find(&s, p + 1, "<0000> <"));
	sbuf_release(&s);
	sbuf_release(&f);
	pdf_cache_free(c);
}

/* One line of text in font as a document: the file, and its streams. */
static void
text_pdf(const char *font, const char *text, struct sbuf *f, struct sbuf *s)
{
	struct pdf_cache *c = pdf_cache_new();
	struct pdf_doc *d = pdf_doc_new(c, 200, 100);
	struct osk_error err;
	PangoLayout *l = layout(font, text);

	pdf_page_begin(d);
	pdf_show_layout(d, l, 10, 10);
	pdf_page_end(d);
	assert_int_equal(pdf_doc_finish(d, to_sbuf, f, &err), 0);
	streams(f, s);
	g_object_unref(l);
	pdf_doc_free(d);
	pdf_cache_free(c);
}

/* Whether Pango sets text in font with the family asked for. */
static bool
font_found(const char *font, const char *family)
{
	PangoLayout *l = layout(font, "A");
	PangoLayoutIter *it = pango_layout_get_iter(l);
	PangoFontDescription *got = pango_font_describe(
		pango_layout_iter_get_run_readonly(it)->item->analysis.font);
	bool found = !strcmp(pango_font_description_get_family(got), family);

	pango_font_description_free(got);
	pango_layout_iter_free(it);
	g_object_unref(l);
	return found;
}

/* Right to left: each glyph maps to its own character, not to the rest. */
static void
test_pdf_right_to_left(void **state)
{
	struct sbuf f = SBUF_INIT, s = SBUF_INIT;

	(void)state;
	text_pdf("DejaVu Sans 12", "عربي", &f, &s);
	assert_non_null(find(&s, NULL, "> <0639>\n"));	/* ain */
	assert_non_null(find(&s, NULL, "> <0631>\n"));	/* reh */
	assert_non_null(find(&s, NULL, "> <0628>\n"));	/* beh */
	assert_non_null(find(&s, NULL, "> <064a>\n"));	/* yeh */
	assert_null(find(&s, NULL, "> <06390631"));
	sbuf_release(&s);
	sbuf_release(&f);
}

/* A font that is not TrueType (Cantarell is CFF): filled outlines. */
static void
test_pdf_outline_font(void **state)
{
	struct sbuf f = SBUF_INIT, s = SBUF_INIT;

	(void)state;
	if (!font_found("Cantarell Bold 12", "Cantarell"))
		skip();		/* make deps installs fonts-cantarell */
	text_pdf("Cantarell Bold 12", "Hi", &f, &s);
	assert_null(find(&f, NULL, "/FontFile2"));	/* nothing embedded */
	assert_null(find(&s, NULL, "BT\n"));
	assert_non_null(find(&s, NULL, " c\n"));	/* curves */
	assert_non_null(find(&s, NULL, "h\nf\n"));
	sbuf_release(&s);
	sbuf_release(&f);
}

/* Equal input, equal bytes: the cache carries nothing into a document. */
static void
test_pdf_same_bytes(void **state)
{
	struct pdf_cache *c = pdf_cache_new(), *c2 = pdf_cache_new();
	struct sbuf a = SBUF_INIT, b = SBUF_INIT, z = SBUF_INIT;

	(void)state;
	render(c, &a);
	render(c, &b);
	render(c2, &z);
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.buf, b.buf, a.len);
	assert_int_equal(a.len, z.len);
	assert_memory_equal(a.buf, z.buf, a.len);
	sbuf_release(&a);
	sbuf_release(&b);
	sbuf_release(&z);
	pdf_cache_free(c);
	pdf_cache_free(c2);
}

static void
test_pdf_write_error(void **state)
{
	struct pdf_cache *c = pdf_cache_new();
	struct pdf_doc *d = pdf_doc_new(c, 100, 100);
	struct osk_error err;

	(void)state;
	draw(d);
	assert_int_equal(pdf_doc_finish(d, fail_write, NULL, &err), -OSK_EIO);
	assert_int_equal(err.code, OSK_EIO);
	pdf_doc_free(d);
	pdf_cache_free(c);
}

/* Nothing drawn: still a valid file of no page; odd input is harmless. */
static void
test_pdf_edge_cases(void **state)
{
	struct pdf_cache *c = pdf_cache_new();
	struct pdf_doc *d = pdf_doc_new(c, 100, 100);
	struct sbuf f = SBUF_INIT, s = SBUF_INIT;
	struct osk_error err;
	double bad[9] = { 1, 1, 1, 1, 1, 1, 1, 1, 1 };

	(void)state;
	pdf_page_begin(d);
	pdf_restore(d);			/* more restores than saves */
	pdf_fill(d, 0);			/* no path */
	pdf_stroke(d);
	pdf_set_dash(d, bad, 9, 0);	/* too many: solid */
	pdf_arc(d, 0, 0, NAN, 0, 1);
	pdf_line_to(d, INFINITY, 1e300);
	pdf_line_to(d, -0.0004, 0.0004);
	pdf_fill(d, 0);
	pdf_save(d);
	pdf_save(d);			/* left open: closed at the page end */
	pdf_page_end(d);
	assert_int_equal(pdf_doc_finish(d, to_sbuf, &f, &err), 0);
	streams(&f, &s);
	assert_non_null(find(&s, NULL, "0 0 m\n0 0 l\nf\n"));
	assert_non_null(find(&s, NULL, "q\nq\nQ\nQ\n"));
	assert_non_null(find(&f, NULL, "/Count 1 >>"));
	sbuf_release(&s);
	sbuf_release(&f);
	pdf_doc_free(d);
	pdf_cache_free(c);
}

#include "report/lsan_fontconfig.h"

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pdf_structure),
		cmocka_unit_test(test_pdf_content),
		cmocka_unit_test(test_pdf_right_to_left),
		cmocka_unit_test(test_pdf_outline_font),
		cmocka_unit_test(test_pdf_same_bytes),
		cmocka_unit_test(test_pdf_write_error),
		cmocka_unit_test(test_pdf_edge_cases),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
