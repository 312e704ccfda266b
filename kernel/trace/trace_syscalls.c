/* kernel/trace/trace_syscalls.c: strace for Tasklab. The boot word
 * trace=syscalls,pid=N prints each system call of process N (all its
 * threads) on the console as strace does, with the call's name (the
 * handler's, from kallsyms), its arguments decoded for the common calls
 * (strings read from the caller's memory, open flags by name) and the
 * result with the errno's name:
 *
 *   [pid 5] open("/etc/passwd", O_RDONLY) = -1 ENOENT
 *
 * It rides on the sys_enter/sys_exit sites (its own bit, TRACE_STRACE, so
 * it costs nothing when off) and prints at the call's return, when a
 * buffer read holds its data; exit and exit_group never return and print
 * at entry (" = ?"), execve's text is made at entry (its strings are gone
 * with the old image) and printed with the result. Calls it has no table
 * entry for show three arguments in hex. */
#include <kernel.h>
#include <errno.h>
#include <sched.h>
#include <syscall.h>
#include <syscall_counts.h>
#include <asm/ptrace.h>
#include <asm/uaccess.h>
#include <uapi/asm/unistd_32.h>
#include <uapi/linux/fcntl.h>
#include <trace/trace.h>

pid_t strace_pid;

#define E(x) [x] = #x
static const char *const errno_names[] = {
	E(EPERM), E(ENOENT), E(ESRCH), E(EINTR), E(EIO), E(ENXIO), E(E2BIG), E(ENOEXEC),
	E(EBADF), E(ECHILD), E(EAGAIN), E(ENOMEM), E(EACCES), E(EFAULT), E(ENOTBLK),
	E(EBUSY), E(EEXIST), E(EXDEV), E(ENODEV), E(ENOTDIR), E(EISDIR), E(EINVAL),
	E(ENFILE), E(EMFILE), E(ENOTTY), E(ETXTBSY), E(EFBIG), E(ENOSPC), E(ESPIPE),
	E(EROFS), E(EMLINK), E(EPIPE), E(EDOM), E(ERANGE), E(EDEADLK), E(ENAMETOOLONG),
	E(ENOLCK), E(ENOSYS), E(ENOTEMPTY), E(ELOOP), E(ENODATA), E(ETIME), E(EOVERFLOW),
	E(EOPNOTSUPP), E(ETIMEDOUT),
};
#undef E

const char *errno_name(int err)
{
	if (err == ERESTARTSYS)
		return "ERESTARTSYS";
	return err > 0 && err < (int)ARRAY_SIZE(errno_names) ? errno_names[err] : NULL;
}

/* Linux's scnprintf: the bytes written (not those that would have been),
 * so n += scnprintf(buf + n, size - n, ...) never passes the end of buf
 * however long the call's text grows. */
static __attribute__((format(printf, 3, 4)))
int scnprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (!size)
		return 0;
	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return min(n, (int)size - 1);
}

/* How an argument is shown. */
enum arg_kind { A_END, A_INT, A_HEX, A_STR, A_OFLAGS, A_MODE, A_BUF };

struct syscall_decl {
	unsigned short nr;
	u8 args[6];
};

/* The calls decoded argument by argument (the rest: three hex words). */
static const struct syscall_decl decls[] = {
	{ __NR_read, { A_INT, A_BUF, A_INT } },
	{ __NR_write, { A_INT, A_BUF, A_INT } },
	{ __NR_open, { A_STR, A_OFLAGS, A_MODE } },
	{ __NR_openat, { A_INT, A_STR, A_OFLAGS, A_MODE } },
	{ __NR_close, { A_INT } },
	{ __NR_execve, { A_STR, A_HEX, A_HEX } },
	{ __NR_access, { A_STR, A_INT } },
	{ __NR_chdir, { A_STR } },
	{ __NR_unlink, { A_STR } },
	{ __NR_mkdir, { A_STR, A_MODE } },
	{ __NR_stat64, { A_STR, A_HEX } },
	{ __NR_lstat64, { A_STR, A_HEX } },
	{ __NR_fstat64, { A_INT, A_HEX } },
	{ __NR_dup, { A_INT } },
	{ __NR_dup2, { A_INT, A_INT } },
	{ __NR_brk, { A_HEX } },
	{ __NR_kill, { A_INT, A_INT } },
	{ __NR_exit, { A_INT } },
	{ __NR_exit_group, { A_INT } },
	{ __NR_getpid, { A_END } },
	{ __NR_getppid, { A_END } },
	{ __NR_fork, { A_END } },
	{ __NR_wait4, { A_INT, A_HEX, A_INT, A_HEX } },
	{ __NR_mmap2, { A_HEX, A_INT, A_INT, A_HEX, A_INT, A_INT } },
	{ __NR_munmap, { A_HEX, A_INT } },
	{ __NR_ioctl, { A_INT, A_HEX, A_HEX } },
};

static const struct syscall_decl *decl_of(long nr)
{
	for (unsigned int i = 0; i < ARRAY_SIZE(decls); i++)
		if (decls[i].nr == nr)
			return &decls[i];
	return NULL;
}

static const struct { unsigned int bit; const char *name; } oflag_names[] = {
	{ O_CREAT, "O_CREAT" }, { O_EXCL, "O_EXCL" }, { O_NOCTTY, "O_NOCTTY" },
	{ O_TRUNC, "O_TRUNC" }, { O_APPEND, "O_APPEND" }, { O_NONBLOCK, "O_NONBLOCK" },
	{ O_LARGEFILE, "O_LARGEFILE" }, { O_DIRECTORY, "O_DIRECTORY" },
	{ O_NOFOLLOW, "O_NOFOLLOW" }, { O_CLOEXEC, "O_CLOEXEC" },
};

static int show_oflags(u32 v, char *buf, size_t size)
{
	static const char *const acc[] = { "O_RDONLY", "O_WRONLY", "O_RDWR", "O_ACCMODE" };
	int n = scnprintf(buf, size, "%s", acc[v & O_ACCMODE]);

	v &= ~O_ACCMODE;
	for (unsigned int i = 0; i < ARRAY_SIZE(oflag_names); i++)
		if (v & oflag_names[i].bit) {
			n += scnprintf(buf + n, size - n, "|%s", oflag_names[i].name);
			v &= ~oflag_names[i].bit;
		}
	if (v)
		n += scnprintf(buf + n, size - n, "|%#x", v);
	return n;
}

/* A string (or len bytes of a buffer) from user memory, quoted, with
 * strace's escapes for the usual controls, cut at 32 bytes with "...". */
static int show_user_str(u32 uaddr, long len, char *buf, size_t size)
{
	char s[33];
	long got = len < 0 ? strncpy_from_user(s, (const char *)uaddr, sizeof(s)) :
		   min(len, (long)32) - (long)copy_from_user(s, (const void *)uaddr,
								 min(len, (long)32));
	bool cut = got > 32;             /* a string: no NUL in its first 33 bytes */
	int n;

	if (got < 0 || (len >= 0 && got < min(len, (long)32)))
		return uaddr ? scnprintf(buf, size, "%#x", uaddr) : scnprintf(buf, size, "NULL");
	got = min(got, (long)32);
	n = scnprintf(buf, size, "\"");
	for (long i = 0; i < got && n < (int)size - 4; i++) {
		char c = s[i];

		if (c == '\n' || c == '\t' || c == '"' || c == '\\')
			n += scnprintf(buf + n, size - n, "\\%c", c == '\n' ? 'n' : c == '\t' ? 't' : c);
		else if (c < ' ' || c > '~')
			n += scnprintf(buf + n, size - n, "\\%o", (u8)c);
		else
			buf[n++] = c;
	}
	return n + scnprintf(buf + n, size - n, "\"%s", (len < 0 ? cut : len > 32) ? "..." : "");
}

static int show_arg(enum arg_kind k, const u32 *a, int i, long ret, char *buf, size_t size)
{
	switch (k) {
	case A_INT:
		return scnprintf(buf, size, "%d", (int)a[i]);
	case A_STR:
		return show_user_str(a[i], -1, buf, size);
	case A_OFLAGS:
		return show_oflags(a[i], buf, size);
	case A_MODE:
		return scnprintf(buf, size, "%#o", a[i]);
	case A_BUF:                      /* a read's data is there only when it worked */
		if (ret < 0 && i == 1)
			return scnprintf(buf, size, "%#x", a[i]);
		return show_user_str(a[i], ret >= 0 ? ret : (long)a[2], buf, size);
	default:
		return scnprintf(buf, size, "%#x", a[i]);
	}
}

/* name(args) into buf; ret is the result when known (a read's data). */
static int format_call(long nr, const u32 *a, long ret, char *buf, size_t size)
{
	static const u8 unknown[6] = { A_HEX, A_HEX, A_HEX };
	const struct syscall_decl *d = decl_of(nr);
	const u8 *kinds = d ? d->args : unknown;
	const char *name = nr >= 0 && nr < NR_syscalls ? syscall_name(nr) : "-";
	int n = name[0] == '-' ? scnprintf(buf, size, "syscall_%ld(", nr)
			       : scnprintf(buf, size, "%s(", name);

	for (int i = 0; i < 6 && kinds[i] != A_END && n < (int)size - 2; i++) {
		if (kinds[i] == A_MODE && kinds[i - 1] == A_OFLAGS && !(a[i - 1] & O_CREAT))
			break;               /* strace shows open's mode only with O_CREAT */
		if (i)
			n += scnprintf(buf + n, size - n, ", ");
		n += show_arg(kinds[i], a, i, nr == __NR_read ? ret : (long)a[2], buf + n, size - n);
	}
	return n + scnprintf(buf + n, size - n, ")");
}

static int format_result(long ret, char *buf, size_t size)
{
	const char *name = ret < 0 && ret >= -MAX_ERRNO ? errno_name(-ret) : NULL;

	if (ret < 0 && ret >= -MAX_ERRNO)
		return name ? scnprintf(buf, size, " = -1 %s", name)
			    : scnprintf(buf, size, " = -1 (errno %ld)", -ret);
	return scnprintf(buf, size, " = %ld", ret);
}

int strace_format(long nr, const u32 *args, long ret, char *buf, size_t size)
{
	int n = format_call(nr, args, ret, buf, size);

	return n + format_result(ret, buf + n, size - n);
}

static void current_args(u32 *a)
{
	const struct pt_regs *r = task_pt_regs(current);

	a[0] = r->ebx, a[1] = r->ecx, a[2] = r->edx, a[3] = r->esi, a[4] = r->edi, a[5] = r->ebp;
}

/* execve's text, made at entry (one traced process execs at a time). */
static char exec_text[160];

void strace_sys_enter(long nr, const u32 *args)
{
	char buf[160];

	if (nr == __NR_execve) {
		format_call(nr, args, 0, exec_text, sizeof(exec_text));
		return;
	}
	if (nr != __NR_exit && nr != __NR_exit_group)
		return;
	format_call(nr, args, 0, buf, sizeof(buf));
	printk(KERN_RAW "[pid %d] %s = ?\n", current->pid, buf);
}

void strace_sys_exit(long nr, long ret)
{
	char buf[200];
	u32 a[6];

	if (nr == __NR_execve) {
		format_result(ret, buf, sizeof(buf));
		printk(KERN_RAW "[pid %d] %s%s\n", current->pid, exec_text, buf);
		return;
	}
	current_args(a);
	strace_format(nr, a, ret, buf, sizeof(buf));
	printk(KERN_RAW "[pid %d] %s\n", current->pid, buf);
}
