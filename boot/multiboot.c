/* boot/multiboot.c: reading the multiboot v1 information.
 * The loader's structures sit somewhere in low physical memory, which the boot
 * page tables map at PAGE_OFFSET. We copy what the kernel needs (the memory
 * map, the command line, the module list) into boot_params at once, so nothing
 * later depends on memory the allocator might hand out. Anything that does not
 * fit is reported, never silently cut. */
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
		r->type = e->type;
		if (e->type == E820_RAM)
			boot_params.ram_total += e->len;
		off += e->size + 4;
	}
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
			strlcpy(b->name, __va(m[i].string), sizeof(b->name));
			note_info_range(m[i].string, strlen(b->name) + 1);
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
		strlcpy(boot_params.loader, __va(mbi->boot_loader_name), sizeof(boot_params.loader));
	if (mbi->flags & MB_INFO_CMDLINE) {
		const char *cmd = __va(mbi->cmdline);
		size_t len = strlcpy(boot_params.cmdline, cmd, sizeof(boot_params.cmdline));
		boot_params.cmdline_truncated = len >= sizeof(boot_params.cmdline);
		note_info_range(mbi->cmdline, len + 1);
	}
	if (mbi->flags & MB_INFO_MMAP)
		parse_mmap(mbi);
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
	if (bp->cmdline_truncated)
		pr_warn("command line longer than %zu bytes: truncated\n", sizeof(bp->cmdline) - 1);
}
