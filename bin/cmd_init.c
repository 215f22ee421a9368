/* SPDX-License-Identifier: MIT */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "bin/bin.h"
#include "bin/commands.h"

static const char *const init_usage[] = {
	"usage: otasuke init",
	"",
	"Create the database (mode 0600) if it does not exist, bring an older",
	"one up to date, and load the shipped question sets that are new or",
	"have a new version. Safe to run again.",
	NULL,
};

int
cmd_init(int argc, char **argv)
{
	struct osk_error err;

	(void)argv;
	if (argc > 1 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")))
		usage_help(init_usage);
	if (argc > 1)
		usage_error(init_usage, "'init' takes no arguments");
	osk_error_clear(&err);
	if (!(app.store = store_open(app.dbpath, STORE_CREATE, &err)))
		die_err(&err);
	load_shipped_sets();
	info("database '%s' is ready", app.dbpath);
	return 0;
}
