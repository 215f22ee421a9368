/* SPDX-License-Identifier: MIT */
/*
 * Scoring with the comparison, for one company or for all of them in one
 * pass. Two queries read every assessment of the set and their answers;
 * peer averages are then sums per industry and category from which each
 * company takes out its own contribution, so the cost grows with the
 * number of answers and not with companies x peers.
 */
#include <stdlib.h>
#include <string.h>

#include "core/qstore.h"
#include "diag/internal.h"

/* A set version met in the data, with its categories mapped by id. */
struct qver {
	int64_t rowid;
	struct qset *q;
	size_t *canon;		/* category index -> canonical index */
};

/* One assessment. */
struct arec {
	int64_t id, qset_rowid;
	size_t company;		/* index into loader.cs */
	struct qver *qv;	/* set for needed ones */
	char started_at[32], completed_at[32], last_at[32];
	bool completed;
	bool needed;		/* its answers are read */
	struct diag_answer *items;
	struct diag_scored sc;	/* needed ones only */
};

struct crec {
	int64_t id;
	char *name;
	char industry[2];
	size_t first, n;	/* its assessments: as[first .. first + n) */
	long target, done, previous;	/* indexes into as, or -1 */
};

struct byid {
	int64_t id;
	size_t i;
};

enum scope { SCOPE_ALL, SCOPE_COMPANY, SCOPE_INDUSTRY };

struct loader {
	struct store *st;
	const char *set_id;
	int flags;
	enum scope scope;
	bool only;		/* score company_id only */
	int64_t company_id;
	char industry[2];
	struct qset *canon;	/* newest version (also in qv) */
	struct qver *qv;
	size_t nqv;
	struct arec *as;
	size_t nas;
	struct crec *cs;
	size_t ncs;
	struct byid *byid;
	struct diag_cmp cmp;
};

struct diag_score_priv {
	struct qset *q;		/* owned (single scores) */
	char *reference;
};

struct diag_batch_priv {
	struct loader L;
};

/* ---- set versions ---- */

/* Add set q (taken over) under rowid to the cache. */
static struct qver *
qver_put(struct loader *L, int64_t rowid, struct qset *q,
	 struct osk_error *err)
{
	struct qver *v;

	v = realloc(L->qv, (L->nqv + 1) * sizeof(*v));
	if (!v) {
		qset_free(q);
		osk_fail(err, OSK_ENOMEM, "out of memory");
		return NULL;
	}
	L->qv = v;
	v = &L->qv[L->nqv];
	v->rowid = rowid;
	v->q = q;
	v->canon = diag_canon_map(L->canon, q);
	if (!v->canon) {
		qset_free(q);
		osk_fail(err, OSK_ENOMEM, "out of memory");
		return NULL;
	}
	L->nqv++;
	return v;
}

static struct qver *
qver_get(struct loader *L, int64_t rowid, struct osk_error *err)
{
	struct qset *q;
	size_t i;

	for (i = 0; i < L->nqv; i++)
		if (L->qv[i].rowid == rowid)
			return &L->qv[i];
	if (!(q = qstore_get_id(L->st, rowid, err)))
		return NULL;
	return qver_put(L, rowid, q, err);
}

/* ---- reading ---- */

#define SCOPE_SQL \
	" WHERE q.set_id = ?1 AND (?2 = 0 OR c.id = ?3 OR " \
	"(?2 = 2 AND c.industry = ?4))"

static void
bind_scope(struct loader *L, sqlite3_stmt *s)
{
	store_bind_text(s, 1, L->set_id);
	sqlite3_bind_int(s, 2, (int)L->scope);
	sqlite3_bind_int64(s, 3, L->company_id);
	sqlite3_bind_text(s, 4, L->industry, 1, SQLITE_STATIC);
}

static int
add_company(struct loader *L, sqlite3_stmt *s, size_t first)
{
	struct crec *c;
	const char *name = (const char *)sqlite3_column_text(s, 5);

	if (L->ncs % 256 == 0) {
		c = realloc(L->cs, (L->ncs + 256) * sizeof(*c));
		if (!c)
			return -OSK_ENOMEM;
		L->cs = c;
	}
	c = &L->cs[L->ncs];
	memset(c, 0, sizeof(*c));
	c->id = sqlite3_column_int64(s, 1);
	c->first = first;
	c->target = c->done = c->previous = -1;
	diag_column_text(c->industry, sizeof(c->industry), s, 6);
	if (!(c->name = strdup(name ? name : "")))
		return -OSK_ENOMEM;
	L->ncs++;
	return 0;
}

static int
read_assessments(struct loader *L, struct osk_error *err)
{
	sqlite3_stmt *s = NULL;
	int r;

	if ((r = store_prepare(L->st, &s, "SELECT s.id, s.company_id, "
			       "s.qset_id, s.started_at, s.completed_at, "
			       "c.name, c.industry FROM assessment s JOIN "
			       "qset q ON q.id = s.qset_id JOIN company c ON "
			       "c.id = s.company_id" SCOPE_SQL
			       " ORDER BY s.company_id, s.id", err)))
		return r;
	bind_scope(L, s);
	while ((r = sqlite3_step(s)) == SQLITE_ROW) {
		struct arec *a;

		if (L->nas % 1024 == 0) {
			a = realloc(L->as, (L->nas + 1024) * sizeof(*a));
			if (!a)
				goto nomem;
			L->as = a;
		}
		if ((!L->ncs || L->cs[L->ncs - 1].id !=
		     sqlite3_column_int64(s, 1)) && add_company(L, s, L->nas))
			goto nomem;
		a = &L->as[L->nas++];
		memset(a, 0, sizeof(*a));
		a->id = sqlite3_column_int64(s, 0);
		a->qset_rowid = sqlite3_column_int64(s, 2);
		a->company = L->ncs - 1;
		diag_column_text(a->started_at, sizeof(a->started_at), s, 3);
		diag_column_text(a->completed_at, sizeof(a->completed_at), s,
				 4);
		a->completed = a->completed_at[0] != '\0';
		L->cs[L->ncs - 1].n++;
	}
	r = r == SQLITE_DONE ? 0 : store_fail(L->st, err, "cannot read "
					      "assessments");
	sqlite3_finalize(s);
	return r;
nomem:
	sqlite3_finalize(s);
	return osk_fail(err, OSK_ENOMEM, "out of memory");
}

/* Pick each company's target, latest completed and previous. */
static void
pick_roles(struct loader *L)
{
	size_t i, k;

	for (i = 0; i < L->ncs; i++) {
		struct crec *c = &L->cs[i];
		bool want = !L->only || c->id == L->company_id;

		for (k = c->first + c->n; k-- > c->first;) {
			const struct arec *a = &L->as[k];

			if (c->target < 0 && (a->completed ||
					      !(L->flags & DIAG_COMPLETED)))
				c->target = (long)k;
			if (c->done < 0 && a->completed)
				c->done = (long)k;
			if (c->previous < 0 && a->completed && c->target >= 0 &&
			    (long)k != c->target)
				c->previous = (long)k;
		}
		if (!want)
			c->target = c->previous = -1;
		if (L->flags & DIAG_NO_PEERS)
			c->done = -1;
		if (c->target >= 0)
			L->as[c->target].needed = true;
		if (c->done >= 0)
			L->as[c->done].needed = true;
		if (c->previous >= 0)
			L->as[c->previous].needed = true;
	}
}

static int
by_id(const void *pa, const void *pb)
{
	const struct byid *a = pa, *b = pb;

	return a->id < b->id ? -1 : a->id > b->id;
}

static int
prepare_needed(struct loader *L, struct osk_error *err)
{
	size_t i;

	L->byid = calloc(L->nas + 1, sizeof(*L->byid));
	if (!L->byid)
		return osk_fail(err, OSK_ENOMEM, "out of memory");
	for (i = 0; i < L->nas; i++) {
		struct arec *a = &L->as[i];

		L->byid[i].id = a->id;
		L->byid[i].i = i;
		if (!a->needed)
			continue;
		if (!(a->qv = qver_get(L, a->qset_rowid, err)))
			return -err->code;
		a->items = calloc(a->qv->q->nquestions + 1,
				  sizeof(*a->items));
		if (!a->items)
			return osk_fail(err, OSK_ENOMEM, "out of memory");
	}
	qsort(L->byid, L->nas, sizeof(*L->byid), by_id);
	return 0;
}

static struct arec *
find_arec(struct loader *L, int64_t id)
{
	struct byid key = { id, 0 }, *b;

	b = bsearch(&key, L->byid, L->nas, sizeof(*L->byid), by_id);
	return b ? &L->as[b->i] : NULL;
}

static int
read_answers(struct loader *L, struct osk_error *err)
{
	sqlite3_stmt *s = NULL;
	struct arec *a = NULL;
	int64_t last = -1;
	int r;

	if ((r = store_prepare(L->st, &s, "SELECT a.assessment_id, "
			       "a.question, a.option, a.answered_at FROM "
			       "answer a JOIN assessment s ON s.id = "
			       "a.assessment_id JOIN qset q ON q.id = "
			       "s.qset_id JOIN company c ON c.id = "
			       "s.company_id" SCOPE_SQL, err)))
		return r;
	bind_scope(L, s);
	while ((r = sqlite3_step(s)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(s, 0);
		const char *at = (const char *)sqlite3_column_text(s, 3);
		const char *qid, *opt;
		long qi;

		if (id != last) {
			a = find_arec(L, id);
			last = id;
		}
		if (!a)
			continue;
		if (at && strcmp(at, a->last_at) > 0)
			diag_strlcpy(a->last_at, at, sizeof(a->last_at));
		if (!a->needed)
			continue;
		qid = (const char *)sqlite3_column_text(s, 1);
		opt = (const char *)sqlite3_column_text(s, 2);
		if (!qid || (qi = qset_question_index(a->qv->q, qid)) < 0)
			continue;
		a->items[qi].stored = true;
		if (opt)
			a->items[qi].option = qset_option_find(
				&a->qv->q->questions[qi], opt);
	}
	r = r == SQLITE_DONE ? 0 : store_fail(L->st, err, "cannot read "
					      "answers");
	sqlite3_finalize(s);
	return r;
}

/* ---- per-assessment scores and the pools ---- */

static int
build_pools(struct loader *L, struct osk_error *err)
{
	size_t i;

	for (i = 0; i < L->nas; i++) {
		struct arec *a = &L->as[i];
		int r;

		if (a->needed && (r = diag_scored_fill(a->qv->q, a->qv->canon,
						       L->cmp.ncats, a->items,
						       &a->sc, err)))
			return r;
	}
	for (i = 0; i < L->ncs; i++) {
		const struct crec *c = &L->cs[i];

		if (c->done >= 0)
			diag_cmp_add(&L->cmp, c->industry, &L->as[c->done].sc);
	}
	return 0;
}

/* ---- the comparison of one company ---- */

static void
compare(const struct loader *L, const struct crec *c, struct diag_score *s,
	const size_t *canon)
{
	if (L->flags & DIAG_NO_PEERS)
		s->source = DIAG_CMP_NONE;
	else
		diag_cmp_apply(&L->cmp, s, c->done >= 0 ?
			       &L->as[c->done].sc : NULL, canon,
			       L->scope == SCOPE_ALL);
}

/* ---- building the scores ---- */

static void
to_assessment(const struct loader *L, const struct arec *a,
	      struct diag_assessment *out)
{
	memset(out, 0, sizeof(*out));
	out->id = a->id;
	out->company_id = L->cs[a->company].id;
	out->qset_rowid = a->qset_rowid;
	if (a->qv) {
		diag_strlcpy(out->set_id, a->qv->q->id, sizeof(out->set_id));
		out->version = a->qv->q->version;
	}
	memcpy(out->started_at, a->started_at, sizeof(out->started_at));
	memcpy(out->completed_at, a->completed_at,
	       sizeof(out->completed_at));
	memcpy(out->last_answer_at, a->last_at, sizeof(out->last_answer_at));
	out->completed = a->completed;
}

static void
fill_previous(const struct loader *L, const struct crec *c,
	      struct diag_score *s, const size_t *canon)
{
	const struct arec *p;

	if (c->previous < 0)
		return;
	p = &L->as[c->previous];
	to_assessment(L, p, &s->previous);
	diag_cmp_previous(s, &p->sc, canon);
}

static int
build_score(struct loader *L, const struct crec *c, struct diag_score *s,
	    struct osk_error *err)
{
	const struct arec *a = &L->as[c->target];
	int r;

	memset(s, 0, sizeof(*s));
	s->company_id = c->id;
	memcpy(s->industry, c->industry, sizeof(s->industry));
	if (!(s->company_name = strdup(c->name)))
		return osk_fail(err, OSK_ENOMEM, "out of memory");
	s->q = a->qv->q;
	to_assessment(L, a, &s->assessment);
	if ((r = diag_score_base(s, a->items, err)))
		return r;
	compare(L, c, s, a->qv->canon);
	fill_previous(L, c, s, a->qv->canon);
	return diag_score_finish(s, a->items, err);
}

/* ---- the loader ---- */

static void
loader_release(struct loader *L)
{
	size_t i;

	for (i = 0; i < L->nqv; i++) {
		qset_free(L->qv[i].q);
		free(L->qv[i].canon);
	}
	free(L->qv);
	for (i = 0; i < L->nas; i++) {
		free(L->as[i].items);
		diag_scored_release(&L->as[i].sc);
	}
	free(L->as);
	for (i = 0; i < L->ncs; i++)
		free(L->cs[i].name);
	free(L->cs);
	free(L->byid);
	diag_cmp_release(&L->cmp);
	memset(L, 0, sizeof(*L));
}

static int
loader_run(struct loader *L, struct osk_error *err)
{
	struct qset *canon;
	int64_t rowid;
	int r;

	/* the newest version is the first in the cache, and canonical */
	if (!(canon = diag_set_get(L->st, L->set_id, &rowid, err)) ||
	    !qver_put(L, rowid, canon, err))
		return -err->code;
	L->canon = canon;
	if ((r = diag_cmp_init(&L->cmp, L->st, canon->ncategories, err)) ||
	    (r = read_assessments(L, err)))
		return r;
	pick_roles(L);
	if ((r = prepare_needed(L, err)) || (r = read_answers(L, err)))
		return r;
	if (!(L->flags & DIAG_NO_PEERS) &&
	    (r = diag_cmp_read_refs(&L->cmp, L->st, L->set_id, err)))
		return r;
	return build_pools(L, err);
}

/* ---- one company ---- */

static const struct crec *
find_crec(const struct loader *L, int64_t id)
{
	size_t i;

	for (i = 0; i < L->ncs; i++)
		if (L->cs[i].id == id)
			return &L->cs[i];
	return NULL;
}

/* Load for one company; true in *again when all industries are needed. */
static int
load_one(struct loader *L, bool *again, struct osk_error *err)
{
	const struct crec *c;
	int r;

	*again = false;
	if ((r = loader_run(L, err)))
		return r;
	if (L->scope != SCOPE_INDUSTRY || !(c = find_crec(L, L->company_id)))
		return 0;
	*again = diag_cmp_peers(&L->cmp, c->industry, c->done >= 0 ?
				&L->as[c->done].sc : NULL) <
		 L->cmp.peers_min && !diag_cmp_has_refs(&L->cmp, c->industry);
	return 0;
}

/* Move the target's set out of the loader into s. */
static int
detach_set(struct loader *L, struct diag_score *s, struct osk_error *err)
{
	size_t i;

	if (!(s->priv = calloc(1, sizeof(*s->priv))))
		return osk_fail(err, OSK_ENOMEM, "out of memory");
	for (i = 0; i < L->nqv; i++)
		if (L->qv[i].q == s->q) {
			s->priv->q = L->qv[i].q;
			L->qv[i].q = NULL;
		}
	if (s->reference && !(s->priv->reference = strdup(s->reference)))
		return osk_fail(err, OSK_ENOMEM, "out of memory");
	s->reference = s->priv->reference;
	s->action.q = s->q;
	return 0;
}

int
diag_score_get(struct store *st, int64_t company_id, const char *set_id,
	       int flags, struct diag_score **out, struct osk_error *err)
{
	struct loader L;
	const struct crec *c;
	struct diag_score *s = NULL;
	bool again;
	int r;

	*out = NULL;
	memset(&L, 0, sizeof(L));
	L.st = st;
	L.set_id = set_id;
	L.flags = flags;
	L.company_id = company_id;
	L.only = true;
	L.scope = flags & DIAG_NO_PEERS ? SCOPE_COMPANY : SCOPE_INDUSTRY;
	if ((r = diag_company_read(st, company_id, L.industry, NULL, err)))
		return r;
	if ((r = load_one(&L, &again, err)))
		goto out;
	if (again) {
		loader_release(&L);
		L.st = st;
		L.set_id = set_id;
		L.flags = flags;
		L.company_id = company_id;
		L.only = true;
		L.scope = SCOPE_ALL;
		if ((r = loader_run(&L, err)))
			goto out;
	}
	c = find_crec(&L, company_id);
	if (!c || c->target < 0) {
		r = osk_fail(err, OSK_ENOTFOUND, "no %s'%s' assessment for "
			     "company %lld yet", flags & DIAG_COMPLETED ?
			     "completed " : "", set_id,
			     (long long)company_id);
		goto out;
	}
	if (!(s = calloc(1, sizeof(*s)))) {
		r = osk_fail(err, OSK_ENOMEM, "out of memory");
		goto out;
	}
	if ((r = build_score(&L, c, s, err)) ||
	    (r = detach_set(&L, s, err)))
		goto out;
	*out = s;
	s = NULL;
out:
	diag_score_free(s);
	loader_release(&L);
	return r;
}

void
diag_score_free(struct diag_score *s)
{
	if (!s)
		return;
	diag_score_release(s);
	if (s->priv) {
		qset_free(s->priv->q);
		free(s->priv->reference);
	}
	free(s->priv);
	free(s);
}

/* ---- every company ---- */

int
diag_batch_score(struct store *st, const char *set_id, int flags,
		 struct diag_batch **out, struct osk_error *err)
{
	struct diag_batch *b;
	struct loader *L;
	size_t i;
	int r;

	*out = NULL;
	if (!(b = calloc(1, sizeof(*b))) ||
	    !(b->priv = calloc(1, sizeof(*b->priv)))) {
		free(b);
		return osk_fail(err, OSK_ENOMEM, "out of memory");
	}
	L = &b->priv->L;
	L->st = st;
	L->set_id = set_id;
	L->flags = flags;
	L->scope = SCOPE_ALL;
	if ((r = loader_run(L, err)))
		goto fail;
	if (!(b->scores = calloc(L->ncs + 1, sizeof(*b->scores)))) {
		r = osk_fail(err, OSK_ENOMEM, "out of memory");
		goto fail;
	}
	for (i = 0; i < L->ncs; i++) {
		if (L->cs[i].target < 0)
			continue;
		if ((r = build_score(L, &L->cs[i], &b->scores[b->n], err))) {
			b->n++;
			goto fail;
		}
		b->n++;
	}
	/* the answers are no longer needed; the sets are */
	for (i = 0; i < L->nas; i++) {
		free(L->as[i].items);
		L->as[i].items = NULL;
	}
	*out = b;
	return 0;
fail:
	diag_batch_free(b);
	return r;
}

const struct diag_score *
diag_batch_find(const struct diag_batch *b, int64_t company_id)
{
	size_t lo = 0, hi = b->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (b->scores[mid].company_id < company_id)
			lo = mid + 1;
		else if (b->scores[mid].company_id > company_id)
			hi = mid;
		else
			return &b->scores[mid];
	}
	return NULL;
}

void
diag_batch_free(struct diag_batch *b)
{
	size_t i;

	if (!b)
		return;
	for (i = 0; i < b->n; i++)
		diag_score_release(&b->scores[i]);
	free(b->scores);
	if (b->priv)
		loader_release(&b->priv->L);
	free(b->priv);
	free(b);
}
