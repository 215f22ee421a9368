/* SPDX-License-Identifier: MIT */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/out.h"
#include "core/text.h"

static void
test_text_width_counts_kanji_twice(void **state)
{
	(void)state;
	assert_int_equal(utf8_width("abc"), 3);
	assert_int_equal(utf8_width("山田製作所"), 10);
	assert_int_equal(utf8_width("ｶﾅ"), 2);		/* half-width kana */
	assert_int_equal(utf8_width("Ａ"), 2);		/* full-width A */
	assert_int_equal(utf8_width("😀"), 2);
	assert_int_equal(utf8_width("e\xcc\x81"), 1);	/* e + combining */
	assert_int_equal(utf8_width("\xff"), 1);	/* invalid byte */
}

static void
test_text_prefix_never_splits(void **state)
{
	(void)state;
	assert_int_equal(utf8_prefix_for_width("山田製作所", 5), 6);
	assert_int_equal(utf8_prefix_for_width("山田製作所", 4), 6);
	assert_int_equal(utf8_prefix_for_width("ab山", 3), 2);
	assert_int_equal(utf8_prefix_for_width("", 3), 0);
}

static void
test_text_utf8_valid_rejects_bad(void **state)
{
	size_t bad = 0;

	(void)state;
	assert_true(utf8_valid("日本語", strlen("日本語"), NULL));
	assert_false(utf8_valid("ab\xc0\xaf", 4, &bad));	/* overlong */
	assert_int_equal(bad, 2);
	assert_false(utf8_valid("\xed\xa0\x80", 3, &bad));	/* surrogate */
	assert_false(utf8_valid("a\0b", 3, &bad));
	assert_int_equal(bad, 1);
	assert_false(utf8_valid("\xe6\x97", 2, &bad));		/* truncated */
}

static void
test_text_round_half_up(void **state)
{
	(void)state;
	assert_true(osk_round1(62.45) == 62.5);
	assert_true(osk_round1(62.44) == 62.4);
	assert_true(osk_round1(13.636) == 13.6);
	assert_true(osk_round1(0.05) == 0.1);
	assert_true(osk_round1(-0.05) == -0.1);
	assert_true(osk_round1(100.0) == 100.0);
}

static void
test_text_lang(void **state)
{
	enum osk_lang l;

	(void)state;
	assert_int_equal(osk_lang_parse("ja", &l), 0);
	assert_int_equal(l, OSK_LANG_JA);
	assert_int_equal(osk_lang_parse("ja_JP.UTF-8", &l), 0);
	assert_int_equal(osk_lang_parse("en", &l), 0);
	assert_int_equal(l, OSK_LANG_EN);
	assert_int_equal(osk_lang_parse("jam", &l), -1);
	setenv("LC_ALL", "", 1);
	setenv("LC_MESSAGES", "", 1);
	setenv("LANG", "ja_JP.UTF-8", 1);
	assert_int_equal(osk_lang_from_env(), OSK_LANG_JA);
	setenv("LC_ALL", "C", 1);
	assert_int_equal(osk_lang_from_env(), OSK_LANG_EN);
}

static void
test_out_json_escapes(void **state)
{
	struct sbuf sb = SBUF_INIT;
	struct jw w;

	(void)state;
	jw_init(&w, &sb);
	jw_obj_begin(&w);
	jw_key(&w, "s"), jw_str(&w, "a\"b\\c\n\x01山\xff");
	jw_key(&w, "n"), jw_num1(&w, 62.45);
	jw_key(&w, "a"), jw_arr_begin(&w);
	jw_int(&w, 1), jw_null(&w), jw_bool(&w, true);
	jw_arr_end(&w);
	jw_obj_end(&w);
	assert_int_equal(w.err, 0);
	assert_string_equal(sb.buf, "{\"s\":\"a\\\"b\\\\c\\n\\u0001山\xef\xbf\xbd\","
			    "\"n\":62.5,\"a\":[1,null,true]}");
	sbuf_release(&sb);
}

static const struct out_column cols[] = {
	{ "id", NULL, OUT_RIGHT, OUT_NUM },
	{ "name", NULL, OUT_LEFT, OUT_STR },
	{ "note", NULL, OUT_LEFT, OUT_STR },
};

static void
test_out_table_formats(void **state)
{
	const char *r1[] = { "1", "山田製作所", "a,b" };
	const char *r2[] = { "12", "ab", NULL };
	struct out_table *t = out_table_new(cols, 3);
	struct sbuf sb = SBUF_INIT;

	(void)state;
	assert_non_null(t);
	assert_int_equal(out_table_add(t, r1), 0);
	assert_int_equal(out_table_add(t, r2), 0);
	assert_int_equal(out_table_render(t, OUT_TEXT, &sb), 0);
	assert_string_equal(sb.buf,
			    "id  name        note\n"
			    " 1  山田製作所  a,b\n"
			    "12  ab\n");
	sbuf_reset(&sb);
	assert_int_equal(out_table_render(t, OUT_CSV, &sb), 0);
	assert_string_equal(sb.buf, "id,name,note\n1,山田製作所,\"a,b\"\n12,ab,\n");
	sbuf_reset(&sb);
	assert_int_equal(out_table_render(t, OUT_JSON, &sb), 0);
	assert_string_equal(sb.buf, "[{\"id\":1,\"name\":\"山田製作所\",\"note\":"
			    "\"a,b\"},{\"id\":12,\"name\":\"ab\",\"note\":null}]\n");
	sbuf_release(&sb);
	out_table_free(t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text_width_counts_kanji_twice),
		cmocka_unit_test(test_text_prefix_never_splits),
		cmocka_unit_test(test_text_utf8_valid_rejects_bad),
		cmocka_unit_test(test_text_round_half_up),
		cmocka_unit_test(test_text_lang),
		cmocka_unit_test(test_out_json_escapes),
		cmocka_unit_test(test_out_table_formats),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
