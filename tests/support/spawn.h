/*
 * spawn.h: run the jcs binary the way a user does, for the CLI tests.
 *
 * ctest passes the built binary's path in JCS_BIN.  Output is captured
 * through temporary files rather than pipes, so a child that writes more
 * than a pipe holds can never block against a parent that is waiting for it
 * to exit.  The child is killed if the test dies first.
 */
#ifndef JCS_TEST_SPAWN_H
#define JCS_TEST_SPAWN_H

#define SPAWN_OUTPUT_MAX 65536

struct spawn_result {
	int status; /* exit code, or -1 when killed by a signal */
	char out[SPAWN_OUTPUT_MAX]; /* stdout, NUL-terminated, cut at the maximum */
	char err[SPAWN_OUTPUT_MAX]; /* stderr, likewise */
};

/* The jcs binary from JCS_BIN; fails the test when it is not set. */
const char *spawn_jcs(void);
/* Run args[0] with args (NULL-terminated), capturing stdout and stderr. */
void spawn_run(struct spawn_result *r, const char *const *args);
/*
 * Run `jcs ARG... --db db_url` (the arguments end with NULL; at most
 * SPAWN_ARGS_MAX of them), as spawn_run does.
 */
#define SPAWN_ARGS_MAX 32
void spawn_jcs_db(struct spawn_result *r, const char *db_url, const char *arg, ...);

#endif
