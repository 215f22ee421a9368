/* SPDX-License-Identifier: MIT */
/*
 * SHA-256 of EVE logs at the speed of the scanner.
 *
 * An EVE import hashes every byte (to notice a log imported twice), and
 * the portable SHA-256 of core/sha256.c runs at about a quarter of the
 * scanner's speed: on a 500 MB log it is most of the time. CPUs with the
 * SHA extensions (x86 since Goldmont and Zen) do the compression function
 * in hardware, several times faster. This file feeds whole 64-byte blocks
 * to those instructions when the CPU has them and leaves everything else
 * (partial blocks, padding, the digest) to core/sha256.c, through the
 * fields of struct sha256 that its header makes public; the digest is
 * the same either way (tests/unit/test_alerts_eve.c checks it).
 *
 * NEEDSWORK: this belongs in core/sha256.c, where every hash would gain;
 * it is here until core takes it (see the alerts issue's report).
 */
#include <stdbool.h>
#include <string.h>

#include "alerts/internal.h"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <cpuid.h>
#include <immintrin.h>

#define HAVE_SHA_NI 1

static const uint32_t k[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1,
	0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
	0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
	0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
	0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
	0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
	0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
	0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
	0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
	0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
	0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

/* Whether the CPU has SHA, SSSE3 and SSE4.1 (CPUID leaves 7 and 1). */
static bool
cpu_has_sha(void)
{
	static int known = -1;
	unsigned a, b, c, d;

	if (known < 0) {
		known = 0;
		if (__get_cpuid(1, &a, &b, &c, &d) && (c & bit_SSSE3) &&
		    (c & bit_SSE4_1) && __get_cpuid_count(7, 0, &a, &b, &c, &d))
			known = (b >> 29) & 1;
	}
	return known;
}

/*
 * Compress n 64-byte blocks into h, four rounds per step. m[] holds the
 * message schedule four words at a time, W[4i..4i+3] in m[i % 4]:
 * words 16-63 come from sha256msg1 (W[t-16] + s0(W[t-15]), prepared
 * three steps early), the words W[t-7] and sha256msg2 (adds s1(W[t-2])),
 * computed one step early (after Intel's "SHA extensions" paper).
 */
__attribute__((target("sha,ssse3,sse4.1")))
static void
blocks_ni(uint32_t h[8], const unsigned char *p, size_t n)
{
	const __m128i bswap = _mm_set_epi64x(0x0c0d0e0f08090a0bULL,
					     0x0405060700010203ULL);
	__m128i s0, s1, t, m[4], msg, abef, cdgh;
	int i;

	/* h is A..H; the instructions want ABEF and CDGH */
	t = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)&h[0]), 0xb1);
	s1 = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)&h[4]), 0x1b);
	s0 = _mm_alignr_epi8(t, s1, 8);
	s1 = _mm_blend_epi16(s1, t, 0xf0);
	for (; n--; p += 64) {
		abef = s0;
		cdgh = s1;
		for (i = 0; i < 16; i++) {
			if (i < 4)
				m[i] = _mm_shuffle_epi8(_mm_loadu_si128(
					(const __m128i *)(p + 16 * i)), bswap);
			msg = _mm_add_epi32(m[i & 3], _mm_loadu_si128(
				(const __m128i *)&k[4 * i]));
			s1 = _mm_sha256rnds2_epu32(s1, s0, msg);
			/* the next four words, before msg1 reuses a slot */
			if (i >= 3 && i < 15)
				m[(i + 1) & 3] = _mm_sha256msg2_epu32(
					_mm_add_epi32(m[(i + 1) & 3],
						      _mm_alignr_epi8(
							      m[i & 3],
							      m[(i - 1) & 3],
							      4)), m[i & 3]);
			msg = _mm_shuffle_epi32(msg, 0x0e);
			s0 = _mm_sha256rnds2_epu32(s0, s1, msg);
			if (i >= 1 && i <= 12)
				m[(i - 1) & 3] = _mm_sha256msg1_epu32(
					m[(i - 1) & 3], m[i & 3]);
		}
		s0 = _mm_add_epi32(s0, abef);
		s1 = _mm_add_epi32(s1, cdgh);
	}
	t = _mm_shuffle_epi32(s0, 0x1b);
	s1 = _mm_shuffle_epi32(s1, 0xb1);
	s0 = _mm_blend_epi16(t, s1, 0xf0);
	s1 = _mm_alignr_epi8(s1, t, 8);
	_mm_storeu_si128((__m128i *)&h[0], s0);
	_mm_storeu_si128((__m128i *)&h[4], s1);
}
#endif

void
alerts_hash_update(struct sha256 *c, const void *data, size_t len)
{
#ifdef HAVE_SHA_NI
	const unsigned char *p = data;
	size_t n;

	if (!cpu_has_sha()) {
		sha256_update(c, data, len);
		return;
	}
	if (c->nblock) {
		/* complete the block core has started */
		n = 64 - c->nblock < len ? 64 - c->nblock : len;
		sha256_update(c, p, n);
		p += n;
		len -= n;
	}
	if (!c->nblock && len >= 64) {
		n = len / 64;
		blocks_ni(c->h, p, n);
		c->nbytes += 64 * n;
		p += 64 * n;
		len -= 64 * n;
	}
	sha256_update(c, p, len);
#else
	sha256_update(c, data, len);
#endif
}

void
alerts_hash_hex(struct sha256 *c, char hex[SHA256_HEX_SIZE])
{
	static const char digits[] = "0123456789abcdef";
	unsigned char d[SHA256_DIGEST_SIZE];
	int i;

	sha256_final(c, d);
	for (i = 0; i < SHA256_DIGEST_SIZE; i++) {
		hex[2 * i] = digits[d[i] >> 4];
		hex[2 * i + 1] = digits[d[i] & 15];
	}
	hex[2 * SHA256_DIGEST_SIZE] = '\0';
}
