/* fs/proc/root.c: the proc filesystem type and the root of /proc: its
 * fixed entries (self, thread-self, meminfo, slabinfo, stat, uptime,
 * loadavg, cpuinfo, version, mounts, filesystems, sys) and a directory per
 * process (thread group leaders are listed, in pid order; any live task's
 * pid can be looked up, as in Linux). Every mount of proc makes a new
 * root dentry; all share one superblock and so one device number, as
 * Linux's proc mounts of one pid namespace do. Mount options (hidepid=, gid=, subset=)
 * are not offered: any option is EINVAL. */
#include <kernel.h>
#include <errno.h>
#include <mount.h>
#include <pid.h>
#include <proc_fs.h>
#include <sched.h>
#include "internal.h"

struct super_block *proc_sb;             /* one for every mount, never freed */

static int self_link(struct proc_inode *pi, char *buf, size_t size)
{
	snprintf(buf, size, "%d", current->tgid);
	return 0;
}

static int thread_self_link(struct proc_inode *pi, char *buf, size_t size)
{
	snprintf(buf, size, "%d/task/%d", current->tgid, current->pid);
	return 0;
}

static int mounts_link(struct proc_inode *pi, char *buf, size_t size)
{
	strlcpy(buf, "self/mounts", size);
	return 0;
}

#define REG(n, fn)  { .name = n, .mode = S_IFREG | 0444, .show = fn }
#define LNK(n, fn)  { .name = n, .mode = S_IFLNK | 0777, .get_link = fn }

static const struct proc_entry root_entries[] = {
	LNK("self", self_link),
	LNK("thread-self", thread_self_link),
	REG("meminfo", proc_meminfo_show),
	{ .name = "slabinfo", .mode = S_IFREG | 0400, .show = proc_slabinfo_show },
	REG("stat", proc_stat_show),
	REG("uptime", proc_uptime_show),
	REG("loadavg", proc_loadavg_show),
	REG("cpuinfo", proc_cpuinfo_show),
	REG("interrupts", proc_interrupts_show),
	REG("version", proc_version_show),
	LNK("mounts", mounts_link),
	REG("filesystems", proc_filesystems_show),
	{ .name = "sys", .mode = S_IFDIR | 0555, .dir = &proc_sys_dir },
};

/* Is pid a process shown in /proc: a live thread group leader (not the
 * idle task, pid 0, which Linux does not show either)? Looked up under
 * tasklist_lock: the task may be reaped on another CPU. */
static bool listed_task(long pid)
{
	struct task_struct *p;
	bool listed;

	if (pid <= 0)
		return false;
	read_lock(&tasklist_lock);
	p = find_task_by_pid(pid);
	listed = p && p->pid == p->tgid && proc_task_alive(p);
	read_unlock(&tasklist_lock);
	return listed;
}

static long next_tgid(struct proc_inode *dir, long from)
{
	for (long pid = from; (pid = next_pid(pid)) >= 0; pid++)
		if (listed_task(pid))
			return pid;
	return -1;
}

/* The dentry holds its own reference to the task (proc_make_dentry); ours
 * covers the lookup. */
static struct dentry *pid_lookup(struct dentry *dir, long pid, const char *name, int len)
{
	struct task_struct *p = pid > 0 ? find_get_task_by_pid(pid) : NULL;
	struct dentry *d = NULL;

	if (p && proc_task_alive(p))
		d = proc_make_dentry(dir, name, len, &proc_pid_entry, p, -1,
				     PROC_INO(pid, false, PROC_SLOT_DIR));
	if (p)
		put_task_struct(p);
	return d;
}

static unsigned long pid_ino(struct proc_inode *dir, long pid)
{
	return PROC_INO(pid, false, PROC_SLOT_DIR);
}

static const struct proc_dyn pid_dyn = {
	.next = next_tgid, .lookup = pid_lookup, .ino = pid_ino, .d_type = DT_DIR,
};

static const struct proc_dir root_dir = {
	.entries = root_entries, .nr_entries = ARRAY_SIZE(root_entries),
	.dyn = &pid_dyn, .ino_base = 2,
};

static const struct proc_entry proc_root_entry = {
	.name = "/", .mode = S_IFDIR | 0555, .dir = &root_dir,
};

static struct dentry *proc_mount(struct file_system_type *type, unsigned long flags,
				 const char *data)
{
	if (data && *data)
		return ERR_PTR(-EINVAL);
	return proc_make_dentry(NULL, "/", 1, &proc_root_entry, NULL, -1, 1);
}

static void proc_kill_sb(struct dentry *root)
{
	dput(root);
}

void proc_evict_inode(struct inode *inode);

static const struct super_operations proc_super_ops = {
	.evict_inode = proc_evict_inode,
};

static struct file_system_type proc_fs_type = {
	.name = "proc", .mount = proc_mount, .kill_sb = proc_kill_sb,
};

void proc_root_init(void)
{
	proc_sb = alloc_super(&proc_fs_type, &proc_super_ops);
	if (!proc_sb || register_filesystem(&proc_fs_type))
		panic("proc_root_init: cannot register procfs");
}
