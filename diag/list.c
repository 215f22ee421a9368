/* SPDX-License-Identifier: MIT */
/* `diag list`: every company with the state of its latest assessment. */
#include <stdlib.h>
#include <string.h>

#include "core/company.h"
#include "diag/internal.h"

struct diag_list_priv {
	struct diag_batch *batch;
	char **names;
	size_t nnames;
};

const char *
diag_state_name(enum diag_state s)
{
	switch (s) {
	case DIAG_IN_PROGRESS: return "in-progress";
	case DIAG_COMPLETED_STATE: return "completed";
	default: return "not-started";
	}
}

struct list_ctx {
	struct diag_list *l;
	size_t alloc;
};

static void
fill_item(struct diag_list_item *it, const struct diag_score *s)
{
	const struct diag_assessment *a = &s->assessment;
	const char *date;

	it->state = a->completed ? DIAG_COMPLETED_STATE : DIAG_IN_PROGRESS;
	it->answered = s->answered;
	it->asked = s->asked;
	date = a->completed ? a->completed_at
	       : a->last_answer_at[0] ? a->last_answer_at : a->started_at;
	diag_strlcpy(it->date, date, sizeof(it->date));
	it->has_overall = s->has_overall;
	it->overall = s->overall;
	it->grade = s->grade ? s->grade->id : NULL;
}

static int
add_company(const struct company *c, void *data)
{
	struct list_ctx *x = data;
	struct diag_list *l = x->l;
	struct diag_list_item *it;
	const struct diag_score *s;
	char *name, **nn;

	if (l->n == x->alloc) {
		size_t n = x->alloc ? 2 * x->alloc : 64;

		it = realloc(l->items, n * sizeof(*it));
		if (!it)
			return -OSK_ENOMEM;
		l->items = it;
		nn = realloc(l->priv->names, n * sizeof(*nn));
		if (!nn)
			return -OSK_ENOMEM;
		l->priv->names = nn;
		x->alloc = n;
	}
	if (!(name = strdup(c->name)))
		return -OSK_ENOMEM;
	l->priv->names[l->priv->nnames++] = name;
	it = &l->items[l->n++];
	memset(it, 0, sizeof(*it));
	it->company_id = c->id;
	it->name = name;
	memcpy(it->industry, c->industry, sizeof(it->industry));
	it->state = DIAG_NOT_STARTED;
	if ((s = diag_batch_find(l->priv->batch, c->id)))
		fill_item(it, s);
	return 0;
}

int
diag_list_get(struct store *st, const char *set_id, struct diag_list **out,
	      struct osk_error *err)
{
	struct diag_list *l;
	struct list_ctx x = { NULL, 0 };
	int r;

	*out = NULL;
	if (!(l = calloc(1, sizeof(*l))) ||
	    !(l->priv = calloc(1, sizeof(*l->priv)))) {
		free(l);
		return osk_fail(err, OSK_ENOMEM, "out of memory");
	}
	x.l = l;
	if ((r = diag_batch_score(st, set_id, DIAG_NO_PEERS, &l->priv->batch,
				  err)))
		goto fail;
	r = company_each(st, NULL, add_company, &x, err);
	if (r == -OSK_ENOMEM)
		osk_fail(err, OSK_ENOMEM, "out of memory");
	if (r)
		goto fail;
	*out = l;
	return 0;
fail:
	diag_list_free(l);
	return r;
}

void
diag_list_free(struct diag_list *l)
{
	size_t i;

	if (!l)
		return;
	if (l->priv) {
		diag_batch_free(l->priv->batch);
		for (i = 0; i < l->priv->nnames; i++)
			free(l->priv->names[i]);
		free(l->priv->names);
	}
	free(l->priv);
	free(l->items);
	free(l);
}
