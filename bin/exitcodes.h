/* SPDX-License-Identifier: MIT */
#ifndef BIN_EXITCODES_H
#define BIN_EXITCODES_H

#include <sysexits.h>

/* Every exit status otasuke uses (sysexits.h values plus "no"). */
enum osk_exit {
	OSK_EX_OK = EX_OK,		/* 0: success */
	OSK_EX_FALSE = 1,		/* ran fine, the answer is "no" */
	OSK_EX_SOME_FAILED = 2,		/* a batch finished, some items failed */
	OSK_EX_USAGE = EX_USAGE,	/* 64: bad flags or arguments */
	OSK_EX_DATAERR = EX_DATAERR,	/* 65: bad input data */
	OSK_EX_NOINPUT = EX_NOINPUT,	/* 66: input missing or unreadable */
	OSK_EX_UNAVAILABLE = EX_UNAVAILABLE, /* 69: a part of otasuke is missing */
	OSK_EX_SOFTWARE = EX_SOFTWARE,	/* 70: internal error */
	OSK_EX_OSERR = EX_OSERR,	/* 71: out of memory, fork failed */
	OSK_EX_CANTCREAT = EX_CANTCREAT, /* 73: cannot create output */
	OSK_EX_IOERR = EX_IOERR,	/* 74: read/write or database I/O error */
	OSK_EX_TEMPFAIL = EX_TEMPFAIL,	/* 75: database busy; try again */
};

/* Map a library error code (enum osk_err) to an exit status. */
int osk_exit_code(int err);

#endif
