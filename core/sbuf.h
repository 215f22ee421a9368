/* SPDX-License-Identifier: MIT */
#ifndef CORE_SBUF_H
#define CORE_SBUF_H

#include <stdarg.h>
#include <stddef.h>

/*
 * A growable, always NUL-terminated byte buffer (after git's strbuf).
 * struct sbuf sb = SBUF_INIT; ... sbuf_release(&sb);
 * Functions that grow the buffer return 0 or -OSK_ENOMEM; after a failed
 * growth the buffer keeps its old contents.
 */
struct sbuf {
	char *buf;
	size_t len, alloc;
};

extern char sbuf_empty[];
#define SBUF_INIT { sbuf_empty, 0, 0 }

int sbuf_grow(struct sbuf *sb, size_t extra);
int sbuf_add(struct sbuf *sb, const void *data, size_t len);
int sbuf_adds(struct sbuf *sb, const char *s);
int sbuf_addch(struct sbuf *sb, int c);
int sbuf_addf(struct sbuf *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int sbuf_vaddf(struct sbuf *sb, const char *fmt, va_list ap);
void sbuf_reset(struct sbuf *sb);		/* len = 0, keeps memory */
void sbuf_release(struct sbuf *sb);		/* frees, back to SBUF_INIT */
char *sbuf_detach(struct sbuf *sb, size_t *len); /* caller frees; never NULL */

#endif
