/* SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "core/yaml.h"
#include "report/internal.h"

/* ---- loading questions/report.yaml ---- */

#define X(e, k) k,
static const char *const text_keys[RT_NKEYS + 1] = {
	REPORT_TEXT_KEYS(X) REPORT_PROGRAMME_KEYS(X) NULL
};
#undef X

static const char *const top_keys[] = {
	"catalog", "version", "texts", "grades", "costs", "environments",
	"glossary", NULL
};
static const char *const grade_keys[] = {
	"id", "label", "sentence", "comment", NULL
};
static const char *const cost_keys[] = { "free", "low", "paid", NULL };
static const char *const term_keys[] = { "term", "plain", NULL };
static const char *const env_keys[] = { "set", "name", NULL };

/* Fill err from the first error of errs (unknown keys). */
static int
first_error(struct osk_errlist *errs, struct osk_error *err)
{
	if (err && errs->n)
		*err = errs->items[0];
	return -OSK_EDATA;
}

static int
check_keys(const struct yaml_map *m, const char *const *known,
	   struct osk_error *err)
{
	struct osk_errlist errs;
	int r = 0;

	osk_errlist_init(&errs, 1);
	if (yaml_map_check_keys(m, known, &errs))
		r = first_error(&errs, err);
	osk_errlist_release(&errs);
	return r;
}

static int
get_text(const struct yaml_map *m, const char *key, const char *out[2],
	 struct osk_error *err)
{
	int r = yaml_map_text(m, key, YAML_REQUIRED, &out[OSK_LANG_JA],
			      &out[OSK_LANG_EN], err);

	return r < 0 ? r : 0;
}

static int
load_texts(struct report_texts *t, const struct yaml_node *n,
	   struct osk_error *err)
{
	struct yaml_map m = { t->doc, n, "texts" };
	size_t i;
	int r;

	if ((r = yaml_node_expect(t->doc, n, YAML_NODE_MAP, "'texts'", err)))
		return r;
	if ((r = check_keys(&m, text_keys, err)))
		return r;
	for (i = 0; i < RT_NKEYS; i++)
		if ((r = get_text(&m, text_keys[i], t->text[i], err)))
			return r;
	return 0;
}

static int
load_grades(struct report_texts *t, const struct yaml_node *n,
	    struct osk_error *err)
{
	const char *path = yaml_doc_path(t->doc);
	size_t i, j;
	int r;

	if ((r = yaml_node_expect(t->doc, n, YAML_NODE_SEQ, "'grades'", err)))
		return r;
	if (n->n == 0 || n->n > RT_MAX_GRADES)
		return osk_error_set(err, OSK_EDATA, path, n->line, n->col,
				     "'grades' needs 1 to %d entries",
				     RT_MAX_GRADES);
	for (i = 0; i < n->n; i++) {
		struct yaml_map m = { t->doc, n->items[i], "grade" };
		struct rt_grade *g = &t->grades[i];

		if ((r = yaml_node_expect(t->doc, m.node, YAML_NODE_MAP,
					  "a grade", err)) ||
		    (r = check_keys(&m, grade_keys, err)))
			return r;
		r = yaml_map_str(&m, "id", YAML_REQUIRED, &g->id, err);
		if (r < 0)
			return r;
		for (j = 0; j < i; j++)
			if (!strcmp(t->grades[j].id, g->id))
				return osk_error_set(err, OSK_EDATA, path,
						     m.node->line, m.node->col,
						     "grade '%s' listed twice",
						     g->id);
		if ((r = get_text(&m, "label", g->label, err)) ||
		    (r = get_text(&m, "sentence", g->sentence, err)) ||
		    (r = get_text(&m, "comment", g->comment, err)))
			return r;
	}
	t->ngrades = n->n;
	return 0;
}

static int
load_costs(struct report_texts *t, const struct yaml_node *n,
	   struct osk_error *err)
{
	struct yaml_map m = { t->doc, n, "costs" };
	int r;

	if ((r = yaml_node_expect(t->doc, n, YAML_NODE_MAP, "'costs'", err)) ||
	    (r = check_keys(&m, cost_keys, err)) ||
	    (r = get_text(&m, "free", t->cost[REPORT_COST_FREE], err)) ||
	    (r = get_text(&m, "low", t->cost[REPORT_COST_LOW], err)) ||
	    (r = get_text(&m, "paid", t->cost[REPORT_COST_PAID], err)))
		return r;
	t->cost[REPORT_COST_NONE][0] = t->cost[REPORT_COST_NONE][1] = "";
	return 0;
}

static int
load_envs(struct report_texts *t, const struct yaml_node *n,
	  struct osk_error *err)
{
	const char *path = yaml_doc_path(t->doc);
	size_t i, j;
	int r;

	if ((r = yaml_node_expect(t->doc, n, YAML_NODE_SEQ, "'environments'",
				  err)))
		return r;
	if (n->n == 0 || n->n > RT_MAX_ENVS)
		return osk_error_set(err, OSK_EDATA, path, n->line, n->col,
				     "'environments' needs 1 to %d entries",
				     RT_MAX_ENVS);
	for (i = 0; i < n->n; i++) {
		struct yaml_map m = { t->doc, n->items[i], "environment" };
		struct rt_env *e = &t->envs[i];

		if ((r = yaml_node_expect(t->doc, m.node, YAML_NODE_MAP,
					  "an environment", err)) ||
		    (r = check_keys(&m, env_keys, err)))
			return r;
		r = yaml_map_str(&m, "set", YAML_REQUIRED, &e->set, err);
		if (r < 0 || (r = get_text(&m, "name", e->name, err)))
			return r;
		for (j = 0; j < i; j++)
			if (!strcmp(t->envs[j].set, e->set))
				return osk_error_set(err, OSK_EDATA, path,
						     m.node->line, m.node->col,
						     "set '%s' listed twice",
						     e->set);
	}
	t->nenvs = n->n;
	return 0;
}

static bool
all_ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80)
			return false;
	return true;
}

static unsigned char
other_case(unsigned char ch)
{
	if (ch >= 'a' && ch <= 'z')
		return (unsigned char)(ch - 'a' + 'A');
	if (ch >= 'A' && ch <= 'Z')
		return (unsigned char)(ch - 'A' + 'a');
	return ch;
}

/* Mark the first two bytes of term (in either case for letters). */
static void
mark_start(uint8_t *bits, const char *term)
{
	unsigned char a = (unsigned char)term[0], b = (unsigned char)term[1];
	unsigned as[2] = { a, other_case(a) }, bs[2] = { b, other_case(b) };
	int i, j;

	for (i = 0; i < 2; i++)
		for (j = 0; j < 2; j++) {
			unsigned k = as[i] << 8 | bs[j];

			bits[k >> 3] |= (uint8_t)(1u << (k & 7));
		}
}

static int
longest_first(const void *a, const void *b)
{
	const struct rt_term *x = a, *y = b;

	if (x->len != y->len)
		return x->len < y->len ? 1 : -1;
	return strcmp(x->term, y->term);
}

static int
load_glossary(struct report_texts *t, const struct yaml_node *n,
	      struct osk_error *err)
{
	int lang, r;
	size_t i;

	if ((r = yaml_node_expect(t->doc, n, YAML_NODE_SEQ, "'glossary'",
				  err)))
		return r;
	for (lang = 0; lang < 2; lang++) {
		t->terms[lang] = yaml_doc_alloc(t->doc, (n->n + 1) *
						sizeof(struct rt_term));
		if (!t->terms[lang])
			return osk_fail(err, OSK_ENOMEM, "out of memory");
	}
	for (i = 0; i < n->n; i++) {
		struct yaml_map m = { t->doc, n->items[i], "glossary entry" };
		const char *term[2], *plain[2];

		if ((r = yaml_node_expect(t->doc, m.node, YAML_NODE_MAP,
					  "a glossary entry", err)) ||
		    (r = check_keys(&m, term_keys, err)) ||
		    (r = get_text(&m, "term", term, err)) ||
		    (r = get_text(&m, "plain", plain, err)))
			return r;
		for (lang = 0; lang < 2; lang++) {
			struct rt_term *e = &t->terms[lang][i];

			if (strlen(term[lang]) < 2)
				return osk_error_set(err, OSK_EDATA,
					yaml_doc_path(t->doc), m.node->line,
					m.node->col, "a glossary term needs "
					"at least two letters");
			e->term = term[lang];
			e->len = strlen(term[lang]);
			e->plain = plain[lang];
			e->ascii = all_ascii(term[lang]);
		}
	}
	for (lang = 0; lang < 2; lang++) {
		t->nterms[lang] = n->n;
		qsort(t->terms[lang], n->n, sizeof(struct rt_term),
		      longest_first);
		for (i = 0; i < n->n; i++)
			mark_start(t->first[lang], t->terms[lang][i].term);
	}
	return 0;
}

int
texts_load(struct report_texts *t, const char *path, struct osk_error *err)
{
	struct yaml_map m;
	const struct yaml_node *root, *n;
	const char *catalog;
	int version, r;

	memset(t, 0, sizeof(*t));
	t->doc = yaml_doc_load_file(path, err);
	if (!t->doc)
		return -(err ? err->code : OSK_EDATA);
	root = yaml_doc_root(t->doc);
	if (!root) {
		r = osk_error_set(err, OSK_EDATA, path, 1, 1,
				  "empty file: expected the report texts");
		goto fail;
	}
	m = (struct yaml_map){ t->doc, root, "report texts" };
	if ((r = yaml_node_expect(t->doc, root, YAML_NODE_MAP,
				  "the top level", err)) ||
	    (r = check_keys(&m, top_keys, err)))
		goto fail;
	if ((r = yaml_map_str(&m, "catalog", YAML_REQUIRED, &catalog,
			      err)) < 0)
		goto fail;
	if (strcmp(catalog, "report")) {
		n = yaml_node_get(root, "catalog");
		r = osk_error_set(err, OSK_EDATA, path, n->line, n->col,
				  "'catalog' must be 'report' in this file");
		goto fail;
	}
	if ((r = yaml_map_int(&m, "version", YAML_REQUIRED, &version,
			      err)) < 0)
		goto fail;
	if (version != 1) {
		n = yaml_node_get(root, "version");
		r = osk_error_set(err, OSK_EDATA, path, n->line, n->col,
				  "unsupported version %d (this otasuke "
				  "reads version 1)", version);
		goto fail;
	}
	if ((r = yaml_map_node(&m, "texts", 0, YAML_REQUIRED, &n, err)) < 0 ||
	    (r = load_texts(t, n, err)) < 0)
		goto fail;
	if ((r = yaml_map_node(&m, "grades", 0, YAML_REQUIRED, &n, err)) < 0 ||
	    (r = load_grades(t, n, err)) < 0)
		goto fail;
	if ((r = yaml_map_node(&m, "costs", 0, YAML_REQUIRED, &n, err)) < 0 ||
	    (r = load_costs(t, n, err)) < 0)
		goto fail;
	if ((r = yaml_map_node(&m, "environments", 0, YAML_REQUIRED, &n,
			       err)) < 0 ||
	    (r = load_envs(t, n, err)) < 0)
		goto fail;
	if ((r = yaml_map_node(&m, "glossary", 0, YAML_REQUIRED, &n,
			       err)) < 0 ||
	    (r = load_glossary(t, n, err)) < 0)
		goto fail;
	return 0;
fail:
	texts_release(t);
	return r;
}

void
texts_release(struct report_texts *t)
{
	yaml_doc_free(t->doc);
	memset(t, 0, sizeof(*t));
}

const char *
texts_get(const struct report_texts *t, enum rt_key k, enum osk_lang lang)
{
	return t->text[k][lang == OSK_LANG_JA];
}

int
texts_grade_index(const struct report_texts *t, const char *id)
{
	size_t i;

	if (!id)
		return -1;
	for (i = 0; i < t->ngrades; i++)
		if (!strcmp(t->grades[i].id, id))
			return (int)i;
	return -1;
}

const struct rt_grade *
texts_grade(const struct report_texts *t, const char *id)
{
	int i = texts_grade_index(t, id);

	return i < 0 ? NULL : &t->grades[i];
}

/* ---- the glossary ---- */

static bool
is_alnum(unsigned char ch)
{
	return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') ||
	       (ch >= 'A' && ch <= 'Z');
}

static int
lower(unsigned char ch)
{
	return ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch;
}

/*
 * Length of the match of e at s + i (with a plural "s"/"es" for ASCII
 * terms), or 0.
 */
static size_t
term_match(const struct rt_term *e, const char *s, size_t i, size_t n)
{
	size_t k, end;

	if (e->len > n - i)
		return 0;
	if (!e->ascii)
		return memcmp(s + i, e->term, e->len) ? 0 : e->len;
	if (i > 0 && is_alnum((unsigned char)s[i - 1]))
		return 0;
	for (k = 0; k < e->len; k++)
		if (lower((unsigned char)s[i + k]) !=
		    lower((unsigned char)e->term[k]))
			return 0;
	end = i + e->len;
	if (end < n && lower((unsigned char)s[end]) == 's')
		end++;
	else if (end + 1 < n && lower((unsigned char)s[end]) == 'e' &&
		 lower((unsigned char)s[end + 1]) == 's')
		end += 2;
	if (end < n && is_alnum((unsigned char)s[end])) {
		end = i + e->len;	/* "patches" failed: try bare "patch" */
		if (end < n && is_alnum((unsigned char)s[end]))
			return 0;
	}
	return end - i;
}

static const char *
open_paren(enum osk_lang lang)
{
	return lang == OSK_LANG_JA ? "（" : " (";
}

static const char *
close_paren(enum osk_lang lang)
{
	return lang == OSK_LANG_JA ? "）" : ")";
}

static bool
ends_with(const char *s, size_t n, const char *t)
{
	size_t tl = strlen(t);

	return n >= tl && !memcmp(s + n - tl, t, tl);
}

static bool
starts_with(const char *s, size_t n, const char *t)
{
	size_t tl = strlen(t);

	return n >= tl && !memcmp(s, t, tl);
}

/*
 * Is the term at s[i, i + len) explained already: followed by its own
 * explanation, or in brackets itself after the writer's own words
 * ("入り口の箱（ルーター）")?
 */
static bool
explained(const struct rt_term *e, enum osk_lang lang, const char *s,
	  size_t i, size_t len, size_t n)
{
	const char *o = open_paren(lang), *rest = s + i + len;
	size_t rn = n - i - len;

	if (starts_with(rest, rn, o) &&
	    starts_with(rest + strlen(o), rn - strlen(o), e->plain))
		return true;
	return (ends_with(s, i, "（") && starts_with(rest, rn, "）")) ||
	       (ends_with(s, i, "(") && starts_with(rest, rn, ")"));
}

int
texts_plain(const struct report_texts *t, enum osk_lang lang, const char *s,
	    struct sbuf *out)
{
	const struct rt_term *terms = t->terms[lang == OSK_LANG_JA];
	size_t nterms = t->nterms[lang == OSK_LANG_JA];
	const uint8_t *first = t->first[lang == OSK_LANG_JA];
	size_t n = strlen(s), i = 0, from = 0, j, len;
	int r;

	while (i < n) {
		const struct rt_term *hit = NULL;
		unsigned k = (unsigned)(unsigned char)s[i] << 8 |
			     (unsigned char)s[i + 1];

		if (!(first[k >> 3] & (1u << (k & 7)))) {
			i++;
			continue;
		}
		for (j = 0; j < nterms && !hit; j++) {
			len = term_match(&terms[j], s, i, n);
			if (len)
				hit = &terms[j];
		}
		if (!hit) {
			i++;
			continue;
		}
		if ((r = sbuf_add(out, s + from, i + len - from)) < 0)
			return r;
		from = i + len;
		if (explained(hit, lang, s, i, len, n)) {
			i += len;
			continue;
		}
		i += len;
		if ((r = sbuf_adds(out, open_paren(lang))) < 0 ||
		    (r = sbuf_adds(out, hit->plain)) < 0 ||
		    (r = sbuf_adds(out, close_paren(lang))) < 0)
			return r;
	}
	return sbuf_add(out, s + from, n - from);
}

/* ---- templates ---- */

int
texts_format(struct sbuf *out, const char *tmpl, ...)
{
	const char *p = tmpl, *open, *close, *name, *val;
	va_list ap;
	int r = 0;

	while ((open = strchr(p, '{')) && (close = strchr(open, '}'))) {
		size_t nl = (size_t)(close - open - 1);

		if ((r = sbuf_add(out, p, (size_t)(open - p))) < 0)
			return r;
		val = NULL;
		va_start(ap, tmpl);
		while ((name = va_arg(ap, const char *))) {
			const char *v = va_arg(ap, const char *);

			if (strlen(name) == nl && !memcmp(name, open + 1, nl)) {
				val = v ? v : "";
				break;
			}
		}
		va_end(ap);
		if (val)
			r = sbuf_adds(out, val);
		else
			r = sbuf_add(out, open, (size_t)(close - open + 1));
		if (r < 0)
			return r;
		p = close + 1;
	}
	return sbuf_adds(out, p);
}
