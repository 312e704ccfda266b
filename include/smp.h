/* include/smp.h: which CPU am I on, and how per-CPU data is laid out.
 *
 * smp_processor_id() reads thread_info->cpu, found from %esp like `current`
 * (include/asm/thread_info.h): no per-CPU segment register and no memory
 * lookup beyond the task's own block, on any CPU and in any context. The
 * scheduler sets it when it runs a task on a CPU.
 *
 * Per-CPU data is plain arrays indexed by CPU id (DEFINE_PER_CPU below), not
 * Linux 2.6's copied .data.percpu sections reached through %fs: simpler to
 * read and to print in gdb (`print runqueues[1]`), at the cost of sharing
 * cache lines between neighbours, which a teaching kernel can accept.
 *
 * The other CPUs are started by smp_init() (arch/i386/smpboot.c) and take
 * their own timer interrupts and IPIs, but this round they run only their
 * idle task (swapper/N): every task still runs on CPU 0, the kernel's own
 * structures being guarded by "interrupts off" alone until the locks are
 * real. cpu_online_mask and nr_cpu_ids: include/cpumask.h. */
#ifndef TASKLAB_SMP_H
#define TASKLAB_SMP_H

#include <asm/thread_info.h>

#define NR_CPUS 8                      /* the most CPUs one image runs on */

static inline int smp_processor_id(void) { return current_thread_info()->cpu; }

/* DEFINE_PER_CPU(type, name): one `type` for each possible CPU;
 * per_cpu(name, cpu) is CPU cpu's, this_cpu(name) the running CPU's. */
#define DEFINE_PER_CPU(type, name) __typeof__(type) name[NR_CPUS]
#define DECLARE_PER_CPU(type, name) extern __typeof__(type) name[NR_CPUS]
#define per_cpu(name, cpu) ((name)[(cpu)])
#define this_cpu(name) per_cpu(name, smp_processor_id())

/* Inter-processor interrupts (arch/i386/smp.c), received per CPU and kind. */
struct ipi_stats {
	unsigned long reschedule;        /* RESCHEDULE_VECTOR: set need_resched */
	unsigned long call_function;     /* CALL_FUNCTION_VECTOR: run a function */
	unsigned long invalidate;        /* INVALIDATE_TLB_VECTOR: TLB shootdown */
};
DECLARE_PER_CPU(struct ipi_stats, ipi_received);

typedef void (*smp_call_func_t)(void *info);
/* Run func(info) on every other online CPU / on CPU cpu, in interrupt
 * context there; with wait, return when it has finished everywhere, else
 * when every CPU has picked it up. Process context, interrupts on (a CPU
 * waiting with them off could never answer the other's call). Returns 0,
 * or -ENXIO for an offline CPU. The _single form may name the calling
 * CPU: it sends itself the IPI, so func runs in interrupt context there
 * too (Linux calls it directly instead). */
int smp_call_function(smp_call_func_t func, void *info, int wait);
int smp_call_function_single(int cpu, smp_call_func_t func, void *info, int wait);
/* Make CPU cpu reschedule: its current task gets need_resched. */
void smp_send_reschedule(int cpu);
/* Bring the other CPUs up (kernel_init, before the self-tests): at most
 * setup_max_cpus CPUs in all, this one included (maxcpus=N; nosmp sets 0,
 * which like 1 means this one only). */
void smp_init(void);
extern unsigned int setup_max_cpus;
/* After apic_init: on a machine that runs one CPU, the spinlocks' lock
 * words are patched out (include/spinlock.h). */
void smp_prepare_lock_words(void);
/* What another CPU's idle loop saw on each round (arch/i386/smpboot.c):
 * `current` was its idle task, on the right CPU (ok) or not (bad), and
 * the need_resched flags it found and cleared. */
struct idle_checks {
	unsigned long ok, bad, resched_seen;
};
DECLARE_PER_CPU(struct idle_checks, idle_checks);

/* CPU cpu's idle task, swapper/cpu. */
struct task_struct;
extern struct task_struct *idle_tasks[NR_CPUS];

#endif
