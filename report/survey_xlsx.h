/* SPDX-License-Identifier: MIT */
#ifndef REPORT_SURVEY_XLSX_H
#define REPORT_SURVEY_XLSX_H

#include "core/error.h"
#include "core/text.h"
#include "survey/survey.h"

/*
 * The survey tally as an Excel workbook (libxlsxwriter): a summary sheet,
 * then one sheet per question, named after its id (at most 31 characters,
 * unique), with its table and a native chart of the percentages: a pie
 * for a single-choice question of up to 6 choices, columns for a longer
 * one, bars for multiple choice, and clustered bars (one series per group)
 * for a cross-tabulation. Texts in lang. Percent cells hold the same
 * numbers as the JSON (rounded half-up to one decimal), counts are whole
 * numbers.
 *
 * The file is written to a temporary name beside path and renamed, so a
 * failure never leaves a half-written workbook. Returns 0, or -OSK_ECANTCREAT
 * / -OSK_EIO / -OSK_ENOMEM with err filled.
 */
int report_survey_xlsx_write(const struct survey_tally *t, const char *path,
			     enum osk_lang lang, struct osk_error *err);

#endif
