/* SPDX-License-Identifier: MIT */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "report/ttf.h"

/*
 * Everything here reads a font that may be hostile: every table offset is
 * checked once in ttf_parse() against the file, every field read after that
 * is checked against its table, and glyphs are checked in ttf_subset() as
 * they are used. Sizes are summed in 64 bits so that no check can wrap.
 */

#define TTC_TAG		0x74746366	/* 'ttcf' */
#define SFNT_TRUE	0x74727565	/* 'true' (old Apple TrueType) */
#define SFNT_OTTO	0x4f54544f	/* 'OTTO' (CFF outlines) */
#define HEAD_MAGIC	0x5f0f3cf5
#define HEAD_LEN	54
#define HHEA_LEN	36
#define GLYPH_HEADER	10		/* numberOfContours and bbox */
#define CHECKSUM_MAGIC	0xb1b0afbaU
#define MAX_GLYPHS	65535

/* ---- big-endian bytes ---- */

static unsigned
rd16(const unsigned char *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

static int
rds16(const unsigned char *p)
{
	unsigned v = rd16(p);

	return v < 0x8000 ? (int)v : (int)v - 0x10000;
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
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

static uint64_t
pad4(uint64_t n)
{
	return (n + 3) & ~(uint64_t)3;
}

/* The TrueType table checksum of len bytes, len a multiple of 4. */
static uint32_t
checksum(const unsigned char *p, size_t len)
{
	uint32_t sum = 0;
	size_t i;

	for (i = 0; i < len; i += 4)
		sum += rd32(p + i);
	return sum;
}

/* ---- parsing ---- */

static const struct {
	char tag[5];
	size_t field;		/* offsetof the struct ttf_table */
	bool required;
} known[] = {
	{ "head", offsetof(struct ttf, head), true },
	{ "hhea", offsetof(struct ttf, hhea), true },
	{ "maxp", offsetof(struct ttf, maxp), true },
	{ "loca", offsetof(struct ttf, loca), true },
	{ "glyf", offsetof(struct ttf, glyf), true },
	{ "hmtx", offsetof(struct ttf, hmtx), true },
	{ "cvt ", offsetof(struct ttf, cvt), false },
	{ "fpgm", offsetof(struct ttf, fpgm), false },
	{ "prep", offsetof(struct ttf, prep), false },
	{ "OS/2", offsetof(struct ttf, os2), false },
	{ "name", offsetof(struct ttf, name), false },
	{ "post", offsetof(struct ttf, post), false },
};

#define NKNOWN (sizeof(known) / sizeof(known[0]))

static struct ttf_table *
table_of(struct ttf *t, size_t k)
{
	return (struct ttf_table *)((char *)t + known[k].field);
}

static int
fail(struct osk_error *err, const char *tag, const char *what)
{
	return osk_fail(err, OSK_EDATA, "font: table '%s' %s", tag, what);
}

/* The offset of the table directory of face index, or a negative error. */
static int
find_face(const struct ttf *t, unsigned index, size_t *dir,
	  struct osk_error *err)
{
	uint32_t nfonts;

	*dir = 0;
	if (rd32(t->data) != TTC_TAG)
		return index ? osk_fail(err, OSK_EDATA, "font: no font %u in "
					"a file of one font", index) : 0;
	nfonts = rd32(t->data + 8);
	if (index >= nfonts)
		return osk_fail(err, OSK_EDATA, "font: no font %u in a "
				"collection of %u", index, (unsigned)nfonts);
	if (12 + 4 * (uint64_t)index + 4 > t->len)
		return osk_fail(err, OSK_EDATA, "font: collection header lies "
				"outside the file");
	*dir = rd32(t->data + 12 + 4 * (size_t)index);
	return 0;
}

static int
read_directory(struct ttf *t, size_t dir, struct osk_error *err)
{
	const unsigned char *p;
	uint32_t version, off, len;
	unsigned ntab, i, seen = 0;
	size_t k;

	if ((uint64_t)dir + 12 > t->len)
		return osk_fail(err, OSK_EDATA, "font: table directory lies "
				"outside the file");
	version = rd32(t->data + dir);
	if (version == SFNT_OTTO)
		return osk_fail(err, OSK_EDATA, "font: CFF-flavoured OpenType "
				"fonts ('OTTO') are not supported");
	if (version != 0x00010000 && version != SFNT_TRUE)
		return osk_fail(err, OSK_EDATA, "font: not a TrueType font");
	ntab = rd16(t->data + dir + 4);
	if ((uint64_t)dir + 12 + 16 * (uint64_t)ntab > t->len)
		return osk_fail(err, OSK_EDATA, "font: table directory lies "
				"outside the file");
	for (i = 0; i < ntab; i++) {
		p = t->data + dir + 12 + 16 * (size_t)i;
		off = rd32(p + 8);
		len = rd32(p + 12);
		for (k = 0; k < NKNOWN; k++)
			if (!memcmp(p, known[k].tag, 4))
				break;
		/* Unused tables are never read, so never checked. */
		if (k == NKNOWN || seen & 1u << k)
			continue;
		if ((uint64_t)off + len > t->len)
			return fail(err, known[k].tag, "lies outside the file");
		seen |= 1u << k;
		table_of(t, k)->off = off;
		table_of(t, k)->len = len;
	}
	/* An empty glyf is fine: a subset of blank glyphs has one. */
	for (k = 0; k < NKNOWN; k++)
		if (known[k].required && !(seen & 1u << k))
			return osk_fail(err, OSK_EDATA, "font: no '%s' table",
					known[k].tag);
	return 0;
}

static int
read_head(struct ttf *t, struct osk_error *err)
{
	const unsigned char *p = t->data + t->head.off;

	if (t->head.len < HEAD_LEN)
		return fail(err, "head", "is too short");
	if (rd32(p + 12) != HEAD_MAGIC)
		return fail(err, "head", "has a bad magic number");
	t->units_per_em = (uint16_t)rd16(p + 18);
	if (t->units_per_em < 16 || t->units_per_em > 16384)
		return osk_fail(err, OSK_EDATA, "font: unitsPerEm %u is "
				"outside 16..16384", t->units_per_em);
	t->xmin = (int16_t)rds16(p + 36);
	t->ymin = (int16_t)rds16(p + 38);
	t->xmax = (int16_t)rds16(p + 40);
	t->ymax = (int16_t)rds16(p + 42);
	t->loc_format = (int16_t)rds16(p + 50);
	if (t->loc_format != 0 && t->loc_format != 1)
		return osk_fail(err, OSK_EDATA, "font: indexToLocFormat %d "
				"is neither 0 nor 1", t->loc_format);
	return 0;
}

static int
read_metrics(struct ttf *t, struct osk_error *err)
{
	const unsigned char *hhea = t->data + t->hhea.off;
	uint64_t need;

	if (t->hhea.len < HHEA_LEN)
		return fail(err, "hhea", "is too short");
	if (t->maxp.len < 6)
		return fail(err, "maxp", "is too short");
	t->ascender = (int16_t)rds16(hhea + 4);
	t->descender = (int16_t)rds16(hhea + 6);
	t->num_hmetrics = (uint16_t)rd16(hhea + 34);
	t->num_glyphs = (uint16_t)rd16(t->data + t->maxp.off + 4);
	if (!t->num_glyphs)
		return osk_fail(err, OSK_EDATA, "font: no glyphs");
	if (!t->num_hmetrics)
		return fail(err, "hhea", "has no metrics");
	/* As FreeType does: metrics beyond the last glyph are never used. */
	if (t->num_hmetrics > t->num_glyphs)
		t->num_hmetrics = t->num_glyphs;
	need = ((uint64_t)t->num_glyphs + 1) * (t->loc_format ? 4 : 2);
	if (t->loca.len < need)
		return fail(err, "loca", "is too short");
	need = 4 * (uint64_t)t->num_hmetrics +
	       2 * (uint64_t)(t->num_glyphs - t->num_hmetrics);
	if (t->hmtx.len < need)
		return fail(err, "hmtx", "is too short");
	t->cap_height = t->ascender;
	if (t->os2.len >= 90 && rd16(t->data + t->os2.off) >= 2)
		t->cap_height = (int16_t)rds16(t->data + t->os2.off + 88);
	return 0;
}

/*
 * The characters of a name string that may stand in a PDF /BaseFont name:
 * UTF-16BE (wide) or single bytes, anything else left out.
 */
static size_t
clean_psname(char *dst, size_t size, const unsigned char *s, size_t len,
	     bool wide)
{
	size_t n = 0, i, step = wide ? 2 : 1;
	unsigned c;

	for (i = 0; i + step <= len && n + 1 < size; i += step) {
		c = wide ? rd16(s + i) : s[i];
		if (c > 32 && c < 127 && !strchr("()<>[]{}/%", (int)c))
			dst[n++] = (char)c;
	}
	dst[n] = '\0';
	return n;
}

/* Prefer Windows, then Macintosh, then Unicode platform records. */
static void
read_psname(struct ttf *t)
{
	static const int rank_of[] = { 1, 2, 0, 3 };	/* by platformID */
	const unsigned char *p = t->data + t->name.off, *r;
	char buf[sizeof(t->psname)];
	unsigned count, strings, pid, i;
	int best = 0;

	if (t->name.len < 6)
		return;
	count = rd16(p + 2);
	strings = rd16(p + 4);
	if (count > (t->name.len - 6) / 12)
		count = (t->name.len - 6) / 12;
	for (i = 0; i < count; i++) {
		r = p + 6 + 12 * (size_t)i;
		pid = rd16(r);
		if (rd16(r + 6) != 6 || pid > 3 || rank_of[pid] <= best)
			continue;
		if ((uint64_t)strings + rd16(r + 10) + rd16(r + 8) >
		    t->name.len)
			continue;
		if (clean_psname(buf, sizeof(buf), p + strings + rd16(r + 10),
				 rd16(r + 8), pid != 1)) {
			memcpy(t->psname, buf, sizeof(buf));
			best = rank_of[pid];
		}
	}
}

int
ttf_parse(struct ttf *t, const void *data, size_t len, unsigned index,
	  struct osk_error *err)
{
	size_t dir;
	int r;

	memset(t, 0, sizeof(*t));
	t->data = data;
	t->len = len;
	if (len < 12)
		return osk_fail(err, OSK_EDATA, "font: file too short "
				"(%zu bytes)", len);
	if ((r = find_face(t, index, &dir, err)) ||
	    (r = read_directory(t, dir, err)) ||
	    (r = read_head(t, err)) ||
	    (r = read_metrics(t, err)))
		return r;
	read_psname(t);
	return 0;
}

unsigned
ttf_advance(const struct ttf *t, unsigned gid)
{
	unsigned i;

	if (gid >= t->num_glyphs)
		return 0;
	i = gid < t->num_hmetrics ? gid : t->num_hmetrics - 1u;
	return rd16(t->data + t->hmtx.off + 4 * (size_t)i);
}

static unsigned
left_bearing(const struct ttf *t, unsigned gid)
{
	const unsigned char *h = t->data + t->hmtx.off;

	if (gid < t->num_hmetrics)
		return rd16(h + 4 * (size_t)gid + 2);
	return rd16(h + 4 * (size_t)t->num_hmetrics +
		    2 * (size_t)(gid - t->num_hmetrics));
}

/* ---- glyphs ---- */

/* Bytes [*off, *off + *len) of the file hold glyph gid < num_glyphs. */
static int
glyph_at(const struct ttf *t, unsigned gid, uint32_t *off, uint32_t *len,
	 struct osk_error *err)
{
	const unsigned char *l = t->data + t->loca.off;
	uint32_t a, b;

	if (t->loc_format) {
		a = rd32(l + 4 * (size_t)gid);
		b = rd32(l + 4 * (size_t)gid + 4);
	} else {
		a = 2 * (uint32_t)rd16(l + 2 * (size_t)gid);
		b = 2 * (uint32_t)rd16(l + 2 * (size_t)gid + 2);
	}
	if (b < a)
		return osk_fail(err, OSK_EDATA, "font: 'loca' offsets of "
				"glyph %u decrease", gid);
	if (b > t->glyf.len)
		return osk_fail(err, OSK_EDATA, "font: glyph %u lies outside "
				"table 'glyf'", gid);
	if (b - a && b - a < GLYPH_HEADER)
		return osk_fail(err, OSK_EDATA, "font: glyph %u is too short "
				"(%u bytes)", gid, (unsigned)(b - a));
	*off = t->glyf.off + a;
	*len = b - a;
	return 0;
}

static bool
is_composite(const unsigned char *g, uint32_t len)
{
	return len && rds16(g) < 0;
}

/* Composite glyph component flags */
#define ARG_1_AND_2_ARE_WORDS	0x0001
#define WE_HAVE_A_SCALE		0x0008
#define MORE_COMPONENTS		0x0020
#define WE_HAVE_AN_X_AND_Y_SCALE 0x0040
#define WE_HAVE_A_TWO_BY_TWO	0x0080
#define WE_HAVE_INSTRUCTIONS	0x0100

struct components {
	uint32_t pos;		/* next record */
	bool more;
};

#define COMPONENTS_INIT { GLYPH_HEADER, true }

/*
 * Step to the next component record of composite glyph g: 1 with *at the
 * offset of its glyphIndex, 0 after the last, -1 if it runs past len.
 * Instructions after the last record are copied, never read, so they are
 * not checked.
 */
static int
next_component(const unsigned char *g, uint32_t len, struct components *c,
	       uint32_t *at)
{
	unsigned flags;
	uint32_t size;

	if (!c->more)
		return 0;
	if (len < 4 || c->pos > len - 4)
		return -1;
	flags = rd16(g + c->pos);
	size = 4 + (flags & ARG_1_AND_2_ARE_WORDS ? 4 : 2);
	if (flags & WE_HAVE_A_SCALE)
		size += 2;
	else if (flags & WE_HAVE_AN_X_AND_Y_SCALE)
		size += 4;
	else if (flags & WE_HAVE_A_TWO_BY_TWO)
		size += 8;
	if (size > len - c->pos)
		return -1;
	*at = c->pos + 2;
	c->pos += size;
	c->more = flags & MORE_COMPONENTS;
	return 1;
}

/*
 * The hinting program of glyph g, to leave out: bytes [*at, *at + *n). A
 * simple glyph keeps its instructionLength field (written as 0 then); a
 * composite one loses everything after its last component. -1 if the
 * glyph runs past len.
 */
static int
hints_of(const unsigned char *g, uint32_t len, uint32_t *at, uint32_t *n)
{
	struct components it = COMPONENTS_INIT;
	uint32_t end, c;
	int r;

	*at = len;
	*n = 0;
	if (!len)
		return 0;
	if (!is_composite(g, len)) {
		end = GLYPH_HEADER + 2 * (uint32_t)rds16(g);
		if (end > len - 2 || rd16(g + end) > len - 2 - end)
			return -1;
		*at = end + 2;
		*n = rd16(g + end);
		return 0;
	}
	while ((r = next_component(g, len, &it, &c)) > 0)
		;
	if (r < 0)
		return -1;
	*at = it.pos;
	*n = len - it.pos;
	return 0;
}

/* ---- subsetting ---- */

struct plan {
	const struct ttf *t;
	const uint16_t *gids;
	size_t n, total;
	uint16_t *map;		/* old gid -> new index + 1, 0 if unused */
	uint16_t *extra;	/* gid of new glyph n + i: components */
	uint64_t glyf_len;	/* padded */
	bool strip;		/* TTF_NO_HINTING */
	struct osk_error *err;
};

static unsigned
plan_gid(const struct plan *p, size_t i)
{
	return i < p->n ? p->gids[i] : p->extra[i - p->n];
}

/*
 * Give each component of glyph gid a new index. An appended glyph is
 * unique and < num_glyphs, so extra[] never holds more than num_glyphs.
 */
static int
add_components(struct plan *p, unsigned gid, const unsigned char *g,
	       uint32_t len)
{
	struct components it = COMPONENTS_INIT;
	unsigned c;
	uint32_t at;
	int r;

	while ((r = next_component(g, len, &it, &at)) > 0) {
		c = rd16(g + at);
		if (c >= p->t->num_glyphs)
			return osk_fail(p->err, OSK_EDATA, "font: composite "
					"glyph %u uses glyph %u, beyond the "
					"font's %u glyphs", gid, c,
					p->t->num_glyphs);
		if (p->map[c])
			continue;
		if (p->total >= MAX_GLYPHS)
			return osk_fail(p->err, OSK_EUSAGE, "font: a subset "
					"holds at most %d glyphs", MAX_GLYPHS);
		p->extra[p->total - p->n] = (uint16_t)c;
		p->map[c] = (uint16_t)++p->total;
	}
	if (r < 0)
		return osk_fail(p->err, OSK_EDATA, "font: composite glyph %u "
				"runs past its end", gid);
	return 0;
}

/*
 * The one pass over the glyphs that may fail: check each, number the
 * components (the list grows while it is walked, which makes the closure
 * transitive) and size glyf.
 */
static int
plan_glyphs(struct plan *p)
{
	const struct ttf *t = p->t;
	uint32_t off, len, at, hints;
	unsigned gid;
	size_t i;
	int r;

	for (i = 0; i < p->n; i++)
		if (p->gids[i] < t->num_glyphs && !p->map[p->gids[i]])
			p->map[p->gids[i]] = (uint16_t)(i + 1);
	for (i = 0; i < p->total; i++) {
		gid = plan_gid(p, i);
		if (gid >= t->num_glyphs)
			continue;
		if ((r = glyph_at(t, gid, &off, &len, p->err)))
			return r;
		if (p->strip) {
			if (hints_of(t->data + off, len, &at, &hints))
				return osk_fail(p->err, OSK_EDATA, "font: glyph "
						"%u runs past its end", gid);
			len -= hints;
		}
		p->glyf_len += pad4(len);
		if (is_composite(t->data + off, len) &&
		    (r = add_components(p, gid, t->data + off, len)))
			return r;
	}
	return 0;
}

/* Copy the glyphs checked by plan_glyphs(), renumbering components. */
static void
put_glyf_loca(const struct plan *p, unsigned char *glyf, unsigned char *loca)
{
	const struct ttf *t = p->t;
	struct components it;
	uint32_t pos = 0, off, len, at, hints;
	unsigned char *g;
	unsigned gid;
	size_t i;

	for (i = 0; i < p->total; i++) {
		wr32(loca + 4 * i, pos);
		gid = plan_gid(p, i);
		if (gid >= t->num_glyphs ||
		    glyph_at(t, gid, &off, &len, NULL))
			continue;
		g = glyf + pos;
		if (p->strip && !hints_of(t->data + off, len, &at, &hints)) {
			memcpy(g, t->data + off, at);
			memcpy(g + at, t->data + off + at + hints,
			       len - at - hints);
			len -= hints;
			if (!is_composite(g, len))
				wr16(g + at - 2, 0);
		} else {
			memcpy(g, t->data + off, len);
		}
		memset(g + len, 0, pad4(len) - len);
		if (is_composite(g, len)) {
			it = (struct components)COMPONENTS_INIT;
			while (next_component(g, len, &it, &at) > 0) {
				wr16(g + at, p->map[rd16(g + at)] - 1u);
				if (p->strip)
					wr16(g + at - 2, rd16(g + at - 2) &
					     ~WE_HAVE_INSTRUCTIONS);
			}
		}
		pos += (uint32_t)pad4(len);
	}
	wr32(loca + 4 * p->total, pos);
}

static void
put_hmtx(const struct plan *p, unsigned char *hmtx)
{
	unsigned gid;
	size_t i;

	for (i = 0; i < p->total; i++) {
		gid = plan_gid(p, i);
		if (gid < p->t->num_glyphs) {
			wr16(hmtx + 4 * i, ttf_advance(p->t, gid));
			wr16(hmtx + 4 * i + 2, left_bearing(p->t, gid));
		} else {
			wr32(hmtx + 4 * i, 0);
		}
	}
}

/* The tables written, in the order of their tags. */
enum { T_CVT, T_FPGM, T_GLYF, T_HEAD, T_HHEA, T_HMTX, T_LOCA, T_MAXP,
       T_PREP, T_COUNT };

static const char out_tag[T_COUNT][5] = {
	"cvt ", "fpgm", "glyf", "head", "hhea", "hmtx", "loca", "maxp", "prep",
};

struct layout {
	uint64_t len[T_COUNT];	/* unpadded; 0 leaves out an optional one */
	uint64_t off[T_COUNT];	/* from the start of the font */
	unsigned ntab;
	uint64_t size;		/* the whole font */
};

static void
lay_out(const struct plan *p, struct layout *l)
{
	const struct ttf *t = p->t;
	size_t k;

	l->len[T_CVT] = p->strip ? 0 : t->cvt.len;
	l->len[T_FPGM] = p->strip ? 0 : t->fpgm.len;
	l->len[T_GLYF] = p->glyf_len;
	l->len[T_HEAD] = HEAD_LEN;
	l->len[T_HHEA] = HHEA_LEN;
	l->len[T_HMTX] = 4 * (uint64_t)p->total;
	l->len[T_LOCA] = 4 * ((uint64_t)p->total + 1);
	l->len[T_MAXP] = t->maxp.len;
	l->len[T_PREP] = p->strip ? 0 : t->prep.len;
	l->ntab = T_COUNT - !l->len[T_CVT] - !l->len[T_FPGM] -
		  !l->len[T_PREP];
	l->size = 12 + 16 * (uint64_t)l->ntab;
	for (k = 0; k < T_COUNT; k++) {
		l->off[k] = l->size;
		l->size += pad4(l->len[k]);
	}
}

static bool
table_written(const struct layout *l, size_t k)
{
	return l->len[k] || k == T_GLYF;
}

/* Copy n bytes of the font at off to dst and zero-pad them. */
static void
put_copy(const struct ttf *t, uint32_t off, uint64_t n, unsigned char *dst)
{
	memcpy(dst, t->data + off, n);
	memset(dst + n, 0, pad4(n) - n);
}

static void
put_tables(const struct plan *p, const struct layout *l, unsigned char *f)
{
	const struct ttf *t = p->t;

	put_copy(t, t->cvt.off, l->len[T_CVT], f + l->off[T_CVT]);
	put_copy(t, t->fpgm.off, l->len[T_FPGM], f + l->off[T_FPGM]);
	put_copy(t, t->prep.off, l->len[T_PREP], f + l->off[T_PREP]);
	put_glyf_loca(p, f + l->off[T_GLYF], f + l->off[T_LOCA]);
	put_hmtx(p, f + l->off[T_HMTX]);

	put_copy(t, t->head.off, HEAD_LEN, f + l->off[T_HEAD]);
	wr32(f + l->off[T_HEAD] + 8, 0);	/* checkSumAdjustment */
	wr16(f + l->off[T_HEAD] + 50, 1);	/* indexToLocFormat: long */
	put_copy(t, t->hhea.off, HHEA_LEN, f + l->off[T_HHEA]);
	wr16(f + l->off[T_HHEA] + 34, (unsigned)p->total);
	put_copy(t, t->maxp.off, l->len[T_MAXP], f + l->off[T_MAXP]);
	wr16(f + l->off[T_MAXP] + 4, (unsigned)p->total);
}

/* Write the table directory and settle head.checkSumAdjustment. */
static void
put_directory(const struct layout *l, unsigned char *f)
{
	unsigned sel = 0, range;
	unsigned char *e = f + 12;
	uint32_t sum, all = 0;
	size_t k;

	while (2u << sel <= l->ntab)
		sel++;
	range = 16u << sel;
	wr32(f, 0x00010000);
	wr16(f + 4, l->ntab);
	wr16(f + 6, range);
	wr16(f + 8, sel);
	wr16(f + 10, 16 * l->ntab - range);
	for (k = 0; k < T_COUNT; k++) {
		if (!table_written(l, k))
			continue;
		sum = checksum(f + l->off[k], pad4(l->len[k]));
		memcpy(e, out_tag[k], 4);
		wr32(e + 4, sum);
		wr32(e + 8, (uint32_t)l->off[k]);
		wr32(e + 12, (uint32_t)l->len[k]);
		all += sum;
		e += 16;
	}
	/* Tables are zero padded: the file's sum is the sum of theirs. */
	all += checksum(f, 12 + 16 * (size_t)l->ntab);
	wr32(f + l->off[T_HEAD] + 8, CHECKSUM_MAGIC - all);
}

int
ttf_subset(const struct ttf *t, const uint16_t *gids, size_t n,
	   unsigned flags, struct sbuf *out, size_t *total,
	   struct osk_error *err)
{
	struct plan p = { t, gids, n, n, NULL, NULL, 0,
			  (flags & TTF_NO_HINTING) != 0, err };
	struct layout l;
	unsigned char *f;
	int r;

	if (!n)
		return osk_fail(err, OSK_EUSAGE, "font: no glyphs to subset");
	if (n > MAX_GLYPHS)
		return osk_fail(err, OSK_EUSAGE, "font: a subset holds at "
				"most %d glyphs", MAX_GLYPHS);
	p.map = calloc(2 * (size_t)t->num_glyphs, sizeof(*p.map));
	if (!p.map)
		return osk_fail(err, OSK_ENOMEM, "out of memory");
	p.extra = p.map + t->num_glyphs;
	if ((r = plan_glyphs(&p)))
		goto out;
	lay_out(&p, &l);
	/* Offsets in the directory and in loca are 32 bits. */
	if (l.size >= UINT32_MAX) {
		r = osk_fail(err, OSK_EDATA, "font: subset larger than 4 GB");
		goto out;
	}
	if (sbuf_grow(out, (size_t)l.size)) {
		r = osk_fail(err, OSK_ENOMEM, "out of memory");
		goto out;
	}
	f = (unsigned char *)out->buf + out->len;
	put_tables(&p, &l, f);
	put_directory(&l, f);
	out->len += (size_t)l.size;
	out->buf[out->len] = '\0';
	if (total)
		*total = p.total;
out:
	free(p.map);
	return r;
}
