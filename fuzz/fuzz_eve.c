/* SPDX-License-Identifier: MIT */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "alerts/alerts.h"
#include "core/error.h"

/*
 * Feeds the input to the EVE reader and checks, besides "no crash":
 * - fed whole, or split at each of the first 16 bytes and at two points
 *   chosen by the input, the counts, statistics and hash agree;
 * - the counts add up to the alerts counted, and every day is a date.
 * Inputs whose first byte is '#' are read as Zeek notice logs, the rest
 * as EVE JSON.
 * The catalog is the shipped one (run from the source tree).
 */

static struct alerts_catalog *cat;

struct sum {
	int64_t alerts, unclassified;
	uint64_t hash;
};

static int
add(const struct alerts_eve_count *c, void *data)
{
	struct sum *s = data;
	const char *p;
	uint64_t h;

	if (!alerts_date_ok(c->day) || c->count <= 0 ||
	    strlen(c->src_ip) >= 46)
		abort();
	s->alerts += c->count;
	if (c->event == ALERTS_NONE)
		s->unclassified += c->count;
	else if (c->event >= cat->nevents)
		abort();
	/* order-independent digest of the counts */
	h = 1469598103934665603ull ^ (uint64_t)c->count ^
		     (uint64_t)c->event << 40;
	for (p = c->day; *p; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211ull;
	for (p = c->src_ip; *p; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211ull;
	s->hash += h;
	return 0;
}

static void
run(const uint8_t *data, size_t size, size_t cut, struct sum *s,
    struct alerts_eve_stats *st, char sha[SHA256_HEX_SIZE])
{
	struct alerts_eve *e = alerts_eve_new(cat, "fuzz");
	struct osk_error err;

	if (!e)
		abort();
	if (size && data[0] == '#')
		alerts_eve_set_format(e, ALERTS_LOG_ZEEK_NOTICE);
	if (cut > size)
		cut = size;
	if (alerts_eve_feed(e, (const char *)data, cut, &err) ||
	    alerts_eve_feed(e, (const char *)data + cut, size - cut, &err) ||
	    alerts_eve_finish(e, &err))
		abort();
	memset(s, 0, sizeof(*s));
	alerts_eve_each(e, add, s);
	*st = *alerts_eve_stats(e);
	memcpy(sha, alerts_eve_sha256(e), SHA256_HEX_SIZE);
	if ((uint64_t)s->alerts != st->alerts ||
	    (uint64_t)s->unclassified != st->unclassified ||
	    st->bytes != size || alerts_eve_warnings(e)->total <
	    st->bad_lines + st->skipped)
		abort();
	alerts_eve_free(e);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct alerts_eve_stats st0, st;
	struct sum s0, s;
	char sha0[SHA256_HEX_SIZE], sha[SHA256_HEX_SIZE];
	size_t cut, cuts[18], n = 0, i;

	if (!cat && !(cat = alerts_catalog_load_file("questions/alerts.yaml",
						     NULL)))
		abort();
	run(data, size, size, &s0, &st0, sha0);
	for (cut = 0; cut < 16 && cut < size; cut++)
		cuts[n++] = cut;
	if (size > 16) {
		cuts[n++] = (data[0] * 257u + data[1]) % size;
		cuts[n++] = size - 1 - data[2] % 16;
	}
	for (i = 0; i < n; i++) {
		run(data, size, cuts[i], &s, &st, sha);
		if (memcmp(&s, &s0, sizeof(s)) || memcmp(&st, &st0,
							 sizeof(st)) ||
		    strcmp(sha, sha0))
			abort();
	}
	return 0;
}
