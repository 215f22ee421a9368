/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <xlsxwriter.h>

#include "report/survey_xlsx.h"
#include "report/xlsx_util.h"

#define SHEET_MAX 31		/* Excel's limit on a sheet name */
#define TABLE_ROW 3		/* first row of a question's table (0-based) */
#define PIE_MAX 6		/* single choice: pie up to this many choices */

struct book {
	const struct survey_tally *t;
	enum osk_lang lang;
	lxw_workbook *wb;
	lxw_format *title, *bold, *head, *pct, *count, *wrap, *link;
	char (*names)[4 * SHEET_MAX + 1];	/* sheet of each question */
	char summary[4 * SHEET_MAX + 1];
	bool nomem;
};

static const char *
T(const struct book *b, const char *ja, const char *en)
{
	return b->lang == OSK_LANG_JA ? ja : en;
}

static const char *
text(const struct book *b, const struct osk_text *t)
{
	return osk_text_get(t, b->lang);
}

/* ---- sheet names ---- */

static bool
name_taken(const struct book *b, size_t upto, const char *name)
{
	size_t i;

	if (!strcasecmp(b->summary, name))
		return true;
	for (i = 0; i < upto; i++)
		if (!strcasecmp(b->names[i], name))
			return true;
	return false;
}

/*
 * A valid sheet name for question id: the characters Excel refuses
 * replaced, at most 31 characters, unique among the names so far
 * (ignoring case, as Excel does).
 */
static void
sheet_name(struct book *b, size_t qi, const char *id)
{
	char *out = b->names[qi];
	size_t i, n = 0, chars = 0;
	int k;

	for (i = 0; id[i] && chars < SHEET_MAX; i++) {
		unsigned char c = (unsigned char)id[i];

		if ((c & 0xC0) != 0x80)
			chars++;
		if (chars > SHEET_MAX)
			break;
		out[n++] = strchr("[]:*?/\\'", c) ? '_' : (char)c;
	}
	/* never end inside a character */
	while (n && ((unsigned char)out[n - 1] & 0xC0) == 0xC0)
		n--;
	out[n] = '\0';
	if (!n)
		snprintf(out, 4 * SHEET_MAX + 1, "Q%zu", qi + 1);
	for (k = 2; name_taken(b, qi, out); k++) {
		char suffix[12];
		size_t keep;

		snprintf(suffix, sizeof(suffix), "~%d", k);
		keep = SHEET_MAX - strlen(suffix);
		if (n > keep)
			n = keep;	/* ids are ASCII in practice */
		snprintf(out + n, 4 * SHEET_MAX + 1 - n, "%s", suffix);
	}
}

/* ---- cells ---- */

static void
str(struct book *b, lxw_worksheet *ws, int row, int col, const char *s,
    lxw_format *f)
{
	xlsx_str(&b->nomem, ws, (size_t)row, col, s, f);
}

/* The tally gives no NaN: every value makes a cell. */
static void
num(struct book *b, lxw_worksheet *ws, int row, int col, double v,
    lxw_format *f)
{
	xlsx_num(&b->nomem, ws, (size_t)row, col, v, f);
}

static const char *
type_words(const struct book *b, enum qset_type t)
{
	switch (t) {
	case QSET_SINGLE: return T(b, "単一回答", "single choice");
	case QSET_MULTI: return T(b, "複数回答", "multiple choice");
	case QSET_NUMBER: return T(b, "数値", "number");
	default: return T(b, "自由記述", "free text");
	}
}

/* ---- charts ---- */

static lxw_chart *
new_chart(struct book *b, uint8_t type, const struct qset_question *qq)
{
	lxw_chart *c = xlsx_chart_new(&b->nomem, b->wb, type,
				      text(b, &qq->text), true);

	if (c && type != LXW_CHART_PIE) {
		/* bar charts: y is the category axis, x the values */
		lxw_chart_axis *value = type == LXW_CHART_BAR ||
			type == LXW_CHART_BAR_STACKED ? c->x_axis : c->y_axis;
		lxw_chart_axis *cat = value == c->x_axis ? c->y_axis
							 : c->x_axis;

		chart_axis_set_min(value, 0);
		chart_axis_set_max(value, 100);
		chart_axis_set_name(value, "%");
		if (type == LXW_CHART_BAR) {
			/* first choice at the top, values along the bottom */
			chart_axis_set_reverse(cat);
			chart_axis_set_crossing_max(cat);
		}
	}
	return c;
}

static void
insert_chart(struct book *b, lxw_worksheet *ws, lxw_chart *c, int col,
	     size_t ncat, size_t nseries)
{
	lxw_chart_options o = { 0 };
	double rows = (double)ncat * (double)(nseries > 1 ? nseries : 1);

	o.x_scale = 1.5;
	o.y_scale = rows > 8 ? 1 + (rows - 8) / 12 : 1;
	if (o.y_scale > 6)
		o.y_scale = 6;
	if (worksheet_insert_chart_opt(ws, 1, (lxw_col_t)col, c, &o))
		b->nomem = true;
}

/* Printed: landscape A4, one page wide. */
static void
print_setup(lxw_worksheet *ws)
{
	worksheet_set_landscape(ws);
	worksheet_set_paper(ws, 9);	/* A4 */
	worksheet_fit_to_pages(ws, 1, 0);
}

/* ---- question sheets ---- */

static void
sheet_heading(struct book *b, lxw_worksheet *ws, const struct survey_qtally *qt)
{
	char line[512];

	str(b, ws, 0, 0, text(b, &qt->qq->text), b->title);
	snprintf(line, sizeof(line),
		 T(b, "%s・%s・対象 %lld、回答 %lld、無回答 %lld（%% "
		   "は回答した %lld 人に対する割合）",
		   "%s, %s: asked %lld, answered %lld, no answer %lld (%% "
		   "of the %lld who answered)"),
		 qt->qq->id, type_words(b, qt->qq->type),
		 (long long)qt->asked, (long long)qt->answered,
		 (long long)qt->no_answer, (long long)qt->answered);
	str(b, ws, 1, 0, line, NULL);
}

/* Texts given with "other" or to a text question, from row on. */
static void
sheet_texts(struct book *b, lxw_worksheet *ws, int row, const char *what,
	    const char *const *s, size_t n)
{
	size_t i;

	if (!n)
		return;
	str(b, ws, row++, 0, what, b->bold);
	for (i = 0; i < n; i++)
		str(b, ws, row++, 1, s[i], b->wrap);
}

static void
sheet_numbers(struct book *b, lxw_worksheet *ws, const struct survey_qtally *qt)
{
	static const char *const en[] = { "n", "mean", "median", "min", "max" };
	static const char *const ja[] = {
		"n", "平均", "中央値", "最小", "最大"
	};
	double v[5];
	int i;

	v[0] = (double)qt->answered;
	v[1] = osk_round1(qt->mean);
	v[2] = qt->median;
	v[3] = qt->min;
	v[4] = qt->max;
	for (i = 0; i < 5; i++) {
		str(b, ws, TABLE_ROW + i, 0,
		    b->lang == OSK_LANG_JA ? ja[i] : en[i], b->bold);
		if (qt->answered || !i)
			num(b, ws, TABLE_ROW + i, 1, v[i], NULL);
	}
}

/* The table of one question over all responses, with its chart. */
static void
sheet_choices(struct book *b, lxw_worksheet *ws, const char *name,
	      const struct survey_qtally *qt)
{
	const struct qset_question *qq = qt->qq;
	int first = TABLE_ROW + 1, last = first + (int)qt->nchoices - 1;
	lxw_chart_series *s;
	lxw_chart *c;
	uint8_t type;
	size_t i;

	str(b, ws, TABLE_ROW, 0, T(b, "選択肢", "choice"), b->head);
	str(b, ws, TABLE_ROW, 1, T(b, "内容", "label"), b->head);
	str(b, ws, TABLE_ROW, 2, T(b, "件数", "count"), b->head);
	str(b, ws, TABLE_ROW, 3, "%", b->head);
	for (i = 0; i < qt->nchoices; i++) {
		const struct survey_choice_count *cc = &qt->choices[i];

		str(b, ws, first + (int)i, 0, cc->opt->id, NULL);
		str(b, ws, first + (int)i, 1, text(b, &cc->opt->label), NULL);
		num(b, ws, first + (int)i, 2, (double)cc->count, b->count);
		num(b, ws, first + (int)i, 3, cc->percent, b->pct);
	}
	sheet_texts(b, ws, last + 2, T(b, "その他の記述", "Other"),
		    qt->other, qt->nother);
	if (!qt->nchoices)
		return;
	if (qq->type == QSET_MULTI)
		type = LXW_CHART_BAR;
	else
		type = qt->nchoices <= PIE_MAX ? LXW_CHART_PIE
					       : LXW_CHART_COLUMN;
	if (!(c = new_chart(b, type, qq)))
		return;
	if (!(s = xlsx_series_add(&b->nomem, c, name, (size_t)first,
				  (size_t)last, 1, 3)))
		return;
	chart_series_set_name(s, "%");
	chart_series_set_labels(s);
	if (type != LXW_CHART_PIE)
		chart_legend_set_position(c, LXW_CHART_LEGEND_NONE);
	insert_chart(b, ws, c, 5, qt->nchoices, 1);
}

/*
 * A cross-tabulation: percentages per group (column "all" first), the
 * number who answered under them, then the counts; clustered bars.
 */
static void
sheet_crosstab(struct book *b, lxw_worksheet *ws, const char *name, size_t qi)
{
	const struct survey_tally *t = b->t;
	const struct survey_qtally *all = &t->questions[qi];
	int first = TABLE_ROW + 1, last = first + (int)all->nchoices - 1;
	int cfirst = last + 4, col, ncol;
	lxw_chart *c;
	size_t i, g;

	str(b, ws, TABLE_ROW, 0, T(b, "選択肢", "choice"), b->head);
	str(b, ws, TABLE_ROW, 1, T(b, "内容（%）", "label (%)"), b->head);
	str(b, ws, cfirst - 1, 0, T(b, "選択肢", "choice"), b->head);
	str(b, ws, cfirst - 1, 1, T(b, "内容（件数）", "label (count)"),
	    b->head);
	str(b, ws, last + 1, 1, T(b, "回答者数", "answered"), b->bold);
	for (i = 0; i < all->nchoices; i++) {
		const struct qset_option *o = all->choices[i].opt;

		str(b, ws, first + (int)i, 0, o->id, NULL);
		str(b, ws, first + (int)i, 1, text(b, &o->label), NULL);
		str(b, ws, cfirst + (int)i, 0, o->id, NULL);
		str(b, ws, cfirst + (int)i, 1, text(b, &o->label), NULL);
	}
	for (g = 0, col = 2; g <= t->ngroups; g++) {
		const struct survey_qtally *qt;
		char head[256];

		if (g == 0) {
			qt = all;
			snprintf(head, sizeof(head), "%s (n=%lld)",
				 T(b, "全体", "all"), (long long)t->responses);
		} else if (t->groups[g - 1].suppressed) {
			continue;
		} else {
			const struct survey_group *gr = &t->groups[g - 1];

			qt = &gr->questions[qi];
			snprintf(head, sizeof(head), "%s %s (n=%lld)", gr->id,
				 text(b, &gr->label), (long long)gr->n);
		}
		str(b, ws, TABLE_ROW, col, head, b->head);
		str(b, ws, cfirst - 1, col, head, b->head);
		for (i = 0; i < qt->nchoices; i++) {
			num(b, ws, first + (int)i, col,
			    qt->choices[i].percent, b->pct);
			num(b, ws, cfirst + (int)i, col,
			    (double)qt->choices[i].count, b->count);
		}
		num(b, ws, last + 1, col, (double)qt->answered, b->count);
		col++;
	}
	ncol = col - 2;
	sheet_texts(b, ws, cfirst + (int)all->nchoices + 1,
		    T(b, "その他の記述", "Other"), all->other, all->nother);
	if (!all->nchoices || !(c = new_chart(b, LXW_CHART_BAR, all->qq)))
		return;
	for (col = 2; col < 2 + ncol; col++) {
		lxw_chart_series *s = xlsx_series_add(&b->nomem, c, name,
						      (size_t)first,
						      (size_t)last, 1, col);

		if (!s)
			return;
		chart_series_set_name_range(s, name, TABLE_ROW, (lxw_col_t)col);
	}
	chart_legend_set_position(c, LXW_CHART_LEGEND_BOTTOM);
	insert_chart(b, ws, c, 3 + ncol, all->nchoices, (size_t)ncol);
}

static int
question_sheet(struct book *b, size_t qi)
{
	const struct survey_tally *t = b->t;
	const struct survey_qtally *qt = &t->questions[qi];
	lxw_worksheet *ws = workbook_add_worksheet(b->wb, b->names[qi]);

	if (!ws)
		return -1;
	worksheet_set_column(ws, 0, 0, 14, NULL);
	worksheet_set_column(ws, 1, 1, 44, NULL);
	worksheet_set_column(ws, 2, 40, 11, NULL);
	print_setup(ws);
	sheet_heading(b, ws, qt);
	switch (qt->qq->type) {
	case QSET_NUMBER:
		sheet_numbers(b, ws, qt);
		break;
	case QSET_TEXT:
		sheet_texts(b, ws, TABLE_ROW, T(b, "回答", "Answers"),
			    qt->texts, qt->ntexts);
		break;
	default:
		if (t->by != SURVEY_BY_NONE && survey_tally_shown(t))
			sheet_crosstab(b, ws, b->names[qi], qi);
		else
			sheet_choices(b, ws, b->names[qi], qt);
	}
	return 0;
}

/* ---- the summary sheet ---- */

static int
summary_row(struct book *b, lxw_worksheet *ws, int row, const char *key,
	    const char *value)
{
	str(b, ws, row, 0, key, b->bold);
	str(b, ws, row, 1, value, NULL);
	return row + 1;
}

static int
summary_groups(struct book *b, lxw_worksheet *ws, int row)
{
	const struct survey_tally *t = b->t;
	char buf[2048];
	size_t g, len = 0;
	char min[96];

	row = summary_row(b, ws, row, T(b, "区分", "Grouped by"), t->by_id);
	buf[0] = '\0';
	for (g = 0; g < t->ngroups; g++)
		if (t->groups[g].suppressed && len < sizeof(buf) - 64)
			len += (size_t)snprintf(buf + len, sizeof(buf) - len,
						"%s%s (n=%lld)",
						len ? ", " : "",
						t->groups[g].id,
						(long long)t->groups[g].n);
	snprintf(min, sizeof(min), T(b, "表示しない区分（%d 件未満）",
				     "Not shown (fewer than %d)"),
		 t->min_group);
	row = summary_row(b, ws, row, min, len ? buf : "-");
	str(b, ws, row, 0, T(b, "区分のわからない回答", "In no group"),
	    b->bold);
	num(b, ws, row++, 1, (double)t->ungrouped, b->count);
	return row;
}

static int
summary_sheet(struct book *b)
{
	static const char *const en[] = {
		"question", "text", "type", "asked", "answered", "no answer"
	};
	static const char *const ja[] = {
		"質問", "内容", "形式", "対象", "回答", "無回答"
	};
	const struct survey_tally *t = b->t;
	lxw_worksheet *ws = workbook_add_worksheet(b->wb, b->summary);
	char set[256], url[128];
	int row = 2, col;
	size_t qi;

	if (!ws)
		return -1;
	worksheet_set_column(ws, 0, 0, 22, NULL);
	worksheet_set_column(ws, 1, 1, 90, NULL);
	worksheet_set_column(ws, 2, 5, 12, NULL);
	print_setup(ws);
	str(b, ws, 0, 0, text(b, &t->set->title), b->title);
	snprintf(set, sizeof(set), "%s (%s %d)", t->set->id,
		 T(b, "第", "version"), t->set->version);
	row = summary_row(b, ws, row, T(b, "質問票", "Question set"), set);
	str(b, ws, row, 0, T(b, "回答数", "Responses"), b->bold);
	num(b, ws, row++, 1, (double)t->responses, b->count);
	row = summary_row(b, ws, row, T(b, "イベント", "Event"),
			  t->event ? t->event : T(b, "すべて", "all"));
	row = summary_row(b, ws, row, T(b, "割合の基準", "Percentages"),
			  T(b, "各質問に回答した人に対する割合。複数回答の質問"
			    "では合計が 100% を超えることがあります。",
			    "of the respondents who answered each question; "
			    "for multiple choice they can add up to more than "
			    "100"));
	if (t->by != SURVEY_BY_NONE)
		row = summary_groups(b, ws, row);
	row++;
	for (col = 0; col < 6; col++)
		str(b, ws, row, col, b->lang == OSK_LANG_JA ? ja[col]
							   : en[col], b->head);
	row++;
	for (qi = 0; qi < t->nquestions; qi++, row++) {
		const struct survey_qtally *qt = &t->questions[qi];

		snprintf(url, sizeof(url), "internal:'%s'!A1", b->names[qi]);
		if (worksheet_write_url_opt(ws, (lxw_row_t)row, 0, url,
					    b->link, qt->qq->id, NULL))
			str(b, ws, row, 0, qt->qq->id, NULL);
		str(b, ws, row, 1, text(b, &qt->qq->text), NULL);
		str(b, ws, row, 2, type_words(b, qt->qq->type), NULL);
		num(b, ws, row, 3, (double)qt->asked, b->count);
		num(b, ws, row, 4, (double)qt->answered, b->count);
		num(b, ws, row, 5, (double)qt->no_answer, b->count);
	}
	return 0;
}

/* ---- the workbook ---- */

static void
make_formats(struct book *b)
{
	xlsx_formats_base(&b->nomem, b->wb, &b->title, &b->bold, &b->head);
	if (b->nomem)
		return;
	b->pct = workbook_add_format(b->wb);
	b->count = workbook_add_format(b->wb);
	b->wrap = workbook_add_format(b->wb);
	b->link = workbook_add_format(b->wb);
	if (!b->pct || !b->count || !b->wrap || !b->link) {
		b->nomem = true;
		return;
	}
	format_set_text_wrap(b->head);
	format_set_num_format(b->pct, "0.0");
	format_set_num_format(b->count, "0");
	format_set_text_wrap(b->wrap);
	format_set_underline(b->link, LXW_UNDERLINE_SINGLE);
	format_set_font_color(b->link, LXW_COLOR_BLUE);
}

int
report_survey_xlsx_write(const struct survey_tally *t, const char *path,
			 enum osk_lang lang, struct osk_error *err)
{
	struct book b;
	char *tmp = NULL;
	size_t qi;
	int r;

	memset(&b, 0, sizeof(b));
	b.t = t;
	b.lang = lang;
	if (!(b.names = calloc(t->nquestions + 1, sizeof(*b.names)))) {
		r = osk_fail(err, OSK_ENOMEM, "out of memory");
		goto out;
	}
	snprintf(b.summary, sizeof(b.summary), "%s",
		 T(&b, "集計", "Summary"));
	for (qi = 0; qi < t->nquestions; qi++)
		sheet_name(&b, qi, t->questions[qi].qq->id);
	if ((r = xlsx_book_open(path, &tmp, &b.wb, err)))
		goto out;
	make_formats(&b);
	if (summary_sheet(&b))
		b.nomem = true;
	for (qi = 0; qi < t->nquestions && !b.nomem; qi++)
		if (question_sheet(&b, qi))
			b.nomem = true;
	r = xlsx_book_close(b.wb, tmp, path, b.nomem, err);
out:
	free(b.names);
	free(tmp);
	return r;
}
