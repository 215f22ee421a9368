/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bin/bin.h"
#include "bin/commands.h"

static const char *const db_usage[] = {
	"usage: otasuke db check | backup FILE | export DIR",
	"",
	"Look after the database.",
	"",
	"  check        integrity, foreign keys and schema version; exit 1 on",
	"               any problem",
	"  backup FILE  a consistent copy, safe while others write",
	"  export DIR   one UTF-8 CSV file per table",
	NULL,
};

static void
no_more_args(int argc, int want, const char *what)
{
	if (argc != want)
		usage_error(db_usage, "'db %s' needs %s", what,
			    want == 1 ? "no arguments" : "one argument");
}

static int
db_check(int argc, char **argv)
{
	struct osk_error err;
	char *report = NULL;
	int problems = 0;

	(void)argv;
	no_more_args(argc, 1, "check");
	osk_error_clear(&err);
	if (store_check(app_store(), &problems, &report, &err))
		die_err(&err);
	fputs(report, stdout);
	free(report);
	if (problems) {
		printf("%d problem%s found\n", problems, problems == 1 ? "" : "s");
		return OSK_EX_FALSE;
	}
	printf("ok: schema %d, no problems found\n", STORE_SCHEMA_VERSION);
	return 0;
}

static int
db_backup(int argc, char **argv)
{
	struct osk_error err;

	no_more_args(argc, 2, "backup");
	osk_error_clear(&err);
	if (store_backup(app_store(), argv[1], &err))
		die_err(&err);
	info("backup written to '%s'", argv[1]);
	return 0;
}

static int
db_export(int argc, char **argv)
{
	struct osk_error err;
	int n = 0;

	no_more_args(argc, 2, "export");
	osk_error_clear(&err);
	if (store_export(app_store(), argv[1], &n, &err))
		die_err(&err);
	info("%d tables exported to '%s'", n, argv[1]);
	return 0;
}

int
cmd_db(int argc, char **argv)
{
	static const struct subcmd sub[] = {
		{ "check", db_check },
		{ "backup", db_backup },
		{ "export", db_export },
		{ NULL, NULL },
	};

	return run_subcmd(sub, db_usage, argc, argv);
}
