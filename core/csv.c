/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "csv.h"
#include "error.h"
#include "sbuf.h"

/*
 * Two layers: the decoder fills "text" (valid UTF-8 without NUL) from the
 * input, and the parser turns text into records. In UTF-8 mode the text is
 * the validated part of the input block itself; in CP932 mode it is iconv's
 * output. A bad byte stops the decoder after the good text before it; the
 * error is raised once the parser has used that text up, so the parser's
 * line and field numbers are exactly those of the bad byte.
 */

#define IN_SIZE (256 * 1024)
#define OUT_SIZE (256 * 1024)
#define SNIFF_SIZE (64 * 1024)

enum state {
	ST_RECORD,	/* between records: skipping line ends */
	ST_FIELD,	/* at the start of a field */
	ST_UNQUOTED,
	ST_QUOTED,
	ST_QUOTE,	/* just after a '"' inside a quoted field */
	ST_EOF,
	ST_FAILED,
};

enum pending {
	PEND_NONE,
	PEND_BAD,	/* invalid byte(s) in bad[] */
	PEND_TRUNC,	/* incomplete CP932 character at end of file */
	PEND_NUL,
};

enum utf8_status {
	U_OK,		/* all valid */
	U_SHORT,	/* a sequence is cut by the end of the data */
	U_BAD,
	U_NUL,
	U_HIGH,		/* a non-ASCII byte (when asked to stop there) */
};

struct csv_reader {
	char *path;

	/* source: fd >= 0, or the memory buffer */
	int fd, own_fd;
	const unsigned char *mem;
	size_t mem_len, mem_pos;
	int eof, started;

	enum csv_encoding want, used;
	int decided;
	iconv_t cd;
	char *out;

	unsigned char *in;
	size_t in_pos, in_valid, in_len;

	/* text for the parser; t_in: it points into in[] */
	const char *t;
	size_t tlen, tpos;
	int t_in;

	enum pending pend;
	unsigned char bad[2];
	int nbad;

	/* parser */
	enum state st;
	long line, rec_line, quote_line;
	int prev_cr;
	size_t field_max;

	char *rec;
	size_t rec_len, rec_alloc, fstart;
	size_t nf, fcap;
	size_t *off, *lens;
	const char **ptr;

	struct osk_error fail;	/* errors are final: returned again */
};

static const unsigned char unquoted_stop[256] = {
	[','] = 1, ['"'] = 1, ['\r'] = 1, ['\n'] = 1,
};

static const unsigned char quoted_stop[256] = {
	['"'] = 1, ['\r'] = 1, ['\n'] = 1,
};

/* ---- errors ---- */

static int
int_line(long line)
{
	return line > INT_MAX ? INT_MAX : (int)line;
}

/* Spreadsheet column name of 1-based field n: A, ..., Z, AA, ... */
static void
column_name(size_t n, char *buf, size_t size)
{
	char tmp[16];
	size_t i = 0, j;

	while (n && i < sizeof(tmp)) {
		n--;
		tmp[i++] = (char)('A' + n % 26);
		n /= 26;
	}
	for (j = 0; j < i && j + 1 < size; j++)
		buf[j] = tmp[i - 1 - j];
	buf[j] = '\0';
}

static void
field_prefix(size_t index, char *buf, size_t size)
{
	char col[16];

	if (index == CSV_NO_FIELD) {
		buf[0] = '\0';
		return;
	}
	column_name(index + 1, col, sizeof(col));
	snprintf(buf, size, "field %zu (column %s): ", index + 1, col);
}

static int
vset(struct osk_error *e, const char *path, int code, long line,
     size_t index, const char *fmt, va_list ap)
{
	char pre[64], msg[sizeof(e->msg)];

	field_prefix(index, pre, sizeof(pre));
	vsnprintf(msg, sizeof(msg), fmt, ap);
	return osk_error_set(e, code, line < 0 ? NULL : path,
			     line < 0 ? 0 : int_line(line), 0, "%s%s", pre,
			     msg);
}

/*
 * Record a final error at line (0: the whole file; -1: no path either, the
 * message names the file) and field index (or CSV_NO_FIELD), and copy it
 * to err.
 */
static int
fail_at(struct csv_reader *r, struct osk_error *err, int code, long line,
	size_t index, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

static int
fail_at(struct csv_reader *r, struct osk_error *err, int code, long line,
	size_t index, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vset(&r->fail, r->path, code, line, index, fmt, ap);
	va_end(ap);
	r->st = ST_FAILED;
	if (err)
		*err = r->fail;
	return -code;
}

/* About the whole file: "path: msg". */
#define fail_file(r, err, code, ...) \
	fail_at(r, err, code, 0, CSV_NO_FIELD, __VA_ARGS__)
/* Not about the contents (I/O, memory): "msg". */
#define fail_plain(r, err, code, ...) \
	fail_at(r, err, code, -1, CSV_NO_FIELD, __VA_ARGS__)

static void
size_text(size_t n, char *buf, size_t size)
{
	if (n >= 1024 * 1024 && n % (1024 * 1024) == 0)
		snprintf(buf, size, "%zu MiB", n / (1024 * 1024));
	else
		snprintf(buf, size, "%zu bytes", n);
}

/* Index of the field being parsed, for errors. */
static size_t
cur_field(const struct csv_reader *r)
{
	return r->st == ST_RECORD ? 0 : r->nf;
}

/* ---- input ---- */

static int
fill(struct csv_reader *r, struct osk_error *err)
{
	size_t left = r->in_len - r->in_pos, room;
	ssize_t n;

	if (r->in_pos) {
		memmove(r->in, r->in + r->in_pos, left);
		r->in_valid = r->in_valid > r->in_pos ?
			r->in_valid - r->in_pos : 0;
		r->in_len = left;
		r->in_pos = 0;
	}
	room = IN_SIZE - r->in_len;
	if (!room)
		return fail_plain(r, err, OSK_EINTERNAL,
				  "csv: input buffer full");
	if (r->fd < 0) {
		n = (ssize_t)(r->mem_len - r->mem_pos < room ?
			      r->mem_len - r->mem_pos : room);
		if (n)
			memcpy(r->in + r->in_len, r->mem + r->mem_pos,
			       (size_t)n);
		r->mem_pos += (size_t)n;
	} else {
		do
			n = read(r->fd, r->in + r->in_len, room);
		while (n < 0 && errno == EINTR);
		if (n < 0)
			return fail_plain(r, err, OSK_EIO,
					  "cannot read '%s': %s", r->path,
					  strerror(errno));
	}
	if (!n)
		r->eof = 1;
	r->in_len += (size_t)n;
	return 0;
}

static int
open_iconv(struct csv_reader *r, struct osk_error *err)
{
	r->cd = iconv_open("UTF-8", "CP932");
	if (r->cd == (iconv_t)-1) {
		int e = errno;

		return osk_fail(err, OSK_EINTERNAL,
				"cannot convert from CP932 with iconv: %s",
				strerror(e));
	}
	r->out = malloc(OUT_SIZE);
	if (!r->out)
		return osk_fail(err, OSK_ENOMEM, "out of memory");
	return 0;
}

/*
 * Look at the first bytes once: refuse workbooks and UTF-16 (the usual
 * wrong files), drop a UTF-8 byte order mark.
 */
static int
start(struct csv_reader *r, struct osk_error *err)
{
	static const char save_as[] = "in Excel save it as \"CSV UTF-8\"";
	const unsigned char *s = r->in;
	int rc;

	r->started = 1;
	while (!r->eof && r->in_len < 4)
		if ((rc = fill(r, err)))
			return rc;
	if (r->in_len >= 4 && !memcmp(s, "PK\3\4", 4))
		return fail_file(r, err, OSK_EDATA, "not a CSV file but an "
				 "Excel workbook or other ZIP file; %s",
				 save_as);
	if (r->in_len >= 4 && !memcmp(s, "\xD0\xCF\x11\xE0", 4))
		return fail_file(r, err, OSK_EDATA, "not a CSV file but an "
				 "old Excel workbook (.xls); %s", save_as);
	if (r->in_len >= 2 && (!memcmp(s, "\xFF\xFE", 2) ||
			       !memcmp(s, "\xFE\xFF", 2)))
		return fail_file(r, err, OSK_EDATA, "the file is UTF-16 "
				 "(Excel \"Unicode text\"); %s", save_as);
	if (r->in_len >= 3 && !memcmp(s, CSV_UTF8_BOM, 3)) {
		if (r->want == CSV_ENC_CP932)
			return fail_file(r, err, OSK_EDATA, "the file starts "
					 "with a UTF-8 byte order mark; "
					 "choose --encoding utf-8 or auto");
		r->in_pos = r->in_valid = 3;
		r->used = CSV_ENC_UTF8;
		r->decided = 1;
	}
	return 0;
}

/* ---- decoding ---- */

static enum utf8_status
utf8_check(const unsigned char *s, size_t n, int eof, int stop_high,
	   size_t *ok)
{
	const uint64_t high = 0x8080808080808080ull;
	const uint64_t ones = 0x0101010101010101ull;
	size_t i = 0, k, len;
	unsigned lo, hi;
	uint64_t w;

	while (i < n) {
		while (i + 8 <= n) {
			memcpy(&w, s + i, 8);
			if ((w & high) || ((w - ones) & ~w & high))
				break;
			i += 8;
		}
		if (i == n)
			break;
		if (s[i] < 0x80) {
			if (!s[i]) {
				*ok = i;
				return U_NUL;
			}
			i++;
			continue;
		}
		*ok = i;
		if (stop_high)
			return U_HIGH;
		lo = 0x80, hi = 0xBF;
		if (s[i] >= 0xC2 && s[i] <= 0xDF)
			len = 2;
		else if (s[i] >= 0xE0 && s[i] <= 0xEF)
			len = 3, lo = s[i] == 0xE0 ? 0xA0 : 0x80,
			hi = s[i] == 0xED ? 0x9F : 0xBF;
		else if (s[i] >= 0xF0 && s[i] <= 0xF4)
			len = 4, lo = s[i] == 0xF0 ? 0x90 : 0x80,
			hi = s[i] == 0xF4 ? 0x8F : 0xBF;
		else
			return U_BAD;
		for (k = 1; k < len; k++) {
			if (i + k >= n)
				return eof ? U_BAD : U_SHORT;
			if (k == 1 ? s[i + 1] < lo || s[i + 1] > hi :
			    (s[i + k] & 0xC0) != 0x80)
				return U_BAD;
		}
		i += len;
	}
	*ok = n;
	return U_OK;
}

/*
 * CSV_ENC_AUTO at the first non-ASCII byte (in[in_pos]): UTF-8 if the next
 * SNIFF_SIZE bytes are valid UTF-8 (NULs aside: they fail later either
 * way), else CP932.
 */
static int
decide(struct csv_reader *r, struct osk_error *err)
{
	const unsigned char *s;
	size_t n, ok;
	int rc, win_eof;
	enum utf8_status st;

	while (!r->eof && r->in_len - r->in_pos < SNIFF_SIZE)
		if ((rc = fill(r, err)))
			return rc;
	n = r->in_len - r->in_pos;
	win_eof = r->eof;
	if (n > SNIFF_SIZE) {
		n = SNIFF_SIZE;
		win_eof = 0;
	}
	s = r->in + r->in_pos;
	while ((st = utf8_check(s, n, win_eof, 0, &ok)) == U_NUL) {
		s += ok + 1;
		n -= ok + 1;
	}
	r->decided = 1;
	if (st != U_BAD)
		return 0;
	r->used = CSV_ENC_CP932;
	if ((rc = open_iconv(r, &r->fail)) < 0) {
		r->st = ST_FAILED;
		if (err)
			*err = r->fail;
	}
	return rc;
}

static int
decode_error(struct csv_reader *r, struct osk_error *err)
{
	char bytes[16];
	size_t field = cur_field(r);
	const char *noun = r->nbad == 2 ? "bytes" : "byte";

	if (r->nbad == 2)
		snprintf(bytes, sizeof(bytes), "0x%02x 0x%02x", r->bad[0],
			 r->bad[1]);
	else
		snprintf(bytes, sizeof(bytes), "0x%02x", r->bad[0]);
	if (r->pend == PEND_NUL)
		return fail_at(r, err, OSK_EDATA, r->line, field,
			       "NUL byte in the text; save the file as CSV "
			       "(\"CSV UTF-8\" in Excel)");
	if (r->used == CSV_ENC_UTF8)
		return fail_at(r, err, OSK_EDATA, r->line, field,
			       "invalid UTF-8 byte %s; save the file as UTF-8 "
			       "or choose --encoding cp932", bytes);
	if (r->pend == PEND_TRUNC)
		return fail_at(r, err, OSK_EDATA, r->line, field,
			       "incomplete CP932 character %s at the end of "
			       "the file; save the file as UTF-8", bytes);
	if (r->want == CSV_ENC_AUTO)
		return fail_at(r, err, OSK_EDATA, r->line, field,
			       "%s %s %s neither UTF-8 nor CP932; save the "
			       "file as UTF-8", noun, bytes,
			       r->nbad == 2 ? "are" : "is");
	return fail_at(r, err, OSK_EDATA, r->line, field,
		       "invalid CP932 %s %s; save the file as UTF-8 or "
		       "choose --encoding utf-8", noun, bytes);
}

static void
set_pending_cp932(struct csv_reader *r, enum pending what)
{
	unsigned char c = r->in[r->in_pos];
	int lead = (c >= 0x81 && c <= 0x9F) || (c >= 0xE0 && c <= 0xFC);

	r->pend = what;
	r->bad[0] = c;
	r->nbad = 1;
	if (lead && r->in_pos + 1 < r->in_len) {
		r->bad[1] = r->in[r->in_pos + 1];
		r->nbad = 2;
	}
}

static int
refill_cp932(struct csv_reader *r, struct osk_error *err)
{
	char *ip, *op, *z;
	size_t il, ol, n, made;
	int rc, e, more;

	for (;;) {
		if (r->pend)
			return decode_error(r, err);
		if (r->in_pos == r->in_len) {
			if (r->eof)
				return 0;
			if ((rc = fill(r, err)))
				return rc;
			continue;
		}
		ip = (char *)r->in + r->in_pos;
		il = r->in_len - r->in_pos;
		op = r->out;
		ol = OUT_SIZE;
		n = iconv(r->cd, &ip, &il, &op, &ol);
		e = errno;
		r->in_pos = (size_t)((unsigned char *)ip - r->in);
		made = (size_t)(op - r->out);
		more = 0;
		if (n == (size_t)-1) {
			if (e == EILSEQ)
				set_pending_cp932(r, PEND_BAD);
			else if (e == EINVAL && r->eof)
				set_pending_cp932(r, PEND_TRUNC);
			else if (e == EINVAL)
				more = 1;
			else if (e != E2BIG)
				return fail_plain(r, err, OSK_EINTERNAL,
						  "cannot convert from CP932: "
						  "%s", strerror(e));
		}
		if ((z = memchr(r->out, '\0', made))) {
			made = (size_t)(z - r->out);
			r->pend = PEND_NUL;
		}
		if (made) {
			r->t = r->out;
			r->tlen = made;
			r->tpos = 0;
			r->t_in = 0;
			return 1;
		}
		if (more && (rc = fill(r, err)))
			return rc;
	}
}

static int
refill_utf8(struct csv_reader *r, struct osk_error *err)
{
	enum utf8_status st;
	size_t ok;
	int rc;

	for (;;) {
		if (r->in_valid > r->in_pos) {
			r->t = (const char *)r->in + r->in_pos;
			r->tlen = r->in_valid - r->in_pos;
			r->tpos = 0;
			r->t_in = 1;
			return 1;
		}
		if (r->pend)
			return decode_error(r, err);
		if (r->in_len > r->in_valid) {
			st = utf8_check(r->in + r->in_valid,
					r->in_len - r->in_valid, r->eof,
					!r->decided, &ok);
			r->in_valid += ok;
			if (st == U_BAD || st == U_NUL) {
				r->pend = st == U_BAD ? PEND_BAD : PEND_NUL;
				r->bad[0] = r->in[r->in_valid];
				r->nbad = 1;
				continue;
			}
			if (st == U_HIGH && !ok) {
				if ((rc = decide(r, err)))
					return rc;
				if (r->used == CSV_ENC_CP932)
					return refill_cp932(r, err);
				continue;
			}
			if (st != U_SHORT || ok)
				continue;
		} else if (r->eof) {
			return 0;
		}
		if ((rc = fill(r, err)))
			return rc;
	}
}

/* Make the next text available: 1, 0 at end of input, or an error. */
static int
refill(struct csv_reader *r, struct osk_error *err)
{
	int rc;

	if (r->t_in)
		r->in_pos += r->tlen;
	r->t_in = 0;
	r->tlen = r->tpos = 0;
	if (!r->started && (rc = start(r, err)))
		return rc;
	if (r->used == CSV_ENC_CP932)
		return refill_cp932(r, err);
	return refill_utf8(r, err);
}

/* ---- parsing ---- */

static int
grow_rec(struct csv_reader *r, size_t need, struct osk_error *err)
{
	size_t na;
	char *p;

	if (need > CSV_RECORD_MAX - r->rec_len) {
		char lim[32];

		size_text(CSV_RECORD_MAX, lim, sizeof(lim));
		return fail_at(r, err, OSK_EDATA, r->rec_line, CSV_NO_FIELD,
			       "record is longer than %s", lim);
	}
	na = r->rec_alloc ? r->rec_alloc : 4096;
	while (na < r->rec_len + need)
		na *= 2;
	if (na > CSV_RECORD_MAX)
		na = CSV_RECORD_MAX;
	p = realloc(r->rec, na);
	if (!p)
		return fail_plain(r, err, OSK_ENOMEM, "out of memory");
	r->rec = p;
	r->rec_alloc = na;
	return 0;
}

static int
too_long(struct csv_reader *r, struct osk_error *err)
{
	char lim[32];

	size_text(r->field_max, lim, sizeof(lim));
	if (r->st == ST_QUOTED || r->st == ST_QUOTE)
		return fail_at(r, err, OSK_EDATA, r->quote_line, r->nf,
			       "quoted field starting here is longer than %s; "
			       "is a closing quote missing?", lim);
	return fail_at(r, err, OSK_EDATA, r->line, r->nf,
		       "field is longer than %s", lim);
}

static inline int
add(struct csv_reader *r, const void *s, size_t n, struct osk_error *err)
{
	int rc;

	if (n > r->field_max - (r->rec_len - r->fstart))
		return too_long(r, err);
	if (n >= r->rec_alloc - r->rec_len &&
	    (rc = grow_rec(r, n + 1, err)))
		return rc;
	memcpy(r->rec + r->rec_len, s, n);
	r->rec_len += n;
	return 0;
}

static int
grow_fields(struct csv_reader *r, struct osk_error *err)
{
	size_t nc = r->fcap ? 2 * r->fcap : 64;
	void *p;

	if (r->fcap >= CSV_FIELDS_MAX)
		return fail_at(r, err, OSK_EDATA, r->line, CSV_NO_FIELD,
			       "record has more than %u fields",
			       CSV_FIELDS_MAX);
	if (nc > CSV_FIELDS_MAX)
		nc = CSV_FIELDS_MAX;
	if (!(p = realloc(r->off, nc * sizeof(*r->off))))
		goto nomem;
	r->off = p;
	if (!(p = realloc(r->lens, nc * sizeof(*r->lens))))
		goto nomem;
	r->lens = p;
	if (!(p = realloc(r->ptr, nc * sizeof(*r->ptr))))
		goto nomem;
	r->ptr = p;
	r->fcap = nc;
	return 0;
nomem:
	return fail_plain(r, err, OSK_ENOMEM, "out of memory");
}

static inline int
end_field(struct csv_reader *r, struct osk_error *err)
{
	int rc;

	if (r->nf == r->fcap && (rc = grow_fields(r, err)))
		return rc;
	if (r->rec_len == r->rec_alloc && (rc = grow_rec(r, 1, err)))
		return rc;
	r->off[r->nf] = r->fstart;
	r->lens[r->nf] = r->rec_len - r->fstart;
	r->nf++;
	r->rec[r->rec_len++] = '\0';
	r->fstart = r->rec_len;
	return 0;
}

/* Count a line end; CRLF is one. */
static inline void
newline(struct csv_reader *r, unsigned char c)
{
	if (c == '\r')
		r->line++;
	else if (!r->prev_cr)
		r->line++;
	r->prev_cr = c == '\r';
}

/*
 * Consume text: 1 when a record is complete, 0 when the text is used up,
 * or an error.
 */
static int
parse(struct csv_reader *r, struct osk_error *err)
{
	const unsigned char *base = (const unsigned char *)r->t;
	const unsigned char *p = base + r->tpos, *end = base + r->tlen, *s;
	int rc = 0;

	while (p < end) {
		switch (r->st) {
		case ST_RECORD:
			if (*p == '\r' || *p == '\n') {
				newline(r, *p++);
				continue;
			}
			r->prev_cr = 0;
			r->rec_line = r->line;
			r->st = ST_FIELD;
			continue;
		case ST_FIELD:
			if (*p == '"') {
				r->quote_line = r->line;
				r->st = ST_QUOTED;
				p++;
			} else {
				r->st = ST_UNQUOTED;
			}
			continue;
		case ST_UNQUOTED:
			s = p;
			while (p < end && !unquoted_stop[*p])
				p++;
			if (p > s && (rc = add(r, s, (size_t)(p - s), err)))
				goto out;
			if (p == end)
				goto out;
			if (*p == '"') {
				rc = fail_at(r, err, OSK_EDATA, r->line, r->nf,
					     "'\"' inside an unquoted field; "
					     "put the field in double quotes "
					     "and write each '\"' inside as "
					     "'\"\"'");
				goto out;
			}
			if ((rc = end_field(r, err)))
				goto out;
			if (*p == ',') {
				p++;
				r->st = ST_FIELD;
				continue;
			}
			newline(r, *p++);
			r->st = ST_RECORD;
			rc = 1;
			goto out;
		case ST_QUOTED:
			s = p;
			while (p < end && !quoted_stop[*p])
				p++;
			if (p > s) {
				r->prev_cr = 0;
				if ((rc = add(r, s, (size_t)(p - s), err)))
					goto out;
			}
			if (p == end)
				goto out;
			if (*p == '"') {
				r->prev_cr = 0;
				r->st = ST_QUOTE;
				p++;
				continue;
			}
			newline(r, *p);
			if ((rc = add(r, p++, 1, err)))
				goto out;
			continue;
		case ST_QUOTE:
			if (*p == '"') {
				if ((rc = add(r, p++, 1, err)))
					goto out;
				r->st = ST_QUOTED;
				continue;
			}
			if (*p != ',' && *p != '\r' && *p != '\n') {
				rc = fail_at(r, err, OSK_EDATA, r->line, r->nf,
					     "text after the closing quote of "
					     "a quoted field; write a '\"' "
					     "inside quotes as '\"\"'");
				goto out;
			}
			if ((rc = end_field(r, err)))
				goto out;
			if (*p == ',') {
				p++;
				r->st = ST_FIELD;
				continue;
			}
			newline(r, *p++);
			r->st = ST_RECORD;
			rc = 1;
			goto out;
		default:
			rc = fail_plain(r, err, OSK_EINTERNAL,
					"csv: bad parser state %d", r->st);
			goto out;
		}
	}
out:
	r->tpos = (size_t)(p - base);
	return rc;
}

static int
at_eof(struct csv_reader *r, struct osk_error *err)
{
	int rc;

	switch (r->st) {
	case ST_RECORD:
		r->st = ST_EOF;
		return 0;
	case ST_QUOTED:
		return fail_at(r, err, OSK_EDATA, r->quote_line, r->nf,
			       "unterminated quoted field starting here; "
			       "close the quote");
	default:
		if ((rc = end_field(r, err)))
			return rc;
		r->st = ST_EOF;
		return 1;
	}
}

/* ---- public: reading ---- */

static struct csv_reader *
reader_new(const char *name, enum csv_encoding enc, struct osk_error *err)
{
	struct csv_reader *r = NULL;

	if (enc != CSV_ENC_AUTO && enc != CSV_ENC_UTF8 &&
	    enc != CSV_ENC_CP932) {
		osk_fail(err, OSK_EUSAGE, "csv: unknown encoding %d",
			 (int)enc);
		return NULL;
	}
	if (!(r = calloc(1, sizeof(*r))))
		goto nomem;
	r->fd = -1;
	r->cd = (iconv_t)-1;
	r->want = enc;
	r->used = enc == CSV_ENC_CP932 ? CSV_ENC_CP932 : CSV_ENC_UTF8;
	r->decided = enc != CSV_ENC_AUTO;
	r->st = ST_RECORD;
	r->line = 1;
	r->field_max = CSV_FIELD_MAX;
	if (!(r->path = strdup(name)) || !(r->in = malloc(IN_SIZE)))
		goto nomem;
	if (enc == CSV_ENC_CP932 && open_iconv(r, err) < 0)
		goto fail;
	return r;
nomem:
	osk_fail(err, OSK_ENOMEM, "out of memory");
fail:
	csv_close(r);
	return NULL;
}

struct csv_reader *
csv_open(const char *path, enum csv_encoding enc, struct osk_error *err)
{
	struct csv_reader *r = NULL;
	int is_stdin = !strcmp(path, "-");
	struct stat st;
	int fd = 0;

	if (!is_stdin) {
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0) {
			int e = errno;

			osk_fail(err, e == ENOMEM ? OSK_ENOMEM : OSK_ENOINPUT,
				 "cannot open '%s': %s", path, strerror(e));
			return NULL;
		}
	}
	if (!fstat(fd, &st) && S_ISDIR(st.st_mode)) {
		osk_fail(err, OSK_ENOINPUT, "'%s' is a directory, not a file",
			 path);
		goto fail;
	}
	if (!(r = reader_new(is_stdin ? "<stdin>" : path, enc, err)))
		goto fail;
	r->fd = fd;
	r->own_fd = !is_stdin;
	return r;
fail:
	if (!is_stdin)
		close(fd);
	return NULL;
}

struct csv_reader *
csv_open_mem(const char *name, const char *buf, size_t len,
	     enum csv_encoding enc, struct osk_error *err)
{
	struct csv_reader *r = reader_new(name ? name : "<memory>", enc, err);

	if (!r)
		return NULL;
	r->mem = (const unsigned char *)buf;
	r->mem_len = buf ? len : 0;
	return r;
}

int
csv_read(struct csv_reader *r, const char ***fields, size_t **lens,
	 size_t *nfields, struct osk_error *err)
{
	size_t i;
	int rc;

	if (r->st == ST_FAILED) {
		if (err)
			*err = r->fail;
		return -r->fail.code;
	}
	if (r->st == ST_EOF)
		return 0;
	r->nf = 0;
	r->rec_len = r->fstart = 0;
	for (;;) {
		if (r->tpos == r->tlen) {
			rc = refill(r, err);
			if (rc < 0)
				return rc;
			if (!rc) {
				rc = at_eof(r, err);
				break;
			}
		}
		if ((rc = parse(r, err)))
			break;
	}
	if (rc <= 0)
		return rc;
	for (i = 0; i < r->nf; i++)
		r->ptr[i] = r->rec + r->off[i];
	if (fields)
		*fields = r->ptr;
	if (lens)
		*lens = r->lens;
	if (nfields)
		*nfields = r->nf;
	return 1;
}

int
csv_line(const struct csv_reader *r)
{
	return int_line(r->rec_line);
}

enum csv_encoding
csv_encoding_used(const struct csv_reader *r)
{
	return r->used;
}

const char *
csv_path(const struct csv_reader *r)
{
	return r->path;
}

void
csv_set_field_max(struct csv_reader *r, size_t max)
{
	r->field_max = max < CSV_FIELD_MAX ? max : CSV_FIELD_MAX;
}

void
csv_close(struct csv_reader *r)
{
	if (!r)
		return;
	if (r->own_fd)
		close(r->fd);
	if (r->cd != (iconv_t)-1)
		iconv_close(r->cd);
	free(r->path);
	free(r->in);
	free(r->out);
	free(r->rec);
	free(r->off);
	free(r->lens);
	free(r->ptr);
	free(r);
}

int
csv_error_set(const struct csv_reader *r, struct osk_error *err, int code,
	      size_t index, const char *fmt, ...)
{
	va_list ap;
	int rc;

	if (!err)
		return -code;
	va_start(ap, fmt);
	rc = vset(err, r->path, code, r->rec_line, index, fmt, ap);
	va_end(ap);
	return rc;
}

int
csv_error_set_line(const struct csv_reader *r, struct osk_error *err,
		   int code, int line, size_t index, const char *fmt, ...)
{
	va_list ap;
	int rc;

	if (!err)
		return -code;
	va_start(ap, fmt);
	rc = vset(err, r->path, code, line, index, fmt, ap);
	va_end(ap);
	return rc;
}

/* ---- header ---- */

static int
is_ascii_space(char c)
{
	return c == ' ' || c == '\t';
}

static void
trim(const char **s, size_t *n)
{
	static const char ideo[] = "\xE3\x80\x80";	/* U+3000 */

	for (;;) {
		if (*n && is_ascii_space(**s))
			(*s)++, (*n)--;
		else if (*n >= 3 && !memcmp(*s, ideo, 3))
			*s += 3, *n -= 3;
		else
			break;
	}
	for (;;) {
		if (*n && is_ascii_space((*s)[*n - 1]))
			(*n)--;
		else if (*n >= 3 && !memcmp(*s + *n - 3, ideo, 3))
			*n -= 3;
		else
			break;
	}
}

static int
ascii_lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

static int
name_eq(const char *a, size_t an, const char *b)
{
	size_t i;

	for (i = 0; i < an; i++)
		if (!b[i] || ascii_lower((unsigned char)a[i]) !=
		    ascii_lower((unsigned char)b[i]))
			return 0;
	return !b[an];
}

/* Append 'name' (cut to a sane length on a UTF-8 boundary). */
static int
add_name(struct sbuf *sb, const char *s, size_t n, int first)
{
	size_t cut = n;
	int rc = 0;

	if (cut > 64) {
		cut = 64;
		while (cut && ((unsigned char)s[cut] & 0xC0) == 0x80)
			cut--;
	}
	if (!first)
		rc = sbuf_adds(sb, ", ");
	if (!rc)
		rc = sbuf_addch(sb, '\'');
	if (!rc)
		rc = sbuf_add(sb, s, cut);
	if (!rc && cut < n)
		rc = sbuf_adds(sb, "...");
	if (!rc)
		rc = sbuf_addch(sb, '\'');
	return rc;
}

int
csv_header_map(const struct csv_reader *r, const char *const *wanted,
	       size_t nwanted, int *idx, struct sbuf *unknown,
	       struct osk_error *err)
{
	size_t f, w, n;
	const char *s;
	int nunknown = 0;
	char col[16];

	for (w = 0; w < nwanted; w++)
		idx[w] = -1;
	for (f = 0; f < r->nf; f++) {
		s = r->rec + r->off[f];
		n = r->lens[f];
		trim(&s, &n);
		if (!n)
			continue;
		for (w = 0; w < nwanted; w++)
			if (name_eq(s, n, wanted[w]))
				break;
		if (w < nwanted && idx[w] >= 0) {
			column_name((size_t)idx[w] + 1, col, sizeof(col));
			return csv_error_set(r, err, OSK_EDATA, f,
					     "column '%s' appears twice (also "
					     "field %d, column %s); remove "
					     "one", wanted[w], idx[w] + 1, col);
		}
		if (w < nwanted) {
			idx[w] = (int)f;
			continue;
		}
		if (unknown && add_name(unknown, s, n, !nunknown))
			return osk_fail(err, OSK_ENOMEM, "out of memory");
		nunknown++;
	}
	return nunknown;
}

/* ---- encodings ---- */

static int
ascii_caseeq(const char *a, const char *b)
{
	while (*a && ascii_lower((unsigned char)*a) ==
	       ascii_lower((unsigned char)*b))
		a++, b++;
	return !*a && !*b;
}

int
csv_encoding_parse(const char *s, enum csv_encoding *out,
		   struct osk_error *err)
{
	static const struct {
		const char *name;
		enum csv_encoding enc;
	} names[] = {
		{ "auto", CSV_ENC_AUTO },
		{ "utf-8", CSV_ENC_UTF8 },
		{ "utf8", CSV_ENC_UTF8 },
		{ "cp932", CSV_ENC_CP932 },
		{ "sjis", CSV_ENC_CP932 },
		{ "shift_jis", CSV_ENC_CP932 },
		{ "shift-jis", CSV_ENC_CP932 },
		{ "ms932", CSV_ENC_CP932 },
		{ "windows-31j", CSV_ENC_CP932 },
	};
	size_t i;

	for (i = 0; s && i < sizeof(names) / sizeof(names[0]); i++) {
		if (ascii_caseeq(s, names[i].name)) {
			*out = names[i].enc;
			return 0;
		}
	}
	return osk_fail(err, OSK_EUSAGE, "unknown encoding '%s'; choose auto, "
			"utf-8 or cp932", s ? s : "");
}

const char *
csv_encoding_name(enum csv_encoding enc)
{
	switch (enc) {
	case CSV_ENC_UTF8:
		return "utf-8";
	case CSV_ENC_CP932:
		return "cp932";
	default:
		return "auto";
	}
}

/* ---- writing ---- */

/*
 * Besides what RFC 4180 needs, quote control characters and a leading
 * U+FEFF: unquoted at the start of a file they could read back as a byte
 * order mark or a ZIP signature ("PK\3\4").
 */
static int
needs_quotes(const char *s, size_t n)
{
	size_t i;

	if (!n)
		return 0;
	if (is_ascii_space(s[0]) || is_ascii_space(s[n - 1]))
		return 1;
	if (n >= 3 && !memcmp(s, CSV_UTF8_BOM, 3))
		return 1;
	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f ||
		    s[i] == ',' || s[i] == '"')
			return 1;
	return 0;
}

int
csv_write_field(struct sbuf *sb, const char *s, size_t len)
{
	const char *q, *end = s + len;

	if (!len)
		return 0;
	if (!needs_quotes(s, len))
		return sbuf_add(sb, s, len);
	if (sbuf_addch(sb, '"'))
		return -OSK_ENOMEM;
	while ((q = memchr(s, '"', (size_t)(end - s)))) {
		if (sbuf_add(sb, s, (size_t)(q - s) + 1) ||
		    sbuf_addch(sb, '"'))
			return -OSK_ENOMEM;
		s = q + 1;
	}
	if (sbuf_add(sb, s, (size_t)(end - s)) || sbuf_addch(sb, '"'))
		return -OSK_ENOMEM;
	return 0;
}

int
csv_write_row(struct sbuf *sb, const char *const *fields,
	      const size_t *lens, size_t n)
{
	size_t i, len;
	const char *f;

	if (n == 1 && (!fields[0] || !(lens ? lens[0] : strlen(fields[0]))))
		return sbuf_adds(sb, "\"\"\r\n");
	for (i = 0; i < n; i++) {
		f = fields[i] ? fields[i] : "";
		len = !fields[i] ? 0 : lens ? lens[i] : strlen(f);
		if (i && sbuf_addch(sb, ','))
			return -OSK_ENOMEM;
		if (csv_write_field(sb, f, len))
			return -OSK_ENOMEM;
	}
	return sbuf_adds(sb, "\r\n");
}

int
csv_header_map_alias(const struct csv_reader *r, const struct csv_alias *names,
		     size_t nnames, int *col, size_t ncols,
		     struct sbuf *unknown, struct osk_error *err)
{
	const char **wanted = calloc(nnames ? nnames : 1, sizeof(*wanted));
	int *idx = calloc(nnames ? nnames : 1, sizeof(*idx));
	size_t i;
	int n;

	if (!wanted || !idx) {
		n = osk_fail(err, OSK_ENOMEM, "out of memory");
		goto out;
	}
	for (i = 0; i < nnames; i++)
		wanted[i] = names[i].name;
	if ((n = csv_header_map(r, wanted, nnames, idx, unknown, err)) < 0)
		goto out;
	for (i = 0; i < ncols; i++)
		col[i] = -1;
	for (i = 0; i < nnames; i++) {
		int c = names[i].col;

		if (idx[i] < 0 || c < 0 || (size_t)c >= ncols)
			continue;
		if (col[c] >= 0) {
			n = csv_error_set(r, err, OSK_EDATA, (size_t)idx[i],
					  "column '%s' repeats another column "
					  "of the same meaning; keep one",
					  names[i].name);
			goto out;
		}
		col[c] = idx[i];
	}
out:
	free(wanted);
	free(idx);
	return n;
}

int
csv_read_header(struct csv_reader *r, const char *expected,
		const char ***fields, size_t *nfields, struct osk_error *err)
{
	int n = csv_read(r, fields, NULL, nfields, err);

	if (n == 0)
		return osk_error_set(err, OSK_EDATA, csv_path(r), 0, 0,
				     "the file is empty; expected a header "
				     "row: %s", expected);
	return n;
}
