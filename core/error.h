/* SPDX-License-Identifier: MIT */
#ifndef CORE_ERROR_H
#define CORE_ERROR_H

#include <stddef.h>

/*
 * Error codes returned (negated) by every library function. Only bin/ maps
 * them to exit codes (osk_exit_code() in bin/exitcodes.h).
 */
enum osk_err {
	OSK_OK = 0,
	OSK_EUSAGE,	/* bad arguments from the caller: exit 64 */
	OSK_EDATA,	/* bad input data (CSV, YAML, answers): exit 65 */
	OSK_ENOINPUT,	/* input file missing or unreadable: exit 66 */
	OSK_ENOTFOUND,	/* a named company/set/... does not exist: exit 65 */
	OSK_EINTERNAL,	/* a bug: exit 70 */
	OSK_ENOMEM,	/* out of memory: exit 71 */
	OSK_ECANTCREAT,	/* cannot create an output file: exit 73 */
	OSK_EIO,	/* read/write error, SQLite I/O error: exit 74 */
	OSK_EBUSY,	/* database locked longer than the timeout: exit 75 */
	OSK_EFALSE,	/* ran fine, the answer is "no": exit 1 */
};

/*
 * Filled by library code, owned by the caller, printed by bin/ as
 * "path:line:col: msg" (parts that are 0 or empty are left out).
 */
struct osk_error {
	int code;		/* enum osk_err */
	char path[512];
	int line, col;		/* 1-based; 0 = not known */
	char msg[512];
};

/* Clear err (may be NULL). */
void osk_error_clear(struct osk_error *err);

/*
 * Fill err (may be NULL) and return -code, so that library code can write
 * "return osk_error_set(err, OSK_EDATA, path, line, col, "...", ...);".
 * path may be NULL.
 */
int osk_error_set(struct osk_error *err, int code, const char *path,
		  int line, int col, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

/* Shorthand for errors that have no file position. */
#define osk_fail(err, code, ...) osk_error_set(err, code, NULL, 0, 0, __VA_ARGS__)

/* Format err as one line (no program name, no newline) into buf. */
void osk_error_format(const struct osk_error *err, char *buf, size_t size);

/*
 * A list of errors, for checks that report every problem at once
 * (questions lint, all-or-nothing imports). Keeps the first `keep` errors
 * and counts the rest. Release with osk_errlist_release().
 */
struct osk_errlist {
	struct osk_error *items;
	size_t n, alloc, keep;
	size_t total;		/* all errors seen, kept or not */
};

void osk_errlist_init(struct osk_errlist *l, size_t keep);
void osk_errlist_add(struct osk_errlist *l, const struct osk_error *e);
void osk_errlist_release(struct osk_errlist *l);

/*
 * Hand the errors of from over to to (may be NULL) in file order (line,
 * then column: checks that run in passes find them out of order), with
 * its count of errors not kept; then release from.
 */
void osk_errlist_move_sorted(struct osk_errlist *from, struct osk_errlist *to);

#endif
