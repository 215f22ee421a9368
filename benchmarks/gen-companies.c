/* SPDX-License-Identifier: MIT */
/*
 * Seeded generator of synthetic companies as CSV:
 *   gen-companies N SEED [cp932] > companies.csv
 * Names are plainly samples ("サンプル商事 12345"); same N and SEED, same file.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static uint64_t state;

static uint32_t
rnd(void)
{
	/* xorshift64*: small, fast and good enough for test data. */
	state ^= state >> 12;
	state ^= state << 25;
	state ^= state >> 27;
	return (uint32_t)((state * 2685821657736338717ULL) >> 32);
}

int
main(int argc, char **argv)
{
	static const char *const kinds[] = {
		"商事", "製作所", "工業", "建設", "商店", "運輸", "食品",
		"印刷", "設計事務所", "会計事務所",
	};
	static const char *const regions[] = {
		"北海道", "宮城", "東京", "愛知", "大阪", "広島", "福岡", "沖縄",
	};
	long n, i;

	if (argc < 3) {
		fprintf(stderr, "usage: gen-companies N SEED\n");
		return 64;
	}
	n = atol(argv[1]);
	state = (uint64_t)atoll(argv[2]) * 0x9e3779b97f4a7c15ULL + 1;
	printf("name,industry,employees,pcs,region,contact\n");
	for (i = 1; i <= n; i++) {
		uint32_t emp = 1 + rnd() % 300;

		printf("サンプル%s %ld,%c,%u,%u,%s,\"担当 %ld, 03-0000-%04ld\"\n",
		       kinds[rnd() % 10], i, 'A' + (int)(rnd() % 20), emp,
		       emp / 2 + rnd() % (emp + 1), regions[rnd() % 8], i,
		       i % 10000);
	}
	return 0;
}
