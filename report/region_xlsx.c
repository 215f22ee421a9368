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
#include "report/internal.h"

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

static void
note(struct book *b, lxw_error e)
{
	if (e == LXW_ERROR_MEMORY_MALLOC_FAILED)
		b->nomem = true;
}

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
		return;
	note(b, worksheet_write_number(ws, (lxw_row_t)row, (lxw_col_t)col, v,
				       f));
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

	if (!ws) {
		b->nomem = true;
		return NULL;
	}
	str(b, ws, 0, 0, title, b->title);
	period(b, &p);
	str(b, ws, 1, 0, p.buf, NULL);
	sbuf_release(&p);
	return ws;
}

static void
heads(struct book *b, lxw_worksheet *ws, const char *const *names, int n)
{
	int i;

	for (i = 0; i < n; i++)
		str(b, ws, TABLE_ROW, i, names[i], b->head);
}

static lxw_chart *
chart(struct book *b, uint8_t type, const char *title)
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

static lxw_chart_series *
series(struct book *b, lxw_chart *c, const char *name, size_t r0, size_t r1,
       int ccol, int vcol)
{
	lxw_chart_series *s = chart_add_series(c, NULL, NULL);

	if (!s) {
		b->nomem = true;
		return NULL;
	}
	chart_series_set_categories(s, name, (lxw_row_t)r0, (lxw_col_t)ccol,
				    (lxw_row_t)r1, (lxw_col_t)ccol);
	chart_series_set_values(s, name, (lxw_row_t)r0, (lxw_col_t)vcol,
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

static double
round1(double v)
{
	return isnan(v) ? v : osk_round1(v);
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

	if (!ws)
		return;
	worksheet_set_column(ws, 0, 0, 30, NULL);
	worksheet_set_column(ws, 1, 2, 14, NULL);
	if (g->desk)
		str(b, ws, 2, 0, g->desk, NULL);
	str(b, ws, row, 0, text(b, RT_RG_KEY), b->head);
	str(b, ws, row++, 1, "", b->head);
	str(b, ws, row, 0, text(b, RT_RG_COMPANIES), NULL);
	num(b, ws, row++, 1, (double)g->registered, b->count);
	str(b, ws, row, 0, text(b, RT_RG_ASSESSED), NULL);
	num(b, ws, row++, 1, (double)g->assessed, b->count);
	str(b, ws, row, 0, text(b, RT_RG_AVG), NULL);
	num(b, ws, row, 1, g->has_overall ? round1(g->overall) : NAN, b->dec);
	str(b, ws, row++, 2, g->overall_grade, NULL);
	str(b, ws, row, 0, text(b, RT_RG_SENSORS), NULL);
	num(b, ws, row++, 1, (double)g->companies_alerts.n, b->count);
	str(b, ws, row, 0, text(b, RT_RG_ALERTS), NULL);
	num(b, ws, row++, 1, (double)g->events.total, b->count);
	str(b, ws, row, 0, text(b, RT_RG_PER_PC), NULL);
	num(b, ws, row++, 1, g->pcs > 0 ? round1((double)g->alerts_pcs /
						 (double)g->pcs) : NAN,
	    b->dec);
	row++;
	str(b, ws, row++, 0, plain(b, text(b, RT_GUIDE_1)), NULL);
	str(b, ws, row++, 0, plain(b, text(b, RT_RG_GUIDE_2)), NULL);
	str(b, ws, row++, 0, plain(b, text(b, RT_RG_GUIDE_3)), NULL);
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

	if (!ws)
		return;
	heads(b, ws, cols, 4);
	worksheet_set_column(ws, 1, 1, 16, NULL);
	worksheet_set_column(ws, 2, 3, 12, NULL);
	for (i = 0; i < g->ngrades; i++, row++) {
		const struct report_region_grade *gr = &g->grades[i];

		str(b, ws, row, 0, gr->id, NULL);
		str(b, ws, row, 1, gr->label, NULL);
		num(b, ws, row, 2, gr->count, b->count);
		num(b, ws, row, 3, g->assessed ? round1(100.0 * gr->count /
							(double)g->assessed) :
		    NAN, b->dec);
	}
	if (!g->ngrades || !g->assessed)
		return;
	if (!(c = chart(b, LXW_CHART_COLUMN, text(b, RT_RG_SEC_GRADES))))
		return;
	if (!(s = series(b, c, name, TABLE_ROW + 1, TABLE_ROW + g->ngrades, 0,
			 2)))
		return;
	memset(points, 0, sizeof(points));
	memset(fills, 0, sizeof(fills));
	for (i = 0; i < g->ngrades; i++) {
		fills[i].color = colors[i < 4 ? i : 3];
		points[i].fill = &fills[i];
		pp[i] = &points[i];
	}
	pp[g->ngrades] = NULL;
	note(b, chart_series_set_points(s, pp));
	insert(b, ws, 1, 6, c, 1);
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
	lxw_chart *c;
	int col;

	if (!ws)
		return;
	snprintf(nb, sizeof(nb), "%d", g->peers_min);
	str(b, ws, 2, 0, plain(b, fmt1(b, &n, RT_RG_CATS_NOTE, "min", nb)),
	    NULL);
	worksheet_set_column(ws, 0, 0, 48, NULL);
	worksheet_set_column(ws, 1, 3 + (int)g->ninds, 14, NULL);
	str(b, ws, TABLE_ROW, 0, text(b, RT_COL_AREA), b->head);
	str(b, ws, TABLE_ROW, 1, text(b, RT_RG_ALL_IND), b->head);
	str(b, ws, TABLE_ROW, 2, "n", b->head);
	str(b, ws, TABLE_ROW, 3, text(b, RT_COL_GRADE), b->head);
	for (k = 0; k < g->ninds; k++) {
		sbuf_reset(&h);
		if (sbuf_addf(&h, "%s (n=%d)", industries_name(g->ind,
							       g->inds[k].id,
							       b->lang),
			      g->inds[k].n) < 0)
			b->nomem = true;
		str(b, ws, TABLE_ROW, 4 + (int)k, h.buf, b->head);
	}
	for (i = 0; i <= g->ncats; i++, row++) {
		bool total = i == g->ncats;
		lxw_format *f = total ? b->bold : NULL;

		str(b, ws, row, 0, total ? text(b, RT_RG_OVERALL) :
		    plain(b, g->cats[i].name), f);
		num(b, ws, row, 1, total ? (g->has_overall ?
					    round1(g->overall) : NAN) :
		    round1(g->cats[i].mean), b->dec);
		num(b, ws, row, 2, total ? g->overall_n : g->cats[i].n,
		    b->count);
		str(b, ws, row, 3, total ? g->overall_grade :
		    g->cats[i].grade, f);
		for (k = 0, col = 4; k < g->ninds; k++, col++) {
			const struct report_region_ind *in = &g->inds[k];
			bool has = total ? in->has_overall : in->has_cat[i];

			num(b, ws, row, col, has ? round1(total ? in->overall :
							  in->cat[i]) : NAN,
			    b->dec);
		}
	}
	sbuf_release(&h);
	sbuf_release(&n);
	if (!g->ncats)
		return;
	c = chart(b, LXW_CHART_BAR, text(b, RT_RG_SEC_CATS));
	if (c && series(b, c, name, TABLE_ROW + 1, TABLE_ROW + g->ncats, 0,
			1)) {
		chart_axis_set_reverse(c->y_axis);
		chart_axis_set_min(c->x_axis, 0);
		chart_axis_set_max(c->x_axis, 100);
		insert(b, ws, g->ncats + TABLE_ROW + 4, 0, c, 1.3);
	}
}

/* ---- top companies ---- */

static void
sheet_top(struct book *b)
{
	const struct report_region *g = b->g;
	const struct alerts_by_company *co = &g->companies_alerts;
	struct sbuf t = SBUF_INIT, nm = SBUF_INIT;
	char nb[32];
	const char *cols[] = {
		text(b, RT_RG_COL_RANK), "id", text(b, RT_RG_COL_COMPANY),
		text(b, RT_RG_COL_INDUSTRY), text(b, RT_RG_COL_PCS),
		text(b, RT_RG_COL_ALERTS), text(b, RT_RG_COL_PER_PC),
	};
	size_t i, n = co->n < (size_t)g->top ? co->n : (size_t)g->top;
	size_t row = TABLE_ROW + 1;
	lxw_worksheet *ws;
	lxw_chart *c;

	snprintf(nb, sizeof(nb), "%d", g->top);
	if (sbuf_addf(&nm, b->lang == OSK_LANG_JA ? "上位%d社" : "top %d",
		      g->top) < 0)
		b->nomem = true;
	ws = sheet(b, nm.buf, fmt1(b, &t, RT_RG_SEC_TOP, "n", nb));
	if (!ws)
		goto out;
	heads(b, ws, cols, 7);
	worksheet_set_column(ws, 2, 2, 30, NULL);
	worksheet_set_column(ws, 3, 3, 28, NULL);
	worksheet_set_column(ws, 4, 6, 11, NULL);
	for (i = 0; i < n; i++, row++) {
		const struct alerts_company_row *r = &co->rows[i];

		num(b, ws, row, 0, (double)(i + 1), b->count);
		num(b, ws, row, 1, (double)r->id, NULL);
		str(b, ws, row, 2, r->name, NULL);
		str(b, ws, row, 3, industries_name(g->ind, r->industry,
						   b->lang), NULL);
		num(b, ws, row, 4, r->pcs < 0 ? NAN : (double)r->pcs,
		    b->count);
		num(b, ws, row, 5, (double)r->alerts, b->count);
		num(b, ws, row, 6, round1(r->per_pc), b->dec);
	}
	if (!n)
		goto out;
	c = chart(b, LXW_CHART_BAR, fmt1(b, &t, RT_RG_SEC_TOP, "n", nb));
	if (c && series(b, c, nm.buf, TABLE_ROW + 1, TABLE_ROW + n, 2, 5)) {
		chart_axis_set_reverse(c->y_axis);
		insert(b, ws, 1, 8, c, 1 + (double)n / 12);
	}
out:
	sbuf_release(&t);
	sbuf_release(&nm);
}

static void
formats(struct book *b)
{
	b->title = workbook_add_format(b->wb);
	b->bold = workbook_add_format(b->wb);
	b->head = workbook_add_format(b->wb);
	b->count = workbook_add_format(b->wb);
	b->dec = workbook_add_format(b->wb);
	b->wrap = workbook_add_format(b->wb);
	if (!b->title || !b->bold || !b->head || !b->count || !b->dec ||
	    !b->wrap) {
		b->nomem = true;
		return;
	}
	format_set_bold(b->title);
	format_set_font_size(b->title, 13);
	format_set_bold(b->bold);
	format_set_bold(b->head);
	format_set_bottom(b->head, LXW_BORDER_THIN);
	format_set_bg_color(b->head, 0xE7EEF6);
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
	lxw_workbook_options opt = { 0 };
	struct report_alerts_xlsx x;
	struct book b;
	lxw_error le;
	char *tmp = NULL;
	int ret = 0, fd;

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
		ret = osk_fail(err, OSK_ECANTCREAT, "cannot create '%s': %s",
			       path, strerror(errno));
		goto out;
	}
	close(fd);
	if (!(b.wb = workbook_new_opt(tmp, &opt))) {
		unlink(tmp);
		goto nomem;
	}
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
	if (b.nomem) {
		workbook_close(b.wb);
		unlink(tmp);
		goto nomem;
	}
	if ((le = workbook_close(b.wb)) != LXW_NO_ERROR) {
		unlink(tmp);
		ret = osk_fail(err, le == LXW_ERROR_MEMORY_MALLOC_FAILED ?
			       OSK_ENOMEM : OSK_ECANTCREAT, "cannot create "
			       "'%s': %s", path, lxw_strerror(le));
		goto out;
	}
	if (rename(tmp, path)) {
		ret = osk_fail(err, OSK_ECANTCREAT, "cannot create '%s': %s",
			       path, strerror(errno));
		unlink(tmp);
	}
	goto out;
nomem:
	ret = osk_fail(err, OSK_ENOMEM, "out of memory");
out:
	sbuf_release(&b.plain);
	free(tmp);
	return ret;
}
