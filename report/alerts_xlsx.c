/* SPDX-License-Identifier: MIT */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xlsxwriter.h>

#include "report/alerts_xlsx.h"
#include "report/xlsx_util.h"

#define TABLE_ROW 3		/* the header row of each table (0-based) */
#define TOP_CHART 20		/* companies in the alerts-per-PC chart */

struct book {
	const struct report_alerts_xlsx *x;
	enum osk_lang lang;
	lxw_workbook *wb;
	lxw_format *title, *bold, *head, *count, *dec, *sub;
	bool nomem;
};

static const char *
T(const struct book *b, const char *ja, const char *en)
{
	return b->lang == OSK_LANG_JA ? ja : en;
}

static void
heading(struct book *b, lxw_worksheet *ws, const char *what)
{
	char line[512];

	xlsx_str(&b->nomem, ws, 0, 0, what, b->title);
	snprintf(line, sizeof(line), "%s %s %s%s%s",
		 b->x->from ? b->x->from : "...", T(b, "〜", "to"),
		 b->x->to ? b->x->to : "...", b->x->company ? ", " : "",
		 b->x->company ? b->x->company : "");
	if (!b->x->from && !b->x->to)
		snprintf(line, sizeof(line), "%s%s%s",
			 T(b, "全期間", "all periods"),
			 b->x->company ? ", " : "",
			 b->x->company ? b->x->company : "");
	xlsx_str(&b->nomem, ws, 1, 0, line, NULL);
}

/* A new sheet with its heading and the header row of its table. */
static lxw_worksheet *
sheet_begin(struct book *b, const char *name, const char *what,
	    const char *const *cols, int ncols)
{
	lxw_worksheet *ws = workbook_add_worksheet(b->wb, name);

	if (!ws) {
		b->nomem = true;
		return NULL;
	}
	heading(b, ws, what);
	xlsx_header_row(&b->nomem, ws, TABLE_ROW, cols, ncols, b->head);
	return ws;
}

/* ---- kill chain ---- */

static void
sheet_events(struct book *b)
{
	const struct alerts_catalog *cat = b->x->cat;
	const struct alerts_by_event *t = b->x->events;
	const char *name = T(b, "攻撃の段階", "kill chain");
	const char *const cols[] = {
		T(b, "段階", "stage"), T(b, "イベント", "event"),
		T(b, "内容", "what it means"), T(b, "重大度", "severity"),
		T(b, "件数", "alerts"),
	};
	lxw_worksheet *ws = sheet_begin(b, name,
					T(b, "攻撃の段階別のアラート件数",
					  "Alerts by attack stage"), cols, 5);
	size_t row = TABLE_ROW + 1, p, i, first_ev;
	bool *nm = &b->nomem;
	lxw_chart *c;

	if (!ws)
		return;
	worksheet_set_column(ws, 0, 0, 22, NULL);
	worksheet_set_column(ws, 1, 1, 26, NULL);
	worksheet_set_column(ws, 2, 2, 60, NULL);
	worksheet_set_column(ws, 3, 4, 10, NULL);
	/* the stages first, for the column chart */
	for (p = 0; p < cat->nphases; p++, row++) {
		xlsx_str(nm, ws, row, 0, osk_text_get(&cat->phases[p].title,
						      b->lang), b->sub);
		xlsx_str(nm, ws, row, 2, osk_text_get(&cat->phases[p].plain,
						      b->lang), b->sub);
		xlsx_num(nm, ws, row, 4, (double)t->phase_totals[p], b->sub);
	}
	c = xlsx_chart_new(nm, b->wb, LXW_CHART_COLUMN,
			   T(b, "段階別", "By stage"), false);
	if (c)
		xlsx_series_add(nm, c, name, TABLE_ROW + 1, row - 1, 0, 4);
	row++;
	first_ev = row;
	for (p = 0; p < cat->nphases; p++)
		for (i = 0; i < cat->nevents; i++) {
			const struct alerts_event *ev = &cat->events[i];

			if (ev->phase != p)
				continue;
			xlsx_str(nm, ws, row, 0,
				 osk_text_get(&cat->phases[p].title, b->lang),
				 NULL);
			xlsx_str(nm, ws, row, 1, ev->id, NULL);
			xlsx_str(nm, ws, row, 2,
				 osk_text_get(&ev->title, b->lang), NULL);
			xlsx_str(nm, ws, row, 3,
				 alerts_severity_name(ev->severity), NULL);
			xlsx_num(nm, ws, row++, 4, (double)t->counts[i],
				 b->count);
		}
	xlsx_str(nm, ws, row, 1, "unclassified", NULL);
	xlsx_str(nm, ws, row, 2, T(b, "どの種類にも当てはまらないアラート",
				   "alerts that match no event of the "
				   "catalog"), NULL);
	xlsx_num(nm, ws, row++, 4, (double)t->unclassified, b->count);
	xlsx_str(nm, ws, row, 0, T(b, "合計", "total"), b->bold);
	xlsx_num(nm, ws, row, 4, (double)t->total, b->bold);
	if (c)
		xlsx_chart_insert(nm, ws, 1, 6, c, 1);
	c = xlsx_chart_new(nm, b->wb, LXW_CHART_BAR,
			   T(b, "イベント別", "By event"), false);
	if (c) {
		xlsx_series_add(nm, c, name, first_ev, row - 1, 1, 4);
		chart_axis_set_reverse(c->y_axis);
		xlsx_chart_insert(nm, ws, 17, 6, c, 1.6);
	}
}

/* ---- companies ---- */

static void
sheet_companies(struct book *b)
{
	const struct alerts_by_company *t = b->x->companies;
	const struct alerts_stats *st = b->x->stats;
	const char *name = T(b, "会社別", "companies");
	const char *const cols[] = {
		"id", T(b, "会社名", "company"), T(b, "業種", "industry"),
		T(b, "PC 台数", "PCs"), T(b, "件数", "alerts"),
		T(b, "PC 1 台あたり", "per PC"),
	};
	lxw_worksheet *ws = sheet_begin(b, name,
					T(b, "会社別のアラート件数",
					  "Companies by alerts"), cols, 6);
	size_t i, row = TABLE_ROW + 1, top;
	bool *nm = &b->nomem;
	lxw_chart *c;
	char title[256];

	if (!ws)
		return;
	worksheet_set_column(ws, 1, 1, 30, NULL);
	worksheet_set_column(ws, 2, 5, 11, NULL);
	for (i = 0; i < t->n; i++, row++) {
		const struct alerts_company_row *r = &t->rows[i];

		xlsx_num(nm, ws, row, 0, (double)r->id, NULL);
		xlsx_str(nm, ws, row, 1, r->name, NULL);
		xlsx_str(nm, ws, row, 2, r->industry, NULL);
		xlsx_num(nm, ws, row, 3, r->pcs < 0 ? NAN : (double)r->pcs,
			 b->count);
		xlsx_num(nm, ws, row, 4, (double)r->alerts, b->count);
		xlsx_num(nm, ws, row, 5, xlsx_round1(r->per_pc), b->dec);
	}
	if (!t->n)
		return;
	top = t->n < TOP_CHART ? t->n : TOP_CHART;
	c = xlsx_chart_new(nm, b->wb, LXW_CHART_BAR,
			   T(b, "PC 1 台あたりのアラート件数"
			     "（件数の多い順に上位）",
			     "Alerts per PC (companies with the most "
			     "alerts)"), false);
	if (c) {
		xlsx_series_add(nm, c, name, TABLE_ROW + 1, TABLE_ROW + top,
				1, 5);
		chart_axis_set_reverse(c->y_axis);
		xlsx_chart_insert(nm, ws, 1, 7, c, 1 + (double)top / 12);
	}
	if (!st)
		return;
	if (isnan(st->pearson))
		snprintf(title, sizeof(title), T(b, "PC 台数とアラート件数"
						 "（n = %zu、相関は計算でき"
						 "ません）",
						 "PCs and alerts (n = %zu, no "
						 "correlation)"), st->n);
	else
		snprintf(title, sizeof(title), T(b, "PC 台数とアラート件数"
						 "（n = %zu、ピアソン r = "
						 "%.2f、スピアマン ρ = "
						 "%.2f）",
						 "PCs and alerts (n = %zu, "
						 "Pearson r = %.2f, Spearman "
						 "rho = %.2f)"), st->n,
			 round(st->pearson * 100) / 100 + 0.0,
			 round(st->spearman * 100) / 100 + 0.0);
	c = xlsx_chart_new(nm, b->wb, LXW_CHART_SCATTER, title, false);
	if (c) {
		xlsx_series_add(nm, c, name, TABLE_ROW + 1, TABLE_ROW + t->n,
				3, 4);
		chart_axis_set_name(c->x_axis, T(b, "PC 台数", "PCs"));
		chart_axis_set_name(c->y_axis, T(b, "アラート件数", "alerts"));
		xlsx_chart_insert(nm, ws, 30, 7, c, 1.3);
	}
}

/* ---- industries ---- */

static void
sheet_industries(struct book *b)
{
	const struct alerts_by_industry *t = b->x->industries;
	const char *name = T(b, "業種別", "industries");
	const char *const cols[] = {
		T(b, "業種", "industry"), T(b, "名称", "name"),
		T(b, "会社数", "companies"), T(b, "PC 台数", "PCs"),
		T(b, "件数", "alerts"), T(b, "PC 1 台あたり", "per PC"),
	};
	lxw_worksheet *ws = sheet_begin(b, name,
					T(b, "業種別のアラート件数",
					  "Alerts by industry"), cols, 6);
	size_t i, row = TABLE_ROW + 1;
	bool *nm = &b->nomem;
	lxw_chart *c;

	if (!ws)
		return;
	worksheet_set_column(ws, 1, 1, 36, NULL);
	worksheet_set_column(ws, 2, 5, 11, NULL);
	for (i = 0; i < t->n; i++, row++) {
		const struct alerts_industry_row *r = &t->rows[i];

		xlsx_str(nm, ws, row, 0, r->id, NULL);
		xlsx_str(nm, ws, row, 1,
			 industries_name(b->x->ind, r->id, b->lang), NULL);
		xlsx_num(nm, ws, row, 2, (double)r->companies, b->count);
		xlsx_num(nm, ws, row, 3, r->pcs < 0 ? NAN : (double)r->pcs,
			 b->count);
		xlsx_num(nm, ws, row, 4, (double)r->alerts, b->count);
		xlsx_num(nm, ws, row, 5, xlsx_round1(r->per_pc), b->dec);
	}
	if (!t->n)
		return;
	c = xlsx_chart_new(nm, b->wb, LXW_CHART_COLUMN,
			   T(b, "業種別、PC 1 台あたりのアラート件数",
			     "Alerts per PC by industry"), false);
	if (c) {
		xlsx_series_add(nm, c, name, TABLE_ROW + 1, TABLE_ROW + t->n,
				0, 5);
		xlsx_chart_insert(nm, ws, 1, 7, c, 1.2);
	}
}

static void
make_formats(struct book *b)
{
	xlsx_formats_base(&b->nomem, b->wb, &b->title, &b->bold, &b->head);
	if (b->nomem)
		return;
	b->count = workbook_add_format(b->wb);
	b->dec = workbook_add_format(b->wb);
	b->sub = workbook_add_format(b->wb);
	if (!b->count || !b->dec || !b->sub) {
		b->nomem = true;
		return;
	}
	format_set_num_format(b->bold, "0");
	format_set_num_format(b->count, "0");
	format_set_num_format(b->dec, "0.0");
	format_set_bold(b->sub);
	format_set_bg_color(b->sub, 0xF3F3F3);
	format_set_num_format(b->sub, "0");
}

int
alerts_xlsx_add(struct lxw_workbook *wb, const struct report_alerts_xlsx *x,
		enum osk_lang lang, unsigned sheets)
{
	struct book b;

	memset(&b, 0, sizeof(b));
	b.x = x;
	b.lang = lang;
	b.wb = wb;
	make_formats(&b);
	if (!b.nomem && (sheets & ALERTS_XLSX_EVENTS))
		sheet_events(&b);
	if (!b.nomem && x->companies && (sheets & ALERTS_XLSX_COMPANIES))
		sheet_companies(&b);
	if (!b.nomem && x->industries && (sheets & ALERTS_XLSX_INDUSTRIES))
		sheet_industries(&b);
	return b.nomem ? -OSK_ENOMEM : 0;
}

int
report_alerts_xlsx_write(const struct report_alerts_xlsx *x,
			 const char *path, enum osk_lang lang,
			 struct osk_error *err)
{
	lxw_workbook *wb;
	char *tmp = NULL;
	bool nomem;
	int r;

	if (!(r = xlsx_book_open(path, &tmp, &wb, err))) {
		nomem = alerts_xlsx_add(wb, x, lang, ALERTS_XLSX_EVENTS |
					ALERTS_XLSX_COMPANIES |
					ALERTS_XLSX_INDUSTRIES) < 0;
		r = xlsx_book_close(wb, tmp, path, nomem, err);
	}
	free(tmp);
	return r;
}
