/* SPDX-License-Identifier: MIT */
/*
 * The comparison with peers, shared by diag_score_get()/diag_batch_score()
 * (peers.c) and diag_score_with_peers() (peers_cache.c): category maps
 * between set versions, the scores of one assessment, the peer pools
 * (sums per industry and category in long double, summed in company id
 * order), the reference averages and how a score takes them in.
 */
#include <stdlib.h>
#include <string.h>

#include "diag/internal.h"

static int
nomem(struct osk_error *err)
{
	return osk_fail(err, OSK_ENOMEM, "out of memory");
}

size_t *
diag_canon_map(const struct qset *canon, const struct qset *q)
{
	size_t *map = calloc(q->ncategories + 1, sizeof(*map));
	size_t i;

	if (!map)
		return NULL;
	for (i = 0; i < q->ncategories; i++) {
		long c = canon ? qset_category_index(canon,
						     q->categories[i].id)
			       : (long)i;

		map[i] = c < 0 ? QSET_NONE : (size_t)c;
	}
	return map;
}

int
diag_scored_fill(const struct qset *q, const size_t *canon, size_t nc,
		 const struct diag_answer *items, struct diag_scored *out,
		 struct osk_error *err)
{
	struct diag_sum *sums, total = { 0, 0, 0, 0 };
	bool *asked;
	size_t c;
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
		size_t k = canon[c];

		if (k != QSET_NONE)
			out->has_cat[k] = diag_sum_score(&sums[c],
							 &out->cat[k]);
	}
out:
	free(sums);
	free(asked);
	return r;
}

void
diag_scored_release(struct diag_scored *x)
{
	free(x->has_cat);
	free(x->cat);
	memset(x, 0, sizeof(*x));
}

int
diag_company_read(struct store *st, int64_t id, char industry[2],
		  char **name, struct osk_error *err)
{
	sqlite3_stmt *s = NULL;
	const char *nm;
	int r;

	if ((r = store_prepare(st, &s, "SELECT name, industry FROM company "
			       "WHERE id = ?", err)))
		return r;
	sqlite3_bind_int64(s, 1, id);
	r = sqlite3_step(s);
	if (r == SQLITE_ROW) {
		nm = (const char *)sqlite3_column_text(s, 0);
		diag_column_text(industry, 2, s, 1);
		r = 0;
		if (name && !(*name = strdup(nm ? nm : "")))
			r = nomem(err);
	} else if (r == SQLITE_DONE) {
		r = osk_fail(err, OSK_ENOTFOUND, "no company %lld; 'otasuke "
			     "company list' shows them", (long long)id);
	} else {
		r = store_fail(st, err, "cannot read companies");
	}
	sqlite3_finalize(s);
	return r;
}

/* ---- the pools and references ---- */

int
diag_cmp_init(struct diag_cmp *c, struct store *st, size_t ncats,
	      struct osk_error *err)
{
	int k;

	c->ncats = ncats;
	c->peers_min = store_config_int(st, "peers.min",
					DIAG_PEERS_MIN_DEFAULT);
	if (c->peers_min < 1)
		c->peers_min = 1;
	for (k = 0; k < DIAG_NPOOLS; k++) {
		c->pools[k].sum = calloc(ncats + 1, sizeof(long double));
		c->pools[k].cnt = calloc(ncats + 1, sizeof(int));
		if (!c->pools[k].sum || !c->pools[k].cnt)
			return nomem(err);
	}
	return 0;
}

void
diag_cmp_release(struct diag_cmp *c)
{
	size_t i;
	int k;

	for (k = 0; k < DIAG_NPOOLS; k++) {
		free(c->pools[k].sum);
		free(c->pools[k].cnt);
	}
	for (i = 0; i < c->nrefs; i++) {
		free(c->refs[i].category);
		free(c->refs[i].source);
	}
	free(c->refs);
	memset(c, 0, sizeof(*c));
}

int
diag_cmp_read_refs(struct diag_cmp *c, struct store *st, const char *set_id,
		   struct osk_error *err)
{
	sqlite3_stmt *s = NULL;
	int r;

	if ((r = store_prepare(st, &s, "SELECT industry, category, score, "
			       "n, source FROM reference_avg WHERE set_id = ? "
			       "ORDER BY industry, category", err)))
		return r;
	store_bind_text(s, 1, set_id);
	while ((r = sqlite3_step(s)) == SQLITE_ROW) {
		const char *cat = (const char *)sqlite3_column_text(s, 1);
		const char *src = (const char *)sqlite3_column_text(s, 4);
		struct diag_ref *f;

		f = realloc(c->refs, (c->nrefs + 1) * sizeof(*f));
		if (!f)
			goto nomem;
		c->refs = f;
		f = &c->refs[c->nrefs];
		memset(f, 0, sizeof(*f));
		diag_column_text(f->industry, sizeof(f->industry), s, 0);
		f->score = sqlite3_column_double(s, 2);
		f->n = sqlite3_column_int(s, 3);
		f->category = strdup(cat ? cat : "");
		f->source = strdup(src ? src : "");
		c->nrefs++;
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

	return i >= 0 && i < DIAG_POOL_ALL ? i : -1;
}

static void
pool_add(struct diag_pool *p, const struct diag_scored *a, size_t nc)
{
	size_t k;

	p->companies++;
	if (a->has_overall) {
		p->osum += a->overall;
		p->ocnt++;
	}
	for (k = 0; k < nc; k++)
		if (a->has_cat[k]) {
			p->sum[k] += a->cat[k];
			p->cnt[k]++;
		}
}

void
diag_cmp_add(struct diag_cmp *c, const char industry[2],
	     const struct diag_scored *a)
{
	int p = pool_index(industry);

	if (p >= 0)
		pool_add(&c->pools[p], a, c->ncats);
	pool_add(&c->pools[DIAG_POOL_ALL], a, c->ncats);
}

bool
diag_cmp_has_refs(const struct diag_cmp *c, const char industry[2])
{
	size_t i;

	for (i = 0; i < c->nrefs; i++)
		if (c->refs[i].industry[0] == industry[0])
			return true;
	return false;
}

static const struct diag_ref *
find_ref(const struct diag_cmp *c, const char industry[2], const char *cat)
{
	size_t i;

	for (i = 0; i < c->nrefs; i++)
		if (c->refs[i].industry[0] == industry[0] &&
		    !strcmp(c->refs[i].category, cat))
			return &c->refs[i];
	return NULL;
}

static int
peers_in(const struct diag_cmp *c, int p, const struct diag_scored *own)
{
	return p < 0 ? 0 : c->pools[p].companies - (own ? 1 : 0);
}

int
diag_cmp_peers(const struct diag_cmp *c, const char industry[2],
	       const struct diag_scored *own)
{
	return peers_in(c, pool_index(industry), own);
}

/* The mean of a pool without own; false when fewer than min are left. */
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
compare_pool(const struct diag_cmp *c, struct diag_score *s, int p,
	     const struct diag_scored *own, const size_t *canon)
{
	const struct diag_pool *pl = &c->pools[p];
	int min = c->peers_min, n;
	size_t i;

	s->has_overall_comparison = pool_mean(pl->osum, pl->ocnt,
					      own && own->has_overall,
					      own ? own->overall : 0, min,
					      &s->overall_comparison, &n);
	for (i = 0; i < s->ncats; i++) {
		struct diag_category_score *cs = &s->cats[i];
		size_t k = canon[cs->category];

		cs->source = s->source;
		if (k == QSET_NONE)
			continue;
		cs->has_comparison = pool_mean(pl->sum[k], pl->cnt[k],
					       own && own->has_cat[k],
					       own ? own->cat[k] : 0, min,
					       &cs->comparison,
					       &cs->comparison_n);
	}
}

static void
compare_ref(const struct diag_cmp *c, struct diag_score *s)
{
	const struct diag_ref *f;
	size_t i;

	s->n = 0;
	for (i = 0; i < c->nrefs; i++)
		if (c->refs[i].industry[0] == s->industry[0]) {
			if (c->refs[i].n > s->n)
				s->n = c->refs[i].n;
			if (!s->reference)
				s->reference = c->refs[i].source;
		}
	if ((f = find_ref(c, s->industry, "overall"))) {
		s->has_overall_comparison = true;
		s->overall_comparison = f->score;
	}
	for (i = 0; i < s->ncats; i++) {
		struct diag_category_score *cs = &s->cats[i];

		cs->source = s->source;
		f = find_ref(c, s->industry, s->q->categories[cs->category].id);
		if (!f)
			continue;
		cs->has_comparison = true;
		cs->comparison = f->score;
		cs->comparison_n = f->n;
	}
}

void
diag_cmp_apply(const struct diag_cmp *c, struct diag_score *s,
	       const struct diag_scored *own, const size_t *canon,
	       bool all_ok)
{
	int p = pool_index(s->industry), n;

	if ((n = peers_in(c, p, own)) >= c->peers_min && n > 0) {
		s->source = DIAG_CMP_INDUSTRY;
		s->n = n;
		compare_pool(c, s, p, own, canon);
	} else if (diag_cmp_has_refs(c, s->industry)) {
		s->source = DIAG_CMP_REFERENCE;
		compare_ref(c, s);
	} else if (all_ok && peers_in(c, DIAG_POOL_ALL, own) >= c->peers_min &&
		   peers_in(c, DIAG_POOL_ALL, own) > 0) {
		s->source = DIAG_CMP_ALL;
		s->n = peers_in(c, DIAG_POOL_ALL, own);
		compare_pool(c, s, DIAG_POOL_ALL, own, canon);
	} else {
		/* none: n tells how many of the same industry there are */
		s->source = DIAG_CMP_NONE;
		s->n = n;
	}
}

void
diag_cmp_previous(struct diag_score *s, const struct diag_scored *prev,
		  const size_t *canon)
{
	size_t i;

	s->has_previous = true;
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
