/* arch/i386/gdt.c: the global descriptor tables and task state segments, one
 * of each per CPU (Linux 2.6's cpu_gdt_table and init_tss). Flat 4 GiB
 * segments for kernel and user code and data, three TLS slots that the
 * running task fills with set_thread_area (empty until then), and a TSS whose
 * ss0:esp0 the CPU loads on every entry from user mode: each CPU's esp0 is
 * the top of the stack of the task running there (c33). Layout:
 * include/asm/segment.h. */
#include <kernel.h>
#include <asm/segment.h>

struct desc_struct cpu_gdt_table[NR_CPUS][GDT_ENTRIES] __aligned(8);
struct tss_struct init_tss[NR_CPUS] __aligned(128);

void set_desc(struct desc_struct *d, u32 base, u32 limit, u8 type_flags, u8 gran)
{
	d->limit0 = limit & 0xFFFF;
	d->base0 = base & 0xFFFF;
	d->base1 = (base >> 16) & 0xFF;
	d->type_flags = type_flags;
	d->limit1_flags = (gran & 0xF0) | ((limit >> 16) & 0x0F);
	d->base2 = base >> 24;
}

u32 desc_base(const struct desc_struct *d)
{
	return d->base0 | ((u32)d->base1 << 16) | ((u32)d->base2 << 24);
}

u32 desc_limit(const struct desc_struct *d)
{
	u32 limit = d->limit0 | ((u32)(d->limit1_flags & 0x0F) << 16);

	return (d->limit1_flags & 0x80) ? (limit << 12) | 0xFFF : limit;
}

/* Contract: load CPU cpu's GDT, reload every segment register and the task
 * register; run on that CPU with interrupts off. */
void load_cpu_gdt(int cpu)
{
	struct { u16 limit; u32 base; } __attribute__((packed)) gdtr = {
		sizeof(cpu_gdt_table[cpu]) - 1, (u32)cpu_gdt_table[cpu]
	};

	__asm__ __volatile__(
		"lgdt %0\n\t"
		"ljmp %1, $1f\n"         /* reload CS with a far jump */
		"1:\n\t"
		"movw %w2, %%ax\n\t"
		"movw %%ax, %%ds\n\t"
		"movw %%ax, %%es\n\t"
		"movw %%ax, %%ss\n\t"
		"xorw %%ax, %%ax\n\t"
		"movw %%ax, %%fs\n\t"    /* fs and gs belong to user TLS */
		"movw %%ax, %%gs\n\t"
		"ltr %w3"
		:: "m"(gdtr), "i"(__KERNEL_CS), "r"(__KERNEL_DS), "r"(__TSS)
		: "eax", "memory");
}

static void set_tss(int cpu, u32 esp0)
{
	struct tss_struct *tss = &per_cpu(init_tss, cpu);

	tss->ss0 = __KERNEL_DS;
	tss->esp0 = esp0;
	tss->io_bitmap_base = sizeof(*tss);   /* no I/O bitmap: user in/out faults */
	set_desc(&cpu_gdt_table[cpu][GDT_ENTRY_TSS], (u32)tss, sizeof(*tss) - 1, 0x89, 0x00);
}

/* Contract: called first thing in start_kernel, with interrupts off: CPU
 * 0's tables (its esp0 is set at the first switch). */
void gdt_init(void)
{
	struct desc_struct *gdt = cpu_gdt_table[0];

	set_desc(&gdt[GDT_ENTRY_KERNEL_CS], 0, 0xFFFFF, 0x9A, 0xC0);
	set_desc(&gdt[GDT_ENTRY_KERNEL_DS], 0, 0xFFFFF, 0x92, 0xC0);
	set_desc(&gdt[GDT_ENTRY_USER_CS], 0, 0xFFFFF, 0xFA, 0xC0);
	set_desc(&gdt[GDT_ENTRY_USER_DS], 0, 0xFFFFF, 0xF2, 0xC0);
	set_tss(0, 0);
	load_cpu_gdt(0);
}

/* Contract: CPU 0 fills CPU cpu's tables before starting it: the flat
 * segments copied, the TLS slots empty, a TSS of its own (a TSS descriptor
 * is marked busy by ltr, so CPUs cannot share one). */
void cpu_gdt_init(int cpu, u32 esp0)
{
	memcpy(cpu_gdt_table[cpu], cpu_gdt_table[0], sizeof(cpu_gdt_table[0]));
	for (int i = GDT_ENTRY_TLS_MIN; i <= GDT_ENTRY_TLS_MAX; i++)
		memset(&cpu_gdt_table[cpu][i], 0, sizeof(struct desc_struct));
	set_tss(cpu, esp0);
}
