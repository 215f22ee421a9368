/* SPDX-License-Identifier: MIT */
#ifndef ALERTS_INTERNAL_H
#define ALERTS_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "alerts/alerts.h"

/* Helpers shared by the files of alerts/ (not part of the public API). */

/* FNV-1a over len bytes, from h (ALERTS_HASH_SEED to start). */
#define ALERTS_HASH_SEED 14695981039346656037ull
uint64_t alerts_hash_bytes(uint64_t h, const void *data, size_t len);

/* Fill err with "out of memory" and return -OSK_ENOMEM. */
int alerts_nomem(struct osk_error *err);

/*
 * Source addresses, each kept once and known by its index: ip[0] is "".
 * Zero-initialise; ippool_index() adds ip[0..len) (len < 48) if new and
 * gives its index; ippool_release() frees. Errors: -OSK_ENOMEM, and
 * -OSK_EINTERNAL for a string too long to be an address.
 */
struct ippool {
	char (*ip)[48];
	size_t n, alloc;
	uint32_t *tab;		/* open addressing: index + 1, 0 free */
	size_t mask;
};

int ippool_index(struct ippool *p, const char *ip, size_t len,
		 uint32_t *out);
void ippool_release(struct ippool *p);

/* Whether s[0..10) is a date YYYY-MM-DD (nothing is said about s[10]). */
bool alerts_date_ok10(const char *s);

/*
 * Every query on alert_count (alias a) filters with the same three
 * parameters, so that its SQL stays a literal: ?1 from, ?2 to (NULL:
 * open), ?3 company id (0: all). filter_bind() binds them from f.
 * A query that may be for one company or all is written twice with
 * ALERTS_Q(): "?3 = 0 OR a.company_id = ?3" in one statement would keep
 * SQLite from using the index on company_id, and every sheet of a batch
 * would scan the whole table. filter_prepare() picks the form for f.
 */
#define FILTER_SQL \
	"(?1 IS NULL OR a.period_start >= ?1) AND " \
	"(?2 IS NULL OR a.period_start <= ?2)"
#define COMPANY_ONE_SQL "a.company_id = ?3"
#define ALERTS_Q(pre, post) { pre "?3 = 0" post, pre COMPANY_ONE_SQL post }

void filter_bind(sqlite3_stmt *stmt, const struct alerts_filter *f);
int filter_prepare(struct store *st, sqlite3_stmt **stmt,
		   const char *const sql[2], const struct alerts_filter *f,
		   struct osk_error *err);

/* Fill the hostname and owner of n devices from company_id's assets. */
int devices_name(struct store *st, int64_t company_id,
		 struct alerts_device *d, size_t n, struct osk_error *err);

/*
 * Whether company_id's latest completed diagnosis says updates (SECURITY
 * ACTION 1) and malware protection (2) are done: 1 yes, 0 no or none,
 * < 0 error. Fills the assessment id and completion time when 1 or 0
 * with an assessment.
 */
int mismatch_says_done(struct store *st, int64_t company_id,
		       int64_t *assessment, char completed_at[32],
		       struct osk_error *err);

/* The same with the question set taken from sets (NULL: parsed anew). */
int mismatch_says_done_sets(struct store *st, struct diag_sets *sets,
			    int64_t company_id, int64_t *assessment,
			    char completed_at[32], struct osk_error *err);

/* ---- Zeek notice.log (alerts/zeek.c) ---- */

/* The columns of a notice log, from its #fields line (-1: absent). */
struct zeek_state {
	int ts, note, msg, src, orig;
	bool have_fields;
};

/* One notice: spans of the line; day 0 when ts is missing or bad. */
struct zeek_notice {
	uint32_t day;		/* YYYYMMDD, UTC */
	const char *note, *msg, *src;	/* msg, src: NULL when unset */
	size_t note_len, msg_len, src_len;
	const char *error;	/* why the line is refused */
};

/*
 * Read one line of a notice log (without its newline): 1 a notice in
 * *out, 0 a header or blank line, -1 a line refused (out->error).
 */
int zeek_line(struct zeek_state *z, const char *s, size_t len,
	      struct zeek_notice *out);

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
/*
 * Rows of alert_count written COUNT_BATCH at a time (one INSERT of many
 * VALUES runs much faster than a statement per row). Add rows, flush at
 * the end, release; the caller holds the transaction. Strings are copied
 * except event, which must live until the flush (catalog ids do).
 */
#define COUNT_BATCH 128

struct count_row {
	int64_t company, count;
	char start[10], end[10];
	const char *event;
	char ip[48];
};

struct count_writer {
	struct store *st;
	int64_t import_id;
	sqlite3_stmt *one, *batch;
	struct count_row rows[COUNT_BATCH];
	size_t n;
	size_t rows_written;	/* added so far */
	int64_t alerts;		/* their counts */
};

void count_writer_init(struct count_writer *w, struct store *st,
		       int64_t import_id);
int count_writer_add(struct count_writer *w, int64_t company,
		     const char *start, const char *end, const char *event,
		     const char *ip, int64_t count, struct osk_error *err);
int count_writer_flush(struct count_writer *w, struct osk_error *err);
void count_writer_release(struct count_writer *w);

/* The import kind of what a reader read (ALERTS_KIND_EVE or _ZEEK). */
const char *alerts_eve_kind(const struct alerts_eve *e);

/* How many counting keys a reader holds (alerts_eve_each() calls). */
size_t alerts_eve_keys(const struct alerts_eve *e);

/* Set the records count of import id. */
int import_set_records(struct store *st, int64_t id, int64_t records,
		       struct osk_error *err);

#endif
