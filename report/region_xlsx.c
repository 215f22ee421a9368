/* SPDX-License-Identifier: MIT */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xlsxwriter.h>

#include "report/alerts_xlsx.h"
#include "report/internal.h"
#include "report/xlsx_util.h"

/*
 * The region report as a workbook: one sheet per table, each with a
 * native chart. The alert sheets are those of alerts_xlsx.c (kill chain,
 * industries, and every company with the scatter chart of PCs against
 * alerts and its correlation); the others are made here. Texts are those
 * of report.yaml, through the glossary.
 */

#define TABLE_ROW 3		/* the header row of each table (0-based) */

struct book {
	const struct report_region *g;
	struct report_renderer *r;
	enum osk_lang lang;
	lxw_workbook *wb;
	lxw_format *title, *bold, *head, *count, *dec, *wrap;
	struct sbuf plain;	/* scratch for the glossary */
	bool nomem;
};

static const char *
text(struct book *b, enum rt_key k)
{
	return texts_get(&b->r->texts, k, b->lang);
}

/* s through the glossary, valid until the next call. */
static const char *
plain(struct book *b, const char *s)
{
	sbuf_reset(&b->plain);
	if (texts_plain(&b->r->texts, b->lang, s ? s : "", &b->plain) < 0) {
		b->nomem = true;
		return s ? s : "";
	}
	return b->plain.buf;
}

/* A template of report.yaml with one name = value, in out. */
static const char *
fmt1(struct book *b, struct sbuf *out, enum rt_key k, const char *name,
     const char *value)
{
	sbuf_reset(out);
	if (texts_format(out, text(b, k), name, value, (const char *)NULL) <
	    0) {
		b->nomem = true;
		return "";
	}
	return out->buf;
}

static void
period(struct book *b, struct sbuf *out)
{
	const struct report_region *g = b->g;
	struct sbuf p = SBUF_INIT;

	if (!g->from && !g->to)
		fmt1(b, out, RT_RG_PERIOD, "period",
		     text(b, RT_PG_ALL_PERIODS));
	else if (sbuf_addf(&p, "%s %s %s", g->from ? g->from : "...",
			   b->lang == OSK_LANG_JA ? "〜" : "to",
			   g->to ? g->to : "...") < 0)
		b->nomem = true;
	else
		fmt1(b, out, RT_RG_PERIOD, "period", p.buf);
	sbuf_release(&p);
}

static lxw_worksheet *
sheet(struct book *b, const char *name, const char *title)
{
	lxw_worksheet *ws = workbook_add_worksheet(b->wb, name);
	struct sbuf p = SBUF_INIT;
	bool *nm = &b->nomem;

	if (!ws) {
		b->nomem = true;
		return NULL;
	}
	xlsx_str(nm, ws, 0, 0, title, b->title);
	period(b, &p);
	xlsx_str(nm, ws, 1, 0, p.buf, NULL);
	sbuf_release(&p);
	return ws;
}

/* ---- summary ---- */

static void
sheet_summary(struct book *b)
{
	const struct report_region *g = b->g;
	const char *name = b->lang == OSK_LANG_JA ? "概要" : "summary";
	lxw_worksheet *ws = sheet(b, name, text(b, RT_RG_TITLE));
	struct sbuf s = SBUF_INIT;
	size_t row = TABLE_ROW;
	bool *nm = &b->nomem;

	if (!ws)
		return;
	worksheet_set_column(ws, 0, 0, 30, NULL);
	worksheet_set_column(ws, 1, 2, 14, NULL);
	if (g->desk)
		xlsx_str(nm, ws, 2, 0, g->desk, NULL);
	xlsx_str(nm, ws, row, 0, text(b, RT_RG_KEY), b->head);
	xlsx_str(nm, ws, row++, 1, "", b->head);
	xlsx_str(nm, ws, row, 0, text(b, RT_RG_COMPANIES), NULL);
	xlsx_num(nm, ws, row++, 1, (double)g->registered, b->count);
	xlsx_str(nm, ws, row, 0, text(b, RT_RG_ASSESSED), NULL);
	xlsx_num(nm, ws, row++, 1, (double)g->assessed, b->count);
	xlsx_str(nm, ws, row, 0, text(b, RT_RG_AVG), NULL);
	xlsx_num(nm, ws, row, 1, g->has_overall ? xlsx_round1(g->overall) :
		 NAN, b->dec);
	xlsx_str(nm, ws, row++, 2, g->overall_grade, NULL);
	xlsx_str(nm, ws, row, 0, text(b, RT_RG_SENSORS), NULL);
	xlsx_num(nm, ws, row++, 1, (double)g->companies_alerts.n, b->count);
	xlsx_str(nm, ws, row, 0, text(b, RT_RG_ALERTS), NULL);
	xlsx_num(nm, ws, row++, 1, (double)g->events.total, b->count);
	xlsx_str(nm, ws, row, 0, text(b, RT_RG_PER_PC), NULL);
	xlsx_num(nm, ws, row++, 1, g->pcs > 0 ?
		 xlsx_round1((double)g->alerts_pcs / (double)g->pcs) : NAN,
		 b->dec);
	row++;
	xlsx_str(nm, ws, row++, 0, plain(b, text(b, RT_GUIDE_1)), NULL);
	xlsx_str(nm, ws, row++, 0, plain(b, text(b, RT_RG_GUIDE_2)), NULL);
	xlsx_str(nm, ws, row++, 0, plain(b, text(b, RT_RG_GUIDE_3)), NULL);
	sbuf_release(&s);
}

/* ---- grades ---- */

static void
sheet_grades(struct book *b)
{
	static const lxw_color_t colors[] = {
		0x23915a, 0x5f9a22, 0xd98200, 0xcf3a2c,
	};
	const struct report_region *g = b->g;
	const char *name = b->lang == OSK_LANG_JA ? "総合判定" : "grades";
	const char *cols[] = {
		text(b, RT_COL_GRADE), "", text(b, RT_RG_COL_COUNT),
		text(b, RT_RG_COL_SHARE),
	};
	lxw_worksheet *ws = sheet(b, name, text(b, RT_RG_SEC_GRADES));
	lxw_chart_point points[RT_MAX_GRADES];
	lxw_chart_point *pp[RT_MAX_GRADES + 1];
	lxw_chart_fill fills[RT_MAX_GRADES];
	lxw_chart_series *s;
	lxw_chart *c;
	size_t i, row = TABLE_ROW + 1;
	bool *nm = &b->nomem;

	if (!ws)
		return;
	xlsx_header_row(nm, ws, TABLE_ROW, cols, 4, b->head);
	worksheet_set_column(ws, 1, 1, 16, NULL);
	worksheet_set_column(ws, 2, 3, 12, NULL);
	for (i = 0; i < g->ngrades; i++, row++) {
		const struct report_region_grade *gr = &g->grades[i];

		xlsx_str(nm, ws, row, 0, gr->id, NULL);
		xlsx_str(nm, ws, row, 1, gr->label, NULL);
		xlsx_num(nm, ws, row, 2, gr->count, b->count);
		xlsx_num(nm, ws, row, 3, g->assessed ?
			 xlsx_round1(100.0 * gr->count / (double)g->assessed) :
			 NAN, b->dec);
	}
	if (!g->ngrades || !g->assessed)
		return;
	if (!(c = xlsx_chart_new(nm, b->wb, LXW_CHART_COLUMN,
				 text(b, RT_RG_SEC_GRADES), false)))
		return;
	if (!(s = xlsx_series_add(nm, c, name, TABLE_ROW + 1,
				  TABLE_ROW + g->ngrades, 0, 2)))
		return;
	memset(points, 0, sizeof(points));
	memset(fills, 0, sizeof(fills));
	for (i = 0; i < g->ngrades; i++) {
		fills[i].color = colors[i < 4 ? i : 3];
		points[i].fill = &fills[i];
		pp[i] = &points[i];
	}
	pp[g->ngrades] = NULL;
	xlsx_note(nm, chart_series_set_points(s, pp));
	xlsx_chart_insert(nm, ws, 1, 6, c, 1);
}

/* ---- areas ---- */

static void
sheet_areas(struct book *b)
{
	const struct report_region *g = b->g;
	const char *name = b->lang == OSK_LANG_JA ? "分野別" : "areas";
	lxw_worksheet *ws = sheet(b, name, text(b, RT_RG_SEC_CATS));
	struct sbuf h = SBUF_INIT, n = SBUF_INIT;
	char nb[32];
	size_t i, k, row = TABLE_ROW + 1;
	bool *nm = &b->nomem;
	lxw_chart *c;
	int col;

	if (!ws)
		return;
	snprintf(nb, sizeof(nb), "%d", g->peers_min);
	xlsx_str(nm, ws, 2, 0,
		 plain(b, fmt1(b, &n, RT_RG_CATS_NOTE, "min", nb)), NULL);
	worksheet_set_column(ws, 0, 0, 48, NULL);
	worksheet_set_column(ws, 1, 3 + (int)g->ninds, 14, NULL);
	xlsx_str(nm, ws, TABLE_ROW, 0, text(b, RT_COL_AREA), b->head);
	xlsx_str(nm, ws, TABLE_ROW, 1, text(b, RT_RG_ALL_IND), b->head);
	xlsx_str(nm, ws, TABLE_ROW, 2, "n", b->head);
	xlsx_str(nm, ws, TABLE_ROW, 3, text(b, RT_COL_GRADE), b->head);
	for (k = 0; k < g->ninds; k++) {
		sbuf_reset(&h);
		if (sbuf_addf(&h, "%s (n=%d)", industries_name(g->ind,
							       g->inds[k].id,
							       b->lang),
			      g->inds[k].n) < 0)
			b->nomem = true;
		xlsx_str(nm, ws, TABLE_ROW, 4 + (int)k, h.buf, b->head);
	}
	for (i = 0; i <= g->ncats; i++, row++) {
		bool total = i == g->ncats;
		lxw_format *f = total ? b->bold : NULL;

		xlsx_str(nm, ws, row, 0, total ? text(b, RT_RG_OVERALL) :
		    plain(b, g->cats[i].name), f);
		xlsx_num(nm, ws, row, 1, total ? (g->has_overall ?
						  xlsx_round1(g->overall) :
						  NAN) :
		    xlsx_round1(g->cats[i].mean), b->dec);
		xlsx_num(nm, ws, row, 2, total ? g->overall_n : g->cats[i].n,
		    b->count);
		xlsx_str(nm, ws, row, 3, total ? g->overall_grade :
		    g->cats[i].grade, f);
		for (k = 0, col = 4; k < g->ninds; k++, col++) {
			const struct report_region_ind *in = &g->inds[k];
			bool has = total ? in->has_overall : in->has_cat[i];

			xlsx_num(nm, ws, row, col, has ?
				 xlsx_round1(total ? in->overall : in->cat[i]) :
				 NAN, b->dec);
		}
	}
	sbuf_release(&h);
	sbuf_release(&n);
	if (!g->ncats)
		return;
	c = xlsx_chart_new(nm, b->wb, LXW_CHART_BAR, text(b, RT_RG_SEC_CATS),
			   false);
	if (c && xlsx_series_add(nm, c, name, TABLE_ROW + 1,
				 TABLE_ROW + g->ncats, 0, 1)) {
		chart_axis_set_reverse(c->y_axis);
		chart_axis_set_min(c->x_axis, 0);
		chart_axis_set_max(c->x_axis, 100);
		xlsx_chart_insert(nm, ws, g->ncats + TABLE_ROW + 4, 0, c, 1.3);
	}
}

/* ---- top companies ---- */

static void
sheet_top(struct book *b)
{
	const struct report_region *g = b->g;
	const struct alerts_by_company *co = &g->companies_alerts;
	struct sbuf t = SBUF_INIT, sn = SBUF_INIT;
	char nb[32];
	const char *cols[] = {
		text(b, RT_RG_COL_RANK), "id", text(b, RT_RG_COL_COMPANY),
		text(b, RT_RG_COL_INDUSTRY), text(b, RT_RG_COL_PCS),
		text(b, RT_RG_COL_ALERTS), text(b, RT_RG_COL_PER_PC),
	};
	size_t i, n = co->n < (size_t)g->top ? co->n : (size_t)g->top;
	size_t row = TABLE_ROW + 1;
	bool *nm = &b->nomem;
	lxw_worksheet *ws;
	lxw_chart *c;

	snprintf(nb, sizeof(nb), "%d", g->top);
	if (sbuf_addf(&sn, b->lang == OSK_LANG_JA ? "上位%d社" : "top %d",
		      g->top) < 0)
		b->nomem = true;
	ws = sheet(b, sn.buf, fmt1(b, &t, RT_RG_SEC_TOP, "n", nb));
	if (!ws)
		goto out;
	xlsx_header_row(nm, ws, TABLE_ROW, cols, 7, b->head);
	worksheet_set_column(ws, 2, 2, 30, NULL);
	worksheet_set_column(ws, 3, 3, 28, NULL);
	worksheet_set_column(ws, 4, 6, 11, NULL);
	for (i = 0; i < n; i++, row++) {
		const struct alerts_company_row *r = &co->rows[i];

		xlsx_num(nm, ws, row, 0, (double)(i + 1), b->count);
		xlsx_num(nm, ws, row, 1, (double)r->id, NULL);
		xlsx_str(nm, ws, row, 2, r->name, NULL);
		xlsx_str(nm, ws, row, 3, industries_name(g->ind, r->industry,
						   b->lang), NULL);
		xlsx_num(nm, ws, row, 4, r->pcs < 0 ? NAN : (double)r->pcs,
		    b->count);
		xlsx_num(nm, ws, row, 5, (double)r->alerts, b->count);
		xlsx_num(nm, ws, row, 6, xlsx_round1(r->per_pc), b->dec);
	}
	if (!n)
		goto out;
	c = xlsx_chart_new(nm, b->wb, LXW_CHART_BAR,
			   fmt1(b, &t, RT_RG_SEC_TOP, "n", nb), false);
	if (c && xlsx_series_add(nm, c, sn.buf, TABLE_ROW + 1, TABLE_ROW + n,
				 2, 5)) {
		chart_axis_set_reverse(c->y_axis);
		xlsx_chart_insert(nm, ws, 1, 8, c, 1 + (double)n / 12);
	}
out:
	sbuf_release(&t);
	sbuf_release(&sn);
}

static void
formats(struct book *b)
{
	xlsx_formats_base(&b->nomem, b->wb, &b->title, &b->bold, &b->head);
	if (b->nomem)
		return;
	b->count = workbook_add_format(b->wb);
	b->dec = workbook_add_format(b->wb);
	b->wrap = workbook_add_format(b->wb);
	if (!b->count || !b->dec || !b->wrap) {
		b->nomem = true;
		return;
	}
	format_set_text_wrap(b->head);
	format_set_num_format(b->count, "#,##0");
	format_set_num_format(b->dec, "0.0");
	format_set_text_wrap(b->wrap);
}

int
report_region_xlsx_write(struct report_renderer *r,
			 const struct report_region *g, const char *path,
			 struct osk_error *err)
{
	struct report_alerts_xlsx x;
	struct book b;
	char *tmp = NULL;
	int ret;

	memset(&b, 0, sizeof(b));
	b.g = g;
	b.r = r;
	b.lang = g->lang;
	b.plain = (struct sbuf)SBUF_INIT;
	memset(&x, 0, sizeof(x));
	x.cat = g->cat;
	x.ind = g->ind;
	x.from = g->from;
	x.to = g->to;
	x.events = &g->events;
	x.companies = &g->companies_alerts;
	x.industries = &g->industries_alerts;
	x.stats = &g->stats;
	if ((ret = xlsx_book_open(path, &tmp, &b.wb, err)))
		goto out;
	formats(&b);
	if (!b.nomem)
		sheet_summary(&b);
	if (!b.nomem)
		sheet_grades(&b);
	if (!b.nomem)
		sheet_areas(&b);
	if (!b.nomem && alerts_xlsx_add(b.wb, &x, g->lang, ALERTS_XLSX_EVENTS |
					ALERTS_XLSX_INDUSTRIES) < 0)
		b.nomem = true;
	if (!b.nomem)
		sheet_top(&b);
	if (!b.nomem && alerts_xlsx_add(b.wb, &x, g->lang,
					ALERTS_XLSX_COMPANIES) < 0)
		b.nomem = true;
	ret = xlsx_book_close(b.wb, tmp, path, b.nomem, err);
out:
	sbuf_release(&b.plain);
	free(tmp);
	return ret;
}
