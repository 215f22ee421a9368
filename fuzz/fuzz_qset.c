/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target: question set loader and the YAML tree under it.
 * Besides "no crash, no leak", checks two properties:
 * - the JSON of any document that loads reads back as YAML, and writing
 *   that again gives the same JSON;
 * - a set that loads has consistent indexes (every question finds itself).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "core/qset.h"
#include "core/sbuf.h"
#include "core/yaml.h"

static void
check_json_round_trip(const struct yaml_doc *d)
{
	struct sbuf a = SBUF_INIT, b = SBUF_INIT;
	struct osk_error err;
	struct yaml_doc *back;
	int flags;

	for (flags = 0; flags <= YAML_JSON_PRETTY; flags++) {
		if (yaml_json_write(yaml_doc_root(d), &a, flags))
			abort();
		back = yaml_doc_load_mem("json", a.buf, a.len, &err);
		if (!back)
			abort();	/* our JSON must be YAML */
		if (yaml_json_write(yaml_doc_root(back), &b, flags))
			abort();
		if (a.len != b.len || memcmp(a.buf, b.buf, a.len))
			abort();	/* and must not change */
		yaml_doc_free(back);
		sbuf_reset(&a);
		sbuf_reset(&b);
	}
	sbuf_release(&a);
	sbuf_release(&b);
}

static void
check_set(const struct qset *q)
{
	size_t i, j;

	for (i = 0; i < q->nquestions; i++) {
		const struct qset_question *qq = &q->questions[i];

		if (qset_question_index(q, qq->id) != (long)i)
			abort();
		if (qq->category != QSET_NONE &&
		    (qq->category >= q->ncategories ||
		     qset_category_index(q, q->categories[qq->category].id) !=
		     (long)qq->category))
			abort();
		for (j = 0; j < qq->noptions; j++)
			if (qset_option_find(qq, qq->options[j].id) !=
			    &qq->options[j])
				abort();
		if (qq->when && qq->when->question >= i)
			abort();
	}
	if (q->kind == QSET_DIAGNOSIS &&
	    (!q->ngrades || q->grades[q->ngrades - 1].min != 0))
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct osk_errlist errs;
	struct osk_error err;
	struct yaml_doc *d;
	struct qset *q;
	size_t i;

	d = yaml_doc_load_mem("fuzz", (const char *)data, size, &err);
	if (d) {
		check_json_round_trip(d);
		yaml_doc_free(d);
	}

	osk_errlist_init(&errs, 20);
	q = qset_load_mem("fuzz", (const char *)data, size, &errs);
	if (q) {
		struct sbuf sb = SBUF_INIT;

		if (errs.total)
			abort();
		check_set(q);
		if (qset_json_write(q, &sb, YAML_JSON_PRETTY))
			abort();
		sbuf_release(&sb);
		qset_free(q);
	} else {
		if (!errs.total)
			abort();	/* a failure always says why */
		for (i = 0; i < errs.n; i++)
			if (!errs.items[i].msg[0])
				abort();
	}
	osk_errlist_release(&errs);
	return 0;
}
