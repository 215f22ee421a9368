/* SPDX-License-Identifier: MIT */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/error.h"
#include "core/sbuf.h"
#include "core/yaml.h"

/* ---- helpers ---- */

static struct yaml_doc *
load(const char *text)
{
	struct osk_error err;
	struct yaml_doc *d = yaml_doc_load_mem("t.yaml", text, strlen(text),
					       &err);

	if (!d)
		print_error("unexpected: %s\n", err.msg);
	assert_non_null(d);
	return d;
}

/* Load text, which must fail; return "L:C: msg" of the error. */
static const char *
load_error(const char *text, size_t len)
{
	static char line[1024];
	struct osk_error err;
	struct yaml_doc *d;

	osk_error_clear(&err);
	d = yaml_doc_load_mem("t.yaml", text, len, &err);
	assert_null(d);
	assert_string_equal(err.path, "t.yaml");
	snprintf(line, sizeof(line), "%d:%d: %s", err.line, err.col, err.msg);
	return line;
}

#define LOAD_ERROR(s) load_error(s, sizeof(s) - 1)

static char *
to_json(const struct yaml_node *n, int flags)
{
	struct sbuf sb = SBUF_INIT;

	assert_int_equal(yaml_json_write(n, &sb, flags), 0);
	return sbuf_detach(&sb, NULL);
}

/* ---- the tree ---- */

static void
test_yaml_tree_and_positions(void **state)
{
	struct yaml_doc *d = load("# comment\n"
				  "a: 1\n"
				  "list:\n"
				  "  - x\n"
				  "  - {k: 'v', n: [1, 2]}\n"
				  "\"q\": yes\n");
	const struct yaml_node *root = yaml_doc_root(d), *list, *m, *v;

	(void)state;
	assert_int_equal(root->kind, YAML_NODE_MAP);
	assert_int_equal(root->n, 3);
	assert_int_equal(root->line, 2);
	assert_int_equal(root->col, 1);
	assert_string_equal(root->pairs[0].key->str, "a");
	assert_int_equal(root->pairs[0].value->line, 2);
	assert_int_equal(root->pairs[0].value->col, 4);

	list = yaml_node_get(root, "list");
	assert_int_equal(list->kind, YAML_NODE_SEQ);
	assert_int_equal(list->n, 2);
	assert_int_equal(list->items[0]->line, 4);
	assert_int_equal(list->items[0]->col, 5);
	m = list->items[1];
	assert_int_equal(m->kind, YAML_NODE_MAP);
	assert_int_equal(m->line, 5);
	assert_int_equal(m->col, 5);
	v = yaml_node_get(m, "k");
	assert_string_equal(v->str, "v");
	assert_false(v->plain);
	assert_int_equal(v->col, 9);
	v = yaml_node_get(m, "n");
	assert_int_equal(v->n, 2);
	assert_string_equal(v->items[1]->str, "2");

	v = yaml_node_get(root, "q");
	assert_string_equal(v->str, "yes");
	assert_true(v->plain);
	assert_null(yaml_node_get(root, "missing"));
	assert_null(yaml_node_get(v, "x"));	/* not a mapping */
	yaml_doc_free(d);
	yaml_doc_free(NULL);
}

static void
test_yaml_scalar_types(void **state)
{
	struct yaml_doc *d = load("- ~\n- null\n-\n- 'null'\n- true\n"
				  "- False\n- yes\n- 'true'\n- 4\n- -4\n"
				  "- +4\n- 0x1F\n- 0o17\n- 017\n- 4.5\n"
				  "- .5\n- 1e3\n- -.inf\n- .nan\n"
				  "- 1_000\n- '4'\n- !!str 4\n- !!int 4\n"
				  "- |\n  4\n");
	const struct yaml_node *s = yaml_doc_root(d);
	static const enum yaml_scalar_type want[] = {
		YAML_SCALAR_NULL, YAML_SCALAR_NULL, YAML_SCALAR_NULL,
		YAML_SCALAR_STR, YAML_SCALAR_BOOL, YAML_SCALAR_BOOL,
		YAML_SCALAR_STR, YAML_SCALAR_STR, YAML_SCALAR_INT,
		YAML_SCALAR_INT, YAML_SCALAR_INT, YAML_SCALAR_INT,
		YAML_SCALAR_INT, YAML_SCALAR_INT, YAML_SCALAR_FLOAT,
		YAML_SCALAR_FLOAT, YAML_SCALAR_FLOAT, YAML_SCALAR_FLOAT,
		YAML_SCALAR_FLOAT, YAML_SCALAR_STR, YAML_SCALAR_STR,
		YAML_SCALAR_STR, YAML_SCALAR_INT, YAML_SCALAR_STR,
	};
	size_t i;

	(void)state;
	assert_int_equal(s->n, sizeof(want) / sizeof(want[0]));
	for (i = 0; i < s->n; i++) {
		if (yaml_scalar_type(s->items[i]) != want[i])
			print_error("item %zu '%s'\n", i, s->items[i]->str);
		assert_int_equal(yaml_scalar_type(s->items[i]), want[i]);
	}
	yaml_doc_free(d);
}

static void
test_yaml_empty_document(void **state)
{
	struct yaml_doc *d = load("# nothing\n");
	size_t len;

	(void)state;
	assert_null(yaml_doc_root(d));
	assert_string_equal(yaml_doc_text(d, &len), "# nothing\n");
	assert_int_equal(len, 10);
	assert_string_equal(yaml_doc_path(d), "t.yaml");
	yaml_doc_free(d);
	d = load("");
	assert_null(yaml_doc_root(d));
	yaml_doc_free(d);
}

/* ---- refused input ---- */

static void
test_yaml_refused(void **state)
{
	(void)state;
	assert_string_equal(LOAD_ERROR("a: &x 1\nb: *x\n"),
			    "1:4: anchors and aliases are not supported; "
			    "write the value out");
	assert_string_equal(LOAD_ERROR("a: 1\nb: *x\n"),
			    "2:4: anchors and aliases are not supported; "
			    "write the value out");
	assert_string_equal(LOAD_ERROR("a: 1\nb: 2\na: 3\n"),
			    "3:1: duplicate key 'a' (also on line 1)");
	assert_string_equal(LOAD_ERROR("x:\n  - {k: 1, k: 2}\n"),
			    "2:12: duplicate key 'k' (also on line 2)");
	assert_string_equal(LOAD_ERROR("a: 1\n---\nb: 2\n"),
			    "2:1: only one document per file is allowed");
	assert_string_equal(LOAD_ERROR("a: !!binary aGVsbG8=\n"),
			    "1:4: tag '!!binary' is not supported");
	assert_string_equal(LOAD_ERROR("a: !local x\n"),
			    "1:4: tag '!local' is not supported");
	assert_string_equal(LOAD_ERROR("a: !!map x\n"),
			    "1:4: tag '!!map' is not supported");
	assert_string_equal(LOAD_ERROR("? [a]\n: 1\n"),
			    "1:3: mapping keys must be scalars");
	assert_string_equal(LOAD_ERROR("a: b: c\n"),
			    "1:5: mapping values are not allowed in this "
			    "context");
	assert_string_equal(LOAD_ERROR("a: [1, 2\n"),
			    "2:1: did not find expected ',' or ']', while "
			    "parsing a flow sequence on line 1");
	assert_string_equal(LOAD_ERROR("a: \"x\xff\"\n"),
			    "1:6: invalid leading UTF-8 octet (byte 0xFF); "
			    "save the file as UTF-8");
	assert_string_equal(LOAD_ERROR("a: \xe6\xbc\xa2\n\xe5\xad\x97\xff\n"),
			    "2:2: invalid leading UTF-8 octet (byte 0xFF); "
			    "save the file as UTF-8");
}

static void
test_yaml_depth_limit(void **state)
{
	char buf[512];
	int i, n = 0;

	(void)state;
	/* 64 levels load, 65 do not */
	for (i = 0; i < YAML_MAX_DEPTH; i++)
		buf[n++] = '[';
	for (i = 0; i < YAML_MAX_DEPTH; i++)
		buf[n++] = ']';
	buf[n] = '\0';
	yaml_doc_free(load(buf));
	n = 0;
	for (i = 0; i <= YAML_MAX_DEPTH; i++)
		buf[n++] = '[';
	for (i = 0; i <= YAML_MAX_DEPTH; i++)
		buf[n++] = ']';
	assert_string_equal(load_error(buf, (size_t)n),
			    "1:65: nesting is deeper than 64 levels");
}

static void
test_yaml_many_keys_duplicates(void **state)
{
	struct sbuf sb = SBUF_INIT;
	int i;

	(void)state;
	/* big mappings take the sorted path: still the first duplicate */
	for (i = 0; i < 5000; i++)
		sbuf_addf(&sb, "k%d: %d\n", i, i);
	sbuf_adds(&sb, "k4000: x\nk12: y\nk12: z\n");
	assert_string_equal(load_error(sb.buf, sb.len),
			    "5001:1: duplicate key 'k4000' (also on line "
			    "4001)");
	sbuf_reset(&sb);
	for (i = 0; i < 5000; i++)
		sbuf_addf(&sb, "k%d: %d\n", i, i);
	yaml_doc_free(load(sb.buf));
	sbuf_release(&sb);
}

static void
test_yaml_size_limit(void **state)
{
	struct osk_error err;
	size_t len = YAML_MAX_BYTES + 1;
	char *buf = malloc(len);
	char path[] = "/tmp/otasuke-test-yaml-XXXXXX";
	FILE *f;
	int fd;

	(void)state;
	assert_non_null(buf);
	memset(buf, ' ', len);
	assert_null(yaml_doc_load_mem("big.yaml", buf, len, &err));
	assert_string_equal(err.msg, "file is larger than 8 MB");
	assert_int_equal(err.line, 0);
	fd = mkstemp(path);
	assert_true(fd >= 0);
	f = fdopen(fd, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(buf, 1, len, f), len);
	fclose(f);
	assert_null(yaml_doc_load_file(path, &err));
	remove(path);
	assert_string_equal(err.path, path);
	assert_string_equal(err.msg, "file is larger than 8 MB");
	assert_int_equal(err.code, OSK_EDATA);
	yaml_doc_free(yaml_doc_load_mem("ok.yaml", buf, YAML_MAX_BYTES, &err));
	free(buf);

	assert_null(yaml_doc_load_file("no/such/file.yaml", &err));
	assert_int_equal(err.code, OSK_ENOINPUT);
	assert_string_equal(err.msg, "cannot open 'no/such/file.yaml': No "
			    "such file or directory");
	assert_null(yaml_doc_load_file("tests", &err));
	assert_int_equal(err.code, OSK_ENOINPUT);
	assert_string_equal(err.msg, "cannot read 'tests': Is a directory");
}

/* ---- typed access ---- */

static const char *
fmt(const struct osk_error *e)
{
	static char line[1024];

	snprintf(line, sizeof(line), "%d:%d: %s", e->line, e->col, e->msg);
	return line;
}

static void
test_yaml_typed_access(void **state)
{
	struct yaml_doc *d = load("id: q1\n"
				  "points: 4\n"
				  "half: 4.5\n"
				  "word: x\n"
				  "quoted: \"4\"\n"
				  "big: 99999999999\n"
				  "neg: -3\n"
				  "weight: .5\n"
				  "on: true\n"
				  "yes: yes\n"
				  "empty:\n"
				  "list: [a]\n"
				  "nul: \"a\\0b\"\n");
	struct yaml_map m = { d, yaml_doc_root(d), "question" };
	struct osk_error err;
	const struct yaml_node *n = NULL;
	const char *s = NULL;
	double x = 0;
	bool b = false;
	int i = 0;

	(void)state;
	assert_int_equal(yaml_map_str(&m, "id", YAML_REQUIRED, &s, &err), 1);
	assert_string_equal(s, "q1");
	assert_int_equal(yaml_map_str(&m, "points", 0, &s, &err), 1);
	assert_string_equal(s, "4");	/* a number is text too */
	assert_int_equal(yaml_map_str(&m, "nope", 0, &s, &err), 0);
	assert_int_equal(yaml_map_str(&m, "nope", YAML_REQUIRED, &s, &err),
			 -OSK_EDATA);
	assert_string_equal(fmt(&err), "1:1: missing required key 'nope' in "
			    "question");
	assert_int_equal(yaml_map_str(&m, "empty", 0, &s, &err), 0);
	assert_int_equal(yaml_map_str(&m, "empty", YAML_REQUIRED, &s, &err),
			 -OSK_EDATA);
	assert_string_equal(fmt(&err), "11:7: 'empty' has no value");
	assert_true(yaml_map_str(&m, "list", 0, &s, &err) < 0);
	assert_string_equal(fmt(&err), "12:7: 'list' must be text");
	assert_true(yaml_map_str(&m, "nul", 0, &s, &err) < 0);
	assert_string_equal(fmt(&err), "13:6: 'nul' must not contain NUL "
			    "characters");

	assert_int_equal(yaml_map_int(&m, "points", 0, &i, &err), 1);
	assert_int_equal(i, 4);
	assert_int_equal(yaml_map_int(&m, "neg", 0, &i, &err), 1);
	assert_int_equal(i, -3);
	assert_true(yaml_map_int(&m, "half", 0, &i, &err) < 0);
	assert_string_equal(fmt(&err), "3:7: 'half' must be a whole number");
	assert_true(yaml_map_int(&m, "word", 0, &i, &err) < 0);
	assert_string_equal(fmt(&err), "4:7: 'word' must be a whole number");
	assert_true(yaml_map_int(&m, "quoted", 0, &i, &err) < 0);
	assert_string_equal(fmt(&err), "5:9: 'quoted' must be a whole number, "
			    "written without quotes");
	assert_true(yaml_map_int(&m, "big", 0, &i, &err) < 0);
	assert_string_equal(fmt(&err), "6:6: 'big' is too large");
	assert_int_equal(i, -3);	/* untouched on error */

	assert_int_equal(yaml_map_num(&m, "weight", 0, &x, &err), 1);
	assert_true(x == 0.5);
	assert_int_equal(yaml_map_num(&m, "points", 0, &x, &err), 1);
	assert_true(x == 4);
	assert_true(yaml_map_num(&m, "word", 0, &x, &err) < 0);
	assert_string_equal(fmt(&err), "4:7: 'word' must be a number");

	assert_int_equal(yaml_map_bool(&m, "on", 0, &b, &err), 1);
	assert_true(b);
	assert_true(yaml_map_bool(&m, "yes", 0, &b, &err) < 0);
	assert_string_equal(fmt(&err), "10:6: 'yes' must be true or false");

	assert_int_equal(yaml_map_node(&m, "list", YAML_NODE_SEQ, 0, &n,
				       &err), 1);
	assert_int_equal(n->n, 1);
	assert_true(yaml_map_node(&m, "list", YAML_NODE_MAP, 0, &n, &err) < 0);
	assert_string_equal(fmt(&err), "12:7: 'list' must be a mapping");
	assert_true(yaml_map_node(&m, "id", YAML_NODE_SEQ, 0, &n, &err) < 0);
	assert_string_equal(fmt(&err), "1:5: 'id' must be a list");
	assert_int_equal(yaml_map_node(&m, "id", 0, 0, &n, &err), 1);

	assert_true(yaml_node_expect(d, n, YAML_NODE_MAP, "a question",
				     &err) < 0);
	assert_string_equal(fmt(&err), "1:5: a question must be a mapping");
	assert_int_equal(yaml_node_expect(d, m.node, YAML_NODE_MAP, "x",
					  &err), 0);
	yaml_doc_free(d);
}

static void
test_yaml_text(void **state)
{
	struct yaml_doc *d = load("a: {ja: 漢字, en: Kanji}\n"
				  "b: {ja: 漢字}\n"
				  "c: Kanji\n"
				  "d: {ja: 漢字, en: Kanji, fr: Kanji}\n"
				  "e: {ja: '', en: x}\n"
				  "f: {ja: [x], en: x}\n");
	struct yaml_map m = { d, yaml_doc_root(d), "label" };
	struct osk_error err;
	const char *ja = NULL, *en = NULL;

	(void)state;
	assert_int_equal(yaml_map_text(&m, "a", YAML_REQUIRED, &ja, &en, &err),
			 1);
	assert_string_equal(ja, "漢字");
	assert_string_equal(en, "Kanji");
	assert_int_equal(yaml_map_text(&m, "z", 0, &ja, &en, &err), 0);
	assert_true(yaml_map_text(&m, "b", 0, &ja, &en, &err) < 0);
	assert_string_equal(fmt(&err), "2:4: 'b' needs both ja and en");
	assert_true(yaml_map_text(&m, "c", 0, &ja, &en, &err) < 0);
	assert_string_equal(fmt(&err), "3:4: 'c' needs both ja and en, as "
			    "{ja: ..., en: ...}");
	assert_true(yaml_map_text(&m, "d", 0, &ja, &en, &err) < 0);
	assert_string_equal(fmt(&err), "4:24: unknown key 'fr' in 'd' (known: "
			    "ja, en)");
	assert_true(yaml_map_text(&m, "e", 0, &ja, &en, &err) < 0);
	assert_string_equal(fmt(&err), "5:4: 'e' needs both ja and en");
	assert_true(yaml_map_text(&m, "f", 0, &ja, &en, &err) < 0);
	assert_string_equal(fmt(&err), "6:9: 'f.ja' must be text");
	yaml_doc_free(d);
}

static void
test_yaml_check_keys(void **state)
{
	static const char *const known[] = { "id", "text", "label", NULL };
	struct yaml_doc *d = load("id: 1\nlable: x\ntext: y\nzz: 2\n");
	struct yaml_map m = { d, yaml_doc_root(d), "question" };
	struct osk_errlist errs;

	(void)state;
	osk_errlist_init(&errs, 10);
	assert_int_equal(yaml_map_check_keys(&m, known, &errs), 2);
	assert_int_equal(errs.n, 2);
	assert_string_equal(fmt(&errs.items[0]), "2:1: unknown key 'lable' in "
			    "question (known: id, text, label)");
	assert_string_equal(fmt(&errs.items[1]), "4:1: unknown key 'zz' in "
			    "question (known: id, text, label)");
	assert_string_equal(errs.items[0].path, "t.yaml");
	osk_errlist_release(&errs);
	yaml_doc_free(d);
}

static void
test_yaml_str_short(void **state)
{
	char buf[64];
	const char *kanji = "漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字";

	(void)state;
	assert_string_equal(yaml_str_short("a\tb\n", 4, buf, sizeof(buf)),
			    "a?b?");
	/* 48 bytes max, cut between characters (3 bytes each) */
	assert_string_equal(yaml_str_short(kanji, strlen(kanji), buf,
					   sizeof(buf)),
			    "漢字漢字漢字漢字漢字漢字漢字漢字...");
}

static void
test_yaml_pool_alloc(void **state)
{
	struct yaml_doc *d = load("a: 1\n");
	char *p, *big;

	(void)state;
	p = yaml_doc_alloc(d, 10);
	assert_non_null(p);
	assert_int_equal(p[9], 0);
	big = yaml_doc_alloc(d, 1 << 20);
	assert_non_null(big);
	memset(big, 1, 1 << 20);
	assert_int_equal((uintptr_t)yaml_doc_alloc(d, 3) %
			 _Alignof(max_align_t), 0);
	assert_null(yaml_doc_alloc(d, SIZE_MAX - 8));
	yaml_doc_free(d);
}

/* ---- JSON ---- */

static void
test_yaml_json_values(void **state)
{
	struct yaml_doc *d = load("a: [1, -2, +3, 007, 4.50, .5, -.5, 5., "
				  "1e3, 2.5E-2, 0x1F, 0o17, .inf, .nan, "
				  "99999999999999999999]\n"
				  "b: [true, False, yes, ~, null, 'true', "
				  "\"4\", !!str 5]\n"
				  "e:\n"
				  "c: {}\n"
				  "d: []\n");
	char *j = to_json(yaml_doc_root(d), 0);

	(void)state;
	assert_string_equal(j, "{\"a\":[1,-2,3,7,4.50,0.5,-0.5,5,1e3,"
			    "2.5E-2,31,15,\".inf\",\".nan\","
			    "99999999999999999999],"
			    "\"b\":[true,false,\"yes\",null,null,"
			    "\"true\",\"4\",\"5\"],\"e\":null,\"c\":{},"
			    "\"d\":[]}");
	free(j);
	j = to_json(NULL, 0);
	assert_string_equal(j, "null");
	free(j);
	yaml_doc_free(d);
}

static void
test_yaml_json_pretty(void **state)
{
	struct yaml_doc *d = load("set: x\nlist: [1, {k: v}]\nempty: []\n");
	char *j = to_json(yaml_doc_root(d), YAML_JSON_PRETTY);

	(void)state;
	assert_string_equal(j, "{\n"
			    "  \"set\": \"x\",\n"
			    "  \"list\": [\n"
			    "    1,\n"
			    "    {\n"
			    "      \"k\": \"v\"\n"
			    "    }\n"
			    "  ],\n"
			    "  \"empty\": []\n"
			    "}");
	free(j);
	yaml_doc_free(d);
}

static void
test_yaml_json_escaping_round_trip(void **state)
{
	/*
	 * Quotes, backslashes, control characters, NUL, DEL, C1 controls,
	 * U+FFFE, kanji, emoji.
	 */
	static const char want[] = "say \"hi\" \\ back\x01\x1f\b\f\n\r\t"
				   "\x7f\xc2\x80\xc2\x85\xef\xbf\xbe"
				   "\xe2\x80\xa8"
				   "漢字 \xf0\x9f\x98\x80/";
	struct yaml_doc *d = load("s: \"say \\\"hi\\\" \\\\ back\\x01\\x1f"
				  "\\b\\f\\n\\r\\t\\x7f\\x80\\N\\uFFFE\\L"
				  "漢字 \\U0001F600/\"\n"
				  "n: \"a\\0b\"\n"
				  "\"k\\\"ey\": 1\n");
	const struct yaml_node *root = yaml_doc_root(d), *s, *n;
	struct yaml_doc *back;
	struct osk_error err;
	char *j;

	(void)state;
	s = yaml_node_get(root, "s");
	assert_int_equal(s->len, sizeof(want) - 1);
	assert_memory_equal(s->str, want, s->len);
	j = to_json(root, 0);
	assert_string_equal(j, "{\"s\":\"say \\\"hi\\\" \\\\ back\\u0001"
			    "\\u001f\\b\\f\\n\\r\\t\\u007f\\u0080\\u0085"
			    "\\ufffe\\u2028漢字 \xf0\x9f\x98\x80/\","
			    "\"n\":\"a\\u0000b\",\"k\\\"ey\":1}");

	/* JSON is YAML: reading it back gives the same bytes */
	back = yaml_doc_load_mem("back", j, strlen(j), &err);
	assert_non_null(back);
	s = yaml_node_get(yaml_doc_root(back), "s");
	assert_int_equal(s->len, sizeof(want) - 1);
	assert_memory_equal(s->str, want, s->len);
	n = yaml_node_get(yaml_doc_root(back), "n");
	assert_int_equal(n->len, 3);
	assert_memory_equal(n->str, "a\0b", 3);
	assert_non_null(yaml_node_get(yaml_doc_root(back), "k\"ey"));
	yaml_doc_free(back);
	free(j);
	yaml_doc_free(d);
}

static void
test_yaml_json_string(void **state)
{
	struct sbuf sb = SBUF_INIT;

	(void)state;
	assert_int_equal(yaml_json_string(&sb, "", 0), 0);
	assert_int_equal(yaml_json_string(&sb, "a\"\\\x02z", 5), 0);
	assert_string_equal(sb.buf, "\"\"\"a\\\"\\\\\\u0002z\"");
	sbuf_release(&sb);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_yaml_tree_and_positions),
		cmocka_unit_test(test_yaml_scalar_types),
		cmocka_unit_test(test_yaml_empty_document),
		cmocka_unit_test(test_yaml_refused),
		cmocka_unit_test(test_yaml_depth_limit),
		cmocka_unit_test(test_yaml_many_keys_duplicates),
		cmocka_unit_test(test_yaml_size_limit),
		cmocka_unit_test(test_yaml_typed_access),
		cmocka_unit_test(test_yaml_text),
		cmocka_unit_test(test_yaml_check_keys),
		cmocka_unit_test(test_yaml_str_short),
		cmocka_unit_test(test_yaml_pool_alloc),
		cmocka_unit_test(test_yaml_json_values),
		cmocka_unit_test(test_yaml_json_pretty),
		cmocka_unit_test(test_yaml_json_escaping_round_trip),
		cmocka_unit_test(test_yaml_json_string),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
