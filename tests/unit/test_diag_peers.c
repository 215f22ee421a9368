/* SPDX-License-Identifier: MIT */
/*
 * diag_peers_load() + diag_score_with_peers() give every company of a
 * generated database exactly the numbers of diag_score_get() (bit for
 * bit), for each flag; diag_sets_* parse each set version once.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "tests/unit/diag_fixture.h"

static unsigned rnd_state = 4242;

static unsigned
rnd(unsigned n)
{
	rnd_state = rnd_state * 1103515245u + 12345u;
	return (rnd_state >> 16) % n;
}

/*
 * An assessment of set with random answers; skip in 10 left out. With
 * stop, only the first half is answered (it stays in progress).
 */
static void
assessment(struct fx *f, int64_t company, const char *set, int skip,
	   bool stop)
{
	static const char *const opts[] = {
		"done", "partly", "no", "unknown", "na",
	};
	struct diag_answers *a = NULL;
	size_t i, n;

	assert_int_equal(diag_answers_new(f->st, company, set, &a, &f->err),
			 0);
	n = stop ? a->q->nquestions / 2 : a->q->nquestions;
	assert_int_equal(store_begin(f->st, &f->err), 0);
	for (i = 0; i < n; i++) {
		const struct qset_question *qq = &a->q->questions[i];
		const char *o = opts[rnd(5)];

		if (!qq->scored)
			o = qq->noptions ? qq->options[0].id : NULL;
		else if ((int)rnd(10) < skip)
			o = NULL;
		else if (!qset_option_find(qq, o))
			o = qq->options[rnd((unsigned)qq->noptions)].id;
		assert_int_equal(diag_answers_put(f->st, a, i, o, NULL,
						  &f->err), 0);
	}
	assert_int_equal(diag_answers_finish(f->st, a, NULL, &f->err), 0);
	assert_int_equal(store_commit(f->st, &f->err), 0);
	diag_answers_free(a);
}

static void
same_bits(bool ha, double a, bool hb, double b, const char *what,
	  int64_t id)
{
	if (ha != hb || (ha && memcmp(&a, &b, sizeof(a))))
		fail_msg("company %lld: %s differs: %d %.17g vs %d %.17g",
			 (long long)id, what, ha, a, hb, b);
}

static void
same_assessment(const struct diag_assessment *a,
		const struct diag_assessment *b)
{
	assert_int_equal(a->id, b->id);
	assert_int_equal(a->company_id, b->company_id);
	assert_int_equal(a->qset_rowid, b->qset_rowid);
	assert_string_equal(a->set_id, b->set_id);
	assert_int_equal(a->version, b->version);
	assert_string_equal(a->started_at, b->started_at);
	assert_string_equal(a->completed_at, b->completed_at);
	assert_string_equal(a->last_answer_at, b->last_answer_at);
	assert_int_equal(a->completed, b->completed);
}

static void
same_score(const struct diag_score *a, const struct diag_score *b)
{
	int64_t id = a->company_id;
	struct sbuf ja = SBUF_INIT, jb = SBUF_INIT;
	size_t i;

	assert_int_equal(a->company_id, b->company_id);
	assert_string_equal(a->company_name, b->company_name);
	assert_memory_equal(a->industry, b->industry, 2);
	assert_string_equal(a->q->id, b->q->id);
	assert_int_equal(a->q->version, b->q->version);
	same_assessment(&a->assessment, &b->assessment);
	assert_int_equal(a->answered, b->answered);
	assert_int_equal(a->asked, b->asked);
	same_bits(a->has_overall, a->overall, b->has_overall, b->overall,
		  "overall", id);
	assert_int_equal(!a->grade, !b->grade);
	if (a->grade)
		assert_string_equal(a->grade->id, b->grade->id);
	assert_int_equal(a->has_selfcheck, b->has_selfcheck);
	assert_int_equal(a->selfcheck, b->selfcheck);
	assert_int_equal(a->selfcheck_answered, b->selfcheck_answered);
	assert_int_equal(a->source, b->source);
	assert_int_equal(a->n, b->n);
	if (a->reference || b->reference) {
		assert_non_null(a->reference);
		assert_non_null(b->reference);
		assert_string_equal(a->reference, b->reference);
	}
	same_bits(a->has_overall_comparison, a->overall_comparison,
		  b->has_overall_comparison, b->overall_comparison,
		  "overall comparison", id);
	assert_int_equal(a->ncats, b->ncats);
	for (i = 0; i < a->ncats; i++) {
		const struct diag_category_score *x = &a->cats[i];
		const struct diag_category_score *y = &b->cats[i];

		assert_int_equal(x->category, y->category);
		same_bits(x->has_score, x->score, y->has_score, y->score,
			  "category", id);
		same_bits(x->has_comparison, x->comparison,
			  y->has_comparison, y->comparison, "comparison", id);
		same_bits(x->has_previous, x->previous, y->has_previous,
			  y->previous, "category previous", id);
		assert_int_equal(x->comparison_n, y->comparison_n);
		assert_int_equal(x->source, y->source);
		assert_int_equal(x->weak, y->weak);
		assert_int_equal(x->points, y->points);
		assert_int_equal(x->max, y->max);
		assert_int_equal(x->answered, y->answered);
		assert_int_equal(x->applicable, y->applicable);
	}
	assert_int_equal(a->npriorities, b->npriorities);
	for (i = 0; i < a->npriorities; i++) {
		assert_int_equal(a->priorities[i].question,
				 b->priorities[i].question);
		same_bits(true, a->priorities[i].priority, true,
			  b->priorities[i].priority, "priority", id);
		assert_int_equal(a->priorities[i].weak,
				 b->priorities[i].weak);
	}
	assert_int_equal(a->nunknown, b->nunknown);
	for (i = 0; i < a->nunknown; i++)
		assert_int_equal(a->unknown[i], b->unknown[i]);
	assert_int_equal(a->has_previous, b->has_previous);
	if (a->has_previous)
		same_assessment(&a->previous, &b->previous);
	same_bits(a->has_previous_overall, a->previous_overall,
		  b->has_previous_overall, b->previous_overall,
		  "previous overall", id);
	assert_int_equal(a->action.one_star.ready, b->action.one_star.ready);
	assert_int_equal(a->action.one_star.nmissing,
			 b->action.one_star.nmissing);
	assert_int_equal(a->action.two_star.ready, b->action.two_star.ready);
	assert_int_equal(a->action.two_star.nmissing,
			 b->action.two_star.nmissing);
	/* and everything the JSON shows, in both languages */
	for (i = 0; i < 2; i++) {
		sbuf_reset(&ja);
		sbuf_reset(&jb);
		assert_int_equal(diag_score_json(a, (int)i, &ja), 0);
		assert_int_equal(diag_score_json(b, (int)i, &jb), 0);
		assert_string_equal(ja.buf, jb.buf);
	}
	sbuf_release(&ja);
	sbuf_release(&jb);
}

/* Every company scored both ways with each flag; returns sources met. */
static unsigned
compare_all(struct fx *f, const char *set, size_t ncompanies)
{
	static const int flags[] = {
		0, DIAG_COMPLETED, DIAG_NO_PEERS,
		DIAG_COMPLETED | DIAG_NO_PEERS,
	};
	struct diag_sets *sets = diag_sets_new();
	struct diag_peers *p = NULL;
	unsigned seen = 0;
	size_t k;
	int64_t id;

	assert_non_null(sets);
	assert_int_equal(diag_peers_load(f->st, set, sets, &p, &f->err), 0);
	assert_string_equal(diag_peers_set(p), set);
	for (k = 0; k < sizeof(flags) / sizeof(flags[0]); k++)
		for (id = 1; id <= (int64_t)ncompanies; id++) {
			struct diag_score *a = NULL, *b = NULL;
			struct osk_error e1, e2;
			int r1, r2;

			osk_error_clear(&e1);
			osk_error_clear(&e2);
			r1 = diag_score_get(f->st, id, set, flags[k], &a, &e1);
			r2 = diag_score_with_peers(f->st, p, id, flags[k], &b,
						   &e2);
			assert_int_equal(r1, r2);
			if (r1) {
				assert_string_equal(e1.msg, e2.msg);
				assert_null(b);
				continue;
			}
			same_score(a, b);
			seen |= 1u << a->source;
			diag_score_free(a);
			diag_score_free(b);
		}
	diag_peers_free(p);
	diag_sets_free(sets);
	return seen;
}

/*
 * 90 companies in a few industries (some with a reference average, some
 * too small), assessments complete, in progress, redone and under two
 * versions of the set; some companies with none at all.
 */
static void
test_diag_peers_small(void **state)
{
	static const char *const inds = "EEEEEEEEEFFFFFFGGGHIJ";
	struct fx *f = *state;
	char name[32];
	size_t i;
	unsigned seen;

	assert_int_equal(store_exec(f->st, "INSERT INTO reference_avg VALUES "
				    "('small', 'G', 'basics', 55.5, 30, 'pub'),"
				    "('small', 'G', 'overall', 61.25, 40, "
				    "'pub'),"
				    "('small', 'H', 'rules', 48, 12, 'other')",
				    &f->err), 0);
	for (i = 0; i < 90; i++) {
		int64_t id;

		snprintf(name, sizeof(name), "company %zu", i);
		id = fx_company(f, name, (char[]){ inds[i % 21], 0 });
		assert_int_equal(id, (int64_t)i + 1);
		if (i % 17 == 5)
			continue;		/* never started */
		assessment(f, id, "small", (int)(i % 4), i % 13 == 3);
		if (i % 3 == 0)
			assessment(f, id, "small", (int)(i % 5), false);
		if (i % 7 == 0)
			assessment(f, id, "small", 0, true);
		if (i == 60)
			fx_load(f, "tests/data/diag/small-v2.yaml");
	}
	seen = compare_all(f, "small", 92);
	/* none (no peers), industry, reference and all were met */
	assert_int_equal(seen, 0xf);
	/* peers.min raised: fewer industry comparisons, same numbers */
	assert_int_equal(store_exec(f->st, "INSERT OR REPLACE INTO config "
				    "VALUES ('peers.min', '12')", &f->err),
			 0);
	compare_all(f, "small", 92);
}

/* The shipped diag-office set with every question of 40 companies. */
static void
test_diag_peers_office(void **state)
{
	struct fx *f = *state;
	char name[32];
	size_t i;

	for (i = 0; i < 40; i++) {
		int64_t id;

		snprintf(name, sizeof(name), "office %zu", i);
		id = fx_company(f, name, (char[]){ "DEEK"[i % 4], 0 });
		assessment(f, id, "diag-office", (int)(i % 3), i % 9 == 4);
		if (i % 5 == 0)
			assessment(f, id, "diag-office", 1, false);
	}
	assert_true(compare_all(f, "diag-office", 40) &
		    (1u << DIAG_CMP_INDUSTRY));
}

static void
test_diag_peers_errors(void **state)
{
	struct fx *f = *state;
	struct diag_peers *p = NULL;
	struct diag_score *s = NULL;

	assert_int_equal(diag_peers_load(f->st, "nope", NULL, &p, &f->err),
			 -OSK_ENOTFOUND);
	assert_null(p);
	assert_int_equal(diag_peers_load(f->st, "example-survey", NULL, &p,
					 &f->err), -OSK_EDATA);
	assert_int_equal(diag_peers_load(f->st, "small", NULL, &p, &f->err),
			 0);
	assert_int_equal(diag_score_with_peers(f->st, p, 7, 0, &s, &f->err),
			 -OSK_ENOTFOUND);
	assert_string_equal(f->err.msg, "no company 7; 'otasuke company "
			    "list' shows them");
	fx_company(f, "Acme", "E");
	assert_int_equal(diag_score_with_peers(f->st, p, 1, 0, &s, &f->err),
			 -OSK_ENOTFOUND);
	assert_string_equal(f->err.msg, "no 'small' assessment for company 1 "
			    "yet");
	assert_null(s);
	diag_peers_free(p);
	diag_peers_free(NULL);
	diag_sets_free(NULL);
}

static void
test_diag_peers_sets(void **state)
{
	struct fx *f = *state;
	struct diag_sets *c = diag_sets_new();
	struct diag_answers *a = NULL, *b = NULL;
	const struct qset *q1, *q2;
	int64_t id = fx_company(f, "Acme", "E"), rowid;
	size_t i;

	assessment(f, id, "small", 0, false);
	q1 = diag_sets_newest(c, f->st, "small", &rowid, &f->err);
	assert_non_null(q1);
	q2 = diag_sets_get(c, f->st, rowid, &f->err);
	assert_ptr_equal(q1, q2);
	assert_int_equal(diag_sets_latest_answers(c, f->st, id, "small", true,
						  &a, &f->err), 0);
	assert_ptr_equal(a->q, q1);
	assert_int_equal(diag_latest_answers(f->st, id, "small", true, &b,
					     &f->err), 0);
	assert_int_equal(a->a.id, b->a.id);
	for (i = 0; i < a->q->nquestions; i++) {
		assert_int_equal(a->items[i].stored, b->items[i].stored);
		assert_int_equal(!a->items[i].option, !b->items[i].option);
		if (a->items[i].option)
			assert_string_equal(a->items[i].option->id,
					    b->items[i].option->id);
	}
	assert_int_equal(diag_answers_sa_done(a, 1),
			 diag_answers_sa_done(b, 1));
	diag_answers_free(a);
	diag_answers_free(b);
	assert_int_equal(diag_sets_latest_answers(c, f->st, 99, "small", true,
						  &a, &f->err),
			 -OSK_ENOTFOUND);
	assert_null(diag_sets_get(c, f->st, 12345, &f->err));
	diag_sets_free(c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_diag_peers_small,
						fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_diag_peers_office,
						fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_diag_peers_errors,
						fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_diag_peers_sets,
						fx_setup, fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
