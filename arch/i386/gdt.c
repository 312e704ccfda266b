/* arch/i386/gdt.c: the global descriptor table and the task state segment.
 * Flat 4 GiB segments for kernel and user code and data, three TLS slots that a
 * task fills with set_thread_area (empty until then), and one TSS whose ss0:esp0
 * the CPU loads on every entry from user mode. Layout: include/asm/segment.h. */
#include <kernel.h>
#include <asm/segment.h>

struct desc_struct gdt_table[GDT_ENTRIES] __aligned(8);
struct tss_struct init_tss __aligned(128);

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

static void load_gdt_and_segments(void)
{
	struct { u16 limit; u32 base; } __attribute__((packed)) gdtr = {
		sizeof(gdt_table) - 1, (u32)gdt_table
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

/* Contract: called first thing in start_kernel, with interrupts off. */
void gdt_init(void)
{
	set_desc(&gdt_table[GDT_ENTRY_KERNEL_CS], 0, 0xFFFFF, 0x9A, 0xC0);
	set_desc(&gdt_table[GDT_ENTRY_KERNEL_DS], 0, 0xFFFFF, 0x92, 0xC0);
	set_desc(&gdt_table[GDT_ENTRY_USER_CS], 0, 0xFFFFF, 0xFA, 0xC0);
	set_desc(&gdt_table[GDT_ENTRY_USER_DS], 0, 0xFFFFF, 0xF2, 0xC0);
	init_tss.ss0 = __KERNEL_DS;
	init_tss.io_bitmap_base = sizeof(init_tss);   /* no I/O bitmap: user in/out faults */
	set_desc(&gdt_table[GDT_ENTRY_TSS], (u32)&init_tss, sizeof(init_tss) - 1, 0x89, 0x00);
	load_gdt_and_segments();
}
