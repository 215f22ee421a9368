/* SPDX-License-Identifier: MIT */
/* Incidents reported by the analysts: recorded, listed, closed. */
#include <stdio.h>
#include <string.h>

#include "alerts/alerts.h"
#include "core/text.h"

#define TITLE_MAX 200		/* characters */
#define TEXT_MAX 4000

/*
 * A text of valid UTF-8, 1..max characters, without control characters
 * (multi: line breaks and tabs allowed). what names it in messages.
 */
static int
check_text(const char *s, const char *what, size_t max, bool multi,
	   struct osk_error *err)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = 0, len = strlen(s);

	if (!utf8_valid(s, len, NULL))
		return osk_fail(err, OSK_EDATA, "the %s is not valid UTF-8",
				what);
	while (*p) {
		uint32_t cp;
		size_t k = utf8_decode(p, len - (size_t)(p - (const unsigned
							      char *)s), &cp);

		if ((cp < 0x20 && !(multi && (cp == '\n' || cp == '\t'))) ||
		    cp == 0x7f)
			return osk_fail(err, OSK_EDATA, "the %s holds a control"
					" character%s", what, multi ? "" :
					"; keep it to one line");
		p += k;
		n++;
	}
	if (!n)
		return osk_fail(err, OSK_EDATA, "the %s is empty", what);
	if (n > max)
		return osk_fail(err, OSK_EDATA, "the %s is longer than %zu "
				"characters", what, max);
	return 0;
}

int
alerts_incident_add(struct store *st, struct alerts_incident *inc,
		    struct osk_error *err)
{
	sqlite3_stmt *stmt;
	int r;

	if (!alerts_date_ok(inc->date))
		return osk_fail(err, OSK_EDATA, "the date '%s' is not a date "
				"(YYYY-MM-DD)", inc->date);
	if ((r = check_text(inc->title, "title", TITLE_MAX, false, err)) ||
	    (inc->detail && (r = check_text(inc->detail, "detail", TEXT_MAX,
					    true, err))) ||
	    (inc->action && (r = check_text(inc->action, "action", TEXT_MAX,
					    true, err))))
		return r;
	if ((r = store_prepare(st, &stmt, "INSERT INTO incident(company_id, "
			       "date, severity, title, detail, action) VALUES "
			       "(?, ?, ?, ?, ?, ?)", err)))
		return r;
	sqlite3_bind_int64(stmt, 1, inc->company_id);
	sqlite3_bind_text(stmt, 2, inc->date, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 3, alerts_severity_name(inc->severity), -1,
			  SQLITE_STATIC);
	sqlite3_bind_text(stmt, 4, inc->title, -1, SQLITE_STATIC);
	store_bind_text(stmt, 5, inc->detail);
	store_bind_text(stmt, 6, inc->action);
	if (sqlite3_step(stmt) != SQLITE_DONE)
		r = store_fail(st, err, "cannot save the incident");
	else
		inc->id = sqlite3_last_insert_rowid(store_db(st));
	sqlite3_finalize(stmt);
	return r;
}

int
alerts_incident_close(struct store *st, int64_t id, const char *note,
		      struct osk_error *err)
{
	sqlite3_stmt *stmt;
	char now[32];
	int rc, r;

	if (note && *note && (r = check_text(note, "note", TEXT_MAX, true,
					     err)))
		return r;
	if ((r = store_prepare(st, &stmt, "SELECT closed_at FROM incident "
			       "WHERE id = ?", err)))
		return r;
	sqlite3_bind_int64(stmt, 1, id);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_DONE)
		r = osk_fail(err, OSK_ENOTFOUND, "no incident %lld; 'otasuke "
			     "incident list' shows them", (long long)id);
	else if (rc != SQLITE_ROW)
		r = store_fail(st, err, "cannot read incidents");
	else if (sqlite3_column_type(stmt, 0) != SQLITE_NULL)
		r = osk_fail(err, OSK_EDATA, "incident %lld was closed "
			     "already, on %.10s", (long long)id,
			     (const char *)sqlite3_column_text(stmt, 0));
	sqlite3_finalize(stmt);
	if (r)
		return r;
	if ((r = store_prepare(st, &stmt, "UPDATE incident SET closed_at = ?,"
			       " note = ? WHERE id = ?", err)))
		return r;
	store_now(now);
	sqlite3_bind_text(stmt, 1, now, -1, SQLITE_STATIC);
	store_bind_text(stmt, 2, note && *note ? note : NULL);
	sqlite3_bind_int64(stmt, 3, id);
	if (sqlite3_step(stmt) != SQLITE_DONE)
		r = store_fail(st, err, "cannot close the incident");
	sqlite3_finalize(stmt);
	return r;
}

int
alerts_incident_each(struct store *st, int64_t company_id, bool open_only,
		     alerts_incident_fn *fn, void *data,
		     struct osk_error *err)
{
	sqlite3_stmt *stmt;
	int rc, r;

	if ((r = store_prepare(st, &stmt, "SELECT i.id, i.company_id, c.name,"
			       " i.date, i.severity, i.title, i.detail, "
			       "i.action, i.closed_at, i.note FROM incident i "
			       "JOIN company c ON c.id = i.company_id WHERE "
			       "(?1 = 0 OR i.company_id = ?1) AND (?2 = 0 OR "
			       "i.closed_at IS NULL) ORDER BY i.date DESC, "
			       "i.id DESC", err)))
		return r;
	sqlite3_bind_int64(stmt, 1, company_id);
	sqlite3_bind_int(stmt, 2, open_only);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct alerts_incident inc;
		const char *s;

		memset(&inc, 0, sizeof(inc));
		inc.id = sqlite3_column_int64(stmt, 0);
		inc.company_id = sqlite3_column_int64(stmt, 1);
		inc.company = (const char *)sqlite3_column_text(stmt, 2);
		s = (const char *)sqlite3_column_text(stmt, 3);
		snprintf(inc.date, sizeof(inc.date), "%s", s ? s : "");
		s = (const char *)sqlite3_column_text(stmt, 4);
		if (!s || alerts_severity_parse(s, &inc.severity))
			inc.severity = ALERTS_HIGH;
		inc.title = (const char *)sqlite3_column_text(stmt, 5);
		inc.detail = (const char *)sqlite3_column_text(stmt, 6);
		inc.action = (const char *)sqlite3_column_text(stmt, 7);
		inc.closed_at = (const char *)sqlite3_column_text(stmt, 8);
		inc.note = (const char *)sqlite3_column_text(stmt, 9);
		if (!inc.title)
			inc.title = "";
		if ((r = fn(&inc, data)))
			break;
	}
	if (!r && rc != SQLITE_DONE)
		r = store_fail(st, err, "cannot read incidents");
	sqlite3_finalize(stmt);
	return r;
}
