/* arch/i386/test_jump_label.c: the static branch sites as the CPU runs
 * them (include/asm/jump_label.h). Each check reads the patched text: a
 * site whose key is true still holds its jmp (into the text) or its
 * instruction, one whose key is false holds nops of the same length, and
 * the branch reports the key. make test runs with the lock checker on (its
 * sites jmps); booted with nolockdep they are nops, and the suite passes
 * both ways; so for the lock words' sites at one CPU (nops) and at several
 * (jmps). */
#include <kernel.h>
#include <ktest.h>
#include <lockdep.h>
#include <spinlock.h>
#include <asm/cpufeature.h>
#include <asm/jump_label.h>

extern const struct jump_entry __jump_table_start[], __jump_table_end[];
extern char _text[], _etext[];

static bool site_is_nops(const u8 *c, unsigned long len)
{
	return len == 3 ? c[0] == 0x0f && c[1] == 0x1f && c[2] == 0x00 :
	       c[0] == 0x0f && c[1] == 0x1f && c[2] == 0x44 && c[3] == 0 && c[4] == 0;
}

/* A live site: a jmp into the text (5 bytes) or stac/clac (3). */
static bool site_is_live(const u8 *c, unsigned long len)
{
	u32 to = (u32)c + 5 + *(const u32 *)(c + 1);

	if (len == 3)
		return c[0] == 0x0f && c[1] == 0x01 && (c[2] == 0xcb || c[2] == 0xca);
	return c[0] == 0xe9 && to >= (u32)_text && to < (u32)_etext;
}

static void jump_label_sites_follow_their_keys(struct ktest *t)
{
	unsigned int lockdep_sites = 0, smap_sites = 0, word_sites = 0, wrong = 0;

	for (const struct jump_entry *e = __jump_table_start; e < __jump_table_end; e++) {
		const u8 *c = (const u8 *)e->code;

		KTEST_EXPECT_TRUE(t, e->len == 3 || e->len == 5);
		KTEST_EXPECT_TRUE(t, e->code >= (u32)_text && e->code < (u32)_etext);
		lockdep_sites += e->key == &debug_locks;
		smap_sites += e->key == &smap_enabled;
		word_sites += e->key == &smp_lock_words;
		wrong += *e->key ? !site_is_live(c, e->len) : !site_is_nops(c, e->len);
	}
	KTEST_EXPECT_EQ(t, wrong, 0);
	KTEST_EXPECT_GT(t, lockdep_sites, 20);    /* every inline lock and unlock */
	KTEST_EXPECT_GT(t, smap_sites, 4);        /* every uaccess window */
	KTEST_EXPECT_GT(t, word_sites, 20);       /* every lock word access */
}

static void jump_label_branch_reports_its_key(struct ktest *t)
{
	/* on in make test, off under nolockdep: either way the same answer */
	KTEST_EXPECT_EQ(t, static_branch_unlikely(&debug_locks), debug_locks);
	KTEST_EXPECT_EQ(t, static_branch_unlikely(&smap_enabled), smap_enabled);
	KTEST_EXPECT_EQ(t, static_branch_unlikely(&smp_lock_words), smp_lock_words);
	KTEST_EXPECT_EQ(t, static_branch_unlikely(&spin_lock_work), spin_lock_work);
}

static const struct ktest_case jump_label_cases[] = {
	KTEST_CASE(jump_label_sites_follow_their_keys),
	KTEST_CASE(jump_label_branch_reports_its_key),
	{}
};
KTEST_SUITE(jump_label, jump_label_cases);
