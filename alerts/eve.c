/* SPDX-License-Identifier: MIT */
/*
 * Suricata EVE JSON lines: a hand-written streaming scanner.
 *
 * Each line is checked to be one JSON object (RFC 8259 syntax; the bytes
 * inside strings are not checked for UTF-8), but only the few values an
 * alert needs are looked at: top-level "event_type", "timestamp", "src_ip"
 * and "alert": {"signature_id", "signature", "category"}. Everything else
 * is skipped in place, without building anything. Strings are kept as
 * spans of the line and unescaped only when a value is needed and holds a
 * backslash.
 *
 * The counting keys (day, event, source) go into an open-addressing hash
 * table, and the classification of a (sid, signature, category) triple is
 * cached, since a log holds few distinct signatures and many alerts.
 * Files are read in 1 MiB blocks while a second thread computes their
 * SHA-256. The same reader counts Zeek notices (alerts/zeek.c reads the
 * lines) when told so.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "alerts/alerts.h"
#include "alerts/internal.h"
#include "core/sbuf.h"
#include "core/sha256.h"

#define READ_BLOCK (1u << 20)
#define MAX_DEPTH 512
#define CACHE_MAX 65536		/* cached classifications */
#define IP_MAX 46		/* longest address text + NUL */

/* ---- hash tables ---- */

/* One counting key and its count; day 0 marks a free slot. */
struct agg {
	uint32_t day;		/* YYYYMMDD */
	uint32_t event;		/* catalog index, UINT32_MAX: unclassified */
	uint32_t ip;		/* index into the address pool */
	uint32_t hash;
	int64_t count;
};

/* A classified (sid, signature, category), keyed by their raw spans. */
struct cls {
	uint64_t hash;
	int64_t sid;
	char *key;		/* signature span, then category span */
	size_t siglen, catlen;
	uint32_t event;
};

struct alerts_eve {
	const struct alerts_catalog *cat;
	enum alerts_log_format format;
	struct zeek_state zeek;
	char *name;
	struct alerts_eve_stats stats;
	struct osk_errlist warnings;
	struct sha256 sha;
	char sha_hex[SHA256_HEX_SIZE];
	bool finished;

	struct sbuf carry;	/* a line split across blocks */
	bool too_long;		/* skipping the rest of a too long line */

	struct agg *agg;
	size_t agg_n, agg_mask;
	struct ippool ips;
	struct cls *cls;
	size_t cls_n, cls_mask;

	struct sbuf sig, cat_s;	/* unescaped signature and category */
};

/* ---- the scanner ---- */

enum perr {
	PE_OK,
	PE_EOF,			/* the line ended inside the object */
	PE_SYNTAX,
	PE_NOT_OBJECT,
	PE_TRAILING,
	PE_CONTROL,
	PE_ESCAPE,
	PE_DEPTH,
};

/* A string value: the bytes between the quotes, as written. */
struct span {
	const char *s;
	size_t len;
	bool esc;		/* holds a backslash escape */
	bool set;
};

struct rec {
	struct span event_type, timestamp, src_ip, signature, category;
	bool has_alert;
	int64_t sid;		/* -1: none */
};

struct scan {
	const char *line, *end;
	enum perr err;
	const char *at;		/* where the error is */
};

/* 1: quote, 2: backslash, 3: control character (not allowed raw) */
static const unsigned char str_class[256] = {
	3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
	3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
	0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2,
};

/*
 * Skip the bytes of a string that need no attention (not a quote, a
 * backslash or a control character): most of a log is payloads and
 * other long strings, so this loop is the scanner's hot spot. SSE2 is
 * part of every x86-64 CPU; elsewhere, a table four bytes at a time.
 */
static inline const char *
plain_run(const char *p, const char *end)
{
#ifdef __SSE2__
	const __m128i quote = _mm_set1_epi8('"'), bs = _mm_set1_epi8('\\'),
		      flip = _mm_set1_epi8((char)0x80),
		      ctl = _mm_set1_epi8((char)(0x20 ^ 0x80));

	while (end - p >= 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
		/* unsigned v < 0x20 as a signed compare of v ^ 0x80 */
		int m = _mm_movemask_epi8(_mm_or_si128(
			_mm_or_si128(_mm_cmpeq_epi8(v, quote),
				     _mm_cmpeq_epi8(v, bs)),
			_mm_cmplt_epi8(_mm_xor_si128(v, flip), ctl)));

		if (m)
			return p + __builtin_ctz((unsigned)m);
		p += 16;
	}
#else
	while (end - p >= 4 && !str_class[(unsigned char)p[0]] &&
	       !str_class[(unsigned char)p[1]] &&
	       !str_class[(unsigned char)p[2]] &&
	       !str_class[(unsigned char)p[3]])
		p += 4;
#endif
	while (p < end && !str_class[(unsigned char)*p])
		p++;
	return p;
}

static const char *
fail_at(struct scan *sc, const char *p, enum perr e)
{
	sc->err = p >= sc->end && e == PE_SYNTAX ? PE_EOF : e;
	sc->at = p;
	return NULL;
}

static inline const char *
skip_ws(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' ||
			   *p == '\r'))
		p++;
	return p;
}

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c |= 0x20;
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/*
 * p is just after an opening quote. Returns the position after the
 * closing quote and fills *sp (may be NULL), or NULL on error.
 */
static const char *
scan_string(struct scan *sc, const char *p, struct span *sp)
{
	const char *start = p, *end = sc->end;
	bool esc = false;

	for (;;) {
		p = plain_run(p, end);
		if (p >= end)
			return fail_at(sc, p, PE_EOF);
		switch (str_class[(unsigned char)*p]) {
		case 1:
			if (sp) {
				sp->s = start;
				sp->len = (size_t)(p - start);
				sp->esc = esc;
				sp->set = true;
			}
			return p + 1;
		case 2:
			esc = true;
			if (++p >= end)
				return fail_at(sc, p, PE_EOF);
			if (*p == 'u') {
				int i;

				for (i = 1; i <= 4; i++)
					if (p + i >= end)
						return fail_at(sc, p + i,
							       PE_EOF);
					else if (hexval(p[i]) < 0)
						return fail_at(sc, p + i,
							       PE_ESCAPE);
				p += 5;
			} else if (strchr("\"\\/bfnrt", *p) && *p) {
				p++;
			} else {
				return fail_at(sc, p, PE_ESCAPE);
			}
			break;
		default:
			return fail_at(sc, p, PE_CONTROL);
		}
	}
}

static inline bool
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

/* A JSON number; *ival gets its value if it is a whole number, else -1. */
static const char *
scan_number(struct scan *sc, const char *p, int64_t *ival)
{
	const char *end = sc->end;
	bool whole = true, neg = false;
	uint64_t v = 0;

	if (*p == '-') {
		neg = true;
		p++;
	}
	if (p >= end || !is_digit(*p))
		return fail_at(sc, p, PE_SYNTAX);
	if (*p == '0') {
		p++;
	} else {
		while (p < end && is_digit(*p)) {
			if (v > (UINT64_MAX - 9) / 10)
				whole = false;
			else
				v = v * 10 + (uint64_t)(*p - '0');
			p++;
		}
	}
	if (p < end && *p == '.') {
		whole = false;
		if (++p >= end || !is_digit(*p))
			return fail_at(sc, p, PE_SYNTAX);
		while (p < end && is_digit(*p))
			p++;
	}
	if (p < end && (*p == 'e' || *p == 'E')) {
		whole = false;
		p++;
		if (p < end && (*p == '+' || *p == '-'))
			p++;
		if (p >= end || !is_digit(*p))
			return fail_at(sc, p, PE_SYNTAX);
		while (p < end && is_digit(*p))
			p++;
	}
	if (ival)
		*ival = whole && !neg && v <= INT64_MAX ? (int64_t)v : -1;
	return p;
}

static const char *
scan_literal(struct scan *sc, const char *p)
{
	static const char *const words[] = { "true", "false", "null" };
	size_t i;

	for (i = 0; i < 3; i++) {
		size_t n = strlen(words[i]);

		if (*p != words[i][0])
			continue;
		if ((size_t)(sc->end - p) >= n && !memcmp(p, words[i], n))
			return p + n;
		if ((size_t)(sc->end - p) < n &&
		    !memcmp(p, words[i], (size_t)(sc->end - p)))
			return fail_at(sc, sc->end, PE_EOF);
		return fail_at(sc, p, PE_SYNTAX);
	}
	return fail_at(sc, p, PE_SYNTAX);
}

/*
 * Skip one JSON value of any kind starting at p (no leading space).
 * Nesting is followed with an explicit stack, never recursion, so a
 * hostile line cannot exhaust the C stack.
 */
static const char *
skip_value(struct scan *sc, const char *p, int depth0)
{
	char stack[MAX_DEPTH];	/* '}' or ']' we wait for */
	const char *end = sc->end;
	int depth = 0;

value:
	if (p >= end)
		return fail_at(sc, p, PE_EOF);
	switch (*p) {
	case '"':
		if (!(p = scan_string(sc, p + 1, NULL)))
			return NULL;
		goto after;
	case '{':
	case '[':
		if (depth0 + depth >= MAX_DEPTH)
			return fail_at(sc, p, PE_DEPTH);
		stack[depth++] = *p == '{' ? '}' : ']';
		p = skip_ws(p + 1, end);
		if (p < end && *p == stack[depth - 1]) {
			depth--;
			p++;
			goto after;
		}
		if (stack[depth - 1] == '}')
			goto key;
		goto value;
	case 't':
	case 'f':
	case 'n':
		if (!(p = scan_literal(sc, p)))
			return NULL;
		goto after;
	default:
		if (*p != '-' && !is_digit(*p))
			return fail_at(sc, p, PE_SYNTAX);
		if (!(p = scan_number(sc, p, NULL)))
			return NULL;
		goto after;
	}
key:
	if (p >= end || *p != '"')
		return fail_at(sc, p, PE_SYNTAX);
	if (!(p = scan_string(sc, p + 1, NULL)))
		return NULL;
	p = skip_ws(p, end);
	if (p >= end || *p != ':')
		return fail_at(sc, p, PE_SYNTAX);
	p = skip_ws(p + 1, end);
	goto value;
after:
	if (!depth)
		return p;
	p = skip_ws(p, end);
	if (p >= end)
		return fail_at(sc, p, PE_EOF);
	if (*p == ',') {
		p = skip_ws(p + 1, end);
		if (stack[depth - 1] == '}')
			goto key;
		goto value;
	}
	if (*p != stack[depth - 1])
		return fail_at(sc, p, PE_SYNTAX);
	depth--;
	p++;
	goto after;
}

static int unescape(const struct span *sp, struct sbuf *out);

/* Whether key k is name; an escaped key ("event\u005ftype") is decoded. */
static bool
key_is(const struct span *k, const char *name, size_t n)
{
	struct sbuf tmp = SBUF_INIT;
	bool same;

	if (!k->esc)
		return k->len == n && !memcmp(k->s, name, n);
	if (k->len < n || k->len > 6 * n)
		return false;
	same = !unescape(k, &tmp) && tmp.len == n &&
	       !memcmp(tmp.buf, name, n);
	sbuf_release(&tmp);
	return same;
}

#define KEY_IS(k, lit) key_is(k, lit, sizeof(lit) - 1)

/*
 * Unescape a JSON string span into out (NUL-terminated): \uXXXX becomes
 * UTF-8, a surrogate pair one character, a lone surrogate or \u0000 the
 * replacement character U+FFFD.
 */
static int
unescape(const struct span *sp, struct sbuf *out)
{
	const char *p = sp->s, *end = sp->s + sp->len;
	int r = 0;

	sbuf_reset(out);
	if (!sp->set)
		return 0;
	if (!sp->esc)
		return sbuf_add(out, p, sp->len);
	while (!r && p < end) {
		const char *bs = memchr(p, '\\', (size_t)(end - p));
		uint32_t cp;
		char u[4];
		int n;

		if (!bs)
			return sbuf_add(out, p, (size_t)(end - p));
		if ((r = sbuf_add(out, p, (size_t)(bs - p))))
			break;
		p = bs + 1;	/* the scanner checked every escape */
		switch (*p++) {
		case 'b': r = sbuf_addch(out, '\b'); continue;
		case 'f': r = sbuf_addch(out, '\f'); continue;
		case 'n': r = sbuf_addch(out, '\n'); continue;
		case 'r': r = sbuf_addch(out, '\r'); continue;
		case 't': r = sbuf_addch(out, '\t'); continue;
		case 'u': break;
		default: r = sbuf_addch(out, p[-1]); continue;
		}
		cp = (uint32_t)(hexval(p[0]) << 12 | hexval(p[1]) << 8 |
				hexval(p[2]) << 4 | hexval(p[3]));
		p += 4;
		if (cp >= 0xd800 && cp <= 0xdbff && end - p >= 6 &&
		    p[0] == '\\' && p[1] == 'u') {
			uint32_t lo = (uint32_t)(hexval(p[2]) << 12 |
						 hexval(p[3]) << 8 |
						 hexval(p[4]) << 4 |
						 hexval(p[5]));

			if (lo >= 0xdc00 && lo <= 0xdfff) {
				cp = 0x10000 + ((cp - 0xd800) << 10) +
				     (lo - 0xdc00);
				p += 6;
			}
		}
		if (cp == 0 || (cp >= 0xd800 && cp <= 0xdfff))
			cp = 0xfffd;
		if (cp < 0x80) {
			u[0] = (char)cp, n = 1;
		} else if (cp < 0x800) {
			u[0] = (char)(0xc0 | cp >> 6);
			u[1] = (char)(0x80 | (cp & 0x3f)), n = 2;
		} else if (cp < 0x10000) {
			u[0] = (char)(0xe0 | cp >> 12);
			u[1] = (char)(0x80 | (cp >> 6 & 0x3f));
			u[2] = (char)(0x80 | (cp & 0x3f)), n = 3;
		} else {
			u[0] = (char)(0xf0 | cp >> 18);
			u[1] = (char)(0x80 | (cp >> 12 & 0x3f));
			u[2] = (char)(0x80 | (cp >> 6 & 0x3f));
			u[3] = (char)(0x80 | (cp & 0x3f)), n = 4;
		}
		r = sbuf_add(out, u, (size_t)n);
	}
	return r;
}

/* A string value into *sp, or any other value skipped (sp unset). */
static const char *
string_or_skip(struct scan *sc, const char *p, struct span *sp, int depth)
{
	if (*p == '"') {
		struct span s;

		if (!(p = scan_string(sc, p + 1, &s)))
			return NULL;
		*sp = s;
		return p;
	}
	sp->set = false;	/* the last one counts */
	return skip_value(sc, p, depth);
}

/*
 * An object's members, calling member() for each key with p at its value
 * (no leading space). p is just after '{'.
 */
typedef const char *member_fn(struct scan *sc, const struct span *key,
			      const char *p, struct rec *r);

static const char *
scan_object(struct scan *sc, const char *p, member_fn *member, struct rec *r)
{
	const char *end = sc->end;
	struct span key;

	p = skip_ws(p, end);
	if (p < end && *p == '}')
		return p + 1;
	for (;;) {
		if (p >= end || *p != '"')
			return fail_at(sc, p, PE_SYNTAX);
		if (!(p = scan_string(sc, p + 1, &key)))
			return NULL;
		p = skip_ws(p, end);
		if (p >= end || *p != ':')
			return fail_at(sc, p, PE_SYNTAX);
		p = skip_ws(p + 1, end);
		if (p >= end)
			return fail_at(sc, p, PE_EOF);
		if (!(p = member(sc, &key, p, r)))
			return NULL;
		p = skip_ws(p, end);
		if (p >= end)
			return fail_at(sc, p, PE_EOF);
		if (*p == '}')
			return p + 1;
		if (*p != ',')
			return fail_at(sc, p, PE_SYNTAX);
		p = skip_ws(p + 1, end);
	}
}

static const char *
alert_member(struct scan *sc, const struct span *key, const char *p,
	     struct rec *r)
{
	if (KEY_IS(key, "signature_id")) {
		r->sid = -1;
		if (*p == '-' || is_digit(*p))
			return scan_number(sc, p, &r->sid);
		return skip_value(sc, p, 2);
	}
	if (KEY_IS(key, "signature"))
		return string_or_skip(sc, p, &r->signature, 2);
	if (KEY_IS(key, "category"))
		return string_or_skip(sc, p, &r->category, 2);
	return skip_value(sc, p, 2);
}

static const char *
top_member(struct scan *sc, const struct span *key, const char *p,
	   struct rec *r)
{
	if (KEY_IS(key, "event_type"))
		return string_or_skip(sc, p, &r->event_type, 1);
	if (KEY_IS(key, "timestamp"))
		return string_or_skip(sc, p, &r->timestamp, 1);
	if (KEY_IS(key, "src_ip"))
		return string_or_skip(sc, p, &r->src_ip, 1);
	if (KEY_IS(key, "alert")) {
		if (*p != '{') {
			r->has_alert = false;
			return skip_value(sc, p, 1);
		}
		r->has_alert = true;
		r->sid = -1;
		r->signature.set = r->category.set = false;
		return scan_object(sc, p + 1, alert_member, r);
	}
	return skip_value(sc, p, 1);
}

/*
 * Scan one line (without its newline) into r. Returns 1 for an object, 0
 * for a blank line, -1 on error (sc->err, sc->at).
 */
static int
scan_line(struct scan *sc, struct rec *r)
{
	const char *p = skip_ws(sc->line, sc->end);

	memset(r, 0, sizeof(*r));
	r->sid = -1;
	sc->err = PE_OK;
	if (p >= sc->end)
		return 0;
	if (*p != '{') {
		fail_at(sc, p, PE_NOT_OBJECT);
		return -1;
	}
	if (!(p = scan_object(sc, p + 1, top_member, r)))
		return -1;
	p = skip_ws(p, sc->end);
	if (p < sc->end) {
		fail_at(sc, p, PE_TRAILING);
		return -1;
	}
	return 1;
}

/* ---- warnings ---- */

static void
warn(struct alerts_eve *e, int col, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void
warn(struct alerts_eve *e, int col, const char *fmt, ...)
{
	struct osk_error w;
	va_list ap;

	if (e->warnings.n >= e->warnings.keep) {
		e->warnings.total++;
		return;
	}
	osk_error_set(&w, OSK_EDATA, e->name, (int)e->stats.lines, col, "%s",
		      "");
	va_start(ap, fmt);
	vsnprintf(w.msg, sizeof(w.msg), fmt, ap);
	va_end(ap);
	osk_errlist_add(&e->warnings, &w);
}

static void
warn_syntax(struct alerts_eve *e, const struct scan *sc, bool last)
{
	int col = (int)(sc->at - sc->line) + 1;
	unsigned char c = sc->at < sc->end ? (unsigned char)*sc->at : 0;
	char ch[24];

	if (c > 0x20 && c < 0x7f)
		snprintf(ch, sizeof(ch), "'%c'", c);
	else
		snprintf(ch, sizeof(ch), "byte 0x%02x", c);
	e->stats.bad_lines++;
	switch (sc->err) {
	case PE_EOF:
		if (last) {
			e->stats.truncated = true;
			warn(e, 0, "the last line is cut short (no newline, "
			     "incomplete JSON); skipped");
		} else {
			warn(e, col, "not JSON: the line ends inside the "
			     "object; skipped");
		}
		break;
	case PE_NOT_OBJECT:
		warn(e, col, "not a JSON object (starts with %s); skipped",
		     ch);
		break;
	case PE_TRAILING:
		warn(e, col, "not JSON: %s after the end of the object; "
		     "skipped", ch);
		break;
	case PE_CONTROL:
		warn(e, col, "not JSON: control %s inside a string; "
		     "skipped", ch);
		break;
	case PE_ESCAPE:
		warn(e, col, "not JSON: bad escape in a string (%s); "
		     "skipped", ch);
		break;
	case PE_DEPTH:
		warn(e, col, "not JSON: nested more than %d deep; skipped",
		     MAX_DEPTH);
		break;
	default:
		warn(e, col, "not JSON: unexpected %s; skipped", ch);
		break;
	}
}

/* ---- counting ---- */

static int
grow_agg(struct alerts_eve *e)
{
	size_t cap = e->agg ? 2 * (e->agg_mask + 1) : 1024, i;
	struct agg *t = calloc(cap, sizeof(*t));

	if (!t)
		return -OSK_ENOMEM;
	for (i = 0; e->agg && i <= e->agg_mask; i++) {
		size_t j;

		if (!e->agg[i].day)
			continue;
		for (j = e->agg[i].hash & (cap - 1); t[j].day;
		     j = (j + 1) & (cap - 1))
			;
		t[j] = e->agg[i];
	}
	free(e->agg);
	e->agg = t;
	e->agg_mask = cap - 1;
	return 0;
}

static int
count(struct alerts_eve *e, uint32_t day, uint32_t event, const char *ip,
      size_t iplen)
{
	uint32_t h, k;
	size_t i;

	if (iplen >= IP_MAX)	/* cannot be an address: stored as "" */
		iplen = 0;
	if (ippool_index(&e->ips, ip, iplen, &k))
		return -OSK_ENOMEM;
	h = (uint32_t)((day * 0x9e3779b97f4a7c15ull ^
			event * 0xc2b2ae3d27d4eb4full ^
			k * 0x165667b19e3779f9ull) >> 32);
	if ((e->agg_n + 1) * 4 > (e->agg ? (e->agg_mask + 1) * 3 : 0) &&
	    grow_agg(e))
		return -OSK_ENOMEM;
	for (i = h & e->agg_mask; e->agg[i].day; i = (i + 1) & e->agg_mask) {
		struct agg *a = &e->agg[i];

		if (a->day == day && a->event == event && a->ip == k) {
			a->count++;
			return 0;
		}
	}
	e->agg[i].hash = h;
	e->agg[i].day = day;
	e->agg[i].event = event;
	e->agg[i].ip = k;
	e->agg[i].count = 1;
	e->agg_n++;
	return 0;
}

static int
grow_cls(struct alerts_eve *e)
{
	size_t cap = e->cls ? 2 * (e->cls_mask + 1) : 256, i;
	struct cls *t = calloc(cap, sizeof(*t));

	if (!t)
		return -OSK_ENOMEM;
	for (i = 0; e->cls && i <= e->cls_mask; i++) {
		size_t j;

		if (!e->cls[i].key)
			continue;
		for (j = e->cls[i].hash & (cap - 1); t[j].key;
		     j = (j + 1) & (cap - 1))
			;
		t[j] = e->cls[i];
	}
	free(e->cls);
	e->cls = t;
	e->cls_mask = cap - 1;
	return 0;
}

/* Classify an alert from its raw spans, through the cache. */
static int
classify(struct alerts_eve *e, const struct rec *r, uint32_t *event)
{
	const struct span *sg = &r->signature, *ct = &r->category;
	size_t sl = sg->set ? sg->len : 0, cl = ct->set ? ct->len : 0;
	const char *ss = sg->set ? sg->s : "", *cs = ct->set ? ct->s : "";
	uint64_t h = ALERTS_HASH_SEED;
	struct cls *c = NULL;
	size_t i, ev;

	h = alerts_hash_bytes(h, &r->sid, sizeof(r->sid));
	h = alerts_hash_bytes(h, ss, sl) * 31 + sl;
	h = alerts_hash_bytes(h, cs, cl);
	for (i = h & e->cls_mask; e->cls && e->cls[i].key;
	     i = (i + 1) & e->cls_mask) {
		c = &e->cls[i];
		if (c->hash == h && c->sid == r->sid && c->siglen == sl &&
		    c->catlen == cl && !memcmp(c->key, ss, sl) &&
		    !memcmp(c->key + sl, cs, cl)) {
			*event = c->event;
			return 0;
		}
	}
	if (unescape(sg, &e->sig) || unescape(ct, &e->cat_s))
		return -OSK_ENOMEM;
	ev = alerts_catalog_classify(e->cat, r->sid,
				     sg->set ? e->sig.buf : NULL,
				     ct->set ? e->cat_s.buf : NULL);
	*event = ev == ALERTS_NONE ? UINT32_MAX : (uint32_t)ev;
	if (e->cls_n >= CACHE_MAX)
		return 0;
	if ((e->cls_n + 1) * 4 > (e->cls ? (e->cls_mask + 1) * 3 : 0)) {
		if (grow_cls(e))
			return -OSK_ENOMEM;
	}
	for (i = h & e->cls_mask; e->cls[i].key; i = (i + 1) & e->cls_mask)
		;
	c = &e->cls[i];
	if (!(c->key = malloc(sl + cl + 1)))
		return -OSK_ENOMEM;
	memcpy(c->key, ss, sl);
	memcpy(c->key + sl, cs, cl);
	c->hash = h;
	c->sid = r->sid;
	c->siglen = sl;
	c->catlen = cl;
	c->event = *event;
	e->cls_n++;
	return 0;
}

/* A string value decoded into buf (size n); "" when too long. */
static const char *
small_string(const struct span *sp, char *buf, size_t n, size_t *len)
{
	struct sbuf tmp = SBUF_INIT;

	*len = 0;
	buf[0] = '\0';
	if (!sp->set || sp->len >= n * 6)
		return buf;
	if (!sp->esc) {
		if (sp->len < n) {
			memcpy(buf, sp->s, sp->len);
			buf[sp->len] = '\0';
			*len = sp->len;
		}
		return buf;
	}
	if (!unescape(sp, &tmp) && tmp.len < n &&
	    !memchr(tmp.buf, 0, tmp.len)) {
		memcpy(buf, tmp.buf, tmp.len + 1);
		*len = tmp.len;
	}
	sbuf_release(&tmp);
	return buf;
}

/* The day of a timestamp as YYYYMMDD, from the date as written; 0 if none. */
static uint32_t
day_of(const struct span *ts, struct sbuf *tmp)
{
	const char *s = ts->s;

	if (!ts->set)
		return 0;
	if (ts->esc) {
		if (unescape(ts, tmp))
			return 0;
		s = tmp->buf;
		if (tmp->len < 10)
			return 0;
	} else if (ts->len < 10) {
		return 0;
	}
	if (!alerts_date_ok10(s))
		return 0;
	return (uint32_t)((s[0] - '0') * 10000000 + (s[1] - '0') * 1000000 +
			  (s[2] - '0') * 100000 + (s[3] - '0') * 10000 +
			  (s[5] - '0') * 1000 + (s[6] - '0') * 100 +
			  (s[8] - '0') * 10 + (s[9] - '0'));
}

static int
take_alert(struct alerts_eve *e, const struct rec *r)
{
	char ip[IP_MAX];
	size_t il;
	uint32_t day, event;
	int rc;

	if (!r->has_alert) {
		e->stats.skipped++;
		warn(e, 0, "an alert record without an 'alert' object; "
		     "skipped");
		return 0;
	}
	if (!(day = day_of(&r->timestamp, &e->sig))) {
		e->stats.skipped++;
		warn(e, 0, "an alert without a date (YYYY-MM-DD...) in "
		     "'timestamp'; skipped");
		return 0;
	}
	small_string(&r->src_ip, ip, sizeof(ip), &il);
	if ((rc = classify(e, r, &event)))
		return rc;
	if ((rc = count(e, day, event, ip, il)))
		return rc;
	e->stats.alerts++;
	if (event == UINT32_MAX)
		e->stats.unclassified++;
	return 0;
}

static bool
is_alert(const struct span *et)
{
	char buf[8];
	size_t n;

	if (!et->set)
		return false;
	if (!et->esc)
		return et->len == 5 && !memcmp(et->s, "alert", 5);
	return !strcmp(small_string(et, buf, sizeof(buf), &n), "alert");
}

/* A Zeek notice: classified by its note and message, no sid. */
static int
take_notice(struct alerts_eve *e, const struct zeek_notice *n)
{
	struct sbuf *t = &e->sig;
	uint32_t event;
	size_t ev, i;
	int rc = 0;

	if (!n->day) {
		e->stats.skipped++;
		warn(e, 0, "a notice without a time in 'ts'; skipped");
		return 0;
	}
	sbuf_reset(t);
	for (i = 0; !rc && i < n->note_len; i++)
		rc = sbuf_addch(t, n->note[i] == '_' || n->note[i] == ':' ?
				' ' : n->note[i]);
	if (!rc && n->msg && !(rc = sbuf_adds(t, ": ")))
		rc = sbuf_add(t, n->msg, n->msg_len);
	if (rc)
		return rc;
	ev = alerts_catalog_classify(e->cat, -1, t->buf, NULL);
	event = ev == ALERTS_NONE ? UINT32_MAX : (uint32_t)ev;
	if ((rc = count(e, n->day, event, n->src ? n->src : "",
			n->src_len)))
		return rc;
	e->stats.alerts++;
	if (event == UINT32_MAX)
		e->stats.unclassified++;
	return 0;
}

static int
take_zeek_line(struct alerts_eve *e, const char *s, size_t len)
{
	struct zeek_notice n;
	int rc;

	e->stats.lines++;
	rc = zeek_line(&e->zeek, s, len, &n);
	if (rc < 0) {
		e->stats.bad_lines++;
		warn(e, 0, "%s; skipped", n.error);
		return 0;
	}
	if (rc == 0)
		return 0;
	e->stats.records++;
	return take_notice(e, &n);
}

/* One line without its newline. last: the input ended without one. */
static int
take_line(struct alerts_eve *e, const char *s, size_t len, bool last)
{
	struct scan sc = { s, s + len, PE_OK, NULL };
	struct rec r;
	int rc;

	if (e->format == ALERTS_LOG_ZEEK_NOTICE)
		return take_zeek_line(e, s, len);
	e->stats.lines++;
	rc = scan_line(&sc, &r);
	if (rc < 0) {
		warn_syntax(e, &sc, last);
		return 0;
	}
	if (rc == 0)
		return 0;
	e->stats.records++;
	return is_alert(&r.event_type) ? take_alert(e, &r) : 0;
}

static void
too_long(struct alerts_eve *e)
{
	e->stats.lines++;
	e->stats.bad_lines++;
	warn(e, 0, "line longer than %u MiB; skipped",
	     ALERTS_EVE_LINE_MAX >> 20);
	e->too_long = false;
}

/* ---- public ---- */

struct alerts_eve *
alerts_eve_new(const struct alerts_catalog *cat, const char *name)
{
	struct alerts_eve *e = calloc(1, sizeof(*e));

	if (!e)
		return NULL;
	e->cat = cat;
	if (!(e->name = strdup(name ? name : "<memory>"))) {
		free(e);
		return NULL;
	}
	osk_errlist_init(&e->warnings, ALERTS_EVE_KEEP);
	sha256_init(&e->sha);
	e->carry = (struct sbuf)SBUF_INIT;
	e->sig = (struct sbuf)SBUF_INIT;
	e->cat_s = (struct sbuf)SBUF_INIT;
	return e;
}

void
alerts_eve_free(struct alerts_eve *e)
{
	size_t i;

	if (!e)
		return;
	for (i = 0; e->cls && i <= e->cls_mask; i++)
		free(e->cls[i].key);
	free(e->cls);
	free(e->agg);
	ippool_release(&e->ips);
	sbuf_release(&e->carry);
	sbuf_release(&e->sig);
	sbuf_release(&e->cat_s);
	osk_errlist_release(&e->warnings);
	free(e->name);
	free(e);
}

/* Add bytes to the carried line, or drop them when it is too long. */
static int
carry(struct alerts_eve *e, const char *p, size_t n)
{
	if (e->too_long)
		return 0;
	if (e->carry.len + n > ALERTS_EVE_LINE_MAX) {
		e->too_long = true;
		sbuf_release(&e->carry);
		return 0;
	}
	return sbuf_add(&e->carry, p, n);
}

/* The lines of buf, without hashing. */
static int
feed_lines(struct alerts_eve *e, const char *buf, size_t len,
	   struct osk_error *err)
{
	const char *p = buf, *end = buf + len, *nl;

	e->stats.bytes += len;
	if (e->carry.len || e->too_long) {
		if (!(nl = memchr(p, '\n', len)))
			return carry(e, p, len) ? alerts_nomem(err) : 0;
		if (carry(e, p, (size_t)(nl - p)))
			return alerts_nomem(err);
		if (e->too_long) {
			too_long(e);
		} else if (take_line(e, e->carry.buf, e->carry.len, false)) {
			return alerts_nomem(err);
		}
		sbuf_reset(&e->carry);
		p = nl + 1;
	}
	while (p < end && (nl = memchr(p, '\n', (size_t)(end - p)))) {
		if (take_line(e, p, (size_t)(nl - p), false))
			return alerts_nomem(err);
		p = nl + 1;
	}
	if (p < end && carry(e, p, (size_t)(end - p)))
		return alerts_nomem(err);
	return 0;
}

int
alerts_eve_feed(struct alerts_eve *e, const char *buf, size_t len,
		struct osk_error *err)
{
	sha256_update(&e->sha, buf, len);
	return feed_lines(e, buf, len, err);
}

int
alerts_eve_finish(struct alerts_eve *e, struct osk_error *err)
{
	if (e->finished)
		return 0;
	e->finished = true;
	if (e->too_long)
		too_long(e);
	else if (e->carry.len &&
		 take_line(e, e->carry.buf, e->carry.len, true))
		return alerts_nomem(err);
	sbuf_release(&e->carry);
	sha256_final_hex(&e->sha, e->sha_hex);
	return 0;
}

/* ---- reading files ---- */

/*
 * SHA-256 costs more than the scan itself, so a file is hashed by a
 * second thread while this one scans: blocks go round a ring of NBUF
 * buffers; a buffer is read again only once the hasher is done with it
 * (the scan, being in this thread, always is).
 */
#define NBUF 4

struct ring {
	char *buf[NBUF];
	size_t len[NBUF];
	uint64_t read, hashed;	/* blocks read / hashed so far */
	bool eof;
	struct sha256 *sha;
	pthread_mutex_t mu;
	pthread_cond_t cv;
};

static void *
hasher(void *arg)
{
	struct ring *g = arg;

	pthread_mutex_lock(&g->mu);
	for (;;) {
		size_t i;

		while (g->hashed == g->read && !g->eof)
			pthread_cond_wait(&g->cv, &g->mu);
		if (g->hashed == g->read)
			break;
		i = g->hashed % NBUF;
		pthread_mutex_unlock(&g->mu);
		sha256_update(g->sha, g->buf[i], g->len[i]);
		pthread_mutex_lock(&g->mu);
		g->hashed++;
		pthread_cond_broadcast(&g->cv);
	}
	pthread_mutex_unlock(&g->mu);
	return NULL;
}

static int
read_gz(struct alerts_eve *e, gzFile gz, const char *path,
	struct osk_error *err)
{
	struct ring g;
	pthread_t th;
	bool threaded;
	int i, n = 0, r = 0;

	memset(&g, 0, sizeof(g));
	g.sha = &e->sha;
	for (i = 0; i < NBUF; i++)
		if (!(g.buf[i] = malloc(READ_BLOCK)))
			r = alerts_nomem(err);
	pthread_mutex_init(&g.mu, NULL);
	pthread_cond_init(&g.cv, NULL);
	threaded = !r && !pthread_create(&th, NULL, hasher, &g);
	while (!r) {
		size_t k = g.read % NBUF;

		pthread_mutex_lock(&g.mu);
		while (threaded && g.read - g.hashed >= NBUF)
			pthread_cond_wait(&g.cv, &g.mu);
		pthread_mutex_unlock(&g.mu);
		if ((n = gzread(gz, g.buf[k], READ_BLOCK)) <= 0)
			break;
		g.len[k] = (size_t)n;
		if (!threaded)
			sha256_update(&e->sha, g.buf[k], g.len[k]);
		pthread_mutex_lock(&g.mu);
		g.read++;
		pthread_cond_broadcast(&g.cv);
		pthread_mutex_unlock(&g.mu);
		r = feed_lines(e, g.buf[k], (size_t)n, err);
	}
	pthread_mutex_lock(&g.mu);
	g.eof = true;
	pthread_cond_broadcast(&g.cv);
	pthread_mutex_unlock(&g.mu);
	if (threaded)
		pthread_join(th, NULL);
	if (!r) {
		/* a gzip stream cut short ends with n == 0 and Z_BUF_ERROR */
		int zerr;
		const char *msg = gzerror(gz, &zerr);

		if (n < 0 || (zerr != Z_OK && zerr != Z_STREAM_END))
			r = osk_fail(err, OSK_EIO, "cannot read '%s': %s",
				     path, zerr == Z_ERRNO ? strerror(errno) :
				     msg);
	}
	pthread_cond_destroy(&g.cv);
	pthread_mutex_destroy(&g.mu);
	for (i = 0; i < NBUF; i++)
		free(g.buf[i]);
	return r;
}

int
alerts_eve_read_file(struct alerts_eve *e, const char *path,
		     struct osk_error *err)
{
	struct stat sb;
	gzFile gz;
	int fd, r;

	if (!strcmp(path, "-")) {
		fd = dup(0);
	} else {
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd >= 0 && !fstat(fd, &sb) && S_ISDIR(sb.st_mode)) {
			close(fd);
			return osk_fail(err, OSK_ENOINPUT, "'%s' is a "
					"directory, not a file", path);
		}
	}
	if (fd < 0)
		return osk_fail(err, OSK_ENOINPUT, "cannot open '%s': %s",
				path, strerror(errno));
	if (!(gz = gzdopen(fd, "rb"))) {
		close(fd);
		return alerts_nomem(err);
	}
	gzbuffer(gz, READ_BLOCK);
	r = read_gz(e, gz, path, err);
	if (!r)
		r = alerts_eve_finish(e, err);
	gzclose(gz);
	return r;
}

const struct alerts_catalog *
alerts_eve_catalog(const struct alerts_eve *e)
{
	return e->cat;
}

void
alerts_eve_set_format(struct alerts_eve *e, enum alerts_log_format f)
{
	e->format = f;
}

const char *
alerts_eve_kind(const struct alerts_eve *e)
{
	return e->format == ALERTS_LOG_ZEEK_NOTICE ? ALERTS_KIND_ZEEK
						   : ALERTS_KIND_EVE;
}

size_t
alerts_eve_keys(const struct alerts_eve *e)
{
	return e->agg_n;
}

const struct alerts_eve_stats *
alerts_eve_stats(const struct alerts_eve *e)
{
	return &e->stats;
}

const struct osk_errlist *
alerts_eve_warnings(const struct alerts_eve *e)
{
	return &e->warnings;
}

const char *
alerts_eve_sha256(const struct alerts_eve *e)
{
	return e->sha_hex;
}

int
alerts_eve_each(const struct alerts_eve *e, alerts_eve_fn *fn, void *data)
{
	size_t i;
	int r;

	for (i = 0; e->agg && i <= e->agg_mask; i++) {
		const struct agg *a = &e->agg[i];
		struct alerts_eve_count c;

		if (!a->day)
			continue;
		snprintf(c.day, sizeof(c.day), "%04u-%02u-%02u",
			 a->day / 10000 % 10000, a->day / 100 % 100,
			 a->day % 100);
		c.event = a->event == UINT32_MAX ? ALERTS_NONE : a->event;
		c.src_ip = e->ips.ip[a->ip];
		c.count = a->count;
		if ((r = fn(&c, data)))
			return r;
	}
	return 0;
}
