/* SPDX-License-Identifier: MIT */
#ifndef BIN_INTERVIEW_H
#define BIN_INTERVIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "core/error.h"
#include "core/qset.h"

/*
 * The hearing interview: one question at a time, for `otasuke diag
 * interview` and `otasuke survey answer`. The engine knows nothing about
 * the database: it walks a loaded struct qset and reads and writes the
 * answers through these callbacks.
 */
struct interview_ops {
	/*
	 * The stored answer of question qi, or NULL if none: scale/single ->
	 * an option id; multi -> choice ids joined by ';' where "other" may
	 * carry text as "other:TEXT" (always last: the text runs to the end);
	 * number/text -> the value. *note receives the stored note or NULL.
	 * The strings are borrowed until the next call.
	 *
	 * A question that was skipped (stored with value NULL) should read
	 * back as "" (the empty string), so that a resumed interview passes
	 * over it; NULL means "never reached". A skip with a note is told
	 * apart by its note either way.
	 */
	const char *(*get)(void *ctx, size_t qi, const char **note);
	/*
	 * Store the answer of question qi and commit it at once (kill -9
	 * right after loses nothing). value NULL = skipped (a note may still
	 * be kept). Returns 0 or a negative -OSK_E* with err filled; the
	 * engine then stops and returns that code (err untouched).
	 */
	int (*put)(void *ctx, size_t qi, const char *value, const char *note,
		   struct osk_error *err);
	/*
	 * All asked questions have been passed: mark the assessment/response
	 * complete. May be NULL.
	 */
	int (*finish)(void *ctx, struct osk_error *err);
	/*
	 * Print the closing summary (diag: category grades and the three
	 * first actions). May be NULL.
	 */
	void (*summary)(void *ctx, FILE *out);
};

struct interview_opts {
	const char *heading;	/* e.g. the company name and set title */
	bool review;		/* walk every asked question from the first */
	bool no_notes;		/* notes are not kept: 'n' says so, and the
				   key line leaves it out */
};

/*
 * Run the interview on stdin/stdout. Interactive when stdin is a terminal;
 * otherwise scripted: one line per question asked (option id or its
 * number; multi: "1;3", "1 3", "id;id", "other:TEXT" last; number/text:
 * the value; an empty line passes the question; "QID=VALUE" answers the
 * current question only if its id is QID, so that a script cannot drift;
 * the one-letter commands below also work, "n TEXT" sets a note).
 *
 * Starts at the first asked question without an answer (resume), or at the
 * first with o->review. Questions whose `when` does not apply (given the
 * earlier answers) are passed over. Keys: number or id = answer, ? =
 * plain help (qq->help, and qq->action for a diagnosis), b = back to the
 * previous asked question, s = skip (an answer given before is kept), n =
 * add a note, q = save and quit; Enter keeps a given answer. Ctrl-C and
 * the end of the input behave like q (everything given so far is already
 * stored). The single letters b, s, n, q are commands even where an option
 * has that id; such an option is chosen by its number.
 *
 * Returns 0 when the end was reached (finish and summary were called), 1
 * when the user quit early, or a negative -OSK_E* with err filled and
 * nothing printed about it: a bad line in scripted mode gives -OSK_EDATA
 * with err->path "<stdin>" and err->line set; a failed put or finish
 * passes its own code and err on. The caller prints err (die_err()).
 */
int interview_run(const struct qset *q, const struct interview_ops *ops,
		  void *ctx, const struct interview_opts *o,
		  struct osk_error *err);

#endif
