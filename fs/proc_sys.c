/* fs/proc_sys.c: a minimal /proc/sys, so that the seed's
 * `echo 40000 > /proc/sys/kernel/threads-max` works as written (c22). Each
 * entry is a ramfs regular file whose i_fop is replaced by read and write
 * callbacks over one integer setting: reading gives the value and a
 * newline; writing (root only: the files are root's, mode 0644, so anyone
 * else's open for writing is EACCES; a write through a file root opened
 * is checked again, EPERM, as Linux's sysctl) parses one decimal number
 * strictly (-EINVAL for
 * garbage or overflow) and hands it to the setting's setter, which may
 * refuse it (-EINVAL). Files:
 *   /proc/sys/kernel/threads-max      max_threads (kernel/fork.c)
 *   /proc/sys/kernel/fork_rate_limit  forks per tick, 0 = off (c31)
 *   /proc/sys/kernel/pid_max          pid_max (kernel/pid.c), 301..131072 */
#include <kernel.h>
#include <errno.h>
#include <fs.h>
#include <pid.h>
#include <sched.h>
#include <sched/user.h>
#include <uio.h>

struct sysctl_int {
	const char *name;
	long (*get)(void);
	int (*set)(long value);           /* 0 or -EINVAL */
};

static long get_threads_max(void) { return max_threads; }
static long get_pid_max(void) { return pid_max; }
static long get_fork_rate_limit(void) { return fork_rate_limit; }

static int set_fork_rate_limit(long n)
{
	if (n < 0 || n > 1000000)
		return -EINVAL;
	fork_rate_limit = n;
	return 0;
}

static const struct sysctl_int kernel_table[] = {
	{ "threads-max", get_threads_max, set_max_threads },
	{ "fork_rate_limit", get_fork_rate_limit, set_fork_rate_limit },
	{ "pid_max", get_pid_max, set_pid_max },
};

static const struct sysctl_int *entry_of(struct file *f)
{
	for (size_t i = 0; i < ARRAY_SIZE(kernel_table); i++)
		if (!strcmp(f->f_dentry->d_name, kernel_table[i].name))
			return &kernel_table[i];
	return NULL;
}

static ssize_t proc_sys_read(struct file *f, struct iov_iter *to, loff_t *pos)
{
	const struct sysctl_int *e = entry_of(f);
	char buf[24];
	int len = e ? snprintf(buf, sizeof(buf), "%ld\n", e->get()) : 0;
	size_t n;

	if (*pos >= len)
		return 0;
	n = copy_to_iter(buf + *pos, len - *pos, to);
	if (!n && to->fault)
		return -EFAULT;
	*pos += n;
	return n;
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

/* One decimal number: blanks, an optional '-' (as Linux's proc_dointvec)
 * or '+', at least one digit, then only blanks (the newline echo adds).
 * Garbage, a lone sign or a number outside a long is -EINVAL, as Linux:
 * nothing wraps silently (4294967316 is not 20). */
static int parse_long(const char *s, long *out)
{
	unsigned long v = 0;
	const char *digits;
	bool neg;

	while (is_blank(*s))
		s++;
	neg = *s == '-';
	if (*s == '-' || *s == '+')
		s++;
	for (digits = s; *s >= '0' && *s <= '9'; s++) {
		unsigned int d = *s - '0';

		if (v > (__LONG_MAX__ - d) / 10)
			return -EINVAL;
		v = v * 10 + d;
	}
	if (s == digits)
		return -EINVAL;
	while (is_blank(*s))
		s++;
	if (*s)
		return -EINVAL;
	*out = neg ? -(long)v : (long)v;
	return 0;
}

static ssize_t proc_sys_write(struct file *f, struct iov_iter *from, loff_t *pos)
{
	const struct sysctl_int *e = entry_of(f);
	size_t count = from->count;
	char buf[24];
	long value;
	int err;

	if (current->euid != 0)
		return -EPERM;           /* a file opened by root, written by another */
	if (!count)
		return 0;                /* as Linux: an empty write changes nothing */
	if (!e || count >= sizeof(buf))
		return -EINVAL;
	if (copy_from_iter(buf, count, from) != count)
		return -EFAULT;
	buf[count] = '\0';
	if ((err = parse_long(buf, &value)) || (err = e->set(value)))
		return err;
	*pos += count;
	return count;
}

static const struct file_operations proc_sys_fops = {
	.read_iter = proc_sys_read,
	.write_iter = proc_sys_write,
};

int proc_sys_init(void)
{
	static const char *const path[] = { "proc", "sys", "kernel" };
	struct dentry *dir = ramfs_make_dirs(root_dentry, path, ARRAY_SIZE(path));

	if (IS_ERR(dir))
		return PTR_ERR(dir);
	for (size_t i = 0; i < ARRAY_SIZE(kernel_table); i++) {
		const char *name = kernel_table[i].name;
		struct dentry *d = ramfs_create(dir, name, strlen(name), S_IFREG | 0644, 0);

		if (IS_ERR(d))
			return PTR_ERR(d);
		d->d_inode->i_fop = &proc_sys_fops;
	}
	return 0;
}
