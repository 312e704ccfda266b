/* mm/highmem.c: kmap and kmap_atomic, the kernel's temporary windows onto
 * highmem pages. Both write PTEs in the pre-allocated kernel page tables
 * (arch/i386/pgtable.c), so every address space sees the mapping at once.
 * kunmap tears a pkmap slot's PTE down as soon as its last user is gone
 * (so a freed page is never left mapped), but the entry is global and other
 * CPUs may still hold it in their TLBs: as Linux, the slot is not handed
 * out again until flush_all_zero_pkmaps has flushed every CPU, once per
 * round of the LAST_PKMAP slots. The pkmap slots (pkmap_count,
 * last_pkmap_nr, page->virtual of a highmem page) are guarded by kmap_lock,
 * taken with interrupts on, as Linux's: kmap and kunmap are for process
 * context only, and the flush waits for the other CPUs under it.
 * The kmap_atomic windows are per CPU, as Linux's fixmap slots: CPU n uses
 * KM_TYPE_NR pages of its own from KMAP_ATOMIC_BASE + n * KM_TYPE_NR pages,
 * a stack changed by that CPU alone with interrupts off, so two CPUs never
 * share a window nor need each other's TLB flushed for one (a holder must
 * not sleep: it would come back on another CPU). */
#include <kernel.h>
#include <highmem.h>
#include <smp.h>
#include <spinlock.h>
#include <asm/irqflags.h>
#include <asm/pgtable.h>
#include <asm/tlbflush.h>
#include "internal.h"

/* Each slot: 0 free (no CPU holds its old entry), 1 torn down but some CPU
 * may still hold its old entry, n > 1 mapped for n - 1 users. */
static int pkmap_count[LAST_PKMAP];
static unsigned int last_pkmap_nr;        /* where the next search starts */
/* each CPU's kmap_atomic slots in use (a stack) */
static DEFINE_PER_CPU(unsigned int, kmap_atomic_idx);
static unsigned int pkmap_used;
static DEFINE_SPINLOCK(kmap_lock);

static unsigned long pkmap_addr(unsigned int nr) { return PKMAP_BASE + nr * PAGE_SIZE; }
static unsigned int pkmap_nr(unsigned long addr) { return (addr - PKMAP_BASE) >> PAGE_SHIFT; }

void kmap_init(void)
{
	last_pkmap_nr = 0;
	for (int cpu = 0; cpu < NR_CPUS; cpu++)
		per_cpu(kmap_atomic_idx, cpu) = 0;
}

/* Contract: free the slots torn down so far (count 1) and flush the window
 * on every CPU before any of them can be taken. kmap_lock held with
 * interrupts on: a CPU spinning for it still answers the flush. */
static void flush_all_zero_pkmaps(void)
{
	bool need_flush = false;          /* no slot torn down: nothing stale */

	for (unsigned int nr = 0; nr < LAST_PKMAP; nr++)
		if (pkmap_count[nr] == 1) {
			pkmap_count[nr] = 0;
			need_flush = true;
		}
	if (need_flush)
		flush_tlb_kernel_range(PKMAP_BASE, pkmap_addr(LAST_PKMAP));
}

/* Map `page` in a free slot (count 1: no user yet) and return its address;
 * NULL if none is free even after a flush. kmap_lock held. */
static void *map_new_virtual(struct page *page)
{
	for (unsigned int n = 0; n < 2 * LAST_PKMAP; n++) {
		unsigned int nr = last_pkmap_nr;

		last_pkmap_nr = (nr + 1) % LAST_PKMAP;
		if (nr == 0)                      /* a new round: free the torn-down slots */
			flush_all_zero_pkmaps();
		if (pkmap_count[nr])
			continue;
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
	void *addr;

	if (!PageHighMem(page))
		return page_address(page);
	spin_lock(&kmap_lock);
	addr = page->virtual;
	if (!addr)
		addr = map_new_virtual(page);
	if (addr)
		pkmap_count[pkmap_nr((unsigned long)addr)]++;
	spin_unlock(&kmap_lock);
	if (!addr)
		pr_warn("kmap: all %d pkmap slots are in use\n", LAST_PKMAP);
	return addr;
}

void kunmap(struct page *page)
{
	unsigned long addr = (unsigned long)page->virtual;
	unsigned int nr;

	if (!PageHighMem(page))
		return;
	BUG_ON(addr < PKMAP_BASE || addr >= PKMAP_BASE + LAST_PKMAP * PAGE_SIZE);
	nr = pkmap_nr(addr);
	spin_lock(&kmap_lock);
	BUG_ON(pkmap_count[nr] <= 1);
	if (--pkmap_count[nr] == 1) {       /* reused after the next round's flush */
		unmap_kernel_range(addr, PAGE_SIZE);
		page->virtual = NULL;
		pkmap_used--;
	}
	spin_unlock(&kmap_lock);
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
