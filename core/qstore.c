/* SPDX-License-Identifier: MIT */
#include <dirent.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "core/qstore.h"

int
qstore_put(struct store *st, const struct qset *q, enum qstore_status *status,
	   int64_t *id, struct osk_error *err)
{
	sqlite3_stmt *stmt = NULL;
	char now[32];
	int rc, r, newest = 0;

	if ((r = store_prepare(st, &stmt, "SELECT id, version, sha256 FROM qset"
			       " WHERE set_id = ? ORDER BY version DESC", err)))
		return r;
	sqlite3_bind_text(stmt, 1, q->id, -1, SQLITE_STATIC);
	*status = QSTORE_NEW;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		int v = sqlite3_column_int(stmt, 1);
		const char *sha = (const char *)sqlite3_column_text(stmt, 2);

		if (!newest)
			newest = v;
		*status = QSTORE_NEW_VERSION;
		if (v != q->version)
			continue;
		if (sha && !strcmp(sha, q->sha256)) {
			*status = QSTORE_SAME;
			if (id)
				*id = sqlite3_column_int64(stmt, 0);
			goto out;
		}
		r = osk_error_set(err, OSK_EDATA, q->path, 0, 0, "set '%s' "
				  "version %d is already loaded with other "
				  "content; raise 'version' to load a new one",
				  q->id, q->version);
		goto out;
	}
	if (rc != SQLITE_DONE) {
		r = store_fail(st, err, "cannot read question sets");
		goto out;
	}
	if (newest > q->version) {
		r = osk_error_set(err, OSK_EDATA, q->path, 0, 0, "set '%s' "
				  "version %d is older than the loaded version "
				  "%d; raise 'version' above %d", q->id,
				  q->version, newest, newest);
		goto out;
	}
	sqlite3_finalize(stmt);
	if ((r = store_prepare(st, &stmt, "INSERT INTO qset(set_id, version,"
			       " kind, sha256, source, loaded_at) VALUES"
			       " (?, ?, ?, ?, ?, ?)", err)))
		return r;
	store_now(now);
	sqlite3_bind_text(stmt, 1, q->id, -1, SQLITE_STATIC);
	sqlite3_bind_int(stmt, 2, q->version);
	sqlite3_bind_text(stmt, 3, qset_kind_name(q->kind), -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 4, q->sha256, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 5, q->source, (int)q->source_len,
			  SQLITE_STATIC);
	sqlite3_bind_text(stmt, 6, now, -1, SQLITE_STATIC);
	if (sqlite3_step(stmt) != SQLITE_DONE)
		r = store_fail(st, err, "cannot store the question set");
	else if (id)
		*id = sqlite3_last_insert_rowid(store_db(st));
out:
	sqlite3_finalize(stmt);
	return r;
}

static struct qset *
load_row(sqlite3_stmt *stmt, int64_t *id, struct osk_error *err)
{
	struct osk_errlist errs;
	struct qset *q;
	char name[96];

	if (id)
		*id = sqlite3_column_int64(stmt, 0);
	snprintf(name, sizeof(name), "%s (version %d, stored)",
		 sqlite3_column_text(stmt, 1), sqlite3_column_int(stmt, 2));
	osk_errlist_init(&errs, 1);
	q = qset_load_mem(name, (const char *)sqlite3_column_text(stmt, 3),
			  (size_t)sqlite3_column_bytes(stmt, 3), &errs);
	if (!q && err) {
		if (errs.n)
			*err = errs.items[0];
		else
			osk_fail(err, OSK_ENOMEM, "out of memory");
	}
	osk_errlist_release(&errs);
	return q;
}

struct qset *
qstore_get(struct store *st, const char *set_id, int version, int64_t *id,
	   struct osk_error *err)
{
	sqlite3_stmt *stmt;
	struct qset *q = NULL;
	int rc;

	if (store_prepare(st, &stmt, "SELECT id, set_id, version, source FROM"
			  " qset WHERE set_id = ?1 AND (?2 = 0 OR version = ?2)"
			  " ORDER BY version DESC LIMIT 1", err))
		return NULL;
	sqlite3_bind_text(stmt, 1, set_id, -1, SQLITE_STATIC);
	sqlite3_bind_int(stmt, 2, version);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		q = load_row(stmt, id, err);
	else if (rc == SQLITE_DONE && version)
		osk_fail(err, OSK_ENOTFOUND, "no version %d of question set "
			 "'%s'; 'otasuke questions list' shows them", version,
			 set_id);
	else if (rc == SQLITE_DONE)
		osk_fail(err, OSK_ENOTFOUND, "no question set '%s'; 'otasuke "
			 "questions list' shows them", set_id);
	else
		store_fail(st, err, "cannot read question sets");
	sqlite3_finalize(stmt);
	return q;
}

struct qset *
qstore_get_id(struct store *st, int64_t id, struct osk_error *err)
{
	sqlite3_stmt *stmt;
	struct qset *q = NULL;
	int rc;

	if (store_prepare(st, &stmt, "SELECT id, set_id, version, source FROM"
			  " qset WHERE id = ?", err))
		return NULL;
	sqlite3_bind_int64(stmt, 1, id);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		q = load_row(stmt, NULL, err);
	else if (rc == SQLITE_DONE)
		osk_fail(err, OSK_ENOTFOUND, "no stored question set %lld",
			 (long long)id);
	else
		store_fail(st, err, "cannot read question sets");
	sqlite3_finalize(stmt);
	return q;
}

int
qstore_each(struct store *st, qstore_fn *fn, void *data, struct osk_error *err)
{
	sqlite3_stmt *stmt;
	int rc, r;

	if ((r = store_prepare(st, &stmt, "SELECT id, set_id, version, kind,"
			       " loaded_at, version = (SELECT max(version) FROM"
			       " qset q2 WHERE q2.set_id = qset.set_id) FROM"
			       " qset ORDER BY set_id, version", err)))
		return r;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct qstore_info in;

		in.id = sqlite3_column_int64(stmt, 0);
		in.set_id = (const char *)sqlite3_column_text(stmt, 1);
		in.version = sqlite3_column_int(stmt, 2);
		in.kind = (const char *)sqlite3_column_text(stmt, 3);
		in.loaded_at = (const char *)sqlite3_column_text(stmt, 4);
		in.latest = sqlite3_column_int(stmt, 5);
		if ((r = fn(&in, data)))
			break;
	}
	if (!r && rc != SQLITE_DONE)
		r = store_fail(st, err, "cannot read question sets");
	sqlite3_finalize(stmt);
	return r;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
qstore_load_shipped(struct store *st, const char *datadir, int *loaded,
		    struct osk_errlist *errs, struct osk_error *err)
{
	char *names[64], path[4096];
	struct dirent *de;
	size_t n = 0, i;
	DIR *dir;
	int r = 0;

	*loaded = 0;
	if (!(dir = opendir(datadir)))
		return osk_fail(err, OSK_ENOINPUT, "cannot read the question "
				"folder '%s'; set OTASUKE_DATADIR", datadir);
	while ((de = readdir(dir)) && n < sizeof(names) / sizeof(*names)) {
		size_t len = strlen(de->d_name);

		if (len > 5 && !strcmp(de->d_name + len - 5, ".yaml") &&
		    strncmp(de->d_name, "example", 7))
			names[n++] = strdup(de->d_name);
	}
	closedir(dir);
	qsort(names, n, sizeof(*names), cmp_str);
	for (i = 0; i < n && !r; i++) {
		enum qstore_status status;
		struct qset *q;

		if (!names[i]) {
			r = osk_fail(err, OSK_ENOMEM, "out of memory");
			break;
		}
		snprintf(path, sizeof(path), "%s/%s", datadir, names[i]);
		if (!qset_file_is_set(path))
			continue;
		if (!(q = qset_load_file(path, errs))) {
			r = osk_fail(err, OSK_EDATA, "shipped question set '%s' "
				     "has errors", path);
			break;
		}
		r = qstore_put(st, q, &status, NULL, err);
		if (!r && status != QSTORE_SAME)
			(*loaded)++;
		qset_free(q);
	}
	for (i = 0; i < n; i++)
		free(names[i]);
	return r;
}
