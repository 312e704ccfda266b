/* fs/proc/base.c: the directory of a process, /proc/<pid>, and of each of
 * its threads, /proc/<pid>/task/<tid>: what they hold, the thread listing,
 * and the entries that are neither text tables nor fds: cmdline and
 * environ (the strings exec put on the stack, read from the process's own
 * memory), comm (readable; writable by a thread of the same process, as
 * Linux), oom_score_adj (the OOM killer's bias, include/oom.h: the
 * process's owner may raise it, only root lower it past root's floor),
 * and the links exe, cwd and root. A kernel thread has no address
 * space, so its cmdline is empty (ps shows it as [name]) and its exe link
 * names nothing (ENOENT). environ and the links are for the process's
 * owner and root only (EACCES for others, Linux's ptrace read check). */
#include <kernel.h>
#include <errno.h>
#include <fs.h>
#include <fs_struct.h>
#include <highmem.h>
#include <mm.h>
#include <mman.h>
#include <oom.h>
#include <pid.h>
#include <sched.h>
#include <sched/mm.h>
#include <asm/pgtable.h>
#include "internal.h"

/* One page's worth at most, from the page holding addr; 0 when that page
 * is not readable in mm. */
static size_t copy_from_mm_page(struct mm_struct *mm, unsigned long addr, void *buf, size_t len)
{
	struct vm_area_struct *vma = find_vma(mm, addr);
	size_t n = min(len, PAGE_SIZE - (addr & ~PAGE_MASK));
	struct page *page;
	u32 *pte;
	u8 *kaddr;

	if (!vma || vma->vm_start > addr || !(vma->vm_flags & VM_READ))
		return 0;
	if (handle_mm_fault(vma, addr, 0))       /* as Linux's get_user_pages */
		return 0;
	pte = user_pte(mm, addr);
	if (!pte || !pte_present(*pte))
		return 0;
	page = pfn_to_page(pte_phys(*pte) >> PAGE_SHIFT);
	kaddr = kmap(page);
	memcpy(buf, kaddr + (addr & ~PAGE_MASK), n);
	kunmap(page);
	return n;
}

size_t access_process_vm(struct task_struct *task, unsigned long addr, void *buf, size_t len)
{
	struct mm_struct *mm = get_task_mm(task);   /* it may exit while we read */
	size_t done = 0, n = 1;

	if (!mm)
		return 0;
	down_read(&mm->mmap_lock);       /* its VMAs hold still; buf is the kernel's */
	while (done < len && n) {
		n = copy_from_mm_page(mm, addr + done, (u8 *)buf + done, len - done);
		done += n;
	}
	up_read(&mm->mmap_lock);
	mmput(mm);
	return done;
}

/* Bytes [start + pos, end) of the task's memory, at most count. */
static ssize_t read_area(struct task_struct *task, unsigned long start, unsigned long end,
			 char *buf, size_t count, loff_t pos)
{
	if (pos >= (loff_t)(end - start))
		return 0;
	count = min(count, (size_t)(end - start - pos));
	return access_process_vm(task, start + pos, buf, count);
}

/* The task's argument (env false) or environment area, as read_area. */
static ssize_t mm_area_read(struct proc_inode *pi, bool env, char *buf, size_t count, loff_t pos)
{
	struct mm_struct *mm = get_task_mm(pi->task);
	unsigned long start, end;

	if (!mm)
		return 0;
	start = env ? mm->env_start : mm->arg_start;
	end = env ? mm->env_end : mm->arg_end;
	mmput(mm);
	return read_area(pi->task, start, end, buf, count, pos);
}

static ssize_t cmdline_read(struct proc_inode *pi, char *buf, size_t count, loff_t pos)
{
	return mm_area_read(pi, false, buf, count, pos);
}

static ssize_t environ_read(struct proc_inode *pi, char *buf, size_t count, loff_t pos)
{
	return mm_area_read(pi, true, buf, count, pos);
}

static int comm_show(struct seq_file *m, struct proc_inode *pi)
{
	seq_printf(m, "%s\n", pi->task->comm);
	return 0;
}

/* Linux's comm_write: the first 15 bytes, as written (a newline too), for
 * a thread of the writer's own process; EINVAL for another process. */
static int comm_write(struct proc_inode *pi, const char *buf, size_t count)
{
	char name[TASK_COMM_LEN] = { 0 };

	if (pi->task->tgid != current->tgid)
		return -EINVAL;
	memcpy(name, buf, min(count, sizeof(name) - 1));
	set_task_comm(pi->task, name);
	return 0;
}

static int oom_score_adj_show(struct seq_file *m, struct proc_inode *pi)
{
	int adj, err = get_oom_score_adj(pi->task, &adj);

	if (!err)
		seq_printf(m, "%d\n", adj);
	return err;
}

/* Linux's oom_score_adj_write: one number in -1000..1000 (EINVAL else);
 * below the floor root set is root's alone (EACCES). */
static int oom_score_adj_write(struct proc_inode *pi, const char *buf, size_t count)
{
	long adj;

	if (proc_parse_long(buf, &adj) || adj < OOM_SCORE_ADJ_MIN || adj > OOM_SCORE_ADJ_MAX)
		return -EINVAL;
	return set_oom_score_adj(pi->task, (int)adj);
}

/* The path of dentry d as /proc shows it, into buf. */
static int dentry_path(struct dentry *d, char *buf, size_t size)
{
	char *p = d_path(root_dentry, d, buf, size);

	if (IS_ERR(p))
		return PTR_ERR(p);
	memmove(buf, p, strlen(p) + 1);
	return 0;
}

static int file_path(struct file *f, char *buf, size_t size)
{
	return dentry_path(f->f_dentry, buf, size);
}

static int exe_link(struct proc_inode *pi, char *buf, size_t size)
{
	struct mm_struct *mm = get_task_mm(pi->task);
	int err = -ENOENT;                   /* a kernel thread, a zombie */

	if (mm && mm->exe_file)
		err = file_path(mm->exe_file, buf, size);
	if (mm)
		mmput(mm);
	return err;
}

/* The task's working directory or root: the dentries its fs_struct
 * holds, as paths. */
static int fs_link(struct proc_inode *pi, char *buf, size_t size, bool root)
{
	struct fs_struct *fs;
	struct dentry *d = NULL;
	int err;

	task_lock(pi->task);                 /* exit_fs lets go of it under it */
	fs = pi->task->fs;
	if (fs) {
		spin_lock(&fs->lock);
		d = dget(root ? fs->root : fs->pwd);
		spin_unlock(&fs->lock);
	}
	task_unlock(pi->task);
	if (!d)
		return -ENOENT;                  /* exited */
	err = dentry_path(d, buf, size);
	dput(d);
	return err;
}

static int cwd_link(struct proc_inode *pi, char *buf, size_t size) { return fs_link(pi, buf, size, false); }
static int root_link(struct proc_inode *pi, char *buf, size_t size) { return fs_link(pi, buf, size, true); }

/* --- task/: the threads of the process ------------------------------- */

/* The live thread of dir's process with the smallest tid >= from. */
static long next_tid(struct proc_inode *dir, long from)
{
	struct task_struct *t, *leader;
	long best = -1;

	read_lock(&tasklist_lock);       /* threads exit on other CPUs */
	leader = dir->task->group_leader;
	if (proc_task_alive(dir->task))
		for_each_thread(leader, t)
			if (t->pid >= from && (best < 0 || t->pid < best) && proc_task_alive(t))
				best = t->pid;
	read_unlock(&tasklist_lock);
	return best;
}

static struct dentry *tid_lookup(struct dentry *dir, long tid, const char *name, int len)
{
	struct task_struct *p = PROC_I(dir->d_inode)->task;
	struct task_struct *t = find_get_task_by_pid(tid);
	struct dentry *d = NULL;

	if (t && t->tgid == p->tgid && proc_task_alive(t))
		d = proc_make_dentry(dir, name, len, &proc_tid_entry, t, -1,
				     PROC_INO(tid, true, PROC_SLOT_DIR));
	if (t)
		put_task_struct(t);
	return d;
}

static unsigned long tid_ino(struct proc_inode *dir, long tid)
{
	return PROC_INO(tid, true, PROC_SLOT_DIR);
}

static const struct proc_dyn tid_dyn = {
	.next = next_tid, .lookup = tid_lookup, .ino = tid_ino, .d_type = DT_DIR,
};

static const struct proc_dir task_dir = { .dyn = &tid_dyn };

/* --- the directories -------------------------------------------------- */

#define REG(n, m, fn)   { .name = n, .mode = S_IFREG | (m), .show = fn }
#define LNK(n, fn)      { .name = n, .mode = S_IFLNK | 0777, .get_link = fn, .owner_only = true }
#define COMMON_ENTRIES(stat_fn)                                                         \
	{ .name = "fd", .mode = S_IFDIR | 0500, .dir = &proc_fd_dir, .owner_only = true },  \
	{ .name = "environ", .mode = S_IFREG | 0400, .read = environ_read, .owner_only = true }, \
	REG("status", 0444, proc_pid_status),                                           \
	{ .name = "comm", .mode = S_IFREG | 0644, .show = comm_show, .write = comm_write }, \
	{ .name = "cmdline", .mode = S_IFREG | 0444, .read = cmdline_read },            \
	{ .name = "oom_score_adj", .mode = S_IFREG | 0644, .show = oom_score_adj_show,  \
	  .write = oom_score_adj_write },                                               \
	REG("stat", 0444, stat_fn),                                                     \
	REG("statm", 0444, proc_pid_statm),                                             \
	{ .name = "maps", .mode = S_IFREG | 0444, .show = proc_pid_maps, .owner_only = true }, \
	LNK("cwd", cwd_link),                                                           \
	LNK("root", root_link),                                                         \
	LNK("exe", exe_link),                                                           \
	REG("mounts", 0444, proc_mounts_show)

static const struct proc_entry tgid_entries[] = {
	{ .name = "task", .mode = S_IFDIR | 0555, .dir = &task_dir },
	COMMON_ENTRIES(proc_tgid_stat),
};

static const struct proc_entry tid_entries[] = {
	COMMON_ENTRIES(proc_tid_stat),
};

static const struct proc_dir tgid_dir = {
	.entries = tgid_entries, .nr_entries = ARRAY_SIZE(tgid_entries),
};

static const struct proc_dir tid_dir = {
	.entries = tid_entries, .nr_entries = ARRAY_SIZE(tid_entries), .in_task = true,
};

const struct proc_entry proc_pid_entry = { .name = "<pid>", .mode = S_IFDIR | 0555, .dir = &tgid_dir };
const struct proc_entry proc_tid_entry = { .name = "<tid>", .mode = S_IFDIR | 0555, .dir = &tid_dir };
