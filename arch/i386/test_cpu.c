/* arch/i386/test_cpu.c: the descriptor tables the CPU actually uses. Each check
 * reads the live register (sgdt/sidt/str, segment registers) and then the
 * descriptor it points to, so a table that is built but not loaded fails.
 * A suite of the arch, kept here because it runs the instructions it tests
 * (Linux keeps such x86 self-tests under arch/x86 too). */
#include <kernel.h>
#include <ktest.h>
#include <asm/desc.h>
#include <asm/irq.h>
#include <asm/segment.h>

struct dtr { u16 limit; u32 base; } __attribute__((packed));

static struct dtr read_gdtr(void) { struct dtr d; __asm__ __volatile__("sgdt %0" : "=m"(d)); return d; }
static struct dtr read_idtr(void) { struct dtr d; __asm__ __volatile__("sidt %0" : "=m"(d)); return d; }

static u16 read_seg(int which)
{
	u16 v = 0;

	switch (which) {
	case 0: __asm__ __volatile__("mov %%cs, %0" : "=r"(v)); break;
	case 1: __asm__ __volatile__("mov %%ds, %0" : "=r"(v)); break;
	case 2: __asm__ __volatile__("mov %%ss, %0" : "=r"(v)); break;
	case 3: __asm__ __volatile__("str %0" : "=r"(v)); break;
	}
	return v;
}

static void gdt_is_loaded(struct ktest *t)
{
	struct dtr g = read_gdtr();

	KTEST_EXPECT_EQ(t, g.base, (u32)get_cpu_gdt_table(smp_processor_id()));   /* this CPU's own */
	KTEST_EXPECT_EQ(t, g.limit, GDT_ENTRIES * 8 - 1);
	KTEST_EXPECT_EQ(t, read_seg(0), __KERNEL_CS);
	KTEST_EXPECT_EQ(t, read_seg(1), __KERNEL_DS);
	KTEST_EXPECT_EQ(t, read_seg(2), __KERNEL_DS);
}

/* Check one flat 4 GiB segment: base 0, limit 4 GiB, present, DPL, type. */
static void check_flat(struct ktest *t, int entry, int dpl, bool code)
{
	const struct desc_struct *d = &get_cpu_gdt_table(smp_processor_id())[entry];

	KTEST_EXPECT_EQ(t, desc_base(d), 0);
	KTEST_EXPECT_EQ(t, desc_limit(d), 0xFFFFFFFF);
	KTEST_EXPECT_EQ(t, d->type_flags >> 7, 1);                /* present */
	KTEST_EXPECT_EQ(t, (d->type_flags >> 5) & 3, dpl);
	KTEST_EXPECT_EQ(t, (d->type_flags >> 3) & 1, code);       /* executable */
	KTEST_EXPECT_EQ(t, (d->limit1_flags >> 6) & 1, 1);        /* 32-bit */
}

static void gdt_segments_match_linux_layout(struct ktest *t)
{
	KTEST_EXPECT_EQ(t, __KERNEL_CS, 0x60);
	KTEST_EXPECT_EQ(t, __KERNEL_DS, 0x68);
	KTEST_EXPECT_EQ(t, __USER_CS, 0x73);
	KTEST_EXPECT_EQ(t, __USER_DS, 0x7b);
	check_flat(t, GDT_ENTRY_KERNEL_CS, 0, true);
	check_flat(t, GDT_ENTRY_KERNEL_DS, 0, false);
	check_flat(t, GDT_ENTRY_USER_CS, 3, true);
	check_flat(t, GDT_ENTRY_USER_DS, 3, false);
}

static void gdt_tls_slots_reserved_empty(struct ktest *t)
{
	for (int e = GDT_ENTRY_TLS_MIN; e <= GDT_ENTRY_TLS_MAX; e++)
		KTEST_EXPECT_EQ(t, get_cpu_gdt_table(smp_processor_id())[e].type_flags, 0);   /* not present until set */
	KTEST_EXPECT_EQ(t, GDT_ENTRY_TLS_MAX - GDT_ENTRY_TLS_MIN + 1, 3);
}

static void tss_is_loaded(struct ktest *t)
{
	const struct desc_struct *d = &get_cpu_gdt_table(smp_processor_id())[GDT_ENTRY_TSS];
	const struct tss_struct *tss = &this_cpu(init_tss);

	KTEST_EXPECT_EQ(t, read_seg(3), __TSS);
	KTEST_EXPECT_EQ(t, desc_base(d), (u32)tss);
	KTEST_EXPECT_EQ(t, desc_limit(d), sizeof(struct tss_struct) - 1);
	KTEST_EXPECT_EQ(t, d->type_flags & 0x8D, 0x89);   /* present 32-bit TSS (busy bit aside) */
	KTEST_EXPECT_EQ(t, tss->ss0, __KERNEL_DS);
	KTEST_EXPECT_GE(t, tss->io_bitmap_base, sizeof(struct tss_struct));
}

static void idt_is_loaded_with_all_vectors(struct ktest *t)
{
	struct dtr i = read_idtr();

	KTEST_EXPECT_EQ(t, i.base, (u32)idt_table);
	KTEST_EXPECT_EQ(t, i.limit, 256 * 8 - 1);
	for (int v = 0; v < 48; v++) {
		const struct gate_struct *g = &idt_table[v];
		KTEST_EXPECT_EQ(t, gate_offset(g), trap_stubs[v]);
		KTEST_EXPECT_EQ(t, g->selector, __KERNEL_CS);
		KTEST_EXPECT_EQ(t, g->type_attr & 0x9F, 0x8E);    /* present interrupt gate */
		if (v != X86_TRAP_BP && v != X86_TRAP_OF)
			KTEST_EXPECT_EQ(t, (g->type_attr >> 5) & 3, 0);   /* kernel only */
	}
	KTEST_EXPECT_EQ(t, idt_table[49].type_attr, 0);       /* unused vectors absent */
}

static void idt_syscall_gate_is_user_callable(struct ktest *t)
{
	const struct gate_struct *g = &idt_table[SYSCALL_VECTOR];

	KTEST_EXPECT_EQ(t, gate_offset(g), (u32)system_call_stub);
	KTEST_EXPECT_EQ(t, (g->type_attr >> 5) & 3, 3);      /* DPL 3 */
	KTEST_EXPECT_EQ(t, (idt_table[X86_TRAP_GP].type_attr >> 5) & 3, 0);
	/* int3 and into may be used from user mode (SIGTRAP), as on Linux */
	KTEST_EXPECT_EQ(t, (idt_table[X86_TRAP_BP].type_attr >> 5) & 3, 3);
	KTEST_EXPECT_EQ(t, (idt_table[X86_TRAP_OF].type_attr >> 5) & 3, 3);
	KTEST_EXPECT_EQ(t, (idt_table[32].type_attr >> 5) & 3, 0);   /* IRQs: no int from ring 3 */
}

static const struct ktest_case cpu_cases[] = {
	KTEST_CASE(gdt_is_loaded),
	KTEST_CASE(gdt_segments_match_linux_layout),
	KTEST_CASE(gdt_tls_slots_reserved_empty),
	KTEST_CASE(tss_is_loaded),
	KTEST_CASE(idt_is_loaded_with_all_vectors),
	KTEST_CASE(idt_syscall_gate_is_user_callable),
	{}
};
KTEST_SUITE(cpu, cpu_cases);
