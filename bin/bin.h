/* SPDX-License-Identifier: MIT */
#ifndef BIN_BIN_H
#define BIN_BIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "bin/exitcodes.h"
#include "core/company.h"
#include "core/error.h"
#include "core/industry.h"
#include "core/out.h"
#include "core/sbuf.h"
#include "core/store.h"
#include "core/text.h"

/* Global options and shared state of one otasuke run. */
struct app {
	const char *dbpath;
	enum osk_lang lang;
	bool quiet;
	bool verbose;
	struct store *store;
};
extern struct app app;

/* ---- messages (bin/ only) ---- */

/* "otasuke: <msg>" on stderr, then exit(code). */
void die(int code, const char *fmt, ...)
	__attribute__((format(printf, 2, 3), noreturn));
/* Print err as one line and exit with its mapped exit code. */
void die_err(const struct osk_error *err) __attribute__((noreturn));
/* "otasuke: <msg>" on stderr; returns -1. */
int error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "otasuke: warning: <msg>" on stderr (not with -q). */
void warning(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "<msg>" on stderr unless -q: progress and summaries. */
void info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Print one error (path:line:col: msg) without exiting. */
void print_err(const struct osk_error *err);
/* Print up to the kept errors of l and "... and N more"; exit 65. */
void die_errlist(const struct osk_errlist *l, const char *what)
	__attribute__((noreturn));

#define BUG(...) bug_fl(__FILE__, __LINE__, __VA_ARGS__)
void bug_fl(const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4), noreturn));

/* ---- allocation that exits 71 on failure ---- */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
/* Abort with 71 if r is -OSK_ENOMEM (for sbuf/jw results). */
void xcheck(int r);

/* ---- usage ---- */

/*
 * usage: NULL-terminated lines; the first is the synopsis. Full text to
 * stdout and exit 0 (--help), or the synopsis and a hint to stderr and
 * exit 64.
 */
void usage_help(const char *const *usage) __attribute__((noreturn));
void usage_error(const char *const *usage, const char *fmt, ...)
	__attribute__((format(printf, 2, 3), noreturn));

/* ---- shared helpers ---- */

/* The open database (opened on first use, created by 'init' only). */
struct store *app_store(void);
/* Write sb to stdout. */
void emit(const struct sbuf *sb);
/* Parse a --format value or die with usage. */
enum out_format parse_format(const char *const *usage, const char *s);
/* Parse a --format value that may also be xlsx, or die with usage. */
enum out_format parse_format_xlsx(const char *const *usage, const char *s);
/*
 * The format to write to output: f when given (have), else xlsx for a
 * name ending in .xlsx and text otherwise. A workbook without -o FILE
 * (or with -o -) dies with usage.
 */
enum out_format output_format(const char *const *usage, bool have,
			      enum out_format f, const char *output);
struct survey_tally;
/*
 * The tally of survey set set_id (NULL: the default) for event (NULL:
 * every event), grouped by by (NULL, "industry", "size" or a question
 * id), or die (a bad --by with usage). *ind receives the industries,
 * to free after the tally.
 */
struct survey_tally *tally_or_die(const char *const *usage,
				  const char *set_id, const char *event,
				  const char *by, struct industries **ind);
/* Warn when stored answers were left out of tally t. */
void tally_warn_dropped(const struct survey_tally *t);
/* Parse a whole non-negative number or die with usage. */
long parse_count(const char *const *usage, const char *what, const char *s);
/*
 * Text headings of a table in --lang: the Japanese ones from ja (n of
 * them), else the column names. CSV and JSON always use the names.
 */
void set_titles(struct out_column *cols, const char *const *ja, size_t n);
/*
 * The next option of a subcommand whose group shares one longopts table,
 * or -1 at the end. cmd names the subcommand in messages ("alerts
 * summary"). An unknown option, a missing value, or an option that is not
 * one of the space-separated names in allowed is a usage error:
 * "'alerts import' does not take '--by'". Set optind = 0 before the first
 * call.
 */
struct option;
int next_opt(int argc, char **argv, const char *shortopts,
	     const struct option *longopts, const char *allowed,
	     const char *const *usage, const char *cmd);

/* Render a table to stdout in fmt and free it. */
void emit_table(struct out_table *t, enum out_format fmt);
/* The shipped industries list (caller frees with industries_free()). */
struct industries *load_industries(void);
/* Find a company by id or exact name, or die with the error. */
void find_company(const char *key, struct company *c);
/* Does s end with suffix (ASCII case ignored)? */
bool ends_with(const char *s, const char *suffix);
/*
 * Write sb to path through a temporary name and rename (never a half
 * file), or to stdout when path is NULL or "-". Dies on failure.
 */
void write_out(const char *path, const struct sbuf *sb);

/* Load the shipped question sets into the open database (init). */
void load_shipped_sets(void);

/* Pick ja or en. */
#define L(ja, en) (app.lang == OSK_LANG_JA ? (ja) : (en))

#endif
