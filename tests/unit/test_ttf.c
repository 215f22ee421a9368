/* SPDX-License-Identifier: MIT */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "core/sbuf.h"
#include "report/ttf.h"

#define IPAEX "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf"
#define NONE UINT32_MAX

/* ---- bytes ---- */

static unsigned
rd16(const unsigned char *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

static uint32_t
rd32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

static void
wr16(unsigned char *p, unsigned v)
{
	p[0] = (unsigned char)(v >> 8);
	p[1] = (unsigned char)v;
}

static void
wr32(unsigned char *p, uint32_t v)
{
	wr16(p, v >> 16);
	wr16(p + 2, v & 0xffff);
}

static uint32_t
sum32(const unsigned char *p, size_t len)
{
	uint32_t s = 0;
	size_t i;

	for (i = 0; i < len; i += 4)
		s += rd32(p + i);
	return s;
}

static size_t
pad4(size_t n)
{
	return (n + 3) & ~(size_t)3;
}

/* ---- building fonts ---- */

struct tbl {
	char tag[5];
	const unsigned char *data;
	size_t len;
};

/*
 * Append a font of the n tables (sorted by tag) to out; its offsets count
 * from the start of out, so that a collection header may come first.
 */
static void
put_font(struct sbuf *out, const struct tbl *t, size_t n)
{
	size_t dir = out->len, off, i;
	unsigned char *e;
	static const unsigned char zero[4];

	off = dir + 12 + 16 * n;
	assert_int_equal(sbuf_grow(out, 12 + 16 * n), 0);
	memset(out->buf + dir, 0, 12 + 16 * n);
	wr32((unsigned char *)out->buf + dir, 0x00010000);
	wr16((unsigned char *)out->buf + dir + 4, (unsigned)n);
	out->len += 12 + 16 * n;
	for (i = 0; i < n; i++) {
		e = (unsigned char *)out->buf + dir + 12 + 16 * i;
		memcpy(e, t[i].tag, 4);
		wr32(e + 8, (uint32_t)off);
		wr32(e + 12, (uint32_t)t[i].len);
		off += pad4(t[i].len);
		assert_int_equal(sbuf_add(out, t[i].data, t[i].len), 0);
		assert_int_equal(sbuf_add(out, zero, pad4(t[i].len) -
					  t[i].len), 0);
		e = (unsigned char *)out->buf + dir + 12 + 16 * i;
		wr32(e + 4, sum32((unsigned char *)out->buf + rd32(e + 8),
				  pad4(t[i].len)));
	}
}

/* The directory entry of tag in the font at f, or NULL. */
static unsigned char *
dir_entry(unsigned char *f, const char *tag)
{
	unsigned i, n = rd16(f + 4);

	for (i = 0; i < n; i++)
		if (!memcmp(f + 12 + 16 * i, tag, 4))
			return f + 12 + 16 * i;
	return NULL;
}

/*
 * A tiny valid font of 4 glyphs, short loca, 3 long metrics:
 * 0 a box (.notdef), 1 a triangle (29 bytes, padded to 30),
 * 2 a composite of 1, 3 a composite of 2 (scaled) and 0 (2x2, with
 * instructions). Tests break it field by field.
 */
static const unsigned char glyphs[] = {
	/* 0: box, 34 bytes */
	0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x01, 0xf4, 0x02, 0xbc,
	0x00, 0x03, 0x00, 0x00, 0x01, 0x01, 0x01, 0x01,
	0x00, 0x00, 0x01, 0xf4, 0x00, 0x00, 0xfe, 0x0c,
	0x00, 0x00, 0x00, 0x00, 0x02, 0xbc, 0x00, 0x00,
	/* 1: triangle, 29 bytes and a pad byte */
	0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x01, 0x90, 0x02, 0x58,
	0x00, 0x02, 0x00, 0x00, 0x01, 0x01, 0x01,
	0x00, 0x00, 0x01, 0x90, 0xff, 0x38,
	0x00, 0x00, 0x00, 0x00, 0x02, 0x58, 0x00,
	/* 2 at 64: glyph 1 moved by (100, 0), 18 bytes */
	0xff, 0xff, 0x00, 0x64, 0x00, 0x00, 0x01, 0xf4, 0x02, 0x58,
	0x00, 0x03, 0x00, 0x01, 0x00, 0x64, 0x00, 0x00,
	/* 3 at 82: glyph 2 scaled 1.0, glyph 0 by a 2x2, 35 + 1 bytes */
	0xff, 0xff, 0x00, 0x00, 0x00, 0x00, 0x01, 0xf4, 0x02, 0xbc,
	0x00, 0x2a, 0x00, 0x02, 0x00, 0x00, 0x40, 0x00,
	0x01, 0x82, 0x00, 0x00, 0x00, 0x00,
	0x40, 0x00, 0x00, 0x00, 0x00, 0x00, 0x40, 0x00,
	0x00, 0x01, 0xb0, 0x00,
};

#define G2 64	/* offset of glyph 2 in glyphs[] */

struct tiny {
	unsigned char os2[96], cvt[4], glyf[sizeof(glyphs)], head[54];
	unsigned char hhea[36], hmtx[14], loca[10], maxp[32], name[66];
	unsigned char prep[3];
};

static void
tiny_init(struct tiny *f)
{
	static const unsigned loca[] = { 0, 34, 64, 82, 118 };
	static const unsigned hmtx[] = { 500, 0, 450, 0, 550, 100, 7 };
	static const char *mac = "Tiny-Mac", *win = "Tiny (Regular)";
	size_t i;

	memset(f, 0, sizeof(*f));
	wr16(f->os2, 4);
	wr16(f->os2 + 88, 650);			/* sCapHeight */
	wr32(f->cvt, 0x00640032);
	memcpy(f->prep, "\xb0\x01\x00", 3);
	memcpy(f->glyf, glyphs, sizeof(glyphs));
	wr32(f->head, 0x00010000);
	wr32(f->head + 12, 0x5f0f3cf5);
	wr16(f->head + 18, 1000);		/* unitsPerEm */
	wr16(f->head + 36, 0);
	wr16(f->head + 38, (unsigned)-200 & 0xffff);
	wr16(f->head + 40, 600);
	wr16(f->head + 42, 800);
	wr16(f->head + 48, 2);
	wr32(f->hhea, 0x00010000);
	wr16(f->hhea + 4, 800);
	wr16(f->hhea + 6, (unsigned)-200 & 0xffff);
	wr16(f->hhea + 34, 3);			/* numberOfHMetrics */
	for (i = 0; i < 7; i++)
		wr16(f->hmtx + 2 * i, hmtx[i]);
	for (i = 0; i < 5; i++)
		wr16(f->loca + 2 * i, loca[i] / 2);
	wr32(f->maxp, 0x00010000);
	wr16(f->maxp + 4, 4);
	wr16(f->maxp + 28, 2);
	wr16(f->maxp + 30, 2);
	/* name: Macintosh "Tiny-Mac", then Windows "Tiny (Regular)" */
	wr16(f->name + 2, 2);
	wr16(f->name + 4, 30);
	wr16(f->name + 6, 1);
	wr16(f->name + 12, 6);
	wr16(f->name + 14, 8);
	wr16(f->name + 18, 3);
	wr16(f->name + 20, 1);
	wr16(f->name + 22, 0x409);
	wr16(f->name + 24, 6);
	wr16(f->name + 26, 28);
	wr16(f->name + 28, 8);
	memcpy(f->name + 30, mac, 8);
	for (i = 0; i < 14; i++)
		wr16(f->name + 38 + 2 * i, (unsigned char)win[i]);
}

static void
tiny_put(const struct tiny *f, struct sbuf *out)
{
	const struct tbl t[] = {
		{ "OS/2", f->os2, sizeof(f->os2) },
		{ "cvt ", f->cvt, sizeof(f->cvt) },
		{ "glyf", f->glyf, sizeof(f->glyf) },
		{ "head", f->head, sizeof(f->head) },
		{ "hhea", f->hhea, sizeof(f->hhea) },
		{ "hmtx", f->hmtx, sizeof(f->hmtx) },
		{ "loca", f->loca, sizeof(f->loca) },
		{ "maxp", f->maxp, sizeof(f->maxp) },
		{ "name", f->name, sizeof(f->name) },
		{ "prep", f->prep, sizeof(f->prep) },
	};

	put_font(out, t, sizeof(t) / sizeof(t[0]));
}

static void
tiny_font(struct sbuf *out)
{
	struct tiny f;

	tiny_init(&f);
	tiny_put(&f, out);
}

/* ---- checking fonts ---- */

/* Offsets of the glyphIndex fields of composite glyph g, or -1. */
static int
components(const unsigned char *g, size_t len, size_t *at, int max)
{
	size_t pos = 10;
	unsigned flags;
	int n = 0;

	do {
		if (pos + 4 > len || n == max)
			return -1;
		flags = rd16(g + pos);
		at[n++] = pos + 2;
		pos += flags & 1 ? 8 : 6;
		pos += flags & 0x08 ? 2 : flags & 0x40 ? 4 :
		       flags & 0x80 ? 8 : 0;
		if (pos > len)
			return -1;
	} while (flags & 0x20);
	return n;
}

static void
glyph_range(const struct ttf *t, unsigned gid, uint32_t *a, uint32_t *b)
{
	const unsigned char *l = t->data + t->loca.off;

	if (t->loc_format) {
		*a = rd32(l + 4 * gid);
		*b = rd32(l + 4 * gid + 4);
	} else {
		*a = 2 * rd16(l + 2 * gid);
		*b = 2 * rd16(l + 2 * gid + 2);
	}
}

static unsigned
lsb(const struct ttf *t, unsigned gid)
{
	const unsigned char *h = t->data + t->hmtx.off;

	if (gid < t->num_hmetrics)
		return rd16(h + 4 * gid + 2);
	return rd16(h + 4 * t->num_hmetrics + 2 * (gid - t->num_hmetrics));
}

/* The sfnt structure: directory, alignment, padding, checksums. */
static void
check_font(const unsigned char *f, size_t len)
{
	unsigned n = rd16(f + 4), sel = 0, i, j;
	const unsigned char *e, *o;
	uint32_t off, tlen, sum;
	size_t k;

	assert_int_equal(len % 4, 0);
	assert_true(len >= 12 + 16 * (size_t)n);
	assert_int_equal(rd32(f), 0x00010000);
	while (2u << sel <= n)
		sel++;
	assert_int_equal(rd16(f + 6), 16u << sel);
	assert_int_equal(rd16(f + 8), sel);
	assert_int_equal(rd16(f + 10), 16 * n - (16u << sel));
	for (i = 0; i < n; i++) {
		e = f + 12 + 16 * i;
		off = rd32(e + 8);
		tlen = rd32(e + 12);
		assert_int_equal(off % 4, 0);
		assert_true(off >= 12 + 16 * n);
		assert_true((uint64_t)off + pad4(tlen) <= len);
		for (k = tlen; k < pad4(tlen); k++)
			assert_int_equal(f[off + k], 0);
		sum = sum32(f + off, pad4(tlen));
		if (!memcmp(e, "head", 4))
			sum -= rd32(f + off + 8);
		assert_int_equal(sum, rd32(e + 4));
		if (i)
			assert_true(memcmp(e - 16, e, 4) < 0);
		for (j = 0; j < i; j++) {
			o = f + 12 + 16 * j;
			assert_true(rd32(o + 8) + pad4(rd32(o + 12)) <= off ||
				    off + pad4(tlen) <= rd32(o + 8));
		}
	}
	assert_int_equal(sum32(f, len), 0xb1b0afba);
}

/*
 * f (len bytes) is the subset of t for gids[0..n): every glyph the same
 * bytes and metrics as its original, except for renumbered components,
 * which must point at a glyph that is the original component.
 */
static void
check_subset(const struct ttf *t, const uint16_t *gids, size_t n,
	     const unsigned char *f, size_t len, size_t total)
{
	uint32_t *orig = malloc(total * sizeof(*orig));
	unsigned char *tmp = malloc(t->glyf.len + 4);
	struct osk_error err;
	struct ttf s;
	uint32_t a, b, c, d, g, cn, co;
	size_t i, j, at[64], at2[64];
	int nc;

	assert_non_null(orig);
	assert_non_null(tmp);
	check_font(f, len);
	assert_int_equal(ttf_parse(&s, f, len, 0, &err), 0);
	assert_int_equal(s.num_glyphs, total);
	assert_int_equal(s.num_hmetrics, total);
	assert_int_equal(s.loc_format, 1);
	assert_int_equal(s.units_per_em, t->units_per_em);
	assert_int_equal(s.loca.len, 4 * (total + 1));
	assert_int_equal(s.hmtx.len, 4 * total);
	assert_int_equal(s.cvt.len, t->cvt.len);
	assert_int_equal(s.fpgm.len, t->fpgm.len);
	assert_int_equal(s.prep.len, t->prep.len);
	assert_memory_equal(f + s.maxp.off + 6, t->data + t->maxp.off + 6,
			    t->maxp.len - 6);
	for (i = 0; i < total; i++)
		orig[i] = i < n ? gids[i] : NONE;
	for (i = 0; i < total; i++) {
		g = orig[i];
		assert_int_not_equal(g, NONE);
		glyph_range(&s, (unsigned)i, &c, &d);
		assert_int_equal(c % 4, 0);
		assert_true(c <= d && d <= s.glyf.len);
		if (g >= t->num_glyphs) {
			assert_int_equal(d, c);
			assert_int_equal(ttf_advance(&s, (unsigned)i), 0);
			continue;
		}
		assert_int_equal(ttf_advance(&s, (unsigned)i),
				 ttf_advance(t, g));
		assert_int_equal(lsb(&s, (unsigned)i), lsb(t, g));
		glyph_range(t, g, &a, &b);
		assert_int_equal(d - c, pad4(b - a));
		memcpy(tmp, f + s.glyf.off + c, d - c);
		for (j = b - a; j < d - c; j++)
			assert_int_equal(tmp[j], 0);
		if (b > a && (t->data[t->glyf.off + a] & 0x80)) {
			nc = components(t->data + t->glyf.off + a, b - a,
					at, 64);
			assert_true(nc > 0);
			assert_int_equal(components(tmp, b - a, at2, 64), nc);
			for (j = 0; j < (size_t)nc; j++) {
				assert_int_equal(at[j], at2[j]);
				cn = rd16(tmp + at[j]);
				co = rd16(t->data + t->glyf.off + a + at[j]);
				assert_true(cn < total);
				if (orig[cn] == NONE) {
					assert_true(cn > i && cn >= n);
					orig[cn] = co;
				}
				assert_int_equal(orig[cn], co);
				/* the first place of a duplicate */
				while (cn-- > 0)
					assert_true(cn >= n || gids[cn] != co);
				wr16(tmp + at[j], co);
			}
		}
		assert_memory_equal(tmp, t->data + t->glyf.off + a, b - a);
	}
	free(tmp);
	free(orig);
}

/* Subset, check, and return the font's length in out. */
static size_t
subset_ok(const struct ttf *t, const uint16_t *gids, size_t n,
	  struct sbuf *out, size_t want_total)
{
	struct osk_error err;
	size_t total = 0, start = out->len;

	if (ttf_subset(t, gids, n, 0, out, &total, &err))
		fail_msg("ttf_subset: %s", err.msg);
	assert_int_equal(total, want_total);
	check_subset(t, gids, n, (unsigned char *)out->buf + start,
		     out->len - start, total);
	return out->len - start;
}

/* ---- IPAex Gothic ---- */

struct fixture {
	unsigned char *ipa;
	size_t ipa_len;
};

static int
group_setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));
	FILE *fp;
	long n;

	if (!fx)
		return -1;
	*state = fx;
	fp = fopen(IPAEX, "rb");
	if (!fp)
		return 0;
	if (fseek(fp, 0, SEEK_END) || (n = ftell(fp)) <= 0 ||
	    fseek(fp, 0, SEEK_SET) || !(fx->ipa = malloc((size_t)n)) ||
	    fread(fx->ipa, 1, (size_t)n, fp) != (size_t)n) {
		fclose(fp);
		return -1;
	}
	fx->ipa_len = (size_t)n;
	fclose(fp);
	return 0;
}

static int
group_teardown(void **state)
{
	struct fixture *fx = *state;

	free(fx->ipa);
	free(fx);
	return 0;
}

static void
ipaex(void **state, struct ttf *t)
{
	struct fixture *fx = *state;
	struct osk_error err;

	if (!fx->ipa)
		skip();
	if (ttf_parse(t, fx->ipa, fx->ipa_len, 0, &err))
		fail_msg("%s", err.msg);
}

static void
test_ttf_ipaex_parse(void **state)
{
	struct ttf t;

	ipaex(state, &t);
	assert_true(t.num_glyphs > 10000);
	assert_int_equal(t.units_per_em, 2048);
	assert_int_equal(t.loc_format, 1);
	assert_string_equal(t.psname, "IPAexGothic");
	assert_true(t.num_hmetrics <= t.num_glyphs);
	assert_true(t.ascender > 0 && t.descender < 0);
	assert_true(t.cap_height > 0 && t.cap_height < t.ascender);
	assert_true(t.xmin < t.xmax && t.ymin < t.ymax);
	assert_true(t.cvt.len && t.fpgm.len && t.prep.len);
	assert_true(ttf_advance(&t, 0) > 0);
	assert_int_equal(ttf_advance(&t, t.num_glyphs - 1u),
			 ttf_advance(&t, t.num_hmetrics - 1u));
	assert_int_equal(ttf_advance(&t, t.num_glyphs), 0);
	assert_int_equal(ttf_advance(&t, 70000), 0);
}

/* The first composite glyph of t, or 0 if it has none. */
static unsigned
find_composite(const struct ttf *t)
{
	uint32_t a, b;
	unsigned g;

	for (g = 1; g < t->num_glyphs; g++) {
		glyph_range(t, g, &a, &b);
		if (b - a >= 10 && (t->data[t->glyf.off + a] & 0x80))
			return g;
	}
	return 0;
}

static void
test_ttf_ipaex_subset_few(void **state)
{
	struct sbuf out = SBUF_INIT;
	uint16_t gids[8] = { 0, 36, 717, 2286 };
	size_t n = 4, total;
	struct ttf t;

	ipaex(state, &t);
	gids[n++] = (uint16_t)(t.num_glyphs - 1u);	/* past hmetrics */
	gids[n++] = 65535;				/* none: empty */
	if (find_composite(&t))
		gids[n++] = (uint16_t)find_composite(&t);
	ttf_subset(&t, gids, n, 0, &out, &total, NULL);
	sbuf_reset(&out);
	subset_ok(&t, gids, n, &out, total);
	assert_true(total >= n);
	sbuf_release(&out);
}

/* 600 glyphs from all over the font, twice: the same bytes. */
static void
test_ttf_ipaex_subset_600(void **state)
{
	struct sbuf a = SBUF_INIT, b = SBUF_INIT;
	uint16_t gids[600];
	struct osk_error err;
	size_t i, total;
	struct ttf t;

	ipaex(state, &t);
	for (i = 0; i < 600; i++)
		gids[i] = (uint16_t)(i * 7919 % t.num_glyphs);
	assert_int_equal(ttf_subset(&t, gids, 600, 0, &a, &total, &err), 0);
	subset_ok(&t, gids, 600, &b, total);
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.buf, b.buf, a.len);
	assert_true(a.len < t.len / 10);
	sbuf_release(&a);
	sbuf_release(&b);
}

/* ---- the tiny font ---- */

static void
tiny_parse(struct sbuf *buf, struct ttf *t)
{
	struct osk_error err;

	tiny_font(buf);
	if (ttf_parse(t, buf->buf, buf->len, 0, &err))
		fail_msg("%s", err.msg);
}

static void
test_ttf_tiny_parse(void **state)
{
	struct sbuf buf = SBUF_INIT;
	struct ttf t;

	(void)state;
	tiny_parse(&buf, &t);
	assert_int_equal(t.num_glyphs, 4);
	assert_int_equal(t.num_hmetrics, 3);
	assert_int_equal(t.units_per_em, 1000);
	assert_int_equal(t.loc_format, 0);
	assert_int_equal(t.xmin, 0);
	assert_int_equal(t.ymin, -200);
	assert_int_equal(t.xmax, 600);
	assert_int_equal(t.ymax, 800);
	assert_int_equal(t.ascender, 800);
	assert_int_equal(t.descender, -200);
	assert_int_equal(t.cap_height, 650);
	/* Windows record preferred, spaces and brackets left out */
	assert_string_equal(t.psname, "TinyRegular");
	assert_int_equal(t.glyf.len, 118);
	assert_int_equal(t.fpgm.len, 0);
	assert_int_equal(t.fpgm.off, 0);
	assert_int_equal(ttf_advance(&t, 0), 500);
	assert_int_equal(ttf_advance(&t, 1), 450);
	assert_int_equal(ttf_advance(&t, 2), 550);
	assert_int_equal(ttf_advance(&t, 3), 550);
	assert_int_equal(ttf_advance(&t, 4), 0);
	sbuf_release(&buf);
}

/* OS/2 before version 2 has no sCapHeight; no name table, no psname. */
static void
test_ttf_tiny_fallbacks(void **state)
{
	struct sbuf buf = SBUF_INIT;
	struct osk_error err;
	struct tiny f;
	struct ttf t;

	(void)state;
	tiny_init(&f);
	wr16(f.os2, 1);
	memcpy(f.name + 38, "\x00(\x00)\x00 ", 6);
	wr16(f.name + 26, 6);
	wr16(f.name + 2, 1);		/* only Macintosh */
	tiny_put(&f, &buf);
	assert_int_equal(ttf_parse(&t, buf.buf, buf.len, 0, &err), 0);
	assert_int_equal(t.cap_height, 800);
	assert_string_equal(t.psname, "Tiny-Mac");
	sbuf_reset(&buf);
	wr16(f.name + 2, 2);		/* Windows name of "() " only */
	tiny_put(&f, &buf);
	assert_int_equal(ttf_parse(&t, buf.buf, buf.len, 0, &err), 0);
	assert_string_equal(t.psname, "Tiny-Mac");
	sbuf_reset(&buf);
	wr16(f.name + 4, 60);		/* strings outside the table */
	tiny_put(&f, &buf);
	assert_int_equal(ttf_parse(&t, buf.buf, buf.len, 0, &err), 0);
	assert_string_equal(t.psname, "");
	sbuf_release(&buf);
}

/* 3 uses 2 and 0, 2 uses 1: 2 and 1 are appended in that order. */
static void
test_ttf_tiny_subset_closure(void **state)
{
	static const uint16_t gids[] = { 0, 3 };
	struct sbuf buf = SBUF_INIT, out = SBUF_INIT;
	const unsigned char *f, *g;
	struct ttf t, s;
	size_t len;

	(void)state;
	tiny_parse(&buf, &t);
	len = subset_ok(&t, gids, 2, &out, 4);
	f = (unsigned char *)out.buf;
	assert_int_equal(rd16(f + 4), 8);	/* no fpgm, OS/2, name */
	assert_null(dir_entry((unsigned char *)out.buf, "name"));
	assert_int_equal(ttf_parse(&s, f, len, 0, NULL), 0);
	g = f + s.glyf.off;
	/* new 1 (old 3) at 36 uses new 2 (old 2) and 0 */
	assert_int_equal(rd32(f + s.loca.off + 4), 36);
	assert_int_equal(rd16(g + 36 + 12), 2);
	assert_int_equal(rd16(g + 36 + 20), 0);
	/* new 2 (old 2) at 72 uses new 3 (old 1) */
	assert_int_equal(rd16(g + 72 + 12), 3);
	assert_int_equal(ttf_advance(&s, 3), 450);
	sbuf_release(&out);
	sbuf_release(&buf);
}

static void
test_ttf_tiny_subset_duplicates_and_missing(void **state)
{
	static const uint16_t dup[] = { 0, 1, 1, 2 };
	static const uint16_t missing[] = { 0, 9, 1 };
	struct sbuf buf = SBUF_INIT, out = SBUF_INIT;
	struct ttf t;

	(void)state;
	tiny_parse(&buf, &t);
	subset_ok(&t, dup, 4, &out, 4);
	sbuf_reset(&out);
	subset_ok(&t, missing, 3, &out, 3);
	sbuf_reset(&out);
	subset_ok(&t, missing + 1, 1, &out, 1);	/* an empty glyf */
	sbuf_release(&out);
	sbuf_release(&buf);
}

/* Appended after other bytes (an odd count): the font is the same. */
static void
test_ttf_tiny_subset_appends(void **state)
{
	static const uint16_t gids[] = { 0, 2, 1 };
	struct sbuf buf = SBUF_INIT, a = SBUF_INIT, b = SBUF_INIT;
	struct osk_error err;
	size_t len;
	struct ttf t;

	(void)state;
	tiny_parse(&buf, &t);
	assert_int_equal(ttf_subset(&t, gids, 3, 0, &a, NULL, &err), 0);
	sbuf_adds(&b, "xyz");
	len = subset_ok(&t, gids, 3, &b, 3);
	assert_int_equal(len, a.len);
	assert_memory_equal(a.buf, b.buf + 3, a.len);
	assert_memory_equal(b.buf, "xyz", 3);
	sbuf_release(&a);
	sbuf_release(&b);
	sbuf_release(&buf);
}

static void
test_ttf_collection(void **state)
{
	static const uint16_t gids[] = { 0, 3 };
	struct sbuf buf = SBUF_INIT, out = SBUF_INIT;
	struct osk_error err;
	struct ttf t;

	(void)state;
	sbuf_add(&buf, "ttcf\0\1\0\0\0\0\0\1\0\0\0\x10", 16);
	tiny_font(&buf);
	assert_int_equal(ttf_parse(&t, buf.buf, buf.len, 0, &err), 0);
	assert_int_equal(t.num_glyphs, 4);
	assert_string_equal(t.psname, "TinyRegular");
	subset_ok(&t, gids, 2, &out, 4);
	assert_int_equal(ttf_parse(&t, buf.buf, buf.len, 1, &err),
			 -OSK_EDATA);
	assert_string_equal(err.msg, "font: no font 1 in a collection of 1");
	wr32((unsigned char *)buf.buf + 8, 70000);	/* numFonts */
	assert_int_equal(ttf_parse(&t, buf.buf, buf.len, 65536, &err),
			 -OSK_EDATA);
	assert_string_equal(err.msg, "font: collection header lies outside "
			    "the file");
	assert_int_equal(ttf_parse(&t, buf.buf, 20, 0, &err), -OSK_EDATA);
	assert_string_equal(err.msg, "font: table directory lies outside "
			    "the file");
	sbuf_release(&out);
	sbuf_release(&buf);
}

/* ---- malformed fonts ---- */

static void
expect_parse_error(const void *buf, size_t len, const char *want)
{
	struct osk_error err;
	struct ttf t;

	if (ttf_parse(&t, buf, len, 0, &err) != -OSK_EDATA)
		fail_msg("parsed, expected '%s'", want);
	assert_int_equal(err.code, OSK_EDATA);
	assert_string_equal(err.msg, want);
}

static void
test_ttf_bad_files(void **state)
{
	struct sbuf buf = SBUF_INIT;
	unsigned char *f;

	(void)state;
	tiny_font(&buf);
	f = (unsigned char *)buf.buf;
	expect_parse_error(f, 10, "font: file too short (10 bytes)");
	expect_parse_error(f, 0, "font: file too short (0 bytes)");
	expect_parse_error(f, 100, "font: table directory lies outside "
			   "the file");
	assert_int_equal(ttf_parse(&(struct ttf){ 0 }, f, buf.len, 1, NULL),
			 -OSK_EDATA);
	memcpy(f, "OTTO", 4);
	expect_parse_error(f, buf.len, "font: CFF-flavoured OpenType fonts "
			   "('OTTO') are not supported");
	memcpy(f, "wOFF", 4);
	expect_parse_error(f, buf.len, "font: not a TrueType font");
	memcpy(f, "true", 4);
	expect_parse_error(f, buf.len - 2, "font: table 'prep' lies outside "
			   "the file");
	wr32(dir_entry(f, "loca") + 8, (uint32_t)buf.len);
	expect_parse_error(f, buf.len, "font: table 'loca' lies outside "
			   "the file");
	wr32(dir_entry(f, "loca") + 8, 0xfffffff0);	/* no wrapping */
	expect_parse_error(f, buf.len, "font: table 'loca' lies outside "
			   "the file");
	memcpy(dir_entry(f, "loca"), "LOCA", 4);
	expect_parse_error(f, buf.len, "font: no 'loca' table");
	sbuf_release(&buf);
}

/* Fields of the fixed tables, one at a time. */
static void
test_ttf_bad_tables(void **state)
{
	static const struct {
		size_t field;	/* offset in struct tiny */
		uint32_t value;
		int wide;
		const char *msg;
	} cases[] = {
		{ offsetof(struct tiny, head) + 12, 0x5f0f3cf4, 1,
		  "font: table 'head' has a bad magic number" },
		{ offsetof(struct tiny, head) + 18, 0, 0,
		  "font: unitsPerEm 0 is outside 16..16384" },
		{ offsetof(struct tiny, head) + 50, 2, 0,
		  "font: indexToLocFormat 2 is neither 0 nor 1" },
		{ offsetof(struct tiny, head) + 50, 1, 0,	/* long */
		  "font: table 'loca' is too short" },
		{ offsetof(struct tiny, maxp) + 4, 0, 0, "font: no glyphs" },
		{ offsetof(struct tiny, maxp) + 4, 5, 0,
		  "font: table 'loca' is too short" },
		{ offsetof(struct tiny, hhea) + 34, 0, 0,
		  "font: table 'hhea' has no metrics" },
		{ offsetof(struct tiny, hhea) + 34, 4, 0,
		  "font: table 'hmtx' is too short" },
	};
	struct sbuf buf = SBUF_INIT;
	struct tiny f;
	struct ttf t;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		tiny_init(&f);
		if (cases[i].wide)
			wr32((unsigned char *)&f + cases[i].field,
			     cases[i].value);
		else
			wr16((unsigned char *)&f + cases[i].field,
			     cases[i].value);
		sbuf_reset(&buf);
		tiny_put(&f, &buf);
		expect_parse_error(buf.buf, buf.len, cases[i].msg);
	}
	/* more metrics than glyphs: only the glyphs' are used */
	tiny_init(&f);
	wr16(f.hhea + 34, 4);
	wr16(f.maxp + 4, 3);
	sbuf_reset(&buf);
	tiny_put(&f, &buf);
	assert_int_equal(ttf_parse(&t, buf.buf, buf.len, 0, NULL), 0);
	assert_int_equal(t.num_hmetrics, 3);
	sbuf_release(&buf);
}

/* Subset tiny font f to gids and expect an error code and message. */
static void
expect_subset_error(const struct tiny *f, const uint16_t *gids, size_t n,
		    int code, const char *msg)
{
	struct sbuf buf = SBUF_INIT, out = SBUF_INIT;
	struct osk_error err;
	size_t total = 12345;
	struct ttf t;

	tiny_put(f, &buf);
	assert_int_equal(ttf_parse(&t, buf.buf, buf.len, 0, &err), 0);
	sbuf_adds(&out, "kept");
	assert_int_equal(ttf_subset(&t, gids, n, 0, &out, &total, &err), -code);
	assert_int_equal(err.code, code);
	assert_string_equal(err.msg, msg);
	assert_string_equal(out.buf, "kept");
	assert_int_equal(total, 12345);
	sbuf_release(&out);
	sbuf_release(&buf);
}

static void
test_ttf_bad_loca(void **state)
{
	static const uint16_t all[] = { 0, 1, 2, 3 }, last[] = { 0, 3 };
	struct tiny f;

	(void)state;
	tiny_init(&f);
	expect_subset_error(&f, all, 0, OSK_EUSAGE,
			    "font: no glyphs to subset");
	wr16(f.loca + 4, 10);		/* glyph 2 before glyph 1 */
	expect_subset_error(&f, all, 2, OSK_EDATA,
			    "font: 'loca' offsets of glyph 1 decrease");
	tiny_init(&f);
	wr16(f.loca + 8, 60);		/* glyph 3 up to byte 120 */
	expect_subset_error(&f, last, 2, OSK_EDATA,
			    "font: glyph 3 lies outside table 'glyf'");
	wr16(f.glyf + G2 + 12, 3);		/* reached through glyph 2 */
	expect_subset_error(&f, all + 1, 2, OSK_EDATA,
			    "font: glyph 3 lies outside table 'glyf'");
	tiny_init(&f);
	wr16(f.loca + 2, 2);			/* glyph 0 of 4 bytes */
	expect_subset_error(&f, all, 1, OSK_EDATA,
			    "font: glyph 0 is too short (4 bytes)");
}

static void
test_ttf_bad_composites(void **state)
{
	static const uint16_t gids[] = { 0, 2 };
	struct tiny f;

	(void)state;
	/*
	 * A component the font lacks is an error, not an empty glyph: the
	 * font is broken, and a blank where a character should be would go
	 * unnoticed in a report.
	 */
	tiny_init(&f);
	wr16(f.glyf + G2 + 12, 7);
	expect_subset_error(&f, gids, 2, OSK_EDATA, "font: composite glyph 2 "
			    "uses glyph 7, beyond the font's 4 glyphs");
	tiny_init(&f);
	wr16(f.glyf + G2 + 10, 0x0023);	/* MORE_COMPONENTS: none */
	expect_subset_error(&f, gids, 2, OSK_EDATA,
			    "font: composite glyph 2 runs past its end");
	tiny_init(&f);
	wr16(f.glyf + G2 + 10, 0x0082);	/* 2x2: 8 bytes more */
	expect_subset_error(&f, gids, 2, OSK_EDATA,
			    "font: composite glyph 2 runs past its end");
	tiny_init(&f);
	wr16(f.loca + 6, 37);			/* glyph 2 of 10 bytes */
	expect_subset_error(&f, gids, 2, OSK_EDATA,
			    "font: composite glyph 2 runs past its end");
}

/* A glyph that uses itself, and a cycle: each is copied once. */
static void
test_ttf_composite_cycles(void **state)
{
	static const uint16_t gids[] = { 0, 2 };
	struct sbuf buf = SBUF_INIT, out = SBUF_INIT;
	struct tiny f;
	struct ttf t;

	(void)state;
	tiny_init(&f);
	wr16(f.glyf + G2 + 12, 2);
	tiny_put(&f, &buf);
	assert_int_equal(ttf_parse(&t, buf.buf, buf.len, 0, NULL), 0);
	subset_ok(&t, gids, 2, &out, 2);
	sbuf_reset(&buf);
	sbuf_reset(&out);
	wr16(f.glyf + G2 + 12, 3);		/* 2 -> 3 -> 2, 0 */
	tiny_put(&f, &buf);
	assert_int_equal(ttf_parse(&t, buf.buf, buf.len, 0, NULL), 0);
	subset_ok(&t, gids, 2, &out, 3);
	sbuf_release(&out);
	sbuf_release(&buf);
}

/*
 * Random damage to the tiny font, with a fixed seed: no crash, and either
 * an error with a message or a subset that checks out.
 */
static void
test_ttf_random_damage(void **state)
{
	static const uint16_t gids[] = { 0, 1, 2, 3, 4 };
	struct sbuf orig = SBUF_INIT, out = SBUF_INIT;
	unsigned char *f;
	struct osk_error err;
	uint32_t seed = 12345;
	size_t len, total, n;
	int i, k, flips, ok = 0;
	unsigned g;
	struct ttf t;

	(void)state;
	tiny_font(&orig);
	f = malloc(orig.len);
	assert_non_null(f);
	for (i = 0; i < 2000; i++) {
		memcpy(f, orig.buf, orig.len);
		len = orig.len;
		seed = seed * 1103515245 + 12345;
		flips = 1 + (int)(seed >> 16) % 4;
		for (k = 0; k < flips; k++) {
			seed = seed * 1103515245 + 12345;
			f[(seed >> 8) % len] ^= (unsigned char)(1 +
				(seed >> 24) % 255);
		}
		if (i % 8 == 7)
			len = (seed >> 4) % len;
		memset(&err, 0, sizeof(err));
		if (ttf_parse(&t, f, len, 0, &err)) {
			assert_int_equal(strncmp(err.msg, "font: ", 6), 0);
			continue;
		}
		for (g = 0; g <= t.num_glyphs; g++)
			ttf_advance(&t, g);
		n = (i % 5) + 1;
		sbuf_reset(&out);
		if (ttf_subset(&t, gids, n, 0, &out, &total, &err)) {
			assert_int_equal(strncmp(err.msg, "font: ", 6), 0);
			continue;
		}
		check_subset(&t, gids, n, (unsigned char *)out.buf, out.len,
			     total);
		ok++;
	}
	/* both ways taken often */
	assert_true(ok > 200 && ok < 1800);
	free(f);
	sbuf_release(&out);
	sbuf_release(&orig);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ttf_ipaex_parse),
		cmocka_unit_test(test_ttf_ipaex_subset_few),
		cmocka_unit_test(test_ttf_ipaex_subset_600),
		cmocka_unit_test(test_ttf_tiny_parse),
		cmocka_unit_test(test_ttf_tiny_fallbacks),
		cmocka_unit_test(test_ttf_tiny_subset_closure),
		cmocka_unit_test(test_ttf_tiny_subset_duplicates_and_missing),
		cmocka_unit_test(test_ttf_tiny_subset_appends),
		cmocka_unit_test(test_ttf_collection),
		cmocka_unit_test(test_ttf_bad_files),
		cmocka_unit_test(test_ttf_bad_tables),
		cmocka_unit_test(test_ttf_bad_loca),
		cmocka_unit_test(test_ttf_bad_composites),
		cmocka_unit_test(test_ttf_composite_cycles),
		cmocka_unit_test(test_ttf_random_damage),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
