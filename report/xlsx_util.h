/* SPDX-License-Identifier: MIT */
#ifndef REPORT_XLSX_UTIL_H
#define REPORT_XLSX_UTIL_H

/*
 * What the workbooks of report/ share over libxlsxwriter. A failed
 * allocation inside libxlsxwriter sets *nomem; the caller goes on and
 * gives up at the end, as the book is no use then.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <xlsxwriter.h>

#include "core/error.h"

/* *nomem = true when e says libxlsxwriter ran out of memory. */
void xlsx_note(bool *nomem, lxw_error e);
/* A string cell (NULL: empty string). */
void xlsx_str(bool *nomem, lxw_worksheet *ws, size_t row, int col,
	      const char *s, lxw_format *f);
/* A number cell; NaN (unknown) leaves the cell empty. */
void xlsx_num(bool *nomem, lxw_worksheet *ws, size_t row, int col, double v,
	      lxw_format *f);
/* NaN stays NaN, else rounded half away from zero to one decimal. */
double xlsx_round1(double v);
/* names[0..n-1] across row from column 0, in format f. */
void xlsx_header_row(bool *nomem, lxw_worksheet *ws, size_t row,
		     const char *const *names, int n, lxw_format *f);

/*
 * The formats every book starts with, added in this order: title (bold,
 * 13 pt), bold, head (bold, thin bottom border, light blue). NULL ones
 * set *nomem.
 */
void xlsx_formats_base(bool *nomem, lxw_workbook *wb, lxw_format **title,
		       lxw_format **bold, lxw_format **head);

/* A chart with a bold 10 pt title; legend false hides the legend. */
lxw_chart *xlsx_chart_new(bool *nomem, lxw_workbook *wb, uint8_t type,
			  const char *title, bool legend);
/* A series of column vcol against categories in ccol, rows [r0, r1]. */
lxw_chart_series *xlsx_series_add(bool *nomem, lxw_chart *c,
				  const char *sheet, size_t r0, size_t r1,
				  int ccol, int vcol);
/* Chart c at (row, col), 1.4 times as wide as usual and yscale high. */
void xlsx_chart_insert(bool *nomem, lxw_worksheet *ws, size_t row, int col,
		       lxw_chart *c, double yscale);

/*
 * Start a workbook for path under a temporary name beside it (*tmp,
 * freed by the caller). The file is created first: libxlsxwriter would
 * only find out at workbook_close(), and print its own message.
 */
int xlsx_book_open(const char *path, char **tmp, lxw_workbook **wb,
		   struct osk_error *err);
/*
 * Close wb and move tmp over path; with nomem (or a failure) remove tmp
 * instead. libxlsxwriter's own messages are kept off stderr: a failed
 * close is one error, "cannot write 'FILE': reason" (OSK_EIO).
 */
int xlsx_book_close(lxw_workbook *wb, const char *tmp, const char *path,
		    bool nomem, struct osk_error *err);

#endif
