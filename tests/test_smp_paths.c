/* tests/test_smp_paths.c: the paths include/lock_order.h lists as made
 * safe for several CPUs, raced from user space by utest_smp_paths (a file
 * closed by one thread while another uses it, POSIX timers set and
 * deleted while they fire, pid lookups of exiting processes): a suite of
 * its own (KTEST_PROGRAM_SUITE), whose leak counters must come back. It
 * means most at -smp 4 under QEMU's multi-threaded TCG with smpsched
 * (make test runs it so), where the two sides run at once. */
#include <kernel.h>
#include <ktest.h>

KTEST_PROGRAM_SUITE(smp_paths, "/bin/utest_smp_paths");
