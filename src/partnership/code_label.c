/*
 * code_label.c: code tables written out for people.  Messages that say
 * which codes are allowed ("type must be one of county, district, ...")
 * build the list from the store's table, so a message can never name a
 * code the store refuses or leave out one it accepts.
 */
#include "partnership/partnership.h"

#include "core/pool.h"

const char *code_label_codes(struct pool *pool, const struct code_label *t, size_t n,
			     const char *last)
{
	const char *s = "";
	for (size_t i = 0; s && i < n; i++)
		s = pool_printf(pool, "%s%s%s", s, i == 0 ? "" : i == n - 1 ? last : ", ", t[i].code);
	return s;
}
