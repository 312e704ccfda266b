/* user/bin/utest_core.c: KTAP self-tests of core dumps (fs/coredump.c,
 * fs/binfmt_elf_core.c): who gets a core file and who does not. A child
 * sets itself up (RLIMIT_CORE, the dumpable flag, its ids, threads),
 * writes a marker into its memory, then dies of a fault or of a signal
 * the parent sends; the parent checks the wait status (the 0x80 core bit,
 * waitid's CLD_DUMPED) and the file `core` in the working directory (/tmp
 * on Tasklab, sticky as Linux's): ELF, ET_CORE, EM_386, one NT_PRSTATUS
 * per thread with the fatal signal, the marker in a PT_LOAD, its owner
 * and mode. Runs on Tasklab and, on the build host, under qemu-i386,
 * where only the cases in which no core is written apply (qemu-i386
 * writes cores of its own making). */
#include <errno.h>
#include <fcntl.h>
#include <ktap.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <utest.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>

#define OTHER_UID  70000
#define CORE       "core"
#define PAGE       4096

/* The ELF records a core has (Linux's i386 layouts). */
struct ehdr {
	unsigned char ident[16];
	unsigned short type, machine;
	unsigned int version, entry, phoff, shoff, flags;
	unsigned short ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};
struct phdr {
	unsigned int type, offset, vaddr, paddr, filesz, memsz, flags, align;
};
struct nhdr {
	unsigned int namesz, descsz, type;
};
#define ET_CORE     4
#define EM_386      3
#define PT_LOAD     1
#define PT_NOTE     4
#define NT_PRSTATUS 1
#define MAX_PHDRS   64
#define MAX_THREADS 4

/* What a child does before it dies. */
struct crash {
	unsigned long limit;              /* RLIMIT_CORE's soft limit */
	int dumpable;                     /* PR_SET_DUMPABLE's value, or -1: as is */
	unsigned int uid;                 /* become this user first (0: stay root) */
	int sig;                          /* the parent sends it; 0: the child faults */
	int threads;                      /* threads besides main; one faults if sig is 0 */
};

static char marker[32];               /* the child's own words, for its core */
static volatile int go;

static void fault(void)
{
	*(volatile int *)0 = 1;
}

static int faulting_thread(void *arg)
{
	while (!go)
		sched_yield();
	fault();
	return 0;
}

static int sleeping_thread(void *arg)
{
	sleep_forever();
}

/* The child: set up, start threads, tell the parent who will fault (a
 * tid) and that it is ready, then die. */
static void crash_child(const struct crash *c, int report)
{
	struct rlimit lim = { c->limit, RLIM_INFINITY };
	static struct thread th[MAX_THREADS];
	pid_t who = getpid();

	if (c->uid && (setresgid(c->uid, c->uid, c->uid) || setresuid(c->uid, c->uid, c->uid)))
		_exit(90);
	if (c->dumpable >= 0 && prctl(PR_SET_DUMPABLE, c->dumpable, 0, 0, 0))
		_exit(91);
	if (setrlimit(RLIMIT_CORE, &lim))
		_exit(92);
	snprintf(marker, sizeof(marker), "core-marker-%d", (int)getpid());
	for (int i = 0; i < c->threads; i++) {
		bool faults = !c->sig && i == c->threads - 1;
		int tid = thread_start(&th[i], faults ? faulting_thread : sleeping_thread, NULL, 0);

		if (tid < 0)
			_exit(93);
		if (faults)
			who = tid;
	}
	write(report, &who, sizeof(who));
	if (c->sig)
		sleep_forever();
	if (!c->threads)
		fault();
	go = 1;
	sleep_forever();
}

/* Run one child as c says; its wait status (by waitpid, or by waitid
 * into *si when si is given: then 0), with its pid and the id of the
 * thread that faulted (the pid when the parent sent a signal). */
static int run_crash(const struct crash *c, pid_t *pid, pid_t *who, siginfo_t *si)
{
	int fds[2], status = -1;

	if (pipe(fds))
		return -1;
	*pid = fork();
	if (*pid == 0) {
		close(fds[0]);
		crash_child(c, fds[1]);
	}
	close(fds[1]);
	if (*pid < 0 || read(fds[0], who, sizeof(*who)) != sizeof(*who))
		*who = -1;
	if (*pid > 0 && c->sig)
		kill(*pid, c->sig);
	close(fds[0]);
	if (*pid > 0 && si)
		return waitid(P_PID, *pid, si, WEXITED, NULL);
	if (*pid > 0 && waitpid(*pid, &status, 0) != *pid)
		status = -1;
	return status;
}

/* The core file's inode number, 0 when there is none: what a case that
 * must not dump compares before and after (the build host's directory
 * may have a core of its own). */
static unsigned long long core_ino(void)
{
	struct stat64 st;

	return stat(CORE, &st) ? 0 : st.st_ino;
}

/* Tasklab's cases start without a core; under qemu-i386 nothing is
 * removed from the host. */
static void no_old_core(void)
{
	if (ktap_on_tasklab())
		unlink(CORE);
}

/* Cases that need a real core file: Tasklab's. */
static bool core_needs_tasklab(struct ktap *t)
{
	if (ktap_on_tasklab())
		return false;
	ktap_skip(t, "qemu-i386 writes its own qemu_*.core, not Linux's, and the host's "
		     "wait status has no core bit");
	return true;
}

/* A death of c with no core: the signal without 0x80, the file as it was. */
static void expect_no_core(struct ktap *t, const struct crash *c, int want_sig)
{
	unsigned long long before = (no_old_core(), core_ino());
	pid_t pid, who;
	int status = run_crash(c, &pid, &who, NULL);

	KTAP_EXPECT_EQ(t, status, want_sig);
	KTAP_EXPECT_EQ(t, core_ino(), before);
}

/* What the parent learns from a core file. */
struct core {
	struct ehdr eh;
	struct phdr ph[MAX_PHDRS];
	int nstatus;
	pid_t pid[MAX_THREADS + 1];
	int cursig[MAX_THREADS + 1];
	char marker[sizeof(marker)];
	struct stat64 st;
};

static bool read_at(int fd, void *buf, size_t n, unsigned long off)
{
	return lseek(fd, off, SEEK_SET) == (off_t)off && read(fd, buf, n) == (ssize_t)n;
}

/* The NT_PRSTATUS notes: their pr_pid (byte 24) and pr_cursig (12). */
static void read_prstatus(int fd, const struct phdr *note, struct core *c)
{
	char *buf = malloc(note->filesz);

	if (!buf || !read_at(fd, buf, note->filesz, note->offset)) {
		free(buf);
		return;
	}
	for (unsigned int at = 0; at + sizeof(struct nhdr) <= note->filesz;) {
		struct nhdr *n = (struct nhdr *)(buf + at);
		char *desc = buf + at + sizeof(*n) + ((n->namesz + 3) & ~3u);

		if (n->type == NT_PRSTATUS && c->nstatus <= MAX_THREADS) {
			c->pid[c->nstatus] = *(int *)(desc + 24);
			c->cursig[c->nstatus++] = *(short *)(desc + 12);
		}
		at += sizeof(*n) + ((n->namesz + 3) & ~3u) + ((n->descsz + 3) & ~3u);
	}
	free(buf);
}

/* The bytes the core holds at the marker's address. */
static void read_marker(int fd, struct core *c)
{
	unsigned int addr = (unsigned int)marker;

	for (int i = 0; i < c->eh.phnum && i < MAX_PHDRS; i++) {
		const struct phdr *p = &c->ph[i];

		if (p->type == PT_LOAD && addr - p->vaddr < p->filesz)
			read_at(fd, c->marker, sizeof(c->marker) - 1, p->offset + (addr - p->vaddr));
	}
}

static bool read_core(struct core *c)
{
	int fd = open(CORE, O_RDONLY);
	bool ok;

	memset(c, 0, sizeof(*c));
	if (fd < 0)
		return false;
	ok = fstat(fd, &c->st) == 0 && read_at(fd, &c->eh, sizeof(c->eh), 0) &&
	     c->eh.phnum <= MAX_PHDRS &&
	     read_at(fd, c->ph, c->eh.phnum * sizeof(struct phdr), c->eh.phoff);
	if (ok && c->ph[0].type == PT_NOTE)
		read_prstatus(fd, &c->ph[0], c);
	if (ok)
		read_marker(fd, c);
	close(fd);
	return ok;
}

/* A death of c with a core: signal | 0x80, and the file is the child's
 * ELF core (a core there before is replaced), one NT_PRSTATUS per
 * thread, the faulting one first, the child's own marker in it. */
static void expect_core(struct ktap *t, const struct crash *c, int sig, unsigned int uid)
{
	char want_marker[sizeof(marker)];
	struct core core;
	pid_t pid, who;
	int status = run_crash(c, &pid, &who, NULL);

	KTAP_EXPECT_EQ(t, status, sig | 0x80);
	KTAP_ASSERT_TRUE(t, read_core(&core));
	KTAP_EXPECT_EQ(t, memcmp(core.eh.ident, "\177ELF\1\1\1", 7), 0);   /* 32-bit LSB v1 */
	KTAP_EXPECT_EQ(t, core.eh.type, ET_CORE);
	KTAP_EXPECT_EQ(t, core.eh.machine, EM_386);
	KTAP_EXPECT_EQ(t, core.ph[0].type, PT_NOTE);
	KTAP_EXPECT_EQ(t, core.nstatus, c->threads + 1);
	KTAP_EXPECT_EQ(t, core.pid[0], who);
	for (int i = 0; i < core.nstatus; i++)
		KTAP_EXPECT_EQ(t, core.cursig[i], sig);
	snprintf(want_marker, sizeof(want_marker), "core-marker-%d", (int)pid);
	KTAP_EXPECT_STREQ(t, core.marker, want_marker);
	KTAP_EXPECT_EQ(t, core.st.st_mode, S_IFREG | 0600);
	KTAP_EXPECT_EQ(t, core.st.st_uid, uid);
}

/* The default soft limit is 0 (hard unlimited): a fault leaves no core,
 * and waitid says CLD_KILLED. */
static void core_default_limit_writes_none(struct ktap *t)
{
	struct crash c = { .limit = 0, .dumpable = -1 };
	struct rlimit lim;
	siginfo_t si;
	pid_t pid, who;

	if (ktap_on_tasklab()) {           /* the build host's limits are its own */
		KTAP_ASSERT_EQ(t, getrlimit(RLIMIT_CORE, &lim), 0);
		KTAP_EXPECT_EQ(t, lim.rlim_cur, 0);
		KTAP_EXPECT_EQ(t, lim.rlim_max, RLIM_INFINITY);
	}
	expect_no_core(t, &c, SIGSEGV);
	memset(&si, 0, sizeof(si));
	KTAP_EXPECT_EQ(t, run_crash(&c, &pid, &who, &si), 0);
	KTAP_EXPECT_EQ(t, si.si_code, CLD_KILLED);
	KTAP_EXPECT_EQ(t, si.si_status, SIGSEGV);
}

/* A fault with the limit raised: the core, and CLD_DUMPED in waitid's
 * siginfo and in the parent's SIGCHLD. */
static void core_written_for_a_fault(struct ktap *t)
{
	struct crash c = { .limit = RLIM_INFINITY, .dumpable = -1 };
	struct timespec none = { 0, 0 };
	sigset_t chld, old;
	siginfo_t si, sigchld;
	pid_t pid, who;

	if (core_needs_tasklab(t))
		return;
	no_old_core();
	expect_core(t, &c, SIGSEGV, getuid());
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	sigprocmask(SIG_BLOCK, &chld, &old);
	memset(&si, 0, sizeof(si));
	KTAP_EXPECT_EQ(t, run_crash(&c, &pid, &who, &si), 0);
	KTAP_EXPECT_EQ(t, si.si_code, CLD_DUMPED);
	KTAP_EXPECT_EQ(t, si.si_status, SIGSEGV);
	KTAP_EXPECT_EQ(t, sigtimedwait(&chld, &sigchld, &none), SIGCHLD);
	KTAP_EXPECT_EQ(t, sigchld.si_pid, pid);
	KTAP_EXPECT_EQ(t, sigchld.si_code, CLD_DUMPED);
	KTAP_EXPECT_EQ(t, sigchld.si_status, SIGSEGV);
	sigprocmask(SIG_SETMASK, &old, NULL);
	no_old_core();
}

/* Every thread is in the core, the one that faulted first (not main). */
static void core_has_every_thread(struct ktap *t)
{
	struct crash c = { .limit = RLIM_INFINITY, .dumpable = -1, .threads = 2 };

	if (core_needs_tasklab(t))
		return;
	no_old_core();
	expect_core(t, &c, SIGSEGV, getuid());
	c.threads = MAX_THREADS;
	expect_core(t, &c, SIGSEGV, getuid());
	no_old_core();
}

/* Each signal whose default action is "core" dumps when sent by kill. */
static void core_for_each_core_signal(struct ktap *t)
{
	static const int sigs[] = { SIGQUIT, SIGILL, SIGTRAP, SIGABRT, SIGBUS, SIGFPE,
				    SIGSEGV, SIGSYS, SIGXCPU, SIGXFSZ };

	if (core_needs_tasklab(t))
		return;
	for (unsigned int i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
		struct crash c = { .limit = RLIM_INFINITY, .dumpable = -1, .sig = sigs[i] };

		expect_core(t, &c, sigs[i], getuid());
	}
	no_old_core();
}

/* SIGKILL never dumps, nor does a signal whose default is to terminate. */
static void core_never_for_kill_or_term(struct ktap *t)
{
	static const int sigs[] = { SIGKILL, SIGTERM, SIGUSR1, SIGALRM, SIGHUP };

	for (unsigned int i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
		struct crash c = { .limit = RLIM_INFINITY, .dumpable = -1, .sig = sigs[i] };

		expect_no_core(t, &c, sigs[i]);
	}
}

/* PR_SET_DUMPABLE 0: no core, the plain signal status. */
static void core_not_when_not_dumpable(struct ktap *t)
{
	struct crash c = { .limit = RLIM_INFINITY, .dumpable = 0 };

	if (!core_needs_tasklab(t))
		expect_no_core(t, &c, SIGSEGV);
}

/* Below a page of limit nothing is written; a limit smaller than the core
 * leaves the file cut short and the status without the core bit. */
static void core_limit_small_and_short(struct ktap *t)
{
	struct crash c = { .limit = PAGE - 1, .dumpable = -1 };
	struct core full, cut;
	pid_t pid, who;

	if (core_needs_tasklab(t))
		return;
	expect_no_core(t, &c, SIGSEGV);
	c.limit = RLIM_INFINITY;
	expect_core(t, &c, SIGSEGV, getuid());
	KTAP_ASSERT_TRUE(t, read_core(&full));
	c.limit = 2 * PAGE;
	no_old_core();
	KTAP_EXPECT_EQ(t, run_crash(&c, &pid, &who, NULL), SIGSEGV);
	KTAP_ASSERT_TRUE(t, read_core(&cut));
	KTAP_EXPECT_EQ(t, cut.eh.type, ET_CORE);
	KTAP_EXPECT_LT(t, cut.st.st_size, full.st.st_size);
	KTAP_EXPECT_LE(t, cut.st.st_blocks * 512, 2 * PAGE);    /* written bytes within the limit */
	no_old_core();
}

/* In sticky /tmp a core of another user is never replaced (no dump,
 * the file untouched); root's replaces it, and a user's own old core is
 * replaced too. The new file belongs to the dumper, mode 0600. A child
 * that changed its ids is not dumpable until it says so again. */
static void core_owner_rules(struct ktap *t)
{
	struct crash c = { .limit = RLIM_INFINITY, .dumpable = 1, .uid = OTHER_UID };
	char buf[8] = { 0 };
	pid_t pid, who;
	int fd;

	if (core_needs_tasklab(t) || ktap_skip_without_uid_switch(t))
		return;
	no_old_core();
	fd = open(CORE, O_WRONLY | O_CREAT | O_EXCL, 0644);       /* root's */
	KTAP_ASSERT_GE(t, fd, 0);
	write(fd, "keep", 4);
	close(fd);
	KTAP_EXPECT_EQ(t, run_crash(&c, &pid, &who, NULL), SIGSEGV);
	fd = open(CORE, O_RDONLY);
	KTAP_EXPECT_EQ(t, read(fd, buf, sizeof(buf)), 4);
	KTAP_EXPECT_STREQ(t, buf, "keep");
	close(fd);
	c.uid = 0;
	expect_core(t, &c, SIGSEGV, 0);                /* root replaces it */
	unlink(CORE);
	c.uid = OTHER_UID;
	expect_core(t, &c, SIGSEGV, OTHER_UID);        /* a new one: the user's */
	expect_core(t, &c, SIGSEGV, OTHER_UID);        /* its own old one goes */
	c.dumpable = -1;                               /* setresuid cleared the flag */
	expect_no_core(t, &c, SIGSEGV);
	no_old_core();
}

static const struct ktap_case cases[] = {
	KTAP_CASE(core_default_limit_writes_none),
	KTAP_CASE(core_written_for_a_fault),
	KTAP_CASE(core_has_every_thread),
	KTAP_CASE(core_for_each_core_signal),
	KTAP_CASE(core_never_for_kill_or_term),
	KTAP_CASE(core_not_when_not_dumpable),
	KTAP_CASE(core_limit_small_and_short),
	KTAP_CASE(core_owner_rules),
	{}
};

int main(void)
{
	if (ktap_on_tasklab() && chdir("/tmp"))
		return 1;
	return ktap_run_suite("core", cases);
}
