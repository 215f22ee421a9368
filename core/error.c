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

/*
 * Keep a message one line of valid UTF-8: control characters become
 * spaces, and a cut at the end of the buffer never leaves half a
 * character behind.
 */
static void
tidy(char *s, size_t size, int written)
{
	size_t n = strlen(s), i;

	if (written >= 0 && (size_t)written >= size) {
		/* Truncated: step back over a partial sequence. */
		i = n;
		while (i && ((unsigned char)s[i - 1] & 0xc0) == 0x80)
			i--;
		if (i && (unsigned char)s[i - 1] >= 0xc0) {
			unsigned char lead = (unsigned char)s[i - 1];
			size_t need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2;

			if (n - (i - 1) < need)
				s[i - 1] = '\0';
		}
	}
	for (i = 0; s[i]; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			s[i] = ' ';
}

int
osk_error_set(struct osk_error *err, int code, const char *path,
	      int line, int col, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (!err)
		return -code;
	err->code = code;
	tidy(err->path, sizeof(err->path), snprintf(err->path,
		sizeof(err->path), "%s", path ? path : ""));
	err->line = line;
	err->col = col;
	va_start(ap, fmt);
	n = vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	tidy(err->msg, sizeof(err->msg), n);
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

static int
position_cmp(const void *pa, const void *pb)
{
	const struct osk_error *a = pa, *b = pb;

	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	return a->col < b->col ? -1 : a->col > b->col;
}

void
osk_errlist_move_sorted(struct osk_errlist *from, struct osk_errlist *to)
{
	size_t i;

	if (to) {
		if (from->n)
			qsort(from->items, from->n, sizeof(*from->items),
			      position_cmp);
		for (i = 0; i < from->n; i++)
			osk_errlist_add(to, &from->items[i]);
		to->total += from->total - from->n;
	}
	osk_errlist_release(from);
}
