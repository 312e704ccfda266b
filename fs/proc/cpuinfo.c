/* fs/proc/cpuinfo.c: /proc/cpuinfo, one block per online CPU in Linux's
 * i386 layout, from CPUID: vendor, family, model, name, stepping, the
 * feature flags by Linux's names, the cache line and address sizes, and
 * the CPU's local APIC id ("apicid", as Linux's SMP kernel shows it). The
 * CPUID answers are the reading CPU's: every CPU of a machine Tasklab
 * starts is the same model (QEMU's -cpu). Tasklab does not calibrate the
 * TSC or a delay loop, so the "cpu MHz" and "bogomips" lines Linux
 * computes from them are left out, and it does not read the package and
 * core topology, so "physical id", "siblings", "core id" and "cpu cores"
 * are left out too. */
#include <kernel.h>
#include <cpumask.h>
#include <smp.h>
#include <asm/apic.h>
#include <asm/processor.h>
#include "internal.h"

/* Linux's names for CPUID bits, NULL where it shows none. */
static const char *const leaf1_edx[32] = {
	"fpu", "vme", "de", "pse", "tsc", "msr", "pae", "mce", "cx8", "apic", NULL, "sep",
	"mtrr", "pge", "mca", "cmov", "pat", "pse36", "pn", "clflush", NULL, "dts", "acpi",
	"mmx", "fxsr", "sse", "sse2", "ss", "ht", "tm", "ia64", "pbe",
};
static const char *const leaf1_ecx[32] = {
	"pni", "pclmulqdq", "dtes64", "monitor", "ds_cpl", "vmx", "smx", "est", "tm2",
	"ssse3", "cid", "sdbg", "fma", "cx16", "xtpr", "pdcm", NULL, "pcid", "dca", "sse4_1",
	"sse4_2", "x2apic", "movbe", "popcnt", "tsc_deadline_timer", "aes", "xsave", NULL,
	"avx", "f16c", "rdrand", "hypervisor",
};
static const char *const ext1_edx[32] = {
	[11] = "syscall", [19] = "mp", [20] = "nx", [22] = "mmxext", [25] = "fxsr_opt",
	[26] = "pdpe1gb", [27] = "rdtscp", [29] = "lm", [30] = "3dnowext", [31] = "3dnow",
};
static const char *const ext1_ecx[32] = {
	"lahf_lm", "cmp_legacy", "svm", "extapic", "cr8_legacy", "abm", "sse4a",
	"misalignsse", "3dnowprefetch", "osvw", "ibs", "xop", NULL, "skinit", "wdt",
};

static void show_flags(struct seq_file *m, const char *const names[32], u32 bits)
{
	for (int i = 0; i < 32; i++)
		if ((bits & (1u << i)) && names[i])
			seq_printf(m, " %s", names[i]);
}

/* The brand string of leaves 0x80000002..4, leading spaces dropped. */
static void model_name(char name[49], u32 max_ext)
{
	u32 *w = (u32 *)name;
	char *p = name;

	name[0] = name[48] = '\0';
	if (max_ext < 0x80000004)
		return;
	for (u32 leaf = 0; leaf < 3; leaf++)
		cpuid_count(0x80000002 + leaf, 0, &w[leaf * 4], &w[leaf * 4 + 1],
			    &w[leaf * 4 + 2], &w[leaf * 4 + 3]);
	while (*p == ' ')
		p++;
	memmove(name, p, strlen(p) + 1);
}

static void show_ident(struct seq_file *m, int cpu, u32 max, u32 max_ext, u32 sig)
{
	u32 v[4], family = (sig >> 8) & 0xf, model = (sig >> 4) & 0xf;
	char vendor[13], name[49];

	cpuid_count(0, 0, &v[0], &v[1], &v[2], &v[3]);
	memcpy(vendor, &v[1], 4);
	memcpy(vendor + 4, &v[3], 4);
	memcpy(vendor + 8, &v[2], 4);
	vendor[12] = '\0';
	model_name(name, max_ext);
	if (family == 0xf)
		family += (sig >> 20) & 0xff;
	if (family >= 6)
		model += ((sig >> 16) & 0xf) << 4;
	seq_printf(m, "processor\t: %d\nvendor_id\t: %s\ncpu family\t: %u\nmodel\t\t: %u\n"
		   "model name\t: %s\nstepping\t: %u\n", cpu, vendor, family, model,
		   *name ? name : "unknown", sig & 0xf);
	seq_printf(m, "fdiv_bug\t: no\nf00f_bug\t: no\ncoma_bug\t: no\nfpu\t\t: yes\n"
		   "fpu_exception\t: yes\ncpuid level\t: %u\nwp\t\t: %s\n", max,
		   (read_cr0() & X86_CR0_WP) ? "yes" : "no");
	seq_printf(m, "apicid\t\t: %u\ninitial apicid\t: %u\n", cpu_to_apicid[cpu],
		   cpu_to_apicid[cpu]);
}

#define X86_FEATURE_PAE     (1u << 6)
#define X86_FEATURE_PSE36   (1u << 17)
#define X86_FEATURE_CLFLUSH (1u << 19)

/* Linux's i386 defaults: 32-byte lines, 32-bit addresses (36 physical
 * with PAE or PSE36), unless CPUID says more. */
static void show_sizes(struct seq_file *m, u32 max_ext, u32 ebx, u32 edx)
{
	unsigned int clflush = 32, phys = 32, virt = 32;
	u32 a, x;

	if (edx & X86_FEATURE_CLFLUSH)
		clflush = ((ebx >> 8) & 0xff) * 8;
	if (max_ext >= 0x80000008) {
		cpuid_count(0x80000008, 0, &a, &x, &x, &x);
		phys = a & 0xff;
		virt = (a >> 8) & 0xff;
	} else if (edx & (X86_FEATURE_PAE | X86_FEATURE_PSE36)) {
		phys = 36;
	}
	seq_printf(m, "clflush size\t: %u\ncache_alignment\t: %u\n", clflush, clflush);
	seq_printf(m, "address sizes\t: %u bits physical, %u bits virtual\npower management:\n\n",
		   phys, virt);
}

static void show_cpu(struct seq_file *m, int cpu)
{
	u32 max, max_ext, sig, ebx, ecx, edx, x;

	cpuid_count(0, 0, &max, &x, &x, &x);
	cpuid_count(0x80000000, 0, &max_ext, &x, &x, &x);
	cpuid_count(1, 0, &sig, &ebx, &ecx, &edx);
	show_ident(m, cpu, max, max_ext, sig);
	seq_puts(m, "flags\t\t:");
	show_flags(m, leaf1_edx, edx);
	show_flags(m, leaf1_ecx, ecx);
	if (max_ext >= 0x80000001) {
		u32 eecx, eedx;

		cpuid_count(0x80000001, 0, &x, &x, &eecx, &eedx);
		show_flags(m, ext1_edx, eedx);
		show_flags(m, ext1_ecx, eecx);
	}
	seq_putc(m, '\n');
	show_sizes(m, max_ext, ebx, edx);
}

int proc_cpuinfo_show(struct seq_file *m, struct proc_inode *pi)
{
	int cpu;

	for_each_online_cpu(cpu)
		show_cpu(m, cpu);
	return 0;
}
