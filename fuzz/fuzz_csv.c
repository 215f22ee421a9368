/* SPDX-License-Identifier: MIT */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/csv.h"
#include "core/error.h"
#include "core/sbuf.h"

/*
 * Reads the input as CSV in each encoding and checks, besides "no crash":
 * - every field is valid UTF-8 without NUL and lens[] match strlen();
 * - csv_write_row() output reads back as the same records;
 * - the same input placed across the reader's 256 KiB block boundary (after
 *   one long record) gives the same records and error, lines shifted.
 */

#define BLOCK (256 * 1024)	/* the reader's block size (core/csv.c) */

struct result {
	struct sbuf recs;	/* records with their line numbers */
	struct sbuf bare;	/* records without line numbers */
	struct sbuf rows;	/* records written back as CSV */
	int rc;
	struct osk_error err;
};

static void
check_utf8(const unsigned char *s, size_t n)
{
	size_t i = 0, k, len;
	uint32_t c, min;

	while (i < n) {
		c = s[i];
		if (!c)
			abort();
		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xC0 && c < 0xE0)
			len = 2, c &= 0x1F, min = 0x80;
		else if (c >= 0xE0 && c < 0xF0)
			len = 3, c &= 0x0F, min = 0x800;
		else if (c >= 0xF0 && c < 0xF8)
			len = 4, c &= 0x07, min = 0x10000;
		else
			abort();
		if (i + len > n)
			abort();
		for (k = 1; k < len; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				abort();
			c = c << 6 | (s[i + k] & 0x3F);
		}
		if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
			abort();
		i += len;
	}
}

/* shift: skip the first record, and subtract 1 from line numbers. */
static void
run(const char *buf, size_t len, enum csv_encoding enc, int shift,
    struct result *res)
{
	static const char *const wanted[] = { "company", "name", "id" };
	struct sbuf unknown = SBUF_INIT;
	struct csv_reader *r;
	struct osk_error e2;
	const char **f;
	size_t *l, n, i;
	int idx[3], first = 1;

	memset(res, 0, sizeof(*res));
	res->recs = (struct sbuf)SBUF_INIT;
	res->bare = (struct sbuf)SBUF_INIT;
	res->rows = (struct sbuf)SBUF_INIT;
	r = csv_open_mem("fuzz.csv", buf, len, enc, &res->err);
	if (!r)
		abort();
	while ((res->rc = csv_read(r, &f, &l, &n, &res->err)) > 0) {
		if (!n || csv_line(r) < 1)
			abort();
		if (shift && csv_line(r) == 1)
			continue;
		sbuf_addf(&res->recs, "%d:", csv_line(r) - shift);
		sbuf_addf(&res->bare, "%zu:", n);
		for (i = 0; i < n; i++) {
			if (strlen(f[i]) != l[i])
				abort();
			check_utf8((const unsigned char *)f[i], l[i]);
			sbuf_addf(&res->bare, "%zu:", l[i]);
			sbuf_add(&res->bare, f[i], l[i]);
		}
		if (csv_write_row(&res->rows, f, l, n))
			abort();
		if (first && csv_header_map(r, wanted, 3, idx, &unknown,
					    &e2) > (int)n)
			abort();
		first = 0;
		csv_error_set(r, &e2, OSK_EDATA, n - 1, "x");
	}
	sbuf_add(&res->recs, res->bare.buf, res->bare.len);
	if (res->rc < 0 && res->err.code != -res->rc)
		abort();
	if (csv_read(r, &f, &l, &n, &e2) != res->rc)
		abort();
	csv_close(r);
	sbuf_release(&unknown);
}

static void
result_release(struct result *res)
{
	sbuf_release(&res->recs);
	sbuf_release(&res->bare);
	sbuf_release(&res->rows);
}

static int
same(const struct sbuf *a, const struct sbuf *b)
{
	return a->len == b->len && !memcmp(a->buf, b->buf, a->len);
}

/* Inputs whose first bytes the reader treats specially. */
static int
has_signature(const uint8_t *d, size_t n)
{
	return (n >= 2 && (d[0] == 0xEF || d[0] == 0xFF || d[0] == 0xFE ||
			   d[0] == 0xD0)) ||
	       (n >= 1 && d[0] == 'P');
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char *padded;
	struct result a, b;
	enum csv_encoding enc;
	size_t k, h;

	if (!padded && !(padded = malloc(BLOCK + 65536 + 1)))
		abort();
	for (k = 0, h = size; k < size && k < 16; k++)
		h = h * 31 + data[size - 1 - k];
	for (enc = CSV_ENC_AUTO; enc <= CSV_ENC_CP932; enc++) {
		run((const char *)data, size, enc, 0, &a);

		run(a.rows.buf, a.rows.len, CSV_ENC_UTF8, 0, &b);
		if (b.rc != 0 || !same(&a.bare, &b.bare))
			abort();
		result_release(&b);

		/*
		 * The long record costs much more than the rest (cmp tracing
		 * on every byte): check one input in eight.
		 */
		if (size <= 65536 && h % 8 == 0 && (size_t)enc == h / 8 % 3 &&
		    !has_signature(data, size)) {
			k = h % (size + 1);
			memset(padded, 'x', BLOCK - k - 1);
			padded[BLOCK - k - 1] = '\n';
			memcpy(padded + BLOCK - k, data, size);
			run(padded, BLOCK - k + size, enc, 1, &b);
			if (b.rc != a.rc || !same(&a.recs, &b.recs))
				abort();
			if (a.rc < 0 &&
			    (strcmp(a.err.msg, b.err.msg) ||
			     (a.err.line && b.err.line != a.err.line + 1)))
				abort();
			result_release(&b);
		}
		result_release(&a);
	}
	return 0;
}
