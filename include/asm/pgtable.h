/* include/asm/pgtable.h: i386 two-level page tables (no PAE) and the map of
 * the whole 4 GiB, the one diagram of it (seed claim c10: the 3 GiB / 1 GiB
 * split; include/asm/page.h has the constants and points here).
 *
 *   0xFFFFFFFF +--------------------------+
 *              | fixed mappings, uncached |  local APIC 0xFFFFF000, I/O APIC
 *              |                          |  0xFFFFE000, ACPI tables (boot):
 *   0xFFFF0000 +--------------------------+  8 pages (include/asm/apic.h)
 *              | kmap_atomic slots        |  KMAP_ATOMIC_BASE, KM_TYPE_NR pages
 *              |                          |  per CPU (NR_CPUS sets)
 *   0xFFC00000 +--------------------------+
 *              | pkmap (kmap) window      |  PKMAP_BASE, LAST_PKMAP pages
 *   0xFF800000 +--------------------------+
 *              | 2 unmapped pages         |
 *   VMALLOC_END+--------------------------+  0xFF7FE000
 *              | vmalloc areas, each with |
 *              | an unmapped guard page   |
 * VMALLOC_START+--------------------------+  0xF8800000
 *              | 8 MiB gap (catches       |
 *              | overruns of the map)     |
 *   0xF8000000 +--------------------------+  PAGE_OFFSET + LOWMEM_SIZE (896 MiB)
 *              | direct map of lowmem:    |  ZONE_DMA + ZONE_NORMAL, 4 MiB pages,
 *              | physical 0 .. 896 MiB    |  global; trimmed to the RAM that exists
 *   0xC0100000 |   kernel image           |  linked here, loaded at 1 MiB; its first
 *              |                          |  4 MiB in 4 KiB pages, text read-only
 *   0xC0000000 +--------------------------+  PAGE_OFFSET = TASK_SIZE = STACK_TOP
 *              | user stack, growing down |  user space (3 GiB), per process,
 *              |   ...                    |  4 KiB pages
 *   0x40000000 | mmap area, upwards       |  TASK_UNMAPPED_BASE
 *              |   ...                    |
 *              | program, bss, brk heap   |  where the ELF headers say
 *   0x00000000 +--------------------------+
 *
 * Sharing the kernel half. Every address space made later copies PDEs
 * KERNEL_PGD_BOUNDARY..1023 from swapper_pg_dir. For that copy to stay
 * right forever, no kernel PDE may change after boot, so Tasklab
 * PRE-ALLOCATES the kernel page tables (the Linux 2.6 i386 way for the
 * direct map): the direct map uses 4 MiB PDEs, and the 32 page tables that
 * cover 0xF8000000..4 GiB (vmalloc, pkmap, kmap_atomic) are static in the
 * kernel's bss and installed by kernel_pagetable_init(). vmalloc and kmap
 * then only write PTEs inside those tables, which every page directory
 * already points to. The cost is 128 KiB; the gain is that no page fault
 * has to sync PDEs (Linux's vmalloc_fault) and vmalloc never allocates
 * page tables, so it cannot fail for lack of them. */
#ifndef TASKLAB_ASM_PGTABLE_H
#define TASKLAB_ASM_PGTABLE_H

#include <types.h>
#include <asm/page.h>

typedef u32 pte_t;
typedef u32 pgd_t;

#define PGDIR_SHIFT      22
#define PGDIR_SIZE       (1UL << PGDIR_SHIFT)
#define PTRS_PER_PGD     1024
#define PTRS_PER_PTE     1024
#define KERNEL_PGD_BOUNDARY (PAGE_OFFSET >> PGDIR_SHIFT)   /* 768 */

#define _PAGE_PRESENT   0x001
#define _PAGE_RW        0x002
#define _PAGE_USER      0x004
#define _PAGE_PWT       0x008
#define _PAGE_PCD       0x010
#define _PAGE_ACCESSED  0x020
#define _PAGE_DIRTY     0x040
#define _PAGE_PSE       0x080   /* in a PDE: a 4 MiB page */
#define _PAGE_GLOBAL    0x100
/* A page of a PROT_NONE area: kept (frame and refcount), but not present,
 * so user and kernel accesses both fault and the VMA check refuses them.
 * One of the bits the MMU leaves to software. */
#define _PAGE_PROTNONE  0x200
#define PAGE_KERNEL     (_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY | _PAGE_GLOBAL)
#define _PAGE_TABLE     (_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY)
/* User pages, as Linux names them (Linux adds _PAGE_ACCESSED; here the CPU
 * sets it on first use). A private writable page starts PAGE_SHARED too:
 * copy-on-write is made by write-protecting it at fork. */
#define PAGE_READONLY   (_PAGE_PRESENT | _PAGE_USER)
#define PAGE_SHARED     (_PAGE_PRESENT | _PAGE_USER | _PAGE_RW)
/* The boot direct map's 4 MiB PDEs (boot/head.asm): present, writable, global. */
#define PDE_4M_KERNEL   (_PAGE_PRESENT | _PAGE_RW | _PAGE_PSE | _PAGE_GLOBAL)

#define VMALLOC_OFFSET   (8UL << 20)
#define VMALLOC_START    (PAGE_OFFSET + LOWMEM_SIZE + VMALLOC_OFFSET)
#define PKMAP_BASE       0xFF800000UL
#define LAST_PKMAP       1024
#define VMALLOC_END      (PKMAP_BASE - 2 * PAGE_SIZE)
#define KMAP_ATOMIC_BASE 0xFFC00000UL
#define KM_TYPE_NR       16             /* nesting depth of kmap_atomic, per CPU */

/* The pre-allocated kernel page tables cover [KERNEL_PT_START, 4 GiB). */
#define KERNEL_PT_START  (PAGE_OFFSET + LOWMEM_SIZE)
#define KERNEL_PT_COUNT  ((0UL - KERNEL_PT_START) >> PGDIR_SHIFT)   /* 32 */

extern pgd_t swapper_pg_dir[PTRS_PER_PGD];

static inline unsigned int pgd_index(unsigned long addr) { return addr >> PGDIR_SHIFT; }
static inline unsigned int pte_index(unsigned long addr) { return (addr >> PAGE_SHIFT) & (PTRS_PER_PTE - 1); }
static inline pte_t mk_pte(phys_addr_t phys, u32 prot) { return (phys & PAGE_MASK) | prot; }
static inline phys_addr_t pte_phys(pte_t pte) { return pte & PAGE_MASK; }
static inline bool pte_present(pte_t pte) { return pte & _PAGE_PRESENT; }
/* Does the PTE hold a page: present, or hidden by PROT_NONE? (Linux's
 * pte_present() counts both; here that name is the hardware's bit alone.) */
static inline bool pte_mapped(pte_t pte) { return pte & (_PAGE_PRESENT | _PAGE_PROTNONE); }
static inline bool pte_write(pte_t pte) { return pte & _PAGE_RW; }
static inline pte_t pte_mkwrite(pte_t pte) { return pte | _PAGE_RW; }
static inline pte_t pte_wrprotect(pte_t pte) { return pte & ~_PAGE_RW; }
/* Hide a mapped page from every access (PROT_NONE), keeping its frame, and
 * show it again. */
static inline pte_t pte_mkprotnone(pte_t pte) { return (pte & ~_PAGE_PRESENT) | _PAGE_PROTNONE; }
static inline pte_t pte_mkpresent(pte_t pte) { return (pte & ~_PAGE_PROTNONE) | _PAGE_PRESENT; }

static inline bool pgd_present(pgd_t pgd) { return pgd & _PAGE_PRESENT; }
/* Point a PDE at a user page table (Linux's pmd_populate, the pmd folded into
 * the pgd): present, writable and user, so the PTEs alone decide. */
static inline void pgd_populate(pgd_t *pgdp, const pte_t *table)
{
	*pgdp = __pa(table) | _PAGE_PRESENT | _PAGE_RW | _PAGE_USER;
}

static inline void set_pte(pte_t *ptep, pte_t pte) { *(volatile pte_t *)ptep = pte; }
static inline void pte_clear(pte_t *ptep) { set_pte(ptep, 0); }

/* Flush one page's translation from the TLB (global entries too). */
static inline void __flush_tlb_one(unsigned long addr)
{
	__asm__ __volatile__("invlpg (%0)" :: "r"(addr) : "memory");
}
/* Flush every translation, global ones included (toggle CR4.PGE). */
void __flush_tlb_all(void);

/* Trim the boot direct map to max_low_pfn frames, install the
 * pre-allocated kernel page tables and (unless rodata=off) map the kernel
 * image's text and read-only data read-only. Called once, from mem_init(). */
void kernel_pagetable_init(unsigned long max_low_pfn);

/* The PTE for a kernel address in the pre-allocated range, else NULL. */
pte_t *kernel_pte(unsigned long addr);

/* Walk the page tables of `pgd` for addr: returns the PTE (level 1) or the
 * 4 MiB PDE (level 2) that maps it, or NULL when no table exists. */
pte_t *lookup_address_in_pgd(const pgd_t *pgd, unsigned long addr, unsigned int *level);
pte_t *lookup_address(unsigned long addr, unsigned int *level);

/* Map [addr, addr + size) of the pre-allocated kernel range to physical
 * [phys, phys + size), or unmap it; both flush the TLB entries they change.
 * -EINVAL when the range is outside the pre-allocated tables or misaligned. */
int map_kernel_range(unsigned long addr, phys_addr_t phys, unsigned long size, u32 prot);
int unmap_kernel_range(unsigned long addr, unsigned long size);

#endif
