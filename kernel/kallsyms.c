/* kernel/kallsyms.c: looking up the kernel's own symbols, and backtraces.
 * The table (address, size, name of every function, sorted) is generated at
 * link time by scripts/kallsyms.py. Backtraces follow the saved frame pointers
 * (the kernel is built with -fno-omit-frame-pointer): [ebp] is the caller's
 * ebp and [ebp + 4] the return address. The walk stays inside the 8 KiB kernel
 * stack it started on and stops at a zero ebp (set at the bottom of every
 * stack) so a corrupted chain cannot run away.
 *
 * GCC on i386 gives a leaf function that needs no stack no frame at all, even
 * with -fno-omit-frame-pointer (its manual says some targets always do). When
 * a trap hits such a function, the frame chain skips its caller; the caller's
 * return address is then the word on top of the stack, which the oops report
 * prints marked with '?', as Linux's unwinder marks its guesses. */
#include <kernel.h>
#include <kallsyms.h>
#include <mm.h>
#include <asm/page.h>
#include <asm/unwind.h>

extern const unsigned long kallsyms_num;
extern const unsigned long kallsyms_addresses[];
extern const unsigned long kallsyms_sizes[];
extern const unsigned long kallsyms_name_offsets[];
extern const char kallsyms_name_blob[];

static const char *kallsyms_name(unsigned long i)
{
	return kallsyms_name_blob + kallsyms_name_offsets[i];
}
extern char _text[], _etext[];

const char *kallsyms_lookup(unsigned long addr, unsigned long *offset, unsigned long *size)
{
	unsigned long lo = 0, hi = kallsyms_num;

	if (addr < (unsigned long)_text || addr >= (unsigned long)_etext || !kallsyms_num)
		return NULL;
	while (hi - lo > 1) {                 /* last symbol with address <= addr */
		unsigned long mid = (lo + hi) / 2;
		if (kallsyms_addresses[mid] <= addr)
			lo = mid;
		else
			hi = mid;
	}
	if (kallsyms_addresses[lo] > addr)
		return NULL;
	if (offset)
		*offset = addr - kallsyms_addresses[lo];
	if (size)
		*size = kallsyms_sizes[lo];
	return kallsyms_name(lo);
}

unsigned long kallsyms_lookup_name(const char *name)
{
	for (unsigned long i = 0; i < kallsyms_num; i++)
		if (!strcmp(kallsyms_name(i), name))
			return kallsyms_addresses[i];
	return 0;
}

int sprint_symbol(char *buf, size_t len, unsigned long addr)
{
	unsigned long off, size;
	const char *name = kallsyms_lookup(addr, &off, &size);

	if (!name)
		return snprintf(buf, len, "%#lx", addr);
	return snprintf(buf, len, "%s+%#lx/%#lx", name, off, size);
}

int sprint_backtrace(char *buf, size_t len, unsigned long ret)
{
	unsigned long off, size;
	const char *name = kallsyms_lookup(ret - 1, &off, &size);

	if (!name)
		return snprintf(buf, len, "%#lx", ret);
	return snprintf(buf, len, "%s+%#lx/%#lx", name, off + 1, size);
}

/* May the frame chain hop from one stack to `next`? Once only (from the
 * stack-overflow panic's spare stack to the task's), and only into the
 * direct map, where reading cannot fault. */
static bool may_hop(unsigned long next, bool hopped)
{
	return !hopped && next >= PAGE_OFFSET && next < (unsigned long)high_memory;
}

int save_backtrace(unsigned long ebp, unsigned long *addrs, int max)
{
	unsigned long stack = ebp & ~(THREAD_SIZE - 1);
	bool hopped = false;
	int n = 0;

	while (n < max && ebp >= PAGE_OFFSET && (ebp & 3) == 0 &&
	       (ebp & ~(THREAD_SIZE - 1)) == stack) {
		unsigned long ret = ((unsigned long *)ebp)[1];
		unsigned long next = ((unsigned long *)ebp)[0];
		if (!ret)
			break;
		addrs[n++] = ret;
		if ((next & ~(THREAD_SIZE - 1)) != stack && may_hop(next, hopped)) {
			stack = next & ~(THREAD_SIZE - 1);
			hopped = true;
		} else if (next <= ebp) {        /* frames must move up the stack */
			break;
		}
		ebp = next;
	}
	return n;
}

/* Does the code at addr run with its own frame set up? False for a function
 * whose first instructions are not "push %ebp; mov %esp,%ebp", and for the
 * first two instructions of one that is. */
static bool has_frame_at(unsigned long addr)
{
	unsigned long off;
	const unsigned char *code;

	if (!kallsyms_lookup(addr, &off, NULL))
		return true;
	code = (const unsigned char *)(addr - off);
	return is_frame_setup(code) && off >= FRAME_SETUP_LEN;
}

unsigned long frameless_caller(unsigned long eip, unsigned long esp)
{
	unsigned long ret;

	if (has_frame_at(eip) || (esp & 3) || esp < PAGE_OFFSET)
		return 0;
	ret = *(unsigned long *)esp;
	return kallsyms_lookup(ret - 1, NULL, NULL) ? ret : 0;
}

void show_backtrace(unsigned long ebp)
{
	unsigned long addrs[32];
	int n = save_backtrace(ebp, addrs, ARRAY_SIZE(addrs));

	for (int i = 0; i < n; i++)
		printk(KERN_EMERG " [<%08lx>] %pB\n", addrs[i], (void *)addrs[i]);
}
