/* SPDX-License-Identifier: MIT */
#ifndef CORE_TEXT_H
#define CORE_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The two languages every user-facing text exists in. */
enum osk_lang { OSK_LANG_EN = 0, OSK_LANG_JA = 1 };

/*
 * The language from the environment: "ja" when LC_ALL, LC_MESSAGES or LANG
 * (the first one set) starts with "ja", else English.
 */
enum osk_lang osk_lang_from_env(void);

/* Parse "ja" / "en" (also "ja_JP.UTF-8" style); 0 or -1 if unknown. */
int osk_lang_parse(const char *s, enum osk_lang *out);

/*
 * Decode one UTF-8 sequence at s (at most n bytes). Returns its length and
 * stores the code point in *cp, or returns 0 for an invalid, overlong,
 * surrogate or truncated sequence.
 */
size_t utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);

/*
 * Check that s[0..n) is valid UTF-8 with no NUL byte. Returns true if so;
 * else false with the byte offset of the first bad byte in *bad (may be NULL).
 */
bool utf8_valid(const char *s, size_t n, size_t *bad);

/* Terminal columns of one code point: 0 (combining), 1, or 2 (wide). */
int utf8_cp_width(uint32_t cp);

/*
 * Display width of a UTF-8 string in terminal columns: East Asian wide and
 * full-width characters (kanji, kana, full-width forms, most emoji) count
 * two, combining marks zero. Invalid bytes count one each.
 */
size_t utf8_width(const char *s);

/*
 * The length in bytes of the longest prefix of s that fits in `cols`
 * columns without splitting a character.
 */
size_t utf8_prefix_for_width(const char *s, size_t cols);

/* Case-insensitive ASCII compare of s with t, ignoring spaces around s. */
bool osk_streq_trim_ci(const char *s, const char *t);

/*
 * Round half away from zero to one decimal place, as every score and
 * percentage in otasuke's output is ("62.45" -> 62.5).
 */
double osk_round1(double x);

#endif
