/* SPDX-License-Identifier: MIT */
#ifndef CORE_SHA256_H
#define CORE_SHA256_H

#include <stddef.h>
#include <stdint.h>

/*
 * SHA-256 (FIPS 180-4). Used to fingerprint question set files so that a
 * re-imported file is recognised and stored versions can be told apart.
 *
 *	struct sha256 c;
 *	sha256_init(&c); sha256_update(&c, buf, len); sha256_final(&c, digest);
 */
#define SHA256_DIGEST_SIZE 32
#define SHA256_HEX_SIZE 65	/* 64 hex digits and a NUL */

struct sha256 {
	uint32_t h[8];
	uint64_t nbytes;
	unsigned char block[64];
	size_t nblock;
};

void sha256_init(struct sha256 *c);
void sha256_update(struct sha256 *c, const void *data, size_t len);
/* Write the 32-byte digest; c must be initialised again before reuse. */
void sha256_final(struct sha256 *c, unsigned char digest[SHA256_DIGEST_SIZE]);

/* One call: hash len bytes of data into hex (lowercase, NUL-terminated). */
/* sha256_final() written as 64 lowercase hex digits and a NUL. */
void sha256_final_hex(struct sha256 *c, char hex[SHA256_HEX_SIZE]);

void sha256_hex(const void *data, size_t len, char hex[SHA256_HEX_SIZE]);

#endif
