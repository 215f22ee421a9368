/* SPDX-License-Identifier: MIT */
#ifndef CORE_INDUSTRY_H
#define CORE_INDUSTRY_H

#include "core/error.h"
#include "core/text.h"

/*
 * JSIC major divisions (A-T) and employee size bands, from
 * questions/industries.yaml. Load once with industries_load(), free with
 * industries_free().
 */
struct industry {
	char id[2];
	const char *ja, *en;
};

struct size_band {
	const char *id;		/* "1-5", ..., "301+" */
	long min, max;		/* max -1: no upper bound */
	const char *ja, *en;
};

struct industries {
	struct industry *items;
	size_t n;
	struct size_band *sizes;
	size_t nsizes;
	struct yaml_doc *doc;	/* owns the strings */
};

/*
 * Load the industries file at path (questions/industries.yaml).
 * Returns NULL with err filled (OSK_ENOINPUT, OSK_EDATA with position).
 */
struct industries *industries_load(const char *path, struct osk_error *err);
void industries_free(struct industries *ind);

/*
 * The division for s: its letter (either case), or its Japanese or
 * English name (ASCII case and surrounding spaces ignored). NULL if none.
 */
const struct industry *industries_find(const struct industries *ind,
				       const char *s);

/* The name of division id in lang, or id itself if unknown. */
const char *industries_name(const struct industries *ind, const char *id,
			    enum osk_lang lang);

/* The size band for a number of employees (NULL when employees < 1). */
const struct size_band *industries_size(const struct industries *ind,
					long employees);

#endif
