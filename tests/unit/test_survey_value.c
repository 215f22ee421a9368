/* SPDX-License-Identifier: MIT */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/qset.h"
#include "survey/internal.h"
#include "survey/survey.h"

#define MINI "tests/data/survey/mini.yaml"

struct fix {
	struct qset *q;
	struct survey_value v;
	struct osk_error err;
};

static int
setup(void **state)
{
	struct fix *f = calloc(1, sizeof(*f));

	if (!f || !(f->q = qset_load_file(MINI, NULL)))
		return -1;
	survey_value_init(&f->v);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fix *f = *state;

	survey_value_release(&f->v);
	/* release leaves the value empty again */
	assert_null(f->v.chosen);
	assert_int_equal(f->v.other.len, 0);
	assert_null(f->v.keys);
	qset_free(f->q);
	free(f);
	return 0;
}

static const struct qset_question *
qq(struct fix *f, const char *id)
{
	long i = qset_question_index(f->q, id);

	assert_true(i >= 0);
	return &f->q->questions[i];
}

/* Parse s for question id and return the formatted answer ("" if none). */
static const char *
parsed(struct fix *f, const char *id, const char *s)
{
	static char out[512];
	struct sbuf sb = SBUF_INIT;

	osk_error_clear(&f->err);
	assert_int_equal(survey_value_parse(qq(f, id), s, &f->v, &f->err), 0);
	assert_int_equal(survey_value_format(qq(f, id), &f->v, &sb), 0);
	snprintf(out, sizeof(out), "%s", sb.buf);
	sbuf_release(&sb);
	return out;
}

/* Parse s, expect an error, return its message. */
static const char *
refused(struct fix *f, const char *id, const char *s)
{
	osk_error_clear(&f->err);
	assert_int_equal(survey_value_parse(qq(f, id), s, &f->v, &f->err),
			 -OSK_EDATA);
	assert_int_equal(f->err.code, OSK_EDATA);
	assert_false(f->v.answered);
	return f->err.msg;
}

static void
test_survey_value_ids_and_labels(void **state)
{
	struct fix *f = *state;

	assert_string_equal(parsed(f, "industry", "E"), "E");
	assert_string_equal(parsed(f, "industry", " e "), "E");
	assert_string_equal(parsed(f, "industry", "製造業"), "E");
	assert_string_equal(parsed(f, "industry", "MANUFACTURING"), "E");
	assert_string_equal(parsed(f, "industry",
				   "information  and communications"), "G");
	/* full-width comma, ideographic space around */
	assert_string_equal(parsed(f, "industry", "\u3000卸売業,小売業\u3000"),
			    "I");
	/* full-width letters */
	assert_string_equal(parsed(f, "industry", "Ｅ"), "E");
	/* the wave dash as CP932 gives it back (U+FF5E) */
	assert_string_equal(parsed(f, "employees", "1\uFF5E5人"), "1-5");
	assert_string_equal(parsed(f, "employees", "1〜5人"), "1-5");
	assert_string_equal(parsed(f, "employees", "301+"), "301+");
	assert_string_equal(parsed(f, "it_staff", "いない"), "no");
}

static void
test_survey_value_empty_is_no_answer(void **state)
{
	struct fix *f = *state;

	assert_string_equal(parsed(f, "industry", ""), "");
	assert_false(f->v.answered);
	assert_string_equal(parsed(f, "worries", " ; ；"), "");
	assert_false(f->v.answered);
	assert_string_equal(parsed(f, "pcs", "\u3000 "), "");
	assert_false(f->v.answered);
	osk_error_clear(&f->err);
	assert_int_equal(survey_value_parse(qq(f, "industry"), NULL, &f->v,
					    &f->err), 0);
	assert_false(f->v.answered);
}

static void
test_survey_value_multi(void **state)
{
	struct fix *f = *state;

	/* kept in the set's order, duplicates once, either semicolon */
	assert_string_equal(parsed(f, "worries", "leaks;viruses"),
			    "viruses;leaks");
	assert_int_equal(f->v.nchosen, 2);
	assert_string_equal(parsed(f, "worries", "leaks；情報漏れ;LEAKS"),
			    "leaks");
	assert_true(survey_value_has(qq(f, "worries"), &f->v, "leaks"));
	assert_false(survey_value_has(qq(f, "worries"), &f->v, "cost"));
	assert_false(survey_value_has(qq(f, "worries"), &f->v, "nonsense"));
}

static void
test_survey_value_other_text(void **state)
{
	struct fix *f = *state;

	assert_string_equal(parsed(f, "worries", "other:社長が心配"),
			    "other:社長が心配");
	assert_string_equal(f->v.other.buf, "社長が心配");
	/* the text runs to the end, ';' and all; written last */
	assert_string_equal(parsed(f, "worries", "cost;その他： a;b "),
			    "cost;other:a;b");
	assert_string_equal(f->v.other.buf, "a;b");
	/* "other" alone: the choice without text */
	assert_string_equal(parsed(f, "worries", "Other"), "other");
	assert_int_equal(f->v.other.len, 0);
	/* single with other: true */
	assert_string_equal(parsed(f, "plan", "other: ローン"), "other:ローン");
	/* a colon in an unknown choice is not "other" */
	assert_string_equal(refused(f, "worries", "leaks:many"),
			    "unknown choice 'leaks:many'; use a choice id "
			    "(viruses, leaks, cost, other) or its label");
	/* "other" exists but the question takes no text */
	assert_string_equal(refused(f, "source", "other:a friend"),
			    "text after 'other' is not taken by this question "
			    "(it has no 'other: true')");
	assert_string_equal(parsed(f, "source", "other:"), "other");
}

static void
test_survey_value_errors(void **state)
{
	struct fix *f = *state;
	char big[300];

	assert_string_equal(refused(f, "it_staff", "maybe"),
			    "unknown choice 'maybe'; use a choice id (yes, no) "
			    "or its label");
	assert_string_equal(refused(f, "it_staff", "yes;no"),
			    "2 choices given ('yes', 'no'); this question "
			    "takes one");
	assert_string_equal(refused(f, "industry", "E;G;I"),
			    "3 choices given ('E', 'G', ...); this question "
			    "takes one");
	assert_string_equal(refused(f, "worries", "viruses;leaks;cost"),
			    "3 choices given; this question takes at most 2");
	/* long input is cut in the message */
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	assert_non_null(strstr(refused(f, "it_staff", big),
			       "'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
			       "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...'"));
}

static void
test_survey_value_numbers(void **state)
{
	struct fix *f = *state;

	assert_string_equal(parsed(f, "pcs", " 12 "), "12");
	assert_true(f->v.number == 12);
	assert_string_equal(parsed(f, "pcs", "１２"), "12");
	assert_string_equal(parsed(f, "pcs", "-3.5"), "-3.5");
	assert_true(f->v.number == -3.5);
	assert_string_equal(parsed(f, "pcs", "1e3"), "1e3");
	assert_true(f->v.number == 1000);
	assert_string_equal(refused(f, "pcs", "12 台"),
			    "'12 台' is not a number");
	assert_string_equal(refused(f, "pcs", "inf"), "'inf' is not a number");
	assert_string_equal(refused(f, "pcs", "0x10"),
			    "'0x10' is not a number");
	assert_string_equal(refused(f, "pcs", "1e999"),
			    "'1e999' is not a number");
	assert_string_equal(refused(f, "pcs", "."), "'.' is not a number");
}

static void
test_survey_value_text(void **state)
{
	struct fix *f = *state;

	assert_string_equal(parsed(f, "comments", "  とても良い;また来ます "),
			    "とても良い;また来ます");
}

static void
test_survey_value_format_round_trip(void **state)
{
	static const struct {
		const char *q, *in;
	} cases[] = {
		{ "worries", "cost;other:x;y" },
		{ "worries", "leaks" },
		{ "plan", "other:a:b" },
		{ "industry", "I" },
		{ "pcs", "7" },
	};
	struct fix *f = *state;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		char once[512];

		snprintf(once, sizeof(once), "%s",
			 parsed(f, cases[i].q, cases[i].in));
		assert_string_equal(parsed(f, cases[i].q, once), once);
	}
}

static void
test_survey_value_asked(void **state)
{
	struct fix *f = *state;
	struct survey_value vals[8];
	size_t i;
	long it = qset_question_index(f->q, "it_staff");
	long wo = qset_question_index(f->q, "worries");
	long pl = qset_question_index(f->q, "plan");

	assert_int_equal(f->q->nquestions, 8);
	for (i = 0; i < 8; i++)
		survey_value_init(&vals[i]);
	/* nothing answered: the conditional questions are not asked */
	assert_true(survey_asked(f->q, (size_t)it, vals));
	assert_false(survey_asked(f->q, (size_t)wo, vals));
	assert_false(survey_asked(f->q, (size_t)pl, vals));
	assert_int_equal(survey_value_parse(&f->q->questions[it], "no",
					    &vals[it], &f->err), 0);
	assert_true(survey_asked(f->q, (size_t)wo, vals));
	assert_false(survey_asked(f->q, (size_t)pl, vals));
	assert_int_equal(survey_value_parse(&f->q->questions[wo], "cost",
					    &vals[wo], &f->err), 0);
	assert_true(survey_asked(f->q, (size_t)pl, vals));
	for (i = 0; i < 8; i++)
		survey_value_release(&vals[i]);
}

static void
test_survey_value_norm(void **state)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
		{ "  Ａｂｃ　 ｄ ", "abc d" },
		{ "1〜5人", "1~5人" },
		{ "1～5人", "1~5人" },
		{ "A\xE2\x88\x92" "B", "a-b" },		/* minus sign */
		{ "\xEF\xBF\xA5" "50", "\xC2\xA5" "50" },	/* wide yen */
		{ "x\xFFy", "x\xFFy" },			/* not UTF-8: kept */
		{ "", "" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		struct sbuf sb = SBUF_INIT;

		assert_int_equal(survey_norm(cases[i].in, strlen(cases[i].in),
					     &sb), 0);
		assert_string_equal(sb.buf, cases[i].out);
		sbuf_release(&sb);
	}
}

/* Cells as spreadsheets and web forms give them. */
static void
test_survey_value_as_typed(void **state)
{
	struct fix *f = *state;
	char many[400];
	size_t i;

	/* head counts typed as numbers go to their band */
	assert_string_equal(parsed(f, "employees", "12"), "6-20");
	assert_string_equal(parsed(f, "employees", "３人"), "1-5");
	assert_string_equal(parsed(f, "employees", "5000名"), "301+");
	assert_string_equal(parsed(f, "employees", "301"), "301+");
	assert_string_equal(refused(f, "employees", "21"),
			    "unknown choice '21'; use a choice id (1-5, 6-20, "
			    "301+) or its label");
	assert_string_equal(refused(f, "employees", "0"),
			    "unknown choice '0'; use a choice id (1-5, 6-20, "
			    "301+) or its label");
	/* ranges Excel turned into dates */
	assert_string_equal(parsed(f, "employees", "1月5日"), "1-5");
	assert_string_equal(parsed(f, "employees", "６月２０日"), "6-20");
	assert_string_equal(parsed(f, "employees", "20-Jun"), "6-20");
	refused(f, "employees", "2月30日");
	/* several choices on lines of their own, or with commas */
	assert_string_equal(parsed(f, "worries", "ウイルス\r\n情報漏れ"),
			    "viruses;leaks");
	assert_string_equal(parsed(f, "worries", "Viruses, Leaks"),
			    "viruses;leaks");
	assert_string_equal(parsed(f, "worries", "費用、その他:a、b"),
			    "cost;other:a、b");
	assert_string_equal(f->v.other.buf, "a、b");
	assert_string_equal(refused(f, "worries", "費用、まあまあ"),
			    "unknown choice '費用、まあまあ'; use a choice id "
			    "(viruses, leaks, cost, other) or its label");
	/* a single choice takes one: no second try */
	refused(f, "industry", "製造業、情報通信業");
	/* a label with a comma stays whole */
	assert_string_equal(parsed(f, "industry", "卸売業，小売業"), "I");
	/* too many separators: no second try */
	for (i = 0; i + 6 < sizeof(many); i += 5)
		memcpy(many + i, "cost,", 5);	/* 65 or more commas */
	memcpy(many + i, "cost", 5);
	refused(f, "worries", many);
	many[5 * 10] = '\0';	/* ten are fine */
	assert_string_equal(parsed(f, "worries", many), "cost");
}

int
main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_survey_value_ids_and_labels),
		T(test_survey_value_empty_is_no_answer),
		T(test_survey_value_multi),
		T(test_survey_value_other_text),
		T(test_survey_value_errors),
		T(test_survey_value_numbers),
		T(test_survey_value_text),
		T(test_survey_value_format_round_trip),
		T(test_survey_value_asked),
		T(test_survey_value_as_typed),
		cmocka_unit_test(test_survey_value_norm),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
