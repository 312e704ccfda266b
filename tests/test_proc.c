/* tests/test_proc.c: procfs and mounts from the kernel's side: a user
 * task's /proc/<pid>/stat parsed back field by field against its
 * task_struct (after it spun in user mode, so utime is real), the same
 * file read after the task was reaped (ESRCH), its CPU time moved into the
 * reaper's cutime; mounts of proc and ramfs (their device numbers, stacked
 * mounts and "..", a busy mountpoint, the table /proc/mounts shows), the
 * load-average step, the seq_file text builder, /proc/slabinfo's counts
 * and drop_caches giving empty slabs back. The user-space view is
 * the utest_proc_fs program, run here as the "proc_fs" suite. */
#include <kernel.h>
#include <binfmts.h>
#include <errno.h>
#include <fdtable.h>
#include <fs.h>
#include <ktest.h>
#include <mman.h>
#include <mount.h>
#include <oom.h>
#include <pid.h>
#include <sched.h>
#include <sched/cputime.h>
#include <sched/loadavg.h>
#include <sched/mm.h>
#include <sched/signal.h>
#include <seq_file.h>
#include <slab.h>
#include <timer.h>
#include <uapi/linux/fcntl.h>
#include <uapi/linux/stat.h>
#include "fs_helpers.h"
#include "../fs/proc/internal.h"

KTEST_PROGRAM_SUITE(proc_fs, "/bin/utest_proc_fs");

static unsigned long read_nr_mounts(void) { return nr_mounts; }
KTEST_COUNTER("mounts", read_nr_mounts);
static unsigned long read_nr_super_blocks(void) { return nr_super_blocks; }
KTEST_COUNTER("super_blocks", read_nr_super_blocks);

#define TEXT_SIZE 1024

/* --- a user task's stat line ------------------------------------------- */

static int spinner_child(void *unused)
{
	static const char *const argv[] = { "/bin/utest_proc_fs", "--spin-then-pause", NULL };
	static const char *const envp[] = { "HOME=/", NULL };
	int err = open_console_fds();

	if (!err)
		err = kernel_execve(argv[0], argv, envp);
	return -err;
}

/* Start the spinner and wait until it has spun and paused (at most 5 s). */
static struct task_struct *start_spinner(struct ktest *t)
{
	pid_t pid = kernel_thread(spinner_child, NULL, NULL, SIGCHLD);
	struct task_struct *p;

	KTEST_ASSERT_GT(t, pid, 0);
	p = find_task_by_pid(pid);
	KTEST_ASSERT_NOT_NULL(t, p);
	for (int i = 0; i < 500 && !(p->mm && p->utime >= 10 && p->state == TASK_INTERRUPTIBLE); i++)
		msleep(10);
	KTEST_EXPECT_GE(t, p->utime, 10);                 /* a quarter second of user ticks */
	return p;
}

/* The numbers of a stat line after its ")": f[n] is field n (1-based). */
static int parse_stat_fields(const char *text, long long *f, int max)
{
	const char *p = strrchr(text, ')');
	int n = 3;

	if (!p || p[1] != ' ')
		return -1;
	for (p += 3; *p == ' ' && n < max; n++) {
		bool neg = *++p == '-';

		f[n + 1] = 0;
		for (p += neg; *p >= '0' && *p <= '9'; p++)
			f[n + 1] = f[n + 1] * 10 + (*p - '0');
		if (neg)
			f[n + 1] = -f[n + 1];
	}
	return *p == '\n' ? n : -1;
}

static unsigned long vma_bytes(struct mm_struct *mm)
{
	struct vm_area_struct *vma;
	unsigned long n = 0;

	list_for_each_entry(vma, &mm->mmap, vm_list)
		n += vma->vm_end - vma->vm_start;
	return n;
}

/* Fields 1-8 and 14-24 against the task_struct they come from. */
static void check_stat_line(struct ktest *t, struct task_struct *p, const char *text)
{
	long long f[54] = { 0 };
	char head[48];

	snprintf(head, sizeof(head), "%d (utest_proc_fs) S %d %d %d 0 -1 ", p->pid,
		 current->tgid, p->pgid, p->sid);
	KTEST_EXPECT_TRUE(t, !strncmp(text, head, strlen(head)));
	KTEST_ASSERT_EQ(t, parse_stat_fields(text, f, 52), 52);
	KTEST_EXPECT_EQ(t, f[14], p->utime);
	KTEST_EXPECT_EQ(t, f[15], p->stime);
	KTEST_EXPECT_EQ(t, f[10], p->min_flt);
	KTEST_EXPECT_GT(t, f[10], 0);                     /* exec and the stack faulted */
	KTEST_EXPECT_EQ(t, f[19], p->nice);
	KTEST_EXPECT_EQ(t, f[20], 1);                     /* num_threads */
	KTEST_EXPECT_EQ(t, f[22], p->start_time);
	KTEST_EXPECT_EQ(t, f[23], vma_bytes(p->mm));
	KTEST_EXPECT_EQ(t, f[24], p->mm->rss);
	KTEST_EXPECT_EQ(t, f[26], p->mm->start_code);
	KTEST_EXPECT_EQ(t, f[38], SIGCHLD);
	KTEST_EXPECT_EQ(t, f[48], p->mm->arg_start);
}

/* The stat line of a task, parsed back; after the reap the open file reads
 * ESRCH and the task's times are the reaper's cutime and cstime. */
static void stat_line_of_user_task_and_reap(struct ktest *t)
{
	struct signal_cputime before = current->signal->times;
	char *text = kzalloc(TEXT_SIZE, GFP_KERNEL), path[32];
	struct task_struct *p = start_spinner(t);
	unsigned long utime, stime;
	struct file *f;
	loff_t pos = 0;

	KTEST_ASSERT_NOT_NULL(t, text);
	snprintf(path, sizeof(path), "/proc/%d/stat", p->pid);
	f = filp_open(root_dentry, root_dentry, path, O_RDONLY, 0);
	KTEST_ASSERT_FALSE(t, IS_ERR(f));
	KTEST_EXPECT_GT(t, kernel_read(f, text, TEXT_SIZE - 1, &pos), 0);
	check_stat_line(t, p, text);
	utime = p->utime;
	stime = p->stime;
	send_sig(SIGKILL, p);
	KTEST_EXPECT_EQ(t, kernel_wait(p->pid, 0, NULL), p->pid);
	pos = 0;
	KTEST_EXPECT_EQ(t, kernel_read(f, text, TEXT_SIZE - 1, &pos), -ESRCH);
	fput(f);
	KTEST_EXPECT_EQ(t, ktest_read_file(root_dentry, path, text, TEXT_SIZE), -ENOENT);
	KTEST_EXPECT_EQ(t, current->signal->times.cutime - before.cutime, utime);
	KTEST_EXPECT_GE(t, current->signal->times.cstime - before.cstime, stime);
	KTEST_EXPECT_GT(t, current->signal->times.cmin_flt, before.cmin_flt);
	kfree(text);
}

/* --- mounts ---------------------------------------------------------- */

static dev_t dev_of(struct ktest *t, const char *path)
{
	struct dentry *d = path_lookup(root_dentry, root_dentry, path, LOOKUP_FOLLOW);
	struct kstat st;

	KTEST_ASSERT_FALSE(t, IS_ERR(d));
	vfs_getattr(d->d_inode, &st);
	dput(d);
	return st.dev;
}

/* /proc/mounts as the table shows it now, into text. */
static void read_mounts(struct ktest *t, char *text)
{
	ssize_t n = ktest_read_file(root_dentry, "/proc/mounts", text, TEXT_SIZE - 1);

	KTEST_ASSERT_GT(t, n, 0);
	text[n] = '\0';
}

/* proc and a ramfs each have their own device; two mounts stacked on
 * /mnt show in mount order, the upper one hides the lower, ".." from a
 * mounted root comes out to the mountpoint's parent, and unmounting peels
 * them off one at a time. */
static void mounts_stack_and_cross(struct ktest *t)
{
	char *text = kzalloc(TEXT_SIZE, GFP_KERNEL);
	dev_t rootfs = dev_of(t, "/"), proc;

	KTEST_ASSERT_NOT_NULL(t, text);
	KTEST_ASSERT_EQ(t, do_mount("proc", "/mnt", "proc", MS_NOSUID | MS_NOEXEC, NULL), 0);
	proc = dev_of(t, "/mnt/self");
	KTEST_EXPECT_NE(t, proc, rootfs);
	KTEST_EXPECT_EQ(t, proc, dev_of(t, "/proc/1"));      /* one procfs superblock */
	KTEST_ASSERT_EQ(t, do_mount("tmp", "/mnt", "ramfs", 0, "mode=1777"), 0);
	KTEST_EXPECT_NE(t, dev_of(t, "/mnt"), proc);
	KTEST_EXPECT_NE(t, dev_of(t, "/mnt"), rootfs);
	KTEST_EXPECT_EQ(t, ktest_read_file(root_dentry, "/mnt/self/stat", text, 8), -ENOENT);
	KTEST_EXPECT_EQ(t, dev_of(t, "/mnt/.."), rootfs);
	KTEST_EXPECT_EQ(t, dev_of(t, "/mnt/../proc/1"), proc);
	read_mounts(t, text);
	KTEST_EXPECT_NOT_NULL(t, strstr(text, "proc /mnt proc rw,nosuid,noexec,relatime 0 0\n"
					      "tmp /mnt ramfs rw,relatime 0 0\n"));
	KTEST_EXPECT_EQ(t, do_umount("/mnt", 0), 0);
	KTEST_EXPECT_EQ(t, dev_of(t, "/mnt"), proc);        /* the lower one again */
	KTEST_EXPECT_EQ(t, do_umount("/mnt", 0), 0);
	KTEST_EXPECT_EQ(t, dev_of(t, "/mnt"), rootfs);
	read_mounts(t, text);
	KTEST_EXPECT_NULL(t, strstr(text, "/mnt"));
	kfree(text);
}

/* A mountpoint cannot be removed (EBUSY); umount of what is not a mount
 * root is EINVAL, of the boot root EBUSY; the types it does not know are
 * ENODEV; options proc does not have are EINVAL. */
static void mount_rules(struct ktest *t)
{
	struct dentry *file, *mnt_root;

	KTEST_ASSERT_EQ(t, do_mount("none", "/mnt", "ramfs", 0, NULL), 0);
	KTEST_EXPECT_EQ(t, vfs_unlink(root_dentry, "mnt", 3, true), -EBUSY);
	mnt_root = path_lookup(root_dentry, root_dentry, "/mnt", LOOKUP_FOLLOW);  /* crosses in */
	KTEST_ASSERT_FALSE(t, IS_ERR(mnt_root));
	KTEST_EXPECT_TRUE(t, mnt_root->d_parent == mnt_root);
	file = ktest_make_file(mnt_root, "f", "x", 1);
	dput(mnt_root);
	KTEST_EXPECT_NOT_NULL(t, file);
	KTEST_EXPECT_EQ(t, do_umount("/mnt/f", 0), -EINVAL);
	KTEST_EXPECT_EQ(t, do_umount("/mnt", 0), 0);
	KTEST_EXPECT_EQ(t, do_umount("/", 0), -EBUSY);
	KTEST_EXPECT_EQ(t, do_mount("none", "/mnt", "ext4", 0, NULL), -ENODEV);
	KTEST_EXPECT_EQ(t, do_mount("proc", "/mnt", "proc", 0, "hidepid=2"), -EINVAL);
	KTEST_EXPECT_EQ(t, do_mount("none", "/mnt", "ramfs", MS_BIND, NULL), -EINVAL);
	KTEST_EXPECT_EQ(t, do_umount("/mnt", MNT_EXPIRE | MNT_DETACH), -EINVAL);
}

/* MNT_EXPIRE: the first call marks an unused mount (EAGAIN), the second
 * unmounts it; a use in between starts over. */
static void umount_expire(struct ktest *t)
{
	KTEST_ASSERT_EQ(t, do_mount("none", "/mnt", "ramfs", 0, NULL), 0);
	KTEST_EXPECT_EQ(t, do_umount("/mnt", MNT_EXPIRE), -EAGAIN);
	KTEST_EXPECT_EQ(t, dev_of(t, "/mnt") != dev_of(t, "/"), true);   /* a use */
	KTEST_EXPECT_EQ(t, do_umount("/mnt", MNT_EXPIRE), -EAGAIN);
	KTEST_EXPECT_EQ(t, do_umount("/mnt", MNT_EXPIRE), 0);
}

/* --- the load average and seq_file ------------------------------------ */

/* Linux's fixed-point step: one runnable task for a minute (12 updates
 * every 5 s) brings the 1-minute average from 0 to 1 - 1/e (0.63); with
 * nothing runnable it decays by EXP_1/FIXED_1 a step. */
static void load_average_steps(struct ktest *t)
{
	unsigned long load = 0;

	KTEST_EXPECT_EQ(t, calc_load(0, EXP_1, FIXED_1), 164);   /* (2048 - 1884), rounded up */
	for (int i = 0; i < 12; i++)
		load = calc_load(load, EXP_1, FIXED_1);
	KTEST_EXPECT_GE(t, load * 100 / FIXED_1, 62);
	KTEST_EXPECT_LE(t, load * 100 / FIXED_1, 64);
	KTEST_EXPECT_EQ(t, calc_load(FIXED_1, EXP_1, 0), EXP_1);
	KTEST_EXPECT_GE(t, nr_active_tasks(), 1);                 /* this test runs */
}

static void seq_file_builds_and_overflows(struct ktest *t)
{
	char buf[16];
	struct seq_file m = { .buf = buf, .size = sizeof(buf) };

	seq_escape(&m, "a b\\", " \\");
	KTEST_EXPECT_EQ(t, m.count, 10);
	KTEST_EXPECT_TRUE(t, !memcmp(buf, "a\\040b\\134", 10));
	seq_setwidth(&m, 12);
	seq_pad(&m, 'x');
	KTEST_EXPECT_EQ(t, m.count, 23);                          /* padded to 10 + 12, 'x' */
	KTEST_EXPECT_TRUE(t, seq_has_overflowed(&m));
	m.count = 0;
	seq_printf(&m, "%d", 123456789);
	KTEST_EXPECT_FALSE(t, seq_has_overflowed(&m));
	seq_printf(&m, "%d", 1234567);                            /* 16 bytes: no room for a NUL */
	KTEST_EXPECT_TRUE(t, seq_has_overflowed(&m));
}

/* --- the files of a released task ------------------------------------- */

static int exit_at_once(void *unused)
{
	return 0;
}

/* /proc's shows of a task released after the read's proc_task_alive (on
 * another CPU a window; here the release comes first): its signal_struct,
 * handlers and user are gone, so the counts read 0, the terminal none,
 * oom_score_adj ESRCH, and nothing is read through a freed pointer (a
 * NULL p->signal oopsed here before). */
static void proc_shows_of_a_released_task(struct ktest *t)
{
	pid_t pid = kernel_thread(exit_at_once, NULL, NULL, SIGCHLD);
	struct proc_inode *pi = kzalloc(sizeof(*pi), GFP_KERNEL);
	char *text = kzalloc(TEXT_SIZE, GFP_KERNEL);
	struct seq_file m = { .buf = text, .size = TEXT_SIZE - 1 };
	long long f[54] = { 0 };
	int status, adj = 7;

	KTEST_ASSERT_NOT_NULL(t, pi);
	KTEST_ASSERT_NOT_NULL(t, text);
	KTEST_ASSERT_GT(t, pid, 0);
	pi->task = find_get_task_by_pid(pid);          /* a zombie until reaped */
	KTEST_ASSERT_NOT_NULL(t, pi->task);
	KTEST_EXPECT_EQ(t, kernel_wait(pid, 0, &status), pid);
	KTEST_EXPECT_NULL(t, pi->task->signal);        /* released */
	KTEST_EXPECT_EQ(t, proc_tgid_stat(&m, pi), 0);
	KTEST_EXPECT_EQ(t, parse_stat_fields(text, f, 52), 52);
	KTEST_EXPECT_EQ(t, f[4], 0);                   /* ppid */
	KTEST_EXPECT_EQ(t, f[7], 0);                   /* tty_nr */
	KTEST_EXPECT_EQ(t, f[8], -1);                  /* tpgid */
	KTEST_EXPECT_EQ(t, f[20], 0);                  /* num_threads */
	m.count = 0;
	KTEST_EXPECT_EQ(t, proc_pid_status(&m, pi), 0);
	text[m.count < TEXT_SIZE ? m.count : TEXT_SIZE - 1] = '\0';
	KTEST_EXPECT_NOT_NULL(t, strstr(text, "Threads:\t0\nSigQ:\t0/0\n"));
	KTEST_EXPECT_EQ(t, get_oom_score_adj(pi->task, &adj), -ESRCH);
	KTEST_EXPECT_EQ(t, adj, 7);
	KTEST_EXPECT_EQ(t, set_oom_score_adj(pi->task, 100), -ESRCH);
	put_task_struct(pi->task);
	kfree(text);
	kfree(pi);
}

/* --- /proc/slabinfo and /proc/sys/vm/drop_caches ------------------------ */

#define SLABINFO_SIZE 16384

/* The active_objs column of cache `name` in /proc/slabinfo, or -1. */
static long slabinfo_active(struct ktest *t, char *text, const char *name)
{
	ssize_t n = ktest_read_file(root_dentry, "/proc/slabinfo", text, SLABINFO_SIZE - 1);
	size_t len = strlen(name);

	KTEST_EXPECT_GT(t, n, 0);
	text[n > 0 ? n : 0] = '\0';
	for (char *line = text; *line; line = strchr(line, '\n') + 1) {
		if (!strncmp(line, name, len) && line[len] == ' ') {
			for (line += len; *line == ' '; line++)
				;
			return simple_strtol(line, NULL, 10);
		}
		if (!strchr(line, '\n'))
			break;
	}
	return -1;
}

/* /proc/slabinfo has Linux's header, and a cache's objects in use move
 * with the allocations: 40 more of kmalloc-64 while they are held, back
 * where they were once they are freed (the reads themselves allocate the
 * same each time). */
static void slabinfo_counts_objects(struct ktest *t)
{
	static const char head[] = "slabinfo - version: 2.1\n# name            "
		"<active_objs> <num_objs> <objsize> <objperslab> <pagesperslab> : tunables "
		"<limit> <batchcount> <sharedfactor> : slabdata <active_slabs> <num_slabs> "
		"<sharedavail>\n";
	char *text = kmalloc(SLABINFO_SIZE, GFP_KERNEL);
	void *held[40];
	long before, during, after;

	KTEST_ASSERT_NOT_NULL(t, text);
	before = slabinfo_active(t, text, "kmalloc-64");
	KTEST_EXPECT_TRUE(t, !strncmp(text, head, sizeof(head) - 1));
	for (int i = 0; i < 40; i++)
		held[i] = kmalloc(64, GFP_KERNEL);
	during = slabinfo_active(t, text, "kmalloc-64");
	for (int i = 0; i < 40; i++)
		kfree(held[i]);
	after = slabinfo_active(t, text, "kmalloc-64");
	KTEST_EXPECT_GE(t, before, 0);
	KTEST_EXPECT_EQ(t, during - before, 40);
	KTEST_EXPECT_EQ(t, after, before);
	kfree(text);
}

static ssize_t write_drop_caches(const char *value)
{
	struct file *f = filp_open(root_dentry, root_dentry, "/proc/sys/vm/drop_caches", O_WRONLY, 0);
	loff_t pos = 0;
	ssize_t n;

	if (IS_ERR(f))
		return PTR_ERR(f);
	n = kernel_write(f, value, strlen(value), &pos);
	fput(f);
	return n;
}

/* A cache whose objects were all freed keeps an empty slab (mm/slab.c:
 * SLAB_FREE_LIMIT) until `echo 2 > /proc/sys/vm/drop_caches` (or 3) gives
 * it back; 1 (the page cache) leaves it; anything but 1 to 4 is EINVAL. */
static void drop_caches_gives_back_empty_slabs(struct ktest *t)
{
	struct kmem_cache *s = kmem_cache_create("test_drop", 200, 0, 0, NULL);

	KTEST_ASSERT_NOT_NULL(t, s);
	kmem_cache_free(s, kmem_cache_alloc(s, GFP_KERNEL));
	KTEST_EXPECT_EQ(t, s->num_slabs, 1);
	KTEST_EXPECT_EQ(t, write_drop_caches("1\n"), 2);
	KTEST_EXPECT_EQ(t, s->num_slabs, 1);
	KTEST_EXPECT_EQ(t, write_drop_caches("2\n"), 2);
	KTEST_EXPECT_EQ(t, s->num_slabs, 0);
	KTEST_EXPECT_EQ(t, write_drop_caches("0"), -EINVAL);
	KTEST_EXPECT_EQ(t, write_drop_caches("5"), -EINVAL);
	KTEST_EXPECT_EQ(t, write_drop_caches("two"), -EINVAL);
	kmem_cache_destroy(s);
}

static const struct ktest_case proc_cases[] = {
	KTEST_CASE(stat_line_of_user_task_and_reap),
	KTEST_CASE(mounts_stack_and_cross),
	KTEST_CASE(mount_rules),
	KTEST_CASE(umount_expire),
	KTEST_CASE(load_average_steps),
	KTEST_CASE(seq_file_builds_and_overflows),
	KTEST_CASE(proc_shows_of_a_released_task),
	KTEST_CASE(slabinfo_counts_objects),
	KTEST_CASE(drop_caches_gives_back_empty_slabs),
	{},
};
KTEST_SUITE(proc, proc_cases);
