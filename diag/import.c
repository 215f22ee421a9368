/* SPDX-License-Identifier: MIT */
/*
 * `diag import`: answers from a CSV (company,set,question,answer[,note]),
 * all or nothing. Rows are read and checked first, `when` conditions
 * after the whole file is known (a row may answer the question a `when`
 * depends on further down), and only then is anything written.
 */
#include <stdarg.h>
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
	char *company;		/* as written in the file, for messages */
	struct diag_answers *ans;
	int *line_of;		/* per question: the row's line, 0 = none */
	bool existing;		/* an open assessment is added to */
};

struct row {
	size_t group, question;
	const struct qset_option *option;	/* NULL: a skip */
	char *note;
	int line;
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
	struct row *rows;
	size_t nrows;
	struct setref *sets;
	size_t nsets;
	struct qcache *qs;
	size_t nqs;
	/* the cells of the record being read, trimmed */
	struct sbuf cell[NCOL];
	struct sbuf key, key2;	/* matching keys (see norm_key) */
	/* the last company looked up (a file lists a company's rows
	   together) */
	char *last_key;
	int64_t last_id;
	int last_code;
	char last_msg[sizeof(((struct osk_error *)0)->msg)];
};

/* ---- messages ---- */

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
	osk_errlist_add(x->errs, &e);
}

/* Like row_error() for a row read earlier (line), same format. */
static void
line_error(struct import_ctx *x, int line, size_t field, const char *msg)
{
	struct osk_error e;

	osk_error_clear(&e);
	csv_error_set_line(x->csv, &e, OSK_EDATA, line, field, "%s", msg);
	osk_errlist_add(x->errs, &e);
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

/* The company's id, or -1 with the error added. */
static int64_t
lookup_company(struct import_ctx *x, const char *key,
	       struct osk_error *err)
{
	struct company c;
	struct osk_error e;
	int r;

	if (!x->last_key || strcmp(x->last_key, key)) {
		free(x->last_key);
		if (!(x->last_key = strdup(key))) {
			osk_fail(err, OSK_ENOMEM, "out of memory");
			return -2;
		}
		osk_error_clear(&e);
		r = company_find(x->st, key, &c, &e);
		x->last_code = r;
		x->last_id = r ? -1 : c.id;
		diag_strlcpy(x->last_msg, e.msg, sizeof(x->last_msg));
		if (!r)
			company_release(&c);
		else if (r != -OSK_ENOTFOUND) {
			*err = e;
			return -2;
		}
	}
	if (x->last_code)
		row_error(x, (size_t)x->col[C_COMPANY], "%s", x->last_msg);
	return x->last_id;
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
	x->nqs++;
	return 0;
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

/* The group of company id and set, created with its assessment. */
static long
lookup_group(struct import_ctx *x, int64_t id, const char *company,
	     const struct setref *set, struct osk_error *err)
{
	struct diag_assessment as;
	const struct qset *q;
	struct group *g;
	size_t i;
	int r;

	/* rows of one company usually come together: look back first */
	for (i = x->ngroups; i-- > 0;)
		if (x->groups[i].company_id == id &&
		    !strcmp(x->groups[i].ans->q->id, set->id))
			return (long)i;
	if (x->ngroups % 64 == 0) {
		g = realloc(x->groups, (x->ngroups + 64) * sizeof(*g));
		if (!g)
			return osk_fail(err, OSK_ENOMEM, "out of memory");
		x->groups = g;
	}
	g = &x->groups[x->ngroups];
	memset(g, 0, sizeof(*g));
	if (!(g->company = strdup(company)))
		return osk_fail(err, OSK_ENOMEM, "out of memory");
	g->company_id = id;
	x->ngroups++;
	r = diag_assessment_latest(x->st, id, set->id, false, &as, err);
	if (r && r != -OSK_ENOTFOUND)
		return r;
	if (!r && !as.completed) {
		g->existing = true;
		if (!(q = cache_get(x, as.qset_rowid, err)))
			return -err->code;
		r = diag_answers_load_set(x->st, q, &as, &g->ans, err);
	} else {
		if (!(q = cache_get(x, set->rowid, err)))
			return -err->code;
		r = diag_answers_new_set(q, set->rowid, id, &g->ans, err);
	}
	if (r)
		return r;
	if (!(g->line_of = calloc(g->ans->q->nquestions + 1, sizeof(int))))
		return osk_fail(err, OSK_ENOMEM, "out of memory");
	return (long)(x->ngroups - 1);
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

static int
add_row(struct import_ctx *x, const struct row *rw, struct osk_error *err)
{
	struct row *r;

	if (x->nrows % 1024 == 0) {
		r = realloc(x->rows, (x->nrows + 1024) * sizeof(*r));
		if (!r)
			return osk_fail(err, OSK_ENOMEM, "out of memory");
		x->rows = r;
	}
	x->rows[x->nrows++] = *rw;
	return 0;
}

/* Check one record; good rows are kept, bad ones go to the list. */
static int
parse_row(struct import_ctx *x, const char **f, struct osk_error *err)
{
	const char *company, *set, *qid, *ans, *note;
	const struct qset_question *qq;
	struct row rw = { 0, 0, NULL, NULL, 0 };
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
	if ((gi = lookup_group(x, id, company, sr, err)) < 0)
		return (int)gi;
	g = &x->groups[gi];
	if ((qi = find_question(x, g->ans->q, qid)) < 0) {
		row_error(x, (size_t)x->col[C_QUESTION], "set '%s' version %d "
			  "has no question '%s'; 'otasuke questions show %s' "
			  "lists them", set, g->ans->q->version, qid, set);
		return 0;
	}
	qq = &g->ans->q->questions[qi];
	qid = qq->id;
	if (*ans && find_option(x, qq, ans, &rw.option))
		return osk_fail(err, OSK_ENOMEM, "out of memory");
	if (*ans && !rw.option) {
		diag_option_list(qq, opts, sizeof(opts));
		row_error(x, (size_t)x->col[C_ANSWER], "'%s' is not an answer "
			  "to '%s'; use %s, or leave it empty to skip it",
			  ans, qid, opts);
		return 0;
	}
	if (g->line_of[qi]) {
		row_error(x, (size_t)x->col[C_QUESTION], "question '%s' of "
			  "company '%s' is already answered on line %d; keep "
			  "one row", qid, company, g->line_of[qi]);
		return 0;
	}
	g->line_of[qi] = csv_line(x->csv);
	rw.group = (size_t)gi;
	rw.question = (size_t)qi;
	rw.line = csv_line(x->csv);
	if (note && *note && !(rw.note = strdup(note)))
		return osk_fail(err, OSK_ENOMEM, "out of memory");
	if (add_row(x, &rw, err)) {
		free(rw.note);
		return -OSK_ENOMEM;
	}
	return 0;
}

/* Put the file's answers over the stored ones, in memory only. */
static void
apply_rows(struct import_ctx *x)
{
	size_t i;

	for (i = 0; i < x->nrows; i++) {
		struct row *rw = &x->rows[i];
		struct diag_answer *it =
			&x->groups[rw->group].ans->items[rw->question];

		it->option = rw->option;
		it->stored = true;
	}
}

/* Rows answering a question whose `when` does not apply. */
static int
check_when(struct import_ctx *x, struct osk_error *err)
{
	bool *asked = NULL;
	size_t i, n = 0;

	for (i = 0; i < x->ngroups; i++)
		if (x->groups[i].ans->q->nquestions > n)
			n = x->groups[i].ans->q->nquestions;
	if (!(asked = calloc(n + 1, sizeof(*asked))))
		return osk_fail(err, OSK_ENOMEM, "out of memory");
	for (i = 0; i < x->ngroups; i++) {
		const struct diag_answers *a = x->groups[i].ans;
		size_t k;

		diag_asked(a->q, a->items, asked);
		for (k = 0; k < a->q->nquestions; k++) {
			const struct qset_question *qq = &a->q->questions[k];
			const struct qset_when *w = qq->when;
			char msg[512], list[256];
			size_t c, len = 0;

			if (asked[k] || !x->groups[i].line_of[k] ||
			    !a->items[k].option)
				continue;
			list[0] = '\0';
			for (c = 0; c < w->nchoices && len + 1 < sizeof(list);
			     c++) {
				int m = snprintf(list + len, sizeof(list) - len,
						 "%s'%s'", c ? " or " : "",
						 w->choices[c]);

				if (m < 0)
					break;
				len += (size_t)m;
			}
			snprintf(msg, sizeof(msg), "question '%s' is asked "
				 "only when '%s' is %s; leave its answer empty "
				 "or answer '%s' first", qq->id,
				 a->q->questions[w->question].id, list,
				 a->q->questions[w->question].id);
			line_error(x, x->groups[i].line_of[k],
				   (size_t)x->col[C_QUESTION], msg);
		}
	}
	free(asked);
	return 0;
}

/* ---- writing ---- */

struct writer {
	sqlite3_stmt *ins_a, *ins_ans, *done;
	char now[32];
};

static int
write_group(struct import_ctx *x, struct writer *w, struct group *g,
	    struct osk_error *err)
{
	struct diag_answers *a = g->ans;

	if (a->a.id)
		return 0;
	sqlite3_reset(w->ins_a);
	sqlite3_bind_int64(w->ins_a, 1, g->company_id);
	sqlite3_bind_int64(w->ins_a, 2, a->a.qset_rowid);
	store_bind_text(w->ins_a, 3, w->now);
	if (sqlite3_step(w->ins_a) != SQLITE_DONE)
		return store_fail(x->st, err, "cannot start an assessment");
	a->a.id = sqlite3_last_insert_rowid(store_db(x->st));
	x->imp->created++;
	return 0;
}

static int
write_rows(struct import_ctx *x, struct writer *w, struct osk_error *err)
{
	size_t i;
	int r;

	for (i = 0; i < x->ngroups; i++) {
		if ((r = write_group(x, w, &x->groups[i], err)))
			return r;
		if (x->groups[i].existing)
			x->imp->updated++;
	}
	for (i = 0; i < x->nrows; i++) {
		const struct row *rw = &x->rows[i];
		const struct diag_answers *a = x->groups[rw->group].ans;

		sqlite3_reset(w->ins_ans);
		sqlite3_bind_int64(w->ins_ans, 1, a->a.id);
		store_bind_text(w->ins_ans, 2,
				a->q->questions[rw->question].id);
		store_bind_text(w->ins_ans, 3, rw->option ? rw->option->id
							   : NULL);
		store_bind_text(w->ins_ans, 4, rw->note);
		store_bind_text(w->ins_ans, 5, w->now);
		if (sqlite3_step(w->ins_ans) != SQLITE_DONE)
			return store_fail(x->st, err, "cannot save an answer");
	}
	for (i = 0; i < x->ngroups; i++) {
		struct diag_answers *a = x->groups[i].ans;

		if (!diag_answers_complete(a))
			continue;
		sqlite3_reset(w->done);
		sqlite3_bind_int64(w->done, 1, a->a.id);
		store_bind_text(w->done, 2, w->now);
		if (sqlite3_step(w->done) != SQLITE_DONE)
			return store_fail(x->st, err, "cannot save an "
					  "assessment");
		x->imp->completed++;
	}
	return 0;
}

static int
write_all(struct import_ctx *x, struct osk_error *err)
{
	struct writer w = { NULL, NULL, NULL, { 0 } };
	int r;

	store_now(w.now);
	if (!(r = store_prepare(x->st, &w.ins_a, "INSERT INTO assessment("
				"company_id, qset_id, started_at) VALUES "
				"(?, ?, ?)", err)) &&
	    !(r = store_prepare(x->st, &w.ins_ans, "INSERT INTO answer("
				"assessment_id, question, option, note, "
				"answered_at) VALUES (?, ?, ?, ?, ?) ON "
				"CONFLICT(assessment_id, question) DO UPDATE "
				"SET option = excluded.option, note = "
				"excluded.note, answered_at = "
				"excluded.answered_at", err)) &&
	    !(r = store_prepare(x->st, &w.done, "UPDATE assessment SET "
				"completed_at = ?2 WHERE id = ?1", err)))
		r = write_rows(x, &w, err);
	sqlite3_finalize(w.ins_a);
	sqlite3_finalize(w.ins_ans);
	sqlite3_finalize(w.done);
	return r;
}

/* ---- the import ---- */

static void
ctx_release(struct import_ctx *x)
{
	size_t i;

	for (i = 0; i < x->ngroups; i++) {
		diag_answers_free(x->groups[i].ans);
		free(x->groups[i].company);
		free(x->groups[i].line_of);
	}
	free(x->groups);
	for (i = 0; i < x->nrows; i++)
		free(x->rows[i].note);
	free(x->rows);
	for (i = 0; i < x->nsets; i++)
		free(x->sets[i].id);
	free(x->sets);
	for (i = 0; i < x->nqs; i++)
		qset_free(x->qs[i].q);
	free(x->qs);
	free(x->last_key);
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
	if ((r = csv_read_header(x.csv, "company,set,question,answer,note",
				 &f, &nf, err)) < 0)
		goto out;
	x.ncols = nf;
	if ((r = map_header(&x, err)) || (r = store_begin(st, err)))
		goto out;
	r = read_rows(&x, err);
	imp->used = csv_encoding_used(x.csv);
	if (r < 0)
		goto fail;
	if (!imp->rows) {
		r = osk_error_set(err, OSK_EDATA, csv_path(x.csv), 0, 0,
				  "no answers after the header row");
		goto fail;
	}
	if (!errs->total) {
		apply_rows(&x);
		if ((r = check_when(&x, err)))
			goto fail;
	}
	if (errs->total) {
		r = -OSK_EDATA;
		goto fail;
	}
	if ((r = write_all(&x, err)))
		goto fail;
	r = store_commit(st, err);
	goto out;
fail:
	store_rollback(st);
out:
	ctx_release(&x);
	return r;
}
