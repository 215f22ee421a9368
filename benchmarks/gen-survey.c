/* SPDX-License-Identifier: MIT */
/*
 * Seeded generator of synthetic seminar survey responses as CSV, one row
 * per response, one column per question of questions/survey-seminar.yaml:
 *   gen-survey N SEED > responses.csv
 * Same N and SEED, same file. Skip logic is followed (challenges only after
 * has_challenges = yes, ...); about 3 % of cells are left blank, some
 * "other" answers carry text. The choice ids below mirror the YAML.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t state;

static uint32_t
rnd(void)
{
	/* xorshift64*: small, fast and good enough for test data. */
	state ^= state >> 12;
	state ^= state << 25;
	state ^= state >> 27;
	return (uint32_t)((state * 2685821657736338717ULL) >> 32);
}

static int
chance(int percent)
{
	return (int)(rnd() % 100) < percent;
}

#define N(a) (sizeof(a) / sizeof(*(a)))

static const char *const industry[] = {
	"A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L", "M", "N",
	"O", "P", "Q", "R", "S", "T",
};
/* Rough weights: construction, manufacturing, retail and services lead. */
static const int industry_w[] = {
	1, 1, 1, 12, 20, 1, 6, 5, 15, 2, 4, 6, 7, 5, 2, 6, 1, 4, 0, 1,
};
static const char *const employees[] = {
	"1-5", "6-20", "21-50", "51-100", "101-300", "301+",
};
static const int employees_w[] = { 30, 30, 20, 10, 7, 3 };
static const char *const it_staff[] = { "dedicated", "combined", "none" };
static const char *const measures[] = {
	"antivirus", "firewall", "utm", "backups", "updates",
	"password-rules", "sharing", "staff-training", "written-rules",
	"monitoring", "insurance",
};
static const char *const yes_no[] = { "yes", "no" };
static const char *const yes_no_unknown[] = { "yes", "no", "unknown" };
static const char *const challenges[] = {
	"no-staff", "no-budget", "dont-know-what", "no-time", "no-advisor",
	"value-unclear", "staff-awareness",
};
static const char *const priority[] = {
	"price", "function", "support", "on-site", "ease", "reputation",
};
static const char *const budget[] = {
	"upto-50k", "50k-100k", "100k-300k", "300k-1m", "over-1m", "unknown",
};
static const char *const impact[] = {
	"business-stop", "customer-trust", "compensation", "customer-data",
	"secrets", "money", "partners", "recovery-cost",
};
static const char *const insurance_price[] = {
	"high", "not-high", "unknown",
};
static const char *const telework_challenges[] = {
	"devices", "connection", "paper", "management", "communication",
	"rules", "security", "cost",
};
static const char *const telework_worries[] = {
	"loss", "home-network", "infection", "private-devices", "family",
	"remote-access", "web-meetings", "data-handling",
};

static const char *
pick(const char *const *a, size_t n)
{
	return a[rnd() % n];
}

static const char *
pick_w(const char *const *a, const int *w, size_t n)
{
	int total = 0, r;
	size_t i;

	for (i = 0; i < n; i++)
		total += w[i];
	r = (int)(rnd() % (uint32_t)total);
	for (i = 0; i < n; i++)
		if ((r -= w[i]) < 0)
			return a[i];
	return a[n - 1];
}

/* A single-choice cell: blank now and then. */
static void
single(const char *v, int last)
{
	if (!chance(3))
		fputs(v, stdout);
	putchar(last ? '\n' : ',');
}

/* A multi-choice cell: each choice with probability p percent. */
static void
multi(const char *const *a, size_t n, int p, int other, const char *none,
      long row, int last)
{
	int any = 0;
	size_t i;

	if (!chance(3)) {
		for (i = 0; i < n; i++)
			if (chance(p)) {
				printf("%s%s", any ? ";" : "", a[i]);
				any = 1;
			}
		if (other && chance(5)) {
			printf("%sother:自由記述 %ld", any ? ";" : "", row);
			any = 1;
		}
		if (!any && none)
			fputs(none, stdout);
		else if (!any)
			fputs(a[rnd() % n], stdout);
	}
	putchar(last ? '\n' : ',');
}

int
main(int argc, char **argv)
{
	long n, i;

	if (argc < 3) {
		fprintf(stderr, "usage: gen-survey N SEED\n");
		return 64;
	}
	n = atol(argv[1]);
	state = (uint64_t)atoll(argv[2]) * 0x9e3779b97f4a7c15ULL + 1;
	puts("respondent,industry,employees,it_staff,measures,av_not_enough,"
	     "has_challenges,challenges,priority,budget,customer_demand,"
	     "risk_concern,impact,attacked,insurance_known,insurance_price,"
	     "telework,telework_challenges,telework_worries");
	for (i = 1; i <= n; i++) {
		int has = chance(70), ins = chance(40), tele = chance(35);

		printf("R%07ld,", i);
		single(pick_w(industry, industry_w, N(industry)), 0);
		single(pick_w(employees, employees_w, N(employees)), 0);
		single(pick(it_staff, N(it_staff)), 0);
		multi(measures, N(measures), 35, 1, "none", i, 0);
		single(pick(yes_no, 2), 0);
		printf("%s,", has ? "yes" : "no");
		if (has)
			multi(challenges, N(challenges), 30, 1, NULL, i, 0);
		else
			putchar(',');
		single(pick(priority, N(priority)), 0);
		single(pick(budget, N(budget)), 0);
		single(pick(yes_no_unknown, 3), 0);
		single(pick(yes_no_unknown, 3), 0);
		multi(impact, N(impact), 40, 1, NULL, i, 0);
		single(pick(yes_no_unknown, 3), 0);
		printf("%s,", ins ? "yes" : "no");
		if (ins)
			single(pick(insurance_price, N(insurance_price)), 0);
		else
			putchar(',');
		printf("%s,", tele ? "yes" : "no");
		if (tele) {
			multi(telework_challenges, N(telework_challenges), 30,
			      1, NULL, i, 0);
			multi(telework_worries, N(telework_worries), 30, 1,
			      NULL, i, 1);
		} else {
			puts(",");
		}
	}
	return 0;
}
