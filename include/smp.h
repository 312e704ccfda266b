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
 * cache lines between neighbours, which a teaching kernel can accept. Until
 * the other CPUs are started, nr_cpu_ids is 1 and everything runs on CPU 0. */
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

#endif
