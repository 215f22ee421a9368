/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "core/company.h"
#include "core/text.h"

enum col { C_NAME, C_INDUSTRY, C_EMPLOYEES, C_PCS, C_REGION, C_CONTACT, NCOL };

/* Header names; the Japanese ones are what office staff type in Excel. */
static const struct csv_alias header_names[] = {
	{ C_NAME, "name" }, { C_NAME, "company" }, { C_NAME, "会社名" },
	{ C_NAME, "企業名" },
	{ C_INDUSTRY, "industry" }, { C_INDUSTRY, "業種" },
	{ C_EMPLOYEES, "employees" }, { C_EMPLOYEES, "従業員数" },
	{ C_PCS, "pcs" }, { C_PCS, "PC台数" }, { C_PCS, "パソコン台数" },
	{ C_REGION, "region" }, { C_REGION, "地域" },
	{ C_CONTACT, "contact" }, { C_CONTACT, "連絡先" },
};
#define NHEADER (sizeof(header_names) / sizeof(*header_names))

struct import_ctx {
	struct store *st;
	struct csv_reader *csv;
	struct company_import *imp;
	struct osk_errlist *errs;
	int col[NCOL];
	size_t ncols;
	sqlite3_stmt *find, *ins, *upd, *seen;
};

static void
row_error(struct import_ctx *x, size_t field, const char *fmt, const char *a)
{
	struct osk_error e;

	osk_error_clear(&e);
	csv_error_set(x->csv, &e, OSK_EDATA, field, fmt, a);
	osk_errlist_add(x->errs, &e);
}

/* "" -> -1 (unknown); a whole number >= 0; else -2. */
static int64_t
parse_count(const char *s)
{
	char *end;
	long long v;

	while (*s == ' ')
		s++;
	if (!*s)
		return -1;
	if (*s < '0' || *s > '9')
		return -2;
	errno = 0;
	v = strtoll(s, &end, 10);
	while (*end == ' ')
		end++;
	return *end || errno || v > 100000000 ? -2 : v;
}

static int
map_header(struct import_ctx *x, struct osk_error *err)
{
	int r = csv_header_map_alias(x->csv, header_names, NHEADER, x->col,
				     NCOL, &x->imp->unknown, err);

	if (r < 0)
		return r;
	if (x->col[C_NAME] < 0 || x->col[C_INDUSTRY] < 0)
		return csv_error_set(x->csv, err, OSK_EDATA, CSV_NO_FIELD,
				     "the header needs columns 'name' and "
				     "'industry' (also employees, pcs, region, "
				     "contact)");
	return 0;
}

static const char *
field(struct import_ctx *x, const char **f, enum col c)
{
	return x->col[c] >= 0 ? f[x->col[c]] : NULL;
}

static const char *
nonempty(const char *s)
{
	return s && *s ? s : NULL;
}

/* Validate one row into c; errors go to the list. Returns 0 if usable. */
static int
parse_row(struct import_ctx *x, const char **f, struct company *c)
{
	const struct industry *ind;
	struct osk_error e;
	const char *s;
	size_t before = x->errs->total;

	company_init(c);
	c->name = (char *)field(x, f, C_NAME);
	s = field(x, f, C_INDUSTRY);
	ind = x->imp->ind ? industries_find(x->imp->ind, s)
			  : NULL;
	if (!ind && !x->imp->ind && strlen(s) == 1)
		c->industry[0] = (char)(s[0] & ~0x20);
	else if (ind)
		c->industry[0] = ind->id[0];
	else
		row_error(x, (size_t)x->col[C_INDUSTRY], "unknown industry "
			  "'%s'; use a JSIC division letter A-T or its name",
			  s);
	if ((s = field(x, f, C_EMPLOYEES)) && (c->employees = parse_count(s)) < -1)
		row_error(x, (size_t)x->col[C_EMPLOYEES], "employees '%s' is "
			  "not a whole number of 0 or more", s);
	if ((s = field(x, f, C_PCS)) && (c->pcs = parse_count(s)) < -1)
		row_error(x, (size_t)x->col[C_PCS], "pcs '%s' is not a whole "
			  "number of 0 or more", s);
	c->region = (char *)nonempty(field(x, f, C_REGION));
	c->contact = (char *)nonempty(field(x, f, C_CONTACT));
	if (c->industry[0]) {
		osk_error_clear(&e);
		if (company_validate(c, &e)) {
			row_error(x, (size_t)x->col[C_NAME], "%s", e.msg);
		}
	}
	return x->errs->total == before ? 0 : -1;
}

static void
bind_fields(sqlite3_stmt *stmt, const struct company *c, const char *now)
{
	store_bind_text(stmt, 1, c->name);
	sqlite3_bind_text(stmt, 2, c->industry, 1, SQLITE_STATIC);
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
	sqlite3_bind_text(stmt, 7, now, -1, SQLITE_STATIC);
}

/* Write one valid row: insert, or update with --update. */
static int
store_row(struct import_ctx *x, const struct company *c, const char *now,
	  struct osk_error *err)
{
	sqlite3_stmt *s;
	int rc, line = csv_line(x->csv);

	/* A name twice in one file is an error even with --update. */
	sqlite3_reset(x->seen);
	store_bind_text(x->seen, 1, c->name);
	sqlite3_bind_int(x->seen, 2, line);
	if (sqlite3_step(x->seen) != SQLITE_DONE) {
		row_error(x, (size_t)x->col[C_NAME], "company '%s' appears "
			  "more than once in the file; keep one row", c->name);
		return 0;
	}
	sqlite3_reset(x->find);
	store_bind_text(x->find, 1, c->name);
	rc = sqlite3_step(x->find);
	if (rc == SQLITE_ROW && !x->imp->update) {
		row_error(x, (size_t)x->col[C_NAME], "a company named '%s' "
			  "already exists; add --update to change it",
			  c->name);
		return 0;
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(x->st, err, "cannot read companies");
	s = rc == SQLITE_ROW ? x->upd : x->ins;
	sqlite3_reset(s);
	bind_fields(s, c, now);
	if (rc == SQLITE_ROW)
		sqlite3_bind_int64(s, 8, sqlite3_column_int64(x->find, 0));
	if (sqlite3_step(s) != SQLITE_DONE)
		return store_fail(x->st, err, "cannot save a company");
	if (rc == SQLITE_ROW)
		x->imp->updated++;
	else
		x->imp->added++;
	return 0;
}

static int
prepare_all(struct import_ctx *x, struct osk_error *err)
{
	int r;

	if ((r = store_exec(x->st, "CREATE TEMP TABLE IF NOT EXISTS "
			    "import_seen(name TEXT PRIMARY KEY, line INTEGER);"
			    "DELETE FROM import_seen", err)))
		return r;
	if ((r = store_prepare(x->st, &x->find, "SELECT id FROM company "
			       "WHERE name = ?", err)) ||
	    (r = store_prepare(x->st, &x->seen, "INSERT INTO import_seen"
			       "(name, line) VALUES (?, ?)", err)) ||
	    (r = store_prepare(x->st, &x->ins, "INSERT INTO company(name, "
			       "industry, employees, pcs, region, contact, "
			       "created_at, updated_at) VALUES "
			       "(?, ?, ?, ?, ?, ?, ?7, ?7)", err)) ||
	    (r = store_prepare(x->st, &x->upd, "UPDATE company SET name = ?, "
			       "industry = ?, employees = ?, pcs = ?, "
			       "region = ?, contact = ?, updated_at = ? "
			       "WHERE id = ?", err)))
		return r;
	return 0;
}

int
company_import(struct store *st, const char *path,
	       struct company_import *imp, struct osk_errlist *errs,
	       struct osk_error *err)
{
	struct import_ctx x = { st, NULL, imp, errs, { 0 }, 0,
				NULL, NULL, NULL, NULL };
	const char **f;
	struct company c;
	char now[32];
	size_t nf;
	int r;

	imp->rows = imp->added = imp->updated = 0;
	if (!(x.csv = csv_open(path, imp->enc, err)))
		return -err->code;
	if ((r = csv_read_header(x.csv, "name,industry,employees,pcs,"
				 "region,contact", &f, &nf, err)) < 0)
		goto out;
	x.ncols = nf;
	if ((r = map_header(&x, err)) || (r = store_begin(st, err)))
		goto out;
	if ((r = prepare_all(&x, err)))
		goto fail;
	store_now(now);
	while ((r = csv_read(x.csv, &f, NULL, &nf, err)) == 1) {
		imp->rows++;
		if (nf != x.ncols) {
			char n[64];

			snprintf(n, sizeof(n), "%zu fields, but the header has "
				 "%zu", nf, x.ncols);
			row_error(&x, CSV_NO_FIELD, "%s; check the commas and "
				  "quotes on this line", n);
			continue;
		}
		if (parse_row(&x, f, &c))
			continue;
		if ((r = store_row(&x, &c, now, err)))
			goto fail;
	}
	imp->used = csv_encoding_used(x.csv);
	if (r < 0)
		goto fail;
	if (!imp->rows) {
		r = osk_error_set(err, OSK_EDATA, csv_path(x.csv), 0, 0,
				  "no companies after the header row");
		goto fail;
	}
	if (errs->total) {
		r = -OSK_EDATA;
		goto fail;
	}
	r = store_commit(st, err);
	goto out;
fail:
	store_rollback(st);
out:
	sqlite3_finalize(x.find);
	sqlite3_finalize(x.seen);
	sqlite3_finalize(x.ins);
	sqlite3_finalize(x.upd);
	csv_close(x.csv);
	return r;
}
