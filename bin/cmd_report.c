/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "alerts/alerts.h"
#include "bin/bin.h"
#include "bin/commands.h"
#include "bin/render.h"
#include "core/company.h"
#include "core/csv.h"
#include "core/industry.h"
#include "core/qset.h"
#include "report/report.h"
#include "report/survey_xlsx.h"
#include "survey/survey.h"

static const char *const report_usage[] = {
	"usage: otasuke report health|batch|survey|region ...",
	"",
	"Health-check sheets: one A4 page per environment checked (office,",
	"home working), in plain words for the owner of the company; and the",
	"programme's reports: the survey tallies and the region report.",
	"",
	"  health COMPANY [-o FILE] [--lang ja|en] [--from D] [--to D]",
	"      the sheet of COMPANY (its id or exact name)",
	"  batch (--all | --industry X | COMPANY...) -o DIR [-j N]",
	"      [--lang ja|en] [--from D] [--to D]",
	"      one PDF per company into DIR, and DIR/index.csv",
	"  survey [--set SET] [--event NAME] [--by industry|size|QID]",
	"      -o FILE [--lang ja|en]",
	"      the survey tallies with charts, FILE.xlsx or FILE.pdf",
	"  region [--from D] [--to D] -o FILE [--lang ja|en]",
	"      the programme report (scores, grades, alerts), .xlsx or .pdf",
	"",
	"  -o, --output FILE  health: .pdf, .png (150 dpi) or .svg; PNG and",
	"                     SVG write page 2 on to FILE-2.png, ...",
	"                     (default: <id>-<name>.pdf here); survey and",
	"                     region: .xlsx or .pdf",
	"  -o, --output DIR   batch: the folder of the sheets (made if",
	"                     missing)",
	"  -j, --jobs N       batch: N worker processes (default: the CPUs)",
	"  --all              batch: every company",
	"  --industry X       batch: the companies of industry X (A-T or",
	"                     name)",
	"  --set SET          survey: the survey set (default",
	"                     survey-seminar)",
	"  --event NAME       survey: the responses of that event only",
	"  --by G             survey: also per industry, size band or",
	"                     choice of question QID",
	"  --lang ja|en       language of the texts (default: the global",
	"                     one)",
	"  --from D, --to D   period, YYYY-MM-DD. health, batch: of the",
	"                     network check (default: the three calendar",
	"                     months up to the latest sensor data); region:",
	"                     of the alerts and of the diagnoses completed",
	"                     (default: all)",
	"",
	"Scores are those of 'otasuke diag score', alerts those of 'otasuke",
	"alerts summary' for the period, survey figures those of 'otasuke",
	"survey tally'. With SOURCE_DATE_EPOCH set, the same database gives",
	"the same PDF, byte for byte. A company that fails in a batch (no",
	"diagnosis, say) does not stop the others; the exit status is then 2.",
	NULL,
};

enum {
	O_LANG = 256, O_FROM, O_TO, O_ALL, O_INDUSTRY, O_SET, O_EVENT, O_BY,
};

static const struct option longopts[] = {
	{ "output", required_argument, NULL, 'o' },
	{ "jobs", required_argument, NULL, 'j' },
	{ "lang", required_argument, NULL, O_LANG },
	{ "from", required_argument, NULL, O_FROM },
	{ "to", required_argument, NULL, O_TO },
	{ "all", no_argument, NULL, O_ALL },
	{ "industry", required_argument, NULL, O_INDUSTRY },
	{ "set", required_argument, NULL, O_SET },
	{ "event", required_argument, NULL, O_EVENT },
	{ "by", required_argument, NULL, O_BY },
	{ NULL, 0, NULL, 0 },
};

struct opts {
	const char *output, *from, *to, *industry, *set, *event, *by;
	enum osk_lang lang;
	long jobs;
	bool all;
};

/* Parse the options named in allowed; operands stay in argv[optind..]. */
static void
parse_opts(int argc, char **argv, struct opts *o, const char *allowed)
{
	const char *bad;
	char cmd[64];
	int c;

	memset(o, 0, sizeof(*o));
	o->lang = app.lang;
	optind = 0;
	snprintf(cmd, sizeof(cmd), "report %s", argv[0]);
	while ((c = next_opt(argc, argv, "o:j:", longopts, allowed,
			      report_usage, cmd)) != -1) {
		switch (c) {
		case 'o': o->output = optarg; break;
		case 'j':
			o->jobs = parse_count(report_usage, "-j", optarg);
			if (o->jobs < 1)
				usage_error(report_usage, "-j needs at least "
					    "1 worker");
			break;
		case O_LANG:
			if (osk_lang_parse(optarg, &o->lang))
				usage_error(report_usage, "unknown language "
					    "'%s'; use ja or en", optarg);
			break;
		case O_FROM: o->from = optarg; break;
		case O_TO: o->to = optarg; break;
		case O_ALL: o->all = true; break;
		case O_INDUSTRY: o->industry = optarg; break;
		case O_SET: o->set = optarg; break;
		case O_EVENT: o->event = optarg; break;
		case O_BY: o->by = optarg; break;
		}
	}
	bad = o->from && !alerts_date_ok(o->from) ? o->from :
	      o->to && !alerts_date_ok(o->to) ? o->to : NULL;
	if (bad)
		usage_error(report_usage, "'%s' is not a date; write "
			    "YYYY-MM-DD", bad);
	if (o->from && o->to && strcmp(o->from, o->to) > 0)
		usage_error(report_usage, "--from %s is after --to %s",
			    o->from, o->to);
}

/* The PDF date: SOURCE_DATE_EPOCH when set to a number, else now (-1). */
static long long
source_date(void)
{
	const char *s = getenv("SOURCE_DATE_EPOCH");
	char *end;
	long long v;

	if (!s || !*s)
		return -1;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno || *end || v < 0) {
		warning("SOURCE_DATE_EPOCH='%s' is not a number of seconds; "
			"using the current time", s);
		return -1;
	}
	return v;
}

static int
report_health(int argc, char **argv)
{
	struct report_health_opts ho = { 0 };
	struct report_renderer *r = NULL;
	struct report_health *h = NULL;
	struct company c;
	struct osk_error err;
	enum report_fmt fmt = REPORT_FMT_PDF;
	struct opts o;
	char *path = NULL;
	const char *output;
	int pages;

	parse_opts(argc, argv, &o, "output lang from to");
	if (argc - optind != 1)
		usage_error(report_usage, "'report health' needs one COMPANY");
	if (o.output && report_fmt_from_path(o.output, &fmt))
		usage_error(report_usage, "cannot tell the format of '%s'; "
			    "end it in .pdf, .png or .svg", o.output);

	osk_error_clear(&err);
	company_init(&c);
	if (company_find(app_store(), argv[optind], &c, &err))
		die_err(&err);
	if (!(r = report_renderer_new(NULL, &err)))
		die_err(&err);
	ho.lang = o.lang;
	ho.from = o.from;
	ho.to = o.to;
	ho.created = source_date();
	if (report_health_load(r, app_store(), c.id, &ho, &h, &err))
		die_err(&err);
	output = o.output;
	if (!output) {
		output = path = report_file_name(c.id, c.name, "pdf");
		if (!path)
			die(OSK_EX_OSERR, "out of memory");
	}
	pages = report_renderer_render(r, report_health_sheet(h), fmt, output,
				       &err);
	if (pages < 0)
		die_err(&err);
	info(L("%s を書き出しました（%d ページ）", "wrote %s (%d page%s)"),
	     output, pages, pages == 1 ? "" : "s");
	report_health_free(h);
	report_renderer_free(r);
	company_release(&c);
	free(path);
	return 0;
}

/* ---- batch ---- */

struct item {
	int64_t id;
	char *name;
	char *file;		/* name in DIR */
	bool done, ok;
	char grade[8];
	char *reason;		/* why it failed */
};

struct list {
	struct item *items;
	size_t n, alloc;
};

static void
list_add(struct list *l, int64_t id, const char *name)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (l->items[i].id == id)
			return;
	if (l->n == l->alloc) {
		l->alloc = l->alloc ? 2 * l->alloc : 64;
		l->items = xrealloc(l->items, l->alloc * sizeof(*l->items));
	}
	memset(&l->items[l->n], 0, sizeof(l->items[0]));
	l->items[l->n].id = id;
	l->items[l->n].name = xstrdup(name);
	l->items[l->n].file = report_file_name(id, name, "pdf");
	if (!l->items[l->n].file)
		die(OSK_EX_OSERR, "out of memory");
	l->n++;
}

static void
list_release(struct list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		free(l->items[i].name);
		free(l->items[i].file);
		free(l->items[i].reason);
	}
	free(l->items);
	memset(l, 0, sizeof(*l));
}

static int
add_company(const struct company *c, void *data)
{
	list_add(data, c->id, c->name);
	return 0;
}

static const char *
industry_letter(const char *s)
{
	const struct industry *it;
	struct industries *ind;
	struct osk_error err;
	static char letter[2];
	char *path;

	osk_error_clear(&err);
	if (asprintf(&path, "%s/industries.yaml", osk_datadir()) < 0)
		die(OSK_EX_OSERR, "out of memory");
	if (!(ind = industries_load(path, &err)))
		die_err(&err);
	free(path);
	if (!(it = industries_find(ind, s)))
		usage_error(report_usage, "unknown industry '%s'; use a JSIC "
			    "division letter A-T or its name", s);
	memcpy(letter, it->id, sizeof(letter));
	industries_free(ind);
	return letter;
}

/* The companies chosen on the command line, in id order for --all. */
static void
select_companies(int argc, char **argv, const struct opts *o,
		 struct list *l)
{
	struct osk_error err;
	int n = argc - optind, k;

	if ((o->all != 0) + (o->industry != NULL) + (n > 0) != 1)
		usage_error(report_usage, "'report batch' needs one of "
			    "--all, --industry X or COMPANY...");
	osk_error_clear(&err);
	if (o->all || o->industry) {
		if (company_each(app_store(), o->industry ?
				 industry_letter(o->industry) : NULL,
				 add_company, l, &err))
			die_err(&err);
		return;
	}
	for (k = optind; k < argc; k++) {
		struct company c;

		company_init(&c);
		if (company_find(app_store(), argv[k], &c, &err))
			die_err(&err);
		list_add(l, c.id, c.name);
		company_release(&c);
	}
}

static void
make_dir(const char *dir)
{
	struct stat st;

	if (mkdir(dir, 0777) == 0)
		return;
	if (errno == EEXIST && stat(dir, &st) == 0 && S_ISDIR(st.st_mode))
		return;
	die(OSK_EX_CANTCREAT, "cannot create the folder '%s': %s", dir,
	    errno == EEXIST ? "a file has that name" : strerror(errno));
}

/*
 * One worker: the companies i = w, w + n, ... of l, each reported to fd
 * as a line "index TAB status TAB grade TAB reason". Runs in the child.
 */
/* A message fit for one field of a worker's line. */
static void
flatten(char *msg)
{
	for (; *msg; msg++)
		if (*msg == '\t' || *msg == '\n' || *msg == '\r')
			*msg = ' ';
}

static int
worker(const struct list *l, size_t w, size_t n, const char *dir,
       const struct report_health_opts *ho, int fd)
{
	struct report_renderer *r = NULL;
	struct report_batch *b = NULL;
	struct report_batch_result res;
	struct osk_error err;
	struct sbuf line = SBUF_INIT, path = SBUF_INIT;
	char msg[1200];
	size_t i;
	int ret, status = 0;

	osk_error_clear(&err);
	msg[0] = '\0';
	/*
	 * Each sheet reads a few pages of its own company: a small page
	 * cache keeps a worker's memory the same for 100 or 10,000
	 * companies (the operating system caches the file anyway).
	 */
	if (store_exec(app_store(), "PRAGMA cache_size = -512", &err) < 0)
		osk_error_clear(&err);
	if (!(r = report_renderer_new(NULL, &err)) ||
	    report_batch_new(r, app_store(), ho, &b, &err) < 0) {
		osk_error_format(&err, msg, sizeof(msg));
		flatten(msg);
		status = 1;
	}
	for (i = w; i < l->n; i += n) {
		sbuf_reset(&line);
		if (!status) {
			sbuf_reset(&path);
			xcheck(sbuf_addf(&path, "%s/%s", dir, l->items[i].file));
			osk_error_clear(&err);
			ret = report_batch_sheet(b, l->items[i].id,
						 REPORT_FMT_PDF, path.buf,
						 &res, &err);
			if (ret < 0) {
				osk_error_format(&err, msg, sizeof(msg));
				flatten(msg);
				xcheck(sbuf_addf(&line, "%zu\tfail\t\t%s\n", i,
						 msg));
			} else {
				xcheck(sbuf_addf(&line, "%zu\tok\t%s\t\n", i,
						 res.grade));
			}
		} else {
			xcheck(sbuf_addf(&line, "%zu\tfail\t\t%s\n", i, msg));
		}
		if (write(fd, line.buf, line.len) != (ssize_t)line.len)
			break;
	}
	report_batch_free(b);
	report_renderer_free(r);
	if (app.store) {
		store_close(app.store);
		app.store = NULL;
	}
	sbuf_release(&line);
	sbuf_release(&path);
	close(fd);
	return status;
}

static double
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* "\r  35/71 [#########.......]  22.1/s  ETA 0:02" on a terminal. */
static void
progress(size_t done, size_t total, double t0, bool final)
{
	static double last;
	double t = now_s(), rate;
	long eta;
	char bar[31];
	size_t k, fill;

	if (!final && t - last < 0.1)
		return;
	last = t;
	rate = t > t0 ? (double)done / (t - t0) : 0;
	eta = rate > 0 ? (long)((double)(total - done) / rate + 0.5) : 0;
	fill = total ? done * 30 / total : 30;
	for (k = 0; k < 30; k++)
		bar[k] = k < fill ? '#' : '.';
	bar[30] = '\0';
	fprintf(stderr, "\r%*zu/%zu [%s] %6.1f/s  ETA %ld:%02ld ",
		(int)snprintf(NULL, 0, "%zu", total), done, total, bar, rate,
		eta / 60, eta % 60);
	if (final)
		fputs("\r\033[K", stderr);
	fflush(stderr);
}

/* Take the worker's lines out of buf; returns how many were complete. */
static size_t
take_lines(struct sbuf *buf, struct list *l)
{
	size_t n = 0;
	char *nl;

	while ((nl = memchr(buf->buf, '\n', buf->len))) {
		char *f[4] = { buf->buf, NULL, NULL, NULL }, *p = buf->buf;
		size_t k = 1, i;

		*nl = '\0';
		while (k < 4 && (p = strchr(p, '\t'))) {
			*p++ = '\0';
			f[k++] = p;
		}
		i = (size_t)strtoul(f[0], NULL, 10);
		if (k == 4 && i < l->n && !l->items[i].done) {
			struct item *it = &l->items[i];

			it->done = true;
			it->ok = !strcmp(f[1], "ok");
			snprintf(it->grade, sizeof(it->grade), "%s", f[2]);
			if (!it->ok)
				it->reason = xstrdup(f[3]);
			n++;
		}
		memmove(buf->buf, nl + 1, buf->len - (size_t)(nl + 1 - buf->buf));
		buf->len -= (size_t)(nl + 1 - buf->buf);
		buf->buf[buf->len] = '\0';
	}
	return n;
}

static void
write_index(const char *dir, const struct list *l)
{
	static const char *const head[] = {
		"id", "company", "file", "grade", "status", "reason",
	};
	struct sbuf sb = SBUF_INIT, path = SBUF_INIT;
	char id[24];
	size_t i;

	xcheck(csv_write_row(&sb, head, NULL, 6));
	for (i = 0; i < l->n; i++) {
		const struct item *it = &l->items[i];
		const char *row[6];

		snprintf(id, sizeof(id), "%lld", (long long)it->id);
		row[0] = id;
		row[1] = it->name;
		row[2] = it->ok ? it->file : "";
		row[3] = it->grade;
		row[4] = it->ok ? "ok" : "failed";
		row[5] = it->reason ? it->reason : "";
		xcheck(csv_write_row(&sb, row, NULL, 6));
	}
	xcheck(sbuf_addf(&path, "%s/index.csv", dir));
	write_out(path.buf, &sb);
	sbuf_release(&sb);
	sbuf_release(&path);
}

static int
report_batch(int argc, char **argv)
{
	struct report_health_opts ho = { 0 };
	struct list l = { 0 };
	struct opts o;
	struct pollfd *fds;
	struct sbuf *bufs;
	pid_t *pids;
	size_t i, n, done = 0, failed = 0, open_fds;
	double t0;
	bool tty;
	long cpus;

	parse_opts(argc, argv, &o, "output jobs lang from to all industry");
	if (!o.output)
		usage_error(report_usage, "'report batch' needs -o DIR");
	select_companies(argc, argv, &o, &l);
	make_dir(o.output);
	ho.lang = o.lang;
	ho.from = o.from;
	ho.to = o.to;
	ho.created = source_date();

	cpus = sysconf(_SC_NPROCESSORS_ONLN);
	n = (size_t)(o.jobs ? o.jobs : cpus > 0 ? cpus : 1);
	if (n > l.n)
		n = l.n ? l.n : 1;
	/* each worker opens the database itself: no handle across fork */
	if (app.store) {
		store_close(app.store);
		app.store = NULL;
	}
	fds = xcalloc(n, sizeof(*fds));
	bufs = xcalloc(n, sizeof(*bufs));
	pids = xcalloc(n, sizeof(*pids));
	tty = isatty(STDERR_FILENO) && !app.quiet;
	t0 = now_s();
	fflush(NULL);
	for (i = 0; i < n; i++) {
		int p[2];

		if (pipe(p) < 0)
			die(OSK_EX_OSERR, "cannot make a pipe: %s",
			    strerror(errno));
		pids[i] = fork();
		if (pids[i] < 0)
			die(OSK_EX_OSERR, "cannot start a worker: %s",
			    strerror(errno));
		if (pids[i] == 0) {
			size_t k;
			int status;

			close(p[0]);
			for (k = 0; k < i; k++)
				close(fds[k].fd);
			status = worker(&l, i, n, o.output, &ho, p[1]);
			list_release(&l);
			free(fds);
			free(bufs);
			free(pids);
			_exit(status);
		}
		close(p[1]);
		fds[i].fd = p[0];
		fds[i].events = POLLIN;
		bufs[i] = (struct sbuf)SBUF_INIT;
	}
	open_fds = n;
	while (open_fds) {
		if (poll(fds, n, -1) < 0) {
			if (errno == EINTR)
				continue;
			die(OSK_EX_OSERR, "poll: %s", strerror(errno));
		}
		for (i = 0; i < n; i++) {
			char chunk[4096];
			ssize_t got;

			if (fds[i].fd < 0 || !fds[i].revents)
				continue;
			got = read(fds[i].fd, chunk, sizeof(chunk));
			if (got > 0) {
				xcheck(sbuf_add(&bufs[i], chunk, (size_t)got));
				done += take_lines(&bufs[i], &l);
				if (tty)
					progress(done, l.n, t0, false);
			} else if (got == 0 || errno != EINTR) {
				close(fds[i].fd);
				fds[i].fd = -1;
				open_fds--;
			}
		}
	}
	for (i = 0; i < n; i++) {
		int st;

		while (waitpid(pids[i], &st, 0) < 0 && errno == EINTR)
			;
		sbuf_release(&bufs[i]);
	}
	if (tty)
		progress(done, l.n, t0, true);
	for (i = 0; i < l.n; i++) {
		struct item *it = &l.items[i];

		if (!it->done)
			it->reason = xstrdup(L("処理が途中で止まりました",
					       "the worker stopped"));
		if (!it->ok) {
			failed++;
			if (strstr(it->reason, it->name))
				error("%s", it->reason);
			else
				error("%lld %s: %s", (long long)it->id,
				      it->name, it->reason);
		}
	}
	write_index(o.output, &l);
	info(L("%zu 社の診断書を %.1f 秒で作成しました（%zu 件失敗）: %s/index.csv",
	       "%zu sheets in %.1f s, %zu failed: %s/index.csv"),
	     l.n - failed, now_s() - t0, failed, o.output);
	list_release(&l);
	free(fds);
	free(bufs);
	free(pids);
	return failed ? OSK_EX_SOME_FAILED : 0;
}

/* ---- programme reports ---- */

/* -o FILE.xlsx or FILE.pdf: true for a workbook. */
static bool
workbook_output(const char *sub, const struct opts *o)
{
	if (!o->output)
		usage_error(report_usage, "'report %s' needs -o FILE.xlsx or "
			    "-o FILE.pdf", sub);
	if (ends_with(o->output, ".xlsx"))
		return true;
	if (!ends_with(o->output, ".pdf"))
		usage_error(report_usage, "cannot tell the format of '%s'; "
			    "end it in .xlsx or .pdf", o->output);
	return false;
}

static void
wrote(const char *path, int pages)
{
	if (pages <= 0)
		info(L("%s を書き出しました", "wrote %s"), path);
	else
		info(L("%s を書き出しました（%d ページ）",
		       "wrote %s (%d page%s)"), path, pages,
		     pages == 1 ? "" : "s");
}

static int
report_survey(int argc, char **argv)
{
	struct report_programme_opts po = { 0 };
	struct report_renderer *r = NULL;
	struct industries *ind;
	struct survey_tally *t;
	struct osk_error err;
	struct opts o;
	bool xlsx;
	int pages = 0;

	parse_opts(argc, argv, &o, "output lang set event by");
	if (argc - optind != 0)
		usage_error(report_usage, "'report survey' takes no operand "
			    "'%s'", argv[optind]);
	xlsx = workbook_output("survey", &o);
	t = tally_or_die(report_usage, o.set, o.event, o.by, &ind);
	if (!t->responses) {
		if (o.event)
			die(OSK_EX_NOINPUT, "no responses to '%s' from the "
			    "event '%s'; 'otasuke survey tally' counts every "
			    "event", t->set->id, o.event);
		die(OSK_EX_NOINPUT, "no responses to '%s' yet; add them with "
		    "'otasuke survey import' or 'otasuke survey answer'",
		    t->set->id);
	}
	tally_warn_dropped(t);
	osk_error_clear(&err);
	if (xlsx) {
		if (report_survey_xlsx_write(t, o.output, o.lang, &err))
			die_err(&err);
	} else {
		if (!(r = report_renderer_new(NULL, &err)))
			die_err(&err);
		po.lang = o.lang;
		po.created = source_date();
		pages = report_survey_pdf_write(r, t, &po, o.output, &err);
		if (pages < 0)
			die_err(&err);
	}
	wrote(o.output, pages);
	report_renderer_free(r);
	survey_tally_free(t);
	industries_free(ind);
	return 0;
}

static int
report_region(int argc, char **argv)
{
	struct report_region_opts ro = { 0 };
	struct report_renderer *r = NULL;
	struct report_region *g = NULL;
	struct osk_error err;
	struct opts o;
	bool xlsx;
	int pages = 0;

	parse_opts(argc, argv, &o, "output lang from to");
	if (argc - optind != 0)
		usage_error(report_usage, "'report region' takes no operand "
			    "'%s'", argv[optind]);
	xlsx = workbook_output("region", &o);
	ro.lang = o.lang;
	ro.from = o.from;
	ro.to = o.to;
	ro.created = source_date();
	osk_error_clear(&err);
	if (report_region_load(app_store(), &ro, &g, &err))
		die_err(&err);
	if (!(r = report_renderer_new(NULL, &err)))
		die_err(&err);
	if (xlsx) {
		if (report_region_xlsx_write(r, g, o.output, &err))
			die_err(&err);
	} else {
		pages = report_region_pdf_write(r, g, o.output, &err);
		if (pages < 0)
			die_err(&err);
	}
	wrote(o.output, pages);
	report_region_free(g);
	report_renderer_free(r);
	return 0;
}

int
otasuke_render_report(int argc, char **argv)
{
	static const struct subcmd table[] = {
		{ "batch", report_batch },
		{ "health", report_health },
		{ "region", report_region },
		{ "survey", report_survey },
		{ NULL, NULL },
	};

	return run_subcmd(table, report_usage, argc, argv);
}
