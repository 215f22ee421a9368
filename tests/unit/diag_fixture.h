/* SPDX-License-Identifier: MIT */
/*
 * Shared set-up of the tests/unit/test_diag_*.c programs (included after
 * cmocka.h): a fresh database in a temporary folder with the shipped
 * diag-office set, the small test set and a survey set loaded.
 */
#ifndef TESTS_DIAG_FIXTURE_H
#define TESTS_DIAG_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/company.h"
#include "core/qset.h"
#include "core/qstore.h"
#include "core/store.h"
#include "diag/diag.h"

struct fx {
	char dir[64];
	char path[128];		/* scratch file for inputs */
	struct store *st;
	struct osk_error err;
	struct osk_errlist errs;
};

static inline void
fx_load(struct fx *f, const char *file)
{
	struct osk_errlist errs;
	enum qstore_status status;
	struct qset *q;

	osk_errlist_init(&errs, 5);
	q = qset_load_file(file, &errs);
	if (!q)
		fail_msg("%s: %s", file, errs.n ? errs.items[0].msg : "?");
	osk_errlist_release(&errs);
	assert_int_equal(store_begin(f->st, &f->err), 0);
	assert_int_equal(qstore_put(f->st, q, &status, NULL, &f->err), 0);
	assert_int_equal(store_commit(f->st, &f->err), 0);
	qset_free(q);
}

static inline int64_t
fx_company(struct fx *f, const char *name, const char *industry)
{
	struct company c;
	int64_t id;

	company_init(&c);
	c.name = strdup(name);
	c.industry[0] = industry[0];
	assert_int_equal(store_begin(f->st, &f->err), 0);
	assert_int_equal(company_insert(f->st, &c, &f->err), 0);
	assert_int_equal(store_commit(f->st, &f->err), 0);
	id = c.id;
	company_release(&c);
	return id;
}

/* Write text to the scratch file and return its path. */
static inline const char *
fx_file(struct fx *f, const char *name, const char *text)
{
	FILE *fp;

	snprintf(f->path, sizeof(f->path), "%s/%s", f->dir, name);
	fp = fopen(f->path, "wb");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
	return f->path;
}

static inline long long
fx_count(struct fx *f, const char *sql)
{
	sqlite3_stmt *s;
	long long n;

	assert_int_equal(store_prepare(f->st, &s, sql, &f->err), 0);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	n = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return n;
}

/* The errors of f->errs, "LINE: msg" one a line (path left out). */
static inline char *
fx_errors(struct fx *f)
{
	struct sbuf sb = SBUF_INIT;
	size_t i;

	for (i = 0; i < f->errs.n; i++) {
		const struct osk_error *e = &f->errs.items[i];

		if (e->col)
			sbuf_addf(&sb, "%d:%d: %s\n", e->line, e->col, e->msg);
		else
			sbuf_addf(&sb, "%d: %s\n", e->line, e->msg);
	}
	return sbuf_detach(&sb, NULL);
}

static inline int
fx_setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));

	snprintf(f->dir, sizeof(f->dir), "/tmp/otasuke-diag-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->path, sizeof(f->path), "%s/t.db", f->dir);
	osk_error_clear(&f->err);
	f->st = store_open(f->path, STORE_CREATE, &f->err);
	assert_non_null(f->st);
	fx_load(f, "questions/diag-office.yaml");
	fx_load(f, "tests/data/diag/small.yaml");
	fx_load(f, "questions/example-survey.yaml");
	osk_errlist_init(&f->errs, 50);
	*state = f;
	return 0;
}

static inline int
fx_teardown(void **state)
{
	struct fx *f = *state;
	char cmd[128];

	store_close(f->st);
	osk_errlist_release(&f->errs);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", f->dir);
	if (system(cmd))
		return -1;
	free(f);
	return 0;
}

#endif
