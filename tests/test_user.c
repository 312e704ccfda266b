/* tests/test_user.c: user mode from the kernel's side. The utest_* programs
 * of the initramfs are suites of their own (KTEST_PROGRAM_SUITE): each
 * checks the system calls from user space and prints its KTAP here, as it
 * does under qemu-i386 against Linux itself. The kernel cases below check
 * what only the kernel can see: a static glibc program's output, PID 1's
 * address space, page and slab counts around many processes. */
#include <kernel.h>
#include <errno.h>
#include <ktest.h>

KTEST_PROGRAM_SUITE(libc, "/bin/utest_libc");
KTEST_PROGRAM_SUITE(proc, "/bin/utest_proc");
KTEST_PROGRAM_SUITE(efault, "/bin/utest_efault");
KTEST_PROGRAM_SUITE(fs, "/bin/utest_fs");

extern unsigned long nr_pipes;
static unsigned long read_nr_pipes(void) { return nr_pipes; }
KTEST_COUNTER("pipes", read_nr_pipes);
