/* SPDX-License-Identifier: MIT */
/*
 * Runs the data-driven scoring cases in tests/scoring/ (*.t): one cmocka test
 * per block. The format is described at the top of tests/scoring/basic.t.
 * Each block gets a fresh database in a temporary folder; the answers go
 * in through the diag API and the expectations are checked against
 * diag_score_get().
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <ctype.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/company.h"
#include "core/qset.h"
#include "core/qstore.h"
#include "core/sbuf.h"
#include "core/store.h"
#include "core/text.h"
#include "diag/diag.h"

#define CASES "tests/scoring/"

struct line {
	int no;
	char *text;
};

struct block {
	char *file;		/* the .t file */
	struct line *lines;
	size_t nlines;
	char name[300];
};

static struct block *blocks;
static size_t nblocks;

/* ---- reading the .t files ---- */

static char *
trim(char *s)
{
	char *e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

static void
add_block(const char *file, struct line *lines, size_t n)
{
	struct block *b;

	blocks = realloc(blocks, (nblocks + 1) * sizeof(*blocks));
	assert_non_null(blocks);
	b = &blocks[nblocks++];
	b->file = strdup(file);
	b->lines = lines;
	b->nlines = n;
	snprintf(b->name, sizeof(b->name), "%s:%d", file, lines[0].no);
}

static void
read_file(const char *path)
{
	FILE *f = fopen(path, "r");
	struct line *cur = NULL;
	size_t n = 0;
	char buf[8192];
	int no = 0;

	if (!f) {
		fprintf(stderr, "cannot open %s\n", path);
		exit(1);
	}
	while (fgets(buf, sizeof(buf), f)) {
		char *t = trim(buf);

		no++;
		if (*t == '#')
			continue;
		if (!*t) {
			if (n)
				add_block(path, cur, n);
			cur = NULL;
			n = 0;
			continue;
		}
		cur = realloc(cur, (n + 1) * sizeof(*cur));
		cur[n].no = no;
		cur[n].text = strdup(t);
		n++;
	}
	if (n)
		add_block(path, cur, n);
	fclose(f);
}

/* ---- building the database ---- */

struct env {
	char dir[64], db[96];
	struct store *st;
	struct qset *q;
	const struct block *b;
	int64_t company;
	int peers;
	int npeer;
};

static void
fail_at(const struct env *e, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void
fail_at(const struct env *e, int line, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	fail_msg("%s:%d: %s", e->b->file, line, msg);
}

static void
check_ok(const struct env *e, int line, int r, const struct osk_error *err)
{
	if (r)
		fail_at(e, line, "%s", err->msg);
}

static int64_t
new_company(struct env *e, int line, const char *name, const char *ind)
{
	struct company c;
	struct osk_error err;
	int64_t id;
	int r;

	company_init(&c);
	c.name = strdup(name);
	c.industry[0] = ind[0];
	osk_error_clear(&err);
	r = company_insert(e->st, &c, &err);
	check_ok(e, line, r, &err);
	id = c.id;
	company_release(&c);
	return id;
}

/*
 * One assessment from "qid=opt ..." (qid= is a skip, *=opt every question
 * that has opt, - nothing), finished when complete.
 */
static void
answer_one(struct env *e, int line, int64_t company, char *spec)
{
	struct diag_answers *a = NULL;
	struct osk_error err;
	char *tok, *save = NULL;
	size_t i;
	int r;

	osk_error_clear(&err);
	r = diag_answers_new(e->st, company, e->q->id, &a, &err);
	check_ok(e, line, r, &err);
	assert_int_equal(store_begin(e->st, &err), 0);
	for (tok = strtok_r(spec, " \t", &save); tok;
	     tok = strtok_r(NULL, " \t", &save)) {
		char *eq = strchr(tok, '=');
		const char *opt;

		if (!strcmp(tok, "-"))
			continue;
		if (!eq)
			fail_at(e, line, "'%s' is not qid=option", tok);
		*eq = '\0';
		opt = eq[1] ? eq + 1 : NULL;
		if (!strcmp(tok, "*")) {
			for (i = 0; i < a->q->nquestions; i++)
				if (qset_option_find(&a->q->questions[i], opt))
					check_ok(e, line, diag_answers_put(
						e->st, a, i, opt, NULL, &err),
						&err);
			continue;
		}
		if (qset_question_index(a->q, tok) < 0)
			fail_at(e, line, "no question '%s'", tok);
		r = diag_answers_put(e->st, a, (size_t)qset_question_index(
					     a->q, tok), opt, NULL, &err);
		check_ok(e, line, r, &err);
	}
	/* an assessment with no answer at all is still stored */
	if (!a->a.id) {
		r = diag_answers_put(e->st, a, 0, NULL, NULL, &err);
		check_ok(e, line, r, &err);
	}
	r = diag_answers_finish(e->st, a, NULL, &err);
	check_ok(e, line, r, &err);
	assert_int_equal(store_commit(e->st, &err), 0);
	diag_answers_free(a);
}

/* Successive assessments separated by " / ". */
static void
answer_all(struct env *e, int line, int64_t company, const char *spec)
{
	char *copy = strdup(spec), *p = copy, *slash;

	for (;;) {
		slash = strstr(p, " / ");
		if (slash)
			*slash = '\0';
		answer_one(e, line, company, p);
		if (!slash)
			break;
		p = slash + 3;
	}
	free(copy);
}

static const char *
set_path(const char *name, char *buf, size_t size)
{
	snprintf(buf, size, "tests/data/diag/%s", name);
	if (access(buf, R_OK))
		snprintf(buf, size, "questions/%s", name);
	return buf;
}

static void
load_set(struct env *e, const struct line *l)
{
	struct osk_errlist errs;
	struct osk_error err;
	enum qstore_status status;
	char path[512];

	osk_errlist_init(&errs, 5);
	e->q = qset_load_file(set_path(l->text, path, sizeof(path)), &errs);
	if (!e->q)
		fail_at(e, l->no, "cannot load %s: %s", path,
			errs.n ? errs.items[0].msg : "?");
	osk_errlist_release(&errs);
	osk_error_clear(&err);
	assert_int_equal(store_begin(e->st, &err), 0);
	check_ok(e, l->no, qstore_put(e->st, e->q, &status, NULL, &err),
		 &err);
	assert_int_equal(store_commit(e->st, &err), 0);
}

static bool
is_setup(const char *t)
{
	static const char *const words[] = {
		"industry ", "peers.min ", "peer ", "ref ", NULL
	};
	size_t i;

	for (i = 0; words[i]; i++)
		if (!strncmp(t, words[i], strlen(words[i])))
			return true;
	return false;
}

static void
add_ref(struct env *e, const struct line *l)
{
	char ind[8], cat[64], src[256];
	double score;
	int n, off = 0;
	sqlite3_stmt *s;
	struct osk_error err;

	if (sscanf(l->text, "ref %7s %63s %lf %d %n", ind, cat, &score, &n,
		   &off) != 4 || !off)
		fail_at(e, l->no, "expected 'ref INDUSTRY CATEGORY SCORE N "
			"SOURCE'");
	snprintf(src, sizeof(src), "%s", l->text + off);
	osk_error_clear(&err);
	assert_int_equal(store_prepare(e->st, &s, "INSERT INTO reference_avg"
				       " VALUES (?, ?, ?, ?, ?, ?)", &err), 0);
	store_bind_text(s, 1, e->q->id);
	store_bind_text(s, 2, ind);
	store_bind_text(s, 3, cat);
	sqlite3_bind_double(s, 4, score);
	sqlite3_bind_int(s, 5, n);
	store_bind_text(s, 6, src);
	assert_int_equal(sqlite3_step(s), SQLITE_DONE);
	sqlite3_finalize(s);
}

/* "peer E*5 ANSWERS": five companies of industry E. */
static void
add_peers(struct env *e, const struct line *l)
{
	char ind[8], name[64];
	int count = 1, off = 0, k;

	if (sscanf(l->text, "peer %1[A-T]*%d %n", ind, &count, &off) < 2 &&
	    sscanf(l->text, "peer %1[A-T] %n", ind, &off) < 1)
		fail_at(e, l->no, "expected 'peer INDUSTRY[*N] ANSWERS'");
	for (k = 0; k < count; k++) {
		snprintf(name, sizeof(name), "peer %d", ++e->npeer);
		answer_all(e, l->no, new_company(e, l->no, name, ind),
			   l->text + off);
	}
}

/* Build the database of block b; returns the first expectation line. */
static size_t
build(struct env *e)
{
	const struct block *b = e->b;
	struct osk_error err;
	char ind[2] = "E";
	size_t i, first;

	if (b->nlines < 3)
		fail_at(e, b->lines[0].no, "a block needs a set, answers and "
			"at least one expectation");
	load_set(e, &b->lines[0]);
	for (first = 2; first < b->nlines && is_setup(b->lines[first].text);
	     first++)
		;
	for (i = 2; i < first; i++)
		if (!strncmp(b->lines[i].text, "industry ", 9))
			ind[0] = b->lines[i].text[9];
	e->company = new_company(e, b->lines[1].no, "the company", ind);
	answer_all(e, b->lines[1].no, e->company, b->lines[1].text);
	for (i = 2; i < first; i++) {
		const struct line *l = &b->lines[i];

		osk_error_clear(&err);
		if (!strncmp(l->text, "peers.min ", 10))
			check_ok(e, l->no, store_config_set(e->st, "peers.min",
							    l->text + 10,
							    &err), &err);
		else if (!strncmp(l->text, "peer ", 5))
			add_peers(e, l);
		else if (!strncmp(l->text, "ref ", 4))
			add_ref(e, l);
	}
	return first;
}

/* ---- checking ---- */

static const char *
fmt1(char *buf, bool has, double v)
{
	if (!has)
		return "-";
	snprintf(buf, 16, "%.1f", osk_round1(v) + 0.0);
	return buf;
}

static void
expect_str(const struct env *e, int line, const char *what,
	   const char *want, const char *got)
{
	if (strcmp(want, got))
		fail_at(e, line, "%s: expected '%s', got '%s'", what, want,
			got);
}

static const struct diag_category_score *
find_cat(const struct env *e, const struct diag_score *s, int line,
	 const char *id)
{
	size_t i;

	for (i = 0; i < s->ncats; i++)
		if (!strcmp(s->q->categories[s->cats[i].category].id, id))
			return &s->cats[i];
	fail_at(e, line, "no category '%s' in the score", id);
	return NULL;
}

/* "category ID SCORE GRADE [cmp V] [n N] [answered A/B] [weak yes|no]
 * [prev V]" */
static void
check_category(const struct env *e, const struct diag_score *s,
	       const struct line *l)
{
	char *copy = strdup(l->text), *save = NULL, *tok, buf[64];
	const struct diag_category_score *cs;
	const char *id, *score, *grade;

	strtok_r(copy, " ", &save);
	id = strtok_r(NULL, " ", &save);
	score = strtok_r(NULL, " ", &save);
	grade = strtok_r(NULL, " ", &save);
	if (!id || !score || !grade)
		fail_at(e, l->no, "expected 'category ID SCORE GRADE ...'");
	cs = find_cat(e, s, l->no, id);
	expect_str(e, l->no, "score", score, fmt1(buf, cs->has_score,
						 cs->score));
	expect_str(e, l->no, "grade", grade, cs->grade ? cs->grade->id : "-");
	while ((tok = strtok_r(NULL, " ", &save))) {
		const char *v = strtok_r(NULL, " ", &save);

		if (!v)
			fail_at(e, l->no, "'%s' needs a value", tok);
		if (!strcmp(tok, "cmp")) {
			expect_str(e, l->no, "comparison", v,
				   fmt1(buf, cs->has_comparison,
					cs->comparison));
		} else if (!strcmp(tok, "n")) {
			snprintf(buf, sizeof(buf), "%d", cs->comparison_n);
			expect_str(e, l->no, "comparison n", v, buf);
		} else if (!strcmp(tok, "answered")) {
			snprintf(buf, sizeof(buf), "%d/%d", cs->answered,
				 cs->applicable);
			expect_str(e, l->no, "answered", v, buf);
		} else if (!strcmp(tok, "weak")) {
			expect_str(e, l->no, "weak", v,
				   cs->weak ? "yes" : "no");
		} else if (!strcmp(tok, "prev")) {
			expect_str(e, l->no, "previous", v,
				   fmt1(buf, cs->has_previous, cs->previous));
		} else {
			fail_at(e, l->no, "unknown key '%s'", tok);
		}
	}
	free(copy);
}

static void
list_priorities(const struct diag_score *s, size_t max, struct sbuf *sb)
{
	size_t i;

	for (i = 0; i < s->npriorities && i < max; i++)
		sbuf_addf(sb, "%s%s:%.1f", i ? " " : "",
			  s->q->questions[s->priorities[i].question].id,
			  osk_round1(s->priorities[i].priority) + 0.0);
	if (!sb->len)
		sbuf_adds(sb, "-");
}

static void
list_star(const struct diag_action *act, const struct diag_star *star,
	  struct sbuf *sb)
{
	size_t i;

	if (star->ready) {
		sbuf_adds(sb, "ready");
		return;
	}
	sbuf_adds(sb, "missing");
	for (i = 0; i < star->nmissing; i++) {
		const struct diag_step *st = &star->missing[i];

		sbuf_addf(sb, " %s", st->id);
		if (st->question != QSET_NONE)
			sbuf_addf(sb, ":%s",
				  act->q->questions[st->question].id);
		sbuf_addf(sb, ":%s", diag_why_name(st->why));
	}
}

/* The value an expectation line's keyword names, as text. */
static void
actual(const struct env *e, const struct diag_score *s, const char *key,
       const char *rest, int line, struct sbuf *sb)
{
	char buf[64];
	size_t i;

	if (!strcmp(key, "overall")) {
		sbuf_addf(sb, "%s %s", fmt1(buf, s->has_overall, s->overall),
			  s->grade ? s->grade->id : "-");
		if (strstr(rest, " cmp "))
			sbuf_addf(sb, " cmp %s",
				  fmt1(buf, s->has_overall_comparison,
				       s->overall_comparison));
		if (strstr(rest, " prev "))
			sbuf_addf(sb, " prev %s",
				  fmt1(buf, s->has_previous_overall,
				       s->previous_overall));
	} else if (!strcmp(key, "selfcheck")) {
		if (s->has_selfcheck)
			sbuf_addf(sb, "%d", s->selfcheck);
		else
			sbuf_adds(sb, "-");
	} else if (!strcmp(key, "comparison")) {
		sbuf_addf(sb, "%s %d", diag_source_name(s->source), s->n);
		if (s->source == DIAG_CMP_REFERENCE)
			sbuf_addf(sb, " %s", s->reference);
	} else if (!strcmp(key, "priorities")) {
		list_priorities(s, (size_t)-1, sb);
	} else if (!strcmp(key, "top")) {
		size_t n = 1;

		for (i = 0; rest[i]; i++)
			n += rest[i] == ' ';
		list_priorities(s, n, sb);
	} else if (!strcmp(key, "unknown")) {
		for (i = 0; i < s->nunknown; i++)
			sbuf_addf(sb, "%s%s", i ? " " : "",
				  s->q->questions[s->unknown[i]].id);
		if (!s->nunknown)
			sbuf_adds(sb, "-");
	} else if (!strcmp(key, "one_star")) {
		list_star(&s->action, &s->action.one_star, sb);
	} else if (!strcmp(key, "two_star")) {
		list_star(&s->action, &s->action.two_star, sb);
	} else if (!strcmp(key, "completed")) {
		sbuf_adds(sb, s->assessment.completed ? "yes" : "no");
	} else if (!strcmp(key, "progress")) {
		sbuf_addf(sb, "%d/%d", s->answered, s->asked);
	} else if (!strcmp(key, "categories")) {
		for (i = 0; i < s->ncats; i++)
			sbuf_addf(sb, "%s%s", i ? " " : "",
				  s->q->categories[s->cats[i].category].id);
	} else {
		fail_at(e, line, "unknown expectation '%s'", key);
	}
}

static void
check(const struct env *e, const struct diag_score *s, const struct line *l)
{
	struct sbuf got = SBUF_INIT;
	char key[32];
	const char *rest;

	if (!strncmp(l->text, "category ", 9)) {
		check_category(e, s, l);
		return;
	}
	if (sscanf(l->text, "%31s", key) != 1)
		return;
	rest = l->text + strlen(key);
	while (*rest == ' ')
		rest++;
	actual(e, s, key, rest, l->no, &got);
	if (strcmp(got.buf, rest))
		fail_at(e, l->no, "%s: expected '%s', got '%s'", key, rest,
			got.buf);
	sbuf_release(&got);
}

static void
run_block(void **state)
{
	struct env e;
	struct osk_error err;
	struct diag_score *s = NULL;
	size_t i, first;
	int r;

	memset(&e, 0, sizeof(e));
	e.b = *state;
	snprintf(e.dir, sizeof(e.dir), "/tmp/otasuke-scoring-XXXXXX");
	assert_non_null(mkdtemp(e.dir));
	snprintf(e.db, sizeof(e.db), "%s/t.db", e.dir);
	osk_error_clear(&err);
	e.st = store_open(e.db, STORE_CREATE, &err);
	assert_non_null(e.st);
	first = build(&e);
	r = diag_score_get(e.st, e.company, e.q->id, 0, &s, &err);
	if (r)
		fail_at(&e, e.b->lines[0].no, "score: %s", err.msg);
	for (i = first; i < e.b->nlines; i++)
		check(&e, s, &e.b->lines[i]);
	diag_score_free(s);
	qset_free(e.q);
	store_close(e.st);
	unlink(e.db);
	{
		char p[128];

		snprintf(p, sizeof(p), "%s-wal", e.db);
		unlink(p);
		snprintf(p, sizeof(p), "%s-shm", e.db);
		unlink(p);
	}
	rmdir(e.dir);
}

int
main(void)
{
	struct CMUnitTest *tests;
	glob_t g;
	size_t i;
	int r;

	if (glob(CASES "*.t", 0, NULL, &g) || !g.gl_pathc) {
		fprintf(stderr, "no scoring cases in " CASES "\n");
		return 1;
	}
	for (i = 0; i < g.gl_pathc; i++)
		read_file(g.gl_pathv[i]);
	globfree(&g);
	tests = calloc(nblocks, sizeof(*tests));
	for (i = 0; i < nblocks; i++) {
		tests[i].name = blocks[i].name;
		tests[i].test_func = run_block;
		tests[i].initial_state = &blocks[i];
	}
	r = _cmocka_run_group_tests("scoring", tests, nblocks, NULL, NULL);
	for (i = 0; i < nblocks; i++) {
		for (size_t k = 0; k < blocks[i].nlines; k++)
			free(blocks[i].lines[k].text);
		free(blocks[i].lines);
		free(blocks[i].file);
	}
	free(blocks);
	free(tests);
	return r;
}
