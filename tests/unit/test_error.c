/* SPDX-License-Identifier: MIT */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/error.h"
#include "core/text.h"

static void
test_error_format_parts(void **state)
{
	struct osk_error e;
	char buf[600];

	(void)state;
	osk_error_set(&e, OSK_EDATA, "f.csv", 3, 0, "bad %s", "row");
	osk_error_format(&e, buf, sizeof(buf));
	assert_string_equal(buf, "f.csv:3: bad row");
	osk_error_set(&e, OSK_EDATA, "q.yaml", 4, 7, "x");
	osk_error_format(&e, buf, sizeof(buf));
	assert_string_equal(buf, "q.yaml:4:7: x");
	assert_int_equal(osk_fail(&e, OSK_ENOINPUT, "no %d", 1), -OSK_ENOINPUT);
	osk_error_format(&e, buf, sizeof(buf));
	assert_string_equal(buf, "no 1");
}

static void
test_error_message_stays_one_utf8_line(void **state)
{
	struct osk_error e;
	char longkanji[3 * 400 + 1];
	size_t i;

	(void)state;
	for (i = 0; i < 400; i++)
		memcpy(longkanji + 3 * i, "漢", 3);
	longkanji[3 * 400] = '\0';
	/* 1 + 3 x 400 bytes cannot fit in 512: the cut must not split. */
	osk_error_set(&e, OSK_EDATA, NULL, 0, 0, "x%s", longkanji);
	assert_true(utf8_valid(e.msg, strlen(e.msg), NULL));
	assert_true(strlen(e.msg) >= sizeof(e.msg) - 4);
	osk_error_set(&e, OSK_EDATA, "a\nb", 0, 0, "one\ntwo\r\tthree");
	assert_string_equal(e.msg, "one two  three");
	assert_string_equal(e.path, "a b");
}

static void
test_error_list_keeps_first(void **state)
{
	struct osk_errlist l;
	struct osk_error e;
	int i;

	(void)state;
	osk_errlist_init(&l, 3);
	for (i = 0; i < 5; i++) {
		osk_error_set(&e, OSK_EDATA, "f", i + 1, 0, "e%d", i);
		osk_errlist_add(&l, &e);
	}
	assert_int_equal(l.n, 3);
	assert_int_equal(l.total, 5);
	assert_string_equal(l.items[2].msg, "e2");
	osk_errlist_release(&l);
	assert_int_equal(l.n, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_error_format_parts),
		cmocka_unit_test(test_error_message_stays_one_utf8_line),
		cmocka_unit_test(test_error_list_keeps_first),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
