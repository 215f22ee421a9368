/* SPDX-License-Identifier: MIT */
/*
 * Assessments and their answers: find the latest, load, start a new one,
 * store answers one at a time (the interview commits after each) and mark
 * an assessment completed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/qstore.h"
#include "diag/internal.h"

struct diag_answers_priv {
	struct qset *q;		/* owned */
	bool *asked;		/* scratch, q->nquestions */
};

/* ---- helpers shared in diag/ ---- */

void
diag_strlcpy(char *dst, const char *src, size_t size)
{
	size_t n = strlen(src);

	if (!size)
		return;
	if (n >= size)
		n = size - 1;
	memcpy(dst, src, n);
	dst[n] = '\0';
}

void
diag_column_text(char *dst, size_t size, sqlite3_stmt *stmt, int col)
{
	const unsigned char *s = sqlite3_column_text(stmt, col);

	diag_strlcpy(dst, s ? (const char *)s : "", size);
}

struct qset *
diag_set_get(struct store *st, const char *set_id, int64_t *rowid,
	     struct osk_error *err)
{
	struct qset *q = qstore_get(st, set_id, 0, rowid, err);

	if (q && q->kind != QSET_DIAGNOSIS) {
		osk_fail(err, OSK_EDATA, "set '%s' is a survey, not a "
			 "diagnosis; 'otasuke questions list' shows the sets",
			 set_id);
		qset_free(q);
		return NULL;
	}
	return q;
}

struct has_ctx {
	const struct qset *q;
	const struct diag_answer *items;
	const bool *asked;
};

static bool
has_choice(void *data, size_t qi, const char *choice)
{
	struct has_ctx *c = data;
	const struct qset_option *o = c->items[qi].option;

	return c->asked[qi] && o && !strcmp(o->id, choice);
}

void
diag_asked(const struct qset *q, const struct diag_answer *items,
	   bool *asked)
{
	struct has_ctx c = { q, items, asked };
	size_t i;

	for (i = 0; i < q->nquestions; i++)
		asked[i] = qset_when_applies(q, &q->questions[i], has_choice,
					     &c);
}

void
diag_option_list(const struct qset_question *qq, char *buf, size_t size)
{
	size_t i, len = 0;

	buf[0] = '\0';
	for (i = 0; i < qq->noptions && len + 1 < size; i++) {
		int n = snprintf(buf + len, size - len, "%s%s",
				 i == 0 ? "" : i + 1 == qq->noptions ? " or "
					      : ", ", qq->options[i].id);

		if (n < 0)
			break;
		len += (size_t)n;
	}
}

bool
diag_option_is_top(const struct qset_question *qq, const struct qset_option *o)
{
	return o && !o->na && !o->unknown && o->points == qq->max_points;
}

/* ---- finding and loading ---- */

static void
row_to_assessment(sqlite3_stmt *s, struct diag_assessment *a)
{
	memset(a, 0, sizeof(*a));
	a->id = sqlite3_column_int64(s, 0);
	a->company_id = sqlite3_column_int64(s, 1);
	a->qset_rowid = sqlite3_column_int64(s, 2);
	diag_column_text(a->set_id, sizeof(a->set_id), s, 3);
	a->version = sqlite3_column_int(s, 4);
	diag_column_text(a->started_at, sizeof(a->started_at), s, 5);
	diag_column_text(a->completed_at, sizeof(a->completed_at), s, 6);
	diag_column_text(a->last_answer_at, sizeof(a->last_answer_at), s, 7);
	a->completed = a->completed_at[0] != '\0';
}

int
diag_assessment_latest(struct store *st, int64_t company_id,
		       const char *set_id, bool completed_only,
		       struct diag_assessment *out, struct osk_error *err)
{
	sqlite3_stmt *s = NULL;
	int r;

	if ((r = store_prepare(st, &s, "SELECT s.id, s.company_id, "
			       "s.qset_id, q.set_id, q.version, s.started_at,"
			       " s.completed_at, (SELECT max(answered_at) "
			       "FROM answer WHERE assessment_id = s.id) "
			       "FROM assessment s JOIN qset q ON q.id = "
			       "s.qset_id WHERE s.company_id = ?1 AND "
			       "q.set_id = ?2 AND (?3 = 0 OR s.completed_at "
			       "IS NOT NULL) ORDER BY s.id DESC LIMIT 1", err)))
		return r;
	sqlite3_bind_int64(s, 1, company_id);
	store_bind_text(s, 2, set_id);
	sqlite3_bind_int(s, 3, completed_only);
	r = sqlite3_step(s);
	if (r == SQLITE_ROW) {
		row_to_assessment(s, out);
		r = 0;
	} else if (r == SQLITE_DONE) {
		r = osk_fail(err, OSK_ENOTFOUND, "no %s'%s' assessment for "
			     "company %lld yet", completed_only ?
			     "completed " : "", set_id,
			     (long long)company_id);
	} else {
		r = store_fail(st, err, "cannot read assessments");
	}
	sqlite3_finalize(s);
	return r;
}

/* own: the set to free with the answers (q itself), or NULL: borrowed. */
static struct diag_answers *
answers_alloc(const struct qset *q, struct qset *own, struct osk_error *err)
{
	struct diag_answers *a = calloc(1, sizeof(*a));

	if (a)
		a->priv = calloc(1, sizeof(*a->priv));
	if (a && a->priv) {
		a->items = calloc(q->nquestions + 1, sizeof(*a->items));
		a->priv->asked = calloc(q->nquestions + 1, sizeof(bool));
	}
	if (!a || !a->priv || !a->items || !a->priv->asked) {
		if (a) {
			free(a->items);
			if (a->priv)
				free(a->priv->asked);
			free(a->priv);
			free(a);
		}
		qset_free(own);
		osk_fail(err, OSK_ENOMEM, "out of memory");
		return NULL;
	}
	a->q = q;
	a->priv->q = own;
	return a;
}

void
diag_answers_free(struct diag_answers *a)
{
	size_t i;

	if (!a)
		return;
	for (i = 0; a->items && i < a->q->nquestions; i++)
		free((char *)a->items[i].note);
	free(a->items);
	if (a->priv) {
		qset_free(a->priv->q);
		free(a->priv->asked);
	}
	free(a->priv);
	free(a);
}

static int
set_note(struct diag_answer *it, const char *note, struct osk_error *err)
{
	char *copy = NULL;

	if (note && *note && !(copy = strdup(note)))
		return osk_fail(err, OSK_ENOMEM, "out of memory");
	free((char *)it->note);
	it->note = copy;
	return 0;
}

static int
read_items(struct store *st, struct diag_answers *a, struct osk_error *err)
{
	const struct qset *q = a->q;
	sqlite3_stmt *s = NULL;
	int r;

	if ((r = store_prepare(st, &s, "SELECT question, option, note FROM "
			       "answer WHERE assessment_id = ?", err)))
		return r;
	sqlite3_bind_int64(s, 1, a->a.id);
	while ((r = sqlite3_step(s)) == SQLITE_ROW) {
		const char *qid = (const char *)sqlite3_column_text(s, 0);
		const char *opt = (const char *)sqlite3_column_text(s, 1);
		long qi = qid ? qset_question_index(q, qid) : -1;
		struct diag_answer *it;

		/* rows of questions this version lacks are ignored */
		if (qi < 0)
			continue;
		it = &a->items[qi];
		it->stored = true;
		it->option = opt ? qset_option_find(&q->questions[qi], opt)
				 : NULL;
		if ((r = set_note(it, (const char *)sqlite3_column_text(s, 2),
				  err)))
			goto out;
	}
	r = r == SQLITE_DONE ? 0 : store_fail(st, err, "cannot read answers");
out:
	sqlite3_finalize(s);
	return r;
}

int
diag_answers_load_set(struct store *st, const struct qset *q,
		      const struct diag_assessment *as,
		      struct diag_answers **out, struct osk_error *err)
{
	struct diag_answers *a;
	int r;

	*out = NULL;
	if (!(a = answers_alloc(q, NULL, err)))
		return -OSK_ENOMEM;
	a->a = *as;
	if ((r = read_items(st, a, err))) {
		diag_answers_free(a);
		return r;
	}
	*out = a;
	return 0;
}

int
diag_answers_load(struct store *st, const struct diag_assessment *as,
		  struct diag_answers **out, struct osk_error *err)
{
	struct qset *q;
	int r;

	*out = NULL;
	if (!(q = qstore_get_id(st, as->qset_rowid, err)))
		return -err->code;
	if ((r = diag_answers_load_set(st, q, as, out, err))) {
		qset_free(q);
		return r;
	}
	(*out)->priv->q = q;
	return 0;
}

int
diag_answers_new_set(const struct qset *q, int64_t rowid, int64_t company_id,
		     struct diag_answers **out, struct osk_error *err)
{
	struct diag_answers *a;

	*out = NULL;
	if (!(a = answers_alloc(q, NULL, err)))
		return -OSK_ENOMEM;
	a->a.company_id = company_id;
	a->a.qset_rowid = rowid;
	diag_strlcpy(a->a.set_id, q->id, sizeof(a->a.set_id));
	a->a.version = q->version;
	*out = a;
	return 0;
}

int
diag_answers_new(struct store *st, int64_t company_id, const char *set_id,
		 struct diag_answers **out, struct osk_error *err)
{
	struct qset *q;
	int64_t rowid;
	int r;

	*out = NULL;
	if (!(q = diag_set_get(st, set_id, &rowid, err)))
		return -err->code;
	if ((r = diag_answers_new_set(q, rowid, company_id, out, err))) {
		qset_free(q);
		return r;
	}
	(*out)->priv->q = q;
	return 0;
}

int
diag_latest_answers(struct store *st, int64_t company_id, const char *set_id,
		    bool completed_only, struct diag_answers **out,
		    struct osk_error *err)
{
	struct diag_assessment as;
	int r;

	*out = NULL;
	if ((r = diag_assessment_latest(st, company_id, set_id,
					completed_only, &as, err)))
		return r;
	return diag_answers_load(st, &as, out, err);
}

/* ---- questions and progress ---- */

bool
diag_answers_asked(const struct diag_answers *a, size_t qi)
{
	if (qi >= a->q->nquestions)
		return false;
	diag_asked(a->q, a->items, a->priv->asked);
	return a->priv->asked[qi];
}

void
diag_answers_progress(const struct diag_answers *a, size_t *answered,
		      size_t *asked)
{
	size_t i, n = 0, k = 0;

	diag_asked(a->q, a->items, a->priv->asked);
	for (i = 0; i < a->q->nquestions; i++) {
		if (!a->q->questions[i].scored || !a->priv->asked[i])
			continue;
		k++;
		if (a->items[i].option)
			n++;
	}
	if (answered)
		*answered = n;
	if (asked)
		*asked = k;
}

bool
diag_answers_complete(const struct diag_answers *a)
{
	size_t n, k;

	diag_answers_progress(a, &n, &k);
	return n == k;
}

int
diag_answers_sa_done(const struct diag_answers *a, int sa)
{
	size_t i;

	for (i = 0; i < a->q->nquestions; i++) {
		const struct qset_question *qq = &a->q->questions[i];

		if (qq->sa == sa)
			return diag_option_is_top(qq, a->items[i].option);
	}
	return -1;
}

/* ---- writing ---- */

static int
exec_id(struct store *st, const char *sql, int64_t id, const char *text,
	struct osk_error *err)
{
	sqlite3_stmt *s = NULL;
	int r;

	if ((r = store_prepare(st, &s, sql, err)))
		return r;
	sqlite3_bind_int64(s, 1, id);
	store_bind_text(s, 2, text);
	r = sqlite3_step(s) == SQLITE_DONE ? 0
		: store_fail(st, err, "cannot save the assessment");
	sqlite3_finalize(s);
	return r;
}

static int
create_assessment(struct store *st, struct diag_assessment *as,
		  struct osk_error *err)
{
	sqlite3_stmt *s = NULL;
	char now[32];
	int r;

	store_now(now);
	if ((r = store_prepare(st, &s, "INSERT INTO assessment(company_id, "
			       "qset_id, started_at) VALUES (?, ?, ?)", err)))
		return r;
	sqlite3_bind_int64(s, 1, as->company_id);
	sqlite3_bind_int64(s, 2, as->qset_rowid);
	store_bind_text(s, 3, now);
	if (sqlite3_step(s) != SQLITE_DONE) {
		r = store_fail(st, err, "cannot start an assessment");
	} else {
		as->id = sqlite3_last_insert_rowid(store_db(st));
		diag_strlcpy(as->started_at, now, sizeof(as->started_at));
	}
	sqlite3_finalize(s);
	return r;
}

int
diag_answers_put(struct store *st, struct diag_answers *a, size_t qi,
		 const char *option, const char *note, struct osk_error *err)
{
	const struct qset_question *qq;
	const struct qset_option *o = NULL;
	sqlite3_stmt *s = NULL;
	char now[32], opts[256];
	int r;

	if (qi >= a->q->nquestions)
		return osk_fail(err, OSK_EINTERNAL, "no question %zu", qi);
	qq = &a->q->questions[qi];
	if (option && !(o = qset_option_find(qq, option))) {
		diag_option_list(qq, opts, sizeof(opts));
		return osk_fail(err, OSK_EDATA, "'%s' is not an answer to "
				"'%s'; use %s", option, qq->id, opts);
	}
	if (!a->a.id && (r = create_assessment(st, &a->a, err)))
		return r;
	store_now(now);
	if ((r = store_prepare(st, &s, "INSERT INTO answer(assessment_id, "
			       "question, option, note, answered_at) VALUES "
			       "(?, ?, ?, ?, ?) ON CONFLICT(assessment_id, "
			       "question) DO UPDATE SET option = "
			       "excluded.option, note = excluded.note, "
			       "answered_at = excluded.answered_at", err)))
		return r;
	sqlite3_bind_int64(s, 1, a->a.id);
	store_bind_text(s, 2, qq->id);
	store_bind_text(s, 3, o ? o->id : NULL);
	store_bind_text(s, 4, note && *note ? note : NULL);
	store_bind_text(s, 5, now);
	r = sqlite3_step(s) == SQLITE_DONE ? 0
		: store_fail(st, err, "cannot save the answer");
	sqlite3_finalize(s);
	if (r)
		return r;
	if ((r = set_note(&a->items[qi], note, err)))
		return r;
	a->items[qi].option = o;
	a->items[qi].stored = true;
	diag_strlcpy(a->a.last_answer_at, now, sizeof(a->a.last_answer_at));
	if (a->a.completed && !diag_answers_complete(a)) {
		if ((r = exec_id(st, "UPDATE assessment SET completed_at = "
				 "?2 WHERE id = ?1", a->a.id, NULL, err)))
			return r;
		a->a.completed = false;
		a->a.completed_at[0] = '\0';
	}
	return 0;
}

int
diag_answers_finish(struct store *st, struct diag_answers *a,
		    bool *completed, struct osk_error *err)
{
	char now[32];
	int r;

	if (a->a.id && !a->a.completed && diag_answers_complete(a)) {
		store_now(now);
		if ((r = exec_id(st, "UPDATE assessment SET completed_at = "
				 "?2 WHERE id = ?1", a->a.id, now, err)))
			return r;
		a->a.completed = true;
		diag_strlcpy(a->a.completed_at, now,
			     sizeof(a->a.completed_at));
	}
	if (completed)
		*completed = a->a.completed;
	return 0;
}
