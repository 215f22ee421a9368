/* SPDX-License-Identifier: MIT */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bin/bin.h"
#include "bin/commands.h"
#include "bin/interview.h"
#include "core/company.h"
#include "core/industry.h"
#include "bin/render.h"
#include "report/survey_xlsx.h"
#include "survey/survey.h"

static const char *const survey_usage[] = {
	"usage: otasuke survey answer|import|tally ...",
	"",
	"The seminar questionnaire: enter or import responses, then tally",
	"them.",
	"",
	"  answer [--set SET] [--company C] [--event NAME]",
	"      one response, question by question (from a pipe: one answer",
	"      a line)",
	"  import FILE.csv [--set SET] [--event NAME]",
	"      [--encoding auto|utf-8|cp932]",
	"      one row per response, one column per question id (also",
	"      respondent, company, submitted_at); all or nothing",
	"  tally [--set SET] [--event NAME] [--by industry|size|QID]",
	"      [--format text|csv|json|xlsx] [-o FILE]",
	"      counts and percentages per question, optionally per group",
	"",
	"SET defaults to survey-seminar. A cell or answer is a choice id or",
	"its label; multiple choices are separated by ';'; 'other:TEXT'",
	"(last) keeps free text. A file imported before is noticed and",
	"skipped. Percentages are of the respondents who answered the",
	"question. Groups with fewer responses than peers.min (otasuke",
	"config) are not shown.",
	"--format xlsx writes a workbook with charts; it needs -o FILE.xlsx.",
	NULL,
};

enum { O_SET = 256, O_COMPANY, O_EVENT, O_ENCODING, O_BY, O_FORMAT };

static const struct option longopts[] = {
	{ "set", required_argument, NULL, O_SET },
	{ "company", required_argument, NULL, O_COMPANY },
	{ "event", required_argument, NULL, O_EVENT },
	{ "encoding", required_argument, NULL, O_ENCODING },
	{ "by", required_argument, NULL, O_BY },
	{ "format", required_argument, NULL, O_FORMAT },
	{ "output", required_argument, NULL, 'o' },
	{ NULL, 0, NULL, 0 },
};

struct opts {
	const char *set, *company, *event, *by, *output;
	enum csv_encoding enc;
	enum out_format format;
	bool have_format;
};

/* Parse the options; leaves the operands in argv[optind..]. */
static void
parse_opts(int argc, char **argv, struct opts *o, const char *allowed)
{
	struct osk_error err;
	char cmd[64];
	int c;

	memset(o, 0, sizeof(*o));
	optind = 0;
	snprintf(cmd, sizeof(cmd), "survey %s", argv[0]);
	while ((c = next_opt(argc, argv, "o:", longopts, allowed,
			      survey_usage, cmd)) != -1) {
		switch (c) {
		case O_SET: o->set = optarg; break;
		case O_COMPANY: o->company = optarg; break;
		case O_EVENT: o->event = *optarg ? optarg : NULL; break;
		case O_BY: o->by = optarg; break;
		case 'o': o->output = optarg; break;
		case O_ENCODING:
			osk_error_clear(&err);
			if (csv_encoding_parse(optarg, &o->enc, &err))
				usage_error(survey_usage, "%s", err.msg);
			break;
		case O_FORMAT:
			o->format = parse_format_xlsx(survey_usage, optarg);
			o->have_format = true;
			break;
		}
	}
}

static void
need_operands(int argc, char **argv, int n, const char *what)
{
	if (argc - optind != n)
		usage_error(survey_usage, "'survey %s' needs %s", argv[0],
			    what);
}

/* ---- answer ---- */

struct answer_ctx {
	struct store *st;
	const struct qset *q;
	int64_t qset_id, company_id, rid;
	const char *event;
	struct survey_writer *w;
	struct survey_value *vals;
	struct survey_value tmp;
	bool *passed;
	struct sbuf out;
};

static const char *
answer_get(void *ctx, size_t qi, const char **note)
{
	struct answer_ctx *a = ctx;

	*note = NULL;
	if (!a->vals[qi].answered)
		return a->passed[qi] ? "" : NULL;
	sbuf_reset(&a->out);
	xcheck(survey_value_format(&a->q->questions[qi], &a->vals[qi],
				   &a->out));
	return a->out.buf;
}

/* Create the response row on the first answer. */
static int
answer_response(struct answer_ctx *a, struct osk_error *err)
{
	struct survey_response r;
	char now[32];

	if (a->rid)
		return 0;
	memset(&r, 0, sizeof(r));
	store_now(now);
	r.qset_id = a->qset_id;
	r.company_id = a->company_id;
	r.event = a->event;
	r.submitted_at = now;
	if (survey_writer_response(a->w, &r, err) < 0)
		return -err->code;
	a->rid = r.id;
	return 0;
}

/* Notes are not kept for surveys: the table has no place for them. */
static int
answer_put(void *ctx, size_t qi, const char *value, const char *note,
	   struct osk_error *err)
{
	struct answer_ctx *a = ctx;
	const struct qset_question *qq = &a->q->questions[qi];
	int64_t had;
	int r;

	(void)note;
	if ((r = survey_value_parse(qq, value, &a->tmp, err)))
		return r;
	a->passed[qi] = true;
	if (!a->tmp.answered && !a->vals[qi].answered)
		return 0;
	if ((r = store_begin(a->st, err)))
		return r;
	had = a->rid;
	if ((a->tmp.answered && (r = answer_response(a, err))) ||
	    (a->rid && (r = survey_writer_answer(a->w, a->rid, qq, &a->tmp,
						 true, err)))) {
		store_rollback(a->st);
		a->rid = had;	/* a response made here is gone again */
		return r;
	}
	if ((r = store_commit(a->st, err)))
		return r;
	/* swap: vals[qi] takes the new answer */
	{
		struct survey_value t = a->vals[qi];

		a->vals[qi] = a->tmp;
		a->tmp = t;
	}
	return 0;
}

static size_t
answered_count(const struct answer_ctx *a)
{
	size_t i, n = 0;

	for (i = 0; i < a->q->nquestions; i++)
		n += a->vals[i].answered;
	return n;
}

/* Drop answers that skip logic no longer asks; no answers: no response. */
static int
answer_finish(void *ctx, struct osk_error *err)
{
	struct answer_ctx *a = ctx;
	int r;

	if (!a->rid)
		return 0;
	if ((r = store_begin(a->st, err)))
		return r;
	r = survey_writer_prune(a->w, a->rid, a->q, a->vals, NULL, err);
	if (!r && !answered_count(a)) {
		r = survey_response_delete(a->st, a->rid, err);
		a->rid = 0;
	}
	if (r) {
		store_rollback(a->st);
		return r;
	}
	return store_commit(a->st, err);
}

static void
answer_summary(void *ctx, FILE *out)
{
	struct answer_ctx *a = ctx;

	if (a->rid)
		fprintf(out, L("回答 %lld を保存しました（%zu 問に回答）。\n",
			       "Response %lld saved (%zu questions "
			       "answered).\n"),
			(long long)a->rid, answered_count(a));
	else
		fprintf(out, "%s\n", L("回答がないため、保存しませんでした。",
				       "No answers given; nothing was saved."));
}

static int
survey_answer(int argc, char **argv)
{
	static const struct interview_ops ops = {
		answer_get, answer_put, answer_finish, answer_summary,
	};
	struct interview_opts io = { NULL, false, true };
	struct answer_ctx a;
	struct osk_error err;
	struct company c;
	struct qset *q;
	struct sbuf head = SBUF_INIT;
	struct opts o;
	size_t i;
	int r;

	parse_opts(argc, argv, &o, "set company event");
	need_operands(argc, argv, 0, "no operands");
	memset(&a, 0, sizeof(a));
	a.st = app_store();
	osk_error_clear(&err);
	if (!(q = survey_set_load(a.st, o.set, &a.qset_id, &err)))
		die_err(&err);
	a.q = q;
	a.event = o.event;
	a.out = (struct sbuf)SBUF_INIT;
	xcheck(sbuf_adds(&head, osk_text_get(&q->title, app.lang)));
	if (o.company) {
		if (company_find(a.st, o.company, &c, &err))
			die_err(&err);
		a.company_id = c.id;
		xcheck(sbuf_addf(&head, " — %s", c.name));
		company_release(&c);
	}
	if (o.event)
		xcheck(sbuf_addf(&head, " (%s)", o.event));
	io.heading = head.buf;
	a.vals = xcalloc(q->nquestions + 1, sizeof(*a.vals));
	a.passed = xcalloc(q->nquestions + 1, sizeof(*a.passed));
	for (i = 0; i < q->nquestions; i++)
		survey_value_init(&a.vals[i]);
	survey_value_init(&a.tmp);
	if (!(a.w = survey_writer_new(a.st, &err)))
		die_err(&err);
	r = interview_run(q, &ops, &a, &io, &err);
	survey_writer_free(a.w);
	if (r < 0)
		die_err(&err);
	if (r == 1 && a.rid && app.lang == OSK_LANG_JA)
		info("中断しました。ここまでの %zu 問の回答は回答 %lld "
		     "として保存されています。", answered_count(&a),
		     (long long)a.rid);
	else if (r == 1 && a.rid)
		info("Stopped. The %zu answer%s given so far %s saved as "
		     "response %lld.", answered_count(&a),
		     answered_count(&a) == 1 ? "" : "s",
		     answered_count(&a) == 1 ? "is" : "are", (long long)a.rid);
	for (i = 0; i < q->nquestions; i++)
		survey_value_release(&a.vals[i]);
	survey_value_release(&a.tmp);
	free(a.vals);
	free(a.passed);
	sbuf_release(&a.out);
	sbuf_release(&head);
	qset_free(q);
	return 0;
}

/* ---- import ---- */

static void
print_warnings(const struct osk_errlist *l)
{
	char buf[1200];
	size_t i;

	for (i = 0; i < l->n; i++) {
		osk_error_format(&l->items[i], buf, sizeof(buf));
		warning("%s", buf);
	}
	if (l->total > l->n)
		warning("... and %zu more rows without answers",
			l->total - l->n);
}

static int
survey_import_cmd(int argc, char **argv)
{
	struct survey_import imp;
	struct osk_errlist errs, warns;
	struct osk_error err;
	const char *path;
	struct opts o;
	int r;

	parse_opts(argc, argv, &o, "set event encoding");
	need_operands(argc, argv, 1, "a FILE.csv");
	path = argv[optind];
	survey_import_init(&imp);
	imp.set_id = o.set;
	imp.event = o.event;
	imp.enc = o.enc;
	osk_errlist_init(&errs, 20);
	osk_errlist_init(&warns, 20);
	osk_error_clear(&err);
	r = survey_import_file(app_store(), path, &imp, &errs, &warns, &err);
	if (imp.missing.len && !errs.total && !r)
		warning("%s: no column for %s; counted as not answered",
			path, imp.missing.buf);
	if (errs.total)
		die_errlist(&errs, path);
	if (r)
		die_err(&err);
	print_warnings(&warns);
	if (imp.already)
		info(L("%s: このファイルは %s に取り込み済みです（取り込み "
		       "%lld、回答 %zu 件）。何もしませんでした。",
		       "%s: this file was imported on %s (import %lld, %zu "
		       "response%s); nothing to do"), path, imp.imported_at,
		     (long long)imp.import_id, imp.added,
		     app.lang != OSK_LANG_JA && imp.added != 1 ? "s" : "");
	else if (app.lang == OSK_LANG_JA)
		info("%s: %zu 件の回答を追加しました（取り込み済みで飛ばした"
		     "もの %zu 件、空の行 %zu 行; %s）", path, imp.added,
		     imp.duplicates, imp.empty, csv_encoding_name(imp.used));
	else
		info("%s: %zu response%s added, %zu already stored, %zu "
		     "empty row%s skipped (%s)", path, imp.added,
		     imp.added == 1 ? "" : "s", imp.duplicates, imp.empty,
		     imp.empty == 1 ? "" : "s", csv_encoding_name(imp.used));
	osk_errlist_release(&errs);
	osk_errlist_release(&warns);
	survey_import_release(&imp);
	return 0;
}

/* ---- tally: text ---- */

static const char *
type_words(enum qset_type t)
{
	switch (t) {
	case QSET_SINGLE: return L("単一回答", "single choice");
	case QSET_MULTI: return L("複数回答", "multiple choice");
	case QSET_NUMBER: return L("数値", "number");
	default: return L("自由記述", "free text");
	}
}

static void
indent(struct sbuf *out, const struct sbuf *table)
{
	const char *p = table->buf, *nl;

	while (*p) {
		nl = strchr(p, '\n');
		if (!nl)
			nl = p + strlen(p);
		xcheck(sbuf_adds(out, "  "));
		xcheck(sbuf_add(out, p, (size_t)(nl - p)));
		xcheck(sbuf_addch(out, '\n'));
		p = *nl ? nl + 1 : nl;
	}
}

static void
cell_pct(char *buf, size_t n, const struct survey_choice_count *c)
{
	snprintf(buf, n, "%.1f", c->percent + 0.0);
}

static void
text_strings(struct sbuf *sb, const char *what, const char *const *s,
	     size_t n)
{
	size_t i;

	if (!n)
		return;
	xcheck(sbuf_addf(sb, "  %s:\n", what));
	for (i = 0; i < n; i++) {
		size_t at = sb->len + 6, k;

		xcheck(sbuf_addf(sb, "    - %s\n", s[i]));
		/* a text written over several lines stays on its line */
		for (k = at; k + 1 < sb->len; k++)
			if ((unsigned char)sb->buf[k] < 0x20 ||
			    sb->buf[k] == 0x7f)
				sb->buf[k] = ' ';
	}
}

static void
text_numbers(struct sbuf *sb, const struct survey_qtally *qt)
{
	if (!qt->answered)
		return;
	xcheck(sbuf_addf(sb, "  n %lld, %s %.1f, %s %.15g, %s %.15g, %s "
			 "%.15g\n", (long long)qt->answered, L("平均", "mean"),
			 qt->mean, L("中央値", "median"), qt->median,
			 L("最小", "min"), qt->min, L("最大", "max"),
			 qt->max));
}

/* One question over all responses. */
static void
text_question(struct sbuf *sb, const struct survey_qtally *qt)
{
	static const struct out_column cols[] = {
		{ "choice", NULL, OUT_LEFT, OUT_STR },
		{ "label", NULL, OUT_LEFT, OUT_STR },
		{ "count", NULL, OUT_RIGHT, OUT_NUM },
		{ "percent", NULL, OUT_RIGHT, OUT_NUM },
	};
	struct out_column c[4];
	struct sbuf tb = SBUF_INIT;
	struct out_table *t;
	size_t i;

	memcpy(c, cols, sizeof(c));
	c[0].title = L("選択肢", "choice");
	c[1].title = L("内容", "label");
	c[2].title = L("件数", "count");
	c[3].title = "%";
	if (qt->qq->type == QSET_NUMBER) {
		text_numbers(sb, qt);
		return;
	}
	if (qt->qq->type == QSET_TEXT) {
		text_strings(sb, L("回答", "answers"), qt->texts, qt->ntexts);
		return;
	}
	if (!(t = out_table_new(c, 4)))
		die(OSK_EX_OSERR, "out of memory");
	for (i = 0; i < qt->nchoices; i++) {
		const struct survey_choice_count *cc = &qt->choices[i];
		char count[24], pct[24];
		const char *cells[4];

		snprintf(count, sizeof(count), "%lld", (long long)cc->count);
		cell_pct(pct, sizeof(pct), cc);
		cells[0] = cc->opt->id;
		cells[1] = osk_text_get(&cc->opt->label, app.lang);
		cells[2] = count;
		cells[3] = pct;
		xcheck(out_table_add(t, cells));
	}
	xcheck(out_table_render(t, OUT_TEXT, &tb));
	indent(sb, &tb);
	out_table_free(t);
	sbuf_release(&tb);
	text_strings(sb, L("その他の記述", "other"), qt->other, qt->nother);
}

/* One question against the groups: percentages, counts in brackets. */
static void
text_crosstab(struct sbuf *sb, const struct survey_tally *ta, size_t qi)
{
	const struct survey_qtally *all = &ta->questions[qi];
	size_t ncols = 3 + survey_tally_shown(ta), i, g, k;
	struct out_column *c = xcalloc(ncols, sizeof(*c));
	const char **cells = xcalloc(ncols, sizeof(*cells));
	char **own = xcalloc(ncols, sizeof(*own));
	struct sbuf tb = SBUF_INIT;
	struct out_table *t;

	c[0] = (struct out_column){ "choice", L("選択肢", "choice"),
				    OUT_LEFT, OUT_STR };
	c[1] = (struct out_column){ "label", L("内容", "label"), OUT_LEFT,
				    OUT_STR };
	c[2] = (struct out_column){ "all", L("全体", "all"), OUT_RIGHT,
				    OUT_STR };
	for (g = 0, k = 3; g < ta->ngroups; g++)
		if (!ta->groups[g].suppressed)
			c[k++] = (struct out_column){ ta->groups[g].id, NULL,
						      OUT_RIGHT, OUT_STR };
	if (!(t = out_table_new(c, ncols)))
		die(OSK_EX_OSERR, "out of memory");
	/* first row: the base of each column */
	for (k = 0; k < ncols; k++)
		own[k] = NULL;
	cells[0] = "";
	cells[1] = L("(回答者数)", "(answered)");
	xcheck(asprintf(&own[2], "%lld", (long long)all->answered) < 0 ?
	       -OSK_ENOMEM : 0);
	for (g = 0, k = 3; g < ta->ngroups; g++)
		if (!ta->groups[g].suppressed)
			xcheck(asprintf(&own[k++], "%lld", (long long)
					ta->groups[g].questions[qi].answered)
			       < 0 ? -OSK_ENOMEM : 0);
	for (k = 2; k < ncols; k++)
		cells[k] = own[k];
	xcheck(out_table_add(t, cells));
	for (k = 2; k < ncols; k++)
		free(own[k]);
	for (i = 0; i < all->nchoices; i++) {
		const struct survey_choice_count *cc = &all->choices[i];

		cells[0] = cc->opt->id;
		cells[1] = osk_text_get(&cc->opt->label, app.lang);
		xcheck(asprintf(&own[2], "%.1f (%lld)", cc->percent + 0.0,
				(long long)cc->count) < 0 ? -OSK_ENOMEM : 0);
		for (g = 0, k = 3; g < ta->ngroups; g++) {
			const struct survey_choice_count *gc;

			if (ta->groups[g].suppressed)
				continue;
			gc = &ta->groups[g].questions[qi].choices[i];
			xcheck(asprintf(&own[k++], "%.1f (%lld)",
					gc->percent + 0.0,
					(long long)gc->count) < 0 ?
			       -OSK_ENOMEM : 0);
		}
		for (k = 2; k < ncols; k++)
			cells[k] = own[k];
		xcheck(out_table_add(t, cells));
		for (k = 2; k < ncols; k++)
			free(own[k]);
	}
	xcheck(out_table_render(t, OUT_TEXT, &tb));
	indent(sb, &tb);
	out_table_free(t);
	sbuf_release(&tb);
	free(c);
	free(cells);
	free(own);
	text_strings(sb, L("その他の記述", "other"), all->other, all->nother);
}

static void
text_groups(struct sbuf *sb, const struct survey_tally *t)
{
	size_t g, n = 0;

	xcheck(sbuf_addf(sb, L("%s 別の集計: ", "By %s: "), t->by_id));
	for (g = 0; g < t->ngroups; g++)
		if (!t->groups[g].suppressed)
			xcheck(sbuf_addf(sb, "%s%s %s (n=%lld)",
					 n++ ? ", " : "", t->groups[g].id,
					 osk_text_get(&t->groups[g].label,
						      app.lang),
					 (long long)t->groups[g].n));
	if (!n)
		xcheck(sbuf_adds(sb, L("表示できる区分はありません",
				       "no group large enough to show")));
	xcheck(sbuf_addch(sb, '\n'));
	for (g = n = 0; g < t->ngroups; g++) {
		if (!t->groups[g].suppressed)
			continue;
		if (!n++)
			xcheck(sbuf_addf(sb, L("回答が %d 件未満のため表示し"
					       "ない区分: ", "Not shown (fewer "
					       "than %d responses): "),
					 t->min_group));
		else
			xcheck(sbuf_adds(sb, ", "));
		xcheck(sbuf_addf(sb, "%s (n=%lld)", t->groups[g].id,
				 (long long)t->groups[g].n));
	}
	if (n)
		xcheck(sbuf_addch(sb, '\n'));
	if (t->ungrouped)
		xcheck(sbuf_addf(sb, L("区分のわからない回答: %lld 件\n",
				       "Responses in no group: %lld\n"),
				 (long long)t->ungrouped));
}

static void
tally_text(const struct survey_tally *t, struct sbuf *sb)
{
	size_t qi;

	xcheck(sbuf_addf(sb, L("%s（%s 第 %d 版）: 回答 %lld 件",
			       "%s (%s version %d): %lld responses"),
			 osk_text_get(&t->set->title, app.lang), t->set->id,
			 t->set->version, (long long)t->responses));
	if (t->event)
		xcheck(sbuf_addf(sb, L("、イベント %s", ", event %s"),
				 t->event));
	xcheck(sbuf_addch(sb, '\n'));
	xcheck(sbuf_adds(sb, L("割合（%）は各質問に回答した人に対する割合"
			       "です。複数回答の質問では合計が 100% を超える"
			       "ことがあります。\n",
			       "Percentages are of the respondents who "
			       "answered each question; for multiple-choice "
			       "questions they can add up to more than "
			       "100.\n")));
	if (t->by != SURVEY_BY_NONE)
		text_groups(sb, t);
	for (qi = 0; qi < t->nquestions; qi++) {
		const struct survey_qtally *qt = &t->questions[qi];

		xcheck(sbuf_addf(sb, "\n%s: %s (%s)\n", qt->qq->id,
				 osk_text_get(&qt->qq->text, app.lang),
				 type_words(qt->qq->type)));
		xcheck(sbuf_addf(sb, L("  対象 %lld、回答 %lld、無回答 %lld — "
				       "割合は回答した %lld 人に対する %%\n",
				       "  asked %lld, answered %lld, no answer "
				       "%lld; percent of the %lld who "
				       "answered\n"),
				 (long long)qt->asked, (long long)qt->answered,
				 (long long)qt->no_answer,
				 (long long)qt->answered));
		if (t->by != SURVEY_BY_NONE && survey_tally_shown(t) &&
		    qt->nchoices)
			text_crosstab(sb, t, qi);
		else
			text_question(sb, qt);
	}
}

/* ---- tally ---- */

static int
survey_tally_cmd(int argc, char **argv)
{
	struct industries *ind;
	struct survey_tally *t;
	struct osk_error err;
	struct sbuf sb = SBUF_INIT;
	struct opts o;

	parse_opts(argc, argv, &o, "set event by format output");
	need_operands(argc, argv, 0, "no operands");
	o.format = output_format(survey_usage, o.have_format, o.format,
				 o.output);
	t = tally_or_die(survey_usage, o.set, o.event, o.by, &ind);
	tally_warn_dropped(t);
	osk_error_clear(&err);
	switch (o.format) {
	case OUT_XLSX:
		if (render_survey_xlsx(t, o.output, app.lang, &err))
			die_err(&err);
		info(L("%s を書き出しました", "wrote %s"), o.output);
		break;
	case OUT_JSON:
		xcheck(survey_tally_json(t, &sb));
		write_out(o.output, &sb);
		break;
	case OUT_CSV:
		xcheck(survey_tally_csv(t, app.lang, &sb));
		write_out(o.output, &sb);
		break;
	default:
		tally_text(t, &sb);
		write_out(o.output, &sb);
		break;
	}
	sbuf_release(&sb);
	survey_tally_free(t);
	industries_free(ind);
	return 0;
}

int
cmd_survey(int argc, char **argv)
{
	static const struct subcmd sub[] = {
		{ "answer", survey_answer },
		{ "import", survey_import_cmd },
		{ "tally", survey_tally_cmd },
		{ NULL, NULL },
	};

	return run_subcmd(sub, survey_usage, argc, argv);
}
