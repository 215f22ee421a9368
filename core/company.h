/* SPDX-License-Identifier: MIT */
#ifndef CORE_COMPANY_H
#define CORE_COMPANY_H

#include <stdbool.h>
#include <stdint.h>

#include "core/csv.h"
#include "core/error.h"
#include "core/industry.h"
#include "core/sbuf.h"
#include "core/store.h"

/* A member company of the programme. Strings are owned by the struct. */
struct company {
	int64_t id;
	char *name;
	char industry[2];	/* JSIC division letter A-T */
	int64_t employees;	/* -1: not known */
	int64_t pcs;		/* -1: not known */
	char *region;		/* NULL: not known */
	char *contact;
	char created_at[32];
	char updated_at[32];
};

/* Set c to an empty company (employees/pcs unknown). */
void company_init(struct company *c);
/* Free c's strings and reset it with company_init(). */
void company_release(struct company *c);

/*
 * Check a company's fields before they are stored: a non-empty name of
 * valid UTF-8 without control characters, at most 200 characters; an
 * industry A-T. Returns 0 or -OSK_EDATA with err (no path) filled.
 */
int company_validate(const struct company *c, struct osk_error *err);

/*
 * Find a company by numeric id or exact name. Returns 0, or
 * -OSK_ENOTFOUND ("no company 'X'; 'otasuke company list' shows them"),
 * or another error. Release *out with company_release().
 */
int company_find(struct store *st, const char *key, struct company *out,
		 struct osk_error *err);
int company_get(struct store *st, int64_t id, struct company *out,
		struct osk_error *err);

/*
 * Insert c (c->id is set) or update the company with c->id. The caller
 * holds the transaction. A duplicate name is -OSK_EDATA.
 */
int company_insert(struct store *st, struct company *c, struct osk_error *err);
int company_update(struct store *st, const struct company *c,
		   struct osk_error *err);

/*
 * Remove a company. Without force, refuses (-OSK_EDATA) when it has
 * assessments, survey responses, alerts or incidents; with force they go
 * too. The caller holds the transaction.
 */
int company_remove(struct store *st, int64_t id, bool force,
		   struct osk_error *err);

/* What a company has on record, for 'company show' and remove. */
struct company_counts {
	int64_t assessments, answers, responses, alerts, incidents, assets;
};
int company_counts(struct store *st, int64_t id, struct company_counts *out,
		   struct osk_error *err);

/*
 * Call fn for every company (ordered by id), filtered by industry when
 * industry is not NULL. Stops and returns fn's value if it is non-zero.
 */
typedef int company_fn(const struct company *c, void *data);
int company_each(struct store *st, const char *industry, company_fn *fn,
		 void *data, struct osk_error *err);


/* ---- import ---- */

struct company_import {
	enum csv_encoding enc;
	bool update;			/* update companies that exist by name */
	const struct industries *ind;	/* for industry names */
	/* results */
	size_t rows, added, updated;
	struct sbuf unknown;		/* unknown column names, for a warning */
	enum csv_encoding used;
};

/*
 * Import companies from a CSV file with a header row. Columns (any order,
 * ASCII case ignored; Japanese names in brackets also work): name [会社名],
 * industry [業種] (letter A-T or division name), employees [従業員数], pcs
 * [PC台数], region [地域], contact [連絡先]. All or nothing: every bad row
 * goes into errs ("FILE:LINE: reason") and nothing is written; the caller
 * holds no transaction (this function runs its own). Returns 0, or
 * -OSK_EDATA when errs has entries, or another error in err.
 * Release imp->unknown with sbuf_release().
 */
int company_import(struct store *st, const char *path,
		   struct company_import *imp, struct osk_errlist *errs,
		   struct osk_error *err);

#endif
