/* SPDX-License-Identifier: MIT */
/*
 * The monitoring service's summary export: one CSV row per company,
 * period, event and (optionally) source address, with a count. All or
 * nothing, like every import: each bad row is reported and nothing is
 * stored unless every row is good.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alerts/alerts.h"
#include "alerts/internal.h"
#include "core/asset.h"
#include "core/company.h"

enum col { C_COMPANY, C_START, C_END, C_EVENT, C_COUNT, C_SRC, NCOL };

static const struct csv_alias header_names[] = {
	{ C_COMPANY, "company" }, { C_COMPANY, "会社名" },
	{ C_COMPANY, "企業名" },
	{ C_START, "period_start" }, { C_START, "開始日" },
	{ C_END, "period_end" }, { C_END, "終了日" },
	{ C_EVENT, "event" }, { C_EVENT, "イベント" },
	{ C_COUNT, "count" }, { C_COUNT, "件数" },
	{ C_SRC, "src_ip" }, { C_SRC, "送信元IP" },
};
#define NHEADER (sizeof(header_names) / sizeof(*header_names))

#define MAX_COUNT INT64_C(1000000000000)	/* per row, a sanity bound */

/* Company keys seen in the file and what they resolved to. */
struct company_key {
	char *key;
	int64_t id;		/* 0: no such company */
};

/*
 * A checked row, kept until the whole file is known to be good. Rows are
 * stored sorted by company and period, which keeps the inserts into the
 * indexes of alert_count local whatever the order of the file (three
 * times faster for a shuffled million rows).
 */
struct pending {
	int64_t company, count;
	uint32_t ip;		/* index into the address pool; 0: none */
	uint32_t event;		/* catalog index; nevents: unclassified */
	char start[10], end[10];
};

struct ctx {
	struct store *st;
	const struct alerts_catalog *cat;
	struct csv_reader *csv;
	struct osk_errlist *errs;
	struct alerts_import_result *res;
	int col[NCOL];
	size_t ncols;
	struct company_key *keys;
	size_t nkeys, mask;
	struct pending *rows;
	size_t nrows, arows;
	struct ippool ips;
};

/* ---- reading ---- */

static int
hash_file(const char *path, char *sha_hex, struct osk_error *err)
{
	unsigned char buf[1 << 16];
	struct sha256 c;
	size_t n;
	FILE *f = fopen(path, "rb");

	if (!f)		/* csv_open() tells why, in its words */
		return 0;
	sha256_init(&c);
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		sha256_update(&c, buf, n);
	if (ferror(f)) {
		int e = errno;

		fclose(f);
		return osk_fail(err, e == EISDIR ? OSK_ENOINPUT : OSK_EIO,
				e == EISDIR ? "'%s' is a directory, not a file"
				: "cannot read '%s': %s", path, strerror(e));
	}
	fclose(f);
	sha256_final_hex(&c, sha_hex);
	return 0;
}

/* Standard input, read whole so that it can be hashed and then parsed. */
static int
slurp_stdin(struct sbuf *sb, struct osk_error *err)
{
	char buf[1 << 16];
	size_t n;

	while ((n = fread(buf, 1, sizeof(buf), stdin)) > 0)
		if (sbuf_add(sb, buf, n))
			return osk_fail(err, OSK_ENOMEM, "out of memory");
	if (ferror(stdin))
		return osk_fail(err, OSK_EIO, "cannot read standard input: "
				"%s", strerror(errno));
	return 0;
}

/* ---- rows ---- */

static void
row_error(struct ctx *x, enum col c, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void
row_error(struct ctx *x, enum col c, const char *fmt, ...)
{
	struct osk_error e;
	char msg[400];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	osk_error_clear(&e);
	csv_error_set(x->csv, &e, OSK_EDATA, c == NCOL ? CSV_NO_FIELD :
		      (size_t)x->col[c], "%s", msg);
	osk_errlist_add(x->errs, &e);
}

/* A field for messages: at most about 48 bytes. */
static const char *
shown(const char *s, char *buf, size_t size)
{
	size_t n = strlen(s);

	if (n < 48) {
		snprintf(buf, size, "%s", s);
		return buf;
	}
	n = 45;
	while (n && ((unsigned char)s[n] & 0xc0) == 0x80)
		n--;
	snprintf(buf, size, "%.*s...", (int)n, s);
	return buf;
}

static int
grow_keys(struct ctx *x)
{
	size_t cap = x->keys ? 2 * (x->mask + 1) : 64, i, j;
	struct company_key *t = calloc(cap, sizeof(*t));

	if (!t)
		return -OSK_ENOMEM;
	for (i = 0; x->keys && i <= x->mask; i++) {
		if (!x->keys[i].key)
			continue;
		for (j = alerts_hash_bytes(ALERTS_HASH_SEED, x->keys[i].key, strlen(x->keys[i].key)) & (cap - 1); t[j].key;
		     j = (j + 1) & (cap - 1))
			;
		t[j] = x->keys[i];
	}
	free(x->keys);
	x->keys = t;
	x->mask = cap - 1;
	return 0;
}

/* The company id for key (id or exact name), 0 if none; cached. */
static int
company_id(struct ctx *x, const char *key, int64_t *id,
	   struct osk_error *err)
{
	struct company c;
	size_t i;
	int r;

	for (i = alerts_hash_bytes(ALERTS_HASH_SEED, key, strlen(key)) & x->mask; x->keys && x->keys[i].key;
	     i = (i + 1) & x->mask)
		if (!strcmp(x->keys[i].key, key)) {
			*id = x->keys[i].id;
			return 0;
		}
	r = company_find(x->st, key, &c, err);
	if (r && r != -OSK_ENOTFOUND)
		return r;
	*id = r ? 0 : c.id;
	if (!r)
		company_release(&c);
	if ((x->nkeys + 1) * 2 > (x->keys ? x->mask + 1 : 0) && grow_keys(x))
		return osk_fail(err, OSK_ENOMEM, "out of memory");
	for (i = alerts_hash_bytes(ALERTS_HASH_SEED, key, strlen(key)) & x->mask; x->keys[i].key;
	     i = (i + 1) & x->mask)
		;
	if (!(x->keys[i].key = strdup(key)))
		return osk_fail(err, OSK_ENOMEM, "out of memory");
	x->keys[i].id = *id;
	x->nkeys++;
	return 0;
}

/* A whole number 0..MAX_COUNT, or -1. */
static int64_t
parse_count(const char *s)
{
	int64_t v = 0;

	if (!*s)
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9' || v > MAX_COUNT / 10)
			return -1;
		v = v * 10 + (*s - '0');
	}
	return v > MAX_COUNT ? -1 : v;
}

static const char *
field(const struct ctx *x, const char **f, enum col c)
{
	return x->col[c] >= 0 ? f[x->col[c]] : "";
}

static int
keep_row(struct ctx *x, int64_t company, const char *start, const char *end,
	 size_t ev, const char *ip, int64_t n, struct osk_error *err)
{
	struct pending *p;

	if (x->nrows == x->arows) {
		size_t na = x->arows ? 2 * x->arows : 1024;
		void *q = realloc(x->rows, na * sizeof(*x->rows));

		if (!q)
			return alerts_nomem(err);
		x->rows = q;
		x->arows = na;
	}
	p = &x->rows[x->nrows];
	if (ippool_index(&x->ips, ip, strlen(ip), &p->ip))
		return alerts_nomem(err);
	p->company = company;
	p->count = n;
	p->event = ev == ALERTS_NONE ? (uint32_t)x->cat->nevents
		   : (uint32_t)ev;
	memcpy(p->start, start, 10);
	memcpy(p->end, end, 10);
	x->nrows++;
	return 0;
}

static int
pending_cmp(const void *pa, const void *pb)
{
	const struct pending *a = pa, *b = pb;
	int c;

	if (a->company != b->company)
		return a->company < b->company ? -1 : 1;
	if ((c = memcmp(a->start, b->start, 10)))
		return c;
	if (a->event != b->event)
		return a->event < b->event ? -1 : 1;
	return a->ip < b->ip ? -1 : a->ip > b->ip;
}

/* Store the checked rows as one import; the caller holds the transaction. */
static int
store_rows(struct ctx *x, const char *path, struct osk_error *err)
{
	struct alerts_import_result *res = x->res;
	struct count_writer w;
	size_t i;
	int r;

	qsort(x->rows, x->nrows, sizeof(*x->rows), pending_cmp);
	if ((r = import_add(x->st, ALERTS_KIND_SUMMARY, res->sha256, path,
			    &res->import_id, err)))
		return r;
	count_writer_init(&w, x->st, res->import_id);
	for (i = 0; !r && i < x->nrows; i++) {
		const struct pending *p = &x->rows[i];

		r = count_writer_add(&w, p->company, p->start, p->end,
				     alerts_event_id(x->cat, p->event),
				     x->ips.ip[p->ip], p->count, err);
	}
	if (!r)
		r = count_writer_flush(&w, err);
	count_writer_release(&w);
	res->rows = w.rows_written;
	res->alerts = w.alerts;
	if (!r)
		r = import_set_records(x->st, res->import_id,
				       (int64_t)res->records, err);
	return r;
}

/* Check one row and keep it unless the file already has errors. */
static int
take_row(struct ctx *x, const char **f, struct osk_error *err)
{
	const char *company = field(x, f, C_COMPANY),
		   *start = field(x, f, C_START), *end = field(x, f, C_END),
		   *event = field(x, f, C_EVENT), *cnt = field(x, f, C_COUNT),
		   *src = field(x, f, C_SRC);
	char ip[48] = "", buf[64];
	int64_t id = 0, n;
	size_t ev;
	int r;

	if (!*company)
		row_error(x, C_COMPANY, "the company is empty");
	else if ((r = company_id(x, company, &id, err)))
		return r;
	else if (!id)
		row_error(x, C_COMPANY, "no company '%s'; 'otasuke company "
			  "list' shows them", shown(company, buf, sizeof(buf)));
	if (!alerts_date_ok(start))
		row_error(x, C_START, "period_start '%s' is not a date "
			  "(YYYY-MM-DD)", shown(start, buf, sizeof(buf)));
	if (!alerts_date_ok(end))
		row_error(x, C_END, "period_end '%s' is not a date "
			  "(YYYY-MM-DD)", shown(end, buf, sizeof(buf)));
	else if (alerts_date_ok(start) && strcmp(end, start) < 0)
		row_error(x, C_END, "period_end %s is before period_start %s",
			  end, start);
	ev = alerts_catalog_event(x->cat, event);
	if (ev == ALERTS_NONE && strcmp(event, ALERTS_UNCLASSIFIED))
		row_error(x, C_EVENT, "unknown event '%s'; 'otasuke alerts "
			  "events' lists them", shown(event, buf, sizeof(buf)));
	if ((n = parse_count(cnt)) < 0)
		row_error(x, C_COUNT, "count '%s' is not a whole number of 0 "
			  "or more", shown(cnt, buf, sizeof(buf)));
	if (*src && asset_ip_normalize(src, ip))
		row_error(x, C_SRC, "src_ip '%s' is not an IPv4 or IPv6 "
			  "address", shown(src, buf, sizeof(buf)));
	if (x->errs->total)	/* nothing is stored anyway */
		return 0;
	return keep_row(x, id, start, end, ev, ip, n, err);
}

/* ---- the header ---- */

/*
 * The first record: a header row (names in any order), or already data
 * in the documented order when its second field is a date.
 */
static int
read_header(struct ctx *x, const char **f, size_t nf, struct sbuf *unknown,
	    bool *is_data, struct osk_error *err)
{
	size_t i;
	int r;

	for (i = 0; i < NCOL; i++)
		x->col[i] = -1;
	x->ncols = nf;
	*is_data = nf >= 2 && alerts_date_ok(f[1]);
	if (*is_data) {
		if (nf != 5 && nf != 6)
			return csv_error_set(x->csv, err, OSK_EDATA,
					     CSV_NO_FIELD, "%zu fields; "
					     "expected company,period_start,"
					     "period_end,event,count[,src_ip]",
					     nf);
		for (i = 0; i < nf; i++)
			x->col[i] = (int)i;
		return 0;
	}
	if ((r = csv_header_map_alias(x->csv, header_names, NHEADER, x->col,
				      NCOL, unknown, err)) < 0)
		return r;
	for (i = 0; i < C_SRC; i++)
		if (x->col[i] < 0)
			return csv_error_set(x->csv, err, OSK_EDATA,
					     CSV_NO_FIELD, "the header needs "
					     "columns company, period_start, "
					     "period_end, event and count "
					     "(src_ip is optional)");
	return 0;
}

/* ---- the import ---- */

static int
open_input(const char *path, struct sbuf *in, enum csv_encoding enc,
	   struct alerts_import_result *res, struct csv_reader **csv,
	   struct osk_error *err)
{
	struct sha256 c;
	int r;

	if (!strcmp(path, "-")) {
		if ((r = slurp_stdin(in, err)))
			return r;
		sha256_init(&c);
		sha256_update(&c, in->buf, in->len);
		sha256_final_hex(&c, res->sha256);
		*csv = csv_open_mem("<stdin>", in->buf, in->len, enc, err);
	} else {
		if ((r = hash_file(path, res->sha256, err)))
			return r;
		*csv = csv_open(path, enc, err);
	}
	return *csv ? 0 : -err->code;
}

int
alerts_summary_import(struct store *st, const struct alerts_catalog *cat,
		      const char *path, enum csv_encoding enc,
		      struct alerts_import_result *res,
		      struct osk_errlist *errs, struct osk_error *err)
{
	struct ctx x;
	struct sbuf in = SBUF_INIT, unknown = SBUF_INIT;
	const char **f;
	bool is_data = false;
	size_t nf, i;
	int r;

	memset(&x, 0, sizeof(x));
	memset(res, 0, sizeof(*res));
	x.st = st;
	x.cat = cat;
	x.errs = errs;
	x.res = res;
	if ((r = open_input(path, &in, enc, res, &x.csv, err)))
		goto out;
	if ((r = import_find(st, ALERTS_KIND_SUMMARY, res->sha256, res,
			     err))) {
		r = r < 0 ? r : 0;
		goto out;
	}
	if ((r = csv_read(x.csv, &f, NULL, &nf, err)) <= 0) {
		if (r == 0)
			r = osk_error_set(err, OSK_EDATA, csv_path(x.csv), 0,
					  0, "the file is empty; expected a "
					  "header row: company,period_start,"
					  "period_end,event,count,src_ip");
		goto out;
	}
	if ((r = read_header(&x, f, nf, &unknown, &is_data, err)))
		goto out;
	for (r = is_data ? 1 : csv_read(x.csv, &f, NULL, &nf, err); r == 1;
	     r = csv_read(x.csv, &f, NULL, &nf, err)) {
		res->records++;
		if (nf != x.ncols) {
			row_error(&x, NCOL, "%zu fields, %s than the %s's "
				  "%zu", nf, nf < x.ncols ? "fewer" : "more",
				  is_data ? "first row" : "header", x.ncols);
			continue;
		}
		if ((r = take_row(&x, f, err)))
			goto out;
	}
	res->used = csv_encoding_used(x.csv);
	if (r < 0)
		goto out;
	if (!res->records) {
		r = osk_error_set(err, OSK_EDATA, csv_path(x.csv), 0, 0,
				  "no rows after the header row");
		goto out;
	}
	if (errs->total) {
		r = -OSK_EDATA;
		goto out;
	}
	if ((r = store_begin(st, err)))
		goto out;
	if ((r = store_rows(&x, strcmp(path, "-") ? path : "<stdin>",
			    err)) || (r = store_commit(st, err))) {
		store_rollback(st);
		res->import_id = 0;
		res->rows = 0;
		res->alerts = 0;
	}
out:
	snprintf(res->unknown, sizeof(res->unknown), "%s", unknown.buf);
	for (i = 0; x.keys && i <= x.mask; i++)
		free(x.keys[i].key);
	free(x.keys);
	free(x.rows);
	ippool_release(&x.ips);
	csv_close(x.csv);
	sbuf_release(&in);
	sbuf_release(&unknown);
	return r;
}
