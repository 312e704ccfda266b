/* arch/i386/i8253.c: the programmable interval timer, channel 0, at HZ = 100.
 * Until the local APIC timer takes over (arch/i386/apic.c, when the machine
 * has APICs), each tick advances jiffies and calls timer_tick()
 * (kernel/timer.c): the scheduler's accounting and the timer list. After
 * that, IRQ 0 keeps firing but only counts (do_irq's per-CPU counts): a
 * harmless device interrupt that the I/O APIC spreads over the CPUs to show
 * that it can, while the real drivers stay on CPU 0. The counter also
 * serves as a clock for short busy waits (pit_udelay) and for calibrating
 * the APIC timer. */
#include <kernel.h>
#include <asm/io.h>
#include <asm/irq.h>
#include <timer.h>

#define PIT_FREQ  1193182
#define PIT_CH0   0x40
#define PIT_CMD   0x43
#define LATCH     ((PIT_FREQ + HZ / 2) / HZ)

volatile unsigned long jiffies;
static bool pit_ticks = true;          /* IRQ 0 is the tick (no APIC timer yet) */

static void timer_interrupt(int irq, struct pt_regs *regs)
{
	if (!pit_ticks)
		return;                       /* counted by do_irq, nothing else */
	jiffies++;
	timer_tick(regs);
}

/* Contract: called once on CPU 0, interrupts off, when its APIC timer
 * becomes the tick. */
void pit_stop_ticking(void)
{
	pit_ticks = false;
}

void pit_init(void)
{
	outb(PIT_CMD, 0x34);                  /* channel 0, lo/hi byte, mode 2 */
	outb(PIT_CH0, LATCH & 0xFF);
	outb(PIT_CH0, LATCH >> 8);
	request_irq(0, timer_interrupt, "timer");
}

/* Latch and read the channel 0 down-counter (the timer self-tests). */
u16 pit_read_count(void)
{
	u8 lo, hi;

	outb(PIT_CMD, 0x00);                  /* latch channel 0 */
	lo = inb(PIT_CH0);
	hi = inb(PIT_CH0);
	return lo | (hi << 8);
}

/* Contract: wait at least us microseconds by the PIT's channel 0, which
 * counts down from LATCH at 1.193182 MHz and reloads; any interrupt state.
 * For waits shorter than a tick or with interrupts off (the INIT-SIPI-SIPI
 * delays, calibration). */
void pit_udelay(unsigned long us)
{
	unsigned long want = (unsigned long)((u64)us * PIT_FREQ / 1000000) + 1, done = 0;
	u16 prev = pit_read_count(), now;

	while (done < want) {
		now = pit_read_count();
		done += prev >= now ? prev - now : prev + LATCH - now;
		prev = now;
	}
}
