/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "report/alerts_xlsx.h"

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
note(struct book *b, lxw_error e)
{
	if (e == LXW_ERROR_MEMORY_MALLOC_FAILED)
		b->nomem = true;
}

static void
str(struct book *b, lxw_worksheet *ws, size_t row, int col, const char *s,
    lxw_format *f)
{
	note(b, worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)col,
				       s ? s : "", f));
}

static void
num(struct book *b, lxw_worksheet *ws, size_t row, int col, double v,
    lxw_format *f)
{
	if (isnan(v))
		return;		/* unknown: an empty cell */
	note(b, worksheet_write_number(ws, (lxw_row_t)row, (lxw_col_t)col, v,
				       f));
}

/* Round half away from zero to one decimal, as the JSON does. */
static double
round1(double v)
{
	return isnan(v) ? v : osk_round1(v);
}

static void
heading(struct book *b, lxw_worksheet *ws, const char *what)
{
	char line[512];

	str(b, ws, 0, 0, what, b->title);
	snprintf(line, sizeof(line), "%s %s %s%s%s",
		 b->x->from ? b->x->from : "...", T(b, "〜", "to"),
		 b->x->to ? b->x->to : "...", b->x->company ? ", " : "",
		 b->x->company ? b->x->company : "");
	if (!b->x->from && !b->x->to)
		snprintf(line, sizeof(line), "%s%s%s",
			 T(b, "全期間", "all periods"),
			 b->x->company ? ", " : "",
			 b->x->company ? b->x->company : "");
	str(b, ws, 1, 0, line, NULL);
}

static void
header_row(struct book *b, lxw_worksheet *ws, const char *const *names,
	   int n)
{
	int i;

	for (i = 0; i < n; i++)
		str(b, ws, TABLE_ROW, i, names[i], b->head);
}

static lxw_chart *
new_chart(struct book *b, uint8_t type, const char *title)
{
	lxw_chart_font font = { 0 };
	lxw_chart *c = workbook_add_chart(b->wb, type);

	if (!c) {
		b->nomem = true;
		return NULL;
	}
	font.size = 10;
	font.bold = LXW_TRUE;
	chart_title_set_name(c, title);
	chart_title_set_name_font(c, &font);
	chart_legend_set_position(c, LXW_CHART_LEGEND_NONE);
	return c;
}

/* A series of column vcol against categories in ccol, rows [r0, r1]. */
static lxw_chart_series *
series(struct book *b, lxw_chart *c, const char *sheet, size_t r0, size_t r1,
       int ccol, int vcol)
{
	lxw_chart_series *s = chart_add_series(c, NULL, NULL);

	if (!s) {
		b->nomem = true;
		return NULL;
	}
	chart_series_set_categories(s, sheet, (lxw_row_t)r0, (lxw_col_t)ccol,
				    (lxw_row_t)r1, (lxw_col_t)ccol);
	chart_series_set_values(s, sheet, (lxw_row_t)r0, (lxw_col_t)vcol,
				(lxw_row_t)r1, (lxw_col_t)vcol);
	return s;
}

static void
insert(struct book *b, lxw_worksheet *ws, size_t row, int col, lxw_chart *c,
       double yscale)
{
	lxw_chart_options o = { 0 };

	o.x_scale = 1.4;
	o.y_scale = yscale;
	note(b, worksheet_insert_chart_opt(ws, (lxw_row_t)row, (lxw_col_t)col,
					   c, &o));
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
	lxw_worksheet *ws = workbook_add_worksheet(b->wb, name);
	size_t row = TABLE_ROW + 1, p, i, first_ev;
	lxw_chart *c;

	if (!ws) {
		b->nomem = true;
		return;
	}
	heading(b, ws, T(b, "攻撃の段階別のアラート件数",
			 "Alerts by attack stage"));
	header_row(b, ws, cols, 5);
	worksheet_set_column(ws, 0, 0, 22, NULL);
	worksheet_set_column(ws, 1, 1, 26, NULL);
	worksheet_set_column(ws, 2, 2, 60, NULL);
	worksheet_set_column(ws, 3, 4, 10, NULL);
	/* the stages first, for the column chart */
	for (p = 0; p < cat->nphases; p++, row++) {
		str(b, ws, row, 0, osk_text_get(&cat->phases[p].title,
						b->lang), b->sub);
		str(b, ws, row, 2, osk_text_get(&cat->phases[p].plain,
						b->lang), b->sub);
		num(b, ws, row, 4, (double)t->phase_totals[p], b->sub);
	}
	c = new_chart(b, LXW_CHART_COLUMN, T(b, "段階別", "By stage"));
	if (c)
		series(b, c, name, TABLE_ROW + 1, row - 1, 0, 4);
	row++;
	first_ev = row;
	for (p = 0; p < cat->nphases; p++)
		for (i = 0; i < cat->nevents; i++) {
			const struct alerts_event *ev = &cat->events[i];

			if (ev->phase != p)
				continue;
			str(b, ws, row, 0, osk_text_get(&cat->phases[p].title,
							b->lang), NULL);
			str(b, ws, row, 1, ev->id, NULL);
			str(b, ws, row, 2, osk_text_get(&ev->title, b->lang),
			    NULL);
			str(b, ws, row, 3, alerts_severity_name(ev->severity),
			    NULL);
			num(b, ws, row++, 4, (double)t->counts[i], b->count);
		}
	str(b, ws, row, 1, "unclassified", NULL);
	str(b, ws, row, 2, T(b, "どの種類にも当てはまらないアラート",
			     "alerts that match no event of the catalog"),
	    NULL);
	num(b, ws, row++, 4, (double)t->unclassified, b->count);
	str(b, ws, row, 0, T(b, "合計", "total"), b->bold);
	num(b, ws, row, 4, (double)t->total, b->bold);
	if (c)
		insert(b, ws, 1, 6, c, 1);
	c = new_chart(b, LXW_CHART_BAR, T(b, "イベント別", "By event"));
	if (c) {
		series(b, c, name, first_ev, row - 1, 1, 4);
		chart_axis_set_reverse(c->y_axis);
		insert(b, ws, 17, 6, c, 1.6);
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
	lxw_worksheet *ws = workbook_add_worksheet(b->wb, name);
	size_t i, row = TABLE_ROW + 1, top;
	lxw_chart *c;
	char title[256];

	if (!ws) {
		b->nomem = true;
		return;
	}
	heading(b, ws, T(b, "会社別のアラート件数", "Companies by alerts"));
	header_row(b, ws, cols, 6);
	worksheet_set_column(ws, 1, 1, 30, NULL);
	worksheet_set_column(ws, 2, 5, 11, NULL);
	for (i = 0; i < t->n; i++, row++) {
		const struct alerts_company_row *r = &t->rows[i];

		num(b, ws, row, 0, (double)r->id, NULL);
		str(b, ws, row, 1, r->name, NULL);
		str(b, ws, row, 2, r->industry, NULL);
		num(b, ws, row, 3, r->pcs < 0 ? NAN : (double)r->pcs, b->count);
		num(b, ws, row, 4, (double)r->alerts, b->count);
		num(b, ws, row, 5, round1(r->per_pc), b->dec);
	}
	if (!t->n)
		return;
	top = t->n < TOP_CHART ? t->n : TOP_CHART;
	c = new_chart(b, LXW_CHART_BAR, T(b, "PC 1 台あたりのアラート件数"
					  "（件数の多い順に上位）",
					  "Alerts per PC (companies with the "
					  "most alerts)"));
	if (c) {
		series(b, c, name, TABLE_ROW + 1, TABLE_ROW + top, 1, 5);
		chart_axis_set_reverse(c->y_axis);
		insert(b, ws, 1, 7, c, 1 + (double)top / 12);
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
	c = new_chart(b, LXW_CHART_SCATTER, title);
	if (c) {
		series(b, c, name, TABLE_ROW + 1, TABLE_ROW + t->n, 3, 4);
		chart_axis_set_name(c->x_axis, T(b, "PC 台数", "PCs"));
		chart_axis_set_name(c->y_axis, T(b, "アラート件数", "alerts"));
		insert(b, ws, 30, 7, c, 1.3);
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
	lxw_worksheet *ws = workbook_add_worksheet(b->wb, name);
	size_t i, row = TABLE_ROW + 1;
	lxw_chart *c;

	if (!ws) {
		b->nomem = true;
		return;
	}
	heading(b, ws, T(b, "業種別のアラート件数", "Alerts by industry"));
	header_row(b, ws, cols, 6);
	worksheet_set_column(ws, 1, 1, 36, NULL);
	worksheet_set_column(ws, 2, 5, 11, NULL);
	for (i = 0; i < t->n; i++, row++) {
		const struct alerts_industry_row *r = &t->rows[i];

		str(b, ws, row, 0, r->id, NULL);
		str(b, ws, row, 1, industries_name(b->x->ind, r->id, b->lang),
		    NULL);
		num(b, ws, row, 2, (double)r->companies, b->count);
		num(b, ws, row, 3, r->pcs < 0 ? NAN : (double)r->pcs, b->count);
		num(b, ws, row, 4, (double)r->alerts, b->count);
		num(b, ws, row, 5, round1(r->per_pc), b->dec);
	}
	if (!t->n)
		return;
	c = new_chart(b, LXW_CHART_COLUMN, T(b, "業種別、PC 1 台あたりの"
					     "アラート件数",
					     "Alerts per PC by industry"));
	if (c) {
		series(b, c, name, TABLE_ROW + 1, TABLE_ROW + t->n, 0, 5);
		insert(b, ws, 1, 7, c, 1.2);
	}
}

static void
make_formats(struct book *b)
{
	b->title = workbook_add_format(b->wb);
	b->bold = workbook_add_format(b->wb);
	b->head = workbook_add_format(b->wb);
	b->count = workbook_add_format(b->wb);
	b->dec = workbook_add_format(b->wb);
	b->sub = workbook_add_format(b->wb);
	if (!b->title || !b->bold || !b->head || !b->count || !b->dec ||
	    !b->sub) {
		b->nomem = true;
		return;
	}
	format_set_bold(b->title);
	format_set_font_size(b->title, 13);
	format_set_bold(b->bold);
	format_set_num_format(b->bold, "0");
	format_set_bold(b->head);
	format_set_bottom(b->head, LXW_BORDER_THIN);
	format_set_bg_color(b->head, 0xE7EEF6);
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
	lxw_workbook_options opt = { 0 };
	struct book b;
	lxw_error le;
	char *tmp = NULL;
	int r = 0, fd;

	memset(&b, 0, sizeof(b));
	b.x = x;
	b.lang = lang;
	if (asprintf(&tmp, "%s.%ld.tmp", path, (long)getpid()) < 0) {
		tmp = NULL;
		goto nomem;
	}
	/*
	 * Create the file first: libxlsxwriter would only find out at
	 * workbook_close(), and print its own message on stderr.
	 */
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
	if (fd < 0) {
		r = osk_fail(err, OSK_ECANTCREAT, "cannot create '%s': %s",
			     path, strerror(errno));
		goto out;
	}
	close(fd);
	if (!(b.wb = workbook_new_opt(tmp, &opt))) {
		unlink(tmp);
		goto nomem;
	}
	b.nomem = alerts_xlsx_add(b.wb, x, lang, ALERTS_XLSX_EVENTS |
				  ALERTS_XLSX_COMPANIES |
				  ALERTS_XLSX_INDUSTRIES) < 0;
	if (b.nomem) {
		workbook_close(b.wb);
		unlink(tmp);
		goto nomem;
	}
	if ((le = workbook_close(b.wb)) != LXW_NO_ERROR) {
		unlink(tmp);
		r = osk_fail(err, le == LXW_ERROR_MEMORY_MALLOC_FAILED ?
			     OSK_ENOMEM : OSK_ECANTCREAT, "cannot create '%s':"
			     " %s", path, lxw_strerror(le));
		goto out;
	}
	if (rename(tmp, path)) {
		r = osk_fail(err, OSK_ECANTCREAT, "cannot create '%s': %s",
			     path, strerror(errno));
		unlink(tmp);
	}
	goto out;
nomem:
	r = osk_fail(err, OSK_ENOMEM, "out of memory");
out:
	free(tmp);
	return r;
}
