/*
 * hex.h: the value of one hexadecimal digit, for the percent-decoders
 * (URLs and forms in http/urlencoded.c, database URLs in db/db_pg.c).
 *
 * Inline because it is a few comparisons called once per escaped byte; a
 * function call would cost more than the work.
 */
#ifndef JCS_HEX_H
#define JCS_HEX_H

/* 0..15 for '0'-'9', 'a'-'f' and 'A'-'F'; -1 for any other byte. */
static inline int hex_digit(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

#endif
