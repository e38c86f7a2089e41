/*
 * utf8.h: the one UTF-8 check, shared by the parsers (forms, queries,
 * paths, multipart, CSV) and the store's text cleaning.
 *
 * In core because nothing about it is HTTP: the CSV reader and the store
 * files need it as much as the URL decoders do, and none of them should
 * depend on the HTTP layer to get it.
 */
#ifndef JCS_UTF8_H
#define JCS_UTF8_H

#include <stddef.h>

/* 1 when s[0..len) is valid UTF-8 with no overlongs or surrogates. */
int utf8_valid(const char *s, size_t len);

#endif
