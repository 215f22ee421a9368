/* SPDX-License-Identifier: MIT */
/*
 * otasuke demo: a seeded generator of a plausible programme (clearly
 * marked sample companies, hearings, survey responses, sensor alerts,
 * incidents), then every report. Same seed, same database and reports.
 */
#include <errno.h>
#include <getopt.h>
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
#include "diag/diag.h"

static const char *const demo_usage[] = {
	"usage: otasuke demo [-o DIR] [-n N] [--seed S]",
	"",
	"Fill a new database with N sample companies (default 71), their",
	"hearings, 90 survey responses, three months of sensor alerts and a",
	"few incidents, then write every report into DIR (default: demo).",
	"The database is --db (it must be new or empty). The same seed gives",
	"the same database and the same reports.",
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

static void
hearing(struct store *st, const struct demo_company *dc, const char *set,
	double m)
{
	struct diag_answers *a = NULL;
	struct osk_error err;
	size_t i;

	osk_error_clear(&err);
	if (diag_answers_new(st, dc->id, set, &a, &err))
		die_err(&err);
	for (i = 0; i < a->q->nquestions; i++) {
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
				dc[i].maturity * 0.7);
		}
		snprintf(when, sizeof(when), "2026-10-%02ld 14:00",
			 rnd_in(1, 30));
		set_clock(when);
		/* A few hearings are still under way: not every company. */
		if (i % 23 == 22)
			continue;
		hearing(st, &dc[i], "diag-office", dc[i].maturity);
		if (dc[i].telework)
			hearing(st, &dc[i], "diag-telework",
				dc[i].maturity * 0.9);
	}
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
		{ NULL, 0, NULL, 0 },
	};
	const char *dir = "demo", *sde = getenv("SOURCE_DATE_EPOCH");
	char *saved_sde = sde ? xstrdup(sde) : NULL;
	struct demo_company *dc;
	long existing = 0;
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

	if (saved_sde)
		setenv("SOURCE_DATE_EPOCH", saved_sde, 1);
	else
		unsetenv("SOURCE_DATE_EPOCH");
	free(saved_sde);
	free(dc);
	info("demo: %ld sample companies in '%s'", n, app.dbpath);
	return 0;
}
