/* SPDX-License-Identifier: MIT */
/*
 * Diagnosis figures (run by benchmarks/bench-diag.sh):
 *   bench-diag gen DB N      a database of N companies, each with one
 *                            completed diag-office assessment answering
 *                            every question (random but fixed answers)
 *   bench-diag score DB RUNS diag_batch_score() of every company, with
 *                            peer averages: the best of RUNS, in seconds
 *   bench-diag sets DIR RUNS load and validate every question set in DIR:
 *                            the best of RUNS, in milliseconds
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/qset.h"
#include "core/qstore.h"
#include "core/store.h"
#include "diag/diag.h"

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void
die_err(const struct osk_error *err)
{
	fprintf(stderr, "bench-diag: %s\n", err->msg);
	exit(1);
}

static unsigned long long rnd_state = 42;

static unsigned
rnd(unsigned n)
{
	rnd_state = rnd_state * 6364136223846793005ull + 1442695040888963407ull;
	return (unsigned)((rnd_state >> 33) % n);
}

static void
exec(struct store *st, const char *sql)
{
	struct osk_error err;

	osk_error_clear(&err);
	if (store_exec(st, sql, &err))
		die_err(&err);
}

static void
step(struct store *st, sqlite3_stmt *s, const char *what)
{
	struct osk_error err;

	osk_error_clear(&err);
	if (sqlite3_step(s) != SQLITE_DONE) {
		store_fail(st, &err, what);
		die_err(&err);
	}
}

static int
gen(const char *path, long n)
{
	static const char *const scale[] = {
		"done", "done", "done", "partly", "partly", "no", "unknown",
		"na",
	};
	struct osk_error err;
	struct store *st;
	struct qset *q;
	sqlite3_stmt *co, *as, *an;
	int64_t rowid;
	long i;
	size_t k;

	osk_error_clear(&err);
	remove(path);
	if (!(st = store_open(path, STORE_CREATE, &err)))
		die_err(&err);
	exec(st, "BEGIN");
	{
		struct osk_errlist errs;
		int loaded;

		osk_errlist_init(&errs, 5);
		if (qstore_load_shipped(st, osk_datadir(), &loaded, &errs,
					&err))
			die_err(errs.n ? &errs.items[0] : &err);
		osk_errlist_release(&errs);
	}
	if (!(q = qstore_get(st, "diag-office", 0, &rowid, &err)))
		die_err(&err);
	if (store_prepare(st, &co, "INSERT INTO company(name, industry, "
			  "employees, created_at, updated_at) VALUES (?, ?, ?, "
			  "'2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z')",
			  &err) ||
	    store_prepare(st, &as, "INSERT INTO assessment(company_id, "
			  "qset_id, started_at, completed_at) VALUES (?, ?, "
			  "'2025-01-01T00:00:00Z', '2025-01-02T00:00:00Z')",
			  &err) ||
	    store_prepare(st, &an, "INSERT INTO answer VALUES (?, ?, ?, NULL, "
			  "'2025-01-01T00:00:00Z')", &err))
		die_err(&err);
	for (i = 0; i < n; i++) {
		char name[32], ind[2] = { 0, 0 };
		int64_t cid, aid;

		snprintf(name, sizeof(name), "Company %06ld", i + 1);
		ind[0] = (char)('A' + rnd(20));
		sqlite3_reset(co);
		store_bind_text(co, 1, name);
		store_bind_text(co, 2, ind);
		sqlite3_bind_int(co, 3, 1 + (int)rnd(300));
		step(st, co, "cannot add a company");
		cid = sqlite3_last_insert_rowid(store_db(st));
		sqlite3_reset(as);
		sqlite3_bind_int64(as, 1, cid);
		sqlite3_bind_int64(as, 2, rowid);
		step(st, as, "cannot add an assessment");
		aid = sqlite3_last_insert_rowid(store_db(st));
		for (k = 0; k < q->nquestions; k++) {
			const struct qset_question *qq = &q->questions[k];
			const char *o = qq->scored ? scale[rnd(8)]
				: qq->options[rnd((unsigned)qq->noptions)].id;

			sqlite3_reset(an);
			sqlite3_bind_int64(an, 1, aid);
			store_bind_text(an, 2, qq->id);
			store_bind_text(an, 3, o);
			step(st, an, "cannot add an answer");
		}
	}
	sqlite3_finalize(co);
	sqlite3_finalize(as);
	sqlite3_finalize(an);
	exec(st, "COMMIT");
	printf("%ld companies, %zu answers each\n", n, q->nquestions);
	qset_free(q);
	store_close(st);
	return 0;
}

static int
score(const char *path, int runs)
{
	struct osk_error err;
	struct store *st;
	double best = 1e9;
	size_t n = 0, cmp = 0, i;
	int r;

	osk_error_clear(&err);
	if (!(st = store_open(path, STORE_READONLY, &err)))
		die_err(&err);
	for (r = 0; r < runs; r++) {
		struct diag_batch *b;
		double t0 = now(), t;

		if (diag_batch_score(st, "diag-office", 0, &b, &err))
			die_err(&err);
		t = now() - t0;
		if (t < best)
			best = t;
		n = b->n;
		for (i = cmp = 0; i < b->n; i++)
			cmp += b->scores[i].source == DIAG_CMP_INDUSTRY;
		diag_batch_free(b);
	}
	printf("%zu %zu %.3f\n", n, cmp, best);
	store_close(st);
	return 0;
}

static int
sets(const char *dir, int runs)
{
	double best = 1e9;
	int r, nsets = 0;

	for (r = 0; r < runs; r++) {
		struct dirent *de;
		DIR *d = opendir(dir);
		double t0 = now(), t;

		if (!d) {
			perror(dir);
			return 1;
		}
		nsets = 0;
		while ((de = readdir(d))) {
			char path[4096];
			struct osk_errlist errs;
			struct qset *q;
			size_t len = strlen(de->d_name);

			if (len < 6 || strcmp(de->d_name + len - 5, ".yaml"))
				continue;
			snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
			if (!qset_file_is_set(path))
				continue;
			osk_errlist_init(&errs, 5);
			if (!(q = qset_load_file(path, &errs))) {
				fprintf(stderr, "%s: %s\n", path,
					errs.n ? errs.items[0].msg : "?");
				return 1;
			}
			osk_errlist_release(&errs);
			qset_free(q);
			nsets++;
		}
		closedir(d);
		t = now() - t0;
		if (t < best)
			best = t;
	}
	printf("%d %.2f\n", nsets, best * 1000);
	return 0;
}

int
main(int argc, char **argv)
{
	if (argc == 4 && !strcmp(argv[1], "gen"))
		return gen(argv[2], atol(argv[3]));
	if (argc == 4 && !strcmp(argv[1], "score"))
		return score(argv[2], atoi(argv[3]));
	if (argc == 4 && !strcmp(argv[1], "sets"))
		return sets(argv[2], atoi(argv[3]));
	fprintf(stderr, "usage: bench-diag gen DB N | score DB RUNS | "
		"sets DIR RUNS\n");
	return 64;
}
