/* SPDX-License-Identifier: MIT */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/industry.h"
#include "core/yaml.h"

static int
load_divisions(struct industries *ind, const struct yaml_node *seq,
	       struct osk_error *err)
{
	static const char *const known[] = { "id", "name", NULL };
	const struct yaml_doc *d = ind->doc;
	size_t i;
	int r;

	if ((r = yaml_node_expect(d, seq, YAML_NODE_SEQ, "'industries'", err)))
		return r;
	ind->items = yaml_doc_alloc(ind->doc, (seq->n + 1) * sizeof(*ind->items));
	if (!ind->items)
		return osk_fail(err, OSK_ENOMEM, "out of memory");
	for (i = 0; i < seq->n; i++) {
		struct yaml_map m = { d, seq->items[i], "industry" };
		struct industry *it = &ind->items[ind->n];
		struct osk_errlist errs;
		const char *id;
		size_t bad;

		if ((r = yaml_node_expect(d, m.node, YAML_NODE_MAP,
					  "an industry", err)))
			return r;
		osk_errlist_init(&errs, 1);
		bad = yaml_map_check_keys(&m, known, &errs);
		if (bad)
			*err = errs.items[0];
		osk_errlist_release(&errs);
		if (bad)
			return -OSK_EDATA;
		if ((r = yaml_map_str(&m, "id", YAML_REQUIRED, &id, err)) < 0 ||
		    (r = yaml_map_text(&m, "name", YAML_REQUIRED, &it->ja,
				       &it->en, err)) < 0)
			return r;
		if (strlen(id) != 1 || id[0] < 'A' || id[0] > 'T')
			return osk_error_set(err, OSK_EDATA, yaml_doc_path(d),
					     m.node->line, m.node->col,
					     "industry id '%s' is not a letter "
					     "A-T", id);
		it->id[0] = id[0];
		ind->n++;
	}
	return 0;
}

static int
load_sizes(struct industries *ind, const struct yaml_node *seq,
	   struct osk_error *err)
{
	const struct yaml_doc *d = ind->doc;
	size_t i;
	int r, v;

	if ((r = yaml_node_expect(d, seq, YAML_NODE_SEQ, "'sizes'", err)))
		return r;
	ind->sizes = yaml_doc_alloc(ind->doc, (seq->n + 1) * sizeof(*ind->sizes));
	if (!ind->sizes)
		return osk_fail(err, OSK_ENOMEM, "out of memory");
	for (i = 0; i < seq->n; i++) {
		struct yaml_map m = { d, seq->items[i], "size band" };
		struct size_band *b = &ind->sizes[ind->nsizes];

		if ((r = yaml_node_expect(d, m.node, YAML_NODE_MAP,
					  "a size band", err)))
			return r;
		if ((r = yaml_map_str(&m, "id", YAML_REQUIRED, &b->id, err)) < 0
		    || (r = yaml_map_int(&m, "min", YAML_REQUIRED, &v, err)) < 0
		    || (r = yaml_map_text(&m, "label", YAML_REQUIRED, &b->ja,
					  &b->en, err)) < 0)
			return r;
		b->min = v;
		b->max = -1;
		if ((r = yaml_map_int(&m, "max", 0, &v, err)) < 0)
			return r;
		if (r == 1)
			b->max = v;
		ind->nsizes++;
	}
	return 0;
}

struct industries *
industries_load(const char *path, struct osk_error *err)
{
	struct industries *ind = calloc(1, sizeof(*ind));
	const struct yaml_node *root, *n;

	if (!ind) {
		osk_fail(err, OSK_ENOMEM, "out of memory");
		return NULL;
	}
	if (!(ind->doc = yaml_doc_load_file(path, err)))
		goto fail;
	root = yaml_doc_root(ind->doc);
	if (!root || root->kind != YAML_NODE_MAP) {
		osk_error_set(err, OSK_EDATA, path, 1, 1, "expected a mapping "
			      "with 'industries' and 'sizes'");
		goto fail;
	}
	if (!(n = yaml_node_get(root, "industries")) ||
	    load_divisions(ind, n, err))
		goto missing;
	if (!(n = yaml_node_get(root, "sizes")) || load_sizes(ind, n, err))
		goto missing;
	return ind;
missing:
	if (!err || !err->code)
		osk_error_set(err, OSK_EDATA, path, 1, 1, "'industries' and "
			      "'sizes' are both required");
fail:
	industries_free(ind);
	return NULL;
}

void
industries_free(struct industries *ind)
{
	if (!ind)
		return;
	yaml_doc_free(ind->doc);
	free(ind);
}

/*
 * Next significant character of a division name for matching: spaces
 * (also U+3000) are skipped, ASCII is lower-cased, and the commas people
 * type in its place ("，" "、" ",") are one character.
 */
static int
name_next(const char **p)
{
	const unsigned char *s = (const unsigned char *)*p;

	for (;;) {
		if (*s == ' ' || *s == '\t') {
			s++;
		} else if (s[0] == 0xe3 && s[1] == 0x80 && s[2] == 0x80) {
			s += 3;
		} else {
			break;
		}
	}
	if ((s[0] == 0xef && s[1] == 0xbc && s[2] == 0x8c) ||
	    (s[0] == 0xe3 && s[1] == 0x80 && s[2] == 0x81)) {
		*p = (const char *)s + 3;
		return ',';
	}
	if (!*s) {
		*p = (const char *)s;
		return 0;
	}
	*p = (const char *)s + 1;
	return *s >= 'A' && *s <= 'Z' ? *s + 32 : *s;
}

static bool
name_eq(const char *a, const char *b)
{
	int ca, cb;

	do {
		ca = name_next(&a);
		cb = name_next(&b);
	} while (ca && ca == cb);
	return ca == cb;
}

const struct industry *
industries_find(const struct industries *ind, const char *s)
{
	size_t i;

	for (i = 0; i < ind->n; i++) {
		const struct industry *it = &ind->items[i];
		const char *p = s;
		int c = name_next(&p);

		if ((c == it->id[0] + 32) && !name_next(&p))
			return it;
		if (name_eq(s, it->ja) || name_eq(s, it->en))
			return it;
	}
	return NULL;
}

const char *
industries_name(const struct industries *ind, const char *id,
		enum osk_lang lang)
{
	const struct industry *it = ind ? industries_find(ind, id) : NULL;

	if (!it)
		return id;
	return lang == OSK_LANG_JA ? it->ja : it->en;
}

const struct size_band *
industries_size(const struct industries *ind, long employees)
{
	size_t i;

	for (i = 0; i < ind->nsizes; i++)
		if (employees >= ind->sizes[i].min &&
		    (ind->sizes[i].max < 0 || employees <= ind->sizes[i].max))
			return &ind->sizes[i];
	return NULL;
}
