/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/qstore.h"
#include "survey/internal.h"

#define NO_INDEX ((size_t)-1)

/* ---- matching keys of one question's choices ---- */

struct survey_keys {
	const struct qset_question *qq;
	struct sbuf buf;	/* id, ja, en key of each option, NUL-ended */
	size_t *off;		/* 3 offsets per option */
};

static void
keys_free(struct survey_keys *k)
{
	if (!k)
		return;
	sbuf_release(&k->buf);
	free(k->off);
	free(k);
}

static int
keys_add(struct survey_keys *k, size_t slot, const char *s)
{
	k->off[slot] = k->buf.len;
	if (s && survey_norm(s, strlen(s), &k->buf))
		return -OSK_ENOMEM;
	return sbuf_addch(&k->buf, '\0');
}

/* The keys of qq, made on first use and kept in v. */
static struct survey_keys *
keys_get(struct survey_value *v, const struct qset_question *qq)
{
	struct survey_keys *k = v->keys;
	size_t i;

	if (k && k->qq == qq)
		return k;
	keys_free(k);
	v->keys = NULL;
	if (!(k = calloc(1, sizeof(*k))))
		return NULL;
	k->buf = (struct sbuf)SBUF_INIT;
	if (!(k->off = calloc(qq->noptions * 3 + 1, sizeof(*k->off))))
		goto fail;
	for (i = 0; i < qq->noptions; i++) {
		const struct qset_option *o = &qq->options[i];

		if (keys_add(k, 3 * i, o->id) ||
		    keys_add(k, 3 * i + 1, o->label.ja) ||
		    keys_add(k, 3 * i + 2, o->label.en))
			goto fail;
	}
	k->qq = qq;
	v->keys = k;
	return k;
fail:
	keys_free(k);
	return NULL;
}

/* ---- values ---- */

void
survey_value_init(struct survey_value *v)
{
	memset(v, 0, sizeof(*v));
	v->other = (struct sbuf)SBUF_INIT;
	v->text = (struct sbuf)SBUF_INIT;
}

void
survey_value_release(struct survey_value *v)
{
	free(v->chosen);
	sbuf_release(&v->other);
	sbuf_release(&v->text);
	keys_free(v->keys);
	survey_value_init(v);
}

void
survey_value_reset(struct survey_value *v)
{
	v->answered = false;
	v->nchosen = 0;
	v->number = 0;
	sbuf_reset(&v->other);
	sbuf_reset(&v->text);
}

size_t
survey_option_index(const struct qset_question *qq, const char *id, size_t n)
{
	size_t i;

	for (i = 0; i < qq->noptions; i++) {
		const char *o = qq->options[i].id;

		if (!strncmp(o, id, n) && !o[n])
			return i;
	}
	return NO_INDEX;
}

size_t
survey_other_index(const struct qset_question *qq)
{
	return survey_option_index(qq, "other", 5);
}

int
survey_value_add_choice(struct survey_value *v, size_t i)
{
	size_t j;

	for (j = 0; j < v->nchosen && v->chosen[j] < i; j++)
		;
	if (j < v->nchosen && v->chosen[j] == i)
		return 0;
	if (v->nchosen == v->alloc) {
		size_t na = v->alloc ? 2 * v->alloc : 8;
		size_t *p = realloc(v->chosen, na * sizeof(*p));

		if (!p)
			return -OSK_ENOMEM;
		v->chosen = p;
		v->alloc = na;
	}
	memmove(v->chosen + j + 1, v->chosen + j,
		(v->nchosen - j) * sizeof(*v->chosen));
	v->chosen[j] = i;
	v->nchosen++;
	return 0;
}

static bool
same(const char *a, const char *s, size_t n)
{
	return a && !strncmp(a, s, n) && !a[n];
}

/* ---- what spreadsheets do to choice ids ---- */

/* A whole number of 1-9 digits at s[0..n), or -1. */
static long
whole(const char *s, size_t n)
{
	long v = 0;
	size_t i;

	if (!n || n > 9)
		return -1;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* Whether s ends with the UTF-8 text t; *n shortened past it if so. */
static bool
cut_suffix(const char *s, size_t *n, const char *t)
{
	size_t k = strlen(t);

	if (*n < k || memcmp(s + *n - k, t, k))
		return false;
	*n -= k;
	return true;
}

/*
 * A head count typed as a number ("12", "12人", "１２名") for choices
 * that are bands of numbers ("6-20", "301+"): the band holding it.
 */
static size_t
band_of(const struct qset_question *qq, const char *key)
{
	size_t i, n = strlen(key);
	long v, lo, hi;

	if (!cut_suffix(key, &n, "\xE4\xBA\xBA"))	/* 人 */
		cut_suffix(key, &n, "\xE5\x90\x8D");	/* 名 */
	if ((v = whole(key, n)) < 0)
		return NO_INDEX;
	for (i = 0; i < qq->noptions; i++) {
		const char *id = qq->options[i].id, *dash;
		size_t len = strlen(id);

		if (len > 1 && id[len - 1] == '+') {
			lo = whole(id, len - 1);
			hi = -2;
		} else if ((dash = strchr(id, '-')) && dash > id) {
			lo = whole(id, (size_t)(dash - id));
			hi = whole(dash + 1, strlen(dash + 1));
			if (hi < 0)
				continue;
		} else {
			continue;
		}
		if (lo >= 0 && v >= lo && (hi == -2 || v <= hi))
			return i;
	}
	return NO_INDEX;
}

/*
 * Excel reads "1-5" and "6-20" as dates and saves them as "1月5日" (or
 * "5-Jan" in English): the choice "M-D" when there is one.
 */
static size_t
undated(const struct qset_question *qq, const char *key)
{
	static const char *const mon[] = {
		"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep",
		"oct", "nov", "dec",
	};
	const char *p = key, *q;
	char id[16];
	long m = -1, d = -1;
	size_t i;

	if ((q = strstr(p, "\xE6\x9C\x88"))) {		/* M月D日 */
		m = whole(p, (size_t)(q - p));
		p = q + 3;
		q = strstr(p, "\xE6\x97\xA5");
		if (!q || q[3] || (d = whole(p, (size_t)(q - p))) < 0)
			return NO_INDEX;
	} else if ((q = strchr(p, '-'))) {			/* D-Mon */
		d = whole(p, (size_t)(q - p));
		for (i = 0; i < 12 && m < 0; i++)
			if (!strcmp(q + 1, mon[i]))
				m = (long)i + 1;
	}
	if (m < 1 || m > 12 || d < 1 || d > 31)
		return NO_INDEX;
	snprintf(id, sizeof(id), "%ld-%ld", m, d);
	return survey_option_index(qq, id, strlen(id));
}

/* The option that s[0..n) names, or NO_INDEX; -1 on ENOMEM via *nomem. */
static size_t
match(const struct qset_question *qq, struct survey_value *v, const char *s,
      size_t n, bool *nomem)
{
	struct sbuf key = SBUF_INIT;
	struct survey_keys *k;
	size_t i, j, found = NO_INDEX;

	for (i = 0; i < qq->noptions; i++)
		if (same(qq->options[i].id, s, n))
			return i;
	for (i = 0; i < qq->noptions; i++)
		if (same(qq->options[i].label.ja, s, n) ||
		    same(qq->options[i].label.en, s, n))
			return i;
	if (!(k = keys_get(v, qq)) || survey_norm(s, n, &key)) {
		*nomem = true;
		goto out;
	}
	for (i = 0; i < qq->noptions && found == NO_INDEX; i++)
		for (j = 0; j < 3; j++)
			if (!strcmp(k->buf.buf + k->off[3 * i + j], key.buf) &&
			    key.len) {
				found = i;
				break;
			}
	if (found == NO_INDEX && key.len)
		found = band_of(qq, key.buf);
	if (found == NO_INDEX && key.len)
		found = undated(qq, key.buf);
out:
	sbuf_release(&key);
	return found;
}

/* Position of the first ':' or '：' in s[0..n), its length in *clen. */
static const char *
find_colon(const char *s, size_t n, size_t *clen)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] == ':') {
			*clen = 1;
			return s + i;
		}
		if (i + 3 <= n && !memcmp(s + i, "\xEF\xBC\x9A", 3)) {
			*clen = 3;
			return s + i;
		}
	}
	return NULL;
}

/* Print at most 60 bytes of s[0..n) without cutting a character. */
static int
shown(const char *s, size_t n)
{
	size_t cut = n;

	if (cut > 60) {
		cut = 60;
		while (cut && ((unsigned char)s[cut] & 0xC0) == 0x80)
			cut--;
	}
	return (int)cut;
}

static int
unknown_choice(const struct qset_question *qq, const char *s, size_t n,
	       struct osk_error *err)
{
	char ids[200];
	size_t i, len = 0;

	ids[0] = '\0';
	for (i = 0; i < qq->noptions; i++) {
		const char *id = qq->options[i].id;

		if (len + strlen(id) + 8 >= sizeof(ids)) {
			snprintf(ids + len, sizeof(ids) - len, ", ...");
			break;
		}
		len += (size_t)snprintf(ids + len, sizeof(ids) - len, "%s%s",
					i ? ", " : "", id);
	}
	return osk_fail(err, OSK_EDATA, "unknown choice '%.*s%s'; use a choice "
			"id (%s) or its label", shown(s, n), s,
			shown(s, n) < (int)n ? "..." : "", ids);
}

static bool
is_sep(const char *s, size_t n, size_t *slen)
{
	if (*s == ';') {
		*slen = 1;
		return true;
	}
	if (n >= 3 && !memcmp(s, "\xEF\xBC\x9B", 3)) {	/* U+FF1B */
		*slen = 3;
		return true;
	}
	return false;
}

/*
 * "other:TEXT" (or the other choice's label, a colon and the text) at s,
 * where the text runs to the end of the answer at end: *tlen receives the
 * bytes consumed. 0 if it is one, 1 if s is not "other", or an error.
 */
static int
parse_other(const struct qset_question *qq, const char *s, size_t n,
	    const char *end, struct survey_value *v, size_t *used,
	    struct osk_error *err)
{
	const char *colon, *head = s, *text;
	size_t i, clen, hlen, tlen;
	bool nomem = false;

	if (!(colon = find_colon(s, n, &clen)))
		return 1;
	hlen = (size_t)(colon - s);
	survey_trim(&head, &hlen);
	i = match(qq, v, head, hlen, &nomem);
	if (nomem)
		return osk_fail(err, OSK_ENOMEM, "out of memory");
	if (i == NO_INDEX || i != survey_other_index(qq))
		return 1;
	text = colon + clen;
	tlen = (size_t)(end - text);
	*used = (size_t)(end - s);
	survey_trim(&text, &tlen);
	if (!qq->other && tlen)
		return osk_fail(err, OSK_EDATA, "text after '%s' is not taken "
				"by this question (it has no 'other: true')",
				qq->options[i].id);
	if (survey_value_add_choice(v, i) || sbuf_add(&v->other, text, tlen))
		return osk_fail(err, OSK_ENOMEM, "out of memory");
	return 0;
}

/* ---- several choices in one cell, as people write them ---- */

#define LOOSE_MAX_SEPS 64	/* more separators: no second try */

/* The length of a separator at s (n bytes left), or 0. */
static size_t
loose_sep(const char *s, size_t n)
{
	static const char *const seps[] = {
		"\xEF\xBC\x9B",	/* ； */
		"\xEF\xBC\x8C",	/* ， */
		"\xE3\x80\x81",	/* 、 */
	};
	size_t i;

	if (*s == ';' || *s == ',' || *s == '\n' || *s == '\r')
		return 1;
	for (i = 0; i < sizeof(seps) / sizeof(*seps); i++)
		if (n >= 3 && !memcmp(s, seps[i], 3))
			return 3;
	return 0;
}

struct loose {
	const struct qset_question *qq;
	struct survey_value *v;
	const char *s;
	size_t n;
	size_t *at;		/* separator positions, ascending */
	size_t nat;
	bool *dead;		/* dead[k]: no way on after separator k */
	struct osk_error *err;
};

/*
 * Choose choices for s[from..n): each piece between separators must be a
 * choice (or "other:TEXT", to the end). Longer pieces first, so that a
 * label holding a separator ("見られたり、使われたり") stays whole.
 * 0: done; 1: no way; < 0: error.
 */
static int
loose_from(struct loose *L, size_t from, size_t k0)
{
	size_t k, used, end, len, j;
	bool nomem = false, had;
	const char *p;
	int r;

	for (;;) {			/* skip separators and spaces */
		size_t sl = from < L->n ? loose_sep(L->s + from, L->n - from)
					: 0;

		if (!sl && from < L->n && (L->s[from] == ' ' ||
					   L->s[from] == '\t'))
			sl = 1;
		if (!sl)
			break;
		from += sl;
	}
	while (k0 < L->nat && L->at[k0] < from)
		k0++;
	if (from >= L->n)
		return 0;
	for (k = L->nat + 1; k-- > k0;) {
		end = k < L->nat ? L->at[k] : L->n;
		if (k < L->nat && L->dead[k])
			continue;
		p = L->s + from;
		len = end - from;
		survey_trim(&p, &len);
		if (!len)
			continue;
		if (k == L->nat) {	/* "other:TEXT" runs to the end */
			r = parse_other(L->qq, p, len, L->s + L->n, L->v,
					&used, L->err);
			if (r == 0 || r == -OSK_ENOMEM)
				return r;
		}
		used = match(L->qq, L->v, p, len, &nomem);
		if (nomem)
			return osk_fail(L->err, OSK_ENOMEM, "out of memory");
		if (used == NO_INDEX)
			continue;
		for (j = 0, had = false; j < L->v->nchosen; j++)
			had = had || L->v->chosen[j] == used;
		if (survey_value_add_choice(L->v, used))
			return osk_fail(L->err, OSK_ENOMEM, "out of memory");
		if (k == L->nat || !(r = loose_from(L, end, k + 1)))
			return 0;
		if (r < 0)
			return r;
		if (!had) {		/* undo, then try a shorter piece */
			for (j = 0; L->v->chosen[j] != used; j++)
				;
			memmove(L->v->chosen + j, L->v->chosen + j + 1,
				(L->v->nchosen - j - 1) *
				sizeof(*L->v->chosen));
			L->v->nchosen--;
		}
		if (k < L->nat)
			L->dead[k] = true;
	}
	return 1;
}

/*
 * A second try for a multiple-choice cell whose ';' pieces are not all
 * choices: choices on separate lines (Alt+Enter in Excel) or separated by
 * ',' or '、' as web forms and people write them. 0 when it works (v
 * filled), 1 when not (v reset), < 0 on error.
 */
static int
parse_loose(const struct qset_question *qq, const char *s, size_t n,
	    struct survey_value *v, struct osk_error *err)
{
	struct loose L;
	size_t i, k;
	int r;

	memset(&L, 0, sizeof(L));
	L.qq = qq;
	L.v = v;
	L.s = s;
	L.n = n;
	L.err = err;
	for (i = 0; i < n; i += k ? k : 1)
		if ((k = loose_sep(s + i, n - i)))
			L.nat++;
	if (!L.nat || L.nat > LOOSE_MAX_SEPS)
		return 1;
	L.at = calloc(L.nat, sizeof(*L.at));
	L.dead = calloc(L.nat, sizeof(*L.dead));
	if (!L.at || !L.dead) {
		r = osk_fail(err, OSK_ENOMEM, "out of memory");
		goto out;
	}
	L.nat = 0;
	for (i = 0; i < n; i += k ? k : 1)
		if ((k = loose_sep(s + i, n - i)))
			L.at[L.nat++] = i;
	survey_value_reset(v);
	r = loose_from(&L, 0, 0);
	if (r)
		survey_value_reset(v);
out:
	free(L.at);
	free(L.dead);
	return r;
}

/*
 * Choices separated by ';'. The free text of "other:TEXT" runs to the end
 * of the answer (it may hold ';'), so "other:" comes last.
 */
static int
parse_choices(const struct qset_question *qq, const char *s, size_t n,
	      struct survey_value *v, struct osk_error *err)
{
	size_t i = 0, start = 0, slen = 0, used;
	bool nomem = false;
	int r;

	while (start <= n) {
		const char *p = s + start;
		size_t len, k;

		for (i = start; i < n && !is_sep(s + i, n - i, &slen); i++)
			;
		len = i - start;
		survey_trim(&p, &len);
		if (len) {
			k = match(qq, v, p, len, &nomem);
			if (nomem)
				return osk_fail(err, OSK_ENOMEM,
						"out of memory");
			if (k != NO_INDEX) {
				if (survey_value_add_choice(v, k))
					return osk_fail(err, OSK_ENOMEM,
							"out of memory");
			} else if (!(r = parse_other(qq, p, len, s + n, v,
						     &used, err))) {
				break;
			} else if (r < 0) {
				return r;
			} else if (qq->type == QSET_MULTI &&
				   !(r = parse_loose(qq, s, n, v, err))) {
				break;
			} else if (r == -OSK_ENOMEM) {
				return r;
			} else {
				return unknown_choice(qq, p, len, err);
			}
		}
		start = i < n ? i + slen : n + 1;
	}
	v->answered = v->nchosen > 0;
	if (qq->type == QSET_SINGLE && v->nchosen > 1)
		return osk_fail(err, OSK_EDATA, "%zu choices given ('%s', '%s'"
				"%s); this question takes one", v->nchosen,
				qq->options[v->chosen[0]].id,
				qq->options[v->chosen[1]].id,
				v->nchosen > 2 ? ", ..." : "");
	if (qq->type == QSET_MULTI && qq->max_choices > 0 &&
	    v->nchosen > (size_t)qq->max_choices)
		return osk_fail(err, OSK_EDATA, "%zu choices given; this "
				"question takes at most %d", v->nchosen,
				qq->max_choices);
	return 0;
}

static int
parse_number(const char *s, size_t n, struct survey_value *v,
	     struct osk_error *err)
{
	char *end;
	size_t i;

	if (survey_norm(s, n, &v->text))
		return osk_fail(err, OSK_ENOMEM, "out of memory");
	for (i = 0; i < v->text.len; i++)
		if (!strchr("0123456789+-.e", v->text.buf[i]))
			break;
	errno = 0;
	v->number = strtod(v->text.buf, &end);
	if (i < v->text.len || *end || end == v->text.buf || errno ||
	    !isfinite(v->number)) {
		sbuf_reset(&v->text);
		return osk_fail(err, OSK_EDATA, "'%.*s%s' is not a number",
				shown(s, n), s,
				shown(s, n) < (int)n ? "..." : "");
	}
	v->answered = true;
	return 0;
}

int
survey_value_parse(const struct qset_question *qq, const char *s,
		   struct survey_value *v, struct osk_error *err)
{
	size_t n = s ? strlen(s) : 0;
	int r = 0;

	survey_value_reset(v);
	if (!s)
		return 0;
	survey_trim(&s, &n);
	if (!n)
		return 0;
	switch (qq->type) {
	case QSET_SINGLE:
	case QSET_MULTI:
	case QSET_SCALE:
		r = parse_choices(qq, s, n, v, err);
		break;
	case QSET_NUMBER:
		r = parse_number(s, n, v, err);
		break;
	case QSET_TEXT:
		if (sbuf_add(&v->text, s, n))
			return osk_fail(err, OSK_ENOMEM, "out of memory");
		v->answered = true;
		break;
	}
	if (r)
		survey_value_reset(v);
	return r;
}

int
survey_value_format(const struct qset_question *qq,
		    const struct survey_value *v, struct sbuf *sb)
{
	size_t i, n = 0, other = survey_other_index(qq);
	int r = 0;

	if (!v->answered)
		return 0;
	if (qq->type == QSET_NUMBER || qq->type == QSET_TEXT)
		return sbuf_add(sb, v->text.buf, v->text.len);
	/* "other:TEXT" last: its text runs to the end */
	for (i = 0; i < v->nchosen && !r; i++) {
		if (v->chosen[i] == other && v->other.len)
			continue;
		if (n++)
			r = sbuf_addch(sb, ';');
		if (!r)
			r = sbuf_adds(sb, qq->options[v->chosen[i]].id);
	}
	if (!r && v->other.len && other != NO_INDEX)
		r = sbuf_addf(sb, "%sother:%s", n ? ";" : "", v->other.buf);
	return r;
}

bool
survey_value_has(const struct qset_question *qq,
		 const struct survey_value *v, const char *choice)
{
	size_t i, idx = survey_option_index(qq, choice, strlen(choice));

	if (!v->answered || idx == NO_INDEX)
		return false;
	for (i = 0; i < v->nchosen; i++)
		if (v->chosen[i] == idx)
			return true;
	return false;
}

struct asked_ctx {
	const struct qset *q;
	const struct survey_value *vals;
};

static bool
has_choice(void *ctx, size_t question, const char *choice)
{
	struct asked_ctx *a = ctx;

	return survey_value_has(&a->q->questions[question], &a->vals[question],
				choice);
}

bool
survey_asked(const struct qset *q, size_t qi, const struct survey_value *vals)
{
	struct asked_ctx a = { q, vals };

	return qset_when_applies(q, &q->questions[qi], has_choice, &a);
}

/* ---- the set ---- */

struct qset *
survey_set_load(struct store *st, const char *set_id, int64_t *qset_id,
		struct osk_error *err)
{
	struct qset *q;

	if (!set_id)
		set_id = SURVEY_DEFAULT_SET;
	if (!(q = qstore_get(st, set_id, 0, qset_id, err)))
		return NULL;
	if (q->kind != QSET_SURVEY) {
		osk_fail(err, OSK_EDATA, "set '%s' is a diagnosis, not a "
			 "survey; 'otasuke questions list' shows the sets",
			 set_id);
		qset_free(q);
		return NULL;
	}
	return q;
}

/* ---- writing ---- */

#define BATCH_MAX 32	/* rows per multi-row INSERT */

struct row {
	const char *question, *choice;
	size_t voff, vlen;	/* value in w->vals, or voff -1: NULL */
};

struct survey_writer {
	struct store *st;
	sqlite3_stmt *ins_resp, *ins_ans, *del_ans;
	sqlite3_stmt *batch[BATCH_MAX + 1];	/* INSERT of n rows */
	char now[32];
	struct sbuf tmp, vals;
	struct row *rows;
	size_t nrows, alloc;
};

void
survey_writer_free(struct survey_writer *w)
{
	if (!w)
		return;
	size_t i;

	sqlite3_finalize(w->ins_resp);
	sqlite3_finalize(w->ins_ans);
	sqlite3_finalize(w->del_ans);
	for (i = 0; i <= BATCH_MAX; i++)
		sqlite3_finalize(w->batch[i]);
	sbuf_release(&w->tmp);
	sbuf_release(&w->vals);
	free(w->rows);
	free(w);
}

struct survey_writer *
survey_writer_new(struct store *st, struct osk_error *err)
{
	struct survey_writer *w = calloc(1, sizeof(*w));

	if (!w) {
		osk_fail(err, OSK_ENOMEM, "out of memory");
		return NULL;
	}
	w->st = st;
	w->tmp = (struct sbuf)SBUF_INIT;
	w->vals = (struct sbuf)SBUF_INIT;
	store_now(w->now);
	if (store_prepare(st, &w->ins_resp, "INSERT INTO survey_response"
			  "(qset_id, company_id, import_id, respondent, event,"
			  " submitted_at, digest, created_at) VALUES "
			  "(?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
			  err) ||
	    store_prepare(st, &w->ins_ans, "INSERT INTO survey_answer"
			  "(response_id, question, choice, value) VALUES "
			  "(?, ?, ?, ?)", err) ||
	    store_prepare(st, &w->del_ans, "DELETE FROM survey_answer "
			  "WHERE response_id = ? AND question = ?", err)) {
		survey_writer_free(w);
		return NULL;
	}
	return w;
}

static void
bind_id(sqlite3_stmt *s, int i, int64_t id)
{
	if (id > 0)
		sqlite3_bind_int64(s, i, id);
	else
		sqlite3_bind_null(s, i);
}

int
survey_writer_response(struct survey_writer *w, struct survey_response *r,
		       struct osk_error *err)
{
	sqlite3_stmt *s = w->ins_resp;

	sqlite3_reset(s);
	sqlite3_bind_int64(s, 1, r->qset_id);
	bind_id(s, 2, r->company_id);
	bind_id(s, 3, r->import_id);
	store_bind_text(s, 4, r->respondent);
	store_bind_text(s, 5, r->event);
	store_bind_text(s, 6, r->submitted_at);
	store_bind_text(s, 7, r->digest);
	sqlite3_bind_text(s, 8, w->now, -1, SQLITE_STATIC);
	if (sqlite3_step(s) != SQLITE_DONE)
		return store_fail(w->st, err, "cannot save a survey response");
	if (!sqlite3_changes(store_db(w->st)))
		return 1;
	r->id = sqlite3_last_insert_rowid(store_db(w->st));
	return 0;
}

static int
insert_row(struct survey_writer *w, int64_t rid, const char *question,
	   const char *choice, const char *value, size_t vlen,
	   struct osk_error *err)
{
	sqlite3_stmt *s = w->ins_ans;

	sqlite3_reset(s);
	sqlite3_bind_int64(s, 1, rid);
	sqlite3_bind_text(s, 2, question, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, choice, -1, SQLITE_STATIC);
	if (value)
		sqlite3_bind_text(s, 4, value, (int)vlen, SQLITE_STATIC);
	else
		sqlite3_bind_null(s, 4);
	if (sqlite3_step(s) != SQLITE_DONE)
		return store_fail(w->st, err, "cannot save a survey answer");
	return 0;
}

static int
delete_answer(struct survey_writer *w, int64_t rid, const char *question,
	      struct osk_error *err)
{
	sqlite3_stmt *s = w->del_ans;

	sqlite3_reset(s);
	sqlite3_bind_int64(s, 1, rid);
	sqlite3_bind_text(s, 2, question, -1, SQLITE_STATIC);
	if (sqlite3_step(s) != SQLITE_DONE)
		return store_fail(w->st, err, "cannot change a survey answer");
	return 0;
}

int
survey_writer_answer(struct survey_writer *w, int64_t rid,
		     const struct qset_question *qq,
		     const struct survey_value *v, bool replace,
		     struct osk_error *err)
{
	size_t i;
	int r;

	if (replace && (r = delete_answer(w, rid, qq->id, err)))
		return r;
	if (!v->answered)
		return 0;
	switch (qq->type) {
	case QSET_NUMBER:
	case QSET_TEXT:
		return insert_row(w, rid, qq->id, "", v->text.buf, v->text.len,
				  err);
	case QSET_SINGLE:
	case QSET_SCALE:
		sbuf_reset(&w->tmp);
		if (survey_value_format(qq, v, &w->tmp))
			return osk_fail(err, OSK_ENOMEM, "out of memory");
		return insert_row(w, rid, qq->id, "", w->tmp.buf, w->tmp.len,
				  err);
	case QSET_MULTI:
		for (i = 0; i < v->nchosen; i++) {
			const char *id = qq->options[v->chosen[i]].id;
			bool other = v->other.len && !strcmp(id, "other");

			if ((r = insert_row(w, rid, qq->id, id,
					    other ? v->other.buf : NULL,
					    v->other.len, err)))
				return r;
		}
		return 0;
	}
	return 0;
}

/* ---- all answers of a new response at once (import) ---- */

static int
add_row(struct survey_writer *w, const char *question, const char *choice,
	const char *value, size_t vlen)
{
	struct row *r;

	if (w->nrows == w->alloc) {
		size_t na = w->alloc ? 2 * w->alloc : 64;
		struct row *p = realloc(w->rows, na * sizeof(*p));

		if (!p)
			return -OSK_ENOMEM;
		w->rows = p;
		w->alloc = na;
	}
	r = &w->rows[w->nrows++];
	r->question = question;
	r->choice = choice;
	r->voff = (size_t)-1;
	r->vlen = vlen;
	if (value) {
		r->voff = w->vals.len;
		if (sbuf_add(&w->vals, value, vlen))
			return -OSK_ENOMEM;
	}
	return 0;
}

/* The rows that store v, added to w->rows. */
static int
value_rows(struct survey_writer *w, const struct qset_question *qq,
	   const struct survey_value *v)
{
	size_t i;
	int r = 0;

	if (!v->answered)
		return 0;
	switch (qq->type) {
	case QSET_NUMBER:
	case QSET_TEXT:
		return add_row(w, qq->id, "", v->text.buf, v->text.len);
	case QSET_SINGLE:
	case QSET_SCALE:
		sbuf_reset(&w->tmp);
		if (survey_value_format(qq, v, &w->tmp))
			return -OSK_ENOMEM;
		return add_row(w, qq->id, "", w->tmp.buf, w->tmp.len);
	case QSET_MULTI:
		for (i = 0; i < v->nchosen && !r; i++) {
			const char *id = qq->options[v->chosen[i]].id;
			bool other = v->other.len && !strcmp(id, "other");

			r = add_row(w, qq->id, id, other ? v->other.buf : NULL,
				    v->other.len);
		}
		return r;
	}
	return 0;
}

/* The INSERT of n rows, prepared on first use. */
static sqlite3_stmt *
batch_stmt(struct survey_writer *w, size_t n, struct osk_error *err)
{
	struct sbuf sql = SBUF_INIT;
	size_t i;
	int r;

	if (w->batch[n])
		return w->batch[n];
	r = sbuf_adds(&sql, "INSERT INTO survey_answer(response_id, question,"
		      " choice, value) VALUES ");
	for (i = 0; i < n && !r; i++)
		r = sbuf_adds(&sql, i ? ",(?1,?,?,?)" : "(?1,?,?,?)");
	if (r) {
		osk_fail(err, OSK_ENOMEM, "out of memory");
	} else if (sqlite3_prepare_v2(store_db(w->st), sql.buf, -1,
				      &w->batch[n], NULL) != SQLITE_OK) {
		store_fail(w->st, err, "cannot prepare an insert");
		w->batch[n] = NULL;
	}
	sbuf_release(&sql);
	return w->batch[n];
}

static int
insert_batch(struct survey_writer *w, int64_t rid, const struct row *rows,
	     size_t n, struct osk_error *err)
{
	sqlite3_stmt *s = batch_stmt(w, n, err);
	size_t i;
	int k;

	if (!s)
		return -err->code;
	sqlite3_reset(s);
	sqlite3_bind_int64(s, 1, rid);
	for (i = 0, k = 2; i < n; i++) {
		sqlite3_bind_text(s, k++, rows[i].question, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, k++, rows[i].choice, -1, SQLITE_STATIC);
		if (rows[i].voff == (size_t)-1)
			sqlite3_bind_null(s, k++);
		else
			sqlite3_bind_text(s, k++, w->vals.buf + rows[i].voff,
					  (int)rows[i].vlen, SQLITE_STATIC);
	}
	if (sqlite3_step(s) != SQLITE_DONE)
		return store_fail(w->st, err, "cannot save a survey answer");
	return 0;
}

/*
 * In primary key order every row goes after the last one of the table,
 * and SQLite appends it without searching the tree from the root.
 */
static int
cmp_row(const void *a, const void *b)
{
	const struct row *x = a, *y = b;
	int c = strcmp(x->question, y->question);

	return c ? c : strcmp(x->choice, y->choice);
}

int
survey_writer_answers(struct survey_writer *w, int64_t rid,
		      const struct qset *q, const struct survey_value *vals,
		      struct osk_error *err)
{
	size_t qi, i, n;
	int r;

	w->nrows = 0;
	sbuf_reset(&w->vals);
	for (qi = 0; qi < q->nquestions; qi++)
		if (value_rows(w, &q->questions[qi], &vals[qi]))
			return osk_fail(err, OSK_ENOMEM, "out of memory");
	qsort(w->rows, w->nrows, sizeof(*w->rows), cmp_row);
	for (i = 0; i < w->nrows; i += n) {
		n = w->nrows - i < BATCH_MAX ? w->nrows - i : BATCH_MAX;
		if ((r = insert_batch(w, rid, w->rows + i, n, err)))
			return r;
	}
	return 0;
}

int
survey_writer_prune(struct survey_writer *w, int64_t rid, const struct qset *q,
		    struct survey_value *vals, size_t *removed,
		    struct osk_error *err)
{
	size_t qi, n = 0;
	int r;

	for (qi = 0; qi < q->nquestions; qi++) {
		if (!vals[qi].answered || survey_asked(q, qi, vals))
			continue;
		if ((r = delete_answer(w, rid, q->questions[qi].id, err)))
			return r;
		survey_value_reset(&vals[qi]);
		n++;
	}
	if (removed)
		*removed = n;
	return 0;
}

/* ---- reading ---- */

int
survey_value_load_row(const struct qset_question *qq, struct survey_value *v,
		      const char *choice, const char *value)
{
	size_t i;

	switch (qq->type) {
	case QSET_NUMBER:
		v->number = value ? strtod(value, NULL) : 0;
		/* fall through */
	case QSET_TEXT:
		sbuf_reset(&v->text);
		if (!value)
			return 1;
		v->answered = true;
		return sbuf_adds(&v->text, value);
	case QSET_SINGLE:
	case QSET_SCALE:
		if (!value)
			return 1;
		v->nchosen = 0;
		sbuf_reset(&v->other);
		if (!strncmp(value, "other:", 6) &&
		    (i = survey_other_index(qq)) != NO_INDEX) {
			if (sbuf_adds(&v->other, value + 6))
				return -OSK_ENOMEM;
		} else if ((i = survey_option_index(qq, value,
						    strlen(value))) ==
			   NO_INDEX) {
			v->answered = false;
			return 1;
		}
		v->answered = true;
		return survey_value_add_choice(v, i);
	case QSET_MULTI:
		if ((i = survey_option_index(qq, choice, strlen(choice))) ==
		    NO_INDEX)
			return 1;
		if (value && !strcmp(choice, "other") &&
		    sbuf_adds(&v->other, value))
			return -OSK_ENOMEM;
		v->answered = true;
		return survey_value_add_choice(v, i);
	}
	return 1;
}

int
survey_response_load(struct store *st, int64_t rid, const struct qset *q,
		     struct survey_value *vals, struct osk_error *err)
{
	sqlite3_stmt *s = NULL;
	size_t qi;
	int r, rc;

	for (qi = 0; qi < q->nquestions; qi++)
		survey_value_reset(&vals[qi]);
	if ((r = store_prepare(st, &s, "SELECT question, choice, value FROM "
			       "survey_answer WHERE response_id = ?", err)))
		return r;
	sqlite3_bind_int64(s, 1, rid);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *question = (const char *)sqlite3_column_text(s, 0);
		const char *choice = (const char *)sqlite3_column_text(s, 1);
		const char *value = (const char *)sqlite3_column_text(s, 2);
		long i = qset_question_index(q, question ? question : "");

		if (i < 0)
			continue;
		if (survey_value_load_row(&q->questions[i], &vals[i],
					  choice ? choice : "", value) < 0) {
			r = osk_fail(err, OSK_ENOMEM, "out of memory");
			goto out;
		}
	}
	if (rc != SQLITE_DONE)
		r = store_fail(st, err, "cannot read survey answers");
out:
	sqlite3_finalize(s);
	return r;
}

int
survey_response_delete(struct store *st, int64_t rid, struct osk_error *err)
{
	sqlite3_stmt *s = NULL;
	int r;

	if ((r = store_prepare(st, &s, "DELETE FROM survey_response WHERE "
			       "id = ?", err)))
		return r;
	sqlite3_bind_int64(s, 1, rid);
	if (sqlite3_step(s) != SQLITE_DONE)
		r = store_fail(st, err, "cannot delete a survey response");
	sqlite3_finalize(s);
	return r;
}
