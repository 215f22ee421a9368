/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <yaml.h>

#include "core/yaml.h"

/* ---- pool ---- */

struct block {
	struct block *next;
	size_t used, size;
	max_align_t data[];
};

#define BLOCK_SIZE (32u * 1024)

struct yaml_doc {
	struct block *blocks;
	const char *path;
	char *text;			/* malloc'd source, NUL-terminated */
	size_t len;
	struct yaml_node *root;
};

void *
yaml_doc_alloc(struct yaml_doc *d, size_t size)
{
	const size_t align = _Alignof(max_align_t);
	struct block *b = d->blocks;
	void *p;

	if (size > SIZE_MAX - 2 * align - BLOCK_SIZE)
		return NULL;
	size = (size + align - 1) / align * align;
	if (!size)
		size = align;
	if (!b || b->size - b->used < size) {
		size_t bs = size > BLOCK_SIZE ? size : BLOCK_SIZE;

		b = malloc(sizeof(*b) + bs);
		if (!b)
			return NULL;
		b->used = 0;
		b->size = bs;
		/*
		 * A big one-off allocation goes behind the current block so
		 * that the current block's free space stays usable.
		 */
		if (d->blocks && bs > BLOCK_SIZE) {
			b->next = d->blocks->next;
			d->blocks->next = b;
		} else {
			b->next = d->blocks;
			d->blocks = b;
		}
	}
	p = (char *)b->data + b->used;
	b->used += size;
	memset(p, 0, size);
	return p;
}

static char *
pool_strndup(struct yaml_doc *d, const char *s, size_t len)
{
	char *p;

	if (len == SIZE_MAX)
		return NULL;
	p = yaml_doc_alloc(d, len + 1);
	if (!p)
		return NULL;
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

void
yaml_doc_free(struct yaml_doc *d)
{
	struct block *b, *next;

	if (!d)
		return;
	for (b = d->blocks; b; b = next) {
		next = b->next;
		free(b);
	}
	free(d->text);
	free(d);
}

const struct yaml_node *
yaml_doc_root(const struct yaml_doc *d)
{
	return d->root;
}

const char *
yaml_doc_path(const struct yaml_doc *d)
{
	return d->path;
}

const char *
yaml_doc_text(const struct yaml_doc *d, size_t *len)
{
	if (len)
		*len = d->len;
	return d->text;
}

/* ---- messages ---- */

const char *
yaml_str_short(const char *s, size_t len, char *buf, size_t size)
{
	size_t n = len, i;
	bool cut = false;

	if (size < 8) {
		if (size)
			buf[0] = '\0';
		return buf;
	}
	if (n > 48)
		n = 48;
	if (n > size - 4)
		n = size - 4;
	if (n < len) {
		cut = true;
		while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
			n--;
	}
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		buf[i] = c < 0x20 || c == 0x7f ? '?' : (char)c;
	}
	if (cut)
		memcpy(buf + n, "...", 3), n += 3;
	buf[n] = '\0';
	return buf;
}

static int
node_error(const struct yaml_doc *d, const struct yaml_node *n,
	   struct osk_error *err, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static int
node_error(const struct yaml_doc *d, const struct yaml_node *n,
	   struct osk_error *err, const char *fmt, ...)
{
	char msg[sizeof(err->msg)];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return osk_error_set(err, OSK_EDATA, d->path, n ? n->line : 0,
			     n ? n->col : 0, "%s", msg);
}

/* ---- loading ---- */

struct frame {
	struct yaml_node *node;
	size_t start;		/* its children are vec[start..nvec) */
};

struct loader {
	struct yaml_doc *d;
	yaml_parser_t parser;
	struct frame stack[YAML_MAX_DEPTH + 1];
	size_t depth;
	struct yaml_node **vec;
	size_t nvec, avec;
	int ndocs;
	struct osk_error *err;
};

static int
mark_error(struct loader *L, const yaml_mark_t *m, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int
mark_error(struct loader *L, const yaml_mark_t *m, const char *fmt, ...)
{
	char msg[sizeof(L->err->msg)];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return osk_error_set(L->err, OSK_EDATA, L->d->path,
			     m ? (int)m->line + 1 : 0,
			     m ? (int)m->column + 1 : 0, "%s", msg);
}

static int
oom(struct loader *L)
{
	return osk_error_set(L->err, OSK_ENOMEM, L->d->path, 0, 0,
			     "out of memory");
}

/*
 * libyaml's reader errors carry a byte offset, not a mark: count lines and
 * characters (UTF-8 lead bytes) up to it ourselves.
 */
static int
reader_error(struct loader *L)
{
	const yaml_parser_t *p = &L->parser;
	size_t off = p->problem_offset, i;
	yaml_mark_t m = { 0, 0, 0 };

	if (off > L->d->len)
		off = L->d->len;
	for (i = 0; i < off; i++) {
		unsigned char c = (unsigned char)L->d->text[i];

		if (c == '\n') {
			m.line++;
			m.column = 0;
		} else if ((c & 0xc0) != 0x80) {
			m.column++;
		}
	}
	if (p->problem_value >= 0)
		return mark_error(L, &m, "%s (byte 0x%02X); save the file "
				  "as UTF-8", p->problem,
				  (unsigned)p->problem_value & 0xff);
	return mark_error(L, &m, "%s; save the file as UTF-8", p->problem);
}

static int
parser_error(struct loader *L)
{
	const yaml_parser_t *p = &L->parser;
	const char *problem = p->problem ? p->problem : "syntax error";

	switch (p->error) {
	case YAML_MEMORY_ERROR:
		return oom(L);
	case YAML_READER_ERROR:
		return reader_error(L);
	default:
		break;
	}
	if (p->context)
		return mark_error(L, &p->problem_mark, "%s, %s on line %d",
				  problem, p->context,
				  (int)p->context_mark.line + 1);
	return mark_error(L, &p->problem_mark, "%s", problem);
}

#define TAG_PREFIX "tag:yaml.org,2002:"

/*
 * Standard tags only. Returns 0 and may change n->plain (a !!str scalar is
 * a string; !!int etc. resolve like plain scalars), or -1 if not allowed.
 */
static int
check_tag(const char *tag, struct yaml_node *n)
{
	static const char *const scalar_tags[] = {
		"int", "float", "bool", "null", NULL
	};
	size_t i;

	if (!tag)
		return 0;
	if (!strcmp(tag, "!")) {
		if (n->kind == YAML_NODE_SCALAR)
			n->plain = false;
		return 0;
	}
	if (strncmp(tag, TAG_PREFIX, strlen(TAG_PREFIX)))
		return -1;
	tag += strlen(TAG_PREFIX);
	switch (n->kind) {
	case YAML_NODE_SEQ:
		return strcmp(tag, "seq") ? -1 : 0;
	case YAML_NODE_MAP:
		return strcmp(tag, "map") ? -1 : 0;
	case YAML_NODE_SCALAR:
		if (!strcmp(tag, "str")) {
			n->plain = false;
			return 0;
		}
		for (i = 0; scalar_tags[i]; i++)
			if (!strcmp(tag, scalar_tags[i])) {
				n->plain = true;
				return 0;
			}
		return -1;
	}
	return -1;
}

/* Anchors, tags and our limits, common to scalars and collections. */
static int
check_props(struct loader *L, const yaml_event_t *ev, const yaml_char_t *anchor,
	    const yaml_char_t *tag, struct yaml_node *n)
{
	char buf[64];

	if (anchor)
		return mark_error(L, &ev->start_mark, "anchors and aliases "
				  "are not supported; write the value out");
	if (check_tag((const char *)tag, n)) {
		const char *t = (const char *)tag;
		bool std = !strncmp(t, TAG_PREFIX, strlen(TAG_PREFIX));

		if (std)
			t += strlen(TAG_PREFIX);
		return mark_error(L, &ev->start_mark,
				  "tag '%s%s' is not supported",
				  std ? "!!" : "",
				  yaml_str_short(t, strlen(t), buf,
						 sizeof(buf)));
	}
	if (L->depth > 0) {
		const struct frame *f = &L->stack[L->depth - 1];

		if (f->node->kind == YAML_NODE_MAP &&
		    (L->nvec - f->start) % 2 == 0 &&
		    n->kind != YAML_NODE_SCALAR)
			return mark_error(L, &ev->start_mark,
					  "mapping keys must be scalars");
	}
	return 0;
}

static int
push_child(struct loader *L, struct yaml_node *n)
{
	if (L->depth == 0) {
		L->d->root = n;
		return 0;
	}
	if (L->nvec == L->avec) {
		size_t na = L->avec ? 2 * L->avec : 256;
		struct yaml_node **p = realloc(L->vec, na * sizeof(*p));

		if (!p)
			return oom(L);
		L->vec = p;
		L->avec = na;
	}
	L->vec[L->nvec++] = n;
	return 0;
}

static struct yaml_node *
new_node(struct loader *L, enum yaml_node_kind kind, const yaml_event_t *ev)
{
	struct yaml_node *n = yaml_doc_alloc(L->d, sizeof(*n));

	if (!n)
		return NULL;
	n->kind = kind;
	n->line = (int)ev->start_mark.line + 1;
	n->col = (int)ev->start_mark.column + 1;
	return n;
}

static int
on_scalar(struct loader *L, const yaml_event_t *ev)
{
	struct yaml_node *n = new_node(L, YAML_NODE_SCALAR, ev);
	int r;

	if (!n)
		return oom(L);
	n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
	r = check_props(L, ev, ev->data.scalar.anchor, ev->data.scalar.tag, n);
	if (r)
		return r;
	n->len = ev->data.scalar.length;
	n->str = pool_strndup(L->d, (const char *)ev->data.scalar.value,
			      n->len);
	if (!n->str)
		return oom(L);
	return push_child(L, n);
}

static int
on_start(struct loader *L, const yaml_event_t *ev, enum yaml_node_kind kind)
{
	const yaml_char_t *anchor, *tag;
	struct yaml_node *n = new_node(L, kind, ev);
	int r;

	if (!n)
		return oom(L);
	if (kind == YAML_NODE_SEQ) {
		anchor = ev->data.sequence_start.anchor;
		tag = ev->data.sequence_start.tag;
	} else {
		anchor = ev->data.mapping_start.anchor;
		tag = ev->data.mapping_start.tag;
	}
	r = check_props(L, ev, anchor, tag, n);
	if (r)
		return r;
	if (L->depth >= YAML_MAX_DEPTH)
		return mark_error(L, &ev->start_mark, "nesting is deeper "
				  "than %d levels", YAML_MAX_DEPTH);
	r = push_child(L, n);
	if (r)
		return r;
	L->stack[L->depth].node = n;
	L->stack[L->depth].start = L->nvec;
	L->depth++;
	return 0;
}

static int
key_cmp(const struct yaml_node *a, const struct yaml_node *b)
{
	size_t n = a->len < b->len ? a->len : b->len;
	int c = memcmp(a->str, b->str, n);

	if (c)
		return c;
	return a->len < b->len ? -1 : a->len > b->len;
}

static int
pair_cmp(const void *pa, const void *pb)
{
	const struct yaml_pair *a = pa, *b = pb;
	int c = key_cmp(a->key, b->key);

	if (c)
		return c;
	/* same key: keep file order so that the first one comes first */
	if (a->key->line != b->key->line)
		return a->key->line < b->key->line ? -1 : 1;
	return a->key->col < b->key->col ? -1 : a->key->col > b->key->col;
}

static bool
pos_before(const struct yaml_node *a, const struct yaml_node *b)
{
	return a->line < b->line || (a->line == b->line && a->col < b->col);
}

/*
 * Report the duplicate whose second occurrence comes first in the file.
 * Small mappings are checked pairwise, big ones sorted (a hostile file must
 * not cost O(n^2)).
 */
static int
check_duplicates(struct loader *L, const struct yaml_pair *pairs, size_t n)
{
	const struct yaml_node *first = NULL, *second = NULL;
	struct yaml_pair *sorted;
	char buf[64];
	size_t i, j;

	if (n <= 32) {
		for (j = 1; j < n && !second; j++)
			for (i = 0; i < j; i++)
				if (!key_cmp(pairs[i].key, pairs[j].key)) {
					first = pairs[i].key;
					second = pairs[j].key;
					break;
				}
	} else {
		sorted = malloc(n * sizeof(*sorted));
		if (!sorted)
			return oom(L);
		memcpy(sorted, pairs, n * sizeof(*sorted));
		qsort(sorted, n, sizeof(*sorted), pair_cmp);
		for (i = 1; i < n; i++) {
			if (key_cmp(sorted[i - 1].key, sorted[i].key))
				continue;
			if (i >= 2 && !key_cmp(sorted[i - 2].key,
					       sorted[i].key))
				continue;
			if (!second || pos_before(sorted[i].key, second)) {
				first = sorted[i - 1].key;
				second = sorted[i].key;
			}
		}
		free(sorted);
	}
	if (!second)
		return 0;
	return osk_error_set(L->err, OSK_EDATA, L->d->path, second->line,
			     second->col,
			     "duplicate key '%s' (also on line %d)",
			     yaml_str_short(second->str, second->len, buf,
					    sizeof(buf)), first->line);
}

static int
on_end(struct loader *L)
{
	struct frame *f = &L->stack[--L->depth];
	struct yaml_node *n = f->node;
	size_t count = L->nvec - f->start, i;

	if (n->kind == YAML_NODE_SEQ) {
		const struct yaml_node **items;

		n->n = count;
		if (count) {
			items = yaml_doc_alloc(L->d, count * sizeof(*items));
			if (!items)
				return oom(L);
			memcpy(items, L->vec + f->start,
			       count * sizeof(*items));
			n->items = items;
		}
	} else {
		struct yaml_pair *pairs;
		int r;

		/* libyaml always pairs keys with values (empty = null) */
		n->n = count / 2;
		if (n->n) {
			pairs = yaml_doc_alloc(L->d, n->n * sizeof(*pairs));
			if (!pairs)
				return oom(L);
			for (i = 0; i < n->n; i++) {
				pairs[i].key = L->vec[f->start + 2 * i];
				pairs[i].value = L->vec[f->start + 2 * i + 1];
			}
			n->pairs = pairs;
			r = check_duplicates(L, pairs, n->n);
			if (r)
				return r;
		}
	}
	L->nvec = f->start;
	return 0;
}

static int
on_event(struct loader *L, const yaml_event_t *ev, bool *done)
{
	switch (ev->type) {
	case YAML_STREAM_END_EVENT:
		*done = true;
		return 0;
	case YAML_DOCUMENT_START_EVENT:
		if (L->ndocs++)
			return mark_error(L, &ev->start_mark,
					  "only one document per file is "
					  "allowed");
		return 0;
	case YAML_ALIAS_EVENT:
		return mark_error(L, &ev->start_mark, "anchors and aliases "
				  "are not supported; write the value out");
	case YAML_SCALAR_EVENT:
		return on_scalar(L, ev);
	case YAML_SEQUENCE_START_EVENT:
		return on_start(L, ev, YAML_NODE_SEQ);
	case YAML_MAPPING_START_EVENT:
		return on_start(L, ev, YAML_NODE_MAP);
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		if (!L->depth)
			return mark_error(L, &ev->start_mark, "unbalanced "
					  "end of collection");
		return on_end(L);
	default:
		return 0;
	}
}

static int
parse(struct loader *L)
{
	yaml_event_t ev;
	bool done = false;
	int r = 0;

	if (!yaml_parser_initialize(&L->parser))
		return oom(L);
	yaml_parser_set_input_string(&L->parser,
				     (const unsigned char *)L->d->text,
				     L->d->len);
	while (!done && !r) {
		if (!yaml_parser_parse(&L->parser, &ev)) {
			r = parser_error(L);
			break;
		}
		r = on_event(L, &ev, &done);
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&L->parser);
	return r;
}

static struct yaml_doc *
load_owned(const char *name, char *text, size_t len, struct osk_error *err)
{
	struct loader L;
	struct yaml_doc *d = calloc(1, sizeof(*d));
	int r;

	if (!d) {
		free(text);
		osk_fail(err, OSK_ENOMEM, "out of memory");
		return NULL;
	}
	d->text = text;
	d->len = len;
	d->path = pool_strndup(d, name, strlen(name));
	if (!d->path) {
		yaml_doc_free(d);
		osk_fail(err, OSK_ENOMEM, "out of memory");
		return NULL;
	}
	if (len > YAML_MAX_BYTES) {
		osk_error_set(err, OSK_EDATA, d->path, 0, 0,
			      "file is larger than %u MB",
			      YAML_MAX_BYTES / (1024 * 1024));
		yaml_doc_free(d);
		return NULL;
	}
	memset(&L, 0, sizeof(L));
	L.d = d;
	L.err = err;
	r = parse(&L);
	free(L.vec);
	if (r) {
		yaml_doc_free(d);
		return NULL;
	}
	return d;
}

struct yaml_doc *
yaml_doc_load_mem(const char *name, const char *buf, size_t len,
		  struct osk_error *err)
{
	char *text;

	if (!name)
		name = "-";
	if (len > YAML_MAX_BYTES) {
		osk_error_set(err, OSK_EDATA, name, 0, 0,
			      "file is larger than %u MB",
			      YAML_MAX_BYTES / (1024 * 1024));
		return NULL;
	}
	text = malloc(len + 1);
	if (!text) {
		osk_fail(err, OSK_ENOMEM, "out of memory");
		return NULL;
	}
	if (len)
		memcpy(text, buf, len);
	text[len] = '\0';
	return load_owned(name, text, len, err);
}

struct yaml_doc *
yaml_doc_load_file(const char *path, struct osk_error *err)
{
	struct sbuf sb = SBUF_INIT;
	struct stat st;
	char *text;
	size_t len;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		osk_fail(err, OSK_ENOINPUT, "cannot open '%s': %s", path,
			 strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
	    st.st_size > (off_t)YAML_MAX_BYTES) {
		close(fd);
		osk_error_set(err, OSK_EDATA, path, 0, 0,
			      "file is larger than %u MB",
			      YAML_MAX_BYTES / (1024 * 1024));
		return NULL;
	}
	for (;;) {
		ssize_t n;

		if (sbuf_grow(&sb, 64 * 1024)) {
			close(fd);
			sbuf_release(&sb);
			osk_fail(err, OSK_ENOMEM, "out of memory");
			return NULL;
		}
		n = read(fd, sb.buf + sb.len, sb.alloc - sb.len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			osk_fail(err, OSK_ENOINPUT, "cannot read '%s': %s",
				 path, strerror(errno));
			close(fd);
			sbuf_release(&sb);
			return NULL;
		}
		if (n == 0)
			break;
		sb.len += (size_t)n;
		sb.buf[sb.len] = '\0';
		if (sb.len > YAML_MAX_BYTES)
			break;	/* load_owned() refuses it */
	}
	close(fd);
	text = sbuf_detach(&sb, &len);
	if (!text) {
		osk_fail(err, OSK_ENOMEM, "out of memory");
		return NULL;
	}
	return load_owned(path, text, len, err);
}

/* ---- scalars ---- */

static bool
is_digits(const char *s, const char *end, int base)
{
	if (s == end)
		return false;
	for (; s < end; s++) {
		int c = (unsigned char)*s;

		if (base == 8 && !(c >= '0' && c <= '7'))
			return false;
		if (base == 10 && !(c >= '0' && c <= '9'))
			return false;
		if (base == 16 && !((c >= '0' && c <= '9') ||
				    (c >= 'a' && c <= 'f') ||
				    (c >= 'A' && c <= 'F')))
			return false;
	}
	return true;
}

static bool
is_one_of(const char *s, size_t len, const char *const *words)
{
	for (; *words; words++)
		if (strlen(*words) == len && !memcmp(s, *words, len))
			return true;
	return false;
}

static bool
is_decimal_int(const char *s, size_t len)
{
	const char *end = s + len;

	if (s < end && (*s == '-' || *s == '+'))
		s++;
	return is_digits(s, end, 10);
}

/* [-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )? */
static bool
is_core_float(const char *s, size_t len)
{
	const char *end = s + len;
	const char *p;
	bool digits = false;

	if (s < end && (*s == '-' || *s == '+'))
		s++;
	for (p = s; p < end && *p >= '0' && *p <= '9'; p++)
		digits = true;
	if (p < end && *p == '.') {
		p++;
		for (; p < end && *p >= '0' && *p <= '9'; p++)
			digits = true;
	}
	if (!digits)
		return false;
	if (p < end && (*p == 'e' || *p == 'E')) {
		const char *e = ++p;

		if (p < end && (*p == '-' || *p == '+'))
			e = ++p;
		for (; p < end && *p >= '0' && *p <= '9'; p++)
			;
		if (p == e)
			return false;
	}
	return p == end;
}

static bool
is_inf_nan(const char *s, size_t len)
{
	static const char *const words[] = {
		".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF",
		"-.inf", "-.Inf", "-.INF", ".nan", ".NaN", ".NAN", NULL
	};

	return is_one_of(s, len, words);
}

enum yaml_scalar_type
yaml_scalar_type(const struct yaml_node *n)
{
	static const char *const nulls[] = { "~", "null", "Null", "NULL",
					     NULL };
	static const char *const bools[] = { "true", "True", "TRUE", "false",
					     "False", "FALSE", NULL };
	const char *s;
	size_t len;

	if (!n || n->kind != YAML_NODE_SCALAR || !n->plain)
		return YAML_SCALAR_STR;
	s = n->str;
	len = n->len;
	if (!len || is_one_of(s, len, nulls))
		return YAML_SCALAR_NULL;
	if (is_one_of(s, len, bools))
		return YAML_SCALAR_BOOL;
	if (is_decimal_int(s, len))
		return YAML_SCALAR_INT;
	if (len > 2 && s[0] == '0' && s[1] == 'o' &&
	    is_digits(s + 2, s + len, 8))
		return YAML_SCALAR_INT;
	if (len > 2 && s[0] == '0' && s[1] == 'x' &&
	    is_digits(s + 2, s + len, 16))
		return YAML_SCALAR_INT;
	if (is_core_float(s, len) || is_inf_nan(s, len))
		return YAML_SCALAR_FLOAT;
	return YAML_SCALAR_STR;
}

const struct yaml_node *
yaml_node_get(const struct yaml_node *map, const char *key)
{
	size_t i, len;

	if (!map || map->kind != YAML_NODE_MAP)
		return NULL;
	len = strlen(key);
	for (i = 0; i < map->n; i++) {
		const struct yaml_node *k = map->pairs[i].key;

		if (k->len == len && !memcmp(k->str, key, len))
			return map->pairs[i].value;
	}
	return NULL;
}

/* ---- typed access ---- */

static const char *
kind_name(enum yaml_node_kind kind)
{
	switch (kind) {
	case YAML_NODE_SCALAR:
		return "text";
	case YAML_NODE_SEQ:
		return "a list";
	case YAML_NODE_MAP:
		return "a mapping";
	}
	return "?";
}

int
yaml_node_expect(const struct yaml_doc *d, const struct yaml_node *n,
		 enum yaml_node_kind kind, const char *what,
		 struct osk_error *err)
{
	if (n && n->kind == kind)
		return 0;
	return node_error(d, n, err, "%s must be %s", what, kind_name(kind));
}

static bool
is_null(const struct yaml_node *n)
{
	return n->kind == YAML_NODE_SCALAR &&
	       yaml_scalar_type(n) == YAML_SCALAR_NULL;
}

/*
 * Find key: 1 with *out set, 0 absent or null and optional, <0 error
 * (required and absent or null).
 */
static int
find(const struct yaml_map *m, const char *key, int flags,
     const struct yaml_node **out, struct osk_error *err)
{
	const struct yaml_node *v = yaml_node_get(m->node, key);

	if (!v) {
		if (!(flags & YAML_REQUIRED))
			return 0;
		return node_error(m->doc, m->node, err, "missing required "
				  "key '%s' in %s", key, m->what);
	}
	if (is_null(v)) {
		if (!(flags & YAML_REQUIRED))
			return 0;
		return node_error(m->doc, v, err, "'%s' has no value", key);
	}
	*out = v;
	return 1;
}

int
yaml_map_node(const struct yaml_map *m, const char *key,
	      enum yaml_node_kind kind, int flags,
	      const struct yaml_node **out, struct osk_error *err)
{
	const struct yaml_node *v = NULL;
	int r = find(m, key, flags, &v, err);

	if (r <= 0)
		return r;
	if (kind && v->kind != kind)
		return node_error(m->doc, v, err, "'%s' must be %s", key,
				  kind_name(kind));
	*out = v;
	return 1;
}

int
yaml_map_str(const struct yaml_map *m, const char *key, int flags,
	     const char **out, struct osk_error *err)
{
	const struct yaml_node *v = NULL;
	int r = yaml_map_node(m, key, YAML_NODE_SCALAR, flags, &v, err);

	if (r <= 0)
		return r;
	if (memchr(v->str, '\0', v->len))
		return node_error(m->doc, v, err, "'%s' must not contain NUL "
				  "characters", key);
	*out = v->str;
	return 1;
}

int
yaml_map_int(const struct yaml_map *m, const char *key, int flags,
	     int *out, struct osk_error *err)
{
	const struct yaml_node *v = NULL;
	long long x;
	int r = find(m, key, flags, &v, err);

	if (r <= 0)
		return r;
	if (v->kind == YAML_NODE_SCALAR && !v->plain &&
	    is_decimal_int(v->str, v->len))
		return node_error(m->doc, v, err, "'%s' must be a whole "
				  "number, written without quotes", key);
	if (v->kind != YAML_NODE_SCALAR || !v->plain ||
	    !is_decimal_int(v->str, v->len))
		return node_error(m->doc, v, err, "'%s' must be a whole number",
				  key);
	errno = 0;
	x = strtoll(v->str, NULL, 10);
	if (errno || x < INT_MIN || x > INT_MAX)
		return node_error(m->doc, v, err, "'%s' is too large", key);
	*out = (int)x;
	return 1;
}

int
yaml_map_num(const struct yaml_map *m, const char *key, int flags,
	     double *out, struct osk_error *err)
{
	const struct yaml_node *v = NULL;
	double x;
	int r = find(m, key, flags, &v, err);

	if (r <= 0)
		return r;
	if (v->kind == YAML_NODE_SCALAR && !v->plain &&
	    is_core_float(v->str, v->len))
		return node_error(m->doc, v, err, "'%s' must be a number, "
				  "written without quotes", key);
	if (v->kind != YAML_NODE_SCALAR || !v->plain ||
	    !is_core_float(v->str, v->len))
		return node_error(m->doc, v, err, "'%s' must be a number", key);
	x = strtod(v->str, NULL);
	if (!isfinite(x))
		return node_error(m->doc, v, err, "'%s' is too large", key);
	*out = x;
	return 1;
}

int
yaml_map_bool(const struct yaml_map *m, const char *key, int flags,
	      bool *out, struct osk_error *err)
{
	const struct yaml_node *v = NULL;
	int r = find(m, key, flags, &v, err);

	if (r <= 0)
		return r;
	if (yaml_scalar_type(v) != YAML_SCALAR_BOOL)
		return node_error(m->doc, v, err, "'%s' must be true or false",
				  key);
	*out = v->str[0] == 't' || v->str[0] == 'T';
	return 1;
}

int
yaml_map_text(const struct yaml_map *m, const char *key, int flags,
	      const char **ja, const char **en, struct osk_error *err)
{
	static const char *const langs[] = { "ja", "en", NULL };
	const struct yaml_node *v = NULL, *s[2];
	char buf[64];
	size_t i;
	int r = find(m, key, flags, &v, err);

	if (r <= 0)
		return r;
	if (v->kind != YAML_NODE_MAP)
		return node_error(m->doc, v, err, "'%s' needs both ja and en, "
				  "as {ja: ..., en: ...}", key);
	for (i = 0; i < v->n; i++) {
		const struct yaml_node *k = v->pairs[i].key;

		if (!is_one_of(k->str, k->len, langs))
			return node_error(m->doc, k, err, "unknown key '%s' "
					  "in '%s' (known: ja, en)",
					  yaml_str_short(k->str, k->len, buf,
							 sizeof(buf)), key);
	}
	for (i = 0; i < 2; i++) {
		s[i] = yaml_node_get(v, langs[i]);
		if (!s[i] || is_null(s[i]) ||
		    (s[i]->kind == YAML_NODE_SCALAR && !s[i]->len))
			return node_error(m->doc, v, err, "'%s' needs both ja "
					  "and en", key);
		if (s[i]->kind != YAML_NODE_SCALAR)
			return node_error(m->doc, s[i], err, "'%s.%s' must be "
					  "text", key, langs[i]);
		if (memchr(s[i]->str, '\0', s[i]->len))
			return node_error(m->doc, s[i], err, "'%s.%s' must not "
					  "contain NUL characters", key,
					  langs[i]);
	}
	*ja = s[0]->str;
	*en = s[1]->str;
	return 1;
}

size_t
yaml_map_check_keys(const struct yaml_map *m, const char *const *known,
		    struct osk_errlist *errs)
{
	struct osk_error e;
	struct sbuf list = SBUF_INIT;
	char buf[64];
	size_t i, bad = 0;

	if (!m->node || m->node->kind != YAML_NODE_MAP)
		return 0;
	for (i = 0; i < m->node->n; i++) {
		const struct yaml_node *k = m->node->pairs[i].key;
		size_t j;

		if (is_one_of(k->str, k->len, known))
			continue;
		if (!list.len)
			for (j = 0; known[j]; j++)
				sbuf_addf(&list, "%s%s", j ? ", " : "",
					  known[j]);
		node_error(m->doc, k, &e, "unknown key '%s' in %s (known: %s)",
			   yaml_str_short(k->str, k->len, buf, sizeof(buf)),
			   m->what, list.buf);
		if (errs)
			osk_errlist_add(errs, &e);
		bad++;
	}
	sbuf_release(&list);
	return bad;
}

/* ---- JSON ---- */

/*
 * Length of the UTF-8 sequence at s that JSON output writes as \uXXXX
 * (code point in *cp), or 0. Besides what JSON requires (below U+0020),
 * DEL, the C1 controls and U+FFFE/U+FFFF are escaped, which YAML does not
 * allow raw, and U+0085, U+2028 and U+2029, which YAML reads as line
 * breaks: this way every JSON we write reads back as the same YAML.
 */
static size_t
json_escape_len(const unsigned char *s, size_t left, unsigned *cp)
{
	if (s[0] < 0x20 || s[0] == 0x7f) {
		*cp = s[0];
		return 1;
	}
	if (s[0] == 0xc2 && left >= 2 && s[1] >= 0x80 && s[1] <= 0x9f) {
		*cp = s[1];
		return 2;
	}
	if (s[0] == 0xe2 && left >= 3 && s[1] == 0x80 &&
	    (s[2] == 0xa8 || s[2] == 0xa9)) {
		*cp = 0x2000u | (s[2] - 0x80u);
		return 3;
	}
	if (s[0] == 0xef && left >= 3 && s[1] == 0xbf &&
	    (s[2] == 0xbe || s[2] == 0xbf)) {
		*cp = 0xffc0u | (s[2] & 0x3fu);
		return 3;
	}
	return 0;
}

int
yaml_json_string(struct sbuf *sb, const char *s, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, run = 0;

	if (sbuf_addch(sb, '"'))
		return -OSK_ENOMEM;
	while (i < len) {
		char esc[7] = "\\u";
		size_t elen = 2, n;
		unsigned cp = 0;

		if (u[i] == '"' || u[i] == '\\') {
			esc[1] = (char)u[i];
			n = 1;
		} else if ((n = json_escape_len(u + i, len - i, &cp))) {
			switch (cp) {
			case '\b': esc[1] = 'b'; break;
			case '\f': esc[1] = 'f'; break;
			case '\n': esc[1] = 'n'; break;
			case '\r': esc[1] = 'r'; break;
			case '\t': esc[1] = 't'; break;
			default:
				esc[2] = hex[(cp >> 12) & 15];
				esc[3] = hex[(cp >> 8) & 15];
				esc[4] = hex[(cp >> 4) & 15];
				esc[5] = hex[cp & 15];
				elen = 6;
			}
		} else {
			i++;
			continue;
		}
		if (sbuf_add(sb, s + run, i - run) || sbuf_add(sb, esc, elen))
			return -OSK_ENOMEM;
		i += n;
		run = i;
	}
	if (sbuf_add(sb, s + run, len - run) || sbuf_addch(sb, '"'))
		return -OSK_ENOMEM;
	return 0;
}

/*
 * A YAML core number as JSON: no '+', no leading zeros, digits on both
 * sides of '.', 0x/0o in decimal. Returns 1 if written, 0 if it has no JSON
 * form (inf, nan, too big for 0x/0o), <0 on ENOMEM.
 */
static int
json_number(struct sbuf *sb, const char *s, size_t len)
{
	const char *end = s + len, *p;
	int r = 0;

	if (len > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'o')) {
		unsigned long long x;

		errno = 0;
		x = strtoull(s + 2, NULL, s[1] == 'x' ? 16 : 8);
		if (errno)
			return 0;
		return sbuf_addf(sb, "%llu", x) ? -OSK_ENOMEM : 1;
	}
	if (is_inf_nan(s, len))
		return 0;
	if (*s == '+')
		s++;
	else if (*s == '-')
		r |= sbuf_addch(sb, *s++);
	for (p = s; p < end && *p >= '0' && *p <= '9'; p++)
		;
	while (s + 1 < p && *s == '0')
		s++;
	if (s == p)
		r |= sbuf_addch(sb, '0');
	else
		r |= sbuf_add(sb, s, (size_t)(p - s));
	if (p < end && *p == '.') {
		const char *f = ++p;

		while (p < end && *p >= '0' && *p <= '9')
			p++;
		if (p > f) {
			r |= sbuf_addch(sb, '.');
			r |= sbuf_add(sb, f, (size_t)(p - f));
		}
	}
	if (p < end)		/* exponent: JSON takes it as YAML writes it */
		r |= sbuf_add(sb, p, (size_t)(end - p));
	return r ? -OSK_ENOMEM : 1;
}

static int
indent(struct sbuf *sb, int flags, int depth)
{
	if (!(flags & YAML_JSON_PRETTY))
		return 0;
	if (sbuf_addch(sb, '\n'))
		return -OSK_ENOMEM;
	while (depth-- > 0)
		if (sbuf_add(sb, "  ", 2))
			return -OSK_ENOMEM;
	return 0;
}

static int
json_scalar(const struct yaml_node *n, struct sbuf *sb)
{
	int r;

	switch (yaml_scalar_type(n)) {
	case YAML_SCALAR_NULL:
		return sbuf_adds(sb, "null");
	case YAML_SCALAR_BOOL:
		return sbuf_adds(sb, n->str[0] == 't' || n->str[0] == 'T' ?
				 "true" : "false");
	case YAML_SCALAR_INT:
	case YAML_SCALAR_FLOAT:
		r = json_number(sb, n->str, n->len);
		if (r)
			return r < 0 ? r : 0;
		break;
	case YAML_SCALAR_STR:
		break;
	}
	return yaml_json_string(sb, n->str, n->len);
}

static int
json_node(const struct yaml_node *n, struct sbuf *sb, int flags, int depth)
{
	const char *sep = flags & YAML_JSON_PRETTY ? ": " : ":";
	size_t i;

	if (n->kind == YAML_NODE_SCALAR)
		return json_scalar(n, sb);
	if (sbuf_addch(sb, n->kind == YAML_NODE_SEQ ? '[' : '{'))
		return -OSK_ENOMEM;
	for (i = 0; i < n->n; i++) {
		const struct yaml_node *v;

		if ((i && sbuf_addch(sb, ',')) || indent(sb, flags, depth + 1))
			return -OSK_ENOMEM;
		if (n->kind == YAML_NODE_SEQ) {
			v = n->items[i];
		} else {
			v = n->pairs[i].value;
			if (yaml_json_string(sb, n->pairs[i].key->str,
					     n->pairs[i].key->len) ||
			    sbuf_adds(sb, sep))
				return -OSK_ENOMEM;
		}
		if (json_node(v, sb, flags, depth + 1))
			return -OSK_ENOMEM;
	}
	if ((n->n && indent(sb, flags, depth)) ||
	    sbuf_addch(sb, n->kind == YAML_NODE_SEQ ? ']' : '}'))
		return -OSK_ENOMEM;
	return 0;
}

int
yaml_json_write(const struct yaml_node *n, struct sbuf *sb, int flags)
{
	if (!n)
		return sbuf_adds(sb, "null");
	return json_node(n, sb, flags, 0);
}

/* ---- loaders that list every error ---- */

void
yaml_ld_add(struct yaml_ld *L, const struct osk_error *e)
{
	if (e->code == OSK_ENOMEM)
		L->nomem = true;
	if (L->errs)
		osk_errlist_add(L->errs, e);
	L->nerr++;
}

int
yaml_ld_fail(struct yaml_ld *L, const struct yaml_node *n, const char *fmt,
	     ...)
{
	struct osk_error e;
	va_list ap;

	osk_error_set(&e, OSK_EDATA, yaml_doc_path(L->doc), n ? n->line : 0,
		      n ? n->col : 0, "%s", "");
	va_start(ap, fmt);
	vsnprintf(e.msg, sizeof(e.msg), fmt, ap);
	va_end(ap);
	yaml_ld_add(L, &e);
	return -OSK_EDATA;
}

int
yaml_ld_nomem(struct yaml_ld *L)
{
	struct osk_error e;

	if (!L->nomem) {
		osk_error_set(&e, OSK_ENOMEM, yaml_doc_path(L->doc), 0, 0,
			      "out of memory");
		yaml_ld_add(L, &e);
	}
	return -OSK_ENOMEM;
}

void *
yaml_ld_alloc(struct yaml_ld *L, size_t n, size_t size)
{
	void *p = NULL;

	/* One byte more, so that an empty array is not NULL either. */
	if (!size || n < SIZE_MAX / size)
		p = yaml_doc_alloc(L->doc, n * size + 1);
	if (!p)
		yaml_ld_nomem(L);
	return p;
}

static int
ld_note(struct yaml_ld *L, int r, const struct osk_error *e)
{
	if (r < 0)
		yaml_ld_add(L, e);
	return r;
}

int
yaml_ld_node(struct yaml_ld *L, const struct yaml_map *m, const char *key,
	     enum yaml_node_kind kind, int flags, const struct yaml_node **out)
{
	struct osk_error e;

	return ld_note(L, yaml_map_node(m, key, kind, flags, out, &e), &e);
}

int
yaml_ld_str(struct yaml_ld *L, const struct yaml_map *m, const char *key,
	    int flags, const char **out)
{
	struct osk_error e;

	return ld_note(L, yaml_map_str(m, key, flags, out, &e), &e);
}

int
yaml_ld_int(struct yaml_ld *L, const struct yaml_map *m, const char *key,
	    int flags, int *out)
{
	struct osk_error e;

	return ld_note(L, yaml_map_int(m, key, flags, out, &e), &e);
}

int
yaml_ld_num(struct yaml_ld *L, const struct yaml_map *m, const char *key,
	    int flags, double *out)
{
	struct osk_error e;

	return ld_note(L, yaml_map_num(m, key, flags, out, &e), &e);
}

int
yaml_ld_bool(struct yaml_ld *L, const struct yaml_map *m, const char *key,
	     int flags, bool *out)
{
	struct osk_error e;

	return ld_note(L, yaml_map_bool(m, key, flags, out, &e), &e);
}

int
yaml_ld_text(struct yaml_ld *L, const struct yaml_map *m, const char *key,
	     int flags, const char **ja, const char **en)
{
	struct osk_error e;

	return ld_note(L, yaml_map_text(m, key, flags, ja, en, &e), &e);
}

void
yaml_ld_keys(struct yaml_ld *L, const struct yaml_map *m,
	     const char *const *known)
{
	struct osk_errlist none;

	if (L->errs) {
		L->nerr += yaml_map_check_keys(m, known, L->errs);
		return;
	}
	osk_errlist_init(&none, 0);
	L->nerr += yaml_map_check_keys(m, known, &none);
	osk_errlist_release(&none);
}

bool
yaml_ld_map(struct yaml_ld *L, const struct yaml_node *n, const char *what)
{
	struct osk_error e;

	return !ld_note(L, yaml_node_expect(L->doc, n, YAML_NODE_MAP, what,
					    &e), &e);
}

const struct yaml_node *
yaml_ld_list(struct yaml_ld *L, const struct yaml_map *m, const char *key,
	     int flags)
{
	const struct yaml_node *list = NULL;

	if (yaml_ld_node(L, m, key, YAML_NODE_SEQ, flags, &list) <= 0)
		return NULL;
	if (!list->n) {
		yaml_ld_fail(L, list, "'%s' must not be empty", key);
		return NULL;
	}
	return list;
}

struct yaml_doc *
yaml_doc_load_listed(const char *path, const char *buf, size_t len,
		     struct osk_errlist *errs)
{
	struct osk_error e;
	struct yaml_doc *doc = buf ? yaml_doc_load_mem(path, buf, len, &e)
				   : yaml_doc_load_file(path, &e);

	if (!doc && errs)
		osk_errlist_add(errs, &e);
	return doc;
}
