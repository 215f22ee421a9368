/* SPDX-License-Identifier: MIT */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/company.h"
#include "core/qset.h"
#include "core/qstore.h"
#include "report/internal.h"

/*
 * The figures of the region (programme) report, from diag/ and alerts/:
 * the diagnosis side from diag_batch_score() of diag-office (each
 * company's latest completed assessment), summed up and freed at once;
 * the alert side as `alerts summary` computes it.
 */

#define MAX_INDUSTRIES 20	/* JSIC A-T */

static int
nomem(struct osk_error *err)
{
	return osk_fail(err, OSK_ENOMEM, "out of memory");
}

static int
count_company(const struct company *c, void *data)
{
	(void)c;
	(*(int64_t *)data)++;
	return 0;
}

/* Whether an assessment completed at `at` falls in [from, to]. */
static bool
in_period(const char *at, const char *from, const char *to)
{
	char day[11];

	snprintf(day, sizeof(day), "%.10s", at);
	return (!from || strcmp(day, from) >= 0) &&
	       (!to || strcmp(day, to) <= 0);
}

static int
industry_slot(const char industry[2])
{
	int i = industry[0] - 'A';

	return i >= 0 && i < MAX_INDUSTRIES ? i : -1;
}

/* Largest n first, then by letter. */
static int
by_size(const void *pa, const void *pb)
{
	const struct report_region_ind *a = pa, *b = pb;

	if (a->n != b->n)
		return a->n > b->n ? -1 : 1;
	return strcmp(a->id, b->id);
}

/*
 * Secondary suppression in one column of counts n[0..count) whose whole
 * (total, with its mean) is shown too: the whole minus the cells shown
 * would give away the rest while it holds fewer than min, so the
 * smallest cells shown are hidden until the rest holds none or min.
 */
static void
hide_complement(int total, const int *n, bool *shown, size_t count, int min)
{
	int rest = total;
	size_t i, small;

	for (i = 0; i < count; i++)
		if (shown[i])
			rest -= n[i];
	while (rest > 0 && rest < min) {
		for (i = 0, small = count; i < count; i++)
			if (shown[i] && (small == count || n[i] < n[small]))
				small = i;
		if (small == count)
			break;
		shown[small] = false;
		rest += n[small];
	}
}

static int
load_diag(struct report_region *g, struct store *st, struct osk_error *err)
{
	struct diag_batch *b = NULL;
	const struct qset *q = g->set;
	long double sum[MAX_INDUSTRIES + 1][RT_MAX_CATS + 1];
	int cnt[MAX_INDUSTRIES + 1][RT_MAX_CATS + 1];
	int companies[MAX_INDUSTRIES + 1];
	bool shown[MAX_INDUSTRIES], cell[MAX_INDUSTRIES][RT_MAX_CATS + 1];
	size_t i, k, nc = 0;
	int r, slot;

	memset(sum, 0, sizeof(sum));
	memset(cnt, 0, sizeof(cnt));
	memset(companies, 0, sizeof(companies));
	if (!q)
		return 0;	/* the set is not loaded: no diagnosis */
	r = diag_batch_score(st, DIAG_DEFAULT_SET, DIAG_COMPLETED |
			     DIAG_NO_PEERS, &b, err);
	if (r == -OSK_ENOTFOUND) {
		osk_error_clear(err);
		return 0;	/* the set is not loaded: no diagnosis */
	}
	if (r < 0)
		return r;
	for (i = 0; i < b->n; i++) {
		const struct diag_score *s = &b->scores[i];

		if (!s->assessment.completed ||
		    !in_period(s->assessment.completed_at, g->from, g->to))
			continue;
		g->assessed++;
		slot = industry_slot(s->industry);
		if (slot >= 0)
			companies[slot]++;
		if (s->has_overall && s->grade) {
			for (k = 0; k < g->ngrades; k++)
				if (!strcmp(g->grades[k].id, s->grade->id))
					g->grades[k].count++;
		}
		/* by id into the newest version; RT_MAX_CATS: overall */
		for (k = 0; k < s->ncats; k++) {
			const struct diag_category_score *cs = &s->cats[k];
			long ci = qset_category_index(q, s->q->categories[
							      cs->category].id);

			if (!cs->has_score || ci < 0 || ci >= RT_MAX_CATS)
				continue;
			sum[MAX_INDUSTRIES][ci] += cs->score;
			cnt[MAX_INDUSTRIES][ci]++;
			if (slot >= 0) {
				sum[slot][ci] += cs->score;
				cnt[slot][ci]++;
			}
		}
		if (s->has_overall) {
			sum[MAX_INDUSTRIES][RT_MAX_CATS] += s->overall;
			cnt[MAX_INDUSTRIES][RT_MAX_CATS]++;
			if (slot >= 0) {
				sum[slot][RT_MAX_CATS] += s->overall;
				cnt[slot][RT_MAX_CATS]++;
			}
		}
	}
	if (!g->assessed)
		goto out;
	/* categories with a scored question, in set order */
	for (k = 0; k < q->ncategories && k < RT_MAX_CATS; k++) {
		struct report_region_cat *c = &g->cats[nc];

		if (!cnt[MAX_INDUSTRIES][k])
			continue;
		c->index = k;
		c->name = osk_text_get(&q->categories[k].plain, g->lang);
		c->label = osk_text_get(&q->categories[k].title, g->lang);
		c->mean = (double)(sum[MAX_INDUSTRIES][k] /
				   cnt[MAX_INDUSTRIES][k]);
		c->n = cnt[MAX_INDUSTRIES][k];
		nc++;
	}
	g->ncats = nc;
	if (cnt[MAX_INDUSTRIES][RT_MAX_CATS]) {
		g->has_overall = true;
		g->overall = (double)(sum[MAX_INDUSTRIES][RT_MAX_CATS] /
				      cnt[MAX_INDUSTRIES][RT_MAX_CATS]);
		g->overall_n = cnt[MAX_INDUSTRIES][RT_MAX_CATS];
		snprintf(g->overall_grade, sizeof(g->overall_grade), "%s",
			 qset_grade_for(q, osk_round1(g->overall)) ?
			 qset_grade_for(q, osk_round1(g->overall))->id : "");
	}
	for (k = 0; k < nc; k++) {
		const struct qset_grade *gr =
			qset_grade_for(q, osk_round1(g->cats[k].mean));

		snprintf(g->cats[k].grade, sizeof(g->cats[k].grade), "%s",
			 gr ? gr->id : "");
	}
	/*
	 * Industries with at least peers.min companies, largest first; in
	 * each column, a mean of at least peers.min scores. The whole is
	 * shown too, so what it holds beyond the cells shown must be none
	 * or peers.min (companies without an industry count there).
	 */
	for (slot = 0; slot < MAX_INDUSTRIES; slot++)
		shown[slot] = companies[slot] >= g->peers_min &&
			      companies[slot] > 0;
	hide_complement(g->assessed, companies, shown, MAX_INDUSTRIES,
			g->peers_min);
	for (k = 0; k <= RT_MAX_CATS; k++) {
		int n[MAX_INDUSTRIES];
		bool col[MAX_INDUSTRIES];

		for (slot = 0; slot < MAX_INDUSTRIES; slot++) {
			n[slot] = cnt[slot][k];
			col[slot] = shown[slot] && n[slot] >= g->peers_min;
		}
		hide_complement(cnt[MAX_INDUSTRIES][k], n, col, MAX_INDUSTRIES,
				g->peers_min);
		for (slot = 0; slot < MAX_INDUSTRIES; slot++)
			cell[slot][k] = col[slot];
	}
	for (slot = 0; slot < MAX_INDUSTRIES; slot++) {
		struct report_region_ind *in = &g->inds[g->ninds];

		if (!shown[slot])
			continue;
		in->id[0] = (char)('A' + slot);
		in->n = companies[slot];
		in->has_overall = cell[slot][RT_MAX_CATS];
		if (in->has_overall)
			in->overall = (double)(sum[slot][RT_MAX_CATS] /
					       cnt[slot][RT_MAX_CATS]);
		for (k = 0; k < nc; k++) {
			size_t ci = g->cats[k].index;

			in->has_cat[k] = cell[slot][ci];
			if (in->has_cat[k])
				in->cat[k] = (double)(sum[slot][ci] /
						      cnt[slot][ci]);
		}
		g->ninds++;
	}
	qsort(g->inds, g->ninds, sizeof(g->inds[0]), by_size);
out:
	diag_batch_free(b);
	return r;
}

/* The newest diag-office and its grades, best first. */
static int
load_set(struct report_region *g, struct store *st, struct osk_error *err)
{
	const struct qset *q;
	int64_t rowid;
	size_t i;

	g->set = qstore_get(st, DIAG_DEFAULT_SET, 0, &rowid, err);
	if (!(q = g->set)) {
		if (err->code == OSK_ENOTFOUND) {
			osk_error_clear(err);
			return 0;
		}
		return -err->code;
	}
	for (i = 0; i < q->ngrades && i < RT_MAX_GRADES; i++) {
		g->grades[i].id = q->grades[i].id;
		g->grades[i].label = osk_text_get(&q->grades[i].label,
						  g->lang);
		g->grades[i].min = q->grades[i].min;
		g->ngrades++;
	}
	return 0;
}

static int
load_data(struct report_region *g, const struct report_region_opts *o,
	  struct osk_error *err)
{
	struct osk_errlist errs;
	char *path = NULL;

	g->cat = o->catalog;
	g->ind = o->industries;
	if (!g->ind) {
		if (asprintf(&path, "%s/industries.yaml", osk_datadir()) < 0)
			return nomem(err);
		g->own_ind = industries_load(path, err);
		free(path);
		if (!g->own_ind)
			return -err->code;
		g->ind = g->own_ind;
	}
	if (!g->cat) {
		if (asprintf(&path, "%s/alerts.yaml", osk_datadir()) < 0)
			return nomem(err);
		osk_errlist_init(&errs, 1);
		g->own_cat = alerts_catalog_load_file(path, &errs);
		free(path);
		if (!g->own_cat) {
			if (errs.n)
				*err = errs.items[0];
			else
				nomem(err);
			osk_errlist_release(&errs);
			return -err->code;
		}
		osk_errlist_release(&errs);
		g->cat = g->own_cat;
	}
	return 0;
}

static int
load_alerts(struct report_region *g, struct store *st, struct osk_error *err)
{
	struct alerts_filter f = { g->from, g->to, 0 };
	size_t i;
	int r;

	if ((r = alerts_by_event(st, g->cat, &f, &g->events, err)))
		return r;
	g->has_events = true;
	if ((r = alerts_by_company(st, &f, &g->companies_alerts, err)))
		return r;
	g->has_companies = true;
	if ((r = alerts_by_industry(st, &f, &g->industries_alerts, err)))
		return r;
	g->has_industries = true;
	if ((r = alerts_stats(st, &f, &g->stats, err)))
		return r;
	for (i = 0; i < g->companies_alerts.n; i++) {
		const struct alerts_company_row *row =
			&g->companies_alerts.rows[i];

		if (row->pcs > 0) {
			g->pcs += row->pcs;
			g->alerts_pcs += row->alerts;
		}
	}
	return 0;
}

static char *
config_value(struct store *st, const char *key)
{
	struct osk_error err;
	char *v = NULL;

	if (store_config_get(st, key, &v, &err) < 0 || !v)
		return NULL;
	if (!*v) {
		free(v);
		return NULL;
	}
	return v;
}

int
report_region_load(struct store *st, const struct report_region_opts *o,
		   struct report_region **out, struct osk_error *err)
{
	struct report_region *g = calloc(1, sizeof(*g));
	int r;

	*out = NULL;
	if (!g)
		return nomem(err);
	g->lang = o->lang == OSK_LANG_JA ? OSK_LANG_JA : OSK_LANG_EN;
	g->created = o->created;
	g->top = o->top > 0 ? o->top : 30;
	if ((o->from && !(g->from = strdup(o->from))) ||
	    (o->to && !(g->to = strdup(o->to)))) {
		r = nomem(err);
		goto fail;
	}
	g->peers_min = store_config_int(st, "peers.min",
					DIAG_PEERS_MIN_DEFAULT);
	if (g->peers_min < 1)
		g->peers_min = 1;
	g->desk = config_value(st, "desk.name");
	if ((r = company_each(st, NULL, count_company, &g->registered, err)) ||
	    (r = load_data(g, o, err)) || (r = load_set(g, st, err)) ||
	    (r = load_diag(g, st, err)) || (r = load_alerts(g, st, err)))
		goto fail;
	if (!g->assessed && !g->events.total) {
		r = osk_fail(err, OSK_ENOINPUT, "nothing to report%s: no "
			     "completed diagnosis and no sensor data; see "
			     "'otasuke diag list' and 'otasuke alerts "
			     "summary'", g->from || g->to ?
			     " for this period" : "");
		goto fail;
	}
	*out = g;
	return 0;
fail:
	report_region_free(g);
	return r;
}

void
report_region_free(struct report_region *g)
{
	if (!g)
		return;
	qset_free(g->set);
	if (g->has_events)
		alerts_by_event_release(&g->events);
	if (g->has_companies)
		alerts_by_company_release(&g->companies_alerts);
	if (g->has_industries)
		alerts_by_industry_release(&g->industries_alerts);
	alerts_catalog_free(g->own_cat);
	industries_free(g->own_ind);
	free(g->desk);
	free(g->from);
	free(g->to);
	free(g);
}
