/* SPDX-License-Identifier: MIT */
#ifndef BIN_RENDER_H
#define BIN_RENDER_H

/*
 * The drawing half of otasuke (report/, bin/cmd_report.c: Cairo, Pango,
 * libxlsxwriter and the 40 shared libraries under them) is a module,
 * otasuke-render.so, loaded the first time a command draws or writes a
 * workbook: every other command starts without mapping those libraries
 * (otasuke --version in about 1 ms instead of 5).
 *
 * The module is looked for at $OTASUKE_RENDER, then beside the program
 * (the build tree), then in ../lib/otasuke/ from it and in LIBDIR (an
 * installed copy). Not found: one line naming the file, exit 69.
 */

#include "core/error.h"
#include "core/text.h"

struct report_alerts_xlsx;
struct survey_tally;

/* The module's entry points (bin/cmd_report.c, report/). */
int otasuke_render_report(int argc, char **argv);

/* report_alerts_xlsx_write() and report_survey_xlsx_write(), loaded. */
int render_alerts_xlsx(const struct report_alerts_xlsx *x, const char *path,
		       enum osk_lang lang, struct osk_error *err);
int render_survey_xlsx(const struct survey_tally *t, const char *path,
		       enum osk_lang lang, struct osk_error *err);

#endif
