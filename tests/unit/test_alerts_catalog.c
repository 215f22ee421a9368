/* SPDX-License-Identifier: MIT */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alerts/alerts.h"
#include "core/sbuf.h"

/* ---- the shipped catalog ---- */

static struct alerts_catalog *
shipped(void)
{
	struct osk_errlist errs;
	struct alerts_catalog *c;
	size_t i;

	osk_errlist_init(&errs, 20);
	c = alerts_catalog_load_file("questions/alerts.yaml", &errs);
	for (i = 0; i < errs.n; i++)
		fprintf(stderr, "%d:%d: %s\n", errs.items[i].line,
			errs.items[i].col, errs.items[i].msg);
	assert_int_equal(errs.total, 0);
	osk_errlist_release(&errs);
	assert_non_null(c);
	return c;
}

static void
test_alerts_catalog_shipped(void **state)
{
	static const char *const phases[] = {
		"reconnaissance", "delivery", "exploitation",
		"command-and-control", "actions-on-objectives",
	};
	static const char *const events[] = {
		"login-bruteforce-fail", "login-reverse-bruteforce-fail",
		"port-scan", "url-scan", "phishing-site", "malware-site",
		"abnormal-process", "c2-known", "c2-dga", "dns-tunneling",
		"login-bruteforce-success", "syn-flood",
	};
	struct alerts_catalog *c = shipped();
	size_t i;

	(void)state;
	assert_string_equal(c->id, "alerts");
	assert_int_equal(c->version, 1);
	assert_int_equal(c->nphases, 5);
	assert_int_equal(c->nevents, 12);
	for (i = 0; i < 5; i++)
		assert_string_equal(c->phases[i].id, phases[i]);
	for (i = 0; i < 12; i++) {
		const struct alerts_event *ev = &c->events[i];

		assert_string_equal(ev->id, events[i]);
		assert_true(ev->phase < c->nphases);
		/* every text in both languages */
		assert_true(*ev->title.ja && *ev->title.en);
		assert_true(*ev->advice.ja && *ev->advice.en);
		assert_int_equal(alerts_catalog_event(c, ev->id), i);
	}
	assert_int_equal(c->events[0].phase, 0);
	assert_int_equal(c->events[5].phase, 1);
	assert_int_equal(c->events[7].severity, ALERTS_HIGH);
	assert_int_equal(c->events[2].severity, ALERTS_LOW);
	assert_int_equal(c->events[2].nsids, 7);
	assert_int_equal(alerts_catalog_event(c, "nope"), ALERTS_NONE);
	assert_int_equal(alerts_catalog_event(c, "unclassified"), ALERTS_NONE);
	assert_string_equal(alerts_event_id(c, ALERTS_NONE), "unclassified");
	assert_int_equal(alerts_catalog_phase(c, "delivery"), 1);
	assert_string_equal(osk_text_get(&c->events[7].title, OSK_LANG_EN),
			    "A PC in your office talked to a server that "
			    "criminals use to control infected PCs");
	alerts_catalog_free(c);
}

static size_t
cls(const struct alerts_catalog *c, int64_t sid, const char *sig,
    const char *cat)
{
	return alerts_catalog_classify(c, sid, sig, cat);
}

static void
test_alerts_catalog_classify(void **state)
{
	struct alerts_catalog *c = shipped();
	size_t scan = alerts_catalog_event(c, "port-scan"),
	       abn = alerts_catalog_event(c, "abnormal-process"),
	       c2 = alerts_catalog_event(c, "c2-known"),
	       dga = alerts_catalog_event(c, "c2-dga"),
	       url = alerts_catalog_event(c, "url-scan"),
	       bf = alerts_catalog_event(c, "login-bruteforce-fail"),
	       bfs = alerts_catalog_event(c, "login-bruteforce-success"),
	       mal = alerts_catalog_event(c, "malware-site"),
	       flood = alerts_catalog_event(c, "syn-flood");

	(void)state;
	/* 1. sids first, whatever the signature and category say */
	assert_int_equal(cls(c, 2100498, "ET CNC x", "Misc Attack"), abn);
	assert_int_equal(cls(c, 2014371, NULL, NULL), dga);
	assert_int_equal(cls(c, 2009582, "", ""), scan);
	/*
	 * 2. signature patterns, ignoring case: high-severity events
	 * first, then medium, then low, each in file order
	 */
	assert_int_equal(cls(c, 1, "ET SCAN NMAP -sS window 1024", NULL),
			 scan);
	assert_int_equal(cls(c, -1, "et cnc feodo tracker", NULL), c2);
	assert_int_equal(cls(c, -1, "Possible SSH brute force attempt", NULL),
			 bf);
	/* a break-in attempt on the web server outranks a probe */
	assert_int_equal(cls(c, -1, "ET WEB_SERVER CVE-2021-44228 Log4j",
			     NULL), abn);
	assert_int_equal(cls(c, -1, "ET WEB_SERVER Nikto scan", NULL), url);
	assert_int_equal(cls(c, -1, "ET EXPLOIT CVE-2021-44228 Log4j", NULL),
			 abn);
	/* the more severe event wins: a success is not a failed try */
	assert_int_equal(cls(c, -1, "SSH brute force attack succeeded",
			     NULL), bfs);
	assert_int_equal(cls(c, -1, "password guessing ... succeeded", NULL),
			 bfs);
	assert_int_equal(cls(c, -1, "Successful login after many tries",
			     NULL), bfs);
	assert_int_equal(cls(c, -1, "ET CURRENT_EVENTS RIG EK Landing", NULL),
			 mal);
	/* \bEK\b-style pattern: not inside a word */
	assert_int_equal(cls(c, -1, "GEEKS", NULL), ALERTS_NONE);
	assert_int_equal(cls(c, -1, "ET DOS Tsunami SYN Flood", NULL), flood);
	/* 3. the category, as a whole text, ignoring case */
	assert_int_equal(cls(c, -1, "nothing", "Misc activity"), scan);
	assert_int_equal(cls(c, -1, "nothing", "MISC ACTIVITY"), scan);
	assert_int_equal(cls(c, -1, "nothing", "Misc activity "),
			 ALERTS_NONE);
	assert_int_equal(cls(c, -1, "nothing", "A Network Trojan was "
			     "detected"), c2);
	/* 4. unclassified */
	assert_int_equal(cls(c, 42, "nothing", ""), ALERTS_NONE);
	assert_int_equal(cls(c, -1, NULL, NULL), ALERTS_NONE);
	alerts_catalog_free(c);
}

/* ---- errors ---- */

/* Load text and return its errors as "L:C: msg" lines. */
static char *
load_errors(const char *text)
{
	struct osk_errlist errs;
	struct sbuf sb = SBUF_INIT;
	struct alerts_catalog *c;
	size_t i;

	osk_errlist_init(&errs, 50);
	c = alerts_catalog_load_mem("cat.yaml", text, strlen(text), &errs);
	if (errs.total)
		assert_null(c);
	else
		assert_non_null(c);
	alerts_catalog_free(c);
	for (i = 0; i < errs.n; i++) {
		assert_string_equal(errs.items[i].path, "cat.yaml");
		sbuf_addf(&sb, "%d:%d: %s\n", errs.items[i].line,
			  errs.items[i].col, errs.items[i].msg);
	}
	osk_errlist_release(&errs);
	return sbuf_detach(&sb, NULL);
}

#define HEAD \
	"catalog: alerts\n" \
	"version: 1\n" \
	"phases:\n" \
	"  - {id: recon, title: {ja: 偵察, en: Recon}}\n" \
	"  - {id: c2, title: {ja: 遠隔, en: C2}, plain: {ja: あ, en: b}}\n" \
	"events:\n"

#define EV(id, phase, extra) \
	"  - {id: " id ", phase: " phase ", severity: low, title: {ja: t," \
	" en: t}, advice: {ja: a, en: a}" extra "}\n"

static void
expect_errors(const char *text, const char *want)
{
	char *got = load_errors(text);

	assert_string_equal(got, want);
	free(got);
}

static void
test_alerts_catalog_minimal(void **state)
{
	struct alerts_catalog *c;
	const char *text = HEAD EV("a", "recon", "") EV("b", "c2",
		", match: {sids: [5], signature: ['^x'], category: [Y]}");

	(void)state;
	expect_errors(text, "");
	c = alerts_catalog_load_mem("m", text, strlen(text), NULL);
	assert_non_null(c);
	/* plain defaults to title */
	assert_string_equal(c->phases[0].plain.en, "Recon");
	assert_string_equal(c->phases[1].plain.en, "b");
	assert_int_equal(alerts_catalog_classify(c, 5, NULL, NULL), 1);
	assert_int_equal(alerts_catalog_classify(c, -1, "X1", NULL), 1);
	assert_int_equal(alerts_catalog_classify(c, -1, "1X", "y"), 1);
	assert_int_equal(alerts_catalog_classify(c, -1, "1X", "z"),
			 ALERTS_NONE);
	alerts_catalog_free(c);
}

static void
test_alerts_catalog_errors(void **state)
{
	(void)state;
	expect_errors("", "0:0: file is empty: an event catalog starts with "
		      "'catalog:'\n");
	expect_errors("- a\n", "1:1: an event catalog must be a mapping\n");
	expect_errors("catalog: alerts\nversion: 0\nphases: []\nevents: []\n"
		      "extra: 1\n",
		      "2:10: 'version' must be a positive whole number\n"
		      "3:9: 'phases' must not be empty\n"
		      "4:9: 'events' must not be empty\n"
		      "5:1: unknown key 'extra' in event catalog (known: "
		      "catalog, version, phases, events)\n");
	expect_errors(HEAD EV("a", "recon", ", matsh: {}"),
		      "7:89: unknown key 'matsh' in event (known: id, "
		      "phase, severity, title, advice, match)\n");
	expect_errors(HEAD EV("a", "nowhere", ""),
		      "7:20: unknown phase 'nowhere'\n");
	expect_errors(HEAD EV("a", "recon", "") EV("a", "recon", ""),
		      "8:10: duplicate event id 'a' (also on line 7)\n");
	expect_errors(HEAD EV("unclassified", "recon", ""),
		      "7:10: event id 'unclassified' is reserved for alerts "
		      "that match no event\n");
	expect_errors(HEAD EV("A_b", "recon", ""),
		      "7:10: event id 'A_b' may use only a-z, 0-9 and '-' "
		      "(at most 64)\n");
	expect_errors(HEAD "  - {id: a, phase: recon, severity: huge, "
		      "title: {ja: t}}\n",
		      "7:5: missing required key 'advice' in event\n"
		      "7:37: 'severity' must be low, medium or high, not "
		      "'huge'\n"
		      "7:50: 'title' needs both ja and en\n");
}

static void
test_alerts_catalog_rule_errors(void **state)
{
	(void)state;
	expect_errors(HEAD EV("a", "recon", ", match: {sids: [1, 2]}")
		      EV("b", "recon", ", match: {sids: [3, 2, 3]}"),
		      "8:107: sid 2 is already mapped to event 'a' (line 7)\n"
		      "8:110: sid 3 is already mapped to event 'b' (line 8)\n");
	expect_errors(HEAD EV("a", "recon", ", match: {category: [Misc "
			      "Attack]}")
		      EV("b", "recon", ", match: {category: [misc attack]}"),
		      "8:108: category 'misc attack' is already mapped to "
		      "event 'a' (line 7)\n");
	expect_errors(HEAD EV("a", "recon", ", match: {sids: [0, x, -3, "
			      "1.5]}"),
		      "7:104: a sid must be a signature id 1-4294967295, not "
		      "'0'\n"
		      "7:107: a sid must be a signature id 1-4294967295, not "
		      "'x'\n"
		      "7:110: a sid must be a signature id 1-4294967295, not "
		      "'-3'\n"
		      "7:114: a sid must be a signature id 1-4294967295, not "
		      "'1.5'\n");
	expect_errors(HEAD EV("a", "recon", ", match: {signature: ['(x', "
			      "'ok', '']}"),
		      "7:109: bad signature pattern: Unmatched ( or \\(\n"
		      "7:121: a signature pattern must be a non-empty text\n");
	expect_errors(HEAD EV("a", "recon", ", match: {sids: []}"),
		      "7:103: 'sids' must not be empty\n");
	expect_errors(HEAD EV("a", "recon", ", match: {signature: x}"),
		      "7:108: 'signature' must be a list\n");
	expect_errors(HEAD EV("a", "recon", ", match: {category: [[x]]}"),
		      "7:108: a category must be a non-empty text\n");
	expect_errors(HEAD EV("a", "recon", ", match: {sid: [1]}"),
		      "7:97: unknown key 'sid' in match (known: sids, "
		      "signature, category)\n");
}

static void
test_alerts_catalog_file_errors(void **state)
{
	struct osk_errlist errs;

	(void)state;
	osk_errlist_init(&errs, 5);
	assert_null(alerts_catalog_load_file("/nonexistent.yaml", &errs));
	assert_int_equal(errs.total, 1);
	assert_int_equal(errs.items[0].code, OSK_ENOINPUT);
	osk_errlist_release(&errs);
	/* a bad YAML file, errs may be NULL */
	assert_null(alerts_catalog_load_mem("x", "a: [", 4, NULL));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_alerts_catalog_shipped),
		cmocka_unit_test(test_alerts_catalog_classify),
		cmocka_unit_test(test_alerts_catalog_minimal),
		cmocka_unit_test(test_alerts_catalog_errors),
		cmocka_unit_test(test_alerts_catalog_rule_errors),
		cmocka_unit_test(test_alerts_catalog_file_errors),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
