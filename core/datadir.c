/* SPDX-License-Identifier: MIT */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/qset.h"

#ifndef OSK_DATADIR
#define OSK_DATADIR "/usr/local/share/otasuke"
#endif

static bool
is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

const char *
osk_datadir(void)
{
	static char buf[PATH_MAX + 32];
	static const char *found;
	const char *env = getenv("OTASUKE_DATADIR");
	ssize_t n;
	char *slash;

	if (env && *env)
		return env;
	if (found)
		return found;
	found = OSK_DATADIR "/questions";
	n = readlink("/proc/self/exe", buf, PATH_MAX);
	if (n <= 0 || n >= PATH_MAX)
		return found;
	buf[n] = '\0';
	slash = strrchr(buf, '/');
	if (!slash)
		return found;
	/* Running from the source tree: questions/ beside the program. */
	strcpy(slash + 1, "questions");
	if (is_dir(buf)) {
		found = buf;
		return found;
	}
	/* Installed under any PREFIX: PREFIX/bin/../share/otasuke. */
	strcpy(slash + 1, "../share/otasuke/questions");
	if (is_dir(buf))
		found = buf;
	return found;
}
