/* tests/test_memmap.c: sanitize_memory_map() on maps a careless BIOS might
 * give: out of order, overlapping, duplicated, reserved inside RAM, empty. */
#include <kernel.h>
#include <ktest.h>
#include <multiboot.h>

#define RAM E820_RAM
#define RES 2
#define MiB (1ULL << 20)

static void expect_region(struct ktest *t, const struct memory_region *r,
			  u64 start, u64 end, u32 type)
{
	KTEST_EXPECT_EQ(t, r->start, start);
	KTEST_EXPECT_EQ(t, r->end, end);
	KTEST_EXPECT_EQ(t, r->type, type);
}

static void memmap_sorts_and_merges(struct ktest *t)
{
	struct memory_region r[MAX_MEMORY_REGIONS] = {
		{ 16 * MiB, 32 * MiB, RAM },
		{ 0, 1 * MiB, RAM },
		{ 1 * MiB, 16 * MiB, RAM },       /* touches both: one region */
	};

	KTEST_ASSERT_EQ(t, sanitize_memory_map(r, 3), 1);
	expect_region(t, &r[0], 0, 32 * MiB, RAM);
}

static void memmap_duplicate_ram_counted_once(struct ktest *t)
{
	struct memory_region r[MAX_MEMORY_REGIONS] = {
		{ 1 * MiB, 64 * MiB, RAM },
		{ 16 * MiB, 64 * MiB, RAM },      /* the reviewer's double-free map */
	};

	KTEST_ASSERT_EQ(t, sanitize_memory_map(r, 2), 1);
	expect_region(t, &r[0], 1 * MiB, 64 * MiB, RAM);
}

static void memmap_reserved_wins_over_ram(struct ktest *t)
{
	struct memory_region r[MAX_MEMORY_REGIONS] = {
		{ 0, 64 * MiB, RAM },
		{ 8 * MiB, 9 * MiB, RES },        /* a hole punched in the middle */
		{ 60 * MiB, 70 * MiB, RES },      /* overlapping the end */
	};

	KTEST_ASSERT_EQ(t, sanitize_memory_map(r, 3), 4);
	expect_region(t, &r[0], 0, 8 * MiB, RAM);
	expect_region(t, &r[1], 8 * MiB, 9 * MiB, RES);
	expect_region(t, &r[2], 9 * MiB, 60 * MiB, RAM);
	expect_region(t, &r[3], 60 * MiB, 70 * MiB, RES);
}

static void memmap_ignores_empty_and_inverted(struct ktest *t)
{
	struct memory_region r[MAX_MEMORY_REGIONS] = {
		{ 5 * MiB, 5 * MiB, RAM },
		{ 9 * MiB, 3 * MiB, RAM },
		{ 1 * MiB, 2 * MiB, RES },
	};

	KTEST_ASSERT_EQ(t, sanitize_memory_map(r, 3), 1);
	expect_region(t, &r[0], 1 * MiB, 2 * MiB, RES);
	KTEST_EXPECT_EQ(t, sanitize_memory_map(r, 0), 0);
}

static const struct ktest_case memmap_cases[] = {
	KTEST_CASE(memmap_sorts_and_merges),
	KTEST_CASE(memmap_duplicate_ram_counted_once),
	KTEST_CASE(memmap_reserved_wins_over_ram),
	KTEST_CASE(memmap_ignores_empty_and_inverted),
	{}
};
KTEST_SUITE(memmap, memmap_cases);
