/* tests/test_uaccess.c: user-memory access. Bad pointers (kernel addresses,
 * ranges that cross TASK_SIZE or wrap, unmapped pages, NULL) give a short copy
 * or -EFAULT, never an oops. Kernel ranges are refused before any access; an
 * unmapped user page (NULL included) must go through an exception-table
 * fixup, which the fixup counter proves. The good path copies through a
 * temporary user-accessible alias of kernel memory (ktest_user_alias). */
#include <kernel.h>
#include <errno.h>
#include <ktest.h>
#include <asm/page.h>
#include <asm/processor.h>
#include <asm/uaccess.h>

static void uaccess_rejects_kernel_addresses(struct ktest *t)
{
	char buf[32];      /* a refused copy_from_user zero-fills all it was asked for */
	unsigned long fixups = uaccess_fixups;

	memset(buf, 'x', sizeof(buf));
	KTEST_EXPECT_EQ(t, copy_from_user(buf, (void *)PAGE_OFFSET, 8), 8);
	KTEST_EXPECT_EQ(t, buf[0], 0);                  /* zeroed, not stale */
	KTEST_EXPECT_EQ(t, copy_to_user((void *)0xC0100000, buf, 8), 8);
	KTEST_EXPECT_EQ(t, copy_to_user((void *)0xBFFFFFFC, buf, 8), 8);   /* crosses TASK_SIZE */
	KTEST_EXPECT_EQ(t, copy_from_user(buf, (void *)0xFFFFFFF0, 0x20), 0x20); /* wraps */
	KTEST_EXPECT_EQ(t, strncpy_from_user(buf, (char *)PAGE_OFFSET, 8), -EFAULT);
	KTEST_EXPECT_EQ(t, uaccess_fixups, fixups);    /* refused before touching */
}

static void uaccess_unmapped_page_faults_to_fixup(struct ktest *t)
{
	char buf[16];
	unsigned long fixups = uaccess_fixups;
	u32 v;

	KTEST_EXPECT_EQ(t, copy_from_user(buf, (void *)0x1000, 16), 16);
	KTEST_EXPECT_EQ(t, copy_to_user((void *)0x2000, buf, 16), 16);
	KTEST_EXPECT_EQ(t, clear_user((void *)0x3000, 16), 16);
	KTEST_EXPECT_EQ(t, strncpy_from_user(buf, (char *)0x4000, 16), -EFAULT);
	KTEST_EXPECT_EQ(t, get_user_u32(&v, (u32 *)0x5000), -EFAULT);
	/* NULL is a user address like any other: it faults and is fixed up. */
	KTEST_EXPECT_EQ(t, put_user_u32(1, NULL), -EFAULT);
	KTEST_EXPECT_EQ(t, copy_from_user(buf, NULL, 8), 8);
	KTEST_EXPECT_EQ(t, uaccess_fixups, fixups + 7);
}

static void uaccess_copies_through_user_address(struct ktest *t)
{
	static char kbuf[32] = "hello from user space";
	static char kout[32];
	char copy[32];
	char *ubuf = ktest_user_alias(kbuf), *uout = ktest_user_alias(kout);
	u32 word = 0;

	KTEST_EXPECT_EQ(t, copy_from_user(copy, ubuf, sizeof(copy)), 0);
	KTEST_EXPECT_STREQ(t, copy, "hello from user space");
	KTEST_EXPECT_EQ(t, strncpy_from_user(copy, ubuf, sizeof(copy)), 21);
	KTEST_EXPECT_EQ(t, strncpy_from_user(copy, ubuf, 5), 5);     /* no NUL within 5 */
	KTEST_EXPECT_EQ(t, copy_to_user(uout, "written", 8), 0);
	KTEST_EXPECT_EQ(t, get_user_u32(&word, (u32 *)ubuf), 0);
	KTEST_EXPECT_EQ(t, word, 0x6c6c6568);                           /* "hell" */
	ktest_drop_user_alias();
	KTEST_EXPECT_STREQ(t, kout, "written");
}

static const struct ktest_case uaccess_cases[] = {
	KTEST_CASE(uaccess_rejects_kernel_addresses),
	KTEST_CASE(uaccess_unmapped_page_faults_to_fixup),
	KTEST_CASE(uaccess_copies_through_user_address),
	{}
};
KTEST_SUITE(uaccess, uaccess_cases);
