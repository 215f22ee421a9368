/* SPDX-License-Identifier: MIT */
#ifndef REPORT_TTF_H
#define REPORT_TTF_H

/*
 * TrueType parsing and subsetting, for embedding IPAex Gothic in PDF files
 * as a CIDFontType2 /FontFile2 with /CIDToGIDMap /Identity: glyph i of the
 * subset is CID i. Plain C, no global state, no font library.
 */

#include <stddef.h>
#include <stdint.h>

#include "core/error.h"
#include "core/sbuf.h"

struct ttf {
	const unsigned char *data;	/* the whole file, borrowed */
	size_t len;
	/* offset and length of each table used; 0/0 when absent */
	struct ttf_table {
		uint32_t off, len;
	} head, hhea, maxp, loca, glyf, hmtx, cvt, fpgm, prep, os2, name,
	  post;
	uint16_t num_glyphs, units_per_em, num_hmetrics;
	int16_t loc_format;		/* indexToLocFormat: 0 short, 1 long */
	int16_t xmin, ymin, xmax, ymax;	/* head bbox, font units */
	int16_t ascender, descender;	/* hhea */
	int16_t cap_height;		/* OS/2 v2 sCapHeight, else ascender */
	/*
	 * Name id 6 (PostScript name) with every character outside ASCII
	 * 33..126 and every one of ()<>[]{}/% left out, at most 63 bytes;
	 * "" if the font has none.
	 */
	char psname[64];
};

/**
 * Parse the TrueType font (sfnt version 0x00010000 or 'true') in data, or
 * face `index` of a TrueType collection ('ttcf'). data is borrowed and must
 * outlive t; t needs no release. Every table used (head, hhea, maxp, loca,
 * glyf, hmtx required; cvt, fpgm, prep, OS/2, name, post optional) must lie
 * inside the file, and the fixed-size ones must be long enough for their
 * fields; glyphs themselves are checked by ttf_subset(). A name table that
 * makes no sense only leaves psname empty.
 *
 * Returns 0, or -OSK_EDATA with err set to a one-line message starting
 * "font: " (CFF-flavoured 'OTTO' fonts are refused the same way).
 */
int ttf_parse(struct ttf *t, const void *data, size_t len, unsigned index,
	      struct osk_error *err);

/**
 * Advance width of glyph gid in font units: the last hmtx entry for
 * gid >= num_hmetrics, 0 for gid >= num_glyphs.
 */
unsigned ttf_advance(const struct ttf *t, unsigned gid);

/**
 * Append to out a TrueType font whose glyph i is glyph gids[i] of t, for
 * i < n (gids[0] should be 0, .notdef; duplicates are allowed, each copy
 * becoming its own glyph; a gid >= num_glyphs becomes an empty glyph of
 * advance 0). Components of composite glyphs that are not in gids are
 * appended after the n glyphs (transitively, each once, in the order
 * found), and the component indices inside composite glyphs are rewritten
 * to the new numbering (a glyph listed twice is referred to by its first
 * place). *total (may be NULL) gets the glyph count of the new font.
 *
 * Tables written, in tag order: cvt, fpgm (when present and hinted), glyf, head
 * (indexToLocFormat 1, checkSumAdjustment computed), hhea (numberOfHMetrics
 * = total), hmtx (one longHorMetric per glyph), loca (long), maxp
 * (numGlyphs = total, the rest copied), prep (when present and hinted). Every table
 * and every glyph starts 4-byte aligned and is zero padded. The output
 * depends on the input only.
 *
 * Returns 0; -OSK_EUSAGE if n is 0 or the subset would exceed 65535
 * glyphs; -OSK_ENOMEM; or -OSK_EDATA for a malformed glyph that the subset
 * needs (loca offsets decreasing or outside glyf, a glyph shorter than its
 * header, composite records running past the glyph, a component index >=
 * num_glyphs: a font that points at a glyph it lacks is broken, and
 * quietly drawing nothing would hide that). err gets a one-line message.
 * On error out->len is unchanged. Never reads outside t->data.
 *
 * flags TTF_NO_HINTING: leave out the hinting programs (each glyph's
 * instructions, cvt, fpgm, prep): nearly half of IPAex Gothic's glyph
 * bytes, which PDF viewers and printers scaling outlines do not need.
 * A simple glyph whose instructions run past its end is then a data error.
 */
#define TTF_NO_HINTING 1u

int ttf_subset(const struct ttf *t, const uint16_t *gids, size_t n,
	       unsigned flags, struct sbuf *out, size_t *total,
	       struct osk_error *err);

#endif
