/* SPDX-License-Identifier: MIT */
#ifndef CORE_INTERNAL_H
#define CORE_INTERNAL_H

/* Shared inside core/ only. */

extern const char *const store_migrations[];
extern const int store_nmigrations;

#endif
