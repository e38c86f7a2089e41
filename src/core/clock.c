/*
 * clock.c: one place that formats stored times, so every table writes
 * them the same way.
 */
#include "core/clock.h"

#include <time.h>

void clock_iso(int64_t unix_s, char out[CLOCK_ISO_SIZE])
{
	time_t t = (time_t)unix_s;
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, CLOCK_ISO_SIZE, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

void clock_iso_now(char out[CLOCK_ISO_SIZE])
{
	clock_iso(clock_unix(), out);
}

int64_t clock_unix(void)
{
	return (int64_t)time(NULL);
}
