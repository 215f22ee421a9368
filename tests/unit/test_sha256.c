/* SPDX-License-Identifier: MIT */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/sha256.h"

/* FIPS 180-4 / NIST example vectors */
static void
test_sha256_vectors(void **state)
{
	char hex[SHA256_HEX_SIZE];
	const char *m448 = "abcdbcdecdefdefgefghfghighijhijk"
			   "ijkljklmklmnlmnomnopnopq";

	(void)state;
	sha256_hex("", 0, hex);
	assert_string_equal(hex, "e3b0c44298fc1c149afbf4c8996fb924"
			    "27ae41e4649b934ca495991b7852b855");
	sha256_hex("abc", 3, hex);
	assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223"
			    "b00361a396177a9cb410ff61f20015ad");
	sha256_hex(m448, strlen(m448), hex);
	assert_string_equal(hex, "248d6a61d20638b8e5c026930c3e6039"
			    "a33ce45964ff2167f6ecedd419db06c1");
}

static void
test_sha256_million_a_in_pieces(void **state)
{
	static const char *const want = "cdc76e5c9914fb9281a1c7e284d73e67"
					"f1809a48a497200e046d39ccc7112cd0";
	unsigned char d[SHA256_DIGEST_SIZE];
	char hex[SHA256_HEX_SIZE];
	char *a = malloc(1000000);
	struct sha256 c;
	size_t off = 0, step = 1;
	int i;

	(void)state;
	assert_non_null(a);
	memset(a, 'a', 1000000);
	sha256_hex(a, 1000000, hex);
	assert_string_equal(hex, want);

	/* uneven pieces cross the 64-byte blocks every way */
	sha256_init(&c);
	while (off < 1000000) {
		size_t n = step < 1000000 - off ? step : 1000000 - off;

		sha256_update(&c, a + off, n);
		off += n;
		step = step * 7 % 131 + 1;
	}
	sha256_final(&c, d);
	for (i = 0; i < SHA256_DIGEST_SIZE; i++)
		snprintf(hex + 2 * i, 3, "%02x", d[i]);
	assert_string_equal(hex, want);
	free(a);
}

static void
test_sha256_padding_edges(void **state)
{
	/* lengths 55, 56, 63, 64 bytes: one or two padding blocks */
	static const struct {
		size_t len;
		const char *hex;
	} v[] = {
		{ 55, "9f4390f8d30c2dd92ec9f095b65e2b9a"
		      "e9b0a925a5258e241c9f1e910f734318" },
		{ 56, "b35439a4ac6f0948b6d6f9e3c6af0f5f"
		      "590ce20f1bde7090ef7970686ec6738a" },
		{ 63, "7d3e74a05d7db15bce4ad9ec0658ea98"
		      "e3f06eeecf16b4c6fff2da457ddc2f34" },
		{ 64, "ffe054fe7ae0cb6dc65c3af9b61d5209"
		      "f439851db43d0ba5997337df154668eb" },
	};
	char buf[64], hex[SHA256_HEX_SIZE];
	size_t i;

	(void)state;
	memset(buf, 'a', sizeof(buf));
	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		sha256_hex(buf, v[i].len, hex);
		assert_string_equal(hex, v[i].hex);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sha256_vectors),
		cmocka_unit_test(test_sha256_million_a_in_pieces),
		cmocka_unit_test(test_sha256_padding_edges),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
