/* include/cpumask.h: sets of CPUs, as Linux's cpumask_t, in one word (NR_CPUS
 * is 8). The masks the SMP code keeps: cpu_possible_mask (CPUs the firmware
 * listed, usable or not yet started), cpu_online_mask (CPUs that came up and
 * take interrupts). A CPU's bit is set by that CPU itself (set_cpu_online)
 * and read by all, so the bit operations are atomic. */
#ifndef TASKLAB_CPUMASK_H
#define TASKLAB_CPUMASK_H

#include <smp.h>
#include <types.h>

typedef struct cpumask { unsigned long bits; } cpumask_t;

extern cpumask_t __cpu_possible_mask, __cpu_online_mask;
#define cpu_possible_mask ((const cpumask_t *)&__cpu_possible_mask)
#define cpu_online_mask   ((const cpumask_t *)&__cpu_online_mask)
/* How many CPU ids are in use (possible CPUs are numbered 0..nr_cpu_ids-1). */
extern unsigned int nr_cpu_ids;

static inline bool cpumask_test_cpu(int cpu, const cpumask_t *m)
{
	return __atomic_load_n(&m->bits, __ATOMIC_RELAXED) & (1UL << cpu);
}
static inline void cpumask_set_cpu(int cpu, cpumask_t *m)
{
	__atomic_fetch_or(&m->bits, 1UL << cpu, __ATOMIC_SEQ_CST);
}
static inline void cpumask_clear_cpu(int cpu, cpumask_t *m)
{
	__atomic_fetch_and(&m->bits, ~(1UL << cpu), __ATOMIC_SEQ_CST);
}
static inline unsigned int cpumask_weight(const cpumask_t *m)
{
	return __builtin_popcountl(__atomic_load_n(&m->bits, __ATOMIC_RELAXED));
}
/* The first CPU of m after cpu (-1: from the start); NR_CPUS if none. */
static inline int cpumask_next(int cpu, const cpumask_t *m)
{
	unsigned long rest = __atomic_load_n(&m->bits, __ATOMIC_RELAXED);

	rest &= (cpu + 1 >= NR_CPUS) ? 0 : ~0UL << (cpu + 1);
	return rest ? __builtin_ctzl(rest) : NR_CPUS;
}

#define for_each_cpu(cpu, mask) \
	for ((cpu) = cpumask_next(-1, (mask)); (cpu) < NR_CPUS; (cpu) = cpumask_next((cpu), (mask)))
#define for_each_possible_cpu(cpu) for_each_cpu(cpu, cpu_possible_mask)
#define for_each_online_cpu(cpu)   for_each_cpu(cpu, cpu_online_mask)

static inline unsigned int num_online_cpus(void) { return cpumask_weight(cpu_online_mask); }
static inline bool cpu_online(int cpu) { return cpumask_test_cpu(cpu, cpu_online_mask); }
static inline void set_cpu_online(int cpu, bool on)
{
	if (on)
		cpumask_set_cpu(cpu, &__cpu_online_mask);
	else
		cpumask_clear_cpu(cpu, &__cpu_online_mask);
}

#endif
