/*
 * clock.h: the time as jcs stores it.  Records carry ISO-8601 UTC text to
 * the second ("2026-11-22T06:30:00Z"), which sorts as text and reads the
 * same on both database backends; sessions and throttles compare Unix
 * seconds.  Pages show a stored day the GOV.UK way ("22 November 2026"),
 * through clock_day_label, so every page writes dates alike.
 */
#ifndef JCS_CLOCK_H
#define JCS_CLOCK_H

#include <stdint.h>

#include <stddef.h>

#define CLOCK_ISO_SIZE 21 /* "YYYY-MM-DDTHH:MM:SSZ" and its NUL */
#define CLOCK_DAY_SIZE 19 /* "30 September 2026" and its NUL */

/* Now, as ISO-8601 UTC text. */
void clock_iso_now(char out[CLOCK_ISO_SIZE]);
/* A Unix time as ISO-8601 UTC text. */
void clock_iso(int64_t unix_s, char out[CLOCK_ISO_SIZE]);
/* Now, in Unix seconds. */
int64_t clock_unix(void);

/* 1 when s begins "YYYY-MM-DD" naming a day that exists (years 1000 to
 * 9998, which is all jcs records and what the audit filters can bound; 29
 * February only in leap years), else 0. */
int clock_day_valid(const char *s);
/*
 * The day that stored ISO-8601 text begins with, as people read it: "22
 * November 2026", into out (CLOCK_DAY_SIZE bytes is enough).  Returns out,
 * or iso itself (which may be NULL) when it does not begin with a real day
 * or out is too small, so a caller shows odd text as it is.
 */
const char *clock_day_label(const char *iso, char *out, size_t len);

#endif
