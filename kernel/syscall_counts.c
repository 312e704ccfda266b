/* kernel/syscall_counts.c: system calls counted per number and per process
 * (include/syscall_counts.h): the chunks made on first use, dropped with
 * the signal_struct, and the file that shows them. do_syscall counts every
 * entry and every -ENOSYS answer. A reader sees its own process's counts
 * in /sys/kernel/debug/syscall_counts (a debug file, as Linux's debugfs
 * under /sys/kernel/debug: Tasklab has no debugfs, so it is a ramfs file
 * whose read formats the caller's counts), one line per number called
 * (numbers never called are left out):
 *
 *   435 clone3 3 0       nr, handler name, calls, ENOSYS answers
 *   17 - 1 1             a number with no handler: always ENOSYS
 *
 * Counting is off unless the kernel command line says `syscall_counts`
 * (then every process counts from its first call); off, the file reads
 * one comment line, which no count parser takes for a count.
 *
 * This is how a test shows that glibc's pthread_create makes one clone3
 * and no failed attempt (user/glibc/pthread-clone3.c), and how a student
 * finds the calls a program wanted that Tasklab lacks. */
#include <kernel.h>
#include <errno.h>
#include <fs.h>
#include <kallsyms.h>
#include <params.h>
#include <slab.h>
#include <syscall_counts.h>
#include <uio.h>

_Static_assert(SYSCALL_COUNT_CHUNKS * SYSCALL_COUNT_CHUNK >= NR_syscalls,
	       "signal_struct.syscall_counts covers every number");
_Static_assert(SYSCALL_COUNT_CHUNKS <= 16, "a bit of syscall_chunks_made per chunk");

unsigned long syscall_counts_lost;
bool syscall_counting;

static int syscall_counts_param(const char *value)
{
	if (value)
		return -EINVAL;
	syscall_counting = true;
	return 0;
}
KERNEL_PARAM("syscall_counts", syscall_counts_param);

/* The chunk for nr, made now if it is not there yet; NULL (and the count
 * lost) when there is no memory. Process context: it may allocate. Two
 * threads of the process may make the same chunk at once on two CPUs: the
 * first to install it wins, the other frees its own (a plain store lost
 * one chunk: thread_futex and thread_exit leaked a kmalloc-256 object
 * under multi-threaded TCG). */
static struct syscall_count_chunk *chunk_of(u32 nr)
{
	struct signal_struct *sig = current->signal;
	struct syscall_count_chunk **slot = &sig->syscall_counts[nr / SYSCALL_COUNT_CHUNK];
	struct syscall_count_chunk *c = READ_ONCE(*slot), *fresh;

	if (likely(c))
		return c;
	fresh = kzalloc(sizeof(*fresh), GFP_KERNEL);
	if (!fresh) {
		syscall_counts_lost++;
		return NULL;
	}
	if (__sync_bool_compare_and_swap(slot, NULL, fresh)) {
		__atomic_fetch_or(&sig->syscall_chunks_made, 1u << (nr / SYSCALL_COUNT_CHUNK),
				  __ATOMIC_RELAXED);
		return fresh;
	}
	kfree(fresh);
	return READ_ONCE(*slot);
}

void count_syscall_first(u32 nr, bool enosys)
{
	struct syscall_count_chunk *c = chunk_of(nr);

	if (c)
		(enosys ? c->enosys : c->calls)[nr % SYSCALL_COUNT_CHUNK]++;
}

void init_syscall_counts(struct signal_struct *sig)
{
	memset(sig->syscall_counts, 0, sizeof(sig->syscall_counts));
	sig->syscall_chunks_made = 0;
}

/* Only the chunks made (a process touches one to four): a scan of all
 * fifteen slots cost each process's exit some 80 instructions. */
void exit_syscall_counts(struct signal_struct *sig)
{
	for (unsigned int made = sig->syscall_chunks_made; made; made &= made - 1) {
		int i = __builtin_ctz(made);

		kfree(sig->syscall_counts[i]);
		sig->syscall_counts[i] = NULL;
	}
	sig->syscall_chunks_made = 0;
}

static const struct syscall_count_chunk *chunk_in(const struct signal_struct *sig, u32 nr)
{
	return nr < NR_syscalls ? sig->syscall_counts[nr / SYSCALL_COUNT_CHUNK] : NULL;
}

u32 syscall_calls_of(const struct signal_struct *sig, u32 nr)
{
	const struct syscall_count_chunk *c = chunk_in(sig, nr);

	return c ? c->calls[nr % SYSCALL_COUNT_CHUNK] : 0;
}

u32 syscall_enosys_of(const struct signal_struct *sig, u32 nr)
{
	const struct syscall_count_chunk *c = chunk_in(sig, nr);

	return c ? c->enosys[nr % SYSCALL_COUNT_CHUNK] : 0;
}

const char *syscall_name(u32 nr)
{
	syscall_fn_t fn = sys_call_table[nr];
	unsigned long off, size;
	const char *name = fn ? kallsyms_lookup((unsigned long)fn, &off, &size) : NULL;

	if (!name)
		return "-";
	return strncmp(name, "sys_", 4) ? name : name + 4;
}

size_t syscall_counts_show(const struct signal_struct *sig, char *buf, size_t size)
{
	size_t len = 0;

	buf[0] = '\0';
	if (!syscall_counting)
		return snprintf(buf, size, "# not counting: boot with syscall_counts\n");
	for (u32 nr = 0; nr < NR_syscalls; nr++) {
		u32 calls = syscall_calls_of(sig, nr), enosys = syscall_enosys_of(sig, nr);
		int n;

		if (!calls && !enosys)
			continue;
		n = snprintf(buf + len, size - len, "%u %s %u %u\n", nr, syscall_name(nr),
			     calls, enosys);
		if (n < 0 || (size_t)n >= size - len) {
			buf[len] = '\0';         /* stop at the last whole line */
			break;
		}
		len += n;
	}
	return len;
}

/* 450 numbers of at most "449 rt_sigtimedwait_time64 4294967295 4294967295\n". */
#define SHOW_SIZE (16 * 1024)

/* What one open file reads: the counts as they were at its read from
 * offset 0 (Linux's seq_file does the same), so that the reader's own
 * read and write calls, counted between its reads, do not shift the text
 * under it. */
struct counts_text {
	size_t len;
	char text[SHOW_SIZE];
};

/* Read: the caller's own process's counts, from *pos on. */
static ssize_t syscall_counts_read(struct file *f, struct iov_iter *to, loff_t *pos)
{
	struct counts_text *snap = f->private_data;
	size_t n;

	if (!snap || *pos == 0) {
		if (!snap && !(snap = kmalloc(sizeof(*snap), GFP_KERNEL)))
			return -ENOMEM;
		snap->len = syscall_counts_show(current->signal, snap->text, SHOW_SIZE);
		f->private_data = snap;
	}
	if (*pos >= (loff_t)snap->len)
		return 0;
	n = copy_to_iter(snap->text + *pos, snap->len - *pos, to);
	if (!n && to->fault)
		return -EFAULT;
	*pos += n;
	return n;
}

static void syscall_counts_release(struct file *f)
{
	kfree(f->private_data);
}

static const struct file_operations syscall_counts_fops = {
	.read_iter = syscall_counts_read,
	.release = syscall_counts_release,
};

int syscall_counts_init(void)
{
	static const char *const path[] = { "sys", "kernel", "debug" };
	struct dentry *dir = ramfs_make_dirs(root_dentry, path, ARRAY_SIZE(path)), *d;

	if (IS_ERR(dir))
		return PTR_ERR(dir);
	d = ramfs_create(dir, "syscall_counts", 14, S_IFREG | 0444, 0);
	if (IS_ERR(d))
		return PTR_ERR(d);
	d->d_inode->i_fop = &syscall_counts_fops;
	return 0;
}
