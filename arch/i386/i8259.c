/* arch/i386/i8259.c: the two cascaded 8259A interrupt controllers.
 * The BIOS leaves IRQ 0-7 on vectors 8-15, where they would collide with CPU
 * exceptions; we remap master to 32..39 and slave to 40..47, mask every line,
 * and let request_irq() unmask the lines that get a handler. */
#include <kernel.h>
#include <asm/io.h>
#include <asm/irq.h>
#include <asm/ptrace.h>
#include <trace/events.h>

#define PIC1_CMD  0x20
#define PIC1_DATA 0x21
#define PIC2_CMD  0xA0
#define PIC2_DATA 0xA1
#define PIC_EOI   0x20

static irq_handler_t irq_handlers[NR_IRQS];
static const char *irq_names[NR_IRQS];
unsigned long irq_count[NR_IRQS];
int hardirq_depth;
static u16 irq_mask_bits = 0xFFFF;

static void pic_write_mask(void)
{
	outb(PIC1_DATA, irq_mask_bits & 0xFF);
	outb(PIC2_DATA, irq_mask_bits >> 8);
}

void pic_init(void)
{
	outb(PIC1_CMD, 0x11);  io_delay();    /* ICW1: edge triggered, ICW4 follows */
	outb(PIC2_CMD, 0x11);  io_delay();
	outb(PIC1_DATA, FIRST_EXTERNAL_VECTOR);      io_delay();   /* ICW2: vector base */
	outb(PIC2_DATA, FIRST_EXTERNAL_VECTOR + 8);  io_delay();
	outb(PIC1_DATA, 0x04); io_delay();    /* ICW3: slave on IRQ 2 */
	outb(PIC2_DATA, 0x02); io_delay();
	outb(PIC1_DATA, 0x01); io_delay();    /* ICW4: 8086 mode */
	outb(PIC2_DATA, 0x01); io_delay();
	irq_mask_bits = 0xFFFF & ~(1 << 2);   /* cascade line stays open */
	pic_write_mask();
}

void pic_unmask(int irq)
{
	irq_mask_bits &= ~(1 << irq);
	pic_write_mask();
}

void pic_eoi(int irq)
{
	if (irq >= 8)
		outb(PIC2_CMD, PIC_EOI);
	outb(PIC1_CMD, PIC_EOI);
}

void request_irq(int irq, irq_handler_t handler, const char *name)
{
	BUG_ON(irq < 0 || irq >= NR_IRQS || irq_handlers[irq]);
	irq_handlers[irq] = handler;
	irq_names[irq] = name;
	pic_unmask(irq);
}

/* IRQ 7 and 15 can be spurious: the in-service bit tells a real one apart. */
static bool spurious_irq(int irq)
{
	u16 port = irq == 7 ? PIC1_CMD : PIC2_CMD;

	if (irq != 7 && irq != 15)
		return false;
	outb(port, 0x0B);                     /* OCW3: read the in-service register */
	if (inb(port) & 0x80)
		return false;
	if (irq == 15)
		outb(PIC1_CMD, PIC_EOI);          /* the master did see the cascade */
	return true;
}

void do_irq(struct pt_regs *regs)
{
	int irq = regs->trapno - FIRST_EXTERNAL_VECTOR;

	if (spurious_irq(irq))
		return;
	irq_count[irq]++;
	hardirq_depth++;
	pic_eoi(irq);
	trace_irq_handler_entry(irq, irq_names[irq]);
	if (irq_handlers[irq])
		irq_handlers[irq](irq, regs);
	else
		pr_warn("irq %d: no handler\n", irq);
	trace_irq_handler_exit(irq);
	hardirq_depth--;
}
