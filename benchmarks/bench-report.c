/* SPDX-License-Identifier: MIT */
/*
 * bench-report: time the health-check sheet renderer with one renderer
 * (fonts created once), as a batch worker uses it.
 *
 *   bench-report N FMT DIR   render the sample sheet (office + home
 *                            working) N times to DIR/sheet.FMT; prints
 *                            "median_ms_per_page mean_ms_per_page bytes"
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "report/report.h"
#include "tests/unit/report_sample.h"

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
