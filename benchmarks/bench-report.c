/* SPDX-License-Identifier: MIT */
/*
 * bench-report: time the health-check sheet renderer with one renderer
 * (fonts created once), as a batch worker uses it.
 *
 *   bench-report N FMT DIR   render the sample sheet (office + home
 *                            working) N times to DIR/sheet.FMT; prints
 *                            "median_ms_per_page mean_ms_per_page bytes"
 *   bench-report sheets DB N DIR [ID]
 *                            a batch worker on database DB (warm: one
 *                            sheet first), then N sheets as PDF into DIR:
 *                            companies 1..N in turn, or company ID N
 *                            times; prints "median_ms mean_ms pages
 *                            median_ms_of_two_page_sheets"
 *   bench-report html DB ID TEMPLATE OUT
 *                            the sheet of company ID as HTML: TEMPLATE
 *                            (benchmarks/sheet.html) filled with the
 *                            same texts and numbers, for WeasyPrint
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "core/store.h"
#include "report/report.h"
#include "tests/unit/report_sample.h"

int bench_sheets(int argc, char **argv);
int bench_html(int argc, char **argv);

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

int
main(int argc, char **argv)
{
	struct report_renderer *r;
	struct osk_error err;
	struct sample x;
	enum report_fmt fmt;
	struct stat st;
	char path[4096];
	double *ms, sum = 0, t;
	int i, n;

	if (argc >= 2 && !strcmp(argv[1], "sheets"))
		return bench_sheets(argc, argv);
	if (argc >= 2 && !strcmp(argv[1], "html"))
		return bench_html(argc, argv);
	if (argc != 4 || (n = atoi(argv[1])) < 1) {
		fprintf(stderr, "usage: bench-report N pdf|png|svg DIR\n");
		return 2;
	}
	snprintf(path, sizeof(path), "%s/sheet.%s", argv[3], argv[2]);
	if (report_fmt_from_path(path, &fmt)) {
		fprintf(stderr, "bench-report: unknown format '%s'\n", argv[2]);
		return 2;
	}
	if (!(r = report_renderer_new(NULL, &err))) {
		fprintf(stderr, "bench-report: %s\n", err.msg);
		return 1;
	}
	sample_fill(&x, OSK_LANG_JA);
	/* warm up: the first sheet loads the font and fills the caches */
	if (report_renderer_render(r, &x.sheet, fmt, path, &err) < 0) {
		fprintf(stderr, "bench-report: %s\n", err.msg);
		return 1;
	}
	if (!(ms = calloc((size_t)n, sizeof(*ms))))
		return 1;
	for (i = 0; i < n; i++) {
		t = now_ms();
		if (report_renderer_render(r, &x.sheet, fmt, path, &err) < 0) {
			fprintf(stderr, "bench-report: %s\n", err.msg);
			return 1;
		}
		ms[i] = (now_ms() - t) / (double)x.sheet.npages;
		sum += ms[i];
	}
	qsort(ms, (size_t)n, sizeof(*ms), cmp_double);
	if (stat(path, &st))
		st.st_size = 0;
	printf("%.2f %.2f %lld\n", ms[n / 2], sum / n, (long long)st.st_size);
	free(ms);
	report_renderer_free(r);
	return 0;
}

/* ---- sheets from a database, as a batch worker draws them ---- */

static struct store *
open_db(const char *path, struct osk_error *err)
{
	struct store *st = store_open(path, 0, err);

	if (!st)
		fprintf(stderr, "bench-report: %s: %s\n", path, err->msg);
	return st;
}

int
bench_sheets(int argc, char **argv)
{
	struct report_health_opts o = { 0 };
	struct report_renderer *r = NULL;
	struct report_batch *b = NULL;
	struct report_batch_result res;
	struct osk_error err;
	struct store *st;
	char path[4096];
	double *ms, *ms2, sum = 0, t;
	long pages = 0;
	int64_t id;
	int i, n, n2 = 0;

	if (argc < 5 || (n = atoi(argv[3])) < 1) {
		fprintf(stderr, "usage: bench-report sheets DB N DIR [ID]\n");
		return 2;
	}
	osk_error_clear(&err);
	if (!(st = open_db(argv[2], &err)))
		return 1;
	o.lang = OSK_LANG_JA;
	o.created = 0;
	if (!(r = report_renderer_new(NULL, &err)) ||
	    report_batch_new(r, st, &o, &b, &err) < 0) {
		fprintf(stderr, "bench-report: %s\n", err.msg);
		return 1;
	}
	snprintf(path, sizeof(path), "%s/bench-sheet.pdf", argv[4]);
	id = argc > 5 ? atoll(argv[5]) : 1;
	if (report_batch_sheet(b, id, REPORT_FMT_PDF, path, &res, &err) < 0) {
		fprintf(stderr, "bench-report: %s\n", err.msg);
		return 1;
	}
	ms = calloc((size_t)n, sizeof(*ms));
	ms2 = calloc((size_t)n, sizeof(*ms2));
	if (!ms || !ms2)
		return 1;
	for (i = 0; i < n; i++) {
		id = argc > 5 ? atoll(argv[5]) : i + 1;
		t = now_ms();
		if (report_batch_sheet(b, id, REPORT_FMT_PDF, path, &res,
				       &err) < 0) {
			fprintf(stderr, "bench-report: %s\n", err.msg);
			return 1;
		}
		ms[i] = now_ms() - t;
		sum += ms[i];
		pages += res.pages;
		if (res.pages == 2)
			ms2[n2++] = ms[i];
	}
	qsort(ms, (size_t)n, sizeof(*ms), cmp_double);
	qsort(ms2, (size_t)n2, sizeof(*ms2), cmp_double);
	printf("%.2f %.2f %ld %.2f\n", ms[n / 2], sum / n, pages,
	       n2 ? ms2[n2 / 2] : 0.0);
	free(ms);
	free(ms2);
	report_batch_free(b);
	report_renderer_free(r);
	store_close(st);
	return 0;
}

/* ---- the same sheet as HTML, for WeasyPrint ---- */

static void
esc(FILE *f, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '&': fputs("&amp;", f); break;
		case '"': fputs("&quot;", f); break;
		default: fputc(*s, f); break;
		}
	}
}

/* A text through the glossary, as the sheet prints it. */
static void
plain(FILE *f, const struct report_renderer *r, enum osk_lang lang,
      const char *s)
{
	char *p = report_plain(r, lang, s ? s : "");

	esc(f, p ? p : s);
	free(p);
}

static const char *
num1(char buf[32], double v)
{
	if (v == REPORT_NONE)
		return "—";
	snprintf(buf, 32, "%.1f", osk_round1(v));
	return buf;
}

static void
radar_svg(FILE *f, const struct report_page *p)
{
	size_t i, n = p->ncategories;
	double cx = 120, cy = 75, rr = 58;
	int k;

	fprintf(f, "<svg width=\"260pt\" height=\"150pt\" "
		"viewBox=\"0 0 260 150\">");
	for (k = 1; k <= 5; k++) {
		fputs("<polygon fill=\"none\" stroke=\"#d5dbe3\" points=\"", f);
		for (i = 0; i < n; i++) {
			double a = 2 * M_PI * (double)i / (double)n - M_PI / 2;

			fprintf(f, "%.1f,%.1f ", cx + rr * k / 5 * cos(a),
				cy + rr * k / 5 * sin(a));
		}
		fputs("\"/>", f);
	}
	for (k = 0; k < 2; k++) {
		fprintf(f, "<polygon fill=\"%s\" fill-opacity=\"%s\" "
			"stroke=\"%s\" points=\"", k ? "#3d7bd9" : "#e07b24",
			k ? "0.22" : "0.06", k ? "#3d7bd9" : "#e07b24");
		for (i = 0; i < n; i++) {
			const struct report_category *c = &p->categories[i];
			double v = k ? c->score : c->comparison;
			double a = 2 * M_PI * (double)i / (double)n - M_PI / 2;

			if (v == REPORT_NONE)
				v = 0;
			fprintf(f, "%.1f,%.1f ", cx + rr * v / 100 * cos(a),
				cy + rr * v / 100 * sin(a));
		}
		fputs("\"/>", f);
	}
	for (i = 0; i < n; i++) {
		double a = 2 * M_PI * (double)i / (double)n - M_PI / 2;

		fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"7\" "
			"text-anchor=\"middle\">", cx + (rr + 14) * cos(a),
			cy + (rr + 10) * sin(a) + 2);
		esc(f, p->categories[i].label ? p->categories[i].label :
		    p->categories[i].name);
		fputs("</text>", f);
	}
	fputs("</svg>", f);
}

static void
page_html(FILE *f, const struct report_renderer *r,
	  const struct report_sheet *s, size_t pi)
{
	const struct report_page *p = &s->pages[pi];
	enum osk_lang lang = s->lang;
	char a[32], b[32];
	size_t i, j;

	fputs("<section class=\"page\"><div class=\"band\"><div><h1>", f);
	esc(f, lang == OSK_LANG_JA ? "情報セキュリティ健康診断書" :
	    "Security health check");
	fputs("</h1><div class=\"sub\">Security Health Check</div></div>"
	      "<div class=\"right\"><div class=\"company\">", f);
	esc(f, s->company);
	fputs("</div><div class=\"meta\">", f);
	esc(f, p->date ? p->date : s->date);
	fputs(" ", f);
	esc(f, s->consultant);
	fputs("</div><div class=\"meta\">", f);
	esc(f, p->env);
	fputs("</div></div></div><div class=\"content\"><div class=\"info\">",
	      f);
	esc(f, s->company_info);
	fputs("</div><div class=\"summary\"><div class=\"panel\">"
	      "<div class=\"cap\">", f);
	esc(f, lang == OSK_LANG_JA ? "総合判定" : "Overall result");
	fprintf(f, "</div><div class=\"stamp\"><div class=\"letter\">%s"
		"</div></div><div class=\"score\"><span class=\"big\">%s"
		"</span> / 100<div class=\"line\">", p->grade ? p->grade : "—",
		num1(a, p->score));
	esc(f, p->cmp_name);
	fprintf(f, " n=%d: %s</div><div class=\"line\">%s</div></div>"
		"<div class=\"sentence\"></div></div><div class=\"radar\">",
		p->cmp_n, num1(b, p->cmp_score), p->prev_date ?
		p->prev_date : "");
	radar_svg(f, p);
	fputs("</div></div><h2>", f);
	esc(f, lang == OSK_LANG_JA ? "分野ごとの結果" : "Results by area");
	fputs("</h2><table><tr><th>Area</th><th>Score</th><th>Average</th>"
	      "<th>Grade</th><th>Comment</th></tr>", f);
	for (i = 0; i < p->ncategories; i++) {
		const struct report_category *c = &p->categories[i];
		int gi = c->grade ? c->grade[0] - 'A' : 3;

		fputs("<tr><td>", f);
		plain(f, r, lang, c->name);
		fprintf(f, "</td><td class=\"num\">%s <span class=\"bar\" "
			"style=\"width:%.0fpt\"></span></td><td>%s</td>"
			"<td><span class=\"grade g%d\">%s</span></td><td>",
			num1(a, c->score), c->score == REPORT_NONE ? 0 :
			c->score * 0.6, num1(b, c->comparison),
			gi < 0 || gi > 3 ? 3 : gi, c->grade ? c->grade : "");
		plain(f, r, lang, c->comment);
		fputs("</td></tr>", f);
	}
	fputs("</table><h2>", f);
	esc(f, lang == OSK_LANG_JA ? "まず取り組むこと" : "Do these first");
	fputs("</h2>", f);
	for (i = 0; i < p->nactions && i < 3; i++) {
		fprintf(f, "<div class=\"action\"><span class=\"n\">%zu</span>"
			"<span class=\"area\">", i + 1);
		plain(f, r, lang, p->actions[i].area);
		fputs("</span><span>", f);
		plain(f, r, lang, p->actions[i].text);
		fputs("</span><span class=\"cost\">&nbsp;</span></div>", f);
	}
	fputs("<div class=\"cols\"><div><h2>SECURITY ACTION</h2>", f);
	if (p->sa) {
		for (i = 0; i < p->sa->nmissing1; i++) {
			fputs("<div>", f);
			plain(f, r, lang, p->sa->missing1[i].text);
			fputs("</div>", f);
		}
		for (i = 0; i < p->sa->nmissing2 && i < 4; i++) {
			fputs("<div>", f);
			plain(f, r, lang, p->sa->missing2[i].text);
			fputs("</div>", f);
		}
	}
	fputs("<h2>", f);
	esc(f, lang == OSK_LANG_JA ? "次回確認すること" : "To check next time");
	fputs("</h2>", f);
	for (i = 0; i < p->nunknown && i < 4; i++) {
		fputs("<div>☐ ", f);
		plain(f, r, lang, p->unknown[i]);
		fputs("</div>", f);
	}
	fputs("</div><div><h2>", f);
	esc(f, lang == OSK_LANG_JA ? "ネットワークの見守り" : "Network watch");
	fputs("</h2>", f);
	if (p->network)
		for (i = 0; i < p->network->nphases; i++) {
			const struct report_net_phase *ph =
				&p->network->phases[i];

			fputs("<div class=\"phase\">", f);
			plain(f, r, lang, ph->name);
			fprintf(f, " %ld</div>", ph->total);
			for (j = 0; j < ph->nevents; j++) {
				fputs("<div class=\"event\">", f);
				plain(f, r, lang, ph->events[j].title);
				fprintf(f, " %ld", ph->events[j].count);
				if (ph->events[j].ndevices) {
					size_t k;

					fputs("<div class=\"dev\">", f);
					for (k = 0; k < ph->events[j].ndevices;
					     k++) {
						if (k)
							fputs(lang == OSK_LANG_JA ?
							      "、" : ", ", f);
						esc(f, ph->events[j].devices[k]);
					}
					fputs("</div>", f);
				}
				fputs("</div>", f);
			}
		}
	fputs("</div></div></div><div class=\"desk\"><span class=\"label\">",
	      f);
	esc(f, lang == OSK_LANG_JA ? "ご相談窓口" : "Service desk");
	fputs("</span><span>", f);
	esc(f, s->desk.name);
	fputs(" ", f);
	esc(f, s->desk.phone);
	fprintf(f, "</span></div><div class=\"foot\"><span></span><span>%zu /"
		" %zu</span></div></section>\n", pi + 1, s->npages);
}

int
bench_html(int argc, char **argv)
{
	struct report_health_opts o = { 0 };
	struct report_renderer *r = NULL;
	struct report_health *h = NULL;
	const struct report_sheet *s;
	struct osk_error err;
	struct store *st;
	char line[4096];
	FILE *in, *out;
	size_t i;

	if (argc != 6) {
		fprintf(stderr, "usage: bench-report html DB ID TEMPLATE "
			"OUT\n");
		return 2;
	}
	osk_error_clear(&err);
	if (!(st = open_db(argv[2], &err)))
		return 1;
	o.lang = OSK_LANG_JA;
	if (!(r = report_renderer_new(NULL, &err)) ||
	    report_health_load(r, st, atoll(argv[3]), &o, &h, &err) < 0) {
		fprintf(stderr, "bench-report: %s\n", err.msg);
		return 1;
	}
	s = report_health_sheet(h);
	if (!(in = fopen(argv[4], "r")) || !(out = fopen(argv[5], "w"))) {
		perror("bench-report");
		return 1;
	}
	while (fgets(line, sizeof(line), in)) {
		if (strstr(line, "@@PAGES@@")) {
			for (i = 0; i < s->npages; i++)
				page_html(out, r, s, i);
		} else if (strstr(line, "@@LANG@@")) {
			fputs("<html lang=\"ja\">\n", out);
		} else if (strstr(line, "@@TITLE@@")) {
			fputs("<title>", out);
			esc(out, s->company);
			fputs("</title>\n", out);
		} else {
			fputs(line, out);
		}
	}
	fclose(in);
	if (fclose(out)) {
		perror("bench-report");
		return 1;
	}
	report_health_free(h);
	report_renderer_free(r);
	store_close(st);
	return 0;
}
