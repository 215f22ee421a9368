/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/text.h"
#include "report/xlsx_util.h"

void
xlsx_note(bool *nomem, lxw_error e)
{
	if (e == LXW_ERROR_MEMORY_MALLOC_FAILED)
		*nomem = true;
}

void
xlsx_str(bool *nomem, lxw_worksheet *ws, size_t row, int col, const char *s,
	 lxw_format *f)
{
	xlsx_note(nomem, worksheet_write_string(ws, (lxw_row_t)row,
						(lxw_col_t)col, s ? s : "",
						f));
}

void
xlsx_num(bool *nomem, lxw_worksheet *ws, size_t row, int col, double v,
	 lxw_format *f)
{
	if (isnan(v))
		return;		/* unknown: an empty cell */
	xlsx_note(nomem, worksheet_write_number(ws, (lxw_row_t)row,
						(lxw_col_t)col, v, f));
}

double
xlsx_round1(double v)
{
	return isnan(v) ? v : osk_round1(v);
}

void
xlsx_header_row(bool *nomem, lxw_worksheet *ws, size_t row,
		const char *const *names, int n, lxw_format *f)
{
	int i;

	for (i = 0; i < n; i++)
		xlsx_str(nomem, ws, row, i, names[i], f);
}

void
xlsx_formats_base(bool *nomem, lxw_workbook *wb, lxw_format **title,
		  lxw_format **bold, lxw_format **head)
{
	*title = workbook_add_format(wb);
	*bold = workbook_add_format(wb);
	*head = workbook_add_format(wb);
	if (!*title || !*bold || !*head) {
		*nomem = true;
		return;
	}
	format_set_bold(*title);
	format_set_font_size(*title, 13);
	format_set_bold(*bold);
	format_set_bold(*head);
	format_set_bottom(*head, LXW_BORDER_THIN);
	format_set_bg_color(*head, 0xE7EEF6);
}

lxw_chart *
xlsx_chart_new(bool *nomem, lxw_workbook *wb, uint8_t type, const char *title,
	       bool legend)
{
	lxw_chart_font font = { 0 };
	lxw_chart *c = workbook_add_chart(wb, type);

	if (!c) {
		*nomem = true;
		return NULL;
	}
	font.size = 10;
	font.bold = LXW_TRUE;
	chart_title_set_name(c, title);
	chart_title_set_name_font(c, &font);
	if (!legend)
		chart_legend_set_position(c, LXW_CHART_LEGEND_NONE);
	return c;
}

lxw_chart_series *
xlsx_series_add(bool *nomem, lxw_chart *c, const char *sheet, size_t r0,
		size_t r1, int ccol, int vcol)
{
	lxw_chart_series *s = chart_add_series(c, NULL, NULL);

	if (!s) {
		*nomem = true;
		return NULL;
	}
	chart_series_set_categories(s, sheet, (lxw_row_t)r0, (lxw_col_t)ccol,
				    (lxw_row_t)r1, (lxw_col_t)ccol);
	chart_series_set_values(s, sheet, (lxw_row_t)r0, (lxw_col_t)vcol,
				(lxw_row_t)r1, (lxw_col_t)vcol);
	return s;
}

void
xlsx_chart_insert(bool *nomem, lxw_worksheet *ws, size_t row, int col,
		  lxw_chart *c, double yscale)
{
	lxw_chart_options o = { 0 };

	o.x_scale = 1.4;
	o.y_scale = yscale;
	xlsx_note(nomem, worksheet_insert_chart_opt(ws, (lxw_row_t)row,
						    (lxw_col_t)col, c, &o));
}

int
xlsx_book_open(const char *path, char **tmp, lxw_workbook **wb,
	       struct osk_error *err)
{
	lxw_workbook_options opt = { 0 };
	int fd;

	*wb = NULL;
	if (asprintf(tmp, "%s.%ld.tmp", path, (long)getpid()) < 0) {
		*tmp = NULL;
		goto nomem;
	}
	fd = open(*tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
	if (fd < 0)
		return osk_fail(err, OSK_ECANTCREAT, "cannot create '%s': %s",
				path, strerror(errno));
	close(fd);
	opt.constant_memory = LXW_FALSE;
	if (!(*wb = workbook_new_opt(*tmp, &opt))) {
		unlink(*tmp);
		goto nomem;
	}
	return 0;
nomem:
	return osk_fail(err, OSK_ENOMEM, "out of memory");
}

/*
 * workbook_close() with stderr closed over it: on a failed write
 * libxlsxwriter prints "[ERROR] ..." lines of its own, while the caller
 * reports one line. *sys receives errno as the close left it.
 */
static lxw_error
close_quietly(lxw_workbook *wb, int *sys)
{
	int saved, null;
	lxw_error le;

	fflush(stderr);
	saved = dup(STDERR_FILENO);
	null = open("/dev/null", O_WRONLY | O_CLOEXEC);
	if (saved >= 0 && null >= 0)
		dup2(null, STDERR_FILENO);
	errno = 0;
	le = workbook_close(wb);
	*sys = errno;
	fflush(stderr);
	if (saved >= 0 && null >= 0)
		dup2(saved, STDERR_FILENO);
	if (saved >= 0)
		close(saved);
	if (null >= 0)
		close(null);
	return le;
}

int
xlsx_book_close(lxw_workbook *wb, const char *tmp, const char *path,
		bool nomem, struct osk_error *err)
{
	lxw_error le;
	int sys = 0;
	bool oom;

	if (nomem) {
		workbook_close(wb);
		unlink(tmp);
		return osk_fail(err, OSK_ENOMEM, "out of memory");
	}
	le = close_quietly(wb, &sys);
	if (le != LXW_NO_ERROR) {
		unlink(tmp);
		oom = le == LXW_ERROR_MEMORY_MALLOC_FAILED;
		if (oom)
			return osk_fail(err, OSK_ENOMEM, "out of memory");
		return osk_fail(err, OSK_EIO, "cannot write '%s': %s", path,
				sys ? strerror(sys) : lxw_strerror(le));
	}
	if (rename(tmp, path)) {
		int e = errno;

		unlink(tmp);
		return osk_fail(err, OSK_ECANTCREAT, "cannot create '%s': %s",
				path, strerror(e));
	}
	return 0;
}
