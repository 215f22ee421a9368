/* SPDX-License-Identifier: MIT */
#ifndef CORE_CSV_H
#define CORE_CSV_H

#include <stddef.h>

#include "core/error.h"
#include "core/sbuf.h"

/*
 * Streaming CSV (RFC 4180) reader and writer.
 *
 * Reading: records are read one at a time from a file, stdin ("-") or a
 * memory buffer, in fixed 256 KiB blocks, so memory stays flat whatever
 * the file size: it grows only with the longest record.
 *
 * - Fields may be quoted; a quote inside a quoted field is doubled ("").
 *   Quoted fields may hold commas, CR and LF (kept as they are).
 * - Lines end in CRLF, LF or a lone CR; the last line may lack one.
 * - Empty lines are skipped (they still count for line numbers). A line
 *   holding only "" is a record of one empty field.
 * - Spaces are data: nothing is trimmed.
 * - Records may have different numbers of fields; callers decide.
 * - A '"' inside an unquoted field, or text after a closing quote, is an
 *   error (RFC 4180 is strict here and guessing corrupts data).
 * - Every field handed out is valid UTF-8 without NUL bytes. A UTF-8 byte
 *   order mark at the start is dropped.
 *
 * Positions in errors: err->line is the physical line (1-based) of the
 * offending byte (for an unterminated quote: the line where the quoted
 * field starts); err->col is always 0 and the message starts with the
 * 1-based field number and its spreadsheet column letter instead, so
 * bin/ prints "companies.csv:12: field 3 (column C): invalid UTF-8 byte
 * 0xff; ...". csv_error_set() gives callers the same format.
 */

enum csv_encoding {
	CSV_ENC_AUTO,	/* UTF-8 if valid, else CP932 (see below) */
	CSV_ENC_UTF8,	/* UTF-8, with or without byte order mark */
	CSV_ENC_CP932,	/* Windows Japanese (Excel "CSV"), via iconv */
};

/*
 * CSV_ENC_AUTO reads as UTF-8 up to the first non-ASCII byte, then looks
 * at up to 64 KiB from there: valid UTF-8 means UTF-8, anything else
 * CP932. A file with a UTF-8 byte order mark is UTF-8. A later byte that
 * is invalid in the chosen encoding is still an error (with position).
 */

/* Default for the longest field, in bytes of UTF-8 (csv_set_field_max). */
#define CSV_FIELD_MAX (32u * 1024 * 1024)
/* Longest record (all fields together) and most fields per record. */
#define CSV_RECORD_MAX (64u * 1024 * 1024)
#define CSV_FIELDS_MAX 65536u

/* The UTF-8 byte order mark; write it first for Excel (csv_write_row). */
#define CSV_UTF8_BOM "\xEF\xBB\xBF"

/* "No field" for csv_error_set(). */
#define CSV_NO_FIELD ((size_t)-1)

struct csv_reader;

/*
 * Open path for reading ("-" is stdin, named "<stdin>" in messages).
 * Nothing is read yet: encoding and format errors come from csv_read().
 * Returns a reader to free with csv_close(), or NULL with err filled:
 * OSK_ENOINPUT ("cannot open 'F': No such file or directory", "'F' is a
 * directory, not a file"), OSK_ENOMEM, OSK_EINTERNAL (iconv lacks CP932).
 */
struct csv_reader *csv_open(const char *path, enum csv_encoding enc,
			    struct osk_error *err);

/*
 * Like csv_open() on len bytes at buf, which stay borrowed until
 * csv_close(). name is used in messages (NULL: "<memory>").
 */
struct csv_reader *csv_open_mem(const char *name, const char *buf,
				size_t len, enum csv_encoding enc,
				struct osk_error *err);

/*
 * Read the next record. On 1, *fields[i] is field i (NUL-terminated
 * UTF-8), *lens[i] its length in bytes, *nfields (>= 1) how many there
 * are. All are borrowed from the reader and valid until the next
 * csv_read() or csv_close(). Any of fields, lens, nfields may be NULL.
 * Returns 1 for a record, 0 at end of input (an empty file gives 0 at
 * once), or a negative -OSK_E* with err filled: OSK_EDATA (bad CSV or
 * encoding, with position), OSK_EIO (read error), OSK_ENOMEM. Errors are
 * final: later calls return the same error again.
 */
int csv_read(struct csv_reader *r, const char ***fields, size_t **lens,
	     size_t *nfields, struct osk_error *err);

/* Physical line (1-based) where the last record read starts; 0 before. */
int csv_line(const struct csv_reader *r);

/*
 * The encoding in use: CSV_ENC_UTF8 or CSV_ENC_CP932 (never AUTO). With
 * CSV_ENC_AUTO it is CSV_ENC_UTF8 until a non-ASCII byte was read.
 */
enum csv_encoding csv_encoding_used(const struct csv_reader *r);

/* The name used in messages ("<stdin>" for "-"); borrowed from r. */
const char *csv_path(const struct csv_reader *r);

/*
 * Lower the longest field accepted (default CSV_FIELD_MAX; values above
 * it are clamped to it). A longer field is an OSK_EDATA error.
 */
void csv_set_field_max(struct csv_reader *r, size_t max);

/* Close the input (never stdin) and free r. csv_close(NULL) is a no-op. */
void csv_close(struct csv_reader *r);

/*
 * Fill err for a problem in the last record read: path, its start line,
 * and "field N (column X): " before the message when index (0-based) is
 * not CSV_NO_FIELD. Returns -code, like osk_error_set().
 */
int csv_error_set(const struct csv_reader *r, struct osk_error *err,
		  int code, size_t index, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

/* csv_error_set() for a record read earlier, which started on line. */
int csv_error_set_line(const struct csv_reader *r, struct osk_error *err,
		       int code, int line, size_t index, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

/*
 * Treat the last record read as a header row and find the wanted column
 * names in it. Names match ignoring ASCII case and surrounding spaces,
 * tabs and ideographic spaces (U+3000). idx[i] receives the 0-based field
 * index of wanted[i], or -1 if the header lacks it (callers decide which
 * are required). Non-empty header names that are not wanted are unknown:
 * when unknown is not NULL they are appended to it as "'a', 'b'" for a
 * warning. Empty header cells are ignored.
 * Returns the number of unknown columns (>= 0), -OSK_EDATA when a wanted
 * name appears twice (err names both fields), or -OSK_ENOMEM.
 */
int csv_header_map(const struct csv_reader *r, const char *const *wanted,
		   size_t nwanted, int *idx, struct sbuf *unknown,
		   struct osk_error *err);

/* A header name and the column it stands for (several names, one column). */
struct csv_alias {
	int col;
	const char *name;
};

/*
 * csv_header_map() for headers whose columns have several accepted names
 * (say "name" and "会社名"): col[c] (ncols entries) receives the field of
 * column c, or -1. Two names of the same column in one header are an
 * error ("column 'X' repeats another column of the same meaning"); the
 * rest is as csv_header_map(): returns the number of unknown columns,
 * listed in unknown when it is not NULL, or a negative -OSK_E*.
 */
int csv_header_map_alias(const struct csv_reader *r,
			 const struct csv_alias *names, size_t nnames,
			 int *col, size_t ncols, struct sbuf *unknown,
			 struct osk_error *err);

/*
 * Read the header row of a file just opened: 1 with *fields and *nfields
 * set as csv_read() does, or -OSK_EDATA for an empty file ("the file is
 * empty; expected a header row: <expected>"), or another error.
 */
int csv_read_header(struct csv_reader *r, const char *expected,
		    const char ***fields, size_t *nfields,
		    struct osk_error *err);

/*
 * Parse an encoding name: "auto", "utf-8"/"utf8", "cp932" and its aliases
 * "sjis", "shift_jis", "shift-jis", "ms932", "windows-31j" (ASCII case is
 * ignored). Returns 0, or -OSK_EUSAGE with err filled.
 */
int csv_encoding_parse(const char *s, enum csv_encoding *out,
		       struct osk_error *err);

/* "auto", "utf-8" or "cp932"; static storage. */
const char *csv_encoding_name(enum csv_encoding enc);

/*
 * Append len bytes at s to sb as one field, quoted (and its quotes doubled)
 * when it holds a comma, quote, CR, LF or other control character, starts
 * or ends with a space or tab, or starts with U+FEFF. s should be UTF-8.
 * Returns 0 or -OSK_ENOMEM.
 */
int csv_write_field(struct sbuf *sb, const char *s, size_t len);

/*
 * Append n fields and CRLF to sb (RFC 4180). lens may be NULL (fields are
 * then NUL-terminated); a NULL field is empty. A row of one empty field is
 * written as "" so that readers do not skip it as an empty line. For
 * Excel, start the file with CSV_UTF8_BOM. Returns 0 or -OSK_ENOMEM.
 */
int csv_write_row(struct sbuf *sb, const char *const *fields,
		  const size_t *lens, size_t n);

#endif
