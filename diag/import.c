/* SPDX-License-Identifier: MIT */
/*
 * `diag import`: answers from a CSV (company,set,question,answer[,note]),
 * all or nothing, in one transaction. Each good row is written as it is
 * read (until the first bad one: from then on rows are only checked);
 * `when` conditions and completion are checked once the whole file is
 * known (a row may answer the question a `when` depends on further down);
 * any error rolls everything back.
 *
 * Memory stays flat in the number of rows: what is kept is one small
 * record per company and set met (a line number and an option index per
 * question), and the company names seen.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/company.h"
#include "core/qstore.h"
#include "core/text.h"
#include "diag/internal.h"

enum col { C_COMPANY, C_SET, C_QUESTION, C_ANSWER, C_NOTE, NCOL };

static const struct csv_alias header_names[] = {
	{ C_COMPANY, "company" }, { C_COMPANY, "会社名" },
	{ C_COMPANY, "企業名" },
	{ C_SET, "set" }, { C_SET, "セット" },
	{ C_QUESTION, "question" }, { C_QUESTION, "質問" },
	{ C_ANSWER, "answer" }, { C_ANSWER, "回答" },
	{ C_NOTE, "note" }, { C_NOTE, "メモ" }, { C_NOTE, "備考" },
};
#define NHEADER (sizeof(header_names) / sizeof(*header_names))

/* All rows of one company and one set: one assessment. */
struct group {
	int64_t company_id;
	int64_t set_key;	/* the row of the set's newest version */
	const struct qset *q;	/* the version the answers go under */
	int64_t qset_rowid;
	int64_t id;		/* the assessment; 0 until written */
	bool existing;		/* an open assessment is added to */
	uint32_t *line;		/* per question: the file's row, 0 = none */
	uint16_t *opt;		/* per question: option index + 1, 0 = none */
};

/* A company key met in the file (id or name) and what it names. */
struct ckey {
	char *key;
	int64_t id;		/* -1: no such company */
};

/* A set named in the file: loaded once, or the reason it cannot be. */
struct setref {
	char *id;
	int code;		/* 0 = usable */
	char msg[sizeof(((struct osk_error *)0)->msg)];
	int64_t rowid;		/* its newest version */
};

/* A set version met in the file (the newest, or an open assessment's). */
struct qcache {
	int64_t rowid;
	struct qset *q;
	struct diag_answers *scratch;	/* for the checks at the end */
};

struct import_ctx {
	struct store *st;
	struct csv_reader *csv;
	struct diag_import *imp;
	struct osk_errlist *errs;
	int col[NCOL];
	size_t ncols;
	struct group *groups;
	size_t ngroups;
	uint32_t *gtab;		/* hash of groups: index + 1, 0 = free */
	size_t gcap;
	struct ckey *ctab;	/* hash of company keys */
	size_t ccap, nckeys;
	struct setref *sets;
	size_t nsets;
	struct qcache *qs;
	size_t nqs;
	/* the cells of the record being read, trimmed */
	struct sbuf cell[NCOL];
	struct sbuf key, key2;	/* matching keys (see norm_key) */
	/* writing, while no row was bad */
	sqlite3_stmt *ins_a, *ins_ans, *done;
	char now[32];
};

/* ---- messages ---- */

/*
 * Control characters (a line break typed in a cell) as spaces, and a
 * character cut short at the end (a long cell in a message that did not
 * fit) left out, so that the message is one line of valid UTF-8.
 */
static void
one_line(char *s)
{
	size_t n = strlen(s), i = n;
	uint32_t cp;

	while (i && ((unsigned char)s[i - 1] & 0xC0) == 0x80)
		i--;
	if (i && (unsigned char)s[i - 1] >= 0xC0 &&
	    utf8_decode((const unsigned char *)s + i - 1, n - i + 1, &cp) !=
	    n - i + 1)
		s[i - 1] = '\0';
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			*s = ' ';
}

/* Add e to the errors, on one line whatever the cells held. */
static void
add_error(struct import_ctx *x, struct osk_error *e)
{
	one_line(e->msg);
	one_line(e->path);
	osk_errlist_add(x->errs, e);
}

static void
row_error(struct import_ctx *x, size_t field, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void
row_error(struct import_ctx *x, size_t field, const char *fmt, ...)
{
	struct osk_error e;
	char msg[sizeof(e.msg)];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	osk_error_clear(&e);
	csv_error_set(x->csv, &e, OSK_EDATA, field, "%s", msg);
	add_error(x, &e);
}

/* Like row_error() for a row read earlier (line), same format. */
static void
line_error(struct import_ctx *x, int line, size_t field, const char *msg)
{
	struct osk_error e;

	osk_error_clear(&e);
	csv_error_set_line(x->csv, &e, OSK_EDATA, line, field, "%s", msg);
	add_error(x, &e);
}

/* ---- what people type ---- */

/* Whether s[0..n) starts with a space, tab or ideographic space: its size. */
static size_t
space_at(const char *s, size_t n)
{
	if (n && (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n'))
		return 1;
	if (n >= 3 && !memcmp(s, "\xE3\x80\x80", 3))	/* U+3000 */
		return 3;
	return 0;
}

/* s without the spaces around it, into sb (NUL-terminated). */
static int
trimmed(const char *s, struct sbuf *sb)
{
	size_t n = strlen(s), k;

	while ((k = space_at(s, n)))
		s += k, n -= k;
	for (;;) {
		if (n && (s[n - 1] == ' ' || s[n - 1] == '\t' ||
			  s[n - 1] == '\r' || s[n - 1] == '\n'))
			n--;
		else if (n >= 3 && !memcmp(s + n - 3, "\xE3\x80\x80", 3))
			n -= 3;
		else
			break;
	}
	sbuf_reset(sb);
	return sbuf_add(sb, s, n);
}

/*
 * The matching key of s: full-width ASCII (U+FF01-U+FF5E) as ASCII, ASCII
 * letters in lower case, runs of spaces (ideographic ones too) as one
 * space, none at the ends. Bytes that are not UTF-8 are kept.
 */
static int
norm_key(const char *s, struct sbuf *out)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s), k;
	bool space = false;
	uint32_t cp;
	char c;

	sbuf_reset(out);
	while (n) {
		if ((k = space_at((const char *)p, n))) {
			space = out->len > 0;
			p += k, n -= k;
			continue;
		}
		if (space && sbuf_addch(out, ' '))
			return -OSK_ENOMEM;
		space = false;
		k = utf8_decode(p, n, &cp);
		if (k == 3 && cp >= 0xFF01 && cp <= 0xFF5E)
			cp -= 0xFF01 - 0x21;
		else if (k != 1) {
			k = k ? k : 1;
			if (sbuf_add(out, (const char *)p, k))
				return -OSK_ENOMEM;
			p += k, n -= k;
			continue;
		}
		c = (char)cp;
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (sbuf_addch(out, c))
			return -OSK_ENOMEM;
		p += k, n -= k;
	}
	if (!out->buf && sbuf_adds(out, ""))
		return -OSK_ENOMEM;
	return 0;
}

/* Whether text (may be NULL) has the key x->key. Uses x->key2. */
static int
key_is(struct import_ctx *x, const char *text)
{
	if (!text)
		return 0;
	if (norm_key(text, &x->key2))
		return -OSK_ENOMEM;
	return x->key.len && !strcmp(x->key.buf, x->key2.buf);
}

/*
 * The option of qq that ans names: its id, else (ignoring case, widths and
 * spaces) its id or its ja or en label. *found NULL when none.
 */
static int
find_option(struct import_ctx *x, const struct qset_question *qq,
	    const char *ans, const struct qset_option **found)
{
	size_t i;
	int r;

	if ((*found = qset_option_find(qq, ans)))
		return 0;
	if (norm_key(ans, &x->key))
		return -OSK_ENOMEM;
	for (i = 0; i < qq->noptions; i++) {
		const struct qset_option *o = &qq->options[i];

		if ((r = key_is(x, o->id)) || (r = key_is(x, o->label.ja)) ||
		    (r = key_is(x, o->label.en))) {
			if (r < 0)
				return r;
			*found = o;
			return 0;
		}
	}
	return 0;
}

/* The question of q that qid names (exact id, else its key), or -1. */
static long
find_question(struct import_ctx *x, const struct qset *q, const char *qid)
{
	long qi = qset_question_index(q, qid);

	if (qi >= 0 || norm_key(qid, &x->key))
		return qi;
	return qset_question_index(q, x->key.buf);
}

/* A warning for the record just read (line 0: for the whole file). */
static void
warn(struct import_ctx *x, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void
warn(struct import_ctx *x, int line, const char *fmt, ...)
{
	struct osk_error e;
	va_list ap;

	if (!x->imp->warns)
		return;
	osk_error_clear(&e);
	osk_error_set(&e, OSK_EDATA, csv_path(x->csv), line, 0, "%s", "");
	va_start(ap, fmt);
	vsnprintf(e.msg, sizeof(e.msg), fmt, ap);
	va_end(ap);
	one_line(e.msg);
	osk_errlist_add(x->imp->warns, &e);
}

/* ---- the header ---- */

static int
map_header(struct import_ctx *x, struct osk_error *err)
{
	struct sbuf unknown = SBUF_INIT;
	int r = csv_header_map_alias(x->csv, header_names, NHEADER, x->col,
				     NCOL, &unknown, err);

	if (r > 0)
		warn(x, 0, "column%s %s %s not used", r > 1 ? "s" : "",
		     unknown.buf, r > 1 ? "are" : "is");
	sbuf_release(&unknown);
	if (r < 0)
		return r;
	if (x->col[C_COMPANY] < 0 || x->col[C_SET] < 0 ||
	    x->col[C_QUESTION] < 0 || x->col[C_ANSWER] < 0)
		return csv_error_set(x->csv, err, OSK_EDATA, CSV_NO_FIELD,
				     "the header needs columns 'company', "
				     "'set', 'question' and 'answer' (and "
				     "may have 'note')");
	return 0;
}

/* ---- lookups ---- */

static uint64_t
hash_str(const char *s)
{
	uint64_t h = 0xcbf29ce484222325ULL;	/* FNV-1a */

	while (*s)
		h = (h ^ (unsigned char)*s++) * 0x100000001b3ULL;
	return h;
}

/* The slot of key in the company table (found or free). */
static struct ckey *
ckey_slot(struct ckey *tab, size_t cap, const char *key)
{
	size_t i = (size_t)hash_str(key) & (cap - 1);

	while (tab[i].key && strcmp(tab[i].key, key))
		i = (i + 1) & (cap - 1);
	return &tab[i];
}

static int
ckey_grow(struct import_ctx *x)
{
	size_t cap = x->ccap ? 2 * x->ccap : 256, i;
	struct ckey *tab = calloc(cap, sizeof(*tab));

	if (!tab)
		return -OSK_ENOMEM;
	for (i = 0; i < x->ccap; i++)
		if (x->ctab[i].key)
			*ckey_slot(tab, cap, x->ctab[i].key) = x->ctab[i];
	free(x->ctab);
	x->ctab = tab;
	x->ccap = cap;
	return 0;
}

/*
 * The company's id, or -1 with the error added (-2: err filled). Each key
 * is looked up once, however the file is ordered.
 */
static int64_t
lookup_company(struct import_ctx *x, const char *key,
	       struct osk_error *err)
{
	struct ckey *slot;
	struct company c;
	struct osk_error e;
	int r;

	if (2 * (x->nckeys + 1) > x->ccap && ckey_grow(x)) {
		osk_fail(err, OSK_ENOMEM, "out of memory");
		return -2;
	}
	slot = ckey_slot(x->ctab, x->ccap, key);
	if (slot->key && slot->id >= 0)
		return slot->id;
	osk_error_clear(&e);
	r = company_find(x->st, key, &c, &e);
	if (r && r != -OSK_ENOTFOUND) {
		*err = e;
		return -2;
	}
	if (!slot->key) {
		if (!(slot->key = strdup(key))) {
			osk_fail(err, OSK_ENOMEM, "out of memory");
			return -2;
		}
		x->nckeys++;
		slot->id = r ? -1 : c.id;
	}
	if (r) {
		row_error(x, (size_t)x->col[C_COMPANY], "%s", e.msg);
		return -1;
	}
	company_release(&c);
	return slot->id;
}

/* Keep q (taken over) in the cache. */
static int
cache_put(struct import_ctx *x, int64_t rowid, struct qset *q,
	  struct osk_error *err)
{
	struct qcache *c = realloc(x->qs, (x->nqs + 1) * sizeof(*c));

	if (!c) {
		qset_free(q);
		return osk_fail(err, OSK_ENOMEM, "out of memory");
	}
	x->qs = c;
	x->qs[x->nqs].rowid = rowid;
	x->qs[x->nqs].q = q;
	x->qs[x->nqs].scratch = NULL;
	x->nqs++;
	return diag_answers_new_set(q, rowid, 0, &x->qs[x->nqs - 1].scratch,
				    err);
}

/* The scratch answers of set version q (see struct qcache). */
static struct diag_answers *
cache_scratch(struct import_ctx *x, const struct qset *q)
{
	size_t i;

	for (i = 0; i < x->nqs; i++)
		if (x->qs[i].q == q)
			return x->qs[i].scratch;
	return NULL;
}

/* The set version stored under rowid, loaded once. */
static const struct qset *
cache_get(struct import_ctx *x, int64_t rowid, struct osk_error *err)
{
	struct qset *q;
	size_t i;

	for (i = 0; i < x->nqs; i++)
		if (x->qs[i].rowid == rowid)
			return x->qs[i].q;
	if (!(q = qstore_get_id(x->st, rowid, err)) ||
	    cache_put(x, rowid, q, err))
		return NULL;
	return q;
}

/* The set entry for id (its usability checked once). */
static struct setref *
lookup_set(struct import_ctx *x, const char *id, struct osk_error *err)
{
	struct setref *s;
	struct osk_error e;
	struct qset *q;
	size_t i;

	for (i = 0; i < x->nsets; i++)
		if (!strcmp(x->sets[i].id, id))
			return &x->sets[i];
	s = realloc(x->sets, (x->nsets + 1) * sizeof(*s));
	if (!s)
		goto nomem;
	x->sets = s;
	s = &x->sets[x->nsets];
	memset(s, 0, sizeof(*s));
	if (!(s->id = strdup(id)))
		goto nomem;
	x->nsets++;
	osk_error_clear(&e);
	q = diag_set_get(x->st, id, &s->rowid, &e);
	if (!q && e.code != OSK_ENOTFOUND && e.code != OSK_EDATA) {
		*err = e;
		return NULL;
	}
	s->code = q ? 0 : e.code;
	diag_strlcpy(s->msg, e.msg, sizeof(s->msg));
	if (q && cache_put(x, s->rowid, q, err))
		return NULL;
	return s;
nomem:
	osk_fail(err, OSK_ENOMEM, "out of memory");
	return NULL;
}

static size_t
group_hash(int64_t company_id, int64_t set_key, size_t cap)
{
	uint64_t h = (uint64_t)company_id * 0x9E3779B97F4A7C15ULL ^
		     (uint64_t)set_key * 0xC2B2AE3D27D4EB4FULL;

	return (size_t)(h ^ h >> 29) & (cap - 1);
}

/* The slot for company_id and set_key in the group table. */
static uint32_t *
group_slot(struct import_ctx *x, uint32_t *tab, size_t cap,
	   int64_t company_id, int64_t set_key)
{
	size_t i = group_hash(company_id, set_key, cap);

	while (tab[i] && (x->groups[tab[i] - 1].company_id != company_id ||
			  x->groups[tab[i] - 1].set_key != set_key))
		i = (i + 1) & (cap - 1);
	return &tab[i];
}

static int
group_grow(struct import_ctx *x)
{
	size_t cap = x->gcap ? 2 * x->gcap : 256, i;
	uint32_t *tab = calloc(cap, sizeof(*tab));

	if (!tab)
		return -OSK_ENOMEM;
	for (i = 0; i < x->ngroups; i++)
		*group_slot(x, tab, cap, x->groups[i].company_id,
			    x->groups[i].set_key) = (uint32_t)(i + 1);
	free(x->gtab);
	x->gtab = tab;
	x->gcap = cap;
	return 0;
}

/* Copy the stored options of an open assessment into g. */
static int
load_open(struct import_ctx *x, struct group *g,
	  const struct diag_assessment *as, struct osk_error *err)
{
	struct diag_answers *a;
	size_t k;
	int r;

	if ((r = diag_answers_load_set(x->st, g->q, as, &a, err)))
		return r;
	for (k = 0; k < g->q->nquestions; k++)
		if (a->items[k].option)
			g->opt[k] = (uint16_t)(a->items[k].option -
					       g->q->questions[k].options + 1);
	diag_answers_free(a);
	return 0;
}

/*
 * The group of company id and set: the company's open assessment of the
 * set, or a new one under the newest version (written with its first
 * answer).
 */
static long
lookup_group(struct import_ctx *x, int64_t id, const struct setref *set,
	     struct osk_error *err)
{
	struct diag_assessment as;
	struct group *g;
	uint32_t *slot;
	int r;

	if (x->ngroups >= UINT32_MAX - 1)
		return osk_fail(err, OSK_ENOMEM, "too many companies");
	if (2 * (x->ngroups + 1) > x->gcap && group_grow(x))
		return osk_fail(err, OSK_ENOMEM, "out of memory");
	slot = group_slot(x, x->gtab, x->gcap, id, set->rowid);
	if (*slot)
		return (long)(*slot - 1);
	if (x->ngroups % 64 == 0) {
		g = realloc(x->groups, (x->ngroups + 64) * sizeof(*g));
		if (!g)
			return osk_fail(err, OSK_ENOMEM, "out of memory");
		x->groups = g;
	}
	g = &x->groups[x->ngroups];
	memset(g, 0, sizeof(*g));
	g->company_id = id;
	g->set_key = set->rowid;
	r = diag_assessment_latest(x->st, id, set->id, false, &as, err);
	if (r && r != -OSK_ENOTFOUND)
		return r;
	g->existing = !r && !as.completed;
	g->qset_rowid = g->existing ? as.qset_rowid : set->rowid;
	if (!(g->q = cache_get(x, g->qset_rowid, err)))
		return -err->code;
	g->line = calloc(g->q->nquestions + 1, sizeof(*g->line));
	g->opt = calloc(g->q->nquestions + 1, sizeof(*g->opt));
	if (!g->line || !g->opt) {
		free(g->line);
		free(g->opt);
		return osk_fail(err, OSK_ENOMEM, "out of memory");
	}
	x->ngroups++;
	*slot = (uint32_t)x->ngroups;
	if (g->existing) {
		g->id = as.id;
		x->imp->updated++;
		if ((r = load_open(x, g, &as, err)))
			return r;
	}
	return (long)(x->ngroups - 1);
}

/* ---- writing ---- */

static int
writer_open(struct import_ctx *x, struct osk_error *err)
{
	int r;

	store_now(x->now);
	if ((r = store_prepare(x->st, &x->ins_a, "INSERT INTO assessment("
			       "company_id, qset_id, started_at) VALUES "
			       "(?, ?, ?)", err)) ||
	    (r = store_prepare(x->st, &x->ins_ans, "INSERT INTO answer("
			       "assessment_id, question, option, note, "
			       "answered_at) VALUES (?, ?, ?, ?, ?) ON "
			       "CONFLICT(assessment_id, question) DO UPDATE "
			       "SET option = excluded.option, note = "
			       "excluded.note, answered_at = "
			       "excluded.answered_at", err)) ||
	    (r = store_prepare(x->st, &x->done, "UPDATE assessment SET "
			       "completed_at = ?2 WHERE id = ?1", err)))
		return r;
	return 0;
}

static void
writer_close(struct import_ctx *x)
{
	sqlite3_finalize(x->ins_a);
	sqlite3_finalize(x->ins_ans);
	sqlite3_finalize(x->done);
	x->ins_a = x->ins_ans = x->done = NULL;
}

/* Store one answer of group g (its assessment started if need be). */
static int
write_answer(struct import_ctx *x, struct group *g, size_t qi,
	     const struct qset_option *o, const char *note,
	     struct osk_error *err)
{
	if (!g->id) {
		sqlite3_reset(x->ins_a);
		sqlite3_bind_int64(x->ins_a, 1, g->company_id);
		sqlite3_bind_int64(x->ins_a, 2, g->qset_rowid);
		store_bind_text(x->ins_a, 3, x->now);
		if (sqlite3_step(x->ins_a) != SQLITE_DONE)
			return store_fail(x->st, err, "cannot start an "
					  "assessment");
		g->id = sqlite3_last_insert_rowid(store_db(x->st));
		x->imp->created++;
	}
	sqlite3_reset(x->ins_ans);
	sqlite3_bind_int64(x->ins_ans, 1, g->id);
	store_bind_text(x->ins_ans, 2, g->q->questions[qi].id);
	store_bind_text(x->ins_ans, 3, o ? o->id : NULL);
	store_bind_text(x->ins_ans, 4, note && *note ? note : NULL);
	store_bind_text(x->ins_ans, 5, x->now);
	if (sqlite3_step(x->ins_ans) != SQLITE_DONE)
		return store_fail(x->st, err, "cannot save an answer");
	return 0;
}

/* ---- rows ---- */

/* The cell of column c, trimmed; NULL when the file has no such column. */
static const char *
field(struct import_ctx *x, enum col c)
{
	return x->col[c] >= 0 ? x->cell[c].buf : NULL;
}

/* Trim the cells of record f into x->cell. */
static int
take_cells(struct import_ctx *x, const char **f, struct osk_error *err)
{
	size_t c;

	for (c = 0; c < NCOL; c++)
		if (x->col[c] >= 0 && trimmed(f[x->col[c]], &x->cell[c]))
			return osk_fail(err, OSK_ENOMEM, "out of memory");
	return 0;
}

/* Whether every field of the record is blank. */
static bool
blank_record(const char **f, size_t nf)
{
	size_t i, n, k;

	for (i = 0; i < nf; i++) {
		const char *s = f[i];

		for (n = strlen(s); (k = space_at(s, n)); s += k, n -= k)
			;
		if (n)
			return false;
	}
	return true;
}

/*
 * Check one record: a good one is stored (while no record was bad), a bad
 * one goes to the list.
 */
static int
parse_row(struct import_ctx *x, const char **f, struct osk_error *err)
{
	const char *company, *set, *qid, *ans, *note;
	const struct qset_question *qq;
	const struct qset_option *option = NULL;
	struct setref *sr;
	struct group *g;
	char opts[256];
	int64_t id;
	long gi, qi;
	int r;

	if ((r = take_cells(x, f, err)))
		return r;
	company = field(x, C_COMPANY);
	set = field(x, C_SET);
	qid = field(x, C_QUESTION);
	ans = field(x, C_ANSWER);
	note = field(x, C_NOTE);
	if (!*company) {
		row_error(x, (size_t)x->col[C_COMPANY], "the company is "
			  "empty; give its id or exact name");
		return 0;
	}
	if ((id = lookup_company(x, company, err)) == -2)
		return -err->code;
	if (!*set) {
		row_error(x, (size_t)x->col[C_SET], "the set is empty; give "
			  "a diagnosis set such as '%s'", DIAG_DEFAULT_SET);
		return 0;
	}
	if (!(sr = lookup_set(x, set, err)))
		return -err->code;
	/* set ids are lower-case ASCII: "ｓｍａｌｌ" and "Small" name one */
	if (sr->code) {
		struct setref *alt;
		size_t k = (size_t)(sr - x->sets);

		if (norm_key(set, &x->key))
			return osk_fail(err, OSK_ENOMEM, "out of memory");
		if (strcmp(set, x->key.buf)) {
			if (!(alt = lookup_set(x, x->key.buf, err)))
				return -err->code;
			sr = alt->code ? &x->sets[k] : alt;
		}
	}
	set = sr->code ? set : sr->id;
	if (sr->code) {
		row_error(x, (size_t)x->col[C_SET], "%s", sr->msg);
		return 0;
	}
	if (id < 0)
		return 0;
	if ((gi = lookup_group(x, id, sr, err)) < 0)
		return (int)gi;
	g = &x->groups[gi];
	if ((qi = find_question(x, g->q, qid)) < 0) {
		row_error(x, (size_t)x->col[C_QUESTION], "set '%s' version %d "
			  "has no question '%s'; 'otasuke questions show %s' "
			  "lists them", set, g->q->version, qid, set);
		return 0;
	}
	qq = &g->q->questions[qi];
	qid = qq->id;
	if (*ans && find_option(x, qq, ans, &option))
		return osk_fail(err, OSK_ENOMEM, "out of memory");
	if (*ans && !option) {
		diag_option_list(qq, opts, sizeof(opts));
		row_error(x, (size_t)x->col[C_ANSWER], "'%s' is not an answer "
			  "to '%s'; use %s, or leave it empty to skip it",
			  ans, qid, opts);
		return 0;
	}
	if (g->line[qi]) {
		row_error(x, (size_t)x->col[C_QUESTION], "question '%s' of "
			  "company '%s' is already answered on line %u; keep "
			  "one row", qid, company, g->line[qi]);
		return 0;
	}
	g->line[qi] = (uint32_t)csv_line(x->csv);
	g->opt[qi] = option ? (uint16_t)(option - qq->options + 1) : 0;
	/* once a row was bad nothing will be kept: only check the rest */
	if (x->errs->total)
		return 0;
	return write_answer(x, g, (size_t)qi, option, note, err);
}

/* The answers of group g, stored ones and the file's, in g's scratch. */
static struct diag_answers *
group_answers(struct import_ctx *x, const struct group *g)
{
	struct diag_answers *a = cache_scratch(x, g->q);
	size_t k;

	for (k = 0; k < g->q->nquestions; k++) {
		const struct qset_question *qq = &g->q->questions[k];

		a->items[k].option = g->opt[k] ? &qq->options[g->opt[k] - 1]
					       : NULL;
		a->items[k].stored = g->opt[k] || g->line[k];
		a->items[k].note = NULL;
	}
	return a;
}

/* Rows answering a question whose `when` does not apply. */
static void
check_when(struct import_ctx *x, const struct group *g,
	   const struct diag_answers *a, bool *asked)
{
	size_t k;

	diag_asked(a->q, a->items, asked);
	for (k = 0; k < a->q->nquestions; k++) {
		const struct qset_question *qq = &a->q->questions[k];
		const struct qset_when *w = qq->when;
		char msg[512], list[256];
		size_t c, len = 0;

		if (asked[k] || !g->line[k] || !a->items[k].option)
			continue;
		list[0] = '\0';
		for (c = 0; c < w->nchoices && len + 1 < sizeof(list); c++) {
			int m = snprintf(list + len, sizeof(list) - len,
					 "%s'%s'", c ? " or " : "",
					 w->choices[c]);

			if (m < 0)
				break;
			len += (size_t)m;
		}
		snprintf(msg, sizeof(msg), "question '%s' is asked only when "
			 "'%s' is %s; leave its answer empty or answer '%s' "
			 "first", qq->id, a->q->questions[w->question].id,
			 list, a->q->questions[w->question].id);
		line_error(x, (int)g->line[k], (size_t)x->col[C_QUESTION],
			   msg);
	}
}

/*
 * With every row read: the `when` checks, then each assessment that is
 * complete now is marked completed.
 */
static int
finish_groups(struct import_ctx *x, struct osk_error *err)
{
	size_t i, n = 0;
	bool *asked;

	for (i = 0; i < x->nqs; i++)
		if (x->qs[i].q->nquestions > n)
			n = x->qs[i].q->nquestions;
	if (!(asked = calloc(n + 1, sizeof(*asked))))
		return osk_fail(err, OSK_ENOMEM, "out of memory");
	for (i = 0; i < x->ngroups; i++)
		check_when(x, &x->groups[i], group_answers(x, &x->groups[i]),
			   asked);
	free(asked);
	if (x->errs->total)
		return 0;
	for (i = 0; i < x->ngroups; i++) {
		const struct group *g = &x->groups[i];

		if (!g->id || !diag_answers_complete(group_answers(x, g)))
			continue;
		sqlite3_reset(x->done);
		sqlite3_bind_int64(x->done, 1, g->id);
		store_bind_text(x->done, 2, x->now);
		if (sqlite3_step(x->done) != SQLITE_DONE)
			return store_fail(x->st, err, "cannot save an "
					  "assessment");
		x->imp->completed++;
	}
	return 0;
}

/* ---- the import ---- */

static void
ctx_release(struct import_ctx *x)
{
	size_t i;

	writer_close(x);
	for (i = 0; i < x->ngroups; i++) {
		free(x->groups[i].line);
		free(x->groups[i].opt);
	}
	free(x->groups);
	free(x->gtab);
	for (i = 0; i < x->ccap; i++)
		free(x->ctab[i].key);
	free(x->ctab);
	for (i = 0; i < x->nsets; i++)
		free(x->sets[i].id);
	free(x->sets);
	for (i = 0; i < x->nqs; i++) {
		diag_answers_free(x->qs[i].scratch);
		qset_free(x->qs[i].q);
	}
	free(x->qs);
	for (i = 0; i < NCOL; i++)
		sbuf_release(&x->cell[i]);
	sbuf_release(&x->key);
	sbuf_release(&x->key2);
	csv_close(x->csv);
}

static int
read_rows(struct import_ctx *x, struct osk_error *err)
{
	const char **f;
	size_t nf;
	int r;

	while ((r = csv_read(x->csv, &f, NULL, &nf, err)) == 1) {
		if (blank_record(f, nf)) {
			warn(x, csv_line(x->csv), "empty row; skipped");
			x->imp->empty++;
			continue;
		}
		x->imp->rows++;
		if (nf != x->ncols) {
			row_error(x, CSV_NO_FIELD, "%zu fields, %s the "
				  "header's %zu", nf, nf < x->ncols ?
				  "fewer than" : "more than", x->ncols);
			continue;
		}
		if ((r = parse_row(x, f, err)))
			return r;
	}
	return r;
}

int
diag_import_csv(struct store *st, const char *path, struct diag_import *imp,
		struct osk_errlist *errs, struct osk_error *err)
{
	struct import_ctx x;
	const char **f;
	size_t nf;
	int r;

	memset(&x, 0, sizeof(x));
	x.st = st;
	x.imp = imp;
	x.errs = errs;
	imp->rows = imp->empty = 0;
	imp->created = imp->updated = imp->completed = 0;
	if (!(x.csv = csv_open(path, imp->enc, err)))
		return -err->code;
	csv_set_field_max(x.csv, DIAG_CELL_MAX);
	if ((r = csv_read_header(x.csv, "company,set,question,answer,note",
				 &f, &nf, err)) < 0)
		goto out;
	x.ncols = nf;
	if ((r = map_header(&x, err)) || (r = store_begin(st, err)))
		goto out;
	if ((r = writer_open(&x, err)))
		goto fail;
	r = read_rows(&x, err);
	imp->used = csv_encoding_used(x.csv);
	if (r < 0)
		goto fail;
	if (!imp->rows) {
		r = osk_error_set(err, OSK_EDATA, csv_path(x.csv), 0, 0,
				  "no answers after the header row");
		goto fail;
	}
	if (!errs->total && (r = finish_groups(&x, err)))
		goto fail;
	if (errs->total) {
		r = -OSK_EDATA;
		goto fail;
	}
	writer_close(&x);
	r = store_commit(st, err);
	goto out;
fail:
	store_rollback(st);
out:
	ctx_release(&x);
	return r;
}
