/* SPDX-License-Identifier: MIT */
/* Assessments and answers: new, put, finish, latest, SECURITY ACTION. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "tests/unit/diag_fixture.h"

static size_t
qi(const struct diag_answers *a, const char *id)
{
	long i = qset_question_index(a->q, id);

	assert_true(i >= 0);
	return (size_t)i;
}

static void
put(struct fx *f, struct diag_answers *a, const char *q, const char *opt,
    const char *note)
{
	assert_int_equal(store_begin(f->st, &f->err), 0);
	if (diag_answers_put(f->st, a, qi(a, q), opt, note, &f->err))
		fail_msg("put %s=%s: %s", q, opt ? opt : "(skip)",
			 f->err.msg);
	assert_int_equal(store_commit(f->st, &f->err), 0);
}

static bool
finish(struct fx *f, struct diag_answers *a)
{
	bool done = false;

	assert_int_equal(store_begin(f->st, &f->err), 0);
	assert_int_equal(diag_answers_finish(f->st, a, &done, &f->err), 0);
	assert_int_equal(store_commit(f->st, &f->err), 0);
	return done;
}

static void
test_diag_answers_lifecycle(void **state)
{
	static const char *const qs[] = {
		"basics-1", "basics-2", "basics-3", "basics-4", "basics-5",
		"rules-1", "rules-2", "office-1",
	};
	struct fx *f = *state;
	struct diag_answers *a = NULL, *b = NULL;
	struct diag_assessment as;
	size_t n, k, i;
	int64_t id = fx_company(f, "Acme", "E");

	assert_int_equal(diag_assessment_latest(f->st, id, "small", false,
						&as, &f->err), -OSK_ENOTFOUND);
	assert_string_equal(f->err.msg, "no 'small' assessment for company "
			    "1 yet");
	assert_int_equal(diag_answers_new(f->st, id, "small", &a, &f->err),
			 0);
	assert_int_equal(a->a.id, 0);
	/* nothing is written before the first answer */
	assert_false(finish(f, a));
	assert_int_equal(fx_count(f, "SELECT count(*) FROM assessment"), 0);
	for (i = 0; i < 8; i++)
		put(f, a, qs[i], "done", NULL);
	assert_true(a->a.id > 0);
	put(f, a, "network-1", "yes", "router only");
	diag_answers_progress(a, &n, &k);
	assert_int_equal(n, 8);
	assert_int_equal(k, 9);
	assert_false(diag_answers_complete(a));
	assert_false(finish(f, a));
	/* unknown and na complete an assessment just as well */
	put(f, a, "office-2", "na", NULL);
	assert_true(diag_answers_complete(a));
	assert_true(finish(f, a));
	assert_true(a->a.completed);
	assert_int_equal(fx_count(f, "SELECT count(*) FROM assessment WHERE "
				  "completed_at IS NOT NULL"), 1);
	/* taking an answer back makes it in progress again */
	put(f, a, "office-2", NULL, "not sure");
	assert_false(a->a.completed);
	assert_int_equal(fx_count(f, "SELECT count(*) FROM assessment WHERE "
				  "completed_at IS NULL"), 1);
	put(f, a, "office-2", "unknown", NULL);
	assert_true(finish(f, a));
	/* load it back */
	assert_int_equal(diag_assessment_latest(f->st, id, "small", true, &as,
						&f->err), 0);
	assert_int_equal(as.id, a->a.id);
	assert_true(as.completed);
	assert_string_equal(as.set_id, "small");
	assert_int_equal(as.version, 1);
	assert_int_equal(diag_answers_load(f->st, &as, &b, &f->err), 0);
	assert_string_equal(b->items[qi(b, "network-1")].note, "router only");
	assert_string_equal(b->items[qi(b, "network-1")].option->id, "yes");
	assert_string_equal(b->items[qi(b, "office-2")].option->id,
			    "unknown");
	assert_null(b->items[qi(b, "office-2")].note);
	assert_true(b->items[qi(b, "basics-1")].stored);
	diag_answers_free(a);
	diag_answers_free(b);
}

static void
test_diag_answers_bad_option(void **state)
{
	struct fx *f = *state;
	struct diag_answers *a = NULL;
	int64_t id = fx_company(f, "Acme", "E");

	assert_int_equal(diag_answers_new(f->st, id, "small", &a, &f->err),
			 0);
	assert_int_equal(store_begin(f->st, &f->err), 0);
	assert_int_equal(diag_answers_put(f->st, a, qi(a, "basics-1"), "maybe",
					  NULL, &f->err), -OSK_EDATA);
	assert_string_equal(f->err.msg, "'maybe' is not an answer to "
			    "'basics-1'; use done, partly, no, unknown or na");
	store_rollback(f->st);
	assert_int_equal(fx_count(f, "SELECT count(*) FROM assessment"), 0);
	diag_answers_free(a);
	/* not a diagnosis set, no such set */
	assert_int_equal(diag_answers_new(f->st, id, "example-survey", &a,
					  &f->err), -OSK_EDATA);
	assert_null(a);
	assert_int_equal(diag_answers_new(f->st, id, "nope", &a, &f->err),
			 -OSK_ENOTFOUND);
}

/* What alerts/ asks: are malware protection and updates done? */
static void
test_diag_answers_sa_done(void **state)
{
	struct fx *f = *state;
	struct diag_answers *a = NULL, *b = NULL;
	int64_t id = fx_company(f, "Acme", "E");

	assert_int_equal(diag_latest_answers(f->st, id, DIAG_DEFAULT_SET, false,
					     &b, &f->err), -OSK_ENOTFOUND);
	assert_null(b);
	assert_int_equal(diag_answers_new(f->st, id, DIAG_DEFAULT_SET, &a,
					  &f->err), 0);
	put(f, a, "basics-1", "done", NULL);
	put(f, a, "basics-2", "partly", NULL);
	assert_int_equal(diag_latest_answers(f->st, id, DIAG_DEFAULT_SET, false,
					     &b, &f->err), 0);
	assert_int_equal(diag_answers_sa_done(b, 1), 1);
	assert_int_equal(diag_answers_sa_done(b, 2), 0);
	assert_int_equal(diag_answers_sa_done(b, 3), 0);
	assert_int_equal(diag_answers_sa_done(b, 9), -1);
	diag_answers_free(b);
	/* the latest completed one: there is none yet */
	assert_int_equal(diag_latest_answers(f->st, id, DIAG_DEFAULT_SET, true,
					     &b, &f->err), -OSK_ENOTFOUND);
	assert_string_equal(f->err.msg, "no completed 'diag-office' "
			    "assessment for company 1 yet");
	diag_answers_free(a);
}

static void
test_diag_answers_action(void **state)
{
	struct fx *f = *state;
	struct diag_answers *a = NULL;
	struct diag_action act;
	int64_t id = fx_company(f, "Acme", "E");

	assert_int_equal(diag_answers_new(f->st, id, "small", &a, &f->err),
			 0);
	put(f, a, "basics-1", "done", NULL);
	put(f, a, "basics-2", "done", NULL);
	put(f, a, "basics-3", "unknown", NULL);
	put(f, a, "basics-4", "na", NULL);
	assert_int_equal(diag_action_compute(a, &act, &f->err), 0);
	assert_false(act.one_star.ready);
	assert_int_equal(act.one_star.nmissing, 3);
	assert_string_equal(act.one_star.missing[0].id, "sa-3");
	assert_int_equal(act.one_star.missing[0].why, DIAG_WHY_UNKNOWN);
	assert_string_equal(act.one_star.missing[0].option->id, "unknown");
	assert_string_equal(act.one_star.missing[1].id, "sa-4");
	assert_int_equal(act.one_star.missing[1].why, DIAG_WHY_NOT_DONE);
	assert_string_equal(act.one_star.missing[2].id, "sa-5");
	assert_int_equal(act.one_star.missing[2].why, DIAG_WHY_UNANSWERED);
	assert_null(act.one_star.missing[2].option);
	assert_int_equal(act.one_star.missing[2].question,
			 qi(a, "basics-5"));
	assert_false(act.two_star.ready);
	assert_string_equal(act.two_star.missing[0].id, "one-star");
	assert_int_equal(act.two_star.missing[0].question, QSET_NONE);
	diag_action_release(&act);
	diag_answers_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_diag_answers_lifecycle,
						fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_diag_answers_bad_option,
						fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_diag_answers_sa_done,
						fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_diag_answers_action,
						fx_setup, fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
