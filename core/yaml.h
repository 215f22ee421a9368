/* SPDX-License-Identifier: MIT */
#ifndef CORE_YAML_H
#define CORE_YAML_H

#include <stdbool.h>
#include <stddef.h>

#include "core/error.h"
#include "core/sbuf.h"

/*
 * A small, read-only YAML document tree, built on libyaml's event parser.
 *
 * Every node and string lives in one pool owned by the document, so one
 * yaml_doc_free() frees everything; libyaml's own parser is deleted before
 * a load returns. Scalars keep whether they were written plain or quoted,
 * so that a quoted "yes" or "4" stays a string; plain scalars are resolved
 * with the YAML 1.2 core schema (yaml_scalar_type()).
 *
 * Refused on load, each with "path:line:col: message": files over 8 MB,
 * anchors and aliases (no "billion laughs"), nesting deeper than
 * YAML_MAX_DEPTH, duplicate mapping keys, keys that are not scalars, more
 * than one document, tags other than the standard ones (!!str, !!int,
 * !!float, !!bool, !!null, !!seq, !!map and the non-specific "!"), invalid
 * UTF-8 and every libyaml syntax error.
 *
 * The names avoid libyaml's: our types are struct yaml_doc, yaml_node,
 * yaml_pair and yaml_map; libyaml's end in _s/_t.
 */

#define YAML_MAX_BYTES (8u * 1024 * 1024)
#define YAML_MAX_DEPTH 64

enum yaml_node_kind {
	YAML_NODE_SCALAR = 1,
	YAML_NODE_SEQ,
	YAML_NODE_MAP,
};

/* What a scalar is under the YAML 1.2 core schema (quoted: always STR). */
enum yaml_scalar_type {
	YAML_SCALAR_STR,
	YAML_SCALAR_NULL,	/* empty, ~, null, Null, NULL */
	YAML_SCALAR_BOOL,	/* true/True/TRUE, false/False/FALSE */
	YAML_SCALAR_INT,	/* [-+]?[0-9]+, 0o[0-7]+, 0x[0-9a-fA-F]+ */
	YAML_SCALAR_FLOAT,	/* 1.5, .5, 1e3, -.inf, .nan ... */
};

struct yaml_pair;

struct yaml_node {
	enum yaml_node_kind kind;
	int line, col;			/* 1-based, where the node starts */
	/* scalar: NUL-terminated (may hold NULs from "\0" escapes) */
	const char *str;
	size_t len;
	bool plain;			/* no quotes, not | or >, no !!str */
	/* sequence: items[0..n); mapping: pairs[0..n), in file order */
	size_t n;
	const struct yaml_node *const *items;
	const struct yaml_pair *pairs;
};

struct yaml_pair {
	const struct yaml_node *key;	/* always a scalar */
	const struct yaml_node *value;
};

struct yaml_doc;

/*
 * Parse the file at path. Returns a document to free with yaml_doc_free(),
 * or NULL with err filled: OSK_ENOINPUT when the file cannot be read,
 * OSK_EDATA for bad YAML ("path:line:col: ..."), OSK_ENOMEM.
 */
struct yaml_doc *yaml_doc_load_file(const char *path, struct osk_error *err);

/*
 * Parse len bytes of buf (copied; need not be NUL-terminated). name is used
 * as the path in messages. Same returns as yaml_doc_load_file().
 */
struct yaml_doc *yaml_doc_load_mem(const char *name, const char *buf,
				   size_t len, struct osk_error *err);

/*
 * For loaders that list their errors: the file at path when buf is NULL,
 * else len bytes of buf named path. On failure the error goes into errs
 * (may be NULL) and NULL is returned.
 */
struct yaml_doc *yaml_doc_load_listed(const char *path, const char *buf,
				      size_t len, struct osk_errlist *errs);

/* Free the document, its nodes and strings. NULL does nothing. */
void yaml_doc_free(struct yaml_doc *d);

/* The root node; NULL when the file holds no document (only comments). */
const struct yaml_node *yaml_doc_root(const struct yaml_doc *d);

/* The name given at load (borrowed, lives as long as d). */
const char *yaml_doc_path(const struct yaml_doc *d);

/* The source text as loaded, NUL-terminated (borrowed). */
const char *yaml_doc_text(const struct yaml_doc *d, size_t *len);

/*
 * Allocate zeroed memory from the document's pool (freed with the document),
 * so that code that builds structs from the tree can keep them with it.
 * Returns NULL when out of memory.
 */
void *yaml_doc_alloc(struct yaml_doc *d, size_t size);

/* ---- scalars ---- */

enum yaml_scalar_type yaml_scalar_type(const struct yaml_node *n);

/* The value of mapping key `key` (first match), or NULL. */
const struct yaml_node *yaml_node_get(const struct yaml_node *map,
				      const char *key);

/* ---- typed access with messages ---- */

/*
 * A mapping being read: its document (for the file name in messages), the
 * node, and what to call it in messages ("question", "scale entry").
 */
struct yaml_map {
	const struct yaml_doc *doc;
	const struct yaml_node *node;
	const char *what;
};

#define YAML_REQUIRED 1		/* flags: absent key is an error */

/*
 * Every accessor below returns 1 when the key is present and valid (*out
 * set), 0 when it is absent and optional (*out untouched), or -OSK_EDATA
 * with err filled at the value's position, e.g.
 *   "path:3:5: 'points' must be a whole number"
 *   "path:2:3: missing required key 'id' in question" (at the mapping)
 * A key written with no value (null) counts as absent.
 */

/* Any node kind; kind 0 accepts every kind, else it must match. */
int yaml_map_node(const struct yaml_map *m, const char *key,
		  enum yaml_node_kind kind, int flags,
		  const struct yaml_node **out, struct osk_error *err);

/* A scalar as text (plain numbers are text too); no NUL bytes inside. */
int yaml_map_str(const struct yaml_map *m, const char *key, int flags,
		 const char **out, struct osk_error *err);

/* A plain whole number in int range: "4" ok, "4.5", "x", quoted: error. */
int yaml_map_int(const struct yaml_map *m, const char *key, int flags,
		 int *out, struct osk_error *err);

/* A plain finite number (int or float). */
int yaml_map_num(const struct yaml_map *m, const char *key, int flags,
		 double *out, struct osk_error *err);

/* A plain true or false (not yes/no/on/off). */
int yaml_map_bool(const struct yaml_map *m, const char *key, int flags,
		  bool *out, struct osk_error *err);

/*
 * A text in two languages, {ja: ..., en: ...}: both required and non-empty,
 * no other keys: "path:L:C: 'label' needs both ja and en".
 */
int yaml_map_text(const struct yaml_map *m, const char *key, int flags,
		  const char **ja, const char **en, struct osk_error *err);

/*
 * Check that m has only keys from the NULL-terminated list known. Adds one
 * error per unknown key to errs ("path:L:C: unknown key 'lable' in question
 * (known: id, text, ...)") and returns how many there were.
 */
size_t yaml_map_check_keys(const struct yaml_map *m,
			   const char *const *known, struct osk_errlist *errs);

/*
 * Fill err with "path:L:C: <what> must be a mapping|a list|text" for node n
 * and return -OSK_EDATA; returns 0 if n has that kind.
 */
int yaml_node_expect(const struct yaml_doc *d, const struct yaml_node *n,
		     enum yaml_node_kind kind, const char *what,
		     struct osk_error *err);

/*
 * Text from the file made fit for a one-line message: at most about 48
 * bytes, cut on a UTF-8 boundary with "..." added, control bytes as '?'.
 * Writes into buf (size >= 8 for anything to show) and returns buf.
 */
const char *yaml_str_short(const char *s, size_t len, char *buf,
			   size_t size);

/* ---- loaders that list every error ---- */

/*
 * The state every loader of ours shares that reads a document into structs
 * and reports every problem instead of stopping at the first (question
 * sets, the alert catalog). Embed it as member `y` of the loader's state.
 */
struct yaml_ld {
	struct yaml_doc *doc;
	struct osk_errlist *errs;	/* NULL: errors are only counted */
	size_t nerr;
	bool nomem;
};

/* Add e to the list (and count it). */
void yaml_ld_add(struct yaml_ld *L, const struct osk_error *e);
/* "path:line:col: message" at node n (NULL: no position); -OSK_EDATA. */
int yaml_ld_fail(struct yaml_ld *L, const struct yaml_node *n,
		 const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Report "out of memory" once; -OSK_ENOMEM. */
int yaml_ld_nomem(struct yaml_ld *L);
/* n zeroed items of size bytes from the document's pool, or NULL. */
void *yaml_ld_alloc(struct yaml_ld *L, size_t n, size_t size);

/* The yaml_map_*() accessors, adding their error to the list. */
int yaml_ld_node(struct yaml_ld *L, const struct yaml_map *m, const char *key,
		 enum yaml_node_kind kind, int flags,
		 const struct yaml_node **out);
int yaml_ld_str(struct yaml_ld *L, const struct yaml_map *m, const char *key,
		int flags, const char **out);
int yaml_ld_int(struct yaml_ld *L, const struct yaml_map *m, const char *key,
		int flags, int *out);
int yaml_ld_num(struct yaml_ld *L, const struct yaml_map *m, const char *key,
		int flags, double *out);
int yaml_ld_bool(struct yaml_ld *L, const struct yaml_map *m, const char *key,
		 int flags, bool *out);
int yaml_ld_text(struct yaml_ld *L, const struct yaml_map *m, const char *key,
		 int flags, const char **ja, const char **en);
/* yaml_map_check_keys() into the list. */
void yaml_ld_keys(struct yaml_ld *L, const struct yaml_map *m,
		  const char *const *known);
/* Whether n is a mapping; else an error "<what> must be a mapping". */
bool yaml_ld_map(struct yaml_ld *L, const struct yaml_node *n,
		 const char *what);
/* A non-empty list under key; NULL when absent or bad (reported). */
const struct yaml_node *yaml_ld_list(struct yaml_ld *L,
				     const struct yaml_map *m,
				     const char *key, int flags);

/* ---- JSON ---- */

#define YAML_JSON_PRETTY 1	/* flags: two-space indent, one item a line */

/*
 * Append node n as JSON to sb. Plain scalars that are YAML 1.2 core ints,
 * floats, booleans and null become JSON numbers, booleans and null (0x/0o
 * ints in decimal; .inf/.nan as strings); all else is a string, escaped as
 * JSON requires. Mapping keys keep their order. Returns 0 or -OSK_ENOMEM.
 */
int yaml_json_write(const struct yaml_node *n, struct sbuf *sb, int flags);

/* Append s (len bytes) as a quoted, escaped JSON string. 0 or -OSK_ENOMEM. */
int yaml_json_string(struct sbuf *sb, const char *s, size_t len);

#endif
