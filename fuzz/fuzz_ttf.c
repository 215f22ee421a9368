/* SPDX-License-Identifier: MIT */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "core/sbuf.h"
#include "report/ttf.h"

/*
 * Reads the input as a TrueType font (face 0, and face 1 of a
 * collection) and, besides "no crash": every glyph's advance can be
 * asked; when a subset of the first glyphs (and all of them backwards)
 * is made, hinted and not, it parses again with the glyph count
 * ttf_subset() said, and a failed subset leaves the buffer as it was.
 */

static void
subset(const struct ttf *t, const uint16_t *gids, size_t n, unsigned flags)
{
	struct sbuf out = SBUF_INIT;
	struct osk_error err;
	struct ttf again;
	size_t total = 0;

	if (sbuf_adds(&out, "x") < 0)
		abort();
	if (ttf_subset(t, gids, n, flags, &out, &total, &err)) {
		if (out.len != 1)
			abort();
	} else {
		if (ttf_parse(&again, out.buf + 1, out.len - 1, 0, &err) ||
		    again.num_glyphs != total || total < n)
			abort();
	}
	sbuf_release(&out);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint16_t gids[64];
	struct osk_error err;
	struct ttf t;
	unsigned face, g;
	size_t n, i;

	for (face = 0; face < 2; face++) {
		if (ttf_parse(&t, data, size, face, &err))
			continue;
		for (g = 0; g <= t.num_glyphs; g++)
			(void)ttf_advance(&t, g);
		n = t.num_glyphs < 64 ? t.num_glyphs : 64;
		for (i = 0; i < n; i++)
			gids[i] = (uint16_t)i;
		if (n) {
			subset(&t, gids, n, 0);
			subset(&t, gids, n, TTF_NO_HINTING);
		}
		for (i = 0; i < n; i++)
			gids[i] = (uint16_t)(t.num_glyphs - 1 - i);
		if (n)
			subset(&t, gids, n, TTF_NO_HINTING);
	}
	return 0;
}
