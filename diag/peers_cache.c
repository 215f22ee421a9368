/* SPDX-License-Identifier: MIT */
/*
 * The peer averages of a set computed once, then each company scored on
 * its own against them: for a batch of sheets whose memory must not grow
 * with the number of companies (diag_batch_score() keeps every score).
 *
 * The numbers are those of diag_score_get() bit for bit: the pools are
 * summed in the same order (company id), and the scores, pools and the
 * comparison come from the same code (compare.c, score.c).
 */
#include <stdlib.h>
#include <string.h>

#include "diag/internal.h"

/* A set version with its categories mapped onto the newest version's. */
struct vmap {
	int64_t rowid;
	const struct qset *q;	/* borrowed from the cache */
	size_t *canon;
};

struct diag_peers {
	char *set_id;
	struct diag_sets *sets;
	bool own_sets;
	const struct qset *canon;
	struct vmap *maps;
	size_t nmaps;
	struct diag_cmp cmp;
};

static int
nomem(struct osk_error *err)
{
	return osk_fail(err, OSK_ENOMEM, "out of memory");
}

/* ---- set versions ---- */

static const struct vmap *
vmap_get(struct diag_peers *p, struct store *st, int64_t rowid,
	 struct osk_error *err)
{
	const struct qset *q;
	struct vmap *m;
	size_t i;

	for (i = 0; i < p->nmaps; i++)
		if (p->maps[i].rowid == rowid)
			return &p->maps[i];
	if (!(q = diag_sets_get(p->sets, st, rowid, err)))
		return NULL;
	if (!(m = realloc(p->maps, (p->nmaps + 1) * sizeof(*m)))) {
		nomem(err);
		return NULL;
	}
	p->maps = m;
	m = &p->maps[p->nmaps];
	m->rowid = rowid;
	m->q = q;
	if (!(m->canon = diag_canon_map(p->canon, q))) {
		nomem(err);
		return NULL;
	}
	p->nmaps++;
	return m;
}

/* ---- answers and scores of one assessment ---- */

/* The answers of assessment id into items (q->nquestions, zeroed). */
static int
read_items(struct store *st, sqlite3_stmt **s, int64_t id,
	   const struct qset *q, struct diag_answer *items, char *last_at,
	   size_t last_size, struct osk_error *err)
{
	int r;

	if (!*s && (r = store_prepare(st, s, "SELECT question, option, "
				      "answered_at FROM answer WHERE "
				      "assessment_id = ?", err)))
		return r;
	sqlite3_reset(*s);
	sqlite3_bind_int64(*s, 1, id);
	while ((r = sqlite3_step(*s)) == SQLITE_ROW) {
		const char *qid = (const char *)sqlite3_column_text(*s, 0);
		const char *opt = (const char *)sqlite3_column_text(*s, 1);
		const char *at = (const char *)sqlite3_column_text(*s, 2);
		long qi;

		if (last_at && at && strcmp(at, last_at) > 0)
			diag_strlcpy(last_at, at, last_size);
		if (!qid || (qi = qset_question_index(q, qid)) < 0)
			continue;
		items[qi].stored = true;
		if (opt)
			items[qi].option = qset_option_find(&q->questions[qi],
							    opt);
	}
	r = r == SQLITE_DONE ? 0 : store_fail(st, err, "cannot read answers");
	sqlite3_reset(*s);
	return r;
}

/* ---- loading the peers ---- */

/* A company's latest completed assessment, for the pools. */
struct done {
	int64_t id, rowid;
	char industry[2];
};

static int
read_done(struct diag_peers *p, struct store *st, struct done **out,
	  size_t *n, struct osk_error *err)
{
	sqlite3_stmt *s = NULL;
	int64_t last = -1;
	size_t alloc = 0;
	int r;

	*out = NULL;
	*n = 0;
	if ((r = store_prepare(st, &s, "SELECT s.id, s.company_id, "
			       "s.qset_id, c.industry FROM assessment s JOIN "
			       "qset q ON q.id = s.qset_id JOIN company c ON "
			       "c.id = s.company_id WHERE q.set_id = ? AND "
			       "s.completed_at IS NOT NULL ORDER BY "
			       "s.company_id, s.id DESC", err)))
		return r;
	store_bind_text(s, 1, p->set_id);
	while ((r = sqlite3_step(s)) == SQLITE_ROW) {
		struct done *d;

		if (sqlite3_column_int64(s, 1) == last)
			continue;
		last = sqlite3_column_int64(s, 1);
		if (*n == alloc) {
			alloc = alloc ? 2 * alloc : 256;
			if (!(d = realloc(*out, alloc * sizeof(*d))))
				goto nomem;
			*out = d;
		}
		d = &(*out)[(*n)++];
		d->id = sqlite3_column_int64(s, 0);
		d->rowid = sqlite3_column_int64(s, 2);
		diag_column_text(d->industry, sizeof(d->industry), s, 3);
	}
	r = r == SQLITE_DONE ? 0 : store_fail(st, err, "cannot read "
					      "assessments");
	sqlite3_finalize(s);
	return r;
nomem:
	sqlite3_finalize(s);
	return nomem(err);
}

static int
build_pools(struct diag_peers *p, struct store *st, struct osk_error *err)
{
	size_t i, n = 0;
	struct diag_answer *items = NULL;
	struct diag_scored sc = { 0 };
	struct done *d = NULL;
	sqlite3_stmt *s = NULL;
	int r;

	if ((r = read_done(p, st, &d, &n, err)))
		goto out;
	for (i = 0; i < n; i++) {
		const struct vmap *m = vmap_get(p, st, d[i].rowid, err);

		if (!m) {
			r = -err->code;
			goto out;
		}
		free(items);
		if (!(items = calloc(m->q->nquestions + 1, sizeof(*items)))) {
			r = nomem(err);
			goto out;
		}
		if ((r = read_items(st, &s, d[i].id, m->q, items, NULL, 0,
				    err)) ||
		    (r = diag_scored_fill(m->q, m->canon, p->cmp.ncats, items,
					  &sc, err)))
			goto out;
		diag_cmp_add(&p->cmp, d[i].industry, &sc);
		diag_scored_release(&sc);
	}
out:
	diag_scored_release(&sc);
	sqlite3_finalize(s);
	free(items);
	free(d);
	return r;
}

int
diag_peers_load(struct store *st, const char *set_id, struct diag_sets *sets,
		struct diag_peers **out, struct osk_error *err)
{
	struct diag_peers *p = calloc(1, sizeof(*p));
	int64_t rowid;
	int r;

	*out = NULL;
	if (!p || !(p->set_id = strdup(set_id))) {
		free(p);
		return nomem(err);
	}
	p->sets = sets;
	if (!sets) {
		if (!(p->sets = diag_sets_new())) {
			r = nomem(err);
			goto fail;
		}
		p->own_sets = true;
	}
	if (!(p->canon = diag_sets_newest(p->sets, st, set_id, &rowid, err)) ||
	    !vmap_get(p, st, rowid, err)) {
		r = -err->code;
		goto fail;
	}
	if ((r = diag_cmp_init(&p->cmp, st, p->canon->ncategories, err)) ||
	    (r = diag_cmp_read_refs(&p->cmp, st, set_id, err)) ||
	    (r = build_pools(p, st, err)))
		goto fail;
	*out = p;
	return 0;
fail:
	diag_peers_free(p);
	return r;
}

void
diag_peers_free(struct diag_peers *p)
{
	size_t i;

	if (!p)
		return;
	for (i = 0; i < p->nmaps; i++)
		free(p->maps[i].canon);
	free(p->maps);
	diag_cmp_release(&p->cmp);
	if (p->own_sets)
		diag_sets_free(p->sets);
	free(p->set_id);
	free(p);
}

const char *
diag_peers_set(const struct diag_peers *p)
{
	return p->set_id;
}

/* ---- one company ---- */

struct arec {
	struct diag_assessment a;
	bool completed;
};

static int
read_assessments(struct store *st, const char *set_id, int64_t company_id,
		 struct arec **out, size_t *n, struct osk_error *err)
{
	sqlite3_stmt *s = NULL;
	struct arec *a;
	int r;

	*out = NULL;
	*n = 0;
	if ((r = store_prepare(st, &s, "SELECT s.id, s.qset_id, "
			       "s.started_at, s.completed_at FROM assessment s"
			       " JOIN qset q ON q.id = s.qset_id WHERE "
			       "s.company_id = ? AND q.set_id = ? ORDER BY "
			       "s.id", err)))
		return r;
	sqlite3_bind_int64(s, 1, company_id);
	store_bind_text(s, 2, set_id);
	while ((r = sqlite3_step(s)) == SQLITE_ROW) {
		if (!(a = realloc(*out, (*n + 1) * sizeof(*a)))) {
			sqlite3_finalize(s);
			return nomem(err);
		}
		*out = a;
		a = &a[(*n)++];
		memset(a, 0, sizeof(*a));
		a->a.id = sqlite3_column_int64(s, 0);
		a->a.company_id = company_id;
		a->a.qset_rowid = sqlite3_column_int64(s, 1);
		diag_column_text(a->a.started_at, sizeof(a->a.started_at), s,
				 2);
		diag_column_text(a->a.completed_at,
				 sizeof(a->a.completed_at), s, 3);
		a->a.completed = a->completed = a->a.completed_at[0] != '\0';
	}
	r = r == SQLITE_DONE ? 0 : store_fail(st, err, "cannot read "
					      "assessments");
	sqlite3_finalize(s);
	return r;
}

/* One needed assessment: its set, answers and scores. */
struct loaded {
	const struct vmap *m;
	struct diag_answer *items;
	struct diag_scored sc;
};

static int
load(struct diag_peers *p, struct store *st, sqlite3_stmt **s,
     struct arec *a, struct loaded *out, struct osk_error *err)
{
	int r;

	if (!(out->m = vmap_get(p, st, a->a.qset_rowid, err)))
		return -err->code;
	diag_strlcpy(a->a.set_id, out->m->q->id, sizeof(a->a.set_id));
	a->a.version = out->m->q->version;
	if (!(out->items = calloc(out->m->q->nquestions + 1,
				  sizeof(*out->items))))
		return nomem(err);
	if ((r = read_items(st, s, a->a.id, out->m->q, out->items,
			    a->a.last_answer_at, sizeof(a->a.last_answer_at),
			    err)))
		return r;
	return diag_scored_fill(out->m->q, out->m->canon, p->cmp.ncats,
				out->items, &out->sc, err);
}

/* The first role holding the same assessment as role i (i if none). */
static size_t
same_as(const long role[3], size_t i)
{
	size_t j;

	for (j = 0; j < i; j++)
		if (role[j] >= 0 && role[j] == role[i])
			return j;
	return i;
}

int
diag_score_with_peers(struct store *st, struct diag_peers *p,
		      int64_t company_id, int flags, struct diag_score **out,
		      struct osk_error *err)
{
	struct diag_score *s = NULL;
	struct arec *as = NULL;
	struct loaded ld[3];	/* target, done, previous */
	sqlite3_stmt *q = NULL;
	long role[3] = { -1, -1, -1 };
	size_t n = 0, k, i;
	int r;

	*out = NULL;
	memset(ld, 0, sizeof(ld));
	if (!(s = calloc(1, sizeof(*s))))
		return nomem(err);
	if ((r = diag_company_read(st, company_id, s->industry,
				   &s->company_name, err)) ||
	    (r = read_assessments(st, p->set_id, company_id, &as, &n, err)))
		goto out;
	/* roles as in peers.c: target, latest completed, previous */
	for (k = n; k-- > 0;) {
		if (role[0] < 0 && (as[k].completed ||
				    !(flags & DIAG_COMPLETED)))
			role[0] = (long)k;
		if (role[1] < 0 && as[k].completed)
			role[1] = (long)k;
		if (role[2] < 0 && as[k].completed && role[0] >= 0 &&
		    (long)k != role[0])
			role[2] = (long)k;
	}
	if (flags & DIAG_NO_PEERS)
		role[1] = -1;
	if (role[0] < 0) {
		r = osk_fail(err, OSK_ENOTFOUND, "no %s'%s' assessment for "
			     "company %lld yet", flags & DIAG_COMPLETED ?
			     "completed " : "", p->set_id,
			     (long long)company_id);
		goto out;
	}
	for (i = 0; i < 3; i++) {
		if (role[i] < 0)
			continue;
		if ((k = same_as(role, i)) < i) {
			ld[i] = ld[k];	/* shared: freed once */
			continue;
		}
		if ((r = load(p, st, &q, &as[role[i]], &ld[i], err)))
			goto out;
	}
	s->company_id = company_id;
	s->q = ld[0].m->q;
	s->assessment = as[role[0]].a;
	if ((r = diag_score_base(s, ld[0].items, err)))
		goto out;
	if (flags & DIAG_NO_PEERS)
		s->source = DIAG_CMP_NONE;
	else
		diag_cmp_apply(&p->cmp, s, role[1] >= 0 ? &ld[1].sc : NULL,
			       ld[0].m->canon, true);
	if (role[2] >= 0) {
		s->previous = as[role[2]].a;
		diag_cmp_previous(s, &ld[2].sc, ld[0].m->canon);
	}
	if ((r = diag_score_finish(s, ld[0].items, err)))
		goto out;
	s->action.q = s->q;
	*out = s;
	s = NULL;
out:
	for (i = 0; i < 3; i++) {
		if (same_as(role, i) < i)
			continue;
		free(ld[i].items);
		diag_scored_release(&ld[i].sc);
	}
	sqlite3_finalize(q);
	free(as);
	diag_score_free(s);
	return r;
}
