/* tests/test_smp_files.c: one regular file's data raced from several
 * CPUs by utest_smp_files (its pages read, written and mapped while
 * another thread truncates it; appends and a shared position raced by
 * several processes): a suite of its own (KTEST_PROGRAM_SUITE),
 * whose leak counters must come back. It means most at -smp 4 under
 * QEMU's multi-threaded TCG, where the sides run at once. */
#include <kernel.h>
#include <ktest.h>

KTEST_PROGRAM_SUITE(smp_files, "/bin/utest_smp_files");
