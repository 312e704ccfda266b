/* mm/bootmem.c: physical memory before the buddy allocator exists. It keeps
 * a sorted list of reserved physical ranges (the first 1 MiB of BIOS data and
 * VGA holes, the kernel image with its bss and page tables, the multiboot
 * structures, boot modules, and whatever mem_init carves out, like mem_map),
 * finds room for early allocations, and finally walks the RAM regions of the
 * multiboot map minus the reserved ranges, so that exactly the usable frames
 * reach the buddy allocator. */
#include <kernel.h>
#include <multiboot.h>
#include "internal.h"

struct reserved_range reserved_ranges[MAX_RESERVED_RANGES];
int nr_reserved_ranges;

/* Physical frames above 4 GiB cannot be reached without PAE. */
#define PHYS_LIMIT 0x100000000ULL

/* _start is in .head.text, linked at its physical address (linker.ld). */
extern char _start[], _end[];

void reserve_bootmem(u64 start, u64 end, const char *what)
{
	int i;

	start = ALIGN_DOWN(start, (u64)PAGE_SIZE);
	end = ALIGN_UP(end, (u64)PAGE_SIZE);
	if (start >= end)
		return;
	if (nr_reserved_ranges == MAX_RESERVED_RANGES)
		panic("bootmem: more than %d reserved ranges (%s)", MAX_RESERVED_RANGES, what);
	for (i = nr_reserved_ranges; i > 0 && reserved_ranges[i - 1].start > start; i--)
		reserved_ranges[i] = reserved_ranges[i - 1];
	reserved_ranges[i] = (struct reserved_range){ start, end, what };
	nr_reserved_ranges++;
}

void reserve_boot_ranges(void)
{
	reserve_bootmem(0, 0x100000, "BIOS, VGA and ROM (first 1 MiB)");
	for (int i = 0; i < boot_params.nr_regions; i++) {
		const struct memory_region *r = &boot_params.regions[i];
		if (r->type != E820_RAM && r->start < PHYS_LIMIT)
			reserve_bootmem(r->start, min(r->end, PHYS_LIMIT), "not RAM");
	}
	reserve_bootmem((unsigned long)_start, __pa(_end), "kernel image");
	if (boot_params.info_end)
		reserve_bootmem(boot_params.info_start, boot_params.info_end, "multiboot info");
	for (int i = 0; i < boot_params.nr_modules; i++)
		reserve_bootmem(boot_params.modules[i].start, boot_params.modules[i].end,
				"boot module");
}

/* Walk [start, end) of one RAM region minus the reserved ranges. */
static void walk_free(u64 start, u64 end, void (*fn)(u64, u64, void *), void *arg)
{
	u64 cursor = ALIGN_UP(start, (u64)PAGE_SIZE);

	end = ALIGN_DOWN(min(end, PHYS_LIMIT), (u64)PAGE_SIZE);
	for (int i = 0; i < nr_reserved_ranges && cursor < end; i++) {
		const struct reserved_range *r = &reserved_ranges[i];
		if (r->end <= cursor)
			continue;
		if (r->start >= end)
			break;
		if (r->start > cursor)
			fn(cursor, r->start, arg);
		cursor = max(cursor, r->end);
	}
	if (cursor < end)
		fn(cursor, end, arg);
}

static void walk_free_ram(void (*fn)(u64, u64, void *), void *arg)
{
	for (int i = 0; i < boot_params.nr_regions; i++) {
		const struct memory_region *r = &boot_params.regions[i];
		if (r->type == E820_RAM)
			walk_free(r->start, r->end, fn, arg);
	}
}

struct fit { u64 size, min, limit, found; };

static void try_fit(u64 start, u64 end, void *arg)
{
	struct fit *f = arg;
	u64 s = max(start, f->min);

	if (f->found || s + f->size > min(end, f->limit))
		return;
	f->found = s;
}

phys_addr_t bootmem_alloc(unsigned long size, phys_addr_t min, phys_addr_t limit, const char *what)
{
	struct fit f = { ALIGN_UP(size, PAGE_SIZE), min, limit, 0 };

	walk_free_ram(try_fit, &f);
	if (!f.found && min) {              /* nothing above min: take anything */
		f.min = 0;
		walk_free_ram(try_fit, &f);
	}
	if (f.found)
		reserve_bootmem(f.found, f.found + f.size, what);
	return (phys_addr_t)f.found;
}

static void call_pfn_fn(u64 start, u64 end, void *arg)
{
	void (*fn)(unsigned long, unsigned long) = arg;

	fn(start >> PAGE_SHIFT, end >> PAGE_SHIFT);
}

void for_each_free_bootmem_range(void (*fn)(unsigned long, unsigned long))
{
	walk_free_ram(call_pfn_fn, fn);
}
