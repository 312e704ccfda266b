/* arch/i386/jump_label.c: the boot-time patching of static branches
 * (include/asm/jump_label.h): every site whose key is false has its
 * 5-byte jmp (or 3-byte instruction) replaced by a nop of that length. It runs on the boot CPU alone,
 * before the text is made read-only (mem_init) and before any other CPU
 * starts, so no CPU can be executing a site while it is rewritten; a CPU
 * that runs patched code afterwards fetches it fresh (x86 keeps its
 * instruction fetch coherent with its own stores, and the other CPUs
 * start later). */
#include <kernel.h>
#include <string.h>
#include <asm/jump_label.h>

extern const struct jump_entry __jump_table_start[], __jump_table_end[];

static const u8 nops[][5] = {     /* Intel's recommended long nops */
	[3] = { 0x0f, 0x1f, 0x00 },                     /* nopl (%eax) */
	[5] = { 0x0f, 0x1f, 0x44, 0x00, 0x00 },         /* nopl 0(%eax,%eax,1) */
};

void jump_label_init(void)
{
	unsigned int n = 0, total = 0;

	for (const struct jump_entry *e = __jump_table_start; e < __jump_table_end; e++, total++) {
		if (*e->key)
			continue;
		BUG_ON(e->len >= ARRAY_SIZE(nops) || !nops[e->len][0]);
		memcpy((void *)e->code, nops[e->len], e->len);
		n++;
	}
	pr_info("jump_label: %u of %u static branch sites made nops\n", n, total);
}
