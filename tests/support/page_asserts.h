/*
 * page_asserts.h: assertions on the text of a page (or any answer body):
 * that it holds a string, or does not.  Macros, so that a failure is
 * reported at the test's own line; the message names the string and shows
 * the page's <main> (the whole body when it has none), which is what a
 * person reading the failure needs and not the layout around it.
 */
#ifndef JCS_PAGE_ASSERTS_H
#define JCS_PAGE_ASSERTS_H

#include <stddef.h>

#define assert_contains(body, needle) page_assert_contains((body), (needle), __FILE__, __LINE__)
#define assert_lacks(body, needle) page_assert_lacks((body), (needle), __FILE__, __LINE__)

void page_assert_contains(const char *body, const char *needle, const char *file, int line);
void page_assert_lacks(const char *body, const char *needle, const char *file, int line);

/* How many times needle occurs in body (overlapping matches counted). */
size_t page_count(const char *body, const char *needle);

#endif
