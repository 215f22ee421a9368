/* SPDX-License-Identifier: MIT */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "alerts/alerts.h"
#include "bin/bin.h"
#include "bin/commands.h"
#include "core/company.h"
#include "core/industry.h"
#include "bin/render.h"
#include "report/alerts_xlsx.h"

static const char *const alerts_usage[] = {
	"usage: otasuke alerts import|summary|events ...",
	"",
	"Network sensor alerts: import the monitoring service's counts or raw",
	"Suricata logs, then see them by attack stage, company and industry.",
	"",
	"  import FILE.csv [--encoding auto|utf-8|cp932]",
	"      summary counts: company,period_start,period_end,event,count",
	"      [,src_ip]; all or nothing",
	"  import --format eve|zeek-notice --company C FILE...",
	"      Suricata EVE JSON lines, or a Zeek notice.log ('-' is standard",
	"      input, .gz is read too); alerts are counted per day, event and",
	"      source address",
	"  summary [--by event|company|industry|device] [--stats] [--mismatch]",
	"      [--from D] [--to D] [--company C] [--top N]",
	"      [--format text|csv|json|xlsx] [-o FILE]",
	"      event: the kill-chain table (default); company: companies by",
	"      alerts, with alerts per PC; industry: per industry; device: the",
	"      sources of one company's alerts, by device name; --stats:",
	"      correlation of PCs and alerts; --mismatch: companies whose",
	"      diagnosis says updates and malware protection are done while",
	"      the sensor saw signs of an infection",
	"  events [--format text|csv|json]",
	"      the event catalog: id, stage, severity, plain title",
	"",
	"C is a company id or exact name; D is YYYY-MM-DD. A row counts in a",
	"period when its period_start falls within --from..--to. A file with",
	"the same content as an earlier import is noticed and skipped.",
	"--format xlsx writes every table with charts; it needs -o FILE.xlsx",
	"(--output FILE.xlsx).",
	NULL,
};

enum { O_FORMAT = 256, O_COMPANY, O_ENCODING, O_BY, O_STATS, O_MISMATCH,
       O_FROM, O_TO, O_TOP };

static const struct option longopts[] = {
	{ "format", required_argument, NULL, O_FORMAT },
	{ "company", required_argument, NULL, O_COMPANY },
	{ "encoding", required_argument, NULL, O_ENCODING },
	{ "by", required_argument, NULL, O_BY },
	{ "stats", no_argument, NULL, O_STATS },
	{ "mismatch", no_argument, NULL, O_MISMATCH },
	{ "from", required_argument, NULL, O_FROM },
	{ "to", required_argument, NULL, O_TO },
	{ "top", required_argument, NULL, O_TOP },
	{ "output", required_argument, NULL, 'o' },
	{ NULL, 0, NULL, 0 },
};

struct opts {
	const char *format, *company, *by, *from, *to, *output;
	enum csv_encoding enc;
	bool stats, mismatch;
	long top;		/* 0: all */
};

/* Parse the options; leaves the operands in argv[optind..]. */
static void
parse_opts(int argc, char **argv, struct opts *o, const char *allowed)
{
	struct osk_error err;
	char cmd[64];
	int c;

	memset(o, 0, sizeof(*o));
	optind = 0;
	snprintf(cmd, sizeof(cmd), "alerts %s", argv[0]);
	while ((c = next_opt(argc, argv, "o:", longopts, allowed,
			      alerts_usage, cmd)) != -1) {
		switch (c) {
		case O_FORMAT: o->format = optarg; break;
		case O_COMPANY: o->company = optarg; break;
		case O_BY: o->by = optarg; break;
		case O_STATS: o->stats = true; break;
		case O_MISMATCH: o->mismatch = true; break;
		case O_FROM: o->from = optarg; break;
		case O_TO: o->to = optarg; break;
		case 'o': o->output = optarg; break;
		case O_TOP:
			o->top = parse_count(alerts_usage, "--top", optarg);
			break;
		case O_ENCODING:
			osk_error_clear(&err);
			if (csv_encoding_parse(optarg, &o->enc, &err))
				usage_error(alerts_usage, "%s", err.msg);
			break;
		}
	}
}

/* ---- shared ---- */

static struct alerts_catalog *
load_catalog(void)
{
	struct alerts_catalog *cat;
	struct osk_errlist errs;
	char *path;

	if (asprintf(&path, "%s/alerts.yaml", osk_datadir()) < 0)
		die(OSK_EX_OSERR, "out of memory");
	osk_errlist_init(&errs, 20);
	if (!(cat = alerts_catalog_load_file(path, &errs)))
		die_errlist(&errs, path);
	osk_errlist_release(&errs);
	free(path);
	return cat;
}

/* "12.3", or "" when v is not a number (unknown PCs). */
static const char *
num1(char *buf, size_t n, double v)
{
	if (isnan(v))
		buf[0] = '\0';
	else
		snprintf(buf, n, "%.1f", osk_round1(v) + 0.0);
	return buf;
}

static const char *
int_cell(char *buf, size_t n, int64_t v)
{
	if (v < 0)
		buf[0] = '\0';
	else
		snprintf(buf, n, "%lld", (long long)v);
	return buf;
}

/* ---- import ---- */

static void
import_summary(const struct opts *o, const char *path)
{
	struct alerts_import_result res;
	struct alerts_catalog *cat = load_catalog();
	const char *name = strcmp(path, "-") ? path : "<stdin>";
	struct osk_errlist errs;
	struct osk_error err;
	int r;

	osk_errlist_init(&errs, 20);
	osk_error_clear(&err);
	r = alerts_summary_import(app_store(), cat, path, o->enc, &res, &errs,
				  &err);
	if (res.unknown[0])
		warning("%s: ignored unknown columns %s", name, res.unknown);
	if (errs.total)
		die_errlist(&errs, name);
	if (r)
		die_err(&err);
	if (res.duplicate)
		info(L("%s: %.10s に取り込み済みのため、とばしました",
		       "%s: already imported on %.10s, skipped"), name,
		     res.imported_at);
	else
		info(L("%s: %zu 行%.0s、アラート %lld 件%.0s を取り込みました"
		       "（%s）", "%s: %zu row%s, %lld alert%s stored (%s)"),
		     name, res.rows, res.rows == 1 ? "" : "s",
		     (long long)res.alerts, res.alerts == 1 ? "" : "s",
		     csv_encoding_name(res.used));
	osk_errlist_release(&errs);
	alerts_catalog_free(cat);
}

static void
log_warnings(const struct alerts_eve *e, const char *path, bool zeek)
{
	const struct osk_errlist *w = alerts_eve_warnings(e);
	const struct alerts_eve_stats *s = alerts_eve_stats(e);
	char buf[1200];
	size_t i;

	for (i = 0; i < w->n; i++) {
		osk_error_format(&w->items[i], buf, sizeof(buf));
		warning("%s", buf);
	}
	if (w->total > w->n)
		warning(L("%s: ほかに %zu 件の問題があります",
			  "%s: %zu more problems like these"), path,
			w->total - w->n);
	if (s->bad_lines)
		warning(L("%s: 読めない行 %llu 行%.0sをとばしました（%s）",
			  "%s: %llu line%s skipped (%s)"),
			path, (unsigned long long)s->bad_lines,
			s->bad_lines == 1 ? "" : "s",
			zeek ? L("通知ではありません", "not notices")
			     : L("JSON ではありません", "not JSON"));
	if (s->skipped)
		warning(L("%s: 使えないアラート %llu 件%.0s%.0sをとばしました",
			  "%s: %llu alert%s without %s skipped"),
			path, (unsigned long long)s->skipped,
			s->skipped == 1 ? "" : "s",
			zeek ? "a time" : "a date or an 'alert' object");
}

static void
import_log(const struct opts *o, enum alerts_log_format fmt, int argc,
	   char **argv)
{
	struct alerts_catalog *cat = load_catalog();
	struct store *st = app_store();
	struct osk_error err;
	struct company c;
	int i, stdin_seen = 0;

	if (!o->company)
		usage_error(alerts_usage, "'alerts import --format %s' needs "
			    "--company C (whose sensor wrote the log)",
			    o->format);
	find_company(o->company, &c);
	/* refuse up front rather than stop half way */
	for (i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "-")) {
			if (stdin_seen++)
				usage_error(alerts_usage, "standard input "
					    "('-') can be read only once");
			continue;
		}
		if (access(argv[i], R_OK))
			die(OSK_EX_NOINPUT, "cannot open '%s': %m", argv[i]);
	}
	for (i = 0; i < argc; i++) {
		const char *path = argv[i],
			   *name = strcmp(path, "-") ? path : "<stdin>";
		struct alerts_import_result res;
		struct alerts_eve *e = alerts_eve_new(cat, name);
		const struct alerts_eve_stats *s;

		if (!e)
			die(OSK_EX_OSERR, "out of memory");
		alerts_eve_set_format(e, fmt);
		osk_error_clear(&err);
		if (alerts_eve_read_file(e, path, &err))
			die_err(&err);
		log_warnings(e, name, fmt == ALERTS_LOG_ZEEK_NOTICE);
		if (store_begin(st, &err))
			die_err(&err);
		if (alerts_eve_store(st, e, c.id, name, &res, &err)) {
			store_rollback(st);
			die_err(&err);
		}
		if (store_commit(st, &err))
			die_err(&err);
		s = alerts_eve_stats(e);
		if (res.duplicate)
			info(L("%s: %.10s に取り込み済みのため、とばしました",
			       "%s: already imported on %.10s, skipped"),
			     name, res.imported_at);
		else
			info(L("%s: %llu 行%.0s、アラート %llu 件%.0s"
			       "（うち分類外 %llu 件）を「%s」の分として"
			       "取り込みました",
			       "%s: %llu line%s, %llu alert%s (%llu "
			       "unclassified) stored for '%s'"), name,
			     (unsigned long long)s->lines,
			     s->lines == 1 ? "" : "s",
			     (unsigned long long)s->alerts,
			     s->alerts == 1 ? "" : "s",
			     (unsigned long long)s->unclassified, c.name);
		alerts_eve_free(e);
	}
	company_release(&c);
	alerts_catalog_free(cat);
}

static int
alerts_import_cmd(int argc, char **argv)
{
	struct opts o;

	parse_opts(argc, argv, &o, "format company encoding");
	if (argc - optind < 1)
		usage_error(alerts_usage, "'alerts import' needs a FILE");
	if (!o.format || !strcmp(o.format, "summary")) {
		const char *path = argv[optind];

		if (argc - optind != 1)
			usage_error(alerts_usage, "a summary import takes one "
				    "FILE.csv");
		if (o.company)
			usage_error(alerts_usage, "--company is for EVE logs; "
				    "a summary names the company on each row");
		if (!o.format && (ends_with(path, ".json") ||
				  ends_with(path, ".json.gz") ||
				  ends_with(path, ".jsonl")))
			usage_error(alerts_usage, "'%s' looks like an EVE log;"
				    " add --format eve --company C", path);
		import_summary(&o, path);
	} else if (!strcmp(o.format, "eve") ||
		   !strcmp(o.format, "zeek-notice")) {
		if (o.enc != CSV_ENC_AUTO)
			usage_error(alerts_usage, "--encoding is for summary "
				    "CSV files; sensor logs are UTF-8");
		import_log(&o, strcmp(o.format, "eve") ? ALERTS_LOG_ZEEK_NOTICE
			   : ALERTS_LOG_EVE, argc - optind, argv + optind);
	} else {
		usage_error(alerts_usage, "unknown import format '%s' (use "
			    "summary, eve or zeek-notice)", o.format);
	}
	return 0;
}

/* ---- summary ---- */

enum view { V_EVENT, V_COMPANY, V_INDUSTRY, V_DEVICE, V_STATS,
	    V_MISMATCH };

struct sum {
	struct opts o;
	enum view view;
	enum out_format fmt;
	struct alerts_filter f;
	struct alerts_catalog *cat;
	struct industries *ind;
	struct company company;		/* with --company */
	bool have_company;
	struct sbuf sb;
};

/* "from"/"to" in JSON: as given, else the range seen, else null. */
static void
json_period(struct sum *s, struct jw *w, const char *first,
	    const char *last)
{
	jw_key(w, "from");
	jw_str(w, s->f.from ? s->f.from : first && *first ? first : NULL);
	jw_key(w, "to");
	jw_str(w, s->f.to ? s->f.to : last && *last ? last : NULL);
	if (s->have_company) {
		jw_key(w, "company");
		jw_obj_begin(w);
		jw_key(w, "id"), jw_int(w, s->company.id);
		jw_key(w, "name"), jw_str(w, s->company.name);
		jw_key(w, "industry"), jw_str(w, s->company.industry);
		jw_obj_end(w);
	}
}

/* The heading line of a text view. */
static void
text_heading(struct sum *s, const char *what)
{
	xcheck(sbuf_addf(&s->sb, "%s, ", what));
	if (s->f.from || s->f.to)
		xcheck(sbuf_addf(&s->sb, "%s %s %s", s->f.from ? s->f.from :
				 "...", L("〜", "to"),
				 s->f.to ? s->f.to : "..."));
	else
		xcheck(sbuf_adds(&s->sb, L("全期間", "all periods")));
	if (s->have_company)
		xcheck(sbuf_addf(&s->sb, ", %s", s->company.name));
	xcheck(sbuf_addch(&s->sb, '\n'));
}

static void
json_end(struct jw *w, struct sbuf *sb)
{
	jw_obj_end(w);
	xcheck(w->err);
	xcheck(sbuf_addch(sb, '\n'));
}

/* {"from", "to"[, "company"] and the list key: [ ... */
static void
json_list_begin(struct sum *s, struct jw *w, const char *key)
{
	jw_init(w, &s->sb);
	jw_obj_begin(w);
	json_period(s, w, NULL, NULL);
	jw_key(w, key);
	jw_arr_begin(w);
}

/* ... ] } of json_list_begin(). */
static void
json_list_end(struct jw *w, struct sbuf *sb)
{
	jw_arr_end(w);
	json_end(w, sb);
}

/* How many of n rows a view shows: all, or --top N. */
static size_t
top_rows(const struct sum *s, size_t n)
{
	return s->o.top > 0 && (size_t)s->o.top < n ? (size_t)s->o.top : n;
}

/* tab rendered into s->sb (after a heading what in text), then freed. */
static void
table_emit(struct sum *s, struct out_table *tab, const char *what)
{
	if (s->fmt == OUT_TEXT)
		text_heading(s, what);
	xcheck(out_table_render(tab, s->fmt, &s->sb));
	out_table_free(tab);
}

static const char *
event_title(const struct alerts_catalog *cat, size_t i)
{
	if (i >= cat->nevents)
		return L("どの種類にも当てはまらないアラート",
			 "alerts that match no event of the catalog");
	return osk_text_get(&cat->events[i].title, app.lang);
}

/* --by event */
static void
view_event(struct sum *s)
{
	const struct out_column text_cols[] = {
		{ "item", L("段階 / イベント", "stage / event"), OUT_LEFT,
		  OUT_STR },
		{ "count", L("件数", "alerts"), OUT_RIGHT, OUT_NUM },
		{ "title", L("内容", "in plain words"), OUT_LEFT, OUT_STR },
	};
	static const struct out_column csv_cols[] = {
		{ "phase", NULL, OUT_LEFT, OUT_STR },
		{ "event", NULL, OUT_LEFT, OUT_STR },
		{ "count", NULL, OUT_RIGHT, OUT_NUM },
		{ "title", NULL, OUT_LEFT, OUT_STR },
	};
	const struct alerts_catalog *cat = s->cat;
	struct alerts_by_event t;
	struct out_table *tab;
	struct osk_error err;
	char n[32], item[128];
	size_t p, i;

	osk_error_clear(&err);
	if (alerts_by_event(app_store(), cat, &s->f, &t, &err))
		die_err(&err);
	if (s->fmt == OUT_JSON) {
		struct jw w;

		jw_init(&w, &s->sb);
		jw_obj_begin(&w);
		json_period(s, &w, t.first, t.last);
		jw_key(&w, "total"), jw_int(&w, t.total);
		jw_key(&w, "unclassified"), jw_int(&w, t.unclassified);
		jw_key(&w, "phases");
		jw_arr_begin(&w);
		for (p = 0; p < cat->nphases; p++) {
			jw_obj_begin(&w);
			jw_key(&w, "id"), jw_str(&w, cat->phases[p].id);
			jw_key(&w, "title");
			jw_str(&w, osk_text_get(&cat->phases[p].plain,
						app.lang));
			jw_key(&w, "total"), jw_int(&w, t.phase_totals[p]);
			jw_key(&w, "events");
			jw_arr_begin(&w);
			for (i = 0; i < cat->nevents; i++) {
				if (cat->events[i].phase != p)
					continue;
				jw_obj_begin(&w);
				jw_key(&w, "id"), jw_str(&w, cat->events[i].id);
				jw_key(&w, "count"), jw_int(&w, t.counts[i]);
				jw_key(&w, "severity");
				jw_str(&w, alerts_severity_name(
					       cat->events[i].severity));
				jw_key(&w, "title");
				jw_str(&w, event_title(cat, i));
				jw_obj_end(&w);
			}
			jw_arr_end(&w);
			jw_obj_end(&w);
		}
		json_list_end(&w, &s->sb);
		alerts_by_event_release(&t);
		return;
	}
	tab = out_table_new(s->fmt == OUT_CSV ? csv_cols : text_cols,
			    s->fmt == OUT_CSV ? 4 : 3);
	if (!tab)
		die(OSK_EX_OSERR, "out of memory");
	for (p = 0; p < cat->nphases; p++) {
		if (s->fmt != OUT_CSV) {
			const char *cells[3] = {
				cat->phases[p].id, n,
				osk_text_get(&cat->phases[p].plain, app.lang)
			};

			snprintf(n, sizeof(n), "%lld",
				 (long long)t.phase_totals[p]);
			xcheck(out_table_add(tab, cells));
		}
		for (i = 0; i < cat->nevents; i++) {
			const char *cells[4];

			if (cat->events[i].phase != p)
				continue;
			snprintf(n, sizeof(n), "%lld", (long long)t.counts[i]);
			snprintf(item, sizeof(item), "  %s",
				 cat->events[i].id);
			if (s->fmt == OUT_CSV) {
				cells[0] = cat->phases[p].id;
				cells[1] = cat->events[i].id;
				cells[2] = n;
				cells[3] = event_title(cat, i);
			} else {
				cells[0] = item;
				cells[1] = n;
				cells[2] = event_title(cat, i);
			}
			xcheck(out_table_add(tab, cells));
		}
	}
	snprintf(n, sizeof(n), "%lld", (long long)t.unclassified);
	{
		const char *text[3] = { ALERTS_UNCLASSIFIED, n,
					event_title(cat, ALERTS_NONE) };
		const char *csv[4] = { "", ALERTS_UNCLASSIFIED, n,
				       event_title(cat, ALERTS_NONE) };

		xcheck(out_table_add(tab, s->fmt == OUT_CSV ? csv : text));
	}
	if (s->fmt != OUT_CSV) {
		const char *cells[3] = { L("合計", "total"), n, NULL };

		snprintf(n, sizeof(n), "%lld", (long long)t.total);
		xcheck(out_table_add(tab, cells));
		text_heading(s, L("攻撃の段階別のアラート件数",
				  "Alerts by attack stage"));
	}
	xcheck(out_table_render(tab, s->fmt, &s->sb));
	out_table_free(tab);
	alerts_by_event_release(&t);
}

/* --by company */
static void
view_company(struct sum *s)
{
	const struct out_column cols[] = {
		{ "id", NULL, OUT_RIGHT, OUT_NUM },
		{ "name", L("会社名", "company"), OUT_LEFT, OUT_STR },
		{ "industry", L("業種", "industry"), OUT_LEFT, OUT_STR },
		{ "pcs", L("PC 台数", "PCs"), OUT_RIGHT, OUT_NUM },
		{ "alerts", L("件数", "alerts"), OUT_RIGHT, OUT_NUM },
		{ "per_pc", L("PC 1 台あたり", "per PC"), OUT_RIGHT, OUT_NUM },
	};
	struct alerts_by_company t;
	struct out_table *tab;
	struct osk_error err;
	size_t i, n;

	osk_error_clear(&err);
	if (alerts_by_company(app_store(), &s->f, &t, &err))
		die_err(&err);
	n = top_rows(s, t.n);
	if (s->fmt == OUT_JSON) {
		struct jw w;

		json_list_begin(s, &w, "companies");
		for (i = 0; i < n; i++) {
			const struct alerts_company_row *r = &t.rows[i];

			jw_obj_begin(&w);
			jw_key(&w, "id"), jw_int(&w, r->id);
			jw_key(&w, "name"), jw_str(&w, r->name);
			jw_key(&w, "industry"), jw_str(&w, r->industry);
			jw_key(&w, "pcs");
			r->pcs < 0 ? jw_null(&w) : jw_int(&w, r->pcs);
			jw_key(&w, "alerts"), jw_int(&w, r->alerts);
			jw_key(&w, "per_pc"), jw_num1(&w, r->per_pc);
			jw_obj_end(&w);
		}
		json_list_end(&w, &s->sb);
		alerts_by_company_release(&t);
		return;
	}
	if (!(tab = out_table_new(cols, 6)))
		die(OSK_EX_OSERR, "out of memory");
	for (i = 0; i < n; i++) {
		const struct alerts_company_row *r = &t.rows[i];
		char id[24], pcs[24], al[24], pp[32];
		const char *cells[6] = {
			int_cell(id, sizeof(id), r->id), r->name, r->industry,
			int_cell(pcs, sizeof(pcs), r->pcs),
			int_cell(al, sizeof(al), r->alerts),
			num1(pp, sizeof(pp), r->per_pc),
		};

		xcheck(out_table_add(tab, cells));
	}
	table_emit(s, tab, L("会社別のアラート件数（多い順）",
			    "Companies by alerts"));
	alerts_by_company_release(&t);
}

/* The row of industry id, or NULL. */
static const struct alerts_industry_row *
industry_row(const struct alerts_by_industry *t, const char *id)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		if (!strcmp(t->rows[i].id, id))
			return &t->rows[i];
	return NULL;
}

/* --by industry */
static void
view_industry(struct sum *s)
{
	const struct out_column cols[] = {
		{ "id", L("業種", "industry"), OUT_LEFT, OUT_STR },
		{ "name", L("名称", "name"), OUT_LEFT, OUT_STR },
		{ "companies", L("会社数", "companies"), OUT_RIGHT, OUT_NUM },
		{ "pcs", L("PC 台数", "PCs"), OUT_RIGHT, OUT_NUM },
		{ "alerts", L("件数", "alerts"), OUT_RIGHT, OUT_NUM },
		{ "per_pc", L("PC 1 台あたり", "per PC"), OUT_RIGHT, OUT_NUM },
	};
	int min = store_config_int(app_store(), "peers.min", 5);
	const struct alerts_industry_row *own = NULL;
	struct alerts_by_company mine = { NULL, 0 };
	struct alerts_by_industry t;
	struct out_table *tab;
	struct osk_error err;
	bool suppressed = false;
	size_t i;

	osk_error_clear(&err);
	if (alerts_by_industry(app_store(), &s->f, &t, &err))
		die_err(&err);
	if (s->have_company) {
		/*
		 * Next to one named company, its industry's figures are
		 * shown only for a group of at least peers.min companies.
		 */
		if (alerts_by_company(app_store(), &s->f, &mine, &err))
			die_err(&err);
		own = industry_row(&t, s->company.industry);
		suppressed = own && own->companies < min;
	}
	if (s->fmt == OUT_JSON) {
		struct jw w;

		jw_init(&w, &s->sb);
		jw_obj_begin(&w);
		json_period(s, &w, NULL, NULL);
		if (s->have_company) {
			jw_key(&w, "alerts");
			mine.n ? jw_int(&w, mine.rows[0].alerts) : jw_null(&w);
			jw_key(&w, "per_pc");
			jw_num1(&w, mine.n ? mine.rows[0].per_pc : NAN);
		}
		jw_key(&w, "industries");
		jw_arr_begin(&w);
		for (i = 0; i < t.n; i++) {
			const struct alerts_industry_row *r = &t.rows[i];

			if (s->have_company && (r != own || suppressed))
				continue;
			jw_obj_begin(&w);
			jw_key(&w, "id"), jw_str(&w, r->id);
			jw_key(&w, "name");
			jw_str(&w, industries_name(s->ind, r->id, app.lang));
			jw_key(&w, "companies"), jw_int(&w, r->companies);
			jw_key(&w, "pcs");
			r->pcs < 0 ? jw_null(&w) : jw_int(&w, r->pcs);
			jw_key(&w, "alerts"), jw_int(&w, r->alerts);
			jw_key(&w, "per_pc"), jw_num1(&w, r->per_pc);
			jw_obj_end(&w);
		}
		jw_arr_end(&w);
		jw_key(&w, "suppressed");
		jw_arr_begin(&w);
		if (suppressed)
			jw_str(&w, own->id);
		jw_arr_end(&w);
		jw_key(&w, "min_companies"), jw_int(&w, min);
		json_end(&w, &s->sb);
		goto out;
	}
	if (!(tab = out_table_new(cols, 6)))
		die(OSK_EX_OSERR, "out of memory");
	for (i = 0; i < t.n; i++) {
		const struct alerts_industry_row *r = &t.rows[i];
		char co[24], pcs[24], al[24], pp[32];
		const char *cells[6] = {
			r->id, industries_name(s->ind, r->id, app.lang),
			int_cell(co, sizeof(co), r->companies),
			int_cell(pcs, sizeof(pcs), r->pcs),
			int_cell(al, sizeof(al), r->alerts),
			num1(pp, sizeof(pp), r->per_pc),
		};

		if (s->have_company && (r != own || suppressed))
			continue;
		xcheck(out_table_add(tab, cells));
	}
	if (s->fmt == OUT_TEXT) {
		text_heading(s, L("業種別のアラート件数",
				  "Alerts by industry"));
		if (s->have_company && mine.n) {
			char pp[32];

			xcheck(sbuf_addf(&s->sb, L("%s: アラート %lld 件、"
						   "PC 1 台あたり %s\n",
						   "%s: %lld alerts, %s per "
						   "PC\n"), s->company.name,
					 (long long)mine.rows[0].alerts,
					 *num1(pp, sizeof(pp),
					       mine.rows[0].per_pc) ? pp :
					 "-"));
		}
	}
	if (out_table_rows(tab) || s->fmt != OUT_TEXT)
		xcheck(out_table_render(tab, s->fmt, &s->sb));
	out_table_free(tab);
	if (suppressed && s->fmt == OUT_TEXT)
		xcheck(sbuf_addf(&s->sb, L("業種 %s は %lld 社しかないため、"
					   "業種の数字は示しません（%d 社以上で"
					   "表示）\n",
					   "industry %s has only %lld "
					   "companies: its figures are not "
					   "shown next to one company (at "
					   "least %d needed)\n"), own->id,
				 (long long)own->companies, min));
out:
	alerts_by_company_release(&mine);
	alerts_by_industry_release(&t);
}

/* --by device */
static void
view_device(struct sum *s)
{
	const struct out_column cols[] = {
		{ "src_ip", L("送信元", "source"), OUT_LEFT, OUT_STR },
		{ "hostname", L("機器名", "device"), OUT_LEFT, OUT_STR },
		{ "owner", L("使用者", "owner"), OUT_LEFT, OUT_STR },
		{ "event", L("イベント", "event"), OUT_LEFT, OUT_STR },
		{ "count", L("件数", "alerts"), OUT_RIGHT, OUT_NUM },
	};
	struct alerts_devices d;
	struct out_table *tab;
	struct osk_error err;
	size_t i, n;

	if (!s->have_company)
		usage_error(alerts_usage, "'--by device' needs --company C");
	osk_error_clear(&err);
	if (alerts_devices(app_store(), s->cat, &s->f, &d, &err))
		die_err(&err);
	n = top_rows(s, d.n);
	if (s->fmt == OUT_JSON) {
		struct jw w;

		json_list_begin(s, &w, "devices");
		for (i = 0; i < n; i++) {
			const struct alerts_device *r = &d.rows[i];

			jw_obj_begin(&w);
			jw_key(&w, "src_ip"), jw_str(&w, r->ip);
			jw_key(&w, "hostname"), jw_str(&w, r->hostname);
			jw_key(&w, "owner"), jw_str(&w, r->owner);
			jw_key(&w, "event");
			jw_str(&w, alerts_event_id(s->cat, r->event));
			jw_key(&w, "count"), jw_int(&w, r->count);
			jw_obj_end(&w);
		}
		json_list_end(&w, &s->sb);
		alerts_devices_release(&d);
		return;
	}
	if (!(tab = out_table_new(cols, 5)))
		die(OSK_EX_OSERR, "out of memory");
	for (i = 0; i < n; i++) {
		const struct alerts_device *r = &d.rows[i];
		char cnt[24];
		const char *cells[5] = {
			*r->ip || s->fmt != OUT_TEXT ? r->ip : "-",
			r->hostname, r->owner,
			alerts_event_id(s->cat, r->event),
			int_cell(cnt, sizeof(cnt), r->count),
		};

		xcheck(out_table_add(tab, cells));
	}
	table_emit(s, tab, L("送信元の機器別のアラート件数",
			    "Alerts by source device"));
	alerts_devices_release(&d);
}

/* Round to two decimals, as correlations are shown. */
static double
round2(double v)
{
	return isnan(v) ? v : round(v * 100) / 100 + 0.0;
}

/* --stats */
static void
view_stats(struct sum *s)
{
	struct alerts_stats t;
	struct osk_error err;

	if (s->have_company)
		usage_error(alerts_usage, "--stats is over all companies; "
			    "leave out --company");
	osk_error_clear(&err);
	if (alerts_stats(app_store(), &s->f, &t, &err))
		die_err(&err);
	if (s->fmt == OUT_JSON) {
		struct jw w;

		jw_init(&w, &s->sb);
		jw_obj_begin(&w);
		json_period(s, &w, NULL, NULL);
		jw_key(&w, "n"), jw_int(&w, (int64_t)t.n);
		jw_key(&w, "pearson"), jw_num(&w, round2(t.pearson));
		jw_key(&w, "spearman"), jw_num(&w, round2(t.spearman));
		json_end(&w, &s->sb);
	} else if (s->fmt == OUT_CSV) {
		xcheck(sbuf_adds(&s->sb, "n,pearson,spearman\n"));
		xcheck(sbuf_addf(&s->sb, "%zu,", t.n));
		if (!isnan(t.pearson))
			xcheck(sbuf_addf(&s->sb, "%.2f", round2(t.pearson)));
		xcheck(sbuf_addch(&s->sb, ','));
		if (!isnan(t.spearman))
			xcheck(sbuf_addf(&s->sb, "%.2f", round2(t.spearman)));
		xcheck(sbuf_addch(&s->sb, '\n'));
	} else {
		text_heading(s, L("PC 台数とアラート件数の相関",
				  "Correlation of PCs and alerts"));
		xcheck(sbuf_addf(&s->sb, L("会社数 (PC 台数が分かる会社):"
					   " %zu\n",
					   "companies (with a known PC count): "
					   "%zu\n"), t.n));
		if (isnan(t.pearson))
			xcheck(sbuf_adds(&s->sb, L("相関は計算できません（3 社"
						   "以上で、PC 台数とアラート"
						   "件数にばらつきが必要です）"
						   "\n",
						   "no correlation: it needs 3 "
						   "or more companies whose "
						   "PCs "
						   "and alerts vary\n")));
		else
			xcheck(sbuf_addf(&s->sb, "Pearson r = %.2f\n"
					 "Spearman rho = %.2f\n",
					 round2(t.pearson),
					 round2(t.spearman)));
	}
}

/* --mismatch */
static void
view_mismatch(struct sum *s)
{
	const struct out_column cols[] = {
		{ "id", NULL, OUT_RIGHT, OUT_NUM },
		{ "name", L("会社名", "company"), OUT_LEFT, OUT_STR },
		{ "diagnosis", L("診断日", "diagnosis"), OUT_LEFT, OUT_STR },
		{ "alerts", L("件数", "alerts"), OUT_RIGHT, OUT_NUM },
		{ "events", L("イベント", "events"), OUT_LEFT, OUT_STR },
	};
	const struct alerts_catalog *cat = s->cat;
	struct alerts_mismatches m;
	struct out_table *tab;
	struct osk_error err;
	size_t i, j;

	osk_error_clear(&err);
	if (alerts_mismatches(app_store(), cat, &s->f, &m, &err))
		die_err(&err);
	if (s->fmt == OUT_JSON) {
		struct jw w;

		json_list_begin(s, &w, "companies");
		for (i = 0; i < m.n; i++) {
			jw_obj_begin(&w);
			jw_key(&w, "id"), jw_int(&w, m.rows[i].company_id);
			jw_key(&w, "name"), jw_str(&w, m.rows[i].company);
			jw_key(&w, "assessment");
			jw_int(&w, m.rows[i].assessment_id);
			jw_key(&w, "completed_at");
			jw_str(&w, m.rows[i].completed_at);
			jw_key(&w, "alerts"), jw_int(&w, m.rows[i].alerts);
			jw_key(&w, "events");
			jw_arr_begin(&w);
			for (j = 0; j < cat->nevents; j++) {
				if (!m.rows[i].counts[j])
					continue;
				jw_obj_begin(&w);
				jw_key(&w, "id"), jw_str(&w, cat->events[j].id);
				jw_key(&w, "count");
				jw_int(&w, m.rows[i].counts[j]);
				jw_obj_end(&w);
			}
			jw_arr_end(&w);
			jw_obj_end(&w);
		}
		json_list_end(&w, &s->sb);
		alerts_mismatches_release(&m);
		return;
	}
	if (!(tab = out_table_new(cols, 5)))
		die(OSK_EX_OSERR, "out of memory");
	for (i = 0; i < m.n; i++) {
		struct sbuf ev = SBUF_INIT;
		char id[24], al[24], date[16];
		const char *cells[5];

		for (j = 0; j < cat->nevents; j++)
			if (m.rows[i].counts[j])
				xcheck(sbuf_addf(&ev, "%s%s %lld", ev.len ?
						 ", " : "", cat->events[j].id,
						 (long long)
						 m.rows[i].counts[j]));
		snprintf(date, sizeof(date), "%.10s",
			 m.rows[i].completed_at);
		cells[0] = int_cell(id, sizeof(id), m.rows[i].company_id);
		cells[1] = m.rows[i].company;
		cells[2] = date;
		cells[3] = int_cell(al, sizeof(al), m.rows[i].alerts);
		cells[4] = ev.buf;
		xcheck(out_table_add(tab, cells));
		sbuf_release(&ev);
	}
	if (s->fmt == OUT_TEXT) {
		text_heading(s, L("診断とセンサーの食い違い",
				  "Diagnosis and sensor disagree"));
		xcheck(sbuf_adds(&s->sb, L("診断では更新とウイルス対策が"
					   "「実施」なのに、感染を疑わせる"
					   "通信がありました:\n",
					   "the diagnosis says updates and "
					   "malware protection are done, yet "
					   "the sensor saw signs of an "
					   "infection:\n")));
	}
	if (m.n || s->fmt != OUT_TEXT)
		xcheck(out_table_render(tab, s->fmt, &s->sb));
	else
		xcheck(sbuf_adds(&s->sb, L("（該当なし）\n", "(none)\n")));
	out_table_free(tab);
	alerts_mismatches_release(&m);
}

/* --format xlsx: every table of the period in one workbook. */
static void
view_xlsx(struct sum *s)
{
	struct report_alerts_xlsx x;
	struct alerts_by_event ev;
	struct alerts_by_company co;
	struct alerts_by_industry in;
	struct alerts_stats st;
	struct alerts_filter all = s->f;
	struct osk_error err;

	all.company_id = 0;
	osk_error_clear(&err);
	if (alerts_by_event(app_store(), s->cat, &s->f, &ev, &err) ||
	    alerts_by_company(app_store(), &s->f, &co, &err) ||
	    alerts_by_industry(app_store(), &all, &in, &err) ||
	    alerts_stats(app_store(), &all, &st, &err))
		die_err(&err);
	memset(&x, 0, sizeof(x));
	x.cat = s->cat;
	x.ind = s->ind;
	x.from = s->f.from;
	x.to = s->f.to;
	x.company = s->have_company ? s->company.name : NULL;
	x.events = &ev;
	x.companies = &co;
	x.industries = s->have_company ? NULL : &in;
	x.stats = &st;
	if (render_alerts_xlsx(&x, s->o.output, app.lang, &err))
		die_err(&err);
	info(L("%s を書き出しました", "wrote %s"), s->o.output);
	alerts_by_event_release(&ev);
	alerts_by_company_release(&co);
	alerts_by_industry_release(&in);
}

static enum view
pick_view(const struct opts *o)
{
	static const char *const names[] = {
		"event", "company", "industry", "device", NULL
	};
	int i;

	if ((o->stats || o->mismatch) && o->by)
		usage_error(alerts_usage, "choose one of --by, --stats and "
			    "--mismatch");
	if (o->stats && o->mismatch)
		usage_error(alerts_usage, "choose one of --stats and "
			    "--mismatch");
	if (o->stats)
		return V_STATS;
	if (o->mismatch)
		return V_MISMATCH;
	if (!o->by)
		return V_EVENT;
	for (i = 0; names[i]; i++)
		if (!strcmp(o->by, names[i]))
			return (enum view)i;
	usage_error(alerts_usage, "unknown --by '%s' (use event, company, "
		    "industry or device)", o->by);
}

static void
check_date(const char *opt, const char *s)
{
	if (s && !alerts_date_ok(s))
		usage_error(alerts_usage, "%s must be a date YYYY-MM-DD, not "
			    "'%s'", opt, s);
}

static int
alerts_summary_cmd(int argc, char **argv)
{
	struct sum s;

	memset(&s, 0, sizeof(s));
	parse_opts(argc, argv, &s.o, "by stats mismatch from to company top "
		   "format output");
	if (argc - optind)
		usage_error(alerts_usage, "'alerts summary' takes no operands");
	s.view = pick_view(&s.o);
	check_date("--from", s.o.from);
	check_date("--to", s.o.to);
	if (s.o.from && s.o.to && strcmp(s.o.from, s.o.to) > 0)
		usage_error(alerts_usage, "--from %s is after --to %s",
			    s.o.from, s.o.to);
	if (s.o.format)
		s.fmt = parse_format_xlsx(alerts_usage, s.o.format);
	s.fmt = output_format(alerts_usage, s.o.format != NULL, s.fmt,
			      s.o.output);
	s.f.from = s.o.from;
	s.f.to = s.o.to;
	s.cat = load_catalog();
	s.ind = load_industries();
	company_init(&s.company);
	if (s.o.company) {
		find_company(s.o.company, &s.company);
		s.have_company = true;
		s.f.company_id = s.company.id;
	}
	s.sb = (struct sbuf)SBUF_INIT;
	if (s.fmt == OUT_XLSX) {
		view_xlsx(&s);
	} else {
		switch (s.view) {
		case V_EVENT: view_event(&s); break;
		case V_COMPANY: view_company(&s); break;
		case V_INDUSTRY: view_industry(&s); break;
		case V_DEVICE: view_device(&s); break;
		case V_STATS: view_stats(&s); break;
		case V_MISMATCH: view_mismatch(&s); break;
		}
		write_out(s.o.output, &s.sb);
	}
	sbuf_release(&s.sb);
	company_release(&s.company);
	industries_free(s.ind);
	alerts_catalog_free(s.cat);
	return 0;
}

/* ---- events ---- */

static int
alerts_events_cmd(int argc, char **argv)
{
	const struct out_column cols[] = {
		{ "id", NULL, OUT_LEFT, OUT_STR },
		{ "phase", L("段階", "stage"), OUT_LEFT, OUT_STR },
		{ "severity", L("重大度", "severity"), OUT_LEFT, OUT_STR },
		{ "title", L("内容", "in plain words"), OUT_LEFT, OUT_STR },
	};
	struct alerts_catalog *cat;
	struct out_table *tab;
	struct opts o;
	enum out_format fmt = OUT_TEXT;
	size_t i;

	parse_opts(argc, argv, &o, "format");
	if (argc - optind)
		usage_error(alerts_usage, "'alerts events' takes no operands");
	if (o.format)
		fmt = parse_format(alerts_usage, o.format);
	cat = load_catalog();
	if (!(tab = out_table_new(cols, 4)))
		die(OSK_EX_OSERR, "out of memory");
	for (i = 0; i < cat->nevents; i++) {
		const struct alerts_event *ev = &cat->events[i];
		const char *cells[4] = {
			ev->id, cat->phases[ev->phase].id,
			alerts_severity_name(ev->severity),
			osk_text_get(&ev->title, app.lang),
		};

		xcheck(out_table_add(tab, cells));
	}
	emit_table(tab, fmt);
	alerts_catalog_free(cat);
	return 0;
}

int
cmd_alerts(int argc, char **argv)
{
	static const struct subcmd sub[] = {
		{ "import", alerts_import_cmd },
		{ "summary", alerts_summary_cmd },
		{ "events", alerts_events_cmd },
		{ NULL, NULL },
	};

	return run_subcmd(sub, alerts_usage, argc, argv);
}
