/* SPDX-License-Identifier: MIT */
/*
 * Matching keys for choice labels. Spreadsheet cells are typed by hand and
 * often pass through CP932: "1〜5人" (U+301C) comes back from CP932 as
 * "1～5人" (U+FF5E), full-width letters and spaces creep in, and people
 * vary the case of English labels. Both sides of a comparison go through
 * survey_norm(), so these differences do not matter.
 */
#include <stdint.h>
#include <string.h>

#include "core/error.h"
#include "core/text.h"
#include "survey/internal.h"

static bool
is_space_cp(uint32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == '\r' || cp == '\n' ||
	       cp == 0x3000 || cp == 0xA0;
}

/* The code point that stands for cp in a matching key. */
static uint32_t
fold(uint32_t cp)
{
	if (cp >= 0xFF01 && cp <= 0xFF5E)	/* full-width ASCII */
		cp -= 0xFF01 - 0x21;
	switch (cp) {
	case 0x301C:		/* wave dash: CP932 0x8160 reads as U+FF5E */
		return '~';
	case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014:
	case 0x2015: case 0x2212:	/* dashes and minus signs */
		return '-';
	case 0xFFE5: case '\\':	/* yen: CP932 0x5C, U+FFE5 and U+00A5 */
		return 0xA5;
	case 0x2225:		/* parallel: CP932 0x8161 */
		return 0x2016;
	case 0xFFE0:
		return 0xA2;
	case 0xFFE1:
		return 0xA3;
	case 0xFFE2:
		return 0xAC;
	}
	if (cp >= 'A' && cp <= 'Z')
		cp += 'a' - 'A';
	return cp;
}

static int
put_cp(struct sbuf *out, uint32_t cp)
{
	char b[4];
	size_t n;

	if (cp < 0x80) {
		b[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		b[0] = (char)(0xC0 | cp >> 6);
		b[1] = (char)(0x80 | (cp & 0x3F));
		n = 2;
	} else if (cp < 0x10000) {
		b[0] = (char)(0xE0 | cp >> 12);
		b[1] = (char)(0x80 | (cp >> 6 & 0x3F));
		b[2] = (char)(0x80 | (cp & 0x3F));
		n = 3;
	} else {
		b[0] = (char)(0xF0 | cp >> 18);
		b[1] = (char)(0x80 | (cp >> 12 & 0x3F));
		b[2] = (char)(0x80 | (cp >> 6 & 0x3F));
		b[3] = (char)(0x80 | (cp & 0x3F));
		n = 4;
	}
	return sbuf_add(out, b, n);
}

int
survey_norm(const char *s, size_t n, struct sbuf *out)
{
	const unsigned char *p = (const unsigned char *)s;
	bool space = false, any = false;
	size_t i = 0, k;
	uint32_t cp;

	while (i < n) {
		k = utf8_decode(p + i, n - i, &cp);
		if (!k) {
			cp = p[i];	/* not UTF-8: keep the byte as it is */
			k = 1;
			if (space && sbuf_addch(out, ' '))
				return -OSK_ENOMEM;
			space = false;
			any = true;
			if (sbuf_addch(out, (char)cp))
				return -OSK_ENOMEM;
			i += k;
			continue;
		}
		i += k;
		if (is_space_cp(cp)) {
			space = any;
			continue;
		}
		if (space && sbuf_addch(out, ' '))
			return -OSK_ENOMEM;
		space = false;
		any = true;
		if (put_cp(out, fold(cp)))
			return -OSK_ENOMEM;
	}
	return 0;
}

void
survey_trim(const char **s, size_t *n)
{
	static const char ideo[] = "\xE3\x80\x80";	/* U+3000 */
	const char *p = *s;
	size_t len = *n;

	for (;;) {
		if (len && (*p == ' ' || *p == '\t' || *p == '\r' ||
			    *p == '\n'))
			p++, len--;
		else if (len >= 3 && !memcmp(p, ideo, 3))
			p += 3, len -= 3;
		else
			break;
	}
	for (;;) {
		char c = len ? p[len - 1] : 0;

		if (len && (c == ' ' || c == '\t' || c == '\r' || c == '\n'))
			len--;
		else if (len >= 3 && !memcmp(p + len - 3, ideo, 3))
			len -= 3;
		else
			break;
	}
	*s = p;
	*n = len;
}
