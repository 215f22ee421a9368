/* SPDX-License-Identifier: MIT */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/error.h"
#include "core/qset.h"
#include "core/qstore.h"
#include "core/store.h"
#include "survey/survey.h"

/*
 * The input is imported as a survey CSV into a database holding the
 * shipped sets (survey-seminar), and each of its lines is parsed as the
 * answer to every question. Besides "no crash, no leak":
 * - an answer that parses formats to a string that parses to the same
 *   answer (what the interview and the import store reads back);
 * - an import either stores everything it counted or nothing;
 * - a failed import leaves at least one error; a second import of the
 *   same bytes after a successful one is noticed and adds nothing.
 */

static struct store *st;
static struct qset *set;
static char dir[64], db[128], csv[128];

static void
cleanup(void)
{
	char p[160];

	store_close(st);
	qset_free(set);
	unlink(csv);
	unlink(db);
	snprintf(p, sizeof(p), "%s-wal", db);
	unlink(p);
	snprintf(p, sizeof(p), "%s-shm", db);
	unlink(p);
	rmdir(dir);
}

static void
init(void)
{
	struct osk_errlist errs;
	struct osk_error err;
	int loaded;

	snprintf(dir, sizeof(dir), "/tmp/otasuke-fuzz.XXXXXX");
	if (!mkdtemp(dir))
		abort();
	snprintf(db, sizeof(db), "%s/f.db", dir);
	snprintf(csv, sizeof(csv), "%s/in.csv", dir);
	/* `make fuzz` runs from the source tree */
	if (!getenv("OTASUKE_DATADIR"))
		setenv("OTASUKE_DATADIR", "questions", 1);
	osk_errlist_init(&errs, 5);
	if (!(st = store_open(db, STORE_CREATE, &err)) ||
	    store_begin(st, &err) ||
	    qstore_load_shipped(st, osk_datadir(), &loaded, &errs, &err) ||
	    store_commit(st, &err) ||
	    !(set = survey_set_load(st, NULL, NULL, &err)))
		abort();
	osk_errlist_release(&errs);
	atexit(cleanup);
}

static void
check_values(const char *line)
{
	struct survey_value a, b;
	struct sbuf sb = SBUF_INIT, sb2 = SBUF_INIT;
	struct osk_error err;
	size_t qi;

	survey_value_init(&a);
	survey_value_init(&b);
	for (qi = 0; qi < set->nquestions; qi++) {
		const struct qset_question *qq = &set->questions[qi];

		if (survey_value_parse(qq, line, &a, &err))
			continue;
		sbuf_reset(&sb);
		sbuf_reset(&sb2);
		if (survey_value_format(qq, &a, &sb))
			abort();
		if (survey_value_parse(qq, sb.buf, &b, &err))
			abort();
		if (survey_value_format(qq, &b, &sb2) ||
		    strcmp(sb.buf, sb2.buf) || a.answered != b.answered ||
		    a.nchosen != b.nchosen)
			abort();
	}
	survey_value_release(&a);
	survey_value_release(&b);
	sbuf_release(&sb);
	sbuf_release(&sb2);
}

static long long
responses(void)
{
	sqlite3_stmt *s = NULL;
	long long n;

	if (sqlite3_prepare_v2(store_db(st), "SELECT count(*) FROM "
			       "survey_response", -1, &s, NULL) ||
	    sqlite3_step(s) != SQLITE_ROW)
		abort();
	n = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return n;
}

static void
check_import(const uint8_t *data, size_t size)
{
	struct survey_import imp;
	struct osk_errlist errs, warns;
	struct osk_error err;
	long long before = responses();
	FILE *f = fopen(csv, "wb");
	int r;

	if (!f || fwrite(data, 1, size, f) != size || fclose(f))
		abort();
	survey_import_init(&imp);
	osk_errlist_init(&errs, 20);
	osk_errlist_init(&warns, 20);
	osk_error_clear(&err);
	r = survey_import_file(st, csv, &imp, &errs, &warns, &err);
	if (r && !errs.total && !err.msg[0])
		abort();
	if (r && responses() != before)
		abort();
	if (!r && !imp.already &&
	    responses() != before + (long long)imp.added)
		abort();
	if (!r && !imp.already) {
		long long after = responses();

		osk_errlist_release(&errs);
		osk_errlist_init(&errs, 20);
		if (survey_import_file(st, csv, &imp, &errs, &warns, &err) ||
		    !imp.already || responses() != after)
			abort();
	}
	osk_errlist_release(&errs);
	osk_errlist_release(&warns);
	survey_import_release(&imp);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text, *line, *save = NULL;

	if (!st)
		init();
	if (size > 64 * 1024)
		return 0;
	/* lines as answers: NUL-free text only, as from the CSV reader */
	if (!memchr(data, '\0', size)) {
		text = malloc(size + 1);
		memcpy(text, data, size);
		text[size] = '\0';
		for (line = strtok_r(text, "\n", &save); line;
		     line = strtok_r(NULL, "\n", &save))
			check_values(line);
		free(text);
	}
	check_import(data, size);
	return 0;
}
