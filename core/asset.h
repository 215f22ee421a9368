/* SPDX-License-Identifier: MIT */
#ifndef CORE_ASSET_H
#define CORE_ASSET_H

#include <stdbool.h>
#include <stdint.h>

#include "core/csv.h"
#include "core/error.h"
#include "core/store.h"

/* A device of a company, from its asset ledger. */
struct asset {
	int64_t id, company_id;
	char ip[48];		/* normalised (inet_ntop), "" if none */
	char mac[18];		/* aa:bb:cc:dd:ee:ff, "" if none */
	const char *hostname, *owner, *location;	/* borrowed */
};

/*
 * Normalise an IPv4 or IPv6 address into out (inet_ntop form, so that
 * "192.168.001.010" is refused and "2001:DB8::1" becomes "2001:db8::1").
 * Returns 0, or -1 if s is not an address.
 */
int asset_ip_normalize(const char *s, char out[48]);

/*
 * Normalise a MAC address written aa:bb:cc:dd:ee:ff, aa-bb-cc-dd-ee-ff or
 * aabb.ccdd.eeff (either case) into lower-case colon form. 0 or -1.
 */
int asset_mac_normalize(const char *s, char out[18]);

/*
 * Replace the asset ledger of company_id with the rows of a CSV file
 * (header: ip, mac, hostname, owner, location; ip or mac required per
 * row). All or nothing: bad rows go into errs, nothing is written. Runs
 * its own transaction. *n receives the number of assets stored.
 */
int asset_import(struct store *st, int64_t company_id, const char *path,
		 enum csv_encoding enc, size_t *n, struct sbuf *unknown,
		 struct osk_errlist *errs, struct osk_error *err);

/*
 * Add one device to company_id's ledger (ip and mac normalised; at least
 * one needed). The caller holds the transaction.
 */
int asset_add(struct store *st, int64_t company_id, const char *ip,
	      const char *mac, const char *hostname, const char *owner,
	      const char *location, struct osk_error *err);

/*
 * Call fn for each asset of company_id, ordered by ip then hostname.
 * Strings in the asset are valid during the call only.
 */
typedef int asset_fn(const struct asset *a, void *data);
int asset_each(struct store *st, int64_t company_id, asset_fn *fn, void *data,
	       struct osk_error *err);

/*
 * Find the asset of company_id with address ip (any written form). Returns
 * 1 and fills *hostname and *owner (caller frees; may be NULL), 0 if none.
 */
int asset_lookup(struct store *st, int64_t company_id, const char *ip,
		 char **hostname, char **owner, struct osk_error *err);

#endif
