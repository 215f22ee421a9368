/* SPDX-License-Identifier: MIT */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "core/company.h"
#include "core/store.h"

struct fx {
	char dir[64];
	char path[128];
};

static int
setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));

	snprintf(f->dir, sizeof(f->dir), "/tmp/otasuke-store.XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	snprintf(f->path, sizeof(f->path), "%s/t.db", f->dir);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *f = *state;
	char cmd[160];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", f->dir);
	assert_int_equal(system(cmd), 0);
	free(f);
	return 0;
}

static void
write_file(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");

	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
}

static void
test_store_creates_0600_with_schema(void **state)
{
	struct fx *f = *state;
	struct osk_error err;
	struct store *st;
	struct stat sb;
	int problems = -1;
	char *report = NULL;

	umask(022);
	st = store_open(f->path, STORE_CREATE, &err);
	assert_non_null(st);
	assert_int_equal(stat(f->path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	assert_int_equal(store_check(st, &problems, &report, &err), 0);
	assert_int_equal(problems, 0);
	free(report);
	store_close(st);
	/* Opening again needs no create and migrates nothing. */
	st = store_open(f->path, 0, &err);
	assert_non_null(st);
	store_close(st);
}

static void
test_store_missing_without_create(void **state)
{
	struct fx *f = *state;
	struct osk_error err;

	osk_error_clear(&err);
	assert_null(store_open(f->path, 0, &err));
	assert_int_equal(err.code, OSK_ENOINPUT);
	assert_int_equal(access(f->path, F_OK), -1);
}

static void
test_store_refuses_foreign_files(void **state)
{
	struct fx *f = *state;
	struct osk_error err;
	struct stat before, after;
	char cmd[256];

	write_file(f->path, "name,industry\nnot a database at all\n");
	stat(f->path, &before);
	osk_error_clear(&err);
	assert_null(store_open(f->path, STORE_CREATE, &err));
	assert_int_equal(err.code, OSK_EDATA);
	assert_non_null(strstr(err.msg, "is not an otasuke database"));
	stat(f->path, &after);
	assert_int_equal(before.st_size, after.st_size);

	unlink(f->path);
	snprintf(cmd, sizeof(cmd), "sqlite3 '%s' 'CREATE TABLE x(y)'", f->path);
	assert_int_equal(system(cmd), 0);
	osk_error_clear(&err);
	assert_null(store_open(f->path, 0, &err));
	assert_int_equal(err.code, OSK_EDATA);
	assert_non_null(strstr(err.msg, "another program"));
}

static void
test_store_refuses_newer_schema(void **state)
{
	struct fx *f = *state;
	struct osk_error err;
	struct store *st = store_open(f->path, STORE_CREATE, &err);

	assert_non_null(st);
	assert_int_equal(store_exec(st, "PRAGMA user_version = 99", &err), 0);
	store_close(st);
	osk_error_clear(&err);
	assert_null(store_open(f->path, 0, &err));
	assert_int_equal(err.code, OSK_EDATA);
	assert_non_null(strstr(err.msg, "newer otasuke"));
}

static void
test_store_config_defaults_and_set(void **state)
{
	struct fx *f = *state;
	struct osk_error err;
	struct store *st = store_open(f->path, STORE_CREATE, &err);
	char *v = NULL;

	assert_non_null(st);
	assert_int_equal(store_config_get(st, "peers.min", &v, &err), 0);
	assert_string_equal(v, "5");
	free(v);
	assert_int_equal(store_config_get(st, "desk.phone", &v, &err), 0);
	assert_null(v);
	assert_int_equal(store_config_set(st, "peers.min", "7", &err), 0);
	assert_int_equal(store_config_int(st, "peers.min", 5), 7);
	assert_int_equal(store_config_set(st, "peers.min", NULL, &err), 0);
	assert_int_equal(store_config_int(st, "peers.min", 5), 5);
	store_close(st);
}

static void
test_store_rollback_keeps_data(void **state)
{
	struct fx *f = *state;
	struct osk_error err;
	struct store *st = store_open(f->path, STORE_CREATE, &err);
	struct company c, got;

	assert_non_null(st);
	company_init(&c);
	c.name = "O'Brien; DROP TABLE company; --";
	c.industry[0] = 'E';
	assert_int_equal(store_begin(st, &err), 0);
	assert_int_equal(company_insert(st, &c, &err), 0);
	assert_int_equal(store_commit(st, &err), 0);
	c.name = "二社目";
	assert_int_equal(store_begin(st, &err), 0);
	assert_int_equal(company_insert(st, &c, &err), 0);
	store_rollback(st);
	assert_int_equal(company_find(st, "O'Brien; DROP TABLE company; --",
				      &got, &err), 0);
	company_release(&got);
	assert_int_equal(company_find(st, "二社目", &got, &err),
			 -OSK_ENOTFOUND);
	store_close(st);
}

static void
test_store_busy_writer_times_out(void **state)
{
	struct fx *f = *state;
	struct osk_error err;
	struct store *a = store_open(f->path, STORE_CREATE, &err);
	struct store *b = store_open(f->path, 0, &err);

	assert_non_null(a);
	assert_non_null(b);
	store_set_busy_ms(b, 100);
	assert_int_equal(store_begin(a, &err), 0);
	osk_error_clear(&err);
	assert_int_equal(store_begin(b, &err), -OSK_EBUSY);
	assert_non_null(strstr(err.msg, "is locked"));
	store_rollback(a);
	assert_int_equal(store_begin(b, &err), 0);
	store_rollback(b);
	store_close(b);
	store_close(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_store_creates_0600_with_schema, setup, teardown),
		cmocka_unit_test_setup_teardown(test_store_missing_without_create, setup, teardown),
		cmocka_unit_test_setup_teardown(test_store_refuses_foreign_files, setup, teardown),
		cmocka_unit_test_setup_teardown(test_store_refuses_newer_schema, setup, teardown),
		cmocka_unit_test_setup_teardown(test_store_config_defaults_and_set, setup, teardown),
		cmocka_unit_test_setup_teardown(test_store_rollback_keeps_data, setup, teardown),
		cmocka_unit_test_setup_teardown(test_store_busy_writer_times_out, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
