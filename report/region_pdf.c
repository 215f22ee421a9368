/* SPDX-License-Identifier: MIT */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/internal.h"

/*
 * The region (programme) report as an A4 PDF, for the programme's office
 * and officials: plain words through the glossary, the sheet's colours
 * and chart code. Pages: key figures and grades; areas; alerts by stage
 * of an attack; by industry and the correlation figure; the companies
 * with the most alerts.
 */

#define NPAGES 5
#define TOP_Y (40.0 + 3 + 16)		/* first y below a slim header */
#define TILE_H 60.0
#define COUNT_W 70.0			/* a count column */

struct rg {
	const struct report_region *g;
	char *made;
	struct sbuf period;		/* "2026年8月1日〜…" or "全期間" */
};

/* "2026-08-01" as the sheet prints a day, appended to out. */
static void
add_day(struct rctx *c, struct sbuf *out, const char *ymd)
{
	char y[16], m[16], d[16], mm[16], dd[16];
	int yy, mo, da;

	if (!ymd || sscanf(ymd, "%d-%d-%d", &yy, &mo, &da) != 3) {
		if (sbuf_adds(out, "…") < 0)
			c->status = -OSK_ENOMEM;
		return;
	}
	snprintf(y, sizeof(y), "%d", yy);
	snprintf(m, sizeof(m), "%d", mo);
	snprintf(d, sizeof(d), "%d", da);
	snprintf(mm, sizeof(mm), "%02d", mo);
	snprintf(dd, sizeof(dd), "%02d", da);
	if (sbuf_adds(out, TF(c, RT_DAY, "y", y, "m", m, "d", d, "mm", mm,
			      "dd", dd, NULL)) < 0)
		c->status = -OSK_ENOMEM;
}

static void
period_text(struct rctx *c, struct rg *rg)
{
	const struct report_region *g = rg->g;
	struct sbuf a = SBUF_INIT, b = SBUF_INIT;

	sbuf_reset(&rg->period);
	if (!g->from && !g->to) {
		if (sbuf_adds(&rg->period, T(c, RT_PG_ALL_PERIODS)) < 0)
			c->status = -OSK_ENOMEM;
		return;
	}
	add_day(c, &a, g->from);
	add_day(c, &b, g->to);
	if (sbuf_adds(&rg->period, TF(c, RT_NET_PERIOD, "from", a.buf, "to",
				      b.buf, NULL)) < 0)
		c->status = -OSK_ENOMEM;
	sbuf_release(&a);
	sbuf_release(&b);
}

static void
header(struct rctx *c, const struct rg *rg, bool title_page)
{
	struct sbuf per = SBUF_INIT;
	struct doc_head h = { 0 };

	if (sbuf_adds(&per, TF(c, RT_RG_PERIOD, "period", rg->period.buf,
			       NULL)) < 0)
		c->status = -OSK_ENOMEM;
	h.title = T(c, RT_RG_TITLE);
	h.subtitle = T(c, RT_RG_SUBTITLE);
	h.name = rg->g->desk ? rg->g->desk : "";
	h.meta1 = title_page ? rg->made : per.buf;
	h.meta2 = per.buf;
	doc_header(c, &h, title_page);
	sbuf_release(&per);
}

static int
grade_index(const struct report_region *g, const char *id)
{
	size_t i;

	for (i = 0; id && i < g->ngrades; i++)
		if (!strcmp(g->grades[i].id, id))
			return (int)i;
	return -1;
}

static double
note_line(struct rctx *c, const char *text, double y)
{
	struct tstyle st = { .size = 7.5, .min = 6.5, .color = C_MUTED,
			     .spacing = 0.8, .lines = 3 };

	return text_draw(c, text, DOC_ML, y, DOC_CW, 34, &st) + 6;
}

static double
empty_line(struct rctx *c, const char *text, double y)
{
	struct tstyle st = { .size = 9, .color = C_MUTED, .lines = 2 };

	return text_draw(c, text, DOC_ML, y, DOC_CW, 30, &st) + 10;
}

/* ---- page 1: key figures, grades, how to read ---- */

static void
tiles(struct rctx *c, const struct report_region *g, double y)
{
	double tw = (DOC_CW - 2 * 10) / 3;
	struct sbuf v = SBUF_INIT, note = SBUF_INIT;
	const struct report_region_grade *gr = NULL;
	char nb[32];
	int gi = grade_index(g, g->overall_grade);
	size_t i;

	struct {
		enum rt_key cap, unit;
		double value;
		int decimals;
		uint32_t color;
	} t[6] = {
		{ RT_RG_COMPANIES, RT_RG_N_COMPANIES, (double)g->registered,
		  0, C_NAVY },
		{ RT_RG_ASSESSED, RT_RG_N_COMPANIES, (double)g->assessed, 0,
		  C_NAVY },
		{ RT_RG_AVG, RT_NKEYS, g->has_overall ? g->overall : NAN, 1,
		  grade_color(gi) },
		{ RT_RG_SENSORS, RT_RG_N_COMPANIES,
		  (double)g->companies_alerts.n, 0, C_ACCENT },
		{ RT_RG_ALERTS, RT_RG_N_ALERTS, (double)g->events.total, 0,
		  C_CMP },
		{ RT_RG_PER_PC, RT_RG_N_ALERTS, g->pcs > 0 ?
		  (double)g->alerts_pcs / (double)g->pcs : NAN, 1, C_CMP },
	};

	if (gi >= 0)
		gr = &g->grades[gi];
	for (i = 0; i < 6; i++) {
		double x = DOC_ML + (double)(i % 3) * (tw + 10);
		double ty = y + (double)(i / 3) * (TILE_H + 10);
		const char *num = t[i].decimals ?
			doc_num(nb, t[i].value, 1) :
			doc_count(nb, (long long)t[i].value);

		sbuf_reset(&v);
		sbuf_reset(&note);
		if (isnan(t[i].value))
			num = "—";
		if (sbuf_adds(&v, t[i].unit == RT_NKEYS || isnan(t[i].value) ?
			      num : TF(c, t[i].unit, "n", num, NULL)) < 0)
			c->status = -OSK_ENOMEM;
		if (t[i].cap == RT_RG_AVG && gr &&
		    sbuf_addf(&note, "%s %s  %s", T(c, RT_COL_GRADE), gr->id,
			      gr->label) < 0)
			c->status = -OSK_ENOMEM;
		doc_tile(c, x, ty, tw, TILE_H, T(c, t[i].cap), v.buf,
			 note.len ? note.buf : NULL, t[i].color);
	}
	sbuf_release(&v);
	sbuf_release(&note);
}

static double
grades_chart(struct rctx *c, const struct report_region *g, double y)
{
	const char *labels[RT_MAX_GRADES], *values[RT_MAX_GRADES];
	double v[RT_MAX_GRADES];
	uint32_t colors[RT_MAX_GRADES];
	struct chart_series s = { v, "", C_ACCENT, 0, 0, 0, false };
	struct chart_bars ch = { 0 };
	struct sbuf lab = SBUF_INIT, val = SBUF_INIT;
	char nb[32], pb[32], n2[32], cnt[64];
	const char *p, *q;
	double y0 = y, h;
	size_t i;

	y += section_heading(c, T(c, RT_RG_SEC_GRADES), DOC_ML, y, DOC_CW);
	snprintf(n2, sizeof(n2), "%zu", g->assessed);
	y += note_line(c, TF(c, RT_RG_GRADES_NOTE, "n", n2, NULL), y);
	if (!g->assessed || !g->ngrades)
		return y - y0 + empty_line(c, T(c, RT_RG_NO_DIAG), y);
	for (i = 0; i < g->ngrades; i++) {
		const struct report_region_grade *gr = &g->grades[i];
		double pct = 100.0 * gr->count / (double)g->assessed;

		v[i] = gr->count;
		colors[i] = grade_color((int)i);
		snprintf(cnt, sizeof(cnt), "%s", TF(c, RT_RG_N_COMPANIES, "n",
						    doc_count(nb, gr->count),
						    NULL));
		if (sbuf_addf(&lab, "%s  %s%c", gr->id, gr->label, 0) < 0 ||
		    sbuf_addf(&val, c->lang == OSK_LANG_JA ? "%s（%s%%）%c" :
			      "%s (%s%%)%c", cnt, doc_num(pb, pct, 1), 0) < 0)
			c->status = -OSK_ENOMEM;
	}
	if (c->status)
		return y - y0;
	for (p = lab.buf, q = val.buf, i = 0; i < g->ngrades; i++) {
		labels[i] = p;
		values[i] = q;
		p += strlen(p) + 1;
		q += strlen(q) + 1;
	}
	ch.labels = labels;
	ch.n = g->ngrades;
	ch.series = &s;
	ch.nseries = 1;
	ch.max = (double)g->assessed;
	ch.label_w = 110;
	ch.size = 8.5;
	ch.values = values;
	ch.value_w = 90;
	ch.colors = colors;
	ch.track = true;
	ch.label_left = true;
	ch.label_raw = true;
	h = 20 * (double)g->ngrades;
	chart_bars_draw(c, &ch, DOC_ML, y, DOC_CW, h);
	sbuf_release(&lab);
	sbuf_release(&val);
	return y + h + 8 - y0;
}


/* ---- page 1: key figures, grades, areas; page 2: by industry ---- */

static double
areas_chart(struct rctx *c, const struct report_region *g, double y)
{
	const char *labels[RT_MAX_CATS];
	double v[RT_MAX_CATS];
	uint32_t colors[RT_MAX_CATS];
	struct chart_series s = { v, "", C_ACCENT, 0, 0, 0, false };
	struct chart_bars ch = { 0 };
	double h;
	size_t i;

	for (i = 0; i < g->ncats; i++) {
		labels[i] = g->cats[i].name;
		v[i] = g->cats[i].mean;
		colors[i] = grade_color(grade_index(g, g->cats[i].grade));
	}
	ch.labels = labels;
	ch.n = g->ncats;
	ch.series = &s;
	ch.nseries = 1;
	ch.max = 100;
	ch.decimals = 1;
	ch.label_w = 215;
	ch.label_left = true;
	ch.size = 8;
	ch.colors = colors;
	ch.track = true;
	ch.grid = 20;
	ch.value_w = 34;
	h = 22 * (double)g->ncats + 8;
	chart_bars_draw(c, &ch, DOC_ML, y, DOC_CW, h);
	return h + 10;
}

#define IND_PER_TABLE 5

/* The areas of the industries [first, first + IND_PER_TABLE). */
static double
areas_table(struct rctx *c, const struct report_region *g, size_t first,
	    double y)
{
	struct doc_col cols[IND_PER_TABLE + 2];
	const char *cells[IND_PER_TABLE + 2];
	uint32_t fills[IND_PER_TABLE + 2];
	struct sbuf heads = SBUF_INIT;
	char vals[IND_PER_TABLE + 1][32], nb[32];
	size_t i, k, nind = g->ninds - first, nc;
	double y0 = y, lw = 168, cw;
	const char *p;

	if (nind > IND_PER_TABLE)
		nind = IND_PER_TABLE;
	cw = (DOC_CW - lw) / (double)(IND_PER_TABLE + 1);
	snprintf(nb, sizeof(nb), "%d", g->overall_n);
	if (sbuf_addf(&heads, "%s\nn=%s%c", T(c, RT_RG_ALL_IND), nb, 0) < 0)
		c->status = -OSK_ENOMEM;
	for (k = 0; k < nind; k++)
		if (sbuf_addf(&heads, "%s\nn=%d%c",
			      industries_name(g->ind, g->inds[first + k].id,
					      c->lang),
			      g->inds[first + k].n, 0) < 0)
			c->status = -OSK_ENOMEM;
	if (c->status)
		return 0;
	nc = 0;
	cols[nc++] = (struct doc_col){ T(c, RT_COL_AREA), lw,
				       PANGO_ALIGN_LEFT, false };
	for (p = heads.buf, k = 0; k <= nind; k++) {
		cols[nc++] = (struct doc_col){ p, cw, PANGO_ALIGN_CENTER,
					       true };
		p += strlen(p) + 1;
	}
	y += doc_table_head(c, cols, nc, DOC_ML, y, 7);
	for (i = 0; i <= g->ncats; i++) {
		bool total = i == g->ncats;
		double all = total ? g->overall : g->cats[i].mean;
		struct doc_row row = { .min_h = 17, .stripe = i % 2 == 1,
				       .bold = total, .fills = fills };

		cells[0] = total ? T(c, RT_RG_OVERALL) : g->cats[i].name;
		fills[0] = 0;
		cells[1] = doc_num(vals[0], total && !g->has_overall ? NAN :
				   all, 1);
		fills[1] = 0;
		for (k = 0; k < nind; k++) {
			const struct report_region_ind *in =
				&g->inds[first + k];
			bool has = total ? in->has_overall : in->has_cat[i];
			double v = total ? in->overall : in->cat[i];

			cells[2 + k] = doc_num(vals[1 + k], has ? v : NAN, 1);
			fills[2 + k] = has && osk_round1(v) <=
				osk_round1(all) - 5 ? 0xfbe3d0 : 0;
		}
		y += doc_table_row(c, cols, nc, cells, DOC_ML, y, 7.5, &row);
	}
	sbuf_release(&heads);
	return y - y0;
}

static void
page_summary(struct rctx *c, const struct rg *rg, size_t npages)
{
	const struct report_region *g = rg->g;
	const char *guide[3];
	double y;

	header(c, rg, true);
	y = 62 + 3 + 18;
	y += section_heading(c, T(c, RT_RG_KEY), DOC_ML, y, DOC_CW);
	tiles(c, g, y);
	y += 2 * TILE_H + 10 + 18;
	y += grades_chart(c, g, y) + 12;
	y += section_heading(c, T(c, RT_RG_SEC_CATS), DOC_ML, y, DOC_CW);
	if (!g->assessed || !g->ncats)
		y += empty_line(c, T(c, RT_RG_NO_DIAG), y);
	else
		y += areas_chart(c, g, y + 4) + 4;
	/* how to read it, at the foot of the page */
	guide[0] = T(c, RT_GUIDE_1);
	guide[1] = T(c, RT_RG_GUIDE_2);
	guide[2] = T(c, RT_RG_GUIDE_3);
	y = fmax(y + 6, DOC_BOTTOM - doc_note_box(c, T(c, RT_PG_GUIDE), guide,
						  3, DOC_ML, 0, DOC_CW,
						  false) - 4);
	doc_note_box(c, T(c, RT_PG_GUIDE), guide, 3, DOC_ML, y, DOC_CW, true);
	doc_footer(c, T(c, RT_RG_FOOTER), 0, npages);
}

static void
page_areas(struct rctx *c, const struct rg *rg, size_t npages)
{
	const struct report_region *g = rg->g;
	double y = TOP_Y;
	size_t first = 0;
	char nb[32];

	header(c, rg, false);
	y += section_heading(c, T(c, RT_RG_SEC_CATS_IND), DOC_ML, y, DOC_CW);
	snprintf(nb, sizeof(nb), "%d", g->peers_min);
	y += note_line(c, TF(c, RT_RG_CATS_NOTE, "min", nb, NULL), y);
	if (!g->assessed || !g->ncats) {
		y += empty_line(c, T(c, RT_RG_NO_DIAG), y);
	} else {
		do {
			y += areas_table(c, g, first, y) + 14;
			first += IND_PER_TABLE;
		} while (first < g->ninds && y + 20 * (double)g->ncats +
			 60 < DOC_BOTTOM - 90);
	}
	doc_footer(c, T(c, RT_RG_FOOTER), 1, npages);
}

/* ---- page 3: alerts by stage of an attack ---- */

/* Later stages in warmer colours: blue for scouting, red at the end. */
static uint32_t
phase_color(size_t i, size_t n)
{
	static const uint32_t ramp[] = {
		0x3d7bd9, 0x7b6fd0, 0xd98200, 0xe0662a, 0xcf3a2c,
	};
	size_t k = n > 1 ? i * 4 / (n - 1) : 0;

	return ramp[k < 5 ? k : 4];
}

/* "1,234件（12.3%）" of part in total, into buf. */
static const char *
count_share(struct rctx *c, char buf[96], int64_t part, int64_t total)
{
	char nb[32], pb[32], cnt[64];

	snprintf(cnt, sizeof(cnt), "%s", TF(c, RT_RG_N_ALERTS, "n",
					    doc_count(nb, part), NULL));
	snprintf(buf, 96, c->lang == OSK_LANG_JA ? "%s（%s%%）" : "%s (%s%%)",
		 cnt, doc_num(pb, total > 0 ? 100.0 * (double)part /
			      (double)total : 0, 1));
	return buf;
}

static double
phases_chart(struct rctx *c, const struct report_region *g, double y)
{
	const struct alerts_catalog *cat = g->cat;
	const struct alerts_by_event *ev = &g->events;
	size_t n = cat->nphases + (ev->unclassified > 0), i;
	const char **labels = calloc(n + 1, sizeof(*labels));
	const char **values = calloc(n + 1, sizeof(*values));
	char (*vb)[96] = calloc(n + 1, sizeof(*vb));
	double *v = calloc(n + 1, sizeof(*v)), h = 22 * (double)n;
	uint32_t *colors = calloc(n + 1, sizeof(*colors));
	struct chart_series s = { v, "", C_ACCENT, 0, 0, 0, false };
	struct chart_bars ch = { 0 };

	if (!labels || !values || !vb || !v || !colors) {
		c->status = -OSK_ENOMEM;
		h = 0;
		goto out;
	}
	for (i = 0; i < cat->nphases; i++) {
		labels[i] = osk_text_get(&cat->phases[i].plain, c->lang);
		v[i] = (double)ev->phase_totals[i];
		values[i] = count_share(c, vb[i], ev->phase_totals[i],
					ev->total);
		colors[i] = phase_color(i, cat->nphases);
	}
	if (ev->unclassified > 0) {
		labels[i] = T(c, RT_NET_OTHER);
		v[i] = (double)ev->unclassified;
		values[i] = count_share(c, vb[i], ev->unclassified, ev->total);
		colors[i] = C_PREV;
	}
	ch.labels = labels;
	ch.n = n;
	ch.series = &s;
	ch.nseries = 1;
	ch.label_w = 215;
	ch.label_left = true;
	ch.size = 8;
	ch.values = values;
	ch.value_w = 96;
	ch.colors = colors;
	ch.track = true;
	chart_bars_draw(c, &ch, DOC_ML, y, DOC_CW, h);
out:
	free(labels);
	free(values);
	free(vb);
	free(v);
	free(colors);
	return h + 12;
}

static double
events_table(struct rctx *c, const struct report_region *g, double y)
{
	const struct alerts_catalog *cat = g->cat;
	const struct alerts_by_event *ev = &g->events;
	struct doc_col cols[2] = {
		{ T(c, RT_RG_COL_EVENT), DOC_CW - COUNT_W, PANGO_ALIGN_LEFT,
		  false },
		{ T(c, RT_RG_COL_ALERTS), COUNT_W, PANGO_ALIGN_RIGHT, true },
	};
	const char *cells[2];
	char nb[32];
	double y0 = y;
	size_t p, i;

	y += doc_table_head(c, cols, 2, DOC_ML, y, 7);
	for (p = 0; p < cat->nphases && y < DOC_BOTTOM - 30; p++) {
		struct doc_row phase = { .min_h = 15, .stripe = true,
					 .bold = true };
		struct doc_row row = { .min_h = 14, .indent = 14 };

		cells[0] = osk_text_get(&cat->phases[p].plain, c->lang);
		cells[1] = doc_count(nb, ev->phase_totals[p]);
		y += doc_table_row(c, cols, 2, cells, DOC_ML, y, 7.2, &phase);
		for (i = 0; i < cat->nevents; i++) {
			if (cat->events[i].phase != p)
				continue;
			cells[0] = osk_text_get(&cat->events[i].title,
						c->lang);
			cells[1] = doc_count(nb, ev->counts[i]);
			y += doc_table_row(c, cols, 2, cells, DOC_ML, y, 7,
					   &row);
		}
	}
	{
		struct doc_row row = { .min_h = 15, .stripe = true,
				       .bold = true };

		if (ev->unclassified > 0) {
			cells[0] = T(c, RT_NET_OTHER);
			cells[1] = doc_count(nb, ev->unclassified);
			y += doc_table_row(c, cols, 2, cells, DOC_ML, y, 7.2,
					   &row);
		}
		cells[0] = T(c, RT_RG_TOTAL);
		cells[1] = doc_count(nb, ev->total);
		row.stripe = false;
		y += doc_table_row(c, cols, 2, cells, DOC_ML, y, 7.5, &row);
	}
	return y - y0;
}

static void
page_phases(struct rctx *c, const struct rg *rg, size_t npages)
{
	const struct report_region *g = rg->g;
	double y = TOP_Y;

	header(c, rg, false);
	y += section_heading(c, T(c, RT_RG_SEC_PHASES), DOC_ML, y, DOC_CW);
	y += note_line(c, T(c, RT_RG_PHASES_NOTE), y);
	if (!g->events.total) {
		empty_line(c, T(c, RT_RG_NO_ALERTS), y);
	} else {
		y += phases_chart(c, g, y) + 4;
		events_table(c, g, y);
	}
	doc_footer(c, T(c, RT_RG_FOOTER), 2, npages);
}

/* ---- page 4: industries and the correlation ---- */

static double
industries_table(struct rctx *c, const struct report_region *g, double y)
{
	const struct alerts_by_industry *t = &g->industries_alerts;
	double bar_w = 120, name_w = DOC_CW - 4 * 58 - bar_w, max = 0;
	struct doc_col cols[6] = {
		{ T(c, RT_RG_COL_INDUSTRY), name_w, PANGO_ALIGN_LEFT, true },
		{ T(c, RT_RG_COL_COMPANIES), 58, PANGO_ALIGN_RIGHT, true },
		{ T(c, RT_RG_COL_PCS), 58, PANGO_ALIGN_RIGHT, true },
		{ T(c, RT_RG_COL_ALERTS), 58, PANGO_ALIGN_RIGHT, true },
		{ T(c, RT_RG_COL_PER_PC), 58, PANGO_ALIGN_RIGHT, true },
		{ "", bar_w, PANGO_ALIGN_LEFT, true },
	};
	const char *cells[6];
	char b[4][32];
	double y0 = y, rh;
	size_t i;

	for (i = 0; i < t->n; i++)
		if (!isnan(t->rows[i].per_pc))
			max = fmax(max, t->rows[i].per_pc);
	y += doc_table_head(c, cols, 6, DOC_ML, y, 7);
	for (i = 0; i < t->n; i++) {
		const struct alerts_industry_row *r = &t->rows[i];
		struct doc_row row = { .min_h = 15, .stripe = i % 2 == 1 };

		cells[0] = industries_name(g->ind, r->id, c->lang);
		cells[1] = doc_count(b[0], r->companies);
		cells[2] = r->pcs < 0 ? "—" : doc_count(b[1], r->pcs);
		cells[3] = doc_count(b[2], r->alerts);
		cells[4] = doc_num(b[3], r->per_pc, 1);
		cells[5] = "";
		rh = doc_table_row(c, cols, 6, cells, DOC_ML, y, 7.5, &row);
		if (!isnan(r->per_pc) && max > 0)
			chart_scorebar_draw(c->cv, DOC_ML + DOC_CW - bar_w + 6,
					    y + rh / 2 - 3, bar_w - 12, 6,
					    r->per_pc, REPORT_NONE, max,
					    C_CMP);
		y += rh;
	}
	return y - y0;
}

static double
correlation(struct rctx *c, const struct report_region *g, double y,
	    double h)
{
	const struct alerts_by_company *co = &g->companies_alerts;
	const struct alerts_stats *st = &g->stats;
	struct tstyle fig = { .size = 8.5, .bold = true, .color = C_INK,
			      .lines = 2, .raw = true };
	struct tstyle plain = { .size = 8.5, .color = C_INK, .lines = 2 };
	struct tstyle read = { .size = 7.2, .color = C_MUTED, .lines = 2 };
	struct chart_scatter ch = { 0 };
	double *x = calloc(co->n + 1, sizeof(*x));
	double *yy = calloc(co->n + 1, sizeof(*yy)), y0 = y, th;
	char r1[32], r2[32], nb[32];
	const char *verdict;
	size_t i, n = 0;

	if (!x || !yy) {
		c->status = -OSK_ENOMEM;
		goto out;
	}
	for (i = 0; i < co->n; i++)
		if (co->rows[i].pcs >= 0) {
			x[n] = (double)co->rows[i].pcs;
			yy[n++] = (double)co->rows[i].alerts;
		}
	snprintf(nb, sizeof(nb), "%zu", st->n);
	if (isnan(st->pearson)) {
		y += text_draw(c, TF(c, RT_RG_CORR_NONE, "n", nb, NULL),
			       DOC_ML, y, DOC_CW, 24, &plain) + 6;
	} else {
		snprintf(r1, sizeof(r1), "%.2f", round(st->pearson * 100) /
			 100 + 0.0);
		snprintf(r2, sizeof(r2), "%.2f", round(st->spearman * 100) /
			 100 + 0.0);
		y += text_draw(c, TF(c, RT_RG_CORR, "r", r1, "rho", r2, "n",
				     nb, NULL), DOC_ML, y, DOC_CW, 24,
			       &fig) + 3;
		verdict = st->pearson >= 0.7 ? T(c, RT_RG_CORR_STRONG) :
			  st->pearson >= 0.4 ? T(c, RT_RG_CORR_SOME) :
			  st->pearson > -0.4 ? T(c, RT_RG_CORR_WEAK) :
			  T(c, RT_RG_CORR_NEG);
		y += text_draw(c, verdict, DOC_ML, y, DOC_CW, 24, &plain) + 3;
		y += text_draw(c, T(c, RT_RG_CORR_READ), DOC_ML, y, DOC_CW, 20,
			       &read) + 6;
	}
	th = h - (y - y0);
	if (n && th > 60) {
		ch.x = x;
		ch.y = yy;
		ch.n = n;
		ch.xlabel = T(c, RT_RG_AXIS_PCS);
		ch.ylabel = T(c, RT_RG_AXIS_ALERTS);
		ch.color = C_ACCENT;
		ch.size = 7.5;
		chart_scatter_draw(c, &ch, DOC_ML, y, DOC_CW, th);
		y += th;
	}
out:
	free(x);
	free(yy);
	return y - y0;
}

static void
page_industries(struct rctx *c, const struct rg *rg, size_t npages)
{
	const struct report_region *g = rg->g;
	double y = TOP_Y;

	header(c, rg, false);
	y += section_heading(c, T(c, RT_RG_SEC_INDUSTRIES), DOC_ML, y,
			     DOC_CW);
	if (!g->companies_alerts.n) {
		y += empty_line(c, T(c, RT_RG_NO_ALERTS), y);
	} else {
		y += industries_table(c, g, y) + 18;
		y += section_heading(c, T(c, RT_RG_SEC_CORR), DOC_ML, y,
				     DOC_CW);
		correlation(c, g, y, fmin(DOC_BOTTOM - y, 330));
	}
	doc_footer(c, T(c, RT_RG_FOOTER), 3, npages);
}

/* ---- page 5: the companies with the most alerts ---- */

static void
page_top(struct rctx *c, const struct rg *rg, size_t npages)
{
	const struct report_region *g = rg->g;
	const struct alerts_by_company *co = &g->companies_alerts;
	double bar_w = 100, name_w = DOC_CW - 34 - 120 - 3 * 50 - bar_w;
	struct doc_col cols[7] = {
		{ T(c, RT_RG_COL_RANK), 34, PANGO_ALIGN_RIGHT, true },
		{ T(c, RT_RG_COL_COMPANY), name_w, PANGO_ALIGN_LEFT, true },
		{ T(c, RT_RG_COL_INDUSTRY), 120, PANGO_ALIGN_LEFT, true },
		{ T(c, RT_RG_COL_PCS), 50, PANGO_ALIGN_RIGHT, true },
		{ T(c, RT_RG_COL_ALERTS), 50, PANGO_ALIGN_RIGHT, true },
		{ T(c, RT_RG_COL_PER_PC), 50, PANGO_ALIGN_RIGHT, true },
		{ "", bar_w, PANGO_ALIGN_LEFT, true },
	};
	const char *cells[7];
	char b[5][32], nb[32];
	size_t i, n = co->n < (size_t)g->top ? co->n : (size_t)g->top;
	double y = TOP_Y, rh, max = n ? (double)co->rows[0].alerts : 0;

	header(c, rg, false);
	snprintf(nb, sizeof(nb), "%d", g->top);
	y += section_heading(c, TF(c, RT_RG_SEC_TOP, "n", nb, NULL), DOC_ML, y,
			     DOC_CW);
	if (!n) {
		empty_line(c, T(c, RT_RG_NO_ALERTS), y);
		doc_footer(c, T(c, RT_RG_FOOTER), 4, npages);
		return;
	}
	y += doc_table_head(c, cols, 7, DOC_ML, y, 7);
	for (i = 0; i < n && y < DOC_BOTTOM - 14; i++) {
		const struct alerts_company_row *r = &co->rows[i];
		struct doc_row row = { .min_h = 15.5, .stripe = i % 2 == 1 };

		snprintf(b[0], sizeof(b[0]), "%zu", i + 1);
		cells[0] = b[0];
		cells[1] = r->name;
		cells[2] = industries_name(g->ind, r->industry, c->lang);
		cells[3] = r->pcs < 0 ? "—" : doc_count(b[1], r->pcs);
		cells[4] = doc_count(b[2], r->alerts);
		cells[5] = doc_num(b[3], r->per_pc, 1);
		cells[6] = "";
		rh = doc_table_row(c, cols, 7, cells, DOC_ML, y, 7.3, &row);
		if (max > 0)
			chart_scorebar_draw(c->cv, DOC_ML + DOC_CW - bar_w + 6,
					    y + rh / 2 - 3, bar_w - 12, 6,
					    (double)r->alerts, REPORT_NONE,
					    max, C_ACCENT);
		y += rh;
	}
	doc_footer(c, T(c, RT_RG_FOOTER), 4, npages);
}

/* ---- the document ---- */

static void
draw(struct rctx *c, void *data, size_t page, size_t npages)
{
	struct rg *rg = data;

	period_text(c, rg);
	switch (page) {
	case 0:
		page_summary(c, rg, npages);
		break;
	case 1:
		page_areas(c, rg, npages);
		break;
	case 2:
		page_phases(c, rg, npages);
		break;
	case 3:
		page_industries(c, rg, npages);
		break;
	default:
		page_top(c, rg, npages);
		break;
	}
}

int
report_region_pdf_write(struct report_renderer *r,
			const struct report_region *g, const char *path,
			struct osk_error *err)
{
	struct report_doc d = { 0 };
	struct rg rg = { 0 };
	int ret;

	rg.g = g;
	rg.period = (struct sbuf)SBUF_INIT;
	if (doc_made(&r->texts, g->lang, g->created, &rg.made) < 0)
		return osk_fail(err, OSK_ENOMEM, "out of memory");
	d.lang = g->lang;
	d.created = g->created;
	d.title = texts_get(&r->texts, RT_RG_TITLE, g->lang);
	d.author = g->desk;
	d.npages = NPAGES;
	d.draw = draw;
	d.data = &rg;
	ret = doc_render(r, &d, REPORT_FMT_PDF, path, err);
	free(rg.made);
	sbuf_release(&rg.period);
	return ret;
}
