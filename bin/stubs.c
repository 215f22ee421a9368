/* SPDX-License-Identifier: MIT */
/*
 * NEEDSWORK: command groups whose issues are still open. Each says so and
 * exits 70 until its cmd_<group>.c lands and replaces the line here.
 */
#include "bin/bin.h"
#include "bin/commands.h"

#define NOT_YET(name) \
	int cmd_##name(int argc, char **argv) \
	{ \
		(void)argc, (void)argv; \
		die(OSK_EX_SOFTWARE, "'%s' is not built yet", #name); \
	}

