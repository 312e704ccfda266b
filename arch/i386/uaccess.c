/* arch/i386/uaccess.c: copying to and from user memory with exception-table
 * fixups (the Linux i386 technique). Each instruction that may fault on a
 * user address is paired with a fixup label in the __ex_table section; a
 * kernel-mode fault at such an instruction resumes at the fixup, which makes
 * the copy return how many bytes were left. The table is built by the linker
 * (__ex_table_start..__ex_table_end) and searched linearly: it has a handful
 * of entries. These three instructions are the kernel's only accesses to
 * user memory, so they alone open a SMAP window (stac before, clac after,
 * on the fixup path too: include/asm/smap.h). */
#include <kernel.h>
#include <errno.h>
#include <asm/ptrace.h>
#include <asm/smap.h>
#include <asm/uaccess.h>

extern const struct exception_table_entry __ex_table_start[], __ex_table_end[];
unsigned long uaccess_fixups;

bool fixup_exception(struct pt_regs *regs)
{
	for (const struct exception_table_entry *e = __ex_table_start; e < __ex_table_end; e++) {
		if (e->insn == regs->eip) {
			regs->eip = e->fixup;
			uaccess_fixups++;
			return true;
		}
	}
	return false;
}

/* rep movsb with a fixup: on a fault ecx still holds the bytes not copied. */
static unsigned long copy_bytes(void *to, const void *from, unsigned long n)
{
	stac();
	__asm__ __volatile__(
		"1:	rep movsb\n"
		"2:\n"
		".section __ex_table, \"a\"\n"
		"	.long 1b, 2b\n"
		".previous\n"
		: "+c"(n), "+D"(to), "+S"(from) :: "memory");
	clac();
	return n;
}

fastcall unsigned long raw_copy_from_user(void *to, const void *from, unsigned long n)
{
	if (!access_ok(from, n))
		return n;
	return copy_bytes(to, from, n);
}

unsigned long copy_from_user(void *to, const void *from, unsigned long n)
{
	unsigned long left = raw_copy_from_user(to, from, n);

	if (left)          /* never hand back stale kernel bytes */
		memset((char *)to + (n - left), 0, left);
	return left;
}

fastcall unsigned long copy_to_user(void *to, const void *from, unsigned long n)
{
	if (!access_ok(to, n))
		return n;
	return copy_bytes(to, from, n);
}

unsigned long clear_user(void *to, unsigned long n)
{
	if (!access_ok(to, n))
		return n;
	stac();
	__asm__ __volatile__(
		"1:	rep stosb\n"
		"2:\n"
		".section __ex_table, \"a\"\n"
		"	.long 1b, 2b\n"
		".previous\n"
		: "+c"(n), "+D"(to) : "a"(0) : "memory");
	clac();
	return n;
}

/* Load one user byte; returns false if it faulted. */
static bool get_user_byte(char *out, const char *uaddr)
{
	int err = 0;
	char c = 0;

	stac();
	__asm__ __volatile__(
		"1:	movb (%2), %b1\n"
		"2:\n"
		".section .text.fixup, \"ax\"\n"
		"3:	movl $1, %0\n"
		"	jmp 2b\n"
		".previous\n"
		".section __ex_table, \"a\"\n"
		"	.long 1b, 3b\n"
		".previous\n"
		: "+r"(err), "+q"(c) : "r"(uaddr));
	clac();
	*out = c;
	return !err;
}

long strncpy_from_user(char *dst, const char *src, long count)
{
	for (long i = 0; i < count; i++) {
		if (!access_ok(src + i, 1) || !get_user_byte(&dst[i], src + i))
			return -EFAULT;
		if (!dst[i])
			return i;
	}
	return count;
}

int get_user_u32(u32 *val, const u32 *uaddr)
{
	return copy_from_user(val, uaddr, sizeof(*val)) ? -EFAULT : 0;
}

int put_user_u32(u32 val, u32 *uaddr)
{
	return copy_to_user(uaddr, &val, sizeof(val)) ? -EFAULT : 0;
}
