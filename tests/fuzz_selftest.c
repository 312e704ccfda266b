/* tests/fuzz_selftest.c: `fuzz_selftest=leak|panic|hang`, for the harness
 * checks of tests/fuzz.py, which must report a fuzz run as failed when the
 * kernel leaks, panics or hangs under it. The word arms a timer that
 * looks at the system call count every tick; from FUZZ_SELFTEST_START
 * calls on (the fuzz run is under way; the leaking goes on past the
 * baseline its warm-up takes) it leaks a page and a slab object every
 * FUZZ_SELFTEST_EVERY calls, or panics, or spins in the timer interrupt
 * with interrupts off, so that nothing runs again. Never on otherwise. */
#include <kernel.h>
#include <errno.h>
#include <mm.h>
#include <params.h>
#include <slab.h>
#include <syscall.h>
#include <timer.h>
#include <asm/processor.h>

#define FUZZ_SELFTEST_START 9000
#define FUZZ_SELFTEST_EVERY 1000

enum selftest { SELFTEST_LEAK = 1, SELFTEST_PANIC, SELFTEST_HANG };

static struct timer_list selftest_timer;
static enum selftest selftest_mode;
static unsigned long selftest_next = FUZZ_SELFTEST_START;
static unsigned long selftest_leaked;

/* The tick (interrupts off): act once the count has passed the mark. */
static void selftest_tick(unsigned long data)
{
	if (syscall_count >= selftest_next) {
		switch (selftest_mode) {
		case SELFTEST_LEAK:
			if (alloc_page(GFP_ATOMIC) && kmalloc(64, GFP_ATOMIC))
				selftest_leaked++;
			selftest_next += FUZZ_SELFTEST_EVERY;
			break;
		case SELFTEST_PANIC:
			panic("fuzz_selftest: a panic in the middle of a fuzz run");
		case SELFTEST_HANG:
			for (;;)
				cpu_relax();
		}
	}
	mod_timer(&selftest_timer, jiffies + 1);
}

static int fuzz_selftest_param(const char *value)
{
	static const char *const modes[] = { "leak", "panic", "hang" };

	for (size_t i = 0; i < ARRAY_SIZE(modes); i++)
		if (value && !strcmp(value, modes[i])) {
			selftest_mode = i + 1;
			setup_timer(&selftest_timer, selftest_tick, 0);
			mod_timer(&selftest_timer, jiffies + 1);
			pr_warn("fuzz_selftest=%s: this kernel will %s under a fuzz run\n", value,
				selftest_mode == SELFTEST_LEAK ? "leak" : value);
			return 0;
		}
	return -EINVAL;
}
KERNEL_PARAM("fuzz_selftest", fuzz_selftest_param);
