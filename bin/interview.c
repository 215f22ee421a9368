/* SPDX-License-Identifier: MIT */
/*
 * The hearing interview engine (see bin/interview.h). Plain line input
 * (fgets on stdin, no curses), so that it works the same on a terminal,
 * over ssh, through a pipe and under a test driver.
 */
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "bin/bin.h"
#include "bin/interview.h"
#include "core/sbuf.h"
#include "core/text.h"

#define MAX_LINE 16384		/* longer input lines are refused */
#define MAX_WIDTH 100		/* wider terminals still get 100 columns */
#define MIN_WIDTH 40
#define TOKEN_MAX 256		/* commands, numbers and ids are shorter */

enum act {
	ACT_OK,			/* a line was read (internal) */
	ACT_STAY,		/* prompt again for the same question */
	ACT_NEXT,
	ACT_BACK,
	ACT_QUIT,
	ACT_FAIL,		/* iv->rc holds the error */
};

struct iv {
	const struct qset *q;
	const struct interview_ops *ops;
	void *ctx;
	bool review;
	bool no_notes;		/* the caller keeps no notes: n says so */
	const char *heading;
	struct osk_error *err;
	FILE *in, *out;
	bool tty;		/* interactive */
	bool revisit;		/* only skipped questions are left: ask them */
	size_t n;
	char **val;		/* answer given; NULL = none or skipped */
	char **note;
	bool *stored;		/* answered or skipped */
	bool *asked;
	size_t cur;
	long lineno;
	struct sbuf line;
	bool too_long;
	bool has_nul;		/* the line held a NUL byte (left out) */
	bool interrupted;	/* quit by Ctrl-C */
	size_t width;
	int rc;
};

static volatile sig_atomic_t got_sigint;

static void
on_sigint(int sig)
{
	(void)sig;
	got_sigint = 1;
}

/* ---- UTF-8 and display ---- */

/* Decode one character of s (n bytes left); invalid bytes: '?', length 1. */
static size_t
next_cp(const char *s, size_t n, uint32_t *cp)
{
	size_t k;

	if ((unsigned char)*s < 0x80) {
		*cp = (unsigned char)*s;
		return 1;
	}
	k = utf8_decode((const unsigned char *)s, n, cp);
	if (!k) {
		*cp = '?';
		return 1;
	}
	return k;
}

static int
cp_width(uint32_t cp)
{
	if (cp < 0x20 || cp == 0x7f)
		return 1;	/* printed as a space */
	return utf8_cp_width(cp);
}

/* Write s[0..n) with control characters as spaces, bad bytes as '?'. */
static void
put_clean(FILE *out, const char *s, size_t n)
{
	uint32_t cp;
	size_t k;

	while (n) {
		k = next_cp(s, n, &cp);
		if (cp < 0x20 || cp == 0x7f)
			fputc(' ', out);
		else if (k == 1 && (unsigned char)*s >= 0x80)
			fputc('?', out);
		else
			fwrite(s, 1, k, out);
		s += k, n -= k;
	}
}

static size_t
width_of(const char *s)
{
	size_t w = 0, n = strlen(s), k;
	uint32_t cp;

	while (n) {
		k = next_cp(s, n, &cp);
		w += (size_t)cp_width(cp);
		s += k, n -= k;
	}
	return w;
}

/* Japanese line-breaking rules (kinsoku): never start a line with these. */
static bool
no_line_start(uint32_t cp)
{
	static const uint32_t cps[] = {
		0x3001, 0x3002, 0xff0c, 0xff0e, 0x30fb, 0xff1a, 0xff1b,
		0xff1f, 0xff01, 0x30fc, 0x300d, 0x300f, 0xff09, 0xff3d,
		0xff5d, 0x3015, 0x3009, 0x300b, 0x3011, 0x3041, 0x3043,
		0x3045, 0x3047, 0x3049, 0x3063, 0x3083, 0x3085, 0x3087,
		0x308e, 0x30a1, 0x30a3, 0x30a5, 0x30a7, 0x30a9, 0x30c3,
		0x30e3, 0x30e5, 0x30e7, 0x30ee, 0x30f5, 0x30f6, 0x3005,
		0x301c, 0x2026, 0x2025, ')', ']', '}', ',', '.', ';', ':',
		'!', '?', '%',
	};
	size_t i;

	for (i = 0; i < sizeof(cps) / sizeof(*cps); i++)
		if (cps[i] == cp)
			return true;
	return false;
}

/* ... and never end a line with these. */
static bool
no_line_end(uint32_t cp)
{
	return cp == 0x300c || cp == 0x300e || cp == 0xff08 ||
	       cp == 0xff3b || cp == 0xff5b || cp == 0x3014 ||
	       cp == 0x3008 || cp == 0x300a || cp == 0x3010 || cp == '(' ||
	       cp == '[' || cp == '{';
}

/* A line may break between a and b (neither a space). */
static bool
may_break(uint32_t a, uint32_t b)
{
	if (utf8_cp_width(a) < 2 && utf8_cp_width(b) < 2 &&
	    !(a >= 0x3000 && a < 0x3040) && !(b >= 0x3000 && b < 0x3040))
		return false;	/* inside a Latin word */
	return !no_line_start(b) && !no_line_end(a);
}

static void
indent(FILE *out, size_t n)
{
	while (n--)
		fputc(' ', out);
}

/*
 * Print s wrapped to width columns by display width. The first line
 * starts at column col (the caller has printed what comes before), the
 * others are indented by `ind`. Breaks at spaces, or between wide
 * characters (kinsoku rules kept), or anywhere when a word is longer than
 * the line; never inside a UTF-8 sequence. Ends with a newline.
 */
static void
wrap_print(FILE *out, const char *s, size_t col, size_t ind, size_t width)
{
	size_t n = strlen(s);

	if (ind + 10 > width)
		ind = 0;
	if (!n)
		fputc('\n', out);
	while (n) {
		const char *p = s, *brk_end = NULL, *brk_next = NULL;
		size_t left = n, used = col, k;
		uint32_t cp, prev = 0;
		bool over = false;

		while (left) {
			int w;

			k = next_cp(p, left, &cp);
			if (cp == '\n')
				break;
			w = cp_width(cp);
			if (p > s && cp != ' ' && prev != ' ' &&
			    may_break(prev, cp)) {
				brk_end = p;
				brk_next = p;
			}
			if (cp == ' ' && p > s) {
				brk_end = p;
				brk_next = p + 1;
			}
			if (used + (size_t)w > width && p > s && cp != ' ') {
				over = true;
				break;
			}
			used += (size_t)w;
			prev = cp;
			p += k, left -= k;
		}
		if (over && brk_end) {
			put_clean(out, s, (size_t)(brk_end - s));
			p = brk_next;
		} else {
			put_clean(out, s, (size_t)(p - s));
			if (!over && left && *p == '\n')
				p++;
		}
		n -= (size_t)(p - s);
		s = p;
		while (n && *s == ' ')
			s++, n--;
		fputc('\n', out);
		if (n)
			indent(out, ind);
		col = ind;
	}
}

static size_t
term_width(FILE *out)
{
	struct winsize ws;
	const char *env;
	long w = 0;
	int fd = fileno(out);

	if (fd >= 0 && ioctl(fd, TIOCGWINSZ, &ws) == 0 && ws.ws_col)
		w = ws.ws_col;
	else if (ioctl(STDIN_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col)
		w = ws.ws_col;
	else if ((env = getenv("COLUMNS")) && *env)
		w = strtol(env, NULL, 10);
	if (w <= 0)
		w = 80;
	if (w > MAX_WIDTH)
		w = MAX_WIDTH;
	if (w < MIN_WIDTH)
		w = MIN_WIDTH;
	/* One column spare: a full last column makes some terminals wrap. */
	return (size_t)w - 1;
}

/* ---- input normalisation ---- */

static bool
is_sep_cp(uint32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == ';' || cp == ',' ||
	       cp == 0x3000 || cp == 0x3001 || cp == 0xff1b || cp == 0xff0c;
}

static bool
is_space_cp(uint32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == 0x3000;
}

/* Trim spaces (also the ideographic space) at both ends, in place. */
static char *
trim(char *s)
{
	size_t n = strlen(s), k;
	uint32_t cp;

	while (*s) {
		k = next_cp(s, n, &cp);
		if (!is_space_cp(cp))
			break;
		s += k, n -= k;
	}
	while (n) {
		if (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r')
			n--;
		else if (n >= 3 && !memcmp(s + n - 3, "\xe3\x80\x80", 3))
			n -= 3;
		else
			break;
	}
	s[n] = '\0';
	return s;
}

/*
 * Copy s[0..n) to buf as ASCII where it is written in full-width forms
 * (IME input: "１２", "？", "ｂ"). false if it does not fit in buf.
 */
static bool
normalize(const char *s, size_t n, char *buf, size_t size)
{
	size_t o = 0, k;
	uint32_t cp;

	while (n) {
		k = next_cp(s, n, &cp);
		if (cp >= 0xff01 && cp <= 0xff5e) {
			if (o + 1 >= size)
				return false;
			buf[o++] = (char)(cp - 0xfee0);
		} else if (cp == 0x3000) {
			if (o + 1 >= size)
				return false;
			buf[o++] = ' ';
		} else {
			if (o + k >= size)
				return false;
			memcpy(buf + o, s, k);
			o += k;
		}
		s += k, n -= k;
	}
	buf[o] = '\0';
	return true;
}

/* Replace control characters by spaces, in place (text answers). */
static void
strip_controls(char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			*s = ' ';
}

/* The text after "other:" (also "other：") at the start of s, or NULL. */
static char *
other_text(char *s)
{
	char buf[16];
	size_t i, n = strlen(s);

	for (i = 0; i < n && i < 12; i++) {
		if (s[i] == ':')
			break;
		if (!strncmp(s + i, "\xef\xbc\x9a", 3))
			break;
	}
	if (i >= n || i >= 12 || !normalize(s, i, buf, sizeof(buf)) ||
	    strcasecmp(buf, "other"))
		return NULL;
	return trim(s + i + (s[i] == ':' ? 1 : 3));
}

/* ---- answers and `when` ---- */

/* Whether stored value v (id, or "id;id;other:TEXT") holds choice. */
static bool
value_has(const char *v, const char *choice)
{
	size_t n = strlen(choice);

	while (v && *v) {
		size_t len = strcspn(v, ";");

		if (!strncmp(v, "other:", 6))
			return !strcmp(choice, "other");
		if (len == n && !memcmp(v, choice, n))
			return true;
		v += len;
		if (*v)
			v++;
	}
	return false;
}

static bool
has_choice(void *ctx, size_t qi, const char *choice)
{
	struct iv *iv = ctx;

	return qi < iv->n && iv->asked[qi] && value_has(iv->val[qi], choice);
}

/* Recompute which questions are asked: `when` looks only backwards. */
static void
update_asked(struct iv *iv)
{
	size_t i;

	for (i = 0; i < iv->n; i++)
		iv->asked[i] = qset_when_applies(iv->q, &iv->q->questions[i],
						 has_choice, iv);
}

static size_t
count_asked(const struct iv *iv, size_t upto)
{
	size_t i, c = 0;

	for (i = 0; i < upto && i < iv->n; i++)
		c += iv->asked[i];
	return c;
}

static size_t
count_passed(const struct iv *iv)
{
	size_t i, c = 0;

	for (i = 0; i < iv->n; i++)
		c += iv->asked[i] && iv->stored[i];
	return c;
}

/*
 * The next asked question after `from` (QSET_NONE: from the start); with
 * `open`, the next one not passed yet (in revisit mode: not answered).
 */
static size_t
next_question(const struct iv *iv, size_t from, bool open)
{
	size_t i = from == QSET_NONE ? 0 : from + 1;

	for (; i < iv->n; i++) {
		bool passed = iv->revisit ? iv->val[i] != NULL : iv->stored[i];

		if (iv->asked[i] && (!open || !passed))
			return i;
	}
	return QSET_NONE;
}

static size_t
count_skipped(const struct iv *iv)
{
	size_t i, c = 0;

	for (i = 0; i < iv->n; i++)
		c += iv->asked[i] && iv->stored[i] && !iv->val[i];
	return c;
}

static size_t
prev_question(const struct iv *iv, size_t from)
{
	size_t i = from;

	while (i-- > 0)
		if (iv->asked[i])
			return i;
	return QSET_NONE;
}

static void
progress(const struct iv *iv, size_t *pos, size_t *total)
{
	*pos = count_asked(iv, iv->cur) + 1;
	*total = count_asked(iv, iv->n);
}

/*
 * Options shown for qq: its own, plus a pseudo-choice "other" when
 * `other: true` and no choice has that id.
 */
static bool
virtual_other(const struct qset_question *qq)
{
	return qq->other && !qset_option_find(qq, "other");
}

static size_t
option_count(const struct qset_question *qq)
{
	return qq->noptions + virtual_other(qq);
}

static const char *
option_id(const struct qset_question *qq, size_t i)
{
	return i < qq->noptions ? qq->options[i].id : "other";
}

static const char *
option_label(const struct qset_question *qq, size_t i)
{
	if (i < qq->noptions)
		return osk_text_get(&qq->options[i].label, app.lang);
	return L("その他", "Other");
}

static bool
all_digits(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

/* Whether label (may be NULL) is tok, ignoring widths and ASCII case. */
static bool
label_is(const char *label, const char *tok)
{
	char buf[TOKEN_MAX];

	return label && normalize(label, strlen(label), buf, sizeof(buf)) &&
	       !strcasecmp(buf, tok);
}

/*
 * The option of qq that tok names: an exact id first (ids may look like
 * numbers, "1-5"), then its number, then an id in other case if only one
 * matches, then its Japanese or English label. -1 if none.
 */
static long
option_lookup(const struct qset_question *qq, const char *tok)
{
	size_t i, n = option_count(qq);
	long found = -1;

	for (i = 0; i < n; i++)
		if (!strcmp(option_id(qq, i), tok))
			return (long)i;
	if (all_digits(tok) && strlen(tok) < 6) {
		long k = strtol(tok, NULL, 10);

		return k >= 1 && (size_t)k <= n ? k - 1 : -1;
	}
	for (i = 0; i < n; i++) {
		if (strcasecmp(option_id(qq, i), tok))
			continue;
		if (found >= 0)
			return -1;
		found = (long)i;
	}
	for (i = 0; i < qq->noptions && found < 0 && *tok; i++)
		if (label_is(qq->options[i].label.ja, tok) ||
		    label_is(qq->options[i].label.en, tok))
			found = (long)i;
	return found;
}

/* "1-5" or "1" for the hint and the error lines. */
static void
range_text(const struct qset_question *qq, char *buf, size_t size)
{
	size_t n = option_count(qq);

	if (n == 1)
		snprintf(buf, size, "1");
	else
		snprintf(buf, size, "1-%zu", n);
}

/* "done, partly, no, unknown, na" (cut short when long), for errors. */
static const char *
ids_text(const struct qset_question *qq)
{
	static char buf[200];
	size_t i, n = option_count(qq), o = 0;
	int w;

	buf[0] = '\0';
	for (i = 0; i < n; i++) {
		w = snprintf(buf + o, sizeof(buf) - o, "%s%s", i ? ", " : "",
			     option_id(qq, i));
		if (w < 0 || (size_t)w >= sizeof(buf) - o - 5) {
			snprintf(buf + o, sizeof(buf) - o, ", ...");
			break;
		}
		o += (size_t)w;
	}
	return buf;
}

/* Print a stored value in words: labels for ids, the text as written. */
static void
print_value(FILE *out, const struct qset_question *qq, const char *v,
	    size_t col, size_t width)
{
	struct sbuf sb = SBUF_INIT;
	const char *sep = L("、", "; ");
	int r = 0;

	if (qq->type == QSET_NUMBER || qq->type == QSET_TEXT) {
		wrap_print(out, v, col, col, width);
		return;
	}
	while (*v && r >= 0) {
		size_t len = strcspn(v, ";");
		char id[TOKEN_MAX];
		long i;

		if (sb.len)
			r = sbuf_adds(&sb, sep);
		if (!strncmp(v, "other:", 6)) {
			i = option_lookup(qq, "other");
			if (i >= 0)
				r = sbuf_addf(&sb, L("%ld) %s：%s",
						       "%ld) %s: %s"), i + 1,
					      option_label(qq, (size_t)i),
					      v + 6);
			else
				r = sbuf_adds(&sb, v);
			break;
		}
		snprintf(id, sizeof(id), "%.*s", (int)len, v);
		for (i = 0; i < (long)option_count(qq); i++)
			if (!strcmp(option_id(qq, (size_t)i), id))
				break;
		if (i < (long)option_count(qq))
			r = sbuf_addf(&sb, "%ld) %s", i + 1,
				      option_label(qq, (size_t)i));
		else
			r = sbuf_adds(&sb, id);
		v += len;
		if (*v)
			v++;
	}
	wrap_print(out, r < 0 ? v : sb.buf, col, col, width);
	sbuf_release(&sb);
}

/* ---- the screen ---- */

static void
show_options(struct iv *iv, const struct qset_question *qq)
{
	size_t i, n = option_count(qq), total = 0, digits = n >= 10 ? 2 : 1;
	const char *v = iv->val[iv->cur];

	for (i = 0; i < n; i++)
		total += 2 + (i + 1 >= 10 ? 2 : 1) + 2 +
			 width_of(option_label(qq, i));
	if (total <= iv->width) {
		for (i = 0; i < n; i++) {
			fprintf(iv->out, " %c%zu) ",
				value_has(v, option_id(qq, i)) ? '*' : ' ',
				i + 1);
			put_clean(iv->out, option_label(qq, i),
				  strlen(option_label(qq, i)));
			/* the mark slot of the next item separates them */
		}
		fputc('\n', iv->out);
		return;
	}
	for (i = 0; i < n; i++) {
		fprintf(iv->out, " %c%*zu) ",
			value_has(v, option_id(qq, i)) ? '*' : ' ',
			(int)digits, i + 1);
		wrap_print(iv->out, option_label(qq, i), 4 + digits,
			   4 + digits, iv->width);
	}
}

/* The key line, broken between keys only when the terminal is narrow. */
static void
show_keys(struct iv *iv)
{
	static const char *const ja[] = {
		"? 説明", "b 戻る", "s 飛ばす", "n メモ", "q 保存して終了",
	};
	static const char *const en[] = {
		"? help", "b back", "s skip", "n note", "q save+quit",
	};
	const char *const *keys = L(ja, en);
	size_t i, col = 2, w;

	fputs("  ", iv->out);
	for (i = 0; i < 5; i++) {
		if (i == 3 && iv->no_notes)
			continue;
		w = width_of(keys[i]);
		if (i && col + 2 + w > iv->width) {
			fputs("\n  ", iv->out);
			col = 2;
		} else if (i) {
			fputs("  ", iv->out);
			col += 2;
		}
		fputs(keys[i], iv->out);
		col += w;
	}
	fputc('\n', iv->out);
}

static void
show_hint(struct iv *iv, const struct qset_question *qq)
{
	struct sbuf sb = SBUF_INIT;
	char range[32];
	int r = 0;

	range_text(qq, range, sizeof(range));
	switch (qq->type) {
	case QSET_SCALE:
	case QSET_SINGLE:
		r = sbuf_addf(&sb, L("%s の番号で回答", "Answer with %s"),
			      range);
		break;
	case QSET_MULTI:
		r = sbuf_adds(&sb, L("番号をスペースか ; で区切って回答",
				     "Numbers separated by spaces or ;"));
		if (r >= 0 && qq->max_choices)
			r = sbuf_addf(&sb, L("（%d個まで）", " (at most %d)"),
				      qq->max_choices);
		break;
	case QSET_NUMBER:
		r = sbuf_adds(&sb, L("数字で回答", "Answer with a number"));
		break;
	case QSET_TEXT:
		r = sbuf_adds(&sb, L("回答を1行で入力",
				     "Type the answer on one line"));
		break;
	}
	if (r >= 0 && iv->val[iv->cur])
		r = sbuf_adds(&sb, L("。Enter で今のまま次へ",
				     ". Enter keeps it"));
	if (r >= 0)
		r = sbuf_adds(&sb, L("", "."));
	fputs("  ", iv->out);
	wrap_print(iv->out, r >= 0 ? sb.buf : "", 2, 2, iv->width);
	sbuf_release(&sb);
	show_keys(iv);
}

static void
show_question(struct iv *iv)
{
	const struct qset_question *qq = &iv->q->questions[iv->cur];
	const char *heading = iv->heading;
	char prog[96];
	size_t i, pos, total, hw, pw;

	iv->width = term_width(iv->out);
	progress(iv, &pos, &total);
	snprintf(prog, sizeof(prog), "%zu/%zu  %s", pos, total, qq->id);
	if (!heading || !*heading)
		heading = osk_text_get(&iv->q->title, app.lang);
	fputc('\n', iv->out);
	for (i = 0; i < iv->width; i++)
		fputc('-', iv->out);
	fputc('\n', iv->out);
	hw = width_of(heading);
	pw = width_of(prog);
	if (hw + 2 + pw <= iv->width) {
		put_clean(iv->out, heading, strlen(heading));
		indent(iv->out, iv->width - hw - pw);
		fprintf(iv->out, "%s\n", prog);
	} else {
		wrap_print(iv->out, heading, 0, 0, iv->width);
		fprintf(iv->out, "%s\n", prog);
	}
	if (qq->category != QSET_NONE) {
		const struct qset_category *c =
			&iv->q->categories[qq->category];
		const char *title = osk_text_get(&c->title, app.lang);
		const char *plain = osk_text_get(&c->plain, app.lang);
		struct sbuf sb = SBUF_INIT;

		if (strcmp(title, plain))
			sbuf_addf(&sb, L("%s：%s", "%s: %s"), title, plain);
		else
			sbuf_adds(&sb, title);
		if (sb.buf)
			wrap_print(iv->out, sb.buf, 0, 2, iv->width);
		sbuf_release(&sb);
	}
	fputc('\n', iv->out);
	fputs("  ", iv->out);
	wrap_print(iv->out, osk_text_get(&qq->text, app.lang), 2, 2,
		   iv->width);
	fputc('\n', iv->out);
	if (option_count(qq))
		show_options(iv, qq);
	/* A note given before the answer is stored as a skip with a note. */
	if (iv->val[iv->cur] || (iv->stored[iv->cur] && !iv->note[iv->cur])) {
		const char *lbl = L("今の回答: ", "Answer now: ");

		fputs("  ", iv->out);
		fputs(lbl, iv->out);
		if (iv->val[iv->cur])
			print_value(iv->out, qq, iv->val[iv->cur],
				    2 + width_of(lbl), iv->width);
		else
			fputs(L("（飛ばしました）\n", "(skipped)\n"), iv->out);
	}
	if (iv->note[iv->cur]) {
		const char *lbl = L("メモ: ", "Note: ");

		fprintf(iv->out, "  %s", lbl);
		wrap_print(iv->out, iv->note[iv->cur], 2 + width_of(lbl),
			   2 + width_of(lbl), iv->width);
	}
	fputc('\n', iv->out);
	show_hint(iv, qq);
}

static void
show_help(struct iv *iv)
{
	const struct qset_question *qq = &iv->q->questions[iv->cur];
	const char *help = osk_text_get(&qq->help, app.lang);
	const char *action = osk_text_get(&qq->action, app.lang);
	const char *lbl;

	iv->width = term_width(iv->out);
	if (*help) {
		lbl = L("説明: ", "Help: ");
		fprintf(iv->out, "  %s", lbl);
		wrap_print(iv->out, help, 2 + width_of(lbl), 2 + width_of(lbl),
			   iv->width);
	} else {
		fprintf(iv->out, "  %s\n",
			L("この質問には説明がありません。",
			  "There is no explanation for this question."));
	}
	if (iv->q->kind == QSET_DIAGNOSIS && *action) {
		lbl = L("対策: ", "What to do: ");
		fprintf(iv->out, "  %s", lbl);
		wrap_print(iv->out, action, 2 + width_of(lbl),
			   2 + width_of(lbl), iv->width);
	}
}

/* A message wrapped to the terminal, indented by ind. */
static void
say(struct iv *iv, size_t ind, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void
say(struct iv *iv, size_t ind, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	indent(iv->out, ind);
	wrap_print(iv->out, msg, ind, ind, iv->width);
}

/* One line of the log in scripted mode: "3/18 industry: E". */
static void
log_line(struct iv *iv, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void
log_line(struct iv *iv, const char *fmt, ...)
{
	size_t pos, total;
	va_list ap;

	if (iv->tty)
		return;
	progress(iv, &pos, &total);
	fprintf(iv->out, "%zu/%zu %s: ", pos, total,
		iv->q->questions[iv->cur].id);
	va_start(ap, fmt);
	vfprintf(iv->out, fmt, ap);
	va_end(ap);
	fputc('\n', iv->out);
}

/* Messages that stop a script are in English, like all other errors. */
#define M(iv, ja, en) ((iv)->tty ? L(ja, en) : (en))

/*
 * A bad line: on a terminal, say so in one short line and ask again; in
 * scripted mode, stop with "<stdin>:LINE: question 'ID': ...".
 */
static enum act
bad(struct iv *iv, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static enum act
bad(struct iv *iv, const char *fmt, ...)
{
	char msg[400];
	size_t n, i;
	uint32_t cp;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	/* one line of whole characters, whatever was typed */
	n = strlen(msg);
	if (n + 1 == sizeof(msg)) {
		i = n;
		while (i && ((unsigned char)msg[i - 1] & 0xC0) == 0x80)
			i--;
		if (i && (unsigned char)msg[i - 1] >= 0xC0 &&
		    utf8_decode((const unsigned char *)msg + i - 1, n - i + 1,
				&cp) != n - i + 1)
			msg[i - 1] = '\0';
	}
	strip_controls(msg);
	if (iv->tty) {
		fputs("  ", iv->out);
		wrap_print(iv->out, msg, 2, 4, iv->width);
		return ACT_STAY;
	}
	iv->rc = osk_error_set(iv->err, OSK_EDATA, "<stdin>", (int)iv->lineno,
			       0, "question '%s': %s",
			       iv->q->questions[iv->cur].id, msg);
	return ACT_FAIL;
}

/* ---- input ---- */

/*
 * Read one line into iv->line (without the line end). 1: a line; 0: end
 * of input; -1: interrupted by Ctrl-C; -2: read error (errno set).
 */
static int
read_line(struct iv *iv)
{
	bool any = false;
	int c;

	sbuf_reset(&iv->line);
	iv->too_long = false;
	iv->has_nul = false;
	fflush(iv->out);
	for (;;) {
		if (got_sigint)
			return -1;
		/* by the byte: a NUL must neither end nor cut the line */
		if ((c = getc(iv->in)) == EOF) {
			if (ferror(iv->in)) {
				if (errno != EINTR && !got_sigint)
					return -2;
				clearerr(iv->in);
				continue;
			}
			if (any)
				break;
			return 0;
		}
		any = true;
		if (c == '\n')
			break;
		if (!c)
			iv->has_nul = true;
		else if (iv->line.len >= MAX_LINE)
			iv->too_long = true;
		else if (sbuf_addch(&iv->line, (char)c) < 0)
			return -3;
	}
	iv->lineno++;
	while (iv->line.len && (iv->line.buf[iv->line.len - 1] == '\n' ||
				iv->line.buf[iv->line.len - 1] == '\r'))
		iv->line.buf[--iv->line.len] = '\0';
	/* a file saved by Windows Notepad starts with a byte order mark */
	if (iv->lineno == 1 && iv->line.len >= 3 &&
	    !memcmp(iv->line.buf, "\xEF\xBB\xBF", 3)) {
		memmove(iv->line.buf, iv->line.buf + 3, iv->line.len - 2);
		iv->line.len -= 3;
	}
	return 1;
}

/* read_line() result to an action: ACT_OK = a line is there. */
static enum act
read_result(struct iv *iv, int r)
{
	if (r == 1)
		return ACT_OK;
	if (r == -1)
		iv->interrupted = true;
	if (r >= -1)
		return ACT_QUIT;
	if (r == -3)
		iv->rc = osk_fail(iv->err, OSK_ENOMEM, "out of memory");
	else
		iv->rc = osk_fail(iv->err, OSK_EIO, "cannot read the answers: "
				  "%s", strerror(errno));
	return ACT_FAIL;
}

/* Ask for one more line on a terminal (note text, "other" text). */
static enum act
ask_line(struct iv *iv, const char *prompt)
{
	if (iv->tty)
		fputs(prompt, iv->out);
	return read_result(iv, read_line(iv));
}

/* ---- storing ---- */

/* Store value/note of the current question, keep the cache in step. */
static enum act
store(struct iv *iv, const char *value, const char *note)
{
	size_t i = iv->cur;
	char *v = NULL, *nt = NULL;
	int r;

	if ((value && !(v = strdup(value))) || (note && !(nt = strdup(note)))) {
		free(v);
		iv->rc = osk_fail(iv->err, OSK_ENOMEM, "out of memory");
		return ACT_FAIL;
	}
	r = iv->ops->put(iv->ctx, i, value, note, iv->err);
	if (r < 0) {
		free(v);
		free(nt);
		iv->rc = r;
		return ACT_FAIL;
	}
	free(iv->val[i]);
	free(iv->note[i]);
	iv->val[i] = v;
	iv->note[i] = nt;
	iv->stored[i] = true;
	update_asked(iv);
	return ACT_NEXT;
}

static enum act
store_answer(struct iv *iv, const char *value)
{
	enum act a = store(iv, value, iv->note[iv->cur]);

	if (a != ACT_NEXT)
		return a;
	if (iv->tty) {
		fprintf(iv->out, "  -> %s", L("保存: ", "saved: "));
		print_value(iv->out, &iv->q->questions[iv->cur], value,
			    6 + width_of(L("保存: ", "saved: ")), iv->width);
	} else {
		log_line(iv, "%s", value);
	}
	return ACT_NEXT;
}

/* ---- commands ---- */

static enum act
do_skip(struct iv *iv)
{
	enum act a;

	if (iv->stored[iv->cur]) {
		if (iv->tty)
			fprintf(iv->out, "  -> %s\n", iv->val[iv->cur] ?
				L("今の回答のまま", "kept") :
				L("飛ばしました", "skipped"));
		if (iv->val[iv->cur])
			log_line(iv, "(kept) %s", iv->val[iv->cur]);
		else
			log_line(iv, "(skipped)");
		return ACT_NEXT;
	}
	a = store(iv, NULL, iv->note[iv->cur]);
	if (a == ACT_NEXT) {
		if (iv->tty)
			fprintf(iv->out, "  -> %s\n",
				L("飛ばしました", "skipped"));
		log_line(iv, "(skipped)");
	}
	return a;
}

static enum act
do_back(struct iv *iv)
{
	if (prev_question(iv, iv->cur) == QSET_NONE) {
		say(iv, 2, "%s", L("最初の質問です。",
				   "This is the first question."));
		return ACT_STAY;
	}
	return ACT_BACK;
}

/* n [TEXT]: set the note; empty keeps it, "-" deletes it. */
static enum act
do_note(struct iv *iv, char *text)
{
	enum act a;
	char *t = text;

	if (iv->no_notes) {
		if (iv->tty)
			say(iv, 2, "%s", L("このアンケートではメモは保存され"
					   "ません", "notes are not kept for "
					   "this questionnaire"));
		log_line(iv, "notes are not kept for this questionnaire");
		return ACT_STAY;
	}
	if (!t) {
		if (iv->tty && iv->note[iv->cur])
			say(iv, 2, "%s", L("（Enter: 今のメモのまま、- : メモを"
					   "消す）", "(Enter: keep the note, "
					   "- : delete it)"));
		a = ask_line(iv, L("  メモ> ", "  note> "));
		if (a != ACT_OK)
			return a;
		t = iv->line.buf;
		if (iv->has_nul || !utf8_valid(t, strlen(t), NULL))
			return bad(iv, "%s", M(iv, "UTF-8 の文字ではありません",
					       "the note is not UTF-8 text"));
		if (iv->too_long)
			return bad(iv, M(iv, "メモが長すぎます（%d バイト"
					 "まで）",
					 "the note is longer than %d bytes"),
				   MAX_LINE);
		t = trim(t);
	}
	strip_controls(t);
	if (!*t) {
		if (iv->tty)
			fprintf(iv->out, "  %s\n", L("メモは変えていません",
						     "note unchanged"));
		return ACT_STAY;
	}
	a = store(iv, iv->val[iv->cur], strcmp(t, "-") ? t : NULL);
	if (a != ACT_NEXT)
		return a;
	if (iv->tty)
		fprintf(iv->out, "  -> %s\n", iv->note[iv->cur] ?
			L("メモを保存しました", "note saved") :
			L("メモを消しました", "note deleted"));
	log_line(iv, iv->note[iv->cur] ? "(note) %s" : "(note deleted)%s",
		 iv->note[iv->cur] ? iv->note[iv->cur] : "");
	return ACT_STAY;
}

/*
 * "other" picked without its text: ask for it on a terminal, again until
 * it can be stored (the choices typed before are kept meanwhile).
 */
static enum act
ask_other(struct iv *iv, char **text)
{
	enum act a;

	*text = NULL;
	if (!iv->tty)
		return ACT_OK;
	for (;;) {
		a = ask_line(iv, L("  「その他」の内容> ",
				   "  other, please say> "));
		if (a != ACT_OK)
			return a;
		if (!utf8_valid(iv->line.buf, iv->line.len, NULL) ||
		    iv->too_long || iv->has_nul) {
			bad(iv, "%s", M(iv, "読めない文字か、長すぎます",
					"not UTF-8 text, or too long"));
			continue;
		}
		*text = trim(iv->line.buf);
		strip_controls(*text);
		return ACT_OK;
	}
}

static enum act
answer_choice(struct iv *iv, const struct qset_question *qq, char *s)
{
	struct sbuf sb = SBUF_INIT;
	char tok[TOKEN_MAX], range[32], *otext;
	long i;
	enum act a;
	int r;

	range_text(qq, range, sizeof(range));
	if (qq->other && (otext = other_text(s))) {
		i = option_lookup(qq, "other");
	} else {
		otext = NULL;
		if (!normalize(s, strlen(s), tok, sizeof(tok)))
			tok[0] = '\0';
		i = option_lookup(qq, tok);
		if (i < 0 && iv->tty)
			return bad(iv, L("「%s」は選択肢にありません（%s の番号"
					 "で回答、? で説明）",
					 "'%s' is not one of the options (type "
					 "%s, or ? for help)"), s, range);
		if (i < 0)
			return bad(iv, "'%s' is not one of its options (use %s "
				   "or %s)", s, range, ids_text(qq));
	}
	if (qq->other && !strcmp(option_id(qq, (size_t)i), "other") &&
	    !otext) {
		a = ask_other(iv, &otext);
		if (a != ACT_OK)
			return a;
	}
	if (otext && *otext)
		r = sbuf_addf(&sb, "other:%s", otext);
	else
		r = sbuf_adds(&sb, option_id(qq, (size_t)i));
	if (r < 0) {
		iv->rc = osk_fail(iv->err, OSK_ENOMEM, "out of memory");
		return ACT_FAIL;
	}
	a = store_answer(iv, sb.buf);
	sbuf_release(&sb);
	return a;
}

static enum act
answer_multi(struct iv *iv, const struct qset_question *qq, char *s)
{
	size_t n = option_count(qq), i, count = 0, k;
	struct sbuf sb = SBUF_INIT;
	bool *sel = calloc(n + 1, sizeof(*sel));
	char tok[TOKEN_MAX], range[32], *otext = NULL, *p = s;
	long other = qq->other ? option_lookup(qq, "other") : -1;
	enum act a = ACT_FAIL;
	uint32_t cp;
	int r = 0;

	if (!sel) {
		iv->rc = osk_fail(iv->err, OSK_ENOMEM, "out of memory");
		return ACT_FAIL;
	}
	range_text(qq, range, sizeof(range));
	while (*p) {
		char *start;
		long o;

		k = next_cp(p, strlen(p), &cp);
		if (is_sep_cp(cp)) {
			p += k;
			continue;
		}
		if (other >= 0 && (otext = other_text(p))) {
			sel[other] = true;
			break;
		}
		start = p;
		while (*p) {
			k = next_cp(p, strlen(p), &cp);
			if (is_sep_cp(cp))
				break;
			p += k;
		}
		if (!normalize(start, (size_t)(p - start), tok, sizeof(tok)))
			tok[0] = '\0';
		if ((o = option_lookup(qq, tok)) < 0 && iv->tty) {
			a = bad(iv, L("「%.*s」は選択肢にありません（%s の番号"
				      "をスペースか ; で区切って回答）",
				      "'%.*s' is not one of the options (type "
				      "numbers %s separated by spaces or ;)"),
				(int)(p - start), start, range);
			goto out;
		}
		if (o < 0) {
			a = bad(iv, "'%.*s' is not one of its options (use %s "
				"or %s, separated by ';')", (int)(p - start),
				start, range, ids_text(qq));
			goto out;
		}
		sel[o] = true;
	}
	for (i = 0; i < n; i++)
		count += sel[i];
	if (qq->max_choices && count > (size_t)qq->max_choices) {
		a = bad(iv, M(iv, "選べるのは %d 個までです（%zu 個選ばれて"
			      "います）", "choose at most %d (%zu given)"),
			qq->max_choices, count);
		goto out;
	}
	if (!count) {
		a = bad(iv, "%s", M(iv, "選択肢の番号がありません",
				    "no option number given"));
		goto out;
	}
	if (other >= 0 && sel[other] && !otext) {
		a = ask_other(iv, &otext);
		if (a != ACT_OK)
			goto out;
	}
	for (i = 0; i < n && r >= 0; i++) {
		if (!sel[i] || (long)i == other)
			continue;
		if (sb.len)
			r = sbuf_addch(&sb, ';');
		if (r >= 0)
			r = sbuf_adds(&sb, option_id(qq, i));
	}
	if (r >= 0 && other >= 0 && sel[other]) {
		if (sb.len)
			r = sbuf_addch(&sb, ';');
		if (r >= 0 && otext && *otext)
			r = sbuf_addf(&sb, "other:%s", otext);
		else if (r >= 0)
			r = sbuf_adds(&sb, "other");
	}
	if (r < 0) {
		iv->rc = osk_fail(iv->err, OSK_ENOMEM, "out of memory");
		goto out;
	}
	a = store_answer(iv, sb.buf);
out:
	sbuf_release(&sb);
	free(sel);
	return a;
}

/* A decimal number: -?digits[.digits] */
static bool
is_number(const char *s)
{
	if (*s == '-')
		s++;
	if (*s < '0' || *s > '9')
		return false;
	while (*s >= '0' && *s <= '9')
		s++;
	if (*s == '.') {
		s++;
		if (*s < '0' || *s > '9')
			return false;
		while (*s >= '0' && *s <= '9')
			s++;
	}
	return !*s;
}

static enum act
answer(struct iv *iv, char *s)
{
	const struct qset_question *qq = &iv->q->questions[iv->cur];
	char tok[TOKEN_MAX];

	switch (qq->type) {
	case QSET_SCALE:
	case QSET_SINGLE:
		return answer_choice(iv, qq, s);
	case QSET_MULTI:
		return answer_multi(iv, qq, s);
	case QSET_NUMBER:
		if (!normalize(s, strlen(s), tok, sizeof(tok)) ||
		    strlen(tok) > 30 || !is_number(tok))
			return bad(iv, M(iv, "「%s」は数字ではありません（例: "
					 "12 や 3.5）",
					 "'%s' is not a number (write it like "
					 "12 or 3.5)"), s);
		return store_answer(iv, tok);
	case QSET_TEXT:
		strip_controls(s);
		return store_answer(iv, s);
	}
	return bad(iv, "unknown question type");
}

/* Enter on its own: keep a given answer, else skip (scripted only). */
static enum act
do_empty(struct iv *iv)
{
	if (iv->stored[iv->cur] || !iv->tty)
		return do_skip(iv);
	say(iv, 2, "%s", L("回答を入力してください（飛ばすときは s）",
			   "type an answer, or s to skip"));
	return ACT_STAY;
}

/* "QID=VALUE": the rest, or NULL if the line is not of that form. */
static char *
qid_prefix(struct iv *iv, char *s, bool *mismatch)
{
	char *eq = strchr(s, '='), id[72];
	long qi;

	*mismatch = false;
	if (!eq || eq == s || eq - s > 64)
		return NULL;
	snprintf(id, sizeof(id), "%.*s", (int)(eq - s), s);
	qi = qset_question_index(iv->q, trim(id));
	if (qi < 0)
		return NULL;
	if ((size_t)qi != iv->cur)
		*mismatch = true;
	return trim(eq + 1);
}

static enum act
handle_line(struct iv *iv)
{
	char *s = iv->line.buf, cmd[8], *rest;
	bool mismatch;

	if (iv->too_long)
		return bad(iv, M(iv, "行が長すぎます（%d バイトまで）",
				 "the line is longer than %d bytes"), MAX_LINE);
	if (iv->has_nul)
		return bad(iv, "%s", M(iv, "NUL バイトを含む行は読めません",
				       "the line holds a NUL byte; answers "
				       "are text"));
	if (!utf8_valid(s, iv->line.len, NULL))
		return bad(iv, "%s", M(iv, "UTF-8 の文字として読めません",
				       "the line is not valid UTF-8 text"));
	s = trim(s);
	if (!*s)
		return do_empty(iv);
	if (!normalize(s, strlen(s), cmd, sizeof(cmd)))
		cmd[0] = '\0';
	if (!strcmp(cmd, "?"))
		return show_help(iv), ACT_STAY;
	if (!strcmp(cmd, "b"))
		return do_back(iv);
	if (!strcmp(cmd, "s"))
		return do_skip(iv);
	if (!strcmp(cmd, "q"))
		return ACT_QUIT;
	if (!strcmp(cmd, "n"))
		return do_note(iv, NULL);
	if (s[0] == 'n' && (s[1] == ' ' || s[1] == '\t'))
		return do_note(iv, trim(s + 1));
	rest = qid_prefix(iv, s, &mismatch);
	if (mismatch)
		return bad(iv, "this line answers question '%.*s', but the "
			   "question asked here is '%s'",
			   (int)strcspn(s, " ="), s,
			   iv->q->questions[iv->cur].id);
	if (rest) {
		if (!*rest)
			return do_empty(iv);
		s = rest;
	}
	return answer(iv, s);
}

/* ---- the run ---- */

static void
say_saved(struct iv *iv)
{
	size_t total = count_asked(iv, iv->n);

	if (iv->tty || iv->interrupted)
		fputc('\n', iv->out);
	/* How to go on is the caller's to say (diag resumes, survey not). */
	if (app.lang == OSK_LANG_JA)
		say(iv, 0, "%s%zu 問中 %zu 問が済み、ここまでの回答は保存して"
		    "あります。", iv->interrupted ? "中断しました。" : "",
		    total, count_passed(iv));
	else
		say(iv, 0, "%s%zu of %zu questions done; the answers so far "
		    "are saved.", iv->interrupted ? "Interrupted. " : "",
		    count_passed(iv), total);
}

static int
load_answers(struct iv *iv)
{
	size_t i;

	iv->val = calloc(iv->n ? iv->n : 1, sizeof(*iv->val));
	iv->note = calloc(iv->n ? iv->n : 1, sizeof(*iv->note));
	iv->stored = calloc(iv->n ? iv->n : 1, sizeof(*iv->stored));
	iv->asked = calloc(iv->n ? iv->n : 1, sizeof(*iv->asked));
	if (!iv->val || !iv->note || !iv->stored || !iv->asked)
		return osk_fail(iv->err, OSK_ENOMEM, "out of memory");
	for (i = 0; i < iv->n; i++) {
		const char *nt = NULL, *v = iv->ops->get(iv->ctx, i, &nt);

		iv->stored[i] = v || nt;
		if ((v && *v && !(iv->val[i] = strdup(v))) ||
		    (nt && !(iv->note[i] = strdup(nt))))
			return osk_fail(iv->err, OSK_ENOMEM, "out of memory");
	}
	update_asked(iv);
	return 0;
}

static void
free_answers(struct iv *iv)
{
	size_t i;

	for (i = 0; iv->val && i < iv->n; i++)
		free(iv->val[i]);
	for (i = 0; iv->note && i < iv->n; i++)
		free(iv->note[i]);
	free(iv->val);
	free(iv->note);
	free(iv->stored);
	free(iv->asked);
	sbuf_release(&iv->line);
}

/* The end: tell, finish, summarise; warn about lines left over. */
static int
reach_end(struct iv *iv)
{
	int r;

	fprintf(iv->out, "\n%s\n", L("すべての質問が終わりました。",
				     "All questions are done."));
	if (iv->ops->finish && (r = iv->ops->finish(iv->ctx, iv->err)) < 0)
		return r;
	if (iv->ops->summary)
		iv->ops->summary(iv->ctx, iv->out);
	if (!iv->tty && read_line(iv) == 1 && !app.quiet) {
		fflush(iv->out);
		fprintf(stderr, "otasuke: warning: <stdin>:%ld: the input goes "
			"on after the last question; the rest was ignored\n",
			iv->lineno);
	}
	return 0;
}

static int
walk(struct iv *iv)
{
	bool show = true;
	enum act a;

	if (iv->review) {
		iv->cur = next_question(iv, QSET_NONE, false);
	} else {
		iv->cur = next_question(iv, QSET_NONE, true);
		if (iv->cur == QSET_NONE && count_skipped(iv)) {
			/* Each question was reached: go back to the skipped. */
			iv->revisit = true;
			iv->cur = next_question(iv, QSET_NONE, true);
			if (app.lang == OSK_LANG_JA)
				say(iv, 0, "飛ばした %zu 問に戻ります。",
				    count_skipped(iv));
			else if (count_skipped(iv) == 1)
				say(iv, 0, "Going back to the skipped "
				    "question.");
			else
				say(iv, 0, "Going back to the %zu skipped "
				    "questions.", count_skipped(iv));
		} else if (iv->cur == QSET_NONE && count_passed(iv))
			say(iv, 0, "%s", L("どの質問にも回答済みです（見直す"
					   "ときは --review）。",
					   "Every question has an answer "
					   "already (use --review to go "
					   "through them)."));
		else if (count_passed(iv)) {
			size_t pos, total;

			progress(iv, &pos, &total);
			say(iv, 0, L("%zu/%zu から再開します（%zu 問回答"
				     "済み）。", "Going on from %zu/%zu (%zu "
				     "answered so far)."), pos, total,
			    count_passed(iv));
		}
	}
	while (iv->cur != QSET_NONE) {
		if (show && iv->tty)
			show_question(iv);
		show = false;
		if (iv->tty)
			fputs("> ", iv->out);
		a = read_result(iv, read_line(iv));
		if (a == ACT_OK)
			a = handle_line(iv);
		switch (a) {
		case ACT_OK:
		case ACT_STAY:
			break;
		case ACT_NEXT:
			iv->cur = next_question(iv, iv->cur, !iv->review);
			show = true;
			break;
		case ACT_BACK:
			iv->cur = prev_question(iv, iv->cur);
			log_line(iv, "(back)");
			show = true;
			break;
		case ACT_QUIT:
			say_saved(iv);
			return 1;
		case ACT_FAIL:
			return iv->rc;
		}
	}
	return reach_end(iv);
}

static int
run(const struct qset *q, const struct interview_ops *ops, void *ctx,
    const struct interview_opts *o, struct osk_error *err, FILE *in,
    FILE *out, bool tty)
{
	struct iv iv;
	struct sigaction sa, old;
	int r;

	memset(&iv, 0, sizeof(iv));
	iv.q = q;
	iv.ops = ops;
	iv.ctx = ctx;
	iv.review = o && o->review;
	iv.no_notes = o && o->no_notes;
	iv.heading = o ? o->heading : NULL;
	iv.err = err;
	iv.in = in;
	iv.out = out;
	iv.tty = tty;
	iv.n = q->nquestions;
	iv.line = (struct sbuf)SBUF_INIT;
	iv.width = term_width(out);
	if ((r = load_answers(&iv)) < 0)
		goto out;

	/* Ctrl-C ends the wait for input (no SA_RESTART) and means q. */
	got_sigint = 0;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_sigint;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, &old);
	r = walk(&iv);
	sigaction(SIGINT, &old, NULL);
	fflush(out);
out:
	free_answers(&iv);
	return r;
}

int
interview_run(const struct qset *q, const struct interview_ops *ops,
	      void *ctx, const struct interview_opts *o,
	      struct osk_error *err)
{
	return run(q, ops, ctx, o, err, stdin, stdout, isatty(STDIN_FILENO));
}
