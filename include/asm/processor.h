/* include/asm/processor.h: control registers, cpuid and rdtsc. */
#ifndef TASKLAB_ASM_PROCESSOR_H
#define TASKLAB_ASM_PROCESSOR_H

#include <types.h>

#define X86_CR0_PG 0x80000000
#define X86_CR0_WP 0x00010000
#define X86_CR0_NE 0x00000020
#define X86_CR0_TS 0x00000008
#define X86_CR0_EM 0x00000004
#define X86_CR0_MP 0x00000002
#define X86_CR4_PSE 0x10
#define X86_CR4_PGE 0x80
#define X86_CR4_OSFXSR 0x200

static inline u32 read_cr0(void) { u32 v; __asm__ __volatile__("mov %%cr0, %0" : "=r"(v)); return v; }
static inline u32 read_cr2(void) { u32 v; __asm__ __volatile__("mov %%cr2, %0" : "=r"(v)); return v; }
static inline u32 read_cr3(void) { u32 v; __asm__ __volatile__("mov %%cr3, %0" : "=r"(v)); return v; }
static inline u32 read_cr4(void) { u32 v; __asm__ __volatile__("mov %%cr4, %0" : "=r"(v)); return v; }
static inline void write_cr0(u32 v) { __asm__ __volatile__("mov %0, %%cr0" :: "r"(v) : "memory"); }
static inline void write_cr4(u32 v) { __asm__ __volatile__("mov %0, %%cr4" :: "r"(v) : "memory"); }

static inline u64 rdtsc(void)
{
	u32 lo, hi;
	__asm__ __volatile__("rdtsc" : "=a"(lo), "=d"(hi));
	return ((u64)hi << 32) | lo;
}

static inline u32 read_esp(void)
{
	u32 esp;
	__asm__ __volatile__("mov %%esp, %0" : "=r"(esp));
	return esp;
}

static inline u32 read_ebp(void)
{
	u32 ebp;
	__asm__ __volatile__("mov %%ebp, %0" : "=r"(ebp));
	return ebp;
}

static inline void cpu_relax(void) { __asm__ __volatile__("pause" ::: "memory"); }

/* CPUID leaf op (subleaf 0): the four registers (/proc/cpuinfo). */
static inline void cpuid(u32 op, u32 *eax, u32 *ebx, u32 *ecx, u32 *edx)
{
	*eax = op;
	*ecx = 0;
	__asm__ __volatile__("cpuid" : "+a"(*eax), "=b"(*ebx), "+c"(*ecx), "=d"(*edx));
}

#endif
