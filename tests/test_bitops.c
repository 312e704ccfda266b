/* tests/test_bitops.c: the atomic bit operations of include/asm/bitops.h
 * (claim c32: thread_info flags set by other CPUs). Their meaning on one
 * CPU, bit numbers past the first word, and, on several CPUs, each CPU
 * toggling its own bit of one shared word a great many times at once: with
 * a plain read-modify-write a CPU's store would sooner or later wipe
 * another's bit, which that CPU's test_and_clear_bit would then find
 * clear. */
#include <kernel.h>
#include <cpumask.h>
#include <ktest.h>
#include <sched.h>
#include <smp.h>
#include <asm/bitops.h>
#include <asm/processor.h>

static void bitops_set_clear_test(struct ktest *t)
{
	unsigned long w[2] = { 0, 0 };

	set_bit(0, w);
	set_bit(31, w);
	KTEST_EXPECT_EQ(t, w[0], 0x80000001UL);
	set_bit(40, w);                       /* the second word's bit 8 */
	KTEST_EXPECT_EQ(t, w[1], 0x100UL);
	KTEST_EXPECT_TRUE(t, test_bit(40, w));
	KTEST_EXPECT_FALSE(t, test_bit(41, w));
	clear_bit(0, w);
	KTEST_EXPECT_EQ(t, w[0], 0x80000000UL);
	change_bit(3, w);
	change_bit(31, w);
	KTEST_EXPECT_EQ(t, w[0], 0x8UL);
	KTEST_EXPECT_FALSE(t, test_and_set_bit(5, w));
	KTEST_EXPECT_TRUE(t, test_and_set_bit(5, w));
	KTEST_EXPECT_TRUE(t, test_and_clear_bit(5, w));
	KTEST_EXPECT_FALSE(t, test_and_clear_bit(5, w));
	KTEST_EXPECT_TRUE(t, test_and_clear_bit(40, w));
	KTEST_EXPECT_EQ(t, w[0], 0x8UL);
	KTEST_EXPECT_EQ(t, w[1], 0UL);
}

/* The flags a signal or a reschedule sets from elsewhere use them. */
static void bitops_thread_flags_are_atomic_bits(struct ktest *t)
{
	struct thread_info *ti = current_thread_info();
	bool had = test_ti_thread_flag(ti, TIF_RESTORE_SIGMASK);

	set_ti_thread_flag(ti, TIF_RESTORE_SIGMASK);
	KTEST_EXPECT_TRUE(t, ti->flags & (1UL << TIF_RESTORE_SIGMASK));
	KTEST_EXPECT_TRUE(t, test_and_clear_ti_thread_flag(ti, TIF_RESTORE_SIGMASK));
	KTEST_EXPECT_FALSE(t, test_and_clear_ti_thread_flag(ti, TIF_RESTORE_SIGMASK));
	if (had)
		set_ti_thread_flag(ti, TIF_RESTORE_SIGMASK);
}

#define TOGGLES 200000

static unsigned long shared_word;
static int toggle_lost[NR_CPUS];

/* Toggle this CPU's bit of shared_word; count the times it was not what
 * this CPU itself left it as. */
static void toggle_own_bit(void *arg)
{
	int cpu = smp_processor_id();

	(void)arg;
	for (int i = 0; i < TOGGLES; i++) {
		if (test_and_set_bit(cpu, &shared_word))
			toggle_lost[cpu]++;
		if (!test_and_clear_bit(cpu, &shared_word))
			toggle_lost[cpu]++;
	}
}

static void claim_c32_bitops_atomic_across_cpus(struct ktest *t)
{
	int cpu;

	shared_word = 0;
	for_each_online_cpu(cpu)
		toggle_lost[cpu] = 0;
	KTEST_ASSERT_EQ(t, ktest_on_all_cpus(toggle_own_bit, NULL), num_online_cpus());
	for_each_online_cpu(cpu)
		KTEST_EXPECT_EQ(t, toggle_lost[cpu], 0);
	KTEST_EXPECT_EQ(t, shared_word, 0UL);
}

static struct ktest_case bitops_cases[] = {
	KTEST_CASE(bitops_set_clear_test),
	KTEST_CASE(bitops_thread_flags_are_atomic_bits),
	KTEST_CASE(claim_c32_bitops_atomic_across_cpus),
	{}
};
KTEST_SUITE(bitops, bitops_cases);
