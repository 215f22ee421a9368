/* SPDX-License-Identifier: MIT */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/asset.h"
#include "core/company.h"
#include "core/industry.h"
#include "core/qset.h"

static int
load_industries(void **state)
{
	char path[4096];
	struct osk_error err;

	snprintf(path, sizeof(path), "%s/industries.yaml", osk_datadir());
	*state = industries_load(path, &err);
	return *state ? 0 : -1;
}

static int
free_industries(void **state)
{
	industries_free(*state);
	return 0;
}

static void
test_company_industry_by_letter_and_name(void **state)
{
	const struct industries *ind = *state;

	assert_int_equal(ind->n, 20);
	assert_string_equal(industries_find(ind, "E")->id, "E");
	assert_string_equal(industries_find(ind, " e ")->id, "E");
	assert_string_equal(industries_find(ind, "製造業")->id, "E");
	assert_string_equal(industries_find(ind, "MANUFACTURING")->id, "E");
	/* The commas people type for the full-width one. */
	assert_string_equal(industries_find(ind, "卸売業，小売業")->id, "I");
	assert_string_equal(industries_find(ind, "卸売業、小売業")->id, "I");
	assert_string_equal(industries_find(ind, "卸売業,小売業")->id, "I");
	assert_string_equal(industries_find(ind, "卸売業　小売業") ? "x" : "none",
			    "none");
	assert_null(industries_find(ind, "U"));
	assert_null(industries_find(ind, ""));
	assert_null(industries_find(ind, "製造"));
}

static void
test_company_size_bands(void **state)
{
	const struct industries *ind = *state;

	assert_null(industries_size(ind, 0));
	assert_string_equal(industries_size(ind, 1)->id, "1-5");
	assert_string_equal(industries_size(ind, 5)->id, "1-5");
	assert_string_equal(industries_size(ind, 6)->id, "6-20");
	assert_string_equal(industries_size(ind, 300)->id, "101-300");
	assert_string_equal(industries_size(ind, 5000)->id, "301+");
}

static void
test_company_validate(void **state)
{
	struct company c;
	struct osk_error err;
	char longname[700];

	(void)state;
	company_init(&c);
	c.name = "O'Brien; --";
	c.industry[0] = 'T';
	assert_int_equal(company_validate(&c, &err), 0);
	c.industry[0] = 'U';
	assert_int_equal(company_validate(&c, &err), -OSK_EDATA);
	c.industry[0] = 'A';
	c.name = "tab\there";
	assert_int_equal(company_validate(&c, &err), -OSK_EDATA);
	c.name = "bad\xff";
	assert_int_equal(company_validate(&c, &err), -OSK_EDATA);
	memset(longname, 0, sizeof(longname));
	for (size_t i = 0; i < 200; i++)
		memcpy(longname + i * 3, "山", 3);
	c.name = longname;
	assert_int_equal(company_validate(&c, &err), 0);
	memcpy(longname + 600, "a", 1);
	assert_int_equal(company_validate(&c, &err), -OSK_EDATA);
}

static void
test_company_asset_addresses(void **state)
{
	char ip[48], mac[18];

	(void)state;
	assert_int_equal(asset_ip_normalize("192.168.1.10", ip), 0);
	assert_string_equal(ip, "192.168.1.10");
	assert_int_equal(asset_ip_normalize("2001:DB8:0::1", ip), 0);
	assert_string_equal(ip, "2001:db8::1");
	assert_int_equal(asset_ip_normalize("192.168.1.256", ip), -1);
	assert_int_equal(asset_ip_normalize("192.168.1", ip), -1);
	assert_int_equal(asset_ip_normalize("", ip), -1);
	assert_int_equal(asset_mac_normalize("00:1A:2b:3C:4d:5E", mac), 0);
	assert_string_equal(mac, "00:1a:2b:3c:4d:5e");
	assert_int_equal(asset_mac_normalize("00-1a-2b-3c-4d-5e", mac), 0);
	assert_int_equal(asset_mac_normalize("001a.2b3c.4d5e", mac), 0);
	assert_string_equal(mac, "00:1a:2b:3c:4d:5e");
	assert_int_equal(asset_mac_normalize("00:1a:2b:3c:4d", mac), -1);
	assert_int_equal(asset_mac_normalize("00:1a-2b:3c:4d:5e", mac), -1);
	assert_int_equal(asset_mac_normalize("0g:1a:2b:3c:4d:5e", mac), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
			test_company_industry_by_letter_and_name,
			load_industries, free_industries),
		cmocka_unit_test_setup_teardown(test_company_size_bands,
						load_industries,
						free_industries),
		cmocka_unit_test(test_company_validate),
		cmocka_unit_test(test_company_asset_addresses),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
