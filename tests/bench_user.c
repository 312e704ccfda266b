/* tests/bench_user.c: user-mode benchmarks. They run in a static glibc
 * program (user/glibc/bench-glibc.c) that times itself with rdtsc (guest
 * instructions under -icount) and prints its own `bench:` lines; the
 * kernel's part is only to start it, as a child of PID 1, and report
 * whether it ran. Issue 5 lists Linux 6.1's figures for the same program
 * on the same QEMU. */
#include <kernel.h>
#include <kbench.h>
#include <ktest.h>

static void bench_user_programs(const struct kbench *b)
{
	static const char *const none[] = { NULL };
	int status = ktest_run_program("/bin/bench-glibc", none, NULL);

	if (status)
		printk(KERN_ERR "bench: /bin/bench-glibc failed (status %#x)\n", status);
}
KBENCH(user, bench_user_programs);
