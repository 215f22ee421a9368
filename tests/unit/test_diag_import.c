/* SPDX-License-Identifier: MIT */
/* diag_import_csv(): all or nothing, exact errors, open or new assessment. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "tests/unit/diag_fixture.h"

#define HEAD "company,set,question,answer,note\n"

/* The nine scored questions of small.yaml, answered a for Acme. */
static void
all_rows(struct sbuf *sb, const char *company, const char *a)
{
	static const char *const qs[] = {
		"basics-1", "basics-2", "basics-3", "basics-4", "basics-5",
		"rules-1", "rules-2", "office-1", "office-2",
	};
	size_t i;

	for (i = 0; i < 9; i++)
		sbuf_addf(sb, "%s,small,%s,%s,\n", company, qs[i], a);
}

static int
import(struct fx *f, const char *text, struct diag_import *imp)
{
	memset(imp, 0, sizeof(*imp));
	osk_errlist_release(&f->errs);
	osk_errlist_init(&f->errs, 50);
	osk_error_clear(&f->err);
	return diag_import_csv(f->st, fx_file(f, "in.csv", text), imp,
			       &f->errs, &f->err);
}

static void
test_diag_import_complete(void **state)
{
	struct fx *f = *state;
	struct sbuf sb = SBUF_INIT;
	struct diag_import imp;

	fx_company(f, "Acme", "E");
	sbuf_adds(&sb, HEAD);
	all_rows(&sb, "Acme", "done");
	assert_int_equal(import(f, sb.buf, &imp), 0);
	assert_int_equal(imp.rows, 9);
	assert_int_equal(imp.created, 1);
	assert_int_equal(imp.updated, 0);
	assert_int_equal(imp.completed, 1);
	assert_int_equal(fx_count(f, "SELECT count(*) FROM answer"), 9);
	assert_int_equal(fx_count(f, "SELECT count(*) FROM assessment WHERE "
				  "completed_at IS NOT NULL"), 1);
	/* a second file for a completed assessment starts a new one */
	sbuf_reset(&sb);
	sbuf_adds(&sb, HEAD "Acme,small,basics-1,no,\n");
	assert_int_equal(import(f, sb.buf, &imp), 0);
	assert_int_equal(imp.created, 1);
	assert_int_equal(imp.completed, 0);
	assert_int_equal(fx_count(f, "SELECT count(*) FROM assessment"), 2);
	sbuf_release(&sb);
}

static void
test_diag_import_continues_open(void **state)
{
	struct fx *f = *state;
	struct sbuf sb = SBUF_INIT;
	struct diag_import imp;

	fx_company(f, "Acme", "E");
	assert_int_equal(import(f, HEAD "Acme,small,basics-1,done,\n"
				"Acme,small,basics-2,,call back\n", &imp), 0);
	assert_int_equal(imp.created, 1);
	assert_int_equal(imp.completed, 0);
	assert_int_equal(fx_count(f, "SELECT count(*) FROM answer WHERE "
				  "question = 'basics-2' AND option IS NULL "
				  "AND note = 'call back'"), 1);
	sbuf_adds(&sb, HEAD);
	all_rows(&sb, "1", "partly");
	assert_int_equal(import(f, sb.buf, &imp), 0);
	assert_int_equal(imp.created, 0);
	assert_int_equal(imp.updated, 1);
	assert_int_equal(imp.completed, 1);
	assert_int_equal(fx_count(f, "SELECT count(*) FROM assessment"), 1);
	/* the file's answer replaced the stored one, its note went too */
	assert_int_equal(fx_count(f, "SELECT count(*) FROM answer WHERE "
				  "question = 'basics-1' AND option = "
				  "'partly'"), 1);
	assert_int_equal(fx_count(f, "SELECT count(*) FROM answer WHERE "
				  "note IS NOT NULL"), 0);
	sbuf_release(&sb);
}

static void
test_diag_import_japanese_header(void **state)
{
	struct fx *f = *state;
	struct diag_import imp;

	fx_company(f, "山田商店", "E");
	assert_int_equal(import(f, "会社名,セット,質問,回答,メモ\n"
				"山田商店,small,office-1,no,"
				"鍵が古い\n", &imp), 0);
	assert_int_equal(fx_count(f, "SELECT count(*) FROM answer WHERE "
				  "note = '鍵が古い'"), 1);
	/* note is optional, and columns may come in any order */
	assert_int_equal(import(f, "answer,question,set,company\n"
				"done,office-2,small,山田商店\n", &imp), 0);
	assert_int_equal(fx_count(f, "SELECT count(*) FROM answer"), 2);
}

struct bad {
	const char *csv;
	const char *errors;	/* "LINE: message\n" each */
};

static const struct bad bads[] = {
	{ HEAD "Nobody,small,basics-1,done,\n",
	  "2: field 1 (column A): no company 'Nobody'; 'otasuke company "
	  "list' shows them\n" },
	{ HEAD "Acme,nope,basics-1,done,\n",
	  "2: field 2 (column B): no question set 'nope'; 'otasuke "
	  "questions list' shows them\n" },
	{ HEAD "Acme,example-survey,it_staff,yes,\n",
	  "2: field 2 (column B): set 'example-survey' is a survey, not a "
	  "diagnosis; 'otasuke questions list' shows the sets\n" },
	{ HEAD "Acme,small,basics-9,done,\n",
	  "2: field 3 (column C): set 'small' version 1 has no question "
	  "'basics-9'; 'otasuke questions show small' lists them\n" },
	{ HEAD "Acme,small,basics-1,maybe,\n",
	  "2: field 4 (column D): 'maybe' is not an answer to 'basics-1'; "
	  "use done, partly, no, unknown or na, or leave it empty to skip "
	  "it\n" },
	{ HEAD "Acme,small,network-1,done,\n",
	  "2: field 4 (column D): 'done' is not an answer to 'network-1'; "
	  "use yes, no or unknown, or leave it empty to skip it\n" },
	{ HEAD "Acme,small,basics-1,done,\nAcme,small,basics-1,no,\n",
	  "3: field 3 (column C): question 'basics-1' of company 'Acme' is "
	  "already answered on line 2; keep one row\n" },
	{ HEAD "Acme,small,basics-1\n",
	  "2: 3 fields, fewer than the header's 5\n" },
	{ HEAD ",small,basics-1,done,\nAcme,,basics-1,done,\n",
	  "2: field 1 (column A): the company is empty; give its id or "
	  "exact name\n"
	  "3: field 2 (column B): the set is empty; give a diagnosis set "
	  "such as 'diag-office'\n" },
	/* every bad row is listed; the good ones are not stored either */
	{ HEAD "Acme,small,basics-1,done,\nNobody,small,basics-2,done,\n"
	  "Acme,small,basics-3,done,\nAcme,small,basics-4,often,\n"
	  "Nobody,nope,x,y,\n",
	  "3: field 1 (column A): no company 'Nobody'; 'otasuke company "
	  "list' shows them\n"
	  "5: field 4 (column D): 'often' is not an answer to 'basics-4'; "
	  "use done, partly, no, unknown or na, or leave it empty to skip "
	  "it\n"
	  "6: field 1 (column A): no company 'Nobody'; 'otasuke company "
	  "list' shows them\n"
	  "6: field 2 (column B): no question set 'nope'; 'otasuke "
	  "questions list' shows them\n" },
};

static void
test_diag_import_bad_rows(void **state)
{
	struct fx *f = *state;
	struct diag_import imp;
	size_t i;

	fx_company(f, "Acme", "E");
	for (i = 0; i < sizeof(bads) / sizeof(*bads); i++) {
		char *got;

		assert_int_equal(import(f, bads[i].csv, &imp), -OSK_EDATA);
		got = fx_errors(f);
		if (strcmp(got, bads[i].errors))
			fail_msg("case %zu:\nwant: %sgot:  %s", i,
				 bads[i].errors, got);
		free(got);
		assert_string_equal(f->errs.items[0].path, f->path);
		assert_int_equal(fx_count(f, "SELECT count(*) FROM answer"), 0);
		assert_int_equal(fx_count(f, "SELECT count(*) FROM assessment"),
				 0);
	}
}

static void
test_diag_import_bad_file(void **state)
{
	struct fx *f = *state;
	struct diag_import imp;

	assert_int_equal(import(f, "", &imp), -OSK_EDATA);
	assert_string_equal(f->err.msg, "the file is empty; expected a header "
			    "row: company,set,question,answer,note");
	assert_int_equal(import(f, HEAD, &imp), -OSK_EDATA);
	assert_string_equal(f->err.msg, "no answers after the header row");
	assert_int_equal(import(f, "company,set,question\nAcme,small,x\n",
				&imp), -OSK_EDATA);
	assert_string_equal(f->err.msg, "the header needs columns 'company', "
			    "'set', 'question' and 'answer' (and may have "
			    "'note')");
	assert_int_equal(f->err.line, 1);
	assert_int_equal(import(f, "company,会社名,set,question,answer\n",
				&imp), -OSK_EDATA);
	assert_non_null(strstr(f->err.msg, "repeats another column"));
	memset(&imp, 0, sizeof(imp));
	osk_error_clear(&f->err);
	assert_int_equal(diag_import_csv(f->st, "/nonexistent/x.csv", &imp,
					 &f->errs, &f->err), -OSK_ENOINPUT);
	assert_int_equal(fx_count(f, "SELECT count(*) FROM assessment"), 0);
}

/* Diagnosis questions with `when`, if the loader allows them. */
static void
test_diag_import_when(void **state)
{
	struct fx *f = *state;
	struct osk_errlist errs;
	struct diag_import imp;
	struct qset *q;
	char *got;

	osk_errlist_init(&errs, 5);
	q = qset_load_file("tests/data/diag/when.yaml", &errs);
	osk_errlist_release(&errs);
	if (!q)
		skip();
	qset_free(q);
	fx_load(f, "tests/data/diag/when.yaml");
	fx_company(f, "Acme", "E");
	/* wifi-2 is asked only when wifi-1 is done: the row after says no */
	assert_int_equal(import(f, HEAD "Acme,when,wifi-2,done,\n"
				"Acme,when,wifi-1,no,\n", &imp), -OSK_EDATA);
	got = fx_errors(f);
	assert_string_equal(got, "2: field 3 (column C): question 'wifi-2' "
			    "is asked only when 'wifi-1' is 'done'; leave its "
			    "answer empty or answer 'wifi-1' first\n");
	free(got);
	assert_int_equal(fx_count(f, "SELECT count(*) FROM answer"), 0);
	assert_int_equal(import(f, HEAD "Acme,when,wifi-2,done,\n"
				"Acme,when,wifi-1,done,\n", &imp), 0);
	assert_int_equal(imp.completed, 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_diag_import_complete,
						fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_diag_import_continues_open,
						fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(
			test_diag_import_japanese_header, fx_setup,
			fx_teardown),
		cmocka_unit_test_setup_teardown(test_diag_import_bad_rows,
						fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_diag_import_bad_file,
						fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_diag_import_when,
						fx_setup, fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
