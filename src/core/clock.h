/*
 * clock.h: the time as jcs stores it.  Records carry ISO-8601 UTC text to
 * the second ("2026-11-22T06:30:00Z"), which sorts as text and reads the
 * same on both database backends; sessions and throttles compare Unix
 * seconds.
 */
#ifndef JCS_CLOCK_H
#define JCS_CLOCK_H

#include <stdint.h>

#define CLOCK_ISO_SIZE 21 /* "YYYY-MM-DDTHH:MM:SSZ" and its NUL */

/* Now, as ISO-8601 UTC text. */
void clock_iso_now(char out[CLOCK_ISO_SIZE]);
/* A Unix time as ISO-8601 UTC text. */
void clock_iso(int64_t unix_s, char out[CLOCK_ISO_SIZE]);
/* Now, in Unix seconds. */
int64_t clock_unix(void);

#endif
