/* user/bin/ps.c: /bin/ps, the process list in procps' columns, read from
 * /proc as procps reads it: /proc/<pid>/stat (ids, tty, CPU times, start
 * time), /proc/<pid>/status (the effective uid) and /proc/<pid>/cmdline
 * (the arguments), with /proc/stat's btime and /proc/uptime for the clock.
 * BusyBox's ps has no -j, and the seed types `ps -efj`.
 *
 *   ps       the caller's processes on the caller's terminal: PID TTY TIME CMD
 *   -e, -A   every process
 *   -f       full: UID PID PPID C STIME TTY TIME CMD, CMD the arguments
 *   -j       jobs: PGID and SID after the PID (and the PPID)
 *
 * As in procps: a process without arguments (a kernel thread) shows its name
 * in [brackets] under -f; C is the CPU use over its life in percent (at
 * most 99); STIME is HH:MM if it started today, MonDD this year, else the
 * year (UTC: Tasklab has no time zones); TIME is [DD-]HH:MM:SS of CPU time;
 * UID is the user's name from /etc/passwd, or the number. On a terminal a
 * line is cut at its width (COLUMNS, else TIOCGWINSZ, else 80); into a pipe
 * or file it is not. Any other option: a usage message and status 1. */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/auxv.h>
#include <sys/ioctl.h>
#include <linux/auxvec.h>

#define MAX_LINE 4096

struct proc {
	int pid, ppid, pgid, sid;
	unsigned int tty_nr, euid;
	unsigned long utime, stime;
	unsigned long long start;             /* clock ticks after boot */
	char comm[64];
	char *args;                           /* cmdline, NULs as blanks; "" if none */
};

static bool opt_all, opt_full, opt_jobs;
static unsigned long hz = 100;
static long long boot_time, now, uptime;  /* seconds */
static int width;                         /* cut lines here; 0: do not */

/* The whole (small) file path into buf (NUL-terminated); its length or -1. */
static int read_file(const char *path, char *buf, int size)
{
	int fd = open(path, O_RDONLY), n = 0, r;

	if (fd < 0)
		return -1;
	while (n < size - 1 && (r = read(fd, buf + n, size - 1 - n)) > 0)
		n += r;
	close(fd);
	buf[n] = '\0';
	return r < 0 ? -1 : n;
}

/* The next blank-separated decimal field at *f (it may be negative: the
 * tpgid of a process without a terminal is -1), *f moved past it. */
static long long next_field(char **f)
{
	char *s = *f;
	long long v = 0;
	bool neg;

	while (*s == ' ')
		s++;
	neg = *s == '-';
	s += neg;
	while (*s >= '0' && *s <= '9')
		v = v * 10 + (*s++ - '0');
	*f = s;
	return neg ? -v : v;
}

/* "pid (comm) state ppid pgrp session tty_nr tpgid flags minflt cminflt
 * majflt cmajflt utime stime ... starttime(22)": comm may hold blanks and
 * parentheses, so the fields resume after the last ')'. */
static bool parse_stat(struct proc *p, char *buf)
{
	char *open = strchr(buf, '('), *close = strrchr(buf, ')'), *f;
	long long v[20];

	if (!open || !close || close < open)
		return false;
	*close = '\0';
	strlcpy(p->comm, open + 1, sizeof(p->comm));
	f = close + 2;                        /* the state letter: field 3 */
	while (*f && *f != ' ')
		f++;
	for (int i = 0; i < 19; i++)          /* fields 4 .. 22 */
		v[i] = next_field(&f);
	p->ppid = v[0];
	p->pgid = v[1];
	p->sid = v[2];
	p->tty_nr = v[3];
	p->utime = v[10];
	p->stime = v[11];
	p->start = v[18];
	return true;
}

/* The effective uid: the second number of status's Uid: line. */
static unsigned int status_euid(const char *buf)
{
	const char *uid = strstr(buf, "\nUid:");
	char *end;

	if (!uid)
		return 0;
	strtoul(uid + 5, &end, 10);
	return strtoul(end, NULL, 10);
}

static char *read_args(int pid)
{
	char path[64], *buf = malloc(MAX_LINE);
	int n;

	if (!buf)
		return NULL;
	snprintf(path, sizeof(path), "/proc/%d/cmdline", pid);
	n = read_file(path, buf, MAX_LINE);
	if (n < 0)
		n = 0;
	while (n > 0 && buf[n - 1] == '\0')
		n--;
	for (int i = 0; i < n; i++)
		if (buf[i] == '\0')
			buf[i] = ' ';
	buf[n] = '\0';
	return buf;
}

/* One process, false if it is gone (or unreadable) by now. */
static bool read_proc(int pid, struct proc *p)
{
	char path[64], buf[MAX_LINE];

	p->pid = pid;
	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	if (read_file(path, buf, sizeof(buf)) <= 0 || !parse_stat(p, buf))
		return false;
	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	if (read_file(path, buf, sizeof(buf)) <= 0)
		return false;
	p->euid = status_euid(buf);
	p->args = opt_full ? read_args(pid) : NULL;
	return true;
}

/* The numeric names of /proc, ascending, into pids (at most max). */
static int list_pids(int *pids, int max)
{
	char buf[4096];
	int fd = open("/proc", O_RDONLY | O_DIRECTORY), n = 0, got;

	if (fd < 0) {
		perror("ps: /proc");
		exit(1);
	}
	while ((got = getdents64(fd, buf, sizeof(buf))) > 0) {
		for (int off = 0; off < got;) {
			struct linux_dirent64 *d = (void *)(buf + off);
			char *end;
			long pid = strtol(d->d_name, &end, 10);

			if (*end == '\0' && pid > 0 && n < max)
				pids[n++] = pid;
			off += d->d_reclen;
		}
	}
	close(fd);
	for (int i = 1; i < n; i++)           /* insertion sort: readdir order varies */
		for (int j = i; j > 0 && pids[j - 1] > pids[j]; j--) {
			int t = pids[j];

			pids[j] = pids[j - 1];
			pids[j - 1] = t;
		}
	return n;
}

/* A number after `key` in file path (btime, the uptime), or -1. */
static long long number_after(const char *path, const char *key)
{
	char buf[MAX_LINE];
	const char *at;

	if (read_file(path, buf, sizeof(buf)) <= 0)
		return -1;
	at = *key ? strstr(buf, key) : buf;
	return at ? (long long)strtoul(at + strlen(key), NULL, 10) : -1;
}

/* --- columns ---------------------------------------------------------- */

static void user_name(unsigned int uid, char *out, size_t size)
{
	char buf[MAX_LINE], *line = buf;

	snprintf(out, size, "%u", uid);
	if (read_file("/etc/passwd", buf, sizeof(buf)) <= 0)
		return;
	for (char *nl; line && *line; line = nl ? nl + 1 : NULL) {
		char *c1 = strchr(line, ':'), *c2 = c1 ? strchr(c1 + 1, ':') : NULL;

		nl = strchr(line, '\n');
		if (c2 && strtoul(c2 + 1, NULL, 10) == uid && c1 - line <= 8) {
			*c1 = '\0';
			snprintf(out, size, "%s", line);
			return;
		}
	}
}

static void tty_name(unsigned int tty_nr, char *out, size_t size)
{
	unsigned int major = (tty_nr >> 8) & 0xfff, minor = (tty_nr & 0xff) | ((tty_nr >> 12) & 0xfff00);

	if (tty_nr == 0)
		snprintf(out, size, "?");
	else if (major == 5 && minor == 1)
		snprintf(out, size, "console");
	else if (major == 4)
		snprintf(out, size, minor < 64 ? "tty%u" : "ttyS%u", minor < 64 ? minor : minor - 64);
	else if (major >= 136 && major <= 143)
		snprintf(out, size, "pts/%u", (major - 136) * 256 + minor);
	else
		snprintf(out, size, "?");
}

/* Days since 1970-01-01 to year, month (1..12) and day (proleptic
 * Gregorian, the usual era arithmetic). */
static void civil_from_days(long long z, int *y, unsigned int *m, unsigned int *d)
{
	long long era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = yoe + era * 400 + (*m <= 2);
}

static void start_time(const struct proc *p, char *out, size_t size)
{
	static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
	long long t = boot_time + (long long)(p->start / hz);
	int y, ny;
	unsigned int m, d, nm, nd;

	civil_from_days(t / 86400, &y, &m, &d);
	civil_from_days(now / 86400, &ny, &nm, &nd);
	if (y != ny)
		snprintf(out, size, "%d", y);
	else if (t / 86400 != now / 86400)
		snprintf(out, size, "%.3s%02u", months + 3 * (m - 1), d);
	else
		snprintf(out, size, "%02lld:%02lld", t % 86400 / 3600, t % 3600 / 60);
}

static void cpu_time(const struct proc *p, char *out, size_t size)
{
	unsigned long t = (p->utime + p->stime) / hz;

	if (t >= 86400)
		snprintf(out, size, "%lu-%02lu:%02lu:%02lu", t / 86400, t / 3600 % 24, t / 60 % 60, t % 60);
	else
		snprintf(out, size, "%02lu:%02lu:%02lu", t / 3600, t / 60 % 60, t % 60);
}

/* C: percent of its life on a CPU, at most 99 (procps' pcpu). */
static unsigned int cpu_percent(const struct proc *p)
{
	long long alive = uptime * (long long)hz - (long long)p->start;
	unsigned long long pct = alive > 0 ? (p->utime + p->stime) * 100ULL / alive : 0;

	return pct > 99 ? 99 : pct;
}

/* One write per line, cut at the terminal's width. */
static void print_line(char *line, size_t size)
{
	size_t n = strlen(line);

	if (width > 0 && n > (size_t)width)
		n = width;
	if (n + 1 < size) {
		line[n] = '\n';
		write(STDOUT_FILENO, line, n + 1);
	}
}

static void show(const struct proc *p)
{
	char line[MAX_LINE + 256], user[32], tty[16], stime[16], time[24], ids[48] = "";
	int n = 0;

	tty_name(p->tty_nr, tty, sizeof(tty));
	cpu_time(p, time, sizeof(time));
	if (opt_jobs)
		snprintf(ids, sizeof(ids), " %5d %5d", p->pgid, p->sid);
	if (opt_full) {
		user_name(p->euid, user, sizeof(user));
		start_time(p, stime, sizeof(stime));
		n = snprintf(line, sizeof(line), "%-8s %5d %5d%s %2u %5s ", user, p->pid, p->ppid,
			     ids, cpu_percent(p), stime);
	} else {
		n = snprintf(line, sizeof(line), "%5d%s ", p->pid, ids);
	}
	if (opt_full && !*p->args)
		snprintf(line + n, sizeof(line) - n, "%-8s %8s [%s]", tty, time, p->comm);
	else
		snprintf(line + n, sizeof(line) - n, "%-8s %8s %s", tty, time,
			 opt_full ? p->args : p->comm);
	print_line(line, sizeof(line));
}

static void header(void)
{
	const char *ids = opt_jobs ? "  PGID   SID" : "";

	if (opt_full)
		printf("UID        PID  PPID%s  C STIME TTY          TIME CMD\n", ids);
	else
		printf("  PID%s TTY          TIME CMD\n", ids);
}

/* --- options and the terminal ----------------------------------------- */

static void usage(const char *bad)
{
	dprintf(STDERR_FILENO, "ps: unsupported option '%s'\n"
		"usage: ps [-e|-A] [-f] [-j]  (procps' columns, from /proc)\n", bad);
	exit(1);
}

static void parse_options(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (a[0] != '-' || !a[1])
			usage(a);
		for (const char *c = a + 1; *c; c++) {
			if (*c == 'e' || *c == 'A')
				opt_all = true;
			else if (*c == 'f')
				opt_full = true;
			else if (*c == 'j')
				opt_jobs = true;
			else
				usage(a);
		}
	}
}

/* 0 when stdout is not a terminal (lines are not cut). */
static int output_width(void)
{
	struct winsize ws;
	const char *cols = getenv("COLUMNS");

	if (!isatty(STDOUT_FILENO))
		return 0;
	if (cols && atoi(cols) > 0)
		return atoi(cols);
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 80;
}

int main(int argc, char **argv)
{
	static int pids[32768];
	struct proc self;
	int n;

	parse_options(argc, argv);
	hz = getauxval(AT_CLKTCK) ? getauxval(AT_CLKTCK) : 100;
	boot_time = number_after("/proc/stat", "\nbtime ");
	uptime = number_after("/proc/uptime", "");
	now = time(NULL);
	width = output_width();
	if (!read_proc(getpid(), &self)) {
		perror("ps: /proc/self");
		return 1;
	}
	n = list_pids(pids, sizeof(pids) / sizeof(pids[0]));
	header();
	for (int i = 0; i < n; i++) {
		struct proc p;

		if (!read_proc(pids[i], &p))
			continue;                 /* ended meanwhile */
		if (opt_all || (p.euid == self.euid && p.tty_nr == self.tty_nr))
			show(&p);
		free(p.args);
	}
	return 0;
}
