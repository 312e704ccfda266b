/* include/multiboot.h: the multiboot v1 information the loader hands us, and
 * the copy of it that boot/multiboot.c keeps for the rest of the kernel. */
#ifndef TASKLAB_MULTIBOOT_H
#define TASKLAB_MULTIBOOT_H

#include <types.h>

/* The header the loader looks for in the image's first 8 KiB (boot/head.asm):
 * magic, flags (modules page aligned, memory map wanted), checksum. */
#define MULTIBOOT_HEADER_MAGIC     0x1BADB002
#define MULTIBOOT_PAGE_ALIGN       (1 << 0)
#define MULTIBOOT_MEMORY_INFO      (1 << 1)
#define MULTIBOOT_HEADER_FLAGS     (MULTIBOOT_PAGE_ALIGN | MULTIBOOT_MEMORY_INFO)
/* What the loader leaves in eax for us. */
#define MULTIBOOT_BOOTLOADER_MAGIC 0x2BADB002
#define MB_INFO_MEMORY  (1 << 0)
#define MB_INFO_CMDLINE (1 << 2)
#define MB_INFO_MODS    (1 << 3)
#define MB_INFO_MMAP    (1 << 6)
#define MB_INFO_LOADER  (1 << 9)

struct multiboot_info {
	u32 flags;
	u32 mem_lower, mem_upper;
	u32 boot_device;
	u32 cmdline;
	u32 mods_count, mods_addr;
	u32 syms[4];
	u32 mmap_length, mmap_addr;
	u32 drives_length, drives_addr;
	u32 config_table;
	u32 boot_loader_name;
} __attribute__((packed));

struct multiboot_mmap_entry {
	u32 size;              /* of the rest of this entry */
	u64 addr, len;
	u32 type;              /* 1 = available RAM */
} __attribute__((packed));

struct multiboot_module {
	u32 mod_start, mod_end, string, reserved;
} __attribute__((packed));

#define MAX_MEMORY_REGIONS 32
#define MAX_BOOT_MODULES   8
#define E820_RAM 1

struct memory_region {
	u64 start, end;        /* [start, end) physical */
	u32 type;
};

struct boot_module {
	phys_addr_t start, end;
	char name[64];
	bool freed;           /* its frames given back once unpacked (free_initrd_mem) */
};

/* What the kernel keeps of the multiboot information (boot/multiboot.c). */
struct boot_params {
	char loader[32];
	char cmdline[512];
	bool cmdline_truncated;
	struct memory_region regions[MAX_MEMORY_REGIONS];
	int nr_regions;
	struct boot_module modules[MAX_BOOT_MODULES];
	int nr_modules;
	phys_addr_t info_start, info_end;   /* where the loader put its structures */
	u64 ram_total;                      /* bytes of type-1 memory below 4 GiB */
	u64 ram_above_4g;                   /* bytes of RAM a 32-bit kernel can't use */
};

extern struct boot_params boot_params;

/* Sort the regions, resolve overlaps (the more restrictive type wins) and
 * merge neighbours; returns the new count (boot/memmap.c). */
int sanitize_memory_map(struct memory_region *regions, int n);

/* Copy what we need out of the loader's structures; false if magic is wrong. */
bool multiboot_parse(u32 magic, phys_addr_t info);
void multiboot_print_summary(void);

#endif
