/* SPDX-License-Identifier: MIT */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bin/bin.h"
#include "bin/commands.h"
#include "core/qstore.h"

static const char *const questions_usage[] = {
	"usage: otasuke questions list | show SET | lint FILE... | load FILE...",
	"",
	"Question sets (diagnosis and survey) in YAML; see otasuke-questions(5).",
	"",
	"  list [--format text|csv|json]   the sets in the database",
	"  show SET [--version N] [--format text|json]",
	"                       a set's questions in --lang (json: the set as",
	"                       loaded, with the YAML's own keys)",
	"  lint FILE...         check files; every error is listed; exit 65 if",
	"                       any (needs no database)",
	"  load FILE...         store a new set, or a new version of one (a",
	"                       changed file with the same version is refused)",
	NULL,
};

enum { O_FORMAT = 256, O_VERSION };

static const struct option longopts[] = {
	{ "format", required_argument, NULL, O_FORMAT },
	{ "version", required_argument, NULL, O_VERSION },
	{ NULL, 0, NULL, 0 },
};

static enum out_format format;
static int version;

static void
parse_opts(int argc, char **argv, int min, int max)
{
	int c;

	format = OUT_TEXT;
	version = 0;
	optind = 0;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case O_FORMAT:
			format = parse_format(questions_usage, optarg);
			break;
		case O_VERSION:
			version = (int)parse_count(questions_usage, "--version",
						   optarg);
			break;
		default:
			usage_error(questions_usage, "unknown option '%s'",
				    argv[optind - 1]);
		}
	}
	if (argc - optind < min || (max >= 0 && argc - optind > max))
		usage_error(questions_usage, "wrong number of arguments for "
			    "'questions %s'", argv[0]);
}

void
load_shipped_sets(void)
{
	struct osk_errlist errs;
	struct osk_error err;
	int loaded = 0;

	osk_errlist_init(&errs, 20);
	osk_error_clear(&err);
	if (store_begin(app.store, &err))
		die_err(&err);
	if (qstore_load_shipped(app.store, osk_datadir(), &loaded, &errs,
				&err)) {
		store_rollback(app.store);
		if (errs.total)
			die_errlist(&errs, err.msg);
		die_err(&err);
	}
	if (store_commit(app.store, &err))
		die_err(&err);
	osk_errlist_release(&errs);
	if (loaded)
		info("%d question set%s loaded from '%s'", loaded,
		     loaded == 1 ? "" : "s", osk_datadir());
}

static struct out_column list_cols[] = {
	{ "set", NULL, OUT_LEFT, OUT_STR },
	{ "version", NULL, OUT_RIGHT, OUT_NUM },
	{ "kind", NULL, OUT_LEFT, OUT_STR },
	{ "latest", NULL, OUT_LEFT, OUT_STR },
	{ "loaded_at", NULL, OUT_LEFT, OUT_STR },
};
static const char *const list_ja[] = {
	"セット", "版", "種類", "最新", "登録日時",
};

static int
list_row(const struct qstore_info *in, void *data)
{
	char v[16];
	const char *cells[5];

	snprintf(v, sizeof(v), "%d", in->version);
	cells[0] = in->set_id;
	cells[1] = v;
	cells[2] = in->kind;
	cells[3] = in->latest ? "yes" : "no";
	cells[4] = in->loaded_at;
	xcheck(out_table_add(data, cells));
	return 0;
}

static int
questions_list(int argc, char **argv)
{
	struct osk_error err;
	struct out_table *t;

	parse_opts(argc, argv, 0, 0);
	set_titles(list_cols, list_ja, 5);
	if (!(t = out_table_new(list_cols, 5)))
		die(OSK_EX_OSERR, "out of memory");
	osk_error_clear(&err);
	if (qstore_each(app_store(), list_row, t, &err))
		die_err(&err);
	emit_table(t, format);
	return 0;
}

static void
show_text(const struct qset *q)
{
	size_t i, j, cat = QSET_NONE;
	int lang = app.lang;

	printf("%s %s (%s, version %d): %zu %s\n", q->id,
	       osk_text_get(&q->title, lang), qset_kind_name(q->kind),
	       q->version, q->nquestions, L("問", "questions"));
	for (i = 0; i < q->nquestions; i++) {
		const struct qset_question *qq = &q->questions[i];

		if (qq->category != cat && qq->category != QSET_NONE) {
			cat = qq->category;
			printf("\n[%s] %s\n", q->categories[cat].id,
			       osk_text_get(&q->categories[cat].title, lang));
		}
		printf("%3zu. %s  %s%s\n", i + 1, qq->id,
		       osk_text_get(&qq->text, lang),
		       qq->scored || q->kind == QSET_SURVEY ? "" :
		       L("（記録のみ）", " (recorded, not scored)"));
		if (qq->type == QSET_NUMBER || qq->type == QSET_TEXT) {
			printf("       (%s)\n", qset_type_name(qq->type));
			continue;
		}
		for (j = 0; j < qq->noptions; j++)
			printf("       %zu) %s  %s\n", j + 1,
			       qq->options[j].id,
			       osk_text_get(&qq->options[j].label, lang));
	}
}

static struct qset *
get_set(const char *id)
{
	struct osk_error err;
	struct qset *q;

	osk_error_clear(&err);
	if (!(q = qstore_get(app_store(), id, version, NULL, &err)))
		die_err(&err);
	return q;
}

static int
questions_show(int argc, char **argv)
{
	struct qset *q;

	parse_opts(argc, argv, 1, 1);
	q = get_set(argv[optind]);
	if (format == OUT_JSON) {
		struct sbuf sb = SBUF_INIT;

		xcheck(qset_json_write(q, &sb, 0));
		xcheck(sbuf_addch(&sb, '\n'));
		emit(&sb);
		sbuf_release(&sb);
	} else {
		show_text(q);
	}
	qset_free(q);
	return 0;
}

static int
questions_lint(int argc, char **argv)
{
	struct osk_errlist errs;
	size_t i, bad = 0, total = 0;
	int code = 0;

	parse_opts(argc, argv, 1, -1);
	for (i = (size_t)optind; i < (size_t)argc; i++) {
		struct qset *q;

		osk_errlist_init(&errs, 1000);
		q = qset_load_file(argv[i], &errs);
		for (size_t k = 0; k < errs.n; k++)
			print_err(&errs.items[k]);
		if (!q) {
			bad++;
			total += errs.total;
			if (errs.n && osk_exit_code(errs.items[0].code) > code)
				code = osk_exit_code(errs.items[0].code);
		} else if (!app.quiet) {
			printf("%s: ok (%s %s version %d, %zu questions)\n",
			       argv[i], qset_kind_name(q->kind), q->id,
			       q->version, q->nquestions);
		}
		qset_free(q);
		osk_errlist_release(&errs);
	}
	if (bad) {
		fprintf(stderr, "otasuke: %zu error%s in %zu file%s\n", total,
			total == 1 ? "" : "s", bad, bad == 1 ? "" : "s");
		return code ? code : OSK_EX_DATAERR;
	}
	return 0;
}

static int
questions_load(int argc, char **argv)
{
	static const char *const what[] = {
		"loaded", "loaded as a new version", "already loaded",
	};
	struct store *st = app_store();
	struct osk_errlist errs;
	struct osk_error err;
	int i;

	parse_opts(argc, argv, 1, -1);
	osk_error_clear(&err);
	if (store_begin(st, &err))
		die_err(&err);
	for (i = optind; i < argc; i++) {
		enum qstore_status status;
		struct qset *q;

		osk_errlist_init(&errs, 20);
		if (!(q = qset_load_file(argv[i], &errs))) {
			store_rollback(st);
			die_errlist(&errs, argv[i]);
		}
		osk_errlist_release(&errs);
		if (qstore_put(st, q, &status, NULL, &err)) {
			store_rollback(st);
			die_err(&err);
		}
		info("%s: set '%s' version %d %s", argv[i], q->id, q->version,
		     what[status]);
		qset_free(q);
	}
	if (store_commit(st, &err))
		die_err(&err);
	return 0;
}

int
cmd_questions(int argc, char **argv)
{
	static const struct subcmd sub[] = {
		{ "list", questions_list },
		{ "show", questions_show },
		{ "lint", questions_lint },
		{ "load", questions_load },
		{ NULL, NULL },
	};

	return run_subcmd(sub, questions_usage, argc, argv);
}
