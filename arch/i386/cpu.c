/* arch/i386/cpu.c: what the CPU offers for the kernel's self-protection and
 * turning it on. CPUID tells whether the CPU has RDRAND (a hardware random
 * generator, one input of the stack canary), SMEP (CR4 bit 20: a kernel
 * instruction fetch from a user page faults) and SMAP (CR4 bit 21: a kernel
 * data access to a user page faults unless EFLAGS.AC is set, which only the
 * uaccess helpers do: include/asm/smap.h). `nosmep` and `nosmap` on the
 * command line leave them off, as they did in Linux, to see a protection's
 * should-panic test pass through unharmed. The stack canary's boot value is
 * mixed here from the RTC, the TSC and RDRAND (include/asm/stackprotector.h). */
#include <kernel.h>
#include <errno.h>
#include <params.h>
#include <time.h>
#include <asm/cpufeature.h>
#include <asm/processor.h>

u32 boot_cpu_caps __ro_after_init;
bool smap_enabled __ro_after_init;
static bool smep_off, smap_off;

static int nosmep_param(const char *value)
{
	if (value)
		return -EINVAL;
	smep_off = true;
	return 0;
}
KERNEL_PARAM("nosmep", nosmep_param);

static int nosmap_param(const char *value)
{
	if (value)
		return -EINVAL;
	smap_off = true;
	return 0;
}
KERNEL_PARAM("nosmap", nosmap_param);

void cpu_detect_features(void)
{
	u32 max_leaf, eax, ebx, ecx, edx;
	u32 caps = 0;

	cpuid_count(0, 0, &max_leaf, &ebx, &ecx, &edx);
	cpuid_count(1, 0, &eax, &ebx, &ecx, &edx);
	if (ecx & (1u << 30))
		caps |= 1u << X86_FEATURE_RDRAND;
	if (max_leaf >= 7) {
		cpuid_count(7, 0, &eax, &ebx, &ecx, &edx);
		if (ebx & (1u << 7))
			caps |= 1u << X86_FEATURE_SMEP;
		if (ebx & (1u << 20))
			caps |= 1u << X86_FEATURE_SMAP;
	}
	boot_cpu_caps = caps;
}

static const char *state(int feature, bool off)
{
	if (!boot_cpu_has(feature))
		return "not on this CPU";
	return off ? "off (command line)" : "on";
}

void cpu_protections_init(void)
{
	u32 cr4 = read_cr4();

	if (boot_cpu_has(X86_FEATURE_SMEP) && !smep_off)
		cr4 |= X86_CR4_SMEP;
	if (boot_cpu_has(X86_FEATURE_SMAP) && !smap_off)
		cr4 |= X86_CR4_SMAP;
	write_cr4(cr4);
	smap_enabled = cr4 & X86_CR4_SMAP;
	pr_info("CPU: SMEP %s, SMAP %s, RDRAND %s\n", state(X86_FEATURE_SMEP, smep_off),
		state(X86_FEATURE_SMAP, smap_off),
		boot_cpu_has(X86_FEATURE_RDRAND) ? "yes" : "no");
}

/* A word from RDRAND, retried as Intel advises (10 times), or 0. */
static unsigned long rdrand_word(void)
{
	unsigned long v;

	for (int i = 0; i < 10; i++)
		if (rdrand_long(&v))
			return v;
	return 0;
}

/* Contract: the stack canary's value, from the wall clock (the RTC, which
 * differs from boot to boot), the TSC (which differs with everything the
 * firmware and loader did before) and RDRAND where the CPU has it, mixed
 * by a multiply-xorshift so that every input bit moves every output bit.
 * Never 0 (a zeroed stack must not look intact). Interrupts off, boot only. */
unsigned long boot_stack_canary_seed(void)
{
	u64 x = rtc_read_unix_time() * 0x9E3779B97F4A7C15ULL;

	cpu_detect_features();
	x ^= rdtsc();
	if (boot_cpu_has(X86_FEATURE_RDRAND))
		x ^= (u64)rdrand_word() << 16;
	x ^= x >> 33;
	x *= 0xFF51AFD7ED558CCDULL;
	x ^= x >> 33;
	return (unsigned long)(x ^ (x >> 32)) ?: 0x5EED1E55UL;
}
