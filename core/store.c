/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/csv.h"
#include "core/internal.h"
#include "core/out.h"
#include "core/sbuf.h"
#include "core/store.h"

struct store {
	sqlite3 *db;
	char *path;
	int busy_ms;
	bool in_txn;
};

/* ---- errors ---- */

int
store_fail(struct store *st, struct osk_error *err, const char *what)
{
	int rc = sqlite3_extended_errcode(st->db) & 0xff;
	const char *path = st->path;

	switch (rc) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return osk_fail(err, OSK_EBUSY,
				"database '%s' is locked by another otasuke "
				"for more than %d s; try again when it has "
				"finished", path, st->busy_ms / 1000);
	case SQLITE_CONSTRAINT:
		return osk_fail(err, OSK_EDATA, "%s: %s", what,
				sqlite3_errmsg(st->db));
	case SQLITE_FULL:
		return osk_fail(err, OSK_EIO, "%s: the disk holding '%s' is "
				"full; free some space and try again", what,
				path);
	case SQLITE_READONLY:
		return osk_fail(err, OSK_EIO, "database '%s' cannot be written "
				"(the file or its folder is read-only); otasuke "
				"needs to write both: check their permissions",
				path);
	case SQLITE_IOERR:
	case SQLITE_CANTOPEN:
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		return osk_fail(err, OSK_EIO, "%s: '%s': %s", what, path,
				sqlite3_errmsg(st->db));
	default:
		return osk_fail(err, OSK_EINTERNAL, "%s: %s", what,
				sqlite3_errmsg(st->db));
	}
}

int
store_prepare(struct store *st, sqlite3_stmt **stmt, const char *sql,
	      struct osk_error *err)
{
	if (sqlite3_prepare_v2(st->db, sql, -1, stmt, NULL) != SQLITE_OK) {
		*stmt = NULL;
		return store_fail(st, err, "cannot prepare a query");
	}
	return 0;
}

int
store_exec(struct store *st, const char *sql, struct osk_error *err)
{
	if (sqlite3_exec(st->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return store_fail(st, err, "database update failed");
	return 0;
}

int
store_bind_text(sqlite3_stmt *stmt, int idx, const char *s)
{
	if (!s)
		return sqlite3_bind_null(stmt, idx);
	return sqlite3_bind_text(stmt, idx, s, -1, SQLITE_TRANSIENT);
}

void
store_now(char buf[32])
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	time_t t = time(NULL);
	struct tm tm;

	if (sde && *sde) {
		char *end;
		long long v = strtoll(sde, &end, 10);

		if (!*end && v >= 0)
			t = (time_t)v;
	}
	gmtime_r(&t, &tm);
	strftime(buf, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* ---- opening ---- */

static int
pragma_int(struct store *st, const char *sql, int *out)
{
	sqlite3_stmt *stmt;
	int rc;

	if (sqlite3_prepare_v2(st->db, sql, -1, &stmt, NULL) != SQLITE_OK)
		return -1;
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int(stmt, 0);
	sqlite3_finalize(stmt);
	return rc == SQLITE_ROW ? 0 : -1;
}

static int
create_file(const char *path, struct osk_error *err)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);

	if (fd < 0 && errno != EEXIST)
		return osk_fail(err, OSK_ECANTCREAT,
				"cannot create database '%s': %s", path,
				strerror(errno));
	if (fd >= 0)
		close(fd);
	return 0;
}

/* Is this a database we may use? Reads only; writes nothing. */
static int
check_identity(struct store *st, int *version, struct osk_error *err)
{
	int app = 0, tables = 0;

	if (pragma_int(st, "PRAGMA application_id", &app) ||
	    pragma_int(st, "PRAGMA user_version", version)) {
		int rc = sqlite3_errcode(st->db);

		if (rc == SQLITE_NOTADB)
			return osk_fail(err, OSK_EDATA,
					"'%s' is not an otasuke database (not "
					"an SQLite file); name another file "
					"with --db", st->path);
		return store_fail(st, err, "cannot read the database");
	}
	if (app == 0 && *version == 0) {
		if (pragma_int(st, "SELECT count(*) FROM sqlite_master",
			       &tables))
			return store_fail(st, err, "cannot read the database");
		if (tables == 0)
			return 0;	/* empty: ours to set up */
	}
	if (app != STORE_APP_ID)
		return osk_fail(err, OSK_EDATA,
				"'%s' is an SQLite database of another "
				"program, not otasuke's; name another file "
				"with --db", st->path);
	if (*version > STORE_SCHEMA_VERSION)
		return osk_fail(err, OSK_EDATA,
				"'%s' was made by a newer otasuke (schema %d, "
				"this one knows %d); upgrade otasuke",
				st->path, *version, STORE_SCHEMA_VERSION);
	return 0;
}

static int
migrate(struct store *st, struct osk_error *err)
{
	char sql[96];
	int v = 0, r;

	if ((r = store_begin(st, err)))
		return r;
	/* Read again inside the lock: another process may have migrated. */
	if (pragma_int(st, "PRAGMA user_version", &v)) {
		r = store_fail(st, err, "cannot read the schema version");
		goto fail;
	}
	for (; v < STORE_SCHEMA_VERSION && v < store_nmigrations; v++)
		if ((r = store_exec(st, store_migrations[v], err)))
			goto fail;
	/* PRAGMA takes no bound parameters; both values are our integers. */
	snprintf(sql, sizeof(sql),
		 "PRAGMA application_id = %d; PRAGMA user_version = %d",
		 STORE_APP_ID, v);
	if ((r = store_exec(st, sql, err)))
		goto fail;
	return store_commit(st, err);
fail:
	store_rollback(st);
	return r;
}

struct store *
store_open(const char *path, int flags, struct osk_error *err)
{
	struct store *st = NULL;
	struct stat sb;
	int version = 0, oflags;

	if (stat(path, &sb) == 0) {
		if (S_ISDIR(sb.st_mode)) {
			osk_fail(err, OSK_ENOINPUT, "database '%s' is a "
				 "directory; name a file with --db", path);
			return NULL;
		}
	} else if (errno != ENOENT || !(flags & STORE_CREATE)) {
		if (errno == ENOENT)
			osk_fail(err, OSK_ENOINPUT, "no database '%s'; run "
				 "'otasuke init' to create it, or name one "
				 "with --db", path);
		else
			osk_fail(err, OSK_ENOINPUT, "cannot open database "
				 "'%s': %s", path, strerror(errno));
		return NULL;
	} else if (create_file(path, err)) {
		return NULL;
	}

	if (!(st = calloc(1, sizeof(*st))) || !(st->path = strdup(path))) {
		osk_fail(err, OSK_ENOMEM, "out of memory");
		goto fail;
	}
	st->busy_ms = STORE_BUSY_MS;
	if (getenv("OTASUKE_BUSY_MS"))
		st->busy_ms = atoi(getenv("OTASUKE_BUSY_MS"));
	/* One connection per process, used from one thread. */
	oflags = (flags & STORE_READONLY ? SQLITE_OPEN_READONLY
					 : SQLITE_OPEN_READWRITE) |
		 SQLITE_OPEN_NOMUTEX;
	if (sqlite3_open_v2(path, &st->db, oflags, NULL) != SQLITE_OK) {
		osk_fail(err, OSK_EIO, "cannot open database '%s': %s", path,
			 st->db ? sqlite3_errmsg(st->db) : "out of memory");
		goto fail;
	}
	sqlite3_busy_timeout(st->db, st->busy_ms);
	sqlite3_extended_result_codes(st->db, 1);
	if (check_identity(st, &version, err))
		goto fail;
	if (store_exec(st, "PRAGMA foreign_keys = ON", err))
		goto fail;
	if (!(flags & STORE_READONLY)) {
		if (store_exec(st, "PRAGMA journal_mode = WAL;"
			       "PRAGMA synchronous = NORMAL", err))
			goto fail;
		if (version < STORE_SCHEMA_VERSION && migrate(st, err))
			goto fail;
	} else if (version < STORE_SCHEMA_VERSION) {
		osk_fail(err, OSK_EDATA, "database '%s' needs an upgrade; run "
			 "any otasuke command that writes to it", path);
		goto fail;
	}
	return st;
fail:
	store_close(st);
	return NULL;
}

void
store_close(struct store *st)
{
	if (!st)
		return;
	if (st->in_txn)
		store_rollback(st);
	sqlite3_close(st->db);
	free(st->path);
	free(st);
}

sqlite3 *
store_db(struct store *st)
{
	return st->db;
}

const char *
store_path(const struct store *st)
{
	return st->path;
}

void
store_set_busy_ms(struct store *st, int ms)
{
	st->busy_ms = ms;
	sqlite3_busy_timeout(st->db, ms);
}

/* ---- transactions ---- */

int
store_begin(struct store *st, struct osk_error *err)
{
	if (sqlite3_exec(st->db, "BEGIN IMMEDIATE", NULL, NULL, NULL))
		return store_fail(st, err, "cannot start a transaction");
	st->in_txn = true;
	return 0;
}

int
store_commit(struct store *st, struct osk_error *err)
{
	if (sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL)) {
		int r = store_fail(st, err, "cannot save the changes");

		store_rollback(st);
		return r;
	}
	st->in_txn = false;
	return 0;
}

void
store_rollback(struct store *st)
{
	if (!sqlite3_get_autocommit(st->db))
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	st->in_txn = false;
}

/* ---- config ---- */

const struct store_config_key store_config_keys[] = {
	{ "desk.name", NULL, "service desk name shown on reports" },
	{ "desk.phone", NULL, "service desk phone number" },
	{ "desk.hours", NULL, "service desk opening hours" },
	{ "desk.email", NULL, "service desk e-mail address" },
	{ "desk.url", NULL, "service desk web page" },
	{ "peers.min", "5", "smallest peer group whose average is shown" },
	{ "report.consultant", NULL, "default consultant name on reports" },
	{ NULL, NULL, NULL },
};

const struct store_config_key *
store_config_lookup(const char *key)
{
	const struct store_config_key *k;

	for (k = store_config_keys; k->key; k++)
		if (!strcmp(k->key, key))
			return k;
	return NULL;
}

int
store_config_get(struct store *st, const char *key, char **value,
		 struct osk_error *err)
{
	const struct store_config_key *k = store_config_lookup(key);
	sqlite3_stmt *stmt;
	const char *v = NULL;
	int rc, r = 0;

	*value = NULL;
	if ((r = store_prepare(st, &stmt,
			       "SELECT value FROM config WHERE key = ?", err)))
		return r;
	sqlite3_bind_text(stmt, 1, key, -1, SQLITE_STATIC);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		v = (const char *)sqlite3_column_text(stmt, 0);
	else if (rc != SQLITE_DONE)
		r = store_fail(st, err, "cannot read the settings");
	if (!v && k)
		v = k->def;
	if (!r && v && !(*value = strdup(v)))
		r = osk_fail(err, OSK_ENOMEM, "out of memory");
	sqlite3_finalize(stmt);
	return r;
}

int
store_config_set(struct store *st, const char *key, const char *value,
		 struct osk_error *err)
{
	sqlite3_stmt *stmt;
	int r;

	if (value)
		r = store_prepare(st, &stmt,
				  "INSERT INTO config(key, value) VALUES (?, ?)"
				  " ON CONFLICT(key) DO UPDATE SET value ="
				  " excluded.value", err);
	else
		r = store_prepare(st, &stmt, "DELETE FROM config WHERE key = ?",
				  err);
	if (r)
		return r;
	sqlite3_bind_text(stmt, 1, key, -1, SQLITE_STATIC);
	if (value)
		sqlite3_bind_text(stmt, 2, value, -1, SQLITE_STATIC);
	if (sqlite3_step(stmt) != SQLITE_DONE)
		r = store_fail(st, err, "cannot save the setting");
	sqlite3_finalize(stmt);
	return r;
}

int
store_config_int(struct store *st, const char *key, int def)
{
	char *v = NULL, *end;
	long n;

	if (store_config_get(st, key, &v, NULL) || !v)
		return def;
	n = strtol(v, &end, 10);
	if (*end || end == v || n < 0 || n > 1000000)
		n = def;
	free(v);
	return (int)n;
}

/* ---- maintenance ---- */

int
store_check(struct store *st, int *problems, char **report,
	    struct osk_error *err)
{
	static const char *const checks[] = {
		"PRAGMA integrity_check",
		"PRAGMA foreign_key_check",
	};
	struct sbuf sb = SBUF_INIT;
	sqlite3_stmt *stmt;
	size_t i;
	int r = 0, version = 0;

	*problems = 0;
	for (i = 0; !r && i < sizeof(checks) / sizeof(*checks); i++) {
		if ((r = store_prepare(st, &stmt, checks[i], err)))
			break;
		while (sqlite3_step(stmt) == SQLITE_ROW) {
			const char *a = (const char *)sqlite3_column_text(stmt, 0);

			if (i == 0 && a && !strcmp(a, "ok"))
				continue;
			(*problems)++;
			if (i == 0)
				sbuf_addf(&sb, "integrity: %s\n", a ? a : "?");
			else
				sbuf_addf(&sb, "foreign key: table %s row %lld"
					  " points to a missing %s\n", a,
					  sqlite3_column_int64(stmt, 1),
					  sqlite3_column_text(stmt, 2));
		}
		sqlite3_finalize(stmt);
	}
	if (!r && !pragma_int(st, "PRAGMA user_version", &version) &&
	    version != STORE_SCHEMA_VERSION) {
		(*problems)++;
		sbuf_addf(&sb, "schema: version %d, expected %d\n", version,
			  STORE_SCHEMA_VERSION);
	}
	*report = sbuf_detach(&sb, NULL);
	return r;
}

int
store_backup(struct store *st, const char *path, struct osk_error *err)
{
	sqlite3 *dst = NULL;
	sqlite3_backup *bk;
	char *tmp = NULL;
	int fd, rc, r = 0;

	if (asprintf(&tmp, "%s.tmpXXXXXX", path) < 0)
		return osk_fail(err, OSK_ENOMEM, "out of memory");
	if ((fd = mkstemp(tmp)) < 0) {
		r = osk_fail(err, OSK_ECANTCREAT, "cannot create '%s': %s",
			     path, strerror(errno));
		free(tmp);
		return r;
	}
	close(fd);
	if (sqlite3_open_v2(tmp, &dst, SQLITE_OPEN_READWRITE, NULL)) {
		r = osk_fail(err, OSK_ECANTCREAT, "cannot create '%s'", path);
		goto out;
	}
	if (!(bk = sqlite3_backup_init(dst, "main", st->db, "main"))) {
		r = osk_fail(err, OSK_EIO, "backup failed: %s",
			     sqlite3_errmsg(dst));
		goto out;
	}
	/* Copy in steps so that other writers are not held up for long. */
	do {
		rc = sqlite3_backup_step(bk, 256);
		if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
			sqlite3_sleep(20);
	} while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
	sqlite3_backup_finish(bk);
	if (rc != SQLITE_DONE) {
		r = osk_fail(err, OSK_EIO, "backup to '%s' failed: %s", path,
			     sqlite3_errstr(rc));
		goto out;
	}
	sqlite3_close(dst);
	dst = NULL;
	if (rename(tmp, path))
		r = osk_fail(err, OSK_ECANTCREAT, "cannot create '%s': %s",
			     path, strerror(errno));
out:
	sqlite3_close(dst);
	if (r)
		unlink(tmp);
	free(tmp);
	return r;
}

/* Every table, with a literal query each: no SQL is built from names. */
static const struct {
	const char *name, *sql;
} export_tables[] = {
	{ "config", "SELECT * FROM config ORDER BY key" },
	{ "company", "SELECT * FROM company ORDER BY id" },
	{ "asset", "SELECT * FROM asset ORDER BY id" },
	{ "qset", "SELECT id, set_id, version, kind, sha256, loaded_at"
		  " FROM qset ORDER BY id" },
	{ "assessment", "SELECT * FROM assessment ORDER BY id" },
	{ "answer", "SELECT * FROM answer ORDER BY assessment_id, question" },
	{ "reference_avg", "SELECT * FROM reference_avg"
			   " ORDER BY set_id, industry, category" },
	{ "import", "SELECT * FROM import ORDER BY id" },
	{ "survey_response", "SELECT * FROM survey_response ORDER BY id" },
	{ "survey_answer", "SELECT * FROM survey_answer"
			   " ORDER BY response_id, question, choice" },
	{ "alert_count", "SELECT * FROM alert_count ORDER BY id" },
	{ "incident", "SELECT * FROM incident ORDER BY id" },
};

static int
export_one(struct store *st, const char *dir, size_t t, struct osk_error *err)
{
	struct sbuf sb = SBUF_INIT;
	sqlite3_stmt *stmt = NULL;
	char *path = NULL, *tmp = NULL;
	FILE *f = NULL;
	int i, n, fd, rc, r = 0;

	if (asprintf(&path, "%s/%s.csv", dir, export_tables[t].name) < 0 ||
	    asprintf(&tmp, "%s.tmpXXXXXX", path) < 0) {
		r = osk_fail(err, OSK_ENOMEM, "out of memory");
		goto out;
	}
	if ((fd = mkstemp(tmp)) < 0 || !(f = fdopen(fd, "w"))) {
		r = osk_fail(err, OSK_ECANTCREAT, "cannot create '%s': %s",
			     path, strerror(errno));
		goto out;
	}
	if ((r = store_prepare(st, &stmt, export_tables[t].sql, err)))
		goto out;
	n = sqlite3_column_count(stmt);
	for (i = 0; i < n; i++) {
		if (i)
			sbuf_addch(&sb, ',');
		csv_write_field(&sb, sqlite3_column_name(stmt, i),
				strlen(sqlite3_column_name(stmt, i)));
	}
	sbuf_addch(&sb, '\n');
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		for (i = 0; i < n; i++) {
			const char *v = (const char *)sqlite3_column_text(stmt, i);

			if (i)
				sbuf_addch(&sb, ',');
			if (v)
				csv_write_field(&sb, v,
					(size_t)sqlite3_column_bytes(stmt, i));
		}
		sbuf_addch(&sb, '\n');
		if (sb.len > 65536) {
			fwrite(sb.buf, 1, sb.len, f);
			sbuf_reset(&sb);
		}
	}
	if (rc != SQLITE_DONE) {
		r = store_fail(st, err, "cannot read the database");
		goto out;
	}
	fwrite(sb.buf, 1, sb.len, f);
	if (fflush(f) || ferror(f) || fsync(fileno(f))) {
		r = osk_fail(err, OSK_EIO, "cannot write '%s': %s", path,
			     strerror(errno));
		goto out;
	}
	fclose(f);
	f = NULL;
	if (rename(tmp, path))
		r = osk_fail(err, OSK_ECANTCREAT, "cannot create '%s': %s",
			     path, strerror(errno));
out:
	sqlite3_finalize(stmt);
	if (f)
		fclose(f);
	if (r && tmp)
		unlink(tmp);
	sbuf_release(&sb);
	free(path);
	free(tmp);
	return r;
}

int
store_export(struct store *st, const char *dir, int *ntables,
	     struct osk_error *err)
{
	size_t t;
	int r;

	if (mkdir(dir, 0700) && errno != EEXIST)
		return osk_fail(err, OSK_ECANTCREAT, "cannot create '%s': %s",
				dir, strerror(errno));
	*ntables = 0;
	/* One read transaction: all files show the same moment. */
	sqlite3_exec(st->db, "BEGIN", NULL, NULL, NULL);
	for (t = 0; t < sizeof(export_tables) / sizeof(*export_tables); t++) {
		if ((r = export_one(st, dir, t, err))) {
			sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
			return r;
		}
		(*ntables)++;
	}
	sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL);
	return 0;
}
