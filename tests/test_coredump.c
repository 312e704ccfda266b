/* tests/test_coredump.c: the core file of a real two-thread glibc program
 * (fs/coredump.c, fs/binfmt_elf_core.c). /bin/crash-threads
 * (user/glibc/crash-threads.c) runs as a child of the case in "/", with
 * RLIMIT_CORE raised to unlimited as `ulimit -c unlimited` would, and its
 * worker thread dies of SIGSEGV in crash_here() while the main thread
 * waits.
 *
 *   core_file (every boot): the wait status has the core bit; /core is an
 *   ELF core of i386 whose notes come in Linux's order (the faulting
 *   thread's NT_PRSTATUS first, the process's notes, its FPU notes, then
 *   the main thread's), name both threads with the fatal signal, carry
 *   comm and argv, SIGSEGV's siginfo and exec's auxv; a PT_LOAD with
 *   contents covers the faulting thread's stack, the program text has
 *   only its header. A symlink planted as /core is replaced, not
 *   followed.
 *   core_gdb.core_to_com2 (manual): the program named by core_prog=
 *   (/bin/crash-threads by default) crashes the same way and its core
 *   goes out over COM2, framed as below, for tests/run.py to rebuild on
 *   the host: make test opens it with the host's gdb and the unstripped
 *   build/user/glibc/crash-threads (checking the backtrace and both
 *   threads); `make core PROG=NAME` does it for any program.
 *
 * The frame on COM2: "TLCORE <name> <size>\n", then for each page of the
 * file 'Z' (a hole, or zeros) or 'D' and the page's bytes (the last page
 * only up to <size>), then "TLCORE-END <sum>\n", the sum of all bytes
 * mod 2^32 in hex. */
#include <kernel.h>
#include <binfmts.h>
#include <elf.h>
#include <errno.h>
#include <fdtable.h>
#include <fs.h>
#include <highmem.h>
#include <ktest.h>
#include <params.h>
#include <sched.h>
#include <sched/signal.h>
#include <slab.h>
#include <string.h>
#include <asm/com2.h>
#include <asm/elf.h>
#include <uapi/linux/auxvec.h>
#include <uapi/linux/wait.h>
#include "fs_helpers.h"

#define CRASH_PROG "/bin/crash-threads"
#define CORE_PATH  "/core"
#define HEAD_BYTES 16384                 /* the headers and notes */

/* The program's first moments, as a kernel thread: core dumps on, then exec. */
static int crash_child(void *arg)
{
	static const char *const envp[] = { "HOME=/", "PATH=/bin", NULL };
	const char *argv[] = { arg, NULL };
	int err;

	current->signal->rlim[RLIMIT_CORE].rlim_cur = RLIM_INFINITY;
	err = open_console_fds();
	if (!err)
		err = kernel_execve(argv[0], argv, envp);
	return -err;
}

/* Run path to its end: its wait status (and pid), or -errno. */
static int run_crash(const char *path, pid_t *pid)
{
	int status;

	*pid = kernel_thread(crash_child, (void *)path, NULL, SIGCHLD);
	if (*pid < 0)
		return *pid;
	return kernel_wait(*pid, 0, &status) == *pid ? status : -ECHILD;
}

static void remove_core(void)
{
	vfs_unlink(root_dentry, "core", 4, false);
}

/* What the case learns from the notes. */
struct core_notes {
	u32 types[16];
	int n;
	const u32 *status[2];             /* the NT_PRSTATUS descriptors */
	int nstatus;
	const char *psinfo, *siginfo;
	const u32 *auxv;
	u32 auxv_words;
};

static void read_notes(const u8 *buf, u32 off, u32 size, struct core_notes *cn)
{
	for (u32 at = off; at + sizeof(Elf32_Nhdr) <= off + size && cn->n < 16;) {
		const Elf32_Nhdr *nh = (const void *)(buf + at);
		const u8 *desc = buf + at + sizeof(*nh) + ALIGN_UP(nh->n_namesz, 4);

		cn->types[cn->n++] = nh->n_type;
		if (nh->n_type == NT_PRSTATUS && cn->nstatus < 2)
			cn->status[cn->nstatus++] = (const u32 *)desc;
		else if (nh->n_type == NT_PRPSINFO)
			cn->psinfo = (const char *)desc;
		else if (nh->n_type == NT_SIGINFO)
			cn->siginfo = (const char *)desc;
		else if (nh->n_type == NT_AUXV) {
			cn->auxv = (const u32 *)desc;
			cn->auxv_words = nh->n_descsz / 4;
		}
		at += sizeof(*nh) + ALIGN_UP(nh->n_namesz, 4) + ALIGN_UP(nh->n_descsz, 4);
	}
}

static u32 auxv_value(const struct core_notes *cn, u32 type)
{
	for (u32 i = 0; i + 1 < cn->auxv_words; i += 2)
		if (cn->auxv[i] == type)
			return cn->auxv[i + 1];
	return 0;
}

/* The PT_LOAD holding addr, or NULL. */
static const Elf32_Phdr *load_of(const Elf32_Ehdr *eh, u32 addr)
{
	const Elf32_Phdr *ph = (const void *)((const u8 *)eh + eh->e_phoff);

	for (int i = 0; i < eh->e_phnum; i++)
		if (ph[i].p_type == PT_LOAD && addr - ph[i].p_vaddr < ph[i].p_memsz)
			return &ph[i];
	return NULL;
}

/* prstatus words: pr_pid at byte 24, pr_cursig at 12, pr_reg at 72. */
#define PR_PID(st)    ((st)[6])
#define PR_CURSIG(st) (*(const u16 *)((const u8 *)(st) + 12))
#define PR_REG(st, i) ((st)[18 + (i)])
#define REG_ESP 15
#define REG_EIP 12

static void check_notes(struct ktest *t, const struct core_notes *cn, pid_t pid)
{
	static const u32 order[] = { NT_PRSTATUS, NT_PRPSINFO, NT_SIGINFO, NT_AUXV, NT_PRFPREG,
				     NT_PRXFPREG, NT_PRSTATUS, NT_PRFPREG, NT_PRXFPREG };

	KTEST_ASSERT_EQ(t, cn->n, ARRAY_SIZE(order));
	for (unsigned int i = 0; i < ARRAY_SIZE(order); i++)
		KTEST_EXPECT_EQ(t, cn->types[i], order[i]);
	KTEST_ASSERT_EQ(t, cn->nstatus, 2);
	KTEST_EXPECT_NE(t, PR_PID(cn->status[0]), pid);       /* the worker faulted */
	KTEST_EXPECT_EQ(t, PR_PID(cn->status[1]), pid);       /* main waited */
	KTEST_EXPECT_EQ(t, PR_CURSIG(cn->status[0]), SIGSEGV);
	KTEST_EXPECT_EQ(t, PR_CURSIG(cn->status[1]), SIGSEGV);
	KTEST_EXPECT_STREQ(t, cn->psinfo + 28, "crash-threads");      /* pr_fname */
	KTEST_EXPECT_STREQ(t, cn->psinfo + 44, CRASH_PROG);           /* pr_psargs */
	KTEST_EXPECT_EQ(t, *(const u32 *)(cn->psinfo + 12), pid);      /* pr_pid */
	KTEST_EXPECT_EQ(t, ((const u32 *)cn->siginfo)[0], SIGSEGV);
	KTEST_EXPECT_EQ(t, ((const u32 *)cn->siginfo)[2], 1);          /* SEGV_MAPERR */
	KTEST_EXPECT_EQ(t, ((const u32 *)cn->siginfo)[3], 0);          /* si_addr: NULL */
	KTEST_EXPECT_EQ(t, auxv_value(cn, AT_PAGESZ), PAGE_SIZE);
	KTEST_EXPECT_EQ(t, cn->auxv[cn->auxv_words - 2], AT_NULL);
}

/* Read /core's head: the ELF header, program headers and notes. */
static void check_core_head(struct ktest *t, pid_t pid, u8 *buf)
{
	const Elf32_Ehdr *eh = (const void *)buf;
	const Elf32_Phdr *ph = (const void *)(buf + sizeof(*eh)), *stack, *text;
	struct core_notes cn = { .n = 0 };
	ssize_t n = ktest_read_file(root_dentry, CORE_PATH, buf, HEAD_BYTES);

	KTEST_ASSERT_GT(t, n, (ssize_t)sizeof(*eh));
	KTEST_EXPECT_EQ(t, memcmp(eh->e_ident, ELFMAG, 4), 0);
	KTEST_EXPECT_EQ(t, eh->e_ident[EI_CLASS], ELFCLASS32);
	KTEST_EXPECT_EQ(t, eh->e_type, ET_CORE);
	KTEST_EXPECT_EQ(t, eh->e_machine, EM_386);
	KTEST_ASSERT_EQ(t, ph[0].p_type, PT_NOTE);
	KTEST_ASSERT_TRUE(t, ph[0].p_offset + ph[0].p_filesz <= (u32)n);
	read_notes(buf, ph[0].p_offset, ph[0].p_filesz, &cn);
	check_notes(t, &cn, pid);
	if (cn.nstatus < 1)
		return;
	stack = load_of(eh, PR_REG(cn.status[0], REG_ESP));
	text = load_of(eh, PR_REG(cn.status[0], REG_EIP));
	KTEST_ASSERT_NOT_NULL(t, stack);
	KTEST_EXPECT_EQ(t, stack->p_filesz, stack->p_memsz);   /* writable: its contents */
	KTEST_EXPECT_TRUE(t, stack->p_flags & PF_W);
	KTEST_ASSERT_NOT_NULL(t, text);
	KTEST_EXPECT_EQ(t, text->p_filesz, 0);                 /* the program's text: header only */
	KTEST_EXPECT_TRUE(t, text->p_flags & PF_X);
}

static void crash_threads_core_has_both_threads(struct ktest *t)
{
	u8 *buf = kzalloc(HEAD_BYTES, GFP_KERNEL);
	pid_t pid;
	int status;

	KTEST_ASSERT_NOT_NULL(t, buf);
	remove_core();
	status = run_crash(CRASH_PROG, &pid);
	KTEST_EXPECT_TRUE(t, WIFSIGNALED(status));
	KTEST_EXPECT_EQ(t, WTERMSIG(status), SIGSEGV);
	KTEST_EXPECT_TRUE(t, WCOREDUMP(status));
	check_core_head(t, pid, buf);
	kfree(buf);
	remove_core();
}

/* A symlink named core is not followed: it is unlinked (root may, in
 * "/") and a regular file made in its place; the target never appears. */
static void core_replaces_a_symlink_not_its_target(struct ktest *t)
{
	static const char target[] = "/tmp/core-target";
	struct dentry *d;
	pid_t pid;
	int status;

	remove_core();
	KTEST_ASSERT_FALSE(t, IS_ERR(ramfs_symlink(root_dentry, "core", 4, target, strlen(target))));
	status = run_crash(CRASH_PROG, &pid);
	KTEST_EXPECT_EQ(t, status, SIGSEGV | 0x80);
	d = path_lookup(root_dentry, root_dentry, CORE_PATH, 0);
	KTEST_ASSERT_FALSE(t, IS_ERR(d));
	KTEST_EXPECT_TRUE(t, S_ISREG(d->d_inode->i_mode));
	KTEST_EXPECT_EQ(t, d->d_inode->i_mode & 07777, 0600);
	dput(d);
	d = path_lookup(root_dentry, root_dentry, target, 0);
	KTEST_EXPECT_EQ(t, PTR_ERR(d), -ENOENT);
	if (!IS_ERR(d))
		dput(d);
	remove_core();
}

static const struct ktest_case core_file_cases[] = {
	KTEST_CASE(crash_threads_core_has_both_threads),
	KTEST_CASE(core_replaces_a_symlink_not_its_target),
	{}
};
KTEST_SUITE(core_file, core_file_cases);

static bool all_zero(const u8 *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i])
			return false;
	return true;
}

/* Send inode's bytes out over COM2 in the frame described at the top. */
static void com2_send_file(struct inode *inode, const char *name)
{
	char line[64];
	u32 sum = 0;

	com2_write(line, snprintf(line, sizeof(line), "TLCORE %s %lld\n", name, inode->i_size));
	for (loff_t off = 0; off < inode->i_size; off += PAGE_SIZE) {
		struct page *page = find_get_page(inode, off >> PAGE_SHIFT);
		size_t len = min((loff_t)PAGE_SIZE, inode->i_size - off);
		const u8 *kaddr = page ? kmap(page) : NULL;

		if (kaddr && !all_zero(kaddr, len)) {
			com2_write("D", 1);
			com2_write(kaddr, len);
			for (size_t i = 0; i < len; i++)
				sum += kaddr[i];
		} else {
			com2_write("Z", 1);
		}
		if (page) {
			kunmap(page);
			put_page(page);
		}
	}
	com2_write(line, snprintf(line, sizeof(line), "TLCORE-END %08x\n", sum));
}

/* core_prog=/bin/NAME: the program core_gdb runs (make core PROG=NAME). */
static char core_prog[128] = CRASH_PROG;

static int set_core_prog(const char *value)
{
	if (!value || value[0] != '/' || strlen(value) >= sizeof(core_prog))
		return -EINVAL;
	strlcpy(core_prog, value, sizeof(core_prog));     /* the word is the parser's */
	return 0;
}
KERNEL_PARAM("core_prog", set_core_prog);

static void core_to_com2(struct ktest *t)
{
	const char *name = strrchr(core_prog, '/') + 1;
	struct file *f;
	pid_t pid;
	int status;

	KTEST_ASSERT_TRUE(t, com2_probe());        /* run.py gives this boot a COM2 */
	remove_core();
	status = run_crash(core_prog, &pid);
	ktest_log(t, "%s (pid %d) ended with wait status %#x", core_prog, pid, status);
	KTEST_ASSERT_TRUE(t, WIFSIGNALED(status) && WCOREDUMP(status));
	f = filp_open(root_dentry, root_dentry, CORE_PATH, O_RDONLY, 0);
	KTEST_ASSERT_FALSE(t, IS_ERR(f));
	ktest_log(t, "sending %s (%lld bytes) over COM2", CORE_PATH, f->f_inode->i_size);
	com2_send_file(f->f_inode, name);
	fput(f);
	remove_core();
}

static const struct ktest_case core_gdb_cases[] = {
	KTEST_MANUAL(core_to_com2),
	{}
};
KTEST_SUITE(core_gdb, core_gdb_cases);

/* Who gets a core and who does not (limits, signals, dumpable, owners):
 * user/bin/utest_core.c, also run under qemu-i386. */
KTEST_PROGRAM_SUITE(core, "/bin/utest_core");
