/* SPDX-License-Identifier: MIT */
/*
 * Figures from the stored counts: the kill-chain table, companies ranked
 * by alerts, industries, the correlation between PCs and alerts, and the
 * alerts per source address with the device names from the assets.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alerts/alerts.h"
#include "alerts/internal.h"
#include "core/asset.h"

void
filter_bind(sqlite3_stmt *stmt, const struct alerts_filter *f)
{
	store_bind_text(stmt, 1, f->from);
	store_bind_text(stmt, 2, f->to);
	sqlite3_bind_int64(stmt, 3, f->company_id > 0 ? f->company_id : 0);
}

int
filter_prepare(struct store *st, sqlite3_stmt **stmt, const char *const sql[2],
	       const struct alerts_filter *f, struct osk_error *err)
{
	int r = store_prepare(st, stmt, sql[f->company_id > 0], err);

	if (!r)
		filter_bind(*stmt, f);
	return r;
}

/* ---- the kill-chain table ---- */

int
alerts_by_event(struct store *st, const struct alerts_catalog *cat,
		const struct alerts_filter *f, struct alerts_by_event *out,
		struct osk_error *err)
{
	sqlite3_stmt *stmt = NULL;
	int rc, r;

	memset(out, 0, sizeof(*out));
	out->counts = calloc(cat->nevents + 1, sizeof(*out->counts));
	out->phase_totals = calloc(cat->nphases + 1,
				   sizeof(*out->phase_totals));
	if (!out->counts || !out->phase_totals) {
		alerts_by_event_release(out);
		return alerts_nomem(err);
	}
	static const char *const by_event[2] = ALERTS_Q(
		"SELECT a.event, SUM(a.count), MIN(a.period_start), "
		"MAX(a.period_start) FROM alert_count a WHERE " FILTER_SQL
		" AND ", " GROUP BY a.event");

	if ((r = filter_prepare(st, &stmt, by_event, f, err)))
		goto fail;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		const char *ev = (const char *)sqlite3_column_text(stmt, 0);
		const char *lo = (const char *)sqlite3_column_text(stmt, 2);
		const char *hi = (const char *)sqlite3_column_text(stmt, 3);
		int64_t n = sqlite3_column_int64(stmt, 1);
		size_t i = alerts_catalog_event(cat, ev ? ev : "");

		if (i == ALERTS_NONE) {
			/* "unclassified", or an event gone from the catalog */
			out->unclassified += n;
		} else {
			out->counts[i] += n;
			out->phase_totals[cat->events[i].phase] += n;
		}
		out->total += n;
		if (lo && (!out->first[0] || strcmp(lo, out->first) < 0))
			snprintf(out->first, sizeof(out->first), "%.10s", lo);
		if (hi && strcmp(hi, out->last) > 0)
			snprintf(out->last, sizeof(out->last), "%.10s", hi);
	}
	if (rc != SQLITE_DONE) {
		r = store_fail(st, err, "cannot read alert counts");
		goto fail;
	}
	sqlite3_finalize(stmt);
	return 0;
fail:
	sqlite3_finalize(stmt);
	alerts_by_event_release(out);
	return r;
}

void
alerts_by_event_release(struct alerts_by_event *t)
{
	free(t->counts);
	free(t->phase_totals);
	memset(t, 0, sizeof(*t));
}

/* ---- companies ---- */

int
alerts_by_company(struct store *st, const struct alerts_filter *f,
		  struct alerts_by_company *out, struct osk_error *err)
{
	sqlite3_stmt *stmt = NULL;
	size_t alloc = 0;
	int rc, r;

	memset(out, 0, sizeof(*out));
	/*
	 * Companies with a sensor: those with any alert_count row, of any
	 * period; their alerts in the period may be 0.
	 */
	static const char *const by_company[2] = ALERTS_Q(
		"SELECT c.id, c.name, c.industry, c.pcs, COALESCE(SUM(CASE "
		"WHEN " FILTER_SQL " THEN a.count END), 0) AS n FROM company c "
		"JOIN alert_count a ON a.company_id = c.id WHERE ",
		" GROUP BY c.id ORDER BY n DESC, c.id");

	if ((r = filter_prepare(st, &stmt, by_company, f, err)))
		return r;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct alerts_company_row *row;
		const char *name = (const char *)sqlite3_column_text(stmt, 1);
		const char *ind = (const char *)sqlite3_column_text(stmt, 2);

		if (out->n == alloc) {
			size_t na = alloc ? 2 * alloc : 16;
			void *p = realloc(out->rows, na * sizeof(*out->rows));

			if (!p) {
				r = alerts_nomem(err);
				goto fail;
			}
			out->rows = p;
			alloc = na;
		}
		row = &out->rows[out->n];
		memset(row, 0, sizeof(*row));
		row->id = sqlite3_column_int64(stmt, 0);
		if (!(row->name = strdup(name ? name : ""))) {
			r = alerts_nomem(err);
			goto fail;
		}
		out->n++;
		snprintf(row->industry, sizeof(row->industry), "%s",
			 ind ? ind : "");
		row->pcs = sqlite3_column_type(stmt, 3) == SQLITE_NULL ? -1 :
			   sqlite3_column_int64(stmt, 3);
		row->alerts = sqlite3_column_int64(stmt, 4);
		row->per_pc = row->pcs > 0 ? (double)row->alerts /
			      (double)row->pcs : NAN;
	}
	if (rc != SQLITE_DONE) {
		r = store_fail(st, err, "cannot read alert counts");
		goto fail;
	}
	sqlite3_finalize(stmt);
	return 0;
fail:
	sqlite3_finalize(stmt);
	alerts_by_company_release(out);
	return r;
}

void
alerts_by_company_release(struct alerts_by_company *t)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		free(t->rows[i].name);
	free(t->rows);
	memset(t, 0, sizeof(*t));
}

/* ---- industries ---- */

int
alerts_by_industry(struct store *st, const struct alerts_filter *f,
		   struct alerts_by_industry *out, struct osk_error *err)
{
	struct alerts_filter all = *f;
	struct alerts_by_company bc;
	struct alerts_industry_row tab[26];
	int64_t known_alerts[26], known[26];
	size_t i;
	int r;

	memset(out, 0, sizeof(*out));
	memset(tab, 0, sizeof(tab));
	memset(known_alerts, 0, sizeof(known_alerts));
	memset(known, 0, sizeof(known));
	all.company_id = 0;
	if ((r = alerts_by_company(st, &all, &bc, err)))
		return r;
	for (i = 0; i < bc.n; i++) {
		const struct alerts_company_row *c = &bc.rows[i];
		int k = c->industry[0] - 'A';

		if (k < 0 || k >= 26)
			continue;
		tab[k].companies++;
		tab[k].alerts += c->alerts;
		if (c->pcs >= 0) {
			tab[k].pcs += c->pcs;
			known_alerts[k] += c->alerts;
			known[k]++;
		}
	}
	alerts_by_company_release(&bc);
	if (!(out->rows = calloc(26, sizeof(*out->rows))))
		return alerts_nomem(err);
	for (i = 0; i < 26; i++) {
		if (!tab[i].companies)
			continue;
		tab[i].id[0] = (char)('A' + i);
		if (!known[i])
			tab[i].pcs = -1;
		tab[i].per_pc = tab[i].pcs > 0 ? (double)known_alerts[i] /
				(double)tab[i].pcs : NAN;
		out->rows[out->n++] = tab[i];
	}
	return 0;
}

void
alerts_by_industry_release(struct alerts_by_industry *t)
{
	free(t->rows);
	memset(t, 0, sizeof(*t));
}

/* ---- correlation ---- */

double
alerts_pearson(const double *x, const double *y, size_t n)
{
	double mx = 0, my = 0, sxy = 0, sxx = 0, syy = 0;
	size_t i;

	if (n < 3)
		return NAN;
	for (i = 0; i < n; i++) {
		mx += x[i];
		my += y[i];
	}
	mx /= (double)n;
	my /= (double)n;
	for (i = 0; i < n; i++) {
		double dx = x[i] - mx, dy = y[i] - my;

		sxy += dx * dy;
		sxx += dx * dx;
		syy += dy * dy;
	}
	if (sxx <= 0 || syy <= 0)
		return NAN;
	return sxy / sqrt(sxx * syy);
}

struct ranked {
	double v;
	size_t i;
};

static int
ranked_cmp(const void *pa, const void *pb)
{
	const struct ranked *a = pa, *b = pb;

	if (a->v != b->v)
		return a->v < b->v ? -1 : 1;
	return a->i < b->i ? -1 : a->i > b->i;
}

/* Ranks 1..n of v, ties sharing the mean of their ranks. */
static int
rank(const double *v, size_t n, double *out)
{
	struct ranked *r = malloc((n ? n : 1) * sizeof(*r));
	size_t i, j, k;

	if (!r)
		return -OSK_ENOMEM;
	for (i = 0; i < n; i++) {
		r[i].v = v[i];
		r[i].i = i;
	}
	qsort(r, n, sizeof(*r), ranked_cmp);
	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && r[j].v == r[i].v; j++)
			;
		for (k = i; k < j; k++)
			out[r[k].i] = (double)(i + j + 1) / 2;
	}
	free(r);
	return 0;
}

double
alerts_spearman(const double *x, const double *y, size_t n)
{
	double *rx = malloc((n ? n : 1) * sizeof(*rx));
	double *ry = malloc((n ? n : 1) * sizeof(*ry));
	double rho = NAN;

	if (rx && ry && !rank(x, n, rx) && !rank(y, n, ry))
		rho = alerts_pearson(rx, ry, n);
	free(rx);
	free(ry);
	return rho;
}

int
alerts_stats(struct store *st, const struct alerts_filter *f,
	     struct alerts_stats *out, struct osk_error *err)
{
	struct alerts_filter all = *f;
	struct alerts_by_company bc;
	double *x, *y;
	size_t i;
	int r;

	memset(out, 0, sizeof(*out));
	out->pearson = out->spearman = NAN;
	all.company_id = 0;
	if ((r = alerts_by_company(st, &all, &bc, err)))
		return r;
	x = malloc((bc.n ? bc.n : 1) * sizeof(*x));
	y = malloc((bc.n ? bc.n : 1) * sizeof(*y));
	if (!x || !y) {
		r = alerts_nomem(err);
		goto out;
	}
	for (i = 0; i < bc.n; i++)
		if (bc.rows[i].pcs >= 0) {
			x[out->n] = (double)bc.rows[i].pcs;
			y[out->n++] = (double)bc.rows[i].alerts;
		}
	out->pearson = alerts_pearson(x, y, out->n);
	out->spearman = alerts_spearman(x, y, out->n);
out:
	free(x);
	free(y);
	alerts_by_company_release(&bc);
	return r;
}

/* ---- devices ---- */

int
alerts_devices(struct store *st, const struct alerts_catalog *cat,
	       const struct alerts_filter *f, struct alerts_devices *out,
	       struct osk_error *err)
{
	sqlite3_stmt *stmt = NULL;
	size_t alloc = 0;
	int rc, r;

	memset(out, 0, sizeof(*out));
	if (f->company_id <= 0)
		return osk_fail(err, OSK_EUSAGE, "devices are shown for one "
				"company at a time");
	if ((r = store_prepare(st, &stmt, "SELECT a.src_ip, a.event, "
			       "SUM(a.count) AS n FROM alert_count a WHERE "
			       FILTER_SQL " AND " COMPANY_ONE_SQL " GROUP BY "
			       "a.src_ip, a.event HAVING n > 0 ORDER BY n "
			       "DESC, a.src_ip, a.event", err)))
		return r;
	filter_bind(stmt, f);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		const char *ip = (const char *)sqlite3_column_text(stmt, 0);
		const char *ev = (const char *)sqlite3_column_text(stmt, 1);
		struct alerts_device *d;

		if (out->n == alloc) {
			size_t na = alloc ? 2 * alloc : 16;
			void *p = realloc(out->rows, na * sizeof(*out->rows));

			if (!p) {
				r = alerts_nomem(err);
				goto fail;
			}
			out->rows = p;
			alloc = na;
		}
		d = &out->rows[out->n++];
		memset(d, 0, sizeof(*d));
		snprintf(d->ip, sizeof(d->ip), "%s", ip ? ip : "");
		d->event = alerts_catalog_event(cat, ev ? ev : "");
		d->count = sqlite3_column_int64(stmt, 2);
	}
	if (rc != SQLITE_DONE) {
		r = store_fail(st, err, "cannot read alert counts");
		goto fail;
	}
	sqlite3_finalize(stmt);
	stmt = NULL;
	if ((r = devices_name(st, f->company_id, out->rows, out->n, err)))
		goto fail;
	return 0;
fail:
	sqlite3_finalize(stmt);
	alerts_devices_release(out);
	return r;
}

int
devices_name(struct store *st, int64_t company_id, struct alerts_device *d,
	     size_t n, struct osk_error *err)
{
	size_t i;
	int r;

	for (i = 0; i < n; i++) {
		if (!d[i].ip[0])
			continue;
		r = asset_lookup(st, company_id, d[i].ip, &d[i].hostname,
				 &d[i].owner, err);
		if (r < 0)
			return r;
	}
	return 0;
}

void
alerts_devices_release(struct alerts_devices *d)
{
	size_t i;

	for (i = 0; i < d->n; i++) {
		free(d->rows[i].hostname);
		free(d->rows[i].owner);
	}
	free(d->rows);
	memset(d, 0, sizeof(*d));
}
