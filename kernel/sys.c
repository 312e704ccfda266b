/* kernel/sys.c: system information calls. uname reports a Linux release new
 * enough for static glibc (which refuses to start below its minimum kernel
 * version, 3.2.0) and says it is Tasklab in the version field; the host
 * name is root's to change (/proc/sys/kernel/hostname). sysinfo gives the
 * uptime, the load averages, memory and the number of tasks, as Linux's
 * do_sysinfo (BusyBox's uptime and free read it). */
#include <kernel.h>
#include <errno.h>
#include <mm.h>
#include <mmzone.h>
#include <sched.h>
#include <sched/loadavg.h>
#include <utsname.h>
#include <asm/uaccess.h>

static struct new_utsname init_uts_name = {
	.sysname = "Linux",
	.nodename = "tasklab",
	.release = "4.4.0-tasklab",
	.version = "#1 Tasklab 0.1 teaching kernel",
	.machine = "i686",
	.domainname = "(none)",
};

struct new_utsname *utsname(void)
{
	return &init_uts_name;
}

long sys_newuname(u32 name, u32 b, u32 c, u32 d, u32 e, u32 f)
{
	if (copy_to_user((void *)name, &init_uts_name, sizeof(init_uts_name)))
		return -EFAULT;
	return 0;
}

/* Linux's struct sysinfo on i386 (64 bytes). */
struct sysinfo32 {
	s32 uptime;                       /* seconds since boot */
	u32 loads[3];                     /* 1, 5, 15 minutes, << SI_LOAD_SHIFT */
	u32 totalram, freeram, sharedram, bufferram, totalswap, freeswap;
	u16 procs, pad;
	u32 totalhigh, freehigh;
	u32 mem_unit;                     /* bytes per unit of the sizes */
	char _f[8];
};

#define SI_LOAD_SHIFT 16

/* Sizes in bytes when the total fits in 32 bits (mem_unit 1), else in
 * pages (mem_unit 4096): Linux's rule, so 2 GiB reads as bytes. */
static void sysinfo_scale(struct sysinfo32 *s)
{
	if ((u64)s->totalram * PAGE_SIZE > 0xffffffffULL)
		return;
	s->mem_unit = 1;
	s->totalram <<= PAGE_SHIFT;
	s->freeram <<= PAGE_SHIFT;
	s->totalhigh <<= PAGE_SHIFT;
	s->freehigh <<= PAGE_SHIFT;
}

static void do_sysinfo(struct sysinfo32 *s)
{
	memset(s, 0, sizeof(*s));
	s->uptime = jiffies / HZ + (jiffies % HZ ? 1 : 0);   /* rounded up, as Linux */
	for (int i = 0; i < 3; i++)
		s->loads[i] = avenrun[i] << (SI_LOAD_SHIFT - FSHIFT);
	s->procs = nr_threads;
	s->totalram = totalram_pages;
	s->freeram = nr_free_pages();
	s->totalhigh = zones[ZONE_HIGHMEM].present_pages;
	s->freehigh = zones[ZONE_HIGHMEM].free_pages;
	s->mem_unit = PAGE_SIZE;
	sysinfo_scale(s);
}

/* sysinfo(info): no shared memory, buffers or swap to report (0); a bad
 * pointer is EFAULT. */
long sys_sysinfo(u32 uinfo, u32 b, u32 c, u32 d, u32 e, u32 f)
{
	struct sysinfo32 s;

	do_sysinfo(&s);
	return copy_to_user((void *)uinfo, &s, sizeof(s)) ? -EFAULT : 0;
}
