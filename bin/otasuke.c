/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bin/bin.h"
#include "bin/commands.h"

static const char *const otasuke_usage[] = {
	"usage: otasuke [--db FILE] [--lang ja|en] [-q] [-v] COMMAND [ARGS]",
	"",
	"Security health checks for small companies: hearings, surveys,",
	"sensor alerts and one-page reports.",
	"",
	"Options:",
	"  --db FILE        database file (default: $OTASUKE_DB, else ./otasuke.db)",
	"  --lang ja|en     language of texts (default: from LANG)",
	"  -q, --quiet      no progress or warnings on stderr",
	"  -v, --verbose    more detail in error messages",
	"  -h, --help       this help",
	"  --version        print the version",
	"",
	"Run 'otasuke COMMAND --help' for a command's options, or",
	"'otasuke help COMMAND' for its manual page.",
	NULL,
};

struct cmd {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *summary;
};

/* In the order 'otasuke' lists them. */
static const struct cmd commands[] = {
	{ "init", cmd_init, "create the database, load the question sets" },
	{ "demo", cmd_demo, "make a sample database and every report" },
	{ "config", cmd_config, "service desk details and settings" },
	{ "company", cmd_company, "register and list companies" },
	{ "questions", cmd_questions, "list, show, check and load question sets" },
	{ "diag", cmd_diag, "hearing interview, scores, SECURITY ACTION" },
	{ "survey", cmd_survey, "seminar survey answers and tallies" },
	{ "alerts", cmd_alerts, "sensor alert import and statistics" },
	{ "incident", cmd_incident, "incidents reported by analysts" },
	{ "report", cmd_report, "health-check sheets and programme reports" },
	{ "db", cmd_db, "check, back up and export the database" },
};

static const struct cmd *
find_cmd(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(commands) / sizeof(*commands); i++)
		if (!strcmp(commands[i].name, name))
			return &commands[i];
	return NULL;
}

static void
list_commands(FILE *f)
{
	size_t i;

	fprintf(f, "\nCommands:\n");
	for (i = 0; i < sizeof(commands) / sizeof(*commands); i++)
		fprintf(f, "  %-10s  %s\n", commands[i].name,
			commands[i].summary);
}

/* Open the manual page, from the source tree first, else the system. */
static int
cmd_help(int argc, char **argv)
{
	char page[64], exe[PATH_MAX], path[PATH_MAX + 128];
	ssize_t n;
	char *slash;

	if (argc < 2) {
		usage_help(otasuke_usage);
	}
	if (!strcmp(argv[1], "questions-format") ||
	    !strcmp(argv[1], "otasuke-questions.5"))
		snprintf(page, sizeof(page), "otasuke-questions.5");
	else if (!find_cmd(argv[1]))
		die(OSK_EX_USAGE, "no command '%s'; run 'otasuke' for the "
		    "list", argv[1]);
	else
		snprintf(page, sizeof(page), "otasuke-%s.1", argv[1]);
	fflush(stdout);
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		exe[n] = '\0';
		if ((slash = strrchr(exe, '/')))
			*slash = '\0';
		snprintf(path, sizeof(path), "%s/man/%s", exe, page);
		if (access(path, R_OK) == 0)
			execlp("man", "man", "-l", path, (char *)NULL);
	}
	*strrchr(page, '.') = '\0';
	execlp("man", "man", page, (char *)NULL);
	die(OSK_EX_SOFTWARE, "cannot run 'man %s'; is man installed?", page);
}

int
run_subcmd(const struct subcmd *table, const char *const *usage, int argc,
	   char **argv)
{
	if (argc < 2)
		usage_error(usage, "'%s' needs a subcommand", argv[0]);
	if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help") ||
	    !strcmp(argv[1], "help"))
		usage_help(usage);
	for (; table->name; table++) {
		int i;

		if (strcmp(table->name, argv[1]))
			continue;
		/* "--help" anywhere before "--" shows the group's help. */
		for (i = 2; i < argc && strcmp(argv[i], "--"); i++)
			if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
				usage_help(usage);
		return table->fn(argc - 1, argv + 1);
	}
	usage_error(usage, "'%s %s' is not a command", argv[0], argv[1]);
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "lang", required_argument, NULL, 'l' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	const struct cmd *cmd;
	int c, r;

	app.dbpath = getenv("OTASUKE_DB");
	if (!app.dbpath || !*app.dbpath)
		app.dbpath = "otasuke.db";
	app.lang = osk_lang_from_env();
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+qvh", longopts, NULL)) != -1) {
		switch (c) {
		case 'd':
			app.dbpath = optarg;
			break;
		case 'l':
			if (osk_lang_parse(optarg, &app.lang))
				usage_error(otasuke_usage, "unknown language "
					    "'%s' (use ja or en)", optarg);
			break;
		case 'q':
			app.quiet = true;
			break;
		case 'v':
			app.verbose = true;
			break;
		case 'h':
			for (c = 0; otasuke_usage[c]; c++)
				printf("%s\n", otasuke_usage[c]);
			list_commands(stdout);
			return 0;
		case 'V':
			printf("otasuke %s\n", OSK_VERSION);
			return 0;
		default:
			usage_error(otasuke_usage, "unknown option '%s'",
				    argv[optind - 1]);
		}
	}
	if (optind >= argc) {
		fprintf(stderr, "%s\n", otasuke_usage[0]);
		list_commands(stderr);
		return OSK_EX_USAGE;
	}
	if (!strcmp(argv[optind], "help"))
		return cmd_help(argc - optind, argv + optind);
	if (!(cmd = find_cmd(argv[optind])))
		usage_error(otasuke_usage, "'%s' is not an otasuke command; "
			    "run 'otasuke' for the list", argv[optind]);
	argc -= optind;
	argv += optind;
	optind = 0;	/* GNU: reset for the subcommand's own parsing */
	opterr = 0;
	r = cmd->fn(argc, argv);
	if (app.store) {
		store_close(app.store);
		app.store = NULL;
	}
	if (fflush(stdout) || ferror(stdout))
		die(OSK_EX_IOERR, "cannot write the output: %s",
		    strerror(errno));
	return r;
}
