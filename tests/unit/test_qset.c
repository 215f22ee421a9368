/* SPDX-License-Identifier: MIT */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <glob.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/error.h"
#include "core/qset.h"
#include "core/sbuf.h"
#include "core/sha256.h"
#include "core/yaml.h"

#define DATA "tests/data/qset/"

/* ---- helpers ---- */

/* Each error as "L:C: msg" (or "msg" without a position), one a line. */
static void
format_errors(const struct osk_errlist *l, struct sbuf *out)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		const struct osk_error *e = &l->items[i];

		if (e->line)
			sbuf_addf(out, "%d:%d: %s\n", e->line, e->col, e->msg);
		else
			sbuf_addf(out, "%s\n", e->msg);
	}
}

static char *
slurp(const char *path, size_t *len)
{
	struct sbuf sb = SBUF_INIT;
	char buf[4096];
	size_t n;
	FILE *f = fopen(path, "rb");

	assert_non_null(f);
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		sbuf_add(&sb, buf, n);
	fclose(f);
	return sbuf_detach(&sb, len);
}

/* The "# expect: ..." lines of a fixture, one a line. */
static void
expected_errors(const char *text, struct sbuf *out)
{
	const char *p = text;

	while (p && *p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);

		if (!strncmp(p, "# expect: ", 10)) {
			sbuf_add(out, p + 10, len - 10);
			sbuf_addch(out, '\n');
		}
		p = nl ? nl + 1 : NULL;
	}
}

static struct qset *
load_ok(const char *path)
{
	struct osk_errlist errs;
	struct sbuf got = SBUF_INIT;
	struct qset *q;

	osk_errlist_init(&errs, 50);
	q = qset_load_file(path, &errs);
	format_errors(&errs, &got);
	if (errs.n)
		print_error("%s:\n%s", path, got.buf);
	assert_int_equal(errs.total, 0);
	assert_non_null(q);
	sbuf_release(&got);
	osk_errlist_release(&errs);
	return q;
}

/* ---- bad sets: one fixture per kind of error ---- */

static void
test_qset_bad_fixtures(void **state)
{
	glob_t g;
	size_t i;

	(void)state;
	assert_int_equal(glob(DATA "bad-*.yaml", 0, NULL, &g), 0);
	assert_true(g.gl_pathc >= 30);
	for (i = 0; i < g.gl_pathc; i++) {
		struct osk_errlist errs;
		struct sbuf want = SBUF_INIT, got = SBUF_INIT;
		char *text = slurp(g.gl_pathv[i], NULL);
		struct qset *q;

		expected_errors(text, &want);
		assert_true(want.len > 0);
		osk_errlist_init(&errs, 50);
		q = qset_load_file(g.gl_pathv[i], &errs);
		assert_null(q);
		format_errors(&errs, &got);
		if (strcmp(want.buf, got.buf))
			print_error("%s: want\n%sgot\n%s", g.gl_pathv[i],
				    want.buf, got.buf);
		assert_string_equal(want.buf, got.buf);
		assert_int_equal(errs.total, errs.n);
		/* every error names the file */
		assert_string_equal(errs.items[0].path, g.gl_pathv[i]);
		assert_int_equal(errs.items[0].code, OSK_EDATA);
		osk_errlist_release(&errs);
		sbuf_release(&want);
		sbuf_release(&got);
		free(text);
	}
	globfree(&g);
}

static void
test_qset_error_line_format(void **state)
{
	struct osk_errlist errs;
	char line[1024];

	(void)state;
	osk_errlist_init(&errs, 10);
	assert_null(qset_load_file(DATA "bad-unknown-key.yaml", &errs));
	assert_int_equal(errs.n, 1);
	osk_error_format(&errs.items[0], line, sizeof(line));
	assert_string_equal(line, DATA "bad-unknown-key.yaml:19:5: unknown "
			    "key 'lable' in question (known: id, category, "
			    "text, help, action, cost, weight, tags, scored, "
			    "options, when)");
	osk_errlist_release(&errs);
}

static void
test_qset_missing_file(void **state)
{
	struct osk_errlist errs;

	(void)state;
	osk_errlist_init(&errs, 10);
	assert_null(qset_load_file(DATA "no-such-file.yaml", &errs));
	assert_int_equal(errs.n, 1);
	assert_int_equal(errs.items[0].code, OSK_ENOINPUT);
	assert_string_equal(errs.items[0].msg, "cannot open '" DATA
			    "no-such-file.yaml': No such file or directory");
	osk_errlist_release(&errs);
	/* errs may be NULL */
	assert_null(qset_load_file(DATA "no-such-file.yaml", NULL));
	assert_null(qset_load_file(DATA "bad-many.yaml", NULL));
}

static void
test_qset_too_large(void **state)
{
	struct osk_errlist errs;
	size_t len = YAML_MAX_BYTES + 1;
	char *buf = malloc(len);

	(void)state;
	assert_non_null(buf);
	memset(buf, '#', len);
	osk_errlist_init(&errs, 10);
	assert_null(qset_load_mem("big.yaml", buf, len, &errs));
	assert_int_equal(errs.n, 1);
	assert_string_equal(errs.items[0].path, "big.yaml");
	assert_int_equal(errs.items[0].line, 0);
	assert_string_equal(errs.items[0].msg, "file is larger than 8 MB");
	osk_errlist_release(&errs);
	free(buf);
}

static void
test_qset_errlist_keep(void **state)
{
	struct osk_errlist errs;

	(void)state;
	osk_errlist_init(&errs, 2);
	assert_null(qset_load_file(DATA "bad-many.yaml", &errs));
	assert_int_equal(errs.n, 2);
	assert_int_equal(errs.total, 5);
	assert_int_equal(errs.items[0].line, 9);	/* file order */
	assert_int_equal(errs.items[1].line, 21);
	osk_errlist_release(&errs);
}

/* ---- good sets ---- */

static void
test_qset_good_diagnosis(void **state)
{
	struct qset *q = load_ok(DATA "good-diag.yaml");
	const struct qset_question *qq;
	const struct qset_category *c;

	(void)state;
	assert_string_equal(q->id, "test-diag");
	assert_int_equal(q->kind, QSET_DIAGNOSIS);
	assert_int_equal(q->version, 3);
	assert_string_equal(q->title.ja, "テスト診断");
	assert_string_equal(q->title.en, "Test diagnosis");
	assert_int_equal(q->nscale, 5);
	assert_int_equal(q->ngrades, 4);
	assert_int_equal(q->ncategories, 2);
	assert_int_equal(q->nquestions, 4);

	assert_string_equal(q->scale[2].id, "no");	/* quoted: not false */
	assert_int_equal(q->scale[3].points, -1);
	assert_true(q->scale[3].unknown);
	assert_true(q->scale[4].na);
	assert_false(q->scale[0].na || q->scale[0].unknown);
	assert_string_equal(q->scale[3].label.en, "Don't know");

	assert_true(fabs(q->grades[2].min - 40.5) < 1e-9);
	assert_string_equal(qset_grade_for(q, 100)->id, "A");
	assert_string_equal(qset_grade_for(q, 80)->id, "A");
	assert_string_equal(qset_grade_for(q, 79.9)->id, "B");
	assert_string_equal(qset_grade_for(q, 40.4)->id, "D");
	assert_string_equal(qset_grade_for(q, 0)->id, "D");

	c = &q->categories[1];
	assert_string_equal(c->id, "basics");
	assert_ptr_equal(c->plain.ja, c->title.ja);	/* plain defaults */
	assert_string_equal(q->categories[0].plain.en,
			    "How old PCs and papers are thrown away");

	qq = &q->questions[0];
	assert_string_equal(qq->id, "disposal-1");
	assert_int_equal(qq->category, 0);
	assert_int_equal(qq->type, QSET_SCALE);
	assert_int_equal(qq->cost, QSET_COST_LOW);
	assert_true(fabs(qq->weight - 1.5) < 1e-9);
	assert_true(qq->scored);
	assert_int_equal(qq->sa, 2);
	assert_int_equal(qq->selfcheck, 7);
	assert_null(qq->policy);
	assert_null(qq->sensor);
	assert_ptr_equal(qq->options, q->scale);
	assert_false(qq->own_options);
	assert_int_equal(qq->noptions, 5);
	assert_int_equal(qq->max_points, 4);
	assert_null(qq->when);
	assert_int_equal(qq->line, 24);
	assert_int_equal(qq->col, 5);
	assert_string_equal(qq->action.en, "Use a wiping tool.");

	qq = &q->questions[1];
	assert_int_equal(qq->cost, QSET_COST_FREE);	/* the default */
	assert_true(fabs(qq->weight - 1) < 1e-9);
	assert_null(qq->help.ja);
	assert_null(qq->help.en);
	assert_string_equal(osk_text_get(&qq->help, OSK_LANG_EN), "");

	qq = &q->questions[2];
	assert_string_equal(qq->policy, "written");
	assert_true(qq->own_options);
	assert_int_equal(qq->noptions, 2);
	assert_int_equal(qq->max_points, 1);
	assert_string_equal(qset_option_find(qq, "yes")->label.ja, "はい");
	assert_null(qset_option_find(qq, "done"));

	qq = &q->questions[3];
	assert_false(qq->scored);
	assert_string_equal(qq->sensor, "net-layout");
	assert_int_equal(qq->options[1].points, 0);
	assert_int_equal(qq->max_points, 0);

	assert_int_equal(qset_question_index(q, "policy-1"), 2);
	assert_int_equal(qset_question_index(q, "nope"), -1);
	assert_int_equal(qset_category_index(q, "basics"), 1);
	assert_int_equal(qset_category_index(q, "disposal-1"), -1);
	assert_string_equal(qset_kind_name(q->kind), "diagnosis");
	assert_string_equal(qset_cost_name(QSET_COST_PAID), "paid");
	assert_string_equal(qset_type_name(QSET_MULTI), "multi");
	qset_free(q);
}

struct answers {
	const char *q0;		/* choice given to question 0 */
};

static bool
has_choice(void *ctx, size_t question, const char *choice)
{
	const struct answers *a = ctx;

	return question == 0 && a->q0 && !strcmp(a->q0, choice);
}

static void
test_qset_good_survey(void **state)
{
	struct qset *q = load_ok(DATA "good-survey.yaml");
	const struct qset_question *qq;
	struct answers a = { NULL };

	(void)state;
	assert_int_equal(q->kind, QSET_SURVEY);
	assert_string_equal(qset_kind_name(q->kind), "survey");
	assert_int_equal(q->nscale, 0);
	assert_null(q->scale);
	assert_int_equal(q->ngrades, 0);
	assert_null(qset_grade_for(q, 50));
	assert_int_equal(q->nquestions, 4);

	qq = &q->questions[0];
	assert_int_equal(qq->type, QSET_SINGLE);
	assert_int_equal(qq->category, 0);
	assert_int_equal(qq->noptions, 3);
	assert_false(qq->scored);
	assert_false(qq->other);

	qq = &q->questions[1];
	assert_int_equal(qq->type, QSET_MULTI);
	assert_int_equal(qq->category, QSET_NONE);
	assert_int_equal(qq->max_choices, 2);
	assert_true(qq->other);
	assert_string_equal(qq->options[2].label.en, "UTM");

	qq = &q->questions[2];
	assert_int_equal(qq->type, QSET_NUMBER);
	assert_null(qq->options);
	assert_int_equal(qq->noptions, 0);

	qq = &q->questions[3];
	assert_int_equal(qq->type, QSET_TEXT);
	assert_non_null(qq->when);
	assert_int_equal(qq->when->question, 0);
	assert_int_equal(qq->when->nchoices, 2);
	assert_string_equal(qq->when->choices[1], "combined");
	assert_false(qset_when_applies(q, qq, has_choice, &a));
	a.q0 = "none";
	assert_false(qset_when_applies(q, qq, has_choice, &a));
	a.q0 = "combined";
	assert_true(qset_when_applies(q, qq, has_choice, &a));
	assert_true(qset_when_applies(q, &q->questions[2], has_choice, &a));
	qset_free(q);
}

static void
test_qset_source_and_hash(void **state)
{
	struct qset *q = load_ok(DATA "good-diag.yaml"), *m;
	char hex[SHA256_HEX_SIZE];
	size_t len;
	char *text = slurp(DATA "good-diag.yaml", &len);

	(void)state;
	assert_int_equal(q->source_len, len);
	assert_memory_equal(q->source, text, len);
	assert_int_equal(q->source[len], '\0');
	sha256_hex(text, len, hex);
	assert_string_equal(q->sha256, hex);
	assert_string_equal(q->path, DATA "good-diag.yaml");

	/* the same text from memory (as stored in the database) */
	m = qset_load_mem("stored", text, len, NULL);
	assert_non_null(m);
	assert_string_equal(m->path, "stored");
	assert_string_equal(m->sha256, q->sha256);
	assert_int_equal(m->nquestions, q->nquestions);
	qset_free(m);

	/* one byte more: another hash */
	text[len - 1] = ' ';
	m = qset_load_mem("changed", text, len, NULL);
	assert_non_null(m);
	assert_string_not_equal(m->sha256, q->sha256);
	qset_free(m);
	qset_free(q);
	free(text);
	qset_free(NULL);
}

static void
test_qset_json(void **state)
{
	struct qset *q = load_ok(DATA "good-survey.yaml");
	struct sbuf sb = SBUF_INIT;
	struct yaml_doc *d;
	const struct yaml_node *root, *qs;
	struct osk_error err;

	(void)state;
	assert_int_equal(qset_json_write(q, &sb, YAML_JSON_PRETTY), 0);
	assert_true(!strncmp(sb.buf, "{\n  \"set\": \"test-survey\",\n"
			     "  \"kind\": \"survey\",\n  \"version\": 1,\n",
			     60));
	/* JSON is YAML: read it back and look at a few keys */
	d = yaml_doc_load_mem("json", sb.buf, sb.len, &err);
	assert_non_null(d);
	root = yaml_doc_root(d);
	qs = yaml_node_get(root, "questions");
	assert_non_null(qs);
	assert_int_equal(qs->n, 4);
	assert_string_equal(yaml_node_get(qs->items[1], "max_choices")->str,
			    "2");
	assert_true(yaml_node_get(qs->items[1], "max_choices")->plain);
	assert_string_equal(yaml_node_get(qs->items[1], "other")->str,
			    "true");
	yaml_doc_free(d);
	sbuf_release(&sb);
	qset_free(q);
}

static void
test_qset_file_is_set(void **state)
{
	(void)state;
	assert_true(qset_file_is_set(DATA "good-diag.yaml"));
	assert_true(qset_file_is_set(DATA "good-survey.yaml"));
	assert_false(qset_file_is_set(DATA "bad-empty.yaml"));
	assert_false(qset_file_is_set(DATA "bad-not-map.yaml"));
	assert_false(qset_file_is_set(DATA "no-such-file.yaml"));
}

static void
test_qset_datadir(void **state)
{
	const char *old = getenv("OTASUKE_DATADIR");
	char *saved = old ? strdup(old) : NULL;
	const char *d;

	(void)state;
	setenv("OTASUKE_DATADIR", "/some/where", 1);
	assert_string_equal(osk_datadir(), "/some/where");
	unsetenv("OTASUKE_DATADIR");
	d = osk_datadir();
	/* build/tests/ has no questions/ beside it: the installed folder */
	assert_string_equal(d, OSK_DATADIR "/questions");
	if (saved) {
		setenv("OTASUKE_DATADIR", saved, 1);
		free(saved);
	}
}

/* ---- the shipped sets ---- */

static const char *
shipped_dir(void)
{
	const char *d = getenv("OTASUKE_DATADIR");

	return d && *d ? d : "questions";
}

static bool
slow_build(void)
{
	const char *pre = getenv("LD_PRELOAD");

#if defined(__SANITIZE_ADDRESS__)
	return true;
#endif
	return pre && strstr(pre, "vgpreload");	/* under valgrind */
}

static void
test_qset_shipped_sets_load(void **state)
{
	char pattern[1024];
	struct timespec t0, t1;
	glob_t g;
	size_t i, nsets = 0;
	double ms;

	(void)state;
	snprintf(pattern, sizeof(pattern), "%s/*.yaml", shipped_dir());
	if (glob(pattern, 0, NULL, &g) != 0) {
		print_message("no question sets in %s yet\n", shipped_dir());
		skip();
	}
	for (i = 0; i < g.gl_pathc; i++) {
		if (!qset_file_is_set(g.gl_pathv[i]))
			continue;
		qset_free(load_ok(g.gl_pathv[i]));
		nsets++;
	}
	if (!nsets) {
		globfree(&g);
		skip();
	}
	/* all together, well under 20 ms (best of 5 runs) */
	ms = 1e9;
	for (int run = 0; run < 5; run++) {
		double t;

		clock_gettime(CLOCK_MONOTONIC, &t0);
		for (i = 0; i < g.gl_pathc; i++)
			if (qset_file_is_set(g.gl_pathv[i]))
				qset_free(qset_load_file(g.gl_pathv[i], NULL));
		clock_gettime(CLOCK_MONOTONIC, &t1);
		t = (t1.tv_sec - t0.tv_sec) * 1e3 +
		    (t1.tv_nsec - t0.tv_nsec) / 1e6;
		if (t < ms)
			ms = t;
	}
	if (!slow_build())
		assert_true(ms < 20.0);
	globfree(&g);
}

/* The example in otasuke-questions(5) is questions/example*.yaml. */
static void
test_qset_examples_load(void **state)
{
	char path[1024];
	const char *names[] = { "example.yaml", "example-survey.yaml" };
	size_t i;

	(void)state;
	for (i = 0; i < 2; i++) {
		FILE *f;

		snprintf(path, sizeof(path), "%s/%s", shipped_dir(), names[i]);
		f = fopen(path, "r");
		if (!f)
			continue;
		fclose(f);
		qset_free(load_ok(path));
	}
}

/*
 * otasuke-questions(5) shows questions/example*.yaml verbatim (mdoc escapes
 * undone): a change to one must be made to the other.
 */
static void
test_qset_man_page_examples(void **state)
{
	const char *names[] = { "example.yaml", "example-survey.yaml" };
	struct sbuf plain = SBUF_INIT;
	char path[1024], *man, *p;
	size_t i;

	(void)state;
	man = slurp("man/otasuke-questions.5", NULL);
	for (p = man; *p; ) {
		char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);

		if (!strncmp(p, "\\&", 2)) {
			p += 2;
			len -= 2;
		}
		for (i = 0; i < len; i++) {
			if (p[i] == '\\' && i + 1 < len && p[i + 1] == 'e') {
				sbuf_addch(&plain, '\\');
				i++;
			} else {
				sbuf_addch(&plain, p[i]);
			}
		}
		sbuf_addch(&plain, '\n');
		p = nl ? nl + 1 : p + len;
	}
	for (i = 0; i < 2; i++) {
		FILE *f;
		char *text;

		snprintf(path, sizeof(path), "%s/%s", shipped_dir(), names[i]);
		f = fopen(path, "r");
		if (!f)
			continue;
		fclose(f);
		text = slurp(path, NULL);
		if (!strstr(plain.buf, text))
			print_error("man/otasuke-questions.5 does not show %s "
				    "as it is\n", path);
		assert_non_null(strstr(plain.buf, text));
		free(text);
	}
	sbuf_release(&plain);
	free(man);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_qset_bad_fixtures),
		cmocka_unit_test(test_qset_error_line_format),
		cmocka_unit_test(test_qset_missing_file),
		cmocka_unit_test(test_qset_too_large),
		cmocka_unit_test(test_qset_errlist_keep),
		cmocka_unit_test(test_qset_good_diagnosis),
		cmocka_unit_test(test_qset_good_survey),
		cmocka_unit_test(test_qset_source_and_hash),
		cmocka_unit_test(test_qset_json),
		cmocka_unit_test(test_qset_file_is_set),
		cmocka_unit_test(test_qset_datadir),
		cmocka_unit_test(test_qset_shipped_sets_load),
		cmocka_unit_test(test_qset_examples_load),
		cmocka_unit_test(test_qset_man_page_examples),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
