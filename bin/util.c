/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "bin/bin.h"
#include "core/qset.h"
#include "survey/survey.h"

struct app app;

int
osk_exit_code(int err)
{
	if (err < 0)
		err = -err;
	switch (err) {
	case OSK_OK: return OSK_EX_OK;
	case OSK_EFALSE: return OSK_EX_FALSE;
	case OSK_EUSAGE: return OSK_EX_USAGE;
	case OSK_EDATA:
	case OSK_ENOTFOUND: return OSK_EX_DATAERR;
	case OSK_ENOINPUT: return OSK_EX_NOINPUT;
	case OSK_ENOMEM: return OSK_EX_OSERR;
	case OSK_ECANTCREAT: return OSK_EX_CANTCREAT;
	case OSK_EIO: return OSK_EX_IOERR;
	case OSK_EBUSY: return OSK_EX_TEMPFAIL;
	default: return OSK_EX_SOFTWARE;
	}
}

static void
vreport(const char *prefix, const char *fmt, va_list ap)
{
	fflush(stdout);
	fputs("otasuke: ", stderr);
	fputs(prefix, stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void
die(int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport("", fmt, ap);
	va_end(ap);
	if (app.store)
		store_close(app.store);
	exit(code);
}

/* With -v: the offending line of the file and a caret under the column. */
static void
show_source_line(const struct osk_error *err)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	FILE *f;
	int n = 0;

	if (!err->path[0] || err->line < 1 || !(f = fopen(err->path, "r")))
		return;
	while ((len = getline(&line, &cap, f)) >= 0 && ++n < err->line)
		;
	if (n == err->line && len >= 0) {
		while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		fprintf(stderr, "  %s\n", line);
		if (err->col > 0) {
			/* Columns count characters: pad by display width. */
			size_t off = 0, cols = 0;
			int c;

			for (c = 1; c < err->col && line[off]; c++) {
				uint32_t cp;
				size_t k = utf8_decode((unsigned char *)line + off,
						       strlen(line + off), &cp);

				if (!k)
					k = 1, cp = '?';
				cols += line[off] == '\t' ? 1 :
					(size_t)utf8_cp_width(cp);
				off += k;
			}
			fprintf(stderr, "  %*s^\n", (int)cols, "");
		}
	}
	free(line);
	fclose(f);
}

void
print_err(const struct osk_error *err)
{
	char buf[1200];

	osk_error_format(err, buf, sizeof(buf));
	fflush(stdout);
	fprintf(stderr, "otasuke: %s\n", buf);
	if (app.verbose)
		show_source_line(err);
}

void
die_err(const struct osk_error *err)
{
	print_err(err);
	if (app.store)
		store_close(app.store);
	exit(osk_exit_code(err->code ? err->code : OSK_EINTERNAL));
}

void
die_errlist(const struct osk_errlist *l, const char *what)
{
	size_t i;
	int code = l->n ? l->items[0].code : OSK_EDATA;

	for (i = 0; i < l->n; i++)
		print_err(&l->items[i]);
	/* One error is its own clear line; a summary only adds to many. */
	if (l->total > 1) {
		if (l->total > l->n)
			fprintf(stderr, "otasuke: ... and %zu more errors\n",
				l->total - l->n);
		fprintf(stderr, "otasuke: %s: %zu errors, nothing was "
			"changed\n", what, l->total);
	}
	if (app.store)
		store_close(app.store);
	exit(osk_exit_code(code));
}

int
error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport("", fmt, ap);
	va_end(ap);
	return -1;
}

void
warning(const char *fmt, ...)
{
	va_list ap;

	if (app.quiet)
		return;
	va_start(ap, fmt);
	vreport("warning: ", fmt, ap);
	va_end(ap);
}

void
info(const char *fmt, ...)
{
	va_list ap;

	if (app.quiet)
		return;
	fflush(stdout);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void
bug_fl(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "otasuke: BUG: %s:%d: ", file, line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(OSK_EX_SOFTWARE);
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p)
		die(OSK_EX_OSERR, "out of memory");
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (!p)
		die(OSK_EX_OSERR, "out of memory");
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		die(OSK_EX_OSERR, "out of memory");
	return p;
}

char *
xstrdup(const char *s)
{
	char *p = strdup(s);

	if (!p)
		die(OSK_EX_OSERR, "out of memory");
	return p;
}

void
xcheck(int r)
{
	if (r == -OSK_ENOMEM)
		die(OSK_EX_OSERR, "out of memory");
}

void
usage_help(const char *const *usage)
{
	for (; *usage; usage++)
		printf("%s\n", *usage);
	exit(0);
}

void
usage_error(const char *const *usage, const char *fmt, ...)
{
	va_list ap;

	fputs("otasuke: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n%s\n", usage[0]);
	fprintf(stderr, "Try '%s --help' for more.\n",
		strncmp(usage[0], "usage: ", 7) ? "otasuke"
						 : "otasuke <command>");
	exit(OSK_EX_USAGE);
}

struct store *
app_store(void)
{
	struct osk_error err;

	if (app.store)
		return app.store;
	osk_error_clear(&err);
	app.store = store_open(app.dbpath, 0, &err);
	if (!app.store)
		die_err(&err);
	return app.store;
}

void
emit(const struct sbuf *sb)
{
	fwrite(sb->buf, 1, sb->len, stdout);
}

enum out_format
parse_format(const char *const *usage, const char *s)
{
	enum out_format f;

	if (out_format_parse(s, &f) || f == OUT_XLSX)
		usage_error(usage, "unknown format '%s' (use text, csv or "
			    "json)", s);
	return f;
}

enum out_format
parse_format_xlsx(const char *const *usage, const char *s)
{
	enum out_format f;

	if (out_format_parse(s, &f))
		usage_error(usage, "unknown format '%s' (use text, csv, json "
			    "or xlsx)", s);
	return f;
}

enum out_format
output_format(const char *const *usage, bool have, enum out_format f,
	      const char *output)
{
	if (!have)
		f = output && ends_with(output, ".xlsx") ? OUT_XLSX : OUT_TEXT;
	if (f == OUT_XLSX && (!output || !strcmp(output, "-")))
		usage_error(usage, "--format xlsx needs -o FILE.xlsx");
	return f;
}

struct survey_tally *
tally_or_die(const char *const *usage, const char *set_id, const char *event,
	     const char *by, struct industries **ind)
{
	struct survey_tally_opts to;
	struct survey_tally *t;
	struct osk_error err;

	memset(&to, 0, sizeof(to));
	to.set_id = set_id;
	to.event = event;
	if (!by)
		to.by = SURVEY_BY_NONE;
	else if (!strcmp(by, "industry"))
		to.by = SURVEY_BY_INDUSTRY;
	else if (!strcmp(by, "size"))
		to.by = SURVEY_BY_SIZE;
	else
		to.by = SURVEY_BY_QUESTION;
	to.by_question = by;
	to.ind = *ind = load_industries();
	to.min_group = store_config_int(app_store(), "peers.min", 5);
	osk_error_clear(&err);
	if (!(t = survey_tally_run(app_store(), &to, &err))) {
		if (err.code == OSK_EUSAGE)
			usage_error(usage, "%s", err.msg);
		die_err(&err);
	}
	return t;
}

void
tally_warn_dropped(const struct survey_tally *t)
{
	if (t->dropped)
		warning(L("回答 %lld 件は新しい版の質問票 '%s' にないため、"
			  "集計から除きました", "%lld stored answers do not "
			  "fit the newest version of '%s' and were left out"),
			(long long)t->dropped, t->set->id);
}

long
parse_count(const char *const *usage, const char *what, const char *s)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (!*s || *end || errno || v < 0)
		usage_error(usage, "%s must be a whole number of 0 or more, "
			    "not '%s'", what, s);
	return v;
}

void
emit_table(struct out_table *t, enum out_format fmt)
{
	struct sbuf sb = SBUF_INIT;

	xcheck(out_table_render(t, fmt, &sb));
	emit(&sb);
	sbuf_release(&sb);
	out_table_free(t);
}

struct industries *
load_industries(void)
{
	struct industries *ind;
	struct osk_error err;
	char *path;

	osk_error_clear(&err);
	if (asprintf(&path, "%s/industries.yaml", osk_datadir()) < 0)
		die(OSK_EX_OSERR, "out of memory");
	ind = industries_load(path, &err);
	free(path);
	if (!ind)
		die_err(&err);
	return ind;
}

void
find_company(const char *key, struct company *c)
{
	struct osk_error err;

	osk_error_clear(&err);
	if (company_find(app_store(), key, c, &err))
		die_err(&err);
}

bool
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);

	return n >= k && !strcasecmp(s + n - k, suffix);
}

void
write_out(const char *path, const struct sbuf *sb)
{
	char *tmp;
	FILE *f;

	if (!path || !strcmp(path, "-")) {
		emit(sb);
		return;
	}
	if (asprintf(&tmp, "%s.tmp%ld", path, (long)getpid()) < 0)
		die(OSK_EX_OSERR, "out of memory");
	if (!(f = fopen(tmp, "wb")))
		die(OSK_EX_CANTCREAT, "cannot create '%s': %s", path,
		    strerror(errno));
	if (fwrite(sb->buf, 1, sb->len, f) != sb->len || fflush(f) ||
	    fsync(fileno(f)) || fclose(f)) {
		unlink(tmp);
		die(OSK_EX_IOERR, "cannot write '%s': %s", path,
		    strerror(errno));
	}
	if (rename(tmp, path)) {
		unlink(tmp);
		die(OSK_EX_CANTCREAT, "cannot create '%s': %s", path,
		    strerror(errno));
	}
	free(tmp);
}

void
set_titles(struct out_column *cols, const char *const *ja, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		cols[i].title = app.lang == OSK_LANG_JA ? ja[i] : NULL;
}

/* Is name one of the space-separated words of allowed? */
static bool
allowed_word(const char *allowed, const char *name)
{
	size_t n = strlen(name);
	const char *p;

	for (p = allowed; (p = strstr(p, name)); p += n)
		if ((p == allowed || p[-1] == ' ') && (!p[n] || p[n] == ' '))
			return true;
	return false;
}

int
next_opt(int argc, char **argv, const char *shortopts,
	 const struct option *longopts, const char *allowed,
	 const char *const *usage, const char *cmd)
{
	const struct option *lo;
	int c = getopt_long(argc, argv, shortopts, longopts, NULL);

	if (c == -1)
		return -1;
	/* GNU getopt: '?' with optopt set is a known option lacking its value */
	for (lo = longopts; c == '?' && optopt && lo->name; lo++)
		if (lo->val == optopt)
			usage_error(usage, "'%s': '%s' needs a value", cmd,
				    argv[optind - 1]);
	for (lo = longopts; lo->name && lo->val != c; lo++)
		;
	if (c == '?' || c == ':' || !lo->name)
		usage_error(usage, "'%s' does not take '%s'", cmd,
			    argv[optind - 1]);
	if (!allowed_word(allowed, lo->name)) {
		if (c < 128 && strchr(shortopts, c))
			usage_error(usage, "'%s' does not take '-%c'", cmd, c);
		usage_error(usage, "'%s' does not take '--%s'", cmd,
			    lo->name);
	}
	return c;
}
