/* include/asm/elf.h: what the i386 ELF loader tells a new program about the
 * CPU (Linux's asm/elf.h). AT_HWCAP is CPUID leaf 1's edx, the feature flags
 * (fpu, tsc, cmov, mmx, sse, ...), which glibc reads to pick its routines. */
#ifndef TASKLAB_ASM_ELF_H
#define TASKLAB_ASM_ELF_H

#include <asm/processor.h>

#define ELF_HWCAP (cpuid_edx(1))

#endif
