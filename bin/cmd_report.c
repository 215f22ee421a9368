/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alerts/alerts.h"
#include "bin/bin.h"
#include "bin/commands.h"
#include "core/company.h"
#include "report/report.h"

static const char *const report_usage[] = {
	"usage: otasuke report health COMPANY [-o FILE] [--lang ja|en]",
	"       [--from D] [--to D]",
	"",
	"The health-check sheet of a company: one A4 page per environment",
	"checked (office, home working), in plain words for the owner.",
	"",
	"  health COMPANY   the sheet of COMPANY (its id or exact name)",
	"  -o FILE          write FILE: .pdf, .png (150 dpi) or .svg; PNG and",
	"                   SVG write page 2 on to FILE-2.png, ...",
	"                   (default: <id>-<name>.pdf here)",
	"  --lang ja|en     language of the sheet (default: the global one)",
	"  --from D, --to D  period of the network check, YYYY-MM-DD",
	"                   (default: the three calendar months up to the",
	"                   latest sensor data)",
	"",
	"Scores are those of 'otasuke diag score', alerts those of 'otasuke",
	"alerts summary' for the period. With SOURCE_DATE_EPOCH set, the same",
	"database gives the same PDF, byte for byte.",
	NULL,
};

enum { O_LANG = 256, O_FROM, O_TO };

static const struct option longopts[] = {
	{ "output", required_argument, NULL, 'o' },
	{ "lang", required_argument, NULL, O_LANG },
	{ "from", required_argument, NULL, O_FROM },
	{ "to", required_argument, NULL, O_TO },
	{ NULL, 0, NULL, 0 },
};

/*
 * fontconfig keeps a little memory from parsing its configuration for the
 * life of the process; LeakSanitizer reads this in an ASan build.
 */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_options(void);

const char *
__lsan_default_options(void)
{
	return "print_suppressions=0";
}

const char *
__lsan_default_suppressions(void)
{
	return "leak:libfontconfig.so\n";
}

/* The PDF date: SOURCE_DATE_EPOCH when set to a number, else now (-1). */
static long long
source_date(void)
{
	const char *s = getenv("SOURCE_DATE_EPOCH");
	char *end;
	long long v;

	if (!s || !*s)
		return -1;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno || *end || v < 0) {
		warning("SOURCE_DATE_EPOCH='%s' is not a number of seconds; "
			"using the current time", s);
		return -1;
	}
	return v;
}

/*
 * "<id>-<name>.pdf" with the name made safe for a file name: no path
 * separators or control characters, no leading dot, cut to 80 bytes on a
 * character boundary.
 */
static char *
default_name(const struct company *c)
{
	struct sbuf sb = SBUF_INIT;
	const unsigned char *p;
	size_t start;

	xcheck(sbuf_addf(&sb, "%lld-", (long long)c->id));
	start = sb.len;
	for (p = (const unsigned char *)c->name; *p; p++) {
		unsigned char ch = *p;

		if (sb.len - start >= 80 && (ch & 0xc0) != 0x80)
			break;
		if (ch < 0x20 || ch == 0x7f || ch == '/' || ch == '\\' ||
		    ch == ':' || ch == '*' || ch == '?' || ch == '"' ||
		    ch == '<' || ch == '>' || ch == '|' || ch == ' ')
			ch = '_';
		if (ch == '.' && sb.len == start)
			ch = '_';
		xcheck(sbuf_addch(&sb, ch));
	}
	xcheck(sbuf_adds(&sb, ".pdf"));
	return sbuf_detach(&sb, NULL);
}

static bool
date_ok(const char *s)
{
	return alerts_date_ok(s);
}

static int
report_health(int argc, char **argv)
{
	const char *output = NULL, *from = NULL, *to = NULL;
	struct report_health_opts ho = { 0 };
	struct report_renderer *r = NULL;
	struct report_health *h = NULL;
	struct company c;
	struct osk_error err;
	enum osk_lang lang = app.lang;
	enum report_fmt fmt = REPORT_FMT_PDF;
	char *path = NULL;
	int opt, pages;

	optind = 0;
	while ((opt = getopt_long(argc, argv, "o:", longopts, NULL)) != -1) {
		switch (opt) {
		case 'o':
			output = optarg;
			break;
		case O_LANG:
			if (osk_lang_parse(optarg, &lang))
				usage_error(report_usage, "unknown language "
					    "'%s'; use ja or en", optarg);
			break;
		case O_FROM:
			from = optarg;
			break;
		case O_TO:
			to = optarg;
			break;
		default:
			usage_error(report_usage, "'report health' does not "
				    "take '%s'", argv[optind - 1]);
		}
	}
	if (argc - optind != 1)
		usage_error(report_usage, "'report health' needs one COMPANY");
	if ((from && !date_ok(from)) || (to && !date_ok(to)))
		usage_error(report_usage, "'%s' is not a date; write "
			    "YYYY-MM-DD", from && !date_ok(from) ? from : to);
	if (from && to && strcmp(from, to) > 0)
		usage_error(report_usage, "--from %s is after --to %s", from,
			    to);
	if (output && report_fmt_from_path(output, &fmt))
		usage_error(report_usage, "cannot tell the format of '%s'; "
			    "end it in .pdf, .png or .svg", output);

	osk_error_clear(&err);
	company_init(&c);
	if (company_find(app_store(), argv[optind], &c, &err))
		die_err(&err);
	if (!(r = report_renderer_new(NULL, &err)))
		die_err(&err);
	ho.lang = lang;
	ho.from = from;
	ho.to = to;
	ho.created = source_date();
	if (report_health_load(r, app_store(), c.id, &ho, &h, &err))
		die_err(&err);
	if (!output)
		output = path = default_name(&c);
	pages = report_renderer_render(r, report_health_sheet(h), fmt, output,
				       &err);
	if (pages < 0)
		die_err(&err);
	info(L("%s を書き出しました（%d ページ）", "wrote %s (%d page%s)"),
	     output, pages, pages == 1 ? "" : "s");
	report_health_free(h);
	report_renderer_free(r);
	company_release(&c);
	free(path);
	return 0;
}

int
cmd_report(int argc, char **argv)
{
	static const struct subcmd table[] = {
		{ "health", report_health },
		{ NULL, NULL },
	};

	return run_subcmd(table, report_usage, argc, argv);
}
