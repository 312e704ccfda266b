/* user/bin/utest_script.c: KTAP self-tests of exec for "#!" scripts
 * (fs/binfmt_script.c): the interpreter gets its one optional argument
 * (blanks inside kept, around it cut) and the script's path in place of
 * argv[0]; scripts nest 5 deep and the 6th is ELOOP; a line with no
 * interpreter, or one whose name may be cut at the 256-byte buffer, is
 * ENOEXEC, while an argument is simply cut there; the interpreter's own
 * errors (ENOENT, EACCES, ENOEXEC) are exec's. The interpreter is /bin/echo,
 * which prints what it was given: BusyBox's or Tasklab's on Tasklab, the
 * host's under qemu-i386 (the host's kernel runs the script there: the
 * same answers are Linux's). Scripts are written to /tmp. */
#include <errno.h>
#include <fcntl.h>
#include <ktap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

#define EXEC_FAILED 100          /* a child's exit status: 100 + exec's errno */
#define MAX_OUT 1024

static char dir[64];

/* /tmp/utest_script.<pid>.<name> into buf. */
static const char *script_path(char *buf, size_t size, const char *name)
{
	snprintf(buf, size, "%s.%s", dir, name);
	return buf;
}

/* Write len bytes of text as file path with mode; false on error. */
static bool write_file(const char *path, const char *text, size_t len, int mode)
{
	int fd;
	bool ok;

	unlink(path);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
	if (fd < 0)
		return false;
	ok = write(fd, text, len) == (ssize_t)len;
	return close(fd) == 0 && ok;
}

static bool write_script(const char *path, const char *text)
{
	return write_file(path, text, strlen(text), 0755);
}

/* Exec path with argv[0] "argv0" and argv[1] "x" in a child, its output
 * into out. Returns 0 if the exec worked, else the errno it failed with. */
static int exec_capture(const char *path, char *out)
{
	char *argv[] = { "argv0", "x", NULL };
	int fds[2], status = 0;
	size_t n = 0;
	ssize_t r;
	pid_t pid;

	out[0] = '\0';
	if (pipe(fds))
		return -1;
	pid = fork();
	if (pid == 0) {
		dup2(fds[1], STDOUT_FILENO);
		close(fds[0]);
		close(fds[1]);
		execve(path, argv, environ);
		_exit(EXEC_FAILED + errno);
	}
	close(fds[1]);
	while (n + 1 < MAX_OUT && (r = read(fds[0], out + n, MAX_OUT - 1 - n)) > 0)
		n += r;
	out[n] = '\0';
	close(fds[0]);
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	return WIFEXITED(status) && WEXITSTATUS(status) >= EXEC_FAILED ?
	       WEXITSTATUS(status) - EXEC_FAILED : 0;
}

static void script_interpreter_and_argument(struct ktap *t)
{
	char path[96], out[MAX_OUT], want[160];

	script_path(path, sizeof(path), "arg");
	KTAP_ASSERT_TRUE(t, write_script(path, "#! /bin/echo  one  two \t \nignored\n"));
	KTAP_EXPECT_EQ(t, exec_capture(path, out), 0);
	snprintf(want, sizeof(want), "one  two %s x\n", path);    /* argv0 replaced */
	KTAP_EXPECT_STREQ(t, out, want);
	unlink(path);
}

static void script_without_argument(struct ktap *t)
{
	char path[96], out[MAX_OUT], want[160];

	script_path(path, sizeof(path), "noarg");
	KTAP_ASSERT_TRUE(t, write_script(path, "#!/bin/echo\n"));
	KTAP_EXPECT_EQ(t, exec_capture(path, out), 0);
	snprintf(want, sizeof(want), "%s x\n", path);
	KTAP_EXPECT_STREQ(t, out, want);
	/* a NUL ends the name, and there is no argument after it */
	KTAP_ASSERT_TRUE(t, write_file(path, "#!/bin/echo\0zzz arg\n", 20, 0755));
	KTAP_EXPECT_EQ(t, exec_capture(path, out), 0);
	KTAP_EXPECT_STREQ(t, out, want);
	unlink(path);
}

/* s1 runs echo with "n1"; s<i> runs s<i-1> with "n<i>". Returns the
 * expected output of s<depth> (s1's path first, as each level inserts its
 * own argument and path in front of the caller's). */
static void make_chain(int depth, char *want, size_t size)
{
	char path[96], prev[96], text[160];
	size_t n = 0;

	for (int i = 1; i <= depth; i++) {
		snprintf(text, sizeof(text), "s%d", i);
		script_path(path, sizeof(path), text);
		if (i == 1)
			snprintf(text, sizeof(text), "#!/bin/echo n1\n");
		else
			snprintf(text, sizeof(text), "#!%s n%d\n", prev, i);
		write_script(path, text);
		n += snprintf(want + n, size - n, "%sn%d %s", i == 1 ? "" : " ", i, path);
		strlcpy(prev, path, sizeof(prev));
	}
	snprintf(want + n, size - n, " x\n");
}

static void script_nests_5_deep_eloop_at_6(struct ktap *t)
{
	char path[96], out[MAX_OUT], want[MAX_OUT], name[8];

	make_chain(5, want, sizeof(want));
	KTAP_EXPECT_EQ(t, exec_capture(script_path(path, sizeof(path), "s5"), out), 0);
	KTAP_EXPECT_STREQ(t, out, want);
	make_chain(6, want, sizeof(want));
	KTAP_EXPECT_EQ(t, exec_capture(script_path(path, sizeof(path), "s6"), out), ELOOP);
	KTAP_EXPECT_STREQ(t, out, "");
	for (int i = 1; i <= 6; i++) {
		snprintf(name, sizeof(name), "s%d", i);
		unlink(script_path(path, sizeof(path), name));
	}
}

/* No newline in the first 256 bytes: the argument is cut at the buffer's
 * last byte (243 of the 300 'a's after "#!/bin/echo "); a name that may
 * be cut is ENOEXEC. */
static void script_line_past_buffer(struct ktap *t)
{
	char path[96], out[MAX_OUT], text[320], want[320];

	script_path(path, sizeof(path), "long");
	memcpy(text, "#!/bin/echo ", 12);
	memset(text + 12, 'a', 300);
	KTAP_ASSERT_TRUE(t, write_file(path, text, 312, 0755));
	KTAP_EXPECT_EQ(t, exec_capture(path, out), 0);
	memset(want, 'a', 243);
	snprintf(want + 243, sizeof(want) - 243, " %s x\n", path);
	KTAP_EXPECT_STREQ(t, out, want);
	text[2] = '/';
	memset(text + 3, 'b', 300);               /* "#!/bbb...": no end to the name */
	KTAP_ASSERT_TRUE(t, write_file(path, text, 303, 0755));
	KTAP_EXPECT_EQ(t, exec_capture(path, out), ENOEXEC);
	unlink(path);
}

static void script_bad_lines_enoexec(struct ktap *t)
{
	static const char *const bad[] = { "#!\n", "#!   \t \n", "#!\nnothing named\n" };
	char path[96], out[MAX_OUT];

	script_path(path, sizeof(path), "bad");
	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		KTAP_ASSERT_TRUE(t, write_script(path, bad[i]));
		if (exec_capture(path, out) != ENOEXEC)
			KTAP_FAIL(t, "script %u (\"%s\"): not ENOEXEC", i, bad[i]);
	}
	unlink(path);
}

/* The interpreter's errors are exec's: missing (ENOENT), not executable
 * (EACCES), neither ELF nor script (ENOEXEC); a script without an execute
 * bit is EACCES itself. */
static void script_interpreter_errors(struct ktap *t)
{
	char path[96], interp[96], text[128], out[MAX_OUT];

	script_path(path, sizeof(path), "errs");
	script_path(interp, sizeof(interp), "interp");
	snprintf(text, sizeof(text), "#!%s\n", interp);
	KTAP_ASSERT_TRUE(t, write_script(path, text));
	unlink(interp);
	KTAP_EXPECT_EQ(t, exec_capture(path, out), ENOENT);
	KTAP_ASSERT_TRUE(t, write_file(interp, "plain text\n", 11, 0644));
	KTAP_EXPECT_EQ(t, exec_capture(path, out), EACCES);
	KTAP_ASSERT_TRUE(t, write_file(interp, "plain text\n", 11, 0755));
	KTAP_EXPECT_EQ(t, exec_capture(path, out), ENOEXEC);
	KTAP_ASSERT_TRUE(t, write_file(path, "#!/bin/echo\n", 12, 0644));
	KTAP_EXPECT_EQ(t, exec_capture(path, out), EACCES);
	unlink(path);
	unlink(interp);
}

static const struct ktap_case script_cases[] = {
	KTAP_CASE(script_interpreter_and_argument),
	KTAP_CASE(script_without_argument),
	KTAP_CASE(script_nests_5_deep_eloop_at_6),
	KTAP_CASE(script_line_past_buffer),
	KTAP_CASE(script_bad_lines_enoexec),
	KTAP_CASE(script_interpreter_errors),
	{}
};

int main(void)
{
	snprintf(dir, sizeof(dir), "/tmp/utest_script.%d", getpid());
	return ktap_run_suite("script", script_cases);
}
