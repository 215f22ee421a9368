/* SPDX-License-Identifier: MIT */
#ifndef ALERTS_INTERNAL_H
#define ALERTS_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "alerts/alerts.h"

/* Helpers shared by the files of alerts/ (not part of the public API). */

/* Whether s[0..10) is a date YYYY-MM-DD (nothing is said about s[10]). */
bool alerts_date_ok10(const char *s);

/*
 * Append to the SQL WHERE clause being built the conditions of filter f on
 * table alias `t` (period and company), as "?N" parameters numbered from
 * *next; bind them later with filter_bind().
 */
struct filter_sql {
	char sql[256];
	int from, to, company;	/* parameter numbers, 0 if unused */
};
void filter_sql_build(const struct alerts_filter *f, const char *t,
		      int first, struct filter_sql *out);
void filter_sql_bind(sqlite3_stmt *stmt, const struct alerts_filter *f,
		     const struct filter_sql *fs);

/* The catalog a reader classifies with. */
const struct alerts_catalog *alerts_eve_catalog(const struct alerts_eve *e);

/*
 * The import row of that kind and content: 1 with res->duplicate and
 * res->imported_at filled, 0 if none, or a negative error.
 */
int import_find(struct store *st, const char *kind, const char *sha256,
		struct alerts_import_result *res, struct osk_error *err);
/* Store a new import row; *id receives its row id. */
int import_add(struct store *st, const char *kind, const char *sha256,
	       const char *path, int64_t *id, struct osk_error *err);
/* Set the records count of import id. */
int import_set_records(struct store *st, int64_t id, int64_t records,
		       struct osk_error *err);

#endif
