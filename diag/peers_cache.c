/* SPDX-License-Identifier: MIT */
/*
 * The peer averages of a set computed once, then each company scored on
 * its own against them: for a batch of sheets whose memory must not grow
 * with the number of companies (diag_batch_score() keeps every score).
 *
 * The numbers are those of diag_score_get() bit for bit: the pools are
 * summed in the same order (company id) in long double, each company's
 * own contribution is taken out the same way, and scores come from the
 * same diag_sums()/diag_score_base()/diag_score_finish().
 */
#include <stdlib.h>
#include <string.h>

#include "diag/internal.h"

#define NPOOLS 21		/* industries A-T, then all industries */
#define POOL_ALL 20

struct pool {
	int companies;
	long double *sum;
	int *cnt;
	long double osum;
	int ocnt;
};

struct ref {
	char industry[2];
	char *category, *source;
	double score;
	int n;
};

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
	int peers_min;
	struct pool pools[NPOOLS];
	struct ref *refs;
	size_t nrefs;
};

/* An assessment scored: category scores in canonical order. */
struct scored {
	bool has_overall;
	double overall;
	bool *has_cat;
	double *cat;
};

static void
scored_release(struct scored *x)
{
	free(x->has_cat);
	free(x->cat);
	memset(x, 0, sizeof(*x));
}

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
	if (!(m->canon = calloc(q->ncategories + 1, sizeof(*m->canon)))) {
		nomem(err);
		return NULL;
	}
	p->nmaps++;
	for (i = 0; i < q->ncategories; i++) {
		long c = p->canon ? qset_category_index(p->canon,
							 q->categories[i].id)
				  : (long)i;

		m->canon[i] = c < 0 ? QSET_NONE : (size_t)c;
	}
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

static int
score_items(const struct diag_peers *p, const struct vmap *m,
	    const struct diag_answer *items, struct scored *out,
	    struct osk_error *err)
{
	const struct qset *q = m->q;
	size_t nc = p->canon->ncategories, c;
	struct diag_sum *sums, total = { 0, 0, 0, 0 };
	bool *asked;
	int r = 0;

	sums = calloc(q->ncategories + 1, sizeof(*sums));
	asked = calloc(q->nquestions + 1, sizeof(*asked));
	out->has_cat = calloc(nc + 1, sizeof(*out->has_cat));
	out->cat = calloc(nc + 1, sizeof(*out->cat));
	if (!sums || !asked || !out->has_cat || !out->cat) {
		r = nomem(err);
		goto out;
	}
	diag_asked(q, items, asked);
	diag_sums(q, items, asked, sums, &total);
	out->has_overall = diag_sum_score(&total, &out->overall);
	for (c = 0; c < q->ncategories; c++) {
		size_t k = m->canon[c];

		if (k != QSET_NONE)
			out->has_cat[k] = diag_sum_score(&sums[c],
							 &out->cat[k]);
	}
out:
	free(sums);
	free(asked);
	return r;
}

/* ---- loading the peers ---- */

static int
read_refs(struct diag_peers *p, struct store *st, struct osk_error *err)
{
	sqlite3_stmt *s = NULL;
	int r;

	if ((r = store_prepare(st, &s, "SELECT industry, category, score, "
			       "n, source FROM reference_avg WHERE set_id = ? "
			       "ORDER BY industry, category", err)))
		return r;
	store_bind_text(s, 1, p->set_id);
	while ((r = sqlite3_step(s)) == SQLITE_ROW) {
		const char *cat = (const char *)sqlite3_column_text(s, 1);
		const char *src = (const char *)sqlite3_column_text(s, 4);
		struct ref *f = realloc(p->refs, (p->nrefs + 1) * sizeof(*f));

		if (!f)
			goto nomem;
		p->refs = f;
		f = &p->refs[p->nrefs];
		memset(f, 0, sizeof(*f));
		diag_column_text(f->industry, sizeof(f->industry), s, 0);
		f->score = sqlite3_column_double(s, 2);
		f->n = sqlite3_column_int(s, 3);
		f->category = strdup(cat ? cat : "");
		f->source = strdup(src ? src : "");
		p->nrefs++;
		if (!f->category || !f->source)
			goto nomem;
	}
	r = r == SQLITE_DONE ? 0 : store_fail(st, err, "cannot read "
					      "reference averages");
	sqlite3_finalize(s);
	return r;
nomem:
	sqlite3_finalize(s);
	return nomem(err);
}

static int
pool_index(const char industry[2])
{
	int i = industry[0] - 'A';

	return i >= 0 && i < POOL_ALL ? i : -1;
}

static void
pool_add(struct pool *pl, const struct scored *a, size_t nc)
{
	size_t k;

	pl->companies++;
	if (a->has_overall) {
		pl->osum += a->overall;
		pl->ocnt++;
	}
	for (k = 0; k < nc; k++)
		if (a->has_cat[k]) {
			pl->sum[k] += a->cat[k];
			pl->cnt[k]++;
		}
}

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
	size_t nc = p->canon->ncategories, i, n = 0;
	struct diag_answer *items = NULL;
	struct scored sc = { 0 };
	struct done *d = NULL;
	sqlite3_stmt *s = NULL;
	int k, r;

	for (k = 0; k < NPOOLS; k++) {
		p->pools[k].sum = calloc(nc + 1, sizeof(long double));
		p->pools[k].cnt = calloc(nc + 1, sizeof(int));
		if (!p->pools[k].sum || !p->pools[k].cnt)
			return nomem(err);
	}
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
		    (r = score_items(p, m, items, &sc, err)))
			goto out;
		k = pool_index(d[i].industry);
		if (k >= 0)
			pool_add(&p->pools[k], &sc, nc);
		pool_add(&p->pools[POOL_ALL], &sc, nc);
		scored_release(&sc);
	}
out:
	scored_release(&sc);
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
	p->peers_min = store_config_int(st, "peers.min",
					DIAG_PEERS_MIN_DEFAULT);
	if (p->peers_min < 1)
		p->peers_min = 1;
	if ((r = read_refs(p, st, err)) || (r = build_pools(p, st, err)))
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
	int k;

	if (!p)
		return;
	for (i = 0; i < p->nmaps; i++)
		free(p->maps[i].canon);
	free(p->maps);
	for (k = 0; k < NPOOLS; k++) {
		free(p->pools[k].sum);
		free(p->pools[k].cnt);
	}
	for (i = 0; i < p->nrefs; i++) {
		free(p->refs[i].category);
		free(p->refs[i].source);
	}
	free(p->refs);
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

/* ---- the comparison (as peers.c compare()) ---- */

static bool
has_refs(const struct diag_peers *p, const char industry[2])
{
	size_t i;

	for (i = 0; i < p->nrefs; i++)
		if (p->refs[i].industry[0] == industry[0])
			return true;
	return false;
}

static const struct ref *
find_ref(const struct diag_peers *p, const char industry[2],
	 const char *cat)
{
	size_t i;

	for (i = 0; i < p->nrefs; i++)
		if (p->refs[i].industry[0] == industry[0] &&
		    !strcmp(p->refs[i].category, cat))
			return &p->refs[i];
	return NULL;
}

static int
peers_in(const struct diag_peers *p, int k, const struct scored *own)
{
	return k < 0 ? 0 : p->pools[k].companies - (own ? 1 : 0);
}

static bool
pool_mean(long double sum, int cnt, bool own_has, double own_val, int min,
	  double *mean, int *n)
{
	if (own_has) {
		sum -= own_val;
		cnt--;
	}
	*n = cnt;
	if (cnt < min || cnt < 1)
		return false;
	*mean = (double)(sum / cnt);
	return true;
}

static void
compare_pool(const struct diag_peers *p, struct diag_score *s, int k,
	     const struct scored *own, const size_t *canon)
{
	const struct pool *pl = &p->pools[k];
	int n;
	size_t i;

	s->has_overall_comparison = pool_mean(pl->osum, pl->ocnt,
					      own && own->has_overall,
					      own ? own->overall : 0,
					      p->peers_min,
					      &s->overall_comparison, &n);
	for (i = 0; i < s->ncats; i++) {
		struct diag_category_score *cs = &s->cats[i];
		size_t c = canon[cs->category];

		cs->source = s->source;
		if (c == QSET_NONE)
			continue;
		cs->has_comparison = pool_mean(pl->sum[c], pl->cnt[c],
					       own && own->has_cat[c],
					       own ? own->cat[c] : 0,
					       p->peers_min, &cs->comparison,
					       &cs->comparison_n);
	}
}

static void
compare_ref(const struct diag_peers *p, struct diag_score *s)
{
	const struct ref *f;
	size_t i;

	s->n = 0;
	for (i = 0; i < p->nrefs; i++)
		if (p->refs[i].industry[0] == s->industry[0]) {
			if (p->refs[i].n > s->n)
				s->n = p->refs[i].n;
			if (!s->reference)
				s->reference = p->refs[i].source;
		}
	if ((f = find_ref(p, s->industry, "overall"))) {
		s->has_overall_comparison = true;
		s->overall_comparison = f->score;
	}
	for (i = 0; i < s->ncats; i++) {
		struct diag_category_score *cs = &s->cats[i];

		cs->source = s->source;
		f = find_ref(p, s->industry,
			     s->q->categories[cs->category].id);
		if (!f)
			continue;
		cs->has_comparison = true;
		cs->comparison = f->score;
		cs->comparison_n = f->n;
	}
}

static void
compare(const struct diag_peers *p, struct diag_score *s,
	const struct scored *own, const size_t *canon)
{
	int k = pool_index(s->industry), n;

	if ((n = peers_in(p, k, own)) >= p->peers_min && n > 0) {
		s->source = DIAG_CMP_INDUSTRY;
		s->n = n;
		compare_pool(p, s, k, own, canon);
	} else if (has_refs(p, s->industry)) {
		s->source = DIAG_CMP_REFERENCE;
		compare_ref(p, s);
	} else if (peers_in(p, POOL_ALL, own) >= p->peers_min &&
		   peers_in(p, POOL_ALL, own) > 0) {
		s->source = DIAG_CMP_ALL;
		s->n = peers_in(p, POOL_ALL, own);
		compare_pool(p, s, POOL_ALL, own, canon);
	} else {
		s->source = DIAG_CMP_NONE;
		s->n = n;
	}
}

/* ---- one company ---- */

struct arec {
	struct diag_assessment a;
	bool completed;
};

/* The company's name and industry into s; -OSK_ENOTFOUND if none. */
static int
read_company(struct store *st, int64_t id, struct diag_score *s,
	     struct osk_error *err)
{
	sqlite3_stmt *q = NULL;
	const char *name;
	int r;

	if ((r = store_prepare(st, &q, "SELECT name, industry FROM company "
			       "WHERE id = ?", err)))
		return r;
	sqlite3_bind_int64(q, 1, id);
	r = sqlite3_step(q);
	if (r == SQLITE_ROW) {
		name = (const char *)sqlite3_column_text(q, 0);
		diag_column_text(s->industry, sizeof(s->industry), q, 1);
		r = (s->company_name = strdup(name ? name : "")) ? 0
			: nomem(err);
	} else if (r == SQLITE_DONE) {
		r = osk_fail(err, OSK_ENOTFOUND, "no company %lld; 'otasuke "
			     "company list' shows them", (long long)id);
	} else {
		r = store_fail(st, err, "cannot read companies");
	}
	sqlite3_finalize(q);
	return r;
}

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
	struct scored sc;
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
	return score_items(p, out->m, out->items, &out->sc, err);
}

static void
fill_previous(struct diag_score *s, const struct arec *pa,
	      const struct scored *prev, const size_t *canon)
{
	size_t i;

	s->has_previous = true;
	s->previous = pa->a;
	s->has_previous_overall = prev->has_overall;
	s->previous_overall = prev->overall;
	for (i = 0; i < s->ncats; i++) {
		struct diag_category_score *cs = &s->cats[i];
		size_t k = canon[cs->category];

		if (k != QSET_NONE && prev->has_cat[k]) {
			cs->has_previous = true;
			cs->previous = prev->cat[k];
		}
	}
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
	if ((r = read_company(st, company_id, s, err)) ||
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
		compare(p, s, role[1] >= 0 ? &ld[1].sc : NULL,
			ld[0].m->canon);
	if (role[2] >= 0)
		fill_previous(s, &as[role[2]], &ld[2].sc, ld[0].m->canon);
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
		scored_release(&ld[i].sc);
	}
	sqlite3_finalize(q);
	free(as);
	diag_score_free(s);
	return r;
}
