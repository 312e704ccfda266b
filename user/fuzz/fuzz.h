/* user/fuzz/fuzz.h: the system-call fuzzer's shared pieces (/bin/fuzz,
 * user/bin/fuzz.c; the calls and their arguments in user/fuzz/).
 *
 * One run: the top process (PID 1 under init=/bin/fuzz) forks a supervisor,
 * which keeps `workers` worker processes busy calling random system calls
 * and respawns those that die; a watchdog SIGKILLs a worker whose progress
 * counter stands still. Every process of the run shares one page of
 * counters (MAP_SHARED anonymous, made by the top before its first fork):
 * the calls per number, the deaths by signal, each worker's progress. A
 * worker's randomness is xorshift seeded from the run's seed, the worker's
 * index and its generation, so a seed replays the same call streams (the
 * interleaving is the scheduler's). */
#ifndef FUZZ_H
#define FUZZ_H

#include <sys/types.h>
#include <sys/syscall.h>

/* Linux i386 numbers the fuzzer's own code calls that the shared header
 * (include/uapi/asm/unistd_32.h) may not list yet. */
#ifndef __NR_signal
#define __NR_signal      48
#endif
#ifndef __NR_umount2
#define __NR_umount2     52
#endif
#ifndef __NR_truncate
#define __NR_truncate    92
#endif
#ifndef __NR_ftruncate
#define __NR_ftruncate   93
#endif
#ifndef __NR_pread64
#define __NR_pread64     180
#endif
#ifndef __NR_pwrite64
#define __NR_pwrite64    181
#endif
#ifndef __NR_setgroups32
#define __NR_setgroups32 206
#endif

#define FUZZ_MAX_WORKERS 16
#define FUZZ_NR_MAX      512        /* calls counted per number below this */
#define FUZZ_NSIG        65

/* The fixed places of a worker's memory: the arena that the memory calls
 * churn (and nothing else lives in), the buffers the pointers point into
 * (BUF_PAGES read-write pages, one read-only, then a PROT_NONE one, then a
 * hole), a read-only page of landing pad addresses, the thread stacks and
 * the alternate signal stack, and a range never mapped: all between the
 * program and heap (0x08048000 up) and where mmap places what is not
 * fixed (0x40000000 up). */
#define FUZZ_ARENA       0x20000000UL
#define FUZZ_ARENA_SIZE  (1UL << 20)
#define FUZZ_BUFS        0x21000000UL
#define FUZZ_BUF_PAGES   8
#define FUZZ_BUF_RO      (FUZZ_BUFS + FUZZ_BUF_PAGES * 4096UL)   /* read-only page */
#define FUZZ_BUF_NONE    (FUZZ_BUF_RO + 4096UL)                  /* PROT_NONE page */
#define FUZZ_BUFS_END    (FUZZ_BUF_NONE + 4096UL)                /* then unmapped */
#define FUZZ_PADSTACK    0x21fff000UL      /* a page of landing pad addresses */
#define FUZZ_STACKS      0x22000000UL
#define FUZZ_STACK_SIZE  (32UL << 10)
#define FUZZ_MAX_THREADS 8
#define FUZZ_ALTSTACK    (FUZZ_STACKS + FUZZ_MAX_THREADS * FUZZ_STACK_SIZE)
#define FUZZ_ALTSTACK_SIZE (16UL << 10)   /* sigaltstack's: no call writes it */
#define FUZZ_HOLE        0x30000000UL                            /* never mapped */

/* A worker exec'd into /bin/fuzz exec-child ends with this status. */
#define FUZZ_EXEC_CHILD_STATUS 0x42

struct fuzz_worker_slot {
	volatile unsigned int calls;      /* progress: bumped by the worker's family */
	volatile int pid;                 /* set by the supervisor */
	volatile unsigned int gen;        /* generation: respawns so far */
	volatile int last_nr;             /* the call last started (for the watchdog) */
	volatile unsigned int scenario;   /* the scenario running, 0 for none */
};

/* Structured scenarios (user/fuzz/scenarios.c). */
enum fuzz_scenario {
	SCEN_NONE, SCEN_THREADS, SCEN_EXEC_THREAD, SCEN_STORM_ROOT, SCEN_STORM_USER,
	SCEN_SIGRETURN, SCEN_MM_CHURN, SCEN_PIPES, SCEN_FUTEX, SCEN_FILES, SCEN_NR
};

struct fuzz_shared {
	struct fuzz_worker_slot w[FUZZ_MAX_WORKERS];
	volatile unsigned int per_nr[FUZZ_NR_MAX];     /* calls made, per number */
	volatile unsigned int other_nr;                /* numbers >= FUZZ_NR_MAX */
	volatile unsigned int deaths[FUZZ_NSIG];       /* reaped, killed by signal n */
	volatile unsigned int exits;                   /* reaped, exited */
	volatile unsigned int exec_exits;              /* workers that exec'd exec-child */
	volatile unsigned int worker_deaths[FUZZ_NSIG];/* of those, workers: by signal n */
	volatile unsigned int worker_exits;
	volatile unsigned int scen_runs[SCEN_NR];
	volatile unsigned int storm_eagain_root, storm_eagain_user, storm_max_root;
	volatile unsigned int exec_thread_ok, exec_thread_other;
	volatile unsigned int respawns, watchdog_kills;
	volatile unsigned int bugs;                    /* failed semantic checks */
	volatile int watchdog_last_nr;                 /* the call of the last kill */
	volatile int top_pid, sup_pid;                 /* never a signal's target */
	char bug_msg[256];                             /* the last failed check */
};

/* A thread's fuzzing state: each thread of a worker has its own. */
struct fuzz_ctx {
	unsigned long long rng;
	struct fuzz_shared *sh;
	int worker;                 /* index of the worker slot */
	unsigned int weight_gen;    /* bumped when a weight changes */
	pid_t pid, tid;
	int depth;                  /* 0: the worker, 1+: a child of it */
	int children[16];           /* the process's children not yet reaped */
	unsigned int child_born[16];/* ... and c->calls when each was made */
	int nchildren;
	long cur_nr;                /* the call being made */
	int tids[FUZZ_MAX_THREADS]; /* live threads of a thread scenario */
	int max_fd;
	unsigned int calls;         /* made by this ctx */
	unsigned long maps[8][2];   /* mappings made outside the arena: address, length */
	unsigned int uid;           /* the unprivileged uid of this worker */
};

/* --- randomness (user/fuzz/rand.c) -------------------------------------- */
void rng_seed(struct fuzz_ctx *c, unsigned long long seed, unsigned int a, unsigned int b);
unsigned int rnd(struct fuzz_ctx *c);
unsigned int rnd_below(struct fuzz_ctx *c, unsigned int n);
static inline int chance(struct fuzz_ctx *c, unsigned int percent)
{
	return rnd_below(c, 100) < percent;
}
/* One of n constants. */
#define PICK(c, ...) ({ const long __v[] = { __VA_ARGS__ }; \
			__v[rnd_below(c, sizeof(__v) / sizeof(__v[0]))]; })

/* --- arguments (user/fuzz/args.c) --------------------------------------- */
enum arg_kind {
	A_NONE, A_INT, A_FD, A_DIRFD, A_PATH, A_WPATH, A_BUF, A_WBUF, A_LEN,
	A_FLAGS, A_MODE, A_PID, A_SIG, A_UID, A_ADDR, A_MLEN, A_PROT, A_TIMESPEC,
	A_IOV, A_IOVCNT, A_CMD, A_SMALL, A_SIGSET, A_OFF, A_WHICH, A_DEV,
	A_SIGACT, A_HANDLER, A_FUTEX_OP, A_CLOCK, A_ITIMER, A_RLIMIT, A_NKINDS
};
long gen_arg(struct fuzz_ctx *c, enum arg_kind kind);
/* A pointer to memory that is readable and writable for n bytes. */
void *good_buf(struct fuzz_ctx *c, unsigned int n);
/* A path a call may change (scratch: /tmp/fz<worker>_<k>) and any path. */
const char *scratch_path(struct fuzz_ctx *c);
const char *scratch_target(struct fuzz_ctx *c);
const char *any_path(struct fuzz_ctx *c);
/* Kinds of pid that are safe targets for a signal from this process. */
long safe_pid(struct fuzz_ctx *c);
void remember_child(struct fuzz_ctx *c, pid_t pid);
/* A pointer to a timespec of a short time (or a bad one, rarely long). */
long gen_timespec(struct fuzz_ctx *c);
long gen_timespec64(struct fuzz_ctx *c);
/* Is this pointer one of the scratch names; may a call write through it? */
int fuzz_is_scratch(long ptr);
int fuzz_path_writable(long ptr);
int fuzz_path_is_init(long ptr);
int fuzz_is_protected_fd(int fd);
void fuzz_protect_init(void);

/* --- the calls (user/fuzz/calls.c) -------------------------------------- */
/* One random call. Returns the raw result. */
long fuzz_one_call(struct fuzz_ctx *c);
/* The table's entry for call nr, arguments drawn as for a random one. */
long fuzz_call_nr(struct fuzz_ctx *c, long nr);
/* Make a raw call and count it. */
long fuzz_syscall(struct fuzz_ctx *c, long nr, long a, long b, long d, long e, long f, long g);
void fuzz_count(struct fuzz_ctx *c, long nr);
/* Count a reaped process's wait status in the shared counters. */
void fuzz_count_status(struct fuzz_shared *sh, int status);
/* Reap the process's children without blocking; kill the old ones. */
void fuzz_reap_children(struct fuzz_ctx *c, int kill_all);
/* Close the fds a stream of calls opened above the pool. */
void fuzz_close_extra_fds(struct fuzz_ctx *c);
/* Run n random calls as a child (of the worker, a thread...) and _exit. */
void fuzz_child_main(struct fuzz_ctx *c, int n) __attribute__((noreturn));
/* The worker's fd pool and memory (re)made. */
void fuzz_setup_pool(struct fuzz_ctx *c);
void fuzz_setup_memory(void);
void fuzz_alarm_on(void);
/* Remove the /tmp entries named prefix* (files, trees, mounts on them);
 * returns how many were found in the last pass. */
int fuzz_clean_scratch(const char *prefix);
/* Remove path and all below it (a mount on it detached first). */
void fuzz_remove_tree(const char *path);
void fuzz_remove_tree_depth(const char *path, int depth);
/* A worker's whole life (never returns). */
void fuzz_worker_main(struct fuzz_shared *sh, int worker, unsigned int gen,
		      unsigned long long seed) __attribute__((noreturn));
/* Paths of /bin/fuzz exec-child, for the exec calls. */
extern const char fuzz_self_path[];

/* --- processes (user/fuzz/process.c): the entries that make the call
 * themselves (arguments as drawn in a[], *done set) ------------------------ */
long fix_fork(struct fuzz_ctx *c, long *a, int *done);
long fix_vfork(struct fuzz_ctx *c, long *a, int *done);
long fix_clone(struct fuzz_ctx *c, long *a, int *done);
long fix_clone3(struct fuzz_ctx *c, long *a, int *done);
long fix_execve(struct fuzz_ctx *c, long *a, int *done);
long fix_sigreturn(struct fuzz_ctx *c, long *a, int *done);
long fix_scenario(struct fuzz_ctx *c, long *a, int *done);
/* Fork a child that runs fn(c) and _exits; 0 in the parent for no child. */
pid_t fuzz_fork_child(struct fuzz_ctx *c, void (*fn)(struct fuzz_ctx *c));
/* The tiny programs the clones and sigreturns land in (process.c). */
void fuzz_landing_pad(void);
/* A garbage sigreturn frame, and an eip safe to put in one (process.c);
 * a register value safe in one (nothing that names writable memory of
 * random bytes, which this machine, without NX, would run as code). */
long fuzz_safe_eip(struct fuzz_ctx *c);
long fuzz_frame_word(struct fuzz_ctx *c);
void fuzz_fill_frame(struct fuzz_ctx *c, unsigned long *f, int words);

/* --- scenarios (user/fuzz/scenarios.c) ---------------------------------- */
void fuzz_run_scenario(struct fuzz_ctx *c, enum fuzz_scenario s);
const char *fuzz_scenario_name(enum fuzz_scenario s);
/* Report a failed semantic check (a kernel bug): counted and printed. */
void fuzz_bug(struct fuzz_ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Wait for pid up to ms milliseconds, then SIGKILL it and reap. Returns
 * its wait status, or -1. */
int fuzz_wait_child(struct fuzz_ctx *c, pid_t pid, unsigned int ms);
/* Milliseconds of CLOCK_MONOTONIC. */
unsigned long long fuzz_now_ms(void);
void fuzz_sleep_ms(unsigned int ms);

#endif
