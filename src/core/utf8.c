/*
 * utf8.c: utf8_valid(), by the table of RFC 3629 section 4.
 *
 * The second byte's range depends on the first, which is what rules out
 * overlongs (E0, F0), surrogates (ED) and code points past U+10FFFF (F4),
 * so one pass with no decoding of code points is enough.  A NUL byte is
 * valid UTF-8; callers that refuse NUL check for it themselves.
 */
#include "core/utf8.h"

int utf8_valid(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	while (i < len) {
		unsigned char c = p[i];
		if (c < 0x80) {
			i++;
			continue;
		}
		size_t need;
		unsigned char lo = 0x80, hi = 0xBF;
		if (c >= 0xC2 && c <= 0xDF) {
			need = 1;
		} else if (c >= 0xE0 && c <= 0xEF) {
			need = 2;
			if (c == 0xE0)
				lo = 0xA0;
			else if (c == 0xED)
				hi = 0x9F;
		} else if (c >= 0xF0 && c <= 0xF4) {
			need = 3;
			if (c == 0xF0)
				lo = 0x90;
			else if (c == 0xF4)
				hi = 0x8F;
		} else {
			return 0;
		}
		if (len - i - 1 < need)
			return 0;
		if (p[i + 1] < lo || p[i + 1] > hi)
			return 0;
		for (size_t k = 2; k <= need; k++)
			if (p[i + k] < 0x80 || p[i + k] > 0xBF)
				return 0;
		i += need + 1;
	}
	return 1;
}
