/* arch/i386/i8253.c: the programmable interval timer, channel 0, at HZ = 100.
 * Each tick advances jiffies and calls timer_tick() (kernel/timer.c): the
 * scheduler's accounting and the timer list. */
#include <kernel.h>
#include <asm/io.h>
#include <asm/irq.h>
#include <timer.h>

#define PIT_FREQ  1193182
#define PIT_CH0   0x40
#define PIT_CMD   0x43
#define LATCH     ((PIT_FREQ + HZ / 2) / HZ)

volatile unsigned long jiffies;

static void timer_interrupt(int irq, struct pt_regs *regs)
{
	jiffies++;
	timer_tick(regs);
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
