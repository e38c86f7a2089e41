/* assets.c: lookup in the generated asset table (a handful of entries). */
#include "html/assets.h"

#include <string.h>

const struct asset *asset_find(const char *path)
{
	for (size_t i = 0; i < assets_count; i++)
		if (strcmp(assets[i].path, path) == 0)
			return &assets[i];
	return NULL;
}
