/* include/asm/cpufeature.h: the CPU features the kernel's self-protection
 * depends on (arch/i386/cpu.c), read once with CPUID at boot, and what was
 * turned on. boot_cpu_has() says what the CPU offers; smap_enabled says
 * whether SMAP is on (the uaccess helpers and the trap entry test it before
 * stac/clac, which fault as invalid opcodes on a CPU without SMAP). */
#ifndef TASKLAB_ASM_CPUFEATURE_H
#define TASKLAB_ASM_CPUFEATURE_H

#include <types.h>

/* Bits of boot_cpu_caps (not Linux's numbering: only what Tasklab uses). */
#define X86_FEATURE_RDRAND 0      /* CPUID 1, ECX bit 30 */
#define X86_FEATURE_SMEP   1      /* CPUID 7.0, EBX bit 7 */
#define X86_FEATURE_SMAP   2      /* CPUID 7.0, EBX bit 20 */

extern u32 boot_cpu_caps;
/* SMAP is on (CR4.SMAP): stac/clac bracket every user access. */
extern bool smap_enabled;

static inline bool boot_cpu_has(int feature) { return boot_cpu_caps & (1u << feature); }

/* Read the features above with CPUID (any time: no state but boot_cpu_caps). */
void cpu_detect_features(void);
/* Turn SMEP and SMAP on where the CPU has them and the command line did not
 * say nosmep / nosmap; one console line says what is on. Called once in
 * start_kernel, after the command line is parsed. */
void cpu_protections_init(void);

#endif
