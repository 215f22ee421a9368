/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/company.h"
#include "core/sha256.h"
#include "core/text.h"
#include "survey/internal.h"

/* Columns besides the question ids, with the names staff may type. */
enum extra { X_RESPONDENT, X_COMPANY, X_SUBMITTED, NEXTRA };

static const struct {
	enum extra col;
	const char *name;
} extra_names[] = {
	{ X_RESPONDENT, "respondent" }, { X_RESPONDENT, "回答者" },
	{ X_COMPANY, "company" }, { X_COMPANY, "会社名" },
	{ X_COMPANY, "企業名" },
	{ X_SUBMITTED, "submitted_at" }, { X_SUBMITTED, "回答日時" },
	{ X_SUBMITTED, "回答日" },
	/* what web forms (Google Forms, Microsoft Forms) call it */
	{ X_SUBMITTED, "timestamp" }, { X_SUBMITTED, "タイムスタンプ" },
};
#define NEXTRA_NAMES (sizeof(extra_names) / sizeof(*extra_names))
static const char *const extra_ids[NEXTRA] = {
	"respondent", "company", "submitted_at"
};

static void
hex(const unsigned char *d, char out[SHA256_HEX_SIZE])
{
	static const char digits[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < SHA256_DIGEST_SIZE; i++) {
		out[2 * i] = digits[d[i] >> 4];
		out[2 * i + 1] = digits[d[i] & 15];
	}
	out[2 * SHA256_DIGEST_SIZE] = '\0';
}

/* ---- occurrences of identical rows within one file ---- */

/*
 * Keyed by the first 64 bits of the row's 128-bit hash: two different rows
 * that share them (about one chance in 10^7 among a million rows) only
 * get occurrence numbers that are too high, and their digests, made of
 * the whole hash, still differ. 12 bytes a slot, at most half full.
 */
struct seen {
	uint64_t *keys;
	uint32_t *counts;	/* 0: empty slot */
	size_t n, cap;		/* cap is a power of two */
};

static void
seen_release(struct seen *s)
{
	free(s->keys);
	free(s->counts);
	memset(s, 0, sizeof(*s));
}

static size_t
seen_find(const uint64_t *keys, const uint32_t *counts, size_t cap,
	  uint64_t key)
{
	size_t i = (size_t)(key ^ key >> 31) & (cap - 1);

	while (counts[i] && keys[i] != key)
		i = (i + 1) & (cap - 1);
	return i;
}

/* How many times key was seen before, counting this time; 0 on ENOMEM. */
static uint32_t
seen_add(struct seen *s, const unsigned char *hash)
{
	uint64_t key;
	size_t i, k;

	memcpy(&key, hash, sizeof(key));
	if (2 * (s->n + 1) > s->cap) {
		size_t ncap = s->cap ? 2 * s->cap : 1024;
		uint64_t *nk = malloc(ncap * sizeof(*nk));
		uint32_t *nc = calloc(ncap, sizeof(*nc));

		if (!nk || !nc) {
			free(nk);
			free(nc);
			return 0;
		}
		for (i = 0; i < s->cap; i++) {
			if (!s->counts[i])
				continue;
			k = seen_find(nk, nc, ncap, s->keys[i]);
			nk[k] = s->keys[i];
			nc[k] = s->counts[i];
		}
		seen_release(s);
		s->keys = nk;
		s->counts = nc;
		s->cap = ncap;
		s->n = 0;
		for (i = 0; i < ncap; i++)
			s->n += nc[i] != 0;
	}
	k = seen_find(s->keys, s->counts, s->cap, key);
	if (!s->counts[k]) {
		s->keys[k] = key;
		s->n++;
	}
	return ++s->counts[k];
}

/* ---- the import ---- */

struct ctx {
	struct store *st;
	struct survey_import *imp;
	struct osk_errlist *errs, *warns;
	struct csv_reader *csv;
	struct qset *q;
	int64_t qset_id;
	size_t ncols;
	long *qcol;		/* question index -> field, or -1 */
	long xcol[NEXTRA];	/* extra column -> field, or -1 */
	struct survey_value *vals;
	struct survey_writer *w;
	struct seen seen;
	struct sbuf canon, tmp;
	/* the last company looked up */
	char *company_key;
	int64_t company_id;
	const char *company_err;
	/* stdin copied to a temporary file */
	void *map;
	size_t maplen;
};

/* Leave out a character cut short at the end of s (a message too long). */
static void
whole_chars(char *s)
{
	size_t n = strlen(s), i = n;
	uint32_t cp;

	while (i && ((unsigned char)s[i - 1] & 0xC0) == 0x80)
		i--;
	if (i && (unsigned char)s[i - 1] >= 0xC0 &&
	    utf8_decode((const unsigned char *)s + i - 1, n - i + 1, &cp) !=
	    n - i + 1)
		s[i - 1] = '\0';
}

/* Add "FILE:LINE:COLUMN: msg" for the record just read to the errors. */
static void
cell_error(struct ctx *x, const char *column, const struct osk_error *e)
{
	struct osk_error out;
	char where[sizeof(out.path)], *p;

	snprintf(where, sizeof(where), "%s:%d:%s", csv_path(x->csv),
		 csv_line(x->csv), column);
	osk_error_set(&out, e->code, where, 0, 0, "%s", e->msg);
	/* a line break typed in a cell or header stays off the message */
	for (p = out.path; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = ' ';
	for (p = out.msg; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = ' ';
	whole_chars(out.path);
	whole_chars(out.msg);
	osk_errlist_add(x->errs, &out);
}

static void
cell_errorf(struct ctx *x, const char *column, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void
cell_errorf(struct ctx *x, const char *column, const char *fmt, ...)
{
	struct osk_error e;
	va_list ap;

	osk_error_clear(&e);
	e.code = OSK_EDATA;
	va_start(ap, fmt);
	vsnprintf(e.msg, sizeof(e.msg), fmt, ap);
	va_end(ap);
	cell_error(x, column, &e);
}

static bool
name_eq(const char *s, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++) {
		int a = (unsigned char)s[i], b = (unsigned char)name[i];

		if (!b)
			return false;
		if (a >= 'A' && a <= 'Z')
			a += 'a' - 'A';
		if (a != b)
			return false;
	}
	return !name[n];
}

/*
 * The question whose text (ja or en) the header cell s[0..n) is, as a web
 * form export names its columns; compared as choice labels are. -1 if
 * none, -2 when out of memory.
 */
static long
question_by_text(struct ctx *x, const char *s, size_t n)
{
	const struct qset *q = x->q;
	struct sbuf key = SBUF_INIT, t = SBUF_INIT;
	long found = -1;
	size_t i, j;

	if (survey_norm(s, n, &key) || sbuf_adds(&key, ""))
		found = -2;
	for (i = 0; i < q->nquestions && found == -1; i++)
		for (j = 0; j < 2 && found == -1; j++) {
			const char *text = j ? q->questions[i].text.en
					     : q->questions[i].text.ja;

			if (!text)
				continue;
			sbuf_reset(&t);
			if (survey_norm(text, strlen(text), &t) ||
			    sbuf_adds(&t, ""))
				found = -2;
			else if (key.len && !strcmp(key.buf, t.buf))
				found = (long)i;
		}
	sbuf_release(&key);
	sbuf_release(&t);
	return found;
}

/* At most max bytes of s[0..n) without cutting a character. */
static int
cut_utf8(const char *s, size_t n, size_t max)
{
	if (n <= max)
		return (int)n;
	while (max && ((unsigned char)s[max] & 0xC0) == 0x80)
		max--;
	return (int)max;
}

/* Map the header: every column must be a question id or an extra. */
static int
map_header(struct ctx *x, const char **f, const size_t *lens, size_t nf,
	   struct osk_error *err)
{
	const struct qset *q = x->q;
	size_t i, k;
	long qi;

	x->ncols = nf;
	for (i = 0; i < q->nquestions; i++)
		x->qcol[i] = -1;
	for (i = 0; i < NEXTRA; i++)
		x->xcol[i] = -1;
	for (k = 0; k < nf; k++) {
		const char *s = f[k], *name = NULL;
		size_t n = lens[k];
		long *slot = NULL;

		survey_trim(&s, &n);
		if (!n)
			continue;
		for (i = 0; i < q->nquestions && !slot; i++)
			if (name_eq(s, n, q->questions[i].id)) {
				slot = &x->qcol[i];
				name = q->questions[i].id;
			}
		for (i = 0; i < NEXTRA_NAMES && !slot; i++)
			if (name_eq(s, n, extra_names[i].name)) {
				slot = &x->xcol[extra_names[i].col];
				name = extra_ids[extra_names[i].col];
			}
		if (!slot && (qi = question_by_text(x, s, n)) == -2)
			return osk_fail(err, OSK_ENOMEM, "out of memory");
		if (!slot && qi >= 0) {
			slot = &x->qcol[qi];
			name = q->questions[qi].id;
		}
		if (!slot) {
			char col[80];

			snprintf(col, sizeof(col), "%.*s", cut_utf8(s, n, 60),
				 s);
			cell_errorf(x, col, "no question '%s' in set '%s'; "
				    "columns are question ids (see 'otasuke "
				    "questions show %s'), respondent, company "
				    "and submitted_at", col, q->id, q->id);
			continue;
		}
		if (*slot >= 0) {
			cell_errorf(x, name, "column appears twice (fields %ld "
				    "and %zu); remove one", *slot + 1, k + 1);
			continue;
		}
		*slot = (long)k;
	}
	for (i = 0; i < q->nquestions; i++) {
		if (x->qcol[i] >= 0)
			continue;
		if (x->imp->missing.len &&
		    sbuf_adds(&x->imp->missing, ", "))
			return osk_fail(err, OSK_ENOMEM, "out of memory");
		if (sbuf_addf(&x->imp->missing, "'%s'", q->questions[i].id))
			return osk_fail(err, OSK_ENOMEM, "out of memory");
	}
	return 0;
}

static bool
isdigit_ascii(char c)
{
	return c >= '0' && c <= '9';
}

/* Read 1-2 (or exactly n when n > 2) digits at *s into *v. */
static bool
num(const char **s, int width, int lo, int hi, int *v)
{
	size_t n = 0;

	while (isdigit_ascii((*s)[n]))
		n++;
	if (width > 2 ? n != (size_t)width : n < 1 || n > 2)
		return false;
	*v = atoi(*s);
	*s += n;
	return *v >= lo && *v <= hi;
}

/* Whether s starts with the UTF-8 text t; s moved past it if so. */
static bool
skip(const char **s, const char *t)
{
	size_t n = strlen(t);

	if (strncmp(*s, t, n))
		return false;
	*s += n;
	return true;
}

static int
days_in(int y, int mo)
{
	static const int days[] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31,
	};

	if (mo == 2 && y % 4 == 0 && (y % 100 != 0 || y % 400 == 0))
		return 29;
	return days[mo - 1];
}

/*
 * "YYYY-MM-DD", "YYYY/M/D" or "YYYY年M月D日" (as Japanese Excel shows a
 * date), optionally followed by " " or "T" and "H:MM" or "H:MM:SS", into
 * ISO 8601 in out. A day the month does not have is refused.
 */
static bool
parse_when(const char *s, char out[32])
{
	int y, mo, d, h = -1, mi = 0, se = 0;
	char sep;

	if (!num(&s, 4, 1900, 2999, &y))
		return false;
	if (skip(&s, "\xE5\xB9\xB4")) {		/* 年 */
		if (!num(&s, 2, 1, 12, &mo) ||
		    !skip(&s, "\xE6\x9C\x88") ||	/* 月 */
		    !num(&s, 2, 1, 31, &d) ||
		    !skip(&s, "\xE6\x97\xA5"))	/* 日 */
			return false;
	} else {
		if (*s != '-' && *s != '/')
			return false;
		sep = *s++;
		if (!num(&s, 2, 1, 12, &mo) || *s++ != sep ||
		    !num(&s, 2, 1, 31, &d))
			return false;
	}
	if (d > days_in(y, mo))
		return false;
	if (*s == ' ' || *s == 'T') {
		s++;
		if (!num(&s, 2, 0, 23, &h) || *s++ != ':' ||
		    !num(&s, 2, 0, 59, &mi))
			return false;
		if (*s == ':' && (s++, !num(&s, 2, 0, 59, &se)))
			return false;
	}
	if (*s)
		return false;
	if (h < 0)
		snprintf(out, 32, "%04d-%02d-%02d", y, mo, d);
	else
		snprintf(out, 32, "%04d-%02d-%02dT%02d:%02d:%02d", y, mo, d, h,
			 mi, se);
	return true;
}

/* The company named in the cell (id or exact name), or 0 after an error. */
static int64_t
row_company(struct ctx *x, const char *s, struct osk_error *err)
{
	struct company c;
	struct osk_error e;
	int r;

	if (x->company_key && !strcmp(x->company_key, s)) {
		if (!x->company_id)
			cell_errorf(x, "company", "%s", x->company_err);
		return x->company_id;
	}
	free(x->company_key);
	free((char *)x->company_err);
	x->company_err = NULL;
	x->company_id = 0;
	if (!(x->company_key = strdup(s)))
		return osk_fail(err, OSK_ENOMEM, "out of memory");
	osk_error_clear(&e);
	r = company_find(x->st, s, &c, &e);
	if (r == -OSK_ENOTFOUND) {
		x->company_err = strdup(e.msg);
		cell_error(x, "company", &e);
		return 0;
	}
	if (r) {
		*err = e;
		return r;
	}
	x->company_id = c.id;
	company_release(&c);
	return x->company_id;
}

static int
canon_add(struct sbuf *sb, const char *s, char sep)
{
	if (s && sbuf_adds(sb, s))
		return -1;
	return sbuf_addch(sb, sep);
}

/*
 * The canonical text of a row, whose hash identifies it: everything that
 * makes a response, with choices as ids so "yes" and its label agree.
 */
static int
row_canon(struct ctx *x, const struct survey_response *resp)
{
	struct sbuf *sb = &x->canon;
	char num[32];
	size_t qi;

	sbuf_reset(sb);
	snprintf(num, sizeof(num), "%lld", (long long)resp->company_id);
	if (canon_add(sb, x->q->id, '\x1f') ||
	    canon_add(sb, resp->event, '\x1f') ||
	    canon_add(sb, resp->respondent, '\x1f') ||
	    canon_add(sb, num, '\x1f') ||
	    canon_add(sb, resp->submitted_at, '\x1e'))
		return -OSK_ENOMEM;
	for (qi = 0; qi < x->q->nquestions; qi++) {
		if (!x->vals[qi].answered)
			continue;
		if (canon_add(sb, x->q->questions[qi].id, '\x1f') ||
		    survey_value_format(&x->q->questions[qi], &x->vals[qi],
					sb) ||
		    sbuf_addch(sb, '\x1e'))
			return -OSK_ENOMEM;
	}
	return 0;
}

/*
 * MurmurHash3 x64-128 (public domain, Austin Appleby), with little-endian
 * loads so that digests agree across machines. Rows are identified by a
 * 128-bit hash of their canonical text: SHA-256 would cost a tenth of the
 * import time and an accidental collision among 128 bits is out of reach.
 */
static uint64_t
rotl64(uint64_t x, int r)
{
	return x << r | x >> (64 - r);
}

static uint64_t
load64(const unsigned char *p)
{
	return (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 |
	       (uint64_t)p[3] << 24 | (uint64_t)p[4] << 32 |
	       (uint64_t)p[5] << 40 | (uint64_t)p[6] << 48 |
	       (uint64_t)p[7] << 56;
}

static uint64_t
fmix64(uint64_t k)
{
	k ^= k >> 33;
	k *= 0xff51afd7ed558ccdULL;
	k ^= k >> 33;
	k *= 0xc4ceb9fe1a85ec53ULL;
	k ^= k >> 33;
	return k;
}

static void
murmur3_128(const void *key, size_t len, unsigned char out[16])
{
	const uint64_t c1 = 0x87c37b91114253d5ULL, c2 = 0x4cf5ad432745937fULL;
	const unsigned char *p = key, *tail;
	uint64_t h1 = 0, h2 = 0, k1, k2;
	size_t i, nblocks = len / 16;

	for (i = 0; i < nblocks; i++, p += 16) {
		k1 = load64(p);
		k2 = load64(p + 8);
		k1 *= c1, k1 = rotl64(k1, 31), k1 *= c2, h1 ^= k1;
		h1 = rotl64(h1, 27), h1 += h2, h1 = h1 * 5 + 0x52dce729;
		k2 *= c2, k2 = rotl64(k2, 33), k2 *= c1, h2 ^= k2;
		h2 = rotl64(h2, 31), h2 += h1, h2 = h2 * 5 + 0x38495ab5;
	}
	tail = p;
	k1 = k2 = 0;
	for (i = len & 15; i > 8; i--)
		k2 ^= (uint64_t)tail[i - 1] << (8 * (i - 9));
	if ((len & 15) > 8)
		k2 *= c2, k2 = rotl64(k2, 33), k2 *= c1, h2 ^= k2;
	for (i = (len & 15) > 8 ? 8 : len & 15; i > 0; i--)
		k1 ^= (uint64_t)tail[i - 1] << (8 * (i - 1));
	if (len & 15)
		k1 *= c1, k1 = rotl64(k1, 31), k1 *= c2, h1 ^= k1;
	h1 ^= len, h2 ^= len;
	h1 += h2, h2 += h1;
	h1 = fmix64(h1), h2 = fmix64(h2);
	h1 += h2, h2 += h1;
	for (i = 0; i < 8; i++) {
		out[i] = (unsigned char)(h1 >> (8 * i));
		out[8 + i] = (unsigned char)(h2 >> (8 * i));
	}
}

/* The digest of the row: "<hash of its content>-<occurrence>". */
static int
row_digest(struct ctx *x, const struct survey_response *resp, char *out,
	   size_t size, struct osk_error *err)
{
	static const char digits[] = "0123456789abcdef";
	unsigned char d[16];
	uint32_t k;
	size_t i;

	if (row_canon(x, resp))
		return osk_fail(err, OSK_ENOMEM, "out of memory");
	murmur3_128(x->canon.buf, x->canon.len, d);
	if (!(k = seen_add(&x->seen, d)))
		return osk_fail(err, OSK_ENOMEM, "out of memory");
	for (i = 0; i < 16; i++) {
		out[2 * i] = digits[d[i] >> 4];
		out[2 * i + 1] = digits[d[i] & 15];
	}
	snprintf(out + 32, size - 32, "-%u", k);
	return 0;
}

static const char *
cell(struct ctx *x, const char **f, long col)
{
	const char *s;
	size_t n;

	if (col < 0)
		return NULL;
	s = f[col];
	n = strlen(s);
	survey_trim(&s, &n);
	sbuf_reset(&x->tmp);
	if (sbuf_add(&x->tmp, s, n))
		return NULL;
	return n ? x->tmp.buf : NULL;
}

/* Validate one record and store it unless there were errors. */
static int
do_row(struct ctx *x, const char **f, const char *now, struct osk_error *err)
{
	const struct qset *q = x->q;
	struct survey_response resp;
	char digest[96], when[32];
	char *respondent = NULL;
	size_t qi, before = x->errs->total, answered = 0;
	const char *s;
	int r = 0;

	memset(&resp, 0, sizeof(resp));
	for (qi = 0; qi < q->nquestions; qi++) {
		struct osk_error e;

		/* e is filled only on error: no need to clear it here */
		if (x->qcol[qi] < 0) {
			survey_value_parse(&q->questions[qi], NULL,
					   &x->vals[qi], &e);
			continue;
		}
		r = survey_value_parse(&q->questions[qi], f[x->qcol[qi]],
				       &x->vals[qi], &e);
		if (r == -OSK_ENOMEM) {
			*err = e;
			return r;
		}
		if (r)
			cell_error(x, q->questions[qi].id, &e);
		answered += x->vals[qi].answered;
	}
	r = 0;
	for (qi = 0; qi < q->nquestions; qi++) {
		const struct qset_when *wh = q->questions[qi].when;

		if (!x->vals[qi].answered || survey_asked(q, qi, x->vals))
			continue;
		cell_errorf(x, q->questions[qi].id, "answered, but the "
			    "question is asked only when '%s' is '%s'%s; clear "
			    "the cell or correct '%s'",
			    q->questions[wh->question].id,
			    wh->choices[0], wh->nchoices > 1 ? " (or ...)" : "",
			    q->questions[wh->question].id);
	}
	if (!answered && x->errs->total == before) {
		struct osk_error e;
		char where[sizeof(e.path)];

		snprintf(where, sizeof(where), "%s", csv_path(x->csv));
		osk_error_set(&e, OSK_EDATA, where, csv_line(x->csv), 0,
			      "no answers in this row; skipped");
		osk_errlist_add(x->warns, &e);
		x->imp->empty++;
		return 0;
	}
	if ((s = cell(x, f, x->xcol[X_RESPONDENT])) &&
	    !(respondent = strdup(s)))
		return osk_fail(err, OSK_ENOMEM, "out of memory");
	resp.respondent = respondent;
	if ((s = cell(x, f, x->xcol[X_SUBMITTED]))) {
		if (parse_when(s, when))
			resp.submitted_at = when;
		else
			cell_errorf(x, "submitted_at", "'%.*s' is not a date; "
				    "use YYYY-MM-DD or YYYY/MM/DD, optionally "
				    "with a time HH:MM[:SS]",
				    cut_utf8(s, strlen(s), 40), s);
	}
	if ((s = cell(x, f, x->xcol[X_COMPANY]))) {
		resp.company_id = row_company(x, s, err);
		if (resp.company_id < 0) {
			r = (int)resp.company_id;
			goto out;
		}
	}
	/* After the first error nothing will be kept: only validate. */
	if (x->errs->total)
		goto out;
	resp.qset_id = x->qset_id;
	resp.import_id = x->imp->import_id;
	resp.event = x->imp->event;
	if (!resp.submitted_at)
		resp.submitted_at = now;
	if ((r = row_digest(x, &resp, digest, sizeof(digest), err)))
		goto out;
	resp.digest = digest;
	if ((r = survey_writer_response(x->w, &resp, err)) < 0)
		goto out;
	if (r == 1) {
		x->imp->duplicates++;
		r = 0;
		goto out;
	}
	if ((r = survey_writer_answers(x->w, resp.id, q, x->vals, err)))
		goto out;
	x->imp->added++;
out:
	free(respondent);
	return r;
}

/* ---- the file's hash ---- */

static int
hash_fd(int fd, struct sha256 *c, int copy_to, const char *name,
	struct osk_error *err)
{
	size_t size = 256 * 1024;
	char *buf = malloc(size);
	ssize_t n;
	int r = 0;

	if (!buf)
		return osk_fail(err, OSK_ENOMEM, "out of memory");
	while ((n = read(fd, buf, size)) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			r = osk_fail(err, OSK_EIO, "cannot read '%s': %s", name,
				     strerror(errno));
			break;
		}
		sha256_update(c, buf, (size_t)n);
		if (copy_to >= 0 && write(copy_to, buf, (size_t)n) != n) {
			r = osk_fail(err, OSK_EIO, "cannot copy the input to a "
				     "temporary file: %s", strerror(errno));
			break;
		}
	}
	free(buf);
	return r;
}


/* Hash the file at path. */
static int
hash_file(const char *path, char out[SHA256_HEX_SIZE], struct osk_error *err)
{
	unsigned char d[SHA256_DIGEST_SIZE];
	struct sha256 c;
	int fd, r;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return osk_fail(err, OSK_ENOINPUT, "cannot open '%s': %s", path,
				strerror(errno));
	sha256_init(&c);
	r = hash_fd(fd, &c, -1, path, err);
	close(fd);
	if (r)
		return r;
	sha256_final(&c, d);
	hex(d, out);
	return 0;
}

/*
 * Standard input is read once: copy it to an unlinked temporary file while
 * hashing it, then read the copy through a mapping.
 */
static int
open_stdin(struct ctx *x, char out[SHA256_HEX_SIZE], struct osk_error *err)
{
	unsigned char d[SHA256_DIGEST_SIZE];
	struct sha256 c;
	struct stat sb;
	const char *dir = getenv("TMPDIR");
	char path[4096];
	int fd, r;

	snprintf(path, sizeof(path), "%s/otasuke-stdin.XXXXXX",
		 dir && *dir ? dir : "/tmp");
	if ((fd = mkstemp(path)) < 0)
		return osk_fail(err, OSK_EIO, "cannot make a temporary file "
				"in '%s': %s", dir && *dir ? dir : "/tmp",
				strerror(errno));
	unlink(path);
	sha256_init(&c);
	if ((r = hash_fd(0, &c, fd, "<stdin>", err)))
		goto out;
	sha256_final(&c, d);
	hex(d, out);
	if (fstat(fd, &sb)) {
		r = osk_fail(err, OSK_EIO, "cannot read the temporary file: %s",
			     strerror(errno));
		goto out;
	}
	x->maplen = (size_t)sb.st_size;
	if (x->maplen) {
		x->map = mmap(NULL, x->maplen, PROT_READ, MAP_PRIVATE, fd, 0);
		if (x->map == MAP_FAILED) {
			x->map = NULL;
			r = osk_fail(err, OSK_EIO, "cannot map the temporary "
				     "file: %s", strerror(errno));
			goto out;
		}
	}
	if (!(x->csv = csv_open_mem("<stdin>", x->map ? x->map : "",
				    x->maplen, x->imp->enc, err)))
		r = -err->code;
out:
	close(fd);
	return r;
}

/* ---- the import table ---- */

/* Whether this file was imported before; fills imp if so. */
static int
find_import(struct ctx *x, const char *sha, bool *found, struct osk_error *err)
{
	sqlite3_stmt *s = NULL;
	int r, rc;

	*found = false;
	if ((r = store_prepare(x->st, &s, "SELECT id, imported_at, records "
			       "FROM import WHERE kind = 'survey' AND "
			       "sha256 = ?", err)))
		return r;
	sqlite3_bind_text(s, 1, sha, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*found = true;
		x->imp->import_id = sqlite3_column_int64(s, 0);
		snprintf(x->imp->imported_at, sizeof(x->imp->imported_at), "%s",
			 (const char *)sqlite3_column_text(s, 1));
		x->imp->added = (size_t)sqlite3_column_int64(s, 2);
	} else if (rc != SQLITE_DONE) {
		r = store_fail(x->st, err, "cannot read the import list");
	}
	sqlite3_finalize(s);
	return r;
}

static int
add_import(struct ctx *x, const char *sha, const char *path, const char *now,
	   struct osk_error *err)
{
	sqlite3_stmt *s = NULL;
	int r;

	if ((r = store_prepare(x->st, &s, "INSERT INTO import(kind, sha256, "
			       "path, records, imported_at) VALUES "
			       "('survey', ?, ?, 0, ?)", err)))
		return r;
	sqlite3_bind_text(s, 1, sha, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, path, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, now, -1, SQLITE_STATIC);
	if (sqlite3_step(s) != SQLITE_DONE)
		r = store_fail(x->st, err, "cannot record the import");
	else
		x->imp->import_id = sqlite3_last_insert_rowid(store_db(x->st));
	sqlite3_finalize(s);
	return r;
}

static int
finish_import(struct ctx *x, struct osk_error *err)
{
	sqlite3_stmt *s = NULL;
	int r;

	if ((r = store_prepare(x->st, &s, "UPDATE import SET records = ? "
			       "WHERE id = ?", err)))
		return r;
	sqlite3_bind_int64(s, 1, (int64_t)x->imp->added);
	sqlite3_bind_int64(s, 2, x->imp->import_id);
	if (sqlite3_step(s) != SQLITE_DONE)
		r = store_fail(x->st, err, "cannot record the import");
	sqlite3_finalize(s);
	return r;
}

/*
 * A bigger page cache while importing: with SQLite's default (2 MiB) a big
 * transaction spills pages to the WAL and reads them back, which costs a
 * tenth of the time. The cache is a bound, so memory stays flat.
 */
#define IMPORT_CACHE_KIB 32768

static int
cache_size(struct store *st, int kib)
{
	sqlite3_stmt *s = NULL;
	char sql[64];
	int old = -2000;

	if (sqlite3_prepare_v2(store_db(st), "PRAGMA cache_size", -1, &s,
			       NULL) == SQLITE_OK &&
	    sqlite3_step(s) == SQLITE_ROW)
		old = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	snprintf(sql, sizeof(sql), "PRAGMA cache_size = %d", kib);
	sqlite3_exec(store_db(st), sql, NULL, NULL, NULL);
	return old;
}

/* ---- public ---- */

void
survey_import_init(struct survey_import *imp)
{
	memset(imp, 0, sizeof(*imp));
	imp->enc = CSV_ENC_AUTO;
	imp->missing = (struct sbuf)SBUF_INIT;
}

void
survey_import_release(struct survey_import *imp)
{
	sbuf_release(&imp->missing);
}

static int
read_rows(struct ctx *x, struct osk_error *err)
{
	const char **f;
	size_t *lens, nf;
	char now[32];
	int r;

	store_now(now);
	while ((r = csv_read(x->csv, &f, &lens, &nf, err)) == 1) {
		x->imp->rows++;
		if (nf != x->ncols) {
			struct osk_error e;

			osk_error_clear(&e);
			csv_error_set(x->csv, &e, OSK_EDATA, CSV_NO_FIELD,
				      "%zu fields, but the header has %zu; "
				      "check the commas and quotes on this "
				      "line", nf, x->ncols);
			osk_errlist_add(x->errs, &e);
			continue;
		}
		if ((r = do_row(x, f, now, err)))
			return r;
	}
	return r;
}

int
survey_import_file(struct store *st, const char *path,
		   struct survey_import *imp, struct osk_errlist *errs,
		   struct osk_errlist *warns, struct osk_error *err)
{
	struct ctx x;
	char sha[SHA256_HEX_SIZE], now[32];
	const char **f;
	size_t *lens, nf, qi;
	bool found, in_txn = false;
	int r, old_cache = 0;
	bool fk_off = false;

	memset(&x, 0, sizeof(x));
	x.st = st;
	x.imp = imp;
	x.errs = errs;
	x.warns = warns;
	x.canon = (struct sbuf)SBUF_INIT;
	x.tmp = (struct sbuf)SBUF_INIT;
	imp->already = false;
	imp->rows = imp->added = imp->duplicates = imp->empty = 0;
	if (!(x.q = survey_set_load(st, imp->set_id, &x.qset_id, err)))
		return -err->code;
	imp->set_version = x.q->version;
	if (!strcmp(path, "-")) {
		if ((r = open_stdin(&x, sha, err)))
			goto out;
	} else {
		if (!(x.csv = csv_open(path, imp->enc, err))) {
			r = -err->code;
			goto out;
		}
		if ((r = hash_file(path, sha, err)))
			goto out;
	}
	csv_set_field_max(x.csv, SURVEY_CELL_MAX);
	if ((r = find_import(&x, sha, &found, err)))
		goto out;
	if (found) {
		imp->already = true;
		goto out;
	}
	if ((r = csv_read(x.csv, &f, &lens, &nf, err)) <= 0) {
		if (r == 0)
			r = osk_error_set(err, OSK_EDATA, csv_path(x.csv), 0, 0,
					  "the file is empty; expected a "
					  "header row of question ids (see "
					  "'otasuke questions show %s')",
					  x.q->id);
		goto out;
	}
	x.qcol = calloc(x.q->nquestions + 1, sizeof(*x.qcol));
	x.vals = calloc(x.q->nquestions + 1, sizeof(*x.vals));
	if (!x.qcol || !x.vals) {
		r = osk_fail(err, OSK_ENOMEM, "out of memory");
		goto out;
	}
	for (qi = 0; qi < x.q->nquestions; qi++)
		survey_value_init(&x.vals[qi]);
	if ((r = map_header(&x, f, lens, nf, err)))
		goto out;
	if (errs->total) {
		r = -OSK_EDATA;
		goto out;
	}
	old_cache = cache_size(st, -IMPORT_CACHE_KIB);
	/*
	 * Every row inserted refers to a row this function just inserted or
	 * looked up (set, import, company), so the foreign key lookups SQLite
	 * would add for each of the two million answers of a big file are
	 * left out; they are back on before anything else runs.
	 */
	sqlite3_exec(store_db(st), "PRAGMA foreign_keys = OFF", NULL, NULL,
		     NULL);
	fk_off = true;
	if ((r = store_begin(st, err)))
		goto out;
	in_txn = true;
	store_now(now);
	if ((r = add_import(&x, sha, path, now, err)) ||
	    !(x.w = survey_writer_new(st, err))) {
		r = r ? r : -err->code;
		goto out;
	}
	r = read_rows(&x, err);
	imp->used = csv_encoding_used(x.csv);
	if (r < 0 && errs->total && r != -OSK_ENOMEM) {
		osk_errlist_add(errs, err);
		r = -OSK_EDATA;
	}
	if (r < 0)
		goto out;
	if (errs->total) {
		r = -OSK_EDATA;
		goto out;
	}
	if (!imp->rows) {
		r = osk_error_set(err, OSK_EDATA, csv_path(x.csv), 0, 0,
				  "no responses after the header row");
		goto out;
	}
	if (imp->empty == imp->rows) {
		r = osk_error_set(err, OSK_EDATA, csv_path(x.csv), 0, 0,
				  "no answers in any row; nothing to import");
		goto out;
	}
	if ((r = finish_import(&x, err)))
		goto out;
	survey_writer_free(x.w);
	x.w = NULL;
	r = store_commit(st, err);
	in_txn = false;
out:
	if (in_txn)
		store_rollback(st);
	if (old_cache)
		cache_size(st, old_cache);
	if (fk_off)
		sqlite3_exec(store_db(st), "PRAGMA foreign_keys = ON", NULL,
			     NULL, NULL);
	if (r)
		imp->added = imp->duplicates = 0;
	survey_writer_free(x.w);
	if (x.vals)
		for (qi = 0; qi < x.q->nquestions; qi++)
			survey_value_release(&x.vals[qi]);
	free(x.vals);
	free(x.qcol);
	seen_release(&x.seen);
	sbuf_release(&x.canon);
	sbuf_release(&x.tmp);
	free(x.company_key);
	free((char *)x.company_err);
	csv_close(x.csv);
	if (x.map)
		munmap(x.map, x.maplen);
	qset_free(x.q);
	return r;
}
