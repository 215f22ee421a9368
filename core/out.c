/* SPDX-License-Identifier: MIT */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/csv.h"
#include "core/error.h"
#include "core/out.h"
#include "core/text.h"

int
out_format_parse(const char *s, enum out_format *out)
{
	static const struct {
		const char *name;
		enum out_format fmt;
	} names[] = {
		{ "text", OUT_TEXT }, { "table", OUT_TEXT }, { "csv", OUT_CSV },
		{ "json", OUT_JSON }, { "xlsx", OUT_XLSX },
	};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(*names); i++)
		if (!strcmp(s, names[i].name)) {
			*out = names[i].fmt;
			return 0;
		}
	return -1;
}

/* ---- JSON ---- */

static void
jw_note(struct jw *w, int r)
{
	if (r && !w->err)
		w->err = r;
}

void
jw_init(struct jw *w, struct sbuf *sb)
{
	memset(w, 0, sizeof(*w));
	w->sb = sb;
}

/* Emit the comma a new value needs, unless it follows its key. */
static void
jw_sep(struct jw *w)
{
	if (w->after_key) {
		w->after_key = false;
		return;
	}
	if (w->depth > 0 && w->need_comma[w->depth - 1])
		jw_note(w, sbuf_addch(w->sb, ','));
	if (w->depth > 0)
		w->need_comma[w->depth - 1] = true;
}

static void
jw_open(struct jw *w, int ch)
{
	jw_sep(w);
	jw_note(w, sbuf_addch(w->sb, ch));
	if (w->depth < JW_MAX_DEPTH)
		w->need_comma[w->depth++] = false;
}

static void
jw_close(struct jw *w, int ch)
{
	if (w->depth > 0)
		w->depth--;
	jw_note(w, sbuf_addch(w->sb, ch));
}

void jw_obj_begin(struct jw *w) { jw_open(w, '{'); }
void jw_obj_end(struct jw *w) { jw_close(w, '}'); }
void jw_arr_begin(struct jw *w) { jw_open(w, '['); }
void jw_arr_end(struct jw *w) { jw_close(w, ']'); }

void
jw_key(struct jw *w, const char *key)
{
	jw_sep(w);
	jw_note(w, json_quote(w->sb, key));
	jw_note(w, sbuf_addch(w->sb, ':'));
	w->after_key = true;
}

void
jw_str(struct jw *w, const char *s)
{
	jw_sep(w);
	jw_note(w, s ? json_quote(w->sb, s) : sbuf_adds(w->sb, "null"));
}

void
jw_int(struct jw *w, int64_t v)
{
	jw_sep(w);
	jw_note(w, sbuf_addf(w->sb, "%lld", (long long)v));
}

void
jw_num1(struct jw *w, double v)
{
	jw_sep(w);
	if (!isfinite(v))
		jw_note(w, sbuf_adds(w->sb, "null"));
	else
		jw_note(w, sbuf_addf(w->sb, "%.1f", osk_round1(v) + 0.0));
}

void
jw_num(struct jw *w, double v)
{
	char buf[32];
	int prec;

	jw_sep(w);
	if (!isfinite(v)) {
		jw_note(w, sbuf_adds(w->sb, "null"));
		return;
	}
	/* Whole numbers as such: %g would write 10 as 1e+01. */
	if (v == floor(v) && fabs(v) < 1e15) {
		jw_note(w, sbuf_addf(w->sb, "%.0f", v + 0.0));
		return;
	}
	for (prec = 1; prec <= 17; prec++) {
		snprintf(buf, sizeof(buf), "%.*g", prec, v);
		if (strtod(buf, NULL) == v)
			break;
	}
	jw_note(w, sbuf_adds(w->sb, buf));
}

void
jw_bool(struct jw *w, bool v)
{
	jw_sep(w);
	jw_note(w, sbuf_adds(w->sb, v ? "true" : "false"));
}

void
jw_null(struct jw *w)
{
	jw_sep(w);
	jw_note(w, sbuf_adds(w->sb, "null"));
}

void
jw_raw(struct jw *w, const char *json)
{
	jw_sep(w);
	jw_note(w, sbuf_adds(w->sb, json));
}

int
json_quote(struct sbuf *sb, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s), k;
	uint32_t cp;
	int r = sbuf_addch(sb, '"');

	while (!r && n) {
		if (*p >= 0x80) {
			k = utf8_decode(p, n, &cp);
			if (k)
				r = sbuf_add(sb, p, k);
			else
				r = sbuf_adds(sb, "\xef\xbf\xbd"), k = 1;
			p += k, n -= k;
			continue;
		}
		switch (*p) {
		case '"': r = sbuf_adds(sb, "\\\""); break;
		case '\\': r = sbuf_adds(sb, "\\\\"); break;
		case '\n': r = sbuf_adds(sb, "\\n"); break;
		case '\r': r = sbuf_adds(sb, "\\r"); break;
		case '\t': r = sbuf_adds(sb, "\\t"); break;
		default:
			if (*p < 0x20 || *p == 0x7f)
				r = sbuf_addf(sb, "\\u%04x", *p);
			else
				r = sbuf_addch(sb, *p);
		}
		p++, n--;
	}
	return r ? r : sbuf_addch(sb, '"');
}

/* ---- tables ---- */

struct out_table {
	const struct out_column *cols;
	size_t ncols, nrows, alloc;
	char **cells;		/* nrows * ncols, NULL allowed */
};

struct out_table *
out_table_new(const struct out_column *cols, size_t ncols)
{
	struct out_table *t = calloc(1, sizeof(*t));

	if (!t)
		return NULL;
	t->cols = cols;
	t->ncols = ncols;
	return t;
}

void
out_table_free(struct out_table *t)
{
	size_t i;

	if (!t)
		return;
	for (i = 0; i < t->nrows * t->ncols; i++)
		free(t->cells[i]);
	free(t->cells);
	free(t);
}

int
out_table_add(struct out_table *t, const char *const *cells)
{
	size_t i, base;

	if (t->nrows == t->alloc) {
		size_t na = t->alloc ? t->alloc * 2 : 16;
		char **p = realloc(t->cells, na * t->ncols * sizeof(*p));

		if (!p)
			return -OSK_ENOMEM;
		t->cells = p;
		t->alloc = na;
	}
	base = t->nrows * t->ncols;
	for (i = 0; i < t->ncols; i++) {
		t->cells[base + i] = NULL;
		if (cells[i] && !(t->cells[base + i] = strdup(cells[i]))) {
			while (i--)
				free(t->cells[base + i]);
			return -OSK_ENOMEM;
		}
	}
	t->nrows++;
	return 0;
}

size_t
out_table_rows(const struct out_table *t)
{
	return t->nrows;
}

static const char *
cell(const struct out_table *t, size_t row, size_t col)
{
	const char *s = t->cells[row * t->ncols + col];

	return s ? s : "";
}

static const char *
title(const struct out_column *c)
{
	return c->title ? c->title : c->name;
}

static int
pad(struct sbuf *sb, size_t n)
{
	int r = 0;

	while (!r && n--)
		r = sbuf_addch(sb, ' ');
	return r;
}

static int
render_text(const struct out_table *t, struct sbuf *sb)
{
	size_t *w = calloc(t->ncols ? t->ncols : 1, sizeof(*w));
	size_t r, c;
	int err = 0;

	if (!w)
		return -OSK_ENOMEM;
	for (c = 0; c < t->ncols; c++) {
		w[c] = utf8_width(title(&t->cols[c]));
		for (r = 0; r < t->nrows; r++) {
			size_t cw = utf8_width(cell(t, r, c));

			if (cw > w[c])
				w[c] = cw;
		}
	}
	for (r = 0; !err && r <= t->nrows; r++) {
		size_t start = sb->len;

		for (c = 0; !err && c < t->ncols; c++) {
			const char *s = r ? cell(t, r - 1, c) : title(&t->cols[c]);
			size_t sw = utf8_width(s);
			bool last = c + 1 == t->ncols;

			if (c)
				err = sbuf_adds(sb, "  ");
			if (!err && t->cols[c].align == OUT_RIGHT)
				err = pad(sb, w[c] - sw);
			if (!err)
				err = sbuf_adds(sb, s);
			if (!err && t->cols[c].align == OUT_LEFT && !last)
				err = pad(sb, w[c] - sw);
		}
		while (sb->len > start && sb->buf[sb->len - 1] == ' ')
			sb->buf[--sb->len] = '\0';
		if (!err)
			err = sbuf_addch(sb, '\n');
	}
	free(w);
	return err;
}

static int
render_csv(const struct out_table *t, struct sbuf *sb)
{
	size_t r, c;
	int err = 0;

	for (r = 0; !err && r <= t->nrows; r++) {
		for (c = 0; !err && c < t->ncols; c++) {
			const char *v = r ? cell(t, r - 1, c) : t->cols[c].name;

			if (c)
				err = sbuf_addch(sb, ',');
			if (!err)
				err = csv_write_field(sb, v, strlen(v));
		}
		if (!err)
			err = sbuf_addch(sb, '\n');
	}
	return err;
}

static int
render_json(const struct out_table *t, struct sbuf *sb)
{
	struct jw w;
	size_t r, c;

	jw_init(&w, sb);
	jw_arr_begin(&w);
	for (r = 0; r < t->nrows; r++) {
		jw_obj_begin(&w);
		for (c = 0; c < t->ncols; c++) {
			const char *s = t->cells[r * t->ncols + c];

			jw_key(&w, t->cols[c].name);
			if (s && t->cols[c].kind == OUT_NUM && *s)
				jw_raw(&w, s);
			else if (t->cols[c].kind == OUT_NUM && s && !*s)
				jw_null(&w);
			else
				jw_str(&w, s);
		}
		jw_obj_end(&w);
	}
	jw_arr_end(&w);
	if (!w.err)
		w.err = sbuf_addch(sb, '\n');
	return w.err;
}

int
out_table_render(const struct out_table *t, enum out_format fmt,
		 struct sbuf *sb)
{
	switch (fmt) {
	case OUT_CSV:
		return render_csv(t, sb);
	case OUT_JSON:
		return render_json(t, sb);
	default:
		return render_text(t, sb);
	}
}
