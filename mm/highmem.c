/* mm/highmem.c: kmap and kmap_atomic, the kernel's temporary windows onto
 * highmem pages. Both write PTEs in the pre-allocated kernel page tables
 * (arch/i386/pgtable.c), so every address space sees the mapping at once.
 * Unlike Linux, kunmap tears a pkmap slot down (and flushes its TLB entry)
 * as soon as its last user is gone, instead of batching the flushes: simpler
 * to follow, and the cost is one invlpg. The pkmap slots (pkmap_count,
 * last_pkmap_nr, page->virtual of a highmem page) are guarded by kmap_lock,
 * interrupts off. The kmap_atomic windows are per CPU, as Linux's fixmap
 * slots: CPU n uses KM_TYPE_NR pages of its own from KMAP_ATOMIC_BASE +
 * n * KM_TYPE_NR pages, a stack changed by that CPU alone with interrupts
 * off, so two CPUs never share a window nor need each other's TLB flushed
 * for one (a holder must not sleep: it would come back on another CPU). */
#include <kernel.h>
#include <highmem.h>
#include <smp.h>
#include <spinlock.h>
#include <asm/irqflags.h>
#include <asm/pgtable.h>
#include "internal.h"

static int pkmap_count[LAST_PKMAP];       /* users of each slot; 0 = free */
static unsigned int last_pkmap_nr;        /* where the next search starts */
/* each CPU's kmap_atomic slots in use (a stack) */
static DEFINE_PER_CPU(unsigned int, kmap_atomic_idx);
static unsigned int pkmap_used;
static DEFINE_SPINLOCK(kmap_lock);

static unsigned long pkmap_addr(unsigned int nr) { return PKMAP_BASE + nr * PAGE_SIZE; }

void kmap_init(void)
{
	last_pkmap_nr = 0;
	for (int cpu = 0; cpu < NR_CPUS; cpu++)
		per_cpu(kmap_atomic_idx, cpu) = 0;
}

/* Find a free pkmap slot and map `page` there; NULL if none is free. */
static void *map_new_virtual(struct page *page)
{
	for (unsigned int n = 0; n < LAST_PKMAP; n++) {
		unsigned int nr = (last_pkmap_nr + n) % LAST_PKMAP;
		if (pkmap_count[nr])
			continue;
		last_pkmap_nr = (nr + 1) % LAST_PKMAP;
		pkmap_count[nr] = 1;
		pkmap_used++;
		map_kernel_range(pkmap_addr(nr), page_to_phys(page), PAGE_SIZE, PAGE_KERNEL);
		page->virtual = (void *)pkmap_addr(nr);
		return page->virtual;
	}
	return NULL;
}

void *kmap(struct page *page)
{
	unsigned long flags;
	void *addr;

	if (!PageHighMem(page))
		return page_address(page);
	spin_lock_irqsave(&kmap_lock, flags);
	addr = page->virtual;
	if (addr)
		pkmap_count[((unsigned long)addr - PKMAP_BASE) >> PAGE_SHIFT]++;
	else
		addr = map_new_virtual(page);
	spin_unlock_irqrestore(&kmap_lock, flags);
	if (!addr)
		pr_warn("kmap: all %d pkmap slots are in use\n", LAST_PKMAP);
	return addr;
}

void kunmap(struct page *page)
{
	unsigned long flags, addr = (unsigned long)page->virtual;
	unsigned int nr;

	if (!PageHighMem(page))
		return;
	BUG_ON(addr < PKMAP_BASE || addr >= PKMAP_BASE + LAST_PKMAP * PAGE_SIZE);
	nr = (addr - PKMAP_BASE) >> PAGE_SHIFT;
	spin_lock_irqsave(&kmap_lock, flags);
	BUG_ON(pkmap_count[nr] <= 0);
	if (--pkmap_count[nr] == 0) {
		unmap_kernel_range(addr, PAGE_SIZE);
		page->virtual = NULL;
		pkmap_used--;
	}
	spin_unlock_irqrestore(&kmap_lock, flags);
}

unsigned int nr_kmapped_pages(void)
{
	return pkmap_used;
}

/* The address of CPU cpu's kmap_atomic slot idx. */
static unsigned long kmap_atomic_slot(int cpu, unsigned int idx)
{
	return KMAP_ATOMIC_BASE + (cpu * KM_TYPE_NR + idx) * PAGE_SIZE;
}

void *kmap_atomic(struct page *page)
{
	unsigned long flags, addr;
	unsigned int *idx;

	if (!PageHighMem(page))
		return page_address(page);
	flags = local_irq_save();
	idx = &this_cpu(kmap_atomic_idx);
	if (*idx >= KM_TYPE_NR)
		panic("kmap_atomic: more than %d nested mappings", KM_TYPE_NR);
	addr = kmap_atomic_slot(smp_processor_id(), (*idx)++);
	set_pte(kernel_pte(addr), mk_pte(page_to_phys(page), PAGE_KERNEL));
	__flush_tlb_one(addr);
	local_irq_restore(flags);
	return (void *)addr;
}

void kunmap_atomic(void *vaddr)
{
	unsigned long flags, addr = (unsigned long)vaddr & PAGE_MASK;
	unsigned int *idx;

	if (addr < KMAP_ATOMIC_BASE || addr >= KMAP_ATOMIC_BASE + NR_CPUS * KM_TYPE_NR * PAGE_SIZE)
		return;                      /* a lowmem page: nothing was mapped */
	flags = local_irq_save();
	idx = &this_cpu(kmap_atomic_idx);
	BUG_ON(!*idx || addr != kmap_atomic_slot(smp_processor_id(), *idx - 1));
	--*idx;
	pte_clear(kernel_pte(addr));
	__flush_tlb_one(addr);
	local_irq_restore(flags);
}
