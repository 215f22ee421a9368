/* SPDX-License-Identifier: MIT */
/*
 * The import table: one row per file imported, by kind and SHA-256 of its
 * content, so that the same content imported again is noticed and not
 * counted twice. alert_count rows point to their import.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alerts/alerts.h"
#include "alerts/internal.h"
#include "core/asset.h"
#include "core/sbuf.h"

int
import_find(struct store *st, const char *kind, const char *sha256,
	    struct alerts_import_result *res, struct osk_error *err)
{
	sqlite3_stmt *stmt;
	int rc, r;

	if ((r = store_prepare(st, &stmt, "SELECT imported_at FROM import "
			       "WHERE kind = ? AND sha256 = ?", err)))
		return r;
	sqlite3_bind_text(stmt, 1, kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, sha256, -1, SQLITE_STATIC);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		const char *at = (const char *)sqlite3_column_text(stmt, 0);

		res->duplicate = true;
		snprintf(res->imported_at, sizeof(res->imported_at), "%s",
			 at ? at : "");
		r = 1;
	} else if (rc != SQLITE_DONE) {
		r = store_fail(st, err, "cannot read the import list");
	}
	sqlite3_finalize(stmt);
	return r;
}

int
import_add(struct store *st, const char *kind, const char *sha256,
	   const char *path, int64_t *id, struct osk_error *err)
{
	sqlite3_stmt *stmt;
	char now[32];
	int r;

	if ((r = store_prepare(st, &stmt, "INSERT INTO import(kind, sha256, "
			       "path, imported_at) VALUES (?, ?, ?, ?)", err)))
		return r;
	store_now(now);
	sqlite3_bind_text(stmt, 1, kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, sha256, -1, SQLITE_STATIC);
	store_bind_text(stmt, 3, path);
	sqlite3_bind_text(stmt, 4, now, -1, SQLITE_STATIC);
	if (sqlite3_step(stmt) != SQLITE_DONE)
		r = store_fail(st, err, "cannot record the import");
	else
		*id = sqlite3_last_insert_rowid(store_db(st));
	sqlite3_finalize(stmt);
	return r;
}

int
import_set_records(struct store *st, int64_t id, int64_t records,
		   struct osk_error *err)
{
	sqlite3_stmt *stmt;
	int r;

	if ((r = store_prepare(st, &stmt, "UPDATE import SET records = ? "
			       "WHERE id = ?", err)))
		return r;
	sqlite3_bind_int64(stmt, 1, records);
	sqlite3_bind_int64(stmt, 2, id);
	if (sqlite3_step(stmt) != SQLITE_DONE)
		r = store_fail(st, err, "cannot record the import");
	sqlite3_finalize(stmt);
	return r;
}

/* ---- writing counts ---- */

#define ROW_SQL "(?, ?, ?, ?, ?, ?, ?)"

void
count_writer_init(struct count_writer *w, struct store *st, int64_t import_id)
{
	memset(w, 0, sizeof(*w));
	w->st = st;
	w->import_id = import_id;
}

/* INSERT of n rows, made from fixed pieces only, never from input. */
static int
prepare_insert(struct store *st, size_t n, sqlite3_stmt **ins,
	       struct osk_error *err)
{
	struct sbuf sql = SBUF_INIT;
	size_t i;
	int r;

	r = sbuf_adds(&sql, "INSERT INTO alert_count(company_id, import_id, "
		      "period_start, period_end, event, src_ip, count) "
		      "VALUES " ROW_SQL);
	for (i = 1; !r && i < n; i++)
		r = sbuf_adds(&sql, ", " ROW_SQL);
	if (r)
		r = osk_fail(err, OSK_ENOMEM, "out of memory");
	else
		r = store_prepare(st, ins, sql.buf, err);
	sbuf_release(&sql);
	return r;
}

static void
bind_row(sqlite3_stmt *ins, int at, int64_t import_id,
	 const struct count_row *p)
{
	sqlite3_bind_int64(ins, at + 1, p->company);
	sqlite3_bind_int64(ins, at + 2, import_id);
	sqlite3_bind_text(ins, at + 3, p->start, 10, SQLITE_STATIC);
	sqlite3_bind_text(ins, at + 4, p->end, 10, SQLITE_STATIC);
	sqlite3_bind_text(ins, at + 5, p->event, -1, SQLITE_STATIC);
	sqlite3_bind_text(ins, at + 6, p->ip, -1, SQLITE_STATIC);
	sqlite3_bind_int64(ins, at + 7, p->count);
}

int
count_writer_flush(struct count_writer *w, struct osk_error *err)
{
	size_t i, n;
	int r;

	for (i = 0; i < w->n; i += n) {
		sqlite3_stmt **s = w->n - i == COUNT_BATCH ? &w->batch
							   : &w->one;
		size_t k;

		n = s == &w->batch ? COUNT_BATCH : 1;
		if (!*s && (r = prepare_insert(w->st, n, s, err)))
			return r;
		sqlite3_reset(*s);
		for (k = 0; k < n; k++)
			bind_row(*s, (int)(7 * k), w->import_id,
				 &w->rows[i + k]);
		if (sqlite3_step(*s) != SQLITE_DONE)
			return store_fail(w->st, err, "cannot save alert "
					  "counts");
	}
	w->n = 0;
	return 0;
}

int
count_writer_add(struct count_writer *w, int64_t company, const char *start,
		 const char *end, const char *event, const char *ip,
		 int64_t count, struct osk_error *err)
{
	struct count_row *p = &w->rows[w->n++];

	p->company = company;
	p->count = count;
	memcpy(p->start, start, 10);
	memcpy(p->end, end, 10);
	p->event = event;
	snprintf(p->ip, sizeof(p->ip), "%s", ip);
	w->rows_written++;
	w->alerts += count;
	return w->n == COUNT_BATCH ? count_writer_flush(w, err) : 0;
}

void
count_writer_release(struct count_writer *w)
{
	sqlite3_finalize(w->one);
	sqlite3_finalize(w->batch);
	w->one = w->batch = NULL;
}

/* ---- EVE counts ---- */

static int
collect(const struct alerts_eve_count *c, void *data)
{
	struct alerts_eve_count **p = data;

	*(*p)++ = *c;
	return 0;
}

static int
count_cmp(const void *pa, const void *pb)
{
	const struct alerts_eve_count *a = pa, *b = pb;
	int c = memcmp(a->day, b->day, 10);

	if (c)
		return c;
	if (a->event != b->event)
		return a->event < b->event ? -1 : 1;
	return strcmp(a->src_ip, b->src_ip);
}

int
alerts_eve_store(struct store *st, const struct alerts_eve *e,
		 int64_t company_id, const char *path,
		 struct alerts_import_result *res, struct osk_error *err)
{
	const struct alerts_catalog *cat = alerts_eve_catalog(e);
	struct alerts_eve_count *counts, *end;
	struct count_writer w;
	size_t i, n;
	int r;

	memset(res, 0, sizeof(*res));
	snprintf(res->sha256, sizeof(res->sha256), "%s", alerts_eve_sha256(e));
	if ((r = import_find(st, alerts_eve_kind(e), res->sha256, res, err)))
		return r < 0 ? r : 0;
	if ((r = import_add(st, alerts_eve_kind(e), res->sha256, path,
			    &res->import_id, err)))
		return r;
	/* in day order, which keeps the inserts into the indexes local */
	n = alerts_eve_keys(e);
	if (!(counts = malloc((n ? n : 1) * sizeof(*counts))))
		return osk_fail(err, OSK_ENOMEM, "out of memory");
	end = counts;
	alerts_eve_each(e, collect, &end);
	qsort(counts, n, sizeof(*counts), count_cmp);
	count_writer_init(&w, st, res->import_id);
	for (i = 0; !r && i < n; i++) {
		const struct alerts_eve_count *c = &counts[i];
		char ip[48] = "";

		if (*c->src_ip && asset_ip_normalize(c->src_ip, ip))
			ip[0] = '\0';
		r = count_writer_add(&w, company_id, c->day, c->day,
				     alerts_event_id(cat, c->event), ip,
				     c->count, err);
	}
	if (!r)
		r = count_writer_flush(&w, err);
	count_writer_release(&w);
	free(counts);
	res->rows = w.rows_written;
	res->alerts = w.alerts;
	if (!r)
		r = import_set_records(st, res->import_id,
				       (int64_t)alerts_eve_stats(e)->alerts,
				       err);
	return r;
}
