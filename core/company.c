/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/company.h"
#include "core/text.h"

#define NAME_MAX_CHARS 200

void
company_init(struct company *c)
{
	memset(c, 0, sizeof(*c));
	c->employees = c->pcs = -1;
}

void
company_release(struct company *c)
{
	free(c->name);
	free(c->region);
	free(c->contact);
	company_init(c);
}

int
company_validate(const struct company *c, struct osk_error *err)
{
	const unsigned char *p;
	size_t bad, chars = 0;

	if (!c->name || !*c->name)
		return osk_fail(err, OSK_EDATA, "the company name is empty");
	if (!utf8_valid(c->name, strlen(c->name), &bad))
		return osk_fail(err, OSK_EDATA, "the company name is not valid "
				"UTF-8 (byte %zu)", bad + 1);
	for (p = (const unsigned char *)c->name; *p; p++) {
		if (*p < 0x20 || *p == 0x7f)
			return osk_fail(err, OSK_EDATA, "the company name has a "
					"control character; remove it");
		if ((*p & 0xc0) != 0x80)
			chars++;
	}
	if (chars > NAME_MAX_CHARS)
		return osk_fail(err, OSK_EDATA, "the company name is longer than "
				"%d characters", NAME_MAX_CHARS);
	if (c->industry[0] < 'A' || c->industry[0] > 'T' || c->industry[1])
		return osk_fail(err, OSK_EDATA, "industry '%s' is not a JSIC "
				"division letter A-T", c->industry);
	return 0;
}

static char *
col_dup(sqlite3_stmt *stmt, int i)
{
	const unsigned char *s = sqlite3_column_text(stmt, i);

	return s ? strdup((const char *)s) : NULL;
}

static int64_t
col_num(sqlite3_stmt *stmt, int i)
{
	if (sqlite3_column_type(stmt, i) == SQLITE_NULL)
		return -1;
	return sqlite3_column_int64(stmt, i);
}

#define COMPANY_COLS "id, name, industry, employees, pcs, region, contact," \
		     " created_at, updated_at"

static int
row_to_company(sqlite3_stmt *stmt, struct company *c, struct osk_error *err)
{
	const unsigned char *s;

	company_init(c);
	c->id = sqlite3_column_int64(stmt, 0);
	c->name = col_dup(stmt, 1);
	s = sqlite3_column_text(stmt, 2);
	c->industry[0] = s ? (char)s[0] : '?';
	c->employees = col_num(stmt, 3);
	c->pcs = col_num(stmt, 4);
	c->region = col_dup(stmt, 5);
	c->contact = col_dup(stmt, 6);
	s = sqlite3_column_text(stmt, 7);
	snprintf(c->created_at, sizeof(c->created_at), "%s", s ? (char *)s : "");
	s = sqlite3_column_text(stmt, 8);
	snprintf(c->updated_at, sizeof(c->updated_at), "%s", s ? (char *)s : "");
	if (!c->name) {
		company_release(c);
		return osk_fail(err, OSK_ENOMEM, "out of memory");
	}
	return 0;
}

int
company_get(struct store *st, int64_t id, struct company *out,
	    struct osk_error *err)
{
	sqlite3_stmt *stmt;
	int rc, r;

	company_init(out);
	if ((r = store_prepare(st, &stmt, "SELECT " COMPANY_COLS
			       " FROM company WHERE id = ?", err)))
		return r;
	sqlite3_bind_int64(stmt, 1, id);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		r = row_to_company(stmt, out, err);
	else if (rc == SQLITE_DONE)
		r = osk_fail(err, OSK_ENOTFOUND, "no company with id %lld; "
			     "'otasuke company list' shows them",
			     (long long)id);
	else
		r = store_fail(st, err, "cannot read companies");
	sqlite3_finalize(stmt);
	return r;
}

int
company_find(struct store *st, const char *key, struct company *out,
	     struct osk_error *err)
{
	sqlite3_stmt *stmt;
	char *end;
	long long id;
	int rc, r;

	company_init(out);
	errno = 0;
	id = strtoll(key, &end, 10);
	if (*key && !*end && !errno && id > 0 &&
	    company_get(st, id, out, NULL) == 0)
		return 0;
	if ((r = store_prepare(st, &stmt, "SELECT " COMPANY_COLS
			       " FROM company WHERE name = ?", err)))
		return r;
	sqlite3_bind_text(stmt, 1, key, -1, SQLITE_STATIC);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		r = row_to_company(stmt, out, err);
	else if (rc == SQLITE_DONE)
		r = osk_fail(err, OSK_ENOTFOUND, "no company '%s'; 'otasuke "
			     "company list' shows them", key);
	else
		r = store_fail(st, err, "cannot read companies");
	sqlite3_finalize(stmt);
	return r;
}

static void
bind_company(sqlite3_stmt *stmt, const struct company *c)
{
	store_bind_text(stmt, 1, c->name);
	sqlite3_bind_text(stmt, 2, c->industry, 1, SQLITE_TRANSIENT);
	if (c->employees >= 0)
		sqlite3_bind_int64(stmt, 3, c->employees);
	else
		sqlite3_bind_null(stmt, 3);
	if (c->pcs >= 0)
		sqlite3_bind_int64(stmt, 4, c->pcs);
	else
		sqlite3_bind_null(stmt, 4);
	store_bind_text(stmt, 5, c->region);
	store_bind_text(stmt, 6, c->contact);
}

static int
name_taken(struct store *st, const struct company *c, struct osk_error *err)
{
	if ((sqlite3_extended_errcode(store_db(st)) ==
	     SQLITE_CONSTRAINT_UNIQUE))
		return osk_fail(err, OSK_EDATA, "a company named '%s' already "
				"exists", c->name);
	return store_fail(st, err, "cannot save the company");
}

int
company_insert(struct store *st, struct company *c, struct osk_error *err)
{
	sqlite3_stmt *stmt;
	char now[32];
	int r;

	if ((r = company_validate(c, err)))
		return r;
	if ((r = store_prepare(st, &stmt, "INSERT INTO company(name, industry,"
			       " employees, pcs, region, contact, created_at,"
			       " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?7)",
			       err)))
		return r;
	bind_company(stmt, c);
	store_now(now);
	sqlite3_bind_text(stmt, 7, now, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(stmt) != SQLITE_DONE)
		r = name_taken(st, c, err);
	else
		c->id = sqlite3_last_insert_rowid(store_db(st));
	sqlite3_finalize(stmt);
	return r;
}

int
company_update(struct store *st, const struct company *c,
	       struct osk_error *err)
{
	sqlite3_stmt *stmt;
	char now[32];
	int r;

	if ((r = company_validate(c, err)))
		return r;
	if ((r = store_prepare(st, &stmt, "UPDATE company SET name = ?,"
			       " industry = ?, employees = ?, pcs = ?,"
			       " region = ?, contact = ?, updated_at = ?"
			       " WHERE id = ?", err)))
		return r;
	bind_company(stmt, c);
	store_now(now);
	sqlite3_bind_text(stmt, 7, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(stmt, 8, c->id);
	if (sqlite3_step(stmt) != SQLITE_DONE)
		r = name_taken(st, c, err);
	sqlite3_finalize(stmt);
	return r;
}

int
company_counts(struct store *st, int64_t id, struct company_counts *out,
	       struct osk_error *err)
{
	sqlite3_stmt *stmt;
	int r;

	memset(out, 0, sizeof(*out));
	if ((r = store_prepare(st, &stmt, "SELECT"
			" (SELECT count(*) FROM assessment WHERE company_id = ?1),"
			" (SELECT count(*) FROM answer JOIN assessment a"
			"   ON a.id = assessment_id WHERE a.company_id = ?1),"
			" (SELECT count(*) FROM survey_response"
			"   WHERE company_id = ?1),"
			" (SELECT coalesce(sum(count), 0) FROM alert_count"
			"   WHERE company_id = ?1),"
			" (SELECT count(*) FROM incident WHERE company_id = ?1),"
			" (SELECT count(*) FROM asset WHERE company_id = ?1)",
			err)))
		return r;
	sqlite3_bind_int64(stmt, 1, id);
	if (sqlite3_step(stmt) == SQLITE_ROW) {
		out->assessments = sqlite3_column_int64(stmt, 0);
		out->answers = sqlite3_column_int64(stmt, 1);
		out->responses = sqlite3_column_int64(stmt, 2);
		out->alerts = sqlite3_column_int64(stmt, 3);
		out->incidents = sqlite3_column_int64(stmt, 4);
		out->assets = sqlite3_column_int64(stmt, 5);
	} else {
		r = store_fail(st, err, "cannot read companies");
	}
	sqlite3_finalize(stmt);
	return r;
}

int
company_remove(struct store *st, int64_t id, bool force,
	       struct osk_error *err)
{
	struct company_counts n;
	sqlite3_stmt *stmt;
	int r;

	if ((r = company_counts(st, id, &n, err)))
		return r;
	if (!force && (n.assessments || n.responses || n.alerts ||
		       n.incidents))
		return osk_fail(err, OSK_EDATA, "company %lld has %lld "
				"answers, %lld survey responses, %lld alerts "
				"and %lld incidents on record; add --force to "
				"remove them too", (long long)id,
				(long long)n.answers, (long long)n.responses,
				(long long)n.alerts, (long long)n.incidents);
	if ((r = store_prepare(st, &stmt, "DELETE FROM company WHERE id = ?",
			       err)))
		return r;
	sqlite3_bind_int64(stmt, 1, id);
	if (sqlite3_step(stmt) != SQLITE_DONE)
		r = store_fail(st, err, "cannot remove the company");
	else if (!sqlite3_changes(store_db(st)))
		r = osk_fail(err, OSK_ENOTFOUND, "no company with id %lld",
			     (long long)id);
	sqlite3_finalize(stmt);
	return r;
}

int
company_each(struct store *st, const char *industry, company_fn *fn,
	     void *data, struct osk_error *err)
{
	struct company c;
	sqlite3_stmt *stmt;
	int rc, r;

	if ((r = store_prepare(st, &stmt, "SELECT " COMPANY_COLS
			       " FROM company WHERE ?1 IS NULL OR industry = ?1"
			       " ORDER BY id", err)))
		return r;
	store_bind_text(stmt, 1, industry);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		if ((r = row_to_company(stmt, &c, err)))
			break;
		r = fn(&c, data);
		company_release(&c);
		if (r)
			break;
	}
	if (!r && rc != SQLITE_DONE)
		r = store_fail(st, err, "cannot read companies");
	sqlite3_finalize(stmt);
	return r;
}
