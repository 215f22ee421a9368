/* SPDX-License-Identifier: MIT */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bin/bin.h"
#include "bin/commands.h"
#include "bin/interview.h"
#include "core/company.h"
#include "diag/diag.h"

static const char *const diag_usage[] = {
	"usage: otasuke diag interview|import|score|action|list|reference ...",
	"",
	"The simple security diagnosis: the hearing, scores compared with",
	"similar companies, what to do first, SECURITY ACTION readiness.",
	"",
	"  interview COMPANY [--set SET] [--review] [--new]",
	"      the hearing, one question at a time; resumes an unfinished one",
	"      (--review goes through the given answers, --new starts anew)",
	"  import FILE.csv [--encoding auto|utf-8|cp932]",
	"      answers from a CSV: company,set,question,answer[,note]",
	"  score COMPANY [--set SET] [--format text|json|csv]",
	"      scores, comparison, what to do first, what to check next time",
	"  action COMPANY [--set SET] [--format text|json]",
	"      SECURITY ACTION one and two stars: ready or what is missing",
	"  list [--set SET] [--format text|csv|json]",
	"      every company: not started, in progress n/N, or completed",
	"  reference import FILE.yaml",
	"      published averages, compared with when peers are too few",
	"",
	"COMPANY is a company's id or exact name; SET defaults to diag-office.",
	"import is all or nothing: any bad row is reported and nothing is",
	"saved. An assessment is completed when every scored question asked",
	"has an answer (\"don't know\" and \"not applicable\" included).",
	NULL,
};

enum { O_SET = 256, O_REVIEW, O_NEW, O_FORMAT, O_ENCODING };

static const struct option longopts[] = {
	{ "set", required_argument, NULL, O_SET },
	{ "review", no_argument, NULL, O_REVIEW },
	{ "new", no_argument, NULL, O_NEW },
	{ "format", required_argument, NULL, O_FORMAT },
	{ "encoding", required_argument, NULL, O_ENCODING },
	{ NULL, 0, NULL, 0 },
};

struct opts {
	const char *name;	/* in messages; NULL: argv[0] (set before) */
	const char *set;
	bool review, fresh;
	enum out_format format;
	enum csv_encoding enc;
};

/* Parse the options named in allowed; leaves operands in argv[optind..]. */
static void
parse_opts(int argc, char **argv, struct opts *o, const char *allowed,
	   int operands, const char *what)
{
	const char *name = o->name ? o->name : argv[0];
	struct osk_error err;
	char cmd[64];
	int c;

	memset(o, 0, sizeof(*o));
	o->set = DIAG_DEFAULT_SET;
	o->name = name;
	optind = 0;
	snprintf(cmd, sizeof(cmd), "diag %s", name);
	while ((c = next_opt(argc, argv, "", longopts, allowed,
			      diag_usage, cmd)) != -1) {
		switch (c) {
		case O_SET: o->set = optarg; break;
		case O_REVIEW: o->review = true; break;
		case O_NEW: o->fresh = true; break;
		case O_FORMAT:
			o->format = parse_format(diag_usage, optarg);
			break;
		case O_ENCODING:
			osk_error_clear(&err);
			if (csv_encoding_parse(optarg, &o->enc, &err))
				usage_error(diag_usage, "%s", err.msg);
			break;
		}
	}
	if (argc - optind != operands)
		usage_error(diag_usage, "'diag %s' needs %s", name, what);
}

/* ---- plain words ---- */

static const char *
cost_word(enum qset_cost c)
{
	switch (c) {
	case QSET_COST_LOW: return L("少額", "low cost");
	case QSET_COST_PAID: return L("有料", "paid");
	default: return L("無料", "free");
	}
}

static const char *
sa_word(int n)
{
	switch (n) {
	case 1: return L("OSやソフトウェアを最新にする",
			 "Keep the OS and software up to date");
	case 2: return L("ウイルス対策ソフトを使う",
			 "Use virus protection software");
	case 3: return L("パスワードを強くする", "Use strong passwords");
	case 4: return L("共有の設定を見直す", "Check the sharing settings");
	default: return L("脅威や攻撃の手口を知る",
			  "Know the current threats and tricks");
	}
}

static void
step_title(const struct diag_step *st, char *buf, size_t size)
{
	switch (st->kind) {
	case DIAG_STEP_SA:
		snprintf(buf, size, "%s", sa_word(st->number));
		break;
	case DIAG_STEP_SELFCHECK:
		snprintf(buf, size, L("自社診断の項目 %d に答える",
				      "Answer self-check topic %d"),
			 st->number);
		break;
	case DIAG_STEP_POLICY_WRITTEN:
		snprintf(buf, size, "%s", L("情報セキュリティ基本方針を"
					    "文書にする",
					    "Write down the basic security "
					    "policy"));
		break;
	case DIAG_STEP_POLICY_PUBLISHED:
		snprintf(buf, size, "%s", L("基本方針を社内外に公開する",
					    "Publish the policy to staff and "
					    "customers"));
		break;
	case DIAG_STEP_ONE_STAR:
		snprintf(buf, size, "%s", L("まず一つ星の5項目を満たす",
					    "First meet the five points of "
					    "one star (above)"));
		break;
	}
}

static void
step_why(const struct diag_step *st, char *buf, size_t size)
{
	const char *label = st->option ?
			    osk_text_get(&st->option->label, app.lang) : "";

	switch (st->why) {
	case DIAG_WHY_NOT_DONE:
	case DIAG_WHY_UNKNOWN:
		snprintf(buf, size, L("回答:「%s」", "answered \"%s\""), label);
		break;
	case DIAG_WHY_UNANSWERED:
		snprintf(buf, size, "%s", L("まだ回答がありません",
					    "not answered yet"));
		break;
	case DIAG_WHY_NO_QUESTION:
		snprintf(buf, size, "%s", L("この質問票には対応する質問があり"
					    "ません", "this question set has "
					    "no question for it"));
		break;
	case DIAG_WHY_NOT_READY:
		buf[0] = '\0';
		break;
	}
}

/* "62.5" or "-" */
static const char *
num1(char *buf, size_t size, bool has, double v)
{
	if (!has)
		return "-";
	snprintf(buf, size, "%.1f", osk_round1(v) + 0.0);
	return buf;
}

static void
date_of(const char *ts, char out[11])
{
	snprintf(out, 11, "%.10s", ts);
}

/* ---- score: text ---- */

static void
comparison_line(const struct diag_score *s, struct sbuf *sb)
{
	int min = store_config_int(app_store(), "peers.min",
				   DIAG_PEERS_MIN_DEFAULT);

	switch (s->source) {
	case DIAG_CMP_INDUSTRY:
		xcheck(sbuf_addf(sb, L("比較: 同じ業種の %d 社の平均\n",
				       "Compared with: the average of %d "
				       "companies in the same industry\n"),
				 s->n));
		break;
	case DIAG_CMP_REFERENCE:
		xcheck(sbuf_addf(sb, L("比較: 公表されている平均「%s」"
				       "（%d 社）\n",
				       "Compared with: the published average "
				       "\"%s\" (%d companies)\n"),
				 s->reference ? s->reference : "", s->n));
		break;
	case DIAG_CMP_ALL:
		xcheck(sbuf_addf(sb, L("比較: 全業種の %d 社の平均（同じ業種は"
				       "少ないため）\n", "Compared with: the "
				       "average of %d companies of all "
				       "industries (too few in the same "
				       "one)\n"), s->n));
		break;
	default:
		if (app.lang == OSK_LANG_JA)
			xcheck(sbuf_addf(sb, "比較: なし（同じ業種で診断を"
					 "終えた会社は %d 社です。%d 社以上"
					 "で比べます）"
					 "\n", s->n, min));
		else
			xcheck(sbuf_addf(sb, "Compared with: nobody yet (%d "
					 "compan%s of the same industry %s "
					 "finished; %d are needed)\n", s->n,
					 s->n == 1 ? "y" : "ies",
					 s->n == 1 ? "has" : "have", min));
		break;
	}
}

static const struct out_column cat_cols[] = {
	{ "category", NULL, OUT_LEFT, OUT_STR },
	{ "score", NULL, OUT_RIGHT, OUT_NUM },
	{ "grade", NULL, OUT_LEFT, OUT_STR },
	{ "comparison", NULL, OUT_RIGHT, OUT_NUM },
	{ "previous", NULL, OUT_RIGHT, OUT_NUM },
	{ "answered", NULL, OUT_RIGHT, OUT_STR },
};

static void
category_table(const struct diag_score *s, struct sbuf *sb)
{
	struct out_column cols[6];
	struct out_table *t;
	size_t i;

	memcpy(cols, cat_cols, sizeof(cols));
	cols[0].title = L("分野", "Area");
	cols[1].title = L("点数", "Score");
	cols[2].title = L("評価", "Grade");
	cols[3].title = L("他社平均", "Others");
	cols[4].title = L("前回", "Last time");
	cols[5].title = L("回答", "Answered");
	if (!(t = out_table_new(cols, 6)))
		die(OSK_EX_OSERR, "out of memory");
	for (i = 0; i < s->ncats; i++) {
		const struct diag_category_score *cs = &s->cats[i];
		char sc[16], cmp[16], prev[16], grade[128], ans[32];
		const char *cells[6];

		snprintf(grade, sizeof(grade), "%s %s",
			 cs->grade ? cs->grade->id : "-",
			 cs->grade ? osk_text_get(&cs->grade->label, app.lang)
				   : "");
		snprintf(ans, sizeof(ans), "%d/%d", cs->answered,
			 cs->applicable);
		cells[0] = osk_text_get(&s->q->categories[cs->category].title,
					app.lang);
		cells[1] = num1(sc, sizeof(sc), cs->has_score, cs->score);
		cells[2] = grade;
		cells[3] = num1(cmp, sizeof(cmp), cs->has_comparison,
				cs->comparison);
		cells[4] = num1(prev, sizeof(prev), cs->has_previous,
				cs->previous);
		cells[5] = ans;
		xcheck(out_table_add(t, cells));
	}
	xcheck(out_table_render(t, OUT_TEXT, sb));
	out_table_free(t);
}

static void
assessment_line(const struct diag_score *s, struct sbuf *sb)
{
	char d[11];

	if (s->assessment.completed) {
		date_of(s->assessment.completed_at, d);
		xcheck(sbuf_addf(sb, L("診断 %lld: %s に完了（%d/%d 問回答）\n",
				       "Assessment %lld: completed on %s (%d "
				       "of %d answered)\n"),
				 (long long)s->assessment.id, d, s->answered,
				 s->asked));
	} else {
		xcheck(sbuf_addf(sb, L("診断 %lld: 回答中（%d/%d 問）\n",
				       "Assessment %lld: in progress (%d of "
				       "%d answered)\n"),
				 (long long)s->assessment.id, s->answered,
				 s->asked));
	}
}

static void
priorities_text(const struct diag_score *s, size_t max, struct sbuf *sb)
{
	size_t i;

	xcheck(sbuf_adds(sb, L("\nまず取り組むこと:\n",
			       "\nWhat to do first:\n")));
	if (!s->npriorities)
		xcheck(sbuf_adds(sb, L("  （ありません）\n", "  (nothing)\n")));
	for (i = 0; i < s->npriorities && i < max; i++) {
		const struct diag_priority *p = &s->priorities[i];
		const struct qset_question *qq = &s->q->questions[p->question];

		xcheck(sbuf_addf(sb, "%3zu. [%s] %s\n", i + 1, qq->id,
				 osk_text_get(&qq->action, app.lang)));
		xcheck(sbuf_addf(sb, L("       （%s、優先度 %.1f）\n",
				       "       (%s, priority %.1f)\n"),
				 cost_word(qq->cost),
				 osk_round1(p->priority) + 0.0));
	}
}

static void
score_text(const struct diag_score *s, struct sbuf *sb)
{
	char a[16], c[16];
	size_t i;

	xcheck(sbuf_addf(sb, L("%s — %s（第%d版）\n", "%s — %s (version %d)\n"),
			 s->company_name, osk_text_get(&s->q->title, app.lang),
			 s->q->version));
	assessment_line(s, sb);
	xcheck(sbuf_addf(sb, "%s: %s %s %s", L("総合", "Overall"),
			 num1(a, sizeof(a), s->has_overall, s->overall),
			 s->grade ? s->grade->id : "",
			 s->grade ? osk_text_get(&s->grade->label, app.lang)
				  : ""));
	if (s->has_overall_comparison)
		xcheck(sbuf_addf(sb, L("（他社平均 %s）", " (others %s)"),
				 num1(c, sizeof(c), true,
				      s->overall_comparison)));
	xcheck(sbuf_addch(sb, '\n'));
	if (s->has_selfcheck)
		xcheck(sbuf_addf(sb, L("自社診断の合計: %d 点（100 点満点）\n",
				       "Self-check total: %d (of 100)\n"),
				 s->selfcheck));
	comparison_line(s, sb);
	xcheck(sbuf_addch(sb, '\n'));
	category_table(s, sb);
	priorities_text(s, (size_t)-1, sb);
	if (s->nunknown) {
		xcheck(sbuf_adds(sb, L("\n次回確認すること"
				       "（「わからない」の回答）:\n",
				       "\nTo check next time (answered "
				       "\"don't know\"):\n")));
		for (i = 0; i < s->nunknown; i++) {
			const struct qset_question *qq =
				&s->q->questions[s->unknown[i]];

			xcheck(sbuf_addf(sb, "  - [%s] %s\n", qq->id,
					 osk_text_get(&qq->text, app.lang)));
		}
	}
}

/* ---- score: csv ---- */

static void
score_csv(const struct diag_score *s, struct sbuf *sb)
{
	static const char *const head[] = {
		"company", "set", "assessment", "completed", "category",
		"score", "grade", "comparison", "source", "n", "previous",
		"answered", "applicable",
	};
	char id[32], sc[16], cmp[16], prev[16], n[16], ans[16], app_[16];
	const char *row[13];
	size_t i;

	xcheck(csv_write_row(sb, head, NULL, 13));
	snprintf(id, sizeof(id), "%lld", (long long)s->assessment.id);
	row[0] = s->company_name;
	row[1] = s->q->id;
	row[2] = id;
	row[3] = s->assessment.completed ? "yes" : "no";
	row[8] = diag_source_name(s->source);
	snprintf(n, sizeof(n), "%d", s->n);
	row[9] = n;
	row[4] = "overall";
	row[5] = s->has_overall ? num1(sc, sizeof(sc), true, s->overall) : "";
	row[6] = s->grade ? s->grade->id : "";
	row[7] = s->has_overall_comparison ?
		 num1(cmp, sizeof(cmp), true, s->overall_comparison) : "";
	row[10] = s->has_previous_overall ?
		  num1(prev, sizeof(prev), true, s->previous_overall) : "";
	snprintf(ans, sizeof(ans), "%d", s->answered);
	snprintf(app_, sizeof(app_), "%d", s->asked);
	row[11] = ans;
	row[12] = app_;
	xcheck(csv_write_row(sb, row, NULL, 13));
	for (i = 0; i < s->ncats; i++) {
		const struct diag_category_score *cs = &s->cats[i];

		row[4] = s->q->categories[cs->category].id;
		row[5] = cs->has_score ? num1(sc, sizeof(sc), true, cs->score)
				       : "";
		row[6] = cs->grade ? cs->grade->id : "";
		row[7] = cs->has_comparison ?
			 num1(cmp, sizeof(cmp), true, cs->comparison) : "";
		snprintf(n, sizeof(n), "%d",
			 cs->has_comparison ? cs->comparison_n : 0);
		row[10] = cs->has_previous ?
			  num1(prev, sizeof(prev), true, cs->previous) : "";
		snprintf(ans, sizeof(ans), "%d", cs->answered);
		snprintf(app_, sizeof(app_), "%d", cs->applicable);
		xcheck(csv_write_row(sb, row, NULL, 13));
	}
}

/* " --set SET" for hints, when SET is not the default. */
static const char *
set_opt(const char *set)
{
	return strcmp(set, DIAG_DEFAULT_SET) ? " --set " : "";
}

static const char *
set_arg(const char *set)
{
	return strcmp(set, DIAG_DEFAULT_SET) ? set : "";
}

static struct diag_score *
get_score(const char *key, const char *set, int flags, struct company *c)
{
	struct osk_error err;
	struct diag_score *s;
	int r;

	find_company(key, c);
	osk_error_clear(&err);
	r = diag_score_get(app_store(), c->id, set, flags, &s, &err);
	if (r == -OSK_ENOTFOUND && !strstr(err.msg, "question set"))
		die(OSK_EX_DATAERR, "%s: no '%s' diagnosis yet; run 'otasuke "
		    "diag interview %s%s%s' or 'otasuke diag import'",
		    c->name, set, key, set_opt(set), set_arg(set));
	if (r)
		die_err(&err);
	return s;
}

static int
diag_score_cmd(int argc, char **argv)
{
	struct sbuf sb = SBUF_INIT;
	struct diag_score *s;
	struct company c;
	struct opts o = { 0 };

	parse_opts(argc, argv, &o, "set format", 1, "a COMPANY");
	s = get_score(argv[optind], o.set, 0, &c);
	if (o.format == OUT_JSON)
		xcheck(diag_score_json(s, app.lang, &sb));
	else if (o.format == OUT_CSV)
		score_csv(s, &sb);
	else
		score_text(s, &sb);
	emit(&sb);
	sbuf_release(&sb);
	diag_score_free(s);
	company_release(&c);
	return 0;
}

/* ---- action ---- */

static void
star_text(const struct diag_action *act, const struct diag_star *star,
	  const char *title, struct sbuf *sb)
{
	size_t i;

	if (star->ready) {
		xcheck(sbuf_addf(sb, "%s: %s\n", title,
				 L("宣言の準備ができています",
				   "ready to declare")));
		return;
	}
	xcheck(sbuf_addf(sb, "%s: %s\n", title,
			 L("まだです。残りの項目:", "not yet; still to do:")));
	for (i = 0; i < star->nmissing; i++) {
		const struct diag_step *st = &star->missing[i];
		char what[256], why[256];

		step_title(st, what, sizeof(what));
		step_why(st, why, sizeof(why));
		if (st->question == QSET_NONE) {
			xcheck(sbuf_addf(sb, "  - %s%s%s\n", what,
					 *why ? ": " : "", why));
			continue;
		}
		xcheck(sbuf_addf(sb, "  - %s [%s]: %s\n      → %s\n", what,
				 act->q->questions[st->question].id, why,
				 osk_text_get(&act->q->questions[st->question]
					      .action, app.lang)));
	}
}

/* Whether the set has any of the five SECURITY ACTION questions. */
static bool
covers_sa(const struct diag_action *act)
{
	size_t i;

	for (i = 0; i < act->one_star.nmissing; i++)
		if (act->one_star.missing[i].why != DIAG_WHY_NO_QUESTION)
			return true;
	return act->one_star.nmissing < 5;
}

static void
action_text(const struct diag_score *s, struct sbuf *sb)
{
	xcheck(sbuf_addf(sb, L("%s — SECURITY ACTION（自社で取り組みを宣言する"
			       "制度です）\n", "%s — SECURITY ACTION (a "
			       "declaration the company makes itself)\n"),
			 s->company_name));
	if (!s->assessment.completed)
		xcheck(sbuf_addf(sb, L("診断は回答中です（%d/%d 問）\n",
				       "The diagnosis is still in progress (%d "
				       "of %d answered)\n"),
				 s->answered, s->asked));
	xcheck(sbuf_addch(sb, '\n'));
	if (!covers_sa(&s->action)) {
		xcheck(sbuf_addf(sb, L("この質問票（%s）には SECURITY ACTION の"
				       "質問がありません。--set %s で"
				       "確かめます\n",
				       "This question set (%s) has no SECURITY "
				       "ACTION questions; check with --set "
				       "%s\n"), s->q->id, DIAG_DEFAULT_SET));
		return;
	}
	star_text(&s->action, &s->action.one_star, L("★ 一つ星", "★ One star"),
		  sb);
	xcheck(sbuf_addch(sb, '\n'));
	star_text(&s->action, &s->action.two_star, L("★★ 二つ星",
						     "★★ Two stars"), sb);
}

static int
diag_action_cmd(int argc, char **argv)
{
	struct sbuf sb = SBUF_INIT;
	struct diag_score *s;
	struct company c;
	struct opts o = { 0 };

	parse_opts(argc, argv, &o, "set format", 1, "a COMPANY");
	if (o.format == OUT_CSV)
		usage_error(diag_usage, "'diag action' writes text or json, "
			    "not csv");
	s = get_score(argv[optind], o.set, DIAG_NO_PEERS, &c);
	if (o.format == OUT_JSON)
		xcheck(diag_action_json(&s->action, app.lang, &sb));
	else
		action_text(s, &sb);
	emit(&sb);
	sbuf_release(&sb);
	diag_score_free(s);
	company_release(&c);
	return 0;
}

/* ---- list ---- */

static const struct out_column list_cols[] = {
	{ "id", NULL, OUT_RIGHT, OUT_NUM },
	{ "name", NULL, OUT_LEFT, OUT_STR },
	{ "industry", NULL, OUT_LEFT, OUT_STR },
	{ "state", NULL, OUT_LEFT, OUT_STR },
	{ "answered", NULL, OUT_RIGHT, OUT_NUM },
	{ "asked", NULL, OUT_RIGHT, OUT_NUM },
	{ "date", NULL, OUT_LEFT, OUT_STR },
	{ "score", NULL, OUT_RIGHT, OUT_NUM },
	{ "grade", NULL, OUT_LEFT, OUT_STR },
};

static const struct out_column list_text_cols[] = {
	{ "id", "ID", OUT_RIGHT, OUT_NUM },
	{ "name", NULL, OUT_LEFT, OUT_STR },
	{ "industry", NULL, OUT_LEFT, OUT_STR },
	{ "state", NULL, OUT_LEFT, OUT_STR },
	{ "date", NULL, OUT_LEFT, OUT_STR },
	{ "grade", NULL, OUT_LEFT, OUT_STR },
};

static void
list_text_row(struct out_table *t, const struct diag_list_item *it)
{
	char id[32], state[64], sc[16];
	char grade[48];
	const char *cells[6];

	snprintf(id, sizeof(id), "%lld", (long long)it->company_id);
	switch (it->state) {
	case DIAG_NOT_STARTED:
		snprintf(state, sizeof(state), "%s",
			 L("未実施", "not started"));
		break;
	case DIAG_IN_PROGRESS:
		snprintf(state, sizeof(state), L("回答中 %d/%d",
						 "in progress %d/%d"),
			 it->answered, it->asked);
		break;
	case DIAG_COMPLETED_STATE:
		snprintf(state, sizeof(state), "%s", L("完了", "completed"));
		break;
	}
	snprintf(grade, sizeof(grade), "%s%s%s%s", it->grade ? it->grade : "",
		 it->has_overall ? " (" : "",
		 num1(sc, sizeof(sc), it->has_overall, it->overall),
		 it->has_overall ? ")" : "");
	if (!it->has_overall)
		snprintf(grade, sizeof(grade), "-");
	cells[0] = id;
	cells[1] = it->name;
	cells[2] = it->industry;
	cells[3] = state;
	cells[4] = it->date[0] ? it->date : "-";
	cells[5] = grade;
	xcheck(out_table_add(t, cells));
}

static void
list_data_row(struct out_table *t, const struct diag_list_item *it)
{
	char id[32], an[16], as[16], sc[16];
	const char *cells[9];

	snprintf(id, sizeof(id), "%lld", (long long)it->company_id);
	snprintf(an, sizeof(an), "%d", it->answered);
	snprintf(as, sizeof(as), "%d", it->asked);
	cells[0] = id;
	cells[1] = it->name;
	cells[2] = it->industry;
	cells[3] = diag_state_name(it->state);
	cells[4] = it->state == DIAG_NOT_STARTED ? NULL : an;
	cells[5] = it->state == DIAG_NOT_STARTED ? NULL : as;
	cells[6] = it->date[0] ? it->date : NULL;
	cells[7] = it->has_overall ? num1(sc, sizeof(sc), true, it->overall)
				   : NULL;
	cells[8] = it->grade;
	xcheck(out_table_add(t, cells));
}

static int
diag_list_cmd(int argc, char **argv)
{
	struct osk_error err;
	struct out_column cols[6];
	struct diag_list *l;
	struct out_table *t;
	size_t i;
	struct opts o = { 0 };

	parse_opts(argc, argv, &o, "set format", 0, "no operands");
	osk_error_clear(&err);
	if (diag_list_get(app_store(), o.set, &l, &err))
		die_err(&err);
	if (o.format == OUT_TEXT) {
		memcpy(cols, list_text_cols, sizeof(cols));
		cols[1].title = L("会社", "Company");
		cols[2].title = L("業種", "Industry");
		cols[3].title = L("状態", "State");
		cols[4].title = L("日付", "Date");
		cols[5].title = L("総合", "Overall");
		t = out_table_new(cols, 6);
	} else {
		t = out_table_new(list_cols, 9);
	}
	if (!t)
		die(OSK_EX_OSERR, "out of memory");
	for (i = 0; i < l->n; i++) {
		if (o.format == OUT_TEXT)
			list_text_row(t, &l->items[i]);
		else
			list_data_row(t, &l->items[i]);
	}
	if (o.format == OUT_TEXT && !l->n)
		info("%s", L("会社が登録されていません。"
			     "'otasuke company add' で"
			     "登録します", "no companies yet; 'otasuke company "
			     "add' registers one"));
	diag_list_free(l);
	emit_table(t, o.format);
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
		warning("... and %zu more", l->total - l->n);
}

static int
diag_import_cmd(int argc, char **argv)
{
	struct diag_import imp;
	struct osk_errlist errs, warns;
	struct osk_error err;
	struct opts o = { 0 };
	int r;

	parse_opts(argc, argv, &o, "encoding", 1, "a FILE.csv");
	memset(&imp, 0, sizeof(imp));
	imp.enc = o.enc;
	osk_errlist_init(&errs, 20);
	osk_errlist_init(&warns, 20);
	imp.warns = &warns;
	osk_error_clear(&err);
	r = diag_import_csv(app_store(), argv[optind], &imp, &errs, &err);
	if (r && errs.total)
		die_errlist(&errs, argv[optind]);
	if (r)
		die_err(&err);
	print_warnings(&warns);
	osk_errlist_release(&errs);
	osk_errlist_release(&warns);
	if (app.lang == OSK_LANG_JA)
		info("%s: %zu 件の回答を読み込みました（新しい診断 %zu 件、"
		     "続きの"
		     "診断 %zu 件、完了 %zu 件）", argv[optind], imp.rows,
		     imp.created, imp.updated, imp.completed);
	else
		info("%s: %zu answer%s imported (assessments: %zu new, %zu "
		     "continued, %zu completed)", argv[optind], imp.rows,
		     imp.rows == 1 ? "" : "s", imp.created, imp.updated,
		     imp.completed);
	return 0;
}

/* ---- reference ---- */

static int
diag_reference_cmd(int argc, char **argv)
{
	struct osk_errlist errs;
	struct osk_error err;
	size_t rows;
	struct opts o = { 0 };
	int r;

	if (argc < 2 || strcmp(argv[1], "import"))
		usage_error(diag_usage, "'diag reference' needs 'import "
			    "FILE.yaml'");
	o.name = "reference import";
	parse_opts(argc - 1, argv + 1, &o, "", 1, "a FILE.yaml");
	osk_errlist_init(&errs, 20);
	osk_error_clear(&err);
	r = diag_reference_import(app_store(), argv[optind + 1], &rows, &errs,
				  &err);
	if (r && errs.total)
		die_errlist(&errs, argv[optind + 1]);
	if (r)
		die_err(&err);
	osk_errlist_release(&errs);
	info(L("%s: 平均 %zu 件を読み込みました", "%s: %zu average%s loaded"),
	     argv[optind + 1], rows, rows == 1 ? "" : "s");
	return 0;
}

/* ---- interview ---- */

struct hearing {
	struct store *st;
	struct company c;
	struct diag_answers *ans;
};

static const char *
hearing_get(void *ctx, size_t qi, const char **note)
{
	struct hearing *h = ctx;
	const struct diag_answer *it = &h->ans->items[qi];

	*note = it->note;
	if (!it->stored)
		return NULL;
	return it->option ? it->option->id : "";
}

static int
hearing_put(void *ctx, size_t qi, const char *value, const char *note,
	    struct osk_error *err)
{
	struct hearing *h = ctx;
	int r;

	if ((r = store_begin(h->st, err)))
		return r;
	/* completed as soon as the rule holds, even if the user quits */
	if ((r = diag_answers_put(h->st, h->ans, qi, value, note, err)) ||
	    (r = diag_answers_finish(h->st, h->ans, NULL, err))) {
		store_rollback(h->st);
		return r;
	}
	return store_commit(h->st, err);
}

static int
hearing_finish(void *ctx, struct osk_error *err)
{
	struct hearing *h = ctx;
	int r;

	if (!h->ans->a.id)
		return 0;
	if ((r = store_begin(h->st, err)))
		return r;
	if ((r = diag_answers_finish(h->st, h->ans, NULL, err))) {
		store_rollback(h->st);
		return r;
	}
	return store_commit(h->st, err);
}

static void
open_hint(struct sbuf *sb, int n, int64_t id, const char *set)
{
	if (app.lang == OSK_LANG_JA)
		xcheck(sbuf_addf(sb, "\n%d 問がまだです。もう一度 "
				 "'otasuke diag "
				 "interview %lld%s%s' で続けられます。\n", n,
				 (long long)id, set_opt(set), set_arg(set)));
	else
		xcheck(sbuf_addf(sb, "\n%d question%s still open; run "
				 "'otasuke diag interview %lld%s%s' again to "
				 "answer %s.\n", n, n == 1 ? " is" : "s are",
				 (long long)id, set_opt(set), set_arg(set),
				 n == 1 ? "it" : "them"));
}

static void
hearing_summary(void *ctx, FILE *out)
{
	struct hearing *h = ctx;
	struct sbuf sb = SBUF_INIT;
	struct osk_error err;
	struct diag_score *s;
	size_t i;

	if (!h->ans->a.id) {
		fprintf(out, "%s\n", L("回答はありませんでした。",
				       "No answers were given."));
		return;
	}
	osk_error_clear(&err);
	if (diag_score_get(h->st, h->c.id, h->ans->q->id, 0, &s, &err)) {
		print_err(&err);
		return;
	}
	xcheck(sbuf_adds(&sb, "\n"));
	assessment_line(s, &sb);
	for (i = 0; i < s->ncats; i++) {
		const struct diag_category_score *cs = &s->cats[i];
		char sc[16];

		xcheck(sbuf_addf(&sb, "  %s: %s %s\n",
				 osk_text_get(&s->q->categories[cs->category]
					      .title, app.lang),
				 cs->grade ? cs->grade->id : "-",
				 num1(sc, sizeof(sc), cs->has_score,
				      cs->score)));
	}
	priorities_text(s, 3, &sb);
	if (!s->assessment.completed)
		open_hint(&sb, s->asked - s->answered, h->c.id, s->q->id);
	fwrite(sb.buf, 1, sb.len, out);
	sbuf_release(&sb);
	diag_score_free(s);
}

/*
 * Asked questions never reached (no answer, no skip). A completed
 * assessment may still have some: the unscored facts are not needed to
 * complete it, and they are asked when the hearing is resumed.
 */
static size_t
open_questions(const struct diag_answers *a)
{
	size_t i, n = 0;

	for (i = 0; i < a->q->nquestions; i++)
		if (!a->items[i].stored && diag_answers_asked(a, i))
			n++;
	return n;
}

/* Open the assessment to talk through; NULL when there is nothing to do. */
static struct diag_answers *
hearing_open(struct hearing *h, const struct opts *o)
{
	struct diag_assessment as;
	struct diag_answers *a = NULL;
	struct osk_error err;
	int r;

	osk_error_clear(&err);
	r = diag_assessment_latest(h->st, h->c.id, o->set, false, &as, &err);
	if (r && r != -OSK_ENOTFOUND)
		die_err(&err);
	if (!r && !o->fresh) {
		if ((r = diag_answers_load(h->st, &as, &a, &err)))
			die_err(&err);
		if (as.completed && !o->review && !open_questions(a)) {
			char d[11];

			date_of(as.completed_at, d);
			printf(L("%s: '%s' の診断は %s に完了しています。"
				 "見直すには --review、新しく始めるには "
				 "--new を付けます\n",
				 "%s: the '%s' diagnosis was completed on %s; "
				 "add --review to go through it or --new to "
				 "start a new one\n"), h->c.name, o->set, d);
			diag_answers_free(a);
			return NULL;
		}
	} else {
		if (!r && !as.completed)
			info(L("回答中の診断 %lld は残したまま、"
			       "新しい診断を始めます",
			       "a new assessment is started; the unfinished "
			       "one (%lld) is kept"), (long long)as.id);
		r = diag_answers_new(h->st, h->c.id, o->set, &a, &err);
	}
	if (r)
		die_err(&err);
	return a;
}

static int
diag_interview_cmd(int argc, char **argv)
{
	static const struct interview_ops ops = {
		hearing_get, hearing_put, hearing_finish, hearing_summary,
	};
	struct interview_opts io;
	struct hearing h;
	struct osk_error err;
	char *heading = NULL;
	struct opts o = { 0 };
	int r;

	parse_opts(argc, argv, &o, "set review new", 1, "a COMPANY");
	if (o.review && o.fresh)
		usage_error(diag_usage, "--review and --new do not go "
			    "together");
	memset(&h, 0, sizeof(h));
	h.st = app_store();
	find_company(argv[optind], &h.c);
	if (!(h.ans = hearing_open(&h, &o))) {
		company_release(&h.c);
		return 0;
	}
	if (asprintf(&heading, "%s — %s", h.c.name,
		     osk_text_get(&h.ans->q->title, app.lang)) < 0)
		die(OSK_EX_OSERR, "out of memory");
	memset(&io, 0, sizeof(io));
	io.heading = heading;
	io.review = o.review;
	osk_error_clear(&err);
	r = interview_run(h.ans->q, &ops, &h, &io, &err);
	free(heading);
	if (r < 0)
		die_err(&err);
	if (r == 1 && h.ans->a.completed)
		info(L("診断は完了しています。結果は "
		       "'otasuke diag score %lld%s%s' "
		       "で見られます", "the diagnosis is complete; 'otasuke "
		       "diag score %lld%s%s' shows the result"),
		     (long long)h.c.id, set_opt(o.set), set_arg(o.set));
	else if (r == 1 && !h.ans->a.id)
		info("%s", L("回答がなかったため、何も保存していません",
			     "nothing was answered, so nothing was saved"));
	else if (r == 1)
		info(L("保存しました。'otasuke diag interview %lld%s%s' "
		       "で続けられ"
		       "ます", "saved; run 'otasuke diag interview %lld%s%s' "
		       "to go on"), (long long)h.c.id, set_opt(o.set),
		     set_arg(o.set));
	diag_answers_free(h.ans);
	company_release(&h.c);
	return 0;
}

int
cmd_diag(int argc, char **argv)
{
	static const struct subcmd sub[] = {
		{ "interview", diag_interview_cmd },
		{ "import", diag_import_cmd },
		{ "score", diag_score_cmd },
		{ "action", diag_action_cmd },
		{ "list", diag_list_cmd },
		{ "reference", diag_reference_cmd },
		{ NULL, NULL },
	};

	return run_subcmd(sub, diag_usage, argc, argv);
}
