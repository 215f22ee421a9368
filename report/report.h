/* SPDX-License-Identifier: MIT */
#ifndef REPORT_REPORT_H
#define REPORT_REPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "alerts/alerts.h"
#include "core/error.h"
#include "core/industry.h"
#include "core/store.h"
#include "core/text.h"
#include "diag/diag.h"
#include "survey/survey.h"

/*
 * The health-check sheet: what the owner holds in their hand.
 *
 * report/ only draws. Callers fill a struct report_sheet with plain data
 * (strings already in the sheet's language, numbers, arrays; all borrowed
 * for the duration of the call) and render it to PDF, PNG (150 dpi) or SVG
 * from the same drawing code. Every fixed word on the sheet (headings, the
 * sentence per grade, cost tags, the plain-words glossary) comes from
 * questions/report.yaml, in the sheet's language.
 *
 * Plain words: every text drawn goes through the glossary of report.yaml;
 * a technical term ("UTM", "多要素認証") gets its plain explanation next to
 * it, e.g. "UTM（ネットワークの出入口でまとめて守る機器）".
 *
 * Layout: A4 portrait, one page per entry of sheet.pages (one environment
 * assessed: office, telework). Texts never leave their box: a text that
 * does not fit is set smaller (down to a floor), then cut with "…"; lists
 * that do not fit end with "and N more".
 */

/* No value: a score or comparison that does not exist. */
#define REPORT_NONE (-1.0)

enum report_fmt {
	REPORT_FMT_PDF,		/* all pages in one file */
	REPORT_FMT_PNG,		/* 150 dpi; page 2.. in "<stem>-2.png" ... */
	REPORT_FMT_SVG,		/* same naming as PNG */
};

enum report_cost {
	REPORT_COST_NONE,	/* no tag */
	REPORT_COST_FREE,	/* 無料 */
	REPORT_COST_LOW,	/* 低コスト */
	REPORT_COST_PAID,	/* 有料 */
};

/* Where the comparison average comes from (DESIGN.md "Scoring"). */
enum report_cmp {
	REPORT_CMP_NONE,	/* nothing to compare with */
	REPORT_CMP_INDUSTRY,	/* peers of the same industry */
	REPORT_CMP_REFERENCE,	/* an imported reference average */
	REPORT_CMP_ALL,		/* peers of all industries */
};

/* One row of the category table and one axis of the radar chart. */
struct report_category {
	const char *name;	/* plain name: "古いパソコンや書類の捨て方" */
	const char *label;	/* short name for the chart: "破棄" (or NULL) */
	double score;		/* 0-100, REPORT_NONE: nothing answered */
	double comparison;	/* 0-100 or REPORT_NONE */
	double previous;	/* 0-100 or REPORT_NONE */
	const char *grade;	/* "A".."D" (grades of report.yaml), or NULL */
	const char *comment;	/* one line, plain; NULL: from the grade */
};

/* "Do first": one action. */
struct report_action {
	const char *area;	/* plain category name, or NULL */
	const char *text;	/* what to do, in plain words */
	enum report_cost cost;
};

/* A missing SECURITY ACTION step. */
struct report_sa_step {
	const char *text;	/* what is missing, plain */
	const char *action;	/* what to do, or NULL */
};

/* SECURITY ACTION (a self-declaration) readiness. */
struct report_sa {
	bool one_star;			/* ★ can be declared now */
	bool two_star;			/* ★★ can be declared now */
	const struct report_sa_step *missing1;	/* for ★ */
	size_t nmissing1;
	const struct report_sa_step *missing2;	/* further steps for ★★ */
	size_t nmissing2;
};

/* A sensor event seen in the period. */
struct report_net_event {
	const char *title;	/* plain title from the event catalog */
	const char *advice;	/* plain advice, or NULL */
	long count;
	int severity;		/* 0 low, 1 medium, 2 high */
	const char *const *devices;	/* "経理のPC（山田）", … busiest first */
	size_t ndevices;
	long devices_other;	/* further devices involved, not named */
};

/* The events of one kill-chain phase, in catalog order. */
struct report_net_phase {
	const char *name;	/* plain phase name: "下見（攻撃の下調べ）" */
	long total;
	const struct report_net_event *events;
	size_t nevents;
};

struct report_incident {
	const char *title;	/* what happened, plain */
	const char *opened;	/* date, or NULL */
	const char *todo;	/* what to do now, or NULL */
};

/* The network check (ネットワークの見守り) for the latest period. */
struct report_network {
	bool has_data;		/* false: no sensor data for this company */
	const char *from, *to;	/* the period, as printed */
	long total;
	const struct report_net_phase *phases;
	size_t nphases;
	const struct report_incident *incidents;	/* open ones */
	size_t nincidents;
};

/* A grade and the lowest score that earns it (the question set's grades). */
struct report_band {
	const char *grade;	/* "A" */
	double min;		/* 80 */
};

/* One page: one environment assessed. */
struct report_page {
	const char *env;	/* "事務所" / "Office" */
	const char *date;	/* this assessment's date; NULL: sheet's */
	double score;		/* overall 0-100, REPORT_NONE if none */
	const char *grade;	/* overall grade id or NULL */
	int selfcheck;		/* self-check score, or REPORT_NO_SELFCHECK */
	/* comparison */
	enum report_cmp cmp;
	const char *cmp_name;	/* industry name or reference source */
	int cmp_n;		/* companies averaged; 0 = unknown */
	double cmp_score;	/* overall comparison or REPORT_NONE */
	/* previous assessment, if any */
	const char *prev_date;	/* NULL: none */
	double prev_score;
	const struct report_category *categories;
	size_t ncategories;
	const struct report_band *bands;	/* best first; NULL: no key */
	size_t nbands;
	const struct report_action *actions;	/* best first; 3 are shown */
	size_t nactions;
	const struct report_sa *sa;		/* NULL: section left out */
	const struct report_network *network;	/* NULL: section left out */
	const char *const *unknown;	/* "to check next time": plain texts */
	size_t nunknown;
};

#define REPORT_NO_SELFCHECK (-1000)

struct report_desk {
	const char *name, *phone, *hours, *email, *url;	/* each may be NULL */
};

struct report_sheet {
	enum osk_lang lang;
	const char *company;
	const char *company_info;	/* "製造業・従業員 25名", or NULL */
	const char *date;		/* assessment date as printed */
	const char *consultant;		/* or NULL */
	struct report_desk desk;
	const struct report_page *pages;
	size_t npages;
	/*
	 * PDF creation date, seconds since the epoch; < 0: the time of
	 * rendering. Set it (from SOURCE_DATE_EPOCH) for byte-identical
	 * output.
	 */
	long long created;
};

/* ---- rendering ---- */

struct report_renderer;

/*
 * A renderer: the fonts (one Pango font map and context, IPAex Gothic) and
 * the fixed texts of report.yaml, created once and reused for many sheets
 * (one per batch worker). datadir: the folder holding report.yaml, NULL
 * for osk_datadir(). Returns NULL with err filled: OSK_ENOINPUT (no
 * report.yaml), OSK_EDATA ("report.yaml:L:C: ..."), OSK_EIO when the font
 * IPAexGothic is not installed, OSK_ENOMEM. Free with report_renderer_free().
 */
struct report_renderer *report_renderer_new(const char *datadir,
					    struct osk_error *err);

/* Free r and its fonts. NULL does nothing. */
void report_renderer_free(struct report_renderer *r);

/*
 * Draw sheet s into path in fmt. The file is written under a temporary
 * name in the same folder and renamed when complete, so a failure never
 * leaves a half-written file (PNG/SVG: one file per page, page 2 on are
 * "<stem>-N.<ext>"). Returns the number of pages written, or
 * -OSK_ECANTCREAT (cannot create the file), -OSK_EIO (write failed),
 * -OSK_EUSAGE (a sheet without pages), -OSK_ENOMEM, with err filled.
 */
int report_renderer_render(struct report_renderer *r,
			   const struct report_sheet *s, enum report_fmt fmt,
			   const char *path, struct osk_error *err);

/*
 * The same into a stream: write(closure, data, len) returns 0 on success.
 * PNG and SVG draw page `page` only (0-based); PDF draws every page.
 */
int report_renderer_render_to(struct report_renderer *r,
			      const struct report_sheet *s,
			      enum report_fmt fmt, size_t page,
			      int (*write)(void *closure, const void *data,
					   size_t len),
			      void *closure, struct osk_error *err);

/*
 * One sheet with a renderer of its own (report_renderer_new(NULL) +
 * render + free). Same returns as report_renderer_render().
 */
int report_sheet_render(const struct report_sheet *s, enum report_fmt fmt,
			const char *path, struct osk_error *err);

/* ---- a company's sheet from the database ---- */

struct report_health_opts {
	enum osk_lang lang;
	/*
	 * The network check's period, YYYY-MM-DD inclusive (rows whose
	 * period_start falls in it, as `alerts summary --from --to`).
	 * NULL: the three calendar months up to the month of the company's
	 * latest sensor data.
	 */
	const char *from, *to;
	const char *consultant;		/* NULL: config report.consultant */
	long long created;		/* see report_sheet.created */
	/* borrowed; NULL: loaded from the data folder (alerts.yaml,
	   industries.yaml) */
	const struct alerts_catalog *catalog;
	const struct industries *industries;
	/*
	 * Scores computed beforehand for many companies: one diag_batch per
	 * environment of report.yaml, in its order (NULL entry: that set is
	 * left out). NULL: each sheet scores its company itself.
	 */
	const struct diag_batch *const *batches;
	/*
	 * Or the peer averages computed beforehand (diag_peers_load()), one
	 * per environment as batches, each company then scored on its own
	 * (diag_score_with_peers()): memory does not grow with the number
	 * of companies. Used when batches is NULL.
	 */
	struct diag_peers *const *peers;
	/* set versions parsed once for the network check, or NULL */
	struct diag_sets *sets;
};

struct report_health;

/*
 * Fill the sheet of company_id from the diagnosis (diag_score_get() of
 * each set listed under `environments` in report.yaml, the latest
 * assessment as `diag score` shows it: one page each, sets without an
 * assessment left out), the sensor (alerts_check_get(): on the first page)
 * and the config (desk.*, report.consultant). r gives the fixed texts.
 * Returns 0, or -OSK_ENOTFOUND when the company has no assessment at all
 * ("company 'X' has no diagnosis yet: ..."), or another error. Free *out
 * with report_health_free().
 */
int report_health_load(struct report_renderer *r, struct store *st,
		       int64_t company_id, const struct report_health_opts *o,
		       struct report_health **out, struct osk_error *err);

/* The sheet, valid until report_health_free(). */
const struct report_sheet *report_health_sheet(const struct report_health *h);

void report_health_free(struct report_health *h);

/* ---- many sheets ---- */

/*
 * A batch worker's state: the peer averages of each environment
 * (diag_peers_load(), once), the parsed question sets, the event catalog
 * and the industries, so that each sheet costs its company's queries and
 * the drawing, and memory stays the same whatever the number of
 * companies. r and st are borrowed; o is copied (its strings must outlive
 * the batch). Free with report_batch_free(). Errors as
 * report_health_load().
 */
struct report_batch;

int report_batch_new(struct report_renderer *r, struct store *st,
		     const struct report_health_opts *o,
		     struct report_batch **out, struct osk_error *err);

struct report_batch_result {
	int pages;
	char grade[8];		/* overall grade of the first page, or "" */
};

/*
 * Fill and draw the sheet of company_id into path (as
 * report_renderer_render()). Returns the pages written, or -OSK_E* with
 * err filled: -OSK_ENOTFOUND for a company without any assessment, the
 * file errors of report_renderer_render().
 */
int report_batch_sheet(struct report_batch *b, int64_t company_id,
		       enum report_fmt fmt, const char *path,
		       struct report_batch_result *res, struct osk_error *err);

void report_batch_free(struct report_batch *b);

/* ---- programme reports ---- */

struct survey_tally;

struct report_programme_opts {
	enum osk_lang lang;
	long long created;	/* see report_sheet.created */
};

/*
 * The survey tally t (survey_tally_run(), with or without a grouping) as
 * an A4 PDF: a title page with the number of responses, how the
 * percentages are worked out (of those who answered each question) and
 * the contents; then the questions in set order, one or two a page: for
 * a choice question, horizontal bars per choice with its percent and
 * count (the sheet's chart code), and with a grouping the percentages per
 * group shown as a shaded table; for a number question its mean, median,
 * lowest and highest; written answers listed. Texts from report.yaml and
 * the set, through the glossary. Written to a temporary name and renamed.
 * Returns the number of pages, or -OSK_ECANTCREAT / -OSK_EIO /
 * -OSK_ENOMEM with err filled.
 */
int report_survey_pdf_write(struct report_renderer *r,
			    const struct survey_tally *t,
			    const struct report_programme_opts *o,
			    const char *path, struct osk_error *err);

/*
 * The region (programme) report. Its figures: the registered companies;
 * each company's latest completed diag-office assessment (completed in
 * the period, when one is given): the mean overall and category scores
 * over all industries and per industry (industries with at least
 * peers.min companies, smaller ones only in the all-industry mean), and
 * the distribution of overall grades; the sensor alerts of the period as
 * `alerts summary` counts them: by kill-chain phase and event, by
 * industry (alerts per PC), by company (the top ones with their PCs) and
 * the correlation of PCs and alerts (Pearson, Spearman, n).
 */
struct report_region_opts {
	enum osk_lang lang;
	const char *from, *to;		/* YYYY-MM-DD inclusive; NULL: open */
	long long created;		/* see report_sheet.created */
	int top;			/* companies listed; 0: 30 */
	/* borrowed; NULL: loaded from the data folder */
	const struct alerts_catalog *catalog;
	const struct industries *industries;
};

struct report_region;

/*
 * Compute the figures. Returns 0, or -OSK_ENOINPUT when there is neither
 * a completed diagnosis nor sensor data (in the period), or another
 * error. Free *out with report_region_free().
 */
int report_region_load(struct store *st, const struct report_region_opts *o,
		       struct report_region **out, struct osk_error *err);
void report_region_free(struct report_region *g);

/*
 * The region report as an A4 PDF (r gives the texts, the fonts and the
 * glossary): key figures and the grades; the category means with the
 * industries beside the all-industry mean; alerts by stage of an attack;
 * by industry with the correlation figure (a scatter chart of PCs and
 * alerts); the companies with the most alerts. Returns the number of
 * pages, or -OSK_E* as report_survey_pdf_write().
 */
int report_region_pdf_write(struct report_renderer *r,
			    const struct report_region *g, const char *path,
			    struct osk_error *err);

/*
 * The same as a workbook (libxlsxwriter), one sheet per table with a
 * native chart: key figures, grades, areas, kill chain, industries, top
 * companies, correlation (every company with its PCs and alerts, a
 * scatter chart titled with Pearson, Spearman and n). Plain texts from r
 * through the glossary. Returns 0 or -OSK_E* as
 * report_survey_xlsx_write().
 */
int report_region_xlsx_write(struct report_renderer *r,
			     const struct report_region *g, const char *path,
			     struct osk_error *err);

/*
 * The file name of a company's sheet: "<id>-<name>.<ext>", the name with
 * path separators, control characters, spaces and characters Windows
 * refuses (\ : * ? " < > |) as '_', no leading dot, at most 80 bytes of
 * it (cut on a character boundary). Caller frees; NULL when out of memory.
 */
char *report_file_name(int64_t id, const char *name, const char *ext);

/*
 * The format for a file name by its extension (.pdf, .png, .svg, any
 * case). 0, or -1 when the extension is none of these.
 */
int report_fmt_from_path(const char *path, enum report_fmt *out);

/* "pdf", "png", "svg". */
const char *report_fmt_name(enum report_fmt fmt);

/*
 * The text with every glossary term of report.yaml followed by its plain
 * explanation, as drawn on the sheet. Caller frees; NULL when out of
 * memory. (For tests and for the XLSX reports.)
 */
char *report_plain(const struct report_renderer *r, enum osk_lang lang,
		   const char *text);

#endif
