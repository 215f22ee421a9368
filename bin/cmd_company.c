/* SPDX-License-Identifier: MIT */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bin/bin.h"
#include "bin/commands.h"
#include "core/asset.h"
#include "core/company.h"
#include "core/qset.h"
#include "core/industry.h"

static const char *const company_usage[] = {
	"usage: otasuke company add|list|show|edit|remove|import|assets ...",
	"",
	"Register the member companies of the programme.",
	"",
	"  add NAME --industry X [--employees N] [--pcs N] [--region R]",
	"      [--contact C]",
	"  list [--industry X] [--format text|csv|json]",
	"  show COMPANY [--format text|json]",
	"  edit COMPANY [--name N] [--industry X] [--employees N] [--pcs N]",
	"      [--region R] [--contact C]",
	"  remove COMPANY [--force]",
	"  import FILE.csv [--update] [--encoding auto|utf-8|cp932]",
	"  assets import COMPANY FILE.csv [--encoding auto|utf-8|cp932]",
	"  assets list COMPANY [--format text|csv|json]",
	"  industries [--format text|csv|json]",
	"",
	"COMPANY is a company's id or exact name. X is a JSIC division letter",
	"A-T or its name (otasuke company industries lists them). Empty",
	"--employees/--pcs/--region/--contact values clear the field.",
	"",
	"import reads a CSV with a header row: name, industry, employees, pcs,",
	"region, contact (or 会社名, 業種, 従業員数, PC台数, 地域, 連絡先).",
	"It is all or nothing: any bad row is reported and nothing is saved.",
	"--update changes companies that already exist by name.",
	NULL,
};

enum { O_INDUSTRY = 256, O_EMPLOYEES, O_PCS, O_REGION, O_CONTACT, O_NAME,
       O_FORCE, O_FORMAT, O_UPDATE, O_ENCODING };

static const struct option longopts[] = {
	{ "industry", required_argument, NULL, O_INDUSTRY },
	{ "employees", required_argument, NULL, O_EMPLOYEES },
	{ "pcs", required_argument, NULL, O_PCS },
	{ "region", required_argument, NULL, O_REGION },
	{ "contact", required_argument, NULL, O_CONTACT },
	{ "name", required_argument, NULL, O_NAME },
	{ "force", no_argument, NULL, O_FORCE },
	{ "format", required_argument, NULL, O_FORMAT },
	{ "update", no_argument, NULL, O_UPDATE },
	{ "encoding", required_argument, NULL, O_ENCODING },
	{ NULL, 0, NULL, 0 },
};

struct opts {
	const char *industry, *employees, *pcs, *region, *contact, *name;
	bool force, update;
	enum out_format format;
	enum csv_encoding enc;
};

static struct industries *industries;

/* The shipped industries list, loaded once. */
static const struct industries *
bin_industries(void)
{
	if (!industries)
		industries = load_industries();
	return industries;
}

/* Parse the options; leaves the operands in argv[optind..]. */
static void
parse_opts(int argc, char **argv, struct opts *o, const char *allowed)
{
	struct osk_error err;
	char cmd[64];
	int c;

	memset(o, 0, sizeof(*o));
	optind = 0;
	snprintf(cmd, sizeof(cmd), "company %s", argv[0]);
	while ((c = next_opt(argc, argv, "", longopts, allowed,
			      company_usage, cmd)) != -1) {
		switch (c) {
		case O_INDUSTRY: o->industry = optarg; break;
		case O_EMPLOYEES: o->employees = optarg; break;
		case O_PCS: o->pcs = optarg; break;
		case O_REGION: o->region = optarg; break;
		case O_CONTACT: o->contact = optarg; break;
		case O_NAME: o->name = optarg; break;
		case O_FORCE: o->force = true; break;
		case O_UPDATE: o->update = true; break;
		case O_FORMAT:
			o->format = parse_format(company_usage, optarg);
			break;
		case O_ENCODING:
			osk_error_clear(&err);
			if (csv_encoding_parse(optarg, &o->enc, &err))
				usage_error(company_usage, "%s", err.msg);
			break;
		}
	}
}

static void
need_operands(int argc, char **argv, int n, const char *what)
{
	if (argc - optind != n)
		usage_error(company_usage, "'company %s' needs %s", argv[0],
			    what);
}

static const char *
industry_letter(const char *s)
{
	const struct industry *it = industries_find(bin_industries(), s);

	if (!it)
		usage_error(company_usage, "unknown industry '%s'; use a JSIC "
			    "division letter A-T or its name", s);
	return it->id;
}

static int64_t
count_opt(const char *what, const char *s)
{
	if (!*s)
		return -1;
	return parse_count(company_usage, what, s);
}

static void
replace(char **field, const char *v)
{
	if (!v)
		return;
	free(*field);
	*field = *v ? xstrdup(v) : NULL;
}

/* Apply the given options to c. */
static void
apply_opts(const struct opts *o, struct company *c)
{
	if (o->industry)
		memcpy(c->industry, industry_letter(o->industry), 2);
	if (o->employees)
		c->employees = count_opt("--employees", o->employees);
	if (o->pcs)
		c->pcs = count_opt("--pcs", o->pcs);
	replace(&c->name, o->name);
	replace(&c->region, o->region);
	replace(&c->contact, o->contact);
}

static void
write_or_die(int (*fn)(struct store *, struct company *, struct osk_error *),
	     struct company *c)
{
	struct osk_error err;
	struct store *st = app_store();

	osk_error_clear(&err);
	if (store_begin(st, &err))
		die_err(&err);
	if (fn(st, c, &err)) {
		store_rollback(st);
		die_err(&err);
	}
	if (store_commit(st, &err))
		die_err(&err);
}

static int
update_company(struct store *st, struct company *c, struct osk_error *err)
{
	return company_update(st, c, err);
}

static int
company_add(int argc, char **argv)
{
	struct company c;
	struct opts o;

	parse_opts(argc, argv, &o, "industry employees pcs region contact");
	need_operands(argc, argv, 1, "a NAME and --industry");
	if (!o.industry)
		usage_error(company_usage, "'company add' needs --industry "
			    "(a JSIC letter A-T or its name)");
	company_init(&c);
	c.name = xstrdup(argv[optind]);
	apply_opts(&o, &c);
	write_or_die(company_insert, &c);
	if (!app.quiet)
		printf("%lld\n", (long long)c.id);
	company_release(&c);
	return 0;
}

static int
company_edit(int argc, char **argv)
{
	struct company c;
	struct opts o;

	parse_opts(argc, argv, &o, "name industry employees pcs region contact");
	need_operands(argc, argv, 1, "a COMPANY");
	find_company(argv[optind], &c);
	apply_opts(&o, &c);
	write_or_die(update_company, &c);
	company_release(&c);
	return 0;
}

static int
company_remove_cmd(int argc, char **argv)
{
	struct osk_error err;
	struct store *st = app_store();
	struct company c;
	struct opts o;

	parse_opts(argc, argv, &o, "force");
	need_operands(argc, argv, 1, "a COMPANY");
	find_company(argv[optind], &c);
	osk_error_clear(&err);
	if (store_begin(st, &err))
		die_err(&err);
	if (company_remove(st, c.id, o.force, &err)) {
		store_rollback(st);
		die_err(&err);
	}
	if (store_commit(st, &err))
		die_err(&err);
	info("removed company %lld '%s'", (long long)c.id, c.name);
	company_release(&c);
	return 0;
}

static void
num_cell(char *buf, size_t n, int64_t v)
{
	if (v < 0)
		buf[0] = '\0';
	else
		snprintf(buf, n, "%lld", (long long)v);
}

/* Text headings in --lang; CSV and JSON keep the names. */
static struct out_column list_cols[] = {
	{ "id", NULL, OUT_RIGHT, OUT_NUM },
	{ "name", NULL, OUT_LEFT, OUT_STR },
	{ "industry", NULL, OUT_LEFT, OUT_STR },
	{ "employees", NULL, OUT_RIGHT, OUT_NUM },
	{ "pcs", NULL, OUT_RIGHT, OUT_NUM },
	{ "region", NULL, OUT_LEFT, OUT_STR },
};
static const char *const list_ja[] = {
	"ID", "会社名", "業種", "従業員数", "PC台数", "地域",
};

static int
list_row(const struct company *c, void *data)
{
	struct out_table *t = data;
	char id[24], emp[24], pcs[24];
	const char *cells[6];

	snprintf(id, sizeof(id), "%lld", (long long)c->id);
	num_cell(emp, sizeof(emp), c->employees);
	num_cell(pcs, sizeof(pcs), c->pcs);
	cells[0] = id;
	cells[1] = c->name;
	cells[2] = c->industry;
	cells[3] = emp;
	cells[4] = pcs;
	cells[5] = c->region;
	xcheck(out_table_add(t, cells));
	return 0;
}

static int
company_list(int argc, char **argv)
{
	struct osk_error err;
	struct out_table *t;
	struct opts o;

	parse_opts(argc, argv, &o, "industry format");
	need_operands(argc, argv, 0, "no operands");
	set_titles(list_cols, list_ja, 6);
	if (!(t = out_table_new(list_cols, 6)))
		die(OSK_EX_OSERR, "out of memory");
	osk_error_clear(&err);
	if (company_each(app_store(), o.industry ? industry_letter(o.industry)
			 : NULL, list_row, t, &err))
		die_err(&err);
	emit_table(t, o.format);
	return 0;
}

static int
company_show(int argc, char **argv)
{
	const struct industries *ind = bin_industries();
	struct company_counts n;
	struct osk_error err;
	struct company c;
	struct opts o;

	parse_opts(argc, argv, &o, "format");
	need_operands(argc, argv, 1, "a COMPANY");
	find_company(argv[optind], &c);
	osk_error_clear(&err);
	if (company_counts(app_store(), c.id, &n, &err))
		die_err(&err);
	if (o.format == OUT_JSON) {
		struct sbuf sb = SBUF_INIT;
		struct jw w;

		jw_init(&w, &sb);
		jw_obj_begin(&w);
		jw_key(&w, "id"), jw_int(&w, c.id);
		jw_key(&w, "name"), jw_str(&w, c.name);
		jw_key(&w, "industry"), jw_str(&w, c.industry);
		jw_key(&w, "employees");
		c.employees < 0 ? jw_null(&w) : jw_int(&w, c.employees);
		jw_key(&w, "pcs");
		c.pcs < 0 ? jw_null(&w) : jw_int(&w, c.pcs);
		jw_key(&w, "region"), jw_str(&w, c.region);
		jw_key(&w, "contact"), jw_str(&w, c.contact);
		jw_key(&w, "created_at"), jw_str(&w, c.created_at);
		jw_key(&w, "updated_at"), jw_str(&w, c.updated_at);
		jw_key(&w, "assessments"), jw_int(&w, n.assessments);
		jw_key(&w, "survey_responses"), jw_int(&w, n.responses);
		jw_key(&w, "alerts"), jw_int(&w, n.alerts);
		jw_key(&w, "incidents"), jw_int(&w, n.incidents);
		jw_key(&w, "assets"), jw_int(&w, n.assets);
		jw_obj_end(&w);
		xcheck(w.err);
		xcheck(sbuf_addch(&sb, '\n'));
		emit(&sb);
		sbuf_release(&sb);
	} else {
		printf("%s: %lld\n", L("ID", "id"), (long long)c.id);
		printf("%s: %s\n", L("会社名", "name"), c.name);
		printf("%s: %s %s\n", L("業種", "industry"), c.industry,
		       industries_name(ind, c.industry, app.lang));
		if (c.employees >= 0)
			printf("%s: %lld\n", L("従業員数", "employees"),
			       (long long)c.employees);
		if (c.pcs >= 0)
			printf("%s: %lld\n", L("PC台数", "pcs"),
			       (long long)c.pcs);
		if (c.region)
			printf("%s: %s\n", L("地域", "region"), c.region);
		if (c.contact)
			printf("%s: %s\n", L("連絡先", "contact"), c.contact);
		printf("%s: %lld, %s: %lld, %s: %lld, %s: %lld, %s: %lld\n",
		       L("診断", "assessments"), (long long)n.assessments,
		       L("アンケート", "survey responses"),
		       (long long)n.responses, L("アラート", "alerts"),
		       (long long)n.alerts, L("インシデント", "incidents"),
		       (long long)n.incidents, L("機器", "assets"),
		       (long long)n.assets);
	}
	company_release(&c);
	return 0;
}

static int
company_import_cmd(int argc, char **argv)
{
	struct company_import imp;
	struct osk_errlist errs;
	struct osk_error err;
	struct opts o;
	int r;

	parse_opts(argc, argv, &o, "update encoding");
	need_operands(argc, argv, 1, "a FILE.csv");
	memset(&imp, 0, sizeof(imp));
	imp.enc = o.enc;
	imp.update = o.update;
	imp.ind = bin_industries();
	imp.unknown = (struct sbuf)SBUF_INIT;
	osk_errlist_init(&errs, 20);
	osk_error_clear(&err);
	r = company_import(app_store(), argv[optind], &imp, &errs, &err);
	if (imp.unknown.len)
		warning("%s: ignored unknown columns %s", argv[optind],
			imp.unknown.buf);
	sbuf_release(&imp.unknown);
	if (errs.total)
		die_errlist(&errs, argv[optind]);
	if (r)
		die_err(&err);
	osk_errlist_release(&errs);
	info("%s: %zu companies added, %zu updated (%s)", argv[optind],
	     imp.added, imp.updated, csv_encoding_name(imp.used));
	return 0;
}

static int
assets_import(int argc, char **argv)
{
	struct sbuf unknown = SBUF_INIT;
	struct osk_errlist errs;
	struct osk_error err;
	struct company c;
	struct opts o;
	size_t n = 0;
	int r;

	parse_opts(argc, argv, &o, "encoding");
	need_operands(argc, argv, 2, "a COMPANY and a FILE.csv");
	find_company(argv[optind], &c);
	osk_errlist_init(&errs, 20);
	osk_error_clear(&err);
	r = asset_import(app_store(), c.id, argv[optind + 1], o.enc, &n,
			 &unknown, &errs, &err);
	if (unknown.len)
		warning("%s: ignored unknown columns %s", argv[optind + 1],
			unknown.buf);
	sbuf_release(&unknown);
	if (errs.total)
		die_errlist(&errs, argv[optind + 1]);
	if (r)
		die_err(&err);
	info("%s: %zu devices stored for '%s' (the previous list was "
	     "replaced)", argv[optind + 1], n, c.name);
	company_release(&c);
	return 0;
}

static struct out_column asset_cols[] = {
	{ "ip", NULL, OUT_LEFT, OUT_STR },
	{ "mac", NULL, OUT_LEFT, OUT_STR },
	{ "hostname", NULL, OUT_LEFT, OUT_STR },
	{ "owner", NULL, OUT_LEFT, OUT_STR },
	{ "location", NULL, OUT_LEFT, OUT_STR },
};
static const char *const asset_ja[] = {
	"IPアドレス", "MACアドレス", "機器名", "使う人", "置き場所",
};

static int
asset_row(const struct asset *a, void *data)
{
	const char *cells[5] = { a->ip, a->mac, a->hostname, a->owner,
				 a->location };

	xcheck(out_table_add(data, cells));
	return 0;
}

static int
assets_list(int argc, char **argv)
{
	struct osk_error err;
	struct out_table *t;
	struct company c;
	struct opts o;

	parse_opts(argc, argv, &o, "format");
	need_operands(argc, argv, 1, "a COMPANY");
	find_company(argv[optind], &c);
	set_titles(asset_cols, asset_ja, 5);
	if (!(t = out_table_new(asset_cols, 5)))
		die(OSK_EX_OSERR, "out of memory");
	osk_error_clear(&err);
	if (asset_each(app_store(), c.id, asset_row, t, &err))
		die_err(&err);
	emit_table(t, o.format);
	company_release(&c);
	return 0;
}

static int
cmd_company_assets(int argc, char **argv)
{
	static const struct subcmd sub[] = {
		{ "import", assets_import },
		{ "list", assets_list },
		{ NULL, NULL },
	};

	return run_subcmd(sub, company_usage, argc, argv);
}

static struct out_column industry_cols[] = {
	{ "id", NULL, OUT_LEFT, OUT_STR },
	{ "ja", NULL, OUT_LEFT, OUT_STR },
	{ "en", NULL, OUT_LEFT, OUT_STR },
};
static const char *const industry_ja[] = { "記号", "日本語名", "英語名" };

static int
company_industries(int argc, char **argv)
{
	const struct industries *ind = bin_industries();
	struct out_table *t;
	struct opts o;
	size_t i;

	parse_opts(argc, argv, &o, "format");
	need_operands(argc, argv, 0, "no operands");
	set_titles(industry_cols, industry_ja, 3);
	if (!(t = out_table_new(industry_cols, 3)))
		die(OSK_EX_OSERR, "out of memory");
	for (i = 0; i < ind->n; i++) {
		const char *cells[3] = { ind->items[i].id, ind->items[i].ja,
					 ind->items[i].en };

		xcheck(out_table_add(t, cells));
	}
	emit_table(t, o.format);
	return 0;
}

int
cmd_company(int argc, char **argv)
{
	static const struct subcmd sub[] = {
		{ "add", company_add },
		{ "list", company_list },
		{ "show", company_show },
		{ "edit", company_edit },
		{ "remove", company_remove_cmd },
		{ "import", company_import_cmd },
		{ "assets", cmd_company_assets },
		{ "industries", company_industries },
		{ NULL, NULL },
	};

	return run_subcmd(sub, company_usage, argc, argv);
}
