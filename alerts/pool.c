/* SPDX-License-Identifier: MIT */
/* Small shared pieces of alerts/: a string hash, a pool of addresses. */
#include <stdlib.h>
#include <string.h>

#include "alerts/internal.h"

uint64_t
alerts_hash_bytes(uint64_t h, const void *data, size_t len)
{
	const unsigned char *p = data;

	while (len--)
		h = (h ^ *p++) * 1099511628211ull;
	return h;
}

int
alerts_nomem(struct osk_error *err)
{
	return osk_fail(err, OSK_ENOMEM, "out of memory");
}

static int
grow(struct ippool *p)
{
	size_t cap = p->tab ? 2 * (p->mask + 1) : 256, i, j;
	uint32_t *t = calloc(cap, sizeof(*t));

	if (!t)
		return -OSK_ENOMEM;
	for (i = 1; i < p->n; i++) {
		for (j = alerts_hash_bytes(ALERTS_HASH_SEED, p->ip[i],
					   strlen(p->ip[i])) & (cap - 1);
		     t[j]; j = (j + 1) & (cap - 1))
			;
		t[j] = (uint32_t)i + 1;
	}
	free(p->tab);
	p->tab = t;
	p->mask = cap - 1;
	return 0;
}

int
ippool_index(struct ippool *p, const char *ip, size_t len, uint32_t *out)
{
	size_t i;

	*out = 0;
	if (!p->alloc) {
		if (!(p->ip = calloc(16, sizeof(*p->ip))))
			return -OSK_ENOMEM;
		p->alloc = 16;
		p->n = 1;	/* ip[0] = "" */
	}
	if (!len)
		return 0;
	if (len >= sizeof(*p->ip))
		return -OSK_EINTERNAL;
	if ((p->n + 1) * 2 > (p->tab ? p->mask + 1 : 0) && grow(p))
		return -OSK_ENOMEM;
	for (i = alerts_hash_bytes(ALERTS_HASH_SEED, ip, len) & p->mask;
	     p->tab[i]; i = (i + 1) & p->mask) {
		const char *s = p->ip[p->tab[i] - 1];

		if (!memcmp(s, ip, len) && !s[len]) {
			*out = p->tab[i] - 1;
			return 0;
		}
	}
	if (p->n == p->alloc) {
		void *q = realloc(p->ip, 2 * p->alloc * sizeof(*p->ip));

		if (!q)
			return -OSK_ENOMEM;
		p->ip = q;
		p->alloc *= 2;
	}
	memcpy(p->ip[p->n], ip, len);
	p->ip[p->n][len] = '\0';
	p->tab[i] = (uint32_t)p->n + 1;
	*out = (uint32_t)p->n++;
	return 0;
}

void
ippool_release(struct ippool *p)
{
	free(p->ip);
	free(p->tab);
	memset(p, 0, sizeof(*p));
}
