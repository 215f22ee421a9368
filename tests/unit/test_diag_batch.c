/* SPDX-License-Identifier: MIT */
/*
 * diag_batch_score() gives every company exactly what diag_score_get()
 * gives it alone; diag_list_get(); the JSON; set versions.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>

#include "tests/unit/diag_fixture.h"

static unsigned rnd_state = 12345;

static unsigned
rnd(unsigned n)
{
	rnd_state = rnd_state * 1103515245u + 12345u;
	return (rnd_state >> 16) % n;
}

/* One assessment with random answers; every `skip` in 10 skipped. */
static void
random_assessment(struct fx *f, int64_t company, const char *set, int skip)
{
	static const char *const opts[] = {
		"done", "partly", "no", "unknown", "na",
	};
	struct diag_answers *a = NULL;
	size_t i;

	assert_int_equal(diag_answers_new(f->st, company, set, &a, &f->err),
			 0);
	assert_int_equal(store_begin(f->st, &f->err), 0);
	for (i = 0; i < a->q->nquestions; i++) {
		const char *o = opts[rnd(5)];

		if (!a->q->questions[i].scored)
			continue;
		if ((int)rnd(10) < skip)
			o = NULL;
		assert_int_equal(diag_answers_put(f->st, a, i, o, NULL,
						  &f->err), 0);
	}
	assert_int_equal(diag_answers_finish(f->st, a, NULL, &f->err), 0);
	assert_int_equal(store_commit(f->st, &f->err), 0);
	diag_answers_free(a);
}

/* One completed assessment with every scored question answered opt. */
static void
fixed_assessment(struct fx *f, int64_t company, const char *opt)
{
	struct diag_answers *a = NULL;
	size_t i;

	assert_int_equal(diag_answers_new(f->st, company, "small", &a,
					  &f->err), 0);
	assert_int_equal(store_begin(f->st, &f->err), 0);
	for (i = 0; i < a->q->nquestions; i++)
		if (a->q->questions[i].scored)
			assert_int_equal(diag_answers_put(f->st, a, i, opt,
							  NULL, &f->err), 0);
	assert_int_equal(diag_answers_finish(f->st, a, NULL, &f->err), 0);
	assert_int_equal(store_commit(f->st, &f->err), 0);
	diag_answers_free(a);
}

static void
same_double(bool ha, double a, bool hb, double b, const char *what)
{
	if (ha != hb || (ha && fabs(a - b) > 1e-9))
		fail_msg("%s differs: %d %.12f vs %d %.12f", what, ha, a, hb,
			 b);
}

static void
same_score(const struct diag_score *a, const struct diag_score *b)
{
	size_t i;

	assert_int_equal(a->company_id, b->company_id);
	assert_string_equal(a->company_name, b->company_name);
	assert_int_equal(a->assessment.id, b->assessment.id);
	assert_string_equal(a->assessment.last_answer_at,
			    b->assessment.last_answer_at);
	assert_int_equal(a->answered, b->answered);
	assert_int_equal(a->asked, b->asked);
	same_double(a->has_overall, a->overall, b->has_overall, b->overall,
		    "overall");
	assert_int_equal(a->source, b->source);
	assert_int_equal(a->n, b->n);
	same_double(a->has_overall_comparison, a->overall_comparison,
		    b->has_overall_comparison, b->overall_comparison,
		    "overall comparison");
	assert_int_equal(a->has_previous, b->has_previous);
	same_double(a->has_previous_overall, a->previous_overall,
		    b->has_previous_overall, b->previous_overall, "previous");
	assert_int_equal(a->selfcheck, b->selfcheck);
	assert_int_equal(a->ncats, b->ncats);
	for (i = 0; i < a->ncats; i++) {
		const struct diag_category_score *x = &a->cats[i];
		const struct diag_category_score *y = &b->cats[i];

		same_double(x->has_score, x->score, y->has_score, y->score,
			    "category");
		same_double(x->has_comparison, x->comparison,
			    y->has_comparison, y->comparison, "comparison");
		same_double(x->has_previous, x->previous, y->has_previous,
			    y->previous, "category previous");
		assert_int_equal(x->comparison_n, y->comparison_n);
		assert_int_equal(x->weak, y->weak);
	}
	assert_int_equal(a->npriorities, b->npriorities);
	for (i = 0; i < a->npriorities; i++) {
		assert_int_equal(a->priorities[i].question,
				 b->priorities[i].question);
		same_double(true, a->priorities[i].priority, true,
			    b->priorities[i].priority, "priority");
	}
	assert_int_equal(a->nunknown, b->nunknown);
	assert_int_equal(a->action.one_star.ready, b->action.one_star.ready);
	assert_int_equal(a->action.two_star.nmissing,
			 b->action.two_star.nmissing);
}

static void
test_diag_batch_matches_single(void **state)
{
	static const char *const inds = "EEEEEEEFFGGH";
	struct fx *f = *state;
	struct diag_batch *b = NULL;
	size_t i, seen = 0;
	int64_t ids[12];
	char name[32];

	/* G has a reference, H nobody: every kind of comparison */
	assert_int_equal(store_exec(f->st, "INSERT INTO reference_avg VALUES "
				    "('small', 'G', 'basics', 55.5, 30, 'pub')",
				    &f->err), 0);
	for (i = 0; i < 12; i++) {
		snprintf(name, sizeof(name), "company %zu", i);
		ids[i] = fx_company(f, name, (char[]){ inds[i], 0 });
		if (i == 11)
			continue;	/* not started */
		random_assessment(f, ids[i], "small", i % 4 == 0 ? 3 : 0);
		if (i % 3 == 0)
			random_assessment(f, ids[i], "small", i % 2 ? 0 : 4);
	}
	random_assessment(f, ids[11], "small", 0);
	assert_int_equal(diag_batch_score(f->st, "small", 0, &b, &f->err), 0);
	assert_int_equal(b->n, 12);
	for (i = 0; i < 12; i++) {
		const struct diag_score *bs = diag_batch_find(b, ids[i]);
		struct diag_score *s = NULL;

		assert_non_null(bs);
		assert_int_equal(diag_score_get(f->st, ids[i], "small", 0, &s,
						&f->err), 0);
		same_score(s, bs);
		seen |= 1u << s->source;
		diag_score_free(s);
	}
	/* industry, reference and all were met (none: tests/scoring) */
	assert_int_equal(seen, 0xe);
	assert_null(diag_batch_find(b, 999));
	diag_batch_free(b);
	/* with DIAG_COMPLETED the latest completed one is scored */
	assert_int_equal(diag_batch_score(f->st, "small", DIAG_COMPLETED, &b,
					  &f->err), 0);
	for (i = 0; i < b->n; i++)
		assert_true(b->scores[i].assessment.completed);
	diag_batch_free(b);
}

static void
test_diag_batch_list(void **state)
{
	struct fx *f = *state;
	struct diag_list *l = NULL;
	struct diag_answers *a = NULL;
	int64_t one, two;

	one = fx_company(f, "Acme", "E");
	two = fx_company(f, "Beta", "F");
	fx_company(f, "Gamma", "G");
	random_assessment(f, one, "small", 0);
	assert_int_equal(diag_answers_new(f->st, two, "small", &a, &f->err),
			 0);
	assert_int_equal(store_begin(f->st, &f->err), 0);
	assert_int_equal(diag_answers_put(f->st, a, 0, "done", NULL, &f->err),
			 0);
	assert_int_equal(diag_answers_put(f->st, a, 1, "no", NULL, &f->err),
			 0);
	assert_int_equal(store_commit(f->st, &f->err), 0);
	diag_answers_free(a);
	assert_int_equal(diag_list_get(f->st, "small", &l, &f->err), 0);
	assert_int_equal(l->n, 3);
	assert_string_equal(l->items[0].name, "Acme");
	assert_int_equal(l->items[0].state, DIAG_COMPLETED_STATE);
	assert_int_equal(l->items[0].answered, 9);
	assert_int_equal(strlen(l->items[0].date), 10);
	assert_non_null(l->items[0].grade);
	assert_int_equal(l->items[1].state, DIAG_IN_PROGRESS);
	assert_int_equal(l->items[1].answered, 2);
	assert_int_equal(l->items[1].asked, 9);
	assert_string_equal(l->items[1].grade, "C");	/* 4 of 8 */
	assert_int_equal(l->items[2].state, DIAG_NOT_STARTED);
	assert_string_equal(l->items[2].date, "");
	assert_null(l->items[2].grade);
	assert_string_equal(diag_state_name(l->items[2].state),
			    "not-started");
	diag_list_free(l);
	/* a set nobody answered, and one that does not exist */
	assert_int_equal(diag_list_get(f->st, "diag-office", &l, &f->err), 0);
	assert_int_equal(l->items[0].state, DIAG_NOT_STARTED);
	diag_list_free(l);
	assert_int_equal(diag_list_get(f->st, "nope", &l, &f->err),
			 -OSK_ENOTFOUND);
}

static void
test_diag_batch_json(void **state)
{
	struct fx *f = *state;
	struct diag_score *s = NULL;
	struct sbuf sb = SBUF_INIT;
	int64_t id = fx_company(f, "Acme \"A\"", "E");
	int k;

	for (k = 0; k < 5; k++) {
		char name[16];

		snprintf(name, sizeof(name), "peer %d", k);
		random_assessment(f, fx_company(f, name, "E"), "small", 0);
	}
	random_assessment(f, id, "small", 0);
	assert_int_equal(diag_score_get(f->st, id, "small", 0, &s, &f->err),
			 0);
	assert_int_equal(diag_score_json(s, 0, &sb), 0);
	assert_non_null(strstr(sb.buf, "\"company\":{\"id\":1,\"name\":"
			       "\"Acme \\\"A\\\"\",\"industry\":\"E\"}"));
	assert_non_null(strstr(sb.buf, "\"set\":\"small\",\"version\":1,"
			       "\"assessment\":6,\"completed\":true"));
	assert_non_null(strstr(sb.buf, "\"comparison\":{\"source\":"
			       "\"industry\",\"n\":5}"));
	assert_non_null(strstr(sb.buf, "\"categories\":[{\"id\":\"basics\","
			       "\"score\":"));
	assert_non_null(strstr(sb.buf, "\"overall\":{\"score\":"));
	assert_non_null(strstr(sb.buf, "\"selfcheck\":"));
	assert_non_null(strstr(sb.buf, "\"priorities\":["));
	assert_non_null(strstr(sb.buf, "\"unknown\":["));
	assert_non_null(strstr(sb.buf, "\"one_star\":{\"ready\":"));
	assert_true(sb.len > 0 && sb.buf[sb.len - 1] == '\n');
	sbuf_reset(&sb);
	assert_int_equal(diag_action_json(&s->action, 1, &sb), 0);
	assert_int_equal(strncmp(sb.buf, "{\"one_star\":{\"ready\":", 21), 0);
	assert_non_null(strstr(sb.buf, "\"two_star\":{\"ready\":false,"
			       "\"missing\":[{\"step\":\"one-star\""));
	sbuf_release(&sb);
	diag_score_free(s);
}

/* Peers on version 1, the company on version 2: categories by id. */
static void
test_diag_batch_versions(void **state)
{
	struct fx *f = *state;
	struct diag_score *s = NULL;
	struct diag_answers *a = NULL;
	size_t i;
	int64_t id;
	int k;

	for (k = 0; k < 5; k++) {
		char name[16];

		snprintf(name, sizeof(name), "peer %d", k);
		fixed_assessment(f, fx_company(f, name, "E"), "partly");
	}
	id = fx_company(f, "Acme", "E");
	fixed_assessment(f, id, "no");
	fx_load(f, "tests/data/diag/small-v2.yaml");
	assert_int_equal(diag_answers_new(f->st, id, "small", &a, &f->err),
			 0);
	assert_int_equal(a->q->version, 2);
	diag_answers_free(a);
	fixed_assessment(f, id, "done");
	assert_int_equal(diag_score_get(f->st, id, "small", 0, &s, &f->err),
			 0);
	assert_int_equal(s->q->version, 2);
	assert_int_equal(s->ncats, 4);
	assert_int_equal(s->source, DIAG_CMP_INDUSTRY);
	assert_true(s->has_previous);
	assert_int_equal(s->previous.version, 1);
	for (i = 0; i < s->ncats; i++) {
		const char *cid = s->q->categories[s->cats[i].category].id;
		bool people = !strcmp(cid, "people");

		/* people is new in version 2: no peer, no previous score */
		assert_int_equal(s->cats[i].has_comparison, !people);
		assert_int_equal(s->cats[i].has_previous, !people);
		assert_true(s->cats[i].has_score);
		if (!people) {
			assert_true(fabs(s->cats[i].comparison - 50) < 1e-9);
			assert_true(fabs(s->cats[i].previous) < 1e-9);
		}
	}
	assert_int_equal(s->answered, 11);
	diag_score_free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_diag_batch_matches_single,
						fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_diag_batch_list,
						fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_diag_batch_json,
						fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_diag_batch_versions,
						fx_setup, fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
