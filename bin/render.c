/* SPDX-License-Identifier: MIT */
#include <dlfcn.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bin/bin.h"
#include "bin/commands.h"
#include "bin/render.h"
#include "report/lsan_fontconfig.h"

#ifndef OSK_LIBDIR
#define OSK_LIBDIR "/usr/local/lib/otasuke"
#endif

#define MODULE "otasuke-render.so"

/* The module's path: the first of the places bin/render.h names. */
static const char *
module_path(char *buf, size_t size)
{
	const char *env = getenv("OTASUKE_RENDER");
	char exe[PATH_MAX];
	ssize_t n;
	char *slash;

	if (env && *env)
		return env;
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		exe[n] = '\0';
		if ((slash = strrchr(exe, '/'))) {
			*slash = '\0';
			snprintf(buf, size, "%s/" MODULE, exe);
			if (!access(buf, R_OK))
				return buf;
			snprintf(buf, size, "%s/../lib/otasuke/" MODULE, exe);
			if (!access(buf, R_OK))
				return buf;
		}
	}
	snprintf(buf, size, OSK_LIBDIR "/" MODULE);
	return buf;
}

/* Symbol name of the module, loaded on first use; dies if it cannot be. */
static void *
render_sym(const char *name)
{
	static void *module;
	static char path[PATH_MAX + 64];
	void *sym;

	if (!module) {
		const char *p = module_path(path, sizeof(path));

		if (!(module = dlopen(p, RTLD_NOW | RTLD_LOCAL)))
			die(OSK_EX_UNAVAILABLE, "cannot load the drawing "
			    "module: %s; reinstall otasuke (make install)",
			    dlerror());
	}
	if (!(sym = dlsym(module, name)))
		die(OSK_EX_SOFTWARE, "the drawing module %s lacks %s: "
		    "reinstall otasuke", path, name);
	return sym;
}

int
cmd_report(int argc, char **argv)
{
	int (*fn)(int, char **);

	*(void **)&fn = render_sym("otasuke_render_report");
	return fn(argc, argv);
}

int
render_alerts_xlsx(const struct report_alerts_xlsx *x, const char *path,
		   enum osk_lang lang, struct osk_error *err)
{
	int (*fn)(const struct report_alerts_xlsx *, const char *,
		  enum osk_lang, struct osk_error *);

	*(void **)&fn = render_sym("report_alerts_xlsx_write");
	return fn(x, path, lang, err);
}

int
render_survey_xlsx(const struct survey_tally *t, const char *path,
		   enum osk_lang lang, struct osk_error *err)
{
	int (*fn)(const struct survey_tally *, const char *, enum osk_lang,
		  struct osk_error *);

	*(void **)&fn = render_sym("report_survey_xlsx_write");
	return fn(t, path, lang, err);
}
