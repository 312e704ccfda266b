/* kernel/init_task.c: PID 0, the first task (seed claims c14, c15). Nothing
 * creates it: its task_struct is static, and its thread_info and kernel stack
 * are init_thread_union, the 8 KiB, 8 KiB-aligned block that
 * boot/higher_half.asm runs start_kernel on (linker.ld places .data..init_task
 * first in .data so the alignment holds). After rest_init() it is the idle task. Its fs, files,
 * signal handlers and address space are the static init_* structures every
 * later task inherits or copies. */
#include <kernel.h>
#include <cred.h>
#include <fdtable.h>
#include <fs_struct.h>
#include <sched.h>
#include <sched/mm.h>
#include <sched/signal.h>
#include <sched/user.h>

extern u32 swapper_pg_dir[1024];

struct mm_struct init_mm = {
	.pgd = swapper_pg_dir,
	.mm_users = 2,                    /* never reaches 0: never freed */
	.mm_count = 2,                    /* users, and init_task borrowing it (lazy TLB) */
	.mmap = LIST_HEAD_INIT(init_mm.mmap),   /* no user mappings, ever */
	.mmap_lock = __RWSEM_INITIALIZER(init_mm.mmap_lock),
	.page_table_lock = __SPIN_LOCK_UNLOCKED_CLASS("mm->page_table_lock"),
};

struct fs_struct init_fs = {                 /* root, pwd: init_fs_root() */
	.lock = __SPIN_LOCK_UNLOCKED_CLASS("fs->lock"),
	.users = 1,
	.umask = 022,
};
struct files_struct init_files = {
	.file_lock = __SPIN_LOCK_UNLOCKED_CLASS("files->file_lock"),
	.count = 1,
};
struct sighand_struct init_sighand = {
	.siglock = __SPIN_LOCK_UNLOCKED_CLASS("sighand->siglock"),
	.count = 1,
};
/* Linux's initial limits (INIT_RLIMITS): 8 MiB of stack, no core files,
 * 64 KiB locked, the rest mostly unlimited; open files: as many as the fd
 * table holds (Linux: 1024, up to 4096). */
struct signal_struct init_signal = {
	.count = 1,
	.live = 1,
	.shared_pending = { LIST_HEAD_INIT(init_signal.shared_pending.list), 0 },
	.timers = {                       /* none, ever: the idle task's */
		.real_timer = { .entry = LIST_HEAD_INIT(init_signal.timers.real_timer.entry) },
		.posix_mutex = __MUTEX_INITIALIZER(init_signal.timers.posix_mutex),
		.posix_timers = LIST_HEAD_INIT(init_signal.timers.posix_timers),
	},
	.rlim = {
		[RLIMIT_CPU] = { RLIM_INFINITY, RLIM_INFINITY },
		[RLIMIT_FSIZE] = { RLIM_INFINITY, RLIM_INFINITY },
		[RLIMIT_DATA] = { RLIM_INFINITY, RLIM_INFINITY },
		[RLIMIT_STACK] = { 8 << 20, RLIM_INFINITY },
		[RLIMIT_CORE] = { 0, RLIM_INFINITY },
		[RLIMIT_RSS] = { RLIM_INFINITY, RLIM_INFINITY },
		[RLIMIT_NPROC] = { RLIM_INFINITY, RLIM_INFINITY },   /* boot: threads-max / 2 */
		[RLIMIT_NOFILE] = { NR_OPEN_DEFAULT, NR_OPEN_DEFAULT },   /* the fd table */
		[RLIMIT_MEMLOCK] = { 64 << 10, 64 << 10 },
		[RLIMIT_AS] = { RLIM_INFINITY, RLIM_INFINITY },
		[RLIMIT_LOCKS] = { RLIM_INFINITY, RLIM_INFINITY },
		[RLIMIT_SIGPENDING] = { RLIM_INFINITY, RLIM_INFINITY },
		[RLIMIT_MSGQUEUE] = { 819200, 819200 },
		[RLIMIT_NICE] = { 0, 0 },
		[RLIMIT_RTPRIO] = { 0, 0 },
		[RLIMIT_RTTIME] = { RLIM_INFINITY, RLIM_INFINITY },
	},
};

union thread_union init_thread_union __aligned(THREAD_SIZE) __section(".data..init_task") = {
	.thread_info = {
		.task = &init_task,
		.preempt_count = 0,
		.addr_limit = KERNEL_DS,
	},
};

struct task_struct init_task = {
	.state = TASK_RUNNING,
	.stack = &init_thread_union.thread_info,
	.flags = PF_KTHREAD | PF_IDLE,
	.cpus_allowed = { ~0UL },         /* every CPU: its children inherit it */
	.on_cpu = 1,                      /* it is CPU 0's running task */
	.usage = 2,
	.run_list = LIST_HEAD_INIT(init_task.run_list),
	.counter = 0,                     /* idle: never picked while others run */
	.static_prio = 120,               /* nice 0 (kernel/sched/o1.c) */
	.prio = 140,                      /* MAX_PRIO: below every task */
	.time_slice = HZ,                 /* what its first children share (2.6) */
	.nice = 0,                        /* inherited by every task */
	.mm = NULL,
	.active_mm = &init_mm,
	.pid = 0, .tgid = 0, .pgid = 0, .sid = 0,
	.user = &root_user,               /* uid, euid, suid, gids: 0 (root) */
	.group_info = &init_groups,       /* no supplementary groups */
	.real_parent = &init_task,
	.parent = &init_task,
	.group_leader = &init_task,
	.thread_group = LIST_HEAD_INIT(init_task.thread_group),
	.children = LIST_HEAD_INIT(init_task.children),
	.sibling = LIST_HEAD_INIT(init_task.sibling),
	.tasks = LIST_HEAD_INIT(init_task.tasks),
	.pid_chain = LIST_HEAD_INIT(init_task.pid_chain),
	.fs = &init_fs,
	.alloc_lock = __SPIN_LOCK_UNLOCKED_CLASS("&p->alloc_lock"),
	.files = &init_files,
	.sighand = &init_sighand,
	.signal = &init_signal,
	.pending = { LIST_HEAD_INIT(init_task.pending.list), 0 },
	.exit_signal = -1,
	.wait_chldexit = __WAIT_QUEUE_HEAD_INITIALIZER(init_task.wait_chldexit),
	.comm = "swapper",
	.thread = { .esp0 = (u32)&init_thread_union + THREAD_SIZE },
};

/* Written at boot (the union is static data, so the canary is set here
 * rather than at fork). */
void init_task_stack_end(void)
{
	*end_of_stack(&init_task) = STACK_END_MAGIC;
}
