/* SPDX-License-Identifier: MIT */
#ifndef CORE_OUT_H
#define CORE_OUT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "core/sbuf.h"

/* How a command presents its results. */
enum out_format { OUT_TEXT, OUT_CSV, OUT_JSON, OUT_XLSX };

/* Parse "text" | "table" | "csv" | "json" | "xlsx"; -1 if unknown. */
int out_format_parse(const char *s, enum out_format *out);

/* ---- JSON writer ---- */

/*
 * A streaming JSON writer into a struct sbuf. Commas and nesting are
 * tracked for the caller: jw_key() before each value in an object.
 * Strings are escaped per RFC 8259; invalid UTF-8 bytes become U+FFFD so
 * the output is always valid UTF-8. Nesting deeper than JW_MAX_DEPTH is
 * a programming error (the writer stops nesting further).
 */
#define JW_MAX_DEPTH 32

struct jw {
	struct sbuf *sb;
	int depth;
	bool need_comma[JW_MAX_DEPTH];
	bool after_key;
	int err;	/* first -OSK_ENOMEM seen, else 0 */
};

void jw_init(struct jw *w, struct sbuf *sb);
void jw_obj_begin(struct jw *w);
void jw_obj_end(struct jw *w);
void jw_arr_begin(struct jw *w);
void jw_arr_end(struct jw *w);
void jw_key(struct jw *w, const char *key);
void jw_str(struct jw *w, const char *s);	/* NULL writes null */
void jw_int(struct jw *w, int64_t v);
void jw_num1(struct jw *w, double v);	/* rounded half-up, one decimal */
void jw_num(struct jw *w, double v);	/* shortest round-trip form */
void jw_bool(struct jw *w, bool v);
void jw_null(struct jw *w);
/* Append raw, already valid JSON as one value. */
void jw_raw(struct jw *w, const char *json);

/* Append s to sb as a JSON string literal (with quotes). */
int json_quote(struct sbuf *sb, const char *s);

/* ---- tables ---- */

enum out_align { OUT_LEFT, OUT_RIGHT };
/* Column kinds: JSON output writes OUT_NUM cells as numbers. */
enum out_kind { OUT_STR, OUT_NUM };

struct out_column {
	const char *name;	/* key in JSON and CSV header */
	const char *title;	/* heading in text output (NULL: name) */
	enum out_align align;
	enum out_kind kind;
};

/*
 * A table of strings, shown as aligned text (by display width: a kanji
 * takes two columns), RFC 4180 CSV, or a JSON array of objects.
 * Create with out_table_new(), free with out_table_free().
 */
struct out_table;

struct out_table *out_table_new(const struct out_column *cols, size_t ncols);
void out_table_free(struct out_table *t);
/*
 * Add a row of ncols cells (copied). NULL cells are empty in text and CSV,
 * null in JSON. Returns 0 or -OSK_ENOMEM.
 */
int out_table_add(struct out_table *t, const char *const *cells);
size_t out_table_rows(const struct out_table *t);
/* Render the table into sb in the given format (OUT_TEXT/CSV/JSON). */
int out_table_render(const struct out_table *t, enum out_format fmt,
		     struct sbuf *sb);

#endif
