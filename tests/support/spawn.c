/*
 * spawn.c: see spawn.h.  Shared by the CLI tests so each does not carry
 * its own fork/exec/capture code.
 */
#include "support/spawn.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

const char *spawn_jcs(void)
{
	const char *jcs = getenv("JCS_BIN");
	if (!jcs || !*jcs)
		fail_msg("JCS_BIN is not set (ctest sets it)");
	return jcs;
}

static void slurp(int fd, char *out, size_t max)
{
	ssize_t n = pread(fd, out, max - 1, 0);
	out[n > 0 ? n : 0] = '\0';
	close(fd);
}

void spawn_run(struct spawn_result *r, const char *const *args)
{
	char outf[] = "/tmp/jcs-spawn-out.XXXXXX", errf[] = "/tmp/jcs-spawn-err.XXXXXX";
	int o = mkstemp(outf), e = mkstemp(errf);
	if (o < 0 || e < 0)
		fail_msg("mkstemp failed");
	unlink(outf);
	unlink(errf);
	pid_t pid = fork();
	if (pid < 0)
		fail_msg("fork failed");
	if (pid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		dup2(o, 1);
		dup2(e, 2);
		execv(args[0], (char *const *)args);
		_exit(127);
	}
	int st;
	waitpid(pid, &st, 0);
	r->status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
	slurp(o, r->out, sizeof r->out);
	slurp(e, r->err, sizeof r->err);
}

void spawn_jcs_db(struct spawn_result *r, const char *db_url, const char *arg, ...)
{
	const char *args[SPAWN_ARGS_MAX + 4];
	size_t n = 0;
	va_list ap;
	args[n++] = spawn_jcs();
	va_start(ap, arg);
	for (const char *a = arg; a; a = va_arg(ap, const char *)) {
		if (n > SPAWN_ARGS_MAX)
			fail_msg("spawn_jcs_db: more than %d arguments", SPAWN_ARGS_MAX);
		args[n++] = a;
	}
	va_end(ap);
	args[n++] = "--db";
	args[n++] = db_url;
	args[n] = NULL;
	spawn_run(r, args);
}
