/* SPDX-License-Identifier: MIT */
#ifndef BIN_COMMANDS_H
#define BIN_COMMANDS_H

/* One entry point per subcommand group: bin/cmd_<name>.c. */
int cmd_alerts(int argc, char **argv);
int cmd_company(int argc, char **argv);
int cmd_config(int argc, char **argv);
int cmd_db(int argc, char **argv);
int cmd_demo(int argc, char **argv);
int cmd_diag(int argc, char **argv);
int cmd_incident(int argc, char **argv);
int cmd_init(int argc, char **argv);
int cmd_questions(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_survey(int argc, char **argv);

/*
 * Run the subcommand of a group: table of {name, fn}; argv[0] is the
 * group name. Unknown or missing subcommand: usage error.
 */
struct subcmd {
	const char *name;
	int (*fn)(int argc, char **argv);
};
int run_subcmd(const struct subcmd *table, const char *const *usage,
	       int argc, char **argv);

#endif
