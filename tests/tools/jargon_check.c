/* SPDX-License-Identifier: MIT */
/*
 * jargon_check: fail when a technical term appears in a sheet's text
 * without its plain explanation right after it.
 *
 *   pdftotext -raw -enc UTF-8 sheet.pdf - | jargon_check JARGON.txt ja|en
 *
 * JARGON.txt: lines LANG<TAB>TERM<TAB>PLAIN ('#' comments). An occurrence
 * of TERM (ASCII terms: whole words, any case, plural s/es; the longest
 * term wins) is fine when followed by "（PLAIN）" (ja) or " (PLAIN)" (en),
 * or when it is in brackets itself after the writer's own words
 * ("入り口の箱（ルーター）"). Whitespace is removed (ja) or collapsed (en)
 * first, as pdftotext breaks lines. Each failure is printed; exit 1 if
 * any, 2 on bad usage.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct term {
	char *term, *want;
};

static bool
ascii(const char *s)
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

static bool
space(char ch)
{
	return ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r' ||
	       ch == '\f';
}

/* Remove (ja) or collapse (en) whitespace in place. */
static void
squeeze(char *s, bool ja)
{
	char *p, *q;

	for (p = q = s; *p; p++) {
		if (!space(*p))
			*q++ = *p;
		else if (!ja && (q == s || q[-1] != ' '))
			*q++ = ' ';
	}
	*q = '\0';
}

static size_t
match(const char *t, size_t i, const char *term)
{
	size_t len = strlen(term), end;

	if (!ascii(term))
		return strncmp(t + i, term, len) ? 0 : len;
	if (strncasecmp(t + i, term, len) || (i > 0 && alnum(t[i - 1])))
		return 0;
	end = i + len;
	if (t[end] == 's' || t[end] == 'S')
		end++;
	else if (!strncasecmp(t + end, "es", 2))
		end += 2;
	if (alnum(t[end])) {
		if (alnum(t[i + len]))
			return 0;
		end = i + len;
	}
	return end - i;
}

int
main(int argc, char **argv)
{
	struct term *terms = NULL;
	size_t nterms = 0, i, k, n, len = 0, cap = 0;
	char line[2048], *text = NULL;
	bool ja;
	int bad = 0;
	FILE *f;

	if (argc != 3 || (strcmp(argv[2], "ja") && strcmp(argv[2], "en"))) {
		fprintf(stderr, "usage: jargon_check JARGON.txt ja|en <TEXT\n");
		return 2;
	}
	ja = !strcmp(argv[2], "ja");
	if (!(f = fopen(argv[1], "r"))) {
		perror(argv[1]);
		return 2;
	}
	while (fgets(line, sizeof(line), f)) {
		char *t1, *t2;

		line[strcspn(line, "\n")] = '\0';
		if (line[0] == '#' || !line[0])
			continue;
		t1 = strchr(line, '\t');
		t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
		if (!t2) {
			fprintf(stderr, "%s: bad line: %s\n", argv[1], line);
			return 2;
		}
		*t1 = *t2 = '\0';
		if (strcmp(line, argv[2]))
			continue;
		terms = realloc(terms, (nterms + 1) * sizeof(*terms));
		if (!terms)
			return 2;
		terms[nterms].term = strdup(t1 + 1);
		terms[nterms].want = malloc(strlen(t2 + 1) + 16);
		if (!terms[nterms].term || !terms[nterms].want)
			return 2;
		sprintf(terms[nterms].want, ja ? "（%s）" : " (%s)", t2 + 1);
		squeeze(terms[nterms].want, ja);
		nterms++;
	}
	fclose(f);
	for (;;) {
		if (len + 4096 + 1 > cap) {
			cap = cap ? 2 * cap : 65536;
			if (!(text = realloc(text, cap)))
				return 2;
		}
		n = fread(text + len, 1, 4096, stdin);
		if (!n)
			break;
		len += n;
	}
	text[len] = '\0';
	squeeze(text, ja);
	n = strlen(text);
	for (i = 0; i < n;) {
		size_t best = 0, bk = 0, l;

		for (k = 0; k < nterms; k++)
			if ((l = match(text, i, terms[k].term)) > best) {
				best = l;
				bk = k;
			}
		if (!best) {
			i++;
			continue;
		}
		if (!strncmp(text + i + best, terms[bk].want,
			     strlen(terms[bk].want))) {
			i += best + strlen(terms[bk].want);
			continue;
		}
		if (!((i >= 3 && !strncmp(text + i - 3, "（", 3) &&
		       !strncmp(text + i + best, "）", 3)) ||
		      (i >= 1 && text[i - 1] == '(' && text[i + best] == ')'))) {
			printf("'%s' without its explanation: ...%.80s\n",
			       terms[bk].term, text + i);
			bad++;
		}
		i += best;
	}
	for (k = 0; k < nterms; k++) {
		free(terms[k].term);
		free(terms[k].want);
	}
	free(terms);
	free(text);
	return bad ? 1 : 0;
}
