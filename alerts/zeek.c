/* SPDX-License-Identifier: MIT */
/*
 * Zeek notice.log lines (the default TSV form): the "#fields" header
 * names the columns; each data line is one notice. Only ts, note, msg,
 * src and id.orig_h are read. The reader of alerts/eve.c counts the
 * notices like EVE alerts.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "alerts/internal.h"

/* The field f (0-based) of a tab-separated line, or NULL. */
static const char *
field(const char *s, const char *end, int f, size_t *len)
{
	const char *tab;

	for (; f > 0; f--) {
		if (!(tab = memchr(s, '\t', (size_t)(end - s))))
			return NULL;
		s = tab + 1;
	}
	tab = memchr(s, '\t', (size_t)(end - s));
	*len = (size_t)((tab ? tab : end) - s);
	return s;
}

static bool
unset(const char *s, size_t len)
{
	return !s || !len || (len == 1 && *s == '-') ||
	       (len == 7 && !memcmp(s, "(empty)", 7));
}

/* Learn the columns from "#fields\t...". */
static int
read_fields(struct zeek_state *z, const char *s, const char *end,
	    struct zeek_notice *out)
{
	static const char *const names[] = {
		"ts", "note", "msg", "src", "id.orig_h"
	};
	int *col[] = { &z->ts, &z->note, &z->msg, &z->src, &z->orig };
	const char *p;
	size_t len, i;
	int f;

	for (i = 0; i < 5; i++)
		*col[i] = -1;
	for (f = 0; (p = field(s, end, f, &len)); f++)
		for (i = 0; i < 5; i++)
			if (len == strlen(names[i]) && !memcmp(p, names[i], len))
				*col[i] = f;
	if (z->ts < 0 || z->note < 0) {
		out->error = "the #fields line has no 'ts' or no 'note' "
			     "(is this a Zeek notice.log?)";
		return -1;
	}
	z->have_fields = true;
	return 0;
}

int
zeek_line(struct zeek_state *z, const char *s, size_t len,
	  struct zeek_notice *out)
{
	const char *end = s + len, *p;
	char num[32];
	struct tm tm;
	size_t n;
	double ts;
	time_t t;
	char *stop;

	memset(out, 0, sizeof(*out));
	if (len && end[-1] == '\r')
		end--;
	if (s == end)
		return 0;
	if (*s == '#') {
		if (end - s > 8 && !memcmp(s, "#fields\t", 8))
			return read_fields(z, s + 8, end, out) ? -1 : 0;
		if (end - s >= 11 && !memcmp(s, "#separator ", 11) &&
		    (end - s != 15 || memcmp(s + 11, "\\x09", 4))) {
			out->error = "only tab-separated notice logs are read";
			return -1;
		}
		return 0;	/* #path, #types, #open, #close ... */
	}
	if (!z->have_fields) {
		out->error = "a line before the #fields line (is this a "
			     "Zeek notice.log?)";
		return -1;
	}
	p = field(s, end, z->ts, &n);
	if (p && n < sizeof(num)) {
		memcpy(num, p, n);
		num[n] = '\0';
		ts = strtod(num, &stop);
		if (stop != num && !*stop && ts >= 0 && ts < 253402300800.0) {
			t = (time_t)ts;
			if (gmtime_r(&t, &tm))
				out->day = (uint32_t)((tm.tm_year + 1900) *
						      10000 +
						      (tm.tm_mon + 1) * 100 +
						      tm.tm_mday);
		}
	}
	out->note = field(s, end, z->note, &out->note_len);
	if (unset(out->note, out->note_len)) {
		out->error = "a line without a 'note'";
		return -1;
	}
	if (z->msg >= 0) {
		out->msg = field(s, end, z->msg, &out->msg_len);
		if (unset(out->msg, out->msg_len))
			out->msg = NULL, out->msg_len = 0;
	}
	if (z->src >= 0)
		out->src = field(s, end, z->src, &out->src_len);
	if (unset(out->src, out->src_len) && z->orig >= 0)
		out->src = field(s, end, z->orig, &out->src_len);
	if (unset(out->src, out->src_len))
		out->src = NULL, out->src_len = 0;
	return 1;
}
