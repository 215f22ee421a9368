/* SPDX-License-Identifier: MIT */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "core/company.h"
#include "core/industry.h"
#include "core/qset.h"
#include "core/qstore.h"
#include "core/store.h"
#include "survey/survey.h"

#define MINI "tests/data/survey/mini.yaml"

struct fix {
	char dir[64], path[128];
	struct store *st;
	struct qset *q;
	int64_t qset_id;
	struct survey_writer *w;
	struct survey_value vals[16];
	struct osk_error err;
	struct survey_tally *t;
	struct sbuf out;
};

/* ---- fixture ---- */

static void
load_set(struct fix *f, const char *text)
{
	struct qset *q = text ? qset_load_mem("v2.yaml", text, strlen(text),
					      NULL)
			      : qset_load_file(MINI, NULL);

	enum qstore_status status;

	assert_non_null(q);
	assert_int_equal(store_begin(f->st, &f->err), 0);
	assert_int_equal(qstore_put(f->st, q, &status, &f->qset_id, &f->err),
			 0);
	assert_int_equal(store_commit(f->st, &f->err), 0);
	qset_free(f->q);
	f->q = q;
}

static int
setup(void **state)
{
	struct fix *f = calloc(1, sizeof(*f));
	size_t i;

	if (!f)
		return -1;
	snprintf(f->dir, sizeof(f->dir), "/tmp/otasuke-survey.XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	snprintf(f->path, sizeof(f->path), "%s/t.db", f->dir);
	if (!(f->st = store_open(f->path, STORE_CREATE, &f->err)))
		return -1;
	load_set(f, NULL);
	if (!(f->w = survey_writer_new(f->st, &f->err)))
		return -1;
	for (i = 0; i < 16; i++)
		survey_value_init(&f->vals[i]);
	f->out = (struct sbuf)SBUF_INIT;
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fix *f = *state;
	char p[160];
	size_t i;

	survey_tally_free(f->t);
	survey_writer_free(f->w);
	for (i = 0; i < 16; i++)
		survey_value_release(&f->vals[i]);
	sbuf_release(&f->out);
	qset_free(f->q);
	store_close(f->st);
	unlink(f->path);
	snprintf(p, sizeof(p), "%s-wal", f->path);
	unlink(p);
	snprintf(p, sizeof(p), "%s-shm", f->path);
	unlink(p);
	rmdir(f->dir);
	free(f);
	return 0;
}

/*
 * Store one response: answers is "qid=value|qid=value|..." (values as a
 * spreadsheet cell). Returns its id.
 */
static int64_t
add(struct fix *f, int64_t company, const char *event, const char *answers)
{
	struct survey_response r;
	char *copy = strdup(answers), *save = NULL, *kv;
	size_t i;

	for (i = 0; i < f->q->nquestions; i++)
		assert_int_equal(survey_value_parse(&f->q->questions[i], NULL,
						    &f->vals[i], &f->err), 0);
	for (kv = strtok_r(copy, "|", &save); kv;
	     kv = strtok_r(NULL, "|", &save)) {
		char *eq = strchr(kv, '=');
		long qi;

		assert_non_null(eq);
		*eq = '\0';
		qi = qset_question_index(f->q, kv);
		assert_true(qi >= 0);
		assert_int_equal(survey_value_parse(&f->q->questions[qi],
						    eq + 1, &f->vals[qi],
						    &f->err), 0);
	}
	free(copy);
	memset(&r, 0, sizeof(r));
	r.qset_id = f->qset_id;
	r.company_id = company;
	r.event = event;
	assert_int_equal(store_begin(f->st, &f->err), 0);
	assert_int_equal(survey_writer_response(f->w, &r, &f->err), 0);
	assert_int_equal(survey_writer_answers(f->w, r.id, f->q, f->vals,
					       &f->err), 0);
	assert_int_equal(store_commit(f->st, &f->err), 0);
	return r.id;
}

static int64_t
company(struct fix *f, const char *name, char industry, int64_t employees)
{
	struct company c;

	company_init(&c);
	c.name = (char *)name;
	c.industry[0] = industry;
	c.employees = employees;
	assert_int_equal(store_begin(f->st, &f->err), 0);
	assert_int_equal(company_insert(f->st, &c, &f->err), 0);
	assert_int_equal(store_commit(f->st, &f->err), 0);
	return c.id;
}

static void
sql(struct fix *f, const char *s)
{
	assert_int_equal(store_exec(f->st, s, &f->err), 0);
}

static const struct survey_tally *
tally(struct fix *f, enum survey_by by, const char *by_question,
      const char *event, int min_group, const struct industries *ind)
{
	struct survey_tally_opts o;

	memset(&o, 0, sizeof(o));
	o.set_id = "mini-survey";
	o.by = by;
	o.by_question = by_question;
	o.event = event;
	o.min_group = min_group;
	o.ind = ind;
	survey_tally_free(f->t);
	osk_error_clear(&f->err);
	f->t = survey_tally_run(f->st, &o, &f->err);
	assert_non_null(f->t);
	sbuf_reset(&f->out);
	assert_int_equal(survey_tally_json(f->t, &f->out), 0);
	return f->t;
}

static const struct survey_qtally *
qt(const struct survey_tally *t, const char *id)
{
	size_t i;

	for (i = 0; i < t->nquestions; i++)
		if (!strcmp(t->questions[i].qq->id, id))
			return &t->questions[i];
	fail_msg("no question %s", id);
	return NULL;
}

static const struct survey_choice_count *
cc(const struct survey_qtally *q, const char *id)
{
	size_t i;

	for (i = 0; i < q->nchoices; i++)
		if (!strcmp(q->choices[i].opt->id, id))
			return &q->choices[i];
	fail_msg("no choice %s", id);
	return NULL;
}

static void
json_has(struct fix *f, const char *s)
{
	const char *p = strstr(f->out.buf, s);

	if (!p) {
		p = strstr(f->out.buf, "{\"id\":\"pcs\"");
		fail_msg("JSON lacks %s; %.200s", s, p ? p : f->out.buf);
	}
}

/* ---- tests ---- */

static void
test_survey_tally_counts_and_skip_logic(void **state)
{
	struct fix *f = *state;
	const struct survey_tally *t;
	const struct survey_qtally *q;

	add(f, 0, NULL, "it_staff=no|worries=cost;leaks|plan=subsidy|pcs=3|"
	    "comments=good");
	add(f, 0, NULL, "it_staff=no|worries=viruses;other:社長|pcs=10");
	add(f, 0, NULL, "it_staff=yes|pcs=4");
	add(f, 0, NULL, "it_staff=no");
	add(f, 0, NULL, "industry=E");
	t = tally(f, SURVEY_BY_NONE, NULL, NULL, 5, NULL);
	assert_int_equal(t->responses, 5);
	assert_int_equal(t->dropped, 0);
	q = qt(t, "it_staff");
	assert_int_equal(q->asked, 5);
	assert_int_equal(q->answered, 4);
	assert_int_equal(q->no_answer, 1);
	assert_int_equal(cc(q, "no")->count, 3);
	assert_true(cc(q, "no")->percent == 75.0);
	/* only asked of those without someone in charge */
	q = qt(t, "worries");
	assert_int_equal(q->asked, 3);
	assert_int_equal(q->answered, 2);
	assert_int_equal(q->no_answer, 1);
	assert_true(cc(q, "leaks")->percent == 50.0);
	assert_true(cc(q, "viruses")->percent == 50.0);
	assert_true(cc(q, "cost")->percent == 50.0);
	assert_int_equal(q->nother, 1);
	assert_string_equal(q->other[0], "社長");
	/* a chain: asked only after worries = cost */
	q = qt(t, "plan");
	assert_int_equal(q->asked, 1);
	assert_int_equal(cc(q, "subsidy")->count, 1);
	assert_true(cc(q, "subsidy")->percent == 100.0);
	q = qt(t, "pcs");
	assert_int_equal(q->answered, 3);
	assert_true(q->min == 3 && q->max == 10 && q->median == 4);
	json_has(f, "{\"id\":\"pcs\",\"type\":\"number\",\"asked\":5,"
		 "\"answered\":3,\"no_answer\":2,\"n\":3,\"mean\":5.7,"
		 "\"median\":4,\"min\":3,\"max\":10}");
	json_has(f, "{\"id\":\"comments\",\"type\":\"text\",\"asked\":5,"
		 "\"answered\":1,\"no_answer\":4,\"texts\":[\"good\"]}");
	json_has(f, "\"other\":[\"社長\"]");
	json_has(f, "{\"set\":\"mini-survey\",\"version\":1,\"event\":null,"
		 "\"responses\":5,\"dropped\":0,\"questions\":[");
	/* no grouping keys without --by */
	assert_null(strstr(f->out.buf, "\"groups\""));
}

static void
test_survey_tally_rounding_half_up(void **state)
{
	struct fix *f = *state;
	const struct survey_tally *t;
	int i;

	/* 1 of 16 is 6.25 %, 15 of 16 93.75 %: half up, not to even */
	add(f, 0, NULL, "it_staff=yes");
	for (i = 0; i < 15; i++)
		add(f, 0, NULL, "it_staff=no");
	t = tally(f, SURVEY_BY_NONE, NULL, NULL, 5, NULL);
	assert_true(cc(qt(t, "it_staff"), "yes")->percent == 6.3);
	assert_true(cc(qt(t, "it_staff"), "no")->percent == 93.8);
	json_has(f, "{\"id\":\"yes\",\"count\":1,\"percent\":6.3},"
		 "{\"id\":\"no\",\"count\":15,\"percent\":93.8}");
	/* an even count: median is the mean of the middle two */
	add(f, 0, NULL, "pcs=1");
	add(f, 0, NULL, "pcs=2");
	t = tally(f, SURVEY_BY_NONE, NULL, NULL, 5, NULL);
	assert_true(qt(t, "pcs")->median == 1.5);
	assert_true(qt(t, "pcs")->mean == 1.5);
}

/* One hidden group must not be the whole minus the groups shown. */
static void
test_survey_tally_secondary_suppression(void **state)
{
	struct fix *f = *state;
	const struct survey_tally *t;
	int i;

	for (i = 0; i < 6; i++)
		add(f, 0, NULL, "industry=E|it_staff=no");
	for (i = 0; i < 3; i++)
		add(f, 0, NULL, "industry=G|it_staff=yes");
	add(f, 0, NULL, "industry=I|it_staff=yes");
	/* min 3: I (1) is hidden; 10 - E - G would give it away: G goes */
	t = tally(f, SURVEY_BY_INDUSTRY, NULL, NULL, 3, NULL);
	assert_int_equal(t->ngroups, 3);
	assert_false(t->groups[0].suppressed);
	assert_true(t->groups[1].suppressed);
	assert_true(t->groups[2].suppressed);
	assert_int_equal(survey_tally_shown(t), 1);
	/* with two responses in no group, the remainder (3) blurs it */
	add(f, 0, NULL, "it_staff=no");
	add(f, 0, NULL, "it_staff=yes");
	t = tally(f, SURVEY_BY_INDUSTRY, NULL, NULL, 3, NULL);
	assert_false(t->groups[1].suppressed);
	assert_true(t->groups[2].suppressed);
}

static void
test_survey_tally_by_industry(void **state)
{
	struct fix *f = *state;
	const struct survey_tally *t;
	int64_t g = company(f, "情報システム社", 'G', 7);
	int i;

	/* the linked company's industry wins over the answer */
	for (i = 0; i < 3; i++)
		add(f, g, NULL, "industry=E|it_staff=yes");
	for (i = 0; i < 2; i++)
		add(f, 0, NULL, "industry=E|it_staff=no");
	add(f, 0, NULL, "industry=I|it_staff=no");
	add(f, 0, NULL, "it_staff=no");		/* no industry at all */
	t = tally(f, SURVEY_BY_INDUSTRY, NULL, NULL, 2, NULL);
	assert_int_equal(t->responses, 7);
	assert_int_equal(t->ungrouped, 1);
	assert_int_equal(t->ngroups, 3);
	/* in the order of the set's choices: E, G, I */
	assert_string_equal(t->groups[0].id, "E");
	assert_int_equal(t->groups[0].n, 2);
	assert_false(t->groups[0].suppressed);
	assert_string_equal(t->groups[0].label.en, "Manufacturing");
	assert_string_equal(t->groups[1].id, "G");
	assert_int_equal(t->groups[1].n, 3);
	assert_true(cc(&t->groups[1].questions[2], "yes")->percent == 100.0);
	assert_string_equal(t->groups[2].id, "I");
	assert_true(t->groups[2].suppressed);
	assert_null(t->groups[2].questions);
	assert_int_equal(survey_tally_shown(t), 2);
	json_has(f, "\"by\":\"industry\",\"min_group\":2,\"groups\":[{\"id\":"
		 "\"E\",\"n\":2,\"questions\":[");
	json_has(f, "\"suppressed\":[\"I\"],\"ungrouped\":1}");
	/* the overall tally is unchanged by grouping */
	assert_int_equal(cc(qt(t, "it_staff"), "no")->count, 4);
}

static void
test_survey_tally_by_size(void **state)
{
	struct fix *f = *state;
	struct industries *ind;
	const struct survey_tally *t;
	char path[4096];
	int64_t big = company(f, "大手社", 'E', 250);

	add(f, big, NULL, "employees=1-5");
	add(f, 0, NULL, "employees=1〜5人");
	add(f, 0, NULL, "employees=301+");
	/* without the industries file: the set's bands; 250 fits none */
	t = tally(f, SURVEY_BY_SIZE, NULL, NULL, 1, NULL);
	assert_int_equal(t->ngroups, 2);
	assert_string_equal(t->groups[0].id, "1-5");
	assert_int_equal(t->groups[0].n, 2);
	assert_string_equal(t->groups[1].id, "301+");
	/* with it: the programme's bands, 250 is 101-300 */
	snprintf(path, sizeof(path), "%s/industries.yaml", osk_datadir());
	assert_non_null(ind = industries_load(path, &f->err));
	t = tally(f, SURVEY_BY_SIZE, NULL, NULL, 1, ind);
	assert_int_equal(t->ngroups, 3);
	assert_string_equal(t->groups[0].id, "1-5");
	assert_int_equal(t->groups[0].n, 1);
	assert_string_equal(t->groups[1].id, "101-300");
	assert_string_equal(t->groups[2].id, "301+");
	industries_free(ind);
	/* the result does not point into the freed industries */
	assert_string_equal(t->groups[1].id, "101-300");
	assert_non_null(t->groups[1].label.ja);
}

static void
test_survey_tally_by_question(void **state)
{
	struct fix *f = *state;
	const struct survey_tally *t;
	struct survey_tally_opts o;

	add(f, 0, NULL, "it_staff=no|worries=viruses;leaks");
	add(f, 0, NULL, "it_staff=no|worries=leaks");
	add(f, 0, NULL, "it_staff=yes");
	t = tally(f, SURVEY_BY_QUESTION, "worries", NULL, 1, NULL);
	/* one response in two groups */
	assert_int_equal(t->ngroups, 2);
	assert_string_equal(t->groups[0].id, "viruses");
	assert_int_equal(t->groups[0].n, 1);
	assert_string_equal(t->groups[1].id, "leaks");
	assert_int_equal(t->groups[1].n, 2);
	assert_int_equal(t->ungrouped, 1);
	/* not a choice question, or no such question: usage errors */
	memset(&o, 0, sizeof(o));
	o.set_id = "mini-survey";
	o.by = SURVEY_BY_QUESTION;
	o.by_question = "pcs";
	assert_null(survey_tally_run(f->st, &o, &f->err));
	assert_int_equal(f->err.code, OSK_EUSAGE);
	assert_string_equal(f->err.msg, "cannot group by 'pcs': it is a number "
			    "question, not single or multi choice");
	o.by_question = "nope";
	assert_null(survey_tally_run(f->st, &o, &f->err));
	assert_int_equal(f->err.code, OSK_EUSAGE);
	o.by = SURVEY_BY_NONE;
	o.set_id = "no-such-set";
	assert_null(survey_tally_run(f->st, &o, &f->err));
	assert_int_equal(f->err.code, OSK_ENOTFOUND);
}

static void
test_survey_tally_event_and_dropped(void **state)
{
	struct fix *f = *state;
	const struct survey_tally *t;
	int64_t r;

	add(f, 0, "a", "it_staff=yes");
	r = add(f, 0, "b", "it_staff=yes");
	t = tally(f, SURVEY_BY_NONE, NULL, "a", 5, NULL);
	assert_int_equal(t->responses, 1);
	json_has(f, "\"event\":\"a\",\"responses\":1,");
	/* rows the set does not know, and an answer not asked */
	(void)r;
	sql(f, "INSERT INTO survey_answer VALUES (2, 'gone', '', 'x');"
	    "INSERT INTO survey_answer VALUES (2, 'worries', 'ghosts', NULL);"
	    "INSERT INTO survey_answer VALUES (2, 'worries', 'leaks', NULL);"
	    "INSERT INTO survey_answer VALUES (2, 'industry', '', 'Z');");
	t = tally(f, SURVEY_BY_NONE, NULL, NULL, 5, NULL);
	assert_int_equal(t->responses, 2);
	assert_int_equal(t->dropped, 4);
	assert_int_equal(qt(t, "worries")->asked, 0);
	assert_int_equal(qt(t, "worries")->answered, 0);
	assert_int_equal(qt(t, "industry")->answered, 0);
}

static void
test_survey_tally_versions(void **state)
{
	struct fix *f = *state;
	const struct survey_tally *t;
	char *text;
	size_t n;
	FILE *fp;

	add(f, 0, NULL, "it_staff=yes|source=web");
	/* version 2 adds a choice "friend" to source */
	fp = fopen(MINI, "rb");
	assert_non_null(fp);
	text = calloc(1, 65536);
	n = fread(text, 1, 65535, fp);
	fclose(fp);
	text[n] = '\0';
	memcpy(strstr(text, "version: 1"), "version: 2", 10);
	{
		char *p = strstr(text, "      - {id: web,");
		const char *add_line = "      - {id: friend, label: "
				       "{ja: \"知人\", en: \"A friend\"}}\n";
		size_t k = strlen(add_line);

		memmove(p + k, p, strlen(p) + 1);
		memcpy(p, add_line, k);
	}
	load_set(f, text);
	free(text);
	add(f, 0, NULL, "source=friend");
	t = tally(f, SURVEY_BY_NONE, NULL, NULL, 5, NULL);
	assert_int_equal(t->set->version, 2);
	assert_int_equal(t->responses, 2);
	assert_int_equal(cc(qt(t, "source"), "web")->count, 1);
	assert_int_equal(cc(qt(t, "source"), "friend")->count, 1);
}

static void
test_survey_tally_csv(void **state)
{
	struct fix *f = *state;
	const struct survey_tally *t;

	add(f, 0, NULL, "industry=E|it_staff=no|worries=leaks|pcs=2");
	add(f, 0, NULL, "industry=E|it_staff=no|pcs=4");
	t = tally(f, SURVEY_BY_INDUSTRY, NULL, NULL, 1, NULL);
	sbuf_reset(&f->out);
	assert_int_equal(survey_tally_csv(t, OSK_LANG_JA, &f->out), 0);
	assert_non_null(strstr(f->out.buf, "group,group_n,question,type,asked,"
			       "answered,no_answer,choice,label,count,percent,"
			       "mean,median,min,max\r\n"));
	assert_non_null(strstr(f->out.buf, "\r\n,2,worries,multi,2,1,1,leaks,"
			       "情報漏れ,1,100.0,,,,\r\n"));
	assert_non_null(strstr(f->out.buf, "\r\nE,2,pcs,number,2,2,0,,,,,3.0,"
			       "3,2,4\r\n"));
	assert_non_null(strstr(f->out.buf, "\r\n,2,comments,text,2,0,2,,,,,,,"
			       ",\r\n"));
}

static void
test_survey_response_load_prune_delete(void **state)
{
	struct fix *f = *state;
	struct survey_value v[16];
	int64_t r;
	size_t i, removed = 9;
	long wo = qset_question_index(f->q, "worries");
	long it = qset_question_index(f->q, "it_staff");

	r = add(f, 0, NULL, "it_staff=no|worries=cost;other:x;y|plan=other:z");
	for (i = 0; i < 16; i++)
		survey_value_init(&v[i]);
	assert_int_equal(survey_response_load(f->st, r, f->q, v, &f->err), 0);
	assert_true(v[wo].answered);
	assert_int_equal(v[wo].nchosen, 2);
	assert_string_equal(v[wo].other.buf, "x;y");
	/* it_staff changes to yes: worries, then plan (a chain) go */
	assert_int_equal(survey_value_parse(&f->q->questions[it], "yes",
					    &v[it], &f->err), 0);
	assert_int_equal(store_begin(f->st, &f->err), 0);
	assert_int_equal(survey_writer_answer(f->w, r, &f->q->questions[it],
					      &v[it], true, &f->err), 0);
	assert_int_equal(survey_writer_prune(f->w, r, f->q, v, &removed,
					     &f->err), 0);
	assert_int_equal(store_commit(f->st, &f->err), 0);
	assert_int_equal(removed, 2);
	assert_int_equal(survey_response_load(f->st, r, f->q, v, &f->err), 0);
	assert_false(v[wo].answered);
	assert_true(v[it].answered);
	assert_int_equal(survey_response_delete(f->st, r, &f->err), 0);
	assert_int_equal(survey_response_load(f->st, r, f->q, v, &f->err), 0);
	assert_false(v[it].answered);
	for (i = 0; i < 16; i++)
		survey_value_release(&v[i]);
}

static void
test_survey_set_load_refuses_diagnosis(void **state)
{
	struct fix *f = *state;
	struct osk_errlist errs;
	struct qset *q;
	int loaded = 0;

	osk_errlist_init(&errs, 5);
	assert_int_equal(store_begin(f->st, &f->err), 0);
	assert_int_equal(qstore_load_shipped(f->st, osk_datadir(), &loaded,
					     &errs, &f->err), 0);
	osk_errlist_release(&errs);
	assert_int_equal(store_commit(f->st, &f->err), 0);
	assert_null(survey_set_load(f->st, "diag-office", NULL, &f->err));
	assert_int_equal(f->err.code, OSK_EDATA);
	assert_string_equal(f->err.msg, "set 'diag-office' is a diagnosis, not "
			    "a survey; 'otasuke questions list' shows the "
			    "sets");
	q = survey_set_load(f->st, NULL, NULL, &f->err);
	assert_non_null(q);
	assert_string_equal(q->id, "survey-seminar");
	assert_int_equal(q->nquestions, 18);
	qset_free(q);
}

int
main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_survey_tally_counts_and_skip_logic),
		T(test_survey_tally_rounding_half_up),
		T(test_survey_tally_secondary_suppression),
		T(test_survey_tally_by_industry),
		T(test_survey_tally_by_size),
		T(test_survey_tally_by_question),
		T(test_survey_tally_event_and_dropped),
		T(test_survey_tally_versions),
		T(test_survey_tally_csv),
		T(test_survey_response_load_prune_delete),
		T(test_survey_set_load_refuses_diagnosis),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
