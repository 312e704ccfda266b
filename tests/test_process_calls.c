/* tests/test_process_calls.c: the process calls of issue 12 as user space
 * sees them, each program a suite of its own (KTEST_PROGRAM_SUITE), run
 * here and under qemu-i386 on the build host: /bin/utest_wait (waitid,
 * wait4's pid rules, rusage and times, setsid), /bin/utest_timers (alarm,
 * the itimers, POSIX timers, clocks and the *_time64 calls, futex
 * timeouts and requeue faults), /bin/utest_prctl (prctl, child
 * subreapers, parent-death signals, nice values, scheduling policies and
 * affinity). The POSIX timers in existence are a leak counter: a timer a
 * program leaves behind must be freed by exec or exit. */
#include <kernel.h>
#include <ktest.h>
#include <posix-timers.h>

KTEST_PROGRAM_SUITE(wait, "/bin/utest_wait");
KTEST_PROGRAM_SUITE(timers, "/bin/utest_timers");
KTEST_PROGRAM_SUITE(prctl, "/bin/utest_prctl");

static unsigned long read_nr_posix_timers(void) { return nr_posix_timers; }
KTEST_COUNTER("posix_timers", read_nr_posix_timers);
