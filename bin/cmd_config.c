/* SPDX-License-Identifier: MIT */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bin/bin.h"
#include "bin/commands.h"

static const char *const config_usage[] = {
	"usage: otasuke config get [KEY] | set KEY [VALUE] | unset KEY",
	"",
	"Show or change the settings printed on reports.",
	"",
	"  get          list every key with its value",
	"  get KEY      print the value of KEY",
	"  set KEY VALUE  set KEY",
	"  unset KEY    remove KEY (back to its default)",
	"",
	"Keys:",
	"  desk.name    service desk name shown on reports",
	"  desk.phone   service desk phone number",
	"  desk.hours   service desk opening hours",
	"  desk.email   service desk e-mail address",
	"  desk.url     service desk web page",
	"  peers.min    smallest peer group whose average is shown (default 5)",
	"  report.consultant  default consultant name on reports",
	NULL,
};

static const struct store_config_key *
known_key(const char *key)
{
	const struct store_config_key *k = store_config_lookup(key);

	if (!k)
		usage_error(config_usage, "unknown key '%s'; 'otasuke config "
			    "--help' lists the keys", key);
	return k;
}

static int
config_get(int argc, char **argv)
{
	const struct store_config_key *k;
	struct osk_error err;
	char *v = NULL;

	if (argc > 2)
		usage_error(config_usage, "'config get' takes at most one key");
	osk_error_clear(&err);
	if (argc == 2) {
		known_key(argv[1]);
		if (store_config_get(app_store(), argv[1], &v, &err))
			die_err(&err);
		if (!v)
			return OSK_EX_FALSE;
		printf("%s\n", v);
		free(v);
		return 0;
	}
	for (k = store_config_keys; k->key; k++) {
		if (store_config_get(app_store(), k->key, &v, &err))
			die_err(&err);
		printf("%s=%s\n", k->key, v ? v : "");
		free(v);
	}
	return 0;
}

static int
config_set(int argc, char **argv)
{
	struct osk_error err;
	const char *value;
	char *end;

	if (argc < 2 || argc > 3)
		usage_error(config_usage, "'config %s' needs a key%s", argv[0],
			    !strcmp(argv[0], "set") ? " and a value" : "");
	known_key(argv[1]);
	value = !strcmp(argv[0], "unset") ? NULL : argc == 3 ? argv[2] : "";
	if (value && !strcmp(argv[1], "peers.min") &&
	    (strtol(value, &end, 10) < 1 || *end || !*value))
		usage_error(config_usage, "peers.min must be a whole number of "
			    "1 or more");
	osk_error_clear(&err);
	if (store_begin(app_store(), &err) ||
	    store_config_set(app_store(), argv[1], value, &err) ||
	    store_commit(app_store(), &err))
		die_err(&err);
	return 0;
}

int
cmd_config(int argc, char **argv)
{
	static const struct subcmd sub[] = {
		{ "get", config_get },
		{ "set", config_set },
		{ "unset", config_set },
		{ NULL, NULL },
	};

	return run_subcmd(sub, config_usage, argc, argv);
}
