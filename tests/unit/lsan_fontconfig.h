/* SPDX-License-Identifier: MIT */
#ifndef TESTS_LSAN_FONTCONFIG_H
#define TESTS_LSAN_FONTCONFIG_H

/*
 * fontconfig leaks a little while it parses its XML configuration (once a
 * process, not per sheet); LeakSanitizer reads these when built with ASan.
 * Include once, in the test program of anything that loads fonts.
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
