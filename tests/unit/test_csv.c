/* SPDX-License-Identifier: MIT */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/csv.h"
#include "core/error.h"
#include "core/sbuf.h"

#define DATA "tests/data/csv/"

/* ---- helpers ---- */

/*
 * Read every record of r into out as "LINE:f1|f2|...\n" and return the
 * last csv_read() result (0 at a clean end).
 */
static int
dump_reader(struct csv_reader *r, struct sbuf *out, struct osk_error *err)
{
	const char **f;
	size_t *len, n, i;
	int rc;

	while ((rc = csv_read(r, &f, &len, &n, err)) > 0) {
		assert_true(n >= 1);
		sbuf_addf(out, "%d:", csv_line(r));
		for (i = 0; i < n; i++) {
			assert_int_equal(strlen(f[i]), len[i]);
			if (i)
				sbuf_addch(out, '|');
			sbuf_add(out, f[i], len[i]);
		}
		sbuf_addch(out, '\n');
	}
	return rc;
}

static int
dump_mem(const char *buf, size_t len, enum csv_encoding enc,
	 struct sbuf *out, struct osk_error *err)
{
	struct csv_reader *r = csv_open_mem("t.csv", buf, len, enc, err);
	int rc;

	assert_non_null(r);
	rc = dump_reader(r, out, err);
	csv_close(r);
	return rc;
}

#define expect_records(input, enc, expected) \
	check_records(input, sizeof(input) - 1, enc, expected)

static void
check_records(const char *in, size_t len, enum csv_encoding enc,
	      const char *expected)
{
	struct sbuf out = SBUF_INIT;
	struct osk_error err;

	osk_error_clear(&err);
	assert_int_equal(dump_mem(in, len, enc, &out, &err), 0);
	assert_string_equal(out.buf, expected);
	sbuf_release(&out);
}

#define expect_error(input, enc, code, msg) \
	check_error(input, sizeof(input) - 1, enc, code, msg)

/* Reading in must fail with code and the formatted message msg. */
static void
check_error(const char *in, size_t len, enum csv_encoding enc, int code,
	    const char *msg)
{
	struct sbuf out = SBUF_INIT;
	struct osk_error err;
	char line[1200];

	osk_error_clear(&err);
	assert_int_equal(dump_mem(in, len, enc, &out, &err), -code);
	assert_int_equal(err.code, code);
	osk_error_format(&err, line, sizeof(line));
	assert_string_equal(line, msg);
	sbuf_release(&out);
}

static void
write_file(const char *path, const char *buf, size_t len)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(buf, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

/* ---- RFC 4180 ---- */

static void
test_csv_simple_lf(void **state)
{
	(void)state;
	expect_records("a,b,c\n1,2,3\n", CSV_ENC_UTF8,
		       "1:a|b|c\n2:1|2|3\n");
}

static void
test_csv_crlf_and_cr_line_ends(void **state)
{
	(void)state;
	expect_records("a,b\r\n1,2\r\n", CSV_ENC_UTF8, "1:a|b\n2:1|2\n");
	/* old Mac files end lines in CR alone */
	expect_records("a,b\r1,2\r3,4", CSV_ENC_UTF8,
		       "1:a|b\n2:1|2\n3:3|4\n");
	expect_records("a\r\n\r\nb\n\nc", CSV_ENC_UTF8, "1:a\n3:b\n5:c\n");
}

static void
test_csv_last_line_without_newline(void **state)
{
	(void)state;
	expect_records("a,b\n1,2", CSV_ENC_UTF8, "1:a|b\n2:1|2\n");
	expect_records("a,\"b\"", CSV_ENC_UTF8, "1:a|b\n");
	expect_records("a,", CSV_ENC_UTF8, "1:a|\n");
}

static void
test_csv_blank_lines_skipped(void **state)
{
	(void)state;
	expect_records("\n\na\n\n\nb\n\n", CSV_ENC_UTF8, "3:a\n6:b\n");
	expect_records("\r\n\r\na\r\n", CSV_ENC_UTF8, "3:a\n");
	/* spaces and "" are data, not blank lines */
	expect_records(" \n\"\"\n", CSV_ENC_UTF8, "1: \n2:\n");
}

static void
test_csv_quoted_fields(void **state)
{
	(void)state;
	expect_records("\"a,b\",\"c\",\"\"\n", CSV_ENC_UTF8, "1:a,b|c|\n");
	expect_records("\"x\",y,\"z\"\r\n", CSV_ENC_UTF8, "1:x|y|z\n");
}

static void
test_csv_doubled_quotes(void **state)
{
	(void)state;
	expect_records("\"say \"\"hi\"\"\",\"\"\"\",\"\"\"\"\"\"\"\"\n",
		       CSV_ENC_UTF8, "1:say \"hi\"|\"|\"\"\"\n");
}

static void
test_csv_newlines_inside_quotes(void **state)
{
	struct csv_reader *r;
	struct osk_error err;
	const char **f;
	size_t *len, n;
	static const char in[] =
		"id,note\r\n"
		"1,\"two\r\nlines\"\r\n"
		"2,\"lf\nonly\"\r\n"
		"3,\"\r\n\r\n\"\r\n"
		"4,end\r\n";

	(void)state;
	r = csv_open_mem("t.csv", in, sizeof(in) - 1, CSV_ENC_UTF8, &err);
	assert_non_null(r);
	assert_int_equal(csv_read(r, &f, &len, &n, &err), 1);
	assert_int_equal(csv_line(r), 1);
	assert_int_equal(csv_read(r, &f, &len, &n, &err), 1);
	assert_int_equal(csv_line(r), 2);
	assert_string_equal(f[1], "two\r\nlines");
	assert_int_equal(len[1], 10);
	assert_int_equal(csv_read(r, &f, &len, &n, &err), 1);
	assert_int_equal(csv_line(r), 4);
	assert_string_equal(f[1], "lf\nonly");
	assert_int_equal(csv_read(r, &f, &len, &n, &err), 1);
	assert_int_equal(csv_line(r), 6);
	assert_string_equal(f[1], "\r\n\r\n");
	assert_int_equal(csv_read(r, &f, &len, &n, &err), 1);
	assert_int_equal(csv_line(r), 9);
	assert_string_equal(f[0], "4");
	assert_int_equal(csv_read(r, &f, &len, &n, &err), 0);
	assert_int_equal(csv_read(r, &f, &len, &n, &err), 0);
	csv_close(r);
}

static void
test_csv_empty_fields(void **state)
{
	(void)state;
	expect_records(",\n,,\n\"\",\n", CSV_ENC_UTF8, "1:|\n2:||\n3:|\n");
}

static void
test_csv_ragged_rows(void **state)
{
	struct csv_reader *r;
	struct osk_error err;
	size_t n;
	static const char in[] = "a,b,c\n1\n1,2,3,4,5\n";

	(void)state;
	r = csv_open_mem(NULL, in, sizeof(in) - 1, CSV_ENC_AUTO, &err);
	assert_non_null(r);
	assert_string_equal(csv_path(r), "<memory>");
	assert_int_equal(csv_read(r, NULL, NULL, &n, &err), 1);
	assert_int_equal(n, 3);
	assert_int_equal(csv_read(r, NULL, NULL, &n, &err), 1);
	assert_int_equal(n, 1);
	assert_int_equal(csv_read(r, NULL, NULL, &n, &err), 1);
	assert_int_equal(n, 5);
	assert_int_equal(csv_read(r, NULL, NULL, &n, &err), 0);
	csv_close(r);
}

static void
test_csv_empty_input(void **state)
{
	(void)state;
	expect_records("", CSV_ENC_AUTO, "");
	expect_records("", CSV_ENC_CP932, "");
	expect_records(CSV_UTF8_BOM, CSV_ENC_AUTO, "");
	expect_records("\r\n\n\n", CSV_ENC_UTF8, "");
	check_records(NULL, 0, CSV_ENC_UTF8, "");
}

static void
test_csv_header_only(void **state)
{
	(void)state;
	expect_records("company,set,question,answer\r\n", CSV_ENC_AUTO,
		       "1:company|set|question|answer\n");
}

static void
test_csv_spaces_kept(void **state)
{
	(void)state;
	expect_records(" a , b\t,\" c \"\n", CSV_ENC_UTF8, "1: a | b\t| c \n");
}

static void
test_csv_special_text(void **state)
{
	(void)state;
	expect_records("'; DROP TABLE company; --,\"\"\"\",😀🇯🇵,漢字カナ,"
		       "=1+1,<b>&amp;\n",
		       CSV_ENC_AUTO,
		       "1:'; DROP TABLE company; --|\"|😀🇯🇵|漢字カナ|=1+1|"
		       "<b>&amp;\n");
}

/* ---- syntax errors ---- */

static void
test_csv_unterminated_quote(void **state)
{
	(void)state;
	expect_error("a,b\n1,\"open\n2,3\n4,5\n", CSV_ENC_UTF8, OSK_EDATA,
		     "t.csv:2: field 2 (column B): unterminated quoted "
		     "field starting here; close the quote");
	expect_error("\"", CSV_ENC_UTF8, OSK_EDATA,
		     "t.csv:1: field 1 (column A): unterminated quoted "
		     "field starting here; close the quote");
}

static void
test_csv_stray_quote(void **state)
{
	(void)state;
	expect_error("a,b\n1,5\" floppy\n", CSV_ENC_UTF8, OSK_EDATA,
		     "t.csv:2: field 2 (column B): '\"' inside an unquoted "
		     "field; put the field in double quotes and write each "
		     "'\"' inside as '\"\"'");
	expect_error(" \"a\"\n", CSV_ENC_UTF8, OSK_EDATA,
		     "t.csv:1: field 1 (column A): '\"' inside an unquoted "
		     "field; put the field in double quotes and write each "
		     "'\"' inside as '\"\"'");
}

static void
test_csv_text_after_closing_quote(void **state)
{
	(void)state;
	expect_error("x\n\"a\nb\"c,d\n", CSV_ENC_UTF8, OSK_EDATA,
		     "t.csv:3: field 1 (column A): text after the closing "
		     "quote of a quoted field; write a '\"' inside quotes as "
		     "'\"\"'");
	expect_error("\"a\" ,b\n", CSV_ENC_UTF8, OSK_EDATA,
		     "t.csv:1: field 1 (column A): text after the closing "
		     "quote of a quoted field; write a '\"' inside quotes as "
		     "'\"\"'");
}

static void
test_csv_errors_are_final(void **state)
{
	struct csv_reader *r;
	struct osk_error err, err2;
	static const char in[] = "a\n\"b\"x\nc\n";

	(void)state;
	r = csv_open_mem("t.csv", in, sizeof(in) - 1, CSV_ENC_UTF8, &err);
	assert_non_null(r);
	assert_int_equal(csv_read(r, NULL, NULL, NULL, &err), 1);
	assert_int_equal(csv_read(r, NULL, NULL, NULL, &err), -OSK_EDATA);
	osk_error_clear(&err2);
	assert_int_equal(csv_read(r, NULL, NULL, NULL, &err2), -OSK_EDATA);
	assert_memory_equal(&err, &err2, sizeof(err));
	assert_int_equal(csv_read(r, NULL, NULL, NULL, NULL), -OSK_EDATA);
	csv_close(r);
}

/* ---- encodings ---- */

static void
test_csv_bom_stripped(void **state)
{
	struct csv_reader *r;
	struct sbuf out = SBUF_INIT;
	struct osk_error err;

	(void)state;
	expect_records(CSV_UTF8_BOM "id,名前\n1,x\n", CSV_ENC_AUTO,
		       "1:id|名前\n2:1|x\n");
	expect_records(CSV_UTF8_BOM "id\n", CSV_ENC_UTF8, "1:id\n");
	/* only the first BOM is a BOM */
	expect_records(CSV_UTF8_BOM CSV_UTF8_BOM "id\n", CSV_ENC_UTF8,
		       "1:" CSV_UTF8_BOM "id\n");

	r = csv_open(DATA "bom.csv", CSV_ENC_AUTO, &err);
	assert_non_null(r);
	assert_int_equal(dump_reader(r, &out, &err), 0);
	assert_string_equal(out.buf, "1:name|industry\n2:Yamada Shoten|E\n");
	assert_int_equal(csv_encoding_used(r), CSV_ENC_UTF8);
	csv_close(r);
	sbuf_release(&out);
}

static void
test_csv_bom_with_cp932_rejected(void **state)
{
	(void)state;
	expect_error(CSV_UTF8_BOM "a\n", CSV_ENC_CP932, OSK_EDATA,
		     "t.csv: the file starts with a UTF-8 byte order mark; "
		     "choose --encoding utf-8 or auto");
}

static void
test_csv_wrong_file_kinds_rejected(void **state)
{
	(void)state;
	expect_error("PK\3\4\24\0\6\0", CSV_ENC_AUTO, OSK_EDATA,
		     "t.csv: not a CSV file but an Excel workbook or other "
		     "ZIP file; in Excel save it as \"CSV UTF-8\"");
	expect_error("\xD0\xCF\x11\xE0\xA1\xB1", CSV_ENC_UTF8, OSK_EDATA,
		     "t.csv: not a CSV file but an old Excel workbook (.xls); "
		     "in Excel save it as \"CSV UTF-8\"");
	expect_error("\xFF\xFE" "a\0,\0", CSV_ENC_CP932, OSK_EDATA,
		     "t.csv: the file is UTF-16 (Excel \"Unicode text\"); "
		     "in Excel save it as \"CSV UTF-8\"");
	expect_error("\xFE\xFF\0a", CSV_ENC_AUTO, OSK_EDATA,
		     "t.csv: the file is UTF-16 (Excel \"Unicode text\"); "
		     "in Excel save it as \"CSV UTF-8\"");
	/* short inputs are not mistaken for anything */
	expect_records("P", CSV_ENC_AUTO, "1:P\n");
}

static void
compare_cp932_file(enum csv_encoding enc)
{
	struct sbuf want = SBUF_INIT, got = SBUF_INIT;
	struct csv_reader *r;
	struct osk_error err;

	r = csv_open(DATA "cp932-utf8.csv", CSV_ENC_UTF8, &err);
	assert_non_null(r);
	assert_int_equal(dump_reader(r, &want, &err), 0);
	csv_close(r);

	r = csv_open(DATA "cp932.csv", enc, &err);
	assert_non_null(r);
	assert_int_equal(dump_reader(r, &got, &err), 0);
	assert_int_equal(csv_encoding_used(r), CSV_ENC_CP932);
	csv_close(r);

	assert_string_equal(got.buf, want.buf);
	assert_non_null(strstr(got.buf, "①②③ ㈱ Ⅰ Ⅱ ～ 髙﨑"));
	assert_non_null(strstr(got.buf, "ｶﾌﾞｼｷｶﾞｲｼｬ ﾃｽﾄ"));
	assert_non_null(strstr(got.buf, "表\\ソ能"));
	assert_non_null(strstr(got.buf, "半角カナ, 改行\r\nあり"));
	assert_non_null(strstr(got.buf, "5:\"引用\"|G|300"));
	sbuf_release(&want);
	sbuf_release(&got);
}

static void
test_csv_cp932_file(void **state)
{
	(void)state;
	compare_cp932_file(CSV_ENC_CP932);
}

static void
test_csv_cp932_file_auto(void **state)
{
	(void)state;
	compare_cp932_file(CSV_ENC_AUTO);
}

static void
test_csv_utf8_file_not_cp932(void **state)
{
	struct csv_reader *r;
	struct osk_error err;

	(void)state;
	r = csv_open(DATA "cp932-utf8.csv", CSV_ENC_AUTO, &err);
	assert_non_null(r);
	assert_int_equal(csv_encoding_used(r), CSV_ENC_UTF8);
	assert_int_equal(csv_read(r, NULL, NULL, NULL, &err), 1);
	assert_int_equal(csv_encoding_used(r), CSV_ENC_UTF8);
	csv_close(r);
}

/* A long ASCII start does not hide CP932 text further down. */
static void
test_csv_auto_ascii_then_cp932(void **state)
{
	struct sbuf in = SBUF_INIT, out = SBUF_INIT;
	struct csv_reader *r;
	struct osk_error err;
	const char **f;
	size_t n, i;

	(void)state;
	for (i = 0; i < 20000; i++)
		sbuf_addf(&in, "%zu,ascii\r\n", i);
	sbuf_adds(&in, "x,\x8a\x94\x8e\xae\x89\xef\x8e\xd0\r\n");
	r = csv_open_mem("t.csv", in.buf, in.len, CSV_ENC_AUTO, &err);
	assert_non_null(r);
	for (i = 0; i < 20000; i++)
		assert_int_equal(csv_read(r, &f, NULL, &n, &err), 1);
	assert_int_equal(csv_read(r, &f, NULL, &n, &err), 1);
	assert_int_equal(csv_encoding_used(r), CSV_ENC_CP932);
	assert_string_equal(f[1], "株式会社");
	assert_int_equal(csv_line(r), 20001);
	assert_int_equal(csv_read(r, &f, NULL, &n, &err), 0);
	csv_close(r);
	sbuf_release(&in);
	sbuf_release(&out);
}

/* Valid UTF-8 at the start, a bad byte past the sniffed 64 KiB. */
static void
test_csv_auto_utf8_then_invalid(void **state)
{
	struct sbuf in = SBUF_INIT, out = SBUF_INIT;
	struct osk_error err;
	char line[600];
	size_t i;

	(void)state;
	sbuf_adds(&in, "名前,メモ\n");
	for (i = 0; i < 10000; i++)
		sbuf_addf(&in, "%zu,ひらがな\n", i);
	sbuf_adds(&in, "x,ok,\x82\xa0\n");
	assert_true(in.len > 128 * 1024);
	assert_int_equal(dump_mem(in.buf, in.len, CSV_ENC_AUTO, &out, &err),
			 -OSK_EDATA);
	osk_error_format(&err, line, sizeof(line));
	assert_string_equal(line, "t.csv:10002: field 3 (column C): invalid "
			    "UTF-8 byte 0x82; save the file as UTF-8 or "
			    "choose --encoding cp932");
	sbuf_release(&in);
	sbuf_release(&out);
}

static void
test_csv_invalid_utf8(void **state)
{
	(void)state;
	expect_error("a,b\n1,\xff\n", CSV_ENC_UTF8, OSK_EDATA,
		     "t.csv:2: field 2 (column B): invalid UTF-8 byte 0xff; "
		     "save the file as UTF-8 or choose --encoding cp932");
	/* the CP932 bytes of a kanji, read as UTF-8 */
	expect_error("a\n\n\"x\ny\",\x89\xef\n", CSV_ENC_UTF8, OSK_EDATA,
		     "t.csv:4: field 2 (column B): invalid UTF-8 byte 0x89; "
		     "save the file as UTF-8 or choose --encoding cp932");
	/* at the start of a record */
	expect_error("a\n\xe3\x81\n", CSV_ENC_UTF8, OSK_EDATA,
		     "t.csv:2: field 1 (column A): invalid UTF-8 byte 0xe3; "
		     "save the file as UTF-8 or choose --encoding cp932");
}

static void
test_csv_invalid_utf8_forms(void **state)
{
	static const char *const bad[] = {
		"\xc0\x80",		/* overlong NUL */
		"\xc1\xbf",		/* overlong */
		"\xe0\x9f\xbf",		/* overlong 3-byte */
		"\xed\xa0\x80",		/* surrogate */
		"\xf0\x8f\xbf\xbf",	/* overlong 4-byte */
		"\xf4\x90\x80\x80",	/* above U+10FFFF */
		"\xf5\x80\x80\x80",
		"\x80",
		"\xe3\x81",		/* cut at end of file */
		"\xe3\x81z",
	};
	static const char *const good[] = {
		"\xc2\x80", "\xdf\xbf", "\xe0\xa0\x80", "\xed\x9f\xbf",
		"\xee\x80\x80", "\xef\xbf\xbf", "\xf0\x90\x80\x80",
		"\xf4\x8f\xbf\xbf",
	};
	struct sbuf out = SBUF_INIT;
	struct osk_error err;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		sbuf_reset(&out);
		assert_int_equal(dump_mem(bad[i], strlen(bad[i]),
					  CSV_ENC_UTF8, &out, &err),
				 -OSK_EDATA);
		assert_non_null(strstr(err.msg, "invalid UTF-8 byte"));
	}
	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		sbuf_reset(&out);
		assert_int_equal(dump_mem(good[i], strlen(good[i]),
					  CSV_ENC_UTF8, &out, &err), 0);
		assert_int_equal(out.len, strlen(good[i]) + 3);
	}
	sbuf_release(&out);
}

static void
test_csv_invalid_cp932(void **state)
{
	(void)state;
	/* 0x85 0x40 is unassigned; 0xa0 and 0xff are no characters */
	expect_error("a,b\n\x82\xa0,\x85\x40\n", CSV_ENC_CP932, OSK_EDATA,
		     "t.csv:2: field 2 (column B): invalid CP932 bytes "
		     "0x85 0x40; save the file as UTF-8 or choose "
		     "--encoding utf-8");
	expect_error("\x82\xa0\n\xa0", CSV_ENC_CP932, OSK_EDATA,
		     "t.csv:2: field 1 (column A): invalid CP932 byte "
		     "0xa0; save the file as UTF-8 or choose "
		     "--encoding utf-8");
	expect_error("\x82\xa0,\xff\n", CSV_ENC_AUTO, OSK_EDATA,
		     "t.csv:1: field 2 (column B): byte 0xff is neither "
		     "UTF-8 nor CP932; save the file as UTF-8");
	expect_error("a,\x82", CSV_ENC_CP932, OSK_EDATA,
		     "t.csv:1: field 2 (column B): incomplete CP932 "
		     "character 0x82 at the end of the file; save the file "
		     "as UTF-8");
}

static void
test_csv_nul_byte(void **state)
{
	(void)state;
	expect_error("a,b\nc,d\0e\n", CSV_ENC_UTF8, OSK_EDATA,
		     "t.csv:2: field 2 (column B): NUL byte in the text; "
		     "save the file as CSV (\"CSV UTF-8\" in Excel)");
	expect_error("a,b\n\x82\xa0,\0\n", CSV_ENC_CP932, OSK_EDATA,
		     "t.csv:2: field 2 (column B): NUL byte in the text; "
		     "save the file as CSV (\"CSV UTF-8\" in Excel)");
	expect_error("a\0", CSV_ENC_AUTO, OSK_EDATA,
		     "t.csv:1: field 1 (column A): NUL byte in the text; "
		     "save the file as CSV (\"CSV UTF-8\" in Excel)");
	expect_error("\xe3\x81\x82\n\0", CSV_ENC_AUTO, OSK_EDATA,
		     "t.csv:2: field 1 (column A): NUL byte in the text; "
		     "save the file as CSV (\"CSV UTF-8\" in Excel)");
}

/*
 * Line ends, multi-byte characters and quotes at every offset of the
 * reader's blocks: a record whose length is prime against the block size
 * repeats past several blocks.
 */
static void
check_boundaries(enum csv_encoding enc, const char *rec, const char *field2)
{
	struct sbuf in = SBUF_INIT;
	struct csv_reader *r;
	struct osk_error err;
	const char **f;
	size_t *len, n, i, count = 0, total = 0;
	int rc;

	while (in.len < 2 * 1024 * 1024 + 4096) {
		sbuf_adds(&in, rec);
		total++;
	}
	r = csv_open_mem("t.csv", in.buf, in.len, enc, &err);
	assert_non_null(r);
	while ((rc = csv_read(r, &f, &len, &n, &err)) > 0) {
		assert_int_equal(n, 3);
		assert_string_equal(f[0], "a");
		assert_string_equal(f[1], field2);
		assert_string_equal(f[2], "");
		count++;
		i = (size_t)csv_line(r);
		assert_int_equal(i, 2 * count - 1);
	}
	assert_int_equal(rc, 0);
	assert_int_equal(count, total);
	csv_close(r);
	sbuf_release(&in);
}

static void
test_csv_block_boundaries(void **state)
{
	(void)state;
	/* 23 bytes: CRLF inside and after quotes, 2- to 4-byte UTF-8 */
	check_boundaries(CSV_ENC_UTF8, "a,\"é\r\nあ𝄞\"\"x\",\r\n",
			 "é\r\nあ𝄞\"x");
	check_boundaries(CSV_ENC_AUTO, "a,\"é\r\nあ𝄞\"\"x\",\r\n",
			 "é\r\nあ𝄞\"x");
	/* 19 bytes of CP932: kanji, half-width kana, 0x5c trail byte */
	check_boundaries(CSV_ENC_CP932,
			 "a,\"\x95\x5c\r\n\xb1\x87\x40\"\"\x83\x5c\",\r\n",
			 "表\r\nｱ①\"ソ");
	check_boundaries(CSV_ENC_AUTO,
			 "a,\"\x95\x5c\r\n\xb1\x87\x40\"\"\x83\x5c\",\r\n",
			 "表\r\nｱ①\"ソ");
}

/* ---- limits ---- */

static void
test_csv_big_field(void **state)
{
	const size_t big = 10 * 1024 * 1024;
	char path[] = "/tmp/otasuke-test-csv-XXXXXX";
	struct csv_reader *r;
	struct osk_error err;
	const char **f;
	size_t *len, n, i;
	char *buf;
	int fd;

	(void)state;
	/* unquoted, from memory */
	buf = malloc(big + 16);
	assert_non_null(buf);
	memset(buf, 'x', big);
	memcpy(buf + big, ",y\n", 3);
	r = csv_open_mem("t.csv", buf, big + 3, CSV_ENC_AUTO, &err);
	assert_non_null(r);
	assert_int_equal(csv_read(r, &f, &len, &n, &err), 1);
	assert_int_equal(n, 2);
	assert_int_equal(len[0], big);
	assert_string_equal(f[1], "y");
	assert_int_equal(csv_read(r, &f, &len, &n, &err), 0);
	csv_close(r);

	/* quoted with line ends and quotes, from a file */
	buf[0] = '"';
	for (i = 1; i < big; i++)
		buf[i] = i % 1000 == 0 ? '\n' : i % 777 == 0 ? '"' : 'q';
	memcpy(buf + big, "\"\n", 2);
	for (i = 1; i < big; i++)
		if (buf[i] == '"' && buf[i + 1] != '"' && buf[i - 1] != '"')
			buf[i] = 'q';
	fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	write_file(path, buf, big + 2);
	r = csv_open(path, CSV_ENC_UTF8, &err);
	assert_non_null(r);
	assert_int_equal(csv_read(r, &f, &len, &n, &err), 1);
	assert_int_equal(n, 1);
	assert_true(len[0] > big - 2 - big / 1000);
	assert_int_equal(strlen(f[0]), len[0]);
	assert_int_equal(csv_read(r, &f, &len, &n, &err), 0);
	csv_close(r);
	unlink(path);
	free(buf);
}

static void
test_csv_field_limit(void **state)
{
	struct csv_reader *r;
	struct osk_error err;
	char line[600];
	static const char in[] = "abcd,abcde\n\"ab\ncdef\"\n";
	static const char in2[] = "x\n\"ab\ncdefg\n";

	(void)state;
	r = csv_open_mem("t.csv", in, sizeof(in) - 1, CSV_ENC_UTF8, &err);
	assert_non_null(r);
	csv_set_field_max(r, 4);
	assert_int_equal(csv_read(r, NULL, NULL, NULL, &err), -OSK_EDATA);
	osk_error_format(&err, line, sizeof(line));
	assert_string_equal(line, "t.csv:1: field 2 (column B): field is "
			    "longer than 4 bytes");
	csv_close(r);

	r = csv_open_mem("t.csv", in2, sizeof(in2) - 1, CSV_ENC_UTF8, &err);
	assert_non_null(r);
	csv_set_field_max(r, 4);
	assert_int_equal(csv_read(r, NULL, NULL, NULL, &err), 1);
	assert_int_equal(csv_read(r, NULL, NULL, NULL, &err), -OSK_EDATA);
	osk_error_format(&err, line, sizeof(line));
	assert_string_equal(line, "t.csv:2: field 1 (column A): quoted field "
			    "starting here is longer than 4 bytes; is a "
			    "closing quote missing?");
	csv_close(r);

	/* the default cannot be raised */
	r = csv_open_mem("t.csv", in, sizeof(in) - 1, CSV_ENC_UTF8, &err);
	assert_non_null(r);
	csv_set_field_max(r, (size_t)-1);
	assert_int_equal(csv_read(r, NULL, NULL, NULL, &err), 1);
	csv_close(r);
}

static void
test_csv_too_many_fields(void **state)
{
	struct sbuf out = SBUF_INIT;
	struct osk_error err;
	char *buf;
	size_t n = CSV_FIELDS_MAX;

	(void)state;
	buf = malloc(n + 1);
	assert_non_null(buf);
	memset(buf, ',', n);
	/* CSV_FIELDS_MAX - 1 commas: just fits */
	buf[n - 1] = '\n';
	assert_int_equal(dump_mem(buf, n, CSV_ENC_UTF8, &out, &err), 0);
	assert_int_equal(out.len, 2 + CSV_FIELDS_MAX - 1 + 1);
	buf[n - 1] = ',';
	buf[n] = '\n';
	assert_int_equal(dump_mem(buf, n + 1, CSV_ENC_UTF8, &out, &err),
			 -OSK_EDATA);
	assert_string_equal(err.msg, "record has more than 65536 fields");
	free(buf);
	sbuf_release(&out);
}

/* ---- files ---- */

static void
test_csv_missing_file(void **state)
{
	struct osk_error err;
	char line[600];

	(void)state;
	assert_null(csv_open(DATA "no-such-file.csv", CSV_ENC_AUTO, &err));
	assert_int_equal(err.code, OSK_ENOINPUT);
	osk_error_format(&err, line, sizeof(line));
	assert_string_equal(line, "cannot open '" DATA "no-such-file.csv': "
			    "No such file or directory");
}

static void
test_csv_directory(void **state)
{
	struct osk_error err;

	(void)state;
	assert_null(csv_open(DATA, CSV_ENC_AUTO, &err));
	assert_int_equal(err.code, OSK_ENOINPUT);
	assert_string_equal(err.msg, "'" DATA "' is a directory, not a file");
}

static void
test_csv_read_error(void **state)
{
	struct csv_reader *r;
	struct osk_error err;

	(void)state;
	/* reading /proc/self/mem at offset 0 fails with EIO */
	r = csv_open("/proc/self/mem", CSV_ENC_AUTO, &err);
	if (!r)
		skip();
	assert_int_equal(csv_read(r, NULL, NULL, NULL, &err), -OSK_EIO);
	assert_string_equal(err.msg, "cannot read '/proc/self/mem': "
			    "Input/output error");
	assert_string_equal(err.path, "");
	csv_close(r);
}

static void
test_csv_stdin(void **state)
{
	struct sbuf out = SBUF_INIT;
	struct csv_reader *r;
	struct osk_error err;
	int saved, fd;

	(void)state;
	saved = dup(0);
	assert_true(saved >= 0);
	fd = open(DATA "cp932.csv", O_RDONLY);
	assert_true(fd >= 0);
	assert_int_equal(dup2(fd, 0), 0);
	close(fd);
	r = csv_open("-", CSV_ENC_AUTO, &err);
	assert_non_null(r);
	assert_string_equal(csv_path(r), "<stdin>");
	assert_int_equal(dump_reader(r, &out, &err), 0);
	assert_int_equal(csv_encoding_used(r), CSV_ENC_CP932);
	csv_close(r);
	/* stdin stays open */
	assert_int_equal(fcntl(0, F_GETFD), 0);
	assert_int_equal(dup2(saved, 0), 0);
	close(saved);
	assert_non_null(strstr(out.buf, "1:会社名|業種|従業員数|メモ\n"));
	sbuf_release(&out);
}

/* ---- header ---- */

static void
test_csv_header_map(void **state)
{
	static const char in[] =
		" Company ,\xe3\x80\x80INDUSTRY\xe3\x80\x80,,extra,"
		"\"Employees\t\",memo,\"a very long column name that goes "
		"on and on and on, far past what a warning should show\"\n";
	static const char *const wanted[] = {
		"company", "industry", "employees", "phone",
	};
	struct sbuf unknown = SBUF_INIT;
	struct csv_reader *r;
	struct osk_error err;
	int idx[4];

	(void)state;
	r = csv_open_mem("t.csv", in, sizeof(in) - 1, CSV_ENC_UTF8, &err);
	assert_non_null(r);
	assert_int_equal(csv_read(r, NULL, NULL, NULL, &err), 1);
	assert_int_equal(csv_header_map(r, wanted, 4, idx, &unknown, &err),
			 3);
	assert_int_equal(idx[0], 0);
	assert_int_equal(idx[1], 1);
	assert_int_equal(idx[2], 4);
	assert_int_equal(idx[3], -1);
	assert_string_equal(unknown.buf, "'extra', 'memo', 'a very long "
			    "column name that goes on and on and on, far "
			    "past wha...'");
	assert_int_equal(csv_header_map(r, wanted, 4, idx, NULL, &err), 3);
	csv_close(r);
	sbuf_release(&unknown);
}

static void
test_csv_header_map_duplicate(void **state)
{
	static const char in[] = "id\nname,Name ,x,x\n";
	static const char *const wanted[] = { "id", "name" };
	struct csv_reader *r;
	struct osk_error err;
	char line[600];
	int idx[2];

	(void)state;
	r = csv_open_mem("t.csv", in, sizeof(in) - 1, CSV_ENC_UTF8, &err);
	assert_non_null(r);
	assert_int_equal(csv_read(r, NULL, NULL, NULL, &err), 1);
	assert_int_equal(csv_read(r, NULL, NULL, NULL, &err), 1);
	assert_int_equal(csv_header_map(r, wanted, 2, idx, NULL, &err),
			 -OSK_EDATA);
	osk_error_format(&err, line, sizeof(line));
	assert_string_equal(line, "t.csv:2: field 2 (column B): column 'name' "
			    "appears twice (also field 1, column A); remove "
			    "one");
	csv_close(r);
}

static void
test_csv_error_set(void **state)
{
	static const char in[] = "h\n\n\"a\nb\",c\n";
	struct csv_reader *r;
	struct osk_error err;
	char line[600];

	(void)state;
	r = csv_open_mem("in.csv", in, sizeof(in) - 1, CSV_ENC_UTF8, &err);
	assert_non_null(r);
	assert_int_equal(csv_line(r), 0);
	assert_int_equal(csv_read(r, NULL, NULL, NULL, &err), 1);
	assert_int_equal(csv_read(r, NULL, NULL, NULL, &err), 1);
	assert_int_equal(csv_error_set(r, &err, OSK_EDATA, 27, "unknown "
				       "answer '%s'", "maybe"), -OSK_EDATA);
	osk_error_format(&err, line, sizeof(line));
	assert_string_equal(line, "in.csv:3: field 28 (column AB): unknown "
			    "answer 'maybe'");
	csv_error_set(r, &err, OSK_EDATA, CSV_NO_FIELD, "too few fields");
	osk_error_format(&err, line, sizeof(line));
	assert_string_equal(line, "in.csv:3: too few fields");
	csv_error_set(r, &err, OSK_EDATA, 16383, "x");
	assert_string_equal(err.msg, "field 16384 (column XFD): x");
	assert_int_equal(csv_error_set(r, NULL, OSK_EDATA, 0, "x"),
			 -OSK_EDATA);
	csv_close(r);
}

static void
test_csv_encoding_parse(void **state)
{
	static const struct {
		const char *s;
		enum csv_encoding enc;
	} ok[] = {
		{ "auto", CSV_ENC_AUTO }, { "UTF-8", CSV_ENC_UTF8 },
		{ "utf8", CSV_ENC_UTF8 }, { "cp932", CSV_ENC_CP932 },
		{ "CP932", CSV_ENC_CP932 }, { "sjis", CSV_ENC_CP932 },
		{ "Shift_JIS", CSV_ENC_CP932 }, { "shift-jis", CSV_ENC_CP932 },
		{ "MS932", CSV_ENC_CP932 }, { "Windows-31J", CSV_ENC_CP932 },
	};
	enum csv_encoding enc;
	struct osk_error err;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		enc = (enum csv_encoding)-1;
		assert_int_equal(csv_encoding_parse(ok[i].s, &enc, &err), 0);
		assert_int_equal(enc, ok[i].enc);
	}
	assert_int_equal(csv_encoding_parse("latin1", &enc, &err),
			 -OSK_EUSAGE);
	assert_string_equal(err.msg, "unknown encoding 'latin1'; choose auto, "
			    "utf-8 or cp932");
	assert_int_equal(csv_encoding_parse("", &enc, &err), -OSK_EUSAGE);
	assert_int_equal(csv_encoding_parse("utf-88", &enc, &err),
			 -OSK_EUSAGE);
	assert_string_equal(csv_encoding_name(CSV_ENC_AUTO), "auto");
	assert_string_equal(csv_encoding_name(CSV_ENC_UTF8), "utf-8");
	assert_string_equal(csv_encoding_name(CSV_ENC_CP932), "cp932");
	assert_null(csv_open_mem("t", "", 0, (enum csv_encoding)7, &err));
	assert_int_equal(err.code, OSK_EUSAGE);
}

/* ---- writing ---- */

static void
test_csv_write_field(void **state)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
		{ "", "" },
		{ "plain", "plain" },
		{ "漢字", "漢字" },
		{ "a,b", "\"a,b\"" },
		{ "say \"hi\"", "\"say \"\"hi\"\"\"" },
		{ "\"", "\"\"\"\"" },
		{ "two\nlines", "\"two\nlines\"" },
		{ "cr\r", "\"cr\r\"" },
		{ " lead", "\" lead\"" },
		{ "trail ", "\"trail \"" },
		{ "\ttab", "\"\ttab\"" },
		{ "in side", "in side" },
		{ "'; --", "'; --" },
		{ "PK\3\4", "\"PK\3\4\"" },
		{ "bell\a", "\"bell\a\"" },
		{ "del\x7f", "\"del\x7f\"" },
		{ CSV_UTF8_BOM "x", "\"" CSV_UTF8_BOM "x\"" },
		{ "x" CSV_UTF8_BOM, "x" CSV_UTF8_BOM },
	};
	struct sbuf sb = SBUF_INIT;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		sbuf_reset(&sb);
		assert_int_equal(csv_write_field(&sb, cases[i].in,
						 strlen(cases[i].in)), 0);
		assert_string_equal(sb.buf, cases[i].out);
	}
	sbuf_release(&sb);
}

static void
test_csv_write_row_round_trip(void **state)
{
	static const char *const row[] = {
		"id", "", NULL, "a,b", "\"q\"", "line\r\nbreak", " sp ",
		"😀漢字", "'; --",
	};
	static const char *const one_empty[] = { "" };
	static const size_t lens[] = { 2, 0, 0, 3, 3, 11, 4, 10, 5 };
	struct sbuf sb = SBUF_INIT;
	struct csv_reader *r;
	struct osk_error err;
	const char **f;
	size_t *len, n, i;

	(void)state;
	assert_int_equal(csv_write_row(&sb, row, NULL, 9), 0);
	assert_int_equal(csv_write_row(&sb, row, lens, 9), 0);
	assert_int_equal(csv_write_row(&sb, one_empty, NULL, 1), 0);
	assert_int_equal(csv_write_row(&sb, row, NULL, 1), 0);
	assert_string_equal(sb.buf,
			    "id,,,\"a,b\",\"\"\"q\"\"\",\"line\r\nbreak\","
			    "\" sp \",😀漢字,'; --\r\n"
			    "id,,,\"a,b\",\"\"\"q\"\"\",\"line\r\nbreak\","
			    "\" sp \",😀漢字,'; --\r\n"
			    "\"\"\r\nid\r\n");
	r = csv_open_mem("t.csv", sb.buf, sb.len, CSV_ENC_UTF8, &err);
	assert_non_null(r);
	assert_int_equal(csv_read(r, &f, &len, &n, &err), 1);
	assert_int_equal(n, 9);
	for (i = 0; i < n; i++)
		assert_string_equal(f[i], row[i] ? row[i] : "");
	assert_int_equal(csv_read(r, &f, &len, &n, &err), 1);
	assert_int_equal(n, 9);
	assert_int_equal(csv_read(r, &f, &len, &n, &err), 1);
	assert_int_equal(n, 1);
	assert_int_equal(len[0], 0);
	assert_int_equal(csv_read(r, &f, &len, &n, &err), 1);
	assert_string_equal(f[0], "id");
	assert_int_equal(csv_read(r, &f, &len, &n, &err), 0);
	csv_close(r);
	sbuf_release(&sb);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csv_simple_lf),
		cmocka_unit_test(test_csv_crlf_and_cr_line_ends),
		cmocka_unit_test(test_csv_last_line_without_newline),
		cmocka_unit_test(test_csv_blank_lines_skipped),
		cmocka_unit_test(test_csv_quoted_fields),
		cmocka_unit_test(test_csv_doubled_quotes),
		cmocka_unit_test(test_csv_newlines_inside_quotes),
		cmocka_unit_test(test_csv_empty_fields),
		cmocka_unit_test(test_csv_ragged_rows),
		cmocka_unit_test(test_csv_empty_input),
		cmocka_unit_test(test_csv_header_only),
		cmocka_unit_test(test_csv_spaces_kept),
		cmocka_unit_test(test_csv_special_text),
		cmocka_unit_test(test_csv_unterminated_quote),
		cmocka_unit_test(test_csv_stray_quote),
		cmocka_unit_test(test_csv_text_after_closing_quote),
		cmocka_unit_test(test_csv_errors_are_final),
		cmocka_unit_test(test_csv_bom_stripped),
		cmocka_unit_test(test_csv_bom_with_cp932_rejected),
		cmocka_unit_test(test_csv_wrong_file_kinds_rejected),
		cmocka_unit_test(test_csv_cp932_file),
		cmocka_unit_test(test_csv_cp932_file_auto),
		cmocka_unit_test(test_csv_utf8_file_not_cp932),
		cmocka_unit_test(test_csv_auto_ascii_then_cp932),
		cmocka_unit_test(test_csv_auto_utf8_then_invalid),
		cmocka_unit_test(test_csv_invalid_utf8),
		cmocka_unit_test(test_csv_invalid_utf8_forms),
		cmocka_unit_test(test_csv_invalid_cp932),
		cmocka_unit_test(test_csv_nul_byte),
		cmocka_unit_test(test_csv_block_boundaries),
		cmocka_unit_test(test_csv_big_field),
		cmocka_unit_test(test_csv_field_limit),
		cmocka_unit_test(test_csv_too_many_fields),
		cmocka_unit_test(test_csv_missing_file),
		cmocka_unit_test(test_csv_directory),
		cmocka_unit_test(test_csv_read_error),
		cmocka_unit_test(test_csv_stdin),
		cmocka_unit_test(test_csv_header_map),
		cmocka_unit_test(test_csv_header_map_duplicate),
		cmocka_unit_test(test_csv_error_set),
		cmocka_unit_test(test_csv_encoding_parse),
		cmocka_unit_test(test_csv_write_field),
		cmocka_unit_test(test_csv_write_row_round_trip),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
