/* SPDX-License-Identifier: MIT */
/*
 * Diagnosis and sensor disagree: the owner said updates and malware
 * protection are done, yet the sensor saw signs of an infection.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alerts/alerts.h"
#include "alerts/internal.h"
#include "diag/diag.h"

bool
alerts_event_tells_infection(const struct alerts_catalog *cat, size_t i)
{
	const struct alerts_event *ev;

	if (i >= cat->nevents)
		return false;
	ev = &cat->events[i];
	return !strcmp(cat->phases[ev->phase].id, "command-and-control") ||
	       !strcmp(ev->id, "malware-site") ||
	       !strcmp(ev->id, "phishing-site");
}

/*
 * Whether company_id's latest completed diagnosis (of the shipped office
 * set) answers "done" to both SECURITY ACTION principles 1 (updates) and
 * 2 (malware protection). 1 yes, 0 no (or no such diagnosis), < 0 error.
 */
int
mismatch_says_done(struct store *st, int64_t company_id, int64_t *assessment,
		   char completed_at[32], struct osk_error *err)
{
	return mismatch_says_done_sets(st, NULL, company_id, assessment,
				       completed_at, err);
}

int
mismatch_says_done_sets(struct store *st, struct diag_sets *sets,
			int64_t company_id, int64_t *assessment,
			char completed_at[32], struct osk_error *err)
{
	struct diag_answers *a = NULL;
	int r;

	r = sets ? diag_sets_latest_answers(sets, st, company_id,
					    DIAG_DEFAULT_SET, true, &a, err)
		 : diag_latest_answers(st, company_id, DIAG_DEFAULT_SET, true,
				       &a, err);
	if (r == -OSK_ENOTFOUND) {
		osk_error_clear(err);
		return 0;
	}
	if (r)
		return r;
	r = diag_answers_sa_done(a, 1) == 1 && diag_answers_sa_done(a, 2) == 1;
	*assessment = a->a.id;
	snprintf(completed_at, 32, "%s", a->a.completed_at);
	diag_answers_free(a);
	return r;
}

/* Start a row for company_id, or return the open one (rows by id). */
static struct alerts_mismatch *
row_for(struct alerts_mismatches *m, size_t *alloc, int64_t company_id,
	const char *name, size_t nevents)
{
	struct alerts_mismatch *row;

	if (m->n && m->rows[m->n - 1].company_id == company_id)
		return &m->rows[m->n - 1];
	if (m->n == *alloc) {
		size_t na = *alloc ? 2 * *alloc : 8;
		void *p = realloc(m->rows, na * sizeof(*m->rows));

		if (!p)
			return NULL;
		m->rows = p;
		*alloc = na;
	}
	row = &m->rows[m->n];
	memset(row, 0, sizeof(*row));
	row->company_id = company_id;
	row->counts = calloc(nevents + 1, sizeof(*row->counts));
	row->company = strdup(name ? name : "");
	m->n++;
	if (!row->counts || !row->company)
		return NULL;
	return row;
}

/* The companies that saw telling events in the period, with their counts. */
static int
telling_counts(struct store *st, const struct alerts_catalog *cat,
	       const struct alerts_filter *f, struct alerts_mismatches *m,
	       struct osk_error *err)
{
	sqlite3_stmt *stmt;
	size_t alloc = 0;
	int rc, r;

	static const char *const seen[2] = ALERTS_Q(
		"SELECT a.company_id, c.name, a.event, SUM(a.count) FROM "
		"alert_count a JOIN company c ON c.id = a.company_id WHERE "
		FILTER_SQL " AND ", " GROUP BY a.company_id, a.event HAVING "
		"SUM(a.count) > 0 ORDER BY a.company_id");

	if ((r = filter_prepare(st, &stmt, seen, f, err)))
		return r;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		const char *ev = (const char *)sqlite3_column_text(stmt, 2);
		size_t i = alerts_catalog_event(cat, ev ? ev : "");
		struct alerts_mismatch *row;

		if (!alerts_event_tells_infection(cat, i))
			continue;
		row = row_for(m, &alloc, sqlite3_column_int64(stmt, 0),
			      (const char *)sqlite3_column_text(stmt, 1),
			      cat->nevents);
		if (!row) {
			r = alerts_nomem(err);
			break;
		}
		row->counts[i] += sqlite3_column_int64(stmt, 3);
		row->alerts += sqlite3_column_int64(stmt, 3);
	}
	if (!r && rc != SQLITE_DONE)
		r = store_fail(st, err, "cannot read alert counts");
	sqlite3_finalize(stmt);
	return r;
}

static void
row_release(struct alerts_mismatch *row)
{
	free(row->counts);
	free(row->company);
	row->counts = NULL;
	row->company = NULL;
}

int
alerts_mismatches(struct store *st, const struct alerts_catalog *cat,
		  const struct alerts_filter *f,
		  struct alerts_mismatches *out, struct osk_error *err)
{
	size_t i, kept = 0;
	int r;

	memset(out, 0, sizeof(*out));
	if ((r = telling_counts(st, cat, f, out, err)))
		goto fail;
	for (i = 0; i < out->n; i++) {
		struct alerts_mismatch *row = &out->rows[i];

		r = mismatch_says_done(st, row->company_id,
				       &row->assessment_id, row->completed_at,
				       err);
		if (r < 0)
			goto fail;
		if (!r) {
			row_release(row);
			continue;
		}
		if (kept != i) {
			out->rows[kept] = *row;
			memset(row, 0, sizeof(*row));
		}
		kept++;
	}
	out->n = kept;
	return 0;
fail:
	alerts_mismatches_release(out);
	return r;
}

void
alerts_mismatches_release(struct alerts_mismatches *m)
{
	size_t i;

	for (i = 0; i < m->n; i++)
		row_release(&m->rows[i]);
	free(m->rows);
	memset(m, 0, sizeof(*m));
}
