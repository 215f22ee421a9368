/* SPDX-License-Identifier: MIT */
/* diag_reference_import(): published averages from YAML, all or nothing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "tests/unit/diag_fixture.h"

static int
ref_import(struct fx *f, const char *text, size_t *rows)
{
	osk_errlist_release(&f->errs);
	osk_errlist_init(&f->errs, 50);
	osk_error_clear(&f->err);
	return diag_reference_import(f->st, fx_file(f, "ref.yaml", text),
				     rows, &f->errs, &f->err);
}

static void
test_diag_reference_good(void **state)
{
	struct fx *f = *state;
	size_t rows;

	assert_int_equal(ref_import(f,
		"source: IPA survey 2024\n"
		"set: small\n"
		"averages:\n"
		"  - {industry: E, category: basics, score: 62.5, n: 120}\n"
		"  - {industry: e, category: overall, score: 58, n: 120}\n"
		"  - {set: diag-office, industry: A, category: disposal,\n"
		"     score: 40.25, n: 8, source: other}\n", &rows), 0);
	assert_int_equal(rows, 3);
	assert_int_equal(fx_count(f, "SELECT count(*) FROM reference_avg "
				  "WHERE set_id = 'small' AND industry = 'E' "
				  "AND source = 'IPA survey 2024'"), 2);
	assert_int_equal(fx_count(f, "SELECT count(*) FROM reference_avg "
				  "WHERE score = 40.25 AND source = 'other'"),
			 1);
	/* the same set, industry and category replaces the row */
	assert_int_equal(ref_import(f,
		"averages:\n"
		"  - {set: small, industry: E, category: basics, score: 70,\n"
		"     n: 200, source: newer}\n", &rows), 0);
	assert_int_equal(fx_count(f, "SELECT count(*) FROM reference_avg"), 3);
	assert_int_equal(fx_count(f, "SELECT n FROM reference_avg WHERE "
				  "category = 'basics'"), 200);
	/* an industry by its name, as published tables write it */
	assert_int_equal(ref_import(f,
		"source: s\nset: small\naverages:\n"
		"  - {industry: 製造業, category: rules, score: 50, n: 9}\n"
		"  - {industry: Construction, category: rules, score: 40,"
		" n: 9}\n", &rows), 0);
	assert_int_equal(rows, 2);
	assert_int_equal(fx_count(f, "SELECT count(*) FROM reference_avg "
				  "WHERE category = 'rules' AND industry IN "
				  "('E', 'D')"), 2);
}

struct bad {
	const char *yaml;
	const char *errors;
};

static const struct bad bads[] = {
	{ "averages:\n"
	  "  - {set: nope, industry: E, category: basics, score: 1, n: 1,"
	  " source: s}\n",
	  "2:11: no question set 'nope'; 'otasuke questions list' shows "
	  "them\n" },
	{ "averages:\n"
	  "  - {set: example-survey, industry: E, category: x, score: 1, "
	  "n: 1, source: s}\n",
	  "2:11: set 'example-survey' is a survey, not a diagnosis; "
	  "'otasuke questions list' shows the sets\n" },
	{ "set: small\nsource: s\naverages:\n"
	  "  - {industry: EE, category: basics, score: 1, n: 1}\n"
	  "  - {industry: Z, category: basics, score: 1, n: 1}\n",
	  "4:16: industry 'EE' is not a JSIC division letter A-T or its "
	  "name\n"
	  "5:16: industry 'Z' is not a JSIC division letter A-T or its "
	  "name\n" },
	{ "set: small\nsource: s\naverages:\n"
	  "  - {industry: E, category: people, score: 1, n: 1}\n",
	  "4:29: set 'small' has no category 'people'; use one of its "
	  "categories or "
	  "'overall'\n" },
	{ "set: small\nsource: s\naverages:\n"
	  "  - {industry: E, category: basics, score: 100.5, n: 1}\n"
	  "  - {industry: E, category: rules, score: 50, n: 0}\n"
	  "  - {industry: E, category: office, score: high, n: 1}\n",
	  "4:44: 'score' must be between 0 and 100\n"
	  "5:50: 'n' (how many companies the average is over) must be 1 or "
	  "more\n"
	  "6:44: 'score' must be a number\n" },
	{ "set: small\naverages:\n"
	  "  - {industry: E, category: basics, score: 1, n: 1}\n",
	  "3:5: missing 'source' (where the averages were published; here or "
	  "at the top)\n" },
	{ "source: s\naverages:\n"
	  "  - {industry: E, category: basics, score: 1, n: 1}\n",
	  "3:5: missing 'set' (give it here or at the top of the file)\n" },
	{ "set: small\nsource: s\naverages:\n"
	  "  - {industry: E, category: basics, score: 1, n: 1}\n"
	  "  - {industry: E, category: basics, score: 2, n: 1}\n",
	  "5:5: set 'small' industry E category 'basics' is already given on "
	  "line 4; keep one\n" },
	{ "set: small\nsource: s\nsorce: t\naverages: []\n",
	  "3:1: unknown key 'sorce' in reference file (known: set, source, "
	  "averages)\n"
	  "4:11: 'averages' is empty\n" },
	{ "set: small\nsource: s\naverages:\n  - just text\n",
	  "4:5: each average must be a mapping with set, industry, category, "
	  "score, n, source\n" },
};

static void
test_diag_reference_bad(void **state)
{
	struct fx *f = *state;
	size_t i, rows;

	for (i = 0; i < sizeof(bads) / sizeof(*bads); i++) {
		char *got;

		assert_int_equal(ref_import(f, bads[i].yaml, &rows),
				 -OSK_EDATA);
		got = fx_errors(f);
		if (strcmp(got, bads[i].errors))
			fail_msg("case %zu:\nwant: %sgot:  %s", i,
				 bads[i].errors, got);
		free(got);
		assert_int_equal(rows, 0);
		assert_int_equal(fx_count(f, "SELECT count(*) FROM "
					  "reference_avg"), 0);
	}
}

static void
test_diag_reference_bad_file(void **state)
{
	struct fx *f = *state;
	size_t rows;

	assert_int_equal(ref_import(f, "- a\n- b\n", &rows), -OSK_EDATA);
	assert_string_equal(f->err.msg, "expected a mapping with 'averages:' "
			    "(a list of set, industry, category, score, n, "
			    "source)");
	assert_int_equal(ref_import(f, "a: [\n", &rows), -OSK_EDATA);
	assert_int_equal(f->err.line, 2);
	osk_error_clear(&f->err);
	assert_int_equal(diag_reference_import(f->st, "/nonexistent.yaml",
					       &rows, &f->errs, &f->err),
			 -OSK_ENOINPUT);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_diag_reference_good,
						fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_diag_reference_bad,
						fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_diag_reference_bad_file,
						fx_setup, fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
