/* SPDX-License-Identifier: MIT */
/*
 * The event catalog, questions/alerts.yaml, read with the same strictness
 * as the question sets (core/qset.c): every key checked, every problem one
 * "path:line:col: message", all of them reported at once.
 */
#include <regex.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "alerts/alerts.h"
#include "alerts/internal.h"
#include "core/yaml.h"

struct alerts_catalog_priv {
	struct yaml_doc *doc;
	regex_t *re;		/* all signature patterns, event by event */
	size_t nre;
	size_t *re_event;	/* event index of each pattern */
	int64_t *sids;		/* all sids, sorted, with their event */
	size_t *sid_event;
	size_t nsids;
};

/* ---- loader state ---- */

struct ld {
	struct yaml_ld y;	/* document, error list: core/yaml.h */
	struct alerts_catalog *c;
	struct alerts_catalog_priv *p;
};

/* The shared loader helpers of core/yaml.h, on this loader's state. */
#define add_error(L, e) yaml_ld_add(&(L)->y, e)
#define fail(L, ...) yaml_ld_fail(&(L)->y, __VA_ARGS__)
#define nomem(L) yaml_ld_nomem(&(L)->y)
#define alloc(L, n, size) yaml_ld_alloc(&(L)->y, n, size)
#define get_node(L, ...) yaml_ld_node(&(L)->y, __VA_ARGS__)
#define get_str(L, ...) yaml_ld_str(&(L)->y, __VA_ARGS__)
#define get_text(L, m, key, flags, out) \
	yaml_ld_text(&(L)->y, m, key, flags, &(out)->ja, &(out)->en)
#define is_map(L, n, what) yaml_ld_map(&(L)->y, n, what)
#define check_keys(L, m, known) yaml_ld_keys(&(L)->y, m, known)
#define get_list(L, m, key, flags) yaml_ld_list(&(L)->y, m, key, flags)

static bool
id_ok(const char *s)
{
	size_t n = 0;

	for (; *s; s++, n++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		      *s == '-'))
			return false;
	return n > 0 && n <= 64;
}

static const char *
get_id(struct ld *L, const struct yaml_map *m, const char *what)
{
	const char *id = NULL;
	char buf[64];

	if (get_str(L, m, "id", YAML_REQUIRED, &id) <= 0)
		return NULL;
	if (!id_ok(id)) {
		fail(L, yaml_node_get(m->node, "id"), "%s id '%s' may use "
		     "only a-z, 0-9 and '-' (at most 64)", what,
		     yaml_str_short(id, strlen(id), buf, sizeof(buf)));
		return NULL;
	}
	return id;
}

static const char *
short_str(const struct yaml_node *n, char *buf, size_t size)
{
	return yaml_str_short(n->str, n->len, buf, size);
}

/* ---- phases ---- */

static void
parse_phases(struct ld *L, const struct yaml_map *top)
{
	static const char *const keys[] = { "id", "title", "plain", NULL };
	const struct yaml_node *list = get_list(L, top, "phases",
						YAML_REQUIRED);
	struct alerts_phase *ph;
	size_t i, j;

	if (!list || !(ph = alloc(L, list->n, sizeof(*ph))))
		return;
	L->c->phases = ph;
	L->c->nphases = list->n;
	for (i = 0; i < list->n; i++) {
		const struct yaml_node *n = list->items[i];
		struct yaml_map m = { L->y.doc, n, "phase" };

		if (!is_map(L, n, "a phase"))
			continue;
		check_keys(L, &m, keys);
		ph[i].line = n->line;
		ph[i].id = get_id(L, &m, "phase");
		get_text(L, &m, "title", YAML_REQUIRED, &ph[i].title);
		if (get_text(L, &m, "plain", 0, &ph[i].plain) == 0)
			ph[i].plain = ph[i].title;
		for (j = 0; ph[i].id && j < i; j++)
			if (ph[j].id && !strcmp(ph[j].id, ph[i].id)) {
				fail(L, yaml_node_get(n, "id"), "duplicate "
				     "phase id '%s' (also on line %d)",
				     ph[i].id, ph[j].line);
				break;
			}
	}
}

/* ---- events ---- */

static void
parse_sids(struct ld *L, struct alerts_event *ev, const struct yaml_node *l)
{
	int64_t *sids = alloc(L, l->n, sizeof(*sids));
	size_t i;

	if (!sids)
		return;
	for (i = 0; i < l->n; i++) {
		const struct yaml_node *n = l->items[i];
		char *end;
		long long v = 0;

		if (n->kind == YAML_NODE_SCALAR &&
		    yaml_scalar_type(n) == YAML_SCALAR_INT && n->str[0] != '-'
		    && n->str[0] != '+' && n->str[0] != '0')
			v = strtoll(n->str, &end, 10);
		if (v <= 0 || v > INT64_C(4294967295)) {
			char buf[64];

			fail(L, n, "a sid must be a signature id 1-4294967295"
			     ", not '%s'", n->kind == YAML_NODE_SCALAR ?
			     short_str(n, buf, sizeof(buf)) : "?");
			continue;
		}
		sids[i] = v;
	}
	ev->sids = sids;
	ev->nsids = l->n;
}

/* A list of non-empty strings (signature patterns, categories). */
static const char **
parse_strings(struct ld *L, const struct yaml_node *l, const char *what)
{
	const char **s = alloc(L, l->n, sizeof(*s));
	size_t i;

	if (!s)
		return NULL;
	for (i = 0; i < l->n; i++) {
		const struct yaml_node *n = l->items[i];

		if (n->kind != YAML_NODE_SCALAR || !n->len ||
		    memchr(n->str, '\0', n->len)) {
			fail(L, n, "%s must be a non-empty text", what);
			continue;
		}
		s[i] = n->str;
	}
	return s;
}

static void
parse_match(struct ld *L, const struct yaml_map *em, struct alerts_event *ev)
{
	static const char *const keys[] = {
		"sids", "signature", "category", NULL
	};
	const struct yaml_node *match = NULL, *l;
	struct yaml_map m;

	if (get_node(L, em, "match", YAML_NODE_MAP, 0, &match) <= 0)
		return;
	m = (struct yaml_map){ L->y.doc, match, "match" };
	check_keys(L, &m, keys);
	if ((l = get_list(L, &m, "sids", 0)))
		parse_sids(L, ev, l);
	if ((l = get_list(L, &m, "signature", 0))) {
		ev->signatures = parse_strings(L, l, "a signature pattern");
		ev->nsignatures = ev->signatures ? l->n : 0;
	}
	if ((l = get_list(L, &m, "category", 0))) {
		ev->categories = parse_strings(L, l, "a category");
		ev->ncategories = ev->categories ? l->n : 0;
	}
}

static void
parse_event(struct ld *L, const struct yaml_node *n, struct alerts_event *ev)
{
	static const char *const keys[] = {
		"id", "phase", "severity", "title", "advice", "match", NULL
	};
	struct yaml_map m = { L->y.doc, n, "event" };
	const char *s = NULL;
	char buf[64];

	check_keys(L, &m, keys);
	ev->line = n->line;
	ev->phase = ALERTS_NONE;
	ev->id = get_id(L, &m, "event");
	if (ev->id && !strcmp(ev->id, ALERTS_UNCLASSIFIED)) {
		fail(L, yaml_node_get(n, "id"), "event id '%s' is reserved "
		     "for alerts that match no event", ev->id);
		ev->id = NULL;
	}
	if (get_str(L, &m, "phase", YAML_REQUIRED, &s) > 0) {
		ev->phase = alerts_catalog_phase(L->c, s);
		if (ev->phase == ALERTS_NONE && L->c->phases)
			fail(L, yaml_node_get(n, "phase"), "unknown phase "
			     "'%s'", yaml_str_short(s, strlen(s), buf,
						    sizeof(buf)));
	}
	if (get_str(L, &m, "severity", YAML_REQUIRED, &s) > 0 &&
	    alerts_severity_parse(s, &ev->severity))
		fail(L, yaml_node_get(n, "severity"), "'severity' must be "
		     "low, medium or high, not '%s'",
		     yaml_str_short(s, strlen(s), buf, sizeof(buf)));
	get_text(L, &m, "title", YAML_REQUIRED, &ev->title);
	get_text(L, &m, "advice", YAML_REQUIRED, &ev->advice);
	parse_match(L, &m, ev);
}

/* The node of item j of list `key` under event n's match (for messages). */
static const struct yaml_node *
match_item(const struct yaml_node *n, const char *key, size_t j)
{
	const struct yaml_node *l = yaml_node_get(yaml_node_get(n, "match"),
						  key);

	return l && j < l->n ? l->items[j] : n;
}

/*
 * The earlier event (before event i, or event i itself before item a)
 * that also lists sid / category, or ALERTS_NONE.
 */
static size_t
sid_owner(const struct alerts_event *ev, size_t i, size_t a)
{
	size_t j, b;

	for (j = 0; j <= i; j++)
		for (b = 0; b < (j < i ? ev[j].nsids : a); b++)
			if (ev[j].sids[b] == ev[i].sids[a])
				return j;
	return ALERTS_NONE;
}

static size_t
category_owner(const struct alerts_event *ev, size_t i, size_t a)
{
	size_t j, b;

	for (j = 0; j <= i; j++)
		for (b = 0; b < (j < i ? ev[j].ncategories : a); b++)
			if (ev[j].categories[b] &&
			    !strcasecmp(ev[j].categories[b],
					ev[i].categories[a]))
				return j;
	return ALERTS_NONE;
}

/* Ids, sids and categories must each belong to one event only. */
static void
check_unique(struct ld *L, const struct yaml_node *list)
{
	const struct alerts_event *ev = L->c->events;
	size_t i, j, a;

	for (i = 0; i < L->c->nevents; i++) {
		const struct yaml_node *n = list->items[i];

		for (j = 0; ev[i].id && j < i; j++)
			if (ev[j].id && !strcmp(ev[i].id, ev[j].id)) {
				fail(L, yaml_node_get(n, "id"), "duplicate "
				     "event id '%s' (also on line %d)",
				     ev[i].id, ev[j].line);
				break;
			}
		for (a = 0; a < ev[i].nsids; a++)
			if (ev[i].sids[a] &&
			    (j = sid_owner(ev, i, a)) != ALERTS_NONE)
				fail(L, match_item(n, "sids", a), "sid %lld "
				     "is already mapped to event '%s' (line "
				     "%d)", (long long)ev[i].sids[a],
				     ev[j].id ? ev[j].id : "?", ev[j].line);
		for (a = 0; a < ev[i].ncategories; a++)
			if (ev[i].categories[a] &&
			    (j = category_owner(ev, i, a)) != ALERTS_NONE)
				fail(L, match_item(n, "category", a),
				     "category '%s' is already mapped to "
				     "event '%s' (line %d)",
				     ev[i].categories[a],
				     ev[j].id ? ev[j].id : "?", ev[j].line);
	}
}

static void
parse_events(struct ld *L, const struct yaml_map *top)
{
	const struct yaml_node *list = get_list(L, top, "events",
						YAML_REQUIRED);
	struct alerts_event *ev;
	size_t i;

	if (!list || !(ev = alloc(L, list->n, sizeof(*ev))))
		return;
	L->c->events = ev;
	L->c->nevents = list->n;
	for (i = 0; i < list->n && !L->y.nomem; i++)
		if (is_map(L, list->items[i], "an event"))
			parse_event(L, list->items[i], &ev[i]);
	check_unique(L, list);
}

/* ---- compiled rules ---- */

static int
sid_cmp(const void *a, const void *b)
{
	const int64_t *x = a, *y = b;

	return *x < *y ? -1 : *x > *y;
}

/*
 * Compile every signature pattern (reporting the bad ones) and build the
 * sorted sid table. Patterns are matched ignoring case, as the catalog
 * says, and only for yes/no (REG_NOSUB is faster).
 */

/* Compile signature pattern j of event i into the next slot. */
static void
compile_pattern(struct ld *L, const struct yaml_node *list, size_t i,
		size_t j)
{
	struct alerts_catalog_priv *p = L->p;
	const struct alerts_event *ev = &L->c->events[i];
	char msg[200];
	int rc;

	if (!ev->signatures[j])
		return;
	rc = regcomp(&p->re[p->nre], ev->signatures[j],
		     REG_EXTENDED | REG_ICASE | REG_NOSUB);
	if (rc) {
		regerror(rc, &p->re[p->nre], msg, sizeof(msg));
		fail(L, match_item(list->items[i], "signature", j),
		     "bad signature pattern: %s", msg);
		return;
	}
	p->re_event[p->nre++] = i;
}

static void
compile_rules(struct ld *L, const struct yaml_node *list)
{
	struct alerts_catalog_priv *p = L->p;
	const struct alerts_event *ev = L->c->events;
	struct { int64_t sid; size_t event; } *tab;
	size_t i, j, n = 0, nsid = 0;

	for (i = 0; i < L->c->nevents; i++) {
		n += ev[i].nsignatures;
		nsid += ev[i].nsids;
	}
	p->re = calloc(n ? n : 1, sizeof(*p->re));
	p->re_event = calloc(n ? n : 1, sizeof(*p->re_event));
	p->sids = calloc(nsid ? nsid : 1, sizeof(*p->sids));
	p->sid_event = calloc(nsid ? nsid : 1, sizeof(*p->sid_event));
	tab = calloc(nsid ? nsid : 1, sizeof(*tab));
	if (!p->re || !p->re_event || !p->sids || !p->sid_event || !tab) {
		free(tab);
		nomem(L);
		return;
	}
	/*
	 * Patterns are tried most severe event first, then in file order,
	 * so that "brute force attack succeeded" is the break-in it says
	 * and not the failed attempts a broader pattern also matches.
	 */
	for (int sev = ALERTS_HIGH; sev >= (int)ALERTS_LOW; sev--) {
		for (i = 0; i < L->c->nevents; i++) {
			if ((int)ev[i].severity != sev)
				continue;
			for (j = 0; j < ev[i].nsignatures; j++)
				compile_pattern(L, list, i, j);
		}
	}
	for (i = 0; i < L->c->nevents; i++) {
		for (j = 0; j < ev[i].nsids; j++) {
			tab[p->nsids].sid = ev[i].sids[j];
			tab[p->nsids++].event = i;
		}
	}
	qsort(tab, p->nsids, sizeof(*tab), sid_cmp);
	for (i = 0; i < p->nsids; i++) {
		p->sids[i] = tab[i].sid;
		p->sid_event[i] = tab[i].event;
	}
	free(tab);
}

/* ---- the catalog ---- */

static void
parse_catalog(struct ld *L)
{
	static const char *const keys[] = {
		"catalog", "version", "phases", "events", NULL
	};
	const struct yaml_node *root = yaml_doc_root(L->y.doc);
	struct yaml_map top = { L->y.doc, root, "event catalog" };
	struct osk_error e;
	char buf[64];

	if (!root) {
		osk_error_set(&e, OSK_EDATA, yaml_doc_path(L->y.doc), 0, 0,
			      "file is empty: an event catalog starts with "
			      "'catalog:'");
		add_error(L, &e);
		return;
	}
	if (!is_map(L, root, "an event catalog"))
		return;
	check_keys(L, &top, keys);
	if (get_str(L, &top, "catalog", YAML_REQUIRED, &L->c->id) > 0 &&
	    !id_ok(L->c->id))
		fail(L, yaml_node_get(root, "catalog"), "catalog id '%s' may "
		     "use only a-z, 0-9 and '-' (at most 64)",
		     yaml_str_short(L->c->id, strlen(L->c->id), buf,
				    sizeof(buf)));
	if (yaml_ld_int(&L->y, &top, "version", YAML_REQUIRED,
			&L->c->version) > 0 &&
	    L->c->version < 1)
		fail(L, yaml_node_get(root, "version"), "'version' must be a "
		     "positive whole number");
	parse_phases(L, &top);
	if (!L->y.nomem)
		parse_events(L, &top);
	if (!L->y.nomem && L->c->events)
		compile_rules(L, yaml_node_get(root, "events"));
}

static void
priv_free(struct alerts_catalog_priv *p)
{
	size_t i;

	for (i = 0; i < p->nre; i++)
		regfree(&p->re[i]);
	free(p->re);
	free(p->re_event);
	free(p->sids);
	free(p->sid_event);
	p->re = NULL;
	p->nre = 0;
}

static struct alerts_catalog *
load_doc(struct yaml_doc *doc, struct osk_errlist *errs)
{
	struct osk_errlist mine;
	struct ld L;

	memset(&L, 0, sizeof(L));
	osk_errlist_init(&mine, 1000);
	L.y.doc = doc;
	L.y.errs = &mine;
	L.c = alloc(&L, 1, sizeof(*L.c));
	L.p = alloc(&L, 1, sizeof(*L.p));
	if (L.c && L.p) {
		const char *src;
		size_t len;

		L.c->priv = L.p;
		L.c->path = yaml_doc_path(doc);
		src = yaml_doc_text(doc, &len);
		sha256_hex(src, len, L.c->sha256);
		parse_catalog(&L);
	}
	if (L.y.nerr) {
		if (L.p)
			priv_free(L.p);
		yaml_doc_free(doc);
		L.c = NULL;
	} else {
		L.p->doc = doc;
	}
	osk_errlist_move_sorted(&mine, errs);
	return L.c;
}

struct alerts_catalog *
alerts_catalog_load_mem(const char *name, const char *buf, size_t len,
			struct osk_errlist *errs)
{
	struct yaml_doc *doc = yaml_doc_load_listed(name, buf ? buf : "", len,
						    errs);

	return doc ? load_doc(doc, errs) : NULL;
}

struct alerts_catalog *
alerts_catalog_load_file(const char *path, struct osk_errlist *errs)
{
	struct yaml_doc *doc = yaml_doc_load_listed(path, NULL, 0, errs);

	return doc ? load_doc(doc, errs) : NULL;
}

void
alerts_catalog_free(struct alerts_catalog *c)
{
	if (!c)
		return;
	priv_free(c->priv);
	yaml_doc_free(c->priv->doc);	/* c itself lives in this pool */
}

/* ---- look-ups ---- */

size_t
alerts_catalog_event(const struct alerts_catalog *c, const char *id)
{
	size_t i;

	for (i = 0; i < c->nevents; i++)
		if (c->events[i].id && !strcmp(c->events[i].id, id))
			return i;
	return ALERTS_NONE;
}

size_t
alerts_catalog_phase(const struct alerts_catalog *c, const char *id)
{
	size_t i;

	for (i = 0; i < c->nphases; i++)
		if (c->phases[i].id && !strcmp(c->phases[i].id, id))
			return i;
	return ALERTS_NONE;
}

const char *
alerts_event_id(const struct alerts_catalog *c, size_t i)
{
	return i < c->nevents ? c->events[i].id : ALERTS_UNCLASSIFIED;
}

size_t
alerts_catalog_classify(const struct alerts_catalog *c, int64_t sid,
			const char *signature, const char *category)
{
	const struct alerts_catalog_priv *p = c->priv;
	size_t lo = 0, hi = p->nsids, i, j;

	while (sid >= 0 && lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (p->sids[mid] == sid)
			return p->sid_event[mid];
		if (p->sids[mid] < sid)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (i = 0; signature && i < p->nre; i++)
		if (!regexec(&p->re[i], signature, 0, NULL, 0))
			return p->re_event[i];
	for (i = 0; category && *category && i < c->nevents; i++)
		for (j = 0; j < c->events[i].ncategories; j++)
			if (!strcasecmp(c->events[i].categories[j], category))
				return i;
	return ALERTS_NONE;
}

const char *
alerts_severity_name(enum alerts_severity s)
{
	static const char *const names[] = { "low", "medium", "high" };

	return (unsigned)s < 3 ? names[s] : "?";
}

int
alerts_severity_parse(const char *s, enum alerts_severity *out)
{
	static const char *const names[] = { "low", "medium", "high" };
	int i;

	for (i = 0; i < 3; i++)
		if (!strcmp(s, names[i])) {
			*out = (enum alerts_severity)i;
			return 0;
		}
	return -1;
}
