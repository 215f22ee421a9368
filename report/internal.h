/* SPDX-License-Identifier: MIT */
#ifndef REPORT_INTERNAL_H
#define REPORT_INTERNAL_H

/* Shared inside report/ only. */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cairo.h>
#include <pango/pangocairo.h>

#include "core/error.h"
#include "core/sbuf.h"
#include "core/text.h"
#include "report/canvas.h"
#include "report/report.h"

/* ---- page geometry (points, A4 portrait) ---- */

#define PAGE_W 595.28
#define PAGE_H 841.89
#define PNG_DPI 150.0

/* ---- colours: 0xRRGGBB ---- */

#define C_INK		0x1f2933	/* body text */
#define C_MUTED		0x5f6b7a	/* secondary text */
#define C_FAINT		0x9aa5b1	/* captions, axis ticks */
#define C_RULE		0xd5dbe3	/* thin rules */
#define C_TINT		0xf3f5f8	/* table stripes, boxes */
#define C_NAVY		0x1b3a6b	/* header band, headings */
#define C_ACCENT	0x3d7bd9	/* accent bar, own series */
#define C_CMP		0xe07b24	/* comparison series */
#define C_PREV		0x8a94a6	/* previous assessment */
#define C_WHITE		0xffffff

/* ---- fixed texts of questions/report.yaml (texts.c) ---- */

/* X(enum suffix, yaml key) */
#define REPORT_TEXT_KEYS(X)					\
	X(TITLE, "title") X(SUBTITLE, "subtitle")			\
	X(TO_COMPANY, "to_company") X(DATE, "date")			\
	X(CONSULTANT, "consultant") X(SCOPE, "scope")			\
	X(OVERALL, "overall") X(POINTS, "points") X(OF_100, "of_100")	\
	X(NO_SCORE, "no_score") X(CMP_SCORE, "cmp_score")		\
	X(PREV_SCORE, "prev_score") X(SELFCHECK, "selfcheck")		\
	X(CMP_INDUSTRY, "cmp_industry")					\
	X(CMP_INDUSTRY_NONAME, "cmp_industry_noname")			\
	X(CMP_REFERENCE, "cmp_reference")				\
	X(CMP_REFERENCE_N, "cmp_reference_n") X(CMP_ALL, "cmp_all")	\
	X(CMP_NONE, "cmp_none") X(YOU, "you") X(PREVIOUS, "previous")	\
	X(CHART_TITLE, "chart_title") X(SEC_AREAS, "sec_areas")		\
	X(COL_AREA, "col_area") X(COL_SCORE, "col_score")		\
	X(COL_CMP, "col_cmp") X(COL_GRADE, "col_grade")			\
	X(COL_COMMENT, "col_comment") X(GRADE_KEY, "grade_key")		\
	X(BAND, "band") X(BAND_BELOW, "band_below")			\
	X(ABOVE_AVG, "above_avg")					\
	X(BELOW_AVG, "below_avg") X(SEC_FIRST, "sec_first")		\
	X(FIRST_NONE, "first_none") X(SEC_SA, "sec_sa")			\
	X(SA_WHAT, "sa_what") X(SA_ONE, "sa_one") X(SA_TWO, "sa_two")	\
	X(SA_READY, "sa_ready") X(SA_TODO, "sa_todo")			\
	X(SA_AFTER_ONE, "sa_after_one") X(SA_ALL_DONE, "sa_all_done")	\
	X(SEC_NET, "sec_net") X(NET_PERIOD, "net_period")		\
	X(NET_TOTAL, "net_total") X(NET_COUNT, "net_count")		\
	X(NET_QUIET, "net_quiet") X(NET_NODATA, "net_nodata")		\
	X(NET_DEVICES, "net_devices") X(NET_INCIDENTS, "net_incidents")	\
	X(NET_DEV_MORE, "net_dev_more")					\
	X(NET_TODO, "net_todo") X(NET_OPENED, "net_opened")		\
	X(SEC_NEXT, "sec_next") X(NEXT_INTRO, "next_intro")		\
	X(NEXT_NONE, "next_none") X(SEC_DESK, "sec_desk")		\
	X(DESK_PHONE, "desk_phone") X(DESK_HOURS, "desk_hours")		\
	X(DESK_EMAIL, "desk_email") X(DESK_URL, "desk_url")		\
	X(DESK_UNSET, "desk_unset") X(MORE, "more")			\
	X(DAY, "day") X(MONTH, "month")					\
	X(INFO_EMPLOYEES, "info_employees") X(INFO_PCS, "info_pcs")	\
	X(INFO_SEP, "info_sep") X(NET_OTHER, "net_other")		\
	X(SA_1, "sa_1") X(SA_2, "sa_2") X(SA_3, "sa_3") X(SA_4, "sa_4")	\
	X(SA_5, "sa_5") X(SA_NEED_ONE, "sa_need_one")			\
	X(SA_SELFCHECK, "sa_selfcheck")					\
	X(SA_POLICY_WRITTEN, "sa_policy_written")			\
	X(SA_POLICY_PUBLISHED, "sa_policy_published")			\
	X(GUIDE_TITLE, "guide_title") X(GUIDE_1, "guide_1")		\
	X(GUIDE_2, "guide_2") X(GUIDE_3, "guide_3")			\
	X(FOOTER, "footer") X(PAGE, "page")

/* The programme reports: pg_ both, sv_ survey, rg_ region. */
#define REPORT_PROGRAMME_KEYS(X)					\
	X(PG_ALL_PERIODS, "pg_all_periods") X(PG_MADE, "pg_made")	\
	X(PG_CONTENTS, "pg_contents") X(PG_GUIDE, "pg_guide")		\
	X(SV_TITLE, "sv_title") X(SV_SUBTITLE, "sv_subtitle")		\
	X(SV_EVENT, "sv_event") X(SV_ALL_EVENTS, "sv_all_events")	\
	X(SV_RESPONSES, "sv_responses")					\
	X(SV_QUESTIONS, "sv_questions") X(SV_GROUPING, "sv_grouping")	\
	X(SV_NO_GROUPING, "sv_no_grouping")				\
	X(SV_BY_INDUSTRY, "sv_by_industry")				\
	X(SV_BY_SIZE, "sv_by_size") X(SV_N_RESP, "sv_n_resp")		\
	X(SV_N_Q, "sv_n_q") X(SV_BASE_TITLE, "sv_base_title")		\
	X(SV_BASE_1, "sv_base_1") X(SV_BASE_2, "sv_base_2")		\
	X(SV_BASE_3, "sv_base_3") X(SV_BASE_GROUPS, "sv_base_groups")	\
	X(SV_SUPPRESSED, "sv_suppressed")				\
	X(SV_UNGROUPED, "sv_ungrouped") X(SV_Q, "sv_q")			\
	X(SV_SINGLE, "sv_single") X(SV_MULTI, "sv_multi")		\
	X(SV_MULTI_MAX, "sv_multi_max") X(SV_NUMBER, "sv_number")	\
	X(SV_TEXT, "sv_text") X(SV_BASE_N, "sv_base_n")			\
	X(SV_VALUE, "sv_value") X(SV_WHEN, "sv_when")			\
	X(SV_LIST_SEP, "sv_list_sep") X(SV_OTHER, "sv_other")		\
	X(SV_TEXTS, "sv_texts") X(SV_STATS, "sv_stats")			\
	X(SV_NO_ANSWERS, "sv_no_answers") X(SV_ALL, "sv_all")		\
	X(SV_BY_GROUP, "sv_by_group") X(SV_GROUP_N, "sv_group_n")	\
	X(SV_FOOTER, "sv_footer") X(RG_TITLE, "rg_title")		\
	X(SV_BY_GROUP_MEAN, "sv_by_group_mean") X(SV_MEAN, "sv_mean")	\
	X(RG_SUBTITLE, "rg_subtitle") X(RG_PERIOD, "rg_period")		\
	X(RG_KEY, "rg_key") X(RG_COMPANIES, "rg_companies")		\
	X(RG_ASSESSED, "rg_assessed") X(RG_AVG, "rg_avg")		\
	X(RG_SENSORS, "rg_sensors") X(RG_ALERTS, "rg_alerts")		\
	X(RG_PER_PC, "rg_per_pc") X(RG_N_COMPANIES, "rg_n_companies")	\
	X(RG_N_ALERTS, "rg_n_alerts")					\
	X(RG_SEC_GRADES, "rg_sec_grades")				\
	X(RG_GRADES_NOTE, "rg_grades_note")				\
	X(RG_SEC_CATS, "rg_sec_cats") X(RG_CATS_NOTE, "rg_cats_note")	\
	X(RG_ALL_IND, "rg_all_ind")					\
	X(RG_SEC_CATS_IND, "rg_sec_cats_ind")				\
	X(RG_OVERALL, "rg_overall") X(RG_SEC_PHASES, "rg_sec_phases")	\
	X(RG_PHASES_NOTE, "rg_phases_note")				\
	X(RG_SEC_INDUSTRIES, "rg_sec_industries")			\
	X(RG_SEC_TOP, "rg_sec_top") X(RG_SEC_CORR, "rg_sec_corr")	\
	X(RG_CORR, "rg_corr") X(RG_CORR_NONE, "rg_corr_none")		\
	X(RG_CORR_STRONG, "rg_corr_strong")				\
	X(RG_CORR_SOME, "rg_corr_some")					\
	X(RG_CORR_WEAK, "rg_corr_weak") X(RG_CORR_NEG, "rg_corr_neg")	\
	X(RG_CORR_READ, "rg_corr_read") X(RG_COL_RANK, "rg_col_rank")	\
	X(RG_COL_COMPANY, "rg_col_company")				\
	X(RG_COL_INDUSTRY, "rg_col_industry")				\
	X(RG_COL_COMPANIES, "rg_col_companies")				\
	X(RG_COL_PCS, "rg_col_pcs") X(RG_COL_ALERTS, "rg_col_alerts")	\
	X(RG_COL_PER_PC, "rg_col_per_pc")				\
	X(RG_COL_COUNT, "rg_col_count")					\
	X(RG_COL_SHARE, "rg_col_share")					\
	X(RG_COL_PHASE, "rg_col_phase")					\
	X(RG_COL_EVENT, "rg_col_event") X(RG_TOTAL, "rg_total")		\
	X(RG_NO_DIAG, "rg_no_diag") X(RG_NO_ALERTS, "rg_no_alerts")	\
	X(RG_AXIS_PCS, "rg_axis_pcs")					\
	X(RG_AXIS_ALERTS, "rg_axis_alerts") X(RG_FOOTER, "rg_footer")	\
	X(RG_GUIDE_2, "rg_guide_2") X(RG_GUIDE_3, "rg_guide_3")

#define X(e, k) RT_##e,
enum rt_key { REPORT_TEXT_KEYS(X) REPORT_PROGRAMME_KEYS(X) RT_NKEYS };
#undef X

#define RT_MAX_GRADES 8

struct rt_grade {
	const char *id;
	const char *label[2];		/* [enum osk_lang] */
	const char *sentence[2];
	const char *comment[2];
};

#define RT_MAX_ENVS 8

/* A diagnosis set printed as one page, and what it checks. */
struct rt_env {
	const char *set;
	const char *name[2];
};

struct rt_term {
	const char *term;
	size_t len;
	const char *plain;
	bool ascii;		/* whole-word, case-insensitive match */
};

struct report_texts {
	struct yaml_doc *doc;		/* owns every string below */
	const char *text[RT_NKEYS][2];
	struct rt_grade grades[RT_MAX_GRADES];
	size_t ngrades;
	const char *cost[4][2];		/* [enum report_cost] */
	struct rt_env envs[RT_MAX_ENVS];
	size_t nenvs;
	struct rt_term *terms[2];	/* longest first */
	size_t nterms[2];
	/* bit (b0 << 8 | b1): a term may start with bytes b0 b1 */
	uint8_t first[2][65536 / 8];
};

/*
 * Load report.yaml at path. Every key of REPORT_TEXT_KEYS is required;
 * unknown keys are errors. 0 or -OSK_E* with err ("path:L:C: ...").
 * Release with texts_release().
 */
int texts_load(struct report_texts *t, const char *path,
	       struct osk_error *err);
void texts_release(struct report_texts *t);

const char *texts_get(const struct report_texts *t, enum rt_key k,
		      enum osk_lang lang);

/* The grade with that id, or NULL. */
const struct rt_grade *texts_grade(const struct report_texts *t,
				   const char *id);

/* Index of a grade (0 best), or -1. */
int texts_grade_index(const struct report_texts *t, const char *id);

/*
 * Append s to out with every glossary term of lang followed by its plain
 * explanation (unless it already is). 0 or -OSK_ENOMEM.
 */
int texts_plain(const struct report_texts *t, enum osk_lang lang,
		const char *s, struct sbuf *out);

/*
 * Append template tmpl to out with each "{name}" replaced by the value
 * given after it in the NULL-terminated list of name, value pairs
 * (unknown names are kept as written). 0 or -OSK_ENOMEM.
 */
int texts_format(struct sbuf *out, const char *tmpl, ...);

/* ---- fonts and text drawing (font.c) ---- */

/*
 * A laid-out text, kept so that drawing a text just measured (a table
 * cell sized by its content, say) does not shape it again, and so that
 * the texts every sheet shares (headings, labels, plain-language
 * comments) are shaped once per batch worker, not once per sheet.
 */
struct layout_slot {
	PangoLayout *layout;
	char *text;			/* NULL: free */
	uint32_t hash;
	int size, width, spacing, indent;	/* Pango units */
	bool bold;
	PangoAlignment align;
	unsigned long used;
};

/* A two-way set-associative cache: bounded memory, least recently used out. */
#define LAYOUT_WAYS 2
#define LAYOUT_SETS 512
#define LAYOUT_SLOTS (LAYOUT_WAYS * LAYOUT_SETS)

struct report_fonts {
	PangoFontMap *map;
	PangoContext *ctx;
	struct layout_slot slots[LAYOUT_SLOTS];
	unsigned long tick;
	PangoFontDescription *desc;
	cairo_font_options_t *opts;
	enum osk_lang lang;		/* of the context */
	bool on_cairo;			/* context last set for a cairo_t */
};

/*
 * Create the font map and context (IPAexGothic via fontconfig). Fails with
 * OSK_EIO when that font is not installed. Release with fonts_release().
 */
int fonts_init(struct report_fonts *f, struct osk_error *err);
void fonts_release(struct report_fonts *f);

/* How a text is set. Zero fields mean the defaults noted. */
struct tstyle {
	double size;		/* points */
	double min;		/* smallest size when shrinking; 0: size */
	bool bold;
	uint32_t color;		/* 0xRRGGBB; 0 is black */
	PangoAlignment align;	/* default left */
	int lines;		/* at most this many lines; 0: as fit */
	double spacing;		/* extra space between lines, points */
	double indent;		/* first line starts this far in */
	bool raw;		/* no glossary (names, numbers, addresses) */
	bool middle;		/* centre vertically in the box */
};

/* State while drawing one sheet. */
struct rctx {
	struct report_renderer *r;
	struct report_fonts *fonts;
	const struct report_texts *texts;
	struct canvas *cv;
	enum osk_lang lang;
	struct sbuf plain;		/* scratch: glossary output */
	struct sbuf fmt;		/* scratch: formatted strings */
	struct sbuf flat;		/* scratch: text_draw() fallback */
	int status;			/* first error (-OSK_ENOMEM) */
};

/* Point the context at c->cv (call once per page). */
void fonts_begin(struct rctx *c);

/*
 * Draw text in the box (x, y, w, h): wrapped to w, set smaller down to
 * st->min if it does not fit, then cut with "…" on the last line that
 * fits. Nothing is drawn outside the box. Returns the height used.
 */
double text_draw(struct rctx *c, const char *text, double x, double y,
		 double w, double h, const struct tstyle *st);

/* Height of text wrapped to w at st->size (no shrinking, no line limit). */
double text_height(struct rctx *c, const char *text, double w,
		   const struct tstyle *st);

/* Width of text on one line at st->size. */
double text_width(struct rctx *c, const char *text, const struct tstyle *st);

/* Height of one line at size. */
double text_line_height(struct rctx *c, double size);

/* A text from report.yaml in the sheet's language. */
const char *T(struct rctx *c, enum rt_key k);

/*
 * Format a text from report.yaml with name/value pairs (NULL-terminated)
 * into a buffer valid until the next call of TF().
 */
const char *TF(struct rctx *c, enum rt_key k, ...);

/* ---- drawing helpers (sheet.c) ---- */

void set_rgb(struct canvas *cv, uint32_t rgb);
void set_rgba(struct canvas *cv, uint32_t rgb, double alpha);
void rounded_rect(struct canvas *cv, double x, double y, double w, double h,
		  double r);

/* The navy band h points high across the top of a page, an accent below. */
void band_draw(struct canvas *cv, double h);

/* rgb mixed with white: t = 0 white, 1 rgb. */
uint32_t tint(uint32_t rgb, double t);

/* Colour of grade index i (0 best: green .. red); -1: no grade. */
uint32_t grade_color(int i);

/*
 * A filled pill of height h with centred text; returns its width. right:
 * x is its right edge.
 */
double pill(struct rctx *c, const char *text, double x, double y, double h,
	    uint32_t bg, uint32_t fg, double size, bool right);

/* A section heading with a rule under it; returns the height used. */
double section_heading(struct rctx *c, const char *text, double x, double y,
		       double w);

/* ---- charts (chart_radar.c, chart_bar.c) ---- */

struct chart_series {
	const double *v;	/* n values, 0..max; REPORT_NONE: no point */
	const char *name;	/* legend */
	uint32_t color;
	double fill;		/* fill alpha, 0: none */
	double width;		/* line width */
	int dash;		/* 0 solid, 1 dashed, 2 dotted */
	bool dots;		/* mark each point */
};

struct chart_radar {
	const char *const *labels;	/* n axis labels */
	size_t n;			/* >= 3 */
	const struct chart_series *series;
	size_t nseries;			/* drawn last to first: first on top */
	double max;			/* value at the rim */
	double step;			/* grid rings every step */
	double label_size;		/* points */
};

/* A radar chart centred in the box, labels included. */
void chart_radar_draw(struct rctx *c, const struct chart_radar *ch, double x,
		      double y, double w, double h);

/*
 * A score bar: a track of width w, the value (0..max) filled in color, a
 * tick for marker (REPORT_NONE: none).
 */
void chart_scorebar_draw(struct canvas *cv, double x, double y, double w, double h,
			 double value, double marker, double max,
			 uint32_t color);

/*
 * Horizontal grouped bars with labels on the left: the sheet's fallback
 * for fewer than three areas, and the charts of the programme reports.
 * Fields after size are optional (zero: as the sheet draws them).
 */
struct chart_bars {
	const char *const *labels;	/* n rows */
	size_t n;
	const struct chart_series *series;	/* v: n values each */
	size_t nseries;
	double max;			/* 0: the largest value */
	const char *unit;		/* after each value ("%"), or NULL */
	int decimals;			/* value labels */
	double label_w;			/* width of the label column */
	double size;			/* text size */
	/* value labels, n * nseries, row by row; NULL: the number */
	const char *const *values;
	double value_w;			/* their width; 0: size * 4 */
	const uint32_t *colors;		/* a colour per row (series 0) */
	bool track;			/* a light track up to max */
	double grid;			/* a rule every grid units; 0: none */
	int label_lines;		/* lines of a label; 0: 2 */
	bool label_left;		/* labels aligned left, not right */
	bool label_raw;			/* labels without the glossary */
};

void chart_bars_draw(struct rctx *c, const struct chart_bars *ch, double x,
		     double y, double w, double h);

/*
 * A legend of the series (swatch and name each), centred in rows of width
 * w starting at y. Returns the height; draws only if draw is true.
 */
double chart_legend(struct rctx *c, const struct chart_series *s, size_t n,
		    double x, double y, double w, double size, bool draw);

/* Points of a scatter chart with axes, for programme reports. */
struct chart_scatter {
	const double *x, *y;		/* n points; NAN: left out */
	size_t n;
	const char *xlabel, *ylabel;	/* axis titles */
	uint32_t color;
	double size;			/* text size */
};

void chart_scatter_draw(struct rctx *c, const struct chart_scatter *ch,
			double x, double y, double w, double h);

/*
 * A "nice" axis for values up to max: the step (1, 2 or 5 times a power
 * of ten) and the top (a multiple of it), about ticks steps.
 */
double chart_nice_step(double max, int ticks, double *top);

/* Baseline of a line at size, from its top. */
double text_baseline(struct rctx *c, double size);

/* ---- the sheet (sheet.c) ---- */

/* Draw page i of sheet s with c->cv on an A4 page in points. */
void sheet_page_draw(struct rctx *c, const struct report_sheet *s, size_t i);

/* ---- documents of several pages (surface.c) ---- */

/* A document drawn page by page on A4 portrait. */
struct report_doc {
	enum osk_lang lang;
	long long created;	/* as report_sheet.created */
	const char *title;	/* PDF metadata */
	const char *author;	/* PDF metadata, or NULL */
	/*
	 * Lay the document out, measuring texts with c (no page drawn yet):
	 * returns the number of pages (>= 1) or -OSK_E*. NULL: npages.
	 */
	int (*plan)(struct rctx *c, void *data);
	size_t npages;
	/* Draw page i of n with c->cv on an A4 page in points. */
	void (*draw)(struct rctx *c, void *data, size_t i, size_t n);
	void *data;
};

/*
 * Draw d as report_renderer_render_to() / report_renderer_render() draw
 * a sheet (PDF: every page; PNG and SVG: one page, or one file per page).
 */
int doc_render_to(struct report_renderer *r, const struct report_doc *d,
		  enum report_fmt fmt, size_t page,
		  int (*write)(void *closure, const void *data, size_t len),
		  void *closure, struct osk_error *err);
int doc_render(struct report_renderer *r, const struct report_doc *d,
	       enum report_fmt fmt, const char *path, struct osk_error *err);

/* ---- parts of the programme reports (doc.c) ---- */

#define DOC_ML 34.0			/* left and right margin */
#define DOC_CW (PAGE_W - 2 * DOC_ML)	/* content width */
#define DOC_BOTTOM (PAGE_H - 32.0)	/* lowest y for content */

/* The header band's texts; NULL: left out. */
struct doc_head {
	const char *title, *subtitle;	/* left: large, then small */
	const char *name;		/* right, bold */
	const char *meta1, *meta2;	/* right, small (meta2: title page) */
};

/*
 * The navy header band, tall on a title page and slim on the others.
 * Returns the y just below it.
 */
double doc_header(struct rctx *c, const struct doc_head *h, bool title_page);

/* The footer rule with a note and "page / pages". page is 0-based. */
void doc_footer(struct rctx *c, const char *note, size_t page, size_t pages);

/* A key figure in a tinted box: caption, the value large, a note. */
void doc_tile(struct rctx *c, double x, double y, double w, double h,
	      const char *caption, const char *value, const char *note,
	      uint32_t color);

/*
 * A light box with an optional title and one bullet per line. Returns
 * its height; draws only when draw is true.
 */
double doc_note_box(struct rctx *c, const char *title,
		    const char *const *lines, size_t n, double x, double y,
		    double w, bool draw);

struct doc_col {
	const char *head;
	double w;
	PangoAlignment align;
	bool raw;		/* no glossary (names, numbers) */
};

struct doc_row {
	double min_h;		/* the row is at least this high */
	bool stripe;		/* tinted background */
	bool bold;
	const uint32_t *fills;	/* a background per cell, 0: none */
	const uint32_t *colors;	/* a text colour per cell, 0: ink */
	double indent;		/* the first cell starts this far in */
};

/* The navy head of a table (two lines at most); returns its height. */
double doc_table_head(struct rctx *c, const struct doc_col *cols, size_t n,
		      double x, double y, double size);
double doc_table_head_height(struct rctx *c, const struct doc_col *cols,
			     size_t n, double size);

/* A row of cells (wrapped, at most 3 lines); returns its height. */
double doc_table_row(struct rctx *c, const struct doc_col *cols, size_t n,
		     const char *const *cells, double x, double y,
		     double size, const struct doc_row *r);
double doc_table_row_height(struct rctx *c, const struct doc_col *cols,
			    size_t n, const char *const *cells, double size,
			    double min, bool bold);

/* v with decimals as printed ("—" for none); 1 decimal rounds half-up. */
const char *doc_num(char buf[32], double v, int decimals);

/* A whole number with thousands separators: "3,539". */
const char *doc_count(char buf[32], long long v);

/*
 * "作成日 2025年11月25日" (pg_made) for created (seconds; < 0: now) into
 * *out (caller frees). 0 or -OSK_ENOMEM.
 */
int doc_made(const struct report_texts *tx, enum osk_lang lang,
	     long long created, char **out);

/* ---- the region report's figures (region.c) ---- */

#define RT_MAX_CATS 32

struct report_region_cat {
	size_t index;		/* into the set's categories */
	const char *name;	/* plain name (borrowed from the set) */
	const char *label;	/* short title */
	double mean;		/* over the companies with a score */
	int n;
	char grade[8];		/* grade of the mean */
};

struct report_region_ind {
	char id[2];		/* JSIC letter */
	int n;			/* companies diagnosed */
	bool has_overall;
	double overall;
	bool has_cat[RT_MAX_CATS];	/* false: fewer than peers.min */
	double cat[RT_MAX_CATS];	/* by report_region.cats */
};

struct report_region_grade {
	const char *id, *label;	/* borrowed from the set */
	double min;
	int count;
};

struct report_region {
	enum osk_lang lang;
	long long created;
	char *from, *to;		/* NULL: open */
	int top;			/* companies listed by warnings */
	int peers_min;
	char *desk;			/* config desk.name, or NULL */
	int64_t registered;		/* companies */
	/* diagnosis: each company's latest completed diag-office */
	struct qset *set;		/* newest diag-office, or NULL */
	size_t assessed;
	bool has_overall;
	double overall;
	int overall_n;
	char overall_grade[8];
	struct report_region_grade grades[RT_MAX_GRADES];
	size_t ngrades;
	struct report_region_cat cats[RT_MAX_CATS];
	size_t ncats;
	struct report_region_ind inds[20];	/* n >= peers_min */
	size_t ninds;
	/* sensor alerts of the period */
	const struct alerts_catalog *cat;
	const struct industries *ind;
	struct alerts_catalog *own_cat;
	struct industries *own_ind;
	struct alerts_by_event events;
	struct alerts_by_company companies_alerts;
	struct alerts_by_industry industries_alerts;
	struct alerts_stats stats;
	bool has_events, has_companies, has_industries;
	int64_t pcs, alerts_pcs;	/* over companies with known PCs */
};

/* ---- the renderer (surface.c) ---- */

struct report_renderer {
	struct report_fonts fonts;
	struct report_texts texts;
	struct pdf_cache *pdf;		/* fonts and compressor for PDF */
};

#endif
