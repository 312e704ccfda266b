/* include/asm/processor.h: the CPU state a switched-out task keeps, control
 * registers, cpuid, rdtsc and rdrand, the stack and frame pointers, running a
 * function on another stack, and the FPU probes the self-tests use. */
#ifndef TASKLAB_ASM_PROCESSOR_H
#define TASKLAB_ASM_PROCESSOR_H

#include <types.h>
#include <asm/segment.h>

/* The CPU state a switched-out task keeps (arch/i386/process.c), in
 * task_struct.thread. switch_to.asm reaches esp and eip by the offsets
 * arch/i386/asm-offsets.c generates. */
struct fpu_state {
	u8 fxsave[512];                   /* fxsave/fxrstor image, 16-byte aligned */
} __aligned(16);

/* A clean FPU: the control word fninit loads, and MXCSR with every SSE
 * exception masked. */
#define FPU_CWD_DEFAULT 0x037F
#define MXCSR_DEFAULT   0x1F80

struct thread_struct {
	u32 esp;                          /* saved by switch_to */
	u32 eip;                          /* where switch_to resumes the task */
	u32 esp0;                         /* top of the kernel stack: TSS.esp0 */
	struct desc_struct tls_array[GDT_ENTRY_TLS_ENTRIES];  /* set_thread_area */
	struct fpu_state fpu;             /* valid when PF_USED_MATH and not loaded */
};

/* Copy t's TLS descriptors into CPU cpu's GDT slots (on every switch to a
 * user task, and by set_thread_area): three 8-byte stores, the GDT found
 * once, as Linux's load_TLS. */
static inline void load_TLS_desc(const struct thread_struct *t, int cpu)
{
	struct desc_struct *gdt = get_cpu_gdt_table(cpu) + GDT_ENTRY_TLS_MIN;

	gdt[0] = t->tls_array[0];
	gdt[1] = t->tls_array[1];
	gdt[2] = t->tls_array[2];
}

/* fs and gs may still hold a user TLS selector from the last return to
 * user mode; a trap taken in kernel mode saves and reloads them, which must
 * not fault after that slot changed (another task's TLS, or cleared by
 * exec). The kernel never uses fs/gs, and every return to user mode pops
 * the task's own values from its frame, so 0 is safe in between. */
static inline void clear_user_segments(void)
{
	__asm__ __volatile__("mov %0, %%fs\n\tmov %0, %%gs" :: "r"(0));
}

#define X86_CR0_PG 0x80000000
#define X86_CR0_WP 0x00010000
#define X86_CR0_NE 0x00000020
#define X86_CR0_TS 0x00000008
#define X86_CR0_EM 0x00000004
#define X86_CR0_MP 0x00000002
#define X86_CR4_PSE 0x10
#define X86_CR4_PGE 0x80
#define X86_CR4_OSFXSR 0x200
#define X86_CR4_SMEP 0x00100000        /* no kernel instruction fetch from user pages */
#define X86_CR4_SMAP 0x00200000        /* no kernel data access to user pages unless EFLAGS.AC */

static inline u32 read_cr0(void) { u32 v; __asm__ __volatile__("mov %%cr0, %0" : "=r"(v)); return v; }
static inline u32 read_cr2(void) { u32 v; __asm__ __volatile__("mov %%cr2, %0" : "=r"(v)); return v; }
static inline u32 read_cr3(void) { u32 v; __asm__ __volatile__("mov %%cr3, %0" : "=r"(v)); return v; }
static inline u32 read_cr4(void) { u32 v; __asm__ __volatile__("mov %%cr4, %0" : "=r"(v)); return v; }
static inline void write_cr0(u32 v) { __asm__ __volatile__("mov %0, %%cr0" :: "r"(v) : "memory"); }
static inline void write_cr4(u32 v) { __asm__ __volatile__("mov %0, %%cr4" :: "r"(v) : "memory"); }
/* Load a page directory (physical address): the TLB's non-global entries go. */
static inline void write_cr3(u32 v) { __asm__ __volatile__("mov %0, %%cr3" :: "r"(v) : "memory"); }

/* CPUID leaf op's edx (leaf 1: the feature flags, ELF_HWCAP). */
static inline u32 cpuid_edx(u32 op)
{
	u32 eax = op, ebx, ecx, edx;

	__asm__ __volatile__("cpuid" : "+a"(eax), "=b"(ebx), "=c"(ecx), "=d"(edx));
	return edx;
}

/* CPUID leaf op, subleaf `count` (leaf 7 has subleaves): all four registers. */
static inline void cpuid_count(u32 op, u32 count, u32 *eax, u32 *ebx, u32 *ecx, u32 *edx)
{
	__asm__ __volatile__("cpuid" : "=a"(*eax), "=b"(*ebx), "=c"(*ecx), "=d"(*edx)
			     : "a"(op), "c"(count));
}

static inline u64 rdtsc(void)
{
	u32 lo, hi;
	__asm__ __volatile__("rdtsc" : "=a"(lo), "=d"(hi));
	return ((u64)hi << 32) | lo;
}

/* One random word from the CPU's generator (RDRAND; only where CPUID says
 * the CPU has it): false when it had none ready (carry clear), as the
 * instruction may say under load; the caller retries or does without. */
static inline bool rdrand_long(unsigned long *v)
{
	bool ok;

	__asm__ __volatile__("rdrand %0; setc %1" : "=r"(*v), "=qm"(ok) :: "cc");
	return ok;
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

/* Run fn(arg) on another stack whose top is `stack`, then come back (Linux's
 * call_on_stack): the caller's esp is pushed on the new stack and popped after
 * the call. ebp is left as it is, so a backtrace taken inside fn still walks
 * into the caller's frames. Interrupt state is not touched. The operands sit
 * in the registers the call clobbers anyway (eax, ecx, edx), so a caller
 * whose usual path never gets here saves no callee-saved register for it. */
static inline void call_on_stack(void *stack, void (*fn)(void *), void *arg)
{
	__asm__ __volatile__("xchgl %%eax, %%esp\n\t"   /* eax = the caller's esp */
			     "pushl %%eax\n\t"
			     "pushl %%edx\n\t"
			     "call *%%ecx\n\t"
			     "addl $4, %%esp\n\t"
			     "popl %%esp"
			     : "+a"(stack), "+c"(fn), "+d"(arg) :: "memory", "cc");
}

/* For the FPU self-tests: reset the x87 unit and load v into st0; read st0
 * back as an integer, leaving it on the register stack. */
static inline void fpu_load_int(int v) { __asm__ __volatile__("fninit; fildl %0" :: "m"(v)); }
static inline int fpu_read_int(void)
{
	int v;

	__asm__ __volatile__("fistl %0" : "=m"(v));
	return v;
}

#endif
