/* user/bin/fuzz.c: the system-call fuzzer (`make fuzz`, tests/fuzz.py).
 * Run as PID 1 (init=/bin/fuzz, its parameters after `--` on the kernel
 * command line) or by hand: `fuzz run seconds=60 seed=1 workers=4`. The top
 * process runs two rounds, each by a supervisor it forks: a warm-up of a
 * few seconds, after which it takes the baseline, and the run proper. A
 * supervisor keeps `workers` workers (user/fuzz/process.c) alive,
 * respawning those that die, SIGKILLs a worker whose progress counter has
 * not moved for `watchdog` seconds, and prints a progress line every 5 s.
 * After each round the top kills what is left (kill(-1), as init may),
 * reaps everything (it is PID 1 or a subreaper), removes the scratch files
 * and reads the kernel's free pages (sysinfo) and slab objects in use
 * (/proc/slabinfo). The last line says whether the run held:
 *
 *   fuzz: result: PASS: N calls, M deaths by signal, ... pages X/Y slab A/B
 *
 * (baseline/after). A kernel bug a scenario's check caught ("fuzz: BUG:"
 * lines), or a difference in either counter, is a FAIL. As PID 1 it then
 * powers the machine off (reboot(2)), or waits for the host to. */
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/syscall.h>
#include <linux/fcntl.h>
#include "../fuzz/fuzz.h"

#define WNOHANG 1
#define __WALL 0x40000000

struct params {
	unsigned long long seed;
	unsigned int seconds, workers, warmup, watchdog;
};

/* key=value words from argv (and the environment, where Linux puts the
 * command line's unknown key=value words before `--`). */
static void parse_word(struct params *p, const char *w)
{
	static const struct { const char *key; size_t off; } keys[] = {
		{ "seconds=", offsetof(struct params, seconds) },
		{ "workers=", offsetof(struct params, workers) },
		{ "warmup=", offsetof(struct params, warmup) },
		{ "watchdog=", offsetof(struct params, watchdog) },
	};

	if (!strncmp(w, "seed=", 5)) {
		p->seed = strtoul(w + 5, NULL, 0);
		return;
	}
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (!strncmp(w, keys[i].key, strlen(keys[i].key)))
			*(unsigned int *)((char *)p + keys[i].off) =
				strtoul(w + strlen(keys[i].key), NULL, 0);
}

static void parse_params(struct params *p, int argc, char **argv, char **envp)
{
	*p = (struct params){ .seed = 1, .seconds = 60, .workers = 4, .warmup = 3, .watchdog = 5 };
	for (char **e = envp; e && *e; e++)
		parse_word(p, *e);
	for (int i = 1; i < argc; i++)
		parse_word(p, argv[i]);
	if (p->workers < 1)
		p->workers = 1;
	if (p->workers > FUZZ_MAX_WORKERS)
		p->workers = FUZZ_MAX_WORKERS;
	if (p->watchdog < 2)
		p->watchdog = 2;
}

/* --- counters --------------------------------------------------------------- */

static unsigned long long total_calls(const struct fuzz_shared *sh)
{
	unsigned long long n = sh->other_nr;

	for (int i = 0; i < FUZZ_NR_MAX; i++)
		n += sh->per_nr[i];
	return n;
}

static unsigned int total_deaths(const struct fuzz_shared *sh)
{
	unsigned int n = 0;

	for (int i = 1; i < FUZZ_NSIG; i++)
		n += sh->deaths[i];
	return n;
}

/* --- the supervisor ----------------------------------------------------------- */

struct worker_state {
	int pid;
	unsigned int gen, last_calls;
	unsigned long long last_change;
};

static void spawn(struct fuzz_shared *sh, struct worker_state *w, int i,
		  unsigned long long seed, unsigned long long now)
{
	long pid = __syscall0(__NR_fork);

	if (pid == 0)
		fuzz_worker_main(sh, i, w->gen, seed);
	if (pid < 0)
		return;                   /* EAGAIN in a storm: try again soon */
	if (w->gen)
		__atomic_fetch_add(&sh->respawns, 1, __ATOMIC_RELAXED);
	w->pid = pid;
	w->gen++;
	w->last_calls = sh->w[i].calls;
	w->last_change = now;
	sh->w[i].pid = pid;
	sh->w[i].gen = w->gen;
}

static void kill_worker(struct worker_state *w)
{
	__syscall2(__NR_kill, -w->pid, SIGKILL);      /* its session's group */
	__syscall2(__NR_kill, w->pid, SIGKILL);
}

/* Reap what ended: a worker is counted and respawned; anything else (a
 * CLONE_PARENT child of a worker) only counted. */
static void reap(struct fuzz_shared *sh, struct worker_state *ws, const struct params *p,
		 unsigned long long now)
{
	int status;
	long pid;

	while ((pid = __syscall4(__NR_wait4, -1, &status, WNOHANG | __WALL, 0)) > 0) {
		fuzz_count_status(sh, status);
		for (unsigned int i = 0; i < p->workers; i++)
			if (ws[i].pid == pid) {
				ws[i].pid = 0;
				if ((status & 0x7f) && (status & 0x7f) != 0x7f)
					sh->worker_deaths[status & 0x7f]++;
				else
					sh->worker_exits++;
			}
	}
	for (unsigned int i = 0; i < p->workers; i++)
		if (!ws[i].pid)
			spawn(sh, &ws[i], i, p->seed, now);
}

/* What the kernel says of a stuck worker: its /proc/<pid>/stat line
 * (state, pending and blocked signals, wchan). */
static void show_stat(int pid)
{
	char path[32], buf[512];
	long fd, n;

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	fd = __syscall3(__NR_open, path, O_RDONLY, 0);
	if (fd < 0)
		return;
	n = __syscall3(__NR_read, fd, buf, sizeof(buf) - 1);
	__syscall1(__NR_close, fd);
	if (n > 0) {
		buf[n] = 0;
		printf("fuzz: watchdog: /proc/%d/stat: %s", pid, buf);
	}
}

/* A worker whose count stands still is sent SIGCONT at half the watchdog
 * time (a SIGSTOP it sent itself), SIGKILL at the full time. */
static void watchdog(struct fuzz_shared *sh, struct worker_state *ws, const struct params *p,
		     unsigned long long now)
{
	for (unsigned int i = 0; i < p->workers; i++) {
		struct worker_state *w = &ws[i];
		unsigned long long still = now - w->last_change;

		if (!w->pid)
			continue;
		if (sh->w[i].calls != w->last_calls) {
			w->last_calls = sh->w[i].calls;
			w->last_change = now;
		} else if (still > p->watchdog * 1000ULL) {
			sh->watchdog_last_nr = sh->w[i].last_nr;
			__atomic_fetch_add(&sh->watchdog_kills, 1, __ATOMIC_RELAXED);
			printf("fuzz: watchdog: worker %u (pid %d) made no call for %u s "
			       "(last call %d, scenario %s): SIGKILL\n", i, w->pid, p->watchdog,
			       sh->w[i].last_nr, fuzz_scenario_name(sh->w[i].scenario));
			show_stat(w->pid);
			kill_worker(w);
			w->last_change = now;
		} else if (still > p->watchdog * 500ULL && still <= p->watchdog * 500ULL + 60) {
			__syscall2(__NR_kill, -w->pid, SIGCONT);
		}
	}
}

static void progress(const struct fuzz_shared *sh, unsigned int secs, const char *round)
{
	printf("fuzz: %s %u s: %llu calls, %u deaths by signal, %u watchdog kills, %u respawns\n",
	       round, secs, total_calls(sh), total_deaths(sh), sh->watchdog_kills, sh->respawns);
}

static void supervisor_main(struct fuzz_shared *sh, const struct params *p, unsigned int seconds,
			    const char *round)
{
	struct worker_state ws[FUZZ_MAX_WORKERS] = { { 0 } };
	unsigned long long start = fuzz_now_ms(), now = start, next = start + 5000;
	unsigned int bugs = sh->bugs;

	__syscall2(__NR_setpgid, 0, 0);
	while (now < start + seconds * 1000ULL) {
		reap(sh, ws, p, now);
		watchdog(sh, ws, p, now);
		if (sh->bugs != bugs) {
			bugs = sh->bugs;
			printf("fuzz: BUG: %s\n", sh->bug_msg);
		}
		if (now >= next) {
			progress(sh, (unsigned int)((now - start) / 1000), round);
			next += 5000;
		}
		fuzz_sleep_ms(50);
		now = fuzz_now_ms();
	}
	for (unsigned int i = 0; i < p->workers; i++)
		if (ws[i].pid)
			kill_worker(&ws[i]);
	exit(0);
}

/* --- the top ------------------------------------------------------------------- */

/* The directories a fuzzed process may leave a file in besides the
 * scratch names: a core dump goes to its working directory, which may be
 * any directory of user/fuzz/args.c's system_paths. Their entries are
 * listed before the first round; whatever is new after a round is
 * reported and removed. */
static const char *const watched_dirs[] = { "/", "/bin", "/sbin", "/etc", "/tmp", "/dev", "/mnt" };
#define NWATCHED (sizeof(watched_dirs) / sizeof(watched_dirs[0]))
static char listing[NWATCHED][2048];

/* The names in dir, each followed by a NUL, into buf; or into nothing but
 * calls to fn for every name not in `known`. */
static void list_dir(const char *dir, char *buf, size_t size, const char *known,
		     void (*fn)(const char *dir, const char *name))
{
	char d[1024];
	long fd = __syscall3(__NR_open, dir, O_RDONLY | O_DIRECTORY, 0), n;
	size_t used = 0;

	if (fd < 0)
		return;
	while ((n = __syscall3(__NR_getdents64, fd, d, sizeof(d))) > 0)
		for (long off = 0; off < n; off += *(unsigned short *)(d + off + 16)) {
			const char *name = d + off + 19, *k = known;
			size_t len = strlen(name) + 1;

			while (k && *k && strcmp(k, name))
				k += strlen(k) + 1;
			if (k && !*k && strncmp(name, "fz", 2))
				fn(dir, name);
			if (buf && used + len < size) {
				memcpy(buf + used, name, len);
				used += len;
			}
		}
	__syscall1(__NR_close, fd);
}

static void remove_left(const char *dir, const char *name)
{
	char path[300];

	snprintf(path, sizeof(path), "%s/%s", strcmp(dir, "/") ? dir : "", name);
	printf("fuzz: %s was left behind by the run: removed\n", path);
	fuzz_remove_tree(path);
}

static void watch_dirs(int take)
{
	for (size_t i = 0; i < NWATCHED; i++)
		list_dir(watched_dirs[i], take ? listing[i] : NULL, sizeof(listing[i]),
			 take ? NULL : listing[i], remove_left);
}

static unsigned int sup_failures;

/* One round: a supervisor for `seconds`; then, as init does, kill every
 * other process and reap until nothing is left; then the scratch files go. */
static void run_round(struct fuzz_shared *sh, const struct params *p, unsigned int seconds,
		      const char *round)
{
	long sup = __syscall0(__NR_fork), pid;
	int status;

	if (sup == 0)
		supervisor_main(sh, p, seconds, round);
	if (sup < 0) {
		printf("fuzz: cannot fork the supervisor (%ld)\n", sup);
		exit(2);
	}
	sh->sup_pid = sup;
	while ((pid = __syscall4(__NR_wait4, -1, &status, __WALL, 0)) != sup)
		if (pid > 0)
			fuzz_count_status(sh, status);
	if (status) {                     /* killed: the round did not run its course */
		printf("fuzz: the %s supervisor ended with wait status %#x\n", round, status);
		sup_failures++;
	}
	__syscall2(__NR_kill, -1, SIGKILL);
	while ((pid = __syscall4(__NR_wait4, -1, &status, __WALL, 0)) != -ECHILD)
		if (pid > 0)
			fuzz_count_status(sh, status);
	sh->sup_pid = 0;
	if (fuzz_clean_scratch("fz"))
		printf("fuzz: scratch files left in /tmp after cleaning\n");
	watch_dirs(0);
}

/* Free pages from sysinfo (116). Linux's i386 struct sysinfo: uptime,
 * loads[3], totalram, freeram (word 5), ..., mem_unit (word 13), the
 * sizes counted in mem_unit bytes. -1 without the call. */
static long free_pages(void)
{
	unsigned long si[16];

	if (__syscall1(116 /* sysinfo */, si))
		return -1;
	return (long)((unsigned long long)si[5] * (si[13] ? si[13] : 1) / 4096);
}

#define SLABINFO_MAX 16384

/* /proc/slabinfo into buf (NUL-terminated); its length, or -1. */
static long read_slabinfo(char *buf)
{
	long fd = __syscall3(__NR_open, "/proc/slabinfo", O_RDONLY, 0), n, got = 0;

	if (fd < 0)
		return -1;
	while ((n = __syscall3(__NR_read, fd, buf + got, SLABINFO_MAX - 1 - got)) > 0)
		got += n;
	__syscall1(__NR_close, fd);
	buf[got] = 0;
	return got;
}

/* The active_objs of the cache line at line, or -1 for a header line. */
static long line_objects(const char *line)
{
	const char *sp;

	if (*line == '#' || !strncmp(line, "slabinfo", 8) || !(sp = strchr(line, ' ')))
		return -1;
	while (*sp == ' ')
		sp++;
	return strtol(sp, NULL, 10);
}

static const char *next_line(const char *line)
{
	const char *nl = strchr(line, '\n');

	return nl ? nl + 1 : line + strlen(line);
}

/* Slab objects in use: the sum of slabinfo's active_objs column. */
static long slab_objects(const char *info)
{
	long sum = 0;

	for (const char *line = info; *line; line = next_line(line))
		if (line_objects(line) > 0)
			sum += line_objects(line);
	return sum;
}

/* After a leak: the caches whose objects in use moved since the baseline. */
static void print_slab_moves(const char *base, const char *after)
{
	for (const char *a = after; *a; a = next_line(a)) {
		size_t len = strchr(a, ' ') ? (size_t)(strchr(a, ' ') - a) : strlen(a);
		long then = 0;

		for (const char *b = base; *b; b = next_line(b))
			if (!strncmp(a, b, len) && b[len] == ' ')
				then = line_objects(b);
		if (line_objects(a) >= 0 && line_objects(a) != then)
			printf("fuzz: slab cache %.*s: %ld objects in use, %ld at the baseline\n",
			       (int)len, a, line_objects(a), then);
	}
}

struct counters {
	long pages, slab;
	char slabinfo[SLABINFO_MAX];
};

/* Run once on every CPU the supervisor may use. With tasks on several
 * CPUs an idle CPU keeps the address space of the last process it ran
 * (lazy TLB: its page directory and mm_struct) until it runs another
 * task, so a worker reaped just before a count would count as in use at
 * one count and not at the other. Passed by, every idle CPU holds the
 * supervisor's own mm at both counts. */
static void visit_every_cpu(void)
{
	unsigned long all = 0, one;

	if (sched_getaffinity(0, sizeof(all), &all) < 0)
		return;
	for (unsigned int cpu = 0; cpu < 8 * sizeof(all); cpu++) {
		if (!(all & (1ul << cpu)))
			continue;
		one = 1ul << cpu;
		if (sched_setaffinity(0, sizeof(one), &one) == 0)
			sched_yield();
	}
	sched_setaffinity(0, sizeof(all), &all);
}

/* Give the kernel's caches back (drop_caches, where it exists) and read
 * both counters. */
static void measure(struct counters *m)
{
	long fd = __syscall3(__NR_open, "/proc/sys/vm/drop_caches", O_WRONLY, 0);

	visit_every_cpu();

	if (fd >= 0) {
		__syscall3(__NR_write, fd, "3\n", 2);
		__syscall1(__NR_close, fd);
	}
	m->pages = free_pages();
	m->slab = read_slabinfo(m->slabinfo) < 0 ? -1 : slab_objects(m->slabinfo);
}

static void print_per_nr(const struct fuzz_shared *sh)
{
	char line[120];
	int len = 0;

	printf("fuzz: calls per number (nr:count):\n");
	for (int nr = 0; nr < FUZZ_NR_MAX; nr++) {
		if (!sh->per_nr[nr])
			continue;
		len += snprintf(line + len, sizeof(line) - len, " %d:%u", nr, sh->per_nr[nr]);
		if (len > 90) {
			printf("fuzz: %s\n", line);
			len = 0;
		}
	}
	if (len)
		printf("fuzz: %s\n", line);
}

static void print_report(const struct fuzz_shared *sh)
{
	char line[400];
	int len = 0;

	print_per_nr(sh);
	for (int s = 1; s < FUZZ_NSIG; s++)
		if (sh->deaths[s])
			len += snprintf(line + len, sizeof(line) - len, " %d:%u", s, sh->deaths[s]);
	printf("fuzz: deaths by signal (signal:count):%s; exits %u, exec-child %u\n",
	       len ? line : " none", sh->exits, sh->exec_exits);
	len = 0;
	for (int s = 1; s < SCEN_NR; s++)
		len += snprintf(line + len, sizeof(line) - len, " %s %u", fuzz_scenario_name(s),
				sh->scen_runs[s]);
	printf("fuzz: scenarios:%s\n", line);
	len = 0;
	for (int s = 1; s < FUZZ_NSIG; s++)
		if (sh->worker_deaths[s])
			len += snprintf(line + len, sizeof(line) - len, " %d:%u", s, sh->worker_deaths[s]);
	printf("fuzz: workers: deaths by signal%s; exits %u\n", len ? line : " none", sh->worker_exits);
	printf("fuzz: fork storms: root %u reached EAGAIN (most children %u), user %u; "
	       "exec from a thread: %u ok, %u failed fairly\n", sh->storm_eagain_root,
	       sh->storm_max_root, sh->storm_eagain_user, sh->exec_thread_ok, sh->exec_thread_other);
}

/* What /bin/fuzz does when a fuzzed exec runs it (argv `exec-child`, or
 * whatever the exec was given): a few calls, then the status its parent
 * recognises. */
static int exec_child_main(void)
{
	char buf[64];

	__syscall0(__NR_getpid);
	__syscall1(__NR_uname, buf);
	__syscall2(__NR_getcwd, buf, sizeof(buf));
	return FUZZ_EXEC_CHILD_STATUS;
}

static void set_fifo(int prio)
{
	struct sched_param sp = { prio };

	sched_setscheduler(0, SCHED_FIFO, &sp);
}

/* The warm-up round, the baseline, the run, the counters again; the
 * report, ending with the result line. Whether the run held. */
static int fuzz_run(struct fuzz_shared *sh, const struct params *p)
{
	static struct counters base, after;
	int ok;

	memset(&base, 0, sizeof(base));   /* both buffers in memory before the baseline */
	memset(&after, 0, sizeof(after));
	watch_dirs(1);
	run_round(sh, p, p->warmup, "warm-up");
	measure(&base);
	memset(sh, 0, sizeof(*sh));
	sh->top_pid = getpid();
	run_round(sh, p, p->seconds, "progress");
	measure(&after);
	print_report(sh);
	if (base.slab != after.slab)
		print_slab_moves(base.slabinfo, after.slabinfo);
	ok = !sh->bugs && !sup_failures && base.pages >= 0 && base.slab >= 0 &&
	     base.pages == after.pages && base.slab == after.slab;
	printf("fuzz: result: %s: %llu calls, %u deaths by signal, %u watchdog kills, %u bugs, "
	       "pages %ld/%ld slab %ld/%ld\n", ok ? "PASS" : "FAIL", total_calls(sh),
	       total_deaths(sh), sh->watchdog_kills, sh->bugs, base.pages, after.pages, base.slab,
	       after.slab);
	return ok;
}

int main(int argc, char **argv, char **envp)
{
	struct params p;
	struct fuzz_shared *sh;
	int pid1 = getpid() == 1, ok;

	/* A run starts as PID 1 or when asked by name (`fuzz run ...`); any
	 * other start is a fuzzed exec (with argv exec-child, or none, or
	 * another), which must never become a second top: its kill(-1) at
	 * the end of a round would end the real run. */
	if (!pid1 && !(argc > 1 && !strcmp(argv[1], "run")))
		return exec_child_main();
	parse_params(&p, argc, argv, envp);
	printf("fuzz: seed %llu, %u workers, %u s after a %u s warm-up, watchdog %u s (pid %d)\n",
	       p.seed, p.workers, p.seconds, p.warmup, p.watchdog, getpid());
	if (!pid1)
		syscall(__NR_prctl, 36 /* PR_SET_CHILD_SUBREAPER */, 1, 0, 0, 0, 0);
	else if (mount("proc", "/proc", "proc", 0, NULL) < 0)  /* as an init does */
		printf("fuzz: cannot mount /proc (%d)\n", errno);
	set_fifo(99);                     /* a real-time worker cannot starve us */
	sh = mmap(NULL, 2 * 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (sh == MAP_FAILED) {
		printf("fuzz: no shared page (%d)\n", errno);
		return 2;
	}
	sh->top_pid = getpid();
	ok = fuzz_run(sh, &p);
	if (!pid1)
		return ok ? 0 : 1;
	syscall(88 /* reboot */, 0xfee1dead, 672274793, 0x4321fedc, 0, 0, 0);   /* power off */
	printf("fuzz: end of run (no power off: %d)\n", errno);
	for (;;)
		pause();
}
