/* include/asm/segment.h: the GDT layout, which is Linux 2.6's on i386 so that
 * user programs see the selectors they expect (user CS 0x73, DS 0x7b, TLS in
 * entries 6..8, which glibc's set_thread_area(-1) picks from).
 *
 *   entry  selector  use
 *   0      0x00      null
 *   6-8    0x33-0x43 TLS slots (per task, reloaded at every switch)
 *   12     0x60      kernel code      (DPL 0)
 *   13     0x68      kernel data      (DPL 0)
 *   14     0x73      user code        (DPL 3, selector | RPL 3)
 *   15     0x7b      user data        (DPL 3)
 *   16     0x80      TSS
 *   others           unused (Linux keeps APM/PnP/BIOS segments there)
 */
#ifndef TASKLAB_ASM_SEGMENT_H
#define TASKLAB_ASM_SEGMENT_H

#define GDT_ENTRIES          32
#define GDT_ENTRY_TLS_MIN    6
#define GDT_ENTRY_TLS_ENTRIES 3
#define GDT_ENTRY_TLS_MAX    (GDT_ENTRY_TLS_MIN + GDT_ENTRY_TLS_ENTRIES - 1)
#define GDT_ENTRY_KERNEL_CS  12
#define GDT_ENTRY_KERNEL_DS  13
#define GDT_ENTRY_USER_CS    14
#define GDT_ENTRY_USER_DS    15
#define GDT_ENTRY_TSS        16

#define __KERNEL_CS  (GDT_ENTRY_KERNEL_CS * 8)
#define __KERNEL_DS  (GDT_ENTRY_KERNEL_DS * 8)
#define __USER_CS    (GDT_ENTRY_USER_CS * 8 + 3)
#define __USER_DS    (GDT_ENTRY_USER_DS * 8 + 3)
#define __TSS        (GDT_ENTRY_TSS * 8)

#ifndef __ASSEMBLER__
#include <types.h>
#include <smp.h>

/* One 8-byte segment descriptor, as the CPU reads it. */
struct desc_struct {
	u16 limit0;
	u16 base0;
	u8  base1;
	u8  type_flags;      /* P, DPL, S, type */
	u8  limit1_flags;    /* G, D/B, L, AVL, limit 19:16 */
	u8  base2;
} __attribute__((packed));

/* The 32-bit task state segment; only ss0/esp0 and the I/O map base are used:
 * the CPU loads ss0:esp0 on every entry from ring 3 (seed claim c33). */
struct tss_struct {
	u32 back_link, esp0, ss0, esp1, ss1, esp2, ss2;
	u32 cr3, eip, eflags, eax, ecx, edx, ebx, esp, ebp, esi, edi;
	u32 es, cs, ss, ds, fs, gs, ldt;
	u16 trace, io_bitmap_base;
} __attribute__((packed));

/* One GDT and one TSS per CPU (Linux 2.6's cpu_gdt_table and per-CPU
 * init_tss): the TLS slots hold the running task's descriptors and the
 * TSS's esp0 the top of its kernel stack (c33), and each CPU runs its own
 * task. CPU n's selectors are the same as CPU 0's. */
extern struct desc_struct cpu_gdt_table[NR_CPUS][GDT_ENTRIES];
DECLARE_PER_CPU(struct tss_struct, init_tss);
static inline struct desc_struct *get_cpu_gdt_table(int cpu) { return cpu_gdt_table[cpu]; }

void gdt_init(void);
/* Fill CPU cpu's GDT and TSS from CPU 0's, esp0 = its idle task's stack top. */
void cpu_gdt_init(int cpu, u32 esp0);
/* Load CPU cpu's GDT, segments and task register (on that CPU). */
void load_cpu_gdt(int cpu);
void set_desc(struct desc_struct *d, u32 base, u32 limit, u8 type_flags, u8 gran);
u32 desc_base(const struct desc_struct *d);
u32 desc_limit(const struct desc_struct *d);

static inline void load_esp0(u32 esp0) { this_cpu(init_tss).esp0 = esp0; }
#endif

#endif
