/* SPDX-License-Identifier: MIT */
/*
 * The interview engine (bin/interview.c), included here so that its
 * static helpers (wrapping, parsing) are tested too. The answers live in
 * memory; input and output are memory streams.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "bin/interview.c"

struct app app;

static const char survey_yaml[] =
	"set: t-survey\n"
	"kind: survey\n"
	"version: 1\n"
	"title: {ja: \"テスト\", en: \"Test\"}\n"
	"questions:\n"
	"  - id: staff\n"
	"    type: single\n"
	"    text: {ja: \"担当者はいますか？\",\n"
	"           en: \"Is someone in charge?\"}\n"
	"    choices:\n"
	"      - {id: \"yes\", label: {ja: \"いる\", en: \"Yes\"}}\n"
	"      - {id: \"no\", label: {ja: \"いない\", en: \"No\"}}\n"
	"  - id: worries\n"
	"    type: multi\n"
	"    max_choices: 2\n"
	"    other: true\n"
	"    when: {staff: [\"no\"]}\n"
	"    text: {ja: \"心配なこと\", en: \"Worries\"}\n"
	"    help: {ja: \"説明\", en: \"Pick up to two.\"}\n"
	"    choices:\n"
	"      - {id: viruses, label: {ja: \"ウイルス\", en: \"Viruses\"}}\n"
	"      - {id: leaks, label: {ja: \"漏えい\", en: \"Leaks\"}}\n"
	"      - {id: cost, label: {ja: \"費用\", en: \"Cost\"}}\n"
	"      - {id: other, label: {ja: \"その他\", en: \"Other\"}}\n"
	"  - id: pcs\n"
	"    type: number\n"
	"    text: {ja: \"台数\", en: \"How many PCs?\"}\n"
	"  - id: comments\n"
	"    type: text\n"
	"    text: {ja: \"ご意見\", en: \"Comments?\"}\n";

#define NQ 4

struct mock {
	char *val[NQ], *note[NQ];
	bool has[NQ];
	int puts, finished, summaries;
	int fail_at;		/* put of this question fails; -1: never */
};

static const char *
mock_get(void *ctx, size_t qi, const char **note)
{
	struct mock *m = ctx;

	*note = m->note[qi];
	if (!m->has[qi])
		return NULL;
	return m->val[qi] ? m->val[qi] : "";
}

static int
mock_put(void *ctx, size_t qi, const char *value, const char *note,
	 struct osk_error *err)
{
	struct mock *m = ctx;

	if ((int)qi == m->fail_at)
		return osk_fail(err, OSK_EIO, "disk full");
	free(m->val[qi]);
	free(m->note[qi]);
	m->val[qi] = value ? strdup(value) : NULL;
	m->note[qi] = note ? strdup(note) : NULL;
	m->has[qi] = true;
	m->puts++;
	return 0;
}

static int
mock_finish(void *ctx, struct osk_error *err)
{
	(void)err;
	((struct mock *)ctx)->finished++;
	return 0;
}

static void
mock_summary(void *ctx, FILE *out)
{
	((struct mock *)ctx)->summaries++;
	fputs("[summary]\n", out);
}

static const struct interview_ops mock_ops = {
	mock_get, mock_put, mock_finish, mock_summary,
};

struct fixture {
	struct qset *q;
	struct mock m;
	struct osk_error err;
	char *out;
	size_t outlen;
};

static int
setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	struct osk_errlist errs;

	osk_errlist_init(&errs, 4);
	f->q = qset_load_mem("t.yaml", survey_yaml, strlen(survey_yaml),
			     &errs);
	osk_errlist_release(&errs);
	assert_non_null(f->q);
	assert_int_equal(f->q->nquestions, NQ);
	f->m.fail_at = -1;
	app.lang = OSK_LANG_EN;
	app.quiet = true;
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;
	size_t i;

	for (i = 0; i < NQ; i++) {
		free(f->m.val[i]);
		free(f->m.note[i]);
	}
	free(f->out);
	qset_free(f->q);
	free(f);
	return 0;
}

/* Run the engine on input, with the given mode; output in f->out. */
static int
feed(struct fixture *f, const char *input, bool tty, bool review)
{
	struct interview_opts o = { "Heading", review, false };
	FILE *in = fmemopen((void *)input, strlen(input), "r");
	FILE *out;
	int r;

	free(f->out);
	f->out = NULL;
	out = open_memstream(&f->out, &f->outlen);
	assert_non_null(in);
	assert_non_null(out);
	osk_error_clear(&f->err);
	r = run(f->q, &mock_ops, &f->m, &o, &f->err, in, out, tty);
	fclose(in);
	fclose(out);
	return r;
}

static void
test_interview_scripted_full_run(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(feed(f, "2\n1;other:our own\n12\n  Fine, thanks  \n",
			      false, false), 0);
	assert_string_equal(f->m.val[0], "no");
	assert_string_equal(f->m.val[1], "viruses;other:our own");
	assert_string_equal(f->m.val[2], "12");
	assert_string_equal(f->m.val[3], "Fine, thanks");
	assert_int_equal(f->m.finished, 1);
	assert_int_equal(f->m.summaries, 1);
	assert_non_null(strstr(f->out, "2/4 worries: viruses;other:our own"));
	assert_non_null(strstr(f->out, "[summary]"));
}

static void
test_interview_when_skips_question(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(feed(f, "yes\n3\n\n", false, false), 0);
	assert_false(f->m.has[1]);
	assert_string_equal(f->m.val[2], "3");
	assert_true(f->m.has[3]);	/* empty line: a skip */
	assert_null(f->m.val[3]);
	assert_non_null(strstr(f->out, "3/3 comments: (skipped)"));
}

static void
test_interview_bad_line_stops_scripted(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(feed(f, "no\n1 2 3\n", false, false), -OSK_EDATA);
	assert_string_equal(f->err.path, "<stdin>");
	assert_int_equal(f->err.line, 2);
	assert_string_equal(f->err.msg, "question 'worries': choose at most 2 "
			    "(3 given)");
	assert_string_equal(f->m.val[0], "no");	/* kept */
	assert_false(f->m.has[1]);

	assert_int_equal(feed(f, "7\n", false, false), -OSK_EDATA);
	assert_int_equal(f->err.line, 1);
	assert_string_equal(f->err.msg, "question 'worries': '7' is not one of "
			    "its options (use 1-4 or viruses, leaks, cost, "
			    "other, separated by ';')");
}

static void
test_interview_number_and_fullwidth(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(feed(f, "yes\n12x\n", false, false), -OSK_EDATA);
	assert_string_equal(f->err.msg, "question 'pcs': '12x' is not a "
			    "number (write it like 12 or 3.5)");
	assert_int_equal(feed(f, "\xef\xbc\x91\xef\xbc\x92\n", false, false),
			 1);	/* "１２", then the end of input = quit */
	assert_string_equal(f->m.val[2], "12");
}

static void
test_interview_resume_and_skip(void **state)
{
	struct fixture *f = *state;

	f->m.has[0] = true;
	f->m.val[0] = strdup("yes");
	f->m.has[2] = true;	/* skipped before: "" */
	assert_int_equal(feed(f, "q\n", false, false), 1);
	assert_non_null(strstr(f->out, "Going on from 3/3 (2 answered"));
	assert_non_null(strstr(f->out, "2 of 3 questions done; the answers "
				  "so far are saved"));
	assert_int_equal(f->m.puts, 0);
}

static void
test_interview_skipped_asked_again(void **state)
{
	struct fixture *f = *state;

	/* Every question reached, pcs skipped: a new run goes back to it. */
	assert_int_equal(feed(f, "yes\ns\nfine\n", false, false), 0);
	assert_true(f->m.has[2]);
	assert_null(f->m.val[2]);
	assert_int_equal(feed(f, "7\n", false, false), 0);
	assert_non_null(strstr(f->out, "Going back to the skipped question."));
	assert_string_equal(f->m.val[2], "7");
	assert_int_equal(feed(f, "", false, false), 0);
	assert_non_null(strstr(f->out, "Every question has an answer"));
}

static void
test_interview_back_and_note(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(feed(f, "b\nno\nb\nn called back\n\nviruses\n",
			      false, false), 1);
	assert_non_null(strstr(f->out, "This is the first question."));
	assert_string_equal(f->m.val[0], "no");
	assert_string_equal(f->m.note[0], "called back");
	assert_string_equal(f->m.val[1], "viruses");
	/* n then the text on the next line; "-" deletes it */
	assert_int_equal(feed(f, "b\nb\nn\n-\n", false, false), 1);
	assert_null(f->m.note[0]);
	assert_string_equal(f->m.val[0], "no");
}

static void
test_interview_qid_lines_guard_drift(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(feed(f, "staff=yes\nworries=1\n", false, false),
			 -OSK_EDATA);
	assert_string_equal(f->err.msg, "question 'pcs': this line answers "
			    "question 'worries', but the question asked here "
			    "is 'pcs'");
	assert_int_equal(f->err.line, 2);
	assert_string_equal(f->m.val[0], "yes");
}

static void
test_interview_put_failure_stops(void **state)
{
	struct fixture *f = *state;

	f->m.fail_at = 2;
	assert_int_equal(feed(f, "yes\n5\n", false, false), -OSK_EIO);
	assert_string_equal(f->err.msg, "disk full");
	assert_false(f->m.has[2]);
}

static void
test_interview_review_keeps_answers(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(feed(f, "yes\n4\nok\n", false, false), 0);
	assert_int_equal(feed(f, "\n\n\n", false, true), 0);
	assert_string_equal(f->m.val[2], "4");
	assert_int_equal(f->m.finished, 2);
	assert_non_null(strstr(f->out, "1/3 staff: (kept) yes"));
	assert_non_null(strstr(f->out, "3/3 comments: (kept) ok"));
}

static void
test_interview_tty_bad_key_does_not_advance(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(feed(f, "x\n\n?\n2\n", true, false), 1);
	assert_non_null(strstr(f->out, "1/3  staff"));
	assert_non_null(strstr(f->out, "Is someone in charge?"));
	assert_non_null(strstr(f->out, "  1) Yes  2) No"));
	assert_non_null(strstr(f->out, "'x' is not one of the options"));
	assert_non_null(strstr(f->out, "type an answer, or s to skip"));
	assert_non_null(strstr(f->out, "There is no explanation"));
	assert_non_null(strstr(f->out, "? help  b back  s skip  n note"));
	assert_string_equal(f->m.val[0], "no");
	assert_non_null(strstr(f->out, "2/4  worries"));
	assert_non_null(strstr(f->out, "(at most 2)"));
}

static void
test_interview_tty_other_asks_text(void **state)
{
	struct fixture *f = *state;

	/* the text of "other" may hold ';' (it runs to the end) */
	assert_int_equal(feed(f, "2\n1 2 3\n1 4\nmine; yours\n", true,
			      false), 1);
	assert_non_null(strstr(f->out, "choose at most 2 (3 given)"));
	assert_string_equal(f->m.val[1], "viruses;other:mine; yours");
	assert_non_null(strstr(f->out,
			       "saved: 1) Viruses; 4) Other: mine; yours"));
}

static void
test_interview_tty_japanese_screen(void **state)
{
	struct fixture *f = *state;

	app.lang = OSK_LANG_JA;
	assert_int_equal(feed(f, "b\n1\n", true, false), 1);
	assert_non_null(strstr(f->out, "担当者はいますか？"));
	assert_non_null(strstr(f->out, "  1) いる  2) いない"));
	assert_non_null(strstr(f->out, "最初の質問です。"));
	assert_non_null(strstr(f->out, "? 説明  b 戻る"));
	assert_non_null(strstr(f->out, "3 問中 1 問が済み"));
}

/* Every line of s wrapped at width fits and is valid UTF-8. */
static void
check_wrapped(const char *s, size_t width, size_t ind)
{
	char *buf = NULL, *line, *save = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);

	wrap_print(out, s, 0, ind, width);
	fclose(out);
	for (line = strtok_r(buf, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		assert_true(utf8_width(line) <= width);
		assert_true(utf8_valid(line, strlen(line), NULL));
		assert_true(strncmp(line + ind, "。", 3));
		assert_true(strncmp(line + ind, "、", 3));
	}
	free(buf);
}

static void
test_interview_wrap_by_display_width(void **state)
{
	char *buf = NULL;
	size_t len = 0, w;
	FILE *out;

	(void)state;
	for (w = 12; w < 40; w++) {
		check_wrapped("大事な情報が書かれた書類や、データの入ったUSB"
			      "メモリー・CDなどを捨てるとき、元に戻せないよう"
			      "に処分していますか？", w, 2);
		check_wrapped("When you throw away papers, USB sticks, CDs "
			      "and the like, do you destroy them?", w, 4);
		check_wrapped("averyveryveryverylongwordwithoutanyspacesinit",
			      w, 0);
	}
	out = open_memstream(&buf, &len);
	wrap_print(out, "one two three four", 0, 2, 12);
	fclose(out);
	assert_string_equal(buf, "one two\n  three four\n");
	free(buf);
	buf = NULL;
	out = open_memstream(&buf, &len);
	wrap_print(out, "", 0, 2, 10);
	wrap_print(out, "a\x1b[31mb", 0, 0, 20);	/* no escapes */
	fclose(out);
	assert_string_equal(buf, "\na [31mb\n");
	free(buf);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
			test_interview_scripted_full_run, setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_interview_when_skips_question, setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_interview_bad_line_stops_scripted, setup,
			teardown),
		cmocka_unit_test_setup_teardown(
			test_interview_number_and_fullwidth, setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_interview_resume_and_skip, setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_interview_skipped_asked_again, setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_interview_back_and_note, setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_interview_qid_lines_guard_drift, setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_interview_put_failure_stops, setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_interview_review_keeps_answers, setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_interview_tty_bad_key_does_not_advance, setup,
			teardown),
		cmocka_unit_test_setup_teardown(
			test_interview_tty_other_asks_text, setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_interview_tty_japanese_screen, setup, teardown),
		cmocka_unit_test(test_interview_wrap_by_display_width),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
