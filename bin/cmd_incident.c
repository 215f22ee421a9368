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

static const char *const incident_usage[] = {
	"usage: otasuke incident add|list|close ...",
	"",
	"Incidents reported by the analysts, shown on the health-check sheet",
	"while they are open.",
	"",
	"  add COMPANY --severity high|medium|low --title T [--detail D]",
	"      [--action A] [--date YYYY-MM-DD]",
	"      record an incident (date: today by default); prints its id",
	"  list [COMPANY] [--open] [--format text|csv|json]",
	"      newest first; --open leaves out closed ones",
	"  close ID [--note N]",
	"      mark an incident as dealt with",
	"",
	"COMPANY is a company's id or exact name. --action is what the company",
	"should do, in plain words.",
	NULL,
};

enum { O_SEVERITY = 256, O_TITLE, O_DETAIL, O_ACTION, O_DATE, O_OPEN,
       O_FORMAT, O_NOTE };

static const struct option longopts[] = {
	{ "severity", required_argument, NULL, O_SEVERITY },
	{ "title", required_argument, NULL, O_TITLE },
	{ "detail", required_argument, NULL, O_DETAIL },
	{ "action", required_argument, NULL, O_ACTION },
	{ "date", required_argument, NULL, O_DATE },
	{ "open", no_argument, NULL, O_OPEN },
	{ "format", required_argument, NULL, O_FORMAT },
	{ "note", required_argument, NULL, O_NOTE },
	{ NULL, 0, NULL, 0 },
};

struct opts {
	const char *severity, *title, *detail, *action, *date, *note;
	bool open;
	enum out_format format;
};

static void
parse_opts(int argc, char **argv, struct opts *o, const char *allowed)
{
	char cmd[64];
	int c;

	memset(o, 0, sizeof(*o));
	optind = 0;
	snprintf(cmd, sizeof(cmd), "incident %s", argv[0]);
	while ((c = next_opt(argc, argv, "", longopts, allowed,
			      incident_usage, cmd)) != -1) {
		switch (c) {
		case O_SEVERITY: o->severity = optarg; break;
		case O_TITLE: o->title = optarg; break;
		case O_DETAIL: o->detail = *optarg ? optarg : NULL; break;
		case O_ACTION: o->action = *optarg ? optarg : NULL; break;
		case O_DATE: o->date = optarg; break;
		case O_OPEN: o->open = true; break;
		case O_NOTE: o->note = optarg; break;
		case O_FORMAT:
			o->format = parse_format(incident_usage, optarg);
			break;
		}
	}
}

static void
find(const char *key, struct company *c)
{
	struct osk_error err;

	osk_error_clear(&err);
	if (company_find(app_store(), key, c, &err))
		die_err(&err);
}

static int
incident_add(int argc, char **argv)
{
	struct store *st = app_store();
	struct alerts_incident inc;
	struct osk_error err;
	struct company c;
	char now[32];
	struct opts o;

	parse_opts(argc, argv, &o, "severity title detail action date");
	if (argc - optind != 1)
		usage_error(incident_usage, "'incident add' needs a COMPANY");
	if (!o.severity || !o.title)
		usage_error(incident_usage, "'incident add' needs --severity "
			    "and --title");
	memset(&inc, 0, sizeof(inc));
	if (alerts_severity_parse(o.severity, &inc.severity))
		usage_error(incident_usage, "--severity must be high, medium "
			    "or low, not '%s'", o.severity);
	if (o.date && !alerts_date_ok(o.date))
		usage_error(incident_usage, "--date must be a date YYYY-MM-DD,"
			    " not '%s'", o.date);
	find(argv[optind], &c);
	store_now(now);
	snprintf(inc.date, sizeof(inc.date), "%.10s", o.date ? o.date : now);
	inc.company_id = c.id;
	inc.title = o.title;
	inc.detail = o.detail;
	inc.action = o.action;
	osk_error_clear(&err);
	if (store_begin(st, &err))
		die_err(&err);
	if (alerts_incident_add(st, &inc, &err)) {
		store_rollback(st);
		die_err(&err);
	}
	if (store_commit(st, &err))
		die_err(&err);
	if (!app.quiet)
		printf("%lld\n", (long long)inc.id);
	company_release(&c);
	return 0;
}

static const struct out_column list_cols[] = {
	{ "id", NULL, OUT_RIGHT, OUT_NUM },
	{ "date", NULL, OUT_LEFT, OUT_STR },
	{ "company_id", NULL, OUT_RIGHT, OUT_NUM },
	{ "company", NULL, OUT_LEFT, OUT_STR },
	{ "severity", NULL, OUT_LEFT, OUT_STR },
	{ "title", NULL, OUT_LEFT, OUT_STR },
	{ "closed_at", NULL, OUT_LEFT, OUT_STR },
	{ "action", NULL, OUT_LEFT, OUT_STR },
	{ "detail", NULL, OUT_LEFT, OUT_STR },
	{ "note", NULL, OUT_LEFT, OUT_STR },
};

struct list {
	struct out_table *t;
	bool text;
};

static int
list_row(const struct alerts_incident *inc, void *data)
{
	struct list *l = data;
	char id[24], cid[24], status[48];
	const char *cells[10] = {
		id, inc->date, cid, inc->company,
		alerts_severity_name(inc->severity), inc->title,
		inc->closed_at, inc->action, inc->detail, inc->note,
	};

	snprintf(id, sizeof(id), "%lld", (long long)inc->id);
	snprintf(cid, sizeof(cid), "%lld", (long long)inc->company_id);
	if (l->text) {
		/* id, date, company, severity, title, state */
		if (inc->closed_at)
			snprintf(status, sizeof(status), "%s %.10s",
				 L("完了", "closed"), inc->closed_at);
		else
			snprintf(status, sizeof(status), "%s",
				 L("対応中", "open"));
		static const char *const sev_ja[] = { "低", "中", "高" };

		cells[2] = inc->company;
		cells[3] = alerts_severity_name(inc->severity);
		if (app.lang == OSK_LANG_JA && (unsigned)inc->severity < 3)
			cells[3] = sev_ja[inc->severity];
		cells[4] = inc->title;
		cells[5] = status;
	}
	xcheck(out_table_add(l->t, cells));
	return 0;
}

static int
incident_list(int argc, char **argv)
{
	const struct out_column text_cols[] = {
		{ "id", NULL, OUT_RIGHT, OUT_NUM },
		{ "date", L("日付", "date"), OUT_LEFT, OUT_STR },
		{ "company", L("会社名", "company"), OUT_LEFT, OUT_STR },
		{ "severity", L("重大度", "severity"), OUT_LEFT, OUT_STR },
		{ "title", L("内容", "title"), OUT_LEFT, OUT_STR },
		{ "state", L("状態", "state"), OUT_LEFT, OUT_STR },
	};
	struct osk_error err;
	struct company c;
	struct list l;
	struct opts o;
	int64_t id = 0;

	parse_opts(argc, argv, &o, "open format");
	if (argc - optind > 1)
		usage_error(incident_usage, "'incident list' takes at most "
			    "one COMPANY");
	company_init(&c);
	if (argc - optind == 1) {
		find(argv[optind], &c);
		id = c.id;
	}
	l.text = o.format == OUT_TEXT;
	if (!(l.t = l.text ? out_table_new(text_cols, 6)
			   : out_table_new(list_cols, 10)))
		die(OSK_EX_OSERR, "out of memory");
	osk_error_clear(&err);
	if (alerts_incident_each(app_store(), id, o.open, list_row, &l, &err))
		die_err(&err);
	emit_table(l.t, o.format);
	company_release(&c);
	return 0;
}

static int
incident_close(int argc, char **argv)
{
	struct store *st = app_store();
	struct osk_error err;
	struct opts o;
	char *end;
	long long id;

	parse_opts(argc, argv, &o, "note");
	if (argc - optind != 1)
		usage_error(incident_usage, "'incident close' needs an ID");
	errno = 0;
	id = strtoll(argv[optind], &end, 10);
	if (!*argv[optind] || *end || errno || id <= 0)
		usage_error(incident_usage, "ID must be an incident number, "
			    "not '%s'", argv[optind]);
	osk_error_clear(&err);
	if (store_begin(st, &err))
		die_err(&err);
	if (alerts_incident_close(st, id, o.note, &err)) {
		store_rollback(st);
		die_err(&err);
	}
	if (store_commit(st, &err))
		die_err(&err);
	info(L("インシデント %lld を完了にしました", "closed incident %lld"),
	     id);
	return 0;
}

int
cmd_incident(int argc, char **argv)
{
	static const struct subcmd sub[] = {
		{ "add", incident_add },
		{ "list", incident_list },
		{ "close", incident_close },
		{ NULL, NULL },
	};

	return run_subcmd(sub, incident_usage, argc, argv);
}
