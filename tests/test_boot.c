/* tests/test_boot.c: what boot/head.asm, boot/higher_half.asm and the
 * multiboot parser leave behind: a higher-half kernel (seed claim c10's
 * 3 GiB / 1 GiB split), the boot identity map gone, the memory map and
 * command line copied, and start_kernel running on the 8 KiB-aligned init_thread_union. These also run
 * under GRUB (make test boots the ISO with test=boot.*). */
#include <kernel.h>
#include <ktest.h>
#include <multiboot.h>
#include <sched.h>
#include <asm/page.h>
#include <asm/pgtable.h>
#include <asm/thread_info.h>
#include <asm/processor.h>
#include <asm/traps.h>

extern char _text[], _end[];
extern u32 swapper_pg_dir[1024];

static void claim_c10_kernel_in_higher_half(struct ktest *t)
{
	unsigned int level;
	pte_t *pte = lookup_address(PAGE_OFFSET, &level);

	KTEST_EXPECT_GE(t, (unsigned long)_text, PAGE_OFFSET + 0x100000);
	KTEST_EXPECT_LT(t, (unsigned long)_text, PAGE_OFFSET + 0x200000);
	KTEST_EXPECT_GE(t, (unsigned long)start_kernel, PAGE_OFFSET);
	KTEST_EXPECT_GE(t, (unsigned long)&boot_params, PAGE_OFFSET);
	/* The kernel page directory maps 0xC0000000 to physical 0 with a
	 * present, global page: a 4 KiB one (the image's first 4 MiB have a
	 * page table, so the text can be read-only), and 4 MiB pages on. */
	KTEST_ASSERT_NOT_NULL(t, pte);
	KTEST_EXPECT_EQ(t, *pte & 0xFFFFF101, 0x101);
	KTEST_EXPECT_EQ(t, swapper_pg_dir[(PAGE_OFFSET >> 22) + 1] & 0xFFC00181, 0x400181);
	KTEST_EXPECT_EQ(t, read_cr3(), __pa(swapper_pg_dir));
}

static void boot_identity_map_dropped(struct ktest *t)
{
	struct trap_catch c;
	volatile u32 *low = (u32 *)0x100000;   /* where the kernel was loaded */

	KTEST_EXPECT_EQ(t, swapper_pg_dir[0], 0);
	if (catch_trap(&c, X86_TRAP_PF) == 0) {
		(void)*low;
		uncatch_trap(&c);
		KTEST_FAIL(t, "reading physical 1 MiB through the identity map worked");
		return;
	}
	KTEST_EXPECT_EQ(t, c.cr2, 0x100000);
	/* ...while the same bytes (the multiboot magic) are in the direct map */
	KTEST_EXPECT_EQ(t, *(u32 *)__va(0x100000), 0x1BADB002);
}

static void boot_memory_map_parsed(struct ktest *t)
{
	bool low_ram = false, high_ram = false;

	KTEST_ASSERT_GT(t, boot_params.nr_regions, 1);
	for (int i = 0; i < boot_params.nr_regions; i++) {
		const struct memory_region *r = &boot_params.regions[i];
		KTEST_EXPECT_LT(t, r->start, r->end);
		low_ram |= r->type == E820_RAM && r->start == 0;
		high_ram |= r->type == E820_RAM && r->start <= 0x100000 && r->end > 0x100000;
	}
	KTEST_EXPECT_TRUE(t, low_ram);
	KTEST_EXPECT_TRUE(t, high_ram);        /* the kernel's own RAM is listed */
	KTEST_EXPECT_NE(t, boot_params.info_end, 0);
}

static void boot_memory_map_sanitized(struct ktest *t)
{
	u64 ram = 0;

	/* sorted, disjoint, merged: each region ends before the next starts,
	 * and two touching regions never share a type */
	for (int i = 0; i < boot_params.nr_regions; i++) {
		const struct memory_region *r = &boot_params.regions[i];
		if (r->type == E820_RAM && r->start < (1ULL << 32))
			ram += min(r->end, 1ULL << 32) - r->start;
		if (i == 0)
			continue;
		KTEST_EXPECT_LE(t, r[-1].end, r->start);
		if (r[-1].end == r->start)
			KTEST_EXPECT_NE(t, r[-1].type, r->type);
	}
	KTEST_EXPECT_EQ(t, boot_params.ram_total, ram);
	KTEST_EXPECT_GE(t, boot_params.ram_total, 16ULL << 20);
}

static void boot_on_init_thread_union(struct ktest *t)
{
	unsigned long base = (unsigned long)&init_thread_union;

	KTEST_EXPECT_EQ(t, base & (THREAD_SIZE - 1), 0);
	/* start_kernel ran there; it is the idle task's (PID 0) block now, and
	 * each test runs in a kernel thread of its own. */
	KTEST_EXPECT_EQ(t, (unsigned long)task_stack_page(&init_task), base);
	KTEST_EXPECT_NE(t, read_esp() & ~(THREAD_SIZE - 1), base);
}

static void boot_loader_named(struct ktest *t)
{
	KTEST_EXPECT_TRUE(t, !strncmp(boot_params.loader, "qemu", 4) ||
			     !strncmp(boot_params.loader, "GRUB", 4));
	KTEST_EXPECT_FALSE(t, boot_params.cmdline_truncated);
}

static const struct ktest_case boot_cases[] = {
	KTEST_CASE(claim_c10_kernel_in_higher_half),
	KTEST_CASE(boot_identity_map_dropped),
	KTEST_CASE(boot_memory_map_parsed),
	KTEST_CASE(boot_memory_map_sanitized),
	KTEST_CASE(boot_on_init_thread_union),
	KTEST_CASE(boot_loader_named),
	{}
};
KTEST_SUITE(boot, boot_cases);
