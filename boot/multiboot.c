/* boot/multiboot.c: reading the multiboot v1 information.
 * The loader's structures sit somewhere in low physical memory, which the boot
 * page tables map at PAGE_OFFSET. We copy what the kernel needs (the memory
 * map, the command line, the module list) into boot_params at once, so nothing
 * later depends on memory the allocator might hand out. The memory map is
 * sanitized (boot/memmap.c); a loader that gives none gets one made from its
 * mem_lower/mem_upper sizes. Anything that does not fit is reported, never
 * silently cut; a command line too long for the kernel loses its cut-off last
 * word rather than applying half of it. */
#include <kernel.h>
#include <multiboot.h>
#include <asm/page.h>

struct boot_params boot_params;

static void note_info_range(phys_addr_t start, u32 len)
{
	if (!boot_params.info_start || start < boot_params.info_start)
		boot_params.info_start = start;
	if (start + len > boot_params.info_end)
		boot_params.info_end = start + len;
}

static void parse_mmap(const struct multiboot_info *mbi)
{
	u32 off = 0;

	note_info_range(mbi->mmap_addr, mbi->mmap_length);
	while (off + 4 <= mbi->mmap_length) {
		const struct multiboot_mmap_entry *e = __va(mbi->mmap_addr + off);
		if (boot_params.nr_regions == MAX_MEMORY_REGIONS) {
			pr_warn("multiboot: more than %d memory regions, rest ignored\n",
				MAX_MEMORY_REGIONS);
			break;
		}
		struct memory_region *r = &boot_params.regions[boot_params.nr_regions++];
		r->start = e->addr;
		r->end = e->addr + e->len;
		r->type = e->type ? e->type : 2;   /* type 0 is undefined: reserved */
		off += e->size + 4;
	}
}

/* No memory map: lower memory from 0, upper memory from 1 MiB (in KiB). */
static void mmap_from_mem_sizes(const struct multiboot_info *mbi)
{
	boot_params.regions[0] = (struct memory_region){ 0, (u64)mbi->mem_lower << 10, E820_RAM };
	boot_params.regions[1] = (struct memory_region){ 1 << 20, (1 << 20) + ((u64)mbi->mem_upper << 10),
							 E820_RAM };
	boot_params.nr_regions = 2;
	pr_warn("multiboot: no memory map, using mem_lower/mem_upper (%u/%u KiB)\n",
		mbi->mem_lower, mbi->mem_upper);
}

static void count_ram(void)
{
	const u64 four_gib = 1ULL << 32;

	for (int i = 0; i < boot_params.nr_regions; i++) {
		const struct memory_region *r = &boot_params.regions[i];
		if (r->type != E820_RAM)
			continue;
		u64 below = r->end <= four_gib ? r->end : four_gib;
		if (r->start < below)
			boot_params.ram_total += below - r->start;
		boot_params.ram_above_4g += r->end - max(r->start, below);
	}
}

/* Copy a loader string, warning when it does not fit. */
static void copy_name(char *dst, size_t size, phys_addr_t src, const char *what)
{
	if (strlcpy(dst, __va(src), size) >= size)
		pr_warn("multiboot: %s longer than %zu bytes, shortened to '%s'\n", what,
			size - 1, dst);
}

/* Keep only whole words of a command line that did not fit. */
static void drop_cut_word(char *cmdline)
{
	char *space = strrchr(cmdline, ' ');

	pr_warn("command line longer than %zu bytes: the cut-off word '%s' is dropped\n",
		sizeof(boot_params.cmdline) - 1, space ? space + 1 : cmdline);
	if (space)
		*space = '\0';
	else
		cmdline[0] = '\0';
}

static void parse_modules(const struct multiboot_info *mbi)
{
	const struct multiboot_module *m = __va(mbi->mods_addr);

	note_info_range(mbi->mods_addr, mbi->mods_count * sizeof(*m));
	for (u32 i = 0; i < mbi->mods_count; i++) {
		if (boot_params.nr_modules == MAX_BOOT_MODULES) {
			pr_warn("multiboot: more than %d modules, rest ignored\n", MAX_BOOT_MODULES);
			break;
		}
		struct boot_module *b = &boot_params.modules[boot_params.nr_modules++];
		b->start = m[i].mod_start;
		b->end = m[i].mod_end;
		if (m[i].string) {
			copy_name(b->name, sizeof(b->name), m[i].string, "module name");
			note_info_range(m[i].string, strlen(__va(m[i].string)) + 1);
		}
	}
}

bool multiboot_parse(u32 magic, phys_addr_t info)
{
	const struct multiboot_info *mbi = __va(info);

	if (magic != MULTIBOOT_BOOTLOADER_MAGIC)
		return false;
	note_info_range(info, sizeof(*mbi));
	if (mbi->flags & MB_INFO_LOADER)
		copy_name(boot_params.loader, sizeof(boot_params.loader), mbi->boot_loader_name,
			  "boot loader name");
	if (mbi->flags & MB_INFO_CMDLINE) {
		const char *cmd = __va(mbi->cmdline);
		size_t len = strlcpy(boot_params.cmdline, cmd, sizeof(boot_params.cmdline));
		boot_params.cmdline_truncated = len >= sizeof(boot_params.cmdline);
		if (boot_params.cmdline_truncated)
			drop_cut_word(boot_params.cmdline);
		note_info_range(mbi->cmdline, len + 1);
	}
	if (mbi->flags & MB_INFO_MMAP)
		parse_mmap(mbi);
	else if (mbi->flags & MB_INFO_MEMORY)
		mmap_from_mem_sizes(mbi);
	boot_params.nr_regions = sanitize_memory_map(boot_params.regions, boot_params.nr_regions);
	count_ram();
	if (mbi->flags & MB_INFO_MODS)
		parse_modules(mbi);
	return true;
}

void multiboot_print_summary(void)
{
	static const char *const types[] = { "?", "usable", "reserved", "ACPI data", "ACPI NVS", "bad" };
	struct boot_params *bp = &boot_params;

	pr_info("boot loader: %s\n", bp->loader[0] ? bp->loader : "(unnamed)");
	pr_info("memory map: %d regions, %llu MiB usable\n", bp->nr_regions, bp->ram_total >> 20);
	if (bp->ram_above_4g)
		pr_info("  (%llu MiB of RAM above 4 GiB ignored: a 32-bit kernel without PAE)\n",
			bp->ram_above_4g >> 20);
	for (int i = 0; i < bp->nr_regions; i++) {
		const struct memory_region *r = &bp->regions[i];
		pr_info("  [mem %#010llx-%#010llx] %s\n", r->start, r->end - 1,
			types[r->type < ARRAY_SIZE(types) ? r->type : 0]);
	}
	pr_info("modules: %d\n", bp->nr_modules);
	for (int i = 0; i < bp->nr_modules; i++)
		pr_info("  module %d: [%#010x-%#010x] %u bytes '%s'\n", i, bp->modules[i].start,
			bp->modules[i].end, bp->modules[i].end - bp->modules[i].start,
			bp->modules[i].name);
}
