/* tests/test_timer.c: hardware interrupts really arrive: the tick (the
 * PIT, or with APICs CPU 0's local APIC timer) advances jiffies at HZ, and bytes typed on the serial line (the host runner sends a
 * probe line on QEMU's stdin) come in through IRQ 4 into the input ring. */
#include <kernel.h>
#include <ktest.h>
#include <params.h>
#include <smp.h>
#include <asm/apic.h>
#include <asm/irq.h>
#include <asm/irqflags.h>
#include <asm/serial.h>

/* Each tick was an interrupt of the tick's source: IRQ 0 without APICs,
 * CPU 0's APIC timer with them (then the PIT's IRQ 0 still fires, only
 * counted, on whichever CPUs it is routed to). */
static void pit_ticks_advance_jiffies(struct ktest *t)
{
	unsigned long apic0 = per_cpu(apic_timer_irqs, 0);   /* first: it moves first */
	unsigned long j0 = jiffies, irqs0 = irq_count[0];

	KTEST_ASSERT_FALSE(t, irqs_disabled());
	while (jiffies - j0 < 5)
		halt();                      /* sleeps until the next interrupt */
	KTEST_EXPECT_GE(t, jiffies - j0, 5);
	if (apic_enabled)
		KTEST_EXPECT_GE(t, per_cpu(apic_timer_irqs, 0) - apic0, jiffies - j0);
	else
		KTEST_EXPECT_GE(t, irq_count[0] - irqs0, 5);
	KTEST_EXPECT_GE(t, irq_count[0] - irqs0, 3);    /* the PIT runs either way */
}

static void pit_programmed_for_hz(struct ktest *t)
{
	/* The divisor is 1193182 / HZ = 11932: the counter never exceeds it
	 * (the BIOS default, 65536, would), and it counts down. */
	u16 max = 0, a, b;
	int moved = 0;

	for (int i = 0; i < 2000; i++) {
		a = pit_read_count();
		b = pit_read_count();
		max = a > max ? a : max;
		moved += a != b;
	}
	KTEST_EXPECT_LE(t, max, 11932);
	KTEST_EXPECT_GT(t, max, 0);
	KTEST_EXPECT_GT(t, moved, 0);
}

/* serial_probe=1: the host runner will type a probe line on the console
 * when the case below asks for it (its log line "ready for the probe
 * line"): not earlier, since a console open before then would hand the
 * bytes to the console's tty instead (drivers/tty/serial_console.c). */
static bool probe_promised;

static int set_serial_probe(const char *value)
{
	probe_promised = !value || !strcmp(value, "1");
	return 0;
}
KERNEL_PARAM("serial_probe", set_serial_probe);

static void serial_input_arrives_by_interrupt(struct ktest *t)
{
	char line[64];
	int n;

	ktest_log(t, "ready for the probe line");
	n = serial_read_line(line, sizeof(line), 2 * HZ);

	if (n < 0 && !probe_promised)
		KTEST_SKIP(t, "no serial input within 2 s, and none was promised (serial_probe=1)");
	KTEST_ASSERT_GE(t, n, 0);          /* promised input never arrived */
	KTEST_EXPECT_STREQ(t, line, "tasklab-serial-probe-42");
	KTEST_EXPECT_GE(t, irq_count[4], 1);
	KTEST_EXPECT_GE(t, serial_rx_count, (unsigned long)n + 1);
	KTEST_EXPECT_EQ(t, serial_rx_dropped, 0);
}

static void irqs_enabled_and_nesting_zero_in_tests(struct ktest *t)
{
	KTEST_EXPECT_FALSE(t, irqs_disabled());
	KTEST_EXPECT_EQ(t, this_cpu(hardirq_depth), 0);
}

static const struct ktest_case timer_cases[] = {
	KTEST_CASE(pit_ticks_advance_jiffies),
	KTEST_CASE(pit_programmed_for_hz),
	KTEST_CASE(serial_input_arrives_by_interrupt),
	KTEST_CASE(irqs_enabled_and_nesting_zero_in_tests),
	{}
};
KTEST_SUITE(timer, timer_cases);
