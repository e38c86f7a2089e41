/*
 * clock.c: one place that formats stored times, so every table writes
 * them the same way, and every page reads them back the same way.  Days
 * are read digit by digit rather than through strptime(), which depends
 * on the locale and accepts more than it should.
 */
#include "core/clock.h"

#include <stdio.h>
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

static int two_digits(const char *s)
{
	return (s[0] - '0') * 10 + (s[1] - '0');
}

int clock_day_valid(const char *s)
{
	static const int mdays[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (!s)
		return 0;
	for (int i = 0; i < 10; i++) {
		int dash = i == 4 || i == 7;
		if (dash ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
			return 0; /* also stops at a NUL: short text is no day */
	}
	int y = two_digits(s) * 100 + two_digits(s + 2);
	int m = two_digits(s + 5), d = two_digits(s + 8);
	if (y < 1000 || y > 9998 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return 0;
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return !(m == 2 && d == 29 && !leap);
}

const char *clock_day_label(const char *iso, char *out, size_t len)
{
	static const char *const months[12] = {"January", "February", "March", "April",
						"May", "June", "July", "August",
						"September", "October", "November", "December"};
	if (!clock_day_valid(iso))
		return iso;
	int n = snprintf(out, len, "%d %s %.4s", two_digits(iso + 8), months[two_digits(iso + 5) - 1],
			 iso);
	return n > 0 && (size_t)n < len ? out : iso;
}
