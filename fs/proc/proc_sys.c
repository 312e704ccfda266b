/* fs/proc/proc_sys.c: /proc/sys/kernel, the kernel's tunables as files
 * (Linux's sysctl), so that the seed's `echo 40000 >
 * /proc/sys/kernel/threads-max` works as written (c22):
 *   threads-max      max_threads (kernel/fork.c), 20..0x3fffffff
 *   pid_max          pid_max (kernel/pid.c), 301..131072
 *   fork_rate_limit  forks per tick, 0 = off (c31), 0..1000000
 *   ostype, osrelease  uname's sysname and release (read-only)
 *   hostname         uname's nodename, at most 64 bytes
 *   tainted          Linux's taint bits; root may add bits, never clear
 * and /proc/sys/vm/drop_caches (write-only): 2 or 3 gives back the empty
 * slab each cache keeps (Linux frees its reclaimable slab objects;
 * Tasklab's caches hold nothing reclaimable but that slab), 1 the page
 * cache (ramfs pages cannot be dropped: nothing).
 * Reading gives the value and a newline. The writable files are root's
 * (mode 0644, owner root: others get EACCES at open, and root too for the
 * read-only ones, as Linux's sysctl_perm); a number is parsed
 * strictly: blanks, an optional sign, digits, blanks (the newline echo
 * adds), anything else or a value outside the bounds EINVAL, and nothing
 * wraps silently (4294967316 is not 20), as Linux's proc_dointvec_minmax. */
#include <kernel.h>
#include <errno.h>
#include <pid.h>
#include <sched.h>
#include <sched/user.h>
#include <slab.h>
#include <utsname.h>
#include "internal.h"

#define TAINT_FLAGS_COUNT 19             /* Linux 6.1's taint bits */

static unsigned long tainted_mask;

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

int proc_parse_long(const char *s, long *out)
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

static int set_fork_rate_limit(long n)
{
	if (n < 0 || n > 1000000)
		return -EINVAL;
	fork_rate_limit = n;
	return 0;
}

static int set_tainted(long n)
{
	if (current->euid != 0)
		return -EPERM;                   /* Linux: CAP_SYS_ADMIN */
	if (n < 0)
		return -EINVAL;
	tainted_mask |= (unsigned long)n & ((1UL << TAINT_FLAGS_COUNT) - 1);
	return 0;
}

/* The integer files: what each shows and the setter that checks bounds. */
static long int_value(const struct proc_entry *e)
{
	if (!strcmp(e->name, "threads-max"))
		return max_threads;
	if (!strcmp(e->name, "pid_max"))
		return pid_max;
	if (!strcmp(e->name, "fork_rate_limit"))
		return fork_rate_limit;
	return (long)tainted_mask;
}

static int int_show(struct seq_file *m, struct proc_inode *pi)
{
	seq_printf(m, "%ld\n", int_value(pi->entry));
	return 0;
}

static int int_write(struct proc_inode *pi, const char *buf, size_t count)
{
	const char *name = pi->entry->name;
	long value;
	int err = proc_parse_long(buf, &value);

	if (err)
		return err;
	if (!strcmp(name, "threads-max"))
		return set_max_threads(value);
	if (!strcmp(name, "pid_max"))
		return set_pid_max(value);
	if (!strcmp(name, "fork_rate_limit"))
		return set_fork_rate_limit(value);
	return set_tainted(value);
}

static int uts_show(struct seq_file *m, struct proc_inode *pi)
{
	const struct new_utsname *u = utsname();
	const char *name = pi->entry->name;

	seq_printf(m, "%s\n", !strcmp(name, "ostype") ? u->sysname :
			      !strcmp(name, "osrelease") ? u->release : u->nodename);
	return 0;
}

/* hostname: the bytes up to the first newline, at most __NEW_UTS_LEN (a
 * longer name is cut, as Linux's proc_dostring). */
static int hostname_write(struct proc_inode *pi, const char *buf, size_t count)
{
	size_t len = 0;

	while (len < count && len < __NEW_UTS_LEN && buf[len] && buf[len] != '\n')
		len++;
	set_uts_name(utsname()->nodename, buf, len);
	return 0;
}

/* drop_caches: 1 to 4, as Linux's bounds (4 only quiets Linux's log line). */
static int drop_caches_write(struct proc_inode *pi, const char *buf, size_t count)
{
	long value;
	int err = proc_parse_long(buf, &value);

	if (err || value < 1 || value > 4)
		return -EINVAL;
	if (value & 2)
		kmem_cache_shrink_all();
	return 0;
}

#define INT_ENTRY(n) { .name = n, .mode = S_IFREG | 0644, .show = int_show, .write = int_write, \
		       .sysctl = true }

static const struct proc_entry kernel_entries[] = {
	INT_ENTRY("threads-max"),
	INT_ENTRY("pid_max"),
	INT_ENTRY("fork_rate_limit"),
	{ .name = "ostype", .mode = S_IFREG | 0444, .show = uts_show, .sysctl = true },
	{ .name = "osrelease", .mode = S_IFREG | 0444, .show = uts_show, .sysctl = true },
	{ .name = "hostname", .mode = S_IFREG | 0644, .show = uts_show, .write = hostname_write,
	  .sysctl = true },
	INT_ENTRY("tainted"),
};

static const struct proc_dir kernel_dir = {
	.entries = kernel_entries, .nr_entries = ARRAY_SIZE(kernel_entries), .ino_base = 48,
};

static const struct proc_entry vm_entries[] = {
	{ .name = "drop_caches", .mode = S_IFREG | 0200, .write = drop_caches_write, .sysctl = true },
};

static const struct proc_dir vm_dir = {
	.entries = vm_entries, .nr_entries = ARRAY_SIZE(vm_entries), .ino_base = 64,
};

static const struct proc_entry sys_entries[] = {
	{ .name = "kernel", .mode = S_IFDIR | 0555, .dir = &kernel_dir },
	{ .name = "vm", .mode = S_IFDIR | 0555, .dir = &vm_dir },
};

const struct proc_dir proc_sys_dir = {
	.entries = sys_entries, .nr_entries = ARRAY_SIZE(sys_entries), .ino_base = 32,
};
