/* user/include/sys/sysinfo.h: sysinfo(2) (user/lib/sysinfo.c), Linux's
 * i386 struct sysinfo. */
#ifndef _TL_SYS_SYSINFO_H
#define _TL_SYS_SYSINFO_H

struct sysinfo {
	long uptime;                      /* seconds since boot */
	unsigned long loads[3];           /* 1, 5, 15 minute load, << 16 */
	unsigned long totalram, freeram, sharedram, bufferram, totalswap, freeswap;
	unsigned short procs, pad;
	unsigned long totalhigh, freehigh;
	unsigned int mem_unit;            /* bytes per unit of the sizes */
	char _f[8];
};

int sysinfo(struct sysinfo *info);

#endif
