/* SPDX-License-Identifier: MIT */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "alerts/alerts.h"
#include "core/sbuf.h"
#include "core/sha256.h"

#define DATA "tests/data/alerts/"

static struct alerts_catalog *cat;

static int
setup(void **state)
{
	struct osk_errlist errs;

	(void)state;
	osk_errlist_init(&errs, 10);
	cat = alerts_catalog_load_file("questions/alerts.yaml", &errs);
	osk_errlist_release(&errs);
	return cat ? 0 : -1;
}

static int
teardown(void **state)
{
	(void)state;
	alerts_catalog_free(cat);
	return 0;
}

/* ---- helpers ---- */

static int
cmp_lines(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

struct dump {
	char *lines[256];
	size_t n;
};

static int
dump_one(const struct alerts_eve_count *c, void *data)
{
	struct dump *d = data;
	char *s;

	assert_true(d->n < 256);
	assert_true(asprintf(&s, "%s %s %s %lld", c->day,
			     alerts_event_id(cat, c->event),
			     *c->src_ip ? c->src_ip : "-",
			     (long long)c->count) > 0);
	d->lines[d->n++] = s;
	return 0;
}

/* The counts of e as sorted "DAY EVENT IP COUNT" lines in one string. */
static char *
dump_counts(const struct alerts_eve *e)
{
	struct sbuf sb = SBUF_INIT;
	struct dump d = { { NULL }, 0 };
	size_t i;

	assert_int_equal(alerts_eve_each(e, dump_one, &d), 0);
	qsort(d.lines, d.n, sizeof(*d.lines), cmp_lines);
	for (i = 0; i < d.n; i++) {
		sbuf_addf(&sb, "%s\n", d.lines[i]);
		free(d.lines[i]);
	}
	return sbuf_detach(&sb, NULL);
}

/* The kept warnings as "LINE:COL: msg" lines. */
static char *
dump_warnings(const struct alerts_eve *e)
{
	const struct osk_errlist *w = alerts_eve_warnings(e);
	struct sbuf sb = SBUF_INIT;
	size_t i;

	for (i = 0; i < w->n; i++)
		sbuf_addf(&sb, "%d:%d: %s\n", w->items[i].line,
			  w->items[i].col, w->items[i].msg);
	return sbuf_detach(&sb, NULL);
}

/* Feed text in pieces of `step` bytes (0: all at once) and finish. */
static struct alerts_eve *
scan_text(const char *text, size_t step)
{
	struct alerts_eve *e = alerts_eve_new(cat, "t.json");
	struct osk_error err;
	size_t len = strlen(text), i;

	assert_non_null(e);
	if (!step)
		step = len ? len : 1;
	for (i = 0; i < len; i += step)
		assert_int_equal(alerts_eve_feed(e, text + i, len - i < step ?
						 len - i : step, &err), 0);
	assert_int_equal(alerts_eve_finish(e, &err), 0);
	return e;
}

static void
expect_counts(const char *text, const char *want)
{
	struct alerts_eve *e = scan_text(text, 0);
	char *got = dump_counts(e);

	assert_string_equal(got, want);
	free(got);
	alerts_eve_free(e);
}

#define ALERT(ts, ip, body) \
	"{\"timestamp\":\"" ts "\",\"event_type\":\"alert\",\"src_ip\":\"" \
	ip "\",\"alert\":{" body "}}\n"

/* ---- the real samples ---- */

static void
test_alerts_eve_sample_testmyids(void **state)
{
	struct alerts_eve *e = alerts_eve_new(cat, "x");
	const struct alerts_eve_stats *s;
	struct osk_error err;
	char *got;

	(void)state;
	assert_int_equal(alerts_eve_read_file(e, DATA "suricata-verify_alert-"
					      "testmyids_eve.json", &err), 0);
	s = alerts_eve_stats(e);
	assert_int_equal(s->lines, 1);
	assert_int_equal(s->records, 1);
	assert_int_equal(s->alerts, 1);
	assert_int_equal(s->unclassified, 0);
	assert_int_equal(s->bad_lines, 0);
	assert_false(s->truncated);
	/* sid 2100498 "GPL ATTACK_RESPONSE id check returned root" */
	got = dump_counts(e);
	assert_string_equal(got, "2016-07-13 abnormal-process "
			    "82.165.177.154 1\n");
	free(got);
	/* the hash of the content, as ORIGIN.md gives it */
	assert_string_equal(alerts_eve_sha256(e), "67d54488739f473f73640b85f"
			    "8680c12799151df879f8e2adf36af7226fb48cf");
	alerts_eve_free(e);
}

static void
test_alerts_eve_sample_dnp3(void **state)
{
	struct alerts_eve *e = alerts_eve_new(cat, "x");
	struct osk_error err;
	char *got;

	(void)state;
	/* category "" and the alert object after the others in line 2 */
	assert_int_equal(alerts_eve_read_file(e, DATA "suricata-verify_dnp3-"
					      "func-alert_eve.json", &err), 0);
	assert_int_equal(alerts_eve_stats(e)->alerts, 2);
	assert_int_equal(alerts_eve_stats(e)->unclassified, 2);
	got = dump_counts(e);
	assert_string_equal(got, "2015-07-14 unclassified 127.0.0.1 2\n");
	free(got);
	assert_string_equal(alerts_eve_sha256(e), "74eb7c4a5bf36595107431e4f"
			    "68e5ceffb1c5f46ae11bee6693847e310ccca63");
	alerts_eve_free(e);
}

static void
test_alerts_eve_sample_zeek_not_json(void **state)
{
	struct alerts_eve *e = alerts_eve_new(cat, "notice.log");
	struct osk_error err;
	const struct osk_errlist *w;

	(void)state;
	assert_int_equal(alerts_eve_read_file(e, DATA "zeek_ssh-detect-"
					      "bruteforcing_notice.log", &err),
			 0);
	assert_int_equal(alerts_eve_stats(e)->lines, 10);
	assert_int_equal(alerts_eve_stats(e)->bad_lines, 10);
	assert_int_equal(alerts_eve_stats(e)->alerts, 0);
	w = alerts_eve_warnings(e);
	assert_int_equal(w->n, ALERTS_EVE_KEEP);
	assert_int_equal(w->total, 10);
	assert_string_equal(w->items[0].path, "notice.log");
	assert_int_equal(w->items[0].line, 1);
	assert_int_equal(w->items[0].col, 1);
	assert_string_equal(w->items[0].msg, "not a JSON object (starts with "
			    "'#'); skipped");
	alerts_eve_free(e);
}

static void
test_alerts_eve_gzip_and_stdin(void **state)
{
	char path[] = "/tmp/test-eve-XXXXXX";
	struct alerts_eve *e;
	struct osk_error err;
	const char *line = ALERT("2020-10-01T00:00:00+0900", "10.0.0.1",
				 "\"signature\":\"ET SCAN NMAP -sS\"");
	int fd = mkstemp(path), saved;
	gzFile gz;

	(void)state;
	assert_true(fd >= 0);
	gz = gzdopen(fd, "wb");
	gzputs(gz, line);
	gzputs(gz, line);
	gzclose(gz);
	e = alerts_eve_new(cat, path);
	assert_int_equal(alerts_eve_read_file(e, path, &err), 0);
	assert_int_equal(alerts_eve_stats(e)->alerts, 2);
	alerts_eve_free(e);

	/* "-" reads standard input */
	saved = dup(0);
	assert_true(freopen(path, "rb", stdin) != NULL);
	e = alerts_eve_new(cat, "<stdin>");
	assert_int_equal(alerts_eve_read_file(e, "-", &err), 0);
	assert_int_equal(alerts_eve_stats(e)->alerts, 2);
	alerts_eve_free(e);
	dup2(saved, 0);
	close(saved);
	unlink(path);

	e = alerts_eve_new(cat, "x");
	assert_int_equal(alerts_eve_read_file(e, "/nonexistent/eve.json",
					      &err), -OSK_ENOINPUT);
	assert_string_equal(err.msg, "cannot open '/nonexistent/eve.json': "
			    "No such file or directory");
	assert_int_equal(alerts_eve_read_file(e, "tests", &err),
			 -OSK_ENOINPUT);
	assert_string_equal(err.msg, "'tests' is a directory, not a file");
	alerts_eve_free(e);
}

/* ---- the scanner ---- */

static void
test_alerts_eve_key_order_and_unknown_keys(void **state)
{
	(void)state;
	expect_counts(
		/* alert first, event_type last, unknown keys everywhere */
		"{\"alert\":{\"severity\":1,\"signature\":\"ET SCAN NMAP\","
		"\"x\":[1,{\"y\":null}]},\"src_ip\":\"10.0.0.2\",\"z\":true,"
		"\"timestamp\":\"2020-10-02T01:02:03.000000+0000\","
		"\"event_type\":\"alert\"}\n"
		/* signature_id last in the alert object */
		"{\"event_type\":\"alert\",\"timestamp\":\"2020-10-02T05:00\","
		"\"src_ip\":\"10.0.0.2\",\"alert\":{\"signature\":\"zzz\","
		"\"signature_id\":2009582}}\n"
		/* spaces everywhere JSON allows them */
		"  { \"event_type\" : \"alert\" , \"timestamp\" : "
		"\"2020-10-03\" , \"alert\" : { \"category\" : \"Misc "
		"activity\" } }  \r\n",
		"2020-10-02 port-scan 10.0.0.2 2\n"
		"2020-10-03 port-scan - 1\n");
}

static void
test_alerts_eve_nested_objects_skipped(void **state)
{
	(void)state;
	/* event_type and alert inside other objects do not count */
	expect_counts(
		"{\"event_type\":\"flow\",\"timestamp\":\"2020-10-01\","
		"\"x\":{\"event_type\":\"alert\",\"alert\":{\"signature\":"
		"\"ET CNC x\"}}}\n"
		"{\"event_type\":\"alert\",\"timestamp\":\"2020-10-01\","
		"\"src_ip\":\"10.0.0.3\",\"flow\":{\"alert\":{\"signature\":"
		"\"ET SCAN NMAP\"},\"a\":[[[{\"b\":[]}]],{}]},\"alert\":{"
		"\"metadata\":{\"signature\":[\"ET SCAN NMAP\"]},"
		"\"signature\":\"ET CNC Feodo Tracker Reported CnC "
		"Server\"}}\n",
		"2020-10-01 c2-known 10.0.0.3 1\n");
}

static void
test_alerts_eve_escapes(void **state)
{
	(void)state;
	expect_counts(
		/* \/ and \u in the signature; escaped key names */
		"{\"event\\u005ftype\":\"al\\u0065rt\",\"timestamp\":"
		"\"2020\\u002d10-04T00:00:00\",\"src_ip\":\"10.0.0.4\","
		"\"alert\":{\"signature\":\"ET CNC\\u0020Feodo\\/Tracker\","
		"\"\\u0073ignature_id\":1}}\n"
		/* a surrogate pair, a lone surrogate, quotes and backslashes */
		"{\"event_type\":\"alert\",\"timestamp\":\"2020-10-04\","
		"\"src_ip\":\"10.0.0.4\",\"alert\":{\"signature\":\"\\ud83d"
		"\\ude00 \\\"phish\\\" \\\\ \\udc00 \\b\\f\\n\\r\\t\"}}\n",
		"2020-10-04 c2-known 10.0.0.4 1\n"
		"2020-10-04 phishing-site 10.0.0.4 1\n");
}

static void
test_alerts_eve_classification_order(void **state)
{
	(void)state;
	expect_counts(
		/* the sid wins over the signature and the category */
		ALERT("2020-10-05", "10.0.0.5", "\"signature_id\":2100498,"
		      "\"signature\":\"ET CNC x\",\"category\":\"Misc Attack\"")
		/* the signature wins over the category */
		ALERT("2020-10-05", "10.0.0.5", "\"signature_id\":1,"
		      "\"signature\":\"ET CNC x\",\"category\":\"Misc Attack\"")
		/* the category, ignoring case */
		ALERT("2020-10-05", "10.0.0.5", "\"signature_id\":1,"
		      "\"signature\":\"nothing\",\"category\":\"MISC ATTACK\"")
		/* nothing matches */
		ALERT("2020-10-05", "10.0.0.5", "\"signature_id\":1,"
		      "\"signature\":\"nothing\",\"category\":\"\"")
		/* a fraction is no sid: the signature decides */
		ALERT("2020-10-05", "10.0.0.5", "\"signature_id\":2100498.5,"
		      "\"signature\":\"nothing\"")
		/* an empty alert object */
		ALERT("2020-10-05", "10.0.0.5", ""),
		"2020-10-05 abnormal-process 10.0.0.5 1\n"
		"2020-10-05 c2-known 10.0.0.5 1\n"
		"2020-10-05 port-scan 10.0.0.5 1\n"
		"2020-10-05 unclassified 10.0.0.5 3\n");
}

static void
test_alerts_eve_per_day_and_source(void **state)
{
	(void)state;
	/* the date as written, whatever the zone */
	expect_counts(
		ALERT("2020-10-31T23:59:59.999999+0900", "10.0.0.6",
		      "\"signature\":\"nmap\"")
		ALERT("2020-11-01T00:00:00.000000-0500", "10.0.0.6",
		      "\"signature\":\"nmap\"")
		ALERT("2020-11-01T08:00:00.000000+0000", "10.0.0.7",
		      "\"signature\":\"nmap\"")
		ALERT("2020-11-01T09:00:00.000000+0000", "10.0.0.7",
		      "\"signature\":\"nmap\"")
		"{\"event_type\":\"alert\",\"timestamp\":\"2020-11-01\","
		"\"alert\":{\"signature\":\"nmap\"}}\n",
		"2020-10-31 port-scan 10.0.0.6 1\n"
		"2020-11-01 port-scan - 1\n"
		"2020-11-01 port-scan 10.0.0.6 1\n"
		"2020-11-01 port-scan 10.0.0.7 2\n");
}

static void
test_alerts_eve_other_events_and_blank_lines(void **state)
{
	struct alerts_eve *e = scan_text(
		"\n"
		"{\"event_type\":\"dns\",\"timestamp\":\"2020-10-01\"}\n"
		"   \r\n"
		"{}\n"
		ALERT("2020-10-01", "10.0.0.8", "\"signature\":\"nmap\""), 0);
	const struct alerts_eve_stats *s = alerts_eve_stats(e);

	(void)state;
	assert_int_equal(s->lines, 5);
	assert_int_equal(s->records, 3);
	assert_int_equal(s->alerts, 1);
	assert_int_equal(s->bad_lines, 0);
	assert_int_equal(alerts_eve_warnings(e)->total, 0);
	alerts_eve_free(e);
}

static void
test_alerts_eve_truncated_last_line(void **state)
{
	struct alerts_eve *e = scan_text(
		ALERT("2020-10-01", "10.0.0.9", "\"signature\":\"nmap\"")
		"{\"event_type\":\"alert\",\"timestamp\":\"2020-10-01\","
		"\"alert\":{\"signature\":\"nm", 0);
	char *w = dump_warnings(e);

	(void)state;
	assert_true(alerts_eve_stats(e)->truncated);
	assert_int_equal(alerts_eve_stats(e)->alerts, 1);
	assert_int_equal(alerts_eve_stats(e)->bad_lines, 1);
	assert_int_equal(alerts_eve_stats(e)->lines, 2);
	assert_string_equal(w, "2:0: the last line is cut short (no newline, "
			    "incomplete JSON); skipped\n");
	free(w);
	alerts_eve_free(e);

	/* a complete last line without a newline is fine */
	e = scan_text(ALERT("2020-10-01", "10.0.0.9", "") "{\"event_type\":"
		      "\"alert\",\"timestamp\":\"2020-10-01\","
		      "\"alert\":{}}", 0);
	assert_false(alerts_eve_stats(e)->truncated);
	assert_int_equal(alerts_eve_stats(e)->alerts, 2);
	alerts_eve_free(e);
}

static void
test_alerts_eve_garbage_lines(void **state)
{
	struct alerts_eve *e = scan_text(
		"hello\n"						/* 1 */
		"{\"a\":1}}\n"						/* 2 */
		"{\"a\":tru}\n"						/* 3 */
		"{\"a\":\"x\ty\"}\n"					/* 4 */
		"{\"a\":\"\\x\"}\n"					/* 5 */
		"{\"a\":01}\n"						/* 6 */
		"{\"a\" 1}\n"						/* 7 */
		"{\"a\":1,}\n"						/* 8 */
		"{\"a\":[1 2]}\n"					/* 9 */
		"{\"a\":\"\\u12G4\"}\n"					/* 10 */
		"{\"a\":[}\n"						/* 11 */
		"[1,2]\n"						/* 12 */
		"{\"a\":1\n"						/* 13 */
		"{\"a\":-}\n"						/* 14 */
		"{\"a\":1.}\n"						/* 15 */
		"{\"a\":1e}\n"						/* 16 */
		"{'a':1}\n"						/* 17 */
		"\xef\xbb\xbf{}\n"					/* 18 */
		ALERT("2020-10-01", "10.0.0.10", ""), 0);		/* 19 */
	const struct alerts_eve_stats *s = alerts_eve_stats(e);
	char *w = dump_warnings(e);

	(void)state;
	assert_int_equal(s->lines, 19);
	assert_int_equal(s->bad_lines, 18);
	assert_int_equal(s->alerts, 1);
	assert_false(s->truncated);
	assert_int_equal(alerts_eve_warnings(e)->total, 18);
	assert_string_equal(w,
		"1:1: not a JSON object (starts with 'h'); skipped\n"
		"2:8: not JSON: '}' after the end of the object; skipped\n"
		"3:6: not JSON: unexpected 't'; skipped\n"
		"4:8: not JSON: control byte 0x09 inside a string; skipped\n"
		"5:8: not JSON: bad escape in a string ('x'); skipped\n");
	free(w);
	alerts_eve_free(e);
}

static void
test_alerts_eve_more_garbage(void **state)
{
	static const struct {
		const char *line, *warning;
	} cases[] = {
		{ "{\"a\":01}", "1:7: not JSON: unexpected '1'; skipped" },
		{ "{\"a\" 1}", "1:6: not JSON: unexpected '1'; skipped" },
		{ "{\"a\":1,}", "1:8: not JSON: unexpected '}'; skipped" },
		{ "{\"a\":\"\\u12G4\"}", "1:11: not JSON: bad escape in a "
		  "string ('G'); skipped" },
		{ "{\"a\":[1 2]}", "1:9: not JSON: unexpected '2'; skipped" },
		{ "{\"a\":1\n", "1:7: not JSON: the line ends inside the "
		  "object; skipped" },
		{ "{\"a\":[}", "1:7: not JSON: unexpected '}'; skipped" },
		{ "\xef\xbb\xbf{}", "1:1: not a JSON object (starts with "
		  "byte 0xef); skipped" },
		{ "{\"a\":nul}", "1:6: not JSON: unexpected 'n'; skipped" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		char *text, *w;
		struct alerts_eve *e;

		assert_true(asprintf(&text, "%s%s", cases[i].line,
				     strchr(cases[i].line, '\n') ? "{}\n" :
				     "\n") > 0);
		e = scan_text(text, 0);
		w = dump_warnings(e);
		assert_int_equal(alerts_eve_stats(e)->bad_lines, 1);
		assert_true(strlen(w) > 0);
		w[strlen(w) - 1] = '\0';
		assert_string_equal(w, cases[i].warning);
		free(w);
		free(text);
		alerts_eve_free(e);
	}
}

static void
test_alerts_eve_deep_nesting(void **state)
{
	struct sbuf sb = SBUF_INIT;
	struct alerts_eve *e;
	char *w;
	int i;

	(void)state;
	sbuf_adds(&sb, "{\"a\":");
	for (i = 0; i < 100000; i++)
		sbuf_addch(&sb, '[');
	sbuf_adds(&sb, "\n{\"a\":");
	for (i = 0; i < 500; i++)
		sbuf_addch(&sb, '[');
	for (i = 0; i < 500; i++)
		sbuf_addch(&sb, ']');
	sbuf_adds(&sb, "}\n");
	e = scan_text(sb.buf, 0);
	assert_int_equal(alerts_eve_stats(e)->bad_lines, 1);
	assert_int_equal(alerts_eve_stats(e)->records, 1);
	w = dump_warnings(e);
	assert_string_equal(w, "1:517: not JSON: nested more than 512 deep; "
			    "skipped\n");
	free(w);
	alerts_eve_free(e);
	sbuf_release(&sb);
}

static void
test_alerts_eve_unusable_alerts(void **state)
{
	struct alerts_eve *e = scan_text(
		"{\"event_type\":\"alert\",\"alert\":{}}\n"
		"{\"event_type\":\"alert\",\"timestamp\":\"2020-02-30\","
		"\"alert\":{}}\n"
		"{\"event_type\":\"alert\",\"timestamp\":17,\"alert\":{}}\n"
		"{\"event_type\":\"alert\",\"timestamp\":\"2020-10-01\"}\n"
		"{\"event_type\":\"alert\",\"timestamp\":\"2020-10-01\","
		"\"alert\":[]}\n"
		"{\"event_type\":[\"alert\"],\"timestamp\":\"2020-10-01\","
		"\"alert\":{}}\n", 0);
	const struct alerts_eve_stats *s = alerts_eve_stats(e);
	char *w = dump_warnings(e);

	(void)state;
	assert_int_equal(s->records, 6);
	assert_int_equal(s->alerts, 0);
	assert_int_equal(s->skipped, 5);
	assert_string_equal(w,
		"1:0: an alert without a date (YYYY-MM-DD...) in 'timestamp';"
		" skipped\n"
		"2:0: an alert without a date (YYYY-MM-DD...) in 'timestamp';"
		" skipped\n"
		"3:0: an alert without a date (YYYY-MM-DD...) in 'timestamp';"
		" skipped\n"
		"4:0: an alert record without an 'alert' object; skipped\n"
		"5:0: an alert record without an 'alert' object; skipped\n");
	free(w);
	alerts_eve_free(e);
}

static void
test_alerts_eve_duplicate_keys_last_wins(void **state)
{
	(void)state;
	expect_counts(
		"{\"event_type\":\"dns\",\"event_type\":\"alert\","
		"\"timestamp\":\"2020-10-01\",\"src_ip\":\"10.0.0.1\","
		"\"src_ip\":\"10.0.0.11\",\"alert\":{\"signature\":\"ET CNC\"},"
		"\"alert\":{\"signature\":\"nmap\"}}\n"
		"{\"event_type\":\"alert\",\"event_type\":\"dns\","
		"\"timestamp\":\"2020-10-01\",\"alert\":{}}\n",
		"2020-10-01 port-scan 10.0.0.11 1\n");
}

static void
test_alerts_eve_long_source(void **state)
{
	(void)state;
	/* a src_ip that cannot be an address is counted without one */
	expect_counts(ALERT("2020-10-01", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
			    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", ""),
		      "2020-10-01 unclassified - 1\n");
}

/* Feeding in any piece size gives the same counts, warnings and hash. */
static void
test_alerts_eve_split_anywhere(void **state)
{
	const char *text =
		ALERT("2020-10-01", "10.0.0.12", "\"signature\":\"nmap\"")
		"garbage\n"
		"{\"event_type\":\"alert\",\"timestamp\":\"2020-10-02\","
		"\"alert\":{\"signature\":\"ET CNC \\u00e9\"}}\r\n"
		"\n"
		"{\"event_type\":\"alert\",\"timestamp\":\"2020-10-0";
	struct alerts_eve *whole = scan_text(text, 0);
	char *want = dump_counts(whole), *want_w = dump_warnings(whole);
	size_t step;

	(void)state;
	for (step = 1; step < 40; step++) {
		struct alerts_eve *e = scan_text(text, step);
		char *got = dump_counts(e), *got_w = dump_warnings(e);

		assert_string_equal(got, want);
		assert_string_equal(got_w, want_w);
		assert_string_equal(alerts_eve_sha256(e),
				    alerts_eve_sha256(whole));
		assert_true(alerts_eve_stats(e)->truncated);
		free(got);
		free(got_w);
		alerts_eve_free(e);
	}
	free(want);
	free(want_w);
	alerts_eve_free(whole);
}

static void
test_alerts_eve_many_keys_and_warnings(void **state)
{
	struct sbuf sb = SBUF_INIT;
	struct alerts_eve *e;
	int i;

	(void)state;
	/* enough keys to grow the tables a few times */
	for (i = 0; i < 5000; i++)
		sbuf_addf(&sb, "{\"event_type\":\"alert\",\"timestamp\":"
			  "\"2020-10-%02d\",\"src_ip\":\"10.0.%d.%d\","
			  "\"alert\":{\"signature\":\"sig %d\"}}\nbad\n",
			  1 + i % 28, i / 250, i % 250, i % 700);
	e = scan_text(sb.buf, 0);
	assert_int_equal(alerts_eve_stats(e)->alerts, 5000);
	assert_int_equal(alerts_eve_stats(e)->unclassified, 5000);
	assert_int_equal(alerts_eve_stats(e)->bad_lines, 5000);
	assert_int_equal(alerts_eve_warnings(e)->n, ALERTS_EVE_KEEP);
	assert_int_equal(alerts_eve_warnings(e)->total, 5000);
	alerts_eve_free(e);
	sbuf_release(&sb);
}

/* ---- Zeek notice.log ---- */

static struct alerts_eve *
scan_zeek(const char *text)
{
	struct alerts_eve *e = alerts_eve_new(cat, "notice.log");
	struct osk_error err;

	assert_non_null(e);
	alerts_eve_set_format(e, ALERTS_LOG_ZEEK_NOTICE);
	assert_int_equal(alerts_eve_feed(e, text, strlen(text), &err), 0);
	assert_int_equal(alerts_eve_finish(e, &err), 0);
	return e;
}

static void
test_alerts_eve_zeek_sample(void **state)
{
	struct alerts_eve *e = alerts_eve_new(cat, "x");
	struct osk_error err;
	char *got;

	(void)state;
	alerts_eve_set_format(e, ALERTS_LOG_ZEEK_NOTICE);
	assert_int_equal(alerts_eve_read_file(e, DATA "zeek_ssh-detect-"
					      "bruteforcing_notice.log", &err),
			 0);
	assert_int_equal(alerts_eve_stats(e)->lines, 10);
	assert_int_equal(alerts_eve_stats(e)->records, 1);
	assert_int_equal(alerts_eve_stats(e)->bad_lines, 0);
	/* SSH::Password_Guessing, ts 1427726759 = 2015-03-30 14:45 UTC */
	got = dump_counts(e);
	assert_string_equal(got, "2015-03-30 login-bruteforce-fail "
			    "192.168.56.1 1\n");
	free(got);
	assert_string_equal(alerts_eve_sha256(e), "e8d0cc449b0566febb2939ab7"
			    "052b9068c2e474b00af2089fa2684d7562ae757");
	alerts_eve_free(e);
}

static void
test_alerts_eve_zeek_lines(void **state)
{
	struct alerts_eve *e;
	char *got, *w;

	(void)state;
	e = scan_zeek(
		"#separator \\x09\n"
		"#fields\tts\tid.orig_h\tnote\tmsg\tsrc\n"
		"#types\ttime\taddr\tenum\tstring\taddr\n"
		/* src unset: id.orig_h */
		"1603000000.5\t10.0.0.1\tFTP::Bruteforcing\t10.0.0.1 had "
		"20 failed logins on 1 FTP server\t-\n"
		"1603000001\t-\tHTTP::SQL_Injection_Attacker\tAn SQL "
		"injection attacker was discovered!\t10.0.0.9\r\n"
		"x\t-\tSSH::Password_Guessing\t-\t10.0.0.9\n"
		"1603000002\t-\t-\t-\t10.0.0.9\n"
		"#close\t2020-10-18-05-46-42\n");
	got = dump_counts(e);
	assert_string_equal(got,
		"2020-10-18 login-bruteforce-fail 10.0.0.1 1\n"
		"2020-10-18 unclassified 10.0.0.9 1\n");
	free(got);
	w = dump_warnings(e);
	assert_string_equal(w,
		"6:0: a notice without a time in 'ts'; skipped\n"
		"7:0: a line without a 'note'; skipped\n");
	free(w);
	assert_int_equal(alerts_eve_stats(e)->skipped, 1);
	assert_int_equal(alerts_eve_stats(e)->bad_lines, 1);
	alerts_eve_free(e);

	/* not a notice log */
	e = scan_zeek("{\"event_type\":\"alert\"}\n#separator ,\n"
		      "#fields\tts\tuid\n");
	w = dump_warnings(e);
	assert_string_equal(w,
		"1:0: a line before the #fields line (is this a Zeek "
		"notice.log?); skipped\n"
		"2:0: only tab-separated notice logs are read; skipped\n"
		"3:0: the #fields line has no 'ts' or no 'note' (is this a "
		"Zeek notice.log?); skipped\n");
	free(w);
	alerts_eve_free(e);
}

/* The hash of what was fed is SHA-256, however the input is cut. */
static void
test_alerts_eve_sha256(void **state)
{
	static const size_t steps[] = { 1, 7, 63, 64, 65, 4096, 100003 };
	size_t n = 300007, i, s;
	char *buf = malloc(n), want[SHA256_HEX_SIZE];

	(void)state;
	assert_non_null(buf);
	for (i = 0; i < n; i++)
		buf[i] = (char)(i % 251 == 0 ? '\n'
				: 'a' + (i * 7 + i / 13) % 26);
	for (s = 0; s < sizeof(steps) / sizeof(*steps); s++) {
		for (i = 0; i < 3; i++) {
			size_t len = i == 0 ? n : i == 1 ? 64 * 9 : 1000;
			struct alerts_eve *e = alerts_eve_new(cat, "x");
			struct osk_error err;
			size_t off;

			for (off = 0; off < len; off += steps[s])
				assert_int_equal(alerts_eve_feed(e, buf + off,
						 len - off < steps[s] ?
						 len - off : steps[s], &err),
						 0);
			assert_int_equal(alerts_eve_finish(e, &err), 0);
			sha256_hex(buf, len, want);
			assert_string_equal(alerts_eve_sha256(e), want);
			assert_int_equal(alerts_eve_stats(e)->bytes, len);
			alerts_eve_free(e);
		}
	}
	free(buf);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_alerts_eve_sample_testmyids),
		cmocka_unit_test(test_alerts_eve_sample_dnp3),
		cmocka_unit_test(test_alerts_eve_sample_zeek_not_json),
		cmocka_unit_test(test_alerts_eve_gzip_and_stdin),
		cmocka_unit_test(test_alerts_eve_key_order_and_unknown_keys),
		cmocka_unit_test(test_alerts_eve_nested_objects_skipped),
		cmocka_unit_test(test_alerts_eve_escapes),
		cmocka_unit_test(test_alerts_eve_classification_order),
		cmocka_unit_test(test_alerts_eve_per_day_and_source),
		cmocka_unit_test(test_alerts_eve_other_events_and_blank_lines),
		cmocka_unit_test(test_alerts_eve_truncated_last_line),
		cmocka_unit_test(test_alerts_eve_garbage_lines),
		cmocka_unit_test(test_alerts_eve_more_garbage),
		cmocka_unit_test(test_alerts_eve_deep_nesting),
		cmocka_unit_test(test_alerts_eve_unusable_alerts),
		cmocka_unit_test(test_alerts_eve_duplicate_keys_last_wins),
		cmocka_unit_test(test_alerts_eve_long_source),
		cmocka_unit_test(test_alerts_eve_split_anywhere),
		cmocka_unit_test(test_alerts_eve_many_keys_and_warnings),
		cmocka_unit_test(test_alerts_eve_sha256),
		cmocka_unit_test(test_alerts_eve_zeek_sample),
		cmocka_unit_test(test_alerts_eve_zeek_lines),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
