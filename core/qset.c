/* SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/qset.h"
#include "core/yaml.h"

/* ---- id index: open addressing, string -> position ---- */

struct idtab {
	const char **keys;
	size_t *vals;
	size_t mask;		/* capacity - 1; capacity is a power of two */
};

static uint64_t
hash_str(const char *s)
{
	uint64_t h = 14695981039346656037ull;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

static int
idtab_init(struct idtab *t, size_t n)
{
	size_t cap = 8;

	while (cap < 2 * n + 1)
		cap *= 2;
	t->keys = calloc(cap, sizeof(*t->keys));
	t->vals = calloc(cap, sizeof(*t->vals));
	t->mask = cap - 1;
	if (!t->keys || !t->vals) {
		free(t->keys);
		free(t->vals);
		memset(t, 0, sizeof(*t));
		return -OSK_ENOMEM;
	}
	return 0;
}

static void
idtab_release(struct idtab *t)
{
	free(t->keys);
	free(t->vals);
	memset(t, 0, sizeof(*t));
}

/* Position of key, or QSET_NONE. */
static size_t
idtab_find(const struct idtab *t, const char *key)
{
	size_t i;

	if (!t->keys)
		return QSET_NONE;
	for (i = hash_str(key) & t->mask; t->keys[i]; i = (i + 1) & t->mask)
		if (!strcmp(t->keys[i], key))
			return t->vals[i];
	return QSET_NONE;
}

/*
 * Add key at position val unless present. Returns the position already
 * there, or QSET_NONE when added. The table never fills up: it was sized
 * for at least as many keys as are added.
 */
static size_t
idtab_add(struct idtab *t, const char *key, size_t val)
{
	size_t i;

	for (i = hash_str(key) & t->mask; t->keys[i]; i = (i + 1) & t->mask)
		if (!strcmp(t->keys[i], key))
			return t->vals[i];
	t->keys[i] = key;
	t->vals[i] = val;
	return QSET_NONE;
}

/* ---- loader state and messages ---- */

struct qset_priv {
	struct yaml_doc *doc;
	struct idtab questions, categories;
};

struct ld {
	struct yaml_ld y;		/* document, error list: core/yaml.h */
	struct qset *q;
	struct idtab qids;		/* all question ids, found up front */
	struct idtab cids;
	int sa[6], selfcheck[26];	/* question index + 1 using each tag */
	const char *policy_by[2];	/* question id per policy value */
	int policy_line[2];
	struct qset_question *qs;	/* being filled */
};

/* The shared loader helpers of core/yaml.h, on this loader's state. */
#define add_error(L, e) yaml_ld_add(&(L)->y, e)
#define fail(L, ...) yaml_ld_fail(&(L)->y, __VA_ARGS__)
#define nomem(L) yaml_ld_nomem(&(L)->y)
#define alloc(L, n, size) yaml_ld_alloc(&(L)->y, n, size)
#define get_node(L, ...) yaml_ld_node(&(L)->y, __VA_ARGS__)
#define get_str(L, ...) yaml_ld_str(&(L)->y, __VA_ARGS__)
#define get_int(L, ...) yaml_ld_int(&(L)->y, __VA_ARGS__)
#define get_num(L, ...) yaml_ld_num(&(L)->y, __VA_ARGS__)
#define get_bool(L, ...) yaml_ld_bool(&(L)->y, __VA_ARGS__)
#define get_text(L, m, key, flags, out) \
	yaml_ld_text(&(L)->y, m, key, flags, &(out)->ja, &(out)->en)
#define check_keys(L, m, known) yaml_ld_keys(&(L)->y, m, known)
#define expect_map(L, n, what) yaml_ld_map(&(L)->y, n, what)
#define get_list(L, m, key, flags) yaml_ld_list(&(L)->y, m, key, flags)

/* A value of `key` as one line of message text. */
static const char *
short_value(const struct yaml_node *n, char *buf, size_t size)
{
	if (!n || n->kind != YAML_NODE_SCALAR) {
		snprintf(buf, size, "?");
		return buf;
	}
	return yaml_str_short(n->str, n->len, buf, size);
}

/* ---- ids ---- */

static bool
id_ok(const char *s, bool set_id)
{
	size_t n = 0;

	for (; *s; s++, n++) {
		unsigned char c = (unsigned char)*s;

		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    c == '-')
			continue;
		if (!set_id && ((c >= 'A' && c <= 'Z') || c == '_' ||
				c == '.' || c == '+'))
			continue;
		return false;
	}
	return n > 0 && n <= 64;
}

/*
 * Read the id of mapping m and check its form. Returns the id or NULL
 * (error already added).
 */
static const char *
get_id(struct ld *L, const struct yaml_map *m, const char *what)
{
	const char *id = NULL;
	char buf[64];

	if (get_str(L, m, "id", YAML_REQUIRED, &id) <= 0)
		return NULL;
	if (!id_ok(id, false)) {
		const struct yaml_node *v = yaml_node_get(m->node, "id");

		fail(L, v, "%s id '%s' may use only letters, digits and "
		     "'-', '_', '.', '+' (at most 64)", what,
		     short_value(v, buf, sizeof(buf)));
		return NULL;
	}
	return id;
}

/* ---- options, scale entries, choices ---- */

enum {
	OPT_SCALE = 1,		/* points/unknown/na allowed */
	OPT_POINTS = 2,		/* points required on non-na options */
};

/*
 * Parse a list of options (scale entries, a question's own options, survey
 * choices). Returns the count; *out is NULL when the list has errors.
 */
static size_t
parse_options(struct ld *L, const struct yaml_node *list, const char *what,
	      int mode, const struct qset_option **out)
{
	static const char *const scale_keys[] = {
		"id", "points", "label", "unknown", "na", NULL
	};
	static const char *const choice_keys[] = { "id", "label", NULL };
	struct qset_option *opts;
	struct idtab seen = { 0 };
	size_t nerr = L->y.nerr, i;
	char subject[32];

	*out = NULL;
	opts = alloc(L, list->n, sizeof(*opts));
	if (!opts)
		return 0;
	if (idtab_init(&seen, list->n)) {
		nomem(L);
		return 0;
	}
	snprintf(subject, sizeof(subject), "%s %s",
		 strchr("aeiou", what[0]) ? "an" : "a", what);
	for (i = 0; i < list->n; i++) {
		const struct yaml_node *n = list->items[i], *v = NULL;
		struct yaml_map m = { L->y.doc, n, what };
		struct qset_option *o = &opts[i];
		size_t prev;

		if (!expect_map(L, n, subject))
			continue;
		check_keys(L, &m, mode & OPT_SCALE ? scale_keys : choice_keys);
		o->line = n->line;
		o->id = get_id(L, &m, what);
		get_text(L, &m, "label", YAML_REQUIRED, &o->label);
		if (mode & OPT_SCALE) {
			get_bool(L, &m, "unknown", 0, &o->unknown);
			get_bool(L, &m, "na", 0, &o->na);
			if (o->na && o->unknown)
				fail(L, n, "%s '%s' cannot be both unknown "
				     "and na", what, o->id ? o->id : "?");
			if (o->na && yaml_node_get(n, "points"))
				fail(L, yaml_node_get(n, "points"), "an na "
				     "option has no 'points': it is left out "
				     "of the score");
			else if (!o->na)
				get_int(L, &m, "points", mode & OPT_POINTS ?
					YAML_REQUIRED : 0, &o->points);
			if (o->points < -100 || o->points > 100)
				fail(L, yaml_node_get(n, "points"),
				     "'points' must be between -100 and 100");
		}
		if (!o->id)
			continue;
		prev = idtab_add(&seen, o->id, i);
		if (prev != QSET_NONE) {
			v = yaml_node_get(n, "id");
			fail(L, v, "duplicate %s id '%s' (also on line %d)",
			     what, o->id, opts[prev].line);
		}
	}
	idtab_release(&seen);
	if (L->y.nerr == nerr)
		*out = opts;
	return list->n;
}

static int
max_points(const struct qset_option *o, size_t n)
{
	int best = 0;
	bool any = false;
	size_t i;

	for (i = 0; i < n; i++)
		if (!o[i].na && (!any || o[i].points > best)) {
			best = o[i].points;
			any = true;
		}
	return best;
}

/* ---- scale, grades, categories ---- */

static void
parse_scale(struct ld *L, const struct yaml_map *top)
{
	const struct yaml_node *list = get_list(L, top, "scale", YAML_REQUIRED);
	struct qset *q = L->q;
	size_t n;

	if (!list)
		return;
	n = parse_options(L, list, "option", OPT_SCALE | OPT_POINTS,
			  &q->scale);
	if (q->scale)
		q->nscale = n;
	if (q->scale && max_points(q->scale, q->nscale) <= 0)
		fail(L, list, "'scale' needs an entry with points above 0");
}

static void
parse_grades(struct ld *L, const struct yaml_map *top)
{
	static const char *const keys[] = { "id", "min", "label", NULL };
	const struct yaml_node *list = get_list(L, top, "grades",
						YAML_REQUIRED);
	struct qset_grade *g;
	struct qset *q = L->q;
	size_t i, j;

	if (!list)
		return;
	g = alloc(L, list->n, sizeof(*g));
	if (!g)
		return;
	q->grades = g;
	q->ngrades = list->n;
	for (i = 0; i < list->n; i++) {
		const struct yaml_node *n = list->items[i];
		struct yaml_map m = { L->y.doc, n, "grade" };
		bool has_min;

		g[i].min = -1;
		if (!expect_map(L, n, "a grade"))
			continue;
		check_keys(L, &m, keys);
		g[i].id = get_id(L, &m, "grade");
		get_text(L, &m, "label", YAML_REQUIRED, &g[i].label);
		has_min = get_num(L, &m, "min", YAML_REQUIRED, &g[i].min) > 0;
		if (has_min && (g[i].min < 0 || g[i].min > 100)) {
			fail(L, yaml_node_get(n, "min"), "'min' must be "
			     "between 0 and 100");
			has_min = false;
		}
		for (j = 0; g[i].id && j < i; j++)
			if (g[j].id && !strcmp(g[j].id, g[i].id)) {
				fail(L, yaml_node_get(n, "id"), "duplicate "
				     "grade id '%s' (also on line %d)",
				     g[i].id, list->items[j]->line);
				break;
			}
		if (has_min && i > 0 && g[i - 1].min >= 0 &&
		    g[i].min >= g[i - 1].min)
			fail(L, yaml_node_get(n, "min"), "grades must go from "
			     "best to worst: min %g is not below %g of the "
			     "grade before", g[i].min, g[i - 1].min);
		if (has_min && i == list->n - 1 && g[i].min != 0)
			fail(L, yaml_node_get(n, "min"), "the last grade "
			     "must have min: 0");
	}
}

static void
parse_categories(struct ld *L, const struct yaml_map *top, int flags)
{
	static const char *const keys[] = { "id", "title", "plain", NULL };
	const struct yaml_node *list = get_list(L, top, "categories", flags);
	struct qset_category *c;
	struct qset *q = L->q;
	size_t i;

	if (!list)
		return;
	c = alloc(L, list->n, sizeof(*c));
	if (!c || idtab_init(&L->cids, list->n)) {
		if (c)
			nomem(L);
		return;
	}
	q->categories = c;
	q->ncategories = list->n;
	for (i = 0; i < list->n; i++) {
		const struct yaml_node *n = list->items[i];
		struct yaml_map m = { L->y.doc, n, "category" };
		size_t prev;

		if (!expect_map(L, n, "a category"))
			continue;
		check_keys(L, &m, keys);
		c[i].line = n->line;
		c[i].id = get_id(L, &m, "category");
		get_text(L, &m, "title", YAML_REQUIRED, &c[i].title);
		if (get_text(L, &m, "plain", 0, &c[i].plain) == 0)
			c[i].plain = c[i].title;
		if (!c[i].id)
			continue;
		prev = idtab_add(&L->cids, c[i].id, i);
		if (prev != QSET_NONE)
			fail(L, yaml_node_get(n, "id"), "duplicate category "
			     "id '%s' (also on line %d)", c[i].id,
			     c[prev].line);
	}
}

/* ---- questions ---- */

/* One of words (NULL-terminated), as its index; -1 (reported) if not. */
static int
get_word(struct ld *L, const struct yaml_map *m, const char *key, int flags,
	 const char *const *words, const char *expect, int *out)
{
	const struct yaml_node *v;
	const char *s = NULL;
	char buf[64];
	int i, r;

	v = yaml_node_get(m->node, key);
	if (v && v->kind != YAML_NODE_SCALAR)
		return fail(L, v, "'%s' must be %s", key, expect);
	r = get_str(L, m, key, flags, &s);
	if (r <= 0)
		return r;
	for (i = 0; words[i]; i++)
		if (!strcmp(s, words[i])) {
			*out = i;
			return 1;
		}
	fail(L, yaml_node_get(m->node, key), "'%s' must be %s, not '%s'", key,
	     expect, yaml_str_short(s, strlen(s), buf, sizeof(buf)));
	return -OSK_EDATA;
}

static void
claim_tag(struct ld *L, int *slot, size_t qi, const struct yaml_node *v,
	  const char *tag, int num)
{
	if (*slot) {
		const struct qset_question *other = &L->qs[*slot - 1];

		fail(L, v, "tags.%s %d is already used by question '%s' "
		     "(line %d)", tag, num, other->id ? other->id : "?",
		     other->line);
		return;
	}
	*slot = (int)qi + 1;
}

static bool
name_ok(const char *s)
{
	size_t n = 0;

	for (; *s; s++, n++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		      *s == '-' || *s == '_'))
			return false;
	return n > 0 && n <= 64;
}

static void
parse_tags(struct ld *L, const struct yaml_map *qm, size_t qi)
{
	static const char *const keys[] = {
		"sa", "selfcheck", "policy", "sensor", NULL
	};
	static const char *const policies[] = {
		"written", "published", NULL
	};
	struct qset_question *qq = &L->qs[qi];
	const struct yaml_node *tags = NULL, *v;
	struct yaml_map m;
	char buf[64];
	int p;

	if (get_node(L, qm, "tags", YAML_NODE_MAP, 0, &tags) <= 0)
		return;
	m = (struct yaml_map){ L->y.doc, tags, "tags" };
	check_keys(L, &m, keys);
	if (get_int(L, &m, "sa", 0, &qq->sa) > 0) {
		v = yaml_node_get(tags, "sa");
		if (qq->sa < 1 || qq->sa > 5) {
			fail(L, v, "'sa' must be between 1 and 5");
			qq->sa = 0;
		} else {
			claim_tag(L, &L->sa[qq->sa], qi, v, "sa", qq->sa);
		}
	}
	if (get_int(L, &m, "selfcheck", 0, &qq->selfcheck) > 0) {
		v = yaml_node_get(tags, "selfcheck");
		if (qq->selfcheck < 1 || qq->selfcheck > 25) {
			fail(L, v, "'selfcheck' must be between 1 and 25");
			qq->selfcheck = 0;
		} else {
			claim_tag(L, &L->selfcheck[qq->selfcheck], qi, v,
				  "selfcheck", qq->selfcheck);
		}
	}
	p = -1;
	if (get_word(L, &m, "policy", 0, policies, "written or published",
		     &p) > 0) {
		v = yaml_node_get(tags, "policy");
		qq->policy = policies[p];
		if (L->policy_by[p])
			fail(L, v, "tags.policy %s is already used by "
			     "question '%s' (line %d)", policies[p],
			     L->policy_by[p], L->policy_line[p]);
		else if (qq->id) {
			L->policy_by[p] = qq->id;
			L->policy_line[p] = qq->line;
		}
	}
	if (get_str(L, &m, "sensor", 0, &qq->sensor) > 0) {
		v = yaml_node_get(tags, "sensor");
		if (!name_ok(qq->sensor))
			fail(L, v, "sensor name '%s' may use only a-z, 0-9, "
			     "'-' and '_'", short_value(v, buf, sizeof(buf)));
	}
}

static void
parse_category_ref(struct ld *L, const struct yaml_map *m,
		   struct qset_question *qq, int flags)
{
	const char *cat = NULL;
	char buf[64];

	qq->category = QSET_NONE;
	if (get_str(L, m, "category", flags, &cat) <= 0)
		return;
	qq->category = idtab_find(&L->cids, cat);
	/* no cascade when the categories list itself is broken */
	if (qq->category == QSET_NONE &&
	    (L->cids.keys || !yaml_node_get(yaml_doc_root(L->y.doc),
					    "categories")))
		fail(L, yaml_node_get(m->node, "category"), "unknown "
		     "category '%s'", yaml_str_short(cat, strlen(cat), buf,
						     sizeof(buf)));
}

static void parse_when(struct ld *L, const struct yaml_map *m, size_t qi);

static void
parse_diag_question(struct ld *L, const struct yaml_map *m, size_t qi)
{
	static const char *const keys[] = {
		"id", "category", "text", "help", "action", "cost", "weight",
		"tags", "scored", "options", "when", NULL
	};
	static const char *const costs[] = { "free", "low", "paid", NULL };
	struct qset_question *qq = &L->qs[qi];
	const struct yaml_node *opts;
	int cost = QSET_COST_FREE;

	check_keys(L, m, keys);
	qq->type = QSET_SCALE;
	qq->scored = true;
	qq->weight = 1;
	parse_category_ref(L, m, qq, YAML_REQUIRED);
	get_text(L, m, "text", YAML_REQUIRED, &qq->text);
	get_text(L, m, "help", 0, &qq->help);
	get_text(L, m, "action", 0, &qq->action);
	get_word(L, m, "cost", 0, costs, "free, low or paid", &cost);
	qq->cost = (enum qset_cost)cost;
	if (get_num(L, m, "weight", 0, &qq->weight) > 0 &&
	    (qq->weight <= 0 || qq->weight > 100))
		fail(L, yaml_node_get(m->node, "weight"), "'weight' must be "
		     "a positive number, at most 100");
	get_bool(L, m, "scored", 0, &qq->scored);
	parse_tags(L, m, qi);
	if (qq->sensor && qq->scored)
		fail(L, yaml_node_get(yaml_node_get(m->node, "tags"),
				      "sensor"),
		     "tags.sensor is for recorded facts: add scored: false");
	opts = get_list(L, m, "options", 0);
	if (opts) {
		size_t n = parse_options(L, opts, "option",
					 OPT_SCALE | (qq->scored ?
						      OPT_POINTS : 0),
					 &qq->options);

		qq->own_options = true;
		if (qq->options) {
			qq->noptions = n;
			qq->max_points = max_points(qq->options,
						    qq->noptions);
			if (qq->scored && qq->max_points <= 0)
				fail(L, opts, "'options' needs an option "
				     "with points above 0");
		}
	} else if (!yaml_node_get(m->node, "options")) {
		qq->options = L->q->scale;
		qq->noptions = L->q->nscale;
		qq->max_points = max_points(qq->options, qq->noptions);
	}
	parse_when(L, m, qi);
}

static void
parse_when(struct ld *L, const struct yaml_map *m, size_t qi)
{
	struct qset_question *qq = &L->qs[qi];
	const struct yaml_node *w = NULL, *list, *key;
	const struct qset_question *ref;
	struct qset_when *when;
	const char **choices;
	char buf[64], buf2[64];
	size_t ri, i;
	bool ok = true;

	if (get_node(L, m, "when", YAML_NODE_MAP, 0, &w) <= 0)
		return;
	if (w->n != 1) {
		fail(L, w, "'when' needs exactly one question, as "
		     "{QUESTION: [choice, ...]}");
		return;
	}
	key = w->pairs[0].key;
	list = w->pairs[0].value;
	ri = idtab_find(&L->qids, key->str);
	if (ri == QSET_NONE || memchr(key->str, '\0', key->len)) {
		fail(L, key, "'when' refers to unknown question '%s'",
		     short_value(key, buf, sizeof(buf)));
		return;
	}
	if (ri >= qi) {
		fail(L, key, "'when' refers to question '%s', which does not "
		     "come before this one", key->str);
		return;
	}
	ref = &L->qs[ri];
	if (ref->type != QSET_SINGLE && ref->type != QSET_MULTI &&
	    ref->type != QSET_SCALE) {
		fail(L, key, "'when' refers to question '%s', which has no "
		     "choices", key->str);
		return;
	}
	if (list->kind != YAML_NODE_SEQ || !list->n) {
		fail(L, list, "'when' needs a list of choices of '%s'",
		     key->str);
		return;
	}
	if (!ref->options)	/* its own errors are reported already */
		return;
	choices = alloc(L, list->n, sizeof(*choices));
	when = alloc(L, 1, sizeof(*when));
	if (!choices || !when)
		return;
	for (i = 0; i < list->n; i++) {
		const struct yaml_node *c = list->items[i];
		const struct qset_option *o = NULL;

		if (c->kind == YAML_NODE_SCALAR && !memchr(c->str, 0, c->len))
			o = qset_option_find(ref, c->str);
		if (!o) {
			fail(L, c, "'when' refers to unknown choice '%s' of "
			     "question '%s'", short_value(c, buf2,
							  sizeof(buf2)),
			     key->str);
			ok = false;
			continue;
		}
		choices[i] = o->id;
	}
	if (!ok)
		return;
	when->question = ri;
	when->choices = choices;
	when->nchoices = list->n;
	qq->when = when;
}

static void
parse_survey_question(struct ld *L, const struct yaml_map *m, size_t qi)
{
	static const char *const keys[] = {
		"id", "category", "type", "text", "help", "choices",
		"max_choices", "other", "when", NULL
	};
	static const char *const types[] = {
		"single", "multi", "number", "text", NULL
	};
	struct qset_question *qq = &L->qs[qi];
	const struct yaml_node *choices, *v;
	int type = -1;
	bool with_choices;
	size_t n;

	check_keys(L, m, keys);
	qq->scored = false;
	qq->weight = 1;
	parse_category_ref(L, m, qq, 0);
	get_text(L, m, "text", YAML_REQUIRED, &qq->text);
	get_text(L, m, "help", 0, &qq->help);
	if (get_word(L, m, "type", YAML_REQUIRED, types,
		     "single, multi, number or text", &type) <= 0) {
		qq->type = QSET_TEXT;
		return;		/* the rest depends on the type */
	}
	qq->type = (enum qset_type)(QSET_SINGLE + type);
	with_choices = qq->type == QSET_SINGLE || qq->type == QSET_MULTI;
	if (with_choices) {
		choices = get_list(L, m, "choices", YAML_REQUIRED);
		n = choices ? parse_options(L, choices, "choice", 0,
					    &qq->options) : 0;
		if (qq->options)
			qq->noptions = n;
	} else if ((v = yaml_node_get(m->node, "choices"))) {
		fail(L, v, "'choices' is only for single and multi "
		     "questions");
	}
	v = yaml_node_get(m->node, "max_choices");
	if (v && qq->type != QSET_MULTI) {
		fail(L, v, "'max_choices' is only for multi questions");
	} else if (get_int(L, m, "max_choices", 0, &qq->max_choices) > 0 &&
		   qq->options && (qq->max_choices < 1 ||
				   (size_t)qq->max_choices > qq->noptions)) {
		fail(L, v, "'max_choices' must be between 1 and %zu",
		     qq->noptions);
	}
	v = yaml_node_get(m->node, "other");
	if (v && !with_choices)
		fail(L, v, "'other' is only for single and multi questions");
	else if (get_bool(L, m, "other", 0, &qq->other) > 0 && qq->other &&
		 qq->options && !qset_option_find(qq, "other"))
		fail(L, v, "'other: true' needs a choice with id 'other' for "
		     "the free text");
	parse_when(L, m, qi);
}

/*
 * First pass: every question id, so that `when` can tell a later question
 * from an unknown one. Duplicates are reported here.
 */
static void
index_questions(struct ld *L, const struct yaml_node *list)
{
	size_t i;

	if (idtab_init(&L->qids, list->n)) {
		nomem(L);
		return;
	}
	for (i = 0; i < list->n; i++) {
		const struct yaml_node *n = list->items[i];
		struct yaml_map m = { L->y.doc, n, "question" };
		size_t prev;

		if (!expect_map(L, n, "a question"))
			continue;
		L->qs[i].line = n->line;
		L->qs[i].col = n->col;
		L->qs[i].id = get_id(L, &m, "question");
		if (!L->qs[i].id)
			continue;
		prev = idtab_add(&L->qids, L->qs[i].id, i);
		if (prev != QSET_NONE)
			fail(L, yaml_node_get(n, "id"), "duplicate question "
			     "id '%s' (also on line %d)", L->qs[i].id,
			     L->qs[prev].line);
	}
}

static void
parse_questions(struct ld *L, const struct yaml_map *top)
{
	const struct yaml_node *list = get_list(L, top, "questions",
						YAML_REQUIRED);
	size_t i;

	if (!list)
		return;
	L->qs = alloc(L, list->n, sizeof(*L->qs));
	if (!L->qs)
		return;
	L->q->questions = L->qs;
	L->q->nquestions = list->n;
	index_questions(L, list);
	for (i = 0; i < list->n && !L->y.nomem; i++) {
		const struct yaml_node *n = list->items[i];
		struct yaml_map m = { L->y.doc, n, "question" };

		if (n->kind != YAML_NODE_MAP)
			continue;
		if (L->q->kind == QSET_DIAGNOSIS)
			parse_diag_question(L, &m, i);
		else
			parse_survey_question(L, &m, i);
	}
}

/* ---- the set ---- */

static void
parse_set(struct ld *L)
{
	static const char *const keys[] = {
		"set", "kind", "version", "title", "scale", "grades",
		"categories", "questions", NULL
	};
	static const char *const kinds[] = { "diagnosis", "survey", NULL };
	const struct yaml_node *root = yaml_doc_root(L->y.doc), *v;
	struct yaml_map top = { L->y.doc, root, "question set" };
	struct qset *q = L->q;
	char buf[64];
	int kind = -1;

	if (!root) {
		struct osk_error e;

		osk_error_set(&e, OSK_EDATA, yaml_doc_path(L->y.doc), 0, 0,
			      "file is empty: a question set starts with "
			      "'set:'");
		add_error(L, &e);
		return;
	}
	if (!expect_map(L, root, "a question set"))
		return;
	check_keys(L, &top, keys);
	if (get_str(L, &top, "set", YAML_REQUIRED, &q->id) > 0 &&
	    !id_ok(q->id, true)) {
		v = yaml_node_get(root, "set");
		fail(L, v, "set id '%s' may use only a-z, 0-9 and '-' "
		     "(at most 64)", short_value(v, buf, sizeof(buf)));
	}
	get_word(L, &top, "kind", YAML_REQUIRED, kinds, "diagnosis or survey",
		 &kind);
	if (get_int(L, &top, "version", YAML_REQUIRED, &q->version) > 0 &&
	    q->version < 1)
		fail(L, yaml_node_get(root, "version"), "'version' must be a "
		     "positive whole number");
	get_text(L, &top, "title", YAML_REQUIRED, &q->title);
	if (kind < 0)
		return;		/* the rest depends on the kind */
	q->kind = (enum qset_kind)kind;
	if (q->kind == QSET_DIAGNOSIS) {
		parse_scale(L, &top);
		parse_grades(L, &top);
		parse_categories(L, &top, YAML_REQUIRED);
	} else {
		size_t i;

		for (i = 0; i < root->n; i++) {
			const struct yaml_node *k = root->pairs[i].key;

			if (!strcmp(k->str, "scale") ||
			    !strcmp(k->str, "grades"))
				fail(L, k, "a survey set has no '%s'",
				     k->str);
		}
		parse_categories(L, &top, 0);
	}
	if (!L->y.nomem)
		parse_questions(L, &top);
}

static struct qset *
load_doc(struct yaml_doc *doc, struct osk_errlist *errs)
{
	struct osk_errlist mine;
	struct ld L;
	struct qset *q;

	memset(&L, 0, sizeof(L));
	osk_errlist_init(&mine, 1000);
	L.y.doc = doc;
	L.y.errs = &mine;
	q = yaml_doc_alloc(doc, sizeof(*q));
	if (q)
		q->priv = yaml_doc_alloc(doc, sizeof(*q->priv));
	if (!q || !q->priv) {
		nomem(&L);
		yaml_doc_free(doc);
		return NULL;
	}
	L.q = q;
	q->path = yaml_doc_path(doc);
	q->source = yaml_doc_text(doc, &q->source_len);
	sha256_hex(q->source, q->source_len, q->sha256);
	parse_set(&L);
	if (L.y.nerr || L.y.nomem) {
		idtab_release(&L.qids);
		idtab_release(&L.cids);
		yaml_doc_free(doc);
		q = NULL;
	} else {
		q->priv->doc = doc;
		q->priv->questions = L.qids;
		q->priv->categories = L.cids;
	}
	osk_errlist_move_sorted(&mine, errs);
	return q;
}

struct qset *
qset_load_mem(const char *name, const char *buf, size_t len,
	      struct osk_errlist *errs)
{
	struct yaml_doc *doc = yaml_doc_load_listed(name, buf ? buf : "", len,
						    errs);

	return doc ? load_doc(doc, errs) : NULL;
}

struct qset *
qset_load_file(const char *path, struct osk_errlist *errs)
{
	struct yaml_doc *doc = yaml_doc_load_listed(path, NULL, 0, errs);

	return doc ? load_doc(doc, errs) : NULL;
}

void
qset_free(struct qset *q)
{
	if (!q)
		return;
	idtab_release(&q->priv->questions);
	idtab_release(&q->priv->categories);
	yaml_doc_free(q->priv->doc);	/* q itself lives in this pool */
}

/* ---- look-ups ---- */

long
qset_question_index(const struct qset *q, const char *id)
{
	size_t i = idtab_find(&q->priv->questions, id);

	return i == QSET_NONE ? -1 : (long)i;
}

long
qset_category_index(const struct qset *q, const char *id)
{
	size_t i = idtab_find(&q->priv->categories, id);

	return i == QSET_NONE ? -1 : (long)i;
}

const struct qset_option *
qset_option_find(const struct qset_question *qq, const char *id)
{
	size_t i;

	for (i = 0; i < qq->noptions; i++)
		if (qq->options[i].id && !strcmp(qq->options[i].id, id))
			return &qq->options[i];
	return NULL;
}

const struct qset_grade *
qset_grade_for(const struct qset *q, double score)
{
	size_t i;

	if (!q->ngrades)
		return NULL;
	for (i = 0; i < q->ngrades; i++)
		if (score >= q->grades[i].min)
			return &q->grades[i];
	return &q->grades[q->ngrades - 1];
}

bool
qset_when_applies(const struct qset *q, const struct qset_question *qq,
		  bool (*has_choice)(void *ctx, size_t question,
				     const char *choice),
		  void *ctx)
{
	size_t i;

	(void)q;
	if (!qq->when)
		return true;
	for (i = 0; i < qq->when->nchoices; i++)
		if (has_choice(ctx, qq->when->question, qq->when->choices[i]))
			return true;
	return false;
}

int
qset_json_write(const struct qset *q, struct sbuf *sb, int flags)
{
	return yaml_json_write(yaml_doc_root(q->priv->doc), sb, flags);
}

const char *
osk_text_get(const struct osk_text *t, int lang)
{
	const char *s = lang == OSK_LANG_EN ? t->en : t->ja;

	if (!s)
		s = lang == OSK_LANG_EN ? t->ja : t->en;
	return s ? s : "";
}

const char *
qset_kind_name(enum qset_kind kind)
{
	return kind == QSET_SURVEY ? "survey" : "diagnosis";
}

const char *
qset_type_name(enum qset_type type)
{
	static const char *const names[] = {
		"scale", "single", "multi", "number", "text"
	};

	return (unsigned)type < 5 ? names[type] : "?";
}

const char *
qset_cost_name(enum qset_cost cost)
{
	static const char *const names[] = { "free", "low", "paid" };

	return (unsigned)cost < 3 ? names[cost] : "?";
}

bool
qset_file_is_set(const char *path)
{
	char line[256];
	bool found = false;
	FILE *f = fopen(path, "r");

	if (!f)
		return false;
	while (!found && fgets(line, sizeof(line), f))
		found = !strncmp(line, "set:", 4) ||
			!strncmp(line, "\xef\xbb\xbfset:", 7);
	fclose(f);
	return found;
}
