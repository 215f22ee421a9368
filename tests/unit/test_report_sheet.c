/* SPDX-License-Identifier: MIT */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/error.h"
#include "core/qset.h"
#include "core/sbuf.h"
#include "report/internal.h"
#include "report/report.h"

#include "report_sample.h"

/*
 * The health-check sheet: every format, page counts and sizes, byte-equal
 * output for equal input, plain words (tests/data/jargon.txt), texts that
 * never leave their box, and the errors.
 */

static struct report_renderer *renderer;
static char tmpdir[] = "/tmp/otasuke-report.XXXXXX";

static int
group_setup(void **state)
{
	struct osk_error err;

	(void)state;
	if (!mkdtemp(tmpdir))
		return -1;
	renderer = report_renderer_new(NULL, &err);
	if (!renderer) {
		print_error("renderer: %s: %s\n", err.path, err.msg);
		return -1;
	}
	return 0;
}

static int
group_teardown(void **state)
{
	DIR *d = opendir(tmpdir);
	struct dirent *de;
	char path[600];

	(void)state;
	report_renderer_free(renderer);
	while (d && (de = readdir(d)))
		if (de->d_name[0] != '.') {
			snprintf(path, sizeof(path), "%s/%s", tmpdir,
				 de->d_name);
			unlink(path);
		}
	if (d)
		closedir(d);
	rmdir(tmpdir);
	return 0;
}

static const char *
tmp(const char *name)
{
	static char path[4][600];
	static int k;

	k = (k + 1) % 4;
	snprintf(path[k], sizeof(path[k]), "%s/%s", tmpdir, name);
	return path[k];
}

/* Output of a shell command (caller frees), or NULL if it failed. */
static char *
run(const char *cmd)
{
	struct sbuf sb = SBUF_INIT;
	char buf[4096];
	size_t n;
	FILE *p = popen(cmd, "r");

	if (!p)
		return NULL;
	while ((n = fread(buf, 1, sizeof(buf), p)) > 0)
		sbuf_add(&sb, buf, n);
	if (pclose(p) != 0) {
		sbuf_release(&sb);
		return NULL;
	}
	return sbuf_detach(&sb, NULL);
}

static bool
have(const char *tool)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "command -v %s >/dev/null 2>&1", tool);
	return system(cmd) == 0;
}

static char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct sbuf sb = SBUF_INIT;
	char buf[8192];
	size_t n;

	assert_non_null(f);
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		sbuf_add(&sb, buf, n);
	fclose(f);
	return sbuf_detach(&sb, len);
}

static int
pdf_pages(const char *path)
{
	char cmd[700], *out, *p;
	int pages = -1;

	snprintf(cmd, sizeof(cmd), "pdfinfo '%s' 2>/dev/null", path);
	out = run(cmd);
	assert_non_null(out);
	p = strstr(out, "Pages:");
	if (p)
		pages = atoi(p + 6);
	assert_non_null(strstr(out, "595.28 x 841.89 pts (A4)"));
	free(out);
	return pages;
}

static void
render_ok(const struct report_sheet *s, enum report_fmt fmt,
	  const char *path, int pages)
{
	struct osk_error err;
	int r;

	osk_error_clear(&err);
	r = report_renderer_render(renderer, s, fmt, path, &err);
	if (r < 0)
		print_error("render %s: %s\n", path, err.msg);
	assert_int_equal(r, pages);
}

/* ---- formats ---- */

static void
check_png(const char *path)
{
	size_t len;
	unsigned char *b = (unsigned char *)slurp(path, &len);
	uint32_t w, h;

	assert_true(len > 50000);
	assert_memory_equal(b, "\x89PNG\r\n\x1a\n", 8);
	w = (uint32_t)b[16] << 24 | b[17] << 16 | b[18] << 8 | b[19];
	h = (uint32_t)b[20] << 24 | b[21] << 16 | b[22] << 8 | b[23];
	assert_int_equal(w, 1240);	/* A4 at 150 dpi */
	assert_int_equal(h, 1754);
	free(b);
}

static void
check_svg(const char *path)
{
	size_t len;
	char *b = slurp(path, &len);

	assert_true(len > 10000);
	assert_non_null(strstr(b, "<svg"));
	assert_non_null(strstr(b, "width=\"595.28pt\""));
	free(b);
}

static void
test_report_sheet_formats(void **state)
{
	struct sample x;
	int lang;
	struct stat st;

	(void)state;
	for (lang = 0; lang < 2; lang++) {
		const char *l = lang == OSK_LANG_JA ? "ja" : "en";
		char name[64];

		sample_fill(&x, lang);
		snprintf(name, sizeof(name), "sheet-%s.pdf", l);
		render_ok(&x.sheet, REPORT_FMT_PDF, tmp(name), 2);
		assert_int_equal(stat(tmp(name), &st), 0);
		assert_true(st.st_size > 20000 && st.st_size < 400000);
		if (have("pdfinfo"))
			assert_int_equal(pdf_pages(tmp(name)), 2);

		snprintf(name, sizeof(name), "sheet-%s.png", l);
		render_ok(&x.sheet, REPORT_FMT_PNG, tmp(name), 2);
		check_png(tmp(name));
		snprintf(name, sizeof(name), "sheet-%s-2.png", l);
		check_png(tmp(name));

		snprintf(name, sizeof(name), "sheet-%s.svg", l);
		render_ok(&x.sheet, REPORT_FMT_SVG, tmp(name), 2);
		check_svg(tmp(name));
		snprintf(name, sizeof(name), "sheet-%s-2.svg", l);
		check_svg(tmp(name));
	}
}

static void
test_report_sheet_fonts_embedded(void **state)
{
	struct sample x;
	char cmd[700], *out;

	(void)state;
	if (!have("pdffonts"))
		skip();
	sample_fill(&x, OSK_LANG_JA);
	render_ok(&x.sheet, REPORT_FMT_PDF, tmp("fonts.pdf"), 2);
	snprintf(cmd, sizeof(cmd), "pdffonts '%s'", tmp("fonts.pdf"));
	out = run(cmd);
	assert_non_null(out);
	/* IPAex Gothic, subset ("ABCDEF+"), embedded: no other font */
	assert_non_null(strstr(out, "+IPAexGothic"));
	assert_null(strstr(out, " no  "));
	assert_null(strstr(out, "DejaVu"));
	free(out);
}

/* The same data gives the same bytes; SOURCE_DATE_EPOCH sets the date. */
static void
test_report_sheet_reproducible(void **state)
{
	struct sample x;
	size_t la, lb;
	char *a, *b;
	char cmd[700], *out;

	(void)state;
	sample_fill(&x, OSK_LANG_JA);
	render_ok(&x.sheet, REPORT_FMT_PDF, tmp("a.pdf"), 2);
	sleep(1);
	render_ok(&x.sheet, REPORT_FMT_PDF, tmp("b.pdf"), 2);
	a = slurp(tmp("a.pdf"), &la);
	b = slurp(tmp("b.pdf"), &lb);
	assert_int_equal(la, lb);
	assert_memory_equal(a, b, la);
	free(a);
	free(b);
	/*
	 * (SVG is the same from run to run, but cairo numbers its glyph ids
	 * per process, so two SVGs made by one process differ.)
	 */
	if (!have("pdfinfo"))
		return;
	snprintf(cmd, sizeof(cmd), "TZ=UTC pdfinfo '%s'", tmp("a.pdf"));
	out = run(cmd);
	assert_non_null(out);
	assert_non_null(strstr(out, "Tue Nov 25 00:00:00 2025"));
	assert_non_null(strstr(out, "Creator:         otasuke"));
	free(out);
}

/* ---- plain words ---- */

struct jargon {
	char lang[4];
	char term[128];
	char plain[512];
};

static void
copy(char *dst, size_t size, const char *src)
{
	size_t n = strlen(src);

	assert_true(n < size);
	memcpy(dst, src, n + 1);
}

static size_t
jargon_load(struct jargon *j, size_t max)
{
	char path[600], line[1024];
	FILE *f;
	size_t n = 0;

	snprintf(path, sizeof(path), "%s/../tests/data/jargon.txt",
		 osk_datadir());
	f = fopen(path, "r");
	assert_non_null(f);
	while (n < max && fgets(line, sizeof(line), f)) {
		char *t1, *t2;

		line[strcspn(line, "\n")] = '\0';
		if (line[0] == '#' || !line[0])
			continue;
		t1 = strchr(line, '\t');
		assert_non_null(t1);
		t2 = strchr(t1 + 1, '\t');
		assert_non_null(t2);
		*t1 = *t2 = '\0';
		copy(j[n].lang, sizeof(j[n].lang), line);
		copy(j[n].term, sizeof(j[n].term), t1 + 1);
		copy(j[n].plain, sizeof(j[n].plain), t2 + 1);
		n++;
	}
	fclose(f);
	return n;
}

static bool
ascii_word(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80)
			return false;
	return true;
}

static bool
alnum(char ch)
{
	return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') ||
	       (ch >= 'A' && ch <= 'Z');
}

/* Length of term at t + i (whole word, any case, plural for ASCII). */
static size_t
match(const char *t, size_t i, const char *term)
{
	size_t len = strlen(term), end;

	if (!ascii_word(term))
		return strncmp(t + i, term, len) ? 0 : len;
	if (strncasecmp(t + i, term, len) || (i > 0 && alnum(t[i - 1])))
		return 0;
	end = i + len;
	if (t[end] == 's' || t[end] == 'S')
		end++;
	else if (!strncasecmp(t + end, "es", 2))
		end += 2;
	if (alnum(t[end]))
		end = alnum(t[i + len]) ? 0 : i + len;
	return end ? end - i : 0;
}

/* Text of a rendered PDF, whitespace removed (ja) or collapsed (en). */
static char *
pdf_text(const char *path, bool ja)
{
	char cmd[700], *out, *p, *q;

	snprintf(cmd, sizeof(cmd), "pdftotext -raw -enc UTF-8 '%s' -", path);
	out = run(cmd);
	assert_non_null(out);
	for (p = q = out; *p; p++) {
		bool space = *p == ' ' || *p == '\n' || *p == '\t' ||
			     *p == '\f' || *p == '\r';

		if (!space)
			*q++ = *p;
		else if (!ja && q > out && q[-1] != ' ')
			*q++ = ' ';
	}
	*q = '\0';
	return out;
}

static void
squeeze(char *s, bool ja)
{
	char *p, *q;

	for (p = q = s; *p; p++)
		if (!(ja && *p == ' '))
			*q++ = *p;
	*q = '\0';
}

/*
 * Every occurrence of a term of lang in text is followed by its plain
 * explanation in brackets, or is in brackets itself. Returns the number
 * of failures (printed).
 */
static int
check_plain(const char *text, const struct jargon *j, size_t nj,
	    const char *lang, const char *where)
{
	bool ja = !strcmp(lang, "ja");
	const char *open = ja ? "（" : " (", *close = ja ? "）" : ")";
	size_t i, k, n = strlen(text);
	int bad = 0;

	for (i = 0; i < n;) {
		size_t best = 0, bk = 0, len;
		char want[700];

		for (k = 0; k < nj; k++) {
			if (strcmp(j[k].lang, lang))
				continue;
			len = match(text, i, j[k].term);
			if (len > best) {
				best = len;
				bk = k;
			}
		}
		if (!best) {
			i++;
			continue;
		}
		snprintf(want, sizeof(want), "%s%s%s", open, j[bk].plain,
			 close);
		squeeze(want, ja);
		if (!strncmp(text + i + best, want, strlen(want))) {
			i += best + strlen(want);
			continue;
		}
		if ((i >= 3 && !strncmp(text + i - 3, "（", 3) &&
		     !strncmp(text + i + best, "）", 3)) ||
		    (i >= 1 && text[i - 1] == '(' && text[i + best] == ')')) {
			i += best;
			continue;
		}
		print_error("%s: '%s' without its explanation: ...%.60s\n",
			    where, j[bk].term, text + i);
		bad++;
		i += best;
	}
	return bad;
}

#define MAXJ 200

/* Sheets whose texts hold every term (3 to check per page). */
static void
test_report_sheet_jargon(void **state)
{
	static struct jargon j[MAXJ];
	size_t nj = jargon_load(j, MAXJ), i, k, np;
	int lang, bad = 0;

	(void)state;
	assert_true(nj >= 60);	/* at least 30 terms, in both languages */
	if (!have("pdftotext"))
		skip();
	for (lang = 0; lang < 2; lang++) {
		const char *l = lang == OSK_LANG_JA ? "ja" : "en";
		struct sample x;
		struct report_page pages[40];
		const char *items[MAXJ];
		char (*texts)[256] = calloc(MAXJ, 256);
		char *text;

		assert_non_null(texts);
		sample_fill(&x, lang);
		for (i = k = 0; i < nj; i++) {
			if (strcmp(j[i].lang, l))
				continue;
			snprintf(texts[k], 256, lang == OSK_LANG_JA ?
				 "%sについて、業者に確かめる" :
				 "Ask your supplier about the %s", j[i].term);
			items[k] = texts[k];
			k++;
		}
		for (np = 0; np * 3 < k && np < 40; np++) {
			pages[np] = x.pages[np % 2];
			pages[np].unknown = items + np * 3;
			pages[np].nunknown = k - np * 3 < 3 ? k - np * 3 : 3;
		}
		x.sheet.pages = pages;
		x.sheet.npages = np;
		render_ok(&x.sheet, REPORT_FMT_PDF, tmp("jargon.pdf"),
			  (int)np);
		text = pdf_text(tmp("jargon.pdf"), lang == OSK_LANG_JA);
		bad += check_plain(text, j, nj, l, l);
		/* a self-declaration, never a certification */
		assert_null(strstr(text, "認定"));
		assert_null(strcasestr(text, "certification"));
		assert_null(strcasestr(text, "certified"));
		free(text);
		free(texts);
	}
	assert_int_equal(bad, 0);
}

/* report.yaml explains each term of jargon.txt with the same words. */
static void
test_report_glossary_matches_list(void **state)
{
	static struct jargon j[MAXJ];
	size_t nj = jargon_load(j, MAXJ), i, k;
	char want[800];

	(void)state;
	for (i = 0; i < nj; i++) {
		bool ja = !strcmp(j[i].lang, "ja");
		char *got = report_plain(renderer, ja ? OSK_LANG_JA :
					 OSK_LANG_EN, j[i].term);

		snprintf(want, sizeof(want), ja ? "%s（%s）" : "%s (%s)",
			 j[i].term, j[i].plain);
		assert_string_equal(got, want);
		free(got);
		/* no explanation uses another term */
		for (k = 0; k < nj; k++) {
			size_t p, n = strlen(j[i].plain);

			if (strcmp(j[k].lang, j[i].lang))
				continue;
			for (p = 0; p < n; p++)
				if (match(j[i].plain, p, j[k].term))
					fail_msg("the explanation of '%s' uses "
						 "'%s'", j[i].term, j[k].term);
		}
	}
}

static void
test_report_plain_rules(void **state)
{
	static const struct {
		enum osk_lang lang;
		const char *in, *out;
	} cases[] = {
		{ OSK_LANG_JA, "UTMを入れる",
		  "UTM（インターネットの出入口でまとめて守る機器）を入れる" },
		/* already explained, or explained by the writer */
		{ OSK_LANG_JA,
		  "UTM（インターネットの出入口でまとめて守る機器）",
		  "UTM（インターネットの出入口でまとめて守る機器）" },
		{ OSK_LANG_JA, "入り口の箱（VPN）", "入り口の箱（VPN）" },
		/* the longest term wins */
		{ OSK_LANG_JA, "リバースブルートフォース",
		  "リバースブルートフォース（よくあるパスワード一つで、多くの"
		  "利用者名を試す攻撃）" },
		/* ASCII terms: whole words, any case, plurals */
		{ OSK_LANG_EN, "Firewalls and patches",
		  "Firewalls (a filter that blocks unwanted traffic) and "
		  "patches (a fix for a flaw in software)" },
		{ OSK_LANG_EN, "COSTS, dispatch, osmosis",
		  "COSTS, dispatch, osmosis" },
		{ OSK_LANG_EN, "the OS.",
		  "the OS (the basic software that runs a computer, such as "
		  "Windows)." },
		{ OSK_LANG_EN, "", "" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *got = report_plain(renderer, cases[i].lang, cases[i].in);

		assert_string_equal(got, cases[i].out);
		free(got);
	}
}

/* ---- fitting ---- */

/*
 * Draw text into a box on a recording surface; the ink stays inside (cairo
 * rounds ink extents out to whole points, hence 1 point of slack).
 */
static void
fit_case(const char *text, double w, double h, const struct tstyle *st)
{
	cairo_surface_t *rec = cairo_recording_surface_create(
		CAIRO_CONTENT_COLOR_ALPHA, NULL);
	struct sample x;
	struct rctx c;
	struct canvas cv = { NULL, NULL };
	double ix, iy, iw, ih, used;

	sample_fill(&x, OSK_LANG_JA);
	memset(&c, 0, sizeof(c));
	c.r = renderer;
	c.fonts = &renderer->fonts;
	c.texts = &renderer->texts;
	c.lang = OSK_LANG_JA;
	c.plain = (struct sbuf)SBUF_INIT;
	c.fmt = (struct sbuf)SBUF_INIT;
	c.flat = (struct sbuf)SBUF_INIT;
	cv.cr = cairo_create(rec);
	c.cv = &cv;
	fonts_begin(&c);
	used = text_draw(&c, text, 100, 100, w, h, st);
	assert_true(used <= h + 0.01);
	cairo_destroy(cv.cr);
	cairo_recording_surface_ink_extents(rec, &ix, &iy, &iw, &ih);
	if (iw > 0 && (ix < 99 || iy < 99 || ix + iw > 101 + w ||
			iy + ih > 101 + h))
		print_error("'%.30s' in %gx%g (size %g): ink %g,%g %gx%g\n",
			    text, w, h, st->size, ix - 100, iy - 100, iw, ih);
	if (iw > 0) {
		assert_true(ix >= 100 - 1);
		assert_true(iy >= 100 - 1);
		assert_true(ix + iw <= 100 + w + 1);
		assert_true(iy + ih <= 100 + h + 1);
	}
	cairo_surface_destroy(rec);
	sbuf_release(&c.plain);
	sbuf_release(&c.fmt);
	sbuf_release(&c.flat);
}

static void
test_report_text_fits_box(void **state)
{
	static const char *const texts[] = {
		"短い",
		"事務所と機器を、盗難やのぞき見、火事や水から守ること",
		"ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹ"
		"Ｚ０１２３４５６７８９ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯ"
		"ＰＱＲＳＴＵＶＷＸＹＺ",
		"Supercalifragilisticexpialidocious-and-then-some-more-text",
		"UTMとEDRとSOCとVPNとOSとパッチと脆弱性と多要素認証とアクセス"
		"権限とファイアウォールとマルウェアとランサムウェア",
		"一\n二\n三\n四\n五\n六",
	};
	struct tstyle st[] = {
		{ .size = 9, .min = 6, .lines = 2 },
		{ .size = 12, .lines = 1 },
		{ .size = 8, .min = 7 },
		{ .size = 20, .min = 5, .lines = 1, .middle = true },
	};
	size_t i, k;

	(void)state;
	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
		for (k = 0; k < sizeof(st) / sizeof(st[0]); k++) {
			fit_case(texts[i], 120, 24, &st[k]);
			fit_case(texts[i], 40, 12, &st[k]);
			fit_case(texts[i], 300, 8, &st[k]);
			fit_case(texts[i], 2, 2, &st[k]);
		}
}

/* Absurd data: still one A4 page per environment, nothing crashes. */
static void
test_report_sheet_overflow(void **state)
{
	static char huge[6000], names[40][300];
	static const char *unknown[60];
	struct report_net_event ev[40];
	const char *devs[40][3];
	struct report_net_phase ph[5];
	struct report_incident inc[10];
	struct report_category cat[20];
	struct sample x;
	size_t i;

	(void)state;
	for (i = 0; i + 3 < sizeof(huge); i += 3)
		memcpy(huge + i, "長", 3);
	huge[i] = '\0';
	sample_fill(&x, OSK_LANG_JA);
	for (i = 0; i < 40; i++) {
		snprintf(names[i], sizeof(names[i]),
			 "項目%zu: とても長い説明のある項目で、UTMやVPNのような"
			 "言葉も入っています。さらに続きます。", i);
		devs[i][0] = names[i];
		devs[i][1] = huge;
		devs[i][2] = names[(i + 1) % 40];
		ev[i] = (struct report_net_event){ names[i], huge,
						   1000 + (long)i,
						   (int)(i % 3), devs[i], 3,
						   (long)i * 1000 };
	}
	for (i = 0; i < 5; i++)
		ph[i] = (struct report_net_phase){ names[i], 8000, ev + i * 8,
						   8 };
	for (i = 0; i < 10; i++)
		inc[i] = (struct report_incident){ huge, "2025-11-01", huge };
	for (i = 0; i < 20; i++)
		cat[i] = (struct report_category){ huge, names[i], 33.3, 50,
						   REPORT_NONE, "D", huge };
	for (i = 0; i < 60; i++)
		unknown[i] = i % 2 ? huge : names[i % 40];
	x.net.phases = ph;
	x.net.nphases = 5;
	x.net.incidents = inc;
	x.net.nincidents = 10;
	x.pages[0].categories = cat;
	x.pages[0].ncategories = 12;
	x.pages[0].unknown = unknown;
	x.pages[0].nunknown = 60;
	x.pages[0].grade = "Z";		/* unknown grade: grey, no sentence */
	x.sheet.company = huge;
	x.sheet.desk.name = huge;
	x.sheet.desk.phone = names[1];
	x.sheet.consultant = huge;
	render_ok(&x.sheet, REPORT_FMT_PDF, tmp("overflow.pdf"), 2);
	if (have("pdfinfo"))
		assert_int_equal(pdf_pages(tmp("overflow.pdf")), 2);

	/* and nearly empty data */
	memset(&x.pages[1], 0, sizeof(x.pages[1]));
	x.pages[1].score = REPORT_NONE;
	x.pages[1].cmp_score = REPORT_NONE;
	x.pages[1].prev_score = REPORT_NONE;
	x.pages[1].selfcheck = REPORT_NO_SELFCHECK;
	memset(&x.sheet.desk, 0, sizeof(x.sheet.desk));
	x.sheet.company = NULL;
	x.sheet.date = NULL;
	render_ok(&x.sheet, REPORT_FMT_PNG, tmp("empty.png"), 2);
}

/* ---- errors ---- */

static int
write_fail(void *closure, const void *data, size_t len)
{
	(void)closure;
	(void)data;
	(void)len;
	return -1;
}

static void
test_report_errors(void **state)
{
	struct osk_error err;
	struct report_renderer *r;
	struct sample x;
	enum report_fmt f;
	DIR *d;
	struct dirent *de;
	FILE *fp;
	char path[700];

	(void)state;
	osk_error_clear(&err);
	r = report_renderer_new("/nonexistent", &err);
	assert_null(r);
	assert_int_equal(err.code, OSK_ENOINPUT);

	/* a report.yaml without a text: named with its position */
	snprintf(path, sizeof(path), "%s/report.yaml", tmpdir);
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs("catalog: report\nversion: 1\ntexts:\n  title: {ja: a, en: b}\n"
	      "grades: []\ncosts: {}\nglossary: []\n", fp);
	fclose(fp);
	r = report_renderer_new(tmpdir, &err);
	assert_null(r);
	assert_int_equal(err.code, OSK_EDATA);
	assert_int_equal(err.line, 4);
	assert_non_null(strstr(err.msg, "subtitle"));
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs("catalog: alerts\nversion: 1\n", fp);
	fclose(fp);
	assert_null(report_renderer_new(tmpdir, &err));
	assert_string_equal(err.msg, "'catalog' must be 'report' in this "
			    "file");
	unlink(path);

	/* cannot create: no half file, no temporary left behind */
	sample_fill(&x, OSK_LANG_EN);
	assert_int_equal(report_renderer_render(renderer, &x.sheet,
						REPORT_FMT_PDF,
						"/nonexistent/dir/a.pdf", &err),
			 -OSK_ECANTCREAT);
	assert_non_null(strstr(err.msg, "cannot create '/nonexistent/dir/"
			       "a.pdf'"));
	x.sheet.npages = 0;
	assert_int_equal(report_renderer_render(renderer, &x.sheet,
						REPORT_FMT_PDF, tmp("z.pdf"),
						&err), -OSK_EUSAGE);
	d = opendir(tmpdir);
	assert_non_null(d);
	while ((de = readdir(d)))
		assert_null(strstr(de->d_name, ".tmp"));
	closedir(d);
	/* a failing write (full disk): an I/O error */
	sample_fill(&x, OSK_LANG_EN);
	assert_int_equal(report_renderer_render_to(renderer, &x.sheet,
						   REPORT_FMT_PDF, 0,
						   write_fail, NULL, &err),
			 -OSK_EIO);
	assert_int_equal(report_renderer_render_to(renderer, &x.sheet,
						   REPORT_FMT_PNG, 5,
						   write_fail, NULL, &err),
			 -OSK_EUSAGE);

	assert_int_equal(report_fmt_from_path("a.PDF", &f), 0);
	assert_int_equal(f, REPORT_FMT_PDF);
	assert_int_equal(report_fmt_from_path("dir.svg/a.png", &f), 0);
	assert_int_equal(f, REPORT_FMT_PNG);
	assert_int_equal(report_fmt_from_path("a.svg", &f), 0);
	assert_int_equal(f, REPORT_FMT_SVG);
	assert_int_equal(report_fmt_from_path("a.pdf/b", &f), -1);
	assert_int_equal(report_fmt_from_path("a.xlsx", &f), -1);
	assert_string_equal(report_fmt_name(REPORT_FMT_SVG), "svg");
}

/* File names of a batch: safe, bounded, cut on a character boundary. */
static void
test_report_file_name(void **state)
{
	static const struct {
		const char *name, *want;
	} cases[] = {
		{ "山田製作所", "7-山田製作所.pdf" },
		{ "../etc/passwd", "7-_._etc_passwd.pdf" },
		{ ".hidden", "7-_hidden.pdf" },
		{ "a/b\\c:d*e?f\"g<h>i|j k\tl\nm", "7-a_b_c_d_e_f_g_h_i_j_k_l_m.pdf" },
		{ "", "7-.pdf" },
	};
	char longname[400], *got;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		got = report_file_name(7, cases[i].name, "pdf");
		assert_string_equal(got, cases[i].want);
		free(got);
	}
	/* 100 kanji (300 bytes): cut to 81 bytes = 27 whole characters */
	for (i = 0; i < 100; i++)
		memcpy(longname + 3 * i, "長", 3);
	longname[300] = '\0';
	got = report_file_name(12, longname, "svg");
	assert_int_equal(strlen(got), strlen("12-") + 81 + strlen(".svg"));
	assert_string_equal(got + strlen(got) - 7, "長.svg");
	free(got);
}

#include "report/lsan_fontconfig.h"

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_report_sheet_formats),
		cmocka_unit_test(test_report_sheet_fonts_embedded),
		cmocka_unit_test(test_report_sheet_reproducible),
		cmocka_unit_test(test_report_sheet_jargon),
		cmocka_unit_test(test_report_glossary_matches_list),
		cmocka_unit_test(test_report_plain_rules),
		cmocka_unit_test(test_report_text_fits_box),
		cmocka_unit_test(test_report_sheet_overflow),
		cmocka_unit_test(test_report_errors),
		cmocka_unit_test(test_report_file_name),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
