/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/qset.h"
#include "report/internal.h"

/*
 * Many sheets with one renderer: the peer averages are computed once per
 * environment (diag_peers_load()), the question sets, the catalog and the
 * industries are loaded once, and each sheet then costs its company's
 * scoring (a few small queries), its alerts queries and the drawing.
 * Nothing is kept from one sheet to the next, so memory stays flat.
 */

struct report_batch {
	struct report_renderer *r;
	struct store *st;
	struct report_health_opts opts;
	struct diag_peers *peers[RT_MAX_ENVS];
	struct diag_sets *sets;
	struct alerts_catalog *own_catalog;
	struct industries *own_industries;
};

static int
load_catalog(struct report_batch *b, struct osk_error *err)
{
	struct osk_errlist errs;
	char *path;

	if (b->opts.catalog)
		return 0;
	if (asprintf(&path, "%s/alerts.yaml", osk_datadir()) < 0)
		return osk_fail(err, OSK_ENOMEM, "out of memory");
	osk_errlist_init(&errs, 1);
	b->own_catalog = alerts_catalog_load_file(path, &errs);
	free(path);
	if (!b->own_catalog) {
		int code = errs.n ? errs.items[0].code : OSK_ENOMEM;

		if (errs.n && err)
			*err = errs.items[0];
		else
			osk_fail(err, OSK_ENOMEM, "out of memory");
		osk_errlist_release(&errs);
		return -code;
	}
	osk_errlist_release(&errs);
	b->opts.catalog = b->own_catalog;
	return 0;
}

static int
load_industries(struct report_batch *b, struct osk_error *err)
{
	char *path;

	if (b->opts.industries)
		return 0;
	if (asprintf(&path, "%s/industries.yaml", osk_datadir()) < 0)
		return osk_fail(err, OSK_ENOMEM, "out of memory");
	b->own_industries = industries_load(path, err);
	free(path);
	if (!b->own_industries)
		return err ? -err->code : -OSK_EDATA;
	b->opts.industries = b->own_industries;
	return 0;
}

int
report_batch_new(struct report_renderer *r, struct store *st,
		 const struct report_health_opts *o,
		 struct report_batch **out, struct osk_error *err)
{
	struct report_batch *b = calloc(1, sizeof(*b));
	size_t i;
	int ret;

	*out = NULL;
	if (!b)
		return osk_fail(err, OSK_ENOMEM, "out of memory");
	b->r = r;
	b->st = st;
	b->opts = *o;
	if ((ret = load_catalog(b, err)) < 0 ||
	    (ret = load_industries(b, err)) < 0)
		goto fail;
	if (!(b->sets = diag_sets_new())) {
		ret = osk_fail(err, OSK_ENOMEM, "out of memory");
		goto fail;
	}
	for (i = 0; i < r->texts.nenvs; i++) {
		ret = diag_peers_load(st, r->texts.envs[i].set, b->sets,
				      &b->peers[i], err);
		if (ret == -OSK_ENOTFOUND) {
			b->peers[i] = NULL;	/* the set is not loaded */
			continue;
		}
		if (ret < 0)
			goto fail;
	}
	b->opts.batches = NULL;
	b->opts.peers = b->peers;
	b->opts.sets = b->sets;
	*out = b;
	return 0;
fail:
	report_batch_free(b);
	return ret;
}

int
report_batch_sheet(struct report_batch *b, int64_t company_id,
		   enum report_fmt fmt, const char *path,
		   struct report_batch_result *res, struct osk_error *err)
{
	struct report_health *h = NULL;
	const struct report_sheet *s;
	int ret;

	memset(res, 0, sizeof(*res));
	ret = report_health_load(b->r, b->st, company_id, &b->opts, &h, err);
	if (ret < 0)
		return ret;
	s = report_health_sheet(h);
	if (s->npages && s->pages[0].grade)
		snprintf(res->grade, sizeof(res->grade), "%s",
			 s->pages[0].grade);
	ret = report_renderer_render(b->r, s, fmt, path, err);
	if (ret >= 0)
		res->pages = ret;
	report_health_free(h);
	return ret;
}

void
report_batch_free(struct report_batch *b)
{
	size_t i;

	if (!b)
		return;
	for (i = 0; i < RT_MAX_ENVS; i++)
		diag_peers_free(b->peers[i]);
	diag_sets_free(b->sets);
	alerts_catalog_free(b->own_catalog);
	industries_free(b->own_industries);
	free(b);
}

/* ---- file names ---- */

char *
report_file_name(int64_t id, const char *name, const char *ext)
{
	struct sbuf sb = SBUF_INIT;
	const unsigned char *p;
	size_t start;
	int r;

	r = sbuf_addf(&sb, "%lld-", (long long)id);
	start = sb.len;
	for (p = (const unsigned char *)(name ? name : ""); *p && !r; p++) {
		unsigned char ch = *p;

		if (sb.len - start >= 80 && (ch & 0xc0) != 0x80)
			break;
		if (ch < 0x20 || ch == 0x7f || strchr("/\\:*?\"<>| ", ch))
			ch = '_';
		if (ch == '.' && sb.len == start)
			ch = '_';
		r = sbuf_addch(&sb, (char)ch);
	}
	if (!r)
		r = sbuf_addf(&sb, ".%s", ext ? ext : "pdf");
	if (r < 0) {
		sbuf_release(&sb);
		return NULL;
	}
	return sbuf_detach(&sb, NULL);
}
