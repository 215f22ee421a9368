/* SPDX-License-Identifier: MIT */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "text.h"

enum osk_lang
osk_lang_from_env(void)
{
	static const char *const vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };
	size_t i;

	for (i = 0; i < sizeof(vars) / sizeof(*vars); i++) {
		const char *v = getenv(vars[i]);

		if (v && *v)
			return strncmp(v, "ja", 2) ? OSK_LANG_EN : OSK_LANG_JA;
	}
	return OSK_LANG_EN;
}

int
osk_lang_parse(const char *s, enum osk_lang *out)
{
	if (!strncasecmp(s, "ja", 2) && (!s[2] || s[2] == '_' || s[2] == '-' ||
					  s[2] == '.')) {
		*out = OSK_LANG_JA;
		return 0;
	}
	if (!strncasecmp(s, "en", 2) && (!s[2] || s[2] == '_' || s[2] == '-' ||
					  s[2] == '.')) {
		*out = OSK_LANG_EN;
		return 0;
	}
	return -1;
}

size_t
utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
	uint32_t c, min;
	size_t len, i;

	if (!n)
		return 0;
	c = s[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	} else if ((c & 0xe0) == 0xc0) {
		len = 2, c &= 0x1f, min = 0x80;
	} else if ((c & 0xf0) == 0xe0) {
		len = 3, c &= 0x0f, min = 0x800;
	} else if ((c & 0xf8) == 0xf0) {
		len = 4, c &= 0x07, min = 0x10000;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return len;
}

bool
utf8_valid(const char *s, size_t n, size_t *bad)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, k;
	uint32_t cp;

	while (i < n) {
		if (p[i] && p[i] < 0x80) {
			i++;
			continue;
		}
		if (!p[i] || !(k = utf8_decode(p + i, n - i, &cp)))
			break;
		i += k;
	}
	if (i == n)
		return true;
	if (bad)
		*bad = i;
	return false;
}

/* Sorted ranges of wide (2-column) code points, after Unicode EAW W/F. */
static const uint32_t wide[][2] = {
	{ 0x1100, 0x115f }, { 0x231a, 0x231b }, { 0x2329, 0x232a },
	{ 0x23e9, 0x23ec }, { 0x23f0, 0x23f0 }, { 0x23f3, 0x23f3 },
	{ 0x25fd, 0x25fe }, { 0x2614, 0x2615 }, { 0x2648, 0x2653 },
	{ 0x267f, 0x267f }, { 0x2693, 0x2693 }, { 0x26a1, 0x26a1 },
	{ 0x26aa, 0x26ab }, { 0x26bd, 0x26be }, { 0x26c4, 0x26c5 },
	{ 0x26ce, 0x26ce }, { 0x26d4, 0x26d4 }, { 0x26ea, 0x26ea },
	{ 0x26f2, 0x26f3 }, { 0x26f5, 0x26f5 }, { 0x26fa, 0x26fa },
	{ 0x26fd, 0x26fd }, { 0x2705, 0x2705 }, { 0x270a, 0x270b },
	{ 0x2728, 0x2728 }, { 0x274c, 0x274c }, { 0x274e, 0x274e },
	{ 0x2753, 0x2755 }, { 0x2757, 0x2757 }, { 0x2795, 0x2797 },
	{ 0x27b0, 0x27b0 }, { 0x27bf, 0x27bf }, { 0x2b1b, 0x2b1c },
	{ 0x2b50, 0x2b50 }, { 0x2b55, 0x2b55 }, { 0x2e80, 0x303e },
	{ 0x3041, 0x33ff }, { 0x3400, 0x4dbf }, { 0x4e00, 0x9fff },
	{ 0xa000, 0xa4cf }, { 0xa960, 0xa97f }, { 0xac00, 0xd7a3 },
	{ 0xf900, 0xfaff }, { 0xfe10, 0xfe19 }, { 0xfe30, 0xfe6f },
	{ 0xff00, 0xff60 }, { 0xffe0, 0xffe6 }, { 0x16fe0, 0x16fe4 },
	{ 0x17000, 0x18cff }, { 0x1b000, 0x1b2ff }, { 0x1f004, 0x1f004 },
	{ 0x1f0cf, 0x1f0cf }, { 0x1f18e, 0x1f18e }, { 0x1f191, 0x1f19a },
	{ 0x1f200, 0x1f251 }, { 0x1f260, 0x1f265 }, { 0x1f300, 0x1f64f },
	{ 0x1f680, 0x1f6ff }, { 0x1f7e0, 0x1f7eb }, { 0x1f90c, 0x1f9ff },
	{ 0x1fa70, 0x1faff }, { 0x20000, 0x2fffd }, { 0x30000, 0x3fffd },
};

static bool
in_ranges(uint32_t cp, const uint32_t (*r)[2], size_t n)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (cp < r[mid][0])
			hi = mid;
		else if (cp > r[mid][1])
			lo = mid + 1;
		else
			return true;
	}
	return false;
}

int
utf8_cp_width(uint32_t cp)
{
	if (cp == 0x200b || (cp >= 0x0300 && cp <= 0x036f) ||
	    (cp >= 0x3099 && cp <= 0x309a) || (cp >= 0xfe00 && cp <= 0xfe0f) ||
	    (cp >= 0x1f3fb && cp <= 0x1f3ff) || cp == 0x200d)
		return 0;
	if (cp < 0x1100)
		return 1;
	return in_ranges(cp, wide, sizeof(wide) / sizeof(*wide)) ? 2 : 1;
}

size_t
utf8_width(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s), w = 0, k;
	uint32_t cp;

	while (n) {
		if (*p < 0x80) {
			w++, p++, n--;
			continue;
		}
		k = utf8_decode(p, n, &cp);
		if (!k) {
			w++, p++, n--;
			continue;
		}
		w += (size_t)utf8_cp_width(cp);
		p += k, n -= k;
	}
	return w;
}

size_t
utf8_prefix_for_width(const char *s, size_t cols)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s), used = 0, off = 0, k;
	uint32_t cp;
	int cw;

	while (off < n) {
		k = utf8_decode(p + off, n - off, &cp);
		if (!k)
			k = 1, cw = 1;
		else
			cw = utf8_cp_width(cp);
		if (used + (size_t)cw > cols)
			break;
		used += (size_t)cw;
		off += k;
	}
	return off;
}

bool
osk_streq_trim_ci(const char *s, const char *t)
{
	size_t n;

	while (*s == ' ' || *s == '\t')
		s++;
	n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return n == strlen(t) && !strncasecmp(s, t, n);
}

double
osk_round1(double x)
{
	/* The epsilon absorbs binary error: 62.45 is stored as 62.4499... */
	double r = floor(fabs(x) * 10.0 + 0.5 + 1e-9) / 10.0;

	return x < 0 ? -r : r;
}
