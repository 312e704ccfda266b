/* kernel/trace/ring_buffer.c: the per-CPU rings trace entries are written
 * to (include/trace/trace.h draws one). A ring is an array of fixed-size
 * slots; a full ring overwrites its oldest entry and counts it in overrun,
 * as Linux's ring buffer in overwrite mode does, so the newest events are
 * always there (what a student wants after a hang). Each ring has its own
 * spinlock_t, taken with interrupts off: the writer may be an interrupt
 * handler, and a reader copies an entry out under the lock so a writer
 * never changes it half-read. Every CPU the firmware listed has a ring
 * (trace_nr_cpus); an event on another CPU would be counted lost. */
#include <kernel.h>
#include <errno.h>
#include <mm.h>
#include <vmalloc.h>
#include <asm/page.h>
#include <asm/processor.h>
#include <trace/trace.h>

DEFINE_PER_CPU(struct trace_ring, trace_rings);
unsigned long trace_buffer_kb = 512;      /* Linux's default is 1408 */
unsigned int trace_nr_cpus = 1;           /* CPUs with rings: nr_cpu_ids from trace_init */
unsigned long trace_lost_no_ring;         /* events on a CPU without a ring */

static unsigned long slots_for(unsigned long kb)
{
	unsigned long n = kb * 1024 / sizeof(struct trace_entry);

	return n ? n : 1;
}

void ring_buffer_write(struct trace_entry *e)
{
	int cpu = smp_processor_id();
	struct trace_ring *r = &per_cpu(trace_rings, cpu);
	unsigned long flags;

	if (unlikely(cpu >= (int)trace_nr_cpus || !r->slots)) {
		trace_lost_no_ring++;
		return;
	}
	spin_lock_irqsave(&r->lock, flags);
	e->cpu = cpu;
	e->ts = rdtsc();                 /* under the lock: increasing per CPU */
	if (r->head - r->tail == r->nr_slots) {
		r->tail++;                   /* the oldest is overwritten */
		r->overrun++;
	}
	r->slots[r->head % r->nr_slots] = *e;
	r->head++;
	spin_unlock_irqrestore(&r->lock, flags);
}

bool ring_buffer_peek(int cpu, unsigned long *idx, struct trace_entry *e)
{
	struct trace_ring *r = &per_cpu(trace_rings, cpu);
	unsigned long flags;
	bool ok;

	spin_lock_irqsave(&r->lock, flags);
	if (*idx < r->tail)
		*idx = r->tail;                  /* overwritten since: go on from the oldest */
	ok = r->slots && *idx < r->head;
	if (ok)
		*e = r->slots[*idx % r->nr_slots];
	spin_unlock_irqrestore(&r->lock, flags);
	return ok;
}

bool ring_buffer_consume(struct trace_entry *e)
{
	int best = -1;
	struct trace_entry cand;

	for (unsigned int cpu = 0; cpu < trace_nr_cpus; cpu++) {
		unsigned long idx = per_cpu(trace_rings, cpu).tail;

		if (ring_buffer_peek(cpu, &idx, &cand) && (best < 0 || cand.ts < e->ts)) {
			*e = cand;
			best = cpu;
		}
	}
	if (best < 0)
		return false;
	struct trace_ring *r = &per_cpu(trace_rings, best);
	unsigned long flags;

	spin_lock_irqsave(&r->lock, flags);
	if (r->tail < r->head)
		r->tail++;         /* it may have been overwritten meanwhile: the count says so */
	spin_unlock_irqrestore(&r->lock, flags);
	return true;
}

bool ring_buffer_empty(void)
{
	for (unsigned int cpu = 0; cpu < trace_nr_cpus; cpu++)
		if (per_cpu(trace_rings, cpu).head != per_cpu(trace_rings, cpu).tail)
			return false;
	return true;
}

void ring_buffer_reset(void)
{
	for (unsigned int cpu = 0; cpu < trace_nr_cpus; cpu++) {
		struct trace_ring *r = &per_cpu(trace_rings, cpu);
		unsigned long flags;

		spin_lock_irqsave(&r->lock, flags);
		r->head = r->tail = r->overrun = 0;
		spin_unlock_irqrestore(&r->lock, flags);
	}
}

void ring_buffer_counts(unsigned long *entries, unsigned long *written)
{
	*entries = *written = 0;
	for (unsigned int cpu = 0; cpu < trace_nr_cpus; cpu++) {
		struct trace_ring *r = &per_cpu(trace_rings, cpu);
		unsigned long flags;

		spin_lock_irqsave(&r->lock, flags);
		*entries += r->head - r->tail;
		*written += r->head - r->tail + r->overrun;
		spin_unlock_irqrestore(&r->lock, flags);
	}
}

void ring_buffer_init(void)
{
	for (int cpu = 0; cpu < NR_CPUS; cpu++)
		__spin_lock_init(&per_cpu(trace_rings, cpu).lock, "trace_ring->lock");
}

/* Contract: give every CPU with a ring new, empty slots for kb KiB.
 * A size whose rings together need more pages than are free is refused
 * before anything is allocated (Linux's ring_buffer_resize checks
 * si_mem_available the same way: vmalloc would otherwise take the last
 * free pages, or fail late); and all rings are allocated before any
 * changes, so -ENOMEM leaves the old rings (and their entries) as they
 * were. Process context. */
int ring_buffer_resize(unsigned long kb)
{
	unsigned long n, pages;
	struct trace_entry *fresh[NR_CPUS] = { 0 };

	if (kb > ~0UL / 1024 / trace_nr_cpus)          /* more bytes than there are */
		return -ENOMEM;
	n = slots_for(kb);
	pages = (n * sizeof(struct trace_entry) + PAGE_SIZE - 1) / PAGE_SIZE * trace_nr_cpus;
	if (pages > nr_free_pages())
		return -ENOMEM;

	for (unsigned int cpu = 0; cpu < trace_nr_cpus; cpu++) {
		fresh[cpu] = vmalloc(n * sizeof(struct trace_entry));
		if (!fresh[cpu]) {
			while (cpu--)
				vfree(fresh[cpu]);
			return -ENOMEM;
		}
	}
	for (unsigned int cpu = 0; cpu < trace_nr_cpus; cpu++) {
		struct trace_ring *r = &per_cpu(trace_rings, cpu);
		struct trace_entry *old;
		unsigned long flags;

		spin_lock_irqsave(&r->lock, flags);
		old = r->slots;
		r->slots = fresh[cpu];
		r->nr_slots = n;
		r->head = r->tail = r->overrun = 0;
		spin_unlock_irqrestore(&r->lock, flags);
		vfree(old);
	}
	trace_buffer_kb = kb;
	return 0;
}
