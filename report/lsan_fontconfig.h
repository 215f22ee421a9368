/* SPDX-License-Identifier: MIT */
#ifndef TESTS_LSAN_FONTCONFIG_H
#define TESTS_LSAN_FONTCONFIG_H

/*
 * fontconfig leaks a little while it parses its XML configuration (once a
 * process, not per sheet); LeakSanitizer reads these when built with ASan.
 * Include once in each program that loads fonts: bin/render.c for
 * otasuke (LeakSanitizer looks in the program, not in a module it loads),
 * and the unit tests that draw.
 */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_options(void);

const char *
__lsan_default_options(void)
{
	return "print_suppressions=0";
}

const char *
__lsan_default_suppressions(void)
{
	return "leak:libfontconfig.so\n";
}

#endif
