/* SPDX-License-Identifier: MIT */
/*
 * The import table: one row per file imported, by kind and SHA-256 of its
 * content, so that the same content imported again is noticed and not
 * counted twice. alert_count rows point to their import.
 */
#include <stdio.h>
#include <string.h>

#include "alerts/alerts.h"
#include "alerts/internal.h"
#include "core/asset.h"

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

/* ---- EVE counts ---- */

struct eve_store {
	struct store *st;
	const struct alerts_catalog *cat;
	sqlite3_stmt *ins;
	struct alerts_import_result *res;
	struct osk_error *err;
};

static int
store_count(const struct alerts_eve_count *c, void *data)
{
	struct eve_store *x = data;
	char ip[48] = "";

	if (*c->src_ip && asset_ip_normalize(c->src_ip, ip))
		ip[0] = '\0';
	sqlite3_reset(x->ins);
	sqlite3_bind_text(x->ins, 2, c->day, 10, SQLITE_STATIC);
	sqlite3_bind_text(x->ins, 3, alerts_event_id(x->cat, c->event), -1,
			  SQLITE_STATIC);
	sqlite3_bind_text(x->ins, 4, ip, -1, SQLITE_STATIC);
	sqlite3_bind_int64(x->ins, 5, c->count);
	if (sqlite3_step(x->ins) != SQLITE_DONE)
		return store_fail(x->st, x->err, "cannot save alert counts");
	x->res->rows++;
	x->res->alerts += c->count;
	return 0;
}

int
alerts_eve_store(struct store *st, const struct alerts_eve *e,
		 int64_t company_id, const char *path,
		 struct alerts_import_result *res, struct osk_error *err)
{
	struct eve_store x = { st, NULL, NULL, res, err };
	int r;

	memset(res, 0, sizeof(*res));
	snprintf(res->sha256, sizeof(res->sha256), "%s", alerts_eve_sha256(e));
	if ((r = import_find(st, ALERTS_KIND_EVE, res->sha256, res, err)))
		return r < 0 ? r : 0;
	if ((r = import_add(st, ALERTS_KIND_EVE, res->sha256, path,
			    &res->import_id, err)))
		return r;
	x.cat = alerts_eve_catalog(e);
	if ((r = store_prepare(st, &x.ins, "INSERT INTO alert_count("
			       "company_id, import_id, period_start, "
			       "period_end, event, src_ip, count) VALUES "
			       "(?1, ?6, ?2, ?2, ?3, ?4, ?5)", err)))
		return r;
	sqlite3_bind_int64(x.ins, 1, company_id);
	sqlite3_bind_int64(x.ins, 6, res->import_id);
	r = alerts_eve_each(e, store_count, &x);
	sqlite3_finalize(x.ins);
	if (!r)
		r = import_set_records(st, res->import_id,
				       (int64_t)alerts_eve_stats(e)->alerts,
				       err);
	return r;
}
