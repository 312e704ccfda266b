/* fs/select.c: poll (168), ppoll (309, 414 with a 64-bit timespec), select
 * (82 with its arguments in a struct, _newselect 142) and pselect6 (308,
 * 413), as Linux's fs/select.c.
 *
 * Each call asks every file of its list for its readiness (vfs_poll: the
 * file's f_op->poll, or "always ready" for files without one, such as
 * ramfs files). On the first pass each file also queues the caller on the
 * wait queues a change of its readiness is woken on (poll_wait, an entry
 * per queue, kept in the poll_wqueues: a few inline, more in pages; each
 * holds a reference on its file, so that another thread's close cannot
 * free a queue the caller is on, and a file closed meanwhile is found
 * gone on the next pass, not followed). If
 * nothing is ready, the caller sleeps until a wake-up, a signal or the
 * timeout, and asks again. The task is marked TASK_INTERRUPTIBLE before
 * the files are asked, so a wake-up that comes while they are being asked
 * makes the sleep end at once (f_op->poll must not sleep). A wake-up takes
 * its entry off its queue (kernel/wait.c), so entries are put back
 * before the next pass.
 *
 * Timeouts are kept as the jiffy they end at. After a signal (no fd ready)
 * poll returns -ERESTARTNOHAND and goes on through restart_syscall to the
 * same end if no handler runs (EINTR if one does); select, pselect6 and
 * ppoll write the time left back to the caller's timeout (unless it was
 * zero) and restart with it, as Linux. ppoll and pselect6 install the
 * caller's signal mask for the wait: on EINTR it stays until the handler
 * has run (TIF_RESTORE_SIGMASK), otherwise the old one is back at once. */
#include <kernel.h>
#include <errno.h>
#include <fdtable.h>
#include <fs.h>
#include <poll.h>
#include <uapi/linux/poll.h>     /* struct pollfd, the BAND bits */
#include <sched.h>
#include <sched/signal.h>
#include <slab.h>
#include <syscall.h>
#include <time.h>
#include <timer.h>
#include <asm/page.h>
#include <asm/uaccess.h>

__poll_t vfs_poll(struct file *f, poll_table *pt)
{
	if (!f->f_op || !f->f_op->poll)
		return DEFAULT_POLLMASK;
	return f->f_op->poll(f, pt);
}

/* A queue the caller waits on, and the file it belongs to: referenced
 * while the entry lives, as Linux's, so that a close by another thread
 * cannot free the queue under it. */
struct poll_table_entry {
	struct wait_queue_entry wait;
	struct wait_queue_head *wq;
	struct file *filp;
};

#define N_INLINE_POLL_ENTRIES 12
#define POLL_PAGE_ENTRIES ((PAGE_SIZE - 2 * sizeof(long)) / sizeof(struct poll_table_entry))

struct poll_table_page {
	struct poll_table_page *next;
	unsigned int used;
	struct poll_table_entry entries[POLL_PAGE_ENTRIES];
};

struct poll_wqueues {
	poll_table pt;
	struct poll_table_page *table;    /* the newest page first */
	int error;                        /* -ENOMEM: an entry could not be made */
	unsigned int inline_used;
	struct poll_table_entry inline_entries[N_INLINE_POLL_ENTRIES];
};

static struct poll_table_entry *poll_get_entry(struct poll_wqueues *p)
{
	struct poll_table_page *page = p->table;

	if (p->inline_used < N_INLINE_POLL_ENTRIES)
		return &p->inline_entries[p->inline_used++];
	if (!page || page->used == POLL_PAGE_ENTRIES) {
		page = kmalloc(sizeof(*page), GFP_KERNEL);
		if (!page) {
			p->error = -ENOMEM;
			return NULL;
		}
		page->used = 0;
		page->next = p->table;
		p->table = page;
	}
	return &page->entries[page->used++];
}

/* poll_wait's work for a sleeping poll: an entry for current on wq. */
static void __pollwait(struct file *f, struct wait_queue_head *wq, poll_table *pt)
{
	struct poll_wqueues *p = container_of(pt, struct poll_wqueues, pt);
	struct poll_table_entry *entry = poll_get_entry(p);

	if (!entry)
		return;
	entry->filp = get_file(f);
	entry->wq = wq;
	entry->wait = (struct wait_queue_entry){ 0, current, LIST_HEAD_INIT(entry->wait.entry) };
	add_wait_queue(wq, &entry->wait);
}

static void poll_initwait(struct poll_wqueues *p)
{
	p->pt._qproc = __pollwait;
	p->table = NULL;
	p->error = 0;
	p->inline_used = 0;
}

/* Call fn on every entry of p. */
static void poll_for_each(struct poll_wqueues *p, void (*fn)(struct poll_table_entry *))
{
	for (unsigned int i = 0; i < p->inline_used; i++)
		fn(&p->inline_entries[i]);
	for (struct poll_table_page *page = p->table; page; page = page->next)
		for (unsigned int i = 0; i < page->used; i++)
			fn(&page->entries[i]);
}

static void requeue_poll_entry(struct poll_table_entry *e)
{
	add_wait_queue(e->wq, &e->wait);
}

static void free_poll_entry(struct poll_table_entry *e)
{
	remove_wait_queue(e->wq, &e->wait);
	fput(e->filp);
}

static void poll_freewait(struct poll_wqueues *p)
{
	struct poll_table_page *page = p->table, *next;

	poll_for_each(p, free_poll_entry);
	for (; page; page = next) {
		next = page->next;
		kfree(page);
	}
}

/* Ticks until *end (NULL: for ever), never negative. */
static long ticks_left(const unsigned long *end)
{
	long left;

	if (!end)
		return MAX_SCHEDULE_TIMEOUT;
	left = (long)(*end - jiffies);
	return left > 0 ? left : 0;
}

/* Sleep (the caller set TASK_INTERRUPTIBLE) until a wake-up or *end; the
 * entries a wake-up took off their queues go back on. False once *end
 * has passed. */
static bool poll_schedule_timeout(struct poll_wqueues *p, const unsigned long *end)
{
	long left = schedule_timeout(ticks_left(end));

	poll_for_each(p, requeue_poll_entry);
	return left > 0;
}

/* --- poll --------------------------------------------------------------- */

/* One pollfd: its revents (fd < 0: none; not open: POLLNVAL). */
static __poll_t do_pollfd(struct pollfd *pfd, poll_table *pt)
{
	__poll_t mask = 0;
	struct fd f;

	if (pfd->fd >= 0) {
		f = fdget(pfd->fd);
		mask = f.file ? vfs_poll(f.file, pt) & ((u16)pfd->events | POLLERR | POLLHUP) : POLLNVAL;
		fdput(f);
	}
	pfd->revents = (short)mask;
	return mask;
}

struct poll_list {
	struct pollfd *fds;
	unsigned int nfds;
};

/* One pass over a poll list: how many fds have revents. */
static int poll_pass(void *arg, poll_table **pt)
{
	struct poll_list *list = arg;
	int count = 0;

	for (unsigned int i = 0; i < list->nfds; i++)
		if (do_pollfd(&list->fds[i], *pt)) {
			count++;
			*pt = NULL;             /* ready: no need to queue more */
		}
	return count;
}

/* Contract: the loop of poll and select. pass(arg, &pt) asks every file
 * once (queueing current on their wait queues while pt is set, which only
 * the first pass does, unless *end has passed already) and returns how
 * many are ready. Loops until one is, a signal is pending or *end passes
 * (NULL: no end). Returns the ready count, 0 on timeout, -ERESTARTNOHAND
 * for a signal with none ready, -ENOMEM if a wait entry could not be made
 * and none is ready. Process context, interrupts on; returns running. */
static int poll_loop(int (*pass)(void *arg, poll_table **pt), void *arg, const unsigned long *end)
{
	struct poll_wqueues wait;
	poll_table *pt = &wait.pt;
	int count;

	poll_initwait(&wait);
	if (!ticks_left(end))
		pt = NULL;
	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		count = pass(arg, &pt);
		pt = NULL;
		if (!count) {
			count = wait.error;
			if (signal_pending(current))
				count = -ERESTARTNOHAND;
		}
		if (count || !ticks_left(end) || !poll_schedule_timeout(&wait, end))
			break;
	}
	__set_current_state(TASK_RUNNING);
	poll_freewait(&wait);
	return count;
}

#define POLL_STACK_FDS 32

/* poll's work on user memory: nfds above RLIMIT_NOFILE is -EINVAL; the
 * array is copied in and the revents out (-EFAULT). */
static long do_sys_poll(u32 ufds, unsigned int nfds, const unsigned long *end)
{
	struct pollfd stack_fds[POLL_STACK_FDS], *fds = stack_fds;
	long ret;

	if (nfds > current->signal->rlim[RLIMIT_NOFILE].rlim_cur)
		return -EINVAL;
	if (nfds > POLL_STACK_FDS && !(fds = kmalloc(nfds * sizeof(*fds), GFP_KERNEL)))
		return -ENOMEM;
	ret = -EFAULT;
	if (!copy_from_user(fds, (const void *)ufds, nfds * sizeof(*fds))) {
		struct poll_list list = { fds, nfds };

		ret = poll_loop(poll_pass, &list, end);
		for (unsigned int i = 0; i < nfds && ret >= 0; i++)
			if (copy_to_user((char *)ufds + i * sizeof(*fds) + offsetof(struct pollfd, revents),
					 &fds[i].revents, sizeof(short)))
				ret = -EFAULT;
	}
	if (fds != stack_fds)
		kfree(fds);
	return ret;
}

/* poll interrupted with no handler to run: on through restart_syscall. */
static long do_restart_poll(struct restart_block *rb);

static long poll_restartable(long ret, u32 ufds, unsigned int nfds, const unsigned long *end)
{
	struct restart_block *rb = &current->restart_block;

	if (ret != -ERESTARTNOHAND)
		return ret;
	rb->fn = do_restart_poll;
	rb->poll.ufds = ufds;
	rb->poll.nfds = nfds;
	rb->poll.has_timeout = end != NULL;
	rb->expires = end ? *end : 0;
	return -ERESTART_RESTARTBLOCK;
}

static long do_restart_poll(struct restart_block *rb)
{
	unsigned long end = rb->expires;
	const unsigned long *endp = rb->poll.has_timeout ? &end : NULL;
	u32 ufds = rb->poll.ufds;
	unsigned int nfds = rb->poll.nfds;

	return poll_restartable(do_sys_poll(ufds, nfds, endp), ufds, nfds, endp);
}

/* Whole ticks covering ms (up to 24 days: no overflow on the way). */
static unsigned long poll_ms_to_jiffies(unsigned int ms)
{
	return ms / 1000 * HZ + ((ms % 1000) * HZ + 999) / 1000;
}

/* poll(fds, nfds, timeout_ms): a negative timeout waits for ever. */
long sys_poll(u32 ufds, u32 nfds, u32 timeout_ms, u32 d, u32 e, u32 f)
{
	unsigned long end = jiffies + poll_ms_to_jiffies(timeout_ms);
	const unsigned long *endp = (int)timeout_ms >= 0 ? &end : NULL;

	return poll_restartable(do_sys_poll(ufds, nfds, endp), ufds, nfds, endp);
}

/* --- the timeout and signal mask of ppoll and pselect6 ------------------- */

/* A user timeout (timespec of either layout, or timeval) as the jiffy it
 * ends at; 0, -EFAULT, or -EINVAL (negative, or nanoseconds past a
 * second). *zero: it was zero (nothing is written back then). */
static int get_end_timespec(u32 uts, bool time64, unsigned long *end, bool *zero)
{
	struct timespec64 ts;
	int err = get_user_timespec(uts, &ts, time64);

	if (err)
		return err;
	*zero = !ts.tv_sec && !ts.tv_nsec;
	*end = jiffies + timespec_to_jiffies(&ts);
	return 0;
}

/* The caller's signal mask for the wait (NULL: none): -EINVAL for a size
 * other than 8 bytes, -EFAULT; the old one is saved to come back. */
static int set_user_sigmask(u32 umask, u32 sigsetsize)
{
	sigset_t mask;

	if (!umask)
		return 0;
	if (sigsetsize != sizeof(sigset_t))
		return -EINVAL;
	if (copy_from_user(&mask, (const void *)umask, sizeof(mask)))
		return -EFAULT;
	current->saved_sigmask = current->blocked;
	set_restore_sigmask();
	set_current_blocked(mask);
	return 0;
}

/* The end of ppoll, pselect6 and select: the old signal mask back (unless
 * a handler is to run first), the time left to the caller's timeout
 * (with kind), and a restart turned into EINTR if that write failed. */
enum timeout_kind { TIMEOUT_NONE, TIMEOUT_TIMESPEC32, TIMEOUT_TIMESPEC64, TIMEOUT_TIMEVAL };

static long poll_select_finish(long ret, u32 utimeout, enum timeout_kind kind,
			       const unsigned long *end, bool zero)
{
	struct timespec64 left;
	struct timeval32 tv;
	int err;

	if (ret != -ERESTARTNOHAND && test_and_clear_restore_sigmask())
		set_current_blocked(current->saved_sigmask);
	if (kind == TIMEOUT_NONE || zero)
		return ret;
	jiffies_to_timespec(ticks_left(end), &left);
	if (kind == TIMEOUT_TIMEVAL) {
		tv = (struct timeval32){ (s32)left.tv_sec, (s32)(left.tv_nsec / 1000) };
		err = copy_to_user((void *)utimeout, &tv, sizeof(tv)) ? -EFAULT : 0;
	} else {
		err = put_user_timespec(utimeout, &left, kind == TIMEOUT_TIMESPEC64);
	}
	return err && ret == -ERESTARTNOHAND ? -EINTR : ret;
}

static long do_ppoll(u32 ufds, u32 nfds, u32 uts, u32 umask, u32 sigsetsize, bool time64)
{
	unsigned long end;
	bool zero = false;
	long ret;

	if (uts && (ret = get_end_timespec(uts, time64, &end, &zero)))
		return ret;
	if ((ret = set_user_sigmask(umask, sigsetsize)))
		return ret;
	ret = do_sys_poll(ufds, nfds, uts ? &end : NULL);
	return poll_select_finish(ret, uts, !uts ? TIMEOUT_NONE : time64 ? TIMEOUT_TIMESPEC64
				  : TIMEOUT_TIMESPEC32, &end, zero);
}

long sys_ppoll(u32 ufds, u32 nfds, u32 uts, u32 umask, u32 sigsetsize, u32 f)
{
	return do_ppoll(ufds, nfds, uts, umask, sigsetsize, false);
}

long sys_ppoll_time64(u32 ufds, u32 nfds, u32 uts, u32 umask, u32 sigsetsize, u32 f)
{
	return do_ppoll(ufds, nfds, uts, umask, sigsetsize, true);
}

/* --- select ------------------------------------------------------------- */

#define FDS_WORDS ((NR_OPEN_DEFAULT + 31) / 32)
#define FDS_BYTES(n) (((n) + 31) / 32 * sizeof(u32))

struct fd_set_bits {
	u32 in[FDS_WORDS], out[FDS_WORDS], ex[FDS_WORDS];
	u32 res_in[FDS_WORDS], res_out[FDS_WORDS], res_ex[FDS_WORDS];
};

/* An fd closed while select waits (another thread's close: the check
 * before the wait saw it open) is ready in every set it was asked in, as
 * Linux since 5.17: the close is its event, and the caller's next call on
 * it says EBADF. */
#define POLLIN_SET  (POLLRDNORM | POLLRDBAND | POLLIN | POLLHUP | POLLERR | POLLNVAL)
#define POLLOUT_SET (POLLWRBAND | POLLWRNORM | POLLOUT | POLLERR | POLLNVAL)
#define POLLEX_SET  (POLLPRI | POLLNVAL)

/* The first n bits of a user fd_set (NULL: none); 0 or -EFAULT. */
static int get_fd_set(int n, u32 ufds, u32 *set)
{
	memset(set, 0, FDS_WORDS * sizeof(u32));
	if (!ufds || !n)
		return 0;
	return copy_from_user(set, (const void *)ufds, FDS_BYTES(n)) ? -EFAULT : 0;
}

static int set_fd_set(int n, u32 ufds, const u32 *set)
{
	if (!ufds || !n)
		return 0;
	return copy_to_user((void *)ufds, set, FDS_BYTES(n)) ? -EFAULT : 0;
}

/* Each fd asked for in one of the sets must be open: 0 or -EBADF. */
static int check_select_fds(int n, const struct fd_set_bits *fds)
{
	for (int fd = 0; fd < n; fd++) {
		u32 bit = 1u << (fd % 32), w = fd / 32;

		if (((fds->in[w] | fds->out[w] | fds->ex[w]) & bit) && !fcheck(fd))
			return -EBADF;
	}
	return 0;
}

/* bit into *res if the fd is ready (ready) for what was asked (want): 1. */
static int mark_ready(unsigned int ready, u32 want, u32 *res, u32 bit)
{
	if (!ready || !(want & bit))
		return 0;
	*res |= bit;
	return 1;
}

struct select_list {
	int n;
	struct fd_set_bits *fds;
};

/* One pass over the fds below n: the ready ones into the result sets;
 * their count (an fd ready to read and write counts twice). */
static int select_pass(void *arg, poll_table **pt)
{
	struct select_list *list = arg;
	struct fd_set_bits *fds = list->fds;
	int count = 0;

	for (int fd = 0; fd < list->n; fd++) {
		u32 bit = 1u << (fd % 32), w = fd / 32;
		int before = count;
		struct fd f;
		__poll_t mask;

		if (!((fds->in[w] | fds->out[w] | fds->ex[w]) & bit))
			continue;
		f = fdget(fd);
		mask = f.file ? vfs_poll(f.file, *pt) : POLLNVAL;
		fdput(f);
		count += mark_ready(mask & POLLIN_SET, fds->in[w], &fds->res_in[w], bit);
		count += mark_ready(mask & POLLOUT_SET, fds->out[w], &fds->res_out[w], bit);
		count += mark_ready(mask & POLLEX_SET, fds->ex[w], &fds->res_ex[w], bit);
		if (count != before)
			*pt = NULL;                     /* ready: no need to queue more */
	}
	return count;
}

/* Contract: select over the user fd_sets inp, outp, exp for fds below n
 * (n past the fd table is cut to it) until *end (NULL: for ever).
 * Returns the ready count with the sets rewritten, 0 on timeout (sets
 * cleared), -ERESTARTNOHAND on a signal (sets untouched), -EINVAL (n < 0),
 * -EBADF (an fd in a set is not open), -EFAULT. */
static long core_sys_select(int n, u32 inp, u32 outp, u32 exp, const unsigned long *end)
{
	struct fd_set_bits fds;
	long ret;

	if (n < 0)
		return -EINVAL;
	n = min(n, NR_OPEN_DEFAULT);
	if (get_fd_set(n, inp, fds.in) || get_fd_set(n, outp, fds.out) || get_fd_set(n, exp, fds.ex))
		return -EFAULT;
	if ((ret = check_select_fds(n, &fds)))
		return ret;
	memset(fds.res_in, 0, sizeof(fds.res_in) * 3);
	ret = poll_loop(select_pass, &(struct select_list){ n, &fds }, end);
	if (ret < 0)
		return ret;
	if (set_fd_set(n, inp, fds.res_in) || set_fd_set(n, outp, fds.res_out) ||
	    set_fd_set(n, exp, fds.res_ex))
		return -EFAULT;
	return ret;
}

/* select's struct timeval: microseconds past a second carry over into the
 * seconds (as Linux); negative is -EINVAL. */
static long kern_select(int n, u32 inp, u32 outp, u32 exp, u32 utv)
{
	struct timeval32 tv;
	struct timespec64 ts;
	unsigned long end;
	bool zero = false;

	if (utv) {
		if (copy_from_user(&tv, (const void *)utv, sizeof(tv)))
			return -EFAULT;
		if (tv.tv_sec < 0 || tv.tv_usec < 0)
			return -EINVAL;
		ts.tv_sec = tv.tv_sec + tv.tv_usec / 1000000;
		ts.tv_nsec = (tv.tv_usec % 1000000) * 1000;
		zero = !ts.tv_sec && !ts.tv_nsec;
		end = jiffies + timespec_to_jiffies(&ts);
	}
	return poll_select_finish(core_sys_select(n, inp, outp, exp, utv ? &end : NULL),
				  utv, utv ? TIMEOUT_TIMEVAL : TIMEOUT_NONE, &end, zero);
}

long sys_newselect(u32 n, u32 inp, u32 outp, u32 exp, u32 utv, u32 f)
{
	return kern_select((int)n, inp, outp, exp, utv);
}

/* i386's first select (82): its five arguments in a struct. */
long sys_old_select(u32 uargs, u32 b, u32 c, u32 d, u32 e, u32 f)
{
	u32 a[5];

	if (copy_from_user(a, (const void *)uargs, sizeof(a)))
		return -EFAULT;
	return kern_select((int)a[0], a[1], a[2], a[3], a[4]);
}

/* pselect6(n, in, out, ex, timeout, {sigmask, size}): the sixth argument
 * points at the mask's address and size (NULL: no mask). */
static long do_pselect6(u32 n, u32 inp, u32 outp, u32 exp, u32 uts, u32 usig, bool time64)
{
	u32 pack[2] = { 0, 0 };
	unsigned long end;
	bool zero = false;
	long ret;

	if (usig && copy_from_user(pack, (const void *)usig, sizeof(pack)))
		return -EFAULT;
	if (uts && (ret = get_end_timespec(uts, time64, &end, &zero)))
		return ret;
	if ((ret = set_user_sigmask(pack[0], pack[1])))
		return ret;
	ret = core_sys_select((int)n, inp, outp, exp, uts ? &end : NULL);
	return poll_select_finish(ret, uts, !uts ? TIMEOUT_NONE : time64 ? TIMEOUT_TIMESPEC64
				  : TIMEOUT_TIMESPEC32, &end, zero);
}

long sys_pselect6(u32 n, u32 inp, u32 outp, u32 exp, u32 uts, u32 usig)
{
	return do_pselect6(n, inp, outp, exp, uts, usig, false);
}

long sys_pselect6_time64(u32 n, u32 inp, u32 outp, u32 exp, u32 uts, u32 usig)
{
	return do_pselect6(n, inp, outp, exp, uts, usig, true);
}
