/* SPDX-License-Identifier: MIT */
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "core/qset.h"
#include "core/qstore.h"
#include "core/store.h"
#include "survey/survey.h"

#define MINI "tests/data/survey/mini.yaml"
#define HEAD "industry,employees,it_staff,worries,plan,source,pcs,comments\n"

struct fix {
	char dir[64], db[128], csv[128];
	struct store *st;
	struct survey_import imp;
	struct osk_errlist errs, warns;
	struct osk_error err;
};

static int
setup(void **state)
{
	struct fix *f = calloc(1, sizeof(*f));
	enum qstore_status status;
	struct qset *q;

	if (!f)
		return -1;
	snprintf(f->dir, sizeof(f->dir), "/tmp/otasuke-survey.XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	snprintf(f->db, sizeof(f->db), "%s/t.db", f->dir);
	snprintf(f->csv, sizeof(f->csv), "%s/in.csv", f->dir);
	if (!(f->st = store_open(f->db, STORE_CREATE, &f->err)) ||
	    !(q = qset_load_file(MINI, NULL)))
		return -1;
	if (store_begin(f->st, &f->err) ||
	    qstore_put(f->st, q, &status, NULL, &f->err) ||
	    store_commit(f->st, &f->err))
		return -1;
	qset_free(q);
	survey_import_init(&f->imp);
	f->imp.set_id = "mini-survey";
	osk_errlist_init(&f->errs, 3);
	osk_errlist_init(&f->warns, 20);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fix *f = *state;
	char p[160];

	survey_import_release(&f->imp);
	osk_errlist_release(&f->errs);
	osk_errlist_release(&f->warns);
	store_close(f->st);
	unlink(f->csv);
	unlink(f->db);
	snprintf(p, sizeof(p), "%s-wal", f->db);
	unlink(p);
	snprintf(p, sizeof(p), "%s-shm", f->db);
	unlink(p);
	rmdir(f->dir);
	free(f);
	return 0;
}

static void
write_csv(struct fix *f, const char *text)
{
	FILE *fp = fopen(f->csv, "wb");

	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
}

/* Import text; returns the result, errors and warnings reset first. */
static int
run(struct fix *f, const char *text)
{
	osk_errlist_release(&f->errs);
	osk_errlist_release(&f->warns);
	osk_errlist_init(&f->errs, 3);
	osk_errlist_init(&f->warns, 20);
	sbuf_reset(&f->imp.missing);
	osk_error_clear(&f->err);
	write_csv(f, text);
	return survey_import_file(f->st, f->csv, &f->imp, &f->errs,
				  &f->warns, &f->err);
}

static long long
count(struct fix *f, const char *sql)
{
	sqlite3_stmt *s = NULL;
	long long n;

	assert_int_equal(store_prepare(f->st, &s, sql, &f->err), 0);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	n = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return n;
}

/* Error i as "PATH: MSG" with the file's folder cut off. */
static const char *
error_text(struct fix *f, size_t i)
{
	static char buf[1200];
	const struct osk_error *e = &f->errs.items[i];
	const char *p = strstr(e->path, "/in.csv");

	assert_true(i < f->errs.n);
	assert_int_equal(e->line, 0);
	snprintf(buf, sizeof(buf), "%s: %s", p ? p + 1 : e->path, e->msg);
	return buf;
}

static void
test_survey_import_good(void **state)
{
	struct fix *f = *state;

	assert_int_equal(run(f, HEAD
			     "E,1-5,no,leaks;other:a;b,,web,12,良い\n"
			     ",,,,,,,\n"
			     "G,6〜20人,yes,,,,3,\n"), 0);
	assert_false(f->imp.already);
	assert_int_equal(f->imp.rows, 3);
	assert_int_equal(f->imp.added, 2);
	assert_int_equal(f->imp.empty, 1);
	assert_int_equal(f->imp.duplicates, 0);
	assert_int_equal(f->imp.set_version, 1);
	assert_int_equal(f->imp.used, CSV_ENC_UTF8);
	assert_int_equal(f->imp.missing.len, 0);
	assert_int_equal(f->errs.total, 0);
	assert_int_equal(f->warns.total, 1);
	assert_int_equal(f->warns.items[0].line, 3);
	assert_string_equal(f->warns.items[0].msg,
			    "no answers in this row; skipped");
	assert_int_equal(count(f, "SELECT count(*) FROM survey_response"), 2);
	assert_int_equal(count(f, "SELECT count(*) FROM survey_answer WHERE "
			       "question = 'worries' AND choice = 'other' AND "
			       "value = 'a;b'"), 1);
	assert_int_equal(count(f, "SELECT value FROM survey_answer WHERE "
			       "question = 'pcs' AND response_id = 1"), 12);
	assert_int_equal(count(f, "SELECT records FROM import"), 2);
	assert_int_equal(count(f, "SELECT count(*) FROM survey_response WHERE "
			       "length(digest) = 34 AND digest LIKE '%-1'"), 2);
	/* foreign keys are back on afterwards */
	assert_int_equal(count(f, "PRAGMA foreign_keys"), 1);
}

static void
test_survey_import_again_and_overlap(void **state)
{
	struct fix *f = *state;

	assert_int_equal(run(f, HEAD "E,,,,,,1,\nE,,,,,,1,\nG,,,,,,,\n"), 0);
	assert_int_equal(f->imp.added, 3);
	/* the same bytes: noticed, nothing done */
	assert_int_equal(run(f, HEAD "E,,,,,,1,\nE,,,,,,1,\nG,,,,,,,\n"), 0);
	assert_true(f->imp.already);
	assert_int_equal(f->imp.import_id, 1);
	assert_int_equal(f->imp.added, 3);
	/* the same rows as labels and in another order, plus a third twin */
	f->imp.already = false;
	assert_int_equal(run(f, HEAD "情報通信業,,,,,,,\n製造業,,,,,,1,\n"
			     "e,,,,,,1,\ne,,,,,,1,\n"), 0);
	assert_false(f->imp.already);
	assert_int_equal(f->imp.added, 1);
	assert_int_equal(f->imp.duplicates, 3);
	assert_int_equal(count(f, "SELECT count(*) FROM survey_response"), 4);
	/* another event: other responses */
	f->imp.event = "second";
	assert_int_equal(run(f, HEAD "G,,,,,,,\n"), 0);
	assert_int_equal(f->imp.added, 1);
	assert_int_equal(count(f, "SELECT count(*) FROM survey_response "
			       "WHERE event = 'second'"), 1);
}

static void
test_survey_import_errors_store_nothing(void **state)
{
	struct fix *f = *state;

	assert_int_equal(run(f, HEAD
			     "E,,yes,viruses,,,,\n"
			     "E,,no,viruses;leaks;cost,,,,\n"
			     "X,,,,,,12 PCs,\n"
			     "E,,no,leaks,subsidy,other:friend,,\n"
			     "E,,no,cost,subsidy,,,\n"), -OSK_EDATA);
	assert_int_equal(f->errs.total, 6);
	assert_int_equal(f->errs.n, 3);
	assert_string_equal(error_text(f, 0), "in.csv:2:worries: answered, but "
			    "the question is asked only when 'it_staff' is "
			    "'no'; clear the cell or correct 'it_staff'");
	assert_string_equal(error_text(f, 1), "in.csv:3:worries: 3 choices "
			    "given; this question takes at most 2");
	assert_string_equal(error_text(f, 2), "in.csv:4:industry: unknown "
			    "choice 'X'; use a choice id (E, G, I) or its "
			    "label");
	assert_int_equal(f->imp.added, 0);
	assert_int_equal(count(f, "SELECT count(*) FROM survey_response"), 0);
	assert_int_equal(count(f, "SELECT count(*) FROM survey_answer"), 0);
	assert_int_equal(count(f, "SELECT count(*) FROM import"), 0);
	assert_int_equal(count(f, "PRAGMA foreign_keys"), 1);
}

static void
test_survey_import_header(void **state)
{
	struct fix *f = *state;

	assert_int_equal(run(f, " Industry ,PCS,回答者,colour,pcs\n"
			     "E,1,x,y,2\n"), -OSK_EDATA);
	assert_int_equal(f->errs.total, 2);
	assert_string_equal(error_text(f, 0), "in.csv:1:colour: no question "
			    "'colour' in set 'mini-survey'; columns are "
			    "question ids (see 'otasuke questions show "
			    "mini-survey'), respondent, company and "
			    "submitted_at");
	assert_string_equal(error_text(f, 1), "in.csv:1:pcs: column appears "
			    "twice (fields 2 and 5); remove one");
	/* missing columns: listed for one warning */
	assert_int_equal(run(f, "industry\nE\n"), 0);
	assert_string_equal(f->imp.missing.buf, "'employees', 'it_staff', "
			    "'worries', 'plan', 'source', 'pcs', 'comments'");
}

static void
test_survey_import_csv_error_after_row_errors(void **state)
{
	struct fix *f = *state;

	/* a bad row, then an unterminated quote: both reported */
	assert_int_equal(run(f, HEAD "Q,,,,,,,\n\"E,,,,,,,\n"), -OSK_EDATA);
	assert_int_equal(f->errs.total, 2);
	assert_string_equal(error_text(f, 0), "in.csv:2:industry: unknown "
			    "choice 'Q'; use a choice id (E, G, I) or its "
			    "label");
	assert_int_equal(f->errs.items[1].line, 3);
	assert_non_null(strstr(f->errs.items[1].msg, "unterminated quoted "
			       "field"));
	/* an encoding error alone is the error */
	assert_int_equal(run(f, HEAD "E\xff,,,,,,,\n"), -OSK_EDATA);
	assert_int_equal(f->errs.total, 0);
	assert_int_equal(f->err.line, 2);
	assert_int_equal(count(f, "SELECT count(*) FROM import"), 0);
}

static void
test_survey_import_stdin(void **state)
{
	struct fix *f = *state;
	int saved = dup(0), fd;

	write_csv(f, HEAD "E,,,,,,,\nG,,,,,,,\n");
	fd = open(f->csv, O_RDONLY);
	assert_true(fd >= 0 && saved >= 0);
	dup2(fd, 0);
	close(fd);
	osk_error_clear(&f->err);
	assert_int_equal(survey_import_file(f->st, "-", &f->imp, &f->errs,
					    &f->warns, &f->err), 0);
	dup2(saved, 0);
	close(saved);
	assert_int_equal(f->imp.added, 2);
	/* the same bytes from a file: the same content hash */
	assert_int_equal(run(f, HEAD "E,,,,,,,\nG,,,,,,,\n"), 0);
	assert_true(f->imp.already);
}

static void
test_survey_import_bad_set(void **state)
{
	struct fix *f = *state;

	f->imp.set_id = "nope";
	assert_int_equal(run(f, HEAD), -OSK_ENOTFOUND);
	f->imp.set_id = "mini-survey";
	assert_int_equal(run(f, HEAD), -OSK_EDATA);
	assert_string_equal(f->err.msg, "no responses after the header row");
	assert_int_equal(run(f, ""), -OSK_EDATA);
	assert_string_equal(f->err.msg, "the file is empty; expected a header "
			    "row of question ids (see 'otasuke questions show "
			    "mini-survey')");
}

int
main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_survey_import_good),
		T(test_survey_import_again_and_overlap),
		T(test_survey_import_errors_store_nothing),
		T(test_survey_import_header),
		T(test_survey_import_csv_error_after_row_errors),
		T(test_survey_import_stdin),
		T(test_survey_import_bad_set),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
