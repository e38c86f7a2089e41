/* err.c: names for the result enum, used in logs and JSON error bodies. */
#include "core/err.h"

const char *err_name(enum err e)
{
	switch (e) {
	case E_OK: return "ok";
	case E_NOMEM: return "out_of_memory";
	case E_INVAL: return "invalid";
	case E_TOOBIG: return "too_big";
	case E_NOTFOUND: return "not_found";
	case E_DB: return "database";
	case E_IO: return "io";
	case E_CONFLICT: return "conflict";
	case E_RANGE: return "out_of_range";
	}
	return "unknown";
}
