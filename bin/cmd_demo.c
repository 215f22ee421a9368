/* SPDX-License-Identifier: MIT */
/*
 * otasuke demo: a seeded generator of a plausible programme (clearly
 * marked sample companies, hearings, survey responses, sensor alerts,
 * incidents), then every report. Same seed, same database and reports.
 */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "bin/bin.h"
#include "bin/commands.h"
#include "core/asset.h"
#include "core/company.h"
#include "core/industry.h"
#include "core/qstore.h"
#include "alerts/alerts.h"
#include "diag/diag.h"
#include "survey/survey.h"

static const char *const demo_usage[] = {
	"usage: otasuke demo [-o DIR] [-n N] [--seed S]",
	"",
	"Fill a new database with N sample companies (default 71), their",
	"hearings, 90 survey responses, three months of sensor alerts and a",
	"few incidents, then write every report into DIR (default: demo).",
	"",
	"  -o, --output DIR     where the reports go (default: demo)",
	"  -n, --companies N    how many sample companies (default 71)",
	"  --seed S             seed of the generator (default 1)",
	"",
	"The database is --db (it must be new or hold no companies). The same",
	"seed gives the same database and the same reports.",
	NULL,
};

/* ---- a small seeded random source (xorshift64*) ---- */

static uint64_t rng_state;

static uint32_t
rnd(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (uint32_t)((rng_state * 2685821657736338717ULL) >> 32);
}

/* A uniform integer in [lo, hi]. */
static long
rnd_in(long lo, long hi)
{
	return lo + (long)(rnd() % (uint32_t)(hi - lo + 1));
}

/* A uniform real in [0, 1). */
static double
rnd01(void)
{
	return rnd() / 4294967296.0;
}

/* The demo's clock: dates are fixed so that reports are reproducible. */
static void
set_clock(const char *when)
{
	struct tm tm;
	char buf[32];

	memset(&tm, 0, sizeof(tm));
	strptime(when, "%Y-%m-%d %H:%M", &tm);
	snprintf(buf, sizeof(buf), "%lld", (long long)timegm(&tm));
	setenv("SOURCE_DATE_EPOCH", buf, 1);
}

/* ---- companies and devices ---- */

struct demo_company {
	int64_t id;
	char industry;
	long employees, pcs;
	double maturity;	/* 0..1: how far along the company is */
	bool telework, previous;
};

static const struct {
	char industry;
	int weight;
	const char *const *kinds;
} industry_mix[] = {
	{ 'E', 20, (const char *const[]){ "製作所", "工業", "精機", NULL } },
	{ 'D', 14, (const char *const[]){ "建設", "工務店", "設備", NULL } },
	{ 'I', 12, (const char *const[]){ "商店", "商事", "物産", NULL } },
	{ 'L', 9, (const char *const[]){ "会計事務所", "設計事務所",
					 "法律事務所", NULL } },
	{ 'P', 7, (const char *const[]){ "クリニック", "介護サービス",
					 "歯科医院", NULL } },
	{ 'H', 5, (const char *const[]){ "運輸", "物流", NULL } },
	{ 'M', 4, (const char *const[]){ "食堂", "旅館", NULL } },
};

static const char *const place_names[] = {
	"青葉", "旭", "東山", "北浜", "桜台", "松島", "若葉", "緑町", "港南",
	"白鳥", "清水", "栄", "中央", "春日", "朝日", "星野", "富士見", "本町",
};

static const char *const regions[] = {
	"宮城県", "山形県", "福島県", "岩手県",
};

static char
pick_industry(void)
{
	int total = 0, r;
	size_t i;

	for (i = 0; i < sizeof(industry_mix) / sizeof(*industry_mix); i++)
		total += industry_mix[i].weight;
	r = (int)rnd_in(0, total - 1);
	for (i = 0; r >= industry_mix[i].weight; i++)
		r -= industry_mix[i].weight;
	return industry_mix[i].industry;
}

static const char *
pick_kind(char industry)
{
	size_t i, n;

	for (i = 0; industry_mix[i].industry != industry; i++)
		;
	for (n = 0; industry_mix[i].kinds[n]; n++)
		;
	return industry_mix[i].kinds[rnd() % n];
}

static void
add_companies(struct store *st, struct demo_company *dc, long n)
{
	struct osk_error err;
	long i;

	osk_error_clear(&err);
	for (i = 0; i < n; i++) {
		struct company c;
		char name[160], contact[64];
		long k, ndev;

		company_init(&c);
		dc[i].industry = pick_industry();
		dc[i].employees = rnd01() < 0.6 ? rnd_in(2, 20)
						: rnd_in(21, 180);
		dc[i].pcs = dc[i].employees * rnd_in(6, 13) / 10 + 1;
		dc[i].maturity = 0.15 + 0.8 * rnd01();
		dc[i].telework = rnd01() < 0.3;
		dc[i].previous = rnd01() < 0.25;
		snprintf(name, sizeof(name), "（見本）%s%s %ld",
			 place_names[rnd() % (sizeof(place_names) /
					      sizeof(*place_names))],
			 pick_kind(dc[i].industry), i + 1);
		snprintf(contact, sizeof(contact), "代表 022-000-%04ld", i + 1);
		c.name = name;
		c.industry[0] = dc[i].industry;
		c.employees = dc[i].employees;
		c.pcs = dc[i].pcs;
		c.region = (char *)regions[rnd() % 4];
		c.contact = contact;
		if (company_insert(st, &c, &err))
			die_err(&err);
		dc[i].id = c.id;
		ndev = dc[i].pcs < 8 ? dc[i].pcs : 8;
		for (k = 0; k < ndev; k++) {
			static const char *const owners[] = {
				"総務", "経理", "営業", "代表", "現場",
			};
			char ip[32], host[32];

			snprintf(ip, sizeof(ip), "192.168.%ld.%ld", 1 + i % 200,
				 10 + k);
			snprintf(host, sizeof(host), "%s-PC%02ld",
				 k == 0 ? "NAS" : "OFFICE", k);
			if (asset_add(st, dc[i].id, ip, NULL, host,
				      owners[k % 5], "事務所", &err))
				die_err(&err);
		}
	}
}

/* ---- hearings ---- */

/* An option for a question given the company's maturity. */
static const char *
pick_option(const struct qset_question *qq, double m)
{
	const struct qset_option *best = NULL, *worst = NULL, *mid = NULL;
	const struct qset_option *unknown = NULL, *na = NULL;
	double r = rnd01();
	size_t i;

	if (!qq->scored)
		return qq->options[rnd() % qq->noptions].id;
	for (i = 0; i < qq->noptions; i++) {
		const struct qset_option *o = &qq->options[i];

		if (o->na)
			na = o;
		else if (o->unknown)
			unknown = o;
		else if (!best || o->points > best->points)
			best = o;
	}
	for (i = 0; i < qq->noptions; i++) {
		const struct qset_option *o = &qq->options[i];

		if (o->na || o->unknown)
			continue;
		if (!worst || o->points < worst->points)
			worst = o;
		if (o != best && (!mid || o->points > mid->points))
			mid = o;
	}
	if (unknown && r < 0.05)
		return unknown->id;
	if (na && r < 0.07)
		return na->id;
	r = rnd01();
	if (r < m)
		return best->id;
	if (mid && mid != worst && r < m + (1 - m) / 2)
		return mid->id;
	return worst->id;
}

/* A hearing; with part < 1 only that share of the questions is answered. */
static void
hearing(struct store *st, const struct demo_company *dc, const char *set,
	double m, double part)
{
	struct diag_answers *a = NULL;
	struct osk_error err;
	size_t i, stop;

	osk_error_clear(&err);
	if (diag_answers_new(st, dc->id, set, &a, &err))
		die_err(&err);
	stop = (size_t)(part * (double)a->q->nquestions);
	for (i = 0; i < stop; i++) {
		if (!diag_answers_asked(a, i))
			continue;
		if (diag_answers_put(st, a, i, pick_option(&a->q->questions[i],
							   m), NULL, &err))
			die_err(&err);
	}
	if (diag_answers_finish(st, a, NULL, &err))
		die_err(&err);
	diag_answers_free(a);
}

static void
add_hearings(struct store *st, struct demo_company *dc, long n)
{
	long i;

	for (i = 0; i < n; i++) {
		char when[32];

		if (dc[i].previous) {
			snprintf(when, sizeof(when), "2026-05-%02ld 10:00",
				 rnd_in(10, 28));
			set_clock(when);
			hearing(st, &dc[i], "diag-office",
				dc[i].maturity * 0.7, 1.0);
		}
		snprintf(when, sizeof(when), "2026-10-%02ld 14:00",
			 rnd_in(1, 30));
		set_clock(when);
		/* A few hearings are still under way (resume them). */
		hearing(st, &dc[i], "diag-office", dc[i].maturity,
			i % 23 == 22 ? 0.6 : 1.0);
		if (dc[i].telework)
			hearing(st, &dc[i], "diag-telework",
				dc[i].maturity * 0.9, 1.0);
	}
}

/* ---- seminar survey ---- */

/* The choice a respondent picks, leaning towards the first choices. */
static const struct qset_option *
pick_choice(const struct qset_question *qq)
{
	size_t n = qq->noptions, i = (size_t)(rnd01() * rnd01() * (double)n);

	return &qq->options[i < n ? i : n - 1];
}

static bool
chose(const char *const *picked, size_t qi, const char *choice)
{
	const char *v = picked[qi], *p;
	size_t len = strlen(choice);

	for (p = v; p && (p = strstr(p, choice)); p += len)
		if ((p == v || p[-1] == ';') && (!p[len] || p[len] == ';'))
			return true;
	return false;
}

static bool
when_holds(const struct qset_question *qq, const char *const *picked)
{
	size_t i;

	if (!qq->when)
		return true;
	for (i = 0; i < qq->when->nchoices; i++)
		if (chose(picked, qq->when->question, qq->when->choices[i]))
			return true;
	return false;
}

/* One response's cell for question qq. */
static void
survey_cell(const struct qset_question *qq, const struct demo_company *dc,
	    struct sbuf *cell)
{
	size_t i, k;

	switch (qq->type) {
	case QSET_SINGLE:
		if (!strcmp(qq->id, "industry") && dc) {
			sbuf_addch(cell, dc->industry);
		} else if (!strcmp(qq->id, "employees") && dc) {
			static const long top[] = { 5, 20, 50, 100, 300 };

			for (i = 0; i < 5 && dc->employees > top[i]; i++)
				;
			sbuf_adds(cell, qq->options[i < qq->noptions ? i : 0].id);
		} else {
			sbuf_adds(cell, pick_choice(qq)->id);
		}
		break;
	case QSET_MULTI:
		k = (size_t)rnd_in(1, 3);
		if (qq->max_choices && k > (size_t)qq->max_choices)
			k = (size_t)qq->max_choices;
		for (i = 0; i < qq->noptions && k; i++) {
			const char *id = qq->options[i].id;

			if (rnd01() > 0.45 || (qq->other && !strcmp(id, "other")))
				continue;
			if (cell->len)
				sbuf_addch(cell, ';');
			sbuf_adds(cell, id);
			k--;
		}
		if (!cell->len)
			sbuf_adds(cell, qq->options[0].id);
		break;
	case QSET_NUMBER:
		sbuf_addf(cell, "%ld", rnd_in(1, 50));
		break;
	default:
		break;
	}
}

static void
write_survey(const char *path, const struct qset *q,
	     const struct demo_company *dc, long ndc, int nresp)
{
	struct sbuf sb = SBUF_INIT, cell = SBUF_INIT;
	char **picked = xcalloc(q->nquestions, sizeof(*picked));
	size_t i;
	FILE *f;
	int r;

	sbuf_adds(&sb, "respondent,company,submitted_at");
	for (i = 0; i < q->nquestions; i++)
		sbuf_addf(&sb, ",%s", q->questions[i].id);
	sbuf_adds(&sb, "\r\n");
	for (r = 0; r < nresp; r++) {
		/* Two out of three respondents are member companies. */
		const struct demo_company *c = r % 3 != 2 && r / 3 * 2 < ndc ?
			&dc[(r / 3 * 2 + r % 3) % ndc] : NULL;

		sbuf_addf(&sb, "R%03d,", r + 1);
		if (c)
			sbuf_addf(&sb, "%lld", (long long)c->id);
		sbuf_addf(&sb, ",2026-09-%02d", 10 + r % 3 * 7);
		for (i = 0; i < q->nquestions; i++) {
			sbuf_reset(&cell);
			if (when_holds(&q->questions[i],
				       (const char *const *)picked) &&
			    rnd01() < 0.97)
				survey_cell(&q->questions[i], c, &cell);
			free(picked[i]);
			picked[i] = xstrdup(cell.buf);
			sbuf_addch(&sb, ',');
			xcheck(csv_write_field(&sb, cell.buf, cell.len));
		}
		sbuf_adds(&sb, "\r\n");
	}
	if (!(f = fopen(path, "w")) || fwrite(sb.buf, 1, sb.len, f) != sb.len ||
	    fclose(f))
		die(OSK_EX_CANTCREAT, "cannot write '%s'", path);
	for (i = 0; i < q->nquestions; i++)
		free(picked[i]);
	free(picked);
	sbuf_release(&cell);
	sbuf_release(&sb);
}

static void
add_survey(struct store *st, const char *dir, const struct demo_company *dc,
	   long n)
{
	struct osk_errlist errs, warns;
	struct survey_import imp;
	struct osk_error err;
	struct qset *q;
	char path[4096];

	osk_error_clear(&err);
	if (!(q = survey_set_load(st, "survey-seminar", NULL, &err)))
		die_err(&err);
	snprintf(path, sizeof(path), "%s/data/survey-seminar.csv", dir);
	write_survey(path, q, dc, n, 90);
	qset_free(q);
	survey_import_init(&imp);
	imp.event = "2026-09 セミナー（見本）";
	osk_errlist_init(&errs, 20);
	osk_errlist_init(&warns, 20);
	if (survey_import_file(st, path, &imp, &errs, &warns, &err)) {
		if (errs.total)
			die_errlist(&errs, path);
		die_err(&err);
	}
	osk_errlist_release(&errs);
	osk_errlist_release(&warns);
	survey_import_release(&imp);
}

/* ---- sensor alerts and incidents ---- */

/* Typical monthly counts per PC, by event (scans dominate). */
static double
event_rate(const char *id)
{
	static const struct {
		const char *id;
		double rate;
	} rates[] = {
		{ "port-scan", 2.5 }, { "url-scan", 1.2 },
		{ "login-bruteforce-fail", 1.5 },
		{ "login-reverse-bruteforce-fail", 0.6 },
		{ "phishing-site", 0.25 }, { "malware-site", 0.15 },
		{ "abnormal-process", 0.05 }, { "c2-known", 0.03 },
		{ "c2-dga", 0.02 }, { "dns-tunneling", 0.01 },
		{ "login-bruteforce-success", 0.005 }, { "syn-flood", 0.05 },
	};
	size_t i;

	for (i = 0; i < sizeof(rates) / sizeof(*rates); i++)
		if (!strcmp(rates[i].id, id))
			return rates[i].rate;
	return 0.05;
}

static void
write_alerts(const char *path, const struct alerts_catalog *cat,
	     const struct demo_company *dc, long n)
{
	static const char *const months[][2] = {
		{ "2026-08-01", "2026-08-31" },
		{ "2026-09-01", "2026-09-30" },
		{ "2026-10-01", "2026-10-31" },
	};
	struct sbuf sb = SBUF_INIT;
	size_t e, m;
	long i;
	FILE *f;

	sbuf_adds(&sb, "company,period_start,period_end,event,count,src_ip\n");
	for (i = 0; i < n; i++) {
		double exposure = dc[i].pcs * (1.3 - dc[i].maturity);

		for (m = 0; m < 3; m++) {
			for (e = 0; e < cat->nevents; e++) {
				double mean = event_rate(cat->events[e].id) *
					      exposure;
				long count = (long)(mean * 2 * rnd01() + 0.5);
				bool inside = cat->events[e].severity ==
					      ALERTS_HIGH;

				if (!count)
					continue;
				sbuf_addf(&sb, "%lld,%s,%s,%s,%ld,",
					  (long long)dc[i].id, months[m][0],
					  months[m][1], cat->events[e].id,
					  count);
				/* Inside-out events name the office PC. */
				if (inside)
					sbuf_addf(&sb, "192.168.%ld.%ld",
						  1 + i % 200, 10 + rnd_in(0,
						  dc[i].pcs < 8 ? dc[i].pcs - 1
								: 7));
				sbuf_addch(&sb, '\n');
			}
		}
	}
	if (!(f = fopen(path, "w")) || fwrite(sb.buf, 1, sb.len, f) != sb.len ||
	    fclose(f))
		die(OSK_EX_CANTCREAT, "cannot write '%s'", path);
	sbuf_release(&sb);
}

static void
add_alerts(struct store *st, const char *dir, const struct demo_company *dc,
	   long n)
{
	static const struct {
		enum alerts_severity sev;
		const char *title, *detail, *action;
	} kinds[] = {
		{ ALERTS_HIGH, "事務所のパソコンが不審なサーバーと通信",
		  "見守り装置が、犯罪者が使うサーバーとの通信を検知しました。",
		  "該当のパソコンをネットワークから外し、窓口に連絡してください。" },
		{ ALERTS_MEDIUM, "偽のログイン画面へのアクセス",
		  "社員が偽のショッピングサイトのログイン画面を開いていました。",
		  "同じパスワードを使っているサービスのパスワードを変えてください。" },
		{ ALERTS_LOW, "外部からの大量のログイン試行",
		  "リモート接続の入口に対し、パスワードを当てる試みが続いています。",
		  "使っていない入口は閉じ、パスワードを長いものに変えてください。" },
	};
	struct alerts_import_result res;
	struct osk_errlist errs;
	struct alerts_catalog *cat;
	struct osk_error err;
	char path[4096];
	long i;

	osk_errlist_init(&errs, 20);
	osk_error_clear(&err);
	snprintf(path, sizeof(path), "%s/alerts.yaml", osk_datadir());
	if (!(cat = alerts_catalog_load_file(path, &errs)))
		die_errlist(&errs, path);
	snprintf(path, sizeof(path), "%s/data/alerts-2026q3.csv", dir);
	write_alerts(path, cat, dc, n);
	memset(&res, 0, sizeof(res));
	if (alerts_summary_import(st, cat, path, CSV_ENC_AUTO, &res, &errs,
				  &err)) {
		if (errs.total)
			die_errlist(&errs, path);
		die_err(&err);
	}
	alerts_catalog_free(cat);
	osk_errlist_release(&errs);

	if (store_begin(st, &err))
		die_err(&err);
	for (i = 0; i < n; i += 9) {
		struct alerts_incident inc;
		size_t k = (size_t)i / 9 % 3;

		memset(&inc, 0, sizeof(inc));
		inc.company_id = dc[i].id;
		snprintf(inc.date, sizeof(inc.date), "2026-10-%02ld",
			 rnd_in(3, 28));
		inc.severity = kinds[k].sev;
		inc.title = kinds[k].title;
		inc.detail = kinds[k].detail;
		inc.action = kinds[k].action;
		if (alerts_incident_add(st, &inc, &err))
			die_err(&err);
		if (i % 2 && alerts_incident_close(st, inc.id, "対応済み（見本）",
						   &err))
			die_err(&err);
	}
	if (store_commit(st, &err))
		die_err(&err);
}

/* ---- reports ---- */

/* Run an otasuke command line from the demo, e.g. run("report", ...). */
static void
run(const char *first, ...)
{
	static const struct {
		const char *name;
		int (*fn)(int, char **);
	} cmds[] = {
		{ "report", cmd_report }, { "survey", cmd_survey },
		{ "alerts", cmd_alerts }, { "config", cmd_config },
	};
	char *argv[16];
	int argc = 0, r;
	size_t i;
	va_list ap;

	argv[argc++] = (char *)first;
	va_start(ap, first);
	while (argc < 15 && (argv[argc] = va_arg(ap, char *)))
		argc++;
	va_end(ap);
	argv[argc] = NULL;
	for (i = 0; strcmp(cmds[i].name, first); i++)
		;
	fflush(stdout);
	if ((r = cmds[i].fn(argc, argv)) && r != OSK_EX_SOME_FAILED)
		die(r, "demo: '%s %s' failed", first, argv[1]);
}

static void
write_reports(const char *dir)
{
	char path[4096];

	snprintf(path, sizeof(path), "%s/sheets", dir);
	run("report", "batch", "--all", "-o", path, NULL);
	snprintf(path, sizeof(path), "%s/survey.pdf", dir);
	run("report", "survey", "-o", path, NULL);
	snprintf(path, sizeof(path), "%s/survey.xlsx", dir);
	run("report", "survey", "-o", path, NULL);
	snprintf(path, sizeof(path), "%s/survey-by-industry.xlsx", dir);
	run("report", "survey", "--by", "industry", "-o", path, NULL);
	snprintf(path, sizeof(path), "%s/region.pdf", dir);
	run("report", "region", "-o", path, NULL);
	snprintf(path, sizeof(path), "%s/region.xlsx", dir);
	run("report", "region", "-o", path, NULL);
	snprintf(path, sizeof(path), "%s/alerts-by-stage.xlsx", dir);
	run("alerts", "summary", "--format", "xlsx", "-o", path, NULL);
}

/* ---- the command ---- */

static int
count_one(const struct company *c, void *data)
{
	(void)c;
	++*(long *)data;
	return 0;
}

int
cmd_demo(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "companies", required_argument, NULL, 'n' },
		{ "seed", required_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *dir = "demo", *sde = getenv("SOURCE_DATE_EPOCH");
	char *saved_sde = sde ? xstrdup(sde) : NULL;
	struct demo_company *dc;
	long existing = 0;
	char data[4096];
	struct osk_error err;
	long n = 71, seed = 1;
	int c;

	optind = 0;
	while ((c = getopt_long(argc, argv, "o:n:s:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'o':
			dir = optarg;
			break;
		case 'n':
			n = parse_count(demo_usage, "-n", optarg);
			if (n < 1 || n > 100000)
				usage_error(demo_usage, "-n must be 1 to 100000");
			break;
		case 's':
			seed = parse_count(demo_usage, "--seed", optarg);
			break;
		case 'h':
			usage_help(demo_usage);
		default:
			usage_error(demo_usage, "unknown option '%s'",
				    argv[optind - 1]);
		}
	}
	if (optind != argc)
		usage_error(demo_usage, "'demo' takes no operands");
	if (mkdir(dir, 0755) && errno != EEXIST)
		die(OSK_EX_CANTCREAT, "cannot create '%s': %s", dir,
		    strerror(errno));
	osk_error_clear(&err);
	if (!(app.store = store_open(app.dbpath, STORE_CREATE, &err)))
		die_err(&err);
	if (company_each(app.store, NULL, count_one, &existing, &err))
		die_err(&err);
	if (existing)
		die(OSK_EX_DATAERR, "the demo needs a new database, and '%s' "
		    "has %ld companies; name another file with --db",
		    app.dbpath, existing);
	load_shipped_sets();
	rng_state = (uint64_t)seed * 0x9e3779b97f4a7c15ULL + 1;
	dc = xcalloc((size_t)n, sizeof(*dc));

	if (store_begin(app.store, &err))
		die_err(&err);
	add_companies(app.store, dc, n);
	add_hearings(app.store, dc, n);
	if (store_commit(app.store, &err))
		die_err(&err);
	snprintf(data, sizeof(data), "%s/data", dir);
	if (mkdir(data, 0755) && errno != EEXIST)
		die(OSK_EX_CANTCREAT, "cannot create '%s': %s", data,
		    strerror(errno));
	set_clock("2026-11-02 09:00");
	add_survey(app.store, dir, dc, n);
	add_alerts(app.store, dir, dc, n);
	run("config", "set", "desk.name", "おたすけ隊 相談窓口（見本）", NULL);
	run("config", "set", "desk.phone", "0120-000-000", NULL);
	run("config", "set", "desk.hours", "平日 9:00〜17:00", NULL);
	run("config", "set", "desk.email", "desk@example.jp", NULL);
	write_reports(dir);

	if (saved_sde)
		setenv("SOURCE_DATE_EPOCH", saved_sde, 1);
	else
		unsetenv("SOURCE_DATE_EPOCH");
	free(saved_sde);
	free(dc);
	info("demo: %ld sample companies in '%s'", n, app.dbpath);
	return 0;
}
