/* SPDX-License-Identifier: MIT */
/*
 * Parsed question-set versions kept for many calls (a batch of sheets):
 * parsing diag-office takes about half a millisecond, as long as the
 * rest of a company's scoring, so each version is parsed once.
 */
#include <stdlib.h>
#include <string.h>

#include "core/qstore.h"
#include "diag/internal.h"

struct diag_sets {
	struct {
		int64_t rowid;
		struct qset *q;
	} *v;
	size_t n;
};

struct diag_sets *
diag_sets_new(void)
{
	return calloc(1, sizeof(struct diag_sets));
}

void
diag_sets_free(struct diag_sets *c)
{
	size_t i;

	if (!c)
		return;
	for (i = 0; i < c->n; i++)
		qset_free(c->v[i].q);
	free(c->v);
	free(c);
}

/* Keep q (taken over) under rowid; q itself, or NULL when out of memory. */
static const struct qset *
put(struct diag_sets *c, int64_t rowid, struct qset *q, struct osk_error *err)
{
	void *p = realloc(c->v, (c->n + 1) * sizeof(*c->v));

	if (!p) {
		qset_free(q);
		osk_fail(err, OSK_ENOMEM, "out of memory");
		return NULL;
	}
	c->v = p;
	c->v[c->n].rowid = rowid;
	c->v[c->n].q = q;
	c->n++;
	return q;
}

const struct qset *
diag_sets_get(struct diag_sets *c, struct store *st, int64_t rowid,
	      struct osk_error *err)
{
	struct qset *q;
	size_t i;

	for (i = 0; i < c->n; i++)
		if (c->v[i].rowid == rowid)
			return c->v[i].q;
	if (!(q = qstore_get_id(st, rowid, err)))
		return NULL;
	return put(c, rowid, q, err);
}

const struct qset *
diag_sets_newest(struct diag_sets *c, struct store *st, const char *set_id,
		 int64_t *rowid, struct osk_error *err)
{
	struct qset *q;
	size_t i;

	if (!(q = diag_set_get(st, set_id, rowid, err)))
		return NULL;
	for (i = 0; i < c->n; i++)
		if (c->v[i].rowid == *rowid) {
			qset_free(q);
			return c->v[i].q;
		}
	return put(c, *rowid, q, err);
}

int
diag_sets_latest_answers(struct diag_sets *c, struct store *st,
			 int64_t company_id, const char *set_id,
			 bool completed_only, struct diag_answers **out,
			 struct osk_error *err)
{
	struct diag_assessment as;
	const struct qset *q;
	int r;

	*out = NULL;
	if ((r = diag_assessment_latest(st, company_id, set_id,
					completed_only, &as, err)))
		return r;
	if (!(q = diag_sets_get(c, st, as.qset_rowid, err)))
		return -err->code;
	return diag_answers_load_set(st, q, &as, out, err);
}
