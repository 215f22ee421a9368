/* SPDX-License-Identifier: MIT */
/*
 * The groups of a cross-tabulation: which industry, size band or choice a
 * response falls in. A response that names a registered company takes the
 * company's industry and head count (what the programme knows for sure);
 * otherwise the answers to the questions "industry" and "employees".
 */
#include <stdlib.h>
#include <string.h>

#include "survey/internal.h"

#define NO_INDEX ((size_t)-1)

static const char *const jsic = "ABCDEFGHIJKLMNOPQRST";

/* "6-20" -> 6, 20; "301+" -> 301, -1. False if id is not a band. */
static bool
parse_band(const char *id, long *min, long *max)
{
	char *end;

	*min = strtol(id, &end, 10);
	if (end == id || *min < 0)
		return false;
	if (!strcmp(end, "+")) {
		*max = -1;
		return true;
	}
	if (*end != '-' || end[1] < '0' || end[1] > '9')
		return false;
	*max = strtol(end + 1, &end, 10);
	return !*end && *max >= *min;
}

static int
alloc_groups(struct survey_grouping *g, size_t n, struct osk_error *err)
{
	g->n = n;
	g->ids = calloc(n + 1, sizeof(*g->ids));
	g->labels = calloc(n + 1, sizeof(*g->labels));
	g->min = calloc(n + 1, sizeof(*g->min));
	g->max = calloc(n + 1, sizeof(*g->max));
	if (!g->ids || !g->labels || !g->min || !g->max)
		return osk_fail(err, OSK_ENOMEM, "out of memory");
	return 0;
}

/* Groups from the choices of question qi. */
static int
from_question(struct survey_grouping *g, const struct qset *q, size_t qi,
	      struct osk_error *err)
{
	const struct qset_question *qq = &q->questions[qi];
	size_t i;
	int r;

	if ((r = alloc_groups(g, qq->noptions, err)))
		return r;
	for (i = 0; i < qq->noptions; i++) {
		g->ids[i] = qq->options[i].id;
		g->labels[i] = qq->options[i].label;
		if (!parse_band(g->ids[i], &g->min[i], &g->max[i]))
			g->min[i] = g->max[i] = -2;
	}
	return 0;
}

static long
question(const struct qset *q, const char *id)
{
	long i = qset_question_index(q, id);

	if (i < 0)
		return -1;
	if (q->questions[i].type != QSET_SINGLE &&
	    q->questions[i].type != QSET_MULTI)
		return -1;
	return i;
}

static int
by_industry(struct survey_grouping *g, const struct qset *q,
	    const struct industries *ind, struct survey_pool *pool,
	    struct osk_error *err)
{
	size_t i;
	int r;

	(void)pool;
	if (!ind && g->qi != NO_INDEX)
		return from_question(g, q, g->qi, err);
	if ((r = alloc_groups(g, ind ? ind->n : strlen(jsic), err)))
		return r;
	for (i = 0; i < g->n; i++) {
		if (ind) {
			g->ids[i] = ind->items[i].id;
			g->labels[i].ja = ind->items[i].ja;
			g->labels[i].en = ind->items[i].en;
		} else {
			g->ids[i] = survey_pool_strndup(pool, jsic + i, 1);
			if (!g->ids[i])
				return osk_fail(err, OSK_ENOMEM,
						"out of memory");
		}
	}
	return 0;
}

static int
by_size(struct survey_grouping *g, const struct qset *q,
	const struct industries *ind, struct osk_error *err)
{
	size_t i;
	int r;

	if (!ind || !ind->nsizes) {
		if (g->qi == NO_INDEX)
			return osk_fail(err, OSK_EUSAGE, "set '%s' has no "
					"question 'employees' to group by size",
					q->id);
		return from_question(g, q, g->qi, err);
	}
	if ((r = alloc_groups(g, ind->nsizes, err)))
		return r;
	for (i = 0; i < g->n; i++) {
		g->ids[i] = ind->sizes[i].id;
		g->labels[i].ja = ind->sizes[i].ja;
		g->labels[i].en = ind->sizes[i].en;
		g->min[i] = ind->sizes[i].min;
		g->max[i] = ind->sizes[i].max;
	}
	return 0;
}

int
survey_grouping_init(struct survey_grouping *g, const struct qset *q,
		     const struct survey_tally_opts *o,
		     struct survey_pool *pool, struct osk_error *err)
{
	long qi;

	memset(g, 0, sizeof(*g));
	g->by = o->by;
	g->qi = NO_INDEX;
	switch (o->by) {
	case SURVEY_BY_NONE:
		return 0;
	case SURVEY_BY_INDUSTRY:
		if ((qi = question(q, "industry")) >= 0)
			g->qi = (size_t)qi;
		return by_industry(g, q, o->ind, pool, err);
	case SURVEY_BY_SIZE:
		if ((qi = question(q, "employees")) >= 0)
			g->qi = (size_t)qi;
		return by_size(g, q, o->ind, err);
	case SURVEY_BY_QUESTION:
		if (!o->by_question ||
		    (qi = qset_question_index(q, o->by_question)) < 0)
			return osk_fail(err, OSK_EUSAGE, "no question '%s' in "
					"set '%s' to group by; use industry, "
					"size or a question id",
					o->by_question ? o->by_question : "",
					q->id);
		if (question(q, o->by_question) < 0)
			return osk_fail(err, OSK_EUSAGE, "cannot group by '%s':"
					" it is a %s question, not single or "
					"multi choice", o->by_question,
					qset_type_name(q->questions[qi].type));
		g->qi = (size_t)qi;
		return from_question(g, q, g->qi, err);
	}
	return 0;
}

void
survey_grouping_release(struct survey_grouping *g)
{
	free(g->ids);
	free(g->labels);
	free(g->min);
	free(g->max);
	memset(g, 0, sizeof(*g));
}

static size_t
find_id(const struct survey_grouping *g, const char *id)
{
	size_t i;

	for (i = 0; i < g->n; i++)
		if (!strcmp(g->ids[i], id))
			return i;
	return NO_INDEX;
}

static size_t
find_band(const struct survey_grouping *g, long employees)
{
	size_t i;

	for (i = 0; i < g->n; i++)
		if (g->min[i] >= 0 && employees >= g->min[i] &&
		    (g->max[i] < 0 || employees <= g->max[i]))
			return i;
	return NO_INDEX;
}

size_t
survey_grouping_of(const struct survey_grouping *g, const struct qset *q,
		   const struct survey_value *vals, const char *industry,
		   long employees, size_t *out)
{
	const struct survey_value *v;
	const struct qset_question *qq;
	size_t i, k, n = 0;

	if (g->by == SURVEY_BY_NONE)
		return 0;
	if (g->by == SURVEY_BY_INDUSTRY && industry &&
	    (k = find_id(g, industry)) != NO_INDEX) {
		out[0] = k;
		return 1;
	}
	if (g->by == SURVEY_BY_SIZE && employees >= 0 &&
	    (k = find_band(g, employees)) != NO_INDEX) {
		out[0] = k;
		return 1;
	}
	if (g->qi == NO_INDEX)
		return 0;
	qq = &q->questions[g->qi];
	v = &vals[g->qi];
	if (!v->answered)
		return 0;
	for (i = 0; i < v->nchosen; i++)
		if ((k = find_id(g, qq->options[v->chosen[i]].id)) != NO_INDEX)
			out[n++] = k;
	return n;
}
