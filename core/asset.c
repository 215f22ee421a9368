/* SPDX-License-Identifier: MIT */
#include <arpa/inet.h>
#include <ctype.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "core/asset.h"

int
asset_ip_normalize(const char *s, char out[48])
{
	unsigned char buf[16];

	if (inet_pton(AF_INET, s, buf) == 1)
		return inet_ntop(AF_INET, buf, out, 48) ? 0 : -1;
	if (inet_pton(AF_INET6, s, buf) == 1)
		return inet_ntop(AF_INET6, buf, out, 48) ? 0 : -1;
	return -1;
}

int
asset_mac_normalize(const char *s, char out[18])
{
	char hex[13];
	size_t n = 0, i, len = strlen(s);
	char sep = len == 17 ? s[2] : len == 14 ? '.' : 0;

	if (!sep || (sep != ':' && sep != '-' && sep != '.'))
		return -1;
	for (i = 0; i < len; i++) {
		bool at_sep = sep == '.' ? i % 5 == 4 : i % 3 == 2;

		if (at_sep) {
			if (s[i] != sep)
				return -1;
		} else if (!isxdigit((unsigned char)s[i]) || n == 12) {
			return -1;
		} else {
			hex[n++] = (char)tolower((unsigned char)s[i]);
		}
	}
	if (n != 12)
		return -1;
	for (i = 0; i < 6; i++) {
		out[i * 3] = hex[i * 2];
		out[i * 3 + 1] = hex[i * 2 + 1];
		out[i * 3 + 2] = i == 5 ? '\0' : ':';
	}
	return 0;
}

enum { A_IP, A_MAC, A_HOST, A_OWNER, A_LOC, NA };

static const char *const asset_cols[] = {
	"ip", "mac", "hostname", "owner", "location",
};

static void
add_error(struct csv_reader *csv, struct osk_errlist *errs, int field,
	  const char *fmt, const char *arg)
{
	struct osk_error e;

	osk_error_clear(&e);
	csv_error_set(csv, &e, OSK_EDATA,
		      field < 0 ? CSV_NO_FIELD : (size_t)field, fmt, arg);
	osk_errlist_add(errs, &e);
}

static const char *
opt_field(const char **f, int idx)
{
	return idx >= 0 && *f[idx] ? f[idx] : NULL;
}

int
asset_import(struct store *st, int64_t company_id, const char *path,
	     enum csv_encoding enc, size_t *n, struct sbuf *unknown,
	     struct osk_errlist *errs, struct osk_error *err)
{
	struct csv_reader *csv;
	sqlite3_stmt *del = NULL, *ins = NULL;
	const char **f;
	size_t nf, ncols = 0;
	int idx[NA], r;

	*n = 0;
	if (!(csv = csv_open(path, enc, err)))
		return -err->code;
	if ((r = csv_read_header(csv, "ip,mac,hostname,owner,location", &f,
				 &nf, err)) < 0)
		goto out;
	ncols = nf;
	if ((r = csv_header_map(csv, asset_cols, NA, idx, unknown, err)) < 0)
		goto out;
	if (idx[A_IP] < 0 && idx[A_MAC] < 0) {
		r = csv_error_set(csv, err, OSK_EDATA, CSV_NO_FIELD, "the header "
				  "needs an 'ip' or 'mac' column");
		goto out;
	}
	if ((r = store_begin(st, err)))
		goto out;
	if ((r = store_prepare(st, &del, "DELETE FROM asset WHERE "
			       "company_id = ?", err)) ||
	    (r = store_prepare(st, &ins, "INSERT INTO asset(company_id, ip, "
			       "mac, hostname, owner, location) VALUES "
			       "(?, ?, ?, ?, ?, ?)", err)))
		goto fail;
	sqlite3_bind_int64(del, 1, company_id);
	if (sqlite3_step(del) != SQLITE_DONE) {
		r = store_fail(st, err, "cannot replace the asset list");
		goto fail;
	}
	while ((r = csv_read(csv, &f, NULL, &nf, err)) == 1) {
		const char *ip, *mac;
		char ipn[48] = "", macn[18] = "";

		if (nf != ncols) {
			add_error(csv, errs, -1, "%s", nf < ncols ?
				  "fewer fields than the header" :
				  "more fields than the header");
			continue;
		}
		ip = opt_field(f, idx[A_IP]);
		mac = opt_field(f, idx[A_MAC]);
		if (!ip && !mac)
			add_error(csv, errs, -1, "%s", "a device needs an ip or "
				  "a mac address");
		if (ip && asset_ip_normalize(ip, ipn))
			add_error(csv, errs, idx[A_IP], "'%s' is not an IPv4 or "
				  "IPv6 address", ip);
		if (mac && asset_mac_normalize(mac, macn))
			add_error(csv, errs, idx[A_MAC], "'%s' is not a MAC "
				  "address (like 00:1a:2b:3c:4d:5e)", mac);
		if (errs->total)
			continue;
		sqlite3_reset(ins);
		sqlite3_bind_int64(ins, 1, company_id);
		store_bind_text(ins, 2, *ipn ? ipn : NULL);
		store_bind_text(ins, 3, *macn ? macn : NULL);
		store_bind_text(ins, 4, opt_field(f, idx[A_HOST]));
		store_bind_text(ins, 5, opt_field(f, idx[A_OWNER]));
		store_bind_text(ins, 6, opt_field(f, idx[A_LOC]));
		if (sqlite3_step(ins) != SQLITE_DONE) {
			r = store_fail(st, err, "cannot save a device");
			goto fail;
		}
		(*n)++;
	}
	if (r < 0)
		goto fail;
	if (errs->total) {
		r = -OSK_EDATA;
		goto fail;
	}
	if (!*n) {
		r = osk_error_set(err, OSK_EDATA, csv_path(csv), 0, 0,
				  "no devices after the header row");
		goto fail;
	}
	r = store_commit(st, err);
	goto out;
fail:
	store_rollback(st);
out:
	sqlite3_finalize(del);
	sqlite3_finalize(ins);
	csv_close(csv);
	return r;
}

int
asset_add(struct store *st, int64_t company_id, const char *ip,
	  const char *mac, const char *hostname, const char *owner,
	  const char *location, struct osk_error *err)
{
	char ipn[48] = "", macn[18] = "";
	sqlite3_stmt *ins;
	int r;

	if (ip && *ip && asset_ip_normalize(ip, ipn))
		return osk_fail(err, OSK_EDATA, "'%s' is not an IPv4 or IPv6 "
				"address", ip);
	if (mac && *mac && asset_mac_normalize(mac, macn))
		return osk_fail(err, OSK_EDATA, "'%s' is not a MAC address "
				"(like 00:1a:2b:3c:4d:5e)", mac);
	if (!*ipn && !*macn)
		return osk_fail(err, OSK_EDATA, "a device needs an ip or a mac "
				"address");
	if ((r = store_prepare(st, &ins, "INSERT INTO asset(company_id, ip, "
			       "mac, hostname, owner, location) VALUES "
			       "(?, ?, ?, ?, ?, ?)", err)))
		return r;
	sqlite3_bind_int64(ins, 1, company_id);
	store_bind_text(ins, 2, *ipn ? ipn : NULL);
	store_bind_text(ins, 3, *macn ? macn : NULL);
	store_bind_text(ins, 4, hostname);
	store_bind_text(ins, 5, owner);
	store_bind_text(ins, 6, location);
	if (sqlite3_step(ins) != SQLITE_DONE)
		r = store_fail(st, err, "cannot save a device");
	sqlite3_finalize(ins);
	return r;
}

int
asset_each(struct store *st, int64_t company_id, asset_fn *fn, void *data,
	   struct osk_error *err)
{
	sqlite3_stmt *stmt;
	int rc, r;

	if ((r = store_prepare(st, &stmt, "SELECT id, ip, mac, hostname, "
			       "owner, location FROM asset WHERE company_id = ?"
			       " ORDER BY ip, hostname, id", err)))
		return r;
	sqlite3_bind_int64(stmt, 1, company_id);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct asset a;
		const char *s;

		memset(&a, 0, sizeof(a));
		a.id = sqlite3_column_int64(stmt, 0);
		a.company_id = company_id;
		if ((s = (const char *)sqlite3_column_text(stmt, 1)))
			snprintf(a.ip, sizeof(a.ip), "%s", s);
		if ((s = (const char *)sqlite3_column_text(stmt, 2)))
			snprintf(a.mac, sizeof(a.mac), "%s", s);
		a.hostname = (const char *)sqlite3_column_text(stmt, 3);
		a.owner = (const char *)sqlite3_column_text(stmt, 4);
		a.location = (const char *)sqlite3_column_text(stmt, 5);
		if ((r = fn(&a, data)))
			break;
	}
	if (!r && rc != SQLITE_DONE)
		r = store_fail(st, err, "cannot read the asset list");
	sqlite3_finalize(stmt);
	return r;
}

int
asset_lookup(struct store *st, int64_t company_id, const char *ip,
	     char **hostname, char **owner, struct osk_error *err)
{
	sqlite3_stmt *stmt;
	char norm[48];
	int rc, r;

	*hostname = *owner = NULL;
	if (asset_ip_normalize(ip, norm))
		return 0;
	if ((r = store_prepare(st, &stmt, "SELECT hostname, owner FROM asset"
			       " WHERE company_id = ? AND ip = ? LIMIT 1", err)))
		return r;
	sqlite3_bind_int64(stmt, 1, company_id);
	sqlite3_bind_text(stmt, 2, norm, -1, SQLITE_STATIC);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		const char *h = (const char *)sqlite3_column_text(stmt, 0);
		const char *o = (const char *)sqlite3_column_text(stmt, 1);

		*hostname = h ? strdup(h) : NULL;
		*owner = o ? strdup(o) : NULL;
		r = 1;
	} else if (rc != SQLITE_DONE) {
		r = store_fail(st, err, "cannot read the asset list");
	}
	sqlite3_finalize(stmt);
	return r;
}
