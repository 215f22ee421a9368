/* SPDX-License-Identifier: MIT */
#include <stdlib.h>
#include <string.h>

#include "survey/internal.h"

/*
 * A list of large blocks; strings never move, so pointers into the pool
 * stay valid until survey_pool_free().
 */
#define BLOCK_SIZE (64u * 1024)

struct block {
	struct block *next;
	size_t used, size;
	char data[];
};

struct survey_pool {
	struct block *head;
};

struct survey_pool *
survey_pool_new(void)
{
	return calloc(1, sizeof(struct survey_pool));
}

void
survey_pool_free(struct survey_pool *p)
{
	struct block *b, *next;

	if (!p)
		return;
	for (b = p->head; b; b = next) {
		next = b->next;
		free(b);
	}
	free(p);
}

const char *
survey_pool_strndup(struct survey_pool *p, const char *s, size_t n)
{
	struct block *b = p->head;
	char *out;

	if (!b || b->size - b->used < n + 1) {
		size_t size = n + 1 > BLOCK_SIZE ? n + 1 : BLOCK_SIZE;

		if (!(b = malloc(sizeof(*b) + size)))
			return NULL;
		b->used = 0;
		b->size = size;
		b->next = p->head;
		p->head = b;
	}
	out = b->data + b->used;
	memcpy(out, s, n);
	out[n] = '\0';
	b->used += n + 1;
	return out;
}
