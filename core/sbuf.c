/* SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "sbuf.h"

char sbuf_empty[1];

int
sbuf_grow(struct sbuf *sb, size_t extra)
{
	size_t want, na;
	char *p;

	if (extra > SIZE_MAX - sb->len - 1)
		return -OSK_ENOMEM;
	want = sb->len + extra + 1;
	if (want <= sb->alloc)
		return 0;
	na = sb->alloc ? sb->alloc : 64;
	while (na < want)
		na = na > SIZE_MAX / 2 ? want : na * 2;
	p = realloc(sb->alloc ? sb->buf : NULL, na);
	if (!p)
		return -OSK_ENOMEM;
	if (!sb->alloc)
		p[0] = '\0';
	sb->buf = p;
	sb->alloc = na;
	return 0;
}

int
sbuf_add(struct sbuf *sb, const void *data, size_t len)
{
	if (sbuf_grow(sb, len))
		return -OSK_ENOMEM;
	memcpy(sb->buf + sb->len, data, len);
	sb->len += len;
	sb->buf[sb->len] = '\0';
	return 0;
}

int
sbuf_adds(struct sbuf *sb, const char *s)
{
	return sbuf_add(sb, s, strlen(s));
}

int
sbuf_addch(struct sbuf *sb, int c)
{
	char ch = (char)c;

	return sbuf_add(sb, &ch, 1);
}

int
sbuf_vaddf(struct sbuf *sb, const char *fmt, va_list ap)
{
	va_list cp;
	int n;

	va_copy(cp, ap);
	n = vsnprintf(sb->buf + sb->len, sb->alloc ? sb->alloc - sb->len : 0,
		      fmt, cp);
	va_end(cp);
	if (n < 0)
		return -OSK_EINTERNAL;
	if (sb->alloc && (size_t)n < sb->alloc - sb->len) {
		sb->len += (size_t)n;
		return 0;
	}
	if (sbuf_grow(sb, (size_t)n))
		return -OSK_ENOMEM;
	vsnprintf(sb->buf + sb->len, sb->alloc - sb->len, fmt, ap);
	sb->len += (size_t)n;
	return 0;
}

int
sbuf_addf(struct sbuf *sb, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = sbuf_vaddf(sb, fmt, ap);
	va_end(ap);
	return r;
}

void
sbuf_reset(struct sbuf *sb)
{
	sb->len = 0;
	if (sb->alloc)
		sb->buf[0] = '\0';
}

void
sbuf_release(struct sbuf *sb)
{
	if (sb->alloc)
		free(sb->buf);
	sb->buf = sbuf_empty;
	sb->len = sb->alloc = 0;
}

char *
sbuf_detach(struct sbuf *sb, size_t *len)
{
	char *r;

	if (!sb->alloc && sbuf_grow(sb, 0))
		return NULL;
	r = sb->buf;
	if (len)
		*len = sb->len;
	sb->buf = sbuf_empty;
	sb->len = sb->alloc = 0;
	return r;
}
