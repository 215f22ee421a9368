/* SPDX-License-Identifier: MIT */
#ifndef CORE_STORE_H
#define CORE_STORE_H

#include <stdbool.h>
#include <stdint.h>
#include <sqlite3.h>

#include "core/error.h"

/*
 * The otasuke database: one SQLite file in WAL mode with foreign keys on,
 * identified by PRAGMA application_id and versioned by PRAGMA user_version
 * with forward migrations. Every write goes through store_begin() /
 * store_commit(); a command that fails calls store_rollback() and leaves
 * the file as it was.
 */
struct store;

#define STORE_APP_ID		0x4f54534b	/* "OTSK" */
#define STORE_SCHEMA_VERSION	1
#define STORE_BUSY_MS		5000

enum store_flags {
	STORE_CREATE = 1 << 0,	/* create the file (mode 0600) if missing */
	STORE_READONLY = 1 << 1,
};

/*
 * Open (and with STORE_CREATE create) the database at path, migrating an
 * older schema forward. A file that is not an otasuke database, or one
 * made by a newer otasuke, is refused and left untouched.
 * Returns NULL with err filled: OSK_ENOINPUT (missing, no STORE_CREATE),
 * OSK_EDATA (not ours / newer), OSK_ECANTCREAT, OSK_EIO, OSK_EBUSY.
 * Close with store_close().
 */
struct store *store_open(const char *path, int flags, struct osk_error *err);
void store_close(struct store *st);

/* The SQLite handle, for prepared statements in the library folders. */
sqlite3 *store_db(struct store *st);
const char *store_path(const struct store *st);

/*
 * Begin a write transaction (BEGIN IMMEDIATE, waiting up to
 * store_busy_ms for other writers), commit it, or roll it back.
 */
int store_begin(struct store *st, struct osk_error *err);
int store_commit(struct store *st, struct osk_error *err);
void store_rollback(struct store *st);
void store_set_busy_ms(struct store *st, int ms);

/*
 * Turn the last SQLite error into err (what: what was being done) and
 * return the negative OSK code: busy/locked -> OSK_EBUSY, constraint ->
 * OSK_EDATA, full/ioerr/readonly/cantopen -> OSK_EIO, else OSK_EINTERNAL.
 */
int store_fail(struct store *st, struct osk_error *err, const char *what);

/*
 * Prepare sql (a literal: never built from input) or fill err.
 * The caller finalizes the statement in the same function.
 */
int store_prepare(struct store *st, sqlite3_stmt **stmt, const char *sql,
		  struct osk_error *err);

/* Run one statement with no parameters and no result rows. */
int store_exec(struct store *st, const char *sql, struct osk_error *err);

/* Bind a C string, or NULL (and "" when empty is false) as SQL NULL. */
int store_bind_text(sqlite3_stmt *stmt, int idx, const char *s);

/* The current UTC time as "YYYY-MM-DDTHH:MM:SSZ" (SOURCE_DATE_EPOCH aware). */
void store_now(char buf[32]);

/* ---- config (desk.name, desk.phone, desk.hours, desk.email, peers.min) ---- */

/* Known keys and their defaults; NULL-terminated. */
struct store_config_key {
	const char *key;
	const char *def;	/* NULL: no default */
	const char *help;
};
extern const struct store_config_key store_config_keys[];

/* Is key a known config key? */
const struct store_config_key *store_config_lookup(const char *key);

/*
 * The value of key (caller frees), or its default, or NULL if unset.
 * Returns 0 or a negative OSK code.
 */
int store_config_get(struct store *st, const char *key, char **value,
		     struct osk_error *err);
int store_config_set(struct store *st, const char *key, const char *value,
		     struct osk_error *err);
/* Integer config value with fallback def. */
int store_config_int(struct store *st, const char *key, int def);

/* ---- maintenance ---- */

/*
 * PRAGMA integrity_check + foreign_key_check + schema version. Problems
 * are returned as an error count in *problems and their text (caller
 * frees) in *report.
 */
int store_check(struct store *st, int *problems, char **report,
		struct osk_error *err);

/* Copy the database to path with the online backup API (0600). */
int store_backup(struct store *st, const char *path, struct osk_error *err);

/* Write one UTF-8 CSV per table into dir (created if needed). */
int store_export(struct store *st, const char *dir, int *ntables,
		 struct osk_error *err);

#endif
