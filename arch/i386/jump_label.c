/* arch/i386/jump_label.c: the boot-time patching of static branches
 * (include/asm/jump_label.h): every site whose key is false has its
 * 5-byte jmp (or 3-byte instruction) replaced by a nop of that length. It
 * runs on the boot CPU alone, before any other CPU starts, so no CPU can be
 * executing a site while it is rewritten; a CPU that runs patched code
 * afterwards fetches it fresh (x86 keeps its instruction fetch coherent
 * with its own stores, and the other CPUs start later). Most keys are
 * final when jump_label_init runs, before the text is made read-only
 * (mem_init); `smp_lock_words` and `spin_lock_work` need the firmware's
 * CPU count, known only after the APIC is set up, so their sites keep their
 * jmp (the lock words are taken) until jump_label_apply() patches them,
 * writing the read-only text with CR0.WP cleared for the moment. */
#include <kernel.h>
#include <string.h>
#include <spinlock.h>
#include <asm/irqflags.h>
#include <asm/processor.h>
#include <asm/jump_label.h>

extern const struct jump_entry __jump_table_start[], __jump_table_end[];

static const u8 nops[][5] = {     /* Intel's recommended long nops */
	[3] = { 0x0f, 0x1f, 0x00 },                     /* nopl (%eax) */
	[5] = { 0x0f, 0x1f, 0x44, 0x00, 0x00 },         /* nopl 0(%eax,%eax,1) */
};

/* Keys decided after jump_label_init: patched by jump_label_apply. */
static bool deferred(const bool *key)
{
	return key == &smp_lock_words || key == &spin_lock_work;
}

/* Make the sites of key (every key but the deferred ones when key is
 * NULL) nops if their key is false; how many were made so. */
static unsigned int patch_sites(const bool *key)
{
	unsigned int n = 0;

	for (const struct jump_entry *e = __jump_table_start; e < __jump_table_end; e++) {
		if (key ? e->key != key : deferred(e->key))
			continue;
		if (*e->key)
			continue;
		BUG_ON(e->len >= ARRAY_SIZE(nops) || !nops[e->len][0]);
		memcpy((void *)e->code, nops[e->len], e->len);
		n++;
	}
	return n;
}

void jump_label_init(void)
{
	unsigned int total = __jump_table_end - __jump_table_start;

	pr_info("jump_label: %u of %u static branch sites made nops\n", patch_sites(NULL), total);
}

/* Contract: once, when deferred key's value is final (it stays so): its
 * sites become nops if it is false. The boot CPU alone, interrupts off,
 * no site of the key in use (for smp_lock_words: no lock held). Returns
 * how many sites were made nops. */
unsigned int jump_label_apply(const bool *key)
{
	u32 cr0 = read_cr0();
	unsigned int n;

	BUG_ON(!deferred(key) || !irqs_disabled());
	write_cr0(cr0 & ~X86_CR0_WP);   /* the text is read-only since mem_init */
	n = patch_sites(key);
	write_cr0(cr0);
	return n;
}
