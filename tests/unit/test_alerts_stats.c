/* SPDX-License-Identifier: MIT */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>

#include "alerts/alerts.h"
#include "core/asset.h"
#include "core/sbuf.h"
#include "diag_fixture.h"

/* cmocka's assert_float_equal() works in float: too coarse here. */
#define assert_near(a, b, eps) \
	do { \
		double a_ = (a), b_ = (b); \
		if (!(fabs(a_ - b_) <= (eps))) \
			fail_msg("%.17g is not %.17g", a_, b_); \
	} while (0)

/* ---- correlation, by hand ---- */

static void
test_alerts_stats_pearson(void **state)
{
	const double x[] = { 10, 20, 30, 5 }, y[] = { 12, 34, 26, 1 };
	const double up[] = { 1, 2, 3 }, twice[] = { 2, 4, 6 },
		     down[] = { 6, 4, 2 }, flat[] = { 7, 7, 7 };

	(void)state;
	/*
	 * means 16.25 and 18.25; Sxy 398.75, Sxx 368.75, Syy 644.75:
	 * r = 398.75 / sqrt(368.75 * 644.75) = 0.81778...
	 */
	assert_near(alerts_pearson(x, y, 4),
			    398.75 / sqrt(368.75 * 644.75), 1e-12);
	assert_near(alerts_pearson(x, y, 4), 0.8178, 1e-4);
	assert_near(alerts_pearson(up, twice, 3), 1, 1e-12);
	assert_near(alerts_pearson(up, down, 3), -1, 1e-12);
	/* undefined: fewer than 3, or no spread */
	assert_true(isnan(alerts_pearson(x, y, 2)));
	assert_true(isnan(alerts_pearson(x, y, 0)));
	assert_true(isnan(alerts_pearson(up, flat, 3)));
	assert_true(isnan(alerts_pearson(flat, up, 3)));
}

static void
test_alerts_stats_spearman(void **state)
{
	const double x[] = { 10, 20, 30, 5 }, y[] = { 12, 34, 26, 1 };
	/* ties: x ranks 1, 2.5, 2.5, 4; y ranks 1, 3, 2, 4 */
	const double tx[] = { 1, 2, 2, 3 }, ty[] = { 1, 3, 2, 4 };
	/* ties on both sides: ranks (1.5 1.5 3 4) and (1 3 3 3) */
	const double ux[] = { 5, 5, 8, 9 }, uy[] = { 0, 4, 4, 4 };
	/* monotone but not linear */
	const double mx[] = { 1, 2, 3, 4, 5 }, my[] = { 1, 8, 27, 64, 125 };
	const double flat[] = { 3, 3, 3, 3 };

	(void)state;
	/* ranks (2 3 4 1) and (2 4 3 1): d^2 = 2, 1 - 6*2/(4*15) = 0.8 */
	assert_near(alerts_spearman(x, y, 4), 0.8, 1e-12);
	/*
	 * Pearson of the mean ranks: dx (-1.5 0 0 1.5), dy (-1.5 .5 -.5
	 * 1.5): 4.5 / sqrt(4.5 * 5) = 0.948683...
	 */
	assert_near(alerts_spearman(tx, ty, 4), 4.5 / sqrt(22.5),
			    1e-12);
	/*
	 * dx (-1 -1 .5 1.5), dy (-1.5 .5 .5 .5): Sxy 1.5 + -.5 + .25 +
	 * .75 = 2, Sxx 4.5, Syy 3: 2 / sqrt(13.5) = 0.544331...
	 */
	assert_near(alerts_spearman(ux, uy, 4), 2 / sqrt(13.5),
			    1e-12);
	assert_near(alerts_spearman(mx, my, 5), 1, 1e-12);
	assert_true(alerts_pearson(mx, my, 5) < 0.95);
	assert_true(isnan(alerts_spearman(x, flat, 4)));
	assert_true(isnan(alerts_spearman(x, y, 2)));
}

/* ---- figures from the database ---- */

static int64_t
company(struct fx *f, const char *name, const char *ind, int64_t pcs)
{
	struct company c;
	int64_t id;

	company_init(&c);
	c.name = strdup(name);
	c.industry[0] = ind[0];
	c.pcs = pcs;
	assert_int_equal(store_begin(f->st, &f->err), 0);
	assert_int_equal(company_insert(f->st, &c, &f->err), 0);
	assert_int_equal(store_commit(f->st, &f->err), 0);
	id = c.id;
	company_release(&c);
	return id;
}

static struct alerts_catalog *
catalog(void)
{
	struct alerts_catalog *cat = alerts_catalog_load_file(
		"questions/alerts.yaml", NULL);

	assert_non_null(cat);
	return cat;
}

/* The figures of tests/cli/3020 (see there), built through the library. */
static void
load_counts(struct fx *f, const struct alerts_catalog *cat)
{
	struct alerts_import_result res;
	const char *path;

	company(f, "A1", "E", 10);
	company(f, "A2", "E", 20);
	company(f, "A3", "E", 30);
	company(f, "B1", "G", 5);
	company(f, "B2", "G", -1);
	company(f, "C1", "E", 40);
	path = fx_file(f, "counts.csv",
		       "company,period_start,period_end,event,count,src_ip\n"
		       "A1,2020-10-01,2020-10-31,port-scan,10,\n"
		       "A1,2020-10-01,2020-10-31,c2-known,2,192.168.0.10\n"
		       "A1,2020-11-01,2020-11-30,port-scan,5,\n"
		       "A2,2020-10-01,2020-10-31,port-scan,30,\n"
		       "A2,2020-10-01,2020-10-31,malware-site,4,192.168.0.20\n"
		       "A3,2020-10-01,2020-10-31,port-scan,20,\n"
		       "A3,2020-10-01,2020-10-31,unclassified,6,\n"
		       "B1,2020-10-01,2020-10-31,phishing-site,1,192.168.9.9\n"
		       "B1,2020-12-01,2020-12-31,syn-flood,100,\n"
		       "B2,2020-10-01,2020-10-31,port-scan,7,\n");
	assert_int_equal(alerts_summary_import(f->st, cat, path, CSV_ENC_AUTO,
					       &res, &f->errs, &f->err), 0);
	assert_int_equal(res.rows, 10);
	assert_int_equal(res.alerts, 185);
	assert_false(res.duplicate);
	/* the same content again: noticed */
	assert_int_equal(alerts_summary_import(f->st, cat, path, CSV_ENC_AUTO,
					       &res, &f->errs, &f->err), 0);
	assert_true(res.duplicate);
	assert_int_equal(res.rows, 0);
	assert_int_equal(fx_count(f, "SELECT sum(count) FROM alert_count"),
			 185);
}

static void
test_alerts_stats_figures(void **state)
{
	struct fx *f = *state;
	struct alerts_catalog *cat = catalog();
	struct alerts_filter oct = { "2020-10-01", "2020-10-31", 0 };
	struct alerts_filter all = { NULL, NULL, 0 };
	struct alerts_by_event ev;
	struct alerts_by_company co;
	struct alerts_by_industry in;
	struct alerts_stats st;
	int64_t sum = 0;
	size_t i;

	load_counts(f, cat);
	assert_int_equal(alerts_by_event(f->st, cat, &oct, &ev, &f->err), 0);
	assert_int_equal(ev.total, 80);
	assert_int_equal(ev.unclassified, 6);
	assert_int_equal(ev.counts[alerts_catalog_event(cat, "port-scan")],
			 67);
	assert_int_equal(ev.phase_totals[0], 68);
	assert_string_equal(ev.first, "2020-10-01");
	assert_string_equal(ev.last, "2020-10-01");
	for (i = 0; i < cat->nphases; i++)
		sum += ev.phase_totals[i];
	assert_int_equal(sum + ev.unclassified, ev.total);
	alerts_by_event_release(&ev);

	assert_int_equal(alerts_by_event(f->st, cat, &all, &ev, &f->err), 0);
	assert_int_equal(ev.total, 185);
	assert_string_equal(ev.last, "2020-12-01");
	alerts_by_event_release(&ev);

	assert_int_equal(alerts_by_company(f->st, &oct, &co, &f->err), 0);
	assert_int_equal(co.n, 5);	/* C1 has no sensor data */
	assert_string_equal(co.rows[0].name, "A2");
	assert_int_equal(co.rows[0].alerts, 34);
	assert_near(co.rows[0].per_pc, 1.7, 1e-12);
	assert_string_equal(co.rows[3].name, "B2");
	assert_int_equal(co.rows[3].pcs, -1);
	assert_true(isnan(co.rows[3].per_pc));
	alerts_by_company_release(&co);

	assert_int_equal(alerts_by_industry(f->st, &oct, &in, &f->err), 0);
	assert_int_equal(in.n, 2);
	assert_string_equal(in.rows[0].id, "E");
	assert_int_equal(in.rows[0].companies, 3);
	assert_int_equal(in.rows[0].pcs, 60);
	assert_int_equal(in.rows[0].alerts, 72);
	assert_near(in.rows[0].per_pc, 1.2, 1e-12);
	/* G: B2's 7 alerts count, but not in per PC (its PCs unknown) */
	assert_int_equal(in.rows[1].alerts, 8);
	assert_int_equal(in.rows[1].pcs, 5);
	assert_near(in.rows[1].per_pc, 0.2, 1e-12);
	alerts_by_industry_release(&in);

	assert_int_equal(alerts_stats(f->st, &oct, &st, &f->err), 0);
	assert_int_equal(st.n, 4);
	assert_near(st.pearson, 398.75 / sqrt(368.75 * 644.75),
			    1e-12);
	assert_near(st.spearman, 0.8, 1e-12);
	alerts_catalog_free(cat);
}

/* Every diag-office question with a 'done' option answered 'done'. */
static const char *
answers_file(struct fx *f, const char *company, const char *but,
	     const char *answer)
{
	struct qset *q = qset_load_file("questions/diag-office.yaml", NULL);
	struct sbuf sb = SBUF_INIT;
	const char *path;
	size_t i;

	assert_non_null(q);
	sbuf_adds(&sb, "company,set,question,answer\n");
	for (i = 0; i < q->nquestions; i++)
		if (qset_option_find(&q->questions[i], "done"))
			sbuf_addf(&sb, "%s,diag-office,%s,%s\n", company,
				  q->questions[i].id,
				  !strcmp(q->questions[i].id, but) ? answer :
				  "done");
	path = fx_file(f, "answers.csv", sb.buf);
	sbuf_release(&sb);
	qset_free(q);
	return path;
}

static void
diagnose(struct fx *f, const char *company, const char *but,
	 const char *answer)
{
	struct diag_import imp;

	memset(&imp, 0, sizeof(imp));
	assert_int_equal(diag_import_csv(f->st, answers_file(f, company, but,
							     answer),
					 &imp, &f->errs, &f->err), 0);
	assert_int_equal(imp.completed, 1);
}

static void
test_alerts_stats_mismatch_and_check(void **state)
{
	struct fx *f = *state;
	struct alerts_catalog *cat = catalog();
	struct alerts_filter oct = { "2020-10-01", "2020-10-31", 0 };
	struct alerts_mismatches m;
	struct alerts_check c;
	struct alerts_incident inc;
	size_t n = 0;
	const char *assets;

	load_counts(f, cat);
	diagnose(f, "A1", "-", "done");
	diagnose(f, "A2", "basics-2", "no");	/* sa 2 not done */
	assert_int_equal(alerts_mismatches(f->st, cat, &oct, &m, &f->err), 0);
	assert_int_equal(m.n, 1);
	assert_int_equal(m.rows[0].company_id, 1);
	assert_string_equal(m.rows[0].company, "A1");
	assert_int_equal(m.rows[0].alerts, 2);
	assert_int_equal(m.rows[0].counts[alerts_catalog_event(cat,
							       "c2-known")], 2);
	alerts_mismatches_release(&m);
	assert_true(alerts_event_tells_infection(cat,
		alerts_catalog_event(cat, "c2-dga")));
	assert_true(alerts_event_tells_infection(cat,
		alerts_catalog_event(cat, "phishing-site")));
	assert_false(alerts_event_tells_infection(cat,
		alerts_catalog_event(cat, "port-scan")));
	assert_false(alerts_event_tells_infection(cat, ALERTS_NONE));

	/* the network check of A1: devices by name, incidents */
	assets = fx_file(f, "assets.csv", "ip,hostname,owner\n"
			 "192.168.0.10,pc-sato,Sato\n");
	assert_int_equal(asset_import(f->st, 1, assets, CSV_ENC_AUTO, &n, NULL,
				      &f->errs, &f->err), 0);
	memset(&inc, 0, sizeof(inc));
	inc.company_id = 1;
	inc.severity = ALERTS_HIGH;
	inc.title = "old, closed";
	snprintf(inc.date, sizeof(inc.date), "2020-01-05");
	assert_int_equal(store_begin(f->st, &f->err), 0);
	assert_int_equal(alerts_incident_add(f->st, &inc, &f->err), 0);
	assert_int_equal(alerts_incident_close(f->st, inc.id, NULL, &f->err),
			 0);
	inc.title = "in October, closed";
	snprintf(inc.date, sizeof(inc.date), "2020-10-05");
	assert_int_equal(alerts_incident_add(f->st, &inc, &f->err), 0);
	assert_int_equal(alerts_incident_close(f->st, inc.id, "done",
					       &f->err), 0);
	inc.title = "old, still open";
	inc.action = "Unplug the PC";
	snprintf(inc.date, sizeof(inc.date), "2019-12-01");
	assert_int_equal(alerts_incident_add(f->st, &inc, &f->err), 0);
	assert_int_equal(store_commit(f->st, &f->err), 0);

	oct.company_id = 1;
	assert_int_equal(alerts_check_get(f->st, cat, &oct, &c, &f->err), 0);
	assert_true(c.has_sensor);
	assert_true(c.mismatch);
	assert_int_equal(c.total, 12);
	assert_int_equal(c.nevents, 2);
	assert_string_equal(c.events[0].event->id, "port-scan");
	assert_string_equal(c.events[0].phase->id, "reconnaissance");
	assert_int_equal(c.events[0].count, 10);
	assert_int_equal(c.events[0].ndevices, 1);
	assert_string_equal(c.events[0].devices[0].ip, "");
	assert_null(c.events[0].devices[0].hostname);
	assert_string_equal(c.events[1].event->id, "c2-known");
	assert_int_equal(c.events[1].ndevices, 1);
	assert_string_equal(c.events[1].devices[0].ip, "192.168.0.10");
	assert_string_equal(c.events[1].devices[0].hostname, "pc-sato");
	assert_string_equal(c.events[1].devices[0].owner, "Sato");
	assert_int_equal(c.phase_totals[3], 2);
	assert_int_equal(c.nincidents, 2);
	assert_string_equal(c.incidents[0].title, "in October, closed");
	assert_string_equal(c.incidents[0].note, "done");
	assert_non_null(c.incidents[0].closed_at);
	assert_string_equal(c.incidents[1].title, "old, still open");
	assert_string_equal(c.incidents[1].action, "Unplug the PC");
	assert_null(c.incidents[1].closed_at);
	alerts_check_release(&c);

	/* A2 said malware protection is not done: no mismatch */
	oct.company_id = 2;
	assert_int_equal(alerts_check_get(f->st, cat, &oct, &c, &f->err), 0);
	assert_false(c.mismatch);
	assert_int_equal(c.total, 34);
	alerts_check_release(&c);

	/* C1: no sensor at all */
	oct.company_id = 6;
	assert_int_equal(alerts_check_get(f->st, cat, &oct, &c, &f->err), 0);
	assert_false(c.has_sensor);
	assert_int_equal(c.nevents, 0);
	alerts_check_release(&c);

	oct.company_id = 0;
	assert_int_equal(alerts_check_get(f->st, cat, &oct, &c, &f->err),
			 -OSK_EUSAGE);
	alerts_catalog_free(cat);
}

static void
test_alerts_stats_summary_import_errors(void **state)
{
	struct fx *f = *state;
	struct alerts_catalog *cat = catalog();
	struct alerts_import_result res;
	const char *path;
	char *got;

	company(f, "A1", "E", 10);
	path = fx_file(f, "bad.csv",
		       "company,period_start,period_end,event,count\n"
		       "A1,2020-10-01,2020-10-31,port-scan,1\n"
		       "A2,2020-10-01,2020-09-30,nope,-1\n");
	assert_int_equal(alerts_summary_import(f->st, cat, path, CSV_ENC_AUTO,
					       &res, &f->errs, &f->err),
			 -OSK_EDATA);
	got = fx_errors(f);
	assert_string_equal(got,
		"3: field 1 (column A): no company 'A2'; 'otasuke company "
		"list' shows them\n"
		"3: field 3 (column C): period_end 2020-09-30 is before "
		"period_start 2020-10-01\n"
		"3: field 4 (column D): unknown event 'nope'; 'otasuke alerts "
		"events' lists them\n"
		"3: field 5 (column E): count '-1' is not a whole number of 0 "
		"or more\n");
	free(got);
	assert_int_equal(fx_count(f, "SELECT count(*) FROM alert_count"), 0);
	assert_int_equal(fx_count(f, "SELECT count(*) FROM import"), 0);
	assert_int_equal(res.rows, 0);
	alerts_catalog_free(cat);
}

/* Rows are stored in batches: every size around a batch comes out whole. */
static void
test_alerts_stats_summary_import_sizes(void **state)
{
	static const int sizes[] = { 1, 127, 128, 129, 256, 300 };
	struct fx *f = *state;
	struct alerts_catalog *cat = catalog();
	struct alerts_import_result res;
	long long rows = 0, sum = 0;
	size_t k;
	int i;

	company(f, "A1", "E", 10);
	company(f, "A2", "G", 3);
	for (k = 0; k < sizeof(sizes) / sizeof(*sizes); k++) {
		struct sbuf sb = SBUF_INIT;

		sbuf_adds(&sb, "company,period_start,period_end,event,count,"
			  "src_ip\n");
		for (i = 0; i < sizes[k]; i++) {
			sbuf_addf(&sb, "A%d,2020-%02d-%02d,2020-12-31,%s,%d,"
				  "10.0.%d.%d\n", 2 - i % 2, 12 - i % 12,
				  1 + (i * 7 + (int)k) % 28,
				  cat->events[i % cat->nevents].id, i,
				  i % 3, i % 5);
			sum += i;
		}
		assert_int_equal(alerts_summary_import(
			f->st, cat, fx_file(f, "n.csv", sb.buf), CSV_ENC_AUTO,
			&res, &f->errs, &f->err), 0);
		sbuf_release(&sb);
		rows += sizes[k];
		assert_int_equal(res.rows, sizes[k]);
		assert_int_equal(fx_count(f, "SELECT count(*) FROM "
					  "alert_count"), rows);
		assert_int_equal(fx_count(f, "SELECT sum(count) FROM "
					  "alert_count"), sum);
		/* 10.0.(i % 3).(i % 5): i % 15 */
		assert_int_equal(fx_count(f, "SELECT count(DISTINCT src_ip) "
					  "FROM alert_count"),
				 rows < 15 ? rows : 15);
	}
	assert_int_equal(fx_count(f, "SELECT count(*) FROM alert_count WHERE "
				  "import_id IS NULL OR company_id NOT IN "
				  "(1, 2)"), 0);
	alerts_catalog_free(cat);
}

static void
test_alerts_stats_incidents(void **state)
{
	struct fx *f = *state;
	struct alerts_incident inc;

	company(f, "A1", "E", 10);
	memset(&inc, 0, sizeof(inc));
	inc.company_id = 1;
	inc.title = "x";
	snprintf(inc.date, sizeof(inc.date), "2020-13-01");
	assert_int_equal(alerts_incident_add(f->st, &inc, &f->err),
			 -OSK_EDATA);
	assert_string_equal(f->err.msg, "the date '2020-13-01' is not a date "
			    "(YYYY-MM-DD)");
	snprintf(inc.date, sizeof(inc.date), "2020-12-01");
	inc.detail = "bad\x01";
	assert_int_equal(alerts_incident_add(f->st, &inc, &f->err),
			 -OSK_EDATA);
	assert_string_equal(f->err.msg, "the detail holds a control "
			    "character");
	inc.detail = "two\nlines\tand a tab";
	assert_int_equal(store_begin(f->st, &f->err), 0);
	assert_int_equal(alerts_incident_add(f->st, &inc, &f->err), 0);
	assert_int_equal(alerts_incident_close(f->st, 5, NULL, &f->err),
			 -OSK_ENOTFOUND);
	store_rollback(f->st);
	assert_int_equal(fx_count(f, "SELECT count(*) FROM incident"), 0);
}

static void
test_alerts_stats_dates(void **state)
{
	(void)state;
	assert_true(alerts_date_ok("2020-02-29"));
	assert_true(alerts_date_ok("2000-02-29"));
	assert_false(alerts_date_ok("1900-02-29"));
	assert_false(alerts_date_ok("2021-02-29"));
	assert_false(alerts_date_ok("2020-04-31"));
	assert_true(alerts_date_ok("2020-12-31"));
	assert_false(alerts_date_ok("2020-12-31 "));
	assert_false(alerts_date_ok("2020-1-01"));
	assert_false(alerts_date_ok("20201001"));
	assert_false(alerts_date_ok("1899-12-31"));
	assert_false(alerts_date_ok("2020-00-10"));
	assert_false(alerts_date_ok("2020-10-00"));
	assert_false(alerts_date_ok("２０２０-10-01"));
	assert_false(alerts_date_ok(""));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_alerts_stats_pearson),
		cmocka_unit_test(test_alerts_stats_spearman),
		cmocka_unit_test(test_alerts_stats_dates),
		cmocka_unit_test_setup_teardown(test_alerts_stats_figures,
						fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(
			test_alerts_stats_mismatch_and_check, fx_setup,
			fx_teardown),
		cmocka_unit_test_setup_teardown(
			test_alerts_stats_summary_import_errors, fx_setup,
			fx_teardown),
		cmocka_unit_test_setup_teardown(
			test_alerts_stats_summary_import_sizes, fx_setup,
			fx_teardown),
		cmocka_unit_test_setup_teardown(test_alerts_stats_incidents,
						fx_setup, fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
