/*
 * log.h: structured logs, one JSON object per line on stderr.
 *
 * Each line is written with a single write(2), so lines from different
 * threads never interleave.  Messages must never contain passwords, tokens
 * or session ids: callers pass what is safe to keep.
 */
#ifndef JCS_LOG_H
#define JCS_LOG_H

struct buf;

/* {"ts":...,"level":"error","msg":"..."}: the message is JSON-escaped. */
void log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Write a pre-built JSON line (no trailing newline needed). */
void log_line(struct buf *line);
/* Current UTC time as "2026-11-22T06:30:00.123Z" into out (>= 32 bytes). */
void log_timestamp(char *out, unsigned long size);
/* 0 silences info and access lines (errors still go out). */
void log_set_verbose(int on);
int log_verbose(void);

#endif
