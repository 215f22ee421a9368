/* SPDX-License-Identifier: MIT */
/*
 * Tallies in one pass over the stored answers, ordered by response: the
 * answers of one response are gathered, its skip logic is applied, and it
 * is added to the overall tally and to the tally of each of its groups.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "survey/internal.h"

#define NO_INDEX ((size_t)-1)

struct numbuf {
	double *v;
	size_t n, alloc;
};

/* The tallies of all questions over one set of responses. */
struct block {
	struct survey_qtally *qt;
	struct numbuf *nums;
	size_t *other_alloc, *text_alloc;
	int64_t n;
};

/*
 * Finding the question and choice of two million answer rows: the rows of
 * a response come in primary key order, so the questions arrive sorted by
 * their bytes; a cursor over the sorted ids finds most in one compare.
 * Choices are compared by length first.
 */
struct name {
	const char *s;
	size_t len;
};

struct names {
	struct name *q;		/* question ids, in byte order */
	size_t *qi;		/* their indexes in the set */
	struct name **opt;	/* option ids of each question, set order */
	size_t n, cursor;
};

struct run {
	const struct qset *q;
	struct names names;
	struct survey_tally *t;
	struct survey_grouping g;
	struct block all;
	struct block *groups;	/* g.n */
	struct survey_value *vals;
	bool *asked;
	const char **other, **text;	/* per question, this response */
	size_t *in;			/* groups of this response */
};

/* ---- names ---- */

static int
cmp_qi(const void *a, const void *b, void *set)
{
	const struct qset *q = set;

	return strcmp(q->questions[*(const size_t *)a].id,
		      q->questions[*(const size_t *)b].id);
}

static int
names_init(struct names *nm, const struct qset *q)
{
	size_t i, k, n = q->nquestions;

	nm->n = n;
	nm->q = calloc(n + 1, sizeof(*nm->q));
	nm->qi = calloc(n + 1, sizeof(*nm->qi));
	nm->opt = calloc(n + 1, sizeof(*nm->opt));
	if (!nm->q || !nm->qi || !nm->opt)
		return -OSK_ENOMEM;
	for (i = 0; i < n; i++)
		nm->qi[i] = i;
	qsort_r(nm->qi, n, sizeof(*nm->qi), cmp_qi, (void *)q);
	for (i = 0; i < n; i++) {
		const struct qset_question *qq = &q->questions[nm->qi[i]];

		nm->q[i].s = qq->id;
		nm->q[i].len = strlen(qq->id);
	}
	for (i = 0; i < n; i++) {
		const struct qset_question *qq = &q->questions[i];

		if (!(nm->opt[i] = calloc(qq->noptions + 1,
					  sizeof(**nm->opt))))
			return -OSK_ENOMEM;
		for (k = 0; k < qq->noptions; k++) {
			nm->opt[i][k].s = qq->options[k].id;
			nm->opt[i][k].len = strlen(qq->options[k].id);
		}
	}
	return 0;
}

static void
names_release(struct names *nm)
{
	size_t i;

	if (nm->opt)
		for (i = 0; i < nm->n; i++)
			free(nm->opt[i]);
	free(nm->opt);
	free(nm->q);
	free(nm->qi);
	memset(nm, 0, sizeof(*nm));
}

static bool
name_is(const struct name *nm, const char *s, size_t len)
{
	return nm->len == len && !memcmp(nm->s, s, len);
}

/* The set index of question s, or NO_INDEX. */
static size_t
names_question(struct names *nm, const char *s, size_t len)
{
	size_t i;

	for (i = nm->cursor; i < nm->n; i++)
		if (name_is(&nm->q[i], s, len))
			return nm->qi[nm->cursor = i];
	for (i = 0; i < nm->cursor; i++)
		if (name_is(&nm->q[i], s, len))
			return nm->qi[nm->cursor = i];
	return NO_INDEX;
}

static size_t
names_option(const struct names *nm, const struct qset_question *qq,
	     size_t qi, const char *s, size_t len)
{
	size_t k;

	for (k = 0; k < qq->noptions; k++)
		if (name_is(&nm->opt[qi][k], s, len))
			return k;
	return NO_INDEX;
}

/* ---- blocks ---- */

static void
qtallies_free(struct survey_qtally *qt, size_t nq)
{
	size_t i;

	if (!qt)
		return;
	for (i = 0; i < nq; i++) {
		free(qt[i].choices);
		free(qt[i].other);
		free(qt[i].texts);
	}
	free(qt);
}

static void
block_release(struct block *b, size_t nq)
{
	size_t i;

	qtallies_free(b->qt, nq);
	if (b->nums)
		for (i = 0; i < nq; i++)
			free(b->nums[i].v);
	free(b->nums);
	free(b->other_alloc);
	free(b->text_alloc);
	memset(b, 0, sizeof(*b));
}

static int
block_init(struct block *b, const struct qset *q)
{
	size_t i, nq = q->nquestions;

	memset(b, 0, sizeof(*b));
	b->qt = calloc(nq + 1, sizeof(*b->qt));
	b->nums = calloc(nq + 1, sizeof(*b->nums));
	b->other_alloc = calloc(nq + 1, sizeof(*b->other_alloc));
	b->text_alloc = calloc(nq + 1, sizeof(*b->text_alloc));
	if (!b->qt || !b->nums || !b->other_alloc || !b->text_alloc)
		return -OSK_ENOMEM;
	for (i = 0; i < nq; i++) {
		const struct qset_question *qq = &q->questions[i];
		size_t k;

		b->qt[i].qq = qq;
		b->qt[i].nchoices = qq->noptions;
		if (!qq->noptions)
			continue;
		b->qt[i].choices = calloc(qq->noptions,
					  sizeof(*b->qt[i].choices));
		if (!b->qt[i].choices)
			return -OSK_ENOMEM;
		for (k = 0; k < qq->noptions; k++)
			b->qt[i].choices[k].opt = &qq->options[k];
	}
	return 0;
}

static int
push_str(const char ***list, size_t *n, size_t *alloc, const char *s)
{
	if (*n == *alloc) {
		size_t na = *alloc ? 2 * *alloc : 16;
		const char **p = realloc(*list, na * sizeof(*p));

		if (!p)
			return -OSK_ENOMEM;
		*list = p;
		*alloc = na;
	}
	(*list)[(*n)++] = s;
	return 0;
}

static int
push_num(struct numbuf *nb, double v)
{
	if (nb->n == nb->alloc) {
		size_t na = nb->alloc ? 2 * nb->alloc : 64;
		double *p = realloc(nb->v, na * sizeof(*p));

		if (!p)
			return -OSK_ENOMEM;
		nb->v = p;
		nb->alloc = na;
	}
	nb->v[nb->n++] = v;
	return 0;
}

/* Add the current response to block b. */
static int
block_add(struct run *x, struct block *b)
{
	size_t qi, i;

	b->n++;
	for (qi = 0; qi < x->q->nquestions; qi++) {
		struct survey_qtally *qt = &b->qt[qi];
		const struct survey_value *v = &x->vals[qi];

		if (!x->asked[qi])
			continue;
		qt->asked++;
		if (!v->answered)
			continue;
		qt->answered++;
		for (i = 0; i < v->nchosen; i++)
			qt->choices[v->chosen[i]].count++;
		if (x->other[qi] &&
		    push_str(&qt->other, &qt->nother, &b->other_alloc[qi],
			     x->other[qi]))
			return -OSK_ENOMEM;
		if (x->text[qi] &&
		    push_str(&qt->texts, &qt->ntexts, &b->text_alloc[qi],
			     x->text[qi]))
			return -OSK_ENOMEM;
		if (qt->qq->type == QSET_NUMBER &&
		    push_num(&b->nums[qi], v->number))
			return -OSK_ENOMEM;
	}
	return 0;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static void
block_finish(struct block *b, size_t nq)
{
	size_t qi, i;

	for (qi = 0; qi < nq; qi++) {
		struct survey_qtally *qt = &b->qt[qi];
		struct numbuf *nb = &b->nums[qi];

		qt->no_answer = qt->asked - qt->answered;
		for (i = 0; i < qt->nchoices; i++)
			qt->choices[i].percent = qt->answered ?
				osk_round1(100.0 * (double)qt->choices[i].count
					   / (double)qt->answered) : 0;
		if (!nb->n)
			continue;
		qsort(nb->v, nb->n, sizeof(*nb->v), cmp_double);
		qt->min = nb->v[0];
		qt->max = nb->v[nb->n - 1];
		qt->median = nb->n % 2 ? nb->v[nb->n / 2] :
			(nb->v[nb->n / 2 - 1] + nb->v[nb->n / 2]) / 2;
		qt->mean = 0;
		for (i = 0; i < nb->n; i++)
			qt->mean += nb->v[i];
		qt->mean /= (double)nb->n;
	}
}

/* ---- one response ---- */

static const char *
keep(struct run *x, const struct sbuf *sb)
{
	return survey_pool_strndup(x->t->pool, sb->buf, sb->len);
}

/* Apply skip logic and add the gathered response everywhere it counts. */
static int
flush(struct run *x, const char *industry, long employees)
{
	const struct qset *q = x->q;
	size_t qi, i, n;

	for (qi = 0; qi < q->nquestions; qi++) {
		struct survey_value *v = &x->vals[qi];

		x->asked[qi] = survey_asked(q, qi, x->vals);
		x->other[qi] = x->text[qi] = NULL;
		if (!x->asked[qi] && v->answered) {
			/* kept from a changed answer: not part of the tally */
			x->t->dropped++;
			survey_value_reset(v);
		}
		if (!v->answered)
			continue;
		if (v->other.len && !(x->other[qi] = keep(x, &v->other)))
			return -OSK_ENOMEM;
		if (q->questions[qi].type == QSET_TEXT &&
		    !(x->text[qi] = keep(x, &v->text)))
			return -OSK_ENOMEM;
	}
	x->t->responses++;
	if (block_add(x, &x->all))
		return -OSK_ENOMEM;
	n = survey_grouping_of(&x->g, q, x->vals, industry, employees, x->in);
	if (!n && x->g.by != SURVEY_BY_NONE)
		x->t->ungrouped++;
	for (i = 0; i < n; i++)
		if (block_add(x, &x->groups[x->in[i]]))
			return -OSK_ENOMEM;
	return 0;
}

/* ---- the pass over the answers ---- */

/*
 * One survey_answer row (question, choice, value in columns 3-5) into the
 * gathered response. Returns 0, 1 when the set does not know it, or
 * -OSK_ENOMEM.
 */
static int
add_row(struct run *x, sqlite3_stmt *s, const char *question)
{
	/* strlen() is cheaper than sqlite3_column_bytes() and its mutex */
	size_t qi = names_question(&x->names, question, strlen(question));
	const struct qset_question *qq;
	const char *value, *other = NULL;
	struct survey_value *v;
	size_t oi, len;

	if (qi == NO_INDEX)
		return 1;
	qq = &x->q->questions[qi];
	v = &x->vals[qi];
	switch (qq->type) {
	case QSET_SINGLE:
		if (!(value = (const char *)sqlite3_column_text(s, 5)))
			return 1;
		len = strlen(value);
		if (len > 6 && !memcmp(value, "other:", 6)) {
			other = value + 6;
			len = 5;
		}
		oi = names_option(&x->names, qq, qi, value, len);
		v->nchosen = 0;
		break;
	case QSET_MULTI:
		if (!(value = (const char *)sqlite3_column_text(s, 4)))
			return 1;
		oi = names_option(&x->names, qq, qi, value, strlen(value));
		/* the value column is read only for "other" */
		if (oi != NO_INDEX && !strcmp(qq->options[oi].id, "other"))
			other = (const char *)sqlite3_column_text(s, 5);
		break;
	default:
		value = (const char *)sqlite3_column_text(s, 4);
		return survey_value_load_row(qq, v, value ? value : "",
					     (const char *)
					     sqlite3_column_text(s, 5));
	}
	if (oi == NO_INDEX)
		return 1;
	if (other && (sbuf_reset(&v->other), sbuf_adds(&v->other, other)))
		return -OSK_ENOMEM;
	v->answered = true;
	return survey_value_add_choice(v, oi);
}

static int
scan(struct store *st, struct run *x, const struct survey_tally_opts *o,
     struct osk_error *err)
{
	sqlite3_stmt *s = NULL;
	int64_t prev = -1;
	char industry[8] = "";
	long employees = -1;
	size_t qi;
	int r, rc;

	/*
	 * The outer loop runs over the responses in id order (a plain scan:
	 * "+" keeps SQLite from using the (qset_id, event) index, which would
	 * need a sort of every answer), so each response's answers come
	 * together and in a stable order.
	 */
	if ((r = store_prepare(st, &s, "SELECT r.id, c.industry, c.employees,"
			       " a.question, a.choice, a.value "
			       "FROM survey_response r "
			       "LEFT JOIN company c ON c.id = r.company_id "
			       "LEFT JOIN survey_answer a "
			       "ON a.response_id = r.id "
			       "WHERE +r.qset_id IN "
			       "(SELECT id FROM qset WHERE set_id = ?1) AND "
			       "(?2 IS NULL OR r.event = ?2) "
			       "ORDER BY r.id", err)))
		return r;
	sqlite3_bind_text(s, 1, x->q->id, -1, SQLITE_STATIC);
	if (o->event)
		sqlite3_bind_text(s, 2, o->event, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		int64_t rid = sqlite3_column_int64(s, 0);
		const char *question;

		if (rid != prev) {
			if (prev >= 0 && (r = flush(x, *industry ? industry
						    : NULL, employees)))
				goto nomem;
			prev = rid;
			x->names.cursor = 0;
			for (qi = 0; qi < x->q->nquestions; qi++)
				survey_value_reset(&x->vals[qi]);
			snprintf(industry, sizeof(industry), "%s",
				 sqlite3_column_type(s, 1) == SQLITE_NULL ? ""
				 : (const char *)sqlite3_column_text(s, 1));
			employees = sqlite3_column_type(s, 2) == SQLITE_NULL ?
				    -1 : (long)sqlite3_column_int64(s, 2);
		}
		if (!(question = (const char *)sqlite3_column_text(s, 3)))
			continue;
		if ((r = add_row(x, s, question)) < 0)
			goto nomem;
		x->t->dropped += r;
	}
	r = 0;
	if (rc != SQLITE_DONE)
		r = store_fail(st, err, "cannot read the survey answers");
	else if (prev >= 0 && flush(x, *industry ? industry : NULL,
				    employees))
		goto nomem;
	sqlite3_finalize(s);
	return r;
nomem:
	sqlite3_finalize(s);
	return osk_fail(err, OSK_ENOMEM, "out of memory");
}

/* ---- public ---- */

static void
run_release(struct run *x)
{
	size_t i, nq = x->q ? x->q->nquestions : 0;

	names_release(&x->names);
	block_release(&x->all, nq);
	if (x->groups)
		for (i = 0; i < x->g.n; i++)
			block_release(&x->groups[i], nq);
	free(x->groups);
	if (x->vals)
		for (i = 0; i < nq; i++)
			survey_value_release(&x->vals[i]);
	free(x->vals);
	free(x->asked);
	free(x->other);
	free(x->text);
	free(x->in);
	survey_grouping_release(&x->g);
}

static const char *
dup(struct survey_pool *p, const char *s)
{
	return s ? survey_pool_strndup(p, s, strlen(s)) : NULL;
}

/* Move the results into t. */

/*
 * Secondary suppression: the whole minus the groups shown gives away the
 * hidden ones (with the responses in no group). While that remainder is
 * smaller than min_group, the smallest shown group is hidden too.
 */
static void
suppress_complement(struct survey_tally *t)
{
	int64_t rest = t->ungrouped;
	bool any = false;
	size_t i;

	for (i = 0; i < t->ngroups; i++)
		if (t->groups[i].suppressed) {
			rest += t->groups[i].n;
			any = true;
		}
	while (any && rest < t->min_group) {
		struct survey_group *smallest = NULL;

		for (i = 0; i < t->ngroups; i++)
			if (!t->groups[i].suppressed &&
			    (!smallest || t->groups[i].n < smallest->n))
				smallest = &t->groups[i];
		if (!smallest)
			break;
		smallest->suppressed = true;
		rest += smallest->n;
	}
}

static int
collect(struct run *x)
{
	struct block **blocks = NULL;
	struct survey_tally *t = x->t;
	size_t i, nq = x->q->nquestions;

	block_finish(&x->all, nq);
	t->questions = x->all.qt;
	t->nquestions = nq;
	x->all.qt = NULL;
	if (!x->g.n)
		return 0;
	if (!(t->groups = calloc(x->g.n, sizeof(*t->groups))) ||
	    !(blocks = calloc(x->g.n, sizeof(*blocks))))
		return -OSK_ENOMEM;
	for (i = 0; i < x->g.n; i++) {
		struct block *b = &x->groups[i];
		struct survey_group *gr;

		if (!b->n)
			continue;
		blocks[t->ngroups] = b;
		gr = &t->groups[t->ngroups++];
		gr->id = dup(t->pool, x->g.ids[i]);
		gr->label.ja = dup(t->pool, x->g.labels[i].ja);
		gr->label.en = dup(t->pool, x->g.labels[i].en);
		if (!gr->id || (x->g.labels[i].ja && !gr->label.ja) ||
		    (x->g.labels[i].en && !gr->label.en)) {
			free(blocks);
			return -OSK_ENOMEM;
		}
		gr->n = b->n;
		gr->suppressed = b->n < t->min_group;
	}
	suppress_complement(t);
	for (i = 0; i < t->ngroups; i++) {
		struct survey_group *gr = &t->groups[i];

		if (gr->suppressed)
			continue;
		block_finish(blocks[i], nq);
		gr->questions = blocks[i]->qt;
		blocks[i]->qt = NULL;
	}
	free(blocks);
	return 0;
}

static int
run_init(struct run *x, const struct survey_tally_opts *o,
	 struct osk_error *err)
{
	size_t i, nq = x->q->nquestions;
	int r;

	if ((r = survey_grouping_init(&x->g, x->q, o, x->t->pool, err)))
		return r;
	x->vals = calloc(nq + 1, sizeof(*x->vals));
	x->asked = calloc(nq + 1, sizeof(*x->asked));
	x->other = calloc(nq + 1, sizeof(*x->other));
	x->text = calloc(nq + 1, sizeof(*x->text));
	x->in = calloc(x->g.n + 1, sizeof(*x->in));
	x->groups = calloc(x->g.n + 1, sizeof(*x->groups));
	if (!x->vals || !x->asked || !x->other || !x->text || !x->in ||
	    !x->groups || block_init(&x->all, x->q) ||
	    names_init(&x->names, x->q))
		return osk_fail(err, OSK_ENOMEM, "out of memory");
	for (i = 0; i < nq; i++)
		survey_value_init(&x->vals[i]);
	for (i = 0; i < x->g.n; i++)
		if (block_init(&x->groups[i], x->q))
			return osk_fail(err, OSK_ENOMEM, "out of memory");
	return 0;
}

static const char *
by_name(const struct survey_tally_opts *o)
{
	switch (o->by) {
	case SURVEY_BY_INDUSTRY:
		return "industry";
	case SURVEY_BY_SIZE:
		return "size";
	case SURVEY_BY_QUESTION:
		return o->by_question;
	default:
		return NULL;
	}
}

struct survey_tally *
survey_tally_run(struct store *st, const struct survey_tally_opts *o,
		 struct osk_error *err)
{
	struct survey_tally *t;
	struct run x;
	int r;

	memset(&x, 0, sizeof(x));
	if (!(t = calloc(1, sizeof(*t))) || !(t->pool = survey_pool_new())) {
		free(t);
		osk_fail(err, OSK_ENOMEM, "out of memory");
		return NULL;
	}
	t->min_group = o->min_group < 1 ? 1 : o->min_group;
	t->by = o->by;
	if (!(t->set = survey_set_load(st, o->set_id, NULL, err)))
		goto fail;
	x.q = t->set;
	x.t = t;
	if ((o->event && !(t->event = dup(t->pool, o->event))) ||
	    (by_name(o) && !(t->by_id = dup(t->pool, by_name(o))))) {
		osk_fail(err, OSK_ENOMEM, "out of memory");
		goto fail;
	}
	if ((r = run_init(&x, o, err)) || (r = scan(st, &x, o, err)))
		goto fail;
	if (collect(&x)) {
		osk_fail(err, OSK_ENOMEM, "out of memory");
		goto fail;
	}
	run_release(&x);
	return t;
fail:
	run_release(&x);
	survey_tally_free(t);
	return NULL;
}

void
survey_tally_free(struct survey_tally *t)
{
	size_t i;

	if (!t)
		return;
	qtallies_free(t->questions, t->nquestions);
	for (i = 0; i < t->ngroups; i++)
		qtallies_free(t->groups[i].questions, t->nquestions);
	free(t->groups);
	qset_free(t->set);
	survey_pool_free(t->pool);
	free(t);
}

size_t
survey_tally_shown(const struct survey_tally *t)
{
	size_t i, n = 0;

	for (i = 0; i < t->ngroups; i++)
		n += !t->groups[i].suppressed;
	return n;
}
