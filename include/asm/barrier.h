/* include/asm/barrier.h: barrier(), the compiler barrier. It emits no
 * instruction (one CPU, and x86 keeps its own stores in order); it only stops
 * GCC from caching memory in registers or moving loads and stores across it.
 * smp_mb(), the full barrier: x86 may let a load pass an earlier store to
 * another address (to other CPUs the store is seen later), and a locked
 * instruction stops that, as Linux i386's `lock; addl $0,0(%esp)`.
 * They live here because it is written as inline assembly, which the arch
 * boundary (scripts/check-arch-boundary.sh) admits only in arch/i386/ and
 * include/asm/. */
#ifndef TASKLAB_ASM_BARRIER_H
#define TASKLAB_ASM_BARRIER_H

#define barrier() __asm__ __volatile__("" ::: "memory")
#define smp_mb() __asm__ __volatile__("lock; addl $0,0(%%esp)" ::: "memory", "cc")

#endif
