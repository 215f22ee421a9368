/* SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"

void
osk_error_clear(struct osk_error *err)
{
	if (err)
		memset(err, 0, sizeof(*err));
}

int
osk_error_set(struct osk_error *err, int code, const char *path,
	      int line, int col, const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return -code;
	err->code = code;
	snprintf(err->path, sizeof(err->path), "%s", path ? path : "");
	err->line = line;
	err->col = col;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	return -code;
}

void
osk_error_format(const struct osk_error *err, char *buf, size_t size)
{
	if (!err->path[0])
		snprintf(buf, size, "%s", err->msg);
	else if (!err->line)
		snprintf(buf, size, "%s: %s", err->path, err->msg);
	else if (!err->col)
		snprintf(buf, size, "%s:%d: %s", err->path, err->line, err->msg);
	else
		snprintf(buf, size, "%s:%d:%d: %s", err->path, err->line,
			 err->col, err->msg);
}

void
osk_errlist_init(struct osk_errlist *l, size_t keep)
{
	memset(l, 0, sizeof(*l));
	l->keep = keep;
}

void
osk_errlist_add(struct osk_errlist *l, const struct osk_error *e)
{
	l->total++;
	if (l->n >= l->keep)
		return;
	if (l->n == l->alloc) {
		size_t na = l->alloc ? 2 * l->alloc : 8;
		struct osk_error *p = realloc(l->items, na * sizeof(*p));

		if (!p)
			return;	/* counted in total, just not kept */
		l->items = p;
		l->alloc = na;
	}
	l->items[l->n++] = *e;
}

void
osk_errlist_release(struct osk_errlist *l)
{
	free(l->items);
	memset(l, 0, sizeof(*l));
}
