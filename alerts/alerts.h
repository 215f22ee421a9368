/* SPDX-License-Identifier: MIT */
#ifndef ALERTS_ALERTS_H
#define ALERTS_ALERTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/csv.h"
#include "core/error.h"
#include "core/qset.h"
#include "core/sha256.h"
#include "core/store.h"

/*
 * Network sensor alerts: the event catalog (questions/alerts.yaml), the
 * import of summary CSV files and Suricata EVE logs, incidents reported by
 * analysts, and the figures computed from them (kill-chain table, per
 * company, per industry, correlation, mismatch with the diagnosis, and the
 * network check of the health-check sheet).
 *
 * Counts are kept in table alert_count, one row per company, period, event
 * and source address. Alerts that match no event of the catalog are kept
 * as event "unclassified", so that every total reconciles with what was
 * imported.
 */

/* ================================================================== */
/* ---- event catalog ---- */

#define ALERTS_UNCLASSIFIED "unclassified"
#define ALERTS_NONE ((size_t)-1)	/* "no event": unclassified */

enum alerts_severity {
	ALERTS_LOW,
	ALERTS_MEDIUM,
	ALERTS_HIGH,
};

/* A stage of an attack (kill chain), in the order they happen. */
struct alerts_phase {
	const char *id;
	struct osk_text title;
	struct osk_text plain;	/* plain words; title when not given */
	int line;
};

/* An event the sensor reports, with its mapping rules for EVE alerts. */
struct alerts_event {
	const char *id;
	size_t phase;		/* index into alerts_catalog.phases */
	enum alerts_severity severity;
	struct osk_text title;	/* plain title for the owner */
	struct osk_text advice;	/* plain advice for the owner */
	const int64_t *sids;	/* match.sids */
	size_t nsids;
	const char *const *signatures;	/* match.signature (POSIX ERE) */
	size_t nsignatures;
	const char *const *categories;	/* match.category */
	size_t ncategories;
	int line;
};

struct alerts_catalog {
	const char *id;		/* "catalog:" */
	int version;
	const struct alerts_phase *phases;
	size_t nphases;
	const struct alerts_event *events;	/* in file (sheet) order */
	size_t nevents;
	const char *path;
	char sha256[SHA256_HEX_SIZE];	/* of the source text */
	struct alerts_catalog_priv *priv;
};

/*
 * Load and check an event catalog: keys catalog, version, phases [{id,
 * title, plain}], events [{id, phase, severity, title, advice, match:
 * {sids, signature, category}}], every key checked. Errors found go to
 * errs (may be NULL), one line each "path:line:col: message": unknown
 * keys, missing texts, unknown phases, duplicate ids, the reserved id
 * "unclassified", a sid or category under two events, a signature that
 * is not a valid POSIX extended regular expression. Returns the catalog,
 * to free with alerts_catalog_free(), or NULL when there was any error
 * (codes OSK_ENOINPUT, OSK_EDATA, OSK_ENOMEM).
 */
struct alerts_catalog *alerts_catalog_load_file(const char *path,
						struct osk_errlist *errs);
struct alerts_catalog *alerts_catalog_load_mem(const char *name,
					       const char *buf, size_t len,
					       struct osk_errlist *errs);
void alerts_catalog_free(struct alerts_catalog *c);

/* Index of the event / phase with that id, or ALERTS_NONE. */
size_t alerts_catalog_event(const struct alerts_catalog *c, const char *id);
size_t alerts_catalog_phase(const struct alerts_catalog *c, const char *id);

/*
 * Classify a Suricata alert by the catalog's rules, most precise first:
 * the event whose sids hold sid; else the first event whose signature
 * pattern matches signature (ignoring case; high-severity events are
 * tried first, then medium, then low, each in file order, so that a
 * "brute force ... succeeded" is not taken for a failed attempt); else
 * the first event whose
 * category list holds category (ignoring ASCII case); else ALERTS_NONE
 * (unclassified). sid < 0, signature NULL and category NULL mean "not
 * given". Returns the event index or ALERTS_NONE.
 */
size_t alerts_catalog_classify(const struct alerts_catalog *c, int64_t sid,
			       const char *signature, const char *category);

/* "low", "medium", "high". */
const char *alerts_severity_name(enum alerts_severity s);

/* The event id of index i, or "unclassified" for ALERTS_NONE. */
const char *alerts_event_id(const struct alerts_catalog *c, size_t i);

/* ================================================================== */
/* ---- small helpers ---- */

/*
 * Whether s is a calendar date written YYYY-MM-DD (years 1900-9999),
 * with nothing before or after.
 */
bool alerts_date_ok(const char *s);

/* ================================================================== */
/* ---- import: summary CSV ---- */

#define ALERTS_KIND_SUMMARY "alerts-summary"
#define ALERTS_KIND_EVE "alerts-eve"
#define ALERTS_KIND_ZEEK "alerts-zeek-notice"

/* What an import did, for the messages of bin/. */
struct alerts_import_result {
	bool duplicate;		/* same content imported before: skipped */
	char imported_at[32];	/* when it was imported first (duplicate) */
	int64_t import_id;	/* the import row (0 when skipped) */
	size_t records;		/* data rows read (summary) */
	size_t rows;		/* alert_count rows stored */
	int64_t alerts;		/* sum of the counts stored */
	enum csv_encoding used;	/* summary: encoding of the file */
	char unknown[256];	/* summary: unknown columns, for a warning */
	char sha256[SHA256_HEX_SIZE];
};

/*
 * Import a summary CSV: company,period_start,period_end,event,count
 * [,src_ip] (a header row with these names, any order, is expected; a
 * file whose first row already holds data is read in this order). company
 * is a company id or exact name; dates are YYYY-MM-DD; event is an id of
 * the catalog or "unclassified"; count a whole number >= 0; src_ip an
 * IPv4/IPv6 address or empty. path "-" reads standard input.
 *
 * All or nothing: every bad row goes into errs ("FILE:LINE: field N
 * (column X): ..."), and nothing is stored when there is one. A file with
 * the same content (SHA-256) as an earlier summary import is not stored
 * again: res->duplicate is set and 0 returned. Runs its own transaction.
 * Returns 0, -OSK_EDATA when errs has entries, or another error in err.
 */
int alerts_summary_import(struct store *st, const struct alerts_catalog *cat,
			  const char *path, enum csv_encoding enc,
			  struct alerts_import_result *res,
			  struct osk_errlist *errs, struct osk_error *err);

/* ================================================================== */
/* ---- import: Suricata EVE JSON ---- */

/*
 * A reader of Suricata EVE JSON lines that counts the alerts per day (the
 * date as written in "timestamp"), event and source address. Records
 * whose event_type is not "alert" are passed over; keys may come in any
 * order, unknown keys and nested values are skipped without building
 * anything. Input is read in large blocks, so memory grows with the
 * number of distinct (day, event, address) keys and the longest line,
 * never with the size of the input.
 *
 * Problems with single lines are warnings, not errors: lines that are not
 * JSON objects (and a last line cut short) are counted, and the first
 * ALERTS_EVE_KEEP of them are kept with their line and column.
 */
struct alerts_eve;

#define ALERTS_EVE_KEEP 5		/* warnings kept with position */
#define ALERTS_EVE_LINE_MAX (64u * 1024 * 1024)	/* longest line read */

struct alerts_eve_stats {
	uint64_t bytes;		/* bytes of (uncompressed) input */
	uint64_t lines;		/* lines, blank ones included */
	uint64_t records;	/* JSON objects read */
	uint64_t alerts;	/* alerts counted */
	uint64_t unclassified;	/* of those, matching no event */
	uint64_t bad_lines;	/* not a JSON object (the truncated too) */
	uint64_t skipped;	/* alerts without a usable timestamp */
	bool truncated;		/* the last line was cut short */
};

/* One aggregated count, as handed out by alerts_eve_each(). */
struct alerts_eve_count {
	char day[11];		/* YYYY-MM-DD */
	size_t event;		/* catalog index or ALERTS_NONE */
	const char *src_ip;	/* as written ("" if none), borrowed */
	int64_t count;
};

/*
 * A new reader classifying with cat (borrowed; must outlive it). name is
 * used in warnings. Returns NULL when out of memory. Free with
 * alerts_eve_free().
 */
struct alerts_eve *alerts_eve_new(const struct alerts_catalog *cat,
				  const char *name);
void alerts_eve_free(struct alerts_eve *e);

/*
 * What the reader reads (set before the first byte): Suricata EVE JSON
 * (the default), or a Zeek notice.log in its tab-separated form. A
 * notice counts as one alert on the UTC day of its ts, from src (else
 * id.orig_h); it is classified by the catalog's signature patterns
 * against its note (with '_' and ':' read as spaces) and msg,
 * e.g. "SSH Password Guessing: 192.168.56.1 appears to be guessing SSH
 * passwords" is login-bruteforce-fail. Header lines (#...) are not
 * counted as bad; a data line before #fields is.
 */
enum alerts_log_format {
	ALERTS_LOG_EVE,
	ALERTS_LOG_ZEEK_NOTICE,
};
void alerts_eve_set_format(struct alerts_eve *e, enum alerts_log_format f);

/*
 * Feed len bytes of EVE text; lines may be split anywhere across calls.
 * alerts_eve_finish() ends the input (a last line without a newline is
 * read then; one that is not complete JSON is the truncated last line).
 * Returns 0 or -OSK_ENOMEM (err filled).
 */
int alerts_eve_feed(struct alerts_eve *e, const char *buf, size_t len,
		    struct osk_error *err);
int alerts_eve_finish(struct alerts_eve *e, struct osk_error *err);

/*
 * Read a whole file (path "-" is standard input; gzip-compressed input is
 * recognised by its content) and finish. Returns 0, or -OSK_ENOINPUT
 * (cannot open), -OSK_EIO (read error, broken gzip data), -OSK_ENOMEM.
 */
int alerts_eve_read_file(struct alerts_eve *e, const char *path,
			 struct osk_error *err);

const struct alerts_eve_stats *alerts_eve_stats(const struct alerts_eve *e);

/* Warnings kept (ALERTS_EVE_KEEP at most) and their total. */
const struct osk_errlist *alerts_eve_warnings(const struct alerts_eve *e);

/* SHA-256 of all the bytes fed (after finish), lowercase hex. */
const char *alerts_eve_sha256(const struct alerts_eve *e);

/*
 * Call fn for each aggregated count (in no particular order); stops and
 * returns fn's value when it is not 0.
 */
typedef int alerts_eve_fn(const struct alerts_eve_count *c, void *data);
int alerts_eve_each(const struct alerts_eve *e, alerts_eve_fn *fn,
		    void *data);

/*
 * Store the counts of a finished reader for company_id as one import of
 * kind ALERTS_KIND_EVE (or ALERTS_KIND_ZEEK) named path. The caller holds the transaction. Same
 * content imported before: res->duplicate, nothing stored, 0 returned.
 * Source addresses are stored in normal form; one that is not an address
 * is stored as "".
 */
int alerts_eve_store(struct store *st, const struct alerts_eve *e,
		     int64_t company_id, const char *path,
		     struct alerts_import_result *res, struct osk_error *err);

/* ================================================================== */
/* ---- incidents ---- */

struct alerts_incident {
	int64_t id, company_id;
	char date[11];			/* YYYY-MM-DD */
	enum alerts_severity severity;
	const char *title;
	const char *detail, *action;	/* NULL: not given */
	const char *closed_at;		/* NULL: still open */
	const char *note;		/* closing note, NULL if none */
	const char *company;		/* company name (listing only) */
};

/*
 * Record an incident (inc->id is set). Checks: a date, a title of 1-200
 * characters, texts of valid UTF-8 without control characters (detail
 * and action may hold line breaks). The caller holds the transaction.
 * Returns 0 or -OSK_EDATA / another error in err.
 */
int alerts_incident_add(struct store *st, struct alerts_incident *inc,
			struct osk_error *err);

/*
 * Close incident id with an optional note. -OSK_ENOTFOUND ("no incident
 * N"), -OSK_EDATA when it is closed already. The caller holds the
 * transaction.
 */
int alerts_incident_close(struct store *st, int64_t id, const char *note,
			  struct osk_error *err);

/*
 * Call fn for each incident of company_id (0: all companies), newest date
 * first; open_only leaves out closed ones. Strings are valid during the
 * call only. Stops and returns fn's value when it is not 0.
 */
typedef int alerts_incident_fn(const struct alerts_incident *inc, void *data);
int alerts_incident_each(struct store *st, int64_t company_id, bool open_only,
			 alerts_incident_fn *fn, void *data,
			 struct osk_error *err);

/* Parse "high" | "medium" | "low"; 0 or -1. */
int alerts_severity_parse(const char *s, enum alerts_severity *out);

/* ================================================================== */
/* ---- figures ---- */

/*
 * The rows taken into a figure: those whose period_start falls within
 * [from, to] (both YYYY-MM-DD, inclusive; NULL: open), of one company
 * (company_id > 0) or all.
 */
struct alerts_filter {
	const char *from, *to;
	int64_t company_id;
};

/* The kill-chain table. */
struct alerts_by_event {
	int64_t *counts;	/* [cat->nevents], catalog order */
	int64_t *phase_totals;	/* [cat->nphases] */
	int64_t unclassified;	/* incl. events no longer in the catalog */
	int64_t total;		/* all of the above */
	char first[11], last[11];	/* period_start range, "" if none */
};

int alerts_by_event(struct store *st, const struct alerts_catalog *cat,
		    const struct alerts_filter *f, struct alerts_by_event *out,
		    struct osk_error *err);
void alerts_by_event_release(struct alerts_by_event *t);

/*
 * Companies with a sensor (at least one alert_count row, of any period),
 * with their alerts in the period.
 */
struct alerts_company_row {
	int64_t id;
	char *name;
	char industry[2];
	int64_t pcs;		/* -1: not known */
	int64_t alerts;
	double per_pc;		/* alerts / pcs; NAN when pcs unknown or 0 */
};

struct alerts_by_company {
	struct alerts_company_row *rows;	/* most alerts first, then id */
	size_t n;
};

int alerts_by_company(struct store *st, const struct alerts_filter *f,
		      struct alerts_by_company *out, struct osk_error *err);
void alerts_by_company_release(struct alerts_by_company *t);

/*
 * Per industry, over the companies of alerts_by_company(): pcs is the sum
 * of the known PC counts (-1 when no company of the industry has one),
 * per_pc the alerts of the companies with a known PC count divided by it
 * (NAN when 0 or unknown).
 */
struct alerts_industry_row {
	char id[2];
	int64_t companies;
	int64_t pcs;
	int64_t alerts;
	double per_pc;
};

struct alerts_by_industry {
	struct alerts_industry_row *rows;	/* by industry letter */
	size_t n;
};

/* f->company_id is ignored: industries are always over all companies. */
int alerts_by_industry(struct store *st, const struct alerts_filter *f,
		       struct alerts_by_industry *out, struct osk_error *err);
void alerts_by_industry_release(struct alerts_by_industry *t);

/* Correlation between PCs and alerts over companies with known PCs. */
struct alerts_stats {
	size_t n;
	double pearson;		/* NAN when undefined (n < 3, no spread) */
	double spearman;	/* ranks with ties given their mean rank */
};

int alerts_stats(struct store *st, const struct alerts_filter *f,
		 struct alerts_stats *out, struct osk_error *err);

/*
 * Pearson and Spearman coefficients of n pairs (x[i], y[i]); NAN when
 * n < 3 or either variable does not vary. Exposed for the tests.
 */
double alerts_pearson(const double *x, const double *y, size_t n);
double alerts_spearman(const double *x, const double *y, size_t n);

/* ================================================================== */
/* ---- devices (source addresses with asset names) ---- */

struct alerts_device {
	char ip[48];		/* "" for alerts without a source address */
	char *hostname, *owner;	/* from the assets; NULL when not found */
	size_t event;		/* catalog index or ALERTS_NONE */
	int64_t count;
};

struct alerts_devices {
	struct alerts_device *rows;	/* most alerts first */
	size_t n;
};

/* Per source address and event, for one company (f->company_id > 0). */
int alerts_devices(struct store *st, const struct alerts_catalog *cat,
		   const struct alerts_filter *f, struct alerts_devices *out,
		   struct osk_error *err);
void alerts_devices_release(struct alerts_devices *d);

/* ================================================================== */
/* ---- mismatch with the diagnosis ---- */

/*
 * A company whose latest completed diagnosis answers "done" to both the
 * updates question (tags.sa 1) and the malware protection question
 * (tags.sa 2) while the sensor saw, in the period, an event of phase
 * command-and-control, or malware-site, or phishing-site.
 */
struct alerts_mismatch {
	int64_t company_id;
	char *company;
	int64_t assessment_id;
	char completed_at[32];
	int64_t *counts;	/* [cat->nevents]: only the telling events */
	int64_t alerts;		/* their sum */
};

struct alerts_mismatches {
	struct alerts_mismatch *rows;	/* by company id */
	size_t n;
};

/* Whether event i is one of the telling events above. */
bool alerts_event_tells_infection(const struct alerts_catalog *cat,
				  size_t i);

int alerts_mismatches(struct store *st, const struct alerts_catalog *cat,
		      const struct alerts_filter *f,
		      struct alerts_mismatches *out, struct osk_error *err);
void alerts_mismatches_release(struct alerts_mismatches *m);

/* ================================================================== */
/* ---- the network check of the health-check sheet ---- */

/* An event seen at the company, with the devices it came from. */
struct alerts_check_event {
	size_t index;				/* into cat->events */
	const struct alerts_event *event;	/* borrowed from the catalog */
	const struct alerts_phase *phase;	/* borrowed from the catalog */
	int64_t count;
	struct alerts_device *devices;		/* most alerts first */
	size_t ndevices;
};

struct alerts_check {
	int64_t company_id;
	int64_t total, unclassified;
	int64_t *phase_totals;			/* [cat->nphases] */
	struct alerts_check_event *events;	/* count > 0, catalog order */
	size_t nevents;
	/* open incidents, and those dated within the period */
	struct alerts_incident *incidents;	/* newest first */
	size_t nincidents;
	bool mismatch;		/* see alerts_mismatches() */
	bool has_sensor;	/* any alert data for the company at all */
};

/*
 * Everything the sheet shows about the sensor for one company and period
 * (f->company_id > 0): plain event texts come from the catalog (pick the
 * language with osk_text_get()), device names from the company's assets.
 * Release with alerts_check_release(); the strings are owned by it.
 */
int alerts_check_get(struct store *st, const struct alerts_catalog *cat,
		     const struct alerts_filter *f, struct alerts_check *out,
		     struct osk_error *err);
void alerts_check_release(struct alerts_check *c);

/*
 * alerts_check_get() for many companies of one database: the diagnosis
 * set read for the mismatch check is taken from sets (diag_sets_new(),
 * parsed once) instead of being parsed for each company. sets NULL is
 * alerts_check_get().
 */
struct diag_sets;
int alerts_check_get_sets(struct store *st, const struct alerts_catalog *cat,
			  const struct alerts_filter *f,
			  struct diag_sets *sets, struct alerts_check *out,
			  struct osk_error *err);

#endif
