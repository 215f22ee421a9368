/* SPDX-License-Identifier: MIT */
/*
 * The network check of the health-check sheet: everything about the
 * sensor for one company and period, in plain structs for report/.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alerts/alerts.h"
#include "alerts/internal.h"

static int
has_sensor(struct store *st, int64_t company_id, bool *out,
	   struct osk_error *err)
{
	sqlite3_stmt *stmt;
	int rc, r;

	if ((r = store_prepare(st, &stmt, "SELECT 1 FROM alert_count WHERE "
			       "company_id = ? LIMIT 1", err)))
		return r;
	sqlite3_bind_int64(stmt, 1, company_id);
	rc = sqlite3_step(stmt);
	*out = rc == SQLITE_ROW;
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		r = store_fail(st, err, "cannot read alert counts");
	sqlite3_finalize(stmt);
	return r;
}

/* Move the devices of each event out of d into the check's events. */
static int
group_devices(struct alerts_check *c, struct alerts_devices *d)
{
	size_t i, j, n;

	for (i = 0; i < c->nevents; i++) {
		struct alerts_check_event *ce = &c->events[i];

		for (j = n = 0; j < d->n; j++)
			n += d->rows[j].event == ce->index;
		if (!n)
			continue;
		if (!(ce->devices = calloc(n, sizeof(*ce->devices))))
			return -OSK_ENOMEM;
		for (j = 0; j < d->n; j++) {
			if (d->rows[j].event != ce->index)
				continue;
			ce->devices[ce->ndevices++] = d->rows[j];
			d->rows[j].hostname = d->rows[j].owner = NULL;
		}
	}
	return 0;
}

struct incidents {
	struct alerts_check *c;
	const struct alerts_filter *f;
	size_t alloc;
	bool nomem;
};

static char *
dup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

static int
take_incident(const struct alerts_incident *inc, void *data)
{
	struct incidents *x = data;
	struct alerts_check *c = x->c;
	struct alerts_incident *copy;
	bool in_period = (!x->f->from || strcmp(inc->date, x->f->from) >= 0) &&
			 (!x->f->to || strcmp(inc->date, x->f->to) <= 0);

	if (inc->closed_at && !in_period)
		return 0;
	if (c->nincidents == x->alloc) {
		size_t na = x->alloc ? 2 * x->alloc : 4;
		void *p = realloc(c->incidents, na * sizeof(*c->incidents));

		if (!p)
			goto nomem;
		c->incidents = p;
		x->alloc = na;
	}
	copy = &c->incidents[c->nincidents++];
	*copy = *inc;
	copy->company = NULL;
	copy->title = strdup(inc->title);
	copy->detail = dup_or_null(inc->detail);
	copy->action = dup_or_null(inc->action);
	copy->closed_at = dup_or_null(inc->closed_at);
	copy->note = dup_or_null(inc->note);
	if (!copy->title || (inc->detail && !copy->detail) ||
	    (inc->action && !copy->action) ||
	    (inc->closed_at && !copy->closed_at) || (inc->note && !copy->note))
		goto nomem;
	return 0;
nomem:
	x->nomem = true;
	return -OSK_ENOMEM;
}

int
alerts_check_get(struct store *st, const struct alerts_catalog *cat,
		 const struct alerts_filter *f, struct alerts_check *out,
		 struct osk_error *err)
{
	return alerts_check_get_sets(st, cat, f, NULL, out, err);
}

int
alerts_check_get_sets(struct store *st, const struct alerts_catalog *cat,
		      const struct alerts_filter *f, struct diag_sets *sets,
		      struct alerts_check *out, struct osk_error *err)
{
	struct alerts_by_event t;
	struct alerts_devices d;
	struct incidents x = { out, f, 0, false };
	int64_t assessment;
	char completed[32];
	bool telling = false;
	size_t i;
	int r;

	memset(out, 0, sizeof(*out));
	memset(&d, 0, sizeof(d));
	if (f->company_id <= 0)
		return osk_fail(err, OSK_EUSAGE, "the network check is for "
				"one company");
	out->company_id = f->company_id;
	if ((r = alerts_by_event(st, cat, f, &t, err)))
		return r;
	out->total = t.total;
	out->unclassified = t.unclassified;
	out->phase_totals = t.phase_totals;
	t.phase_totals = NULL;
	for (i = 0; i < cat->nevents; i++)
		out->nevents += t.counts[i] > 0;
	out->events = calloc(out->nevents + 1, sizeof(*out->events));
	if (!out->events) {
		r = alerts_nomem(err);
		goto fail;
	}
	out->nevents = 0;
	for (i = 0; i < cat->nevents; i++) {
		struct alerts_check_event *ce;

		if (t.counts[i] <= 0)
			continue;
		ce = &out->events[out->nevents++];
		ce->index = i;
		ce->event = &cat->events[i];
		ce->phase = &cat->phases[cat->events[i].phase];
		ce->count = t.counts[i];
		telling |= alerts_event_tells_infection(cat, i);
	}
	if ((r = alerts_devices(st, cat, f, &d, err)))
		goto fail;
	if (group_devices(out, &d)) {
		r = alerts_nomem(err);
		goto fail;
	}
	if ((r = alerts_incident_each(st, f->company_id, false,
				      take_incident, &x, err))) {
		if (x.nomem)
			r = alerts_nomem(err);
		goto fail;
	}
	if ((r = has_sensor(st, f->company_id, &out->has_sensor, err)))
		goto fail;
	if (telling) {
		r = mismatch_says_done_sets(st, sets, f->company_id,
					    &assessment, completed, err);
		if (r < 0)
			goto fail;
		out->mismatch = r == 1;
		r = 0;
	}
	alerts_devices_release(&d);
	alerts_by_event_release(&t);
	return 0;
fail:
	alerts_devices_release(&d);
	alerts_by_event_release(&t);
	alerts_check_release(out);
	return r;
}

void
alerts_check_release(struct alerts_check *c)
{
	size_t i, j;

	for (i = 0; i < c->nevents; i++) {
		for (j = 0; j < c->events[i].ndevices; j++) {
			free(c->events[i].devices[j].hostname);
			free(c->events[i].devices[j].owner);
		}
		free(c->events[i].devices);
	}
	free(c->events);
	for (i = 0; i < c->nincidents; i++) {
		free((char *)c->incidents[i].title);
		free((char *)c->incidents[i].detail);
		free((char *)c->incidents[i].action);
		free((char *)c->incidents[i].closed_at);
		free((char *)c->incidents[i].note);
	}
	free(c->incidents);
	free(c->phase_totals);
	memset(c, 0, sizeof(*c));
}
