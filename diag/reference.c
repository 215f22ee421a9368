/* SPDX-License-Identifier: MIT */
/*
 * `diag reference import`: published averages (set, industry, category,
 * score, n, source) used as the comparison when a company's industry has
 * too few peers. All or nothing.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/industry.h"
#include "core/text.h"
#include "core/yaml.h"
#include "diag/internal.h"

struct avg {
	const char *set, *category, *source;
	char industry[2];
	double score;
	int n;
	int line, col;
};

struct refset {
	char *id;
	struct qset *q;		/* NULL: unusable */
};

struct ref_ctx {
	struct store *st;
	const struct yaml_doc *doc;
	struct osk_errlist *errs;
	struct refset *sets;
	size_t nsets;
	struct avg *avgs;
	size_t navgs;
	struct industries *ind;	/* names of the divisions, when needed */
	bool ind_tried;
};

static void
add_err(struct ref_ctx *x, const struct osk_error *e)
{
	struct osk_error one = *e;
	size_t n = strlen(one.msg), i = n;
	uint32_t cp;
	char *p;

	/* a value written over several lines stays off the message */
	for (p = one.msg; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = ' ';
	/* and a long one is cut between characters */
	while (i && ((unsigned char)one.msg[i - 1] & 0xC0) == 0x80)
		i--;
	if (i && (unsigned char)one.msg[i - 1] >= 0xC0 &&
	    utf8_decode((const unsigned char *)one.msg + i - 1, n - i + 1,
			&cp) != n - i + 1)
		one.msg[i - 1] = '\0';
	osk_errlist_add(x->errs, &one);
}

static void
node_error(struct ref_ctx *x, const struct yaml_node *n, const char *fmt,
	   ...) __attribute__((format(printf, 3, 4)));

static void
node_error(struct ref_ctx *x, const struct yaml_node *n, const char *fmt,
	   ...)
{
	struct osk_error e;
	char msg[sizeof(e.msg)];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	osk_error_clear(&e);
	osk_error_set(&e, OSK_EDATA, yaml_doc_path(x->doc), n->line, n->col,
		      "%s", msg);
	add_err(x, &e);
}

/* Read key as text (1), absent (0), or add the error (-1). */
static int
get_str(struct ref_ctx *x, const struct yaml_map *m, const char *key,
	const char **out)
{
	struct osk_error e;
	int r;

	osk_error_clear(&e);
	r = yaml_map_str(m, key, 0, out, &e);
	if (r < 0) {
		add_err(x, &e);
		return -1;
	}
	return r;
}

/* The set named id, or *out NULL (error added) when it is unusable. */
static int
get_set(struct ref_ctx *x, const char *id, const struct yaml_node *at,
	const struct qset **out, struct osk_error *err)
{
	struct refset *s;
	struct osk_error e;
	size_t i;

	*out = NULL;
	for (i = 0; i < x->nsets; i++)
		if (!strcmp(x->sets[i].id, id)) {
			*out = x->sets[i].q;
			if (!*out)
				node_error(x, at, "no diagnosis set '%s'", id);
			return 0;
		}
	s = realloc(x->sets, (x->nsets + 1) * sizeof(*s));
	if (!s)
		return osk_fail(err, OSK_ENOMEM, "out of memory");
	x->sets = s;
	s = &x->sets[x->nsets];
	s->q = NULL;
	if (!(s->id = strdup(id)))
		return osk_fail(err, OSK_ENOMEM, "out of memory");
	x->nsets++;
	osk_error_clear(&e);
	if (!(s->q = diag_set_get(x->st, id, NULL, &e))) {
		if (e.code != OSK_ENOTFOUND && e.code != OSK_EDATA) {
			*err = e;
			return -e.code;
		}
		node_error(x, at, "%s", e.msg);
	}
	*out = s->q;
	return 0;
}

/*
 * The JSIC letter of s: a letter A-T (either case), or a division's
 * Japanese or English name (questions/industries.yaml); 0 if none.
 */
static char
industry_letter(struct ref_ctx *x, const char *s)
{
	const struct industry *it;
	struct osk_error e;
	char *path;

	if (strlen(s) == 1 && (s[0] & ~0x20) >= 'A' && (s[0] & ~0x20) <= 'T')
		return (char)(s[0] & ~0x20);
	if (!x->ind_tried) {
		x->ind_tried = true;
		osk_error_clear(&e);
		if (asprintf(&path, "%s/industries.yaml", osk_datadir()) >= 0) {
			x->ind = industries_load(path, &e);
			free(path);
		}
	}
	it = x->ind ? industries_find(x->ind, s) : NULL;
	return it ? it->id[0] : 0;
}

static int
check_one(struct ref_ctx *x, const struct yaml_node *item,
	  const char *def_set, const char *def_source, struct osk_error *err)
{
	static const char *const keys[] = {
		"set", "industry", "category", "score", "n", "source", NULL
	};
	struct yaml_map m = { x->doc, item, "average" };
	struct avg a;
	struct osk_error e;
	const struct qset *q = NULL;
	const char *ind = NULL;
	size_t before = x->errs->total, i;
	struct avg *grown;
	int r;

	memset(&a, 0, sizeof(a));
	a.line = item->line;
	a.col = item->col;
	if (item->kind != YAML_NODE_MAP) {
		node_error(x, item, "%s", "each average must be a mapping "
			   "with set, industry, category, score, n, source");
		return 0;
	}
	yaml_map_check_keys(&m, keys, x->errs);
	a.set = def_set;
	a.source = def_source;
	get_str(x, &m, "set", &a.set);
	get_str(x, &m, "source", &a.source);
	if (!a.set)
		node_error(x, item, "%s", "missing 'set' (give it here or "
			   "at the top of the file)");
	else if ((r = get_set(x, a.set, yaml_node_get(item, "set") ?
			      yaml_node_get(item, "set") : item, &q, err)))
		return r;
	if (!a.source || !*a.source)
		node_error(x, item, "%s", "missing 'source' (where the "
			   "averages were published; here or at the top)");
	if (get_str(x, &m, "industry", &ind) == 0)
		node_error(x, item, "%s", "missing required key 'industry' "
			   "in average");
	else if (ind && !(a.industry[0] = industry_letter(x, ind)))
		node_error(x, yaml_node_get(item, "industry"), "industry '%s' "
			   "is not a JSIC division letter A-T or its name",
			   ind);
	if (get_str(x, &m, "category", &a.category) == 0)
		node_error(x, item, "%s", "missing required key 'category' "
			   "in average");
	else if (a.category && q && strcmp(a.category, "overall") &&
		 qset_category_index(q, a.category) < 0)
		node_error(x, yaml_node_get(item, "category"), "set '%s' has "
			   "no category '%s'; use one of its categories or "
			   "'overall'", a.set, a.category);
	osk_error_clear(&e);
	if (yaml_map_num(&m, "score", YAML_REQUIRED, &a.score, &e) < 0)
		add_err(x, &e);
	else if (a.score < 0 || a.score > 100)
		node_error(x, yaml_node_get(item, "score"), "%s", "'score' "
			   "must be between 0 and 100");
	osk_error_clear(&e);
	if (yaml_map_int(&m, "n", YAML_REQUIRED, &a.n, &e) < 0)
		add_err(x, &e);
	else if (a.n < 1)
		node_error(x, yaml_node_get(item, "n"), "%s", "'n' (how many "
			   "companies the average is over) must be 1 or more");
	if (x->errs->total != before)
		return 0;
	for (i = 0; i < x->navgs; i++)
		if (!strcmp(x->avgs[i].set, a.set) &&
		    x->avgs[i].industry[0] == a.industry[0] &&
		    !strcmp(x->avgs[i].category, a.category)) {
			struct osk_error d;

			osk_error_clear(&d);
			osk_error_set(&d, OSK_EDATA, yaml_doc_path(x->doc),
				      a.line, a.col, "set '%s' industry %s "
				      "category '%s' is already given on line "
				      "%d; keep one", a.set, a.industry,
				      a.category, x->avgs[i].line);
			add_err(x, &d);
			return 0;
		}
	grown = realloc(x->avgs, (x->navgs + 1) * sizeof(*grown));
	if (!grown)
		return osk_fail(err, OSK_ENOMEM, "out of memory");
	x->avgs = grown;
	x->avgs[x->navgs++] = a;
	return 0;
}

static int
check_all(struct ref_ctx *x, struct osk_error *err)
{
	static const char *const keys[] = {
		"set", "source", "averages", NULL
	};
	const struct yaml_node *root = yaml_doc_root(x->doc), *list = NULL;
	struct yaml_map m;
	const char *def_set = NULL, *def_source = NULL;
	struct osk_error e;
	size_t i;
	int r;

	if (!root || root->kind != YAML_NODE_MAP)
		return osk_error_set(err, OSK_EDATA, yaml_doc_path(x->doc),
				     root ? root->line : 0,
				     root ? root->col : 0, "expected a "
				     "mapping with 'averages:' (a list of "
				     "set, industry, category, score, n, "
				     "source)");
	m = (struct yaml_map){ x->doc, root, "reference file" };
	yaml_map_check_keys(&m, keys, x->errs);
	get_str(x, &m, "set", &def_set);
	get_str(x, &m, "source", &def_source);
	osk_error_clear(&e);
	if (yaml_map_node(&m, "averages", YAML_NODE_SEQ, YAML_REQUIRED,
			  &list, &e) < 0) {
		add_err(x, &e);
		return 0;
	}
	for (i = 0; i < list->n; i++)
		if ((r = check_one(x, list->items[i], def_set, def_source,
				   err)))
			return r;
	if (!list->n)
		node_error(x, list, "%s", "'averages' is empty");
	return 0;
}

static int
store_all(struct ref_ctx *x, struct osk_error *err)
{
	sqlite3_stmt *s = NULL;
	size_t i;
	int r;

	if ((r = store_prepare(x->st, &s, "INSERT OR REPLACE INTO "
			       "reference_avg(set_id, industry, category, "
			       "score, n, source) VALUES (?, ?, ?, ?, ?, ?)",
			       err)))
		return r;
	for (i = 0; i < x->navgs && !r; i++) {
		const struct avg *a = &x->avgs[i];

		sqlite3_reset(s);
		store_bind_text(s, 1, a->set);
		sqlite3_bind_text(s, 2, a->industry, 1, SQLITE_STATIC);
		store_bind_text(s, 3, a->category);
		sqlite3_bind_double(s, 4, a->score);
		sqlite3_bind_int(s, 5, a->n);
		store_bind_text(s, 6, a->source);
		if (sqlite3_step(s) != SQLITE_DONE)
			r = store_fail(x->st, err, "cannot save a reference "
				       "average");
	}
	sqlite3_finalize(s);
	return r;
}

int
diag_reference_import(struct store *st, const char *path, size_t *rows,
		      struct osk_errlist *errs, struct osk_error *err)
{
	struct ref_ctx x;
	struct yaml_doc *doc;
	size_t i;
	int r;

	*rows = 0;
	if (!(doc = yaml_doc_load_file(path, err)))
		return -err->code;
	memset(&x, 0, sizeof(x));
	x.st = st;
	x.doc = doc;
	x.errs = errs;
	if ((r = check_all(&x, err)))
		goto out;
	if (errs->total) {
		r = -OSK_EDATA;
		goto out;
	}
	if ((r = store_begin(st, err)))
		goto out;
	if ((r = store_all(&x, err))) {
		store_rollback(st);
		goto out;
	}
	if (!(r = store_commit(st, err)))
		*rows = x.navgs;
out:
	for (i = 0; i < x.nsets; i++) {
		free(x.sets[i].id);
		qset_free(x.sets[i].q);
	}
	free(x.sets);
	free(x.avgs);
	industries_free(x.ind);
	yaml_doc_free(doc);
	return r;
}
