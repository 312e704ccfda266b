/* tests/ktest_program.c: running a user program from a self-test. The
 * program is exec'd by a fresh child of the caller (a kernel thread until
 * the exec, like PID 1 before /sbin/init), in a session of its own, with
 * its standard fds on the console or, for a test that checks what it
 * printed, on a ramfs file; the caller waits for it and gets Linux's wait
 * status; or gets what it printed too (ktest_capture_program), to log it in
 * the case. */
#include <kernel.h>
#include <binfmts.h>
#include <errno.h>
#include <fdtable.h>
#include <fs.h>
#include <ktest.h>
#include <sched.h>
#include <slab.h>
#include <syscall.h>
#include <string.h>
#include <uapi/linux/fcntl.h>
#include "fs_helpers.h"


static int redirect_output(const char *out_path)
{
	struct file *f = filp_open(root_dentry, root_dentry, out_path,
				   O_WRONLY | O_CREAT | O_TRUNC, 0644);

	if (IS_ERR(f))
		return PTR_ERR(f);
	for (int fd = 1; fd < 3; fd++) {
		close_fd(fd);
		fd_install(fd, fd == 1 ? f : get_file(f), false);
	}
	return 0;
}

static int program_child(void *arg)
{
	static const char *const envp[] = { "HOME=/", "PATH=/bin:/sbin", NULL };
	struct ktest_program *r = arg;
	const char *argv[8] = { r->path };
	int err, n = 1;

	for (const char *const *a = r->argv; *a && n < 7; a++)
		argv[n++] = *a;
	argv[n] = NULL;
	r->had_mm = current->mm != NULL;       /* a kernel thread: none (c14) */
	/* A session of its own, as init starts a program: kernel_init is in
	 * session 0 (Linux's), where getsid() would say 0. */
	sys_setsid(0, 0, 0, 0, 0, 0);
	err = open_console_fds();
	if (!err && r->out_path)
		err = redirect_output(r->out_path);
	if (!err)
		err = kernel_execve(r->path, argv, envp);
	return -err;                  /* exit status: the errno */
}

int ktest_spawn_program(struct ktest_program *p)
{
	pid_t pid = kernel_thread(program_child, p, NULL, SIGCHLD);
	int status;

	p->pid = pid;
	if (pid < 0)
		return pid;
	if (kernel_wait(pid, 0, &status) != pid)
		return -ECHILD;
	return status;
}

int ktest_run_program(const char *path, const char *const *argv, const char *out_path)
{
	struct ktest_program p = { path, argv, out_path, 0, false };

	return ktest_spawn_program(&p);
}

char *ktest_capture_program(struct ktest_program *p, size_t size, int *status)
{
	char *out = kzalloc(size, GFP_KERNEL);
	const char *name = strrchr(p->out_path, '/') + 1;
	struct dentry *dir;
	ssize_t n;

	*status = ktest_spawn_program(p);
	if (out) {
		n = ktest_read_file(root_dentry, p->out_path, out, size - 1);
		if (n < 0)
			out[0] = '\0';
	}
	dir = path_lookup(root_dentry, root_dentry, "/tmp", LOOKUP_FOLLOW);
	if (!IS_ERR(dir)) {
		vfs_unlink(dir, name, strlen(name), false);
		dput(dir);
	}
	return out;
}

void ktest_log_lines(struct ktest *t, char *text)
{
	for (char *line = text, *nl; *line; line = nl + 1) {
		nl = strchr(line, '\n');
		if (!nl) {
			ktest_log(t, "%s", line);
			break;
		}
		*nl = '\0';
		ktest_log(t, "%s", line);
		*nl = '\n';
	}
}
