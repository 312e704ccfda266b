/* include/asm/uaccess.h: the only way the kernel touches user memory.
 * A user pointer is first range-checked (access_ok: the whole range below
 * TASK_SIZE, no wrap-around), then copied with instructions that have an entry
 * in the exception table: if one of them faults (an unmapped or protected
 * page), the trap handler resumes at its fixup code instead of oopsing, and
 * the copy reports how much it could not do. Callers turn that into -EFAULT.
 * No system call dereferences a user pointer directly. */
#ifndef TASKLAB_ASM_UACCESS_H
#define TASKLAB_ASM_UACCESS_H

#include <types.h>
#include <asm/page.h>                   /* TASK_SIZE */

struct pt_regs;

/* One exception-table entry: a faulting instruction and where to resume. */
struct exception_table_entry {
	unsigned long insn, fixup;
};

static inline bool access_ok(const void *addr, unsigned long size)
{
	unsigned long a = (unsigned long)addr;

	return size <= TASK_SIZE && a <= TASK_SIZE - size;
}

/* Both return the number of bytes NOT copied: 0 on success. */
unsigned long copy_from_user(void *to, const void *from, unsigned long n);
fastcall unsigned long copy_to_user(void *to, const void *from, unsigned long n);
/* copy_from_user without its zero fill of what could not be copied: for
 * copies into memory that already holds data (a file's page), which a
 * failed write must leave as it was. */
fastcall unsigned long raw_copy_from_user(void *to, const void *from, unsigned long n);
unsigned long clear_user(void *to, unsigned long n);
/* Copy a NUL-terminated string of at most count bytes (NUL included).
 * Returns its length without the NUL, count if it did not end within count
 * bytes (the caller reports ENAMETOOLONG or E2BIG), or -EFAULT. */
long strncpy_from_user(char *dst, const char *src, long count);
/* get_user/put_user of one 32-bit word: 0 or -EFAULT. */
int get_user_u32(u32 *val, const u32 *uaddr);
int put_user_u32(u32 val, u32 *uaddr);

/* lib/usercopy.c: a versioned struct of usize bytes at src into dst of
 * ksize: zeros past a shorter one; a longer one must be zero past ksize.
 * 0, -E2BIG (a non-zero byte there) or -EFAULT. */
int copy_struct_from_user(void *dst, size_t ksize, const void *src, size_t usize);
/* Are the size bytes at from all zero? 1, 0, or -EFAULT. */
int check_zeroed_user(const void *from, size_t size);

/* Called by the trap handler: if regs->eip has a fixup, resume there. */
bool fixup_exception(struct pt_regs *regs);
/* Faults resolved by a fixup since boot (for tests). */
extern unsigned long uaccess_fixups;

#endif
