/* SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/company.h"
#include "core/qset.h"
#include "diag/diag.h"
#include "report/internal.h"

/*
 * A company's health-check sheet from the database: the diagnosis scores
 * of each environment (diag/), the network check (alerts/) and the service
 * desk (config). Everything the sheet points to is owned by struct
 * report_health; report/ runs no SQL of its own.
 */

#define MAX_PAGES RT_MAX_ENVS
#define ACTIONS 3
#define DEVICES_SHOWN 3

struct page_data {
	const struct diag_score *score;
	struct diag_score *own;		/* score, when not from a batch */
	struct report_category *cats;
	struct report_band *bands;
	struct report_action actions[ACTIONS];
	struct report_sa sa;
	struct report_sa_step *steps1, *steps2;
	const char **unknown;
};

struct report_health {
	struct report_sheet sheet;
	struct report_page pages[MAX_PAGES];
	struct page_data data[MAX_PAGES];
	struct report_network net;
	struct report_net_phase *phases;
	struct report_net_event *events;
	struct report_incident *incidents;
	struct alerts_check check;
	bool has_check;
	struct company company;
	struct alerts_catalog *own_catalog;
	struct industries *own_industries;
	char **strs;			/* every string made here */
	size_t nstrs, astrs;
};

/* ---- strings owned by h ---- */

static void *
keep(struct report_health *h, void *s)
{
	if (!s)
		return NULL;
	if (h->nstrs == h->astrs) {
		size_t na = h->astrs ? 2 * h->astrs : 32;
		char **p = realloc(h->strs, na * sizeof(*p));

		if (!p) {
			free(s);
			return NULL;
		}
		h->strs = p;
		h->astrs = na;
	}
	h->strs[h->nstrs++] = s;
	return s;
}

/* A template of report.yaml with name/value pairs, kept in h. */
static const char *
fmt(struct report_health *h, const struct report_texts *t,
    enum osk_lang lang, enum rt_key k, const char *n1, const char *v1,
    const char *n2, const char *v2, const char *n3, const char *v3)
{
	struct sbuf sb = SBUF_INIT;

	if (texts_format(&sb, texts_get(t, k, lang), n1, v1, n2, v2, n3, v3,
			 (const char *)NULL) < 0) {
		sbuf_release(&sb);
		return NULL;
	}
	return keep(h, sbuf_detach(&sb, NULL));
}

/* "YYYY-MM-DD..." as the day template of report.yaml. */
static const char *
day(struct report_health *h, const struct report_texts *t,
    enum osk_lang lang, const char *iso, enum rt_key k)
{
	char y[8], m[4], d[4], mm[4], dd[4];
	struct sbuf sb = SBUF_INIT;
	int yy, mo, da;

	if (!iso || sscanf(iso, "%4d-%2d-%2d", &yy, &mo, &da) != 3)
		return iso;
	snprintf(y, sizeof(y), "%d", yy % 10000);
	snprintf(m, sizeof(m), "%d", mo % 100);
	snprintf(d, sizeof(d), "%d", da % 100);
	snprintf(mm, sizeof(mm), "%02d", mo % 100);
	snprintf(dd, sizeof(dd), "%02d", da % 100);
	if (texts_format(&sb, texts_get(t, k, lang), "y", y, "m", m, "d", d,
			 "mm", mm, "dd", dd, (const char *)NULL) < 0) {
		sbuf_release(&sb);
		return NULL;
	}
	return keep(h, sbuf_detach(&sb, NULL));
}

/* The date part of an assessment: completed, last answer, or started. */
static const char *
assessment_date(const struct diag_assessment *a)
{
	if (a->completed_at[0])
		return a->completed_at;
	if (a->last_answer_at[0])
		return a->last_answer_at;
	return a->started_at;
}

/* ---- one page per environment ---- */

static enum report_cost
cost_of(enum qset_cost c)
{
	switch (c) {
	case QSET_COST_LOW:
		return REPORT_COST_LOW;
	case QSET_COST_PAID:
		return REPORT_COST_PAID;
	default:
		return REPORT_COST_FREE;
	}
}

static enum report_cmp
cmp_of(enum diag_source s)
{
	switch (s) {
	case DIAG_CMP_INDUSTRY:
		return REPORT_CMP_INDUSTRY;
	case DIAG_CMP_REFERENCE:
		return REPORT_CMP_REFERENCE;
	case DIAG_CMP_ALL:
		return REPORT_CMP_ALL;
	default:
		return REPORT_CMP_NONE;
	}
}

static bool
has_sa(const struct qset *q)
{
	size_t i;

	for (i = 0; i < q->nquestions; i++)
		if (q->questions[i].sa > 0)
			return true;
	return false;
}

static const char *
qtext(const struct osk_text *t, enum osk_lang lang)
{
	return osk_text_get(t, lang);
}

/* The ★ steps: the principle's name and its question's action. */
static int
sa_steps(struct report_health *h, const struct report_texts *t,
	 enum osk_lang lang, const struct diag_score *s,
	 struct page_data *pd)
{
	const struct qset *q = s->q;
	const struct diag_star *one = &s->action.one_star;
	const struct diag_star *two = &s->action.two_star;
	struct sbuf list = SBUF_INIT;
	size_t i, n = 0, nself = 0;
	char num[24];

	pd->steps1 = calloc(one->nmissing + 1, sizeof(*pd->steps1));
	pd->steps2 = calloc(two->nmissing + 1, sizeof(*pd->steps2));
	if (!pd->steps1 || !pd->steps2)
		return -OSK_ENOMEM;
	for (i = 0; i < one->nmissing; i++) {
		const struct diag_step *st = &one->missing[i];
		struct report_sa_step *o = &pd->steps1[i];
		int k = st->number >= 1 && st->number <= 5 ?
			st->number - 1 : 0;

		o->text = texts_get(t, (enum rt_key)(RT_SA_1 + k), lang);
		if (st->question != QSET_NONE)
			o->action = qtext(&q->questions[st->question].action,
					  lang);
	}
	pd->sa.missing1 = pd->steps1;
	pd->sa.nmissing1 = one->nmissing;
	pd->sa.one_star = one->ready;
	pd->sa.two_star = two->ready;

	/* ★★: one star first, the self-check topics as one step, policy */
	for (i = 0; i < two->nmissing; i++) {
		const struct diag_step *st = &two->missing[i];

		switch (st->kind) {
		case DIAG_STEP_ONE_STAR:
			pd->steps2[n++].text = texts_get(t, RT_SA_NEED_ONE,
							  lang);
			break;
		case DIAG_STEP_SELFCHECK:
			snprintf(num, sizeof(num), "%d", st->number);
			if ((nself++ && sbuf_adds(&list, lang == OSK_LANG_JA ?
						  "、" : ", ") < 0) ||
			    sbuf_adds(&list, num) < 0)
				goto nomem;
			break;
		case DIAG_STEP_POLICY_WRITTEN:
			pd->steps2[n++].text = texts_get(t,
				RT_SA_POLICY_WRITTEN, lang);
			break;
		case DIAG_STEP_POLICY_PUBLISHED:
			pd->steps2[n++].text = texts_get(t,
				RT_SA_POLICY_PUBLISHED, lang);
			break;
		default:
			break;
		}
	}
	if (nself) {
		/* after "one star", before the policy steps */
		size_t at = n && two->nmissing &&
			    two->missing[0].kind == DIAG_STEP_ONE_STAR;

		snprintf(num, sizeof(num), "%zu", nself);
		memmove(&pd->steps2[at + 1], &pd->steps2[at],
			(n - at) * sizeof(*pd->steps2));
		pd->steps2[at].action = NULL;
		pd->steps2[at].text = fmt(h, t, lang, RT_SA_SELFCHECK, "n",
					  num, "list", list.buf, NULL, NULL);
		if (!pd->steps2[at].text)
			goto nomem;
		n++;
	}
	sbuf_release(&list);
	pd->sa.missing2 = pd->steps2;
	pd->sa.nmissing2 = n;
	return 0;
nomem:
	sbuf_release(&list);
	return -OSK_ENOMEM;
}

static int
fill_page(struct report_health *h, const struct report_texts *t,
	  enum osk_lang lang, const struct rt_env *env,
	  const struct industries *ind, struct report_page *p,
	  struct page_data *pd)
{
	const struct diag_score *s = pd->score;
	const struct qset *q = s->q;
	size_t i, n;
	int r;

	p->env = env->name[lang == OSK_LANG_JA];
	p->date = day(h, t, lang, assessment_date(&s->assessment), RT_DAY);
	p->score = s->has_overall ? s->overall : REPORT_NONE;
	p->grade = s->grade ? s->grade->id : NULL;
	p->selfcheck = s->has_selfcheck ? s->selfcheck : REPORT_NO_SELFCHECK;
	p->cmp = cmp_of(s->source);
	p->cmp_n = s->n;
	p->cmp_score = s->has_overall_comparison ? s->overall_comparison :
		REPORT_NONE;
	if (p->cmp == REPORT_CMP_INDUSTRY)
		p->cmp_name = industries_name(ind, s->industry, lang);
	else if (p->cmp == REPORT_CMP_REFERENCE)
		p->cmp_name = s->reference;
	p->prev_score = REPORT_NONE;
	if (s->has_previous && s->has_previous_overall) {
		p->prev_date = day(h, t, lang,
				   assessment_date(&s->previous), RT_DAY);
		p->prev_score = s->previous_overall;
	}

	pd->cats = calloc(s->ncats + 1, sizeof(*pd->cats));
	pd->bands = calloc(q->ngrades + 1, sizeof(*pd->bands));
	pd->unknown = calloc(s->nunknown + 1, sizeof(*pd->unknown));
	if (!pd->cats || !pd->bands || !pd->unknown)
		return -OSK_ENOMEM;
	for (i = 0; i < s->ncats; i++) {
		const struct diag_category_score *cs = &s->cats[i];
		const struct qset_category *qc = &q->categories[cs->category];
		struct report_category *k = &pd->cats[i];

		k->name = qtext(&qc->plain, lang);
		k->label = qtext(&qc->title, lang);
		k->score = cs->has_score ? cs->score : REPORT_NONE;
		k->comparison = cs->has_comparison ? cs->comparison :
			REPORT_NONE;
		k->previous = cs->has_previous ? cs->previous : REPORT_NONE;
		k->grade = cs->grade ? cs->grade->id : NULL;
	}
	p->categories = pd->cats;
	p->ncategories = s->ncats;
	for (i = 0; i < q->ngrades; i++) {
		pd->bands[i].grade = q->grades[i].id;
		pd->bands[i].min = q->grades[i].min;
	}
	p->bands = pd->bands;
	p->nbands = q->ngrades;

	for (i = n = 0; i < s->npriorities && n < ACTIONS; i++) {
		const struct qset_question *qq =
			&q->questions[s->priorities[i].question];
		struct report_action *a = &pd->actions[n++];

		a->text = qtext(qq->action.ja ? &qq->action : &qq->text, lang);
		a->area = qq->category != QSET_NONE ?
			qtext(&q->categories[qq->category].title, lang) : NULL;
		a->cost = cost_of(qq->cost);
	}
	p->actions = pd->actions;
	p->nactions = n;

	for (i = 0; i < s->nunknown; i++)
		pd->unknown[i] = qtext(&q->questions[s->unknown[i]].text, lang);
	p->unknown = pd->unknown;
	p->nunknown = s->nunknown;

	if (has_sa(q)) {
		if ((r = sa_steps(h, t, lang, s, pd)) < 0)
			return r;
		p->sa = &pd->sa;
	}
	return 0;
}

/* ---- the network check ---- */

/* Three calendar months up to the month of the latest data. */
static void
default_period(const char *last, char from[32], char to[32])
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
				     30, 31 };
	int y, m, d, fy, fm;

	if (sscanf(last, "%4d-%2d-%2d", &y, &m, &d) != 3 || m < 1 || m > 12 ||
	    y < 1900 || y > 9999) {
		from[0] = to[0] = '\0';
		return;
	}
	d = mdays[m - 1] + (m == 2 && ((y % 4 == 0 && y % 100) ||
				       y % 400 == 0));
	snprintf(to, 32, "%04d-%02d-%02d", y, m, d);
	fy = m > 2 ? y : y - 1;
	fm = m > 2 ? m - 2 : m + 10;
	snprintf(from, 32, "%04d-%02d-01", fy, fm);
}

/*
 * e's busiest devices as "経理PC（山田）", at most DEVICES_SHOWN, kept in
 * h; *other gets how many more were involved. 0, or -OSK_ENOMEM.
 */
static int
devices_list(struct report_health *h, enum osk_lang lang,
	     const struct alerts_check_event *ce, struct report_net_event *e)
{
	const char **list;
	size_t i, n = 0;

	e->devices = NULL;
	e->ndevices = 0;
	e->devices_other = 0;
	if (!ce->ndevices)
		return 0;
	if (!(list = keep(h, calloc(DEVICES_SHOWN, sizeof(*list)))))
		return -OSK_ENOMEM;
	for (i = 0; i < ce->ndevices; i++) {
		const struct alerts_device *d = &ce->devices[i];
		const char *name = d->hostname ? d->hostname : d->ip;
		struct sbuf sb = SBUF_INIT;

		if (!*name)
			continue;
		if (n == DEVICES_SHOWN) {
			e->devices_other++;
			continue;
		}
		if (sbuf_adds(&sb, name) < 0 || (d->owner && *d->owner &&
		    sbuf_addf(&sb, lang == OSK_LANG_JA ? "（%s）" : " (%s)",
			      d->owner) < 0) ||
		    !(list[n] = keep(h, sbuf_detach(&sb, NULL)))) {
			sbuf_release(&sb);
			return -OSK_ENOMEM;
		}
		n++;
	}
	e->devices = n ? list : NULL;
	e->ndevices = n;
	return 0;
}

static int
fill_network(struct report_health *h, const struct report_texts *t,
	     struct store *st, const struct alerts_catalog *cat,
	     const struct report_health_opts *o, int64_t company_id,
	     struct osk_error *err)
{
	enum osk_lang lang = o->lang;
	struct alerts_filter f = { o->from, o->to, company_id };
	struct alerts_check *c = &h->check;
	struct report_network *net = &h->net;
	char from[32] = "", to[32] = "";
	size_t i, j, ne = 0, nph = 0, ni = 0;
	int r;

	if (!o->from && !o->to) {
		struct alerts_by_event all;
		struct alerts_filter any = { NULL, NULL, company_id };

		if ((r = alerts_by_event(st, cat, &any, &all, err)) < 0)
			return r;
		default_period(all.last, from, to);
		alerts_by_event_release(&all);
		if (from[0]) {
			f.from = from;
			f.to = to;
		}
	}
	if ((r = alerts_check_get_sets(st, cat, &f, o->sets, c, err)) < 0)
		return r;
	h->has_check = true;
	net->has_data = c->has_sensor;
	net->total = c->total;
	if (!o->from && !o->to && from[0]) {
		net->from = day(h, t, lang, from, RT_MONTH);
		net->to = day(h, t, lang, to, RT_MONTH);
	} else {
		net->from = day(h, t, lang, f.from ? f.from : "", RT_DAY);
		net->to = day(h, t, lang, f.to ? f.to : "", RT_DAY);
		if (!f.from || !f.to)
			net->from = net->to = NULL;
	}

	h->phases = calloc(cat->nphases + 1, sizeof(*h->phases));
	h->events = calloc(c->nevents + 1, sizeof(*h->events));
	h->incidents = calloc(c->nincidents + 1, sizeof(*h->incidents));
	if (!h->phases || !h->events || !h->incidents)
		return osk_fail(err, OSK_ENOMEM, "out of memory");
	/* events grouped by phase, catalog order within each */
	for (i = 0; i < cat->nphases; i++) {
		struct report_net_phase *ph = &h->phases[nph];
		size_t first = ne;

		for (j = 0; j < c->nevents; j++) {
			const struct alerts_check_event *ce = &c->events[j];
			struct report_net_event *e = &h->events[ne];

			if (ce->event->phase != i || ce->count <= 0)
				continue;
			e->title = qtext(&ce->event->title, lang);
			e->advice = qtext(&ce->event->advice, lang);
			e->count = (long)ce->count;
			e->severity = ce->event->severity == ALERTS_HIGH ? 2 :
				ce->event->severity == ALERTS_MEDIUM ? 1 : 0;
			if (devices_list(h, lang, ce, e) < 0)
				return osk_fail(err, OSK_ENOMEM, "out of memory");
			ne++;
		}
		if (ne == first)
			continue;
		ph->name = qtext(&cat->phases[i].plain, lang);
		ph->total = (long)c->phase_totals[i];
		ph->events = &h->events[first];
		ph->nevents = ne - first;
		nph++;
	}
	net->phases = h->phases;
	net->nphases = nph;
	for (i = 0; i < c->nincidents; i++) {
		const struct alerts_incident *in = &c->incidents[i];
		struct report_incident *ri = &h->incidents[ni];

		if (in->closed_at)
			continue;
		ri->title = in->title;
		ri->opened = day(h, t, lang, in->date, RT_DAY);
		ri->todo = in->action ? in->action : in->detail;
		ni++;
	}
	net->incidents = h->incidents;
	net->nincidents = ni;
	return 0;
}

/* The unclassified alerts as one more line, so the phases add up. */
static int
other_line(struct report_health *h, const struct report_texts *t,
	   enum osk_lang lang)
{
	struct report_net_phase *ph;
	struct report_net_event *e;

	if (h->check.unclassified <= 0)
		return 0;
	e = calloc(1, sizeof(*e));
	if (!e || !keep(h, (char *)e)) {
		free(e);
		return -OSK_ENOMEM;
	}
	e->title = texts_get(t, RT_NET_OTHER, lang);
	e->count = (long)h->check.unclassified;
	ph = &h->phases[h->net.nphases++];
	ph->name = e->title;
	ph->total = e->count;
	ph->events = e;
	ph->nevents = 1;
	return 0;
}

/* ---- the sheet ---- */

static const char *
config(struct report_health *h, struct store *st, const char *key)
{
	struct osk_error err;
	char *v = NULL;

	if (store_config_get(st, key, &v, &err) < 0 || !v)
		return NULL;
	if (!*v) {
		free(v);
		return NULL;
	}
	return keep(h, v);
}

static int
company_info(struct report_health *h, const struct report_texts *t,
	     enum osk_lang lang, const struct industries *ind)
{
	const struct company *co = &h->company;
	struct sbuf sb = SBUF_INIT;
	const char *sep = texts_get(t, RT_INFO_SEP, lang);
	char n[32];
	int r;

	r = sbuf_addf(&sb, lang == OSK_LANG_JA ? "%s（%s）" : "%s (%s)",
		      industries_name(ind, co->industry, lang), co->industry);
	if (!r && co->employees >= 0) {
		snprintf(n, sizeof(n), "%lld", (long long)co->employees);
		r = sbuf_adds(&sb, sep);
		if (!r)
			r = texts_format(&sb, texts_get(t, RT_INFO_EMPLOYEES,
						       lang), "n", n,
					 (const char *)NULL);
	}
	if (!r && co->pcs >= 0) {
		snprintf(n, sizeof(n), "%lld", (long long)co->pcs);
		r = sbuf_adds(&sb, sep);
		if (!r)
			r = texts_format(&sb, texts_get(t, RT_INFO_PCS, lang),
					 "n", n, (const char *)NULL);
	}
	if (!r && co->region && *co->region)
		r = sbuf_addf(&sb, "%s%s", sep, co->region);
	if (r < 0) {
		sbuf_release(&sb);
		return r;
	}
	h->sheet.company_info = keep(h, sbuf_detach(&sb, NULL));
	return h->sheet.company_info ? 0 : -OSK_ENOMEM;
}

static int
load_data(struct report_health *h, const struct report_health_opts *o,
	  const struct alerts_catalog **cat, const struct industries **ind,
	  struct osk_error *err)
{
	struct osk_errlist errs;
	char *path = NULL;

	*cat = o->catalog;
	*ind = o->industries;
	if (!*ind) {
		if (asprintf(&path, "%s/industries.yaml", osk_datadir()) < 0)
			return osk_fail(err, OSK_ENOMEM, "out of memory");
		h->own_industries = industries_load(path, err);
		free(path);
		if (!h->own_industries)
			return -err->code;
		*ind = h->own_industries;
	}
	if (!*cat) {
		if (asprintf(&path, "%s/alerts.yaml", osk_datadir()) < 0)
			return osk_fail(err, OSK_ENOMEM, "out of memory");
		osk_errlist_init(&errs, 1);
		h->own_catalog = alerts_catalog_load_file(path, &errs);
		free(path);
		if (!h->own_catalog) {
			if (errs.n)
				*err = errs.items[0];
			else
				osk_fail(err, OSK_ENOMEM, "out of memory");
			osk_errlist_release(&errs);
			return -err->code;
		}
		osk_errlist_release(&errs);
		*cat = h->own_catalog;
	}
	return 0;
}

int
report_health_load(struct report_renderer *r, struct store *st,
		   int64_t company_id, const struct report_health_opts *o,
		   struct report_health **out, struct osk_error *err)
{
	const struct report_texts *t = &r->texts;
	const struct alerts_catalog *cat;
	const struct industries *ind;
	struct report_health *h = calloc(1, sizeof(*h));
	enum osk_lang lang = o->lang == OSK_LANG_JA ? OSK_LANG_JA :
		OSK_LANG_EN;
	struct report_health_opts opts = *o;
	size_t i, np = 0;
	int ret;

	*out = NULL;
	if (!h)
		return osk_fail(err, OSK_ENOMEM, "out of memory");
	opts.lang = lang;
	company_init(&h->company);
	if ((ret = company_get(st, company_id, &h->company, err)) < 0 ||
	    (ret = load_data(h, o, &cat, &ind, err)) < 0)
		goto fail;
	for (i = 0; i < t->nenvs; i++) {
		struct page_data *pd = &h->data[np];

		if (o->batches) {
			pd->score = o->batches[i] ?
				diag_batch_find(o->batches[i], company_id) :
				NULL;
			if (!pd->score)
				continue;
		} else {
			if (o->peers && !o->peers[i])
				continue;
			ret = o->peers ?
				diag_score_with_peers(st, o->peers[i],
						      company_id, 0, &pd->own,
						      err) :
				diag_score_get(st, company_id, t->envs[i].set,
					       0, &pd->own, err);
			if (ret == -OSK_ENOTFOUND) {
				pd->own = NULL;
				continue;
			}
			if (ret < 0)
				goto fail;
			pd->score = pd->own;
		}
		ret = fill_page(h, t, lang, &t->envs[i], ind, &h->pages[np],
				pd);
		np++;
		if (ret < 0)
			goto nomem;
	}
	if (!np) {
		ret = osk_fail(err, OSK_ENOTFOUND, "company '%s' has no "
			       "diagnosis yet: run 'otasuke diag interview "
			       "%lld' or 'otasuke diag import' first",
			       h->company.name, (long long)company_id);
		goto fail;
	}
	if ((ret = fill_network(h, t, st, cat, &opts, company_id, err)) < 0)
		goto fail;
	if ((ret = other_line(h, t, lang)) < 0)
		goto nomem;
	h->pages[0].network = &h->net;

	h->sheet.lang = lang;
	h->sheet.company = h->company.name;
	h->sheet.date = h->pages[0].date;
	h->sheet.consultant = o->consultant ? o->consultant :
		config(h, st, "report.consultant");
	h->sheet.desk.name = config(h, st, "desk.name");
	h->sheet.desk.phone = config(h, st, "desk.phone");
	h->sheet.desk.hours = config(h, st, "desk.hours");
	h->sheet.desk.email = config(h, st, "desk.email");
	h->sheet.desk.url = config(h, st, "desk.url");
	h->sheet.pages = h->pages;
	h->sheet.npages = np;
	h->sheet.created = o->created;
	if ((ret = company_info(h, t, lang, ind)) < 0)
		goto nomem;
	*out = h;
	return 0;
nomem:
	ret = osk_fail(err, OSK_ENOMEM, "out of memory");
fail:
	report_health_free(h);
	return ret;
}

const struct report_sheet *
report_health_sheet(const struct report_health *h)
{
	return &h->sheet;
}

void
report_health_free(struct report_health *h)
{
	size_t i;

	if (!h)
		return;
	for (i = 0; i < MAX_PAGES; i++) {
		struct page_data *pd = &h->data[i];

		diag_score_free(pd->own);
		free(pd->cats);
		free(pd->bands);
		free(pd->steps1);
		free(pd->steps2);
		free(pd->unknown);
	}
	if (h->has_check)
		alerts_check_release(&h->check);
	free(h->phases);
	free(h->events);
	free(h->incidents);
	company_release(&h->company);
	alerts_catalog_free(h->own_catalog);
	industries_free(h->own_industries);
	for (i = 0; i < h->nstrs; i++)
		free(h->strs[i]);
	free(h->strs);
	free(h);
}
