/* SPDX-License-Identifier: MIT */
#ifndef REPORT_ALERTS_XLSX_H
#define REPORT_ALERTS_XLSX_H

#include "alerts/alerts.h"
#include "core/error.h"
#include "core/industry.h"
#include "core/text.h"

/* What the alerts workbook shows; all borrowed. */
struct report_alerts_xlsx {
	const struct alerts_catalog *cat;
	const struct industries *ind;		/* industry names */
	const char *from, *to;			/* as given; NULL: open */
	const char *company;		/* one company's name, or NULL */
	const struct alerts_by_event *events;
	const struct alerts_by_company *companies;
	const struct alerts_by_industry *industries;	/* NULL: no sheet */
	const struct alerts_stats *stats;	/* NULL: no scatter chart */
};

/*
 * The alert figures as an Excel workbook (libxlsxwriter), texts in lang:
 *  - "kill chain": each stage with its subtotal and its events (plain
 *    titles from the catalog), unclassified, total; a column chart of
 *    the stages and a bar chart of the events;
 *  - "companies": companies by alerts with PCs and alerts per PC; a bar
 *    chart of alerts per PC (top 20) and a scatter chart of PCs against
 *    alerts titled with the Pearson and Spearman coefficients and n;
 *  - "industries" (when given): companies, PCs, alerts and alerts per PC
 *    per industry, with a column chart of alerts per PC.
 * Numbers are cells with values (per PC rounded half-up to one decimal,
 * as in the JSON). Written to a temporary name beside path and renamed.
 * Returns 0, or -OSK_ECANTCREAT / -OSK_ENOMEM with err filled.
 */
int report_alerts_xlsx_write(const struct report_alerts_xlsx *x,
			     const char *path, enum osk_lang lang,
			     struct osk_error *err);

/* ---- for report/region_xlsx.c ---- */

struct lxw_workbook;

#define ALERTS_XLSX_EVENTS	(1u << 0)	/* kill chain */
#define ALERTS_XLSX_COMPANIES	(1u << 1)	/* every company, scatter */
#define ALERTS_XLSX_INDUSTRIES	(1u << 2)

/*
 * Add the sheets named in sheets (those above, in that order) to wb,
 * an open workbook. 0 or -OSK_ENOMEM.
 */
int alerts_xlsx_add(struct lxw_workbook *wb,
		    const struct report_alerts_xlsx *x, enum osk_lang lang,
		    unsigned sheets);

#endif
