/* SPDX-License-Identifier: MIT */
#ifndef CORE_QSTORE_H
#define CORE_QSTORE_H

#include <stdint.h>

#include "core/qset.h"
#include "core/store.h"

/*
 * Question sets kept in the database with their YAML text and version, so
 * that answers point to the version they were given under and old reports
 * can be made again exactly.
 */

enum qstore_status {
	QSTORE_NEW,		/* a set not seen before */
	QSTORE_NEW_VERSION,	/* a higher version of a known set */
	QSTORE_SAME,		/* this version with this content is there */
};

/*
 * Store q (its source text, version and hash). The caller holds the
 * transaction. A stored version with other content is refused
 * (-OSK_EDATA: "set 'X' version N is already loaded with other content;
 * raise 'version'"), as is a version lower than the newest stored. *id
 * (may be NULL) receives the row id.
 */
int qstore_put(struct store *st, const struct qset *q,
	       enum qstore_status *status, int64_t *id, struct osk_error *err);

/*
 * Load set set_id from the database: version 0 means the newest. *id
 * (may be NULL) receives its row id. Returns NULL with err filled
 * (-OSK_ENOTFOUND: "no question set 'X'; 'otasuke questions list' shows
 * them"). Free with qset_free().
 */
struct qset *qstore_get(struct store *st, const char *set_id, int version,
			int64_t *id, struct osk_error *err);

/* Load the set stored under row id. */
struct qset *qstore_get_id(struct store *st, int64_t id,
			   struct osk_error *err);

/* One stored version, for listing. */
struct qstore_info {
	int64_t id;
	const char *set_id, *kind, *loaded_at;
	int version;
	int latest;		/* 1 for the newest version of its set */
};
typedef int qstore_fn(const struct qstore_info *info, void *data);
int qstore_each(struct store *st, qstore_fn *fn, void *data,
		struct osk_error *err);

/*
 * Load every question set of the data folder into the database (new sets
 * and new versions). *loaded receives how many were added. Errors in a
 * shipped file are returned (they are bugs of the release).
 */
int qstore_load_shipped(struct store *st, const char *datadir, int *loaded,
			struct osk_errlist *errs, struct osk_error *err);

#endif
